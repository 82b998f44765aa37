//! The authoring kit: `new-scenario` writes a template that validates, and `validate --balance`
//! warns with numbers when a case does not reward collaboration.

use std::path::{Path, PathBuf};

use joined_up::cli::{TEMPLATE, balance_warnings};
use joined_up::scenario::load_bytes;

use crate::cli::joined_up;
use crate::common::{pointless_minimal, shipped};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("authoring");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn the_template_validates_with_no_warnings() {
    let s = load_bytes("template", TEMPLATE.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(s.warnings().is_empty(), "{:?}", s.warnings());
    assert!(s.get().settings.contains_key("walled"));
    assert!(s.get().settings.contains_key("integrated"));
}

#[test]
fn new_scenario_writes_the_template_and_never_overwrites() {
    let path = scratch("fresh.scenario.ron");
    let _ = std::fs::remove_file(&path);
    let p = path.to_str().unwrap();
    let r = joined_up(&["new-scenario", p]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TEMPLATE);
    let r = joined_up(&["validate", p]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // A second time: refused, and the file (edited meanwhile) is untouched.
    std::fs::write(&path, "my work").unwrap();
    let r = joined_up(&["new-scenario", p]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my work");
    let r = joined_up(&["new-scenario", "/no/such/folder/x.scenario.ron"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
}

#[test]
fn a_balanced_scenario_gets_no_balance_warnings() {
    let s = shipped("home_from_hospital");
    for setting in [None, Some("integrated")] {
        let (table, w) = balance_warnings("starter", &s, setting, 30).unwrap();
        assert!(w.is_empty(), "{setting:?}: {w:#?}");
        // The table is printed whether or not anything is wrong, a row per pairing.
        for label in [
            "collaborative",
            "polite-siloed",
            "siloed",
            "gamer",
            "random",
        ] {
            assert!(table.contains(&format!("  {label} ")), "{table}");
        }
    }
}

#[test]
fn an_unbalanced_scenario_is_warned_about_with_numbers() {
    // Nothing scores, and the crisis comes before anyone can act.
    let s = pointless_minimal(&[("start: 10", "start: 90")]);
    let (_, w) = balance_warnings("flat.ron", &s, None, 5).unwrap();
    let all: String = w.iter().map(|d| format!("{d}\n")).collect();
    assert!(
        all.contains("flat.ron:1:1: warning: as written: collaborative play (mean 0.0, sd 0.0) does not beat siloed play (mean 0.0, sd 0.0) by a wide margin: Cohen's d is 0.00"),
        "{all}"
    );
    assert!(
        all.contains("crisis `a_fall` happened in all 5 sessions of two collaborative players"),
        "{all}"
    );
    assert!(
        all.contains("does not beat polite but siloed play"),
        "{all}"
    );
    assert!(w.iter().all(|d| !d.is_error() && d.hint.is_some()));
}

#[test]
fn validate_balance_on_the_command_line() {
    let r = joined_up(&[
        "validate",
        "--balance",
        "--seeds",
        "10",
        "--setting",
        "integrated",
        "scenarios/home_from_hospital.scenario.ron",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("1 valid"), "{}", r.stdout);
    assert!(r.stdout.contains("polite-siloed"), "{}", r.stdout);
    let r = joined_up(&[
        "validate",
        "--balance",
        "--seeds",
        "2",
        "--setting",
        "integratd",
        "scenarios/home_from_hospital.scenario.ron",
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("no setting `integratd`"), "{}", r.stdout);
    assert!(
        r.stdout.contains("did you mean `integrated`?"),
        "{}",
        r.stdout
    );
    // --setting means nothing without --balance: a usage error.
    let r = joined_up(&["validate", "--setting", "integrated", "scenarios"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn a_need_a_capable_person_refuses_is_warned_about() {
    let decision = (
        "            crises: [",
        "            decisions: [(id: \"help\", text: \"Whether to have help at home.\", capacity: true, refuses: true)],\n            crises: [",
    );
    let tie = (
        "resolved_by: [Package(\"care\")]",
        "resolved_by: [Package(\"care\")], decision: \"help\"",
    );
    let s = crate::common::data("minimal", &[decision, tie]);
    let w: Vec<String> = s.warnings().iter().map(|d| d.to_string()).collect();
    assert!(
        w.iter().any(|d| d
            .contains("need `a_care` can never be met: Mrs A refuses `help` and has capacity to")),
        "{w:#?}"
    );
    // Without capacity, the case is playable (through a best-interests decision): no warning.
    let lacks = (
        "            crises: [",
        "            decisions: [(id: \"help\", text: \"Whether to have help at home.\", capacity: false, refuses: true)],\n            crises: [",
    );
    let s = crate::common::data("minimal", &[lacks, tie]);
    assert!(s.warnings().is_empty(), "{:?}", s.warnings());
}

/// A case that declares insufficient funding must make money force a choice: `--balance`
/// warns, with the numbers, when the budget (after cuts) buys every package the needs call for.
#[test]
fn a_budget_that_never_binds_is_found() {
    use joined_up::cli::money_never_binds;
    let s = crate::common::data("minimal", &[]);
    assert_eq!(money_never_binds(&s, None), Some((500, 300)));
    // Cut below the package by an event: it binds.
    let cut = crate::common::data(
        "minimal",
        &[(
            "effects: [Notice(\"A call.\"),",
            "effects: [Budget(-250), Notice(\"A call.\"),",
        )],
    );
    assert_eq!(money_never_binds(&cut, None), None);
    let declared = crate::common::data(
        "minimal",
        &[(
            "barriers: [Logistics]",
            "barriers: [Logistics, InsufficientFunding]",
        )],
    );
    let (_, w) = balance_warnings("m.ron", &declared, None, 4).unwrap();
    assert!(
        w.iter().any(|d| d.message.contains(
            "the case declares the barrier InsufficientFunding, but its £500 budget buys the cheapest package for every need that a package can meet (£300 in all)"
        )),
        "{w:#?}"
    );
}
