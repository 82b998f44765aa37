//! What crosses the network in LAN play. A client sends only its choices ([`Up`]); the host
//! answers each with what that client may see ([`Down`]): its own role's view, never the other
//! role's facts, messages or briefing.

use serde::{Deserialize, Serialize};

use crate::bots::PolicyKind;
use crate::sim::{Act, Intervention, Role, RoleView};

/// The seat a client asks for when it joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SeatRequest {
    Gp,
    SocialWorker,
    /// The educator's seat: both views side by side, the live score, pause, events, hints.
    Facilitator,
}

impl SeatRequest {
    pub fn role(self) -> Option<Role> {
        match self {
            SeatRequest::Gp => Some(Role::Gp),
            SeatRequest::SocialWorker => Some(Role::SocialWorker),
            SeatRequest::Facilitator => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SeatRequest::Gp => "GP",
            SeatRequest::SocialWorker => "social worker",
            SeatRequest::Facilitator => "facilitator",
        }
    }
}

/// From a client to the host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bevy::prelude::Message)]
pub enum Up {
    /// Take a seat in a room. `token` is the one the host gave when the seat was first taken:
    /// with it, a player who dropped out rejoins their own seat. `computer` says the seat is
    /// played by a computer player of that kind (recorded as who played).
    Hello {
        room: usize,
        seat: SeatRequest,
        token: Option<u64>,
        computer: Option<PolicyKind>,
    },
    /// The seat's choice. Which role it is, the host decides from the seat.
    Act(Act),
    /// The facilitator's command for a room.
    Command { room: usize, command: Command },
    /// The seat's answer to one statement of the self-assessment (before play, or after the
    /// debrief), kept with the room's session file.
    Answer {
        phase: crate::self_assessment::Phase,
        item: String,
        value: u8,
    },
}

/// What a facilitator may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    Pause,
    Resume,
    /// Fire an offered event, or send a hint.
    Intervene(Intervention),
    /// Free a seat whose player has gone for good, so someone else may take it.
    Release(Role),
}

/// From the host to one client.
#[derive(Debug, Clone, Serialize, Deserialize, bevy::prelude::Message)]
pub enum Down {
    /// The seat is yours. Keep the token to rejoin it.
    Welcome(Box<Welcome>),
    /// A request was refused, and why.
    Refused(String),
    /// What your role sees now.
    View(Box<SeatView>),
    /// For the facilitator: one room, both views and the score so far.
    Watch(Box<RoomWatch>),
    /// For the facilitator: every room at a glance.
    Overview(Vec<RoomSummary>),
    /// The session is over: the debrief.
    Over(Box<Over>),
}

/// A seat taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Welcome {
    pub room: usize,
    pub seat: SeatRequest,
    pub token: u64,
    /// The session's seed (computer players draw from it, as in local play).
    pub seed: u64,
    pub title: String,
    /// The role's own briefing (none for the facilitator).
    pub briefing: Option<Briefing>,
    /// Events the case offers the facilitator: id and what it does, in words.
    pub offered: Vec<(String, String)>,
    /// Questions the case's guide suggests, for hints.
    pub hints: Vec<String>,
    /// The self-assessment the host records, for the seat to answer.
    pub instrument: crate::self_assessment::Instrument,
}

/// What one role reads before play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Briefing {
    pub name: String,
    pub title: String,
    pub text: String,
    pub caseload: Vec<String>,
    pub commitments: Vec<String>,
    pub borough: String,
    pub objectives: Vec<String>,
}

/// A seat's view, after every change in its room.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeatView {
    pub view: RoleView,
    /// Actions taken in the room so far (a client acts on a view newer than its last action).
    pub actions: usize,
    /// Whose turn it is in the order local play takes turns: computer players wait for theirs,
    /// so a networked session plays exactly as a local one. People may act at any time.
    pub due: Option<Role>,
    pub paused: bool,
    /// The other seat's player is away (dropped, or not yet joined).
    pub colleague_away: bool,
}

/// One room, for its facilitator.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoomWatch {
    pub room: usize,
    pub views: Vec<RoleView>,
    pub summary: RoomSummary,
    /// The score so far, by domain (label, points).
    pub domains: Vec<(String, i32)>,
    /// Events that have happened (on their trigger or fired by a facilitator).
    pub fired: Vec<String>,
}

/// A room at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomSummary {
    pub room: usize,
    pub case: String,
    pub half_day: String,
    pub total: i32,
    pub crises: u32,
    pub paused: bool,
    pub finished: bool,
    /// Each seat: who holds it ("a person", "the collaborative computer player", "empty",
    /// "away").
    pub seats: Vec<(String, String)>,
    /// Seats held for a player who has gone (the facilitator may release them).
    pub held: Vec<Role>,
}

/// The end of a session, for everyone in the room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Over {
    pub total: i32,
    /// The debrief as Markdown (the same content as the host's HTML report).
    pub debrief: String,
    /// Where the host saved the session file, if it did.
    pub saved: Option<String>,
}

/// Largest message a client may send, in bytes: bigger ones are dropped unread.
pub const MAX_UP_BYTES: usize = 64 * 1024;
