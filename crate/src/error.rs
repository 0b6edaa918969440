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

/// A column as a [`IngestError::MissingRole`] shows it: its name, its first sample values, and
/// the role its name or values suggest with how sure that is (1 for a header name the
/// vocabulary knows, less for a guess from the values, 0 for none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnGuess {
    pub name: String,
    pub samples: Vec<String>,
    pub guess: Option<Role>,
    pub confidence: f64,
}

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
    /// No column could be given a role the analysis needs. Every column comes with its sample
    /// values and the role its name or values suggest, and `candidate` is the column most
    /// likely to hold the missing role, so the page can offer the fix.
    #[error(
        "{file}, row {row}: no column holds the {role} (for example a column named {examples}){}; the columns are: {}.",
        candidate.as_ref().map_or(String::new(), |c| format!("; the best candidate is `{c}`")),
        columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", "),
        role = role.name(),
        examples = role.examples()
    )]
    MissingRole { file: String, row: u64, role: Role, columns: Vec<ColumnGuess>, candidate: Option<String> },
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
    /// The header row the user set is not one the file has (it ends before, or the row is past
    /// the deepest one read, `last`): no other row is taken in its place.
    #[error("{file}: the header row is set to row {row}, but it can only be one of rows 1 to {last}.")]
    HeaderRowOutOfRange { file: String, row: u64, last: u64 },
    /// A record among those where the header is looked for has more fields than a header may.
    #[error("{file}, row {row}: this row has {fields} fields, more than the {max} a header row may have; this is probably not a table with a header.")]
    TooManyFields { file: String, row: u64, fields: u64, max: u64 },
    /// An Excel workbook or a ZIP archive could not be opened.
    #[error("{file}: the {format} file could not be read ({detail}).")]
    Archive { file: String, format: &'static str, detail: String },
    /// The sheet the user chose is not in the workbook.
    #[error("{file}: there is no sheet named \"{sheet}\"; the sheets are: {}.", sheets.join(", "))]
    NoSuchSheet { file: String, sheet: String, sheets: Vec<String> },
    /// The user's encoding choice is not a known label.
    #[error("{file}: \"{label}\" is not a text encoding Clientele knows (try UTF-8, GBK, GB18030, Big5, UTF-16LE).")]
    UnknownEncoding { file: String, label: String },
    /// Reading the file would pass one of its [`Limits`](crate::ingest::Limits): `limit` is the
    /// setting's name (`maxEntryBytes`...), which `--file-options` or the page's settings can raise.
    #[error(
        "{file}{}: reading this file would pass the limit {limit} = {value}; it may be a decompression bomb or a damaged file (the setting {limit} raises the limit).",
        row.map(|r| format!(", row {r}")).unwrap_or_default()
    )]
    LimitExceeded { file: String, limit: &'static str, value: u64, row: Option<u64> },
    /// This build of the core (the page's first wasm module, issue 16) has no reader for the
    /// file: `reader` is `zip` (an archive or a workbook), `workbook` (xls) or
    /// `legacy_encoding`. The page loads the full module and reads the files again.
    #[error("{file}: this build has no {reader} reader; the full reader must read this file.")]
    NeedsFullReader { file: String, reader: &'static str },
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
            IngestError::HeaderRowOutOfRange { .. } => "ingest.header_row_out_of_range",
            IngestError::TooManyFields { .. } => "ingest.too_many_fields",
            IngestError::Archive { .. } => "ingest.archive",
            IngestError::NoSuchSheet { .. } => "ingest.no_such_sheet",
            IngestError::UnknownEncoding { .. } => "ingest.unknown_encoding",
            IngestError::LimitExceeded { .. } => "ingest.limit_exceeded",
            IngestError::NeedsFullReader { .. } => "ingest.needs_full_reader",
            IngestError::Protocol { .. } => "internal.protocol",
        }
    }

    /// The values a translated message needs, as a JSON object.
    pub fn params(&self) -> Value {
        match self {
            IngestError::EmptyFile { .. } | IngestError::NoHeader { .. } => json!({}),
            IngestError::MissingRole { role, columns, candidate, .. } => {
                json!({ "role": role, "columns": columns, "candidate": candidate })
            }
            IngestError::UnsupportedFormat { format, .. } => json!({ "format": format }),
            IngestError::GzipCorrupt { detail, .. } => json!({ "detail": detail }),
            IngestError::RecordTooLarge { bytes, .. } => json!({ "bytes": bytes }),
            IngestError::HeaderRowOutOfRange { row, last, .. } => json!({ "row": row, "last": last }),
            IngestError::TooManyFields { fields, max, .. } => json!({ "fields": fields, "max": max }),
            IngestError::Archive { format, detail, .. } => json!({ "format": format, "detail": detail }),
            IngestError::NoSuchSheet { sheet, sheets, .. } => json!({ "sheet": sheet, "sheets": sheets }),
            IngestError::UnknownEncoding { label, .. } => json!({ "label": label }),
            IngestError::LimitExceeded { limit, value, .. } => json!({ "limit": limit, "value": value }),
            IngestError::NeedsFullReader { reader, .. } => json!({ "reader": reader }),
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
            | IngestError::UnknownEncoding { file, .. }
            | IngestError::NeedsFullReader { file, .. } => (Some(file), None, None),
            IngestError::MissingRole { file, row, .. }
            | IngestError::RecordTooLarge { file, row, .. }
            | IngestError::HeaderRowOutOfRange { file, row, .. }
            | IngestError::TooManyFields { file, row, .. } => (Some(file), Some(*row), None),
            IngestError::LimitExceeded { file, row, .. } => (Some(file), *row, None),
            IngestError::Protocol { .. } => (None, None, None),
        }
    }

    /// The error as plain data: what crosses to the page and what `--json` prints.
    pub fn report(&self) -> ErrorReport {
        ErrorReport::of(self)
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

impl ErrorReport {
    /// The report of any coded error: the one conversion every stage's error goes through
    /// (the wasm boundary throws it, `--json` prints it).
    pub fn of<E: Coded + ?Sized>(e: &E) -> ErrorReport {
        let (file, row, column) = e.location();
        ErrorReport {
            code: e.code(),
            params: e.params(),
            file: file.map(str::to_owned),
            row,
            column,
            message: e.to_string(),
        }
    }
}

/// What every stage's error offers: a stable code (the i18n key on the page, listed in
/// [`ERROR_CODES`]), the values its message needs, and where in the input it applies.
pub trait Coded: std::fmt::Display {
    /// The stable code, such as `ingest.missing_role` or `segment.bad_cuts`.
    fn code(&self) -> &'static str;
    /// The values a translated message needs, as a JSON object (`{}` when none).
    fn params(&self) -> Value;
    /// The file, 1-based row and column where the error applies; analysis errors have none.
    fn location(&self) -> (Option<&str>, Option<u64>, Option<String>) {
        (None, None, None)
    }
}

/// Any error of the core, stage by stage: what [`crate::workspace::Workspace`] returns and the
/// boundary converts (with [`ErrorReport::of`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Segment(#[from] crate::segment::SegmentError),
    #[error(transparent)]
    Cluster(#[from] crate::segment::cluster::ClusterError),
    #[error(transparent)]
    Profile(#[from] crate::segment::profile::ProfileError),
    #[error(transparent)]
    Lifecycle(#[from] crate::segment::lifecycle::LifecycleError),
    #[error(transparent)]
    Basket(#[from] crate::basket::BasketError),
    #[error(transparent)]
    Clv(#[from] crate::clv::ClvError),
    #[cfg(feature = "demo")]
    #[error(transparent)]
    Demo(#[from] crate::demo::DemoError),
    #[error(transparent)]
    Campaign(#[from] crate::campaign::CampaignError),
    /// The data read lacks a column the analysis needs (see [`crate::capabilities`]).
    #[error(transparent)]
    Needs(#[from] crate::capabilities::NeedsError),
    /// The caller's arguments do not have the shape the operation takes (a page bug, not the
    /// user's: values the user types are checked by each stage with its own codes).
    #[error("invalid {what}: {detail}")]
    Args { what: &'static str, detail: String },
}

impl From<crate::segment::views::ProfileViewError> for Error {
    fn from(e: crate::segment::views::ProfileViewError) -> Error {
        match e {
            crate::segment::views::ProfileViewError::Segment(e) => Error::Segment(e),
            crate::segment::views::ProfileViewError::Profile(e) => Error::Profile(e),
        }
    }
}

impl From<crate::segment::lifecycle::MigrationError> for Error {
    fn from(e: crate::segment::lifecycle::MigrationError) -> Error {
        Error::Lifecycle(e.into())
    }
}

impl Coded for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Ingest(e) => Coded::code(e),
            Error::Segment(e) => Coded::code(e),
            Error::Cluster(e) => Coded::code(e),
            Error::Profile(e) => Coded::code(e),
            Error::Lifecycle(e) => Coded::code(e),
            Error::Basket(e) => Coded::code(e),
            Error::Clv(e) => Coded::code(e),
            #[cfg(feature = "demo")]
            Error::Demo(e) => Coded::code(e),
            Error::Campaign(e) => Coded::code(e),
            Error::Needs(e) => Coded::code(e),
            Error::Args { .. } => "internal.bad_args",
        }
    }
    fn params(&self) -> Value {
        match self {
            Error::Ingest(e) => e.params(),
            Error::Segment(e) => e.params(),
            Error::Cluster(e) => e.params(),
            Error::Profile(e) => e.params(),
            Error::Lifecycle(e) => e.params(),
            Error::Basket(e) => e.params(),
            Error::Clv(e) => e.params(),
            #[cfg(feature = "demo")]
            Error::Demo(e) => e.params(),
            Error::Campaign(e) => e.params(),
            Error::Needs(e) => e.params(),
            Error::Args { what, detail } => json!({ "what": what, "detail": detail }),
        }
    }
    fn location(&self) -> (Option<&str>, Option<u64>, Option<String>) {
        match self {
            Error::Ingest(e) => e.location(),
            Error::Campaign(e) => e.location(),
            _ => (None, None, None),
        }
    }
}

/// Every error code the core can produce. The page has a message for each in both languages
/// (`tests/unit/i18n.test.mjs` checks, through `clientele error-codes`), and the tests below
/// build every variant and check its code is listed here.
pub const ERROR_CODES: &[&str] = &[
    "ingest.empty_file",
    "ingest.no_header",
    "ingest.missing_role",
    "ingest.unsupported_format",
    "ingest.gzip_corrupt",
    "ingest.record_too_large",
    "ingest.header_row_out_of_range",
    "ingest.too_many_fields",
    "ingest.archive",
    "ingest.no_such_sheet",
    "ingest.unknown_encoding",
    "ingest.limit_exceeded",
    "ingest.needs_full_reader",
    "internal.protocol",
    "internal.bad_args",
    "segment.bad_cuts",
    "segment.bad_tiers",
    "segment.bad_value_options",
    "segment.unknown_scheme",
    "segment.lifecycle_bad_param",
    "segment.migration_label_out_of_range",
    "segment.cluster_length_mismatch",
    "segment.cluster_too_few_customers",
    "segment.cluster_bad_param",
    "segment.cluster_bad_seed",
    "segment.profile_label_out_of_range",
    "segment.profile_value_out_of_range",
    "basket.invalid_parameter",
    "basket.no_baskets",
    "basket.unknown_item",
    "basket.too_many_itemsets",
    "basket.too_many_rules",
    "basket.too_many_sequences",
    "basket.incomplete_itemsets",
    "basket.not_available",
    "basket.order_level",
    "basket.cancelled",
    "clv.length_mismatch",
    "clv.no_customers",
    "clv.not_finite",
    "clv.out_of_range",
    "clv.bad_split",
    "clv.bad_options",
    "clv.bad_date",
    "clv.bad_horizon",
    "clv.bad_sort",
    "clv.no_repeat_customers",
    "clv.bad_parameter",
    "clv.no_finite_likelihood",
    "demo.invalid_params",
    "demo.io",
    "analysis.needs_customer_id",
    "analysis.needs_amount",
    "analysis.needs_date",
    "analysis.needs_items",
    "campaign.empty_file",
    "campaign.unreadable",
    "campaign.missing_column",
    "campaign.bad_group",
    "campaign.bad_start",
    "campaign.customer_in_both_groups",
    "campaign.no_start",
    "campaign.bad_param",
];

impl Coded for IngestError {
    fn code(&self) -> &'static str {
        IngestError::code(self)
    }
    fn params(&self) -> Value {
        IngestError::params(self)
    }
    fn location(&self) -> (Option<&str>, Option<u64>, Option<String>) {
        IngestError::location(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basket::BasketError;
    use crate::clv::{BgNbdError, ClvError, ParamError, SummaryError};
    use crate::segment::cluster::ClusterError;
    use crate::segment::lifecycle::{LifecycleError, MigrationError};
    use crate::segment::profile::ProfileError;
    use crate::segment::{rfm::BinningError, rfm::Metric, SegmentError};

    /// One error of every variant of every stage.
    fn every_error() -> Vec<Error> {
        let file = || "f.csv".to_owned();
        let ingest = vec![
            IngestError::EmptyFile { file: file() },
            IngestError::NoHeader { file: file() },
            IngestError::MissingRole {
                file: file(),
                row: 1,
                role: Role::CustomerId,
                columns: vec![ColumnGuess {
                    name: "a".into(),
                    samples: vec!["000123".into()],
                    guess: Some(Role::OrderId),
                    confidence: 0.5,
                }],
                candidate: Some("a".into()),
            },
            IngestError::UnsupportedFormat { file: file(), format: "pdf" },
            IngestError::GzipCorrupt { file: file(), detail: "eof".into() },
            IngestError::RecordTooLarge { file: file(), row: 3, bytes: 16 },
            IngestError::HeaderRowOutOfRange { file: file(), row: 40, last: 12 },
            IngestError::TooManyFields { file: file(), row: 1, fields: 20_000, max: 16_384 },
            IngestError::Archive { file: file(), format: "zip", detail: "bad".into() },
            IngestError::NoSuchSheet { file: file(), sheet: "S".into(), sheets: vec!["T".into()] },
            IngestError::UnknownEncoding { file: file(), label: "x".into() },
            IngestError::LimitExceeded { file: file(), limit: "maxEntryBytes", value: 1 << 30, row: None },
            IngestError::NeedsFullReader { file: file(), reader: "zip" },
            IngestError::Protocol { detail: "order" },
        ];
        let lifecycle = || LifecycleError::BadParam { name: "n", expected: "e", found: 1.0 };
        let migration = || MigrationError::LabelOutOfRange { customer: 1, label: 9, labels: 2 };
        let summary = vec![
            SummaryError::LengthMismatch { what: "t" },
            SummaryError::NoCustomers,
            SummaryError::NotFinite { field: "x", index: 0 },
            SummaryError::OutOfRange { field: "x", index: 0, value: -1.0, rule: "≥ 0" },
            SummaryError::BadSplit,
        ];
        let mut all: Vec<Error> = ingest.into_iter().map(Error::from).collect();
        all.extend(summary.into_iter().map(|e| Error::Clv(e.into())));
        all.extend([
            Error::Args { what: "settings", detail: "missing field".into() },
            SegmentError::Binning(BinningError::BadCuts(Metric::Recency)).into(),
            SegmentError::BadTiers.into(),
            SegmentError::BadValueOptions.into(),
            SegmentError::UnknownScheme { scheme: "x".into() }.into(),
            SegmentError::Lifecycle(lifecycle()).into(),
            lifecycle().into(),
            migration().into(),
            ClusterError::LengthMismatch { column: "m".into(), expected: 2, found: 1 }.into(),
            ClusterError::TooFewCustomers { needed: 2, found: 1 }.into(),
            ClusterError::BadParam { name: "k", detail: "≥ 2" }.into(),
            ClusterError::BadSeed { value: "x".into() }.into(),
            ProfileError::LabelOutOfRange { customer: 1, label: 3, labels: 2 }.into(),
            ProfileError::ValueOutOfRange { column: "c".into(), customer: 1, value: 3, values: 2 }.into(),
            BasketError::InvalidParameter { name: "min_support", expected: "> 0", value: "0".into() }.into(),
            BasketError::NoBaskets.into(),
            BasketError::UnknownItem { name: "x".into() }.into(),
            BasketError::TooManyItemsets { cap: 1, min_count: 1 }.into(),
            BasketError::TooManyRules { cap: 1 }.into(),
            BasketError::TooManySequences { cap: 1, min_count: 1 }.into(),
            BasketError::IncompleteItemsets.into(),
            BasketError::NotAvailable { what: "category" }.into(),
            BasketError::OrderLevel.into(),
            BasketError::Cancelled.into(),
            ClvError::Options(ParamError::MaxIterations).into(),
            ClvError::BgNbd(BgNbdError::NoRepeatCustomers).into(),
            ClvError::BgNbd(BgNbdError::BadParameter { name: "r", value: -1.0 }).into(),
            ClvError::BgNbd(BgNbdError::NoFiniteLikelihood).into(),
            ClvError::BadHorizon.into(),
            ClvError::BadDate { value: "x".into() }.into(),
            ClvError::BadSort { column: "x".into() }.into(),
            crate::demo::DemoError::Params { field: "years", detail: "0".into() }.into(),
            crate::demo::DemoError::Io(std::io::Error::other("disk full")).into(),
        ]);
        use crate::campaign::CampaignError as C;
        all.extend(
            [
                C::EmptyFile { file: file() },
                C::Unreadable { file: file(), detail: "gzip".into() },
                C::MissingColumn { file: file(), column: "group", columns: vec!["a".into()] },
                C::BadGroup { row: 2, value: "x".into() },
                C::BadStart { row: 2, value: "x".into() },
                C::BothGroups { customer: "1".into(), row: 3, first_row: 2 },
                C::NoStart,
                C::BadParam { name: "margin", value: "2".into() },
                C::NeedsFullReader { file: file(), reader: "legacy_encoding" },
            ]
            .map(Error::from),
        );
        use crate::capabilities::{Analysis, NeedsError};
        for role in [Role::CustomerId, Role::Amount, Role::Datetime, Role::ProductName] {
            all.push(NeedsError { analysis: Analysis::Rfm, role, order_level: false }.into());
        }
        all
    }

    #[test]
    fn every_error_has_a_listed_code_params_and_a_sentence() {
        let mut seen = std::collections::BTreeSet::new();
        for e in every_error() {
            let r = ErrorReport::of(&e);
            assert!(ERROR_CODES.contains(&r.code), "{} is not in ERROR_CODES", r.code);
            assert!(r.params.is_object(), "{}: params {:?}", r.code, r.params);
            assert!(!r.message.is_empty());
            seen.insert(r.code);
        }
        // Every listed code is produced by some variant (none is dead).
        let unseen: Vec<_> = ERROR_CODES.iter().filter(|c| !seen.contains(*c)).collect();
        assert!(unseen.is_empty(), "listed but never produced: {unseen:?}");
    }

    #[test]
    fn reports_carry_the_values_a_message_needs() {
        let r = ErrorReport::of(&Error::from(ClusterError::BadSeed { value: "12x".into() }));
        assert_eq!((r.code, r.params["value"].as_str()), ("segment.cluster_bad_seed", Some("12x")));
        let r = ErrorReport::of(&Error::from(SegmentError::Binning(BinningError::BadCuts(Metric::Monetary))));
        assert_eq!(r.params, json!({ "metric": "monetary" }));
        let r = ErrorReport::of(&Error::from(IngestError::RecordTooLarge { file: "a.csv".into(), row: 7, bytes: 9 }));
        assert_eq!((r.file.as_deref(), r.row, r.params["bytes"].as_u64()), (Some("a.csv"), Some(7), Some(9)));
        let r = ErrorReport::of(&Error::from(BasketError::TooManyRules { cap: 5 }));
        assert_eq!(r.params["cap"], 5);
    }
}
