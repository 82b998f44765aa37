//! Computer players play whole sessions through the same actions as people, and behave as
//! their names say.

use joined_up::bots::PolicyKind;
use joined_up::scoring::Behaviour;
use joined_up::session::{Played, play, replay};
use joined_up::sim::LogKind;

use crate::common::shipped;

fn behaviours(p: &Played) -> Vec<Behaviour> {
    p.score.items.iter().map(|i| i.behaviour).collect()
}

fn refusals(p: &Played) -> Vec<String> {
    p.log
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            LogKind::Refused { role, act, refusal } => Some(format!("{role:?} {act:?}: {refusal}")),
            _ => None,
        })
        .collect()
}

#[test]
fn every_policy_plays_either_role_to_the_end() {
    let s = shipped("home_from_hospital");
    for gp in PolicyKind::ALL {
        for sw in PolicyKind::ALL {
            for seed in 0..2 {
                let p = play(&s, None, seed, gp, sw).unwrap();
                assert!(p.finished, "{gp}/{sw} seed {seed} did not finish");
                assert!(matches!(
                    p.log.entries.last().map(|e| &e.kind),
                    Some(LogKind::SessionEnded)
                        | Some(LogKind::CrisisAverted { .. })
                        | Some(LogKind::CrisisLooming { .. })
                ));
                // Deliberate players only choose what their view says they can do (the random
                // player and the gamer try anything).
                let tries_anything = [PolicyKind::Random, PolicyKind::Gamer];
                if !tries_anything.contains(&gp) && !tries_anything.contains(&sw) {
                    assert_eq!(refusals(&p), Vec::<String>::new(), "{gp}/{sw} seed {seed}");
                }
            }
        }
    }
}

#[test]
fn the_random_player_is_refused_but_never_breaks_the_session() {
    let s = shipped("home_from_hospital");
    let p = play(&s, None, 7, PolicyKind::Random, PolicyKind::Random).unwrap();
    assert!(p.finished);
    assert!(
        !refusals(&p).is_empty(),
        "random play should try things it may not do"
    );
}

/// Everything a computer player did went through action messages: replaying only those
/// actions gives the very same event log.
#[test]
fn players_have_no_back_door() {
    let s = shipped("home_from_hospital");
    for (setting, gp, sw) in [
        (None, PolicyKind::Collaborative, PolicyKind::Collaborative),
        (
            Some("integrated"),
            PolicyKind::Collaborative,
            PolicyKind::Siloed,
        ),
        (None, PolicyKind::Random, PolicyKind::Siloed),
    ] {
        let p = play(&s, setting, 3, gp, sw).unwrap();
        let r = replay(&s, setting, 3, &p.actions).unwrap();
        assert_eq!(p.log.entries, r.log.entries, "{gp}/{sw}");
        assert_eq!(p.score, r.score);
    }
}

#[test]
fn siloed_players_behave_as_the_walled_system() {
    let s = shipped("home_from_hospital");
    for seed in 0..3 {
        let p = play(&s, None, seed, PolicyKind::Siloed, PolicyKind::Siloed).unwrap();
        let b = behaviours(&p);
        assert!(b.contains(&Behaviour::ColdReferral), "seed {seed}: {b:?}");
        assert!(b.contains(&Behaviour::UnownedNeed), "seed {seed}: {b:?}");
        for never in [
            Behaviour::JointVisit,
            Behaviour::SharedCarePlan,
            Behaviour::ClosedLoop,
            Behaviour::PreparedMdt,
            Behaviour::StandingArrangement,
            Behaviour::ContextualReferral,
        ] {
            assert!(!b.contains(&never), "seed {seed}: siloed earned {never:?}");
        }
        // Nobody from a siloed team ever goes to an MDT.
        assert!(
            !p.log
                .entries
                .iter()
                .any(|e| matches!(e.kind, LogKind::MdtAttended { .. }))
        );
    }
}

#[test]
fn collaborative_players_close_loops_and_plan_together() {
    let s = shipped("home_from_hospital");
    for setting in [None, Some("integrated")] {
        let mut seen = Vec::new();
        for seed in 0..3 {
            let p = play(
                &s,
                setting,
                seed,
                PolicyKind::Collaborative,
                PolicyKind::Collaborative,
            )
            .unwrap();
            seen.extend(behaviours(&p));
        }
        for expected in [
            Behaviour::ContextualReferral,
            Behaviour::ClosedLoop,
            Behaviour::SharedCarePlan,
            Behaviour::RightContact,
            Behaviour::CrisisPrevented,
        ] {
            assert!(seen.contains(&expected), "{setting:?}: no {expected:?}");
        }
        assert!(!seen.contains(&Behaviour::BouncedNeed));
        assert!(!seen.contains(&Behaviour::DismissiveFraming));
    }
}

#[test]
fn policies_parse_from_their_names() {
    for k in PolicyKind::ALL {
        assert_eq!(k.name().parse::<PolicyKind>(), Ok(k));
    }
    let e = "friendly".parse::<PolicyKind>().unwrap_err();
    assert!(
        e.contains("collaborative, siloed, polite-siloed, gamer, random"),
        "{e}"
    );
}
