//! The headless simulation: a session of half-day slots in which a GP and a social worker act
//! on a shared caseload, through [`PlayerAction`] messages only.
//!
//! Each slot, both roles act until they end their turn (actions apply at once, in the order
//! they arrive). When both have ended it, the slot resolves: messages in transit arrive,
//! services answer, unmet needs push patients toward crises, scheduled events fire, and the
//! clock moves on. Everything that happens is appended to the [`EventLog`].

pub mod actions;
mod apply;
mod catalog;
mod events;
pub mod ids;
pub mod log;
mod resolve;
mod rules;
mod start;
pub mod state;
pub mod view;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;

pub use actions::{Act, Answer, Ask, Framing, Outgoing, PlayerAction, ReplyTo};
pub use catalog::Catalog;
pub use ids::{Party, Role, RoleSet, Slot};
pub use log::{EventLog, LogEntry, LogKind};
pub use start::{StartSession, start_session};
pub use state::{Clock, Session};
pub use view::RoleView;

/// Where a session is.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SessionPhase {
    /// No session loaded.
    #[default]
    Idle,
    Playing,
    /// The last slot has resolved; the log is complete.
    Finished,
}

/// The simulation's stages within one update, in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    /// Check and apply the actions written this update.
    Apply,
    /// Resolve the slot, once both roles have ended their turn.
    Resolve,
    /// Fire scheduled and triggered scenario events.
    Events,
}

/// The simulation, without any window: add it to an app with `MinimalPlugins` to run
/// sessions headless, or beneath the window's plugins to play one.
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        if !app.is_plugin_added::<StatesPlugin>() {
            app.add_plugins(StatesPlugin);
        }
        app.init_state::<SessionPhase>()
            .add_message::<PlayerAction>()
            .init_resource::<EventLog>()
            .configure_sets(
                Update,
                (SimSystems::Apply, SimSystems::Resolve, SimSystems::Events)
                    .chain()
                    .run_if(in_state(SessionPhase::Playing)),
            )
            .add_plugins((apply::plugin, resolve::plugin, events::plugin));
    }
}
