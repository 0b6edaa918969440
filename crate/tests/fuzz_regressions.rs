#![allow(clippy::unwrap_used)]
//! Replays every saved fuzz input (`tests/fuzz-regressions/<target>/`: the crashing, slow or
//! out-of-memory inputs `scripts/fuzz` found, and a few seeds) through the same code path as its
//! fuzz target (`tests/fuzz_targets/mod.rs`): no panic, and every read ends in a result or a
//! coded error (the text target also checks that its random chunking reads like one chunk).

mod fuzz_targets;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the panic hook: natively the reader catches a panic inside calamine and reports it as
/// a coded error, but the fuzz targets (and the page's wasm) abort on any panic, so a caught one
/// is a finding too.
static PANICKED: AtomicBool = AtomicBool::new(false);

#[test]
fn every_saved_fuzz_input_reads_or_fails_with_a_code() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz-regressions");
    std::panic::set_hook(Box::new(|info| {
        PANICKED.store(true, Ordering::SeqCst);
        eprintln!("panic: {info}");
    }));
    let mut replayed = 0;
    for target in fuzz_targets::TARGETS {
        let dir = root.join(target);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no saved inputs", dir.display());
        for path in files {
            let data = std::fs::read(&path).unwrap();
            PANICKED.store(false, Ordering::SeqCst);
            let results = fuzz_targets::run(target, &data);
            assert!(!PANICKED.load(Ordering::SeqCst), "{}: a panic, even if caught", path.display());
            for r in &results {
                if let Err(e) = r {
                    // A coded error: `code: message`, the code listed in ERROR_CODES.
                    let code = e.split(':').next().unwrap();
                    assert!(clientele::error::ERROR_CODES.contains(&code), "{}: {e}", path.display());
                }
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 10, "only {replayed} inputs replayed");
}

/// The seeds read as they were made to: the text target's chunked reads are checked against
/// the one-chunk read inside `run`, and these outcomes pin what the seeds hold.
#[test]
fn the_seeds_read_as_expected() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz-regressions");
    let read =
        |target: &str, file: &str| fuzz_targets::run(target, &std::fs::read(root.join(target).join(file)).unwrap());
    let quoted = read("text", "seed-quoted-newline.csv");
    assert!(quoted[0].as_ref().unwrap().contains(r#""read":2,"purchase":2"#), "{quoted:?}");
    let gz = read("archive", "seed-text.csv.gz");
    // The bytes decide the container, not the name: as `.zip` and as `.csv.gz` it is gzip.
    for r in &gz {
        assert!(r.as_ref().unwrap().contains(r#""container":"gzip""#), "{gz:?}");
    }
    let zip = read("archive", "seed-two-entries.zip");
    // Its entries are read as files of their own (`b.txt` holds no table: a coded error).
    let zip_text = zip[0].as_ref().map_or_else(|e| e.clone(), |o| o.clone());
    assert!(zip_text.contains("fuzz.zip/"), "{zip:?}");
    // Found by the workbook target: a compound file whose directory sector is cut by the end of
    // the file made calamine panic (caught natively, an abort in wasm); now refused up front.
    for r in read("workbook", "crash-74f99e50530827d6c2f29d543561f656c9d36b71") {
        assert!(r.as_ref().unwrap_err().starts_with("ingest.archive: "), "{r:?}");
    }
    let baskets = read("basket", "seed-groceries.csv");
    assert!(baskets[0].as_ref().unwrap().contains(r#""kind":"baskets""#), "{baskets:?}");
}
