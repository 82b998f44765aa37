//! The polite but siloed computer player: a courteous, competent professional who works
//! entirely within their own walls. It is the adversary the score must not mistake for
//! teamwork.
//!
//! It does its own profession's work (its own assessment of each patient, the needs it can
//! meet, packages it may commission, safeguarding concerns) and hands every other need over
//! once, to the right contact when it knows one (else to the other profession), respectfully,
//! with the facts it knows that bear on it and a clear ask; it asks consent before sharing
//! anything sensitive. It answers every request promptly and politely: it takes on its own
//! work, points elsewhere when it knows who can help, and shares what it knows when asked. It
//! never joins a joint visit, never plans jointly, never prepares for or attends an MDT, never
//! follows up a handoff or reports an outcome, and never sets up a standing arrangement.

use super::util::*;
use super::{Policy, Tried};
use crate::scenario::Channel;
use crate::sim::{Act, Answer, Ask, Framing, Party, ReplyTo, Role, RoleView};

pub struct PoliteSiloed {
    role: Role,
    tried: Tried,
    /// Patients it has seen in its own professional way.
    seen: std::collections::BTreeSet<String>,
}

impl PoliteSiloed {
    pub fn new(role: Role) -> Self {
        PoliteSiloed {
            role,
            tried: Tried::default(),
            seen: std::collections::BTreeSet::new(),
        }
    }

    /// The quickest channel to `c` that may carry sensitive facts when there are any.
    fn channel(view: &RoleView, c: &crate::sim::view::ContactView, sensitive: bool) -> Channel {
        channels_for(view, c, sensitive)
            .into_iter()
            .next()
            .unwrap_or(c.channels[0])
    }

    fn answers(&self, view: &RoleView, out: &mut Vec<Act>) {
        for m in unanswered_requests(view) {
            let patient = m.patient.as_deref().and_then(|p| view.patient(p));
            let need =
                patient.and_then(|p| p.needs.iter().find(|n| Some(&n.id) == m.need.as_ref()));
            let pointer = need.and_then(|n| {
                n.services
                    .iter()
                    .find_map(|s| contact_for(view, &Party::Other(s.clone())))
            });
            let ours = need.is_some_and(|n| {
                n.can_act || n.safeguarding || (!n.packages.is_empty() && view.budget.is_some())
            });
            let settled = need.is_some_and(|n| n.met || n.in_progress);
            let (answer, facts) = match &m.ask {
                Some(Ask::TakeOn | Ask::Assess) if settled => (Answer::Acknowledge, Vec::new()),
                Some(Ask::TakeOn | Ask::Assess) if ours => (Answer::Accept, Vec::new()),
                Some(Ask::TakeOn | Ask::Assess) => (
                    Answer::Decline {
                        redirect: pointer.map(|c| c.id.clone()),
                    },
                    Vec::new(),
                ),
                Some(Ask::Information) => (
                    Answer::Information,
                    patient
                        .map(|p| shareable_to_colleague(view, p, true))
                        .unwrap_or_default(),
                ),
                // Meetings, visits together and standing arrangements: politely, no.
                Some(_) => (Answer::Decline { redirect: None }, Vec::new()),
                None => continue,
            };
            out.push(Act::Reply(ReplyTo {
                message: m.id,
                answer,
                channel: Channel::Phone,
                facts: facts.clone(),
                framing: Framing::Respectful,
                text: "Thank you for getting in touch.".into(),
            }));
            // If nobody picks up, a secure letter (or email, with nothing sensitive).
            let fallback = if facts.is_empty() {
                Channel::Email
            } else {
                Channel::Letter
            };
            out.push(Act::Reply(ReplyTo {
                message: m.id,
                answer: match &m.ask {
                    Some(Ask::TakeOn | Ask::Assess) if settled => Answer::Acknowledge,
                    Some(Ask::TakeOn | Ask::Assess) if ours => Answer::Accept,
                    Some(Ask::Information) => Answer::Information,
                    _ => Answer::Decline {
                        redirect: pointer.map(|c| c.id.clone()),
                    },
                },
                channel: fallback,
                facts,
                framing: Framing::Respectful,
                text: "Thank you for getting in touch.".into(),
            }));
        }
    }
}

impl Policy for PoliteSiloed {
    fn choose(&mut self, view: &RoleView) -> Act {
        self.tried.at(view.slot.0);
        if view.finished || view.ended_turn {
            return Act::EndTurn;
        }
        let mut out = Vec::new();
        self.answers(view, &mut out);
        for p in &view.patients {
            if should_ask_consent(view, p) {
                out.push(Act::AskConsent {
                    patient: p.id.clone(),
                });
            }
        }
        for p in &view.patients {
            // Its own profession's look at every patient, once.
            if !self.seen.contains(&p.id) {
                out.push(match self.role {
                    Role::Gp => Act::Assess {
                        patient: p.id.clone(),
                    },
                    Role::SocialWorker => Act::HomeVisit {
                        patient: p.id.clone(),
                    },
                });
            }
            for n in open_needs(p) {
                if n.safeguarding {
                    // Its statutory part, whichever it is: raise the concern; for social care,
                    // the enquiry and the person's wishes.
                    out.extend(safeguarding_steps(view, p, n));
                    continue;
                }
                if matches!(&n.owner, Some(Party::Player(r)) if *r != self.role) {
                    continue;
                }
                let own = n.can_act || (!n.packages.is_empty() && view.budget.is_some());
                let (steps, must_wait) = capacity_steps(view, p, n);
                if own && must_wait {
                    out.extend(steps);
                    continue;
                }
                if own && !n.informed {
                    // Its own work, short of facts: it asks around, and asks the other
                    // profession once, politely, for what they know.
                    out.push(Act::AskAround {
                        patient: p.id.clone(),
                    });
                    if !asked_anyone(view, &n.id, &Ask::Information)
                        && let Some(c) = route_to_other(view)
                        && !needs_checking(c)
                    {
                        let channel = Self::channel(view, c, has_sensitive(p));
                        out.push(message(
                            c,
                            channel,
                            &p.id,
                            Some(&n.id),
                            Some(Ask::Information),
                            for_need(view, p, n, c, channel != Channel::Email),
                            Framing::Respectful,
                            "Could you tell me what you know that bears on this? Thank you.",
                        ));
                    }
                    continue;
                }
                if n.can_act {
                    out.push(Act::ActOnNeed { need: n.id.clone() });
                    continue;
                }
                if !n.packages.is_empty() && view.budget.is_some() {
                    out.extend(commission_steps(view, p, n));
                    continue;
                }

                // Everyone else's work: handed over once, well.
                if asked_anyone(view, &n.id, &Ask::TakeOn) {
                    continue;
                }
                let service = n
                    .services
                    .iter()
                    .find_map(|s| contact_for(view, &Party::Other(s.clone())));
                let target = service.or_else(|| route_to_other(view));
                let Some(c) = target else {
                    continue;
                };
                if needs_checking(c) {
                    out.push(Act::LookUp {
                        contact: c.id.clone(),
                    });
                    continue;
                }
                let sensitive = has_sensitive(p);
                let channel = Self::channel(view, c, sensitive);
                let secure = channel != Channel::Email;
                let facts = if service.is_some() {
                    for_need(view, p, n, c, secure)
                } else {
                    shareable(view, p, c, secure)
                };
                out.push(message(
                    c,
                    channel,
                    &p.id,
                    Some(&n.id),
                    Some(Ask::TakeOn),
                    facts,
                    Framing::Respectful,
                    "I would be grateful if you could take this on; the background is attached.",
                ));
            }
        }
        let act = self.tried.first_new(view, out);
        if let Act::Assess { patient } | Act::HomeVisit { patient } = &act {
            self.seen.insert(patient.clone());
        }
        act
    }
}
