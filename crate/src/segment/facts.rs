//! The per-customer fact table every segmentation reads, computed in one pass over the lines.
//!
//! ## Definitions
//!
//! - **Customers** are the customer ids with at least one counted purchase line dated before the
//!   analysis date. Guest lines ([`NO_CUSTOMER`]) are skipped and counted; customers with only
//!   return lines are counted in [`Skipped::customers_without_purchases`].
//! - **Analysis date** (`as_of`, seconds): lines dated at or after it are left out (and counted).
//!   Default: the last counted line + 1 day (86,400 s), so the most recent purchase has recency 1.
//!   Under [`Convention::PurchasesOnly`] the last *purchase* line counts, as in the tutorial
//!   convention (Online Retail: 2011-12-09 12:50 + 1 day = 2011-12-10 12:50).
//! - **Recency** = ⌊(as_of − last purchase) in seconds / 86,400⌋ days, from full timestamps.
//! - **Orders** (frequency) = distinct order ids with a counted purchase line. Return orders do
//!   not reduce it.
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

use serde::{Deserialize, Serialize};

use crate::model::{LineItems, LineKind, NO_CUSTOMER, NO_VALUE};
use crate::num::{round_money, Sum};
use crate::time::DAY;

/// How returns enter the monetary value (and which lines count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Convention {
    /// The project default: all kept lines; monetary = net sales (returns netted).
    #[default]
    Net,
    /// The tutorial convention: purchase lines with quantity > 0 and amount > 0 only; return
    /// lines are ignored; monetary = gross sales. Reproduces the published Online Retail RFM.
    PurchasesOnly,
}

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
        FactOptions {
            convention: Convention::Net,
            as_of: None,
            window_days: 90,
        }
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

#[derive(Default, Clone, Copy)]
struct Acc {
    first: i64,
    last: i64,
    orders: u32,
    return_orders: u32,
    purchase_lines: u32,
    discounted_lines: u32,
    any: bool,
    items: Sum,
    gross: Sum,
    returns: Sum,
    discount: Sum,
    margin: Sum,
    recent: Sum,
    previous: Sum,
    year: Sum,
}

/// Computes the fact table of `lines`.
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
    let purchases_only = options.convention == Convention::PurchasesOnly;
    let counted = |i: usize| match lines.kind[i] {
        LineKind::Purchase => !purchases_only || (lines.quantity[i] > 0.0 && lines.amount[i] > 0.0),
        LineKind::Return => !purchases_only,
    };
    let mut skipped = Skipped::default();
    let n = lines.len();
    let as_of = options.as_of.unwrap_or_else(|| {
        (0..n)
            .filter(|&i| lines.customer[i] != NO_CUSTOMER && counted(i))
            .map(|i| lines.time[i])
            .max()
            .unwrap_or(0)
            + DAY
    });
    let window = i64::from(options.window_days.max(1)) * DAY;
    let has_cost = lines.columns.cost;
    let n_customers = lines.customers.len();
    let mut acc = vec![Acc::default(); n_customers];
    // Distinct (customer, order) pairs: the first customer seen on an order owns it; any other
    // customer on the same order (a data error, but counted right) goes to `shared`.
    const UNSEEN: u32 = u32::MAX;
    let mut owner = vec![UNSEEN; lines.orders.len()];
    let mut return_owner = vec![UNSEEN; lines.orders.len()];
    // Position of each owned order in `order_times`, to keep its earliest line's time.
    let mut order_slot = vec![usize::MAX; lines.orders.len()];
    let mut shared: Vec<(u32, u32, i64, bool)> = Vec::new();
    let mut order_times: Vec<(u32, i64)> = Vec::new();
    let mut cats: Vec<(u32, u32)> = Vec::new();
    for i in 0..n {
        let c = lines.customer[i];
        if c == NO_CUSTOMER {
            skipped.guest_lines += 1;
            continue;
        }
        let t = lines.time[i];
        if t >= as_of {
            skipped.lines_after_as_of += 1;
            continue;
        }
        if !counted(i) {
            skipped.lines_outside_convention += 1;
            continue;
        }
        let a = &mut acc[c as usize];
        a.any = true;
        let amount = lines.amount[i];
        let o = lines.order[i];
        if has_cost {
            let cost = lines.cost[i];
            if cost.is_nan() {
                skipped.lines_without_cost += 1;
            } else {
                a.margin.add(amount - cost);
            }
        }
        match lines.kind[i] {
            LineKind::Purchase => {
                if a.purchase_lines == 0 {
                    a.first = t;
                    a.last = t;
                } else {
                    a.first = a.first.min(t);
                    a.last = a.last.max(t);
                }
                a.purchase_lines += 1;
                a.items.add(lines.quantity[i]);
                a.gross.add(amount);
                let d = lines.discount[i];
                if d > 0.0 {
                    a.discounted_lines += 1;
                    a.discount.add(d);
                }
                if t >= as_of - 365 * DAY {
                    a.year.add(amount);
                }
                if t >= as_of - window {
                    a.recent.add(amount);
                } else if t >= as_of - 2 * window {
                    a.previous.add(amount);
                }
                let slot = &mut owner[o as usize];
                if *slot == UNSEEN {
                    *slot = c;
                    a.orders += 1;
                    order_slot[o as usize] = order_times.len();
                    order_times.push((c, t));
                } else if *slot == c {
                    let ot = &mut order_times[order_slot[o as usize]].1;
                    *ot = (*ot).min(t);
                } else {
                    shared.push((c, o, t, true));
                }
                if lines.category[i] != NO_VALUE {
                    cats.push((c, lines.category[i]));
                }
            }
            LineKind::Return => {
                a.returns.add(amount);
                let slot = &mut return_owner[o as usize];
                if *slot == UNSEEN {
                    *slot = c;
                    a.return_orders += 1;
                } else if *slot != c {
                    shared.push((c, o, t, false));
                }
            }
        }
    }
    shared.sort_unstable();
    shared.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.3 == b.3);
    for &(c, _, t, purchase) in &shared {
        if purchase {
            acc[c as usize].orders += 1;
            order_times.push((c, t));
        } else {
            acc[c as usize].return_orders += 1;
        }
    }
    // Per-customer order gaps and active span, from the order times sorted by customer then time.
    order_times.sort_unstable();
    let mut gap_cv = vec![f64::NAN; n_customers];
    let mut span_days = vec![0.0; n_customers];
    let mut k = 0;
    while k < order_times.len() {
        let c = order_times[k].0;
        let mut end = k;
        while end < order_times.len() && order_times[end].0 == c {
            end += 1;
        }
        span_days[c as usize] = (order_times[end - 1].1 - order_times[k].1) as f64 / DAY as f64;
        if end - k >= 3 {
            let gaps: Vec<f64> = order_times[k..end]
                .windows(2)
                .map(|w| (w[1].1 - w[0].1) as f64 / DAY as f64)
                .collect();
            let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
            let var = gaps.iter().map(|g| (g - mean) * (g - mean)).sum::<f64>() / gaps.len() as f64;
            gap_cv[c as usize] = if mean > 0.0 { var.sqrt() / mean } else { 0.0 };
        }
        k = end;
    }
    let mut n_cats = vec![0u32; n_customers];
    cats.sort_unstable();
    cats.dedup();
    for &(c, _) in &cats {
        n_cats[c as usize] += 1;
    }
    let mut customers = Vec::new();
    for (c, a) in acc.iter().enumerate() {
        if !a.any {
            continue;
        }
        if a.purchase_lines == 0 {
            skipped.customers_without_purchases += 1;
            continue;
        }
        let gross = round_money(a.gross.value());
        let returns = round_money(a.returns.value());
        let net = round_money(a.gross.value() + a.returns.value());
        let span = span_days[c];
        customers.push(CustomerFacts {
            customer: c as u32,
            first_purchase: a.first,
            last_purchase: a.last,
            recency_days: ((as_of - a.last).max(0) / DAY) as u32,
            tenure_days: ((as_of - a.first).max(0) / DAY) as u32,
            active_span_days: span,
            orders: a.orders,
            return_orders: a.return_orders,
            purchase_lines: a.purchase_lines,
            discounted_lines: a.discounted_lines,
            items: a.items.value(),
            gross_sales: gross,
            returns,
            net_sales: net,
            monetary: if purchases_only { gross } else { net },
            discount: round_money(a.discount.value()),
            margin: if has_cost {
                round_money(a.margin.value())
            } else {
                f64::NAN
            },
            mean_days_between_orders: if a.orders > 1 {
                span / f64::from(a.orders - 1)
            } else {
                f64::NAN
            },
            gap_cv: gap_cv[c],
            recent_spend: round_money(a.recent.value()),
            previous_spend: round_money(a.previous.value()),
            last_year_spend: round_money(a.year.value()),
            categories: n_cats[c],
        });
    }
    FactTable {
        options: *options,
        as_of,
        has_cost,
        has_discount: lines.columns.discount,
        has_category: lines.columns.category,
        customers,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
