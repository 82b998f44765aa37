//! Helpers shared by the integration tests.

use joined_up::scenario::{self, ValidScenario};

/// A shipped scenario by file stem.
pub fn shipped(name: &str) -> ValidScenario {
    let path = format!(
        "{}/scenarios/{name}.scenario.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    scenario::load_file(std::path::Path::new(&path)).unwrap_or_else(|e| {
        panic!("{path} should load: {e:?}");
    })
}
