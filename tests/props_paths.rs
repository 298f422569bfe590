//! Property test for the output boundary (issue 14): sites made of random file
//! names, bundles, slugs, aliases, topics and attachment paths either fail with
//! diagnostics or build to an output whose every path stays under the output
//! folder, and no page silently takes another's address.

use std::fs;
use std::path::Path;

use plainsite::BuildOptions;
use proptest::prelude::*;

/// A file or folder name: ordinary words, or anything a file system takes.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-z]{1,8}",
        2 => "[0-9]{2}-[a-z]{1,6}",
        1 => Just("index".to_owned()),
        1 => Just("_index".to_owned()),
        1 => Just("...".to_owned()),
        1 => Just("search".to_owned()),
        1 => Just("glossary".to_owned()),
        1 => Just("topics".to_owned()),
        1 => "[^/\u{0}]{1,12}",
        1 => "a{250,256}",
    ]
    .prop_filter("a real file name", |n| {
        n != "." && n != ".." && n.len() <= 250 && !n.starts_with('.')
    })
}

/// A hostile value for a slug, alias, topic or attachment.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("/".to_owned()),
        Just("..".to_owned()),
        Just("../../../etc/passwd".to_owned()),
        Just("/old//page/".to_owned()),
        Just("/abs/path".to_owned()),
        "[ -~]{0,20}",
        "x{250,300}",
        ".{0,16}",
    ]
}

/// Mostly what a person means to write (`good`), sometimes anything at all.
fn value(good: &'static str) -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        4 => Just(None),
        10 => good.prop_map(Some),
        1 => hostile().prop_map(Some),
    ]
}

#[derive(Debug, Clone)]
struct PageSpec {
    folders: Vec<String>,
    name: String,
    bundle: bool,
    slug: Option<String>,
    alias: Option<String>,
    topic: Option<String>,
    attachment: Option<String>,
}

fn page_spec() -> impl Strategy<Value = PageSpec> {
    (
        prop::collection::vec(name(), 0..3),
        name(),
        any::<bool>(),
        value("[a-z]{1,8}"),
        value("/old-[a-z]{1,6}/"),
        value("[a-z]{1,6}( [a-z]{1,6})?"),
        value("note #1\\.txt"),
    )
        .prop_map(
            |(folders, name, bundle, slug, alias, topic, attachment)| PageSpec {
                folders,
                name,
                bundle,
                slug,
                alias,
                topic,
                attachment,
            },
        )
}

fn yaml(s: &str) -> String {
    format!("{:?}", s) // a double-quoted YAML scalar
}

fn write_site(root: &Path, pages: &[PageSpec]) -> usize {
    fs::create_dir_all(root.join("content")).expect("mkdir");
    fs::write(
        root.join("site.yaml"),
        "title: Props\nbase_url: https://props.example.org/\nreport_concern: { text: Report a concern, url: /report/ }\ncontact: { name: Unit, email: unit@example.org }\n",
    )
    .expect("site.yaml");
    fs::write(
        root.join("content/_index.md"),
        "---\ntitle: Home\n---\nHome.\n",
    )
    .expect("home");
    let mut written = 0;
    for (i, p) in pages.iter().enumerate() {
        let mut dir = root.join("content");
        for f in &p.folders {
            dir.push(f);
        }
        let file = if p.bundle {
            dir.join(&p.name).join("index.md")
        } else {
            dir.join(format!("{}.md", p.name))
        };
        let mut fm = format!("---\ntitle: T{i}Z\n");
        if let Some(s) = &p.slug {
            fm.push_str(&format!("slug: {}\n", yaml(s)));
        }
        if let Some(a) = &p.alias {
            fm.push_str(&format!("aliases: [{}]\n", yaml(a)));
        }
        if let Some(t) = &p.topic {
            fm.push_str(&format!("topics: [{}]\n", yaml(t)));
        }
        if let Some(a) = &p.attachment {
            fm.push_str(&format!("attachments: [{}]\n", yaml(a)));
        }
        fm.push_str("---\nSome words.\n");
        let Some(parent) = file.parent() else {
            continue;
        };
        if fs::create_dir_all(parent).is_err() || file.exists() {
            continue;
        }
        if fs::write(&file, fm).is_ok() {
            written += 1;
            let _ = fs::write(parent.join("note #1.txt"), "beside");
        }
    }
    written
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_written_path_stays_inside_and_no_page_is_silently_replaced(
        pages in prop::collection::vec(page_spec(), 1..6)
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("site");
        let written = write_site(&root, &pages);
        let options = BuildOptions { root: root.clone(), drafts: false, base_url: None, today: None, fingerprint: false, internal: false };
        match plainsite::build(&options) {
            Err(plainsite::Error::Site(diagnostics)) => {
                prop_assert!(diagnostics.iter().any(plainsite::Diagnostic::is_error));
            }
            Err(other) => prop_assert!(false, "not a site error: {other}"),
            Ok(built) => {
                for key in built.output.paths() {
                    prop_assert!(plainsite::paths::check_key(key).is_ok(), "{key:?}");
                }
                prop_assert!(built.output.rejected().is_empty());
                let out = tmp.path().join("out");
                built.output.write_to(&out).expect("write");
                // Nothing beside the output and the site in the temporary folder.
                let mut beside: Vec<String> = fs::read_dir(tmp.path())
                    .expect("list")
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                beside.sort();
                prop_assert_eq!(beside, vec!["out".to_owned(), "site".to_owned()]);
                // Every page has its own page: its title is the <h1> of one file.
                let mut h1s = Vec::new();
                for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
                    let real = entry.path().canonicalize().expect("real path");
                    prop_assert!(real.starts_with(out.canonicalize().expect("out")));
                    if entry.path().extension().is_some_and(|e| e == "html") {
                        let html = fs::read_to_string(entry.path()).unwrap_or_default();
                        for i in 0..pages.len() {
                            if html.contains(&format!("<h1>T{i}Z</h1>")) {
                                h1s.push(i);
                            }
                        }
                    }
                }
                h1s.sort_unstable();
                h1s.dedup();
                prop_assert_eq!(h1s.len(), written, "pages: {:?}", pages);
            }
        }
    }
}
