//! Integration tests, in one binary so Bevy is linked once.

mod authoring;
mod bots;
mod broken;
mod builtin;
mod cli;
mod cohort;
mod common;
mod debrief;
mod determinism;
mod docs;
mod fairness;
mod format;
mod golden;
mod guide;
mod hostile;
mod journal;
mod lan;
mod reliability;
mod scenarios;
mod sessions;
mod sim_flow;
mod smoke;
mod ui;
