//! The basket analyses as the page (and the CLI) runs them.
//!
//! [`BasketSettings`] and [`SequenceSettings`] are the settings as a user gives them (camelCase
//! in JSON, every field defaulted); their one validation turns them into the algorithms'
//! checked params ([`BasketSettings::itemset_params`], [`BasketSettings::rule_params`],
//! [`SequenceSettings::params`]). A [`Workbench`] keeps the baskets of each item key, the last
//! mining and the last sequence run, and mines again only when the settings differ, so a
//! replaced worker answers the same. Rules stay in a [`RuleTable`] read window by window.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{
    compare_segments, count_itemsets, cspade_with_progress, item_frequencies, recommend, rules_report, sequence_page,
    sequence_rules, BasketError, BasketUnit, ExclusionSuggestion, FpGrowthParams, ItemFrequency, ItemKey, ItemRef,
    ItemSide, MinSupport, ProgressFn, RecommendParams, RecommendationSource, RulePage, RuleParams, RuleQuery,
    RuleTable, RulesReport, SegmentStats, SequencePage, SequenceParams, SequencePatterns, SequenceRule, Sequences,
    Transactions, ValidFpGrowthParams, ValidRuleParams, ValidSequenceParams,
};
use crate::model::LineItems;

/// Itemsets mined at most in one run (a browser tab's memory): the estimate refuses above.
pub const MAX_ITEMSETS: usize = 1_000_000;
/// Rules kept at most.
pub const MAX_RULES: usize = 2_000_000;
/// Items named in the prepared view and after a mining.
const TOP_ITEMS: usize = 30;
/// The share of baskets above which an item is suggested for exclusion as near-universal.
const UNIVERSAL_SHARE: f64 = 0.25;

/// How a minimum support is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportKind {
    /// A share of the baskets (or customers) in (0, 1].
    #[default]
    Share,
    /// A whole count of at least 1.
    Count,
}

impl MinSupport {
    /// The one reading of a minimum-support setting: as `kind` says when given; else (the CLI's
    /// `--min-support`) a whole number above 1 is a count and anything else a share. A share is
    /// range-checked by the params' `check()`; a count must be whole and at least 1 (counts above
    /// `u32::MAX` are `u32::MAX`).
    pub fn from_setting(value: f64, kind: Option<SupportKind>) -> Result<MinSupport, BasketError> {
        let whole = value.is_finite() && value.fract() == 0.0;
        match kind {
            Some(SupportKind::Share) => Ok(MinSupport::Share(value)),
            Some(SupportKind::Count) if whole && value >= 1.0 => {
                Ok(MinSupport::Count(value.min(f64::from(u32::MAX)) as u32))
            }
            Some(SupportKind::Count) => Err(BasketError::InvalidParameter {
                name: "min_support",
                expected: "a share in (0, 1] or a count of at least 1",
                value: value.to_string(),
            }),
            None if whole && value > 1.0 => Ok(MinSupport::Count(value.min(f64::from(u32::MAX)) as u32)),
            None => Ok(MinSupport::Share(value)),
        }
    }
}

/// The mining settings as the user gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct BasketSettings {
    /// What an item is: `product` or `category`.
    pub items: ItemKey,
    /// Item names to leave out.
    pub exclude: Vec<String>,
    /// A share in (0, 1] or a basket count, as `support_kind` says.
    pub min_support: f64,
    pub support_kind: SupportKind,
    pub min_confidence: f64,
    pub min_lift: f64,
    pub max_len: Option<usize>,
    /// An item name that must appear in every rule, on `must_side`.
    pub must_contain: Option<String>,
    pub must_side: ItemSide,
    pub multi_consequent: bool,
    pub prune_redundant: bool,
}

impl Default for BasketSettings {
    fn default() -> Self {
        let rules = RuleParams::default();
        BasketSettings {
            items: ItemKey::Product,
            exclude: Vec::new(),
            min_support: 0.01,
            support_kind: SupportKind::Share,
            min_confidence: rules.min_confidence,
            min_lift: rules.min_lift,
            max_len: None,
            must_contain: None,
            must_side: ItemSide::Either,
            multi_consequent: rules.multi_consequent,
            prune_redundant: rules.prune_redundant,
        }
    }
}

impl BasketSettings {
    /// The itemset params (capped at [`MAX_ITEMSETS`]).
    pub fn itemset_params(&self) -> Result<ValidFpGrowthParams, BasketError> {
        self.itemsets()?.check()
    }

    /// The itemset settings before their check.
    fn itemsets(&self) -> Result<FpGrowthParams, BasketError> {
        Ok(FpGrowthParams::default()
            .min_support(MinSupport::from_setting(self.min_support, Some(self.support_kind))?)
            .max_len(self.max_len)
            .max_itemsets(MAX_ITEMSETS))
    }

    /// The must-contain item, when one is named.
    fn must(&self) -> Option<&str> {
        self.must_contain.as_deref().filter(|s| !s.is_empty())
    }

    /// The rule params (capped at [`MAX_RULES`]): a must-contain item on one side filters while
    /// mining; on either side, [`Workbench::mine`] filters after.
    pub fn rule_params(&self) -> Result<ValidRuleParams, BasketError> {
        let must: Vec<String> = self.must().map(str::to_owned).into_iter().collect();
        let (ante, cons) = match self.must_side {
            ItemSide::Antecedent => (must, Vec::new()),
            ItemSide::Consequent => (Vec::new(), must),
            ItemSide::Either => (Vec::new(), Vec::new()),
        };
        RuleParams::new(self.min_confidence)
            .min_lift(self.min_lift)
            .multi_consequent(self.multi_consequent)
            .prune_redundant(self.prune_redundant)
            .antecedent_any(ante)
            .consequent_any(cons)
            .max_rules(MAX_RULES)
            .check()
    }
}

/// The sequence settings as the user gives them (days).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SequenceSettings {
    /// A share of customers in (0, 1].
    pub min_support: f64,
    pub min_confidence: f64,
    pub mingap: u32,
    pub maxgap: Option<u32>,
    pub maxwin: Option<u32>,
    /// Elements in a sequence at most.
    pub max_len: usize,
}

impl Default for SequenceSettings {
    fn default() -> Self {
        SequenceSettings {
            min_support: 0.01,
            min_confidence: 0.1,
            mingap: 1,
            maxgap: Some(90),
            maxwin: None,
            max_len: 3,
        }
    }
}

impl SequenceSettings {
    /// The cSPADE params (capped at [`MAX_ITEMSETS`] patterns), with the confidence checked.
    pub fn params(&self) -> Result<ValidSequenceParams, BasketError> {
        if !(0.0..=1.0).contains(&self.min_confidence) {
            return Err(BasketError::InvalidParameter {
                name: "min_confidence",
                expected: "in [0, 1]",
                value: self.min_confidence.to_string(),
            });
        }
        SequenceParams::new(self.min_support)
            .mingap(self.mingap)
            .maxgap(self.maxgap)
            .maxwin(self.maxwin)
            .maxlen(self.max_len.max(1))
            .max_patterns(MAX_ITEMSETS)
            .check()
    }
}

/// A window of the sequence rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SequenceQuery {
    /// Words that must each occur in some item of the rule.
    pub search: String,
    pub offset: usize,
    pub limit: usize,
}

impl Default for SequenceQuery {
    fn default() -> Self {
        SequenceQuery { search: String::new(), offset: 0, limit: 50 }
    }
}

/// The baskets before mining: counts, the unit, guests, exclusion suggestions, the most
/// frequent items and every item's names (for the pickers).
#[derive(Debug, Serialize)]
pub struct Prepared<'a> {
    pub baskets: usize,
    pub items: usize,
    pub unit: BasketUnit,
    pub guest_baskets: usize,
    pub guest_lines_skipped: u64,
    /// Mean distinct items per basket.
    pub mean_basket_size: f64,
    /// Every file is one row per order: rules cannot be mined (sequences can).
    pub order_level: bool,
    pub has_category: bool,
    pub exclusion_suggestions: Vec<ExclusionSuggestion>,
    pub top_items: Vec<ItemFrequency>,
    pub item_names: &'a [String],
    pub item_labels: Vec<&'a str>,
}

/// The summary of one mining run.
#[derive(Debug, Serialize)]
pub struct MineSummary<'a> {
    #[serde(flatten)]
    pub report: &'a RulesReport,
    /// The rule count (`report.rules.rules` is empty: rules are read by window).
    pub rule_count: usize,
    pub top_items: Vec<ItemFrequency>,
}

/// The last mining: its settings, baskets after exclusions, summary and rules.
#[derive(Debug)]
pub struct Mined {
    pub settings: BasketSettings,
    pub tx: Transactions,
    pub summary: RulesReport,
    pub table: RuleTable,
}

/// The last sequence run.
#[derive(Debug)]
struct SequenceRun {
    settings: (BasketSettings, SequenceSettings),
    seqs: Sequences,
    patterns: SequencePatterns,
    rules: Vec<SequenceRule>,
}

/// The sequences summary and a window of the sequence rules.
#[derive(Debug, Serialize)]
pub struct SequencesView {
    pub customers: u32,
    pub min_count: u32,
    pub mingap: u32,
    pub maxgap: Option<u32>,
    pub maxwin: Option<u32>,
    pub patterns: usize,
    pub min_confidence: f64,
    pub page: SequencePage,
}

/// Which two segments of which scheme to compare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CompareRequest {
    /// `quadrant`, `rfm11`, `rfm8` or `tier`.
    pub scheme: String,
    pub a: String,
    pub b: String,
    /// Rules returned (by |lift difference|), default 50, at most 1,000.
    pub limit: Option<usize>,
}

impl Default for CompareRequest {
    fn default() -> Self {
        CompareRequest { scheme: "quadrant".into(), a: "true_friends".into(), b: "strangers".into(), limit: None }
    }
}

/// A segment the page can pick: its key, names and customers with baskets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentChoice {
    pub key: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
    pub customers: usize,
}

/// One rule measured in both segments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContrastRow {
    pub antecedent: Vec<ItemRef>,
    pub consequent: Vec<ItemRef>,
    pub a: SegmentStats,
    pub b: SegmentStats,
    pub lift_difference: f64,
    pub found_in: &'static str,
}

/// Rules mined within two segments, by how much their lift differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentContrast {
    pub scheme: String,
    pub segments: Vec<SegmentChoice>,
    pub names: [String; 2],
    pub baskets: [u32; 2],
    /// Rules found in either segment (before `limit`).
    pub total: usize,
    pub rules: Vec<ContrastRow>,
}

/// What the basket analyses keep between calls.
#[derive(Debug, Default)]
pub struct Workbench {
    /// Baskets before exclusions, per item key.
    base: Option<(ItemKey, Transactions)>,
    mined: Option<Mined>,
    sequences: Option<SequenceRun>,
}

impl Workbench {
    /// The baskets for an item key, before exclusions (built once per key).
    fn base(&mut self, lines: &LineItems, key: ItemKey) -> Result<&Transactions, BasketError> {
        if !matches!(&self.base, Some((k, _)) if *k == key) {
            self.base = Some((key, Transactions::from_lines(lines, key)?));
        }
        self.base.as_ref().map(|(_, tx)| tx).ok_or(BasketError::NoBaskets)
    }

    /// The baskets after the settings' exclusions (never empty).
    fn baskets(&mut self, lines: &LineItems, s: &BasketSettings) -> Result<Transactions, BasketError> {
        let base = self.base(lines, s.items)?;
        let tx = if s.exclude.is_empty() { base.clone() } else { base.exclude(&s.exclude)? };
        if tx.is_empty() {
            return Err(BasketError::NoBaskets);
        }
        Ok(tx)
    }

    /// The baskets of `s.items` before mining.
    pub fn prepare(&mut self, lines: &LineItems, s: &BasketSettings) -> Result<Prepared<'_>, BasketError> {
        let (order_level, has_category) = (lines.columns.order_level, lines.columns.category);
        let tx = self.base(lines, s.items)?;
        Ok(Prepared {
            baskets: tx.len(),
            items: tx.items.len(),
            unit: tx.unit,
            guest_baskets: tx.guest_baskets(),
            guest_lines_skipped: tx.guest_lines_skipped,
            mean_basket_size: tx.nnz() as f64 / tx.len().max(1) as f64,
            order_level,
            has_category,
            exclusion_suggestions: tx.suggest_exclusions(UNIVERSAL_SHARE),
            top_items: item_frequencies(tx, TOP_ITEMS),
            item_names: &tx.items,
            item_labels: (0..tx.items.len() as u32).map(|i| tx.label(i)).collect(),
        })
    }

    /// Mines itemsets and rules with `s` unless the kept run has these settings, after an
    /// estimate that refuses more than [`MAX_ITEMSETS`] itemsets before storing any.
    pub fn mine(
        &mut self,
        lines: &LineItems,
        s: &BasketSettings,
        progress: ProgressFn<'_>,
    ) -> Result<&mut Mined, BasketError> {
        if let Some(m) = self.mined.take().filter(|m| m.settings == *s) {
            return Ok(self.mined.insert(m));
        }
        if lines.columns.order_level {
            return Err(BasketError::OrderLevel);
        }
        let tx = self.baskets(lines, s)?;
        let ip = s.itemset_params()?;
        let rp = s.rule_params()?;
        let estimate = count_itemsets(&tx, &ip, MAX_ITEMSETS as u64, progress)?;
        if !estimate.complete {
            return Err(BasketError::TooManyItemsets { cap: MAX_ITEMSETS, min_count: estimate.min_count });
        }
        let mut report = rules_report(&tx, &ip, &rp, progress)?;
        let mut set = report.rules.clone();
        set.rules = std::mem::take(&mut report.rules.rules);
        if s.must_side == ItemSide::Either {
            if let Some(name) = s.must() {
                let id = tx.item_id(name).ok_or_else(|| BasketError::UnknownItem { name: name.into() })?;
                set.rules.retain(|r| r.antecedent.contains(&id) || r.consequent.contains(&id));
            }
        }
        // Suggestions from the baskets before exclusions, so excluded items stay listed.
        report.exclusion_suggestions = self.base(lines, s.items)?.suggest_exclusions(UNIVERSAL_SHARE);
        let table = RuleTable::new(&tx, set);
        Ok(self.mined.insert(Mined { settings: s.clone(), tx, summary: report, table }))
    }

    /// The summary of the mining with `s` (mined now unless kept).
    pub fn mine_summary(
        &mut self,
        lines: &LineItems,
        s: &BasketSettings,
        progress: ProgressFn<'_>,
    ) -> Result<MineSummary<'_>, BasketError> {
        let m = self.mine(lines, s, progress)?;
        Ok(MineSummary { report: &m.summary, rule_count: m.table.len(), top_items: item_frequencies(&m.tx, TOP_ITEMS) })
    }

    /// A window of the rules of `s`.
    pub fn rules_page(
        &mut self,
        lines: &LineItems,
        s: &BasketSettings,
        q: &RuleQuery,
    ) -> Result<RulePage, BasketError> {
        let m = self.mine(lines, s, &mut |_| true)?;
        Ok(m.table.page(&normalised(q)))
    }

    /// Every rule of `s` matching `q`, in its order, as UTF-8 CSV (formula-safe cells).
    pub fn rules_csv(&mut self, lines: &LineItems, s: &BasketSettings, q: &RuleQuery) -> Result<String, BasketError> {
        let m = self.mine(lines, s, &mut |_| true)?;
        Ok(m.table.csv(&normalised(q)))
    }

    /// The `top` most frequent items of the baskets of `s` (after exclusions).
    pub fn items(
        &mut self,
        lines: &LineItems,
        s: &BasketSettings,
        top: usize,
    ) -> Result<Vec<ItemFrequency>, BasketError> {
        Ok(item_frequencies(&self.baskets(lines, s)?, top))
    }

    /// Runs cSPADE on the baskets of `s` (after exclusions; support counts customers, guests
    /// take no part) unless the kept run has these settings.
    fn sequence_run(
        &mut self,
        lines: &LineItems,
        s: &BasketSettings,
        ss: &SequenceSettings,
        progress: ProgressFn<'_>,
    ) -> Result<&SequenceRun, BasketError> {
        if let Some(run) = self.sequences.take().filter(|r| r.settings.0 == *s && r.settings.1 == *ss) {
            return Ok(self.sequences.insert(run));
        }
        let tx = self.baskets(lines, s)?;
        let sp = ss.params()?;
        let seqs = Sequences::from_transactions(&tx)?;
        let patterns = cspade_with_progress(&seqs, &sp, progress)?;
        let rules = sequence_rules(&patterns, ss.min_confidence);
        Ok(self.sequences.insert(SequenceRun { settings: (s.clone(), ss.clone()), seqs, patterns, rules }))
    }

    /// Sequential patterns per customer ("A, then B within [mingap, maxgap] days") and a window
    /// of the sequence rules.
    pub fn sequences(
        &mut self,
        lines: &LineItems,
        s: &BasketSettings,
        ss: &SequenceSettings,
        q: &SequenceQuery,
        progress: ProgressFn<'_>,
    ) -> Result<SequencesView, BasketError> {
        self.sequence_run(lines, s, ss, progress)?;
        let (Some(run), Some((_, tx))) = (self.sequences.as_ref(), self.base.as_ref()) else {
            return Err(BasketError::NoBaskets);
        };
        Ok(SequencesView {
            customers: run.patterns.sequences,
            min_count: run.patterns.min_count,
            mingap: run.patterns.mingap,
            maxgap: run.patterns.maxgap,
            maxwin: run.patterns.maxwin,
            patterns: run.patterns.patterns.len(),
            min_confidence: ss.min_confidence,
            page: sequence_page(&run.rules, &tx.items, &tx.labels, &q.search, q.offset, q.limit),
        })
    }

    /// Up to `top_n` next-best products per customer from the rules of `s` and the sequence
    /// rules of `ss`, as CSV: customer, rank, item, name, confidence, lift, source and the rule
    /// behind it (formula-safe cells).
    pub fn recommendations_csv(
        &mut self,
        lines: &LineItems,
        s: &BasketSettings,
        ss: &SequenceSettings,
        top_n: usize,
    ) -> Result<String, BasketError> {
        let params = RecommendParams { top_n, ..RecommendParams::default() }.check()?;
        self.mine(lines, s, &mut |_| true)?;
        self.sequence_run(lines, s, ss, &mut |_| true)?;
        let (Some(m), Some(run)) = (self.mined.as_ref(), self.sequences.as_ref()) else {
            return Err(BasketError::NoBaskets);
        };
        let recs = recommend(&m.tx, m.table.rules(), Some((&run.seqs, &run.patterns, &run.rules)), &params)?;
        let cell = crate::csv_out::text_cell;
        let label = |x: &u32| m.tx.label(*x);
        let mut out = String::from("customer,rank,item,item_name,confidence,lift,source,because\n");
        for r in &recs {
            let (kind, because) = match r.source {
                RecommendationSource::Rule(i) => {
                    ("rule", m.table.rules()[i].antecedent.iter().map(label).collect::<Vec<_>>().join(" + "))
                }
                RecommendationSource::Sequence(i) => {
                    let steps: Vec<String> = run.rules[i]
                        .antecedent
                        .iter()
                        .map(|el| el.iter().map(label).collect::<Vec<_>>().join(" + "))
                        .collect();
                    ("sequence", steps.join(" > "))
                }
            };
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                cell(&r.customer_name),
                r.rank,
                cell(&r.item_name),
                cell(&r.item_label),
                r.score,
                r.lift,
                kind,
                cell(&because)
            ));
        }
        Ok(out)
    }

    /// Rules mined with `s` within segment `w.a` and within segment `w.b` of a scheme of
    /// `segments` (the segmentation's customer table), measured in both and ordered by how much
    /// their lift differs. Guest baskets belong to no segment. `advice` lists each scheme's
    /// segments with their names (the segmentation's advice), for the pickers.
    pub fn compare(
        &mut self,
        lines: &LineItems,
        s: &BasketSettings,
        segments: &crate::segment::Segmented,
        w: &CompareRequest,
    ) -> Result<SegmentContrast, crate::error::Error> {
        if !["quadrant", "rfm11", "rfm8", "tier"].contains(&w.scheme.as_str()) {
            return Err(crate::segment::SegmentError::UnknownScheme { scheme: w.scheme.clone() }.into());
        }
        let by_key = segments.table.segment_of_keys(&w.scheme)?;
        let tx = self.baskets(lines, s)?;
        let Some(customer) = tx.customer.as_ref() else {
            return Err(BasketError::NotAvailable { what: "customer of each basket" }.into());
        };
        // Segment of each basket (None for guests and customers the segmentation lacks).
        let seg_of: Vec<Option<&str>> = customer
            .iter()
            .map(|&c| tx.customers.get(c as usize).and_then(|k| by_key.get(k.as_str())).map(String::as_str))
            .collect();
        let mut counts: FxHashMap<&str, FxHashSet<u32>> = FxHashMap::default();
        for (b, sg) in seg_of.iter().enumerate() {
            if let Some(sg) = sg {
                counts.entry(sg).or_default().insert(customer[b]);
            }
        }
        let choices: Vec<SegmentChoice> = segments
            .summary
            .advice
            .iter()
            .filter(|a| a.scheme == w.scheme)
            .map(|a| SegmentChoice {
                key: a.key,
                name_en: a.name_en,
                name_zh: a.name_zh,
                customers: counts.get(a.key).map_or(0, |c| c.len()),
            })
            .collect();
        let a = tx.filter_baskets(|i| seg_of[i] == Some(w.a.as_str()));
        let b = tx.filter_baskets(|i| seg_of[i] == Some(w.b.as_str()));
        if a.is_empty() {
            return Err(BasketError::NotAvailable { what: "basket in the first segment" }.into());
        }
        if b.is_empty() {
            return Err(BasketError::NotAvailable { what: "basket in the second segment" }.into());
        }
        let ip = s.itemsets()?.estimate_first(true).check()?;
        let rp = RuleParams::new(s.min_confidence).min_lift(s.min_lift).max_rules(MAX_RULES).check()?;
        let cmp = compare_segments(&a, &b, [&w.a, &w.b], &ip, &rp)?;
        let item = |x: u32| ItemRef { id: x, name: tx.items[x as usize].clone(), label: tx.label(x).to_owned() };
        let rules = cmp
            .rules
            .iter()
            .take(w.limit.unwrap_or(50).min(1_000))
            .map(|r| ContrastRow {
                antecedent: r.antecedent.iter().map(|&x| item(x)).collect(),
                consequent: r.consequent.iter().map(|&x| item(x)).collect(),
                a: r.a,
                b: r.b,
                lift_difference: r.lift_difference,
                found_in: r.found_in,
            })
            .collect();
        Ok(SegmentContrast {
            scheme: w.scheme.clone(),
            segments: choices,
            names: cmp.names.clone(),
            baskets: cmp.baskets,
            total: cmp.rules.len(),
            rules,
        })
    }
}

/// The query with an empty item filter read as none.
fn normalised(q: &RuleQuery) -> RuleQuery {
    RuleQuery { item: q.item.clone().filter(|s| !s.is_empty()), ..q.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reading_of_min_support() {
        let share = Some(SupportKind::Share);
        let count = Some(SupportKind::Count);
        assert_eq!(MinSupport::from_setting(0.01, share), Ok(MinSupport::Share(0.01)));
        assert_eq!(MinSupport::from_setting(12.0, count), Ok(MinSupport::Count(12)));
        assert_eq!(MinSupport::from_setting(1.0, count), Ok(MinSupport::Count(1)));
        assert!(MinSupport::from_setting(2.5, count).is_err());
        assert!(MinSupport::from_setting(0.0, count).is_err());
        assert!(MinSupport::from_setting(f64::NAN, count).is_err());
        assert_eq!(MinSupport::from_setting(1e12, count), Ok(MinSupport::Count(u32::MAX)));
        // The CLI's reading: a whole number above 1 is a count, anything else a share.
        assert_eq!(MinSupport::from_setting(40.0, None), Ok(MinSupport::Count(40)));
        assert_eq!(MinSupport::from_setting(1.0, None), Ok(MinSupport::Share(1.0)));
        assert_eq!(MinSupport::from_setting(0.5, None), Ok(MinSupport::Share(0.5)));
        assert_eq!(MinSupport::from_setting(1.5, None), Ok(MinSupport::Share(1.5)));
        // A share out of range is refused by the one check.
        let s = BasketSettings { min_support: 1.5, ..BasketSettings::default() };
        assert_eq!(s.itemset_params().unwrap_err().code(), "basket.invalid_parameter");
    }

    #[test]
    fn settings_validate_once() {
        let s = BasketSettings { min_confidence: 1.2, ..BasketSettings::default() };
        assert!(s.rule_params().is_err());
        let s = BasketSettings {
            must_contain: Some("A".into()),
            must_side: ItemSide::Consequent,
            ..BasketSettings::default()
        };
        let rp = s.rule_params().unwrap();
        assert_eq!((rp.antecedent_any.len(), rp.consequent_any.clone()), (0, vec!["A".to_owned()]));
        assert!(SequenceSettings { min_confidence: -0.1, ..SequenceSettings::default() }.params().is_err());
        assert!(SequenceSettings { mingap: 0, ..SequenceSettings::default() }.params().is_err());
        assert_eq!(SequenceSettings::default().params().unwrap().maxgap, Some(90));
        let json = serde_json::json!({ "items": "category", "minSupport": 3, "supportKind": "count" });
        let s: BasketSettings = serde_json::from_value(json).unwrap();
        assert_eq!((s.items, s.itemset_params().unwrap().min_support()), (ItemKey::Category, MinSupport::Count(3)));
        assert!(serde_json::from_value::<BasketSettings>(serde_json::json!({ "minSuport": 3 })).is_err());
    }
}
