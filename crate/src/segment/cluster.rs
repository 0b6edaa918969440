//! Clusters: k-means++ on standardised log R, F and M (optionally with numeric attributes such as
//! age), k chosen by silhouette, each cluster profiled and given a suggested name.
//!
//! ## Features
//!
//! Every customer is a point with one coordinate per feature:
//!
//! - `log(1 + R)`, `log(1 + F)`, `log(1 + M)` where R is recency in days, F frequency (orders) and
//!   M monetary (money). The log tames the long right tails of F and M. A negative value (net
//!   sales below zero after returns) is sign-preserved: `−log(1 + |x|)`.
//! - Optional extra columns ([`ExtraColumn`]), log-transformed or used as given. Unknown values
//!   (NaN, infinite) are set to the column's mean of the known values and counted
//!   ([`Feature::imputed`]); an unknown R, F or M is treated the same way.
//!
//! Each coordinate is then standardised: `(x − mean) / sd` (population sd; a constant column
//! becomes 0), so every feature weighs the same.
//!
//! ## Algorithm
//!
//! - **k-means++** seeding (Arthur & Vassilvitskii 2007): the first centre uniformly at random,
//!   each next centre with probability proportional to the squared distance to the nearest
//!   centre already chosen.
//! - **Lloyd** iterations: assign each point to its nearest centre (ties to the lower index),
//!   move each centre to the mean of its points; stop when no assignment changes
//!   ([`KScore::converged`]) or after [`ClusterParams::max_iterations`]. An empty cluster takes
//!   the point farthest from its own centre (among clusters with two or more points).
//! - [`ClusterParams::restarts`] seedings per k; the one with the lowest inertia (sum of squared
//!   distances to the centres) is kept.
//! - **k** is the one with the highest mean silhouette over `k_min..=k_max` (ties to the smaller
//!   k), unless fixed. The silhouette of a point is `(b − a) / max(a, b)`, with `a` its mean
//!   distance to the other points of its cluster and `b` the smallest mean distance to another
//!   cluster's points; 0 for a point alone in its cluster (Rousseeuw 1987). When there are more
//!   customers than [`ClusterParams::silhouette_sample`], silhouettes are computed on a fixed
//!   sample of that size (drawn with a constant seed, the same for every run and every k), as
//!   scikit-learn's `silhouette_score(sample_size=…)` does; [`Clustering::silhouette_sampled`]
//!   says so.
//!
//! ## Reproducibility
//!
//! The random seed is [`ClusterParams::seed`] when given, else drawn from the operating system
//! (`getrandom`; in the browser, Web Crypto) and reported in [`Clustering::seed`]. The draws come
//! from SplitMix64, and the logarithm is computed here with basic arithmetic only
//! ([`det_ln`]), so the same seed gives bit-identical labels natively and in WebAssembly.
//!
//! ## Output order
//!
//! Clusters are numbered by descending mean monetary (ties: descending mean frequency, then
//! ascending mean recency); [`Clustering::labels`] follows the input order.
//!
//! ```
//! use clientele::segment::cluster::{cluster, ClusterInput, ClusterParams};
//! // Two obvious groups: recent frequent big spenders and lapsed one-timers.
//! let r = [1.0, 2.0, 3.0, 2.0, 300.0, 310.0, 320.0, 305.0];
//! let f = [20.0, 25.0, 22.0, 30.0, 1.0, 1.0, 2.0, 1.0];
//! let m = [5000.0, 6000.0, 5500.0, 7000.0, 20.0, 30.0, 25.0, 15.0];
//! let input = ClusterInput { recency_days: &r, frequency: &f, monetary: &m, extra: vec![] };
//! let c = cluster(&input, &ClusterParams { seed: Some(7), ..Default::default() }).unwrap();
//! assert_eq!(c.k, 2);
//! assert_eq!(c.labels, vec![0, 0, 0, 0, 1, 1, 1, 1]);
//! assert_eq!(c.clusters[0].name, "champions");
//! assert_eq!(c.clusters[1].name, "lost");
//! ```

use crate::sort;
use serde::{Deserialize, Serialize};

use crate::num::median;

/// Settings. Defaults in brackets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClusterParams {
    /// A fixed number of clusters; `None` chooses by silhouette [None].
    pub k: Option<usize>,
    /// Smallest and largest k tried [2, 8].
    pub k_min: usize,
    pub k_max: usize,
    /// Random seed; `None` draws one (reported) [None].
    pub seed: Option<u64>,
    /// Lloyd iterations per run at most [100].
    pub max_iterations: u32,
    /// k-means++ seedings per k; the lowest inertia wins [1, as scikit-learn's `n_init="auto"`
    /// does for k-means++ seeding].
    pub restarts: u32,
    /// Silhouettes are computed on at most this many customers [1500].
    pub silhouette_sample: usize,
}

impl Default for ClusterParams {
    fn default() -> Self {
        ClusterParams {
            k: None,
            k_min: 2,
            k_max: 8,
            seed: None,
            max_iterations: 100,
            restarts: 1,
            silhouette_sample: 1500,
        }
    }
}

/// How an extra column is transformed before standardising.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// `sign(x) · log(1 + |x|)`.
    Log1p,
    /// The value as given.
    Identity,
}

/// A numeric column added to R, F and M (one value per customer, NaN when unknown).
#[derive(Debug, Clone)]
pub struct ExtraColumn<'a> {
    pub name: String,
    pub values: &'a [f64],
    pub transform: Transform,
}

/// One value per customer in each slice, all the same length and order.
#[derive(Debug, Clone)]
pub struct ClusterInput<'a> {
    pub recency_days: &'a [f64],
    pub frequency: &'a [f64],
    pub monetary: &'a [f64],
    pub extra: Vec<ExtraColumn<'a>>,
}

/// Why no clustering could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClusterError {
    #[error("the column {column} has {found} values, but there are {expected} customers")]
    LengthMismatch { column: String, expected: usize, found: usize },
    #[error("clustering needs at least {needed} customers with different values, but there are {found}")]
    TooFewCustomers { needed: usize, found: usize },
    #[error("the cluster setting {name} is out of range: {detail}")]
    BadParam { name: &'static str, detail: &'static str },
    /// The seed typed by the user is not a whole number that fits 64 bits.
    #[error("the seed {value:?} must be a whole number from 0 to 18446744073709551615")]
    BadSeed { value: String },
}

impl ClusterError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        match self {
            ClusterError::LengthMismatch { .. } => "segment.cluster_length_mismatch",
            ClusterError::TooFewCustomers { .. } => "segment.cluster_too_few_customers",
            ClusterError::BadParam { .. } => "segment.cluster_bad_param",
            ClusterError::BadSeed { .. } => "segment.cluster_bad_seed",
        }
    }
}

impl crate::error::Coded for ClusterError {
    fn code(&self) -> &'static str {
        ClusterError::code(self)
    }
    fn params(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            ClusterError::LengthMismatch { column, expected, found } => {
                json!({ "column": column, "expected": expected, "found": found })
            }
            ClusterError::TooFewCustomers { needed, found } => json!({ "needed": needed, "found": found }),
            ClusterError::BadParam { name, detail } => json!({ "name": name, "detail": detail }),
            ClusterError::BadSeed { value } => json!({ "value": value }),
        }
    }
}

/// Where the seed came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeedSource {
    /// Given in the parameters.
    Given,
    /// Drawn from the operating system (or Web Crypto).
    Drawn,
    /// The system had no randomness to give: the constant 0 was used.
    Fallback,
}

/// One feature as used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Feature {
    /// `recency_days`, `frequency`, `monetary`, or the extra column's name.
    pub name: String,
    pub transform: Transform,
    /// Mean and population sd of the transformed values (the standardisation).
    pub mean: f64,
    pub sd: f64,
    /// Unknown values set to the mean.
    pub imputed: u64,
}

/// The quality of one k.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KScore {
    pub k: usize,
    /// Mean silhouette (over the sample when sampled), in −1..1.
    pub silhouette: f64,
    /// Sum of squared standardised distances to the centres (all customers).
    pub inertia: f64,
    /// Lloyd iterations of the kept run.
    pub iterations: u32,
    pub converged: bool,
}

/// One cluster's profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterProfile {
    pub cluster: usize,
    pub customers: u64,
    pub customer_share: f64,
    pub mean_recency_days: f64,
    pub median_recency_days: f64,
    pub mean_frequency: f64,
    pub median_frequency: f64,
    pub mean_monetary: f64,
    pub median_monetary: f64,
    /// Σ monetary of the cluster, and its share of Σ monetary over all customers (0 when that
    /// is 0).
    pub monetary_sum: f64,
    pub sales_share: f64,
    /// Mean of each extra column over the cluster's known values (`None` when none known).
    pub extra_means: Vec<Option<f64>>,
    /// The centre in standardised units, one value per feature (R, F, M, extras).
    pub centre: Vec<f64>,
    /// Position against the average customer, from the centre: more recent (standardised log R
    /// below 0), more frequent (log F above 0), higher spend (log M above 0).
    pub recent: bool,
    pub frequent: bool,
    pub high_spend: bool,
    /// Suggested name key from those three: `champions` (recent, frequent, high spend),
    /// `loyal_low_spend` (recent, frequent), `recent_big_spenders` (recent, high spend),
    /// `newcomers` (recent only), `cannot_lose` (frequent, high spend, not recent),
    /// `fading_regulars` (frequent only), `lapsed_big_spenders` (high spend only), `lost`
    /// (none). The page translates the key.
    pub name: &'static str,
}

/// The result: the silhouette curve, the chosen k, a label per customer and the profiles.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Clustering {
    pub seed: u64,
    pub seed_source: SeedSource,
    pub params: ClusterParams,
    pub k: usize,
    /// Whether k was fixed by the user (else chosen by silhouette).
    pub k_fixed: bool,
    /// One entry per k tried, ascending k.
    pub curve: Vec<KScore>,
    /// Customers the silhouettes were computed on, and whether that is a sample.
    pub silhouette_customers: usize,
    pub silhouette_sampled: bool,
    pub features: Vec<Feature>,
    /// Cluster of each customer, in input order.
    pub labels: Vec<usize>,
    /// One per cluster, in cluster order.
    pub clusters: Vec<ClusterProfile>,
}

/// The generator of the seeded draws (see [`crate::rng`]).
pub use crate::rng::SplitMix64;

/// Natural log computed with +, −, ×, ÷ only, so it gives the same bits on every platform
/// (`f64::ln` calls the platform's libm, which may differ in the last bit). Accurate to about
/// one unit in the last place. NaN for x < 0 or NaN; −∞ at 0; +∞ at +∞.
pub fn det_ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    // Normalise subnormals.
    let (x, extra) = if x < f64::MIN_POSITIVE { (x * (1u64 << 54) as f64, -54i64) } else { (x, 0) };
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023 + extra;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | (1023u64 << 52));
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    // ln m = 2 atanh(s), s = (m − 1) / (m + 1), |s| ≤ 0.1716: s²ⁿ falls below 1e-17 by n = 12.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = 0.0;
    for k in 0..14 {
        sum += term / f64::from(2 * k + 1);
        term *= s2;
    }
    2.0 * sum + e as f64 * std::f64::consts::LN_2
}

/// `sign(x) · log(1 + |x|)`, deterministic.
pub fn signed_log1p(x: f64) -> f64 {
    let l = det_ln(1.0 + x.abs());
    if x < 0.0 {
        -l
    } else {
        l
    }
}

/// Draws a seed from the system; `None` when it has none.
fn draw_seed() -> Option<u64> {
    getrandom::u64().ok()
}

/// Constant seed of the silhouette sample (the same sample for every run and every k).
const SAMPLE_SEED: u64 = 0x5EED_5A3F_1E5C_u64;

/// Clusters the customers (see the module docs).
pub fn cluster(input: &ClusterInput<'_>, params: &ClusterParams) -> Result<Clustering, ClusterError> {
    let n = input.recency_days.len();
    let mut columns: Vec<(String, &[f64], Transform)> = vec![
        ("recency_days".into(), input.recency_days, Transform::Log1p),
        ("frequency".into(), input.frequency, Transform::Log1p),
        ("monetary".into(), input.monetary, Transform::Log1p),
    ];
    columns.extend(input.extra.iter().map(|c| (c.name.clone(), c.values, c.transform)));
    for (name, values, _) in &columns {
        if values.len() != n {
            return Err(ClusterError::LengthMismatch { column: name.clone(), expected: n, found: values.len() });
        }
    }
    if params.k_min < 2 || params.k_max < params.k_min {
        return Err(ClusterError::BadParam { name: "kMin", detail: "k must run from at least 2 to at least kMin" });
    }
    if params.k.is_some_and(|k| k < 2) {
        return Err(ClusterError::BadParam { name: "k", detail: "a fixed k must be at least 2" });
    }
    if params.silhouette_sample < 2 {
        return Err(ClusterError::BadParam {
            name: "silhouetteSample",
            detail: "the sample needs at least 2 customers",
        });
    }
    let d = columns.len();
    // Transformed, imputed, standardised points, row-major.
    let mut features = Vec::with_capacity(d);
    let mut x = vec![0.0f64; n * d];
    for (j, (name, values, transform)) in columns.iter().enumerate() {
        let t: Vec<f64> = values
            .iter()
            .map(|&v| match transform {
                Transform::Log1p => signed_log1p(v),
                Transform::Identity => v,
            })
            .collect();
        let known: Vec<f64> = t.iter().copied().filter(|v| v.is_finite()).collect();
        let fill = if known.is_empty() { 0.0 } else { known.iter().sum::<f64>() / known.len() as f64 };
        let imputed = (n - known.len()) as u64;
        let mean = fill;
        let var =
            t.iter().map(|&v| if v.is_finite() { (v - mean) * (v - mean) } else { 0.0 }).sum::<f64>() / n.max(1) as f64;
        let sd = var.sqrt();
        for (i, &v) in t.iter().enumerate() {
            let v = if v.is_finite() { v } else { fill };
            x[i * d + j] = if sd > 0.0 { (v - mean) / sd } else { 0.0 };
        }
        features.push(Feature { name: name.clone(), transform: *transform, mean, sd, imputed });
    }
    let distinct = count_distinct(&x, d);
    let (k_lo, k_hi) = match params.k {
        Some(k) => (k, k),
        None => (params.k_min, params.k_max),
    };
    let k_hi = k_hi.min(distinct).min(n.saturating_sub(1));
    if k_hi < k_lo {
        return Err(ClusterError::TooFewCustomers { needed: k_lo.max(3), found: distinct.min(n) });
    }
    let (seed, seed_source) = match params.seed {
        Some(s) => (s, SeedSource::Given),
        None => match draw_seed() {
            Some(s) => (s, SeedSource::Drawn),
            None => (0, SeedSource::Fallback),
        },
    };
    let sample = silhouette_sample(n, params.silhouette_sample);
    let dist = pairwise(&x, d, &sample);
    let mut curve = Vec::new();
    let mut runs = Vec::new();
    for k in k_lo..=k_hi {
        // Each k has its own stream, so the labels at one k do not depend on the range tried.
        let mut rng = SplitMix64(seed ^ (k as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let mut best: Option<Run> = None;
        for _ in 0..params.restarts.max(1) {
            let run = kmeans(&x, n, d, k, params.max_iterations, &mut rng);
            if !best.as_ref().is_some_and(|b| run.inertia >= b.inertia) {
                best = Some(run);
            }
        }
        let Some(run) = best else { continue };
        let s = silhouette(&dist, &sample, &run.labels, k);
        curve.push(KScore {
            k,
            silhouette: s,
            inertia: run.inertia,
            iterations: run.iterations,
            converged: run.converged,
        });
        runs.push(run);
    }
    let best = curve.iter().enumerate().fold(0, |b, (i, s)| if s.silhouette > curve[b].silhouette { i } else { b });
    let run = runs.swap_remove(best);
    let k = curve[best].k;
    let (labels, clusters) = profiles(input, &columns, &x, d, k, &run);
    Ok(Clustering {
        seed,
        seed_source,
        params: *params,
        k,
        k_fixed: params.k.is_some(),
        curve,
        silhouette_customers: sample.len(),
        silhouette_sampled: sample.len() < n,
        features,
        labels,
        clusters,
    })
}

/// Number of distinct points (at most what k-means can separate).
fn count_distinct(x: &[f64], d: usize) -> usize {
    let mut rows: Vec<&[f64]> = x.chunks(d).collect();
    let cmp = |a: &&[f64], b: &&[f64]| {
        a.iter().zip(b.iter()).map(|(p, q)| p.total_cmp(q)).find(|o| o.is_ne()).unwrap_or(std::cmp::Ordering::Equal)
    };
    // Rows it calls equal are bitwise equal (and only counted).
    sort::sort_total_by(&mut rows, cmp);
    rows.dedup_by(|a, b| cmp(a, b).is_eq());
    rows.len()
}

/// The customers silhouettes are computed on: all when `n ≤ size`, else `size` of them drawn
/// with a constant seed (partial Fisher–Yates), ascending.
fn silhouette_sample(n: usize, size: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    if n <= size {
        return idx;
    }
    let mut rng = SplitMix64(SAMPLE_SEED);
    for i in 0..size {
        let j = i + rng.below(n - i);
        idx.swap(i, j);
    }
    idx.truncate(size);
    sort::sort_total(&mut idx);
    idx
}

fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(p, q)| (p - q) * (p - q)).sum()
}

/// Distances between sample points, upper triangle row by row: (i, j > i).
fn pairwise(x: &[f64], d: usize, sample: &[usize]) -> Vec<f64> {
    let s = sample.len();
    let mut out = Vec::with_capacity(s * s.saturating_sub(1) / 2);
    for a in 0..s {
        let p = &x[sample[a] * d..sample[a] * d + d];
        for &jb in &sample[a + 1..] {
            out.push(sq_dist(p, &x[jb * d..jb * d + d]).sqrt());
        }
    }
    out
}

/// Mean silhouette of the sample under `labels` (0 when no point has a neighbour cluster).
fn silhouette(dist: &[f64], sample: &[usize], labels: &[usize], k: usize) -> f64 {
    let s = sample.len();
    let lab: Vec<usize> = sample.iter().map(|&i| labels[i]).collect();
    let mut size = vec![0usize; k];
    for &l in &lab {
        size[l] += 1;
    }
    // sums[a * k + c]: Σ distance from sample point a to the sample points of cluster c.
    let mut sums = vec![0.0f64; s * k];
    let mut p = 0;
    for a in 0..s {
        for b in a + 1..s {
            let v = dist[p];
            p += 1;
            sums[a * k + lab[b]] += v;
            sums[b * k + lab[a]] += v;
        }
    }
    let mut total = 0.0;
    for a in 0..s {
        let own = lab[a];
        if size[own] <= 1 {
            continue; // silhouette 0
        }
        let ai = sums[a * k + own] / (size[own] - 1) as f64;
        let bi = (0..k)
            .filter(|&c| c != own && size[c] > 0)
            .map(|c| sums[a * k + c] / size[c] as f64)
            .fold(f64::INFINITY, f64::min);
        if bi.is_finite() {
            let m = ai.max(bi);
            if m > 0.0 {
                total += (bi - ai) / m;
            }
        }
    }
    if s == 0 {
        0.0
    } else {
        total / s as f64
    }
}

#[derive(Debug)]
struct Run {
    labels: Vec<usize>,
    inertia: f64,
    iterations: u32,
    converged: bool,
}

fn nearest(p: &[f64], centres: &[f64], d: usize) -> (usize, f64) {
    let mut best = (0, f64::INFINITY);
    for (c, centre) in centres.chunks(d).enumerate() {
        let v = sq_dist(p, centre);
        if v < best.1 {
            best = (c, v);
        }
    }
    best
}

/// k-means++ seeding, then Lloyd iterations.
fn kmeans(x: &[f64], n: usize, d: usize, k: usize, max_iterations: u32, rng: &mut SplitMix64) -> Run {
    let mut centres = Vec::with_capacity(k * d);
    let first = rng.below(n);
    centres.extend_from_slice(&x[first * d..first * d + d]);
    let mut d2: Vec<f64> = (0..n).map(|i| sq_dist(&x[i * d..i * d + d], &centres[..d])).collect();
    for _ in 1..k {
        let total: f64 = d2.iter().sum();
        let pick = if total > 0.0 {
            let target = rng.next_f64() * total;
            let mut acc = 0.0;
            let mut pick = n - 1;
            for (i, &v) in d2.iter().enumerate() {
                acc += v;
                if acc > target && v > 0.0 {
                    pick = i;
                    break;
                }
            }
            pick
        } else {
            rng.below(n)
        };
        let c = &x[pick * d..pick * d + d];
        centres.extend_from_slice(c);
        for (i, v) in d2.iter_mut().enumerate() {
            *v = v.min(sq_dist(&x[i * d..i * d + d], c));
        }
    }
    let mut labels = vec![usize::MAX; n];
    let mut iterations = 0;
    let mut converged = false;
    let mut dist = vec![0.0f64; n];
    while iterations < max_iterations {
        iterations += 1;
        let mut changed = false;
        for i in 0..n {
            let (c, v) = nearest(&x[i * d..i * d + d], &centres, d);
            dist[i] = v;
            if labels[i] != c {
                labels[i] = c;
                changed = true;
            }
        }
        let mut size = vec![0usize; k];
        for &l in &labels {
            size[l] += 1;
        }
        // Empty clusters take the point farthest from its centre (in a cluster of two or more).
        for c in 0..k {
            if size[c] > 0 {
                continue;
            }
            let far = (0..n).filter(|&i| size[labels[i]] > 1).fold(None, |b: Option<usize>, i| match b {
                Some(j) if dist[j] >= dist[i] => Some(j),
                _ => Some(i),
            });
            if let Some(i) = far {
                size[labels[i]] -= 1;
                labels[i] = c;
                size[c] = 1;
                dist[i] = 0.0;
                changed = true;
            }
        }
        if !changed {
            converged = true;
            break;
        }
        let mut sums = vec![0.0f64; k * d];
        for i in 0..n {
            let l = labels[i];
            for j in 0..d {
                sums[l * d + j] += x[i * d + j];
            }
        }
        for c in 0..k {
            if size[c] > 0 {
                for j in 0..d {
                    centres[c * d + j] = sums[c * d + j] / size[c] as f64;
                }
            }
        }
    }
    let inertia = (0..n).map(|i| sq_dist(&x[i * d..i * d + d], &centres[labels[i] * d..labels[i] * d + d])).sum();
    Run { labels, inertia, iterations, converged }
}

fn name(recent: bool, frequent: bool, high_spend: bool) -> &'static str {
    match (recent, frequent, high_spend) {
        (true, true, true) => "champions",
        (true, true, false) => "loyal_low_spend",
        (true, false, true) => "recent_big_spenders",
        (true, false, false) => "newcomers",
        (false, true, true) => "cannot_lose",
        (false, true, false) => "fading_regulars",
        (false, false, true) => "lapsed_big_spenders",
        (false, false, false) => "lost",
    }
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// Renumbers the clusters into output order and profiles them.
fn profiles(
    input: &ClusterInput<'_>,
    columns: &[(String, &[f64], Transform)],
    x: &[f64],
    d: usize,
    k: usize,
    run: &Run,
) -> (Vec<usize>, Vec<ClusterProfile>) {
    let n = run.labels.len();
    let members: Vec<Vec<usize>> = (0..k).map(|c| (0..n).filter(|&i| run.labels[i] == c).collect()).collect();
    let finite_mean = |vals: &[f64], m: &[usize]| {
        let v: Vec<f64> = m.iter().map(|&i| vals[i]).filter(|v| v.is_finite()).collect();
        mean(&v)
    };
    let mut order: Vec<usize> = (0..k).collect();
    let key = |c: usize| {
        (
            finite_mean(input.monetary, &members[c]),
            finite_mean(input.frequency, &members[c]),
            finite_mean(input.recency_days, &members[c]),
        )
    };
    sort::sort_by(&mut order, |&a, &b| {
        let (ka, kb) = (key(a), key(b));
        kb.0.total_cmp(&ka.0).then(kb.1.total_cmp(&ka.1)).then(ka.2.total_cmp(&kb.2)).then(a.cmp(&b))
    });
    let mut new_id = vec![0usize; k];
    for (pos, &c) in order.iter().enumerate() {
        new_id[c] = pos;
    }
    let labels: Vec<usize> = run.labels.iter().map(|&l| new_id[l]).collect();
    let total_m: f64 = input.monetary.iter().filter(|v| v.is_finite()).sum();
    let clusters = order
        .iter()
        .enumerate()
        .map(|(pos, &c)| {
            let m = &members[c];
            let pick = |vals: &[f64]| -> Vec<f64> { m.iter().map(|&i| vals[i]).filter(|v| v.is_finite()).collect() };
            let (mut r, mut f, mut mo) = (pick(input.recency_days), pick(input.frequency), pick(input.monetary));
            let monetary_sum: f64 = mo.iter().sum();
            // The centre as the mean of the members' standardised points.
            let centre: Vec<f64> = (0..d)
                .map(|j| if m.is_empty() { 0.0 } else { m.iter().map(|&i| x[i * d + j]).sum::<f64>() / m.len() as f64 })
                .collect();
            let (recent, frequent, high_spend) = (centre[0] < 0.0, centre[1] > 0.0, centre[2] > 0.0);
            ClusterProfile {
                cluster: pos,
                customers: m.len() as u64,
                customer_share: m.len() as f64 / n as f64,
                mean_recency_days: mean(&r),
                median_recency_days: median(&mut r).unwrap_or(f64::NAN),
                mean_frequency: mean(&f),
                median_frequency: median(&mut f).unwrap_or(f64::NAN),
                mean_monetary: mean(&mo),
                median_monetary: median(&mut mo).unwrap_or(f64::NAN),
                monetary_sum,
                sales_share: if total_m != 0.0 { monetary_sum / total_m } else { 0.0 },
                extra_means: columns[3..]
                    .iter()
                    .map(|(_, vals, _)| Some(finite_mean(vals, m)).filter(|v| v.is_finite()))
                    .collect(),
                centre,
                recent,
                frequent,
                high_spend,
                name: name(recent, frequent, high_spend),
            }
        })
        .collect();
    (labels, clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn det_ln_matches_ln() {
        for &v in &[1.0, 1.5, 2.0, std::f64::consts::E, 10.0, 123_456.789, 1e-300, 5e-324, 0.3, 1e300] {
            let (a, b) = (det_ln(v), v.ln());
            assert!((a - b).abs() <= 2e-16 * b.abs().max(1.0), "{v}: {a} vs {b}");
        }
        assert_eq!(det_ln(1.0), 0.0);
        assert!(det_ln(-1.0).is_nan());
        assert_eq!(det_ln(0.0), f64::NEG_INFINITY);
        assert_eq!(signed_log1p(-(std::f64::consts::E - 1.0)), -det_ln(std::f64::consts::E));
    }

    #[test]
    fn splitmix_reference_values() {
        // SplitMix64 from seed 0: the published first output.
        let mut r = SplitMix64(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut r = SplitMix64(1);
        for _ in 0..1000 {
            let v = r.below(7);
            assert!(v < 7);
            let f = r.next_f64();
            assert!((0.0..1.0).contains(&f));
        }
    }

    #[test]
    fn silhouette_hand_case() {
        // Points on a line: 0, 1 | 10, 11. a = 1 for each; b for 0: mean(10, 11) = 10.5.
        let x = [0.0, 1.0, 10.0, 11.0];
        let sample = [0, 1, 2, 3];
        let dist = pairwise(&x, 1, &sample);
        assert_eq!(dist, vec![1.0, 10.0, 11.0, 9.0, 10.0, 1.0]);
        let s = silhouette(&dist, &sample, &[0, 0, 1, 1], 2);
        let expect = ((1.0 - 1.0 / 10.5) + (1.0 - 1.0 / 9.5) + (1.0 - 1.0 / 9.5) + (1.0 - 1.0 / 10.5)) / 4.0;
        assert!((s - expect).abs() < 1e-15, "{s} vs {expect}");
        // A singleton cluster contributes 0.
        let s = silhouette(&dist, &sample, &[0, 0, 0, 1], 2);
        assert!(s < expect);
    }

    #[test]
    fn kmeans_fills_empty_clusters_and_handles_duplicates() {
        // Three distinct points, many duplicates; k = 3 must give three non-empty clusters.
        let x: Vec<f64> = [0.0, 0.0, 0.0, 0.0, 5.0, 5.0, 9.0].to_vec();
        for seed in 0..20 {
            let run = kmeans(&x, 7, 1, 3, 100, &mut SplitMix64(seed));
            let mut sizes = [0; 3];
            for &l in &run.labels {
                sizes[l] += 1;
            }
            assert!(sizes.iter().all(|&s| s > 0), "seed {seed}: {sizes:?}");
            assert!(run.inertia.abs() < 1e-12);
        }
    }

    #[test]
    fn errors_and_caps() {
        let r = [1.0, 2.0];
        let input = ClusterInput { recency_days: &r, frequency: &r[..1], monetary: &r, extra: vec![] };
        assert_eq!(cluster(&input, &ClusterParams::default()).unwrap_err().code(), "segment.cluster_length_mismatch");
        // All customers identical: nothing to separate.
        let same = [3.0; 10];
        let input = ClusterInput { recency_days: &same, frequency: &same, monetary: &same, extra: vec![] };
        assert!(matches!(cluster(&input, &ClusterParams::default()), Err(ClusterError::TooFewCustomers { .. })));
        // Three distinct points: k capped at 3 (and at n − 1).
        let r = [1.0, 1.0, 50.0, 50.0, 400.0];
        let input = ClusterInput { recency_days: &r, frequency: &r, monetary: &r, extra: vec![] };
        let c = cluster(&input, &ClusterParams { seed: Some(1), ..Default::default() }).unwrap();
        assert_eq!(c.curve.iter().map(|s| s.k).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(c.k, 3);
        assert_eq!(c.seed_source, SeedSource::Given);
        let bad = ClusterParams { k_min: 1, ..Default::default() };
        assert!(cluster(&input, &bad).is_err());
    }

    #[test]
    fn drawn_seed_is_reported_and_reproduces() {
        let r: Vec<f64> = (0..60).map(|i| f64::from(i % 7) * 20.0).collect();
        let f: Vec<f64> = (0..60).map(|i| f64::from(i % 5)).collect();
        let m: Vec<f64> = (0..60).map(|i| f64::from(i * 37 % 101)).collect();
        let input = ClusterInput { recency_days: &r, frequency: &f, monetary: &m, extra: vec![] };
        let a = cluster(&input, &ClusterParams::default()).unwrap();
        assert_eq!(a.seed_source, SeedSource::Drawn);
        let b = cluster(&input, &ClusterParams { seed: Some(a.seed), ..Default::default() }).unwrap();
        assert_eq!(a.labels, b.labels);
        assert_eq!(a.curve, b.curve);
    }

    #[test]
    fn extra_columns_with_unknowns() {
        // Age separates two groups that R, F, M cannot.
        let r = [10.0; 8];
        let f = [2.0; 8];
        let m = [100.0; 8];
        let age = [20.0, 22.0, 21.0, f64::NAN, 60.0, 62.0, 61.0, 63.0];
        let input = ClusterInput {
            recency_days: &r,
            frequency: &f,
            monetary: &m,
            extra: vec![ExtraColumn { name: "age".into(), values: &age, transform: Transform::Identity }],
        };
        let c = cluster(&input, &ClusterParams { seed: Some(3), k: Some(2), ..Default::default() }).unwrap();
        assert_eq!(c.features[3].imputed, 1);
        // The unknown age is the mean of the known (≈ 44.1), nearer the old group's centre.
        assert_eq!(c.labels[..3], [c.labels[0]; 3]);
        assert_eq!(c.labels[4..], [c.labels[4]; 4]);
        assert_ne!(c.labels[0], c.labels[4]);
        let young = c.labels[0];
        assert!((c.clusters[young].extra_means[0].unwrap() - 21.0).abs() < 1e-12);
        assert!(c.k_fixed);
    }
}
