//! Hostile or careless input in the files beside the pages: a spreadsheet's data
//! file, an old address, raw HTML that reaches outside its page. Each test
//! failed on `main` at `0cac9aa`.

mod common;

use common::TestSite;

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: A page for a test.\n---\n\n{body}\n")
}

#[test]
fn a_control_character_in_a_data_file_stops_the_build_at_its_line() {
    let site = TestSite::new("basic");
    site.write(
        "data/contacts.csv",
        "Year,Contacts\n2018-19,\"9,760\"\n\"2019\u{0}-20\",\"10,178\"\n",
    );
    site.write(
        "content/figures.md",
        page(
            "Figures",
            "Contacts rose.\n\n```{chart} title=\"Contacts\" file=\"contacts.csv\"\n```",
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("data/contacts.csv:3:6:") && run.stderr.contains("U+0000"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
}
