//! The picker follows edits to scenario files: each scenario folder is a Bevy asset source,
//! each file in the library is loaded through [`ScenarioLoader`](crate::scenario::ScenarioLoader),
//! and when Bevy's file watcher reloads one, its entry in the [`Library`] is replaced: a
//! fixed case becomes playable, a broken edit shows the validator's messages in the window.
//!
//! Edits made once a case is picked wait until the players are back at the list, so the case
//! under play never changes beneath them.

use std::path::{Path, PathBuf};

use bevy::asset::AssetPath;
use bevy::asset::io::{AssetSourceBuilder, AssetSourceId};
use bevy::prelude::*;

use super::{Dirty, Library, Screen};
use crate::scenario::ScenarioFile;

/// The folders the library reads, as absolute paths (the asset sources need them so).
pub fn folders(extra: Option<&Path>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Library::folders()
        .into_iter()
        .filter_map(|f| f.canonicalize().ok())
        .collect();
    if let Some(dir) = extra
        .and_then(|f| f.canonicalize().ok())
        .and_then(|f| f.parent().map(Path::to_path_buf))
        && !out.contains(&dir)
    {
        out.push(dir);
    }
    out
}

fn source_name(i: usize) -> String {
    format!("scenarios{i}")
}

/// Registers one asset source per scenario folder. Must run before `AssetPlugin` is added.
pub fn register_sources(app: &mut App, extra: Option<&Path>) {
    let folders = folders(extra);
    for (i, dir) in folders.iter().enumerate() {
        app.register_asset_source(
            AssetSourceId::from(source_name(i)),
            AssetSourceBuilder::platform_default(&dir.to_string_lossy(), None),
        );
    }
    app.insert_resource(Folders(folders));
}

#[derive(Resource)]
struct Folders(Vec<PathBuf>);

/// The handle of each library entry that is being watched.
#[derive(Resource, Default)]
pub struct Watched(pub Vec<(usize, Handle<ScenarioFile>)>);

pub fn plugin(app: &mut App) {
    app.init_resource::<Watched>()
        .add_systems(Startup, watch)
        .add_systems(Update, follow_edits);
}

fn watch(
    folders: Option<Res<Folders>>,
    library: Res<Library>,
    server: Res<AssetServer>,
    mut watched: ResMut<Watched>,
) {
    let Some(folders) = folders else { return };
    for (i, e) in library.entries.iter().enumerate() {
        let Ok(file) = e.path.canonicalize() else {
            continue;
        };
        let found = folders.0.iter().enumerate().find_map(|(s, dir)| {
            file.strip_prefix(dir)
                .ok()
                .map(|rel| (s, rel.to_path_buf()))
        });
        if let Some((s, rel)) = found {
            let path =
                AssetPath::from_path_buf(rel).with_source(AssetSourceId::from(source_name(s)));
            watched.0.push((i, server.load(path)));
        }
    }
}

/// Applies reloaded files to the library; while a session is on, keeps them for later.
pub fn follow_edits(
    mut events: MessageReader<AssetEvent<ScenarioFile>>,
    files: Res<Assets<ScenarioFile>>,
    watched: Res<Watched>,
    screen: Res<State<Screen>>,
    mut library: ResMut<Library>,
    mut waiting: Local<Vec<usize>>,
    mut dirty: ResMut<Dirty>,
) {
    for ev in events.read() {
        if let AssetEvent::Modified { id } = ev
            && let Some((i, _)) = watched.0.iter().find(|(_, h)| h.id() == *id)
            && !waiting.contains(i)
        {
            waiting.push(*i);
        }
    }
    // Once a case is picked, it stays as it was until the players are back at the list: both
    // people in hotseat read the same briefing, and a session never changes under them.
    let in_session = !matches!(screen.get(), Screen::Title | Screen::Picker | Screen::Saved);
    if in_session || waiting.is_empty() {
        return;
    }
    for i in waiting.drain(..) {
        let Some(file) = watched
            .0
            .iter()
            .find(|(w, _)| *w == i)
            .and_then(|(_, h)| files.get(h))
        else {
            continue;
        };
        let Some(entry) = library.entries.get_mut(i) else {
            continue;
        };
        let shown = entry.path.display().to_string();
        entry.scenario = file.result.clone().map_err(|mut problems| {
            // The loader names the file by its asset path; authors know it by its real one.
            for p in &mut problems {
                p.path = shown.clone();
            }
            problems
        });
        entry.reloaded = true;
        dirty.0 = true;
    }
}
