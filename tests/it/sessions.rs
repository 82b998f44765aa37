//! Session files, `simulate`, `replay` and `debrief`: saved sessions reproduce, altered ones
//! are refused with a clear message, and the debrief carries the whole story in every format.

use std::path::{Path, PathBuf};

use joined_up::bots::PolicyKind;
use joined_up::debrief::{Debrief, to_html, to_markdown};
use joined_up::scenario::sha256_hex;
use joined_up::session::file::{Key, SEAL};
use joined_up::session::{Player, Players, Seal, SessionFile, SessionFileError, play};

use crate::cli::joined_up;
use crate::common::shipped;

const STARTER: &str = "scenarios/home_from_hospital.scenario.ron";

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    // Each run starts clean: outputs are never overwritten without --force.
    let _ = std::fs::remove_file(&path);
    path
}

fn saved(seed: u64, gp: PolicyKind, sw: PolicyKind) -> SessionFile {
    let s = shipped("home_from_hospital");
    let p = play(&s, Some("integrated"), seed, gp, sw).unwrap();
    SessionFile::new(
        &s,
        Some(Path::new(STARTER)),
        Some("integrated"),
        seed,
        Players {
            gp: Player::Computer(gp),
            social_worker: Player::Computer(sw),
        },
        &p,
    )
}

/// A key for the tests (not this installation's).
fn key() -> Key {
    Key::from_secret([7; 32])
}

/// Re-seals edited content with `key`, as someone holding the key could.
fn reseal(text: &str, key: &Key) -> String {
    let body = &text[..text.rfind(SEAL).unwrap()];
    format!("{body}{SEAL}{} {}\n", key.id(), key.seal(body.as_bytes()))
}

#[test]
fn a_session_file_round_trips_and_is_readable() {
    let f = saved(4, PolicyKind::Collaborative, PolicyKind::Siloed);
    let text = f.to_text_sealed(&key());
    assert!(text.starts_with("// Joined Up session file."));
    assert!(text.contains("format: 3,"));
    assert!(text.contains("gp: Computer(collaborative)"));
    assert!(
        text.contains("(slot: 0, role: Gp, act: "),
        "one action per line"
    );
    assert!(text.lines().last().unwrap().starts_with(SEAL));
    assert_eq!(
        SessionFile::from_text_with("x", &text, Some(&key())),
        Ok((f.clone(), Seal::Here))
    );
    let path = scratch("round_trip.session.ron");
    f.write(&path).unwrap();
    assert_eq!(
        SessionFile::read_sealed(&path),
        Ok((f, Seal::Here)),
        "sealed and checked with this installation's key"
    );
    // The atomic write leaves no temporary file behind.
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn altered_files_are_refused() {
    let k = key();
    let text = saved(1, PolicyKind::Collaborative, PolicyKind::Collaborative).to_text_sealed(&k);
    let read = |t: &str| SessionFile::from_text_with("s", t, Some(&k));
    // One changed character.
    let edited = text.replacen("seed: 1,", "seed: 2,", 1);
    assert_eq!(
        read(&edited),
        Err(SessionFileError::Tampered { path: "s".into() })
    );
    // Who played, changed and re-checksummed with a plain SHA-256, as anyone could (the
    // outside test's forgery): the seal is keyed, so it is refused.
    let forged = text.replacen("gp: Computer(collaborative)", "gp: Person", 1);
    let body = &forged[..forged.rfind(SEAL).unwrap()];
    let forged = format!("{body}{SEAL}{} {}\n", k.id(), sha256_hex(body.as_bytes()));
    assert_eq!(
        read(&forged),
        Err(SessionFileError::Tampered { path: "s".into() })
    );
    // The old plain checksum line is not a seal at all.
    let old = format!("{body}// sha256: {}\n", sha256_hex(body.as_bytes()));
    assert_eq!(
        read(&old),
        Err(SessionFileError::Unsealed { path: "s".into() })
    );
    // Cut short, anywhere.
    for cut in [10, text.len() / 2, text.len() - 5] {
        assert_eq!(
            read(&text[..cut]),
            Err(SessionFileError::NoChecksum { path: "s".into() }),
            "cut at {cut}"
        );
    }
    assert_eq!(
        read(""),
        Err(SessionFileError::NoChecksum { path: "s".into() })
    );
    // Resealed after editing by someone with the key: the content itself is still checked.
    for (other, found) in [("format: 4,", 4), ("format: 2,", 2)] {
        let text = reseal(&text.replacen("format: 3,", other, 1), &k);
        assert_eq!(
            read(&text),
            Err(SessionFileError::Format {
                path: "s".into(),
                found
            })
        );
    }
    let broken = reseal(&text.replacen("seed: 1,", "seed: one,", 1), &k);
    match read(&broken) {
        Err(SessionFileError::Syntax { line, column, .. }) => {
            let l = broken.lines().nth(line - 1).unwrap();
            assert!(l.contains("seed: one"), "line {line}: {l}");
            assert!(column > 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_file_sealed_elsewhere_is_read_and_says_so() {
    let f = saved(2, PolicyKind::Siloed, PolicyKind::Siloed);
    let theirs = Key::from_secret([9; 32]);
    let text = f.to_text_sealed(&theirs);
    // Here, with another key: it cannot be checked, and the reader is told.
    let (read, seal) = SessionFile::from_text_with("s", &text, Some(&key())).unwrap();
    assert_eq!(read, f);
    assert_eq!(seal, Seal::Elsewhere { key: theirs.id() });
    assert!(seal.to_string().contains("cannot be checked here"));
    // And on a computer with no key yet.
    let (_, seal) = SessionFile::from_text_with("s", &text, None).unwrap();
    assert!(matches!(seal, Seal::Elsewhere { .. }));
}

#[test]
fn replay_accepts_saved_sessions_and_refuses_altered_ones() {
    let dir = scratch("saved");
    let _ = std::fs::remove_dir_all(&dir);
    let r = joined_up(&[
        "simulate",
        STARTER,
        "--gp",
        "siloed",
        "--social-worker",
        "collaborative",
        "--seeds",
        "3",
        "--setting",
        "integrated",
        "--save-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    for f in &files {
        let r = joined_up(&["replay", f.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("the outcome matches"), "{}", r.stdout);
    }

    // Tampered.
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let tampered = scratch("tampered.session.ron");
    std::fs::write(&tampered, text.replacen("Respectful", "Dismissive", 1)).unwrap();
    let r = joined_up(&["replay", tampered.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("was changed after it was written"),
        "{}",
        r.stderr
    );

    // Truncated.
    let truncated = scratch("truncated.session.ron");
    std::fs::write(&truncated, &text[..text.len() / 3]).unwrap();
    let r = joined_up(&["replay", truncated.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("truncated"), "{}", r.stderr);

    // A different version of the scenario.
    let changed = scratch("changed.scenario.ron");
    let original =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(STARTER)).unwrap();
    std::fs::write(
        &changed,
        original.replacen("risk_per_day: 24", "risk_per_day: 25", 1),
    )
    .unwrap();
    let r = joined_up(&[
        "replay",
        files[0].to_str().unwrap(),
        "--scenario",
        changed.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("different version of scenario `home_from_hospital`"),
        "{}",
        r.stderr
    );

    // Resealed with a different action by someone holding this installation's key: the seal
    // holds, but the outcome is not the one recorded.
    let forged = scratch("forged.session.ron");
    let here = Key::existing().expect("the binary made this installation's key");
    let swapped = reseal(
        &text.replacen("framing: Neutral", "framing: Dismissive", 1),
        &here,
    );
    assert_ne!(swapped, text);
    std::fs::write(&forged, swapped).unwrap();
    let r = joined_up(&["replay", forged.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("did not reproduce"), "{}", r.stderr);

    // Missing file.
    let r = joined_up(&["replay", "no/such.session.ron"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot read the file"), "{}", r.stderr);
}

#[test]
fn simulate_json_is_the_same_for_the_same_seeds() {
    let args = [
        "simulate",
        STARTER,
        "--gp",
        "random",
        "--social-worker",
        "collaborative",
        "--seeds",
        "6",
        "--json",
    ];
    let a = joined_up(&args);
    let b = joined_up(&args);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout);
    let lines: Vec<serde_json::Value> = a
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    for (i, v) in lines.iter().enumerate() {
        assert_eq!(v["seed"], i as u64);
        assert!(v["total"].is_i64());
        assert!(v["crises"].is_u64());
        for k in [
            "values_ethics",
            "roles_responsibilities",
            "communication",
            "teams_teamwork",
        ] {
            assert!(v["domains"][k].is_i64(), "{k} in {v}");
        }
    }
    // --first-seed picks up the same sessions.
    let c = joined_up(&[
        "simulate",
        STARTER,
        "--gp",
        "random",
        "--social-worker",
        "collaborative",
        "--seeds",
        "2",
        "--first-seed",
        "4",
        "--json",
    ]);
    let tail: Vec<&str> = a.stdout.lines().skip(4).collect();
    assert_eq!(c.stdout.lines().collect::<Vec<_>>(), tail);
}

#[test]
fn simulate_prints_a_summary_and_checks_its_arguments() {
    let r = joined_up(&[
        "simulate",
        STARTER,
        "--gp",
        "siloed",
        "--social-worker",
        "siloed",
        "--seeds",
        "4",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for want in [
        "4 sessions (seeds 0–3)",
        "mean",
        "Total",
        "Teams and Teamwork",
        "Crises per session",
        "Most frequent penalties",
        "Cold referral",
    ] {
        assert!(r.stdout.contains(want), "{want} missing from\n{}", r.stdout);
    }
    let r = joined_up(&[
        "simulate",
        STARTER,
        "--gp",
        "siloed",
        "--social-worker",
        "siloed",
        "--seeds",
        "1",
        "--setting",
        "utopia",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no setting `utopia`"), "{}", r.stderr);
    assert!(r.stderr.contains("integrated"), "{}", r.stderr);
    let r = joined_up(&[
        "simulate",
        STARTER,
        "--gp",
        "kind",
        "--social-worker",
        "siloed",
        "--seeds",
        "1",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = joined_up(&[
        "simulate",
        STARTER,
        "--gp",
        "siloed",
        "--social-worker",
        "siloed",
        "--seeds",
        "0",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = joined_up(&[
        "simulate",
        "tests/broken/unknown_crisis.ron",
        "--gp",
        "siloed",
        "--social-worker",
        "siloed",
        "--seeds",
        "1",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(": error: "), "{}", r.stderr);
}

#[test]
fn the_debrief_tells_the_whole_story_in_every_format() {
    let s = shipped("home_from_hospital");
    let p = play(&s, None, 2, PolicyKind::Collaborative, PolicyKind::Siloed).unwrap();
    let d = Debrief::new(
        &s,
        None,
        2,
        ["a person".into(), "the siloed computer player".into()],
        &p,
    );
    let html = to_html(&d);
    let md = to_markdown(&d);
    let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();

    // Self-contained: no scripts, no links out.
    assert!(html.contains("<svg"));
    for banned in ["<script", "http://", "https://", "<link", "@import"] {
        let outside_svg_ns = html.replace("http://www.w3.org/2000/svg", "");
        assert!(!outside_svg_ns.contains(banned), "HTML has {banned}");
    }
    // A seminar in three phases, in order: reactions (no score yet), analysis, application.
    let phases = [
        "Reactions: what happened",
        "Ask first",
        "Analysis: why it happened",
        "The moments that mattered",
        "Who knew what, when",
        "Team score",
        "By competency domain",
        "The barriers this session met",
        "From the case's author",
        "Every scored item",
        "Timeline",
        "Application: what now",
        "Learning objectives",
        "Taking it into practice",
        "Self-assessment",
    ];
    let mut at = 0;
    for section in phases {
        let found = html[at..]
            .find(section)
            .unwrap_or_else(|| panic!("HTML lacks {section}, or has it out of order"));
        at += found;
        assert!(md.contains(section), "Markdown lacks {section}");
    }
    assert!(
        html.find("Team score") > html.find("Ask first"),
        "the score comes after the reactions"
    );
    for key in ["reactions", "moments", "knowledge", "roles", "application"] {
        assert!(!json[key].is_null(), "JSON lacks {key}");
    }
    // Every item, objective and prompt is in all three.
    for i in &p.score.items {
        let esc = i
            .explanation
            .replace('&', "&amp;")
            .replace('\'', "&#39;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(html.contains(&esc), "HTML lacks {}", i.explanation);
        assert!(
            md.contains(&i.explanation.replace('|', "\\|")),
            "MD lacks {}",
            i.explanation
        );
    }
    assert_eq!(json["items"].as_array().unwrap().len(), p.score.items.len());
    for o in &s.get().learning_objectives {
        assert!(md.contains(o.as_str()));
        assert!(
            json["scenario"]["learning_objectives"]
                .to_string()
                .contains(&o[..20])
        );
    }
    assert!(!s.get().discussion_prompts.is_empty());
    for q in &s.get().discussion_prompts {
        assert!(md.contains(q.as_str()));
    }
    // The numbers agree with the score.
    assert_eq!(json["score"]["total"], p.score.total);
    assert!(html.contains(&format!("{:+}", p.score.total)));
    assert!(md.contains(&format!("Team score: {:+}", p.score.total)));
    // Both roles' actions appear in the timeline, side by side.
    let timeline = json["timeline"].as_array().unwrap();
    assert!(
        timeline
            .iter()
            .any(|t| !t["gp"].as_array().unwrap().is_empty())
    );
    assert!(
        timeline
            .iter()
            .any(|t| !t["social_worker"].as_array().unwrap().is_empty())
    );
    // Every barrier the case declares is discussed, and at least one was met.
    let barriers = json["barriers"].as_array().unwrap();
    for b in &s.get().barriers {
        assert!(
            barriers.iter().any(|x| x["barrier"] == b.label()),
            "{} missing",
            b.label()
        );
    }
    assert!(
        barriers
            .iter()
            .any(|x| !x["met"].as_array().unwrap().is_empty())
    );
    // Crises, suffered or averted, each named with its outcome.
    let crises = json["crises"].as_array().unwrap();
    assert_eq!(
        crises.len(),
        s.get()
            .patients
            .iter()
            .map(|p| p.crises.len())
            .sum::<usize>()
    );
}

#[test]
fn the_debrief_command_writes_each_format() {
    let f = saved(0, PolicyKind::Collaborative, PolicyKind::Collaborative);
    let path = scratch("debrief.session.ron");
    f.write(&path).unwrap();
    let p = path.to_str().unwrap();
    let html = scratch("report.html");
    let r = joined_up(&["debrief", p, "--out", html.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>"));
    let r = joined_up(&["debrief", p, "--format", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# Debrief: Home from hospital"));
    let json = scratch("report.json");
    let r = joined_up(&["debrief", p, "--out", json.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["setting"], "integrated");
    // An existing report is never silently replaced, nor a link followed.
    let r = joined_up(&["debrief", p, "--out", json.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("already exists; it was left as it is"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    let r = joined_up(&["debrief", p, "--out", json.to_str().unwrap(), "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    #[cfg(unix)]
    {
        let target = scratch("precious.txt");
        std::fs::write(&target, "keep me").unwrap();
        let link = scratch("link.html");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let r = joined_up(&["debrief", p, "--out", link.to_str().unwrap()]);
        assert_eq!(r.code, 1, "a link is an existing file: {}", r.stderr);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    }
    // A tampered file gets no debrief.
    let bad = scratch("bad.session.ron");
    std::fs::write(&bad, f.to_text().unwrap().replacen("seed: 0", "seed: 9", 1)).unwrap();
    let r = joined_up(&["debrief", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
}
