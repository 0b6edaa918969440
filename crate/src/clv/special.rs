//! Special functions the CLV models need, in pure Rust so native and wasm agree: `ln Γ`, the
//! Gauss hypergeometric function ₂F₁ on `0 ≤ z < 1`, and log-space helpers.

/// Lanczos coefficients (g = 7, n = 9; Godfrey). Relative error about 1e-15 for x > 0.
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// `ln |Γ(x)|`. Defined for every finite `x` that is not a non-positive integer (those give +∞);
/// NaN in, NaN out.
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x == f64::INFINITY {
        return f64::INFINITY;
    }
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let s = (std::f64::consts::PI * x).sin();
        if s == 0.0 {
            return f64::INFINITY;
        }
        return (std::f64::consts::PI / s.abs()).ln() - ln_gamma(1.0 - x);
    }
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let x = x - 1.0;
    let mut acc = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        acc += c / (x + i as f64);
    }
    let t = x + LANCZOS_G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + acc.ln()
}

/// `ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)`.
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// `ln(eˣ + eʸ)` without overflow; `−∞` arguments are fine.
pub fn log_add_exp(x: f64, y: f64) -> f64 {
    let (hi, lo) = if x >= y { (x, y) } else { (y, x) };
    if hi == f64::NEG_INFINITY {
        return f64::NEG_INFINITY;
    }
    if hi == f64::INFINITY {
        return f64::INFINITY;
    }
    hi + (lo - hi).exp().ln_1p()
}

/// The digamma function ψ(x) = d ln Γ(x)/dx for `x > 0`: the recurrence ψ(x) = ψ(x+1) − 1/x up
/// to x ≥ 10, then the asymptotic series (absolute error about 1e-15). NaN for `x ≤ 0`.
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || !x.is_finite() {
        return if x == f64::INFINITY { f64::INFINITY } else { f64::NAN };
    }
    let (mut x, mut acc) = (x, 0.0);
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    // B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760.
    let series = f
        * (1.0 / 12.0
            - f * (1.0 / 120.0 - f * (1.0 / 252.0 - f * (1.0 / 240.0 - f * (1.0 / 132.0 - f * 691.0 / 32760.0)))));
    acc + x.ln() - 0.5 / x - series
}

/// The trigamma function ψ′(x) for `x > 0` (recurrence ψ′(x) = ψ′(x+1) + 1/x² up to x ≥ 10, then
/// the asymptotic series). NaN for `x ≤ 0`.
pub fn trigamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || !x.is_finite() {
        return if x == f64::INFINITY { 0.0 } else { f64::NAN };
    }
    let (mut x, mut acc) = (x, 0.0);
    while x < 10.0 {
        acc += 1.0 / (x * x);
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    // 1/x + 1/(2x²) + Σ B₂ₖ/x^(2k+1): 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730.
    let series = (1.0
        + f * (1.0 / 6.0
            - f * (1.0 / 30.0 - f * (1.0 / 42.0 - f * (1.0 / 30.0 - f * (5.0 / 66.0 - f * 691.0 / 2730.0))))))
        / x;
    acc + series + 0.5 * f
}

/// Why a hypergeometric series could not be summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesError {
    /// The argument is outside `[0, 1)` or a parameter is not finite.
    Domain,
    /// The series did not reach full precision within the term budget.
    NotConverged,
}

/// Terms allowed before a series is declared not converged (enough for z up to about 0.999).
pub(crate) const MAX_TERMS: usize = 100_000;

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for `0 ≤ z < 1` by its power series.
///
/// When Euler's transformation ₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) has smaller upper
/// parameters it is used instead (shorter series, no large intermediate terms). `c` must not be a
/// non-positive integer.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Result<f64, SeriesError> {
    if !(a.is_finite() && b.is_finite() && c.is_finite() && (0.0..1.0).contains(&z)) {
        return Err(SeriesError::Domain);
    }
    if c <= 0.0 && c == c.floor() {
        return Err(SeriesError::Domain);
    }
    if z == 0.0 {
        return Ok(1.0);
    }
    let (ea, eb) = (c - a, c - b);
    if ea.abs() + eb.abs() < a.abs() + b.abs() {
        let s = series(ea, eb, c, z)?;
        Ok((1.0 - z).powf(c - a - b) * s)
    } else {
        series(a, b, c, z)
    }
}

/// The plain power series of ₂F₁ for `0 ≤ z < 1`.
pub(crate) fn series(a: f64, b: f64, c: f64, z: f64) -> Result<f64, SeriesError> {
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    for n in 0..MAX_TERMS {
        let n = n as f64;
        let ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        term *= ratio;
        sum += term;
        if !sum.is_finite() {
            return Err(SeriesError::NotConverged);
        }
        // Stop only once the terms shrink geometrically: the tail is then below term·z/(1−z).
        if term == 0.0 || (ratio.abs() < 1.0 && term.abs() * z / (1.0 - z) <= 1e-17 * sum.abs()) {
            return Ok(sum);
        }
    }
    Err(SeriesError::NotConverged)
}

/// `ln ₂F₁(a, b; a+1; z)` for `a > 0`, `b > 0`, `a + 1 − b > 0`, `0 ≤ z < 1`: the form the
/// Pareto/NBD likelihood needs. Computed through Euler's transformation
/// (1−z)^(1−b) ₂F₁(1, a+1−b; a+1; z), whose terms are positive and fall at least as fast as zⁿ,
/// so the sum is exact to rounding with no cancellation.
pub fn ln_hyp2f1_a_b_a1(a: f64, b: f64, z: f64) -> Result<f64, SeriesError> {
    ln_hyp2f1_a_b_a1_within(a, b, z, MAX_TERMS).0
}

/// [`ln_hyp2f1_a_b_a1`] with at most `max_terms` terms (and never more than the usual
/// 100,000), returning the terms it summed as well: the work a fit's budget counts.
pub(crate) fn ln_hyp2f1_a_b_a1_within(a: f64, b: f64, z: f64, max_terms: usize) -> (Result<f64, SeriesError>, usize) {
    if !(a.is_finite() && b.is_finite() && (0.0..1.0).contains(&z)) || a <= 0.0 || a + 1.0 - b <= 0.0 {
        return (Err(SeriesError::Domain), 0);
    }
    if z == 0.0 {
        return (Ok(0.0), 0);
    }
    let c = a + 1.0;
    let bb = c - b;
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    let tail = z / (1.0 - z);
    let max_terms = max_terms.min(MAX_TERMS);
    for n in 0..max_terms {
        let nf = n as f64;
        term *= (bb + nf) / (c + nf) * z;
        sum += term;
        if term * tail <= 1e-17 * sum {
            return (Ok((1.0 - b) * (-z).ln_1p() + sum.ln()), n + 1);
        }
    }
    (Err(SeriesError::NotConverged), max_terms)
}

/// ₂F₁(1, b; c; z) for `0 < b ≤ c` and `0 ≤ z < 1`: the value of [`hyp2f1_1_b_c_derivs`] by
/// the same arithmetic, term for term (so a likelihood and its derivatives agree to the last
/// bit), with the terms summed (at most `max_terms`).
pub(crate) fn hyp2f1_1_b_c_within(b: f64, c: f64, z: f64, max_terms: usize) -> (Result<f64, SeriesError>, usize) {
    if !(b.is_finite() && c.is_finite() && (0.0..1.0).contains(&z)) || b <= 0.0 || c < b {
        return (Err(SeriesError::Domain), 0);
    }
    let tail = z / (1.0 - z);
    let (mut sum, mut q, mut zn1) = (1.0_f64, 1.0_f64, 1.0_f64);
    let max_terms = max_terms.min(MAX_TERMS);
    for n in 1..=max_terms {
        let k = (n - 1) as f64;
        q *= (b + k) * (1.0 / (c + k));
        let t = q * zn1 * z;
        sum += t;
        zn1 *= z;
        if n >= 2 && t * tail <= 1e-17 * sum {
            return (Ok(sum), n);
        }
    }
    (Err(SeriesError::NotConverged), max_terms)
}

/// A series' value, its gradient and its Hessian in its three arguments.
pub(crate) type SeriesDerivs = (f64, [f64; 3], [[f64; 3]; 3]);

/// ₂F₁(1, b; c; z) and its gradient and Hessian in (b, c, z), summed as
/// `Σₙ tₙ` with `tₙ = zⁿ Πₖ₍ₖ₌₀..ₙ₋₁₎ (b+k)/(c+k)`, so that `∂tₙ/∂b = tₙ Σₖ 1/(b+k)`,
/// `∂tₙ/∂c = −tₙ Σₖ 1/(c+k)` and `∂tₙ/∂z = n tₙ / z` (kept as `n Πₖ… zⁿ⁻¹`, so z = 0 is fine).
/// For `0 < b ≤ c` and `0 ≤ z < 1` the terms are positive and the ratios at most z, and the sum
/// stops by the same rule as [`ln_hyp2f1_a_b_a1_within`] (but never before two terms, which
/// the z-derivatives need). Returns the value, the gradient, the row-major Hessian and the
/// terms summed (at most `max_terms`, never more than 100,000).
pub(crate) fn hyp2f1_1_b_c_derivs(
    b: f64,
    c: f64,
    z: f64,
    max_terms: usize,
) -> (Result<SeriesDerivs, SeriesError>, usize) {
    if !(b.is_finite() && c.is_finite() && (0.0..1.0).contains(&z)) || b <= 0.0 || c < b {
        return (Err(SeriesError::Domain), 0);
    }
    let tail = z / (1.0 - z);
    let (mut sum, mut s_b, mut s_c, mut s_z) = (1.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    let (mut s_bb, mut s_cc, mut s_bc, mut s_zz, mut s_bz, mut s_cz) = (0.0_f64, 0.0, 0.0, 0.0, 0.0, 0.0);
    // q = Π (b+k)/(c+k); zn1 = zⁿ⁻¹, zn2 = zⁿ⁻²; b1, b2 = Σ 1/(b+k), Σ 1/(b+k)²; c1, c2 likewise.
    let (mut q, mut zn1, mut zn2) = (1.0_f64, 1.0_f64, 0.0_f64);
    let (mut b1, mut b2, mut c1, mut c2) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    let max_terms = max_terms.min(MAX_TERMS);
    for n in 1..=max_terms {
        let k = (n - 1) as f64;
        let (ib, ic) = (1.0 / (b + k), 1.0 / (c + k));
        q *= (b + k) * ic;
        b1 += ib;
        b2 += ib * ib;
        c1 += ic;
        c2 += ic * ic;
        let nf = n as f64;
        let dz = nf * q * zn1; // ∂tₙ/∂z
        let t = q * zn1 * z;
        sum += t;
        s_b += t * b1;
        s_c -= t * c1;
        s_bb += t * (b1 * b1 - b2);
        s_cc += t * (c1 * c1 + c2);
        s_bc -= t * b1 * c1;
        s_z += dz;
        s_bz += dz * b1;
        s_cz -= dz * c1;
        s_zz += nf * (nf - 1.0) * q * zn2;
        zn2 = zn1;
        zn1 *= z;
        if n >= 2 && t * tail <= 1e-17 * sum {
            let hess = [[s_bb, s_bc, s_bz], [s_bc, s_cc, s_cz], [s_bz, s_cz, s_zz]];
            return (Ok((sum, [s_b, s_c, s_z], hess)), n);
        }
    }
    (Err(SeriesError::NotConverged), max_terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_matches_known_values() {
        assert!((ln_gamma(0.5) - 0.572_364_942_924_700_1).abs() < 1e-14);
        assert!((ln_gamma(10.0) - 362_880_f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.1) - 2.252_712_651_734_206).abs() < 1e-13);
        assert!((ln_gamma(100.5) - 361.435_540_467_777_6).abs() < 1e-10); // math.lgamma(100.5)
        assert_eq!(ln_gamma(0.0), f64::INFINITY);
    }

    #[test]
    fn digamma_and_trigamma_match_known_values() {
        // ψ(1) = −γ, ψ(0.5) = −γ − 2 ln 2, ψ′(1) = π²/6, ψ′(0.5) = π²/2.
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-14, "{}", digamma(1.0) + euler);
        assert!((digamma(0.5) + euler + 2.0 * 2f64.ln()).abs() < 1e-14);
        let pi2 = std::f64::consts::PI * std::f64::consts::PI;
        assert!((trigamma(1.0) - pi2 / 6.0).abs() < 1e-13);
        assert!((trigamma(0.5) - pi2 / 2.0).abs() < 1e-13);
        // Against the derivatives of ln Γ by central differences.
        for x in [0.05_f64, 0.3, 2.7, 11.0, 250.0] {
            let h = 1e-5 * x.max(1.0);
            let d = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!((digamma(x) - d).abs() < 1e-7 * d.abs().max(1.0), "ψ({x})");
            let d2 = (digamma(x + h) - digamma(x - h)) / (2.0 * h);
            assert!((trigamma(x) - d2).abs() < 1e-6 * d2.abs().max(1.0), "ψ′({x})");
        }
    }

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // ₂F₁(1,1;2;z) = −ln(1−z)/z
        for z in [0.1, 0.5, 0.9, 0.99] {
            let v = hyp2f1(1.0, 1.0, 2.0, z).unwrap();
            assert!((v - (-(-z).ln_1p() / z)).abs() < 1e-13 * v, "z={z}");
            let l = ln_hyp2f1_a_b_a1(1.0, 1.0, z).unwrap();
            assert!((l - v.ln()).abs() < 1e-13, "z={z}");
        }
        // ₂F₁(a,b;b;z) = (1−z)^−a
        let v = hyp2f1(0.7, 2.5, 2.5, 0.6).unwrap();
        assert!((v - 0.4_f64.powf(-0.7)).abs() < 1e-13);
    }

    #[test]
    fn hyp2f1_derivatives_match_finite_differences() {
        let f = |b: f64, c: f64, z: f64| hyp2f1_1_b_c_derivs(b, c, z, MAX_TERMS).0.unwrap().0;
        for (b, c, z) in [(0.6, 1.7, 0.0), (0.6, 1.7, 0.3), (1.5, 12.2, 0.09), (2.0, 2.5, 0.9)] {
            let (v, g, h) = hyp2f1_1_b_c_derivs(b, c, z, MAX_TERMS).0.unwrap();
            // The value against the general series of ₂F₁(1, b; c; z), and the plain sum's.
            assert!((v - series(1.0, b, c, z).unwrap()).abs() < 1e-14 * v, "({b}, {c}, {z})");
            assert_eq!(hyp2f1_1_b_c_within(b, c, z, MAX_TERMS), (Ok(v), hyp2f1_1_b_c_derivs(b, c, z, MAX_TERMS).1));
            let p = [b, c, z];
            let at = |q: [f64; 3]| f(q[0], q[1], q[2]);
            let e = 1e-4 * (1.0 - z).min(1.0);
            for i in 0..3 {
                let (mut hi, mut lo) = (p, p);
                hi[i] += e;
                lo[i] -= e;
                // One-sided at z = 0 (the series is defined for z ≥ 0 only).
                let (d, step) =
                    if i == 2 && z == 0.0 { ((at(hi) - v) / e, e) } else { ((at(hi) - at(lo)) / (2.0 * e), e) };
                let tol = if i == 2 && z == 0.0 { 1e-3 } else { 1e-7 };
                assert!(
                    (g[i] - d).abs() < tol * d.abs().max(1.0),
                    "∂{i} at ({b}, {c}, {z}): {} vs {d} (step {step})",
                    g[i]
                );
                for j in 0..3 {
                    if z == 0.0 && (i == 2 || j == 2) {
                        continue;
                    }
                    let q = |si: f64, sj: f64| {
                        let mut q = p;
                        q[i] += si * e;
                        q[j] += sj * e;
                        at(q)
                    };
                    let d2 = (q(1.0, 1.0) - q(1.0, -1.0) - q(-1.0, 1.0) + q(-1.0, -1.0)) / (4.0 * e * e);
                    assert!(
                        (h[i][j] - d2).abs() < 1e-5 * d2.abs().max(1.0),
                        "∂{i}∂{j} at ({b}, {c}, {z}): {} vs {d2}",
                        h[i][j]
                    );
                }
            }
        }
        // z = 0: S = 1, ∂S/∂z = b/c, ∂²S/∂z² = 2b(b+1)/(c(c+1)), ∂²S/∂b∂z = 1/c.
        let (v, g, h) = hyp2f1_1_b_c_derivs(0.6, 1.7, 0.0, MAX_TERMS).0.unwrap();
        assert_eq!(v, 1.0);
        assert!((g[2] - 0.6 / 1.7).abs() < 1e-15 && g[0] == 0.0 && g[1] == 0.0);
        assert!((h[2][2] - 2.0 * 0.6 * 1.6 / (1.7 * 2.7)).abs() < 1e-15);
        assert!((h[0][2] - 1.0 / 1.7).abs() < 1e-15);
    }
}
