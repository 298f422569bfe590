//! `build_with` and a cache give the same site as a full `build` after every kind of
//! edit, and a body-only edit renders only the page that changed. Each build is
//! made as `serve` makes it (`build_serving`): where it shows the site before
//! drawing its last files, what it shows is checked too.

mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;

use common::TestSite;
use plainsite::site::{Early, build_serving};
use plainsite::{BuildCache, BuildOptions, Built, Output, build, build_with};

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    }
}

fn files(output: &Output) -> BTreeMap<String, Vec<u8>> {
    output
        .iter()
        .map(|(path, _)| {
            let bytes = output
                .read(path)
                .expect("listed")
                .expect("readable")
                .into_owned();
            (path.to_owned(), bytes)
        })
        .collect()
}

/// What a build showed before drawing its last files: its files, the paths
/// still to draw, and its warnings.
type Shown = (
    BTreeMap<String, Vec<u8>>,
    Vec<String>,
    Vec<plainsite::Diagnostic>,
);

thread_local! {
    /// The files of this test's last good build, and how many builds were
    /// shown early with files left to draw.
    static LAST: RefCell<(BTreeMap<String, Vec<u8>>, usize)> = RefCell::default();
}

/// How many of this test's builds were shown early.
fn shown_early() -> usize {
    LAST.with(|last| last.borrow().1)
}

/// Builds with the cache, as `serve` does, and from scratch, and checks that every
/// file is the same. When the build was shown early, every file it showed is the
/// finished build's, but for those it still had to draw, which were the last
/// build's; and its warnings were the finished build's.
fn same_as_full(site: &TestSite, cache: &mut BuildCache, step: &str) -> Built {
    let mut shown: Option<Shown> = None;
    let mut early = |e: Early<'_>| {
        shown = Some((files(e.output), e.waiting, e.diagnostics.to_vec()));
    };
    let incremental = build_serving(&options(site), cache, Some(&mut early))
        .unwrap_or_else(|e| panic!("{step}: the incremental build failed: {e:?}"));
    let full = build(&options(site)).unwrap_or_else(|e| panic!("{step}: {e:?}"));
    let (a, b) = (files(&incremental.output), files(&full.output));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{step}: the paths differ"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{step}: /{path} differs from a full build's"
        );
    }
    assert_eq!(
        incremental.diagnostics, full.diagnostics,
        "{step}: warnings"
    );
    LAST.with(|last| {
        let (last, early) = &mut *last.borrow_mut();
        if let Some((seen, waiting, warnings)) = shown {
            assert!(
                !waiting.is_empty(),
                "{step}: shown early with nothing to draw"
            );
            *early += 1;
            assert_eq!(warnings, incremental.diagnostics, "{step}: early warnings");
            for (path, bytes) in &seen {
                let expected = if waiting.contains(path) {
                    &last[path]
                } else {
                    &a[path]
                };
                assert!(bytes == expected, "{step}: /{path} shown early differs");
            }
            let index = format!("{}/", plainsite::search::INDEX_DIR);
            for path in a.keys().filter(|p| !p.starts_with(&index)) {
                assert!(seen.contains_key(path), "{step}: /{path} not shown early");
            }
        }
        *last = a;
    });
    incremental
}

const FOREWORD: &str = "content/report-2023/01-foreword.md";

#[test]
fn every_kind_of_edit_gives_the_same_output_as_a_full_build() {
    let site = TestSite::new("theme-document");
    let mut cache = BuildCache::default();
    let first = same_as_full(&site, &mut cache, "first build");
    assert_eq!(first.stats.reused_pages, 0);

    let unchanged = same_as_full(&site, &mut cache, "no change");
    assert_eq!(unchanged.stats.rendered_pages, 0);

    let foreword = std::fs::read_to_string(site.path(FOREWORD)).expect("foreword");
    site.write(
        FOREWORD,
        foreword.replace("steady progress", "slow but steady progress"),
    );
    let edited = same_as_full(&site, &mut cache, "page body edit");
    assert_eq!(edited.stats.rendered_pages, 1, "only the edited page");
    assert!(edited.stats.reused_pages > 0);

    site.write(
        FOREWORD,
        foreword.replace("title: Foreword", "title: A foreword"),
    );
    same_as_full(&site, &mut cache, "page title edit");

    site.write(
        "content/report-2023/04-thanks.md",
        "---\ntitle: Thanks\nweight: 4\n---\n\nThank you to everyone who took part. See the [foreword](01-foreword.md).\n",
    );
    same_as_full(&site, &mut cache, "page added");

    std::fs::remove_file(site.path("content/report-2023/03-what-next.md")).expect("remove");
    same_as_full(&site, &mut cache, "page deleted");

    // As many pages as before, but one of them another: no page's results may be
    // taken for the page now at its place.
    let thanks = site.path("content/report-2023/04-thanks.md");
    let text = std::fs::read_to_string(&thanks).expect("thanks");
    std::fs::remove_file(&thanks).expect("remove");
    site.write(
        "content/report-2023/03-next-steps.md",
        "---\ntitle: Next steps\nweight: 3\n---\n\nWhat we will do next.\n",
    );
    same_as_full(
        &site,
        &mut cache,
        "one page gone and another come in one build",
    );
    site.write("content/report-2023/04-thanks.md", &text);
    std::fs::remove_file(site.path("content/report-2023/03-next-steps.md")).expect("remove");
    same_as_full(&site, &mut cache, "and back");

    let theme_page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html"),
    )
    .expect("the theme's page template");
    site.write(
        "templates/page.html",
        theme_page.replace("{% block main -%}", "{% block main -%}<p>Overridden.</p>"),
    );
    let overridden = same_as_full(&site, &mut cache, "template edit");
    let page = text_of(&overridden, "report-2023/foreword/index.html");
    assert!(page.contains("Overridden."));

    site.write("i18n/en.yaml", "skip_link: Skip to the page\n");
    let words = same_as_full(&site, &mut cache, "theme words edit");
    let page = text_of(&words, "report-2023/foreword/index.html");
    assert!(page.contains("Skip to the page"));

    site.write(
        "data/glossary.yaml",
        "LSCP: Local Safeguarding Children Partnership\nSEND: Special educational needs and disabilities\n",
    );
    same_as_full(&site, &mut cache, "glossary edit");

    site.write(
        "content/report-2023/_index.md",
        "---\ntitle: Annual report 2023\ndescription: The year in review.\ndate: 2024-02-01\ndocument: true\nsort_by: weight\ntopics: [annual report]\n---\n\nThis report has chapters. The LSCP wrote it.\n",
    );
    same_as_full(&site, &mut cache, "section edit");

    site.write(
        "content/report-2023/02-our-year-in-figures.md",
        "---\ntitle: Broken\nweight: 2\n---\n\nSee [nothing](missing.md).\n",
    );
    assert!(build_with(&options(&site), &mut cache).is_err());
    assert!(cache.is_empty(), "a failed build empties the cache");
    site.write(
        "content/report-2023/02-our-year-in-figures.md",
        "---\ntitle: Figures\nweight: 2\n---\n\nThe numbers.\n",
    );
    let recovered = same_as_full(&site, &mut cache, "recovered");
    assert_eq!(recovered.stats.reused_pages, 0);
}

#[test]
fn a_changed_data_file_renders_its_chart_again() {
    let site = TestSite::new("publish-shortcodes");
    let mut cache = BuildCache::default();
    same_as_full(&site, &mut cache, "first build");
    let csv = std::fs::read_to_string(site.path("data/routes.csv")).expect("csv");
    let changed = csv.replace("Through the MASH", "Through the MASH team");
    site.write("data/routes.csv", changed);
    let built = same_as_full(&site, &mut cache, "data file edit");
    assert_eq!(built.stats.reused_pages, 0);
}

/// Sets every file's modification time an hour back, as an author's files are
/// when they start a preview: only then does a build trust a file's stamp.
fn age_files(site: &TestSite) {
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(site.root()).into_iter().flatten() {
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .expect("open");
            file.set_modified(an_hour_ago).expect("set the time");
        }
    }
}

/// Writes a file and tells the cache, as `serve`'s watcher does.
fn save(site: &TestSite, cache: &mut BuildCache, rel: &str, text: &str) {
    site.write(rel, text);
    cache.set_changed(vec![rel.into()]);
}

const NEWS: &str = "content/news/listening-to-children.md";

fn news(title: &str, date: &str, topic: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndescription: What children told us.\ndate: {date}\ntopics: [{topic}]\n---\n\n{body}\n"
    )
}

#[test]
fn edits_the_watcher_reports_give_the_same_output_as_a_full_build() {
    let site = TestSite::new("theme-listing");
    age_files(&site);
    let mut cache = BuildCache::default();
    let first = same_as_full(&site, &mut cache, "first build");

    let unchanged = same_as_full(&site, &mut cache, "no change");
    assert_eq!(unchanged.stats.rendered_pages, 0);
    assert_eq!(
        unchanged.stats.rendered_files, 0,
        "nothing changed, so no HTML file is drawn again"
    );

    save(
        &site,
        &mut cache,
        NEWS,
        &news(
            "Listening to children",
            "2024-02-06",
            "voice of the child",
            "What children said, in their words.",
        ),
    );
    let body = same_as_full(&site, &mut cache, "body edit");
    assert_eq!(body.stats.rendered_pages, 1);
    assert!(
        body.stats.rendered_files < first.stats.html_files / 2,
        "a body edit draws {} of {} files again",
        body.stats.rendered_files,
        first.stats.html_files
    );

    let steps = [
        (
            "title edit",
            news(
                "Hearing children",
                "2024-02-06",
                "voice of the child",
                "Body.",
            ),
        ),
        (
            "date edit moves it to another listing page",
            news(
                "Hearing children",
                "2024-05-01",
                "voice of the child",
                "Body.",
            ),
        ),
        (
            "topic change",
            news("Hearing children", "2024-05-01", "neglect", "Body."),
        ),
        (
            "draft",
            "---\ntitle: Hearing children\ndraft: true\n---\n\nBody.\n".to_owned(),
        ),
        (
            "published again",
            news("Hearing children", "2024-01-01", "new topic", "Body."),
        ),
    ];
    for (step, text) in steps {
        save(&site, &mut cache, NEWS, &text);
        same_as_full(&site, &mut cache, step);
    }
    assert!(
        shown_early() > 0,
        "a page that moved between listings lets the edited page be shown first"
    );

    save(
        &site,
        &mut cache,
        "content/news/summer-fair.md",
        &news("Summer fair", "2024-06-01", "events", "Come along."),
    );
    same_as_full(&site, &mut cache, "page added");

    std::fs::remove_file(site.path("content/news/summer-fair.md")).expect("remove");
    cache.set_changed(vec!["content/news/summer-fair.md".into()]);
    same_as_full(&site, &mut cache, "page deleted");

    site.write(
        "content/events/_index.md",
        "---\ntitle: Events\n---\n\nWhat is on.\n",
    );
    site.write(
        "content/events/fair.md",
        "---\ntitle: Fair\ndate: 2024-07-01\n---\n\nA fair.\n",
    );
    // A watcher reports the new folder, not always the files made in it.
    cache.set_changed(vec!["content/events".into()]);
    let folder = same_as_full(&site, &mut cache, "folder added");
    assert!(folder.output.contains("events/fair/index.html"));

    let settings = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    save(
        &site,
        &mut cache,
        "site.yaml",
        &settings.replace("latest_count: 3", "latest_count: 2"),
    );
    same_as_full(&site, &mut cache, "settings edit");
}

#[test]
fn without_the_watcher_a_build_finds_edits_by_their_stamps() {
    let site = TestSite::new("theme-listing");
    age_files(&site);
    let mut cache = BuildCache::default();
    same_as_full(&site, &mut cache, "first build");
    site.write(
        NEWS,
        news("Heard", "2024-02-06", "voice of the child", "Edited."),
    );
    let edited = same_as_full(&site, &mut cache, "edit found by its stamp");
    assert_eq!(edited.stats.rendered_pages, 1);
    let page = text_of(&edited, "news/listening-to-children/index.html");
    assert!(page.contains("Edited."));
}

/// Writes file `rel` of `site` again with `from` replaced by `to`.
fn replace_in(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.path(rel)).expect(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    site.write(rel, text.replace(from, to));
}

/// A built file's text.
fn text_of(built: &Built, rel: &str) -> String {
    let bytes = built.output.read(rel).expect(rel).expect("readable");
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn edits_in_a_site_of_several_languages_give_the_same_indexes_as_a_full_build() {
    let site = TestSite::new("theme-languages");
    let mut cache = BuildCache::default();
    same_as_full(&site, &mut cache, "first build");
    let pl = "content/leaflets/report-a-concern.pl.md";
    replace_in(
        &site,
        pl,
        "Zadzwoń pod numer 999.",
        "Zadzwoń na policję: 999.",
    );
    let edited = same_as_full(&site, &mut cache, "Polish page edited");
    let index = text_of(&edited, "search-index/pl/words/0.json");
    assert!(index.contains("\"policje\""));
    // A translated section is split as its section is, and follows its
    // `paginate_by`; a translated event's new title reaches its past page.
    let news = "content/news/_index.md";
    replace_in(&site, news, "paginate_by: 2", "paginate_by: 1");
    let split = same_as_full(&site, &mut cache, "the news section split finer");
    assert!(split.output.read("pl/news/page/3/index.html").is_some());
    // A translated section's new title reaches the trail of its pages.
    let pl_news = "content/news/_index.pl.md";
    replace_in(&site, pl_news, "title: Aktualności", "title: Wiadomości");
    let renamed = same_as_full(&site, &mut cache, "the Polish news section retitled");
    let item = text_of(&renamed, "pl/news/new-chair/index.html");
    assert!(item.contains(r#"<a href="/pl/news/">Wiadomości</a>"#));
    let event = "content/events/first-steps.pl.md";
    replace_in(
        &site,
        event,
        "title: Pierwsze kroki",
        "title: Pierwsze kroki razem",
    );
    let retitled = same_as_full(&site, &mut cache, "a past Polish event retitled");
    let past = text_of(&retitled, "pl/events/past/index.html");
    assert!(past.contains(">Pierwsze kroki razem"));
    for file in walkdir::WalkDir::new(site.path("content")) {
        let file = file.expect("walk content");
        if file.file_name().to_string_lossy().ends_with(".pl.md") {
            std::fs::remove_file(file.path()).expect("remove");
        }
    }
    let removed = same_as_full(&site, &mut cache, "every Polish page removed");
    assert!(removed.output.read("pl/news/page/2/index.html").is_none());
    assert!(removed.output.read("pl/search/index.html").is_none());
    let english = text_of(&removed, "search/index.html");
    assert!(!english.contains("/pl/search/"));
    assert!(removed.output.read("search-index/pl/meta.json").is_none());
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace(
            "- { code: en-GB, name: English }",
            "- { code: en-GB, name: English (UK) }",
        ),
    );
    same_as_full(&site, &mut cache, "a language renamed");
    // A translation's new title reaches the translated section that lists it.
    let ur = "content/leaflets/report-a-concern.ur.md";
    replace_in(&site, ur, "title: کسی بچے", "title: کسی بھی بچے");
    let retitled = same_as_full(&site, &mut cache, "an Urdu page retitled");
    let listing = text_of(&retitled, "ur/leaflets/index.html");
    assert!(listing.contains(">کسی بھی بچے"));
}

#[test]
fn a_file_named_as_a_windows_device_does_not_make_each_save_walk_content_again() {
    let site = TestSite::new("theme-listing");
    site.write(
        "content/con.md",
        "---\ntitle: Contact us\n---\n\nWrite to us.\n",
    );
    age_files(&site);
    let mut cache = BuildCache::default();
    let windows = |built: &Built| {
        built
            .diagnostics
            .iter()
            .filter(|d| d.rule == plainsite::rules::WINDOWS_NAME)
            .count()
    };
    let first = same_as_full(&site, &mut cache, "first build");
    assert_eq!(windows(&first), 1);
    let saved = news("Heard", "2024-02-06", "voice of the child", "Edited.");
    save(&site, &mut cache, NEWS, &saved);
    let edited = same_as_full(&site, &mut cache, "edit beside con.md");
    assert_eq!(windows(&edited), 1, "the warning stays");
    // A page no watcher reported: a load that walked `content/` again, as each
    // save did while the warning stopped the next load trusting the last, would
    // find it.
    site.write(
        "content/news/unreported.md",
        news("Unreported", "2024-03-01", "events", "Body."),
    );
    save(&site, &mut cache, NEWS, &saved.replace("Edited.", "Again."));
    let built = build_serving(&options(&site), &mut cache, None).expect("builds");
    assert!(!built.output.contains("news/unreported/index.html"));
    assert_eq!(built.stats.rendered_pages, 1);
    assert_eq!(windows(&built), 1, "the warning stays");
}

#[test]
fn the_walk_of_static_is_kept_while_the_watcher_sees_no_change_there() {
    let site = TestSite::new("theme-listing");
    // A name Windows keeps, and two names that differ only in capitals: the
    // warnings a walk of static/ finds, which a kept walk must give again.
    site.write("static/docs/con.txt", "Minutes.\n");
    site.write("static/docs/Plan.txt", "Plan.\n");
    site.write("static/docs/plan.txt", "plan.\n");
    let mut cache = BuildCache::default();
    let first = same_as_full(&site, &mut cache, "first build");
    let warned = |built: &Built| {
        built
            .diagnostics
            .iter()
            .filter(|d| d.file.starts_with("static/docs"))
            .count()
    };
    assert_eq!(warned(&first), 2, "{:?}", first.diagnostics);

    save(
        &site,
        &mut cache,
        NEWS,
        &news("Heard", "2024-02-06", "voice of the child", "Edited."),
    );
    let edited = same_as_full(&site, &mut cache, "page edit, static/ kept");
    assert_eq!(warned(&edited), 2);

    save(&site, &mut cache, "static/docs/new.txt", "New.\n");
    let added = same_as_full(&site, &mut cache, "file added to static/");
    assert!(added.output.contains("docs/new.txt"));

    site.write("static/forms/referral.txt", "Form.\n");
    // A watcher reports the new folder, not always the files made in it.
    cache.set_changed(vec!["static/forms".into()]);
    let folder = same_as_full(&site, &mut cache, "folder added to static/");
    assert!(folder.output.contains("forms/referral.txt"));

    std::fs::remove_file(site.path("static/docs/con.txt")).expect("remove");
    cache.set_changed(vec!["static/docs/con.txt".into()]);
    let removed = same_as_full(&site, &mut cache, "file removed from static/");
    assert!(!removed.output.contains("docs/con.txt"));
    assert_eq!(warned(&removed), 1);

    // The watcher's word is what lets the walk be kept: a file it did not
    // report is not looked for, as a page file it did not report is not read.
    site.write("static/docs/unreported.txt", "Unseen.\n");
    cache.set_changed(vec![NEWS.into()]);
    let kept = build_with(&options(&site), &mut cache).expect("build");
    assert!(!kept.output.contains("docs/unreported.txt"));
    let walked = build_with(&options(&site), &mut cache).expect("build");
    assert!(
        walked.output.contains("docs/unreported.txt"),
        "not told, a build walks"
    );
}
