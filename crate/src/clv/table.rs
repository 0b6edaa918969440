//! What the page asks of the lifetime-value models: the fit request as the user sets it
//! ([`ClvRequest`], with an `"auto"` holdout), and the per-customer table read window by window
//! ([`TableView`]), sorted in the core.

use crate::sort;
use serde::{Deserialize, Serialize};

use super::summary::purchase_columns;
use super::{ClvError, ClvOptions, ClvReport, CustomerTable, TimeUnit};
use crate::model::LineItems;
use crate::time::{parse_iso_day, DAY};

/// The fit settings as the page (or a saved setting) gives them; defaults are [`ClvOptions`]'.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClvRequest {
    pub unit: TimeUnit,
    /// `YYYY-MM-DD`; `"auto"` for the middle day between the first purchase and the last day
    /// ([`auto_holdout_start`]); absent or empty for no validation.
    pub holdout_start: Option<String>,
    pub horizon_months: u32,
    pub monthly_discount: f64,
    pub pareto_nbd: bool,
}

impl Default for ClvRequest {
    fn default() -> Self {
        let d = ClvOptions::default();
        ClvRequest {
            unit: d.unit,
            holdout_start: None,
            horizon_months: d.horizon_months,
            monthly_discount: d.monthly_discount,
            pareto_nbd: d.pareto_nbd,
        }
    }
}

impl ClvRequest {
    /// The options of [`super::analyse`] for these settings on `lines`.
    pub fn options(&self, lines: &LineItems) -> Result<ClvOptions, ClvError> {
        let holdout_start = match self.holdout_start.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("auto") => auto_holdout_start(lines),
            Some(s) => Some(parse_iso_day(s).ok_or_else(|| ClvError::BadDate { value: s.to_owned() })?),
        };
        Ok(ClvOptions {
            unit: self.unit,
            holdout_start,
            horizon_months: self.horizon_months,
            monthly_discount: self.monthly_discount,
            pareto_nbd: self.pareto_nbd,
            ..ClvOptions::default()
        })
    }
}

/// The automatic holdout start: midnight of the middle day between the first purchase day and
/// the last one (of `n` days, day `n / 2` counting from 0, rounded up), so calibration and
/// holdout are about equally long. `None` when there is no purchase by a customer.
pub fn auto_holdout_start(lines: &LineItems) -> Option<i64> {
    let (_, t, _) = purchase_columns(lines);
    let (lo, hi) = (t.iter().copied().min()?, t.iter().copied().max()?);
    let (first, last) = (lo.div_euclid(DAY), hi.div_euclid(DAY));
    Some((first + (last - first + 1) / 2) * DAY)
}

impl ClvReport {
    /// Splits the report for a window-by-window reader: the report as JSON, with
    /// `customer_table` replaced by `{rows}` and the per-customer holdout arrays left out, and
    /// the table itself.
    pub fn into_summary(mut self) -> (serde_json::Value, CustomerTable) {
        let table = std::mem::take(&mut self.customer_table);
        if let Some(v) = self.validation.as_mut() {
            v.validation.holdout_actual = Vec::new();
            v.validation.holdout_predicted = Vec::new();
        }
        let mut value = serde_json::to_value(&self).unwrap_or(serde_json::Value::Null);
        value["customer_table"] = serde_json::json!({ "rows": table.id.len() });
        (value, table)
    }
}

/// A window of the customer table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TableQuery {
    pub offset: usize,
    /// Rows returned, at most 1,000.
    pub limit: usize,
    /// A column of [`TableRow`]; `None` or `id` for the table order.
    pub sort: Option<String>,
    pub descending: bool,
}

impl Default for TableQuery {
    fn default() -> Self {
        TableQuery { offset: 0, limit: 50, sort: None, descending: true }
    }
}

/// One customer of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableRow<'a> {
    pub id: &'a str,
    pub frequency: f64,
    pub recency: f64,
    #[serde(rename = "T")]
    pub t: f64,
    pub monetary: f64,
    pub expected_purchases: f64,
    pub p_alive: f64,
    pub expected_spend: Option<f64>,
    pub clv: Option<f64>,
}

/// A window of rows and the table's length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TablePage<'a> {
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<TableRow<'a>>,
}

/// The customer table of a fit, with the row orders of the sorts already asked for.
#[derive(Debug, Default)]
pub struct TableView {
    table: CustomerTable,
    /// (column, descending, row order).
    orders: Vec<(String, bool, Vec<u32>)>,
}

impl TableView {
    pub fn new(table: CustomerTable) -> TableView {
        TableView { table, orders: Vec::new() }
    }

    /// Rows in the table.
    pub fn len(&self) -> usize {
        self.table.id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.id.is_empty()
    }

    /// A window of rows. Sorting is by value with NaN last whatever the direction, and the
    /// table order as the tie-break; an unknown column is [`ClvError::BadSort`].
    pub fn page(&mut self, q: &TableQuery) -> Result<TablePage<'_>, ClvError> {
        let n = self.len();
        let order: Option<usize> = match q.sort.as_deref() {
            None | Some("") | Some("id") => None,
            Some(name) => Some(self.order(name, q.descending)?),
        };
        let t = &self.table;
        let p = &t.predictions;
        let row = |i: usize| TableRow {
            id: &t.id[i],
            frequency: t.frequency[i],
            recency: t.recency[i],
            t: t.t[i],
            monetary: t.monetary[i],
            expected_purchases: p.expected_purchases[i],
            p_alive: p.p_alive[i],
            expected_spend: p.expected_spend.get(i).copied(),
            clv: p.clv.get(i).copied(),
        };
        let limit = q.limit.min(1000);
        let rows = match order {
            None => (q.offset.min(n)..n).take(limit).map(row).collect(),
            Some(k) => self.orders[k].2.iter().skip(q.offset).take(limit).map(|&i| row(i as usize)).collect(),
        };
        Ok(TablePage { total: n, offset: q.offset, rows })
    }

    /// The index in `orders` of the order by `name`, sorted now if it was not asked before.
    fn order(&mut self, name: &str, descending: bool) -> Result<usize, ClvError> {
        if let Some(k) = self.orders.iter().position(|(c, d, _)| c == name && *d == descending) {
            return Ok(k);
        }
        let t = &self.table;
        let p = &t.predictions;
        let col: &[f64] = match name {
            "frequency" => &t.frequency,
            "recency" => &t.recency,
            "T" => &t.t,
            "monetary" => &t.monetary,
            "expected_purchases" => &p.expected_purchases,
            "p_alive" => &p.p_alive,
            "expected_spend" => &p.expected_spend,
            "clv" => &p.clv,
            _ => return Err(ClvError::BadSort { column: name.to_owned() }),
        };
        let val = |i: u32| col.get(i as usize).copied().unwrap_or(f64::NAN);
        let mut o: Vec<u32> = (0..self.len() as u32).collect();
        sort::sort_by(&mut o, |&i, &j| {
            let (a, b) = (val(i), val(j));
            match (a.is_nan(), b.is_nan()) {
                (true, false) => std::cmp::Ordering::Greater,
                (false, true) => std::cmp::Ordering::Less,
                _ if descending => b.total_cmp(&a),
                _ => a.total_cmp(&b),
            }
            .then(i.cmp(&j))
        });
        self.orders.push((name.to_owned(), descending, o));
        Ok(self.orders.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> TableView {
        let mut t = CustomerTable {
            id: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            frequency: vec![1.0, 3.0, 0.0, 3.0],
            recency: vec![1.0; 4],
            t: vec![2.0; 4],
            monetary: vec![5.0, 7.0, 0.0, 1.0],
            ..CustomerTable::default()
        };
        t.predictions.expected_purchases = vec![0.5, 1.5, 0.1, 1.5];
        t.predictions.p_alive = vec![0.9, f64::NAN, 0.2, 0.8];
        TableView::new(t)
    }

    fn ids(p: &TablePage<'_>) -> Vec<String> {
        p.rows.iter().map(|r| r.id.to_owned()).collect()
    }

    #[test]
    fn pages_sort_with_nan_last_and_table_order_on_ties() {
        let mut v = view();
        let q = |sort: &str, descending| TableQuery { sort: Some(sort.into()), descending, ..TableQuery::default() };
        assert_eq!(ids(&v.page(&q("frequency", true)).unwrap()), ["b", "d", "a", "c"]);
        assert_eq!(ids(&v.page(&q("frequency", false)).unwrap()), ["c", "a", "b", "d"]);
        assert_eq!(ids(&v.page(&q("p_alive", true)).unwrap()), ["a", "d", "c", "b"]);
        assert_eq!(ids(&v.page(&q("p_alive", false)).unwrap()), ["c", "d", "a", "b"]);
        let window = v.page(&TableQuery { offset: 1, limit: 2, ..q("frequency", true) }).unwrap();
        assert_eq!((window.total, window.offset, ids(&window)), (4, 1, vec!["d".to_owned(), "a".to_owned()]));
        assert_eq!(ids(&v.page(&TableQuery { offset: 3, ..TableQuery::default() }).unwrap()), ["d"]);
        assert_eq!(v.page(&TableQuery { offset: 9, ..TableQuery::default() }).unwrap().rows.len(), 0);
        assert_eq!(v.page(&q("nope", true)).unwrap_err().code(), "clv.bad_sort");
        // No spend model: the optional columns are absent, not NaN.
        assert_eq!(v.page(&TableQuery::default()).unwrap().rows[0].clv, None);
    }

    #[test]
    fn a_typed_holdout_date_is_checked() {
        let lines = LineItems::default();
        let r = ClvRequest { holdout_start: Some("2011-13-01".into()), ..ClvRequest::default() };
        assert_eq!(r.options(&lines).unwrap_err().code(), "clv.bad_date");
        let r = ClvRequest { holdout_start: Some("2011-06-01".into()), ..ClvRequest::default() };
        assert_eq!(r.options(&lines).unwrap().holdout_start, Some(crate::time::days_from_civil(2011, 6, 1) * DAY));
        assert_eq!(ClvRequest::default().options(&lines).unwrap().holdout_start, None);
        assert_eq!(auto_holdout_start(&lines), None);
    }
}
