//! What a safeguarding partnership's site needs (issue #17), besides events (see
//! `events.rs`): pinned news and feeds of news-like sections, the brand (logo,
//! colour, favicon, custom.css), the quick exit setting, number columns, the home
//! page's links and the one-sheet briefing budget. Built with the real binary on the
//! fixtures `theme-brand`, `publish-events` and `publish-briefing-budget`.

mod common;

use common::{TestSite, build_on, listed_titles, main_of, mask_fingerprints};

/// The output path a published page links to for the asset `plain` (such as
/// `css/brand.css`): builds name assets after their bytes (`css/brand.0123456789.css`).
fn asset_path(site: &TestSite, plain: &str) -> String {
    let (stem, ext) = plain
        .rsplit_once('.')
        .expect("an asset path with an extension");
    site.output_files()
        .into_iter()
        .find(|f| {
            f.strip_prefix(stem)
                .and_then(|rest| rest.strip_suffix(ext))
                .is_some_and(|hash| {
                    hash.len() == 12 && hash.starts_with('.') && hash.ends_with('.')
                })
        })
        .unwrap_or_else(|| panic!("no fingerprinted {plain} in the output"))
}

fn with_setting(setting: &str) -> common::Run {
    let site = TestSite::new("theme-brand");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    let kept: String = yaml
        .split_inclusive('\n')
        .filter(|l| {
            ![
                "brand:",
                "quick_exit:",
                "  logo",
                "  colour",
                "  favicon",
                "  url:",
                "  sections:",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .collect();
    site.write("site.yaml", format!("{kept}{setting}\n"));
    site.run(&["build"])
}

#[test]
fn a_pale_brand_colour_is_an_error_with_its_ratio_and_the_nearest_passing_shade() {
    let run = with_setting("brand: { colour: \"#7fb2e5\" }");
    assert_eq!(run.code, 1);
    println!("{}", run.stderr);
    assert!(
        run.stderr.contains("error[brand-contrast]: site.yaml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the brand colour #7fb2e5 is too light for white header text and links on it: their contrast ratio is 2.23:1, and WCAG 2.2 AA needs 4.5:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: use #56799c, the nearest darker shade"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("site.yaml:1:1"),
        "points at the setting: {}",
        run.stderr
    );
    // The suggested shade passes.
    let run = with_setting("brand: { colour: \"#56799c\" }");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_brand_colour_written_by_name_gets_its_hexadecimal_value_to_write() {
    let run = with_setting("brand:\n  colour: Teal");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "help: `teal` is #008080 as a hexadecimal colour: write `colour: \"#008080\"`"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("site.yaml:1:1"), "{}", run.stderr);
}

#[test]
fn a_brand_colour_of_digits_alone_is_told_its_hash_at_its_line() {
    // Digits alone are a number to YAML, not text.
    let run = with_setting("brand:\n  colour: 123456");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("error[config]"))
        .unwrap_or_default();
    assert!(
        line.contains("`brand.colour` must be a colour like #0b3b5e, found \"123456\""),
        "{}",
        run.stderr
    );
    // At the indented `colour:` line (column 3), not at `brand:` (column 1).
    let at = line
        .split("site.yaml:")
        .nth(1)
        .and_then(|rest| rest.split(':').nth(1));
    assert_eq!(at, Some("3"), "{line}");
    assert!(
        run.stderr
            .contains("help: a colour starts with #: write `colour: \"#123456\"`"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_brand_and_quick_exit_values_are_refused() {
    for (setting, expected) in [
        (
            "brand: { colour: \"#fff; } body { display: none\" }",
            "`brand.colour` must be a colour",
        ),
        (
            "brand: { logo: ../site.yaml }",
            "`brand.logo` must be a path inside static/",
        ),
        ("brand: { logo: /etc/passwd }", "`brand.logo`"),
        (
            "brand: { favicon: /images/../../site.yaml }",
            "`brand.favicon`",
        ),
        (
            "brand: { favicon: /images/logo.svg.exe }",
            "`brand.favicon` must be an image",
        ),
        (
            "brand: { logo: \"/images/logo.svg\\u0000\" }",
            "`brand.logo` is not a file path",
        ),
        (
            "quick_exit: { url: \"javascript:alert(1)\" }",
            "`quick_exit.url` must be a full https: or http: address",
        ),
        ("quick_exit: { url: \"/local/\" }", "`quick_exit.url`"),
        (
            "quick_exit: { url: \"http://127.0.0.1:1111/\" }",
            "`quick_exit.url`: the address \"http://127.0.0.1:1111/\" is on your own computer",
        ),
        (
            "quick_exit: { url: \"https://x.org\", sections: [\"../etc\"] }",
            "`quick_exit.sections` names a section folder",
        ),
    ] {
        let run = with_setting(setting);
        assert_eq!(run.code, 1, "{setting}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{setting}: {}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn a_logo_that_links_out_of_the_site_is_refused() {
    let site = TestSite::new("theme-brand");
    let outside = tempfile::tempdir().expect("dir");
    std::fs::write(outside.path().join("secret.svg"), "<svg/>").expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("secret.svg"),
        site.path("static/images/out.svg"),
    )
    .expect("link");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("yaml");
    site.write(
        "site.yaml",
        yaml.replace("logo: /images/logo.svg", "logo: /images/out.svg"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`brand.logo` is not a file inside the site"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_brand_gives_a_logo_a_stylesheet_after_the_theme_and_a_favicon() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    let home = mask_fingerprints(&site.read_output("index.html"));
    assert!(
        home.contains(r#"<img src="/images/logo.[HASH].svg" alt="Brand Fixture Partnership" width="240" height="48">"#)
    );
    let site_css = home.find("/css/site.[HASH].css").expect("theme css");
    let brand_css = home.find("/css/brand.[HASH].css").expect("brand css");
    let custom_css = home.find("/css/custom.[HASH].css").expect("custom css");
    assert!(site_css < brand_css && brand_css < custom_css);
    assert!(home.contains(r#"<link rel="icon" href="/images/icon.png" type="image/png">"#));
    assert!(
        site.read_output(&asset_path(&site, "css/brand.css"))
            .contains("--brand: #5b2a86;")
    );
    assert!(
        site.read_output(&asset_path(&site, "css/site.css"))
            .contains("--brand: #0b3b5e"),
        "the theme stylesheet is kept"
    );
    assert!(
        site.output_files().contains(&"favicon.ico".to_owned()),
        "/favicon.ico is never a 404"
    );
    assert!(!home.contains("style="), "no inline styles");
}

#[test]
fn a_site_file_that_replaces_a_theme_file_is_reported_once() {
    let site = TestSite::new("theme-brand");
    site.write("static/css/site.css", "body { color: red; }");
    let run = site.run(&["check"]);
    let found: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("[theme-override]"))
        .collect();
    assert_eq!(
        found,
        [
            "warning[theme-override]: static/css/site.css: this file replaces the theme's own /css/site.css"
        ],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("rename it static/css/custom.css"));
}

#[test]
fn the_quick_exit_shows_only_in_the_sections_named() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    assert!(
        site.read_output("help/index.html")
            .contains(r#"<a class="quick-exit-link" href="https://www.bbc.co.uk/weather""#)
    );
    assert!(
        mask_fingerprints(&site.read_output("help/index.html"))
            .contains(r#"<script src="/js/quick-exit.[HASH].js" defer></script>"#)
    );
    assert!(!site.read_output("index.html").contains("quick-exit"));
    assert!(!site.read_output("news/index.html").contains("quick-exit"));
    let every = TestSite::new("publish-events");
    build_on(&every, "2025-02-01");
    for page in [
        "index.html",
        "training/index.html",
        "training/past/index.html",
        "404.html",
    ] {
        assert!(
            every.read_output(page).contains("quick-exit-link"),
            "{page}"
        );
    }
    assert!(
        every
            .read_output(&asset_path(&every, "js/quick-exit.js"))
            .contains("location.replace")
    );
}

#[test]
fn a_quick_exit_section_that_is_not_one_is_an_error_and_translations_show_the_button() {
    let site = TestSite::new("theme-brand");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace("sections: [help]", "sections: [help, hlep, news-letters]"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[config]: site.yaml:23:20: `quick_exit.sections` names `hlep`, which is not a section or page of this site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `help`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`news-letters`"), "{}", run.stderr);
    // A page at the top of content/ may be named too.
    site.write(
        "site.yaml",
        yaml.replace("sections: [help]", "sections: [help, accessibility]"),
    );
    site.write(
        "content/accessibility.md",
        "---\ntitle: Accessibility\ndescription: How we make the site easy to use.\n---\n\nWe test every page.\n",
    );
    site.build_ok();
    assert!(
        site.read_output("accessibility/index.html")
            .contains("quick-exit-link")
    );
    // A section's translation shows the button as well.
    let langs = TestSite::new("theme-languages");
    let yaml = std::fs::read_to_string(langs.path("site.yaml")).expect("site.yaml");
    langs.write(
        "site.yaml",
        format!(
            "{yaml}quick_exit:\n  url: https://www.bbc.co.uk/weather\n  sections: [leaflets]\n"
        ),
    );
    langs.build_ok();
    for page in [
        "leaflets/report-a-concern/index.html",
        "pl/leaflets/report-a-concern/index.html",
        "ur/leaflets/report-a-concern/index.html",
    ] {
        assert!(
            langs.read_output(page).contains("quick-exit-link"),
            "{page}"
        );
    }
    assert!(
        !langs
            .read_output("briefings/index.html")
            .contains("quick-exit-link")
    );
}

#[test]
fn pinned_news_comes_first_then_same_date_items_by_time_weight_and_title() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    let news = listed_titles(&site.read_output("news/index.html"));
    assert_eq!(
        news,
        [
            "Older but pinned",
            "Evening update",
            "Morning update",
            "Alpha item",
            "Beta item",
            "Heavier item"
        ]
    );
    let home = main_of(&site.read_output("index.html"));
    let first = home
        .find("Older but pinned")
        .expect("pinned on the home page");
    assert!(first < home.find("Evening update").expect("latest"));
}

#[test]
fn feeds_hold_only_dated_pages_of_news_like_sections() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    let feed = site.read_output("atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 6);
    assert!(!feed.contains("accessibility"), "{feed}");
    assert!(!site.output_files().contains(&"about/atom.xml".to_owned()));
    // By default every section but `about` is news-like.
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("yaml");
    site.write("site.yaml", yaml.replace("news_sections: [news]\n", ""));
    site.build_ok();
    assert!(!site.read_output("atom.xml").contains("accessibility"));
    site.write(
        "site.yaml",
        yaml.replace("news_sections: [news]", "news_sections: [\"../x\"]"),
    );
    let run = site.run(&["build"]);
    assert!(
        run.stderr.contains("`news_sections` lists section folders"),
        "{}",
        run.stderr
    );
}

#[test]
fn number_columns_are_right_aligned_and_the_home_page_shows_each_link_once() {
    let site = TestSite::new("theme-brand");
    site.build_ok();
    let home = main_of(&site.read_output("index.html"));
    assert!(home.contains("<th scope=\"col\">Quarter</th>"), "{home}");
    assert!(home.contains("<th scope=\"col\" class=\"num\">Referrals</th>"));
    assert!(home.contains("<td class=\"num\">-18%</td>"));
    let mut hrefs: Vec<&str> = home
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let all = hrefs.len();
    hrefs.sort_unstable();
    hrefs.dedup();
    assert_eq!(hrefs.len(), all, "a link repeated on the home page: {home}");
}

#[test]
fn a_briefing_over_the_one_sheet_budget_is_warned_about_with_how_much() {
    let site = TestSite::new("publish-briefing-budget");
    let run = site.run(&["check"]);
    assert!(
        !run.stderr.contains("briefing-length"),
        "the fixture is at the budget: {}",
        run.stderr
    );
    let page = "content/briefings/home-visits/index.md";
    let text = std::fs::read_to_string(site.path(page)).expect("page");
    site.write(
        page,
        text.replace(
            "## Reflect\n",
            &format!("## Reflect\n\n{}\n", "More words here. ".repeat(40)),
        ),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("warning[briefing-length]: content/briefings/home-visits/index.md:2:1: this briefing may not print on one A4 sheet: it has 7"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("more than the 650 that fit"),
        "{}",
        run.stderr
    );
}
