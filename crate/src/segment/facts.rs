//! The per-customer fact table every segmentation reads, computed in one pass over the
//! customers' order timelines ([`Orders`]).
//!
//! ## Definitions
//!
//! Every figure is summed over the entries of [`Orders`] (an order's lines at one time), so each
//! line keeps its own time; an order is dated by its earliest line.
//!
//! - **Customers** are the customer ids with at least one counted purchase line dated before the
//!   analysis date. Guest lines ([`NO_CUSTOMER`](crate::model::NO_CUSTOMER)) are skipped and counted; customers with only
//!   return lines are counted in [`Skipped::customers_without_purchases`].
//! - **Analysis date** (`as_of`, seconds): lines dated at or after it are left out (and counted).
//!   Default: the last counted line + 1 day (86,400 s), so the most recent purchase has recency 1.
//!   Under [`Convention::PurchasesOnly`] the last *purchase* line counts, as in the tutorial
//!   convention (Online Retail: 2011-12-09 12:50 + 1 day = 2011-12-10 12:50).
//! - **Recency** = ⌊(as_of − last purchase) in seconds / 86,400⌋ days, from full timestamps.
//! - **Orders** (frequency) = distinct order ids with a counted purchase line. Return orders do
//!   not reduce it. The lifecycle stages count the same orders.
//! - **Items** = units on purchase lines.
//! - **Gross sales** = Σ amount of purchase lines (what was paid, after line discounts);
//!   **returns** = Σ amount of return lines (≤ 0); **net sales** = gross + returns.
//! - **Monetary** = net sales under [`Convention::Net`] (the project default: money the customer
//!   kept, returns netted, so a bought-and-returned sale counts nothing), gross sales under
//!   [`Convention::PurchasesOnly`] (return lines ignored, as the common RFM tutorials do).
//! - **Discount** = Σ discount of purchase lines (list value − paid); **discount share** =
//!   discount / (gross + discount); **discounted lines** = purchase lines with discount > 0.
//! - **Margin** (only when the files had a cost column) = Σ (amount − cost) over the counted
//!   lines with a known cost (returns give their margin back under `Net`); lines with an unknown
//!   cost are left out of the margin and counted in [`Skipped::lines_without_cost`].
//! - An order's **time** is the earliest of its purchase lines (an order whose lines straddle a
//!   minute is still one point in time).
//! - **Tenure** = days from the first purchase to the analysis date; **active span** = days from
//!   the first to the last order (0 with one order); **mean days between orders** = active span /
//!   (orders − 1) (absent with one order); **gap CV** = coefficient of variation of the gaps
//!   between successive orders (absent under three orders).
//! - **Recent / previous window spend** = Σ amount of purchase lines in the `window_days` days
//!   before the analysis date, and in the `window_days` before those (returns not netted: the
//!   trend is about buying).
//! - **Last-year spend** = Σ amount of purchase lines in the 365 days before the analysis date.
//! - **Categories** = distinct categories on purchase lines (0 without a category column).

use crate::sort;
use serde::{Deserialize, Serialize};

/// How returns enter the monetary value (and which lines count); it lives with [`Orders`],
/// which it shapes.
pub use crate::model::Convention;
use crate::model::{LineItems, OrderKind, Orders};
use crate::num::{round_money, Sum};
use crate::time::DAY;

/// Settings of [`customer_facts`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FactOptions {
    pub convention: Convention,
    /// Analysis date in seconds since 1970-01-01 (shop wall-clock). Default: last line + 1 day.
    pub as_of: Option<i64>,
    /// Length of the recent and previous spend windows, days. Default 90.
    pub window_days: u32,
}

impl Default for FactOptions {
    fn default() -> Self {
        FactOptions { convention: Convention::Net, as_of: None, window_days: 90 }
    }
}

/// The facts of one customer (see the module documentation for each definition).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerFacts {
    /// [`LineItems`] customer id.
    #[serde(skip)]
    pub customer: u32,
    /// First and last purchase, seconds.
    pub first_purchase: i64,
    pub last_purchase: i64,
    pub recency_days: u32,
    pub tenure_days: u32,
    pub active_span_days: f64,
    pub orders: u32,
    pub return_orders: u32,
    pub purchase_lines: u32,
    pub discounted_lines: u32,
    pub items: f64,
    pub gross_sales: f64,
    pub returns: f64,
    pub net_sales: f64,
    /// The convention's monetary value.
    pub monetary: f64,
    pub discount: f64,
    /// NaN when the files had no cost column.
    pub margin: f64,
    /// NaN with one order.
    pub mean_days_between_orders: f64,
    /// NaN under three orders.
    pub gap_cv: f64,
    pub recent_spend: f64,
    pub previous_spend: f64,
    /// Purchase-line spend in the 365 days before the analysis date (the current yearly value
    /// that "most growable" compares predicted CLV with).
    pub last_year_spend: f64,
    pub categories: u32,
}

impl CustomerFacts {
    /// Discount / list value of the purchases (0 without discounts).
    pub fn discount_share(&self) -> f64 {
        let list = self.gross_sales + self.discount;
        if list > 0.0 {
            self.discount / list
        } else {
            0.0
        }
    }

    /// Discounted purchase lines / purchase lines.
    pub fn discounted_line_share(&self) -> f64 {
        if self.purchase_lines == 0 {
            0.0
        } else {
            f64::from(self.discounted_lines) / f64::from(self.purchase_lines)
        }
    }
}

/// What the fact table left out, every line and customer counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    /// Lines without a customer id.
    pub guest_lines: u64,
    /// Lines dated at or after the analysis date.
    pub lines_after_as_of: u64,
    /// Lines the convention ignores (returns, non-positive purchases under `PurchasesOnly`).
    pub lines_outside_convention: u64,
    /// Customers with counted lines but no purchase line (returns only).
    pub customers_without_purchases: u64,
    /// Counted lines whose cost is unknown (when the files have a cost column).
    pub lines_without_cost: u64,
}

/// The per-customer fact table, one entry per customer in customer-id order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactTable {
    pub options: FactOptions,
    /// The analysis date used, seconds.
    pub as_of: i64,
    /// Whether margin is known (the files had a cost column).
    pub has_cost: bool,
    /// Whether discounts are known (the files had a discount column).
    pub has_discount: bool,
    pub has_category: bool,
    #[serde(skip)]
    pub customers: Vec<CustomerFacts>,
    pub skipped: Skipped,
}

/// Computes the fact table of `lines`: [`customer_facts_from_orders`] over their
/// [`Orders`] under `options.convention`.
///
/// ```
/// use clientele::model::{LineItems, LineKind};
/// use clientele::segment::facts::{customer_facts, FactOptions};
/// let mut l = LineItems::default();
/// let c = l.customers.intern("A");
/// let (o1, o2) = (l.orders.intern("1"), l.orders.intern("2"));
/// l.push(c, o1, 0, 0, 2.0, 10.0, LineKind::Purchase);
/// l.push(c, o2, 3 * 86_400, 0, 1.0, 5.0, LineKind::Purchase);
/// l.push(c, o2, 4 * 86_400, 0, -1.0, -5.0, LineKind::Return);
/// let t = customer_facts(&l, &FactOptions::default());
/// let f = &t.customers[0];
/// // The return on day 4 is the last line: as of day 5, the last purchase (day 3) is 2 days ago.
/// assert_eq!((f.orders, f.gross_sales, f.net_sales, f.recency_days), (2, 15.0, 10.0, 2));
/// assert_eq!(f.mean_days_between_orders, 3.0);
/// ```
pub fn customer_facts(lines: &LineItems, options: &FactOptions) -> FactTable {
    customer_facts_from_orders(&Orders::new(lines, options.convention), options)
}

/// Computes the fact table from an order timeline built under `options.convention` (the
/// segmentation builds it once and shares it with the lifecycle stages).
///
/// # Panics
///
/// When `orders` was built under another convention than `options.convention`.
pub fn customer_facts_from_orders(orders: &Orders, options: &FactOptions) -> FactTable {
    assert_eq!(orders.convention, options.convention, "the orders were built under another convention");
    let purchases_only = options.convention == Convention::PurchasesOnly;
    let counted = |kind: OrderKind| match kind {
        OrderKind::Purchase => true,
        OrderKind::Return => !purchases_only,
        OrderKind::Outside => false,
    };
    let mut skipped = Skipped { guest_lines: orders.guest_lines, ..Skipped::default() };
    let as_of = options.as_of.unwrap_or_else(|| {
        (0..orders.len()).filter(|&e| counted(orders.kind[e])).map(|e| orders.time[e]).max().unwrap_or(0) + DAY
    });
    let window = i64::from(options.window_days.max(1)) * DAY;
    let has_cost = orders.columns.cost;
    // At most one row per customer id: room for them all at once (pushed one by one, the rows
    // of the demo's 330,000 customers grew by doubling to 128 MiB beside the 64 before).
    let mut customers = Vec::with_capacity(orders.n_customers);
    let mut order_times: Vec<i64> = Vec::new();
    let mut cats: Vec<u32> = Vec::new();
    for c in 0..orders.n_customers as u32 {
        let (mut any, mut purchase_orders, mut return_orders) = (false, 0u32, 0u32);
        let (mut purchase_lines, mut discounted_lines) = (0u32, 0u32);
        let (mut first, mut last) = (0i64, 0i64);
        let [mut items, mut gross, mut returns, mut discount, mut margin, mut recent, mut previous, mut year] =
            [Sum::default(); 8];
        order_times.clear();
        cats.clear();
        for e in orders.of_customer(c) {
            let t = orders.time[e];
            if t >= as_of {
                skipped.lines_after_as_of += u64::from(orders.lines[e]);
                continue;
            }
            let kind = orders.kind[e];
            if !counted(kind) {
                skipped.lines_outside_convention += u64::from(orders.lines[e]);
                continue;
            }
            any = true;
            let amount = orders.amount[e];
            if has_cost {
                skipped.lines_without_cost += u64::from(orders.lines_without_cost[e]);
                margin.add(orders.margin[e]);
            }
            let opens = orders.opens_order[e];
            if kind == OrderKind::Return {
                returns.add(amount);
                return_orders += u32::from(opens);
                continue;
            }
            if purchase_lines == 0 {
                first = t;
            }
            last = t;
            purchase_lines += orders.lines[e];
            if opens {
                purchase_orders += 1;
                order_times.push(t);
            }
            items.add(orders.items[e]);
            gross.add(amount);
            discounted_lines += orders.discounted_lines[e];
            discount.add(orders.discount[e]);
            if t >= as_of - 365 * DAY {
                year.add(amount);
            }
            if t >= as_of - window {
                recent.add(amount);
            } else if t >= as_of - 2 * window {
                previous.add(amount);
            }
            cats.extend_from_slice(orders.categories_of(e));
        }
        if !any {
            continue;
        }
        if purchase_lines == 0 {
            skipped.customers_without_purchases += 1;
            continue;
        }
        // Gaps between successive orders (the entries come in time order).
        let gap_cv = if order_times.len() >= 3 {
            let gaps = || order_times.windows(2).map(|w| (w[1] - w[0]) as f64 / DAY as f64);
            let k = (order_times.len() - 1) as f64;
            let mean = gaps().sum::<f64>() / k;
            let var = gaps().map(|g| (g - mean) * (g - mean)).sum::<f64>() / k;
            if mean > 0.0 {
                var.sqrt() / mean
            } else {
                0.0
            }
        } else {
            f64::NAN
        };
        sort::sort_total(&mut cats);
        cats.dedup();
        let (gross_value, returns_value) = (gross.value(), returns.value());
        let gross = round_money(gross_value);
        let net = round_money(gross_value + returns_value);
        // The span runs from order to order, an order's time being its earliest line.
        let span = match (order_times.first(), order_times.last()) {
            (Some(a), Some(b)) => (b - a) as f64 / DAY as f64,
            _ => 0.0,
        };
        customers.push(CustomerFacts {
            customer: c,
            first_purchase: first,
            last_purchase: last,
            recency_days: ((as_of - last).max(0) / DAY) as u32,
            tenure_days: ((as_of - first).max(0) / DAY) as u32,
            active_span_days: span,
            orders: purchase_orders,
            return_orders,
            purchase_lines,
            discounted_lines,
            items: items.value(),
            gross_sales: gross,
            returns: round_money(returns_value),
            net_sales: net,
            monetary: if purchases_only { gross } else { net },
            discount: round_money(discount.value()),
            margin: if has_cost { round_money(margin.value()) } else { f64::NAN },
            mean_days_between_orders: if purchase_orders > 1 {
                span / f64::from(purchase_orders - 1)
            } else {
                f64::NAN
            },
            gap_cv,
            recent_spend: round_money(recent.value()),
            previous_spend: round_money(previous.value()),
            last_year_spend: round_money(year.value()),
            categories: cats.len() as u32,
        });
    }
    FactTable {
        options: *options,
        as_of,
        has_cost,
        has_discount: orders.columns.discount,
        has_category: orders.columns.category,
        customers,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LineKind;

    #[test]
    fn an_order_is_the_time_of_its_earliest_line() {
        let mut l = LineItems::default();
        let (a, b) = (l.customers.intern("A"), l.customers.intern("B"));
        let (o1, o2, o3) = (l.orders.intern("1"), l.orders.intern("2"), l.orders.intern("3"));
        // A: one order whose lines straddle a minute, the later line first in the file.
        l.push(a, o1, 60, 0, 1.0, 1.0, LineKind::Purchase);
        l.push(a, o1, 0, 0, 1.0, 1.0, LineKind::Purchase);
        // B: order 2 at day 0 (lines at 0 and 90 s), order 3 at day 10.
        l.push(b, o2, 90, 0, 1.0, 1.0, LineKind::Purchase);
        l.push(b, o2, 0, 0, 1.0, 1.0, LineKind::Purchase);
        l.push(b, o3, 10 * DAY, 0, 1.0, 1.0, LineKind::Purchase);
        let t = customer_facts(&l, &FactOptions::default());
        let (fa, fb) = (&t.customers[0], &t.customers[1]);
        // One order has no span, however its lines are spread.
        assert_eq!((fa.orders, fa.active_span_days, fa.last_purchase), (1, 0.0, 60));
        // The span and the mean gap run from order to order: exactly 10 days.
        assert_eq!((fb.orders, fb.active_span_days, fb.mean_days_between_orders), (2, 10.0, 10.0));
    }
}
