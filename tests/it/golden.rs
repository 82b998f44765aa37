//! Sessions saved from every shipped scenario, in every setting and with every fairness
//! pairing, replay to the same event log and score, and the computer players still choose the
//! same actions: a change that is not meant to change play (a refactor, a speed-up) must leave
//! them all as they are. The files were first written before the simulation was reorganised
//! to step on its own (commit 2d5a865; the reorganisation replayed them exactly), and written
//! again when the score's rules changed on purpose.
//!
//! When a change to the rules is meant to change sessions, write the files afresh with
//! `JOINED_UP_BLESS=1 cargo test --no-default-features golden` and say why in the commit.

use std::path::{Path, PathBuf};

use joined_up::bots::PolicyKind;
use joined_up::scenario::{load_file, scenario_files};
use joined_up::session::{Recorded, play, replay};
use joined_up::sim::{LogEntry, Refusal};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One saved session: how it was played, what was done, and what it led to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Golden {
    setting: Option<String>,
    gp: PolicyKind,
    social_worker: PolicyKind,
    seed: u64,
    actions: Vec<Recorded>,
    log_entries: usize,
    /// SHA-256 of the log in a form that does not depend on how refusals are stored.
    log_sha256: String,
    total: i32,
}

const PAIRINGS: [(PolicyKind, PolicyKind); 6] = [
    (PolicyKind::Collaborative, PolicyKind::Collaborative),
    (PolicyKind::PoliteSiloed, PolicyKind::PoliteSiloed),
    (PolicyKind::Collaborative, PolicyKind::Siloed),
    (PolicyKind::Siloed, PolicyKind::Collaborative),
    (PolicyKind::Siloed, PolicyKind::Siloed),
    (PolicyKind::Random, PolicyKind::Random),
];

/// Seeds per scenario, setting and pairing.
const SEEDS: u64 = 1;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden")
}

/// The log as JSON, one entry a line, hashed. A refusal is written as its reason in words
/// (`"reason": "…"`), however the log stores it, so storing refusals as typed values rather
/// than text does not count as a change.
fn normal_log_hash(entries: &[LogEntry]) -> String {
    let mut hasher = Sha256::new();
    for e in entries {
        let value = normalise(serde_json::to_value(e).expect("a log entry serialises"));
        hasher.update(value.to_string().as_bytes());
        hasher.update(b"\n");
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn normalise(mut value: serde_json::Value) -> serde_json::Value {
    if let Some(refused) = value
        .get_mut("kind")
        .and_then(|k| k.get_mut("Refused"))
        .and_then(|r| r.as_object_mut())
        && let Some(typed) = refused.remove("refusal")
    {
        let refusal: Refusal = serde_json::from_value(typed).expect("a refusal deserialises");
        refused.insert("reason".into(), refusal.to_string().into());
    }
    value
}

fn settings(s: &joined_up::scenario::ValidScenario) -> Vec<Option<String>> {
    let mut v = vec![None];
    v.extend(s.get().settings.keys().cloned().map(Some));
    v
}

fn sessions_of(s: &joined_up::scenario::ValidScenario) -> Vec<Golden> {
    let mut out = Vec::new();
    for setting in settings(s) {
        for (gp, sw) in PAIRINGS {
            for seed in 0..SEEDS {
                let seed = 1000 + seed * 17 + out.len() as u64;
                let played = play(s, setting.as_deref(), seed, gp, sw).expect("a session plays");
                out.push(Golden {
                    setting: setting.clone(),
                    gp,
                    social_worker: sw,
                    seed,
                    actions: played.actions.clone(),
                    log_entries: played.log.entries.len(),
                    log_sha256: normal_log_hash(&played.log.entries),
                    total: played.score.total,
                });
            }
        }
    }
    out
}

#[test]
fn saved_sessions_replay_identically() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let bless = std::env::var_os("JOINED_UP_BLESS").is_some();
    let mut checked = 0;
    for file in scenario_files(&dir).unwrap() {
        let s = load_file(&file).unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        let golden_file = golden_dir().join(format!("{}.golden.ron", s.get().id));
        if bless {
            std::fs::create_dir_all(golden_dir()).unwrap();
            let text = ron::ser::to_string_pretty(
                &sessions_of(&s),
                ron::ser::PrettyConfig::default().depth_limit(2),
            )
            .unwrap();
            std::fs::write(&golden_file, text).unwrap();
        }
        let text = std::fs::read_to_string(&golden_file).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; write it with JOINED_UP_BLESS=1",
                golden_file.display()
            )
        });
        let saved: Vec<Golden> = ron::from_str(&text).unwrap();
        assert_eq!(
            saved.len(),
            settings(&s).len() * PAIRINGS.len() * SEEDS as usize
        );
        for g in &saved {
            let what = format!(
                "{} {:?} {} + {} seed {}",
                s.get().id,
                g.setting,
                g.gp,
                g.social_worker,
                g.seed
            );
            // The recorded actions give the same log and score.
            let again = replay(&s, g.setting.as_deref(), g.seed, &g.actions).unwrap();
            assert_eq!(again.log.entries.len(), g.log_entries, "{what}: log length");
            assert_eq!(
                normal_log_hash(&again.log.entries),
                g.log_sha256,
                "{what}: event log"
            );
            assert_eq!(again.score.total, g.total, "{what}: score");
            // The computer players, seeing the same views, choose the same actions.
            let fresh = play(&s, g.setting.as_deref(), g.seed, g.gp, g.social_worker).unwrap();
            assert!(fresh.actions == g.actions, "{what}: the players' choices");
            assert_eq!(
                fresh.score.total, g.total,
                "{what}: score when played afresh"
            );
            checked += 1;
        }
    }
    assert!(checked >= 6 * 2 * PAIRINGS.len(), "only {checked} sessions");
}
