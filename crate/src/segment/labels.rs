//! Every customer's segment labels, a window at a time, as columns: what the page keeps for
//! its period comparison (`www/worker/compare.js`, issue 18 item 6). Only the id, the RFM
//! segment and the value tier, as indices into their key lists, so 100,000 customers read in a
//! few windows without building the full rows of [`CustomerTable::rows`].

use serde::Serialize;

use super::schemes::NAMED_SEGMENTS;
use super::tiers::TIERS;
use super::CustomerTable;

/// The most customers one window returns.
pub const MAX_LABELS: usize = 50_000;

/// A window of the labels, in the table's order (`ids[i]` has `rfm11_keys[rfm11[i]]` and
/// `tier_keys[tier[i]]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelPage {
    /// Customers in the table.
    pub total: usize,
    pub offset: usize,
    pub ids: Vec<String>,
    pub rfm11: Vec<u8>,
    pub tier: Vec<u8>,
    /// The RFM segment keys, in [`NAMED_SEGMENTS`] order.
    pub rfm11_keys: Vec<&'static str>,
    /// The value tier keys, in [`TIERS`] order.
    pub tier_keys: Vec<&'static str>,
}

impl CustomerTable {
    /// The labels of customers `offset..offset + limit` (`limit` capped at [`MAX_LABELS`]).
    pub fn labels(&self, offset: usize, limit: usize) -> LabelPage {
        let total = self.keys.len();
        let start = offset.min(total);
        let end = start.saturating_add(limit.min(MAX_LABELS)).min(total);
        LabelPage {
            total,
            offset: start,
            ids: self.keys[start..end].to_vec(),
            rfm11: self.rfm11[start..end].to_vec(),
            tier: self.tier[start..end].to_vec(),
            rfm11_keys: NAMED_SEGMENTS.iter().map(|(k, _)| *k).collect(),
            tier_keys: TIERS.to_vec(),
        }
    }
}
