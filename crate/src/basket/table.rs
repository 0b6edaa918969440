//! The rules of one run as a table the page reads window by window: filtered, searched and
//! sorted here (in the worker), never shipped whole; and the same view as CSV.
//!
//! [`RuleTable`] keeps the rules and the item names of a run. [`RuleTable::page`] answers a
//! [`RuleQuery`] (sort column and direction, search text, measure floors, an item that must
//! appear, offset and limit) with a [`RulePage`]: the rows of the window with their item names,
//! the number of rules that match, and the total. The filtered, sorted order of the last query is
//! cached, so paging through it costs only the window. [`RuleTable::csv`] writes every matching
//! rule in the same order, with formula-injection-safe text cells.

use crate::sort;
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::{Measures, Rule, RuleSet, SequenceRule, Transactions};

/// A column of the rules table (what it can be sorted by).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleColumn {
    Antecedent,
    Consequent,
    /// Items in the rule (antecedent + consequent).
    Length,
    Count,
    AntecedentSupport,
    ConsequentSupport,
    Support,
    Confidence,
    #[default]
    Lift,
    Leverage,
    Conviction,
    Zhang,
    Jaccard,
    Certainty,
    Kulczynski,
}

/// Where an item that must appear may appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemSide {
    #[default]
    Either,
    Antecedent,
    Consequent,
}

/// One window of the rules table. Every field has a default (`Default`): sort by lift
/// descending, no filter, the first 50 rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleQuery {
    pub sort: RuleColumn,
    /// Descending (the default) or ascending.
    pub descending: bool,
    /// Words that must each occur (case-insensitive) in the name or display name of some item
    /// of the rule.
    pub search: String,
    /// Floors on measures, inclusive (`None`: no floor).
    pub min_support: Option<f64>,
    pub min_confidence: Option<f64>,
    pub min_lift: Option<f64>,
    /// An item (by name) that must appear, on `item_side`.
    pub item: Option<String>,
    pub item_side: ItemSide,
    /// Longest rule (antecedent + consequent items) kept.
    pub max_len: Option<usize>,
    pub offset: usize,
    /// Rows returned (at most 1,000).
    pub limit: usize,
}

impl Default for RuleQuery {
    fn default() -> Self {
        RuleQuery {
            sort: RuleColumn::Lift,
            descending: true,
            search: String::new(),
            min_support: None,
            min_confidence: None,
            min_lift: None,
            item: None,
            item_side: ItemSide::Either,
            max_len: None,
            offset: 0,
            limit: 50,
        }
    }
}

impl RuleQuery {
    /// The query without its window: equal keys give the same order.
    fn view_key(&self) -> RuleQuery {
        RuleQuery { offset: 0, limit: 0, ..self.clone() }
    }
}

/// An item as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRef {
    pub id: u32,
    pub name: String,
    /// Display name, or the name again.
    pub label: String,
}

/// One row of the rules table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleRow {
    /// Position of the rule in the run's rule list (by lift; stable across queries).
    pub index: u32,
    /// 1-based rank in this view.
    pub rank: u32,
    pub antecedent: Vec<ItemRef>,
    pub consequent: Vec<ItemRef>,
    pub count: u32,
    #[serde(flatten)]
    pub measures: Measures,
}

/// A window of the rules table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulePage {
    /// Rules that match the query.
    pub matching: usize,
    /// Rules of the run.
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<RuleRow>,
}

/// The rules of one run, with the item names, ready to be read window by window.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTable {
    items: Vec<String>,
    labels: Vec<String>,
    /// Lower-cased "name label" of each item, for search.
    haystack: Vec<String>,
    rules: Vec<Rule>,
    /// The last view: its key and the matching rule indices in order.
    view: Option<(RuleQuery, Vec<u32>)>,
}

const MAX_LIMIT: usize = 1_000;

/// A text cell for CSV: prefixed with `'` when a spreadsheet would read it as a formula, quoted
/// when it holds a delimiter, a quote or a line break (see [`crate::csv_out`]).
pub use crate::csv_out::text_cell as csv_text_cell;

/// A number cell for CSV: shortest round-trip form, `Infinity` for +∞.
fn csv_number(x: f64) -> String {
    if x == f64::INFINITY {
        "Infinity".to_owned()
    } else {
        format!("{x}")
    }
}

impl RuleTable {
    /// The table of `rules`, mined from `tx` (for the item names).
    pub fn new(tx: &Transactions, rules: RuleSet) -> RuleTable {
        let labels: Vec<String> = (0..tx.items.len() as u32).map(|i| tx.label(i).to_owned()).collect();
        let haystack = tx.items.iter().zip(&labels).map(|(n, l)| format!("{n}\u{1}{l}").to_lowercase()).collect();
        RuleTable { items: tx.items.clone(), labels, haystack, rules: rules.rules, view: None }
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules, in the run's order (by lift).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// An item as the page shows it.
    pub fn item(&self, id: u32) -> ItemRef {
        ItemRef { id, name: self.items[id as usize].clone(), label: self.labels[id as usize].clone() }
    }

    fn text(&self, ids: &[u32]) -> String {
        ids.iter().map(|&i| self.labels[i as usize].as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The matching rule indices of `q`, in its order (cached for the last view).
    fn view(&mut self, q: &RuleQuery) -> &[u32] {
        let key = q.view_key();
        if self.view.as_ref().map(|v| &v.0) != Some(&key) {
            let order = self.compute_view(&key);
            self.view = Some((key, order));
        }
        self.view.as_ref().map_or(&[], |v| &v.1)
    }

    fn compute_view(&self, q: &RuleQuery) -> Vec<u32> {
        // Per search word, which items match it.
        let words: Vec<String> = q.search.split_whitespace().map(str::to_lowercase).collect();
        let word_items: Vec<Vec<bool>> =
            words.iter().map(|w| self.haystack.iter().map(|h| h.contains(w.as_str())).collect()).collect();
        let must = q.item.as_deref().map(|name| self.items.binary_search_by(|n| n.as_str().cmp(name)).ok());
        let mut keep: Vec<u32> = Vec::new();
        for (i, r) in self.rules.iter().enumerate() {
            let m = &r.measures;
            if q.min_support.is_some_and(|v| m.support < v)
                || q.min_confidence.is_some_and(|v| m.confidence < v)
                || q.min_lift.is_some_and(|v| m.lift < v)
                || q.max_len.is_some_and(|v| r.antecedent.len() + r.consequent.len() > v)
            {
                continue;
            }
            match must {
                Some(None) => continue, // an unknown item matches nothing
                Some(Some(id)) => {
                    let id = id as u32;
                    let ok = match q.item_side {
                        ItemSide::Either => r.antecedent.contains(&id) || r.consequent.contains(&id),
                        ItemSide::Antecedent => r.antecedent.contains(&id),
                        ItemSide::Consequent => r.consequent.contains(&id),
                    };
                    if !ok {
                        continue;
                    }
                }
                None => {}
            }
            let found = word_items.iter().all(|wi| r.antecedent.iter().chain(&r.consequent).any(|&x| wi[x as usize]));
            if found {
                keep.push(i as u32);
            }
        }
        self.sort(&mut keep, q.sort, q.descending);
        keep
    }

    fn sort(&self, idx: &mut [u32], col: RuleColumn, descending: bool) {
        let num = |r: &Rule| -> f64 {
            let m = &r.measures;
            match col {
                RuleColumn::Length => (r.antecedent.len() + r.consequent.len()) as f64,
                RuleColumn::Count => r.count as f64,
                RuleColumn::AntecedentSupport => m.antecedent_support,
                RuleColumn::ConsequentSupport => m.consequent_support,
                RuleColumn::Support => m.support,
                RuleColumn::Confidence => m.confidence,
                RuleColumn::Lift => m.lift,
                RuleColumn::Leverage => m.leverage,
                RuleColumn::Conviction => m.conviction,
                RuleColumn::Zhang => m.zhang,
                RuleColumn::Jaccard => m.jaccard,
                RuleColumn::Certainty => m.certainty,
                RuleColumn::Kulczynski => m.kulczynski,
                RuleColumn::Antecedent | RuleColumn::Consequent => 0.0,
            }
        };
        let dir = |o: Ordering| if descending { o.reverse() } else { o };
        match col {
            RuleColumn::Antecedent | RuleColumn::Consequent => {
                let texts: Vec<String> = idx
                    .iter()
                    .map(|&i| {
                        let r = &self.rules[i as usize];
                        self.text(if col == RuleColumn::Antecedent { &r.antecedent } else { &r.consequent })
                    })
                    .collect();
                let mut pos: Vec<usize> = (0..idx.len()).collect();
                sort::sort_by(&mut pos, |&a, &b| dir(texts[a].cmp(&texts[b])).then(idx[a].cmp(&idx[b])));
                let sorted: Vec<u32> = pos.iter().map(|&p| idx[p]).collect();
                idx.copy_from_slice(&sorted);
            }
            // Ties keep the run's order (lift, then a total tie-break), whatever the direction.
            _ => sort::sort_by(idx, |&a, &b| {
                dir(num(&self.rules[a as usize]).total_cmp(&num(&self.rules[b as usize]))).then(a.cmp(&b))
            }),
        }
    }

    /// The window `q.offset .. q.offset + q.limit` of the rules matching `q`, in its order.
    pub fn page(&mut self, q: &RuleQuery) -> RulePage {
        let limit = q.limit.min(MAX_LIMIT);
        let view: Vec<u32> = self.view(q).to_vec();
        let offset = q.offset.min(view.len());
        let rows = view[offset..(offset + limit).min(view.len())]
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let r = &self.rules[i as usize];
                RuleRow {
                    index: i,
                    rank: (offset + k + 1) as u32,
                    antecedent: r.antecedent.iter().map(|&x| self.item(x)).collect(),
                    consequent: r.consequent.iter().map(|&x| self.item(x)).collect(),
                    count: r.count,
                    measures: r.measures,
                }
            })
            .collect();
        RulePage { matching: view.len(), total: self.rules.len(), offset, rows }
    }

    /// Every rule matching `q` (its window ignored), in its order, as CSV with a header row:
    /// antecedent and consequent ids and display names (items joined by ` | `), the count and
    /// every measure. Text cells that a spreadsheet would run as a formula get a leading `'`.
    pub fn csv(&mut self, q: &RuleQuery) -> String {
        let view: Vec<u32> = self.view(q).to_vec();
        let mut out = String::from(
            "antecedent,consequent,antecedent_names,consequent_names,count,support,confidence,lift,leverage,conviction,zhang,jaccard,certainty,kulczynski,antecedent_support,consequent_support\n",
        );
        let join = |ids: &[u32], names: &[String]| {
            ids.iter().map(|&i| names[i as usize].as_str()).collect::<Vec<_>>().join(" | ")
        };
        for &i in &view {
            let r = &self.rules[i as usize];
            let m = &r.measures;
            let cells = [
                csv_text_cell(&join(&r.antecedent, &self.items)),
                csv_text_cell(&join(&r.consequent, &self.items)),
                csv_text_cell(&join(&r.antecedent, &self.labels)),
                csv_text_cell(&join(&r.consequent, &self.labels)),
                r.count.to_string(),
                csv_number(m.support),
                csv_number(m.confidence),
                csv_number(m.lift),
                csv_number(m.leverage),
                csv_number(m.conviction),
                csv_number(m.zhang),
                csv_number(m.jaccard),
                csv_number(m.certainty),
                csv_number(m.kulczynski),
                csv_number(m.antecedent_support),
                csv_number(m.consequent_support),
            ];
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
}

/// How often each item is bought, most frequent first (ties by name order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemFrequency {
    #[serde(flatten)]
    pub item: ItemRef,
    /// Baskets containing it.
    pub count: u32,
    /// Share of baskets containing it.
    pub support: f64,
}

/// The `top` most frequent items of `tx`.
pub fn item_frequencies(tx: &Transactions, top: usize) -> Vec<ItemFrequency> {
    let counts = tx.item_counts();
    let n = tx.len().max(1) as f64;
    let mut ids: Vec<u32> = (0..counts.len() as u32).filter(|&i| counts[i as usize] > 0).collect();
    sort::sort_by(&mut ids, |&a, &b| counts[b as usize].cmp(&counts[a as usize]).then(a.cmp(&b)));
    ids.truncate(top);
    ids.into_iter()
        .map(|i| ItemFrequency {
            item: ItemRef { id: i, name: tx.items[i as usize].clone(), label: tx.label(i).to_owned() },
            count: counts[i as usize],
            support: counts[i as usize] as f64 / n,
        })
        .collect()
}

/// A sequence rule with its item names: "A, then B within the window: confidence of A buyers".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequenceRow {
    /// 1-based rank in the run's order (lift, confidence, support, ids).
    pub rank: u32,
    /// The antecedent's elements in time order, each a set of items.
    pub antecedent: Vec<Vec<ItemRef>>,
    pub consequent: Vec<ItemRef>,
    /// Customers whose history holds the whole pattern.
    pub count: u32,
    pub support: f64,
    /// Share of the customers with the antecedent who then bought the consequent in the window.
    pub confidence: f64,
    pub lift: f64,
}

/// A window of sequence rules whose items match every word of `search` (as rules do), in the
/// run's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequencePage {
    pub matching: usize,
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<SequenceRow>,
}

/// The window `offset .. offset + limit` (limit at most 1,000) of the sequence rules matching
/// `search`; `labels` gives display names by item id (see [`Transactions::label`]).
pub fn sequence_page(
    rules: &[SequenceRule],
    items: &[String],
    labels: &[String],
    search: &str,
    offset: usize,
    limit: usize,
) -> SequencePage {
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    let item = |i: u32| ItemRef {
        id: i,
        name: items[i as usize].clone(),
        label: labels.get(i as usize).filter(|l| !l.is_empty()).unwrap_or(&items[i as usize]).clone(),
    };
    let matches = |r: &SequenceRule| {
        words.iter().all(|w| {
            r.antecedent.iter().flatten().chain(&r.consequent).any(|&x| {
                let it = item(x);
                it.name.to_lowercase().contains(w.as_str()) || it.label.to_lowercase().contains(w.as_str())
            })
        })
    };
    let view: Vec<usize> = (0..rules.len()).filter(|&i| matches(&rules[i])).collect();
    let offset = offset.min(view.len());
    let rows = view[offset..(offset + limit.min(MAX_LIMIT)).min(view.len())]
        .iter()
        .map(|&i| {
            let r = &rules[i];
            SequenceRow {
                rank: i as u32 + 1,
                antecedent: r.antecedent.iter().map(|el| el.iter().map(|&x| item(x)).collect()).collect(),
                consequent: r.consequent.iter().map(|&x| item(x)).collect(),
                count: r.count,
                support: r.support,
                confidence: r.confidence,
                lift: r.lift,
            }
        })
        .collect();
    SequencePage { matching: view.len(), total: rules.len(), offset, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basket::{association_rules, fpgrowth, FpGrowthParams, RuleParams};

    fn table() -> RuleTable {
        let tx = Transactions::from_baskets(&[
            vec!["=cmd", "beer", "diapers"],
            vec!["beer", "diapers"],
            vec!["beer", "milk"],
            vec!["diapers", "milk"],
            vec!["=cmd", "beer"],
        ]);
        let sets = fpgrowth(&tx, &FpGrowthParams::new(0.2).check().unwrap()).unwrap();
        let rules = association_rules(&tx, &sets, &RuleParams::new(0.0).check().unwrap()).unwrap();
        RuleTable::new(&tx, rules)
    }

    #[test]
    fn pages_follow_the_sort_and_tile_the_view() {
        let mut t = table();
        let n = t.len();
        assert!(n > 6);
        let q = RuleQuery { sort: RuleColumn::Confidence, descending: false, limit: 4, ..Default::default() };
        let first = t.page(&q);
        let second = t.page(&RuleQuery { offset: 4, ..q.clone() });
        let all = t.page(&RuleQuery { limit: 1000, ..q });
        assert_eq!((first.matching, first.total), (n, n));
        let joined: Vec<u32> = first.rows.iter().chain(&second.rows).map(|r| r.index).collect();
        let expect: Vec<u32> = all.rows.iter().take(joined.len()).map(|r| r.index).collect();
        assert_eq!(joined, expect);
        assert!(all.rows.windows(2).all(|w| w[0].measures.confidence <= w[1].measures.confidence));
        assert_eq!(second.rows[0].rank, 5);
    }

    #[test]
    fn search_and_item_filters_narrow_the_view() {
        let mut t = table();
        let p = t.page(&RuleQuery { search: "MILK".into(), limit: 1000, ..Default::default() });
        assert!(p.matching > 0 && p.matching < t.len());
        assert!(p.rows.iter().all(|r| r.antecedent.iter().chain(&r.consequent).any(|i| i.name == "milk")));
        let p = t.page(&RuleQuery {
            item: Some("beer".into()),
            item_side: ItemSide::Consequent,
            limit: 1000,
            ..Default::default()
        });
        assert!(p.matching > 0);
        assert!(p.rows.iter().all(|r| r.consequent.iter().any(|i| i.name == "beer")));
        let none = t.page(&RuleQuery { item: Some("nope".into()), ..Default::default() });
        assert_eq!(none.matching, 0);
    }

    #[test]
    fn csv_cells_cannot_run_as_formulas() {
        assert_eq!(csv_text_cell("=1+1"), "'=1+1");
        assert_eq!(csv_text_cell("-2"), "'-2");
        assert_eq!(csv_text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_text_cell("plain"), "plain");
        let mut t = table();
        let csv = t.csv(&RuleQuery { search: "cmd".into(), ..Default::default() });
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines.len() > 1);
        assert!(lines[1..].iter().all(|l| l.contains("'=cmd")));
        assert!(!csv.contains(",=cmd"));
    }
}
