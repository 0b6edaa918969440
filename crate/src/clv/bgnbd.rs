//! BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
//!
//! While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each
//! purchase she dies with probability p ~ Beta(a, b). The per-customer likelihood (paper eq. 6):
//!
//! ```text
//! L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^(r+x))
//!   + [x > 0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+tₓ)^(r+x))
//! ```
//! evaluated in log space with `ln(eᴬ + eᴮ)`. The log-likelihood reported is the paper's
//! (the sum of `ln L` in the summary's time unit), not lifetimes' rescaled mean.

use serde::Serialize;

use super::optimize::Convergence;
use super::params::{FitOptions, ParamError, Warning};
use super::special::{digamma, ln_beta, ln_gamma, log_add_exp, series, trigamma, SeriesError};
use super::summary::{CustomerSummary, SummaryError};
use super::{fit_mle_analytic, Grouped, LogLikelihood, PurchaseModel};

/// Why a BG/NBD fit or evaluation failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BgNbdError {
    #[error("invalid input data: {0}")]
    Data(#[from] SummaryError),
    #[error("invalid fit options: {0}")]
    Options(#[from] ParamError),
    /// Nobody bought twice: the death process (a, b) cannot be identified.
    #[error("no customer made a repeat purchase, so the BG/NBD model cannot be fitted")]
    NoRepeatCustomers,
    /// A parameter is not a finite positive number.
    #[error("BG/NBD parameter {name} must be a finite number > 0, not {value}")]
    BadParameter { name: &'static str, value: f64 },
    /// The likelihood could not be evaluated anywhere the optimiser looked.
    #[error("the BG/NBD likelihood could not be maximised (it is not finite at any point tried)")]
    NoFiniteLikelihood,
}

impl BgNbdError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        match self {
            BgNbdError::Data(e) => e.code(),
            BgNbdError::Options(_) => "clv.bad_options",
            BgNbdError::NoRepeatCustomers => "clv.no_repeat_customers",
            BgNbdError::BadParameter { .. } => "clv.bad_parameter",
            BgNbdError::NoFiniteLikelihood => "clv.no_finite_likelihood",
        }
    }
}

/// BG/NBD parameters (r, α: purchase-rate Gamma; a, b: dropout Beta). α is in the summary's
/// time unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// A fitted BG/NBD model and how the fit went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BgNbdFit {
    pub params: BgNbd,
    /// Σ ln Lᵢ over the customers, in the summary's time unit.
    pub log_likelihood: f64,
    /// Standard errors on the parameters' own scale (r, α, a, b), from the inverse of the
    /// finite-difference Hessian of −LL (delta method from the log-parameters). `None` when the
    /// Hessian is not positive definite.
    pub standard_errors: Option<BgNbd>,
    pub convergence: Convergence,
    pub warnings: Vec<Warning>,
    pub customers: usize,
    pub repeat_customers: usize,
}

impl BgNbd {
    /// Parameters, checked to be finite and positive.
    pub fn new(r: f64, alpha: f64, a: f64, b: f64) -> Result<Self, BgNbdError> {
        for (name, value) in [("r", r), ("alpha", alpha), ("a", a), ("b", b)] {
            if !(value.is_finite() && value > 0.0) {
                return Err(BgNbdError::BadParameter { name, value });
            }
        }
        Ok(BgNbd { r, alpha, a, b })
    }

    /// Maximum-likelihood fit on a customer summary.
    ///
    /// Errors: invalid data or options, no repeat customer. A fit that stops short of the
    /// tolerance is returned with `convergence.converged == false` and a warning.
    pub fn fit(data: &CustomerSummary, options: &FitOptions) -> Result<BgNbdFit, BgNbdError> {
        options.check()?;
        data.validate()?;
        let repeat = data.repeat_customers();
        if repeat == 0 {
            return Err(BgNbdError::NoRepeatCustomers);
        }
        let g = Grouped::new(&data.frequency, &data.recency, &data.t);
        let t_mean = data.t.iter().sum::<f64>() / data.len() as f64;
        let t_max = data.t.iter().copied().fold(0.0, f64::max).max(1e-9);
        let starts = vec![vec![1.0, t_mean.max(1e-3), 1.0, 1.0], vec![0.1, 0.01 * t_max, 0.1, 0.1]];
        let m =
            fit_mle_analytic(&["r", "alpha", "a", "b"], &starts, data.len() as f64, options, &mut GroupedLl::new(&g));
        if !m.log_likelihood.is_finite() {
            return Err(BgNbdError::NoFiniteLikelihood);
        }
        let mut warnings = super::data_warnings(data, options);
        warnings.extend(m.warnings);
        let p = |v: &[f64]| BgNbd { r: v[0], alpha: v[1], a: v[2], b: v[3] };
        Ok(BgNbdFit {
            params: p(&m.params),
            log_likelihood: m.log_likelihood,
            standard_errors: m.standard_errors.as_deref().map(p),
            convergence: m.convergence,
            warnings,
            customers: data.len(),
            repeat_customers: repeat,
        })
    }

    /// Σ ln Lᵢ over a summary.
    pub fn log_likelihood(&self, data: &CustomerSummary) -> f64 {
        let g = Grouped::new(&data.frequency, &data.recency, &data.t);
        ll_grouped(self.r, self.alpha, self.a, self.b, &g)
    }

    /// ln Lᵢ of one customer.
    pub fn customer_log_likelihood(&self, x: f64, t_x: f64, t: f64) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let head = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + ln_beta(a, b + x) - ln_beta(a, b);
        head + log_add_exp(-(r + x) * (alpha + t).ln(), death_term(self, x, t_x))
    }

    /// E[Y(t) | x, tₓ, T]: expected purchases in the next `t` (paper eq. 10):
    /// [`BgNbd::expected_if_alive`] × [`BgNbd::p_alive`].
    pub fn expected_purchases(&self, t: f64, x: f64, t_x: f64, big_t: f64) -> f64 {
        if t <= 0.0 {
            return 0.0;
        }
        self.expected_if_alive(t, x, big_t) * self.p_alive(x, t_x, big_t)
    }

    /// Expected purchases in the next `t` of a customer known to be alive at T (it does not
    /// depend on tₓ):
    /// `(a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]`,
    /// with ₂F₁ taken through Euler's transformation so the bracket needs no huge intermediate
    /// values. NaN if the series fails (t absurdly large relative to α + T) or a = 1 exactly.
    pub fn expected_if_alive(&self, t: f64, x: f64, big_t: f64) -> f64 {
        if t <= 0.0 {
            return 0.0;
        }
        let BgNbd { r, alpha, a, b } = *self;
        let z = t / (alpha + big_t + t);
        let c = a + b + x - 1.0;
        // (1−z)^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(c−r−x, a−1; c; z)
        let f = match series(c - r - x, a - 1.0, c, z) {
            Ok(v) => v,
            Err(SeriesError::Domain | SeriesError::NotConverged) => return f64::NAN,
        };
        let bracket = -((a - 1.0) * (-z).ln_1p()).exp_m1() - (1.0 - z).powf(a - 1.0) * (f - 1.0);
        c / (a - 1.0) * bracket
    }

    /// P(alive | x, tₓ, T) = 1 / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)).
    pub fn p_alive(&self, x: f64, t_x: f64, big_t: f64) -> f64 {
        if x <= 0.0 {
            return 1.0;
        }
        let BgNbd { r, alpha, a, b } = *self;
        let l = (a / (b + x - 1.0)).ln() + (r + x) * ((alpha + big_t).ln() - (alpha + t_x).ln());
        1.0 / (1.0 + l.exp())
    }

    /// E[X(t)] for a new customer: `(a+b−1)/(a−1) · [1 − (α/(α+t))ʳ ₂F₁(r, b; a+b−1; t/(α+t))]`.
    pub fn unconditional_expected(&self, t: f64) -> f64 {
        // The conditional formula at x = 0, T = 0 is exactly this.
        self.expected_purchases(t, 0.0, 0.0, 0.0)
    }

    /// P(X(t) = x) for a new customer (paper eq. 8); the negative-binomial tail is summed
    /// directly when it is small, so tiny probabilities keep their relative precision.
    pub fn pmf(&self, t: f64, x: u32) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let xf = f64::from(x);
        if t <= 0.0 {
            return if x == 0 { 1.0 } else { 0.0 };
        }
        let lq = (alpha / (alpha + t)).ln(); // ln of the NBD "success" probability
        let l1q = (t / (alpha + t)).ln();
        let ln_nb = |j: f64| ln_gamma(r + j) - ln_gamma(r) - ln_gamma(j + 1.0) + r * lq + j * l1q;
        let first = (ln_beta(a, b + xf) - ln_beta(a, b) + ln_nb(xf)).exp();
        if x == 0 {
            return first;
        }
        // P(NBD ≥ x) = 1 − Σ_{j<x} nb(j); sum the tail instead when the head is large.
        let head: f64 = (0..x).map(|j| ln_nb(f64::from(j)).exp()).sum();
        let tail = if head < 0.5 {
            1.0 - head
        } else {
            let mut term = ln_nb(xf).exp();
            let mut sum = 0.0;
            let q1 = t / (alpha + t);
            let mut j = xf;
            while term > 1e-18 * sum || sum == 0.0 {
                sum += term;
                term *= (r + j) / (j + 1.0) * q1;
                j += 1.0;
                if j > xf + 1e7 || term == 0.0 {
                    break;
                }
            }
            sum
        };
        first + (ln_beta(a + 1.0, b + xf - 1.0) - ln_beta(a, b)).exp() * tail
    }
}

impl PurchaseModel for BgNbd {
    fn expected_purchases(&self, t: f64, x: f64, t_x: f64, big_t: f64) -> f64 {
        BgNbd::expected_purchases(self, t, x, t_x, big_t)
    }
    fn p_alive(&self, x: f64, t_x: f64, big_t: f64) -> f64 {
        BgNbd::p_alive(self, x, t_x, big_t)
    }
    fn expected_if_alive(&self, t: f64, x: f64, big_t: f64) -> f64 {
        BgNbd::expected_if_alive(self, t, x, big_t)
    }
    fn unconditional_expected(&self, t: f64) -> f64 {
        BgNbd::unconditional_expected(self, t)
    }
}

/// `ln[a/(b+x−1)] − (r+x) ln(α+tₓ)` for x > 0, else −∞.
fn death_term(p: &BgNbd, x: f64, t_x: f64) -> f64 {
    if x > 0.0 {
        (p.a / (p.b + x - 1.0)).ln() - (p.r + x) * (p.alpha + t_x).ln()
    } else {
        f64::NEG_INFINITY
    }
}

/// Σ w ln L over grouped customers.
fn ll_grouped(r: f64, alpha: f64, a: f64, b: f64, g: &Grouped) -> f64 {
    GroupedLl::new(g).ll(&[r, alpha, a, b], None)
}

/// The BG/NBD log-likelihood of grouped customers with its analytic gradient and Hessian in
/// (r, α, a, b). Per evaluation, ln(α+T), 1/(α+T) (and the same for tₓ) are taken once per
/// distinct value into buffers reused across evaluations, the x-only terms (ln Γ, ψ, ψ′) once
/// per distinct x, and each group costs one `exp` and one `ln_1p`.
///
/// With `A₃ = −(r+x) ln(α+T)`, `A₄ = ln a − ln(b+x−1) − (r+x) ln(α+tₓ)` and
/// `ln L = head(x) + ln(e^A₃ + e^A₄)`, the derivatives of the log-sum are
/// `w₃∂A₃ + w₄∂A₄` and `w₃∂²A₃ + w₄∂²A₄ + w₃w₄(∂A₃−∂A₄)(∂A₃−∂A₄)ᵀ`, with `w₃ = e^A₃/(e^A₃+e^A₄)`.
pub(crate) struct GroupedLl<'a> {
    g: &'a Grouped,
    ln_t: Vec<f64>,
    inv_t: Vec<f64>,
    ln_tx: Vec<f64>,
    inv_tx: Vec<f64>,
}

impl<'a> GroupedLl<'a> {
    pub(crate) fn new(g: &'a Grouped) -> Self {
        GroupedLl {
            g,
            ln_t: vec![0.0; g.t_vals.len()],
            inv_t: vec![0.0; g.t_vals.len()],
            ln_tx: vec![0.0; g.tx_vals.len()],
            inv_tx: vec![0.0; g.tx_vals.len()],
        }
    }
}

impl LogLikelihood for GroupedLl<'_> {
    fn ll(&mut self, p: &[f64], derivs: Option<(&mut [f64], &mut [f64])>) -> f64 {
        let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
        let g = self.g;
        for (k, t) in g.t_vals.iter().enumerate() {
            self.ln_t[k] = (alpha + t).ln();
            self.inv_t[k] = 1.0 / (alpha + t);
        }
        for (k, t) in g.tx_vals.iter().enumerate() {
            self.ln_tx[k] = (alpha + t).ln();
            self.inv_tx[k] = 1.0 / (alpha + t);
        }
        let (lg_r, lg_ab, lg_b, ln_alpha, ln_a) = (ln_gamma(r), ln_gamma(a + b), ln_gamma(b), alpha.ln(), a.ln());
        let Some((grad, hess)) = derivs else {
            let mut total = 0.0;
            for &(lo, hi) in &g.runs {
                let x = g.x[lo];
                let head = ln_gamma(r + x) - lg_r + r * ln_alpha + lg_ab + ln_gamma(b + x) - lg_b - ln_gamma(a + b + x);
                let rx = r + x;
                let mut acc = 0.0;
                if x > 0.0 {
                    let c = ln_a - (b + x - 1.0).ln();
                    for i in lo..hi {
                        let a3 = -rx * self.ln_t[g.t_idx[i] as usize];
                        let a4 = c - rx * self.ln_tx[g.tx_idx[i] as usize];
                        acc += g.w[i] * log_add_exp(a3, a4);
                    }
                } else {
                    for i in lo..hi {
                        acc += g.w[i] * (-rx * self.ln_t[g.t_idx[i] as usize]);
                    }
                }
                total += g.weight(lo, hi) * head + acc;
            }
            return total;
        };
        let (dg_r, dg_ab, dg_b) = (digamma(r), digamma(a + b), digamma(b));
        let (tg_r, tg_ab, tg_b) = (trigamma(r), trigamma(a + b), trigamma(b));
        let mut gr = [0.0; 4];
        let mut h = [[0.0; 4]; 4];
        let mut total = 0.0;
        for &(lo, hi) in &g.runs {
            let x = g.x[lo];
            let w_run = g.weight(lo, hi);
            let rx = r + x;
            let head = ln_gamma(rx) - lg_r + r * ln_alpha + lg_ab + ln_gamma(b + x) - lg_b - ln_gamma(a + b + x);
            let (dg_abx, tg_abx) = (digamma(a + b + x), trigamma(a + b + x));
            total += w_run * head;
            gr[0] += w_run * (digamma(rx) - dg_r + ln_alpha);
            gr[1] += w_run * r / alpha;
            gr[2] += w_run * (dg_ab - dg_abx);
            gr[3] += w_run * (dg_ab + digamma(b + x) - dg_b - dg_abx);
            h[0][0] += w_run * (trigamma(rx) - tg_r);
            h[0][1] += w_run / alpha;
            h[1][1] -= w_run * r / (alpha * alpha);
            h[2][2] += w_run * (tg_ab - tg_abx);
            h[2][3] += w_run * (tg_ab - tg_abx);
            h[3][3] += w_run * (tg_ab + trigamma(b + x) - tg_b - tg_abx);
            if x > 0.0 {
                let bx = b + x - 1.0;
                let c = ln_a - bx.ln();
                // Σ w·…: ln L, w₃ ln(α+T) + w₄ ln(α+tₓ), w₃/(α+T) + w₄/(α+tₓ), the same squared,
                // w₄, and w₃w₄ times Δr, Δα (per unit r+x), Δr², ΔrΔα, Δα².
                let (mut s_l, mut s_ln, mut s_inv, mut s_inv2, mut s_w4) = (0.0, 0.0, 0.0, 0.0, 0.0);
                let (mut s_v, mut s_vr, mut s_va, mut s_vrr, mut s_vra, mut s_vaa) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
                for i in lo..hi {
                    let (ti, txi) = (g.t_idx[i] as usize, g.tx_idx[i] as usize);
                    let (lt, ltx, it, itx) = (self.ln_t[ti], self.ln_tx[txi], self.inv_t[ti], self.inv_tx[txi]);
                    let a3 = -rx * lt;
                    let a4 = c - rx * ltx;
                    let (hi_v, d) = if a3 >= a4 { (a3, a4 - a3) } else { (a4, a3 - a4) };
                    let e = d.exp();
                    let w_hi = 1.0 / (1.0 + e);
                    let w_lo = e * w_hi;
                    let (w3, w4) = if a3 >= a4 { (w_hi, w_lo) } else { (w_lo, w_hi) };
                    let w = g.w[i];
                    s_l += w * (hi_v + e.ln_1p());
                    s_ln += w * (w3 * lt + w4 * ltx);
                    s_inv += w * (w3 * it + w4 * itx);
                    s_inv2 += w * (w3 * it * it + w4 * itx * itx);
                    s_w4 += w * w4;
                    let v = w * w3 * w4;
                    let (dr, da) = (ltx - lt, itx - it); // Δr = −lt + ltx; Δα = rx·(itx − it)
                    s_v += v;
                    s_vr += v * dr;
                    s_va += v * da;
                    s_vrr += v * dr * dr;
                    s_vra += v * dr * da;
                    s_vaa += v * da * da;
                }
                total += s_l;
                let (ia, ib) = (1.0 / a, 1.0 / bx);
                // Δ = ∂A₃ − ∂A₄ = (Δr, rx·Δα, −1/a, 1/(b+x−1)).
                gr[0] -= s_ln;
                gr[1] -= rx * s_inv;
                gr[2] += s_w4 * ia;
                gr[3] -= s_w4 * ib;
                h[0][0] += s_vrr;
                h[0][1] += -s_inv + rx * s_vra;
                h[1][1] += rx * s_inv2 + rx * rx * s_vaa;
                h[0][2] += -ia * s_vr;
                h[0][3] += ib * s_vr;
                h[1][2] += -ia * rx * s_va;
                h[1][3] += ib * rx * s_va;
                h[2][2] += -s_w4 * ia * ia + s_v * ia * ia;
                h[3][3] += s_w4 * ib * ib + s_v * ib * ib;
                h[2][3] += -s_v * ia * ib;
            } else {
                let (mut s_lt, mut s_it, mut s_it2) = (0.0, 0.0, 0.0);
                for i in lo..hi {
                    let ti = g.t_idx[i] as usize;
                    let w = g.w[i];
                    s_lt += w * self.ln_t[ti];
                    s_it += w * self.inv_t[ti];
                    s_it2 += w * self.inv_t[ti] * self.inv_t[ti];
                }
                total -= rx * s_lt;
                gr[0] -= s_lt;
                gr[1] -= rx * s_it;
                h[0][1] -= s_it;
                h[1][1] += rx * s_it2;
            }
        }
        grad.copy_from_slice(&gr);
        for i in 0..4 {
            for j in 0..4 {
                hess[i * 4 + j] = if i <= j { h[i][j] } else { h[j][i] };
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Analytic gradient and Hessian against central differences of the value (and of the
    /// analytic gradient), on a small summary with one-time and repeat buyers.
    #[test]
    fn analytic_derivatives_match_finite_differences() {
        let x = [0.0, 0.0, 1.0, 2.0, 2.0, 5.0, 1.0, 7.0];
        let tx = [0.0, 0.0, 3.5, 10.0, 30.0, 31.0, 0.5, 38.0];
        let t = [20.0, 38.0, 30.0, 38.0, 38.0, 33.0, 39.0, 39.0];
        let g = Grouped::new(&x, &tx, &t);
        let mut ll = GroupedLl::new(&g);
        for p in [[0.24, 4.4, 0.79, 2.4], [1.3, 0.7, 3.0, 0.4]] {
            let (mut grad, mut hess) = ([0.0; 4], [0.0; 16]);
            let v = ll.ll(&p, Some((&mut grad, &mut hess)));
            let direct: f64 = (0..x.len())
                .map(|i| BgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] }.customer_log_likelihood(x[i], tx[i], t[i]))
                .sum();
            assert!((v - direct).abs() < 1e-10 * direct.abs(), "{v} vs {direct}");
            assert_eq!(v, ll.ll(&p, None));
            for i in 0..4 {
                let h = 1e-6 * p[i];
                let (mut hi, mut lo) = (p, p);
                hi[i] += h;
                lo[i] -= h;
                let fd = (ll.ll(&hi, None) - ll.ll(&lo, None)) / (2.0 * h);
                assert!((grad[i] - fd).abs() < 1e-6 * fd.abs().max(1.0), "∂{i}: {} vs {fd}", grad[i]);
                let (mut gh, mut gl, mut scratch) = ([0.0; 4], [0.0; 4], [0.0; 16]);
                ll.ll(&hi, Some((&mut gh, &mut scratch)));
                ll.ll(&lo, Some((&mut gl, &mut scratch)));
                for j in 0..4 {
                    let fd = (gh[j] - gl[j]) / (2.0 * h);
                    assert!(
                        (hess[j * 4 + i] - fd).abs() < 1e-5 * fd.abs().max(1.0),
                        "∂²{i}{j}: {} vs {fd}",
                        hess[j * 4 + i]
                    );
                }
            }
        }
    }
}
