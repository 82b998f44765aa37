//! Following the session from the window: the computer colleague's moves, refusals and sent
//! messages shown to the person who made them, and the way from play to handover to debrief.

use bevy::prelude::*;

use super::game::{Game, Mode};
use super::{Dirty, Screen};
use crate::sim::{EventLog, LogKind, Role, SessionPhase, SimSystems};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (partner_moves, follow_session)
            .chain()
            .after(SimSystems::Step)
            .before(super::rebuild::Rebuild),
    );
}

/// The computer colleague takes one action per frame, so a person sees it at work (it never
/// waits on the person within a half-day). It is the same driver headless sessions use.
fn partner_moves(world: &mut World) {
    if *world.resource::<State<Screen>>().get() != Screen::Play
        || *world.resource::<State<SessionPhase>>().get() != SessionPhase::Playing
    {
        return;
    }
    let action = {
        let game = world.resource::<Game>();
        let Some(partner) = &game.partner else {
            return;
        };
        match partner.lock() {
            Ok(mut seat) => seat.next(world),
            Err(_) => None,
        }
    };
    if let Some(action) = action {
        world.write_message(action);
    }
}

/// Moves between play, handover and debrief as the session goes on, and marks the screen for
/// rebuilding when the log grows.
fn follow_session(
    log: Res<EventLog>,
    phase: Res<State<SessionPhase>>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut game: ResMut<Game>,
    mut seen: Local<usize>,
    mut dirty: ResMut<Dirty>,
    seats: SeatsNow,
) {
    if log.entries.len() != *seen {
        for e in &log.entries[(*seen).min(log.entries.len())..] {
            match &e.kind {
                LogKind::Refused { role, refusal, .. } if *role == game.active => {
                    game.refusal = Some(refusal.to_string());
                }
                // The message went (or the note was written): the composer closes; a refused
                // one stays open to fix.
                LogKind::Sent(m) if m.from == game.active => game.draft = None,
                LogKind::RecordNote { role, .. } if *role == game.active => game.draft = None,
                LogKind::PlanProposed { role, .. } if *role == game.active => game.plan = None,
                _ => {}
            }
        }
        *seen = log.entries.len();
        dirty.0 = true;
    }
    if *screen.get() != Screen::Play {
        return;
    }
    if *phase.get() == SessionPhase::Finished {
        next.set(Screen::Debrief);
        return;
    }
    if game.mode == Mode::Hotseat {
        // GP first in each half-day, then the social worker.
        let due = seats.due().unwrap_or(game.active);
        if due != game.active {
            next.set(Screen::Handover);
        }
    }
}

/// Whether each seat has ended its half-day, read from the professionals.
#[derive(bevy::ecs::system::SystemParam)]
pub struct SeatsNow<'w, 's> {
    pros: Query<'w, 's, &'static crate::sim::state::Professional>,
}

impl SeatsNow<'_, '_> {
    pub fn ended(&self, role: Role) -> bool {
        self.pros
            .iter()
            .find(|p| p.role == role)
            .is_some_and(|p| p.ended_turn)
    }

    /// The first seat, GP then social worker, still to end this half-day.
    pub fn due(&self) -> Option<Role> {
        Role::BOTH.into_iter().find(|r| !self.ended(*r))
    }
}
