//! Attribute profiling: for any labelling of the customers (a segment per customer) and every
//! attribute column (gender, age band, city, region, member level, join year, and the channel
//! each customer buys most in), how each value is represented in each segment against all
//! customers, and what marks the top tier against the rest.
//!
//! ## Definitions
//!
//! The population is the customers with a label. For one column:
//!
//! - **known** customers of a segment: its customers whose value in the column is known. Shares
//!   are taken among known customers, and the unknown are counted beside them.
//! - **share** of a value in a segment: its customers with that value / the segment's known
//!   customers. The **overall share** is the same over all labelled customers.
//! - **lift** = share in the segment / overall share (1 = as common as everywhere; 0 when the
//!   overall share is 0).
//! - **z**: the two-proportion z statistic of the segment's share against the share among the
//!   other labelled customers, `(p₁ − p₂) / √(p(1 − p)(1/n₁ + 1/n₂))` with `p` the overall share
//!   (0 when the denominator is 0). |z| ≥ 1.96 is significant at about 5%.
//! - **over-represented**: lift ≥ [`ProfileParams::over_lift`], at least
//!   [`ProfileParams::min_count`] customers of the segment have the value, and z ≥
//!   [`ProfileParams::min_z`]. **Under-represented**: lift ≤ [`ProfileParams::under_lift`], the
//!   segment would have at least `min_count` with the value at the overall share, and
//!   z ≤ −`min_z`.
//!
//! ## Columns from the store ([`store_columns`])
//!
//! - Attribute columns as ingest read them; an **age** given as a number (0-120) or as a birth
//!   date (a year 1900 or later, age = the analysis year − that year) becomes a band (`<18`,
//!   `18-24`, `25-34`, `35-44`, `45-54`, `55-64`, `65+`); a band given as text is kept as is. A
//!   **join date** becomes its year (`2023`) when it has one.
//! - A **satisfaction** or **credit** given as a number is banded by [`score_band`]: whole
//!   scores up to 10 (satisfaction) or 100 (credit) are kept, larger ones grouped by 10 (up to
//!   100) or by 50 (credit scores up to 1000); labels (`满意`, `AAA`) are kept as they are.
//! - **channel**: the channel of most of the customer's orders (distinct order ids of purchase
//!   lines before the analysis date that carry a channel); ties go to the larger sales, then to
//!   the channel name first in code-point order.
//!
//! ```
//! use clientele::segment::profile::{profile, ProfileColumn, ProfileParams};
//! // Four customers in segments a, a, b, b; city X, X, X, Y.
//! let names = vec!["a".to_string(), "b".to_string()];
//! let labels = [Some(0), Some(0), Some(1), Some(1)];
//! let city = ProfileColumn {
//!     key: "city".into(),
//!     name: "City".into(),
//!     values: vec!["X".into(), "Y".into()],
//!     by_customer: vec![0, 0, 0, 1],
//! };
//! let p = profile(&names, &labels, &[city], &ProfileParams { min_count: 1, ..Default::default() }).unwrap();
//! let x_in_a = &p.columns[0].segments[0].cells[0];
//! assert_eq!((x_in_a.count, x_in_a.share), (2, 1.0));
//! assert_eq!(x_in_a.lift, 1.0 / 0.75);
//! ```

use crate::sort;
use serde::{Deserialize, Serialize};

use crate::model::{AttributeKind, LineItems, LineKind, NO_CUSTOMER, NO_VALUE};
use crate::time::{civil_from_days, DAY};

/// Thresholds of over- and under-representation. Defaults in brackets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfileParams {
    /// Customers needed before a value is called over- or under-represented [30].
    pub min_count: u64,
    /// Over-represented from this lift [1.2].
    pub over_lift: f64,
    /// Under-represented up to this lift [0.8].
    pub under_lift: f64,
    /// |z| needed [1.96].
    pub min_z: f64,
}

impl Default for ProfileParams {
    fn default() -> Self {
        ProfileParams { min_count: 30, over_lift: 1.2, under_lift: 0.8, min_z: 1.96 }
    }
}

/// A categorical column: a value id per customer id.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileColumn {
    /// `gender`, `age`, `city`, `region`, `member_level`, `join_date`, `credit`,
    /// `satisfaction` or `channel`.
    pub key: String,
    /// The header it came from.
    pub name: String,
    /// Value names, indexed by value id.
    pub values: Vec<String>,
    /// Value id per customer id; [`NO_VALUE`] (or an id past the end of the slice) is unknown.
    #[serde(skip)]
    pub by_customer: Vec<u32>,
}

/// Why a profile could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("customer {customer} has label {label}, but there are only {labels} segments")]
    LabelOutOfRange { customer: usize, label: usize, labels: usize },
    #[error("in column {column}, customer {customer} has value id {value}, but there are only {values} values")]
    ValueOutOfRange { column: String, customer: usize, value: u32, values: usize },
}

impl ProfileError {
    /// Stable code for the page's i18n.
    pub fn code(&self) -> &'static str {
        match self {
            ProfileError::LabelOutOfRange { .. } => "segment.profile_label_out_of_range",
            ProfileError::ValueOutOfRange { .. } => "segment.profile_value_out_of_range",
        }
    }
}

impl crate::error::Coded for ProfileError {
    fn code(&self) -> &'static str {
        ProfileError::code(self)
    }
    fn params(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            ProfileError::LabelOutOfRange { customer, label, labels } => {
                json!({ "customer": customer, "label": label, "labels": labels })
            }
            ProfileError::ValueOutOfRange { column, customer, value, values } => {
                json!({ "column": column, "customer": customer, "value": value, "values": values })
            }
        }
    }
}

/// Whether a value stands out in a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Representation {
    Over,
    Under,
    Neither,
}

/// One value in one segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    pub count: u64,
    pub share: f64,
    pub lift: f64,
    pub z: f64,
    pub representation: Representation,
}

/// One value over all labelled customers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueShare {
    pub value: String,
    pub count: u64,
    pub share: f64,
}

/// One segment in one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentColumn {
    pub segment: usize,
    pub known: u64,
    pub unknown: u64,
    /// One per value, in [`ColumnProfile::values`] order.
    pub cells: Vec<Cell>,
}

/// One column profiled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnProfile {
    pub key: String,
    pub name: String,
    pub known: u64,
    pub unknown: u64,
    /// Values seen among labelled customers, most common first (ties by name).
    pub values: Vec<ValueShare>,
    /// One per segment, in segment order.
    pub segments: Vec<SegmentColumn>,
}

/// A value that stands out in a segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notable {
    pub segment: usize,
    pub column: String,
    pub value: String,
    pub count: u64,
    pub share: f64,
    pub overall_share: f64,
    pub lift: f64,
    pub z: f64,
    pub representation: Representation,
}

/// Every column against every segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeProfile {
    pub params: ProfileParams,
    pub segment_names: Vec<String>,
    /// Customers per segment.
    pub segment_sizes: Vec<u64>,
    /// Labelled customers.
    pub customers: u64,
    pub columns: Vec<ColumnProfile>,
    /// Over- and under-represented values: by segment, then lift descending (over first), then
    /// column and value.
    pub notable: Vec<Notable>,
}

fn z_stat(c1: u64, n1: u64, c_all: u64, n_all: u64) -> f64 {
    let n2 = n_all - n1;
    if n1 == 0 || n2 == 0 || n_all == 0 {
        return 0.0;
    }
    let p1 = c1 as f64 / n1 as f64;
    let p2 = (c_all - c1) as f64 / n2 as f64;
    let p = c_all as f64 / n_all as f64;
    let den = (p * (1.0 - p) * (1.0 / n1 as f64 + 1.0 / n2 as f64)).sqrt();
    if den > 0.0 {
        (p1 - p2) / den
    } else {
        0.0
    }
}

/// Profiles every column against the labelling. `labels[c]` is customer `c`'s segment index
/// into `names` (`None`: not in the population).
pub fn profile(
    names: &[String],
    labels: &[Option<usize>],
    columns: &[ProfileColumn],
    params: &ProfileParams,
) -> Result<AttributeProfile, ProfileError> {
    let k = names.len();
    let mut sizes = vec![0u64; k];
    for (c, l) in labels.iter().enumerate() {
        if let Some(l) = *l {
            if l >= k {
                return Err(ProfileError::LabelOutOfRange { customer: c, label: l, labels: k });
            }
            sizes[l] += 1;
        }
    }
    let mut out_columns = Vec::with_capacity(columns.len());
    let mut notable = Vec::new();
    for col in columns {
        let nv = col.values.len();
        // counts[s * nv + v]
        let mut counts = vec![0u64; k * nv];
        let mut unknown = vec![0u64; k];
        for (c, l) in labels.iter().enumerate() {
            let Some(s) = *l else { continue };
            match col.by_customer.get(c).copied() {
                Some(v) if v != NO_VALUE => {
                    if v as usize >= nv {
                        return Err(ProfileError::ValueOutOfRange {
                            column: col.key.clone(),
                            customer: c,
                            value: v,
                            values: nv,
                        });
                    }
                    counts[s * nv + v as usize] += 1;
                }
                _ => unknown[s] += 1,
            }
        }
        let value_total: Vec<u64> = (0..nv).map(|v| (0..k).map(|s| counts[s * nv + v]).sum()).collect();
        let known_seg: Vec<u64> = (0..k).map(|s| sizes[s] - unknown[s]).collect();
        let known: u64 = known_seg.iter().sum();
        // Values present among the labelled, most common first.
        let mut order: Vec<usize> = (0..nv).filter(|&v| value_total[v] > 0).collect();
        sort::sort_by(&mut order, |&a, &b| {
            value_total[b].cmp(&value_total[a]).then_with(|| col.values[a].cmp(&col.values[b]))
        });
        let overall = |v: usize| {
            if known > 0 {
                value_total[v] as f64 / known as f64
            } else {
                0.0
            }
        };
        let values = order
            .iter()
            .map(|&v| ValueShare { value: col.values[v].clone(), count: value_total[v], share: overall(v) })
            .collect();
        let segments = (0..k)
            .map(|s| {
                let cells = order
                    .iter()
                    .map(|&v| {
                        let count = counts[s * nv + v];
                        let share = if known_seg[s] > 0 { count as f64 / known_seg[s] as f64 } else { 0.0 };
                        let o = overall(v);
                        let lift = if o > 0.0 { share / o } else { 0.0 };
                        let z = z_stat(count, known_seg[s], value_total[v], known);
                        let expected = o * known_seg[s] as f64;
                        let representation =
                            if lift >= params.over_lift && count >= params.min_count && z >= params.min_z {
                                Representation::Over
                            } else if known_seg[s] > 0
                                && lift <= params.under_lift
                                && expected >= params.min_count as f64
                                && z <= -params.min_z
                            {
                                Representation::Under
                            } else {
                                Representation::Neither
                            };
                        if representation != Representation::Neither {
                            notable.push(Notable {
                                segment: s,
                                column: col.key.clone(),
                                value: col.values[v].clone(),
                                count,
                                share,
                                overall_share: o,
                                lift,
                                z,
                                representation,
                            });
                        }
                        Cell { count, share, lift, z, representation }
                    })
                    .collect();
                SegmentColumn { segment: s, known: known_seg[s], unknown: unknown[s], cells }
            })
            .collect();
        out_columns.push(ColumnProfile {
            key: col.key.clone(),
            name: col.name.clone(),
            known,
            unknown: unknown.iter().sum(),
            values,
            segments,
        });
    }
    sort::sort_by(&mut notable, |a, b| {
        a.segment
            .cmp(&b.segment)
            .then(b.lift.total_cmp(&a.lift))
            .then_with(|| a.column.cmp(&b.column))
            .then_with(|| a.value.cmp(&b.value))
    });
    Ok(AttributeProfile {
        params: *params,
        segment_names: names.to_vec(),
        segment_sizes: sizes,
        customers: labels.iter().flatten().count() as u64,
        columns: out_columns,
        notable,
    })
}

/// One value, top tier against the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contrast {
    pub column: String,
    pub value: String,
    /// Customers of the top tier with the value, and its share among the top tier's known.
    pub top_count: u64,
    pub top_share: f64,
    pub rest_share: f64,
    pub overall_share: f64,
    /// top share / overall share.
    pub lift: f64,
    /// top share / rest share (`None` when the rest has none).
    pub ratio_to_rest: Option<f64>,
    pub z: f64,
    pub representation: Representation,
}

/// What marks the top tier against the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopVsRest {
    pub top_customers: u64,
    pub rest_customers: u64,
    /// Values held by at least `min_count` customers overall, by lift descending (ties: column,
    /// value); the most distinctive marks of the top tier first, the rarest in it last.
    pub contrasts: Vec<Contrast>,
    /// Values left out for having fewer than `min_count` customers overall.
    pub small_values: u64,
}

/// Contrasts the top tier with everyone else. `in_top[c]`: customer `c` is in the top tier
/// (`None`: not in the population, e.g. no purchase).
pub fn top_vs_rest(
    in_top: &[Option<bool>],
    columns: &[ProfileColumn],
    params: &ProfileParams,
) -> Result<TopVsRest, ProfileError> {
    let names = vec!["top".to_owned(), "rest".to_owned()];
    let labels: Vec<Option<usize>> = in_top.iter().map(|t| t.map(|t| if t { 0 } else { 1 })).collect();
    let p = profile(&names, &labels, columns, params)?;
    let mut contrasts = Vec::new();
    let mut small_values = 0;
    for col in &p.columns {
        let (top, rest) = (&col.segments[0], &col.segments[1]);
        for (v, value) in col.values.iter().enumerate() {
            if value.count < params.min_count {
                small_values += 1;
                continue;
            }
            let t = &top.cells[v];
            let r = &rest.cells[v];
            contrasts.push(Contrast {
                column: col.key.clone(),
                value: value.value.clone(),
                top_count: t.count,
                top_share: t.share,
                rest_share: r.share,
                overall_share: value.share,
                lift: t.lift,
                ratio_to_rest: (r.share > 0.0).then(|| t.share / r.share),
                z: t.z,
                representation: t.representation,
            });
        }
    }
    sort::sort_by(&mut contrasts, |a, b| {
        b.lift.total_cmp(&a.lift).then_with(|| a.column.cmp(&b.column)).then_with(|| a.value.cmp(&b.value))
    });
    Ok(TopVsRest { top_customers: p.segment_sizes[0], rest_customers: p.segment_sizes[1], contrasts, small_values })
}

/// The key of an attribute kind, as in [`ProfileColumn::key`].
pub fn kind_key(kind: AttributeKind) -> &'static str {
    match kind {
        AttributeKind::Gender => "gender",
        AttributeKind::Age => "age",
        AttributeKind::City => "city",
        AttributeKind::Region => "region",
        AttributeKind::MemberLevel => "member_level",
        AttributeKind::JoinDate => "join_date",
        AttributeKind::Credit => "credit",
        AttributeKind::Satisfaction => "satisfaction",
    }
}

/// The first run of four digits in `s` read as a year 1900-2100.
fn year_in(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let y: i64 = s[start..i].parse().ok()?;
                return (1900..=2100).contains(&y).then_some(y);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The age band of an age in years.
pub fn age_band(age: f64) -> &'static str {
    match age {
        a if a < 18.0 => "<18",
        a if a < 25.0 => "18-24",
        a if a < 35.0 => "25-34",
        a if a < 45.0 => "35-44",
        a if a < 55.0 => "45-54",
        a if a < 65.0 => "55-64",
        _ => "65+",
    }
}

/// The value an attribute is profiled by (see the module docs).
fn profiled_value(kind: AttributeKind, raw: &str, as_of_year: i64) -> String {
    match kind {
        AttributeKind::Age => {
            if let Ok(a) = raw.trim().parse::<f64>() {
                if (0.0..=120.0).contains(&a) {
                    return age_band(a).to_owned();
                }
            }
            if let Some(y) = year_in(raw) {
                if y <= as_of_year && raw.len() >= 8 {
                    return age_band((as_of_year - y) as f64).to_owned();
                }
            }
            raw.to_owned()
        }
        AttributeKind::JoinDate => year_in(raw).map_or_else(|| raw.to_owned(), |y| y.to_string()),
        AttributeKind::Satisfaction => score_band(raw, 10.0, 100.0, 10.0),
        AttributeKind::Credit => score_band(raw, 100.0, 1000.0, 50.0),
        _ => raw.to_owned(),
    }
}

/// A class given as a number, banded: a whole number up to `small` is kept (`4`, a 1-5
/// satisfaction score or a credit grade), a fraction up to `small` becomes its unit (`4.0-4.9`),
/// a number above `small` up to `large` a band of `width` (`80-89`, `700-749`; the top value goes
/// to the band below it). Text, and numbers outside `0..=large`, are kept as they are.
pub fn score_band(raw: &str, small: f64, large: f64, width: f64) -> String {
    let Ok(x) = raw.trim().parse::<f64>() else { return raw.to_owned() };
    if !(0.0..=large).contains(&x) {
        return raw.to_owned();
    }
    if x <= small {
        return if x.fract() == 0.0 { format!("{x}") } else { format!("{0}.0-{0}.9", x.floor()) };
    }
    let lo = ((x.min(large - 1.0) / width).floor() * width) as i64;
    format!("{lo}-{}", lo + width as i64 - 1)
}

/// The channel of most of each customer's orders before `as_of` (index = customer id;
/// [`NO_VALUE`] when none of their purchase lines has a channel).
pub fn main_channel(lines: &LineItems, as_of: i64) -> Vec<u32> {
    let n = lines.customers.len();
    let counted = |i: &usize| {
        let c = lines.customer[*i];
        c != NO_CUSTOMER
            && (c as usize) < n
            && lines.channel.at(*i) != NO_VALUE
            && lines.kind[*i] == LineKind::Purchase
            && lines.time.at(*i) < as_of
    };
    // Counted first, then collected into exactly that room: collected as they came, the 24-byte
    // rows of the demo's 9.5 M lines grew by doubling to 402 MB beside their 201 MB before (the
    // peak of the page's summary; a wasm memory keeps it).
    let mut rows: Vec<(u32, u32, u32, f64)> = Vec::with_capacity((0..lines.len()).filter(counted).count());
    rows.extend(
        (0..lines.len())
            .filter(counted)
            .map(|i| (lines.customer[i], lines.channel.at(i), lines.order[i], lines.amount.at(i))),
    );
    sort::sort_unstable_by(&mut rows, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![NO_VALUE; n];
    // Best (orders, sales, channel) so far for the current customer.
    let mut best: Option<(u32, u32, f64)> = None;
    let mut i = 0;
    while i < rows.len() {
        let (c, ch) = (rows[i].0, rows[i].1);
        let (mut orders, mut sales) = (0u32, 0.0f64);
        let mut last_order = None;
        while i < rows.len() && rows[i].0 == c && rows[i].1 == ch {
            if last_order != Some(rows[i].2) {
                orders += 1;
                last_order = Some(rows[i].2);
            }
            sales += rows[i].3;
            i += 1;
        }
        let better = match best {
            None => true,
            Some((b_ch, b_orders, b_sales)) => {
                orders > b_orders
                    || (orders == b_orders
                        && (sales > b_sales
                            || (sales == b_sales && lines.channels.name(ch) < lines.channels.name(b_ch))))
            }
        };
        if better {
            best = Some((ch, orders, sales));
        }
        if i == rows.len() || rows[i].0 != c {
            if let Some((b_ch, _, _)) = best {
                out[c as usize] = b_ch;
            }
            best = None;
        }
    }
    out
}

/// The store's attribute columns (age banded, join dates as years) and the main channel, ready
/// for [`profile`]. `as_of` dates birth-date ages and bounds the channel's lines.
pub fn store_columns(lines: &LineItems, as_of: i64) -> Vec<ProfileColumn> {
    let (as_of_year, _, _) = civil_from_days((as_of - 1).div_euclid(DAY));
    let mut out = Vec::new();
    for col in &lines.attributes.columns {
        let mut values: Vec<String> = Vec::new();
        let mut map: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
        // Raw value id → profiled value id.
        let raw_to: Vec<u32> = (0..col.values.len() as u32)
            .map(|id| {
                let v = profiled_value(col.kind, col.values.name(id), as_of_year);
                *map.entry(v.clone()).or_insert_with(|| {
                    values.push(v);
                    (values.len() - 1) as u32
                })
            })
            .collect();
        let by_customer =
            col.by_customer.iter().map(|&r| if r == NO_VALUE { NO_VALUE } else { raw_to[r as usize] }).collect();
        out.push(ProfileColumn { key: kind_key(col.kind).to_owned(), name: col.name.clone(), values, by_customer });
    }
    if lines.columns.channel {
        let values = (0..lines.channels.len() as u32).map(|id| lines.channels.name(id).to_owned()).collect();
        out.push(ProfileColumn {
            key: "channel".into(),
            name: "channel".into(),
            values,
            by_customer: main_channel(lines, as_of),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(key: &str, values: &[&str], by: &[u32]) -> ProfileColumn {
        ProfileColumn {
            key: key.into(),
            name: key.into(),
            values: values.iter().map(|s| s.to_string()).collect(),
            by_customer: by.to_vec(),
        }
    }

    #[test]
    fn hand_computed_shares_lifts_and_flags() {
        // 100 customers: segment 0 has 40 (30 with X, 10 with Y), segment 1 has 60 (10 X, 50 Y);
        // customer 100 is unlabelled, 101 labelled 1 with an unknown city.
        let mut labels: Vec<Option<usize>> = (0..100).map(|i| Some(usize::from(i >= 40))).collect();
        let mut by: Vec<u32> = (0..100).map(|i| if i < 30 || (40..50).contains(&i) { 0 } else { 1 }).collect();
        labels.push(None);
        by.push(0);
        labels.push(Some(1));
        by.push(NO_VALUE);
        let names = vec!["s0".to_string(), "s1".to_string()];
        let p = profile(
            &names,
            &labels,
            &[col("city", &["X", "Y", "Z"], &by)],
            &ProfileParams { min_count: 10, ..Default::default() },
        )
        .unwrap();
        assert_eq!(p.segment_sizes, vec![40, 61]);
        let c = &p.columns[0];
        assert_eq!((c.known, c.unknown), (100, 1));
        // Z is held by nobody labelled: left out. Y (60) before X (40).
        assert_eq!(c.values.iter().map(|v| (v.value.as_str(), v.count)).collect::<Vec<_>>(), [("Y", 60), ("X", 40)]);
        let x0 = &c.segments[0].cells[1];
        assert_eq!((x0.count, x0.share), (30, 0.75));
        assert!((x0.lift - 0.75 / 0.4).abs() < 1e-12);
        // z = (0.75 − 10/60) / √(0.4 · 0.6 · (1/40 + 1/60)).
        let z = (0.75 - 10.0 / 60.0) / (0.24f64 * (1.0 / 40.0 + 1.0 / 60.0)).sqrt();
        assert!((x0.z - z).abs() < 1e-12);
        assert_eq!(x0.representation, Representation::Over);
        let y0 = &c.segments[0].cells[0];
        assert_eq!(y0.representation, Representation::Under);
        assert_eq!((c.segments[1].known, c.segments[1].unknown), (60, 1));
        // Notable: segment 0's X (over) then Y (under), then segment 1's Y (over) then X (under).
        let n: Vec<(usize, &str, Representation)> =
            p.notable.iter().map(|n| (n.segment, n.value.as_str(), n.representation)).collect();
        assert_eq!(
            n,
            [
                (0, "X", Representation::Over),
                (0, "Y", Representation::Under),
                (1, "Y", Representation::Over),
                (1, "X", Representation::Under)
            ]
        );
        // With a higher minimum count, nothing is flagged.
        let p = profile(
            &names,
            &labels,
            &[col("city", &["X", "Y", "Z"], &by)],
            &ProfileParams { min_count: 31, ..Default::default() },
        )
        .unwrap();
        assert!(p.notable.iter().all(|n| n.segment == 1 && n.value == "Y"));
    }

    #[test]
    fn top_vs_rest_sorted_by_lift() {
        // 10 customers, top = first 4. Gender: top all F; rest 2 F, 4 M.
        let in_top: Vec<Option<bool>> = (0..10).map(|i| Some(i < 4)).collect();
        let g = col("gender", &["F", "M"], &[0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
        let t = top_vs_rest(&in_top, &[g], &ProfileParams { min_count: 1, ..Default::default() }).unwrap();
        assert_eq!((t.top_customers, t.rest_customers), (4, 6));
        assert_eq!(t.contrasts[0].value, "F");
        assert!((t.contrasts[0].lift - 1.0 / 0.6).abs() < 1e-12);
        assert_eq!(t.contrasts[0].ratio_to_rest, Some(3.0));
        assert_eq!(t.contrasts[1].value, "M");
        assert_eq!(t.contrasts[1].lift, 0.0);
        let t = top_vs_rest(
            &in_top,
            &[col("gender", &["F", "M"], &[0, 0, 0, 0, 0, 0, 1, 1, 1, 1])],
            &ProfileParams::default(),
        )
        .unwrap();
        assert_eq!((t.contrasts.len(), t.small_values), (0, 2));
    }

    #[test]
    fn bad_ids_are_errors_not_panics() {
        let names = vec!["a".to_string()];
        assert_eq!(
            profile(&names, &[Some(1)], &[], &ProfileParams::default()).unwrap_err().code(),
            "segment.profile_label_out_of_range"
        );
        let e = profile(&names, &[Some(0)], &[col("city", &["X"], &[5])], &ProfileParams::default()).unwrap_err();
        assert_eq!(e.code(), "segment.profile_value_out_of_range");
    }

    #[test]
    fn ages_join_dates_and_channels() {
        assert_eq!(profiled_value(AttributeKind::Age, "37", 2024), "35-44");
        assert_eq!(profiled_value(AttributeKind::Age, "1985-05-01", 2024), "35-44");
        assert_eq!(profiled_value(AttributeKind::Age, "25-34岁", 2024), "25-34岁");
        assert_eq!(profiled_value(AttributeKind::Age, "17", 2024), "<18");
        assert_eq!(profiled_value(AttributeKind::JoinDate, "2021/03/04", 2024), "2021");
        assert_eq!(profiled_value(AttributeKind::JoinDate, "soon", 2024), "soon");
        assert_eq!(profiled_value(AttributeKind::City, "杭州", 2024), "杭州");
        assert_eq!(profiled_value(AttributeKind::Satisfaction, "4", 2024), "4");
        assert_eq!(profiled_value(AttributeKind::Satisfaction, "4.5", 2024), "4.0-4.9");
        assert_eq!(profiled_value(AttributeKind::Satisfaction, "87", 2024), "80-89");
        assert_eq!(profiled_value(AttributeKind::Satisfaction, "100", 2024), "90-99");
        assert_eq!(profiled_value(AttributeKind::Satisfaction, "不满意", 2024), "不满意");
        assert_eq!(profiled_value(AttributeKind::Credit, "AAA", 2024), "AAA");
        assert_eq!(profiled_value(AttributeKind::Credit, "3", 2024), "3");
        assert_eq!(profiled_value(AttributeKind::Credit, "712", 2024), "700-749");

        let mut lines = LineItems::default();
        let (a, b) = (lines.customers.intern("A"), lines.customers.intern("B"));
        let (web, shop) = (lines.channels.intern("web"), lines.channels.intern("shop"));
        let mut push = |c: u32, order: &str, ch: u32, amount: f64, t: i64| {
            let o = lines.orders.intern(order);
            let mut l = crate::model::Line::new(c, o, t, 0, 1.0, amount, LineKind::Purchase);
            l.channel = ch;
            lines.push_line(l);
        };
        // A: two web orders (one of two lines), one big shop order: web by orders.
        push(a, "1", web, 5.0, 0);
        push(a, "1", web, 5.0, 0);
        push(a, "2", web, 5.0, 0);
        push(a, "3", shop, 500.0, 0);
        // B: one order each, shop has larger sales; a later web order is past as_of.
        push(b, "4", web, 10.0, 0);
        push(b, "5", shop, 20.0, 0);
        push(b, "6", web, 10.0, 1000);
        lines.columns.channel = true;
        assert_eq!(main_channel(&lines, 100), vec![web, shop]);
        lines.attributes.column_mut(AttributeKind::Age, "Age").set(a, "30");
        lines.attributes.column_mut(AttributeKind::Age, "Age").set(b, "33");
        let cols = store_columns(&lines, 100);
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[0].values, vec!["25-34".to_string()]);
        assert_eq!(cols[0].by_customer, vec![0, 0]);
        assert_eq!(cols[1].key, "channel");
    }
}
