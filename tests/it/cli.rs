//! The `joined-up` binary as an author meets it: exit codes and messages for good and bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `joined-up` with `args` in the crate folder. A run that takes longer than a generous
/// limit is a hang and fails the test (how fast it is belongs in the benchmarks).
pub fn joined_up(args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_joined-up"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("joined-up {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().expect("output");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "joined-up {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn shipped_scenarios_validate() {
    let r = joined_up(&["validate", "scenarios"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains(" 0 invalid"), "{}", r.stdout);
}

#[test]
fn a_broken_file_exits_1_with_position_and_hint() {
    let r = joined_up(&["validate", "tests/broken/unknown_sign.ron"]);
    assert_eq!(r.code, 1);
    let mut lines = r.stdout.lines();
    let first = lines.next().unwrap();
    assert!(
        first.starts_with("tests/broken/unknown_sign.ron:")
            && first.contains(": error: unknown fact `a_histroy`"),
        "{first}"
    );
    assert_eq!(lines.next(), Some("  hint: did you mean `a_history`?"));
}

#[test]
fn one_bad_file_among_good_ones_fails_the_run_and_all_are_reported() {
    let r = joined_up(&[
        "validate",
        "scenarios",
        "tests/broken/unknown_crisis.ron",
        "tests/broken/trust_too_high.ron",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("unknown crisis `a_fal`"));
    assert!(r.stdout.contains("trust 160 is above 100"));
    assert!(r.stdout.contains("2 invalid"), "{}", r.stdout);
}

#[test]
fn missing_file_and_empty_folder_exit_1() {
    let r = joined_up(&["validate", "no/such/file.scenario.ron"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("no/such/file.scenario.ron:1:1: error: file not found"),
        "{}",
        r.stdout
    );
    let empty = scratch("empty_folder");
    std::fs::create_dir_all(&empty).unwrap();
    let r = joined_up(&["validate", empty.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("no scenario files"), "{}", r.stdout);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(joined_up(&["validate"]).code, 2);
    assert_eq!(joined_up(&["no-such-command"]).code, 2);
    assert_eq!(joined_up(&["validate", "--no-such-flag", "x"]).code, 2);
}

#[test]
fn a_40_mb_file_is_refused_without_reading_it_all() {
    let path = scratch("huge.scenario.ron");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..40 {
        f.write_all(&chunk).unwrap();
    }
    drop(f);
    let r = joined_up(&["validate", path.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(":1:1: error: file is too large"),
        "{}",
        r.stdout
    );
}

#[test]
fn two_hundred_thousand_nested_brackets_are_refused() {
    let path = scratch("deep.scenario.ron");
    std::fs::write(&path, "(".repeat(100_000) + &"[".repeat(100_000)).unwrap();
    let r = joined_up(&["validate", path.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains(":1:65: error: brackets are nested more than 64 levels deep"),
        "{}",
        r.stdout
    );
}

#[test]
fn random_bytes_and_empty_files_are_clear_errors() {
    // A fixed generator, so the test is the same every run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for (i, len) in [0usize, 1, 17, 4096, 300_000].into_iter().enumerate() {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        let path = scratch(&format!("random{i}.ron"));
        std::fs::write(&path, &bytes).unwrap();
        let r = joined_up(&["validate", path.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{len} random bytes: {}", r.stdout);
        assert!(r.stdout.contains(": error: "), "{}", r.stdout);
    }
    // Random printable RON-ish text.
    let mut text = String::new();
    let alphabet: Vec<char> = "()[]{},:\"' \n/*abcXYZ019_-.#!r".chars().collect();
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        text.push(alphabet[(x % alphabet.len() as u64) as usize]);
    }
    let path = scratch("noise.ron");
    std::fs::write(&path, text).unwrap();
    let r = joined_up(&["validate", path.to_str().unwrap()]);
    assert_eq!(r.code, 1);
}

#[test]
fn a_schools_instrument_is_validated_like_a_scenario() {
    let good = scratch("ours.instrument.ron");
    std::fs::write(
        &good,
        "(\n    format: 1,\n    id: \"ours\",\n    title: \"Ours\",\n    scale: [\"No\", \"Yes\"],\n    items: [\n        (id: \"a\", domain: Communication, text: \"I refer with context.\"),\n    ],\n)\n",
    )
    .unwrap();
    let r = joined_up(&["validate", good.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // One statement, so three domains have none: warnings, not errors.
    assert!(
        r.stdout
            .contains("warning: no statement for the Values and Ethics domain"),
        "{}",
        r.stdout
    );
    let bad = scratch("bad.instrument.ron");
    std::fs::write(
        &bad,
        "(\n    format: 1,\n    id: \"Bad Id\",\n    title: \"Ours\",\n    scale: [\"No\", \"Yes\"],\n    items: [\n        (id: \"a\", domain: Comunication, text: \"x\"),\n    ],\n)\n",
    )
    .unwrap();
    let r = joined_up(&["validate", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("bad.instrument.ron:7:27: error: unknown value `Comunication` in `Domain`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("hint: did you mean `Communication`?"),
        "{}",
        r.stdout
    );
    let r = joined_up(&["validate", "src/self_assessment/default.instrument.ron"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("1 valid"), "{}", r.stdout);
}
