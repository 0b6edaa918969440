#![allow(clippy::unwrap_used)]
//! Row numbers in reports and errors are the file's own (issue 13): for text the physical line a
//! record starts on (a quoted field holding newlines spans lines, blank lines count, CR LF is one
//! line end), for a workbook the sheet's row number (not counted from the first used row). The
//! numbers do not depend on the chunking.

use clientele::ingest::{DropReason, FileOptions, FileReport};
use clientele::{IngestError, Session};

fn read(name: &str, bytes: &[u8], options: &FileOptions) -> Result<FileReport, IngestError> {
    let mut results = Vec::new();
    for chunk in [usize::MAX, 7, 1] {
        let mut s = Session::default();
        let r = (|| {
            s.begin_file_with(name, bytes.len() as u64, options.clone())?;
            for part in bytes.chunks(chunk.min(bytes.len()).max(1)) {
                s.push(part)?;
            }
            s.end_file().cloned()
        })();
        results.push(r);
    }
    assert!(results.iter().all(|r| *r == results[0]), "{name}: the chunking changes the result");
    results.swap_remove(0)
}

fn drops(r: &FileReport) -> Vec<(DropReason, Vec<u64>)> {
    r.rows.dropped_by_reason.iter().map(|d| (d.reason, d.first_rows.clone())).collect()
}

const TEXT: &str = "Sales export\r\n\
    \r\n\
    InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Description\r\n\
    1,c1,2024-01-02 10:00,2,1.25,\"mug\r\nsecond line\r\nthird line\"\r\n\
    \r\n\
    2,c2,2024-01-02 11:00,2,abc,plain\r\n\
    3,c3,2024-01-03 10:00,1,2.5,\"a\nb\"\n\
    4,c4,2024-01-03 11:00,0,2.5,none\n\
    Total,,,,,\n";

#[test]
fn text_rows_are_numbered_by_the_line_they_start_on() {
    let r = read("lines.csv", TEXT.as_bytes(), &FileOptions::default()).unwrap();
    assert_eq!(r.header_row, 3);
    assert_eq!((r.rows.read, r.rows.purchase, r.rows.dropped), (6, 2, 4));
    // Line 1 the title (line 2 is blank and skipped), line 4 a record spanning lines 4-6, line 7
    // blank, line 8 the bad price, lines 9-10 a record, line 11 the zero quantity, 12 the total.
    assert_eq!(
        drops(&r),
        [
            (DropReason::TitleRow, vec![1]),
            (DropReason::TotalRow, vec![12]),
            (DropReason::BadNumber, vec![8]),
            (DropReason::ZeroQuantity, vec![11]),
        ]
    );
}

#[test]
fn the_header_row_setting_is_a_line_number_too() {
    // The same file with its header at line 3 named by the user: read exactly as detected.
    let options = FileOptions { header_row: Some(3), ..FileOptions::default() };
    let r = read("lines.csv", TEXT.as_bytes(), &options).unwrap();
    assert_eq!((r.header_row, r.rows.purchase), (3, 2));
    // Line 2 is blank: no record starts there, so it cannot be the header.
    let options = FileOptions { header_row: Some(2), ..FileOptions::default() };
    let e = read("lines.csv", TEXT.as_bytes(), &options).unwrap_err();
    assert!(matches!(e, IngestError::HeaderRowOutOfRange { row: 2, .. }), "{e:?}");
}

#[test]
fn an_unclosed_quote_is_dropped_at_its_line() {
    let text = "Customer,Date,Amount\n\nc1,2024-01-02,\"5\nc2,2024-01-03,6\n\nc3,2024-01-04,7\n";
    let r = read("unclosed.csv", text.as_bytes(), &FileOptions::default()).unwrap();
    assert_eq!(drops(&r), [(DropReason::UnclosedQuote, vec![3])]);
    // The lines after it are read again, with their own numbers.
    assert_eq!((r.rows.read, r.rows.purchase), (3, 2));
    let text = "Customer,Date,Amount\nc1,2024-01-02,\"5\nc2,2024-01-03,abc\n\nc3,2024-01-04,x\r\n";
    let r = read("unclosed.csv", text.as_bytes(), &FileOptions::default()).unwrap();
    assert_eq!(drops(&r), [(DropReason::UnclosedQuote, vec![2]), (DropReason::BadNumber, vec![3, 5])]);
}

#[test]
fn workbook_rows_keep_the_sheets_numbers() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    // Nothing above row 5 (0-based 4): the header is the sheet's row 5.
    for (c, name) in ["Customer", "Date", "Amount"].iter().enumerate() {
        sheet.write_string(4, c as u16, *name).unwrap();
    }
    let rows: [(&str, &str, &str); 4] =
        [("c1", "2024-01-02", "5"), ("c2", "2024-01-03", "abc"), ("", "", ""), ("c3", "2024-01-04", "7")];
    for (i, (a, b, c)) in rows.iter().enumerate() {
        let row = 5 + i as u32;
        for (col, v) in [a, b, c].iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(row, col as u16, **v).unwrap();
            }
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let r = read("book.xlsx", &bytes, &FileOptions::default()).unwrap();
    assert_eq!(r.header_row, 5);
    // Sheet row 7 holds the bad amount, row 8 is blank.
    assert_eq!(drops(&r), [(DropReason::BlankRow, vec![8]), (DropReason::BadNumber, vec![7])]);
    assert_eq!((r.rows.read, r.rows.purchase), (4, 2));
    let options = FileOptions { header_row: Some(5), ..FileOptions::default() };
    assert_eq!(read("book.xlsx", &bytes, &options).unwrap().header_row, 5);
}

/// `n` sales lines from invoice `from`, 2 × 1.25 each.
fn sales(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("{i},c{},2024-01-02 10:00,2,1.25,item {i}\n", i % 7)).collect()
}

const HEADER: &str = "InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Description\n";

#[test]
fn a_stray_quote_closed_far_later_does_not_merge_the_lines_between() {
    // Line 10 opens a quote at the start of a field; the next quote is in the middle of a field
    // on line 300. Read as written, lines 10 to 300 would be one record: 291 lines lost.
    let mut text = HEADER.to_owned() + &sales(1, 8);
    text += "9,c1,2024-01-02 10:00,2,1.25,\"stray mark\n";
    text += &sales(10, 289);
    text += "299,c1,2024-01-02 10:00,2,1.25,12\" vinyl\n";
    text += &sales(300, 100);
    let r = read("stray.csv", text.as_bytes(), &FileOptions::default()).unwrap();
    // 399 data lines; the line of the opening quote is dropped (with its line number), every
    // other line is read on its own, the far quote as a literal character.
    assert_eq!((r.rows.read, r.rows.purchase, r.rows.dropped), (399, 398, 1));
    assert_eq!(drops(&r), [(DropReason::UnclosedQuote, vec![10])]);
}

#[test]
fn a_quoted_field_may_hold_up_to_a_hundred_line_ends() {
    let field = |lines: usize| format!("\"{}end\"", "note line\n".repeat(lines));
    for (lines, whole) in [(40, true), (100, true), (101, false)] {
        let mut text = HEADER.to_owned() + &sales(1, 3);
        text += &format!("4,c1,2024-01-02 10:00,2,1.25,{}\n", field(lines));
        text += &sales(5, 3);
        let r = read("notes.csv", text.as_bytes(), &FileOptions::default()).unwrap();
        if whole {
            // One record of `lines + 1` lines: 7 rows, the line after it numbered by the file.
            assert_eq!((r.rows.read, r.rows.purchase), (7, 7), "{lines} line ends");
        } else {
            // Cut: its first line is dropped, and the 101 lines after it are read on their own
            // (`note line` rows lack fields; the last, `end"`, too).
            assert_eq!(drops(&r)[0], (DropReason::UnclosedQuote, vec![5]), "{lines} line ends");
            assert_eq!((r.rows.read, r.rows.purchase), (6 + 1 + 101, 6), "{lines} line ends");
        }
    }
}
