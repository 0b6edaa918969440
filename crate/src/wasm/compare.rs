//! The period comparison operations of [`super::Analysis`] ([`crate::segment::compare`]): the
//! saved labels come from the page's IndexedDB record (`{ids, labels}`, as stored), the current
//! ones from the segmentation of `options`.
//!
//! | method | returns |
//! |---|---|
//! | `compareMatrix(options, saved)` | a [`crate::segment::compare::Comparison`] (`clientele compare --json`) |
//! | `compareCellCsv(options, saved, {scheme, from, to})` | a [`crate::segment::compare::CellCsv`] (`{name, customers, csv}`) |

use wasm_bindgen::prelude::*;

use super::{err, from_js, to_js, Analysis};
use crate::segment::compare::{cell_csv, compare, CellRef, LabelSet};

#[wasm_bindgen]
impl Analysis {
    /// The saved labels joined with the loaded data's: every scheme's from × to matrix.
    #[wasm_bindgen(js_name = compareMatrix)]
    pub fn compare_matrix(&mut self, options: JsValue, saved: JsValue) -> Result<JsValue, JsValue> {
        let (options, saved): (_, LabelSet) = (from_js(options, "segment options")?, from_js(saved, "saved labels")?);
        to_js(&compare(&saved, &self.ws.segmented(&options).map_err(err)?.table.label_set()).map_err(err)?)
    }

    /// The customers of one cell (`{scheme, from, to}`, `from: null` for new, `to: null` for
    /// absent) as CSV text (formula cells neutralised), with its file name and count.
    #[wasm_bindgen(js_name = compareCellCsv)]
    pub fn compare_cell_csv(&mut self, options: JsValue, saved: JsValue, cell: JsValue) -> Result<JsValue, JsValue> {
        let (options, saved): (_, LabelSet) = (from_js(options, "segment options")?, from_js(saved, "saved labels")?);
        let cell: CellRef = from_js(cell, "cell")?;
        to_js(&cell_csv(&saved, &self.ws.segmented(&options).map_err(err)?.table.label_set(), &cell).map_err(err)?)
    }
}
