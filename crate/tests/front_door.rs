#![allow(clippy::unwrap_used)]
//! The front door: what a ZIP holds is decided by its central directory, not by its name nor by
//! a search through its bytes; workbooks, documents and archives of tables each go their way.

use std::io::{Cursor, Write};

use clientele::ingest::Session;
use clientele::IngestError;

mod common;

/// `tests/fixtures/monthly_xl.zip`: three monthly CSVs stored uncompressed, whose text holds
/// `xl/`, `[Content_Types].xml`, `word/document.xml` and `xl/workbook.xml` as product names.
fn monthly_xl() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/monthly_xl.zip");
    std::fs::read(path).unwrap()
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        w.start_file(*name, stored).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_zip_of_monthly_csvs_whose_bytes_say_xl_is_an_archive_of_tables() {
    let bytes = monthly_xl();
    // The fixture does what it says: the markers are in its (stored) bytes, near the start.
    let at = |needle: &[u8]| bytes.windows(needle.len()).position(|w| w == needle);
    assert!(at(b"xl/").unwrap() < 512 && at(b"[Content_Types].xml").unwrap() < 512);
    // Whatever the name, and however the bytes are cut into chunks.
    for name in ["monthly_xl.zip", "monthly_xl.xlsx", "monthly_xl.docx"] {
        for chunks in [&[1usize][..], &[7, 300], &[1 << 20]] {
            let ov = common::read_chunked(name, &bytes, chunks).unwrap();
            let entries: Vec<(&str, &str)> = ov.files.iter().map(|f| (f.name.as_str(), f.container)).collect();
            assert_eq!(
                entries,
                [
                    (&*format!("{name}/sales/2024-01.csv"), "none"),
                    (&*format!("{name}/sales/2024-02.csv"), "none"),
                    (&*format!("{name}/sales/2024-03.csv"), "none"),
                ],
                "{name} {chunks:?}"
            );
            assert_eq!((ov.rows.read, ov.rows.dropped), (8, 0));
            assert_eq!((ov.sales.customers, ov.sales.orders), (4, 8));
            assert!((ov.sales.gross_sales - 148.5).abs() < 1e-9, "{}", ov.sales.gross_sales);
        }
    }
}

#[test]
fn a_workbook_is_known_by_its_parts_not_its_name() {
    // A real workbook named .zip is read as a workbook.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in
        [["Customer", "Date", "Amount"], ["c1", "2024-01-01", "5"], ["c2", "2024-01-02", "6"]].iter().enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let xlsx = book.save_to_buffer().unwrap();
    let ov = common::read("export.zip", &xlsx).unwrap();
    assert_eq!(ov.files.len(), 1);
    assert_eq!((ov.files[0].container, ov.rows.read), ("xlsx", 2));
}

#[test]
fn documents_are_refused_by_their_parts() {
    let types: &[u8] = b"<Types/>";
    let cases: [(&[(&str, &[u8])], &str); 4] = [
        (&[("[Content_Types].xml", types), ("word/document.xml", b"<w:document/>")], "docx"),
        (&[("[Content_Types].xml", types), ("ppt/presentation.xml", b"<p/>")], "pptx"),
        (&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")], "ods"),
        (&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")], "opendocument"),
    ];
    for (entries, format) in cases {
        for name in ["a.zip", "a.csv", "a.xlsx"] {
            let e = common::read(name, &zip_of(entries)).unwrap_err();
            assert!(matches!(&e, IngestError::UnsupportedFormat { format: f, .. } if *f == format), "{name}: {e:?}");
        }
    }
    // A `word/document.xml` without the package's content types, beside a table, is just an entry.
    let bytes = zip_of(&[("word/document.xml", b"<w/>"), ("sales.csv", b"Customer,Date,Amount\nc1,2024-01-01,5\n")]);
    let mut s = Session::default();
    s.read_file("odd.docx", bytes.len() as u64, &bytes[..]).unwrap();
    assert_eq!(s.files().len(), 1);
    assert_eq!(s.files()[0].name, "odd.docx/sales.csv");
    assert_eq!(s.files()[0].skipped_entries.len(), 1);
}
