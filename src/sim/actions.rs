//! [`PlayerAction`]: the one message through which every action enters the simulation, from a
//! person at the window, a computer player, a replayed session file or a network peer.

use bevy::ecs::message::Message;
use bevy::ecs::resource::Resource;
use serde::{Deserialize, Serialize};

use super::ids::Role;
use crate::scenario::{Channel, Half};

/// A seat at the table: the player role that a person, a computer player or a network peer
/// plays. A seat is assigned by whoever owns it, never claimed by whoever sends an action:
/// the window assigns the seat of the person at its keyboard, the session driver a computer
/// player's, replay the seat a session file recorded, and a host the seat of each connection
/// (as bevy_replicon's `FromClient` names the sender). A sender only chooses an [`Act`]; the
/// owner wraps it with [`Seat::act`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Seat(Role);

impl Seat {
    /// `role`'s seat. Call this only where the seat is owned (see [`Seat`]).
    pub fn assign(role: Role) -> Seat {
        Seat(role)
    }

    pub fn role(self) -> Role {
        self.0
    }

    /// `act`, taken from this seat.
    pub fn act(self, act: Act) -> PlayerAction {
        PlayerAction { seat: self, act }
    }
}

/// One action from one seat: the one message through which every action enters the
/// simulation. The simulation re-checks every action against what the seat's role may do and
/// know; a refused action is logged with its [`Refusal`](super::Refusal) and changes nothing
/// else.
///
/// It cannot be deserialised: what crosses a file or a network is an [`Act`], and the owner
/// of the seat it came from makes the `PlayerAction`. Nor can a sender fill in its seat:
///
/// ```compile_fail
/// use joined_up::sim::{Act, PlayerAction, Role, Seat};
/// let claimed = PlayerAction { seat: Seat::assign(Role::Gp), act: Act::EndTurn };
/// ```
///
/// ```compile_fail
/// let from_the_wire: joined_up::sim::PlayerAction = serde_json::from_str("{}").unwrap();
/// ```
#[derive(Message, Debug, Clone, PartialEq)]
pub struct PlayerAction {
    seat: Seat,
    act: Act,
}

impl PlayerAction {
    pub fn seat(&self) -> Seat {
        self.seat
    }

    /// The role acting.
    pub fn role(&self) -> Role {
        self.seat.0
    }

    pub fn act(&self) -> &Act {
        &self.act
    }
}

/// One action as it was taken, for session files and replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    /// The half-day it was taken in (for people reading the file; replay does not need it).
    pub slot: u32,
    pub role: Role,
    pub act: Act,
}

/// Every action the simulation has taken in this session, applied or refused, in order: what a
/// session file keeps and replay plays back.
#[derive(Resource, Debug, Clone, Default)]
pub struct ActionRecord(pub Vec<Recorded>);

/// What a role does. Ids are the scenario's ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Act {
    /// Check a directory entry's details; finds out (and fixes) stale ones.
    LookUp { contact: String },
    /// Ask the patient, family or neighbours: reveals what they know and who else is involved.
    AskAround { patient: String },
    /// Ask the patient's consent to share information between services.
    AskConsent { patient: String },
    /// A clinical review (GP) or a care-needs assessment (social worker).
    Assess { patient: String },
    /// Visit the patient at home.
    HomeVisit { patient: String },
    /// Visit the patient together; happens when both roles choose it in the same half-day.
    JointVisit { patient: String },
    /// A new message: a referral, a request, a piece of information, an offer to meet.
    Send(Outgoing),
    /// Answer a message received.
    Reply(ReplyTo),
    /// Write facts into the shared record, where one exists.
    RecordNote { patient: String, facts: Vec<String> },
    /// Take responsibility for a need.
    ClaimNeed { need: String },
    /// Meet a need directly (a medication review, a carer's assessment).
    ActOnNeed { need: String },
    /// Commission a care package to meet a need.
    Commission { need: String, package: String },
    /// Raise a safeguarding concern with the local authority, on reasonable suspicion: anyone
    /// may, and need not prove anything first.
    EscalateSafeguarding { need: String },
    /// Decide, for the local authority, that the section 42 duty applies and open an enquiry
    /// (social care's statutory task).
    OpenEnquiry { need: String },
    /// Ask the person what they want to happen (Making Safeguarding Personal): what outcome
    /// they want, what matters to them.
    AskWishes { patient: String },
    /// Screen the person for NHS continuing healthcare with the checklist (either profession).
    ChcChecklist { patient: String },
    /// Complete the fast-track pathway tool for someone rapidly deteriorating towards the end
    /// of life (an appropriate clinician: the GP).
    FastTrack { patient: String },
    /// Assess whether the person can make one decision (Mental Capacity Act 2005).
    AssessCapacity { patient: String, decision: String },
    /// Make a best-interests decision for a person who lacks capacity to make it: both
    /// professions, the person's own wishes, and those close to them (or an advocate).
    BestInterests { patient: String, decision: String },
    /// Propose a care plan naming an owner for each need.
    ProposeCarePlan {
        patient: String,
        owners: Vec<(String, String)>,
    },
    /// Agree to the care plan the other role proposed.
    AcceptCarePlan { patient: String },
    /// Book a multidisciplinary team meeting.
    BookMdt { day: u32, half: Half },
    /// Look a patient up and put them on the next MDT's agenda.
    PrepareForMdt { patient: String },
    /// Attend the MDT happening this half-day.
    AttendMdt,
    /// Attend the daily huddle, where one has been set up.
    AttendHuddle,
    /// Finish this half-day.
    EndTurn,
}

impl Act {
    /// A short verb phrase for logs and timelines.
    pub fn verb(&self) -> &'static str {
        match self {
            Act::LookUp { .. } => "looked up a contact",
            Act::AskAround { .. } => "asked around",
            Act::AskConsent { .. } => "asked consent",
            Act::Assess { .. } => "assessed",
            Act::HomeVisit { .. } => "visited at home",
            Act::JointVisit { .. } => "joint visit",
            Act::Send(_) => "sent a message",
            Act::Reply(_) => "replied",
            Act::RecordNote { .. } => "wrote in the shared record",
            Act::ClaimNeed { .. } => "took ownership",
            Act::ActOnNeed { .. } => "acted on a need",
            Act::Commission { .. } => "commissioned care",
            Act::EscalateSafeguarding { .. } => "raised a safeguarding concern",
            Act::OpenEnquiry { .. } => "opened a section 42 enquiry",
            Act::AskWishes { .. } => "asked what they want to happen",
            Act::ChcChecklist { .. } => "completed a continuing healthcare checklist",
            Act::FastTrack { .. } => "completed the fast-track tool",
            Act::AssessCapacity { .. } => "assessed capacity",
            Act::BestInterests { .. } => "made a best-interests decision",
            Act::ProposeCarePlan { .. } => "proposed a care plan",
            Act::AcceptCarePlan { .. } => "agreed a care plan",
            Act::BookMdt { .. } => "booked an MDT",
            Act::PrepareForMdt { .. } => "prepared for the MDT",
            Act::AttendMdt => "attended the MDT",
            Act::AttendHuddle => "attended the huddle",
            Act::EndTurn => "ended the half-day",
        }
    }
}

/// A new message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outgoing {
    /// A directory entry the sender knows.
    pub to: String,
    pub channel: Channel,
    #[serde(default)]
    pub patient: Option<String>,
    /// The need the message is about.
    #[serde(default)]
    pub need: Option<String>,
    /// What the sender asks the recipient to do; none for a message that only informs.
    #[serde(default)]
    pub ask: Option<Ask>,
    /// Facts the sender knows and shares: the context.
    #[serde(default)]
    pub facts: Vec<String>,
    #[serde(default)]
    pub framing: Framing,
    /// Attach the care plan the sender proposed for this patient.
    #[serde(default)]
    pub attach_plan: bool,
    /// Free text for people; the simulation does not read it.
    #[serde(default)]
    pub text: String,
}

impl Outgoing {
    /// A message to `to` by `channel` with everything else empty.
    pub fn to(to: impl Into<String>, channel: Channel) -> Self {
        Outgoing {
            to: to.into(),
            channel,
            patient: None,
            need: None,
            ask: None,
            facts: Vec::new(),
            framing: Framing::Neutral,
            attach_plan: false,
            text: String::new(),
        }
    }
}

/// An answer to a message received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplyTo {
    /// The id of the message being answered.
    pub message: u32,
    pub answer: Answer,
    pub channel: Channel,
    #[serde(default)]
    pub facts: Vec<String>,
    #[serde(default)]
    pub framing: Framing,
    #[serde(default)]
    pub text: String,
}

/// What a message asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ask {
    /// Please take this need on (a referral).
    TakeOn,
    /// Please assess the patient.
    Assess,
    /// Please meet me at the patient's home then.
    JointVisit { day: u32, half: Half },
    /// Please tell me what you know.
    Information,
    /// Shall we name a liaison in each team?
    /// Called `LinkWorker` in sessions saved before format 2.
    #[serde(alias = "LinkWorker")]
    Liaison,
    /// Shall we hold a short daily huddle?
    Huddle,
}

impl Ask {
    pub fn label(&self) -> String {
        match self {
            Ask::TakeOn => "please take this on".to_owned(),
            Ask::Assess => "please assess".to_owned(),
            Ask::JointVisit { day, half } => {
                format!(
                    "joint visit on {}",
                    super::ids::Slot::at(*day, *half).label()
                )
            }
            Ask::Information => "please share what you know".to_owned(),
            Ask::Liaison => "set up a named liaison".to_owned(),
            Ask::Huddle => "set up a daily huddle".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// Received, will look at it.
    Acknowledge,
    /// Yes: I take it on / I'll come / agreed.
    Accept,
    /// No; optionally pointing to a directory entry that could help.
    Decline { redirect: Option<String> },
    /// The outcome: the need the message was about has been met (closing the loop).
    Done,
    /// Here is what I know (the facts attached).
    Information,
}

impl Answer {
    pub fn label(&self) -> &'static str {
        match self {
            Answer::Acknowledge => "acknowledged",
            Answer::Accept => "accepted",
            Answer::Decline { redirect: Some(_) } => "declined and signposted",
            Answer::Decline { redirect: None } => "declined",
            Answer::Done => "reported the outcome",
            Answer::Information => "shared information",
        }
    }
}

/// The tone of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Framing {
    /// Acknowledges the other's expertise and workload; explains why.
    Respectful,
    #[default]
    Neutral,
    /// Curt, blaming or "that's your problem".
    Dismissive,
}
