//! The segment operations of [`super::Analysis`]: each is one [`crate::Workspace`] call. The
//! per-customer table stays in the workspace and is read page by page (`segmentRows`).
//!
//! | method | returns |
//! |---|---|
//! | `segments(options)` | the [`crate::segment::Segmentation`] summaries (`clientele segments --json`) |
//! | `segmentRows(options, query)` | a [`crate::segment::RowPage`] |
//! | `segmentLabels(options, offset, limit)` | a [`crate::segment::labels::LabelPage`] |
//! | `segmentExport(options, {scheme, key})` | the segment's customers as CSV bytes |
//! | `segmentLifecycle({earlier, later, params})` | a [`crate::segment::views::LifecycleView`] |
//! | `segmentCohorts(asOf)` | [`crate::segment::cohorts::Cohorts`] |
//! | `segmentClusters(options, {k?, seed?})` | the clustering, seeds as strings, no labels |
//! | `segmentProfile(options, {scheme, asOf, params})` | a [`crate::segment::views::ProfileView`] |
//! | `segmentMigration(options, {scheme, earlier})` | a [`crate::segment::lifecycle::Migration`] |

use wasm_bindgen::prelude::*;

use super::{err, from_js, to_js, Analysis};
use crate::segment::{SegmentOptions, SegmentRef};
use crate::Error;

#[wasm_bindgen]
impl Analysis {
    /// The segment summaries for `options` (a [`SegmentOptions`] object in camelCase, or
    /// `undefined` for the defaults).
    pub fn segments(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let options: SegmentOptions = from_js(options, "segment options")?;
        to_js(&self.ws.segmented(&options).map_err(err)?.summary)
    }

    /// A page of the per-customer table (`{offset, limit, segment: {scheme, key} | null, sort,
    /// descending}`); returns `{total, offset, rows}`.
    #[wasm_bindgen(js_name = segmentRows)]
    pub fn segment_rows(&mut self, options: JsValue, query: JsValue) -> Result<JsValue, JsValue> {
        let (options, query) = (from_js(options, "segment options")?, from_js(query, "row query")?);
        to_js(&self.ws.segment_rows(&options, &query).map_err(err)?)
    }

    /// A window of every customer's id, RFM segment and value tier, as columns (`{total,
    /// offset, ids, rfm11, tier, rfm11Keys, tierKeys}`): what the period comparison keeps.
    #[wasm_bindgen(js_name = segmentLabels)]
    pub fn segment_labels(&mut self, options: JsValue, offset: u32, limit: u32) -> Result<JsValue, JsValue> {
        let options = from_js(options, "segment options")?;
        to_js(&self.ws.segment_labels(&options, offset as usize, limit as usize).map_err(err)?)
    }

    /// The customers of one segment (`{scheme, key}`) as CSV bytes (formula cells neutralised).
    #[wasm_bindgen(js_name = segmentExport)]
    pub fn segment_export(&mut self, options: JsValue, segment: JsValue) -> Result<Vec<u8>, JsValue> {
        let options = from_js(options, "segment options")?;
        let segment: SegmentRef = serde_wasm_bindgen::from_value(segment)
            .map_err(|e| err(Error::Args { what: "segment", detail: e.to_string() }))?;
        Ok(self.ws.segment_export(&options, segment).map_err(err)?.into_bytes())
    }

    /// Lifecycle stages at `{earlier, later}` (seconds) and the migration matrix between them.
    #[wasm_bindgen(js_name = segmentLifecycle)]
    pub fn segment_lifecycle(&self, args: JsValue) -> Result<JsValue, JsValue> {
        to_js(&self.ws.segment_lifecycle(&from_js(args, "lifecycle")?).map_err(err)?)
    }

    /// Monthly acquisition cohorts up to `as_of` (seconds).
    #[wasm_bindgen(js_name = segmentCohorts)]
    pub fn segment_cohorts(&self, as_of: f64) -> Result<JsValue, JsValue> {
        to_js(&self.ws.segment_cohorts(as_of as i64).map_err(err)?)
    }

    /// k-means++ clusters on the R, F, M of the segmentation for `options`; `args` is `{k?,
    /// seed?}` with the seed as a decimal string.
    #[wasm_bindgen(js_name = segmentClusters)]
    pub fn segment_clusters(&mut self, options: JsValue, args: JsValue) -> Result<JsValue, JsValue> {
        let (options, args) = (from_js(options, "segment options")?, from_js(args, "cluster settings")?);
        to_js(&self.ws.segment_clusters(&options, &args).map_err(err)?.summary_json())
    }

    /// Attribute profiling of one scheme (`{scheme, asOf, params}`) for the segmentation of
    /// `options`: `{available, profile, topVsRest}`.
    #[wasm_bindgen(js_name = segmentProfile)]
    pub fn segment_profile(&mut self, options: JsValue, args: JsValue) -> Result<JsValue, JsValue> {
        let (options, args) = (from_js(options, "segment options")?, from_js(args, "profile")?);
        to_js(&self.ws.segment_profile(&options, &args).map_err(err)?)
    }

    /// The migration matrix of a scheme (`{scheme, earlier}`) between an earlier analysis date
    /// and the options' own.
    #[wasm_bindgen(js_name = segmentMigration)]
    pub fn segment_migration(&mut self, options: JsValue, args: JsValue) -> Result<JsValue, JsValue> {
        let (options, args) = (from_js(options, "segment options")?, from_js(args, "migration")?);
        to_js(&self.ws.segment_migration(&options, &args).map_err(err)?)
    }
}
