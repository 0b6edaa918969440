//! Summary rows → the store: the orders file becomes line items again, the others are kept in
//! [`Summaries`] beside them.
//!
//! ```
//! use clientele::model::{Convention, LineItems, Orders};
//! use clientele::warehouse::{read::push_row, Table};
//! let mut l = LineItems::default();
//! // Three purchase lines worth 12.5 in all, then one return line of −2.
//! push_row(Table::Orders, &["17850", "536365", "2010-12-01 08:26:00", "purchase", "3", "7", "12.5", "0", "0", "0", "3"], &mut l).unwrap();
//! push_row(Table::Orders, &["17850", "C536379", "2010-12-02 09:41:00", "return", "1", "-1", "-2", "0", "0", "0", "1"], &mut l).unwrap();
//! let o = Orders::new(&l, Convention::Net);
//! assert_eq!((o.lines[0], o.amount[0], o.items[0]), (3, 12.5, 7.0));
//! assert_eq!((o.lines[1], o.amount[1]), (1, -2.0));
//! ```

use super::{Summaries, Table};
use crate::ingest::values::parse_datetime;
use crate::model::{Line, LineItems, LineKind, NO_CUSTOMER, NO_PRODUCT, NO_VALUE};

/// The smallest positive `f64`: added to any sum of money or units it leaves the sum unchanged,
/// yet it is positive, so a filler line of a `purchase` row stays a purchase with a positive
/// quantity and amount under either convention.
const TINY: f64 = 5e-324;

/// Reads one row of a summary file into `lines` (and its [`Summaries`]); `Err` names what is
/// wrong with a row that cannot be read.
pub fn push_row(table: Table, cells: &[&str], lines: &mut LineItems) -> Result<(), &'static str> {
    let s = lines.summaries.get_or_insert_with(Box::default);
    if !s.tables.contains(&table) {
        s.tables.push(table);
    }
    match table {
        Table::Meta => {
            let key = cells.first().copied().unwrap_or("").trim();
            let value = cells.get(1).copied().unwrap_or("").trim();
            if key == "engine" {
                s.engine = Some(value.to_owned());
            }
            s.meta.push((key.to_owned(), value.to_owned()));
            apply_meta(key, value, lines);
            Ok(())
        }
        Table::Customers => {
            s.customer_rows += 1;
            Ok(())
        }
        Table::Monthly => {
            s.monthly_rows += 1;
            Ok(())
        }
        Table::Itemsets => {
            let count: u32 = cells.first().and_then(|c| c.trim().parse().ok()).ok_or("itemset_count")?;
            let items: Vec<String> =
                cells[1..].iter().map(|c| c.trim()).filter(|c| !c.is_empty()).map(str::to_owned).collect();
            if items.is_empty() {
                return Err("item_1");
            }
            s.itemsets.push((items, count));
            s.itemset_rows += 1;
            Ok(())
        }
        Table::Orders => {
            s.order_rows += 1;
            push_order_row(cells, lines)
        }
    }
}

/// The columns a meta key says the source had.
fn apply_meta(key: &str, value: &str, lines: &mut LineItems) {
    let yes = value == "true";
    let c = &mut lines.columns;
    match key {
        "has_order_id" => c.order_id |= yes,
        "has_product" => c.product |= yes,
        "has_cost" => c.cost |= yes,
        "has_discount" => c.discount |= yes,
        "unpriced" => c.unpriced |= yes,
        _ => {}
    }
}

/// One row of the orders file → as many lines as it summarises (see the module documentation
/// of [`crate::warehouse`]).
pub fn push_order_row(cells: &[&str], lines: &mut LineItems) -> Result<(), &'static str> {
    if cells.len() < super::ORDERS_HEADER.len() {
        return Err("a missing column");
    }
    let num = |i: usize, what: &'static str| -> Result<f64, &'static str> {
        let c = cells[i].trim();
        if c.is_empty() {
            return Ok(0.0);
        }
        c.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or(what)
    };
    let count = |i: usize, what: &'static str| -> Result<u32, &'static str> {
        let c = cells[i].trim();
        c.parse::<u32>().or_else(|_| c.parse::<f64>().map(|v| v as u32)).map_err(|_| what)
    };
    let customer = cells[0].trim();
    let customer = if customer.is_empty() { NO_CUSTOMER } else { lines.customers.intern(customer) };
    if cells[3].trim() == "seen" {
        // A customer id seen only on dropped lines: raw mode knows the id too (its interner
        // holds every key of every row), so the customer counts wherever ids are counted.
        return Ok(());
    }
    let order = lines.orders.intern(cells[1].trim());
    let time = parse_datetime(cells[2].trim()).ok_or("datetime")?;
    let part = cells[3].trim();
    let n = count(4, "lines")?.max(1) as usize;
    let (quantity, amount, discount) = (num(5, "quantity")?, num(6, "amount")?, num(7, "discount")?);
    let discounted = count(8, "discounted_lines")? as usize;
    let margin = num(9, "margin")?;
    let without_cost = count(10, "lines_without_cost")? as usize;
    let with_cost = n.saturating_sub(without_cost);
    let kind = match part {
        "purchase" | "purchase_other" => LineKind::Purchase,
        "return" => LineKind::Return,
        _ => return Err("part"),
    };
    let strict = part == "purchase";
    let base = Line {
        customer,
        order,
        time,
        product: NO_PRODUCT,
        quantity: 0.0,
        amount: 0.0,
        kind,
        discount: 0.0,
        cost: f64::NAN,
        category: NO_VALUE,
        channel: NO_VALUE,
    };
    let filler = if strict { TINY } else { 0.0 };
    for i in 0..n {
        let mut l = Line { quantity: filler, amount: filler, ..base };
        if i == 0 {
            l.quantity = quantity;
            l.amount = amount;
            // A purchase_other row's lines each lack a positive quantity or amount: when the
            // sums are both positive, the amount goes on a second line (there are at least two).
            if part == "purchase_other" && quantity > 0.0 && amount > 0.0 && n >= 2 {
                l.amount = 0.0;
            }
        }
        if i == 1 && part == "purchase_other" && quantity > 0.0 && amount > 0.0 {
            l.amount = amount;
        }
        if i < discounted {
            l.discount = if i == 0 { discount } else { TINY };
        }
        if i < with_cost {
            // margin = Σ (amount − cost): the first line carries it, the others add 0.
            l.cost = if i == 0 { l.amount - margin } else { l.amount };
        }
        lines.push_line(l);
    }
    Ok(())
}

/// The summaries of `lines`, when summary files were read.
pub fn summaries(lines: &LineItems) -> Option<&Summaries> {
    lines.summaries.as_deref()
}
