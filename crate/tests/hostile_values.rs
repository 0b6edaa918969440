#![allow(clippy::unwrap_used)]
//! Hostile values in text files that used to give silently wrong results: an unclosed quote, numbers that
//! overflow, dates far outside any shop's life, a header row set past the first records, a header line of
//! millions of fields. Every file is built here and read with chunk sizes 1, 7, 64 KiB and whole: the overview
//! must not depend on the chunking, and every row read is a purchase, a return or a named drop.

mod common;

use clientele::ingest::{DropReason, FileOptions};
use clientele::{IngestError, Overview, Session};

/// Reads `bytes` as one file with `options`, pushed in chunks of `chunk` bytes.
fn read_with(name: &str, bytes: &[u8], options: &FileOptions, chunk: usize) -> Result<Overview, IngestError> {
    let mut s = Session::default();
    s.begin_file_with(name, bytes.len() as u64, options.clone())?;
    for part in bytes.chunks(chunk.max(1)) {
        s.push(part)?;
    }
    s.end_file()?;
    Ok(clientele::overview(&s))
}

const CHUNKS: [usize; 4] = [1, 7, 64 * 1024, usize::MAX];

/// The overview of `bytes`, the same for every chunking (checked), with its rows balanced.
fn read_all_ways(name: &str, bytes: &[u8], options: &FileOptions) -> Overview {
    let whole = read_with(name, bytes, options, usize::MAX).unwrap();
    let want = serde_json::to_value(&whole).unwrap();
    for chunk in CHUNKS {
        // The common helper for the default options, this file's for the others.
        let got = if *options == FileOptions::default() {
            common::read_chunked(name, bytes, &[chunk.min(bytes.len().max(1))]).unwrap()
        } else {
            read_with(name, bytes, options, chunk).unwrap()
        };
        assert_eq!(serde_json::to_value(&got).unwrap(), want, "{name}: chunks of {chunk} differ from whole");
    }
    let r = &whole.rows;
    assert_eq!(r.read, r.purchase + r.returns + r.customer_rows + r.dropped, "{name}: rows not balanced");
    assert_eq!(r.dropped, r.dropped_by_reason.iter().map(|x| x.rows).sum::<u64>());
    whole
}

/// The error of `bytes`, the same for every chunking (checked).
fn error_all_ways(name: &str, bytes: &[u8], options: &FileOptions) -> IngestError {
    let want = read_with(name, bytes, options, usize::MAX).unwrap_err();
    for chunk in CHUNKS {
        assert_eq!(read_with(name, bytes, options, chunk).unwrap_err(), want, "{name}: chunks of {chunk}");
    }
    want
}

fn reasons(o: &Overview) -> Vec<(DropReason, u64, Vec<u64>)> {
    o.files[0].rows.dropped_by_reason.iter().map(|r| (r.reason, r.rows, r.first_rows.clone())).collect()
}

/// `n` sales rows numbered from `from`, 2 × 1.25 each, one customer per ten rows.
fn rows(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("{i},c{},2024-01-02 10:00,2,1.25,plain item {i}\n", i / 10)).collect()
}

const HEADER: &str = "Invoice,Customer,Date,Qty,Price,Description\n";

#[test]
fn unclosed_quote_does_not_swallow_the_rest_of_the_file() {
    // Record 4 opens a quote that is never closed. Before, it swallowed the 10,000 rows after it: 3 rows read.
    // One row after it holds doubled quotes inside a field, which stay literal text.
    let n = 10_000;
    let mut text = HEADER.to_owned() + &rows(1, 2);
    text += "3,c0,2024-01-02 10:00,1,9.99,\"Widget 12 inch, blue\n";
    text += &rows(4, 100);
    text += "104,c10,2024-01-02 10:00,2,1.25,say \"\"hi\"\" twice\n";
    text += &rows(105, n - 101);
    let o = read_all_ways("unclosed.csv", text.as_bytes(), &FileOptions::default());
    let r = &o.files[0].rows;
    assert_eq!((r.read, r.purchase, r.returns, r.dropped), (n as u64 + 3, n as u64 + 2, 0, 1));
    assert_eq!(reasons(&o), [(DropReason::UnclosedQuote, 1, vec![4])]);
    // Every kept line is 2 × 1.25; the dropped 9.99 is not counted.
    assert_eq!(o.sales.net_revenue, 2.5 * (n as f64 + 2.0));
    assert_eq!(o.sales.purchase_lines, n as u64 + 2);
    // The field with doubled quotes was read as written on its own line.
    let names: Vec<_> = o.files[0].columns[5].samples.clone();
    assert_eq!(names[0], "plain item 1");
}

#[test]
fn unclosed_quote_after_the_header_scan() {
    // The same at record 41, after the header is settled, with CRLF line ends and quoted fields before it.
    // (A quoted field after it would close the quote: only a quote open at the end of the file is unclosed.)
    let mut text = HEADER.to_owned() + &rows(1, 39).replace("10:00,2,1.25,plain", "10:00,2,1.25,\"quoted, fine\"");
    text += "40,c4,2024-01-02 10:00,1,9.99,\"open\n";
    text += &rows(41, 20);
    let text = text.replace('\n', "\r\n");
    let o = read_all_ways("late.csv", text.as_bytes(), &FileOptions::default());
    let r = &o.files[0].rows;
    assert_eq!((r.read, r.purchase, r.dropped), (60, 59, 1));
    assert_eq!(reasons(&o), [(DropReason::UnclosedQuote, 1, vec![41])]);
    assert_eq!(o.sales.net_revenue, 2.5 * 59.0);
}

#[test]
fn unclosed_quote_on_the_last_line() {
    // With and without a final line end: the last row is dropped as unclosed, the others kept.
    for end in ["", "\n", "\n\n"] {
        let text = HEADER.to_owned() + &rows(1, 5) + "6,c0,2024-01-02 10:00,1,9.99,\"never closed" + end;
        let o = read_all_ways("last.csv", text.as_bytes(), &FileOptions::default());
        let r = &o.files[0].rows;
        assert_eq!((r.read, r.purchase, r.dropped), (6, 5, 1), "end {end:?}");
        assert_eq!(reasons(&o), [(DropReason::UnclosedQuote, 1, vec![7])]);
    }
    // A quote closed at the very end of the file is not unclosed.
    let text = HEADER.to_owned() + &rows(1, 5) + "6,c0,2024-01-02 10:00,1,9.99,\"closed\"";
    let o = read_all_ways("closed.csv", text.as_bytes(), &FileOptions::default());
    assert_eq!((o.files[0].rows.read, o.files[0].rows.purchase), (6, 6));
}

#[test]
fn overflowing_amounts_are_bad_numbers() {
    // 1e308 × 10 was kept as infinity: revenue came out null and clv refused the dataset.
    let text = "Invoice,Customer,Date,Qty,Price\n\
                1,c1,2024-01-02,10,1e308\n\
                2,c1,2024-01-02,1,1e309\n\
                3,c1,2024-01-02,NaN,2\n\
                4,c1,2024-01-02,inf,2\n\
                5,c1,2024-01-02,1,-inf\n\
                6,c1,2024-01-02,40000000,40000000\n\
                7,c1,2024-01-02,2,2.5\n\
                8,c2,2024-01-03,1,1000000000000000\n";
    let o = read_all_ways("overflow.csv", text.as_bytes(), &FileOptions::default());
    let r = &o.files[0].rows;
    assert_eq!((r.read, r.purchase, r.dropped), (8, 2, 6));
    // Row 6: each number is fine, their product (1.6e15) is beyond the bound. Row 8 is at it.
    assert_eq!(reasons(&o), [(DropReason::BadNumber, 6, vec![2, 3, 4, 5, 6])]);
    assert_eq!(o.sales.net_revenue, 1e15 + 5.0);
    assert!(o.files[0].stats.amount_sum.is_finite());

    // An amount column: two lines of 1e308 would sum to infinity.
    let text =
        "Customer,Date,Amount\nc1,2024-01-02,1e308\nc1,2024-01-03,1e308\nc2,2024-01-03,-1.8e308\nc2,2024-01-04,12.5\n";
    let o = read_all_ways("amounts.csv", text.as_bytes(), &FileOptions::default());
    let r = &o.files[0].rows;
    assert_eq!((r.read, r.purchase, r.dropped), (4, 1, 3));
    assert_eq!(reasons(&o), [(DropReason::BadNumber, 3, vec![2, 3, 4])]);
    assert_eq!((o.sales.net_revenue, o.files[0].stats.amount_sum), (12.5, 12.5));
}

#[test]
fn dates_outside_1900_to_2100_are_bad_dates() {
    // Year 0 and 9999 were accepted (a cohort triangle over that span needs about 170 GB); Excel's day 0
    // (1899-12-30) is where NaN and infinite serials landed.
    let text = "Customer,Date,Amount\n\
                c1,0000-01-01,1\n\
                c1,9999-12-31 23:59,1\n\
                c1,1899-12-30 00:00:00,1\n\
                c1,1899-12-31,1\n\
                c1,2101-01-01,1\n\
                c1,NaN,1\n\
                c1,inf,1\n\
                c1,-1e308,1\n\
                c2,1900-01-01,2\n\
                c2,2100-12-31 23:59:59,3\n\
                c2,31/12/2100,4\n";
    let o = read_all_ways("dates.csv", text.as_bytes(), &FileOptions::default());
    let r = &o.files[0].rows;
    assert_eq!((r.read, r.purchase, r.dropped), (11, 3, 8));
    assert_eq!(reasons(&o), [(DropReason::BadDate, 8, vec![2, 3, 4, 5, 6])]);
    assert_eq!(o.sales.first.as_deref(), Some("1900-01-01 00:00:00"));
    assert_eq!(o.sales.last.as_deref(), Some("2100-12-31 23:59:59"));
    assert_eq!(o.files[0].stats.first.as_deref(), Some("1900-01-01 00:00:00"));
    assert_eq!(o.sales.net_revenue, 9.0);
}

#[test]
fn workbook_date_serials_that_are_not_numbers_are_bad_dates() {
    // NaN, ±inf and ±1e308 date serials became purchases dated 1899-12-30.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (c, name) in ["Customer", "Date", "Amount"].iter().enumerate() {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    // The writer stores NaN and infinities as text, so they are written as stand-in serials and put into the
    // sheet's XML afterwards, as numbers (what a broken export holds).
    let serials = [11_111.0, 22_222.0, 33_333.0, 1e308, -1e308, 0.0, 45_231.75];
    for (i, serial) in serials.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, format!("c{i}")).unwrap();
        sheet.write_number_with_format(row, 1, *serial, &date).unwrap();
        sheet.write_number(row, 2, 10.0).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let bytes = patch_sheet(
        &bytes,
        &[("<v>11111</v>", "<v>NaN</v>"), ("<v>22222</v>", "<v>inf</v>"), ("<v>33333</v>", "<v>-inf</v>")],
    );
    let o = read_all_ways("serials.xlsx", &bytes, &FileOptions::default());
    let r = &o.files[0].rows;
    assert_eq!((r.read, r.purchase, r.dropped), (7, 1, 6));
    assert_eq!(reasons(&o), [(DropReason::BadDate, 6, vec![2, 3, 4, 5, 6])]);
    assert_eq!(o.sales.first.as_deref(), Some("2023-11-01 18:00:00"));
    assert_eq!(o.sales.last, o.sales.first);
}

/// The workbook with each `(from, to)` replaced once in its first sheet's XML.
fn patch_sheet(xlsx: &[u8], edits: &[(&str, &str)]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().to_owned();
        let mut body = Vec::new();
        entry.read_to_end(&mut body).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(body).unwrap();
            for (from, to) in edits {
                assert_eq!(xml.matches(from).count(), 1, "{from}");
                xml = xml.replace(from, to);
            }
            body = xml.into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zout.write_all(&body).unwrap();
    }
    zout.finish().unwrap().into_inner()
}

#[test]
fn header_row_beyond_the_scanned_records_is_honoured() {
    // 45 note lines, then the header at row 46. Before, a header row past the 30 records scanned fell back
    // to row 1 with no word.
    let mut text: String = (1..=45).map(|i| format!("note {i}: exported by the shop system\n")).collect();
    text += HEADER;
    text += &rows(1, 50);
    let options = FileOptions { header_row: Some(46), ..FileOptions::default() };
    let o = read_all_ways("notes.csv", text.as_bytes(), &options);
    let f = &o.files[0];
    assert_eq!(f.header_row, 46);
    assert_eq!(
        f.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        HEADER.trim().split(',').collect::<Vec<_>>()
    );
    assert_eq!((f.rows.read, f.rows.purchase, f.rows.dropped), (95, 50, 45));
    assert_eq!(reasons(&o), [(DropReason::TitleRow, 45, vec![1, 2, 3, 4, 5])]);
    assert_eq!(o.sales.net_revenue, 125.0);
}

#[test]
fn header_row_the_file_does_not_reach_is_an_error() {
    let text = HEADER.to_owned() + &rows(1, 50);
    // The file has 51 records.
    let options = FileOptions { header_row: Some(60), ..FileOptions::default() };
    let e = error_all_ways("short.csv", text.as_bytes(), &options);
    assert_eq!(e, IngestError::HeaderRowOutOfRange { file: "short.csv".into(), row: 60, last: 51 });
    assert_eq!(e.code(), "ingest.header_row_out_of_range");
    assert_eq!(e.location().1, Some(60));
    // Past the deepest row read, or row 0: refused when the file begins.
    for row in [0, 101, 5_000_000] {
        let options = FileOptions { header_row: Some(row), ..FileOptions::default() };
        let e = error_all_ways("deep.csv", text.as_bytes(), &options);
        assert_eq!(e, IngestError::HeaderRowOutOfRange { file: "deep.csv".into(), row, last: 100 });
    }
    // Row 100 of a file that has it is read.
    let long = (1..100).map(|i| format!("note {i}\n")).collect::<String>() + HEADER + &rows(1, 3);
    let options = FileOptions { header_row: Some(100), ..FileOptions::default() };
    let o = read_all_ways("deep.csv", long.as_bytes(), &options);
    assert_eq!((o.files[0].header_row, o.files[0].rows.purchase, o.files[0].rows.dropped), (100, 3, 99));
}

#[test]
fn a_header_line_of_a_million_fields_is_refused() {
    // A 15 MB header line of one-byte fields took 3 GB and 30 s; 2 MB of them is refused with a coded error
    // naming the row, before any cell is held as text.
    let mut text = "a,".repeat(999_999) + "a\n";
    text += "1,2\n";
    let e = error_all_ways("wide.csv", text.as_bytes(), &FileOptions::default());
    assert_eq!(e, IngestError::TooManyFields { file: "wide.csv".into(), row: 1, fields: 1_000_000, max: 16_384 });
    assert_eq!(e.code(), "ingest.too_many_fields");
    // Below the bound, a wide file is read.
    let names: Vec<String> = (0..16_381).map(|i| format!("x{i}")).collect();
    let text = format!("Customer,Date,Amount,{}\nc1,2024-01-02,5,{}\n", names.join(","), ",".repeat(16_380));
    let o = read_all_ways("wide_ok.csv", text.as_bytes(), &FileOptions::default());
    assert_eq!((o.files[0].columns.len(), o.files[0].rows.purchase), (16_384, 1));
}

#[test]
fn line_items_past_the_limit_end_in_a_coded_error_naming_the_row() {
    use clientele::ingest::Limits;
    // 16 million rows of 16 bytes inflate from 500 KB of gzip and would hold about 1 GB of line
    // items; the bound stops them as they are read. Here a small bound over 50 rows.
    let text = HEADER.to_owned() + &rows(1, 50);
    let options = FileOptions { limits: Limits { max_line_items: 20, ..Limits::default() }, ..FileOptions::default() };
    let e = error_all_ways("many.csv", text.as_bytes(), &options);
    assert_eq!(
        e,
        IngestError::LimitExceeded { file: "many.csv".into(), limit: "maxLineItems", value: 20, row: Some(22) }
    );
    // Exactly at the bound is read.
    let options = FileOptions { limits: Limits { max_line_items: 50, ..Limits::default() }, ..FileOptions::default() };
    assert_eq!(read_all_ways("many.csv", text.as_bytes(), &options).rows.purchase, 50);
    // A basket line is a line item per distinct item: 3 baskets of 4 items pass a bound of 10 at
    // the third basket.
    let baskets = "a,b,c,d\ne,f,g,h\ni,j,k,l\n";
    let options = FileOptions {
        baskets: true,
        limits: Limits { max_line_items: 10, ..Limits::default() },
        ..FileOptions::default()
    };
    let e = error_all_ways("b.txt", baskets.as_bytes(), &options);
    assert_eq!(e, IngestError::LimitExceeded { file: "b.txt".into(), limit: "maxLineItems", value: 10, row: Some(3) });
}

#[test]
fn a_basket_line_of_millions_of_items_shows_a_spreadsheet_of_columns() {
    // 1,000,000 items named alike: one distinct item bought a million times, in one basket. The
    // columns shown stop at 16,384 (they took 2.9 GB for 7.5 million items).
    let text = "a,".repeat(999_999) + "a\nb,a\n";
    let options = FileOptions { baskets: true, ..FileOptions::default() };
    let o = read_all_ways("wide-baskets.txt", text.as_bytes(), &options);
    let f = &o.files[0];
    assert_eq!((f.rows.read, f.rows.purchase, f.columns.len()), (2, 2, 16_384));
    assert_eq!(f.columns[0].samples, ["a", "b"]);
    assert_eq!(f.columns[1].samples, ["a", "a"]);
    assert_eq!(f.columns[16_383].samples, ["a"]);
}
