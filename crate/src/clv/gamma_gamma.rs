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

use serde::Serialize;

use super::optimize::Convergence;
use super::params::{FitOptions, ParamError, Warning};
use super::special::ln_gamma;
use super::summary::{CustomerSummary, SummaryError};
use super::{fit_mle, pearson};

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
        let (x, m): (Vec<f64>, Vec<f64>) = data
            .frequency
            .iter()
            .zip(&data.monetary)
            .filter(|&(&x, &m)| x > 0.0 && m > 0.0)
            .map(|(&x, &m)| (x, m))
            .unzip();
        if x.is_empty() {
            return Err(GammaGammaError::NoRepeatCustomers);
        }
        let n = x.len() as f64;
        let mean_m = m.iter().sum::<f64>() / n;
        let starts = vec![vec![1.0, 1.0, mean_m.max(1e-9)], vec![5.0, 3.0, mean_m.max(1e-9)]];
        let ll = |v: &[f64]| ll_sum(v[0], v[1], v[2], &x, &m);
        let fit = fit_mle(&starts, n, options, ll);
        if !fit.log_likelihood.is_finite() {
            return Err(GammaGammaError::NoFiniteLikelihood);
        }
        let params = GammaGamma { p: fit.params[0], q: fit.params[1], gamma: fit.params[2] };
        let corr = pearson(&x, &m);
        let mut warnings = Vec::new();
        if x.len() < options.min_repeat_customers {
            warnings.push(Warning::new(
                "clv.few_repeat_customers",
                format!(
                    "only {} customers have a repeat purchase with a value; the spend model needs at least {} to be reliable",
                    x.len(),
                    options.min_repeat_customers
                ),
            ));
        }
        if corr.abs() > 0.3 {
            warnings.push(Warning::new(
                "clv.spend_depends_on_frequency",
                format!("frequency and mean spend are correlated ({corr:.2}); the Gamma-Gamma model assumes they are not"),
            ));
        }
        if params.q <= 1.0 {
            warnings.push(Warning::new("clv.infinite_mean_spend", "q ≤ 1: the population mean spend is infinite"));
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
        let (x, m): (Vec<f64>, Vec<f64>) =
            data.frequency.iter().zip(&data.monetary).filter(|&(&x, &m)| x > 0.0 && m > 0.0).map(|(&x, &m)| (x, m)).unzip();
        ll_sum(self.p, self.q, self.gamma, &x, &m)
    }
}

fn ll_sum(p: f64, q: f64, gamma: f64, x: &[f64], m: &[f64]) -> f64 {
    let (lg_q, ln_g) = (ln_gamma(q), gamma.ln());
    let mut total = 0.0;
    for (&x, &m) in x.iter().zip(m) {
        let px = p * x;
        total += ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_g + (px - 1.0) * m.ln() + px * x.ln()
            - (px + q) * (x * m + gamma).ln();
    }
    total
}
