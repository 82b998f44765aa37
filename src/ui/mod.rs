//! The game window: a front end over the simulation. Screens read the simulation's state and
//! write the same [`PlayerAction`] messages the computer players write.
//!
//! Layout of this module:
//! - [`Screen`]: the screens, as Bevy states;
//! - [`UiCommand`]: everything a button or a key can ask for, as one message type, so the flow
//!   can be driven (and tested) without a mouse;
//! - `widgets`: the blocks screens are made of, keyboard focus and the colour palette;
//! - `screens` and `play`: each screen built from the current state (rebuilt whenever it
//!   changes: the screens are dense text, and a rebuild costs well under a frame);
//! - `compose`: the message composer's draft;
//! - `saves`: saving a session to finish later and resuming it;
//! - `reload`: the picker follows edits to scenario files (Bevy asset hot reload);
//! - `strings`: every player-facing string that does not come from the scenario.

pub mod compose;
pub mod play;
pub mod reload;
pub mod saves;
mod screens;
pub mod strings;
pub mod widgets;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use bevy::prelude::*;

use crate::bots::{Policy, PolicyKind};
use crate::cli::PlayArgs;
use crate::scenario::{self, Diagnostic, ValidScenario};
use crate::session::{MAX_ACTIONS_PER_TURN, Recorded};
use crate::sim::{
    Act, Clock, EventLog, LogKind, PlayerAction, Role, RoleView, SessionPhase, SimSystems,
};

/// Opens the window and runs until it is closed.
pub fn run(args: PlayArgs) -> ExitCode {
    let mut app = App::new();
    // Each scenario folder is an asset source, so edits to its files reach the picker.
    reload::register_sources(&mut app, args.scenario.as_deref());
    let exit = app
        .add_plugins(
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
        .add_systems(
            Update,
            (
                widgets::scroll_columns,
                widgets::scroll_to_focus,
                close_means_quit,
                scale_text,
            ),
        )
        // Draw only when something changes (input, a pending screen, the computer colleague
        // at work): a school laptop's fan and battery are spared while a student reads. Once a
        // second it looks anyway, so an author's edit in another window shows promptly.
        .insert_resource(bevy::winit::WinitSettings {
            focused_mode: bevy::winit::UpdateMode::reactive(std::time::Duration::from_secs(1)),
            unfocused_mode: bevy::winit::UpdateMode::reactive_low_power(
                std::time::Duration::from_secs(1),
            ),
        })
        .add_systems(Last, keep_awake)
        .add_plugins((crate::sim::SimPlugin, crate::scenario::plugin))
        .add_plugins(UiPlugin { args })
        .add_plugins(reload::plugin)
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::from(1),
    }
}

/// The player's text size setting (1 = as designed), changed with `+` and `-`.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct TextZoom(pub f32);

impl Default for TextZoom {
    fn default() -> Self {
        TextZoom(1.0)
    }
}

/// The screens are designed for 1280x720; a bigger window (a projector) gets bigger text, a
/// smaller one smaller text, both times the player's own setting.
pub fn window_scale(width: f32, height: f32) -> f32 {
    (width / 1280.0).min(height / 720.0).clamp(0.75, 2.0)
}

fn scale_text(
    zoom: Option<Res<TextZoom>>,
    windows: Query<&Window, With<bevy::window::PrimaryWindow>>,
    mut scale: ResMut<UiScale>,
) {
    let user = zoom.map_or(1.0, |z| z.0);
    let fit = windows
        .single()
        .map_or(1.0, |w| window_scale(w.width(), w.height()));
    let want = (user * fit).clamp(0.6, 4.0);
    if (scale.0 - want).abs() > f32::EPSILON {
        scale.0 = want;
    }
}

/// Asks for another frame while there is work the player is waiting for.
#[allow(clippy::too_many_arguments)] // one parameter per kind of pending work
fn keep_awake(
    next: Res<NextState<Screen>>,
    next_phase: Option<Res<NextState<SessionPhase>>>,
    screen: Res<State<Screen>>,
    phase: Option<Res<State<SessionPhase>>>,
    game: Res<Game>,
    views: ViewsNow,
    tour: Option<Res<Tour>>,
    dirty: Res<Dirty>,
    appearing: Query<(), With<widgets::Appear>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let pending = !matches!(*next, NextState::Unchanged)
        || next_phase.is_some_and(|n| !matches!(*n, NextState::Unchanged));
    let playing =
        *screen.get() == Screen::Play && phase.is_some_and(|p| *p.get() == SessionPhase::Playing);
    let partner_busy = match game.mode {
        Mode::Solo(me) => playing && !views.ended(me.other()),
        Mode::Hotseat => false,
    };
    let animating = !appearing.is_empty();
    let waiting = pending || partner_busy || animating || dirty.0 || !game.resuming.is_empty();
    if waiting || tour.is_some() {
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

/// The screens.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Picker,
    Setup,
    Briefing,
    Play,
    /// Between two people's turns in hotseat play: hides one role's view from the other.
    Handover,
    /// The pause menu: resume, save to finish later, leave.
    Paused,
    /// Saved sessions, to continue one.
    Saved,
    Debrief,
}

/// What a button or a key asks for.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum UiCommand {
    Go(Screen),
    /// Choose the scenario at this index of the library.
    Pick(usize),
    /// Choose the setting (`None`: as written).
    Setting(Option<String>),
    /// Solo play as this role, with a collaborative computer colleague.
    Solo(Role),
    Hotseat,
    Begin,
    Select(String),
    /// A player action for the role at the keyboard.
    Do(Act),
    ContinueHandover,
    /// Hotseat: the GP has read their briefing; hand over for the social worker's.
    BriefNext,
    /// Show the debrief's timeline (or go back to the score).
    Timeline(bool),
    /// Open the composer for a message about a patient (and one of their needs).
    Compose(Option<String>, Option<String>),
    /// Change one thing in the message being written.
    Edit(compose::Edit),
    CloseDraft,
    /// Save the session file and the report.
    Save,
    /// Continue the session saved in this file.
    Resume(PathBuf),
    /// Text and buttons larger (+1) or smaller (-1), for a projector or a small laptop.
    Zoom(i8),
    Quit,
}

/// The scenarios found, valid or not.
#[derive(Resource, Default)]
pub struct Library {
    pub entries: Vec<LibraryEntry>,
}

pub struct LibraryEntry {
    pub path: PathBuf,
    pub scenario: Result<ValidScenario, Vec<Diagnostic>>,
    /// The file was edited and reloaded while the game was open.
    pub reloaded: bool,
}

impl Library {
    /// Every `*.ron` in the shipped `scenarios` folder and the user's own folder
    /// (`~/.joined-up/scenarios`), in name order.
    pub fn scan(extra: Option<PathBuf>) -> Library {
        let mut entries = Vec::new();
        for f in Library::folders() {
            for path in scenario::scenario_files(&f).unwrap_or_default() {
                entries.push(LibraryEntry {
                    scenario: scenario::load_file(&path),
                    path,
                    reloaded: false,
                });
            }
        }
        if let Some(path) = extra
            && !entries.iter().any(|e| e.path == path)
        {
            entries.insert(
                0,
                LibraryEntry {
                    scenario: scenario::load_file(&path),
                    path,
                    reloaded: false,
                },
            );
        }
        Library { entries }
    }

    /// The folders scanned: the shipped `scenarios` folder and the user's own
    /// (`~/.joined-up/scenarios`), those that exist.
    pub fn folders() -> Vec<PathBuf> {
        let mut folders = vec![PathBuf::from("scenarios")];
        if let Some(home) = std::env::var_os("HOME") {
            folders.push(PathBuf::from(home).join(".joined-up").join("scenarios"));
        }
        folders.retain(|f| f.is_dir());
        folders
    }
}

/// How the session is being played.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Solo(Role),
    Hotseat,
}

/// The session being set up or played.
#[derive(Resource)]
pub struct Game {
    pub pick: usize,
    pub setting: Option<String>,
    pub seed: u64,
    pub mode: Mode,
    /// The role at the keyboard.
    pub active: Role,
    pub selected: Option<String>,
    pub recorded: Vec<Recorded>,
    /// The computer colleague in solo play.
    partner: Option<Mutex<Box<dyn Policy>>>,
    partner_moves: usize,
    /// The last refusal shown to the player.
    pub refusal: Option<String>,
    /// What the player's last action was, shown until the next.
    pub feedback: Option<String>,
    /// Where the session was last saved.
    pub saved: Option<String>,
    /// The file name (without `.session.ron`) this session saves to, once chosen.
    save_as: Option<String>,
    /// The message being written.
    pub draft: Option<compose::Draft>,
    /// Actions still to play back when resuming a saved session, last first.
    pub resuming: Vec<Recorded>,
    /// The folder sessions are saved in and resumed from.
    pub saves: PathBuf,
    /// The handover screen leads to the next person's briefing rather than their turn.
    pub handover_to_briefing: bool,
    /// The debrief shows its timeline rather than the score.
    pub show_timeline: bool,
    /// A session has been started and not left: quitting saves it.
    pub in_session: bool,
    /// The saved sessions found when the list was opened (read once, not on every redraw).
    pub saved_list: Vec<saves::Saved>,
}

impl Game {
    fn new(seed: u64, setting: Option<String>) -> Self {
        Game {
            pick: 0,
            setting,
            seed,
            mode: Mode::Solo(Role::Gp),
            active: Role::Gp,
            selected: None,
            recorded: Vec::new(),
            partner: None,
            partner_moves: 0,
            refusal: None,
            feedback: None,
            saved: None,
            save_as: None,
            draft: None,
            resuming: Vec::new(),
            saves: saves::folder(),
            handover_to_briefing: false,
            show_timeline: false,
            in_session: false,
            saved_list: Vec::new(),
        }
    }

    pub fn humans(&self) -> Vec<Role> {
        match self.mode {
            Mode::Solo(r) => vec![r],
            Mode::Hotseat => Role::BOTH.to_vec(),
        }
    }
}

/// Marks the root of the current screen's entities.
#[derive(Component)]
pub struct ScreenRoot;

/// A button's command.
#[derive(Component, Clone)]
pub struct Press(pub UiCommand);

/// A key that presses a button.
#[derive(Component, Clone, Copy)]
pub struct Shortcut(pub KeyCode);

/// The screen needs building again.
#[derive(Resource, Default)]
pub struct Dirty(pub bool);

/// The window's flow, without the window: add it to any app with the simulation (a test adds it
/// to a headless one).
pub struct UiPlugin {
    pub args: PlayArgs,
}

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        let args = self.args.clone();
        let library = Library::scan(args.scenario.clone());
        let mut game = Game::new(args.seed.unwrap_or(1), args.setting.clone());
        // `play --scenario FILE` opens straight on that case.
        if let Some(wanted) = &args.scenario {
            let same = |p: &std::path::Path| {
                p == wanted || p.canonicalize().ok() == wanted.canonicalize().ok()
            };
            if let Some(i) = library.entries.iter().position(|e| same(&e.path)) {
                game.pick = i;
            }
        }
        let mut first = None;
        // `--mode` and `--role` choose how to play; with `--scenario` too, the window opens on
        // the briefing.
        let mode = match (args.mode, args.role) {
            (Some(crate::cli::ModeArg::Hotseat), _) => Some(Mode::Hotseat),
            (Some(crate::cli::ModeArg::Solo), role) | (None, role @ Some(_)) => {
                Some(Mode::Solo(match role {
                    Some(crate::cli::RoleArg::SocialWorker) => Role::SocialWorker,
                    _ => Role::Gp,
                }))
            }
            (None, None) => None,
        };
        if let Some(m) = mode {
            game.mode = m;
            game.active = match m {
                Mode::Solo(r) => r,
                Mode::Hotseat => Role::Gp,
            };
        }
        let valid_pick = library
            .entries
            .get(game.pick)
            .is_some_and(|e| e.scenario.is_ok());
        match (&args.scenario, mode) {
            (Some(_), Some(_)) if valid_pick => {
                first = Some(Screen::Briefing);
            }
            (Some(_), _) => {
                first = Some(Screen::Setup);
            }
            _ => {}
        }
        app.init_state::<Screen>()
            .add_message::<UiCommand>()
            .insert_resource(library)
            .insert_resource(game)
            .init_resource::<Dirty>()
            .init_resource::<Buttons>()
            .add_systems(
                Update,
                (
                    (
                        press_buttons,
                        press_keys,
                        widgets::press_focused,
                        handle_commands,
                        resume_actions,
                    )
                        .chain()
                        .before(SimSystems::Apply),
                    record_actions.before(SimSystems::Apply),
                    widgets::show_focus,
                    widgets::appear,
                    (partner_moves, follow_session, rebuild)
                        .chain()
                        .after(SimSystems::Events),
                ),
            );
        if let Some(f) = first {
            app.insert_resource(NextState::Pending(f));
        }
        if let Some(dir) = std::env::var_os("JOINED_UP_TOUR") {
            app.insert_resource(Tour {
                dir: PathBuf::from(dir),
                frame: 0,
                debrief_at: None,
                frame_ms: Vec::new(),
            })
            .add_systems(Last, tour);
        }
    }
}

fn press_buttons(
    buttons: Query<(&Interaction, &Press), Changed<Interaction>>,
    mut out: MessageWriter<UiCommand>,
) {
    for (i, p) in &buttons {
        if *i == Interaction::Pressed {
            out.write(p.0.clone());
        }
    }
}

fn press_keys(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    shortcuts: Query<(&Shortcut, &Press)>,
    screen: Res<State<Screen>>,
    game: Res<Game>,
    mut out: MessageWriter<UiCommand>,
) {
    let Some(keys) = keys else { return };
    let drafting = game.draft.is_some();
    for (s, p) in &shortcuts {
        if keys.just_pressed(s.0) {
            out.write(p.0.clone());
            return;
        }
    }
    if keys.just_pressed(KeyCode::Equal) || keys.just_pressed(KeyCode::NumpadAdd) {
        out.write(UiCommand::Zoom(1));
        return;
    }
    if keys.just_pressed(KeyCode::Minus) || keys.just_pressed(KeyCode::NumpadSubtract) {
        out.write(UiCommand::Zoom(-1));
        return;
    }
    if keys.just_pressed(KeyCode::Escape) {
        let back = match screen.get() {
            Screen::Picker | Screen::Saved => Some(UiCommand::Go(Screen::Title)),
            Screen::Setup => Some(UiCommand::Go(Screen::Picker)),
            Screen::Briefing => Some(UiCommand::Go(Screen::Setup)),
            Screen::Play if drafting => Some(UiCommand::CloseDraft),
            Screen::Play => Some(UiCommand::Go(Screen::Paused)),
            Screen::Paused => Some(UiCommand::Go(Screen::Play)),
            _ => None,
        };
        if let Some(b) = back {
            out.write(b);
        }
    }
}

#[allow(clippy::too_many_arguments)] // one parameter per resource the commands touch
fn handle_commands(
    mut commands: MessageReader<UiCommand>,
    mut next: ResMut<NextState<Screen>>,
    mut game: ResMut<Game>,
    library: Res<Library>,
    mut actions: MessageWriter<PlayerAction>,
    mut dirty: ResMut<Dirty>,
    mut start: Commands,
) {
    for c in commands.read() {
        dirty.0 = true;
        match c {
            UiCommand::Pick(i) => {
                if let Some(Ok(sc)) = library.entries.get(*i).map(|e| &e.scenario) {
                    // A borough this case does not have falls back to the case as written.
                    if game
                        .setting
                        .as_ref()
                        .is_some_and(|n| !sc.get().settings.contains_key(n))
                    {
                        game.setting = None;
                    }
                    game.pick = *i;
                    next.set(Screen::Setup);
                }
            }
            UiCommand::Setting(s) => game.setting = s.clone(),
            UiCommand::Solo(r) => {
                game.mode = Mode::Solo(*r);
                game.active = *r;
                next.set(Screen::Briefing);
            }
            UiCommand::Hotseat => {
                game.mode = Mode::Hotseat;
                game.active = Role::Gp;
                next.set(Screen::Briefing);
            }
            UiCommand::Begin => {
                game.save_as = None;
                game.resuming.clear();
                begin(&mut game, &library, &mut next, &mut start);
            }
            UiCommand::Resume(path) => match saves::prepare(&mut game, &library, path) {
                Ok(_) => begin(&mut game, &library, &mut next, &mut start),
                Err(e) => game.refusal = Some(e),
            },
            UiCommand::Select(p) => game.selected = Some(p.clone()),
            UiCommand::Do(act) => {
                game.refusal = None;
                game.feedback = match act {
                    Act::EndTurn => None,
                    Act::Send(_) => Some(strings::SENT.to_owned()),
                    other => Some(format!("{} {}", strings::DONE, other.verb())),
                };
                if matches!(act, Act::EndTurn) {
                    game.draft = None;
                }
                actions.write(PlayerAction::new(game.active, act.clone()));
            }
            UiCommand::Compose(patient, need) => {
                if patient.is_some() {
                    game.selected = patient.clone();
                }
                game.draft = Some(compose::Draft::about(patient.clone(), need.clone()));
            }
            UiCommand::Edit(e) => {
                if let Some(d) = game.draft.as_mut() {
                    d.apply(e);
                }
            }
            UiCommand::CloseDraft => game.draft = None,
            UiCommand::Go(Screen::Title) => {
                // Leaving a session: it is over for saving and resuming purposes.
                game.refusal = None;
                game.in_session = false;
                game.save_as = None;
                game.resuming.clear();
                game.draft = None;
                next.set(Screen::Title);
            }
            UiCommand::Go(Screen::Saved) => {
                game.saved_list = saves::list(&game.saves);
                next.set(Screen::Saved);
            }
            UiCommand::Go(s) => next.set(*s),
            UiCommand::Timeline(on) => game.show_timeline = *on,
            UiCommand::BriefNext => {
                if game.mode == Mode::Hotseat {
                    game.active = Role::SocialWorker;
                    game.handover_to_briefing = true;
                    next.set(Screen::Handover);
                }
            }
            UiCommand::ContinueHandover if game.handover_to_briefing => {
                game.handover_to_briefing = false;
                next.set(Screen::Briefing);
            }
            UiCommand::ContinueHandover => {
                game.draft = None;
                let humans = game.humans();
                game.active = humans
                    .into_iter()
                    .find(|r| *r != game.active)
                    .unwrap_or(game.active);
                game.selected = None;
                next.set(Screen::Play);
            }
            UiCommand::Save => {
                start.queue(|world: &mut World| {
                    let saved = screens::save(world);
                    world.resource_mut::<Game>().saved = Some(saved);
                    world.resource_mut::<Dirty>().0 = true;
                });
            }
            UiCommand::Zoom(step) => {
                let step = *step;
                start.queue(move |world: &mut World| {
                    let mut zoom = world.get_resource_or_init::<TextZoom>();
                    zoom.0 = (zoom.0 + 0.125 * f32::from(step)).clamp(0.75, 2.0);
                });
            }
            UiCommand::Quit => {
                // Quitting in the middle of a session keeps it: it is saved to finish later.
                start.queue(|world: &mut World| {
                    let screen = *world.resource::<State<Screen>>().get();
                    let playing = world
                        .get_resource::<State<SessionPhase>>()
                        .is_some_and(|p| *p.get() == SessionPhase::Playing);
                    let game = world.resource::<Game>();
                    let live = game.in_session && game.resuming.is_empty();
                    if live
                        && playing
                        && matches!(screen, Screen::Play | Screen::Paused | Screen::Handover)
                    {
                        let saved = screens::save(world);
                        info!("saved before quitting: {saved}");
                    }
                    world.write_message(AppExit::Success);
                });
            }
        }
    }
}

/// Starts the chosen session (with its queued actions, when resuming).
fn begin(game: &mut Game, library: &Library, next: &mut NextState<Screen>, start: &mut Commands) {
    let Some(Ok(s)) = library.entries.get(game.pick).map(|e| &e.scenario) else {
        game.refusal = Some(strings::CASE_UNAVAILABLE.to_owned());
        return;
    };
    if let Some(name) = &game.setting
        && !s.get().settings.contains_key(name)
    {
        game.refusal = Some(format!("{} {name}", strings::NO_SUCH_SETTING));
        game.resuming.clear();
        return;
    }
    let (s, setting, seed) = (s.clone(), game.setting.clone(), game.seed);
    game.partner = match game.mode {
        Mode::Solo(r) => Some(Mutex::new(PolicyKind::Collaborative.make(r.other(), seed))),
        Mode::Hotseat => None,
    };
    game.partner_moves = 0;
    game.recorded.clear();
    game.draft = None;
    game.selected = None;
    game.refusal = None;
    game.feedback = None;
    game.saved = None;
    game.show_timeline = false;
    game.in_session = true;
    start.queue(move |world: &mut World| {
        if let Err(e) = crate::sim::start_session(world, &s, setting.as_deref(), seed) {
            world.resource_mut::<Game>().refusal = Some(e);
        }
    });
    if game.mode == Mode::Hotseat && game.resuming.is_empty() {
        // The social worker read their briefing last: the GP takes the keyboard for the first
        // half-day, through the handover screen.
        game.active = Role::SocialWorker;
        next.set(Screen::Handover);
    } else {
        next.set(Screen::Play);
    }
}

/// Plays a saved session's actions back, one per frame, through the same messages.
fn resume_actions(
    screen: Res<State<Screen>>,
    phase: Option<Res<State<SessionPhase>>>,
    mut game: ResMut<Game>,
    mut actions: MessageWriter<PlayerAction>,
    mut dirty: ResMut<Dirty>,
    mut next: ResMut<NextState<Screen>>,
    views: ViewsNow,
) {
    if *screen.get() != Screen::Play
        || phase.is_none_or(|p| *p.get() != SessionPhase::Playing)
        || game.resuming.is_empty()
    {
        return;
    }
    if let Some(a) = game.resuming.pop() {
        actions.write(PlayerAction::new(a.role, a.act));
    }
    if game.resuming.is_empty() {
        dirty.0 = true;
        if game.mode == Mode::Hotseat {
            // Whoever's half-day it is takes the keyboard through the handover screen, so
            // nobody sees a view that is not theirs.
            let due = Role::BOTH
                .into_iter()
                .find(|r| !views.ended(*r))
                .unwrap_or(Role::Gp);
            game.active = due.other();
            next.set(Screen::Handover);
        }
    }
}

/// Keeps every action, from the keyboard or the computer colleague, for the session file.
fn record_actions(
    mut actions: MessageReader<PlayerAction>,
    clock: Option<Res<Clock>>,
    mut game: ResMut<Game>,
) {
    let slot = clock.map_or(0, |c| c.slot.0);
    for a in actions.read() {
        game.recorded.push(Recorded {
            slot,
            role: a.role,
            act: a.act.clone(),
        });
    }
}

/// The computer colleague takes one action per frame once the person has ended their turn
/// (or alongside them: it never waits on the person within a half-day).
fn partner_moves(world: &mut World) {
    if *world.resource::<State<Screen>>().get() != Screen::Play
        || *world.resource::<State<SessionPhase>>().get() != SessionPhase::Playing
    {
        return;
    }
    let Mode::Solo(human) = world.resource::<Game>().mode else {
        return;
    };
    if !world.resource::<Game>().resuming.is_empty() {
        return;
    }
    let role = human.other();
    let view = RoleView::of(world, role);
    if view.ended_turn || view.finished {
        world.resource_mut::<Game>().partner_moves = 0;
        return;
    }
    let mut game = world.resource_mut::<Game>();
    game.partner_moves += 1;
    let act = if game.partner_moves > MAX_ACTIONS_PER_TURN {
        Act::EndTurn
    } else {
        match &game.partner {
            Some(p) => p
                .lock()
                .map(|mut p| p.choose(&view))
                .unwrap_or(Act::EndTurn),
            None => return,
        }
    };
    world.write_message(PlayerAction::new(role, act));
}

/// Moves between play, handover and debrief as the session goes on, and marks the screen for
/// rebuilding when the log grows.
#[allow(clippy::too_many_arguments)] // one parameter per resource it follows
fn follow_session(
    log: Res<EventLog>,
    phase: Res<State<SessionPhase>>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut game: ResMut<Game>,
    mut seen: Local<usize>,
    mut dirty: ResMut<Dirty>,
    world_views: ViewsNow,
) {
    if log.entries.len() != *seen {
        for e in &log.entries[(*seen).min(log.entries.len())..] {
            match &e.kind {
                LogKind::Refused { role, reason, .. } if *role == game.active => {
                    game.refusal = Some(reason.clone());
                }
                // The message went: the composer closes (a refused one stays open to fix).
                LogKind::Sent(m) if m.from == game.active && m.reply_to.is_none() => {
                    game.draft = None;
                }
                _ => {}
            }
        }
        *seen = log.entries.len();
        dirty.0 = true;
    }
    if *screen.get() != Screen::Play {
        return;
    }
    if *phase.get() == SessionPhase::Finished {
        game.resuming.clear();
        next.set(Screen::Debrief);
        return;
    }
    if game.mode == Mode::Hotseat && game.resuming.is_empty() {
        // GP first in each half-day, then the social worker.
        let due = Role::BOTH
            .into_iter()
            .find(|r| !world_views.ended(*r))
            .unwrap_or(game.active);
        if due != game.active {
            next.set(Screen::Handover);
        }
    }
}

/// Whether each role has ended its turn, read from the professionals.
#[derive(bevy::ecs::system::SystemParam)]
pub struct ViewsNow<'w, 's> {
    pros: Query<'w, 's, &'static crate::sim::state::Professional>,
}

impl ViewsNow<'_, '_> {
    fn ended(&self, role: Role) -> bool {
        self.pros
            .iter()
            .find(|p| p.role == role)
            .is_some_and(|p| p.ended_turn)
    }
}

/// The current screen's buttons, in Tab order.
#[derive(Resource, Default)]
pub struct Buttons(pub Vec<Entity>);

fn rebuild(world: &mut World, mut shown: Local<Option<Screen>>) {
    use bevy::input_focus::{FocusCause, InputFocus};
    let now = *world.resource::<State<Screen>>().get();
    let changed = *shown != Some(now);
    *shown = Some(now);
    if !changed && !world.resource::<Dirty>().0 {
        return;
    }
    world.resource_mut::<Dirty>().0 = false;
    // Keep the keyboard focus on the same button (or the same place) across the rebuild.
    let old = std::mem::take(&mut world.resource_mut::<Buttons>().0);
    let focused = world
        .get_resource::<InputFocus>()
        .and_then(|f| f.get())
        .and_then(|e| old.iter().position(|b| *b == e).map(|i| (i, e)));
    let focused_cmd = focused.and_then(|(_, e)| world.get::<Press>(e).map(|p| p.0.clone()));
    let scrolled: Vec<(usize, Vec2)> = world
        .query::<(&widgets::Column, &ScrollPosition)>()
        .iter(world)
        .map(|(c, p)| (c.0, p.0))
        .collect();
    let roots: Vec<Entity> = world
        .query_filtered::<Entity, With<ScreenRoot>>()
        .iter(world)
        .collect();
    for e in roots {
        world.entity_mut(e).despawn();
    }
    let buttons = screens::build(world);
    if changed {
        // A new screen slides in a little: enough to see that something changed.
        let roots: Vec<Entity> = world
            .query_filtered::<Entity, With<ScreenRoot>>()
            .iter(world)
            .collect();
        for r in roots {
            world.entity_mut(r).insert(widgets::Appear::default());
        }
    }
    if !changed {
        // Keep each column where the player had scrolled it.
        let mut q = world.query::<(&widgets::Column, &mut ScrollPosition)>();
        for (c, mut p) in q.iter_mut(world) {
            if let Some((_, at)) = scrolled.iter().find(|(i, _)| *i == c.0) {
                p.0 = *at;
            }
        }
    }
    let target = if changed {
        buttons.first().copied()
    } else {
        focused.and_then(|(i, _)| {
            buttons
                .iter()
                .copied()
                .find(|b| world.get::<Press>(*b).map(|p| &p.0) == focused_cmd.as_ref())
                .or_else(|| buttons.get(i.min(buttons.len().saturating_sub(1))).copied())
        })
    };
    if let (Some(t), Some(mut focus)) = (target, world.get_resource_mut::<InputFocus>()) {
        focus.set(t, FocusCause::Navigated);
    }
    world.resource_mut::<Buttons>().0 = buttons;
}

/// `JOINED_UP_TOUR=DIR`: the window walks itself from the title to the play screen, saving a
/// screenshot of each into DIR, then closes. The rendering test and the README's screenshots use
/// it.
#[derive(Resource)]
struct Tour {
    dir: PathBuf,
    frame: u32,
    /// The frame the debrief appeared on.
    debrief_at: Option<u32>,
    /// Frame times in play, in milliseconds (printed at the end, for BENCHMARKS.md).
    frame_ms: Vec<f32>,
}

fn tour(world: &mut World) {
    use bevy::render::view::screenshot::{Screenshot, save_to_disk};
    let ms = world.resource::<Time<Real>>().delta_secs() * 1000.0;
    let (frame, dir) = {
        let mut t = world.resource_mut::<Tour>();
        t.frame += 1;
        if t.frame > 200 {
            t.frame_ms.push(ms);
        }
        (t.frame, t.dir.clone())
    };
    let shot = |world: &mut World, name: &str| {
        world
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(dir.join(name)));
    };
    let library = world.resource::<Library>();
    let pick = library
        .entries
        .iter()
        .position(|e| e.scenario.is_ok())
        .unwrap_or(0);
    let patient = library
        .entries
        .get(pick)
        .and_then(|e| e.scenario.as_ref().ok())
        .and_then(|s| s.get().patients.first())
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let command = match frame {
        60 => {
            shot(world, "title.png");
            None
        }
        90 => Some(UiCommand::Go(Screen::Picker)),
        120 => {
            shot(world, "picker.png");
            None
        }
        150 => Some(UiCommand::Pick(pick)),
        155 => Some(UiCommand::Solo(Role::Gp)),
        180 => {
            shot(world, "briefing.png");
            None
        }
        190 => Some(UiCommand::Begin),
        200 => Some(UiCommand::Do(Act::Assess {
            patient: patient.clone(),
        })),
        240 => {
            shot(world, "play.png");
            None
        }
        250 => Some(UiCommand::Compose(Some(patient), None)),
        255 => {
            // Write to the social worker: the first directory entry that reaches them.
            let view = RoleView::of(world, Role::Gp);
            crate::bots::util::route_to_other(&view)
                .map(|c| UiCommand::Edit(compose::Edit::To(c.id.clone())))
        }
        260 => Some(UiCommand::Edit(compose::Edit::Framing(
            crate::sim::Framing::Respectful,
        ))),
        290 => {
            shot(world, "compose.png");
            None
        }
        300 => Some(UiCommand::Go(Screen::Paused)),
        330 => {
            shot(world, "paused.png");
            None
        }
        340 => Some(UiCommand::Go(Screen::Play)),
        // Then end every half-day (the computer colleague plays its own) to the debrief.
        f if f > 350 => {
            let screen = *world.resource::<State<Screen>>().get();
            let mut t = world.resource_mut::<Tour>();
            match (screen, t.debrief_at) {
                (Screen::Debrief, None) => {
                    t.debrief_at = Some(f);
                    None
                }
                (Screen::Debrief, Some(at)) if f == at + 40 => {
                    shot(world, "debrief.png");
                    None
                }
                (Screen::Debrief, Some(at)) if f >= at + 70 => {
                    let mut ms = std::mem::take(&mut t.frame_ms);
                    ms.sort_by(f32::total_cmp);
                    if !ms.is_empty() {
                        let mean = ms.iter().sum::<f32>() / ms.len() as f32;
                        println!(
                            "tour frame times from the play screen on: {} frames, mean {mean:.1} ms, \
                             median {:.1} ms, 95th percentile {:.1} ms, slowest {:.1} ms",
                            ms.len(),
                            ms[ms.len() / 2],
                            ms[ms.len() * 95 / 100],
                            ms[ms.len() - 1]
                        );
                    }
                    world.write_message(AppExit::Success);
                    None
                }
                (Screen::Play, _) if f.is_multiple_of(4) => Some(UiCommand::Do(Act::EndTurn)),
                _ if f > 5000 => {
                    // Never hang a test: give up, and the missing screenshot says why.
                    world.write_message(AppExit::error());
                    None
                }
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(c) = command {
        world.write_message(c);
    }
}
