//! Fast look-ups into the scenario being played: definitions by id.

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy::prelude::*;

use super::ids::{Party, Role};
use crate::scenario::*;

/// The scenario's definitions, indexed by id. Built once per session from a validated
/// scenario, so every id the scenario mentions resolves. Cloning it is cheap (two shared
/// pointers), so code that must hold it while changing the world clones it.
#[derive(Resource, Debug, Clone)]
pub struct Catalog {
    pub scenario: Arc<Scenario>,
    ids: Arc<Ids>,
}

/// Positions of each definition in the scenario, by id.
#[derive(Debug, Default)]
struct Ids {
    patients: BTreeMap<String, usize>,
    facts: BTreeMap<String, (usize, usize)>,
    needs: BTreeMap<String, (usize, usize)>,
    crises: BTreeMap<String, (usize, usize)>,
    contacts: BTreeMap<String, usize>,
    npcs: BTreeMap<String, usize>,
    packages: BTreeMap<String, usize>,
}

impl Catalog {
    pub fn new(scenario: Arc<Scenario>) -> Self {
        let mut c = Ids::default();
        for (pi, p) in scenario.patients.iter().enumerate() {
            c.patients.insert(p.id.clone(), pi);
            for (i, f) in p.facts.iter().enumerate() {
                c.facts.insert(f.id.clone(), (pi, i));
            }
            for (i, n) in p.needs.iter().enumerate() {
                c.needs.insert(n.id.clone(), (pi, i));
            }
            for (i, k) in p.crises.iter().enumerate() {
                c.crises.insert(k.id.clone(), (pi, i));
            }
        }
        for (i, k) in scenario.contacts.iter().enumerate() {
            c.contacts.insert(k.id.clone(), i);
        }
        for (i, n) in scenario.roles.others.iter().enumerate() {
            c.npcs.insert(n.id.clone(), i);
        }
        for (i, k) in scenario.care_packages.iter().enumerate() {
            c.packages.insert(k.id.clone(), i);
        }
        Catalog {
            scenario,
            ids: Arc::new(c),
        }
    }

    pub fn patient(&self, id: &str) -> Option<&PatientDef> {
        self.ids
            .patients
            .get(id)
            .map(|&i| &self.scenario.patients[i])
    }
    pub fn fact(&self, id: &str) -> Option<&FactDef> {
        self.ids
            .facts
            .get(id)
            .map(|&(p, i)| &self.scenario.patients[p].facts[i])
    }
    /// The patient a fact is about.
    pub fn fact_patient(&self, id: &str) -> Option<&str> {
        self.ids
            .facts
            .get(id)
            .map(|&(p, _)| self.scenario.patients[p].id.as_str())
    }
    pub fn need(&self, id: &str) -> Option<&NeedDef> {
        self.ids
            .needs
            .get(id)
            .map(|&(p, i)| &self.scenario.patients[p].needs[i])
    }
    pub fn need_patient(&self, id: &str) -> Option<&str> {
        self.ids
            .needs
            .get(id)
            .map(|&(p, _)| self.scenario.patients[p].id.as_str())
    }
    pub fn crisis(&self, id: &str) -> Option<&CrisisDef> {
        self.ids
            .crises
            .get(id)
            .map(|&(p, i)| &self.scenario.patients[p].crises[i])
    }
    pub fn contact(&self, id: &str) -> Option<&ContactDef> {
        self.ids
            .contacts
            .get(id)
            .map(|&i| &self.scenario.contacts[i])
    }
    pub fn npc(&self, id: &str) -> Option<&NpcDef> {
        self.ids
            .npcs
            .get(id)
            .map(|&i| &self.scenario.roles.others[i])
    }
    pub fn package(&self, id: &str) -> Option<&CarePackageDef> {
        self.ids
            .packages
            .get(id)
            .map(|&i| &self.scenario.care_packages[i])
    }
    pub fn player(&self, role: Role) -> &PlayerRoleDef {
        match role {
            Role::Gp => &self.scenario.roles.gp,
            Role::SocialWorker => &self.scenario.roles.social_worker,
        }
    }

    /// A party's display name: "Dr Amara Osei (GP)", "Duty social work team".
    pub fn party_name(&self, party: &Party) -> String {
        match party {
            Party::Player(r) => format!("{} ({})", self.player(*r).name, r.label()),
            Party::Other(id) => match (self.npc(id), self.contact(id)) {
                (Some(n), _) => n.name.clone(),
                (None, Some(k)) => k.name.clone(),
                (None, None) => id.clone(),
            },
        }
    }

    /// The sector a party works in.
    pub fn sector(&self, party: &Party) -> Sector {
        match party {
            Party::Player(r) => r.sector(),
            Party::Other(id) => self.npc(id).map_or(Sector::Community, |n| n.sector),
        }
    }

    /// Where a request sent to `party` ends up, following front doors.
    pub fn final_recipient(&self, party: &Party) -> Party {
        let mut at = party.clone();
        for _ in 0..=self.scenario.roles.others.len() {
            match &at {
                Party::Other(id) => match self.npc(id).and_then(|n| n.forwards_to.clone()) {
                    Some(next) => at = Party::from_id(&next),
                    None => break,
                },
                Party::Player(_) => break,
            }
        }
        at
    }

    /// Whether `party` can meet `need` itself (act on it, accept it as a service, commission
    /// its package, escalate it or visit jointly).
    pub fn can_meet(&self, party: &Party, need: &str, pooled_budget: bool) -> bool {
        let Some(def) = self.need(need) else {
            return false;
        };
        def.resolved_by.iter().any(|r| match (r, party) {
            (Resolution::Act { role, .. }, Party::Player(p)) => role == p.id(),
            (Resolution::Referral { to, .. }, Party::Other(id)) => to == id,
            (Resolution::Package(_), Party::Player(p)) => *p == Role::SocialWorker || pooled_budget,
            (Resolution::Safeguarding | Resolution::JointVisit, Party::Player(_)) => true,
            _ => false,
        })
    }

    /// Slot minutes for a player role before absence: the staffed half-day less commitments.
    pub fn free_minutes(&self, setting: &Setting, role: Role, slot: super::ids::Slot) -> u32 {
        let def = self.player(role);
        let staffed = setting.staffing.get(role.id()).copied().unwrap_or(1.0);
        let half_day = f64::from(def.hours_per_day) * 60.0 / 2.0 * f64::from(staffed);
        let committed: f64 = self
            .commitments_at(role, slot)
            .map(|c| f64::from(c.hours) * 60.0)
            .sum();
        (half_day - committed).max(0.0).floor() as u32
    }

    /// The role's commitments in a slot.
    pub fn commitments_at(
        &self,
        role: Role,
        slot: super::ids::Slot,
    ) -> impl Iterator<Item = &Commitment> {
        let (day, half) = (slot.day(), slot.half());
        self.player(role)
            .commitments
            .iter()
            .filter(move |c| c.half == half && (c.days.is_empty() || c.days.contains(&day)))
    }
}
