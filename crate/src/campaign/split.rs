//! The random control group of a segment export.
//!
//! Of the `n` customers of an export, exactly `⌊share · n + ½⌋` are held out as the control
//! group: they must **not** be contacted, so that after the campaign their purchases show what
//! the contacted customers would have bought anyway ([`super::analyse`] compares the two).
//!
//! The split is seeded and depends only on the seed and the customer ids, never on the order of
//! the rows or on the platform: each customer gets the key `Rng::stream(seed, STREAM, fnv(id),
//! 0).next_u64()` (the crate's own xoshiro256**, [`crate::rng`]), the customers are ordered by
//! (key, id), and the first ones are the control group. The same seed gives the same split
//! natively and in the page's WebAssembly: exporting the same customers with the same share and
//! seed gives the same control group.
//!
//! ```
//! use clientele::campaign::split::control_flags;
//! let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
//! let control = control_flags(&ids, 0.2, 7).unwrap();
//! assert_eq!(control.iter().filter(|&&c| c).count(), 2);
//! // The order of the rows does not matter.
//! let mut rev = ids;
//! rev.reverse();
//! let again = control_flags(&rev, 0.2, 7).unwrap();
//! for (i, &c) in control.iter().enumerate() {
//!     assert_eq!(again[ids.len() - 1 - i], c);
//! }
//! ```

use crate::sort;
use serde::{Deserialize, Serialize};

use super::CampaignError;
use crate::rng::Rng;
use crate::segment::{export, CustomerTable, RowQuery};

/// The stream of [`Rng::stream`] the control split draws from.
pub const STREAM: u64 = 0xC0_4E_72_01;

/// The default control share: 10%.
pub const DEFAULT_SHARE: f64 = 0.1;

/// FNV-1a, 64 bits, of the id's UTF-8 bytes.
pub fn fnv1a(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The random key of a customer id under `seed`.
pub fn key(id: &str, seed: u64) -> u64 {
    Rng::stream(seed, STREAM, fnv1a(id), 0).next_u64()
}

/// For each id, whether it is in the control group (`share` in [0, 1]).
pub fn control_flags<S: AsRef<str>>(ids: &[S], share: f64, seed: u64) -> Result<Vec<bool>, CampaignError> {
    if !(0.0..=1.0).contains(&share) {
        return Err(CampaignError::BadParam { name: "controlShare", value: share.to_string() });
    }
    let n = ids.len();
    let take = ((share * n as f64) + 0.5).floor() as usize;
    let mut order: Vec<(u64, &str, usize)> =
        ids.iter().enumerate().map(|(i, id)| (key(id.as_ref(), seed), id.as_ref(), i)).collect();
    sort::sort_total(&mut order);
    let mut flags = vec![false; n];
    for &(_, _, i) in order.iter().take(take.min(n)) {
        flags[i] = true;
    }
    Ok(flags)
}

/// The language of the `group` column's values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupLang {
    /// `contacted` / `control`.
    #[default]
    #[serde(rename = "en")]
    En,
    /// `触达组` / `对照组`.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl GroupLang {
    /// The label of a group in this language.
    pub fn label(self, control: bool) -> &'static str {
        match (self, control) {
            (GroupLang::En, false) => "contacted",
            (GroupLang::En, true) => "control",
            (GroupLang::ZhCn, false) => "触达组",
            (GroupLang::ZhCn, true) => "对照组",
        }
    }
}

/// The control settings of an export: share (default 0.1), seed (a decimal string on the page,
/// since it may exceed 2⁵³) and the language of the group labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ControlOptions {
    pub share: f64,
    pub seed: String,
    pub lang: GroupLang,
}

impl Default for ControlOptions {
    fn default() -> Self {
        ControlOptions { share: DEFAULT_SHARE, seed: "0".into(), lang: GroupLang::En }
    }
}

impl ControlOptions {
    /// The seed as a number (decimal, at most u64::MAX).
    pub fn seed(&self) -> Result<u64, CampaignError> {
        self.seed.trim().parse().map_err(|_| CampaignError::BadParam { name: "seed", value: self.seed.clone() })
    }
}

/// The customers selected by `query` as the segment CSV ([`export::csv`]) with a last column
/// `group`: `contacted` or `control` (`触达组` / `对照组`), the control group drawn among
/// these customers by [`control_flags`].
pub fn csv_with_group(
    table: &CustomerTable,
    query: &RowQuery,
    control: &ControlOptions,
) -> Result<String, CampaignError> {
    let seed = control.seed()?;
    let rows = table.select(query);
    let ids: Vec<&str> = rows.iter().map(|&i| table.keys[i].as_str()).collect();
    let flags = control_flags(&ids, control.share, seed)?;
    let mut by_row = vec![false; table.len()];
    for (&i, &c) in rows.iter().zip(&flags) {
        by_row[i] = c;
    }
    let cell = |i: usize| control.lang.label(by_row[i]).to_owned();
    Ok(export::csv_with_column(table, query, Some(("group", &cell))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_is_exact_and_seed_matters() {
        let ids: Vec<String> = (0..1000).map(|i| format!("C{i}")).collect();
        let a = control_flags(&ids, 0.1, 1).unwrap();
        let b = control_flags(&ids, 0.1, 2).unwrap();
        assert_eq!(a.iter().filter(|&&c| c).count(), 100);
        assert_eq!(b.iter().filter(|&&c| c).count(), 100);
        assert_ne!(a, b);
        assert_eq!(control_flags(&ids, 0.0, 1).unwrap().iter().filter(|&&c| c).count(), 0);
        assert!(control_flags(&ids, 1.5, 1).is_err());
        // Pinned: the first control ids of seed 1 never change (read from `clientele customers
        // --control-share 0.1 --seed 1` on customers C0..C999; a change would move every split
        // already exported).
        let first: Vec<&str> = ids.iter().zip(&a).filter(|(_, &c)| c).map(|(s, _)| s.as_str()).take(5).collect();
        assert_eq!(first, ["C7", "C16", "C17", "C20", "C21"]);
    }

    #[test]
    fn fnv_reference() {
        // FNV-1a 64 of "a" (the reference test vector).
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
