//! The computer colleague's temperaments in solo play, each a collaborative professional under
//! a pressure the study's participants described, so that a student meets poor culture and
//! overwork rather than reading about them:
//!
//! - [`Stretched`]: willing but short of time. It spends only part of each half-day on this
//!   caseload (the rest goes on work the student never sees) and gets to requests late: a
//!   request waits at least a day before it is answered.
//! - [`Defensive`]: guarded. A request that comes curtly, or with no background, is sent back
//!   ("not for us") or acknowledged and no more; one that comes respectfully with the facts
//!   that bear on it gets the collaborative answer. As trust between the sectors grows to a
//!   working relationship it stops needing to be won over each time. What it does on its own
//!   initiative is the collaborative player's.

use super::Policy;
use super::collaborative::Collaborative;
use super::util::unanswered_requests;
use crate::scenario::Channel;
use crate::sim::view::Relationship;
use crate::sim::{Act, Answer, Ask, Framing, ReplyTo, Role, RoleView};

/// Share of each half-day a stretched colleague can give this caseload, in percent.
const STRETCHED_SHARE: u32 = 50;
/// Half-days a stretched colleague takes to get to a request.
const STRETCHED_DELAY: u32 = 2;

pub struct Stretched {
    inner: Collaborative,
}

impl Stretched {
    pub fn new(role: Role) -> Self {
        Stretched {
            inner: Collaborative::new(role),
        }
    }
}

impl Policy for Stretched {
    fn choose(&mut self, view: &RoleView) -> Act {
        if view.finished || view.ended_turn {
            return Act::EndTurn;
        }
        let spent = view.minutes_this_slot.saturating_sub(view.minutes_left);
        if spent * 100 >= view.minutes_this_slot * STRETCHED_SHARE {
            return Act::EndTurn;
        }
        // Requests that arrived too recently are not seen yet.
        let mut later = view.clone();
        later.inbox.retain(|m| {
            m.ask.is_none()
                || m.delivered
                    .is_some_and(|d| d.0 + STRETCHED_DELAY <= view.slot.0)
        });
        self.inner.choose(&later)
    }
}

pub struct Defensive {
    inner: Collaborative,
}

impl Defensive {
    pub fn new(role: Role) -> Self {
        Defensive {
            inner: Collaborative::new(role),
        }
    }
}

impl Policy for Defensive {
    fn choose(&mut self, view: &RoleView) -> Act {
        if view.finished || view.ended_turn {
            return Act::EndTurn;
        }
        let warm = view.relationship >= Relationship::Working;
        for m in unanswered_requests(view) {
            let won_over = m.framing == Framing::Respectful && !m.facts.is_empty();
            if warm || won_over {
                continue;
            }
            let answer = match m.ask {
                Some(Ask::Information) => Answer::Acknowledge,
                _ => Answer::Decline { redirect: None },
            };
            let cost = view.channel_cost(Channel::Email);
            if cost > view.minutes_left {
                break;
            }
            return Act::Reply(ReplyTo {
                message: m.id,
                answer,
                channel: Channel::Email,
                facts: Vec::new(),
                framing: if m.framing == Framing::Dismissive {
                    Framing::Dismissive
                } else {
                    Framing::Neutral
                },
                text: "This is not for our team.".into(),
            });
        }
        self.inner.choose(view)
    }
}
