//! Threads at low priority for what a `serve` build does after the edited page
//! is answered: the listings drawn last, and the search index. No one waits for
//! that work, so the preview's answers (and the author's editor and browser) run
//! first while it is done.
//!
//! Part of `site`; `plainsite build` never uses it.

use std::sync::OnceLock;

/// The nice value of the pool's threads: they run when nothing at the usual
/// priority wants the processor.
const NICE: i32 = 10;

static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();

/// Runs `work` in the low-priority pool (its parallel iterators use that pool's
/// threads), or here if the pool could not be made.
pub(crate) fn run<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(rayon::current_num_threads())
            .thread_name(|i| format!("plainsite-later-{i}"))
            // Linux gives each thread its own nice value; where the call fails
            // the pool runs at the usual priority.
            .start_handler(|_| {
                let _ = rustix::process::setpriority_process(None, NICE);
            })
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}
