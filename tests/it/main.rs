//! Integration tests, in one binary so Bevy is linked once.

mod broken;
mod cli;
mod common;
mod docs;
mod scenarios;
mod smoke;
