//! A file's body read in ranges by the page's range workers (issue 16): the protocol of
//! `crate::ingest::session::ranges`, one method each.

use wasm_bindgen::prelude::*;

use super::{to_js, Analysis};
use crate::ingest::HEAD_INSIDE_RECORD;

#[wasm_bindgen]
impl Analysis {
    /// `null` when the open file, after the bytes pushed so far, can be read in ranges; else
    /// `{reason, moreHead}`, `moreHead` when the head ends inside a quoted field (push the next
    /// line and ask again).
    #[wasm_bindgen(js_name = rangePlan)]
    pub fn range_plan(&mut self) -> Result<JsValue, JsValue> {
        match self.ws.ranges().range_plan() {
            Ok(()) => Ok(JsValue::NULL),
            Err(why) => to_js(&serde_json::json!({ "reason": why, "moreHead": why == HEAD_INSIDE_RECORD })),
        }
    }

    /// Starts a range of `range_bytes` after a head of `head_bytes`; `first` in the analysis that merges.
    #[wasm_bindgen(js_name = beginRange)]
    pub fn begin_range(&mut self, first: bool, head_bytes: f64, range_bytes: f64) {
        self.ws.ranges().begin_range(first, head_bytes as u64, range_bytes as u64);
    }

    /// Feeds the range's next bytes.
    #[wasm_bindgen(js_name = pushRange)]
    pub fn push_range(&mut self, chunk: &[u8]) {
        self.ws.ranges().push_range(chunk);
    }

    /// Ends the range (`last` when it ends the file).
    #[wasm_bindgen(js_name = endRange)]
    pub fn end_range(&mut self, last: bool) {
        self.ws.ranges().end_range(last);
    }

    /// The byte form of the range ended last (a range worker's answer).
    #[wasm_bindgen(js_name = rangeBytes)]
    pub fn range_bytes(&mut self) -> Vec<u8> {
        self.ws.ranges().range_bytes()
    }

    /// Adds the byte form of the next range, read by a range worker (a form that does not read
    /// back makes the merge fall back).
    #[wasm_bindgen(js_name = addRangeBytes)]
    pub fn add_range_bytes(&mut self, bytes: &[u8]) {
        self.ws.ranges().add_range_bytes(bytes);
    }

    /// Merges the ranges into the open file: `{ranges, fallback}`, `fallback` (why they could not
    /// be merged, then nothing of them was kept) or `ranges` (how many) being null.
    #[wasm_bindgen(js_name = mergeRanges)]
    pub fn merge_ranges(&mut self) -> Result<JsValue, JsValue> {
        let (ranges, fallback) = match self.ws.ranges().merge_ranges() {
            Ok(n) => (Some(n), None),
            Err(why) => (None, Some(why)),
        };
        to_js(&serde_json::json!({ "ranges": ranges, "fallback": fallback }))
    }
}
