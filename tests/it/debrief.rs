//! The debrief as a seminar: who knew what when, the moments that mattered and their questions
//! come from this session's log (each test has a control that must not produce them), in
//! three phases, with the self-assessments.

use joined_up::bots::PolicyKind;
use joined_up::debrief::{Debrief, to_html, to_markdown};
use joined_up::self_assessment::{Phase, SelfAssessment, ValidInstrument};
use joined_up::session::{Headless, Played, play};
use joined_up::sim::{Act, Role};

use crate::common::{SessionExt, data, shipped};

fn debrief(h: &Headless, s: &joined_up::scenario::ValidScenario, setting: Option<&str>) -> Debrief {
    Debrief::new(
        s,
        setting,
        1,
        ["a person".into(), "a person".into()],
        &Played::of(h.world()),
    )
}

#[test]
fn a_fact_one_profession_held_while_the_other_needed_it_is_shown_as_a_gap() {
    // The GP can meet the falls need but needs what only a home visit shows; the social worker
    // visits on Day 1 AM and says nothing. The GP learns it on Day 2 AM from an event.
    let s = data("minimal", &[]);
    let mut h = Headless::new();
    h.start(&s, None, 1).unwrap();
    h.sw(Act::HomeVisit {
        patient: "mrs_a".into(),
    });
    h.run_to_end();
    let d = debrief(&h, &s, None);
    let t = d
        .knowledge
        .iter()
        .find(|t| t.fact == "a_home")
        .expect("the home's stairs mattered");
    let (gp, sw) = (&t.roles[0], &t.roles[1]);
    assert_eq!(
        (gp.needed, gp.learned, gp.waited),
        (Some(0), Some(2), 2),
        "{gp:?}"
    );
    assert!(gp.other_knew, "{gp:?}");
    assert_eq!((sw.learned, sw.needed), (Some(0), None), "{sw:?}");
    assert_eq!(t.gap, 2);
    assert!(
        gp.sentence().contains("needed it on Day 1 AM")
            && gp.sentence().contains("learned it on Day 2 AM"),
        "{}",
        gp.sentence()
    );
    let gap = d
        .moments
        .iter()
        .find(|m| m.kind == "gap")
        .expect("the gap is a moment that mattered");
    assert!(
        gap.what
            .contains("The social worker knew “Stairs are steep”"),
        "{}",
        gap.what
    );
    assert!(
        gap.what.contains("the GP needed it on Day 1 AM"),
        "{}",
        gap.what
    );
    assert!(!gap.prompt.is_empty());
    // The GP's own view says what it went without.
    assert!(
        d.roles[0]
            .waited_for
            .iter()
            .any(|w| w.contains("Stairs are steep"))
    );
    // Shown in all three forms.
    assert!(to_html(&d).contains("Stairs are steep"));
    assert!(to_markdown(&d).contains("a gap of 2 half-days"));
    assert!(d.to_json().contains("\"gap\": 2"));
}

#[test]
fn shared_at_once_the_same_fact_is_no_gap() {
    // The control: in the integrated borough the social worker writes it in the shared record
    // as soon as it is seen, so the GP has it the same half-day.
    let s = data("minimal", &[]);
    let mut h = Headless::new();
    h.start(&s, Some("integrated"), 1).unwrap();
    h.sw(Act::HomeVisit {
        patient: "mrs_a".into(),
    });
    h.sw(Act::RecordNote {
        patient: "mrs_a".into(),
        facts: vec!["a_home".into()],
    });
    assert!(h.knows(Role::Gp, "a_home"), "the note reached the GP");
    h.run_to_end();
    let d = debrief(&h, &s, Some("integrated"));
    let t = d.knowledge.iter().find(|t| t.fact == "a_home").unwrap();
    assert_eq!(t.gap, 0, "{t:?}");
    assert_eq!(t.roles[0].learned, Some(0));
    assert!(d.moments.iter().all(|m| m.kind != "gap"), "{:?}", d.moments);
}

#[test]
fn a_need_nobody_owned_for_days_is_a_moment_with_a_question() {
    let s = data("minimal", &[]);
    let mut h = Headless::new();
    h.start(&s, None, 1).unwrap();
    h.run_to_end();
    let d = debrief(&h, &s, None);
    let m = d
        .moments
        .iter()
        .find(|m| m.kind == "unowned" && m.what.contains("Needs help at home"))
        .expect("the unowned need is a moment");
    assert!(
        m.what
            .contains("had no owner from Day 1 AM to the end of the session"),
        "{}",
        m.what
    );
    assert_eq!(
        m.prompt,
        "Who could have picked it up, and what stopped them?"
    );

    // The control: the social worker takes it on at once.
    let mut h = Headless::new();
    h.start(&s, None, 1).unwrap();
    h.sw(Act::ClaimNeed {
        need: "a_care".into(),
    });
    h.run_to_end();
    let d = debrief(&h, &s, None);
    assert!(
        !d.moments
            .iter()
            .any(|m| m.kind == "unowned" && m.what.contains("Needs help at home")),
        "{:?}",
        d.moments
    );
}

#[test]
fn the_questions_come_from_what_this_session_did() {
    let s = shipped("home_from_hospital");
    let siloed = play(&s, None, 3, PolicyKind::Siloed, PolicyKind::Siloed).unwrap();
    let together = play(
        &s,
        None,
        3,
        PolicyKind::Collaborative,
        PolicyKind::Collaborative,
    )
    .unwrap();
    let d = |p: &Played| Debrief::new(&s, None, 3, ["a".into(), "b".into()], p);
    let (a, b) = (d(&siloed), d(&together));
    assert_ne!(
        a.moments.iter().map(|m| &m.what).collect::<Vec<_>>(),
        b.moments.iter().map(|m| &m.what).collect::<Vec<_>>(),
        "two sessions, two sets of moments"
    );
    for d in [&a, &b] {
        assert!(d.moments.len() <= joined_up::debrief::moments::MOST_MOMENTS);
        // In time order, each at a half-day that exists.
        let slots: Vec<u32> = d.moments.iter().map(|m| m.slot).collect();
        assert!(slots.windows(2).all(|w| w[0] <= w[1]), "{slots:?}");
        assert!(slots.iter().all(|s| *s <= d.half_days));
    }
    // A crisis that happened is a moment, and the first one opens the reactions.
    let crisis = siloed.log.entries.iter().find_map(|e| match &e.kind {
        joined_up::sim::LogKind::CrisisOccurred { text, .. } => {
            Some((e.slot.label(), text.clone()))
        }
        _ => None,
    });
    let (when, text) = crisis.expect("two siloed players suffer a crisis in the starter case");
    assert!(
        a.moments
            .iter()
            .any(|m| m.kind == "crisis" && m.what.contains(text.trim()))
    );
    assert!(
        a.reactions
            .prompts
            .iter()
            .any(|p| p.contains(&when) && p.contains(text.trim()))
    );
    // The story of what happened has no points in it.
    assert!(a.reactions.story.iter().all(|l| !l.contains("points")));
}

#[test]
fn self_assessments_appear_by_domain_before_and_after() {
    let s = data("minimal", &[]);
    let mut h = Headless::new();
    h.start(&s, None, 1).unwrap();
    h.run_to_end();
    let inst = ValidInstrument::builtin();
    let mut a = SelfAssessment::new(&inst);
    let first = &inst.get().items[0];
    a.answer(Role::Gp, Phase::Before, &first.id, 2).unwrap();
    a.answer(Role::Gp, Phase::After, &first.id, 5).unwrap();
    let d = debrief(&h, &s, None).with_self_assessment(Some(&a));
    let info = d.self_assessment.as_ref().expect("answers are shown");
    assert_eq!(info.roles.len(), 1, "only the GP answered");
    let row = info.roles[0]
        .rows
        .iter()
        .find(|r| r.domain == first.domain.label())
        .unwrap();
    assert_eq!((row.before, row.after), (Some(2.0), Some(5.0)));
    let html = to_html(&d);
    assert!(html.contains("+3.0"), "the change is shown");
    // Nobody answered: no self-assessment, and the page says so.
    let none = debrief(&h, &s, None).with_self_assessment(Some(&SelfAssessment::new(&inst)));
    assert!(none.self_assessment.is_none());
    assert!(to_html(&none).contains("Nobody filled in the self-assessment"));
}
