//! A segment's customers as CSV (for SMS and email tools, and `clientele customers --csv`): the
//! customer id, its facts, scores and every label.
//!
//! Text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return are prefixed with
//! `'` so a spreadsheet shows them as text instead of running them as a formula (OWASP CSV
//! injection). Numbers are written by this module as plain decimals (a negative number such as
//! `-12.5` is a value, not a formula) and are left as they are. Cells holding `,`, `"` or a line
//! break are quoted. Lines end with `\n`; UTF-8 without a BOM.

use super::{CustomerTable, RowQuery};

/// The header row.
pub const HEADER: &[&str] = &[
    "customer_id",
    "first_purchase",
    "last_purchase",
    "recency_days",
    "tenure_days",
    "orders",
    "return_orders",
    "items",
    "gross_sales",
    "returns",
    "net_sales",
    "monetary",
    "discount",
    "discount_share",
    "discounted_line_share",
    "margin",
    "profit",
    "mean_days_between_orders",
    "recent_spend",
    "previous_spend",
    "categories",
    "r",
    "f",
    "m",
    "rfm_cell",
    "rfm_segment",
    "rfm_8_class",
    "custom_segment",
    "tier",
    "heavy_medium_light",
    "decile",
    "quadrant",
    "loyalty",
    "growth",
    "flags",
    "lifecycle",
];

/// A text cell, neutralised against formula injection and quoted when needed (see
/// [`crate::csv_out`]).
pub use crate::csv_out::text_cell;

/// A number cell: empty when not finite (unknown), else the shortest exact decimal.
pub fn number_cell(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

/// The customers selected by `query` (its `offset` and `limit` ignored: every match), as CSV.
pub fn csv(table: &CustomerTable, query: &RowQuery) -> String {
    csv_with_column(table, query, None)
}

/// [`csv`] with one more column at the end: its header and the cell of table row `i` (already
/// a CSV cell). The campaign's control split adds its `group` column this way
/// ([`crate::campaign::split`]).
pub fn csv_with_column(
    table: &CustomerTable,
    query: &RowQuery,
    extra: Option<(&str, &dyn Fn(usize) -> String)>,
) -> String {
    rows_csv(table, table.select(query), extra)
}

/// The customers of `ids` (customer ids as in the files; unknown ids skipped), in table order,
/// as CSV: the summary's export of a finding's customers.
pub fn csv_of_ids(table: &CustomerTable, ids: &[String]) -> String {
    let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    rows_csv(table, (0..table.len()).filter(|&i| wanted.contains(table.keys[i].as_str())).collect(), None)
}

/// The header and the rows `indices` of `table`, with the optional extra column.
fn rows_csv(table: &CustomerTable, indices: Vec<usize>, extra: Option<(&str, &dyn Fn(usize) -> String)>) -> String {
    let mut out = String::with_capacity(256 * (indices.len() + 1));
    out.push_str(&HEADER.join(","));
    if let Some((name, _)) = extra {
        out.push(',');
        out.push_str(&text_cell(name));
    }
    out.push('\n');
    for i in indices {
        let r = table.row(i);
        let f = &r.facts;
        let mut cells = [
            text_cell(&r.id),
            text_cell(&r.first_purchase_at),
            text_cell(&r.last_purchase_at),
            f.recency_days.to_string(),
            f.tenure_days.to_string(),
            f.orders.to_string(),
            f.return_orders.to_string(),
            number_cell(f.items),
            number_cell(f.gross_sales),
            number_cell(f.returns),
            number_cell(f.net_sales),
            number_cell(f.monetary),
            number_cell(f.discount),
            number_cell(r.discount_share),
            number_cell(r.discounted_line_share),
            number_cell(f.margin),
            number_cell(r.profit),
            number_cell(f.mean_days_between_orders),
            number_cell(f.recent_spend),
            number_cell(f.previous_spend),
            f.categories.to_string(),
            r.r.to_string(),
            r.f.to_string(),
            r.m.to_string(),
            r.cell.to_string(),
            text_cell(r.rfm11),
            text_cell(r.rfm8),
            text_cell(&r.rule),
            text_cell(r.tier),
            text_cell(r.usage),
            r.decile.to_string(),
            text_cell(r.quadrant),
            number_cell(r.loyalty),
            number_cell(r.growth),
            text_cell(&r.flags.join("|")),
            text_cell(r.lifecycle),
        ];
        if table.unpriced {
            // No money in the files: money, M and every label built on them stay empty (R, F,
            // loyalty and the lifecycle stage stand).
            for (cell, name) in cells.iter_mut().zip(HEADER) {
                if NEEDS_MONEY.contains(name) {
                    cell.clear();
                }
            }
        }
        out.push_str(&cells.join(","));
        if let Some((_, cell)) = extra {
            out.push(',');
            out.push_str(&cell(i));
        }
        out.push('\n');
    }
    out
}

/// The columns of [`HEADER`] left empty when the lines have no money.
const NEEDS_MONEY: [&str; 21] = [
    "gross_sales",
    "returns",
    "net_sales",
    "monetary",
    "discount",
    "discount_share",
    "discounted_line_share",
    "margin",
    "profit",
    "recent_spend",
    "previous_spend",
    "m",
    "rfm_cell",
    "rfm_segment",
    "rfm_8_class",
    "tier",
    "heavy_medium_light",
    "decile",
    "quadrant",
    "growth",
    "flags",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-2+3"), "'-2+3");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell("\rx"), "\"'\rx\"");
        assert_eq!(text_cell("12345"), "12345");
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(number_cell(-12.5), "-12.5");
        assert_eq!(number_cell(f64::NAN), "");
    }
}
