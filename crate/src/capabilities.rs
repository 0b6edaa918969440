//! What the data allows: for each analysis, whether the session's lines can feed it, and which
//! column roles would enable it when they cannot.
//!
//! A file is accepted with what it has (see `ingest::header`): without a customer id every line
//! is a guest line, without an amount or unit price the lines are purchases worth nothing
//! (`columns.unpriced`), without a date (a basket export) they have time 0 (`columns.undated`),
//! and an order-level export has no item lines (`columns.order_level`). [`allows`] turns those
//! facts into one table, which the overview carries (`allows`) so the page and the CLI say the
//! same; the workspace and the CLI refuse an analysis that cannot run with a [`NeedsError`]
//! (`analysis.needs_customer_id`, `analysis.needs_amount`...) instead of computing it on zeros.
//!
//! ```
//! use clientele::capabilities::{allows, Analysis};
//! let mut s = clientele::Session::default();
//! let csv = b"Date,Transaction,Item\n2024-01-01,1,Bread\n2024-01-01,1,Tea\n";
//! s.read_file("b.csv", csv.len() as u64, &csv[..]).unwrap();
//! let a = allows(s.lines());
//! assert!(a.get(Analysis::Rules).available);
//! assert_eq!(a.get(Analysis::RfSegments).needs, [clientele::ingest::Role::CustomerId]);
//! assert_eq!(a.get(Analysis::ClvMoney).needs.len(), 2); // a customer id and an amount
//! ```

use serde::Serialize;
use serde_json::{json, Value};

use crate::ingest::Role;
use crate::model::{LineItems, NO_CUSTOMER};

/// The analyses whose availability depends on the columns a file had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Analysis {
    /// Rows, orders, lines: always, once a file is read.
    Overview,
    /// Gross sales, returns, net revenue: needs money.
    Revenue,
    /// The monthly series: needs dates.
    Monthly,
    /// Baskets, itemsets and association rules: needs item lines.
    Rules,
    /// Sequential patterns: items, customers and dates.
    Sequences,
    /// RFM with monetary scores and the named segments built on them.
    Rfm,
    /// Recency × frequency (the RF grid): customers and dates.
    RfSegments,
    /// Value tiers, heavy / medium / light.
    ValueTiers,
    /// Deciles, Pareto and Lorenz of spend.
    Deciles,
    /// The loyalty × profitability quadrant.
    Quadrant,
    /// Lifecycle stages and the migration between two dates.
    Lifecycle,
    /// Monthly acquisition cohorts.
    Cohorts,
    /// k-means clusters on R, F and M.
    Clusters,
    /// Attribute profiles of segments.
    Profiles,
    /// BG/NBD: expected purchases and P(alive), from purchase counts and dates.
    ClvCounts,
    /// Gamma-Gamma spend and CLV in money.
    ClvMoney,
}

impl Analysis {
    /// Every analysis, in the order the table lists them.
    pub const ALL: [Analysis; 16] = [
        Analysis::Overview,
        Analysis::Revenue,
        Analysis::Monthly,
        Analysis::Rules,
        Analysis::Sequences,
        Analysis::Rfm,
        Analysis::RfSegments,
        Analysis::ValueTiers,
        Analysis::Deciles,
        Analysis::Quadrant,
        Analysis::Lifecycle,
        Analysis::Cohorts,
        Analysis::Clusters,
        Analysis::Profiles,
        Analysis::ClvCounts,
        Analysis::ClvMoney,
    ];

    /// The snake_case name (as serialised).
    pub fn name(self) -> &'static str {
        match self {
            Analysis::Overview => "overview",
            Analysis::Revenue => "revenue",
            Analysis::Monthly => "monthly",
            Analysis::Rules => "rules",
            Analysis::Sequences => "sequences",
            Analysis::Rfm => "rfm",
            Analysis::RfSegments => "rf_segments",
            Analysis::ValueTiers => "value_tiers",
            Analysis::Deciles => "deciles",
            Analysis::Quadrant => "quadrant",
            Analysis::Lifecycle => "lifecycle",
            Analysis::Cohorts => "cohorts",
            Analysis::Clusters => "clusters",
            Analysis::Profiles => "profiles",
            Analysis::ClvCounts => "clv_counts",
            Analysis::ClvMoney => "clv_money",
        }
    }

    /// What the analysis needs, in the order the table names missing ones.
    fn requires(self) -> &'static [Need] {
        use Need::*;
        match self {
            Analysis::Overview => &[],
            Analysis::Revenue => &[Money],
            Analysis::Monthly => &[Dates],
            Analysis::Rules => &[Items],
            Analysis::Sequences => &[Customers, Dates, Items],
            Analysis::RfSegments | Analysis::Lifecycle | Analysis::Cohorts | Analysis::Profiles => &[Customers, Dates],
            Analysis::ClvCounts => &[Customers, Dates],
            Analysis::Rfm
            | Analysis::ValueTiers
            | Analysis::Deciles
            | Analysis::Quadrant
            | Analysis::Clusters
            | Analysis::ClvMoney => &[Customers, Dates, Money],
        }
    }
}

/// One thing an analysis can need from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    Customers,
    Dates,
    Money,
    Items,
}

impl Need {
    /// The column role that supplies it.
    fn role(self) -> Role {
        match self {
            Need::Customers => Role::CustomerId,
            Need::Dates => Role::Datetime,
            Need::Money => Role::Amount,
            Need::Items => Role::ProductName,
        }
    }
}

/// One analysis: whether it can run, and the roles (snake_case, as [`Role`] serialises) whose
/// columns would enable it, empty when it can. `order_level` says that the missing items are
/// because every file was one row per order (an order-level export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Capability {
    pub analysis: Analysis,
    pub available: bool,
    pub needs: Vec<Role>,
}

/// What the data allows, analysis by analysis (in [`Analysis::ALL`] order), and the facts it
/// was decided from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allows {
    /// Some kept line has a customer id.
    pub customers: bool,
    /// The lines carry money (no file without an amount or unit price).
    pub money: bool,
    /// The lines carry dates (no basket file without dates).
    pub dates: bool,
    /// The lines are items of baskets (a product column, and not one row per order).
    pub items: bool,
    /// Every sales file was one row per order.
    pub order_level: bool,
    pub analyses: Vec<Capability>,
}

impl Allows {
    /// The entry of one analysis.
    pub fn get(&self, analysis: Analysis) -> &Capability {
        self.analyses.iter().find(|c| c.analysis == analysis).expect("every analysis is listed")
    }

    /// `Ok` when `analysis` can run, else the coded error that says what it lacks (the first
    /// missing need: a customer id before a date before an amount before items).
    pub fn check(&self, analysis: Analysis) -> Result<(), NeedsError> {
        let c = self.get(analysis);
        match c.needs.first() {
            None => Ok(()),
            Some(&role) => Err(NeedsError { analysis, role, order_level: self.order_level }),
        }
    }
}

/// What the session's lines allow.
pub fn allows(lines: &LineItems) -> Allows {
    let customers = lines.customer.iter().any(|&c| c != NO_CUSTOMER);
    let money = !lines.columns.unpriced;
    let dates = !lines.columns.undated;
    let items = lines.columns.product && !lines.columns.order_level;
    let has = |n: Need| match n {
        Need::Customers => customers,
        Need::Dates => dates,
        Need::Money => money,
        Need::Items => items,
    };
    let analyses = Analysis::ALL
        .iter()
        .map(|&analysis| {
            let needs: Vec<Role> = analysis.requires().iter().filter(|n| !has(**n)).map(|n| n.role()).collect();
            Capability { analysis, available: needs.is_empty(), needs }
        })
        .collect();
    Allows { customers, money, dates, items, order_level: lines.columns.order_level, analyses }
}

/// An analysis the data cannot feed: `role` names the column that would enable it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} needs {needed}; the data read has none.", what = analysis.name(), needed = needed(*role, *order_level))]
pub struct NeedsError {
    pub analysis: Analysis,
    pub role: Role,
    /// The files are order-level exports (for the items message).
    pub order_level: bool,
}

fn needed(role: Role, order_level: bool) -> &'static str {
    match role {
        Role::CustomerId => "a customer id column (for example \"CustomerID\" or \"会员卡号\")",
        Role::Amount => "an amount column (for example \"Amount\" or \"实付金额\") or a unit price",
        Role::Datetime => "a date column (for example \"InvoiceDate\" or \"下单时间\")",
        _ if order_level => "item lines (this export has one row per order, without its items)",
        _ => "an item column (for example \"Description\" or \"商品名称\")",
    }
}

impl crate::error::Coded for NeedsError {
    fn code(&self) -> &'static str {
        match self.role {
            Role::CustomerId => "analysis.needs_customer_id",
            Role::Amount => "analysis.needs_amount",
            Role::Datetime => "analysis.needs_date",
            _ => "analysis.needs_items",
        }
    }
    fn params(&self) -> Value {
        json!({ "analysis": self.analysis, "role": self.role, "orderLevel": self.order_level })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LineKind;

    #[test]
    fn a_full_file_allows_everything() {
        let mut lines = LineItems::default();
        lines.columns.product = true;
        lines.push(0, 0, 86_400, 0, 1.0, 5.0, LineKind::Purchase);
        let a = allows(&lines);
        assert!(a.analyses.iter().all(|c| c.available && c.needs.is_empty()), "{a:?}");
        assert_eq!(a.check(Analysis::ClvMoney), Ok(()));
    }

    #[test]
    fn guests_without_money() {
        let mut lines = LineItems::default();
        lines.columns.product = true;
        lines.columns.unpriced = true;
        lines.push(NO_CUSTOMER, 0, 86_400, 0, 1.0, 0.0, LineKind::Purchase);
        let a = allows(&lines);
        assert!((a.customers, a.money, a.dates, a.items) == (false, false, true, true));
        assert!(a.get(Analysis::Rules).available && a.get(Analysis::Monthly).available);
        assert_eq!(a.get(Analysis::Revenue).needs, [Role::Amount]);
        assert_eq!(a.get(Analysis::Rfm).needs, [Role::CustomerId, Role::Amount]);
        let e = a.check(Analysis::ClvCounts).unwrap_err();
        assert_eq!(crate::error::Coded::code(&e), "analysis.needs_customer_id");
        assert!(e.to_string().starts_with("clv_counts needs a customer id column"), "{e}");
    }
}
