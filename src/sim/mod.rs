//! The headless simulation: a session of half-day slots in which a GP and a social worker act
//! on a shared caseload, through [`PlayerAction`]s only.
//!
//! Each slot, both roles act until they end their turn; every action is one [`step`], which
//! applies it at once (or refuses it, with a [`Refusal`]). The step in which both have ended
//! the slot also resolves it: messages in transit arrive, services answer, unmet needs push
//! patients toward crises, scheduled events fire, and the clock moves on. Everything that
//! happens is appended to the [`EventLog`]. The numbers the rules use are in [`MODEL`].

pub mod actions;
mod apply;
mod catalog;
mod events;
pub mod ids;
pub mod intervene;
pub mod log;
pub mod model;
pub mod refusal;
mod resolve;
mod rules;
mod start;
pub mod state;
mod step;
pub mod view;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;

pub use actions::{
    Act, ActionRecord, Answer, Ask, Framing, Outgoing, PlayerAction, Recorded, ReplyTo, Seat,
};
pub use catalog::Catalog;
pub use ids::{Party, Role, RoleSet, Slot};
pub use intervene::{Intervention, InterventionError, Interventions, intervene};
pub use log::{EventLog, LogEntry, LogKind};
pub use model::MODEL;
pub use refusal::Refusal;
pub use start::{StartSession, start_session};
pub use state::{Clock, Session};
pub use step::step;
pub use view::RoleView;

/// Where a session is, for the window's screens (the simulation itself reads its [`Clock`]).
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SessionPhase {
    /// No session loaded.
    #[default]
    Idle,
    Playing,
    /// The last slot has resolved; the log is complete.
    Finished,
}

/// The simulation's place in a frame, for systems that must run before or after it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    /// Every [`PlayerAction`] written this frame is stepped, in order.
    Step,
}

/// The simulation in an app: one system that [`step`]s each [`PlayerAction`] message. The
/// window runs it beneath its screens; headless code calls [`step`] on a world directly.
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        if !app.is_plugin_added::<StatesPlugin>() {
            app.add_plugins(StatesPlugin);
        }
        app.init_state::<SessionPhase>()
            .add_message::<PlayerAction>()
            .init_resource::<EventLog>()
            .init_resource::<ActionRecord>()
            .add_systems(Update, step::step_messages.in_set(SimSystems::Step));
    }
}
