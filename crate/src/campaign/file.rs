//! Reading a campaign file: who was contacted and who was held out.
//!
//! A text table (CSV, TSV, `;` or `|`, optionally gzipped, any encoding ingest detects) read
//! with ingest's own pieces: [`crate::ingest::decode::detect`] and
//! [`crate::ingest::decode::TextDecoder`] for the encoding, [`crate::ingest::sniff::sniff_delimiter`]
//! for the delimiter, [`crate::ingest::csv::RecordReader`] for the records and
//! [`crate::ingest::roles::detect_roles`] for the customer id column. Its columns:
//!
//! - **customer id** (required): any name the sales vocabulary knows (`CustomerID`, `客户ID`...);
//!   cells are trimmed and lose a spreadsheet's `'` or `="…"` guard, as ingest does, so they match
//!   the sales file's ids;
//! - **group** (required): `group`, `组别`, `分组`, `treatment`...; values `contacted` /
//!   `control` in English or Chinese (`触达组` / `对照组`), `treatment` / `holdout`, or `1` / `0`;
//! - **segment** (optional): `segment`, `分群`, `细分`...;
//! - **start** (optional): the campaign's start date per customer (`start`, `start_date`,
//!   `开始日期`...); without it the start comes from the setting.
//!
//! Rows with an empty customer id are skipped and counted; a customer listed twice in one group
//! counts once (the repeats are counted); a customer in both groups is an error naming it.

use std::collections::BTreeMap;
use std::io::Read;

use serde::Serialize;

use super::CampaignError;
use crate::ingest::csv::RecordReader;
use crate::ingest::decode::{detect, TextDecoder};
use crate::ingest::roles::{detect_roles, normalize_header};
use crate::ingest::sniff::sniff_delimiter;
use crate::ingest::values::{parse_datetime, strip_excel_guard};
use crate::ingest::Role;

/// The most bytes a campaign file may decompress to (256 MiB).
pub const MAX_BYTES: u64 = 256 << 20;

/// One customer of the campaign file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub customer: String,
    /// Held out (not contacted).
    pub control: bool,
    pub segment: Option<String>,
    /// Start of this customer's campaign window (seconds), from the file's start column.
    pub start: Option<i64>,
    /// The row the customer was first listed on (1-based, the header being row 1).
    pub row: u64,
}

/// A campaign file as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignFile {
    pub name: String,
    /// One entry per customer, in the order of the file.
    pub entries: Vec<Entry>,
    /// Data rows read (the header excluded, blank lines not counted).
    pub rows: u64,
    /// Rows skipped because the customer id was empty.
    pub rows_without_customer: u64,
    /// Rows repeating a customer already listed in the same group.
    pub duplicate_rows: u64,
    /// The columns used: customer, group, segment, start (names as in the file).
    pub columns: BTreeMap<&'static str, String>,
}

/// Header names (normalised by [`normalize_header`]) of the group column.
const GROUP_NAMES: &[&str] = &[
    "group",
    "groups",
    "campaigngroup",
    "testgroup",
    "treatment",
    "variant",
    "arm",
    "holdout",
    "contacted",
    "组别",
    "分组",
    "组",
    "实验分组",
    "对照组别",
    "是否触达",
    "触达",
];
/// Header names of the segment column.
const SEGMENT_NAMES: &[&str] =
    &["segment", "segments", "customersegment", "rfmsegment", "cluster", "分群", "细分", "客群", "客户分群", "人群"];
/// Header names of the start column.
const START_NAMES: &[&str] = &[
    "start",
    "startdate",
    "campaignstart",
    "sentat",
    "sentdate",
    "senddate",
    "contactdate",
    "开始日期",
    "活动开始",
    "开始时间",
    "发送时间",
    "触达时间",
    "触达日期",
];

/// The group a cell names: `Some(true)` control, `Some(false)` contacted.
pub fn parse_group(cell: &str) -> Option<bool> {
    let v = cell.trim().to_lowercase();
    match v.as_str() {
        "control" | "holdout" | "hold-out" | "hold out" | "0" | "no" | "false" | "n" | "c" | "对照组" | "对照"
        | "对照群" | "未触达" | "否" => Some(true),
        "contacted" | "treatment" | "treated" | "test" | "target" | "1" | "yes" | "true" | "y" | "t" | "触达组"
        | "触达" | "实验组" | "已触达" | "是" => Some(false),
        _ => None,
    }
}

/// Reads a campaign file from its bytes (gzip, a BOM and legacy encodings handled).
pub fn read_campaign(name: &str, bytes: &[u8]) -> Result<CampaignFile, CampaignError> {
    let err = |detail: String| CampaignError::Unreadable { file: name.to_owned(), detail };
    let unzipped;
    let mut raw = bytes;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .take(MAX_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| err(format!("gzip: {e}")))?;
        if out.len() as u64 > MAX_BYTES {
            return Err(err(format!("more than {MAX_BYTES} bytes once decompressed")));
        }
        unzipped = out;
        raw = &unzipped;
    }
    let (encoding, _, bom) = detect(&raw[..raw.len().min(64 << 10)], raw.len() <= 64 << 10)
        .map_err(|_| CampaignError::NeedsFullReader { file: name.to_owned(), reader: "legacy_encoding" })?;
    let mut decoder = TextDecoder::new(encoding);
    let text: Vec<u8> = if decoder.is_utf8() { raw[bom..].to_vec() } else { decoder.decode(raw, true).to_vec() };
    let delimiter = sniff_delimiter(&text[..text.len().min(64 << 10)]);
    let mut records: Vec<(u64, Vec<String>)> = Vec::new();
    let mut reader = RecordReader::new(delimiter).cut_unclosed_quote(true);
    let mut on_record = |r: &crate::ingest::csv::Record<'_>| -> Result<(), ()> {
        let cells =
            (0..r.len()).map(|i| String::from_utf8_lossy(r.get(i).unwrap_or_default()).trim().to_owned()).collect();
        records.push((r.line, cells));
        Ok(())
    };
    let too_large = |_| err("one record is too large".into());
    reader.feed(&text, &mut on_record).map_err(too_large)?;
    reader.feed(b"", &mut on_record).map_err(too_large)?;
    let records: Vec<(u64, Vec<String>)> =
        records.into_iter().filter(|(_, c)| c.iter().any(|v| !v.is_empty())).collect();
    let Some(((_, header), data)) = records.split_first() else {
        return Err(CampaignError::EmptyFile { file: name.to_owned() });
    };
    let normalized: Vec<String> = header.iter().map(|h| normalize_header(h)).collect();
    let find = |names: &[&str]| normalized.iter().position(|h| names.contains(&h.as_str()));
    let roles = detect_roles(header);
    let customer = roles.iter().position(|r| *r == Some(Role::CustomerId)).or_else(|| {
        normalized.iter().position(|h| h == "id" || h.contains("customer") || h.contains("客户") || h.contains("会员"))
    });
    let group = find(GROUP_NAMES);
    let (Some(customer), Some(group)) = (customer, group) else {
        return Err(CampaignError::MissingColumn {
            file: name.to_owned(),
            column: if customer.is_none() { "customer" } else { "group" },
            columns: header.clone(),
        });
    };
    let segment = find(SEGMENT_NAMES).filter(|&i| i != customer && i != group);
    let start = find(START_NAMES).filter(|&i| i != customer && i != group);
    let mut columns = BTreeMap::new();
    columns.insert("customer", header[customer].clone());
    columns.insert("group", header[group].clone());
    if let Some(i) = segment {
        columns.insert("segment", header[i].clone());
    }
    if let Some(i) = start {
        columns.insert("start", header[i].clone());
    }
    let mut out = CampaignFile {
        name: name.to_owned(),
        entries: Vec::new(),
        rows: 0,
        rows_without_customer: 0,
        duplicate_rows: 0,
        columns,
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (line, cells) in data {
        out.rows += 1;
        let cell = |i: usize| cells.get(i).map_or("", |s| s.as_str());
        let id = strip_excel_guard(cell(customer)).trim();
        if id.is_empty() {
            out.rows_without_customer += 1;
            continue;
        }
        let control = parse_group(cell(group))
            .ok_or_else(|| CampaignError::BadGroup { row: *line, value: cell(group).to_owned() })?;
        let start = match start.map(cell).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                Some(parse_datetime(s).ok_or_else(|| CampaignError::BadStart { row: *line, value: s.to_owned() })?)
            }
        };
        if let Some(&k) = seen.get(id) {
            let first = &out.entries[k];
            if first.control != control {
                return Err(CampaignError::BothGroups { customer: id.to_owned(), row: *line, first_row: first.row });
            }
            out.duplicate_rows += 1;
            continue;
        }
        seen.insert(id.to_owned(), out.entries.len());
        let segment = segment.map(cell).filter(|s| !s.is_empty()).map(str::to_owned);
        out.entries.push(Entry { customer: id.to_owned(), control, segment, start, row: *line });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_english_and_chinese_files() {
        let f = read_campaign(
            "c.csv",
            b"CustomerID,group,segment\n17850,contacted,A\n13047,control,B\n,control,\n17850,1,A\n",
        )
        .unwrap();
        assert_eq!(f.entries.len(), 2);
        assert_eq!((f.rows, f.rows_without_customer, f.duplicate_rows), (4, 1, 1));
        assert!(f.entries[1].control && !f.entries[0].control);
        assert_eq!(f.entries[0].segment.as_deref(), Some("A"));
        let zh =
            read_campaign("c.csv", "客户ID,组别,开始日期\n'0012,对照组,2011-01-05\nA9,触达组,\n".as_bytes()).unwrap();
        assert_eq!(zh.entries[0].customer, "0012");
        assert!(zh.entries[0].control);
        assert!(zh.entries[0].start.is_some() && zh.entries[1].start.is_none());
    }

    #[test]
    fn errors_name_the_row_and_customer() {
        let both = read_campaign("c.csv", b"customer_id,group\n1,contacted\n2,control\n1,control\n").unwrap_err();
        assert_eq!(both, CampaignError::BothGroups { customer: "1".into(), row: 4, first_row: 2 });
        let bad = read_campaign("c.csv", b"customer_id,group\n1,maybe\n").unwrap_err();
        assert_eq!(bad, CampaignError::BadGroup { row: 2, value: "maybe".into() });
        assert!(matches!(
            read_campaign("c.csv", b"customer_id,colour\n1,red\n"),
            Err(CampaignError::MissingColumn { column: "group", .. })
        ));
        assert!(matches!(read_campaign("c.csv", b""), Err(CampaignError::EmptyFile { .. })));
    }
}
