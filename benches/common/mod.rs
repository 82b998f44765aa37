//! What the benchmarks share: a plain timing harness (no extra crates).

use std::time::{Duration, Instant};

/// Runs `f` once to warm up, then `n` timed times; prints the median, fastest and mean.
pub fn time(name: &str, n: usize, f: impl FnMut()) {
    time_per(name, n, 1, f);
}

/// As [`time`], for an `f` that does `units` of the work being measured: the figures printed
/// are per unit.
pub fn time_per(name: &str, n: usize, units: u32, mut f: impl FnMut()) {
    f();
    let mut runs: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed() / units.max(1)
        })
        .collect();
    runs.sort();
    let mean = runs.iter().sum::<Duration>() / n as u32;
    println!(
        "{name:<48} median {:>10.3?}  fastest {:>10.3?}  mean {:>10.3?}  ({n} runs)",
        runs[n / 2],
        runs[0],
        mean
    );
}
