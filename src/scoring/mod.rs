//! The collaboration score: behaviours recognised in the event log, each worth points in one
//! of the four IPEC competency domains.

mod behaviour;

pub use behaviour::{Behaviour, Domain};
