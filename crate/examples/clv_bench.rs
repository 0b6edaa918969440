//! Times the CLV models (issue 7's speed goals). Run with
//!
//! ```text
//! cargo run --release --example clv_bench [-- REPEATS]
//! ```
//! Prints one JSON object of median times in milliseconds over REPEATS runs (default 21):
//!
//! - `bgnbd_fit_ms`, `pareto_fit_ms`, `gg_fit_ms`: BG/NBD, Pareto/NBD and Gamma-Gamma fitted on
//!   the CDNOW sample summary (`../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv`,
//!   2,357 customers in weeks; Gamma-Gamma on its 946 repeat buyers);
//! - `full_size_fit_ms`: BG/NBD on a CDNOW-size set of 23,570 customers, **simulated** from the
//!   BG/NBD and Gamma-Gamma models at the CDNOW estimates ([`clv::simulate::SimulationSpec::cdnow_like`],
//!   seed 23570: acquisition over 12 weeks, 39 weeks observed, purchase days rounded to the
//!   day as in the real log), summarised like the real log (the summary is not timed);
//! - `predict_1m_ms`: E[Y(12 months)], P(alive), E[spend] and 12-month CLV for 1,000,000
//!   simulated customers (the same generator, seed 1000000), with the CDNOW fits.
//!
//! Not a test: timings are never asserted. The sizes and fit results are printed alongside so
//! a run can be checked.

use clientele::clv::{
    self, simulate, summary_from_transactions, BgNbd, CustomerSummary, FitOptions, GammaGamma, ParetoNbd, TimeUnit,
};

mod common;
use common::time_ms;

fn cdnow_summary() -> CustomerSummary {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv");
    let text = std::fs::read_to_string(path).expect("the CDNOW summary in ../shared/data/cdnow");
    let rows: Vec<Vec<f64>> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|v| v.trim().parse().expect("a number")).collect())
        .collect();
    let col = |j: usize| rows.iter().map(|r| r[j]).collect::<Vec<f64>>();
    CustomerSummary::from_columns(TimeUnit::Weeks, col(1), col(2), col(3), col(4)).expect("a valid summary")
}

fn simulated(customers: usize, seed: u64) -> CustomerSummary {
    let spec = simulate::SimulationSpec::cdnow_like(customers, seed);
    let log = simulate::simulate(&spec);
    summary_from_transactions(&log.customer, &log.time, &log.amount, spec.end(), TimeUnit::Weeks).expect("a summary")
}

fn main() {
    let repeats: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(21);
    let opts = FitOptions::default();
    let sample = cdnow_summary();
    let (bgnbd_ms, bg) = time_ms(repeats, || BgNbd::fit(&sample, &opts).expect("BG/NBD fit"));
    let (pareto_ms, pnbd) = time_ms(repeats.min(5), || ParetoNbd::fit(&sample, &opts).expect("Pareto/NBD fit"));
    let (gg_ms, gg) = time_ms(repeats, || GammaGamma::fit(&sample, &opts).expect("Gamma-Gamma fit"));
    let full = simulated(23_570, 23_570);
    let (full_ms, full_fit) = time_ms(repeats, || BgNbd::fit(&full, &opts).expect("full-size fit"));
    let million = simulated(1_000_000, 1_000_000);
    let (predict_ms, pred) = time_ms(repeats.min(5), || clv::predict(&bg.params, Some(&gg.params), &million, 12, 0.01));
    let total_clv: f64 = pred.clv.iter().sum();
    println!(
        "{}",
        serde_json::json!({
            "bgnbd_fit_ms": bgnbd_ms,
            "pareto_fit_ms": pareto_ms,
            "gg_fit_ms": gg_ms,
            "full_size_fit_ms": full_ms,
            "predict_1m_ms": predict_ms,
            "repeats": repeats,
            "bgnbd": { "params": bg.params, "log_likelihood": bg.log_likelihood, "iterations": bg.convergence.iterations, "evaluations": bg.convergence.evaluations },
            "pareto_nbd": { "params": pnbd.params, "log_likelihood": pnbd.log_likelihood, "evaluations": pnbd.convergence.evaluations },
            "gamma_gamma": { "params": gg.params, "log_likelihood": gg.log_likelihood, "evaluations": gg.convergence.evaluations },
            "full_size": { "customers": full.len(), "repeat_customers": full.repeat_customers(), "params": full_fit.params, "converged": full_fit.convergence.converged, "evaluations": full_fit.convergence.evaluations },
            "predict_1m": { "customers": million.len(), "total_clv": total_clv },
        })
    );
}
