//! What a facilitator may do to a session from outside it (LAN play's facilitator seat): fire
//! one of the events the case offers them, or send one profession a hint. Neither is a
//! player's action, so neither goes through [`step`](super::step) or a seat; both are logged
//! (the debrief marks them) and kept with the session, so a replay reproduces them in place.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actions::ActionRecord;
use super::ids::Role;
use super::log::LogKind;
use super::model::MODEL;
use super::rules::SimWorld;
use super::state::{Bookkeeping, Clock, Session};

/// One intervention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Intervention {
    /// Fire an event the case marks `facilitator: true`, now.
    Inject { event: String },
    /// A hint to one profession, shown among what it has been told.
    Hint { role: Role, text: String },
}

/// Interventions made in this session, each after so many of its actions.
#[derive(Resource, Debug, Clone, Default)]
pub struct Interventions(pub Vec<(usize, Intervention)>);

/// Why an intervention was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterventionError {
    #[error("the session is over")]
    SessionOver,
    #[error("the case has no event `{0}`")]
    NoSuchEvent(String),
    #[error("the case does not offer event `{0}` to the facilitator")]
    NotOffered(String),
    #[error("event `{0}` has already happened")]
    AlreadyFired(String),
    #[error("a hint needs some words, at most {max} characters")]
    BadHint { max: usize },
}

/// Makes `i` in the session in `world` (and records it, for the session file and replay).
pub fn intervene(world: &mut World, i: &Intervention) -> Result<(), InterventionError> {
    let running = world.get_resource::<Session>().is_some()
        && world.get_resource::<Clock>().is_some_and(|c| !c.is_over());
    if !running {
        return Err(InterventionError::SessionOver);
    }
    match i {
        Intervention::Inject { event } => {
            let catalog = world.catalog().clone();
            let def = catalog
                .scenario
                .events
                .iter()
                .find(|e| &e.id == event)
                .ok_or_else(|| InterventionError::NoSuchEvent(event.clone()))?;
            if !def.facilitator {
                return Err(InterventionError::NotOffered(event.clone()));
            }
            if world.resource::<Bookkeeping>().fired.contains(event) {
                return Err(InterventionError::AlreadyFired(event.clone()));
            }
            world
                .resource_mut::<Bookkeeping>()
                .fired
                .insert(event.clone());
            world.log(LogKind::Injected {
                event: event.clone(),
            });
            for effect in &def.effects {
                super::events::apply_effect(world, effect);
            }
            world.surface_needs();
        }
        Intervention::Hint { role, text } => {
            let max = MODEL.other.max_text;
            if text.trim().is_empty() || text.chars().count() > max {
                return Err(InterventionError::BadHint { max });
            }
            world.log(LogKind::Hint {
                role: *role,
                text: text.trim().to_owned(),
            });
        }
    }
    let after = world
        .get_resource::<ActionRecord>()
        .map_or(0, |r| r.0.len());
    world
        .get_resource_or_init::<Interventions>()
        .0
        .push((after, i.clone()));
    Ok(())
}
