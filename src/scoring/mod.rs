//! The collaboration score: behaviours recognised in the event log, each worth points in one
//! of the four IPEC competency domains.

mod behaviour;
mod rubric;
#[cfg(test)]
mod tests;

pub use behaviour::{Behaviour, Domain};
pub use rubric::{Item, Score, Weights, quoted, score};
