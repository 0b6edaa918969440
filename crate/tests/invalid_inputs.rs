#![allow(clippy::unwrap_used)]
//! Bad input gets a clear, structured error or a full row accounting; it never panics.

mod common;

use clientele::ingest::{DropReason, Flag};
use common::*;

fn err_code(name: &str, bytes: &[u8]) -> (String, clientele::ErrorReport) {
    let e = read(name, bytes).expect_err("should fail");
    (e.to_string(), e.report())
}

#[test]
fn empty_file() {
    let (msg, r) = err_code("empty.csv", b"");
    assert_eq!(r.code, "ingest.empty_file");
    assert_eq!(r.file.as_deref(), Some("empty.csv"));
    assert_eq!(msg, "empty.csv: the file is empty; there is nothing to analyse.");
}

#[test]
fn missing_date_column_names_the_columns_found() {
    // A customer id and an amount but no date (and no order ids with items): nothing to date
    // the purchases by. (A file without a customer id or without money is read: see
    // tests/partial_data.rs.)
    let (msg, r) = err_code("orders.csv", b"Customer,Amount,Note\n1,5,x\n");
    assert_eq!(r.code, "ingest.missing_role");
    assert_eq!(r.row, Some(1));
    assert_eq!(r.params["role"], "datetime");
    let names: Vec<&str> =
        r.params["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Customer", "Amount", "Note"]);
    assert_eq!(r.params["columns"][2]["samples"], serde_json::json!(["x"]));
    // No column's values look like dates: no candidate.
    assert_eq!(r.params["candidate"], serde_json::Value::Null);
    assert!(msg.contains("date and time") && msg.contains("Customer, Amount, Note"), "{msg}");
}

#[test]
fn unsupported_formats_are_named() {
    for (name, bytes, format) in [
        ("photo.png", &b"\x89PNG\r\n\x1a\n\0\0"[..], "image"),
        ("report.pdf", b"%PDF-1.7\n", "pdf"),
        ("data.bin", b"\x00\x01\x02\x03\x04\x05garbage", "binary"),
        // The demo's truth file dropped with its data (a trainer's likely slip): named, not
        // read as thousands of one-item baskets.
        ("demo_truth.json", b"{\n  \"format\": \"clientele-demo-truth/1\",\n  \"rules\": []\n}\n", "json"),
        ("orders.xls", b"<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table>", "html"),
    ] {
        let (_, r) = err_code(name, bytes);
        assert_eq!(r.code, "ingest.unsupported_format", "{name}");
        assert_eq!(r.params["format"], format, "{name}");
    }
}

#[test]
fn damaged_workbooks_and_archives_are_named() {
    for (name, bytes, format) in [
        ("book.xlsx", &b"PK\x03\x04\x14\x00\x06\x00"[..], "xlsx"),
        ("archive.zip", b"PK\x03\x04\x14\x00", "zip"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
    ] {
        let (msg, r) = err_code(name, bytes);
        assert_eq!(r.code, "ingest.archive", "{name}");
        assert_eq!(r.params["format"], format, "{name}");
        assert!(msg.starts_with(&format!("{name}: the {format} file could not be read")), "{msg}");
    }
}

#[test]
fn damaged_gzip_is_reported() {
    let gz = online_retail_gz();
    let (_, r) = err_code("cut.csv.gz", &gz[..gz.len() / 2]);
    assert_eq!(r.code, "ingest.gzip_corrupt");
    let mut bad = gz[..4096].to_vec();
    for b in &mut bad[20..200] {
        *b ^= 0x5a;
    }
    let (_, r) = err_code("bad.csv.gz", &bad);
    assert_eq!(r.code, "ingest.gzip_corrupt");
}

#[test]
fn unclosed_quote_is_refused_with_its_row() {
    let mut text = b"CustomerID,InvoiceDate,Amount\n1,2024-01-01,5\n2,\"2024-01-02,".to_vec();
    text.extend(std::iter::repeat_n(b'x', 17 << 20));
    let (msg, r) = err_code("quote.csv", &text);
    assert_eq!(r.code, "ingest.record_too_large");
    assert_eq!(r.row, Some(3));
    assert!(msg.starts_with("quote.csv, row 3: "), "{msg}");
}

#[test]
fn every_bad_row_is_dropped_for_a_named_reason() {
    let text = "\u{feff}CustomerID;InvoiceNo;InvoiceDate;Quantity;UnitPrice;Description\n\
        ;;;;;\n\
        1;A1\n\
        1;A1;yesterday;1;2;x\n\
        1;A1;2024-01-01;one;2;x\n\
        ;A2;2024-01-01;1;2;x\n\
        2;A3;2024-01-01;1;-2;x\n\
        2;A3;2024-01-01;1;0;x\n\
        2;A3;2024-01-01;0;2;x\n\
        2;C9;2024-01-02;-1;2;\n\
        3;A4;2024-01-03 10:00;2;2.5;x\n\
        3;A4;2024-01-03 10:00;2;2.5;x\n";
    let ov = read("semi.csv", text.as_bytes()).unwrap();
    let f = &ov.files[0];
    assert_eq!(f.encoding, "UTF-8");
    assert_eq!(f.encoding_detection, clientele::ingest::decode::Detection::Bom);
    assert_eq!(f.delimiter, ";");
    let reasons: Vec<(DropReason, u64)> = ov.rows.dropped_by_reason.iter().map(|r| (r.reason, r.rows)).collect();
    assert_eq!(
        reasons,
        vec![
            (DropReason::BlankRow, 1),
            (DropReason::MissingField, 1),
            (DropReason::BadDate, 1),
            (DropReason::BadNumber, 1),
            (DropReason::NegativePrice, 1),
            (DropReason::ZeroPrice, 1),
            (DropReason::ZeroQuantity, 1),
        ]
    );
    // The row with no customer id is kept as a guest line.
    assert_eq!((ov.rows.read, ov.rows.purchase, ov.rows.returns, ov.rows.guest), (11, 3, 1, 1));
    let flags: Vec<(Flag, u64)> = ov.rows.flagged.iter().map(|f| (f.flag, f.rows)).collect();
    assert!(flags.contains(&(Flag::DuplicateRow, 1)));
    assert!(flags.contains(&(Flag::Cancellation, 1)));
    assert!(flags.contains(&(Flag::MissingProductName, 1)));
    assert_eq!(ov.sales.gross_sales, 12.0);
    assert_eq!((ov.sales.guest_lines, ov.sales.guest_sales), (1, 2.0));
    assert_eq!(ov.sales.returns, -2.0);
    assert_eq!(ov.sales.customers, 1);
    assert_eq!(f.stats.customers, 3);
}

/// Arbitrary bytes: either an error with a code, or a report whose rows balance. Never a panic.
#[test]
fn random_inputs_never_panic_and_rows_always_balance() {
    let pieces: [&[u8]; 14] = [
        b",",
        b";",
        b"\t",
        b"\"",
        b"\n",
        b"\r\n",
        b"CustomerID",
        b"InvoiceDate",
        b"Amount",
        b"2024-02-29 10:00",
        b"-3.5",
        b"\xff\xfe",
        b"\xe4\xb8\xad",
        b"\0",
    ];
    let header = b"CustomerID,InvoiceDate,Quantity,UnitPrice,InvoiceNo\n";
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..3000 {
        let mut bytes = if case % 2 == 0 { header.to_vec() } else { Vec::new() };
        for _ in 0..rng.below(200) {
            if rng.below(4) == 0 {
                bytes.push(rng.next_u64() as u8);
            } else {
                bytes.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
        }
        let chunks = [1 + rng.below(64), 1 + rng.below(4096)];
        match read_chunked("fuzz.csv", &bytes, &chunks) {
            Ok(ov) => {
                let r = &ov.rows;
                assert_eq!(r.read, r.purchase + r.returns + r.dropped, "case {case}");
                assert_eq!(r.dropped, r.dropped_by_reason.iter().map(|d| d.rows).sum::<u64>(), "case {case}");
            }
            Err(e) => assert!(e.code().starts_with("ingest."), "case {case}: {e}"),
        }
    }
}

/// A file that fails half-way leaves the store as it was: its lines, and also the attribute
/// columns and column flags its header had set.
#[test]
fn a_failed_file_leaves_no_attributes_or_flags() {
    let mut s = clientele::Session::default();
    let sales = "CustomerID,InvoiceDate,Amount\n1,2024-01-01,5\n2,2024-01-02,7\n";
    s.read_file("sales.csv", sales.len() as u64, sales.as_bytes()).unwrap();
    let (lines_before, columns_before) = (s.lines().len(), s.lines().columns);
    assert!(s.lines().attributes.is_empty());
    let mut text = String::from("CustomerID,InvoiceDate,Amount,City,Discount,Category\n");
    for i in 0..300 {
        text.push_str(&format!("{},2024-02-01,10,Hangzhou,1,Tea\n", i % 7));
    }
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"9,\"2024-02-02,");
    bytes.extend(std::iter::repeat_n(b'x', 17 << 20));
    let e = s.read_file("more.csv", bytes.len() as u64, &bytes[..]).expect_err("too large");
    assert_eq!(e.report().code, "ingest.record_too_large");
    let l = s.lines();
    assert_eq!(l.len(), lines_before);
    assert!(l.attributes.is_empty(), "{:?}", l.attributes.columns.iter().map(|c| &c.name).collect::<Vec<_>>());
    assert_eq!(l.columns, columns_before);
    assert!(!l.columns.discount && !l.columns.category);
    // The next file reads as if the failed one had never been dropped.
    assert_eq!(s.files().len(), 1);
}
