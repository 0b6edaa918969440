//! `clientele clv FILE... [--unit weeks|days] [--holdout-start DATE] [--end DATE]
//! [--horizon-months 12] [--discount 0.01] [--no-pareto] [--json]`
//!
//! Reads the files into one session, summarises the purchase lines per customer and fits
//! BG/NBD, Pareto/NBD and Gamma-Gamma ([`clientele::clv::analyse`]). With `--json` it prints the
//! [`clientele::clv::ClvReport`] the page receives; errors print `{"error": {...}}` and exit 2.

use std::path::PathBuf;
use std::process::ExitCode;

use clientele::clv::{analyse, ClvOptions, ClvReport, TimeUnit};
use clientele::ingest::values::parse_datetime;

/// Arguments of `clientele clv`.
#[derive(clap::Args, Debug)]
pub struct ClvArgs {
    /// One or more sales exports, read in order into one dataset.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Time unit of recency, T and the model parameters.
    #[arg(long, value_enum, default_value = "weeks")]
    unit: Unit,
    /// First day of the holdout period (YYYY-MM-DD): the models are also fitted on the days
    /// before it and checked against it.
    #[arg(long, value_name = "DATE")]
    holdout_start: Option<String>,
    /// Last day of observation (YYYY-MM-DD); default: the day of the last purchase.
    #[arg(long, value_name = "DATE")]
    end: Option<String>,
    /// CLV horizon in months.
    #[arg(long, default_value_t = 12)]
    horizon_months: u32,
    /// Monthly discount rate of the CLV.
    #[arg(long, default_value_t = 0.01)]
    discount: f64,
    /// Skip the Pareto/NBD model.
    #[arg(long)]
    no_pareto: bool,
    /// Print the full result as JSON (the object the page shows).
    #[arg(long)]
    json: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Unit {
    Days,
    Weeks,
}

fn fail(json: bool, code: &str, message: &str) -> ExitCode {
    if json {
        out!("{}", serde_json::json!({ "error": { "code": code, "message": message } }));
    }
    eprintln!("error[{code}]: {message}");
    ExitCode::from(2)
}

fn date(arg: Option<&str>, what: &str) -> Result<Option<i64>, String> {
    arg.map(|s| parse_datetime(s).ok_or_else(|| format!("{what} {s:?} is not a date (use YYYY-MM-DD)"))).transpose()
}

/// Runs `clientele clv`.
pub fn run(args: ClvArgs) -> ExitCode {
    let (holdout_start, end) =
        match (date(args.holdout_start.as_deref(), "--holdout-start"), date(args.end.as_deref(), "--end")) {
            (Ok(h), Ok(e)) => (h, e),
            (Err(m), _) | (_, Err(m)) => return fail(args.json, "cli.bad_date", &m),
        };
    let session = match crate::read(&args.files) {
        Ok(s) => s,
        Err(e) => return crate::report_error(args.json, &e),
    };
    // BG/NBD needs customers and dates; without money it runs alone (Gamma-Gamma is skipped).
    let allows = clientele::capabilities::allows(session.lines());
    if let Err(e) = allows.check(clientele::capabilities::Analysis::ClvCounts) {
        return crate::report_error(args.json, &e);
    }
    let options = ClvOptions {
        unit: match args.unit {
            Unit::Days => TimeUnit::Days,
            Unit::Weeks => TimeUnit::Weeks,
        },
        end,
        holdout_start,
        horizon_months: args.horizon_months,
        monthly_discount: args.discount,
        pareto_nbd: !args.no_pareto,
        ..ClvOptions::default()
    };
    match analyse(session.lines(), &options) {
        Ok(report) => {
            if args.json {
                match serde_json::to_string(&report) {
                    Ok(s) => out!("{s}"),
                    Err(e) => return fail(true, "internal.serialise", &e.to_string()),
                }
            } else {
                print_report(&report);
            }
            ExitCode::SUCCESS
        }
        Err(e) => crate::report_error(args.json, &e),
    }
}

fn print_report(r: &ClvReport) {
    let unit = match r.options.unit {
        TimeUnit::Days => "days",
        TimeUnit::Weeks => "weeks",
    };
    out!(
        "{} customers ({} repeat, {} repeat purchase days), first purchase {}, observed to {}; time in {unit}",
        r.customers,
        r.repeat_customers,
        r.repeat_transactions,
        r.first_purchase,
        r.observation_end
    );
    let b = &r.bgnbd;
    out!(
        "BG/NBD      r {:.6}  alpha {:.6}  a {:.6}  b {:.6}  LL {:.5}  converged {}",
        b.params.r,
        b.params.alpha,
        b.params.a,
        b.params.b,
        b.log_likelihood,
        b.convergence.converged
    );
    if let Some(p) = &r.pareto_nbd {
        out!(
            "Pareto/NBD  r {:.6}  alpha {:.6}  s {:.6}  beta {:.6}  LL {:.5}  converged {}",
            p.params.r,
            p.params.alpha,
            p.params.s,
            p.params.beta,
            p.log_likelihood,
            p.convergence.converged
        );
    }
    if let Some(g) = &r.gamma_gamma {
        out!(
            "Gamma-Gamma p {:.6}  q {:.6}  gamma {:.6}  LL {:.5}  mean spend {}",
            g.params.p,
            g.params.q,
            g.params.gamma,
            g.log_likelihood,
            g.population_mean.map_or_else(|| "infinite".to_owned(), |m| format!("{m:.4}"))
        );
    }
    for w in r
        .warnings
        .iter()
        .chain(&b.warnings)
        .chain(r.pareto_nbd.iter().flat_map(|p| &p.warnings))
        .chain(r.gamma_gamma.iter().flat_map(|g| &g.warnings))
    {
        out!("warning[{}]: {}", w.code, w.message);
    }
    for e in &r.model_errors {
        out!("{} not fitted [{}]: {}", e.model, e.code, e.message);
    }
    let p = &r.customer_table.predictions;
    if !p.clv.is_empty() {
        let total: f64 = p.clv.iter().sum();
        out!(
            "CLV over {} months at {} per month: total {:.2}, mean {:.2}",
            p.horizon_months,
            p.monthly_discount,
            total,
            total / p.clv.len() as f64
        );
    }
    if let Some(v) = &r.validation {
        let v = &v.validation;
        out!(
            "holdout {} to {}: {} repeat purchase days actual, {:.1} predicted; per-customer MAE {:.4}, RMSE {:.4}",
            v.calibration_end,
            v.observation_end,
            v.total_actual,
            v.total_predicted,
            v.mae,
            v.rmse
        );
    }
}
