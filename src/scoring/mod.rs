//! The collaboration score: behaviours recognised in the event log, each worth points in one
//! of the four IPEC competency domains.

mod rubric;
#[cfg(test)]
mod tests;

pub use crate::scenario::behaviour::{Behaviour, Domain};
pub use rubric::{Item, Score, Weights, quoted, score};
