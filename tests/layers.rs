//! The shape of `src/`: modules import only from their own layer or below (the
//! table in `docs/architecture.md`), files import each other without circles,
//! and no source file is over 500 lines.
//!
//! The import graph is read from the source text: every `use` path and every
//! `crate::…`, `super::…` or `self::…` path in code (not in comments, and not in
//! `#[cfg(test)]` modules: tests may reach up), resolved to the file of the
//! deepest module it names. A parent's `mod child;` and its `pub use child::…`
//! re-exports are not imports: they are how a module publishes its children.
//! The binary (`src/bin/`) can only use the library's public items, so it is left
//! out of the graph but not out of the line count.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import from its own layer and those
/// below it. Keep in step with the table in `docs/architecture.md`.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "ground floor",
        &[
            "error",
            "rules",
            "html",
            "text",
            "paths",
            "editor",
            "events",
            "languages",
            "yaml",
            "urls",
            "output",
            "assets",
            "feeds",
            "search",
        ],
    ),
    ("markdown", &["markdown"]),
    (
        "content and settings",
        &[
            "content", "brand", "hosting", "config", "theme", "strings", "images",
        ],
    ),
    ("checks and templates", &["check", "render", "glossary"]),
    ("the build", &["site", "new", "init"]),
    ("the preview", &["serve"]),
];

/// The longest a source file may be.
const MAX_LINES: usize = 500;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `src/`, relative to it, `/`-separated.
fn source_files() -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(src()).sort_by_file_name() {
        let entry = entry.expect("walk src");
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "rs") {
            let rel = entry.path().strip_prefix(src()).expect("below src");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

/// The module path of a library file: `site/jobs/mod.rs` → `["site", "jobs"]`.
fn module_of(file: &str) -> Vec<String> {
    let stem = file.strip_suffix(".rs").expect(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments, without `#[cfg(test)]` items, and with
/// string literals emptied (so that text about `crate::x` is not read as code).
/// Also returns the names of the `mod` items it declares outside tests.
fn code_of(text: &str) -> (String, Vec<String>) {
    let mut code = String::new();
    let mut mods = Vec::new();
    let mut skip_depth: Option<i64> = None;
    let mut pending_test = false;
    for line in text.lines() {
        let mut l = String::new();
        let mut chars = line.chars().peekable();
        let mut in_str = false;
        while let Some(c) = chars.next() {
            if in_str {
                if c == '\\' {
                    chars.next();
                } else if c == '"' {
                    in_str = false;
                    l.push('"');
                }
                continue;
            }
            if c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            if c == '"' {
                in_str = true;
            }
            // A char literal such as '"', '{' or '\u{7d}' would confuse the counting.
            if c == '\'' {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') {
                    // The escape: `\n`, `\'`, `\\`, or `\u{…}` up to its `}`; then the quote.
                    chars.next();
                    if chars.next() == Some('u') {
                        for c in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                        }
                    }
                    chars.next();
                    l.push_str("' '");
                    continue;
                }
                if rest.len() >= 2 && rest.as_bytes()[1] == b'\'' {
                    let end = rest.find('\'').map_or(0, |i| i + 1);
                    for _ in 0..end {
                        chars.next();
                    }
                    l.push_str("' '");
                    continue;
                }
            }
            l.push(c);
        }
        let trimmed = l.trim();
        if let Some(depth) = skip_depth.as_mut() {
            *depth += brace_balance(&l);
            if *depth <= 0 {
                skip_depth = None;
            }
            continue;
        }
        if trimmed.starts_with("#[cfg(test)]") {
            pending_test = true;
            continue;
        }
        if pending_test {
            pending_test = false;
            let balance = brace_balance(&l);
            if balance > 0 {
                skip_depth = Some(balance);
            }
            continue;
        }
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        if let Some(i) = words.iter().position(|w| *w == "mod") {
            if let Some(name) = words.get(i + 1).and_then(|n| n.strip_suffix(';')) {
                if words[..i].iter().all(|w| w.starts_with("pub")) {
                    mods.push(name.to_owned());
                    continue;
                }
            }
        }
        code.push_str(&l);
        code.push('\n');
    }
    (code, mods)
}

fn brace_balance(line: &str) -> i64 {
    line.chars()
        .map(|c| match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        })
        .sum()
}

/// The paths a `use` tree names, each as its segments (`a::{b, c::d}` →
/// `a::b`, `a::c::d`).
fn expand_use(tree: &str) -> Vec<Vec<String>> {
    // `X as Y` names X: drop `as` and the new name, keeping what follows it.
    let mut kept = String::new();
    let mut words = tree.split_whitespace();
    while let Some(word) = words.next() {
        if word == "as" {
            if let Some(name) = words.next() {
                kept.extend(
                    name.chars()
                        .skip_while(|c| c.is_alphanumeric() || *c == '_'),
                );
            }
        } else {
            kept.push_str(word);
        }
    }
    let tree = kept;
    let mut out = Vec::new();
    expand_into(&tree, &[], &mut out);
    out
}

fn expand_into(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    if let Some(open) = tree.find('{') {
        let head = &tree[..open];
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let base: Vec<String> = head
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let mut depth = 0;
        let mut start = 0;
        let bytes = inner.as_bytes();
        let mut parts = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                b',' if depth == 0 => {
                    parts.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&inner[start..]);
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            let mut p = prefix.to_vec();
            p.extend(base.iter().cloned());
            expand_into(part, &p, out);
        }
    } else {
        let mut p = prefix.to_vec();
        p.extend(
            tree.split("::")
                .filter(|s| !s.is_empty() && *s != "*")
                .map(str::to_owned),
        );
        out.push(p);
    }
}

/// One reference from a file: its path, and whether it is a re-export.
struct Reference {
    path: Vec<String>,
    reexport: bool,
}

/// The paths `code` names: its `use` items, and paths in code that start with
/// `crate`, `super`, `self` or one of `children` (the modules it declares).
fn references(code: &str, children: &[String]) -> Vec<Reference> {
    let mut out = Vec::new();
    // `use` items, which may span lines.
    let mut rest = code;
    while let Some(at) = find_word(rest, "use") {
        let before = rest[..at].trim_end();
        let line_start = before.rfind(['\n', ';', '{', '}']).map_or(0, |i| i + 1);
        let vis = before[line_start..].trim();
        let after = &rest[at + 3..];
        let Some(end) = after.find(';') else { break };
        let tree = &after[..end];
        for path in expand_use(tree) {
            out.push(Reference {
                path,
                reexport: vis.starts_with("pub"),
            });
        }
        rest = &after[end..];
    }
    // Paths in code.
    let bytes = code.as_bytes();
    let starts: Vec<String> = ["crate", "super", "self"]
        .iter()
        .map(|s| (*s).to_owned())
        .chain(children.iter().cloned())
        .map(|s| format!("{s}::"))
        .collect();
    for start in &starts {
        let start = start.as_str();
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            let boundary = at == 0
                || !(bytes[at - 1].is_ascii_alphanumeric()
                    || bytes[at - 1] == b'_'
                    || bytes[at - 1] == b':');
            if !boundary || is_in_use(code, at) {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(Reference {
                path: path
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                reexport: false,
            });
        }
    }
    out
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before_ok =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        let after_ok = bytes
            .get(at + word.len())
            .is_some_and(|b| b.is_ascii_whitespace());
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// True when `at` is inside a `use` item (those are read whole, above).
fn is_in_use(code: &str, at: usize) -> bool {
    let before = &code[..at];
    let item_start = before.rfind([';', '}']).map_or(0, |i| i + 1);
    let item = &before[item_start..];
    find_word(item, "use").is_some() && !item.contains('{') || {
        // Inside braces of a use tree: `use crate::{a, b::{c, ...`.
        let stmt_start = before.rfind(';').map_or(0, |i| i + 1);
        let stmt = &before[stmt_start..];
        find_word(stmt.trim_start(), "use").is_some_and(|i| {
            stmt.trim_start()[..i]
                .split_whitespace()
                .all(|w| w.starts_with("pub"))
        })
    }
}

struct Graph {
    /// Module path → file.
    files: BTreeMap<Vec<String>, String>,
    /// File → files it imports, with the path that made each edge.
    edges: BTreeMap<String, BTreeMap<String, String>>,
}

fn graph() -> Graph {
    let mut files = BTreeMap::new();
    let mut code = BTreeMap::new();
    let mut declared: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in source_files() {
        if file.starts_with("bin/") || file == "main.rs" {
            continue;
        }
        let text = fs::read_to_string(src().join(&file)).expect("read a source file");
        let (c, mods) = code_of(&text);
        code.insert(file.clone(), c);
        declared.insert(file.clone(), mods);
    }
    // Only files that are declared as modules (outside tests) are part of the library.
    let mut live = BTreeSet::from(["lib.rs".to_owned()]);
    let mut queue = vec!["lib.rs".to_owned()];
    while let Some(file) = queue.pop() {
        let module = module_of(&file);
        files.insert(module.clone(), file.clone());
        for name in declared.get(&file).cloned().unwrap_or_default() {
            let dir: String = module.iter().map(|m| format!("{m}/")).collect();
            for candidate in [format!("{dir}{name}.rs"), format!("{dir}{name}/mod.rs")] {
                if code.contains_key(&candidate) && live.insert(candidate.clone()) {
                    queue.push(candidate);
                }
            }
        }
    }
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in &live {
        let module = module_of(file);
        let targets = edges.entry(file.clone()).or_default();
        for r in references(&code[file], &declared[file]) {
            let Some(first) = r.path.first() else {
                continue;
            };
            let mut at: Vec<String> = match first.as_str() {
                "crate" => Vec::new(),
                "super" => module[..module.len().saturating_sub(1)].to_vec(),
                "self" => module.clone(),
                // `use child::X` in the module that declares `child`.
                name if files.contains_key(&[module.clone(), vec![name.to_owned()]].concat()) => {
                    let mut m = module.clone();
                    m.push(name.to_owned());
                    m
                }
                _ => continue,
            };
            let skip = usize::from(matches!(first.as_str(), "crate" | "super" | "self"));
            let mut segments = r.path[skip..].iter();
            if !matches!(first.as_str(), "crate" | "super" | "self") {
                segments.next();
            }
            for seg in segments {
                if seg == "super" {
                    at.pop();
                    continue;
                }
                let mut next = at.clone();
                next.push(seg.clone());
                if files.contains_key(&next) {
                    at = next;
                } else {
                    break;
                }
            }
            let Some(target) = files.get(&at) else {
                continue;
            };
            let below = at.len() > module.len() && at.starts_with(&module);
            if target == file || (r.reexport && below) {
                continue;
            }
            targets
                .entry(target.clone())
                .or_insert_with(|| r.path.join("::"));
        }
    }
    Graph { files, edges }
}

fn layer_of(file: &str) -> Option<usize> {
    let top = module_of(file).into_iter().next()?;
    LAYERS
        .iter()
        .position(|(_, mods)| mods.contains(&top.as_str()))
}

#[test]
fn every_module_is_in_a_layer() {
    let g = graph();
    let missing: BTreeSet<String> = g
        .files
        .keys()
        .filter_map(|m| m.first().cloned())
        .filter(|top| !LAYERS.iter().any(|(_, mods)| mods.contains(&top.as_str())))
        .collect();
    assert!(
        missing.is_empty(),
        "these modules are in no layer of tests/layers.rs (and docs/architecture.md): {missing:?}"
    );
}

#[test]
fn modules_import_only_from_their_layer_or_below() {
    let g = graph();
    let mut wrong = Vec::new();
    for (file, targets) in &g.edges {
        let Some(from) = layer_of(file) else { continue };
        for (target, path) in targets {
            let Some(to) = layer_of(target) else { continue };
            if to > from {
                wrong.push(format!(
                    "  {file} ({}) uses {path} in {target} ({})",
                    LAYERS[from].0, LAYERS[to].0
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports from a higher layer:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn files_import_each_other_without_circles() {
    let g = graph();
    let cycles = strongly_connected(&g.edges);
    let described: Vec<String> = cycles
        .iter()
        .map(|files| {
            let inside: BTreeSet<&String> = files.iter().collect();
            let mut lines = vec![format!("  {}:", files.join(", "))];
            for f in files {
                for (t, path) in &g.edges[f] {
                    if inside.contains(t) {
                        lines.push(format!("    {f} → {t} ({path})"));
                    }
                }
            }
            lines.join("\n")
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "files that import each other, directly or around a circle:\n{}",
        described.join("\n")
    );
}

/// The groups of more than one file that reach each other (Tarjan's algorithm).
fn strongly_connected(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let edges = s.edges;
        for w in edges.get(v).into_iter().flat_map(|t| t.keys()) {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.out.push(group);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<String> = source_files()
        .into_iter()
        .filter_map(|f| {
            let n = fs::read_to_string(src().join(&f)).ok()?.lines().count();
            (n > MAX_LINES).then(|| format!("  src/{f}: {n} lines"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "source files over {MAX_LINES} lines (split them by job):\n{}",
        long.join("\n")
    );
}

/// Every rule id a diagnostic carries comes from `src/rules.rs`: no
/// `Diagnostic::error("…"`, `Diagnostic::warning("…"` or `Diagnostic::new(…, "…"`
/// with the id written out in library code.
#[test]
fn rule_ids_come_from_the_table() {
    let mut bare = Vec::new();
    for file in source_files() {
        let text = fs::read_to_string(src().join(&file)).expect("read a source file");
        // Strings are emptied, so a literal id shows as `""`.
        let (code, _) = code_of(&text);
        for call in [
            "Diagnostic::error(",
            "Diagnostic::warning(",
            "Diagnostic::new(",
        ] {
            for (at, _) in code.match_indices(call) {
                let args = code[at + call.len()..].trim_start();
                let args = args
                    .strip_prefix("Severity::Error,")
                    .or_else(|| args.strip_prefix("Severity::Warning,"))
                    .map_or(args, str::trim_start);
                if args.starts_with('"') {
                    let line = code[..at].lines().count();
                    bare.push(format!("  src/{file}: {call}\"…\" (code line {line})"));
                }
            }
        }
    }
    assert!(
        bare.is_empty(),
        "rule ids written out instead of named from src/rules.rs:\n{}",
        bare.join("\n")
    );
}

/// Findings travel one way: a function that finds problems pushes them into its
/// caller's `&mut Vec<Diagnostic>`; none hands back a list of its own.
#[test]
fn diagnostics_travel_through_the_callers_sink() {
    let mut returned = Vec::new();
    // A module's `tests.rs` is its `#[cfg(test)]` block moved out, which
    // `code_of` leaves out when it is inline.
    for file in source_files()
        .into_iter()
        .filter(|f| !f.ends_with("/tests.rs"))
    {
        let text = fs::read_to_string(src().join(&file)).expect("read a source file");
        let (code, _) = code_of(&text);
        let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
        for shape in ["-> Vec<Diagnostic>", ", Vec<Diagnostic>) {"] {
            for (at, _) in flat.match_indices(shape) {
                let start = flat[..at].rfind("fn ").unwrap_or(0);
                let head: String = flat[start..at].chars().take(60).collect();
                returned.push(format!("  src/{file}: {head}…"));
            }
        }
    }
    assert!(
        returned.is_empty(),
        "functions that return their findings instead of pushing them into a `&mut Vec<Diagnostic>` (see docs/architecture.md, Diagnostics):\n{}",
        returned.join("\n")
    );
}

/// The reader finds what it must: a use tree, a path in code, and not a path in
/// a comment or a string; a circle and a wrong-way import are caught.
#[test]
fn the_checks_can_fail() {
    let (code, mods) = code_of(
        "//! doc crate::nope\nmod a;\npub mod b;\nuse crate::{x::{y, z as zz}, w, extras};\nfn f() { crate::q::r(); \"crate::s\"; a::go(); }\n#[cfg(test)]\nmod tests {\n    use crate::t;\n}\n",
    );
    assert_eq!(mods, ["a", "b"]);
    let paths: Vec<String> = references(&code, &mods)
        .iter()
        .map(|r| r.path.join("::"))
        .collect();
    assert!(paths.contains(&"crate::x::y".to_owned()), "{paths:?}");
    assert!(paths.contains(&"crate::x::z".to_owned()), "{paths:?}");
    assert!(paths.contains(&"crate::w".to_owned()), "{paths:?}");
    assert!(paths.contains(&"crate::extras".to_owned()), "{paths:?}");
    assert!(paths.contains(&"crate::q::r".to_owned()), "{paths:?}");
    assert!(paths.contains(&"a::go".to_owned()), "{paths:?}");
    assert!(
        !paths.iter().any(|p| p.contains("nope")
            || p.contains('s') && p.ends_with("::s")
            || p.ends_with("::t")),
        "{paths:?}"
    );
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    edges
        .entry("a.rs".into())
        .or_default()
        .insert("b.rs".into(), "crate::b".into());
    edges
        .entry("b.rs".into())
        .or_default()
        .insert("a.rs".into(), "crate::a".into());
    edges
        .entry("c.rs".into())
        .or_default()
        .insert("a.rs".into(), "crate::a".into());
    assert_eq!(
        strongly_connected(&edges),
        vec![vec!["a.rs".to_owned(), "b.rs".to_owned()]]
    );
    assert!(layer_of("serve/http.rs") > layer_of("site/mod.rs"));
    assert!(layer_of("markdown/mod.rs") < layer_of("check/mod.rs"));
}

#[test]
fn char_literals_with_braces_leave_the_test_module_skipped() {
    let (code, mods) = code_of(
        "#[cfg(test)]\nmod tests {\n    const A: char = '\\u{1b}';\n    const B: char = '\\u{7d}';\n    const C: [char; 3] = ['{', '\\'', '\\\\'];\n    use crate::inside;\n}\nuse crate::after;\n",
    );
    let paths: Vec<String> = references(&code, &mods)
        .iter()
        .map(|r| r.path.join("::"))
        .collect();
    assert_eq!(paths, ["crate::after"]);
}
