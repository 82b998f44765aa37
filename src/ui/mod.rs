//! The game window: a front end over the simulation. Screens read the simulation's state
//! through a role's view, and send the person's choices as [`PlayerAction`](crate::sim::PlayerAction)s
//! from the seat the window assigns, as computer players do from theirs.
//!
//! One plugin per concern, each in its own file (the parent only adds them):
//! - `window`: the desktop window around it all (`run`);
//! - `input`: clicks and keys become [`UiCommand`]s, and commands do what they say;
//! - `session`: the computer colleague, and following the session to handover and debrief;
//! - `rebuild`: the current screen, built again whenever something changed;
//! - `screens` and `play`: what each screen shows; `widgets`: the blocks they are made of;
//! - `game`: the session being set up or played, and the seats at the keyboard;
//! - `library`, `reload`: the scenarios on offer, and following edits to them;
//! - `compose`, `saves`, `zoom`, `strings`: the message composer, saving and resuming, text
//!   size, and every player-facing string that does not come from the scenario;
//! - `lan` (feature `lan`): joining a host on the network, and hosting with the facilitator's
//!   overview;
//! - `tour` (feature `dev`): the screenshot tour the rendering test runs.

pub mod compose;
pub mod game;
mod input;
#[cfg(feature = "lan")]
mod lan;
pub mod library;
pub mod play;
pub mod rebuild;
pub mod reload;
pub mod saves;
mod screens;
mod session;
mod store;
pub mod strings;
#[cfg(feature = "dev")]
mod tour;
pub mod widgets;
mod window;
pub mod zoom;

use std::path::PathBuf;

use bevy::prelude::*;

use crate::sim::{Act, Role};

pub use game::{Game, LanLaunch, Launch, Mode, Seating};
#[cfg(feature = "lan")]
pub use lan::Lan;
pub use library::{Library, LibraryEntry};
pub use rebuild::Buttons;
pub use window::run;
pub use zoom::{TextZoom, window_scale};

/// The self-assessment instrument: the file asked for, else a school's own in the user's
/// folder (`~/.joined-up/self-assessment.instrument.ron`), else the game's. A file that does
/// not validate is not used, and its first problem is shown on the title screen.
fn instrument(
    asked: Option<&std::path::Path>,
) -> (crate::self_assessment::ValidInstrument, Option<String>) {
    use crate::self_assessment::{ValidInstrument, instrument::load_file};
    let own = library::user_folder().map(|d| d.join("self-assessment.instrument.ron"));
    let path = asked
        .map(std::path::Path::to_path_buf)
        .or_else(|| own.filter(|p| p.exists()));
    match path {
        None => (ValidInstrument::builtin(), None),
        Some(p) => match load_file(&p) {
            Ok(v) => (v, None),
            Err(problems) => (
                ValidInstrument::builtin(),
                problems
                    .first()
                    .map(|d| format!("{} {d}", strings::INSTRUMENT_NOT_USED)),
            ),
        },
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
    /// LAN play: the address of a host to join, and the seat to ask for.
    Join,
    /// LAN play, joined: waiting for the host, the briefing it sent, the seat's play, the end.
    Lan,
    /// LAN play, hosting: the facilitator's overview of every room.
    Host,
}

/// What a button asks of LAN play.
#[derive(Debug, Clone, PartialEq)]
pub enum LanCommand {
    /// On the join screen: the seat and the room to ask for, and asking.
    Seat(crate::net::SeatRequest),
    Room(usize),
    Connect,
    /// On the setup screen: how many rooms (pairs) to host, and hosting the chosen case.
    Rooms(usize),
    Host,
    /// Joined: the briefing has been read.
    Begin,
    /// The facilitator: the room on show, and a command for it.
    Watch(usize),
    Facilitate(crate::net::Command),
    /// Leave the host (or stop hosting).
    Leave,
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
    /// Show one part of the debrief.
    DebriefTab(DebriefTab),
    /// Show the debrief for both roles, or one role's part.
    DebriefView(Option<Role>),
    /// A self-assessment answer: this role, this phase, this statement, this point on the
    /// scale (from 1).
    Rate(Role, crate::self_assessment::Phase, String, u8),
    /// Open the composer for a message about a patient (and one of their needs).
    Compose(Option<String>, Option<String>),
    /// Open the composer to answer a message received (its id, patient and need).
    Reply(u32, Option<String>, Option<String>),
    /// Open the composer for a note in the shared record about a patient.
    Note(String),
    /// Show the care packages to commission for a need (or hide them).
    ChoosePackage(Option<String>),
    /// Start drafting a care plan for a patient (or stop).
    PlanDraft(Option<String>),
    /// In the plan being drafted, this need's owner.
    PlanOwner(String, String),
    /// Solo play: the computer colleague's temperament.
    Partner(crate::bots::PolicyKind),
    /// Change one thing in the message being written.
    Edit(compose::Edit),
    CloseDraft,
    /// Save the session file and the report.
    Save,
    /// In a browser: download the report (`true`) or the session file (`false`).
    Download(bool),
    /// Continue the session saved in this file.
    Resume(PathBuf),
    /// Carry on the interrupted session this journal kept.
    Recover(PathBuf),
    /// Text and buttons larger (+1) or smaller (-1), for a projector or a small laptop.
    Zoom(i8),
    /// LAN play: joining, hosting, facilitating.
    Lan(LanCommand),
    Quit,
}

/// The parts of the debrief, in the order a seminar takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DebriefTab {
    /// What happened, and how it felt: no score yet.
    #[default]
    Reactions,
    /// The moments that mattered, the score by domain, each role's part, the barriers.
    Analysis,
    /// Who knew what, when.
    Knowledge,
    /// Both roles' actions side by side.
    Timeline,
    /// What now: objectives, questions for practice, the self-assessment after.
    Application,
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
    pub launch: Launch,
}

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        let launch = self.launch.clone();
        let library = Library::scan(launch.scenario.clone());
        let (instrument, problem) = instrument(launch.instrument.as_deref());
        let mut game = Game::new(launch.seed.unwrap_or(1), launch.setting.clone(), instrument);
        game.refusal = problem;
        if let Some(dir) = &launch.saves {
            game.saves = dir.clone();
        }
        game.interrupted = saves::interrupted(&game.saves);
        if let Some(k) = launch.partner {
            game.partner_kind = k;
        }
        // `play --scenario FILE` opens straight on that case.
        if let Some(wanted) = &launch.scenario {
            let same = |e: &LibraryEntry| {
                let p = e.path.as_path();
                p == wanted
                    || (wanted.exists() && p.canonicalize().ok() == wanted.canonicalize().ok())
                    // A case's id names it too (`play --scenario home_from_hospital`).
                    || (!wanted.exists()
                        && e.scenario.as_ref().is_ok_and(|s| {
                            wanted.to_str().map(|w| w.strip_prefix(crate::scenario::builtin::PREFIX).unwrap_or(w))
                                == Some(s.get().id.as_str())
                        }))
            };
            if let Some(i) = library.entries.iter().position(same) {
                game.pick = i;
            }
        }
        // `--mode` and `--role` choose how to play; with `--scenario` too, the window opens on
        // the briefing.
        let mode = match (launch.seating, launch.role) {
            (Some(Seating::Hotseat), _) => Some(Mode::Hotseat),
            (Some(Seating::Solo), role) | (None, role @ Some(_)) => {
                Some(Mode::Solo(role.unwrap_or(Role::Gp)))
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
        let first = match (&launch.scenario, mode) {
            (Some(_), Some(_)) if valid_pick => Some(Screen::Briefing),
            (Some(_), _) => Some(Screen::Setup),
            _ => None,
        };
        app.init_state::<Screen>()
            .add_message::<UiCommand>()
            .insert_resource(library)
            .insert_resource(game)
            .init_resource::<Dirty>()
            .add_plugins((input::plugin, session::plugin, rebuild::plugin))
            .add_plugins(crate::session::journal::JournalPlugin)
            .init_resource::<game::RemoteSeat>()
            .add_systems(Update, (widgets::show_focus, widgets::appear));
        if let Some(f) = first {
            app.insert_resource(NextState::Pending(f));
        }
        #[cfg(feature = "lan")]
        app.add_plugins(lan::Plugin {
            launch: launch.lan.clone(),
        });
    }
}
