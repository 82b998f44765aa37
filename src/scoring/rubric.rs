//! Reading the event log into an explained score: every point tied to a behaviour, the log
//! entries it came from, the time, the roles credited and a competency domain.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::scenario::behaviour::{Behaviour, Domain};
use crate::scenario::{CrisisKind, Scenario};
use crate::sim::log::{LogEntry, LogKind, MetVia, OwnedVia, SentMessage, SharingBasis};
use crate::sim::{Answer, Ask, Catalog, Framing, Party, Role, Slot};

/// Points per behaviour: the defaults, with the scenario's `scoring.weights` laid over them.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights(BTreeMap<Behaviour, i32>);

impl Weights {
    pub fn for_scenario(s: &Scenario) -> Self {
        let mut w: BTreeMap<Behaviour, i32> = Behaviour::ALL
            .iter()
            .map(|b| (*b, b.default_points()))
            .collect();
        w.extend(s.scoring.weights.iter().map(|(b, p)| (*b, *p)));
        Weights(w)
    }
    pub fn get(&self, b: Behaviour) -> i32 {
        self.0
            .get(&b)
            .copied()
            .unwrap_or_else(|| b.default_points())
    }
}

/// One explained line of the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub behaviour: Behaviour,
    pub domain: Domain,
    /// Points for all occurrences this item covers.
    pub points: i32,
    /// Occurrences covered: days, for a need left without an owner; otherwise 1.
    pub count: u32,
    /// The roles credited (or charged).
    pub roles: Vec<Role>,
    /// When it happened.
    pub slot: Slot,
    /// The log entries it came from.
    pub entries: Vec<u32>,
    /// A sentence for the debrief.
    pub explanation: String,
}

/// The whole score (the default is the score of no session at all).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub items: Vec<Item>,
    pub total: i32,
    /// Points by competency domain (every domain present, zero if nothing counted).
    pub domains: BTreeMap<Domain, i32>,
    /// Each role's contribution: the points of the items that credit it. Items shared by both
    /// roles count in full for each, so the two need not add up to the total.
    pub roles: BTreeMap<Role, i32>,
    pub crises_suffered: u32,
    pub crises_averted: u32,
}

impl Score {
    pub fn domain(&self, d: Domain) -> i32 {
        self.domains.get(&d).copied().unwrap_or(0)
    }
    pub fn role(&self, r: Role) -> i32 {
        self.roles.get(&r).copied().unwrap_or(0)
    }
}

/// How long a colleague may wait for an answer before it counts as prompt (in half-day
/// slots).
const PROMPT: u32 = 2;
/// ... and before it counts as left unanswered: the simulation's number, so the score and
/// the model agree on what silence is.
const SILENT: u32 = crate::sim::MODEL.silence.scored_unanswered_after;
/// Most respectful-framing items per role (tone is worth noticing, not farming): as many as
/// the simulation lets raise trust.
const RESPECT_CAP: usize = crate::sim::MODEL.trust.respectful_counted as usize;
/// Two separate home visits to one patient this close together duplicate each other.
const DUPLICATE_WINDOW: u32 = 4;

struct Builder<'a> {
    weights: Weights,
    catalog: &'a Catalog,
    items: Vec<Item>,
}

impl Builder<'_> {
    fn add(
        &mut self,
        behaviour: Behaviour,
        count: u32,
        roles: &[Role],
        slot: Slot,
        entries: &[u32],
        explanation: String,
    ) {
        // Weights are at most 100 either way and counts are days, but the sum is never left to
        // wrap.
        let points = self
            .weights
            .get(behaviour)
            .saturating_mul(i32::try_from(count).unwrap_or(i32::MAX));
        let mut roles = roles.to_vec();
        roles.sort();
        roles.dedup();
        self.items.push(Item {
            behaviour,
            domain: behaviour.domain(),
            points,
            count,
            roles,
            slot,
            entries: entries.to_vec(),
            explanation,
        });
    }

    fn need(&self, id: &str) -> String {
        self.catalog
            .need(id)
            .map_or_else(|| id.to_owned(), |n| quoted(&n.text))
    }
    fn patient(&self, id: &str) -> String {
        self.catalog
            .patient(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }
    fn party(&self, p: &Party) -> String {
        self.catalog.party_name(p)
    }
    /// Whether the person says no to `decision`: only then does their capacity to make it
    /// matter to the team (capacity is presumed, principle 1 of the Mental Capacity Act).
    fn refuses(&self, patient: &str, decision: &str) -> bool {
        self.catalog
            .patient(patient)
            .and_then(|p| p.decisions.iter().find(|d| d.id == decision))
            .is_some_and(|d| d.refuses)
    }
    fn need_patient(&self, need: &str) -> String {
        self.catalog
            .need_patient(need)
            .map(|p| self.patient(p))
            .unwrap_or_default()
    }
}

/// "a fall", "an emergency admission".
fn with_article(s: &str) -> String {
    let an = s.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {s}", if an { "an" } else { "a" })
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A need's text as a quotation inside a sentence: “He is not eating enough”.
pub fn quoted(s: &str) -> String {
    format!("“{}”", s.trim().trim_end_matches('.'))
}

const BOTH: [Role; 2] = Role::BOTH;

/// Scores a session's log. Pure: the same log and scenario always give the same score.
///
/// Every rule is written against two adversaries (docs/scoring.md): a player who farms the
/// rubric with cheap repeatable moves, and a polite professional who hands every need over the
/// wall and never works with the other side. Repeatable good deeds count once per thing they
/// achieve (a need, a request, a patient); work for the other profession is only finished when
/// it has been followed up.
pub fn score(entries: &[LogEntry], catalog: &Catalog) -> Score {
    let mut b = Builder {
        weights: Weights::for_scenario(&catalog.scenario),
        catalog,
        items: Vec::new(),
    };
    let end = entries.last().map_or(Slot(0), |e| e.slot);

    // First pass: index what later rules need.
    let mut sent: BTreeMap<u32, (&LogEntry, &SentMessage)> = BTreeMap::new();
    let mut copy_of: BTreeMap<u32, u32> = BTreeMap::new();
    let mut first_reply: BTreeMap<u32, (Slot, u32)> = BTreeMap::new();
    let mut productive: BTreeSet<(String, Slot)> = BTreeSet::new();
    for e in entries {
        match &e.kind {
            LogKind::JointVisit {
                patient,
                productive: true,
            } => {
                productive.insert((patient.clone(), e.slot));
            }
            LogKind::Sent(s) => {
                sent.insert(s.message, (e, s));
                if let Some(to) = s.reply_to {
                    first_reply.entry(to).or_insert((e.slot, e.seq));
                }
            }
            LogKind::Forwarded { message, copy, .. } => {
                copy_of.insert(*copy, *message);
            }
            _ => {}
        }
    }
    let origin_id = |id: u32| copy_of.get(&id).copied().unwrap_or(id);
    let origin = |id: u32| -> Option<&SentMessage> { sent.get(&origin_id(id)).map(|(_, s)| *s) };

    let mut st = State::new(catalog);
    for e in entries {
        let at = e.slot;
        let seq = e.seq;
        match &e.kind {
            LogKind::Sent(s) => {
                st.message(&mut b, e, s, &origin, &productive);
            }
            LogKind::Delivered {
                message,
                to: Party::Player(r),
            } => {
                let Some(o) = origin(*message) else { continue };
                if o.ask.is_none() || o.reply_to.is_some() || o.from != r.other() {
                    continue;
                }
                let reply = first_reply.get(message).copied();
                let what = o.ask.as_ref().map_or_else(String::new, Ask::label);
                let from = b.party(&Party::Player(o.from));
                match reply {
                    Some((when, _)) if when.0 <= at.0 + SILENT => {}
                    _ if end.0 >= at.0 + SILENT => b.add(
                        Behaviour::Unanswered,
                        1,
                        &[*r],
                        at.plus(SILENT),
                        &[seq],
                        format!("{from}'s request ({what}) went unanswered for two days."),
                    ),
                    _ => {}
                }
                st.delivered.insert(origin_id(*message), at);
            }
            LogKind::FactLearned { role, fact, .. } => {
                st.knows.insert((*role, fact.clone()));
            }
            LogKind::NeedSurfaced { need, .. } => {
                st.surfaced.entry(need.clone()).or_insert((at, seq));
            }
            LogKind::NeedOwned { need, owner, via } => {
                st.owned.entry(need.clone()).or_insert(at);
                st.owner.insert(need.clone(), (owner.clone(), at));
                st.ever_owned.insert((need.clone(), owner.clone()));
                if let Party::Player(r) = owner {
                    if *via == OwnedVia::CarePlan {
                        st.planned_owner.insert(need.clone(), *r);
                    }
                    // Once per need, whoever took it: passing it to and fro earns nothing.
                    if st.took.insert(need.clone()) {
                        let how = match via {
                            OwnedVia::Claimed => "took on",
                            OwnedVia::AcceptedReferral => "accepted a referral for",
                            OwnedVia::CarePlan => "was named in the care plan as owner of",
                            OwnedVia::Service => "took on",
                        };
                        b.add(
                            Behaviour::TookOwnership,
                            1,
                            &[*r],
                            at,
                            &[seq],
                            format!("{} {how} {} ({}).", r.label(), b.need(need), b.need_patient(need)),
                        );
                    }
                }
            }
            LogKind::NeedDeclined {
                need,
                role,
                asked_by,
                signposted_right,
                ..
            } => {
                // Turning down a referral for a need that is already met is neither a bounce
                // nor a signpost: there was nothing left to do.
                if st.met.contains_key(need) {
                    continue;
                }
                let asker = b.party(asked_by);
                if *signposted_right {
                    if st.signposted.insert(need.clone()) {
                        b.add(
                            Behaviour::Signposted,
                            1,
                            &[*role],
                            at,
                            &[seq],
                            format!("Declined {asker}'s request about {} but pointed to a service that can meet it.", b.need(need)),
                        );
                    }
                } else {
                    b.add(
                        Behaviour::BouncedNeed,
                        1,
                        &[*role],
                        at,
                        &[seq],
                        format!("Sent {asker}'s request about {} back without pointing anywhere useful.", b.need(need)),
                    );
                }
            }
            LogKind::PackageCommissioned { need, .. } | LogKind::EnquiryOpened { need } => {
                st.in_hand.insert(need.clone());
            }
            LogKind::SafeguardingRaised { role, need } => {
                if let Some(p) = catalog.need_patient(need) {
                    st.concerns.insert(p.to_owned());
                }
                b.add(
                    Behaviour::SafeguardingRaised,
                    1,
                    &[*role],
                    at,
                    &[seq],
                    format!(
                        "Raised a safeguarding concern about {} with the local authority, on reasonable suspicion.",
                        b.need_patient(need)
                    ),
                );
            }
            LogKind::WishesAsked { role, patient }
                if st.concerns.contains(patient) && st.personal.insert(patient.clone()) =>
            {
                b.add(
                    Behaviour::SafeguardingPersonal,
                    1,
                    &[*role],
                    at,
                    &[seq],
                    format!(
                        "Asked {} what they want to happen, so that safeguarding was done with them, not to them.",
                        b.patient(patient)
                    ),
                );
            }
            LogKind::CapacityAssessed {
                role,
                patient,
                decision,
                outcome,
            } if *outcome != crate::sim::log::CapacityOutcome::Inconclusive
                && b.refuses(patient, decision)
                && st.assessed.insert((patient.clone(), decision.clone())) =>
            {
                b.add(
                    Behaviour::CapacityAssessed,
                    1,
                    &[*role],
                    at,
                    &[seq],
                    format!(
                        "Assessed whether {} can decide this for themselves ({}).",
                        b.patient(patient),
                        match outcome {
                            crate::sim::log::CapacityOutcome::HasCapacity => "they can",
                            _ => "they cannot, for now",
                        }
                    ),
                );
            }
            LogKind::BestInterestsDecided { patient, .. } => b.add(
                Behaviour::BestInterests,
                1,
                &BOTH,
                at,
                &[seq],
                format!(
                    "Made a best-interests decision for {} together, with their wishes and those close to them.",
                    b.patient(patient)
                ),
            ),
            LogKind::ChcScreened {
                role,
                patient,
                positive: true,
            } if st.chc.insert(patient.clone()) => b.add(
                Behaviour::ContinuingHealthcare,
                1,
                &[*role],
                at,
                &[seq],
                format!(
                    "Screened {} for NHS continuing healthcare: their needs are primarily health needs, which the NHS funds.",
                    b.patient(patient)
                ),
            ),
            LogKind::ChcFunded {
                patient,
                fast_track: true,
            } if st.chc.insert(patient.clone()) => b.add(
                Behaviour::ContinuingHealthcare,
                1,
                &[Role::Gp],
                at,
                &[seq],
                format!(
                    "Fast-tracked {} for NHS continuing healthcare, so care at the end of life came without delay.",
                    b.patient(patient)
                ),
            ),
            LogKind::ChcMissed { role, need } => b.add(
                Behaviour::ChcMissed,
                1,
                &[*role],
                at,
                &[seq],
                format!(
                    "Paid for {} from the care budget before anyone screened for NHS continuing healthcare, which funds primary health needs.",
                    b.need(need)
                ),
            ),
            LogKind::PoorPractice { role, need, reason } => b.add(
                Behaviour::PoorPractice,
                1,
                &[*role],
                at,
                &[seq],
                format!("Chose poor practice for {}: {reason}", b.need(need)),
            ),
            LogKind::Imposed {
                role,
                need,
                had_capacity,
                ..
            } => b.add(
                Behaviour::Imposed,
                1,
                &[*role],
                at,
                &[seq],
                if *had_capacity {
                    format!(
                        "Arranged {} against the refusal of someone who could make that decision: a refusal made with capacity must be respected, even if unwise.",
                        b.need(need)
                    )
                } else {
                    format!(
                        "Arranged {} for someone who said no and could not decide, without a best-interests decision first.",
                        b.need(need)
                    )
                },
            ),
            LogKind::NeedMet { need, patient, by, via } => {
                st.owned.entry(need.clone()).or_insert(at);
                st.met.insert(need.clone(), (by.clone(), at));
                let credited: Vec<Role> = match (by, via) {
                    (_, MetVia::JointVisit) => BOTH.to_vec(),
                    (Party::Player(r), _) => vec![*r],
                    (Party::Other(_), _) => sent
                        .values()
                        .filter(|(_, s)| s.need.as_deref() == Some(need) && s.right_party && s.ask == Some(Ask::TakeOn))
                        .map(|(_, s)| s.from)
                        .collect::<BTreeSet<Role>>()
                        .into_iter()
                        .collect(),
                };
                let how = match via {
                    MetVia::Act => "directly".to_owned(),
                    MetVia::Referral(svc) => format!("through {}", b.party(&Party::Other(svc.clone()))),
                    MetVia::Package(p) => format!(
                        "with {}",
                        b.catalog.package(p).map_or_else(|| p.clone(), |x| lower_first(&x.name))
                    ),
                    MetVia::Safeguarding => "through a section 42 enquiry".to_owned(),
                    MetVia::JointVisit => "on a joint visit".to_owned(),
                };
                if !credited.is_empty() {
                    b.add(
                        Behaviour::NeedMet,
                        1,
                        &credited,
                        at,
                        &[seq],
                        format!("Met: {} ({}), {how}.", b.need(need), b.patient(patient)),
                    );
                }
                if let Some(owner) = st.planned_owner.get(need)
                    && credited.contains(owner)
                {
                    b.add(
                        Behaviour::ActionPointDone,
                        1,
                        &[*owner],
                        at,
                        &[seq],
                        format!("{} followed through on the agreed action: {}.", owner.label(), b.need(need)),
                    );
                }
            }
            LogKind::Assessed {
                role,
                patient,
                at_home: true,
            } => {
                // The same profession repeating its own home assessment: a social worker's
                // care-needs assessment after a GP's home visit is a different task, not a
                // duplicate.
                let dup = st.visits.iter().find(|(r, p, when, _)| {
                    r == role && p == patient && at.0 <= when.0 + DUPLICATE_WINDOW
                });
                if let Some((_, _, _, first)) = dup
                    && st.duplicated.insert(patient.clone())
                {
                    b.add(
                        Behaviour::DuplicateAssessment,
                        1,
                        &[*role],
                        at,
                        &[*first, seq],
                        format!(
                            "Assessed {} at home again, soon after the last home assessment, with nothing new to look for.",
                            b.patient(patient)
                        ),
                    );
                }
                st.visits.push((*role, patient.clone(), at, seq));
            }
            LogKind::JointVisit { patient, productive } => {
                st.together(Together::Patient(patient.clone()), at, seq);
                // A repeat visit that finds nothing new is not teamwork, just two diaries spent.
                if *productive {
                    b.add(
                        Behaviour::JointVisit,
                        1,
                        &BOTH,
                        at,
                        &[seq],
                        format!("Visited {} together.", b.patient(patient)),
                    );
                }
            }
            LogKind::PlanAgreed {
                patient,
                owners,
                covers_all_needs,
                at_mdt,
                ..
            } => {
                let open: Vec<&String> = owners
                    .iter()
                    .map(|(n, _)| n)
                    .filter(|n| !st.met.contains_key(*n))
                    .collect();
                for n in &open {
                    st.together(Together::Need((*n).clone()), at, seq);
                }
                let covered = st.covered.entry(patient.clone()).or_default();
                let new_ground = open.iter().any(|n| !covered.contains(*n));
                covered.extend(open.iter().map(|n| (*n).clone()));
                if *covers_all_needs && new_ground {
                    b.add(
                        Behaviour::SharedCarePlan,
                        1,
                        &BOTH,
                        at,
                        &[seq],
                        format!(
                            "Agreed a care plan for {} with a named owner for every known need{}.",
                            b.patient(patient),
                            if *at_mdt { ", at the MDT" } else { "" }
                        ),
                    );
                }
            }
            LogKind::MdtHeld {
                attendees,
                could_attend,
                agenda,
                facts_pooled,
                owners_changed,
                ..
            } => {
                if attendees.is_both() {
                    for p in agenda {
                        st.together(Together::Patient(p.clone()), at, seq);
                    }
                }
                let changed = *facts_pooled > 0 || *owners_changed > 0;
                if attendees.is_both() && !agenda.is_empty() && changed {
                    b.add(
                        Behaviour::PreparedMdt,
                        1,
                        &BOTH,
                        at,
                        &[seq],
                        format!(
                            "An MDT with both professions and {} prepared patient{}: {}.",
                            agenda.len(),
                            if agenda.len() == 1 { "" } else { "s" },
                            match (*facts_pooled, *owners_changed) {
                                (0, o) => format!("{o} action point{} agreed", if o == 1 { "" } else { "s" }),
                                (f, 0) => format!("{f} thing{} learned from each other", if f == 1 { "" } else { "s" }),
                                (f, o) => format!(
                                    "{f} thing{} learned from each other and {o} action point{} agreed",
                                    if f == 1 { "" } else { "s" },
                                    if o == 1 { "" } else { "s" }
                                ),
                            }
                        ),
                    );
                } else if !attendees.is_empty() && agenda.is_empty() {
                    let who: Vec<Role> = attendees.iter().collect();
                    b.add(
                        Behaviour::UnpreparedMdt,
                        1,
                        &who,
                        at,
                        &[seq],
                        "Went to an MDT with no patient looked up beforehand.".to_owned(),
                    );
                }
                for r in BOTH {
                    if could_attend.contains(r) && !attendees.contains(r) && (attendees.contains(r.other()) || could_attend.contains(r.other())) {
                        b.add(
                            Behaviour::MissedMdt,
                            1,
                            &[r],
                            at,
                            &[seq],
                            format!("{} had the time but did not attend the MDT.", r.label()),
                        );
                    }
                }
            }
            LogKind::HuddleHeld { .. } => st.together(Together::Anyone, at, seq),
            LogKind::ArrangementMade { kind, .. } => {
                st.arrangement_unclaimed = true;
                b.add(
                Behaviour::StandingArrangement,
                1,
                &BOTH,
                at,
                &[seq],
                match kind {
                    crate::sim::log::Arrangement::Liaison => "Set up a named liaison between the practice and social care.".to_owned(),
                    crate::sim::log::Arrangement::Huddle => "Set up a daily huddle between the GP and the social worker.".to_owned(),
                },
            );
            }
            LogKind::ConsentAsked { role, patient, .. } => {
                // Asking is worth something when there is something sensitive to protect.
                let holds_sensitive = catalog.patient(patient).is_some_and(|p| {
                    p.facts.iter().any(|f| f.sensitive && st.knows.contains(&(*role, f.id.clone())))
                });
                if holds_sensitive && st.consent.insert((*role, patient.clone())) {
                    b.add(
                        Behaviour::ConsentSought,
                        1,
                        &[*role],
                        at,
                        &[seq],
                        format!("Asked {} for consent before sharing.", b.patient(patient)),
                    );
                }
            }
            LogKind::RecordNote {
                role,
                patient,
                sensitive: true,
                basis: SharingBasis::NoBasis,
                ..
            } => b.add(
                Behaviour::SharedWithoutConsent,
                1,
                &[*role],
                at,
                &[seq],
                format!("Recorded sensitive information about {} for the other sector although they object to it being shared.", b.patient(patient)),
            ),
            LogKind::CrisisOccurred { kind, text, .. } => b.add(
                Behaviour::CrisisSuffered,
                1,
                &BOTH,
                at,
                &[seq],
                match kind {
                    CrisisKind::Other => format!("Crisis: {text}"),
                    k => format!("Crisis ({}): {text}", k.label()),
                },
            ),
            LogKind::CrisisAverted { patient, kind, .. } => b.add(
                Behaviour::CrisisPrevented,
                1,
                &BOTH,
                at,
                &[seq],
                format!(
                    "Prevented {} for {}: every need leading to it was met in time.",
                    with_article(kind.label()),
                    b.patient(patient)
                ),
            ),
            _ => {}
        }
    }

    // Needs that sat without an owner.
    let mut unowned: Vec<(Slot, u32, String, u32)> = Vec::new();
    for (need, (from, seq)) in &st.surfaced {
        let until = st.owned.get(need).copied().unwrap_or(end.plus(1));
        let slots = until.0.saturating_sub(from.0);
        let days = slots.saturating_sub(2) / 2;
        if days > 0 {
            unowned.push((*from, *seq, need.clone(), days));
        }
    }
    unowned.sort();
    for (from, seq, need, days) in unowned {
        b.add(
            Behaviour::UnownedNeed,
            days,
            &BOTH,
            from,
            &[seq],
            format!(
                "Nobody owned {} ({}) for {days} day{} after it was noticed.",
                b.need(&need),
                b.need_patient(&need),
                if days == 1 { "" } else { "s" }
            ),
        );
    }

    // Owning means doing: a need a player owned for a while that was neither met nor in hand
    // (commissioned, escalated, passed to a service) by the end.
    let last_seq = entries.last().map_or(0, |e| e.seq);
    for (need, (owner, since)) in &st.owner {
        if let Party::Player(r) = owner
            && !st.met.contains_key(need)
            && !st.in_hand.contains(need)
            && end.0 >= since.0 + OWNING_GRACE
        {
            b.add(
                Behaviour::OwnedNotDone,
                1,
                &[*r],
                end,
                &[last_seq],
                format!(
                    "{} owned {} ({}) but it was not met, nor in hand, by the end.",
                    r.label(),
                    b.need(need),
                    b.need_patient(need)
                ),
            );
        }
    }

    // Handoffs over the wall that nobody followed up.
    for ((from, need), (slot, seq)) in &st.handoffs {
        let patient = catalog.need_patient(need).unwrap_or_default().to_owned();
        let followed = st.follow_ups.iter().any(|f| {
            f.seq > *seq
                && (!f.later || f.slot > *slot)
                && f.by.is_none_or(|r| r == *from)
                && match &f.about {
                    FollowUp::Need(n) => n == need,
                    FollowUp::Patient(p) => *p == patient,
                    FollowUp::Everyone => true,
                }
        });
        if !followed {
            b.add(
                Behaviour::SiloedHandoff,
                1,
                &[*from],
                *slot,
                &[*seq],
                format!(
                    "{} handed {} ({}) to the other profession and never followed it up: no check on progress, no meeting, no plan, no word back.",
                    from.label(),
                    b.need(need),
                    b.need_patient(need)
                ),
            );
        }
    }

    b.items
        .sort_by_key(|i| (i.slot, i.entries.first().copied().unwrap_or(0)));
    let total = b.items.iter().fold(0i32, |t, i| t.saturating_add(i.points));
    let mut domains: BTreeMap<Domain, i32> = Domain::ALL.iter().map(|d| (*d, 0)).collect();
    let mut roles: BTreeMap<Role, i32> = BOTH.iter().map(|r| (*r, 0)).collect();
    for i in &b.items {
        let d = domains.entry(i.domain).or_default();
        *d = d.saturating_add(i.points);
        for r in &i.roles {
            let t = roles.entry(*r).or_default();
            *t = t.saturating_add(i.points);
        }
    }
    let count = |beh: Behaviour| b.items.iter().filter(|i| i.behaviour == beh).count() as u32;
    Score {
        crises_suffered: count(Behaviour::CrisisSuffered),
        crises_averted: count(Behaviour::CrisisPrevented),
        items: b.items,
        total,
        domains,
        roles,
    }
}

/// A need a player owned for fewer half-days than this at the end is not charged as left
/// undone: there was no time.
const OWNING_GRACE: u32 = 2;

/// Something that followed up handoffs about what it concerns.
struct FollowedUp {
    /// Who followed up (`None`: both, together).
    by: Option<Role>,
    about: FollowUp,
    slot: Slot,
    seq: u32,
    /// Counts only from the half-day after the handoff (a message sent straight after a
    /// referral is part of it, not a follow-up).
    later: bool,
}

/// What a follow-up concerns.
enum FollowUp {
    /// About this need.
    Need(String),
    /// About this patient.
    Patient(String),
    /// Everyone on both caseloads (a huddle).
    Everyone,
}

/// Both professions together over something.
enum Together {
    Patient(String),
    Need(String),
    Anyone,
}

/// What the rubric remembers while it reads the log.
struct State {
    contextual: BTreeSet<String>,
    right_contact: BTreeSet<String>,
    respectful: BTreeMap<Role, usize>,
    closed: BTreeSet<(String, Role)>,
    acknowledged: BTreeSet<u32>,
    acknowledged_kinds: BTreeSet<(Role, Role, Option<String>)>,
    consent: BTreeSet<(Role, String)>,
    took: BTreeSet<String>,
    /// Patients with a safeguarding concern raised, and those asked what they want.
    concerns: BTreeSet<String>,
    /// (patient, decision) capacity assessments credited.
    assessed: BTreeSet<(String, String)>,
    personal: BTreeSet<String>,
    /// An arrangement was made and no answer has yet been credited with making it.
    arrangement_unclaimed: bool,
    planned_owner: BTreeMap<String, Role>,
    surfaced: BTreeMap<String, (Slot, u32)>,
    owned: BTreeMap<String, Slot>,
    /// The need's current owner and since when.
    owner: BTreeMap<String, (Party, Slot)>,
    ever_owned: BTreeSet<(String, Party)>,
    met: BTreeMap<String, (Party, Slot)>,
    in_hand: BTreeSet<String>,
    signposted: BTreeSet<String>,
    visits: Vec<(Role, String, Slot, u32)>,
    duplicated: BTreeSet<String>,
    covered: BTreeMap<String, BTreeSet<String>>,
    /// Facts each role knows.
    knows: BTreeSet<(Role, String)>,
    /// Requests delivered to a player, by original message id, and when.
    delivered: BTreeMap<u32, Slot>,
    /// Needs handed over the wall: (from, need) → when, log entry.
    handoffs: BTreeMap<(Role, String), (Slot, u32)>,
    follow_ups: Vec<FollowedUp>,
    /// Requests for information already charged for an answer that withheld what was needed.
    withheld: BTreeSet<u32>,
    /// Patients already credited for continuing healthcare.
    chc: BTreeSet<String>,
}

impl State {
    fn new(catalog: &Catalog) -> Self {
        let knows = catalog
            .scenario
            .patients
            .iter()
            .flat_map(|p| &p.facts)
            .flat_map(|f| {
                f.known_to
                    .iter()
                    .filter_map(|r| Role::from_id(r))
                    .map(|r| (r, f.id.clone()))
            })
            .collect();
        State {
            contextual: BTreeSet::new(),
            right_contact: BTreeSet::new(),
            respectful: BTreeMap::new(),
            closed: BTreeSet::new(),
            acknowledged: BTreeSet::new(),
            acknowledged_kinds: BTreeSet::new(),
            consent: BTreeSet::new(),
            took: BTreeSet::new(),
            concerns: BTreeSet::new(),
            assessed: BTreeSet::new(),
            personal: BTreeSet::new(),
            withheld: BTreeSet::new(),
            chc: BTreeSet::new(),
            arrangement_unclaimed: false,
            planned_owner: BTreeMap::new(),
            surfaced: BTreeMap::new(),
            owned: BTreeMap::new(),
            owner: BTreeMap::new(),
            ever_owned: BTreeSet::new(),
            met: BTreeMap::new(),
            in_hand: BTreeSet::new(),
            signposted: BTreeSet::new(),
            visits: Vec::new(),
            duplicated: BTreeSet::new(),
            covered: BTreeMap::new(),
            knows,
            delivered: BTreeMap::new(),
            handoffs: BTreeMap::new(),
            follow_ups: Vec::new(),
        }
    }

    /// Both professions worked on something together: a follow-up of any handoff about it.
    fn together(&mut self, over: Together, at: Slot, seq: u32) {
        let about = match over {
            Together::Patient(p) => FollowUp::Patient(p),
            Together::Need(n) => FollowUp::Need(n),
            Together::Anyone => FollowUp::Everyone,
        };
        self.follow_ups.push(FollowedUp {
            by: None,
            about,
            slot: at,
            seq,
            later: false,
        });
    }

    /// Items for one message as sent: referrals, answers, framing, consent and channel safety,
    /// closing the loop, handoffs and their follow-ups.
    fn message<'a>(
        &mut self,
        b: &mut Builder,
        e: &LogEntry,
        s: &SentMessage,
        origin: &impl Fn(u32) -> Option<&'a SentMessage>,
        productive: &BTreeSet<(String, Slot)>,
    ) {
        let (at, seq, from) = (e.slot, e.seq, s.from);
        let to = b.party(&s.to);
        let is_referral = s.reply_to.is_none() && matches!(s.ask, Some(Ask::TakeOn | Ask::Assess));
        if is_referral && let Some(need) = &s.need {
            let what = b.need(need);
            if !s.has_context {
                b.add(
                    Behaviour::ColdReferral,
                    1,
                    &[from],
                    at,
                    &[seq],
                    format!("Referred {what} to {to} without the facts they need to act."),
                );
            } else if s.need_open
                && !s.own_work
                && !s.recipient_aware
                && self.contextual.insert(need.clone())
            {
                b.add(
                    Behaviour::ContextualReferral,
                    1,
                    &[from],
                    at,
                    &[seq],
                    format!("Referred {what} to {to} with the context they need and a clear ask."),
                );
            }
            if !s.right_party {
                b.add(
                    Behaviour::WrongContact,
                    1,
                    &[from],
                    at,
                    &[seq],
                    format!(
                        "Asked {to} to {} {what}, which they cannot do.",
                        if s.ask == Some(Ask::Assess) {
                            "assess for"
                        } else {
                            "take on"
                        }
                    ),
                );
            } else if s.need_open
                && !s.own_work
                && !s.recipient_aware
                && self.right_contact.insert(need.clone())
            {
                b.add(
                    Behaviour::RightContact,
                    1,
                    &[from],
                    at,
                    &[seq],
                    format!("Found the right people for {what}: {to}."),
                );
            }
            // Over the wall to the other profession: they will expect to hear from us again.
            if s.need_open
                && s.ask == Some(Ask::TakeOn)
                && b.catalog.final_recipient(&s.to) == Party::Player(from.other())
            {
                self.handoffs
                    .entry((from, need.clone()))
                    .or_insert((at, seq));
            }
        }
        // A later message to the other profession about the patient follows up what this role
        // handed them.
        if b.catalog.final_recipient(&s.to) == Party::Player(from.other())
            && let Some(p) = &s.patient
        {
            self.follow_ups.push(FollowedUp {
                by: Some(from),
                about: FollowUp::Patient(p.clone()),
                slot: at,
                seq,
                later: true,
            });
        }
        if let Some(request) = s.reply_to.and_then(origin) {
            self.answered(b, e, s, request, productive);
        }
        if s.cross_sector {
            match s.framing {
                Framing::Respectful => {
                    let n = self.respectful.entry(from).or_default();
                    if *n < RESPECT_CAP {
                        *n += 1;
                        b.add(
                            Behaviour::RespectfulFraming,
                            1,
                            &[from],
                            at,
                            &[seq],
                            format!("Wrote to {to} respectfully, explaining why."),
                        );
                    }
                }
                Framing::Dismissive => b.add(
                    Behaviour::DismissiveFraming,
                    1,
                    &[from],
                    at,
                    &[seq],
                    format!("Wrote to {to} curtly or with blame."),
                ),
                Framing::Neutral => {}
            }
        }
        if s.sensitive && !s.secure {
            b.add(
                Behaviour::UnsafeChannel,
                1,
                &[from],
                at,
                &[seq],
                format!(
                    "Sent sensitive information to {to} by {}, which is not secure.",
                    s.channel.label()
                ),
            );
        }
        if s.sensitive && !s.basis.lawful() {
            b.add(
                Behaviour::SharedWithoutConsent,
                1,
                &[from],
                at,
                &[seq],
                format!(
                    "Shared sensitive information with {to} with no lawful basis: not for the patient's care by someone involved in it, not with their agreement, not for a safeguarding concern."
                ),
            );
        }
        if !s.unneeded_sensitive.is_empty() {
            let n = s.unneeded_sensitive.len();
            b.add(
                Behaviour::OverShared,
                1,
                &[from],
                at,
                &[seq],
                format!(
                    "Told {to} {n} sensitive thing{} about {} that they did not need for the patient's care.",
                    if n == 1 { "" } else { "s" },
                    s.patient.as_deref().map_or_else(|| "the patient".to_owned(), |p| b.patient(p))
                ),
            );
        }
        if !s.withheld.is_empty()
            && let Some(request) = s.reply_to
            && self.withheld.insert(request)
        {
            let n = s.withheld.len();
            b.add(
                Behaviour::Withheld,
                1,
                &[from],
                at,
                &[seq],
                format!(
                    "Answered {to}'s request for information without {n} thing{} they needed and could have been told.",
                    if n == 1 { "" } else { "s" },
                ),
            );
        }
        if let Some(r) = s.to.player() {
            for f in &s.facts {
                self.knows.insert((r, f.clone()));
            }
        }
    }

    /// An answer to `request`: prompt and useful answers count once per request; reporting
    /// the outcome counts when it comes from the need's owner to whoever referred it.
    fn answered(
        &mut self,
        b: &mut Builder,
        e: &LogEntry,
        s: &SentMessage,
        request: &SentMessage,
        productive: &BTreeSet<(String, Slot)>,
    ) {
        let (at, seq, from) = (e.slot, e.seq, s.from);
        let asker = request.from;
        if asker == from {
            return;
        }
        // Hearing the outcome from the other side closes the handoff for the one who made it.
        if let Some(n) = &s.need
            && s.answer == Some(Answer::Done)
        {
            self.follow_ups.push(FollowedUp {
                by: Some(asker),
                about: FollowUp::Need(n.clone()),
                slot: at,
                seq,
                later: false,
            });
        }
        // Prompt and useful: it decided something still open, or told the asker something new.
        // Work passed on by someone who could have done it earns nobody anything for passing
        // it back and forth: only the work itself counts.
        let decides = match (&s.answer, &request.ask) {
            (Some(Answer::Accept | Answer::Decline { .. }), Some(Ask::TakeOn | Ask::Assess)) => {
                request.need_open && !request.own_work && !request.recipient_aware
            }
            // Yes to a visit counts when the visit happened and did some good; yes to an
            // arrangement when it made one. Saying no to either, or yes to what exists, decides
            // nothing that matters.
            (Some(Answer::Accept), Some(Ask::JointVisit { day, half })) => request
                .patient
                .as_ref()
                .is_some_and(|p| productive.contains(&(p.clone(), Slot::at(*day, *half)))),
            (Some(Answer::Accept), Some(Ask::Liaison | Ask::Huddle)) => {
                std::mem::take(&mut self.arrangement_unclaimed)
            }
            _ => false,
        };
        let kind = request.ask.as_ref().map_or_else(String::new, |a| match a {
            Ask::JointVisit { .. } => "joint visit".to_owned(),
            other => other.label(),
        });
        // One prompt, useful answer counts per referral (by need), and per patient for
        // everything else asked about them (questions, visits together); arrangements once.
        let topic = match &request.ask {
            Some(Ask::TakeOn | Ask::Assess) => request.need.clone(),
            Some(Ask::Liaison | Ask::Huddle) => Some(kind.clone()),
            _ => request.patient.clone(),
        };
        let delivered = self.delivered.get(&request.message).copied();
        let prompt = delivered.is_some_and(|d| at.0 <= d.0 + PROMPT);
        if prompt
            && request.ask.is_some()
            && (decides || s.news)
            && self.acknowledged.insert(request.message)
            && self.acknowledged_kinds.insert((from, asker, topic))
        {
            let asker_name = b.party(&Party::Player(asker));
            b.add(
                Behaviour::Acknowledged,
                1,
                &[from],
                at,
                &[seq],
                format!(
                    "Answered {asker_name}'s request ({kind}) within a day, {}.",
                    if decides {
                        "with a decision"
                    } else {
                        "with something they did not know"
                    }
                ),
            );
        }
        // Closing the loop: the need's owner (or whoever met it) tells the person who referred
        // it, while it was open, that it has been met.
        if s.answer == Some(Answer::Done)
            && matches!(request.ask, Some(Ask::TakeOn | Ask::Assess))
            && request.need_open
            && !request.own_work
            && !request.recipient_aware
            && let Some(need) = &s.need
        {
            let owned = self
                .ever_owned
                .contains(&(need.clone(), Party::Player(from)));
            let met_it = self
                .met
                .get(need)
                .is_some_and(|(by, _)| *by == Party::Player(from));
            if (owned || met_it) && self.closed.insert((need.clone(), asker)) {
                let to = b.party(&Party::Player(asker));
                b.add(
                    Behaviour::ClosedLoop,
                    1,
                    &[from],
                    at,
                    &[seq],
                    format!("Told {to} that {} had been met.", b.need(need)),
                );
            }
        }
    }
}
