//! Warehouse mode: when the sales lines live in a warehouse (DuckDB, Spark, Postgres,
//! BigQuery), Clientele hands over a recipe ([`sql::recipe`]) that turns them, inside the
//! warehouse, into a few compact summary files, and reads those files like any other file.
//!
//! ## The summary files
//!
//! Each is a CSV file whose header names it (ingest recognises a summary file by its exact
//! header, [`Table::of_header`]); they hold ids and numbers only, never names.
//!
//! | file | header | one row per |
//! |---|---|---|
//! | `clientele_meta.csv` | `clientele_meta_key,value` | setting or count of the run (engine, support, baskets, columns) |
//! | `clientele_orders.csv` | `customer_id,order_id,datetime,part,lines,quantity,amount,discount,discounted_lines,margin,lines_without_cost` | customer, order, time and part of an order: the entries of [`crate::model::Orders`] |
//! | `clientele_customers.csv` | `customer_id,first_purchase,last_purchase,orders,purchase_days,gross,returns,net,cost,discount,lines,spend_recent,spend_previous` | customer (purchase-convention facts at the recipe's analysis date, for the warehouse's own use) |
//! | `clientele_monthly.csv` | `customer_id,month,orders,gross,returns` | customer and month with activity (cohorts, lifecycle, migration) |
//! | `clientele_itemsets.csv` | `itemset_count,item_1,…,item_K` | frequent itemset at the recipe's support, with its basket count |
//!
//! `part` is `purchase` (purchase lines with a positive quantity and amount), `purchase_other`
//! (the other purchase lines, zero-price lines kept for instance) or `return`. Under
//! [`crate::model::Convention::Net`] the two purchase parts of an order at one time are one
//! entry; under `PurchasesOnly` the second is [`crate::model::OrderKind::Outside`]. A `seen`
//! row (no order, no lines) names a customer id that appears only on dropped lines: raw mode
//! knows such ids too, and counts them where ids are counted (customers without a label).
//!
//! ## How the analyses read them
//!
//! The orders file becomes line items again ([`read::push_order_row`]): each row makes as many
//! lines as it summarises, whose sums are the row's sums (the first line carries the sums, the
//! others add nothing that changes them), so [`crate::model::Orders`] rebuilds exactly the
//! entries, line counts included, that raw mode builds, and every customer analysis (RFM, the 8
//! classes, tiers, deciles, quadrant, flags, lifecycle, migration, cohorts, clusters, CLV) runs
//! unchanged. The customers and monthly files are read and counted but not needed: the orders
//! file holds everything they hold. Rules come from the itemsets ([`rules::rules_report`]).
//! Analyses that need the lines themselves (sequences, recommendations, basket comparisons
//! between segments, per-product item charts, attribute profiles) say so.

pub mod read;
pub mod rules;
pub mod sql;

use serde::Serialize;

/// One summary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    Meta,
    Orders,
    Customers,
    Monthly,
    Itemsets,
}

/// The header of the orders file.
pub const ORDERS_HEADER: [&str; 11] = [
    "customer_id",
    "order_id",
    "datetime",
    "part",
    "lines",
    "quantity",
    "amount",
    "discount",
    "discounted_lines",
    "margin",
    "lines_without_cost",
];
/// The header of the meta file.
pub const META_HEADER: [&str; 2] = ["clientele_meta_key", "value"];
/// The header of the customers file.
pub const CUSTOMERS_HEADER: [&str; 13] = [
    "customer_id",
    "first_purchase",
    "last_purchase",
    "orders",
    "purchase_days",
    "gross",
    "returns",
    "net",
    "cost",
    "discount",
    "lines",
    "spend_recent",
    "spend_previous",
];
/// The header of the monthly file.
pub const MONTHLY_HEADER: [&str; 5] = ["customer_id", "month", "orders", "gross", "returns"];

impl Table {
    /// The table whose header `names` is, if any (exact names, in order).
    pub fn of_header(names: &[String]) -> Option<Table> {
        let is = |h: &[&str]| names.len() == h.len() && names.iter().zip(h).all(|(a, b)| a.trim() == *b);
        if is(&ORDERS_HEADER) {
            Some(Table::Orders)
        } else if is(&META_HEADER) {
            Some(Table::Meta)
        } else if is(&CUSTOMERS_HEADER) {
            Some(Table::Customers)
        } else if is(&MONTHLY_HEADER) {
            Some(Table::Monthly)
        } else if names.len() >= 2
            && names[0].trim() == "itemset_count"
            && names[1..].iter().enumerate().all(|(i, n)| n.trim() == format!("item_{}", i + 1))
        {
            Some(Table::Itemsets)
        } else {
            None
        }
    }

    /// The file name the recipes write.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Meta => "clientele_meta.csv",
            Table::Orders => "clientele_orders.csv",
            Table::Customers => "clientele_customers.csv",
            Table::Monthly => "clientele_monthly.csv",
            Table::Itemsets => "clientele_itemsets.csv",
        }
    }
}

/// What the summary files of a session said (kept beside the line items they became).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summaries {
    /// The engine that ran the recipe (`duckdb`, `spark`, `postgres`, `bigquery`), from the
    /// meta file.
    pub engine: Option<String>,
    /// The summary files read, in order.
    pub tables: Vec<Table>,
    /// Every key and value of the meta file, in order.
    pub meta: Vec<(String, String)>,
    /// Rows of each kind read.
    pub order_rows: u64,
    pub customer_rows: u64,
    pub monthly_rows: u64,
    /// The frequent itemsets: item ids (as in the warehouse) and basket count.
    #[serde(skip)]
    pub itemsets: Vec<(Vec<String>, u32)>,
    pub itemset_rows: u64,
}

impl Summaries {
    /// The meta value of `key`.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// What the overview says: these are summaries, from which engine, and what needs raw lines.
    pub fn info(&self) -> SummaryInfo {
        SummaryInfo {
            engine: self.engine.clone().unwrap_or_else(|| "unknown".into()),
            tables: self.tables.iter().map(|t| t.file_name()).collect(),
            min_support: self.meta("min_support").and_then(|v| v.parse().ok()),
            baskets: self.meta("baskets").and_then(|v| v.parse().ok()),
            itemsets: self.itemsets.len() as u64,
            needs_raw_lines: NEEDS_RAW_LINES.to_vec(),
        }
    }
}

/// Analyses that read the sales lines themselves, which summary files do not hold.
pub const NEEDS_RAW_LINES: [&str; 5] = ["sequences", "recommendations", "segment_rules", "item_charts", "profiles"];

/// The overview's note on summary files.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryInfo {
    pub engine: String,
    pub tables: Vec<&'static str>,
    pub min_support: Option<f64>,
    pub baskets: Option<u64>,
    pub itemsets: u64,
    pub needs_raw_lines: Vec<&'static str>,
}
