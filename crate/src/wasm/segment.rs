//! The segment operations of [`super::Analysis`] (see the module docs of `crate::wasm`).
//!
//! `segments(options)` runs [`crate::segment::analyse`] on the kept line items and returns the
//! [`crate::segment::Segmentation`] summaries (what `clientele segments --json` prints). The
//! per-customer [`crate::segment::CustomerTable`] stays in [`State`]: the page reads it page by
//! page with `segmentRows` and exports a segment with `segmentExport`. Both take the same options
//! and recompute only when they differ from the kept ones, so a worker that was replaced (after a
//! cancel) answers the same.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::segment::cluster::{cluster, ClusterInput, ClusterParams};
use crate::segment::lifecycle::{lifecycle_migration, migration, LifecycleParams};
use crate::segment::profile::{profile, store_columns, top_vs_rest, ProfileParams};
use crate::segment::schemes::{EIGHT_CLASSES, NAMED_SEGMENTS};
use crate::segment::{
    self, cohorts, RowQuery, SegmentError, SegmentOptions, SegmentRef, Segmented,
};
use crate::segment::{
    quadrant::QUADRANTS,
    tiers::{TIERS, USAGE},
};

use super::{to_js, Analysis};

/// What the segment operations keep between calls: the last options and their result.
#[derive(Debug, Default)]
pub(super) struct State {
    last: Option<(SegmentOptions, Segmented)>,
}

/// A segment error as the one plain error object (`{code, params, file, row, column, message}`).
fn segment_error(e: &SegmentError) -> JsValue {
    let report = serde_json::json!({
        "code": e.code(), "params": {}, "file": null, "row": null, "column": null, "message": e.to_string(),
    });
    to_js(&report).unwrap_or_else(|e| e)
}

/// Arguments the page sent that are not what the operation takes.
fn bad_args(what: &str, detail: &str) -> JsValue {
    let report = serde_json::json!({
        "code": "segment.bad_args", "params": { "what": what, "detail": detail },
        "file": null, "row": null, "column": null, "message": format!("{what}: {detail}"),
    });
    to_js(&report).unwrap_or_else(|e| e)
}

/// A lifecycle, cohort, cluster or profile error (`code()` and a sentence) as the one plain
/// error object.
fn coded_error(code: &str, message: String) -> JsValue {
    let report = serde_json::json!({
        "code": code, "params": {}, "file": null, "row": null, "column": null, "message": message,
    });
    to_js(&report).unwrap_or_else(|e| e)
}

/// The page's lifecycle request: analysis dates in seconds (shop wall-clock) and thresholds.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct LifecycleArgs {
    earlier: i64,
    later: i64,
    params: LifecycleParams,
}

fn from_js<T: for<'de> Deserialize<'de> + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        serde_wasm_bindgen::from_value(value).map_err(|e| bad_args(what, &e.to_string()))
    }
}

impl Analysis {
    /// The segmentation for `options`, computed unless it is the kept one.
    fn segmented(&mut self, options: JsValue) -> Result<&Segmented, JsValue> {
        let options: SegmentOptions = from_js(options, "segment options")?;
        let fresh = !matches!(&self.segment.last, Some((o, _)) if *o == options);
        if fresh {
            let result =
                segment::analyse(self.session.lines(), &options).map_err(|e| segment_error(&e))?;
            self.segment.last = Some((options, result));
        }
        self.segment
            .last
            .as_ref()
            .map(|(_, s)| s)
            .ok_or_else(|| bad_args("segment options", "no result"))
    }
}

#[wasm_bindgen]
impl Analysis {
    /// The segment summaries for `options` (a [`SegmentOptions`] object in camelCase, or
    /// `undefined` for the defaults).
    pub fn segments(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        to_js(&self.segmented(options)?.summary)
    }

    /// A page of the per-customer table: `query` is a [`RowQuery`] (`{offset, limit, segment:
    /// {scheme, key} | null, sort, descending}`); returns `{total, offset, rows}`.
    #[wasm_bindgen(js_name = segmentRows)]
    pub fn segment_rows(&mut self, options: JsValue, query: JsValue) -> Result<JsValue, JsValue> {
        let query: RowQuery = from_js(query, "row query")?;
        to_js(&self.segmented(options)?.table.rows(&query))
    }

    /// The customers of one segment (`{scheme, key}`) as CSV bytes, built by the core
    /// (formula cells neutralised).
    #[wasm_bindgen(js_name = segmentExport)]
    pub fn segment_export(
        &mut self,
        options: JsValue,
        segment: JsValue,
    ) -> Result<Vec<u8>, JsValue> {
        let segment: SegmentRef = serde_wasm_bindgen::from_value(segment)
            .map_err(|e| bad_args("segment", &e.to_string()))?;
        let query = RowQuery {
            segment: Some(segment),
            ..RowQuery::default()
        };
        Ok(segment::export::csv(&self.segmented(options)?.table, &query).into_bytes())
    }
}

#[wasm_bindgen]
impl Analysis {
    /// Lifecycle stages at `{earlier, later}` (seconds) and the migration matrix between them:
    /// `{earlier, later, matrix}`, each stage summary without its per-customer list.
    #[wasm_bindgen(js_name = segmentLifecycle)]
    pub fn segment_lifecycle(&self, args: JsValue) -> Result<JsValue, JsValue> {
        let a: LifecycleArgs = from_js(args, "lifecycle")?;
        let m = lifecycle_migration(self.session.lines(), a.earlier, a.later, &a.params)
            .map_err(|e| coded_error("segment.lifecycle", e.to_string()))?;
        let out = serde_json::json!({
            "earlier": serde_json::to_value(&m.earlier).map(strip_customers).unwrap_or_default(),
            "later": serde_json::to_value(&m.later).map(strip_customers).unwrap_or_default(),
            "matrix": m.matrix,
        });
        to_js(&out)
    }

    /// Monthly acquisition cohorts up to `as_of` (seconds).
    #[wasm_bindgen(js_name = segmentCohorts)]
    pub fn segment_cohorts(&self, as_of: f64) -> Result<JsValue, JsValue> {
        to_js(&cohorts::cohorts(self.session.lines(), as_of as i64))
    }

    /// k-means++ clusters on the R, F, M of the segmentation for `options`. `args` is `{k?,
    /// seed?}`: the seed as a decimal string (a u64 does not fit a JS number), absent to draw one.
    /// The result leaves out the per-customer labels and gives the seed as a string.
    #[wasm_bindgen(js_name = segmentClusters)]
    pub fn segment_clusters(
        &mut self,
        options: JsValue,
        args: JsValue,
    ) -> Result<JsValue, JsValue> {
        let args: ClusterArgs = from_js(args, "cluster settings")?;
        let mut params = ClusterParams {
            k: args.k,
            ..ClusterParams::default()
        };
        if let Some(seed) = args
            .seed
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            params.seed = Some(seed.parse().map_err(|_| {
                bad_args(
                    "seed",
                    "must be a whole number from 0 to 18446744073709551615",
                )
            })?);
        }
        let facts = &self.segmented(options)?.table.facts;
        let r: Vec<f64> = facts.iter().map(|f| f64::from(f.recency_days)).collect();
        let f: Vec<f64> = facts.iter().map(|f| f64::from(f.orders)).collect();
        let m: Vec<f64> = facts.iter().map(|f| f.monetary).collect();
        let input = ClusterInput {
            recency_days: &r,
            frequency: &f,
            monetary: &m,
            extra: Vec::new(),
        };
        let c = cluster(&input, &params).map_err(|e| coded_error(e.code(), e.to_string()))?;
        let mut v = serde_json::to_value(&c).map_err(|e| bad_args("result", &e.to_string()))?;
        if let Some(o) = v.as_object_mut() {
            o.remove("labels");
            o.insert("seed".into(), c.seed.to_string().into());
            if let Some(p) = o.get_mut("params").and_then(|p| p.as_object_mut()) {
                p.insert("seed".into(), params.seed.map(|s| s.to_string()).into());
            }
        }
        to_js(&v)
    }
}

/// The page's attribute-profile request.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ProfileArgs {
    /// `rfm11`, `rfm8`, `tier`, `usage` or `quadrant`.
    scheme: String,
    /// The analysis date, seconds (for age bands and the main channel).
    as_of: i64,
    params: ProfileParams,
}

/// The page's cluster request.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ClusterArgs {
    k: Option<usize>,
    seed: Option<String>,
}

#[wasm_bindgen]
impl Analysis {
    /// Attribute profiling of one scheme (`{scheme, asOf, params}`) for the segmentation of
    /// `options`: `{available, profile, topVsRest}`; `available` is false when the files carry no
    /// customer attributes or channels.
    #[wasm_bindgen(js_name = segmentProfile)]
    pub fn segment_profile(&mut self, options: JsValue, args: JsValue) -> Result<JsValue, JsValue> {
        let a: ProfileArgs = from_js(args, "profile")?;
        let columns = store_columns(self.session.lines(), a.as_of);
        let n = self.session.lines().customers.len();
        let table = &self.segmented(options)?.table;
        let (names, pick) = scheme_labels(table, &a.scheme)?;
        let mut labels = vec![None; n];
        let mut in_top = vec![None; n];
        for (i, f) in table.facts.iter().enumerate() {
            if let Some(slot) = labels.get_mut(f.customer as usize) {
                *slot = Some(usize::from(pick[i]));
                in_top[f.customer as usize] = Some(table.tier[i] == 0);
            }
        }
        if columns.is_empty() {
            return to_js(&serde_json::json!({ "available": false }));
        }
        let p = profile(&names, &labels, &columns, &a.params)
            .map_err(|e| coded_error("segment.profile", e.to_string()))?;
        let top = top_vs_rest(&in_top, &columns, &a.params)
            .map_err(|e| coded_error("segment.profile", e.to_string()))?;
        to_js(&serde_json::json!({ "available": true, "profile": p, "topVsRest": top }))
    }
}

/// The segment names of a scheme and each customer's index into them (fact-table order).
fn scheme_labels<'t>(
    table: &'t segment::CustomerTable,
    scheme: &str,
) -> Result<(Vec<String>, &'t [u8]), JsValue> {
    let names = |keys: &[&str]| keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>();
    Ok(match scheme {
        "rfm11" => (
            NAMED_SEGMENTS
                .iter()
                .map(|(k, _)| (*k).to_owned())
                .collect(),
            &table.rfm11,
        ),
        "rfm8" => (names(&EIGHT_CLASSES), &table.rfm8),
        "tier" => (names(&TIERS), &table.tier),
        "usage" => (names(&USAGE), &table.usage),
        "quadrant" => (names(&QUADRANTS), &table.quadrant),
        _ => {
            return Err(bad_args(
                "scheme",
                "must be rfm11, rfm8, tier, usage or quadrant",
            ))
        }
    })
}

/// Each customer id's label (`None`: not a customer in that segmentation).
fn labels_by_id(table: &segment::CustomerTable, pick: &[u8], n: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; n];
    for (i, f) in table.facts.iter().enumerate() {
        if let Some(slot) = out.get_mut(f.customer as usize) {
            *slot = Some(usize::from(pick[i]));
        }
    }
    out
}

/// The page's migration request for a segment scheme.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct MigrationArgs {
    scheme: String,
    /// The earlier analysis date, seconds; the later one is the options' date.
    earlier: i64,
}

#[wasm_bindgen]
impl Analysis {
    /// The migration matrix of a scheme (`{scheme, earlier}`) between the segmentation of
    /// `options` at an earlier analysis date and at the options' own date (the same settings
    /// otherwise; scores are re-binned at each date).
    #[wasm_bindgen(js_name = segmentMigration)]
    pub fn segment_migration(
        &mut self,
        options: JsValue,
        args: JsValue,
    ) -> Result<JsValue, JsValue> {
        let a: MigrationArgs = from_js(args, "migration")?;
        let n = self.session.lines().customers.len();
        let (names, after) = {
            let later = &self.segmented(options)?;
            let (names, pick) = scheme_labels(&later.table, &a.scheme)?;
            (names, labels_by_id(&later.table, pick, n))
        };
        let mut earlier_options = self
            .segment
            .last
            .as_ref()
            .map(|(o, _)| o.clone())
            .unwrap_or_default();
        earlier_options.facts.as_of = Some(a.earlier);
        let earlier = segment::analyse(self.session.lines(), &earlier_options)
            .map_err(|e| segment_error(&e))?;
        let (_, pick) = scheme_labels(&earlier.table, &a.scheme)?;
        let before = labels_by_id(&earlier.table, pick, n);
        let m =
            migration(&names, &before, &after).map_err(|e| coded_error(e.code(), e.to_string()))?;
        to_js(&m)
    }
}

fn strip_customers(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("customers");
    }
    v
}
