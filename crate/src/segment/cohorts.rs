//! Monthly acquisition cohorts: customers grouped by the calendar month of their first purchase,
//! followed month by month (months since first purchase): how many are active, the retention
//! rate and the net sales, as a triangle for a heatmap.
//!
//! ## Inputs and what counts
//!
//! The lines of the customers' order timelines ([`Orders`]) dated strictly before the analysis
//! date `as_of` (seconds since 1970, the shop's wall-clock time; months are calendar months of
//! that time).
//!
//! - A customer's **cohort** is the month of their first purchase line. Customers with return
//!   lines only have no cohort and are counted in [`CohortSkipped::customers_without_purchases`].
//! - **Months since first purchase** of a line: its calendar month minus the cohort month
//!   (0 = the cohort month itself).
//! - **Active customers** of a cell: the cohort's customers with at least one purchase line in
//!   that month. Month 0 is always the whole cohort (retention 100%).
//! - **Retention %** of a cell: active customers / cohort size × 100.
//! - **Net sales** of a cell: the amounts of all the cohort's lines in that month, purchases and
//!   returns (negative) alike.
//! - Return lines dated before their customer's first purchase month (a cancellation of an order
//!   placed before the file starts) belong to no cell; they are counted with their amount in
//!   [`CohortSkipped`]. Guest lines and lines on or after `as_of` are counted there too.
//!
//! Cells run from month 0 to the month of the last counted second (`as_of − 1`), so the triangle
//! is complete: a cell with no active customer is present with 0. When `as_of` is not the first
//! second of a month, the last column is a partial month ([`Cohorts::last_month_is_partial`]).
//!
//! Caveat: the first cohort of a file holds every customer who bought in its first month,
//! including long-standing customers whose real first purchase predates the file.
//!
//! ```
//! use clientele::model::{LineItems, LineKind};
//! use clientele::segment::cohorts::cohorts;
//! let day = 86_400;
//! let jan_2 = 19_359 * day; // 2023-01-02
//! let mut lines = LineItems::default();
//! let (a, b) = (lines.customers.intern("A"), lines.customers.intern("B"));
//! let o = lines.orders.intern("1");
//! lines.push(a, o, jan_2, 0, 1.0, 10.0, LineKind::Purchase);
//! lines.push(b, o, jan_2, 0, 1.0, 30.0, LineKind::Purchase);
//! lines.push(a, o, jan_2 + 31 * day, 0, 1.0, 5.0, LineKind::Purchase); // February
//! let c = cohorts(&lines, jan_2 + 40 * day);
//! assert_eq!(c.cohorts[0].month, "2023-01");
//! assert_eq!(c.cohorts[0].cells[1].retention_pct, 50.0);
//! assert_eq!(c.cohorts[0].cells[1].net_sales, 5.0);
//! ```

use serde::Serialize;

use crate::model::{Convention, LineItems, OrderKind, Orders};
use crate::num::{round_money, Sum};
use crate::time::{month_of, DAY};

/// One cell of the triangle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortCell {
    pub months_since_first: u32,
    pub active_customers: u64,
    /// active customers / cohort size × 100.
    pub retention_pct: f64,
    pub net_sales: f64,
    /// net sales / cohort size.
    pub net_sales_per_customer: f64,
    /// Net sales of months 0 to this one / cohort size.
    pub cumulative_net_sales_per_customer: f64,
}

/// One acquisition cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cohort {
    /// First-purchase month, `YYYY-MM`.
    pub month: String,
    pub customers: u64,
    /// Months 0 to the last month, in order.
    pub cells: Vec<CohortCell>,
}

/// One column of the triangle summed over the cohorts that have reached it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OffsetSummary {
    pub months_since_first: u32,
    /// Cohorts that have reached this month.
    pub cohorts: u64,
    /// Their customers.
    pub customers: u64,
    pub active_customers: u64,
    /// active / customers × 100: the customer-weighted mean retention.
    pub retention_pct: f64,
    pub net_sales: f64,
    pub net_sales_per_customer: f64,
}

/// What the cohorts did not use, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortSkipped {
    pub guest_lines: u64,
    pub lines_after_as_of: u64,
    /// Customers with lines before the analysis date but no purchase line.
    pub customers_without_purchases: u64,
    /// Lines (returns) of customers with a cohort dated before their cohort month, and their
    /// summed amount.
    pub lines_before_first_purchase: u64,
    pub amount_before_first_purchase: f64,
}

/// The cohort triangle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cohorts {
    pub as_of: i64,
    /// Month of the last counted second, `YYYY-MM` (empty when there are no cohorts).
    pub last_month: String,
    pub last_month_is_partial: bool,
    /// Customers in all cohorts (= customers with a purchase before `as_of`).
    pub customers: u64,
    /// Ascending month.
    pub cohorts: Vec<Cohort>,
    /// One entry per months-since-first, 0 first.
    pub by_offset: Vec<OffsetSummary>,
    pub skipped: CohortSkipped,
}

fn month_name(index: i64) -> String {
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

/// Builds the cohort triangle from the lines before `as_of` (see the module docs):
/// [`cohorts_from_orders`] over their [`Orders`] ([`Convention::Net`]: every purchase line).
pub fn cohorts(lines: &LineItems, as_of: i64) -> Cohorts {
    cohorts_from_orders(&Orders::without_detail(lines, Convention::Net), as_of)
}

/// Builds the cohort triangle from an order timeline: its purchase lines make the cohorts and
/// the active customers, its purchase and return lines the net sales (lines outside the
/// convention count nowhere but in [`CohortSkipped::lines_after_as_of`] when late).
pub fn cohorts_from_orders(orders: &Orders, as_of: i64) -> Cohorts {
    let n_customers = orders.n_customers;
    let mut skipped = CohortSkipped { guest_lines: orders.guest_lines, ..CohortSkipped::default() };
    const NONE: i64 = i64::MAX;
    // Cohort month of each customer: the month of their first purchase order (the entries come
    // in time order).
    let mut cohort_month = vec![NONE; n_customers];
    for (c, month) in cohort_month.iter_mut().enumerate() {
        let mut seen = false;
        for e in orders.of_customer(c as u32) {
            if orders.time[e] >= as_of {
                skipped.lines_after_as_of += u64::from(orders.lines[e]);
                continue;
            }
            seen = true;
            if orders.kind[e] == OrderKind::Purchase && *month == NONE {
                *month = month_of(orders.time[e]);
            }
        }
        if seen && *month == NONE {
            skipped.customers_without_purchases += 1;
        }
    }
    let Some(first_cohort) = cohort_month.iter().copied().filter(|&m| m != NONE).min() else {
        return Cohorts {
            as_of,
            last_month: String::new(),
            last_month_is_partial: false,
            customers: 0,
            cohorts: Vec::new(),
            by_offset: Vec::new(),
            skipped,
        };
    };
    let last = month_of(as_of - 1).max(first_cohort);
    let n_months = (last - first_cohort + 1) as usize;
    let mut size = vec![0u64; n_months];
    for &m in cohort_month.iter().filter(|&&m| m != NONE) {
        size[(m - first_cohort) as usize] += 1;
    }
    // Triangle cells indexed [cohort][offset], offset ≤ last − cohort.
    let mut sales: Vec<Vec<Sum>> = (0..n_months).map(|k| vec![Sum::default(); n_months - k]).collect();
    let mut active: Vec<Vec<u64>> = (0..n_months).map(|k| vec![0u64; n_months - k]).collect();
    let mut cached = (i64::MIN, 0i64);
    let mut before = Sum::default();
    for (c, &cm) in cohort_month.iter().enumerate() {
        if cm == NONE {
            continue;
        }
        let mut last_active = NONE;
        for e in orders.of_customer(c as u32) {
            let t = orders.time[e];
            if t >= as_of {
                break;
            }
            let kind = orders.kind[e];
            if kind == OrderKind::Outside {
                continue;
            }
            let day = t.div_euclid(DAY);
            if day != cached.0 {
                cached = (day, month_of(t));
            }
            let m = cached.1;
            if m < cm {
                skipped.lines_before_first_purchase += u64::from(orders.lines[e]);
                before.add(orders.amount[e]);
                continue;
            }
            let (k, off) = ((cm - first_cohort) as usize, (m - cm) as usize);
            sales[k][off].add(orders.amount[e]);
            // Months come in order: one active mark per customer and month.
            if kind == OrderKind::Purchase && last_active != m {
                last_active = m;
                active[k][off] += 1;
            }
        }
    }
    skipped.amount_before_first_purchase = round_money(before.value());
    let mut out = Vec::new();
    for k in 0..n_months {
        if size[k] == 0 {
            continue;
        }
        let n = size[k] as f64;
        let mut cumulative = Sum::default();
        let cells = (0..n_months - k)
            .map(|off| {
                let net = round_money(sales[k][off].value());
                cumulative.add(sales[k][off].value());
                CohortCell {
                    months_since_first: off as u32,
                    active_customers: active[k][off],
                    retention_pct: active[k][off] as f64 / n * 100.0,
                    net_sales: net,
                    net_sales_per_customer: net / n,
                    cumulative_net_sales_per_customer: round_money(cumulative.value()) / n,
                }
            })
            .collect();
        out.push(Cohort { month: month_name(first_cohort + k as i64), customers: size[k], cells });
    }
    let by_offset = (0..n_months)
        .map(|off| {
            let mut s = OffsetSummary {
                months_since_first: off as u32,
                cohorts: 0,
                customers: 0,
                active_customers: 0,
                retention_pct: 0.0,
                net_sales: 0.0,
                net_sales_per_customer: 0.0,
            };
            let mut net = Sum::default();
            for c in out.iter().filter(|c| c.cells.len() > off) {
                s.cohorts += 1;
                s.customers += c.customers;
                s.active_customers += c.cells[off].active_customers;
                net.add(c.cells[off].net_sales);
            }
            s.net_sales = round_money(net.value());
            if s.customers > 0 {
                s.retention_pct = s.active_customers as f64 / s.customers as f64 * 100.0;
                s.net_sales_per_customer = s.net_sales / s.customers as f64;
            }
            s
        })
        .collect();
    Cohorts {
        as_of,
        last_month: month_name(last),
        last_month_is_partial: month_of(as_of) == last,
        customers: size.iter().sum(),
        cohorts: out,
        by_offset,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineKind, NO_CUSTOMER};
    use crate::time::days_from_civil;

    fn at(y: i64, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d) * DAY + 12 * 3600
    }

    #[test]
    fn hand_computed_triangle() {
        let mut lines = LineItems::default();
        let ids: Vec<u32> = ["A", "B", "C", "D"].iter().map(|k| lines.customers.intern(k)).collect();
        let o = lines.orders.intern("o");
        let buy = |lines: &mut LineItems, c: u32, t: i64, amount: f64| {
            lines.push(c, o, t, 0, 1.0, amount, LineKind::Purchase)
        };
        // Cohort 2023-01: A, B. Cohort 2023-02: C. D has a return only.
        buy(&mut lines, ids[0], at(2023, 1, 5), 100.0);
        buy(&mut lines, ids[0], at(2023, 1, 20), 50.0);
        buy(&mut lines, ids[1], at(2023, 1, 31), 20.0);
        buy(&mut lines, ids[0], at(2023, 3, 1), 10.0);
        buy(&mut lines, ids[2], at(2023, 2, 10), 40.0);
        buy(&mut lines, ids[2], at(2023, 3, 10), 60.0);
        lines.push(ids[1], o, at(2023, 2, 2), 0, -1.0, -20.0, LineKind::Return); // B returns in Feb: not active
        lines.push(ids[2], o, at(2023, 1, 2), 0, -1.0, -7.0, LineKind::Return); // before C's cohort
        lines.push(ids[3], o, at(2023, 1, 2), 0, -1.0, -5.0, LineKind::Return);
        lines.push(NO_CUSTOMER, o, at(2023, 1, 2), 0, 1.0, 5.0, LineKind::Purchase);
        buy(&mut lines, ids[0], at(2023, 4, 1), 1.0); // on the analysis day: not counted
        let c = cohorts(&lines, days_from_civil(2023, 4, 1) * DAY);
        assert_eq!(c.customers, 3);
        assert_eq!(c.last_month, "2023-03");
        assert!(!c.last_month_is_partial);
        assert_eq!(c.cohorts.len(), 2);
        let jan = &c.cohorts[0];
        assert_eq!((jan.month.as_str(), jan.customers), ("2023-01", 2));
        let active: Vec<u64> = jan.cells.iter().map(|x| x.active_customers).collect();
        assert_eq!(active, [2, 0, 1]);
        let ret: Vec<f64> = jan.cells.iter().map(|x| x.retention_pct).collect();
        assert_eq!(ret, [100.0, 0.0, 50.0]);
        let net: Vec<f64> = jan.cells.iter().map(|x| x.net_sales).collect();
        assert_eq!(net, [170.0, -20.0, 10.0]);
        assert_eq!(jan.cells[2].cumulative_net_sales_per_customer, 80.0);
        let feb = &c.cohorts[1];
        assert_eq!((feb.month.as_str(), feb.customers), ("2023-02", 1));
        assert_eq!(feb.cells.iter().map(|x| x.active_customers).collect::<Vec<_>>(), [1, 1]);
        assert_eq!(feb.cells.iter().map(|x| x.net_sales).collect::<Vec<_>>(), [40.0, 60.0]);
        // Column summaries: month 1 over both cohorts: 1 active of 3.
        assert_eq!(c.by_offset[1].customers, 3);
        assert_eq!(c.by_offset[1].active_customers, 1);
        assert!((c.by_offset[1].retention_pct - 100.0 / 3.0).abs() < 1e-12);
        assert_eq!((c.by_offset[2].cohorts, c.by_offset[2].customers), (1, 2));
        assert_eq!(c.skipped.guest_lines, 1);
        assert_eq!(c.skipped.lines_after_as_of, 1);
        assert_eq!(c.skipped.customers_without_purchases, 1);
        assert_eq!((c.skipped.lines_before_first_purchase, c.skipped.amount_before_first_purchase), (1, -7.0));
    }

    #[test]
    fn empty_and_partial() {
        let c = cohorts(&LineItems::default(), 0);
        assert!(c.cohorts.is_empty());
        let mut lines = LineItems::default();
        let a = lines.customers.intern("A");
        let o = lines.orders.intern("o");
        lines.push(a, o, at(2023, 12, 31), 0, 1.0, 1.0, LineKind::Purchase);
        let c = cohorts(&lines, at(2024, 1, 15));
        assert!(c.last_month_is_partial);
        assert_eq!(c.last_month, "2024-01");
        assert_eq!(c.cohorts[0].cells.len(), 2);
        assert_eq!(month_name(month_of(at(1969, 12, 31))), "1969-12");
    }
}
