//! The scenario file format, version 1: the serde types an author's RON maps onto.
//!
//! Every field is documented in `docs/scenario-format.md`; keep the two in step (a test parses
//! every example in that document). Ids are names (`"mr_okafor"`, `"falls_clinic"`), unique
//! within their kind across the whole file, so any part of a scenario can refer to any other.

use std::collections::BTreeMap;

use bevy::asset::Asset;
use bevy::reflect::TypePath;
use serde::{Deserialize, Serialize};

/// The format version this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 2;
/// The oldest format version this build still reads (and plays as it always played).
pub const OLDEST_FORMAT: u32 = 1;

impl Scenario {
    /// Folds older formats' names into the current ones (format 1's `link_worker` is
    /// `liaison`), so the simulation reads one shape whatever the file's version.
    pub fn normalise(&mut self) {
        if let Some(v) = self.setting.link_worker.take() {
            self.setting.liaison = v;
        }
        for over in self.settings.values_mut() {
            if let Some(v) = over.link_worker.take() {
                over.liaison = over.liaison.or(Some(v));
            }
        }
    }
}

/// The id the GP player role has in every scenario.
pub const GP: &str = "gp";
/// The id the social-worker player role has in every scenario.
pub const SOCIAL_WORKER: &str = "social_worker";

/// One case: patients, the borough they live in, and the professionals around them.
#[derive(Asset, TypePath, Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version: [`OLDEST_FORMAT`] to [`FORMAT_VERSION`].
    pub format: u32,
    /// Short name used in session files and on the command line.
    pub id: String,
    pub title: String,
    /// Two or three sentences shown in the scenario picker.
    pub summary: String,
    #[serde(default)]
    pub authors: Vec<String>,
    /// Estimated minutes of play, briefing to debrief.
    pub play_minutes: u32,
    pub learning_objectives: Vec<String>,
    /// Questions an educator can put to the group in the debrief.
    #[serde(default)]
    pub discussion_prompts: Vec<String>,
    /// Format 2: the facilitator's guide to the case (`joined-up guide FILE` prints it).
    #[serde(default)]
    pub facilitator: Option<Facilitator>,
    /// Which of the nine barriers this case teaches.
    pub barriers: Vec<Barrier>,
    /// Simulated working days; each has a morning and an afternoon slot.
    pub days: u32,
    /// The borough as written.
    #[serde(default)]
    pub setting: Setting,
    /// Named variations of the setting ("walled", "integrated"), applied over `setting`.
    #[serde(default)]
    pub settings: BTreeMap<String, SettingOverride>,
    pub roles: Roles,
    /// The contact directory: how the roles can reach each other and other services.
    #[serde(default)]
    pub contacts: Vec<ContactDef>,
    #[serde(default)]
    pub channels: Channels,
    /// How many minutes each kind of action takes.
    #[serde(default)]
    pub action_minutes: ActionMinutes,
    pub patients: Vec<PatientDef>,
    #[serde(default)]
    pub care_packages: Vec<CarePackageDef>,
    #[serde(default)]
    pub events: Vec<EventDef>,
    #[serde(default)]
    pub scoring: ScoringDef,
}

/// The facilitator's guide to a case: what a tutor running a session needs beyond the case
/// itself. Every part may be left out; `joined-up guide` prints what there is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Facilitator {
    /// The law and practice the case rests on, a short paragraph each.
    pub background: Vec<String>,
    /// The model pathway: what good joint work looks like in this case, step by step.
    pub pathway: Vec<String>,
    /// What groups commonly get wrong, and why it matters.
    pub common_errors: Vec<String>,
    /// The parts of a session (briefing, play, the debrief's phases), in order.
    pub timing: Vec<TimingStep>,
    /// What to ask, and when.
    pub questions: Vec<FacilitatorQuestion>,
}

/// One part of a session and how long it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimingStep {
    /// Minutes, 1 to 180.
    pub minutes: u32,
    pub what: String,
}

/// A question for the tutor to put, and the moment to put it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilitatorQuestion {
    /// The moment: "When the fall happens", "In the analysis phase".
    pub when: String,
    pub ask: String,
}

/// The nine barriers to integrating primary and social care that the game is built on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Barrier {
    /// Not knowing who does what in the other sector, or how to reach them.
    UnknownRolesAndServices,
    /// Too little time to collaborate on top of clinics and visits.
    OverworkedStaff,
    /// Channels that are slow or unreliable; people who cannot be reached.
    Logistics,
    /// A culture of blame and bounced problems between sectors.
    PoorCulture,
    /// Contact only through forms, with no standing relationship.
    IrregularContact,
    /// Multidisciplinary meetings that clash, are unprepared or end without actions.
    InefficientMdt,
    /// Vacancies and sickness.
    FewStaff,
    /// Care that costs more than the budget allows; separate budgets.
    InsufficientFunding,
    /// Separate record systems: information must be sent, slowly and not always safely.
    NoInteroperability,
}

impl Barrier {
    pub const ALL: [Barrier; 9] = [
        Barrier::UnknownRolesAndServices,
        Barrier::OverworkedStaff,
        Barrier::Logistics,
        Barrier::PoorCulture,
        Barrier::IrregularContact,
        Barrier::InefficientMdt,
        Barrier::FewStaff,
        Barrier::InsufficientFunding,
        Barrier::NoInteroperability,
    ];

    /// A short name for reports.
    pub fn label(self) -> &'static str {
        match self {
            Barrier::UnknownRolesAndServices => "Not knowing roles and services",
            Barrier::OverworkedStaff => "Overworked staff",
            Barrier::Logistics => "Logistical issues",
            Barrier::PoorCulture => "Poor interprofessional culture",
            Barrier::IrregularContact => "Lack of regular contact",
            Barrier::InefficientMdt => "Inefficient MDT meetings",
            Barrier::FewStaff => "Fewer human resources",
            Barrier::InsufficientFunding => "Insufficient funding",
            Barrier::NoInteroperability => "Minimal interoperability",
        }
    }

    /// One sentence on what the barrier is, for reports.
    pub fn description(self) -> &'static str {
        match self {
            Barrier::UnknownRolesAndServices => {
                "Not knowing who does what in the other sector, or how to reach them."
            }
            Barrier::OverworkedStaff => {
                "Too little time to collaborate on top of clinics and visits."
            }
            Barrier::Logistics => {
                "Phones that ring out, slow post, people who cannot be in the same place at once."
            }
            Barrier::PoorCulture => "Blame, curt messages and problems bounced between sectors.",
            Barrier::IrregularContact => {
                "Contact only through forms, with no standing relationship or follow-up."
            }
            Barrier::InefficientMdt => {
                "Meetings that clash, are unprepared or end without owned actions."
            }
            Barrier::FewStaff => "Vacancies and sickness leave fewer hands for the same work.",
            Barrier::InsufficientFunding => {
                "Care that costs more than the budget allows; budgets that are not shared."
            }
            Barrier::NoInteroperability => {
                "Separate record systems: information must be sent, slowly and not always safely."
            }
        }
    }

    /// Which of the study's three themes the barrier belongs to.
    pub fn theme(self) -> &'static str {
        match self {
            Barrier::UnknownRolesAndServices | Barrier::OverworkedStaff | Barrier::Logistics => {
                "Accessing social services"
            }
            Barrier::PoorCulture | Barrier::IrregularContact | Barrier::InefficientMdt => {
                "Interprofessional relationships"
            }
            Barrier::FewStaff | Barrier::InsufficientFunding | Barrier::NoInteroperability => {
                "Infrastructure"
            }
        }
    }
}

/// Morning or afternoon.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Half {
    #[default]
    Am,
    Pm,
}

/// How the borough is organised. Every field has a default, so `setting: ()` is a valid,
/// thoroughly "walled" borough.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Setting {
    /// Both sectors read and write one record.
    pub shared_record: bool,
    /// Health and social care draw on one budget, so either role may commission care.
    pub pooled_budget: bool,
    /// A named social worker is the practice's liaison from the start.
    pub liaison: bool,
    /// Format 1's name for `liaison`; folded into it when the file is loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_worker: Option<bool>,
    /// A short daily huddle between the GP and social worker already exists.
    pub huddle: bool,
    /// Email between health and the council is secure (NHSmail and an accredited council
    /// address), so sensitive details may go by email.
    pub secure_email: bool,
    /// Whether the directory is as the contacts say (stale and missing entries) or up to date.
    pub directory: DirectoryQuality,
    /// Pounds available for care packages over the whole session.
    pub budget: u32,
    /// Starting trust between the sectors, 0 (hostile) to 100 (close partners).
    pub trust: u32,
    /// The regular multidisciplinary team meeting, if there is one.
    pub mdt: MdtCadence,
    /// Share of each role's hours actually staffed (role id to a fraction, 1.0 = full).
    pub staffing: BTreeMap<String, f32>,
}

impl Default for Setting {
    fn default() -> Self {
        Setting {
            shared_record: false,
            pooled_budget: false,
            liaison: false,
            link_worker: None,
            huddle: false,
            secure_email: false,
            directory: DirectoryQuality::AsWritten,
            budget: 1000,
            trust: 40,
            mdt: MdtCadence::None,
            staffing: BTreeMap::new(),
        }
    }
}

/// A named variation of the setting. Fields left out keep the value from `setting`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SettingOverride {
    /// One line shown when choosing the setting.
    pub description: String,
    pub shared_record: Option<bool>,
    pub pooled_budget: Option<bool>,
    pub liaison: Option<bool>,
    /// Format 1's name for `liaison`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_worker: Option<bool>,
    pub huddle: Option<bool>,
    pub secure_email: Option<bool>,
    pub directory: Option<DirectoryQuality>,
    pub budget: Option<u32>,
    pub trust: Option<u32>,
    pub mdt: Option<MdtCadence>,
    /// Merged into the base staffing, role by role.
    pub staffing: BTreeMap<String, f32>,
}

impl Setting {
    /// This setting with `over` laid on top.
    pub fn with(&self, over: &SettingOverride) -> Setting {
        let mut s = self.clone();
        if let Some(v) = over.shared_record {
            s.shared_record = v;
        }
        if let Some(v) = over.pooled_budget {
            s.pooled_budget = v;
        }
        if let Some(v) = over.liaison.or(over.link_worker) {
            s.liaison = v;
        }
        if let Some(v) = over.huddle {
            s.huddle = v;
        }
        if let Some(v) = over.secure_email {
            s.secure_email = v;
        }
        if let Some(v) = over.directory {
            s.directory = v;
        }
        if let Some(v) = over.budget {
            s.budget = v;
        }
        if let Some(v) = over.trust {
            s.trust = v;
        }
        if let Some(v) = &over.mdt {
            s.mdt = v.clone();
        }
        for (role, share) in &over.staffing {
            s.staffing.insert(role.clone(), *share);
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DirectoryQuality {
    /// Stale and unlisted contacts are as the contact list says.
    #[default]
    AsWritten,
    /// Every contact is listed for both players and none is stale.
    UpToDate,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum MdtCadence {
    /// No regular meeting; players may still book one.
    #[default]
    None,
    /// A meeting on `first_day`, then every `every_days` days, in the given half-day.
    Regular {
        first_day: u32,
        every_days: u32,
        half: Half,
        #[serde(default = "default_mdt_minutes")]
        minutes: u32,
    },
}

fn default_mdt_minutes() -> u32 {
    60
}

/// The two player roles and any non-player characters.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    pub gp: PlayerRoleDef,
    pub social_worker: PlayerRoleDef,
    /// Non-player characters: a duty team, a falls service, a district nurse, a carer.
    #[serde(default)]
    pub others: Vec<NpcDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlayerRoleDef {
    /// The character's name, e.g. "Dr Amara Osei".
    pub name: String,
    /// Job and workplace, e.g. "GP partner, Canal Street Surgery".
    pub title: String,
    /// Working hours per simulated day, before staffing is applied.
    #[serde(default = "default_hours_per_day")]
    pub hours_per_day: f32,
    /// Clinics, visits and other fixed work that fill the day.
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// What this profession knows at the start, shown before play.
    #[serde(default)]
    pub briefing: String,
}

fn default_hours_per_day() -> f32 {
    8.0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// Shown in the calendar: "Morning surgery".
    pub what: String,
    pub half: Half,
    pub hours: f32,
    /// Days it happens on (1-based); empty means every day.
    #[serde(default)]
    pub days: Vec<u32>,
    /// False when the role cannot take phone calls during it (a clinic, a home visit round).
    #[serde(default)]
    pub takes_calls: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sector {
    Health,
    SocialCare,
    /// Voluntary and community organisations, families and carers.
    Community,
    /// The council's housing service, housing associations and other landlords.
    Housing,
    Police,
    FireAndRescue,
    /// Children's social care.
    ChildrenServices,
    /// Schools and colleges.
    Education,
}

impl Sector {
    /// The sector in words, as a player reads it.
    pub fn label(self) -> &'static str {
        match self {
            Sector::Health => "health services",
            Sector::SocialCare => "social care",
            Sector::Community => "community and voluntary groups",
            Sector::Housing => "housing",
            Sector::Police => "the police",
            Sector::FireAndRescue => "the fire service",
            Sector::ChildrenServices => "children's services",
            Sector::Education => "schools",
        }
    }

    /// Partners who act on a safeguarding concern about an adult (Care Act 2014 s6 and s42):
    /// health, social care, the police and housing, with whom a concern may be shared without
    /// consent, with the reason recorded.
    pub fn safeguarding_partner(self) -> bool {
        matches!(
            self,
            Sector::Health | Sector::SocialCare | Sector::Police | Sector::Housing
        )
    }
}

/// A non-player character or team that answers messages by itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NpcDef {
    pub id: String,
    pub name: String,
    pub sector: Sector,
    #[serde(default)]
    pub description: String,
    /// Half-day slots before it answers a message, at middling trust.
    #[serde(default = "default_answers_after")]
    pub answers_after: u32,
    /// A front door: passes requests it receives on to this role instead of answering them.
    #[serde(default)]
    pub forwards_to: Option<String>,
    /// Format 2: referring to this service is poor practice, for this reason (shown in the
    /// debrief). It still meets the needs it lists; the team loses points for choosing it.
    #[serde(default)]
    pub poor_practice: Option<String>,
}

fn default_answers_after() -> u32 {
    2
}

/// A directory entry: one way of reaching one role.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactDef {
    pub id: String,
    /// As the directory shows it: "Adult Social Care front door".
    pub name: String,
    /// The role (player or other) that messages to this entry reach.
    pub reaches: String,
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub description: String,
    /// Whose directory lists this entry at the start. Leave out for both players; `[]` for
    /// an entry nobody has listed.
    #[serde(default)]
    pub listed_for: Option<Vec<String>>,
    /// The listed details are out of date: messages go nowhere until someone looks it up.
    #[serde(default)]
    pub stale: bool,
    /// Asking around about any of these patients turns the entry up.
    #[serde(default)]
    pub found_by_asking_about: Vec<String>,
}

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Channel {
    Phone,
    Email,
    /// Fax or letter.
    Letter,
    /// A task or note in a record both sectors use; only where one exists.
    SharedRecord,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Phone,
        Channel::Email,
        Channel::Letter,
        Channel::SharedRecord,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Letter => "letter",
            Channel::SharedRecord => "shared record",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Channels {
    pub phone: ChannelDef,
    pub email: ChannelDef,
    pub letter: ChannelDef,
    pub shared_record: ChannelDef,
}

impl Channels {
    pub fn get(&self, c: Channel) -> &ChannelDef {
        match c {
            Channel::Phone => &self.phone,
            Channel::Email => &self.email,
            Channel::Letter => &self.letter,
            Channel::SharedRecord => &self.shared_record,
        }
    }
}

impl Default for Channels {
    fn default() -> Self {
        Channels {
            phone: ChannelDef {
                minutes: 10,
                delay: (0, 0),
                reliability: 0.6,
                secure: true,
            },
            email: ChannelDef {
                minutes: 10,
                delay: (2, 3),
                reliability: 0.95,
                secure: false,
            },
            letter: ChannelDef {
                minutes: 15,
                delay: (4, 10),
                reliability: 0.85,
                secure: true,
            },
            shared_record: ChannelDef {
                minutes: 5,
                delay: (0, 0),
                reliability: 1.0,
                secure: true,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelDef {
    /// Sender's minutes per message.
    pub minutes: u32,
    /// Slots before delivery, shortest and longest (drawn from the seeded generator).
    pub delay: (u32, u32),
    /// For the phone: chance the person picks up. Otherwise: chance the message arrives.
    pub reliability: f32,
    /// Safe for identifiable or sensitive patient information.
    pub secure: bool,
}

/// Minutes each action costs the role taking it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ActionMinutes {
    pub look_up: u32,
    pub ask_around: u32,
    pub ask_consent: u32,
    pub assess: u32,
    pub home_visit: u32,
    pub joint_visit: u32,
    pub record_note: u32,
    pub prepare: u32,
    pub huddle: u32,
    pub care_plan: u32,
    pub commission: u32,
    pub safeguarding: u32,
    pub act: u32,
    pub claim: u32,
}

impl Default for ActionMinutes {
    fn default() -> Self {
        ActionMinutes {
            look_up: 15,
            ask_around: 20,
            ask_consent: 10,
            assess: 40,
            home_visit: 90,
            joint_visit: 90,
            record_note: 10,
            prepare: 15,
            huddle: 20,
            care_plan: 15,
            commission: 30,
            safeguarding: 30,
            act: 30,
            claim: 5,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientDef {
    pub id: String,
    pub name: String,
    pub age: u32,
    /// What anyone with the patient on their list can see.
    pub summary: String,
    #[serde(default)]
    pub consent: Consent,
    /// Which player roles have the patient on their caseload at the start (default both).
    #[serde(default)]
    pub caseload: Option<Vec<String>>,
    pub facts: Vec<FactDef>,
    pub needs: Vec<NeedDef>,
    #[serde(default)]
    pub crises: Vec<CrisisDef>,
    /// Decisions about their care that a need may depend on, and whether they can make each
    /// one (Mental Capacity Act 2005: capacity is decision-specific).
    #[serde(default)]
    pub decisions: Vec<DecisionDef>,
    /// Format 2: patients in the same household (a carer and the person they care for, a
    /// parent and a young carer). This patient's needs may require their facts and feed their
    /// crises.
    #[serde(default)]
    pub household: Vec<String>,
    /// Format 2: sectors they do not want their information shared with, whatever they agree
    /// to otherwise ("not the police", "not my landlord"). Known with their consent: recorded
    /// where consent is, learned by asking where it is not.
    #[serde(default)]
    pub not_shared_with: Vec<Sector>,
}

/// A decision the person faces, and their capacity to make it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionDef {
    pub id: String,
    /// What is to be decided, in words: "whether to accept carers at home".
    pub text: String,
    /// Whether they can make this decision (understand, retain, use and weigh the information,
    /// communicate a choice). Unknown to the players until someone assesses it; the law
    /// presumes they can.
    pub capacity: bool,
    /// Facts an assessment needs: whoever assesses must know every one (usually some from
    /// each profession).
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Their capacity comes and goes: an assessment in the afternoon, when they are at their
    /// most confused, is inconclusive.
    #[serde(default)]
    pub fluctuates: bool,
    /// They currently say no. With capacity that refusal stands; without it, only a
    /// best-interests decision lets the need be met.
    #[serde(default)]
    pub refuses: bool,
    /// A contact close to them to consult in a best-interests decision (a relative, a friend).
    #[serde(default)]
    pub consult: Option<String>,
    /// That person holds a lasting power of attorney for health and welfare, so the decision
    /// is theirs to make with the professionals' advice.
    #[serde(default)]
    pub attorney: bool,
    /// With nobody to consult: the independent advocate (IMCA) service's contact.
    #[serde(default)]
    pub advocate: Option<String>,
}

/// Whether the patient agrees to information about them being shared between services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Consent {
    /// Agreed to sharing, explicitly, and recorded; both roles know. Sensitive facts may go
    /// beyond the person's direct care too.
    #[default]
    Given,
    /// Objects to their information being shared; both roles know. Sharing sensitive facts,
    /// even with a colleague in their care, then needs a safeguarding concern.
    Refused,
    /// Nobody has asked. For direct care, professionals involved may share what the other
    /// needs (implied consent); beyond it, asking reveals the answer (`will_agree: false`
    /// is then a recorded objection).
    NotAsked {
        will_agree: bool,
        /// Format 2: the first time anyone asks, they are unsure and want to know who will see
        /// what and why; asked again on a later half-day, they give their answer. Consent is a
        /// conversation, not a form.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        after_reassurance: bool,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    pub id: String,
    pub text: String,
    /// Player roles that know this from the start.
    #[serde(default)]
    pub known_to: Vec<String>,
    /// Actions that reveal it to the role taking them.
    #[serde(default)]
    pub revealed_by: Vec<Reveal>,
    /// Identifiable or clinical detail: needs consent and a secure channel to share.
    #[serde(default)]
    pub sensitive: bool,
}

/// An action that reveals a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reveal {
    /// The named player role assesses the patient (a GP review, a care-needs assessment).
    Assess(String),
    /// The named player role visits the patient at home.
    HomeVisit(String),
    /// The named player role asks the patient, family or neighbours.
    AskAround(String),
    /// Only both professions together, on a joint visit, see it.
    JointVisit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NeedKind {
    Medical,
    Social,
    Both,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeedDef {
    pub id: String,
    pub text: String,
    pub kind: NeedKind,
    /// Facts that make the need apparent: a role sees the need once it knows any of them.
    /// Empty: everyone with the patient on their caseload sees it from the start.
    #[serde(default)]
    pub signs: Vec<String>,
    /// Facts whoever meets the need must know (or a referral must carry).
    #[serde(default)]
    pub requires: Vec<String>,
    /// Ways the need can be met; any one will do.
    pub resolved_by: Vec<Resolution>,
    /// The crisis this need pushes the patient toward while it is unmet.
    #[serde(default)]
    pub feeds: Option<String>,
    /// Risk points added to that crisis per day while the need is unmet.
    #[serde(default = "default_risk_per_day")]
    pub risk_per_day: u32,
    /// A decision of the patient's (in `decisions`) that meeting this need engages: if they
    /// refuse it, their refusal (with capacity) or a best-interests decision (without) comes
    /// first.
    #[serde(default)]
    pub decision: Option<String>,
    /// Format 2: a primary health need, which NHS continuing healthcare funds once it is
    /// established (by a checklist and full assessment, or the fast track at the end of life).
    #[serde(default)]
    pub continuing_healthcare: Option<ChcRoute>,
}

/// How NHS continuing healthcare is established for a need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChcRoute {
    /// The checklist screens positive and a full multidisciplinary assessment finds a primary
    /// health need.
    Assessment,
    /// A rapidly deteriorating condition that may be entering a terminal phase: an appropriate
    /// clinician's fast-track tool establishes eligibility at once.
    FastTrack,
}

fn default_risk_per_day() -> u32 {
    10
}

/// One way of meeting a need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    /// A player role does it directly (a medication review, a carer's assessment).
    Act {
        role: String,
        #[serde(default)]
        minutes: Option<u32>,
    },
    /// A non-player service accepts a referral with enough context and a clear ask.
    Referral {
        to: String,
        #[serde(default = "default_takes_slots")]
        takes_slots: u32,
    },
    /// A care package is commissioned.
    Package(String),
    /// A safeguarding concern is escalated.
    Safeguarding,
    /// A joint visit by both players.
    JointVisit,
}

fn default_takes_slots() -> u32 {
    2
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CrisisKind {
    Fall,
    EmergencyAdmission,
    CarerBreakdown,
    SafeguardingIncident,
    SelfNeglect,
    Other,
}

impl CrisisKind {
    pub fn label(self) -> &'static str {
        match self {
            CrisisKind::Fall => "fall",
            CrisisKind::EmergencyAdmission => "emergency admission",
            CrisisKind::CarerBreakdown => "carer breakdown",
            CrisisKind::SafeguardingIncident => "safeguarding incident",
            CrisisKind::SelfNeglect => "self-neglect",
            CrisisKind::Other => "crisis",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisDef {
    pub id: String,
    pub kind: CrisisKind,
    /// What happens, in a sentence, shown when it does.
    pub text: String,
    /// Risk at which the crisis happens.
    #[serde(default = "default_threshold")]
    pub threshold: u32,
    /// Risk at the start of the session.
    #[serde(default)]
    pub start: u32,
}

fn default_threshold() -> u32 {
    100
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarePackageDef {
    pub id: String,
    pub name: String,
    /// Pounds drawn from the social-care (or pooled) budget.
    pub cost: u32,
    /// Slots between commissioning and the care starting.
    #[serde(default = "default_starts_after")]
    pub starts_after: u32,
    /// Format 2: commissioning this is poor practice, for this reason (shown in the debrief).
    /// It still meets the needs that list it; the team loses points for choosing it.
    #[serde(default)]
    pub poor_practice: Option<String>,
}

fn default_starts_after() -> u32 {
    2
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    pub id: String,
    pub when: Trigger,
    /// Chance that it fires when triggered, drawn from the seeded generator.
    #[serde(default = "default_chance")]
    pub chance: f32,
    pub effects: Vec<Effect>,
    /// Format 2: the facilitator may fire it at any moment in LAN play (`when` still fires it
    /// as usual otherwise; an event fires once either way).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub facilitator: bool,
}

fn default_chance() -> f32 {
    1.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At the start of a given slot (day is 1-based).
    At { day: u32, half: Half },
    /// Just after the named crisis happens.
    CrisisHappens(String),
    /// At the start of the given day if the need is still unmet.
    NeedUnmetBy { need: String, day: u32 },
    /// As soon as any player role learns the fact.
    FactLearned(String),
    /// Format 2: as soon as the care package is commissioned, for anyone.
    Commissioned(String),
    /// Format 2: as soon as a service takes on the need from a referral.
    ReferralAccepted(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// A message arrives for a player role from a contact (a carer's call, a discharge letter).
    Message {
        from: String,
        to: String,
        #[serde(default)]
        patient: Option<String>,
        text: String,
        #[serde(default)]
        reveals: Vec<String>,
    },
    /// A player role learns a fact.
    RevealFact { fact: String, to: String },
    /// A notice every player sees.
    Notice(String),
    /// Push a crisis closer.
    AddRisk { crisis: String, amount: u32 },
    /// Someone is off sick or called away: a share of their hours is lost for some days.
    Absence {
        role: String,
        days: u32,
        #[serde(default = "default_absence_share")]
        share: f32,
    },
    /// A patient joins a player role's caseload (a hospital discharge, a new referral).
    AddToCaseload { patient: String, role: String },
    /// Money added to (or, negative, cut from) the care budget.
    Budget(i64),
    /// Format 2: one service refers a need on to another, which takes it on (if it is still
    /// open) and meets it as a referral from a player would be met. Pair it with a
    /// `ReferralAccepted` trigger for services that refer to each other.
    Refer { need: String, to: String },
}

fn default_absence_share() -> f32 {
    0.5
}

/// Scenario-specific scoring adjustments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoringDef {
    /// Points per behaviour, replacing the defaults for the behaviours named.
    pub weights: BTreeMap<super::behaviour::Behaviour, i32>,
}
