//! A shortcode's data file (`file="contacts.csv"` in `data/`), read as a
//! spreadsheet saves it. Excel's "CSV UTF-8" starts the file with a byte-order
//! mark, which is taken off rather than put into the first heading; its plain
//! "CSV" is not UTF-8 where a `£` is in it, and in much of Europe it separates
//! cells with semicolons. Each of those, and a name that is nearly right, gets a
//! message that says what to do.
//!
//! Part of `render`, used by [`super::shortcodes`].

use std::path::Path;

/// The rows of `data/{file}` (`data_dir` is the site's `data/`, `file` a
/// relative `.csv` name already checked), or the message and help for the author.
pub(super) fn read(data_dir: &Path, file: &str) -> Result<Vec<Vec<String>>, (String, String)> {
    let path = data_dir.join(file);
    // A data file must really be a site file inside data/ (see
    // `paths::leads_within`), found afresh: data/ may be new since.
    let data_real = data_dir.canonicalize().unwrap_or_default();
    if path.exists() && !crate::paths::leads_within(&data_real, &path) {
        return Err((
            format!(
                "data/{file} is a symbolic link that leads out of data/ or to a hidden file, so it is not read"
            ),
            "copy the file into data/ instead of linking to it".to_owned(),
        ));
    }
    let bytes = crate::paths::read_file(&path).map_err(|e| {
        let near = file
            .strip_prefix("data/")
            .filter(|inner| data_dir.join(inner).is_file())
            .map(str::to_owned)
            .or_else(|| crate::paths::near_in_folder(data_dir, file));
        let help = match near {
            Some(near) => format!("did you mean `file=\"{near}\"`? The name is read inside data/"),
            None => "put the file in the site's data/ folder, or fix `file=`".to_owned(),
        };
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            format!("there is no data file data/{file}")
        } else {
            format!("the data file data/{file} could not be read: {e}")
        };
        (message, help)
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        (
            format!(
                "data/{file}:{line}: the file is not saved as UTF-8 text, so a character such as `£` or `é` cannot be read"
            ),
            "save it again as UTF-8: in Excel, choose Save As and the type \"CSV UTF-8 (Comma delimited)\"; other spreadsheets call it UTF-8 or Unicode".to_owned(),
        )
    })?;
    // Cells go into the page as they are: a control character (a NUL from a
    // database export) or a noncharacter would reach the public HTML.
    if let Some((line, col, c)) = crate::text::first_forbidden(text) {
        return Err((
            format!(
                "data/{file}:{line}:{col}: the file has the invisible character U+{:04X} {}",
                u32::from(c),
                crate::text::forbidden_kind(c)
            ),
            "delete it in the spreadsheet or a text editor (it often comes with data exported from another program), then save the file again".to_owned(),
        ));
    }
    if let Some(separator) = other_separator(text) {
        return Err((
            format!(
                "data/{file}:1: the cells are separated by {separator}, not by commas, so each row would be read as one cell"
            ),
            "save it again as \"CSV UTF-8 (Comma delimited)\", with numbers written as in the report (10,178)".to_owned(),
        ));
    }
    read_csv(text).map_err(|(line, m)| {
        (
            format!("data/{file}:{line}: {m}"),
            "close every quoted cell with \"; write a quote inside one as \"\"".to_owned(),
        )
    })
}

/// The name of what separates the cells of `text`'s first line when it is not a
/// comma: semicolons (a spreadsheet set up for a country that writes `9,5`) or
/// tabs. `None` when the line has a comma, or neither.
fn other_separator(text: &str) -> Option<&'static str> {
    let first = text.lines().next()?;
    if first.contains(',') {
        None
    } else if first.contains(';') {
        Some("semicolons (;)")
    } else if first.contains('\t') {
        Some("tabs")
    } else {
        None
    }
}

/// Reads CSV (RFC 4180: commas, quoted cells with `""` for a quote). Blank lines are
/// skipped; cells are trimmed. An error gives the 1-based line.
fn read_csv(text: &str) -> Result<Vec<Vec<String>>, (usize, &'static str)> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    let mut end_row = |row: &mut Vec<String>, cell: &mut String| {
        row.push(std::mem::take(cell).trim().to_owned());
        let done = std::mem::take(row);
        if !(done.len() == 1 && done[0].is_empty()) {
            rows.push(done);
        }
    };
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
                start_line = line;
            }
            (false, ',') => row.push(std::mem::take(&mut cell).trim().to_owned()),
            (false, '\r') => {}
            (false, '\n') => {
                end_row(&mut row, &mut cell);
                line += 1;
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err((start_line, "a quoted cell is not closed"));
    }
    end_row(&mut row, &mut cell);
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_may_be_quoted() {
        let rows = read_csv("Year,Contacts\r\n2019-20,\"10,178\"\n\n\"say \"\"hi\"\"\", 2\n")
            .expect("valid");
        assert_eq!(
            rows,
            vec![
                vec!["Year", "Contacts"],
                vec!["2019-20", "10,178"],
                vec!["say \"hi\"", "2"]
            ]
        );
        assert_eq!(
            read_csv("a\n\"b,c\n"),
            Err((2, "a quoted cell is not closed"))
        );
    }

    fn read_text(bytes: &[u8]) -> Result<Vec<Vec<String>>, (String, String)> {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("c.csv"), bytes).expect("write");
        let data = dir.path().canonicalize().expect("canonical");
        read(&data, "c.csv")
    }

    #[test]
    fn the_mark_excel_puts_first_is_not_part_of_the_heading() {
        let rows = read_text(b"\xEF\xBB\xBFYear,Contacts\r\n2019-20,\"10,178\"\r\n").expect("rows");
        assert_eq!(rows[0], ["Year", "Contacts"]);
    }

    #[test]
    fn a_file_not_in_utf8_is_told_how_to_save_it_with_its_line() {
        let (message, help) = read_text(b"Cost,Amount\nTraining,\xA31,200\n").unwrap_err();
        assert!(
            message.starts_with("data/c.csv:2: the file is not saved as UTF-8"),
            "{message}"
        );
        assert!(help.contains("CSV UTF-8 (Comma delimited)"), "{help}");
    }

    #[test]
    fn a_control_character_in_a_cell_is_named_with_its_line_and_column() {
        let (message, help) = read_text(b"Year,Contacts\n\"20\x0719\",5\n").unwrap_err();
        assert!(
            message.starts_with("data/c.csv:2:4: the file has the invisible character U+0007"),
            "{message}"
        );
        assert!(help.starts_with("delete it"), "{help}");
        assert!(read_text("Year,Contacts\n\"a\tb\",5\r\n".as_bytes()).is_ok());
    }

    #[test]
    fn semicolons_or_tabs_between_cells_are_named() {
        for (text, says) in [
            ("Year;Contacts\n2019;9,5\n", "semicolons"),
            ("Year\tContacts\n", "tabs"),
        ] {
            let (message, _) = read_text(text.as_bytes()).unwrap_err();
            assert!(message.contains(says), "{message}");
        }
        // A comma in the first line is a comma-separated file, whatever follows.
        assert!(read_text(b"Name,Note\nA,\"x; y\"\n").is_ok());
    }

    #[test]
    fn a_name_nearly_right_is_suggested() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("contacts.csv"), "Year,Contacts\n").expect("write");
        let data = dir.path().canonicalize().expect("canonical");
        for wrong in ["Contacts.csv", "data/contacts.csv"] {
            let (_, help) = read(&data, wrong).unwrap_err();
            assert!(
                help.starts_with("did you mean `file=\"contacts.csv\"`?"),
                "{wrong}: {help}"
            );
        }
        let (_, help) = read(&data, "other.csv").unwrap_err();
        assert!(help.starts_with("put the file"), "{help}");
    }
}
