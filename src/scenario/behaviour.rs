//! The behaviours the score recognises, their competency domains and default weights: the
//! vocabulary of the score, which scenario files name when they reweight it, and which
//! [`scoring`](crate::scoring) uses (it lives with the format so that the format depends on
//! nothing above it).
//!
//! This is the one place default weights live; a scenario may replace any of them in its
//! `scoring: (weights: { ... })` block.

use serde::{Deserialize, Serialize};

use super::Barrier;

/// IPEC Core Competencies for Interprofessional Collaborative Practice (2023) domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Domain {
    ValuesEthics,
    RolesResponsibilities,
    Communication,
    TeamsTeamwork,
}

impl Domain {
    pub const ALL: [Domain; 4] = [
        Domain::ValuesEthics,
        Domain::RolesResponsibilities,
        Domain::Communication,
        Domain::TeamsTeamwork,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Domain::ValuesEthics => "Values and Ethics",
            Domain::RolesResponsibilities => "Roles and Responsibilities",
            Domain::Communication => "Communication",
            Domain::TeamsTeamwork => "Teams and Teamwork",
        }
    }

    /// The key used in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Domain::ValuesEthics => "values_ethics",
            Domain::RolesResponsibilities => "roles_responsibilities",
            Domain::Communication => "communication",
            Domain::TeamsTeamwork => "teams_teamwork",
        }
    }
}

macro_rules! behaviours {
    ($( $(#[$doc:meta])* $name:ident => $domain:ident, $points:expr, $label:expr; )*) => {
        /// A behaviour the score rewards or penalises.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Behaviour {
            $( $(#[$doc])* $name, )*
        }

        impl Behaviour {
            pub const ALL: &'static [Behaviour] = &[$(Behaviour::$name),*];

            /// The competency domain the behaviour counts toward.
            pub fn domain(self) -> Domain {
                match self { $(Behaviour::$name => Domain::$domain,)* }
            }

            /// Points per occurrence unless a scenario says otherwise.
            pub fn default_points(self) -> i32 {
                match self { $(Behaviour::$name => $points,)* }
            }

            /// A short phrase for reports: "Closed the loop".
            pub fn label(self) -> &'static str {
                match self { $(Behaviour::$name => $label,)* }
            }
        }
    };
}

behaviours! {
    /// A referral of an open need that carried the facts the recipient needs and a clear ask
    /// (once per need, however many it went to).
    ContextualReferral => Communication, 4, "Referral with context and a clear ask";
    /// A referral with no context or no clear ask.
    ColdReferral => Communication, -4, "Cold referral (no context or no clear ask)";
    /// Answered a colleague's request within a day with a decision or something they did not
    /// know (once per request).
    Acknowledged => Communication, 2, "Answered a colleague promptly";
    /// A colleague's message left unanswered for more than two days.
    Unanswered => Communication, -3, "Left a colleague's message unanswered";
    /// The owner of a referred need told the person who referred it that it was met.
    ClosedLoop => Communication, 4, "Closed the loop with the referrer";
    /// Respectful framing in a message to the other sector.
    RespectfulFraming => Communication, 1, "Respectful framing";
    /// Curt or blaming framing in a message to the other sector.
    DismissiveFraming => Communication, -3, "Dismissive framing";
    /// Reached the person or service that can actually meet the need.
    RightContact => RolesResponsibilities, 3, "Found the right contact";
    /// Asked someone who cannot meet a need to take it on or assess it.
    WrongContact => RolesResponsibilities, -1, "Asked someone who cannot help";
    /// Took responsibility for a need.
    TookOwnership => RolesResponsibilities, 2, "Took ownership of a need";
    /// Declined a need without pointing to anyone who could meet it.
    BouncedNeed => RolesResponsibilities, -5, "Bounced a need back";
    /// Declined a need but pointed to the right service (once per need).
    Signposted => RolesResponsibilities, 1, "Signposted to the right service";
    /// Owned a need that was still not met, nor in hand, at the end.
    OwnedNotDone => RolesResponsibilities, -3, "Owned a need but did not see it done";
    /// A need the team knew about had no owner for another day.
    UnownedNeed => RolesResponsibilities, -2, "Need left without an owner for a day";
    /// The same profession repeated its own home assessment of a patient within two days.
    DuplicateAssessment => RolesResponsibilities, -3, "Repeated the same assessment";
    /// Met a need.
    NeedMet => RolesResponsibilities, 2, "Met a need";
    /// Visited a patient together, and it taught one of them something or met a need.
    JointVisit => TeamsTeamwork, 6, "Joint visit";
    /// Agreed a care plan in which every known need has a named owner, naming owners for
    /// needs no earlier plan covered.
    SharedCarePlan => TeamsTeamwork, 6, "Shared care plan with named owners";
    /// Held an MDT with both professions and prepared patients that changed something: what
    /// they knew, or who owns what.
    PreparedMdt => TeamsTeamwork, 6, "Prepared MDT that changed something";
    /// Attended an MDT with no patient prepared.
    UnpreparedMdt => TeamsTeamwork, -2, "Unprepared MDT";
    /// Missed an MDT the other profession attended.
    MissedMdt => TeamsTeamwork, -3, "Missed an MDT";
    /// An owner met a need agreed at an MDT or in a care plan.
    ActionPointDone => TeamsTeamwork, 3, "Followed through on an action point";
    /// Set up a named liaison or a regular huddle.
    StandingArrangement => TeamsTeamwork, 5, "Set up a standing arrangement";
    /// Handed a need over to the other profession and never followed it up.
    SiloedHandoff => TeamsTeamwork, -3, "Handed a need over and never followed it up";
    /// Asked the patient's consent while holding something sensitive to share.
    ConsentSought => ValuesEthics, 2, "Sought consent";
    /// Shared sensitive information with no lawful basis: beyond the person's care without
    /// their agreement, or against their objection, with no safeguarding concern.
    SharedWithoutConsent => ValuesEthics, -5, "Shared without consent or another lawful basis";
    /// Sent sensitive information through an insecure channel.
    UnsafeChannel => ValuesEthics, -4, "Sensitive information by an unsafe channel";
    /// Sent sensitive information the recipient did not need (the minimum necessary).
    OverShared => ValuesEthics, -2, "Shared more sensitive information than needed";
    /// Answered a colleague's request for information without what they needed, known and
    /// shareable (the duty to share).
    Withheld => ValuesEthics, -3, "Answered without what the colleague needed";
    /// Raised a safeguarding concern with the local authority, on reasonable suspicion.
    SafeguardingRaised => ValuesEthics, 5, "Raised a safeguarding concern";
    /// Asked a person at the centre of a safeguarding concern what they want to happen.
    SafeguardingPersonal => ValuesEthics, 2, "Made safeguarding personal";
    /// Assessed whether a person can make a decision a need engaged, and found out.
    CapacityAssessed => ValuesEthics, 3, "Assessed capacity for a decision";
    /// Made a best-interests decision together, with the person's wishes and those close to
    /// them.
    BestInterests => TeamsTeamwork, 5, "Made a best-interests decision together";
    /// Imposed care on a person who said no: against a capacitous refusal, or without a
    /// best-interests decision.
    Imposed => ValuesEthics, -10, "Imposed care on someone who said no";
    /// Chose an option the case marks as poor practice, for the reason the author gives.
    PoorPractice => ValuesEthics, -5, "Chose a poor-practice option";
    /// Established NHS continuing healthcare for someone with a primary health need (a
    /// positive checklist, or the fast track at the end of life).
    ContinuingHealthcare => RolesResponsibilities, 4, "Sought NHS continuing healthcare";
    /// Paid from the care budget for a primary health need before anyone screened for
    /// continuing healthcare.
    ChcMissed => RolesResponsibilities, -3, "Paid for health care from the care budget";
    /// A crisis whose causes were all dealt with in time.
    CrisisPrevented => ValuesEthics, 10, "Crisis prevented";
    /// A crisis happened.
    CrisisSuffered => ValuesEthics, -12, "Crisis suffered";
}

impl Behaviour {
    /// The barriers from the study that this behaviour works against (when it earns points) or
    /// gives in to (when it costs them). The debrief uses this to say how the players handled
    /// each barrier they met.
    pub fn barriers(self) -> &'static [Barrier] {
        use Barrier::*;
        use Behaviour as B;
        match self {
            B::ContextualReferral | B::ColdReferral => &[NoInteroperability, IrregularContact],
            B::Acknowledged | B::Unanswered | B::ClosedLoop => &[IrregularContact, Logistics],
            B::RespectfulFraming | B::DismissiveFraming | B::BouncedNeed => &[PoorCulture],
            B::RightContact | B::WrongContact | B::Signposted => &[UnknownRolesAndServices],
            B::TookOwnership | B::UnownedNeed | B::OwnedNotDone => {
                &[OverworkedStaff, FewStaff, PoorCulture]
            }
            B::SiloedHandoff => &[PoorCulture, IrregularContact],
            B::OverShared => &[NoInteroperability],
            B::Withheld => &[PoorCulture, NoInteroperability],
            B::DuplicateAssessment => &[NoInteroperability, OverworkedStaff],
            B::NeedMet => &[InsufficientFunding],
            B::JointVisit => &[Logistics, PoorCulture],
            B::SharedCarePlan => &[InefficientMdt, NoInteroperability],
            B::PreparedMdt | B::UnpreparedMdt | B::MissedMdt | B::ActionPointDone => {
                &[InefficientMdt]
            }
            B::StandingArrangement => &[IrregularContact, UnknownRolesAndServices],
            B::ConsentSought | B::SharedWithoutConsent | B::UnsafeChannel => &[NoInteroperability],
            B::SafeguardingRaised => &[UnknownRolesAndServices],
            B::SafeguardingPersonal => &[PoorCulture],
            B::CapacityAssessed | B::Imposed => &[UnknownRolesAndServices],
            B::PoorPractice => &[PoorCulture],
            B::ContinuingHealthcare | B::ChcMissed => {
                &[InsufficientFunding, UnknownRolesAndServices]
            }
            B::BestInterests => &[InefficientMdt, PoorCulture],
            B::CrisisPrevented | B::CrisisSuffered => &[],
        }
    }
}
