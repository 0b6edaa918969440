//! What each fuzz target does with its input, shared by the fuzz crate (`fuzz/`) and the replay
//! test (`tests/fuzz_regressions.rs`), so a saved input is replayed through the same code path.
//! Each function returns the result (reports and overview as JSON) or the error's code; a panic,
//! or a difference between chunkings, is a finding.
#![allow(dead_code)]

use clientele::Session;

/// The targets, by the folder name of their saved inputs.
pub const TARGETS: [&str; 4] = ["text", "workbook", "archive", "basket"];

/// Runs target `name` on `data`.
pub fn run(name: &str, data: &[u8]) -> Vec<Result<String, String>> {
    match name {
        "text" => vec![text(data)],
        "workbook" => vec![whole("fuzz.xlsx", data), whole("fuzz.xls", data)],
        "archive" => vec![whole("fuzz.zip", data), whole("fuzz.csv.gz", data)],
        "basket" => vec![basket(data)],
        _ => panic!("no fuzz target {name}"),
    }
}

fn outcome(s: &Session) -> String {
    let files = serde_json::to_string(s.files()).expect("reports serialise");
    let overview = serde_json::to_string(&clientele::overview(s)).expect("the overview serialises");
    format!("{files}\n{overview}")
}

fn code(e: &clientele::IngestError) -> String {
    let code = e.code();
    assert!(clientele::error::ERROR_CODES.contains(&code), "{code} is not a listed error code");
    format!("{code}: {e}")
}

/// Reads `bytes` as `name`, pushed in the chunk sizes `chunks` gives.
fn read(name: &str, bytes: &[u8], chunks: &mut dyn FnMut() -> usize) -> Result<String, String> {
    let mut s = Session::default();
    s.begin_file(name, bytes.len() as u64).map_err(|e| code(&e))?;
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = chunks().clamp(1, rest.len());
        s.push(&rest[..n]).map_err(|e| code(&e))?;
        rest = &rest[n..];
    }
    s.end_file().map_err(|e| code(&e))?;
    Ok(outcome(&s))
}

/// Text with random chunking: the first byte picks how chunk sizes are drawn from the next seven
/// (a seed), the rest is the file. The chunked read must equal the one-chunk read.
pub fn text(data: &[u8]) -> Result<String, String> {
    if data.len() < 8 {
        return read("fuzz.csv", data, &mut || usize::MAX);
    }
    let (head, file) = data.split_at(8);
    let mode = head[0];
    let mut seed = u64::from_le_bytes([head[1], head[2], head[3], head[4], head[5], head[6], head[7], 0x5a]);
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut chunks = move || match mode % 4 {
        0 => 1,
        1 => (next() % 16 + 1) as usize,
        2 => (next() % 4096 + 1) as usize,
        _ => 1usize << (next() % 20),
    };
    let whole = read("fuzz.csv", file, &mut || usize::MAX);
    let chunked = read("fuzz.csv", file, &mut chunks);
    assert_eq!(whole, chunked, "the chunked read differs from the one-chunk read");
    whole
}

/// The bytes as one file called `name`, in 1 MiB chunks (what the CLI does).
pub fn whole(name: &str, data: &[u8]) -> Result<String, String> {
    read(name, data, &mut || 1 << 20)
}

/// Basket-format text held in memory.
pub fn basket(data: &[u8]) -> Result<String, String> {
    let mut s = Session::default();
    s.read_basket_text("fuzz-baskets.csv", data).map_err(|e| code(&e))?;
    Ok(outcome(&s))
}
