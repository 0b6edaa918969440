//! Where the store's bytes go (issue 16, "a leaner store"): reads a file as the CLI does (one
//! thread) and prints the bytes each column and interner holds, allocated capacity included,
//! per line and in total.
//!
//! `cargo run --release --example store_footprint -- FILE`

use std::fs::File;

use clientele::ingest::{FileOptions, Session};

fn main() {
    let path = std::env::args().nth(1).expect("usage: store_footprint FILE");
    let file = File::open(&path).expect("the file opens");
    let size = file.metadata().map_or(0, |m| m.len());
    let mut session = Session::default();
    session.read_file_with(&path, size, FileOptions::default(), file).expect("the file reads");
    let lines = session.lines();
    let n = lines.len().max(1) as f64;
    let parts = lines.heap_bytes();
    let total: usize = parts.iter().map(|p| p.1).sum();
    println!(
        "{} lines, {} orders, {} customers, {} products",
        lines.len(),
        lines.orders.len(),
        lines.customers.len(),
        lines.products.len()
    );
    for (name, bytes) in &parts {
        println!("{name:>24} {:>9.1} MiB {:>6.1} B/line", *bytes as f64 / 1048576.0, *bytes as f64 / n);
    }
    println!("{:>24} {:>9.1} MiB {:>6.1} B/line", "total", total as f64 / 1048576.0, total as f64 / n);
}
