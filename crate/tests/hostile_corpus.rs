#![allow(clippy::unwrap_used)]
//! Every CLI command on every file of the hostile corpus (`tests/hostile/`, written by
//! `scripts/make-hostile-corpus`), plus two large files written here at run time (a 15 MB header
//! line of one-byte fields, one basket line of 200,000 distinct items).
//!
//! Each run must end with status 0 and its output (JSON, or CSV for `customers`), or status 2
//! and a coded error whose code is one of [`clientele::error::ERROR_CODES`]; never a panic
//! (status 101), a signal, or a hang (a run is killed after [`TIMEOUT`] and fails). On Linux each
//! run's peak memory is measured and must stay under [`PEAK_BYTES`].
//!
//! Peak memory is the child's `VmHWM` (the kernel's high-water mark of its resident memory),
//! read from `/proc/PID/status` every few milliseconds while it runs: the workspace forbids
//! `unsafe_code`, which `wait4`'s rusage would need. The mark only rises, so a sample misses at
//! most what the child grew in its last few milliseconds.
//!
//! The worst runs by memory and by time are printed (`--nocapture`) for the notes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A run still going after this is killed and fails: the largest file here takes seconds.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Peak resident memory allowed to one run. The page runs the same core as WebAssembly in a tab
/// whose memory is 4 GB at most, and the analyses need room after reading: a hostile file may
/// take no more than about a third of that.
const PEAK_BYTES: u64 = 1536 << 20;

/// Runs going at once (the machine may have only 2 cores).
const WORKERS: usize = 2;

/// The commands run on every file (`customers` prints CSV; the others `--json`).
const COMMANDS: &[&[&str]] =
    &[&["overview"], &["segments"], &["customers"], &["clv"], &["rules"], &["rules", "--basket-format"]];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile")
}

/// The large files, written into a directory of their own (too big to commit; they compress to
/// little, and the corpus holds their gzip where it is useful).
fn large_files() -> Vec<PathBuf> {
    let dir = std::env::temp_dir().join(format!("clientele-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = dir.join("header-15mb.csv");
    let mut text = "a,".repeat(7_500_000);
    text.push_str("a\n1,2\n");
    std::fs::write(&header, &text).unwrap();
    let basket = dir.join("basket-200000-items.txt");
    let items: Vec<String> = (0..200_000).map(|i| format!("i{i}")).collect();
    std::fs::write(&basket, items.join(",") + "\n").unwrap();
    vec![header, basket]
}

#[derive(Debug)]
struct Run {
    file: String,
    command: String,
    status: Option<i32>,
    signal: bool,
    timed_out: bool,
    seconds: f64,
    peak: Option<u64>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// The child's resident high-water mark so far, in bytes (`None` off Linux or once it exited).
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
}

fn run(file: &Path, command: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clientele"));
    cmd.args(command).arg(file);
    if command[0] != "customers" {
        cmd.arg("--json");
    }
    let started = Instant::now();
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // Both pipes are drained at once: an error naming a 100 KB column fills a pipe on its own.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let pid = child.id();
    let mut peak = None;
    let mut timed_out = false;
    let status = loop {
        if let Some(m) = vm_hwm(pid) {
            peak = Some(peak.map_or(m, |p: u64| p.max(m)));
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            timed_out = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(4));
    };
    let seconds = started.elapsed().as_secs_f64();
    #[cfg(unix)]
    let signal = std::os::unix::process::ExitStatusExt::signal(&status).is_some();
    #[cfg(not(unix))]
    let signal = false;
    Run {
        file: file.file_name().unwrap().to_string_lossy().into_owned(),
        command: command.join(" "),
        status: status.code(),
        signal,
        timed_out,
        seconds,
        peak,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// What is wrong with a run, or `None` when it ended as it must.
fn check(r: &Run) -> Option<String> {
    let stderr = String::from_utf8_lossy(&r.stderr);
    let head: String = stderr.chars().take(300).collect();
    if r.timed_out {
        return Some(format!("no end after {} s", TIMEOUT.as_secs()));
    }
    if r.signal {
        return Some(format!("killed by a signal: {head}"));
    }
    if let Some(peak) = r.peak {
        if peak > PEAK_BYTES {
            return Some(format!("peak memory {} MiB > {} MiB", peak >> 20, PEAK_BYTES >> 20));
        }
    }
    let known = |code: &str| clientele::error::ERROR_CODES.contains(&code);
    let csv = r.command == "customers";
    match r.status {
        Some(0) if csv => std::str::from_utf8(&r.stdout).err().map(|e| format!("CSV output is not UTF-8: {e}")),
        Some(0) => match serde_json::from_slice::<serde_json::Value>(&r.stdout) {
            Ok(v) if v.get("error").is_some() => Some("status 0 with an error object".into()),
            Ok(v) if v.is_object() => None,
            Ok(_) => Some("status 0 and JSON that is not an object".into()),
            Err(e) => Some(format!("status 0 and output that is not JSON: {e}")),
        },
        Some(2) if csv => {
            // `error[CODE]: message` on stderr.
            let code = stderr.strip_prefix("error[").and_then(|s| s.split_once(']')).map(|(c, _)| c);
            match code {
                Some(c) if known(c) => None,
                _ => Some(format!("status 2 without a known code: {head}")),
            }
        }
        Some(2) => match serde_json::from_slice::<serde_json::Value>(&r.stdout) {
            Ok(v) => match v["error"]["code"].as_str() {
                Some(c) if known(c) => None,
                Some(c) => Some(format!("unknown error code {c:?}")),
                None => Some(format!("status 2 without {{\"error\":{{\"code\"}}}}: {head}")),
            },
            Err(e) => Some(format!("status 2 and output that is not JSON ({e}): {head}")),
        },
        Some(s) => Some(format!("status {s}: {head}")),
        None => Some(format!("no status: {head}")),
    }
}

fn outcome(r: &Run) -> String {
    match r.status {
        Some(0) => "ok".into(),
        Some(2) if r.command == "customers" => String::from_utf8_lossy(&r.stderr)
            .strip_prefix("error[")
            .and_then(|s| s.split_once(']'))
            .map_or_else(|| "2".into(), |(c, _)| c.to_owned()),
        Some(2) => serde_json::from_slice::<serde_json::Value>(&r.stdout)
            .ok()
            .and_then(|v| v["error"]["code"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "2".into()),
        s => format!("{s:?}"),
    }
}

fn table(title: &str, runs: &[&Run]) {
    eprintln!("{title}");
    eprintln!("  {:>9} {:>8}  {:<34} {:<22} outcome", "peak MiB", "seconds", "file", "command");
    for r in runs {
        let peak = r.peak.map_or_else(|| "-".to_owned(), |p| format!("{:.1}", p as f64 / 1048576.0));
        eprintln!("  {peak:>9} {:>8.2}  {:<34} {:<22} {}", r.seconds, r.file, r.command, outcome(r));
    }
}

#[test]
fn every_command_on_every_hostile_file_ends_in_a_result_or_a_coded_error() {
    let dir = corpus_dir();
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(files.len() >= 100, "the corpus has {} files", files.len());
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy();
        assert!(readme.contains(&format!("`{name}`")), "{name} is not in tests/hostile/README.md");
    }
    let large = large_files();
    files.extend(large.iter().cloned());

    let jobs: Vec<(PathBuf, &[&str])> =
        files.iter().flat_map(|f| COMMANDS.iter().map(move |c| (f.clone(), *c))).collect();
    let total = jobs.len();
    let queue = Mutex::new(jobs.into_iter());
    let results = Mutex::new(Vec::with_capacity(total));
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let job = queue.lock().unwrap().next();
                let Some((file, command)) = job else { break };
                let r = run(&file, command);
                results.lock().unwrap().push(r);
            });
        }
    });
    let wall = started.elapsed().as_secs_f64();
    if let Some(d) = large.first().and_then(|p| p.parent()) {
        let _ = std::fs::remove_dir_all(d);
    }
    let mut runs = results.into_inner().unwrap();
    runs.sort_by(|a, b| (&a.file, &a.command).cmp(&(&b.file, &b.command)));
    assert_eq!(runs.len(), total);

    let failures: Vec<String> =
        runs.iter().filter_map(|r| check(r).map(|why| format!("{} `{}`: {why}", r.file, r.command))).collect();
    let ok = runs.iter().filter(|r| r.status == Some(0)).count();
    eprintln!(
        "{} files × {} commands = {total} runs in {wall:.0} s ({WORKERS} at a time): {ok} results, {} coded errors, {} failures",
        files.len(),
        COMMANDS.len(),
        total - ok - failures.len(),
        failures.len()
    );
    let mut by_peak: Vec<&Run> = runs.iter().collect();
    by_peak.sort_by_key(|r| std::cmp::Reverse(r.peak.unwrap_or(0)));
    table("worst 10 by peak memory", &by_peak[..10.min(by_peak.len())]);
    let mut by_time: Vec<&Run> = runs.iter().collect();
    by_time.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
    table("worst 10 by time", &by_time[..10.min(by_time.len())]);
    assert!(failures.is_empty(), "{} runs failed:\n{}", failures.len(), failures.join("\n"));
    // Every command gave a result on at least one file and refused at least one: the checks above
    // saw both kinds of output.
    for c in COMMANDS {
        let c = c.join(" ");
        let of = |s: i32| runs.iter().filter(|r| r.command == c && r.status == Some(s)).count();
        assert!(of(0) > 0 && of(2) > 0, "{c}: {} results, {} errors", of(0), of(2));
    }
}
