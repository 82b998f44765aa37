//! The facilitator's guide: every shipped case has one, `joined-up guide` prints it for each,
//! and a case without one, or a broken file, is handled as a tutor would expect.

use std::path::Path;

use crate::cli::joined_up;
use crate::common::shipped;

fn shipped_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".scenario.ron").map(str::to_owned)
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_shipped_case_has_a_whole_guide_for_a_45_and_45_minute_session() {
    let ids = shipped_ids();
    assert!(ids.len() >= 11);
    for id in ids {
        let s = shipped(&id);
        let f = s
            .get()
            .facilitator
            .as_ref()
            .unwrap_or_else(|| panic!("{id} has no facilitator section"));
        for (what, n) in [
            ("background", f.background.len()),
            ("pathway", f.pathway.len()),
            ("common_errors", f.common_errors.len()),
            ("timing", f.timing.len()),
            ("questions", f.questions.len()),
        ] {
            assert!(n >= 2, "{id}: {what} has {n} entries");
        }
        let total: u32 = f.timing.iter().map(|t| t.minutes).sum();
        assert_eq!(total, 90, "{id}: a 45 + 45 minute session");
    }
}

#[test]
fn the_guide_prints_for_every_shipped_case_as_html_and_markdown() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("guides");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for id in shipped_ids() {
        let scenario = format!("scenarios/{id}.scenario.ron");
        let out = dir.join(format!("{id}.html"));
        let r = joined_up(&["guide", &scenario, "--out", out.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{id}: {}", r.stderr);
        let html = std::fs::read_to_string(&out).unwrap();
        let s = shipped(&id);
        let f = s.get().facilitator.clone().unwrap();
        for section in [
            "The two roles",
            "The caseload",
            "Objectives and barriers",
            "Background: the law and practice",
            "The model pathway",
            "Common errors",
            "Timing (90 minutes)",
            "What to ask, and when",
            "Discussion prompts",
        ] {
            assert!(html.contains(section), "{id}: no {section}");
        }
        // Both briefings are in it (the tutor sees both), and every pathway step.
        let esc = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;")
        };
        assert!(html.contains(&esc(&s.get().roles.gp.briefing)), "{id}");
        assert!(
            html.contains(&esc(&s.get().roles.social_worker.briefing)),
            "{id}"
        );
        for step in &f.pathway {
            assert!(html.contains(&esc(step)), "{id}: {step}");
        }
        assert!(!html.contains("<script"), "{id}");
        // Never overwrites without --force.
        let again = joined_up(&["guide", &scenario, "--out", out.to_str().unwrap()]);
        assert_eq!(again.code, 1, "{id}");
        assert!(again.stderr.contains("already exists"), "{}", again.stderr);
        let md = joined_up(&["guide", &scenario, "--format", "md"]);
        assert_eq!(md.code, 0);
        assert!(md.stdout.starts_with("# Facilitator's guide: "), "{id}");
        assert!(md.stdout.contains("## The model pathway"), "{id}");
    }
}

#[test]
fn a_case_without_a_guide_still_prints_its_parts_and_says_what_is_missing() {
    let r = joined_up(&["guide", "tests/data/minimal.scenario.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("no `facilitator` section"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout
            .contains("This case has no facilitator section yet"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Mrs A"), "the caseload is still there");
    let broken = joined_up(&["guide", "tests/broken/missing_comma.ron"]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains("tests/broken/missing_comma.ron:"),
        "{}",
        broken.stderr
    );
}

#[test]
fn a_broken_facilitator_section_is_positioned() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/minimal.scenario.ron"
    ))
    .unwrap()
    .replacen(
        "    barriers: [Logistics],",
        "    facilitator: (timing: [(minutes: 0, what: \"Play\"), (minutes: 10, what: \" \")], pathwy: []),\n    barriers: [Logistics],",
        1,
    );
    let e = joined_up::scenario::load_bytes("f.ron", src.as_bytes()).unwrap_err();
    assert!(e[0].message.contains("unknown field `pathwy`"), "{e:?}");
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `pathway`?"));
    let src = src.replace(", pathwy: []", "");
    let e = joined_up::scenario::load_bytes("f.ron", src.as_bytes()).unwrap_err();
    let lines: Vec<String> = e.iter().map(|d| d.headline()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("f.ron:9:") && l.contains("0 minutes is outside 1 to 180")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with("timing step is empty")),
        "{lines:#?}"
    );
    // In a format-1 file the section is a format-2 feature.
    let old = src.replace("format: 2,", "format: 1,");
    let e = joined_up::scenario::load_bytes("f.ron", old.as_bytes()).unwrap_err();
    assert!(
        e.iter()
            .any(|d| d.message == "`facilitator` needs format 2; this file is format 1"),
        "{e:?}"
    );
}
