#![allow(clippy::unwrap_used)]
//! CLV models on CDNOW against the published results and lifetimes 0.11.3 goldens
//! (`../shared/data/cdnow`, see its README).

mod common;

use clientele::clv::{
    self, calibration_holdout, summary_from_transactions, BgNbd, CustomerSummary, FitOptions, GammaGamma, ParetoNbd,
    TimeUnit,
};
use clientele::ingest::values::days_from_civil;
use common::shared;

fn read_text(rel: &str) -> String {
    let path = shared(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A CSV of numbers with a header: the header and the rows.
fn csv_rows(rel: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let text = read_text(rel);
    let mut lines = text.lines();
    let header = lines.next().unwrap().split(',').map(str::to_owned).collect();
    let rows = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|v| v.trim().parse().unwrap()).collect())
        .collect();
    (header, rows)
}

/// `cdnow_customers_summary_with_transactions.csv` as a summary in weeks (monetary = zbar).
fn cdnow_summary() -> CustomerSummary {
    let (h, rows) = csv_rows("cdnow/cdnow_customers_summary_with_transactions.csv");
    assert_eq!(h, ["ID", "x", "t_x", "T", "zbar"]);
    let col = |j: usize| rows.iter().map(|r| r[j]).collect::<Vec<f64>>();
    let mut s = CustomerSummary::from_columns(TimeUnit::Weeks, col(1), col(2), col(3), col(4)).unwrap();
    s.customer = rows.iter().map(|r| r[0] as u32).collect();
    s
}

/// The raw log: (sample id, time in seconds at midnight, dollars).
fn cdnow_raw() -> (Vec<u32>, Vec<i64>, Vec<f64>) {
    let text = read_text("cdnow/CDNOW_sample.txt");
    let (mut c, mut t, mut a) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(f.len(), 5, "{line}");
        let d = f[2];
        let day = days_from_civil(d[..4].parse().unwrap(), d[4..6].parse().unwrap(), d[6..8].parse().unwrap());
        c.push(f[1].parse().unwrap());
        t.push(day * 86_400);
        a.push(f[4].parse().unwrap());
    }
    (c, t, a)
}

fn day(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) * 86_400
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

#[track_caller]
fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(rel(got, want) <= tol, "{what}: got {got}, want {want} (rel {:.2e} > {tol:.0e})", rel(got, want));
}

fn bg_fit() -> clv::BgNbdFit {
    BgNbd::fit(&cdnow_summary(), &FitOptions::default()).unwrap()
}

#[test]
fn bgnbd_parameters_likelihood_and_standard_errors() {
    let fit = bg_fit();
    let p = fit.params;
    eprintln!("BG/NBD {p:?} LL {} SE {:?} {:?}", fit.log_likelihood, fit.standard_errors, fit.convergence);
    close("r", p.r, 0.24259293, 1e-4);
    close("alpha", p.alpha, 4.41353227, 1e-4);
    close("a", p.a, 0.79288597, 1e-4);
    close("b", p.b, 2.42575238, 1e-4);
    assert!((fit.log_likelihood - -9582.42556).abs() < 1e-4, "LL {}", fit.log_likelihood);
    let se = fit.standard_errors.unwrap();
    close("se r", se.r, 0.012557, 1e-3);
    close("se alpha", se.alpha, 0.378221, 1e-3);
    close("se a", se.a, 0.185719, 1e-3);
    close("se b", se.b, 0.705345, 1e-3);
    assert!(fit.convergence.converged, "{:?}", fit.convergence);
    assert!(fit.warnings.is_empty(), "{:?}", fit.warnings);
    assert_eq!((fit.customers, fit.repeat_customers), (2357, 946));
}

#[test]
fn bgnbd_predictions_match_the_paper_and_hardie_spreadsheet() {
    let m = bg_fit().params;
    close("E[Y(39)|2,30.43,38.86]", m.expected_purchases(39.0, 2.0, 30.43, 38.86), 1.2259104, 1e-6);
    close("P(alive)", m.p_alive(2.0, 30.43, 38.86), 0.7266091, 1e-6);
    for (t, want) in [(0.1429, 0.0078), (1.0, 0.0532), (3.0, 0.1506), (31.8571, 1.0405), (32.0, 1.0437)] {
        let got = m.unconditional_expected(t);
        assert!((got - want).abs() < 5e-5, "E[X({t})] = {got}, want {want}");
    }
    // At t = 78 the ₂F₁ argument is 0.946 and the spreadsheet's truncated series gives 1.8576;
    // the full series gives 1.857972, which Σ x·P(X(78) = x) below confirms to 1e-12.
    let e78 = m.unconditional_expected(78.0);
    assert!((e78 - 1.8576).abs() < 4e-4, "E[X(78)] = {e78}");
    let mean78: f64 = (0..3_000).map(|x| f64::from(x) * m.pmf(78.0, x)).sum();
    close("E[X(78)] = Σ x pmf", e78, mean78, 1e-12);
    // The README's pmf values are the paper's, computed at its rounded parameters (at the
    // fitted ones P(X(39)=0) is 0.5743073).
    let paper = BgNbd::new(0.243, 4.414, 0.793, 2.426).unwrap();
    close("P(X(39)=0)", paper.pmf(39.0, 0), 0.5737864, 1e-6);
    close("P(X(2)=10)", paper.pmf(2.0, 10), 1.07869e-07, 1e-5);
    close("P(X(39)=0) fitted", m.pmf(39.0, 0), (m.alpha / (m.alpha + 39.0)).powf(m.r), 1e-12);
    // The pmf sums to 1 and its mean is E[X(t)].
    let (mut total, mut mean) = (0.0, 0.0);
    for x in 0..2000 {
        let p = m.pmf(39.0, x);
        total += p;
        mean += f64::from(x) * p;
    }
    assert!((total - 1.0).abs() < 1e-9, "Σ pmf = {total}");
    close("Σ x pmf", mean, m.unconditional_expected(39.0), 1e-8);
}

#[test]
fn pareto_nbd_matches_lifetimes_and_the_paper() {
    let fit = ParetoNbd::fit(&cdnow_summary(), &FitOptions::default()).unwrap();
    let p = fit.params;
    eprintln!("Pareto/NBD {p:?} LL {} SE {:?} {:?}", fit.log_likelihood, fit.standard_errors, fit.convergence);
    close("r", p.r, 0.553282, 1e-3);
    close("alpha", p.alpha, 10.577753, 1e-3);
    close("s", p.s, 0.606171, 1e-3);
    close("beta", p.beta, 11.666907, 1e-3);
    assert!((fit.log_likelihood - -9594.974).abs() < 1e-3, "LL {}", fit.log_likelihood);
    assert!(fit.convergence.converged);
    assert!(fit.standard_errors.is_some());
}

#[test]
fn gamma_gamma_matches_lifetimes() {
    let s = cdnow_summary();
    let fit = GammaGamma::fit(&s, &FitOptions::default()).unwrap();
    let p = fit.params;
    eprintln!("Gamma-Gamma {p:?} LL {} SE {:?} {:?}", fit.log_likelihood, fit.standard_errors, fit.convergence);
    assert_eq!(fit.customers, 946);
    close("p", p.p, 6.24880, 1e-4);
    close("q", p.q, 3.74459, 1e-4);
    close("gamma", p.gamma, 15.44775, 1e-4);
    assert!((fit.log_likelihood - -4055.923).abs() < 1e-3, "LL {}", fit.log_likelihood);
    close("population mean", fit.population_mean.unwrap(), 35.1710, 1e-5);
    close("corr(x, zbar)", fit.frequency_monetary_correlation, 0.11388, 1e-4);
    assert!(fit.convergence.converged);
    assert!(fit.warnings.is_empty(), "{:?}", fit.warnings);
}

#[test]
fn per_customer_goldens() {
    let s = cdnow_summary();
    let bg = bg_fit().params;
    let pnbd = ParetoNbd::fit(&s, &FitOptions::default()).unwrap().params;
    let gg = GammaGamma::fit(&s, &FitOptions::default()).unwrap().params;
    let (h, rows) = csv_rows("cdnow/golden_customers.csv");
    let c = |name: &str| h.iter().position(|x| x == name).unwrap();
    let mut worst_pnbd: f64 = 0.0;
    for r in &rows {
        let (x, tx, t, m) = (r[c("frequency")], r[c("recency")], r[c("T")], r[c("monetary_value")]);
        let id = r[0];
        close(&format!("{id} bg_E_Y39"), bg.expected_purchases(39.0, x, tx, t), r[c("bg_E_Y39")], 1e-4);
        close(&format!("{id} bg_P_alive"), bg.p_alive(x, tx, t), r[c("bg_P_alive")], 1e-4);
        let spend = gg.expected_spend(x, m);
        close(&format!("{id} gg_E_M"), spend, r[c("gg_E_M")], 1e-4);
        let clv = clv::clv_one(&bg, TimeUnit::Weeks, spend, x, tx, t, 12, 0.01);
        close(&format!("{id} clv bg"), clv, r[c("clv_bg_12m_d0.01_W")], 1e-4);
        // lifetimes' Pareto/NBD parameters are only good to ~1e-4 (random start), so its
        // per-customer values are compared at 1e-3.
        for (name, got) in [
            ("pnbd_E_Y39", pnbd.expected_purchases(39.0, x, tx, t)),
            ("pnbd_P_alive", pnbd.p_alive(x, tx, t)),
            ("clv_pnbd_12m_d0.01_W", clv::clv_one(&pnbd, TimeUnit::Weeks, spend, x, tx, t, 12, 0.01)),
        ] {
            worst_pnbd = worst_pnbd.max(rel(got, r[c(name)]));
            close(&format!("{id} {name}"), got, r[c(name)], 1e-3);
        }
    }
    eprintln!("Pareto/NBD per-customer worst relative error {worst_pnbd:.2e}");
}

#[test]
fn clv_12_months_for_all_customers() {
    let s = cdnow_summary();
    let bg = bg_fit().params;
    let gg = GammaGamma::fit(&s, &FitOptions::default()).unwrap().params;
    let clv = clv::customer_lifetime_value(&bg, &gg, &s, 12, 0.01);
    let (h, rows) = csv_rows("cdnow/golden_clv_12m.csv");
    assert_eq!(h, ["customer_id", "clv_bg_gg_12m"]);
    assert_eq!(rows.len(), 2357);
    let (mut max_abs, mut max_rel) = (0.0_f64, 0.0_f64);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(s.customer[i], r[0] as u32);
        max_abs = max_abs.max((clv[i] - r[1]).abs());
        if r[1].abs() > 1e-6 {
            max_rel = max_rel.max(rel(clv[i], r[1]));
        }
    }
    eprintln!("CLV 12m over 2357 customers: max abs error {max_abs:.3e}, max rel error {max_rel:.3e}");
    assert!(max_rel < 1e-4 && max_abs < 1e-3, "max abs {max_abs}, max rel {max_rel}");
    // The predictions table carries the same numbers.
    let p = clv::predict(&bg, Some(&gg), &s, 12, 0.01);
    assert_eq!(p.clv, clv);
    assert_eq!(p.horizon, 12.0 * 4.345);
}

#[test]
fn summary_from_the_raw_log_reproduces_the_published_summaries() {
    let (c, t, a) = cdnow_raw();
    assert_eq!(c.len(), 6919);
    let s = summary_from_transactions(&c, &t, &a, day(1997, 9, 30), TimeUnit::Weeks).unwrap();
    let (h, want) = csv_rows("cdnow/cdnow_customers_summary.csv");
    assert_eq!(h, ["ID", "frequency", "recency", "T"]);
    let (_, want_z) = csv_rows("cdnow/cdnow_customers_summary_with_transactions.csv");
    assert_eq!(s.len(), 2357);
    assert_eq!(s.repeat_customers(), 946);
    assert_eq!(s.frequency.iter().sum::<f64>(), 2457.0);
    for i in 0..s.len() {
        assert_eq!(s.customer[i], want[i][0] as u32);
        assert_eq!(s.frequency[i], want[i][1], "customer {}", s.customer[i]);
        // The published files round to 2 decimals.
        assert!((s.recency[i] - want[i][2]).abs() <= 0.005 + 1e-9, "recency of {}", s.customer[i]);
        assert!((s.t[i] - want[i][3]).abs() <= 0.005 + 1e-9, "T of {}", s.customer[i]);
        assert_eq!(want_z[i][1], want[i][1]);
        assert!(
            (s.monetary[i] - want_z[i][4]).abs() <= 0.005 + 1e-9,
            "zbar of {}: {} vs {}",
            s.customer[i],
            s.monetary[i],
            want_z[i][4]
        );
    }
    // Fitting the unrounded summary lands next to the published parameters.
    let fit = BgNbd::fit(&s, &FitOptions::default()).unwrap();
    close("r (raw)", fit.params.r, 0.243, 5e-3);
    close("b (raw)", fit.params.b, 2.426, 5e-3);
}

#[test]
fn holdout_tracking_from_the_raw_log() {
    let (c, t, a) = cdnow_raw();
    let split = calibration_holdout(&c, &t, &a, day(1997, 9, 30), day(1998, 6, 30), TimeUnit::Weeks).unwrap();
    assert_eq!(split.calibration.len(), 2357);
    assert_eq!(split.holdout_duration, 273.0 / 7.0);
    let fit = BgNbd::fit(&split.calibration, &FitOptions::default()).unwrap();
    let v = clv::validate(&fit.params, &split, 7);
    assert_eq!(v.tracking.len(), 78);
    let w39 = &v.tracking[38];
    let w78 = &v.tracking[77];
    assert_eq!((w39.end.as_str(), w39.holdout, v.tracking[39].holdout), ("1997-09-30", false, true));
    assert_eq!(w78.end, "1998-06-30");
    // Actuals: the calibration repeat transactions are the summary's, the holdout ones are
    // counted straight from the log (distinct customer-days after the first purchase day).
    assert_eq!(w39.actual_cumulative, 2457.0);
    let mut days: Vec<(u32, i64)> = c.iter().zip(&t).map(|(&c, &t)| (c, t / 86_400)).collect();
    days.sort_unstable();
    days.dedup();
    let repeat_total = days.len() - 2357;
    assert_eq!(w78.actual_cumulative, repeat_total as f64);
    assert_eq!(v.total_actual, (repeat_total - 2457) as f64);
    // The model's own fit: lifetimes' parameters on the same calibration summary (see
    // `holdout_predictions_equal_lifetimes`) to the optimisers' stopping tolerance.
    let (lt, _, _) = lifetimes_holdout();
    for (what, got, want) in [
        ("r", fit.params.r, lt.r),
        ("alpha", fit.params.alpha, lt.alpha),
        ("a", fit.params.a, lt.a),
        ("b", fit.params.b, lt.b),
    ] {
        close(what, got, want, 1e-4);
    }
    // Conditional expectations by calibration frequency: 8 rows, 0..6 and 7+, all customers.
    assert_eq!(v.conditional.len(), 8);
    assert_eq!(v.conditional.iter().map(|r| r.customers).sum::<usize>(), 2357);
    assert_eq!(v.conditional[0].customers, 2357 - 946);
    // MAE and RMSE are the per-customer errors, recomputed here from the two columns.
    let n = v.holdout_actual.len() as f64;
    let mae = v.holdout_actual.iter().zip(&v.holdout_predicted).map(|(a, p)| (a - p).abs()).sum::<f64>() / n;
    let rmse =
        (v.holdout_actual.iter().zip(&v.holdout_predicted).map(|(a, p)| (a - p) * (a - p)).sum::<f64>() / n).sqrt();
    close("mae", v.mae, mae, 1e-12);
    close("rmse", v.rmse, rmse, 1e-12);
}

/// A row of the lifetimes tracking golden: week, end day, actual and predicted cumulative.
type TrackingRow = (u32, String, f64, f64);

/// `crate/tests/data/cdnow_holdout/` (made with lifetimes 0.11.3 by `make_golden.py` there):
/// lifetimes' BG/NBD parameters on the calibration summary, its per-customer
/// calibration/holdout rows `[id, frequency_cal, recency_cal, T_cal, frequency_holdout,
/// duration_holdout, predicted_holdout]`, and the tracking rows `[week, actual_cumulative,
/// predicted_cumulative]`.
fn lifetimes_holdout() -> (BgNbd, Vec<Vec<f64>>, Vec<TrackingRow>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cdnow_holdout");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("params.json")).unwrap()).unwrap();
    let p = |k: &str| json["params"][k].as_f64().unwrap();
    let params = BgNbd { r: p("r"), alpha: p("alpha"), a: p("a"), b: p("b") };
    let text = std::fs::read_to_string(dir.join("customers.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,frequency_cal,recency_cal,T_cal,frequency_holdout,duration_holdout,predicted_holdout")
    );
    let customers = lines.map(|l| l.split(',').map(|v| v.parse().unwrap()).collect()).collect();
    let text = std::fs::read_to_string(dir.join("tracking.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("week,end,actual_cumulative,predicted_cumulative"));
    let tracking = lines
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].parse().unwrap(), c[1].to_owned(), c[2].parse().unwrap(), c[3].parse().unwrap())
        })
        .collect();
    (params, customers, tracking)
}

/// The holdout validation under lifetimes' own parameters equals lifetimes' figures: the split
/// (calibration_and_holdout_data), each customer's conditional expectation over the holdout
/// (conditional_expected_number_of_purchases_up_to_time), the conditional table and the
/// cumulative tracking curve (Σ expected_number_of_purchases_up_to_time).
#[test]
fn holdout_predictions_equal_lifetimes() {
    let (c, t, a) = cdnow_raw();
    let split = calibration_holdout(&c, &t, &a, day(1997, 9, 30), day(1998, 6, 30), TimeUnit::Weeks).unwrap();
    let (params, g, tracking) = lifetimes_holdout();
    assert_eq!(g.len(), 2357);
    let cal = &split.calibration;
    // The split: the same customers in the same order; frequencies and holdout counts are
    // integers, recency and T are day counts / 7 printed with 15 digits.
    for (i, row) in g.iter().enumerate() {
        assert_eq!(f64::from(cal.customer[i]), row[0]);
        assert_eq!((cal.frequency[i], split.holdout_frequency[i]), (row[1], row[4]), "customer {}", row[0]);
        close("recency_cal", cal.recency[i], row[2], 1e-13);
        close("T_cal", cal.t[i], row[3], 1e-13);
        assert_eq!(split.holdout_duration, row[5]);
    }
    let v = clv::validate(&params, &split, 7);
    // Per customer: the same closed form evaluated by two implementations (lifetimes goes
    // through scipy's hyp2f1 and logs); measured 7.4e-14 at worst, so 1e-11 relative leaves
    // room for another libm's rounding only: a wrong term moves these numbers by far more.
    let mut worst = 0.0f64;
    for (i, row) in g.iter().enumerate() {
        worst = worst.max(rel(v.holdout_predicted[i], row[6]));
        close("predicted holdout", v.holdout_predicted[i], row[6], 1e-11);
    }
    eprintln!("holdout predictions: worst relative difference to lifetimes {worst:.2e}");
    // The conditional table, recomputed from lifetimes' columns: mean actual and predicted by
    // calibration frequency 0..6 and 7+.
    for r in &v.conditional {
        let rows: Vec<&Vec<f64>> =
            g.iter().filter(|x| if r.or_more { x[1] >= 7.0 } else { x[1] == f64::from(r.frequency) }).collect();
        assert_eq!(r.customers, rows.len(), "x = {}", r.frequency);
        let mean = |j: usize| rows.iter().map(|x| x[j]).sum::<f64>() / rows.len() as f64;
        close("conditional actual", r.actual, mean(4), 1e-12);
        close("conditional predicted", r.predicted, mean(6), 1e-11);
    }
    close("total predicted", v.total_predicted, g.iter().map(|x| x[6]).sum(), 1e-11);
    assert_eq!(v.total_actual, g.iter().map(|x| x[4]).sum::<f64>());
    // Tracking: 78 weeks, the same week ends, actual counts exactly, predicted cumulative to the
    // same 1e-11 (a sum of 2,357 positive terms, each as good).
    assert_eq!(v.tracking.len(), tracking.len());
    for (p, (week, end, actual, predicted)) in v.tracking.iter().zip(&tracking) {
        assert_eq!((p.period, p.end.as_str()), (*week, end.as_str()));
        assert_eq!(p.actual_cumulative, *actual, "week {week}");
        close(&format!("week {week} predicted cumulative"), p.predicted_cumulative, *predicted, 1e-11);
    }
}

#[test]
fn degenerate_inputs_are_clear_errors() {
    let opts = FitOptions::default();
    // No customers at all.
    assert_eq!(
        summary_from_transactions(&[], &[], &[], 0, TimeUnit::Days).unwrap_err(),
        clv::SummaryError::NoCustomers
    );
    assert!(matches!(
        CustomerSummary::from_columns(TimeUnit::Weeks, vec![], vec![], vec![], vec![]),
        Err(clv::SummaryError::NoCustomers)
    ));
    let empty = CustomerSummary::default();
    assert!(matches!(BgNbd::fit(&empty, &opts), Err(clv::BgNbdError::Data(clv::SummaryError::NoCustomers))));
    assert!(matches!(ParetoNbd::fit(&empty, &opts), Err(clv::ParetoNbdError::Data(_))));
    assert!(matches!(GammaGamma::fit(&empty, &opts), Err(clv::GammaGammaError::Data(_))));
    // Nobody repeats.
    let once =
        summary_from_transactions(&[1, 2, 3], &[0, 86_400, 2 * 86_400], &[5.0, 6.0, 7.0], 10 * 86_400, TimeUnit::Days)
            .unwrap();
    assert_eq!(once.repeat_customers(), 0);
    assert_eq!(BgNbd::fit(&once, &opts).unwrap_err(), clv::BgNbdError::NoRepeatCustomers);
    assert_eq!(ParetoNbd::fit(&once, &opts).unwrap_err(), clv::ParetoNbdError::NoRepeatCustomers);
    assert_eq!(GammaGamma::fit(&once, &opts).unwrap_err(), clv::GammaGammaError::NoRepeatCustomers);
    // NaN anywhere.
    assert!(matches!(
        summary_from_transactions(&[1], &[0], &[f64::NAN], 0, TimeUnit::Days),
        Err(clv::SummaryError::NotFinite { field: "amount", index: 0 })
    ));
    assert!(matches!(
        CustomerSummary::from_columns(TimeUnit::Weeks, vec![1.0], vec![f64::NAN], vec![3.0], vec![]),
        Err(clv::SummaryError::NotFinite { field: "recency", .. })
    ));
    let mut bad = cdnow_summary();
    bad.t[5] = f64::NAN;
    assert!(matches!(
        BgNbd::fit(&bad, &opts),
        Err(clv::BgNbdError::Data(clv::SummaryError::NotFinite { field: "T", index: 5 }))
    ));
    bad.t[5] = 38.0;
    bad.recency[7] = 99.0;
    assert!(matches!(
        GammaGamma::fit(&bad, &opts),
        Err(clv::GammaGammaError::Data(clv::SummaryError::OutOfRange { .. }))
    ));
    // Mismatched columns, bad options, bad parameters.
    assert!(matches!(
        summary_from_transactions(&[1, 2], &[0], &[1.0], 0, TimeUnit::Days),
        Err(clv::SummaryError::LengthMismatch { .. })
    ));
    assert!(matches!(BgNbd::fit(&cdnow_summary(), &opts.tolerance(f64::NAN)), Err(clv::BgNbdError::Options(_))));
    assert!(matches!(BgNbd::new(1.0, -1.0, 1.0, 1.0), Err(clv::BgNbdError::BadParameter { name: "alpha", .. })));
    // Thin data fits, with warnings instead of silence.
    let c = [1, 1, 2, 2, 3];
    let t = [0, 3 * 86_400, 86_400, 5 * 86_400, 2 * 86_400];
    let thin = summary_from_transactions(&c, &t, &[1.0, 2.0, 3.0, 4.0, 5.0], 20 * 86_400, TimeUnit::Days).unwrap();
    let fit = BgNbd::fit(&thin, &opts).unwrap();
    let codes: Vec<&str> = fit.warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&"clv.few_repeat_customers") && codes.contains(&"clv.short_history"), "{codes:?}");
    let fit = ParetoNbd::fit(&thin, &opts).unwrap();
    assert!(fit.warnings.iter().any(|w| w.code == "clv.few_repeat_customers"));
    let fit = GammaGamma::fit(&thin, &opts).unwrap();
    assert!(fit.warnings.iter().any(|w| w.code == "clv.few_repeat_customers"));
}

#[test]
fn cli_prints_the_library_report() {
    // The raw log as a CSV the ingest reads (CustomerID, InvoiceDate, Amount).
    let (c, t, a) = cdnow_raw();
    let mut csv = String::from("CustomerID,InvoiceDate,Amount\n");
    for i in 0..c.len() {
        csv.push_str(&format!("{:04},{},{}\n", c[i], clv::summary::format_day(t[i] / 86_400), a[i]));
    }
    let dir = std::env::temp_dir().join(format!("clientele-clv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cdnow.csv");
    std::fs::write(&path, &csv).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(["clv", "--holdout-start", "1997-10-01", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut session = clientele::Session::default();
    session.read_file("cdnow.csv", csv.len() as u64, csv.as_bytes()).unwrap();
    let options = clv::ClvOptions { holdout_start: Some(day(1997, 10, 1)), ..clv::ClvOptions::default() };
    let report = clv::analyse(session.lines(), &options).unwrap();
    // Byte for byte the library's JSON.
    assert!(
        String::from_utf8_lossy(&out.stdout).trim_end() == serde_json::to_string(&report).unwrap(),
        "CLI and library differ"
    );
    // Ingest drops the 8 zero-dollar lines, so 8 one-time, zero-value customers are not there.
    assert_eq!(cli["customers"], 2349);
    assert_eq!(cli["validation"]["calibration_end"], "1997-09-30");
    assert_eq!(cli["validation"]["tracking"].as_array().unwrap().len(), 78);
    assert_eq!(cli["customer_table"]["predictions"]["clv"].as_array().unwrap().len(), 2349);
    // A bad date is a structured error with exit status 2.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(["clv", "--holdout-start", "soon", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "cli.bad_date");
    std::fs::remove_dir_all(&dir).ok();
}
