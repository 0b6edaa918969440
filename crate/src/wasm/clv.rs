//! The clv operations of [`super::Analysis`] (see the module docs of `crate::wasm`).
//!
//! `clvFit(args)` runs [`crate::clv::analyse`] on the kept line items and returns the
//! [`crate::clv::ClvReport`] (what `clientele clv --json` prints) without its per-customer
//! columns: the customer table and the per-customer holdout arrays stay in [`State`], and the
//! page reads the table page by page with `clvRows`.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::clv::{self, summary::purchase_columns, ClvOptions, ClvReport, CustomerTable, TimeUnit};
use crate::ingest::values::{parse_datetime, DAY};

use super::{to_js, Analysis};

/// What the clv operations keep between calls: the customer table of the last fit and row
/// orders already sorted.
#[derive(Debug, Default)]
pub(super) struct State {
    table: CustomerTable,
    /// (sort column, order of rows) for the last sorts asked.
    orders: Vec<(String, Vec<u32>)>,
}

/// The page's fit request (camelCase).
#[derive(Debug, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct FitArgs {
    unit: TimeUnit,
    /// `YYYY-MM-DD`, `"auto"` (halfway between the first purchase and the last day) or null.
    holdout_start: Option<String>,
    horizon_months: u32,
    monthly_discount: f64,
    pareto_nbd: bool,
}

impl Default for FitArgs {
    fn default() -> Self {
        let d = ClvOptions::default();
        FitArgs { unit: d.unit, holdout_start: None, horizon_months: d.horizon_months, monthly_discount: d.monthly_discount, pareto_nbd: false }
    }
}

/// A page of the customer table.
#[derive(Debug, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RowQuery {
    offset: usize,
    limit: usize,
    /// A column name of [`Row`]; default the table order.
    sort: Option<String>,
    descending: bool,
}

impl Default for RowQuery {
    fn default() -> Self {
        RowQuery { offset: 0, limit: 50, sort: None, descending: true }
    }
}

/// One customer of the table.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    frequency: f64,
    recency: f64,
    #[serde(rename = "T")]
    t: f64,
    monetary: f64,
    expected_purchases: f64,
    p_alive: f64,
    expected_spend: Option<f64>,
    clv: Option<f64>,
}

fn coded_error(code: &str, params: serde_json::Value, message: String) -> JsValue {
    let report = serde_json::json!({
        "code": code, "params": params, "file": null, "row": null, "column": null, "message": message,
    });
    to_js(&report).unwrap_or_else(|e| e)
}

fn bad_args(detail: &str) -> JsValue {
    coded_error("clv.bad_args", serde_json::json!({ "detail": detail }), format!("invalid CLV arguments: {detail}"))
}

/// The column `name` of the table, for sorting.
fn column<'a>(t: &'a CustomerTable, name: &str) -> Option<&'a [f64]> {
    let p = &t.predictions;
    Some(match name {
        "frequency" => &t.frequency,
        "recency" => &t.recency,
        "T" => &t.t,
        "monetary" => &t.monetary,
        "expected_purchases" => &p.expected_purchases,
        "p_alive" => &p.p_alive,
        "expected_spend" => &p.expected_spend,
        "clv" => &p.clv,
        _ => return None,
    })
}

#[wasm_bindgen]
impl Analysis {
    /// Fits the CLV models: `args` = `{unit: 'weeks'|'days', holdoutStart: 'YYYY-MM-DD'|'auto'|null,
    /// horizonMonths, monthlyDiscount, paretoNbd}`; returns the report without its per-customer
    /// columns (read them with `clvRows`); `customer_table` is `{rows}`, the table length.
    #[wasm_bindgen(js_name = clvFit)]
    pub fn clv_fit(&mut self, args: JsValue) -> Result<JsValue, JsValue> {
        let args: FitArgs = if args.is_undefined() || args.is_null() {
            FitArgs::default()
        } else {
            serde_wasm_bindgen::from_value(args).map_err(|e| bad_args(&e.to_string()))?
        };
        let lines = self.session.lines();
        let holdout_start = match args.holdout_start.as_deref() {
            None | Some("") => None,
            Some("auto") => {
                let (_, t, _) = purchase_columns(lines);
                let (lo, hi) = (t.iter().copied().min(), t.iter().copied().max());
                lo.zip(hi).map(|(lo, hi)| (lo.div_euclid(DAY) + (hi.div_euclid(DAY) - lo.div_euclid(DAY) + 1) / 2) * DAY)
            }
            Some(s) => Some(parse_datetime(s).ok_or_else(|| {
                coded_error("clv.bad_date", serde_json::json!({ "value": s }), format!("{s:?} is not a date (use YYYY-MM-DD)"))
            })?),
        };
        let options = ClvOptions {
            unit: args.unit,
            holdout_start,
            horizon_months: args.horizon_months,
            monthly_discount: args.monthly_discount,
            pareto_nbd: args.pareto_nbd,
            ..ClvOptions::default()
        };
        let mut report: ClvReport =
            clv::analyse(lines, &options).map_err(|e| coded_error(e.code(), serde_json::json!({}), e.to_string()))?;
        self.clv.table = std::mem::take(&mut report.customer_table);
        self.clv.orders.clear();
        if let Some(v) = report.validation.as_mut() {
            v.validation.holdout_actual = Vec::new();
            v.validation.holdout_predicted = Vec::new();
        }
        let mut value = serde_json::to_value(&report).map_err(|e| bad_args(&e.to_string()))?;
        value["customer_table"] = serde_json::json!({ "rows": self.clv.table.id.len() });
        to_js(&value)
    }

    /// A page of the customer table of the last `clvFit`: `{offset, limit, sort, descending}` →
    /// `{total, offset, rows: [{id, frequency, recency, T, monetary, expected_purchases, p_alive,
    /// expected_spend, clv}]}`. Sorting is by value with NaN last and the table order as the
    /// tie-break.
    #[wasm_bindgen(js_name = clvRows)]
    pub fn clv_rows(&mut self, query: JsValue) -> Result<JsValue, JsValue> {
        let q: RowQuery = if query.is_undefined() || query.is_null() {
            RowQuery::default()
        } else {
            serde_wasm_bindgen::from_value(query).map_err(|e| bad_args(&e.to_string()))?
        };
        let st = &mut self.clv;
        let t = &st.table;
        let n = t.id.len();
        let order: Vec<u32> = match q.sort.as_deref() {
            None | Some("") | Some("id") => (0..n as u32).collect(),
            Some(name) => {
                let key = format!("{name}:{}", q.descending);
                if let Some((_, o)) = st.orders.iter().find(|(k, _)| *k == key) {
                    o.clone()
                } else {
                    let col = column(t, name).ok_or_else(|| bad_args("unknown sort column"))?;
                    let mut o: Vec<u32> = (0..n as u32).collect();
                    let val = |i: u32| col.get(i as usize).copied().unwrap_or(f64::NAN);
                    o.sort_by(|&i, &j| {
                        let (a, b) = (val(i), val(j));
                        match (a.is_nan(), b.is_nan()) {
                            (true, false) => std::cmp::Ordering::Greater,
                            (false, true) => std::cmp::Ordering::Less,
                            _ => if q.descending { b.total_cmp(&a) } else { a.total_cmp(&b) },
                        }
                        .then(i.cmp(&j))
                    });
                    st.orders.push((key, o.clone()));
                    o
                }
            }
        };
        let p = &t.predictions;
        let rows: Vec<Row> = order
            .iter()
            .skip(q.offset)
            .take(q.limit.min(1000))
            .map(|&i| {
                let i = i as usize;
                Row {
                    id: &t.id[i],
                    frequency: t.frequency[i],
                    recency: t.recency[i],
                    t: t.t[i],
                    monetary: t.monetary[i],
                    expected_purchases: p.expected_purchases[i],
                    p_alive: p.p_alive[i],
                    expected_spend: p.expected_spend.get(i).copied(),
                    clv: p.clv.get(i).copied(),
                }
            })
            .collect();
        to_js(&serde_json::json!({ "total": n, "offset": q.offset, "rows": rows }))
    }
}
