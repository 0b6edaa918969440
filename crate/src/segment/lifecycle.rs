//! Lifecycle stages (new, repeat, loyal, at risk, lapsed, won back) at any analysis date, and the
//! migration matrix between two labellings of the same customers (the periodic re-evaluation the
//! seed texts ask for: "who moved where since last quarter").
//!
//! ## Inputs and what counts
//!
//! The stages read the customers' order timelines ([`Orders`]). Only **purchase lines** dated
//! strictly before the analysis date `as_of` (seconds since 1970, the store's wall-clock
//! convention) make orders. An order is a distinct order id among a customer's purchase lines;
//! its time is the earliest of those lines. Return lines add to the customer's net sales but make no
//! order. [`lifecycle`] counts every purchase line ([`Convention::Net`]); the segmentation calls
//! [`lifecycle_from_orders`] with the orders of its fact table, so under
//! [`Convention::PurchasesOnly`] lines without a positive quantity and amount (zero-price lines
//! kept) make no order there either, and add nothing to net sales. Guest lines
//! ([`NO_CUSTOMER`](crate::model::NO_CUSTOMER)), lines on or after `as_of`, and customers
//! without a purchase order are skipped and counted in [`LifecycleSkipped`].
//!
//! ## Definitions (all days are fractional: seconds / 86,400)
//!
//! - **gap**: days between two consecutive orders of a customer.
//! - **usual gap** of a customer: the median of their gaps; for a one-order customer, the
//!   population's usual gap (the median of the repeat customers' usual gaps; when no customer has
//!   two orders, [`LifecycleParams::default_usual_gap_days`]). It is floored at
//!   [`LifecycleParams::min_usual_gap_days`] so that two orders on one day do not make a customer
//!   "overdue" an hour later.
//! - **days since last order**: `(as_of − last order time) / 86,400`.
//! - **reference gap** (for won back): the median of the gaps *before* the last one; with only one
//!   gap, the population's usual gap; floored like the usual gap.
//!
//! The stage is the first that applies, in this order:
//!
//! 1. **new**: first order within the last `new_within_days` days, or still a single order and
//!    not yet overdue (days since ≤ `at_risk_factor` × usual gap). A customer in their first
//!    cycle has not had the chance to become anything else.
//! 2. **lapsed**: days since last order > `lapsed_factor` × usual gap.
//! 3. **at risk**: days since last order > `at_risk_factor` × usual gap.
//! 4. **won back**: two or more orders, and the last gap was > `lapsed_factor` × reference gap:
//!    the customer came back after an absence that would have counted as lapsed. The stage lasts
//!    until their next order (or until they are overdue again).
//! 5. **loyal**: at least `loyal_min_orders` orders and regular: the coefficient of variation of
//!    their gaps (population standard deviation / mean) is at most `loyal_max_gap_cv`.
//! 6. **repeat**: every other customer with two or more orders.
//!
//! Every customer with at least one order gets exactly one stage.
//!
//! ```
//! use clientele::model::{LineItems, LineKind};
//! use clientele::segment::lifecycle::{lifecycle, LifecycleParams, Stage};
//! const DAY: i64 = 86_400;
//! let mut lines = LineItems::default();
//! let c = lines.customers.intern("C1");
//! for (k, day) in [0, 10, 20, 30].into_iter().enumerate() {
//!     let o = lines.orders.intern(&format!("O{k}"));
//!     lines.push(c, o, day * DAY, 0, 1.0, 10.0, LineKind::Purchase);
//! }
//! // Usual gap 10 days; 25 days after the last order is more than 2 × 10: at risk.
//! let l = lifecycle(&lines, 55 * DAY, &LifecycleParams { new_within_days: 30, ..Default::default() }).unwrap();
//! assert_eq!(l.customers[0].stage, Stage::AtRisk);
//! assert_eq!(l.customers[0].usual_gap_days, 10.0);
//! ```

use serde::{Deserialize, Serialize};

use crate::model::{Convention, LineItems, OrderKind, Orders};
use crate::num::{median, round_money, Sum};
use crate::time::DAY;

/// A lifecycle stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    Repeat,
    Loyal,
    AtRisk,
    Lapsed,
    WonBack,
}

impl Stage {
    /// Every stage, in display order (the order of [`Lifecycle::stages`] and of the migration
    /// matrix).
    pub const ALL: [Stage; 6] = [Stage::New, Stage::Repeat, Stage::Loyal, Stage::AtRisk, Stage::Lapsed, Stage::WonBack];

    /// The snake_case key, as serialised (the page's i18n key).
    pub fn key(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Repeat => "repeat",
            Stage::Loyal => "loyal",
            Stage::AtRisk => "at_risk",
            Stage::Lapsed => "lapsed",
            Stage::WonBack => "won_back",
        }
    }

    /// Position in [`Stage::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Thresholds of the stages. Defaults in brackets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LifecycleParams {
    /// A customer whose first order is within this many days of the analysis date is new [90].
    pub new_within_days: u32,
    /// At risk when days since the last order exceed this × the usual gap [2].
    pub at_risk_factor: f64,
    /// Lapsed when days since the last order exceed this × the usual gap; won back when the last
    /// gap exceeded this × the reference gap [4].
    pub lapsed_factor: f64,
    /// Loyal needs at least this many orders [5].
    pub loyal_min_orders: u32,
    /// Loyal needs the gaps' coefficient of variation (sd / mean) at most this [1].
    pub loyal_max_gap_cv: f64,
    /// Floor of every usual and reference gap, days [7].
    pub min_usual_gap_days: f64,
    /// Usual gap of one-order customers when no customer has two orders, days [90].
    pub default_usual_gap_days: f64,
}

impl Default for LifecycleParams {
    fn default() -> Self {
        LifecycleParams {
            new_within_days: 90,
            at_risk_factor: 2.0,
            lapsed_factor: 4.0,
            loyal_min_orders: 5,
            loyal_max_gap_cv: 1.0,
            min_usual_gap_days: 7.0,
            default_usual_gap_days: 90.0,
        }
    }
}

/// Why lifecycle parameters were refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LifecycleError {
    #[error("the lifecycle parameter {name} must be {expected}, not {found}")]
    BadParam { name: &'static str, expected: &'static str, found: f64 },
    #[error(transparent)]
    Migration(#[from] MigrationError),
}

impl LifecycleError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        match self {
            LifecycleError::BadParam { .. } => "segment.lifecycle_bad_param",
            LifecycleError::Migration(e) => e.code(),
        }
    }
}

impl crate::error::Coded for LifecycleError {
    fn code(&self) -> &'static str {
        LifecycleError::code(self)
    }
    fn params(&self) -> serde_json::Value {
        match self {
            LifecycleError::BadParam { name, expected, found } => {
                serde_json::json!({ "name": name, "expected": expected, "found": found })
            }
            LifecycleError::Migration(MigrationError::LabelOutOfRange { customer, label, labels }) => {
                serde_json::json!({ "customer": customer, "label": label, "labels": labels })
            }
        }
    }
}

impl LifecycleParams {
    /// Checks every threshold.
    pub fn validate(&self) -> Result<(), LifecycleError> {
        let bad = |name, expected, found| Err(LifecycleError::BadParam { name, expected, found });
        if !(self.at_risk_factor.is_finite() && self.at_risk_factor > 0.0) {
            return bad("atRiskFactor", "a number above 0", self.at_risk_factor);
        }
        if !(self.lapsed_factor.is_finite() && self.lapsed_factor >= self.at_risk_factor) {
            return bad("lapsedFactor", "a number at least the at-risk factor", self.lapsed_factor);
        }
        if !(self.loyal_max_gap_cv.is_finite() && self.loyal_max_gap_cv >= 0.0) {
            return bad("loyalMaxGapCv", "a number at least 0", self.loyal_max_gap_cv);
        }
        if !(self.min_usual_gap_days.is_finite() && self.min_usual_gap_days > 0.0) {
            return bad("minUsualGapDays", "a number of days above 0", self.min_usual_gap_days);
        }
        if !(self.default_usual_gap_days.is_finite() && self.default_usual_gap_days > 0.0) {
            return bad("defaultUsualGapDays", "a number of days above 0", self.default_usual_gap_days);
        }
        Ok(())
    }
}

/// One customer's stage and the figures it was decided from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerStage {
    /// Dense customer id (index into the store's customer interner).
    pub customer: u32,
    pub stage: Stage,
    /// Distinct orders before the analysis date.
    pub orders: u32,
    /// Times of the first and last order, seconds since 1970.
    pub first_order: i64,
    pub last_order: i64,
    pub days_since_last_order: f64,
    /// The usual gap used (floored), days.
    pub usual_gap_days: f64,
    /// Whether the usual gap is the population's (a one-order customer).
    pub usual_gap_is_population: bool,
    /// Days between the last two orders; `None` with one order.
    pub last_gap_days: Option<f64>,
    /// Coefficient of variation of the gaps; `None` with fewer than two gaps.
    pub gap_cv: Option<f64>,
    /// Net sales before the analysis date (purchases plus returns, which are negative).
    pub net_sales: f64,
}

/// Size of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageSummary {
    pub stage: Stage,
    pub customers: u64,
    /// customers / all staged customers (0 when there are none).
    pub customer_share: f64,
    pub net_sales: f64,
    /// net sales / all staged customers' net sales (0 when that is 0).
    pub sales_share: f64,
}

/// What the lifecycle did not use, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LifecycleSkipped {
    /// Lines without a customer.
    pub guest_lines: u64,
    /// Customer lines on or after the analysis date.
    pub lines_after_as_of: u64,
    /// Customers with lines before the analysis date but no purchase order (returns only, or
    /// lines outside the convention only).
    pub customers_without_purchases: u64,
}

/// Stages of every customer at one analysis date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lifecycle {
    /// Analysis date, seconds since 1970 (lines strictly before it count).
    pub as_of: i64,
    pub params: LifecycleParams,
    /// The usual gap of one-order customers before flooring, days.
    pub population_usual_gap_days: f64,
    /// Whether that is [`LifecycleParams::default_usual_gap_days`] (no customer had two orders).
    pub population_gap_is_default: bool,
    /// One entry per customer with an order, ascending customer id.
    pub customers: Vec<CustomerStage>,
    /// One entry per stage, in [`Stage::ALL`] order.
    pub stages: Vec<StageSummary>,
    pub skipped: LifecycleSkipped,
}

impl Lifecycle {
    /// The stage of every customer id (index = customer id, `n_customers` long); `None` for ids
    /// with no order before the analysis date. The input of [`migration`].
    pub fn labels(&self, n_customers: usize) -> Vec<Option<usize>> {
        let mut out = vec![None; n_customers];
        for c in &self.customers {
            if let Some(slot) = out.get_mut(c.customer as usize) {
                *slot = Some(c.stage.index());
            }
        }
        out
    }
}

/// Computes the stage of every customer at `as_of` (see the module docs for every definition),
/// from the orders of all the purchase lines ([`Convention::Net`]).
pub fn lifecycle(lines: &LineItems, as_of: i64, params: &LifecycleParams) -> Result<Lifecycle, LifecycleError> {
    params.validate()?;
    lifecycle_from_orders(&Orders::without_detail(lines, Convention::Net), as_of, params)
}

/// Computes the stage of every customer at `as_of` from an order timeline. The segmentation
/// passes the orders its fact table counts, so each customer's order count and stage come from
/// the same orders under either [`Convention`].
pub fn lifecycle_from_orders(
    orders: &Orders,
    as_of: i64,
    params: &LifecycleParams,
) -> Result<Lifecycle, LifecycleError> {
    params.validate()?;
    let mut skipped = LifecycleSkipped { guest_lines: orders.guest_lines, ..LifecycleSkipped::default() };

    struct Raw {
        customer: u32,
        orders: u32,
        first: i64,
        last: i64,
        usual: Option<f64>,
        reference: Option<f64>,
        last_gap: Option<f64>,
        cv: Option<f64>,
        net: f64,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut times: Vec<i64> = Vec::new();
    let mut gaps: Vec<f64> = Vec::new();
    let mut before: Vec<f64> = Vec::new();
    for c in 0..orders.n_customers as u32 {
        let mut seen = false;
        let mut net = Sum::default();
        times.clear();
        for e in orders.of_customer(c) {
            if orders.time[e] >= as_of {
                skipped.lines_after_as_of += u64::from(orders.lines[e]);
                continue;
            }
            seen = true;
            match orders.kind[e] {
                OrderKind::Purchase => {
                    net.add(orders.amount[e]);
                    if orders.opens_order[e] {
                        times.push(orders.time[e]);
                    }
                }
                OrderKind::Return => net.add(orders.amount[e]),
                OrderKind::Outside => {}
            }
        }
        if times.is_empty() {
            if seen {
                skipped.customers_without_purchases += 1;
            }
            continue;
        }
        // The entries come in time order.
        gaps.clear();
        gaps.extend(times.windows(2).map(|w| (w[1] - w[0]) as f64 / DAY as f64));
        let last_gap = gaps.last().copied();
        let cv = (gaps.len() >= 2).then(|| {
            let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
            let var = gaps.iter().map(|g| (g - mean) * (g - mean)).sum::<f64>() / gaps.len() as f64;
            if mean > 0.0 {
                var.sqrt() / mean
            } else {
                0.0
            }
        });
        let reference = (gaps.len() >= 2)
            .then(|| {
                before.clear();
                before.extend_from_slice(&gaps[..gaps.len() - 1]);
                median(&mut before)
            })
            .flatten();
        let usual = median(&mut gaps);
        raws.push(Raw {
            customer: c,
            orders: times.len() as u32,
            first: times[0],
            last: times[times.len() - 1],
            usual,
            reference,
            last_gap,
            cv,
            net: net.value(),
        });
    }
    let mut usuals: Vec<f64> = raws.iter().filter_map(|r| r.usual).collect();
    let population_gap_is_default = usuals.is_empty();
    let population = median(&mut usuals).unwrap_or(params.default_usual_gap_days);
    let floor = |g: f64| g.max(params.min_usual_gap_days);
    let new_since = as_of - i64::from(params.new_within_days) * DAY;

    let mut customers = Vec::with_capacity(raws.len());
    for r in &raws {
        let usual = floor(r.usual.unwrap_or(population));
        let reference = floor(r.reference.unwrap_or(population));
        let since = (as_of - r.last) as f64 / DAY as f64;
        let stage = if r.first >= new_since || (r.orders == 1 && since <= params.at_risk_factor * usual) {
            Stage::New
        } else if since > params.lapsed_factor * usual {
            Stage::Lapsed
        } else if since > params.at_risk_factor * usual {
            Stage::AtRisk
        } else if r.last_gap.is_some_and(|g| g > params.lapsed_factor * reference) {
            Stage::WonBack
        } else if r.orders >= params.loyal_min_orders && r.cv.is_some_and(|cv| cv <= params.loyal_max_gap_cv) {
            Stage::Loyal
        } else {
            Stage::Repeat
        };
        customers.push(CustomerStage {
            customer: r.customer,
            stage,
            orders: r.orders,
            first_order: r.first,
            last_order: r.last,
            days_since_last_order: since,
            usual_gap_days: usual,
            usual_gap_is_population: r.usual.is_none(),
            last_gap_days: r.last_gap,
            gap_cv: r.cv,
            net_sales: round_money(r.net),
        });
    }
    let stages = summarise(&customers);
    Ok(Lifecycle {
        as_of,
        params: *params,
        population_usual_gap_days: population,
        population_gap_is_default,
        customers,
        stages,
        skipped,
    })
}

fn summarise(customers: &[CustomerStage]) -> Vec<StageSummary> {
    let mut count = [0u64; 6];
    let mut sales = [Sum::default(); 6];
    let mut total = Sum::default();
    for c in customers {
        count[c.stage.index()] += 1;
        sales[c.stage.index()].add(c.net_sales);
        total.add(c.net_sales);
    }
    let n = customers.len() as f64;
    let total = total.value();
    Stage::ALL
        .iter()
        .map(|&s| {
            let i = s.index();
            let net_sales = round_money(sales[i].value());
            StageSummary {
                stage: s,
                customers: count[i],
                customer_share: if n > 0.0 { count[i] as f64 / n } else { 0.0 },
                net_sales,
                sales_share: if total != 0.0 { net_sales / total } else { 0.0 },
            }
        })
        .collect()
}

/// A migration matrix: how the customers of each segment at an earlier date are labelled at a
/// later one.
///
/// Rows are the earlier segments in the order of [`Migration::labels`], then one row for
/// customers who were not yet customers at the earlier date (`from: None`). Columns are the
/// later segments in the same order, then one column for customers without a label at the later
/// date (`no_longer` — it stays 0 for lifecycle stages, since a customer never loses their
/// orders, but other schemes may drop customers). Every row's cells sum to its `customers`: the
/// earlier segment's size. Customers with no label at either date are counted in
/// [`Migration::unlabelled_both`] and appear in no row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Migration {
    /// Segment names, in row and column order.
    pub labels: Vec<String>,
    pub rows: Vec<MigrationRow>,
    /// Column totals: customers per later segment (then `no_longer`'s total last).
    pub later_sizes: Vec<u64>,
    /// Customers labelled at both dates whose label is the same.
    pub stayed: u64,
    /// Customers labelled at both dates.
    pub labelled_both: u64,
    pub unlabelled_both: u64,
}

/// One row of a [`Migration`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrationRow {
    /// Index into [`Migration::labels`]; `None` for "not yet a customer".
    pub from: Option<usize>,
    /// Size of the row: customers with this label at the earlier date.
    pub customers: u64,
    /// Customers per later label, in [`Migration::labels`] order.
    pub to: Vec<u64>,
    /// Customers of the row without a label at the later date.
    pub no_longer: u64,
    /// Share of the row in each later label (same order as `to`), then `no_longer`'s share; all
    /// 0 for an empty row.
    pub to_share: Vec<f64>,
}

/// Why a migration matrix could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    #[error("customer {customer} has label {label}, but there are only {labels} labels")]
    LabelOutOfRange { customer: usize, label: usize, labels: usize },
}

impl MigrationError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        "segment.migration_label_out_of_range"
    }
}

/// Builds the migration matrix of any labelling between two dates. `before[c]` and `after[c]`
/// are customer `c`'s label index at the earlier and later date, `None` when not a customer
/// then; a shorter slice means `None` for the missing ids.
///
/// ```
/// use clientele::segment::lifecycle::migration;
/// let labels = ["a".to_string(), "b".to_string()];
/// let m = migration(&labels, &[Some(0), Some(0), Some(1), None], &[Some(0), Some(1), Some(1), Some(0)]).unwrap();
/// assert_eq!(m.rows[0].to, vec![1, 1]); // of the two "a", one stayed and one moved to "b"
/// assert_eq!(m.rows[2].from, None); // "not yet a customer": the fourth customer, now "a"
/// assert_eq!(m.rows[2].to, vec![1, 0]);
/// ```
pub fn migration(
    labels: &[String],
    before: &[Option<usize>],
    after: &[Option<usize>],
) -> Result<Migration, MigrationError> {
    let k = labels.len();
    let n = before.len().max(after.len());
    // counts[row][col]: rows 0..k labels, k = none; cols 0..k labels, k = none.
    let mut counts = vec![vec![0u64; k + 1]; k + 1];
    let mut unlabelled_both = 0;
    for c in 0..n {
        let b = before.get(c).copied().flatten();
        let a = after.get(c).copied().flatten();
        for label in [b, a].into_iter().flatten() {
            if label >= k {
                return Err(MigrationError::LabelOutOfRange { customer: c, label, labels: k });
            }
        }
        if b.is_none() && a.is_none() {
            unlabelled_both += 1;
            continue;
        }
        counts[b.unwrap_or(k)][a.unwrap_or(k)] += 1;
    }
    let rows: Vec<MigrationRow> = counts
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let customers: u64 = cells.iter().sum();
            MigrationRow {
                from: (r < k).then_some(r),
                customers,
                to: cells[..k].to_vec(),
                no_longer: cells[k],
                to_share: cells
                    .iter()
                    .map(|&x| if customers > 0 { x as f64 / customers as f64 } else { 0.0 })
                    .collect(),
            }
        })
        .collect();
    let later_sizes = (0..=k).map(|col| counts.iter().map(|row| row[col]).sum()).collect();
    let stayed = (0..k).map(|i| counts[i][i]).sum();
    let labelled_both = (0..k).map(|i| counts[i][..k].iter().sum::<u64>()).sum();
    Ok(Migration { labels: labels.to_vec(), rows, later_sizes, stayed, labelled_both, unlabelled_both })
}

/// Lifecycle stages at two dates and the migration between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LifecycleMigration {
    pub earlier: Lifecycle,
    pub later: Lifecycle,
    /// Labels are the stage keys in [`Stage::ALL`] order.
    pub matrix: Migration,
}

/// Stages at `earlier` and `later` (analysis dates, seconds since 1970) and the migration matrix
/// between them. The dates may come in either order; the earlier one is the rows.
pub fn lifecycle_migration(
    lines: &LineItems,
    earlier: i64,
    later: i64,
    params: &LifecycleParams,
) -> Result<LifecycleMigration, LifecycleError> {
    let (earlier, later) = (earlier.min(later), earlier.max(later));
    params.validate()?;
    let orders = Orders::without_detail(lines, Convention::Net);
    let a = lifecycle_from_orders(&orders, earlier, params)?;
    let b = lifecycle_from_orders(&orders, later, params)?;
    let n = lines.customers.len();
    let labels: Vec<String> = Stage::ALL.iter().map(|s| s.key().to_owned()).collect();
    let (before, after) = (a.labels(n), b.labels(n));
    let matrix = migration(&labels, &before, &after)?;
    Ok(LifecycleMigration { earlier: a, later: b, matrix })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineKind, NO_CUSTOMER};

    /// One customer per entry: order days (one purchase line each, amount 10).
    fn store(customers: &[&[i64]]) -> LineItems {
        let mut lines = LineItems::default();
        let mut k = 0;
        for (i, days) in customers.iter().enumerate() {
            let c = lines.customers.intern(&format!("C{i}"));
            for &d in *days {
                let o = lines.orders.intern(&format!("O{k}"));
                k += 1;
                lines.push(c, o, d * DAY, 0, 1.0, 10.0, LineKind::Purchase);
            }
        }
        lines
    }

    #[test]
    fn hand_computed_stages() {
        // as_of = day 400; new window 30 days; default factors 2 and 4, floor 7, loyal 5 / cv 1.
        let lines = store(&[
            &[380],                                              // 0: first order 20 days ago: new
            &[0, 10, 20, 30, 40, 50],                            // 1: usual 10, 350 days since > 40: lapsed
            &[300, 330, 360, 370], // 2: gaps 30, 30, 10 → usual 30; 30 days since; 4 orders: repeat
            &[100, 130, 160, 190, 220, 250, 280, 310, 340, 370], // 3: usual 30, 30 since, cv 0: loyal
            &[0, 20, 40, 360], // 4: gaps 20,20,320 → usual 20; 40 since ≤ 40: not at risk; last gap 320 > 4×20: won back
            &[200, 230, 260, 290, 320], // 5: usual 30, 80 since > 60: at risk
            &[100],            // 6: one order, 300 days since; population gap → lapsed
        ]);
        let p = LifecycleParams { new_within_days: 30, ..Default::default() };
        let l = lifecycle(&lines, 400 * DAY, &p).unwrap();
        // Repeat customers' usual gaps: 10, 30, 30, 20, 30 → population median 30.
        assert_eq!(l.population_usual_gap_days, 30.0);
        let stages: Vec<Stage> = l.customers.iter().map(|c| c.stage).collect();
        assert_eq!(
            stages,
            [Stage::New, Stage::Lapsed, Stage::Repeat, Stage::Loyal, Stage::WonBack, Stage::AtRisk, Stage::Lapsed]
        );
        assert_eq!(l.customers[2].usual_gap_days, 30.0);
        assert_eq!(l.customers[4].last_gap_days, Some(320.0));
        assert_eq!(l.customers[6].usual_gap_days, 30.0);
        assert!(l.customers[6].usual_gap_is_population);
        assert_eq!(l.customers[3].gap_cv, Some(0.0));
        // Summary: counts per stage in Stage::ALL order, shares sum to 1.
        let counts: Vec<u64> = l.stages.iter().map(|s| s.customers).collect();
        assert_eq!(counts, [1, 1, 1, 1, 2, 1]);
        assert!((l.stages.iter().map(|s| s.customer_share).sum::<f64>() - 1.0).abs() < 1e-12);
        // Net sales: customer 3 bought 10 × 10.
        assert_eq!(l.customers[3].net_sales, 100.0);
        assert_eq!(l.stages[Stage::Loyal.index()].net_sales, 100.0);
    }

    #[test]
    fn only_lines_before_the_date_count() {
        let lines = store(&[&[0, 10, 20, 30, 40, 50]]);
        // At day 35 the customer has 4 orders (0..30); usual 10, 5 days since: repeat (4 < 5 orders).
        let l = lifecycle(&lines, 35 * DAY, &LifecycleParams { new_within_days: 0, ..Default::default() }).unwrap();
        assert_eq!(l.customers[0].orders, 4);
        assert_eq!(l.customers[0].stage, Stage::Repeat);
        assert_eq!(l.skipped.lines_after_as_of, 2);
        // Before the first order there is no customer at all.
        let l = lifecycle(&lines, 0, &LifecycleParams::default()).unwrap();
        assert!(l.customers.is_empty());
        assert_eq!(l.skipped.lines_after_as_of, 6);
    }

    #[test]
    fn single_order_within_its_expected_gap_is_new_and_floor_applies() {
        // Two orders on the same day: gap 0, floored to 7; 10 days later: 10 ≤ 14, not at risk.
        let mut lines = store(&[&[100, 100], &[50]]);
        lines.push(NO_CUSTOMER, 0, 0, 0, 1.0, 5.0, LineKind::Purchase);
        let p = LifecycleParams { new_within_days: 5, ..Default::default() };
        let l = lifecycle(&lines, 110 * DAY, &p).unwrap();
        assert_eq!(l.customers[0].usual_gap_days, 7.0);
        assert_eq!(l.customers[0].stage, Stage::Repeat);
        // Customer 1: one order 60 days ago; population gap 0 → floored 7; 60 > 28: lapsed.
        assert_eq!(l.customers[1].stage, Stage::Lapsed);
        assert_eq!(l.skipped.guest_lines, 1);
        // With a long default gap and no repeat customers, a one-order customer stays new.
        let lines = store(&[&[50]]);
        let l = lifecycle(&lines, 110 * DAY, &p).unwrap();
        assert!(l.population_gap_is_default);
        assert_eq!(l.customers[0].stage, Stage::New);
    }

    #[test]
    fn returns_only_customers_are_counted_not_staged() {
        let mut lines = store(&[&[10]]);
        let c = lines.customers.intern("R");
        let o = lines.orders.intern("R1");
        lines.push(c, o, 5 * DAY, 0, -1.0, -10.0, LineKind::Return);
        let l = lifecycle(&lines, 20 * DAY, &LifecycleParams::default()).unwrap();
        assert_eq!(l.customers.len(), 1);
        assert_eq!(l.skipped.customers_without_purchases, 1);
    }

    #[test]
    fn bad_params_are_refused() {
        let p = LifecycleParams { lapsed_factor: 1.0, ..Default::default() };
        assert_eq!(lifecycle(&LineItems::default(), 0, &p).unwrap_err().code(), "segment.lifecycle_bad_param");
        let p = LifecycleParams { at_risk_factor: f64::NAN, ..Default::default() };
        assert!(p.validate().is_err());
    }

    #[test]
    fn migration_hand_case() {
        let labels: Vec<String> = ["x", "y", "z"].iter().map(|s| s.to_string()).collect();
        let before = [Some(0), Some(0), Some(1), Some(2), None, None, Some(2)];
        let after = [Some(0), Some(2), Some(1), Some(0), Some(1), None, None];
        let m = migration(&labels, &before, &after).unwrap();
        assert_eq!(m.rows.len(), 4);
        assert_eq!((m.rows[0].to.clone(), m.rows[0].no_longer, m.rows[0].customers), (vec![1, 0, 1], 0, 2));
        assert_eq!((m.rows[1].to.clone(), m.rows[1].customers), (vec![0, 1, 0], 1));
        assert_eq!((m.rows[2].to.clone(), m.rows[2].no_longer, m.rows[2].customers), (vec![1, 0, 0], 1, 2));
        assert_eq!((m.rows[3].from, m.rows[3].to.clone(), m.rows[3].customers), (None, vec![0, 1, 0], 1));
        assert_eq!(m.later_sizes, vec![2, 2, 1, 1]);
        assert_eq!((m.stayed, m.labelled_both, m.unlabelled_both), (2, 4, 1));
        assert_eq!(m.rows[0].to_share, vec![0.5, 0.0, 0.5, 0.0]);
        // Rows sum to the earlier sizes.
        for (i, row) in m.rows.iter().enumerate().take(3) {
            let size = before.iter().filter(|b| **b == Some(i)).count() as u64;
            assert_eq!(row.to.iter().sum::<u64>() + row.no_longer, size);
        }
        let err = migration(&labels, &[Some(3)], &[]).unwrap_err();
        assert_eq!(err, MigrationError::LabelOutOfRange { customer: 0, label: 3, labels: 3 });
    }

    #[test]
    fn lifecycle_migration_between_two_dates() {
        let lines = store(&[&[0, 10, 20, 30, 40, 50], &[300], &[0, 10, 200]]);
        let p = LifecycleParams { new_within_days: 30, ..Default::default() };
        let m = lifecycle_migration(&lines, 310 * DAY, 100 * DAY, &p).unwrap();
        assert_eq!((m.earlier.as_of, m.later.as_of), (100 * DAY, 310 * DAY));
        // At day 100: C0 usual 10, 50 days since > 40 → lapsed; C2 usual 10, 90 days since →
        // lapsed; C1 not yet a customer.
        assert_eq!(m.earlier.customers.iter().map(|c| c.stage).collect::<Vec<_>>(), [Stage::Lapsed, Stage::Lapsed]);
        // At day 310: C0 lapsed; C1 new; C2 gaps 10, 190: usual 100, 110 since ≤ 200; last gap
        // 190 > 4 × reference 10: won back.
        assert_eq!(
            m.later.customers.iter().map(|c| c.stage).collect::<Vec<_>>(),
            [Stage::Lapsed, Stage::New, Stage::WonBack]
        );
        let lapsed = &m.matrix.rows[Stage::Lapsed.index()];
        assert_eq!(lapsed.customers, 2);
        assert_eq!(lapsed.to[Stage::Lapsed.index()], 1);
        assert_eq!(lapsed.to[Stage::WonBack.index()], 1);
        let newcomers = &m.matrix.rows[6];
        assert_eq!((newcomers.from, newcomers.customers, newcomers.to[Stage::New.index()]), (None, 1, 1));
    }
}
