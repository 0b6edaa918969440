//! Basket analysis: frequent itemsets (FP-growth), association rules, sequential patterns
//! (cSPADE semantics) and next-best-product recommendations.
//!
//! Pipeline:
//!
//! 1. [`Transactions`]: baskets of item ids, built from the columnar store
//!    ([`Transactions::from_lines`], one basket per order of purchase lines) or from basket-format
//!    text ([`Transactions::from_basket_lines`] of a session's basket-format file, one basket per line, like arules' `groceries.csv`).
//!    Items can be excluded by name; [`Transactions::suggest_exclusions`] proposes postage, fees
//!    and bags.
//! 2. [`fpgrowth`]: every frequent itemset (or the closed / maximal ones) with its support count.
//!    [`count_itemsets`] counts a run's output by length without storing it (the estimate shown
//!    before mining); `max_itemsets` refuses an explosion (checked as itemsets are found and before
//!    a single path's combinations are enumerated; with `estimate_first`, before anything is
//!    stored). Every long-running function has a `…_with_progress` twin taking a
//!    [`ProgressFn`] that can cancel.
//! 3. [`association_rules`]: rules `X → Y` with the mlxtend measures ([`Measures`]).
//! 4. [`Sequences`] and [`cspade`]: per customer, the baskets of each day in time order, frequent
//!    sequential patterns and "A, then B within N days" rules ([`sequence_rules`]).
//! 5. [`recommend`]: per customer, next-best products from rules and sequence rules.
//! 6. [`compare_segments`]: rules mined within two segments (say True Friends and Strangers),
//!    measured in both, ranked by how much their lift differs.
//!
//! Parameters follow the linfa convention: a plain, unchecked parameter struct with builder
//! methods ([`FpGrowthParams`], [`RuleParams`], [`SequenceParams`]) is validated by `check()` into
//! its `Valid…` twin, and every function takes the checked one. Errors are one enum,
//! [`BasketError`], with stable codes for the page's i18n. Results are plain serde-serialisable
//! data; item ids index the `items` name table of the [`Transactions`] they came from, and ids are
//! assigned in byte order of the names, so sorting ids sorts names.
//!
//! ## Conventions (what the goldens assume)
//!
//! - Minimum support as a share `s` means a count of at least `ceil(s × N)` baskets (a product
//!   that lands within 1e-9 of an integer is taken as that integer, so 0.1 × 30 needs 3).
//! - Rules follow arules: rule support is support(X ∪ Y), antecedents are non-empty, thresholds
//!   are inclusive, one-item consequents by default. Measures follow mlxtend, edge cases included
//!   (conviction is +∞ when confidence is 1; Zhang 0 when its denominator is 0; certainty 0 when
//!   the consequent is in every basket). In JSON, +∞ is written as the string `"Infinity"`
//!   (`Number("Infinity") === Infinity` in JavaScript); finite values are numbers.
//! - Sequences follow arulesSequences' `cspade`: support counts customers; consecutive elements
//!   are at least `mingap` (default 1) and at most `maxgap` days apart; first and last element at
//!   most `maxwin` days apart; rules take the last element as consequent.

mod fpgrowth;
mod measures;
mod params;
mod recommend;
mod rules;
mod segments;
mod sequences;
mod table;
mod transactions;
pub mod workbench;

use serde::Serialize;

pub use fpgrowth::{count_itemsets, fpgrowth, fpgrowth_with_progress, FrequentItemsets, Itemset, ItemsetCount};
pub use measures::Measures;
pub use params::{
    FpGrowthParams, MinSupport, RecommendParams, RuleParams, RuleSort, SequenceParams, Target, ValidFpGrowthParams,
    ValidRecommendParams, ValidRuleParams, ValidSequenceParams,
};
pub use recommend::{recommend, Recommendation, RecommendationSource};
pub use rules::{
    association_rules, association_rules_with_progress, rule_bound, rule_bytes, sort_rules, Rule, RuleBound, RuleSet,
};
pub use segments::{compare_segments, RuleContrast, SegmentComparison, SegmentStats};
pub use sequences::{
    cspade, cspade_with_progress, sequence_rules, SequencePattern, SequencePatterns, SequenceRule, Sequences,
};
pub use table::{
    csv_text_cell, item_frequencies, sequence_page, ItemFrequency, ItemRef, ItemSide, RuleColumn, RulePage, RuleQuery,
    RuleRow, RuleTable, SequencePage, SequenceRow,
};
pub use transactions::{BasketUnit, ExclusionReason, ExclusionSuggestion, ItemKey, ItemPricing, Transactions, GUEST};

/// Why a basket analysis could not run. `Display` is one English sentence; [`BasketError::code`]
/// is the stable i18n key.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BasketError {
    /// A parameter is out of its range.
    #[error("the parameter {name} must be {expected}; got {value}.")]
    InvalidParameter { name: &'static str, expected: &'static str, value: String },
    /// There are no baskets to analyse (after exclusions).
    #[error("there are no baskets to analyse; check the exclusion list and the file's purchase lines.")]
    NoBaskets,
    /// An item named in a filter or exclusion does not occur in the data.
    #[error("the item {name:?} does not occur in any basket.")]
    UnknownItem { name: String },
    /// Mining would produce more itemsets than the cap allows.
    #[error(
        "more than {cap} frequent itemsets at a minimum support of {min_count} baskets; raise the minimum support, set a maximum length, or raise the cap."
    )]
    TooManyItemsets { cap: usize, min_count: u32 },
    /// Rule generation would produce more rules than the cap allows.
    #[error("more than {cap} rules; raise the minimum confidence or support, or raise the cap.")]
    TooManyRules { cap: usize },
    /// Sequence mining would produce more patterns than the cap allows.
    #[error(
        "more than {cap} frequent sequences at a minimum support of {min_count} customers; raise the minimum support or tighten maxlen/maxgap."
    )]
    TooManySequences { cap: usize, min_count: u32 },
    /// Rules need every frequent itemset, not only the closed or maximal ones.
    #[error("association rules need all frequent itemsets; mine with the target \"all\", not closed or maximal.")]
    IncompleteItemsets,
    /// The items asked for (for example categories) are not in the data.
    #[error("the data has no {what}; choose another item key.")]
    NotAvailable { what: &'static str },
    /// Every file is one row per order (no products per order): there are no baskets to mine.
    #[error("the data has one row per order and no products per order, so there are no baskets to analyse; load the order lines (one row per product sold).")]
    OrderLevel,
    /// The progress callback asked to stop.
    #[error("the analysis was cancelled.")]
    Cancelled,
}

impl BasketError {
    /// The stable code of this error, used as the i18n key on the page.
    pub fn code(&self) -> &'static str {
        match self {
            BasketError::InvalidParameter { .. } => "basket.invalid_parameter",
            BasketError::NoBaskets => "basket.no_baskets",
            BasketError::UnknownItem { .. } => "basket.unknown_item",
            BasketError::TooManyItemsets { .. } => "basket.too_many_itemsets",
            BasketError::TooManyRules { .. } => "basket.too_many_rules",
            BasketError::TooManySequences { .. } => "basket.too_many_sequences",
            BasketError::IncompleteItemsets => "basket.incomplete_itemsets",
            BasketError::NotAvailable { .. } => "basket.not_available",
            BasketError::OrderLevel => "basket.order_level",
            BasketError::Cancelled => "basket.cancelled",
        }
    }
}

impl crate::error::Coded for BasketError {
    fn code(&self) -> &'static str {
        BasketError::code(self)
    }
    /// The variant's fields (and its `kind`), as serde writes them.
    fn params(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_else(|_| serde_json::json!({}))
    }
}

/// Which stage a progress report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Itemsets,
    Rules,
    Sequences,
    Recommendations,
}

/// A progress report: `done` of `total` units of the phase (top-level items, itemsets, …), and
/// the results found so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
    pub found: u64,
}

/// The callback type: return `false` to cancel (the function then returns
/// [`BasketError::Cancelled`]). Called at most every few milliseconds' worth of work.
pub type ProgressFn<'a> = &'a mut dyn FnMut(Progress) -> bool;

/// A progress callback that never cancels.
pub(crate) fn no_progress(_: Progress) -> bool {
    true
}

/// Itemsets and rules of one run, with the item names: the object `clientele rules --json`
/// prints and the page receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulesReport {
    pub version: &'static str,
    pub baskets: u32,
    /// Item names by id (the ids used in `rules`).
    pub items: Vec<String>,
    /// Display names by id (product names beside product ids); empty when the names are the ids.
    pub labels: Vec<String>,
    /// What one basket is.
    pub unit: BasketUnit,
    /// Baskets bought by guests (no customer id); they count like any other basket.
    pub guest_baskets: usize,
    /// Guest lines left out for want of an order id.
    pub guest_lines_skipped: u64,
    /// Baskets containing each item, by id.
    pub item_counts: Vec<u32>,
    /// Minimum support count used.
    pub min_count: u32,
    /// Number of frequent itemsets mined.
    pub itemsets: usize,
    /// Frequent itemsets by length: `itemsets_by_len[k]` itemsets of `k + 1` items.
    pub itemsets_by_len: Vec<usize>,
    /// Rules by total length (antecedent + consequent): `rules_by_len[k]` rules of `k` items.
    pub rules_by_len: Vec<usize>,
    pub rules: RuleSet,
    pub exclusion_suggestions: Vec<ExclusionSuggestion>,
}

/// Mines itemsets and rules in one call (what the CLI and the page run).
pub fn rules_report(
    tx: &Transactions,
    itemset_params: &ValidFpGrowthParams,
    rule_params: &ValidRuleParams,
    progress: ProgressFn<'_>,
) -> Result<RulesReport, BasketError> {
    let itemsets = fpgrowth_with_progress(tx, itemset_params, progress)?;
    let rules = rules::association_rules_with_progress(tx, &itemsets, rule_params, progress)?;
    let (itemsets_by_len, rules_by_len) = counts_by_len(&itemsets, &rules);
    Ok(RulesReport {
        version: crate::VERSION,
        baskets: tx.len() as u32,
        items: tx.items.clone(),
        labels: tx.labels.clone(),
        unit: tx.unit,
        guest_baskets: tx.guest_baskets(),
        guest_lines_skipped: tx.guest_lines_skipped,
        item_counts: tx.item_counts(),
        min_count: itemsets.min_count,
        itemsets: itemsets.itemsets.len(),
        itemsets_by_len,
        rules_by_len,
        rules,
        exclusion_suggestions: tx.suggest_exclusions(0.25),
    })
}

/// The report's counts: itemsets by length (index 0: one item) and rules by their number of
/// items (index = antecedent + consequent length).
pub(crate) fn counts_by_len(itemsets: &FrequentItemsets, rules: &rules::RuleSet) -> (Vec<usize>, Vec<usize>) {
    let mut itemsets_by_len = Vec::new();
    for s in &itemsets.itemsets {
        if itemsets_by_len.len() < s.items.len() {
            itemsets_by_len.resize(s.items.len(), 0);
        }
        itemsets_by_len[s.items.len() - 1] += 1;
    }
    let mut rules_by_len = Vec::new();
    for r in &rules.rules {
        let len = r.antecedent.len() + r.consequent.len();
        if rules_by_len.len() <= len {
            rules_by_len.resize(len + 1, 0);
        }
        rules_by_len[len] += 1;
    }
    (itemsets_by_len, rules_by_len)
}

/// Sequential patterns and sequence rules of one run, with item names: what
/// `clientele rules --sequences --json` prints and the page receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequencesReport {
    pub version: &'static str,
    /// Number of customers (sequences).
    pub customers: u32,
    /// Item names by id.
    pub items: Vec<String>,
    pub min_count: u32,
    pub mingap: u32,
    pub maxgap: Option<u32>,
    pub maxwin: Option<u32>,
    /// Number of frequent patterns.
    pub patterns: usize,
    /// Patterns by number of elements: `patterns_by_len[k]` patterns of `k` elements.
    pub patterns_by_len: Vec<usize>,
    pub min_confidence: f64,
    /// Sequence rules, by lift, confidence, support, then ids.
    pub rules: Vec<SequenceRule>,
}

/// Mines sequential patterns per customer and induces the rules (what the CLI and the page run).
pub fn sequences_report(
    tx: &Transactions,
    params: &ValidSequenceParams,
    min_confidence: f64,
    progress: ProgressFn<'_>,
) -> Result<SequencesReport, BasketError> {
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(BasketError::InvalidParameter {
            name: "min_confidence",
            expected: "in [0, 1]",
            value: min_confidence.to_string(),
        });
    }
    let seqs = Sequences::from_transactions(tx)?;
    let pats = sequences::cspade_with_progress(&seqs, params, progress)?;
    let mut patterns_by_len = Vec::new();
    for p in &pats.patterns {
        if patterns_by_len.len() <= p.elements.len() {
            patterns_by_len.resize(p.elements.len() + 1, 0);
        }
        patterns_by_len[p.elements.len()] += 1;
    }
    Ok(SequencesReport {
        version: crate::VERSION,
        customers: pats.sequences,
        items: seqs.items.clone(),
        min_count: pats.min_count,
        mingap: pats.mingap,
        maxgap: pats.maxgap,
        maxwin: pats.maxwin,
        patterns: pats.patterns.len(),
        patterns_by_len,
        min_confidence,
        rules: sequence_rules(&pats, min_confidence),
    })
}
