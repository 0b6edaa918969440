#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The period comparison ([`clientele::segment::compare`]) on two real periods: Online Retail
//! cut to its first 9 months (lines dated before 2011-09-01) as the saved analysis, then the
//! full year, then the last 3 months, each segmented on its own as the page and the CLI do.
//! Every cell of both schemes' matrices, every summary count and one cell's CSV must equal a
//! recount by hand: the per-customer labels of each period (`CustomerTable::row`) put in
//! ordered maps by id and the (from, to) pairs counted there, without the core's join or
//! [`migration`](clientele::segment::lifecycle::migration). The CLI (`clientele compare
//! --json`, `--cell`) gives the same result as the library. The e2e test
//! (tests/e2e/compare.test.mjs) cuts the same file the same way: its figures are 3,317
//! customers then 4,338 now, 2,072 of the RFM segments' customers moved.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::Command;

use clientele::ingest::FileOptions;
use clientele::segment::compare::{cell_csv, compare, CellRef, CompareScheme, Comparison, LabelSet};
use clientele::segment::{analyse, SegmentOptions};
use clientele::Session;

const END: &str = "2011-09-01";
const NEW: &str = "@new";
const ABSENT: &str = "@absent";

/// The date of a line, `YYYY-MM-DD` from the one field shaped `,YYYY-MM-DD HH:MM:SS,`
/// (descriptions may hold commas, never a date-time).
fn line_date(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let shape = b",dddd-dd-dd dd:dd:dd,";
    (0..b.len().saturating_sub(shape.len() - 1)).find_map(|i| {
        let ok = shape.iter().zip(&b[i..]).all(|(&s, &c)| if s == b'd' { c.is_ascii_digit() } else { s == c });
        ok.then(|| &line[i + 1..i + 11])
    })
}

/// The header and the lines dated before [`END`] (`before`), from it on (`!before`), or all.
fn cut(text: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut out = String::new();
    for (k, line) in text.lines().enumerate() {
        let date = line_date(line);
        assert!(k == 0 || date.is_some(), "no date in line {k}: {line}");
        if k == 0 || keep(date.unwrap()) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

struct Period {
    labels: LabelSet,
    /// id → (rfm11, tier), from the full per-customer rows.
    by_hand: BTreeMap<String, (String, String)>,
}

fn period(name: &str, csv: &str) -> Period {
    let mut s = Session::default();
    s.read_file_with(name, csv.len() as u64, FileOptions::default(), csv.as_bytes()).unwrap();
    let seg = analyse(s.lines(), &SegmentOptions::default()).unwrap();
    let t = &seg.table;
    let by_hand = (0..t.len()).map(|i| t.row(i)).map(|r| (r.id, (r.rfm11.to_owned(), r.tier.to_owned()))).collect();
    Period { labels: t.label_set(), by_hand }
}

/// Per scheme, (from, to) → the ids, counted by hand over ordered maps.
type Cells = BTreeMap<(String, String), Vec<String>>;

fn recount(then: &Period, now: &Period, scheme: CompareScheme) -> Cells {
    let pick = |l: &(String, String)| if scheme == CompareScheme::Rfm11 { l.0.clone() } else { l.1.clone() };
    let mut cells = Cells::new();
    for (id, a) in &then.by_hand {
        let to = now.by_hand.get(id).map_or_else(|| ABSENT.to_owned(), pick);
        cells.entry((pick(a), to)).or_default().push(id.clone());
    }
    for (id, b) in &now.by_hand {
        if !then.by_hand.contains_key(id) {
            cells.entry((NEW.to_owned(), pick(b))).or_default().push(id.clone());
        }
    }
    cells
}

/// Every matrix cell and count of `c` equals the recount; returns the recounts.
fn check(c: &Comparison, then: &Period, now: &Period) -> Vec<(CompareScheme, Cells)> {
    assert_eq!((c.saved_customers, c.current_customers), (then.by_hand.len(), now.by_hand.len()));
    let mut out = Vec::new();
    for scheme in CompareScheme::ALL {
        let want = recount(then, now, scheme);
        let s = c.get(scheme);
        let m = &s.matrix;
        let mut got = BTreeMap::new();
        for r in &m.rows {
            let from = r.from.map_or(NEW, |i| m.labels[i].as_str()).to_owned();
            assert_eq!(r.customers, r.to.iter().sum::<u64>() + r.no_longer, "{scheme:?} row total");
            for (to, &n) in m.labels.iter().map(String::as_str).chain([ABSENT]).zip(r.to.iter().chain([&r.no_longer])) {
                if n > 0 {
                    got.insert((from.clone(), to.to_owned()), n);
                }
            }
        }
        let want_n: BTreeMap<_, _> = want.iter().map(|(k, ids)| (k.clone(), ids.len() as u64)).collect();
        assert_eq!(got, want_n, "{scheme:?} cells");
        let sum = |f: &dyn Fn(&str, &str) -> bool| {
            want.iter().filter(|((a, b), _)| f(a, b)).map(|(_, ids)| ids.len() as u64).sum::<u64>()
        };
        let kept = then.by_hand.keys().filter(|id| now.by_hand.contains_key(*id)).count() as u64;
        assert_eq!(s.kept, kept, "{scheme:?} kept");
        assert_eq!(s.stayed, sum(&|a, b| a == b), "{scheme:?} stayed");
        assert_eq!(s.moved, sum(&|a, b| a != NEW && b != ABSENT && a != b), "{scheme:?} moved");
        assert_eq!(s.new, sum(&|a, _| a == NEW), "{scheme:?} new");
        assert_eq!(s.absent, sum(&|_, b| b == ABSENT), "{scheme:?} absent");
        assert_eq!(s.kept + s.absent, then.by_hand.len() as u64);
        assert_eq!(s.kept + s.new, now.by_hand.len() as u64);
        assert!(s.moved > 0, "{scheme:?}: some customers moved");
        out.push((scheme, want));
    }
    out
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_clientele"))
}

#[test]
fn online_retail_nine_months_then_the_year_then_the_last_quarter() {
    let mut text = String::new();
    flate2::read::GzDecoder::new(&common::online_retail_gz()[..]).read_to_string(&mut text).unwrap();
    let (first, last) = (cut(&text, |d| d < END), cut(&text, |d| d >= END));
    let all = cut(&text, |_| true);
    let then = period("first-9-months.csv", &first);
    let now = period("OnlineRetail.csv", &all);
    let quarter = period("last-3-months.csv", &last);

    // 1. Nine months saved, the full year loaded.
    let c = compare(&then.labels, &now.labels).unwrap();
    let recounts = check(&c, &then, &now);
    // The figures the browser test records on the same cut (tests/e2e/compare.test.mjs).
    assert_eq!((c.saved_customers, c.current_customers, c.rfm11.moved), (3_317, 4_338, 2_072));

    // 2. The largest off-diagonal cell's CSV holds exactly its customers, in the saved order.
    let (scheme, cells) = &recounts[0];
    let ((from, to), ids) = cells
        .iter()
        .filter(|((a, b), _)| a != b && a != NEW && b != ABSENT)
        .max_by_key(|(k, ids)| (ids.len(), std::cmp::Reverse((*k).clone())))
        .unwrap();
    let cell = CellRef { scheme: Some(*scheme), from: Some(from.clone()), to: Some(to.clone()) };
    let out = cell_csv(&then.labels, &now.labels, &cell).unwrap();
    let rows: Vec<&str> = out.csv.lines().collect();
    assert_eq!(rows[0], "customer_id,scheme,saved,now");
    let mut listed: Vec<String> = rows[1..]
        .iter()
        .map(|r| {
            let f: Vec<&str> = r.split(',').collect();
            assert_eq!(f[1..], ["rfm11", from.as_str(), to.as_str()]);
            f[0].to_owned()
        })
        .collect();
    assert_eq!(out.customers, ids.len());
    let order: BTreeMap<&str, usize> = then.labels.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    assert!(listed.windows(2).all(|w| order[w[0].as_str()] < order[w[1].as_str()]), "saved order");
    listed.sort();
    assert_eq!(&listed, ids);

    // 3. Nine months saved, only the last quarter loaded: those who did not come back are absent.
    let q = compare(&then.labels, &quarter.labels).unwrap();
    check(&q, &then, &quarter);
    assert!(q.tier.absent > 1000, "absent {}", q.tier.absent);

    // 4. The CLI on the same files gives the library's comparison and cell.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compare_periods");
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("first-9-months.csv"), dir.join("OnlineRetail.csv"));
    std::fs::write(&a, &first).unwrap();
    std::fs::write(&b, &all).unwrap();
    let json = bin().arg("compare").arg(&a).arg(&b).arg("--json").output().unwrap();
    assert!(json.status.success(), "{}", String::from_utf8_lossy(&json.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    // Both through the same text parse (serde_json reads a float's last digit differently from
    // the value it printed, without its float_roundtrip feature).
    let lib: serde_json::Value = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(cli, lib);
    let csv = bin().arg("compare").arg(&a).arg(&b).arg(format!("--cell=rfm11:{from}:{to}")).output().unwrap();
    assert!(csv.status.success());
    assert_eq!(String::from_utf8(csv.stdout).unwrap(), out.csv);
    let bad = bin().arg("compare").arg(&a).arg(&b).arg("--cell=rfm8:x:y").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cli.bad_cell"));
    let text = bin().arg("compare").arg(&a).arg(&b).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("3317 customers in "), "{text}");
    assert!(text.contains(&format!("rfm11: kept {}, stayed {}", c.rfm11.kept, c.rfm11.stayed)), "{text}");
}
