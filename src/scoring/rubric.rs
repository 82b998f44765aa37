//! Reading the event log into an explained score: every point tied to a behaviour, the log
//! entries it came from, the time, the roles credited and a competency domain.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::scenario::behaviour::{Behaviour, Domain};
use crate::scenario::{CrisisKind, Scenario};
use crate::sim::log::{LogEntry, LogKind, MetVia, OwnedVia, SentMessage};
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
/// Most respectful-framing items per role (tone is worth noticing, not farming).
const RESPECT_CAP: usize = 3;
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
        let points = self.weights.get(behaviour) * count as i32;
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
    for e in entries {
        match &e.kind {
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
    let origin = |id: u32| -> Option<&SentMessage> {
        let first = copy_of.get(&id).copied().unwrap_or(id);
        sent.get(&first).map(|(_, s)| *s)
    };

    let mut contextual: BTreeSet<(Role, String, Party)> = BTreeSet::new();
    let mut right_contact: BTreeSet<String> = BTreeSet::new();
    let mut respectful: BTreeMap<Role, usize> = BTreeMap::new();
    let mut closed: BTreeSet<(Role, String)> = BTreeSet::new();
    let mut consent: BTreeSet<(Role, String)> = BTreeSet::new();
    let mut took: BTreeSet<(Role, String)> = BTreeSet::new();
    let mut planned_owner: BTreeMap<String, Role> = BTreeMap::new();
    let mut surfaced: BTreeMap<String, (Slot, u32)> = BTreeMap::new();
    let mut owned: BTreeMap<String, Slot> = BTreeMap::new();
    let mut visits: Vec<(Role, String, Slot, u32)> = Vec::new();
    let mut duplicated: BTreeSet<String> = BTreeSet::new();

    for e in entries {
        let at = e.slot;
        let seq = e.seq;
        match &e.kind {
            LogKind::Sent(s) => scored_message(&mut b, e, s, &mut contextual, &mut right_contact, &mut respectful, &mut closed),
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
                    Some((when, rseq)) if when.0 <= at.0 + PROMPT => b.add(
                        Behaviour::Acknowledged,
                        1,
                        &[*r],
                        when,
                        &[seq, rseq],
                        format!("Answered {from}'s request ({what}) within a day."),
                    ),
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
            }
            LogKind::NeedSurfaced { need, .. } => {
                surfaced.entry(need.clone()).or_insert((at, seq));
            }
            LogKind::NeedOwned { need, owner, via } => {
                owned.entry(need.clone()).or_insert(at);
                if let Party::Player(r) = owner {
                    if *via == OwnedVia::CarePlan {
                        planned_owner.insert(need.clone(), *r);
                    }
                    if took.insert((*r, need.clone())) {
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
                let asker = b.party(asked_by);
                if *signposted_right {
                    b.add(
                        Behaviour::Signposted,
                        1,
                        &[*role],
                        at,
                        &[seq],
                        format!("Declined {asker}'s request about {} but pointed to a service that can meet it.", b.need(need)),
                    );
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
            LogKind::NeedMet { need, patient, by, via } => {
                owned.entry(need.clone()).or_insert(at);
                let credited: Vec<Role> = match (by, via) {
                    (_, MetVia::JointVisit) => BOTH.to_vec(),
                    (Party::Player(r), _) => vec![*r],
                    (Party::Other(_), _) => sent
                        .values()
                        .filter(|(_, s)| s.need.as_deref() == Some(need) && s.right_party && s.ask == Some(Ask::TakeOn))
                        .map(|(_, s)| s.from)
                        .collect(),
                };
                let how = match via {
                    MetVia::Act => "directly".to_owned(),
                    MetVia::Referral(svc) => format!("through {}", b.party(&Party::Other(svc.clone()))),
                    MetVia::Package(p) => format!(
                        "with {}",
                        b.catalog.package(p).map_or_else(|| p.clone(), |x| lower_first(&x.name))
                    ),
                    MetVia::Safeguarding => "by a safeguarding referral".to_owned(),
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
                if let Some(owner) = planned_owner.get(need)
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
                let dup = visits.iter().find(|(r, p, when, _)| {
                    r != role && p == patient && at.0 <= when.0 + DUPLICATE_WINDOW
                });
                if let Some((_, _, _, first)) = dup
                    && duplicated.insert(patient.clone())
                {
                    b.add(
                        Behaviour::DuplicateAssessment,
                        1,
                        &[*role],
                        at,
                        &[*first, seq],
                        format!(
                            "Visited {} at home separately, soon after the other profession did: a joint visit would have served both.",
                            b.patient(patient)
                        ),
                    );
                }
                visits.push((*role, patient.clone(), at, seq));
            }
            LogKind::JointVisit { patient } => b.add(
                Behaviour::JointVisit,
                1,
                &BOTH,
                at,
                &[seq],
                format!("Visited {} together.", b.patient(patient)),
            ),
            LogKind::PlanAgreed {
                patient,
                covers_all_needs: true,
                at_mdt,
                ..
            } => b.add(
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
            ),
            LogKind::MdtHeld {
                attendees,
                could_attend,
                agenda,
                plans_agreed,
            } => {
                if attendees.is_both() && !agenda.is_empty() && !plans_agreed.is_empty() {
                    b.add(
                        Behaviour::PreparedMdt,
                        1,
                        &BOTH,
                        at,
                        &[seq],
                        format!(
                            "An MDT with both professions, {} prepared patient{} and owned action points.",
                            agenda.len(),
                            if agenda.len() == 1 { "" } else { "s" }
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
            LogKind::ArrangementMade { kind, .. } => b.add(
                Behaviour::StandingArrangement,
                1,
                &BOTH,
                at,
                &[seq],
                match kind {
                    crate::sim::log::Arrangement::LinkWorker => "Set up a named link worker between the practice and social care.".to_owned(),
                    crate::sim::log::Arrangement::Huddle => "Set up a daily huddle between the GP and the social worker.".to_owned(),
                },
            ),
            LogKind::ConsentAsked { role, patient, .. }
                if consent.insert((*role, patient.clone())) =>
            {
                b.add(
                    Behaviour::ConsentSought,
                    1,
                    &[*role],
                    at,
                    &[seq],
                    format!("Asked {} for consent before sharing.", b.patient(patient)),
                );
            }
            LogKind::RecordNote {
                role,
                patient,
                sensitive: true,
                consent_ok: false,
                ..
            } => b.add(
                Behaviour::SharedWithoutConsent,
                1,
                &[*role],
                at,
                &[seq],
                format!("Recorded sensitive information about {} for the other sector without knowing they agreed.", b.patient(patient)),
            ),
            LogKind::SafeguardingRaised { role, need } => b.add(
                Behaviour::SafeguardingRaised,
                1,
                &[*role],
                at,
                &[seq],
                format!("Escalated a safeguarding concern about {}.", b.need_patient(need)),
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
    for (need, (from, seq)) in &surfaced {
        let until = owned.get(need).copied().unwrap_or(end.plus(1));
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

    b.items
        .sort_by_key(|i| (i.slot, i.entries.first().copied().unwrap_or(0)));
    let total = b.items.iter().map(|i| i.points).sum();
    let mut domains: BTreeMap<Domain, i32> = Domain::ALL.iter().map(|d| (*d, 0)).collect();
    let mut roles: BTreeMap<Role, i32> = BOTH.iter().map(|r| (*r, 0)).collect();
    for i in &b.items {
        *domains.entry(i.domain).or_default() += i.points;
        for r in &i.roles {
            *roles.entry(*r).or_default() += i.points;
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

/// Items for one message as sent: referrals, framing, consent and channel safety, closing the
/// loop.
fn scored_message(
    b: &mut Builder,
    e: &LogEntry,
    s: &SentMessage,
    contextual: &mut BTreeSet<(Role, String, Party)>,
    right_contact: &mut BTreeSet<String>,
    respectful: &mut BTreeMap<Role, usize>,
    closed: &mut BTreeSet<(Role, String)>,
) {
    let (at, seq, from) = (e.slot, e.seq, s.from);
    let to = b.party(&s.to);
    let is_referral = s.reply_to.is_none() && matches!(s.ask, Some(Ask::TakeOn | Ask::Assess));
    if is_referral && let Some(need) = &s.need {
        let what = b.need(need);
        if s.has_context {
            if contextual.insert((from, need.clone(), s.to.clone())) {
                b.add(
                    Behaviour::ContextualReferral,
                    1,
                    &[from],
                    at,
                    &[seq],
                    format!("Referred {what} to {to} with the context they need and a clear ask."),
                );
            }
        } else {
            b.add(
                Behaviour::ColdReferral,
                1,
                &[from],
                at,
                &[seq],
                format!("Referred {what} to {to} without the facts they need to act."),
            );
        }
        if s.right_party {
            if right_contact.insert(need.clone()) {
                b.add(
                    Behaviour::RightContact,
                    1,
                    &[from],
                    at,
                    &[seq],
                    format!("Found the right people for {what}: {to}."),
                );
            }
        } else if s.ask == Some(Ask::TakeOn) {
            b.add(
                Behaviour::WrongContact,
                1,
                &[from],
                at,
                &[seq],
                format!("Asked {to} to take on {what}, which they cannot do."),
            );
        }
    }
    if s.cross_sector {
        match s.framing {
            Framing::Respectful => {
                let n = respectful.entry(from).or_default();
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
    if s.sensitive && !s.consent_ok {
        b.add(
            Behaviour::SharedWithoutConsent,
            1,
            &[from],
            at,
            &[seq],
            format!("Shared sensitive information with {to} without knowing the patient agreed."),
        );
    }
    if s.answer == Some(Answer::Done)
        && let Some(need) = &s.need
        && closed.insert((from, need.clone()))
    {
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
