//! LAN play: one laptop hosts, others join. The host's simulation is authoritative; a client
//! sends only its choices and receives only its own role's view. The network layer names each
//! connection, the host gives each connection its seat, and the simulation re-checks every
//! action against what that seat's role may do, as for every other seat.
//!
//! - [`protocol`]: the messages, in both directions;
//! - [`host`]: rooms, seats, rejoining, the facilitator's commands: all of the host's logic,
//!   with no networking in it;
//! - [`transport`] (feature `lan`): bevy_replicon over renet (UDP) carrying those messages;
//! - [`bot`]: a computer player that plays a seat over the network from the views it is sent.

pub mod bot;
pub mod host;
pub mod protocol;
#[cfg(feature = "lan")]
pub mod transport;

pub use host::{ClientKey, HostState};
pub use protocol::*;
