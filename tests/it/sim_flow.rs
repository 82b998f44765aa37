//! The simulation's mechanics, one barrier at a time, driven only through `PlayerAction`s.
//! Most tests use tests/data/mechanics.scenario.ron, where channels have fixed delays and phones
//! are always answered unless the person is busy, so times can be asserted exactly.

use joined_up::scenario::{Channel, Half};
use joined_up::sim::log::{Arrangement, MetVia, SharingBasis};
use joined_up::sim::{Act, Answer, Ask, LogKind, Outgoing, Party, Role};

use crate::common::*;

const GP: Role = Role::Gp;
const SW: Role = Role::SocialWorker;

fn p(s: &str) -> String {
    s.to_owned()
}

// ---- Logistics: channels differ in delay and reliability -----------------------------------

#[test]
fn each_channel_takes_its_own_time() {
    let mut h = bench(None, 1);
    h.gp(Act::Send(send("sw_direct", Channel::Email, "mrs_b")));
    let email = h.last_sent(GP);
    h.gp(Act::Send(send("sw_direct", Channel::Letter, "mrs_b")));
    let letter = h.last_sent(GP);
    h.gp(Act::Send(send("sw_direct", Channel::Phone, "mrs_b")));
    let phone = h.last_sent(GP);
    h.gp(Act::Send(send("sw_direct", Channel::SharedRecord, "mrs_b")));
    assert_eq!(
        h.refusals().last().unwrap().1,
        "there is no shared record in this borough"
    );
    h.run_to_end();
    assert_eq!(h.delivered_at(phone), Some(0), "a call is instant");
    assert_eq!(h.delivered_at(email), Some(2), "email takes two slots here");
    assert_eq!(
        h.delivered_at(letter),
        Some(5),
        "a letter takes five slots here"
    );
    // Minutes: email 10 + letter 15 + phone 10 out of the GP's 120 this morning.
    assert_eq!(
        h.entries()
            .iter()
            .filter(|e| matches!(e.kind, LogKind::Sent(_)))
            .count(),
        3
    );

    let mut h = bench(Some("integrated"), 1);
    h.gp(Act::Send(send("sw_direct", Channel::SharedRecord, "mrs_b")));
    assert_eq!(h.delivered_at(h.last_sent(GP)), Some(0));
}

#[test]
fn the_phone_only_works_when_someone_can_pick_up() {
    let mut h = bench(None, 1);
    assert_eq!((h.minutes(GP), h.minutes(SW)), (120, 240));
    // The GP is in surgery in the morning and does not take calls.
    h.sw(Act::Send(send("gp_direct", Channel::Phone, "mrs_b")));
    assert!(matches!(
        h.entries().last().unwrap().kind,
        LogKind::CallUnanswered { role: SW, .. }
    ));
    assert_eq!(
        (h.minutes(GP), h.minutes(SW)),
        (120, 230),
        "the caller's time is spent anyway"
    );
    // In the afternoon the social worker is out on visits.
    h.end_slot();
    h.gp(Act::Send(send("sw_direct", Channel::Phone, "mrs_b")));
    assert!(matches!(
        h.entries().last().unwrap().kind,
        LogKind::CallUnanswered { role: GP, .. }
    ));
    // When the call does connect, it takes both people's time.
    h.end_slot();
    h.gp(Act::Send(send("sw_direct", Channel::Phone, "mrs_b")));
    assert_eq!((h.minutes(GP), h.minutes(SW)), (110, 230));
}

#[test]
fn whether_a_call_is_answered_comes_from_the_seeded_generator() {
    let s = data(
        "mechanics",
        &[(
            "reliability: 1.0, secure: true),\n        email",
            "reliability: 0.5, secure: true),\n        email",
        )],
    );
    let mut answered = 0;
    for seed in 0..40 {
        let mut h = joined_up::session::Headless::new();
        h.start(&s, None, seed).unwrap();
        h.gp(Act::Send(send("sw_direct", Channel::Phone, "mrs_b")));
        if matches!(h.entries().last().unwrap().kind, LogKind::Delivered { .. }) {
            answered += 1;
        }
    }
    assert!(
        (10..=30).contains(&answered),
        "{answered} of 40 calls answered at 50%"
    );
}

// ---- Not knowing roles and services -----------------------------------------------------

#[test]
fn a_stale_entry_costs_time_until_looked_up() {
    let mut h = bench(None, 1);
    h.gp(refer(
        "falls_line",
        Channel::Email,
        "b_falls",
        &["b_diagnosis"],
    ));
    assert!(matches!(
        h.entries().last().unwrap().kind,
        LogKind::StaleContact { .. }
    ));
    assert_eq!(
        h.minutes(GP),
        110,
        "the wasted email still took ten minutes"
    );
    assert!(
        h.view(GP)
            .directory
            .iter()
            .any(|c| c.id == "falls_line" && c.known_stale)
    );

    h.gp(Act::LookUp {
        contact: p("falls_line"),
    });
    assert!(matches!(
        h.entries().last().unwrap().kind,
        LogKind::LookedUp {
            was_stale: true,
            ..
        }
    ));
    assert_eq!(h.minutes(GP), 95);
    h.gp(refer(
        "falls_line",
        Channel::Phone,
        "b_falls",
        &["b_diagnosis"],
    ));
    let sent = h.last_sent(GP);
    assert_eq!(h.delivered_at(sent), Some(0));
    // The service accepts a referral with context, answers after a slot and does the work a
    // slot after that.
    assert!(h.entries().iter().any(|e| matches!(&e.kind,
        LogKind::ServiceAnswered { service, answer: Answer::Accept, .. } if service == "falls_service")));
    h.run_to_end();
    let met = h.entries().into_iter().find_map(|e| match e.kind {
        LogKind::NeedMet {
            need,
            via: MetVia::Referral(s),
            ..
        } if need == "b_falls" => Some((e.slot.0, s)),
        _ => None,
    });
    assert_eq!(met, Some((2, p("falls_service"))));
}

#[test]
fn a_referral_without_context_is_sent_back() {
    let mut h = bench(None, 1);
    h.gp(Act::LookUp {
        contact: p("falls_line"),
    });
    h.gp(refer("falls_line", Channel::Phone, "b_falls", &[]));
    assert!(h.entries().iter().any(|e| matches!(
        &e.kind,
        LogKind::ServiceAnswered {
            wanted_context: true,
            answer: Answer::Decline { .. },
            ..
        }
    )));
    h.run_to_end();
    assert!(
        !h.entries()
            .iter()
            .any(|e| matches!(&e.kind, LogKind::NeedMet { need, .. } if need == "b_falls"))
    );
}

#[test]
fn asking_around_turns_up_services_nobody_listed() {
    let mut h = bench(None, 1);
    assert!(
        !h.view(SW)
            .directory
            .iter()
            .any(|c| c.id == "lunch_club_line")
    );
    h.sw(Act::AskAround {
        patient: p("mrs_b"),
    });
    let v = h.view(SW);
    assert!(v.directory.iter().any(|c| c.id == "lunch_club_line"));
    assert!(v.knows("b_neighbour"));
    assert!(
        v.patient("mrs_b")
            .unwrap()
            .needs
            .iter()
            .any(|n| n.id == "b_lonely")
    );
    h.sw(refer(
        "lunch_club_line",
        Channel::Phone,
        "b_lonely",
        &["b_neighbour"],
    ));
    h.run_to_end();
    assert!(
        h.entries()
            .iter()
            .any(|e| matches!(&e.kind, LogKind::NeedMet { need, .. } if need == "b_lonely"))
    );
}

// ---- Information asymmetry ----------------------------------------------------------------

#[test]
fn hidden_facts_reach_only_the_role_that_revealed_them() {
    let mut h = bench(None, 1);
    h.gp(Act::Assess {
        patient: p("mrs_b"),
    });
    h.sw(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    assert!(h.knows(GP, "b_exam") && !h.knows(SW, "b_exam"));
    assert!(h.knows(SW, "b_home") && !h.knows(GP, "b_home"));
    assert!(h.knows(GP, "b_diagnosis") && !h.knows(SW, "b_diagnosis"));
    // Needs show only to the role that can see their signs.
    let gp_needs: Vec<String> = h
        .view(GP)
        .patient("mrs_b")
        .unwrap()
        .needs
        .iter()
        .map(|n| n.id.clone())
        .collect();
    let sw_needs: Vec<String> = h
        .view(SW)
        .patient("mrs_b")
        .unwrap()
        .needs
        .iter()
        .map(|n| n.id.clone())
        .collect();
    assert!(gp_needs.contains(&p("b_meds")) && !sw_needs.contains(&p("b_meds")));
    assert!(sw_needs.contains(&p("b_care")) && !gp_needs.contains(&p("b_care")));
    // Sharing moves a fact across, when the message arrives.
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_exam")],
        ..send("sw_direct", Channel::Email, "mrs_b")
    }));
    h.run_to(1);
    assert!(!h.knows(SW, "b_exam"), "still in transit");
    h.run_to(2);
    assert!(h.knows(SW, "b_exam"));
    // Nobody but the other player ever sees the GP's inbox or outbox.
    assert!(h.view(SW).outbox.is_empty());
}

// ---- Needs, risk and crises ---------------------------------------------------------------

#[test]
fn unmet_needs_escalate_to_their_crises() {
    let mut h = bench(None, 3);
    h.run_to_end();
    let crises: Vec<String> = h
        .entries()
        .into_iter()
        .filter_map(|e| match e.kind {
            LogKind::CrisisOccurred { crisis, .. } => Some(crisis),
            _ => None,
        })
        .collect();
    for c in ["b_fall", "b_admission", "c_harm"] {
        assert!(
            crises.contains(&p(c)),
            "{c} should happen when nothing is done: {crises:?}"
        );
    }
}

#[test]
fn timely_joint_work_prevents_the_crises() {
    let mut h = bench(None, 3);
    // Day 1 AM: visit together (the stair rail, the home, the diagnosis shared in person),
    // check the falls line and phone a referral with context; the social worker commissions care.
    h.gp(Act::JointVisit {
        patient: p("mrs_b"),
    });
    h.sw(Act::JointVisit {
        patient: p("mrs_b"),
    });
    assert!(h.knows(GP, "b_hazard") && h.knows(SW, "b_hazard"));
    assert!(
        h.knows(SW, "b_diagnosis"),
        "in the same room, the GP's knowledge is shared"
    );
    h.gp(Act::LookUp {
        contact: p("falls_line"),
    });
    h.gp(refer(
        "falls_line",
        Channel::Phone,
        "b_falls",
        &["b_diagnosis"],
    ));
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    h.end_slot();
    // Day 1 PM: the GP reviews and treats; raises the safeguarding concern about Mr C and
    // tells social care what it rests on; social care opens an enquiry and asks Mr C what he
    // wants to happen.
    h.gp(Act::Assess {
        patient: p("mrs_b"),
    });
    h.gp(Act::ActOnNeed { need: p("b_meds") });
    h.gp(Act::EscalateSafeguarding {
        need: p("c_safeguarding"),
    });
    h.gp(Act::Send(Outgoing {
        facts: vec![p("c_bruises")],
        ..send("sw_direct", Channel::Email, "mr_c")
    }));
    h.end_slot();
    h.run_to(3);
    h.sw(Act::OpenEnquiry {
        need: p("c_safeguarding"),
    });
    h.sw(Act::AskWishes { patient: p("mr_c") });
    h.run_to_end();
    assert!(h.refusals().is_empty(), "{:?}", h.refusals());
    let log = h.entries();
    assert!(
        !log.iter()
            .any(|e| matches!(e.kind, LogKind::CrisisOccurred { .. })),
        "no crisis"
    );
    for c in ["b_fall", "b_admission", "c_harm"] {
        assert!(
            log.iter()
                .any(|e| matches!(&e.kind, LogKind::CrisisAverted { crisis, .. } if crisis == c)),
            "{c} averted"
        );
    }
    // The stair rail and the notice it triggers.
    assert!(log.iter().any(|e| matches!(&e.kind, LogKind::NeedMet { need, via: MetVia::JointVisit, .. } if need == "b_hazards")));
    assert!(
        log.iter()
            .any(|e| matches!(&e.kind, LogKind::Notice { text } if text.contains("stair rail")))
    );
}

#[test]
fn a_joint_visit_needs_both_to_turn_up() {
    let mut h = bench(None, 1);
    h.end_slot();
    h.gp(Act::JointVisit {
        patient: p("mrs_b"),
    });
    assert_eq!(h.view(GP).waiting_for_joint_visit, vec![p("mrs_b")]);
    h.end_slot();
    assert!(
        h.entries()
            .iter()
            .any(|e| matches!(&e.kind, LogKind::JointVisitMissed { role: GP, .. }))
    );
    assert!(!h.knows(GP, "b_hazard"));
}

// ---- Overworked staff; fewer human resources ------------------------------------------------

#[test]
fn clinics_fill_the_day_and_work_beyond_the_hours_left_is_refused() {
    let mut h = bench(None, 1);
    assert!(matches!(
        h.entries()[1].kind,
        LogKind::SlotStarted {
            minutes: [120, 240]
        }
    ));
    h.gp(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    assert_eq!(h.minutes(GP), 30);
    h.gp(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    assert_eq!(
        h.refusals().last().unwrap(),
        &(
            GP,
            p("this takes 90 minutes and you have 30 left this half-day")
        )
    );
    assert_eq!(h.minutes(GP), 30, "a refused action costs nothing");
    h.end_slot();
    assert_eq!(
        (h.minutes(GP), h.minutes(SW)),
        (240, 180),
        "afternoon visits take an hour"
    );
}

#[test]
fn vacancies_and_sickness_cut_the_hours() {
    let mut h = bench(Some("short_staffed"), 1);
    assert_eq!(h.minutes(SW), 120, "half the post is vacant");
    h.end_slot();
    assert_eq!(h.minutes(SW), 60, "an hour of visits out of two");

    let mut h = bench(None, 1);
    h.run_to(4);
    assert_eq!(h.minutes(SW), 120, "off sick for half of day 3");
    h.end_slot();
    assert_eq!(h.minutes(SW), 90);
    h.end_slot();
    assert_eq!(h.minutes(SW), 240, "back on day 4");
}

// ---- Insufficient funding -------------------------------------------------------------------

#[test]
fn care_costs_money_and_separate_budgets_decide_who_may_commission() {
    let mut h = bench(None, 1);
    h.sw(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "you do not know enough about this yet (1 thing to find out first)"
    );
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_diagnosis")],
        ..send("sw_direct", Channel::Phone, "mrs_b")
    }));
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("gold"),
    });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "Residential respite costs £900 and the care budget has £500 left"
    );
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert_eq!(h.view(SW).budget, Some(100));
    assert_eq!(
        h.view(GP).budget,
        None,
        "the GP does not hold the social-care budget"
    );

    // Separate budgets: the GP cannot commission, even knowing everything.
    let mut h = bench(None, 1);
    h.gp(Act::JointVisit {
        patient: p("mrs_b"),
    });
    h.sw(Act::JointVisit {
        patient: p("mrs_b"),
    });
    h.gp(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "only social care can commission from the social-care budget here"
    );
    // A pooled budget lets either decide.
    let mut h = bench(Some("integrated"), 1);
    h.gp(Act::JointVisit {
        patient: p("mrs_b"),
    });
    h.sw(Act::JointVisit {
        patient: p("mrs_b"),
    });
    h.gp(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert!(h.refusals().is_empty(), "{:?}", h.refusals());
    assert_eq!(h.view(GP).budget, Some(600));
}

// ---- Poor culture: trust ---------------------------------------------------------------------

#[test]
fn bouncing_a_need_costs_trust_and_respect_earns_it() {
    let mut h = bench(None, 1);
    assert_eq!(h.trust(), 50);
    h.gp(refer(
        "sw_direct",
        Channel::Phone,
        "c_safeguarding",
        &["c_bruises"],
    ));
    assert_eq!(h.trust(), 51, "a respectful referral across the sectors");
    let referral = h.last_sent(GP);
    h.sw(reply(
        referral,
        Answer::Decline { redirect: None },
        Channel::Email,
    ));
    assert!(h.entries().iter().any(|e| matches!(
        &e.kind,
        LogKind::NeedDeclined {
            signposted: false,
            ..
        }
    )));
    h.run_to(2);
    assert_eq!(h.trust(), 47, "the bounce lands when the email does");
}

#[test]
fn trust_changes_how_fast_the_front_door_passes_things_on() {
    let mut arrival = Vec::new();
    for setting in ["hostile", "integrated"] {
        let mut h = bench(Some(setting), 1);
        h.gp(refer(
            "front_door",
            Channel::Email,
            "c_safeguarding",
            &["c_bruises"],
        ));
        h.run_to_end();
        let to_sw = h.entries().into_iter().find_map(|e| match e.kind {
            LogKind::Delivered {
                to: Party::Player(SW),
                ..
            } => Some(e.slot.0),
            _ => None,
        });
        arrival.push(to_sw);
    }
    // Email two slots to the duty team, then three slots at low trust, one at high.
    assert_eq!(arrival, vec![Some(5), Some(3)]);
}

// ---- Lack of regular contact: standing arrangements -------------------------------------------

#[test]
fn a_liaison_arrangement_gets_calls_through() {
    let mut h = bench(None, 1);
    h.gp(Act::Send(Outgoing {
        ask: Some(Ask::Liaison),
        ..Outgoing::to("sw_direct", Channel::Email)
    }));
    let ask = h.last_sent(GP);
    h.run_to(2);
    h.sw(reply(ask, Answer::Accept, Channel::Email));
    assert!(h.entries().iter().any(|e| matches!(
        e.kind,
        LogKind::ArrangementMade {
            kind: Arrangement::Liaison,
            proposed_by: GP
        }
    )));
    assert!(h.view(GP).liaison);
    // Morning surgery no longer blocks the social worker's calls.
    h.sw(Act::Send(send("gp_direct", Channel::Phone, "mrs_b")));
    assert!(matches!(
        h.entries().last().unwrap().kind,
        LogKind::Delivered { .. }
    ));
}

#[test]
fn a_daily_huddle_shares_what_both_know() {
    let mut h = bench(None, 1);
    h.gp(Act::Send(Outgoing {
        ask: Some(Ask::Huddle),
        ..Outgoing::to("sw_direct", Channel::Phone)
    }));
    let ask = h.last_sent(GP);
    h.sw(reply(ask, Answer::Accept, Channel::Email));
    h.gp(Act::AttendHuddle);
    assert_eq!(
        h.refusals().last().unwrap().1,
        "the huddle is in the afternoon"
    );
    h.sw(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    h.end_slot();
    h.gp(Act::AttendHuddle);
    h.sw(Act::AttendHuddle);
    assert!(
        h.entries()
            .iter()
            .any(|e| matches!(e.kind, LogKind::HuddleHeld { .. }))
    );
    assert!(h.knows(GP, "b_home") && h.knows(SW, "b_diagnosis"));
}

// ---- Inefficient MDTs ---------------------------------------------------------------------------

#[test]
fn a_prepared_mdt_pools_knowledge_and_ends_in_owned_actions() {
    let mut h = bench(None, 1);
    h.run_to(2);
    h.gp(Act::PrepareForMdt {
        patient: p("mrs_b"),
    });
    h.sw(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    h.end_slot();
    h.gp(Act::AttendMdt);
    h.sw(Act::AttendMdt);
    assert!(
        h.knows(SW, "b_diagnosis"),
        "prepared patients are discussed"
    );
    assert!(h.knows(GP, "b_home"));
    h.gp(Act::ProposeCarePlan {
        patient: p("mrs_b"),
        owners: vec![(p("b_falls"), p("gp")), (p("b_care"), p("social_worker"))],
    });
    h.sw(Act::AcceptCarePlan {
        patient: p("mrs_b"),
    });
    assert!(h.refusals().is_empty(), "{:?}", h.refusals());
    h.end_slot();
    let log = h.entries();
    assert!(
        log.iter()
            .any(|e| matches!(&e.kind, LogKind::PlanAgreed { at_mdt: true, .. }))
    );
    assert!(log.iter().any(|e| matches!(&e.kind,
        LogKind::MdtHeld { attendees, agenda, plans_agreed, .. }
            if attendees.is_both() && agenda == &vec![p("mrs_b")] && plans_agreed == &vec![p("mrs_b")])));
    let need = h
        .view(GP)
        .patient("mrs_b")
        .unwrap()
        .needs
        .iter()
        .find(|n| n.id == "b_falls")
        .unwrap()
        .clone();
    assert_eq!(need.owner, Some(Party::Player(GP)));
}

#[test]
fn an_unprepared_or_clashing_mdt_achieves_little() {
    let mut h = bench(None, 1);
    h.run_to(3);
    // Clinic-heavy afternoon: the GP has no hour left for the meeting.
    h.gp(Act::Assess {
        patient: p("mrs_b"),
    });
    h.gp(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    h.gp(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    h.gp(Act::AttendMdt);
    assert!(
        h.refusals()
            .last()
            .unwrap()
            .1
            .starts_with("the MDT takes 60 minutes and you have 20 left")
    );
    h.sw(Act::AttendMdt);
    assert!(
        !h.knows(SW, "b_diagnosis"),
        "nobody prepared, and the GP is not there"
    );
    h.end_slot();
    assert!(h.entries().iter().any(|e| matches!(&e.kind,
        LogKind::MdtHeld { attendees, agenda, .. } if !attendees.is_both() && agenda.is_empty())));
    // Players can book their own meeting at a time that suits.
    h.gp(Act::BookMdt {
        day: 4,
        half: Half::Pm,
    });
    assert!(h.view(SW).mdts.iter().any(|m| m.slot.0 == 7));
}

// ---- Minimal interoperability; consent ------------------------------------------------------------

#[test]
fn without_a_shared_record_information_must_be_sent_and_may_be_unsafe() {
    let mut h = bench(None, 1);
    h.gp(Act::RecordNote {
        patient: p("mrs_b"),
        facts: vec![p("b_diagnosis")],
    });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "there is no shared record in this borough"
    );
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_diagnosis")],
        ..send("sw_direct", Channel::Email, "mrs_b")
    }));
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_diagnosis")],
        ..send("sw_direct", Channel::Letter, "mrs_b")
    }));
    h.gp(Act::AskConsent {
        patient: p("mrs_b"),
    });
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_diagnosis")],
        ..send("sw_direct", Channel::Letter, "mrs_b")
    }));
    h.gp(Act::Send(Outgoing {
        facts: vec![p("c_bruises")],
        ..send("sw_direct", Channel::Letter, "mr_c")
    }));
    let sent: Vec<(bool, bool, SharingBasis)> = h
        .entries()
        .into_iter()
        .filter_map(|e| match e.kind {
            LogKind::Sent(s) => Some((s.sensitive, s.secure, s.basis)),
            _ => None,
        })
        .collect();
    assert_eq!(
        sent,
        vec![
            // To a colleague in her care, without asking: implied consent, but email is unsafe.
            (true, false, SharingBasis::DirectCare),
            (true, true, SharingBasis::DirectCare),
            // Asked, and she agreed.
            (true, true, SharingBasis::Consent),
            // He objects to sharing; a safeguarding concern justifies telling social care.
            (true, true, SharingBasis::Safeguarding),
        ]
    );

    let mut h = bench(Some("integrated"), 1);
    h.gp(Act::RecordNote {
        patient: p("mrs_b"),
        facts: vec![p("b_diagnosis")],
    });
    assert!(
        h.knows(SW, "b_diagnosis"),
        "the shared record is read by both sectors at once"
    );
}

// ---- Every action is checked ---------------------------------------------------------------------

#[test]
fn invalid_actions_are_refused_with_a_reason_and_change_nothing() {
    let mut h = bench(None, 1);
    let before = (h.minutes(GP), h.minutes(SW));
    let cases: Vec<(Role, Act, &str)> = vec![
        (
            GP,
            Act::LookUp { contact: p("nope") },
            "there is no contact `nope`",
        ),
        (
            SW,
            Act::LookUp {
                contact: p("sw_direct"),
            },
            "`sw_direct` is not in your directory",
        ),
        (
            SW,
            Act::AskAround { patient: p("mr_c") },
            "`mr_c` is not on your caseload",
        ),
        (
            GP,
            Act::Assess { patient: p("mr_x") },
            "there is no patient `mr_x`",
        ),
        (
            GP,
            Act::ActOnNeed { need: p("b_care") },
            "you are not aware of a need `b_care`",
        ),
        (
            GP,
            Act::ActOnNeed { need: p("b_falls") },
            "this is not something a gp can do directly",
        ),
        (
            GP,
            Act::ActOnNeed { need: p("b_meds") },
            "you are not aware of a need `b_meds`",
        ),
        (
            GP,
            reply(999, Answer::Acknowledge, Channel::Email),
            "there is no message 999",
        ),
        (
            SW,
            Act::AcceptCarePlan {
                patient: p("mrs_b"),
            },
            "no care plan has been proposed for this patient",
        ),
        (GP, Act::AttendMdt, "there is no MDT this half-day"),
        (
            GP,
            Act::AttendHuddle,
            "there is no huddle; propose one to the other player first",
        ),
        (
            GP,
            Act::BookMdt {
                day: 0,
                half: Half::Am,
            },
            "book a half-day later in the session",
        ),
        (
            GP,
            Act::BookMdt {
                day: 9,
                half: Half::Am,
            },
            "book a half-day later in the session",
        ),
        (
            GP,
            Act::Send(Outgoing {
                facts: vec![p("b_home")],
                ..send("sw_direct", Channel::Email, "mrs_b")
            }),
            "you do not know fact `b_home`",
        ),
        (
            GP,
            Act::Send(Outgoing {
                ask: Some(Ask::TakeOn),
                ..send("sw_direct", Channel::Email, "mrs_b")
            }),
            "say which need you are asking them to take on",
        ),
        (
            GP,
            Act::Send(send("front_door", Channel::Letter, "mrs_b")),
            "`front_door` cannot be reached by letter",
        ),
        (
            GP,
            Act::Send(send("gp_direct", Channel::Email, "mrs_b")),
            "`gp_direct` is not in your directory",
        ),
        (
            SW,
            Act::Commission {
                need: p("b_falls"),
                package: p("care"),
            },
            "you are not aware of a need `b_falls`",
        ),
        (
            GP,
            Act::EscalateSafeguarding { need: p("b_falls") },
            "this is not a safeguarding matter",
        ),
        (
            GP,
            Act::ClaimNeed { need: p("nope") },
            "there is no need `nope`",
        ),
        (
            GP,
            Act::ProposeCarePlan {
                patient: p("mrs_b"),
                owners: vec![],
            },
            "name an owner for at least one need",
        ),
        (
            GP,
            Act::ProposeCarePlan {
                patient: p("mrs_b"),
                owners: vec![(p("b_falls"), p("the_council"))],
            },
            "`the_council` is not someone who can own a need",
        ),
        (
            GP,
            Act::AskConsent { patient: p("mr_c") },
            "the patient's refusal to share is already recorded",
        ),
    ];
    for (role, act, reason) in cases {
        let n = h.entries().len();
        let _ = h.act_as(role, act.clone());
        let after = h.since(n);
        assert_eq!(after.len(), 1, "{act:?} should only be refused: {after:?}");
        match &after[0].kind {
            LogKind::Refused { refusal, .. } => assert_eq!(refusal.to_string(), reason, "{act:?}"),
            other => panic!("{act:?} was not refused: {other:?}"),
        }
    }
    // Nothing changed but the time two of the attempts took to find out: trying work that is
    // not the GP's (meeting the falls need directly, raising safeguarding about something
    // that is not) costs ten minutes each.
    assert_eq!((h.minutes(GP), h.minutes(SW)), (before.0 - 20, before.1));
    h.gp(Act::EndTurn);
    h.gp(Act::Assess {
        patient: p("mrs_b"),
    });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "you have already ended this half-day"
    );
}

/// Barrier: irregular contact. Meeting in person at an MDT is how many professionals first get
/// each other's direct numbers.
#[test]
fn meeting_at_an_mdt_swaps_direct_numbers() {
    let unlisted = data(
        "mechanics",
        &[(
            r#"reaches: "social_worker", channels: [Phone, Email, Letter, SharedRecord], listed_for: ["gp"]"#,
            r#"reaches: "social_worker", channels: [Phone, Email, Letter, SharedRecord], listed_for: []"#,
        )],
    );
    let mut h = joined_up::session::Headless::new();
    h.start(&unlisted, None, 1).unwrap();
    assert!(h.view(GP).contacts_for(&Party::Player(SW)).is_empty());
    h.run_to(3);
    h.gp(Act::AttendMdt);
    assert!(
        h.view(GP).contacts_for(&Party::Player(SW)).is_empty(),
        "not until both are in the room"
    );
    h.sw(Act::AttendMdt);
    let found = h.view(GP).contacts_for(&Party::Player(SW)).len();
    assert_eq!(found, 1);
    assert!(h.entries().iter().any(|e| matches!(&e.kind,
        LogKind::ContactFound { role, contact, how } if *role == GP && contact == "sw_direct" && how == "meeting at the MDT")));
}

// ---- Fixes and rules found by adversarial players ------------------------------------------

/// Bug: a reply by phone marked the request answered before the call was tried; if nobody
/// picked up nothing was sent, the replier could not answer again and was later charged for
/// leaving it unanswered.
#[test]
fn a_reply_by_a_phone_nobody_answers_leaves_the_request_waiting() {
    let mut h = bench(None, 1);
    // The GP asks the social worker by email to take on the falls need; it arrives on day 2's
    // morning, when the GP is in surgery and takes no calls.
    h.gp(Act::AskConsent {
        patient: p("mrs_b"),
    });
    h.gp(refer(
        "sw_direct",
        Channel::Email,
        "b_falls",
        &["b_diagnosis"],
    ));
    h.run_to(2);
    let request = h
        .view(SW)
        .inbox
        .iter()
        .find(|m| m.ask == Some(Ask::TakeOn))
        .map(|m| m.id)
        .expect("the referral arrived");
    h.sw(reply(request, Answer::Accept, Channel::Phone));
    assert!(matches!(
        h.entries().last().unwrap().kind,
        LogKind::CallUnanswered { role: SW, .. }
    ));
    let v = h.view(SW);
    assert!(
        v.inbox.iter().any(|m| m.id == request && !m.answered),
        "still waiting for an answer"
    );
    assert!(
        v.patient("mrs_b")
            .and_then(|p| p.needs.iter().find(|n| n.id == "b_falls"))
            .is_none_or(|n| n.owner.is_none()),
        "nothing was agreed on a call nobody took"
    );
    // So the social worker can still answer, by email.
    h.sw(reply(request, Answer::Accept, Channel::Email));
    assert!(h.refusals().iter().all(|(r, _)| *r != SW));
}

/// Bug: a care plan naming the owner a need already had logged nothing, so meeting it never
/// counted as following through on the agreed action.
#[test]
fn a_plan_that_confirms_an_owner_makes_it_an_action_point() {
    let mut h = bench(None, 1);
    h.gp(Act::Assess {
        patient: p("mrs_b"),
    });
    h.gp(Act::ClaimNeed { need: p("b_meds") });
    h.gp(Act::ProposeCarePlan {
        patient: p("mrs_b"),
        owners: vec![(p("b_meds"), p("gp"))],
    });
    h.gp(Act::Send(Outgoing {
        attach_plan: true,
        ..send("sw_direct", Channel::Phone, "mrs_b")
    }));
    h.end_slot();
    h.sw(Act::AcceptCarePlan {
        patient: p("mrs_b"),
    });
    let confirmed = h.entries().iter().any(|e| {
        matches!(&e.kind, LogKind::NeedOwned { need, via: joined_up::sim::log::OwnedVia::CarePlan, .. } if need == "b_meds")
    });
    assert!(confirmed, "{:?}", h.refusals());
    h.gp(Act::ActOnNeed { need: p("b_meds") });
    let score = h.score();
    assert!(
        score
            .items
            .iter()
            .any(|i| i.behaviour == joined_up::scoring::Behaviour::ActionPointDone),
        "{:?}",
        score.items
    );
}

/// Bug: a referral counted as "with context" only if it carried every fact the need
/// requires, including facts the sender could not know and the receiver already held.
#[test]
fn context_is_judged_against_what_the_sender_could_give() {
    let mut h = bench(None, 1);
    // The social worker finds Mrs B cannot manage the stairs; the GP already knows her
    // diagnosis, which the social worker does not.
    h.end_slot();
    h.sw(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    h.sw(refer("gp_direct", Channel::Email, "b_care", &["b_home"]));
    let sent = h.entries().into_iter().rev().find_map(|e| match e.kind {
        LogKind::Sent(s) => Some(s),
        _ => None,
    });
    assert!(sent.unwrap().has_context);
}

/// Courtesy raises trust, up to a point, like its points.
#[test]
fn trust_from_courtesy_is_capped() {
    let mut h = bench(None, 1);
    let before = h.trust();
    for _ in 0..6 {
        h.gp(Act::Send(Outgoing {
            framing: joined_up::sim::Framing::Respectful,
            ..send("sw_direct", Channel::Phone, "mrs_b")
        }));
    }
    h.end_slot();
    h.run_to(4);
    assert_eq!(h.trust(), before + 3);
}

/// A repeat joint visit that finds nothing new earns no trust and no points.
#[test]
fn only_a_joint_visit_that_does_some_good_builds_trust() {
    let mut h = bench(None, 1);
    h.end_slot();
    let before = h.trust();
    h.gp(Act::JointVisit {
        patient: p("mrs_b"),
    });
    h.sw(Act::JointVisit {
        patient: p("mrs_b"),
    });
    let after_first = h.trust();
    assert!(after_first > before);
    h.end_slot();
    h.end_slot();
    h.gp(Act::JointVisit {
        patient: p("mrs_b"),
    });
    h.sw(Act::JointVisit {
        patient: p("mrs_b"),
    });
    assert_eq!(h.trust(), after_first, "nothing new to see the second time");
    let visits: Vec<bool> = h
        .entries()
        .iter()
        .filter_map(|e| match e.kind {
            LogKind::JointVisit { productive, .. } => Some(productive),
            _ => None,
        })
        .collect();
    assert_eq!(visits, vec![true, false]);
}

/// A front door that would pass a request straight back to the sender is refused.
#[test]
fn a_front_door_that_leads_back_to_you_is_refused() {
    let mut h = bench(None, 1);
    h.sw(Act::Send(Outgoing {
        ask: Some(Ask::Information),
        ..send("front_door", Channel::Email, "mrs_b")
    }));
    assert_eq!(
        h.refusals().last().unwrap().1,
        "that front door passes requests to you: act on it yourself, or ask someone else"
    );
}

/// The same owners in another order are the same plan.
#[test]
fn a_reordered_plan_is_the_plan_already_agreed() {
    let mut h = bench(Some("integrated"), 1);
    h.gp(Act::Assess {
        patient: p("mrs_b"),
    });
    h.sw(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    let owners = vec![(p("b_meds"), p("gp")), (p("b_falls"), p("social_worker"))];
    h.gp(Act::ProposeCarePlan {
        patient: p("mrs_b"),
        owners: owners.clone(),
    });
    h.sw(Act::AcceptCarePlan {
        patient: p("mrs_b"),
    });
    let mut reordered = owners;
    reordered.reverse();
    h.gp(Act::ProposeCarePlan {
        patient: p("mrs_b"),
        owners: reordered,
    });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "that plan is already agreed"
    );
}

/// Trying work that is not your profession's is refused with the reason, and finding out
/// takes time; a slip (a need that does not exist) costs nothing.
#[test]
fn trying_work_that_is_not_yours_costs_time() {
    let mut h = bench(None, 1);
    let before = h.minutes(GP);
    h.gp(Act::EscalateSafeguarding { need: p("b_falls") });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "this is not a safeguarding matter"
    );
    assert_eq!(h.minutes(GP), before - 10);
    h.gp(Act::EscalateSafeguarding {
        need: p("no_such_need"),
    });
    assert_eq!(h.minutes(GP), before - 10);
    h.gp(Act::Commission {
        need: p("b_falls"),
        package: p("care"),
    });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "Home care would not meet this need"
    );
    assert_eq!(h.minutes(GP), before - 20);
}

/// Caldicott: sharing what a professional involved in the patient's care needs rests on
/// implied consent; sharing beyond the patient's care (a lunch club, a neighbour) needs their
/// agreement; a service in their care counts as direct care.
#[test]
fn sharing_beyond_the_patients_care_needs_their_agreement() {
    let mut h = bench(None, 1);
    h.gp(Act::AskAround {
        patient: p("mrs_b"),
    });
    let to_club = || {
        Act::Send(Outgoing {
            facts: vec![p("b_diagnosis")],
            ..send("lunch_club_line", Channel::Phone, "mrs_b")
        })
    };
    h.gp(to_club());
    h.gp(Act::LookUp {
        contact: p("falls_line"),
    });
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_diagnosis")],
        ..send("falls_line", Channel::Phone, "mrs_b")
    }));
    h.gp(Act::AskConsent {
        patient: p("mrs_b"),
    });
    h.gp(to_club());
    let bases: Vec<SharingBasis> = h
        .entries()
        .into_iter()
        .filter_map(|e| match e.kind {
            LogKind::Sent(s) => Some(s.basis),
            _ => None,
        })
        .collect();
    assert_eq!(
        bases,
        vec![
            SharingBasis::NoBasis,
            SharingBasis::DirectCare,
            SharingBasis::Consent
        ],
        "{:?}",
        h.refusals()
    );
    let score = h.score();
    let breaches = score
        .items
        .iter()
        .filter(|i| i.behaviour == joined_up::scoring::Behaviour::SharedWithoutConsent)
        .count();
    assert_eq!(breaches, 1);
}

/// Exploit found by an outside red team: handing the other profession a need one could meet
/// oneself (a safeguarding concern, a visit) was paid as finding the right person.
#[test]
fn passing_on_what_you_could_do_yourself_is_own_work() {
    let mut h = bench(None, 1);
    h.gp(refer(
        "sw_direct",
        Channel::Letter,
        "c_safeguarding",
        &["c_bruises"],
    ));
    let sent = h.entries().into_iter().rev().find_map(|e| match e.kind {
        LogKind::Sent(s) => Some(s),
        _ => None,
    });
    let sent = sent.expect("the referral went");
    assert!(sent.own_work, "the GP can raise the concern");
}

/// Exploit found by an outside red team: at an MDT, swapping an owner and swapping it back
/// counted as the meeting changing something.
#[test]
fn an_mdt_changes_an_owner_only_if_it_ends_different() {
    let mut h = bench(None, 1);
    h.gp(Act::Assess {
        patient: p("mrs_b"),
    });
    h.gp(Act::ClaimNeed { need: p("b_meds") });
    // Day 2 afternoon: the scheduled MDT, both there, Mrs B prepared.
    h.run_to(2);
    h.gp(Act::PrepareForMdt {
        patient: p("mrs_b"),
    });
    h.end_slot();
    h.gp(Act::AttendMdt);
    h.sw(Act::AttendMdt);
    let mut propose = |owner: &str| {
        h.gp(Act::ProposeCarePlan {
            patient: p("mrs_b"),
            owners: vec![(p("b_meds"), p(owner))],
        });
        h.sw(Act::AcceptCarePlan {
            patient: p("mrs_b"),
        });
    };
    propose("social_worker");
    propose("gp");
    let at_mdt = h
        .entries()
        .iter()
        .filter(|e| matches!(e.kind, LogKind::PlanAgreed { at_mdt: true, .. }))
        .count();
    assert_eq!(
        at_mdt,
        2,
        "both plans agreed at the meeting: {:?}",
        h.refusals()
    );
    h.end_slot();
    let held = h.entries().into_iter().find_map(|e| match e.kind {
        LogKind::MdtHeld { owners_changed, .. } => Some(owners_changed),
        _ => None,
    });
    assert_eq!(held, Some(0), "{:?}", h.refusals());
}

// ---- Safeguarding: concern, section 42, Making Safeguarding Personal -------------------------

/// Care Act 2014, section 42: anyone raises a concern on reasonable suspicion; only the local
/// authority decides an enquiry is needed, once it knows enough; the enquiry concludes only
/// after the person has been asked what they want.
#[test]
fn safeguarding_is_a_pathway_not_a_button() {
    // Opening the enquiry takes the social worker's own home-visit finding too.
    let s = data(
        "mechanics",
        &[(
            r#"requires: ["c_bruises"], resolved_by: [Safeguarding]"#,
            r#"requires: ["c_bruises", "c_story"], resolved_by: [Safeguarding]"#,
        )],
    );
    let mut h = joined_up::session::Headless::new();
    h.start(&s, None, 1).unwrap();
    // The GP, who has seen the bruises and nothing more, raises a concern.
    h.gp(Act::EscalateSafeguarding {
        need: p("c_safeguarding"),
    });
    assert!(
        h.entries()
            .iter()
            .any(|e| matches!(&e.kind, LogKind::SafeguardingRaised { role: GP, .. })),
        "a concern needs suspicion, not proof: {:?}",
        h.refusals()
    );
    // It reaches social care, who now see the concern and the patient.
    assert!(h.view(SW).patient("mr_c").is_some());
    // Only the local authority decides whether to enquire, and finding that out takes time.
    let before = h.minutes(GP);
    h.gp(Act::OpenEnquiry {
        need: p("c_safeguarding"),
    });
    assert!(
        h.refusals()
            .last()
            .unwrap()
            .1
            .starts_with("only the local authority")
    );
    assert_eq!(h.minutes(GP), before - 10);
    // Social care cannot decide blind: it needs the bruises and its own visit.
    h.sw(Act::OpenEnquiry {
        need: p("c_safeguarding"),
    });
    assert!(
        h.refusals()
            .last()
            .unwrap()
            .1
            .contains("do not know enough")
    );
    h.gp(Act::Send(Outgoing {
        facts: vec![p("c_bruises")],
        ..send("sw_direct", Channel::Phone, "mr_c")
    }));
    h.sw(Act::HomeVisit { patient: p("mr_c") });
    h.sw(Act::OpenEnquiry {
        need: p("c_safeguarding"),
    });
    assert!(
        h.entries()
            .iter()
            .any(|e| matches!(e.kind, LogKind::EnquiryOpened { .. })),
        "{:?}",
        h.refusals()
    );
    // No conclusion without the person: two half-days on, still open.
    h.end_slot();
    h.end_slot();
    let open = |h: &joined_up::session::Headless| {
        h.view(SW)
            .patient("mr_c")
            .and_then(|p| p.needs.iter().find(|n| n.id == "c_safeguarding"))
            .is_some_and(|n| !n.met)
    };
    assert!(open(&h));
    h.sw(Act::AskWishes { patient: p("mr_c") });
    h.end_slot();
    assert!(!open(&h), "concluded the half-day after he was asked");
    let items: Vec<joined_up::scoring::Behaviour> =
        h.score().items.iter().map(|i| i.behaviour).collect();
    assert!(items.contains(&joined_up::scoring::Behaviour::SafeguardingRaised));
    assert!(items.contains(&joined_up::scoring::Behaviour::SafeguardingPersonal));
}

// ---- Mental Capacity Act 2005 ------------------------------------------------------------------

/// The mechanics bench with Mrs B refusing help at home, a decision she can (`capacity`) or
/// cannot make, for which the GP's diagnosis and the social worker's home visit are evidence.
fn refusing_help(capacity: bool, fluctuates: bool) -> joined_up::session::Headless {
    deciding_help(capacity, fluctuates, true)
}

fn bench_with_decision(
    capacity: bool,
    fluctuates: bool,
    refuses: bool,
) -> joined_up::session::Headless {
    let decision = format!(
        r#"(id: "b_admission", kind: EmergencyAdmission, text: "Mrs B was admitted.", start: 20),
            ],
            decisions: [(id: "care_at_home", text: "whether to accept carers at home", capacity: {capacity}, evidence: ["b_diagnosis", "b_home"], fluctuates: {fluctuates}, refuses: {refuses}, consult: "lunch_club_line")],"#
    );
    let s = data(
        "mechanics",
        &[
            (
                r#"resolved_by: [Package("care"), Package("gold")], feeds: "b_fall", risk_per_day: 20"#,
                r#"resolved_by: [Package("care"), Package("gold")], feeds: "b_fall", risk_per_day: 20, decision: "care_at_home""#,
            ),
            (
                r#"(id: "b_admission", kind: EmergencyAdmission, text: "Mrs B was admitted.", start: 20),
            ],"#,
                &decision,
            ),
        ],
    );
    let mut h = joined_up::session::Headless::new();
    h.start(&s, None, 1).unwrap();
    h
}

fn deciding_help(capacity: bool, fluctuates: bool, refuses: bool) -> joined_up::session::Headless {
    let mut h = bench_with_decision(capacity, fluctuates, refuses);
    // The social worker sees the need and hears the diagnosis from the GP.
    h.sw(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_diagnosis")],
        ..send("sw_direct", Channel::Phone, "mrs_b")
    }));
    h
}

fn items(h: &joined_up::session::Headless) -> Vec<joined_up::scoring::Behaviour> {
    h.score().items.iter().map(|i| i.behaviour).collect()
}

fn care_met(h: &mut joined_up::session::Headless) -> bool {
    h.run_to(4);
    h.view(SW)
        .patient("mrs_b")
        .and_then(|p| p.needs.iter().find(|n| n.id == "b_care"))
        .is_some_and(|n| n.met)
}

/// A refusal made with capacity stands: care imposed on her is paid for, turned away, and
/// costs Values and Ethics.
#[test]
fn a_refusal_made_with_capacity_is_respected() {
    let mut h = refusing_help(true, false);
    h.sw(Act::AssessCapacity {
        patient: p("mrs_b"),
        decision: p("care_at_home"),
    });
    let found = h.entries().into_iter().find_map(|e| match e.kind {
        LogKind::CapacityAssessed { outcome, .. } => Some(outcome),
        _ => None,
    });
    assert_eq!(
        found,
        Some(joined_up::sim::log::CapacityOutcome::HasCapacity),
        "{:?}",
        h.refusals()
    );
    // No best-interests decision for someone who can decide.
    h.sw(Act::BestInterests {
        patient: p("mrs_b"),
        decision: p("care_at_home"),
    });
    assert!(
        h.refusals()
            .last()
            .unwrap()
            .1
            .starts_with("a best-interests decision is only")
    );
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert!(!care_met(&mut h), "imposed care does not take");
    assert!(items(&h).contains(&joined_up::scoring::Behaviour::Imposed));
}

/// Without capacity, care goes ahead only after a best-interests decision: both professions
/// together, her wishes asked, someone close consulted. Skipping it costs.
#[test]
fn without_capacity_a_best_interests_decision_comes_first() {
    // Skipped: the care goes ahead, and the process is charged.
    let mut h = refusing_help(false, false);
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert!(care_met(&mut h));
    assert!(items(&h).contains(&joined_up::scoring::Behaviour::Imposed));

    // Done properly.
    let mut h = refusing_help(false, false);
    h.sw(Act::AssessCapacity {
        patient: p("mrs_b"),
        decision: p("care_at_home"),
    });
    let decide = |h: &mut joined_up::session::Headless| {
        h.sw(Act::BestInterests {
            patient: p("mrs_b"),
            decision: p("care_at_home"),
        });
        h.refusals().last().map(|r| r.1.clone()).unwrap_or_default()
    };
    assert!(decide(&mut h).starts_with("a best-interests decision needs both professions"));
    h.end_slot();
    h.gp(Act::JointVisit {
        patient: p("mrs_b"),
    });
    h.sw(Act::JointVisit {
        patient: p("mrs_b"),
    });
    assert!(decide(&mut h).starts_with("first ask the person"));
    h.sw(Act::AskWishes {
        patient: p("mrs_b"),
    });
    assert!(decide(&mut h).starts_with("first consult those close"));
    h.sw(Act::AskAround {
        patient: p("mrs_b"),
    });
    h.sw(Act::Send(send("lunch_club_line", Channel::Phone, "mrs_b")));
    let refused_before = h.refusals().len();
    decide(&mut h);
    assert_eq!(h.refusals().len(), refused_before, "{:?}", h.refusals());
    h.end_slot();
    h.run_to(2);
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert!(care_met(&mut h));
    let got = items(&h);
    assert!(
        !got.contains(&joined_up::scoring::Behaviour::Imposed),
        "{got:?}"
    );
    assert!(got.contains(&joined_up::scoring::Behaviour::BestInterests));
    assert!(got.contains(&joined_up::scoring::Behaviour::CapacityAssessed));
}

/// Capacity that fluctuates is assessed at the person's best time: in the afternoon the
/// assessment is inconclusive and settles nothing.
#[test]
fn fluctuating_capacity_is_assessed_at_the_best_time() {
    let mut h = refusing_help(false, true);
    h.end_slot();
    h.sw(Act::AssessCapacity {
        patient: p("mrs_b"),
        decision: p("care_at_home"),
    });
    h.end_slot();
    h.sw(Act::AssessCapacity {
        patient: p("mrs_b"),
        decision: p("care_at_home"),
    });
    let outcomes: Vec<_> = h
        .entries()
        .into_iter()
        .filter_map(|e| match e.kind {
            LogKind::CapacityAssessed { outcome, .. } => Some(outcome),
            _ => None,
        })
        .collect();
    use joined_up::sim::log::CapacityOutcome::*;
    assert_eq!(
        outcomes,
        vec![Inconclusive, LacksCapacity],
        "{:?}",
        h.refusals()
    );
}

/// Capacity is presumed: assessing someone who agrees settles nothing the team needed, and
/// earns nothing, however many decisions there are to assess.
#[test]
fn assessing_someone_who_agrees_earns_nothing() {
    let mut h = deciding_help(true, false, false);
    h.sw(Act::AssessCapacity {
        patient: p("mrs_b"),
        decision: p("care_at_home"),
    });
    assert!(
        h.entries()
            .iter()
            .any(|e| matches!(e.kind, LogKind::CapacityAssessed { .. })),
        "{:?}",
        h.refusals()
    );
    assert!(!items(&h).contains(&joined_up::scoring::Behaviour::CapacityAssessed));
    // She agrees, so care arranged for her is not imposed.
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert!(care_met(&mut h));
    assert!(!items(&h).contains(&joined_up::scoring::Behaviour::Imposed));
}

/// A decision is part of what a role knows only once it has seen a need that engages it: its
/// text would otherwise give the need away, and the simulation will not assess it either.
#[test]
fn a_decision_is_unknown_until_a_need_engaging_it_is_seen() {
    let mut h = bench_with_decision(false, false, true);
    let sees = |h: &joined_up::session::Headless| {
        let v = h.view(SW);
        let p = v.patient("mrs_b");
        (
            p.is_some_and(|p| p.needs.iter().any(|n| n.id == "b_care")),
            p.is_some_and(|p| p.decisions.iter().any(|d| d.id == "care_at_home")),
        )
    };
    assert_eq!(sees(&h), (false, false));
    h.sw(Act::AssessCapacity {
        patient: p("mrs_b"),
        decision: p("care_at_home"),
    });
    assert!(
        h.view(SW).patient("mrs_b").is_some(),
        "she is on the caseload"
    );
    assert_eq!(
        h.refusals().last().map(|r| r.1.as_str()),
        Some("there is no decision `care_at_home` for this person")
    );
    h.sw(Act::HomeVisit {
        patient: p("mrs_b"),
    });
    assert_eq!(sees(&h), (true, true));
}

// ---- Care Act 2014: assessment before care the council arranges -----------------------------

/// The mechanics bench with the stairs already known to the social worker (so the need is seen
/// without an assessment) and the fall's risk starting at `start`.
fn care_act_bench(start: u32) -> joined_up::session::Headless {
    let s = data(
        "mechanics",
        &[
            (
                r#"(id: "b_home", text: "Cannot manage the stairs.", revealed_by: [HomeVisit("social_worker")])"#,
                r#"(id: "b_home", text: "Cannot manage the stairs.", known_to: ["social_worker"])"#,
            ),
            (
                r#"(id: "b_fall", kind: Fall, text: "Mrs B fell.", start: 30)"#,
                &format!(r#"(id: "b_fall", kind: Fall, text: "Mrs B fell.", start: {start})"#),
            ),
        ],
    );
    let mut h = joined_up::session::Headless::new();
    h.start(&s, None, 1).unwrap();
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_diagnosis")],
        ..send("sw_direct", Channel::Phone, "mrs_b")
    }));
    h
}

fn commission_care(h: &mut joined_up::session::Headless) -> Option<String> {
    let before = h.refusals().len();
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    h.refusals().get(before).map(|r| r.1.clone())
}

/// A package is arranged after social care has assessed the person's needs (s9, s13); trying
/// first costs the time it takes to be told. The first package waits on the financial
/// assessment (s17) for a half-day.
#[test]
fn care_the_council_arranges_follows_a_needs_assessment() {
    let mut h = care_act_bench(10);
    let left = h.view(SW).minutes_left;
    let refused = commission_care(&mut h).expect("refused before an assessment");
    assert!(
        refused.starts_with("care the council arranges follows adult social care's assessment"),
        "{refused}"
    );
    assert_eq!(
        h.view(SW).minutes_left,
        left - 10,
        "finding out costs ten minutes"
    );
    h.sw(Act::Assess {
        patient: p("mrs_b"),
    });
    assert!(h.view(SW).patient("mrs_b").unwrap().needs_assessed);
    assert_eq!(commission_care(&mut h), None);
    let finances: Vec<u32> = h
        .entries()
        .into_iter()
        .filter_map(|e| match e.kind {
            LogKind::FinancesAssessed { slots, .. } => Some(slots),
            _ => None,
        })
        .collect();
    assert_eq!(finances, vec![1]);
    // `care` starts after one half-day, plus the financial assessment's one.
    h.run_to(1);
    let met = |h: &joined_up::session::Headless| {
        h.view(SW)
            .patient("mrs_b")
            .and_then(|p| p.needs.iter().find(|n| n.id == "b_care"))
            .is_some_and(|n| n.met)
    };
    assert!(!met(&h), "started before the financial assessment");
    h.run_to(2);
    assert!(met(&h));
}

/// An urgent need may be met before the assessment (s19(3)).
#[test]
fn an_urgent_need_is_met_before_the_assessment() {
    let mut h = care_act_bench(80);
    assert_eq!(commission_care(&mut h), None);
    assert!(!h.view(SW).patient("mrs_b").unwrap().needs_assessed);
}

// ---- The duty to share ---------------------------------------------------------------------

/// Asked what they know for a need, a professional who answers without the facts the asker
/// needs (known and lawfully shareable) is charged once; answering with them is not.
#[test]
fn answering_a_request_without_what_was_needed_costs() {
    let asked = |share: bool| {
        let mut h = bench(None, 1);
        // The afternoon, when the GP is out of surgery and takes calls.
        h.end_slot();
        h.sw(Act::HomeVisit {
            patient: p("mrs_b"),
        });
        h.sw(Act::Send(Outgoing {
            need: Some(p("b_care")),
            ask: Some(Ask::Information),
            ..send("gp_direct", Channel::Phone, "mrs_b")
        }));
        let request = h.last_sent(SW);
        h.gp(Act::Reply(joined_up::sim::ReplyTo {
            message: request,
            answer: Answer::Information,
            // A letter (secure, and it needs nobody to pick up).
            channel: Channel::Letter,
            facts: if share {
                vec![p("b_diagnosis")]
            } else {
                Vec::new()
            },
            framing: joined_up::sim::Framing::Respectful,
            text: String::new(),
        }));
        assert!(h.refusals().is_empty(), "{:?}", h.refusals());
        h.score()
            .items
            .iter()
            .filter(|i| i.behaviour == joined_up::scoring::Behaviour::Withheld)
            .count()
    };
    assert_eq!(asked(false), 1);
    assert_eq!(asked(true), 0);
}

// ---- NHS continuing healthcare ---------------------------------------------------------------

/// The mechanics bench with Mrs B's help at home a primary health need (by `route`), the
/// stairs known to the social worker and her diagnosis told to them, and the stairs told to
/// the GP: both know what the need rests on.
fn chc_bench(route: &str) -> joined_up::session::Headless {
    let s = data(
        "mechanics",
        &[
            (
                r#"(id: "b_home", text: "Cannot manage the stairs.", revealed_by: [HomeVisit("social_worker")])"#,
                r#"(id: "b_home", text: "Cannot manage the stairs.", known_to: ["social_worker", "gp"])"#,
            ),
            (
                r#"resolved_by: [Package("care"), Package("gold")], feeds: "b_fall", risk_per_day: 20"#,
                &format!(
                    r#"resolved_by: [Package("care"), Package("gold")], feeds: "b_fall", risk_per_day: 20, continuing_healthcare: {route}"#
                ),
            ),
        ],
    );
    let mut h = joined_up::session::Headless::new();
    h.start(&s, None, 1).unwrap();
    h.gp(Act::Send(Outgoing {
        facts: vec![p("b_diagnosis")],
        ..send("sw_direct", Channel::Phone, "mrs_b")
    }));
    h
}

fn chc_items(h: &joined_up::session::Headless) -> Vec<joined_up::scoring::Behaviour> {
    use joined_up::scoring::Behaviour::{ChcMissed, ContinuingHealthcare};
    items(h)
        .into_iter()
        .filter(|b| matches!(b, ContinuingHealthcare | ChcMissed))
        .collect()
}

/// A positive checklist refers for a full assessment; once the NHS decides, either profession
/// arranges the care, with no council assessment, budget or charge.
#[test]
fn a_positive_checklist_leads_to_nhs_funded_care() {
    let mut h = chc_bench("Assessment");
    h.sw(Act::ChcChecklist {
        patient: p("mrs_b"),
    });
    assert!(h.refusals().is_empty(), "{:?}", h.refusals());
    assert_eq!(
        h.view(SW).patient("mrs_b").unwrap().chc,
        joined_up::sim::view::ChcView::Awaiting
    );
    h.run_to(2);
    assert_eq!(
        h.view(GP).patient("mrs_b").unwrap().chc,
        joined_up::sim::view::ChcView::Funded
    );
    // The GP, with no pooled budget, arranges it; the care budget is untouched.
    let budget = h.view(SW).budget;
    h.gp(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert!(h.refusals().is_empty(), "{:?}", h.refusals());
    assert_eq!(h.view(SW).budget, budget);
    assert!(h.entries().iter().any(|e| matches!(
        e.kind,
        LogKind::PackageCommissioned {
            nhs_funded: true,
            ..
        }
    )));
    assert_eq!(
        chc_items(&h),
        vec![joined_up::scoring::Behaviour::ContinuingHealthcare]
    );
}

/// The fast track is the clinician's, and only for someone at the end of life.
#[test]
fn the_fast_track_is_a_clinicians_for_the_end_of_life() {
    let mut h = chc_bench("FastTrack");
    let left = h.minutes(SW);
    h.sw(Act::FastTrack {
        patient: p("mrs_b"),
    });
    assert!(
        h.refusals()
            .last()
            .unwrap()
            .1
            .starts_with("the fast-track tool is completed by a clinician"),
        "{:?}",
        h.refusals()
    );
    assert_eq!(h.minutes(SW), left - 10);
    h.gp(Act::FastTrack {
        patient: p("mrs_b"),
    });
    assert_eq!(
        h.view(GP).patient("mrs_b").unwrap().chc,
        joined_up::sim::view::ChcView::Funded,
        "at once: {:?}",
        h.refusals()
    );
    // Not for someone whose needs are not deteriorating towards the end of life.
    let mut h = chc_bench("Assessment");
    h.gp(Act::FastTrack {
        patient: p("mrs_b"),
    });
    assert!(
        h.refusals()
            .last()
            .unwrap()
            .1
            .starts_with("the fast track is for a condition deteriorating rapidly")
    );
}

/// Paying from the care budget for a primary health need nobody screened costs; a checklist
/// for someone without one is negative and earns nothing.
#[test]
fn paying_for_health_care_from_the_care_budget_costs() {
    let mut h = chc_bench("Assessment");
    h.sw(Act::Assess {
        patient: p("mrs_b"),
    });
    h.sw(Act::Commission {
        need: p("b_care"),
        package: p("care"),
    });
    assert!(h.refusals().is_empty(), "{:?}", h.refusals());
    assert_eq!(
        chc_items(&h),
        vec![joined_up::scoring::Behaviour::ChcMissed]
    );

    let mut h = bench(None, 1);
    h.gp(Act::ChcChecklist {
        patient: p("mrs_b"),
    });
    assert!(h.entries().iter().any(|e| matches!(
        e.kind,
        LogKind::ChcScreened {
            positive: false,
            ..
        }
    )));
    assert!(chc_items(&h).is_empty());
}

/// Consent that differs by recipient (format 2): she agrees to sharing, but not with the
/// community groups she names; once her answer is known, sharing there has no basis.
#[test]
fn consent_can_exclude_some_recipients() {
    let basis = |excluded: bool| {
        let edits: Vec<(&str, &str)> = if excluded {
            vec![(
                "            consent: NotAsked(will_agree: true),\n            facts: [\n                (id: \"b_diagnosis\"",
                "            consent: NotAsked(will_agree: true),\n            not_shared_with: [Community],\n            facts: [\n                (id: \"b_diagnosis\"",
            )]
        } else {
            Vec::new()
        };
        let mut h = joined_up::session::Headless::new();
        h.start(&data("mechanics", &edits), None, 1).unwrap();
        h.end_slot();
        h.gp(Act::AskConsent {
            patient: p("mrs_b"),
        });
        h.gp(Act::AskAround {
            patient: p("mrs_b"),
        });
        h.gp(Act::Send(Outgoing {
            facts: vec![p("b_diagnosis")],
            ..send("lunch_club_line", Channel::Phone, "mrs_b")
        }));
        assert!(h.refusals().is_empty(), "{:?}", h.refusals());
        let v = h.view(GP);
        let shown = v.patient("mrs_b").unwrap().not_shared_with.clone();
        let basis = h.entries().into_iter().rev().find_map(|e| match e.kind {
            LogKind::Sent(s) => Some(s.basis),
            _ => None,
        });
        (basis, shown)
    };
    assert_eq!(basis(false), (Some(SharingBasis::Consent), vec![]));
    assert_eq!(
        basis(true),
        (
            Some(SharingBasis::NoBasis),
            vec![joined_up::scenario::Sector::Community]
        )
    );
}

/// Consent after reassurance (format 2): the first ask finds them unsure, the same half-day is
/// too soon, and a later ask gets their answer.
#[test]
fn consent_can_come_after_reassurance() {
    let s = data(
        "mechanics",
        &[(
            "            consent: NotAsked(will_agree: true),\n            facts: [\n                (id: \"b_diagnosis\"",
            "            consent: NotAsked(will_agree: true, after_reassurance: true),\n            facts: [\n                (id: \"b_diagnosis\"",
        )],
    );
    let mut h = joined_up::session::Headless::new();
    h.start(&s, None, 1).unwrap();
    let consent = |h: &joined_up::session::Headless| h.view(GP).patient("mrs_b").unwrap().consent;
    h.gp(Act::AskConsent {
        patient: p("mrs_b"),
    });
    assert!(h.refusals().is_empty(), "{:?}", h.refusals());
    assert_eq!(consent(&h), joined_up::sim::view::ConsentView::Unknown);
    assert!(h.view(GP).patient("mrs_b").unwrap().consent_unsure);
    h.gp(Act::AskConsent {
        patient: p("mrs_b"),
    });
    assert_eq!(
        h.refusals().last().unwrap().1,
        "they want time to think about who will see what; ask again later"
    );
    h.end_slot();
    h.gp(Act::AskConsent {
        patient: p("mrs_b"),
    });
    assert_eq!(consent(&h), joined_up::sim::view::ConsentView::Given);
}
