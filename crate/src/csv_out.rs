//! CSV written for spreadsheets: the one text-cell writer behind every CSV the crate produces
//! (the customer export, the rules table).
//!
//! A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
//! `'`, so a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV
//! injection"). Numbers are not text cells: writers put them as plain decimals, and a negative
//! number such as `-12.5` is a value, not a formula. A cell holding `,`, `"`, `\n` or `\r` is
//! quoted, with `"` doubled (RFC 4180).
//!
//! ```
//! use clientele::csv_out::text_cell;
//! assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
//! assert_eq!(text_cell("-2"), "'-2");
//! assert_eq!(text_cell("whole milk"), "whole milk");
//! ```

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell: neutralised against formula injection, then quoted when needed.
pub fn text_cell(s: &str) -> String {
    let guarded = if s.starts_with(FORMULA_STARTS) { format!("'{s}") } else { s.to_owned() };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_guarded() {
        for c in FORMULA_STARTS {
            let cell = format!("{c}SUM(A1:A9)");
            let out = text_cell(&cell);
            assert!(out == format!("'{cell}") || out == format!("\"'{cell}\""), "{out:?}");
        }
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\rx"), "\"'\rx\"");
        // Only the first character counts.
        assert_eq!(text_cell("a=b"), "a=b");
        assert_eq!(text_cell(" =1"), " =1");
    }

    #[test]
    fn quoting() {
        assert_eq!(text_cell(""), "");
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(text_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(text_cell("東京"), "東京");
    }
}
