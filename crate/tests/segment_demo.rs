#![allow(clippy::unwrap_used)]
//! The demo store's recovery tests that belong to the segmentation: the demo store is read through
//! ingest exactly as a dropped file, and the quadrant, the deal-seeker flag and the declining
//! flag must recover the archetypes planted in it (truth per customer from `Truth::customers`).

use std::collections::HashMap;

use clientele::demo::{generate, DemoParams, Lang, SALES_FILE};
use clientele::segment::{analyse, RowQuery, SegmentOptions, Segmented};
use clientele::Session;

fn analysed(lang: Lang) -> (clientele::demo::Truth, Segmented) {
    let files = generate(&DemoParams { lang, ..DemoParams::default() }).unwrap();
    let mut s = Session::default();
    s.read_file(SALES_FILE, files.sales_csv.len() as u64, &files.sales_csv[..]).unwrap();
    let seg = analyse(s.lines(), &SegmentOptions::default()).unwrap();
    (files.truth, seg)
}

/// Share of the planted customers of `archetype` whose row satisfies `pred`.
fn recall(
    truth: &clientele::demo::Truth,
    rows: &HashMap<String, clientele::segment::CustomerRow>,
    archetype: &str,
    pred: impl Fn(&clientele::segment::CustomerRow) -> bool,
) -> f64 {
    let ids = &truth.customers[archetype];
    assert!(!ids.is_empty());
    let hit = ids.iter().filter(|id| rows.get(*id).is_some_and(&pred)).count();
    hit as f64 / ids.len() as f64
}

fn rows(seg: &Segmented) -> HashMap<String, clientele::segment::CustomerRow> {
    let q = RowQuery { limit: usize::MAX, ..RowQuery::default() };
    let mut all = HashMap::new();
    let mut offset = 0;
    loop {
        let page = seg.table.rows(&RowQuery { offset, ..q.clone() });
        if page.rows.is_empty() {
            break;
        }
        offset += page.rows.len();
        for r in page.rows {
            all.insert(r.id.clone(), r);
        }
    }
    all
}

#[test]
fn quadrant_recovers_the_planted_loyalty_types() {
    for lang in [Lang::Zh, Lang::En] {
        let (truth, seg) = analysed(lang);
        assert_eq!(seg.table.len() as u64, truth.counts.customers);
        let rows = rows(&seg);
        for (archetype, quadrant) in [
            ("true_friend", "true_friends"),
            ("butterfly", "butterflies"),
            ("barnacle", "barnacles"),
            ("stranger", "strangers"),
        ] {
            let r = recall(&truth, &rows, archetype, |row| row.quadrant == quadrant);
            eprintln!("{lang:?} {archetype} → {quadrant}: {r:.3} (basis {})", seg.summary.quadrant.profit_basis);
            assert!(r >= 0.9, "{archetype}: only {r:.3} assigned to {quadrant}");
        }
    }
}

#[test]
fn deal_seekers_and_decliners_are_flagged() {
    let (truth, seg) = analysed(Lang::Zh);
    assert!(seg.summary.facts.has_discount, "the demo store has a discount column");
    let rows = rows(&seg);
    let deal = recall(&truth, &rows, "deal_seeker", |r| r.flags.contains(&"deal_seeker"));
    let declining = recall(&truth, &rows, "decliner", |r| r.flags.contains(&"declining"));
    eprintln!("deal seekers {deal:.3}, decliners {declining:.3}");
    assert!(deal >= 0.9, "deal seekers recall {deal:.3}");
    assert!(declining >= 0.9, "decliners recall {declining:.3}");
    // Specificity: True Friends are never deal seekers. Some are flagged declining (about 23%
    // on this seed): their big-ticket orders make 90-day spend noisy, and the flag compares two
    // windows only, as the issue defines it; far fewer than the planted decliners (≥ 90%).
    let tf_deal = recall(&truth, &rows, "true_friend", |r| r.flags.contains(&"deal_seeker"));
    let tf_decl = recall(&truth, &rows, "true_friend", |r| r.flags.contains(&"declining"));
    assert!(tf_deal < 0.02 && tf_decl < 0.3, "true friends flagged: deal {tf_deal:.3}, declining {tf_decl:.3}");
    // Barnacles use coupons (70% of lines, 10-30% off) but are not price-only customers.
    let ba_deal = recall(&truth, &rows, "barnacle", |r| r.flags.contains(&"deal_seeker"));
    assert!(ba_deal < 0.2, "barnacles flagged as deal seekers: {ba_deal:.3}");
}

/// With `clv` on and loyalty = P(alive), the analysis fits BG/NBD itself: the quadrant says it
/// used P(alive), churned customers (no purchase for 160+ days) get a lower P(alive) than True
/// Friends, and "most growable" ranks by predicted CLV − last year's spend.
#[test]
fn p_alive_loyalty_and_clv_growth_come_from_the_fitted_model() {
    use clientele::segment::quadrant::LoyaltyBasis;
    let files = generate(&DemoParams::default()).unwrap();
    let mut s = Session::default();
    s.read_file(SALES_FILE, files.sales_csv.len() as u64, &files.sales_csv[..]).unwrap();
    let mut options = SegmentOptions::default();
    options.quadrant.loyalty = LoyaltyBasis::PAlive;
    let seg = analyse(s.lines(), &options).unwrap();
    assert_eq!(seg.summary.quadrant.loyalty_basis, LoyaltyBasis::PAlive);
    let rows = rows(&seg);
    let mean = |archetype: &str| {
        let ids = &files.truth.customers[archetype];
        ids.iter().map(|id| rows[id].loyalty).sum::<f64>() / ids.len() as f64
    };
    let (tf, churned) = (mean("true_friend"), mean("churned"));
    eprintln!("mean P(alive): true friends {tf:.3}, churned {churned:.3}");
    assert!((0.0..=1.0).contains(&tf) && (0.0..=1.0).contains(&churned));
    assert!(tf > 0.9 && churned < tf - 0.3, "true friends {tf:.3}, churned {churned:.3}");
    // Without the option the basis is behaviour.
    let plain = analyse(s.lines(), &SegmentOptions::default()).unwrap();
    assert_eq!(plain.summary.quadrant.loyalty_basis, LoyaltyBasis::Behaviour);
}

/// The deal-seeker recovery does not hang on the exact defaults (85% of lines on discount, 20%
/// of the list value): the flag is recomputed from the fact table over a band of thresholds
/// around them, and each keeps the planted deal seekers and leaves the coupon-using Barnacles
/// out. (The demo generator draws its coupons without reading these settings.)
#[test]
fn deal_seeker_recovery_holds_over_a_band_of_thresholds() {
    use clientele::segment::value::{is_deal_seeker, ValueOptions};
    let (truth, seg) = analysed(Lang::Zh);
    let index: HashMap<&str, usize> = seg.table.keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let share = |archetype: &str, o: &ValueOptions| {
        let ids = &truth.customers[archetype];
        let hit = ids
            .iter()
            .filter(|id| index.get(id.as_str()).is_some_and(|&i| is_deal_seeker(&seg.table.facts[i], o)))
            .count();
        hit as f64 / ids.len() as f64
    };
    // Measured on the default store: deal seekers 0.96-1.00, Barnacles 0.000, True Friends 0.000
    // everywhere in this band. Below it the discount depth no longer separates them: at 15% of
    // the list value, Barnacles (70% of lines at 10-30% off, about 14% of their list value)
    // reach 34% / 20% / 6% / 1% at line shares 0.75 / 0.8 / 0.85 / 0.9, which is why the
    // default is 20% and not the 15% it once was.
    for line_share in [0.75, 0.8, 0.85, 0.9] {
        for discount_share in [0.2, 0.25] {
            let o = ValueOptions {
                deal_line_share: line_share,
                deal_discount_share: discount_share,
                ..ValueOptions::default()
            };
            let (deal, barnacle, friend) = (share("deal_seeker", &o), share("barnacle", &o), share("true_friend", &o));
            eprintln!("lines ≥ {line_share}, discount ≥ {discount_share}: deal seekers {deal:.3}, barnacles {barnacle:.3}, true friends {friend:.3}");
            assert!(deal >= 0.9, "lines ≥ {line_share}, discount ≥ {discount_share}: deal seekers recall {deal:.3}");
            assert!(
                barnacle <= 0.05 && friend <= 0.02,
                "lines ≥ {line_share}, discount ≥ {discount_share}: barnacles {barnacle:.3}, true friends {friend:.3}"
            );
        }
    }
}
