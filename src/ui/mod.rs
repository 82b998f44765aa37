//! The game window: a front end over the simulation. Screens read the simulation's state and
//! write the same `PlayerAction` messages the computer players write.

use std::process::ExitCode;

use bevy::prelude::*;

use crate::cli::PlayArgs;

/// Opens the window and runs until it is closed.
pub fn run(_args: PlayArgs) -> ExitCode {
    let exit = App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Joined Up".into(),
                ..default()
            }),
            ..default()
        }))
        .add_plugins((crate::sim::SimPlugin, crate::scenario::plugin))
        .add_systems(Startup, title)
        .run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::from(1),
    }
}

fn title(mut commands: Commands) {
    commands.spawn(Camera2d);
    commands.spawn((
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            ..default()
        },
        children![
            (Text::new("Joined Up"), TextFont::from_font_size(64.0)),
            (
                Text::new(
                    "A GP and a social worker, one caseload: collaborate, don't hand over the wall."
                ),
                TextFont::from_font_size(24.0),
            ),
        ],
    ));
}
