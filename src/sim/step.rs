//! [`step`]: the simulation's one way forward. Each call takes one action in full: it is
//! checked and applied (or refused and logged), needs that have come into view surface, and,
//! when both roles have ended the half-day, the half-day resolves; then scenario events whose
//! trigger has come true fire. No frame, schedule or update is involved, so a headless session
//! costs what its rules cost, and the window (through [`SimPlugin`](super::SimPlugin)'s one
//! system), computer players, replay and tests all move the world the same way.

use bevy::prelude::*;

use super::actions::{ActionRecord, PlayerAction, Recorded};
use super::log::LogKind;
use super::model::MODEL;
use super::refusal::Refusal;
use super::rules::SimWorld;
use super::state::{Clock, Session};
use super::{SessionPhase, apply, events, resolve};

/// Takes one action. `Ok` when it was applied, `Err` with the reason when it was refused (the
/// refusal is logged). With no session, or after its last half-day, nothing happens at all
/// and the answer is [`Refusal::SessionOver`].
pub fn step(world: &mut World, action: &PlayerAction) -> Result<(), Refusal> {
    let running = world.get_resource::<Session>().is_some()
        && world.get_resource::<Clock>().is_some_and(|c| !c.is_over());
    if !running {
        return Err(Refusal::SessionOver);
    }
    let role = action.role();
    let slot = world.resource::<Clock>().slot.0;
    world.resource_mut::<ActionRecord>().0.push(Recorded {
        slot,
        role,
        act: action.act().clone(),
    });
    let result = apply::apply(world, role, action.act());
    if let Err(refusal) = &result {
        let minutes_lost = if refusal.costs_time() {
            apply::lose_time(world, role, MODEL.other.wrong_attempt_minutes)
        } else {
            0
        };
        world.log(LogKind::Refused {
            role,
            act: action.act().clone(),
            refusal: refusal.clone(),
            minutes_lost,
        });
    }
    world.surface_needs();
    if resolve::both_turns_ended(world) {
        resolve::resolve(world);
        if world.resource::<Clock>().is_over() {
            set_phase(world, SessionPhase::Finished);
        }
    }
    events::fire_events(world);
    result
}

/// Moves the window's [`SessionPhase`], where there is one (a headless world has none).
pub(super) fn set_phase(world: &mut World, phase: SessionPhase) {
    if let Some(mut next) = world.get_resource_mut::<NextState<SessionPhase>>() {
        next.set(phase);
    }
}

/// Steps every action written since the system last ran, in order: each sees the effects of
/// the one before, which is why this is an exclusive system.
pub(super) fn step_messages(
    world: &mut World,
    mut cursor: Local<bevy::ecs::message::MessageCursor<PlayerAction>>,
) {
    let actions: Vec<PlayerAction> = {
        let messages = world.resource::<Messages<PlayerAction>>();
        cursor.read(messages).cloned().collect()
    };
    for action in &actions {
        // A refusal is already in the log, where the window reads it.
        let _ = step(world, action);
    }
}
