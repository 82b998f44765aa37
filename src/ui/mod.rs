//! The game window: a front end over the simulation. Screens read the simulation's state and
//! write the same [`PlayerAction`] messages the computer players write.
//!
//! Layout of this module:
//! - [`Screen`]: the screens, as Bevy states;
//! - [`UiCommand`]: everything a button or a key can ask for, as one message type, so the flow
//!   can be driven (and tested) without a mouse;
//! - `screens`: each screen built from the current state (rebuilt whenever it changes: the
//!   screens are dense text, and a rebuild costs well under a frame);
//! - `strings`: every player-facing string that does not come from the scenario.

mod screens;
pub mod strings;

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
    let exit = App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: strings::GAME_NAME.into(),
                ..default()
            }),
            ..default()
        }))
        .add_plugins((crate::sim::SimPlugin, crate::scenario::plugin))
        .add_plugins(UiPlugin { args })
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::from(1),
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
    Save,
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
}

impl Library {
    /// Every `*.ron` in the shipped `scenarios` folder and the user's own folder
    /// (`~/.joined-up/scenarios`), in name order.
    pub fn scan(extra: Option<PathBuf>) -> Library {
        let mut folders = vec![PathBuf::from("scenarios")];
        if let Some(home) = std::env::var_os("HOME") {
            folders.push(PathBuf::from(home).join(".joined-up").join("scenarios"));
        }
        let mut entries = Vec::new();
        for f in folders.into_iter().filter(|f| f.is_dir()) {
            for path in scenario::scenario_files(&f).unwrap_or_default() {
                entries.push(LibraryEntry {
                    scenario: scenario::load_file(&path),
                    path,
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
                },
            );
        }
        Library { entries }
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
    pub saved: Option<String>,
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
            saved: None,
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
        app.init_state::<Screen>()
            .add_message::<UiCommand>()
            .insert_resource(library)
            .insert_resource(game)
            .init_resource::<Dirty>()
            .add_systems(
                Update,
                (
                    (press_buttons, press_keys, handle_commands)
                        .chain()
                        .before(SimSystems::Apply),
                    record_actions.before(SimSystems::Apply),
                    (partner_moves, follow_session, rebuild)
                        .chain()
                        .after(SimSystems::Events),
                ),
            );
        if args.scenario.is_some() {
            app.insert_resource(NextState::Pending(Screen::Setup));
        }
        if let Some(dir) = std::env::var_os("JOINED_UP_TOUR") {
            app.insert_resource(Tour {
                dir: PathBuf::from(dir),
                frame: 0,
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
    mut out: MessageWriter<UiCommand>,
) {
    let Some(keys) = keys else { return };
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
            Screen::Picker => Some(Screen::Title),
            Screen::Setup => Some(Screen::Picker),
            Screen::Briefing => Some(Screen::Setup),
            _ => None,
        };
        if let Some(b) = back {
            out.write(UiCommand::Go(b));
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
    mut exit: MessageWriter<AppExit>,
    mut start: Commands,
) {
    for c in commands.read() {
        dirty.0 = true;
        match c {
            UiCommand::Go(s) => next.set(*s),
            UiCommand::Pick(i) => {
                if library.entries.get(*i).is_some_and(|e| e.scenario.is_ok()) {
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
                let Some(Ok(s)) = library.entries.get(game.pick).map(|e| &e.scenario) else {
                    continue;
                };
                let (s, setting, seed) = (s.clone(), game.setting.clone(), game.seed);
                game.partner = match game.mode {
                    Mode::Solo(r) => {
                        Some(Mutex::new(PolicyKind::Collaborative.make(r.other(), seed)))
                    }
                    Mode::Hotseat => None,
                };
                game.recorded.clear();
                start.queue(move |world: &mut World| {
                    if let Err(e) = crate::sim::start_session(world, &s, setting.as_deref(), seed) {
                        world.resource_mut::<Game>().refusal = Some(e);
                    }
                });
                next.set(Screen::Play);
            }
            UiCommand::Select(p) => game.selected = Some(p.clone()),
            UiCommand::Do(act) => {
                actions.write(PlayerAction::new(game.active, act.clone()));
            }
            UiCommand::ContinueHandover => {
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
                    if let Some(mut scale) = world.get_resource_mut::<UiScale>() {
                        scale.0 = (scale.0 + 0.125 * f32::from(step)).clamp(0.75, 2.5);
                    }
                });
            }
            UiCommand::Quit => {
                exit.write(AppExit::Success);
            }
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
            if let LogKind::Refused { role, reason, .. } = &e.kind
                && *role == game.active
            {
                game.refusal = Some(reason.clone());
            }
        }
        *seen = log.entries.len();
        dirty.0 = true;
    }
    if *screen.get() != Screen::Play {
        return;
    }
    if *phase.get() == SessionPhase::Finished {
        next.set(Screen::Debrief);
        return;
    }
    if game.mode == Mode::Hotseat {
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

fn rebuild(world: &mut World, mut shown: Local<Option<Screen>>) {
    let now = *world.resource::<State<Screen>>().get();
    let changed = *shown != Some(now);
    *shown = Some(now);
    if !changed && !world.resource::<Dirty>().0 {
        return;
    }
    world.resource_mut::<Dirty>().0 = false;
    let roots: Vec<Entity> = world
        .query_filtered::<Entity, With<ScreenRoot>>()
        .iter(world)
        .collect();
    for e in roots {
        world.entity_mut(e).despawn();
    }
    screens::build(world);
}

/// `JOINED_UP_TOUR=DIR`: the window walks itself from the title to the play screen, saving a
/// screenshot of each into DIR, then closes. The rendering test and the README's screenshots use
/// it.
#[derive(Resource)]
struct Tour {
    dir: PathBuf,
    frame: u32,
}

fn tour(
    mut tour: ResMut<Tour>,
    mut commands: Commands,
    mut out: MessageWriter<UiCommand>,
    mut exit: MessageWriter<AppExit>,
    library: Res<Library>,
) {
    use bevy::render::view::screenshot::{Screenshot, save_to_disk};
    tour.frame += 1;
    let shot = |commands: &mut Commands, name: &str, dir: &std::path::Path| {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(dir.join(name)));
    };
    let pick = library
        .entries
        .iter()
        .position(|e| e.scenario.is_ok())
        .unwrap_or(0);
    match tour.frame {
        60 => shot(&mut commands, "title.png", &tour.dir),
        90 => {
            out.write(UiCommand::Go(Screen::Picker));
        }
        120 => shot(&mut commands, "picker.png", &tour.dir),
        150 => {
            out.write(UiCommand::Pick(pick));
        }
        155 => {
            out.write(UiCommand::Solo(Role::Gp));
        }
        180 => shot(&mut commands, "briefing.png", &tour.dir),
        190 => {
            out.write(UiCommand::Begin);
        }
        200 => {
            out.write(UiCommand::Do(Act::Assess {
                patient: library
                    .entries
                    .get(pick)
                    .and_then(|e| e.scenario.as_ref().ok())
                    .and_then(|s| s.get().patients.first())
                    .map(|p| p.id.clone())
                    .unwrap_or_default(),
            }));
        }
        240 => shot(&mut commands, "play.png", &tour.dir),
        300 => {
            exit.write(AppExit::Success);
        }
        _ => {}
    }
}
