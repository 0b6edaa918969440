#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Warehouse mode's test helpers: run a recipe on Online Retail, and compare the analyses on
//! its summary files with raw mode's (used by `warehouse_duckdb.rs` and `warehouse_spark.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use clientele::basket::{fpgrowth, FpGrowthParams, ItemKey, Transactions};
use serde_json::Value;

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_clientele"))
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The DuckDB venv's python (made on first use by `scripts/warehouse-venv`).
pub fn duckdb_python() -> String {
    let out = Command::new(root().join("scripts/warehouse-venv")).output().expect("scripts/warehouse-venv runs");
    assert!(out.status.success(), "warehouse-venv failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

pub fn run_json(args: &[&str], files: &[PathBuf]) -> Value {
    let out = bin().args(args).args(files).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Differences between `a` and `b`: numbers to 1e-9 relative, everything else exactly.
pub fn diff(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                // An optimiser's path (iterations, evaluations, work, gradient norm at the stop)
                // depends on the order its sums run in, which follows the customers' order; the
                // estimates and `converged` are compared.
                if path.ends_with(".convergence")
                    && ["evaluations", "iterations", "work", "gradient_norm"].contains(&k.as_str())
                {
                    continue;
                }
                match (x.get(k), y.get(k)) {
                    (Some(u), Some(v)) => diff(u, v, &format!("{path}.{k}"), out),
                    _ => out.push(format!("{path}.{k}: in one only")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                diff(u, v, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(x), Value::Number(y)) => {
            let (u, v) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if u != v && (u - v).abs() > 1e-9 * u.abs().max(v.abs()).max(1.0) {
                out.push(format!("{path}: {u} != {v}"));
            }
        }
        _ if a != b => out.push(format!("{path}: {a} != {b}")),
        _ => {}
    }
}

pub fn assert_same(what: &str, a: &Value, b: &Value) {
    let mut d = Vec::new();
    diff(a, b, "", &mut d);
    assert!(d.is_empty(), "{what}: {} differences, first {:#?}", d.len(), &d[..d.len().min(20)]);
}

/// The quadrant's scatter points set aside: they are a sample of the customers taken by their
/// position in the store, which is the order they were first seen in the file (a warehouse keeps
/// no such order), so only their number is compared here; every customer's quadrant, profit and
/// loyalty are compared by customer id through `clientele customers`.
pub fn take_points(v: &mut Value) -> usize {
    let points = v["quadrant"].as_object_mut().unwrap().remove("points").unwrap();
    points.as_array().unwrap().len()
}

/// `clientele customers` as rows keyed by customer id, every cell a JSON value (numbers parsed).
pub fn customers(files: &[PathBuf], convention: &str) -> Value {
    let out = bin().args(["customers", "--convention", convention]).args(files).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut rows = serde_json::Map::new();
    for l in lines {
        let cells: Vec<&str> = l.split(',').collect();
        assert_eq!(cells.len(), header.len(), "{l}");
        let row: serde_json::Map<String, Value> = header
            .iter()
            .zip(&cells)
            .map(|(h, c)| {
                let v = c
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(c.to_string()), Value::Number);
                (h.to_string(), v)
            })
            .collect();
        rows.insert(cells[0].to_owned(), Value::Object(row));
    }
    Value::Object(rows)
}

/// The CLV customer table's columns reordered by customer id.
pub fn by_customer(v: &mut Value) {
    let t = v["customer_table"].as_object_mut().unwrap();
    let ids: Vec<String> = t["id"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    fn reorder(v: &mut Value, order: &[usize], n: usize) {
        match v {
            Value::Array(a) if a.len() == n => *a = order.iter().map(|&i| a[i].clone()).collect(),
            Value::Object(o) => o.values_mut().for_each(|x| reorder(x, order, n)),
            _ => {}
        }
    }
    let n = ids.len();
    for x in t.values_mut() {
        reorder(x, &order, n);
    }
    // The store's dense customer index (an id's position in the interner, which is the order
    // the customers were first seen): not a figure, and a warehouse keeps no file order.
    t["predictions"].as_object_mut().unwrap().remove("customer");
}

/// Online Retail's columns and the roles they play, as `COLUMN=ROLE` (the runners rename them).
pub const ONLINE_RETAIL_ROLES: [&str; 6] = [
    "InvoiceNo=order_id",
    "CustomerID=customer_id",
    "InvoiceDate=datetime",
    "StockCode=product_id",
    "Quantity=quantity",
    "UnitPrice=unit_price",
];

/// A fresh scratch directory for one engine's run in this test process.
pub fn scratch(engine: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clientele-warehouse-{engine}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The summary files in `dir`, in [`clientele::warehouse::sql::OUTPUTS`]'s order, each checked written.
pub fn outputs(dir: &Path) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = clientele::warehouse::sql::OUTPUTS.iter().map(|(_, f)| dir.join(f)).collect();
    for f in &files {
        assert!(f.exists(), "{} written", f.display());
    }
    files
}

/// Runs the DuckDB recipe on Online Retail into a fresh directory; returns the summary files.
pub fn duckdb_summaries(python: &str) -> Vec<PathBuf> {
    let dir = scratch("duckdb");
    let out = bin().args(["warehouse", "sql", "--engine", "duckdb", "--min-support", "0.01"]).output().unwrap();
    assert!(out.status.success());
    let recipe = dir.join("recipe.sql");
    std::fs::write(&recipe, &out.stdout).unwrap();
    let run = Command::new(python)
        .arg(root().join("tests/warehouse/run_duckdb.py"))
        .arg(&recipe)
        .arg(super::shared("online_retail/OnlineRetail.csv.gz"))
        .arg(&dir)
        .args(ONLINE_RETAIL_ROLES)
        .output()
        .unwrap();
    assert!(run.status.success(), "duckdb: {}", String::from_utf8_lossy(&run.stderr));
    eprintln!("DuckDB recipe on Online Retail: {} s", String::from_utf8_lossy(&run.stdout).trim());
    outputs(&dir)
}

/// The analyses on the summary files `files` (made by `engine`) give raw mode's numbers on
/// Online Retail:
/// - `segments --json` under both conventions: every number equal to 1e-9 (relative), every
///   count and label identical; the quadrant's scatter points (one per customer, in the order
///   the customers were first seen, which a warehouse does not keep) as the same multiset;
/// - `clv --json`: every figure to 1e-9, the customer table matched by customer id;
/// - `rules --min-support 0.01`: the summary's itemsets are exactly FP-growth's on the raw
///   lines (items and counts), and the rules are identical.
pub fn assert_raw_mode_numbers(engine: &str, files: &[PathBuf]) {
    let raw = vec![super::shared("online_retail/OnlineRetail.csv.gz")];

    // The overview says what they are.
    let ov = run_json(&["overview", "--json"], files);
    assert_eq!(ov["warehouse"]["engine"], engine);
    assert!(ov["warehouse"]["needsRawLines"].as_array().unwrap().iter().any(|x| x == "sequences"));
    let raw_ov = run_json(&["overview", "--json"], &raw);
    assert_same("overview sales", &raw_ov["sales"], &ov["sales"]);
    assert_same("overview monthly", &raw_ov["monthly"], &ov["monthly"]);

    // Segments, both conventions.
    for convention in ["net", "purchases-only"] {
        let mut a = run_json(&["segments", "--json", "--convention", convention], &raw);
        let mut b = run_json(&["segments", "--json", "--convention", convention], files);
        assert_eq!(a["customers"], b["customers"]);
        assert_eq!(take_points(&mut a), take_points(&mut b));
        assert_same(&format!("segments {convention}"), &a, &b);
        let (a, b) = (customers(&raw, convention), customers(files, convention));
        assert_eq!(a.as_object().unwrap().len(), 4338);
        assert_same(&format!("customers {convention}"), &a, &b);
    }

    // CLV to 1e-9.
    let mut a = run_json(&["clv", "--json"], &raw);
    let mut b = run_json(&["clv", "--json"], files);
    by_customer(&mut a);
    by_customer(&mut b);
    assert_same("clv", &a, &b);

    // Itemsets: the summary's equal FP-growth's on the raw lines.
    let mut session = clientele::Session::default();
    let bytes = std::fs::read(&raw[0]).unwrap();
    session.read_file("OnlineRetail.csv.gz", bytes.len() as u64, &bytes[..]).unwrap();
    let tx = Transactions::from_lines(session.lines(), ItemKey::Product).unwrap();
    let sets = fpgrowth(&tx, &FpGrowthParams::new(0.01).check().unwrap()).unwrap();
    let want: BTreeMap<Vec<String>, u32> = sets
        .itemsets
        .iter()
        .map(|s| {
            let mut names: Vec<String> = s.items.iter().map(|&i| tx.items[i as usize].clone()).collect();
            names.sort();
            (names, s.count)
        })
        .collect();
    let text = std::fs::read_to_string(&files[4]).unwrap();
    let got: BTreeMap<Vec<String>, u32> = text
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            let mut names: Vec<String> = cells[1..].iter().filter(|c| !c.is_empty()).map(|c| c.to_string()).collect();
            names.sort();
            (names, cells[0].parse().unwrap())
        })
        .collect();
    assert!(want.len() > 2000, "{} itemsets", want.len());
    assert_eq!(got, want, "itemsets at support 0.01");

    // Rules: identical (by item names; ids differ between the two item lists).
    let rules = |v: &Value| -> Vec<String> {
        let items: Vec<&str> = v["items"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
        let names = |ids: &Value| {
            let mut n: Vec<&str> =
                ids.as_array().unwrap().iter().map(|i| items[i.as_u64().unwrap() as usize]).collect();
            n.sort();
            n.join("+")
        };
        let mut r: Vec<String> = v["rules"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{} -> {} n={} s={} c={} l={}",
                    names(&r["antecedent"]),
                    names(&r["consequent"]),
                    r["count"],
                    r["support"],
                    r["confidence"],
                    r["lift"]
                )
            })
            .collect();
        r.sort();
        r
    };
    let a = run_json(&["rules", "--json", "--min-support", "0.01"], &raw);
    let b = run_json(&["rules", "--json", "--min-support", "0.01"], files);
    for k in ["baskets", "min_count", "itemsets", "itemsets_by_len", "rules_by_len", "guest_baskets"] {
        assert_eq!(a[k], b[k], "rules {k}");
    }
    assert!(a["rules"]["rules"].as_array().unwrap().len() > 500);
    assert_eq!(rules(&a), rules(&b), "rules at support 0.01");

    // Sequences need the lines, and say so.
    let out = bin().args(["rules", "--sequences", "--json"]).args(files).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("summary files"));
}

/// The cells of a CSV line (RFC 4180 quotes).
fn csv_cells(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// A summary file's rows keyed by what identifies a row in it: the meta key; the customer,
/// order, time and part of an orders row; the customer (and month); an itemset's items.
fn keyed_rows(file: &Path) -> (String, BTreeMap<Vec<String>, Vec<String>>) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_owned();
    let name = file.file_name().unwrap().to_str().unwrap();
    let key_len = match name {
        "clientele_orders.csv" => 4,
        "clientele_monthly.csv" => 2,
        _ => 1,
    };
    let mut rows = BTreeMap::new();
    let mut n = 0;
    for l in lines {
        let cells = csv_cells(l);
        let key = if name == "clientele_itemsets.csv" {
            let mut items: Vec<String> = cells[1..].iter().filter(|c| !c.is_empty()).cloned().collect();
            items.sort();
            items
        } else {
            cells[..key_len].to_vec()
        };
        rows.insert(key, cells);
        n += 1;
    }
    assert_eq!(rows.len(), n, "{}: a key on two rows", file.display());
    (header, rows)
}

/// Two engines' summary files hold the same rows (in any order): the same headers, the same
/// keys, every number equal to 1e-9 (relative), every other cell identical; the meta rows named
/// in `skip_meta` (the engine's name) left out.
pub fn assert_same_summaries(a: &[PathBuf], b: &[PathBuf], skip_meta: &[&str]) {
    for (fa, fb) in a.iter().zip(b) {
        let ((ha, mut ra), (hb, mut rb)) = (keyed_rows(fa), keyed_rows(fb));
        let name = fa.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(ha, hb, "{name}: header");
        if name == "clientele_meta.csv" {
            for k in skip_meta {
                assert!(ra.remove(&vec![k.to_string()]).is_some() && rb.remove(&vec![k.to_string()]).is_some(), "{k}");
            }
        }
        let (ka, kb): (Vec<_>, Vec<_>) = (ra.keys().collect(), rb.keys().collect());
        assert_eq!(ka.len(), kb.len(), "{name}: rows");
        assert!(ka == kb, "{name}: the rows' keys differ, first {:?}", ka.iter().zip(&kb).find(|(x, y)| x != y));
        assert!(ra.len() > 1, "{name}: {} rows", ra.len());
        let mut out = Vec::new();
        for (k, x) in &ra {
            let y = &rb[k];
            assert_eq!(x.len(), y.len(), "{name} {k:?}");
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                let close = match (u.parse::<f64>(), v.parse::<f64>()) {
                    (Ok(p), Ok(q)) => p == q || (p - q).abs() <= 1e-9 * p.abs().max(q.abs()).max(1.0),
                    _ => u == v,
                };
                if !close {
                    out.push(format!("{name} {k:?} column {i}: {u} != {v}"));
                }
            }
        }
        assert!(out.is_empty(), "{} differences, first {:#?}", out.len(), &out[..out.len().min(20)]);
    }
}
