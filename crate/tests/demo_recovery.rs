//! The demo store's recovery tests that belong to the basket analysis: the demo store is read through
//! ingest exactly as a dropped file, and the planted rules and the planted sequence must come
//! out of `rules_report` / `sequences_report` with the measures the truth file records.
//! (The quadrant, deal-seeker, decliner and city recoveries live with the segmentation tests.)

use clientele::basket::{
    rules_report, sequences_report, FpGrowthParams, ItemKey, MinSupport, RuleParams, SequenceParams, Transactions,
};
use clientele::demo::{generate, DemoFiles, DemoParams, Lang, SALES_FILE};
use clientele::Session;

fn store(lang: Lang) -> (DemoFiles, Session) {
    let files = generate(&DemoParams { lang, ..DemoParams::default() }).expect("the default demo store generates");
    let mut s = Session::default();
    s.read_file(SALES_FILE, files.sales_csv.len() as u64, &files.sales_csv[..]).expect("the demo sales file reads");
    (files, s)
}

#[test]
fn planted_rules_are_found_with_their_confidence_and_lift() {
    for lang in [Lang::Zh, Lang::En] {
        let (files, session) = store(lang);
        let truth = &files.truth;
        let tx = Transactions::from_lines(session.lines(), ItemKey::Product).expect("baskets");
        assert_eq!(tx.len() as u64, truth.rules[0].baskets, "baskets = orders with a sale line");
        // Low enough for every planted rule (the rarest is well above 0.1% of baskets).
        let ip = FpGrowthParams::default().min_support(MinSupport::Share(0.001)).check().expect("params");
        let rp = RuleParams::new(0.2).check().expect("params");
        let report = rules_report(&tx, &ip, &rp, &mut |_| true).expect("mining");
        assert!(truth.rules.len() >= 3);
        for planted in &truth.rules {
            let id = |code: &str| {
                tx.items.iter().position(|i| i == code).unwrap_or_else(|| panic!("item {code} in baskets")) as u32
            };
            let mut ante: Vec<u32> = planted.antecedent.iter().map(|i| id(&i.id)).collect();
            ante.sort_unstable();
            let cons = id(&planted.consequent.id);
            let found = report
                .rules
                .rules
                .iter()
                .find(|r| {
                    let mut a = r.antecedent.clone();
                    a.sort_unstable();
                    a == ante && r.consequent == [cons]
                })
                .unwrap_or_else(|| {
                    panic!("planted rule {:?} → {} not found", planted.antecedent, planted.consequent.name)
                });
            let m = &found.measures;
            // Within 0.05 of the realised values (exact in fact) and of the planted chance.
            assert!(
                (m.confidence - planted.confidence).abs() < 1e-9,
                "{}: {} vs {}",
                planted.consequent.name,
                m.confidence,
                planted.confidence
            );
            assert!(
                (m.lift - planted.lift).abs() < 1e-9,
                "{}: lift {} vs {}",
                planted.consequent.name,
                m.lift,
                planted.lift
            );
            assert!(
                (m.confidence - planted.planted_confidence).abs() <= 0.05,
                "{}: {} vs planted {}",
                planted.consequent.name,
                m.confidence,
                planted.planted_confidence
            );
            assert!((m.support - planted.support).abs() < 1e-12);
            // And it is a real association, not noise.
            assert!(m.lift > 3.0, "{}: lift {}", planted.consequent.name, m.lift);
        }
        // Diapers → beer is among them, named in the file's language.
        let names: Vec<&str> = truth.rules.iter().map(|r| r.consequent.name.as_str()).collect();
        assert!(names.iter().any(|n| n.contains("啤酒") || n.to_lowercase().contains("beer")), "{names:?}");
    }
}

#[test]
fn planted_sequence_tv_then_soundbar_is_found_with_its_realised_confidence() {
    let (files, session) = store(Lang::Zh);
    let seq = &files.truth.sequence;
    let tx = Transactions::from_lines(session.lines(), ItemKey::Product).expect("baskets");
    let id = |code: &str| tx.items.iter().position(|i| i == code).expect("item in baskets") as u32;
    let (tv, bar) = (id(&seq.first.id), id(&seq.then.id));
    let params =
        SequenceParams::new(0.0).mingap(seq.min_gap_days.max(1)).maxgap(Some(seq.max_gap_days)).maxlen(2).maxsize(1);
    let mut params = params;
    // Only the two items matter here; a small absolute support keeps the run short.
    params.min_support = MinSupport::Count(20);
    let params = params.check().expect("params");
    let report = sequences_report(&tx, &params, 0.0, &mut |_| true).expect("cspade");
    let rule = report
        .rules
        .iter()
        .find(|r| r.antecedent == [vec![tv]] && r.consequent == [bar])
        .expect("TV → soundbar among the sequence rules");
    eprintln!(
        "TV → soundbar: confidence {:.4} (truth {:.4}, planted {:.2}), lift {:.2}",
        rule.confidence, seq.confidence, seq.planted_share, rule.lift
    );
    // The truth file counts the same thing on the generated lines (customers who bought the
    // soundbar 1 to 90 calendar days after a TV, over customers who bought a TV), so the mined
    // confidence equals it: the only difference allowed is the rounding of one division.
    assert!((rule.confidence - seq.confidence).abs() < 1e-12, "{} vs truth {}", rule.confidence, seq.confidence);
    // Against the planted chance the realised share is a binomial draw: allow 4 standard
    // deviations of a share over the TV buyers (a wrong generator misses by far more).
    let sd = (seq.planted_share * (1.0 - seq.planted_share) / seq.first_buyers as f64).sqrt();
    assert!(
        (rule.confidence - seq.planted_share).abs() <= 4.0 * sd,
        "{} vs planted {} (sd {sd})",
        rule.confidence,
        seq.planted_share
    );
    assert!(rule.lift > 2.0);
}
