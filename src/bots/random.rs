//! The random computer player: any plausible action, chosen by a generator of its own seeded
//! from the session seed (so a seed still gives the same session).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::Policy;
use crate::scenario::{Channel, Half};
use crate::sim::{Act, Answer, Ask, Framing, Outgoing, ReplyTo, Role, RoleView};

pub struct RandomPolicy {
    rng: ChaCha8Rng,
    actions_this_slot: (u32, u32),
}

impl RandomPolicy {
    pub fn new(role: Role, seed: u64) -> Self {
        let salt = match role {
            Role::Gp => 0x6750_0000_0000_0001,
            Role::SocialWorker => 0x5357_0000_0000_0002,
        };
        RandomPolicy {
            rng: ChaCha8Rng::seed_from_u64(seed ^ salt),
            actions_this_slot: (u32::MAX, 0),
        }
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        if items.is_empty() {
            None
        } else {
            Some(items[self.rng.random_range(0..items.len())].clone())
        }
    }
}

impl Policy for RandomPolicy {
    fn choose(&mut self, view: &RoleView) -> Act {
        if self.actions_this_slot.0 != view.slot.0 {
            self.actions_this_slot = (view.slot.0, 0);
        }
        self.actions_this_slot.1 += 1;
        if view.finished
            || view.ended_turn
            || self.actions_this_slot.1 > 12
            || self.rng.random_range(0..6) == 0
        {
            return Act::EndTurn;
        }
        let patients: Vec<String> = view.patients.iter().map(|p| p.id.clone()).collect();
        let needs: Vec<String> = view
            .patients
            .iter()
            .flat_map(|p| p.needs.iter().map(|n| n.id.clone()))
            .collect();
        let contacts: Vec<String> = view.directory.iter().map(|c| c.id.clone()).collect();
        let inbox: Vec<u32> = view.inbox.iter().map(|m| m.id).collect();
        let Some(patient) = self.pick(&patients) else {
            return Act::EndTurn;
        };
        let facts: Vec<String> = view
            .patient(&patient)
            .map(|p| p.facts.iter().map(|f| f.id.clone()).collect())
            .unwrap_or_default();
        let some_facts: Vec<String> = facts
            .into_iter()
            .filter(|_| self.rng.random_range(0..2) == 0)
            .collect();
        let need = self.pick(&needs);
        let channel = self.pick(&Channel::ALL).unwrap_or(Channel::Email);
        let framing = self
            .pick(&[Framing::Respectful, Framing::Neutral, Framing::Dismissive])
            .unwrap_or_default();
        match self.rng.random_range(0..16) {
            0 => match self.pick(&contacts) {
                Some(contact) => Act::LookUp { contact },
                None => Act::EndTurn,
            },
            1 => Act::AskAround { patient },
            2 => Act::Assess { patient },
            3 => Act::HomeVisit { patient },
            4 => Act::JointVisit { patient },
            5 | 6 => match self.pick(&contacts) {
                Some(to) => {
                    let ask = self
                        .pick(&[
                            None,
                            Some(Ask::TakeOn),
                            Some(Ask::Information),
                            Some(Ask::Assess),
                        ])
                        .flatten();
                    Act::Send(Outgoing {
                        patient: Some(patient),
                        need,
                        ask,
                        facts: some_facts,
                        framing,
                        ..Outgoing::to(to, channel)
                    })
                }
                None => Act::EndTurn,
            },
            7 | 8 => match self.pick(&inbox) {
                Some(message) => {
                    let answer = self
                        .pick(&[
                            Answer::Acknowledge,
                            Answer::Accept,
                            Answer::Decline { redirect: None },
                            Answer::Done,
                            Answer::Information,
                        ])
                        .unwrap_or(Answer::Acknowledge);
                    Act::Reply(ReplyTo {
                        message,
                        answer,
                        channel,
                        facts: some_facts,
                        framing,
                        text: String::new(),
                    })
                }
                None => Act::EndTurn,
            },
            9 => need.map_or(Act::EndTurn, |need| Act::ClaimNeed { need }),
            10 => need.map_or(Act::EndTurn, |need| Act::ActOnNeed { need }),
            11 => match (
                need,
                self.pick(
                    &view
                        .packages
                        .iter()
                        .map(|p| p.id.clone())
                        .collect::<Vec<_>>(),
                ),
            ) {
                (Some(need), Some(package)) => Act::Commission { need, package },
                _ => Act::EndTurn,
            },
            12 => need.map_or(Act::EndTurn, |need| Act::EscalateSafeguarding { need }),
            13 => Act::PrepareForMdt { patient },
            14 => Act::AttendMdt,
            _ => {
                let day = view.slot.day() + 1;
                Act::BookMdt {
                    day,
                    half: Half::Pm,
                }
            }
        }
    }
}
