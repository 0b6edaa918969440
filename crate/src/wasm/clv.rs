//! The lifetime-value operations of [`super::Analysis`]: `clvFit(request)` returns the
//! [`crate::clv::ClvReport`] (what `clientele clv --json` prints) without its per-customer
//! columns, which stay in the workspace and are read page by page with `clvRows`.

use wasm_bindgen::prelude::*;

use super::{err, from_js, to_js, Analysis};

#[wasm_bindgen]
impl Analysis {
    /// Fits the CLV models: `args` is a [`crate::clv::ClvRequest`] (`{unit, holdoutStart:
    /// 'YYYY-MM-DD'|'auto'|null, horizonMonths, monthlyDiscount, paretoNbd}`); the report's
    /// `customer_table` is `{rows}`, the table length.
    #[wasm_bindgen(js_name = clvFit)]
    pub fn clv_fit(&mut self, args: JsValue) -> Result<JsValue, JsValue> {
        to_js(&self.ws.clv_fit(&from_js(args, "CLV settings")?).map_err(err)?)
    }

    /// A page of the customer table of the last `clvFit` (a [`crate::clv::TableQuery`]:
    /// `{offset, limit, sort, descending}`) → `{total, offset, rows}`.
    #[wasm_bindgen(js_name = clvRows)]
    pub fn clv_rows(&mut self, query: JsValue) -> Result<JsValue, JsValue> {
        to_js(&self.ws.clv_rows(&from_js(query, "CLV table query")?).map_err(err)?)
    }
}
