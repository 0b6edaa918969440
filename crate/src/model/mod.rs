//! The one columnar store every analysis reads.
//!
//! Ingest appends the rows it keeps (purchase and return lines) to [`LineItems`]; customers,
//! orders and products are interned to dense `u32` ids so analyses index plain vectors.

mod intern;
mod lines;

pub use intern::Interner;
pub use lines::{LineItems, LineKind, NO_PRODUCT};
