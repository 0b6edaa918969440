//! Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999).
//!
//! Each transaction value is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on the
//! repeat customers only (x > 0, monetary > 0), on the mean repeat value z̄ of each, whose
//! density gives the per-customer likelihood
//!
//! ```text
//! ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(x z̄ + γ)
//! ```
//! (lifetimes' `GammaGammaFitter` with p, q, v = γ). The model assumes spend and frequency are
//! independent; the fit reports their correlation across the repeat customers.

use crate::sort;
use serde::Serialize;

use super::optimize::Convergence;
use super::params::{FitOptions, ParamError, Warning};
use super::special::{digamma, ln_gamma, trigamma};
use super::summary::{CustomerSummary, SummaryError};
use super::{fit_mle_analytic, pearson, LogLikelihood};

/// Why a Gamma-Gamma fit failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GammaGammaError {
    #[error("invalid input data: {0}")]
    Data(#[from] SummaryError),
    #[error("invalid fit options: {0}")]
    Options(#[from] ParamError),
    /// No customer has a repeat purchase with a positive value.
    #[error("no customer has a repeat purchase with a positive value, so spend cannot be modelled")]
    NoRepeatCustomers,
    #[error("Gamma-Gamma parameter {name} must be a finite number > 0, not {value}")]
    BadParameter { name: &'static str, value: f64 },
    #[error("the Gamma-Gamma likelihood could not be maximised (it is not finite at any point tried)")]
    NoFiniteLikelihood,
}

impl GammaGammaError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        match self {
            GammaGammaError::Data(e) => e.code(),
            GammaGammaError::Options(_) => "clv.bad_options",
            GammaGammaError::NoRepeatCustomers => "clv.no_repeat_customers",
            GammaGammaError::BadParameter { .. } => "clv.bad_parameter",
            GammaGammaError::NoFiniteLikelihood => "clv.no_finite_likelihood",
        }
    }
}

/// Gamma-Gamma parameters (p: shape of each transaction value; q, γ: Gamma of the scale ν).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

/// A fitted Gamma-Gamma model and how the fit went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GammaGammaFit {
    pub params: GammaGamma,
    /// Σ ln Lᵢ over the repeat customers.
    pub log_likelihood: f64,
    /// Standard errors on the parameters' own scale; `None` when the Hessian is not positive
    /// definite.
    pub standard_errors: Option<GammaGamma>,
    /// γp/(q−1): the mean spend per transaction across customers (`None` when q ≤ 1: infinite).
    pub population_mean: Option<f64>,
    /// Pearson correlation of frequency and monetary over the repeat customers (the model
    /// assumes about 0).
    pub frequency_monetary_correlation: f64,
    pub convergence: Convergence,
    pub warnings: Vec<Warning>,
    /// Repeat customers the model was fitted on.
    pub customers: usize,
}

impl GammaGamma {
    /// Parameters, checked to be finite and positive.
    pub fn new(p: f64, q: f64, gamma: f64) -> Result<Self, GammaGammaError> {
        for (name, value) in [("p", p), ("q", q), ("gamma", gamma)] {
            if !(value.is_finite() && value > 0.0) {
                return Err(GammaGammaError::BadParameter { name, value });
            }
        }
        Ok(GammaGamma { p, q, gamma })
    }

    /// Maximum-likelihood fit on the customers of `data` with frequency > 0 and monetary > 0.
    pub fn fit(data: &CustomerSummary, options: &FitOptions) -> Result<GammaGammaFit, GammaGammaError> {
        options.check()?;
        data.validate()?;
        let (x, m) = repeat_spend(data);
        if x.is_empty() {
            return Err(GammaGammaError::NoRepeatCustomers);
        }
        let n = x.len() as f64;
        let mean_m = m.iter().sum::<f64>() / n;
        let starts = vec![vec![1.0, 1.0, mean_m.max(1e-9)], vec![5.0, 3.0, mean_m.max(1e-9)]];
        let fit = fit_mle_analytic(&["p", "q", "gamma"], &starts, n, options, &mut SpendLl::new(&x, &m));
        if !fit.log_likelihood.is_finite() {
            return Err(GammaGammaError::NoFiniteLikelihood);
        }
        let params = GammaGamma { p: fit.params[0], q: fit.params[1], gamma: fit.params[2] };
        let corr = pearson(&x, &m);
        let mut warnings = Vec::new();
        if x.len() < options.min_repeat_customers {
            warnings.push(
                Warning::new(
                    "clv.few_repeat_customers",
                    format!(
                        "only {} customers have a repeat purchase with a value; the spend model needs at least {} to be reliable",
                        x.len(),
                        options.min_repeat_customers
                    ),
                )
                .with("repeat_customers", x.len())
                .with("minimum", options.min_repeat_customers),
            );
        }
        if corr.abs() > 0.3 {
            warnings.push(
                Warning::new(
                    "clv.spend_depends_on_frequency",
                    format!("frequency and mean spend are correlated ({corr:.2}); the Gamma-Gamma model assumes they are not"),
                )
                .with("correlation", corr),
            );
        }
        if params.q <= 1.0 {
            warnings.push(
                Warning::new("clv.infinite_mean_spend", "q ≤ 1: the population mean spend is infinite")
                    .with("q", params.q),
            );
        }
        warnings.extend(fit.warnings);
        let se = fit.standard_errors.as_deref().map(|v| GammaGamma { p: v[0], q: v[1], gamma: v[2] });
        Ok(GammaGammaFit {
            params,
            log_likelihood: fit.log_likelihood,
            standard_errors: se,
            population_mean: params.population_mean(),
            frequency_monetary_correlation: corr,
            convergence: fit.convergence,
            warnings,
            customers: x.len(),
        })
    }

    /// γp/(q−1), or `None` when q ≤ 1.
    pub fn population_mean(&self) -> Option<f64> {
        (self.q > 1.0).then(|| self.gamma * self.p / (self.q - 1.0))
    }

    /// E[M | x, z̄] = p(γ + x z̄)/(px + q − 1): a weighted mean of the population mean and the
    /// customer's own mean; the population mean when x = 0 (NaN when that is infinite).
    pub fn expected_spend(&self, x: f64, monetary: f64) -> f64 {
        let GammaGamma { p, q, gamma } = *self;
        let m = if x > 0.0 { monetary } else { 0.0 };
        let den = p * x + q - 1.0;
        if den <= 0.0 {
            return f64::NAN;
        }
        p * (gamma + x * m) / den
    }

    /// Σ ln Lᵢ over the customers of `data` with x > 0 and monetary > 0.
    pub fn log_likelihood(&self, data: &CustomerSummary) -> f64 {
        let (x, m) = repeat_spend(data);
        ll_sum(self.p, self.q, self.gamma, &x, &m)
    }
}

fn ll_sum(p: f64, q: f64, gamma: f64, x: &[f64], m: &[f64]) -> f64 {
    SpendLl::new(x, m).ll(&[p, q, gamma], None)
}

/// The Gamma-Gamma log-likelihood with analytic gradient and Hessian in (p, q, γ). Customers
/// are sorted by x so the x-only terms (ln Γ(px+q), ln Γ(px), ψ, ψ′) are taken once per
/// distinct x; per customer only ln(x z̄ + γ) depends on the parameters.
struct SpendLl {
    /// (x, ln x, z̄, ln z̄), sorted by x.
    rows: Vec<(f64, f64, f64, f64)>,
    /// Index ranges of equal x.
    runs: Vec<(usize, usize)>,
}

impl SpendLl {
    fn new(x: &[f64], m: &[f64]) -> Self {
        let mut rows: Vec<(f64, f64, f64, f64)> = x.iter().zip(m).map(|(&x, &m)| (x, x.ln(), m, m.ln())).collect();
        // Rows equal in x and z̄ are equal in all four.
        sort::sort_total_by(&mut rows, |a, b| a.0.total_cmp(&b.0).then(a.2.total_cmp(&b.2)));
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for i in 0..rows.len() {
            match runs.last_mut() {
                Some(r) if rows[r.0].0 == rows[i].0 => r.1 = i + 1,
                _ => runs.push((i, i + 1)),
            }
        }
        SpendLl { rows, runs }
    }
}

impl LogLikelihood for SpendLl {
    fn ll(&mut self, v: &[f64], derivs: Option<(&mut [f64], &mut [f64])>) -> f64 {
        let (p, q, gamma) = (v[0], v[1], v[2]);
        let (lg_q, ln_g) = (ln_gamma(q), gamma.ln());
        let want = derivs.is_some();
        let (dg_q, tg_q) = if want { (digamma(q), trigamma(q)) } else { (0.0, 0.0) };
        let mut total = 0.0;
        let mut gr = [0.0; 3];
        let mut h = [[0.0; 3]; 3];
        for &(lo, hi) in &self.runs {
            let (x, ln_x) = (self.rows[lo].0, self.rows[lo].1);
            let px = p * x;
            let k = (hi - lo) as f64;
            let head = ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_g + px * ln_x;
            // Σ ln z̄, Σ ln(x z̄ + γ), Σ 1/(x z̄ + γ), Σ 1/(x z̄ + γ)².
            let (mut s_lm, mut s_ld, mut s_id, mut s_id2) = (0.0, 0.0, 0.0, 0.0);
            for &(_, _, m, ln_m) in &self.rows[lo..hi] {
                let d = x * m + gamma;
                s_lm += ln_m;
                s_ld += d.ln();
                if want {
                    let id = 1.0 / d;
                    s_id += id;
                    s_id2 += id * id;
                }
            }
            total += k * head + (px - 1.0) * s_lm - (px + q) * s_ld;
            if want {
                let (d1, d2) = (digamma(px + q), digamma(px));
                let (t1, t2) = (trigamma(px + q), trigamma(px));
                gr[0] += x * (k * (d1 - d2 + ln_x) + s_lm - s_ld);
                gr[1] += k * (d1 - dg_q + ln_g) - s_ld;
                gr[2] += k * q / gamma - (px + q) * s_id;
                h[0][0] += k * x * x * (t1 - t2);
                h[0][1] += k * x * t1;
                h[0][2] -= x * s_id;
                h[1][1] += k * (t1 - tg_q);
                h[1][2] += k / gamma - s_id;
                h[2][2] += -k * q / (gamma * gamma) + (px + q) * s_id2;
            }
        }
        if let Some((grad, hess)) = derivs {
            grad.copy_from_slice(&gr);
            for i in 0..3 {
                for j in 0..3 {
                    hess[i * 3 + j] = if i <= j { h[i][j] } else { h[j][i] };
                }
            }
        }
        total
    }
}

/// Frequency and monetary value of the customers the spend model uses: x > 0 and monetary > 0.
fn repeat_spend(data: &CustomerSummary) -> (Vec<f64>, Vec<f64>) {
    data.frequency.iter().zip(&data.monetary).filter(|&(&x, &m)| x > 0.0 && m > 0.0).map(|(&x, &m)| (x, m)).unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analytic_derivatives_match_finite_differences() {
        let x = [1.0, 1.0, 2.0, 5.0, 3.0, 2.0];
        let m = [10.0, 35.5, 12.25, 80.0, 3.0, 19.0];
        let mut ll = SpendLl::new(&x, &m);
        for p in [[6.2, 3.7, 15.4], [0.8, 1.5, 2.0]] {
            let (mut grad, mut hess) = ([0.0; 3], [0.0; 9]);
            let v = ll.ll(&p, Some((&mut grad, &mut hess)));
            assert_eq!(v, ll.ll(&p, None));
            for i in 0..3 {
                let h = 1e-6 * p[i];
                let (mut hi, mut lo) = (p, p);
                hi[i] += h;
                lo[i] -= h;
                let fd = (ll.ll(&hi, None) - ll.ll(&lo, None)) / (2.0 * h);
                assert!((grad[i] - fd).abs() < 1e-6 * fd.abs().max(1.0), "∂{i}: {} vs {fd}", grad[i]);
                let (mut gh, mut gl, mut scratch) = ([0.0; 3], [0.0; 3], [0.0; 9]);
                ll.ll(&hi, Some((&mut gh, &mut scratch)));
                ll.ll(&lo, Some((&mut gl, &mut scratch)));
                for j in 0..3 {
                    let fd = (gh[j] - gl[j]) / (2.0 * h);
                    assert!(
                        (hess[j * 3 + i] - fd).abs() < 1e-5 * fd.abs().max(1.0),
                        "∂²{i}{j}: {} vs {fd}",
                        hess[j * 3 + i]
                    );
                }
            }
        }
    }
}
