//! Optional classes (seed 003): a customer's credit level, satisfaction and member level, when
//! the customers file has them. They are profiled with every other attribute
//! ([`super::profile`]); here they also split the value tiers and the quadrant, and filter the
//! customer table ([`super::Scheme::Class`], key `credit=Excellent`).
//!
//! A split is the attribute profile ([`profile`]) of one class column against the tiers (or the
//! quadrants): per segment and class value the customers, their share of the segment's known
//! customers, lift and z, and over- or under-representation with the profile's default
//! thresholds, plus the net sales of those customers. Values are as the profile reads them
//! (numeric scores banded: [`super::profile::score_band`]).

use crate::sort;
use serde::Serialize;

use super::facts::CustomerFacts;
use super::profile::{profile, store_columns, ColumnProfile, ProfileColumn, ProfileParams};
use super::quadrant::QUADRANTS;
use super::tiers::TIERS;
use crate::model::{LineItems, NO_VALUE};

/// Keys of the class columns, in the order they are shown.
pub const CLASS_KEYS: [&str; 3] = ["credit", "satisfaction", "member_level"];

/// The class columns of the store, in [`CLASS_KEYS`] order (only those present).
pub fn class_columns(lines: &LineItems, as_of: i64) -> Vec<ProfileColumn> {
    let mut cols: Vec<ProfileColumn> =
        store_columns(lines, as_of).into_iter().filter(|c| CLASS_KEYS.contains(&c.key.as_str())).collect();
    sort::sort_by_key(&mut cols, |c| CLASS_KEYS.iter().position(|k| *k == c.key));
    cols
}

/// One class column split by one scheme.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassSplit {
    /// `tier` or `quadrant`.
    pub scheme: &'static str,
    /// The scheme's segment keys, in order.
    pub segments: Vec<String>,
    /// The profile of the column against the segments.
    pub profile: ColumnProfile,
    /// Net sales per segment and value: `sales[segment][value]`, values in profile order.
    pub sales: Vec<Vec<f64>>,
}

/// One class column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassBreakdown {
    /// `credit`, `satisfaction` or `member_level`.
    pub key: String,
    /// The header it came from.
    pub name: String,
    pub splits: Vec<ClassSplit>,
}

/// Every class column of the store (`available`: at least one).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassesView {
    pub available: bool,
    pub classes: Vec<ClassBreakdown>,
}

/// One class column of the customer table: the value name per row (fact-table order).
#[derive(Debug, Clone, PartialEq)]
pub struct TableClass {
    pub key: String,
    pub values: Vec<String>,
    /// Index into `values` per row; [`NO_VALUE`] when unknown.
    pub by_row: Vec<u32>,
}

/// The class columns per row of the table.
pub fn table_classes(columns: &[ProfileColumn], facts: &[CustomerFacts]) -> Vec<TableClass> {
    columns
        .iter()
        .map(|c| TableClass {
            key: c.key.clone(),
            values: c.values.clone(),
            by_row: facts.iter().map(|f| c.by_customer.get(f.customer as usize).copied().unwrap_or(NO_VALUE)).collect(),
        })
        .collect()
}

impl TableClass {
    /// Row `i`'s value, if known.
    pub fn get(&self, i: usize) -> Option<&str> {
        match self.by_row.get(i) {
            Some(&v) if v != NO_VALUE => self.values.get(v as usize).map(String::as_str),
            _ => None,
        }
    }
}

/// Splits each class column by the tiers and the quadrants. `tier` and `quadrant` are the
/// labels per fact row, `net_sales` the net sales per row.
pub fn classes_view(
    columns: &[ProfileColumn],
    facts: &[CustomerFacts],
    tier: &[u8],
    quadrant: &[u8],
    n_ids: usize,
) -> ClassesView {
    let params = ProfileParams::default();
    let mut out = Vec::new();
    for col in columns {
        let mut splits = Vec::new();
        for (scheme, keys, pick) in [("tier", &TIERS[..], tier), ("quadrant", &QUADRANTS[..], quadrant)] {
            let names: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
            let mut labels = vec![None; n_ids];
            for (i, f) in facts.iter().enumerate() {
                if let Some(slot) = labels.get_mut(f.customer as usize) {
                    *slot = Some(usize::from(pick[i]));
                }
            }
            let Ok(p) = profile(&names, &labels, std::slice::from_ref(col), &params) else { continue };
            let Some(cp) = p.columns.into_iter().next() else { continue };
            let pos: std::collections::HashMap<&str, usize> =
                cp.values.iter().enumerate().map(|(j, v)| (v.value.as_str(), j)).collect();
            let mut sales = vec![vec![0.0; cp.values.len()]; names.len()];
            for (i, f) in facts.iter().enumerate() {
                let v = col.by_customer.get(f.customer as usize).copied().unwrap_or(NO_VALUE);
                if v == NO_VALUE {
                    continue;
                }
                if let Some(&j) = col.values.get(v as usize).and_then(|name| pos.get(name.as_str())) {
                    sales[usize::from(pick[i])][j] += f.net_sales;
                }
            }
            for row in &mut sales {
                for x in row.iter_mut() {
                    *x = crate::num::round_money(*x);
                }
            }
            splits.push(ClassSplit { scheme, segments: names, profile: cp, sales });
        }
        out.push(ClassBreakdown { key: col.key.clone(), name: col.name.clone(), splits });
    }
    ClassesView { available: !out.is_empty(), classes: out }
}
