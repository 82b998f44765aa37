//! The score is fair: for every shipped scenario, in its own setting and every named one, two
//! collaborative players beat two siloed players and two polite but siloed players by a wide
//! margin (Cohen's d ≥ 1.5 over 100 seeds); polite handoffs score above curt ones; a player
//! who farms the rubric never out-scores collaboration on average; a mixed team lands between
//! siloed and collaborative; and random play lands below collaborative.
//!
//! This is the same check `joined-up validate --balance` runs for authors, and it fails on
//! anything that command would warn about. 100 seeds × 7 pairings for each of 22
//! case-and-setting cells is 15,400 sessions; in a debug build it takes about two minutes on
//! two cores (BENCHMARKS.md). It runs in the window-less test pass only (`cargo test
//! --no-default-features`, which CI runs first); the second pass with the window would repeat
//! it to no purpose.

#![cfg(not(feature = "gui"))]

use joined_up::scenario::{load_file, scenario_files};
use joined_up::simulate::{Fairness, MIN_EFFECT, cohens_d, fairness};

use joined_up::cli::balance_findings;

use crate::common::pointless_minimal;

const SEEDS: u64 = 100;

fn report(f: &Fairness) -> String {
    let mut s = format!(
        "setting {:?}, {} seeds, Cohen's d over siloed {:.2}, over polite-siloed {:.2}\n",
        f.setting, f.seeds, f.effect, f.polite_effect
    );
    for ((label, t), (_, c)) in f.totals.iter().zip(&f.crises) {
        s += &format!(
            "  {label:<38} total mean {:>7.1} sd {:>5.1}  crises {:.2}\n",
            t.mean, t.sd, c.mean
        );
    }
    for p in &f.problems {
        s += &format!("  PROBLEM: {p}\n");
    }
    s
}

#[test]
fn every_shipped_scenario_rewards_collaboration() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = scenario_files(&dir).unwrap();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for file in files {
        let s = load_file(&file).unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        // The file as written and every named setting; a named setting that changes nothing
        // (a "walled" setting over a walled file) would only repeat the same sessions.
        let mut settings: Vec<Option<&str>> = vec![None];
        let base = s.setting(None).unwrap();
        settings.extend(
            s.get()
                .settings
                .keys()
                .filter(|k| s.setting(Some(k)).unwrap() != base)
                .map(|k| Some(k.as_str())),
        );
        for setting in settings {
            let f = fairness(&s, setting, SEEDS, &|| {}).unwrap();
            let text = report(&f);
            println!("{}: {text}", s.get().id);
            if !f.is_fair() {
                failures.push(format!("{}: {text}", file.display()));
            }
            // And everything else `validate --balance` would tell its author: crises that never
            // happen or cannot be prevented, needs never met, barriers declared but never met,
            // money that never binds.
            let shown = file.display().to_string();
            for w in balance_findings(&shown, &s, setting, &f) {
                if !f.problems.iter().any(|p| w.message.ends_with(p.as_str())) {
                    failures.push(w.to_string());
                }
            }
            assert!(f.effect >= MIN_EFFECT || !f.is_fair());
            assert!(f.polite_effect >= MIN_EFFECT || !f.is_fair());
            assert!(f.total("gamer").mean <= f.total("collaborative").mean || !f.is_fair());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The check can fail: a scenario in which every behaviour is worth nothing cannot tell
/// collaboration from silos, and is reported unfair.
#[test]
fn the_fairness_check_can_fail() {
    let s = pointless_minimal(&[]);
    let f = fairness(&s, None, 10, &|| {}).unwrap();
    assert!(!f.is_fair(), "{}", report(&f));
    assert!(f.problems[0].contains("Cohen's d"), "{}", report(&f));
    assert_eq!(cohens_d(&f.total("collaborative"), &f.total("siloed")), 0.0);
    assert!(f.problems.iter().any(|p| p.contains("polite but siloed")));
}
