//! The demo store for the page: generated here, in the worker, with no network. The worker
//! then reads its files through an `Analysis` exactly as if they had been dropped, and offers
//! them as downloads.

use wasm_bindgen::prelude::*;

use super::{err, from_js, to_js};
use crate::demo::{self, DemoRequest, CUSTOMERS_FILE, SALES_FILE, TRUTH_FILE};

/// Generates the demo store: `{ files: [{ name, mime, bytes: Uint8Array }], truth }` with the
/// sales file, the customer-attributes file and the planted truth (also as a JSON file).
/// `params` is `undefined` or a [`DemoRequest`] (`{ seed?, customers?, years?, lang?: 'zh'|'en' }`).
#[wasm_bindgen(js_name = demoStore)]
pub fn demo_store(params: JsValue) -> Result<JsValue, JsValue> {
    let request: DemoRequest = from_js(params, "demo parameters")?;
    let files = demo::generate(&request.params().map_err(err)?).map_err(err)?;
    // The planted campaign (crate::campaign::demo): its truth joins demo_truth.json, its two
    // files are downloads (text/plain: not analysed with the store, as on the CLI).
    let campaign = crate::campaign::demo::plant_in(&files.sales_csv, &files.truth).map_err(err)?;
    let truth_json = crate::campaign::demo::truth_json(&files.truth, &campaign.truth);
    let list = js_sys::Array::new();
    for (name, mime, bytes) in [
        (SALES_FILE, "text/csv", &files.sales_csv[..]),
        (CUSTOMERS_FILE, "text/csv", &files.customers_csv[..]),
        (TRUTH_FILE, "application/json", &truth_json[..]),
        (crate::campaign::demo::CAMPAIGN_FILE, "text/plain", &campaign.campaign_csv[..]),
        (crate::campaign::demo::ORDERS_FILE, "text/plain", &campaign.orders_csv[..]),
    ] {
        // Only the two CSV files are analysed; the truth file is a download.
        let entry = js_sys::Object::new();
        js_sys::Reflect::set(&entry, &"name".into(), &name.into())?;
        js_sys::Reflect::set(&entry, &"mime".into(), &mime.into())?;
        js_sys::Reflect::set(&entry, &"bytes".into(), &js_sys::Uint8Array::from(bytes).into())?;
        list.push(&entry);
    }
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"files".into(), &list.into())?;
    js_sys::Reflect::set(&out, &"truth".into(), &to_js(&files.truth)?)?;
    Ok(out.into())
}
