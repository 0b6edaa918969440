#![allow(clippy::unwrap_used)]
//! The demo store (issue 4): determinism, sizes, ingest, and the planted truth recomputed
//! independently from the generated CSV rows.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use clientele::demo::{generate, write_demo, write_demo_windowed, Archetype, DemoFiles, DemoParams, Lang, Truth};
use clientele::ingest::roles::detect_roles;
use clientele::ingest::values::{parse_datetime, DAY};

fn small(seed: u64, lang: Lang) -> DemoParams {
    DemoParams { seed, customers: 300, years: 2, lang }
}

/// FNV-1a, 64 bits: a fixed hash that does not depend on the platform.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn default_store(lang: Lang) -> DemoFiles {
    generate(&DemoParams { lang, ..DemoParams::default() }).unwrap()
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = generate(&small(7, Lang::Zh)).unwrap();
    let b = generate(&small(7, Lang::Zh)).unwrap();
    assert_eq!(a.sales_csv, b.sales_csv);
    assert_eq!(a.customers_csv, b.customers_csv);
    assert_eq!(a.truth_json(), b.truth_json());
    let c = generate(&small(8, Lang::Zh)).unwrap();
    assert_ne!(a.sales_csv, c.sales_csv);
    assert_ne!(a.customers_csv, c.customers_csv);
    // The language changes the text, not the store: same orders, same amounts.
    let en = generate(&small(7, Lang::En)).unwrap();
    assert_eq!(en.truth.counts.orders, a.truth.counts.orders);
    assert_eq!(en.truth.counts.net_sales, a.truth.counts.net_sales);
    assert_eq!(en.truth.rules[0].lift, a.truth.rules[0].lift);
    // Streaming to writers gives the in-memory bytes.
    let (mut s, mut cu) = (Vec::new(), Vec::new());
    let t = write_demo(&small(7, Lang::Zh), &mut s, &mut cu).unwrap();
    assert_eq!((s, cu), (a.sales_csv.clone(), a.customers_csv.clone()));
    assert_eq!(t.files.sales.bytes, a.sales_csv.len() as u64);
}

/// The streaming writer cuts the days into windows of bounded size (how a million customers fit
/// in constant memory); any window size gives the same bytes.
#[test]
fn window_size_does_not_change_the_output() {
    let p = DemoParams { customers: 2_000, ..DemoParams::default() };
    let whole = generate(&p).unwrap();
    for window in [1, 500, 7_000] {
        let (mut s, mut c) = (Vec::new(), Vec::new());
        let t = write_demo_windowed(&p, window, &mut s, &mut c).unwrap();
        assert!(s == whole.sales_csv, "window {window}");
        assert_eq!(c, whole.customers_csv);
        assert_eq!(clientele::demo::truth_json(&t), whole.truth_json());
    }
}

/// The output for fixed seeds, pinned: any change to the stream (a platform difference, a
/// changed draw order) shows here. Update the constants only for a deliberate change.
#[test]
fn output_hash_is_pinned() {
    let zh = generate(&small(2024, Lang::Zh)).unwrap();
    let en = generate(&small(2024, Lang::En)).unwrap();
    let got = [fnv(&zh.sales_csv), fnv(&zh.customers_csv), fnv(&en.sales_csv), fnv(&en.customers_csv)];
    eprintln!("hashes {got:#018x?}");
    assert_eq!(got, PINNED);
}

/// Checked equal on wasm32 (built for wasm32-unknown-unknown, run under Node 20) on 2026-05:
/// the same seed gives the same bytes on both platforms. The two customers-file hashes were
/// re-pinned natively when the credit and satisfaction columns were added (issue 18: drawn with
/// the same integer-only generator on their own stream; the sales hashes did not move).
const PINNED: [u64; 4] = [0xfe12_0825_833d_2604, 0xdd39_ec26_8220_7b28, 0x45a4_bc19_2fe1_47c3, 0x0d8f_68bf_76c8_5e56];

#[test]
fn default_store_hash_is_pinned() {
    let d = default_store(Lang::Zh);
    assert_eq!((d.sales_csv.len(), fnv(&d.sales_csv)), (21_356_191, 0x9023_78e3_024f_0d9f));
}

#[test]
fn invalid_params_are_refused() {
    for p in [DemoParams { customers: 0, ..DemoParams::default() }, DemoParams { years: 11, ..DemoParams::default() }] {
        let e = generate(&p).unwrap_err();
        assert_eq!(e.code(), "demo.invalid_params");
    }
    assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
    assert!("fr".parse::<Lang>().is_err());
}

/// One parsed sales row.
#[derive(Debug, Clone)]
struct Row {
    order: String,
    customer: String,
    time: i64,
    product: String,
    name: String,
    category: String,
    qty: i64,
    price: i64,
    discount: i64,
    amount: i64,
    cost: i64,
    channel: String,
    status: String,
}

/// `-12.30` → -1230 fen, exactly.
fn fen(s: &str) -> i64 {
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (y, f) = s.split_once('.').unwrap();
    assert_eq!(f.len(), 2, "{s}");
    let v = y.parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap();
    if neg {
        -v
    } else {
        v
    }
}

fn parse_sales(bytes: &[u8]) -> (Vec<String>, Vec<Row>) {
    let text = std::str::from_utf8(bytes).unwrap();
    assert!(!text.contains('"'), "no cell needs quoting");
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(str::to_owned).collect();
    let rows = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 14, "{l}");
            Row {
                order: f[0].to_owned(),
                customer: f[1].to_owned(),
                time: parse_datetime(f[2]).unwrap(),
                product: f[3].to_owned(),
                name: f[4].to_owned(),
                category: f[5].to_owned(),
                qty: f[6].parse().unwrap(),
                price: fen(f[7]),
                discount: fen(f[8]),
                amount: fen(f[9]),
                cost: fen(f[10]),
                channel: f[11].to_owned(),
                status: f[13].to_owned(),
            }
        })
        .collect();
    (header, rows)
}

fn parse_customers(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().split(',').map(str::to_owned).collect();
    (header, lines.map(|l| l.split(',').map(str::to_owned).collect()).collect())
}

/// Per-customer figures recomputed from the rows.
#[derive(Debug, Default, Clone)]
struct Facts {
    orders: BTreeSet<String>,
    first_day: i64,
    last_day: i64,
    net: i64,
    cost: i64,
    gross: i64,
    discount: i64,
    sale_lines: u64,
    discounted_lines: u64,
    /// Sale-line amounts by 90-day window back from the end: [last 90, previous 90, 180-270, 270-360].
    windows: [i64; 4],
}

fn facts(rows: &[Row], last_day: i64) -> BTreeMap<String, Facts> {
    let mut m: BTreeMap<String, Facts> = BTreeMap::new();
    for r in rows {
        let f = m.entry(r.customer.clone()).or_insert_with(|| Facts {
            first_day: i64::MAX,
            last_day: i64::MIN,
            ..Facts::default()
        });
        f.net += r.amount;
        f.cost += r.cost;
        if r.qty > 0 {
            let day = r.time.div_euclid(DAY);
            f.orders.insert(r.order.clone());
            f.first_day = f.first_day.min(day);
            f.last_day = f.last_day.max(day);
            f.gross += r.qty * r.price;
            f.discount += r.discount;
            f.sale_lines += 1;
            f.discounted_lines += u64::from(r.discount > 0);
            let back = (last_day - day) / 90;
            if back < 4 {
                f.windows[back as usize] += r.amount;
            }
        }
    }
    m
}

fn archetype_of(truth: &Truth) -> BTreeMap<String, Archetype> {
    let mut m = BTreeMap::new();
    for a in Archetype::ALL {
        for id in &truth.customers[a.key()] {
            m.insert(id.clone(), a);
        }
    }
    m
}

#[test]
fn default_store_has_the_documented_size_and_shape() {
    let t0 = std::time::Instant::now();
    let d = default_store(Lang::Zh);
    let took = t0.elapsed();
    eprintln!("default store: {took:?}, sales {} bytes, customers {} bytes", d.sales_csv.len(), d.customers_csv.len());
    let t = &d.truth;
    let (header, rows) = parse_sales(&d.sales_csv);
    assert_eq!(header, t.files.sales.header);
    assert_eq!(rows.len() as u64, t.files.sales.rows);
    assert_eq!(t.counts.customers, 5_000);
    assert!((55_000..=65_000).contains(&t.counts.orders), "{}", t.counts.orders);
    assert_eq!(t.first_day, "2024-01-01");
    assert_eq!(t.last_day, "2025-12-31");

    let orders: BTreeSet<&str> = rows.iter().filter(|r| r.qty > 0).map(|r| r.order.as_str()).collect();
    assert_eq!(orders.len() as u64, t.counts.orders);
    let customers: BTreeSet<&str> = rows.iter().map(|r| r.customer.as_str()).collect();
    assert_eq!(customers.len(), 5_000, "every customer has an order");
    let products: BTreeSet<&str> = rows.iter().map(|r| r.product.as_str()).collect();
    assert!((300..=320).contains(&products.len()), "{}", products.len());
    let categories: BTreeSet<&str> = rows.iter().map(|r| r.category.as_str()).collect();
    assert_eq!(categories.len(), 12);
    let channels: BTreeSet<&str> = rows.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(channels, BTreeSet::from(["天猫旗舰店", "微信商城", "线下门店"]));

    // Sorted by row time; amounts consistent; returns are negative rows of an earlier sale.
    assert!(rows.windows(2).all(|w| w[0].time <= w[1].time));
    let mut sold: BTreeMap<(&str, &str), (i64, i64)> = BTreeMap::new();
    let mut unit_cost: BTreeMap<&str, i64> = BTreeMap::new();
    let (mut returns, mut discounted) = (0u64, 0u64);
    for r in &rows {
        assert_eq!(r.amount, r.qty * r.price - r.discount);
        assert!(r.price > 0 && r.qty != 0 && !r.name.is_empty());
        assert_eq!(r.cost % r.qty, 0);
        assert_eq!(*unit_cost.entry(&r.product).or_insert(r.cost / r.qty), r.cost / r.qty);
        if r.qty > 0 {
            assert_eq!(r.status, "已完成");
            assert!(r.discount >= 0 && r.discount < r.qty * r.price);
            discounted += u64::from(r.discount > 0);
            assert!(sold.insert((&r.order, &r.product), (r.qty, r.time)).is_none(), "a product once per order");
        } else {
            returns += 1;
            assert_eq!(r.status, "退货");
            let (q, when) = sold[&(r.order.as_str(), r.product.as_str())];
            assert_eq!(q, -r.qty);
            let gap = r.time.div_euclid(DAY) - when.div_euclid(DAY);
            assert!((2..=20).contains(&gap), "{gap}");
        }
    }
    assert_eq!(returns, t.counts.return_lines);
    assert!(returns as f64 > 0.02 * t.counts.orders as f64);
    assert!(discounted as f64 > 0.2 * t.counts.sale_lines as f64);
    let net: i64 = rows.iter().map(|r| r.amount).sum();
    assert_eq!(net as f64 / 100.0, t.counts.net_sales);

    // Seasonality: orders per day.
    let mut per_day: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.qty > 0) {
        per_day.entry(r.time.div_euclid(DAY)).or_default().insert(&r.order);
    }
    let day = |y, m, dd| clientele::ingest::values::days_from_civil(y, m, dd);
    let n = |d: i64| per_day.get(&d).map_or(0, BTreeSet::len) as f64;
    let mean = t.counts.orders as f64 / 731.0;
    let sum = |a: i64, b: i64| (a..=b).map(n).sum::<f64>();
    for y in [2024, 2025] {
        assert!(n(day(y, 11, 11)) > 4.0 * mean, "双十一 {y}: {} vs {mean}", n(day(y, 11, 11)));
        assert!(
            n(day(y, 12, 24)) > 1.5 * sum(day(y, 12, 1), day(y, 12, 10)) / 10.0,
            "Christmas Eve {y}: {} vs {mean}; Dec 1-10 {}",
            n(day(y, 12, 24)),
            sum(day(y, 12, 1), day(y, 12, 10)) / 10.0
        );
    }
    // 春节 2025 (29 January): the 年货 weeks are busy, the holiday week quiet.
    let cny = day(2025, 1, 29);
    assert!(sum(cny - 14, cny - 2) / 13.0 > 1.4 * mean);
    assert!(sum(cny, cny + 6) / 7.0 < 0.7 * mean);
    // Online orders spike after midnight on 双十一.
    let midnight = rows
        .iter()
        .filter(|r| r.qty > 0 && r.time.div_euclid(DAY) == day(2025, 11, 11) && r.time.rem_euclid(DAY) < 3600)
        .count();
    assert!(midnight as f64 > 0.15 * n(day(2025, 11, 11)), "{midnight}");
}

#[test]
fn the_generated_files_read_through_ingest_with_every_column_understood() {
    for lang in [Lang::Zh, Lang::En] {
        let d = default_store(lang);
        let t = &d.truth;
        let mut s = clientele::Session::default();
        s.begin_file(clientele::demo::SALES_FILE, d.sales_csv.len() as u64).unwrap();
        for chunk in d.sales_csv.chunks(64 * 1024) {
            s.push(chunk).unwrap();
        }
        let report = s.end_file().unwrap().clone();
        assert_eq!(report.rows.dropped, 0, "{:?}", report.rows.dropped_by_reason);
        assert_eq!(report.rows.read, t.files.sales.rows);
        assert_eq!(report.rows.purchase, t.counts.sale_lines);
        assert_eq!(report.rows.returns, t.counts.return_lines);
        let unrecognised: Vec<&str> =
            report.columns.iter().filter(|c| c.role.is_none()).map(|c| c.name.as_str()).collect();
        assert!(unrecognised.is_empty(), "{lang:?}: columns without a role: {unrecognised:?}");
        assert_eq!(report.stats.customers, 5_000);
        assert_eq!(report.stats.orders, Some(t.counts.orders));
        assert_eq!(report.stats.products.map(|p| p >= 300), Some(true));
        let ov = clientele::overview(&s);
        assert!(
            (ov.sales.net_revenue - t.counts.net_sales).abs() < 0.01,
            "{} vs {}",
            ov.sales.net_revenue,
            t.counts.net_sales
        );
        assert_eq!(ov.sales.customers, 5_000);
        assert_eq!(ov.monthly.len(), 24);

        // The customers file's header maps to roles too.
        let (header, rows) = parse_customers(&d.customers_csv);
        assert_eq!(rows.len(), 5_000);
        let roles = detect_roles(&header);
        assert!(roles.iter().all(Option::is_some), "{lang:?}: {header:?} → {roles:?}");
    }
}

#[test]
fn truth_matches_the_rows() {
    let d = default_store(Lang::En);
    let t = &d.truth;
    let (_, rows) = parse_sales(&d.sales_csv);

    // Association rules: baskets are orders, items the products on sale lines.
    let mut baskets: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.qty > 0) {
        baskets.entry(&r.order).or_default().insert(&r.product);
    }
    let nb = baskets.len() as f64;
    assert_eq!(t.rules.len(), 3);
    assert_eq!((t.rules[0].antecedent[0].name.as_str(), t.rules[0].consequent.name.as_str()), ("Diapers", "Beer"));
    for rule in &t.rules {
        let has = |b: &BTreeSet<&str>, id: &str| b.contains(id);
        let ante = baskets.values().filter(|b| rule.antecedent.iter().all(|i| has(b, &i.id))).count() as f64;
        let cons = baskets.values().filter(|b| has(b, &rule.consequent.id)).count() as f64;
        let both = baskets
            .values()
            .filter(|b| rule.antecedent.iter().all(|i| has(b, &i.id)) && has(b, &rule.consequent.id))
            .count() as f64;
        let (support, confidence, lift) = (both / nb, both / ante, (both / ante) / (cons / nb));
        assert!(
            (support - rule.support).abs() < 1e-12
                && (confidence - rule.confidence).abs() < 1e-12
                && (lift - rule.lift).abs() < 1e-9,
            "{rule:?}: {support} {confidence} {lift}"
        );
        // Realised close to planted, strong, and frequent enough to be mined at 0.5% support.
        assert!((rule.confidence - rule.planted_confidence).abs() < 0.05, "{rule:?}");
        assert!(rule.lift > 5.0 && rule.support > 0.005, "{rule:?}");
    }

    // The sequence TV → soundbar within 90 days, per customer.
    let mut tv: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    let mut sb: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.qty > 0) {
        if r.product == t.sequence.first.id {
            tv.entry(&r.customer).or_default().push(r.time.div_euclid(DAY));
        }
        if r.product == t.sequence.then.id {
            sb.entry(&r.customer).or_default().push(r.time.div_euclid(DAY));
        }
    }
    let followed = tv
        .iter()
        .filter(|(c, days)| {
            sb.get(*c).is_some_and(|s| days.iter().any(|&a| s.iter().any(|&b| (1..=90).contains(&(b - a)))))
        })
        .count() as u64;
    assert_eq!(
        (tv.len() as u64, sb.len() as u64, followed),
        (t.sequence.first_buyers, t.sequence.then_buyers, t.sequence.followed_within)
    );
    assert!((t.sequence.confidence - 0.3).abs() < 0.05, "{:?}", t.sequence);
    assert!(t.sequence.first_buyers > 300);

    // Archetypes: the planted proportions, exactly as rounded.
    let of = archetype_of(t);
    assert_eq!(of.len(), 5_000);
    let expected = [600, 500, 700, 1_100, 500, 400, 700, 500];
    for (i, a) in Archetype::ALL.iter().enumerate() {
        assert_eq!(t.customers[a.key()].len(), expected[i], "{a:?}");
        assert_eq!(t.archetypes[i].customers, expected[i] as u64);
        assert_eq!(t.archetypes[i].share, f64::from(a.share_permille()) / 1000.0);
    }

    // Per-archetype money recomputed from the rows.
    let last = clientele::ingest::values::days_from_civil(2025, 12, 31);
    let f = facts(&rows, last);
    for (i, a) in Archetype::ALL.iter().enumerate() {
        let net: i64 = t.customers[a.key()].iter().map(|c| f[c].net).sum();
        let cost: i64 = t.customers[a.key()].iter().map(|c| f[c].cost).sum();
        assert_eq!(net as f64 / 100.0, t.archetypes[i].net_sales, "{a:?}");
        assert_eq!((net - cost) as f64 / 100.0, t.archetypes[i].margin, "{a:?}");
    }

    // City effect: recompute the top-20%-by-net-sales tier.
    let (_, customers) = parse_customers(&d.customers_csv);
    let city: BTreeMap<&str, &str> = customers.iter().map(|r| (r[0].as_str(), r[3].as_str())).collect();
    let lifts = city_lifts(&f, &city, |x| x.net);
    let tier = &t.city_effect.tiers[0];
    assert_eq!(tier.tier, "top_20pct_net_sales");
    assert!((lifts["Hangzhou"] - tier.planted_city_lift).abs() < 1e-12);
}

/// Lift of each city among the top 20% of customers by `value` (ties to the smaller id).
fn city_lifts(
    f: &BTreeMap<String, Facts>,
    city: &BTreeMap<&str, &str>,
    value: impl Fn(&Facts) -> i64,
) -> BTreeMap<String, f64> {
    let mut ids: Vec<(&String, i64)> = f.iter().map(|(c, x)| (c, value(x))).collect();
    ids.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let k = (ids.len() * 200).div_ceil(1000);
    let mut all: BTreeMap<&str, f64> = BTreeMap::new();
    let mut top: BTreeMap<&str, f64> = BTreeMap::new();
    for (i, (c, _)) in ids.iter().enumerate() {
        *all.entry(city[c.as_str()]).or_default() += 1.0;
        if i < k {
            *top.entry(city[c.as_str()]).or_default() += 1.0;
        }
    }
    let n = ids.len() as f64;
    all.iter().map(|(c, a)| ((*c).to_owned(), (top.get(c).copied().unwrap_or(0.0) / k as f64) / (a / n))).collect()
}

#[test]
fn planted_city_has_the_highest_top_tier_lift() {
    for seed in [1, 2024] {
        let d = generate(&DemoParams { seed, lang: Lang::En, ..DemoParams::default() }).unwrap();
        let (_, rows) = parse_sales(&d.sales_csv);
        let (_, customers) = parse_customers(&d.customers_csv);
        let city: BTreeMap<&str, &str> = customers.iter().map(|r| (r[0].as_str(), r[3].as_str())).collect();
        let f = facts(&rows, clientele::ingest::values::days_from_civil(2025, 12, 31));
        for (what, lifts) in
            [("net sales", city_lifts(&f, &city, |x| x.net)), ("margin", city_lifts(&f, &city, |x| x.net - x.cost))]
        {
            let best = lifts.iter().max_by(|a, b| a.1.total_cmp(b.1)).unwrap();
            assert_eq!(best.0, "Hangzhou", "seed {seed}, {what}: {lifts:?}");
            let second = lifts.iter().filter(|(c, _)| *c != "Hangzhou").map(|(_, l)| *l).fold(0.0, f64::max);
            assert!(*best.1 > 1.6 && second < 1.3, "seed {seed}, {what}: {lifts:?}");
        }
        let t = &d.truth.city_effect;
        assert!(t.tiers.iter().all(|x| x.planted_city_lift > x.best_other_lift + 0.5), "{t:?}");
    }
}

/// Recall of each archetype under a simple quadrant: profitability and loyalty each split at
/// their median. The segmentation issue's own quadrant is tested there; this shows the planted
/// groups are separated under several plain definitions.
#[test]
fn archetypes_are_recoverable_with_plain_definitions() {
    let d = default_store(Lang::En);
    let t = &d.truth;
    let (_, rows) = parse_sales(&d.sales_csv);
    let last = clientele::ingest::values::days_from_civil(2025, 12, 31);
    let f = facts(&rows, last);
    let of = archetype_of(t);
    let ids: Vec<&String> = f.keys().collect();

    let high = |v: &dyn Fn(&Facts) -> f64| -> BTreeMap<&String, bool> {
        let mut xs: Vec<f64> = ids.iter().map(|c| v(&f[*c])).collect();
        xs.sort_by(f64::total_cmp);
        let median = (xs[(xs.len() - 1) / 2] + xs[xs.len() / 2]) / 2.0;
        ids.iter().map(|c| (*c, v(&f[*c]) > median)).collect()
    };
    let margin = high(&|x| (x.net - x.cost) as f64);
    let net = high(&|x| x.net as f64);
    let freq = high(&|x| x.orders.len() as f64);
    let tenure_freq = high(&|x| x.orders.len() as f64 + (x.last_day - x.first_day) as f64 / 30.0);
    let mut worst = 1.0f64;
    for (name, profit, loyal) in [
        ("margin × orders", &margin, &freq),
        ("net × orders", &net, &freq),
        ("margin × orders+tenure", &margin, &tenure_freq),
    ] {
        for (a, want) in [
            (Archetype::TrueFriend, (true, true)),
            (Archetype::Butterfly, (true, false)),
            (Archetype::Barnacle, (false, true)),
            (Archetype::Stranger, (false, false)),
        ] {
            let members = &t.customers[a.key()];
            let hit = members.iter().filter(|c| (profit[c], loyal[c]) == want).count();
            let recall = hit as f64 / members.len() as f64;
            eprintln!("{name}: {a:?} recall {recall:.3}");
            worst = worst.min(recall);
        }
    }
    assert!(worst >= 0.95, "worst recall {worst}");

    // Deal seekers: discount share of gross sales over 20% flags them (and few others).
    let flagged = |c: &String| f[c].discount as f64 > 0.2 * f[c].gross as f64;
    let recall = t.customers["deal_seeker"].iter().filter(|c| flagged(c)).count() as f64 / 500.0;
    let others = of.iter().filter(|(c, a)| **a != Archetype::DealSeeker && flagged(c)).count();
    assert!(recall >= 0.95 && others < 100, "deal seekers recall {recall}, others flagged {others}");
    assert!(t.customers["deal_seeker"].iter().all(|c| f[c].discounted_lines * 10 >= f[c].sale_lines * 8));

    // Decliners: spend in the last 90 days fell at least 50% against the 90 before, and in the
    // last 180 against the 180 before.
    for (window, recent, previous) in [(90, 0..1, 1..2), (180, 0..2, 2..4)] {
        let fell = |c: &String| {
            let w = &f[c].windows;
            let r: i64 = w[recent.clone()].iter().sum();
            let p: i64 = w[previous.clone()].iter().sum();
            p > 0 && r * 2 <= p
        };
        let recall = t.customers["decliner"].iter().filter(|c| fell(c)).count() as f64 / 400.0;
        assert!(recall >= 0.95, "decliners over {window} days: recall {recall}");
        // Decliners stay profitable, with an order in the last 60 days.
        assert!(t.customers["decliner"].iter().all(|c| f[c].net > f[c].cost && f[c].last_day >= last - 60));
    }
    assert!(t.customers["churned"].iter().all(|c| f[c].last_day <= last - 160));
    assert!(t.customers["new"].iter().all(|c| f[c].first_day >= last - 100));
}
