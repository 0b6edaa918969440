//! The basket operations of [`super::Analysis`]: each is one [`crate::Workspace`] call with the
//! page's [`BasketSettings`] (and [`SequenceSettings`]); the workspace mines again only when they
//! differ from the kept ones. Rules stay in the core and are read by window. Results are the
//! core's plain serde data (snake_case, as `clientele rules --json` prints them).
//!
//! | method | returns |
//! |---|---|
//! | `basketPrepare(settings)` | baskets, items, exclusion suggestions, top items |
//! | `basketMine(settings, progress?)` | the run's summary (the `RulesReport` without its rules) |
//! | `basketRules(settings, query)` | a [`crate::basket::RulePage`] |
//! | `basketRulesCsv(settings, query)` | every matching rule as CSV bytes |
//! | `basketItems(settings, top)` | the most frequent items |
//! | `basketSequences(settings, seqSettings, query, progress?)` | the sequences summary and a page of sequence rules |
//! | `basketRecommendationsCsv(settings, seqSettings, topN)` | next-best products per customer as CSV bytes |
//! | `basketCompare(settings, segmentOptions, {scheme, a, b})` | rules mined within two segments, by lift difference |
//!
//! [`BasketSettings`]: crate::basket::workbench::BasketSettings
//! [`SequenceSettings`]: crate::basket::workbench::SequenceSettings

use wasm_bindgen::prelude::*;

use super::{err, from_js, to_js, Analysis};
use crate::basket::workbench::BasketSettings;
use crate::basket::Progress;

/// A progress callback for the core from an optional JS function `({phase, done, total, found})`.
/// The page cancels by terminating the worker, so this never asks the core to stop.
fn progress_fn(progress: &JsValue) -> impl FnMut(Progress) -> bool + '_ {
    move |p: Progress| {
        if let Some(f) = progress.dyn_ref::<js_sys::Function>() {
            if let Ok(v) = to_js(&p) {
                let _ = f.call1(&JsValue::NULL, &v);
            }
        }
        true
    }
}

fn settings(value: JsValue) -> Result<BasketSettings, JsValue> {
    from_js(value, "basket settings")
}

#[wasm_bindgen]
impl Analysis {
    /// The baskets for `{items, exclude}` before mining.
    #[wasm_bindgen(js_name = basketPrepare)]
    pub fn basket_prepare(&mut self, settings_: JsValue) -> Result<JsValue, JsValue> {
        to_js(&self.ws.basket_prepare(&settings(settings_)?).map_err(err)?)
    }

    /// Mines itemsets and rules with `settings`; `progress`, if a function, gets `{phase, done,
    /// total, found}`.
    #[wasm_bindgen(js_name = basketMine)]
    pub fn basket_mine(&mut self, settings_: JsValue, progress: JsValue) -> Result<JsValue, JsValue> {
        let s = settings(settings_)?;
        to_js(&self.ws.basket_mine(&s, &mut progress_fn(&progress)).map_err(err)?)
    }

    /// A window of the rules of `settings`.
    #[wasm_bindgen(js_name = basketRules)]
    pub fn basket_rules(&mut self, settings_: JsValue, query: JsValue) -> Result<JsValue, JsValue> {
        let (s, q) = (settings(settings_)?, from_js(query, "rule query")?);
        to_js(&self.ws.basket_rules(&s, &q).map_err(err)?)
    }

    /// Every rule matching `query`, in its order, as UTF-8 CSV (formula-safe cells).
    #[wasm_bindgen(js_name = basketRulesCsv)]
    pub fn basket_rules_csv(&mut self, settings_: JsValue, query: JsValue) -> Result<Vec<u8>, JsValue> {
        let (s, q) = (settings(settings_)?, from_js(query, "rule query")?);
        Ok(self.ws.basket_rules_csv(&s, &q).map_err(err)?.into_bytes())
    }

    /// The `top` most frequent items of the baskets of `settings` (after exclusions).
    #[wasm_bindgen(js_name = basketItems)]
    pub fn basket_items(&mut self, settings_: JsValue, top: u32) -> Result<JsValue, JsValue> {
        to_js(&self.ws.basket_items(&settings(settings_)?, top as usize).map_err(err)?)
    }

    /// Sequential patterns per customer on the baskets of `settings`, and a window `{search,
    /// offset, limit}` of the sequence rules.
    #[wasm_bindgen(js_name = basketSequences)]
    pub fn basket_sequences(
        &mut self,
        settings_: JsValue,
        seq_settings: JsValue,
        query: JsValue,
        progress: JsValue,
    ) -> Result<JsValue, JsValue> {
        let s = settings(settings_)?;
        let (ss, q) = (from_js(seq_settings, "sequence settings")?, from_js(query, "sequence query")?);
        to_js(&self.ws.basket_sequences(&s, &ss, &q, &mut progress_fn(&progress)).map_err(err)?)
    }

    /// Up to `top_n` next-best products per customer, as CSV bytes.
    #[wasm_bindgen(js_name = basketRecommendationsCsv)]
    pub fn basket_recommendations_csv(
        &mut self,
        settings_: JsValue,
        seq_settings: JsValue,
        top_n: u32,
    ) -> Result<Vec<u8>, JsValue> {
        let (s, ss) = (settings(settings_)?, from_js(seq_settings, "sequence settings")?);
        Ok(self.ws.basket_recommendations_csv(&s, &ss, top_n as usize).map_err(err)?.into_bytes())
    }

    /// Rules mined within segment `a` and within segment `b` of a scheme (`{scheme, a, b,
    /// limit?}`) of the segmentation with `segment_options`, ordered by how much their lift
    /// differs.
    #[wasm_bindgen(js_name = basketCompare)]
    pub fn basket_compare(
        &mut self,
        settings_: JsValue,
        segment_options: JsValue,
        which: JsValue,
    ) -> Result<JsValue, JsValue> {
        let s = settings(settings_)?;
        let (o, w) = (from_js(segment_options, "segment options")?, from_js(which, "segments to compare")?);
        to_js(&self.ws.basket_compare(&s, &o, &w).map_err(err)?)
    }
}
