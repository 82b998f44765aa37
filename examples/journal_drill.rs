//! A drill for the journal under `kill -9` (tests/it/journal.rs runs it): plays a session
//! between two computer players in a Bevy app with the same `SimPlugin` and `JournalPlugin` the
//! window uses, one action a frame, slowly, printing `stepped N` once the simulation has taken
//! its Nth action and before the journal writes it. The test kills it at random moments and
//! checks what the journal kept.
//!
//! `journal_drill SCENARIO JOURNAL SEED [PAUSE_MS]`

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use bevy::prelude::*;
use joined_up::bots::{ComputerSeat, PolicyKind};
use joined_up::session::journal::{Header, Journal, JournalPlugin, JournalWriter, journal_actions};
use joined_up::session::{Player, Players};
use joined_up::sim::{ActionRecord, Clock, Role, SimPlugin, SimSystems, start_session};

fn announce(record: Res<ActionRecord>, mut seen: Local<usize>) {
    if record.0.len() != *seen {
        *seen = record.0.len();
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "stepped {}", record.0.len());
        let _ = out.flush();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, scenario, journal, seed, rest @ ..] = args.as_slice() else {
        eprintln!("usage: journal_drill SCENARIO JOURNAL SEED [PAUSE_MS]");
        std::process::exit(2);
    };
    let seed: u64 = seed.parse().expect("a seed");
    let pause = Duration::from_millis(rest.first().map_or(3, |p| p.parse().expect("milliseconds")));
    let scenario =
        joined_up::scenario::load_file(&PathBuf::from(scenario)).expect("a valid scenario");
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SimPlugin, JournalPlugin))
        .add_systems(
            Update,
            announce.after(SimSystems::Step).before(journal_actions),
        );
    start_session(app.world_mut(), &scenario, None, seed).expect("the session starts");
    let players = Players {
        gp: Player::Computer(PolicyKind::Collaborative),
        social_worker: Player::Computer(PolicyKind::Siloed),
    };
    let header = Header::new(&scenario, None, None, seed, players);
    let j = Journal::create(&PathBuf::from(journal), &header).expect("the journal opens");
    app.insert_resource(JournalWriter::new(j));
    let mut seats = [
        ComputerSeat::new(PolicyKind::Collaborative, Role::Gp, seed),
        ComputerSeat::new(PolicyKind::Siloed, Role::SocialWorker, seed),
    ];
    while !app.world().resource::<Clock>().is_over() {
        let mut acted = false;
        for seat in &mut seats {
            if let Some(a) = seat.next(app.world()) {
                app.world_mut().write_message(a);
                app.update();
                acted = true;
                std::thread::sleep(pause);
            }
        }
        assert!(acted, "the session stopped making progress");
    }
    println!("finished");
}
