//! The shipped scenarios, and the asset loader the window uses to read (and hot-reload) them.

use std::path::Path;

use bevy::asset::{AssetPlugin, LoadState};
use bevy::prelude::*;
use joined_up::scenario::{self, ScenarioFile};

#[test]
fn every_shipped_scenario_validates_without_warnings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = scenario::scenario_files(&dir).unwrap();
    assert!(!files.is_empty());
    for f in files {
        let s = scenario::load_file(&f).unwrap_or_else(|e| {
            panic!(
                "{}:\n{}",
                f.display(),
                e.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(
            s.warnings().is_empty(),
            "{}: {:?}",
            f.display(),
            s.warnings()
        );
        assert!(
            f.to_string_lossy().ends_with(".scenario.ron"),
            "{}",
            f.display()
        );
    }
}

fn load_through_bevy(path: &'static str) -> ScenarioFile {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        AssetPlugin {
            file_path: env!("CARGO_MANIFEST_DIR").to_owned(),
            ..default()
        },
    ))
    .add_plugins(scenario::plugin);
    let handle: Handle<ScenarioFile> = app.world().resource::<AssetServer>().load(path);
    for _ in 0..2000 {
        app.update();
        let state = app.world().resource::<AssetServer>().load_state(&handle);
        match state {
            LoadState::Loaded => {
                return app
                    .world()
                    .resource::<Assets<ScenarioFile>>()
                    .get(&handle)
                    .unwrap()
                    .clone();
            }
            LoadState::Failed(e) => panic!("{path} failed to load: {e}"),
            _ => std::thread::sleep(std::time::Duration::from_millis(2)),
        }
    }
    panic!("{path} did not load");
}

#[test]
fn the_asset_loader_uses_the_same_parser_and_validator() {
    let good = load_through_bevy("scenarios/home_from_hospital.scenario.ron");
    let s = good.result.expect("the starter scenario loads as an asset");
    assert_eq!(s.get().id, "home_from_hospital");
    let direct = scenario::load_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/home_from_hospital.scenario.ron"),
    )
    .unwrap();
    assert_eq!(s.hash(), direct.hash());

    let bad = load_through_bevy("tests/broken/unknown_sign.ron");
    let errors = bad
        .result
        .expect_err("a broken file loads as its diagnostics");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "unknown fact `a_histroy`");
    assert_eq!(errors[0].path, "tests/broken/unknown_sign.ron");
}

/// Every shipped case is seminar-ready (objectives, prompts, 20–60 minutes) and playable in a
/// walled and an integrated borough through setting overrides, not copies.
#[test]
fn every_shipped_case_is_seminar_ready_in_both_boroughs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let all: Vec<_> = scenario::scenario_files(&dir)
        .unwrap()
        .iter()
        .map(|f| scenario::load_file(f).unwrap())
        .collect();
    assert!(!all.is_empty());
    let mut ids: Vec<&str> = all.iter().map(|s| s.get().id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "scenario ids must be unique");
    for s in &all {
        let sc = s.get();
        assert!(
            (20..=60).contains(&sc.play_minutes),
            "{}: {} minutes",
            sc.id,
            sc.play_minutes
        );
        assert!(!sc.learning_objectives.is_empty(), "{}", sc.id);
        assert!(!sc.discussion_prompts.is_empty(), "{}", sc.id);
        assert!(!sc.barriers.is_empty(), "{}", sc.id);
        let walled = s.setting(Some("walled")).unwrap();
        let integrated = s.setting(Some("integrated")).unwrap();
        assert!(
            !walled.shared_record && !walled.pooled_budget && !walled.liaison,
            "{}: the walled setting must have separate records and budgets",
            sc.id
        );
        assert!(
            integrated.shared_record && integrated.pooled_budget && integrated.liaison,
            "{}: the integrated setting must have a shared record, pooled budget and named liaison",
            sc.id
        );
    }
}

/// The library: at least six cases which together teach every one of the nine barriers at
/// least twice, so an educator can show each in more than one situation.
#[test]
fn the_library_teaches_every_barrier_at_least_twice() {
    use joined_up::scenario::Barrier;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let all: Vec<_> = scenario::scenario_files(&dir)
        .unwrap()
        .iter()
        .map(|f| scenario::load_file(f).unwrap())
        .collect();
    assert!(all.len() >= 6, "only {} scenarios", all.len());
    for b in Barrier::ALL {
        let teaching: Vec<&str> = all
            .iter()
            .filter(|s| s.get().barriers.contains(&b))
            .map(|s| s.get().id.as_str())
            .collect();
        assert!(teaching.len() >= 2, "{b:?} is taught only by {teaching:?}");
    }
}
