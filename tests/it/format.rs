//! Scenario format versions: format-1 files keep loading and playing; `upgrade` turns them
//! into format 2 that validates and plays the same; format 2's additions work.

use std::path::{Path, PathBuf};

use joined_up::bots::PolicyKind;
use joined_up::cli::upgrade_bytes;
use joined_up::scenario::{self, Channel};
use joined_up::session::{Headless, play};
use joined_up::sim::{Act, LogKind, Outgoing};

use crate::cli::joined_up;
use crate::common::*;

fn format1_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/format1");
    let files = scenario::scenario_files(&dir).unwrap();
    assert_eq!(files.len(), 6, "the six cases as last shipped in format 1");
    files
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("format");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

/// Every format-1 case loads, upgrades to a format-2 file that validates, and the two play
/// the same sessions, seed for seed.
#[test]
fn format_1_cases_load_upgrade_and_play_the_same() {
    for file in format1_files() {
        let shown = file.display().to_string();
        let bytes = std::fs::read(&file).unwrap();
        let old = scenario::load_bytes(&shown, &bytes).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(old.get().format, 1);
        let text = upgrade_bytes(&shown, &bytes).unwrap_or_else(|e| panic!("{shown}: {e:?}"));
        let new = scenario::load_bytes(&shown, text.as_bytes()).unwrap();
        assert_eq!(new.get().format, 2);
        assert!(new.warnings().is_empty(), "{shown}: {:?}", new.warnings());
        // Comments survive.
        let comments = |t: &str| {
            t.lines()
                .filter(|l| l.trim_start().starts_with("//"))
                .count()
        };
        assert_eq!(comments(&text), comments(&String::from_utf8_lossy(&bytes)));
        for setting in [None, Some("integrated")] {
            for seed in 0..3 {
                let a = play(
                    &old,
                    setting,
                    seed,
                    PolicyKind::Collaborative,
                    PolicyKind::PoliteSiloed,
                )
                .unwrap();
                let b = play(
                    &new,
                    setting,
                    seed,
                    PolicyKind::Collaborative,
                    PolicyKind::PoliteSiloed,
                )
                .unwrap();
                assert_eq!(
                    a.log.entries, b.log.entries,
                    "{shown} {setting:?} seed {seed}"
                );
            }
        }
    }
}

#[test]
fn upgrade_on_the_command_line() {
    let file = "tests/data/format1/breaking_point.scenario.ron";
    let out = scratch("upgraded.scenario.ron");
    let o = out.to_str().unwrap();
    let r = joined_up(&["upgrade", file, "--out", o]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("as format 2, the same case"),
        "{}",
        r.stdout
    );
    let r = joined_up(&["validate", o]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // Never over an existing file, which is left as it was.
    std::fs::write(&out, "mine").unwrap();
    let r = joined_up(&["upgrade", file, "--out", o]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    // A format-2 file needs no upgrade; nothing is written.
    let out2 = scratch("twice.scenario.ron");
    let r = joined_up(&[
        "upgrade",
        "scenarios/breaking_point.scenario.ron",
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already format 2"), "{}", r.stderr);
    assert!(!out2.exists());
    // A broken original: its problems, exit 1, nothing written.
    let broken = scratch("broken.scenario.ron");
    let text = std::fs::read_to_string(file)
        .unwrap()
        .replace("days: 5,", "days: 0,");
    std::fs::write(&broken, text).unwrap();
    let out3 = scratch("from_broken.scenario.ron");
    let r = joined_up(&[
        "upgrade",
        broken.to_str().unwrap(),
        "--out",
        out3.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("the upgraded file would not be valid"),
        "{}",
        r.stderr
    );
    assert!(!out3.exists());
}

/// Secure email (format 2): sensitive details by email are not charged as an unsafe channel.
#[test]
fn secure_email_carries_sensitive_details() {
    let unsafe_items = |secure: bool| {
        let s = data(
            "mechanics",
            &[(
                "    setting: (",
                &format!("    setting: (\n        secure_email: {secure},"),
            )],
        );
        let mut h = Headless::new();
        h.start(&s, None, 1).unwrap();
        h.gp(Act::Send(Outgoing {
            facts: vec!["b_diagnosis".into()],
            ..send("sw_direct", Channel::Email, "mrs_b")
        }));
        h.score()
            .items
            .iter()
            .filter(|i| i.behaviour == joined_up::scoring::Behaviour::UnsafeChannel)
            .count()
    };
    assert_eq!(unsafe_items(false), 1);
    assert_eq!(unsafe_items(true), 0);
}

/// A poor-practice package (format 2) meets the need, costs Values and Ethics, and says why;
/// an event can follow the choice.
#[test]
fn a_poor_practice_option_works_but_costs_with_a_reason() {
    let s = data(
        "mechanics",
        &[
            (
                r#"(id: "gold", name: "Residential respite", cost: 900)"#,
                r#"(id: "gold", name: "Residential respite", cost: 300, poor_practice: "A care home stay she did not ask for, when help at home would do.")"#,
            ),
            (
                "    events: [",
                r#"    events: [
        (id: "after_gold", when: Commissioned("gold"), effects: [Notice("Her daughter is upset about the care home.")]),"#,
            ),
        ],
    );
    let mut h = Headless::new();
    h.start(&s, None, 1).unwrap();
    h.sw(Act::HomeVisit {
        patient: "mrs_b".into(),
    });
    h.gp(Act::Send(Outgoing {
        facts: vec!["b_diagnosis".into()],
        ..send("sw_direct", Channel::Phone, "mrs_b")
    }));
    let fired = |h: &Headless| {
        h.entries()
            .iter()
            .any(|e| matches!(&e.kind, LogKind::EventFired { event } if event == "after_gold"))
    };
    assert!(!fired(&h));
    h.sw(Act::Commission {
        need: "b_care".into(),
        package: "gold".into(),
    });
    assert!(h.refusals().is_empty(), "{:?}", h.refusals());
    assert!(fired(&h), "the event follows the commissioning");
    let item = h
        .score()
        .items
        .into_iter()
        .find(|i| i.behaviour == joined_up::scoring::Behaviour::PoorPractice)
        .expect("charged");
    assert!(item.points < 0);
    assert!(
        item.explanation.contains("when help at home would do"),
        "{}",
        item.explanation
    );
}

/// A household (format 2): one person's need may rest on what is known about someone they
/// live with; without the link, the validator refuses it.
#[test]
fn a_household_lets_needs_use_each_others_facts() {
    let needs_c = (
        r#"requires: ["b_home", "b_diagnosis"]"#,
        r#"requires: ["b_home", "b_diagnosis", "c_bruises"]"#,
    );
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/mechanics.scenario.ron"
    ))
    .unwrap()
    .replacen(needs_c.0, needs_c.1, 1);
    let e = scenario::load_bytes("m.ron", text.as_bytes()).unwrap_err();
    assert!(
        e.iter()
            .any(|d| d.message == "fact `c_bruises` belongs to patient `mr_c`, not `mrs_b`"),
        "{e:?}"
    );
    let linked = text.replacen(
        r#"            id: "mrs_b","#,
        r#"            id: "mrs_b",
            household: ["mr_c"],"#,
        1,
    );
    scenario::load_bytes("m.ron", linked.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
}

/// A poor-practice service (format 2) is charged when it takes a referral on, and an event
/// can follow a referral being accepted.
#[test]
fn a_referral_to_a_poor_practice_service_costs_and_can_trigger_an_event() {
    let s = data(
        "mechanics",
        &[
            (
                r#"(id: "falls_service", name: "Falls service", sector: Health, answers_after: 1)"#,
                r#"(id: "falls_service", name: "Falls service", sector: Health, answers_after: 1, poor_practice: "A referral the team could have avoided.")"#,
            ),
            (
                "    events: [",
                r#"    events: [
        (id: "falls_booked", when: ReferralAccepted("b_falls"), effects: [Notice("The falls clinic has booked her in.")]),"#,
            ),
        ],
    );
    let mut h = Headless::new();
    h.start(&s, None, 1).unwrap();
    h.gp(Act::LookUp {
        contact: "falls_line".into(),
    });
    h.gp(refer(
        "falls_line",
        Channel::Phone,
        "b_falls",
        &["b_diagnosis"],
    ));
    let fired = h
        .entries()
        .iter()
        .any(|e| matches!(&e.kind, LogKind::EventFired { event } if event == "falls_booked"));
    assert!(fired, "{:?}", h.refusals());
    let charged: Vec<_> = h
        .score()
        .items
        .into_iter()
        .filter(|i| i.behaviour == joined_up::scoring::Behaviour::PoorPractice)
        .map(|i| i.roles)
        .collect();
    assert_eq!(charged, vec![vec![joined_up::sim::Role::Gp]]);
}

/// Computer professionals know poor practice when they see it (the knowledge is the seat's,
/// not the view's): offered a cheaper poor-practice package, they choose the good one. The
/// validator warns of a need only poor practice can meet.
#[test]
fn computer_professionals_avoid_poor_practice() {
    let edit = (
        r#"(id: "gold", name: "Residential respite", cost: 900)"#,
        r#"(id: "gold", name: "Residential respite", cost: 10, starts_after: 1, poor_practice: "A care home stay she did not ask for.")"#,
    );
    let s = data("mechanics", &[edit]);
    let mut good = 0;
    for seed in 0..5 {
        let p = play(
            &s,
            None,
            seed,
            PolicyKind::Collaborative,
            PolicyKind::Collaborative,
        )
        .unwrap();
        assert!(
            !p.score
                .items
                .iter()
                .any(|i| i.behaviour == joined_up::scoring::Behaviour::PoorPractice),
            "seed {seed}"
        );
        good += p
            .log
            .entries
            .iter()
            .filter(|e| matches!(&e.kind, LogKind::PackageCommissioned { package, .. } if package == "care"))
            .count();
    }
    assert!(good > 0, "the good package was chosen at least once");
    // Only poor practice left: warned.
    let only = data(
        "mechanics",
        &[
            edit,
            (
                r#"resolved_by: [Package("care"), Package("gold")]"#,
                r#"resolved_by: [Package("gold")]"#,
            ),
        ],
    );
    assert!(
        only.warnings()
            .iter()
            .any(|d| d.message == "need `b_care` can only be met by poor practice"),
        "{:?}",
        only.warnings()
    );
}

/// Services that refer to each other (format 2): once the falls service takes Mrs B on, it
/// refers her loneliness to the lunch club, which meets it without a player's referral; a
/// `Refer` to a service that cannot meet the need is refused by the validator.
#[test]
fn services_refer_to_each_other() {
    let chained = (
        "    events: [",
        r#"    events: [
        (id: "falls_refers_on", when: ReferralAccepted("b_falls"), effects: [Refer(need: "b_lonely", to: "lunch_club")]),"#,
    );
    let s = data("mechanics", &[chained]);
    let mut h = Headless::new();
    h.start(&s, None, 1).unwrap();
    h.gp(Act::LookUp {
        contact: "falls_line".into(),
    });
    h.gp(refer(
        "falls_line",
        Channel::Phone,
        "b_falls",
        &["b_diagnosis"],
    ));
    h.run_to_end();
    let met_by_club = h.entries().iter().any(|e| {
        matches!(&e.kind, LogKind::NeedMet { need, via: joined_up::sim::log::MetVia::Referral(s), .. }
            if need == "b_lonely" && s == "lunch_club")
    });
    assert!(met_by_club, "{:?}", h.refusals());

    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/mechanics.scenario.ron"
    ))
    .unwrap()
    .replacen(
        "    events: [",
        r#"    events: [
        (id: "wrong", when: ReferralAccepted("b_falls"), effects: [Refer(need: "b_lonely", to: "falls_service")]),"#,
        1,
    );
    let e = scenario::load_bytes("m.ron", text.as_bytes()).unwrap_err();
    assert!(
        e.iter().any(|d| d.message
            == "`falls_service` cannot meet need `b_lonely`: it is not among its referrals"),
        "{e:?}"
    );
}
