//! Fit settings shared by the three models, validated before any work, and the warnings a fit
//! can carry.

use std::collections::BTreeMap;

use serde::Serialize;

/// Settings of a maximum-likelihood fit. Build with [`FitOptions::default`] and the setters;
/// every `fit` calls [`FitOptions::check`] first.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FitOptions {
    /// Iteration budget of each Nelder–Mead run (and of the Newton polish).
    pub max_iterations: usize,
    /// Relative tolerance on the objective for the Nelder–Mead stage. The Newton polish that
    /// follows drives the gradient to rounding level, so this only trades search effort
    /// against the risk of stopping far from the optimum on a flat likelihood.
    pub tolerance: f64,
    /// Nelder–Mead restarts from the best vertex, per start point.
    pub max_restarts: usize,
    /// L2 penalty `penalizer × Σ θ²` on the parameters, added to the mean negative
    /// log-likelihood as lifetimes' `penalizer_coef` does. 0 (the default) is plain maximum
    /// likelihood; the goldens use 0.
    pub penalizer: f64,
    /// Repeat customers below which a fit carries the `clv.few_repeat_customers` warning.
    pub min_repeat_customers: usize,
    /// Work budget of each fit, in likelihood terms: every objective evaluation costs one unit
    /// per customer, plus one per term of every hypergeometric series it sums (Pareto/NBD;
    /// three for a term summed with its derivatives, which costs about three plain ones).
    /// When the budget runs out the search stops, keeps the best parameters it found, and the
    /// fit carries the `clv.work_budget_exhausted` warning (a fit that never found a finite
    /// likelihood fails instead, and the analysis goes on without that model). Default
    /// 1,000,000,000 (a few seconds natively): the CDNOW Pareto/NBD fit (2,357 customers) uses
    /// 0.86 M (37 M before it had derivatives), its BG/NBD and Gamma-Gamma fits under 0.1 M.
    pub max_work: u64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            max_iterations: 5_000,
            tolerance: 1e-3,
            max_restarts: 1,
            penalizer: 0.0,
            min_repeat_customers: 30,
            max_work: 1_000_000_000,
        }
    }
}

/// Invalid [`FitOptions`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParamError {
    #[error("max_iterations must be at least 1")]
    MaxIterations,
    #[error("tolerance must be a finite number in (0, 1), not {0}")]
    Tolerance(f64),
    #[error("penalizer must be a finite number ≥ 0, not {0}")]
    Penalizer(f64),
    #[error("max_work must be at least 1")]
    MaxWork,
}

impl FitOptions {
    /// Sets the iteration budget.
    pub fn max_iterations(mut self, n: usize) -> Self {
        self.max_iterations = n;
        self
    }

    /// Sets the tolerance.
    pub fn tolerance(mut self, tol: f64) -> Self {
        self.tolerance = tol;
        self
    }

    /// Sets the L2 penalty.
    pub fn penalizer(mut self, p: f64) -> Self {
        self.penalizer = p;
        self
    }

    /// Sets the work budget.
    pub fn max_work(mut self, units: u64) -> Self {
        self.max_work = units;
        self
    }

    /// Checks every setting.
    pub fn check(&self) -> Result<(), ParamError> {
        if self.max_iterations == 0 {
            return Err(ParamError::MaxIterations);
        }
        if !(self.tolerance > 0.0 && self.tolerance < 1.0) {
            return Err(ParamError::Tolerance(self.tolerance));
        }
        if !(self.penalizer >= 0.0 && self.penalizer.is_finite()) {
            return Err(ParamError::Penalizer(self.penalizer));
        }
        if self.max_work == 0 {
            return Err(ParamError::MaxWork);
        }
        Ok(())
    }
}

/// A caveat about a result: a stable `code` for the page's i18n, the numbers and names the
/// message quotes as `params` (so the page builds its sentence in either language without
/// parsing English), and an English sentence for the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub params: BTreeMap<&'static str, serde_json::Value>,
    pub message: String,
}

impl Warning {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Warning { code, params: BTreeMap::new(), message: message.into() }
    }

    /// Adds a parameter of the message.
    pub(crate) fn with(mut self, key: &'static str, value: impl Into<serde_json::Value>) -> Self {
        self.params.insert(key, value.into());
        self
    }
}
