//! `cargo bench`: how long the work behind each command takes, on this machine.
//!
//! A plain timing harness (no extra crates): each case runs a warm-up, then `n` timed runs, and
//! prints the median, fastest and mean. Figures and the machine they came from are kept in
//! BENCHMARKS.md; compare against them on the same machine only.

use std::hint::black_box;
use std::path::Path;

mod common;

use common::{time, time_per};
use joined_up::bots::PolicyKind;
use joined_up::debrief::{Debrief, to_html};
use joined_up::scenario::load_file;
use joined_up::session::{Headless, play, play_in};
use joined_up::sim::{Act, Catalog, Role, Seat};
use joined_up::simulate::{Pairing, run_seeds};

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/home_from_hospital.scenario.ron");
    let s = load_file(&path).expect("the starter scenario loads");
    println!("Joined Up benchmarks, scenario {}", s.get().id);

    time("load and validate the starter scenario", 200, || {
        black_box(load_file(&path).unwrap());
    });
    for (gp, sw) in [
        (PolicyKind::Collaborative, PolicyKind::Collaborative),
        (PolicyKind::Siloed, PolicyKind::Siloed),
        (PolicyKind::Random, PolicyKind::Random),
    ] {
        let mut seed = 0;
        time(&format!("one whole session, {gp} + {sw}"), 50, || {
            seed += 1;
            black_box(play(&s, None, seed, gp, sw).unwrap());
        });
    }
    let mut h = Headless::new();
    let mut seed = 0;
    time("  the same, in a world reused across sessions", 200, || {
        seed += 1;
        black_box(
            play_in(
                &mut h,
                &s,
                None,
                seed,
                PolicyKind::Collaborative,
                PolicyKind::Collaborative,
            )
            .unwrap(),
        );
    });
    // The simulation alone, without computer players choosing: a recorded session's actions
    // replayed, step by step.
    let recorded = play(
        &s,
        None,
        1,
        PolicyKind::Collaborative,
        PolicyKind::Collaborative,
    )
    .unwrap();
    let n = recorded.actions.len() as u32;
    time_per(
        &format!("one step (mean of a replayed session's {n})"),
        200,
        n,
        || {
            h.start(&s, None, 1).unwrap();
            for a in &recorded.actions {
                let _ = h.act(Seat::assign(a.role).act(a.act.clone()));
            }
        },
    );
    let slots = s.get().days * 2;
    time_per(
        "one half-day resolved (both end their turn)",
        200,
        slots,
        || {
            h.start(&s, None, 1).unwrap();
            for _ in 0..slots {
                for r in Role::BOTH {
                    let _ = h.act_as(r, Act::EndTurn);
                }
            }
        },
    );
    time("start a session (world reused)", 500, || {
        h.start(&s, None, 1).unwrap();
    });
    let view_role = Role::SocialWorker;
    h.start(&s, None, 1).unwrap();
    for a in recorded.actions.iter().take(recorded.actions.len() / 2) {
        let _ = h.act(Seat::assign(a.role).act(a.act.clone()));
    }
    time("a role's view, half-way through a session", 1000, || {
        black_box(h.view(view_role));
    });
    let played = play(&s, None, 1, PolicyKind::Collaborative, PolicyKind::Siloed).unwrap();
    let catalog = Catalog::new(s.shared());
    time(
        &format!("score a log of {} entries", played.log.entries.len()),
        1000,
        || {
            black_box(joined_up::scoring::score(&played.log.entries, &catalog));
        },
    );
    time("build and render the HTML debrief", 200, || {
        let d = Debrief::new(&s, None, 1, ["a".into(), "b".into()], &played);
        black_box(to_html(&d));
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    time(
        &format!("simulate 100 seeds on {cores} cores (collaborative)"),
        5,
        || {
            let p = Pairing::new(PolicyKind::Collaborative, PolicyKind::Collaborative);
            black_box(run_seeds(&s, None, p, 0..100, false, &|| {}).unwrap());
        },
    );
    time(
        &format!("simulate 1000 seeds on {cores} cores (collaborative)"),
        5,
        || {
            let p = Pairing::new(PolicyKind::Collaborative, PolicyKind::Collaborative);
            black_box(run_seeds(&s, None, p, 0..1000, false, &|| {}).unwrap());
        },
    );
    if let Some(mib) = peak_rss_mib() {
        println!("peak memory (resident) of this benchmark process: {mib:.1} MiB");
    }
}
