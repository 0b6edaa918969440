//! The demo store for the page: generated here, in the worker, with no network. The worker
//! then reads its files through an `Analysis` exactly as if they had been dropped, and offers
//! them as downloads.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::demo::{self, DemoParams, Lang, CUSTOMERS_FILE, SALES_FILE, TRUTH_FILE};

/// What the demo operations keep between calls (nothing: the files go to the worker).
#[derive(Debug, Default)]
pub(super) struct State {}

/// The page's demo parameters; every field is optional (the defaults of [`DemoParams`]).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsDemoParams {
    seed: Option<f64>,
    customers: Option<f64>,
    years: Option<f64>,
    /// `"zh"` or `"en"`.
    lang: Option<String>,
}

fn demo_error(field: &str, detail: &str) -> JsValue {
    let report = serde_json::json!({
        "code": "demo.params",
        "params": { "field": field, "detail": detail },
        "file": null, "row": null, "column": null,
        "message": format!("demo parameter {field}: {detail}"),
    });
    super::to_js(&report).unwrap_or_else(|e| e)
}

fn whole(field: &str, v: Option<f64>, max: f64) -> Result<Option<f64>, JsValue> {
    match v {
        Some(x) if !(x.is_finite() && x.fract() == 0.0 && (0.0..=max).contains(&x)) => {
            Err(demo_error(field, "must be a whole number in range"))
        }
        other => Ok(other),
    }
}

/// Generates the demo store: `{ files: [{ name, mime, bytes: Uint8Array }], truth }` with the
/// sales file, the customer-attributes file and the planted truth (also as a JSON file).
/// `params` is `undefined` or `{ seed?, customers?, years?, lang?: 'zh'|'en' }`.
#[wasm_bindgen(js_name = demoStore)]
pub fn demo_store(params: JsValue) -> Result<JsValue, JsValue> {
    let p: JsDemoParams = if params.is_undefined() || params.is_null() {
        JsDemoParams::default()
    } else {
        serde_wasm_bindgen::from_value(params).map_err(|e| demo_error("params", &e.to_string()))?
    };
    let mut dp = DemoParams::default();
    if let Some(s) = whole("seed", p.seed, 9_007_199_254_740_991.0)? {
        dp.seed = s as u64;
    }
    if let Some(c) = whole("customers", p.customers, f64::from(u32::MAX))? {
        dp.customers = c as u32;
    }
    if let Some(y) = whole("years", p.years, f64::from(u32::MAX))? {
        dp.years = y as u32;
    }
    dp.lang = match p.lang.as_deref() {
        None | Some("zh") | Some("zh-CN") => Lang::Zh,
        Some("en") => Lang::En,
        Some(_) => return Err(demo_error("lang", "must be zh or en")),
    };
    let files = demo::generate(&dp).map_err(|e| match e {
        demo::DemoError::Params { field, detail } => demo_error(field, &detail),
        other => demo_error("params", &other.to_string()),
    })?;
    let truth_json = files.truth_json();
    let list = js_sys::Array::new();
    for (name, mime, bytes) in [
        (SALES_FILE, "text/csv", &files.sales_csv[..]),
        (CUSTOMERS_FILE, "text/csv", &files.customers_csv[..]),
        (TRUTH_FILE, "application/json", &truth_json[..]),
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
    js_sys::Reflect::set(&out, &"truth".into(), &super::to_js(&files.truth)?)?;
    Ok(out.into())
}
