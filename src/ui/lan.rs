//! The window in LAN play: hosting (the facilitator's overview on the host laptop) and joining
//! (a seat on a student's laptop).

use std::net::SocketAddr;
use std::process::ExitCode;

use crate::net::{HostState, SeatRequest};

/// Opens the window as the host.
pub fn run_host(_state: HostState, _port: u16) -> ExitCode {
    eprintln!("error: hosting from the window is not built yet; add --headless");
    ExitCode::from(1)
}

/// Opens the window as a client in `seat`.
pub fn run_client(_server: SocketAddr, _room: usize, _seat: SeatRequest) -> ExitCode {
    eprintln!("error: joining from the window is not built yet; add --bot POLICY");
    ExitCode::from(1)
}
