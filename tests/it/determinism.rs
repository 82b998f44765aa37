//! Same scenario, seed and actions: the same session, event for event. And no sequence of
//! actions, however odd, makes the simulation panic.

use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings};
use bevy::prelude::*;
use joined_up::bots::PolicyKind;
use joined_up::scenario::{Channel, Half};
use joined_up::session::Headless;
use joined_up::sim::{
    Act, ActionRecord, Answer, Ask, EventLog, Framing, LogKind, Outgoing, ReplyTo, Role, Seat,
    SessionPhase, SimPlugin, start_session,
};

use crate::common::*;

/// A small deterministic generator for the test's own choices (the simulation has its own).
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            Some(&items[(self.next() % items.len() as u64) as usize])
        }
    }
}

/// A plausible-or-not action for `role`, built from what it can see plus some nonsense.
fn random_action(h: &Headless, role: Role, rng: &mut Xorshift) -> Act {
    let v = h.view(role);
    let mut patients: Vec<String> = v.patients.iter().map(|p| p.id.clone()).collect();
    patients.push("nobody".into());
    let mut needs: Vec<String> = v
        .patients
        .iter()
        .flat_map(|p| p.needs.iter().map(|n| n.id.clone()))
        .collect();
    needs.push("no_need".into());
    let mut facts: Vec<String> = v
        .patients
        .iter()
        .flat_map(|p| p.facts.iter().map(|f| f.id.clone()))
        .collect();
    facts.push("no_fact".into());
    let mut contacts: Vec<String> = v.directory.iter().map(|c| c.id.clone()).collect();
    contacts.push("no_contact".into());
    let messages: Vec<u32> = v.inbox.iter().map(|m| m.id).chain([0, 77]).collect();
    let packages: Vec<String> = v
        .packages
        .iter()
        .map(|p| p.id.clone())
        .chain(["none".into()])
        .collect();
    let patient = rng.pick(&patients).unwrap().clone();
    let need = rng.pick(&needs).unwrap().clone();
    let channel = *rng.pick(&Channel::ALL).unwrap();
    let some_facts: Vec<String> = facts
        .iter()
        .filter(|_| rng.next().is_multiple_of(3))
        .cloned()
        .collect();
    match rng.next() % 22 {
        0 => Act::LookUp {
            contact: rng.pick(&contacts).unwrap().clone(),
        },
        1 => Act::AskAround { patient },
        2 => Act::AskConsent { patient },
        3 => Act::Assess { patient },
        4 => Act::HomeVisit { patient },
        5 => Act::JointVisit { patient },
        6 | 7 => Act::Send(Outgoing {
            to: rng.pick(&contacts).unwrap().clone(),
            channel,
            patient: Some(patient),
            need: Some(need),
            ask: rng
                .pick(&[
                    None,
                    Some(Ask::TakeOn),
                    Some(Ask::Assess),
                    Some(Ask::Information),
                    Some(Ask::Liaison),
                    Some(Ask::Huddle),
                    Some(Ask::JointVisit {
                        day: 2,
                        half: Half::Pm,
                    }),
                ])
                .unwrap()
                .clone(),
            facts: some_facts,
            framing: *rng
                .pick(&[Framing::Respectful, Framing::Neutral, Framing::Dismissive])
                .unwrap(),
            attach_plan: rng.next().is_multiple_of(4),
            text: "test".into(),
        }),
        8 | 9 => Act::Reply(ReplyTo {
            message: *rng.pick(&messages).unwrap(),
            answer: rng
                .pick(&[
                    Answer::Acknowledge,
                    Answer::Accept,
                    Answer::Decline { redirect: None },
                    Answer::Decline {
                        redirect: contacts.first().cloned(),
                    },
                    Answer::Done,
                    Answer::Information,
                ])
                .unwrap()
                .clone(),
            channel,
            facts: some_facts,
            framing: Framing::Neutral,
            text: String::new(),
        }),
        10 => Act::RecordNote {
            patient,
            facts: some_facts,
        },
        11 => Act::ClaimNeed { need },
        12 => Act::ActOnNeed { need },
        13 => Act::Commission {
            need,
            package: rng.pick(&packages).unwrap().clone(),
        },
        14 => Act::EscalateSafeguarding { need },
        15 => Act::ProposeCarePlan {
            patient,
            owners: needs
                .iter()
                .take(3)
                .map(|n| {
                    (
                        n.clone(),
                        rng.pick(&[
                            "gp".to_string(),
                            "social_worker".into(),
                            "duty_team".into(),
                            "x".into(),
                        ])
                        .unwrap()
                        .clone(),
                    )
                })
                .collect(),
        },
        16 => Act::AcceptCarePlan { patient },
        17 => Act::BookMdt {
            day: (rng.next() % 7) as u32,
            half: Half::Pm,
        },
        18 => Act::PrepareForMdt { patient },
        19 => Act::AttendMdt,
        20 => Act::AttendHuddle,
        _ => Act::EndTurn,
    }
}

/// Plays a whole session with the test's random actions; returns the log as text.
fn play_random(
    scenario: &joined_up::scenario::ValidScenario,
    setting: Option<&str>,
    seed: u64,
    choices: u64,
) -> (String, usize, usize) {
    let mut h = Headless::new();
    h.start(scenario, setting, seed).unwrap();
    let mut rng = Xorshift(choices.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut steps = 0u32;
    while !h.is_finished() {
        for role in Role::BOTH {
            let act = random_action(&h, role, &mut rng);
            let _ = h.act_as(role, act);
        }
        steps += 1;
        if steps.is_multiple_of(6) {
            h.end_slot();
        }
        assert!(steps < 2000, "the session does not finish");
    }
    let refused = h.refusals().len();
    let applied = h
        .log()
        .entries
        .iter()
        .filter(|e| !matches!(e.kind, LogKind::Refused { .. }))
        .count();
    (format!("{:?}", h.log().entries), refused, applied)
}

#[test]
fn the_same_seed_and_actions_give_the_same_session() {
    let s = shipped("home_from_hospital");
    for seed in [0, 7, 99] {
        let a = play_random(&s, None, seed, seed + 1);
        let b = play_random(&s, None, seed, seed + 1);
        assert_eq!(a.0, b.0, "seed {seed} gave two different sessions");
    }
}

#[test]
fn different_seeds_give_different_sessions() {
    let s = shipped("home_from_hospital");
    let logs: Vec<String> = (0..6)
        .map(|seed| play_random(&s, None, seed, 1).0)
        .collect();
    let distinct: std::collections::BTreeSet<&String> = logs.iter().collect();
    assert!(distinct.len() > 1, "the seed changes nothing");
}

#[test]
fn random_and_nonsense_actions_never_panic() {
    let scenarios = [
        (shipped("home_from_hospital"), None),
        (shipped("home_from_hospital"), Some("integrated")),
        (data("mechanics", &[]), None),
        (data("mechanics", &[]), Some("integrated")),
    ];
    let (mut refused, mut applied) = (0, 0);
    for (s, setting) in &scenarios {
        for seed in 0..8 {
            let (_, r, a) = play_random(s, *setting, seed, seed * 31 + 5);
            refused += r;
            applied += a;
        }
    }
    // Both kinds happen, so the checks are exercised on both sides.
    assert!(
        refused > 100 && applied > 1000,
        "refused {refused}, applied {applied}"
    );
}

/// The window's path (actions written as messages, several in a frame, stepped by
/// `SimPlugin`'s system) plays exactly the session that direct steps play, and its schedule
/// has no ambiguous order.
#[test]
fn the_message_path_plays_the_same_session_as_direct_steps() {
    let s = shipped("home_from_hospital");
    let direct =
        joined_up::session::play(&s, None, 3, PolicyKind::Collaborative, PolicyKind::Siloed)
            .unwrap();
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SimPlugin));
    app.edit_schedule(Update, |schedule| {
        schedule.set_build_settings(ScheduleBuildSettings {
            ambiguity_detection: LogLevel::Error,
            ..default()
        });
    });
    start_session(app.world_mut(), &s, None, 3).unwrap();
    app.update();
    for frame in direct.actions.chunks(3) {
        for a in frame {
            app.world_mut()
                .write_message(Seat::assign(a.role).act(a.act.clone()));
        }
        app.update();
    }
    app.update();
    assert_eq!(
        app.world().resource::<EventLog>().entries,
        direct.log.entries
    );
    assert_eq!(
        *app.world().resource::<State<SessionPhase>>().get(),
        SessionPhase::Finished
    );
    // Actions after the end change nothing and are not recorded.
    let recorded = app.world().resource::<ActionRecord>().0.len();
    app.world_mut()
        .write_message(Seat::assign(Role::Gp).act(Act::EndTurn));
    app.update();
    assert_eq!(app.world().resource::<ActionRecord>().0.len(), recorded);
    assert_eq!(recorded, direct.actions.len());
}

/// The check above can fail: the same settings reject two unordered systems that write the
/// same resource.
#[test]
fn ambiguity_detection_catches_unordered_writers() {
    #[derive(Resource, Default)]
    struct Shared(u32);
    fn a(mut s: ResMut<Shared>) {
        s.0 += 1;
    }
    fn b(mut s: ResMut<Shared>) {
        s.0 *= 2;
    }
    let result = std::panic::catch_unwind(|| {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins)
            .init_resource::<Shared>()
            .add_systems(Update, (a, b));
        app.edit_schedule(Update, |schedule| {
            schedule.set_build_settings(ScheduleBuildSettings {
                ambiguity_detection: LogLevel::Error,
                ..default()
            });
        });
        app.update();
    });
    assert!(result.is_err(), "an ambiguous schedule was accepted");
}

/// A world reused from session to session (as `simulate` does on each worker thread) plays
/// every session exactly as a fresh one does, whatever came before it.
#[test]
fn a_reused_world_plays_as_a_fresh_one() {
    use joined_up::session::{Headless, play, play_in};
    let mut reused = Headless::new();
    for (name, setting, seed) in [
        ("home_from_hospital", None, 4),
        ("cold_winter", Some("integrated"), 5),
        ("home_from_hospital", Some("integrated"), 4),
    ] {
        let s = shipped(name);
        for (gp, sw) in [
            (PolicyKind::Collaborative, PolicyKind::Random),
            (PolicyKind::Siloed, PolicyKind::Collaborative),
        ] {
            let fresh = play(&s, setting, seed, gp, sw).unwrap();
            let again = play_in(&mut reused, &s, setting, seed, gp, sw).unwrap();
            assert_eq!(again.log.entries, fresh.log.entries, "{name} {setting:?}");
            assert_eq!(again.actions, fresh.actions);
            assert_eq!(again.score, fresh.score);
        }
    }
}
