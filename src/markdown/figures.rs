//! Figures written with a full stop and three digits (`9.760`): in text from a
//! spreadsheet made in another country the full stop may be a thousands mark, so
//! the author meant 9,760, but a chart draws 9.76.
//!
//! Pure: a column of cells in, the cells to warn about out. Used for the rows of
//! a shortcode (`shortcodes`) and for Markdown tables (the content checks'
//! `thousands-mark` rule). Only a column with thousands written some other way
//! (`10,178`, `1.234.567`, `10178`) is read; a column whose every figure has
//! three decimals (`3.500`, `12.250`, `0.125`) is read as decimals and left
//! alone; so is a figure whose whole part is `0` or has a comma, or a percentage.

/// The cells of `column` (each cell's text, trimmed) that may be thousands
/// written with a full stop: `9.760`, `£1.250`, `-2.500`, in a column whose
/// figures do not all have three decimals.
pub(crate) fn thousands_slips(column: &[&str]) -> Vec<usize> {
    let suspects: Vec<usize> = column
        .iter()
        .enumerate()
        .filter(|(_, c)| grouped(c).is_some())
        .map(|(i, _)| i)
        .collect();
    if suspects.is_empty() {
        return suspects;
    }
    // Every figure with three decimals: a column of decimals, written to three
    // places. Text that is no figure (a heading, `n/a`) does not count.
    let all_three = column
        .iter()
        .filter_map(|c| decimals(c))
        .all(|places| places == 3);
    // Thousands elsewhere in the column (`10,178`, `1.234.567`, `10178`): the
    // author's figures run to thousands, so a `9.760` among them may be one.
    // Without them (`1.5`, `2.250`, `3.125`) it reads as a decimal.
    let thousands = column.iter().any(|c| runs_to_thousands(c));
    if all_three || !thousands {
        Vec::new()
    } else {
        suspects
    }
}

/// True for a figure of a thousand or more written any way but `9.760`:
/// `10,178`, `£4,368.50`, `1.234.567` or `10178`.
fn runs_to_thousands(cell: &str) -> bool {
    let figure = cell.trim().trim_start_matches(['-', '£', '€', '$']);
    let whole = figure.split_once('.').map_or(figure, |(w, _)| w);
    let commas: Vec<&str> = whole.split(',').collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let comma_grouped = commas.len() > 1
        && commas
            .first()
            .is_some_and(|f| all_digits(f) && f.len() <= 3)
        && commas.iter().skip(1).all(|g| all_digits(g) && g.len() == 3);
    let dots = figure.split('.').count() > 2 && figure.split('.').all(all_digits);
    comma_grouped || dots || (all_digits(figure) && figure.len() >= 4)
}

/// The message and help for `cell`, one of [`thousands_slips`]:
/// "`9.760` could mean 9,760 or 9.76", "write 9,760 for nine thousand seven
/// hundred and sixty, or 9.76".
pub(crate) fn slip_words(cell: &str) -> (String, String) {
    let Some((sign, whole, part)) = grouped(cell) else {
        return (String::new(), String::new());
    };
    let thousands = format!("{sign}{whole},{part}");
    let decimal = match part.trim_end_matches('0') {
        "" => format!("{sign}{whole}"),
        d => format!("{sign}{whole}.{d}"),
    };
    let value = whole.parse::<u32>().unwrap_or(0) * 1000 + part.parse::<u32>().unwrap_or(0);
    let minus = if sign.contains('-') { "minus " } else { "" };
    let pounds = if sign.contains('£') { " pounds" } else { "" };
    (
        format!("`{cell}` could mean {thousands} or {decimal}"),
        format!(
            "write {thousands} for {minus}{}{pounds}, or {decimal}",
            words(value)
        ),
    )
}

/// `cell` as `(sign, whole, part)` when it is a figure of one to three digits
/// (not starting with 0), a full stop and three digits: `9.760`, `-£1.250`.
fn grouped(cell: &str) -> Option<(&str, &str, &str)> {
    let cell = cell.trim();
    let body = cell.trim_start_matches(['-', '£', '−']);
    let sign = &cell[..cell.len() - body.len()];
    let (whole, part) = body.split_once('.')?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (digits(whole, 1..=3) && !whole.starts_with('0') && digits(part, 3..=3))
        .then_some((sign, whole, part))
}

/// How many digits a figure has after its full stop (0 for none), or `None`
/// when `cell` is not a figure. `1.234.567`, thousands marked with full stops,
/// counts as a figure with no decimals.
fn decimals(cell: &str) -> Option<usize> {
    let body = cell
        .trim()
        .trim_start_matches(['-', '£', '−'])
        .trim_end_matches('%');
    let (whole, part) = body.split_once('.').unwrap_or((body, ""));
    let digits_or = |s: &str, extra: &[u8]| {
        !s.is_empty()
            && s.bytes().any(|b| b.is_ascii_digit())
            && s.bytes().all(|b| b.is_ascii_digit() || extra.contains(&b))
    };
    if !digits_or(whole, b",") {
        return None;
    }
    if part.is_empty() {
        return (!body.ends_with('.')).then_some(0);
    }
    if part.contains('.') {
        return digits_or(part, b".").then_some(0);
    }
    digits_or(part, b"").then_some(part.len())
}

/// `n` (below a million) in British English words: 9760 → "nine thousand
/// seven hundred and sixty".
fn words(n: u32) -> String {
    let (thousands, rest) = (n / 1000, n % 1000);
    let mut out = String::new();
    if thousands > 0 {
        out = format!("{} thousand", below_thousand(thousands));
    }
    match rest {
        0 if thousands > 0 => {}
        1..100 if thousands > 0 => out = format!("{out} and {}", below_thousand(rest)),
        _ if thousands > 0 => out = format!("{out} {}", below_thousand(rest)),
        _ => out = below_thousand(rest),
    }
    out
}

fn below_thousand(n: u32) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let below_hundred = |n: u32| match n {
        0..20 => ONES[n as usize].to_owned(),
        _ if n % 10 == 0 => TENS[(n / 10) as usize].to_owned(),
        _ => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
    };
    match (n / 100, n % 100) {
        (0, r) => below_hundred(r),
        (h, 0) => format!("{} hundred", ONES[h as usize]),
        (h, r) => format!("{} hundred and {}", ONES[h as usize], below_hundred(r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_stop_and_three_digits_among_other_figures_is_a_slip() {
        assert_eq!(
            thousands_slips(&["Contacts", "10,178", "9.760", "4,368"]),
            [2]
        );
        assert_eq!(thousands_slips(&["9.760", "£12,500", "£1.250"]), [0, 2]);
        assert_eq!(thousands_slips(&["1.234.567", "9.760"]), [1]);
        assert_eq!(thousands_slips(&["9.760", "10178"]), [0]);
    }

    #[test]
    fn decimals_stay_silent() {
        for column in [
            &["Rate", "3.5", "12.25", "0.125"][..],
            &["3.500", "12.250", "0.125"],
            &["Score", "1.234", "5.678", "n/a"],
            &["9.760"],
            &["0.760", "10,178"],
            &["10,178.500", "4,368"],
            &["59.123%", "3%"],
            &["Km", "1.5", "2.250", "3.125"],
            &["Rate", "1.250", "0.5", "12.375"],
            &["9.760", "12.5", "£1.250"],
            &["2018-19", "Version 1.234", "1.2345"],
        ] {
            assert!(thousands_slips(column).is_empty(), "{column:?}");
        }
    }

    #[test]
    fn says_both_readings_in_figures_and_words() {
        let (message, help) = slip_words("9.760");
        assert_eq!(message, "`9.760` could mean 9,760 or 9.76");
        assert_eq!(
            help,
            "write 9,760 for nine thousand seven hundred and sixty, or 9.76"
        );
        assert_eq!(
            slip_words("£1.000").1,
            "write £1,000 for one thousand pounds, or £1"
        );
        assert_eq!(
            slip_words("-12.005").1,
            "write -12,005 for minus twelve thousand and five, or -12.005"
        );
        assert_eq!(
            slip_words("123.456").1,
            "write 123,456 for one hundred and twenty-three thousand four hundred and fifty-six, or 123.456"
        );
        assert_eq!(words(100_000), "one hundred thousand");
        assert_eq!(words(2_300), "two thousand three hundred");
        assert_eq!(words(7_019), "seven thousand and nineteen");
    }
}
