//! RFM scores 1-5.
//!
//! **Quintiles by rank** (the default): customers are sorted from worst to best on the metric
//! (recency: most days first; frequency and monetary: smallest first), ties broken by customer
//! key ascending (the earlier key is placed as the worse), and the customer at 0-based rank `i`
//! of `n` gets score `1 + ⌊5i / n⌋`. Every customer has exactly one score, and the five bins
//! differ in size by at most one even when values tie (frequency ties heavily: then customers with
//! the same value can sit in two adjacent bins; the reported edges show it). This is pandas'
//! `qcut(x.rank(method="first"), 5)` over a frame sorted by customer id.
//!
//! **Custom cut points**: four strictly ascending thresholds per metric. Frequency and monetary
//! score `1 + #{cuts ≤ value}`; recency scores `5 − #{cuts ≤ days}` (fewer days is better).

use crate::sort;
use serde::{Deserialize, Serialize};

use super::facts::CustomerFacts;

/// How the scores are binned.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Binning {
    #[default]
    Quintiles,
    /// Four ascending cut points per metric.
    Custom { recency: [f64; 4], frequency: [f64; 4], monetary: [f64; 4] },
}

/// Which metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Recency,
    Frequency,
    Monetary,
}

/// One score bin as realised: its customers and the range of values they have.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bin {
    pub score: u8,
    pub customers: u64,
    /// Smallest and largest metric value in the bin (NaN when empty).
    pub min: f64,
    pub max: f64,
}

/// The bins of one metric, score 1 first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Edges {
    pub metric: Metric,
    /// The cut points when custom; `None` for quintiles by rank.
    pub cuts: Option<[f64; 4]>,
    pub bins: Vec<Bin>,
}

/// Scores of every customer (in fact-table order) and the edges of each metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub r: Vec<u8>,
    pub f: Vec<u8>,
    pub m: Vec<u8>,
    pub edges: [Edges; 3],
}

/// Why custom cut points were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BinningError {
    #[error("the {0:?} cut points must be four finite numbers in strictly ascending order")]
    BadCuts(Metric),
}

impl BinningError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        "segment.bad_cuts"
    }
}

/// The metric value of a customer.
pub fn value(f: &CustomerFacts, metric: Metric) -> f64 {
    match metric {
        Metric::Recency => f64::from(f.recency_days),
        Metric::Frequency => f64::from(f.orders),
        Metric::Monetary => f.monetary,
    }
}

/// Scores 1-5 by quintile of rank. `keys` break ties (ascending key = worse). `higher_is_better`
/// is false for recency.
pub fn quintile_scores(values: &[f64], keys: &[&str], higher_is_better: bool) -> Vec<u8> {
    let n = values.len();
    let mut idx: Vec<usize> = (0..n).collect();
    sort::sort_total_by(&mut idx, |&a, &b| {
        let o = values[a].total_cmp(&values[b]);
        let o = if higher_is_better { o } else { o.reverse() };
        o.then_with(|| keys[a].cmp(keys[b])).then(a.cmp(&b))
    });
    let mut s = vec![0u8; n];
    for (rank, &i) in idx.iter().enumerate() {
        s[i] = 1 + (5 * rank / n) as u8;
    }
    s
}

/// Score by four ascending cut points.
pub fn cut_score(v: f64, cuts: &[f64; 4], higher_is_better: bool) -> u8 {
    let above = cuts.iter().filter(|&&c| v >= c).count() as u8;
    if higher_is_better {
        1 + above
    } else {
        5 - above
    }
}

fn check_cuts(c: &[f64; 4], m: Metric) -> Result<(), BinningError> {
    let ok = c.iter().all(|x| x.is_finite()) && c.windows(2).all(|w| w[0] < w[1]);
    if ok {
        Ok(())
    } else {
        Err(BinningError::BadCuts(m))
    }
}

fn edges(values: &[f64], scores: &[u8], metric: Metric, cuts: Option<[f64; 4]>) -> Edges {
    let mut bins: Vec<Bin> =
        (1..=5).map(|s| Bin { score: s, customers: 0, min: f64::INFINITY, max: f64::NEG_INFINITY }).collect();
    for (&v, &s) in values.iter().zip(scores) {
        let b = &mut bins[usize::from(s - 1)];
        b.customers += 1;
        b.min = b.min.min(v);
        b.max = b.max.max(v);
    }
    for b in &mut bins {
        if b.customers == 0 {
            b.min = f64::NAN;
            b.max = f64::NAN;
        }
    }
    Edges { metric, cuts, bins }
}

/// Scores every customer. `keys` are the customer keys, in the same order as `facts`.
pub fn score(facts: &[CustomerFacts], keys: &[&str], binning: &Binning) -> Result<Scores, BinningError> {
    let metrics = [Metric::Recency, Metric::Frequency, Metric::Monetary];
    let vals: Vec<Vec<f64>> = metrics.iter().map(|&m| facts.iter().map(|f| value(f, m)).collect()).collect();
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(3);
    let mut cuts_used = [None; 3];
    for (k, &m) in metrics.iter().enumerate() {
        let better_high = m != Metric::Recency;
        match binning {
            Binning::Quintiles => out.push(quintile_scores(&vals[k], keys, better_high)),
            Binning::Custom { recency, frequency, monetary } => {
                let c = [recency, frequency, monetary][k];
                check_cuts(c, m)?;
                cuts_used[k] = Some(*c);
                out.push(vals[k].iter().map(|&v| cut_score(v, c, better_high)).collect());
            }
        }
    }
    let edges = [
        edges(&vals[0], &out[0], Metric::Recency, cuts_used[0]),
        edges(&vals[1], &out[1], Metric::Frequency, cuts_used[1]),
        edges(&vals[2], &out[2], Metric::Monetary, cuts_used[2]),
    ];
    let m = out.pop().unwrap_or_default();
    let f = out.pop().unwrap_or_default();
    let r = out.pop().unwrap_or_default();
    Ok(Scores { r, f, m, edges })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quintiles_are_balanced_under_ties() {
        // Ten customers, seven with frequency 1: bins of two each, ties split by key.
        let v = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0, 5.0];
        let keys = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        let s = quintile_scores(&v, &keys, true);
        assert_eq!(s, vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        // Recency: fewer days is better; ties: the earlier key is worse.
        let r = quintile_scores(&[10.0, 10.0, 3.0, 0.0, 50.0], &["b", "a", "c", "d", "e"], false);
        assert_eq!(r, vec![3, 2, 4, 5, 1]);
        // Uneven n: sizes differ by at most one (7 → 2,1,2,1,1).
        let s = quintile_scores(&[1.0; 7], &["a", "b", "c", "d", "e", "f", "g"], true);
        assert_eq!(s, vec![1, 1, 2, 3, 3, 4, 5]);
    }

    #[test]
    fn cut_points() {
        let c = [2.0, 3.0, 5.0, 10.0];
        assert_eq!([1.0, 2.0, 4.0, 9.9, 10.0, 99.0].map(|v| cut_score(v, &c, true)), [1, 2, 3, 4, 5, 5]);
        let r = [30.0, 60.0, 90.0, 180.0];
        assert_eq!([0.0, 30.0, 89.0, 90.0, 365.0].map(|v| cut_score(v, &r, false)), [5, 4, 3, 2, 1]);
        assert!(check_cuts(&[1.0, 1.0, 2.0, 3.0], Metric::Frequency).is_err());
    }
}
