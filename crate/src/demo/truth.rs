//! The planted truth, written beside the data as `truth.json`, and the tallies it is computed
//! from while the rows are written.
//!
//! Every realised figure here is counted from the rows actually written, with the conventions in
//! [`Conventions`], so a test (or an analysis) that recomputes it from the CSV must agree exactly.

use crate::sort;
use std::collections::BTreeMap;

use serde::Serialize;

use super::archetypes::Archetype;
use super::customers::{text, CITIES, PLANTED_CITY};
use super::params::{DemoParams, Lang};

/// Everything planted in a demo store and how it came out in the generated rows.
#[derive(Debug, Clone, Serialize)]
pub struct Truth {
    /// `clientele-demo-truth/1`.
    pub format: &'static str,
    /// The crate version that generated the store.
    pub generator_version: &'static str,
    pub params: DemoParams,
    /// First and last calendar day of the period (`YYYY-MM-DD`).
    pub first_day: String,
    pub last_day: String,
    pub files: Files,
    pub counts: Counts,
    pub conventions: Conventions,
    /// One entry per archetype, in [`Archetype::ALL`] order.
    pub archetypes: Vec<ArchetypeTruth>,
    /// Customer ids per archetype key (`true_friend`, ...), ascending.
    pub customers: BTreeMap<&'static str, Vec<String>>,
    /// The planted association rules.
    pub rules: Vec<RuleTruth>,
    pub sequence: SequenceTruth,
    pub city_effect: CityEffect,
    /// The planted credit and satisfaction classes ([`super::classes`]).
    pub class_effect: super::classes::ClassEffect,
    /// The seasonal peaks in the period.
    pub events: Vec<EventTruth>,
}

/// A generated file.
#[derive(Debug, Clone, Serialize)]
pub struct FileTruth {
    pub name: &'static str,
    pub header: Vec<&'static str>,
    /// Data rows (the header not counted).
    pub rows: u64,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Files {
    pub sales: FileTruth,
    pub customers: FileTruth,
    /// Whether the sales rows are in time order (they are: sorted by row time, then customer).
    pub sales_sorted_by_time: bool,
}

/// Totals over the sales file. Money is in yuan.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Counts {
    pub customers: u64,
    pub orders: u64,
    pub sale_lines: u64,
    pub return_lines: u64,
    pub orders_with_return: u64,
    /// Σ quantity × unit price over sale lines.
    pub gross_sales: f64,
    /// Σ discount over sale lines.
    pub discounts: f64,
    /// Σ amount over all lines (returns negative).
    pub net_sales: f64,
    /// Σ cost over all lines (returns negative).
    pub cost: f64,
}

/// How the rows encode things, and how every figure in this file was counted.
#[derive(Debug, Clone, Serialize)]
pub struct Conventions {
    pub money: &'static str,
    pub amount: &'static str,
    pub cost: &'static str,
    pub returns: &'static str,
    pub basket: &'static str,
    pub sequence: &'static str,
    pub windows: &'static str,
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            money: "yuan with two decimals; the unit price is the list price",
            amount: "amount = quantity × unit price − discount (signed); discount ≥ 0 on sale lines",
            cost: "cost is the line's cost of goods: quantity × unit cost (signed)",
            returns: "a return is its own row: same order id, negative quantity, discount, amount and cost, status returned/退货, dated 2-20 days after the order; at most one returned line per order",
            basket: "a basket is an order id; its items are the product ids on its sale lines (quantity > 0); every order has at least one sale line",
            sequence: "per customer, over sale lines: some order with the first product on day t1 and a later order with the second on day t2, 1 ≤ t2 − t1 ≤ max_gap_days (calendar days); confidence = such customers / customers who bought the first product",
            windows: "net_sales_last_90_days counts sale-line amounts on the last 90 days of the period; net_sales_previous_90_days the 90 days before those; returns not netted",
        }
    }
}

/// One archetype as planted and as generated.
#[derive(Debug, Clone, Serialize)]
pub struct ArchetypeTruth {
    pub key: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub planted_share: f64,
    pub customers: u64,
    pub share: f64,
    pub orders: u64,
    pub mean_orders: f64,
    /// Net sales (returns netted), yuan.
    pub net_sales: f64,
    pub mean_net_sales: f64,
    /// Net sales − cost, yuan.
    pub margin: f64,
    pub mean_margin: f64,
    /// Discounts / gross sales, over sale lines.
    pub discount_share: f64,
    /// Sale lines with a discount / sale lines.
    pub discounted_line_share: f64,
    pub net_sales_last_90_days: f64,
    pub net_sales_previous_90_days: f64,
    pub description: &'static str,
}

/// A product named in the truth.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub name: String,
}

/// A planted association rule and its realised measures.
#[derive(Debug, Clone, Serialize)]
pub struct RuleTruth {
    pub antecedent: Vec<Item>,
    pub consequent: Item,
    /// The chance the generator adds the consequent to a basket with the antecedent.
    pub planted_confidence: f64,
    pub baskets: u64,
    pub antecedent_baskets: u64,
    pub consequent_baskets: u64,
    pub rule_baskets: u64,
    /// rule_baskets / baskets (the arules convention: support of X ∪ Y).
    pub support: f64,
    /// rule_baskets / antecedent_baskets.
    pub confidence: f64,
    /// confidence / (consequent_baskets / baskets).
    pub lift: f64,
}

/// The planted sequence "TV → soundbar within 90 days".
#[derive(Debug, Clone, Serialize)]
pub struct SequenceTruth {
    pub first: Item,
    pub then: Item,
    pub min_gap_days: u32,
    pub max_gap_days: u32,
    /// The chance a TV buyer is given a soundbar 5-80 days later.
    pub planted_share: f64,
    pub customers: u64,
    pub first_buyers: u64,
    pub then_buyers: u64,
    pub followed_within: u64,
    /// followed_within / first_buyers.
    pub confidence: f64,
    /// confidence / (then_buyers / customers).
    pub lift: f64,
}

/// The planted city and its lift in the top tiers.
#[derive(Debug, Clone, Serialize)]
pub struct CityEffect {
    /// In the file's language.
    pub city: &'static str,
    pub city_zh: &'static str,
    pub city_en: &'static str,
    pub planted: &'static str,
    pub tiers: Vec<TierLift>,
}

/// City lifts within one definition of the top tier.
#[derive(Debug, Clone, Serialize)]
pub struct TierLift {
    pub tier: &'static str,
    pub definition: &'static str,
    pub customers_in_tier: u64,
    pub planted_city_lift: f64,
    pub best_other_city: &'static str,
    pub best_other_lift: f64,
    /// Every city: (name, customers, customers in tier, lift), in city order.
    pub by_city: Vec<CityLift>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CityLift {
    pub city: &'static str,
    pub customers: u64,
    pub in_tier: u64,
    pub lift: f64,
}

/// A seasonal peak.
#[derive(Debug, Clone, Serialize)]
pub struct EventTruth {
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub dates: Vec<String>,
}

/// Sums per archetype, in fen.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ArchetypeTally {
    pub customers: u64,
    pub orders: u64,
    pub sale_lines: u64,
    pub discounted_lines: u64,
    pub gross: i64,
    pub discount: i64,
    pub net: i64,
    pub cost: i64,
    pub last_90: i64,
    pub prev_90: i64,
}

/// Counts for one rule: antecedent items, consequent item.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleTally {
    pub antecedent: Vec<usize>,
    pub consequent: usize,
    pub planted_confidence: f64,
    pub ante: u64,
    pub cons: u64,
    pub both: u64,
}

pub(crate) fn cents(v: i64) -> f64 {
    v as f64 / 100.0
}

pub(crate) fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn ratio_i(a: i64, b: i64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

pub(crate) fn archetype_truth(a: Archetype, t: &ArchetypeTally, n: u64) -> ArchetypeTruth {
    let (zh, en) = a.label();
    ArchetypeTruth {
        key: a.key(),
        label_zh: zh,
        label_en: en,
        planted_share: f64::from(a.share_permille()) / 1000.0,
        customers: t.customers,
        share: ratio(t.customers, n),
        orders: t.orders,
        mean_orders: ratio(t.orders, t.customers),
        net_sales: cents(t.net),
        mean_net_sales: ratio_i(t.net, t.customers as i64) / 100.0,
        margin: cents(t.net - t.cost),
        mean_margin: ratio_i(t.net - t.cost, t.customers as i64) / 100.0,
        discount_share: ratio_i(t.discount, t.gross),
        discounted_line_share: ratio(t.discounted_lines, t.sale_lines),
        net_sales_last_90_days: cents(t.last_90),
        net_sales_previous_90_days: cents(t.prev_90),
        description: description(a),
    }
}

fn description(a: Archetype) -> &'static str {
    match a {
        Archetype::TrueFriend => "profitable and loyal: 20-36 regular orders across the period, mid-size baskets, few discounts",
        Archetype::Butterfly => "profitable, not loyal: 2-3 orders within 40 days, the first with a big-ticket item",
        Archetype::Barnacle => "loyal, low profit: 18-30 regular small baskets of cheap goods, 70% of lines with a 10-30% coupon",
        Archetype::Stranger => "neither: one small order (75%), or two within 60 days",
        Archetype::DealSeeker => "10-16 orders bunched on promotion days; 95% of lines carry a 20-40% discount",
        Archetype::Decliner => "regular and profitable until 290 days before the end, then seven fading orders about 265, 230, 195, 160 (regular), 115 (small), 60 and 20 (one cheap line) days before it",
        Archetype::Churned => "6-10 orders, the last at least 240 days before the end",
        Archetype::New => "joined in the last 100 days, 1-4 orders since",
    }
}

/// City lifts for a tier given as a membership mask.
pub(crate) fn tier_lift(
    tier: &'static str,
    definition: &'static str,
    cities: &[u8],
    in_tier: &[bool],
    lang: Lang,
) -> TierLift {
    let n = cities.len() as u64;
    let mut all = vec![0u64; CITIES.len()];
    let mut top = vec![0u64; CITIES.len()];
    for (i, &c) in cities.iter().enumerate() {
        all[usize::from(c)] += 1;
        if in_tier[i] {
            top[usize::from(c)] += 1;
        }
    }
    let k: u64 = top.iter().sum();
    let lift =
        |c: usize| if all[c] == 0 || k == 0 { 0.0 } else { (top[c] as f64 / k as f64) / (all[c] as f64 / n as f64) };
    let by_city: Vec<CityLift> = (0..CITIES.len())
        .map(|c| CityLift { city: text(CITIES[c].name, lang), customers: all[c], in_tier: top[c], lift: lift(c) })
        .collect();
    let (best, best_lift) = (0..CITIES.len())
        .filter(|&c| c != PLANTED_CITY)
        .map(|c| (c, lift(c)))
        .fold((0, f64::MIN), |acc, x| if x.1 > acc.1 { x } else { acc });
    TierLift {
        tier,
        definition,
        customers_in_tier: k,
        planted_city_lift: lift(PLANTED_CITY),
        best_other_city: text(CITIES[best].name, lang),
        best_other_lift: best_lift,
        by_city,
    }
}

/// The customers in the top 20% by `value` (ties to the lower index).
pub(crate) fn top_share(value: &[i64], permille: u64) -> Vec<bool> {
    let mut idx: Vec<u32> = (0..value.len() as u32).collect();
    sort::sort_by(&mut idx, |&a, &b| value[b as usize].cmp(&value[a as usize]).then(a.cmp(&b)));
    let k = (value.len() as u64 * permille).div_ceil(1000) as usize;
    let mut mask = vec![false; value.len()];
    for &i in &idx[..k] {
        mask[i as usize] = true;
    }
    mask
}

/// Tier A: the best customers by `value` until their cumulative value reaches half the total.
pub(crate) fn tier_a(value: &[i64]) -> Vec<bool> {
    let mut idx: Vec<u32> = (0..value.len() as u32).collect();
    sort::sort_by(&mut idx, |&a, &b| value[b as usize].cmp(&value[a as usize]).then(a.cmp(&b)));
    let total: i64 = value.iter().sum();
    let mut mask = vec![false; value.len()];
    let mut cum = 0i64;
    for &i in &idx {
        if cum * 2 >= total {
            break;
        }
        cum += value[i as usize];
        mask[i as usize] = true;
    }
    mask
}
