//! A computer player in a networked seat: the same [`ComputerSeat`] as local play, choosing from
//! the views the host sends. It acts only on a view newer than its last action, and only when
//! the seat is due in the order local play takes turns, so a room of computer players
//! plays exactly the session `simulate` plays for the same case, seed and players.

use crate::bots::{ComputerSeat, PolicyKind};
use crate::sim::{Act, Role};

use super::protocol::SeatView;

/// A computer player for one networked seat.
pub struct NetBot {
    seat: ComputerSeat,
    /// The room's action count when this bot last acted.
    acted_at: Option<usize>,
}

impl NetBot {
    pub fn new(kind: PolicyKind, role: Role, seed: u64) -> NetBot {
        NetBot {
            seat: ComputerSeat::new(kind, role, seed),
            acted_at: None,
        }
    }

    /// What to send, given the newest view: an action, or nothing yet.
    pub fn act(&mut self, v: &SeatView) -> Option<Act> {
        if v.paused || v.due != Some(self.seat.role()) {
            return None;
        }
        if self.acted_at.is_some_and(|a| v.actions <= a) {
            return None;
        }
        let action = self.seat.next_from(v.view.clone())?;
        self.acted_at = Some(v.actions);
        Some(action.act().clone())
    }
}
