//! The summary: the few findings the data supports, each with its number, the customers it
//! concerns, a small chart's data and the seed texts' action, and the findings the data cannot
//! support, each naming the column (role) that would add it.
//!
//! [`insights`] computes nothing of its own beyond selections and sums: every figure is read
//! from the results the other tabs show, computed once by their modules.
//!
//! | Finding | Figures | From |
//! |---|---|---|
//! | `concentration` | top 20% of customers' share of revenue, Gini | [`crate::segment::tiers::top_shares`], [`crate::segment::tiers::lorenz`] (the segmentation's deciles); customers: usage `heavy` (the same top 20%) |
//! | `at_risk` | customers, their revenue in the last 365 days and in all | RFM segment `at_risk` ([`crate::segment::schemes`]), facts' `last_year_spend` |
//! | `win_back` | customers, their lifetime revenue | RFM segment `cannot_lose_them` (big, frequent buyers gone quiet) |
//! | `second_purchase` | share of the customers first seen at least `window_days` before the analysis date who ordered again within `window_days`, and the median days to that second order; customers: those of them who did not (the ones a second-purchase offer is for) | the segmentation's [`Orders`] timeline |
//! | `below_zero` | customers with profit < 0 and their loss | value flag `below_zero` (needs a cost column) |
//! | `deal_seekers` | their share of customers and of revenue | value flag `deal_seeker` (needs a discount column) |
//! | `declining` | customers whose recent-window spend fell by half or more, both windows' spend | value flag `declining` |
//! | `cross_sell` | the rule with the highest lift (ties: support) | [`crate::basket`] rules of the Baskets tab's settings |
//! | `sequence` | the "A, then B" rule with the highest lift | [`crate::basket`] sequence rules (two elements) |
//! | `clv` | Σ 12-month CLV of the current base, by value tier, with the fit's warnings | [`crate::clv::analyse`] (BG/NBD + Gamma-Gamma) |

use crate::sort;
use std::collections::BTreeMap;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::basket::workbench::{BasketSettings, SequenceSettings, Workbench};
use crate::capabilities::{allows, Analysis};
use crate::clv::ClvReport;
use crate::clv::Warning;
use crate::ingest::Role;
use crate::model::{LineItems, OrderKind, Orders};
use crate::segment::actions::{advice, Advice};
use crate::segment::schemes::NAMED_SEGMENTS;
use crate::segment::value::{BELOW_ZERO, DEAL_SEEKER, DECLINING};
use crate::segment::{Scheme, SegmentOptions, SegmentRef, Segmented};
use crate::time::DAY;

/// What the summary is computed with: the settings of the tabs it reads (all defaulted, so the
/// page sends `{}` and the CLI the defaults, and both get the same).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SummaryRequest {
    pub segment: SegmentOptions,
    pub basket: BasketSettings,
    /// The sequence settings (support, confidence, gaps); the summary's sequences are always
    /// one product, then another ([`best_sequence`]).
    pub sequences: SequenceSettings,
}

/// A small chart: one bar per label (the page translates the labels that are keys).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    /// `bar` (values as given) or `percent` (values are shares in [0, 1]).
    pub kind: &'static str,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    /// The bar of the customers concerned, if one is.
    pub highlight: Option<usize>,
}

/// The customers a finding concerns: a segment the segment export reads, or a list of ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Concerned {
    pub count: u64,
    pub segment: Option<SegmentRef>,
    /// The ids when no segment holds them (empty otherwise).
    pub ids: Vec<String>,
}

/// The items of a rule (cross-sell) or sequence, by display name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleItems {
    /// For a rule one element; for a sequence the elements in time order.
    pub antecedent: Vec<Vec<String>>,
    pub consequent: Vec<String>,
    /// The same items by their names in the files (product ids when the files had both).
    pub antecedent_names: Vec<Vec<String>>,
    pub consequent_names: Vec<String>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub id: &'static str,
    /// The numbers of the sentence (shares in [0, 1], money in the file's currency).
    pub values: BTreeMap<&'static str, f64>,
    pub items: Option<RuleItems>,
    pub customers: Concerned,
    /// The seed texts' advice for the segment concerned, when there is one.
    pub advice: Option<&'static Advice>,
    pub chart: Chart,
    /// Caveats (the CLV fit's thin-data warnings).
    pub warnings: Vec<Warning>,
}

/// A finding the data cannot support, and the columns that would add it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeftOut {
    pub id: &'static str,
    pub needs: Vec<Role>,
}

/// The summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    pub version: &'static str,
    /// The analysis date, `YYYY-MM-DD HH:MM:SS`.
    pub as_of: String,
    pub customers: u64,
    pub findings: Vec<Finding>,
    pub left_out: Vec<LeftOut>,
}

/// Every finding id, in the order of the summary.
pub const FINDINGS: [&str; 10] = [
    "concentration",
    "at_risk",
    "win_back",
    "second_purchase",
    "below_zero",
    "deal_seekers",
    "declining",
    "cross_sell",
    "sequence",
    "clv",
];

/// The best cross-sell rule or sequence rule, with the customers who have the antecedent but
/// never bought the consequent.
#[derive(Debug, Clone, PartialEq)]
pub struct BestRule {
    pub items: RuleItems,
    pub support: f64,
    pub confidence: f64,
    pub lift: f64,
    /// Baskets (rules) or customers (sequences) holding the whole rule.
    pub count: u32,
    /// The consequent's own support (the baseline the lift compares with).
    pub baseline: f64,
    pub ids: Vec<String>,
}

/// The summary of `lines` from the results the tabs show: the segmentation `seg`, the best rule
/// and sequence (`None` when they could not be mined), and the CLV report (`None` when it could
/// not be fitted). `why_*` name the columns that would enable a missing input.
pub fn insights(
    lines: &LineItems,
    seg: &Segmented,
    rule: Result<BestRule, Vec<Role>>,
    sequence: Result<BestRule, Vec<Role>>,
    clv: Result<&ClvReport, Vec<Role>>,
) -> Insights {
    let s = &seg.summary;
    let t = &seg.table;
    let a = allows(lines);
    let money = !t.unpriced;
    let needs = |an: Analysis| -> Vec<Role> {
        let n = a.get(an).needs.clone();
        if n.is_empty() && !money {
            vec![Role::Amount]
        } else {
            n
        }
    };
    let mut findings = Vec::new();
    let mut left_out = Vec::new();
    let mut out = |id: &'static str, f: Result<Finding, Vec<Role>>| match f {
        Ok(f) => findings.push(f),
        Err(needs) => left_out.push(LeftOut { id, needs }),
    };
    let n = t.len();
    let seg_ref = |scheme: Scheme, key: &str| SegmentRef { scheme, key: key.to_owned() };
    // `extend`, not `collect`: collecting a `BTreeMap` sorts (see crate::sort).
    let values = |v: &[(&'static str, f64)]| {
        let mut m = BTreeMap::new();
        m.extend(v.iter().copied());
        m
    };

    // Concentration.
    out(
        "concentration",
        if money && n > 0 {
            let d = &s.deciles;
            let top20 = d.top.iter().find(|x| x.percent == 20.0);
            let heavy = s.tiers.usage.iter().find(|x| x.key == "heavy").map_or(0, |x| x.customers);
            Ok(Finding {
                id: "concentration",
                values: values(&[
                    ("top20Share", top20.map_or(f64::NAN, |x| x.sales_share)),
                    ("top20Customers", top20.map_or(0.0, |x| x.customers as f64)),
                    ("gini", d.gini),
                    ("customers", n as f64),
                ]),
                items: None,
                customers: Concerned { count: heavy, segment: Some(seg_ref(Scheme::Usage, "heavy")), ids: vec![] },
                advice: advice("usage", "heavy"),
                chart: Chart {
                    kind: "percent",
                    labels: d.top.iter().map(|x| format!("{}%", x.percent)).collect(),
                    values: d.top.iter().map(|x| x.sales_share).collect(),
                    highlight: d.top.iter().position(|x| x.percent == 20.0),
                },
                warnings: vec![],
            })
        } else {
            Err(needs(Analysis::Deciles))
        },
    );

    // Valuable customers at risk, and big spenders gone quiet: RFM segments.
    let rfm_finding = |id: &'static str, key: &'static str, metric: &'static str| -> Result<Finding, Vec<Role>> {
        if !money || n == 0 {
            return Err(needs(Analysis::Rfm));
        }
        let k = NAMED_SEGMENTS.iter().position(|(name, _)| *name == key).expect("a named segment") as u8;
        let value =
            |i: usize| if metric == "lastYearRevenue" { t.facts[i].last_year_spend } else { t.facts[i].monetary };
        let (mut inside, mut others, mut count, mut inside_all) = (0.0, 0.0, 0u64, 0.0);
        for i in 0..n {
            if t.rfm11[i] == k {
                inside += value(i);
                inside_all += t.facts[i].monetary;
                count += 1;
            } else {
                others += value(i);
            }
        }
        let total = inside + others;
        let mut figures = vec![
            ("customers", count as f64),
            ("customerShare", count as f64 / n as f64),
            (metric, inside),
            ("revenueShare", if total != 0.0 { inside / total } else { f64::NAN }),
        ];
        // Customers at risk have mostly stopped buying: on data of several years their last
        // year can be near nothing, so what they spent in all is said beside it.
        if metric != "revenue" {
            figures.push(("revenue", inside_all));
        }
        Ok(Finding {
            id,
            values: values(&figures),
            items: None,
            customers: Concerned { count, segment: Some(seg_ref(Scheme::Rfm11, key)), ids: vec![] },
            advice: advice("rfm11", key),
            chart: Chart {
                kind: "bar",
                labels: vec![key.to_owned(), "others".to_owned()],
                values: vec![inside, others],
                highlight: Some(0),
            },
            warnings: vec![],
        })
    };
    out("at_risk", rfm_finding("at_risk", "at_risk", "lastYearRevenue"));
    out("win_back", rfm_finding("win_back", "cannot_lose_them", "revenue"));

    // New customers' second purchase.
    out("second_purchase", second_purchase(lines, seg));

    // Value flags.
    let flag_finding = |id: &'static str, bit: u8, key: &'static str| -> Finding {
        let members: Vec<usize> = (0..n).filter(|&i| t.flags[i] & bit != 0).collect();
        let count = members.len() as u64;
        let monetary_total: f64 = t.facts.iter().map(|f| f.monetary).sum();
        let inside_m: f64 = members.iter().map(|&i| t.facts[i].monetary).sum();
        let (mut v, chart) = match id {
            "below_zero" => {
                let loss: f64 = members.iter().map(|&i| t.profit[i]).sum();
                let rest: f64 = t.profit.iter().sum::<f64>() - loss;
                (
                    vec![("loss", loss)],
                    Chart {
                        kind: "bar",
                        labels: vec![key.to_owned(), "others".to_owned()],
                        values: vec![loss, rest],
                        highlight: Some(0),
                    },
                )
            }
            "declining" => {
                let prev: f64 = members.iter().map(|&i| t.facts[i].previous_spend).sum();
                let recent: f64 = members.iter().map(|&i| t.facts[i].recent_spend).sum();
                (
                    vec![
                        ("previousSpend", prev),
                        ("recentSpend", recent),
                        ("windowDays", f64::from(s.facts.window_days)),
                    ],
                    Chart {
                        kind: "bar",
                        labels: vec!["previous_window".to_owned(), "recent_window".to_owned()],
                        values: vec![prev, recent],
                        highlight: Some(1),
                    },
                )
            }
            _ => {
                let share = if monetary_total != 0.0 { inside_m / monetary_total } else { f64::NAN };
                (
                    vec![("revenueShare", share)],
                    Chart {
                        kind: "percent",
                        labels: vec!["customers".to_owned(), "revenue".to_owned()],
                        values: vec![count as f64 / n.max(1) as f64, share],
                        highlight: None,
                    },
                )
            }
        };
        v.extend([("customers", count as f64), ("customerShare", count as f64 / n.max(1) as f64)]);
        Finding {
            id,
            values: values(&v),
            items: None,
            customers: Concerned { count, segment: Some(seg_ref(Scheme::Flag, key)), ids: vec![] },
            advice: advice("flag", key),
            chart,
            warnings: vec![],
        }
    };
    out(
        "below_zero",
        if !s.facts.has_cost {
            Err(vec![Role::Cost])
        } else if !money {
            Err(needs(Analysis::Quadrant))
        } else {
            Ok(flag_finding("below_zero", BELOW_ZERO, "below_zero"))
        },
    );
    out(
        "deal_seekers",
        if !s.facts.has_discount {
            Err(vec![Role::Discount])
        } else if !money {
            Err(needs(Analysis::Quadrant))
        } else {
            Ok(flag_finding("deal_seekers", DEAL_SEEKER, "deal_seeker"))
        },
    );
    out(
        "declining",
        if money { Ok(flag_finding("declining", DECLINING, "declining")) } else { Err(needs(Analysis::Rfm)) },
    );

    // Cross-sell and sequence.
    let rule_finding = |id: &'static str, r: BestRule| Finding {
        id,
        values: values(&[
            ("support", r.support),
            ("confidence", r.confidence),
            ("lift", r.lift),
            ("count", f64::from(r.count)),
            ("baseline", r.baseline),
        ]),
        items: Some(r.items),
        customers: Concerned { count: r.ids.len() as u64, segment: None, ids: r.ids },
        advice: None,
        chart: Chart {
            kind: "percent",
            labels: vec!["with_antecedent".to_owned(), "baseline".to_owned()],
            values: vec![r.confidence, r.baseline],
            highlight: Some(0),
        },
        warnings: vec![],
    };
    out("cross_sell", rule.map(|r| rule_finding("cross_sell", r)));
    out("sequence", sequence.map(|r| rule_finding("sequence", r)));

    // Expected revenue over the CLV horizon.
    out("clv", clv.and_then(|r| clv_finding(seg, r).ok_or_else(|| needs(Analysis::ClvMoney))));

    Insights { version: crate::VERSION, as_of: s.facts.as_of.clone(), customers: n as u64, findings, left_out }
}

/// Days to the second order (see the module table).
fn second_purchase(lines: &LineItems, seg: &Segmented) -> Result<Finding, Vec<Role>> {
    let s = &seg.summary;
    let t = &seg.table;
    let Some(as_of) = crate::ingest::values::parse_datetime(&s.facts.as_of) else {
        return Err(vec![Role::Datetime]);
    };
    if lines.columns.undated {
        return Err(vec![Role::Datetime]);
    }
    let window = i64::from(s.facts.window_days.max(1));
    let orders = Orders::new(lines, s.facts.convention);
    let (mut cohort, mut gaps, mut not_back) = (0u64, Vec::new(), Vec::new());
    for (i, f) in t.facts.iter().enumerate() {
        let mut times = orders
            .of_customer(f.customer)
            .filter(|&e| orders.kind[e] == OrderKind::Purchase && orders.opens_order[e] && orders.time[e] < as_of)
            .map(|e| orders.time[e]);
        let Some(first) = times.next() else { continue };
        if first > as_of - window * DAY {
            continue;
        }
        cohort += 1;
        // The timeline is sorted by time: the next order opening is the second order.
        match times.next().filter(|&x| x - first <= window * DAY) {
            Some(second) => gaps.push((second - first) as f64 / DAY as f64),
            None => not_back.push(t.keys[i].clone()),
        }
    }
    if cohort == 0 {
        return Err(vec![]);
    }
    let repeaters = gaps.len() as u64;
    let bins = 6usize;
    let width = window as f64 / bins as f64;
    let mut hist = vec![0.0; bins];
    for g in &gaps {
        hist[((g / width) as usize).min(bins - 1)] += 1.0;
    }
    let median = crate::num::median(&mut gaps).unwrap_or(f64::NAN);
    Ok(Finding {
        id: "second_purchase",
        values: [
            ("cohort", cohort as f64),
            ("repeaters", repeaters as f64),
            ("rate", repeaters as f64 / cohort as f64),
            ("medianDays", median),
            ("windowDays", window as f64),
        ]
        .into_iter()
        .collect(),
        items: None,
        // The first-time customers who did not come back within the window: the lifecycle stage
        // `new` holds only those first seen lately, none at all on old data (CDNOW).
        customers: Concerned { count: not_back.len() as u64, segment: None, ids: not_back },
        advice: advice("lifecycle", "new"),
        chart: Chart {
            kind: "bar",
            labels: (0..bins).map(|b| format!("{:.0}–{:.0}", b as f64 * width, (b + 1) as f64 * width)).collect(),
            values: hist,
            highlight: None,
        },
        warnings: vec![],
    })
}

/// Σ CLV by value tier, and the top 5% of customers by CLV (the ones the forecast rests on).
fn clv_finding(seg: &Segmented, r: &ClvReport) -> Option<Finding> {
    let p = &r.customer_table.predictions;
    if p.clv.is_empty() {
        return None;
    }
    let t = &seg.table;
    let n_ids = t.facts.iter().map(|f| f.customer as usize + 1).max().unwrap_or(0);
    let by_id = p.by_customer_id(n_ids);
    let total: f64 = p.clv.iter().filter(|x| x.is_finite()).sum();
    let purchases: f64 = p.expected_purchases.iter().filter(|x| x.is_finite()).sum();
    let mut tiers = [0.0f64; 4];
    let mut ranked: Vec<(f64, usize)> = Vec::with_capacity(t.len());
    for (i, f) in t.facts.iter().enumerate() {
        let v = by_id.clv[f.customer as usize];
        if v.is_finite() {
            tiers[usize::from(t.tier[i]).min(3)] += v;
            ranked.push((v, i));
        }
    }
    sort::sort_by(&mut ranked, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let k = ((0.05 * t.len() as f64) - 1e-9).ceil().max(1.0) as usize;
    let top: Vec<usize> = ranked.iter().take(k).map(|&(_, i)| i).collect();
    let top_total: f64 = ranked.iter().take(k).map(|&(v, _)| v).sum();
    let mut warnings: Vec<Warning> = r.bgnbd.warnings.clone();
    warnings.extend(r.warnings.iter().cloned());
    if let Some(g) = &r.gamma_gamma {
        warnings.extend(g.warnings.iter().cloned());
    }
    let mut seen = FxHashSet::default();
    warnings.retain(|w| seen.insert(w.code));
    Some(Finding {
        id: "clv",
        values: [
            ("expectedRevenue", total),
            ("expectedPurchases", purchases),
            ("horizonMonths", f64::from(p.horizon_months)),
            ("monthlyDiscount", p.monthly_discount),
            ("customers", r.customers as f64),
            ("repeatCustomers", r.repeat_customers as f64),
            ("top5Share", if total != 0.0 { top_total / total } else { f64::NAN }),
        ]
        .into_iter()
        .collect(),
        items: None,
        customers: Concerned {
            count: top.len() as u64,
            segment: None,
            ids: top.iter().map(|&i| t.keys[i].clone()).collect(),
        },
        advice: None,
        chart: Chart {
            kind: "bar",
            labels: ["A", "B", "C", "D"].iter().map(|x| (*x).to_owned()).collect(),
            values: tiers.to_vec(),
            highlight: Some(0),
        },
        warnings,
    })
}

/// The customers (by name) of `tx` who bought every antecedent item but never a consequent
/// item, in name order.
fn not_yet(tx: &crate::basket::Transactions, antecedent: &[u32], consequent: &[u32]) -> Vec<String> {
    let Some(customer) = tx.customer.as_ref() else { return Vec::new() };
    let nc = tx.customers.len();
    let mut has = vec![0u64; nc];
    let mut bought_consequent = vec![false; nc];
    for (b, items) in tx.baskets().enumerate() {
        let c = customer[b] as usize;
        if c >= nc {
            continue;
        }
        for (k, x) in antecedent.iter().enumerate().take(64) {
            if items.contains(x) {
                has[c] |= 1 << k;
            }
        }
        if consequent.iter().any(|x| items.contains(x)) {
            bought_consequent[c] = true;
        }
    }
    let full = if antecedent.len() >= 64 { u64::MAX } else { (1u64 << antecedent.len()) - 1 };
    let mut ids: Vec<String> =
        (0..nc).filter(|&c| has[c] == full && !bought_consequent[c]).map(|c| tx.customers[c].clone()).collect();
    sort::sort(&mut ids);
    ids
}

/// The rule of the Baskets tab's settings with the highest lift (ties: support, confidence, then
/// the table's order), mined by (and kept in) `wb`.
pub fn best_rule(wb: &mut Workbench, lines: &LineItems, s: &BasketSettings) -> Result<BestRule, Vec<Role>> {
    let a = allows(lines);
    let needs = a.get(Analysis::Rules).needs.clone();
    if !needs.is_empty() {
        return Err(needs);
    }
    let m = wb.mine(lines, s, &mut |_| true).map_err(|_| vec![Role::ProductId])?;
    let rules = m.table.rules();
    let best = rules.iter().enumerate().max_by(|(i, a), (j, b)| {
        a.measures
            .lift
            .total_cmp(&b.measures.lift)
            .then(a.measures.support.total_cmp(&b.measures.support))
            .then(a.measures.confidence.total_cmp(&b.measures.confidence))
            .then(j.cmp(i))
    });
    let Some((_, r)) = best else { return Err(vec![]) };
    let label = |x: &u32| m.tx.label(*x).to_owned();
    let name = |x: &u32| m.tx.items[*x as usize].clone();
    Ok(BestRule {
        items: RuleItems {
            antecedent: vec![r.antecedent.iter().map(label).collect()],
            consequent: r.consequent.iter().map(label).collect(),
            antecedent_names: vec![r.antecedent.iter().map(name).collect()],
            consequent_names: r.consequent.iter().map(name).collect(),
        },
        support: r.measures.support,
        confidence: r.measures.confidence,
        lift: r.measures.lift,
        count: r.count,
        baseline: r.measures.consequent_support,
        ids: not_yet(&m.tx, &r.antecedent, &r.consequent),
    })
}

/// The "A, then B" rule with the highest lift (ties: support) among single products bought on
/// different days by the same customer, B not being A: cSPADE ([`crate::basket::cspade`]) with
/// two elements of one item each over the baskets of the rules' settings, then
/// [`crate::basket::sequence_rules`]. Restricting the elements to one item keeps it fast enough
/// to run after every load.
pub fn best_sequence(
    wb: &mut Workbench,
    lines: &LineItems,
    s: &BasketSettings,
    ss: &SequenceSettings,
) -> Result<BestRule, Vec<Role>> {
    use crate::basket::{cspade, sequence_rules, SequenceParams, Sequences};
    let a = allows(lines);
    let needs = a.get(Analysis::Sequences).needs.clone();
    if !needs.is_empty() {
        return Err(needs);
    }
    let m = wb.mine(lines, s, &mut |_| true).map_err(|_| vec![Role::ProductId])?;
    let tx = &m.tx;
    let params = SequenceParams::new(ss.min_support)
        .mingap(ss.mingap)
        .maxgap(ss.maxgap)
        .maxwin(ss.maxwin)
        .maxsize(1)
        .maxlen(2)
        .check()
        .map_err(|_| Vec::new())?;
    let seqs = Sequences::from_transactions(tx).map_err(|_| Vec::new())?;
    let patterns = cspade(&seqs, &params).map_err(|_| Vec::new())?;
    let rules = sequence_rules(&patterns, ss.min_confidence);
    let best = rules
        .iter()
        .filter(|r| r.consequent.iter().all(|c| !r.antecedent.iter().flatten().any(|x| x == c)))
        .max_by(|a, b| a.lift.total_cmp(&b.lift).then(a.support.total_cmp(&b.support)).then(b.count.cmp(&a.count)));
    let Some(r) = best else { return Err(Vec::new()) };
    let label = |x: &u32| tx.label(*x).to_owned();
    let name = |x: &u32| tx.items[*x as usize].clone();
    let ant: Vec<u32> = r.antecedent.iter().flatten().copied().collect();
    Ok(BestRule {
        items: RuleItems {
            antecedent: r.antecedent.iter().map(|el| el.iter().map(label).collect()).collect(),
            consequent: r.consequent.iter().map(label).collect(),
            antecedent_names: r.antecedent.iter().map(|el| el.iter().map(name).collect()).collect(),
            consequent_names: r.consequent.iter().map(name).collect(),
        },
        support: r.support,
        confidence: r.confidence,
        lift: r.lift,
        count: r.count,
        baseline: if r.lift > 0.0 { r.confidence / r.lift } else { f64::NAN },
        ids: not_yet(tx, &ant, &r.consequent),
    })
}
