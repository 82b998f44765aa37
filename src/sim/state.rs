//! The simulation's state: components for people, patients, needs, facts, crises and
//! messages; resources for the clock, directory, budget, trust and meetings.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use bevy::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::actions::{Answer, Ask, Framing};
use super::ids::{Party, Role, RoleSet, Slot};
use crate::scenario::{Channel, Consent, Scenario, Setting};

/// The scenario being played and how: which setting, which seed.
#[derive(Resource, Debug, Clone)]
pub struct Session {
    pub scenario: Arc<Scenario>,
    /// SHA-256 of the scenario file.
    pub scenario_hash: String,
    /// The named setting played, or `None` for the file's own.
    pub setting_name: Option<String>,
    pub setting: Setting,
    pub seed: u64,
}

impl Session {
    /// How `channel` works in this session: the scenario's channel, with email secure where
    /// the setting says health and the council have secure email.
    pub fn channel(&self, channel: crate::scenario::Channel) -> crate::scenario::ChannelDef {
        let mut def = self.scenario.channels.get(channel).clone();
        if channel == crate::scenario::Channel::Email && self.setting.secure_email {
            def.secure = true;
        }
        def
    }
}

/// The current half-day.
#[derive(Resource, Debug, Clone, Copy, Reflect)]
#[reflect(Resource)]
pub struct Clock {
    pub slot: Slot,
    /// Half-days in the session.
    pub slots: u32,
}

impl Clock {
    /// This is the session's last half-day.
    pub fn is_last(&self) -> bool {
        self.slot.0 + 1 >= self.slots
    }
    /// The last half-day has been played: nobody can act.
    pub fn is_over(&self) -> bool {
        self.slot.0 >= self.slots
    }
}

/// The session's one source of randomness, seeded from the session seed. Draws are integer
/// based, so a seed gives the same session on every machine.
#[derive(Resource)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    pub fn seeded(seed: u64) -> Self {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }
    /// True with probability `p` (0 to 1).
    pub fn chance(&mut self, p: f32) -> bool {
        let threshold = (f64::from(p.clamp(0.0, 1.0)) * 1_000_000.0).round() as u32;
        self.0.random_range(0..1_000_000u32) < threshold
    }
    /// A whole number from `lo` to `hi` inclusive.
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            return lo;
        }
        self.0.random_range(lo..=hi)
    }
}

/// A player role's working time and situation.
#[derive(Component, Debug, Clone, Reflect)]
#[reflect(Component)]
pub struct Professional {
    pub role: Role,
    /// Minutes left this half-day.
    pub minutes_left: u32,
    /// Minutes available at the start of this half-day.
    pub minutes_this_slot: u32,
    pub ended_turn: bool,
    /// Away (sick, called away): the share of hours lost, until the end of this slot.
    pub absence: Option<(Slot, f32)>,
}

/// A patient on someone's caseload.
#[derive(Component, Debug, Clone)]
pub struct Patient {
    pub id: String,
    pub consent: Consent,
    /// Roles who know whether the patient agrees to sharing.
    pub consent_known: RoleSet,
    /// Roles with the patient on their caseload.
    pub caseload: RoleSet,
    /// Someone has asked the person what they want to happen (Making Safeguarding Personal,
    /// and their wishes and feelings in a best-interests decision).
    pub wishes_asked: bool,
    /// When someone first asked a person who needs reassurance before agreeing: the
    /// conversation has started, and a later ask gets their answer.
    pub reassured_at: Option<super::ids::Slot>,
    /// Each decision of theirs the scenario names, and where it has got to.
    pub decisions: BTreeMap<String, DecisionState>,
    /// Adult social care has assessed their needs (Care Act 2014 s9): the assessment and the
    /// eligibility decision that come before care the council arranges.
    pub needs_assessed: bool,
    /// The council's financial assessment (s17) has been made: it comes before the first
    /// package it arranges.
    pub finances_assessed: bool,
    /// Where NHS continuing healthcare has got to for them.
    pub chc: Chc,
}

/// NHS continuing healthcare for one person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Chc {
    /// Nobody has screened them.
    #[default]
    NotScreened,
    /// The checklist screened negative.
    Negative,
    /// The checklist screened positive; the full assessment's decision comes at this slot.
    Referred(super::ids::Slot),
    /// Eligible: the NHS funds their care.
    Funded,
}

/// Where one decision of the patient's has got to (Mental Capacity Act 2005).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionState {
    /// The outcome of a conclusive capacity assessment: whether they can make it.
    pub assessed: Option<bool>,
    /// Someone close to them (or an advocate) has been consulted.
    pub consulted: bool,
    /// A best-interests decision has been made for them.
    pub best_interests: bool,
}

impl Patient {
    /// Whether `role` knows the patient has agreed to information being shared.
    pub fn consent_known_given(&self, role: Role) -> bool {
        match self.consent {
            Consent::Given => true,
            Consent::Refused => false,
            Consent::NotAsked { will_agree, .. } => will_agree && self.consent_known.contains(role),
        }
    }

    /// Whether `role` knows the patient's answer about sharing (recorded, or asked).
    pub fn consent_known(&self, role: Role) -> bool {
        match self.consent {
            Consent::Given | Consent::Refused => true,
            Consent::NotAsked { .. } => self.consent_known.contains(role),
        }
    }

    /// Whether `role` knows the patient objects to their information being shared.
    pub fn objection_known(&self, role: Role) -> bool {
        match self.consent {
            Consent::Given => false,
            Consent::Refused => true,
            Consent::NotAsked { will_agree, .. } => {
                !will_agree && self.consent_known.contains(role)
            }
        }
    }
}

/// A piece of information about a patient, and who knows it.
#[derive(Component, Debug, Clone)]
pub struct Fact {
    pub id: String,
    pub patient: String,
    pub known_by: RoleSet,
    pub sensitive: bool,
}

/// Who is responsible for a need.
pub type Owner = Party;

/// A need, its owner and whether it has been met.
#[derive(Component, Debug, Clone)]
pub struct Need {
    pub id: String,
    pub patient: String,
    /// Roles that have noticed the need.
    pub seen_by: RoleSet,
    pub owner: Option<Owner>,
    /// The owner was named in an agreed care plan.
    pub planned: bool,
    pub met: Option<Slot>,
    /// Met once this slot starts (a package starting, a service doing its work).
    pub pending: Option<(Slot, Party, super::log::MetVia)>,
    /// A safeguarding concern about it has been raised, and by whom.
    pub concern: Option<Role>,
    /// The local authority has opened a section 42 enquiry into it.
    pub enquiry: bool,
}

/// Risk building toward a named crisis.
#[derive(Component, Debug, Clone)]
pub struct Crisis {
    pub id: String,
    pub patient: String,
    pub risk: u32,
    pub threshold: u32,
    pub occurred: Option<Slot>,
}

/// A message, in transit or delivered.
#[derive(Component, Debug, Clone)]
pub struct Mail {
    pub id: u32,
    pub from: Party,
    pub to: Party,
    /// Directory entry used (none for replies and event messages).
    pub contact: Option<String>,
    pub channel: Channel,
    pub patient: Option<String>,
    pub need: Option<String>,
    pub ask: Option<Ask>,
    pub answer: Option<Answer>,
    pub reply_to: Option<u32>,
    pub facts: Vec<String>,
    pub framing: Framing,
    /// The care plan for `patient` travels with it.
    pub plan_attached: bool,
    pub text: String,
    pub sent: Slot,
    /// When it reaches the recipient; `None` once delivered or lost.
    pub arrives: Option<Slot>,
    pub delivered: Option<Slot>,
    pub lost: bool,
    /// For a request passed on by a front door: which one.
    pub forwarded_by: Option<String>,
    /// The recipient has answered it.
    pub answered: bool,
    /// Trust has already suffered for it going unanswered.
    pub chased: bool,
    /// The recipient has reported the outcome of the need it was about.
    pub loop_closed: bool,
}

/// Every directory entry and who knows it.
#[derive(Resource, Debug, Clone, Default)]
pub struct Directory {
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub reaches: Party,
    pub channels: Vec<Channel>,
    /// Roles whose directory shows the entry.
    pub known_by: RoleSet,
    /// The listed details are out of date (until a role looks it up, for that role).
    pub stale: bool,
    /// Roles that have looked it up and so have the right details.
    pub fixed_by: RoleSet,
    /// Roles that found out the hard way that it is stale.
    pub stale_known_by: RoleSet,
}

impl Directory {
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.id == id)
    }
    /// Whether the entry works for `role`.
    pub fn works_for(&self, id: &str, role: Role) -> bool {
        self.get(id)
            .is_some_and(|e| !e.stale || e.fixed_by.contains(role))
    }
}

/// Money left for care packages.
#[derive(Resource, Debug, Clone, Copy, Reflect)]
#[reflect(Resource)]
pub struct Budget {
    pub left: i64,
}

/// Trust between health and social care, 0 to 100. Raised by respectful framing, follow-up
/// and joint work; lowered by bounced needs, cold referrals and silence.
#[derive(Resource, Debug, Clone, Copy, Reflect)]
#[reflect(Resource)]
pub struct Trust(pub u32);

/// Standing arrangements between the two players.
#[derive(Resource, Debug, Clone, Default, Reflect)]
#[reflect(Resource)]
pub struct Arrangements {
    pub liaison: bool,
    pub huddle: bool,
    /// Who attended today's huddle in this slot.
    pub huddle_attended: RoleSet,
}

/// Multidisciplinary team meetings, scheduled and booked.
#[derive(Resource, Debug, Clone, Default)]
pub struct Meetings {
    pub mdts: Vec<Mdt>,
}

#[derive(Debug, Clone, Default)]
pub struct Mdt {
    pub slot: Slot,
    pub minutes: u32,
    pub booked_by: Option<Role>,
    /// Patients looked up in advance, with the role who prepared them.
    pub agenda: BTreeMap<String, Role>,
    pub attended: RoleSet,
    /// Roles with time enough to attend when the slot began.
    pub could_attend: RoleSet,
    pub plans_agreed: Vec<String>,
    /// Facts one attendee learned from the other about the patients discussed.
    pub facts_pooled: u32,
    /// Each need a plan agreed at the meeting touched, with its owner before the meeting.
    pub owners_before: BTreeMap<String, Option<Party>>,
    pub held: bool,
}

impl Meetings {
    pub fn at(&self, slot: Slot) -> Option<&Mdt> {
        self.mdts.iter().find(|m| m.slot == slot)
    }
    pub fn at_mut(&mut self, slot: Slot) -> Option<&mut Mdt> {
        self.mdts.iter_mut().find(|m| m.slot == slot)
    }
    /// The next MDT at or after `slot`.
    pub fn next_from(&mut self, slot: Slot) -> Option<&mut Mdt> {
        self.mdts
            .iter_mut()
            .filter(|m| m.slot >= slot)
            .min_by_key(|m| m.slot)
    }
}

/// Care plans proposed and agreed, by patient.
#[derive(Resource, Debug, Clone, Default)]
pub struct CarePlans {
    pub plans: BTreeMap<String, CarePlan>,
}

#[derive(Debug, Clone)]
pub struct CarePlan {
    /// Need id to owner id.
    pub owners: Vec<(String, String)>,
    pub proposed_by: Role,
    pub proposed: Slot,
    /// Roles that have seen this version.
    pub seen_by: RoleSet,
    pub agreed: Option<Slot>,
}

/// Joint visits and shared presence this half-day.
#[derive(Resource, Debug, Clone, Default)]
pub struct Together {
    /// Patients a role has turned up to visit jointly, waiting for the other.
    pub waiting: Vec<(Role, String)>,
    /// Patients visited jointly this slot.
    pub visited: BTreeSet<String>,
    /// Both roles are in the same room this slot (MDT, huddle or joint visit).
    pub met: bool,
}

/// Ids and bookkeeping: the next message id, events that have fired, how many respectful
/// messages from each role have raised trust.
#[derive(Resource, Debug, Clone, Default)]
pub struct Bookkeeping {
    pub next_message: u32,
    pub fired: BTreeSet<String>,
    pub respect_noticed: BTreeMap<Role, u32>,
}

/// Ids to entities, for the parts of the simulation kept as entities.
#[derive(Resource, Debug, Clone, Default)]
pub struct Index {
    pub professionals: BTreeMap<Role, Entity>,
    pub patients: BTreeMap<String, Entity>,
    pub facts: BTreeMap<String, Entity>,
    pub needs: BTreeMap<String, Entity>,
    pub crises: BTreeMap<String, Entity>,
    pub mail: BTreeMap<u32, Entity>,
}

/// Services whose staff are away, until the end of the given slot: they answer late and
/// nobody picks up their phone.
#[derive(Resource, Debug, Clone, Default)]
pub struct ServiceAbsence(pub BTreeMap<String, Slot>);
