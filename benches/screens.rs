//! `cargo bench --bench screens`: how long the window takes to rebuild a screen from the
//! simulation's state (the screens are rebuilt whenever something changes).
//!
//! Measures building the entity tree for the play and debrief screens in a window-less app,
//! with the simulation's systems running. Layout and text shaping happen later, in the
//! renderer's own systems, and are not included; the tour's frame times (BENCHMARKS.md) cover
//! the whole frame.

mod common;

use bevy::prelude::*;
use common::time;
use joined_up::sim::{Act, Role, SimPlugin};
use joined_up::ui::{Dirty, Launch, Library, Screen, UiCommand, UiPlugin};

fn send(app: &mut App, c: UiCommand) {
    app.world_mut().write_message(c);
    app.update();
    app.update();
}

fn main() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SimPlugin))
        .add_plugins(UiPlugin {
            launch: Launch::default(),
        });
    app.update();
    let index = app
        .world()
        .resource::<Library>()
        .entries
        .iter()
        .position(|e| e.path.ends_with("home_from_hospital.scenario.ron"))
        .expect("the starter scenario is in the library");
    send(&mut app, UiCommand::Pick(index));
    send(&mut app, UiCommand::Solo(Role::Gp));
    send(&mut app, UiCommand::Begin);
    send(
        &mut app,
        UiCommand::Do(Act::Assess {
            patient: "mr_hale".into(),
        }),
    );
    println!("Joined Up screen rebuilds, scenario home_from_hospital");
    time("rebuild the play screen (one frame)", 200, || {
        app.world_mut().resource_mut::<Dirty>().0 = true;
        app.update();
    });
    send(&mut app, UiCommand::Compose(Some("mr_hale".into()), None));
    time(
        "rebuild the play screen with the composer open",
        200,
        || {
            app.world_mut().resource_mut::<Dirty>().0 = true;
            app.update();
        },
    );
    time("a frame with nothing to rebuild", 200, || {
        app.update();
    });
    // Play to the end for the debrief.
    send(&mut app, UiCommand::CloseDraft);
    for _ in 0..400 {
        if *app.world().resource::<State<Screen>>().get() == Screen::Debrief {
            break;
        }
        send(&mut app, UiCommand::Do(Act::EndTurn));
        for _ in 0..60 {
            app.update();
        }
    }
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Debrief
    );
    time("rebuild the debrief screen (scores the log)", 100, || {
        app.world_mut().resource_mut::<Dirty>().0 = true;
        app.update();
    });
}
