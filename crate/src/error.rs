//! Errors that stop an input from being read at all.
//!
//! Data problems that only affect some rows (a bad date, a missing customer id) are not errors:
//! they are counted in the ingest report (see [`crate::ingest::RowCounts`]). An [`IngestError`]
//! means no result can be produced for the file. Each variant has a stable `code` (such as
//! `ingest.missing_role`), structured params and a location, so the page can build its message
//! in any language without parsing the English sentence that `Display` prints.

use serde::Serialize;
use serde_json::{json, Value};

use crate::ingest::Role;

/// Why a file could not be read. `Display` prints one full English sentence that names the file
/// and, where it applies, the row and column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IngestError {
    /// The file holds no bytes, or nothing but blank lines.
    #[error("{file}: the file is empty; there is nothing to analyse.")]
    EmptyFile { file: String },
    /// Every record was blank, so there is no header row naming the columns.
    #[error("{file}: no header row was found; the first line must name the columns.")]
    NoHeader { file: String },
    /// No column could be given a role the analysis needs.
    #[error(
        "{file}, row {row}: no column holds the {role} (for example a column named {examples}); the columns are: {}.",
        columns.join(", "),
        role = role.name(),
        examples = role.examples()
    )]
    MissingRole { file: String, row: u64, role: Role, columns: Vec<String> },
    /// The bytes are a container or format this build does not read (yet).
    #[error("{file}: this is a {format} file, which Clientele cannot read; save or export it as CSV (UTF-8).")]
    UnsupportedFormat { file: String, format: &'static str },
    /// The file starts as gzip but its compressed data is damaged or cut short.
    #[error("{file}: the gzip data is damaged or incomplete ({detail}).")]
    GzipCorrupt { file: String, detail: String },
    /// One record grew beyond the limit: usually an unclosed quote or a binary file.
    #[error(
        "{file}, row {row}: one record is larger than {bytes} bytes; a quote is probably never closed, or this is not a text table."
    )]
    RecordTooLarge { file: String, row: u64, bytes: usize },
    /// An Excel workbook or a ZIP archive could not be opened.
    #[error("{file}: the {format} file could not be read ({detail}).")]
    Archive { file: String, format: &'static str, detail: String },
    /// The sheet the user chose is not in the workbook.
    #[error("{file}: there is no sheet named \"{sheet}\"; the sheets are: {}.", sheets.join(", "))]
    NoSuchSheet { file: String, sheet: String, sheets: Vec<String> },
    /// The user's encoding choice is not a known label.
    #[error("{file}: \"{label}\" is not a text encoding Clientele knows (try UTF-8, GBK, GB18030, Big5, UTF-16LE).")]
    UnknownEncoding { file: String, label: String },
    /// The caller used the API out of order (for example `push` before `begin_file`).
    #[error("internal: {detail}")]
    Protocol { detail: &'static str },
}

impl IngestError {
    /// The stable code of this error, used as the i18n key on the page.
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::EmptyFile { .. } => "ingest.empty_file",
            IngestError::NoHeader { .. } => "ingest.no_header",
            IngestError::MissingRole { .. } => "ingest.missing_role",
            IngestError::UnsupportedFormat { .. } => "ingest.unsupported_format",
            IngestError::GzipCorrupt { .. } => "ingest.gzip_corrupt",
            IngestError::RecordTooLarge { .. } => "ingest.record_too_large",
            IngestError::Archive { .. } => "ingest.archive",
            IngestError::NoSuchSheet { .. } => "ingest.no_such_sheet",
            IngestError::UnknownEncoding { .. } => "ingest.unknown_encoding",
            IngestError::Protocol { .. } => "internal.protocol",
        }
    }

    /// The values a translated message needs, as a JSON object.
    pub fn params(&self) -> Value {
        match self {
            IngestError::EmptyFile { .. } | IngestError::NoHeader { .. } => json!({}),
            IngestError::MissingRole { role, columns, .. } => json!({ "role": role, "columns": columns }),
            IngestError::UnsupportedFormat { format, .. } => json!({ "format": format }),
            IngestError::GzipCorrupt { detail, .. } => json!({ "detail": detail }),
            IngestError::RecordTooLarge { bytes, .. } => json!({ "bytes": bytes }),
            IngestError::Archive { format, detail, .. } => json!({ "format": format, "detail": detail }),
            IngestError::NoSuchSheet { sheet, sheets, .. } => json!({ "sheet": sheet, "sheets": sheets }),
            IngestError::UnknownEncoding { label, .. } => json!({ "label": label }),
            IngestError::Protocol { detail } => json!({ "detail": detail }),
        }
    }

    /// The file, the 1-based row (record number, the header being row 1) and the column name
    /// where the error applies.
    pub fn location(&self) -> (Option<&str>, Option<u64>, Option<String>) {
        match self {
            IngestError::EmptyFile { file }
            | IngestError::NoHeader { file }
            | IngestError::UnsupportedFormat { file, .. }
            | IngestError::GzipCorrupt { file, .. }
            | IngestError::Archive { file, .. }
            | IngestError::NoSuchSheet { file, .. }
            | IngestError::UnknownEncoding { file, .. } => (Some(file), None, None),
            IngestError::MissingRole { file, row, .. } | IngestError::RecordTooLarge { file, row, .. } => {
                (Some(file), Some(*row), None)
            }
            IngestError::Protocol { .. } => (None, None, None),
        }
    }

    /// The error as plain data: what crosses to the page and what `--json` prints.
    pub fn report(&self) -> ErrorReport {
        let (file, row, column) = self.location();
        ErrorReport {
            code: self.code(),
            params: self.params(),
            file: file.map(str::to_owned),
            row,
            column,
            message: self.to_string(),
        }
    }
}

/// A structured error as plain serde data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorReport {
    /// Stable code, such as `ingest.missing_role`.
    pub code: &'static str,
    /// Values for the translated message.
    pub params: Value,
    pub file: Option<String>,
    /// 1-based record number in the file (the header row is row 1).
    pub row: Option<u64>,
    pub column: Option<String>,
    /// The English sentence, for logs and the CLI. The page builds its own text from `code`.
    pub message: String,
}
