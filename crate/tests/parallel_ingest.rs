#![allow(clippy::unwrap_used)]
//! Issue 16: a file read in byte ranges on threads gives the result of one reader, byte for
//! byte: the file reports, the overview and the whole store (every column of every line, every
//! interner's names in id order, product names, customer attributes), at pool sizes 1 to 8 and
//! at random range cuts, in files with quoted newlines, CRLF, stray and unclosed quotes,
//! ambiguous slash dates, customer-day orders, attribute columns and Chinese text.
//!
//! The reference is [`Session::read_file_with`] (1 MiB chunks, one thread). The test also checks
//! that most reads did go through ranges (else it could not fail), and that the files that must
//! be read whole (gzip, a legacy encoding) say why.

use clientele::ingest::FileOptions;
use clientele::model::LineItems;
use clientele::rng::Rng;
use clientele::Session;

/// The store, every column and name, as text.
fn store(l: &LineItems) -> String {
    let names = |i: &clientele::model::Interner| (0..i.len() as u32).map(|k| i.name(k).to_owned()).collect::<Vec<_>>();
    let bits = |v: &clientele::model::Decimals| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    let mut out = format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n",
        l.customer,
        l.order,
        l.time,
        l.product,
        bits(&l.quantity),
        bits(&l.amount),
        l.kind,
        bits(&l.discount),
        bits(&l.cost),
        l.category,
        l.channel
    );
    for i in [&l.customers, &l.orders, &l.products, &l.categories, &l.channels] {
        out.push_str(&format!("{:?}\n", names(i)));
    }
    out.push_str(&format!("{:?}\n{:?}\n", l.product_names, l.columns));
    for c in &l.attributes.columns {
        out.push_str(&format!("{:?} {} {:?} {:?}\n", c.kind, c.name, names(&c.values), c.by_customer));
    }
    out
}

/// The file reports, the overview and the store, or the error.
fn result(s: Result<Session, String>) -> String {
    match s {
        Ok(s) => format!(
            "{}\n{}\n{}",
            serde_json::to_string(s.files()).unwrap(),
            serde_json::to_string(&clientele::overview(&s)).unwrap(),
            store(s.lines())
        ),
        Err(e) => format!("error {e}"),
    }
}

fn one_reader(name: &str, bytes: &[u8]) -> String {
    let mut s = Session::default();
    let r = s
        .read_file_with(name, bytes.len() as u64, FileOptions::default(), bytes)
        .map(|_| ())
        .map_err(|e| format!("{e:?}"));
    result(r.map(|()| s))
}

/// Read with the head and range starts given; also returns how many ranges were read.
fn in_ranges(name: &str, bytes: &[u8], head: u64, cuts: &[u64]) -> (String, usize, Option<&'static str>) {
    let mut s = Session::default();
    s.begin_file(name, bytes.len() as u64).unwrap();
    let r =
        s.read_parallel_at(name, bytes, bytes.len() as u64, head, cuts, None).map(|_| ()).map_err(|e| format!("{e:?}"));
    let how = s.parallel_reads().last().cloned();
    let (ranges, why) = how.map_or((0, Some("no record")), |h| (h.ranges, h.fallback));
    (result(r.map(|()| s)), ranges, why)
}

/// Read as the page's range workers read (`www/worker/ranges.js`): the head pushed, then the
/// first range read by this session and every other range by a fresh session of its own (which
/// pushes the same head first) and handed over in its byte form. `before`: a file read first.
fn in_workers(
    name: &str,
    bytes: &[u8],
    head: u64,
    cuts: &[u64],
    before: Option<&Case>,
) -> (String, usize, Option<&'static str>) {
    let size = bytes.len() as u64;
    let line_start = |at: u64| {
        let at = at.min(size) as usize;
        bytes[at..].iter().position(|&b| b == b'\n').map_or(size, |i| (at + i + 1) as u64)
    };
    let span = |a: u64, b: u64| &bytes[a as usize..b as usize];
    let mut head_end = line_start(head);
    let mut s = Session::default();
    if let Some(b) = before {
        s.read_file_with(&b.name, b.bytes.len() as u64, FileOptions::default(), b.bytes.as_slice()).unwrap();
    }
    let mut how = (0, None);
    let mut read = || -> Result<(), clientele::IngestError> {
        s.begin_file(name, size)?;
        for chunk in span(0, head_end).chunks(1 << 20) {
            s.push(chunk)?;
        }
        // A head that ends inside a quoted field goes on a line at a time (200 at most).
        for _ in 0..200 {
            if s.range_plan() != Err(clientele::ingest::HEAD_INSIDE_RECORD) || head_end >= size {
                break;
            }
            let next = line_start(head_end);
            s.push(span(head_end, next))?;
            head_end = next;
        }
        match s.range_plan() {
            Err(why) => how = (0, Some(why)),
            Ok(()) => {
                let mut starts = vec![head_end];
                for &c in cuts {
                    let at = line_start(c.max(head_end));
                    if at > *starts.last().unwrap() && at < size {
                        starts.push(at);
                    }
                }
                let ends: Vec<u64> = starts.iter().skip(1).copied().chain([size]).collect();
                let last = starts.len() - 1;
                for (k, (&a, &b)) in starts.iter().zip(&ends).enumerate() {
                    if k == 0 {
                        s.begin_range(true, head_end, b - a);
                        for chunk in span(a, b).chunks(65_536 + 7) {
                            s.push_range(chunk);
                        }
                        s.end_range(k == last);
                    } else {
                        let mut w = Session::default();
                        w.begin_file(name, size)?;
                        for chunk in span(0, head_end).chunks(1 << 20) {
                            w.push(chunk)?;
                        }
                        w.begin_range(false, head_end, b - a);
                        for chunk in span(a, b).chunks(1 << 20) {
                            w.push_range(chunk);
                        }
                        w.end_range(k == last);
                        s.add_range_bytes(&w.range_bytes());
                    }
                }
                how = match s.merge_ranges() {
                    Ok(n) => (n, None),
                    Err(why) => (0, Some(why)),
                };
            }
        }
        if how.0 == 0 {
            for chunk in span(head_end, size).chunks(1 << 20) {
                s.push(chunk)?;
            }
        }
        s.end_file().map(|_| ())
    };
    let r = read().map_err(|e| format!("{e:?}"));
    (result(r.map(|()| s)), how.0, how.1)
}

const LATIN: [&str; 6] = ["white mug", "red tin", "lamp, blue", "cake \"stand\"", "set of 3", "N/A"];
const CHINESE: [&str; 6] = ["北京烤鸭礼盒", "上海小笼包", "茶叶，绿", "月饼\"双黄\"", "红枣", "未知"];

struct Case {
    name: String,
    bytes: Vec<u8>,
    what: String,
}

fn generate(rng: &mut Rng, index: usize) -> Case {
    let chinese = rng.permille(400);
    let delimiter = rng.pick(&[',', ',', ';', '\t']);
    let crlf = rng.permille(300);
    let slash_dates = rng.permille(350);
    let with_order = rng.permille(700);
    let nl = if crlf { "\r\n" } else { "\n" };
    let rows = rng.range(1500, 40_000) as usize;
    let stray = rng.permille(150).then(|| rng.below(rows as u64) as usize);
    let mut what = format!(
        "chinese={chinese} delimiter={delimiter:?} crlf={crlf} slash_dates={slash_dates} order={with_order} rows={rows} stray={stray:?}"
    );
    let d = delimiter.to_string();
    let mut text = String::new();
    if rng.permille(200) {
        text.push_str(if chinese { "销售报表" } else { "Sales report" });
        text.push_str(nl);
        text.push_str(nl);
    }
    let mut header = vec!["CustomerID", "InvoiceDate", "Quantity", "UnitPrice", "Description", "City"];
    if with_order {
        header.insert(0, "InvoiceNo");
    }
    text.push_str(&header.join(&d));
    text.push_str(nl);
    // Day-first evidence (a day above 12) may come late, or never.
    let evidence_at = rng.below(rows as u64 * 2) as usize;
    for i in 0..rows {
        if rng.permille(10) {
            text.push_str(nl);
        }
        let customer = if rng.permille(30) {
            String::new()
        } else if chinese && rng.permille(600) {
            format!("会员{:04}", rng.below(2000))
        } else {
            format!("c{}", rng.below(3000))
        };
        let (m, day) = (rng.range(1, 12), rng.range(1, 12));
        let date = if slash_dates {
            let day = if i == evidence_at || rng.permille(2) { rng.range(13, 28) } else { day };
            format!("{day}/{m}/2024 10:{:02}", rng.below(60))
        } else {
            format!("2024-{m:02}-{day:02} 10:{:02}", rng.below(60))
        };
        let price = if rng.permille(5) { "0".to_owned() } else { format!("{}.{:02}", rng.below(100), rng.below(100)) };
        let product = if chinese { rng.pick(&CHINESE) } else { rng.pick(&LATIN) };
        let mut product = if product.contains(delimiter) || product.contains('"') || rng.permille(60) {
            let inner = product.replace('"', "\"\"");
            if rng.permille(300) {
                // A quoted field holding line ends (and the delimiter).
                format!("\"{inner}{nl}second line{d} more{nl}third\"")
            } else {
                format!("\"{inner}\"")
            }
        } else {
            product.to_owned()
        };
        if stray == Some(i) {
            product = format!("\"{}", product.trim_matches('"'));
        }
        let city =
            if rng.permille(100) { String::new() } else { rng.pick(&["Leeds", "York", "上海", "Bath"]).to_owned() };
        let mut fields = vec![customer, date, format!("{}", rng.range(-2, 20)), price, product, city];
        if with_order {
            fields.insert(0, format!("{}{}", if rng.permille(20) { "C" } else { "" }, 500_000 + i / 3));
        }
        text.push_str(&fields.join(&d));
        text.push_str(nl);
    }
    let mut bytes = text.into_bytes();
    if rng.permille(100) {
        let at = bytes.len().saturating_sub(rng.below(300) as usize);
        bytes.insert(at, b'"');
        what.push_str(&format!(" unclosed quote at {at}"));
    }
    what.push_str(&format!(" {} bytes", bytes.len()));
    Case { name: format!("case{index}.csv"), bytes, what }
}

/// Where two results part, with some context.
fn difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut from = at.saturating_sub(120);
    while !a.is_char_boundary(from) {
        from -= 1;
    }
    let cut = |s: &str| s.get(from..).unwrap_or("").chars().take(240).collect::<String>();
    format!("\n  one reader: ...{}\n  ranges:     ...{}", cut(a), cut(b))
}

#[test]
fn pool_sizes_and_random_cuts_read_as_one_reader() {
    let mut rng = Rng::new(16);
    let (mut reads, mut in_parts, mut differ) = (0, 0, Vec::new());
    let mut reasons = std::collections::BTreeMap::<&str, usize>::new();
    for index in 0..40 {
        let case = generate(&mut rng, index);
        let want = one_reader(&case.name, &case.bytes);
        let size = case.bytes.len() as u64;
        // The head: past the 64 KiB sniff window, and sometimes far longer.
        let head = 66_000 + rng.below(size / 3);
        let mut ways: Vec<(String, Vec<u64>)> = Vec::new();
        for pool in 1..=8u64 {
            ways.push((format!("pool {pool}"), (1..pool).map(|k| head + (size - head) * k / pool).collect()));
        }
        for k in 0..4 {
            let n = rng.range(1, 12) as usize;
            let mut cuts: Vec<u64> = (0..n).map(|_| head + rng.below(size.saturating_sub(head).max(1))).collect();
            cuts.sort_unstable();
            ways.push((format!("random cuts #{k}"), cuts));
        }
        for (how, cuts) in ways {
            let (got, ranges, why) = in_ranges(&case.name, &case.bytes, head, &cuts);
            let (by_workers, worker_ranges, worker_why) = in_workers(&case.name, &case.bytes, head, &cuts, None);
            if by_workers != want {
                differ.push(format!(
                    "{} ({}), workers, {how} head {head} cuts {cuts:?}: {}",
                    case.name,
                    case.what,
                    difference(&want, &by_workers)
                ));
            }
            if (worker_ranges, worker_why) != (ranges, why) {
                differ.push(format!(
                    "{}, {how}: threads read {ranges} ranges ({why:?}), workers {worker_ranges} ({worker_why:?})",
                    case.name
                ));
            }
            reads += 1;
            if ranges > 0 {
                in_parts += 1;
            }
            if let Some(why) = why {
                *reasons.entry(why).or_default() += 1;
            }
            if got != want {
                differ.push(format!(
                    "{} ({}), {how} head {head} cuts {cuts:?}: {}",
                    case.name,
                    case.what,
                    difference(&want, &got)
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{} of {reads} reads differ:\n{}", differ.len(), differ.join("\n\n"));
    // Most reads go through ranges (the others fall back for a reason of the file's).
    assert!(in_parts * 10 >= reads * 6, "only {in_parts} of {reads} reads in ranges; fallbacks {reasons:?}");
}

/// A file read in ranges after another file: the store's names (customers, orders, products,
/// attribute values) are not empty when its first range starts from them.
#[test]
fn a_second_file_read_in_ranges_reads_as_one_reader() {
    let mut rng = Rng::new(61);
    let mut in_parts = 0;
    let (mut worker_parts, mut worker_reasons) = (0, Vec::new());
    for index in 0..8 {
        let (a, b) = (generate(&mut rng, index), generate(&mut rng, index + 1));
        let two = |ranges: Option<&[u64]>| {
            let mut s = Session::default();
            s.read_file_with(&a.name, a.bytes.len() as u64, FileOptions::default(), a.bytes.as_slice()).unwrap();
            let size = b.bytes.len() as u64;
            let how = match ranges {
                Some(cuts) => {
                    s.begin_file("second.csv", size).unwrap();
                    s.read_parallel_at("second.csv", b.bytes.as_slice(), size, 66_000, cuts, None).unwrap();
                    s.parallel_reads().last().map_or(0, |r| r.ranges)
                }
                None => {
                    s.read_file_with("second.csv", size, FileOptions::default(), b.bytes.as_slice()).unwrap();
                    0
                }
            };
            (result(Ok(s)), how)
        };
        let size = b.bytes.len() as u64;
        let cuts = [66_000 + (size - 66_000) / 3, 66_000 + (size - 66_000) * 2 / 3];
        let (want, _) = two(None);
        let (got, ranges) = two(Some(&cuts));
        in_parts += usize::from(ranges > 0);
        assert!(got == want, "{} then {} ({}): {}", a.name, b.name, b.what, difference(&want, &got));
        // The page's range workers read the second file in sessions of their own.
        let (got, workers, why) = in_workers("second.csv", &b.bytes, 66_000, &cuts, Some(&a));
        assert!(got == want, "workers: {} then {} ({}): {}", a.name, b.name, b.what, difference(&want, &got));
        worker_parts += usize::from(workers > 0);
        if let Some(why) = why {
            worker_reasons.push(why);
        }
    }
    assert!(in_parts >= 4, "only {in_parts} of 8 second files read in ranges");
    assert!(worker_parts >= 3, "only {worker_parts} of 8 second files read by workers: {worker_reasons:?}");
}

#[test]
fn a_cut_inside_a_quoted_field_falls_back_and_reads_alike() {
    let mut text = b"InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Description\n".to_vec();
    for i in 0..6000 {
        text.extend_from_slice(
            format!("{},c{},2024-01-02 10:00,2,1.25,\"two\nlines\"\n", 100_000 + i, i % 50).as_bytes(),
        );
    }
    // A cut after each line feed, every other one inside the quoted field.
    let size = text.len() as u64;
    let feeds: Vec<u64> = text.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i as u64).collect();
    let want = one_reader("q.csv", &text);
    let inside = feeds.iter().copied().find(|&f| f > 100_000 && text[f as usize - 1] == b'o').unwrap();
    let (got, ranges, why) = in_ranges("q.csv", &text, 70_000, &[inside]);
    assert_eq!((ranges, why), (0, Some("a range starts inside a quoted field")));
    assert!(got == want, "{}", difference(&want, &got));
    let between = |from: u64| feeds.iter().copied().find(|&f| f > from && text[f as usize - 1] == b'"').unwrap();
    let (got, ranges, why) = in_ranges("q.csv", &text, 70_000, &[between(100_000), between(size * 3 / 4)]);
    assert_eq!(ranges, 3);
    assert!(ranges >= 1 && why.is_none(), "{ranges} {why:?}");
    assert!(got == want, "{}", difference(&want, &got));
}

#[test]
fn gzip_and_a_late_legacy_encoding_are_read_whole_with_the_reason() {
    use std::io::Write;
    let mut text = b"InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Description\n".to_vec();
    for i in 0..8000 {
        text.extend_from_slice(format!("{},c{},2024-01-02 10:00,2,1.25,plain item\n", 100_000 + i, i % 50).as_bytes());
    }
    // GBK after an ASCII head: one reader switches encoding there.
    for i in 0..300 {
        let line = format!("{},会员{i:04},2024-01-03 10:00,1,3.50,红枣\n", 200_000 + i);
        text.extend_from_slice(&encoding_rs::GBK.encode(&line).0);
    }
    for i in 0..2000 {
        text.extend_from_slice(format!("{},c{},2024-01-04 10:00,2,1.25,plain item\n", 300_000 + i, i % 50).as_bytes());
    }
    let want = one_reader("gbk.csv", &text);
    let size = text.len() as u64;
    let (got, ranges, why) = in_ranges("gbk.csv", &text, 70_000, &[size / 2]);
    assert_eq!((ranges, why), (0, Some("a legacy encoding after an ASCII head")));
    assert!(got == want, "{}", difference(&want, &got));
    assert!(want.contains("GBK"), "the reference read switched to GBK");

    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(&text).unwrap();
    let gz = e.finish().unwrap();
    let want = one_reader("gbk.csv.gz", &gz);
    let (got, ranges, why) = in_ranges("gbk.csv.gz", &gz, 2000, &[gz.len() as u64 / 2]);
    assert_eq!((ranges, why), (0, Some("container (gzip, zip, workbook): read whole")));
    assert!(got == want, "{}", difference(&want, &got));
}
