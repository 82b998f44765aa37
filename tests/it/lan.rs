//! LAN play. The host's logic is driven directly (seats, what each client is sent, rejoining,
//! the facilitator), then over loopback: a host and computer players in one process (as
//! bevy_replicon's own tests do), and real `host` and `join` processes on 127.0.0.1.

use joined_up::net::{Command, Down, HostState, SeatRequest, Up};
use joined_up::scenario::ValidScenario;
use joined_up::sim::{Act, Intervention, Role};

use crate::common::shipped;

fn hello(room: usize, seat: SeatRequest, token: Option<u64>) -> Up {
    Up::Hello {
        room,
        seat,
        token,
        computer: None,
    }
}

fn token_of(answers: &[(u64, Down)], to: u64) -> u64 {
    answers
        .iter()
        .find_map(|(c, d)| match d {
            Down::Welcome(w) if *c == to => Some(w.token),
            _ => None,
        })
        .expect("a welcome")
}

fn refused(answers: &[(u64, Down)], to: u64) -> Option<String> {
    answers.iter().find_map(|(c, d)| match d {
        Down::Refused(why) if *c == to => Some(why.clone()),
        _ => None,
    })
}

/// A case with an event the facilitator may fire, written to `dir`.
fn with_offered_event(dir: &std::path::Path) -> (ValidScenario, std::path::PathBuf) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/minimal.scenario.ron"))
        .unwrap()
        .replacen(
            "effects: [Notice(\"A call.\"), RevealFact(fact: \"a_home\", to: \"gp\")]),",
            "effects: [Notice(\"A call.\"), RevealFact(fact: \"a_home\", to: \"gp\")]),\n        (id: \"storm\", when: At(day: 3, half: Pm), facilitator: true, effects: [Notice(\"A storm cuts the phone lines.\")]),",
            1,
        );
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("storm.scenario.ron");
    std::fs::write(&path, &text).unwrap();
    (joined_up::scenario::load_file(&path).unwrap(), path)
}

#[test]
fn the_host_names_the_seat_and_a_client_cannot_act_for_another() {
    let s = shipped("home_from_hospital");
    let mut host = HostState::new(&s, None, None, 3, 1, None).unwrap();
    let (gp, sw, stranger, fac) = (1, 2, 3, 4);
    host.handle(gp, hello(0, SeatRequest::Gp, None), 0);
    host.handle(sw, hello(0, SeatRequest::SocialWorker, None), 0);
    host.handle(fac, hello(0, SeatRequest::Facilitator, None), 0);
    // The GP's connection asks for social work's own decision: it is stepped as the GP's
    // action (and refused by the simulation for the GP), never as the social worker's.
    host.handle(
        gp,
        Up::Act(Act::OpenEnquiry {
            need: "ashby_finances".into(),
        }),
        0,
    );
    let played = host.played(0).unwrap();
    assert!(
        played.actions.iter().all(|a| a.role == Role::Gp),
        "{:?}",
        played.actions
    );
    // No seat, no action; the facilitator's seat does not act either; both are logged.
    let a = host.handle(stranger, Up::Act(Act::EndTurn), 0);
    assert!(refused(&a, stranger).unwrap().contains("no seat"));
    let a = host.handle(fac, Up::Act(Act::EndTurn), 0);
    assert!(refused(&a, fac).is_some());
    assert_eq!(host.played(0).unwrap().actions.len(), 1);
    assert!(
        host.log.iter().any(|l| l.contains("acted without a seat")),
        "{:?}",
        host.log
    );
    // A seat that is taken is refused to anyone else.
    let a = host.handle(stranger, hello(0, SeatRequest::Gp, None), 0);
    assert!(refused(&a, stranger).unwrap().contains("taken"));
    // Only the facilitator gives commands.
    let a = host.handle(
        gp,
        Up::Command {
            room: 0,
            command: Command::Pause,
        },
        0,
    );
    assert!(refused(&a, gp).unwrap().contains("only the facilitator"));
}

#[test]
fn each_client_is_sent_only_its_own_roles_view() {
    let s = shipped("home_from_hospital");
    let def = s.get();
    let mut host = HostState::new(&s, None, None, 3, 1, None).unwrap();
    let mut sent: Vec<(u64, Down)> = Vec::new();
    sent.extend(host.handle(1, hello(0, SeatRequest::Gp, None), 0));
    sent.extend(host.handle(2, hello(0, SeatRequest::SocialWorker, None), 0));
    // Each finds out things the other does not know.
    sent.extend(host.handle(
        1,
        Up::Act(Act::Assess {
            patient: "mr_hale".into(),
        }),
        0,
    ));
    sent.extend(host.handle(
        2,
        Up::Act(Act::HomeVisit {
            patient: "mr_hale".into(),
        }),
        0,
    ));
    for _ in 0..2 {
        sent.extend(host.handle(1, Up::Act(Act::EndTurn), 0));
        sent.extend(host.handle(2, Up::Act(Act::EndTurn), 0));
    }
    // Who knows what, from the last view each was sent.
    let last_view = |to: u64| {
        sent.iter()
            .rev()
            .find_map(|(c, d)| match d {
                Down::View(v) if *c == to => Some(v.view.clone()),
                _ => None,
            })
            .unwrap()
    };
    let facts = |v: &joined_up::sim::RoleView| -> std::collections::BTreeSet<String> {
        v.patients
            .iter()
            .flat_map(|p| p.facts.iter().map(|f| f.text.clone()))
            .collect()
    };
    let (gp_knows, sw_knows) = (facts(&last_view(1)), facts(&last_view(2)));
    let gp_only: Vec<&String> = gp_knows.difference(&sw_knows).collect();
    let sw_only: Vec<&String> = sw_knows.difference(&gp_knows).collect();
    assert!(
        !gp_only.is_empty() && !sw_only.is_empty(),
        "{gp_only:?} {sw_only:?}"
    );
    // What was actually sent to each, serialised as it goes on the wire.
    let wire = |to: u64| -> String {
        sent.iter()
            .filter(|(c, _)| *c == to)
            .map(|(_, d)| serde_json::to_string(d).unwrap())
            .collect()
    };
    let (to_gp, to_sw) = (wire(1), wire(2));
    for f in &sw_only {
        assert!(!to_gp.contains(&json_text(f)), "sent to the GP: {f}");
    }
    for f in &gp_only {
        assert!(
            !to_sw.contains(&json_text(f)),
            "sent to the social worker: {f}"
        );
    }
    // Nor the other's briefing.
    assert!(!to_gp.contains(&json_text(&def.roles.social_worker.briefing)));
    assert!(!to_sw.contains(&json_text(&def.roles.gp.briefing)));
    assert!(to_gp.contains(&json_text(&def.roles.gp.briefing)));
}

fn json_text(s: &str) -> String {
    let q = serde_json::to_string(s).unwrap();
    q[1..q.len() - 1].to_owned()
}

#[test]
fn a_player_who_drops_out_rejoins_their_own_seat_and_nobody_takes_it_meanwhile() {
    let s = shipped("home_from_hospital");
    let mut host = HostState::new(&s, None, None, 3, 1, None).unwrap();
    let a = host.handle(1, hello(0, SeatRequest::Gp, None), 0);
    let token = token_of(&a, 1);
    host.handle(
        1,
        Up::Act(Act::Assess {
            patient: "mr_hale".into(),
        }),
        0,
    );
    host.disconnected(1);
    // The session goes on; the seat is held.
    assert!(host.overview()[0].seats[0].1.contains("away"));
    let a = host.handle(5, hello(0, SeatRequest::Gp, None), 0);
    assert!(refused(&a, 5).unwrap().contains("held for its player"));
    let a = host.handle(5, hello(0, SeatRequest::Gp, Some(token ^ 1)), 0);
    assert!(refused(&a, 5).is_some(), "a wrong token");
    // Back, on a new connection, with its token: the same seat, nothing lost.
    let a = host.handle(6, hello(0, SeatRequest::Gp, Some(token)), 0);
    assert_eq!(token_of(&a, 6), token);
    host.handle(6, Up::Act(Act::EndTurn), 0);
    let played = host.played(0).unwrap();
    assert_eq!(played.actions.len(), 2);
    // The facilitator can release a seat for good.
    host.handle(9, hello(0, SeatRequest::Facilitator, None), 0);
    host.handle(
        9,
        Up::Command {
            room: 0,
            command: Command::Release(Role::Gp),
        },
        0,
    );
    let a = host.handle(7, hello(0, SeatRequest::Gp, None), 0);
    assert!(refused(&a, 7).is_none(), "{a:?}");
}

#[test]
fn the_facilitator_pauses_fires_an_offered_event_and_hints_and_the_file_replays() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lan-facilitator");
    let _ = std::fs::remove_dir_all(&dir);
    let (s, path) = with_offered_event(&dir);
    assert!(s.get().events.iter().any(|e| e.facilitator));
    let mut host = HostState::new(&s, Some(&path), None, 2, 1, Some(&dir)).unwrap();
    let (gp, sw, fac) = (1, 2, 3);
    host.handle(gp, hello(0, SeatRequest::Gp, None), 0);
    host.handle(sw, hello(0, SeatRequest::SocialWorker, None), 0);
    let a = host.handle(fac, hello(0, SeatRequest::Facilitator, None), 0);
    let welcome = a.iter().find_map(|(_, d)| match d {
        Down::Welcome(w) => Some(w.clone()),
        _ => None,
    });
    assert_eq!(welcome.unwrap().offered[0].0, "storm");
    // Paused: nobody acts.
    host.handle(
        fac,
        Up::Command {
            room: 0,
            command: Command::Pause,
        },
        0,
    );
    let a = host.handle(gp, Up::Act(Act::EndTurn), 0);
    assert!(refused(&a, gp).unwrap().contains("paused"));
    host.handle(
        fac,
        Up::Command {
            room: 0,
            command: Command::Resume,
        },
        0,
    );
    host.handle(gp, Up::Act(Act::EndTurn), 0);
    // An event the case does not offer is refused; the offered one fires now.
    let a = host.handle(
        fac,
        Up::Command {
            room: 0,
            command: Command::Intervene(Intervention::Inject {
                event: "call".into(),
            }),
        },
        0,
    );
    assert!(refused(&a, fac).unwrap().contains("does not offer"));
    host.handle(
        fac,
        Up::Command {
            room: 0,
            command: Command::Intervene(Intervention::Inject {
                event: "storm".into(),
            }),
        },
        0,
    );
    let a = host.handle(
        fac,
        Up::Command {
            room: 0,
            command: Command::Intervene(Intervention::Hint {
                role: Role::SocialWorker,
                text: "Who else knows Mrs A?".into(),
            }),
        },
        0,
    );
    // The hint reaches the social worker's view, not the GP's.
    let view_of = |to: u64| {
        a.iter().find_map(|(c, d)| match d {
            Down::View(v) if *c == to => Some(v.view.clone()),
            _ => None,
        })
    };
    assert!(
        view_of(sw)
            .unwrap()
            .notices
            .iter()
            .any(|(_, n)| n.contains("Who else knows Mrs A?"))
    );
    assert!(
        !view_of(gp)
            .unwrap()
            .notices
            .iter()
            .any(|(_, n)| n.contains("Who else knows"))
    );
    // Play to the end: the session file keeps the interventions, replays, and the debrief marks
    // them.
    for _ in 0..20 {
        host.handle(gp, Up::Act(Act::EndTurn), 0);
        host.handle(sw, Up::Act(Act::EndTurn), 0);
    }
    assert!(host.all_finished());
    let saved = host.saved();
    assert_eq!(saved.len(), 1);
    let r = crate::cli::joined_up(&["replay", saved[0].to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = crate::cli::joined_up(&["debrief", saved[0].to_str().unwrap(), "--format", "md"]);
    assert!(
        r.stdout
            .contains("FACILITATOR: fired the case's event storm"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("FACILITATOR's hint: Who else knows Mrs A?"),
        "{}",
        r.stdout
    );
    // No journal is left once the room is saved.
    assert!(joined_up::session::journal::journals(&dir).is_empty());
}

#[test]
fn a_flood_from_one_client_is_bounded() {
    let s = shipped("home_from_hospital");
    let mut host = HostState::new(&s, None, None, 3, 1, None).unwrap();
    host.handle(1, hello(0, SeatRequest::Gp, None), 0);
    for _ in 0..5_000 {
        host.handle(
            1,
            Up::Act(Act::LookUp {
                contact: "x".into(),
            }),
            7,
        );
    }
    let taken = host.played(0).unwrap().actions.len();
    assert!(
        taken <= joined_up::net::host::MOST_PER_SECOND as usize,
        "{taken}"
    );
    // The next second, the client is heard again.
    host.handle(1, Up::Act(Act::EndTurn), 8);
    assert_eq!(host.played(0).unwrap().actions.len(), taken + 1);
}

/// Over loopback, in one process: a host app and two computer players' apps, as bevy_replicon
/// tests its own plugins. The networked session is the local one, action for action.
#[cfg(feature = "lan")]
#[test]
fn over_loopback_a_room_of_computer_players_plays_the_local_session() {
    use joined_up::bots::PolicyKind;
    use joined_up::net::transport;
    use joined_up::session::play;
    let s = shipped("cold_winter");
    let state = HostState::new(&s, None, None, 11, 1, None).unwrap();
    let mut h = transport::headless_app();
    let addr = transport::host(&mut h, state, 0).unwrap();
    let server = std::net::SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port());
    let mut clients = Vec::new();
    for (seat, kind) in [
        (SeatRequest::Gp, PolicyKind::Collaborative),
        (SeatRequest::SocialWorker, PolicyKind::Siloed),
    ] {
        let mut c = transport::headless_app();
        transport::join(&mut c, server, 0, seat, Some(kind), None).unwrap();
        c.finish();
        c.cleanup();
        clients.push(c);
    }
    h.finish();
    h.cleanup();
    let start = std::time::Instant::now();
    loop {
        h.update();
        for c in &mut clients {
            c.update();
        }
        let done = clients
            .iter()
            .all(|c| c.world().resource::<transport::NetClient>().over.is_some());
        if done {
            break;
        }
        assert!(
            start.elapsed().as_secs() < 120,
            "the networked session did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let net = h
        .world()
        .resource::<transport::NetHost>()
        .0
        .played(0)
        .unwrap();
    let local = play(&s, None, 11, PolicyKind::Collaborative, PolicyKind::Siloed).unwrap();
    assert_eq!(
        net.actions, local.actions,
        "the same choices, in the same order"
    );
    assert_eq!(net.score.total, local.score.total);
    let over = clients[0]
        .world()
        .resource::<transport::NetClient>()
        .over
        .clone()
        .unwrap();
    assert_eq!(over.total, local.score.total);
    assert!(over.debrief.contains("Reactions: what happened"));
}

/// Real processes on 127.0.0.1: `joined-up host --headless` and `joined-up join --bot`.
#[cfg(feature = "lan")]
mod processes {
    use std::path::{Path, PathBuf};
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    const BIN: &str = env!("CARGO_BIN_EXE_joined-up");

    fn free_port() -> u16 {
        std::net::UdpSocket::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }

    fn dir(name: &str) -> PathBuf {
        let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("lan")
            .join(name);
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn host(case: &str, port: u16, seed: u64, saves: &Path) -> Child {
        Command::new(BIN)
            .args([
                "host",
                case,
                "--headless",
                "--port",
                &port.to_string(),
                "--seed",
                &seed.to_string(),
                "--save-dir",
            ])
            .arg(saves)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn bot(port: u16, seat: &str, kind: &str, config: &Path) -> Child {
        paced(port, seat, kind, config, 0)
    }

    fn paced(port: u16, seat: &str, kind: &str, config: &Path, ms: u64) -> Child {
        Command::new(BIN)
            .args([
                "join",
                &format!("127.0.0.1:{port}"),
                "--seat",
                seat,
                "--bot",
                kind,
                "--pace",
                &ms.to_string(),
            ])
            .env("JOINED_UP_CONFIG_DIR", config)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Waits for a process, killing it (and failing) after `secs`.
    fn finish(mut c: Child, secs: u64, what: &str) -> (i32, String, String) {
        let start = Instant::now();
        while c.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(secs) {
                let _ = c.kill();
                let out = c.wait_with_output().unwrap();
                panic!(
                    "{what} did not finish in {secs} s:\n{}\n{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = c.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn local_total(case: &str, seed: u64) -> i64 {
        let r = crate::cli::joined_up(&[
            "simulate",
            case,
            "--gp",
            "collaborative",
            "--social-worker",
            "siloed",
            "--first-seed",
            &seed.to_string(),
            "--seeds",
            "1",
            "--json",
        ]);
        let v: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
        v["total"].as_i64().unwrap()
    }

    fn saved(saves: &Path) -> PathBuf {
        std::fs::read_dir(saves)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with(".session.ron"))
            .expect("the host saved the session")
    }

    #[test]
    fn a_room_of_two_computer_players_over_the_network_is_the_local_session() {
        let d = dir("full");
        let port = free_port();
        let h = host("home_from_hospital", port, 21, &d.join("saves"));
        std::thread::sleep(Duration::from_millis(300));
        let gp = bot(port, "gp", "collaborative", &d.join("gp"));
        let sw = bot(port, "social-worker", "siloed", &d.join("sw"));
        let (code, out, err) = finish(gp, 120, "the GP");
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(finish(sw, 60, "the social worker").0, 0);
        let (code, hout, herr) = finish(h, 60, "the host");
        assert_eq!(code, 0, "{hout}{herr}");
        let file = saved(&d.join("saves"));
        let total = local_total("home_from_hospital", 21);
        assert!(
            out.contains(&format!("team total {total:+}")),
            "networked: {out}; local: {total:+}"
        );
        let r = crate::cli::joined_up(&["replay", file.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stdout.contains("sealed on this computer"),
            "signed by this host: {}",
            r.stdout
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("gp: Computer(collaborative)"),
            "who played: {text:.600}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_client_killed_mid_session_rejoins_its_seat_and_the_session_finishes() {
        let d = dir("rejoin");
        let port = free_port();
        let h = host("cold_winter", port, 4, &d.join("saves"));
        std::thread::sleep(Duration::from_millis(300));
        // Slow players, so the session is long enough to interrupt.
        let mut gp = paced(port, "gp", "collaborative", &d.join("gp"), 40);
        let sw = paced(port, "social-worker", "siloed", &d.join("sw"), 40);
        let start = Instant::now();
        while std::fs::read_dir(d.join("gp/seats")).map_or(0, |d| d.count()) == 0 {
            assert!(start.elapsed().as_secs() < 30, "the GP never took its seat");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(600));
        // SIGKILL, mid-session.
        gp.kill().unwrap();
        let _ = gp.wait();
        std::thread::sleep(Duration::from_millis(500));
        // Someone else cannot take the held seat.
        let thief = bot(port, "gp", "random", &d.join("thief"));
        let (code, _, err) = finish(thief, 60, "the other client");
        assert_eq!(code, 1);
        // (Until the host notices the connection is gone the seat reads as taken; after, as
        // held for its player. Either way it is not the thief's.)
        assert!(
            err.contains("held for its player") || err.contains("is taken"),
            "{err}"
        );
        // The same player, restarted: its token rejoins its seat.
        let gp = paced(port, "gp", "collaborative", &d.join("gp"), 5);
        assert_eq!(finish(gp, 120, "the rejoined GP").0, 0);
        assert_eq!(finish(sw, 60, "the social worker").0, 0);
        let (code, _, _) = finish(h, 60, "the host");
        assert_eq!(code, 0);
        let r = crate::cli::joined_up(&["replay", saved(&d.join("saves")).to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }

    #[cfg(unix)]
    #[test]
    fn a_host_killed_mid_session_and_started_again_carries_on_and_the_seats_rejoin() {
        let d = dir("host-crash");
        let port = free_port();
        let saves = d.join("saves");
        let mut h = host("cold_winter", port, 6, &saves);
        std::thread::sleep(Duration::from_millis(300));
        let mut gp = paced(port, "gp", "collaborative", &d.join("gp"), 40);
        let mut sw = paced(port, "social-worker", "siloed", &d.join("sw"), 40);
        // Wait for some play to be journalled.
        let start = Instant::now();
        let kept = loop {
            let n = joined_up::session::journal::journals(&saves)
                .first()
                .and_then(|j| joined_up::session::journal::recover(j).ok())
                .map_or(0, |r| r.actions().len());
            if n >= 8 {
                break n;
            }
            assert!(start.elapsed().as_secs() < 60, "no play was journalled");
            std::thread::sleep(Duration::from_millis(20));
        };
        // SIGKILL the host mid-session; the laptops lose it.
        h.kill().unwrap();
        let _ = h.wait();
        let journal = joined_up::session::journal::journals(&saves)[0].clone();
        let at_crash = joined_up::session::journal::recover(&journal)
            .unwrap()
            .actions();
        assert!(at_crash.len() >= kept);
        gp.kill().unwrap();
        sw.kill().unwrap();
        let _ = (gp.wait(), sw.wait());
        // The same host again: it carries on; the same laptops take their seats back.
        let h = host("cold_winter", port, 6, &saves);
        std::thread::sleep(Duration::from_millis(300));
        let thief = bot(port, "gp", "random", &d.join("thief"));
        let (code, _, err) = finish(thief, 60, "another client");
        assert_eq!(code, 1);
        assert!(err.contains("held for its player"), "{err}");
        let gp = paced(port, "gp", "collaborative", &d.join("gp"), 0);
        let sw = paced(port, "social-worker", "siloed", &d.join("sw"), 0);
        let (code, out, err) = finish(gp, 120, "the rejoined GP");
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(finish(sw, 60, "the rejoined social worker").0, 0);
        let (code, hout, herr) = finish(h, 60, "the host started again");
        assert_eq!(code, 0, "{hout}{herr}");
        assert!(hout.contains("room 0: carried on from"), "{hout}");
        let file = saved(&saves);
        let r = crate::cli::joined_up(&["replay", file.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let played = joined_up::session::SessionFile::read(&file).unwrap();
        assert_eq!(
            played.actions[..at_crash.len()],
            at_crash[..],
            "everything journalled before the crash is in the file"
        );
        assert!(joined_up::session::journal::journals(&saves).is_empty());
    }

    #[test]
    fn the_host_survives_bad_packets_and_a_flooding_client() {
        use joined_up::net::{SeatRequest, Up, transport};
        let d = dir("hostile");
        let port = free_port();
        let h = host("home_from_hospital", port, 8, &d.join("saves"));
        std::thread::sleep(Duration::from_millis(300));
        // Garbage datagrams.
        let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let mut x: u32 = 7;
        for n in 0..2_000usize {
            let len = n % 1_300;
            let junk: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (x >> 16) as u8
                })
                .collect();
            let _ = s.send_to(&junk, ("127.0.0.1", port));
        }
        // A facilitator that floods the host with actions it may not take.
        let mut flood = transport::headless_app();
        transport::join(
            &mut flood,
            ([127, 0, 0, 1], port).into(),
            0,
            SeatRequest::Facilitator,
            None,
            None,
        )
        .unwrap();
        flood.finish();
        flood.cleanup();
        let gp = bot(port, "gp", "collaborative", &d.join("gp"));
        let sw = bot(port, "social-worker", "siloed", &d.join("sw"));
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(4) {
            flood.update();
            if flood
                .world()
                .resource::<transport::NetClient>()
                .welcome
                .is_some()
            {
                for _ in 0..500 {
                    flood
                        .world_mut()
                        .write_message(Up::Act(joined_up::sim::Act::EndTurn));
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        drop(flood);
        assert_eq!(finish(gp, 120, "the GP").0, 0);
        assert_eq!(finish(sw, 60, "the social worker").0, 0);
        let (code, out, err) = finish(h, 60, "the host");
        assert_eq!(code, 0, "{out}{err}");
        assert!(!err.contains("panicked"), "{err}");
    }

    #[test]
    fn a_facilitator_pauses_a_room_and_fires_an_event_over_the_network() {
        use joined_up::net::{Command, SeatRequest, Up, transport};
        use joined_up::sim::Intervention;
        let d = dir("facilitator");
        let (_, case) = super::with_offered_event(&d);
        let port = free_port();
        let h = host(case.to_str().unwrap(), port, 3, &d.join("saves"));
        std::thread::sleep(Duration::from_millis(300));
        let mut fac = transport::headless_app();
        transport::join(
            &mut fac,
            ([127, 0, 0, 1], port).into(),
            0,
            SeatRequest::Facilitator,
            None,
            None,
        )
        .unwrap();
        fac.finish();
        fac.cleanup();
        let start = Instant::now();
        while fac
            .world()
            .resource::<transport::NetClient>()
            .welcome
            .is_none()
        {
            assert!(
                start.elapsed().as_secs() < 30,
                "the facilitator was not welcomed"
            );
            fac.update();
            std::thread::sleep(Duration::from_millis(5));
        }
        let offered = fac
            .world()
            .resource::<transport::NetClient>()
            .welcome
            .clone()
            .unwrap()
            .offered;
        assert_eq!(offered[0].0, "storm");
        fac.world_mut().write_message(Up::Command {
            room: 0,
            command: Command::Pause,
        });
        let gp = bot(port, "gp", "collaborative", &d.join("gp"));
        let sw = bot(port, "social-worker", "siloed", &d.join("sw"));
        // While paused, nothing is played.
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(2) {
            fac.update();
            std::thread::sleep(Duration::from_millis(5));
        }
        let watch = fac
            .world()
            .resource::<transport::NetClient>()
            .overview
            .clone();
        assert!(watch[0].paused, "{watch:?}");
        assert_eq!(watch[0].half_day, "Day 1 AM", "{watch:?}");
        fac.world_mut().write_message(Up::Command {
            room: 0,
            command: Command::Intervene(Intervention::Inject {
                event: "storm".into(),
            }),
        });
        fac.world_mut().write_message(Up::Command {
            room: 0,
            command: Command::Resume,
        });
        let t = Instant::now();
        while fac
            .world()
            .resource::<transport::NetClient>()
            .over
            .is_none()
        {
            assert!(t.elapsed().as_secs() < 120, "the room did not finish");
            fac.update();
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(finish(gp, 60, "the GP").0, 0);
        assert_eq!(finish(sw, 60, "the social worker").0, 0);
        assert_eq!(finish(h, 60, "the host").0, 0);
        let file = saved(&d.join("saves"));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("Inject(event: \"storm\")"), "{text:.2000}");
        let r = crate::cli::joined_up(&[
            "replay",
            file.to_str().unwrap(),
            "--scenario",
            case.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let over = fac
            .world()
            .resource::<transport::NetClient>()
            .over
            .clone()
            .unwrap();
        assert!(
            over.debrief
                .contains("FACILITATOR: fired the case's event storm")
        );
    }
}

#[test]
fn a_seats_self_assessment_goes_into_the_hosts_file_before_play_and_after_the_end() {
    use joined_up::self_assessment::Phase;
    let s = shipped("home_from_hospital");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lan-answers");
    let _ = std::fs::remove_dir_all(&dir);
    let mut host = HostState::new(&s, None, None, 2, 1, Some(&dir)).unwrap();
    let a = host.handle(1, hello(0, SeatRequest::Gp, None), 0);
    let item = a
        .iter()
        .find_map(|(_, d)| match d {
            Down::Welcome(w) => Some(w.instrument.items[0].id.clone()),
            _ => None,
        })
        .expect("the welcome carries the instrument");
    host.handle(2, hello(0, SeatRequest::SocialWorker, None), 0);
    let answer = |phase, value| Up::Answer {
        phase,
        item: item.clone(),
        value,
    };
    assert!(refused(&host.handle(1, answer(Phase::Before, 2), 0), 1).is_none());
    // Off the scale, an unknown statement, or from the facilitator: refused with the reason.
    assert!(
        refused(&host.handle(1, answer(Phase::Before, 9), 0), 1)
            .unwrap()
            .contains("scale")
    );
    let unknown = Up::Answer {
        phase: Phase::Before,
        item: "no_such_statement".into(),
        value: 3,
    };
    assert!(
        refused(&host.handle(1, unknown, 0), 1)
            .unwrap()
            .contains("no statement")
    );
    host.handle(3, hello(0, SeatRequest::Facilitator, None), 0);
    assert!(refused(&host.handle(3, answer(Phase::Before, 3), 0), 3).is_some());
    // Both seats end every half-day: the room finishes and is saved.
    let mut guard = 0;
    while host.saved().is_empty() {
        host.handle(1, Up::Act(Act::EndTurn), 0);
        host.handle(2, Up::Act(Act::EndTurn), 0);
        guard += 1;
        assert!(guard < 100, "the room never finished");
    }
    // An answer after the end is kept too: the file is written again.
    host.handle(1, answer(Phase::After, 5), 1);
    let file = joined_up::session::SessionFile::read(&host.saved()[0]).unwrap();
    let gp = file
        .self_assessment
        .as_ref()
        .and_then(|a| a.gp.clone())
        .unwrap();
    assert_eq!(gp.phase(Phase::Before).get(&item), Some(&2));
    assert_eq!(gp.phase(Phase::After).get(&item), Some(&5));
    assert!(file.self_assessment.unwrap().social_worker.is_none());
    // The report beside it.
    assert!(
        host.saved()[0]
            .with_file_name("home_from_hospital-room0-seed2.report.html")
            .exists()
    );
}

/// The journal of room 0 in `dir` (the only one there).
fn room_journal(dir: &std::path::Path) -> std::path::PathBuf {
    let j = joined_up::session::journal::journals(dir);
    assert_eq!(j.len(), 1, "{j:?}");
    j[0].clone()
}

#[test]
fn a_host_started_again_after_a_crash_carries_on_each_room_from_its_journal() {
    use joined_up::self_assessment::Phase;
    let s = shipped("home_from_hospital");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lan-carry-on");
    let _ = std::fs::remove_dir_all(&dir);
    let patient = s.get().patients[0].id.clone();
    let offered = s
        .get()
        .events
        .iter()
        .find(|e| e.facilitator)
        .expect("the case offers an event")
        .id
        .clone();
    let (gp, sw, fac) = (1, 2, 3);
    let (before, interventions, answers, tokens) = {
        let mut host = HostState::new(&s, None, None, 5, 1, Some(&dir)).unwrap();
        let a = host.handle(gp, hello(0, SeatRequest::Gp, None), 0);
        let item = a
            .iter()
            .find_map(|(_, d)| match d {
                Down::Welcome(w) => Some(w.instrument.items[0].id.clone()),
                _ => None,
            })
            .unwrap();
        let gp_token = token_of(&a, gp);
        let a = host.handle(sw, hello(0, SeatRequest::SocialWorker, None), 0);
        let sw_token = token_of(&a, sw);
        host.handle(fac, hello(0, SeatRequest::Facilitator, None), 0);
        host.handle(
            gp,
            Up::Answer {
                phase: Phase::Before,
                item,
                value: 4,
            },
            0,
        );
        for act in [
            Act::Assess {
                patient: patient.clone(),
            },
            Act::AskAround {
                patient: patient.clone(),
            },
            Act::EndTurn,
        ] {
            host.handle(gp, Up::Act(act), 0);
        }
        host.handle(
            fac,
            Up::Command {
                room: 0,
                command: Command::Intervene(Intervention::Inject {
                    event: offered.clone(),
                }),
            },
            0,
        );
        host.handle(
            fac,
            Up::Command {
                room: 0,
                command: Command::Intervene(Intervention::Hint {
                    role: Role::SocialWorker,
                    text: "Who else has seen him this week?".into(),
                }),
            },
            0,
        );
        host.handle(
            sw,
            Up::Act(Act::HomeVisit {
                patient: patient.clone(),
            }),
            0,
        );
        host.handle(sw, Up::Act(Act::EndTurn), 0);
        let played = host.played(0).unwrap();
        assert_eq!(played.interventions.len(), 2);
        (
            played,
            played_interventions(&host),
            host.answers(0).unwrap().clone(),
            (gp_token, sw_token),
        )
        // The host stops here without saving anything: only its journal is left.
    };
    let journal = room_journal(&dir);
    // A record half-written when the power went.
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&journal)
            .unwrap();
        f.write_all(b"0123456789abcdef {\"Act\":{\"slot\":")
            .unwrap();
    }

    let mut host = HostState::new(&s, None, None, 5, 1, Some(&dir)).unwrap();
    let after = host.played(0).unwrap();
    assert_eq!(after.actions, before.actions);
    assert_eq!(after.interventions, interventions);
    assert_eq!(after.log.entries, before.log.entries);
    assert_eq!(after.score.total, before.score.total);
    assert_eq!(host.answers(0).unwrap(), &answers);
    assert_eq!(host.carried_on, vec![(0, before.actions.len())]);
    assert!(
        host.log
            .iter()
            .any(|l| l.contains("carried on") && l.contains("cut off mid-write")),
        "{:?}",
        host.log
    );
    // The seats are held for their players: a stranger is refused, the GP's token rejoins.
    let a = host.handle(9, hello(0, SeatRequest::Gp, None), 0);
    assert!(refused(&a, 9).unwrap().contains("held for its player"));
    let a = host.handle(10, hello(0, SeatRequest::Gp, Some(tokens.0)), 0);
    assert_eq!(token_of(&a, 10), tokens.0);
    let a = host.handle(11, hello(0, SeatRequest::SocialWorker, Some(tokens.1)), 0);
    assert_eq!(token_of(&a, 11), tokens.1);
    // Play goes on from where it was, into the same journal, and to a file that replays.
    let mut guard = 0;
    while host.saved().is_empty() {
        host.handle(10, Up::Act(Act::EndTurn), 0);
        host.handle(11, Up::Act(Act::EndTurn), 0);
        guard += 1;
        assert!(guard < 100, "the room never finished");
    }
    let file = &host.saved()[0];
    let r = crate::cli::joined_up(&["replay", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let kept = joined_up::session::SessionFile::read(file).unwrap();
    assert_eq!(
        kept.actions[..before.actions.len()],
        before.actions[..],
        "nothing played before the crash is lost"
    );
    assert!(joined_up::session::journal::journals(&dir).is_empty());
}

fn played_interventions(host: &HostState) -> Vec<(usize, Intervention)> {
    host.played(0).unwrap().interventions
}

#[test]
fn a_journal_of_another_version_of_the_case_stops_the_host_rather_than_be_overwritten() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lan-carry-on-other");
    let _ = std::fs::remove_dir_all(&dir);
    let (s, path) = with_offered_event(&dir.join("case"));
    let saves = dir.join("saves");
    {
        let mut host = HostState::new(&s, Some(&path), None, 1, 1, Some(&saves)).unwrap();
        host.handle(1, hello(0, SeatRequest::Gp, None), 0);
        host.handle(1, Up::Act(Act::EndTurn), 0);
    }
    let journal = room_journal(&saves);
    let before = std::fs::read(&journal).unwrap();
    // The author edits the case (same id, new text) and the host is started again.
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "A storm cuts the phone lines.",
        "A storm cuts the power.",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let edited = joined_up::scenario::load_file(&path).unwrap();
    let Err(e) = HostState::new(&edited, Some(&path), None, 1, 1, Some(&saves)) else {
        panic!("the host started over an earlier room's journal");
    };
    assert!(e.contains("another version") && e.contains("hint:"), "{e}");
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        before,
        "the journal is kept"
    );
    // The version it was played with carries on.
    let host = HostState::new(&s, Some(&path), None, 1, 1, Some(&saves)).unwrap();
    assert_eq!(host.played(0).unwrap().actions.len(), 1);
}
