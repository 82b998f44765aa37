//! The desktop window around the screens: Bevy's default plugins, a camera, drawing only when
//! something changes, and closing the window the way the Quit button does.

use std::process::ExitCode;

use bevy::prelude::*;

use super::game::{Game, Mode};
use super::session::SeatsNow;
use super::{Dirty, Launch, Screen, UiCommand, UiPlugin, reload, strings, widgets, zoom};
use crate::sim::SessionPhase;

/// Why no window can open here, if that can be told before trying: on Linux and the BSDs a
/// window needs an X11 or Wayland display, and without one the windowing library would panic.
pub fn no_display() -> Option<String> {
    let unix_desktop = cfg!(all(
        unix,
        not(target_os = "macos"),
        not(target_os = "ios"),
        not(target_os = "android")
    ));
    let has = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    (unix_desktop && !has("DISPLAY") && !has("WAYLAND_DISPLAY")).then(|| {
        "error: no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the game window cannot open\n  \
         hint: run it on a desktop; on a server use the subcommands that need no window \
         (`joined-up validate`, `simulate`, `debrief`, `guide`, `cohort`; `joined-up --help` lists them), \
         or start a virtual display: `xvfb-run -a joined-up`"
            .to_owned()
    })
}

/// Opens the window and runs until it is closed.
pub fn run(launch: Launch) -> ExitCode {
    if let Some(problem) = no_display() {
        eprintln!("{problem}");
        return ExitCode::from(1);
    }
    let mut app = App::new();
    // Each scenario folder is an asset source, so edits to its files reach the picker.
    reload::register_sources(&mut app, launch.scenario.as_deref());
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: strings::GAME_NAME.into(),
                    ..default()
                }),
                // Closing the window goes through Quit, which saves a session in progress.
                close_when_requested: false,
                ..default()
            })
            .set(AssetPlugin {
                watch_for_changes_override: Some(true),
                ..default()
            }),
    )
    .add_plugins(bevy::input_focus::tab_navigation::TabNavigationPlugin)
    .add_systems(PreStartup, use_full_font)
    .add_systems(
        Update,
        (
            widgets::scroll_columns,
            widgets::scroll_to_focus,
            close_means_quit,
        ),
    )
    // Draw only when something changes (input, a pending screen, the computer colleague at
    // work): a school laptop's fan and battery are spared while a student reads. Once a second
    // it looks anyway, so an author's edit in another window shows promptly.
    .insert_resource(bevy::winit::WinitSettings {
        focused_mode: bevy::winit::UpdateMode::reactive(std::time::Duration::from_secs(1)),
        unfocused_mode: bevy::winit::UpdateMode::reactive_low_power(
            std::time::Duration::from_secs(1),
        ),
    })
    .add_systems(Last, keep_awake)
    .add_plugins((crate::sim::SimPlugin, crate::scenario::plugin))
    .add_plugins(UiPlugin { launch })
    .add_plugins((reload::plugin, zoom::plugin))
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    #[cfg(feature = "dev")]
    app.add_plugins(super::tour::plugin);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::from(1),
    }
}

/// Asks for another frame while there is work the player is waiting for.
fn keep_awake(
    next: Res<NextState<Screen>>,
    next_phase: Option<Res<NextState<SessionPhase>>>,
    screen: Res<State<Screen>>,
    phase: Option<Res<State<SessionPhase>>>,
    game: Res<Game>,
    seats: SeatsNow,
    dirty: Res<Dirty>,
    appearing: Query<(), With<widgets::Appear>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let pending = !matches!(*next, NextState::Unchanged)
        || next_phase.is_some_and(|n| !matches!(*n, NextState::Unchanged));
    let playing =
        *screen.get() == Screen::Play && phase.is_some_and(|p| *p.get() == SessionPhase::Playing);
    let partner_busy = match game.mode {
        Mode::Solo(me) => playing && !seats.ended(me.other()),
        Mode::Hotseat => false,
    };
    let animating = !appearing.is_empty();
    if pending || partner_busy || animating || dirty.0 {
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// The window's close button quits the same way the Quit button does.
fn close_means_quit(
    mut closing: MessageReader<bevy::window::WindowCloseRequested>,
    mut out: MessageWriter<UiCommand>,
) {
    if closing.read().count() > 0 {
        out.write(UiCommand::Quit);
    }
}

/// Bevy's built-in font is a subset without `£`, which the budget and every care package's
/// price need: DejaVu Sans Mono (assets/fonts, Bitstream Vera licence) takes its place as the
/// default, compiled in so the game needs no asset folder to read.
fn use_full_font(mut fonts: ResMut<Assets<Font>>) {
    let font = Font::from_bytes(include_bytes!("../../assets/fonts/DejaVuSansMono.ttf").to_vec());
    if let Err(e) = fonts.insert(AssetId::default(), font) {
        warn!("could not replace the default font: {e}");
    }
}
