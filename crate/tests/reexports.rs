#![allow(clippy::unwrap_used)]
//! Online Retail re-exported the ways real shops export: each form must give per-customer totals
//! identical to the UTF-8 original, with every row accounted for.

mod common;

use std::collections::BTreeMap;
use std::io::Write;

use clientele::ingest::csv::{Record, RecordReader};
use clientele::ingest::decode::Detection;
use clientele::ingest::values::DateOrder;
use clientele::ingest::{DropReason, FileOptions, FileReport, Session};
use common::{online_retail_gz, shared};

/// The original rows as cells (header first).
fn original_rows() -> Vec<Vec<String>> {
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(&online_retail_gz()[..]).read_to_end_into(&mut text);
    let mut rows = Vec::new();
    let mut rdr = RecordReader::new(b',');
    let mut cb = |r: &Record<'_>| -> Result<(), ()> {
        rows.push((0..r.len()).map(|i| String::from_utf8(r.get(i).unwrap().to_vec()).unwrap()).collect());
        Ok(())
    };
    rdr.feed(&text, &mut cb).unwrap();
    rdr.feed(b"", &mut cb).unwrap();
    rows
}

trait ReadAll {
    fn read_to_end_into(self, out: &mut Vec<u8>);
}
impl<R: std::io::Read> ReadAll for R {
    fn read_to_end_into(mut self, out: &mut Vec<u8>) {
        self.read_to_end(out).unwrap();
    }
}

/// Per-customer net totals in cents, and the report, after reading `bytes` as one file.
fn totals(name: &str, bytes: &[u8], options: FileOptions) -> (BTreeMap<String, i64>, Vec<FileReport>) {
    let mut s = Session::default();
    s.begin_file_with(name, bytes.len() as u64, options).unwrap();
    for chunk in bytes.chunks(100_003) {
        s.push(chunk).unwrap();
    }
    s.end_file().unwrap();
    let lines = s.lines();
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for i in 0..lines.len() {
        // Guest lines (no customer id) are summed under one key, so their total is compared too.
        let c = lines.customer[i];
        let key = if c == clientele::model::NO_CUSTOMER { "(guests)" } else { lines.customers.name(c) };
        *sums.entry(key.to_owned()).or_default() += lines.amount.at(i);
    }
    let cents = sums.into_iter().map(|(k, v)| (k, (v * 100.0).round() as i64)).collect();
    (cents, s.files().to_vec())
}

fn csv_line(cells: &[String], delimiter: char) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains(delimiter) || c.contains('"') || c.contains('\n') {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    quoted.join(&delimiter.to_string()) + "\r\n"
}

/// `2010-12-01 08:26:00` → `12/1/2010 8:26`, the UCI workbook's own form.
fn us_date(iso: &str) -> String {
    let (date, time) = iso.split_once(' ').unwrap();
    let p: Vec<u32> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let t: Vec<u32> = time.split(':').map(|x| x.parse().unwrap()).collect();
    format!("{}/{}/{} {}:{:02}", p[1], p[2], p[0], t[0], t[1])
}

fn assert_balanced(reports: &[FileReport]) {
    for f in reports {
        let r = &f.rows;
        assert_eq!(r.read, r.purchase + r.returns + r.dropped, "{}", f.name);
        assert_eq!(r.dropped, r.dropped_by_reason.iter().map(|d| d.rows).sum::<u64>(), "{}", f.name);
    }
}

#[test]
fn every_reexport_gives_the_same_customer_totals() {
    let rows = original_rows();
    let (want, base) = totals("OnlineRetail.csv.gz", &online_retail_gz(), FileOptions::default());
    // 4,338 customers with a purchase, plus 33 whose only kept lines are returns, plus the
    // guests' total.
    assert_eq!(want.len(), 4371 + 1, "customers with a kept line, and the guests");
    assert!(want.contains_key("(guests)"));
    assert_eq!(base[0].rows.read, 541_909);

    // 1. GBK, Chinese headers, ￥ prices, a title line and a totals line.
    let mut text = String::from("销售明细表\r\n导出时间:2012-01-01 10:00\r\n");
    text += &csv_line(
        &["订单编号", "商品编码", "商品名称", "数量", "下单时间", "单价", "会员卡号", "国家"].map(String::from),
        ',',
    );
    for r in &rows[1..] {
        let mut r = r.clone();
        r[5] = format!("￥{}", r[5]);
        text += &csv_line(&r, ',');
    }
    text += "合计,,,,,,,\r\n";
    let gbk = encoding_rs::GBK.encode(&text).0;
    let (got, rep) = totals("订单报表.csv", &gbk, FileOptions::default());
    assert_eq!(rep[0].encoding, "GBK");
    assert_eq!(rep[0].encoding_detection, Detection::Guessed);
    assert_eq!(rep[0].header_row, 3);
    let reasons: BTreeMap<_, _> =
        rep[0].rows.dropped_by_reason.iter().map(|d| (format!("{:?}", d.reason), d.rows)).collect();
    assert_eq!(reasons.get("TitleRow"), Some(&2));
    assert_eq!(reasons.get("TotalRow"), Some(&1));
    assert_eq!(rep[0].rows.read, 541_909 + 3);
    assert_balanced(&rep);
    assert!(got == want, "GBK re-export differs");

    // 2. UTF-16 LE TSV with a BOM.
    let mut utf16 = vec![0xFF, 0xFE];
    for r in &rows {
        for unit in csv_line(r, '\t').encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
    }
    let (got, rep) = totals("export.tsv", &utf16, FileOptions::default());
    assert_eq!((rep[0].encoding, rep[0].delimiter.as_str()), ("UTF-16LE", "\\t"));
    assert_balanced(&rep);
    assert!(got == want, "UTF-16 re-export differs");

    // 3. Latin-1 (windows-1252), month-first dates as in the UCI workbook.
    let mut text = String::new();
    for (i, r) in rows.iter().enumerate() {
        let mut r = r.clone();
        if i > 0 {
            r[4] = us_date(&r[4]);
        }
        r[7] = r[7].replace("EIRE", "Éire");
        text += &csv_line(&r, ',');
    }
    let latin = encoding_rs::WINDOWS_1252.encode(&text).0;
    let (got, rep) = totals("latin1.csv", &latin, FileOptions::default());
    assert_eq!(rep[0].encoding, "windows-1252");
    assert_eq!(rep[0].date_order, Some(DateOrder::MonthFirst));
    assert!(rep[0].date_evidence.month_first > 100_000, "{:?}", rep[0].date_evidence);
    assert_eq!(rep[0].date_evidence.day_first, 0);
    assert_balanced(&rep);
    assert!(got == want, "Latin-1 month-first re-export differs");
    // The same dates day-first: the evidence flips and so does every ambiguous date.
    let mut text = String::new();
    for (i, r) in rows.iter().enumerate() {
        let mut r = r.clone();
        if i > 0 {
            let us = us_date(&r[4]);
            let (md, rest) = us.split_once('/').unwrap();
            let (d, rest) = rest.split_once('/').unwrap();
            r[4] = format!("{d}/{md}/{rest}");
        }
        text += &csv_line(&r, ',');
    }
    let (got, rep) = totals("uk.csv", text.as_bytes(), FileOptions::default());
    assert_eq!(rep[0].date_order, Some(DateOrder::DayFirst));
    assert_eq!(rep[0].stats.first.as_deref(), Some("2010-12-01 08:26:00"));
    assert_eq!(rep[0].stats.last.as_deref(), Some("2011-12-09 12:50:00"));
    assert!(got == want, "day-first re-export differs");

    // 4. Semicolons and decimal commas.
    let mut text = String::new();
    for (i, r) in rows.iter().enumerate() {
        let mut r = r.clone();
        if i > 0 {
            r[5] = r[5].replace('.', ",");
        }
        text += &csv_line(&r, ';');
    }
    let (got, rep) = totals("eu.csv", text.as_bytes(), FileOptions::default());
    assert_eq!(rep[0].delimiter, ";");
    assert!(rep[0].decimal_comma);
    assert_balanced(&rep);
    assert!(got == want, "semicolon/decimal-comma re-export differs");

    // 5. A zipped CSV (with a macOS resource fork beside it, which is skipped).
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("__MACOSX/._OnlineRetail.csv", opts).unwrap();
    zip.write_all(b"\0\x05\x16\x07junk").unwrap();
    zip.start_file("OnlineRetail.csv", opts).unwrap();
    for r in &rows {
        zip.write_all(csv_line(r, ',').as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let (got, rep) = totals("OnlineRetail.zip", &bytes, FileOptions::default());
    assert_eq!(rep.len(), 1);
    assert_eq!(rep[0].name, "OnlineRetail.zip/OnlineRetail.csv");
    assert_balanced(&rep);
    assert!(got == want, "zipped re-export differs");
}

#[test]
fn xlsx_reexport_gives_the_same_customer_totals() {
    // The first 60,000 rows (a workbook of all 541,909 is slow to write in a test), compared with
    // the same rows as CSV.
    let rows: Vec<Vec<String>> = original_rows().into_iter().take(60_001).collect();
    let mut text = String::new();
    for r in &rows {
        text += &csv_line(r, ',');
    }
    let (want, _) = totals("part.csv", text.as_bytes(), FileOptions::default());

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("说明").unwrap();
    sheet.write_string(0, 0, "This sheet is only notes").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Online Retail").unwrap();
    sheet.write_string(0, 0, "Online Retail export").unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        for (c, cell) in r.iter().enumerate() {
            let col = c as u16;
            if i > 0 && c == 4 {
                let dt = rust_xlsxwriter::ExcelDateTime::parse_from_str(cell).unwrap();
                sheet.write_datetime_with_format(row, col, &dt, &date_format).unwrap();
            } else if i > 0 && (c == 3 || c == 5 || (c == 6 && !cell.is_empty())) {
                sheet.write_number(row, col, cell.parse::<f64>().unwrap()).unwrap();
            } else {
                sheet.write_string(row, col, cell).unwrap();
            }
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let options = FileOptions { sheet: Some("Online Retail".to_owned()), ..FileOptions::default() };
    let (got, rep) = totals("export.xlsx", &bytes, options);
    assert_eq!(rep[0].container, "xlsx");
    assert_eq!(rep[0].encoding_detection, Detection::Workbook);
    assert_eq!(rep[0].sheets, vec!["说明", "Online Retail"]);
    assert_eq!(rep[0].header_row, 3);
    assert_eq!(rep[0].rows.dropped_by_reason[0].reason, DropReason::TitleRow);
    assert_balanced(&rep);
    assert!(got == want, "xlsx re-export differs");
}

#[test]
fn cdnow_log_reads_once_its_columns_are_mapped() {
    use clientele::ingest::Role;
    let bytes = std::fs::read(shared("cdnow/CDNOW_sample.txt")).unwrap();
    let options = FileOptions {
        no_header: true,
        roles: Some(vec![Some(Role::CustomerId), None, Some(Role::Datetime), Some(Role::Quantity), Some(Role::Amount)]),
        ..FileOptions::default()
    };
    let mut s = Session::default();
    let rep = s.read_file_with("CDNOW_sample.txt", bytes.len() as u64, options.clone(), &bytes[..]).unwrap().clone();
    assert_eq!(rep.delimiter, "whitespace");
    assert_eq!(rep.rows.read, 6919);
    assert_eq!(rep.rows.purchase, 6919 - rep.rows.dropped);
    assert_eq!(rep.stats.customers, 2357);
    let ov = clientele::overview(&s);
    assert_eq!(ov.sales.first.as_deref(), Some("1997-01-01 00:00:00"));
    assert_eq!(ov.sales.last.as_deref(), Some("1998-06-30 00:00:00"));
    // Zero-dollar transactions are dropped with their reason; everything else is kept.
    let zero = rep.rows.dropped_by_reason.iter().find(|d| d.reason == DropReason::ZeroPrice).map_or(0, |d| d.rows);
    assert_eq!((rep.rows.dropped, zero), (8, 8));
    assert_eq!(ov.sales.customers, 2349);
    // With the switch, the eight zero-dollar purchases are kept (still flagged): every one of
    // the 6,919 transactions and all 2,357 customers, as the CLV literature counts them.
    let options = FileOptions { keep_zero_price: true, ..options };
    let mut s = Session::default();
    let rep = s.read_file_with("CDNOW_sample.txt", bytes.len() as u64, options, &bytes[..]).unwrap().clone();
    assert_eq!((rep.rows.purchase, rep.rows.dropped), (6919, 0));
    assert!(rep.rows.flagged.iter().any(|f| f.flag == clientele::ingest::Flag::ZeroPrice && f.rows == 8));
    let ov = clientele::overview(&s);
    assert_eq!((ov.sales.customers, s.lines().len()), (2357, 6919));
}

#[test]
fn reexports_with_german_and_japanese_headers_give_the_same_customer_totals() {
    use clientele::ingest::Role::*;
    let rows = original_rows();
    let (want, _) = totals("OnlineRetail.csv.gz", &online_retail_gz(), FileOptions::default());
    let roles = |rep: &[FileReport]| rep[0].columns.iter().map(|c| c.role).collect::<Vec<_>>();
    let online_retail_roles = [
        Some(OrderId),
        Some(ProductId),
        Some(ProductName),
        Some(Quantity),
        Some(Datetime),
        Some(UnitPrice),
        Some(CustomerId),
        Some(Region),
    ];

    // German: semicolons, decimal commas, day-first dotted dates, and no name known exactly.
    let names = [
        "Rechnungsnummer",
        "Artikelnummer",
        "Bezeichnung",
        "Menge",
        "Rechnungsdatum",
        "Einzelpreis",
        "Kundennummer",
        "Land",
    ];
    let mut text = csv_line(&names.map(String::from), ';');
    for r in &rows[1..] {
        let mut r = r.clone();
        let (date, time) = r[4].split_once(' ').unwrap();
        let d: Vec<&str> = date.split('-').collect();
        r[4] = format!("{}.{}.{} {}", d[2], d[1], d[0], &time[..5]);
        r[5] = r[5].replace('.', ",");
        text += &csv_line(&r, ';');
    }
    let (got, rep) = totals("Rechnungen.csv", text.as_bytes(), FileOptions::default());
    assert_eq!(roles(&rep), online_retail_roles);
    assert!(rep[0].columns.iter().all(|c| c.confidence < 1.0 && !c.doubtful), "{:?}", rep[0].columns);
    assert_eq!((rep[0].delimiter.as_str(), rep[0].decimal_comma), (";", true));
    assert_eq!(rep[0].date_order, Some(DateOrder::DayFirst));
    assert_eq!(rep[0].rows.read, 541_909);
    assert_balanced(&rep);
    assert!(got == want, "German re-export differs");

    // Japanese: the same columns named in Japanese, year-first slash dates.
    let names = ["伝票番号", "商品コード", "品名", "数量", "売上日", "単価", "顧客番号", "国"];
    let mut text = csv_line(&names.map(String::from), ',');
    for r in &rows[1..] {
        let mut r = r.clone();
        r[4] = r[4].replace('-', "/");
        text += &csv_line(&r, ',');
    }
    let (got, rep) = totals("売上明細.csv", text.as_bytes(), FileOptions::default());
    assert_eq!(roles(&rep), online_retail_roles);
    assert_eq!(rep[0].rows.read, 541_909);
    assert_balanced(&rep);
    assert!(got == want, "Japanese re-export differs");
}
