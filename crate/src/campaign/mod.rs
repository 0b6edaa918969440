//! Campaigns measured against a control group: "measure the result and its return" (衡量效果与
//! 投资回报), the step the seed texts end each method with.
//!
//! [`split`] draws the control group of a segment export (seeded, the same natively and in
//! wasm); [`file::read_campaign`] reads the campaign file back (customer id, group, optional
//! segment and start); [`analyse`] compares the groups over the sales.
//!
//! ## What [`analyse`] computes
//!
//! For each customer of the campaign file, over the kept sales lines of the session
//! ([`crate::model::LineItems`], guests skipped) in the window `[start, start + N days)`:
//! - **responder**: at least one purchase line in the window;
//! - **orders**: distinct orders with a purchase line in the window;
//! - **net sales**: the sum of the window's line amounts, returns netted.
//!
//! Per group (contacted, control): customers, responders, response rate (a fraction, with its
//! 95% Wilson interval), orders, net sales and net sales per customer (mean over every
//! customer of the group, non-responders as 0, with its sample standard deviation).
//!
//! **Uplift** = contacted − control: of the response rate, with Newcombe's hybrid score 95%
//! interval ([`stats::newcombe`]); of net sales per customer, with Welch's 95% interval
//! ([`stats::welch`]). **Incremental revenue** = uplift of net sales per customer × customers
//! contacted (its interval likewise); **incremental responders** = rate uplift × customers
//! contacted. **Cost** = cost per contact × customers contacted; **incremental profit** =
//! incremental revenue × margin − cost; **ROI** = incremental profit / cost (none when the cost
//! is 0).
//!
//! **Per segment**: the same figures by the file's segment column, or, when it has none, by the
//! RFM segment ([`crate::segment::schemes::named_map`]) each customer had at the start date
//! (the earliest start when the file gives one per row); a customer with no purchase before the
//! start is in `no_history`.
//!
//! **Counted apart**: customers of the file never in the kept sales lines (not in the groups'
//! figures), rows without a customer id, repeated rows.
//!
//! ```
//! use clientele::campaign::{analyse, file::read_campaign, CampaignOptions};
//! use clientele::model::{LineItems, LineKind};
//! let mut lines = LineItems::default();
//! let day = 86_400;
//! for (c, t, amount) in [("a", 10, 5.0), ("a", 40, 7.0), ("b", 10, 3.0), ("c", 41, 4.0), ("d", 2, 1.0)] {
//!     let (cust, order) = (lines.customers.intern(c), lines.orders.intern(&format!("{c}{t}")));
//!     lines.push(cust, order, t * day, 0, 1.0, amount, LineKind::Purchase);
//! }
//! let file = read_campaign("c.csv", b"customer_id,group\na,contacted\nc,contacted\nb,control\nd,control\nz,control\n").unwrap();
//! let options = CampaignOptions { start: Some("1970-02-09".into()), window_days: 30, ..CampaignOptions::default() };
//! let r = analyse(&lines, &file, &options).unwrap();
//! assert_eq!((r.groups.contacted.customers, r.groups.contacted.responders), (2, 2));
//! assert_eq!((r.groups.control.customers, r.groups.control.responders), (2, 0));
//! assert_eq!(r.not_in_sales.control, 1);
//! assert_eq!(r.uplift.response_rate, 1.0);
//! assert_eq!(r.uplift.net_sales_per_customer, 5.5);
//! ```

#[cfg(feature = "demo")]
pub mod demo;
pub mod file;
pub mod split;
pub mod stats;

use crate::sort;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::Coded;
use crate::ingest::values::parse_datetime;
use crate::model::{LineItems, LineKind, NO_CUSTOMER};
use crate::time::{format_datetime, DAY};

pub use file::{read_campaign, CampaignFile};

/// The confidence level of every interval.
pub const LEVEL: f64 = 0.95;

/// Why a campaign could not be read or measured.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CampaignError {
    #[error("{file}: the campaign file is empty; it needs a header row and one row per customer.")]
    EmptyFile { file: String },
    #[error("{file}: the campaign file could not be read ({detail}).")]
    Unreadable { file: String, detail: String },
    #[error("{file}: the campaign file has no {column} column (the columns are: {}).", columns.join(", "))]
    MissingColumn { file: String, column: &'static str, columns: Vec<String> },
    #[error("row {row}: the group {value:?} is neither contacted nor control (use contacted / control, 触达组 / 对照组, or 1 / 0).")]
    BadGroup { row: u64, value: String },
    #[error("row {row}: the start date {value:?} is not a date (use YYYY-MM-DD).")]
    BadStart { row: u64, value: String },
    #[error("row {row}: customer {customer} is in both groups (first listed on row {first_row}); a customer must be either contacted or control.")]
    BothGroups { customer: String, row: u64, first_row: u64 },
    #[error("the campaign's start date is missing: set it, or give the file a start column.")]
    NoStart,
    #[error("the setting {name} = {value} is out of range.")]
    BadParam { name: &'static str, value: String },
    /// The file needs a reader this build lacks (see [`crate::IngestError::NeedsFullReader`]).
    #[error("{file}: this build has no {reader} reader; the full reader must read this file.")]
    NeedsFullReader { file: String, reader: &'static str },
}

impl Coded for CampaignError {
    fn code(&self) -> &'static str {
        match self {
            CampaignError::EmptyFile { .. } => "campaign.empty_file",
            CampaignError::Unreadable { .. } => "campaign.unreadable",
            CampaignError::MissingColumn { .. } => "campaign.missing_column",
            CampaignError::BadGroup { .. } => "campaign.bad_group",
            CampaignError::BadStart { .. } => "campaign.bad_start",
            CampaignError::BothGroups { .. } => "campaign.customer_in_both_groups",
            CampaignError::NoStart => "campaign.no_start",
            CampaignError::BadParam { .. } => "campaign.bad_param",
            CampaignError::NeedsFullReader { .. } => "ingest.needs_full_reader",
        }
    }
    fn params(&self) -> Value {
        match self {
            CampaignError::EmptyFile { .. } | CampaignError::NoStart => json!({}),
            CampaignError::Unreadable { detail, .. } => json!({ "detail": detail }),
            CampaignError::MissingColumn { column, columns, .. } => json!({ "column": column, "columns": columns }),
            CampaignError::BadGroup { value, .. } => json!({ "value": value }),
            CampaignError::BadStart { value, .. } => json!({ "value": value }),
            CampaignError::BothGroups { customer, first_row, .. } => {
                json!({ "customer": customer, "firstRow": first_row })
            }
            CampaignError::BadParam { name, value } => json!({ "name": name, "value": value }),
            CampaignError::NeedsFullReader { reader, .. } => json!({ "reader": reader }),
        }
    }
    fn location(&self) -> (Option<&str>, Option<u64>, Option<String>) {
        match self {
            CampaignError::EmptyFile { file }
            | CampaignError::Unreadable { file, .. }
            | CampaignError::MissingColumn { file, .. }
            | CampaignError::NeedsFullReader { file, .. } => (Some(file), None, None),
            CampaignError::BadGroup { row, .. }
            | CampaignError::BadStart { row, .. }
            | CampaignError::BothGroups { row, .. } => (None, Some(*row), None),
            CampaignError::NoStart | CampaignError::BadParam { .. } => (None, None, None),
        }
    }
}

/// The settings of [`analyse`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CampaignOptions {
    /// The start date (`YYYY-MM-DD` or a date-time); the file's start column wins per row.
    pub start: Option<String>,
    /// Length of the response window, days (default 30).
    pub window_days: u32,
    /// Cost of contacting one customer (default 0: no ROI).
    pub cost_per_contact: f64,
    /// Profit share of net sales (default 1: revenue counted as profit).
    pub margin: f64,
}

impl Default for CampaignOptions {
    fn default() -> Self {
        CampaignOptions { start: None, window_days: 30, cost_per_contact: 0.0, margin: 1.0 }
    }
}

/// The figures of one group.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupStats {
    pub customers: u64,
    pub responders: u64,
    /// responders / customers (a fraction; none without customers).
    pub response_rate: Option<f64>,
    /// 95% Wilson interval of the response rate.
    pub response_rate_low: Option<f64>,
    pub response_rate_high: Option<f64>,
    pub orders: u64,
    pub net_sales: f64,
    pub net_sales_per_customer: Option<f64>,
    /// Sample standard deviation of the customers' net sales.
    pub net_sales_sd: Option<f64>,
}

/// Contacted against control.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Groups {
    pub contacted: GroupStats,
    pub control: GroupStats,
}

/// The difference contacted − control, with its intervals and what it is worth.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Uplift {
    /// Difference of the response rates (NaN → none when a group is empty).
    pub response_rate: f64,
    /// Newcombe's hybrid score 95% interval.
    pub response_rate_low: Option<f64>,
    pub response_rate_high: Option<f64>,
    /// Difference of net sales per customer.
    pub net_sales_per_customer: f64,
    /// Welch's 95% interval and its degrees of freedom.
    pub net_sales_per_customer_low: Option<f64>,
    pub net_sales_per_customer_high: Option<f64>,
    pub welch_df: Option<f64>,
    /// Rate uplift × customers contacted.
    pub incremental_responders: Option<f64>,
    /// Net sales uplift × customers contacted, with its interval.
    pub incremental_revenue: Option<f64>,
    pub incremental_revenue_low: Option<f64>,
    pub incremental_revenue_high: Option<f64>,
    /// Cost per contact × customers contacted.
    pub cost: f64,
    /// Incremental revenue × margin − cost.
    pub incremental_profit: Option<f64>,
    /// Incremental profit / cost (none when the cost is 0).
    pub roi: Option<f64>,
}

/// One segment's comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentResult {
    pub segment: String,
    pub groups: Groups,
    pub uplift: Uplift,
}

/// Customers counted apart, by group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ByGroup {
    pub contacted: u64,
    pub control: u64,
}

/// The result of [`analyse`] (`clientele campaign --json`, the Campaign tab).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignReport {
    pub file: String,
    /// The columns used (customer, group, segment, start), as named in the file.
    pub columns: BTreeMap<&'static str, String>,
    pub rows: u64,
    pub rows_without_customer: u64,
    pub duplicate_rows: u64,
    /// The start of the setting (`YYYY-MM-DD HH:MM:SS`), or none when every row has its own.
    pub start: Option<String>,
    /// Whether some rows carry their own start.
    pub start_per_row: bool,
    pub window_days: u32,
    pub cost_per_contact: f64,
    pub margin: f64,
    pub level: f64,
    /// `file` (the file's segment column), `rfm_at_start`, or `none`.
    pub segment_source: &'static str,
    /// The date the RFM segments were computed at, when `segment_source` is `rfm_at_start`.
    pub segments_as_of: Option<String>,
    pub groups: Groups,
    pub uplift: Uplift,
    /// By segment, in the order of the segment's name.
    pub segments: Vec<SegmentResult>,
    /// Customers of the file never in the kept sales lines.
    pub not_in_sales: ByGroup,
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// One customer's window.
#[derive(Debug, Clone, Copy, Default)]
struct Outcome {
    in_sales: bool,
    purchase_lines: u64,
    orders: u64,
    net_sales: f64,
}

fn group_stats(outcomes: &[(bool, Outcome)], control: bool) -> (GroupStats, (f64, f64, u64)) {
    let members: Vec<&Outcome> = outcomes.iter().filter(|(c, _)| *c == control).map(|(_, o)| o).collect();
    let customers = members.len() as u64;
    let responders = members.iter().filter(|o| o.purchase_lines > 0).count() as u64;
    let (mean, var, n) = stats::mean_var(members.iter().map(|o| o.net_sales));
    let (lo, hi) = stats::wilson(responders, customers, LEVEL);
    let s = GroupStats {
        customers,
        responders,
        response_rate: (customers > 0).then(|| responders as f64 / customers as f64),
        response_rate_low: finite(lo),
        response_rate_high: finite(hi),
        orders: members.iter().map(|o| o.orders).sum(),
        net_sales: members.iter().map(|o| o.net_sales).sum(),
        net_sales_per_customer: finite(mean),
        net_sales_sd: (n > 1).then(|| var.sqrt()),
    };
    (s, (mean, var, n))
}

fn compare(outcomes: &[(bool, Outcome)], options: &CampaignOptions) -> (Groups, Uplift) {
    let (a, (ma, va, na)) = group_stats(outcomes, false);
    let (b, (mb, vb, nb)) = group_stats(outcomes, true);
    let (rlo, rhi) = stats::newcombe(a.responders, a.customers, b.responders, b.customers, LEVEL);
    let rate = match (a.response_rate, b.response_rate) {
        (Some(x), Some(y)) => x - y,
        _ => f64::NAN,
    };
    let (d, lo, hi, df) = stats::welch(ma, va, na, mb, vb, nb, LEVEL);
    let contacted = a.customers as f64;
    let revenue = finite(d * contacted);
    let cost = options.cost_per_contact * contacted;
    let profit = revenue.map(|r| r * options.margin - cost);
    let uplift = Uplift {
        response_rate: rate,
        response_rate_low: finite(rlo),
        response_rate_high: finite(rhi),
        net_sales_per_customer: d,
        net_sales_per_customer_low: finite(lo),
        net_sales_per_customer_high: finite(hi),
        welch_df: finite(df),
        incremental_responders: finite(rate * contacted),
        incremental_revenue: revenue,
        incremental_revenue_low: finite(lo * contacted),
        incremental_revenue_high: finite(hi * contacted),
        cost,
        incremental_profit: profit,
        roi: profit.filter(|_| cost > 0.0).map(|p| p / cost),
    };
    (Groups { contacted: a, control: b }, uplift)
}

/// Measures the campaign of `file` over the sales `lines` (see the module docs).
pub fn analyse(
    lines: &LineItems,
    file: &CampaignFile,
    options: &CampaignOptions,
) -> Result<CampaignReport, CampaignError> {
    let bad = |name: &'static str, value: String| CampaignError::BadParam { name, value };
    if options.window_days == 0 || options.window_days > 3660 {
        return Err(bad("windowDays", options.window_days.to_string()));
    }
    if !(options.cost_per_contact.is_finite() && options.cost_per_contact >= 0.0) {
        return Err(bad("costPerContact", options.cost_per_contact.to_string()));
    }
    if !options.margin.is_finite() || !(0.0..=1.0).contains(&options.margin) {
        return Err(bad("margin", options.margin.to_string()));
    }
    let start = match options.start.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(parse_datetime(s).ok_or_else(|| bad("start", s.to_owned()))?),
    };
    let starts: Vec<i64> =
        file.entries.iter().map(|e| e.start.or(start).ok_or(CampaignError::NoStart)).collect::<Result<_, _>>()?;
    let window = i64::from(options.window_days) * DAY;

    // Each interned customer → its entry.
    let mut slot = vec![u32::MAX; lines.customers.len()];
    for (k, e) in file.entries.iter().enumerate() {
        if let Some(c) = lines.customers.get(&e.customer) {
            slot[c as usize] = k as u32;
        }
    }
    let mut outcomes = vec![Outcome::default(); file.entries.len()];
    let mut orders: Vec<(u32, u32)> = Vec::new();
    for i in 0..lines.len() {
        let c = lines.customer[i];
        if c == NO_CUSTOMER {
            continue;
        }
        let k = slot.get(c as usize).copied().unwrap_or(u32::MAX);
        if k == u32::MAX {
            continue;
        }
        let o = &mut outcomes[k as usize];
        o.in_sales = true;
        let s = starts[k as usize];
        let t = lines.time.at(i);
        if t >= s && t < s + window {
            o.net_sales += lines.amount.at(i);
            if lines.kind[i] == LineKind::Purchase {
                o.purchase_lines += 1;
                orders.push((k, lines.order[i]));
            }
        }
    }
    sort::sort_total(&mut orders);
    orders.dedup();
    for (k, _) in orders {
        outcomes[k as usize].orders += 1;
    }

    let mut not_in_sales = ByGroup::default();
    let mut kept: Vec<(usize, (bool, Outcome))> = Vec::new();
    for (k, (e, o)) in file.entries.iter().zip(&outcomes).enumerate() {
        if o.in_sales {
            kept.push((k, (e.control, *o)));
        } else if e.control {
            not_in_sales.control += 1;
        } else {
            not_in_sales.contacted += 1;
        }
    }
    let all: Vec<(bool, Outcome)> = kept.iter().map(|(_, x)| *x).collect();
    let (groups, uplift) = compare(&all, options);

    // Segments: the file's, else RFM at the (earliest) start.
    let has_file_segments = file.entries.iter().any(|e| e.segment.is_some());
    let mut segments_as_of = None;
    let (segment_source, labels): (&'static str, Vec<String>) = if has_file_segments {
        ("file", file.entries.iter().map(|e| e.segment.clone().unwrap_or_default()).collect())
    } else {
        match starts.iter().min().and_then(|&at| rfm_at(lines, at).map(|m| (at, m))) {
            Some((at, map)) => {
                segments_as_of = Some(format_datetime(at));
                let labels = file
                    .entries
                    .iter()
                    .map(|e| map.get(e.customer.as_str()).map_or("no_history", |s| s).to_owned())
                    .collect();
                ("rfm_at_start", labels)
            }
            None => ("none", Vec::new()),
        }
    };
    let mut by_segment: BTreeMap<&str, Vec<(bool, Outcome)>> = BTreeMap::new();
    if !labels.is_empty() {
        for (k, x) in &kept {
            by_segment.entry(labels[*k].as_str()).or_default().push(*x);
        }
    }
    let segments = by_segment
        .into_iter()
        .map(|(name, xs)| {
            let (groups, uplift) = compare(&xs, options);
            SegmentResult { segment: name.to_owned(), groups, uplift }
        })
        .collect();

    let per_row = file.entries.iter().any(|e| e.start.is_some());
    Ok(CampaignReport {
        file: file.name.clone(),
        columns: file.columns.clone(),
        rows: file.rows,
        rows_without_customer: file.rows_without_customer,
        duplicate_rows: file.duplicate_rows,
        start: start.map(format_datetime),
        start_per_row: per_row,
        window_days: options.window_days,
        cost_per_contact: options.cost_per_contact,
        margin: options.margin,
        level: LEVEL,
        segment_source,
        segments_as_of,
        groups,
        uplift,
        segments,
        not_in_sales,
    })
}

/// Each customer's RFM segment ([`crate::segment::schemes::named_map`]) as of `at`: none when
/// the segmentation cannot run (no purchase before `at`, no money...).
fn rfm_at(lines: &LineItems, at: i64) -> Option<HashMap<String, &'static str>> {
    let mut options = crate::segment::SegmentOptions::default();
    options.facts.as_of = Some(at);
    let s = crate::segment::analyse(lines, &options).ok()?;
    let t = &s.table;
    Some(
        (0..t.len())
            .map(|i| (t.keys[i].clone(), crate::segment::schemes::NAMED_SEGMENTS[usize::from(t.rfm11[i])].0))
            .collect(),
    )
}
