//! The loyalty × profitability quadrant (Reinartz & Kumar, "The Mismanagement of Customer
//! Loyalty", HBR 2002): 知己 True Friends (profitable, loyal), 蝴蝶 Butterflies (profitable, not
//! loyal), 藤壶 Barnacles (loyal, low profit), 过客 Strangers (neither).
//!
//! - **Profitability** is the customer's margin when the files have a cost column, else net sales
//!   (the result says which).
//! - **Loyalty** ([`LoyaltyBasis::Behaviour`], the default) is the mean of three percentile ranks
//!   among the customers, each in [0, 1] with ties at their mid-rank:
//!   1. frequency: orders;
//!   2. regularity: 1 / (1 + CV of the gaps between orders) with three orders or more; 0.5 with
//!      two (one gap is not yet a rhythm); 0 with one;
//!   3. tenure: the active span, days from first to last purchase (R&K's lifetime duration).
//!
//!   With [`LoyaltyBasis::PAlive`] it is BG/NBD's P(alive) from the CLV analysis.
//! - **Splits**: by default the medians of the two axes; a customer is high on an axis when
//!   strictly above the split (ties go low). Both splits can be set.

use crate::sort;
use serde::{Deserialize, Serialize};

use super::facts::CustomerFacts;

/// Quadrant keys, in index order.
pub const QUADRANTS: [&str; 4] = ["true_friends", "butterflies", "barnacles", "strangers"];

/// What the loyalty axis measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoyaltyBasis {
    #[default]
    Behaviour,
    /// BG/NBD P(alive), when CLV predictions are given to the analysis.
    PAlive,
}

/// Settings of the quadrant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct QuadrantOptions {
    pub loyalty: LoyaltyBasis,
    /// Profitability split; default the median.
    pub profit_split: Option<f64>,
    /// Loyalty split; default the median.
    pub loyalty_split: Option<f64>,
    /// Most points in the scatter (default 2,000).
    pub max_points: Option<usize>,
}

/// One point of the scatter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Point {
    pub loyalty: f64,
    pub profit: f64,
    /// Quadrant index into [`QUADRANTS`].
    pub quadrant: u8,
}

/// One quadrant's size.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuadrantSize {
    pub key: &'static str,
    pub customers: u64,
    pub customer_share: f64,
    pub sales: f64,
    pub sales_share: f64,
    pub profit: f64,
}

/// The quadrant view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quadrant {
    /// `margin` or `net_sales`.
    pub profit_basis: &'static str,
    /// The loyalty basis actually used (`PAlive` falls back to behaviour without predictions).
    pub loyalty_basis: LoyaltyBasis,
    pub profit_split: f64,
    pub loyalty_split: f64,
    pub sizes: Vec<QuadrantSize>,
    /// Every k-th customer (in customer order), at most `max_points`.
    pub points: Vec<Point>,
    /// Customers with profit ≤ 0 (not drawable on a log scale).
    pub non_positive_profit: u64,
}

/// Percentile ranks in [0, 1] with ties at their mid-rank (0.5 for a single customer).
pub fn percentile_ranks(v: &[f64]) -> Vec<f64> {
    let n = v.len();
    let mut idx: Vec<usize> = (0..n).collect();
    // Ties all get the same mid-rank, in any order.
    sort::sort_total_by(&mut idx, |&a, &b| v[a].total_cmp(&v[b]));
    let mut out = vec![0.5; n];
    if n < 2 {
        return out;
    }
    let mut k = 0;
    while k < n {
        let mut e = k;
        while e + 1 < n && v[idx[e + 1]].total_cmp(&v[idx[k]]).is_eq() {
            e += 1;
        }
        let mid = (k + e) as f64 / 2.0 / (n - 1) as f64;
        for &i in &idx[k..=e] {
            out[i] = mid;
        }
        k = e + 1;
    }
    out
}

/// The behavioural loyalty score of every customer (see the module documentation).
pub fn behaviour_loyalty(facts: &[CustomerFacts]) -> Vec<f64> {
    let freq: Vec<f64> = facts.iter().map(|f| f64::from(f.orders)).collect();
    let reg: Vec<f64> = facts
        .iter()
        .map(|f| match f.orders {
            0 | 1 => 0.0,
            2 => 0.5,
            _ => 1.0 / (1.0 + if f.gap_cv.is_finite() { f.gap_cv } else { 0.0 }),
        })
        .collect();
    let span: Vec<f64> = facts.iter().map(|f| f.active_span_days).collect();
    let (a, b, c) = (percentile_ranks(&freq), percentile_ranks(&reg), percentile_ranks(&span));
    (0..facts.len()).map(|i| (a[i] + b[i] + c[i]) / 3.0).collect()
}

/// The median split of an axis ([`crate::num::median`]), and 0 when there are no customers:
/// nobody is then on either side, and the split is only reported.
pub fn median(v: &[f64]) -> f64 {
    crate::num::median(&mut v.to_vec()).unwrap_or(0.0)
}

/// The quadrant index: high profit and loyalty → 0 (True Friends) ... neither → 3 (Strangers).
pub fn quadrant_of(profit_high: bool, loyalty_high: bool) -> u8 {
    match (profit_high, loyalty_high) {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 3,
    }
}

/// Assigns every customer a quadrant and builds the view. `profit` is the profitability axis,
/// `loyalty` the loyalty axis, `sales` the net sales for the sales share.
pub fn quadrant(
    profit: &[f64],
    loyalty: &[f64],
    sales: &[f64],
    profit_basis: &'static str,
    loyalty_basis: LoyaltyBasis,
    options: &QuadrantOptions,
) -> (Quadrant, Vec<u8>) {
    let ps = options.profit_split.unwrap_or_else(|| median(profit));
    let ls = options.loyalty_split.unwrap_or_else(|| median(loyalty));
    let n = profit.len();
    let q: Vec<u8> = (0..n).map(|i| quadrant_of(profit[i] > ps, loyalty[i] > ls)).collect();
    let total_sales: f64 = sales.iter().sum();
    let mut sizes: Vec<QuadrantSize> = QUADRANTS
        .iter()
        .map(|&key| QuadrantSize { key, customers: 0, customer_share: 0.0, sales: 0.0, sales_share: 0.0, profit: 0.0 })
        .collect();
    for i in 0..n {
        let s = &mut sizes[usize::from(q[i])];
        s.customers += 1;
        s.sales += sales[i];
        s.profit += profit[i];
    }
    for s in &mut sizes {
        s.customer_share = if n > 0 { s.customers as f64 / n as f64 } else { 0.0 };
        s.sales_share = if total_sales != 0.0 { s.sales / total_sales } else { 0.0 };
    }
    let max_points = options.max_points.unwrap_or(2_000).max(1);
    let stride = n.div_ceil(max_points).max(1);
    let points =
        (0..n).step_by(stride).map(|i| Point { loyalty: loyalty[i], profit: profit[i], quadrant: q[i] }).collect();
    let non_positive_profit = profit.iter().filter(|&&p| p <= 0.0).count() as u64;
    let view = Quadrant {
        profit_basis,
        loyalty_basis,
        profit_split: ps,
        loyalty_split: ls,
        sizes,
        points,
        non_positive_profit,
    };
    (view, q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_quadrants() {
        assert_eq!(percentile_ranks(&[3.0, 1.0, 1.0, 7.0, 5.0]), vec![0.5, 0.125, 0.125, 1.0, 0.75]);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        // Four customers, one per quadrant, splits at the medians (profit 25, loyalty 0.5).
        let profit = [100.0, 50.0, 1.0, -5.0];
        let loyalty = [0.9, 0.1, 0.8, 0.2];
        let sales = [100.0, 50.0, 30.0, 20.0];
        let (v, q) =
            quadrant(&profit, &loyalty, &sales, "net_sales", LoyaltyBasis::Behaviour, &QuadrantOptions::default());
        assert_eq!(q, vec![0, 1, 2, 3]);
        assert_eq!((v.profit_split, v.loyalty_split), (25.5, 0.5));
        assert_eq!(v.sizes[2].sales_share, 0.15);
        assert_eq!(v.non_positive_profit, 1);
        // A user split moves customer 1 to the Strangers.
        let o = QuadrantOptions { profit_split: Some(60.0), ..QuadrantOptions::default() };
        let (_, q) = quadrant(&profit, &loyalty, &sales, "net_sales", LoyaltyBasis::Behaviour, &o);
        assert_eq!(q, vec![0, 3, 2, 3]);
    }
}
