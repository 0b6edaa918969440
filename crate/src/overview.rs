//! The overview: what was read, what was kept, and the headline sales figures.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::ingest::{CustomerMatch, FileReport, RowCounts, Session};
use crate::model::{LineItems, LineKind, NO_CUSTOMER};
use crate::num::{round_money, Sum};
use crate::time::{civil_from_days, format_datetime, DAY};

/// The overview of everything read in a session.
///
/// - `files`: each file's ingest report (figures over every row that has the value); a
///   customer-attributes file also says how its customers match the sales lines' customers;
/// - `rows`: the row accounting summed over files (`read = purchase + return + dropped`);
/// - `sales`: figures over the kept lines only (see [`Sales`]);
/// - `monthly`: the same by calendar month, oldest first (empty, like the first and last sale,
///   when a basket-format file without dates was read);
/// - `allows`: what the data allows, analysis by analysis, and which column roles would enable
///   the others ([`crate::capabilities::allows`]). When it says `money: false` (a file without
///   an amount or unit price), the money figures of `sales` and `monthly` are 0 and are not
///   money: show "needs an amount", never the zeros.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    pub version: &'static str,
    pub files: Vec<FileReport>,
    pub rows: RowCounts,
    pub sales: Sales,
    pub monthly: Vec<Month>,
    pub allows: crate::capabilities::Allows,
    /// When the files are warehouse summaries: which engine made them and what needs raw lines.
    pub warehouse: Option<crate::warehouse::SummaryInfo>,
}

/// Headline sales over the kept lines. Returns are netted: `net_revenue = gross_sales + returns`,
/// where `returns` is negative. Guest lines (no customer id) count in the money, lines and
/// orders, and are also given apart (`guest_*`); customer counts leave them out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sales {
    /// Distinct customers with at least one purchase line (guests not counted).
    pub customers: u64,
    /// Distinct orders with at least one purchase line.
    pub orders: u64,
    /// Of those, orders with a guest purchase line.
    pub guest_orders: u64,
    /// Guest lines, purchases and returns.
    pub guest_lines: u64,
    /// Σ amount of guest purchase lines (part of `gross_sales`).
    pub guest_sales: f64,
    /// Σ amount of guest return lines (≤ 0, part of `returns`).
    pub guest_returns: f64,
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
    /// Distinct customers with a purchase line in the month (guests not counted).
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
    let mut files = session.files().to_vec();
    let lines = session.lines();
    let mut has_lines: Option<(Vec<bool>, u64)> = None;
    for (i, f) in files.iter_mut().enumerate() {
        let Some(ids) = session.customer_file_ids(i) else { continue };
        let (with_lines, n_sales) = has_lines.get_or_insert_with(|| customers_with_lines(lines));
        let matched = ids.iter().filter(|&&c| with_lines.get(c as usize).copied().unwrap_or(false)).count() as u64;
        let customers = ids.len() as u64;
        f.customer_match = Some(CustomerMatch {
            customers,
            matched,
            only_in_file: customers - matched,
            only_in_sales: *n_sales - matched,
        });
    }
    let allows = crate::capabilities::allows(lines);
    let warehouse = lines.summaries.as_ref().map(|s| s.info());
    Overview { version: crate::VERSION, files, rows, sales, monthly, allows, warehouse }
}

/// Which customer ids have at least one line (guests aside), and how many do.
fn customers_with_lines(lines: &LineItems) -> (Vec<bool>, u64) {
    let mut seen = vec![false; lines.customers.len()];
    let mut n = 0;
    for &c in &lines.customer {
        if let Some(s) = seen.get_mut(c as usize) {
            n += u64::from(!*s);
            *s = true;
        }
    }
    (seen, n)
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
    let mut guest_order = vec![false; lines.orders.len()];
    let (mut gross, mut returns) = (Sum::default(), Sum::default());
    let (mut guest_sales, mut guest_returns, mut guest_lines) = (Sum::default(), Sum::default(), 0u64);
    let (mut purchase_lines, mut return_lines) = (0u64, 0u64);
    let mut months: BTreeMap<(i64, u32), MonthAcc> = BTreeMap::new();
    for i in 0..lines.len() {
        let (y, m, _) = civil_from_days(lines.time.at(i).div_euclid(DAY));
        let acc = months.entry((y, m)).or_default();
        acc.net.add(lines.amount.at(i));
        let customer = lines.customer[i];
        let guest = customer == NO_CUSTOMER;
        guest_lines += u64::from(guest);
        match lines.kind[i] {
            LineKind::Purchase => {
                purchase_lines += 1;
                gross.add(lines.amount.at(i));
                order_bought[lines.order[i] as usize] = true;
                acc.orders.insert(lines.order[i]);
                if guest {
                    guest_sales.add(lines.amount.at(i));
                    guest_order[lines.order[i] as usize] = true;
                } else {
                    customer_bought[customer as usize] = true;
                    acc.customers.insert(customer);
                }
            }
            LineKind::Return => {
                return_lines += 1;
                returns.add(lines.amount.at(i));
                order_returned[lines.order[i] as usize] = true;
                if guest {
                    guest_returns.add(lines.amount.at(i));
                }
            }
        }
    }
    let count = |v: &[bool]| v.iter().filter(|&&b| b).count() as u64;
    let sales = Sales {
        customers: count(&customer_bought),
        orders: count(&order_bought),
        guest_orders: count(&guest_order),
        guest_lines,
        guest_sales: round_money(guest_sales.value()),
        guest_returns: round_money(guest_returns.value()),
        return_orders: count(&order_returned),
        purchase_lines,
        return_lines,
        gross_sales: round_money(gross.value()),
        returns: round_money(returns.value()),
        net_revenue: round_money(gross.value() + returns.value()),
        first: (!lines.columns.undated).then(|| lines.time.iter().min().map(format_datetime)).flatten(),
        last: (!lines.columns.undated).then(|| lines.time.iter().max().map(format_datetime)).flatten(),
    };
    if lines.columns.undated {
        // Basket-format lines have no date: no month to put them in.
        months.clear();
    }
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
