//! Excel workbooks (calamine) and ZIP archives (zip). Both formats need random access, so their
//! bytes are gathered whole first; a workbook sheet becomes rows of text cells that go through the
//! same row logic as a CSV file. What they may cost is bounded by [`Limits`], counted as bytes are
//! inflated and cells are read.

use crate::sort;
use std::borrow::Cow;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader};

use crate::error::IngestError;
use crate::ingest::limits::{Budget, Limits};
use crate::ingest::report::{SkipReason, SkippedEntry};
use crate::ingest::values;

/// A ZIP archive opened for its tables, read one entry at a time: only the entry being read is
/// held inflated, and its bytes are counted as they are inflated (per entry and for the whole
/// archive, nested archives included), never trusted from the sizes the archive declares.
pub struct ZipTables<'a> {
    file: String,
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// The tables, by entry index and name, in archive order.
    pub tables: Vec<(usize, String)>,
    /// The entries left out, with why.
    pub skipped: Vec<SkippedEntry>,
}

impl std::fmt::Debug for ZipTables<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZipTables").field("file", &self.file).field("tables", &self.tables).finish()
    }
}

impl<'a> ZipTables<'a> {
    /// Lists the tables inside a ZIP archive (CSV, TSV, TXT, gzip, XLSX, XLS, and ZIP archives,
    /// read as deep as [`Limits::max_archive_depth`] allows). Folders are passed over; hidden
    /// files (`.x.csv`), names that climb out of the archive (`../x.csv`, `..\x.csv`), macOS
    /// resource forks and other formats are listed in [`ZipTables::skipped`].
    pub fn open(file: &str, bytes: &'a [u8], limits: &Limits) -> Result<Self, IngestError> {
        let err = |detail: String| IngestError::Archive { file: file.to_owned(), format: "zip", detail };
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| err(e.to_string()))?;
        if zip.len() as u64 > limits.max_archive_entries {
            return Err(Limits::exceeded(file, "maxArchiveEntries", limits.max_archive_entries, None));
        }
        let (mut tables, mut skipped) = (Vec::new(), Vec::new());
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|e| err(e.to_string()))?;
            let name = entry.name().to_owned();
            if entry.is_dir() {
                continue;
            }
            match skip_reason(&name) {
                Some(reason) => skipped.push(SkippedEntry { name, reason }),
                None => tables.push((i, name)),
            }
        }
        Ok(ZipTables { file: file.to_owned(), zip, tables, skipped })
    }

    /// Inflates entry `index`, counting its bytes against `max_entry` and `total`.
    pub fn read(&mut self, index: usize, max_entry: u64, total: &mut Budget) -> Result<Vec<u8>, IngestError> {
        let file = &self.file;
        let err = |detail: String| IngestError::Archive { file: file.clone(), format: "zip", detail };
        let mut entry = self.zip.by_index(index).map_err(|e| err(e.to_string()))?;
        let name = entry.name().to_owned();
        inflate_counted(&mut entry, max_entry, total, &format!("{file}/{name}"))
            .map_err(|e| e.unwrap_or_else(|io| err(format!("{name}: {io}"))))
    }
}

/// Reads a decompressing reader to its end, counting the bytes produced: past `max_entry`
/// (`maxEntryBytes`) or past the `total` budget, reading stops with the limit's error. The
/// inner error is `Err(Ok(limit error))` or `Err(Err(io error))`.
fn inflate_counted(
    r: &mut impl Read,
    max_entry: u64,
    total: &mut Budget,
    file: &str,
) -> Result<Vec<u8>, Result<IngestError, std::io::Error>> {
    let mut entry = Budget::new(max_entry, "maxEntryBytes");
    let mut data = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => return Ok(data),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Err(e)),
        };
        for b in [&mut entry, &mut *total] {
            if b.take(n as u64).is_err() {
                return Err(Ok(Limits::exceeded(file, b.limit, b.max, None)));
            }
        }
        data.extend_from_slice(&buf[..n]);
    }
}

/// Why an archive entry is not read, or `None` for a table.
fn skip_reason(name: &str) -> Option<SkipReason> {
    let parts: Vec<&str> = name.split(['/', '\\']).collect();
    let base = parts.last().copied().unwrap_or(name);
    let lower = base.to_ascii_lowercase();
    let tables = [".csv", ".tsv", ".txt", ".gz", ".xlsx", ".xlsm", ".xls", ".zip"];
    let table = tables.iter().any(|ext| lower.ends_with(ext));
    if parts.contains(&"..") || name.starts_with(['/', '\\']) {
        Some(SkipReason::OutsidePath)
    } else if parts.first() == Some(&"__MACOSX") {
        Some(SkipReason::ResourceFork)
    } else if base.starts_with('.') {
        Some(SkipReason::Hidden)
    } else if !table {
        Some(SkipReason::NotATable)
    } else {
        None
    }
}

/// What receives a sheet's rows: the sheet's own 1-based row number, and the row as text cells.
pub type OnRow<'f> = dyn FnMut(u64, &[Cow<'_, str>]) -> Result<(), IngestError> + 'f;

/// The sheets of a workbook and the one read.
#[derive(Debug)]
pub struct SheetNames {
    /// Every sheet name, in order.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
}

/// Reads one sheet: the named one, else the first sheet with any data. Its rows, from the first
/// used row to the last and over the columns used, go to `on_row` as text cells.
///
/// calamine is guarded on both sides. Before it reads anything, every part of an XLSX package
/// is inflated once into a counter ([`Limits::max_entry_bytes`], [`Limits::max_archive_entries`],
/// the shared-string table within [`Limits::max_shared_string_bytes`]), and the shared-string
/// indexes the sheets use are checked against the table (an index past its end panics inside
/// calamine). The sheet's cells are then read one at a time, and the rectangle they span and the
/// shared-string text they expand to are counted as they come, so a cell at `XFD1048576` stops
/// the reading instead of asking for a grid of billions of cells. Natively a panic inside
/// calamine is also caught and becomes an `ingest.archive` error; in the browser's wasm panics
/// abort, so there the checks above are what protect the tab.
pub fn read_sheet(
    file: &str,
    bytes: Vec<u8>,
    xls: bool,
    wanted: Option<&str>,
    limits: &Limits,
    on_row: &mut OnRow<'_>,
) -> Result<SheetNames, IngestError> {
    let format = if xls { "xls" } else { "xlsx" };
    let err = |detail: String| IngestError::Archive { file: file.to_owned(), format, detail };
    if xls {
        let stream = check_cfb(&bytes).map_err(|detail| err(detail.to_owned()))?;
        check_biff_cells(file, &stream, limits)?;
    } else {
        check_package(file, &bytes, limits)?;
    }
    caught(file, format, || {
        let cursor = Cursor::new(bytes);
        if xls {
            let mut book = calamine::Xls::new(cursor).map_err(|e| err(e.to_string()))?;
            let sheets = book.sheet_names();
            read_first(
                file,
                sheets,
                wanted,
                |name, on_row| {
                    let range = book.worksheet_range(name).map_err(|e| err(e.to_string()))?;
                    let cells = range.get_size().0 as u64 * range.get_size().1 as u64;
                    if cells > limits.max_sheet_cells {
                        return Err(Limits::exceeded(file, "maxSheetCells", limits.max_sheet_cells, None));
                    }
                    if range.is_empty() {
                        return Ok(false);
                    }
                    let mut record = Vec::new();
                    let top = range.start().map_or(0, |(row, _)| u64::from(row));
                    for (i, row) in range.rows().enumerate() {
                        record.clear();
                        record.extend(row.iter().map(|d| Cow::Owned(cell_text(d))));
                        on_row(top + i as u64 + 1, &record)?;
                    }
                    Ok(true)
                },
                on_row,
            )
        } else {
            let mut book = calamine::Xlsx::new(cursor).map_err(|e| err(e.to_string()))?;
            let sheets = book.sheet_names();
            let read = |name: &str, on_row: &mut OnRow<'_>| read_xlsx_sheet(file, &mut book, name, limits, on_row);
            read_first(file, sheets, wanted, read, on_row)
        }
    })
}

/// Tries the wanted sheet, else each sheet in turn until one has data.
fn read_first(
    file: &str,
    sheets: Vec<String>,
    wanted: Option<&str>,
    mut read: impl FnMut(&str, &mut OnRow<'_>) -> Result<bool, IngestError>,
    on_row: &mut OnRow<'_>,
) -> Result<SheetNames, IngestError> {
    if let Some(w) = wanted {
        if !sheets.iter().any(|s| s == w) {
            return Err(IngestError::NoSuchSheet { file: file.to_owned(), sheet: w.to_owned(), sheets });
        }
        read(w, on_row)?;
        return Ok(SheetNames { sheet: w.to_owned(), sheets });
    }
    for name in &sheets {
        if read(name, on_row)? {
            let sheet = name.clone();
            return Ok(SheetNames { sheets, sheet });
        }
    }
    Err(IngestError::EmptyFile { file: file.to_owned() })
}

/// Reads one XLSX sheet cell by cell within the limits; `false` when it has no data.
fn read_xlsx_sheet<R: Read + std::io::Seek>(
    file: &str,
    book: &mut calamine::Xlsx<R>,
    name: &str,
    limits: &Limits,
    on_row: &mut OnRow<'_>,
) -> Result<bool, IngestError> {
    let err = |detail: String| IngestError::Archive { file: file.to_owned(), format: "xlsx", detail };
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(false),
        Err(e) => return Err(err(e.to_string())),
    };
    let mut text = Budget::new(limits.max_shared_string_bytes, "maxSharedStringBytes");
    let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0u32, u32::MAX, 0u32);
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| err(e.to_string()))? {
        let (row, col) = cell.get_position();
        let value = cell.get_value();
        let len = match value {
            DataRef::Empty => continue,
            DataRef::SharedString(s) => s.len(),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
            _ => 0,
        };
        if text.take(len as u64).is_err() {
            return Err(Limits::exceeded(file, text.limit, text.max, Some(u64::from(row) + 1)));
        }
        (top, bottom, left, right) = (top.min(row), bottom.max(row), left.min(col), right.max(col));
        let span = (u64::from(bottom - top) + 1) * (u64::from(right - left) + 1);
        if span > limits.max_sheet_cells {
            return Err(Limits::exceeded(file, "maxSheetCells", limits.max_sheet_cells, Some(u64::from(row) + 1)));
        }
        cells.push(((row, col), value.clone()));
    }
    if cells.is_empty() {
        return Ok(false);
    }
    // Cells come in row order in every file Excel writes, but the format does not promise it.
    sort::sort_by_key(&mut cells, |c| c.0);
    let width = (right - left) as usize + 1;
    let mut record: Vec<Cow<'_, str>> = Vec::with_capacity(width);
    let mut next = cells.iter().peekable();
    for row in top..=bottom {
        record.clear();
        record.resize(width, Cow::Borrowed(""));
        while let Some(((r, c), value)) = next.next_if(|c| c.0 .0 == row) {
            debug_assert_eq!(*r, row);
            record[(c - left) as usize] = data_ref_text(value);
        }
        on_row(u64::from(row) + 1, &record)?;
    }
    Ok(true)
}

/// A streamed cell as text, as [`cell_text`] writes the same value.
fn data_ref_text<'a>(d: &'a DataRef<'_>) -> Cow<'a, str> {
    match d {
        DataRef::SharedString(s) => Cow::Borrowed(s),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cow::Borrowed(s),
        DataRef::Empty => Cow::Borrowed(""),
        DataRef::Int(i) => Cow::Owned(cell_text(&Data::Int(*i))),
        DataRef::Float(f) => Cow::Owned(cell_text(&Data::Float(*f))),
        DataRef::Bool(b) => Cow::Owned(cell_text(&Data::Bool(*b))),
        DataRef::DateTime(dt) => Cow::Owned(cell_text(&Data::DateTime(*dt))),
        DataRef::Error(e) => Cow::Owned(cell_text(&Data::Error(e.clone()))),
    }
}

/// Runs calamine, turning a panic inside it into an `ingest.archive` error (natively; wasm
/// aborts on a panic, see [`read_sheet`]).
fn caught<T>(file: &str, format: &'static str, f: impl FnOnce() -> Result<T, IngestError>) -> Result<T, IngestError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let detail = format!("the {format} reader failed: {what}");
            Err(IngestError::Archive { file: file.to_owned(), format, detail })
        }
    }
}

/// Inflates every part of an XLSX package once into a counter, before calamine reads it: the
/// parts calamine holds whole must fit [`Limits::max_entry_bytes`] (and the shared strings
/// [`Limits::max_shared_string_bytes`]), whatever sizes the package declares; and the
/// shared-string indexes the sheets use must be inside the table.
fn check_package(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let err = |detail: String| IngestError::Archive { file: file.to_owned(), format: "xlsx", detail };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| err(e.to_string()))?;
    if zip.len() as u64 > limits.max_archive_entries {
        return Err(Limits::exceeded(file, "maxArchiveEntries", limits.max_archive_entries, None));
    }
    let mut total = Budget::new(limits.max_decompressed_bytes, "maxDecompressedBytes");
    let (mut strings, mut max_index) = (0u64, None::<u64>);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| err(e.to_string()))?;
        let name = entry.name().to_ascii_lowercase();
        let shared = name.ends_with("sharedstrings.xml");
        let sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let mut budget = if shared && limits.max_shared_string_bytes < limits.max_entry_bytes {
            Budget::new(limits.max_shared_string_bytes, "maxSharedStringBytes")
        } else {
            Budget::new(limits.max_entry_bytes, "maxEntryBytes")
        };
        let mut scan = XmlScan::default();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(err(format!("{}: {e}", entry.name()))),
            };
            for b in [&mut budget, &mut total] {
                if b.take(n as u64).is_err() {
                    return Err(Limits::exceeded(file, b.limit, b.max, None));
                }
            }
            if shared || sheet {
                scan.feed(&buf[..n]);
            }
        }
        if shared {
            strings += scan.shared_strings;
        }
        if sheet {
            max_index = max_index.max(scan.max_shared_index);
        }
    }
    match max_index {
        Some(i) if i >= strings => Err(err(format!("a cell uses shared string {i}, but the workbook has {strings}"))),
        _ => Ok(()),
    }
}

/// A cell as the text a CSV export would hold: whole numbers without `.0`, dates as
/// `YYYY-MM-DD HH:MM:SS`.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            let days = serial.floor();
            let secs = ((serial - days) * values::DAY as f64).round() as i64;
            values::format_datetime((days as i64 - 25_569) * values::DAY + secs)
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A scan of an XLSX part's XML as it is inflated, across chunk boundaries: how many shared
/// strings (`<si>`) a table holds, and the largest shared-string index (`<c t="s"><v>N</v>`) a
/// sheet uses. Tag prefixes (`<x:c>`) are ignored as calamine ignores them.
#[derive(Debug, Default)]
struct XmlScan {
    state: ScanState,
    name: Vec<u8>,
    attrs: Vec<u8>,
    value: Vec<u8>,
    in_shared_cell: bool,
    shared_strings: u64,
    max_shared_index: Option<u64>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum ScanState {
    #[default]
    Text,
    TagName,
    TagAttrs,
}

/// Tag names and attributes longer than this are not kept whole (no tag that matters is as long).
const SCAN_TAG_BYTES: usize = 4096;

impl XmlScan {
    fn feed(&mut self, xml: &[u8]) {
        for &b in xml {
            match (self.state, b) {
                (ScanState::Text, b'<') => {
                    self.state = ScanState::TagName;
                    self.name.clear();
                    self.attrs.clear();
                }
                (ScanState::Text, _) => {
                    if self.value.len() < SCAN_TAG_BYTES {
                        self.value.push(b);
                    }
                }
                (ScanState::TagName | ScanState::TagAttrs, b'>') => {
                    self.end_tag();
                    self.state = ScanState::Text;
                    self.value.clear();
                }
                (ScanState::TagName, b' ' | b'\t' | b'\r' | b'\n') => self.state = ScanState::TagAttrs,
                (ScanState::TagName, _) => {
                    if self.name.len() < SCAN_TAG_BYTES {
                        self.name.push(b);
                    }
                }
                (ScanState::TagAttrs, _) => {
                    if self.attrs.len() < SCAN_TAG_BYTES {
                        self.attrs.push(b);
                    }
                }
            }
        }
    }

    /// A tag is complete: `name` holds its name, `attrs` what followed, `value` the text before it.
    fn end_tag(&mut self) {
        let name = self.name.strip_suffix(b"/").unwrap_or(&self.name);
        let closing = name.first() == Some(&b'/');
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        let local = local.strip_prefix(b"/").unwrap_or(local);
        let self_closing = self.name.ends_with(b"/") || self.attrs.ends_with(b"/");
        match (local, closing) {
            (b"si", false) => self.shared_strings += 1,
            (b"c", false) => {
                let shared = self.attrs.windows(5).enumerate().any(|(i, w)| {
                    (w == b"t=\"s\"" || w == b"t='s'") && (i == 0 || self.attrs[i - 1].is_ascii_whitespace())
                });
                self.in_shared_cell = shared && !self_closing;
            }
            (b"c", true) => self.in_shared_cell = false,
            (b"v", true) if self.in_shared_cell => {
                // calamine reads what does not parse as index 0; anything but digits (an entity,
                // a sign) is taken as out of range rather than guessed.
                let v = &self.value;
                let index = if v.iter().all(u8::is_ascii_digit) {
                    let digits = v.iter().try_fold(0u64, |n, d| n.checked_mul(10)?.checked_add(u64::from(d - b'0')));
                    digits.unwrap_or(u64::MAX)
                } else {
                    u64::MAX
                };
                let index = if v.is_empty() { 0 } else { index };
                self.max_shared_index = self.max_shared_index.max(Some(index));
            }
            _ => {}
        }
    }
}

/// Checks the structure of a legacy workbook's compound file (CFB) before calamine reads it.
/// calamine sizes its buffers from the header's counts and follows sector chains wherever they
/// point, so a few bytes of header can ask for gigabytes, index past a table (a panic) or loop
/// forever. Here every count must fit the file, and every chain calamine follows (the DIFAT, the
/// FAT sectors, the directory, the mini FAT, the mini stream and each stream) must stay inside
/// the file and end within as many steps as the file has sectors. Returns the workbook stream
/// (`Workbook`, else `Book`; empty when there is none, which calamine reports itself).
fn check_cfb(bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
    const END: u32 = 0xFFFF_FFFE;
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIFSECT: u32 = 0xFFFF_FFFC;
    let u32_at = |b: &[u8], i: usize| b.get(i..i + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    if bytes.len() < 512 {
        return Ok(Vec::new()); // calamine refuses a header cut short with an error of its own
    }
    let ssz: usize = match u16::from_le_bytes([bytes[30], bytes[31]]) {
        9 => 512,
        12 => 4096,
        _ => return Ok(Vec::new()), // calamine's own error
    };
    let body = bytes.get(ssz..).unwrap_or(&[]);
    let nsec = body.len().div_ceil(ssz) as u64;
    let sector = |id: u32| -> &[u8] {
        let start = id as usize * ssz;
        &body[start.min(body.len())..(start + ssz).min(body.len())]
    };
    let too_many = "the compound file header declares more sectors than the file holds";
    let (dir_len, fat_len) = (u64::from(u32_at(bytes, 40)), u64::from(u32_at(bytes, 44)));
    let (dir_start, mini_fat_start) = (u32_at(bytes, 48), u32_at(bytes, 60));
    let mini_fat_len = u64::from(u32_at(bytes, 64));
    let difat_start = u32_at(bytes, 68);
    // calamine reserves this many DIFAT entries, from bytes 62..66 of the header.
    let difat_reserve = u64::from(u32_at(bytes, 62));
    if dir_len > nsec || fat_len > nsec || mini_fat_len > nsec || difat_reserve > nsec.max(1 << 16) * 128 {
        return Err(too_many);
    }
    // The DIFAT: 109 ids in the header, then a chain of DIFAT sectors (the last id of each is the next).
    let mut difat: Vec<u32> = (0..109).map(|i| u32_at(bytes, 76 + 4 * i)).collect();
    let (mut id, mut steps) = (difat_start, 0u64);
    while id < RESERVED {
        steps += 1;
        if u64::from(id) >= nsec || steps > nsec {
            return Err("the compound file's sector chains point outside the file");
        }
        difat.extend(sector(id).chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        id = difat.pop().unwrap_or(END);
    }
    let mut fat: Vec<u32> = Vec::new();
    for &id in difat.iter().filter(|&&id| id < DIFSECT) {
        if u64::from(id) >= nsec {
            return Err("the compound file's sector chains point outside the file");
        }
        fat.extend(sector(id).chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
    }
    // A chain through `table`, within `count` units: its ids.
    let chain = |start: u32, table: &[u32], count: u64| -> Result<Vec<u32>, &'static str> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != END {
            if u64::from(id) >= count || id as usize >= table.len() || ids.len() as u64 >= count {
                return Err("the compound file's sector chains point outside the file or loop");
            }
            ids.push(id);
            id = table[id as usize];
        }
        Ok(ids)
    };
    let dirs: Vec<u8> = chain(dir_start, &fat, nsec)?.into_iter().flat_map(|id| sector(id).iter().copied()).collect();
    // calamine reads the directory (cut to the declared sectors, if any) in 128-byte entries and
    // panics on a shorter last one: a directory sector cut by the end of the file.
    let declared = if dir_len > 0 { dirs.len().min(dir_len as usize * ssz) } else { dirs.len() };
    if declared % 128 != 0 {
        return Err("the compound file's directory is cut short");
    }
    let entries: Vec<(u32, u64)> = dirs
        .chunks_exact(128)
        .map(|e| {
            let high = if ssz == 512 { 0 } else { u64::from(u32_at(e, 124)) << 32 };
            let len = u64::from(u32_at(e, 120)) | high;
            (u32_at(e, 116), len)
        })
        .collect();
    let names: Vec<String> = dirs
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units).trim_end_matches('\0').to_owned()
        })
        .collect();
    if entries.iter().any(|&(_, len)| len > bytes.len() as u64) {
        return Err("a compound file stream declares more bytes than the file holds");
    }
    let Some(&(root_start, root_len)) = entries.first() else { return Ok(Vec::new()) };
    let mut mini_stream = Vec::new();
    let (mini_fat, mini_count) = if mini_fat_len > 0 {
        mini_stream = chain(root_start, &fat, nsec)?.into_iter().flat_map(|id| sector(id).iter().copied()).collect();
        mini_stream.truncate(root_len as usize);
        let mini_fat: Vec<u32> = chain(mini_fat_start, &fat, nsec)?
            .into_iter()
            .flat_map(|id| sector(id).chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
            .collect();
        (mini_fat, root_len.div_ceil(64))
    } else {
        (Vec::new(), 0)
    };
    let mut workbook = None;
    // calamine follows the chain of the stream it reads (`Workbook`, else `Book`) even when the
    // stream is empty, and panics when the chain's table is empty: such a chain is checked too.
    let read_by_calamine = |i: usize| matches!(names[i].as_str(), "Workbook" | "Book");
    for (i, &(start, len)) in entries.iter().enumerate().skip(1).filter(|&(i, e)| e.1 > 0 || read_by_calamine(i)) {
        let stream: Vec<u8> = if len < 4096 {
            let ids = chain(start, &mini_fat, mini_count)?;
            let mini = |id: u32| mini_stream.get(id as usize * 64..).map_or(&[][..], |m| &m[..m.len().min(64)]);
            ids.into_iter().flat_map(|id| mini(id).iter().copied()).collect()
        } else {
            chain(start, &fat, nsec)?.into_iter().flat_map(|id| sector(id).iter().copied()).collect()
        };
        let rank = match names[i].as_str() {
            "Workbook" => 0,
            "Book" => 1,
            _ => continue,
        };
        if workbook.as_ref().map_or(true, |(r, _)| rank < *r) {
            let mut stream = stream;
            stream.truncate(len as usize);
            workbook = Some((rank, stream));
        }
    }
    Ok(workbook.map(|(_, s)| s).unwrap_or_default())
}

/// Checks the cells of every sheet of a legacy workbook's stream (BIFF records) against
/// [`Limits::max_sheet_cells`] before calamine reads it: calamine builds the grid of every sheet
/// as it opens the file, over the rectangle the cell records span, so one record at row 65,535
/// and column 65,535 would ask for billions of cells. Blank cells are passed over, as calamine
/// passes them.
fn check_biff_cells(file: &str, stream: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]));
    let mut pos = 0;
    let mut bounds: Option<(u16, u16, u16, u16)> = None;
    while pos + 4 <= stream.len() {
        let (typ, len) = (u16_at(stream, pos), usize::from(u16_at(stream, pos + 2)));
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        pos += 4 + len;
        let cells: [(u16, u16); 2] = match typ {
            // BOF: a new sheet (or the workbook globals) starts.
            0x0809 => {
                bounds = None;
                continue;
            }
            // Number, Label, BoolErr, Rk, LabelSst, Formula: row, then column.
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                let at = (u16_at(data, 0), u16_at(data, 2));
                [at, at]
            }
            // MulRk: row, first column, ..., last column.
            0x00BD if data.len() >= 6 => {
                let row = u16_at(data, 0);
                [(row, u16_at(data, 2)), (row, u16_at(data, data.len() - 2))]
            }
            _ => continue,
        };
        for (row, col) in cells {
            let (top, bottom, left, right) = bounds.unwrap_or((row, row, col, col));
            let b = (top.min(row), bottom.max(row), left.min(col), right.max(col));
            bounds = Some(b);
            let span = (u64::from(b.1 - b.0) + 1) * (u64::from(b.3 - b.2) + 1);
            if span > limits.max_sheet_cells {
                return Err(Limits::exceeded(file, "maxSheetCells", limits.max_sheet_cells, Some(u64::from(row) + 1)));
            }
        }
    }
    Ok(())
}
