//! The siloed computer player: the walled system as the study's GPs described it. It does its
//! own profession's work, and everything else goes over the wall on a form.

use super::util::*;
use super::{Policy, Tried};
use crate::scenario::Channel;
use crate::sim::{Act, Answer, Ask, Framing, Party, ReplyTo, Role, RoleView};

pub struct Siloed {
    role: Role,
    tried: Tried,
}

impl Siloed {
    pub fn new(role: Role) -> Self {
        Siloed {
            role,
            tried: Tried::default(),
        }
    }
}

impl Policy for Siloed {
    fn choose(&mut self, view: &RoleView) -> Act {
        self.tried.at(view.slot.0);
        if view.finished || view.ended_turn {
            return Act::EndTurn;
        }
        let mut out = Vec::new();

        // Requests: take on only what is plainly ours; send the rest back. Anything else
        // (meetings, information, arrangements) is left in the inbox.
        for m in unanswered_requests(view) {
            if m.ask != Some(Ask::TakeOn) {
                continue;
            }
            let ours = m
                .patient
                .as_deref()
                .and_then(|p| view.patient(p))
                .and_then(|p| p.needs.iter().find(|n| Some(&n.id) == m.need.as_ref()))
                .is_some_and(|n| n.can_act || (!n.packages.is_empty() && view.budget.is_some()));
            out.push(Act::Reply(ReplyTo {
                message: m.id,
                answer: if ours {
                    Answer::Accept
                } else {
                    Answer::Decline { redirect: None }
                },
                channel: Channel::Email,
                facts: Vec::new(),
                framing: Framing::Neutral,
                text: if ours {
                    "Noted.".into()
                } else {
                    "This is not for our team.".into()
                },
            }));
        }

        for p in &view.patients {
            for n in open_needs(p) {
                // Our own work, once we have assessed.
                if n.can_act {
                    if n.informed {
                        out.push(Act::ActOnNeed { need: n.id.clone() });
                    } else {
                        out.push(match self.role {
                            Role::Gp => Act::Assess {
                                patient: p.id.clone(),
                            },
                            Role::SocialWorker => Act::HomeVisit {
                                patient: p.id.clone(),
                            },
                        });
                    }
                    continue;
                }
                if !n.packages.is_empty() && view.budget.is_some() {
                    if n.informed {
                        out.extend(commission_steps(view, p, n));
                    } else if self.role == Role::SocialWorker {
                        out.push(Act::HomeVisit {
                            patient: p.id.clone(),
                        });
                    }
                    continue;
                }
                if n.safeguarding {
                    out.extend(safeguarding_steps(view, p, n));
                    continue;
                }
                // Not ours: a generic referral over the wall, once, with no background.
                if asked_anyone(view, &n.id, &Ask::TakeOn) {
                    continue;
                }
                let target = n
                    .services
                    .iter()
                    .find_map(|s| {
                        view.contacts_for(&Party::Other(s.clone()))
                            .into_iter()
                            .next()
                    })
                    .or_else(|| {
                        view.directory
                            .iter()
                            .find(|c| c.front_door && c.sector == other_sector(view))
                    })
                    .or_else(|| {
                        view.contacts_for(&Party::Player(self.role.other()))
                            .into_iter()
                            .next()
                    });
                if let Some(c) = target {
                    let channel = if c.channels.contains(&Channel::Email) {
                        Channel::Email
                    } else {
                        c.channels[0]
                    };
                    out.push(message(
                        c,
                        channel,
                        &p.id,
                        Some(&n.id),
                        Some(Ask::TakeOn),
                        Vec::new(),
                        if n.urgency >= crate::sim::view::Urgency::Urgent {
                            Framing::Dismissive
                        } else {
                            Framing::Neutral
                        },
                        "Please see referral.",
                    ));
                }
            }
        }
        self.tried.first_new(view, out)
    }
}
