//! One test per behaviour: a crafted event log in, the expected score items out.

use std::sync::Arc;

use super::*;
use crate::scenario::{Channel, CrisisKind, load_bytes};
use crate::sim::log::{
    Arrangement, LogEntry, LogKind, MetVia, OwnedVia, SentMessage, SharingBasis,
};
use crate::sim::{Answer, Ask, Catalog, Framing, Party, Role, RoleSet, Slot};

const GP: Role = Role::Gp;
const SW: Role = Role::SocialWorker;

fn catalog() -> Catalog {
    let text = include_str!("../../tests/data/mechanics.scenario.ron");
    let s = load_bytes("mechanics", text.as_bytes()).expect("the test bench is valid");
    Catalog::new(s.shared())
}

fn catalog_with_weights(edit: &str) -> Catalog {
    let text = include_str!("../../tests/data/mechanics.scenario.ron").replace(
        "    events: [",
        &format!("    scoring: (weights: {{ {edit} }}),\n    events: ["),
    );
    let s = load_bytes("mechanics", text.as_bytes()).expect("valid with weights");
    Catalog::new(Arc::new(s.get().clone()))
}

/// A log from (slot, entry) pairs; sequence numbers follow the order given.
fn log(kinds: Vec<(u32, LogKind)>) -> Vec<LogEntry> {
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, (slot, kind))| LogEntry {
            seq: i as u32,
            slot: Slot(slot),
            kind,
        })
        .collect()
}

/// A sent message with everything neutral; tests change what they need.
fn msg(id: u32, from: Role, to: Party) -> SentMessage {
    SentMessage {
        message: id,
        from,
        to,
        contact: Some("x".into()),
        channel: Channel::Email,
        patient: Some("mrs_b".into()),
        need: None,
        ask: None,
        answer: None,
        reply_to: None,
        facts: vec![],
        framing: Framing::Neutral,
        cross_sector: false,
        has_context: false,
        need_open: true,
        own_work: false,
        recipient_aware: false,
        news: false,
        unneeded_sensitive: vec![],
        withheld: vec![],
        right_party: false,
        sensitive: false,
        secure: true,
        basis: SharingBasis::DirectCare,
        text: String::new(),
    }
}

fn sent(m: SentMessage) -> LogKind {
    LogKind::Sent(Box::new(m))
}

fn items(entries: &[LogEntry]) -> Vec<(Behaviour, i32, Vec<Role>)> {
    score(entries, &catalog())
        .items
        .into_iter()
        .map(|i| (i.behaviour, i.points, i.roles))
        .collect()
}

fn only(entries: &[LogEntry], b: Behaviour) -> Vec<(i32, Vec<Role>)> {
    items(entries)
        .into_iter()
        .filter(|(x, _, _)| *x == b)
        .map(|(_, p, r)| (p, r))
        .collect()
}

fn referral(id: u32, context: bool, right: bool) -> SentMessage {
    SentMessage {
        need: Some("b_falls".into()),
        ask: Some(Ask::TakeOn),
        has_context: context,
        right_party: right,
        ..msg(id, GP, Party::Other("falls_service".into()))
    }
}

#[test]
fn referrals_with_context_and_to_the_right_place_score() {
    let l = log(vec![(0, sent(referral(1, true, true)))]);
    assert_eq!(
        items(&l),
        vec![
            (Behaviour::ContextualReferral, 4, vec![GP]),
            (Behaviour::RightContact, 3, vec![GP]),
        ]
    );
}

#[test]
fn cold_and_misdirected_referrals_lose_points_each_time() {
    let l = log(vec![
        (0, sent(referral(1, false, false))),
        (1, sent(referral(2, false, false))),
    ]);
    assert_eq!(
        only(&l, Behaviour::ColdReferral),
        vec![(-4, vec![GP]), (-4, vec![GP])]
    );
    assert_eq!(
        only(&l, Behaviour::WrongContact),
        vec![(-1, vec![GP]), (-1, vec![GP])]
    );
}

#[test]
fn good_referrals_count_once_per_need_and_recipient() {
    let l = log(vec![
        (0, sent(referral(1, true, true))),
        (1, sent(referral(2, true, true))),
    ]);
    assert_eq!(only(&l, Behaviour::ContextualReferral).len(), 1);
    assert_eq!(only(&l, Behaviour::RightContact).len(), 1);
}

/// A request from the GP to the social worker, delivered at `slot`.
fn request_delivered(slot: u32) -> Vec<(u32, LogKind)> {
    let m = SentMessage {
        ask: Some(Ask::Information),
        ..msg(1, GP, Party::Player(SW))
    };
    vec![
        (slot, sent(m)),
        (
            slot,
            LogKind::Delivered {
                message: 1,
                to: Party::Player(SW),
            },
        ),
    ]
}

#[test]
fn prompt_answers_are_acknowledged_and_silence_is_not() {
    let news = |slot, id| {
        (
            slot,
            sent(SentMessage {
                reply_to: Some(1),
                answer: Some(Answer::Information),
                news: true,
                facts: vec!["b_home".into()],
                ..msg(id, SW, Party::Player(GP))
            }),
        )
    };
    let mut k = request_delivered(0);
    k.push(news(2, 9));
    assert_eq!(only(&log(k), Behaviour::Acknowledged), vec![(2, vec![SW])]);

    // Answered on day 2 PM: not prompt, not silent.
    let mut k = request_delivered(0);
    k.push(news(3, 9));
    let l = log(k);
    assert!(only(&l, Behaviour::Acknowledged).is_empty());
    assert!(only(&l, Behaviour::Unanswered).is_empty());

    // Never answered, and the session ran on two days.
    let mut k = request_delivered(0);
    k.push((4, LogKind::SessionEnded));
    assert_eq!(only(&log(k), Behaviour::Unanswered), vec![(-3, vec![SW])]);

    // Never answered, but the session ended the next day: too soon to judge.
    let mut k = request_delivered(0);
    k.push((3, LogKind::SessionEnded));
    assert!(only(&log(k), Behaviour::Unanswered).is_empty());
}

/// Exploit: "anything new?" pings, each answered, paid every time (+53 for the outside gamer).
#[test]
fn only_an_answer_that_decides_or_informs_counts_and_once_per_request() {
    // "Received, thanks" and an answer that tells nothing new: an answer (no silence), but
    // nothing to credit.
    for (answer, news) in [(Answer::Acknowledge, false), (Answer::Information, false)] {
        let mut k = request_delivered(0);
        k.push((
            1,
            sent(SentMessage {
                reply_to: Some(1),
                answer: Some(answer),
                news,
                ..msg(9, SW, Party::Player(GP))
            }),
        ));
        k.push((6, LogKind::SessionEnded));
        let l = log(k);
        assert!(only(&l, Behaviour::Acknowledged).is_empty());
        assert!(only(&l, Behaviour::Unanswered).is_empty());
    }
    // Two useful replies to one request, and a second ping about the same patient answered
    // usefully: one credit in all.
    let mut k = request_delivered(0);
    for id in [8, 9] {
        k.push((
            1,
            sent(SentMessage {
                reply_to: Some(1),
                answer: Some(Answer::Information),
                news: true,
                ..msg(id, SW, Party::Player(GP))
            }),
        ));
    }
    k.push((
        1,
        sent(SentMessage {
            ask: Some(Ask::Information),
            ..msg(2, GP, Party::Player(SW))
        }),
    ));
    k.push((
        1,
        LogKind::Delivered {
            message: 2,
            to: Party::Player(SW),
        },
    ));
    k.push((
        1,
        sent(SentMessage {
            reply_to: Some(2),
            answer: Some(Answer::Information),
            news: true,
            ..msg(10, SW, Party::Player(GP))
        }),
    ));
    assert_eq!(only(&log(k), Behaviour::Acknowledged).len(), 1);
}

#[test]
fn a_request_passed_on_by_a_front_door_still_needs_an_answer() {
    let m = SentMessage {
        ask: Some(Ask::TakeOn),
        need: Some("c_safeguarding".into()),
        ..msg(1, GP, Party::Other("duty_team".into()))
    };
    let l = log(vec![
        (0, sent(m)),
        (
            2,
            LogKind::Delivered {
                message: 1,
                to: Party::Other("duty_team".into()),
            },
        ),
        (
            2,
            LogKind::Forwarded {
                message: 1,
                copy: 2,
                by: "duty_team".into(),
                to: Party::Player(SW),
            },
        ),
        (
            4,
            LogKind::Delivered {
                message: 2,
                to: Party::Player(SW),
            },
        ),
        (9, LogKind::SessionEnded),
    ]);
    assert_eq!(only(&l, Behaviour::Unanswered), vec![(-3, vec![SW])]);
}

/// The GP refers "help at home" to the social worker, who accepts it (owning it) and meets it.
fn handed_over_and_met(need_open: bool) -> Vec<(u32, LogKind)> {
    vec![
        (
            0,
            sent(SentMessage {
                need: Some("b_care".into()),
                ask: Some(Ask::TakeOn),
                has_context: true,
                right_party: true,
                need_open,
                ..msg(1, GP, Party::Player(SW))
            }),
        ),
        (
            0,
            LogKind::Delivered {
                message: 1,
                to: Party::Player(SW),
            },
        ),
        (
            1,
            LogKind::NeedOwned {
                need: "b_care".into(),
                owner: Party::Player(SW),
                via: OwnedVia::AcceptedReferral,
            },
        ),
        (
            2,
            LogKind::NeedMet {
                need: "b_care".into(),
                patient: "mrs_b".into(),
                by: Party::Player(SW),
                via: MetVia::Package("care".into()),
            },
        ),
    ]
}

fn done(id: u32, from: Role) -> LogKind {
    sent(SentMessage {
        answer: Some(Answer::Done),
        reply_to: Some(1),
        need: Some("b_care".into()),
        ..msg(id, from, Party::Player(from.other()))
    })
}

/// Exploit: "loop baiting": a message about a met need, answered "done", paid per role per
/// need (+40 for the outside gamer).
#[test]
fn closing_the_loop_counts_once_from_the_owner_to_the_referrer() {
    let mut k = handed_over_and_met(true);
    k.extend([(3, done(5, SW)), (4, done(6, SW))]);
    assert_eq!(only(&log(k), Behaviour::ClosedLoop), vec![(4, vec![SW])]);
    // Bait: the "referral" was of a need already met.
    let mut k = handed_over_and_met(false);
    k.push((3, done(5, SW)));
    assert!(only(&log(k), Behaviour::ClosedLoop).is_empty());
    // A "done" from someone who neither owned nor met the need.
    let k = vec![
        (
            0,
            sent(SentMessage {
                need: Some("b_care".into()),
                ask: Some(Ask::TakeOn),
                has_context: true,
                right_party: true,
                ..msg(1, SW, Party::Player(GP))
            }),
        ),
        (
            2,
            LogKind::NeedMet {
                need: "b_care".into(),
                patient: "mrs_b".into(),
                by: Party::Player(SW),
                via: MetVia::Package("care".into()),
            },
        ),
        (3, done(5, GP)),
    ];
    assert!(only(&log(k), Behaviour::ClosedLoop).is_empty());
}

#[test]
fn tone_across_the_sectors_matters_and_respect_is_capped() {
    let framed = |id, f| SentMessage {
        cross_sector: true,
        framing: f,
        ..msg(id, GP, Party::Player(SW))
    };
    let l = log((1..=5)
        .map(|i| (0, sent(framed(i, Framing::Respectful))))
        .chain([(0, sent(framed(9, Framing::Dismissive)))])
        .collect());
    assert_eq!(only(&l, Behaviour::RespectfulFraming).len(), 3);
    assert_eq!(only(&l, Behaviour::DismissiveFraming), vec![(-3, vec![GP])]);
    // Within one sector, tone is not scored.
    let l = log(vec![(
        0,
        sent(SentMessage {
            framing: Framing::Dismissive,
            ..msg(1, GP, Party::Other("falls_service".into()))
        }),
    )]);
    assert!(only(&l, Behaviour::DismissiveFraming).is_empty());
}

#[test]
fn taking_ownership_scores_once_per_need() {
    let owned = |via| LogKind::NeedOwned {
        need: "b_care".into(),
        owner: Party::Player(SW),
        via,
    };
    let l = log(vec![
        (0, owned(OwnedVia::Claimed)),
        (1, owned(OwnedVia::CarePlan)),
    ]);
    assert_eq!(only(&l, Behaviour::TookOwnership), vec![(2, vec![SW])]);
    // A service taking it on is not a player's ownership.
    let l = log(vec![(
        0,
        LogKind::NeedOwned {
            need: "b_falls".into(),
            owner: Party::Other("falls_service".into()),
            via: OwnedVia::Service,
        },
    )]);
    assert!(only(&l, Behaviour::TookOwnership).is_empty());
}

#[test]
fn bouncing_a_need_costs_and_signposting_does_not() {
    let declined = |right, pointed| LogKind::NeedDeclined {
        need: "b_falls".into(),
        role: SW,
        asked_by: Party::Player(GP),
        signposted_right: right,
        signposted: pointed,
    };
    assert_eq!(
        only(
            &log(vec![(0, declined(false, false))]),
            Behaviour::BouncedNeed
        ),
        vec![(-5, vec![SW])]
    );
    assert_eq!(
        only(
            &log(vec![(0, declined(false, true))]),
            Behaviour::BouncedNeed
        ),
        vec![(-5, vec![SW])]
    );
    let l = log(vec![(0, declined(true, true))]);
    assert_eq!(only(&l, Behaviour::Signposted), vec![(1, vec![SW])]);
    assert!(only(&l, Behaviour::BouncedNeed).is_empty());
}

#[test]
fn a_need_without_an_owner_costs_both_roles_per_day() {
    let surfaced = LogKind::NeedSurfaced {
        need: "b_care".into(),
        patient: "mrs_b".into(),
        role: SW,
    };
    // Noticed day 1 AM, owned day 3 PM: five slots, one grace day, so one full day more.
    let l = log(vec![
        (0, surfaced.clone()),
        (
            5,
            LogKind::NeedOwned {
                need: "b_care".into(),
                owner: Party::Player(SW),
                via: OwnedVia::Claimed,
            },
        ),
    ]);
    let got = score(&l, &catalog())
        .items
        .into_iter()
        .find(|i| i.behaviour == Behaviour::UnownedNeed)
        .unwrap();
    assert_eq!((got.points, got.count, got.roles), (-2, 1, vec![GP, SW]));
    // Never owned over four days (eight slots): three days beyond the first.
    let l = log(vec![(0, surfaced.clone()), (7, LogKind::SessionEnded)]);
    assert_eq!(only(&l, Behaviour::UnownedNeed), vec![(-6, vec![GP, SW])]);
    // Owned within a day: nothing.
    let l = log(vec![
        (0, surfaced),
        (
            2,
            LogKind::NeedMet {
                need: "b_care".into(),
                patient: "mrs_b".into(),
                by: Party::Player(SW),
                via: MetVia::Act,
            },
        ),
    ]);
    assert!(only(&l, Behaviour::UnownedNeed).is_empty());
}

/// A social worker's care-needs assessment after a GP's home visit is a different statutory
/// task, not a duplicate; the same profession repeating its own home assessment soon after is.
#[test]
fn only_the_same_assessment_repeated_is_a_duplicate() {
    let visit = |role| LogKind::Assessed {
        role,
        patient: "mrs_b".into(),
        at_home: true,
    };
    assert!(
        only(
            &log(vec![(0, visit(GP)), (3, visit(SW))]),
            Behaviour::DuplicateAssessment
        )
        .is_empty(),
        "different professions, different assessments"
    );
    assert_eq!(
        only(
            &log(vec![(0, visit(SW)), (3, visit(SW))]),
            Behaviour::DuplicateAssessment
        ),
        vec![(-3, vec![SW])]
    );
    assert!(
        only(
            &log(vec![(0, visit(SW)), (5, visit(SW))]),
            Behaviour::DuplicateAssessment
        )
        .is_empty(),
        "more than two days later: a review"
    );
    // A clinic assessment is not a home visit.
    let l = log(vec![
        (
            0,
            LogKind::Assessed {
                role: GP,
                patient: "mrs_b".into(),
                at_home: false,
            },
        ),
        (1, visit(GP)),
    ]);
    assert!(only(&l, Behaviour::DuplicateAssessment).is_empty());
}

#[test]
fn meeting_a_need_credits_whoever_made_it_happen() {
    let met = |by, via| LogKind::NeedMet {
        need: "b_falls".into(),
        patient: "mrs_b".into(),
        by,
        via,
    };
    assert_eq!(
        only(
            &log(vec![(0, met(Party::Player(GP), MetVia::Act))]),
            Behaviour::NeedMet
        ),
        vec![(2, vec![GP])]
    );
    assert_eq!(
        only(
            &log(vec![(0, met(Party::Player(SW), MetVia::JointVisit))]),
            Behaviour::NeedMet
        ),
        vec![(2, vec![GP, SW])]
    );
    // A service meets it: the credit goes to whoever referred it there.
    let l = log(vec![
        (0, sent(referral(1, true, true))),
        (
            3,
            met(
                Party::Other("falls_service".into()),
                MetVia::Referral("falls_service".into()),
            ),
        ),
    ]);
    assert_eq!(only(&l, Behaviour::NeedMet), vec![(2, vec![GP])]);
}

#[test]
fn joint_work_scores_for_both_and_scenarios_can_reweight_it() {
    let l = log(vec![
        (
            0,
            LogKind::JointVisit {
                patient: "mrs_b".into(),
                productive: true,
            },
        ),
        (
            0,
            LogKind::PlanAgreed {
                patient: "mrs_b".into(),
                owners: vec![("b_care".into(), "social_worker".into())],
                proposed_by: GP,
                covers_all_needs: true,
                at_mdt: false,
            },
        ),
        (
            0,
            LogKind::PlanAgreed {
                patient: "mrs_b".into(),
                owners: vec![("b_meds".into(), "gp".into())],
                proposed_by: GP,
                covers_all_needs: false,
                at_mdt: false,
            },
        ),
        (
            1,
            LogKind::ArrangementMade {
                kind: Arrangement::Liaison,
                proposed_by: SW,
            },
        ),
    ]);
    assert_eq!(
        items(&l),
        vec![
            (Behaviour::JointVisit, 6, vec![GP, SW]),
            (Behaviour::SharedCarePlan, 6, vec![GP, SW]),
            (Behaviour::StandingArrangement, 5, vec![GP, SW]),
        ]
    );
    let heavier = score(
        &l,
        &catalog_with_weights("JointVisit: 10, SharedCarePlan: 1"),
    );
    let points: Vec<i32> = heavier.items.iter().map(|i| i.points).collect();
    assert_eq!(points, vec![10, 1, 5]);
    assert_eq!(heavier.total, 16);
}

#[test]
fn mdts_reward_preparation_and_attendance() {
    let held =
        |att: RoleSet, could: RoleSet, agenda: Vec<&str>, plans: Vec<&str>| LogKind::MdtHeld {
            attendees: att,
            could_attend: could,
            owners_changed: plans.len() as u32,
            agenda: agenda.into_iter().map(String::from).collect(),
            plans_agreed: plans.into_iter().map(String::from).collect(),
            facts_pooled: 0,
        };
    let both = RoleSet::BOTH;
    assert_eq!(
        items(&log(vec![(
            3,
            held(both, both, vec!["mrs_b"], vec!["mrs_b"])
        )])),
        vec![(Behaviour::PreparedMdt, 6, vec![GP, SW])]
    );
    assert_eq!(
        items(&log(vec![(3, held(both, both, vec![], vec![]))])),
        vec![(Behaviour::UnpreparedMdt, -2, vec![GP, SW])]
    );
    // The GP could have come and did not.
    assert_eq!(
        items(&log(vec![(
            3,
            held(RoleSet::only(SW), both, vec!["mrs_b"], vec![])
        )])),
        vec![(Behaviour::MissedMdt, -3, vec![GP])]
    );
    // The GP was in clinic: no blame.
    assert!(
        items(&log(vec![(
            3,
            held(RoleSet::only(SW), RoleSet::only(SW), vec!["mrs_b"], vec![])
        )]))
        .is_empty()
    );
}

#[test]
fn following_through_on_an_action_point_scores() {
    let l = log(vec![
        (
            3,
            LogKind::NeedOwned {
                need: "b_care".into(),
                owner: Party::Player(SW),
                via: OwnedVia::CarePlan,
            },
        ),
        (
            5,
            LogKind::NeedMet {
                need: "b_care".into(),
                patient: "mrs_b".into(),
                by: Party::Player(SW),
                via: MetVia::Package("care".into()),
            },
        ),
    ]);
    assert_eq!(only(&l, Behaviour::ActionPointDone), vec![(3, vec![SW])]);
    // Met by someone else: not the owner's follow-through.
    let l = log(vec![
        (
            3,
            LogKind::NeedOwned {
                need: "b_care".into(),
                owner: Party::Player(SW),
                via: OwnedVia::CarePlan,
            },
        ),
        (
            5,
            LogKind::NeedMet {
                need: "b_care".into(),
                patient: "mrs_b".into(),
                by: Party::Player(GP),
                via: MetVia::Package("care".into()),
            },
        ),
    ]);
    assert!(only(&l, Behaviour::ActionPointDone).is_empty());
}

#[test]
fn consent_and_safe_channels_are_values_and_ethics() {
    let asked = LogKind::ConsentAsked {
        role: GP,
        patient: "mrs_b".into(),
        given: true,
    };
    assert_eq!(
        only(
            &log(vec![(0, asked.clone()), (1, asked)]),
            Behaviour::ConsentSought
        ),
        vec![(2, vec![GP])]
    );
    let careless = SentMessage {
        sensitive: true,
        secure: false,
        basis: SharingBasis::NoBasis,
        ..msg(1, GP, Party::Player(SW))
    };
    let l = log(vec![(0, sent(careless))]);
    assert_eq!(only(&l, Behaviour::UnsafeChannel), vec![(-4, vec![GP])]);
    assert_eq!(
        only(&l, Behaviour::SharedWithoutConsent),
        vec![(-5, vec![GP])]
    );
    let careful = SentMessage {
        sensitive: true,
        secure: true,
        basis: SharingBasis::DirectCare,
        ..msg(1, GP, Party::Player(SW))
    };
    assert!(items(&log(vec![(0, sent(careful))])).is_empty());
    let note = LogKind::RecordNote {
        role: SW,
        patient: "mrs_b".into(),
        facts: vec![],
        sensitive: true,
        basis: SharingBasis::NoBasis,
    };
    assert_eq!(
        only(&log(vec![(0, note)]), Behaviour::SharedWithoutConsent),
        vec![(-5, vec![SW])]
    );
    let l = log(vec![(
        0,
        LogKind::SafeguardingRaised {
            role: GP,
            need: "c_safeguarding".into(),
        },
    )]);
    assert_eq!(only(&l, Behaviour::SafeguardingRaised), vec![(5, vec![GP])]);
}

#[test]
fn crises_suffered_and_prevented_weigh_most() {
    let l = log(vec![
        (
            4,
            LogKind::CrisisOccurred {
                crisis: "b_fall".into(),
                patient: "mrs_b".into(),
                kind: CrisisKind::Fall,
                text: "Mrs B fell.".into(),
            },
        ),
        (
            7,
            LogKind::CrisisAverted {
                crisis: "c_harm".into(),
                patient: "mr_c".into(),
                kind: CrisisKind::SafeguardingIncident,
            },
        ),
        (
            7,
            LogKind::CrisisLooming {
                crisis: "b_admission".into(),
                patient: "mrs_b".into(),
                risk: 80,
                threshold: 100,
            },
        ),
    ]);
    let s = score(&l, &catalog());
    assert_eq!(
        s.items
            .iter()
            .map(|i| (i.behaviour, i.points))
            .collect::<Vec<_>>(),
        vec![
            (Behaviour::CrisisSuffered, -12),
            (Behaviour::CrisisPrevented, 10)
        ]
    );
    assert_eq!((s.crises_suffered, s.crises_averted), (1, 1));
    assert_eq!(s.domain(Domain::ValuesEthics), -2);
}

#[test]
fn totals_add_up_by_domain_and_by_role() {
    let l = log(vec![
        (0, sent(referral(1, true, true))),
        (
            0,
            LogKind::JointVisit {
                patient: "mrs_b".into(),
                productive: true,
            },
        ),
        (
            1,
            LogKind::NeedDeclined {
                need: "b_falls".into(),
                role: SW,
                asked_by: Party::Player(GP),
                signposted_right: false,
                signposted: false,
            },
        ),
    ]);
    let s = score(&l, &catalog());
    assert_eq!(s.total, 4 + 3 + 6 - 5);
    assert_eq!(s.domain(Domain::Communication), 4);
    assert_eq!(s.domain(Domain::RolesResponsibilities), 3 - 5);
    assert_eq!(s.domain(Domain::TeamsTeamwork), 6);
    assert_eq!(s.domain(Domain::ValuesEthics), 0);
    assert_eq!(s.role(GP), 4 + 3 + 6);
    assert_eq!(s.role(SW), 6 - 5);
    // Every item is explained and tied to the log.
    for i in &s.items {
        assert!(!i.explanation.is_empty() && !i.entries.is_empty(), "{i:?}");
    }
}

// Exploits an outside adversary found, each closed by a rule; each test fails on the old rules.

/// Exploit: referral spam (+95): credit per recipient, for met needs, for passing on one's own
/// work, for telling a colleague what they already know.
#[test]
fn referral_credit_is_once_per_open_need_whatever_the_recipients() {
    let to = |id, who: &str| SentMessage {
        need: Some("b_falls".into()),
        ask: Some(Ask::TakeOn),
        has_context: true,
        right_party: true,
        ..msg(id, GP, Party::Other(who.into()))
    };
    let l = log(vec![
        (0, sent(to(1, "falls_service"))),
        (0, sent(to(2, "duty_team"))),
        (1, sent(to(3, "falls_service"))),
    ]);
    assert_eq!(only(&l, Behaviour::ContextualReferral).len(), 1);
    assert_eq!(only(&l, Behaviour::RightContact).len(), 1);
    for stale in [
        SentMessage {
            need_open: false,
            ..to(1, "falls_service")
        },
        SentMessage {
            own_work: true,
            ..to(1, "falls_service")
        },
        SentMessage {
            recipient_aware: true,
            ..to(1, "falls_service")
        },
    ] {
        let l = log(vec![(0, sent(stale))]);
        assert!(only(&l, Behaviour::ContextualReferral).is_empty());
        assert!(only(&l, Behaviour::RightContact).is_empty());
    }
    // Asking someone who cannot meet the need to assess it is a wrong contact too.
    let l = log(vec![(
        0,
        sent(SentMessage {
            ask: Some(Ask::Assess),
            right_party: false,
            ..to(1, "lunch_club")
        }),
    )]);
    assert_eq!(only(&l, Behaviour::WrongContact), vec![(-1, vec![GP])]);
}

fn plan(owners: &[(&str, &str)], covers_all_needs: bool) -> LogKind {
    LogKind::PlanAgreed {
        patient: "mrs_b".into(),
        owners: owners
            .iter()
            .map(|(n, o)| (n.to_string(), o.to_string()))
            .collect(),
        proposed_by: GP,
        covers_all_needs,
        at_mdt: false,
    }
}

/// Exploit: care-plan cycling (+36): the same plan agreed again, the owners reordered or
/// swapped.
#[test]
fn a_shared_care_plan_counts_when_it_covers_needs_no_plan_covered_before() {
    let a = [("b_care", "social_worker"), ("b_meds", "gp")];
    let reordered = [("b_meds", "gp"), ("b_care", "social_worker")];
    let swapped = [("b_care", "gp"), ("b_meds", "social_worker")];
    let l = log(vec![
        (0, plan(&a, true)),
        (1, plan(&reordered, true)),
        (2, plan(&swapped, true)),
    ]);
    assert_eq!(only(&l, Behaviour::SharedCarePlan).len(), 1);
    // A new need, planned for: that is new ground.
    let l = log(vec![
        (0, plan(&a, true)),
        (
            4,
            plan(&[("b_care", "social_worker"), ("b_lonely", "gp")], true),
        ),
    ]);
    assert_eq!(only(&l, Behaviour::SharedCarePlan).len(), 2);
}

/// Exploit: the MDT trick (+30): any patient on the agenda plus a reshuffled plan.
#[test]
fn a_prepared_mdt_counts_only_when_it_changes_something() {
    let held = |facts_pooled, owners_changed| LogKind::MdtHeld {
        attendees: RoleSet::BOTH,
        could_attend: RoleSet::BOTH,
        agenda: vec!["mrs_b".into()],
        plans_agreed: vec!["mrs_b".into()],
        facts_pooled,
        owners_changed,
    };
    assert!(only(&log(vec![(3, held(0, 0))]), Behaviour::PreparedMdt).is_empty());
    assert_eq!(
        only(&log(vec![(3, held(2, 0))]), Behaviour::PreparedMdt).len(),
        1
    );
    assert_eq!(
        only(&log(vec![(3, held(0, 1))]), Behaviour::PreparedMdt).len(),
        1
    );
}

/// Exploit: repeated joint visits (+14.5): no cap per patient or day.
#[test]
fn a_joint_visit_counts_only_when_it_teaches_or_meets_something() {
    let visit = |productive| LogKind::JointVisit {
        patient: "mrs_b".into(),
        productive,
    };
    let l = log(vec![(2, visit(true)), (3, visit(false)), (4, visit(false))]);
    assert_eq!(only(&l, Behaviour::JointVisit), vec![(6, vec![GP, SW])]);
}

fn declined(signposted_right: bool) -> LogKind {
    LogKind::NeedDeclined {
        need: "b_falls".into(),
        role: SW,
        asked_by: Party::Player(GP),
        signposted_right,
        signposted: signposted_right,
    }
}

/// Exploit: signposting (+5, unlimited), and "declining" a need already met.
#[test]
fn signposting_counts_once_per_need_and_not_for_a_need_already_met() {
    let l = log(vec![(1, declined(true)), (2, declined(true))]);
    assert_eq!(only(&l, Behaviour::Signposted).len(), 1);
    let met = LogKind::NeedMet {
        need: "b_falls".into(),
        patient: "mrs_b".into(),
        by: Party::Other("falls_service".into()),
        via: MetVia::Referral("falls_service".into()),
    };
    let l = log(vec![(1, met), (2, declined(true)), (3, declined(false))]);
    assert!(only(&l, Behaviour::Signposted).is_empty());
    assert!(only(&l, Behaviour::BouncedNeed).is_empty());
}

/// Exploit: claiming without acting. Owning means doing.
#[test]
fn a_need_owned_and_left_undone_costs_its_owner() {
    let claimed = (
        1,
        LogKind::NeedOwned {
            need: "b_meds".into(),
            owner: Party::Player(GP),
            via: OwnedVia::Claimed,
        },
    );
    let l = log(vec![claimed.clone(), (9, LogKind::SessionEnded)]);
    assert_eq!(only(&l, Behaviour::OwnedNotDone), vec![(-3, vec![GP])]);
    // Met, or in hand (a package commissioned), or claimed only at the very end: no charge.
    let met = (
        4,
        LogKind::NeedMet {
            need: "b_meds".into(),
            patient: "mrs_b".into(),
            by: Party::Player(GP),
            via: MetVia::Act,
        },
    );
    let in_hand = (
        4,
        LogKind::PackageCommissioned {
            role: GP,
            need: "b_meds".into(),
            package: "care".into(),
            cost: 400,
            nhs_funded: false,
        },
    );
    for done in [met, in_hand] {
        let l = log(vec![claimed.clone(), done, (9, LogKind::SessionEnded)]);
        assert!(only(&l, Behaviour::OwnedNotDone).is_empty());
    }
    let l = log(vec![(9, claimed.1.clone()), (9, LogKind::SessionEnded)]);
    assert!(only(&l, Behaviour::OwnedNotDone).is_empty());
}

/// Over-sharing was never penalised: the minimum necessary.
#[test]
fn sensitive_facts_the_recipient_did_not_need_cost_points() {
    let l = log(vec![(
        0,
        sent(SentMessage {
            facts: vec!["b_diagnosis".into()],
            sensitive: true,
            unneeded_sensitive: vec!["b_diagnosis".into()],
            ..msg(1, GP, Party::Other("lunch_club".into()))
        }),
    )]);
    assert_eq!(only(&l, Behaviour::OverShared), vec![(-2, vec![GP])]);
    let l = log(vec![(
        0,
        sent(SentMessage {
            facts: vec!["b_diagnosis".into()],
            sensitive: true,
            ..msg(1, GP, Party::Other("falls_service".into()))
        }),
    )]);
    assert!(only(&l, Behaviour::OverShared).is_empty());
}

/// The polite, siloed handoff: a need sent over the wall once, well, and never thought of
/// again.
#[test]
fn a_handoff_never_followed_up_costs_the_one_who_made_it() {
    let handoff = (
        0,
        sent(SentMessage {
            need: Some("b_care".into()),
            ask: Some(Ask::TakeOn),
            has_context: true,
            right_party: true,
            ..msg(1, GP, Party::Player(SW))
        }),
    );
    let end = (9, LogKind::SessionEnded);
    let l = log(vec![handoff.clone(), end.clone()]);
    assert_eq!(only(&l, Behaviour::SiloedHandoff), vec![(-3, vec![GP])]);
    // A second message in the same half-day is part of the handoff, not a follow-up.
    let same_slot = (
        0,
        sent(SentMessage {
            ask: Some(Ask::Information),
            ..msg(2, GP, Party::Player(SW))
        }),
    );
    let l = log(vec![handoff.clone(), same_slot, end.clone()]);
    assert_eq!(only(&l, Behaviour::SiloedHandoff).len(), 1);
    // Followed up: a check-in later, a visit together, a plan covering it, the outcome heard.
    let check_in = (
        3,
        sent(SentMessage {
            ask: Some(Ask::Information),
            ..msg(2, GP, Party::Player(SW))
        }),
    );
    let visit = (
        4,
        LogKind::JointVisit {
            patient: "mrs_b".into(),
            productive: false,
        },
    );
    let planned = (4, plan(&[("b_care", "social_worker")], false));
    let outcome = (5, done(7, SW));
    for follow_up in [check_in, visit, planned, outcome] {
        let l = log(vec![handoff.clone(), follow_up, end.clone()]);
        assert!(only(&l, Behaviour::SiloedHandoff).is_empty());
    }
    // A referral to a service in the same sector is not over the wall.
    let l = log(vec![
        (
            0,
            sent(SentMessage {
                need: Some("b_falls".into()),
                ask: Some(Ask::TakeOn),
                has_context: true,
                right_party: true,
                ..msg(1, GP, Party::Other("falls_service".into()))
            }),
        ),
        end,
    ]);
    assert!(only(&l, Behaviour::SiloedHandoff).is_empty());
}

/// Asking consent counts when there is something sensitive to protect.
#[test]
fn consent_is_worth_asking_when_holding_something_sensitive() {
    let asked = |role| LogKind::ConsentAsked {
        role,
        patient: "mrs_b".into(),
        given: true,
    };
    // The GP knows Mrs B's diagnosis (sensitive) from the start; the social worker knows
    // nothing sensitive about her.
    let l = log(vec![(0, asked(GP)), (0, asked(SW))]);
    assert_eq!(only(&l, Behaviour::ConsentSought), vec![(2, vec![GP])]);
}

/// A request from the GP to the social worker with `ask`, delivered at slot 0, answered with
/// `answer` at slot 1.
fn asked_and_answered(ask: Ask, answer: Answer) -> Vec<(u32, LogKind)> {
    vec![
        (
            0,
            sent(SentMessage {
                ask: Some(ask),
                ..msg(1, GP, Party::Player(SW))
            }),
        ),
        (
            0,
            LogKind::Delivered {
                message: 1,
                to: Party::Player(SW),
            },
        ),
        (
            1,
            sent(SentMessage {
                reply_to: Some(1),
                answer: Some(answer),
                ..msg(9, SW, Party::Player(GP))
            }),
        ),
    ]
}

/// Exploit found by an outside red team: proposing a standing arrangement that already exists
/// so that the colleague's "yes" is paid for.
#[test]
fn a_yes_to_an_arrangement_counts_only_when_it_made_one() {
    let l = log(asked_and_answered(Ask::Liaison, Answer::Accept));
    assert!(only(&l, Behaviour::Acknowledged).is_empty());
    let l = log(asked_and_answered(
        Ask::Liaison,
        Answer::Decline { redirect: None },
    ));
    assert!(only(&l, Behaviour::Acknowledged).is_empty());
    let mut k = asked_and_answered(Ask::Liaison, Answer::Accept);
    k.insert(
        2,
        (
            1,
            LogKind::ArrangementMade {
                kind: Arrangement::Liaison,
                proposed_by: GP,
            },
        ),
    );
    assert_eq!(only(&log(k), Behaviour::Acknowledged), vec![(2, vec![SW])]);
}

/// Exploit found by an outside red team: proposing a visit together about every patient so
/// that any answer is paid for.
#[test]
fn a_yes_to_a_visit_counts_only_when_the_visit_did_some_good() {
    let visit = Ask::JointVisit {
        day: 2,
        half: crate::scenario::Half::Am,
    };
    let l = log(asked_and_answered(visit.clone(), Answer::Accept));
    assert!(only(&l, Behaviour::Acknowledged).is_empty());
    let l = log(asked_and_answered(
        visit.clone(),
        Answer::Decline { redirect: None },
    ));
    assert!(only(&l, Behaviour::Acknowledged).is_empty());
    let mut k = asked_and_answered(visit, Answer::Accept);
    k.push((
        2,
        LogKind::JointVisit {
            patient: "mrs_b".into(),
            productive: true,
        },
    ));
    assert_eq!(only(&log(k), Behaviour::Acknowledged).len(), 1);
}

/// Exploit found by an outside red team: swapping a need's owner between the professions in
/// care plans, paid as new ownership each time.
#[test]
fn taking_ownership_counts_once_per_need_whoever_takes_it() {
    let owned = |owner: Role, via| LogKind::NeedOwned {
        need: "b_care".into(),
        owner: Party::Player(owner),
        via,
    };
    let l = log(vec![
        (0, owned(GP, OwnedVia::Claimed)),
        (1, owned(SW, OwnedVia::CarePlan)),
        (2, owned(GP, OwnedVia::CarePlan)),
    ]);
    assert_eq!(only(&l, Behaviour::TookOwnership), vec![(2, vec![GP])]);
}
