//! The browser's stemmer (`themes/default/static/js/stem.js`, run in Node) and the
//! index's (`plainsite::search::stem`, rust-stemmers) give the same stem for every
//! word of the repository site, its docs and a generated benchmark site, and for
//! common suffixed forms of those words.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs a Node script that reads `lines` on standard input and answers one line
/// for each; returns its answers.
fn run_node_lines(script: &Path, lines: &[impl AsRef<str>]) -> Vec<String> {
    let mut node = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("node: {e}"));
    let input: String = lines.iter().map(|l| format!("{}\n", l.as_ref())).collect();
    if let Some(mut stdin) = node.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let output = node.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "{} failed", script.display());
    let answers: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(answers.len(), lines.len(), "{}", script.display());
    answers
}

fn words_of_files(dir: &Path, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            words_of_files(&path, out);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            out.extend(plainsite::search::words(&text));
        }
    }
}

#[test]
fn browser_and_index_stemmers_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut site = BTreeSet::new();
    for dir in ["content", "data", "docs"] {
        words_of_files(&root.join(dir), &mut site);
    }
    words_of_files(&root.join("README.md"), &mut site);
    let generated = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let made = Command::new("python3")
        .arg(root.join("bench/generate.py"))
        .args(["--pages", "300", "--out"])
        .arg(generated.path())
        .output()
        .unwrap_or_else(|e| panic!("python3 bench/generate.py: {e}"));
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    words_of_files(&generated.path().join("plainsite/content"), &mut site);
    let found = site.len();
    assert!(found > 3_000, "only {found} words found");
    // Common endings on every word found exercise each step of the algorithm.
    let mut all = site.clone();
    for word in site
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
    {
        for ending in [
            "s", "es", "ed", "ing", "ly", "ness", "ation", "ful", "ment", "ies", "ied",
        ] {
            all.insert(format!("{word}{ending}"));
        }
    }
    let words: Vec<&String> = all.iter().collect();
    assert!(words.len() >= 5_000, "{}", words.len());

    let stems = run_node_lines(&root.join("tests/js/stem-lines.mjs"), &words);
    assert_eq!(stems.len(), words.len());
    let differ: Vec<String> = words
        .iter()
        .zip(&stems)
        .filter_map(|(w, js)| {
            let rust = plainsite::search::stem(w);
            (rust != *js).then(|| format!("{w}: rust {rust}, js {js}"))
        })
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} words differ ({found} from the sites):\n{}",
        differ.len(),
        words.len(),
        differ[..differ.len().min(40)].join("\n")
    );
}

/// The lines of every Markdown file under `dir`, any language.
fn lines_of_files(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            lines_of_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "yaml") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.extend(
                    text.lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(str::to_owned),
                );
            }
        }
    }
}

#[test]
fn browser_and_index_cut_words_alike_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut lines = Vec::new();
    for dir in [
        "content",
        "tests/fixtures/theme-languages",
        "themes/default/i18n",
    ] {
        lines_of_files(&root.join(dir), &mut lines);
    }
    // Polish, Welsh and Urdu letters, marks and punctuation, and hostile characters.
    lines.extend(
        [
            "ZGŁOŚ źródło, Ŵyŷ ąćęłńśźż ĄĆĘŁŃŚŹŻ",
            "بچے کی حفاظت۔ رپورٹ،کریں؟ کَم ۹۹۹",
            "don’t can't ‘quoted’ a\u{200c}b \u{202e}x\u{0}y",
        ]
        .map(str::to_owned),
    );
    assert!(lines.len() > 1_000, "{}", lines.len());
    let js = run_node_lines(&root.join("tests/js/words-lines.mjs"), &lines);
    assert_eq!(js.len(), lines.len());
    let differ: Vec<String> = lines
        .iter()
        .zip(&js)
        .filter_map(|(line, js)| {
            let rust = plainsite::search::words(line).join(" ");
            (rust != *js).then(|| format!("{line:?}\n  rust {rust}\n  js   {js}"))
        })
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} lines differ:\n{}",
        differ.len(),
        lines.len(),
        differ[..differ.len().min(20)].join("\n")
    );
}
