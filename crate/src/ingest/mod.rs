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
//!    appended to the [`LineItems`] store.
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
//! assert!((amounts[0] - 15.3).abs() < 1e-9 && amounts[1] == -27.5);
//! ```


pub mod csv;
pub mod decode;
pub mod report;
pub mod roles;
pub mod sniff;
pub mod values;
mod workbook;

use std::borrow::Cow;
use std::io::{Read, Write};

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::error::IngestError;
use crate::model::{AttributeKind, Line, LineItems, LineKind, NO_CUSTOMER, NO_PRODUCT, NO_VALUE};
use crate::num::Sum;
pub use report::{
    ColumnInfo, CustomerMatch, DateEvidence, DropReason, FileKind, FileReport, FileStats, Flag, FlagCount, ReasonCount,
    RowCounts,
};
pub use roles::Role;
use sniff::{Container, Kind};
use values::{DateCell, DateOrder};

/// Text bytes gathered before the encoding and the delimiter are sniffed.
const DIALECT_SNIFF_BYTES: usize = 64 * 1024;

/// Records looked at to find the header row.
const HEADER_SCAN_RECORDS: usize = 30;

/// What the user can set for a file, overriding detection. Every field is optional; the default
/// is to detect everything. Settings only: a saved mapping never holds data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FileOptions {
    /// An encoding label (`UTF-8`, `GBK`, `GB18030`, `Big5`, `UTF-16LE`, `latin1`...).
    pub encoding: Option<String>,
    /// The field delimiter: `,` `;` `|`, `\t` (or `tab`), or `whitespace` for aligned columns.
    pub delimiter: Option<String>,
    /// The 1-based record number of the header row.
    pub header_row: Option<u64>,
    /// The file has no header row: every record is data, and `roles` must say what the columns are.
    pub no_header: bool,
    /// The role of each column by index, replacing detection (`null` for an unused column).
    pub roles: Option<Vec<Option<Role>>>,
    /// The day-month order of slash dates.
    pub date_order: Option<DateOrder>,
    /// Whether `,` is the decimal mark.
    pub decimal_comma: Option<bool>,
    /// The workbook sheet to read (default: the first sheet with data).
    pub sheet: Option<String>,
    /// Keep lines whose price (or amount) is zero as purchases worth 0: free gifts and
    /// promotional items, or a log where a visit may cost nothing (the CDNOW sample has eight).
    /// By default they are dropped as `zero_price`, the convention of the published Online
    /// Retail counts; either way they are counted and flagged.
    pub keep_zero_price: bool,
}

/// Reads files into one store of line items. Files are read one after another:
/// `begin_file`, any number of `push`, then `end_file`.
#[derive(Debug, Default)]
pub struct Session {
    lines: LineItems,
    files: Vec<FileReport>,
    current: Option<FileIngest>,
    drop_guests: bool,
    /// The distinct customer ids of each customer-attributes file, by file index.
    customer_file_ids: Vec<(usize, Vec<u32>)>,
}

impl Session {
    /// Sets the guest convention for the files read from now on. By default (`false`) a row
    /// with no customer id is kept as a guest line (customer [`NO_CUSTOMER`]): it counts for
    /// revenue and baskets, and customer analyses skip it with a count. With `true` such rows
    /// are dropped as `no_customer_id`, the "customer present" convention of the UCI Online
    /// Retail figures ("purchases only" rows).
    pub fn set_drop_guests(&mut self, drop: bool) {
        self.drop_guests = drop;
    }

    /// Starts a file with detection for everything. `bytes` is its size as stored, for the report.
    pub fn begin_file(&mut self, name: &str, bytes: u64) -> Result<(), IngestError> {
        self.begin_file_with(name, bytes, FileOptions::default())
    }

    /// Starts a file with the user's settings.
    pub fn begin_file_with(&mut self, name: &str, bytes: u64, options: FileOptions) -> Result<(), IngestError> {
        if self.current.is_some() {
            return Err(IngestError::Protocol { detail: "begin_file called while another file is open" });
        }
        if let Some(label) = &options.encoding {
            if decode::for_label(label).is_none() {
                return Err(IngestError::UnknownEncoding { file: name.to_owned(), label: label.clone() });
            }
        }
        let mut file = FileIngest::new(name, bytes, self.lines.len(), options);
        file.rows.drop_guests = self.drop_guests;
        self.current = Some(file);
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

    /// Finishes the open file and returns its report. A ZIP archive gives one report per table
    /// it holds (see [`Session::files`]); the last one is returned.
    pub fn end_file(&mut self) -> Result<&FileReport, IngestError> {
        let mut file = self.current.take().ok_or(IngestError::Protocol { detail: "end_file called with no open file" })?;
        if let Err(e) = file.settle_container(&mut self.lines) {
            file.undo(&mut self.lines);
            return Err(e);
        }
        if file.container == Some(Container::Zip) {
            let lines_at_start = file.lines_at_start;
            let result = self.read_zip(&file);
            return match result {
                Ok(()) => self.files.last().ok_or(IngestError::EmptyFile { file: file.name.clone() }),
                Err(e) => {
                    self.lines.truncate(lines_at_start);
                    Err(e)
                }
            };
        }
        match file.finish(&mut self.lines) {
            Ok(report) => {
                if report.kind == FileKind::Customers {
                    self.customer_file_ids.push((self.files.len(), std::mem::take(&mut file.rows.customer_ids)));
                }
                self.files.push(report);
                let mut sales = self.files.iter().filter(|f| f.kind == FileKind::Sales).peekable();
                self.lines.columns.order_level = sales.peek().is_some() && sales.all(|f| f.order_level);
                Ok(self.files.last().expect("just pushed"))
            }
            Err(e) => {
                self.current = Some(file);
                Err(self.abandon(e))
            }
        }
    }

    /// Reads every table inside a ZIP archive, as `archive.zip/entry.csv`.
    fn read_zip(&mut self, file: &FileIngest) -> Result<(), IngestError> {
        let entries = workbook::zip_entries(&file.name, &file.whole)?;
        if entries.is_empty() {
            return Err(IngestError::EmptyFile { file: file.name.clone() });
        }
        for (entry, bytes) in entries {
            let name = format!("{}/{}", file.name, entry);
            self.begin_file_with(&name, bytes.len() as u64, file.options.clone())?;
            for chunk in bytes.chunks(1 << 20) {
                self.push(chunk)?;
            }
            self.end_file()?;
        }
        Ok(())
    }

    /// Reads a whole file from a reader, in 1 MiB chunks (what the CLI does).
    pub fn read_file(&mut self, name: &str, bytes: u64, reader: impl Read) -> Result<&FileReport, IngestError> {
        self.read_file_with(name, bytes, FileOptions::default(), reader)
    }

    /// [`Session::read_file`] with the user's settings.
    pub fn read_file_with(
        &mut self,
        name: &str,
        bytes: u64,
        options: FileOptions,
        mut reader: impl Read,
    ) -> Result<&FileReport, IngestError> {
        self.begin_file_with(name, bytes, options)?;
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
        if let Some(mut file) = self.current.take() {
            file.undo(&mut self.lines);
        }
        e
    }

    /// The reports of the files read so far.
    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    /// The distinct customer ids of file `index` (see [`Session::files`]) when it is a
    /// customer-attributes file.
    pub fn customer_file_ids(&self, index: usize) -> Option<&[u32]> {
        self.customer_file_ids.iter().find(|(i, _)| *i == index).map(|(_, ids)| &ids[..])
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
    options: FileOptions,
    lines_at_start: usize,
    /// Raw bytes held until the container is known.
    head: Vec<u8>,
    container: Option<Container>,
    gunzip: Option<flate2::write::MultiGzDecoder<Vec<u8>>>,
    /// A ZIP archive or workbook, gathered whole.
    whole: Vec<u8>,
    text: TextStage,
    rows: RowState,
    entry: Option<String>,
    sheets: Vec<String>,
}

/// Decoded text → records.
#[derive(Debug, Default)]
struct TextStage {
    /// Raw text held until the encoding and delimiter are sniffed.
    pending: Vec<u8>,
    started: bool,
    decoder: Option<decode::TextDecoder>,
    encoding: Option<&'static encoding_rs::Encoding>,
    detection: Option<decode::Detection>,
    /// Whether all text so far was ASCII under a "valid UTF-8" detection: if invalid bytes
    /// appear later, the file is in a legacy encoding and can switch to it without loss.
    ascii_so_far: bool,
    /// Whitespace-aligned columns: runs of spaces become one tab before the CSV reader.
    spaces: Option<SpaceRuns>,
    delimiter: Option<u8>,
    reader: Option<csv::RecordReader>,
}

/// Turns whitespace-aligned text into tab-separated text, across chunks: spaces at the start and
/// end of a line are dropped, and every run of spaces or tabs inside it becomes one tab.
#[derive(Debug, Default)]
struct SpaceRuns {
    at_line_start: bool,
    in_run: bool,
    out: Vec<u8>,
}

impl SpaceRuns {
    fn new() -> Self {
        SpaceRuns { at_line_start: true, in_run: false, out: Vec::new() }
    }

    fn filter(&mut self, text: &[u8]) -> &[u8] {
        self.out.clear();
        for &b in text {
            match b {
                b' ' | b'\t' => self.in_run = true,
                b'\r' | b'\n' => {
                    self.in_run = false;
                    self.at_line_start = true;
                    self.out.push(b);
                }
                _ => {
                    if self.in_run && !self.at_line_start {
                        self.out.push(b'\t');
                    }
                    self.in_run = false;
                    self.at_line_start = false;
                    self.out.push(b);
                }
            }
        }
        &self.out
    }
}

impl FileIngest {
    fn new(name: &str, bytes: u64, lines_at_start: usize, options: FileOptions) -> Self {
        FileIngest {
            name: name.to_owned(),
            bytes,
            lines_at_start,
            head: Vec::new(),
            container: None,
            gunzip: None,
            whole: Vec::new(),
            text: TextStage::default(),
            rows: RowState::new(name, &options),
            options,
            entry: None,
            sheets: Vec::new(),
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
        if container == Container::None {
            self.rows.size_hint = self.bytes;
        }
        self.container = Some(container);
        Ok(())
    }

    fn push_raw(&mut self, chunk: &[u8], lines: &mut LineItems) -> Result<(), IngestError> {
        if matches!(self.container, Some(Container::Zip | Container::Xlsx | Container::Xls)) {
            self.whole.extend_from_slice(chunk);
            return Ok(());
        }
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

    fn push_text(&mut self, text: &[u8], lines: &mut LineItems) -> Result<(), IngestError> {
        if text.is_empty() {
            return Ok(());
        }
        if !self.text.started {
            // The container may hide another format (a gzipped xlsx, say): sniff the text too.
            if self.container == Some(Container::Gzip) {
                if let Kind::Unsupported(format) = sniff::sniff_kind(text, &self.name).nested() {
                    return Err(IngestError::UnsupportedFormat { file: self.name.clone(), format });
                }
            }
            self.text.started = true;
        }
        if self.text.decoder.is_none() {
            self.text.pending.extend_from_slice(text);
            if self.text.pending.len() < DIALECT_SNIFF_BYTES {
                return Ok(());
            }
            let pending = std::mem::take(&mut self.text.pending);
            return self.start_text(&pending, false, lines);
        }
        self.decode_and_feed(text, false, lines)
    }

    /// Decides the encoding and the delimiter from the sample, then reads it.
    fn start_text(&mut self, sample: &[u8], complete: bool, lines: &mut LineItems) -> Result<(), IngestError> {
        let (encoding, detection, _) = match self.options.encoding.as_deref().and_then(decode::for_label) {
            Some(enc) => (enc, decode::Detection::UserChoice, 0),
            None => decode::detect(sample, complete),
        };
        // UTF-8 passes through undecoded, so its BOM is skipped here (also when the user chose
        // UTF-8); other decoders drop their own BOM.
        let bom = if encoding == encoding_rs::UTF_8 && sample.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        self.text.encoding = Some(encoding);
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            // Two bytes a character: the rows are half as many as the size suggests.
            self.rows.size_hint /= 2;
        }
        self.text.detection = Some(detection);
        self.text.ascii_so_far = detection == decode::Detection::ValidUtf8 && sample.is_ascii();
        let mut decoder = decode::TextDecoder::new(encoding);
        let decoded = decoder.decode(&sample[bom..], complete).to_vec();
        self.text.decoder = Some(decoder);
        let delimiter = match self.options.delimiter.as_deref().map(str::trim) {
            Some("whitespace" | "space" | " ") => None,
            Some("\\t" | "tab" | "\t") => Some(b'\t'),
            Some(d) if d.len() == 1 => Some(d.as_bytes()[0]),
            _ => sniff::sniff_dialect(&decoded),
        };
        if delimiter.is_none() {
            self.text.spaces = Some(SpaceRuns::new());
        }
        let d = delimiter.unwrap_or(b'\t');
        self.text.delimiter = Some(d);
        self.text.reader = Some(csv::RecordReader::new(d));
        self.feed_records(&decoded, lines)?;
        self.rows.settle_header(lines)
    }

    fn decode_and_feed(&mut self, raw: &[u8], last: bool, lines: &mut LineItems) -> Result<(), IngestError> {
        if self.text.ascii_so_far && !raw.is_ascii() {
            self.text.ascii_so_far = false;
            if let Err(e) = std::str::from_utf8(raw) {
                if e.error_len().is_some() {
                    // Not UTF-8 after all: everything so far was ASCII, so switching loses nothing.
                    let enc = decode::detect_legacy(raw);
                    self.text.encoding = Some(enc);
                    self.text.detection = Some(decode::Detection::Guessed);
                    self.text.decoder = Some(decode::TextDecoder::new(enc));
                }
            }
        }
        let Some(decoder) = self.text.decoder.as_mut() else { return Ok(()) };
        let text = decoder.decode(raw, last);
        Self::feed(&self.name, &mut self.text.spaces, &mut self.text.reader, &mut self.rows, text, lines)
    }

    /// Feeds text that is already UTF-8 (the decoded sample; an empty slice flushes).
    fn feed_records(&mut self, text: &[u8], lines: &mut LineItems) -> Result<(), IngestError> {
        Self::feed(&self.name, &mut self.text.spaces, &mut self.text.reader, &mut self.rows, text, lines)
    }

    /// UTF-8 text → (whitespace runs → tabs) → records → rows. An associated function because
    /// the text may borrow the decoder, another field of the same stage.
    fn feed(
        name: &str,
        spaces: &mut Option<SpaceRuns>,
        reader: &mut Option<csv::RecordReader>,
        rows: &mut RowState,
        text: &[u8],
        lines: &mut LineItems,
    ) -> Result<(), IngestError> {
        let text = match spaces.as_mut() {
            Some(sp) => sp.filter(text),
            None => text,
        };
        let Some(reader) = reader.as_mut() else { return Ok(()) };
        let mut on_record = |r: &csv::Record<'_>| rows.on_record(r, lines);
        reader.feed(text, &mut on_record).map_err(|e| match e {
            csv::SplitError::TooLarge(row) => {
                IngestError::RecordTooLarge { file: name.to_owned(), row, bytes: csv::MAX_RECORD_BYTES }
            }
            csv::SplitError::Callback(e) => e,
        })
    }

    /// Decides the container of a file shorter than the sniff window.
    fn settle_container(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        if self.container.is_none() {
            let head = std::mem::take(&mut self.head);
            if head.is_empty() {
                return Err(IngestError::EmptyFile { file: self.name.clone() });
            }
            self.open_container(&head)?;
            self.push_raw(&head, lines)?;
        }
        Ok(())
    }

    /// Takes the file's lines back out of the store and puts back the store's column flags and
    /// customer attributes as they were before it (a file that failed half-way leaves nothing).
    fn undo(&mut self, lines: &mut LineItems) {
        lines.truncate(self.lines_at_start);
        if let Some(before) = self.rows.before.take() {
            lines.columns = before.columns;
            if let Some(attributes) = before.attributes {
                lines.attributes = attributes;
            }
        }
    }

    fn finish(&mut self, lines: &mut LineItems) -> Result<FileReport, IngestError> {
        self.settle_container(lines)?;
        match self.container {
            Some(Container::Xlsx | Container::Xls) => self.read_workbook(lines)?,
            _ => self.finish_text(lines)?,
        }
        self.rows.settle_header(lines)?;
        let Some(header) = self.rows.header.as_ref() else {
            return Err(if self.text.started || !self.sheets.is_empty() {
                IngestError::NoHeader { file: self.name.clone() }
            } else {
                IngestError::EmptyFile { file: self.name.clone() }
            });
        };
        let columns = header
            .names
            .iter()
            .enumerate()
            .map(|(index, name)| ColumnInfo {
                index,
                name: name.clone(),
                role: header.roles[index],
                confidence: header.confidence[index],
                samples: self.rows.samples.get(index).cloned().unwrap_or_default(),
            })
            .collect();
        let header_row = header.row;
        let kind = header.kind;
        let order_level = !self.rows.stats.has_product || one_purchase_line_per_order(lines, self.lines_at_start);
        self.rows.fix_dates(lines, self.lines_at_start);
        self.rows.settle_duplicates();
        let (date_order, date_evidence) = self.rows.dates.report();
        Ok(FileReport {
            name: self.name.clone(),
            kind,
            customer_match: None,
            bytes: self.bytes,
            container: self.container.unwrap_or(Container::None).name(),
            entry: self.entry.clone(),
            encoding: self.text.encoding.map_or("UTF-8", encoding_rs::Encoding::name),
            encoding_detection: self.text.detection.unwrap_or(decode::Detection::ValidUtf8),
            undecodable_bytes: self.text.decoder.as_ref().is_some_and(|d| d.replaced),
            decimal_comma: self.rows.decimal_comma,
            date_order,
            date_evidence,
            delimiter: match (&self.text.spaces, self.text.delimiter) {
                (Some(_), _) => "whitespace".to_owned(),
                (None, Some(d)) => sniff::delimiter_name(d),
                (None, None) => String::new(),
            },
            header_row,
            order_level,
            sheets: std::mem::take(&mut self.sheets),
            columns,
            rows: self.rows.counts(),
            stats: self.rows.stats.report(),
        })
    }

    fn finish_text(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        if let Some(mut gz) = self.gunzip.take() {
            gz.try_finish().map_err(|e| IngestError::GzipCorrupt { file: self.name.clone(), detail: e.to_string() })?;
            let out = gz.finish().map_err(|e| IngestError::GzipCorrupt { file: self.name.clone(), detail: e.to_string() })?;
            self.push_text(&out, lines)?;
        }
        if self.text.decoder.is_none() {
            let pending = std::mem::take(&mut self.text.pending);
            if pending.is_empty() {
                return Ok(());
            }
            self.start_text(&pending, true, lines)?;
        }
        self.decode_and_feed(b"", true, lines)?;
        self.feed_records(b"", lines)
    }

    /// Reads the chosen sheet of a workbook through the same row logic as text files.
    fn read_workbook(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        let whole = std::mem::take(&mut self.whole);
        let xls = self.container == Some(Container::Xls);
        let book = workbook::read_sheet(&self.name, whole, xls, self.options.sheet.as_deref())?;
        self.sheets = book.sheets;
        self.entry = Some(book.sheet);
        self.text.detection = Some(decode::Detection::Workbook);
        let mut data = Vec::new();
        let mut ends = Vec::new();
        for (i, row) in book.rows.iter().enumerate() {
            data.clear();
            ends.clear();
            for cell in row {
                csv::Record::join(&mut data, &mut ends, cell.as_bytes(), b'\t');
            }
            let rec = csv::Record::from_parts(&data, &ends, i as u64 + 1);
            self.rows.on_record(&rec, lines)?;
        }
        Ok(())
    }
}

/// The header: column names, their roles and the column index of each role.
#[derive(Debug)]
struct Header {
    /// A sales file, or a customer-attributes file (then `datetime` is unused).
    kind: FileKind,
    row: u64,
    names: Vec<String>,
    roles: Vec<Option<Role>>,
    confidence: Vec<f32>,
    customer: usize,
    datetime: usize,
    order: Option<usize>,
    product_id: Option<usize>,
    product_name: Option<usize>,
    quantity: Option<usize>,
    unit_price: Option<usize>,
    amount: Option<usize>,
    region: Option<usize>,
    status: Option<usize>,
    refund: Option<usize>,
    discount: Option<usize>,
    /// How the discount column reads (see [`DiscountKind`]).
    discount_kind: DiscountKind,
    cost: Option<usize>,
    /// How the cost column reads (see [`CostKind`]); settled from the first rows when the
    /// header does not say.
    cost_kind: CostKind,
    category: Option<usize>,
    store: Option<usize>,
    /// Customer attribute columns on the sales rows: kind and column index.
    attributes: Vec<(AttributeKind, usize)>,
    /// The largest column index a row must have.
    max_required: usize,
}

/// How a discount column is read. The line's discount is money off the line, ≥ 0 on a purchase:
///
/// - `Line` (the default: `优惠金额`, `Discount Amount`, `Lineitem discount`): the cell is the money
///   off the whole line;
/// - `PerUnit` (`单位优惠`, `Unit Discount`): the cell × |quantity|;
/// - `Rate` (`折扣率`, `Discount Rate`, or any cell ending in `%`): a fraction of the list value
///   (`0.15` or `15%`; a number above 1 is read as a percentage), so the money off is
///   rate × |quantity| × unit price, or, without a unit price, amount × rate / (1 − rate) since
///   the amount is what was paid after the discount.
///
/// The cell's sign is ignored: the discount takes the sign of the line (negative on returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DiscountKind {
    Line,
    PerUnit,
    Rate,
}

/// How a cost column is read. The line's cost is the cost of the goods on the line:
///
/// - `Line` (`成本金额`, `Cost Total`, `COGS`, `Total Cost`): the cell is the line's cost;
/// - `PerUnit` (`单位成本`, `成本价`, `进价`, `Unit Cost`, `Cost Price`): the cell × |quantity|.
///
/// A bare `Cost` / `成本` is decided from the first data rows: on rows with |quantity| > 1 the
/// cell is compared with the line amount and with the unit price (amount ÷ quantity); the
/// nearer one (by ratio) wins each row, and the majority decides. A tie or no evidence says
/// `Line`. The cost takes the sign of the line (negative on returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CostKind {
    Line,
    PerUnit,
    /// Not said by the header: decided from the rows in `settle_header`.
    Unknown,
}

impl DiscountKind {
    fn from_header(name: &str) -> DiscountKind {
        let n = roles::normalize_header(name);
        if n.contains("rate") || n.contains("percent") || n.contains('%') || n.contains('率') {
            DiscountKind::Rate
        } else if n.contains("unit") || n.contains("单位") || n.contains("单件") || n.contains("每件") || n.contains("peritem") {
            DiscountKind::PerUnit
        } else {
            DiscountKind::Line
        }
    }
}

impl CostKind {
    fn from_header(name: &str) -> CostKind {
        let n = roles::normalize_header(name);
        if n.contains("unit") || n.contains("price") || n.contains("单位") || n.contains('价') || n.contains("peritem") || n.contains("单件") {
            CostKind::PerUnit
        } else if n.contains("total") || n.contains("cogs") || n.contains("金额") || n.contains("amount") || n.contains("line") || n.contains("總") || n.contains('总') {
            CostKind::Line
        } else {
            CostKind::Unknown
        }
    }
}

impl Header {
    /// The header of a basket-format file: `width` item columns, no other role.
    fn baskets(width: usize) -> Header {
        Header {
            kind: FileKind::Baskets,
            row: 0,
            names: (1..=width).map(|i| format!("Item {i}")).collect(),
            roles: vec![Some(Role::ProductName); width],
            confidence: vec![0.5; width],
            customer: 0,
            datetime: 0,
            order: None,
            product_id: None,
            product_name: None,
            quantity: None,
            unit_price: None,
            amount: None,
            region: None,
            status: None,
            refund: None,
            discount: None,
            discount_kind: DiscountKind::Line,
            cost: None,
            cost_kind: CostKind::Line,
            category: None,
            store: None,
            attributes: Vec::new(),
            max_required: 0,
        }
    }

    fn new(
        file: &str,
        row: u64,
        names: Vec<String>,
        user_roles: Option<&[Option<Role>]>,
        samples: &[Vec<String>],
        decimal_comma: bool,
    ) -> Result<Self, IngestError> {
        let (roles, confidence) = match user_roles {
            Some(r) => {
                let mut roles: Vec<Option<Role>> = r.to_vec();
                roles.resize(names.len(), None);
                let conf = vec![0.0; names.len()];
                (roles, conf)
            }
            None => {
                let mut roles = roles::detect_roles(&names);
                let mut conf: Vec<f32> = roles.iter().map(|r| if r.is_some() { 1.0 } else { 0.0 }).collect();
                if roles.iter().all(Option::is_none) {
                    // The header names no role (unknown names, or no header row at all): guess
                    // from the values. A header naming some roles is trusted as it is, so a
                    // missing role there stays a clear error.
                    roles::guess_from_values(&mut roles, &mut conf, samples, decimal_comma);
                }
                (roles, conf)
            }
        };
        let col = |role: Role| roles.iter().position(|r| *r == Some(role));
        let missing = |role: Role| IngestError::MissingRole { file: file.to_owned(), row, role, columns: names.clone() };
        let customer = col(Role::CustomerId).ok_or_else(|| missing(Role::CustomerId))?;
        let order = col(Role::OrderId);
        let (quantity, unit_price, amount) = (col(Role::Quantity), col(Role::UnitPrice), col(Role::Amount));
        let attributes: Vec<(AttributeKind, usize)> =
            ATTRIBUTE_ROLES.iter().filter_map(|&(role, kind)| col(role).map(|i| (kind, i))).collect();
        // A customer id and attributes, with no date and no money: a customer-attributes file.
        let customers_file = col(Role::Datetime).is_none()
            && [order, quantity, unit_price, amount].iter().all(Option::is_none)
            && !attributes.is_empty();
        let (kind, datetime) = if customers_file {
            (FileKind::Customers, customer)
        } else {
            (FileKind::Sales, col(Role::Datetime).ok_or_else(|| missing(Role::Datetime))?)
        };
        if kind == FileKind::Sales && amount.is_none() && (quantity.is_none() || unit_price.is_none()) {
            return Err(missing(Role::Amount));
        }
        let max_required = [Some(customer), Some(datetime), quantity, unit_price, amount].into_iter().flatten().max().unwrap_or(0);
        Ok(Header {
            kind,
            row,
            customer,
            datetime,
            order,
            product_id: col(Role::ProductId),
            product_name: col(Role::ProductName),
            quantity,
            unit_price,
            amount,
            region: col(Role::Region),
            status: col(Role::Status),
            refund: col(Role::RefundAmount),
            discount: col(Role::Discount),
            discount_kind: col(Role::Discount).map_or(DiscountKind::Line, |i| DiscountKind::from_header(&names[i])),
            cost: col(Role::Cost),
            cost_kind: col(Role::Cost).map_or(CostKind::Line, |i| CostKind::from_header(&names[i])),
            category: col(Role::Category),
            store: col(Role::Store),
            attributes,
            max_required,
            names,
            roles,
            confidence,
        })
    }
}

/// The roles that describe a customer rather than a line, and the attribute each fills.
const ATTRIBUTE_ROLES: [(Role, AttributeKind); 6] = [
    (Role::Gender, AttributeKind::Gender),
    (Role::Age, AttributeKind::Age),
    (Role::City, AttributeKind::City),
    (Role::Region, AttributeKind::Region),
    (Role::MemberLevel, AttributeKind::MemberLevel),
    (Role::JoinDate, AttributeKind::JoinDate),
];

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

/// The day-month order of a file's slash dates, decided from the rows only one order can read.
/// Rows both orders read are parsed with the order known so far (month-first until proven
/// otherwise) and remembered; at the end of the file those read with the losing order are
/// corrected (see [`RowState::fix_dates`]).
#[derive(Debug, Default)]
struct DateColumn {
    user: Option<DateOrder>,
    month_first: u64,
    day_first: u64,
    /// Kept lines whose ambiguous date was read month-first / day-first.
    read_month_first: Vec<u32>,
    read_day_first: Vec<u32>,
    ambiguous: u64,
}

impl DateColumn {
    fn current(&self) -> DateOrder {
        self.user.unwrap_or(if self.day_first > self.month_first { DateOrder::DayFirst } else { DateOrder::MonthFirst })
    }

    fn report(&self) -> (Option<DateOrder>, DateEvidence) {
        let any = self.month_first + self.day_first + self.ambiguous > 0;
        let evidence = DateEvidence { month_first: self.month_first, day_first: self.day_first, ambiguous: self.ambiguous };
        ((any || self.user.is_some()).then(|| self.current()), evidence)
    }
}

/// Words that mark a totals row.
const TOTAL_WORDS: [&str; 9] = ["合计", "总计", "合計", "總計", "小计", "total", "totals", "grandtotal", "subtotal"];

/// What a status cell says about the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Normal,
    /// A return document (POS `退货`, `SELL_RETURN`, Square `Refund` event): the row is a return.
    ReturnDocument,
    /// The sale was refunded afterwards (in full unless a refund amount says otherwise).
    Refunded,
    /// Partly refunded: the refund amount column says how much.
    PartlyRefunded,
    /// Cancelled, closed or never paid: not a sale.
    NotASale,
}

fn classify_status(cell: &str) -> Status {
    let s = cell.trim().to_lowercase();
    if s.is_empty() || s == "-" {
        return Status::Normal;
    }
    if s.contains("partially_refunded") || s.contains("partially refunded") || s.contains("部分退款") {
        Status::PartlyRefunded
    } else if s == "refund" || s.contains("sell_return") || s == "return" || s.contains("退货") || s.contains("退貨") || s == "退单" {
        Status::ReturnDocument
    } else if s.contains("refunded") || s.contains("退款成功") || s.contains("已退款") || s.contains("全额退款") {
        Status::Refunded
    } else if s.contains("cancel") || s.contains("voided") || s.contains("交易关闭") || s.contains("已关闭")
        || s.contains("已取消") || s.contains("等待买家付款") || s.contains("待付款") || s.contains("未付款")
        || s.contains("交易關閉")
    {
        Status::NotASale
    } else {
        Status::Normal
    }
}

/// An id with a run of `*` in it: a masked phone or nickname.
fn is_masked(id: &str) -> bool {
    id.as_bytes().windows(2).any(|w| w == b"**")
}

/// A record copied out of the reader while the header is being looked for.
#[derive(Debug)]
struct OwnedRecord {
    data: Vec<u8>,
    ends: Vec<usize>,
    number: u64,
}

/// Row-level classification and accounting for one file.
#[derive(Debug)]
struct RowState {
    file: String,
    options: FileOptions,
    header: Option<Box<Header>>,
    /// Records held until the header row is found.
    scan: Vec<OwnedRecord>,
    header_settled: bool,
    counts: RowCounts,
    dropped: [u64; DropReason::ALL.len()],
    first_rows: [Vec<u64>; DropReason::ALL.len()],
    flagged: [u64; Flag::ALL.len()],
    /// Every row's fingerprint, counted for duplicates when the file ends
    /// ([`count_repeats`]: a sort is far kinder to the cache than a hash set of half a million).
    row_prints: Vec<u64>,
    stats: Distinct,
    dates: DateColumn,
    decimal_comma: bool,
    /// The first values of each column, for the mapping view.
    samples: Vec<Vec<String>>,
    key: String,
    category_cache: LastValue,
    channel_cache: LastValue,
    /// The last customer and order ids: an order's lines come one after another.
    customer_cache: LastValue,
    order_cache: LastValue,
    /// The last region added to the distinct regions (most rows repeat the one before).
    last_region: String,
    /// The size of a plain text file in bytes (0 for containers), to size the columns.
    size_hint: u64,
    /// The last status cell read and its class.
    last_status: (String, Status),
    /// The last date cell read and its reading (an order's lines share their date).
    last_date: Option<(String, DateCell)>,
    /// Rows with no customer id are dropped rather than kept as guest lines.
    drop_guests: bool,
    /// A customer file's distinct customer ids, in first-seen order.
    customer_ids: Vec<u32>,
    /// The attribute columns of the sales rows: where each goes in the store's attributes.
    attr_slots: Vec<AttrSlot>,
    /// What the store's flags and attributes were before this file's header set them.
    before: Option<StoreBefore>,
}

/// The parts of the store a file changes besides appending lines, as they were before it.
#[derive(Debug)]
struct StoreBefore {
    columns: crate::model::Columns,
    /// Kept only when the file has attribute columns.
    attributes: Option<crate::model::CustomerAttributes>,
}

/// The last value interned in a column and its id: consecutive rows often repeat a value
/// (an order's channel, a customer's city), and a string compare is cheaper than a hash lookup.
#[derive(Debug, Default)]
struct LastValue {
    text: String,
    id: Option<u32>,
}

impl LastValue {
    fn id(&mut self, value: &str, interner: &mut crate::model::Interner) -> u32 {
        match self.id {
            Some(id) if same_text(&self.text, value) => id,
            _ => {
                let id = interner.intern(value);
                self.text.clear();
                self.text.push_str(value);
                self.id = Some(id);
                id
            }
        }
    }
}

/// One attribute column of a file: its cell index and its column in the store's attributes.
#[derive(Debug)]
struct AttrSlot {
    cell: usize,
    column: usize,
    last: LastValue,
}

/// Whether an order id marks a cancellation: `C` (or `c`) followed by digits only.
fn is_cancellation_id(order: &str) -> bool {
    let b = order.as_bytes();
    matches!(b.first(), Some(b'C' | b'c')) && b.len() > 1 && b[1..].iter().all(u8::is_ascii_digit)
}

impl RowState {
    fn new(file: &str, options: &FileOptions) -> Self {
        RowState {
            file: file.to_owned(),
            options: options.clone(),
            header: None,
            scan: Vec::new(),
            header_settled: false,
            counts: RowCounts::default(),
            dropped: [0; DropReason::ALL.len()],
            first_rows: Default::default(),
            flagged: [0; Flag::ALL.len()],
            row_prints: Vec::new(),
            stats: Distinct::default(),
            dates: DateColumn { user: options.date_order, ..DateColumn::default() },
            decimal_comma: options.decimal_comma.unwrap_or(false),
            samples: Vec::new(),
            key: String::new(),
            category_cache: LastValue::default(),
            channel_cache: LastValue::default(),
            customer_cache: LastValue::default(),
            order_cache: LastValue::default(),
            last_region: String::new(),
            last_date: None,
            last_status: (String::new(), Status::Normal),
            size_hint: 0,
            drop_guests: false,
            customer_ids: Vec::new(),
            attr_slots: Vec::new(),
            before: None,
        }
    }

    /// Counts the rows that repeat an earlier row exactly; called once, when the file ends.
    fn settle_duplicates(&mut self) {
        let mut prints = std::mem::take(&mut self.row_prints);
        self.flagged[Flag::DuplicateRow as usize] += count_repeats(&mut prints);
    }

    fn counts(&self) -> RowCounts {
        let mut c = self.counts.clone();
        c.dropped_by_reason = DropReason::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| self.dropped[*i] > 0)
            .map(|(i, &reason)| ReasonCount { reason, rows: self.dropped[i], first_rows: self.first_rows[i].clone() })
            .collect();
        c.flagged =
            Flag::ALL.iter().zip(self.flagged).filter(|(_, n)| *n > 0).map(|(&flag, rows)| FlagCount { flag, rows }).collect();
        c
    }

    fn flag(&mut self, f: Flag) {
        self.flagged[f as usize] += 1;
    }

    fn drop_row(&mut self, r: DropReason, number: u64) {
        let i = r as usize;
        self.dropped[i] += 1;
        if self.first_rows[i].len() < 5 {
            self.first_rows[i].push(number);
        }
        self.counts.dropped += 1;
    }

    fn on_record(&mut self, rec: &csv::Record<'_>, lines: &mut LineItems) -> Result<(), IngestError> {
        if let Some(header) = self.header.take() {
            self.on_row(&header, rec, lines);
            self.header = Some(header);
            return Ok(());
        }
        if self.header_settled {
            return Ok(());
        }
        self.scan.push(OwnedRecord { data: rec.bytes().to_vec(), ends: rec.ends().to_vec(), number: rec.number });
        if self.scan.len() >= HEADER_SCAN_RECORDS {
            self.settle_header(lines)?;
        }
        Ok(())
    }

    /// Picks the header row among the records seen so far, then reads the held records.
    fn settle_header(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        if self.header_settled {
            return Ok(());
        }
        if self.scan.is_empty() {
            return Ok(());
        }
        self.header_settled = true;
        let scan = std::mem::take(&mut self.scan);
        let cells = |r: &OwnedRecord| -> Vec<String> {
            let rec = csv::Record::from_parts(&r.data, &r.ends, r.number);
            (0..rec.len())
                .map(|i| values::strip_excel_guard(String::from_utf8_lossy(rec.get(i).unwrap_or_default()).trim()).trim().to_owned())
                .collect()
        };
        if self.options.roles.is_none() && self.options.header_row.is_none() && looks_like_baskets(&scan, &cells) {
            return self.settle_baskets(scan, &cells, lines);
        }
        let (header_at, names) = if self.options.no_header {
            let width = scan.iter().map(|r| r.ends.len()).max().unwrap_or(0);
            (None, (1..=width).map(|i| format!("Column {i}")).collect::<Vec<_>>())
        } else if let Some(row) = self.options.header_row {
            let i = scan.iter().position(|r| r.number == row).unwrap_or(0);
            (Some(i), cells(&scan[i]))
        } else {
            // The record naming the most roles; the first one on a tie.
            let mut best = (0usize, 0usize);
            for (i, r) in scan.iter().enumerate() {
                let names = cells(r);
                let found = roles::detect_roles(&names).iter().flatten().count();
                if found > best.1 {
                    best = (i, found);
                }
            }
            if best.1 == 0 && looks_like_data(&cells(&scan[0]), self.decimal_comma) {
                // No record names a role and the first one holds numbers or dates: no header.
                let width = scan.iter().map(|r| r.ends.len()).max().unwrap_or(0);
                (None, (1..=width).map(|i| format!("Column {i}")).collect::<Vec<_>>())
            } else {
                (Some(best.0), cells(&scan[best.0]))
            }
        };
        if names.iter().all(String::is_empty) {
            return Err(IngestError::NoHeader { file: self.file.clone() });
        }
        let number = header_at.map_or(0, |i| scan[i].number);
        let data_from = header_at.map_or(0, |i| i + 1);
        let mut samples = vec![Vec::new(); names.len()];
        for r in &scan[data_from..] {
            for (i, cell) in cells(r).into_iter().enumerate().take(names.len()) {
                if !cell.is_empty() {
                    samples[i].push(cell);
                }
            }
        }
        let dc = self.options.decimal_comma.unwrap_or(false);
        let mut header = Header::new(&self.file, number, names, self.options.roles.as_deref(), &samples, dc)?;
        self.stats.has_order = header.order.is_some();
        self.stats.has_product = header.product_id.is_some() || header.product_name.is_some();
        self.stats.has_region = header.region.is_some();
        if self.options.decimal_comma.is_none() {
            self.decimal_comma = guess_decimal_comma(&header, scan[data_from..].iter().map(&cells));
        }
        if header.cost_kind == CostKind::Unknown {
            header.cost_kind = guess_cost_kind(&header, scan[data_from..].iter().map(&cells), self.decimal_comma);
        }
        self.before = Some(StoreBefore {
            columns: lines.columns,
            attributes: (!header.attributes.is_empty()).then(|| lines.attributes.clone()),
        });
        let c = &mut lines.columns;
        c.discount |= header.discount.is_some();
        c.cost |= header.cost.is_some();
        c.category |= header.category.is_some();
        c.channel |= header.store.is_some();
        c.order_id |= header.order.is_some();
        c.product |= self.stats.has_product;
        self.attr_slots = header
            .attributes
            .iter()
            .map(|&(kind, cell)| {
                lines.attributes.column_mut(kind, &header.names[cell]);
                let column = lines.attributes.columns.iter().position(|c| c.kind == kind).unwrap_or(0);
                AttrSlot { cell, column, last: LastValue::default() }
            })
            .collect();
        self.samples = vec![Vec::new(); header.names.len()];
        for r in &scan[data_from..] {
            for (i, cell) in cells(r).into_iter().enumerate().take(header.names.len()) {
                if !cell.is_empty() && self.samples[i].len() < 5 {
                    self.samples[i].push(cell);
                }
            }
        }
        for r in &scan[..header_at.unwrap_or(0)] {
            self.counts.read += 1;
            self.drop_row(DropReason::TitleRow, r.number);
        }
        // Room for the rows to come, estimated from the file size and the rows held so far.
        let held = &scan[data_from..];
        if self.size_hint > 0 && !held.is_empty() && header.kind == FileKind::Sales {
            let per_row = held.iter().map(|r| r.data.len() + 2).sum::<usize>() as f64 / held.len() as f64;
            let rows = (self.size_hint as f64 / per_row * 1.05).min(4e6) as usize;
            lines.reserve(rows);
            self.row_prints.reserve(rows);
        }
        for r in held {
            let rec = csv::Record::from_parts(&r.data, &r.ends, r.number);
            self.on_row(&header, &rec, lines);
        }
        self.header = Some(Box::new(header));
        Ok(())
    }

    /// Reads a basket-format file (see [`FileKind::Baskets`]): every record is a basket.
    fn settle_baskets(
        &mut self,
        scan: Vec<OwnedRecord>,
        cells: &impl Fn(&OwnedRecord) -> Vec<String>,
        lines: &mut LineItems,
    ) -> Result<(), IngestError> {
        let width = scan.iter().map(|r| r.ends.len()).max().unwrap_or(0);
        let header = Header::baskets(width);
        self.stats.has_order = true;
        self.stats.has_product = true;
        self.before = Some(StoreBefore { columns: lines.columns, attributes: None });
        let c = &mut lines.columns;
        c.order_id = true;
        c.product = true;
        c.undated = true;
        self.samples = vec![Vec::new(); width];
        for r in &scan {
            for (i, cell) in cells(r).into_iter().enumerate() {
                if !cell.is_empty() && self.samples[i].len() < 5 {
                    self.samples[i].push(cell);
                }
            }
        }
        for r in &scan {
            let rec = csv::Record::from_parts(&r.data, &r.ends, r.number);
            self.on_row(&header, &rec, lines);
        }
        self.header = Some(Box::new(header));
        Ok(())
    }

    /// A record of a basket-format file: one order (`basket <record number>`) with one line per
    /// item, no customer (a guest line), time 0 and amount 0. Items are taken as written, spaces
    /// included (`cream cheese ` is not `cream cheese`); empty cells are skipped. An item named
    /// twice in one basket is one line with quantity 2, as a till would print it.
    fn on_basket_row(&mut self, rec: &csv::Record<'_>, lines: &mut LineItems) {
        self.key.clear();
        self.key.push_str("basket ");
        self.key.push_str(&rec.number.to_string());
        let order = lines.orders.intern(&self.key);
        self.stats.orders.mark(order);
        let mut bad_utf8 = false;
        let first_line = lines.len();
        for i in 0..rec.len() {
            let Some(raw) = rec.get(i) else { continue };
            if raw.trim_ascii().is_empty() {
                continue;
            }
            let item = match std::str::from_utf8(raw) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => {
                    bad_utf8 = true;
                    String::from_utf8_lossy(raw)
                }
            };
            let product = lines.products.intern(&item);
            self.stats.products.mark(product);
            match (first_line..lines.len()).find(|&l| lines.product[l] == product) {
                Some(l) => lines.quantity[l] += 1.0,
                None => lines.push(NO_CUSTOMER, order, 0, product, 1.0, 0.0, LineKind::Purchase),
            }
        }
        if bad_utf8 {
            self.flag(Flag::InvalidUtf8);
        }
        self.flag(Flag::NoCustomerId);
        self.counts.purchase += 1;
        self.counts.guest += 1;
    }

    /// Rewrites the ambiguous dates read with the order that lost, once the file is read.
    fn fix_dates(&mut self, lines: &mut LineItems, lines_at_start: usize) {
        let order = self.dates.current();
        let wrong = match order {
            DateOrder::MonthFirst => std::mem::take(&mut self.dates.read_day_first),
            DateOrder::DayFirst => std::mem::take(&mut self.dates.read_month_first),
        };
        if wrong.is_empty() {
            return;
        }
        for i in wrong {
            let t = &mut lines.time[i as usize];
            let days = t.div_euclid(values::DAY);
            let secs = t.rem_euclid(values::DAY);
            let (y, m, d) = values::civil_from_days(days);
            *t = values::days_from_civil(y, d, m) * values::DAY + secs;
        }
        // The date range over the kept lines, now that they are right.
        let times = &lines.time[lines_at_start..];
        self.stats.first = times.iter().copied().min();
        self.stats.last = times.iter().copied().max();
    }

    /// Records a customer's attribute cells (the last non-empty value wins).
    fn set_attributes(&mut self, rec: &csv::Record<'_>, valid: Option<&str>, customer: u32, lines: &mut LineItems) {
        let mut bad = false;
        for slot in &mut self.attr_slots {
            let Some(value) = text_cell(rec, valid, Some(slot.cell), &mut bad) else { continue };
            if value.is_empty() {
                continue;
            }
            let Some(col) = lines.attributes.columns.get_mut(slot.column) else { continue };
            let id = slot.last.id(&value, &mut col.values);
            let i = customer as usize;
            if col.by_customer.len() <= i {
                col.by_customer.resize(i + 1, NO_VALUE);
            }
            col.by_customer[i] = id;
        }
    }

    /// A row of a customer-attributes file: its attributes go to its customer (the last
    /// non-empty value wins). Dropped: a totals row, a short row, a row with no customer id.
    fn on_customer_row(&mut self, h: &Header, rec: &csv::Record<'_>, lines: &mut LineItems) {
        let valid = std::str::from_utf8(rec.bytes()).ok();
        let mut bad_utf8 = false;
        let customer = text_cell(rec, valid, Some(h.customer), &mut bad_utf8);
        let first = text_cell(rec, valid, Some(0), &mut bad_utf8);
        if bad_utf8 {
            self.flag(Flag::InvalidUtf8);
        }
        let total = |c: &Option<Cow<'_, str>>| c.as_deref().is_some_and(|c| TOTAL_WORDS.contains(&roles::normalize_header(c).as_str()));
        if total(&first) || total(&customer) {
            self.drop_row(DropReason::TotalRow, rec.number);
            return;
        }
        if rec.len() <= h.max_required {
            self.drop_row(DropReason::MissingField, rec.number);
            return;
        }
        let Some(customer) = customer.map(strip_guard_cow).filter(|c| !c.is_empty()) else {
            self.flag(Flag::NoCustomerId);
            self.drop_row(DropReason::NoCustomerId, rec.number);
            return;
        };
        if is_masked(&customer) {
            self.flag(Flag::MaskedCustomerId);
        }
        let id = lines.customers.intern(&customer);
        let before = self.stats.customers.count;
        self.stats.customers.mark(id);
        if self.stats.customers.count > before {
            self.customer_ids.push(id);
        }
        self.set_attributes(rec, valid, id, lines);
        self.counts.customer_rows += 1;
    }

    /// Classifies one data row, updates the counts and keeps it if it is a purchase or return.
    fn on_row(&mut self, h: &Header, rec: &csv::Record<'_>, lines: &mut LineItems) {
        self.counts.read += 1;
        let number = rec.number;

        if (0..rec.len()).all(|i| rec.get(i).is_some_and(|f| f.trim_ascii().is_empty())) {
            self.drop_row(DropReason::BlankRow, number);
            return;
        }
        self.row_prints.push(row_fingerprint(rec));
        match h.kind {
            FileKind::Sales => {}
            FileKind::Customers => return self.on_customer_row(h, rec, lines),
            FileKind::Baskets => return self.on_basket_row(rec, lines),
        }

        // Cells, as trimmed text. Invalid UTF-8 is replaced and flagged.
        let valid = std::str::from_utf8(rec.bytes()).ok();
        let mut bad_utf8 = false;
        let mut cell = |i: Option<usize>| text_cell(rec, valid, i, &mut bad_utf8);
        let short = rec.len() <= h.max_required;
        let first = cell(Some(0));
        let customer = cell(Some(h.customer));
        let datetime = cell(Some(h.datetime));
        let order = cell(h.order);
        let product_id = cell(h.product_id);
        let product_name = cell(h.product_name);
        let region = cell(h.region);
        let quantity_cell = cell(h.quantity);
        let price_cell = cell(h.unit_price);
        let amount_cell = cell(h.amount);
        let status_cell = cell(h.status);
        let refund_cell = cell(h.refund);
        let discount_cell = cell(h.discount);
        let cost_cell = cell(h.cost);
        let category_cell = cell(h.category);
        let store_cell = cell(h.store);
        if bad_utf8 {
            self.flag(Flag::InvalidUtf8);
        }
        let is_total = |c: &Option<Cow<'_, str>>| {
            c.as_deref().is_some_and(|c| {
                // Cheap test first: this runs on every row.
                if c.len() > 24 || !c.starts_with(['合', '总', '總', '小', 'T', 't', 'S', 's', 'G', 'g']) {
                    return false;
                }
                let n = roles::normalize_header(c);
                !n.is_empty() && TOTAL_WORDS.iter().any(|w| n == *w || n.trim_end_matches([':', '：']) == *w)
            })
        };
        if is_total(&first) || is_total(&customer) || is_total(&order) {
            self.drop_row(DropReason::TotalRow, number);
            return;
        }

        // Flags and file-level figures, over every row.
        // Keys are interned once, kept row or not, and the file's distinct counts mark the ids.
        let customer = customer.map(|c| strip_guard_cow(c)).filter(|c| !c.is_empty());
        let customer_id = customer.as_deref().map(|c| self.customer_cache.id(c, &mut lines.customers));
        match customer_id {
            Some(id) => self.stats.customers.mark(id),
            None => self.flag(Flag::NoCustomerId),
        }
        if customer.as_deref().is_some_and(is_masked) {
            self.flag(Flag::MaskedCustomerId);
        }
        let order = order.map(|o| strip_guard_cow(o)).filter(|o| !o.is_empty());
        let cancelled = order.as_deref().is_some_and(is_cancellation_id);
        let order_id = order.as_deref().map(|o| self.order_cache.id(o, &mut lines.orders));
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
        let product_name = product_name.filter(|p| !p.is_empty());
        let product_code = product_id.map(|p| strip_guard_cow(p)).filter(|p| !p.is_empty());
        let product_id = match (&product_code, &product_name) {
            (Some(code), name) => {
                let id = lines.products.intern(code);
                if let Some(name) = name {
                    // The display name: the first name seen with the id.
                    let i = id as usize;
                    if lines.product_names.len() <= i {
                        lines.product_names.resize(i + 1, None);
                    }
                    if lines.product_names[i].is_none() {
                        lines.product_names[i] = Some((**name).into());
                    }
                }
                id
            }
            (None, Some(name)) => lines.products.intern(name),
            (None, None) => NO_PRODUCT,
        };
        if product_id != NO_PRODUCT {
            self.stats.products.mark(product_id);
        }
        if let Some(c) = customer_id {
            self.set_attributes(rec, valid, c, lines);
        }
        if let Some(r) = region.filter(|r| !r.is_empty()) {
            if !same_text(&r, &self.last_region) {
                if !self.stats.regions.contains(&*r) {
                    self.stats.regions.insert((*r).into());
                }
                self.last_region.clear();
                self.last_region.push_str(&r);
            }
        }
        let date = match (datetime.as_deref(), &mut self.last_date) {
            (None, _) => DateCell::Bad,
            (Some(d), Some((text, cell))) if same_text(text, d) => *cell,
            (Some(d), last) => {
                let cell = values::parse_date_cell(d);
                match last {
                    Some((text, c)) => {
                        text.clear();
                        text.push_str(d);
                        *c = cell;
                    }
                    None => *last = Some((d.to_owned(), cell)),
                }
                cell
            }
        };
        if let DateCell::At { order: Some(o), .. } = date {
            match o {
                DateOrder::MonthFirst => self.dates.month_first += 1,
                DateOrder::DayFirst => self.dates.day_first += 1,
            }
        }
        let date_order = self.dates.current();
        let time = date.resolve(date_order);
        if let Some(t) = time {
            self.stats.first = Some(self.stats.first.map_or(t, |f| f.min(t)));
            self.stats.last = Some(self.stats.last.map_or(t, |l| l.max(t)));
        }
        let dc = self.decimal_comma;
        let num = |c: &Option<Cow<'_, str>>| c.as_deref().and_then(|c| values::parse_number_with(c, dc));
        let quantity = num(&quantity_cell);
        let price = num(&price_cell);
        let amount_col = num(&amount_cell);
        let refund = num(&refund_cell).filter(|r| *r > 0.0);
        let units = quantity.map_or(1.0, f64::abs);
        // Money off the line, ≥ 0 (see `DiscountKind`).
        let discount = discount_cell.as_deref().filter(|c| !c.is_empty()).and_then(|c| {
            let pct = c.ends_with(['%', '％']);
            let v = values::parse_number_with(c.trim_end_matches(['%', '％']), dc)?.abs();
            Some(match h.discount_kind {
                DiscountKind::Line if !pct => v,
                DiscountKind::PerUnit if !pct => v * units,
                _ => {
                    let rate = if pct || v > 1.0 { v / 100.0 } else { v };
                    match (price, amount_col) {
                        (Some(p), _) => rate * units * p.abs(),
                        (None, Some(a)) if rate < 1.0 => a.abs() * rate / (1.0 - rate),
                        _ => return None,
                    }
                }
            })
        });
        // Cost of the goods on the line, ≥ 0 here (see `CostKind`).
        let cost = num(&cost_cell).map(|v| match h.cost_kind {
            CostKind::PerUnit => v.abs() * units,
            CostKind::Line | CostKind::Unknown => v.abs(),
        });
        let status = match status_cell.as_deref() {
            None => Status::Normal,
            // An order's lines repeat its status.
            Some(c) if same_text(&self.last_status.0, c) => self.last_status.1,
            Some(c) => {
                let status = classify_status(c);
                self.last_status.0.clear();
                self.last_status.0.push_str(c);
                self.last_status.1 = status;
                status
            }
        };
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
            // Without an amount column the line paid its list value less its discount.
            (None, Some(q), Some(p)) => Some(q * p - (q * p).signum() * discount.unwrap_or(0.0)),
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
        let refunded = matches!(status, Status::Refunded | Status::PartlyRefunded) || refund.is_some();
        let reason = if short {
            Some(DropReason::MissingField)
        } else if time.is_none() {
            Some(DropReason::BadDate)
        } else if !numbers_ok {
            Some(DropReason::BadNumber)
        } else if customer.is_none() && self.drop_guests {
            Some(DropReason::NoCustomerId)
        } else if status == Status::NotASale && !refunded {
            Some(DropReason::UnpaidOrCancelled)
        } else if price_sign.is_some_and(|p| p < 0.0) {
            Some(DropReason::NegativePrice)
        } else if price_sign == Some(0.0) && !self.options.keep_zero_price {
            Some(DropReason::ZeroPrice)
        } else if quantity == Some(0.0) {
            Some(DropReason::ZeroQuantity)
        } else {
            None
        };
        let (None, Some(time), Some(amount)) = (reason, time, amount) else {
            // Every row that reaches here without a value was given a reason above.
            self.drop_row(reason.unwrap_or(DropReason::BadNumber), number);
            return;
        };
        if matches!(date, DateCell::Either { .. }) {
            self.dates.ambiguous += 1;
            let at = lines.len() as u32;
            match date_order {
                DateOrder::MonthFirst => self.dates.read_month_first.push(at),
                DateOrder::DayFirst => self.dates.read_day_first.push(at),
            }
        }
        let is_return = cancelled
            || status == Status::ReturnDocument
            || quantity.is_some_and(|q| q < 0.0)
            || (h.quantity.is_none() && amount < 0.0);
        let quantity = quantity.unwrap_or(1.0).abs();
        let order_id = match order_id {
            Some(id) => id,
            None => {
                // No order id: one order per customer and calendar day (all guests of a day
                // share the order `"|<YYYY-MM-DD>"`).
                self.key.clear();
                self.key.push_str(customer.as_deref().unwrap_or(""));
                self.key.push('|');
                self.key.push_str(&values::format_datetime(time)[..10]);
                lines.orders.intern(&self.key)
            }
        };
        let discount = discount.unwrap_or(0.0);
        let cost = cost.unwrap_or(f64::NAN);
        let category = category_cell.filter(|c| !c.is_empty()).map_or(NO_VALUE, |c| self.category_cache.id(&c, &mut lines.categories));
        let channel = store_cell.filter(|c| !c.is_empty()).map_or(NO_VALUE, |c| self.channel_cache.id(&c, &mut lines.channels));
        if customer_id.is_none() {
            self.counts.guest += 1;
        }
        let line = Line {
            customer: customer_id.unwrap_or(NO_CUSTOMER),
            order: order_id,
            time,
            product: product_id,
            quantity,
            amount,
            kind: LineKind::Purchase,
            discount,
            cost,
            category,
            channel,
        };
        if is_return {
            self.counts.returns += 1;
            lines.push_line(Line {
                quantity: -quantity,
                amount: -amount.abs(),
                kind: LineKind::Return,
                discount: -discount,
                cost: -cost,
                ..line
            });
            return;
        }
        self.counts.purchase += 1;
        lines.push_line(line);
        if refunded {
            // The sale stands and the money that went back is a return against the customer.
            self.flag(Flag::Refunded);
            let back = match (refund, status) {
                (Some(r), _) => r.min(amount.abs()),
                (None, Status::Refunded) => amount.abs(),
                _ => 0.0,
            };
            if back > 0.0 {
                // The share of the line that went back takes its share of discount and cost.
                let share = if amount.abs() > 0.0 { back / amount.abs() } else { 0.0 };
                lines.push_line(Line {
                    quantity: -quantity * share,
                    amount: -back,
                    kind: LineKind::Return,
                    discount: -discount * share,
                    cost: -cost * share,
                    ..line
                });
            }
        }
    }
}

/// Orders a file needs before "no order has two lines" says the file is order-level: in a
/// line-item export many orders hold one line, so only a long run of them is evidence.
const ORDER_LEVEL_MIN_ORDERS: u64 = 30;

/// Whether no order has two purchase lines among the lines from `from` on, over at least
/// [`ORDER_LEVEL_MIN_ORDERS`] orders.
fn one_purchase_line_per_order(lines: &LineItems, from: usize) -> bool {
    let mut seen = Seen::default();
    for i in from..lines.len() {
        if lines.kind[i] == LineKind::Purchase {
            let before = seen.count;
            seen.mark(lines.order[i]);
            if seen.count == before {
                return false;
            }
        }
    }
    seen.count >= ORDER_LEVEL_MIN_ORDERS
}

/// Guesses from the first data rows whether `,` is the decimal mark in the number columns:
/// `12,50` or `1.234,56` say yes, `12.50` or `1,234.56` say no; a tie says no.
fn guess_decimal_comma(h: &Header, rows: impl Iterator<Item = Vec<String>>) -> bool {
    let (mut comma, mut point) = (0, 0);
    for row in rows {
        for i in [h.quantity, h.unit_price, h.amount].into_iter().flatten() {
            let Some(c) = row.get(i) else { continue };
            let c = c.trim_end_matches(|ch: char| !ch.is_ascii_digit());
            let last_sep = c.rfind([',', '.']);
            if let Some(at) = last_sep {
                let tail = c.len() - at - 1;
                match (&c[at..=at], tail) {
                    (",", 1 | 2) => comma += 1,
                    (".", 1 | 2) => point += 1,
                    (".", 3) if c[..at].contains(',') => point += 1,
                    (",", 3) if c[..at].contains('.') => comma += 1,
                    _ => {}
                }
            }
        }
    }
    comma > point
}

/// Whether a record looks like data rather than a header: at least half its non-empty cells
/// are numbers or dates.
fn looks_like_data(cells: &[String], decimal_comma: bool) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    let data = filled
        .iter()
        .filter(|c| values::parse_number_with(c, decimal_comma).is_some() || !matches!(values::parse_date_cell(c), DateCell::Bad))
        .count();
    !filled.is_empty() && data * 2 >= filled.len()
}

/// Whether the first records look like a basket-format file (arules' `groceries.csv`): no
/// record names any role, the records do not all have the same number of fields, and no cell
/// is a number or a date.
fn looks_like_baskets(scan: &[OwnedRecord], cells: &impl Fn(&OwnedRecord) -> Vec<String>) -> bool {
    let widths = || scan.iter().map(|r| r.ends.len());
    if scan.len() < 2 || widths().min() == widths().max() {
        return false;
    }
    scan.iter().all(|r| {
        let c = cells(r);
        roles::detect_roles(&c).iter().all(Option::is_none)
            && c.iter().all(|v| {
                v.is_empty()
                    || (values::parse_number_with(v, false).is_none()
                        && matches!(values::parse_date_cell(v), DateCell::Bad))
            })
    })
}

/// Decides whether a bare `Cost` / `成本` column is a line cost or a unit cost from the first
/// data rows (see [`CostKind`]). A line cost is a steady share of the line amount whatever the
/// quantity; a unit cost is a steady share of the unit price. So over rows with a positive cost,
/// quantity and amount, the reading whose log ratio (cost ÷ amount, or cost ÷ unit price) varies
/// less wins. When the quantity never varies, a cost above the unit price can only be a line
/// cost; else it is read as a unit cost. No usable row says `Line`.
fn guess_cost_kind(h: &Header, rows: impl Iterator<Item = Vec<String>>, decimal_comma: bool) -> CostKind {
    let Some(ci) = h.cost else { return CostKind::Line };
    let num = |row: &[String], i: Option<usize>| i.and_then(|i| row.get(i)).and_then(|c| values::parse_number_with(c, decimal_comma));
    let (mut vs_total, mut vs_unit, mut qs) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        let (Some(cost), Some(q)) = (num(&row, Some(ci)), num(&row, h.quantity)) else { continue };
        let (cost, q) = (cost.abs(), q.abs());
        let total = num(&row, h.amount).map(f64::abs).or_else(|| num(&row, h.unit_price).map(|p| p.abs() * q));
        let Some(total) = total.filter(|t| *t > 0.0 && cost > 0.0 && q > 0.0) else { continue };
        vs_total.push((cost / total).ln());
        vs_unit.push((cost * q / total).ln());
        qs.push(q);
    }
    if vs_total.is_empty() {
        return CostKind::Line;
    }
    let variance = |v: &[f64]| {
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
    };
    if qs.iter().any(|&q| q != qs[0]) {
        if variance(&vs_unit) < variance(&vs_total) {
            CostKind::PerUnit
        } else {
            CostKind::Line
        }
    } else if vs_unit[0] > 0.0 {
        CostKind::Line
    } else {
        CostKind::PerUnit
    }
}

/// Strips spreadsheet guards (`="…"`, `'`, tab) from an id cell, keeping leading zeros.
fn strip_guard_cow(c: Cow<'_, str>) -> Cow<'_, str> {
    // Most ids carry no guard, and the cell is trimmed already.
    if !matches!(c.as_bytes().first(), Some(b'\t' | b'=' | b'\'')) {
        return c;
    }
    match c {
        Cow::Borrowed(s) => Cow::Borrowed(trim(values::strip_excel_guard(s))),
        Cow::Owned(s) => Cow::Owned(trim(values::strip_excel_guard(&s)).to_owned()),
    }
}

/// `a == b` for the short cells the last-value caches compare on every row, by 8-byte words:
/// no call to `memcmp`, which on wasm32 is a byte loop.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(s);
        u64::from_le_bytes(w)
    };
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    for (p, q) in (&mut x).zip(&mut y) {
        if word(p) != word(q) {
            return false;
        }
    }
    x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

/// `str::trim` (Unicode whitespace), fast for ASCII: ASCII whitespace (with vertical tab, which
/// `trim_ascii` keeps) is cut byte-wise, and only a non-ASCII first or last byte calls `trim`.
#[inline]
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    // Most cells: a first and a last byte that are printable ASCII, so nothing to cut.
    if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
        if f > b' ' && f < 0x7f && l > b' ' && l < 0x7f {
            return s;
        }
    }
    let ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = b.iter().position(|c| !ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !ws(c)).map_or(start, |i| i + 1);
    // Both cuts fall on ASCII bytes, hence on char boundaries.
    let t = &s[start..end];
    match t.as_bytes() {
        [f, .., l] if !f.is_ascii() || !l.is_ascii() => t.trim(),
        [f] if !f.is_ascii() => t.trim(),
        _ => t,
    }
}

/// Cell `i` of a record as trimmed text; invalid UTF-8 is replaced and reported in `bad_utf8`.
/// `valid` is the whole record's text when it is valid UTF-8 (checked once per record).
#[inline(always)]
fn text_cell<'a>(rec: &csv::Record<'a>, valid: Option<&'a str>, i: Option<usize>, bad_utf8: &mut bool) -> Option<Cow<'a, str>> {
    let (start, end) = rec.span(i?)?;
    if let Some(text) = valid.and_then(|t| t.get(start..end)) {
        return Some(Cow::Borrowed(trim(text)));
    }
    Some(text_cell_slow(&rec.bytes()[start..end], bad_utf8))
}

/// [`text_cell`] of a record that is not valid UTF-8 as a whole.
#[cold]
#[inline(never)]
fn text_cell_slow<'a>(raw: &'a [u8], bad_utf8: &mut bool) -> Cow<'a, str> {
    match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(trim(s)),
        Err(_) => {
            *bad_utf8 = true;
            Cow::Owned(String::from_utf8_lossy(raw).trim().to_owned())
        }
    }
}

/// How many values repeat an earlier one: `len − distinct`. The values are well-mixed hashes,
/// so they are first spread into 256 buckets by their top byte (one sequential pass), and each
/// bucket is sorted while it sits in the cache.
fn count_repeats(values: &mut [u64]) -> u64 {
    if values.len() < 4096 {
        values.sort_unstable();
        return values.windows(2).filter(|w| w[0] == w[1]).count() as u64;
    }
    let mut starts = [0usize; 257];
    for v in values.iter() {
        starts[(v >> 56) as usize + 1] += 1;
    }
    for i in 1..257 {
        starts[i] += starts[i - 1];
    }
    let mut spread = vec![0u64; values.len()];
    let mut at = starts;
    for &v in values.iter() {
        let b = (v >> 56) as usize;
        spread[at[b]] = v;
        at[b] += 1;
    }
    let mut repeats = 0;
    for b in 0..256 {
        let bucket = &mut spread[starts[b]..starts[b + 1]];
        bucket.sort_unstable();
        repeats += bucket.windows(2).filter(|w| w[0] == w[1]).count() as u64;
    }
    repeats
}

/// A 64-bit fingerprint of a row's cells, the same on every platform. A false duplicate needs
/// a collision (p ≈ n²/2⁶⁵: 3·10⁻⁶ at ten million rows). FxHash is not used here: it hashes to
/// `usize`, 32 bits on wasm32, where half a million rows collide dozens of times. This is
/// xxHash64's round and finaliser over little-endian `u64` words in two lanes, with the field
/// boundaries mixed in; 64-bit arithmetic only, so wasm32 (which has no 128-bit multiply) is
/// as quick as native and gives the same value.
fn row_fingerprint(rec: &csv::Record<'_>) -> u64 {
    const P1: u64 = 0x9e37_79b1_85eb_ca87;
    const P2: u64 = 0xc2b2_ae3d_27d4_eb4f;
    const P3: u64 = 0x1656_67b1_9e37_79f9;
    #[inline(always)]
    fn round(acc: u64, w: u64) -> u64 {
        acc.wrapping_add(w.wrapping_mul(P2)).rotate_left(31).wrapping_mul(P1)
    }
    #[inline(always)]
    fn word(b: &[u8]) -> u64 {
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(w)
    }
    let bytes = rec.bytes();
    let (mut a, mut b) = (P1 ^ bytes.len() as u64, P2);
    let mut pairs = bytes.chunks_exact(16);
    for p in &mut pairs {
        a = round(a, word(&p[..8]));
        b = round(b, word(&p[8..]));
    }
    let rest = pairs.remainder();
    let (x, y) = if rest.len() > 8 { (word(&rest[..8]), word(&rest[8..])) } else { (word(rest), 0) };
    a = round(a, x);
    b = round(b, y ^ ((rest.len() as u64) << 56));
    // The field boundaries, so `a,bc` and `ab,c` differ.
    let mut ends = rec.ends().chunks_exact(2);
    for e in &mut ends {
        a = round(a, e[0] as u64);
        b = round(b, e[1] as u64);
    }
    a = round(a, ends.remainder().first().map_or(u64::MAX, |&e| e as u64));
    b = round(b, rec.ends().len() as u64);
    let mut h = a.rotate_left(7) ^ b.rotate_left(18).wrapping_mul(P3);
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ (h >> 32)
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    #[test]
    fn same_text_is_str_eq() {
        let cells = ["", "a", "b", "17850", "17851", "12/1/2010 8:26", "12/1/2010 8:27", "12345678", "12345679", "123456789", "東京", "東亰", "a\0"];
        for a in cells {
            for b in cells {
                assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in ["", " ", "a", " a ", "\t\x0b a\x0c\r\n", "\u{a0}x\u{a0}", " \u{85} é ", "é", " 東京 ", "\u{3000}", "a\u{2003} ", " \u{a0} b"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn fingerprint_sees_bytes_and_boundaries() {
        let fp = |data: &[u8], ends: &[usize]| row_fingerprint(&csv::Record::from_parts(data, ends, 1));
        // Records as the reader lays them out: fields separated by one byte.
        let rows: [(&[u8], &[usize]); 6] = [
            (b"a,bc", &[1, 4]),
            (b"ab,c", &[2, 4]),
            (b"abc", &[3]),
            (b"a,bcd", &[1, 5]),
            (b"536365,85123A,WHITE HANGING HEART", &[6, 13, 33]),
            (b"536365,85123A,WHITE HANGING HEARU", &[6, 13, 33]),
        ];
        let all: std::collections::HashSet<u64> = rows.iter().map(|(d, e)| fp(d, e)).collect();
        assert_eq!(all.len(), rows.len());
        assert_eq!(fp(b"a,bc", &[1, 4]), fp(b"a,bc", &[1, 4]));
        assert_eq!(fp(b"", &[0]), fp(b"", &[0]));
        assert_ne!(fp(b"", &[0]), fp(b"", &[0, 0]));
    }

    #[test]
    fn repeats_are_len_minus_distinct() {
        // SplitMix64 values with planted repeats, across the small and the bucketed paths.
        let mut x = 7u64;
        let mut next = || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let z = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            let z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for n in [0usize, 1, 10, 4095, 4096, 50_000] {
            let mut v: Vec<u64> = (0..n).map(|_| next()).collect();
            for i in (0..n).step_by(7) {
                let j = (i * 31) % n.max(1);
                v.push(v[j]);
            }
            let distinct = v.iter().collect::<std::collections::HashSet<_>>().len();
            let want = (v.len() - distinct) as u64;
            assert_eq!(count_repeats(&mut v), want, "n = {n}");
        }
        assert_eq!(count_repeats(&mut [5, 5, 5, u64::MAX, u64::MAX, 0]), 3);
    }
}
