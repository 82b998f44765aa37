//! Running sessions: a headless app that plays one session through [`PlayerAction`]s, used by
//! computer players, `simulate`, `replay` and the tests alike.

use bevy::prelude::*;

use crate::scenario::ValidScenario;
use crate::sim::{EventLog, PlayerAction, Role, RoleView, SessionPhase, SimPlugin, start_session};

/// One session in a window-less Bevy app.
pub struct Headless {
    app: App,
}

impl Default for Headless {
    fn default() -> Self {
        Self::new()
    }
}

impl Headless {
    /// An app with `MinimalPlugins` and the simulation, no session yet.
    pub fn new() -> Self {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, SimPlugin));
        Headless { app }
    }

    /// Starts a session and runs the first update (so first-slot events have fired).
    pub fn start(
        &mut self,
        scenario: &ValidScenario,
        setting: Option<&str>,
        seed: u64,
    ) -> Result<(), String> {
        start_session(self.app.world_mut(), scenario, setting, seed)?;
        self.app.update();
        Ok(())
    }

    /// Writes one action and runs an update, so its effects are visible at once.
    pub fn act(&mut self, action: PlayerAction) {
        self.app.world_mut().write_message(action);
        self.app.update();
    }

    /// What `role` can see now.
    pub fn view(&self, role: Role) -> RoleView {
        RoleView::of(self.app.world(), role)
    }

    pub fn log(&self) -> &EventLog {
        self.app.world().resource::<EventLog>()
    }

    pub fn phase(&self) -> SessionPhase {
        *self.app.world().resource::<State<SessionPhase>>().get()
    }

    pub fn is_finished(&self) -> bool {
        self.phase() == SessionPhase::Finished
    }

    pub fn world(&self) -> &World {
        self.app.world()
    }

    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }
}
