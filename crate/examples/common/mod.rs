//! What the benchmark examples share: medians, timing and the process's memory (not an example).
#![allow(dead_code)]

use std::time::Instant;

/// The median (upper median for an even count) of some timings.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Runs `f` `repeats` times: the median time in ms and the last result.
pub fn time_ms<T>(repeats: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(repeats);
    let mut last = None;
    for _ in 0..repeats {
        let t = Instant::now();
        let v = f();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        last = Some(v);
    }
    (median(times), last.expect("at least one repeat"))
}

/// A field of /proc/self/status in MiB (Linux only).
pub fn status_mib(field: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
