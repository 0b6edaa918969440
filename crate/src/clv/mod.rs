//! Customer lifetime value: BG/NBD, Pareto/NBD and Gamma-Gamma, fitted by maximum likelihood
//! and validated on a holdout period.
//!
//! The pieces, each usable on its own:
//!
//! 1. [`summary`]: per-customer frequency / recency / T / monetary from a transaction log, with
//!    the exact definitions, and the calibration / holdout split;
//! 2. the models [`BgNbd`], [`ParetoNbd`] (purchases and dropout) and [`GammaGamma`] (spend):
//!    `fit` returns parameters, log-likelihood, standard errors, a [`Convergence`] report and
//!    [`Warning`]s; the fitted parameters predict per customer;
//! 3. [`predict`] and [`customer_lifetime_value`]: expected purchases, P(alive), expected
//!    spend and CLV per customer, as lifetimes computes them;
//! 4. [`validate`]: the cumulative repeat-transaction tracking series and the calibration
//!    frequency against holdout purchases table, as plain data for the page's charts;
//! 5. [`analyse`]: all of the above from a [`LineItems`] store in one call: what the page and
//!    `clientele clv --json` print.
//!
//! All times are in the summary's [`TimeUnit`]. Every fit works on the logarithms of the
//! parameters (no bounds needed), starts from fixed points (results are reproducible), and is
//! polished by Newton's method so the optimum is met to about 1e-8 relative.

mod bgnbd;
mod gamma_gamma;
mod jet;
mod optimize;
mod params;
mod pareto_nbd;
pub mod simulate;
pub mod special;
pub mod summary;
mod table;

use crate::sort;
use serde::Serialize;

pub use bgnbd::{BgNbd, BgNbdError, BgNbdFit};
pub use gamma_gamma::{GammaGamma, GammaGammaError, GammaGammaFit};
pub use optimize::Convergence;
pub use params::{FitOptions, ParamError, Warning};
pub use pareto_nbd::{ParetoNbd, ParetoNbdError, ParetoNbdFit};
pub use summary::{
    calibration_holdout, summary_from_lines, summary_from_transactions, CalibrationHoldout, CustomerSummary,
    SummaryError, TimeUnit,
};
pub use table::{auto_holdout_start, ClvRequest, TablePage, TableQuery, TableRow, TableView};

use crate::model::LineItems;
use optimize::{fd_derivatives, minimize, spd_inverse, Settings, WorkBudget};
use summary::{day_of, format_day, purchase_columns};

/// A fitted purchase model: what CLV, predictions and validation need.
pub trait PurchaseModel {
    /// E[Y(t) | x, tₓ, T]: expected purchases in the next `t`.
    fn expected_purchases(&self, t: f64, x: f64, t_x: f64, big_t: f64) -> f64 {
        if t <= 0.0 {
            return 0.0;
        }
        self.expected_if_alive(t, x, big_t) * self.p_alive(x, t_x, big_t)
    }
    /// P(alive | x, tₓ, T).
    fn p_alive(&self, x: f64, t_x: f64, big_t: f64) -> f64;
    /// E[Y(t) | alive at T, x, T]: in both models the conditional expectation factors as this
    /// (which does not depend on tₓ) times P(alive), so predictions share it across customers
    /// with the same (x, T).
    fn expected_if_alive(&self, t: f64, x: f64, big_t: f64) -> f64;
    /// E[X(t)] for a customer just acquired.
    fn unconditional_expected(&self, t: f64) -> f64;
}

/// Customers with identical (x, tₓ, T), merged with a weight, sorted by x; `runs` are the index
/// ranges of equal x, so x-only terms are computed once per distinct x.
#[derive(Debug)]
pub(crate) struct Grouped {
    pub x: Vec<f64>,
    pub tx: Vec<f64>,
    pub t: Vec<f64>,
    pub w: Vec<f64>,
    pub runs: Vec<(usize, usize)>,
    /// Distinct values of T and of tₓ, and each row's index into them, so per-evaluation
    /// logarithms such as ln(α+T) are computed once per distinct value.
    pub t_vals: Vec<f64>,
    pub t_idx: Vec<u32>,
    pub tx_vals: Vec<f64>,
    pub tx_idx: Vec<u32>,
}

/// Distinct values of `v` (sorted) and each entry's index into them.
fn distinct(v: &[f64]) -> (Vec<f64>, Vec<u32>) {
    let mut vals = v.to_vec();
    sort::sort_total_by(&mut vals, f64::total_cmp);
    vals.dedup_by(|a, b| a.total_cmp(b).is_eq());
    let idx = v.iter().map(|x| vals.binary_search_by(|p| p.total_cmp(x)).unwrap_or(0) as u32).collect();
    (vals, idx)
}

impl Grouped {
    pub fn new(x: &[f64], tx: &[f64], t: &[f64]) -> Self {
        let mut idx: Vec<usize> = (0..x.len()).collect();
        // Rows it calls equal are bitwise equal: they make one group whatever their order.
        sort::sort_total_by(&mut idx, |&i, &j| {
            x[i].total_cmp(&x[j]).then(tx[i].total_cmp(&tx[j])).then(t[i].total_cmp(&t[j]))
        });
        let mut g = Grouped {
            x: Vec::new(),
            tx: Vec::new(),
            t: Vec::new(),
            w: Vec::new(),
            runs: Vec::new(),
            t_vals: Vec::new(),
            t_idx: Vec::new(),
            tx_vals: Vec::new(),
            tx_idx: Vec::new(),
        };
        for i in idx {
            let n = g.x.len();
            if n > 0 && g.x[n - 1] == x[i] && g.tx[n - 1] == tx[i] && g.t[n - 1] == t[i] {
                g.w[n - 1] += 1.0;
                continue;
            }
            if n == 0 || g.x[n - 1] != x[i] {
                if let Some(last) = g.runs.last_mut() {
                    last.1 = n;
                }
                g.runs.push((n, n));
            }
            g.x.push(x[i]);
            g.tx.push(tx[i]);
            g.t.push(t[i]);
            g.w.push(1.0);
        }
        if let Some(last) = g.runs.last_mut() {
            last.1 = g.x.len();
        }
        (g.t_vals, g.t_idx) = distinct(&g.t);
        (g.tx_vals, g.tx_idx) = distinct(&g.tx);
        g
    }

    /// Total weight of the rows `lo..hi`.
    pub fn weight(&self, lo: usize, hi: usize) -> f64 {
        self.w[lo..hi].iter().sum()
    }
}

/// What [`fit_mle`] returns, parameters on their own scale.
pub(crate) struct Mle {
    pub params: Vec<f64>,
    pub log_likelihood: f64,
    pub standard_errors: Option<Vec<f64>>,
    pub convergence: Convergence,
    pub warnings: Vec<Warning>,
}

/// Maximises `ll` (the total log-likelihood at natural parameters) over log-parameters from the
/// given natural-scale starts with the derivative-free search of [`minimize`]; `n` is the
/// number of customers (the objective is the mean). The fallback of [`fit_mle_analytic`].
///
/// The search charges `n` work units per evaluation to `budget` (`ll` may charge its series
/// terms to the same budget) and stops, keeping its best point, once the budget is spent; the
/// budget is then lifted for the few evaluations that report the chosen point.
pub(crate) fn fit_mle<F: FnMut(&[f64]) -> f64>(
    names: &[&'static str],
    starts: &[Vec<f64>],
    n: f64,
    options: &FitOptions,
    budget: &WorkBudget,
    mut ll: F,
) -> Mle {
    let pen = options.penalizer;
    let mut buf = Vec::new();
    let objective = |theta: &[f64]| {
        buf.clear();
        buf.extend(theta.iter().map(|t| t.exp()));
        let v = -ll(&buf) / n;
        if pen > 0.0 {
            v + pen * buf.iter().map(|p| p * p).sum::<f64>()
        } else {
            v
        }
    };
    let log_starts: Vec<Vec<f64>> = starts.iter().map(|s| s.iter().map(|v| v.ln()).collect()).collect();
    let settings = Settings {
        max_iterations: options.max_iterations,
        tolerance: options.tolerance,
        max_restarts: options.max_restarts,
    };
    let m = minimize(objective, &log_starts, settings, n, budget, n as u64);
    budget.lift();
    let params: Vec<f64> = m.x.iter().map(|t| t.exp()).collect();
    let log_likelihood = ll(&params);
    // Hessian of the total −LL in the log-parameters.
    let hessian: Vec<f64> = if pen == 0.0 {
        m.hessian.iter().map(|h| h * n).collect()
    } else {
        let mut f = |theta: &[f64]| -ll(&theta.iter().map(|t| t.exp()).collect::<Vec<_>>());
        let f0 = f(&m.x);
        fd_derivatives(&mut f, &m.x, f0, 1e-4).1
    };
    finish_mle(names, params, log_likelihood, &hessian, m.convergence, options)
}

/// Standard errors and fit warnings from the Hessian of the total −LL in the log-parameters.
fn finish_mle(
    names: &[&'static str],
    params: Vec<f64>,
    log_likelihood: f64,
    hessian: &[f64],
    convergence: Convergence,
    options: &FitOptions,
) -> Mle {
    let k = params.len();
    // Delta method: SE(p) = p · SE(ln p) (exact at a stationary point).
    let standard_errors = spd_inverse(hessian, k).and_then(|cov| {
        let se: Vec<f64> = (0..k).map(|i| params[i] * cov[i * k + i].sqrt()).collect();
        se.iter().all(|v| v.is_finite()).then_some(se)
    });
    let mut warnings = Vec::new();
    if convergence.work_budget_exhausted {
        warnings.push(
            Warning::new(
                "clv.work_budget_exhausted",
                format!(
                    "the fit stopped when its work budget ran out ({} of {} likelihood terms) and kept the best parameters found; raise max_work to search further",
                    convergence.work, options.max_work
                ),
            )
            .with("work", convergence.work)
            .with("max_work", options.max_work),
        );
    }
    if !convergence.converged {
        warnings.push(
            Warning::new(
                "clv.not_converged",
                format!(
                    "the fit did not fully converge (gradient norm {:.3e} after {} iterations); treat the parameters with caution",
                    convergence.gradient_norm, convergence.iterations
                ),
            )
            .with("gradient_norm", convergence.gradient_norm)
            .with("iterations", convergence.iterations),
        );
    }
    if let Some(i) = params.iter().position(|&p| !(1e-6..=1e6).contains(&p)) {
        warnings.push(
            Warning::new(
                "clv.parameter_at_boundary",
                format!(
                    "parameter {} ran to an extreme value ({:.3e}): the data cannot pin the model down (a limiting case fits as well)",
                    names.get(i).copied().unwrap_or("?"),
                    params[i]
                ),
            )
            .with("parameter", names.get(i).copied().unwrap_or("?"))
            .with("value", params[i]),
        );
    }
    if standard_errors.is_none() {
        warnings.push(Warning::new(
            "clv.no_standard_errors",
            "standard errors are unavailable: the likelihood is flat or not concave at the optimum",
        ));
    }
    Mle { params, log_likelihood, standard_errors, convergence, warnings }
}

/// A total log-likelihood with analytic derivatives in the natural parameters:
/// `ll(p, Some((grad, hess)))` returns Σ ln Lᵢ and fills ∂/∂p and the row-major ∂²/∂p∂p.
pub(crate) trait LogLikelihood {
    fn ll(&mut self, p: &[f64], derivs: Option<(&mut [f64], &mut [f64])>) -> f64;
}

/// The mean negative log-likelihood (plus the L2 penalty) over θ = ln p, for [`newton`].
struct LogObjective<'a, L> {
    ll: &'a mut L,
    n: f64,
    penalizer: f64,
    p: Vec<f64>,
    gp: Vec<f64>,
    hp: Vec<f64>,
    /// The latest evaluation with derivatives (p, Σ ln L, ∂, ∂²), so the report at the optimum
    /// Newton ends on needs no second evaluation there.
    last: Option<Evaluated>,
}

/// Parameters, Σ ln L, its gradient and its Hessian.
type Evaluated = (Vec<f64>, f64, Vec<f64>, Vec<f64>);

impl<L: LogLikelihood> optimize::Smooth for LogObjective<'_, L> {
    fn eval(&mut self, theta: &[f64], derivs: Option<(&mut [f64], &mut [f64])>) -> f64 {
        let k = theta.len();
        for (p, t) in self.p.iter_mut().zip(theta) {
            *p = t.exp();
        }
        let pen = self.penalizer;
        let penalty = pen * self.p.iter().map(|p| p * p).sum::<f64>();
        match derivs {
            None => -self.ll.ll(&self.p, None) / self.n + penalty,
            Some((g, h)) => {
                let v = self.ll.ll(&self.p, Some((&mut self.gp, &mut self.hp)));
                self.last = Some((self.p.clone(), v, self.gp.clone(), self.hp.clone()));
                let p = &self.p;
                for i in 0..k {
                    g[i] = -p[i] * self.gp[i] / self.n + 2.0 * pen * p[i] * p[i];
                    for j in 0..k {
                        let mut v = p[i] * p[j] * self.hp[i * k + j];
                        if i == j {
                            v += p[i] * self.gp[i];
                        }
                        h[i * k + j] = -v / self.n + if i == j { 4.0 * pen * p[i] * p[i] } else { 0.0 };
                    }
                }
                -v / self.n + penalty
            }
        }
    }
}

/// Maximum likelihood with analytic derivatives: Newton's method in the log-parameters from
/// each start in turn until one converges (gradient of the total log-likelihood below 1e-3 at a
/// positive-definite Hessian); if none does, the derivative-free [`fit_mle`] runs too and the
/// better optimum wins, so a hard likelihood still gets the robust search.
pub(crate) fn fit_mle_analytic<L: LogLikelihood>(
    names: &[&'static str],
    starts: &[Vec<f64>],
    n: f64,
    options: &FitOptions,
    ll: &mut L,
) -> Mle {
    fit_mle_analytic_within(names, starts, n, options, ll, &WorkBudget::new(options.max_work))
}

/// [`fit_mle_analytic`] within `budget`, which `ll` may also charge (the Pareto/NBD likelihood
/// charges its series terms); the budget is lifted for the final evaluation at the optimum.
pub(crate) fn fit_mle_analytic_within<L: LogLikelihood>(
    names: &[&'static str],
    starts: &[Vec<f64>],
    n: f64,
    options: &FitOptions,
    ll: &mut L,
    budget: &WorkBudget,
) -> Mle {
    let k = starts.first().map_or(0, Vec::len);
    let mut obj = LogObjective {
        ll,
        n,
        penalizer: options.penalizer,
        p: vec![0.0; k],
        gp: vec![0.0; k],
        hp: vec![0.0; k * k],
        last: None,
    };
    let (mut iterations, mut evaluations, mut restarts) = (0, 0, 0);
    let mut best: Option<optimize::NewtonResult> = None;
    let mut converged = false;
    for (i, start) in starts.iter().enumerate() {
        let theta: Vec<f64> = start.iter().map(|v| v.ln()).collect();
        let r = optimize::newton(&mut obj, &theta, options.max_iterations.min(500), n, 1e-7, budget, n as u64);
        iterations += r.iterations;
        evaluations += r.evaluations;
        restarts = i;
        let gnorm = r.gradient.iter().map(|v| v * v).sum::<f64>().sqrt() * n;
        let ok = r.value.is_finite() && r.positive_definite && gnorm <= 1e-3 && !budget.was_exhausted();
        if best.as_ref().map_or(true, |b| r.value < b.value || (ok && !converged)) {
            best = Some(r);
            converged = ok;
        }
        if converged || budget.spent() {
            break;
        }
    }
    let mut ll_only = |p: &[f64]| obj.ll.ll(p, None);
    // The work of the search, before the evaluations that report its result.
    let mut work = budget.used();
    let best = match best {
        Some(b) if converged => b,
        other => {
            // Fall back to the derivative-free search; keep whichever optimum is higher.
            let fallback = fit_mle(names, starts, n, options, budget, &mut ll_only);
            work = fallback.convergence.work;
            evaluations += fallback.convergence.evaluations;
            match other {
                Some(b) if b.value.is_finite() && -b.value * n >= fallback.log_likelihood => b,
                _ => return fallback,
            }
        }
    };
    budget.lift();
    let params: Vec<f64> = best.x.iter().map(|t| t.exp()).collect();
    // Hessian of the total −LL in θ without the penalty, for the standard errors.
    let (log_likelihood, gp, hp) = match obj.last.take() {
        Some((p, v, gp, hp)) if p == params && v.is_finite() => (v, gp, hp),
        _ => {
            let (mut gp, mut hp) = (vec![0.0; k], vec![0.0; k * k]);
            (obj.ll.ll(&params, Some((&mut gp, &mut hp))), gp, hp)
        }
    };
    let mut hessian = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..k {
            hessian[i * k + j] =
                -(params[i] * params[j] * hp[i * k + j] + if i == j { params[i] * gp[i] } else { 0.0 });
        }
    }
    let gradient_norm = best.gradient.iter().map(|v| v * v).sum::<f64>().sqrt() * n;
    let convergence = Convergence {
        converged,
        iterations,
        evaluations,
        work,
        work_budget_exhausted: budget.was_exhausted(),
        restarts,
        gradient_norm,
        method: "newton (analytic derivatives, log-parameters)",
    };
    finish_mle(names, params, log_likelihood, &hessian, convergence, options)
}

/// Warnings about thin data, shared by the purchase models.
pub(crate) fn data_warnings(data: &CustomerSummary, options: &FitOptions) -> Vec<Warning> {
    let mut w = Vec::new();
    let repeat = data.repeat_customers();
    if repeat < options.min_repeat_customers {
        w.push(
            Warning::new(
                "clv.few_repeat_customers",
                format!(
                    "only {repeat} customers made a repeat purchase; at least {} are needed for reliable estimates",
                    options.min_repeat_customers
                ),
            )
            .with("repeat_customers", repeat)
            .with("minimum", options.min_repeat_customers),
        );
    }
    let span_days = data.t.iter().copied().fold(0.0, f64::max) * data.unit.days();
    if span_days < MIN_HISTORY_DAYS {
        w.push(
            Warning::new(
                "clv.short_history",
                format!("the longest customer history is {span_days:.0} days; purchase models need several months of history"),
            )
            .with("history_days", span_days.round())
            .with("minimum_days", MIN_HISTORY_DAYS),
        );
    }
    w
}

/// Below this longest customer history (8 weeks) a purchase model carries `clv.short_history`.
const MIN_HISTORY_DAYS: f64 = 56.0;

/// Pearson correlation (0 when either side is constant).
pub(crate) fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Expected purchases per month for `months` months, discounted, times the expected spend:
/// lifetimes' `customer_lifetime_value(model, x, tₓ, T, monetary, time=months,
/// discount_rate=monthly_discount, freq)` for one customer.
///
/// `CLV = Σ_{i=1..months} E[M] · (E[Y(i·f)] − E[Y((i−1)·f)]) / (1 + d)^i` with `f` units per
/// month ([`TimeUnit::per_month`]: 4.345 weeks or 30 days).
#[allow(clippy::too_many_arguments)]
pub fn clv_one<M: PurchaseModel + ?Sized>(
    model: &M,
    unit: TimeUnit,
    expected_spend: f64,
    x: f64,
    t_x: f64,
    big_t: f64,
    months: u32,
    monthly_discount: f64,
) -> f64 {
    let f = unit.per_month();
    let mut prev = 0.0;
    let mut clv = 0.0;
    for i in 1..=months {
        let e = model.expected_purchases(f64::from(i) * f, x, t_x, big_t);
        clv += expected_spend * (e - prev) / (1.0 + monthly_discount).powi(i as i32);
        prev = e;
    }
    clv
}

/// [`clv_one`] for every customer of `data`, with E[M] from the Gamma-Gamma model.
pub fn customer_lifetime_value<M: PurchaseModel + ?Sized>(
    model: &M,
    spend: &GammaGamma,
    data: &CustomerSummary,
    months: u32,
    monthly_discount: f64,
) -> Vec<f64> {
    predict(model, Some(spend), data, months, monthly_discount).clv
}

/// Per customer: (E[Y(months · f)] if alive, Σᵢ (E[Y(i·f)] − E[Y((i−1)·f)])/(1+d)^i if alive),
/// computed once per distinct (x, T).
fn alive_steps<M: PurchaseModel + ?Sized>(model: &M, data: &CustomerSummary, months: u32, d: f64) -> Vec<(f64, f64)> {
    let f = data.unit.per_month();
    let n = data.len();
    let mut idx: Vec<usize> = (0..n).collect();
    // Customers it calls equal have bitwise-equal keys and get the same result, in any order.
    sort::sort_total_by(&mut idx, |&i, &j| {
        data.frequency[i].total_cmp(&data.frequency[j]).then(data.t[i].total_cmp(&data.t[j]))
    });
    let mut out = vec![(f64::NAN, f64::NAN); n];
    let mut k = 0;
    while k < n {
        let (x, t) = (data.frequency[idx[k]], data.t[idx[k]]);
        let (mut prev, mut disc) = (0.0, 0.0);
        for i in 1..=months {
            let e = model.expected_if_alive(f64::from(i) * f, x, t);
            disc += (e - prev) / (1.0 + d).powi(i as i32);
            prev = e;
        }
        out[idx[k]] = (prev, disc);
        k += 1;
        // Bitwise-equal keys share the result (NaN keys never match, so each gets its own).
        while k < n && data.frequency[idx[k]] == x && data.t[idx[k]] == t {
            out[idx[k]] = (prev, disc);
            k += 1;
        }
    }
    out
}

/// Per-customer predictions, column by column, in the order of the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Predictions {
    /// The horizon of `expected_purchases`, in the summary's unit (months × units per month).
    pub horizon: f64,
    pub horizon_months: u32,
    pub monthly_discount: f64,
    pub customer: Vec<u32>,
    /// E[Y(horizon) | x, tₓ, T].
    pub expected_purchases: Vec<f64>,
    pub p_alive: Vec<f64>,
    /// Gamma-Gamma E[M | x, z̄] (empty without a spend model).
    pub expected_spend: Vec<f64>,
    /// CLV over the horizon (empty without a spend model).
    pub clv: Vec<f64>,
}

/// Predictions laid out by the store's dense customer id (`LineItems::customer`), for the
/// customer fact table and the segmentation: entry `c` is customer `c`'s value, NaN for a
/// customer with no purchase line (returns only) and for the columns a missing spend model
/// leaves empty. Guests ([`crate::model::NO_CUSTOMER`]) have no entry.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CustomerClv {
    /// P(alive) at the end of observation.
    pub p_alive: Vec<f64>,
    /// E[Y(horizon)]: expected purchase days over the horizon.
    pub expected_purchases: Vec<f64>,
    /// Gamma-Gamma expected spend per purchase.
    pub expected_spend: Vec<f64>,
    /// CLV over the horizon (discounted).
    pub clv: Vec<f64>,
}

impl Predictions {
    /// The predictions indexed by dense customer id, for `n_customers` ids
    /// (`lines.customers.len()`).
    pub fn by_customer_id(&self, n_customers: usize) -> CustomerClv {
        let mut out = CustomerClv {
            p_alive: vec![f64::NAN; n_customers],
            expected_purchases: vec![f64::NAN; n_customers],
            expected_spend: vec![f64::NAN; n_customers],
            clv: vec![f64::NAN; n_customers],
        };
        for (k, &c) in self.customer.iter().enumerate() {
            let Some(i) = usize::try_from(c).ok().filter(|&i| i < n_customers) else { continue };
            out.p_alive[i] = self.p_alive[k];
            out.expected_purchases[i] = self.expected_purchases[k];
            if let (Some(&m), Some(&v)) = (self.expected_spend.get(k), self.clv.get(k)) {
                out.expected_spend[i] = m;
                out.clv[i] = v;
            }
        }
        out
    }
}

/// Predicts every customer of `data` over `months` months.
pub fn predict<M: PurchaseModel + ?Sized>(
    model: &M,
    spend: Option<&GammaGamma>,
    data: &CustomerSummary,
    months: u32,
    monthly_discount: f64,
) -> Predictions {
    let horizon = f64::from(months) * data.unit.per_month();
    let n = data.len();
    let mut p = Predictions {
        horizon,
        horizon_months: months,
        monthly_discount,
        customer: data.customer.clone(),
        expected_purchases: Vec::with_capacity(n),
        p_alive: Vec::with_capacity(n),
        expected_spend: Vec::new(),
        clv: Vec::new(),
    };
    let steps = alive_steps(model, data, months, monthly_discount);
    for (i, &(e, disc)) in steps.iter().enumerate() {
        let (x, tx, t) = (data.frequency[i], data.recency[i], data.t[i]);
        let alive = model.p_alive(x, tx, t);
        p.expected_purchases.push(e * alive);
        p.p_alive.push(alive);
        if let Some(gg) = spend {
            let m = gg.expected_spend(x, data.monetary[i]);
            p.expected_spend.push(m);
            p.clv.push(m * alive * disc);
        }
    }
    p
}

/// One period of the tracking chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackingPoint {
    /// 1-based period number (one period = one time unit).
    pub period: u32,
    /// Last day of the period, `YYYY-MM-DD`.
    pub end: String,
    /// Whether the period lies in the holdout.
    pub holdout: bool,
    /// Repeat purchase days in the period.
    pub actual: f64,
    /// Model expectation of the same.
    pub predicted: f64,
    pub actual_cumulative: f64,
    pub predicted_cumulative: f64,
}

/// Customers grouped by calibration frequency, mean holdout purchases actual against predicted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionalRow {
    /// Calibration frequency x (the last row holds x and more: see `or_more`).
    pub frequency: u32,
    pub or_more: bool,
    pub customers: usize,
    /// Mean holdout purchase days.
    pub actual: f64,
    /// Mean E[Y(holdout duration) | x, tₓ, T].
    pub predicted: f64,
}

/// Holdout validation of a purchase model fitted on the calibration period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    pub calibration_end: String,
    pub observation_end: String,
    /// Holdout length in units.
    pub holdout_duration: f64,
    /// Tracking series from the first purchase to the observation end.
    pub tracking: Vec<TrackingPoint>,
    /// Conditional expectations by calibration frequency.
    pub conditional: Vec<ConditionalRow>,
    /// Per customer (calibration order): holdout purchase days.
    pub holdout_actual: Vec<f64>,
    /// Per customer: E[Y(holdout duration) | calibration x, tₓ, T].
    pub holdout_predicted: Vec<f64>,
    /// Mean absolute per-customer error.
    pub mae: f64,
    /// Root mean squared per-customer error.
    pub rmse: f64,
    pub total_actual: f64,
    pub total_predicted: f64,
}

/// Validates `model` (fitted on `split.calibration`) against the holdout. `max_frequency`
/// closes the conditional table with an "x or more" row (the paper uses 7).
///
/// Tracking: period k (1-based) ends on day `o + k·u − 1`, where `o` is the first purchase day
/// of any calibration customer and `u` the unit in days. Actual = repeat purchase days in the
/// period; predicted = Σᵢ E[X(tᵢ)] differences, tᵢ = (period end − first dayᵢ)/u, the
/// unconditional expectation of each customer since her first purchase (paper figure 3).
pub fn validate<M: PurchaseModel + ?Sized>(model: &M, split: &CalibrationHoldout, max_frequency: u32) -> Validation {
    let cal = &split.calibration;
    let u = cal.unit.days() as i64;
    let dur = split.holdout_duration;
    // Per-customer conditional predictions.
    let holdout_predicted: Vec<f64> =
        (0..cal.len()).map(|i| model.expected_purchases(dur, cal.frequency[i], cal.recency[i], cal.t[i])).collect();
    let holdout_actual = split.holdout_frequency.clone();
    let n = cal.len().max(1) as f64;
    let mut mae = 0.0;
    let mut sse = 0.0;
    for (a, p) in holdout_actual.iter().zip(&holdout_predicted) {
        mae += (a - p).abs();
        sse += (a - p) * (a - p);
    }
    // Conditional table.
    let rows = max_frequency as usize + 1;
    let mut count = vec![0usize; rows];
    let mut act = vec![0.0; rows];
    let mut pred = vec![0.0; rows];
    for i in 0..cal.len() {
        let k = (cal.frequency[i].max(0.0) as usize).min(max_frequency as usize);
        count[k] += 1;
        act[k] += holdout_actual[i];
        pred[k] += holdout_predicted[i];
    }
    let conditional = (0..rows)
        .map(|k| {
            let c = count[k].max(1) as f64;
            ConditionalRow {
                frequency: k as u32,
                or_more: k == max_frequency as usize,
                customers: count[k],
                actual: act[k] / c,
                predicted: pred[k] / c,
            }
        })
        .collect();
    // Tracking: births grouped by day.
    let mut births: Vec<(i64, f64)> = Vec::new();
    let mut first = cal.first_day.clone();
    sort::sort_total(&mut first);
    for d in first {
        match births.last_mut() {
            Some(b) if b.0 == d => b.1 += 1.0,
            _ => births.push((d, 1.0)),
        }
    }
    let mut tracking = Vec::new();
    if let Some(&(origin, _)) = births.first() {
        let periods = (split.observation_end_day - origin + 1 + u - 1) / u;
        let mut next_repeat = 0;
        let (mut cum_a, mut cum_p) = (0.0, 0.0);
        for k in 1..=periods.max(0) {
            let end = (origin + k * u - 1).min(split.observation_end_day);
            let mut a = 0.0;
            while next_repeat < split.repeat_days.len() && split.repeat_days[next_repeat] <= end {
                a += 1.0;
                next_repeat += 1;
            }
            let p_cum: f64 = births
                .iter()
                .filter(|&&(b, _)| b <= end)
                .map(|&(b, c)| c * model.unconditional_expected((end - b) as f64 / u as f64))
                .sum();
            tracking.push(TrackingPoint {
                period: k as u32,
                end: format_day(end),
                holdout: end > split.calibration_end_day,
                actual: a,
                predicted: p_cum - cum_p,
                actual_cumulative: cum_a + a,
                predicted_cumulative: p_cum,
            });
            cum_a += a;
            cum_p = p_cum;
        }
    }
    Validation {
        calibration_end: format_day(split.calibration_end_day),
        observation_end: format_day(split.observation_end_day),
        holdout_duration: dur,
        tracking,
        conditional,
        total_actual: holdout_actual.iter().sum(),
        total_predicted: holdout_predicted.iter().sum(),
        holdout_actual,
        holdout_predicted,
        mae: mae / n,
        rmse: (sse / n).sqrt(),
    }
}

/// Settings of [`analyse`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClvOptions {
    pub unit: TimeUnit,
    /// End of observation (seconds; its whole day counts). Default: the last purchase line.
    pub end: Option<i64>,
    /// First day of the holdout (seconds): calibration ends the day before. `None`: no
    /// validation.
    pub holdout_start: Option<i64>,
    /// CLV and expected-purchases horizon in months.
    pub horizon_months: u32,
    /// Monthly discount rate of the CLV.
    pub monthly_discount: f64,
    /// Whether to fit the (slower) Pareto/NBD model as well.
    pub pareto_nbd: bool,
    pub fit: FitOptions,
}

impl Default for ClvOptions {
    fn default() -> Self {
        ClvOptions {
            unit: TimeUnit::Weeks,
            end: None,
            holdout_start: None,
            horizon_months: 12,
            monthly_discount: 0.01,
            pareto_nbd: true,
            fit: FitOptions::default(),
        }
    }
}

/// Why [`analyse`] produced nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClvError {
    #[error("{0}")]
    Summary(#[from] SummaryError),
    #[error("invalid options: {0}")]
    Options(#[from] ParamError),
    #[error("{0}")]
    BgNbd(#[from] BgNbdError),
    #[error("the horizon must be 1 to 1200 months and the discount rate a finite number > −1")]
    BadHorizon,
    /// A date the user typed (the holdout start) is not a date.
    #[error("{value:?} is not a date (use YYYY-MM-DD)")]
    BadDate { value: String },
    /// The customer table cannot be sorted by this column.
    #[error("the customer table has no column {column:?} to sort by")]
    BadSort { column: String },
}

impl ClvError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        match self {
            ClvError::Summary(e) => e.code(),
            ClvError::Options(_) => "clv.bad_options",
            ClvError::BgNbd(e) => e.code(),
            ClvError::BadHorizon => "clv.bad_horizon",
            ClvError::BadDate { .. } => "clv.bad_date",
            ClvError::BadSort { .. } => "clv.bad_sort",
        }
    }
}

impl crate::error::Coded for ClvError {
    fn code(&self) -> &'static str {
        ClvError::code(self)
    }
    fn params(&self) -> serde_json::Value {
        use serde_json::json;
        let summary = |e: &SummaryError| match e {
            SummaryError::LengthMismatch { what } => json!({ "what": what }),
            SummaryError::NoCustomers | SummaryError::BadSplit => json!({}),
            SummaryError::NotFinite { field, index } => json!({ "field": field, "index": index }),
            SummaryError::OutOfRange { field, index, value, rule } => {
                json!({ "field": field, "index": index, "value": value, "rule": rule })
            }
        };
        match self {
            ClvError::Summary(e) | ClvError::BgNbd(BgNbdError::Data(e)) => summary(e),
            ClvError::Options(e) | ClvError::BgNbd(BgNbdError::Options(e)) => json!({ "detail": e.to_string() }),
            ClvError::BgNbd(BgNbdError::BadParameter { name, value }) => json!({ "name": name, "value": value }),
            ClvError::BgNbd(BgNbdError::NoRepeatCustomers | BgNbdError::NoFiniteLikelihood) | ClvError::BadHorizon => {
                json!({})
            }
            ClvError::BadDate { value } => json!({ "value": value }),
            ClvError::BadSort { column } => json!({ "column": column }),
        }
    }
}

/// A model that could not be fitted, while the analysis went on without it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelError {
    pub model: &'static str,
    pub code: &'static str,
    pub message: String,
}

/// The per-customer table of [`analyse`]: summary and predictions side by side, in summary
/// order (dense customer id order).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CustomerTable {
    /// Customer keys as in the file.
    pub id: Vec<String>,
    pub frequency: Vec<f64>,
    pub recency: Vec<f64>,
    #[serde(rename = "T")]
    pub t: Vec<f64>,
    pub monetary: Vec<f64>,
    /// BG/NBD predictions.
    pub predictions: Predictions,
}

/// Everything the page's CLV view shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClvReport {
    pub version: &'static str,
    pub options: ClvOptions,
    pub first_purchase: String,
    pub observation_end: String,
    pub customers: usize,
    pub repeat_customers: usize,
    /// Σ frequency: repeat purchase days.
    pub repeat_transactions: f64,
    pub bgnbd: BgNbdFit,
    pub pareto_nbd: Option<ParetoNbdFit>,
    pub gamma_gamma: Option<GammaGammaFit>,
    pub model_errors: Vec<ModelError>,
    /// Caveats about the analysis as a whole (the fits carry their own).
    pub warnings: Vec<Warning>,
    pub customer_table: CustomerTable,
    /// BG/NBD fitted on the calibration period and checked on the holdout.
    pub validation: Option<HoldoutValidation>,
}

/// [`Validation`] with the calibration-period fit it checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoldoutValidation {
    pub calibration_fit: BgNbdFit,
    #[serde(flatten)]
    pub validation: Validation,
}

/// Summarises the purchase lines of `lines` (guest lines skipped), fits the three models on the
/// whole period and predicts every customer; with a holdout start, also fits BG/NBD on the
/// calibration period and validates it on the holdout. For the segmentation,
/// `report.customer_table.predictions.by_customer_id(lines.customers.len())` gives P(alive),
/// expected purchases, expected spend and CLV by dense customer id.
pub fn analyse(lines: &LineItems, options: &ClvOptions) -> Result<ClvReport, ClvError> {
    options.fit.check()?;
    let discount_ok = options.monthly_discount.is_finite() && options.monthly_discount > -1.0;
    if !discount_ok || !(1..=1200).contains(&options.horizon_months) {
        return Err(ClvError::BadHorizon);
    }
    let (c, t, a) = purchase_columns(lines);
    let end = options.end.or_else(|| t.iter().copied().max()).ok_or(SummaryError::NoCustomers)?;
    let data = summary_from_transactions(&c, &t, &a, end, options.unit)?;
    let bg = BgNbd::fit(&data, &options.fit)?;
    let mut model_errors = Vec::new();
    let pareto = if options.pareto_nbd {
        match ParetoNbd::fit(&data, &options.fit) {
            Ok(f) => Some(f),
            Err(e) => {
                model_errors.push(ModelError { model: "pareto_nbd", code: e.code(), message: e.to_string() });
                None
            }
        }
    } else {
        None
    };
    let gg = match GammaGamma::fit(&data, &options.fit) {
        // No money in the files: the spend model would fit zeros; BG/NBD stands alone.
        _ if lines.columns.unpriced => {
            let e = crate::capabilities::NeedsError {
                analysis: crate::capabilities::Analysis::ClvMoney,
                role: crate::ingest::Role::Amount,
                order_level: false,
            };
            model_errors.push(ModelError {
                model: "gamma_gamma",
                code: crate::error::Coded::code(&e),
                message: e.to_string(),
            });
            None
        }
        Ok(f) => Some(f),
        Err(e) => {
            model_errors.push(ModelError { model: "gamma_gamma", code: e.code(), message: e.to_string() });
            None
        }
    };
    let predictions =
        predict(&bg.params, gg.as_ref().map(|g| &g.params), &data, options.horizon_months, options.monthly_discount);
    let mut holdout_warning = None;
    let validation = match options.holdout_start {
        Some(h) => {
            let split = calibration_holdout(&c, &t, &a, (day_of(h) - 1) * crate::time::DAY, end, options.unit)?;
            let fit = BgNbd::fit(&split.calibration, &options.fit)?;
            let validation = validate(&fit.params, &split, 7);
            let first = split.calibration.first_day.iter().copied().min().unwrap_or(split.calibration_end_day);
            let cal_days = (split.calibration_end_day - first + 1) as f64;
            let hold_days = (split.observation_end_day - split.calibration_end_day) as f64;
            if hold_days < 28.0 || cal_days < hold_days / 2.0 {
                holdout_warning = Some(
                    Warning::new(
                        "clv.short_holdout",
                        format!(
                            "the holdout is {hold_days:.0} days after a {cal_days:.0}-day calibration period; a check needs at least 4 weeks of holdout and a calibration period at least half as long"
                        ),
                    )
                    .with("holdout_days", hold_days)
                    .with("calibration_days", cal_days),
                );
            }
            Some(HoldoutValidation { calibration_fit: fit, validation })
        }
        None => None,
    };
    let mut warnings = Vec::new();
    let history_days = data.t.iter().copied().fold(0.0, f64::max) * options.unit.days();
    let horizon_days = f64::from(options.horizon_months) * options.unit.per_month() * options.unit.days();
    // A horizon up to twice the longest history is routine (CDNOW forecasts 39 weeks from 39);
    // beyond that the forecast extrapolates far past anything observed.
    if horizon_days > 2.0 * history_days {
        warnings.push(
            Warning::new(
                "clv.horizon_beyond_history",
                format!(
                    "the {}-month horizon is more than twice the {history_days:.0} days of history: the predictions extrapolate far beyond anything observed",
                    options.horizon_months
                ),
            )
            .with("horizon_months", options.horizon_months)
            .with("history_days", history_days.round()),
        );
    }
    warnings.extend(holdout_warning);
    let customer_table = CustomerTable {
        id: data.customer.iter().map(|&c| lines.customers.name(c).to_owned()).collect(),
        frequency: data.frequency.clone(),
        recency: data.recency.clone(),
        t: data.t.clone(),
        monetary: data.monetary.clone(),
        predictions,
    };
    Ok(ClvReport {
        version: crate::VERSION,
        options: *options,
        first_purchase: format_day(data.first_day.iter().copied().min().unwrap_or(0)),
        observation_end: format_day(day_of(end)),
        customers: data.len(),
        repeat_customers: data.repeat_customers(),
        repeat_transactions: data.frequency.iter().sum(),
        bgnbd: bg,
        pareto_nbd: pareto,
        gamma_gamma: gg,
        model_errors,
        warnings,
        customer_table,
        validation,
    })
}
