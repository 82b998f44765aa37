//! Starting a session: the scenario's patients, needs, facts and crises become entities, and
//! the setting decides the directory, the budget, trust, meetings and arrangements.

use bevy::ecs::system::Command;
use bevy::prelude::*;

use super::actions::ActionRecord;
use super::catalog::Catalog;
use super::ids::{Party, Role, RoleSet, Slot};
use super::log::{EventLog, LogKind};
use super::rules::SimWorld;
use super::state::*;
use super::{SessionPhase, apply, events, resolve, step};
use crate::scenario::{
    Consent, DirectoryQuality, MdtCadence, ValidScenario, validate::caseload_of,
};

/// Starts a session as a command (from the window, or a test's `commands`).
pub struct StartSession {
    pub scenario: ValidScenario,
    pub setting: Option<String>,
    pub seed: u64,
}

impl Command for StartSession {
    type Out = ();

    fn apply(self, world: &mut World) {
        if let Err(e) = start_session(world, &self.scenario, self.setting.as_deref(), self.seed) {
            error!("could not start the session: {e}");
        }
    }
}

/// Replaces any session in `world` with a new one of `scenario`, in the named setting (or the
/// file's own), with randomness from `seed`. The session is ready for its first [`step`](super::step).
pub fn start_session(
    world: &mut World,
    scenario: &ValidScenario,
    setting_name: Option<&str>,
    seed: u64,
) -> Result<(), String> {
    let setting = scenario.setting(setting_name)?;
    clear(world);
    let s = scenario.shared();
    let catalog = Catalog::new(s.clone());
    world.insert_resource(Session {
        scenario: s.clone(),
        scenario_hash: scenario.hash().to_owned(),
        setting_name: setting_name.map(str::to_owned),
        setting: setting.clone(),
        seed,
    });
    world.insert_resource(catalog);
    world.insert_resource(Clock {
        slot: Slot(0),
        slots: s.days * 2,
    });
    world.insert_resource(SimRng::seeded(seed));
    world.insert_resource(EventLog::default());
    world.insert_resource(ActionRecord::default());
    world.insert_resource(super::Interventions::default());
    world.insert_resource(Budget {
        left: i64::from(setting.budget),
    });
    world.insert_resource(Trust(setting.trust.min(100)));
    world.insert_resource(Arrangements {
        liaison: setting.liaison,
        huddle: setting.huddle,
        huddle_attended: RoleSet::NONE,
    });
    world.insert_resource(CarePlans::default());
    world.insert_resource(Together::default());
    world.insert_resource(Bookkeeping::default());
    world.insert_resource(ServiceAbsence::default());

    let mut index = Index::default();
    for role in Role::BOTH {
        let e = world
            .spawn(Professional {
                role,
                minutes_left: 0,
                minutes_this_slot: 0,
                ended_turn: false,
                absence: None,
            })
            .id();
        index.professionals.insert(role, e);
    }
    for p in &s.patients {
        let caseload = RoleSet::from_ids(caseload_of(p).iter());
        let consent_known = match p.consent {
            Consent::NotAsked { .. } => RoleSet::NONE,
            _ => RoleSet::BOTH,
        };
        let e = world
            .spawn(Patient {
                id: p.id.clone(),
                consent: p.consent,
                consent_known,
                caseload,
                wishes_asked: false,
                needs_assessed: false,
                finances_assessed: false,
                reassured_at: None,
                chc: Chc::default(),
                decisions: p
                    .decisions
                    .iter()
                    .map(|d| (d.id.clone(), DecisionState::default()))
                    .collect(),
            })
            .id();
        index.patients.insert(p.id.clone(), e);
        for f in &p.facts {
            let e = world
                .spawn(Fact {
                    id: f.id.clone(),
                    patient: p.id.clone(),
                    known_by: RoleSet::from_ids(f.known_to.iter()),
                    sensitive: f.sensitive,
                })
                .id();
            index.facts.insert(f.id.clone(), e);
        }
        for n in &p.needs {
            let e = world
                .spawn(Need {
                    id: n.id.clone(),
                    patient: p.id.clone(),
                    seen_by: RoleSet::NONE,
                    owner: None,
                    planned: false,
                    met: None,
                    pending: None,
                    concern: None,
                    enquiry: false,
                })
                .id();
            index.needs.insert(n.id.clone(), e);
        }
        for k in &p.crises {
            let e = world
                .spawn(Crisis {
                    id: k.id.clone(),
                    patient: p.id.clone(),
                    risk: k.start,
                    threshold: k.threshold,
                    occurred: None,
                })
                .id();
            index.crises.insert(k.id.clone(), e);
        }
    }
    world.insert_resource(index);

    let up_to_date = setting.directory == DirectoryQuality::UpToDate;
    let directory = Directory {
        entries: s
            .contacts
            .iter()
            .map(|k| {
                let listed = match &k.listed_for {
                    None => RoleSet::BOTH,
                    Some(list) => RoleSet::from_ids(list.iter()),
                };
                Entry {
                    id: k.id.clone(),
                    reaches: Party::from_id(&k.reaches),
                    channels: k.channels.clone(),
                    known_by: if up_to_date { RoleSet::BOTH } else { listed },
                    stale: k.stale && !up_to_date,
                    fixed_by: RoleSet::NONE,
                    stale_known_by: RoleSet::NONE,
                }
            })
            .collect(),
    };
    world.insert_resource(directory);
    if setting.liaison {
        apply::link_directories(world);
    }

    let mut meetings = Meetings::default();
    if let MdtCadence::Regular {
        first_day,
        every_days,
        half,
        minutes,
    } = &setting.mdt
    {
        let mut day = *first_day;
        while day <= s.days && *every_days > 0 {
            meetings.mdts.push(Mdt {
                slot: Slot::at(day, *half),
                minutes: *minutes,
                ..Mdt::default()
            });
            day += every_days;
        }
    }
    world.insert_resource(meetings);

    world.log(LogKind::SessionStarted {
        scenario: s.id.clone(),
        setting: setting_name.map(str::to_owned),
        seed,
    });
    resolve::start_slot(world);
    world.surface_needs();
    // Events due at the start (a discharge letter waiting on the first morning) fire now.
    events::fire_events(world);
    step::set_phase(world, SessionPhase::Playing);
    Ok(())
}

/// Removes a previous session's entities.
fn clear(world: &mut World) {
    let mut doomed = Vec::new();
    doomed.extend(
        world
            .query_filtered::<Entity, With<Professional>>()
            .iter(world),
    );
    doomed.extend(world.query_filtered::<Entity, With<Patient>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Fact>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Need>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Crisis>>().iter(world));
    doomed.extend(world.query_filtered::<Entity, With<Mail>>().iter(world));
    for e in doomed {
        world.despawn(e);
    }
}
