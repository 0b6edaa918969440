//! Value tiers A/B/C/D, heavy / medium / light, deciles and Pareto shares, Lorenz curve and Gini.
//!
//! All rankings here sort customers by value, best first, ties broken by position in the fact
//! table (customer id order), so they are deterministic.

use crate::sort;
use serde::{Deserialize, Serialize};

/// Tier keys, A first.
pub const TIERS: [&str; 4] = ["A", "B", "C", "D"];
/// Heavy / medium / light keys.
pub const USAGE: [&str; 3] = ["heavy", "medium", "light"];

/// Settings of the tiers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TierOptions {
    /// Cumulative shares of the positive contribution closing tiers A, B and C (default 50/80/95%).
    pub cuts: [f64; 3],
    /// Shares of customers that are heavy and medium (default 20% and 30%; the rest are light).
    pub heavy: f64,
    pub medium: f64,
}

impl Default for TierOptions {
    fn default() -> Self {
        TierOptions { cuts: [0.5, 0.8, 0.95], heavy: 0.2, medium: 0.3 }
    }
}

impl TierOptions {
    /// Whether the shares are usable: 0 < A < B < C ≤ 1, heavy, medium ≥ 0 with sum ≤ 1.
    pub fn is_valid(&self) -> bool {
        let c = self.cuts;
        c.iter().all(|x| x.is_finite())
            && 0.0 < c[0]
            && c[0] < c[1]
            && c[1] < c[2]
            && c[2] <= 1.0
            && self.heavy >= 0.0
            && self.medium >= 0.0
            && self.heavy + self.medium <= 1.0
    }
}

/// Customer positions sorted by value, best first, exact ties by customer id as text (then by
/// position, for equal ids): the order of the segment goldens and of warehouse SQL's
/// `ORDER BY value DESC, id`, so deciles, tiers and top shares do not depend on the order in
/// which the customers were read (a raw file and its warehouse summaries agree).
pub fn rank_desc(values: &[f64], ids: &[&str]) -> Vec<usize> {
    debug_assert_eq!(values.len(), ids.len());
    let mut idx: Vec<usize> = (0..values.len()).collect();
    sort::sort_total_by(&mut idx, |&a, &b| {
        values[b].total_cmp(&values[a]).then_with(|| ids[a].cmp(ids[b])).then(a.cmp(&b))
    });
    idx
}

/// Value tiers: walking from the best customer, a customer is in tier A while the cumulative
/// contribution *before* it is under `cuts[0]` of the total positive contribution (so the
/// customer who crosses 50% is in A), B under `cuts[1]`, C under `cuts[2]`, D after. Customers
/// with a contribution ≤ 0 are always D. Returns the tier index (0 = A) per customer.
pub fn value_tiers(values: &[f64], order: &[usize], cuts: [f64; 3]) -> Vec<u8> {
    let total: f64 = values.iter().filter(|&&v| v > 0.0).sum();
    let mut tier = vec![3u8; values.len()];
    let mut cum = 0.0;
    for &i in order {
        let v = values[i];
        if v <= 0.0 || total <= 0.0 {
            break;
        }
        let share = cum / total;
        tier[i] = cuts.iter().position(|&c| share < c).unwrap_or(3) as u8;
        cum += v;
    }
    tier
}

/// Heavy / medium / light by customer rank: the best ⌈heavy·n⌉ customers are heavy, the next
/// up to ⌈(heavy + medium)·n⌉ medium, the rest light.
pub fn usage_groups(order: &[usize], heavy: f64, medium: f64) -> Vec<u8> {
    let n = order.len();
    let h = ((heavy * n as f64) - 1e-9).ceil().max(0.0) as usize;
    let hm = (((heavy + medium) * n as f64) - 1e-9).ceil().max(0.0) as usize;
    let mut g = vec![2u8; n];
    for (rank, &i) in order.iter().enumerate() {
        g[i] = if rank < h {
            0
        } else if rank < hm {
            1
        } else {
            2
        };
    }
    g
}

/// One group of customers in a decile analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decile {
    /// 1 = the best.
    pub decile: u8,
    pub customers: u64,
    pub sales: f64,
    pub sales_share: f64,
    pub profit: f64,
    pub profit_share: f64,
}

/// Monetary deciles: customers ranked best first by `sales`, cut into 10 groups of equal count
/// as SQL's `NTILE(10)` does, so that warehouse queries and spreadsheets give the same groups:
/// with `n = 10·q + r` customers, the first `r` deciles hold `q + 1` customers and the others
/// `q` (4,338 customers: 434 × 8, then 433 × 2). With fewer than 10 customers, deciles 1 to `n`
/// hold one each. Returns the groups, with each one's share of total sales and total profit,
/// and each customer's decile (see [`ntile`]).
pub fn monetary_deciles(sales: &[f64], profit: &[f64], order: &[usize]) -> (Vec<Decile>, Vec<u8>) {
    let n = order.len();
    let mut d = vec![0u8; n];
    let mut out: Vec<Decile> = (1..=10)
        .map(|k| Decile { decile: k, customers: 0, sales: 0.0, profit: 0.0, sales_share: 0.0, profit_share: 0.0 })
        .collect();
    for (rank, &i) in order.iter().enumerate() {
        let k = usize::from(ntile(rank, n, 10)) - 1;
        d[i] = k as u8 + 1;
        out[k].customers += 1;
        out[k].sales += sales[i];
        out[k].profit += profit[i];
    }
    let (ts, tp): (f64, f64) = (sales.iter().sum(), profit.iter().sum());
    for g in &mut out {
        g.sales_share = if ts != 0.0 { g.sales / ts } else { 0.0 };
        g.profit_share = if tp != 0.0 { g.profit / tp } else { 0.0 };
    }
    (out, d)
}

/// SQL's `NTILE(groups)` of the 0-based `rank` among `n` ranked rows (1 = first group): the
/// first `n mod groups` groups hold one row more than the others.
pub fn ntile(rank: usize, n: usize, groups: usize) -> u8 {
    let (q, r) = (n / groups, n % groups);
    let big = r * (q + 1);
    let k = if rank < big { rank / (q + 1) } else { r + (rank - big) / q.max(1) };
    (k.min(groups - 1) + 1) as u8
}

/// One tenth of sales in a purchase decile analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SalesTenth {
    /// 1 = the tenth made by the best customers.
    pub part: u8,
    /// Customers whose cumulative sales (best first, before them) fall in this tenth.
    pub customers: u64,
    pub customer_share: f64,
}

/// Purchase deciles: total positive sales cut into 10 equal parts; walking from the best
/// customer, a customer belongs to the part where the cumulative sales before it fall. A part
/// can hold no customer (one customer making over 10%). Customers with sales ≤ 0 are in part 10.
pub fn purchase_deciles(sales: &[f64], order: &[usize]) -> Vec<SalesTenth> {
    let total: f64 = sales.iter().filter(|&&v| v > 0.0).sum();
    let mut count = [0u64; 10];
    let mut cum = 0.0;
    for &i in order {
        let part =
            if total > 0.0 && sales[i] > 0.0 { ((cum / total) * 10.0).floor().clamp(0.0, 9.0) as usize } else { 9 };
        count[part] += 1;
        if sales[i] > 0.0 {
            cum += sales[i];
        }
    }
    let n = order.len().max(1) as f64;
    (0..10)
        .map(|k| SalesTenth { part: k as u8 + 1, customers: count[k], customer_share: count[k] as f64 / n })
        .collect()
}

/// The share of total sales (and profit) of the best `percent` of customers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopShare {
    pub percent: f64,
    /// ⌈percent · n / 100⌉.
    pub customers: u64,
    pub sales_share: f64,
    pub profit_share: f64,
}

/// Shares of the top 1, 5, 10 and 20% of customers (ranked by `sales`).
pub fn top_shares(sales: &[f64], profit: &[f64], order: &[usize]) -> Vec<TopShare> {
    let (ts, tp): (f64, f64) = (sales.iter().sum(), profit.iter().sum());
    [1.0, 5.0, 10.0, 20.0]
        .iter()
        .map(|&p| {
            let k = ((p * order.len() as f64 / 100.0) - 1e-9).ceil().max(0.0) as usize;
            let s: f64 = order[..k].iter().map(|&i| sales[i]).sum();
            let q: f64 = order[..k].iter().map(|&i| profit[i]).sum();
            TopShare {
                percent: p,
                customers: k as u64,
                sales_share: if ts != 0.0 { s / ts } else { 0.0 },
                profit_share: if tp != 0.0 { q / tp } else { 0.0 },
            }
        })
        .collect()
}

/// A point of the Lorenz curve: the poorest `customers` share hold `value` share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LorenzPoint {
    pub customers: f64,
    pub value: f64,
}

/// The Lorenz curve and the Gini coefficient of `values`, negative values counted as 0 (a
/// customer who returned more than they bought holds nothing). The curve runs from (0, 0) to
/// (1, 1), downsampled to at most `max_points + 1` points at evenly spaced customer ranks; the
/// Gini is computed exactly over all customers: `G = 2·Σ i·x₍ᵢ₎ / (n·Σx) − (n + 1)/n` with
/// `x` ascending and `i` from 1. Gini is 0 when the total is 0.
pub fn lorenz(values: &[f64], max_points: usize) -> (Vec<LorenzPoint>, f64) {
    let mut x: Vec<f64> = values.iter().map(|&v| v.max(0.0)).collect();
    sort::sort_total_by(&mut x, f64::total_cmp);
    let n = x.len();
    let total: f64 = x.iter().sum();
    if n == 0 || total <= 0.0 {
        return (vec![LorenzPoint { customers: 0.0, value: 0.0 }, LorenzPoint { customers: 1.0, value: 1.0 }], 0.0);
    }
    let mut cum = Vec::with_capacity(n + 1);
    cum.push(0.0);
    let mut s = 0.0;
    let mut weighted = 0.0;
    for (i, &v) in x.iter().enumerate() {
        s += v;
        weighted += (i + 1) as f64 * v;
        cum.push(s);
    }
    let nf = n as f64;
    let gini = 2.0 * weighted / (nf * total) - (nf + 1.0) / nf;
    let steps = max_points.max(1).min(n);
    let points = (0..=steps)
        .map(|k| {
            let i = k * n / steps;
            LorenzPoint { customers: i as f64 / nf, value: cum[i] / total }
        })
        .collect();
    (points, gini)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_by_cumulative_share() {
        // Total 100: 40 (before 0 → A), 30 (before 40% → A), 15 (70% → B), 10 (85% → C),
        // 5 (95% → D), −3 (D).
        let v = [10.0, 40.0, 5.0, 30.0, -3.0, 15.0];
        let ids = ["a", "b", "c", "d", "e", "f"];
        let order = rank_desc(&v, &ids);
        assert_eq!(order, vec![1, 3, 5, 0, 2, 4]);
        assert_eq!(value_tiers(&v, &order, [0.5, 0.8, 0.95]), vec![2, 0, 3, 0, 3, 1]);
        // 10 customers: 2 heavy, 3 medium, 5 light.
        let w: Vec<f64> = (0..10).map(f64::from).collect();
        let g = usage_groups(&rank_desc(&w, &["x"; 10]), 0.2, 0.3);
        assert_eq!(g, vec![2, 2, 2, 2, 2, 1, 1, 1, 0, 0]);
    }

    #[test]
    fn exact_ties_rank_by_id_not_by_read_order() {
        // Two customers tied exactly: "12748" ranks before "17841" whichever was read first, so
        // their deciles do not depend on the order of the file's rows.
        let v = [1353.74, 10.0, 1353.74];
        assert_eq!(rank_desc(&v, &["17841", "9", "12748"]), vec![2, 0, 1]);
        assert_eq!(rank_desc(&[1353.74, 1353.74, 10.0], &["12748", "17841", "9"]), vec![0, 1, 2]);
        // Ids compare as text, as the goldens' "ties by CustomerID ascending (as text)".
        assert_eq!(rank_desc(&[5.0, 5.0], &["9", "10"]), vec![1, 0]);
    }

    #[test]
    fn gini_and_lorenz() {
        let (p, g) = lorenz(&[1.0, 2.0, 3.0, 4.0], 4);
        assert!((g - 0.25).abs() < 1e-12);
        let v: Vec<f64> = p.iter().map(|q| q.value).collect();
        assert_eq!(v, vec![0.0, 0.1, 0.3, 0.6, 1.0]);
        assert!(lorenz(&[5.0; 7], 100).1.abs() < 1e-12);
        // One customer holds everything: G = (n − 1)/n.
        assert!((lorenz(&[0.0, 0.0, 0.0, 8.0], 10).1 - 0.75).abs() < 1e-12);
    }

    #[test]
    fn deciles_and_tenths() {
        // 20 customers with sales 1..20: decile 1 = {20, 19}.
        let s: Vec<f64> = (1..=20).map(f64::from).collect();
        let ids: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let order = rank_desc(&s, &ids);
        let (d, per) = monetary_deciles(&s, &s, &order);
        assert_eq!(d[0].customers, 2);
        assert!((d[0].sales_share - 39.0 / 210.0).abs() < 1e-12);
        assert_eq!(per[19], 1);
        assert_eq!(per[0], 10);
        let total: f64 = d.iter().map(|g| g.sales_share).sum();
        // NTILE(10): 23 customers are 3, 3, 3, then 2 × 7; 4 customers fill deciles 1-4.
        let sizes = |n: usize| {
            let mut c = [0usize; 10];
            (0..n).for_each(|r| c[usize::from(ntile(r, n, 10)) - 1] += 1);
            c
        };
        assert_eq!(sizes(23), [3, 3, 3, 2, 2, 2, 2, 2, 2, 2]);
        assert_eq!(sizes(4), [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(sizes(4_338), [434, 434, 434, 434, 434, 434, 434, 434, 433, 433]);
        assert_eq!(sizes(0), [0; 10]);
        assert!((total - 1.0).abs() < 1e-12);
        // Sales 50, 30, 10, 10: tenths of 100 → 50 covers parts 1-5 (counted in part 1).
        let t = purchase_deciles(&[50.0, 30.0, 10.0, 10.0], &[0, 1, 2, 3]);
        let c: Vec<u64> = t.iter().map(|x| x.customers).collect();
        assert_eq!(c, vec![1, 0, 0, 0, 0, 1, 0, 0, 1, 1]);
        let top = top_shares(&s, &s, &order);
        assert_eq!(top[3].customers, 4);
        assert!((top[3].sales_share - 74.0 / 210.0).abs() < 1e-12);
    }
}
