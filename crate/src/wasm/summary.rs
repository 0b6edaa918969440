//! The summary operations of [`super::Analysis`]: each is one [`crate::Workspace`] call.
//!
//! | method | returns |
//! |---|---|
//! | `summary(request)` | the [`crate::insights::Insights`] (`clientele summary --json`) |
//! | `summaryExport(options, ids)` | the customers of a finding's id list as CSV bytes |

use wasm_bindgen::prelude::*;

use super::{err, from_js, to_js, Analysis};
use crate::insights::SummaryRequest;

#[wasm_bindgen]
impl Analysis {
    /// The summary's findings for `request` (a [`SummaryRequest`] in camelCase, or `undefined`
    /// for the defaults, as the CLI uses).
    pub fn summary(&mut self, request: JsValue) -> Result<JsValue, JsValue> {
        let request: SummaryRequest = from_js(request, "summary request")?;
        to_js(&self.ws.summary(&request).map_err(err)?)
    }

    /// The customers of `ids` (a finding's list) as the segment export's CSV bytes.
    #[wasm_bindgen(js_name = summaryExport)]
    pub fn summary_export(&mut self, options: JsValue, ids: JsValue) -> Result<Vec<u8>, JsValue> {
        let options = from_js(options, "segment options")?;
        let ids: Vec<String> = from_js(ids, "customer ids")?;
        Ok(self.ws.customers_export(&options, &ids).map_err(err)?.into_bytes())
    }
}
