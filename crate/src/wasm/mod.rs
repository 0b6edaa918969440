//! The thin boundary between the core and JavaScript: the only module that names `JsValue`.
//!
//! Each method deserialises its arguments, calls the core and serialises the result as plain
//! JSON-compatible data (objects, arrays, numbers, strings, null). Errors are thrown as plain
//! objects `{code, params, file, row, column, message}` ([`crate::ErrorReport`]), never as
//! `Error` instances or bare strings. A Rust panic aborts into a `WebAssembly.RuntimeError`,
//! which the worker reports as `internal.panic`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{IngestError, Session};

// One file per feature, each adding its own `#[wasm_bindgen] impl Analysis` block and keeping
// its state in its own `State` field below.
mod basket;
mod bench;
mod clv;
mod demo;
mod segment;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("internal: cannot serialise a result: {e}")))
}

/// The one error conversion: a core error becomes a plain object.
pub(crate) fn err(e: IngestError) -> JsValue {
    to_js(&e.report()).unwrap_or_else(|e| e)
}

/// One analysis: files are pushed into it, then results are read from it.
#[wasm_bindgen]
#[derive(Debug, Default)]
#[allow(dead_code)] // until every feature keeps state
pub struct Analysis {
    session: Session,
    segment: segment::State,
    basket: basket::State,
    clv: clv::State,
    demo: demo::State,
}

#[wasm_bindgen]
impl Analysis {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Analysis {
        Analysis::default()
    }

    /// Starts a file of `size` bytes. `options` is `undefined` (detect everything) or a
    /// [`crate::ingest::FileOptions`] object in camelCase (`{encoding, delimiter, headerRow,
    /// noHeader, roles, dateOrder, decimalComma, sheet}`).
    #[wasm_bindgen(js_name = beginFile)]
    pub fn begin_file(&mut self, name: &str, size: f64, options: JsValue) -> Result<(), JsValue> {
        let options: crate::ingest::FileOptions = if options.is_undefined() || options.is_null() {
            crate::ingest::FileOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options)
                .map_err(|_| err(IngestError::Protocol { detail: "the file options are not valid" }))?
        };
        self.session.begin_file_with(name, size as u64, options).map_err(err)
    }

    /// Feeds the next chunk; returns `{rows}`, the data rows read so far in this file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<JsValue, JsValue> {
        let rows = self.session.push(chunk).map_err(err)?;
        to_js(&serde_json::json!({ "rows": rows }))
    }

    /// Finishes the file; returns its report.
    #[wasm_bindgen(js_name = endFile)]
    pub fn end_file(&mut self) -> Result<JsValue, JsValue> {
        let report = self.session.end_file().map_err(err)?;
        to_js(report)
    }

    /// The overview of everything read so far.
    pub fn overview(&self) -> Result<JsValue, JsValue> {
        to_js(&crate::overview(&self.session))
    }
}
