//! The ingest report: how every row of a file was used or why it was dropped.

use crate::sort;
use serde::Serialize;

use super::Role;

/// Why a row was dropped. Each row gets exactly one disposition: the first reason that applies,
/// in the order of [`DropReason::ALL`], or else `purchase` or `return`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// A title or note line above the header row (`会员消费明细表`, `导出时间: …`).
    TitleRow,
    /// A quote opened at the start of a field is never closed before the end of the file, or
    /// closed only after more than [`crate::ingest::csv::MAX_QUOTED_LINES`] (100) line ends (a
    /// stray quote closed by another stray one far below). The line holding the opening quote
    /// (with any lines of its record before it) is dropped, and the lines after it are read as
    /// rows of their own, so a stray quote never swallows the rest of the file (see
    /// [`crate::ingest::csv::RecordReader::feed`]).
    UnclosedQuote,
    /// A totals line (`合计`, `总计`, `Total`): not a sale, and counting it would double the sums.
    TotalRow,
    /// Every cell is empty.
    BlankRow,
    /// The row has fewer cells than a needed column.
    MissingField,
    /// The date-time cell is empty, not a date, or a date outside the years read
    /// ([`crate::ingest::values::YearRange::DEFAULT`], 1900 to 2100).
    BadDate,
    /// The quantity, unit price or amount cell is empty or not a number, or a number (or the
    /// line amount, quantity × unit price) beyond ±[`crate::ingest::values::MAX_ABS_NUMBER`].
    BadNumber,
    /// The customer id cell is empty (a guest sale) and the session drops guest rows
    /// ([`crate::ingest::Session::set_drop_guests`]); by default they are kept as guest lines.
    NoCustomerId,
    /// The unit price (or the amount) is below zero: an accounting adjustment, not a sale.
    NegativePrice,
    /// The unit price (or the amount) is zero: a free item or a correction.
    ZeroPrice,
    /// The quantity is zero.
    ZeroQuantity,
    /// The status says the order was cancelled, closed or never paid (`cancelled`, `voided`,
    /// `交易关闭` with nothing refunded, `等待买家付款`): not a sale.
    UnpaidOrCancelled,
}

impl DropReason {
    /// Every reason, in the order they are tested.
    pub const ALL: [DropReason; 12] = [
        DropReason::TitleRow,
        DropReason::UnclosedQuote,
        DropReason::TotalRow,
        DropReason::BlankRow,
        DropReason::MissingField,
        DropReason::BadDate,
        DropReason::BadNumber,
        DropReason::NoCustomerId,
        DropReason::NegativePrice,
        DropReason::ZeroPrice,
        DropReason::ZeroQuantity,
        DropReason::UnpaidOrCancelled,
    ];
}

/// A condition a row has, counted whether or not the row is kept. A row can have several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    NoCustomerId,
    /// The order id marks a cancellation (`C` followed by digits, as in the UCI Online Retail
    /// export). Such rows are kept as returns when they have a customer and a price.
    Cancellation,
    NonPositiveQuantity,
    ZeroPrice,
    NegativePrice,
    /// The product name cell is empty.
    MissingProductName,
    /// The row repeats an earlier row of the same file cell for cell.
    DuplicateRow,
    /// Some cell is not valid UTF-8 (the file may be in another encoding).
    InvalidUtf8,
    /// The status or a refund amount says money went back: kept as a purchase plus a return line.
    Refunded,
    /// The customer id is masked (`138****1234`): different people may share it.
    MaskedCustomerId,
}

impl Flag {
    /// Every flag, in report order.
    pub const ALL: [Flag; 10] = [
        Flag::NoCustomerId,
        Flag::Cancellation,
        Flag::NonPositiveQuantity,
        Flag::ZeroPrice,
        Flag::NegativePrice,
        Flag::MissingProductName,
        Flag::DuplicateRow,
        Flag::InvalidUtf8,
        Flag::Refunded,
        Flag::MaskedCustomerId,
    ];
}

/// Rows dropped for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub reason: DropReason,
    pub rows: u64,
    /// The line numbers of the first rows dropped for this reason (at most 5), the lines an
    /// editor shows (a record whose quoted field holds newlines is numbered by the line it starts
    /// on; a workbook row by the sheet's row number), so the user can find them in the file.
    pub first_rows: Vec<u64>,
}

/// Rows having one condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlagCount {
    pub flag: Flag,
    pub rows: u64,
}

/// Row accounting. `read = purchase + return + customer_rows + summary_rows + dropped` always
/// holds (a sales file has no customer rows, a customer file no purchases, a summary file only
/// summary rows), and `dropped` is the sum of
/// `dropped_by_reason`. Only reasons and flags with at least one row are listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RowCounts {
    /// Data rows read (the header row is not counted).
    pub read: u64,
    /// Rows kept as purchase lines.
    pub purchase: u64,
    /// Rows kept as return lines (netted against purchases).
    #[serde(rename = "return")]
    pub returns: u64,
    /// Rows of a customer-attributes file used for their customer's attributes.
    pub customer_rows: u64,
    /// Rows of warehouse summary files (see [`crate::warehouse`]).
    pub summary_rows: u64,
    /// Rows dropped.
    pub dropped: u64,
    /// Of the kept rows (purchase and return), those with no customer id: guest lines, which
    /// count for revenue and baskets and are left out of customer analyses.
    pub guest: u64,
    pub dropped_by_reason: Vec<ReasonCount>,
    /// Conditions found, counted over all rows (overlapping).
    pub flagged: Vec<FlagCount>,
}

impl RowCounts {
    /// Adds another file's counts to these.
    pub fn merge(&mut self, other: &RowCounts) {
        self.read += other.read;
        self.purchase += other.purchase;
        self.returns += other.returns;
        self.dropped += other.dropped;
        self.customer_rows += other.customer_rows;
        self.summary_rows += other.summary_rows;
        self.guest += other.guest;
        for r in &other.dropped_by_reason {
            match self.dropped_by_reason.iter_mut().find(|x| x.reason == r.reason) {
                Some(x) => x.rows += r.rows,
                None => self.dropped_by_reason.push(ReasonCount { first_rows: Vec::new(), ..r.clone() }),
            }
        }
        for f in &other.flagged {
            match self.flagged.iter_mut().find(|x| x.flag == f.flag) {
                Some(x) => x.rows += f.rows,
                None => self.flagged.push(f.clone()),
            }
        }
        sort::sort_by_key(&mut self.dropped_by_reason, |r| DropReason::ALL.iter().position(|x| *x == r.reason));
        sort::sort_by_key(&mut self.flagged, |f| Flag::ALL.iter().position(|x| *x == f.flag));
    }
}

/// One column of the file and the role it was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnInfo {
    pub index: usize,
    /// The header cell, trimmed.
    pub name: String,
    pub role: Option<Role>,
    /// How sure the detection is: 1 for a known header name, lower when guessed from values,
    /// 0 when the user set it (or no role).
    pub confidence: f32,
    /// The role is in doubt: over 20% of the column's non-empty cells could not be read as the
    /// role asks (text in an amount column, unreadable dates). Only the date and number roles
    /// are checked.
    pub doubtful: bool,
    /// The role was guessed less surely than [`SURE_VALUE_CONFIDENCE`](super::roles::SURE_VALUE_CONFIDENCE)
    /// (or set by the user, confidence 0): the page's import panel opens for the user to check it.
    pub unsure: bool,
    /// The first few non-empty values, for the mapping view.
    pub samples: Vec<String>,
}

/// Figures over every row of the file that has the value, kept or dropped. `None` where the file
/// has no such column (or no valid value).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FileStats {
    /// Distinct non-empty customer ids.
    pub customers: u64,
    /// Distinct non-empty order ids.
    pub orders: Option<u64>,
    /// Distinct order ids that mark a cancellation.
    pub cancelled_orders: Option<u64>,
    /// Distinct product ids (or names, without an id column).
    pub products: Option<u64>,
    /// Distinct regions.
    pub regions: Option<u64>,
    /// Earliest and latest valid date-time, `YYYY-MM-DD HH:MM:SS`.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Σ line amount (quantity × unit price, or the amount column) over rows where it parses.
    pub amount_sum: f64,
    /// Lines whose product is a placeholder (`NONE`, `N/A`, `?`, blank...), by the text written.
    pub placeholders: Vec<crate::ingest::placeholder::PlaceholderCount>,
}

/// Rows whose slash dates only one day-month order can read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DateEvidence {
    pub month_first: u64,
    pub day_first: u64,
    /// Rows both orders read, resolved by the column's order.
    pub ambiguous: u64,
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Sales lines (a date-time and an amount, or a quantity and a unit price, per row).
    Sales,
    /// Customer attributes: a customer id and attribute columns (gender, age, city, member
    /// level, join date...), no date-time and no money. Joined to the sales by customer id.
    Customers,
    /// One basket per line, items separated by the delimiter, no header (arules'
    /// `groceries.csv`): each line becomes one order of guest lines with no date (time 0) and
    /// no money (amount 0); `columns.undated` tells time-based analyses.
    Baskets,
    /// A summary file written by a warehouse recipe (`clientele warehouse sql`), recognised by
    /// its exact header: see [`crate::warehouse`].
    Summary,
}

/// How a customer file's customers match the customers of the sales lines (computed by the
/// overview, since the files can come in any order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CustomerMatch {
    /// Distinct customer ids in the file.
    pub customers: u64,
    /// Of those, customers with at least one sales line.
    pub matched: u64,
    /// Customers of the file with no sales line.
    pub only_in_file: u64,
    /// Customers with sales lines (guests aside) and no row in this file.
    pub only_in_sales: u64,
}

/// What ingest found in one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    pub name: String,
    pub kind: FileKind,
    /// For a customer file, how its customers match the sales lines' customers (filled by
    /// [`crate::overview`]; `None` for a sales file).
    pub customer_match: Option<CustomerMatch>,
    /// Size of the file as given (compressed size for gzip).
    pub bytes: u64,
    /// `none` or `gzip`.
    pub container: &'static str,
    /// Inside an archive or workbook: the entry or sheet read.
    pub entry: Option<String>,
    /// The text encoding (`UTF-8`, `GBK`, `UTF-16LE`...), how it was decided, and whether any
    /// bytes could not be decoded in it (a sign the choice is wrong).
    pub encoding: &'static str,
    pub encoding_detection: super::decode::Detection,
    pub undecodable_bytes: bool,
    /// Whether `,` was read as the decimal mark (`12,50`).
    pub decimal_comma: bool,
    /// The day-month order of slash dates, when the file has any, and the rows proving each.
    pub date_order: Option<crate::ingest::values::DateOrder>,
    pub date_evidence: DateEvidence,
    /// The field delimiter, `\t` for tab.
    pub delimiter: String,
    /// The header row's 1-based line number in the file (its row number in a workbook's sheet;
    /// 0 when the file has none). Every row number in the report counts the same way.
    pub header_row: u64,
    /// One row per order: no product column, or no order with two purchase lines (over 30
    /// orders at least). Basket
    /// analysis has nothing to mine in such a file.
    pub order_level: bool,
    /// The sheets of a workbook (empty for text files).
    pub sheets: Vec<String>,
    pub columns: Vec<ColumnInfo>,
    pub rows: RowCounts,
    pub stats: FileStats,
    /// For the first table read from a ZIP archive: the archive's entries that were not read,
    /// with why (empty otherwise).
    pub skipped_entries: Vec<SkippedEntry>,
}

/// An entry of a ZIP archive that was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedEntry {
    /// The entry's name as the archive spells it.
    pub name: String,
    pub reason: SkipReason,
}

/// Why an archive entry was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// A hidden file: the name starts with `.`.
    Hidden,
    /// The path climbs out of the archive (`../x.csv`, `..\x.csv`) or is absolute.
    OutsidePath,
    /// A macOS resource fork (`__MACOSX/`).
    ResourceFork,
    /// Not a format read as a table (by its extension).
    NotATable,
}
