//! The bounds on what one file may cost to read, so that a hostile or broken file ends in a
//! coded error ([`IngestError::LimitExceeded`]) instead of a dead tab: a browser tab's wasm
//! memory is 4 GB at most, and the defaults leave room for the line items and the analyses.
//!
//! Every bound is counted on what is actually produced (bytes inflated, cells read), never
//! trusted from what a header declares. The user can raise any of them: `limits` in
//! [`FileOptions`](super::FileOptions) (the CLI's `--file-options '{"limits": {...}}'`, the
//! page's settings), with the camelCase names below.

use serde::{Deserialize, Serialize};

use crate::error::IngestError;

/// The bounds on reading one file (an archive and everything in it counts as one file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Limits {
    /// Bytes inflated from one file in total: a gzip stream, or every entry of a ZIP archive
    /// together (default 4 GiB). Gzip text streams through and is never held whole, so this
    /// bounds time rather than memory.
    pub max_decompressed_bytes: u64,
    /// Bytes inflated from one ZIP entry or one part of a workbook, which are held in memory
    /// whole (default 1 GiB).
    pub max_entry_bytes: u64,
    /// How deep archives may nest: 1 reads a ZIP archive, 2 also a ZIP inside it (default 2).
    pub max_archive_depth: u32,
    /// Entries listed in one ZIP archive or workbook package (default 10,000).
    pub max_archive_entries: u64,
    /// Cells of the sheet read, counted over the rectangle its cells span (rows × columns used,
    /// not the dimension the sheet declares), as the cells are read; every cell of it becomes a
    /// cell of a record, and each cell with a value is held until the sheet is read, about 40
    /// bytes apiece (default 10,000,000: the 541,909 × 8 cells of Online Retail fit twice over).
    pub max_sheet_cells: u64,
    /// Bytes of text the sheet's shared strings expand to, counted at every cell that uses one
    /// (one long string repeated over many cells costs its length each time), and the size of
    /// the shared-string table itself (default 1 GiB).
    pub max_shared_string_bytes: u64,
    /// Line items kept from one text file, counted as its rows are read: each is held, 30–60
    /// bytes apiece with its share of the interned names (about 52 in the demo store's ten
    /// million lines), until the analyses end (default 10,000,000: the 541,909 lines of Online
    /// Retail fit 18 times over, in about 500 MB). A basket line is a line item per item.
    pub max_line_items: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_decompressed_bytes: 4 << 30,
            max_entry_bytes: 1 << 30,
            max_archive_depth: 2,
            max_archive_entries: 10_000,
            max_sheet_cells: 10_000_000,
            max_shared_string_bytes: 1 << 30,
            max_line_items: 10_000_000,
        }
    }
}

impl Limits {
    /// The error for a bound passed: `limit` is the setting's name (as in `--file-options`),
    /// `value` the bound that was passed.
    pub fn exceeded(file: &str, limit: &'static str, value: u64, row: Option<u64>) -> IngestError {
        IngestError::LimitExceeded { file: file.to_owned(), limit, value, row }
    }
}

/// Counts bytes as they are produced and stops at a bound.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub used: u64,
    pub max: u64,
    pub limit: &'static str,
}

impl Budget {
    pub fn new(max: u64, limit: &'static str) -> Self {
        Budget { used: 0, max, limit }
    }

    /// Adds `n` bytes; `Err(())` once the total passes the bound.
    pub fn take(&mut self, n: u64) -> Result<(), &'static str> {
        self.used = self.used.saturating_add(n);
        if self.used > self.max {
            Err(self.limit)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_camel_case_with_defaults_for_what_is_left_out() {
        let l: Limits = serde_json::from_str(r#"{"maxEntryBytes": 5, "maxArchiveDepth": 1}"#).unwrap();
        assert_eq!((l.max_entry_bytes, l.max_archive_depth), (5, 1));
        assert_eq!(l.max_sheet_cells, Limits::default().max_sheet_cells);
        assert!(serde_json::to_string(&Limits::default()).unwrap().contains("\"maxSharedStringBytes\""));
    }

    #[test]
    fn a_budget_stops_past_its_bound() {
        let mut b = Budget::new(10, "maxEntryBytes");
        assert_eq!(b.take(10), Ok(()));
        assert_eq!(b.take(1), Err("maxEntryBytes"));
        assert_eq!(b.used, 11);
    }
}
