//! The overview: what was read, what was kept, and the headline sales figures.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::ingest::values::{civil_from_days, format_datetime, DAY};
use crate::ingest::{FileReport, RowCounts, Session};
use crate::model::{LineItems, LineKind};
use crate::num::{round_money, Sum};

/// The overview of everything read in a session.
///
/// - `files`: each file's ingest report (figures over every row that has the value);
/// - `rows`: the row accounting summed over files (`read = purchase + return + dropped`);
/// - `sales`: figures over the kept lines only (see [`Sales`]);
/// - `monthly`: the same by calendar month, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    pub version: &'static str,
    pub files: Vec<FileReport>,
    pub rows: RowCounts,
    pub sales: Sales,
    pub monthly: Vec<Month>,
}

/// Headline sales over the kept lines. Returns are netted: `net_revenue = gross_sales + returns`,
/// where `returns` is negative.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sales {
    /// Distinct customers with at least one purchase line.
    pub customers: u64,
    /// Distinct orders with at least one purchase line.
    pub orders: u64,
    /// Distinct orders with at least one return line.
    pub return_orders: u64,
    pub purchase_lines: u64,
    pub return_lines: u64,
    /// Σ amount of purchase lines.
    pub gross_sales: f64,
    /// Σ amount of return lines (≤ 0).
    pub returns: f64,
    pub net_revenue: f64,
    /// Earliest and latest kept line, `YYYY-MM-DD HH:MM:SS`.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// One calendar month of kept lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    /// Distinct orders with a purchase line in the month.
    pub orders: u64,
    /// Distinct customers with a purchase line in the month.
    pub customers: u64,
    /// Purchases plus returns dated in the month.
    pub net_revenue: f64,
}

/// Computes the overview of a session.
pub fn overview(session: &Session) -> Overview {
    let mut rows = RowCounts::default();
    for f in session.files() {
        rows.merge(&f.rows);
    }
    let (sales, monthly) = sales(session.lines());
    Overview { version: crate::VERSION, files: session.files().to_vec(), rows, sales, monthly }
}

#[derive(Default)]
struct MonthAcc {
    orders: FxHashSet<u32>,
    customers: FxHashSet<u32>,
    net: Sum,
}

fn sales(lines: &LineItems) -> (Sales, Vec<Month>) {
    let mut customer_bought = vec![false; lines.customers.len()];
    let mut order_bought = vec![false; lines.orders.len()];
    let mut order_returned = vec![false; lines.orders.len()];
    let (mut gross, mut returns) = (Sum::default(), Sum::default());
    let (mut purchase_lines, mut return_lines) = (0u64, 0u64);
    let mut months: BTreeMap<(i64, u32), MonthAcc> = BTreeMap::new();
    for i in 0..lines.len() {
        let (y, m, _) = civil_from_days(lines.time[i].div_euclid(DAY));
        let acc = months.entry((y, m)).or_default();
        acc.net.add(lines.amount[i]);
        match lines.kind[i] {
            LineKind::Purchase => {
                purchase_lines += 1;
                gross.add(lines.amount[i]);
                customer_bought[lines.customer[i] as usize] = true;
                order_bought[lines.order[i] as usize] = true;
                acc.orders.insert(lines.order[i]);
                acc.customers.insert(lines.customer[i]);
            }
            LineKind::Return => {
                return_lines += 1;
                returns.add(lines.amount[i]);
                order_returned[lines.order[i] as usize] = true;
            }
        }
    }
    let count = |v: &[bool]| v.iter().filter(|&&b| b).count() as u64;
    let sales = Sales {
        customers: count(&customer_bought),
        orders: count(&order_bought),
        return_orders: count(&order_returned),
        purchase_lines,
        return_lines,
        gross_sales: round_money(gross.value()),
        returns: round_money(returns.value()),
        net_revenue: round_money(gross.value() + returns.value()),
        first: lines.time.iter().min().map(|&t| format_datetime(t)),
        last: lines.time.iter().max().map(|&t| format_datetime(t)),
    };
    let monthly = months
        .into_iter()
        .map(|((y, m), acc)| Month {
            month: format!("{y:04}-{m:02}"),
            orders: acc.orders.len() as u64,
            customers: acc.customers.len() as u64,
            net_revenue: round_money(acc.net.value()),
        })
        .collect();
    (sales, monthly)
}
