#![allow(clippy::unwrap_used)]
//! Basket analysis against the published goldens (`../shared/data/README.md`): Groceries
//! (arules / pyfim), mlxtend's five baskets, Zaki's sequences (arulesSequences) and Online Retail
//! invoices (pyfim and mlxtend agree).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use clientele::basket::{
    association_rules, cspade, fpgrowth, sequence_rules, ExclusionReason, FpGrowthParams, FrequentItemsets, ItemKey,
    Rule, RuleParams, RuleSet, SequenceParams, Sequences, Target, Transactions,
};
use clientele::Session;
use common::*;

fn groceries() -> &'static Transactions {
    static TX: OnceLock<Transactions> = OnceLock::new();
    TX.get_or_init(|| {
        let mut s = Session::default();
        s.read_basket_text("groceries.csv", &std::fs::read(shared("groceries/groceries.csv")).unwrap()).unwrap();
        Transactions::from_basket_lines(s.lines()).unwrap()
    })
}

fn online_retail() -> &'static Transactions {
    static TX: OnceLock<Transactions> = OnceLock::new();
    TX.get_or_init(|| {
        let gz = online_retail_gz();
        let mut s = Session::default();
        // The goldens are over the "purchases only" rows: CustomerID present.
        s.set_drop_guests(true);
        s.read_file("OnlineRetail.csv.gz", gz.len() as u64, &gz[..]).unwrap();
        Transactions::from_lines(s.lines(), ItemKey::Product).unwrap()
    })
}

fn mine(tx: &Transactions, support: f64) -> FrequentItemsets {
    fpgrowth(tx, &FpGrowthParams::new(support).check().unwrap()).unwrap()
}

fn rules(tx: &Transactions, sets: &FrequentItemsets, conf: f64) -> RuleSet {
    association_rules(tx, sets, &RuleParams::new(conf).check().unwrap()).unwrap()
}

/// Rules by total length (antecedent + consequent).
fn by_len(rules: &[Rule]) -> BTreeMap<usize, usize> {
    let mut m = BTreeMap::new();
    for r in rules {
        *m.entry(r.antecedent.len() + r.consequent.len()).or_insert(0) += 1;
    }
    m
}

fn names(tx: &Transactions, ids: &[u32]) -> Vec<String> {
    ids.iter().map(|&i| tx.items[i as usize].clone()).collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

#[test]
fn groceries_itemsets_and_rules_match_arules() {
    let tx = groceries();
    assert_eq!(tx.len(), 9_835);
    assert_eq!(tx.items.len(), 169);
    assert!(tx.item_id("cream cheese ").is_some() && tx.item_id("roll products ").is_some());

    let sets = mine(tx, 0.001);
    assert_eq!(sets.min_count, 10);
    assert_eq!(sets.len(), 13_492);

    let r = rules(tx, &sets, 0.5);
    assert_eq!(r.rules.len(), 5_668);
    assert_eq!(by_len(&r.rules), BTreeMap::from([(2, 11), (3, 1_461), (4, 3_211), (5, 939), (6, 46)]));
    // Sorted by lift: the top rule.
    let top = &r.rules[0];
    assert_eq!(names(tx, &top.antecedent), ["Instant food products", "soda"]);
    assert_eq!(names(tx, &top.consequent), ["hamburger meat"]);
    assert_eq!(top.count, 12);
    assert!((top.measures.support - 0.00122).abs() < 5e-6, "{}", top.measures.support);
    assert!((top.measures.confidence - 0.6316).abs() < 5e-5, "{}", top.measures.confidence);
    assert!((top.measures.lift - 18.9957).abs() < 5e-5, "{}", top.measures.lift);
    assert!(r.rules.windows(2).all(|w| w[0].measures.lift >= w[1].measures.lift));

    let r6 = rules(tx, &sets, 0.6);
    assert_eq!(r6.rules.len(), 2_918);
    assert_eq!(by_len(&r6.rules), BTreeMap::from([(2, 3), (3, 490), (4, 1_765), (5, 626), (6, 34)]));

    let sets6 = mine(tx, 0.006);
    let r25 = rules(tx, &sets6, 0.25);
    assert_eq!(r25.rules.len(), 463);
    assert_eq!(by_len(&r25.rules), BTreeMap::from([(2, 150), (3, 297), (4, 16)]));
}

#[test]
fn groceries_multi_item_consequents_match_mlxtend() {
    let tx = groceries();
    let sets = mine(tx, 0.001);
    let r = association_rules(tx, &sets, &RuleParams::new(0.5).multi_consequent(true).check().unwrap()).unwrap();
    assert_eq!(r.rules.len(), 5_829);
    assert_eq!(r.rules.iter().filter(|r| r.consequent.len() == 1).count(), 5_668);
}

#[test]
fn groceries_redundancy_pruning_keeps_only_improving_rules() {
    let tx = groceries();
    let sets = mine(tx, 0.001);
    let all = rules(tx, &sets, 0.5);
    let pruned = association_rules(tx, &sets, &RuleParams::new(0.5).prune_redundant(true).check().unwrap()).unwrap();
    assert_eq!(pruned.rules.len() + pruned.redundant_pruned, all.rules.len());
    assert!(pruned.redundant_pruned > 0 && !pruned.rules.is_empty());
    // Every kept rule beats each of its more general rules.
    let index = sets.index();
    for r in pruned.rules.iter().take(300) {
        for skip in 0..r.antecedent.len() {
            if r.antecedent.len() < 2 {
                break;
            }
            let sub: Vec<u32> = r.antecedent.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, &x)| x).collect();
            let mut u = sub.clone();
            u.extend_from_slice(&r.consequent);
            u.sort_unstable();
            assert!((index[u.as_slice()] as f64 / index[sub.as_slice()] as f64) < r.measures.confidence);
        }
    }
}

fn five_baskets() -> Transactions {
    Transactions::from_baskets(&[
        vec!["Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
        vec!["Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
        vec!["Milk", "Apple", "Kidney Beans", "Eggs"],
        vec!["Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"],
        vec!["Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"],
    ])
}

#[test]
fn mlxtend_five_baskets() {
    let tx = five_baskets();
    let sets = mine(&tx, 0.6);
    assert_eq!(sets.len(), 11);
    let r = association_rules(&tx, &sets, &RuleParams::new(0.8).multi_consequent(true).check().unwrap()).unwrap();
    assert_eq!(r.rules.len(), 9);
    let find = |a: &str, c: &str| {
        let (a, c) = (tx.item_id(a).unwrap(), tx.item_id(c).unwrap());
        r.rules.iter().find(|r| r.antecedent == [a] && r.consequent == [c]).unwrap().measures
    };
    let m = find("Onion", "Eggs");
    let want = [
        (m.support, 0.6),
        (m.confidence, 1.0),
        (m.lift, 1.25),
        (m.leverage, 0.12),
        (m.zhang, 0.5),
        (m.jaccard, 0.75),
        (m.certainty, 1.0),
        (m.kulczynski, 0.875),
    ];
    for (got, want) in want {
        assert!(close(got, want, 1e-12), "{got} vs {want}");
    }
    assert_eq!(m.conviction, f64::INFINITY);
    let json = serde_json::to_value(m).unwrap();
    assert_eq!(json["conviction"], "Infinity");

    let k = find("Kidney Beans", "Eggs");
    assert!(close(k.confidence, 0.8, 1e-12));
    assert!(close(k.lift, 1.0, 1e-12));
    assert!(close(k.conviction, 1.0, 1e-12));
    assert!(close(k.kulczynski, 0.9, 1e-12));
    assert!(close(k.leverage, 0.0, 1e-12));
    assert!(close(k.zhang, 0.0, 1e-12));
    assert!(close(k.certainty, 0.0, 1e-12));
    assert!(close(k.jaccard, 0.8, 1e-12));

    // Closed and maximal itemsets at 0.6.
    let closed = fpgrowth(&tx, &FpGrowthParams::new(0.6).target(Target::Closed).check().unwrap()).unwrap();
    let maximal = fpgrowth(&tx, &FpGrowthParams::new(0.6).target(Target::Maximal).check().unwrap()).unwrap();
    let show =
        |s: &FrequentItemsets| -> BTreeSet<Vec<String>> { s.itemsets.iter().map(|s| names(&tx, &s.items)).collect() };
    let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        show(&maximal),
        BTreeSet::from([
            v(&["Eggs", "Kidney Beans", "Onion"]),
            v(&["Kidney Beans", "Milk"]),
            v(&["Kidney Beans", "Yogurt"])
        ])
    );
    assert_eq!(closed.len(), 5); // {KB} {Eggs,KB} {Eggs,KB,Onion} {KB,Milk} {KB,Yogurt}
    assert!(association_rules(&tx, &closed, &RuleParams::new(0.8).check().unwrap()).is_err());
}

#[test]
fn zaki_sequences_match_arules_sequences() {
    let s = Sequences::from_events(&[
        ("1", 10, vec!["C", "D"]),
        ("1", 15, vec!["A", "B", "C"]),
        ("1", 20, vec!["A", "B", "F"]),
        ("1", 25, vec!["A", "C", "D", "F"]),
        ("2", 15, vec!["A", "B", "F"]),
        ("2", 20, vec!["E"]),
        ("3", 10, vec!["A", "B", "F"]),
        ("4", 10, vec!["D", "G", "H"]),
        ("4", 20, vec!["B", "F"]),
        ("4", 25, vec!["A", "G", "H"]),
    ]);
    let r = cspade(&s, &SequenceParams::new(0.4).check().unwrap()).unwrap();
    assert_eq!(r.patterns.len(), 18);
    let id = |n: &str| s.items.iter().position(|x| x == n).unwrap() as u32;
    let d_bf_a = vec![vec![id("D")], vec![id("B"), id("F")], vec![id("A")]];
    let p = r.patterns.iter().find(|p| p.elements == d_bf_a).unwrap();
    assert_eq!((p.count, p.support), (2, 0.5));
    let rules = sequence_rules(&r, 0.5);
    assert_eq!(rules.len(), 10);
    // D → F: both D customers go on to buy F.
    let df = rules.iter().find(|x| x.antecedent == [vec![id("D")]] && x.consequent == [id("F")]).unwrap();
    assert_eq!((df.confidence, df.lift), (1.0, 1.0));
    assert_eq!(cspade(&s, &SequenceParams::new(0.4).maxgap(Some(5)).check().unwrap()).unwrap().patterns.len(), 11);
}

/// `items|joined` → count, from a golden file.
fn golden_itemsets() -> BTreeMap<Vec<String>, u32> {
    let text = std::fs::read_to_string(shared("online_retail/golden_itemsets_support_0.01.csv")).unwrap();
    let mut m = BTreeMap::new();
    for line in text.lines().skip(1) {
        let (items, count) = line.rsplit_once(',').unwrap();
        let mut items: Vec<String> = items.trim_matches('"').split('|').map(str::to_owned).collect();
        items.sort();
        m.insert(items, count.parse().unwrap());
    }
    m
}

#[test]
fn online_retail_itemsets_and_rules_equal_the_goldens() {
    let tx = online_retail();
    assert_eq!(tx.len(), 18_532);
    assert_eq!(tx.items.len(), 3_665);

    let sets = mine(tx, 0.01);
    let got: BTreeMap<Vec<String>, u32> = sets.itemsets.iter().map(|s| (names(tx, &s.items), s.count)).collect();
    let want = golden_itemsets();
    assert_eq!(want.len(), 1_031);
    assert_eq!(got, want);

    let r = rules(tx, &sets, 0.5);
    let text = std::fs::read_to_string(shared("online_retail/golden_rules_support_0.01_conf_0.5.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("antecedent,consequent,support_count,support,confidence,lift"));
    type Key = (Vec<String>, Vec<String>);
    let mut want: BTreeMap<Key, (u32, f64, f64, f64)> = BTreeMap::new();
    for line in lines {
        let f: Vec<&str> = line.split(',').map(|s| s.trim_matches('"')).collect();
        let mut a: Vec<String> = f[0].split('|').map(str::to_owned).collect();
        a.sort();
        let c = vec![f[1].to_owned()];
        want.insert(
            (a, c),
            (f[2].parse().unwrap(), f[3].parse().unwrap(), f[4].parse().unwrap(), f[5].parse().unwrap()),
        );
    }
    assert_eq!(want.len(), 313);
    assert_eq!(r.rules.len(), 313);
    for rule in &r.rules {
        let key = (names(tx, &rule.antecedent), names(tx, &rule.consequent));
        let &(count, support, confidence, lift) = want.get(&key).unwrap_or_else(|| panic!("extra rule {key:?}"));
        let m = &rule.measures;
        assert_eq!(rule.count, count);
        assert!(close(m.support, support, 1e-9), "{key:?} support {} vs {support}", m.support);
        assert!(close(m.confidence, confidence, 1e-9), "{key:?} confidence {} vs {confidence}", m.confidence);
        assert!(close(m.lift, lift, 1e-9), "{key:?} lift {} vs {lift}", m.lift);
    }
}

#[test]
fn online_retail_counts_at_lower_supports() {
    let tx = online_retail();
    for (support, itemsets, n_rules) in [(0.005, 4_455, 3_581), (0.002, 42_232, 70_249), (0.001, 341_290, 974_133)] {
        let sets = mine(tx, support);
        assert_eq!(sets.len(), itemsets, "itemsets at {support}");
        let estimate = clientele::basket::count_itemsets(
            tx,
            &FpGrowthParams::new(support).check().unwrap(),
            u64::MAX,
            &mut |_| true,
        )
        .unwrap();
        assert_eq!(estimate.total, itemsets as u64);
        assert_eq!(estimate.by_len.iter().sum::<u64>(), itemsets as u64);
        if support == 0.001 {
            // The longest itemset has 12 items.
            assert_eq!(sets.itemsets.last().unwrap().items.len(), 12);
        }
        assert_eq!(rules(tx, &sets, 0.5).rules.len(), n_rules, "rules at {support}");
    }
}

#[test]
fn online_retail_exclusions_and_sequences() {
    let tx = online_retail();
    let suggestions = tx.suggest_exclusions(0.25);
    let suggested: BTreeSet<&str> = suggestions.iter().map(|s| s.name.as_str()).collect();
    for code in ["POST", "DOT", "M"] {
        assert!(suggested.contains(code), "{code} not suggested: {suggested:?}");
    }
    assert!(!suggested.contains("85123A"));
    // Every suggestion is explained by the product's own name (Description), and carries the
    // price evidence: POST is POSTAGE at a price that varies from order to order.
    let post = suggestions.iter().find(|s| s.name == "POST").unwrap();
    assert_eq!((post.label.as_str(), post.reason), ("POSTAGE", ExclusionReason::FeeOrBagName));
    assert!((post.share - 1_099.0 / 18_532.0).abs() < 1e-12, "{}", post.share);
    assert!(post.unit_price_cv.unwrap() > 0.5);
    assert_eq!(tx.label(tx.item_id("85123A").unwrap()), "WHITE HANGING HEART T-LIGHT HOLDER");
    let without = tx.exclude(&["POST", "DOT", "M"]).unwrap();
    assert!(without.len() < tx.len());
    assert!(without.baskets().all(|b| !b.is_empty()));

    // Customer-level sequences: every customer with a purchase is one sequence.
    let seqs = Sequences::from_transactions(tx).unwrap();
    assert_eq!(seqs.len(), 4_338);
    let pats = cspade(&seqs, &SequenceParams::new(0.02).maxgap(Some(90)).maxlen(3).check().unwrap()).unwrap();
    assert!(!pats.patterns.is_empty());
    let rules = sequence_rules(&pats, 0.3);
    assert!(rules.iter().all(|r| r.confidence >= 0.3 && r.antecedent.len() < 3));
}

#[test]
fn cli_rules_json_equals_the_library_report() {
    let path = shared("groceries/groceries.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(["rules", "--basket-format", "--min-support", "0.001", "--min-confidence", "0.5", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ip = FpGrowthParams::new(0.001).check().unwrap();
    let rp = RuleParams::new(0.5).check().unwrap();
    // The CLI reads the file as the page does: the reader finds the basket format, and the
    // baskets are built like any file's (one per basket line, each a guest order).
    let bytes = std::fs::read(&path).unwrap();
    let mut s = Session::default();
    s.read_file("groceries.csv", bytes.len() as u64, &bytes[..]).unwrap();
    let page = Transactions::from_lines(s.lines(), clientele::basket::ItemKey::Product).unwrap();
    let lib = clientele::basket::rules_report(&page, &ip, &rp, &mut |_| true).unwrap();
    // Byte for byte (parsing floats back is not exact in serde_json without float_roundtrip).
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim_end(), serde_json::to_string(&lib).unwrap());
    assert_eq!(cli["rules"]["rules"].as_array().unwrap().len(), 5_668);
    assert_eq!(cli["rules_by_len"], serde_json::json!([0, 0, 11, 1_461, 3_211, 939, 46]));

    // Parameter errors are structured, with exit status 2.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(["rules", "--basket-format", "--min-support", "0", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "basket.invalid_parameter");
}

#[test]
fn online_retail_segments_compare_lifts() {
    let tx = online_retail();
    let customer = tx.customer.as_ref().unwrap();
    let mut orders = vec![0u32; tx.customers.len()];
    for &c in customer {
        orders[c as usize] += 1;
    }
    // Loyal customers (10+ orders) against the others.
    let loyal = tx.filter_baskets(|i| orders[customer[i] as usize] >= 10);
    let others = tx.filter_baskets(|i| orders[customer[i] as usize] < 10);
    assert_eq!(loyal.len() + others.len(), tx.len());
    let ip = FpGrowthParams::new(0.02).check().unwrap();
    let rp = RuleParams::new(0.5).check().unwrap();
    let cmp = clientele::basket::compare_segments(&loyal, &others, ["loyal", "others"], &ip, &rp).unwrap();
    assert!(!cmp.rules.is_empty());
    let min_a = ip.min_support().min_count(loyal.len());
    let min_b = ip.min_support().min_count(others.len());
    for r in &cmp.rules {
        match r.found_in {
            "a" => assert!(r.a.count >= min_a && r.a.confidence.unwrap() >= 0.5),
            "b" => assert!(r.b.count >= min_b && r.b.confidence.unwrap() >= 0.5),
            _ => assert!(r.a.count >= min_a && r.b.count >= min_b),
        }
    }
    // Every figure of every contrast, counted here straight from each segment's baskets.
    assert_eq!(loyal.items, others.items, "both segments keep the item ids");
    assert_eq!(cmp.baskets, [loyal.len() as u32, others.len() as u32]);
    let count = |t: &clientele::basket::Transactions, items: &[u32]| {
        t.baskets().filter(|b| items.iter().all(|x| b.contains(x))).count() as u32
    };
    for r in &cmp.rules {
        let both: Vec<u32> = r.antecedent.iter().chain(&r.consequent).copied().collect();
        for (t, m) in [(&loyal, &r.a), (&others, &r.b)] {
            let n = t.len() as f64;
            let (xy, x, y) = (count(t, &both), count(t, &r.antecedent), count(t, &r.consequent));
            assert_eq!(m.count, xy, "{:?} -> {:?}", r.antecedent, r.consequent);
            assert!(close(m.support, f64::from(xy) / n, 1e-12));
            let confidence = (x > 0).then(|| f64::from(xy) / f64::from(x));
            assert_eq!(m.confidence.is_some(), confidence.is_some());
            if let (Some(got), Some(want)) = (m.confidence, confidence) {
                assert!(close(got, want, 1e-12), "confidence {got} vs {want}");
                if y > 0 {
                    let lift = want / (f64::from(y) / n);
                    assert!(close(m.lift.unwrap(), lift, 1e-12), "lift {:?} vs {lift}", m.lift);
                }
            }
        }
    }
    // At least one rule is mined in only one segment and one in both, so the "found in" rule
    // above was exercised on each branch that exists in this data.
    assert!(cmp.rules.iter().any(|r| r.found_in == "both"));
    assert!(cmp.rules.iter().any(|r| r.found_in != "both"));
}

#[test]
fn cli_sequences_give_a_then_b_within_n_days() {
    let dir = std::env::temp_dir().join(format!("clientele-basket-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tv.csv");
    std::fs::write(
        &path,
        "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n\
         1,TV,1,2024-01-01 10:00:00,500,A\n\
         2,SOUNDBAR,1,2024-02-15 10:00:00,200,A\n\
         3,TV,1,2024-01-05 10:00:00,500,B\n\
         4,SOUNDBAR,1,2024-06-30 10:00:00,200,B\n\
         5,TV,1,2024-03-01 10:00:00,500,C\n\
         6,TV,1,2024-03-02 10:00:00,500,D\n\
         7,CABLE,1,2024-03-03 10:00:00,5,D\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(["rules", "--sequences", "--min-support", "0.25", "--min-confidence", "0.2", "--maxgap", "90", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["customers"], 4);
    let items: Vec<String> = serde_json::from_value(v["items"].clone()).unwrap();
    let id = |n: &str| items.iter().position(|x| x == n).unwrap();
    // TV → SOUNDBAR within 90 days: only A (45 days; B waited 177 days): 1 of 4 TV buyers.
    let rule = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["antecedent"] == serde_json::json!([[id("TV")]]) && r["consequent"] == serde_json::json!([id("SOUNDBAR")])
        })
        .unwrap();
    assert_eq!(rule["count"], 1);
    assert_eq!(rule["confidence"], 0.25);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn online_retail_recommendations_are_unbought_and_ranked() {
    use clientele::basket::{recommend, RecommendParams, RecommendationSource};
    let tx = online_retail();
    let sets = mine(tx, 0.01);
    let r = rules(tx, &sets, 0.5);
    let seqs = Sequences::from_transactions(tx).unwrap();
    let pats = cspade(&seqs, &SequenceParams::new(0.02).maxgap(Some(90)).check().unwrap()).unwrap();
    let srules = sequence_rules(&pats, 0.3);
    let params = RecommendParams { top_n: 3, respect_window: true }.check().unwrap();
    let recs = recommend(tx, &r.rules, Some((&seqs, &pats, &srules)), &params).unwrap();
    assert!(!recs.is_empty());
    // What each customer bought.
    let customer = tx.customer.as_ref().unwrap();
    let mut bought: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); tx.customers.len()];
    for (b, items) in tx.baskets().enumerate() {
        bought[customer[b] as usize].extend(items.iter().copied());
    }
    let mut per_customer: BTreeMap<u32, Vec<&clientele::basket::Recommendation>> = BTreeMap::new();
    for x in &recs {
        assert!(!bought[x.customer as usize].contains(&x.item), "{} already bought {}", x.customer_name, x.item_name);
        per_customer.entry(x.customer).or_default().push(x);
        match x.source {
            RecommendationSource::Rule(i) => {
                let rule = &r.rules[i];
                assert!(rule.antecedent.iter().all(|a| bought[x.customer as usize].contains(a)));
                assert!(rule.consequent.contains(&x.item) && rule.measures.confidence == x.score);
            }
            RecommendationSource::Sequence(i) => {
                assert!(srules[i].consequent.contains(&x.item) && srules[i].confidence == x.score)
            }
        }
    }
    for list in per_customer.values() {
        assert!(list.len() <= 3);
        assert!(list.windows(2).all(|w| w[0].score >= w[1].score && w[0].rank + 1 == w[1].rank));
    }
    assert!(recs.iter().any(|x| matches!(x.source, RecommendationSource::Sequence(_))));
    assert!(recs.iter().any(|x| matches!(x.source, RecommendationSource::Rule(_))));
}
