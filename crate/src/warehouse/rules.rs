//! Association rules from the itemsets file: the same rules that [`crate::basket::rules_report`]
//! finds on the lines, since a rule's measures need only the counts of its itemset, its
//! antecedent and its consequent, all of them frequent, and the number of baskets.

use super::Summaries;
use crate::basket::{
    association_rules, BasketError, BasketUnit, FrequentItemsets, Itemset, MinSupport, RulesReport, Target,
    Transactions, ValidRuleParams,
};
use crate::sort;

/// Why rules cannot come from the summaries read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SummaryRulesError {
    #[error("the summary files hold no itemsets (clientele_itemsets.csv) and no basket count (clientele_meta.csv)")]
    NoItemsets,
    #[error("the itemsets file was made at a minimum count of {have} baskets; a support of {asked} baskets needs the recipe run again with a lower --min-support")]
    SupportTooLow { have: u32, asked: u32 },
    #[error(transparent)]
    Basket(#[from] BasketError),
}

/// The rules report of the itemsets in `s` at `min_support` (a share, or a count above 1), with
/// `max_len` as in raw mode.
pub fn rules_report(
    s: &Summaries,
    min_support: MinSupport,
    max_len: Option<usize>,
    params: &ValidRuleParams,
) -> Result<RulesReport, SummaryRulesError> {
    let baskets: u32 = s.meta("baskets").and_then(|v| v.parse().ok()).ok_or(SummaryRulesError::NoItemsets)?;
    let have: u32 = s.meta("min_count").and_then(|v| v.parse().ok()).unwrap_or(1);
    let min_count = min_support.min_count(baskets as usize);
    if min_count < have {
        return Err(SummaryRulesError::SupportTooLow { have, asked: min_count });
    }
    let max_len = max_len.filter(|&k| k > 0);
    let keep = |items: &[String], count: u32| count >= min_count && max_len.map_or(true, |k| items.len() <= k);
    let mut names: Vec<String> =
        s.itemsets.iter().filter(|(i, c)| keep(i, *c)).flat_map(|(i, _)| i.iter().cloned()).collect();
    sort::sort_total(&mut names);
    names.dedup();
    let id = |n: &str| names.binary_search_by(|x| x.as_str().cmp(n)).map(|i| i as u32).unwrap_or(u32::MAX);
    let mut itemsets: Vec<Itemset> = s
        .itemsets
        .iter()
        .filter(|(i, c)| keep(i, *c))
        .map(|(i, c)| {
            let mut items: Vec<u32> = i.iter().map(|n| id(n)).collect();
            sort::sort_total(&mut items);
            Itemset { items, count: *c, support: f64::from(*c) / f64::from(baskets) }
        })
        .collect();
    sort::sort_by(&mut itemsets, |a, b| a.items.len().cmp(&b.items.len()).then_with(|| a.items.cmp(&b.items)));
    let mut item_counts = vec![0u32; names.len()];
    for s in itemsets.iter().filter(|s| s.items.len() == 1) {
        item_counts[s.items[0] as usize] = s.count;
    }
    let frequent = FrequentItemsets { baskets, min_count, target: Target::All, max_len, itemsets };
    let mut tx = Transactions::from_baskets::<&str>(&[]);
    tx.items = names;
    let rules = association_rules(&tx, &frequent, params)?;
    let (itemsets_by_len, rules_by_len) = crate::basket::counts_by_len(&frequent, &rules);
    let unit = if s.meta("has_order_id") == Some("true") { BasketUnit::Order } else { BasketUnit::CustomerDay };
    Ok(RulesReport {
        version: crate::VERSION,
        baskets,
        items: tx.items,
        labels: Vec::new(),
        unit,
        guest_baskets: s.meta("guest_baskets").and_then(|v| v.parse().ok()).unwrap_or(0),
        guest_lines_skipped: s.meta("guest_lines_skipped").and_then(|v| v.parse().ok()).unwrap_or(0),
        item_counts,
        min_count,
        itemsets: frequent.itemsets.len(),
        itemsets_by_len,
        rules_by_len,
        rules,
        exclusion_suggestions: Vec::new(),
    })
}
