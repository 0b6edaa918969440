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

/// Entries of a ZIP built here: (name, bytes).
type Entries<'a> = &'a [(&'a str, &'a [u8])];

fn zip_of(entries: Entries<'_>) -> Vec<u8> {
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
    let cases: [(Entries<'_>, &str); 4] = [
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

/// `clientele rules` on Groceries, as JSON.
fn rules_json(flag: bool) -> String {
    let path = common::shared("groceries/groceries.csv");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_clientele"));
    cmd.args(["rules", "--min-support", "0.001", "--min-confidence", "0.5", "--json"]).arg(&path);
    if flag {
        cmd.arg("--basket-format");
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn cli_rules_on_groceries_is_one_path_with_or_without_the_flag_and_equals_the_page() {
    let (with, without) = (rules_json(true), rules_json(false));
    // Byte for byte: the flag only insists on what the reader finds by itself.
    assert_eq!(with, without);
    // The page's figures (tests/e2e/groceries.test.mjs): 9,835 baskets, 13,492 itemsets and
    // 5,668 rules; the top rule by lift {Instant food products, soda} → {hamburger meat}.
    let v: serde_json::Value = serde_json::from_str(&with).unwrap();
    assert_eq!((v["baskets"].as_u64(), v["itemsets"].as_u64()), (Some(9_835), Some(13_492)));
    assert_eq!(v["rules"]["rules"].as_array().unwrap().len(), 5_668);
    let items = |ids: &serde_json::Value| -> Vec<String> {
        let mut v: Vec<String> = ids
            .as_array()
            .unwrap()
            .iter()
            .map(|i| v["items"][i.as_u64().unwrap() as usize].as_str().unwrap().to_owned())
            .collect();
        v.sort();
        v
    };
    let top = &v["rules"]["rules"][0];
    assert_eq!(items(&top["antecedent"]), ["Instant food products", "soda"]);
    assert_eq!(items(&top["consequent"]), ["hamburger meat"]);
    assert!((top["lift"].as_f64().unwrap() - 18.9957).abs() < 1e-4, "{}", top["lift"]);
}

/// `tests/fixtures/placeholders.csv`: 30 orders of 70 lines; 10 lines name no product but a
/// placeholder: `NONE`, `N/A`, `?` and a blank name twice each, `未知` and ` - ` once.
#[test]
fn placeholder_products_are_counted_per_file_and_suggested_for_exclusion() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/placeholders.csv");
    let bytes = std::fs::read(path).unwrap();
    let mut s = Session::default();
    let report = s.read_file("placeholders.csv", bytes.len() as u64, &bytes[..]).unwrap();
    assert_eq!(report.rows.read, 70);
    let counts: Vec<(&str, u64)> = report.stats.placeholders.iter().map(|c| (c.text.as_str(), c.lines)).collect();
    assert_eq!(counts, [("NONE", 2), ("N/A", 2), ("?", 2), ("", 2), ("未知", 1), ("-", 1)]);
    // The blank names are no item; the others are, and each is suggested as a placeholder.
    let tx = clientele::basket::Transactions::from_lines(s.lines(), clientele::basket::ItemKey::Product).unwrap();
    assert_eq!(tx.len(), 30);
    let mut suggested: Vec<&str> = Vec::new();
    let all = tx.suggest_exclusions(0.25);
    for sg in &all {
        if sg.reason == clientele::basket::ExclusionReason::Placeholder {
            suggested.push(&sg.name);
        }
    }
    suggested.sort_unstable();
    assert_eq!(suggested, ["-", "?", "N/A", "NONE", "未知"]);
    let names: Vec<&str> = suggested.clone();
    let kept = tx.exclude(&names).unwrap();
    assert_eq!(kept.items.len() - kept.item_counts().iter().filter(|&&n| n == 0).count(), 5);

    // A product code whose name is `?` is a product with a bad name: its line is counted as a
    // `?` name, but the item is not suggested as a placeholder; a code `NONE` is.
    let csv = "Customer,Order,Date,StockCode,Description,Quantity,Price\nc1,o1,2024-01-01,21275,?,1,2\nc1,o1,2024-01-01,NONE,,1,1\nc2,o2,2024-01-02,21275,Lamp,1,2\n";
    let mut s = Session::default();
    let r = s.read_file("codes.csv", csv.len() as u64, csv.as_bytes()).unwrap();
    let counts: Vec<(&str, u64)> = r.stats.placeholders.iter().map(|c| (c.text.as_str(), c.lines)).collect();
    assert_eq!(counts, [("?", 1), ("NONE", 1)]);
    let tx = clientele::basket::Transactions::from_lines(s.lines(), clientele::basket::ItemKey::Product).unwrap();
    let all = tx.suggest_exclusions(0.99);
    let placeholders: Vec<&str> = all
        .iter()
        .filter(|s| s.reason == clientele::basket::ExclusionReason::Placeholder)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(placeholders, ["NONE"]);

    // A basket-format file counts its placeholder items too (blank cells are no item at all).
    let mut s = Session::default();
    let r = s.read_basket_text("b.csv", b"milk,NONE,bread\nnull,eggs,,\n?,milk\n").unwrap();
    let counts: Vec<(&str, u64)> = r.stats.placeholders.iter().map(|c| (c.text.as_str(), c.lines)).collect();
    assert_eq!(counts, [("NONE", 1), ("null", 1), ("?", 1)]);
}
