//! Computer players play whole sessions through the same actions as people, and behave as
//! their names say.

use joined_up::bots::{ComputerSeat, PolicyKind};
use joined_up::scenario::Channel;
use joined_up::scoring::Behaviour;
use joined_up::session::{Headless, Played, play, replay};
use joined_up::sim::{Act, Answer, Ask, Framing, LogKind, Outgoing, Role};

use crate::common::{bench, send, shipped};

fn behaviours(p: &Played) -> Vec<Behaviour> {
    p.score.items.iter().map(|i| i.behaviour).collect()
}

fn refusals(p: &Played) -> Vec<String> {
    p.log
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            LogKind::Refused {
                role, act, refusal, ..
            } => Some(format!("{role:?} {act:?}: {refusal}")),
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
        e.contains("collaborative, siloed, polite-siloed, gamer, stretched, defensive, random"),
        "{e}"
    );
}

/// Plays the social worker's seat with `kind` until it ends its half-day; returns its replies.
fn sw_answers(h: &mut Headless, seat: &mut ComputerSeat) -> Vec<Answer> {
    let start = h.log().entries.len();
    while let Some(action) = seat.next(h.world()) {
        let _ = h.act(action);
    }
    h.log().entries[start..]
        .iter()
        .filter_map(|e| match &e.kind {
            LogKind::Sent(s) if s.from == Role::SocialWorker => s.answer.clone(),
            _ => None,
        })
        .collect()
}

/// The GP asks the social worker, by phone on day 1's morning, to take on the falls need:
/// curtly with nothing attached, or respectfully with the diagnosis.
fn referred(setting: Option<&str>, respectfully: bool) -> Headless {
    let mut h = bench(setting, 1);
    let _ = h.act_as(
        Role::Gp,
        Act::AskConsent {
            patient: "mrs_b".into(),
        },
    );
    let (framing, facts) = if respectfully {
        (Framing::Respectful, vec!["b_diagnosis".to_owned()])
    } else {
        (Framing::Dismissive, Vec::new())
    };
    let _ = h.act_as(
        Role::Gp,
        Act::Send(Outgoing {
            need: Some("b_falls".into()),
            ask: Some(Ask::TakeOn),
            facts,
            framing,
            ..send("sw_direct", Channel::Phone, "mrs_b")
        }),
    );
    h
}

/// A defensive colleague sends back what comes curtly and bare, takes on what comes with
/// respect and the background, and stops needing to be won over once trust is strong.
#[test]
fn a_defensive_colleague_answers_the_way_it_is_approached() {
    let mut h = referred(Some("hostile"), false);
    let mut seat = ComputerSeat::new(PolicyKind::Defensive, Role::SocialWorker, 1);
    assert_eq!(
        sw_answers(&mut h, &mut seat),
        vec![Answer::Decline { redirect: None }]
    );
    let mut h = referred(Some("hostile"), true);
    let mut seat = ComputerSeat::new(PolicyKind::Defensive, Role::SocialWorker, 1);
    assert!(sw_answers(&mut h, &mut seat).contains(&Answer::Accept));
    // Where trust is strong, even a curt request gets a working answer.
    let mut h = referred(Some("integrated"), false);
    let mut seat = ComputerSeat::new(PolicyKind::Defensive, Role::SocialWorker, 1);
    let answers = sw_answers(&mut h, &mut seat);
    assert!(
        !answers.contains(&Answer::Decline { redirect: None }),
        "{answers:?}"
    );
}

/// A stretched colleague gets to a request a day late, and gives the caseload only part of
/// each half-day.
#[test]
fn a_stretched_colleague_answers_late_and_works_part_of_the_time() {
    let mut h = referred(None, true);
    let mut seat = ComputerSeat::new(PolicyKind::Stretched, Role::SocialWorker, 1);
    let mut answered_in = None;
    for slot in 0..4 {
        let answers = sw_answers(&mut h, &mut seat);
        if answered_in.is_none() && !answers.is_empty() {
            answered_in = Some(slot);
        }
        let spent =
            h.view(Role::SocialWorker).minutes_this_slot - h.view(Role::SocialWorker).minutes_left;
        assert!(spent <= h.view(Role::SocialWorker).minutes_this_slot * 6 / 10 + 90);
        // The seat has ended the social worker's half-day; the GP's ending resolves it.
        let _ = h.act_as(Role::Gp, Act::EndTurn);
    }
    assert_eq!(
        answered_in,
        Some(2),
        "answered two half-days after it came: {:#?}",
        h.log()
            .entries
            .iter()
            .filter(|e| format!("{:?}", e.kind).contains("SocialWorker"))
            .map(|e| format!("{} {:?}", e.slot.0, e.kind))
            .collect::<Vec<_>>()
    );
    // The collaborative colleague answers at once.
    let mut h = referred(None, true);
    let mut seat = ComputerSeat::new(PolicyKind::Collaborative, Role::SocialWorker, 1);
    assert!(!sw_answers(&mut h, &mut seat).is_empty());
}
