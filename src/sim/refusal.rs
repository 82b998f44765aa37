//! [`Refusal`]: why the simulation turned an action down, as data. It is put into words in one
//! place, its `Display`, which the window, the debrief and the command line all show; nothing
//! reads the words back (the debrief sorts refusals into barriers by variant).

use serde::{Deserialize, Serialize};

use super::ids::{Role, Slot};
use crate::scenario::{Barrier, Channel};

/// Why an action was refused. A refused action is logged with its refusal and changes nothing
/// else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    // The session and the turn.
    /// The last half-day has been played.
    SessionOver,
    /// The role has already ended this half-day.
    TurnAlreadyEnded,
    /// The action takes more minutes than the role has left this half-day.
    NotEnoughTime {
        cost: u32,
        left: u32,
    },

    // Ids the role named.
    NoSuchPatient(String),
    NotOnCaseload(String),
    NoSuchNeed(String),
    /// The role has not noticed that need.
    NeedNotSeen(String),
    NoSuchFact(String),
    FactNotKnown(String),
    /// A fact attached to a message is about someone else.
    FactNotAbout {
        fact: String,
        patient: String,
    },
    /// Facts were attached without naming the patient they are about.
    FactsWithoutPatient,
    FactAttachedTwice,
    NoSuchContact(String),
    NotInDirectory(String),
    NoSuchPackage(String),
    NoSuchMessage(u32),

    // Needs.
    NeedAlreadyMet,
    NeedAlreadyBeingMet,
    /// The role does not know every fact the need requires (how many, not which).
    NotEnoughKnown {
        missing: usize,
    },
    /// Meeting this need directly is not this role's work.
    NotThisRolesWork(Role),
    /// The package would not meet this need.
    PackageWouldNotMeet {
        package: String,
    },
    /// Without a pooled budget, only social care commissions.
    OnlySocialCareCommissions,
    /// Care the council arranges follows adult social care's needs assessment (Care Act 2014
    /// s9) and eligibility decision (s13), unless the need is urgent (s19(3)).
    NoNeedsAssessment,
    /// Someone who wanted reassurance before agreeing needs time before being asked again.
    ConsentNeedsTime,
    /// They have been screened for continuing healthcare (or are already funded).
    ChcAlreadyScreened,
    /// The fast-track tool is completed by an appropriate clinician.
    NotAnAppropriateClinician,
    /// The fast track is for a rapidly deteriorating condition that may be entering a
    /// terminal phase.
    NotFastTrack,
    OverBudget {
        package: String,
        cost: u32,
        left: i64,
    },
    NotSafeguarding,
    /// Only the local authority (social care) decides whether the section 42 duty applies.
    NotTheLocalAuthority,
    ConcernAlreadyRaised,
    /// An enquiry needs a concern raised first.
    NoConcernRaised,
    EnquiryAlreadyOpen,
    WishesAlreadyAsked,
    NoSuchDecision(String),
    CapacityAlreadyAssessed,
    /// A best-interests decision needs an assessment finding they lack capacity.
    CapacityNotAssessedLacking,
    /// A best-interests decision is made with both professions present.
    BestInterestsNeedsBoth,
    /// ... with the person's own wishes and feelings asked.
    BestInterestsNeedsWishes,
    /// ... and with someone close to them (or an advocate) consulted.
    BestInterestsNeedsConsultation,
    BestInterestsAlreadyMade,
    AlreadyOwnNeed,
    /// Someone else owns the need: change it through a care plan.
    OwnedBySomeoneElse {
        owner: String,
    },

    // Consent.
    ConsentAlreadyAsked,
    ConsentAlreadyRecorded,
    RefusalAlreadyRecorded,

    // Visits.
    AlreadyWaitingThere,
    AlreadyVisitedTogether,

    // Messages.
    ContactIsYou,
    /// A front door that would pass the request straight back to the sender.
    ForwardsToYou,
    ChannelNotOffered {
        contact: String,
        channel: Channel,
    },
    NoSharedRecord,
    /// The need named is about another patient (`None`: the one the message is about).
    NeedNotAbout {
        need: String,
        patient: Option<String>,
    },
    TakeOnWithoutNeed,
    AskWithoutPatient,
    JointVisitNotLater,
    ArrangementOnlyWithColleague,
    NoPlanToAttach,
    TextTooLong {
        max: usize,
    },
    NotReceived,
    OutcomeAlreadyReported,
    AlreadyAnswered,
    CannotBeAnswered,
    NothingAsked,
    ReferralWithoutNeed,
    NeedNotMetYet,
    /// A note for the shared record with no facts in it.
    NothingToRecord,

    // Care plans.
    PlanWithoutOwners,
    NeedListedTwice(String),
    NotAnOwner(String),
    PlanAlreadyAgreed,
    NoPlanProposed,
    OwnPlan,
    PlanNotSeen,

    // Meetings.
    BookLater,
    MdtAlreadyBooked(Slot),
    NoMdtComing,
    AlreadyOnAgenda,
    NoMdtNow,
    AlreadyAtMdt,
    /// The MDT is longer than the time the role has left: it clashes with commitments.
    MdtClashes {
        minutes: u32,
        left: u32,
    },
    NoHuddle,
    HuddleInAfternoon,
    AlreadyAtHuddle,
}

impl Refusal {
    /// Whether finding this out took time: trying to do work that is not this profession's
    /// (meeting a need directly, commissioning the wrong care or care it may not commission,
    /// raising safeguarding about something that is not) costs minutes, as asking and being
    /// told no does in practice. Other refusals (a slip, an id that does not exist, no time)
    /// cost nothing.
    pub fn costs_time(&self) -> bool {
        matches!(
            self,
            Refusal::NotThisRolesWork(_)
                | Refusal::PackageWouldNotMeet { .. }
                | Refusal::OnlySocialCareCommissions
                | Refusal::NoNeedsAssessment
                | Refusal::NotAnAppropriateClinician
                | Refusal::NotFastTrack
                | Refusal::NotSafeguarding
                | Refusal::NotTheLocalAuthority
        )
    }

    /// The barrier from the study a refusal is a sign of, if any: running out of time is
    /// overwork; a budget that is spent, or not yours to spend, is funding.
    pub fn barrier(&self) -> Option<Barrier> {
        match self {
            Refusal::NotEnoughTime { .. } | Refusal::MdtClashes { .. } => {
                Some(Barrier::OverworkedStaff)
            }
            Refusal::OverBudget { .. } | Refusal::OnlySocialCareCommissions => {
                Some(Barrier::InsufficientFunding)
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use Refusal::*;
        match self {
            SessionOver => write!(f, "the session is over"),
            TurnAlreadyEnded => write!(f, "you have already ended this half-day"),
            NotEnoughTime { cost, left } => write!(
                f,
                "this takes {cost} minutes and you have {left} left this half-day"
            ),
            NoSuchPatient(p) => write!(f, "there is no patient `{p}`"),
            NotOnCaseload(p) => write!(f, "`{p}` is not on your caseload"),
            NoSuchNeed(n) => write!(f, "there is no need `{n}`"),
            NeedNotSeen(n) => write!(f, "you are not aware of a need `{n}`"),
            NoSuchFact(x) => write!(f, "there is no fact `{x}`"),
            FactNotKnown(x) => write!(f, "you do not know fact `{x}`"),
            FactNotAbout { fact, patient } => write!(f, "fact `{fact}` is not about `{patient}`"),
            FactsWithoutPatient => write!(f, "name the patient the facts are about"),
            FactAttachedTwice => write!(f, "a fact is attached twice"),
            NoSuchContact(c) => write!(f, "there is no contact `{c}`"),
            NotInDirectory(c) => write!(f, "`{c}` is not in your directory"),
            NoSuchPackage(k) => write!(f, "there is no care package `{k}`"),
            NoSuchMessage(m) => write!(f, "there is no message {m}"),
            NeedAlreadyMet => write!(f, "that need has already been met"),
            NeedAlreadyBeingMet => write!(f, "that need is already being met"),
            NotEnoughKnown { missing } => write!(
                f,
                "you do not know enough about this yet ({missing} thing{} to find out first)",
                if *missing == 1 { "" } else { "s" }
            ),
            NotThisRolesWork(role) => write!(
                f,
                "this is not something a {} can do directly",
                role.label().to_lowercase()
            ),
            PackageWouldNotMeet { package } => write!(f, "{package} would not meet this need"),
            OnlySocialCareCommissions => write!(
                f,
                "only social care can commission from the social-care budget here"
            ),
            ConsentNeedsTime => write!(
                f,
                "they want time to think about who will see what; ask again later"
            ),
            ChcAlreadyScreened => write!(
                f,
                "they have already been screened for continuing healthcare"
            ),
            NotAnAppropriateClinician => write!(
                f,
                "the fast-track tool is completed by a clinician responsible for their care, such as their GP"
            ),
            NotFastTrack => write!(
                f,
                "the fast track is for a condition deteriorating rapidly towards the end of life; screen with the checklist instead"
            ),
            NoNeedsAssessment => write!(
                f,
                "care the council arranges follows adult social care's assessment of the \
                 person's needs and whether they are eligible; only an urgent need may be met first"
            ),
            OverBudget {
                package,
                cost,
                left,
            } => write!(
                f,
                "{package} costs £{cost} and the care budget has £{} left",
                (*left).max(0)
            ),
            NotSafeguarding => write!(f, "this is not a safeguarding matter"),
            NotTheLocalAuthority => write!(
                f,
                "only the local authority (adult social care) decides whether a section 42 enquiry is needed; raise a concern with them"
            ),
            ConcernAlreadyRaised => write!(f, "a safeguarding concern has already been raised"),
            NoConcernRaised => write!(f, "no safeguarding concern has been raised about this yet"),
            EnquiryAlreadyOpen => write!(f, "an enquiry is already open"),
            WishesAlreadyAsked => write!(f, "they have already been asked what they want"),
            NoSuchDecision(d) => write!(f, "there is no decision `{d}` for this person"),
            CapacityAlreadyAssessed => {
                write!(f, "their capacity for this decision has been assessed")
            }
            CapacityNotAssessedLacking => write!(
                f,
                "a best-interests decision is only for someone assessed as lacking capacity for it; everyone is presumed able to decide until assessed"
            ),
            BestInterestsNeedsBoth => write!(
                f,
                "a best-interests decision needs both professions together (a visit together, an MDT, a huddle)"
            ),
            BestInterestsNeedsWishes => write!(
                f,
                "first ask the person what they want: their wishes and feelings come into it"
            ),
            BestInterestsNeedsConsultation => write!(
                f,
                "first consult those close to them, or an independent advocate if there is nobody"
            ),
            BestInterestsAlreadyMade => write!(f, "a best-interests decision has been made"),
            AlreadyOwnNeed => write!(f, "you already own that need"),
            OwnedBySomeoneElse { owner } => write!(
                f,
                "{owner} already owns that need; agree any change in a care plan"
            ),
            ConsentAlreadyAsked => write!(f, "you have already asked"),
            ConsentAlreadyRecorded => write!(f, "consent to share is already recorded"),
            RefusalAlreadyRecorded => {
                write!(f, "the patient's refusal to share is already recorded")
            }
            AlreadyWaitingThere => write!(f, "you are already waiting there"),
            AlreadyVisitedTogether => write!(f, "you have visited together already this half-day"),
            ContactIsYou => write!(f, "that contact is you"),
            ForwardsToYou => write!(
                f,
                "that front door passes requests to you: act on it yourself, or ask someone else"
            ),
            ChannelNotOffered { contact, channel } => {
                write!(f, "`{contact}` cannot be reached by {}", channel.label())
            }
            NoSharedRecord => write!(f, "there is no shared record in this borough"),
            NeedNotAbout {
                need,
                patient: Some(p),
            } => write!(f, "need `{need}` is not about `{p}`"),
            NeedNotAbout {
                need,
                patient: None,
            } => write!(f, "need `{need}` is not about that patient"),
            TakeOnWithoutNeed => write!(f, "say which need you are asking them to take on"),
            AskWithoutPatient => write!(f, "say which patient this is about"),
            JointVisitNotLater => write!(f, "propose a half-day later in the session"),
            ArrangementOnlyWithColleague => {
                write!(f, "standing arrangements are made with the other player")
            }
            NoPlanToAttach => write!(f, "there is no care plan for this patient to attach"),
            TextTooLong { max } => write!(f, "the message is longer than {max} characters"),
            NotReceived => write!(f, "you have not received that message"),
            OutcomeAlreadyReported => write!(f, "you have already reported the outcome"),
            AlreadyAnswered => write!(f, "you have already answered that message"),
            CannotBeAnswered => write!(f, "that message cannot be answered"),
            NothingAsked => write!(f, "that message did not ask for anything"),
            ReferralWithoutNeed => write!(f, "that referral names no need"),
            NeedNotMetYet => write!(f, "that message's need has not been met yet"),
            NothingToRecord => write!(f, "choose at least one fact to record"),
            PlanWithoutOwners => write!(f, "name an owner for at least one need"),
            NeedListedTwice(n) => write!(f, "need `{n}` is listed twice"),
            NotAnOwner(o) => write!(f, "`{o}` is not someone who can own a need"),
            PlanAlreadyAgreed => write!(f, "that plan is already agreed"),
            NoPlanProposed => write!(f, "no care plan has been proposed for this patient"),
            OwnPlan => write!(f, "the other role must agree the plan you proposed"),
            PlanNotSeen => write!(f, "you have not seen that plan yet"),
            BookLater => write!(f, "book a half-day later in the session"),
            MdtAlreadyBooked(at) => write!(f, "there is already an MDT on {at}"),
            NoMdtComing => write!(f, "there is no MDT coming up; book one first"),
            AlreadyOnAgenda => write!(f, "that patient is already on the MDT agenda"),
            NoMdtNow => write!(f, "there is no MDT this half-day"),
            AlreadyAtMdt => write!(f, "you are already at the MDT"),
            MdtClashes { minutes, left } => write!(
                f,
                "the MDT takes {minutes} minutes and you have {left} left this half-day; it clashes with your other commitments"
            ),
            NoHuddle => write!(
                f,
                "there is no huddle; propose one to the other player first"
            ),
            HuddleInAfternoon => write!(f, "the huddle is in the afternoon"),
            AlreadyAtHuddle => write!(f, "you are already at the huddle"),
        }
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_sorted_into_barriers_by_kind_not_by_wording() {
        let time = Refusal::NotEnoughTime { cost: 40, left: 30 };
        assert_eq!(time.barrier(), Some(Barrier::OverworkedStaff));
        assert_eq!(
            Refusal::MdtClashes {
                minutes: 60,
                left: 20
            }
            .barrier(),
            Some(Barrier::OverworkedStaff)
        );
        let money = Refusal::OverBudget {
            package: "Home care".into(),
            cost: 900,
            left: -5,
        };
        assert_eq!(money.barrier(), Some(Barrier::InsufficientFunding));
        assert_eq!(
            Refusal::OnlySocialCareCommissions.barrier(),
            Some(Barrier::InsufficientFunding)
        );
        // Words that mention minutes or a budget do not make a refusal about either.
        let long = Refusal::TextTooLong { max: 2000 };
        assert_eq!(long.barrier(), None);
        assert_eq!(Refusal::NoSuchPackage("budget".into()).barrier(), None);
        // The words are the one rendering, and a negative budget reads as none left.
        assert_eq!(
            time.to_string(),
            "this takes 40 minutes and you have 30 left this half-day"
        );
        assert_eq!(
            money.to_string(),
            "Home care costs £900 and the care budget has £0 left"
        );
    }
}
