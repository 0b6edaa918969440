//! The intervals of a campaign's uplift: Wilson score intervals for each group's response rate,
//! Newcombe's hybrid score interval for their difference, and Welch's t interval for the
//! difference of two means (unequal variances, Welch–Satterthwaite degrees of freedom).
//!
//! References: Wilson (1927); Newcombe (1998), "Interval estimation for the difference between
//! independent proportions", method 10; Welch (1947). The Student t quantile is found by
//! bisection on its CDF, `1 − ½·I_{ν/(ν+t²)}(ν/2, ½)`, with the regularised incomplete beta by
//! Lentz's continued fraction (Numerical Recipes §6.4).
//!
//! ```
//! use clientele::campaign::stats::{newcombe, t_quantile, wilson};
//! let (lo, hi) = wilson(56, 70, 0.95);
//! // Python: z = NormalDist().inv_cdf(0.975), the Wilson formula → 0.691834, 0.876953.
//! assert!((lo - 0.691_834).abs() < 1e-6 && (hi - 0.876_953).abs() < 1e-6);
//! let d = newcombe(56, 70, 48, 80, 0.95);
//! assert!((d.0 - 0.0524).abs() < 1e-4 && (d.1 - 0.3339).abs() < 1e-4); // Newcombe 1998, table II
//! assert!((t_quantile(0.975, 10.0) - 2.228_138_851_986_27).abs() < 1e-9);
//! ```

use crate::clv::special::ln_beta;

/// The standard normal quantile of `p` (Acklam's rational approximation: relative error below
/// 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) {
        return if p <= 0.0 { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let lo = 0.02425;
    if p < lo {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - lo {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

/// The two-sided `level` z value (1.959964 for 0.95).
pub fn z_of(level: f64) -> f64 {
    normal_quantile(0.5 + level / 2.0)
}

/// The Wilson score interval of `x` successes in `n` trials at `level` (`(NaN, NaN)` when `n = 0`).
pub fn wilson(x: u64, n: u64, level: f64) -> (f64, f64) {
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let (x, n) = (x as f64, n as f64);
    let z = z_of(level);
    let p = x / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Newcombe's hybrid score interval (method 10) for `x1/n1 − x2/n2` at `level`.
pub fn newcombe(x1: u64, n1: u64, x2: u64, n2: u64, level: f64) -> (f64, f64) {
    if n1 == 0 || n2 == 0 {
        return (f64::NAN, f64::NAN);
    }
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let (l1, u1) = wilson(x1, n1, level);
    let (l2, u2) = wilson(x2, n2, level);
    let d = p1 - p2;
    (d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(), d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt())
}

/// The regularised incomplete beta `I_x(a, b)`.
pub fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = (a * x.ln() + b * (1.0 - x).ln() - ln_beta(a, b)).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(x, a, b) / a
    } else {
        1.0 - front * beta_cf(1.0 - x, b, a) / b
    }
}

/// Lentz's continued fraction of the incomplete beta.
fn beta_cf(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=10_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        // One Lentz step for the coefficient `aa`: updates d and c, returns the factor d·c.
        let mut step = |aa: f64| {
            d = 1.0 + aa * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + aa / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            d * c
        };
        h *= step(m * (b - m) * x / ((qam + m2) * (a + m2)));
        let del = step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)));
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// The CDF of Student's t with `df` degrees of freedom.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    let tail = 0.5 * incomplete_beta(df / (df + t * t), df / 2.0, 0.5);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The `p` quantile of Student's t (`p` in (0.5, 1)), by bisection on [`t_cdf`]; the normal
/// quantile when `df` is infinite or above 1e7.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !df.is_finite() || df > 1e7 {
        return normal_quantile(p);
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    while t_cdf(hi, df) < p && hi < 1e12 {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-13 * hi.max(1.0) {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// Welch's interval for `mean1 − mean2` from each group's mean, sample variance (n − 1) and
/// size: `(difference, low, high, degrees of freedom)`. With a zero standard error the interval
/// is the point and the degrees of freedom are NaN; with fewer than two in a group, all NaN but
/// the difference.
pub fn welch(m1: f64, v1: f64, n1: u64, m2: f64, v2: f64, n2: u64, level: f64) -> (f64, f64, f64, f64) {
    let d = m1 - m2;
    if n1 < 2 || n2 < 2 {
        return (d, f64::NAN, f64::NAN, f64::NAN);
    }
    let (a, b) = (v1 / n1 as f64, v2 / n2 as f64);
    let se2 = a + b;
    if se2 <= 0.0 {
        return (d, d, d, f64::NAN);
    }
    let df = se2 * se2 / (a * a / (n1 as f64 - 1.0) + b * b / (n2 as f64 - 1.0));
    let half = t_quantile(0.5 + level / 2.0, df) * se2.sqrt();
    (d, d - half, d + half, df)
}

/// Mean and sample variance (n − 1 in the denominator; 0 with fewer than two values), by
/// Welford's update.
pub fn mean_var(values: impl IntoIterator<Item = f64>) -> (f64, f64, u64) {
    let (mut n, mut mean, mut m2) = (0u64, 0.0, 0.0);
    for x in values {
        n += 1;
        let delta = x - mean;
        mean += delta / n as f64;
        m2 += delta * (x - mean);
    }
    let var = if n > 1 { m2 / (n - 1) as f64 } else { 0.0 };
    (if n == 0 { f64::NAN } else { mean }, var, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_is_exact() {
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 3e-9);
        assert!((normal_quantile(0.5)).abs() < 1e-15);
        assert!((normal_quantile(0.001) + 3.090_232_306_167_813).abs() < 4e-9);
    }

    #[test]
    fn newcombe_table_ii_examples() {
        // Newcombe (1998), table II, method 10: (a) 56/70 − 48/80, (e) 10/10 − 0/20.
        let (lo, hi) = newcombe(56, 70, 48, 80, 0.95);
        assert!((lo - 0.0524).abs() < 5e-5 && (hi - 0.3339).abs() < 5e-5, "{lo} {hi}");
        let (lo, hi) = newcombe(10, 10, 0, 20, 0.95);
        assert!((lo - 0.6791).abs() < 5e-5 && (hi - 1.0).abs() < 5e-5, "{lo} {hi}");
    }

    #[test]
    fn t_quantiles_from_tables() {
        for (df, want) in [(1.0, 12.706_204_736), (2.0, 4.302_652_730), (30.0, 2.042_272_456), (1000.0, 1.962_339_081)]
        {
            assert!((t_quantile(0.975, df) - want).abs() < 1e-8, "{df}");
        }
    }

    #[test]
    fn welch_matches_a_hand_computation() {
        // Means 5 and 3, variances 4 and 9, sizes 10 and 12: se² = 0.4 + 0.75 = 1.15,
        // df = 1.3225 / (0.16/9 + 0.5625/11) = 19.18...
        let (d, lo, hi, df) = welch(5.0, 4.0, 10, 3.0, 9.0, 12, 0.95);
        assert_eq!(d, 2.0);
        let want_df = 1.3225 / (0.16 / 9.0 + 0.5625 / 11.0);
        assert!((df - want_df).abs() < 1e-12);
        let half = t_quantile(0.975, want_df) * 1.15_f64.sqrt();
        assert!((hi - lo - 2.0 * half).abs() < 1e-12);
        assert!(half > 2.0 * 1.15_f64.sqrt() * 1.0 && half < 2.1 * 1.15_f64.sqrt());
    }
}
