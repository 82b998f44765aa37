//! The session being set up or played ([`Game`]), how the window was asked to open
//! ([`Launch`]), and who sits where: the window owns the seats at its keyboard and assigns
//! them to every action it sends.

use std::path::PathBuf;
use std::sync::Mutex;

use bevy::prelude::*;

use super::saves;
use crate::bots::ComputerSeat;
use crate::sim::{Act, PlayerAction, Role, Seat};

/// How the window should open, as `joined-up play` asked (the command line converts its
/// options into this; the window knows nothing of command-line types).
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// A scenario file to open straight away.
    pub scenario: Option<PathBuf>,
    /// The role the person plays.
    pub role: Option<Role>,
    /// Solo or hotseat.
    pub seating: Option<Seating>,
    pub seed: Option<u64>,
    /// A named setting of the scenario.
    pub setting: Option<String>,
    /// The computer colleague's temperament in solo play.
    pub partner: Option<crate::bots::PolicyKind>,
    /// A school's own self-assessment instrument (`*.instrument.ron`), instead of the game's.
    pub instrument: Option<PathBuf>,
    /// Where sessions are saved and journalled (default: [`saves::folder`]).
    pub saves: Option<PathBuf>,
    /// LAN play asked for on the command line (`joined-up host`, `joined-up join`).
    pub lan: Option<LanLaunch>,
}

/// LAN play, as the command line asked for it.
#[derive(Debug, Clone, PartialEq)]
pub enum LanLaunch {
    /// Host the case in [`Launch::scenario`] in `rooms` rooms on `port`, saving finished rooms
    /// in `save_dir`.
    Host {
        rooms: usize,
        port: u16,
        save_dir: PathBuf,
    },
    /// Join the host at `address`, asking for `seat` in `room`.
    Join {
        address: String,
        room: usize,
        seat: crate::net::SeatRequest,
    },
}

/// In LAN play the seat belongs to the host: the person's choices wait here to be sent, and the
/// host gives them the seat it assigned to this connection.
#[derive(Resource, Default)]
pub struct RemoteSeat {
    /// Joined to a host: choices go to it, not to this window's simulation.
    pub joined: bool,
    pub outbox: Vec<Act>,
    /// Self-assessment answers to send (phase, statement, point on the scale).
    pub answers: Vec<(crate::self_assessment::Phase, String, u8)>,
}

/// Who is at the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seating {
    /// One person; a computer colleague takes the other role.
    Solo,
    /// Two people at one machine, taking turns.
    Hotseat,
}

/// A care plan being drafted: the owner chosen so far for each need.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanDraft {
    pub patient: String,
    pub owners: std::collections::BTreeMap<String, String>,
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
    /// The role at the keyboard: the seat the window assigns to what the person does.
    pub active: Role,
    pub selected: Option<String>,
    /// The computer colleague in solo play, in its own seat.
    pub(super) partner: Option<Mutex<ComputerSeat>>,
    /// The last refusal shown to the player.
    pub refusal: Option<String>,
    /// What the player's last action was, shown until the next.
    pub feedback: Option<String>,
    /// Where the session was last saved.
    pub saved: Option<String>,
    /// The file name (without `.session.ron`) this session saves to, once chosen.
    pub(super) save_as: Option<String>,
    /// The message being written.
    pub draft: Option<super::compose::Draft>,
    /// The care plan being drafted.
    pub plan: Option<PlanDraft>,
    /// The need whose care packages are on show.
    pub package_for: Option<String>,
    /// The computer colleague's temperament in solo play.
    pub partner_kind: crate::bots::PolicyKind,
    /// A saved session's actions, waiting to be played back (all at once) when it starts.
    pub resuming: Vec<crate::sim::Recorded>,
    /// The folder sessions are saved in and resumed from.
    pub saves: PathBuf,
    /// The handover screen leads to the next person's briefing rather than their turn.
    pub handover_to_briefing: bool,
    /// The part of the debrief on show.
    pub debrief_tab: super::DebriefTab,
    /// The debrief for both roles (`None`) or one role's part.
    pub debrief_view: Option<Role>,
    /// The self-assessment instrument the players answer.
    pub instrument: crate::self_assessment::ValidInstrument,
    /// Their answers so far, before play and after the debrief.
    pub self_assessment: crate::self_assessment::SelfAssessment,
    /// A session has been started and not left: quitting saves it.
    pub in_session: bool,
    /// The saved sessions found when the list was opened (read once, not on every redraw).
    pub saved_list: Vec<saves::Saved>,
    /// Sessions a crash interrupted, found when the title screen was last opened.
    pub interrupted: Vec<saves::Interrupted>,
}

impl Game {
    pub(super) fn new(
        seed: u64,
        setting: Option<String>,
        instrument: crate::self_assessment::ValidInstrument,
    ) -> Self {
        Game {
            pick: 0,
            setting,
            seed,
            mode: Mode::Solo(Role::Gp),
            active: Role::Gp,
            selected: None,
            partner: None,
            refusal: None,
            feedback: None,
            saved: None,
            save_as: None,
            draft: None,
            plan: None,
            package_for: None,
            partner_kind: crate::bots::PolicyKind::Collaborative,
            resuming: Vec::new(),
            saves: saves::folder(),
            handover_to_briefing: false,
            debrief_tab: super::DebriefTab::Reactions,
            debrief_view: None,
            self_assessment: crate::self_assessment::SelfAssessment::new(&instrument),
            instrument,
            in_session: false,
            saved_list: Vec::new(),
            interrupted: Vec::new(),
        }
    }

    /// Clears the self-assessment for a new session on the same instrument.
    pub fn fresh_self_assessment(&mut self) {
        self.self_assessment = crate::self_assessment::SelfAssessment::new(&self.instrument);
    }

    /// The roles people play at this keyboard.
    pub fn humans(&self) -> Vec<Role> {
        match self.mode {
            Mode::Solo(r) => vec![r],
            Mode::Hotseat => Role::BOTH.to_vec(),
        }
    }

    /// `act`, from the seat of whoever has the keyboard. The window owns that seat: a person
    /// chooses what to do, never which role does it.
    pub fn from_keyboard(&self, act: Act) -> PlayerAction {
        Seat::assign(self.active).act(act)
    }
}
