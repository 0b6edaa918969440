#![allow(clippy::unwrap_used)]
//! The demo store's planted campaign ([`clientele::campaign::demo`]) is recovered: for every
//! segment (archetype), the realised planted uplift of the response rate lies in the 95%
//! Newcombe interval of the measured uplift (contacted − control), and the segments with the
//! largest planted effect are measured above zero.

use clientele::campaign::demo::plant;
use clientele::campaign::{analyse, read_campaign, CampaignOptions};
use clientele::demo::{generate, DemoParams};
use clientele::Session;

#[test]
fn every_planted_uplift_is_within_its_interval() {
    let d = generate(&DemoParams::default()).unwrap();
    let mut s = Session::default();
    s.read_file("demo_sales.csv", d.sales_csv.len() as u64, &d.sales_csv[..]).unwrap();
    let c = plant(s.lines(), &d.truth);
    // The planted orders are read as a second sales file.
    s.read_file("demo_campaign_orders.csv", c.orders_csv.len() as u64, &c.orders_csv[..]).unwrap();
    let file = read_campaign("demo_campaign.csv", &c.campaign_csv).unwrap();
    let options = CampaignOptions {
        start: Some(c.truth.start.clone()),
        window_days: c.truth.window_days,
        ..CampaignOptions::default()
    };
    let r = analyse(s.lines(), &file, &options).unwrap();
    assert_eq!(r.segment_source, "file");
    assert_eq!(r.segments.len(), c.truth.segments.len());
    let mut above_zero = Vec::new();
    for (got, want) in r.segments.iter().zip(&c.truth.segments) {
        assert_eq!(got.segment, want.segment);
        assert_eq!(got.groups.contacted.customers, want.contacted, "{}", want.segment);
        assert_eq!(got.groups.control.customers, want.control, "{}", want.segment);
        let (lo, hi) = (got.uplift.response_rate_low.unwrap(), got.uplift.response_rate_high.unwrap());
        eprintln!(
            "{:<12} planted {:>5.3} (p = {:.3}) measured {:>6.3} [{:.3}, {:.3}]  n = {} / {}",
            want.segment,
            want.uplift,
            f64::from(want.planted_permille) / 1000.0,
            got.uplift.response_rate,
            lo,
            hi,
            want.contacted,
            want.control
        );
        assert!(lo <= want.uplift && want.uplift <= hi, "{}: {} not in [{lo}, {hi}]", want.segment, want.uplift);
        if lo > 0.0 {
            above_zero.push(want.segment.as_str());
        }
    }
    // The strongest planted effect (deal seekers, 25%) is found, not only covered.
    assert!(above_zero.contains(&"deal_seeker"), "{above_zero:?}");
    // The whole campaign: planted orders make the contacted group respond more.
    assert!(r.uplift.response_rate_low.unwrap() > 0.0);
}
