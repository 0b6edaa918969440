//! The basket operations of [`super::Analysis`] (see the module docs of `crate::wasm`).
//!
//! Every operation takes the page's mining settings ([`JsSettings`], camelCase) and mines again
//! only when they differ from the kept ones, so a worker that was replaced (after a cancel)
//! answers the same. The rules stay here in a [`RuleTable`] and are read window by window
//! (`basketRules`), sorted, filtered and searched in the core; results are the core's plain
//! serde data (snake_case, as `clientele rules --json` prints them).
//!
//! | method | returns |
//! |---|---|
//! | `basketPrepare({items, exclude})` | baskets, items, exclusion suggestions, top items |
//! | `basketMine(settings, progress?)` | the run's summary (the `RulesReport` without its rules) and its estimate |
//! | `basketRules(settings, query)` | a [`crate::basket::RulePage`] |
//! | `basketRulesCsv(settings, query)` | every matching rule as CSV bytes |
//! | `basketItems(settings, top)` | the most frequent items |
//! | `basketSequences(settings, seqSettings, query, progress?)` | the sequences summary and a page of sequence rules |
//! | `basketRecommendationsCsv(settings, seqSettings, topN)` | next-best products per customer as CSV bytes |
//! | `basketCompare(settings, segmentOptions, {scheme, a, b})` | rules mined within two segments, by lift difference |

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::basket::{
    self, count_itemsets, item_frequencies, sequence_page, BasketError, FpGrowthParams, ItemFrequency, ItemKey,
    ItemSide, MinSupport, Progress, RecommendParams, RuleParams, RuleQuery, RuleTable, RulesReport, SequenceParams,
    SequencePatterns, SequenceRule, Sequences, Transactions,
};

use super::{to_js, Analysis};

/// Itemsets the page will mine at most (a browser tab's memory): the estimate refuses above.
const MAX_ITEMSETS: usize = 1_000_000;
/// Rules the page keeps at most.
const MAX_RULES: usize = 2_000_000;

/// What the basket operations keep between calls.
#[derive(Debug, Default)]
pub(super) struct State {
    /// Baskets before exclusions, per item key.
    base: Option<(ItemKey, Transactions)>,
    /// The last mining: its settings, baskets after exclusions, summary and rules.
    mined: Option<Mined>,
    /// The last sequence run: its settings and results.
    sequences: Option<(JsSettings, JsSequenceSettings, SequenceRun)>,
}

#[derive(Debug)]
struct Mined {
    settings: JsSettings,
    tx: Transactions,
    summary: RulesReport,
    table: RuleTable,
}

#[derive(Debug)]
struct SequenceRun {
    seqs: Sequences,
    patterns: SequencePatterns,
    rules: Vec<SequenceRule>,
}

/// The page's mining settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct JsSettings {
    /// `"product"` or `"category"`.
    items: String,
    /// Item names to leave out.
    exclude: Vec<String>,
    /// A share in (0, 1] when `supportKind` is `"share"`, else a basket count.
    min_support: f64,
    support_kind: String,
    min_confidence: f64,
    min_lift: f64,
    max_len: Option<usize>,
    /// An item name that must appear in every rule, on `mustSide` (`either`, `antecedent`,
    /// `consequent`).
    must_contain: Option<String>,
    must_side: String,
    multi_consequent: bool,
    prune_redundant: bool,
}

impl Default for JsSettings {
    fn default() -> Self {
        JsSettings {
            items: "product".into(),
            exclude: Vec::new(),
            min_support: 0.01,
            support_kind: "share".into(),
            min_confidence: 0.5,
            min_lift: 0.0,
            max_len: None,
            must_contain: None,
            must_side: "either".into(),
            multi_consequent: false,
            prune_redundant: false,
        }
    }
}

/// The page's sequence settings (days).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct JsSequenceSettings {
    /// A share of customers in (0, 1].
    min_support: f64,
    min_confidence: f64,
    mingap: u32,
    maxgap: Option<u32>,
    maxwin: Option<u32>,
    max_len: usize,
}

impl Default for JsSequenceSettings {
    fn default() -> Self {
        JsSequenceSettings { min_support: 0.01, min_confidence: 0.1, mingap: 1, maxgap: Some(90), maxwin: None, max_len: 3 }
    }
}

/// A window of a table (rules or sequences), camelCase.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct JsQuery {
    sort: basket::RuleColumn,
    descending: bool,
    search: String,
    min_support: Option<f64>,
    min_confidence: Option<f64>,
    min_lift: Option<f64>,
    item: Option<String>,
    item_side: ItemSide,
    max_len: Option<usize>,
    offset: usize,
    limit: usize,
}

impl Default for JsQuery {
    fn default() -> Self {
        let q = RuleQuery::default();
        JsQuery {
            sort: q.sort,
            descending: q.descending,
            search: q.search,
            min_support: None,
            min_confidence: None,
            min_lift: None,
            item: None,
            item_side: q.item_side,
            max_len: None,
            offset: 0,
            limit: q.limit,
        }
    }
}

impl From<JsQuery> for RuleQuery {
    fn from(q: JsQuery) -> RuleQuery {
        RuleQuery {
            sort: q.sort,
            descending: q.descending,
            search: q.search,
            min_support: q.min_support,
            min_confidence: q.min_confidence,
            min_lift: q.min_lift,
            item: q.item.filter(|s| !s.is_empty()),
            item_side: q.item_side,
            max_len: q.max_len,
            offset: q.offset,
            limit: q.limit,
        }
    }
}

/// A basket error as the one plain error object (`{code, params, file, row, column, message}`).
fn basket_error(e: &BasketError) -> JsValue {
    let params = serde_json::to_value(e).unwrap_or(serde_json::Value::Null);
    let report = serde_json::json!({
        "code": e.code(), "params": params, "file": null, "row": null, "column": null, "message": e.to_string(),
    });
    to_js(&report).unwrap_or_else(|e| e)
}

/// Arguments the page sent that are not what the operation takes.
fn bad_args(what: &str, detail: &str) -> JsValue {
    let report = serde_json::json!({
        "code": "basket.bad_args", "params": { "what": what, "detail": detail },
        "file": null, "row": null, "column": null, "message": format!("{what}: {detail}"),
    });
    to_js(&report).unwrap_or_else(|e| e)
}

fn from_js<T: for<'de> Deserialize<'de> + Default>(value: JsValue, what: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        serde_wasm_bindgen::from_value(value).map_err(|e| bad_args(what, &e.to_string()))
    }
}

fn item_key(s: &str) -> Result<ItemKey, JsValue> {
    match s {
        "product" => Ok(ItemKey::Product),
        "category" => Ok(ItemKey::Category),
        other => Err(bad_args("items", &format!("{other:?} is not product or category"))),
    }
}

/// A progress callback for the core from an optional JS function `({phase, done, total, found})`.
/// The page cancels by terminating the worker, so this never asks the core to stop.
fn progress_fn(progress: &JsValue) -> impl FnMut(Progress) -> bool + '_ {
    move |p: Progress| {
        if let Some(f) = progress.dyn_ref::<js_sys::Function>() {
            if let Ok(v) = to_js(&p) {
                let _ = f.call1(&JsValue::NULL, &v);
            }
        }
        true
    }
}

/// What the page shows before mining: the baskets and the suggested exclusions.
#[derive(Debug, Serialize)]
struct Prepared<'a> {
    baskets: usize,
    items: usize,
    unit: basket::BasketUnit,
    guest_baskets: usize,
    guest_lines_skipped: u64,
    /// Mean distinct items per basket.
    mean_basket_size: f64,
    /// Every file is one row per order: rules cannot be mined (sequences can).
    order_level: bool,
    has_category: bool,
    exclusion_suggestions: Vec<basket::ExclusionSuggestion>,
    top_items: Vec<ItemFrequency>,
    /// Names and display names of every item (for the must-contain and exclusion pickers).
    item_names: &'a [String],
    item_labels: Vec<&'a str>,
}

/// The summary of one mining run.
#[derive(Debug, Serialize)]
struct MineSummary<'a> {
    #[serde(flatten)]
    report: &'a RulesReport,
    /// The rule count (`report.rules.rules` is left empty: rules are read by window).
    rule_count: usize,
    top_items: Vec<ItemFrequency>,
}

impl Analysis {
    /// The baskets for an item key, before exclusions (built once per key).
    fn basket_base(&mut self, key: ItemKey) -> Result<&Transactions, JsValue> {
        if !matches!(&self.basket.base, Some((k, _)) if *k == key) {
            let tx = Transactions::from_lines(self.session.lines(), key).map_err(|e| basket_error(&e))?;
            self.basket.base = Some((key, tx));
        }
        self.basket.base.as_ref().map(|(_, t)| t).ok_or_else(|| bad_args("baskets", "none"))
    }

    /// The baskets after the settings' exclusions.
    fn basket_tx(&mut self, s: &JsSettings) -> Result<Transactions, JsValue> {
        let key = item_key(&s.items)?;
        let base = self.basket_base(key)?;
        let tx = if s.exclude.is_empty() { base.clone() } else { base.exclude(&s.exclude).map_err(|e| basket_error(&e))? };
        if tx.is_empty() {
            return Err(basket_error(&BasketError::NoBaskets));
        }
        Ok(tx)
    }

    /// Mines unless the kept run has these settings.
    fn basket_mined(&mut self, settings: JsSettings, progress: &JsValue) -> Result<&mut Mined, JsValue> {
        if !matches!(&self.basket.mined, Some(m) if m.settings == settings) {
            self.basket.mined = None;
            if self.session.lines().columns.order_level {
                return Err(basket_error(&BasketError::OrderLevel));
            }
            let tx = self.basket_tx(&settings)?;
            let support = match settings.support_kind.as_str() {
                "share" => MinSupport::Share(settings.min_support),
                "count" if settings.min_support.fract() == 0.0 && settings.min_support >= 1.0 => {
                    MinSupport::Count(settings.min_support.min(f64::from(u32::MAX)) as u32)
                }
                _ => return Err(bad_args("minSupport", "a share in (0, 1] or a whole count of at least 1")),
            };
            let ip = FpGrowthParams::default()
                .min_support(support)
                .max_len(settings.max_len)
                .max_itemsets(MAX_ITEMSETS)
                .check()
                .map_err(|e| basket_error(&e))?;
            let must: Vec<String> = settings.must_contain.iter().filter(|s| !s.is_empty()).cloned().collect();
            let (ante, cons) = match settings.must_side.as_str() {
                "antecedent" => (must, Vec::new()),
                "consequent" => (Vec::new(), must),
                _ => (Vec::new(), Vec::new()),
            };
            let rp = RuleParams::new(settings.min_confidence)
                .min_lift(settings.min_lift)
                .multi_consequent(settings.multi_consequent)
                .prune_redundant(settings.prune_redundant)
                .antecedent_any(ante)
                .consequent_any(cons)
                .max_rules(MAX_RULES)
                .check()
                .map_err(|e| basket_error(&e))?;
            let mut progress = progress_fn(progress);
            // The estimate: count the itemsets without storing any; refuse an explosion here.
            let estimate = count_itemsets(&tx, &ip, MAX_ITEMSETS as u64, &mut progress).map_err(|e| basket_error(&e))?;
            if !estimate.complete {
                return Err(basket_error(&BasketError::TooManyItemsets { cap: MAX_ITEMSETS, min_count: estimate.min_count }));
            }
            let mut report = basket::rules_report(&tx, &ip, &rp, &mut progress).map_err(|e| basket_error(&e))?;
            // "either" side: keep rules with the item anywhere (the table filters it).
            let rules = std::mem::take(&mut report.rules.rules);
            let mut set = report.rules.clone();
            set.rules = rules;
            if settings.must_side == "either" {
                if let Some(name) = settings.must_contain.as_deref().filter(|s| !s.is_empty()) {
                    let id = tx.item_id(name).ok_or_else(|| basket_error(&BasketError::UnknownItem { name: name.into() }))?;
                    set.rules.retain(|r| r.antecedent.contains(&id) || r.consequent.contains(&id));
                }
            }
            // Suggestions from the baskets before exclusions, so excluded items stay listed.
            if let Ok(base) = self.basket_base(item_key(&settings.items)?) {
                report.exclusion_suggestions = base.suggest_exclusions(0.25);
            }
            let table = RuleTable::new(&tx, set);
            self.basket.mined = Some(Mined { settings, tx, summary: report, table });
        }
        self.basket.mined.as_mut().ok_or_else(|| bad_args("settings", "no result"))
    }
}

#[wasm_bindgen]
impl Analysis {
    /// The baskets for `{items, exclude}` before mining: counts, unit, guests, exclusion
    /// suggestions with their evidence, the 30 most frequent items and every item's names.
    #[wasm_bindgen(js_name = basketPrepare)]
    pub fn basket_prepare(&mut self, settings: JsValue) -> Result<JsValue, JsValue> {
        let s: JsSettings = from_js(settings, "basket settings")?;
        let order_level = self.session.lines().columns.order_level;
        let has_category = self.session.lines().columns.category;
        let tx = self.basket_base(item_key(&s.items)?)?;
        let prepared = Prepared {
            baskets: tx.len(),
            items: tx.items.len(),
            unit: tx.unit,
            guest_baskets: tx.guest_baskets(),
            guest_lines_skipped: tx.guest_lines_skipped,
            mean_basket_size: tx.nnz() as f64 / tx.len().max(1) as f64,
            order_level,
            has_category,
            exclusion_suggestions: tx.suggest_exclusions(0.25),
            top_items: item_frequencies(tx, 30),
            item_names: &tx.items,
            item_labels: (0..tx.items.len() as u32).map(|i| tx.label(i)).collect(),
        };
        to_js(&prepared)
    }

    /// Mines itemsets and rules with `settings` (after an estimate that refuses more than a
    /// million itemsets); `progress`, if a function, gets `{phase, done, total, found}`.
    /// Returns the summary: the `RulesReport` with its rule list left empty, plus `rule_count`.
    #[wasm_bindgen(js_name = basketMine)]
    pub fn basket_mine(&mut self, settings: JsValue, progress: JsValue) -> Result<JsValue, JsValue> {
        let s: JsSettings = from_js(settings, "basket settings")?;
        let m = self.basket_mined(s, &progress)?;
        to_js(&MineSummary { report: &m.summary, rule_count: m.table.len(), top_items: item_frequencies(&m.tx, 30) })
    }

    /// A window of the rules of `settings` (mined again if they are not the kept ones).
    #[wasm_bindgen(js_name = basketRules)]
    pub fn basket_rules(&mut self, settings: JsValue, query: JsValue) -> Result<JsValue, JsValue> {
        let s: JsSettings = from_js(settings, "basket settings")?;
        let q: JsQuery = from_js(query, "rule query")?;
        let m = self.basket_mined(s, &JsValue::UNDEFINED)?;
        to_js(&m.table.page(&q.into()))
    }

    /// Every rule matching `query`, in its order, as UTF-8 CSV (formula-safe cells).
    #[wasm_bindgen(js_name = basketRulesCsv)]
    pub fn basket_rules_csv(&mut self, settings: JsValue, query: JsValue) -> Result<Vec<u8>, JsValue> {
        let s: JsSettings = from_js(settings, "basket settings")?;
        let q: JsQuery = from_js(query, "rule query")?;
        let m = self.basket_mined(s, &JsValue::UNDEFINED)?;
        Ok(m.table.csv(&q.into()).into_bytes())
    }

    /// The `top` most frequent items of the baskets of `settings` (after exclusions).
    #[wasm_bindgen(js_name = basketItems)]
    pub fn basket_items(&mut self, settings: JsValue, top: u32) -> Result<JsValue, JsValue> {
        let s: JsSettings = from_js(settings, "basket settings")?;
        let tx = self.basket_tx(&s)?;
        to_js(&item_frequencies(&tx, top as usize))
    }

    /// Sequential patterns per customer ("A, then B within [mingap, maxgap] days") on the
    /// baskets of `settings`, and a window `{search, offset, limit}` of the sequence rules.
    #[wasm_bindgen(js_name = basketSequences)]
    pub fn basket_sequences(
        &mut self,
        settings: JsValue,
        seq_settings: JsValue,
        query: JsValue,
        progress: JsValue,
    ) -> Result<JsValue, JsValue> {
        let s: JsSettings = from_js(settings, "basket settings")?;
        let ss: JsSequenceSettings = from_js(seq_settings, "sequence settings")?;
        let q: JsQuery = from_js(query, "sequence query")?;
        self.basket_sequence_run(&s, &ss, &progress)?;
        let Some((_, _, run)) = self.basket.sequences.as_ref() else { return Err(bad_args("sequences", "none")) };
        let (items, labels) = match self.basket.base.as_ref() {
            Some((_, tx)) => (&tx.items, &tx.labels),
            None => return Err(bad_args("sequences", "no baskets")),
        };
        let page = sequence_page(&run.rules, items, labels, &q.search, q.offset, q.limit);
        to_js(&serde_json::json!({
            "customers": run.patterns.sequences,
            "min_count": run.patterns.min_count,
            "mingap": run.patterns.mingap,
            "maxgap": run.patterns.maxgap,
            "maxwin": run.patterns.maxwin,
            "patterns": run.patterns.patterns.len(),
            "min_confidence": ss.min_confidence,
            "page": page,
        }))
    }

    /// Up to `top_n` next-best products per customer from the rules of `settings` and the
    /// sequence rules of `seq_settings`, as CSV: customer, rank, item, name, confidence, lift,
    /// and the rule behind it.
    #[wasm_bindgen(js_name = basketRecommendationsCsv)]
    pub fn basket_recommendations_csv(
        &mut self,
        settings: JsValue,
        seq_settings: JsValue,
        top_n: u32,
    ) -> Result<Vec<u8>, JsValue> {
        let s: JsSettings = from_js(settings, "basket settings")?;
        let ss: JsSequenceSettings = from_js(seq_settings, "sequence settings")?;
        self.basket_mined(s.clone(), &JsValue::UNDEFINED)?;
        self.basket_sequence_run(&s, &ss, &JsValue::UNDEFINED)?;
        let (Some(m), Some((_, _, run))) = (self.basket.mined.as_ref(), self.basket.sequences.as_ref()) else {
            return Err(bad_args("recommendations", "no rules"));
        };
        let params = RecommendParams { top_n: top_n as usize, ..RecommendParams::default() }
            .check()
            .map_err(|e| basket_error(&e))?;
        let recs = basket::recommend(&m.tx, m.table.rules(), Some((&run.seqs, &run.patterns, &run.rules)), &params)
            .map_err(|e| basket_error(&e))?;
        let cell = basket::csv_text_cell;
        let mut out = String::from("customer,rank,item,item_name,confidence,lift,source,because\n");
        for r in &recs {
            let (kind, because) = match r.source {
                basket::RecommendationSource::Rule(i) => {
                    let rule = &m.table.rules()[i];
                    ("rule", rule.antecedent.iter().map(|&x| m.tx.label(x)).collect::<Vec<_>>().join(" + "))
                }
                basket::RecommendationSource::Sequence(i) => {
                    let rule = &run.rules[i];
                    let steps: Vec<String> = rule
                        .antecedent
                        .iter()
                        .map(|el| el.iter().map(|&x| m.tx.label(x)).collect::<Vec<_>>().join(" + "))
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
        Ok(out.into_bytes())
    }
}

impl Analysis {
    /// Runs cSPADE unless the kept run has these settings (sequences use the baskets of
    /// `settings`, after exclusions; support counts customers; guests take no part).
    fn basket_sequence_run(&mut self, s: &JsSettings, ss: &JsSequenceSettings, progress: &JsValue) -> Result<(), JsValue> {
        if matches!(&self.basket.sequences, Some((a, b, _)) if a == s && b == ss) {
            return Ok(());
        }
        self.basket.sequences = None;
        let tx = self.basket_tx(s)?;
        let sp = SequenceParams::new(ss.min_support)
            .mingap(ss.mingap)
            .maxgap(ss.maxgap)
            .maxwin(ss.maxwin)
            .maxlen(ss.max_len.max(1))
            .max_patterns(MAX_ITEMSETS)
            .check()
            .map_err(|e| basket_error(&e))?;
        if !(0.0..=1.0).contains(&ss.min_confidence) {
            return Err(basket_error(&BasketError::InvalidParameter {
                name: "min_confidence",
                expected: "in [0, 1]",
                value: ss.min_confidence.to_string(),
            }));
        }
        let seqs = Sequences::from_transactions(&tx).map_err(|e| basket_error(&e))?;
        let mut progress = progress_fn(progress);
        let patterns = basket::cspade_with_progress(&seqs, &sp, &mut progress).map_err(|e| basket_error(&e))?;
        let rules = basket::sequence_rules(&patterns, ss.min_confidence);
        self.basket.sequences = Some((s.clone(), ss.clone(), SequenceRun { seqs, patterns, rules }));
        Ok(())
    }
}

/// Which two segments of which scheme to compare.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsCompare {
    /// `quadrant`, `rfm11`, `rfm8` or `tier`.
    scheme: String,
    a: String,
    b: String,
    /// Rules returned (by |lift difference|), default 50.
    #[serde(default)]
    limit: Option<usize>,
}

impl Default for JsCompare {
    fn default() -> Self {
        JsCompare { scheme: "quadrant".into(), a: "true_friends".into(), b: "strangers".into(), limit: None }
    }
}

/// A segment the page can pick: its key, names and customers with baskets.
#[derive(Debug, Serialize)]
struct SegmentChoice {
    key: &'static str,
    name_en: &'static str,
    name_zh: &'static str,
    customers: usize,
}

#[derive(Debug, Serialize)]
struct ContrastRow {
    antecedent: Vec<basket::ItemRef>,
    consequent: Vec<basket::ItemRef>,
    a: basket::SegmentStats,
    b: basket::SegmentStats,
    lift_difference: f64,
    found_in: &'static str,
}

#[wasm_bindgen]
impl Analysis {
    /// Rules mined with `settings` within segment `a` and within segment `b` of a scheme of the
    /// segmentation with `segment_options` (the segment tabs' options), measured in both and
    /// ordered by how much their lift differs: `{scheme, segments, names, baskets, total, rules}`.
    /// Guest baskets belong to no segment.
    #[wasm_bindgen(js_name = basketCompare)]
    pub fn basket_compare(&mut self, settings: JsValue, segment_options: JsValue, which: JsValue) -> Result<JsValue, JsValue> {
        use crate::segment::{quadrant::QUADRANTS, schemes::{EIGHT_CLASSES, NAMED_SEGMENTS}, tiers::TIERS};
        let s: JsSettings = from_js(settings, "basket settings")?;
        let options: crate::segment::SegmentOptions = from_js(segment_options, "segment options")?;
        let w: JsCompare = from_js(which, "segments to compare")?;
        let seg = crate::segment::analyse(self.session.lines(), &options)
            .map_err(|e| bad_args("segments", &e.to_string()))?;
        let t = &seg.table;
        let key_of = |i: usize| -> Option<&'static str> {
            match w.scheme.as_str() {
                "quadrant" => t.quadrant.get(i).and_then(|&k| QUADRANTS.get(k as usize)).copied(),
                "rfm11" => t.rfm11.get(i).and_then(|&k| NAMED_SEGMENTS.get(k as usize)).map(|x| x.0),
                "rfm8" => t.rfm8.get(i).and_then(|&k| EIGHT_CLASSES.get(k as usize)).copied(),
                "tier" => t.tier.get(i).and_then(|&k| TIERS.get(k as usize)).copied(),
                _ => None,
            }
        };
        if !["quadrant", "rfm11", "rfm8", "tier"].contains(&w.scheme.as_str()) {
            return Err(bad_args("scheme", "quadrant, rfm11, rfm8 or tier"));
        }
        let by_name: rustc_hash::FxHashMap<&str, &'static str> =
            t.keys.iter().enumerate().filter_map(|(i, k)| key_of(i).map(|seg| (k.as_str(), seg))).collect();
        let tx = self.basket_tx(&s)?;
        let Some(customer) = tx.customer.as_ref() else { return Err(basket_error(&BasketError::NotAvailable { what: "customer of each basket" })) };
        // Segment of each basket (None for guests and customers the segmentation lacks).
        let seg_of: Vec<Option<&'static str>> = customer
            .iter()
            .map(|&c| tx.customers.get(c as usize).and_then(|name| by_name.get(name.as_str()).copied()))
            .collect();
        let mut counts: rustc_hash::FxHashMap<&'static str, rustc_hash::FxHashSet<u32>> = rustc_hash::FxHashMap::default();
        for (b, sg) in seg_of.iter().enumerate() {
            if let Some(sg) = sg {
                counts.entry(sg).or_default().insert(customer[b]);
            }
        }
        let segments: Vec<SegmentChoice> = seg
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
        for (x, name) in [(&a, &w.a), (&b, &w.b)] {
            if x.is_empty() {
                return Err(basket_error(&BasketError::NotAvailable { what: if name == &w.a { "basket in the first segment" } else { "basket in the second segment" } }));
            }
        }
        let ip = FpGrowthParams::default()
            .min_support(match s.support_kind.as_str() {
                "count" => MinSupport::Count(s.min_support.max(1.0).min(f64::from(u32::MAX)) as u32),
                _ => MinSupport::Share(s.min_support),
            })
            .max_len(s.max_len)
            .max_itemsets(MAX_ITEMSETS)
            .estimate_first(true)
            .check()
            .map_err(|e| basket_error(&e))?;
        let rp = RuleParams::new(s.min_confidence)
            .min_lift(s.min_lift)
            .max_rules(MAX_RULES)
            .check()
            .map_err(|e| basket_error(&e))?;
        let cmp = basket::compare_segments(&a, &b, [&w.a, &w.b], &ip, &rp).map_err(|e| basket_error(&e))?;
        let item = |x: u32| basket::ItemRef { id: x, name: tx.items[x as usize].clone(), label: tx.label(x).to_owned() };
        let rules: Vec<ContrastRow> = cmp
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
        to_js(&serde_json::json!({
            "scheme": w.scheme, "segments": segments, "names": cmp.names, "baskets": cmp.baskets,
            "total": cmp.rules.len(), "rules": rules,
        }))
    }
}
