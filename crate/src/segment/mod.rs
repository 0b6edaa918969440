//! Customer segmentation: one per-customer fact table, and every classification retail CRM
//! practice uses on it (RFM, value tiers, deciles and Pareto, the loyalty × profitability
//! quadrant, value and trend flags, lifecycle, cohorts, clusters, attribute profiles), each with
//! its description, recommended actions and export.
//!
//! Two families of modules: the schemes [`analyse`] computes on the fact table in one call
//! (facts, RFM and named schemes, tiers, deciles, quadrant, value flags, actions, export), and
//! the analyses the page runs on demand, which take plain inputs (lifecycle and migration,
//! cohorts, clusters, attribute profiling).
//!
//! ## Entry point
//!
//! [`analyse`] computes the [`facts`] once, then every scheme, and returns a [`Segmented`]: the
//! [`Segmentation`] summaries (small, sent to the page and printed by `clientele segments`) and
//! the [`CustomerTable`] (one row per customer with every label; the worker keeps it and the page
//! reads it page by page with [`CustomerTable::rows`]; `clientele customers` prints it).
//!
//! | Number on the page | Computed by |
//! |---|---|
//! | customer facts, guest lines skipped | [`facts::customer_facts`] |
//! | R, F, M scores and their edges | [`rfm::score`] |
//! | 11 named segments, 8 classes, custom rules, R×F heatmap | [`schemes`] |
//! | tiers A-D, heavy/medium/light, deciles, top shares, Lorenz, Gini | [`tiers`] |
//! | True Friends / Butterflies / Barnacles / Strangers | [`quadrant`] |
//! | profit, most valuable / growable, below zero, deal seekers, declining | [`value`] |
//! | lifecycle stages | [`lifecycle::lifecycle_from_orders`] at the same analysis date, on the fact table's orders |
//! | descriptions and actions | [`actions`] |
//! | segment CSV export | [`export`] |
//!
//! ```
//! use clientele::model::{LineItems, LineKind};
//! use clientele::segment::{analyse, SegmentOptions};
//! let mut l = LineItems::default();
//! for (k, c) in ["a", "b", "c", "d", "e"].iter().enumerate() {
//!     let c = l.customers.intern(c);
//!     for j in 0..=k {
//!         let o = l.orders.intern(&format!("{k}-{j}"));
//!         l.push(c, o, (j * 86_400) as i64, 0, 1.0, 10.0 * (k + 1) as f64, LineKind::Purchase);
//!     }
//! }
//! let s = analyse(&l, &SegmentOptions::default()).unwrap();
//! assert_eq!(s.summary.customers, 5);
//! // Customer "e": 5 orders of 50, bought last: R = F = M = 5, a Champion, tier A.
//! let e = &s.table.rows(&Default::default()).rows[4];
//! assert_eq!((e.r, e.f, e.m, e.rfm11, e.tier), (5, 5, 5, "champions", "A"));
//! ```

// Analyses run on demand, on plain inputs.
pub mod classes;
pub mod cluster;
pub mod cohorts;
pub mod compare;
pub mod curves;
pub mod lifecycle;
pub mod profile;

// The schemes of `analyse`.
pub mod actions;
pub mod export;
pub mod facts;
pub mod labels;
pub mod quadrant;
pub mod rfm;
pub mod schemes;
pub mod tiers;
pub mod value;
pub mod views;

use crate::sort;
use serde::{Deserialize, Serialize};

use crate::model::LineItems;
use crate::time::format_datetime;

use self::actions::{Advice, ADVICE};
use self::facts::{Convention, CustomerFacts, FactOptions, Skipped};
use self::lifecycle::{LifecycleError, LifecycleParams, Stage, StageSummary};
use self::quadrant::{LoyaltyBasis, Quadrant, QuadrantOptions, QUADRANTS};
use self::rfm::{Binning, BinningError, Edges};
use self::schemes::{EightClassBasis, EightClassMeans, HeatCell, RangeRule, RuleCheck, EIGHT_CLASSES, NAMED_SEGMENTS};
use self::tiers::{Decile, LorenzPoint, SalesTenth, TierOptions, TopShare, TIERS, USAGE};
use self::value::{FlagCount, ValueOptions, FLAGS};

/// Every setting of [`analyse`], with documented defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SegmentOptions {
    /// Convention (net by default), analysis date (last line + 1 day), windows (90 days).
    pub facts: FactOptions,
    /// Quintiles by rank (default) or custom cut points.
    pub binning: Binning,
    pub eight_class: EightClassBasis,
    /// User-defined range rules (none by default), applied first match.
    pub rules: Vec<RangeRule>,
    pub tiers: TierOptions,
    pub quadrant: QuadrantOptions,
    pub value: ValueOptions,
    /// Most points of the Lorenz curve (default 200).
    pub lorenz_points: Option<usize>,
    /// Lifecycle thresholds (see [`lifecycle`]), at the same analysis date.
    pub lifecycle: LifecycleParams,
    /// Fit BG/NBD + Gamma-Gamma ([`crate::clv::analyse`], weeks, 12-month CLV at 1% a month,
    /// observation ending the day before the analysis date) and use its predictions: predicted
    /// CLV for "most growable", and P(alive) for the quadrant when `quadrant.loyalty` is
    /// `p_alive` (which turns this on by itself). If the fit fails the analysis goes on without
    /// it, and the results say which basis was used. Default off.
    pub clv: bool,
}

/// Why [`analyse`] produced nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SegmentError {
    #[error("{0}")]
    Binning(#[from] BinningError),
    #[error("the tier shares must satisfy 0 < A < B < C ≤ 1, and heavy + medium ≤ 1")]
    BadTiers,
    #[error("the costs to serve, thresholds and shares must be finite, non-negative numbers (shares at most 1)")]
    BadValueOptions,
    #[error("{0}")]
    Lifecycle(#[from] LifecycleError),
    /// A scheme name that is not one of `rfm11`, `rfm8`, `tier`, `usage`, `quadrant`.
    #[error("{scheme:?} is not a segment scheme (rfm11, rfm8, tier, usage or quadrant)")]
    UnknownScheme { scheme: String },
}

impl SegmentError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        match self {
            SegmentError::Binning(e) => e.code(),
            SegmentError::BadTiers => "segment.bad_tiers",
            SegmentError::BadValueOptions => "segment.bad_value_options",
            SegmentError::Lifecycle(e) => e.code(),
            SegmentError::UnknownScheme { .. } => "segment.unknown_scheme",
        }
    }
}

impl crate::error::Coded for SegmentError {
    fn code(&self) -> &'static str {
        SegmentError::code(self)
    }
    fn params(&self) -> serde_json::Value {
        match self {
            SegmentError::Binning(rfm::BinningError::BadCuts(m)) => {
                serde_json::json!({ "metric": format!("{m:?}").to_lowercase() })
            }
            SegmentError::BadTiers | SegmentError::BadValueOptions => serde_json::json!({}),
            SegmentError::Lifecycle(e) => e.params(),
            SegmentError::UnknownScheme { scheme } => serde_json::json!({ "scheme": scheme }),
        }
    }
}

/// The size of one segment of a scheme.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentSize {
    pub key: String,
    pub customers: u64,
    pub customer_share: f64,
    /// Σ monetary of the segment (the convention's: net or gross sales).
    pub monetary: f64,
    /// Share of the total monetary.
    pub revenue_share: f64,
    /// Σ profit (margin or net sales, less cost to serve).
    pub profit: f64,
}

/// What the fact table covered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactSummary {
    pub convention: Convention,
    /// The analysis date, `YYYY-MM-DD HH:MM:SS`.
    pub as_of: String,
    pub window_days: u32,
    pub has_cost: bool,
    pub has_discount: bool,
    pub has_category: bool,
    /// `margin` or `net_sales`: what profit contribution and profitability mean here.
    pub profit_basis: &'static str,
    /// Columns that would enable more (`cost`: margin-based tiers and quadrant; `discount`:
    /// deal seekers).
    pub needs: Vec<&'static str>,
    pub skipped: Skipped,
    pub monetary_total: f64,
    pub net_sales_total: f64,
    pub profit_total: f64,
}

/// The RFM views.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RfmView {
    /// Recency, frequency, monetary edges.
    pub edges: [Edges; 3],
    pub heatmap: Vec<HeatCell>,
    /// The 11 named segments, in [`NAMED_SEGMENTS`] order.
    pub named: Vec<SegmentSize>,
    /// The 8 classes, in [`EIGHT_CLASSES`] order.
    pub eight_class: Vec<SegmentSize>,
    pub eight_class_means: EightClassMeans,
    /// The user's rules: their check and sizes (the last entry, `other`, holds unmatched cells).
    pub rules: Option<RulesView>,
}

/// The user's range rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RulesView {
    pub check: RuleCheck,
    pub sizes: Vec<SegmentSize>,
}

/// Tiers and heavy / medium / light.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierView {
    /// `margin` or `net_sales`, less cost to serve.
    pub basis: &'static str,
    pub options: TierOptions,
    pub tiers: Vec<SegmentSize>,
    pub usage: Vec<SegmentSize>,
}

/// Deciles and Pareto, over the convention's monetary (sales) and profit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecileView {
    pub monetary: Vec<Decile>,
    pub purchase: Vec<SalesTenth>,
    pub top: Vec<TopShare>,
    pub lorenz: Vec<LorenzPoint>,
    pub gini: f64,
}

/// Value and trend flags.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlagView {
    pub options: ValueOptions,
    /// `clv` (predicted CLV − last-year spend) or `spend_trend`.
    pub growth_basis: &'static str,
    pub counts: Vec<FlagCount>,
    pub sizes: Vec<SegmentSize>,
}

/// Lifecycle stages (computed by [`lifecycle::lifecycle`] at the same analysis date).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LifecycleView {
    pub params: LifecycleParams,
    pub population_usual_gap_days: f64,
    pub stages: Vec<StageSummary>,
}

/// The summaries of every scheme: what the page shows and `clientele segments --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Segmentation {
    pub version: &'static str,
    pub options: SegmentOptions,
    pub customers: u64,
    pub facts: FactSummary,
    pub rfm: RfmView,
    pub tiers: TierView,
    pub deciles: DecileView,
    pub quadrant: Quadrant,
    pub flags: FlagView,
    /// Lifecycle stages at the analysis date, in [`Stage::ALL`] order.
    pub lifecycle: LifecycleView,
    /// Description and actions of every segment of every scheme.
    pub advice: &'static [Advice],
    /// Optional classes (credit, satisfaction, member level) split by tier and quadrant.
    pub classes: classes::ClassesView,
    /// Response curves per named RFM segment and for the base; P(alive) when BG/NBD was fitted.
    pub response_curves: curves::ResponseCurves,
}

/// The per-customer table: facts, scores and every label, in fact-table order.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerTable {
    pub keys: Vec<String>,
    pub facts: Vec<CustomerFacts>,
    pub r: Vec<u8>,
    pub f: Vec<u8>,
    pub m: Vec<u8>,
    /// Index into [`NAMED_SEGMENTS`].
    pub rfm11: Vec<u8>,
    /// Index into [`EIGHT_CLASSES`].
    pub rfm8: Vec<u8>,
    /// Index into the user's rules (`None` = other); empty without rules.
    pub rule: Vec<Option<u8>>,
    pub rule_names: Vec<String>,
    /// Index into [`TIERS`].
    pub tier: Vec<u8>,
    /// Index into [`USAGE`].
    pub usage: Vec<u8>,
    /// 1 = best tenth.
    pub decile: Vec<u8>,
    /// Index into [`QUADRANTS`].
    pub quadrant: Vec<u8>,
    pub loyalty: Vec<f64>,
    pub profit: Vec<f64>,
    pub growth: Vec<f64>,
    /// Bits of [`value::FLAGS`].
    pub flags: Vec<u8>,
    /// Index into [`Stage::ALL`] (`u8::MAX` if the lifecycle has no stage for the customer).
    pub lifecycle: Vec<u8>,
    /// The lines had no money (`columns.unpriced`): the money columns and the labels built on
    /// them are zeros that are not money, and the CSV export leaves them empty.
    pub unpriced: bool,
    /// Optional class columns per row ([`Scheme::Class`] filters on them).
    pub classes: Vec<classes::TableClass>,
}

/// Summaries and the per-customer table.
#[derive(Debug, Clone, PartialEq)]
pub struct Segmented {
    pub summary: Segmentation,
    pub table: CustomerTable,
}

/// Which scheme a segment belongs to (the `scheme` of [`Advice`], plus `rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    Rfm11,
    Rfm8,
    Rule,
    Tier,
    Usage,
    Quadrant,
    Flag,
    Lifecycle,
    /// An optional class value, key `column=value` (`credit=Excellent`).
    Class,
}

/// A segment of a scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentRef {
    pub scheme: Scheme,
    pub key: String,
}

/// A column to sort rows by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortColumn {
    /// Table order (customer id order).
    #[default]
    Customer,
    Recency,
    Orders,
    Monetary,
    NetSales,
    Profit,
    Loyalty,
    Growth,
    RecentSpend,
    DiscountShare,
}

/// A window of rows: the customers of a segment (or all), sorted, from `offset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RowQuery {
    pub offset: usize,
    /// Default 100.
    pub limit: usize,
    pub segment: Option<SegmentRef>,
    pub sort: SortColumn,
    pub descending: bool,
}

impl Default for RowQuery {
    fn default() -> Self {
        RowQuery { offset: 0, limit: 100, segment: None, sort: SortColumn::Customer, descending: false }
    }
}

/// One customer with every label.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRow {
    pub id: String,
    #[serde(flatten)]
    pub facts: CustomerFacts,
    pub first_purchase_at: String,
    pub last_purchase_at: String,
    pub discount_share: f64,
    pub discounted_line_share: f64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    /// R, F, M digits, e.g. `554`.
    pub cell: u16,
    pub rfm11: &'static str,
    pub rfm8: &'static str,
    /// The user's rule, `other`, or empty without rules.
    pub rule: String,
    pub tier: &'static str,
    pub usage: &'static str,
    pub decile: u8,
    pub quadrant: &'static str,
    pub loyalty: f64,
    pub profit: f64,
    pub growth: f64,
    pub flags: Vec<&'static str>,
    /// Lifecycle stage key (`new`, `repeat`, `loyal`, `at_risk`, `lapsed`, `won_back`).
    pub lifecycle: &'static str,
    /// Optional class values by column key (`credit`, `satisfaction`, `member_level`), known
    /// ones only.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub classes: std::collections::BTreeMap<String, String>,
}

/// A page of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowPage {
    /// Rows matching the filter.
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<CustomerRow>,
}

impl CustomerTable {
    /// Number of customers.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether there are no customers.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Whether customer `i` is in the segment.
    pub fn is_in(&self, i: usize, s: &SegmentRef) -> bool {
        let k = s.key.as_str();
        match s.scheme {
            Scheme::Rfm11 => NAMED_SEGMENTS[usize::from(self.rfm11[i])].0 == k,
            Scheme::Rfm8 => EIGHT_CLASSES[usize::from(self.rfm8[i])] == k,
            Scheme::Rule => self.rule_name(i) == k,
            Scheme::Tier => TIERS[usize::from(self.tier[i])] == k,
            Scheme::Usage => USAGE[usize::from(self.usage[i])] == k,
            Scheme::Quadrant => QUADRANTS[usize::from(self.quadrant[i])] == k,
            Scheme::Flag => FLAGS.iter().position(|&f| f == k).is_some_and(|b| self.flags[i] & (1 << b) != 0),
            Scheme::Lifecycle => self.lifecycle_key(i) == k,
            Scheme::Class => k
                .split_once('=')
                .is_some_and(|(col, v)| self.classes.iter().any(|c| c.key == col && c.get(i) == Some(v))),
        }
    }

    fn lifecycle_key(&self, i: usize) -> &'static str {
        self.lifecycle.get(i).and_then(|&s| Stage::ALL.get(usize::from(s))).map_or("", |s| s.key())
    }

    fn rule_name(&self, i: usize) -> &str {
        match self.rule.get(i) {
            Some(Some(k)) => &self.rule_names[usize::from(*k)],
            Some(None) => "other",
            None => "",
        }
    }

    fn sort_value(&self, i: usize, c: SortColumn) -> f64 {
        let f = &self.facts[i];
        match c {
            SortColumn::Customer => i as f64,
            SortColumn::Recency => f64::from(f.recency_days),
            SortColumn::Orders => f64::from(f.orders),
            SortColumn::Monetary => f.monetary,
            SortColumn::NetSales => f.net_sales,
            SortColumn::Profit => self.profit[i],
            SortColumn::Loyalty => self.loyalty[i],
            SortColumn::Growth => self.growth[i],
            SortColumn::RecentSpend => f.recent_spend,
            SortColumn::DiscountShare => f.discount_share(),
        }
    }

    /// The positions of the customers matching the query, sorted (ties in table order).
    pub fn select(&self, q: &RowQuery) -> Vec<usize> {
        let mut idx: Vec<usize> = match &q.segment {
            Some(s) => (0..self.len()).filter(|&i| self.is_in(i, s)).collect(),
            None => (0..self.len()).collect(),
        };
        if q.sort != SortColumn::Customer || q.descending {
            sort::sort_by(&mut idx, |&a, &b| {
                let o = self.sort_value(a, q.sort).total_cmp(&self.sort_value(b, q.sort));
                (if q.descending { o.reverse() } else { o }).then(a.cmp(&b))
            });
        }
        idx
    }

    /// Row `i` with every label.
    pub fn row(&self, i: usize) -> CustomerRow {
        let f = &self.facts[i];
        CustomerRow {
            id: self.keys[i].clone(),
            facts: f.clone(),
            first_purchase_at: format_datetime(f.first_purchase),
            last_purchase_at: format_datetime(f.last_purchase),
            discount_share: f.discount_share(),
            discounted_line_share: f.discounted_line_share(),
            r: self.r[i],
            f: self.f[i],
            m: self.m[i],
            cell: schemes::cell_code(self.r[i], self.f[i], self.m[i]),
            rfm11: NAMED_SEGMENTS[usize::from(self.rfm11[i])].0,
            rfm8: EIGHT_CLASSES[usize::from(self.rfm8[i])],
            rule: self.rule_name(i).to_owned(),
            tier: TIERS[usize::from(self.tier[i])],
            usage: USAGE[usize::from(self.usage[i])],
            decile: self.decile[i],
            quadrant: QUADRANTS[usize::from(self.quadrant[i])],
            loyalty: self.loyalty[i],
            profit: self.profit[i],
            growth: self.growth[i],
            flags: FLAGS.iter().enumerate().filter(|(b, _)| self.flags[i] & (1 << b) != 0).map(|(_, &k)| k).collect(),
            lifecycle: self.lifecycle_key(i),
            classes: {
                // `extend`, not `collect`: collecting a `BTreeMap` sorts (see crate::sort).
                let mut m = std::collections::BTreeMap::new();
                m.extend(self.classes.iter().filter_map(|c| c.get(i).map(|v| (c.key.clone(), v.to_owned()))));
                m
            },
        }
    }

    /// A window of rows (`limit` capped at 10,000).
    pub fn rows(&self, q: &RowQuery) -> RowPage {
        let idx = self.select(q);
        let rows = idx.iter().skip(q.offset).take(q.limit.min(10_000)).map(|&i| self.row(i)).collect();
        RowPage { total: idx.len(), offset: q.offset, rows }
    }
}

fn sizes<F: Fn(usize) -> Option<usize>>(
    keys: &[String],
    label: F,
    monetary: &[f64],
    profit: &[f64],
    total_monetary: f64,
) -> Vec<SegmentSize> {
    let n = monetary.len();
    let mut out: Vec<SegmentSize> = keys
        .iter()
        .map(|k| SegmentSize {
            key: k.clone(),
            customers: 0,
            customer_share: 0.0,
            monetary: 0.0,
            revenue_share: 0.0,
            profit: 0.0,
        })
        .collect();
    for i in 0..n {
        if let Some(k) = label(i) {
            out[k].customers += 1;
            out[k].monetary += monetary[i];
            out[k].profit += profit[i];
        }
    }
    for s in &mut out {
        s.customer_share = if n > 0 { s.customers as f64 / n as f64 } else { 0.0 };
        s.revenue_share = if total_monetary != 0.0 { s.monetary / total_monetary } else { 0.0 };
    }
    out
}

fn owned(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|&k| k.to_owned()).collect()
}

/// [`analyse_with_clv`] without CLV predictions.
pub fn analyse(lines: &LineItems, options: &SegmentOptions) -> Result<Segmented, SegmentError> {
    let wants_clv = options.clv || options.quadrant.loyalty == LoyaltyBasis::PAlive;
    let report = if wants_clv { clv_report(lines, options) } else { None };
    let mut s = analyse_with_clv(lines, options, report.as_ref().map(|r| &r.customer_table.predictions))?;
    s.summary.response_curves.p_alive = report.as_ref().and_then(curves::p_alive_curve);
    Ok(s)
}

/// BG/NBD and Gamma-Gamma predictions over the lines before the analysis date (see
/// [`SegmentOptions::clv`]); `None` when the fit fails or there is no purchase.
fn clv_report(lines: &LineItems, options: &SegmentOptions) -> Option<crate::clv::ClvReport> {
    // The analysis date is the day after the observation: it defaults to the last line + 1 day.
    let last = lines.time.iter().max()?;
    let end = options.facts.as_of.map_or(last, |d| d - crate::time::DAY);
    let clv_options = crate::clv::ClvOptions { end: Some(end), pareto_nbd: false, ..Default::default() };
    crate::clv::analyse(lines, &clv_options).ok()
}

/// Computes the facts and every scheme. With BG/NBD predictions from [`crate::clv::analyse`]
/// (`report.customer_table.predictions`), the quadrant can use P(alive) as loyalty and "most
/// growable" uses predicted CLV; customers the predictions lack get P(alive) 0 and CLV 0.
pub fn analyse_with_clv(
    lines: &LineItems,
    options: &SegmentOptions,
    clv: Option<&crate::clv::Predictions>,
) -> Result<Segmented, SegmentError> {
    if !options.tiers.is_valid() {
        return Err(SegmentError::BadTiers);
    }
    let v = &options.value;
    let finite_nonneg = |x: f64| x.is_finite() && x >= 0.0;
    let shares_ok = [v.top_share, v.deal_discount_share, v.deal_line_share, v.decline_drop]
        .iter()
        .all(|&x| (0.0..=1.0).contains(&x));
    if !(finite_nonneg(v.cost_per_order) && finite_nonneg(v.cost_per_return) && shares_ok) {
        return Err(SegmentError::BadValueOptions);
    }
    // One order timeline for the facts and the lifecycle stages: a customer's order count and
    // stage come from the same orders.
    let orders = crate::model::Orders::new(lines, options.facts.convention);
    let table = facts::customer_facts_from_orders(&orders, &options.facts);
    let facts = table.customers;
    let n = facts.len();
    let keys: Vec<String> = facts.iter().map(|f| lines.customers.name(f.customer).to_owned()).collect();
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let has_cost = table.has_cost;
    let profit_basis = if has_cost { "margin" } else { "net_sales" };

    // RFM and the named schemes.
    let scores = rfm::score(&facts, &key_refs, &options.binning)?;
    let named = schemes::named_map();
    let rfm11: Vec<u8> = (0..n).map(|i| named[schemes::cell_index(scores.r[i], scores.f[i], scores.m[i])]).collect();
    let (rfm8, means) = schemes::eight_classes(&facts, (&scores.r, &scores.f, &scores.m), options.eight_class);
    let heatmap = schemes::rf_heatmap(&facts, &scores.r, &scores.f);

    // Value.
    let profit: Vec<f64> = facts.iter().map(|f| value::profit(f, has_cost, v)).collect();
    let monetary: Vec<f64> = facts.iter().map(|f| f.monetary).collect();
    let net: Vec<f64> = facts.iter().map(|f| f.net_sales).collect();
    let total_monetary: f64 = monetary.iter().sum();
    let order = tiers::rank_desc(&profit, &key_refs);
    let tier = tiers::value_tiers(&profit, &order, options.tiers.cuts);
    let usage = tiers::usage_groups(&order, options.tiers.heavy, options.tiers.medium);
    let sales_order = tiers::rank_desc(&monetary, &key_refs);
    let (monetary_deciles, decile) = tiers::monetary_deciles(&monetary, &profit, &sales_order);
    let purchase = tiers::purchase_deciles(&monetary, &sales_order);
    let top = tiers::top_shares(&monetary, &profit, &sales_order);
    let (lorenz, gini) = tiers::lorenz(&monetary, options.lorenz_points.unwrap_or(200));

    // CLV predictions by customer position.
    let by_customer = clv.map(|p| {
        let mut pos = vec![usize::MAX; lines.customers.len()];
        for (k, &c) in p.customer.iter().enumerate() {
            if let Some(slot) = pos.get_mut(c as usize) {
                *slot = k;
            }
        }
        (p, pos)
    });
    let clv_of = |f: &CustomerFacts, col: &dyn Fn(&crate::clv::Predictions) -> &Vec<f64>| -> Option<f64> {
        by_customer
            .as_ref()
            .map(|(p, pos)| pos.get(f.customer as usize).and_then(|&k| col(p).get(k).copied()).unwrap_or(0.0))
    };

    // Quadrant.
    let (loyalty, loyalty_basis) = match (options.quadrant.loyalty, &by_customer) {
        (LoyaltyBasis::PAlive, Some(_)) => {
            (facts.iter().map(|f| clv_of(f, &|p| &p.p_alive).unwrap_or(0.0)).collect(), LoyaltyBasis::PAlive)
        }
        _ => (quadrant::behaviour_loyalty(&facts), LoyaltyBasis::Behaviour),
    };
    let (quadrant_view, quadrant) =
        quadrant::quadrant(&profit, &loyalty, &net, profit_basis, loyalty_basis, &options.quadrant);

    // Flags.
    let has_clv = by_customer.as_ref().is_some_and(|(p, _)| !p.clv.is_empty());
    let growth: Vec<f64> = facts
        .iter()
        .map(|f| {
            if has_clv {
                clv_of(f, &|p| &p.clv).unwrap_or(0.0) - f.last_year_spend
            } else {
                f.recent_spend - f.previous_spend
            }
        })
        .collect();
    let flags = value::flags(&facts, &key_refs, &profit, &growth, table.has_discount, v);
    let flag_counts = FLAGS
        .iter()
        .enumerate()
        .map(|(b, &key)| {
            let available = key != "deal_seeker" || table.has_discount;
            FlagCount {
                key,
                customers: flags.iter().filter(|&&x| x & (1 << b) != 0).count() as u64,
                available,
                needs: if available { None } else { Some("discount") },
            }
        })
        .collect();
    let flag_sizes = FLAGS
        .iter()
        .enumerate()
        .map(|(b, _)| {
            let mut s = sizes(
                &owned(&FLAGS[b..=b]),
                |i| (flags[i] & (1 << b) != 0).then_some(0),
                &monetary,
                &profit,
                total_monetary,
            );
            s.remove(0)
        })
        .collect();

    // The user's rules.
    let (rule, rule_names, rules_view) = if options.rules.is_empty() {
        (Vec::new(), Vec::new(), None)
    } else {
        let check = schemes::check_rules(&options.rules);
        let rule: Vec<Option<u8>> =
            (0..n).map(|i| check.map[schemes::cell_index(scores.r[i], scores.f[i], scores.m[i])]).collect();
        let mut names: Vec<String> = options.rules.iter().map(|r| r.name.clone()).collect();
        names.push("other".to_owned());
        let other = names.len() - 1;
        let s = sizes(&names, |i| Some(rule[i].map_or(other, usize::from)), &monetary, &profit, total_monetary);
        names.pop();
        (rule, names, Some(RulesView { check, sizes: s }))
    };

    // Lifecycle at the same analysis date.
    let life = lifecycle::lifecycle_from_orders(&orders, table.as_of, &options.lifecycle)?;
    let stage_of = life.labels(lines.customers.len());
    let lifecycle: Vec<u8> = facts
        .iter()
        .map(|f| stage_of.get(f.customer as usize).copied().flatten().map_or(u8::MAX, |s| s as u8))
        .collect();

    let mut needs = Vec::new();
    if lines.columns.unpriced {
        // No money: only recency, frequency and the lifecycle mean anything (the RF grid); the
        // monetary scores, named segments, tiers, deciles, quadrant and value flags need an
        // amount (see `crate::capabilities`).
        needs.push("amount");
    }
    if !has_cost {
        needs.push("cost");
    }
    if !table.has_discount {
        needs.push("discount");
    }
    if !table.has_category {
        needs.push("category");
    }
    let customer_pos = {
        let mut pos = vec![usize::MAX; lines.customers.len()];
        for (i, f) in facts.iter().enumerate() {
            if let Some(slot) = pos.get_mut(f.customer as usize) {
                *slot = i;
            }
        }
        pos
    };
    let segment_keys: Vec<&str> = NAMED_SEGMENTS.iter().map(|(k, _)| *k).collect();
    let response_curves = curves::response_curves(&orders, table.as_of, &segment_keys, &|c| {
        customer_pos.get(c as usize).and_then(|&i| rfm11.get(i)).map(|&s| usize::from(s))
    });
    // The order timeline (62 bytes an entry: 237 MiB for the ten-million-line demo) is freed
    // before the class columns read the lines (the main channel sorts a row per purchase line):
    // together they were the peak of the page's summary query, which a wasm memory keeps.
    drop(orders);
    let class_columns = classes::class_columns(lines, table.as_of);
    let summary = Segmentation {
        version: crate::VERSION,
        options: options.clone(),
        customers: n as u64,
        facts: FactSummary {
            convention: options.facts.convention,
            as_of: format_datetime(table.as_of),
            window_days: options.facts.window_days,
            has_cost,
            has_discount: table.has_discount,
            has_category: table.has_category,
            profit_basis,
            needs,
            skipped: table.skipped,
            monetary_total: crate::num::round_money(total_monetary),
            net_sales_total: crate::num::round_money(net.iter().sum()),
            profit_total: profit.iter().sum(),
        },
        rfm: RfmView {
            edges: scores.edges.clone(),
            heatmap,
            named: sizes(
                &NAMED_SEGMENTS.iter().map(|(k, _)| (*k).to_owned()).collect::<Vec<_>>(),
                |i| Some(usize::from(rfm11[i])),
                &monetary,
                &profit,
                total_monetary,
            ),
            eight_class: sizes(
                &owned(&EIGHT_CLASSES),
                |i| Some(usize::from(rfm8[i])),
                &monetary,
                &profit,
                total_monetary,
            ),
            eight_class_means: means,
            rules: rules_view,
        },
        tiers: TierView {
            basis: profit_basis,
            options: options.tiers,
            tiers: sizes(&owned(&TIERS), |i| Some(usize::from(tier[i])), &monetary, &profit, total_monetary),
            usage: sizes(&owned(&USAGE), |i| Some(usize::from(usage[i])), &monetary, &profit, total_monetary),
        },
        deciles: DecileView { monetary: monetary_deciles, purchase, top, lorenz, gini },
        quadrant: quadrant_view,
        flags: FlagView {
            options: *v,
            growth_basis: if has_clv { "clv" } else { "spend_trend" },
            counts: flag_counts,
            sizes: flag_sizes,
        },
        lifecycle: LifecycleView {
            params: life.params,
            population_usual_gap_days: life.population_usual_gap_days,
            stages: life.stages,
        },
        advice: ADVICE,
        classes: classes::classes_view(&class_columns, &facts, &tier, &quadrant, lines.customers.len()),
        response_curves,
    };
    let table_classes = classes::table_classes(&class_columns, &facts);
    let table = CustomerTable {
        keys,
        facts,
        r: scores.r,
        f: scores.f,
        m: scores.m,
        rfm11,
        rfm8,
        rule,
        rule_names,
        tier,
        usage,
        decile,
        quadrant,
        loyalty,
        profit,
        growth,
        flags,
        lifecycle,
        unpriced: lines.columns.unpriced,
        classes: table_classes,
    };
    Ok(Segmented { summary, table })
}
