//! Running sessions: a headless app that plays one session through [`PlayerAction`]s, used by
//! computer players, `simulate`, `replay` and the tests alike.

pub mod file;

use bevy::prelude::*;

pub use file::{Outcome, Player, Players, SessionFile, SessionFileError};

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
        // The last slot's resolution asks for the Finished phase; states change at the start
        // of the next update, so run it now rather than leave the session half-ended.
        if self.phase() == SessionPhase::Playing && self.clock_over() {
            self.app.update();
        }
    }

    fn clock_over(&self) -> bool {
        let clock = self.app.world().resource::<crate::sim::Clock>();
        clock.slot.0 >= clock.slots
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

/// One action as it was played, for session files and replay.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recorded {
    /// The half-day it was taken in (for people reading the file; replay does not need it).
    pub slot: u32,
    pub role: Role,
    pub act: crate::sim::Act,
}

/// A finished session: what was done, what happened, and the score.
#[derive(Debug, Clone)]
pub struct Played {
    /// Whether the session reached its last half-day.
    pub finished: bool,
    pub actions: Vec<Recorded>,
    pub log: EventLog,
    pub score: crate::scoring::Score,
}

/// Most actions one role may take in one half-day before its turn is ended for it (a guard
/// against a policy that never ends its turn).
pub const MAX_ACTIONS_PER_TURN: usize = 60;

impl Headless {
    /// The score of the session so far.
    pub fn score(&self) -> crate::scoring::Score {
        let catalog = self.world().resource::<crate::sim::Catalog>();
        crate::scoring::score(&self.log().entries, catalog)
    }

    fn slot(&self) -> u32 {
        self.world().resource::<crate::sim::Clock>().slot.0
    }

    fn finish(self, actions: Vec<Recorded>) -> Played {
        Played {
            finished: self.is_finished(),
            score: self.score(),
            log: self.log().clone(),
            actions,
        }
    }
}

/// Plays a whole session with a computer player in each role.
pub fn play(
    scenario: &ValidScenario,
    setting: Option<&str>,
    seed: u64,
    gp: crate::bots::PolicyKind,
    social_worker: crate::bots::PolicyKind,
) -> Result<Played, String> {
    let mut h = Headless::new();
    h.start(scenario, setting, seed)?;
    let mut players = [
        gp.make(Role::Gp, seed),
        social_worker.make(Role::SocialWorker, seed),
    ];
    let mut actions = Vec::new();
    while !h.is_finished() {
        let before = actions.len();
        for (i, role) in Role::BOTH.into_iter().enumerate() {
            let mut taken = 0;
            loop {
                let view = h.view(role);
                if view.ended_turn || view.finished {
                    break;
                }
                taken += 1;
                let act = if taken > MAX_ACTIONS_PER_TURN {
                    crate::sim::Act::EndTurn
                } else {
                    players[i].choose(&view)
                };
                actions.push(Recorded {
                    slot: h.slot(),
                    role,
                    act: act.clone(),
                });
                h.act(PlayerAction::new(role, act));
            }
        }
        if actions.len() == before {
            // Neither role could act and the session did not end: a bug, not a reason to hang.
            return Err(format!(
                "the session stopped making progress at half-day {}",
                h.slot()
            ));
        }
    }
    Ok(h.finish(actions))
}

/// Plays recorded actions back, in order, through the same messages.
pub fn replay(
    scenario: &ValidScenario,
    setting: Option<&str>,
    seed: u64,
    actions: &[Recorded],
) -> Result<Played, String> {
    let mut h = Headless::new();
    h.start(scenario, setting, seed)?;
    for a in actions {
        if h.is_finished() {
            return Err(format!(
                "the session ended before all {} recorded actions were played",
                actions.len()
            ));
        }
        h.act(PlayerAction::new(a.role, a.act.clone()));
    }
    Ok(h.finish(actions.to_vec()))
}
