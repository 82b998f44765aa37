//! The gamer: a computer player that does everything the collaborative player does and then
//! spends every spare minute on cheap, repeatable moves that a rubric might pay for, without
//! caring whether they help a patient. It is the adversary that keeps the score honest: no
//! move below may earn its keeper more than it costs, and on average the gamer must never
//! out-score the collaborative player (tests/it/fairness.rs, `validate --balance`).
//!
//! The moves it tries, in this order, whenever the collaborative player would end its turn:
//! - **contentless pings**: "anything new?" to the other profession about each patient, with
//!   nothing attached, hoping the answer is paid for;
//! - **loop baiting**: asking the other profession to take on a need that is already met, so
//!   that the reply "done" might pay for closing a loop;
//! - **shotgun referrals**: every known need, met or not, to every contact in the directory,
//!   with every fact it knows attached (over-sharing included);
//! - **plan cycling**: proposing the patient's care plan again with the owners in another
//!   order, or with two owners swapped, and agreeing whatever the other side proposes;
//! - **the MDT trick**: booking a meeting, putting every patient on the agenda, attending;
//! - **repeated joint visits**: proposing and going on visits to patients already seen
//!   together;
//! - **claiming without acting**: taking ownership of every need nobody owns;
//! - **signposting for points**: answering every referral with a pointer elsewhere when it has
//!   one;
//! - **consent for its own sake**: asking every patient's consent, needed or not.

use super::collaborative::Collaborative;
use super::util::*;
use super::{Policy, Tried};
use crate::scenario::Channel;
use crate::sim::{Act, Answer, Ask, Framing, Party, ReplyTo, Role, RoleView};

pub struct Gamer {
    role: Role,
    inner: Collaborative,
    tried: Tried,
}

impl Gamer {
    pub fn new(role: Role) -> Self {
        Gamer {
            role,
            inner: Collaborative::new(role),
            tried: Tried::default(),
        }
    }

    fn farm(&self, view: &RoleView) -> Vec<Act> {
        let mut out = Vec::new();
        let other = Party::Player(self.role.other());
        let colleague = route_to_other(view);
        // Signposting for points, and answering everything at once.
        for m in unanswered_requests(view) {
            let pointer = view
                .directory
                .iter()
                .find(|c| c.reaches.player().is_none() && !c.front_door);
            let answer = match (&m.ask, pointer) {
                (Some(Ask::TakeOn | Ask::Assess), Some(c)) => Answer::Decline {
                    redirect: Some(c.id.clone()),
                },
                (Some(Ask::Information), _) => Answer::Information,
                _ => Answer::Accept,
            };
            let facts = m
                .patient
                .as_deref()
                .and_then(|p| view.patient(p))
                .map(|p| p.facts.iter().map(|f| f.id.clone()).collect())
                .unwrap_or_default();
            out.push(Act::Reply(ReplyTo {
                message: m.id,
                answer,
                channel: Channel::Phone,
                facts,
                framing: Framing::Respectful,
                text: String::new(),
            }));
        }
        for p in &view.patients {
            out.push(Act::AskConsent {
                patient: p.id.clone(),
            });
            let all: Vec<String> = p.facts.iter().map(|f| f.id.clone()).collect();
            if let Some(c) = colleague {
                // Pings.
                out.push(message(
                    c,
                    Channel::Phone,
                    &p.id,
                    None,
                    Some(Ask::Information),
                    Vec::new(),
                    Framing::Respectful,
                    "Anything new?",
                ));
                // Loop bait.
                for n in p.needs.iter().filter(|n| n.met) {
                    out.push(message(
                        c,
                        Channel::Phone,
                        &p.id,
                        Some(&n.id),
                        Some(Ask::TakeOn),
                        all.clone(),
                        Framing::Respectful,
                        "Could you take this on?",
                    ));
                }
            }
            // Shotgun referrals, over-sharing.
            for n in &p.needs {
                for c in &view.directory {
                    let ch = c.channels[0];
                    if c.reaches == other && colleague.is_none() {
                        continue;
                    }
                    out.push(message(
                        c,
                        ch,
                        &p.id,
                        Some(&n.id),
                        Some(Ask::TakeOn),
                        all.clone(),
                        Framing::Respectful,
                        "Please take this on.",
                    ));
                }
                // Claiming without acting.
                if n.owner.is_none() && !n.met {
                    out.push(Act::ClaimNeed { need: n.id.clone() });
                }
            }
            // Plan cycling.
            if let Some(plan) = &p.plan {
                if plan.proposed_by != self.role && !plan.agreed {
                    out.push(Act::AcceptCarePlan {
                        patient: p.id.clone(),
                    });
                }
                let mut reversed = plan.owners.clone();
                reversed.reverse();
                out.push(Act::ProposeCarePlan {
                    patient: p.id.clone(),
                    owners: reversed,
                });
                if plan.owners.len() >= 2 {
                    let mut swapped = plan.owners.clone();
                    let first = swapped[0].1.clone();
                    swapped[0].1 = swapped[1].1.clone();
                    swapped[1].1 = first;
                    out.push(Act::ProposeCarePlan {
                        patient: p.id.clone(),
                        owners: swapped,
                    });
                }
            }
            // The MDT trick.
            out.push(Act::PrepareForMdt {
                patient: p.id.clone(),
            });
            // Repeated joint visits, to patients already seen together.
            if let Some(c) = colleague {
                let next = view.slot.plus(1);
                if next.0 < view.slots {
                    out.push(message(
                        c,
                        Channel::Phone,
                        &p.id,
                        None,
                        Some(Ask::JointVisit {
                            day: next.day(),
                            half: next.half(),
                        }),
                        Vec::new(),
                        Framing::Respectful,
                        "Shall we visit together again?",
                    ));
                }
            }
            out.push(Act::JointVisit {
                patient: p.id.clone(),
            });
        }
        if view.mdt_now().is_some() {
            out.push(Act::AttendMdt);
        }
        let later = view.slot.plus(2);
        if later.0 < view.slots && !view.mdts.iter().any(|m| m.slot == later) {
            out.push(Act::BookMdt {
                day: later.day(),
                half: later.half(),
            });
        }
        out
    }
}

impl Policy for Gamer {
    fn choose(&mut self, view: &RoleView) -> Act {
        self.tried.at(view.slot.0);
        if view.finished || view.ended_turn {
            return Act::EndTurn;
        }
        let act = self.inner.choose(view);
        if act != Act::EndTurn {
            return act;
        }
        let farm = self.farm(view);
        self.tried.first_new(view, farm)
    }
}
