//! The one columnar store every analysis reads.
//!
//! Ingest appends the rows it keeps (purchase and return lines) to [`LineItems`]; customers,
//! orders and products are interned to dense `u32` ids so analyses index plain vectors.
//! Customer attributes (gender, age, city...) sit beside the lines in [`CustomerAttributes`].
//! [`Orders`] groups the lines into each customer's order timeline, the input of every customer
//! analysis.

mod attributes;
mod column;
mod intern;
mod lines;
mod orders;
pub(crate) mod wire;

pub use attributes::{AttributeColumn, AttributeKind, CustomerAttributes};
pub use column::{Codes, Decimals, Times};
pub use intern::Interner;
pub use lines::{Columns, Line, LineItems, LineKind, NO_CUSTOMER, NO_PRODUCT, NO_VALUE};
pub use orders::{Convention, OrderKind, Orders};
