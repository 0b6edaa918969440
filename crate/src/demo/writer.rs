//! The streaming writer: customers first, then the sales rows in time order, window by window.
//!
//! Memory does not grow with the number of rows. Pass 0 regenerates each customer's plan, writes
//! its customer row and counts the rows falling on each day. The days are then cut into windows
//! of at most [`WINDOW_EVENTS`] orders and returns; for each window every customer active in it
//! regenerates its plan, the window's events are sorted by time and their lines are generated and
//! written. What is kept for the whole run is a few bytes per customer (archetype, city, active
//! span, net sales and margin for the truth) and one counter per day.

use crate::sort;
use std::io::Write;

use super::archetypes::{self, Archetype, Plan, Profile, FLAG_SOUNDBAR, FLAG_TV};
use super::calendar::{write_digits, Calendar};
use super::catalog::Catalog;
use super::customers::{self, text, CITIES};
use super::params::{DemoError, DemoParams, Lang};
use super::truth::{self, ArchetypeTally, RuleTally, Truth};
use crate::rng::Rng;
use crate::time::{civil_from_days, days_from_civil, DAY};

/// The most orders and returns held at once (about 24 bytes each).
pub const WINDOW_EVENTS: usize = 1 << 20;
/// Bytes buffered before a write to the output.
const FLUSH_BYTES: usize = 1 << 18;

/// Output file names used by the CLI and the page's downloads.
pub const SALES_FILE: &str = "demo_sales.csv";
pub const CUSTOMERS_FILE: &str = "demo_customers.csv";
pub const TRUTH_FILE: &str = "demo_truth.json";

/// One order or return to write.
#[derive(Debug, Clone, Copy)]
struct Event {
    /// Seconds since day 0 of the event (the order, or the return).
    t: u32,
    customer: u32,
    seq: u8,
    is_return: bool,
    parent: bool,
    profile: Profile,
    flags: u8,
    channel: u8,
    /// The order's day.
    day: u16,
}

/// A line of a basket.
#[derive(Debug, Clone, Copy)]
struct Line {
    product: usize,
    qty: i64,
    discount: i64,
}

/// Generation state shared by the passes.
struct Gen<'a> {
    params: &'a DemoParams,
    cal: Calendar,
    catalog: Catalog,
    archetypes: Vec<u8>,
    cities: Vec<u8>,
    rules: Vec<RuleTally>,
    tally: [ArchetypeTally; 8],
    net: Vec<i64>,
    margin: Vec<i64>,
    counts: truth::Counts,
    money: [i64; 4],
}

/// Writes the demo store: the sales rows to `sales`, the customer attributes to `customers`,
/// and returns the truth. Both files are UTF-8 CSV with a header row, no byte-order mark, `\n`
/// line ends. See the module docs of [`crate::demo`] for the columns.
pub fn write_demo<S: Write, C: Write>(
    params: &DemoParams,
    sales: &mut S,
    customers: &mut C,
) -> Result<Truth, DemoError> {
    write_demo_windowed(params, WINDOW_EVENTS, sales, customers)
}

/// [`write_demo`] holding at most `window_events` events at once (whole days: a busier day is
/// alone in its window). The output does not depend on the window size; tests use small ones.
#[doc(hidden)]
pub fn write_demo_windowed<S: Write, C: Write>(
    params: &DemoParams,
    window_events: usize,
    sales: &mut S,
    customers: &mut C,
) -> Result<Truth, DemoError> {
    params.validate()?;
    let lang = params.lang;
    let n = params.customers;
    let cal = Calendar::new(params.years);
    let catalog = Catalog::new();

    // Archetypes in exact proportions, shuffled.
    let counts = archetypes::archetype_counts(n);
    let mut arche: Vec<u8> = Vec::with_capacity(n as usize);
    for (i, &k) in counts.iter().enumerate() {
        arche.extend(std::iter::repeat(i as u8).take(k as usize));
    }
    let mut rng = Rng::stream(params.seed, archetypes::STREAM_ASSIGN, 0, 0);
    for i in (1..arche.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        arche.swap(i, j);
    }

    let p = catalog.planted;
    let rule = |ante: Vec<usize>, cons: usize, c: f64| RuleTally {
        antecedent: ante,
        consequent: cons,
        planted_confidence: c,
        ..Default::default()
    };
    let mut g = Gen {
        params,
        rules: vec![
            rule(vec![p.diapers], p.beer, 0.55),
            rule(vec![p.printer], p.ink, 0.65),
            rule(vec![p.hotpot_base, p.beef], p.sesame_sauce, 0.7),
        ],
        cal,
        catalog,
        archetypes: arche,
        cities: vec![0; n as usize],
        tally: [ArchetypeTally::default(); 8],
        net: vec![0; n as usize],
        margin: vec![0; n as usize],
        counts: truth::Counts::default(),
        money: [0; 4],
    };

    // Pass 0: customers, spans, events per day, the sequence.
    let mut out = Out::new(customers);
    out.header(&customers::CUSTOMERS_HEADER, lang);
    let mut spans: Vec<(u16, u16)> = Vec::with_capacity(n as usize);
    let mut per_day = vec![0u64; g.cal.days as usize];
    let mut plan = Plan::default();
    let (mut tv_buyers, mut sb_buyers, mut followed) = (0u64, 0u64, 0u64);
    for c in 0..n {
        let a = Archetype::from_index(g.archetypes[c as usize]);
        plan.generate(params.seed, c, a, &g.cal);
        g.cities[c as usize] = plan.city as u8;
        g.tally[a as usize].customers += 1;
        let (first, last) = plan.span();
        spans.push((first as u16, last as u16));
        for o in &plan.orders {
            per_day[o.day as usize] += 1;
            if let Some(d) = o.return_day {
                per_day[d as usize] += 1;
            }
        }
        let tv: Vec<i64> = plan.orders.iter().filter(|o| o.flags & FLAG_TV != 0).map(|o| o.day).collect();
        let sb: Vec<i64> = plan.orders.iter().filter(|o| o.flags & FLAG_SOUNDBAR != 0).map(|o| o.day).collect();
        tv_buyers += u64::from(!tv.is_empty());
        sb_buyers += u64::from(!sb.is_empty());
        followed += u64::from(tv.iter().any(|&t| sb.iter().any(|&s| (1..=90).contains(&(s - t)))));
        g.customer_row(&mut out, c, &plan)?;
    }
    let customers_bytes = out.finish()?;

    // Windows of whole days holding at most WINDOW_EVENTS events (a busier day is alone).
    let mut windows: Vec<(u16, u16)> = Vec::new();
    let mut start = 0usize;
    let mut held = 0u64;
    for (d, &k) in per_day.iter().enumerate() {
        if held > 0 && held + k > window_events as u64 {
            windows.push((start as u16, (d - 1) as u16));
            start = d;
            held = 0;
        }
        held += k;
    }
    windows.push((start as u16, (per_day.len() - 1) as u16));

    let mut out = Out::new(sales);
    out.header(&customers::SALES_HEADER, lang);
    let mut events: Vec<Event> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    for &(w0, w1) in &windows {
        events.clear();
        let inside = |d: i64| (i64::from(w0)..=i64::from(w1)).contains(&d);
        for c in 0..n {
            let (f, l) = spans[c as usize];
            if l < w0 || f > w1 {
                continue;
            }
            let a = Archetype::from_index(g.archetypes[c as usize]);
            plan.generate(params.seed, c, a, &g.cal);
            for o in &plan.orders {
                let ev = |t_day: i64, secs: u32, is_return: bool| Event {
                    t: (t_day * DAY) as u32 + secs,
                    customer: c,
                    seq: o.seq,
                    is_return,
                    parent: plan.parent,
                    profile: o.profile,
                    flags: o.flags,
                    channel: o.channel,
                    day: o.day as u16,
                };
                if inside(o.day) {
                    events.push(ev(o.day, o.secs, false));
                }
                if let Some(d) = o.return_day.filter(|&d| inside(d)) {
                    events.push(ev(d, o.return_secs, true));
                }
            }
        }
        sort::sort_unstable_by_key(&mut events, |e| (e.t, e.customer, e.seq, e.is_return));
        for e in &events {
            g.write_event(&mut out, e, &mut lines)?;
        }
    }
    let sales_bytes = out.finish()?;

    Ok(g.finish(TruthParts { customers_bytes, sales_bytes, tv_buyers, sb_buyers, followed }))
}

struct TruthParts {
    customers_bytes: u64,
    sales_bytes: u64,
    tv_buyers: u64,
    sb_buyers: u64,
    followed: u64,
}

impl Gen<'_> {
    fn customer_row<W: Write>(&self, out: &mut Out<W>, c: u32, plan: &Plan) -> Result<(), DemoError> {
        let lang = self.params.lang;
        let b = &mut out.buf;
        customer_id(b, c);
        b.push(b',');
        b.extend_from_slice(text(customers::GENDERS[plan.gender], lang).as_bytes());
        b.push(b',');
        b.extend_from_slice(text(customers::AGE_BANDS[plan.age], lang).as_bytes());
        b.push(b',');
        b.extend_from_slice(text(CITIES[plan.city].name, lang).as_bytes());
        b.push(b',');
        b.extend_from_slice(text(customers::LEVELS[plan.level], lang).as_bytes());
        b.push(b',');
        let (y, m, d) = civil_from_days(self.cal.epoch_day + plan.join_day);
        let mut t = *b"0000-00-00";
        write_digits(&mut t[0..4], y as u64);
        write_digits(&mut t[5..7], u64::from(m));
        write_digits(&mut t[8..10], u64::from(d));
        b.extend_from_slice(&t);
        let (credit, satisfaction) = super::classes::draw(self.params.seed, c, plan.archetype);
        b.push(b',');
        b.extend_from_slice(text(super::classes::CREDIT[credit], lang).as_bytes());
        b.push(b',');
        b.extend_from_slice(super::classes::SATISFACTION[satisfaction].as_bytes());
        b.push(b'\n');
        out.rows += 1;
        out.maybe_flush()
    }

    /// The basket of an order: a pure function of (seed, customer, order).
    fn basket(&self, e: &Event, rng: &mut Rng, lines: &mut Vec<Line>) {
        lines.clear();
        let cat = &self.catalog;
        let p = cat.planted;
        let a = Archetype::from_index(self.archetypes[e.customer as usize]);
        let add = |lines: &mut Vec<Line>, product: usize, qty: i64| {
            if !lines.iter().any(|l| l.product == product) {
                lines.push(Line { product, qty, discount: 0 });
            }
        };
        let qty = |rng: &mut Rng, product: usize, stock_up: bool| -> i64 {
            let price = cat.products[product].price;
            if price <= 3000 {
                if stock_up {
                    rng.range(1, 4)
                } else {
                    [1, 2, 3][rng.weighted(&[60, 25, 15])]
                }
            } else if price <= 20_000 {
                1 + i64::from(rng.permille(150))
            } else {
                1
            }
        };
        let mixed_pick = |rng: &mut Rng| -> usize {
            let r = rng.below(1000);
            if r < 50 {
                rng.pick(&cat.big)
            } else if r < 600 {
                rng.pick(&cat.mid)
            } else {
                rng.pick(&cat.cheap)
            }
        };
        match e.profile {
            Profile::Small => {
                for _ in 0..[1, 2, 3][rng.weighted(&[55, 35, 10])] {
                    let pr = rng.pick(&cat.cheap);
                    let q = qty(rng, pr, false);
                    add(lines, pr, q);
                }
            }
            Profile::Mixed => {
                for _ in 0..[1, 2, 3, 4][rng.weighted(&[25, 35, 25, 15])] {
                    let pr = mixed_pick(rng);
                    let q = qty(rng, pr, false);
                    add(lines, pr, q);
                }
            }
            Profile::Regular => {
                let pr = rng.pick(&cat.mid);
                let q = qty(rng, pr, false);
                add(lines, pr, q);
                for _ in 0..rng.range(1, 3) {
                    let pr = if rng.permille(600) { rng.pick(&cat.mid) } else { rng.pick(&cat.cheap) };
                    let q = qty(rng, pr, false);
                    add(lines, pr, q);
                }
            }
            Profile::Big => {
                let pr = rng.pick(&cat.big);
                add(lines, pr, 1);
                for _ in 0..[0, 1, 2][rng.weighted(&[40, 40, 20])] {
                    let pr = mixed_pick(rng);
                    let q = qty(rng, pr, false);
                    add(lines, pr, q);
                }
            }
            Profile::Deal => {
                for _ in 0..rng.range(2, 4) {
                    let pr = if rng.permille(600) { rng.pick(&cat.mid) } else { rng.pick(&cat.cheap) };
                    let q = qty(rng, pr, true);
                    add(lines, pr, q);
                }
            }
            Profile::Tiny => {
                let pr = rng.pick(&cat.cheap);
                add(lines, pr, 1);
            }
            Profile::Follow => {
                add(lines, p.soundbar, 1);
                if rng.permille(300) {
                    let pr = rng.pick(&cat.cheap);
                    add(lines, pr, 1);
                }
            }
        }
        if e.flags & FLAG_TV != 0 {
            add(lines, p.tv, 1);
        }
        if e.flags & FLAG_SOUNDBAR != 0 {
            add(lines, p.soundbar, 1);
        }

        // The planted rules. Draws happen in a fixed order whatever the basket.
        let groceries = matches!(e.profile, Profile::Small | Profile::Mixed | Profile::Regular | Profile::Deal);
        // Parents buy diapers with their regular shopping, not in the small top-up baskets.
        let family = matches!(e.profile, Profile::Mixed | Profile::Regular | Profile::Deal);
        let diapers = (family && e.parent && rng.permille(450)) | (groceries && rng.permille(5));
        if diapers {
            add(lines, p.diapers, 1);
        }
        let has = |lines: &Vec<Line>, x: usize| lines.iter().any(|l| l.product == x);
        let beer = (has(lines, p.diapers) && rng.permille(550)) | (groceries && rng.permille(25));
        if beer {
            let q = qty(rng, p.beer, false);
            add(lines, p.beer, q);
        }
        let office = matches!(e.profile, Profile::Mixed | Profile::Regular | Profile::Big | Profile::Deal);
        if office && rng.permille(15) {
            add(lines, p.printer, 1);
        }
        let ink = (has(lines, p.printer) && rng.permille(650)) | (office && rng.permille(10));
        if ink {
            add(lines, p.ink, 1 + i64::from(rng.permille(300)));
        }
        let hotpot = groceries && rng.permille(if self.cal.winter[usize::from(e.day)] { 70 } else { 30 });
        if hotpot {
            add(lines, p.hotpot_base, 1);
            add(lines, p.beef, rng.range(1, 2));
        }
        let base_bg = groceries && rng.permille(8);
        let beef_bg = groceries && rng.permille(10);
        if base_bg {
            add(lines, p.hotpot_base, 1);
        }
        if beef_bg {
            add(lines, p.beef, 1);
        }
        let sauce =
            (has(lines, p.hotpot_base) && has(lines, p.beef) && rng.permille(700)) | (groceries && rng.permille(8));
        if sauce {
            add(lines, p.sesame_sauce, 1);
        }

        // Discounts: the day's promotion on 70% of lines, and the customer's coupons.
        let promo = i64::from(self.cal.promo_pct[usize::from(e.day)]);
        let (coupon_p, lo, hi) = a.coupon();
        for l in lines.iter_mut() {
            let mut pct = 0;
            if promo > 0 && rng.permille(700) {
                pct = promo;
            }
            if rng.permille(coupon_p) {
                pct = pct.max(rng.range(lo, hi));
            }
            l.discount = l.qty * cat.products[l.product].price * pct / 100;
        }
    }

    fn write_event<W: Write>(&mut self, out: &mut Out<W>, e: &Event, lines: &mut Vec<Line>) -> Result<(), DemoError> {
        let mut rng = Rng::stream(self.params.seed, archetypes::STREAM_ORDER, u64::from(e.customer), u64::from(e.seq));
        self.basket(e, &mut rng, lines);
        let c = e.customer as usize;
        let a = Archetype::from_index(self.archetypes[c]) as usize;
        let cat = &self.catalog;
        if e.is_return {
            // One line comes back; clothing most often.
            let clothing: Vec<usize> =
                (0..lines.len()).filter(|&i| cat.products[lines[i].product].category == 7).collect();
            let i = if !clothing.is_empty() && rng.permille(700) {
                rng.pick(&clothing)
            } else {
                rng.below(lines.len() as u64) as usize
            };
            let l = lines[i];
            let pr = &cat.products[l.product];
            let amount = l.qty * pr.price - l.discount;
            let cost = l.qty * pr.cost;
            self.net[c] -= amount;
            self.margin[c] -= amount - cost;
            self.tally[a].net -= amount;
            self.tally[a].cost -= cost;
            self.money[2] -= amount;
            self.money[3] -= cost;
            self.counts.return_lines += 1;
            self.counts.orders_with_return += 1;
            self.row(out, e, &Line { product: l.product, qty: -l.qty, discount: -l.discount })?;
            return Ok(());
        }
        self.counts.orders += 1;
        let tally = &mut self.tally[a];
        tally.orders += 1;
        let last = self.cal.last();
        let day = i64::from(e.day);
        for r in &mut self.rules {
            let ante = r.antecedent.iter().all(|&x| lines.iter().any(|l| l.product == x));
            let cons = lines.iter().any(|l| l.product == r.consequent);
            r.ante += u64::from(ante);
            r.cons += u64::from(cons);
            r.both += u64::from(ante && cons);
        }
        for l in lines.iter() {
            let pr = &cat.products[l.product];
            let gross = l.qty * pr.price;
            let amount = gross - l.discount;
            let cost = l.qty * pr.cost;
            self.net[c] += amount;
            self.margin[c] += amount - cost;
            tally.sale_lines += 1;
            tally.discounted_lines += u64::from(l.discount > 0);
            tally.gross += gross;
            tally.discount += l.discount;
            tally.net += amount;
            tally.cost += cost;
            if day > last - 90 {
                tally.last_90 += amount;
            } else if day > last - 180 {
                tally.prev_90 += amount;
            }
            self.money[0] += gross;
            self.money[1] += l.discount;
            self.money[2] += amount;
            self.money[3] += cost;
        }
        self.counts.sale_lines += lines.len() as u64;
        for l in lines.iter() {
            self.row(out, e, l)?;
        }
        Ok(())
    }

    fn row<W: Write>(&self, out: &mut Out<W>, e: &Event, l: &Line) -> Result<(), DemoError> {
        let lang = self.params.lang;
        let cat = &self.catalog;
        let pr = &cat.products[l.product];
        let b = &mut out.buf;
        // Order id: order date, a permuted customer number, the order's number.
        b.extend_from_slice(&self.cal.date_text[usize::from(e.day)][0..4]);
        b.extend_from_slice(&self.cal.date_text[usize::from(e.day)][5..7]);
        b.extend_from_slice(&self.cal.date_text[usize::from(e.day)][8..10]);
        let mut digits = [0u8; 9];
        write_digits(&mut digits[0..7], (u64::from(e.customer) * 7_654_321 + 1_234_567) % 10_000_000);
        write_digits(&mut digits[7..9], u64::from(e.seq));
        b.extend_from_slice(&digits);
        b.push(b',');
        customer_id(b, e.customer);
        b.push(b',');
        let day = (i64::from(e.t) / DAY) as usize;
        let secs = (i64::from(e.t) % DAY) as u32;
        b.extend_from_slice(&self.cal.date_text[day]);
        let mut hms = *b" 00:00:00";
        write_digits(&mut hms[1..3], u64::from(secs / 3600));
        write_digits(&mut hms[4..6], u64::from(secs / 60 % 60));
        write_digits(&mut hms[7..9], u64::from(secs % 60));
        b.extend_from_slice(&hms);
        b.push(b',');
        b.extend_from_slice(pr.id.as_bytes());
        b.push(b',');
        field(b, pr.name(lang));
        b.push(b',');
        field(b, cat.category_name(pr.category, lang));
        b.push(b',');
        int(b, l.qty);
        b.push(b',');
        money(b, pr.price);
        b.push(b',');
        money(b, l.discount);
        b.push(b',');
        money(b, l.qty * pr.price - l.discount);
        b.push(b',');
        money(b, l.qty * pr.cost);
        b.push(b',');
        b.extend_from_slice(text(customers::CHANNELS[usize::from(e.channel)], lang).as_bytes());
        b.push(b',');
        b.extend_from_slice(text(CITIES[usize::from(self.cities[e.customer as usize])].province, lang).as_bytes());
        b.push(b',');
        let status = if e.is_return { customers::STATUS_RETURN } else { customers::STATUS_SALE };
        b.extend_from_slice(text(status, lang).as_bytes());
        b.push(b'\n');
        out.rows += 1;
        out.maybe_flush()
    }

    fn finish(self, parts: TruthParts) -> Truth {
        let lang = self.params.lang;
        let n = u64::from(self.params.customers);
        let cat = &self.catalog;
        let item =
            |i: usize| truth::Item { id: cat.products[i].id.clone(), name: cat.products[i].name(lang).to_owned() };
        let baskets = self.counts.orders;
        let rules = self
            .rules
            .iter()
            .map(|r| truth::RuleTruth {
                antecedent: r.antecedent.iter().map(|&i| item(i)).collect(),
                consequent: item(r.consequent),
                planted_confidence: r.planted_confidence,
                baskets,
                antecedent_baskets: r.ante,
                consequent_baskets: r.cons,
                rule_baskets: r.both,
                support: truth::ratio(r.both, baskets),
                confidence: truth::ratio(r.both, r.ante),
                lift: truth::ratio(r.both * baskets, r.ante * r.cons),
            })
            .collect();
        let seq_conf = truth::ratio(parts.followed, parts.tv_buyers);
        let sequence = truth::SequenceTruth {
            first: item(cat.planted.tv),
            then: item(cat.planted.soundbar),
            min_gap_days: 1,
            max_gap_days: 90,
            planted_share: 0.3,
            customers: n,
            first_buyers: parts.tv_buyers,
            then_buyers: parts.sb_buyers,
            followed_within: parts.followed,
            confidence: seq_conf,
            lift: if parts.sb_buyers == 0 { 0.0 } else { seq_conf / truth::ratio(parts.sb_buyers, n) },
        };
        let city = CITIES[customers::PLANTED_CITY].name;
        let city_effect = truth::CityEffect {
            city: text(city, lang),
            city_zh: city.0,
            city_en: city.1,
            planted: "26% of True Friends, Butterflies and Decliners live there, against 4.5% of other customers",
            tiers: vec![
                truth::tier_lift(
                    "top_20pct_net_sales",
                    "the 20% of customers with the highest net sales (returns netted; ties to the earlier customer id)",
                    &self.cities,
                    &truth::top_share(&self.net, 200),
                    lang,
                ),
                truth::tier_lift(
                    "tier_a_margin",
                    "tier A: the customers with the highest margin (net sales − cost) whose cumulative margin first reaches 50% of the total",
                    &self.cities,
                    &truth::tier_a(&self.margin),
                    lang,
                ),
            ],
        };
        let mut by_archetype: std::collections::BTreeMap<&'static str, Vec<String>> = std::collections::BTreeMap::new();
        for a in Archetype::ALL {
            by_archetype.insert(a.key(), Vec::new());
        }
        for (c, &a) in self.archetypes.iter().enumerate() {
            if let Some(v) = by_archetype.get_mut(Archetype::from_index(a).key()) {
                let mut s = Vec::with_capacity(8);
                customer_id(&mut s, c as u32);
                v.push(String::from_utf8_lossy(&s).into_owned());
            }
        }
        let mut counts = self.counts.clone();
        counts.customers = n;
        counts.gross_sales = truth::cents(self.money[0]);
        counts.discounts = truth::cents(self.money[1]);
        counts.net_sales = truth::cents(self.money[2]);
        counts.cost = truth::cents(self.money[3]);
        let headers = |h: &[customers::Text]| h.iter().map(|&t| text(t, lang)).collect::<Vec<_>>();
        Truth {
            format: "clientele-demo-truth/1",
            generator_version: crate::VERSION,
            params: *self.params,
            first_day: String::from_utf8_lossy(&self.cal.date_text[0]).into_owned(),
            last_day: String::from_utf8_lossy(&self.cal.date_text[self.cal.last() as usize]).into_owned(),
            files: truth::Files {
                sales: truth::FileTruth {
                    name: SALES_FILE,
                    header: headers(&customers::SALES_HEADER),
                    rows: counts.sale_lines + counts.return_lines,
                    bytes: parts.sales_bytes,
                },
                customers: truth::FileTruth {
                    name: CUSTOMERS_FILE,
                    header: headers(&customers::CUSTOMERS_HEADER),
                    rows: n,
                    bytes: parts.customers_bytes,
                },
                sales_sorted_by_time: true,
            },
            counts,
            conventions: truth::Conventions::default(),
            archetypes: Archetype::ALL.iter().map(|&a| truth::archetype_truth(a, &self.tally[a as usize], n)).collect(),
            customers: by_archetype,
            rules,
            sequence,
            city_effect,
            class_effect: super::classes::effect(self.params.seed, &self.archetypes, &self.margin, lang),
            events: events(&self.cal),
        }
    }
}

/// The seasonal peaks inside the calendar.
fn events(cal: &Calendar) -> Vec<truth::EventTruth> {
    let first = civil_from_days(cal.epoch_day).0;
    let last = civil_from_days(cal.epoch_day + cal.last()).0;
    let fixed = |m: u32, d: u32| -> Vec<String> { (first..=last).map(|y| format!("{y:04}-{m:02}-{d:02}")).collect() };
    let cny: Vec<String> = super::calendar::CHINESE_NEW_YEAR
        .iter()
        .filter(|&&(y, m, d)| {
            let day = days_from_civil(y, m, d) - cal.epoch_day;
            (0..=cal.last()).contains(&day)
        })
        .map(|&(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .collect();
    vec![
        truth::EventTruth { name_zh: "双十一", name_en: "Singles' Day", dates: fixed(11, 11) },
        truth::EventTruth { name_zh: "春节", name_en: "Chinese New Year", dates: cny },
        truth::EventTruth { name_zh: "圣诞节", name_en: "Christmas", dates: fixed(12, 25) },
        truth::EventTruth { name_zh: "618", name_en: "618 mid-year sale", dates: fixed(6, 18) },
        truth::EventTruth { name_zh: "双十二", name_en: "Double Twelve", dates: fixed(12, 12) },
    ]
}

/// `C` and the customer's number (index + 1), 7 digits.
fn customer_id(b: &mut Vec<u8>, c: u32) {
    let mut d = *b"C0000000";
    write_digits(&mut d[1..], u64::from(c) + 1);
    b.extend_from_slice(&d);
}

/// A text cell, quoted when it holds a delimiter, quote or line break.
fn field(b: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|c| matches!(c, b',' | b'"' | b'\n' | b'\r')) {
        b.push(b'"');
        for c in s.bytes() {
            if c == b'"' {
                b.push(b'"');
            }
            b.push(c);
        }
        b.push(b'"');
    } else {
        b.extend_from_slice(s.as_bytes());
    }
}

fn int(b: &mut Vec<u8>, v: i64) {
    if v < 0 {
        b.push(b'-');
    }
    let mut tmp = [0u8; 20];
    let mut u = v.unsigned_abs();
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    b.extend_from_slice(&tmp[i..]);
}

/// Fen as yuan with two decimals: `-12.30`.
fn money(b: &mut Vec<u8>, fen: i64) {
    if fen < 0 {
        b.push(b'-');
    }
    let u = fen.unsigned_abs();
    int(b, (u / 100) as i64);
    b.push(b'.');
    b.push(b'0' + (u / 10 % 10) as u8);
    b.push(b'0' + (u % 10) as u8);
}

/// A buffered output that counts rows and bytes.
struct Out<'w, W: Write> {
    w: &'w mut W,
    buf: Vec<u8>,
    rows: u64,
    bytes: u64,
}

impl<'w, W: Write> Out<'w, W> {
    fn new(w: &'w mut W) -> Self {
        Out { w, buf: Vec::with_capacity(FLUSH_BYTES + 4096), rows: 0, bytes: 0 }
    }

    fn header(&mut self, cols: &[customers::Text], lang: Lang) {
        for (i, &c) in cols.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            self.buf.extend_from_slice(text(c, lang).as_bytes());
        }
        self.buf.push(b'\n');
    }

    fn maybe_flush(&mut self) -> Result<(), DemoError> {
        if self.buf.len() >= FLUSH_BYTES {
            self.w.write_all(&self.buf)?;
            self.bytes += self.buf.len() as u64;
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> Result<u64, DemoError> {
        self.w.write_all(&self.buf)?;
        self.bytes += self.buf.len() as u64;
        self.buf.clear();
        self.w.flush()?;
        Ok(self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_ints_format_exactly() {
        let mut b = Vec::new();
        money(&mut b, -1230);
        b.push(b' ');
        money(&mut b, 5);
        b.push(b' ');
        int(&mut b, 0);
        b.push(b' ');
        field(&mut b, "a,\"b\"");
        assert_eq!(String::from_utf8(b).unwrap_or_default(), "-12.30 0.05 0 \"a,\"\"b\"\"\"");
    }
}
