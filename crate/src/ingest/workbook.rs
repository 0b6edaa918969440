//! Excel workbooks (calamine) and ZIP archives (zip). Both formats need random access, so their
//! bytes are gathered whole first; a workbook sheet becomes rows of text cells that go through the
//! same row logic as a CSV file.

use std::io::{Cursor, Read};

use calamine::{Data, Reader};

use crate::error::IngestError;
use crate::ingest::values;

/// Entries larger than this are refused (a ZIP bomb guard): 2 GiB.
const MAX_ENTRY_BYTES: u64 = 2 << 30;

/// The tables inside a ZIP archive (CSV, TSV, TXT, gzip, XLSX, XLS), by name, in archive order.
/// Folders, hidden files and macOS resource forks are skipped.
pub fn zip_entries(file: &str, bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, IngestError> {
    let err = |detail: String| IngestError::Archive { file: file.to_owned(), format: "zip", detail };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| err(e.to_string()))?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| err(e.to_string()))?;
        let name = entry.name().to_owned();
        let base = name.rsplit('/').next().unwrap_or(&name);
        let lower = base.to_ascii_lowercase();
        let table = [".csv", ".tsv", ".txt", ".gz", ".xlsx", ".xlsm", ".xls"].iter().any(|ext| lower.ends_with(ext));
        if entry.is_dir() || base.starts_with('.') || name.starts_with("__MACOSX") || !table {
            continue;
        }
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(err(format!("{name} is larger than 2 GiB")));
        }
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).map_err(|e| err(format!("{name}: {e}")))?;
        out.push((name, data));
    }
    Ok(out)
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
