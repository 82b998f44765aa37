//! What an outside test with about 8,000 hostile inputs found, each fixed with a test that
//! failed before its fix (issue 14): closed pipes, pipes for files, text that forges lines or
//! restyles a terminal, live Markdown, no display, a byte-order mark, a full disk, outputs
//! replaced, a scenario found in the wrong folder. (Unbounded numbers are in tests/broken.)

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cli::joined_up;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("reliability")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const BIN: &str = env!("CARGO_BIN_EXE_joined-up");

/// Runs `joined-up ARGS | true` in bash with pipefail: the exit status is joined-up's, and
/// its standard output is a pipe whose reader has gone.
fn into_closed_pipe(args: &str) -> (i32, String) {
    let out = Command::new("bash")
        // The reader (`true`) is gone before joined-up starts writing.
        .args([
            "-c",
            &format!("set -o pipefail; {{ sleep 0.3; exec '{BIN}' {args}; }} | true"),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_goes_away_is_a_normal_end_for_every_subcommand() {
    let dir = scratch("pipes");
    let r = joined_up(&[
        "simulate",
        "tests/data/minimal.scenario.ron",
        "--gp",
        "collaborative",
        "--social-worker",
        "collaborative",
        "--seeds",
        "1",
        "--save-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let session = dir.join("minimal-0.session.ron");
    let s = session.display();
    for (args, want) in [
        (format!("replay '{s}'"), 0),
        (format!("debrief '{s}'"), 0),
        ("validate scenarios".to_owned(), 0),
        ("guide scenarios/cold_winter.scenario.ron".to_owned(), 0),
        (format!("cohort '{}'", dir.display()), 0),
        ("simulate tests/data/minimal.scenario.ron --gp random --social-worker random --seeds 3 --json".to_owned(), 0),
        ("--help".to_owned(), 0),
    ] {
        let (code, stderr) = into_closed_pipe(&args);
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
        assert_eq!(code, want, "{args}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_named_like_a_file_is_refused_not_waited_on() {
    let dir = scratch("fifo");
    let fifo = dir.join("x.scenario.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Before the fix, `open` blocked for ever (the helper fails a run that hangs).
    let r = joined_up(&["validate", fifo.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("x.scenario.ron:1:1: error: this is not a regular file"),
        "{}",
        r.stdout
    );
    let session = dir.join("y.session.ron");
    Command::new("mkfifo").arg(&session).status().unwrap();
    let r = joined_up(&["replay", session.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
    let r = joined_up(&["guide", fifo.to_str().unwrap()]);
    assert_eq!(r.code, 1);
}

fn minimal_with(edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/minimal.scenario.ron"
    ))
    .unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn nothing_in_a_file_reaches_the_terminal_raw() {
    let dir = scratch("diagnostics");
    // An id with a line break that would print a forged diagnostic, and terminal escapes.
    let forged = dir.join("forged.scenario.ron");
    std::fs::write(
        &forged,
        minimal_with(&[
            (
                r#"id: "minimal""#,
                r#"id: "a\n/etc/passwd:1:1: error: FAKE""#,
            ),
            (
                r#"signs: ["a_history"]"#,
                r#"signs: ["\u{1b}[2J\u{2028}x"]"#,
            ),
        ]),
    )
    .unwrap();
    let r = joined_up(&["validate", forged.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        !r.stdout.lines().any(|l| l.starts_with("/etc/passwd")),
        "a forged line: {}",
        r.stdout
    );
    assert!(
        !r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{2028}'),
        "{:?}",
        r.stdout
    );
    assert!(
        r.stdout.contains(r"\u{1b}[2J\u{2028}x"),
        "shown, escaped: {}",
        r.stdout
    );
    // A one-megabyte id: a diagnostic stays a few lines, and short.
    let huge = dir.join("huge.scenario.ron");
    let long = "z".repeat(1_000_000);
    std::fs::write(
        &huge,
        minimal_with(&[(r#"signs: ["a_history"]"#, &format!(r#"signs: ["{long}"]"#))]),
    )
    .unwrap();
    let r = joined_up(&["validate", huge.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.len() < 2_000, "{} bytes", r.stdout.len());
    assert!(r.stdout.lines().count() < 10, "{}", r.stdout);
    assert!(r.stdout.contains("zzz…`"), "{}", r.stdout);
    // "Did you mean" never proposes something that cannot be an id.
    let near = dir.join("near.scenario.ron");
    let id73 = "a".repeat(73);
    let id72 = "a".repeat(72);
    std::fs::write(
        &near,
        minimal_with(&[
            (r#"(id: "a_home""#, &format!(r#"(id: "{id73}""#)),
            (
                r#"requires: ["a_history", "a_home"]"#,
                &format!(r#"requires: ["a_history", "{id72}"]"#),
            ),
        ]),
    )
    .unwrap();
    let r = joined_up(&["validate", near.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        !r.stdout
            .contains(&format!("did you mean `{}", "a".repeat(70))),
        "{}",
        r.stdout
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_positions_count_after_it() {
    let dir = scratch("bom");
    let good = dir.join("bom.scenario.ron");
    std::fs::write(&good, format!("\u{feff}{}", minimal_with(&[]))).unwrap();
    let r = joined_up(&["validate", good.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let bad = dir.join("bad.scenario.ron");
    std::fs::write(
        &bad,
        format!("\u{feff}{}", minimal_with(&[("title:", "tittle:")])),
    )
    .unwrap();
    let r = joined_up(&["validate", bad.to_str().unwrap()]);
    assert!(
        r.stdout
            .contains("bad.scenario.ron:5:5: error: unknown field `tittle`"),
        "{}",
        r.stdout
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_an_error() {
    let out = Command::new("bash")
        .args(["-c", &format!("'{BIN}' validate scenarios > /dev/full")])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write the report"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let out = Command::new("bash")
        .args([
            "-c",
            &format!("'{BIN}' guide scenarios/cold_winter.scenario.ron > /dev/full"),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn markdown_from_hostile_scenario_text_is_inert() {
    let dir = scratch("markdown");
    let case = dir.join("hostile.scenario.ron");
    std::fs::write(
        &case,
        minimal_with(&[
            (
                r#"title: "Minimal case""#,
                r#"title: "<script>alert(1)</script>""#,
            ),
            (
                r#"name: "Mrs A""#,
                r#"name: "<iframe src=javascript:alert(1)>""#,
            ),
            (
                r#"text: "Has fallen before.""#,
                r#"text: "[click](javascript:alert(1)) | **x**""#,
            ),
        ]),
    )
    .unwrap();
    let r = joined_up(&[
        "simulate",
        case.to_str().unwrap(),
        "--gp",
        "collaborative",
        "--social-worker",
        "collaborative",
        "--seeds",
        "1",
        "--save-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let session = dir.join("minimal-0.session.ron");
    for format in ["md", "html"] {
        let r = joined_up(&["debrief", session.to_str().unwrap(), "--format", format]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        for live in ["<script", "<iframe"] {
            assert!(!r.stdout.contains(live), "{format} has {live}");
        }
        // In Markdown a link needs an unescaped `]` before its `(` (in HTML it is only text).
        assert!(
            format == "html"
                || r.stdout
                    .match_indices("](javascript:")
                    .all(|(i, _)| r.stdout[..i].ends_with('\\')),
            "{format} has a live link"
        );
    }
    let r = joined_up(&["guide", case.to_str().unwrap(), "--format", "md"]);
    assert!(!r.stdout.contains("<script"), "{}", r.stdout);
}

#[cfg(feature = "gui")]
#[test]
fn with_no_display_the_window_says_so_and_exits_1() {
    let out = Command::new(BIN)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no display was found"), "{err}");
    assert!(err.contains("xvfb-run"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn replay_finds_the_scenario_beside_the_session_before_the_one_in_the_current_folder() {
    // The tutor's folder: a session and the exact case it was played on, side by side.
    let shared = scratch("beside");
    std::fs::create_dir_all(shared.join("cases")).unwrap();
    std::fs::write(shared.join("cases/m.scenario.ron"), minimal_with(&[])).unwrap();
    let r = Command::new(BIN)
        .args([
            "simulate",
            "cases/m.scenario.ron",
            "--gp",
            "siloed",
            "--social-worker",
            "siloed",
            "--seeds",
            "1",
            "--save-dir",
            ".",
        ])
        .current_dir(&shared)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    // Somewhere else, a different case at the same relative path.
    let elsewhere = scratch("elsewhere");
    std::fs::create_dir_all(elsewhere.join("cases")).unwrap();
    std::fs::write(
        elsewhere.join("cases/m.scenario.ron"),
        minimal_with(&[("Lives alone.", "Lives alone, as ever.")]),
    )
    .unwrap();
    let r = Command::new(BIN)
        .args([
            "replay",
            shared.join("minimal-0.session.ron").to_str().unwrap(),
        ])
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    assert!(
        r.status.success(),
        "the case beside the session is the one: {}",
        String::from_utf8_lossy(&r.stderr)
    );
}

#[test]
fn who_played_cannot_be_edited_on_the_computer_that_wrote_the_file() {
    let dir = scratch("seal");
    let r = joined_up(&[
        "simulate",
        "tests/data/minimal.scenario.ron",
        "--gp",
        "collaborative",
        "--social-worker",
        "siloed",
        "--seeds",
        "1",
        "--save-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = dir.join("minimal-0.session.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let r = joined_up(&["replay", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("sealed on this computer, and unchanged since"),
        "{}",
        r.stdout
    );

    // The outside test's forgery: a computer player turned into a person, the checksum
    // recomputed. With a keyed seal it cannot be made again without the key.
    let seal_at = text.rfind("// sealed: hmac-sha256 key=").unwrap();
    let body = text[..seal_at].replacen("gp: Computer(collaborative)", "gp: Person", 1);
    let line = &text[seal_at..];
    let id = line
        .split_whitespace()
        .nth(3)
        .unwrap()
        .trim_start_matches("key=");
    let forged = dir.join("forged.session.ron");
    std::fs::write(
        &forged,
        format!(
            "{body}// sealed: hmac-sha256 key={id} {}\n",
            joined_up::scenario::sha256_hex(body.as_bytes())
        ),
    )
    .unwrap();
    for cmd in ["replay", "debrief"] {
        let r = joined_up(&[cmd, forged.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{cmd}: {}", r.stdout);
        assert!(
            r.stderr.contains("changed after it was written"),
            "{}",
            r.stderr
        );
    }

    // On another computer (another installation's key) the seal cannot be checked: the file
    // is read, replayed, and the warning says so.
    let other = scratch("seal-other-computer");
    let out = Command::new(BIN)
        .args(["replay", file.to_str().unwrap()])
        .env("JOINED_UP_CONFIG_DIR", &other)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sealed on another computer"), "{err}");
    assert!(err.contains("cannot be checked here"), "{err}");
    let out = Command::new(BIN)
        .args(["cohort", dir.to_str().unwrap()])
        .env("JOINED_UP_CONFIG_DIR", &other)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .contains(&format!("elsewhere:{id}")),
        "{csv}"
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_simulate_keeps_every_finished_session_and_no_temporary_file() {
    let dir = scratch("interrupt");
    let child = Command::new(BIN)
        .args([
            "simulate",
            "scenarios/home_from_hospital.scenario.ron",
            "--gp",
            "collaborative",
            "--social-worker",
            "collaborative",
            "--seeds",
            "100000",
            "--save-dir",
            dir.to_str().unwrap(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until some sessions are on disk: each file appears as its session finishes.
    let start = std::time::Instant::now();
    let count = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".session.ron")
            })
            .count()
    };
    while count() < 20 {
        assert!(start.elapsed().as_secs() < 60, "no session files appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    let sessions: Vec<&String> = names
        .iter()
        .filter(|n| n.ends_with(".session.ron"))
        .collect();
    assert!(sessions.len() >= 20 && sessions.len() < 100_000);
    // Every file that is there is whole.
    for n in sessions.iter().take(5) {
        let r = joined_up(&["replay", dir.join(n).to_str().unwrap()]);
        assert_eq!(r.code, 0, "{n}: {}", r.stderr);
    }
}
