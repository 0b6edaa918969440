//! Period comparison (issue 18 item 6, the seed's periodic re-evaluation): the segment labels of
//! an earlier analysis (kept by the page in IndexedDB, or read from an earlier file by the CLI)
//! joined by customer id with those of the loaded data, and per scheme the from × to migration
//! matrix, with the customers new in the later data and those absent from it counted apart.
//!
//! ## Inputs and what counts
//!
//! Two [`LabelSet`]s: every customer's id and, for the RFM segments ([`CompareScheme::Rfm11`])
//! and the value tiers ([`CompareScheme::Tier`]), a label as an index into the scheme's key list
//! (the layout the page stores; [`CustomerTable::label_set`] builds it from a segmentation). The
//! join is by exact id string. Every customer of either side is counted exactly once per scheme:
//!
//! - in both: one cell `(saved label, current label)`; **kept** counts them, **stayed** those
//!   whose label is the same, **moved** the others (`kept = stayed + moved`);
//! - only in the saved set: the **absent** column (`to: None`);
//! - only in the current set: the **new** row (`from: None`).
//!
//! So `kept + absent` is the saved set's size and `kept + new` the current one's. The matrix is
//! [`migration`]'s: rows are the labels, then the new row; columns the labels, then the absent
//! column. The label order is the current set's key order (the crate's scheme order:
//! [`NAMED_SEGMENTS`](super::schemes::NAMED_SEGMENTS), [`TIERS`](super::tiers::TIERS)), then any
//! key only the saved set has (a record from another version), in its order.
//!
//! A cell's customers are exported as CSV through [`crate::csv_out`] (formula cells
//! neutralised): `customer_id,scheme,saved,now`, in the join's order (the saved set's order,
//! then the new customers in the current set's order), `saved` empty for a new customer and
//! `now` empty for an absent one.
//!
//! A label set whose columns disagree in length, whose label points past its key list, or
//! which repeats an id cannot be joined: [`Error::Args`] (`internal.bad_args`).
//!
//! ```
//! use clientele::segment::compare::{compare, LabelSet, SchemeLabels};
//! let set = |ids: &[&str], tiers: &[u8]| LabelSet {
//!     ids: ids.iter().map(|s| s.to_string()).collect(),
//!     labels: clientele::segment::compare::Labels {
//!         rfm11: SchemeLabels { keys: vec!["x".into()], codes: vec![0; ids.len()] },
//!         tier: SchemeLabels { keys: vec!["A".into(), "B".into()], codes: tiers.to_vec() },
//!     },
//! };
//! // c1 stays A, c2 moves A → B, c3 is absent later, c4 is new (B).
//! let c = compare(&set(&["c1", "c2", "c3"], &[0, 0, 1]), &set(&["c4", "c2", "c1"], &[1, 1, 0])).unwrap();
//! let t = &c.tier;
//! assert_eq!((t.kept, t.stayed, t.moved, t.new, t.absent), (2, 1, 1, 1, 1));
//! assert_eq!(t.matrix.rows[0].to, vec![1, 1]); // from A: one to A, one to B
//! assert_eq!(t.matrix.rows[1].no_longer, 1); // from B: absent
//! assert_eq!(t.matrix.rows[2].to, vec![0, 1]); // new: one B
//! ```

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::lifecycle::{migration, Migration};
use super::schemes::NAMED_SEGMENTS;
use super::tiers::TIERS;
use super::CustomerTable;
use crate::csv_out::text_cell;
use crate::Error;

/// The schemes compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompareScheme {
    /// The 11 named RFM segments.
    Rfm11,
    /// The value tiers A–D.
    Tier,
}

impl CompareScheme {
    pub const ALL: [CompareScheme; 2] = [CompareScheme::Rfm11, CompareScheme::Tier];

    /// The key used in the stored record, the CSV and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            CompareScheme::Rfm11 => "rfm11",
            CompareScheme::Tier => "tier",
        }
    }

    /// The scheme named `key`, if it is one.
    pub fn from_key(key: &str) -> Option<CompareScheme> {
        CompareScheme::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// One scheme's labels: `keys[codes[i]]` is customer `i`'s label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemeLabels {
    pub keys: Vec<String>,
    /// Read as bytes: the page's `Uint8Array` is copied in one go instead of iterated.
    #[serde(deserialize_with = "codes")]
    pub codes: Vec<u8>,
}

/// A byte column from bytes (a `Uint8Array` through `serde-wasm-bindgen`) or from a sequence of
/// numbers (JSON).
fn codes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    struct Codes;
    impl<'de> serde::de::Visitor<'de> for Codes {
        type Value = Vec<u8>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("label codes (bytes or numbers 0 to 255)")
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }
        fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(v)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(c) = seq.next_element()? {
                out.push(c);
            }
            Ok(out)
        }
    }
    d.deserialize_byte_buf(Codes)
}

/// The labels of every compared scheme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    pub rfm11: SchemeLabels,
    pub tier: SchemeLabels,
}

impl Labels {
    pub fn get(&self, scheme: CompareScheme) -> &SchemeLabels {
        match scheme {
            CompareScheme::Rfm11 => &self.rfm11,
            CompareScheme::Tier => &self.tier,
        }
    }
}

/// Every customer's id and labels: what the page keeps in IndexedDB (`{ids, labels: {rfm11:
/// {keys, codes}, tier: {keys, codes}}}`, the same field names).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSet {
    pub ids: Vec<String>,
    pub labels: Labels,
}

impl LabelSet {
    /// Checks that every column has one entry per id, every code a key, and no id repeats.
    fn validate(&self, which: &'static str) -> Result<(), Error> {
        let bad = |detail: String| Err(Error::Args { what: which, detail });
        for s in CompareScheme::ALL {
            let l = self.labels.get(s);
            if l.codes.len() != self.ids.len() {
                return bad(format!("{} has {} labels for {} customers", s.key(), l.codes.len(), self.ids.len()));
            }
            if let Some((i, &c)) = l.codes.iter().enumerate().find(|(_, &c)| usize::from(c) >= l.keys.len()) {
                return bad(format!("customer {i} has {} label {c}, but there are {} keys", s.key(), l.keys.len()));
            }
        }
        Ok(())
    }
}

impl CustomerTable {
    /// Every customer's id, RFM segment and value tier, in the table's order.
    pub fn label_set(&self) -> LabelSet {
        LabelSet {
            ids: self.keys.clone(),
            labels: Labels {
                rfm11: SchemeLabels {
                    keys: NAMED_SEGMENTS.iter().map(|(k, _)| (*k).to_owned()).collect(),
                    codes: self.rfm11.clone(),
                },
                tier: SchemeLabels { keys: TIERS.iter().map(|k| (*k).to_owned()).collect(), codes: self.tier.clone() },
            },
        }
    }
}

/// One scheme compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemeComparison {
    /// The from × to counts: `rows` are the labels then the new row (`from: None`); each row's
    /// `to` follows `labels` and `noLonger` is the absent column; `laterSizes` are the column
    /// totals (the absent column's last); each row's `customers` is its total.
    pub matrix: Migration,
    /// Customers in both sets.
    pub kept: u64,
    /// Customers in both sets with the same label.
    pub stayed: u64,
    /// Customers in both sets whose label changed.
    pub moved: u64,
    /// Customers only in the current set.
    pub new: u64,
    /// Customers only in the saved set.
    pub absent: u64,
    /// `stayed / kept`; `None` when nobody is kept.
    pub stayed_share: Option<f64>,
    /// `moved / kept`; `None` when nobody is kept.
    pub moved_share: Option<f64>,
}

/// The comparison of a saved label set with the current one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub saved_customers: usize,
    pub current_customers: usize,
    pub rfm11: SchemeComparison,
    pub tier: SchemeComparison,
}

impl Comparison {
    pub fn get(&self, scheme: CompareScheme) -> &SchemeComparison {
        match scheme {
            CompareScheme::Rfm11 => &self.rfm11,
            CompareScheme::Tier => &self.tier,
        }
    }
}

/// One customer of the join: the index in the saved set, the index in the current set.
type Pair = (Option<usize>, Option<usize>);

/// The join: per customer of either set, (index in `saved`, index in `current`); the saved set's
/// order, then the customers only in `current` in its order.
fn join(saved: &LabelSet, current: &LabelSet) -> Result<Vec<Pair>, Error> {
    saved.validate("saved labels")?;
    current.validate("current labels")?;
    let mut at: FxHashMap<&str, usize> = FxHashMap::default();
    for (j, id) in current.ids.iter().enumerate() {
        if at.insert(id.as_str(), j).is_some() {
            return Err(Error::Args { what: "current labels", detail: format!("customer id {id:?} repeats") });
        }
    }
    let mut seen = vec![false; current.ids.len()];
    let mut saved_ids: FxHashMap<&str, ()> = FxHashMap::default();
    let mut pairs = Vec::with_capacity(saved.ids.len() + current.ids.len());
    for (i, id) in saved.ids.iter().enumerate() {
        if saved_ids.insert(id.as_str(), ()).is_some() {
            return Err(Error::Args { what: "saved labels", detail: format!("customer id {id:?} repeats") });
        }
        let j = at.get(id.as_str()).copied();
        if let Some(j) = j {
            seen[j] = true;
        }
        pairs.push((Some(i), j));
    }
    pairs.extend((0..current.ids.len()).filter(|&j| !seen[j]).map(|j| (None, Some(j))));
    Ok(pairs)
}

/// The matrix's labels: the current keys, then the saved keys the current set lacks.
fn label_order(saved: &SchemeLabels, current: &SchemeLabels) -> Vec<String> {
    let mut keys = current.keys.clone();
    for k in &saved.keys {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    keys
}

/// Position of each of `from`'s keys in `order`.
fn positions(from: &SchemeLabels, order: &[String]) -> Vec<usize> {
    from.keys.iter().map(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX)).collect()
}

fn compare_scheme(pairs: &[Pair], saved: &SchemeLabels, current: &SchemeLabels) -> Result<SchemeComparison, Error> {
    let labels = label_order(saved, current);
    let (sp, cp) = (positions(saved, &labels), positions(current, &labels));
    let before: Vec<Option<usize>> = pairs.iter().map(|(i, _)| i.map(|i| sp[usize::from(saved.codes[i])])).collect();
    let after: Vec<Option<usize>> = pairs.iter().map(|(_, j)| j.map(|j| cp[usize::from(current.codes[j])])).collect();
    let matrix =
        migration(&labels, &before, &after).map_err(|e| Error::Args { what: "labels", detail: e.to_string() })?;
    let k = labels.len();
    let kept = matrix.labelled_both;
    let stayed = matrix.stayed;
    let new = matrix.rows[k].customers;
    let absent = matrix.later_sizes[k];
    let share = |x: u64| (kept > 0).then(|| x as f64 / kept as f64);
    Ok(SchemeComparison {
        kept,
        stayed,
        moved: kept - stayed,
        new,
        absent,
        stayed_share: share(stayed),
        moved_share: share(kept - stayed),
        matrix,
    })
}

/// Joins `saved` with `current` by customer id and builds every scheme's matrix (see the module
/// docs).
pub fn compare(saved: &LabelSet, current: &LabelSet) -> Result<Comparison, Error> {
    let pairs = join(saved, current)?;
    Ok(Comparison {
        saved_customers: saved.ids.len(),
        current_customers: current.ids.len(),
        rfm11: compare_scheme(&pairs, &saved.labels.rfm11, &current.labels.rfm11)?,
        tier: compare_scheme(&pairs, &saved.labels.tier, &current.labels.tier)?,
    })
}

/// One cell of a matrix: `from: None` is the new row, `to: None` the absent column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct CellRef {
    pub scheme: Option<CompareScheme>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A cell's customers as CSV, with the file name to save it under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellCsv {
    /// `clientele-moved-SCHEME-FROM-to-TO.csv` (`@new` / `@absent` for the apart row and
    /// column), every run of characters other than ASCII letters, digits, `_`, `.` and `-`
    /// replaced by `_`.
    pub name: String,
    pub customers: usize,
    pub csv: String,
}

/// The name of a cell's CSV file.
fn cell_file_name(scheme: CompareScheme, from: Option<&str>, to: Option<&str>) -> String {
    let raw = format!("clientele-moved-{}-{}-to-{}.csv", scheme.key(), from.unwrap_or("@new"), to.unwrap_or("@absent"));
    let mut name = String::with_capacity(raw.len());
    let mut in_run = false;
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
            name.push(c);
            in_run = false;
        } else if !in_run {
            name.push('_');
            in_run = true;
        }
    }
    name
}

/// The customers of one cell as CSV (see the module docs for the columns and order).
pub fn cell_csv(saved: &LabelSet, current: &LabelSet, cell: &CellRef) -> Result<CellCsv, Error> {
    let scheme = cell.scheme.ok_or_else(|| Error::Args { what: "cell", detail: "no scheme".to_owned() })?;
    let pairs = join(saved, current)?;
    let (s, c) = (saved.labels.get(scheme), current.labels.get(scheme));
    let (from, to) = (cell.from.as_deref(), cell.to.as_deref());
    let mut csv = String::from("customer_id,scheme,saved,now\n");
    let mut customers = 0;
    for (i, j) in pairs {
        let was = i.map(|i| s.keys[usize::from(s.codes[i])].as_str());
        let now = j.map(|j| c.keys[usize::from(c.codes[j])].as_str());
        if was != from || now != to {
            continue;
        }
        let id = i.map_or_else(|| &current.ids[j.unwrap_or_default()], |i| &saved.ids[i]);
        let cells =
            [text_cell(id), text_cell(scheme.key()), text_cell(was.unwrap_or("")), text_cell(now.unwrap_or(""))];
        csv.push_str(&cells.join(","));
        csv.push('\n');
        customers += 1;
    }
    Ok(CellCsv { name: cell_file_name(scheme, from, to), customers, csv })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::error::Coded;

    fn set(ids: &[&str], rfm: (&[&str], &[u8]), tier: (&[&str], &[u8])) -> LabelSet {
        let own = |k: &[&str]| k.iter().map(|s| (*s).to_owned()).collect();
        LabelSet {
            ids: own(ids),
            labels: Labels {
                rfm11: SchemeLabels { keys: own(rfm.0), codes: rfm.1.to_vec() },
                tier: SchemeLabels { keys: own(tier.0), codes: tier.1.to_vec() },
            },
        }
    }

    const AB: &[&str] = &["A", "B"];
    const XYZ: &[&str] = &["x", "y", "z"];

    /// Saved: s1..s5; current: s2..s5 again and n1, n2. Counted by hand below.
    fn pair() -> (LabelSet, LabelSet) {
        let saved = set(&["s1", "s2", "s3", "s4", "s5"], (XYZ, &[0, 0, 1, 2, 2]), (AB, &[0, 1, 1, 0, 0]));
        // current order differs from saved: the join must be by id, not position.
        let current = set(&["n1", "s5", "s4", "s3", "s2", "n2"], (XYZ, &[2, 2, 0, 1, 1, 0]), (AB, &[0, 0, 0, 0, 1, 1]));
        (saved, current)
    }

    #[test]
    fn matrix_counted_by_hand() {
        let (saved, current) = pair();
        let c = compare(&saved, &current).unwrap();
        assert_eq!((c.saved_customers, c.current_customers), (5, 6));
        // rfm11: s1 x→absent, s2 x→y, s3 y→y, s4 z→x, s5 z→z, n1 new→z, n2 new→x.
        let r = &c.rfm11;
        assert_eq!(r.matrix.labels, ["x", "y", "z"]);
        let rows: Vec<(Option<usize>, Vec<u64>, u64, u64)> =
            r.matrix.rows.iter().map(|w| (w.from, w.to.clone(), w.no_longer, w.customers)).collect();
        assert_eq!(
            rows,
            [
                (Some(0), vec![0, 1, 0], 1, 2),
                (Some(1), vec![0, 1, 0], 0, 1),
                (Some(2), vec![1, 0, 1], 0, 2),
                (None, vec![1, 0, 1], 0, 2),
            ]
        );
        assert_eq!(r.matrix.later_sizes, [2, 2, 2, 1]);
        assert_eq!((r.kept, r.stayed, r.moved, r.new, r.absent), (4, 2, 2, 2, 1));
        assert_eq!((r.stayed_share, r.moved_share), (Some(0.5), Some(0.5)));
        // tier: s1 A→absent, s2 B→B, s3 B→A, s4 A→A, s5 A→A, n1 new→A, n2 new→B.
        let t = &c.tier;
        assert_eq!((t.kept, t.stayed, t.moved, t.new, t.absent), (4, 3, 1, 2, 1));
        assert_eq!(t.matrix.rows[0].to, [2, 0]);
        assert_eq!(t.matrix.rows[0].no_longer, 1);
        assert_eq!(t.matrix.rows[1].to, [1, 1]);
        assert_eq!(t.matrix.rows[2].to, [1, 1]);
        assert_eq!(t.matrix.later_sizes, [4, 2, 1]);
        assert_eq!(t.stayed_share, Some(0.75));
    }

    #[test]
    fn nobody_kept_has_no_shares() {
        let saved = set(&["a"], (XYZ, &[0]), (AB, &[0]));
        let current = set(&["b"], (XYZ, &[1]), (AB, &[1]));
        let c = compare(&saved, &current).unwrap();
        assert_eq!((c.tier.kept, c.tier.new, c.tier.absent, c.tier.stayed_share), (0, 1, 1, None));
        let empty = compare(&LabelSet::default(), &LabelSet::default()).unwrap();
        assert_eq!((empty.rfm11.kept, empty.rfm11.new, empty.rfm11.absent), (0, 0, 0));
    }

    #[test]
    fn keys_only_saved_are_appended_and_matched_by_name() {
        // The saved record lists its keys in another order and has one the current lacks.
        let saved = set(&["a", "b", "c"], (&["z", "old", "x"], &[0, 1, 2]), (AB, &[0, 0, 0]));
        let current = set(&["a", "b", "c"], (XYZ, &[2, 0, 0]), (AB, &[0, 0, 0]));
        let r = compare(&saved, &current).unwrap().rfm11;
        assert_eq!(r.matrix.labels, ["x", "y", "z", "old"]);
        // a z→z, b old→x, c x→x.
        assert_eq!(r.matrix.rows[0].to, [1, 0, 0, 0]);
        assert_eq!(r.matrix.rows[2].to, [0, 0, 1, 0]);
        assert_eq!(r.matrix.rows[3].to, [1, 0, 0, 0]);
        assert_eq!((r.stayed, r.moved), (2, 1));
    }

    #[test]
    fn bad_sets_are_refused() {
        let (saved, current) = pair();
        let mut short = saved.clone();
        short.labels.tier.codes.pop();
        let mut past = saved.clone();
        past.labels.rfm11.codes[0] = 3;
        let mut twice = saved.clone();
        twice.ids[1] = "s1".to_owned();
        for bad in [short, past, twice] {
            let e = compare(&bad, &current).unwrap_err();
            assert_eq!(e.code(), "internal.bad_args", "{e}");
        }
    }

    #[test]
    fn cell_csv_lists_the_cell_in_join_order() {
        let (saved, current) = pair();
        let cell = |from: Option<&str>, to: Option<&str>| CellRef {
            scheme: Some(CompareScheme::Tier),
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
        };
        let a_a = cell_csv(&saved, &current, &cell(Some("A"), Some("A"))).unwrap();
        assert_eq!(a_a.csv, "customer_id,scheme,saved,now\ns4,tier,A,A\ns5,tier,A,A\n");
        assert_eq!((a_a.customers, a_a.name.as_str()), (2, "clientele-moved-tier-A-to-A.csv"));
        let new_b = cell_csv(&saved, &current, &cell(None, Some("B"))).unwrap();
        assert_eq!(new_b.csv, "customer_id,scheme,saved,now\nn2,tier,,B\n");
        assert_eq!(new_b.name, "clientele-moved-tier-_new-to-B.csv");
        let gone = cell_csv(&saved, &current, &cell(Some("A"), None)).unwrap();
        assert_eq!(gone.csv, "customer_id,scheme,saved,now\ns1,tier,A,\n");
        assert_eq!(gone.name, "clientele-moved-tier-A-to-_absent.csv");
        // Every cell's count equals the matrix's.
        let m = compare(&saved, &current).unwrap().tier.matrix;
        for row in &m.rows {
            let from = row.from.map(|i| m.labels[i].as_str());
            for (k, &n) in row.to.iter().enumerate() {
                let got = cell_csv(&saved, &current, &cell(from, Some(&m.labels[k]))).unwrap();
                assert_eq!(got.customers as u64, n);
            }
        }
    }

    #[test]
    fn label_sets_read_back_from_json() {
        let (saved, _) = pair();
        let text = serde_json::to_string(&saved).unwrap();
        assert!(text.contains(r#""tier":{"keys":["A","B"],"codes":[0,1,1,0,0]}"#), "{text}");
        assert_eq!(serde_json::from_str::<LabelSet>(&text).unwrap(), saved);
        assert!(serde_json::from_str::<LabelSet>(&text.replace("[0,1,1,0,0]", "[0,1,256,0,0]")).is_err());
    }

    #[test]
    fn cell_csv_neutralises_formula_ids() {
        let saved = set(&["=HYPERLINK(\"x\")", "-2,5"], (XYZ, &[0, 0]), (AB, &[0, 0]));
        let current = saved.clone();
        let cell = CellRef { scheme: Some(CompareScheme::Rfm11), from: Some("x".into()), to: Some("x".into()) };
        let out = cell_csv(&saved, &current, &cell).unwrap();
        assert_eq!(
            out.csv,
            "customer_id,scheme,saved,now\n\"'=HYPERLINK(\"\"x\"\")\",rfm11,x,x\n\"'-2,5\",rfm11,x,x\n"
        );
        let odd = cell_file_name(CompareScheme::Rfm11, Some("a b/c"), Some("d"));
        assert_eq!(odd, "clientele-moved-rfm11-a_b_c-to-d.csv");
    }
}
