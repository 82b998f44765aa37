//! Integration tests, in one binary so Bevy is linked once.

mod broken;
mod cli;
mod common;
mod determinism;
mod docs;
mod scenarios;
mod sim_flow;
mod smoke;
