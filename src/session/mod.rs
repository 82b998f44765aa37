//! Running sessions headless: a world that plays one session through [`PlayerAction`]s, used
//! by computer players, `simulate`, `replay` and the tests alike.

pub mod file;
pub mod journal;
pub mod seal;
pub mod verify;

use bevy::prelude::*;

pub use file::{Outcome, Player, Players, Seal, SessionFile, SessionFileError};
pub use verify::{Verified, verify};

use crate::bots::{ComputerSeat, PolicyKind};
use crate::scenario::ValidScenario;
use crate::sim::{
    ActionRecord, Catalog, Clock, EventLog, PlayerAction, Refusal, Role, RoleView, Seat,
    SessionPhase, start_session, step,
};

pub use crate::sim::Recorded;

/// One session in a plain Bevy [`World`]: no app, no schedule, no frames. Each
/// [`act`](Headless::act) is one [`step`]. A `Headless` can be reused for session after
/// session (as `simulate` does, one per worker thread): starting a session clears the last.
#[derive(Default)]
pub struct Headless {
    world: World,
}

impl Headless {
    /// An empty world, no session yet.
    pub fn new() -> Self {
        Headless {
            world: World::new(),
        }
    }

    /// Starts a session (first-slot events have fired when it returns).
    pub fn start(
        &mut self,
        scenario: &ValidScenario,
        setting: Option<&str>,
        seed: u64,
    ) -> Result<(), String> {
        start_session(&mut self.world, scenario, setting, seed)
    }

    /// Takes one action; its effects are visible at once. A refusal is logged and returned.
    pub fn act(&mut self, action: PlayerAction) -> Result<(), Refusal> {
        step(&mut self.world, &action)
    }

    /// Takes `act` from `role`'s seat (the caller owns both seats: a test, a driver).
    pub fn act_as(&mut self, role: Role, act: crate::sim::Act) -> Result<(), Refusal> {
        self.act(Seat::assign(role).act(act))
    }

    /// What `role` can see now.
    pub fn view(&self, role: Role) -> RoleView {
        RoleView::of(&self.world, role)
    }

    pub fn log(&self) -> &EventLog {
        self.world.resource::<EventLog>()
    }

    /// Every action taken so far, applied or refused.
    pub fn actions(&self) -> &[Recorded] {
        &self.world.resource::<ActionRecord>().0
    }

    /// Where the session is, read from its clock.
    pub fn phase(&self) -> SessionPhase {
        match self.world.get_resource::<Clock>() {
            None => SessionPhase::Idle,
            Some(c) if c.is_over() => SessionPhase::Finished,
            Some(_) => SessionPhase::Playing,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.phase() == SessionPhase::Finished
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// The score of the session so far.
    pub fn score(&self) -> crate::scoring::Score {
        Played::score_of(&self.world)
    }

    /// Plays recorded actions back into this session, in order, through the same [`step`],
    /// with a facilitator's interventions made again where they were made (replay, and a LAN
    /// host carrying on from its journal).
    pub fn play_back(
        &mut self,
        actions: &[Recorded],
        interventions: &[(usize, crate::sim::Intervention)],
    ) -> Result<(), String> {
        let mut pending = interventions.iter().peekable();
        for (done, a) in actions.iter().enumerate() {
            while let Some((_, i)) = pending.next_if(|(after, _)| *after == done) {
                crate::sim::intervene(self.world_mut(), i).map_err(|e| {
                    format!("the facilitator's intervention after action {done}: {e}")
                })?;
            }
            if self.is_finished() {
                return Err(format!(
                    "the session ended before all {} recorded actions were played",
                    actions.len()
                ));
            }
            // Replay owns the seats: each action goes back to the seat the file recorded.
            let _ = self.act(Seat::assign(a.role).act(a.act.clone()));
        }
        for (after, i) in pending {
            if *after == actions.len() {
                crate::sim::intervene(self.world_mut(), i)
                    .map_err(|e| format!("the facilitator's intervention at the end: {e}"))?;
            }
        }
        Ok(())
    }

    fn slot(&self) -> u32 {
        self.world.resource::<Clock>().slot.0
    }
}

/// A finished session: what was done, what happened, and the score.
#[derive(Debug, Clone)]
pub struct Played {
    /// Whether the session reached its last half-day.
    pub finished: bool,
    pub actions: Vec<Recorded>,
    /// The facilitator's interventions, each after so many actions (LAN play).
    pub interventions: Vec<(usize, crate::sim::Intervention)>,
    pub log: EventLog,
    pub score: crate::scoring::Score,
}

impl Played {
    /// The session in `world` as it stands: the one place a [`Played`] is made, for headless
    /// sessions and the window alike.
    pub fn of(world: &World) -> Played {
        Played {
            finished: world.get_resource::<Clock>().is_some_and(|c| c.is_over()),
            actions: world
                .get_resource::<ActionRecord>()
                .map(|r| r.0.clone())
                .unwrap_or_default(),
            interventions: world
                .get_resource::<crate::sim::Interventions>()
                .map(|r| r.0.clone())
                .unwrap_or_default(),
            log: world
                .get_resource::<EventLog>()
                .cloned()
                .unwrap_or_default(),
            score: Played::score_of(world),
        }
    }

    fn score_of(world: &World) -> crate::scoring::Score {
        match (
            world.get_resource::<EventLog>(),
            world.get_resource::<Catalog>(),
        ) {
            (Some(log), Some(catalog)) => crate::scoring::score(&log.entries, catalog),
            _ => crate::scoring::Score::default(),
        }
    }
}

/// Plays a whole session with a computer player in each role.
pub fn play(
    scenario: &ValidScenario,
    setting: Option<&str>,
    seed: u64,
    gp: PolicyKind,
    social_worker: PolicyKind,
) -> Result<Played, String> {
    play_in(
        &mut Headless::new(),
        scenario,
        setting,
        seed,
        gp,
        social_worker,
    )
}

/// [`play`], in a world that may have held an earlier session (it is cleared first).
pub fn play_in(
    h: &mut Headless,
    scenario: &ValidScenario,
    setting: Option<&str>,
    seed: u64,
    gp: PolicyKind,
    social_worker: PolicyKind,
) -> Result<Played, String> {
    h.start(scenario, setting, seed)?;
    let mut seats = [
        ComputerSeat::new(gp, Role::Gp, seed),
        ComputerSeat::new(social_worker, Role::SocialWorker, seed),
    ];
    while !h.is_finished() {
        let before = h.actions().len();
        for seat in &mut seats {
            while let Some(action) = seat.next(h.world()) {
                let _ = h.act(action);
            }
        }
        if h.actions().len() == before {
            // Neither role could act and the session did not end: a bug, not a reason to hang.
            return Err(format!(
                "the session stopped making progress at half-day {}",
                h.slot()
            ));
        }
    }
    Ok(Played::of(h.world()))
}

/// Plays recorded actions back, in order, through the same [`step`].
pub fn replay(
    scenario: &ValidScenario,
    setting: Option<&str>,
    seed: u64,
    actions: &[Recorded],
) -> Result<Played, String> {
    replay_with(scenario, setting, seed, actions, &[])
}

/// [`replay`], with a facilitator's interventions made again where they were made.
pub fn replay_with(
    scenario: &ValidScenario,
    setting: Option<&str>,
    seed: u64,
    actions: &[Recorded],
    interventions: &[(usize, crate::sim::Intervention)],
) -> Result<Played, String> {
    let mut h = Headless::new();
    h.start(scenario, setting, seed)?;
    h.play_back(actions, interventions)?;
    Ok(Played::of(h.world()))
}
