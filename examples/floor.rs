//! The floor: the least work any build of a plainsite site must do, for the
//! benchmark (`bench/run.py`) to measure beside `plainsite build`.
//!
//! For every Markdown file under `content/`: read it, split and parse its front
//! matter with plainsite's own functions, run comrak with the very options
//! plainsite's Markdown stage uses (taken from the library, so they cannot drift),
//! and write the HTML into a fixed shell at the page's output path. Pages are done
//! in parallel, as plainsite does them. The output protocol is plainsite's: every
//! file goes into a staging folder beside the target, the manifest first, and the
//! staging folder is renamed into place at the end. It allocates with the
//! allocator `plainsite` uses (mimalloc), as the work it stands for would. It
//! does nothing else: no links, checks, templates, lists, feeds or search.
//!
//! ```sh
//! cargo build --release --example floor
//! target/release/examples/floor <site folder> <output folder>
//! ```
//!
//! The output folder must not exist yet (the benchmark gives each run a new one).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

// The allocator of `src/bin/plainsite`: a floor on the system allocator spent
// 16% more instructions on the same pages (1,000 pages: 1.73 billion against
// 1.46), which flattered plainsite ÷ floor.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use plainsite::config::Config;
use plainsite::content::{parse_front_matter, split_front_matter};
use plainsite::markdown::{Markdown, MarkdownOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, out] = args.as_slice() else {
        eprintln!("usage: floor <site folder> <output folder (must not exist)>");
        return ExitCode::from(2);
    };
    match run(Path::new(root), Path::new(out)) {
        Ok(pages) => {
            println!("{pages} pages");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("floor: {why}");
            ExitCode::from(2)
        }
    }
}

/// The output path of a content file: `a/b.md` → `a/b/index.html`,
/// `a/_index.md` → `a/index.html`.
fn out_key(rel: &Path) -> String {
    let rel = rel.to_string_lossy().replace('\\', "/");
    let stem = rel.trim_end_matches(".md");
    match stem.strip_suffix("_index") {
        Some(dir) => format!("{dir}index.html"),
        None => format!("{stem}/index.html"),
    }
}

fn run(root: &Path, out: &Path) -> Result<usize, String> {
    let start = Instant::now();
    if out.exists() {
        return Err(format!("{} exists; give a new folder", out.display()));
    }
    let config = Config::load(root).map_err(|e| e.to_string())?;
    let markdown = Markdown::new(&MarkdownOptions {
        allow_html: config.allow_html,
        not_abbreviations: config.not_abbreviations.clone(),
        own_images_only: config.hosting.sends_headers(),
    });
    let options = markdown.comrak_options();
    let content = root.join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let keys: Vec<String> = files
        .iter()
        .map(|f| out_key(f.strip_prefix(&content).unwrap_or(f)))
        .collect();

    let name = out.file_name().ok_or("the output folder has no name")?;
    let parent = out.parent().unwrap_or(Path::new("."));
    let staging = parent.join(format!(".plainsite-staging-{}", name.to_string_lossy()));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging).map_err(|e| e.to_string())?;
    // The manifest first, as plainsite writes it.
    let mut manifest = String::from("# Files written by plainsite.\n");
    for k in &keys {
        manifest.push_str(k);
        manifest.push('\n');
    }
    fs::write(staging.join(".plainsite-manifest"), manifest).map_err(|e| e.to_string())?;

    let taxonomies = &config.taxonomies;
    let written: Result<Vec<()>, String> = files
        .par_iter()
        .zip(keys.par_iter())
        .map(|(file, key)| {
            let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let is_section = file.file_name().is_some_and(|n| n == "_index.md");
            let title = match split_front_matter(text, file) {
                Ok(split) => parse_front_matter(&split, file, is_section, taxonomies)
                    .map(|m| m.title)
                    .unwrap_or_default(),
                Err(_) => String::new(),
            };
            let body = comrak::markdown_to_html(text, options);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <title>{}</title>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
                title.replace('&', "&amp;").replace('<', "&lt;")
            );
            let to = staging.join(key);
            if let Some(dir) = to.parent() {
                fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            fs::write(&to, html).map_err(|e| format!("{}: {e}", to.display()))
        })
        .collect();
    written?;
    fs::rename(&staging, out).map_err(|e| e.to_string())?;
    if std::env::var_os("PLAINSITE_TIMINGS").is_some() {
        eprintln!(
            "{:>26}: {:8.1} ms",
            "floor",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(files.len())
}
