//! What one role can see: the only window onto the simulation that screens and computer
//! players get. Hidden facts, the other role's inbox and the true risk numbers are not in it.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actions::{Answer, Ask, Framing};
use super::catalog::Catalog;
use super::ids::{Party, Role, Slot};
use super::log::{EventLog, LogKind};
use super::model::MODEL;
use super::rules::SimWorld;
use super::state::*;
use crate::scenario::{ActionMinutes, Channel, Consent, NeedKind, Resolution, Sector};

/// A role's view of the session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleView {
    pub role: Role,
    pub slot: Slot,
    pub slots: u32,
    pub minutes_left: u32,
    pub minutes_this_slot: u32,
    pub ended_turn: bool,
    pub finished: bool,
    pub patients: Vec<PatientView>,
    pub inbox: Vec<MailView>,
    pub outbox: Vec<MailView>,
    pub directory: Vec<ContactView>,
    /// This half-day's fixed commitments.
    pub commitments: Vec<String>,
    /// MDTs booked or scheduled.
    pub mdts: Vec<MdtView>,
    /// Pounds left for care, if this role may commission.
    pub budget: Option<i64>,
    pub packages: Vec<PackageView>,
    pub relationship: Relationship,
    pub liaison: bool,
    pub huddle: bool,
    pub huddle_now: bool,
    pub shared_record: bool,
    pub pooled_budget: bool,
    /// Patients this role is waiting at for a joint visit this half-day.
    pub waiting_for_joint_visit: Vec<String>,
    /// Both roles are in the same room this half-day.
    pub together: bool,
    /// Things that happened that this role was told about, newest last.
    pub notices: Vec<(Slot, String)>,
    /// Minutes each kind of action takes (shown on buttons; used by computer players).
    pub costs: ActionMinutes,
    /// Minutes a message takes by each channel.
    pub channel_minutes: Vec<(Channel, u32)>,
    /// What each channel is like in this borough: public knowledge any professional has.
    pub channels: Vec<ChannelView>,
    /// Fixed commitments from this half-day to the end of the session, in order.
    pub diary: Vec<(Slot, String)>,
}

/// A channel as professionals know it: how long it takes, how long it takes to arrive, how
/// dependable and how safe it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChannelView {
    pub channel: Channel,
    /// The sender's minutes per message.
    pub minutes: u32,
    /// Half-days before it arrives, shortest and longest.
    pub delay: (u32, u32),
    /// For the phone, the chance someone picks up; otherwise the chance it arrives.
    pub reliability: f32,
    /// Safe for sensitive patient information.
    pub secure: bool,
    /// It exists here (a shared record only where the borough has one).
    pub available: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PatientView {
    pub id: String,
    pub name: String,
    pub age: u32,
    pub summary: String,
    pub consent: ConsentView,
    pub facts: Vec<FactView>,
    pub needs: Vec<NeedView>,
    pub plan: Option<PlanView>,
    /// Crises that have happened to this patient.
    pub crises: Vec<String>,
    /// Someone has asked them what they want to happen.
    pub wishes_asked: bool,
    /// Decisions about their care, and where each has got to.
    pub decisions: Vec<DecisionView>,
    /// Adult social care has assessed their needs (Care Act 2014 s9), as the council's record
    /// shows.
    pub needs_assessed: bool,
    /// Where NHS continuing healthcare has got to for them.
    pub chc: ChcView,
    /// Sectors they do not want their information shared with, once this role knows.
    pub not_shared_with: Vec<Sector>,
    /// Asked about sharing this half-day, they were unsure: ask again later.
    pub consent_unsure: bool,
}

/// NHS continuing healthcare, as either professional can find out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChcView {
    NotScreened,
    /// Screened negative: their needs are not primarily health needs.
    Negative,
    /// Screened positive; the full assessment's decision is awaited.
    Awaiting,
    /// The NHS funds their care.
    Funded,
}

/// A decision the person faces, as a professional caring for them sees it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DecisionView {
    pub id: String,
    pub text: String,
    /// They say no.
    pub refuses: bool,
    /// A conclusive assessment's finding: whether they can make it (none: presumed able).
    pub assessed: Option<bool>,
    /// Someone close to them, or an advocate, has been consulted.
    pub consulted: bool,
    pub best_interests: bool,
    /// The contact to consult (someone close, or the advocate service), if this role has it.
    pub consult: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsentView {
    /// Agreed to sharing (recorded, or this role asked).
    Given,
    Refused,
    /// Not known to this role: ask before sharing sensitive information.
    Unknown,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FactView {
    pub id: String,
    pub text: String,
    pub sensitive: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NeedView {
    pub id: String,
    pub text: String,
    pub kind: NeedKind,
    pub owner: Option<Party>,
    pub owner_name: Option<String>,
    pub met: bool,
    pub in_progress: bool,
    pub urgency: Urgency,
    /// This role can meet it directly.
    pub can_act: bool,
    /// Minutes it takes this role to meet it directly (when it can).
    pub act_minutes: Option<u32>,
    /// The other player's profession can meet it directly.
    pub other_can_act: bool,
    /// Care packages that would meet it (this role may or may not be able to commission).
    pub packages: Vec<String>,
    /// Services (non-player roles) that could meet it on referral.
    pub services: Vec<String>,
    pub safeguarding: bool,
    /// A safeguarding concern about it has been raised (by either profession).
    pub concern_raised: bool,
    /// The local authority has opened a section 42 enquiry into it.
    pub enquiry_open: bool,
    pub joint_visit: bool,
    /// This role knows everything needed to act on it.
    pub informed: bool,
    /// The person's decision it engages, if any (see the patient's `decisions`).
    pub decision: Option<String>,
    /// A primary health need that continuing healthcare would fund, and how: a clinician's
    /// judgement, which computer players use. The window does not show it: whether to screen
    /// is the learner's judgement.
    pub continuing_healthcare: Option<crate::scenario::ChcRoute>,
    /// Facts this role knows that bear on the need (its signs, and what acting on it takes):
    /// a professional's judgement of what is relevant, which computer players use to share
    /// the minimum necessary. The window does not show it: choosing what to share is the
    /// learner's judgement.
    pub bearing: Vec<String>,
}

/// How pressing a need feels: a cue, not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Urgency {
    Settled,
    Stable,
    Worsening,
    Urgent,
    /// The crisis it fed has happened.
    Crisis,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Settled => "settled",
            Urgency::Stable => "stable",
            Urgency::Worsening => "worsening",
            Urgency::Urgent => "urgent",
            Urgency::Crisis => "crisis happened",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanView {
    pub owners: Vec<(String, String)>,
    pub proposed_by: Role,
    pub agreed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailView {
    pub id: u32,
    pub from: Party,
    pub from_name: String,
    pub to: Party,
    pub to_name: String,
    pub channel: Channel,
    pub patient: Option<String>,
    pub need: Option<String>,
    pub ask: Option<Ask>,
    pub answer: Option<Answer>,
    pub reply_to: Option<u32>,
    pub facts: Vec<FactView>,
    pub framing: Framing,
    pub text: String,
    pub sent: Slot,
    pub delivered: Option<Slot>,
    pub answered: bool,
    /// The outcome has been reported back (for messages this role received).
    pub loop_closed: bool,
    pub via: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub reaches: Party,
    /// The sector of whoever it reaches (public knowledge: a duty team is social care).
    pub sector: Sector,
    /// It is a front door that passes requests on to someone else.
    pub front_door: bool,
    pub channels: Vec<Channel>,
    /// This role found out the listed details are out of date.
    pub known_stale: bool,
    /// This role has looked the details up.
    pub checked: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MdtView {
    pub slot: Slot,
    pub minutes: u32,
    pub agenda: Vec<String>,
    pub attending: Vec<Role>,
    pub held: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackageView {
    pub id: String,
    pub name: String,
    pub cost: u32,
}

/// Trust between the sectors, as a player senses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Relationship {
    Strained,
    Guarded,
    Working,
    Strong,
}

impl Relationship {
    pub fn label(self) -> &'static str {
        match self {
            Relationship::Strained => "strained",
            Relationship::Guarded => "guarded",
            Relationship::Working => "working",
            Relationship::Strong => "strong",
        }
    }
}

impl RoleView {
    /// Builds `role`'s view from a world holding a session.
    pub fn of(world: &World, role: Role) -> RoleView {
        let catalog = world.resource::<Catalog>();
        let session = world.resource::<Session>();
        let clock = *world.resource::<Clock>();
        let me = world.professional(role);
        let index = world.resource::<Index>();
        let fact_view = |id: &str| {
            catalog.fact(id).map(|f| FactView {
                id: f.id.clone(),
                text: f.text.clone(),
                sensitive: f.sensitive,
            })
        };

        let mut patients = Vec::new();
        for p in &catalog.scenario.patients {
            let Some(state) = world.patient(&p.id) else {
                continue;
            };
            if !state.caseload.contains(role) {
                continue;
            }
            let consent = match state.consent {
                Consent::Given => ConsentView::Given,
                Consent::Refused => ConsentView::Refused,
                Consent::NotAsked { will_agree, .. } if state.consent_known.contains(role) => {
                    if will_agree {
                        ConsentView::Given
                    } else {
                        ConsentView::Refused
                    }
                }
                Consent::NotAsked { .. } => ConsentView::Unknown,
            };
            let facts = p
                .facts
                .iter()
                .filter(|f| world.fact(&f.id).is_some_and(|x| x.known_by.contains(role)))
                .filter_map(|f| fact_view(&f.id))
                .collect();
            let needs: Vec<NeedView> = p
                .needs
                .iter()
                .filter_map(|n| {
                    let state = world.need(&n.id)?;
                    if !state.seen_by.contains(role) {
                        return None;
                    }
                    let urgency = urgency_of(world, n);
                    let knows = |f: &String| world.fact(f).is_some_and(|x| x.known_by.contains(role));
                    let informed = n.requires.iter().all(knows);
                    let mut bearing: Vec<String> = n
                        .signs
                        .iter()
                        .chain(&n.requires)
                        .filter(|f| knows(f))
                        .cloned()
                        .collect();
                    bearing.sort();
                    bearing.dedup();
                    Some(NeedView {
                        id: n.id.clone(),
                        text: n.text.clone(),
                        kind: n.kind,
                        owner: state.owner.clone(),
                        owner_name: state.owner.as_ref().map(|o| catalog.party_name(o)),
                        met: state.met.is_some(),
                        in_progress: state.pending.is_some(),
                        urgency,
                        can_act: n.resolved_by.iter().any(
                            |r| matches!(r, Resolution::Act { role: who, .. } if who == role.id()),
                        ),
                        act_minutes: n.resolved_by.iter().find_map(|r| match r {
                            Resolution::Act { role: who, minutes } if who == role.id() => {
                                Some(minutes.unwrap_or(session.scenario.action_minutes.act))
                            }
                            _ => None,
                        }),
                        other_can_act: n.resolved_by.iter().any(|r| {
                            matches!(r, Resolution::Act { role: who, .. } if who == role.other().id())
                        }),
                        packages: n
                            .resolved_by
                            .iter()
                            .filter_map(|r| match r {
                                Resolution::Package(p) => Some(p.clone()),
                                _ => None,
                            })
                            .collect(),
                        services: n
                            .resolved_by
                            .iter()
                            .filter_map(|r| match r {
                                Resolution::Referral { to, .. } => Some(to.clone()),
                                _ => None,
                            })
                            .collect(),
                        safeguarding: n.resolved_by.contains(&Resolution::Safeguarding),
                        concern_raised: state.concern.is_some(),
                        enquiry_open: state.enquiry,
                        joint_visit: n.resolved_by.contains(&Resolution::JointVisit),
                        informed,
                        decision: n.decision.clone(),
                        continuing_healthcare: n.continuing_healthcare,
                        bearing,
                    })
                })
                .collect();
            let plan = world
                .resource::<CarePlans>()
                .plans
                .get(&p.id)
                .filter(|pl| pl.seen_by.contains(role))
                .map(|pl| PlanView {
                    owners: pl.owners.clone(),
                    proposed_by: pl.proposed_by,
                    agreed: pl.agreed.is_some(),
                });
            let crises = p
                .crises
                .iter()
                .filter(|k| {
                    index
                        .crises
                        .get(&k.id)
                        .and_then(|&e| world.get::<Crisis>(e))
                        .is_some_and(|c| c.occurred.is_some())
                })
                .map(|k| k.text.clone())
                .collect();
            // A decision shows once a need engaging it is seen (its text would otherwise tell
            // the player about a need they have not noticed).
            let shown = |d: &crate::scenario::DecisionDef| {
                let engaged = p.needs.iter().any(|n| n.decision.as_ref() == Some(&d.id));
                !engaged || needs.iter().any(|n| n.decision.as_ref() == Some(&d.id))
            };
            let decisions = p
                .decisions
                .iter()
                .filter(|d| shown(d))
                .map(|d| {
                    let st = state.decisions.get(&d.id).cloned().unwrap_or_default();
                    let consult = [&d.consult, &d.advocate]
                        .into_iter()
                        .flatten()
                        .find(|k| {
                            world
                                .resource::<Directory>()
                                .get(k)
                                .is_some_and(|e| e.known_by.contains(role))
                        })
                        .cloned();
                    DecisionView {
                        id: d.id.clone(),
                        text: d.text.clone(),
                        refuses: d.refuses,
                        assessed: st.assessed,
                        consulted: st.consulted,
                        best_interests: st.best_interests,
                        consult,
                    }
                })
                .collect();
            patients.push(PatientView {
                id: p.id.clone(),
                name: p.name.clone(),
                age: p.age,
                summary: p.summary.clone(),
                consent,
                facts,
                needs,
                plan,
                crises,
                wishes_asked: state.wishes_asked,
                decisions,
                needs_assessed: state.needs_assessed,
                consent_unsure: state.reassured_at == Some(clock.slot)
                    && !state.consent_known(role),
                not_shared_with: if state.consent_known(role) {
                    p.not_shared_with.clone()
                } else {
                    Vec::new()
                },
                chc: match state.chc {
                    Chc::NotScreened => ChcView::NotScreened,
                    Chc::Negative => ChcView::Negative,
                    Chc::Referred(_) => ChcView::Awaiting,
                    Chc::Funded => ChcView::Funded,
                },
            });
        }

        let mut inbox = Vec::new();
        let mut outbox = Vec::new();
        let mut mail: Vec<&Mail> = index
            .mail
            .values()
            .filter_map(|&e| world.get::<Mail>(e))
            .collect();
        mail.sort_by_key(|m| m.id);
        for m in mail {
            let view = || MailView {
                id: m.id,
                from: m.from.clone(),
                from_name: catalog.party_name(&m.from),
                to: m.to.clone(),
                to_name: catalog.party_name(&m.to),
                channel: m.channel,
                patient: m.patient.clone(),
                need: m.need.clone(),
                ask: m.ask.clone(),
                answer: m.answer.clone(),
                reply_to: m.reply_to,
                facts: m.facts.iter().filter_map(|f| fact_view(f)).collect(),
                framing: m.framing,
                text: m.text.clone(),
                sent: m.sent,
                delivered: m.delivered,
                answered: m.answered,
                loop_closed: m.loop_closed,
                via: m
                    .forwarded_by
                    .as_ref()
                    .map(|n| catalog.party_name(&Party::Other(n.clone()))),
            };
            if m.to == Party::Player(role) && m.delivered.is_some() {
                inbox.push(view());
            }
            // Only the sender's own messages, and not the copies a front door passes on.
            if m.from == Party::Player(role) && m.forwarded_by.is_none() {
                outbox.push(view());
            }
        }

        let directory = world
            .resource::<Directory>()
            .entries
            .iter()
            .filter(|e| e.known_by.contains(role))
            .map(|e| {
                let def = catalog.contact(&e.id);
                ContactView {
                    id: e.id.clone(),
                    name: def.map_or_else(|| e.id.clone(), |d| d.name.clone()),
                    description: def.map_or_else(String::new, |d| d.description.clone()),
                    reaches: e.reaches.clone(),
                    sector: catalog.sector(&e.reaches),
                    front_door: matches!(&e.reaches, Party::Other(id)
                        if catalog.npc(id).is_some_and(|n| n.forwards_to.is_some())),
                    channels: e.channels.clone(),
                    known_stale: e.stale_known_by.contains(role),
                    checked: e.fixed_by.contains(role),
                }
            })
            .collect();

        let mdts = world
            .resource::<Meetings>()
            .mdts
            .iter()
            .map(|m| MdtView {
                slot: m.slot,
                minutes: m.minutes,
                agenda: m.agenda.keys().cloned().collect(),
                attending: m.attended.iter().collect(),
                held: m.held,
            })
            .collect();

        let pooled = session.setting.pooled_budget;
        let may_commission = role == Role::SocialWorker || pooled;
        let arrangements = world.resource::<Arrangements>();
        let trust = world.resource::<Trust>().0;
        let bands = MODEL.bands;
        let relationship = if bands.strained(trust) {
            Relationship::Strained
        } else if trust < bands.guarded_below {
            Relationship::Guarded
        } else if !bands.strong(trust) {
            Relationship::Working
        } else {
            Relationship::Strong
        };
        let notices = world
            .resource::<EventLog>()
            .entries
            .iter()
            .filter_map(|e| match &e.kind {
                LogKind::Notice { text } => Some((e.slot, text.clone())),
                LogKind::Hint { role: to, text } if *to == role => {
                    Some((e.slot, format!("From the facilitator: {text}")))
                }
                LogKind::CrisisOccurred { text, patient, .. }
                    if world.knows_patient(role, patient) =>
                {
                    Some((e.slot, text.clone()))
                }
                _ => None,
            })
            .collect();
        let together = world.resource::<Together>();

        RoleView {
            role,
            slot: clock.slot,
            slots: clock.slots,
            minutes_left: me.minutes_left,
            minutes_this_slot: me.minutes_this_slot,
            ended_turn: me.ended_turn,
            finished: clock.slot.0 >= clock.slots,
            patients,
            inbox,
            outbox,
            directory,
            commitments: catalog
                .commitments_at(role, clock.slot)
                .map(|c| format!("{} ({} h)", c.what, c.hours))
                .collect(),
            mdts,
            budget: may_commission.then(|| world.resource::<Budget>().left),
            packages: catalog
                .scenario
                .care_packages
                .iter()
                .map(|p| PackageView {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    cost: p.cost,
                })
                .collect(),
            relationship,
            liaison: arrangements.liaison,
            huddle: arrangements.huddle,
            huddle_now: arrangements.huddle && clock.slot.half() == crate::scenario::Half::Pm,
            shared_record: session.setting.shared_record,
            pooled_budget: pooled,
            waiting_for_joint_visit: together
                .waiting
                .iter()
                .filter(|(r, _)| *r == role)
                .map(|(_, p)| p.clone())
                .collect(),
            together: together.met,
            notices,
            costs: session.scenario.action_minutes.clone(),
            channel_minutes: Channel::ALL
                .iter()
                .map(|c| (*c, session.channel(*c).minutes))
                .collect(),
            channels: Channel::ALL
                .iter()
                .map(|&channel| {
                    let def = session.channel(channel);
                    ChannelView {
                        channel,
                        minutes: def.minutes,
                        delay: def.delay,
                        reliability: def.reliability,
                        secure: def.secure,
                        available: channel != Channel::SharedRecord
                            || session.setting.shared_record,
                    }
                })
                .collect(),
            diary: (clock.slot.0..clock.slots)
                .map(Slot)
                .flat_map(|slot| {
                    catalog
                        .commitments_at(role, slot)
                        .map(move |c| (slot, format!("{} ({} h)", c.what, c.hours)))
                })
                .collect(),
        }
    }

    pub fn patient(&self, id: &str) -> Option<&PatientView> {
        self.patients.iter().find(|p| p.id == id)
    }

    /// Whether this role knows the fact.
    pub fn knows(&self, fact: &str) -> bool {
        self.patients
            .iter()
            .any(|p| p.facts.iter().any(|f| f.id == fact))
    }

    /// Directory entries that reach `party`, working ones first.
    pub fn contacts_for(&self, party: &Party) -> Vec<&ContactView> {
        let mut v: Vec<&ContactView> = self
            .directory
            .iter()
            .filter(|c| &c.reaches == party)
            .collect();
        v.sort_by_key(|c| c.known_stale && !c.checked);
        v
    }

    /// Minutes a message by `channel` takes.
    pub fn channel_cost(&self, channel: Channel) -> u32 {
        self.channel_minutes
            .iter()
            .find(|(c, _)| *c == channel)
            .map_or(10, |(_, m)| *m)
    }

    /// The MDT happening this half-day, if any.
    pub fn mdt_now(&self) -> Option<&MdtView> {
        self.mdts.iter().find(|m| m.slot == self.slot && !m.held)
    }
}

/// How pressing a need is: settled once met, else from how near the crisis it feeds is.
pub(crate) fn urgency_of(world: &World, n: &crate::scenario::NeedDef) -> Urgency {
    let index = world.resource::<Index>();
    match n.feeds.as_ref().and_then(|c| index.crises.get(c)) {
        _ if world.need(&n.id).is_some_and(|x| x.met.is_some()) => Urgency::Settled,
        Some(&e) => match world.get::<Crisis>(e) {
            Some(c) if c.occurred.is_some() => Urgency::Crisis,
            Some(c) => {
                let share = c.risk * 100 / c.threshold.max(1);
                if share >= MODEL.risk.urgent_from {
                    Urgency::Urgent
                } else if share >= MODEL.risk.worsening_from {
                    Urgency::Worsening
                } else {
                    Urgency::Stable
                }
            }
            None => Urgency::Stable,
        },
        None => Urgency::Stable,
    }
}
