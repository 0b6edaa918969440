//! # Clientele core
//!
//! Customer segmentation and basket analysis for retailers. This crate is plain Rust: it knows
//! nothing of the browser. The page runs it as WebAssembly inside a Web Worker through the thin
//! [`wasm`] module (built only for `wasm32`), and the native CLI `clientele` runs the same code.
//!
//! Pipeline: [`ingest`] (bytes → typed rows, every row accounted for) → [`model`] (the one
//! columnar store every analysis reads) → analyses ([`overview`] so far).
//!
//! ## Where each number on the page comes from
//!
//! | Number on the page | Computed by |
//! |---|---|
//! | rows read / used / dropped, drops by reason, flagged rows | [`ingest::Session`] (`RowState::on_row`), reported as [`ingest::RowCounts`] |
//! | customers, orders, products, regions, date range "in the file" | [`ingest::FileStats`] |
//! | customers, orders, gross sales, returns, net revenue (kept lines) | [`overview::overview`] → [`overview::Sales`] |
//! | monthly orders, customers, net revenue | [`overview::overview`] → [`overview::Month`] |

pub mod basket;
pub mod clv;
pub mod csv_out;
pub mod demo;
pub mod error;
pub mod ingest;
pub mod model;
pub mod num;
pub mod overview;
pub mod rng;
pub mod segment;
pub mod time;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Coded, Error, ErrorReport, IngestError};
pub use ingest::Session;
pub use overview::{overview, Overview};
pub use workspace::Workspace;

/// The crate version, reported in every result.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
