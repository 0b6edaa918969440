//! Bytes → typed line items, with every row accounted for.
//!
//! A [`Session`] reads one or more files pushed chunk by chunk, as the browser streams them:
//!
//! 1. [`sniff`] decides the container: gzip is decompressed as a stream; a ZIP archive or an
//!    Excel workbook is gathered whole and opened at the end (their formats need random access);
//!    formats nobody can read (PDF, images) get a clear error instead of garbage;
//! 2. [`decode`] decides the text encoding from the first 64 KiB (BOM, NUL pattern, valid UTF-8,
//!    else a statistical guess) and streams the text to UTF-8; the delimiter is sniffed from the
//!    same sample (`,` `\t` `;` `|`, or runs of spaces in whitespace-aligned files);
//! 3. [`csv`] splits records with `csv-core`, across chunk boundaries;
//! 4. the header row is found among the first records (title lines above it are counted as
//!    dropped `title_row`); [`roles`] gives each column a role; the user may override any of it
//!    with [`FileOptions`];
//! 5. each data row is classified ([`report::DropReason`], [`report::Flag`]) and kept rows are
//!    appended to the [`LineItems`](crate::model::LineItems) store.
//!
//! | module | what it does |
//! |---|---|
//! | `session` | [`Session`], [`FileOptions`]: the state machine from chunks to records, and the file report |
//! | [`sniff`], [`decode`], [`csv`], `workbook` | containers, encodings and delimiters, records, xlsx/xls/zip |
//! | `header` | which record is the header, the columns' roles, the decimal mark and cost reading |
//! | `rows` | the drop-reason ladder: every row read is a purchase, a return or one drop reason |
//! | `vocab` | the retail word lists: totals rows, status words, discount and cost column names |
//! | `fast` | the byte-level fast paths of the row loop, each tested against its std equivalent |
//! | [`roles`], [`values`], [`report`] | column roles, cell values (numbers, dates), the report types |
//! | [`compact_date`] | `19970101` / `20240105143000`: dates or codes, decided from a column's values |
//!
//! Returns are recorded against the customer, never thrown away: a negative quantity, a `C`
//! invoice, a return document (`退货`, `SELL_RETURN`) become return lines; a refunded status or a
//! refund amount keeps the purchase and adds a return line for the money that went back.
//!
//! ```
//! use clientele::ingest::Session;
//! let csv = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n\
//!            536365,85123A,6,2010-12-01 08:26:00,2.55,17850\n\
//!            C536379,D,-1,2010-12-01 09:41:00,27.5,14527\n\
//!            536414,22139,56,2010-12-01 11:52:00,0,\n";
//! let mut s = Session::default();
//! s.begin_file("tiny.csv", csv.len() as u64).unwrap();
//! // Any chunking gives the same result.
//! for chunk in csv.as_bytes().chunks(7) {
//!     s.push(chunk).unwrap();
//! }
//! let report = s.end_file().unwrap();
//! assert_eq!((report.rows.read, report.rows.purchase, report.rows.returns, report.rows.dropped), (3, 1, 1, 1));
//! let amounts = &s.lines().amount; // 6 × 2.55, then the cancellation's −1 × 27.5
//! assert!((amounts.at(0) - 15.3).abs() < 1e-9 && amounts.at(1) == -27.5);
//! ```

pub mod compact_date;
pub mod csv;
pub mod decode;
mod fast;
mod header;
mod lexicon;
pub mod limits;
pub mod placeholder;
pub mod report;
pub mod roles;
mod rows;
mod session;
pub mod sniff;
pub mod values;
mod vocab;
#[cfg(feature = "containers")]
mod workbook;

pub use limits::Limits;
pub use report::{
    ColumnInfo, CustomerMatch, DateEvidence, DropReason, FileKind, FileReport, FileStats, Flag, FlagCount, ReasonCount,
    RowCounts,
};
pub use roles::Role;
#[cfg(not(target_arch = "wasm32"))]
pub use session::parallel::{ParallelRead, ReadAt};
pub use session::{FileOptions, Session, HEAD_INSIDE_RECORD};
