#![allow(clippy::unwrap_used)]
//! Hostile containers and workbooks end in a result or a coded error, within bounded work: gzip
//! and ZIP bombs, archives nested deep or repeated, entries that lie about their size or hide,
//! workbooks with far-away cells, bad shared-string indexes or repeated long strings, and legacy
//! workbooks whose compound-file header asks for gigabytes. Every hostile file is built here.
//!
//! The process's peak memory is checked after each bomb (Linux): the bombs below would inflate
//! to 2 GiB or more if they were read whole, and none of them may take more than a fraction.

use std::io::{Cursor, Write};

use clientele::ingest::report::SkipReason;
use clientele::ingest::{FileOptions, FileReport, Limits, Session};
use clientele::IngestError;

/// Peak resident memory of this test process so far, in bytes (`None` off Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
}

/// Every test here stays well under this, though the bombs would take gigabytes read whole.
const PEAK_BYTES: u64 = 1 << 30;

fn assert_bounded_memory() {
    if let Some(peak) = peak_rss() {
        assert!(peak < PEAK_BYTES, "peak memory {} MiB", peak >> 20);
    }
}

fn read_with(name: &str, bytes: &[u8], options: FileOptions) -> Result<Vec<FileReport>, IngestError> {
    let mut s = Session::default();
    s.read_file_with(name, bytes.len() as u64, options, bytes)?;
    Ok(s.files().to_vec())
}

fn read(name: &str, bytes: &[u8]) -> Result<Vec<FileReport>, IngestError> {
    read_with(name, bytes, FileOptions::default())
}

fn with_limits(limits: Limits) -> FileOptions {
    FileOptions { limits, ..FileOptions::default() }
}

/// The limit an error names, or a panic with the error when it is another one.
fn limit_of(e: IngestError) -> (&'static str, u64, Option<u64>) {
    assert_eq!(e.code(), "ingest.limit_exceeded", "{e}");
    match e {
        IngestError::LimitExceeded { limit, value, row, .. } => (limit, value, row),
        _ => unreachable!(),
    }
}

const SALES: &str = "Customer,Date,Amount\nc1,2024-01-01,5\nc2,2024-01-02,6\n";

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

/// A header line, then `members` gzip members of `member_bytes` newlines each (a multi-member
/// stream inflates to their sum): text, so it is read until a limit stops it.
fn gzip_bomb(member_bytes: usize, members: usize) -> Vec<u8> {
    let mut bomb = gzip(b"Customer,Date,Amount\n");
    let member = gzip(&vec![b'\n'; member_bytes]);
    for _ in 0..members {
        bomb.extend_from_slice(&member);
    }
    bomb
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Rewrites the uncompressed size every local and central header declares.
fn declare_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 4 <= zip.len() {
        match &zip[i..i + 4] {
            b"PK\x03\x04" => zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            b"PK\x01\x02" => zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes()),
            _ => {}
        }
        i += 1;
    }
    zip
}

#[test]
fn a_gzip_bomb_stops_at_the_decompressed_budget() {
    // 2 GiB of text in 2 MiB of gzip, read in 1 MiB chunks: each chunk used to inflate whole.
    let bomb = gzip_bomb(64 << 20, 32);
    assert!(bomb.len() < 4 << 20);
    let limits = Limits { max_decompressed_bytes: 32 << 20, ..Limits::default() };
    let e = read_with("bomb.csv.gz", &bomb, with_limits(limits)).unwrap_err();
    assert_eq!(limit_of(e), ("maxDecompressedBytes", 32 << 20, None));
    assert_bounded_memory();
    // 2 GiB of zeros is binary, and is known to be after its first KiB is inflated.
    let zeros = gzip(&vec![0u8; 64 << 20]).repeat(32);
    assert_eq!(read("zeros.csv.gz", &zeros).unwrap_err().code(), "ingest.unsupported_format");
    assert_bounded_memory();
}

#[test]
fn gzip_text_within_the_budget_reads_the_same_in_any_chunks() {
    let text = format!("Customer,Date,Amount\n{}", "c1,2024-01-01,5\nc2,2024-01-02,6\n".repeat(1000));
    let gz = gzip(text.as_bytes());
    let whole = read("s.csv.gz", &gz).unwrap();
    assert_eq!(whole[0].container, "gzip");
    for size in [1, 7, 4096, 1 << 20] {
        let mut s = Session::default();
        s.begin_file("s.csv.gz", gz.len() as u64).unwrap();
        for chunk in gz.chunks(size) {
            s.push(chunk).unwrap();
        }
        assert_eq!(s.end_file().unwrap(), &whole[0], "chunks of {size}");
    }
    // The same stream over a budget just too small for it.
    let limits = Limits { max_decompressed_bytes: text.len() as u64 / 2, ..Limits::default() };
    assert_eq!(limit_of(read_with("s.csv.gz", &gz, with_limits(limits)).unwrap_err()).0, "maxDecompressedBytes");
}

#[test]
fn a_zip_entry_that_lies_about_its_size_stops_at_the_entry_budget() {
    // Declares 1,000 bytes, inflates to 256 MiB.
    let zip = declare_size(zip_of(&[("orders.csv", &vec![0u8; 256 << 20])]), 1000);
    let limits = Limits { max_entry_bytes: 16 << 20, ..Limits::default() };
    let e = read_with("liar.zip", &zip, with_limits(limits)).unwrap_err();
    assert_eq!(limit_of(e), ("maxEntryBytes", 16 << 20, None));
    assert_bounded_memory();
}

#[test]
fn entries_together_stop_at_the_archive_budget() {
    let big = SALES.repeat(20_000);
    let zip = zip_of(&[("a.csv", big.as_bytes()), ("b.csv", big.as_bytes())]);
    let size = big.len() as u64;
    // Each entry fits, both do not.
    let limits = Limits { max_entry_bytes: size, max_decompressed_bytes: size * 3 / 2, ..Limits::default() };
    let e = read_with("two.zip", &zip, with_limits(limits)).unwrap_err();
    assert_eq!(limit_of(e), ("maxDecompressedBytes", size * 3 / 2, None));
    // With the defaults both are read.
    let reports = read("two.zip", &zip).unwrap();
    assert_eq!(reports.len(), 2);
}

#[test]
fn archives_nest_two_deep_and_no_deeper() {
    let inner = zip_of(&[("data.csv", SALES.as_bytes())]);
    let two = zip_of(&[("inner.zip", &inner)]);
    let reports = read("outer.zip", &two).unwrap();
    assert_eq!(reports[0].name, "outer.zip/inner.zip/data.csv");
    assert_eq!(reports[0].rows.purchase, 2);
    let three = zip_of(&[("middle.zip", &two)]);
    let e = read("outer.zip", &three).unwrap_err();
    assert_eq!(limit_of(e), ("maxArchiveDepth", 2, None));
    // The setting raises it.
    let limits = Limits { max_archive_depth: 3, ..Limits::default() };
    assert_eq!(read_with("outer.zip", &three, with_limits(limits)).unwrap().len(), 1);
    // And one level reads only a flat archive.
    let limits = Limits { max_archive_depth: 1, ..Limits::default() };
    assert_eq!(limit_of(read_with("outer.zip", &two, with_limits(limits)).unwrap_err()).0, "maxArchiveDepth");
}

#[test]
fn thousands_of_nested_archives_end_at_the_depth_limit() {
    // 3,000 levels used to overflow the stack; stored entries keep the build quick.
    let mut bytes = SALES.as_bytes().to_vec();
    let mut name = "data.csv".to_owned();
    for level in 0..3000 {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file(name.as_str(), opts).unwrap();
        zip.write_all(&bytes).unwrap();
        bytes = zip.finish().unwrap().into_inner();
        name = format!("level{level}.zip");
    }
    assert_eq!(limit_of(read("deep.zip", &bytes).unwrap_err()).0, "maxArchiveDepth");
}

#[test]
fn an_archive_listing_its_inner_archive_twice_per_level_stays_bounded() {
    // 2^30 paths to the bottom if nesting were unbounded.
    let mut bytes = zip_of(&[("data.csv", SALES.as_bytes())]);
    for _ in 0..30 {
        bytes = zip_of(&[("a.zip", &bytes), ("b.zip", &bytes)]);
    }
    assert_eq!(limit_of(read("twice.zip", &bytes).unwrap_err()).0, "maxArchiveDepth");
    // Two levels of it are read: 2 × 2 tables.
    let two = zip_of(&[
        ("a.zip", &zip_of(&[("x.csv", SALES.as_bytes())])),
        ("b.zip", &zip_of(&[("y.csv", SALES.as_bytes())])),
    ]);
    assert_eq!(read("two.zip", &two).unwrap().len(), 2);
}

#[test]
fn entry_count_is_capped() {
    let names: Vec<String> = (0..50).map(|i| format!("t{i}.csv")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), SALES.as_bytes())).collect();
    let zip = zip_of(&entries);
    let limits = Limits { max_archive_entries: 10, ..Limits::default() };
    assert_eq!(
        limit_of(read_with("many.zip", &zip, with_limits(limits)).unwrap_err()),
        ("maxArchiveEntries", 10, None)
    );
    assert_eq!(read("many.zip", &zip).unwrap().len(), 50);
}

#[test]
fn skipped_entries_are_reported_with_their_reason() {
    let zip = zip_of(&[
        (".hidden.csv", SALES.as_bytes()),
        ("..\\..\\x.csv", SALES.as_bytes()),
        ("../up.csv", SALES.as_bytes()),
        ("__MACOSX/._data.csv", b"\0\x05\x16\x07junk"),
        ("notes.pdf", b"%PDF-1.4"),
        ("data.csv", SALES.as_bytes()),
    ]);
    let reports = read("mixed.zip", &zip).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].name, "mixed.zip/data.csv");
    let skipped: Vec<(&str, SkipReason)> =
        reports[0].skipped_entries.iter().map(|e| (e.name.as_str(), e.reason)).collect();
    assert_eq!(
        skipped,
        [
            ("mixed.zip/.hidden.csv", SkipReason::Hidden),
            ("mixed.zip/..\\..\\x.csv", SkipReason::OutsidePath),
            ("mixed.zip/../up.csv", SkipReason::OutsidePath),
            ("mixed.zip/__MACOSX/._data.csv", SkipReason::ResourceFork),
            ("mixed.zip/notes.pdf", SkipReason::NotATable),
        ]
    );
    let json = serde_json::to_value(&reports[0]).unwrap();
    assert_eq!(json["skipped_entries"][1]["reason"], "outside_path");
    // An archive of nothing but skipped entries has nothing to read.
    let zip = zip_of(&[(".a.csv", SALES.as_bytes())]);
    assert_eq!(read("hidden.zip", &zip).unwrap_err().code(), "ingest.empty_file");
}

/// A minimal XLSX package around one sheet's `<sheetData>` and an optional shared-string table.
fn xlsx(sheet_data: &str, shared: Option<&str>) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let mut book_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#.to_owned();
    if shared.is_some() {
        book_rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
    }
    book_rels.push_str("</Relationships>");
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    let mut entries: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", content_types.into()),
        ("_rels/.rels", rels.into()),
        ("xl/workbook.xml", workbook.into()),
        ("xl/_rels/workbook.xml.rels", book_rels.into_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
    ];
    if let Some(sst) = shared {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sst}</sst>"#
        );
        entries.push(("xl/sharedStrings.xml", xml.into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, d)| (*n, &d[..])).collect();
    zip_of(&refs)
}

/// Three columns of sales, from row `first`, as inline strings and numbers.
fn sales_rows(first: u32) -> String {
    let mut xml = format!(
        r#"<row r="{first}"><c r="A{first}" t="inlineStr"><is><t>Customer</t></is></c><c r="B{first}" t="inlineStr"><is><t>Date</t></is></c><c r="C{first}" t="inlineStr"><is><t>Amount</t></is></c></row>"#
    );
    for (i, (c, d, a)) in [("c1", "2024-01-01", 5), ("c2", "2024-01-02", 6)].iter().enumerate() {
        let r = first + 1 + i as u32;
        xml.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{c}</t></is></c><c r="B{r}" t="inlineStr"><is><t>{d}</t></is></c><c r="C{r}"><v>{a}</v></c></row>"#
        ));
    }
    xml
}

#[test]
fn a_hand_built_workbook_reads_like_its_csv() {
    let reports = read("book.xlsx", &xlsx(&sales_rows(3), None)).unwrap();
    assert_eq!((reports[0].container, reports[0].rows.purchase), ("xlsx", 2));
    assert_eq!(reports[0].entry.as_deref(), Some("Sales"));
    // Shared strings, a prefixed namespace-free sheet, and an empty row in the middle.
    let sheet = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="inlineStr"><is><t>2024-01-01</t></is></c><c r="C3"><v>5</v></c></row>"#;
    let sst = "<si><t>Customer</t></si><si><t>Date</t></si><si><t>Amount</t></si><si><t>c1</t></si>";
    let r = &read("shared.xlsx", &xlsx(sheet, Some(sst))).unwrap()[0];
    assert_eq!((r.rows.read, r.rows.purchase), (2, 1), "{:?}", r.rows);
}

#[test]
fn far_away_cells_stop_at_the_sheet_cell_limit() {
    // A1 and XFD1048576: 17 billion cells if the grid were built.
    let sheet = format!("{}<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>", sales_rows(1));
    let e = read("far.xlsx", &xlsx(&sheet, None)).unwrap_err();
    assert_eq!(limit_of(e), ("maxSheetCells", Limits::default().max_sheet_cells, Some(1_048_576)));
    // One cell at Z3000000, past Excel's last row, under data at the top.
    let sheet = format!("{}<row r=\"3000000\"><c r=\"Z3000000\"><v>1</v></c></row>", sales_rows(1));
    assert_eq!(limit_of(read("z.xlsx", &xlsx(&sheet, None)).unwrap_err()).0, "maxSheetCells");
    // The same far cell alone is one cell: read (and it names no columns).
    let alone = read("alone.xlsx", &xlsx("<row r=\"3000000\"><c r=\"Z3000000\"><v>1</v></c></row>", None));
    assert_eq!(alone.unwrap_err().code(), "ingest.missing_role");
    assert_bounded_memory();
}

#[test]
fn overflowing_cell_references_end_in_a_coded_error() {
    for r in ["A99999999999", "ZZZZZZZZ1", "A4294967296"] {
        let sheet = format!("{}<row><c r=\"{r}\"><v>1</v></c></row>", sales_rows(1));
        let e = read("overflow.xlsx", &xlsx(&sheet, None)).unwrap_err();
        eprintln!("{r}: {e}");
        assert!(matches!(e.code(), "ingest.limit_exceeded" | "ingest.archive"), "{r}: {e}");
    }
    assert_bounded_memory();
}

#[test]
fn a_shared_string_index_out_of_range_is_refused_before_calamine() {
    let sst = "<si><t>Customer</t></si>";
    for v in ["5", "1", "99999999999999999999999", "&#49;"] {
        let sheet = format!(r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>{v}</v></c></row>"#);
        let e = read("sst.xlsx", &xlsx(&sheet, Some(sst))).unwrap_err();
        assert_eq!(e.code(), "ingest.archive", "{v}: {e}");
        assert!(e.to_string().contains("shared string"), "{e}");
    }
    // No table at all, and a cell that uses one.
    let e = read("nosst.xlsx", &xlsx(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, None)).unwrap_err();
    assert_eq!(e.code(), "ingest.archive");
}

#[test]
fn one_long_shared_string_repeated_stops_at_the_text_budget() {
    // 1 MiB once in the table, used by 2,048 cells: 2 GiB of text.
    let long = "x".repeat(1 << 20);
    let sst = format!("<si><t>Customer</t></si><si><t>{long}</t></si>");
    let mut sheet = String::from(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    for r in 2..2050 {
        sheet.push_str(&format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>1</v></c></row>"#));
    }
    let book = xlsx(&sheet, Some(&sst));
    let e = read("long.xlsx", &book).unwrap_err();
    let (limit, value, row) = limit_of(e);
    assert_eq!((limit, value), ("maxSharedStringBytes", 1 << 30));
    assert_eq!(row, Some(1025));
    // A table larger than the setting is refused before calamine reads it.
    let limits = Limits { max_shared_string_bytes: 1 << 19, ..Limits::default() };
    assert_eq!(limit_of(read_with("long.xlsx", &book, with_limits(limits)).unwrap_err()).0, "maxSharedStringBytes");
    assert_bounded_memory();
}

#[test]
fn a_workbook_part_that_inflates_past_the_entry_limit_is_refused() {
    let sheet = format!("{}{}", sales_rows(1), "<!-- padding -->".repeat(1 << 16));
    let limits = Limits { max_entry_bytes: 256 << 10, ..Limits::default() };
    let e = read_with("padded.xlsx", &xlsx(&sheet, None), with_limits(limits)).unwrap_err();
    assert_eq!(limit_of(e).0, "maxEntryBytes");
}

#[test]
fn a_written_workbook_with_a_far_cell_is_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "Customer").unwrap();
    ws.write_string(0, 1, "Date").unwrap();
    ws.write_string(0, 2, "Amount").unwrap();
    ws.write_number(1_048_575, 16_383, 1.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert_eq!(limit_of(read("far.xlsx", &bytes).unwrap_err()).0, "maxSheetCells");
}

/// A compound-file header (512-byte sectors) with the counts given, then `sectors` zero sectors.
fn cfb(fat_len: u32, dir_start: u32, difat0: u32, sectors: usize) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    h[26..28].copy_from_slice(&3u16.to_le_bytes());
    h[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    h[30..32].copy_from_slice(&9u16.to_le_bytes());
    h[32..34].copy_from_slice(&6u16.to_le_bytes());
    h[44..48].copy_from_slice(&fat_len.to_le_bytes());
    h[48..52].copy_from_slice(&dir_start.to_le_bytes());
    h[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    h[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        h[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    h[76..80].copy_from_slice(&difat0.to_le_bytes());
    h.resize(512 * (1 + sectors), 0);
    h
}

#[test]
fn legacy_workbooks_with_absurd_sector_counts_are_refused() {
    // A FAT of two billion sectors in a 1 KiB file.
    let e = read("counts.xls", &cfb(0x7FFF_FFFF, 0, 0, 1)).unwrap_err();
    assert_eq!(e.code(), "ingest.archive", "{e}");
    // A FAT sector far past the end of the file.
    let e = read("far.xls", &cfb(1, 0, 4_000_000, 1)).unwrap_err();
    assert_eq!(e.code(), "ingest.archive", "{e}");
    // A directory chain that loops: sector 1's FAT entry points at itself.
    let mut looped = cfb(1, 1, 0, 2);
    looped[512 + 4..512 + 8].copy_from_slice(&1u32.to_le_bytes());
    let e = read("loop.xls", &looped).unwrap_err();
    assert_eq!(e.code(), "ingest.archive", "{e}");
    // A directory chain through a free sector (0xFFFFFFFF).
    let e = read("free.xls", &cfb(1, 0xFFFF_FFFF, 0, 1)).unwrap_err();
    assert_eq!(e.code(), "ingest.archive", "{e}");
    assert_bounded_memory();
}

/// A legacy workbook written by xlwt 1.3: one sheet `S` with a header and the row
/// `c1, 2024-01-01, 5` (the 5 an RK record at row 1, column 2), small enough that its workbook
/// stream sits in the compound file's mini stream.
fn small_xls() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/workbooks/sales.xls")).unwrap()
}

#[test]
fn a_legacy_workbook_reads_and_a_far_cell_record_in_it_is_refused() {
    let xls = small_xls();
    let r = &read("sales.xls", &xls).unwrap()[0];
    assert_eq!((r.container, r.entry.as_deref(), r.rows.purchase), ("xls", Some("S"), 1));
    // Move the RK cell to row 65,536, column 65,536: calamine would build a grid of 4 billion
    // cells for the sheet as it opens the file.
    let rk = b"\x7e\x02\x0a\x00\x01\x00\x02\x00";
    let at = xls.windows(rk.len()).position(|w| w == rk).unwrap();
    let mut far = xls.clone();
    far[at + 4..at + 8].copy_from_slice(&[0xFF; 4]);
    let e = read("far.xls", &far).unwrap_err();
    assert_eq!(limit_of(e), ("maxSheetCells", Limits::default().max_sheet_cells, Some(65_536)));
    assert_bounded_memory();
}

#[test]
fn limits_are_settings_of_the_file_options() {
    let o: FileOptions = serde_json::from_str(r#"{"limits": {"maxArchiveDepth": 3, "maxSheetCells": 100}}"#).unwrap();
    assert_eq!((o.limits.max_archive_depth, o.limits.max_sheet_cells), (3, 100));
    assert_eq!(o.limits.max_entry_bytes, Limits::default().max_entry_bytes);
    // 3 × 3 cells fit in 100.
    assert_eq!(read_with("s.xlsx", &xlsx(&sales_rows(1), None), o).unwrap()[0].rows.purchase, 2);
    // Not in 8: the error names the setting and the sheet row where the cells passed it.
    let o = with_limits(Limits { max_sheet_cells: 8, ..Limits::default() });
    let e = read_with("s.xlsx", &xlsx(&sales_rows(1), None), o).unwrap_err();
    let r = e.report();
    assert_eq!(
        (r.params["limit"].as_str(), r.params["value"].as_u64(), r.row),
        (Some("maxSheetCells"), Some(8), Some(3))
    );
    assert!(r.message.contains("maxSheetCells"), "{}", r.message);
    assert_eq!(limit_of(e), ("maxSheetCells", 8, Some(3)));
}
