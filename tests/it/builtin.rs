//! The shipped cases travel inside the program: the list is the `scenarios/` folder, byte for
//! byte, and every subcommand takes a shipped case's id from any folder.

use std::path::Path;
use std::process::Command;

#[test]
fn the_built_in_cases_are_the_scenarios_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".scenario.ron"))
        .collect();
    names.sort();
    let built: Vec<&str> = joined_up::scenario::builtin::SHIPPED
        .iter()
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(built, names, "add the new case to src/scenario/builtin.rs");
    for (name, text) in joined_up::scenario::builtin::SHIPPED {
        assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), *text);
    }
    assert_eq!(
        joined_up::scenario::builtin::all().len(),
        names.len(),
        "all valid"
    );
}

#[test]
fn every_subcommand_takes_a_case_id_from_any_folder() {
    let elsewhere = Path::new(env!("CARGO_TARGET_TMPDIR")).join("builtin-elsewhere");
    let _ = std::fs::remove_dir_all(&elsewhere);
    std::fs::create_dir_all(&elsewhere).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_joined-up"))
            .args(args)
            .current_dir(&elsewhere)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["validate", "home_from_hospital"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 valid"), "{out}");
    let (code, _, err) = run(&[
        "simulate",
        "home_from_hospital",
        "--gp",
        "collaborative",
        "--social-worker",
        "siloed",
        "--seeds",
        "2",
        "--save-dir",
        "runs",
    ]);
    assert_eq!(code, 0, "{err}");
    let session = elsewhere.join("runs/home_from_hospital-0.session.ron");
    let text = std::fs::read_to_string(&session).unwrap();
    assert!(
        text.contains("path: Some(\"builtin:home_from_hospital\")"),
        "{text:.400}"
    );
    let (code, out, err) = run(&["replay", "runs/home_from_hospital-0.session.ron"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the outcome matches"), "{out}");
    let (code, out, _) = run(&[
        "debrief",
        "runs/home_from_hospital-1.session.ron",
        "--format",
        "md",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# Debrief: Home from hospital"));
    let (code, out, _) = run(&["guide", "cold_winter", "--format", "md"]);
    assert_eq!(code, 0);
    assert!(out.contains("# Facilitator's guide: A cold winter"));
    let (code, _, _) = run(&["cohort", "runs"]);
    assert_eq!(code, 0);
    // A session played on the repository's file replays on the built-in copy, and back.
    let (code, _, err) = run(&[
        "simulate",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/cold_winter.scenario.ron"
        ),
        "--gp",
        "siloed",
        "--social-worker",
        "siloed",
        "--seeds",
        "1",
        "--save-dir",
        "files",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["replay", "files/cold_winter-0.session.ron"]);
    assert_eq!(code, 0, "{err}");
    // A name that is neither a file nor a case says which cases there are.
    let (code, out, _) = run(&["validate", "home_from_hosptial"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("the id of a shipped case: a_neighbour_worries"),
        "{out}"
    );
}
