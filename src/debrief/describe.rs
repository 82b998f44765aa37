//! Event-log entries in plain words, and the signs of each barrier in the log.

use crate::scenario::{Barrier, Channel};
use crate::sim::log::{Arrangement, LogEntry, MetVia, SentMessage};
use crate::sim::{Act, Answer, Ask, Catalog, Framing, LogKind, Party, Role};

/// Where an entry belongs in the side-by-side timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Role(Role),
    /// Events, other services, crises.
    Borough,
}

struct Names<'a>(&'a Catalog);

impl Names<'_> {
    fn patient(&self, id: &str) -> String {
        self.0
            .patient(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }
    fn need(&self, id: &str) -> String {
        self.0
            .need(id)
            .map_or_else(|| id.to_owned(), |n| crate::scoring::quoted(&n.text))
    }
    fn party(&self, p: &Party) -> String {
        self.0.party_name(p)
    }
    /// A decision's words: "whether to accept carers at home".
    fn decision(&self, patient: &str, id: &str) -> String {
        self.0
            .patient(patient)
            .and_then(|p| p.decisions.iter().find(|d| d.id == id))
            .map_or_else(|| id.to_owned(), |d| d.text.clone())
    }
    /// A directory entry's name, or (for a colleague reached without one) the person's.
    fn contact(&self, id: &str) -> String {
        self.0
            .contact(id)
            .map_or_else(|| self.party(&Party::from_id(id)), |c| c.name.clone())
    }
    fn fact(&self, id: &str) -> String {
        self.0
            .fact(id)
            .map_or_else(|| id.to_owned(), |f| f.text.clone())
    }
}

fn channel(c: Channel) -> &'static str {
    match c {
        Channel::Phone => "by phone",
        Channel::Email => "by email",
        Channel::Letter => "by letter",
        Channel::SharedRecord => "through the shared record",
    }
}

fn ask(a: &Ask) -> String {
    match a {
        Ask::TakeOn => "asking them to take it on".into(),
        Ask::Assess => "asking them to assess".into(),
        Ask::JointVisit { day, half } => format!(
            "proposing a joint visit on {}",
            crate::sim::Slot::at(*day, *half).label()
        ),
        Ask::Information => "asking what they know".into(),
        Ask::Liaison => "proposing named liaisons".into(),
        Ask::Huddle => "proposing a daily huddle".into(),
    }
}

fn answer(a: &Answer, n: &Names) -> String {
    match a {
        Answer::Acknowledge => "acknowledged".into(),
        Answer::Accept => "said yes".into(),
        Answer::Decline { redirect: None } => "declined".into(),
        Answer::Decline { redirect: Some(r) } => format!("declined, pointing to {}", n.contact(r)),
        Answer::Done => "reported it done".into(),
        Answer::Information => "shared what they know".into(),
    }
}

fn sent(m: &SentMessage, n: &Names) -> String {
    let mut s = match (&m.answer, m.reply_to) {
        (Some(a), Some(_)) => format!(
            "Replied to {} {}: {}",
            n.party(&m.to),
            channel(m.channel),
            answer(a, n)
        ),
        _ => format!("Wrote to {} {}", n.party(&m.to), channel(m.channel)),
    };
    if let Some(p) = &m.patient {
        s += &format!(" about {}", n.patient(p));
    }
    if let Some(need) = &m.need {
        s += &format!(" ({})", n.need(need));
    }
    if let Some(a) = &m.ask {
        s += &format!(", {}", ask(a));
    }
    match m.facts.len() {
        0 if m.ask.is_some() => s += ", with no background",
        0 => {}
        1 => s += ", sharing 1 fact",
        k => s += &format!(", sharing {k} facts"),
    }
    if m.framing == Framing::Dismissive {
        s += " (curtly)";
    }
    s + "."
}

fn act(a: &Act, n: &Names) -> String {
    match a {
        Act::LookUp { contact } => format!("look up {}", n.contact(contact)),
        Act::AskAround { patient } | Act::Assess { patient } | Act::HomeVisit { patient } => {
            format!("see {}", n.patient(patient))
        }
        Act::JointVisit { patient } => format!("a joint visit to {}", n.patient(patient)),
        Act::Send(_) | Act::Reply(_) => "a message".into(),
        Act::Commission { package, .. } => format!(
            "commission {}",
            n.0.package(package)
                .map_or(package.as_str(), |p| p.name.as_str())
        ),
        Act::ActOnNeed { need } | Act::ClaimNeed { need } => format!("act on {}", n.need(need)),
        Act::AttendMdt => "attend the MDT".into(),
        _ => "an action".into(),
    }
}

/// One entry in words, and its column; `None` for bookkeeping entries the timeline skips.
pub fn describe(e: &LogEntry, catalog: &Catalog) -> Option<(Column, String)> {
    let n = Names(catalog);
    use Column::{Borough, Role as R};
    Some(match &e.kind {
        LogKind::SessionStarted { .. }
        | LogKind::SlotStarted { .. }
        | LogKind::TurnEnded { .. }
        | LogKind::Delivered { .. }
        | LogKind::EventFired { .. }
        | LogKind::SessionEnded
        | LogKind::MdtAttended { .. }
        | LogKind::JointVisitWaiting { .. }
        | LogKind::MdtPrepared { .. } => return None,
        LogKind::Refused {
            role,
            act: a,
            refusal,
            minutes_lost,
        } => (
            R(*role),
            if *minutes_lost > 0 {
                format!(
                    "Tried to {}, but {refusal} (finding out took {minutes_lost} minutes).",
                    act(a, &n)
                )
            } else {
                format!("Tried to {}, but {refusal}.", act(a, &n))
            },
        ),
        LogKind::LookedUp {
            role,
            contact,
            was_stale,
        } => (
            R(*role),
            if *was_stale {
                format!(
                    "Looked up {} and found the listed details were out of date.",
                    n.contact(contact)
                )
            } else {
                format!("Checked the details for {}.", n.contact(contact))
            },
        ),
        LogKind::AskedAround {
            role,
            patient,
            contacts_found,
        } => (
            R(*role),
            format!(
                "Asked around about {}{}.",
                n.patient(patient),
                if contacts_found.is_empty() {
                    String::new()
                } else {
                    format!(
                        " and found {}",
                        contacts_found
                            .iter()
                            .map(|c| n.contact(c))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
        ),
        LogKind::ConsentAsked {
            role,
            patient,
            given,
        } => (
            R(*role),
            format!(
                "Asked {} for consent to share: {}.",
                n.patient(patient),
                if *given { "given" } else { "refused" }
            ),
        ),
        LogKind::ConsentUnsure { role, patient } => (
            R(*role),
            format!(
                "Asked {} for consent to share: unsure, wanting to know who would see what.",
                n.patient(patient)
            ),
        ),
        LogKind::Assessed {
            role,
            patient,
            at_home,
        } => (
            R(*role),
            format!(
                "{} {}.",
                if *at_home { "Visited" } else { "Assessed" },
                n.patient(patient)
            ),
        ),
        LogKind::JointVisit { patient, .. } => (
            Borough,
            format!(
                "GP and social worker visited {} together.",
                n.patient(patient)
            ),
        ),
        LogKind::JointVisitMissed { role, patient } => (
            R(*role),
            format!(
                "Went for a joint visit to {}, but the other did not come.",
                n.patient(patient)
            ),
        ),
        LogKind::FactLearned { role, fact, how } => {
            (R(*role), format!("Learned from {how}: {}", n.fact(fact)))
        }
        LogKind::ContactFound { role, contact, how } => (
            R(*role),
            format!("Now knows how to reach {} ({how}).", n.contact(contact)),
        ),
        LogKind::Sent(m) => (R(m.from), sent(m, &n)),
        LogKind::CallUnanswered { role, contact } => (
            R(*role),
            format!("Phoned {}; nobody answered.", n.contact(contact)),
        ),
        LogKind::StaleContact { role, contact, .. } => (
            R(*role),
            format!(
                "Wrote to {}, but the details were out of date: it went nowhere.",
                n.contact(contact)
            ),
        ),
        LogKind::Lost { message } => (Borough, format!("Message {message} was lost on the way.")),
        LogKind::Forwarded { by, to, .. } => (
            Borough,
            format!(
                "{} passed a request on to {}.",
                n.party(&Party::Other(by.clone())),
                n.party(to)
            ),
        ),
        LogKind::ServiceAnswered {
            service,
            answer: a,
            wanted_context,
            ..
        } => (
            Borough,
            format!(
                "{} {}{}.",
                n.party(&Party::Other(service.clone())),
                answer(a, &n),
                if *wanted_context {
                    " (they needed more background)"
                } else {
                    ""
                }
            ),
        ),
        LogKind::NeedSurfaced {
            need,
            patient,
            role,
        } => (
            R(*role),
            format!(
                "Noticed a need for {}: {}.",
                n.patient(patient),
                n.need(need)
            ),
        ),
        LogKind::NeedOwned { need, owner, .. } => match owner {
            Party::Player(r) => (R(*r), format!("Took ownership of {}.", n.need(need))),
            p => (Borough, format!("{} took on {}.", n.party(p), n.need(need))),
        },
        LogKind::NeedDeclined {
            need,
            role,
            asked_by,
            ..
        } => (
            R(*role),
            format!("Declined {} from {}.", n.need(need), n.party(asked_by)),
        ),
        LogKind::NeedMet { need, by, via, .. } => {
            let how = match via {
                MetVia::Act => String::new(),
                MetVia::Referral(s) => format!(" through {}", n.party(&Party::Other(s.clone()))),
                MetVia::Package(p) => format!(
                    " with {}",
                    catalog.package(p).map_or(p.as_str(), |x| x.name.as_str())
                ),
                MetVia::Safeguarding => " through a section 42 enquiry and its plan".into(),
                MetVia::JointVisit => " at a joint visit".into(),
            };
            let text = format!("Met {}{how}.", n.need(need));
            match by {
                Party::Player(r) => (R(*r), text),
                p => (Borough, format!("{}: {text}", n.party(p))),
            }
        }
        LogKind::PackageCommissioned {
            role,
            package,
            cost,
            nhs_funded,
            ..
        } => {
            let name = catalog
                .package(package)
                .map_or(package.as_str(), |x| x.name.as_str());
            (
                R(*role),
                if *nhs_funded {
                    format!(
                        "Arranged {name} through NHS continuing healthcare (the NHS pays £{cost})."
                    )
                } else {
                    format!("Commissioned {name} (£{cost}).")
                },
            )
        }
        LogKind::ChcScreened {
            role,
            patient,
            positive,
        } => (
            R(*role),
            format!(
                "Screened {} for NHS continuing healthcare: {}.",
                n.patient(patient),
                if *positive {
                    "positive, so a full assessment follows"
                } else {
                    "negative"
                }
            ),
        ),
        LogKind::ChcFunded {
            patient,
            fast_track,
        } => (
            Borough,
            format!(
                "The NHS agreed to fund {}'s care through continuing healthcare{}.",
                n.patient(patient),
                if *fast_track { " (fast track)" } else { "" }
            ),
        ),
        LogKind::ChcMissed { role, need } => (
            R(*role),
            format!(
                "Paid for {} from the care budget before anyone screened for continuing healthcare.",
                n.need(need)
            ),
        ),
        LogKind::SafeguardingRaised { role, need } => (
            R(*role),
            format!(
                "Raised a safeguarding concern with the local authority: {}.",
                n.need(need)
            ),
        ),
        LogKind::EnquiryOpened { need } => (
            R(Role::SocialWorker),
            format!(
                "Decided the section 42 duty applies and opened an enquiry: {}.",
                n.need(need)
            ),
        ),
        LogKind::CapacityAssessed {
            role,
            patient,
            decision,
            outcome,
        } => (
            R(*role),
            format!(
                "Assessed {}'s capacity to decide {}: {}.",
                n.patient(patient),
                n.decision(patient, decision),
                match outcome {
                    crate::sim::log::CapacityOutcome::HasCapacity => "they can make this decision",
                    crate::sim::log::CapacityOutcome::LacksCapacity =>
                        "they cannot make this decision now",
                    crate::sim::log::CapacityOutcome::Inconclusive =>
                        "inconclusive: not their best time of day",
                }
            ),
        ),
        LogKind::PoorPractice { role, need, reason } => (
            R(*role),
            format!("Chose poor practice for {}: {reason}", n.need(need)),
        ),
        LogKind::FinancesAssessed { patient, slots } => (
            Borough,
            format!(
                "The council assessed {}'s finances before arranging care: it starts {} later.",
                n.patient(patient),
                if *slots == 1 {
                    "a half-day".to_owned()
                } else {
                    format!("{slots} half-days")
                }
            ),
        ),
        LogKind::BestInterestsDecided {
            role,
            patient,
            decision,
        } => (
            R(*role),
            format!(
                "Made a best-interests decision with the other profession about {} for {}.",
                n.decision(patient, decision),
                n.patient(patient)
            ),
        ),
        LogKind::Imposed {
            role,
            need,
            had_capacity,
            ..
        } => (
            R(*role),
            if *had_capacity {
                format!(
                    "Arranged {} against the refusal of someone able to refuse it; it did not take.",
                    n.need(need)
                )
            } else {
                format!(
                    "Arranged {} for someone who said no, without a best-interests decision.",
                    n.need(need)
                )
            },
        ),
        LogKind::WishesAsked { role, patient } => (
            R(*role),
            format!("Asked {} what they want to happen.", n.patient(patient)),
        ),
        LogKind::PlanProposed { role, patient, .. } => (
            R(*role),
            format!("Proposed a care plan for {}.", n.patient(patient)),
        ),
        LogKind::PlanAgreed {
            patient, owners, ..
        } => (
            Borough,
            format!(
                "Care plan agreed for {}: {}.",
                n.patient(patient),
                owners
                    .iter()
                    .map(|(need, who)| format!(
                        "{} owned by {}",
                        n.need(need),
                        n.party(&Party::from_id(who))
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ),
        LogKind::RecordNote {
            role,
            patient,
            facts,
            ..
        } => (
            R(*role),
            format!(
                "Wrote {} fact{} about {} in the shared record.",
                facts.len(),
                if facts.len() == 1 { "" } else { "s" },
                n.patient(patient)
            ),
        ),
        LogKind::MdtBooked { role, slot } => {
            (R(*role), format!("Booked an MDT for {}.", slot.label()))
        }
        LogKind::MdtHeld {
            attendees, agenda, ..
        } => (
            Borough,
            format!(
                "MDT held with {}; {} patient{} prepared.",
                match (
                    attendees.contains(Role::Gp),
                    attendees.contains(Role::SocialWorker)
                ) {
                    (true, true) => "both professions",
                    (true, false) => "only the GP",
                    (false, true) => "only the social worker",
                    (false, false) => "nobody",
                },
                agenda.len(),
                if agenda.len() == 1 { "" } else { "s" }
            ),
        ),
        LogKind::HuddleHeld { .. } => (Borough, "Daily huddle held.".into()),
        LogKind::ArrangementMade { kind, .. } => (
            Borough,
            match kind {
                Arrangement::Liaison => "A named liaison in each team agreed.".into(),
                Arrangement::Huddle => "A daily huddle agreed.".into(),
            },
        ),
        LogKind::TrustChanged { delta, now, reason } => (
            Borough,
            format!(
                "Trust between the sectors {} to {now}/100 ({reason}).",
                if *delta >= 0 { "rose" } else { "fell" }
            ),
        ),
        LogKind::CrisisOccurred { text, .. } => (Borough, format!("CRISIS: {text}")),
        LogKind::CrisisAverted {
            crisis, patient, ..
        } => (
            Borough,
            format!(
                "Averted: {} ({}).",
                catalog
                    .crisis(crisis)
                    .map_or(crisis.as_str(), |c| c.kind.label()),
                n.patient(patient)
            ),
        ),
        LogKind::CrisisLooming {
            crisis, patient, ..
        } => (
            Borough,
            format!(
                "Still looming at the end: {} ({}).",
                catalog
                    .crisis(crisis)
                    .map_or(crisis.as_str(), |c| c.kind.label()),
                n.patient(patient)
            ),
        ),
        LogKind::Notice { text } => (Borough, text.clone()),
        LogKind::Injected { event } => (
            Borough,
            format!("FACILITATOR: fired the case's event {event} at this moment."),
        ),
        LogKind::Hint { role, text } => (R(*role), format!("FACILITATOR's hint: {text}")),
        LogKind::Absence { role, days, share } => (
            Borough,
            format!(
                "{} is short of staff for {days} day{} ({}% of hours lost).",
                n.party(&Party::from_id(role)),
                if *days == 1 { "" } else { "s" },
                (share * 100.0).round()
            ),
        ),
        LogKind::AddedToCaseload { patient, role } => (
            R(*role),
            format!("{} joined the caseload.", n.patient(patient)),
        ),
        LogKind::BudgetChanged { delta, now } => (
            Borough,
            format!(
                "Care budget {} by £{} to £{now}.",
                if *delta >= 0 { "rose" } else { "fell" },
                delta.unsigned_abs()
            ),
        ),
    })
}

/// The barriers an entry shows, each with a few words on how.
pub fn barrier_signs(e: &LogEntry, catalog: &Catalog) -> Vec<(Barrier, String)> {
    let n = Names(catalog);
    use Barrier::*;
    match &e.kind {
        LogKind::LookedUp {
            contact,
            was_stale: true,
            ..
        }
        | LogKind::StaleContact { contact, .. } => vec![(
            UnknownRolesAndServices,
            format!(
                "the directory's details for {} were out of date",
                n.contact(contact)
            ),
        )],
        LogKind::Forwarded { by, .. } => vec![(
            UnknownRolesAndServices,
            format!(
                "a request went through {} rather than straight to the right person",
                n.party(&Party::Other(by.clone()))
            ),
        )],
        LogKind::SlotStarted { minutes } => Role::BOTH
            .iter()
            .zip(minutes)
            .filter(|(_, m)| **m <= 60)
            .map(|(r, m)| {
                (
                    OverworkedStaff,
                    format!(
                        "the {} had only {m} free minutes around fixed commitments",
                        match r {
                            Role::Gp => "GP",
                            Role::SocialWorker => "social worker",
                        }
                    ),
                )
            })
            .collect(),
        LogKind::Refused { refusal, .. } => match refusal.barrier() {
            Some(OverworkedStaff) => vec![(OverworkedStaff, format!("ran out of time: {refusal}"))],
            Some(barrier) => vec![(barrier, refusal.to_string())],
            None => Vec::new(),
        },
        LogKind::CallUnanswered { contact, .. } => vec![(
            Logistics,
            format!("a call to {} rang out", n.contact(contact)),
        )],
        LogKind::Lost { .. } => vec![
            (Logistics, "a message was lost".into()),
            (
                NoInteroperability,
                "a message between systems was lost".into(),
            ),
        ],
        LogKind::JointVisitMissed { .. } => {
            vec![(Logistics, "a joint visit did not come together".into())]
        }
        LogKind::NeedDeclined { need, .. } => {
            vec![(PoorCulture, format!("{} was declined", n.need(need)))]
        }
        LogKind::TrustChanged { delta, reason, .. } if *delta < 0 => {
            vec![(PoorCulture, format!("trust fell: {reason}"))]
        }
        LogKind::Sent(m) if m.cross_sector && m.framing == Framing::Dismissive => {
            vec![(PoorCulture, "a curt message crossed the sectors".into())]
        }
        LogKind::Sent(m)
            if m.cross_sector
                && m.ask.is_some()
                && matches!(m.channel, Channel::Letter | Channel::Email) =>
        {
            vec![
                (
                    IrregularContact,
                    format!(
                        "a request went {} rather than person to person",
                        channel(m.channel)
                    ),
                ),
                (
                    NoInteroperability,
                    format!("information had to be sent {}", channel(m.channel)),
                ),
            ]
        }
        LogKind::MdtHeld {
            attendees,
            could_attend,
            agenda,
            plans_agreed,
            ..
        } => {
            let mut v = Vec::new();
            if !could_attend.is_both() {
                v.push((
                    InefficientMdt,
                    "the MDT clashed with someone's commitments".into(),
                ));
                v.push((
                    OverworkedStaff,
                    "a clinic or visit kept someone from the MDT".into(),
                ));
            } else if !attendees.is_both() {
                v.push((
                    InefficientMdt,
                    "the MDT went ahead without both professions".into(),
                ));
            } else if agenda.is_empty() || plans_agreed.is_empty() {
                v.push((
                    InefficientMdt,
                    "the MDT had no prepared patients or no agreed plan".into(),
                ));
            } else {
                v.push((InefficientMdt, "an MDT was held".into()));
            }
            v
        }
        LogKind::Absence { role, days, .. } => vec![(
            FewStaff,
            format!(
                "{} short-staffed for {days} day(s)",
                n.party(&Party::from_id(role))
            ),
        )],
        // Money is a barrier when it limits a choice: the budget left no longer buys some
        // package the case offers. Spending that leaves every option open is not one.
        LogKind::BudgetChanged { delta, now } if *delta < 0 => catalog
            .scenario
            .care_packages
            .iter()
            .filter(|k| i64::from(k.cost) > *now)
            .max_by_key(|k| k.cost)
            .map(|k| {
                vec![(
                    InsufficientFunding,
                    format!(
                        "the care budget fell to £{}, less than {} costs",
                        (*now).max(0),
                        k.name
                    ),
                )]
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
