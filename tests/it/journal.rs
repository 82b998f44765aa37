//! The journal survives `kill -9`: a real child process (examples/journal_drill.rs, the same
//! `SimPlugin` and `JournalPlugin` the window uses) is killed at random moments; what its
//! journal kept is always a prefix of the session, missing at most the action in flight, and
//! the session resumes from it and plays on to the end.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use joined_up::bots::{ComputerSeat, PolicyKind};
use joined_up::session::Headless;
use joined_up::session::journal::{Record, recover};
use joined_up::sim::{Role, Seat};

use crate::common::shipped;

const CASE: &str = "scenarios/home_from_hospital.scenario.ron";

fn drill() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_joined-up"))
        .parent()
        .unwrap()
        .join("examples/journal_drill")
}

fn dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("journal");
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs the drill; with `kill_after`, kills it (SIGKILL) then. Returns the last `stepped N` it
/// printed and whether it finished.
fn run(journal: &Path, kill_after: Option<Duration>) -> (usize, bool) {
    let mut child = Command::new(drill())
        .args([CASE, journal.to_str().unwrap(), "7", "15"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the drill is built with the tests (cargo test builds examples)");
    let seen = Arc::new(Mutex::new((0usize, false)));
    let reader = {
        let seen = seen.clone();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let mut s = seen.lock().unwrap();
                if let Some(n) = line.strip_prefix("stepped ") {
                    s.0 = n.parse().unwrap();
                } else if line == "finished" {
                    s.1 = true;
                }
            }
        })
    };
    match kill_after {
        Some(t) => {
            std::thread::sleep(t);
            let _ = child.kill();
            let _ = child.wait();
        }
        None => {
            assert!(child.wait().unwrap().success());
        }
    }
    reader.join().unwrap();
    *seen.lock().unwrap()
}

#[cfg(unix)]
#[test]
fn a_journal_killed_at_any_moment_keeps_all_but_the_action_in_flight_and_resumes() {
    let d = dir();
    // The whole session, uninterrupted.
    let full_path = d.join("full.journal");
    let (steps, finished) = run(&full_path, None);
    assert!(finished);
    let full = recover(&full_path).unwrap();
    assert_eq!(full.records.len(), steps);
    assert!(!full.torn && full.damaged_at.is_none());
    assert!(
        steps > 40,
        "a session long enough to interrupt: {steps} actions"
    );
    let scenario = shipped("home_from_hospital");

    // Killed at moments spread through it (a fixed spread, so a failure can be rerun).
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut interrupted = 0;
    for i in 0..8 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let ms = 30 + (x >> 33) % 500;
        let path = d.join(format!("killed-{i}.journal"));
        let (stepped, finished) = run(&path, Some(Duration::from_millis(ms)));
        let Ok(got) = recover(&path) else {
            // Killed before the header reached the disk: nothing to lose yet.
            assert_eq!(stepped, 0, "kill {i} at {ms} ms");
            continue;
        };
        assert_eq!(got.damaged_at, None, "kill {i}");
        assert_eq!(
            got.header,
            full.header.clone().with_time(&got.header.started_at)
        );
        // A prefix of the session, never a misread record...
        assert_eq!(
            got.records[..],
            full.records[..got.records.len()],
            "kill {i} at {ms} ms"
        );
        // ...missing at most the action in flight.
        assert!(
            got.records.len() + 1 >= stepped,
            "kill {i} at {ms} ms: stepped {stepped}, journal kept {}",
            got.records.len()
        );
        if !finished {
            interrupted += 1;
        }
        // Resume: the kept actions replay at once, then play goes on to the end.
        let mut h = Headless::new();
        h.start(&scenario, None, 7).unwrap();
        for a in got.records.iter().filter_map(|r| match r {
            Record::Act(a) => Some(a),
            _ => None,
        }) {
            let _ = h.act(Seat::assign(a.role).act(a.act.clone()));
        }
        assert_eq!(h.actions().len(), got.records.len());
        let mut seats = [
            ComputerSeat::new(PolicyKind::Collaborative, Role::Gp, 7),
            ComputerSeat::new(PolicyKind::Siloed, Role::SocialWorker, 7),
        ];
        let mut guard = 0;
        while !h.is_finished() {
            for seat in &mut seats {
                while let Some(a) = seat.next(h.world()) {
                    let _ = h.act(a);
                }
            }
            guard += 1;
            assert!(guard < 1000, "the resumed session does not end");
        }
    }
    assert!(
        interrupted >= 4,
        "most kills should land mid-session: {interrupted}"
    );
}

/// Headers differ only in when the session began.
trait WithTime {
    fn with_time(self, t: &str) -> Self;
}

impl WithTime for joined_up::session::journal::Header {
    fn with_time(mut self, t: &str) -> Self {
        self.started_at = t.to_owned();
        self
    }
}
