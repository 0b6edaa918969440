#![allow(clippy::unwrap_used)]
//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use clientele::{IngestError, Overview, Session};

/// `../shared/data/<rel>` from the workspace root.
pub fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data").join(rel)
}

pub fn online_retail_gz() -> Vec<u8> {
    let path = shared("online_retail/OnlineRetail.csv.gz");
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the tests need ../shared/data beside the project)", path.display()))
}

/// Reads `bytes` as one file, pushed in chunks of the given sizes (cycled).
pub fn read_chunked(name: &str, bytes: &[u8], chunk_sizes: &[usize]) -> Result<Overview, IngestError> {
    let mut s = Session::default();
    s.begin_file(name, bytes.len() as u64)?;
    let mut rest = bytes;
    let mut i = 0;
    while !rest.is_empty() {
        let n = chunk_sizes[i % chunk_sizes.len()].clamp(1, rest.len());
        s.push(&rest[..n])?;
        rest = &rest[n..];
        i += 1;
    }
    s.end_file()?;
    Ok(clientele::overview(&s))
}

pub fn read(name: &str, bytes: &[u8]) -> Result<Overview, IngestError> {
    read_chunked(name, bytes, &[64 * 1024])
}

/// A tiny deterministic generator (xorshift64*), so tests need no RNG crate.
#[derive(Debug)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
pub mod warehouse;
