//! `plainsite init` and `plainsite new` (issue 10): a new site builds, a new page
//! lands in it, and every refusal says what to do. Runs the real binary.

mod common;

use common::TestSite;
use jiff::ToSpan;

/// A scratch folder with a new site made by `init` in `my-site/`.
fn new_site() -> TestSite {
    let site = TestSite::new("init-workspace");
    let run = site.run(&["init", "my-site"]);
    assert_eq!(run.code, 0, "init failed:\n{}", run.stderr);
    site
}

/// `plainsite --root my-site <args>`.
fn in_site(site: &TestSite, args: &[&str]) -> common::Run {
    let mut all = vec!["--root", "my-site"];
    all.extend_from_slice(args);
    site.run(&all)
}

/// A file of the new site, as text.
fn read(site: &TestSite, rel: &str) -> String {
    let path = site.path("my-site").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn init_new_check_and_build_make_a_site_with_the_new_page() {
    let site = new_site();
    for file in [
        "site.yaml",
        "data/glossary.yaml",
        "content/_index.md",
        "content/briefings/_index.md",
        "content/briefings/professional-curiosity.md",
        "content/newsletters/spring-newsletter.md",
        "content/strategies/neglect.md",
        "content/annual-report/_index.md",
        "content/about/accessibility.md",
    ] {
        assert!(
            site.path("my-site").join(file).is_file(),
            "{file} is missing"
        );
    }
    assert!(
        !site.path("my-site/themes").exists(),
        "the theme is built in, not copied"
    );

    let run = in_site(&site, &["new", "briefings", "Think Family"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r"
    Made my-site/content/briefings/think-family.md from (built-in default theme)/archetypes/briefings.md.
    Once published, it will be at https://www.example.org/briefings/think-family/
    ");
    let page = read(&site, "content/briefings/think-family.md");
    let today = jiff::ZonedDateTime::now().date();
    let year_on = today.checked_add(1.year()).expect("a year on");
    assert!(page.contains("title: Think Family\n"), "{page}");
    assert!(page.contains(&format!("\ndate: {today}\n")), "{page}");
    assert!(
        page.contains(&format!("\nreview_by: {year_on}\n")),
        "{page}"
    );
    let parts = page.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(parts, 7, "a briefing has seven parts:\n{page}");

    let run = in_site(&site, &["check"]);
    assert_eq!(run.code, 0, "check found errors:\n{}", run.stderr);
    let run = in_site(&site, &["build"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert!(
        site.path("my-site/public/briefings/think-family/index.html")
            .is_file()
    );
}

#[test]
fn the_starter_site_builds_and_check_flags_only_its_placeholders() {
    let site = new_site();
    let run = in_site(&site, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = in_site(&site, &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let rules: Vec<(&str, &str)> = found["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or(""),
                d["file"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        rules,
        vec![("placeholder", "site.yaml"); 3],
        "only the report-a-concern link and the contact are left to fill in"
    );
    // Once replaced, nothing is left.
    let yaml = read(&site, "site.yaml")
        .replace(
            "https://www.example.org/REPLACE-with-your-report-a-concern-page/",
            "/report-a-concern/",
        )
        .replace("REPLACE with your team's name", "Business unit")
        .replace("REPLACE-with-your-address", "unit");
    std::fs::write(site.path("my-site/site.yaml"), yaml).expect("write");
    let run = in_site(&site, &["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_starter_site_has_an_internal_guide_an_empty_static_folder_and_news_on_the_home_page() {
    let site = new_site();
    assert!(read(&site, "content/guide/_index.md").contains("\ninternal: true\n"));
    let statics = std::fs::read_dir(site.path("my-site/static")).expect("static/ is made");
    assert_eq!(
        statics.count(),
        0,
        "nothing in static/ that would be published"
    );
    assert!(read(&site, "site.yaml").contains("latest_from: [news,"));
    let run = in_site(&site, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !site.path("my-site/public/guide").exists(),
        "the guide is internal"
    );
    assert!(
        !site.path("my-site/public/README.txt").exists(),
        "no note for authors is published"
    );
    let home = read(&site, "public/index.html");
    assert!(
        home.contains("Our new website"),
        "the news item is listed on the home page"
    );
    assert!(!home.contains("/guide/"), "no public link to the guide");
    let run = in_site(&site, &["build", "--internal", "--output", "staff"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.path("my-site/staff/guide/previewing-and-checking/index.html")
            .is_file()
    );
}

#[test]
fn new_section_makes_a_section_that_new_can_add_to() {
    let site = new_site();
    let run = in_site(&site, &["new", "section", "Events"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("page_kind: events"), "{}", run.stdout);
    let index = read(&site, "content/events/_index.md");
    assert!(index.contains("title: Events\n"), "{index}");
    assert!(index.contains("\npage_kind: events\n---\n"), "{index}");
    let run = in_site(&site, &["new", "events", "Summer fair"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&site, "content/events/summer-fair.md");
    assert!(
        page.contains("\nstart: "),
        "made from the events archetype: {page}"
    );
    // The event is in a section of events, so no message says it is not.
    let run = in_site(&site, &["check"]);
    assert!(!run.stderr.contains("event-start"), "{}", run.stderr);
    let again = in_site(&site, &["new", "section", "Events"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    let run = in_site(&site, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.path("my-site/public/events/summer-fair/index.html")
            .is_file()
    );
}

#[test]
fn new_section_takes_the_kind_it_is_given() {
    let site = new_site();
    let run = in_site(&site, &["new", "section", "Training", "--kind", "events"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = read(&site, "content/training/_index.md");
    assert!(index.contains("\npage_kind: events\n"), "{index}");
    let run = in_site(&site, &["new", "section", "Events", "--kind", "pages"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!read(&site, "content/events/_index.md").contains("page_kind"));
    let run = in_site(&site, &["new", "section", "Resources"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!read(&site, "content/resources/_index.md").contains("page_kind"));
    assert!(!run.stdout.contains("page_kind"), "{}", run.stdout);
    // A name that only suggests a kind is made plain, with a tip.
    let run = in_site(&site, &["new", "section", "Events 2027"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!read(&site, "content/events-2027/_index.md").contains("page_kind"));
    assert!(
        run.stdout
            .contains("add a line `page_kind: events` to my-site/content/events-2027/_index.md"),
        "{}",
        run.stdout
    );
    let run = in_site(
        &site,
        &["new", "section", "Training courses", "--kind", "pages"],
    );
    assert!(!run.stdout.contains("page_kind"), "{}", run.stdout);
    // Anything but the four kinds is refused before a file is written.
    for bad in ["../etc", "", "EVENTS ", "event"] {
        let run = in_site(&site, &["new", "section", "Odd", "--kind", bad]);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("possible values: events, briefings, easy-read, pages"),
            "{}",
            run.stderr
        );
    }
    assert!(!site.path("my-site/content/odd").exists());
    let run = in_site(&site, &["new", "news", "Fair", "--kind", "events"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--kind is for a new section"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_section_keeps_hostile_names_inside_content() {
    let site = new_site();
    for name in [
        "../../outside",
        "/etc/passwd",
        "a:b #c",
        "\u{202e}evil\u{7}",
    ] {
        let run = in_site(&site, &["new", "section", name]);
        assert_eq!(run.code, 0, "{name:?}: {}", run.stderr);
    }
    assert!(!site.path("outside").exists());
    assert!(site.path("my-site/content/outside/_index.md").is_file());
    assert!(site.path("my-site/content/etc-passwd/_index.md").is_file());
    let run = in_site(&site, &["new", "section", "  ***  "]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no letters or digits"),
        "{}",
        run.stderr
    );
    // Names Windows keeps for its devices: no folder or file there can have them.
    for (args, what) in [
        (&["new", "section", "Con"][..], "section"),
        (&["new", "section", "AUX"][..], "section"),
        (&["new", "outside", "Nul"][..], "page"),
    ] {
        let run = in_site(&site, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("the {what} would be called `"))
                && run.stderr.contains("a name Windows keeps for itself"),
            "{}",
            run.stderr
        );
    }
    assert!(!site.path("my-site/content/con").exists());
    assert!(!site.path("my-site/content/outside/nul.md").exists());
    let run = in_site(&site, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn init_says_what_to_do_next() {
    let site = TestSite::new("init-workspace");
    let run = site.run(&["init", "my-site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = TestSite::new("init-workspace");
    let run = site.run(&["init", "."]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
    assert!(!site.path("site.yaml").exists(), "nothing was written");
}

#[test]
fn init_refuses_a_file() {
    let site = TestSite::new("init-workspace");
    let run = site.run(&["init", "notes.txt"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn new_names_a_polish_or_welsh_title_with_its_plain_letters() {
    let site = new_site();
    for (title, file) in [
        ("Zgłoś się", "content/news/zglos-sie.md"),
        ("Gwasanaethau Ŵyl", "content/news/gwasanaethau-wyl.md"),
    ] {
        let run = in_site(&site, &["new", "news", title]);
        assert_eq!(run.code, 0, "{title}: {}", run.stderr);
        assert!(read(&site, file).contains(title), "{file}");
    }
}

#[test]
fn new_refuses_to_overwrite_a_page() {
    let site = new_site();
    assert_eq!(
        in_site(&site, &["new", "briefings", "Think Family"]).code,
        0
    );
    let before = read(&site, "content/briefings/think-family.md");
    let run = in_site(&site, &["new", "briefings", "Think family!"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
    assert_eq!(read(&site, "content/briefings/think-family.md"), before);
}

#[test]
fn new_lists_the_sections_when_the_section_is_missing() {
    let site = new_site();
    let run = in_site(&site, &["new", "reviews", "Child A"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn new_suggests_the_section_meant() {
    let site = new_site();
    let run = in_site(&site, &["new", "briefing", "Think Family"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

/// A section named in other capitals is the folder that is there: `news`,
/// not a new section `News`, which Windows and macOS would read as the same.
#[test]
fn new_in_a_section_named_in_other_capitals_asks_about_the_folder() {
    let site = new_site();
    let run = in_site(&site, &["new", "News", "Half-term \"safe\" plans"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("help: did you mean `news`? Write the section as its folder is named: `plainsite new news \"Half-term \\\"safe\\\" plans\"`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("new section"), "{}", run.stderr);
    // A section folder written in capitals is not made again in small letters.
    std::fs::rename(
        site.path("my-site/content/news"),
        site.path("my-site/content/News"),
    )
    .expect("rename");
    let run = in_site(&site, &["new", "section", "news"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/News is there already, and a folder `news` beside it would be the same folder on Windows and macOS"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`plainsite new News \"Your title\"`"),
        "{}",
        run.stderr
    );
    let names: Vec<String> = std::fs::read_dir(site.path("my-site/content"))
        .expect("content/")
        .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
        .collect();
    assert!(
        names.contains(&"News".to_owned()) && !names.contains(&"news".to_owned()),
        "{names:?}"
    );
    // An empty folder in other capitals is no section: the way out is named.
    std::fs::create_dir(site.path("my-site/content/Events")).expect("mkdir");
    let run = in_site(&site, &["new", "section", "events"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("rename the folder content/Events to `events`"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_quotes_a_title_that_yaml_would_misread() {
    let site = new_site();
    let run = in_site(
        &site,
        &["new", "newsletters", "Neglect: \"was not brought\" #2"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&site, "content/newsletters/neglect-was-not-brought-2.md");
    assert!(
        page.contains("title: \"Neglect: \\\"was not brought\\\" #2\"\n"),
        "{page}"
    );
    assert_eq!(in_site(&site, &["build"]).code, 0);
    let html = read(
        &site,
        "public/newsletters/neglect-was-not-brought-2/index.html",
    );
    assert!(
        html.contains("<h1>Neglect: &quot;was not brought&quot; #2</h1>"),
        "{}",
        common::main_of(&html)
    );
}

#[test]
fn new_uses_the_site_archetype_before_the_theme() {
    let site = new_site();
    site.write(
        "my-site/archetypes/newsletters.md",
        "---\ntitle: {{ title }}\ndescription: Our news.\ndate: {{ date }}\n---\n\nOur own start.\n",
    );
    let run = in_site(&site, &["new", "newsletters", "Summer newsletter"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("from archetypes/newsletters.md"),
        "{}",
        run.stdout
    );
    let page = read(&site, "content/newsletters/summer-newsletter.md");
    assert!(page.ends_with("Our own start.\n"), "{page}");
}

#[test]
fn new_outside_a_site_says_where_to_start() {
    let site = TestSite::new("init-workspace");
    let run = site.run(&["new", "briefings", "Think Family"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn every_command_has_help_with_examples() {
    let site = TestSite::new("init-workspace");
    let top = site.run(&["--help"]);
    assert!(top.stdout.contains("Examples:"), "{}", top.stdout);
    let commands: Vec<String> = top
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.contains(&"init".to_owned()), "{}", top.stdout);
    for command in commands {
        let run = site.run(&[&command, "--help"]);
        assert_eq!(run.code, 0, "{command} --help");
        assert!(
            run.stdout.contains("Examples:"),
            "`plainsite {command} --help` has no examples:\n{}",
            run.stdout
        );
    }
}

#[test]
fn new_with_a_very_long_title_or_one_in_another_script_says_what_to_do() {
    let site = new_site();
    let long = "Safeguarding ".repeat(40);
    let run = in_site(&site, &["new", "briefings", &long]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let made: Vec<String> = std::fs::read_dir(site.path("my-site/content/briefings"))
        .expect("briefings")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("safeguarding-"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(
        made[0].len() <= 83 && made[0].ends_with("safeguarding.md"),
        "{made:?}"
    );
    let run = in_site(&site, &["new", "briefings", "اردو"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("has no English letters or digits")
            && run.stderr.contains("a translation"),
        "{}",
        run.stderr
    );
}

/// A section's folder linked in from elsewhere: `new` said to make the
/// section, and `new section` said to remove the link, sending the author
/// from one to the other.
#[cfg(unix)]
#[test]
fn new_in_a_linked_section_says_the_link_is_why() {
    let site = new_site();
    let elsewhere = site.path("reviews-folder");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::os::unix::fs::symlink(&elsewhere, site.path("my-site/content/reviews")).expect("link");
    let run = in_site(&site, &["new", "reviews", "Child A"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "content/reviews is a symbolic link, and plainsite reads no section through a link"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("remove the link, move the folder it leads to into its place"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("new section"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&elsewhere).expect("read").count(), 0);
}
