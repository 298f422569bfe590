//! The preview answers only requests addressed to it: the `Host` check.
//!
//! A web page on the internet can point a name it owns at 127.0.0.1 ("DNS
//! rebinding") and then read the preview as if it were its own site. Such a request
//! still carries the attacker's name in `Host`, so the preview answers only a
//! `Host` that is the address it serves: `127.0.0.1`, `localhost` or `[::1]` with
//! its port, or the address `--bind` names (any address of the computer when it is
//! 0.0.0.0 or ::). Anything else gets 421 (400 when `Host` is missing) and a
//! short text. A layer in front of every route; it reads no files.

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Why a request was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No `Host` header (or not text).
    Missing,
    /// A `Host` that is not this preview.
    Elsewhere,
}

/// Checks a request's `Host` against `served`, the address the preview listens on.
pub(crate) fn check(host: Option<&str>, served: SocketAddr) -> Result<(), Refusal> {
    let host = host.ok_or(Refusal::Missing)?.trim();
    let (name, port) = split_port(host).ok_or(Refusal::Elsewhere)?;
    if port.unwrap_or(80) != served.port() {
        return Err(Refusal::Elsewhere);
    }
    let name = name.to_ascii_lowercase();
    if name == "localhost" {
        return Ok(());
    }
    let ip: IpAddr = name
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| Refusal::Elsewhere)?;
    let bound = served.ip();
    let ok = ip == bound
        || ip.is_loopback() && (bound.is_loopback() || bound.is_unspecified())
        || bound.is_unspecified();
    if ok { Ok(()) } else { Err(Refusal::Elsewhere) }
}

/// `name:port` → (name, port); `[v6]:port` and a bare name too. `None` when the
/// port is not a number.
fn split_port(host: &str) -> Option<(&str, Option<u16>)> {
    if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        return match rest.strip_prefix(':') {
            Some(p) => Some((name, Some(p.parse().ok()?))),
            None if rest.is_empty() => Some((name, None)),
            None => None,
        };
    }
    match host.rsplit_once(':') {
        Some((name, p)) if !name.contains(':') => Some((name, Some(p.parse().ok()?))),
        Some(_) => None,
        None => Some((host, None)),
    }
}

/// The layer: passes a request on only when its `Host` is this preview.
pub(crate) async fn only_this_host(
    State(served): State<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    match check(host, served) {
        Ok(()) => next.run(request).await,
        Err(why) => {
            let (status, text) = match why {
                Refusal::Missing => (StatusCode::BAD_REQUEST, "The request has no Host header.\n"),
                Refusal::Elsewhere => (
                    StatusCode::MISDIRECTED_REQUEST,
                    "This preview answers only requests addressed to it, like http://127.0.0.1:PORT/ or http://localhost:PORT/.\n",
                ),
            };
            let mut r = (status, Body::from(text)).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(addr: &str) -> SocketAddr {
        addr.parse()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    #[test]
    fn answers_its_own_addresses() {
        let served = at("127.0.0.1:1111");
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
        ] {
            assert_eq!(check(Some(host), served), Ok(()), "{host}");
        }
        let bound = at("192.168.1.5:8000");
        assert_eq!(check(Some("192.168.1.5:8000"), bound), Ok(()));
        assert_eq!(check(Some("10.0.0.2:8000"), at("0.0.0.0:8000")), Ok(()));
    }

    #[test]
    fn refuses_other_names_ports_and_no_host() {
        let served = at("127.0.0.1:1111");
        for host in [
            "evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost.evil.example:1111",
            "127.0.0.1:1111:1",
            "[::1",
            "",
        ] {
            assert_eq!(check(Some(host), served), Err(Refusal::Elsewhere), "{host}");
        }
        assert_eq!(
            check(Some("10.0.0.2:1111"), served),
            Err(Refusal::Elsewhere)
        );
        assert_eq!(
            check(Some("evil.example:8000"), at("0.0.0.0:8000")),
            Err(Refusal::Elsewhere)
        );
        assert_eq!(check(None, served), Err(Refusal::Missing));
    }
}
