#![allow(clippy::unwrap_used)]
//! Column roles read from the header words and the values together, with no mapping given:
//! the fixtures under `tests/fixtures/roles/` (German, French, Japanese, a snake_case English
//! log, a headerless file) each get the right roles and the right per-customer totals.

use std::collections::BTreeMap;

use clientele::ingest::{FileOptions, FileReport, Role, Session};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../tests/fixtures/roles/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The report and the per-customer net totals in cents, reading `bytes` in chunks of `chunk`.
fn read(name: &str, bytes: &[u8], chunk: usize) -> (FileReport, BTreeMap<String, i64>) {
    let mut s = Session::default();
    s.begin_file_with(name, bytes.len() as u64, FileOptions::default()).unwrap();
    for c in bytes.chunks(chunk) {
        s.push(c).unwrap();
    }
    let report = s.end_file().unwrap().clone();
    let lines = s.lines();
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for i in 0..lines.len() {
        *sums.entry(lines.customers.name(lines.customer[i]).to_owned()).or_default() += lines.amount.at(i);
    }
    (report, sums.into_iter().map(|(k, v)| (k, (v * 100.0).round() as i64)).collect())
}

fn roles(r: &FileReport) -> Vec<Option<Role>> {
    r.columns.iter().map(|c| c.role).collect()
}

fn cents(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

/// Reads a fixture whole and in small chunks: both give the same report and totals.
fn read_fixture(name: &str) -> (FileReport, BTreeMap<String, i64>) {
    let bytes = fixture(name);
    let whole = read(name, &bytes, bytes.len());
    let small = read(name, &bytes, 7);
    assert_eq!(whole.0, small.0, "{name}: the chunking changed the report");
    assert_eq!(whole.1, small.1);
    whole
}

#[test]
fn german_semicolons_and_decimal_commas() {
    let (r, totals) = read_fixture("german_semicolon.csv");
    use Role::*;
    assert_eq!(roles(&r), [Some(CustomerId), Some(OrderId), Some(Quantity), Some(UnitPrice), Some(Datetime)]);
    assert_eq!(r.delimiter, ";");
    assert!(r.decimal_comma);
    assert_eq!((r.rows.read, r.rows.purchase, r.rows.returns, r.rows.dropped), (10, 9, 1, 0));
    assert_eq!(r.stats.first.as_deref(), Some("2024-01-03 00:00:00"));
    assert_eq!(r.stats.last.as_deref(), Some("2024-03-07 00:00:00"));
    assert_eq!(totals, cents(&[("K1001", 4649), ("K1002", 125_260), ("K1003", 1240), ("K1004", 5258)]));
    // Every role was guessed from words, none is a known exact name.
    for c in &r.columns {
        assert!(c.confidence > 0.3 && c.confidence < 1.0, "{}: {}", c.name, c.confidence);
        assert!(!c.doubtful, "{}", c.name);
        assert_eq!(c.unsure, c.confidence < clientele::ingest::roles::SURE_VALUE_CONFIDENCE, "{}", c.name);
    }
}

#[test]
fn french_headers() {
    let (r, totals) = read_fixture("french.csv");
    use Role::*;
    assert_eq!(roles(&r), [Some(CustomerId), Some(OrderId), Some(Quantity), Some(UnitPrice), Some(Datetime)]);
    assert!(r.decimal_comma);
    assert_eq!(r.date_order, Some(clientele::ingest::values::DateOrder::DayFirst));
    assert_eq!(totals, cents(&[("C-17", 6490), ("C-22", 3495), ("C-30", 2520)]));
}

#[test]
fn japanese_headers() {
    let (r, totals) = read_fixture("japanese.csv");
    use Role::*;
    assert_eq!(roles(&r), [Some(CustomerId), Some(OrderId), Some(Quantity), Some(UnitPrice), Some(Datetime)]);
    assert!(!r.decimal_comma);
    assert_eq!(totals, cents(&[("100234", 775_000), ("100587", 354_000), ("100991", 1_580_000)]));
}

#[test]
fn snake_case_english_log() {
    let (r, totals) = read_fixture("snake_case_log.csv");
    use Role::*;
    assert_eq!(roles(&r), [Some(CustomerId), Some(Datetime), Some(Amount), Some(Quantity), Some(ProductId)]);
    // `member_number` and `sku` are known exact names; the others are read from their words.
    assert_eq!((r.columns[0].confidence, r.columns[4].confidence), (1.0, 1.0));
    assert!(r.columns[1..4].iter().all(|c| c.confidence < 1.0));
    assert_eq!(totals, cents(&[("M-0001", 13_475), ("M-0002", 4999), ("M-0003", 1575)]));
}

#[test]
fn headerless_file() {
    let (r, totals) = read_fixture("headerless.csv");
    use Role::*;
    assert_eq!(r.header_row, 0);
    assert_eq!(roles(&r), [Some(CustomerId), Some(Datetime), Some(Quantity), Some(Amount)]);
    // One column of each shape, every value of it, and customers seen on several days: a
    // reading the values leave no doubt about (`SURE_VALUE_CONFIDENCE`), so the page folds its
    // import panel.
    assert!(r.columns.iter().all(|c| c.confidence == clientele::ingest::roles::SURE_VALUE_CONFIDENCE));
    assert_eq!(totals, cents(&[("00017", 2547), ("00042", 3950), ("00099", 12_000)]));
}

#[test]
fn the_product_rule_tells_the_amount_from_the_unit_price() {
    // No header; the amount comes before the unit price, which the column order alone would get
    // backwards: amount = quantity × unit price on every row says which is which.
    let text = "c1,2024-01-03,2,19.98,9.99\nc1,2024-01-04,3,7.50,2.50\nc2,2024-01-05,1,4.25,4.25\n\
                c3,2024-01-06,4,10.00,2.50\nc2,2024-01-07,2,3.00,1.50\n";
    let (r, totals) = read("t.csv", text.as_bytes(), 64);
    use Role::*;
    assert_eq!(roles(&r), [Some(CustomerId), Some(Datetime), Some(Quantity), Some(Amount), Some(UnitPrice)]);
    assert_eq!(totals, cents(&[("c1", 2748), ("c2", 725), ("c3", 1000)]));
}

#[test]
fn values_veto_a_contradicted_name() {
    // `Total` is a known name for the amount, but holds dates: the values win.
    let mut text = String::from("Customer,Total,Value\n");
    for d in 1..=8 {
        text += &format!("c{},2024-02-{d:02},{d}.50\n", d % 3);
    }
    let (r, totals) = read("t.csv", text.as_bytes(), 1 << 16);
    use Role::*;
    assert_eq!(roles(&r), [Some(CustomerId), Some(Datetime), Some(Amount)]);
    assert!(r.columns[1].confidence < 1.0);
    assert_eq!(totals, cents(&[("c0", 350 + 650), ("c1", 150 + 450 + 750), ("c2", 250 + 550 + 850)]));
}

#[test]
fn a_column_with_many_unreadable_values_is_doubtful() {
    // 3 of 10 amounts are text: the amount is doubtful (over 20%); 1 of 10 dates is not.
    let mut text = String::from("Customer,Date,Amount\n");
    for i in 0..10 {
        let date = if i == 4 { "soon".to_owned() } else { format!("2024-03-{:02}", i + 1) };
        let amount = if i % 3 == 1 { "n/a".to_owned() } else { format!("{i}.25") };
        text += &format!("c{i},{date},{amount}\n");
    }
    let (r, _) = read("t.csv", text.as_bytes(), 1 << 16);
    let doubtful: Vec<bool> = r.columns.iter().map(|c| c.doubtful).collect();
    assert_eq!(doubtful, [false, false, true]);
    assert_eq!(r.columns[2].role, Some(Role::Amount));
    let json = serde_json::to_value(&r.columns[2]).unwrap();
    assert_eq!(json["doubtful"], serde_json::Value::Bool(true));
}

#[test]
fn a_header_of_words_below_a_title_line() {
    // No name is known exactly: the header is the record whose words name roles, not the title.
    let text =
        "Umsatzliste Filiale Nord\nKunde;Beleg;Anzahl;Preis;Datum\nK1;B1;2;1,50;02.01.2024\nK2;B2;1;4,00;03.01.2024\n";
    let (r, totals) = read("t.csv", text.as_bytes(), 5);
    use Role::*;
    assert_eq!(r.header_row, 2);
    assert_eq!(
        r.rows.dropped_by_reason.iter().map(|d| (d.reason, d.rows)).collect::<Vec<_>>(),
        [(clientele::ingest::DropReason::TitleRow, 1)]
    );
    assert_eq!(roles(&r), [Some(CustomerId), Some(OrderId), Some(Quantity), Some(UnitPrice), Some(Datetime)]);
    assert_eq!(totals, cents(&[("K1", 300), ("K2", 400)]));
}
