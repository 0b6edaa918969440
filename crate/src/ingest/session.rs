//! The reading session: the state machine that takes a file from raw chunks to rows.
//!
//! A [`Session`] holds the store of line items and the reports of the files read so far; one
//! file at a time is open ([`FileIngest`]). Its bytes go through these states:
//!
//! 1. **container unknown**: raw bytes are held until [`sniff::SNIFF_BYTES`] are in (or the file
//!    ends), then the container is decided: plain text, gzip (decompressed as a stream), or a
//!    ZIP archive or workbook (gathered whole, read at the end);
//! 2. **dialect unknown**: text is held until [`DIALECT_SNIFF_BYTES`] are in (or the file ends);
//!    the encoding and the delimiter are decided from that sample;
//! 3. **records**: text is decoded to UTF-8 and split into records; the first records are held
//!    until the header is found ([`super::header`]), then every record goes to the row ladder
//!    ([`super::rows`]);
//! 4. **end**: the held records are flushed, the dates read with the losing day-month order are
//!    rewritten, duplicates are counted and the [`FileReport`] is built.
//!
//! A failure at any state takes the file's lines back out of the store.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use super::limits::{Budget, Limits};
use super::report::{ColumnInfo, FileKind, FileReport};
use super::roles::Role;
use super::rows::{one_purchase_line_per_order, RowState};
use super::sniff::{self, Container, Kind};
use super::values::DateOrder;
#[cfg(feature = "containers")]
use super::workbook;
use super::{csv, decode};
use crate::error::IngestError;
use crate::model::LineItems;
#[cfg(doc)]
use crate::model::NO_CUSTOMER;

/// Text bytes gathered before the encoding and the delimiter are sniffed.
const DIALECT_SNIFF_BYTES: usize = 64 * 1024;

/// One file read by several threads (issue 16): native only, the page has its own workers.
#[cfg(not(target_arch = "wasm32"))]
pub(super) mod parallel;
/// One file's body read in ranges and merged (natively on threads, in the page by workers).
mod ranges;
pub use ranges::HEAD_INSIDE_RECORD;

/// Compressed bytes given to the gzip decoder at a time (see [`FileIngest::push_raw`]).
const GZIP_STEP_BYTES: usize = 4 * 1024;

/// What the user can set for a file, overriding detection. Every field is optional; the default
/// is to detect everything. Settings only: a saved mapping never holds data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FileOptions {
    /// An encoding label (`UTF-8`, `GBK`, `GB18030`, `Big5`, `UTF-16LE`, `latin1`...).
    pub encoding: Option<String>,
    /// The field delimiter: `,` `;` `|`, `\t` (or `tab`), or `whitespace` for aligned columns.
    pub delimiter: Option<String>,
    /// The 1-based line number of the header row (the sheet's row number in a workbook), at
    /// most 100 (records above it are held until it arrives). A row the file does not have is refused with
    /// `ingest.header_row_out_of_range`, never replaced by another.
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
    /// The file is basket-format text: every record is one basket of items, with no header
    /// (arules' `groceries.csv`), and items are separated by commas unless `delimiter` says
    /// otherwise. Each record becomes an order `basket <record number>` of guest lines (see
    /// [`FileKind::Baskets`]); blank records are dropped as `blank_row`. Such a file is also
    /// recognised without this setting when its records differ in length and hold no number or
    /// date.
    pub baskets: bool,
    /// The bounds on what reading the file may cost (see [`Limits`]).
    pub limits: Limits,
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
    /// How many ZIP archives are open around the file being read.
    #[cfg(feature = "containers")]
    archive_depth: u32,
    /// The bytes inflated from the outermost open ZIP archive, nested archives included.
    #[cfg(feature = "containers")]
    archive_budget: Option<Budget>,
    /// The ranges of the open file read so far (the page's range workers, issue 16).
    ranges: ranges::Pending,
    /// How each file read by threads was read (issue 16).
    #[cfg(not(target_arch = "wasm32"))]
    parallel: Vec<parallel::ParallelRead>,
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
                return Err(decode::unknown_label(name, label));
            }
        }
        if let Some(row) = options.header_row.filter(|&r| r == 0 || r > super::header::MAX_HEADER_ROW) {
            return Err(IngestError::HeaderRowOutOfRange {
                file: name.to_owned(),
                row,
                last: super::header::MAX_HEADER_ROW,
            });
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
        let mut file =
            self.current.take().ok_or(IngestError::Protocol { detail: "end_file called with no open file" })?;
        if let Err(e) = file.settle_container(&mut self.lines) {
            file.undo(&mut self.lines);
            return Err(e);
        }
        #[cfg(feature = "containers")]
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

    /// Reads every table inside a ZIP archive, as `archive.zip/entry.csv`, one entry at a time.
    #[cfg(feature = "containers")]
    /// Archives nest as deep as [`Limits::max_archive_depth`]; the bytes inflated from the
    /// outermost archive, nested ones included, count against one budget.
    fn read_zip(&mut self, file: &FileIngest) -> Result<(), IngestError> {
        let limits = file.options.limits;
        if self.archive_depth >= limits.max_archive_depth {
            return Err(Limits::exceeded(&file.name, "maxArchiveDepth", u64::from(limits.max_archive_depth), None));
        }
        let outermost = self.archive_budget.is_none();
        if outermost {
            self.archive_budget = Some(Budget::new(limits.max_decompressed_bytes, "maxDecompressedBytes"));
        }
        self.archive_depth += 1;
        let result = self.read_zip_tables(file);
        self.archive_depth -= 1;
        if outermost {
            self.archive_budget = None;
        }
        result
    }

    #[cfg(feature = "containers")]
    fn read_zip_tables(&mut self, file: &FileIngest) -> Result<(), IngestError> {
        let limits = file.options.limits;
        let mut zip = workbook::ZipTables::open(&file.name, &file.whole, &limits)?;
        if zip.tables.is_empty() {
            return Err(IngestError::EmptyFile { file: file.name.clone() });
        }
        let first_report = self.files.len();
        let tables = std::mem::take(&mut zip.tables);
        for (index, entry) in tables {
            let total = Budget::new(limits.max_decompressed_bytes, "maxDecompressedBytes");
            let mut budget = self.archive_budget.take().unwrap_or(total);
            let bytes = zip.read(index, limits.max_entry_bytes, &mut budget);
            self.archive_budget = Some(budget);
            let bytes = bytes?;
            let name = format!("{}/{}", file.name, entry);
            self.begin_file_with(&name, bytes.len() as u64, file.options.clone())?;
            for chunk in bytes.chunks(1 << 20) {
                self.push(chunk)?;
            }
            drop(bytes);
            self.end_file()?;
        }
        if let Some(report) = self.files.get_mut(first_report) {
            let archive = &file.name;
            report.skipped_entries.extend(zip.skipped.into_iter().map(|mut e| {
                e.name = format!("{archive}/{}", e.name);
                e
            }));
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

    /// Reads basket-format text held in memory: one basket per record, items separated by
    /// commas, no header (arules' `groceries.csv`; see [`FileOptions::baskets`]). Every record is
    /// accounted for in the report like any file's: a blank record is dropped as `blank_row`,
    /// invalid UTF-8 is flagged, and a record too large to read is an error rather than a
    /// record left out.
    ///
    /// ```
    /// use clientele::ingest::Session;
    /// let mut s = Session::default();
    /// let report = s.read_basket_text("baskets.csv", b"citrus fruit,margarine\r\n , \nwhole milk,\"a, b\"\n").unwrap();
    /// assert_eq!((report.rows.read, report.rows.purchase, report.rows.dropped), (3, 2, 1));
    /// assert_eq!(s.lines().len(), 4);
    /// ```
    pub fn read_basket_text(&mut self, name: &str, bytes: &[u8]) -> Result<&FileReport, IngestError> {
        let options = FileOptions { baskets: true, ..FileOptions::default() };
        self.read_file_with(name, bytes.len() as u64, options, bytes)
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
    /// The bytes inflated from a gzip stream so far.
    gunzip_budget: Budget,
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
    encoding: Option<&'static decode::Encoding>,
    detection: Option<decode::Detection>,
    /// Whether all text so far was ASCII under a "valid UTF-8" detection: if invalid bytes
    /// appear later, the file is in a legacy encoding and can switch to it without loss.
    ascii_so_far: bool,
    /// The raw text from the first non-ASCII byte after an ASCII start, held until the encoding
    /// is settled (see [`FileIngest::decode_and_feed`]).
    deciding: Vec<u8>,
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
            gunzip_budget: Budget::new(options.limits.max_decompressed_bytes, "maxDecompressedBytes"),
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
            Kind::Unsupported(format) => {
                return Err(IngestError::UnsupportedFormat { file: self.name.clone(), format })
            }
        };
        // Without the `containers` feature (the page's first wasm module) a ZIP or a workbook
        // asks for the full reader at once, before its bytes are gathered.
        #[cfg(not(feature = "containers"))]
        if let Container::Zip | Container::Xlsx | Container::Xls = container {
            let reader = if container == Container::Zip { "zip" } else { "workbook" };
            return Err(IngestError::NeedsFullReader { file: self.name.clone(), reader });
        }
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
        if self.gunzip.is_none() {
            return self.push_text(chunk, lines);
        }
        // Compressed bytes go in a few KiB at a time, so that one step inflates a few MiB at
        // most (deflate expands ~1,000 times at best), and each step's text is counted and read
        // before the next: a gzip bomb stops at the budget instead of inflating whole.
        for piece in chunk.chunks(GZIP_STEP_BYTES) {
            let Some(gz) = self.gunzip.as_mut() else { break };
            gz.write_all(piece)
                .map_err(|e| IngestError::GzipCorrupt { file: self.name.clone(), detail: e.to_string() })?;
            self.take_gunzipped(lines)?;
        }
        Ok(())
    }

    /// Counts and reads the text inflated so far, and gives the buffer back to the decoder.
    fn take_gunzipped(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        let Some(gz) = self.gunzip.as_mut() else { return Ok(()) };
        let out = std::mem::take(gz.get_mut());
        if self.gunzip_budget.take(out.len() as u64).is_err() {
            let b = self.gunzip_budget;
            return Err(Limits::exceeded(&self.name, b.limit, b.max, None));
        }
        self.push_text(&out, lines)?;
        // Give the buffer back so its allocation is reused.
        if let Some(gz) = self.gunzip.as_mut() {
            let mut out = out;
            out.clear();
            *gz.get_mut() = out;
        }
        Ok(())
    }

    fn push_text(&mut self, text: &[u8], lines: &mut LineItems) -> Result<(), IngestError> {
        if text.is_empty() {
            return Ok(());
        }
        if self.text.decoder.is_none() {
            self.text.pending.extend_from_slice(text);
            if !self.text.started {
                if self.container == Some(Container::Gzip) && self.text.pending.len() < sniff::SNIFF_BYTES {
                    return Ok(());
                }
                self.sniff_inner()?;
            }
            if self.text.pending.len() < DIALECT_SNIFF_BYTES {
                return Ok(());
            }
            let pending = std::mem::take(&mut self.text.pending);
            return self.start_text(&pending, false, lines);
        }
        self.decode_and_feed(text, false, lines)
    }

    /// Marks the text as started; a gzip stream may hide another format (a gzipped xlsx, say),
    /// so its first [`sniff::SNIFF_BYTES`] of text are sniffed too.
    fn sniff_inner(&mut self) -> Result<(), IngestError> {
        if self.container == Some(Container::Gzip) {
            if let Kind::Unsupported(format) = sniff::sniff_kind(&self.text.pending, &self.name).nested() {
                return Err(IngestError::UnsupportedFormat { file: self.name.clone(), format });
            }
        }
        self.text.started = true;
        Ok(())
    }

    /// Decides the encoding and the delimiter from the first [`DIALECT_SNIFF_BYTES`] of the
    /// sample (a fixed prefix, whatever the chunks were), then reads the whole sample.
    fn start_text(&mut self, sample: &[u8], complete: bool, lines: &mut LineItems) -> Result<(), IngestError> {
        let probe_len = sample.len().min(DIALECT_SNIFF_BYTES);
        let probe_complete = complete && probe_len == sample.len();
        let (encoding, detection, _) = match self.options.encoding.as_deref().and_then(decode::for_label) {
            Some(enc) => (enc, decode::Detection::UserChoice, 0),
            None => decode::detect(&sample[..probe_len], probe_complete).map_err(|e| e.error(&self.name))?,
        };
        // UTF-8 passes through undecoded, so its BOM is skipped here (also when the user chose
        // UTF-8); other decoders drop their own BOM.
        let bom = if encoding == decode::UTF_8 && sample.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        self.text.encoding = Some(encoding);
        if encoding == decode::UTF_16LE || encoding == decode::UTF_16BE {
            // Two bytes a character: the rows are half as many as the size suggests.
            self.rows.size_hint /= 2;
        }
        self.text.detection = Some(detection);
        self.text.ascii_so_far = detection == decode::Detection::ValidUtf8 && sample[..probe_len].is_ascii();
        let mut probe_decoder = decode::TextDecoder::new(encoding);
        let probe = probe_decoder.decode(&sample[bom.min(probe_len)..probe_len], probe_complete);
        let delimiter = match self.options.delimiter.as_deref().map(str::trim) {
            Some("whitespace" | "space" | " ") => None,
            Some("\\t" | "tab" | "\t") => Some(b'\t'),
            Some(d) if d.len() == 1 => Some(d.as_bytes()[0]),
            // Basket-format text: items are separated by commas unless the user says otherwise.
            _ if self.options.baskets => Some(b','),
            _ => sniff::sniff_dialect(probe),
        };
        if delimiter.is_none() {
            self.text.spaces = Some(SpaceRuns::new());
        }
        let d = delimiter.unwrap_or(b'\t');
        self.text.delimiter = Some(d);
        self.text.reader = Some(csv::RecordReader::new(d).cut_unclosed_quote(true));
        self.text.decoder = Some(decode::TextDecoder::new(encoding));
        // The header waits for its own count of records (or the end of the file), not for the
        // end of this sample: the sample's size depends on the chunks.
        self.decode_and_feed(&sample[bom..], complete, lines)
    }

    /// Decodes raw text and feeds it on; `last` flushes. Under a "valid UTF-8" detection whose
    /// sample was all ASCII, the first non-ASCII character decides once and for all: valid
    /// UTF-8 keeps the file UTF-8 (a later invalid byte is replaced and its row flagged
    /// `invalid_utf8`, never a reason to read the rest in another code page); an invalid one
    /// means a legacy encoding, guessed from the [`DIALECT_SNIFF_BYTES`] from that byte on
    /// (held until they are in, or the file ends), so the guess does not depend on the chunks.
    fn decode_and_feed(&mut self, mut raw: &[u8], last: bool, lines: &mut LineItems) -> Result<(), IngestError> {
        if self.text.ascii_so_far {
            if self.text.deciding.is_empty() {
                if let Some(p) = raw.iter().position(|b| !b.is_ascii()) {
                    self.feed_decoded(&raw[..p], false, lines)?;
                    self.text.deciding.extend_from_slice(&raw[p..]);
                    raw = &[];
                }
            } else {
                self.text.deciding.extend_from_slice(raw);
                raw = &[];
            }
            if self.text.deciding.is_empty() || (self.text.deciding.len() < DIALECT_SNIFF_BYTES && !last) {
                return self.feed_decoded(raw, last, lines);
            }
            self.text.ascii_so_far = false;
            let held = std::mem::take(&mut self.text.deciding);
            let starts_valid = match std::str::from_utf8(&held[..held.len().min(4)]) {
                Ok(_) => true,
                Err(e) => e.valid_up_to() > 0,
            };
            if !starts_valid {
                // Not UTF-8 after all: everything so far was ASCII, so switching loses nothing.
                let enc = decode::detect_legacy(&held[..held.len().min(DIALECT_SNIFF_BYTES)])
                    .map_err(|e| e.error(&self.name))?;
                self.text.encoding = Some(enc);
                self.text.detection = Some(decode::Detection::Guessed);
                self.text.decoder = Some(decode::TextDecoder::new(enc));
            }
            return self.feed_decoded(&held, last, lines);
        }
        self.feed_decoded(raw, last, lines)
    }

    fn feed_decoded(&mut self, raw: &[u8], last: bool, lines: &mut LineItems) -> Result<(), IngestError> {
        let Some(decoder) = self.text.decoder.as_mut() else {
            return Ok(());
        };
        let text = decoder.decode(raw, last);
        // A chunk can decode to nothing (half a UTF-16 character); an empty slice would end the
        // records.
        if text.is_empty() && !last {
            return Ok(());
        }
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

    /// Decides the container of a file shorter than the sniff window, and what a ZIP holds.
    fn settle_container(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        if self.container.is_none() {
            let head = std::mem::take(&mut self.head);
            if head.is_empty() {
                return Err(IngestError::EmptyFile { file: self.name.clone() });
            }
            self.open_container(&head)?;
            self.push_raw(&head, lines)?;
        }
        // A ZIP is gathered whole: its central directory, at the end, says what it holds.
        #[cfg(feature = "containers")]
        if self.container == Some(Container::Zip) {
            match sniff::zip_kind(&self.whole, &self.name) {
                Kind::Container(c) => self.container = Some(c),
                Kind::Unsupported(format) => {
                    return Err(IngestError::UnsupportedFormat { file: self.name.clone(), format })
                }
                Kind::Text => {}
            }
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
            #[cfg(feature = "containers")]
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
                doubtful: self.rows.doubtful(header, index),
                unsure: header.roles[index].is_some() && header.confidence[index] < super::roles::SURE_VALUE_CONFIDENCE,
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
            encoding: self.text.encoding.map_or("UTF-8", decode::Encoding::name),
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
            skipped_entries: Vec::new(),
            columns,
            rows: self.rows.counts(),
            stats: self.rows.stats.report(),
        })
    }

    fn finish_text(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        if let Some(gz) = self.gunzip.as_mut() {
            gz.try_finish().map_err(|e| IngestError::GzipCorrupt { file: self.name.clone(), detail: e.to_string() })?;
            self.take_gunzipped(lines)?;
            if let Some(gz) = self.gunzip.take() {
                let out = gz
                    .finish()
                    .map_err(|e| IngestError::GzipCorrupt { file: self.name.clone(), detail: e.to_string() })?;
                self.push_text(&out, lines)?;
            }
        }
        if self.text.decoder.is_none() {
            if self.text.pending.is_empty() {
                return Ok(());
            }
            if !self.text.started {
                self.sniff_inner()?;
            }
            let pending = std::mem::take(&mut self.text.pending);
            self.start_text(&pending, true, lines)?;
        }
        self.decode_and_feed(b"", true, lines)?;
        self.feed_records(b"", lines)
    }

    /// Reads the chosen sheet of a workbook through the same row logic as text files.
    #[cfg(feature = "containers")]
    fn read_workbook(&mut self, lines: &mut LineItems) -> Result<(), IngestError> {
        let whole = std::mem::take(&mut self.whole);
        let xls = self.container == Some(Container::Xls);
        let (rows, name) = (&mut self.rows, &self.name);
        let (mut data, mut ends, mut record) = (Vec::new(), Vec::new(), 0u64);
        let mut on_row = |sheet_row: u64, cells: &[std::borrow::Cow<'_, str>]| {
            data.clear();
            ends.clear();
            for cell in cells {
                csv::Record::join(&mut data, &mut ends, cell.as_bytes(), b'\t');
            }
            record += 1;
            let rec = csv::Record::from_parts(&data, &ends, record).at_line(sheet_row);
            rows.on_record(&rec, lines)
        };
        let (sheet, limits) = (self.options.sheet.as_deref(), &self.options.limits);
        let book = workbook::read_sheet(name, whole, xls, sheet, limits, &mut on_row)?;
        self.sheets = book.sheets;
        self.entry = Some(book.sheet);
        self.text.detection = Some(decode::Detection::Workbook);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basket::{BasketUnit, Transactions};
    use crate::ingest::DropReason;

    #[test]
    fn basket_text_keeps_trailing_spaces_and_dedups() {
        let mut s = Session::default();
        s.read_basket_text("b.csv", b"cream cheese ,milk,milk\nmilk\n").unwrap();
        let tx = Transactions::from_basket_lines(s.lines()).unwrap();
        assert_eq!(tx.items, ["cream cheese ", "milk"]);
        assert_eq!(tx.basket(0), &[0, 1]);
        assert_eq!(tx.item_counts(), [1, 2]);
        assert_eq!(tx.item_id("cream cheese"), None);
        assert_eq!((tx.unit, tx.guest_baskets()), (BasketUnit::Line, 0));
    }

    #[test]
    fn basket_text_accounts_for_every_record() {
        // Equal widths and numeric items: only the setting makes this a basket file. A blank
        // record is counted as dropped, and a BOM is skipped.
        let mut s = Session::default();
        let r = s.read_basket_text("b.csv", b"\xEF\xBB\xBF22423,85123A\n , \n22720,caf\xe9\n").unwrap().clone();
        assert_eq!(r.kind, FileKind::Baskets);
        assert_eq!((r.rows.read, r.rows.purchase, r.rows.dropped), (3, 2, 1));
        assert_eq!(r.rows.dropped_by_reason[0].reason, DropReason::BlankRow);
        let tx = Transactions::from_basket_lines(s.lines()).unwrap();
        assert_eq!(tx.len(), 2);
        assert_eq!(tx.items[..3], ["22423", "22720", "85123A"]);
        // Nothing to read is an error, not an empty result.
        assert!(matches!(Session::default().read_basket_text("e.csv", b""), Err(IngestError::EmptyFile { .. })));
    }

    #[test]
    fn space_runs_become_one_tab() {
        let mut sp = SpaceRuns::new();
        assert_eq!(sp.filter(b"  12345   1997-01-01 \t 2  29.33\n"), b"12345\t1997-01-01\t2\t29.33\n");
        // Across chunks: a run split in two is still one tab, and a line start has none.
        assert_eq!(sp.filter(b"7 "), b"7");
        assert_eq!(sp.filter(b"  8\r\n  9"), b"\t8\r\n9");
    }

    #[test]
    fn a_failed_file_leaves_nothing() {
        let mut s = Session::default();
        s.read_file("a.csv", 0, &b"Customer,Date,Amount\nc1,2024-01-01,5\n"[..]).unwrap();
        assert_eq!(s.lines().len(), 1);
        // A gzip header with a corrupt body: the error takes the file's rows back out.
        let err = s.read_file("b.csv.gz", 0, &b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage-garbage"[..]);
        assert!(err.is_err());
        assert_eq!((s.lines().len(), s.files().len()), (1, 1));
        // The session is usable again.
        assert!(s.push(b"x").is_err());
        s.read_file("c.csv", 0, &b"Customer,Date,Amount\nc2,2024-01-02,6\n"[..]).unwrap();
        assert_eq!((s.lines().len(), s.files().len()), (2, 2));
    }
}
