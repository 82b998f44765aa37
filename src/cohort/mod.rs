//! Cohort reports: many sessions into one table, for an educator comparing groups. Every
//! session file under the paths given is checked and replayed (a tampered or unreplayable file
//! is refused, named, and the rest carry on), then written as CSV (one row a session), xAPI
//! statements for a learning record store, or a self-contained HTML report.

pub mod csv;
pub mod html;
#[cfg(not(target_arch = "wasm32"))]
pub mod lrs;
pub mod xapi;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::scenario::behaviour::{Behaviour, Domain};
use crate::self_assessment::SelfAssessment;
use crate::session::{Player, verify};

/// The behaviours counted in every row (the CSV's columns, the report's penalties use all).
pub const KEY_BEHAVIOURS: [Behaviour; 17] = [
    Behaviour::ContextualReferral,
    Behaviour::ColdReferral,
    Behaviour::Acknowledged,
    Behaviour::Unanswered,
    Behaviour::ClosedLoop,
    Behaviour::BouncedNeed,
    Behaviour::UnownedNeed,
    Behaviour::SiloedHandoff,
    Behaviour::JointVisit,
    Behaviour::SharedCarePlan,
    Behaviour::PreparedMdt,
    Behaviour::StandingArrangement,
    Behaviour::SharedWithoutConsent,
    Behaviour::SafeguardingRaised,
    Behaviour::CapacityAssessed,
    Behaviour::BestInterests,
    Behaviour::Imposed,
];

/// One session, as the cohort sees it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The session file, as found.
    pub file: PathBuf,
    pub scenario_id: String,
    pub scenario_title: String,
    pub scenario_summary: String,
    /// The named setting, or `None` as written.
    pub setting: Option<String>,
    pub seed: u64,
    pub gp: Player,
    pub social_worker: Player,
    /// ISO 8601 UTC, when known.
    pub played_at: Option<String>,
    pub finished: bool,
    pub half_days: u32,
    pub total: i32,
    /// In [`Domain::ALL`] order.
    pub domains: [i32; 4],
    pub crises_suffered: u32,
    pub crises_averted: u32,
    /// Every behaviour that counted: occurrences and points.
    pub behaviours: BTreeMap<Behaviour, (u32, i32)>,
    pub self_assessment: Option<SelfAssessment>,
    /// SHA-256 of the session's event log: ties the row to exactly one session.
    pub log_sha256: String,
    /// Whose seal the file carries.
    pub seal: crate::session::Seal,
}

impl Row {
    /// The setting's name as shown: the named one, or "as written".
    pub fn setting_name(&self) -> &str {
        self.setting.as_deref().unwrap_or("as written")
    }
    pub fn count(&self, b: Behaviour) -> u32 {
        self.behaviours.get(&b).map_or(0, |(n, _)| *n)
    }
    pub fn domain(&self, d: Domain) -> i32 {
        self.domains[Domain::ALL.iter().position(|x| *x == d).unwrap_or(0)]
    }
}

/// A file that could not be used, and why (a whole message, starting `error:`).
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub file: PathBuf,
    pub reason: String,
}

/// Every session file (`*.session.ron`) under `paths`, in a stable order: a file named
/// directly is taken whatever its name; folders are searched all the way down.
pub fn session_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Refused>) {
    let mut found = Vec::new();
    let mut refused = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            while let Some(dir) = stack.pop() {
                match std::fs::read_dir(&dir) {
                    Ok(entries) => {
                        let mut here: Vec<PathBuf> =
                            entries.filter_map(Result::ok).map(|e| e.path()).collect();
                        here.sort();
                        for e in here {
                            // Symbolic links to folders are not followed: no loops.
                            let meta = std::fs::symlink_metadata(&e);
                            if meta.as_ref().is_ok_and(|m| m.is_dir()) {
                                stack.push(e);
                            } else if e
                                .file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.ends_with(".session.ron"))
                            {
                                found.push(e);
                            }
                        }
                    }
                    Err(e) => refused.push(Refused {
                        file: dir.clone(),
                        reason: format!("error: {}: cannot read this folder: {e}", dir.display()),
                    }),
                }
            }
        } else if p.exists() {
            found.push(p.clone());
        } else {
            refused.push(Refused {
                file: p.clone(),
                reason: format!(
                    "error: {}: no such file or folder\n  hint: name session files (`*.session.ron`) or folders of them",
                    p.display()
                ),
            });
        }
    }
    found.sort();
    found.dedup();
    (found, refused)
}

/// Reads, checks and replays every session under `paths`. Files that cannot be used are
/// returned with their reasons; the rest become rows.
pub fn collect(paths: &[PathBuf]) -> (Vec<Row>, Vec<Refused>) {
    let (files, mut refused) = session_files(paths);
    let mut rows = Vec::new();
    for f in files {
        match row(&f) {
            Ok(r) => rows.push(r),
            Err(reason) => refused.push(Refused { file: f, reason }),
        }
    }
    (rows, refused)
}

/// One session file as a row.
pub fn row(path: &Path) -> Result<Row, String> {
    let v = verify(path, None)?;
    let s = v.scenario.get();
    let score = &v.played.score;
    let mut behaviours: BTreeMap<Behaviour, (u32, i32)> = BTreeMap::new();
    for i in &score.items {
        let e = behaviours.entry(i.behaviour).or_default();
        e.0 += i.count;
        e.1 += i.points;
    }
    Ok(Row {
        file: path.to_path_buf(),
        scenario_id: s.id.clone(),
        scenario_title: s.title.clone(),
        scenario_summary: s.summary.clone(),
        setting: v.file.setting.clone(),
        seed: v.file.seed,
        gp: v.file.players.gp,
        social_worker: v.file.players.social_worker,
        played_at: v.file.played_at.clone(),
        finished: v.played.finished,
        half_days: v.file.outcome.slots_played,
        total: score.total,
        domains: Domain::ALL.map(|d| score.domain(d)),
        crises_suffered: score.crises_suffered,
        crises_averted: score.crises_averted,
        behaviours,
        self_assessment: v.file.self_assessment.clone(),
        log_sha256: v.file.outcome.log_sha256.clone(),
        seal: v.seal.clone(),
    })
}

/// A player in a column: `person`, or `computer:collaborative`.
pub fn player_key(p: Player) -> String {
    match p {
        Player::Person => "person".to_owned(),
        Player::Computer(k) => format!("computer:{}", k.name()),
    }
}
