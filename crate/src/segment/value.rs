//! Customer profit, and the value and trend flags: most valuable, most growable, below zero,
//! deal seekers and declining customers.
//!
//! - **Profit** = margin − cost to serve when the files have a cost column, where the margin is
//!   computed from what was paid (list value − discounts, net of returns under the net
//!   convention) minus the cost of goods: so "margin − discounts − returns − cost to serve" with
//!   each subtracted once. Without a cost column, net sales stand in for margin. Cost to serve =
//!   orders × `cost_per_order` + return orders × `cost_per_return` (both 0 by default; set in
//!   the page).
//! - **Below zero**: profit < 0.
//! - **Most valuable**: the best ⌈`top_share`·n⌉ customers by profit (default 5%), profit > 0.
//! - **Most growable**: the best ⌈`top_share`·n⌉ by growth potential, potential > 0. With CLV
//!   predictions, potential = predicted CLV over the CLV horizon − spend in the last 365 days
//!   (expected future value − current value); without, the spend trend = recent-window spend −
//!   previous-window spend.
//! - **Deal seeker** (the seeds' "price-only transaction customer"): at least `deal_min_orders`
//!   orders (default 2), discount share of the list value ≥ `deal_discount_share` (default 20%)
//!   and share of purchase lines bought on discount ≥ `deal_line_share` (default 85%). Needs a
//!   discount column. Where the defaults come from:
//!   - the seed text defines the type as buying "almost only on discount": "almost only" is
//!     read as all but about one line in seven, hence 85% of lines, not
//!     a majority (which any coupon-heavy loyal customer reaches) and not 100% (one full-price
//!     line would clear a customer who plainly waits for deals);
//!   - two orders at least, since one order on promotion says nothing about a habit (the deal-
//!     proneness literature measures it over a purchase history: Webster 1965, Blattberg,
//!     Buesing, Peacock & Sen 1978);
//!   - 20% of the list value: a discount that is the usual depth of a promotion, so that a
//!     customer whose lines all carry a token 5% member discount is not a deal seeker.
//!
//!   The 85% and 20% are judgements, not measured constants, and the page lets the user set
//!   them. The demo store's planted deal seekers are generated without them (its generator,
//!   `crate::demo`, draws 95% of their lines at 20-40% off and 70% of Barnacles' lines at
//!   10-30% off, and reads no segmentation setting; it was written before these defaults).
//!   They were raised from 15% / 80% after the demo showed a fifth of its Barnacles over the
//!   old ones, so `crate/tests/segment_demo.rs` checks the recovery over a band of thresholds
//!   (75-90% of lines, 20-25% of the list value), not only at the defaults.
//! - **Declining**: still profitable (profit > 0), previous-window spend > 0, and recent-window
//!   spend fell by at least `decline_drop` (default 50%) against it; a customer who stopped
//!   buying in the recent window fell by 100%.

use serde::{Deserialize, Serialize};

use super::facts::CustomerFacts;

/// Flag keys, in bit order.
pub const FLAGS: [&str; 5] = ["most_valuable", "most_growable", "below_zero", "deal_seeker", "declining"];
pub const MOST_VALUABLE: u8 = 1;
pub const MOST_GROWABLE: u8 = 2;
pub const BELOW_ZERO: u8 = 4;
pub const DEAL_SEEKER: u8 = 8;
pub const DECLINING: u8 = 16;

/// Settings of the value and trend flags (defaults in the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ValueOptions {
    pub cost_per_order: f64,
    pub cost_per_return: f64,
    pub top_share: f64,
    pub deal_discount_share: f64,
    pub deal_line_share: f64,
    pub deal_min_orders: u32,
    pub decline_drop: f64,
}

impl Default for ValueOptions {
    fn default() -> Self {
        ValueOptions {
            cost_per_order: 0.0,
            cost_per_return: 0.0,
            top_share: 0.05,
            deal_discount_share: 0.2,
            deal_line_share: 0.85,
            deal_min_orders: 2,
            decline_drop: 0.5,
        }
    }
}

/// The profit of a customer (see the module documentation).
pub fn profit(f: &CustomerFacts, has_cost: bool, o: &ValueOptions) -> f64 {
    let base = if has_cost { f.margin } else { f.net_sales };
    base - f64::from(f.orders) * o.cost_per_order - f64::from(f.return_orders) * o.cost_per_return
}

/// Whether a customer is a deal seeker.
pub fn is_deal_seeker(f: &CustomerFacts, o: &ValueOptions) -> bool {
    f.orders >= o.deal_min_orders
        && f.discount_share() >= o.deal_discount_share
        && f.discounted_line_share() >= o.deal_line_share
}

/// Whether a customer is declining, given its profit.
pub fn is_declining(f: &CustomerFacts, profit: f64, o: &ValueOptions) -> bool {
    profit > 0.0 && f.previous_spend > 0.0 && f.recent_spend <= f.previous_spend * (1.0 - o.decline_drop)
}

/// Counts of each flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlagCount {
    pub key: &'static str,
    pub customers: u64,
    /// False when the data cannot support the flag (deal seekers without a discount column).
    pub available: bool,
    /// The column that would enable it, when not available.
    pub needs: Option<&'static str>,
}

/// The flags of every customer, as bits ([`MOST_VALUABLE`] ...). `ids` are the customers' ids:
/// exact ties at the top-share cut go to the lower id (as text), whatever the row order.
pub fn flags(
    facts: &[CustomerFacts],
    ids: &[&str],
    profit: &[f64],
    growth: &[f64],
    has_discount: bool,
    o: &ValueOptions,
) -> Vec<u8> {
    let n = facts.len();
    let k = ((o.top_share.clamp(0.0, 1.0) * n as f64) - 1e-9).ceil().max(0.0) as usize;
    let mut bits = vec![0u8; n];
    // The best k with a value above 0, in the tiers' order (ties by id).
    let top = |v: &[f64]| -> Vec<usize> {
        super::tiers::rank_desc(v, ids).into_iter().filter(|&i| v[i] > 0.0).take(k).collect()
    };
    for i in top(profit) {
        bits[i] |= MOST_VALUABLE;
    }
    for i in top(growth) {
        bits[i] |= MOST_GROWABLE;
    }
    for (i, f) in facts.iter().enumerate() {
        if profit[i] < 0.0 {
            bits[i] |= BELOW_ZERO;
        }
        if has_discount && is_deal_seeker(f, o) {
            bits[i] |= DEAL_SEEKER;
        }
        if is_declining(f, profit[i], o) {
            bits[i] |= DECLINING;
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(
        orders: u32,
        gross: f64,
        discount: f64,
        lines: u32,
        discounted: u32,
        recent: f64,
        previous: f64,
    ) -> CustomerFacts {
        CustomerFacts {
            customer: 0,
            first_purchase: 0,
            last_purchase: 0,
            recency_days: 0,
            tenure_days: 0,
            active_span_days: 0.0,
            orders,
            return_orders: 1,
            purchase_lines: lines,
            discounted_lines: discounted,
            items: 0.0,
            gross_sales: gross,
            returns: -10.0,
            net_sales: gross - 10.0,
            monetary: gross - 10.0,
            discount,
            margin: (gross - 10.0) * 0.3,
            mean_days_between_orders: f64::NAN,
            gap_cv: f64::NAN,
            recent_spend: recent,
            previous_spend: previous,
            last_year_spend: 0.0,
            categories: 0,
        }
    }

    #[test]
    fn deal_seekers_decliners_and_profit() {
        let o = ValueOptions { cost_per_order: 2.0, cost_per_return: 5.0, ..ValueOptions::default() };
        // 300 paid + 100 off = 25% off the list value; 9 of 10 lines discounted.
        let d = facts(4, 300.0, 100.0, 10, 9, 0.0, 0.0);
        assert!((d.discount_share() - 0.25).abs() < 1e-12);
        assert!(is_deal_seeker(&d, &o));
        // 7 of 10 lines: not enough.
        assert!(!is_deal_seeker(&facts(4, 300.0, 100.0, 10, 7, 0.0, 0.0), &o));
        // 10% off: not enough.
        assert!(!is_deal_seeker(&facts(4, 900.0, 100.0, 10, 10, 0.0, 0.0), &o));
        // Profit: margin 87 − 4 orders × 2 − 1 return × 5 = 74; net sales basis 290 − 13 = 277.
        assert!((profit(&d, true, &o) - 74.0).abs() < 1e-9);
        assert!((profit(&d, false, &o) - 277.0).abs() < 1e-9);
        // Declining: fell 60% (yes), 40% (no), stopped (yes), unprofitable (no).
        let fell = facts(4, 300.0, 0.0, 10, 0, 40.0, 100.0);
        assert!(is_declining(&fell, 1.0, &o));
        assert!(!is_declining(&facts(4, 300.0, 0.0, 10, 0, 60.0, 100.0), 1.0, &o));
        assert!(is_declining(&facts(4, 300.0, 0.0, 10, 0, 0.0, 100.0), 1.0, &o));
        assert!(!is_declining(&fell, -1.0, &o));
        assert!(is_declining(&facts(4, 300.0, 0.0, 10, 0, 50.0, 100.0), 1.0, &o));
    }

    #[test]
    fn top_flags() {
        let f: Vec<CustomerFacts> = (0..40).map(|_| facts(1, 10.0, 0.0, 1, 0, 0.0, 0.0)).collect();
        let profit: Vec<f64> = (0..40).map(|i| f64::from(i) - 5.0).collect();
        let growth = vec![0.0; 40];
        let ids: Vec<String> = (0..f.len()).map(|i| i.to_string()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let b = flags(&f, &ids, &profit, &growth, true, &ValueOptions::default());
        // 5% of 40 = 2 most valuable: the two largest profits.
        let mv: Vec<usize> = (0..40).filter(|&i| b[i] & MOST_VALUABLE != 0).collect();
        assert_eq!(mv, vec![38, 39]);
        assert_eq!((0..40).filter(|&i| b[i] & BELOW_ZERO != 0).count(), 5);
        assert_eq!((0..40).filter(|&i| b[i] & MOST_GROWABLE != 0).count(), 0);
    }
}
