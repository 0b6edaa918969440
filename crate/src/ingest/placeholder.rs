//! Placeholder product names: what a till or an export writes where there is no product
//! (`NONE`, `-`, `N/A`, `null`, `未知`, `无`, `?`, or nothing at all). Lines with one are kept
//! and counted per file ([`crate::ingest::FileStats::placeholders`]), and the basket analysis
//! offers them for exclusion ([`crate::basket::ExclusionReason::Placeholder`]).

use serde::Serialize;

/// The placeholders, compared with the trimmed name, ASCII case ignored.
const PLACEHOLDERS: &[&str] =
    &["none", "-", "--", "n/a", "na", "null", "nil", "nan", "?", "??", "unknown", "未知", "无", "空", "(blank)"];

/// Whether a product name (or code) says there is no product: one of the placeholders, or blank.
///
/// ```
/// use clientele::ingest::placeholder::is_placeholder;
/// assert!(is_placeholder(" N/A ") && is_placeholder("NONE") && is_placeholder("未知") && is_placeholder("  "));
/// assert!(!is_placeholder("None of the above mug") && !is_placeholder("NA-12"));
/// ```
pub fn is_placeholder(name: &str) -> bool {
    let name = name.trim();
    name.is_empty() || PLACEHOLDERS.iter().any(|p| name.eq_ignore_ascii_case(p))
}

/// How many lines of a file name one placeholder, as written (trimmed; `""` for a blank name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceholderCount {
    pub text: String,
    pub lines: u64,
}

/// Counts `name` in `counts` when it is a placeholder; the list stays in order of first sight.
pub(crate) fn count(counts: &mut Vec<PlaceholderCount>, name: &str) {
    // The longest placeholder is 7 bytes; most names are longer and stop here.
    if name.len() > 16 || !is_placeholder(name) {
        return;
    }
    let name = name.trim();
    match counts.iter().position(|c| c.text == name) {
        Some(i) => counts[i].lines += 1,
        // Bounded: a handful of texts, in the few ways each can be cased.
        None if counts.len() < 64 => counts.push(PlaceholderCount { text: name.to_owned(), lines: 1 }),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_placeholder_as_written() {
        let mut c = Vec::new();
        for name in ["NONE", "Mug", "none", "NONE", "", " - ", "?", "无", "Mug N/A"] {
            count(&mut c, name);
        }
        let got: Vec<(&str, u64)> = c.iter().map(|c| (c.text.as_str(), c.lines)).collect();
        assert_eq!(got, [("NONE", 2), ("none", 1), ("", 1), ("-", 1), ("?", 1), ("无", 1)]);
    }
}
