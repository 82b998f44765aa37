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
                    // In a browser: the page's canvas, filling it.
                    canvas: cfg!(target_arch = "wasm32").then(|| "#joined-up".to_owned()),
                    fit_canvas_to_parent: true,
                    prevent_default_event_handling: true,
                    ..default()
                }),
                // Closing the window goes through Quit, which saves a session in progress.
                close_when_requested: false,
                ..default()
            })
            .set(AssetPlugin {
                // Following edits to scenario files needs files (not in a browser).
                watch_for_changes_override: Some(cfg!(not(target_arch = "wasm32"))),
                meta_check: bevy::asset::AssetMetaCheck::Never,
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
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Update, set_icon);
    app.add_systems(Update, title_follows_screen);
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

/// The game's typeface: Atkinson Hyperlegible (assets/fonts, SIL Open Font Licence), drawn by
/// the Braille Institute to stay legible for readers with low vision, which a projector at the
/// back of a seminar room makes of everyone. It has `£` and full typographic punctuation, which
/// Bevy's built-in subset lacks. The regular weight becomes the default font; the bold one sets
/// the headings apart. Both are compiled in, so the game needs no asset folder to read.
fn use_full_font(mut fonts: ResMut<Assets<Font>>, mut commands: Commands) {
    let regular = Font::from_bytes(
        include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Regular.ttf").to_vec(),
    );
    if let Err(e) = fonts.insert(AssetId::default(), regular) {
        warn!("could not replace the default font: {e}");
    }
    let bold = Font::from_bytes(
        include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Bold.ttf").to_vec(),
    );
    commands.insert_resource(widgets::HeadingFont(fonts.add(bold)));
}

/// The window's title says which screen is showing ("Joined Up: Debrief"), for a person with
/// several windows open, and for the browser build's tests, which read the page's title.
fn title_follows_screen(
    screen: Res<State<Screen>>,
    mut windows: Query<&mut Window, With<bevy::window::PrimaryWindow>>,
) {
    if !screen.is_changed() {
        return;
    }
    let title = format!("{}: {:?}", strings::GAME_NAME, screen.get());
    // In a browser the page's own title, which winit leaves alone.
    #[cfg(target_arch = "wasm32")]
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(&title);
    }
    for mut w in &mut windows {
        w.title = title.clone();
    }
}

/// The window's icon: two overlapping rings, the GP's and the social worker's (assets/icon.png).
#[cfg(not(target_arch = "wasm32"))]
fn set_icon(
    _main_thread: bevy::ecs::system::NonSendMarker,
    windows: Query<Entity, Added<bevy::window::PrimaryWindow>>,
) {
    for window in &windows {
        let Some(icon) = icon() else { return };
        bevy::winit::WINIT_WINDOWS.with_borrow(|ww| {
            if let Some(w) = ww.get_window(window) {
                w.set_window_icon(Some(icon.clone()));
            }
        });
    }
}

/// The icon's pixels, decoded from the PNG compiled into the program.
#[cfg(not(target_arch = "wasm32"))]
fn icon() -> Option<winit::window::Icon> {
    let decoder = png::Decoder::new(std::io::Cursor::new(
        &include_bytes!("../../assets/icon.png")[..],
    ));
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    buf.truncate(info.buffer_size());
    winit::window::Icon::from_rgba(buf, info.width, info.height).ok()
}
