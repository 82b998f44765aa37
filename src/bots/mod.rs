//! Computer players. A policy sees only its role's [`RoleView`] and answers with the same
//! [`Act`]s a person at the window would choose: no back doors into the simulation.
//!
//! - [`PolicyKind::Collaborative`] finds the right contact, shares context, answers and closes
//!   loops, visits jointly, prepares MDTs and agrees plans with named owners.
//! - [`PolicyKind::Siloed`] behaves as the study's participants describe the walled system: it
//!   does its own profession's work, sends generic referrals without context, bounces needs it
//!   sees as the other side's, leaves messages unanswered and skips meetings.
//! - [`PolicyKind::PoliteSiloed`] is courteous and competent but works within its own walls:
//!   well-contexted handoffs, prompt polite answers, and no joint work or follow-up at all.
//! - [`PolicyKind::Gamer`] plays collaboratively and then farms the rubric with every cheap,
//!   repeatable move it can find.
//! - [`PolicyKind::Stretched`] and [`PolicyKind::Defensive`] are the collaborative player
//!   under pressure: short of time and slow to answer, or guarded until approached with
//!   respect and context. They are the temperaments a student can choose for the computer
//!   colleague in solo play.
//! - [`PolicyKind::Random`] picks any plausible action.

mod collaborative;
mod gamer;
mod polite_siloed;
mod random;
mod siloed;
mod temperament;
pub(crate) mod util;

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use bevy::prelude::World;

use crate::sim::{Act, MODEL, PlayerAction, Role, RoleView, Seat, Slot};

/// Chooses actions for one role.
pub trait Policy: Send {
    /// The next action, given what the role can see. Returning [`Act::EndTurn`] ends the slot.
    fn choose(&mut self, view: &RoleView) -> Act;
}

/// The computer players there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    Collaborative,
    Siloed,
    PoliteSiloed,
    Gamer,
    Stretched,
    Defensive,
    Random,
}

impl PolicyKind {
    pub const ALL: [PolicyKind; 7] = [
        PolicyKind::Collaborative,
        PolicyKind::Siloed,
        PolicyKind::PoliteSiloed,
        PolicyKind::Gamer,
        PolicyKind::Stretched,
        PolicyKind::Defensive,
        PolicyKind::Random,
    ];

    /// The temperaments a student may choose for the computer colleague in solo play.
    pub const COLLEAGUES: [PolicyKind; 3] = [
        PolicyKind::Collaborative,
        PolicyKind::Stretched,
        PolicyKind::Defensive,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::Collaborative => "collaborative",
            PolicyKind::Siloed => "siloed",
            PolicyKind::PoliteSiloed => "polite-siloed",
            PolicyKind::Gamer => "gamer",
            PolicyKind::Stretched => "stretched",
            PolicyKind::Defensive => "defensive",
            PolicyKind::Random => "random",
        }
    }

    /// A fresh player of this kind for `role`. `seed` is the session seed; only the random
    /// policy uses it, through a generator of its own derived from it.
    pub fn make(self, role: Role, seed: u64) -> Box<dyn Policy> {
        match self {
            PolicyKind::Collaborative => Box::new(collaborative::Collaborative::new(role)),
            PolicyKind::Siloed => Box::new(siloed::Siloed::new(role)),
            PolicyKind::PoliteSiloed => Box::new(polite_siloed::PoliteSiloed::new(role)),
            PolicyKind::Gamer => Box::new(gamer::Gamer::new(role)),
            PolicyKind::Stretched => Box::new(temperament::Stretched::new(role)),
            PolicyKind::Defensive => Box::new(temperament::Defensive::new(role)),
            PolicyKind::Random => Box::new(random::RandomPolicy::new(role, seed)),
        }
    }
}

impl fmt::Display for PolicyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for PolicyKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        PolicyKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown computer player `{s}`; use one of: {}",
                    PolicyKind::ALL.map(|k| k.name()).join(", ")
                )
            })
    }
}

impl PolicyKind {
    /// Whether this player knows good practice from poor (every deliberate professional does;
    /// the gamer and the random player do not care).
    pub fn knows_good_practice(self) -> bool {
        !matches!(self, PolicyKind::Gamer | PolicyKind::Random)
    }
}

/// Takes the options a case marks as poor practice out of what a knowledgeable computer
/// player considers. Their knowledge lives here, in the seat, not in the view: a person
/// playing sees every option and judges for themselves.
pub fn hide_poor_practice(view: &mut RoleView, catalog: &crate::sim::Catalog) {
    let scenario = &catalog.scenario;
    let poor_package = |id: &String| {
        scenario
            .care_packages
            .iter()
            .any(|k| &k.id == id && k.poor_practice.is_some())
    };
    let poor_service = |id: &String| {
        scenario
            .roles
            .others
            .iter()
            .any(|n| &n.id == id && n.poor_practice.is_some())
    };
    view.packages.retain(|k| !poor_package(&k.id));
    for p in &mut view.patients {
        for n in &mut p.needs {
            n.packages.retain(|k| !poor_package(k));
            n.services.retain(|k| !poor_service(k));
        }
    }
}

/// A computer player in its seat: the one driver for computer players, used by whole headless
/// sessions and by the window's computer colleague alike. It owns its seat, so the actions it
/// makes are that seat's; it ends the turn for a policy that takes more than
/// [`MODEL`]`.other.max_actions_per_turn` actions in one half-day.
pub struct ComputerSeat {
    seat: Seat,
    kind: PolicyKind,
    policy: Box<dyn Policy>,
    /// Actions taken in `slot`.
    taken: usize,
    slot: Option<Slot>,
    /// The log's length when the seat last had nothing to do: until the log grows, nothing has
    /// changed, so the seat still has nothing to do and need not look again.
    idle_at: Option<usize>,
}

impl ComputerSeat {
    /// A fresh player of `kind` in `role`'s seat; `seed` is the session seed.
    pub fn new(kind: PolicyKind, role: Role, seed: u64) -> Self {
        ComputerSeat {
            seat: Seat::assign(role),
            kind,
            policy: kind.make(role, seed),
            taken: 0,
            slot: None,
            idle_at: None,
        }
    }

    pub fn kind(&self) -> PolicyKind {
        self.kind
    }

    pub fn role(&self) -> Role {
        self.seat.role()
    }

    /// The player's next action, seeing the session in `world` through its role's view; `None`
    /// when it has nothing to do (its half-day is ended, or the session is over).
    pub fn next(&mut self, world: &World) -> Option<PlayerAction> {
        let log_len = world
            .get_resource::<crate::sim::EventLog>()
            .map_or(0, |l| l.entries.len());
        if self.idle_at == Some(log_len) {
            return None;
        }
        let mut view = RoleView::of(world, self.seat.role());
        if self.kind.knows_good_practice()
            && let Some(catalog) = world.get_resource::<crate::sim::Catalog>()
        {
            hide_poor_practice(&mut view, catalog);
        }
        let next = self.next_from(view);
        self.idle_at = next.is_none().then_some(log_len);
        next
    }

    /// The player's next action from a view of the session it was given (over the network:
    /// the host hides poor practice from a computer professional's view, as [`next`] does);
    /// `None` when its half-day is ended or the session is over.
    pub fn next_from(&mut self, view: RoleView) -> Option<PlayerAction> {
        if view.ended_turn || view.finished {
            return None;
        }
        if self.slot != Some(view.slot) {
            self.slot = Some(view.slot);
            self.taken = 0;
        }
        self.taken += 1;
        let act = if self.taken > MODEL.other.max_actions_per_turn {
            Act::EndTurn
        } else {
            self.policy.choose(&view)
        };
        Some(self.seat.act(act))
    }
}

/// Remembers which actions were already tried this half-day, so a refused or fruitless action
/// is not tried again and again.
#[derive(Debug, Default)]
pub(crate) struct Tried {
    slot: Option<u32>,
    keys: BTreeSet<String>,
}

impl Tried {
    /// Starts afresh when the slot changes.
    pub fn at(&mut self, slot: u32) {
        if self.slot != Some(slot) {
            self.slot = Some(slot);
            self.keys.clear();
        }
    }
    /// The first of `candidates` not yet tried and with time for it (and marks it), or
    /// `EndTurn`.
    pub fn first_new(&mut self, view: &RoleView, candidates: impl IntoIterator<Item = Act>) -> Act {
        for act in candidates {
            if !util::affordable(view, &act) {
                continue;
            }
            let key = format!("{act:?}");
            if self.keys.insert(key) {
                return act;
            }
        }
        Act::EndTurn
    }
}
