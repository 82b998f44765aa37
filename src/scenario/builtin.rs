//! The shipped cases, built into the program, so the game lists them and every subcommand
//! takes their ids wherever it runs: an installed binary, a school laptop, a browser. A case
//! file of the same id in the `scenarios/` folder or the user's own folder wins over the built-in
//! copy (so authors can edit and reload); the built-in copy is byte for byte the shipped file,
//! so a session played on either replays on either.

use super::{Diagnostic, ValidScenario, load_bytes};

/// Each shipped case: its file name and its text (a test keeps this list equal to the
/// `scenarios/` folder).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "a_neighbour_worries.scenario.ron",
        include_str!("../../scenarios/a_neighbour_worries.scenario.ron"),
    ),
    (
        "at_home_at_the_end.scenario.ron",
        include_str!("../../scenarios/at_home_at_the_end.scenario.ron"),
    ),
    (
        "breaking_point.scenario.ron",
        include_str!("../../scenarios/breaking_point.scenario.ron"),
    ),
    (
        "cold_winter.scenario.ron",
        include_str!("../../scenarios/cold_winter.scenario.ron"),
    ),
    (
        "home_from_hospital.scenario.ron",
        include_str!("../../scenarios/home_from_hospital.scenario.ron"),
    ),
    (
        "in_his_own_words.scenario.ron",
        include_str!("../../scenarios/in_his_own_words.scenario.ron"),
    ),
    (
        "left_at_home.scenario.ron",
        include_str!("../../scenarios/left_at_home.scenario.ron"),
    ),
    (
        "no_one_gets_in.scenario.ron",
        include_str!("../../scenarios/no_one_gets_in.scenario.ron"),
    ),
    (
        "not_letting_anyone_in.scenario.ron",
        include_str!("../../scenarios/not_letting_anyone_in.scenario.ron"),
    ),
    (
        "nowhere_to_go.scenario.ron",
        include_str!("../../scenarios/nowhere_to_go.scenario.ron"),
    ),
    (
        "whose_decision.scenario.ron",
        include_str!("../../scenarios/whose_decision.scenario.ron"),
    ),
];

/// How a built-in case is named where a path would be (in messages and session files).
pub const PREFIX: &str = "builtin:";

/// Every shipped case, checked (they are valid: a test proves it).
pub fn all() -> Vec<ValidScenario> {
    SHIPPED
        .iter()
        .filter_map(|(name, text)| load_bytes(&format!("{PREFIX}{name}"), text.as_bytes()).ok())
        .collect()
}

/// The shipped case with this id.
pub fn by_id(id: &str) -> Option<ValidScenario> {
    SHIPPED
        .iter()
        .find(|(name, _)| name.strip_suffix(".scenario.ron") == Some(id))
        .and_then(|(name, text)| load_bytes(&format!("{PREFIX}{name}"), text.as_bytes()).ok())
}

/// The ids of the shipped cases, in order.
pub fn ids() -> Vec<&'static str> {
    SHIPPED
        .iter()
        .filter_map(|(name, _)| name.strip_suffix(".scenario.ron"))
        .collect()
}

/// A case named on the command line: a file if there is one at that path, else a shipped
/// case's id (`home_from_hospital`). The problems, if neither.
pub fn resolve(arg: &std::path::Path) -> Result<ValidScenario, Vec<Diagnostic>> {
    if arg.exists() {
        return super::load_file(arg);
    }
    let id = arg.to_str().map(|s| s.strip_prefix(PREFIX).unwrap_or(s));
    if let Some(found) = id.and_then(by_id) {
        return Ok(found);
    }
    super::load_file(arg).map_err(|mut problems| {
        if let Some(first) = problems.first_mut() {
            first.hint = Some(format!(
                "give a scenario file, or the id of a shipped case: {}",
                ids().join(", ")
            ));
        }
        problems
    })
}
