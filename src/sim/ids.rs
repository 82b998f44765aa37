//! Who is who in a session: the two player roles, other parties, time slots.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use crate::scenario::{GP, Half, SOCIAL_WORKER, Sector};

/// A player role. Every session has exactly these two.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Reflect,
)]
pub enum Role {
    Gp,
    SocialWorker,
}

impl Role {
    pub const BOTH: [Role; 2] = [Role::Gp, Role::SocialWorker];

    /// The id scenario files use for this role.
    pub fn id(self) -> &'static str {
        match self {
            Role::Gp => GP,
            Role::SocialWorker => SOCIAL_WORKER,
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        match id {
            GP => Some(Role::Gp),
            SOCIAL_WORKER => Some(Role::SocialWorker),
            _ => None,
        }
    }

    pub fn other(self) -> Role {
        match self {
            Role::Gp => Role::SocialWorker,
            Role::SocialWorker => Role::Gp,
        }
    }

    pub fn sector(self) -> Sector {
        match self {
            Role::Gp => Sector::Health,
            Role::SocialWorker => Sector::SocialCare,
        }
    }

    /// "GP" or "Social worker".
    pub fn label(self) -> &'static str {
        match self {
            Role::Gp => "GP",
            Role::SocialWorker => "Social worker",
        }
    }

    pub(crate) fn bit(self) -> u8 {
        match self {
            Role::Gp => 1,
            Role::SocialWorker => 2,
        }
    }
}

/// A set of player roles (who knows a fact, who attended a meeting).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Reflect,
)]
pub struct RoleSet(u8);

impl RoleSet {
    pub const NONE: RoleSet = RoleSet(0);
    pub const BOTH: RoleSet = RoleSet(3);

    pub fn only(r: Role) -> RoleSet {
        RoleSet(r.bit())
    }
    pub fn contains(self, r: Role) -> bool {
        self.0 & r.bit() != 0
    }
    pub fn insert(&mut self, r: Role) -> bool {
        let had = self.contains(r);
        self.0 |= r.bit();
        !had
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn is_both(self) -> bool {
        self.0 == 3
    }
    pub fn union(self, o: RoleSet) -> RoleSet {
        RoleSet(self.0 | o.0)
    }
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::BOTH.into_iter().filter(move |r| self.contains(*r))
    }
    pub fn from_ids<'a>(ids: impl IntoIterator<Item = &'a String>) -> RoleSet {
        let mut s = RoleSet::NONE;
        for id in ids {
            if let Some(r) = Role::from_id(id) {
                s.insert(r);
            }
        }
        s
    }
}

/// Someone who sends or receives messages: a player role, or a role the simulation plays.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Party {
    Player(Role),
    /// A non-player role (by its scenario id), or a contact such as a carer.
    Other(String),
}

impl Party {
    pub fn from_id(id: &str) -> Party {
        match Role::from_id(id) {
            Some(r) => Party::Player(r),
            None => Party::Other(id.to_owned()),
        }
    }
    pub fn id(&self) -> &str {
        match self {
            Party::Player(r) => r.id(),
            Party::Other(id) => id,
        }
    }
    pub fn player(&self) -> Option<Role> {
        match self {
            Party::Player(r) => Some(*r),
            Party::Other(_) => None,
        }
    }
}

/// A half-day slot, counted from 0 (day 1 AM).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Reflect,
)]
pub struct Slot(pub u32);

impl Slot {
    pub fn at(day: u32, half: Half) -> Slot {
        Slot(day.saturating_sub(1) * 2 + u32::from(half == Half::Pm))
    }
    /// 1-based day.
    pub fn day(self) -> u32 {
        self.0 / 2 + 1
    }
    pub fn half(self) -> Half {
        if self.0.is_multiple_of(2) {
            Half::Am
        } else {
            Half::Pm
        }
    }
    pub fn plus(self, n: u32) -> Slot {
        Slot(self.0 + n)
    }
    /// "Day 2 PM".
    pub fn label(self) -> String {
        format!(
            "Day {} {}",
            self.day(),
            match self.half() {
                Half::Am => "AM",
                Half::Pm => "PM",
            }
        )
    }
}

impl std::fmt::Display for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}
