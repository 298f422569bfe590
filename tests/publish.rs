//! Publishing features: print pages of documents, attachments, and shortcodes
//! (key figures and charts), each on a small fixture site built by the real binary.

mod common;

use std::collections::BTreeSet;

use common::{TestSite, main_of};

/// Every `id="…"` in `html`, in order.
fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// Every in-page `href="#…"` target in `html`.
fn local_targets(html: &str) -> Vec<String> {
    html.split("href=\"#")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// Positions of `needles` in `haystack`, panicking on any that is missing.
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            haystack
                .find(n)
                .unwrap_or_else(|| panic!("`{n}` is missing from\n{haystack}"))
        })
        .collect()
}

#[test]
fn print_page_holds_every_chapter_title_in_order() {
    let site = TestSite::new("publish-document");
    site.build_ok();
    let print = main_of(&site.read_output("report/print/index.html"));
    let at = positions(
        &print,
        &[
            "<h1>Fixture report</h1>",
            "<h2 id=\"first\">First chapter</h2>",
            "<h2 id=\"second\">Second chapter</h2>",
            "<h2 id=\"third\">Third chapter</h2>",
        ],
    );
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{print}");
    for ch in ["first", "second", "third"] {
        assert!(
            print.contains(&format!("<li><a href=\"#{ch}\">")),
            "{print}"
        );
    }
    assert!(
        site.read_output("report/print/index.html")
            .contains("<title>Print version – Fixture report – Document Fixture</title>")
    );
}

#[test]
fn chapters_and_contents_page_link_to_the_print_page() {
    let site = TestSite::new("publish-document");
    site.build_ok();
    for page in ["report/index.html", "report/first/index.html"] {
        let html = site.read_output(page);
        assert!(html.contains("href=\"/report/print/\""), "{page}");
    }
}

#[test]
fn ids_are_unique_on_the_print_page_and_every_anchor_resolves() {
    let site = TestSite::new("publish-document");
    site.build_ok();
    let html = site.read_output("report/print/index.html");
    let all = ids(&html);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "repeated ids in {all:?}");
    for target in local_targets(&html) {
        assert!(unique.contains(&target), "#{target} points nowhere");
    }
    for id in [
        "first-summary",
        "second-summary",
        "third-summary",
        "fn-first-note",
        "fn-second-note",
        "first-table-1",
        "second-table-1",
        "second-chart-1",
        "third-chart-1",
    ] {
        assert!(unique.contains(&id.to_owned()), "no #{id} in {all:?}");
    }
    // A link within a chapter follows its heading's new id.
    assert!(html.contains("<a href=\"#first-summary\">this summary</a>"));
}

#[test]
fn print_page_headings_sit_one_level_below_the_chapter_title() {
    let site = TestSite::new("publish-document");
    site.build_ok();
    let print = main_of(&site.read_output("report/print/index.html"));
    assert_eq!(print.matches("<h1").count(), 1, "{print}");
    assert!(print.contains("<h3 id=\"second-summary\">Summary</h3>"));
    assert!(print.contains("<h4 id=\"second-detail\">Detail</h4>"));
    // The chapter's own page keeps its levels and plain ids.
    let chapter = main_of(&site.read_output("report/second/index.html"));
    assert!(
        chapter.contains("<h2 id=\"summary\">Summary</h2>"),
        "{chapter}"
    );
}

#[test]
fn attachment_shows_type_size_and_pdf_pages() {
    let site = TestSite::new("publish-attachments");
    site.build_ok();
    let page = main_of(&site.read_output("guidance/leaflet/index.html"));
    assert!(
        page.contains("<a href=\"/guidance/worried-about-a-child.pdf\">What to do if you are worried about a child</a>"),
        "{page}"
    );
    assert!(page.contains("PDF, 954 bytes, 2 pages"), "{page}");
    assert!(page.contains("<a href=\"/files/old-procedures.txt\">Old procedures</a>"));
    assert!(page.contains("Plain text, 36 bytes"), "{page}");
    assert!(
        page.contains("Published before 23 September 2018"),
        "{page}"
    );
    assert!(page.contains("href=\"mailto:unit@example.org\""), "{page}");
    assert!(page.contains("Request an accessible format"), "{page}");
    assert!(
        site.path("public/guidance/worried-about-a-child.pdf")
            .is_file()
    );
}

#[test]
fn missing_attachment_fails_naming_the_page_and_line() {
    let site = TestSite::new("publish-attachments");
    std::fs::remove_file(site.path("content/guidance/worried-about-a-child.pdf"))
        .expect("remove the PDF");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
    assert!(!site.path("public").exists());
}

#[test]
fn shortcode_error_names_the_file_and_line() {
    let site = TestSite::new("publish-shortcodes");
    site.write(
        "content/figures/broken.md",
        "---\ntitle: Broken figures\n---\n\nText.\n\n```{chart} title=\"Counts\"\nYear | Count\n2019 | many\n```\n\n```{pie}\n```\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn shortcode_template_error_names_the_template_line_as_well() {
    let site = TestSite::new("publish-shortcodes");
    site.write(
        "shortcodes/key_figures.html",
        "<ul>\n{{ args.title }}{{ args.missing }}\n</ul>\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[shortcode]: content/figures/year.md:7:1:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("shortcodes/key_figures.html:2"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_setting_a_shortcode_never_reads_is_an_error_with_the_nearest_name() {
    let site = TestSite::new("publish-shortcodes");
    site.write(
        "content/figures/typo.md",
        "---\ntitle: Typos\n---\n\nText.\n\n```{chart} titel=\"Counts\"\nYear | Count\n2019 | 4\n```\n\n```{key_figures} colour=\"red\"\n10 | contacts\n```\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (at, message, help) in [
        (
            "content/figures/typo.md:7:1",
            "shortcode `chart`: it has no setting `titel`",
            "help: did you mean `title`? `chart` takes: description, file, title",
        ),
        (
            "content/figures/typo.md:12:1",
            "shortcode `key_figures`: it has no setting `colour`",
            "help: remove `colour=\"…\"`; `key_figures` takes: file, title",
        ),
    ] {
        assert!(
            run.stderr.contains(&format!("{at}: {message}")) && run.stderr.contains(help),
            "{at}: {}",
            run.stderr
        );
    }
    // A built-in template is not a file the writer can open: its notes are shown.
    assert!(
        run.stderr.contains("note: what `chart` takes:"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("(built-in default theme)"),
        "{}",
        run.stderr
    );
}

#[test]
fn chart_renders_an_svg_and_a_table_of_the_same_figures() {
    let site = TestSite::new("publish-shortcodes");
    site.build_ok();
    let page = main_of(&site.read_output("figures/year/index.html"));
    assert!(
        page.contains("<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"chart-1-svg-title chart-1-desc\""),
        "{page}"
    );
    assert!(
        page.contains("<title id=\"chart-1-svg-title\">Bar chart: Contacts to the hub</title>")
    );
    assert!(page.contains("<desc id=\"chart-1-desc\">Contacts rose each year.</desc>"));
    // Each bar carries its label and figure as text, so it reads without colour.
    assert!(
        page.contains(">2019-20</text>") && page.contains(">10,178</text>"),
        "{page}"
    );
    assert!(
        page.contains(
            "<tr><th scope=\"row\">2019-20</th><td class=\"align-right\">10,178</td></tr>"
        )
    );
    // Rows from data/routes.csv, a quoted cell included.
    assert!(
        page.contains("<th scope=\"row\">Stepped down after an assessment, by social care</th>")
    );
    assert!(page.contains("<caption id=\"chart-2-caption\">"), "{page}");
}

#[test]
fn a_chart_without_column_names_or_with_a_slip_in_a_figure_is_an_error_at_its_row() {
    let site = TestSite::new("publish-shortcodes");
    site.write(
        "content/figures/slips.md",
        "---\ntitle: Slips\ndescription: Charts with slips.\n---\n\n```{chart} title=\"No names\"\n2018-19 | 9,760\n2019-20 | 10,178\n```\n\n```{chart} title=\"A comma\"\nYear | Contacts\n2018-19 | 1,0178\n```\n\n```{chart} title=\"Mixed\"\nMeasure | Figure\nContacts | 10,178\nRepeat referrals | 21%\n```\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for says in [
        "the first row names the two columns, like `Year | Contacts`, but it holds the figure 9,760",
        "`1,0178` has a comma in the wrong place",
        "some figures are percentages and some are not",
    ] {
        assert!(run.stderr.contains(says), "{says}: {}", run.stderr);
    }
    assert!(
        run.stderr
            .contains("content/figures/slips.md:13:1: shortcode `chart`: `1,0178`"),
        "{}",
        run.stderr
    );
    // A figure's slip is told how to write a figure, not sent to the theme's notes.
    assert!(
        run.stderr
            .contains("help: write the figure in digits, like 10,178, 59.1% or £1,200"),
        "{}",
        run.stderr
    );
}

#[test]
fn key_figures_render_as_a_list_of_numbers_with_labels() {
    let site = TestSite::new("publish-shortcodes");
    site.build_ok();
    let page = main_of(&site.read_output("figures/year/index.html"));
    assert!(
        page.contains(
            "<ul class=\"key-figures\" id=\"key-figures-1\" aria-label=\"The year in figures\">"
        ),
        "{page}"
    );
    assert!(page.contains(
        "<span class=\"key-figure-number\">10,178</span> <span class=\"key-figure-label\">contacts to the hub</span>"
    ));
}

#[test]
fn annual_report_print_page_lists_every_chapter_in_order() {
    let out = tempfile::tempdir().expect("temporary folder");
    let root = env!("CARGO_MANIFEST_DIR");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_plainsite"))
        .args(["--root", root, "build", "--output"])
        .arg(out.path())
        .status()
        .expect("run plainsite");
    assert!(status.success());
    let dir = std::path::Path::new(root).join("content/annual-report-2019-20");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("read the report")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    let titles: Vec<String> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("read a chapter");
            let line = text
                .lines()
                .find_map(|l| l.strip_prefix("title: "))
                .expect("a title");
            let title = line.trim().trim_matches('"');
            title.replace('&', "&amp;").replace('\'', "&#x27;")
        })
        .collect();
    assert!(titles.len() > 5);
    let print = std::fs::read_to_string(out.path().join("annual-report-2019-20/print/index.html"))
        .expect("the print page");
    let needles: Vec<String> = titles.iter().map(|t| format!("\">{t}</h2>")).collect();
    let refs: Vec<&str> = needles.iter().map(String::as_str).collect();
    let at = positions(&print, &refs);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "chapters out of order");
    let all = ids(&print);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "repeated ids on the print page");
}
