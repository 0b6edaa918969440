//! The thin boundary between the core and JavaScript: the only module that names `JsValue`.
//!
//! [`Analysis`] is the core's [`Workspace`] behind `JsValue`s: each method deserialises its
//! arguments, calls one `Workspace` method and serialises the result as plain JSON-compatible
//! data (objects, arrays, numbers, strings, null). Errors of every stage go through one
//! conversion, [`err`], into a plain object `{code, params, file, row, column, message}`
//! ([`crate::ErrorReport`]), never an `Error` instance or a bare string. A Rust panic aborts into
//! a `WebAssembly.RuntimeError`, which the worker reports as `internal.panic`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Error, ErrorReport, Workspace};

// One file per stage, each adding its own `#[wasm_bindgen] impl Analysis` block.
mod basket;
mod bench;
mod campaign;
mod clv;
mod compare;
#[cfg(feature = "demo")]
mod demo;
mod ranges;
mod segment;
mod summary;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

/// Every error code the core can produce (for the page's tests of its message tables).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Result<JsValue, JsValue> {
    to_js(crate::error::ERROR_CODES)
}

/// The defaults of every setting the page sends, as the core owns them (camelCase, as sent).
#[wasm_bindgen]
pub fn defaults() -> Result<JsValue, JsValue> {
    to_js(&crate::workspace::Defaults::default())
}

pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| err(Error::Args { what: "result", detail: format!("cannot serialise a result: {e}") }))
}

/// The one error conversion: any stage's error becomes a plain `{code, params, file, row,
/// column, message}` object.
pub(crate) fn err(e: impl Into<Error>) -> JsValue {
    let report = ErrorReport::of(&e.into());
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| JsValue::from_str(&report.message))
}

/// Arguments from the page; `undefined` or `null` is the type's default.
pub(crate) fn from_js<T: DeserializeOwned + Default>(value: JsValue, what: &'static str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        serde_wasm_bindgen::from_value(value).map_err(|e| err(Error::Args { what, detail: e.to_string() }))
    }
}

/// One analysis: files are pushed into it, then results are read from it.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Analysis {
    ws: Workspace,
}

#[wasm_bindgen]
impl Analysis {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Analysis {
        Analysis::default()
    }

    /// Starts a file of `size` bytes. `options` is `undefined` (detect everything) or a
    /// [`crate::ingest::FileOptions`] object in camelCase (`{encoding, delimiter, headerRow,
    /// noHeader, roles, dateOrder, decimalComma, sheet, keepZeroPrice}`).
    #[wasm_bindgen(js_name = beginFile)]
    pub fn begin_file(&mut self, name: &str, size: f64, options: JsValue) -> Result<(), JsValue> {
        let options = from_js(options, "file options")?;
        self.ws.begin_file(name, size as u64, options).map_err(err)
    }

    /// Feeds the next chunk; returns `{rows}`, the data rows read so far in this file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<JsValue, JsValue> {
        let rows = self.ws.push(chunk).map_err(err)?;
        to_js(&serde_json::json!({ "rows": rows }))
    }

    /// Finishes the file; returns its report.
    #[wasm_bindgen(js_name = endFile)]
    pub fn end_file(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.ws.end_file().map_err(err)?)
    }

    /// The overview of everything read so far.
    pub fn overview(&self) -> Result<JsValue, JsValue> {
        to_js(&self.ws.overview())
    }
}
