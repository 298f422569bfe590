//! Slips an author on a deadline makes, and input an attacker tries, that got
//! through before: each test failed before its fix. Every one must stop the
//! build (or `check`) with the file, the line and what to do, never publish.

mod common;

use common::{Run, TestSite};

/// Asserts that `run` ended with `code` and printed each of `texts`.
fn says(run: &Run, code: i32, texts: &[&str]) {
    assert_eq!(run.code, code, "{}", run.stderr);
    for text in texts {
        assert!(run.stderr.contains(text), "{text:?} in:\n{}", run.stderr);
    }
}

/// The `basic` fixture with `page` written at `path`, and its `site.yaml`.
fn basic_with(path: &str, page: &str) -> (TestSite, String) {
    let site = TestSite::new("basic");
    site.write(path, page);
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    (site, yaml)
}

/// A base URL copied from the browser's address bar with its `?` or `#` part
/// put every page's address after it (`/?utm=1/css/site.css`), so no page had a
/// stylesheet; one with a password published the password on every page.
#[test]
fn a_base_url_with_a_query_or_a_password_is_refused_in_site_yaml_and_as_a_flag() {
    let site = TestSite::new("basic");
    let help = "help: write `base_url: https://fixture.example.org/`";
    for (value, found) in [
        ("https://fixture.example.org/?utm_source=mail", "a `?` part"),
        ("https://fixture.example.org/#main", "a `#` part"),
        (
            "https://staff:Secret1@fixture.example.org/",
            "a user name or password",
        ),
        ("https://fixture.example.org/lscp/../", "a `..` part"),
    ] {
        site.write("site.yaml", format!("title: T\nbase_url: {value}\n"));
        let at = format!("site.yaml:2:1: `base_url` has {found}");
        says(&site.run(&["build"]), 1, &[&at, help]);
        assert!(!site.path("public").exists());
    }
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://fixture.example.org/\n",
    );
    let run = site.run(&["build", "--base-url", "https://example.org/preview/?x=1"]);
    says(
        &run,
        2,
        &[
            "the base URL has a `?` part",
            "write https://example.org/preview/",
        ],
    );
}

/// An archetype copied into `content/` by hand instead of with `plainsite new`:
/// the YAML help said to quote `{{ title }}`, and then the page was published
/// with the title `{{ title }}`, in its `<h1>`, its `<title>` and the feeds.
#[test]
fn template_code_in_a_title_description_or_topic_is_an_error_at_its_line() {
    let site = TestSite::new("basic");
    site.write(
        "content/copied.md",
        "---\ntitle: {{ title }}\ndescription: A page.\n---\n\nText.\n",
    );
    says(
        &site.run(&["build"]),
        1,
        &[
            "content/copied.md:2:8: title: found a group of settings, expected text",
            "help: `{{ title }}` is a blank that `plainsite new` fills in: write the title itself, like `title: Your page title`",
        ],
    );
    site.write(
        "content/copied.md",
        "---\ntitle: \"{{ title }}\"\ndescription: \"{% description %}\"\ntopics: [neglect, \"{{ topic }}\"]\n---\n\nText.\n",
    );
    for command in ["build", "check"] {
        says(
            &site.run(&[command]),
            1,
            &[
                "error[template-code]: content/copied.md:2:1: `title` has template code, `{{ title }}`, which pages do not run, so readers would see it as written",
                "help: `{{ title }}` is a blank that `plainsite new` fills in: write the title itself, like `title: Your page title`",
                "error[template-code]: content/copied.md:3:1: `description` has template code, `{% description %}`",
                "error[template-code]: content/copied.md:4:1: `topics` has template code, `{{ topic }}`",
            ],
        );
    }
    assert!(!site.path("public").exists());
}

/// Template code in `site.yaml` was shown as written: the site called
/// "{{ site.title }}" in every header, title and feed.
#[test]
fn template_code_in_site_yaml_is_an_error_at_its_place() {
    let site = TestSite::new("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace(
            "title: Fixture Partnership",
            "title: \"{{ site.title }}\" # {{ a note }}",
        ),
    );
    for command in ["build", "check"] {
        says(
            &site.run(&[command]),
            1,
            &[
                "error[template-code]: site.yaml:1:9: `title` has template code, `{{ site.title }}`",
                "help: write what readers should see, without the braces",
            ],
        );
    }
    assert!(!site.path("public").exists());
}

/// A number out of range was described in the reader's own words: "found the
/// number `99999999999999999999` as u128", "invalid value: integer `-1`".
#[test]
fn a_number_out_of_range_is_described_without_the_readers_words() {
    let site = TestSite::new("basic");
    site.write(
        "content/big.md",
        "---\ntitle: Big\nweight: 99999999999999999999\n---\n\nText.\n",
    );
    site.write(
        "content/small.md",
        "---\ntitle: Small\nweight: -99999999999999999999\n---\n\nText.\n",
    );
    let run = site.run(&["build"]);
    says(
        &run,
        1,
        &[
            "content/big.md:3:9: weight: found the number `99999999999999999999`, expected a whole number",
            "content/small.md:3:9: weight: found the number `-99999999999999999999`, expected a whole number",
        ],
    );
    site.write("content/big.md", "---\ntitle: Big\n---\n\nText.\n");
    site.write("content/small.md", "---\ntitle: Small\n---\n\nText.\n");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        yaml.replace("latest_count: 2", "latest_count: -6"),
    );
    says(
        &site.run(&["build"]),
        1,
        &["found the number `-6`, expected a whole number, 0 or more"],
    );
    for run in [run, site.run(&["build"])] {
        for jargon in ["u128", "i128", "invalid value", "integer"] {
            assert!(!run.stderr.contains(jargon), "{jargon}: {}", run.stderr);
        }
    }
}

/// `<!-- a note -->` is how Markdown leaves a note for the next author; it was
/// published as text, or (with `allow_html: true`) in the page's source.
#[test]
fn an_authors_note_in_a_comment_is_never_published() {
    let (site, yaml) = basic_with(
        "content/note.md",
        "---\ntitle: Note\ndescription: A page.\n---\n\nText <!-- ask Sam --> here.\n\n<!--\nCheck with the family first.\n-->\n",
    );
    for settings in [yaml.clone(), format!("{yaml}allow_html: true\n")] {
        site.write("site.yaml", settings);
        says(&site.run(&["build"]), 0, &[]);
        let page = site.read_output("note/index.html");
        assert!(page.contains("<p>Text  here.</p>"), "{page}");
        for note in ["ask Sam", "family first", "&lt;!--"] {
            assert!(!page.contains(note), "{note}: {page}");
        }
    }
}

/// A link to `Leaflet #1.pdf`, written `Leaflet%20%231.pdf` as a browser shows
/// it, passed the link check and was published as `Leaflet%20#1.pdf`: a link to
/// `Leaflet ` with a fragment, which no host can serve. Typed as it is, in `<…>`,
/// the `#` starts a place in a page, and the help said only to check static/.
#[test]
fn a_link_to_a_file_with_a_hash_in_its_name_asks_for_the_whole_name() {
    let page = |link: &str| {
        format!(
            "---\ntitle: Leaflet\ndescription: A page.\n---\n\nRead [the leaflet]({link}) and [the form](/files/a%3Fb.pdf).\n"
        )
    };
    let (site, _) = basic_with(
        "content/leaflet.md",
        &page("</files/Leaflet #1 (final).pdf>"),
    );
    site.write("static/files/Leaflet #1 (final).pdf", "%PDF-1.4\n");
    site.write("static/files/a?b.pdf", "%PDF-1.4\n");
    says(
        &site.run(&["build"]),
        1,
        &[
            "content/leaflet.md:6:6: broken link `/files/Leaflet #1 (final).pdf`",
            "help: the file's name has `#`, which in an address starts a place in a page: write it `%23`, like `/files/Leaflet%20%231%20%28final%29.pdf`",
        ],
    );
    site.write(
        "content/leaflet.md",
        page("/files/Leaflet%20%231%20(final).pdf"),
    );
    says(&site.run(&["build"]), 0, &[]);
    let page = site.read_output("leaflet/index.html");
    for href in [
        "href=\"/files/Leaflet%20%231%20%28final%29.pdf\"",
        "href=\"/files/a%3Fb.pdf\"",
    ] {
        assert!(page.contains(href), "{href}: {page}");
    }
}

/// A space after a `---`, a Windows line ending or a closing `...` was taken as
/// the end of the settings but not by the Markdown parser, which put every
/// setting, private notes under `extra:` too, on the page as its first heading.
#[test]
fn settings_closed_by_a_line_with_a_space_or_dots_never_reach_the_page() {
    for (name, page) in [
        (
            "space",
            "---\ntitle: Spaced\nextra:\n  note: \"Private note\"\n--- \nThe text.\n",
        ),
        (
            "crlf",
            "--- \r\ntitle: Windows\r\nextra:\r\n  note: \"Private note\"\r\n---\r\nThe text.\r\n",
        ),
        (
            "dots",
            "---\ntitle: Dots\nextra:\n  note: \"Private note\"\n...\nThe text.\n",
        ),
    ] {
        let (site, _) = basic_with(&format!("content/{name}.md"), page);
        site.build_ok();
        let html = site.read_output(&format!("{name}/index.html"));
        assert!(!html.contains("Private note"), "{name}: {html}");
        assert!(!html.contains("<hr"), "{name}: {html}");
        assert!(html.contains("<p>The text.</p>"), "{name}: {html}");
    }
}

/// A heading named as an element the theme writes on every page ("Main", the
/// skip link's target; "Page updates") took the same id: the page had two
/// elements of one id, and the skip link led to the heading, not to `<main>`.
#[test]
fn a_heading_never_takes_an_id_the_theme_gives_an_element_of_the_page() {
    let page = "---\ntitle: Ids\ntoc: true\nchanges:\n  - date: 2024-01-02\n    note: First version.\n---\n## Main\n\nText.\n\n## Page updates\n\nText.\n\n## Contents\n\nText.\n";
    let (site, _) = basic_with("content/news/ids.md", page);
    site.build_ok();
    let html = site.read_output("news/ids/index.html");
    assert!(html.contains(r#"<h2 id="main-1">"#), "{html}");
    assert!(html.contains(r#"<h2 id="page-updates-1">"#), "{html}");
    assert!(html.contains(r##"href="#main""##), "{html}");
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "an id is given twice in {html}");
    assert!(
        ids.contains(&"main") && ids.contains(&"page-updates"),
        "{ids:?}"
    );
}

/// An address copied from the preview's address bar worked on the author's
/// screen and nowhere else, and an empty `[the plan]()` led back to the same
/// page; both were published without a word.
#[test]
fn a_link_to_the_preview_or_with_no_address_is_an_error_at_its_line() {
    let page = "---\ntitle: Links\n---\nRead [the plan](http://127.0.0.1:1111/news/item-1/).\n\nAnd [the list]().\n";
    let (site, yaml) = basic_with("content/news/links.md", page);
    says(
        &site.run(&["build"]),
        1,
        &[
            "error[broken-link]: content/news/links.md:4:6: broken link: the address \"http://127.0.0.1:1111/news/item-1/\" is on your own computer (`127.0.0.1`), so it works in your preview but leads nowhere for readers",
            "help: write the part after the host, `/news/item-1/`, or link to the page's file",
            "error[broken-link]: content/news/links.md:6:5: broken link: it has no address",
        ],
    );
    assert!(!site.path("public/news/links").exists());
    site.write("content/news/links.md", "---\ntitle: Links\n---\nText.\n");
    site.write(
        "site.yaml",
        format!("{yaml}footer_menu:\n  - name: Privacy\n    url: http://localhost:1111/privacy/\n"),
    );
    says(
        &site.run(&["build"]),
        1,
        &["site.yaml:", "is on your own computer (`localhost`)"],
    );
}

/// A document linked where it sits on the author's computer or a shared drive
/// (`C:\…`, `file:`, `\\server\…`), as a file manager copies it, opens
/// only on that computer: the error says to publish a copy in `static/files/`.
#[test]
fn a_link_to_a_file_on_a_computer_is_an_error_at_its_line() {
    let page = "---\ntitle: Links\n---\nRead [the plan](C:\\Users\\jo\\Documents\\plan.docx).\n";
    let (site, yaml) = basic_with("content/news/links.md", page);
    says(
        &site.run(&["build"]),
        1,
        &[
            "error[broken-link]: content/news/links.md:4:6: broken link: the address `C:\\Users\\jo\\Documents\\plan.docx` is a file on a computer's drive, which readers cannot open",
            "help: put a copy of the file in the site's static/files/ folder and link to `/files/plan.docx`",
        ],
    );
    assert!(!site.path("public/news/links").exists());
    site.write("content/news/links.md", "---\ntitle: Links\n---\nText.\n");
    site.write(
        "site.yaml",
        format!(
            "{yaml}footer_menu:\n  - name: Leaflet\n    url: 'file:///S:/Comms/Our leaflet.pdf'\n"
        ),
    );
    says(
        &site.run(&["build"]),
        1,
        &[
            "site.yaml:",
            "is a file on a computer",
            "`/files/Our-leaflet.pdf`",
        ],
    );
}

/// With `hosting:` set, the security headers plainsite writes let pages show
/// only the site's own images: one from another site shows in the preview and
/// not to readers. It is a broken image there, and only there.
#[test]
fn an_image_from_another_site_is_broken_where_the_host_sends_headers() {
    let page = "---\ntitle: Chart\n---\nThe figures.\n\n![A chart of referrals](https://example.org/chart.png)\n";
    let (site, yaml) = basic_with("content/news/chart.md", page);
    site.build_ok();
    assert!(
        site.read_output("news/chart/index.html")
            .contains("src=\"https://example.org/chart.png\"")
    );
    site.write("site.yaml", format!("{yaml}hosting: netlify\n"));
    says(
        &site.run(&["build"]),
        1,
        &[
            "error[broken-link]: content/news/chart.md:6:1: broken image `https://example.org/chart.png`: it is on another site, and the security headers written for `hosting: netlify` let pages show only this site's own images",
            "help: save the picture (if you may reuse it) beside the page or in static/images/",
        ],
    );
    site.write("site.yaml", format!("{yaml}hosting: github-pages\n"));
    site.build_ok();
}

/// `**today **if`: the space inside made no bold, and readers saw the
/// asterisks. Asterisks shown on purpose (escaped, or a run of four) are not
/// reported, nor is bold that works beside them.
#[test]
fn asterisks_that_made_no_bold_are_an_error_and_escaped_ones_are_not() {
    let page = "---\ntitle: Call\n---\nCall the team **today **if you are worried.\n\nShow \\*\\*this\\*\\* and **this**, and a password: ****.\n";
    let (site, _) = basic_with("content/news/call.md", page);
    let run = site.run(&["build"]);
    says(
        &run,
        1,
        &[
            "error[not-bold]: content/news/call.md:4:15: these `**` do not make bold text, as there is a space just inside them",
            "help: write `**today**`",
        ],
    );
    assert_eq!(
        run.stderr.matches("[not-bold]").count(),
        1,
        "{}",
        run.stderr
    );
    site.write(
        "content/news/call.md",
        page.replace("**today **if", "**today** if"),
    );
    site.build_ok();
    let shown = site.read_output("news/call/index.html");
    assert!(shown.contains("<strong>today</strong> if"), "{shown}");
    assert!(
        shown.contains("Show **this** and <strong>this</strong>"),
        "{shown}"
    );
}

/// With `allow_html: true`, an `<img>` tag passed every check: one with no
/// alt text, and one from another site where the host's headers block it.
#[test]
fn an_html_image_is_held_to_the_rules_of_a_markdown_image() {
    let page = "---\ntitle: Chart\n---\nThe figures.\n\nSee <img src=\"https://example.org/chart.png\" alt=\"A chart of referrals\"> here.\n\n<div>\n<IMG SRC=\"/images/logo.png\">\n</div>\n";
    let (site, yaml) = basic_with("content/news/chart.md", page);
    site.write("site.yaml", format!("{yaml}allow_html: true\n"));
    says(
        &site.run(&["build"]),
        1,
        &["error[image-alt]: content/news/chart.md:9:1: this `<img>` tag has no alt text"],
    );
    let page = page.replace("<IMG SRC", "<IMG alt=\"\" SRC");
    site.write("content/news/chart.md", &page);
    site.build_ok();
    site.write(
        "site.yaml",
        format!("{yaml}allow_html: true\nhosting: netlify\n"),
    );
    says(
        &site.run(&["build"]),
        1,
        &[
            "error[broken-link]: content/news/chart.md:6:5: broken image `https://example.org/chart.png`: it is on another site",
        ],
    );
}

/// `template: macros.html` (or a part, or a page plainsite makes itself)
/// published a page without the author's text, or the search page at its
/// address, and said nothing.
#[test]
fn a_template_that_is_not_for_a_page_is_an_error_at_its_line() {
    for (name, why) in [
        ("macros.html", "a part every page is made from"),
        (
            "partials/attachments.html",
            "a part every page is made from",
        ),
        ("search.html", "a page plainsite makes itself"),
        (
            "alias.html",
            "the page plainsite makes to send an old address",
        ),
    ] {
        let page = format!("---\ntitle: Plan\ntemplate: {name}\n---\nThe plan.\n");
        let (site, _) = basic_with("content/news/plan.md", &page);
        let run = site.run(&["build"]);
        says(
            &run,
            1,
            &[
                &format!(
                    "error[template]: content/news/plan.md:3:1: `template: {name}` names {why}"
                ),
                "help: remove the line to use the page's usual template, or name one of these: ",
            ],
        );
        assert!(!run.stderr.contains("macros.html,"), "{}", run.stderr);
        assert!(!site.path("public/news/plan").exists());
    }
    let (site, _) = basic_with(
        "content/news/plan.md",
        "---\ntitle: Plan\ntemplate: page.html\n---\nThe plan.\n",
    );
    site.build_ok();
}

/// A link copied from an email in Outlook went public wrapped by Safe Links,
/// with the address of the person who got the email in it; one from a search
/// results page went through the search engine. In a page, in front matter and
/// in `site.yaml`, each is now an error that gives the address inside.
#[test]
fn an_address_wrapped_by_safe_links_or_a_search_engine_is_refused_everywhere() {
    let wrapped = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.org%2Ftoolkit%2F&data=05%7C01%7Cjane.smith%40example.org%7Cabc&reserved=0";
    let page = format!(
        "---\ntitle: Toolkit\n---\nSee [the toolkit]({wrapped}) and [our files](https://lscp.sharepoint.com/sites/p/Shared%20Documents/plan.docx).\n"
    );
    let (site, yaml) = basic_with("content/news/toolkit.md", &page);
    let run = site.run(&["check"]);
    says(
        &run,
        1,
        &[
            "error[wrapped-link]: content/news/toolkit.md:4:5: this address was copied through Outlook's Safe Links",
            "(jane.smith@example.org)",
            "help: use the address inside it: `https://www.example.org/toolkit/`",
            "warning[staff-link]: content/news/toolkit.md:4:",
            "`/files/plan.docx`",
        ],
    );
    // Reported once, by its own rule, not as a broken link too.
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    let fixed = page.replace(wrapped, "https://www.example.org/toolkit/");
    site.write("content/news/toolkit.md", &fixed);
    let run = site.build_ok();
    assert!(
        run.stderr.contains("1  warning staff-link"),
        "{}",
        run.stderr
    );
    site.write(
        "content/news/toolkit.md",
        fixed.replace(
            "title: Toolkit\n",
            &format!("title: Toolkit\nextra:\n  more_url: {wrapped}\n"),
        ),
    );
    says(
        &site.run(&["check"]),
        1,
        &[
            "error[front-matter]: content/news/toolkit.md:4:13: this address was copied through Outlook's Safe Links",
        ],
    );
    site.write("content/news/toolkit.md", &fixed);
    site.write(
        "site.yaml",
        yaml.replace(
            "url: /news/ }",
            "url: \"https://www.google.com/url?sa=t&q=https://www.example.gov.uk/report\" }",
        ),
    );
    says(
        &site.run(&["build"]),
        1,
        &[
            "error[config]: site.yaml:5:",
            "copied through a search engine's results page",
            "`https://www.example.gov.uk/report`",
        ],
    );
}

/// Bold written with underscores and a space just inside (`__today __`) went
/// public with its underscores showing, and nothing said so; the same with
/// asterisks was already an error. A form's blanks (`__ / __`) are left alone.
#[test]
fn bold_written_with_underscores_and_a_space_inside_is_refused() {
    let page = "---\ntitle: Call us\n---\nCall the team __today __if you are worried.\n\nDate: __ / __ / ____. Name: ______. Sign here: __ Date: __\n";
    let (site, _) = basic_with("content/news/call.md", page);
    says(
        &site.run(&["check"]),
        1,
        &[
            "error[not-bold]: content/news/call.md:4:15: these `__` do not make bold text, as there is a space just inside them, so readers would see the underscores",
            "help: write `__today__`, with the underscores right against the words",
        ],
    );
    let run = site.run(&["check"]);
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    site.write(
        "content/news/call.md",
        page.replace("__today __if", "__today__ if"),
    );
    site.build_ok();
}

/// A Google Doc's editing link went public with no message: readers who are not
/// named on it cannot open it, and if anyone with the link may edit, any reader
/// could change it. A Google Form, meant for everyone, is not named.
#[test]
fn a_google_docs_editing_link_is_named_and_a_form_is_not() {
    let page = "---\ntitle: Forms\ndescription: The plan and the form.\n---\nRead [the plan](https://docs.google.com/document/d/1AbC/edit?usp=sharing) and fill in [the form](https://docs.google.com/forms/d/e/1FAIpQL/viewform).\n";
    let (site, _) = basic_with("content/news/forms.md", page);
    let run = site.run(&["check", "--strict"]);
    says(
        &run,
        1,
        &[
            "warning[staff-link]: content/news/forms.md:5:6: this link goes to a Google Doc",
            "This is an editing link",
            "help: put a copy of the file in the site's static/files/ folder",
        ],
    );
    assert_eq!(run.stderr.matches("warning[").count(), 1, "{}", run.stderr);

    // The most important link on the site, to a form staff alone can open.
    site.write(
        "site.yaml",
        std::fs::read_to_string(site.path("site.yaml"))
            .expect("site.yaml")
            .replace(
                "child, url: /news/ }",
                "child, url: \"https://lscp.sharepoint.com/sites/safeguarding/SitePages/Report.aspx\" }",
            ),
    );
    says(
        &site.run(&["check", "--strict"]),
        1,
        &["warning[staff-link]: site.yaml:5:63: this link goes to SharePoint"],
    );
}

/// `[the site](“https://www.example.org/”)`: quotation marks around an
/// address, made curly by a word processor, were reported as a missing file
/// with help about folders. The message now says what is wrong.
#[test]
fn an_address_in_quotation_marks_is_named_for_them() {
    let page = "---\ntitle: Quotes\ndescription: Two links.\n---\nRead [the site](“https://www.example.org/”) and [the policy](\"/files/policy.pdf\").\n";
    let (site, _) = basic_with("content/news/quotes.md", page);
    says(
        &site.run(&["check"]),
        1,
        &[
            "error[broken-link]: content/news/quotes.md:5:6: broken link `“https://www.example.org/”`: its address is inside quotation marks",
            "help: take the quotation marks away, so that it reads `https://www.example.org/`",
            "error[broken-link]: content/news/quotes.md:5:",
            "help: take the quotation marks away, so that it reads `/files/policy.pdf`",
        ],
    );
}

/// An attachment copied from the file manager as `C:\Users\…\plan.docx` was
/// looked for inside the page's folder, and the message named a path that
/// could never be: `content/news/C:\Users\…`. So was a web address; and an
/// empty one was named at the `attachments:` line as `` ` ` ``.
#[test]
fn an_attachment_on_the_authors_own_drive_is_named_for_it() {
    let page = "---\ntitle: Plan\ndescription: Our plan.\nattachments:\n  - file: 'C:\\Users\\jane\\Documents\\Our plan.docx'\n    title: Our plan\n  - file: https://www.example.org/plan.pdf\n  - file: ' '\n---\nOur plan for the year is in the document.\n";
    let (site, _) = basic_with("content/news/plan.md", page);
    says(
        &site.run(&["check"]),
        1,
        &[
            "error[attachment-missing]: content/news/plan.md:5: the attachment `C:\\Users\\jane\\Documents\\Our plan.docx` is a file on a computer's drive, which the site cannot publish",
            "help: put a copy of the file in this page's folder, content/news/, and write `file: Our-plan.docx`",
            "error[attachment-missing]: content/news/plan.md:7: the attachment `https://www.example.org/plan.pdf` is an address on the web, not a file of this site",
            "help: link to a document on another website in the page's text, like `[its title](https://www.example.org/plan.pdf)`",
            "error[attachment-missing]: content/news/plan.md:8: an attachment has no file",
        ],
    );
}
