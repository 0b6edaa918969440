//! Bytes → typed line items, with every row accounted for.
//!
//! A [`Session`] reads one or more files pushed chunk by chunk, as the browser streams them:
//!
//! 1. [`sniff`] decides the container (gzip is decompressed as a stream) and refuses formats this
//!    build cannot read with a clear error instead of garbage;
//! 2. a UTF-8 byte-order mark is dropped and the delimiter is sniffed from the first 64 KiB;
//! 3. [`csv`] splits records with `csv-core`, across chunk boundaries;
//! 4. the first record is the header; [`roles`] gives each column a role;
//! 5. each data row is classified ([`report::DropReason`], [`report::Flag`]) and kept rows are
//!    appended to the [`LineItems`] store.
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
//! assert!((amounts[0] - 15.3).abs() < 1e-9 && amounts[1] == -27.5);
//! ```

pub mod csv;
pub mod report;
pub mod roles;
pub mod sniff;
pub mod values;

use std::borrow::Cow;
use std::hash::Hasher;
use std::io::{Read, Write};

use rustc_hash::FxHashSet;

use crate::error::IngestError;
use crate::model::{LineItems, LineKind, NO_PRODUCT};
use crate::num::Sum;
pub use report::{ColumnInfo, DropReason, FileReport, FileStats, Flag, FlagCount, ReasonCount, RowCounts};
pub use roles::Role;
use sniff::{Container, Kind};

/// Text bytes gathered before the delimiter is sniffed.
const DIALECT_SNIFF_BYTES: usize = 64 * 1024;

/// Reads files into one store of line items. Files are read one after another:
/// `begin_file`, any number of `push`, then `end_file`.
#[derive(Debug, Default)]
pub struct Session {
    lines: LineItems,
    files: Vec<FileReport>,
    current: Option<FileIngest>,
}

impl Session {
    /// Starts a file. `bytes` is its size as stored, used only in the report.
    pub fn begin_file(&mut self, name: &str, bytes: u64) -> Result<(), IngestError> {
        if self.current.is_some() {
            return Err(IngestError::Protocol { detail: "begin_file called while another file is open" });
        }
        self.current = Some(FileIngest::new(name, bytes, self.lines.len()));
        Ok(())
    }

    /// Feeds the next chunk of the open file. Returns the data rows read so far in this file.
    /// On error the file's rows are taken back out of the store and the file is closed.
    pub fn push(&mut self, chunk: &[u8]) -> Result<u64, IngestError> {
        let file = self.current.as_mut().ok_or(IngestError::Protocol { detail: "push called with no open file" })?;
        match file.push(chunk, &mut self.lines) {
            Ok(()) => Ok(file.rows.counts.read),
            Err(e) => Err(self.abandon(e)),
        }
    }

    /// Finishes the open file and returns its report.
    pub fn end_file(&mut self) -> Result<&FileReport, IngestError> {
        let mut file = self.current.take().ok_or(IngestError::Protocol { detail: "end_file called with no open file" })?;
        match file.finish(&mut self.lines) {
            Ok(report) => {
                self.files.push(report);
                Ok(self.files.last().expect("just pushed"))
            }
            Err(e) => {
                self.current = Some(file);
                Err(self.abandon(e))
            }
        }
    }

    /// Reads a whole file from a reader, in 1 MiB chunks (what the CLI does).
    pub fn read_file(&mut self, name: &str, bytes: u64, mut reader: impl Read) -> Result<&FileReport, IngestError> {
        self.begin_file(name, bytes)?;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    self.current = None;
                    return Err(IngestError::Protocol { detail: "the file could not be read from disk" });
                }
            };
            self.push(&buf[..n])?;
        }
        self.end_file()
    }

    fn abandon(&mut self, e: IngestError) -> IngestError {
        if let Some(file) = self.current.take() {
            self.lines.truncate(file.lines_at_start);
        }
        e
    }

    /// The reports of the files read so far.
    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    /// The line items kept so far.
    pub fn lines(&self) -> &LineItems {
        &self.lines
    }
}

/// The state of one file being read.
#[derive(Debug)]
struct FileIngest {
    name: String,
    bytes: u64,
    lines_at_start: usize,
    /// Raw bytes held until the container is known.
    head: Vec<u8>,
    container: Option<Container>,
    gunzip: Option<flate2::write::MultiGzDecoder<Vec<u8>>>,
    text: TextStage,
    rows: RowState,
}

/// Decoded text → records.
#[derive(Debug, Default)]
struct TextStage {
    /// Text held until the delimiter is sniffed.
    pending: Vec<u8>,
    started: bool,
    bom: bool,
    delimiter: Option<u8>,
    reader: Option<csv::RecordReader>,
}

impl FileIngest {
    fn new(name: &str, bytes: u64, lines_at_start: usize) -> Self {
        FileIngest {
            name: name.to_owned(),
            bytes,
            lines_at_start,
            head: Vec::new(),
            container: None,
            gunzip: None,
            text: TextStage::default(),
            rows: RowState::new(name),
        }
    }

    fn push(&mut self, chunk: &[u8], lines: &mut LineItems) -> Result<(), IngestError> {
        if self.container.is_none() {
            self.head.extend_from_slice(chunk);
            if self.head.len() < sniff::SNIFF_BYTES {
                return Ok(());
            }
            let head = std::mem::take(&mut self.head);
            self.open_container(&head)?;
            return self.push_raw(&head, lines);
        }
        self.push_raw(chunk, lines)
    }

    fn open_container(&mut self, head: &[u8]) -> Result<(), IngestError> {
        let container = match sniff::sniff_kind(head, &self.name) {
            Kind::Container(c) => c,
            Kind::Text => Container::None,
            Kind::Unsupported(format) => return Err(IngestError::UnsupportedFormat { file: self.name.clone(), format }),
        };
        if container == Container::Gzip {
            self.gunzip = Some(flate2::write::MultiGzDecoder::new(Vec::new()));
        }
        self.container = Some(container);
        Ok(())
    }

    fn push_raw(&mut self, chunk: &[u8], lines: &mut LineItems) -> Result<(), IngestError> {
        match self.gunzip.as_mut() {
            None => self.push_text(chunk, lines),
            Some(gz) => {
                gz.write_all(chunk).map_err(|e| IngestError::GzipCorrupt { file: self.name.clone(), detail: e.to_string() })?;
                let out = std::mem::take(gz.get_mut());
                self.push_text(&out, lines)?;
                // Give the buffer back so its allocation is reused.
                if let Some(gz) = self.gunzip.as_mut() {
                    let mut out = out;
                    out.clear();
                    *gz.get_mut() = out;
                }
                Ok(())
            }
        }
    }

    fn push_text(&mut self, mut text: &[u8], lines: &mut LineItems) -> Result<(), IngestError> {
        if text.is_empty() {
            return Ok(());
        }
        if !self.text.started {
            // The container may hide another format (a gzipped xlsx, say): sniff the text too.
            if self.container == Some(Container::Gzip) {
                if let Kind::Unsupported(format) = sniff::sniff_kind(text, &self.name).map_nested() {
                    return Err(IngestError::UnsupportedFormat { file: self.name.clone(), format });
                }
            }
            self.text.started = true;
            if let Some(rest) = text.strip_prefix(b"\xEF\xBB\xBF") {
                self.text.bom = true;
                text = rest;
            }
        }
        if self.text.delimiter.is_none() {
            self.text.pending.extend_from_slice(text);
            if self.text.pending.len() < DIALECT_SNIFF_BYTES {
                return Ok(());
            }
            let pending = std::mem::take(&mut self.text.pending);
            self.start_records(&pending);
            return self.feed_records(&pending, lines);
        }
        self.feed_records(text, lines)
    }

    fn start_records(&mut self, head: &[u8]) {
        let d = sniff::sniff_delimiter(head);
        self.text.delimiter = Some(d);
        self.text.reader = Some(csv::RecordReader::new(d));
    }

    fn feed_records(&mut self, text: &[u8], lines: &mut LineItems) -> Result<(), IngestError> {
        let Some(reader) = self.text.reader.as_mut() else { return Ok(()) };
        let rows = &mut self.rows;
        let mut on_record = |r: &csv::Record<'_>| rows.on_record(r, lines);
        reader.feed(text, &mut on_record).map_err(|e| match e {
            csv::SplitError::TooLarge(row) => {
                IngestError::RecordTooLarge { file: self.name.clone(), row, bytes: csv::MAX_RECORD_BYTES }
            }
            csv::SplitError::Callback(e) => e,
        })
    }

    fn finish(&mut self, lines: &mut LineItems) -> Result<FileReport, IngestError> {
        if self.container.is_none() {
            // A file shorter than the sniff window.
            let head = std::mem::take(&mut self.head);
            if head.is_empty() {
                return Err(IngestError::EmptyFile { file: self.name.clone() });
            }
            self.open_container(&head)?;
            self.push_raw(&head, lines)?;
        }
        if let Some(mut gz) = self.gunzip.take() {
            gz.try_finish().map_err(|e| IngestError::GzipCorrupt { file: self.name.clone(), detail: e.to_string() })?;
            let out = gz.finish().map_err(|e| IngestError::GzipCorrupt { file: self.name.clone(), detail: e.to_string() })?;
            self.push_text(&out, lines)?;
        }
        if self.text.delimiter.is_none() {
            let pending = std::mem::take(&mut self.text.pending);
            self.start_records(&pending);
            self.feed_records(&pending, lines)?;
        }
        self.feed_records(b"", lines)?;
        let Some(header) = self.rows.header.as_ref() else {
            return Err(if self.text.started {
                IngestError::NoHeader { file: self.name.clone() }
            } else {
                IngestError::EmptyFile { file: self.name.clone() }
            });
        };
        let columns = header
            .names
            .iter()
            .enumerate()
            .map(|(index, name)| ColumnInfo { index, name: name.clone(), role: header.roles[index] })
            .collect();
        Ok(FileReport {
            name: self.name.clone(),
            bytes: self.bytes,
            container: self.container.unwrap_or(Container::None).name(),
            encoding: if self.text.bom { "UTF-8 (BOM)" } else { "UTF-8" },
            delimiter: sniff::delimiter_name(self.text.delimiter.unwrap_or(b',')),
            header_row: header.row,
            columns,
            rows: self.rows.counts(),
            stats: self.rows.stats.report(),
        })
    }
}

trait MapNested {
    fn map_nested(self) -> Kind;
}
impl MapNested for Kind {
    /// Inside a gzip stream, a second gzip header is as unreadable as any other binary.
    fn map_nested(self) -> Kind {
        match self {
            Kind::Container(Container::Gzip) => Kind::Unsupported("binary"),
            k => k,
        }
    }
}

/// The header: column names, their roles and the column index of each role.
#[derive(Debug)]
struct Header {
    row: u64,
    names: Vec<String>,
    roles: Vec<Option<Role>>,
    customer: usize,
    datetime: usize,
    order: Option<usize>,
    product_id: Option<usize>,
    product_name: Option<usize>,
    quantity: Option<usize>,
    unit_price: Option<usize>,
    amount: Option<usize>,
    region: Option<usize>,
    /// The largest column index a row must have.
    max_required: usize,
}

impl Header {
    fn new(file: &str, row: u64, names: Vec<String>) -> Result<Self, IngestError> {
        let roles = roles::detect_roles(&names);
        let col = |role: Role| roles.iter().position(|r| *r == Some(role));
        let missing = |role: Role| IngestError::MissingRole { file: file.to_owned(), row, role, columns: names.clone() };
        let customer = col(Role::CustomerId).ok_or_else(|| missing(Role::CustomerId))?;
        let datetime = col(Role::Datetime).ok_or_else(|| missing(Role::Datetime))?;
        let (quantity, unit_price, amount) = (col(Role::Quantity), col(Role::UnitPrice), col(Role::Amount));
        if amount.is_none() && (quantity.is_none() || unit_price.is_none()) {
            return Err(missing(Role::Amount));
        }
        let max_required = [Some(customer), Some(datetime), quantity, unit_price, amount].into_iter().flatten().max().unwrap_or(0);
        Ok(Header {
            row,
            customer,
            datetime,
            order: col(Role::OrderId),
            product_id: col(Role::ProductId),
            product_name: col(Role::ProductName),
            quantity,
            unit_price,
            amount,
            region: col(Role::Region),
            max_required,
            names,
            roles,
        })
    }
}

/// Which ids of an interner a file has seen, and how many.
#[derive(Debug, Default)]
struct Seen {
    bits: Vec<bool>,
    count: u64,
}

impl Seen {
    fn mark(&mut self, id: u32) {
        let i = id as usize;
        if i >= self.bits.len() {
            self.bits.resize((i + 1).max(self.bits.len() * 2), false);
        }
        if !self.bits[i] {
            self.bits[i] = true;
            self.count += 1;
        }
    }
}

/// Distinct values seen in a file, over all rows.
#[derive(Debug, Default)]
struct Distinct {
    customers: Seen,
    orders: Seen,
    cancelled_orders: Seen,
    products: Seen,
    regions: FxHashSet<Box<str>>,
    first: Option<i64>,
    last: Option<i64>,
    amount_sum: Sum,
    has_order: bool,
    has_product: bool,
    has_region: bool,
}

impl Distinct {
    fn report(&self) -> FileStats {
        FileStats {
            customers: self.customers.count,
            orders: self.has_order.then_some(self.orders.count),
            cancelled_orders: self.has_order.then_some(self.cancelled_orders.count),
            products: self.has_product.then_some(self.products.count),
            regions: self.has_region.then_some(self.regions.len() as u64),
            first: self.first.map(values::format_datetime),
            last: self.last.map(values::format_datetime),
            amount_sum: crate::num::round_money(self.amount_sum.value()),
        }
    }
}

/// Row-level classification and accounting for one file.
#[derive(Debug)]
struct RowState {
    file: String,
    header: Option<Header>,
    counts: RowCounts,
    dropped: [u64; DropReason::ALL.len()],
    flagged: [u64; Flag::ALL.len()],
    seen_rows: FxHashSet<u64>,
    stats: Distinct,
    key: String,
}

/// Whether an order id marks a cancellation: `C` (or `c`) followed by digits only.
fn is_cancellation_id(order: &str) -> bool {
    let b = order.as_bytes();
    matches!(b.first(), Some(b'C' | b'c')) && b.len() > 1 && b[1..].iter().all(u8::is_ascii_digit)
}

impl RowState {
    fn new(file: &str) -> Self {
        RowState {
            file: file.to_owned(),
            header: None,
            counts: RowCounts::default(),
            dropped: [0; DropReason::ALL.len()],
            flagged: [0; Flag::ALL.len()],
            seen_rows: FxHashSet::default(),
            stats: Distinct::default(),
            key: String::new(),
        }
    }

    fn counts(&self) -> RowCounts {
        let mut c = self.counts.clone();
        c.dropped_by_reason = DropReason::ALL
            .iter()
            .zip(self.dropped)
            .filter(|(_, n)| *n > 0)
            .map(|(&reason, rows)| ReasonCount { reason, rows })
            .collect();
        c.flagged =
            Flag::ALL.iter().zip(self.flagged).filter(|(_, n)| *n > 0).map(|(&flag, rows)| FlagCount { flag, rows }).collect();
        c
    }

    fn flag(&mut self, f: Flag) {
        self.flagged[f as usize] += 1;
    }

    fn drop_row(&mut self, r: DropReason) {
        self.dropped[r as usize] += 1;
        self.counts.dropped += 1;
    }

    fn on_record(&mut self, rec: &csv::Record<'_>, lines: &mut LineItems) -> Result<(), IngestError> {
        let Some(header) = self.header.take() else {
            let names: Vec<String> =
                (0..rec.len()).map(|i| String::from_utf8_lossy(rec.get(i).unwrap_or_default()).trim().to_owned()).collect();
            if names.iter().all(String::is_empty) {
                return Err(IngestError::NoHeader { file: self.file.clone() });
            }
            let header = Header::new(&self.file, rec.number, names)?;
            self.stats.has_order = header.order.is_some();
            self.stats.has_product = header.product_id.is_some() || header.product_name.is_some();
            self.stats.has_region = header.region.is_some();
            self.header = Some(header);
            return Ok(());
        };
        self.on_row(&header, rec, lines);
        self.header = Some(header);
        Ok(())
    }

        /// Classifies one data row, updates the counts and keeps it if it is a purchase or return.
    fn on_row(&mut self, h: &Header, rec: &csv::Record<'_>, lines: &mut LineItems) {
        self.counts.read += 1;

        if (0..rec.len()).all(|i| rec.get(i).is_some_and(|f| f.trim_ascii().is_empty())) {
            self.drop_row(DropReason::BlankRow);
            return;
        }
        if !self.seen_rows.insert(row_fingerprint(rec)) {
            self.flag(Flag::DuplicateRow);
        }

        // Cells, as trimmed text. Invalid UTF-8 is replaced and flagged.
        let valid = std::str::from_utf8(rec.bytes()).ok();
        let mut bad_utf8 = false;
        let mut cell = |i: Option<usize>| text_cell(rec, valid, i, &mut bad_utf8);
        let short = rec.len() <= h.max_required;
        let customer = cell(Some(h.customer));
        let datetime = cell(Some(h.datetime));
        let order = cell(h.order);
        let product_id = cell(h.product_id);
        let product_name = cell(h.product_name);
        let region = cell(h.region);
        let quantity_cell = cell(h.quantity);
        let price_cell = cell(h.unit_price);
        let amount_cell = cell(h.amount);
        if bad_utf8 {
            self.flag(Flag::InvalidUtf8);
        }

        // Flags and file-level figures, over every row.
        // Keys are interned once, kept row or not, and the file's distinct counts mark the ids.
        let customer = customer.filter(|c| !c.is_empty());
        let customer_id = customer.as_deref().map(|c| lines.customers.intern(c));
        match customer_id {
            Some(id) => self.stats.customers.mark(id),
            None => self.flag(Flag::NoCustomerId),
        }
        let order = order.filter(|o| !o.is_empty());
        let cancelled = order.as_deref().is_some_and(is_cancellation_id);
        let order_id = order.as_deref().map(|o| lines.orders.intern(o));
        if let Some(id) = order_id {
            self.stats.orders.mark(id);
            if cancelled {
                self.flag(Flag::Cancellation);
                self.stats.cancelled_orders.mark(id);
            }
        }
        if product_name.as_deref().is_some_and(str::is_empty) {
            self.flag(Flag::MissingProductName);
        }
        let product = product_id.filter(|p| !p.is_empty()).or(product_name.filter(|p| !p.is_empty()));
        let product_id = product.as_deref().map_or(NO_PRODUCT, |p| lines.products.intern(p));
        if product_id != NO_PRODUCT {
            self.stats.products.mark(product_id);
        }
        if let Some(r) = region.filter(|r| !r.is_empty()) {
            if !self.stats.regions.contains(&*r) {
                self.stats.regions.insert(r.into());
            }
        }
        let time = datetime.as_deref().and_then(values::parse_datetime);
        if let Some(t) = time {
            self.stats.first = Some(self.stats.first.map_or(t, |f| f.min(t)));
            self.stats.last = Some(self.stats.last.map_or(t, |l| l.max(t)));
        }
        let quantity = quantity_cell.as_deref().and_then(values::parse_number);
        let price = price_cell.as_deref().and_then(values::parse_number);
        let amount_col = amount_cell.as_deref().and_then(values::parse_number);
        if quantity.is_some_and(|q| q <= 0.0) {
            self.flag(Flag::NonPositiveQuantity);
        }
        // The price that decides zero/negative: the unit price, else the amount.
        let price_sign = if h.unit_price.is_some() { price } else { amount_col.map(f64::abs) };
        match price_sign {
            Some(0.0) => self.flag(Flag::ZeroPrice),
            Some(p) if p < 0.0 => self.flag(Flag::NegativePrice),
            _ => {}
        }
        let amount = match (amount_col, quantity, price) {
            (Some(a), _, _) => Some(a),
            (None, Some(q), Some(p)) => Some(q * p),
            _ => None,
        };
        if let Some(a) = amount {
            self.stats.amount_sum.add(a);
        }

        // Disposition: the first reason that applies, else purchase or return.
        let numbers_ok = if h.amount.is_some() {
            amount_col.is_some() && (h.quantity.is_none() || quantity.is_some())
        } else {
            quantity.is_some() && price.is_some()
        };
        let reason = if short {
            Some(DropReason::MissingField)
        } else if time.is_none() {
            Some(DropReason::BadDate)
        } else if !numbers_ok {
            Some(DropReason::BadNumber)
        } else if customer.is_none() {
            Some(DropReason::NoCustomerId)
        } else if price_sign.is_some_and(|p| p < 0.0) {
            Some(DropReason::NegativePrice)
        } else if price_sign == Some(0.0) {
            Some(DropReason::ZeroPrice)
        } else if quantity == Some(0.0) {
            Some(DropReason::ZeroQuantity)
        } else {
            None
        };
        let (None, Some(customer), Some(customer_id), Some(time), Some(amount)) = (reason, customer, customer_id, time, amount) else {
            // Every row that reaches here without a value was given a reason above.
            self.drop_row(reason.unwrap_or(DropReason::BadNumber));
            return;
        };
        let is_return = cancelled || quantity.is_some_and(|q| q < 0.0) || (h.quantity.is_none() && amount < 0.0);
        let quantity = quantity.unwrap_or(1.0).abs();
        let (kind, quantity, amount) = if is_return {
            self.counts.returns += 1;
            (LineKind::Return, -quantity, -amount.abs())
        } else {
            self.counts.purchase += 1;
            (LineKind::Purchase, quantity, amount)
        };
        let order_id = match order_id {
            Some(id) => id,
            None => {
                // No order id: one order per customer and calendar day.
                self.key.clear();
                self.key.push_str(&customer);
                self.key.push('|');
                self.key.push_str(&values::format_datetime(time)[..10]);
                lines.orders.intern(&self.key)
            }
        };
        lines.push(customer_id, order_id, time, product_id, quantity, amount, kind);
    }
}

/// Cell `i` of a record as trimmed text; invalid UTF-8 is replaced and reported in `bad_utf8`.
/// `valid` is the whole record's text when it is valid UTF-8 (checked once per record).
fn text_cell<'a>(rec: &csv::Record<'a>, valid: Option<&'a str>, i: Option<usize>, bad_utf8: &mut bool) -> Option<Cow<'a, str>> {
    let i = i?;
    let (start, end) = rec.span(i)?;
    if let Some(text) = valid.and_then(|t| t.get(start..end)) {
        return Some(Cow::Borrowed(text.trim()));
    }
    let raw = &rec.bytes()[start..end];
    Some(match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(s.trim()),
        Err(_) => {
            *bad_utf8 = true;
            Cow::Owned(String::from_utf8_lossy(raw).trim().to_owned())
        }
    })
}

/// A 64-bit fingerprint of a row's cells, the same on every platform. A false duplicate needs
/// a collision (p ≈ n²/2⁶⁵: 3·10⁻⁶ at ten million rows). FxHash is not used here: it hashes to
/// `usize`, 32 bits on wasm32, where half a million rows collide dozens of times.
fn row_fingerprint(rec: &csv::Record<'_>) -> u64 {
    // DefaultHasher::new() is SipHash-1-3 with fixed keys: deterministic within a build.
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(rec.bytes());
    for &end in rec.ends() {
        hasher.write_u64(end as u64);
    }
    hasher.finish()
}
