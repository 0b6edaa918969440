use serde::Serialize;

use super::Interner;

/// Product id of a line whose file has no product column.
pub const NO_PRODUCT: u32 = u32::MAX;

/// Whether a kept line is a sale or a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A sale: positive quantity and amount.
    Purchase,
    /// A return or cancellation: its amount is negative and is netted against purchases.
    Return,
}

/// The line items kept by ingest, one entry per row, column by column.
///
/// Every row here has a customer, a valid date-time and a valid amount. `amount` is signed:
/// negative for returns. Orders are the file's order ids; a file without an order column gets
/// one order per customer and calendar day (`"<customer>|<YYYY-MM-DD>"`).
///
/// The interners hold every key ingest saw in any row, kept or dropped (so a file's distinct
/// counts cost one lookup per key). Count kept customers, orders and products from the lines,
/// not from the interners' lengths.
#[derive(Debug, Default, Clone)]
pub struct LineItems {
    pub customer: Vec<u32>,
    pub order: Vec<u32>,
    /// Seconds since 1970-01-01, wall-clock time of the shop.
    pub time: Vec<i64>,
    /// Product id, or [`NO_PRODUCT`].
    pub product: Vec<u32>,
    /// Units on the line, signed as in the file (returns are usually negative).
    pub quantity: Vec<f64>,
    /// Signed money amount of the line: quantity × unit price, or the file's amount column.
    pub amount: Vec<f64>,
    pub kind: Vec<LineKind>,
    pub customers: Interner,
    pub orders: Interner,
    pub products: Interner,
}

impl LineItems {
    /// Number of lines.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no lines.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Appends one line.
    #[allow(clippy::too_many_arguments)]
    pub fn push(&mut self, customer: u32, order: u32, time: i64, product: u32, quantity: f64, amount: f64, kind: LineKind) {
        self.customer.push(customer);
        self.order.push(order);
        self.time.push(time);
        self.product.push(product);
        self.quantity.push(quantity);
        self.amount.push(amount);
        self.kind.push(kind);
    }

    /// Drops the lines from index `len` on (used to undo a file that failed half-way).
    pub fn truncate(&mut self, len: usize) {
        self.customer.truncate(len);
        self.order.truncate(len);
        self.time.truncate(len);
        self.product.truncate(len);
        self.quantity.truncate(len);
        self.amount.truncate(len);
        self.kind.truncate(len);
    }
}
