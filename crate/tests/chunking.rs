#![allow(clippy::unwrap_used)]
//! The result of reading a file must not depend on how its bytes are chunked (issue 13): the page
//! pushes `File.stream()` chunks, the CLI 1 MiB reads from disk and 64 KiB from a pipe.
//!
//! A fixed-seed generator builds a few hundred hostile text files (UTF-8 with and without a BOM,
//! GBK, UTF-16 LE/BE, `,` `;` tab delimiters, decimal commas, quoted fields holding newlines and
//! delimiters, title lines above a late header, blank lines, CRLF, a NUL byte anywhere including
//! near byte 100,000, a stray invalid byte after valid UTF-8, an unclosed quote near the end,
//! gzip), reads each in one chunk, then with several random chunkings (1 byte to 4 MiB, varying
//! within the file; all 1-byte chunks for small files), and asserts the file reports and the
//! overview, or the error, are the same.

use std::io::Write;

use clientele::rng::Rng;
use clientele::Session;

/// The file reports and the overview as JSON, or the error.
fn read(name: &str, bytes: &[u8], chunks: &mut dyn FnMut(usize) -> usize) -> Result<String, String> {
    let mut s = Session::default();
    s.begin_file(name, bytes.len() as u64).map_err(|e| format!("{e:?}"))?;
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = chunks(rest.len()).clamp(1, rest.len());
        s.push(&rest[..n]).map_err(|e| format!("{e:?}"))?;
        rest = &rest[n..];
    }
    s.end_file().map_err(|e| format!("{e:?}"))?;
    let files = serde_json::to_string(s.files()).unwrap();
    let overview = serde_json::to_string(&clientele::overview(&s)).unwrap();
    Ok(format!("{files}\n{overview}"))
}

const LATIN: [&str; 6] = ["white mug", "red tin", "lamp, blue", "cake \"stand\"", "set of 3", "jar"];
const CHINESE: [&str; 6] = ["北京烤鸭礼盒", "上海小笼包", "茶叶，绿", "月饼\"双黄\"", "红枣", "会员专享"];

/// One generated file: its name and bytes, and what went into it (for the failure message).
struct Case {
    name: String,
    bytes: Vec<u8>,
    what: String,
}

fn generate(rng: &mut Rng, index: usize) -> Case {
    let mut what = Vec::new();
    let chinese = rng.permille(400);
    let delimiter = rng.pick(&[',', ',', ';', '\t']);
    let decimal_comma = delimiter != ',' && rng.permille(400);
    let crlf = rng.permille(300);
    let nl = if crlf { "\r\n" } else { "\n" };
    what.push(format!("chinese={chinese} delimiter={delimiter:?} decimal_comma={decimal_comma} crlf={crlf}"));
    // Sizes: mostly small, some up to ~2 MB.
    let rows = match rng.below(10) {
        0..=4 => rng.range(0, 60) as usize,
        5..=7 => rng.range(60, 3000) as usize,
        _ => rng.range(3000, 30_000) as usize,
    };
    // A stray quote at the start of a field, closed (if at all) by the next quote in the text.
    let stray = if rows > 0 && rng.permille(100) { Some(rng.below(rows as u64) as usize) } else { None };
    if let Some(at) = stray {
        what.push(format!("stray quote on data row {at}"));
    }
    let mut text = String::new();
    let titles = if rng.permille(300) { rng.range(1, 30) as usize } else { 0 };
    for t in 0..titles {
        let line = match t % 3 {
            0 => {
                if chinese {
                    "销售报表".to_owned()
                } else {
                    "Sales report".to_owned()
                }
            }
            1 => format!("exported{delimiter}2024-0{}-01", t % 9 + 1),
            _ => String::new(),
        };
        text.push_str(&line);
        text.push_str(nl);
    }
    let header: [&str; 6] = if chinese {
        ["订单号", "客户编号", "下单时间", "数量", "单价", "商品名称"]
    } else {
        ["InvoiceNo", "CustomerID", "InvoiceDate", "Quantity", "UnitPrice", "Description"]
    };
    text.push_str(&header.join(&delimiter.to_string()));
    text.push_str(nl);
    for i in 0..rows {
        if rng.permille(20) {
            text.push_str(nl);
        }
        let customer = if chinese && rng.permille(700) {
            format!("会员{:04}", rng.below(500))
        } else {
            format!("c{}", rng.below(500))
        };
        let price = format!("{}.{:02}", rng.below(100), rng.below(100));
        let price = if decimal_comma { price.replace('.', ",") } else { price };
        let price = if price.contains(delimiter) { format!("\"{price}\"") } else { price };
        let product = if chinese { rng.pick(&CHINESE) } else { rng.pick(&LATIN) };
        let product = if product.contains(delimiter) || product.contains('"') || rng.permille(50) {
            let inner = product.replace('"', "\"\"");
            if rng.permille(200) {
                format!("\"{inner}{nl}second line{delimiter} more\"")
            } else {
                format!("\"{inner}\"")
            }
        } else {
            product.to_owned()
        };
        let product = if stray == Some(i) { format!("\"{}", product.trim_matches('"')) } else { product };
        let fields = [
            format!("{}", 500_000 + i / 3),
            customer,
            format!("2024-{:02}-{:02} 10:{:02}", rng.range(1, 12), rng.range(1, 28), rng.below(60)),
            format!("{}", rng.range(-2, 20)),
            price,
            product,
        ];
        text.push_str(&fields.join(&delimiter.to_string()));
        text.push_str(nl);
    }
    // Byte-level damage, then the encoding.
    let mut bytes = text.into_bytes();
    if rng.permille(100) {
        let at = bytes.len().saturating_sub(rng.below(200) as usize);
        bytes.insert(at, b'"');
        what.push(format!("unclosed quote at {at}"));
    }
    let encoding = rng.below(10);
    let mut bytes = match encoding {
        0 => {
            what.push("GBK".into());
            encoding_rs::GBK.encode(std::str::from_utf8(&bytes).unwrap_or("")).0.into_owned()
        }
        1 | 2 => {
            let be = encoding == 2;
            what.push(format!("UTF-16 be={be}"));
            let s = String::from_utf8_lossy(&bytes).into_owned();
            let mut out = if be { vec![0xfe, 0xff] } else { vec![0xff, 0xfe] };
            for u in s.encode_utf16() {
                out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        }
        3 => {
            what.push("UTF-8 BOM".into());
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend_from_slice(&bytes);
            out
        }
        _ => bytes,
    };
    if !bytes.is_empty() && rng.permille(150) {
        let at = if rng.permille(400) {
            (100_000 + rng.range(-2000, 2000)).clamp(0, bytes.len() as i64 - 1) as usize
        } else {
            rng.below(bytes.len() as u64) as usize
        };
        bytes[at] = 0;
        what.push(format!("NUL at {at}"));
    }
    if rng.permille(150) {
        // A stray byte just after some valid multi-byte UTF-8 (or anywhere, when there is none).
        let after = bytes.iter().skip(bytes.len() / 3).position(|&b| b >= 0xc0).map(|p| p + bytes.len() / 3);
        let at = after.map_or(bytes.len() / 2, |p| p + 3).min(bytes.len());
        bytes.insert(at, 0xff);
        what.push(format!("stray 0xFF at {at}"));
    }
    let gz = rng.permille(120);
    if gz {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&bytes).unwrap();
        bytes = e.finish().unwrap();
        what.push("gzip".into());
    }
    let name = format!("case{index}.{}", if gz { "csv.gz" } else { "csv" });
    what.push(format!("{rows} rows, {} bytes", bytes.len()));
    Case { name, bytes, what: what.join("; ") }
}

/// Where two results part, with some context.
fn first_difference(want: &Result<String, String>, got: &Result<String, String>) -> String {
    let text = |r: &Result<String, String>| match r {
        Ok(s) => s.clone(),
        Err(e) => format!("error {e}"),
    };
    let (a, b) = (text(want), text(got));
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let from = a.floor_char_boundary_compat(at.saturating_sub(150));
    let cut = |s: &str| s[from.min(s.len())..].chars().take(300).collect::<String>();
    format!("\n  whole: ...{}\n  got:   ...{}", cut(&a), cut(&b))
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// Gives the next chunk size (from the bytes left).
type Chunker = Box<dyn FnMut(usize) -> usize>;

/// A chunk size between 1 byte and 4 MiB, spread on a log scale.
fn random_chunk(rng: &mut Rng) -> usize {
    let bits = rng.below(23) as u32;
    (1usize << bits) + rng.below(1 << bits) as usize
}

#[test]
fn every_chunking_reads_the_same() {
    let mut rng = Rng::new(13);
    let (mut cases, mut total, mut differ) = (0, 0usize, Vec::new());
    for index in 0..300 {
        let case = generate(&mut rng, index);
        cases += 1;
        total += case.bytes.len();
        let whole = read(&case.name, &case.bytes, &mut |n| n);
        let mut ways: Vec<(String, Chunker)> =
            vec![("1 MiB".into(), Box::new(|_| 1 << 20)), ("64 KiB".into(), Box::new(|_| 64 << 10))];
        for k in 0..3 {
            let mut r = Rng::stream(13, index as u64, k, 0);
            ways.push((format!("random #{k}"), Box::new(move |_| random_chunk(&mut r))));
        }
        if case.bytes.len() <= 20_000 {
            ways.push(("1 byte".into(), Box::new(|_| 1)));
        }
        for (how, chunks) in &mut ways {
            let got = read(&case.name, &case.bytes, chunks);
            if got != whole {
                differ.push(format!("{} ({}), chunks {how}: {}", case.name, case.what, first_difference(&whole, &got)));
            }
        }
    }
    assert!(total > 20_000_000, "the files are meant to total some MB: {total}");
    assert!(differ.is_empty(), "{} of {cases} reads differ:\n{}", differ.len(), differ.join("\n\n"));
}

/// Issue 13: a file that starts in ASCII, then shows valid Chinese UTF-8 with one stray byte among
/// it, stays UTF-8 whatever the chunks: the stray byte's row is flagged `invalid_utf8`, and the
/// 200 Chinese ids are not read again as windows-1252 or GBK mojibake.
#[test]
fn a_stray_byte_after_valid_utf8_is_flagged_not_a_reason_to_re_decode() {
    let mut text = b"InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Description\n".to_vec();
    // Over 64 KiB of ASCII first, so the encoding sample is all ASCII.
    for i in 0..2000 {
        text.extend_from_slice(format!("{},c{},2024-01-02 10:00,2,1.25,plain item\n", 100_000 + i, i % 50).as_bytes());
    }
    assert!(text.len() > 64 * 1024);
    for i in 0..200 {
        text.extend_from_slice(format!("{},会员{i:04},2024-01-03 10:00,1,3.50,红枣", 200_000 + i).as_bytes());
        if i == 100 {
            text.push(0xff);
        }
        text.push(b'\n');
    }
    let mut results = Vec::new();
    for chunk in [usize::MAX, 1 << 20, 64 << 10, 4096, 1] {
        let mut s = Session::default();
        s.begin_file("stray.csv", text.len() as u64).unwrap();
        for part in text.chunks(chunk.min(text.len())) {
            s.push(part).unwrap();
        }
        let report = s.end_file().unwrap().clone();
        assert_eq!((report.encoding, report.rows.read, report.rows.purchase), ("UTF-8", 2200, 2200), "chunks {chunk}");
        let flagged: Vec<_> = report.rows.flagged.iter().map(|f| (f.flag, f.rows)).collect();
        assert_eq!(flagged, [(clientele::ingest::Flag::InvalidUtf8, 1)], "chunks {chunk}");
        let customers = &s.lines().customers;
        let chinese = (0..customers.len() as u32).filter(|&id| customers.name(id).starts_with("会员")).count();
        assert_eq!((customers.len(), chinese), (250, 200), "chunks {chunk}");
        assert_eq!(customers.get("会员0100"), Some(150));
        results.push(serde_json::to_string(&clientele::overview(&s)).unwrap());
    }
    assert!(results.iter().all(|r| *r == results[0]));
}
