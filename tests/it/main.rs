//! Integration tests, in one binary so Bevy is linked once.

mod common;
mod smoke;
