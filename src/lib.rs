//! Joined Up: an interprofessional-education simulation in which a GP and a social worker
//! share a caseload of vulnerable adults and are scored on how well they collaborate.
//!
//! The crate is layered so that everything but the window builds and tests headless
//! (`cargo test --no-default-features`):
//! - [`scenario`]: the RON case format, its parser and validator;
//! - [`sim`]: the Bevy ECS simulation, driven only by [`sim::PlayerAction`] messages;
//! - [`scoring`]: behaviours, competency domains and the explained score;
//! - [`cli`]: the `joined-up` command line;
//! - `ui` (feature `gui`): the game window, a front end over the simulation.

pub mod cli;
pub mod scenario;
pub mod scoring;
pub mod session;
pub mod sim;
#[cfg(feature = "gui")]
pub mod ui;
