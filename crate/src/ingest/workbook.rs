//! Excel workbooks (calamine) and ZIP archives (zip). Both formats need random access, so their
//! bytes are gathered whole first; a workbook sheet becomes rows of text cells that go through the
//! same row logic as a CSV file.

use std::io::{Cursor, Read};

use calamine::{Data, Reader};

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
    /// read as deep as [`Limits::max_archive_depth`] allows). Folders are passed over; hidden files (`.x.csv`), names that climb
    /// out of the archive (`../x.csv`, `..\x.csv`), macOS resource forks and other formats are
    /// listed in [`ZipTables::skipped`].
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
    let table = [".csv", ".tsv", ".txt", ".gz", ".xlsx", ".xlsm", ".xls", ".zip"].iter().any(|ext| lower.ends_with(ext));
    if parts.iter().any(|p| *p == "..") || name.starts_with(['/', '\\']) {
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

/// One sheet of a workbook as text cells.
#[derive(Debug)]
pub struct Sheet {
    /// Every sheet name, in order.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    pub rows: Vec<Vec<String>>,
}

/// Reads one sheet: the named one, else the first sheet with any data.
pub fn read_sheet(file: &str, bytes: Vec<u8>, xls: bool, wanted: Option<&str>) -> Result<Sheet, IngestError> {
    let format = if xls { "xls" } else { "xlsx" };
    let err = |detail: String| IngestError::Archive { file: file.to_owned(), format, detail };
    let cursor = Cursor::new(bytes);
    let mut book: Box<dyn SheetSource> = if xls {
        Box::new(calamine::Xls::new(cursor).map_err(|e| err(e.to_string()))?)
    } else {
        Box::new(calamine::Xlsx::new(cursor).map_err(|e| err(e.to_string()))?)
    };
    let sheets = book.names();
    if let Some(w) = wanted {
        if !sheets.iter().any(|s| s == w) {
            return Err(IngestError::NoSuchSheet { file: file.to_owned(), sheet: w.to_owned(), sheets });
        }
    }
    let candidates: Vec<String> = match wanted {
        Some(w) => vec![w.to_owned()],
        None => sheets.clone(),
    };
    for name in candidates {
        let range = book.range(&name).map_err(err)?;
        if range.is_empty() && wanted.is_none() {
            continue;
        }
        let rows = range.rows().map(|row| row.iter().map(cell_text).collect()).collect();
        return Ok(Sheet { sheets, sheet: name, rows });
    }
    Err(IngestError::EmptyFile { file: file.to_owned() })
}

/// The workbook readers behind one small interface.
trait SheetSource {
    fn names(&self) -> Vec<String>;
    fn range(&mut self, name: &str) -> Result<calamine::Range<Data>, String>;
}

impl<R: Read + std::io::Seek> SheetSource for calamine::Xlsx<R> {
    fn names(&self) -> Vec<String> {
        self.sheet_names()
    }
    fn range(&mut self, name: &str) -> Result<calamine::Range<Data>, String> {
        self.worksheet_range(name).map_err(|e| e.to_string())
    }
}

impl<R: Read + std::io::Seek> SheetSource for calamine::Xls<R> {
    fn names(&self) -> Vec<String> {
        self.sheet_names()
    }
    fn range(&mut self, name: &str) -> Result<calamine::Range<Data>, String> {
        self.worksheet_range(name).map_err(|e| e.to_string())
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
