use serde::Serialize;

use super::{Codes, CustomerAttributes, Decimals, Interner, Times};

/// Product id of a line whose file has no product column.
pub const NO_PRODUCT: u32 = u32::MAX;
/// Customer id of a guest line: the row had no customer id. Guest lines count for revenue and
/// baskets; customer analyses (segments, CLV, sequences) skip them and report how many.
pub const NO_CUSTOMER: u32 = u32::MAX;
/// Id of an absent value in an optional interned column (category, channel, attributes).
pub const NO_VALUE: u32 = u32::MAX;

/// Whether a kept line is a sale or a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A sale: positive quantity and amount.
    Purchase,
    /// A return or cancellation: its amount is negative and is netted against purchases.
    Return,
}

/// Which optional columns any file of the session supplied. An analysis that needs one says
/// which column would enable it when it is `false` (a segmentation "needs a cost column").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Columns {
    /// A discount column: `discount` holds real values.
    pub discount: bool,
    /// A cost column: `cost` holds real values (NaN on lines whose cell was empty or bad).
    pub cost: bool,
    pub category: bool,
    /// A store or channel column.
    pub channel: bool,
    /// An order / invoice / receipt id column (else orders are customer-days).
    pub order_id: bool,
    /// A product id or name column.
    pub product: bool,
    /// Every file was one row per order (no product, or one line per order id): basket
    /// analysis has nothing to mine.
    pub order_level: bool,
    /// A basket-format file was read: its lines have no date (time 0), no money (amount 0)
    /// and no customer. Time-based analyses say there is no date.
    pub undated: bool,
    /// A sales file had no money (no amount and no unit price): its lines are purchases with
    /// amount 0, which is not money. Analyses of money (revenue, M, value tiers, quadrant,
    /// Gamma-Gamma, CLV) say they need an amount; counts, recency and baskets still work.
    pub unpriced: bool,
}

/// The line items kept by ingest, one entry per row, column by column.
///
/// Every row here has a valid date-time and a valid amount. `customer` is [`NO_CUSTOMER`] for
/// guest rows. `amount` is signed: negative for returns. Orders are the file's order ids; a
/// file without an order column gets one order per customer and calendar day
/// (`"<customer>|<YYYY-MM-DD>"`).
///
/// Money: `amount` is what the customer paid for the line (after discounts). `discount` is the
/// money taken off the line (≥ 0 on purchases, 0 when unknown), so the list value of the line
/// is `amount + discount`. `cost` is the cost of the goods on the line, signed like `amount`
/// (NaN when unknown); the line's margin is `amount − cost`.
///
/// The columns are compact ([`Codes`], [`Times`], [`Decimals`]: read them with `at(i)`): ids,
/// times and two-decimal numbers take 1–4 bytes where they fit, and every value reads back bit
/// for bit. The demo store's ten million lines take about 33 bytes a line in these columns,
/// where eleven plain vectors took 61.
///
/// The interners hold every key ingest saw in any row, kept or dropped (so a file's distinct
/// counts cost one lookup per key). Count kept customers, orders and products from the lines,
/// not from the interners' lengths.
#[derive(Debug, Default, Clone)]
pub struct LineItems {
    /// Customer id, or [`NO_CUSTOMER`].
    pub customer: Vec<u32>,
    pub order: Vec<u32>,
    /// Seconds since 1970-01-01, wall-clock time of the shop.
    pub time: Times,
    /// Product id, or [`NO_PRODUCT`].
    pub product: Codes,
    /// Units on the line, signed as in the file (returns are usually negative).
    pub quantity: Decimals,
    /// Signed money amount of the line: quantity × unit price, or the file's amount column.
    pub amount: Decimals,
    pub kind: Vec<LineKind>,
    /// Money off the line (≥ 0 for purchases, ≤ 0 for returns), 0 when unknown.
    pub discount: Decimals,
    /// Cost of the goods on the line, signed like `amount`; NaN when unknown.
    pub cost: Decimals,
    /// Category id, or [`NO_VALUE`].
    pub category: Codes,
    /// Store or channel id, or [`NO_VALUE`].
    pub channel: Codes,
    pub customers: Interner,
    pub orders: Interner,
    pub products: Interner,
    pub categories: Interner,
    pub channels: Interner,
    /// Display name of each product id (index = product id) when the file had both an id and a
    /// name column; empty or shorter otherwise (then the id is the name).
    pub product_names: Vec<Option<Box<str>>>,
    /// Which optional columns were present.
    pub columns: Columns,
    /// Customer attributes (gender, age, city...), from attribute columns of the sales rows or
    /// from a customer file joined by customer id.
    pub attributes: CustomerAttributes,
    /// What the warehouse summary files read said, when any were read (see [`crate::warehouse`]).
    pub summaries: Option<Box<crate::warehouse::Summaries>>,
}

/// One line's values, for [`LineItems::push_line`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub customer: u32,
    pub order: u32,
    pub time: i64,
    pub product: u32,
    pub quantity: f64,
    pub amount: f64,
    pub kind: LineKind,
    pub discount: f64,
    pub cost: f64,
    pub category: u32,
    pub channel: u32,
}

impl Line {
    /// A line with no discount, cost, category or channel.
    pub fn new(customer: u32, order: u32, time: i64, product: u32, quantity: f64, amount: f64, kind: LineKind) -> Line {
        Line {
            customer,
            order,
            time,
            product,
            quantity,
            amount,
            kind,
            discount: 0.0,
            cost: f64::NAN,
            category: NO_VALUE,
            channel: NO_VALUE,
        }
    }
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

    /// Appends one line with no discount, cost, category or channel.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        customer: u32,
        order: u32,
        time: i64,
        product: u32,
        quantity: f64,
        amount: f64,
        kind: LineKind,
    ) {
        self.push_line(Line::new(customer, order, time, product, quantity, amount, kind));
    }

    /// Makes room for `additional` more lines in every column (ingest's estimate from the file
    /// size, so the columns are not copied as they grow, which wasm's allocator must do).
    pub fn reserve(&mut self, additional: usize) {
        self.customer.reserve(additional);
        self.order.reserve(additional);
        self.time.reserve(additional);
        self.product.reserve(additional);
        self.quantity.reserve(additional);
        self.amount.reserve(additional);
        self.kind.reserve(additional);
        self.discount.reserve(additional);
        self.cost.reserve(additional);
        self.category.reserve(additional);
        self.channel.reserve(additional);
    }

    /// Appends one line.
    pub fn push_line(&mut self, l: Line) {
        self.customer.push(l.customer);
        self.order.push(l.order);
        self.time.push(l.time);
        self.product.push(l.product);
        self.quantity.push(l.quantity);
        self.amount.push(l.amount);
        self.kind.push(l.kind);
        self.discount.push(l.discount);
        self.cost.push(l.cost);
        self.category.push(l.category);
        self.channel.push(l.channel);
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
        self.discount.truncate(len);
        self.cost.truncate(len);
        self.category.truncate(len);
        self.channel.truncate(len);
    }

    /// Bytes each part of the store holds, allocated capacity included: the columns, then the
    /// interners (what `examples/store_footprint.rs` prints).
    pub fn heap_bytes(&self) -> Vec<(&'static str, usize)> {
        let vec = |cap: usize, size: usize| cap * size;
        vec![
            ("customer", vec(self.customer.capacity(), 4)),
            ("order", vec(self.order.capacity(), 4)),
            ("time", self.time.heap_bytes()),
            ("product", self.product.heap_bytes()),
            ("quantity", self.quantity.heap_bytes()),
            ("amount", self.amount.heap_bytes()),
            ("kind", vec(self.kind.capacity(), std::mem::size_of::<LineKind>())),
            ("discount", self.discount.heap_bytes()),
            ("cost", self.cost.heap_bytes()),
            ("category", self.category.heap_bytes()),
            ("channel", self.channel.heap_bytes()),
            ("customers (interner)", self.customers.heap_bytes()),
            ("orders (interner)", self.orders.heap_bytes()),
            ("products (interner)", self.products.heap_bytes()),
            ("categories (interner)", self.categories.heap_bytes()),
            ("channels (interner)", self.channels.heap_bytes()),
            (
                "product names",
                self.product_names.iter().flatten().map(|n| n.len()).sum::<usize>()
                    + vec(self.product_names.capacity(), 16),
            ),
        ]
    }

    /// The name to show for a product id: its name column value when known, else the id.
    pub fn product_label(&self, product: u32) -> &str {
        match self.product_names.get(product as usize) {
            Some(Some(name)) => name,
            _ => self.products.name(product),
        }
    }
}
