//! Sniffing: what kind of bytes a file holds, and which delimiter its text table uses.

use crate::sort;

/// How the file's bytes are packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// Plain bytes.
    None,
    /// gzip (`.gz`), decompressed as a stream.
    Gzip,
    /// A ZIP archive: each table inside is read as a file of its own.
    Zip,
    /// An Excel workbook (`.xlsx`, `.xlsm`), read with calamine.
    Xlsx,
    /// A legacy Excel workbook (`.xls`).
    Xls,
}

impl Container {
    /// The name shown in the report.
    pub fn name(self) -> &'static str {
        match self {
            Container::None => "none",
            Container::Gzip => "gzip",
            Container::Zip => "zip",
            Container::Xlsx => "xlsx",
            Container::Xls => "xls",
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Container(Container),
    /// Text (possibly after a UTF-8 byte-order mark).
    Text,
    /// A format this build cannot read, by name (`pdf`, `image`, `binary`, `docx`...).
    Unsupported(&'static str),
}

impl Kind {
    /// What a kind means inside a gzip stream, where only text is read: a container there is as
    /// unreadable as any other binary.
    pub fn nested(self) -> Kind {
        match self {
            Kind::Container(c) => Kind::Unsupported(c.name()),
            k => k,
        }
    }
}

/// Bytes needed before [`sniff_kind`] can decide.
pub const SNIFF_BYTES: usize = 512;

/// Classifies a file from its first [`SNIFF_BYTES`] (any more are not looked at) and its name.
///
/// ```
/// use clientele::ingest::sniff::{sniff_kind, Kind, Container};
/// assert_eq!(sniff_kind(&[0x1f, 0x8b, 8, 0], "a.csv.gz"), Kind::Container(Container::Gzip));
/// // Any ZIP until its central directory is read (see [`zip_kind`]), whatever its name.
/// assert_eq!(sniff_kind(b"PK\x03\x04rest", "book.xlsx"), Kind::Container(Container::Zip));
/// assert_eq!(sniff_kind(b"a,b\n1,2\n", "x.csv"), Kind::Text);
/// ```
pub fn sniff_kind(head: &[u8], name: &str) -> Kind {
    // A fixed prefix: the answer must not depend on how much of the file came in the first chunk.
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let lower = name.to_ascii_lowercase();
    match head {
        [0x1f, 0x8b, ..] => Kind::Container(Container::Gzip),
        // Workbook, document or archive of tables: decided by [`zip_kind`] from the central
        // directory at the end of the file, once the whole file is in; never by the name.
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Kind::Container(Container::Zip),
        [0xd0, 0xcf, 0x11, 0xe0, ..] => Kind::Container(Container::Xls),
        [b'%', b'P', b'D', b'F', ..] => Kind::Unsupported("pdf"),
        [0x89, b'P', b'N', b'G', ..] | [0xff, 0xd8, 0xff, ..] | [b'G', b'I', b'F', b'8', ..] => {
            Kind::Unsupported("image")
        }
        [0xff, 0xfe, ..] | [0xfe, 0xff, ..] => Kind::Text,
        _ => {
            let nuls = head.iter().filter(|&&b| b == 0).count();
            let by_nuls = crate::ingest::decode::detect(head, false)
                .is_ok_and(|(_, how, _)| how == crate::ingest::decode::Detection::NulPattern);
            if nuls == 0 || by_nuls {
                markup_or_json(head, &lower).map_or(Kind::Text, Kind::Unsupported)
            } else {
                Kind::Unsupported("binary")
            }
        }
    }
}

/// JSON, HTML and XML are text but not tables: read as text they would become one-column
/// "baskets". A `.json` name, or a text that opens like a JSON object or array, is `json`; a
/// text that opens with `<!DOCTYPE html`, `<html` or `<?xml` is `html` / `xml`.
fn markup_or_json(head: &[u8], lower_name: &str) -> Option<&'static str> {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &text[i..]);
    let opens = |word: &[u8]| start.len() >= word.len() && start[..word.len()].eq_ignore_ascii_case(word);
    let after_bracket = start.get(1..).and_then(|r| r.iter().find(|b| !b.is_ascii_whitespace()));
    if lower_name.ends_with(".json")
        || start.first() == Some(&b'{')
        || (start.first() == Some(&b'[') && matches!(after_bracket, Some(b'{' | b'"' | b'[' | b']')))
    {
        Some("json")
    } else if opens(b"<!doctype html") || opens(b"<html") {
        Some("html")
    } else if opens(b"<?xml") {
        Some("xml")
    } else {
        None
    }
}

/// The OpenDocument spreadsheet's `mimetype`.
#[cfg(feature = "containers")]
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// What a whole ZIP file is, from the entry names in its central directory (and the
/// OpenDocument `mimetype` entry, at most 100 bytes of it), never from a search through its
/// compressed bytes nor from its name:
///
/// - `[Content_Types].xml` and `xl/workbook.xml`: an Excel workbook ([`Container::Xlsx`]);
/// - `[Content_Types].xml` and `xl/workbook.bin`: `xlsb`, `word/document.xml`: `docx`,
///   `ppt/presentation.xml`: `pptx` (all [`Kind::Unsupported`]);
/// - a `mimetype` entry reading `application/vnd.oasis.opendocument.spreadsheet`: `ods`, any
///   other OpenDocument: `opendocument` (unsupported: see the README);
/// - anything else: an archive of tables ([`Container::Zip`]).
///
/// A file whose central directory cannot be read is damaged whatever it holds; only then does
/// the name count, for the error to say what the user dropped: `.xlsx` / `.xlsm` names give
/// [`Container::Xlsx`] (whose reader names the damage), others [`Container::Zip`]. The answer
/// depends on the whole file, so not on how it was cut into chunks.
#[cfg(feature = "containers")]
pub fn zip_kind(bytes: &[u8], name: &str) -> Kind {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        let lower = name.to_ascii_lowercase();
        let book = lower.ends_with(".xlsx") || lower.ends_with(".xlsm");
        return Kind::Container(if book { Container::Xlsx } else { Container::Zip });
    };
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("[Content_Types].xml") {
        let parts = [("xl/workbook.xml", None), ("xl/workbook.bin", Some("xlsb")), ("word/document.xml", Some("docx"))];
        let parts = parts.into_iter().chain([("ppt/presentation.xml", Some("pptx"))]);
        for (part, unsupported) in parts {
            if has(part) {
                return unsupported.map_or(Kind::Container(Container::Xlsx), Kind::Unsupported);
            }
        }
    }
    let mut mimetype = Vec::new();
    let read = zip.by_name("mimetype").map(|e| {
        use std::io::Read;
        e.take(100).read_to_end(&mut mimetype)
    });
    match read {
        Ok(Ok(_)) if mimetype.trim_ascii() == ODS_MIMETYPE => Kind::Unsupported("ods"),
        Ok(Ok(_)) if mimetype.starts_with(b"application/vnd.oasis.opendocument.") => Kind::Unsupported("opendocument"),
        _ => Kind::Container(Container::Zip),
    }
}

/// The dialect of a text table: the delimiter from [`sniff_delimiter`], or `None` for
/// whitespace-aligned columns (no delimiter splits the lines evenly, but runs of spaces do,
/// into at least two fields on most lines, as in the CDNOW log).
pub fn sniff_dialect(head: &[u8]) -> Option<u8> {
    let d = sniff_delimiter(head);
    let whole = match head.iter().rposition(|&b| b == b'\n') {
        Some(i) => &head[..i],
        None => head,
    };
    let lines: Vec<&[u8]> = whole.split(|&b| b == b'\n').filter(|l| !l.trim_ascii().is_empty()).take(100).collect();
    if lines.is_empty() || lines.iter().any(|l| l.contains(&d)) {
        return Some(d);
    }
    let fields = |l: &[u8]| l.split(|b| b.is_ascii_whitespace()).filter(|f| !f.is_empty()).count();
    let first = fields(lines[0]);
    let same = lines.iter().filter(|l| fields(l) == first).count();
    (first >= 2 && same * 10 >= lines.len() * 9).then_some(()).map_or(Some(d), |()| None)
}

/// Delimiters tried, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b',', b'\t', b';', b'|'];

/// Picks the field delimiter from the head of a text table: the candidate that splits the most
/// lines into the same number (above zero) of fields, quotes respected. Ties go to the earlier
/// of `,` `\t` `;` `|`; with no signal at all, `,`.
///
/// ```
/// use clientele::ingest::sniff::sniff_delimiter;
/// assert_eq!(sniff_delimiter(b"a;b;c\n1;\"2;3\";4\n5;6;7\n"), b';');
/// assert_eq!(sniff_delimiter(b"a\tb\n1,5\t2\n"), b'\t');
/// ```
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    // Only whole lines: the last one may be cut.
    let head = match head.iter().rposition(|&b| b == b'\n') {
        Some(i) => &head[..i],
        None => head,
    };
    let mut best = (b',', 0usize);
    for &d in &CANDIDATES {
        let mut counts: Vec<usize> = Vec::new();
        let (mut in_quotes, mut n) = (false, 0usize);
        for &b in head {
            match b {
                b'"' => in_quotes = !in_quotes,
                b'\n' if !in_quotes => {
                    counts.push(n);
                    n = 0;
                    if counts.len() == 100 {
                        break;
                    }
                }
                _ if b == d && !in_quotes => n += 1,
                _ => {}
            }
        }
        if counts.len() < 100 {
            counts.push(n);
        }
        // The most common non-zero count, and how many lines have it.
        let mut sorted: Vec<usize> = counts.iter().copied().filter(|&c| c > 0).collect();
        sort::sort_total(&mut sorted);
        let mut mode_lines = 0;
        let mut i = 0;
        while i < sorted.len() {
            let j = sorted[i..].iter().take_while(|&&c| c == sorted[i]).count();
            mode_lines = mode_lines.max(j);
            i += j;
        }
        if mode_lines > best.1 {
            best = (d, mode_lines);
        }
    }
    best.0
}

/// The name of a delimiter for the report.
pub fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "\\t".to_owned(),
        _ => char::from(d).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(sniff_kind(b"\xd0\xcf\x11\xe0....", "a.xls"), Kind::Container(Container::Xls));
        assert_eq!(sniff_kind(b"PK\x03\x04", "a.zip"), Kind::Container(Container::Zip));
        assert_eq!(sniff_kind(b"PK\x03\x04", "a.docx"), Kind::Container(Container::Zip));
        assert_eq!(sniff_kind(b"\xff\xfea\0b\0", "u16.csv"), Kind::Text);
        assert_eq!(sniff_kind(b"a\0,\0b\0\n\0", "u16.csv"), Kind::Text);
        assert_eq!(sniff_kind(b"\x00\x01\x02\x03garbage", "x.bin"), Kind::Unsupported("binary"));
        // Text, but not tables.
        assert_eq!(
            sniff_kind(b"{\n  \"format\": \"clientele-demo-truth/1\"", "demo_truth.json"),
            Kind::Unsupported("json")
        );
        assert_eq!(sniff_kind(b"\xef\xbb\xbf [ {\"a\": 1} ]", "export.txt"), Kind::Unsupported("json"));
        assert_eq!(sniff_kind(b"<!DOCTYPE html><html><table>", "orders.xls"), Kind::Unsupported("html"));
        assert_eq!(sniff_kind(b"<?xml version=\"1.0\"?>", "x.csv"), Kind::Unsupported("xml"));
        // A table whose first cell starts with a bracket is still a table.
        assert_eq!(sniff_kind(b"[id],name\n1,a\n", "x.csv"), Kind::Text);
        assert_eq!(sniff_kind("客户,金额\n".as_bytes(), "x.csv"), Kind::Text);
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter(b"a|b|c\n1|2|3\n"), b'|');
        assert_eq!(sniff_delimiter(b"\"x;y\",b\n\"1;2\",3\n"), b',');
        assert_eq!(sniff_delimiter(b"single\ncolumn\n"), b',');
    }
}
