//! Joined Up: an interprofessional-education simulation in which a GP and a social worker
//! share a caseload of vulnerable adults and are scored on how well they collaborate.
//!
//! The crate is layered so that everything but the window builds and tests headless
//! (`cargo test --no-default-features`):
//! - [`scenario`]: the RON case format, its parser and validator;
//! - [`sim`]: the Bevy ECS simulation, driven only by [`sim::PlayerAction`] messages;
//! - [`scoring`]: behaviours, competency domains and the explained score;
//! - [`bots`]: computer players, choosing from a role's view like a person would;
//! - [`self_assessment`]: the players' self-assessment before and after play;
//! - [`session`]: playing, recording and replaying whole sessions; session files;
//! - [`simulate`]: many seeded sessions in parallel, and the fairness criteria;
//! - [`debrief`]: the report an educator reads after a session (HTML, Markdown, JSON);
//! - [`guide`]: the facilitator's guide to a case;
//! - [`net`]: LAN play: the host's rooms and seats, and (feature `lan`) the network between them;
//! - [`cohort`]: many sessions into CSV, xAPI and an HTML report;
//! - [`cli`]: the `joined-up` command line;
//! - `ui` (feature `gui`): the game window, a front end over the simulation.

pub mod bots;
pub mod cli;
pub mod clock;
pub mod cohort;
pub mod debrief;
pub mod guide;
pub mod net;
pub mod scenario;
pub mod scoring;
pub mod self_assessment;
pub mod session;
pub mod sim;
pub mod simulate;
#[cfg(feature = "gui")]
pub mod ui;
