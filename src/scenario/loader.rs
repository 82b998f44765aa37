//! The Bevy asset loader for scenario files: a thin wrapper over [`super::load_bytes`], so the
//! window can hot-reload a file an author is editing and show the validator's messages.

use bevy::asset::io::Reader;
use bevy::asset::{Asset, AssetLoader, LoadContext};
use bevy::reflect::TypePath;

use super::{Diagnostic, ValidScenario, load_bytes};

/// A scenario file as the window sees it: either playable, or the problems that stop it.
///
/// A broken file still loads (as `Err`), so an author who saves a mistake sees the message in
/// the window instead of the old version silently staying on screen.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct ScenarioFile {
    pub result: Result<ValidScenario, Vec<Diagnostic>>,
}

#[derive(Default, TypePath)]
pub struct ScenarioLoader;

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &Self::Settings,
        load_context: &mut LoadContext<'_>,
    ) -> Result<Self::Asset, Self::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let path = load_context.path().to_string();
        Ok(ScenarioFile {
            result: load_bytes(&path, &bytes),
        })
    }

    fn extensions(&self) -> &[&str] {
        &["scenario.ron", "ron"]
    }
}
