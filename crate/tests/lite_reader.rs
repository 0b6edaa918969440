//! The lite core (no `containers`, `legacy` or `demo` feature: the page's first wasm module,
//! issue 16): what it cannot read it refuses with `ingest.needs_full_reader` and the reader it
//! lacks, before reading anything; UTF-8 and UTF-16 it reads by itself. Run by scripts/test with
//! `cargo test --release -p clientele --no-default-features --test lite_reader`; empty in the
//! default build.
#![cfg(not(any(feature = "containers", feature = "legacy")))]
#![allow(clippy::unwrap_used)]

use clientele::ingest::{FileOptions, Session};
use clientele::{Coded, IngestError};

const CSV: &str = "客户编号,下单时间,金额\nc1,2024-01-02,12.50\nc2,2024-01-03,7.25\n";

fn read(name: &str, bytes: &[u8], options: FileOptions) -> Result<(u64, String), IngestError> {
    let mut s = Session::default();
    // Small chunks: the refusal must not depend on them.
    s.begin_file_with(name, bytes.len() as u64, options)?;
    for chunk in bytes.chunks(5) {
        s.push(chunk)?;
    }
    let r = s.end_file()?;
    Ok((r.rows.purchase, r.encoding.to_owned()))
}

fn needs(result: Result<(u64, String), IngestError>) -> &'static str {
    match result {
        Err(IngestError::NeedsFullReader { reader, .. }) => {
            let e = IngestError::NeedsFullReader { file: String::new(), reader };
            assert_eq!(e.code(), "ingest.needs_full_reader");
            reader
        }
        other => panic!("expected needs_full_reader, got {other:?}"),
    }
}

#[test]
fn utf8_and_utf16_are_read_here() {
    assert_eq!(read("a.csv", CSV.as_bytes(), FileOptions::default()).unwrap(), (2, "UTF-8".into()));
    for (bom, le) in [(&b"\xFF\xFE"[..], true), (&b"\xFE\xFF"[..], false), (&b""[..], true)] {
        let mut bytes = bom.to_vec();
        for u in CSV.encode_utf16() {
            bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let name = if le { "UTF-16LE" } else { "UTF-16BE" };
        assert_eq!(read("u.csv", &bytes, FileOptions::default()).unwrap(), (2, name.into()), "{bom:?}");
    }
    let utf16 = FileOptions { encoding: Some(" UTF-16 ".into()), ..FileOptions::default() };
    let bytes: Vec<u8> = CSV.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(read("u.csv", &bytes, utf16).unwrap(), (2, "UTF-16LE".into()));
}

#[test]
fn zip_workbooks_and_legacy_text_need_the_full_reader() {
    assert_eq!(needs(read("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00rest", FileOptions::default())), "zip");
    assert_eq!(needs(read("a.zip", &[b"PK\x03\x04".as_slice(), &[0; 600]].concat(), FileOptions::default())), "zip");
    assert_eq!(needs(read("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", FileOptions::default())), "workbook");
    // GBK bytes in the sample: a legacy guess.
    let gbk = b"\xbf\xcd\xbb\xa7,\xbd\xf0\xb6\xee\nc1,12.5\n";
    assert_eq!(needs(read("gbk.csv", gbk, FileOptions::default())), "legacy_encoding");
    // An ASCII start, then invalid UTF-8 past the sample.
    let mut late = b"Customer,Date,Amount\n".to_vec();
    while late.len() < 70 << 10 {
        late.extend_from_slice(b"c1,2024-01-02,12.50\n");
    }
    late.extend_from_slice(b"\xbf\xcd,2024-01-02,1\n");
    assert_eq!(needs(read("late.csv", &late, FileOptions::default())), "legacy_encoding");
    // A legacy label chosen by the user, or any label this build does not know.
    for label in ["GBK", "latin1", "no-such-encoding"] {
        let options = FileOptions { encoding: Some(label.into()), ..FileOptions::default() };
        assert_eq!(needs(read("a.csv", CSV.as_bytes(), options)), "legacy_encoding", "{label}");
    }
    // A campaign file in GBK asks too.
    let campaign = clientele::campaign::read_campaign("c.csv", b"\xbf\xcd\xbb\xa7,group\nc1,control\n");
    assert_eq!(campaign.unwrap_err().code(), "ingest.needs_full_reader");
}
