#![allow(clippy::unwrap_used)]
//! `clv::analyse` on a store: guest lines skipped, predictions by dense customer id for the
//! segmentation, and structured warnings on thin data.

use clientele::clv::{self, simulate, ClvOptions, TimeUnit};
use clientele::ingest::values::DAY;
use clientele::model::{LineItems, LineKind, NO_CUSTOMER};

/// A store from a simulated CDNOW-like log (customers named `c<n>`), with guest lines and a
/// returns-only customer mixed in.
fn store(customers: usize, seed: u64) -> (LineItems, i64) {
    let spec = simulate::SimulationSpec::cdnow_like(customers, seed);
    let log = simulate::simulate(&spec);
    let mut lines = LineItems::default();
    for i in 0..log.customer.len() {
        let c = lines.customers.intern(&format!("c{}", log.customer[i]));
        lines.push(c, i as u32, log.time[i], 0, 1.0, log.amount[i], LineKind::Purchase);
        if i % 3 == 0 {
            // A guest buying on the same day: must change nothing.
            lines.push(NO_CUSTOMER, i as u32, log.time[i], 0, 1.0, 99.0, LineKind::Purchase);
        }
    }
    let returns_only = lines.customers.intern("returns-only");
    lines.push(returns_only, 0, log.time[0], 0, -1.0, -5.0, LineKind::Return);
    (lines, spec.end())
}

#[test]
fn guests_are_skipped_and_predictions_come_by_dense_customer_id() {
    let (lines, end) = store(3_000, 11);
    let opts = ClvOptions { end: Some(end), pareto_nbd: false, ..ClvOptions::default() };
    let report = clv::analyse(&lines, &opts).unwrap();
    assert_eq!(report.customers, 3_000);
    // Without the guest lines the result is the same.
    let mut no_guests = LineItems { customers: lines.customers.clone(), ..LineItems::default() };
    for i in 0..lines.len() {
        if lines.customer[i] != NO_CUSTOMER {
            no_guests.push(
                lines.customer[i],
                lines.order[i],
                lines.time.at(i),
                0,
                lines.quantity.at(i),
                lines.amount.at(i),
                lines.kind[i],
            );
        }
    }
    let clean = clv::analyse(&no_guests, &opts).unwrap();
    assert_eq!(report.bgnbd.params, clean.bgnbd.params);
    assert_eq!(report.customer_table, clean.customer_table);
    // By dense id: the returns-only customer has no prediction; everyone else has theirs.
    let n = lines.customers.len();
    let by_id = report.customer_table.predictions.by_customer_id(n);
    assert_eq!(by_id.p_alive.len(), n);
    let ro = lines.customers.get("returns-only").unwrap() as usize;
    assert!(by_id.p_alive[ro].is_nan() && by_id.clv[ro].is_nan());
    let p = &report.customer_table.predictions;
    for (k, &c) in p.customer.iter().enumerate() {
        let c = c as usize;
        assert_eq!(report.customer_table.id[k], lines.customers.name(c as u32));
        assert_eq!(by_id.p_alive[c], p.p_alive[k]);
        assert_eq!(by_id.clv[c], p.clv[k]);
        assert_eq!(by_id.expected_spend[c], p.expected_spend[k]);
        assert_eq!(by_id.expected_purchases[c], p.expected_purchases[k]);
        assert!((0.0..=1.0).contains(&p.p_alive[k]) && p.clv[k] >= 0.0);
    }
    // And they are the model's values: a one-time buyer is alive for sure, P(alive) falls with
    // time since the last purchase at fixed x and T.
    let bg = report.bgnbd.params;
    assert_eq!(bg.p_alive(0.0, 0.0, 30.0), 1.0);
    assert!(bg.p_alive(3.0, 5.0, 30.0) < bg.p_alive(3.0, 25.0, 30.0));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn thin_data_carries_structured_warnings() {
    // 40 customers over 10 weeks, a 12-month horizon and a 1-week holdout.
    let spec = simulate::SimulationSpec {
        customers: 40,
        acquisition_days: 14,
        observation_days: 70,
        ..simulate::SimulationSpec::cdnow_like(40, 3)
    };
    let log = simulate::simulate(&spec);
    let mut lines = LineItems::default();
    for i in 0..log.customer.len() {
        let c = lines.customers.intern(&log.customer[i].to_string());
        lines.push(c, i as u32, log.time[i], 0, 1.0, log.amount[i], LineKind::Purchase);
    }
    let end = spec.end();
    let opts = ClvOptions {
        end: Some(end),
        holdout_start: Some(end - 6 * DAY),
        unit: TimeUnit::Weeks,
        pareto_nbd: false,
        ..ClvOptions::default()
    };
    let report = clv::analyse(&lines, &opts).unwrap();
    let find = |code: &str| {
        report.warnings.iter().find(|w| w.code == code).unwrap_or_else(|| panic!("{code} in {:?}", report.warnings))
    };
    let h = find("clv.horizon_beyond_history");
    assert_eq!(h.params["horizon_months"], 12);
    assert!(h.params["history_days"].as_f64().unwrap() <= 69.0);
    let s = find("clv.short_holdout");
    assert_eq!(s.params["holdout_days"], 7.0);
    let few = report.bgnbd.warnings.iter().find(|w| w.code == "clv.few_repeat_customers").unwrap();
    assert_eq!(few.params["minimum"], 30);
    assert_eq!(few.params["repeat_customers"], report.repeat_customers);
    assert!(report.repeat_customers < 30);
    // The spend model runs to a limiting case on so few values, and says so.
    let gg = report.gamma_gamma.as_ref().unwrap();
    assert!(
        gg.warnings.iter().any(|w| w.code == "clv.parameter_at_boundary" && w.params.contains_key("parameter")),
        "{:?}",
        gg.warnings
    );
    // Every warning says what it is in English too, and serialises with its params.
    let json = serde_json::to_value(&report.warnings).unwrap();
    assert_eq!(json[0]["code"], report.warnings[0].code);
    assert!(json[0]["params"].is_object() && !report.warnings[0].message.is_empty());
}
