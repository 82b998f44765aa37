//! The session event log: every action and every outcome, in order. Scoring, replay and the
//! debrief read nothing else.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actions::{Act, Answer, Ask, Framing};
use super::ids::{Party, Role, RoleSet, Slot};
use crate::scenario::{Channel, CrisisKind};

/// One entry in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Position in the log, from 0.
    pub seq: u32,
    /// The half-day it happened in.
    pub slot: Slot,
    pub kind: LogKind,
}

/// How a need came to be met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MetVia {
    Act,
    Referral(String),
    Package(String),
    Safeguarding,
    JointVisit,
}

/// How a need came to have an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OwnedVia {
    Claimed,
    AcceptedReferral,
    CarePlan,
    Service,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arrangement {
    /// Called `LinkWorker` in sessions saved before format 2.
    #[serde(alias = "LinkWorker")]
    Liaison,
    Huddle,
}

/// Everything that can happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LogKind {
    SessionStarted {
        scenario: String,
        setting: Option<String>,
        seed: u64,
    },
    SlotStarted {
        /// Minutes each player role has this half-day (GP, social worker).
        minutes: [u32; 2],
    },
    /// An action the simulation refused, and why. Nothing else changed.
    Refused {
        role: Role,
        act: Act,
        refusal: super::refusal::Refusal,
        /// Minutes the attempt took before the answer was no (see `Refusal::costs_time`).
        #[serde(default)]
        minutes_lost: u32,
    },
    TurnEnded {
        role: Role,
    },
    LookedUp {
        role: Role,
        contact: String,
        was_stale: bool,
    },
    AskedAround {
        role: Role,
        patient: String,
        contacts_found: Vec<String>,
    },
    ConsentAsked {
        role: Role,
        patient: String,
        given: bool,
    },
    /// Asked about sharing, they were unsure and wanted to know more: ask again later.
    ConsentUnsure {
        role: Role,
        patient: String,
    },
    Assessed {
        role: Role,
        patient: String,
        at_home: bool,
    },
    JointVisitWaiting {
        role: Role,
        patient: String,
    },
    JointVisit {
        patient: String,
        /// The visit taught either of them something new or met a need there and then.
        productive: bool,
    },
    /// A role turned up for a joint visit alone and visited by themselves instead.
    JointVisitMissed {
        role: Role,
        patient: String,
    },
    FactLearned {
        role: Role,
        fact: String,
        how: String,
    },
    ContactFound {
        role: Role,
        contact: String,
        how: String,
    },
    /// A message was sent (a new one or a reply).
    Sent(Box<SentMessage>),
    /// A phone call nobody picked up.
    CallUnanswered {
        role: Role,
        contact: String,
    },
    /// A message sent to a stale entry went nowhere.
    StaleContact {
        role: Role,
        contact: String,
        channel: Channel,
    },
    Delivered {
        message: u32,
        to: Party,
    },
    /// A message that never arrived.
    Lost {
        message: u32,
    },
    /// A front door passed a request on, as a new message `copy`.
    Forwarded {
        message: u32,
        copy: u32,
        by: String,
        to: Party,
    },
    /// A non-player service answered.
    ServiceAnswered {
        message: u32,
        service: String,
        answer: Answer,
        /// For a decline: the service wanted more context.
        wanted_context: bool,
    },
    NeedSurfaced {
        need: String,
        patient: String,
        role: Role,
    },
    NeedOwned {
        need: String,
        owner: Party,
        via: OwnedVia,
    },
    /// A referred need was declined.
    NeedDeclined {
        need: String,
        role: Role,
        /// The party that had asked.
        asked_by: Party,
        /// Whether the decline pointed to a service that could meet the need.
        signposted_right: bool,
        signposted: bool,
    },
    NeedMet {
        need: String,
        patient: String,
        by: Party,
        via: MetVia,
    },
    PackageCommissioned {
        role: Role,
        need: String,
        package: String,
        cost: u32,
        /// Paid by the NHS (continuing healthcare), not the care budget.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        nhs_funded: bool,
    },
    /// The team chose an option the scenario marks as poor practice (a forced clearance where
    /// support would do), for the author's `reason`.
    PoorPractice {
        role: Role,
        need: String,
        reason: String,
    },
    /// A safeguarding concern was raised with the local authority.
    SafeguardingRaised {
        role: Role,
        need: String,
    },
    /// The local authority decided the section 42 duty applies and opened an enquiry.
    EnquiryOpened {
        need: String,
    },
    /// Someone asked the person what they want to happen (Making Safeguarding Personal).
    WishesAsked {
        role: Role,
        patient: String,
    },
    /// A capacity assessment for one decision, and what it found.
    CapacityAssessed {
        role: Role,
        patient: String,
        decision: String,
        outcome: CapacityOutcome,
    },
    /// A continuing healthcare checklist: positive means a full assessment follows.
    ChcScreened {
        role: Role,
        patient: String,
        positive: bool,
    },
    /// NHS continuing healthcare was established: the NHS funds the person's care.
    ChcFunded {
        patient: String,
        fast_track: bool,
    },
    /// Care for a primary health need was paid from the council's care budget before anyone
    /// screened the person for continuing healthcare.
    ChcMissed {
        role: Role,
        need: String,
    },
    /// The council's financial assessment, made before the first package it arranges for the
    /// person: care starts `slots` half-days later than it otherwise would.
    FinancesAssessed {
        patient: String,
        slots: u32,
    },
    /// A best-interests decision, made with both professions, the person's wishes, and those
    /// close to them or an advocate.
    BestInterestsDecided {
        role: Role,
        patient: String,
        decision: String,
    },
    /// Care was done to a person who said no: against a refusal made with capacity (the care
    /// fails and the need stays), or for a person who lacked capacity without a best-interests
    /// decision (the care goes ahead, unlawfully).
    Imposed {
        role: Role,
        need: String,
        decision: String,
        had_capacity: bool,
    },
    PlanProposed {
        role: Role,
        patient: String,
        owners: Vec<(String, String)>,
    },
    PlanAgreed {
        patient: String,
        owners: Vec<(String, String)>,
        proposed_by: Role,
        /// Every need either role knew of had a named owner.
        covers_all_needs: bool,
        at_mdt: bool,
    },
    RecordNote {
        role: Role,
        patient: String,
        facts: Vec<String>,
        sensitive: bool,
        /// Why sharing it was lawful, or that it was not.
        basis: SharingBasis,
    },
    MdtBooked {
        role: Role,
        slot: Slot,
    },
    MdtPrepared {
        role: Role,
        patient: String,
        mdt: Slot,
    },
    MdtAttended {
        role: Role,
    },
    MdtHeld {
        attendees: RoleSet,
        /// Roles with enough free time to attend.
        could_attend: RoleSet,
        agenda: Vec<String>,
        plans_agreed: Vec<String>,
        /// Facts one attendee learned from the other about the patients discussed.
        facts_pooled: u32,
        /// Open needs that got a new owner from a plan agreed at the meeting.
        owners_changed: u32,
    },
    HuddleHeld {
        attendees: RoleSet,
    },
    ArrangementMade {
        kind: Arrangement,
        proposed_by: Role,
    },
    TrustChanged {
        delta: i32,
        now: u32,
        reason: String,
    },
    CrisisOccurred {
        crisis: String,
        patient: String,
        kind: CrisisKind,
        text: String,
    },
    /// At the end: a crisis that did not happen because every need feeding it was met.
    CrisisAverted {
        crisis: String,
        patient: String,
        kind: CrisisKind,
    },
    /// At the end: a crisis that did not happen, but its causes were left unmet.
    CrisisLooming {
        crisis: String,
        patient: String,
        risk: u32,
        threshold: u32,
    },
    EventFired {
        event: String,
    },
    /// The facilitator fired an event the case offers them.
    Injected {
        event: String,
    },
    /// The facilitator sent one profession a hint.
    Hint {
        role: Role,
        text: String,
    },
    Notice {
        text: String,
    },
    Absence {
        role: String,
        days: u32,
        share: f32,
    },
    AddedToCaseload {
        patient: String,
        role: Role,
    },
    BudgetChanged {
        delta: i64,
        now: i64,
    },
    SessionEnded,
}

/// A message as sent, with what the simulation judged about it when it was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentMessage {
    pub message: u32,
    pub from: Role,
    /// Who the message is meant for (the directory entry's role).
    pub to: Party,
    /// The directory entry used (none for replies).
    pub contact: Option<String>,
    pub channel: Channel,
    pub patient: Option<String>,
    pub need: Option<String>,
    pub ask: Option<Ask>,
    pub answer: Option<Answer>,
    /// The message this one answers.
    pub reply_to: Option<u32>,
    pub facts: Vec<String>,
    pub framing: Framing,
    /// Between health and social care.
    pub cross_sector: bool,
    /// A request that carried every fact the need requires that the sender knew and the
    /// recipient did not (and at least one fact).
    pub has_context: bool,
    /// The need it is about was neither met nor being met when it was sent.
    pub need_open: bool,
    /// The sender's own profession could have met the need directly (acting on it, or
    /// commissioning care it may commission): asking someone else is passing work on, not
    /// finding the right person.
    pub own_work: bool,
    /// The recipient (after any front door) is a player who had already noticed the need:
    /// the referral told them nothing they did not have.
    pub recipient_aware: bool,
    /// It told the recipient at least one fact they did not know.
    pub news: bool,
    /// Sensitive facts attached that the recipient did not need for the patient's care (the
    /// minimum necessary).
    pub unneeded_sensitive: Vec<String>,
    /// An answer to a request for information that left out facts the asker needed, which
    /// the sender knew and could lawfully share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<String>,
    /// A referral whose recipient (after any front door) can meet the need.
    pub right_party: bool,
    /// Sensitive facts were shared.
    pub sensitive: bool,
    /// The channel is safe for sensitive information.
    pub secure: bool,
    /// Why sharing what it carries was lawful, or that it was not.
    pub basis: SharingBasis,
    pub text: String,
}

/// What a capacity assessment found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapacityOutcome {
    /// They can make this decision; their choice stands, wise or not.
    HasCapacity,
    /// They cannot make it now: a best-interests decision is needed.
    LacksCapacity,
    /// Their capacity fluctuates and this was a bad time to judge it: try at their best time.
    Inconclusive,
}

/// Why sharing a patient's information was lawful (the Caldicott principles, the duty to share
/// for direct care, consent, safeguarding), or that it was not. Judged for every message and
/// note about a patient; it matters when sensitive facts go with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SharingBasis {
    /// For the patient's own care, with a professional involved in it (the other profession, a
    /// health or care service that meets one of their needs), and no objection known: implied
    /// consent, and a duty to share what the other needs.
    DirectCare,
    /// The patient agreed to sharing, explicitly.
    Consent,
    /// A safeguarding concern justified sharing, without consent, with those who must act on it
    /// (health and social care); the message records that reason.
    Safeguarding,
    /// None: beyond the patient's care without their agreement, or against their objection.
    NoBasis,
}

impl SharingBasis {
    /// Whether there was a lawful basis.
    pub fn lawful(self) -> bool {
        self != SharingBasis::NoBasis
    }
}

/// The log itself.
#[derive(Resource, Debug, Clone, Default, Serialize, Deserialize)]
pub struct EventLog {
    pub entries: Vec<LogEntry>,
}

impl EventLog {
    pub fn push(&mut self, slot: Slot, kind: LogKind) {
        let seq = self.entries.len() as u32;
        self.entries.push(LogEntry { seq, slot, kind });
    }
}
