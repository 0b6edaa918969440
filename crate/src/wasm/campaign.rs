//! The campaign operations of [`super::Analysis`]: the control split of a segment export and the
//! campaign measurement ([`crate::campaign`]).
//!
//! | method | returns |
//! |---|---|
//! | `campaignExport(options, {scheme, key}, {share, seed, lang})` | the segment's customers as CSV bytes with the `group` column (`clientele customers --control-share`) |
//! | `campaign(name, bytes, {start, windowDays, costPerContact, margin})` | a [`crate::campaign::CampaignReport`] (`clientele campaign --json`) |

use wasm_bindgen::prelude::*;

use super::{err, from_js, to_js, Analysis};
use crate::campaign::split::{csv_with_group, ControlOptions};
use crate::campaign::{analyse, read_campaign, CampaignOptions};
use crate::segment::{RowQuery, SegmentRef};
use crate::Error;

#[wasm_bindgen]
impl Analysis {
    /// One segment's customers as CSV with a random control group held out (`control`:
    /// `{share, seed (decimal string), lang: 'en' | 'zh-CN'}`).
    #[wasm_bindgen(js_name = campaignExport)]
    pub fn campaign_export(
        &mut self,
        options: JsValue,
        segment: JsValue,
        control: JsValue,
    ) -> Result<Vec<u8>, JsValue> {
        let options = from_js(options, "segment options")?;
        let segment: SegmentRef = serde_wasm_bindgen::from_value(segment)
            .map_err(|e| err(Error::Args { what: "segment", detail: e.to_string() }))?;
        let control: ControlOptions = from_js(control, "control options")?;
        let table = &self.ws.segmented(&options).map_err(err)?.table;
        let query = RowQuery { segment: Some(segment), ..RowQuery::default() };
        Ok(csv_with_group(table, &query, &control).map_err(err)?.into_bytes())
    }

    /// Reads the campaign file `name` (its bytes) and measures it over the loaded sales.
    pub fn campaign(&self, name: &str, bytes: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
        let options: CampaignOptions = from_js(options, "campaign options")?;
        let file = read_campaign(name, bytes).map_err(err)?;
        to_js(&analyse(self.ws.session().lines(), &file, &options).map_err(err)?)
    }
}
