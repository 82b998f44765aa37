//! The journal: a session written down action by action as it is played, so that a crash, a
//! power cut or `kill -9` loses at most the action in flight.
//!
//! A journal is a text file of lines. The first says what it is; the second is the header
//! (which case, which version of it, the borough, the seed, who plays); every further line is
//! one record: an action as the simulation took it, or a self-assessment answer. Each line
//! after the first is `CHECK JSON`, where CHECK is 16 hex digits of the SHA-256 of the JSON, and
//! each is flushed to the disk (`fsync`) before the game goes on.
//!
//! Recovery reads the lines in order and stops at the first that is not whole and correct: a
//! record torn by a crash mid-write is detected and dropped, never misread. What survives which
//! failure is in docs/sessions.md.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::file::ScenarioRef;
use super::{Players, Recorded};
use crate::scenario::{ValidScenario, sha256_hex};
use crate::self_assessment::Phase;
use crate::sim::{ActionRecord, Role, SimSystems};

/// The journal's first line.
pub const MAGIC: &str = "Joined Up journal 1";

/// Largest journal read (a long session is a few hundred kilobytes).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Which session a journal is of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub scenario: ScenarioRef,
    pub setting: Option<String>,
    pub seed: u64,
    pub players: Players,
    /// When the session began (ISO 8601, UTC).
    pub started_at: String,
}

impl Header {
    pub fn new(
        scenario: &ValidScenario,
        path: Option<&Path>,
        setting: Option<&str>,
        seed: u64,
        players: Players,
    ) -> Header {
        Header {
            scenario: ScenarioRef {
                id: scenario.get().id.clone(),
                title: scenario.get().title.clone(),
                format: scenario.get().format,
                hash: scenario.hash().to_owned(),
                path: path.map(|p| p.display().to_string()),
            },
            setting: setting.map(str::to_owned),
            seed,
            players,
            started_at: super::file::now_iso8601(),
        }
    }
}

/// One thing that happened, in the order it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Record {
    /// An action the simulation took (applied or refused), from the seat that took it.
    Act(Recorded),
    /// A self-assessment answer.
    Answer {
        role: Role,
        phase: Phase,
        item: String,
        value: u8,
    },
    /// A facilitator's intervention, made after so many actions (LAN play).
    Intervention {
        after: usize,
        what: crate::sim::Intervention,
    },
    /// Who holds a seat now (LAN play): its player and the token that rejoins it, or `None`
    /// once the facilitator has freed it. Only the host writes these, in the host's journal.
    Seat {
        role: Role,
        holder: Option<(u64, super::Player)>,
    },
}

impl Record {
    /// Every answer given so far, as records (written when a journal is made after some).
    pub fn answers(answers: &crate::self_assessment::SelfAssessment) -> Vec<Record> {
        let mut out = Vec::new();
        for role in Role::BOTH {
            let Some(a) = answers.of(role) else { continue };
            for phase in Phase::ALL {
                for (item, value) in a.phase(phase) {
                    out.push(Record::Answer {
                        role,
                        phase,
                        item: item.clone(),
                        value: *value,
                    });
                }
            }
        }
        out
    }
}

/// A journal being written.
#[derive(Debug)]
pub struct Journal {
    file: fs::File,
    path: PathBuf,
}

fn line(payload: &str) -> String {
    format!("{} {payload}\n", &sha256_hex(payload.as_bytes())[..16])
}

impl Journal {
    /// Starts a journal at `path` (replacing any there), with its header written and on disk.
    pub fn create(path: &Path, header: &Header) -> std::io::Result<Journal> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        let mut file = fs::File::create(path)?;
        let head = serde_json::to_string(header).map_err(std::io::Error::other)?;
        file.write_all(format!("{MAGIC}\n{}", line(&head)).as_bytes())?;
        file.sync_all()?;
        // The new file's name is on disk too.
        #[cfg(unix)]
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(d) = fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(Journal {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Appends one record and waits until it is on the disk.
    pub fn append(&mut self, record: &Record) -> std::io::Result<()> {
        let json = serde_json::to_string(record).map_err(std::io::Error::other)?;
        self.file.write_all(line(&json).as_bytes())?;
        self.file.sync_data()
    }

    /// Writes `records` as the whole journal at `path`, atomically: into a new file beside it,
    /// on the disk, then renamed over the old one, so a crash meanwhile leaves the old journal
    /// or the new, never a mixture. The journal stays open for appending.
    pub fn rewrite(path: &Path, header: &Header, records: &[Record]) -> std::io::Result<Journal> {
        let name = path
            .file_name()
            .map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned());
        let fresh = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut j = Journal::create(&fresh, header)?;
            let mut text = String::new();
            for r in records {
                text.push_str(&line(
                    &serde_json::to_string(r).map_err(std::io::Error::other)?,
                ));
            }
            j.file.write_all(text.as_bytes())?;
            j.file.sync_all()?;
            fs::rename(&fresh, path)?;
            #[cfg(unix)]
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                && let Ok(d) = fs::File::open(dir)
            {
                let _ = d.sync_all();
            }
            j.path = path.to_path_buf();
            Ok(j)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&fresh);
        }
        written
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// What a journal held.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub header: Header,
    pub records: Vec<Record>,
    /// The last line was not whole (a crash mid-write): it was dropped.
    pub torn: bool,
    /// A line that was whole but wrong, and everything after it, were dropped (the file was
    /// damaged or edited): its line number.
    pub damaged_at: Option<usize>,
}

impl Recovered {
    /// The actions, in order.
    pub fn actions(&self) -> Vec<Recorded> {
        self.records
            .iter()
            .filter_map(|r| match r {
                Record::Act(a) => Some(a.clone()),
                _ => None,
            })
            .collect()
    }

    /// Gives `answers` the self-assessment answers the journal kept, in the order given.
    pub fn answers_into(&self, answers: &mut crate::self_assessment::SelfAssessment) {
        for r in &self.records {
            if let Record::Answer {
                role,
                phase,
                item,
                value,
            } = r
            {
                let _ = answers.answer(*role, *phase, item, *value);
            }
        }
    }

    /// The facilitator's interventions, each after so many actions, in order.
    pub fn interventions(&self) -> Vec<(usize, crate::sim::Intervention)> {
        self.records
            .iter()
            .filter_map(|r| match r {
                Record::Intervention { after, what } => Some((*after, what.clone())),
                _ => None,
            })
            .collect()
    }
}

/// Why a journal could not be read at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: cannot read the journal: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}: this is not a Joined Up journal")]
    NotAJournal { path: String },
    #[error("{path}: the journal's header is damaged, so which session it belongs to is unknown")]
    Header { path: String },
}

/// Reads a journal back, keeping every whole, correct record up to the first that is not.
pub fn recover(path: &Path) -> Result<Recovered, JournalError> {
    let shown = path.display().to_string();
    let read = |reason: String| JournalError::Read {
        path: shown.clone(),
        reason,
    };
    let meta = fs::metadata(path).map_err(|e| read(e.to_string()))?;
    if !meta.is_file() {
        return Err(read("it is not a regular file".into()));
    }
    if meta.len() > MAX_BYTES {
        return Err(read("it is far larger than any session".into()));
    }
    let bytes = fs::read(path).map_err(|e| read(e.to_string()))?;
    recover_bytes(&shown, &bytes)
}

/// [`recover`] from the bytes of a journal; `path` names it in messages.
pub fn recover_bytes(path: &str, bytes: &[u8]) -> Result<Recovered, JournalError> {
    // Whole lines only: a last line with no newline was cut off mid-write.
    let (whole, rest) = match bytes.iter().rposition(|b| *b == b'\n') {
        Some(i) => (&bytes[..=i], &bytes[i + 1..]),
        None => (&bytes[..0], bytes),
    };
    let mut torn = !rest.is_empty();
    let text = String::from_utf8_lossy(whole);
    let mut lines = text.lines();
    if lines.next() != Some(MAGIC) {
        return Err(JournalError::NotAJournal { path: path.into() });
    }
    let checked = |l: &str| -> Option<String> {
        let (check, json) = l.split_once(' ')?;
        (check.len() == 16 && sha256_hex(json.as_bytes())[..16] == *check).then(|| json.to_owned())
    };
    let header: Header = lines
        .next()
        .and_then(checked)
        .and_then(|j| serde_json::from_str(&j).ok())
        .ok_or_else(|| JournalError::Header { path: path.into() })?;
    let mut records = Vec::new();
    let mut damaged_at = None;
    let all: Vec<&str> = lines.collect();
    for (i, l) in all.iter().enumerate() {
        match checked(l).and_then(|j| serde_json::from_str::<Record>(&j).ok()) {
            Some(r) => records.push(r),
            None => {
                // The last whole line may still be a torn write (its newline reached the disk
                // before the rest); anything earlier is damage.
                if i + 1 == all.len() && rest.is_empty() {
                    torn = true;
                } else {
                    damaged_at = Some(i + 3);
                }
                break;
            }
        }
    }
    Ok(Recovered {
        header,
        records,
        torn,
        damaged_at,
    })
}

/// Journals left in a folder (`*.journal`), newest first: sessions that were interrupted.
pub fn journals(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "journal") && p.is_file())
        .map(|p| {
            let t = fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (t, p)
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, p)| p).collect()
}

/// The journal of the session being played in an app: every action the simulation takes is
/// appended (and flushed) in the frame it is taken. The window inserts it when a session
/// begins and removes it when the session is left.
#[derive(Resource, Debug)]
pub struct JournalWriter {
    journal: Journal,
    /// Actions of [`ActionRecord`] already written.
    written: usize,
    /// The first failure to write, shown to the player (play goes on).
    pub failed: Option<String>,
}

impl JournalWriter {
    pub fn new(journal: Journal) -> JournalWriter {
        JournalWriter {
            journal,
            written: 0,
            failed: None,
        }
    }

    /// Writes a record now (a self-assessment answer).
    pub fn record(&mut self, r: &Record) {
        if let Err(e) = self.journal.append(r) {
            self.failed.get_or_insert_with(|| e.to_string());
        }
    }

    pub fn path(&self) -> &Path {
        self.journal.path()
    }
}

/// Appends the actions the simulation took this frame to the journal.
pub fn journal_actions(record: Res<ActionRecord>, writer: Option<ResMut<JournalWriter>>) {
    let Some(mut w) = writer else { return };
    if record.0.len() < w.written {
        // A new session began in this world without a new journal: write nothing wrong.
        w.written = record.0.len();
        return;
    }
    let from = w.written;
    for a in &record.0[from..] {
        w.record(&Record::Act(a.clone()));
        w.written += 1;
    }
}

/// Adds [`journal_actions`] after the simulation's step: the window's journal, and the
/// headless drill that tests it under `kill -9`.
pub struct JournalPlugin;

impl Plugin for JournalPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, journal_actions.after(SimSystems::Step));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Player;
    use crate::sim::Act;

    fn header() -> Header {
        Header {
            scenario: ScenarioRef {
                id: "x".into(),
                title: "X".into(),
                format: 2,
                hash: "h".into(),
                path: None,
            },
            setting: None,
            seed: 3,
            players: Players {
                gp: Player::Person,
                social_worker: Player::Person,
            },
            started_at: "2026-12-03T00:00:00Z".into(),
        }
    }

    fn journal_of(n: usize) -> (Vec<u8>, Vec<Record>) {
        let dir = std::env::temp_dir().join(format!("jj-unit-{}-{n}", std::process::id()));
        let path = dir.join("s.journal");
        let mut j = Journal::create(&path, &header()).unwrap();
        let mut recs = Vec::new();
        for i in 0..n {
            let r = Record::Act(Recorded {
                slot: i as u32 / 4,
                role: if i % 2 == 0 {
                    Role::Gp
                } else {
                    Role::SocialWorker
                },
                act: Act::Assess {
                    patient: format!("p{i}"),
                },
            });
            j.append(&r).unwrap();
            recs.push(r);
        }
        let bytes = fs::read(&path).unwrap();
        let _ = fs::remove_dir_all(dir);
        (bytes, recs)
    }

    #[test]
    fn a_journal_cut_anywhere_gives_back_a_whole_prefix_and_nothing_misread() {
        let (bytes, recs) = journal_of(6);
        let head_end = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(1)
            .unwrap()
            .0
            + 1;
        for cut in head_end..=bytes.len() {
            let r = recover_bytes("j", &bytes[..cut]).unwrap();
            assert_eq!(r.records, recs[..r.records.len()], "cut at {cut}");
            let whole_lines = bytes[head_end..cut].iter().filter(|b| **b == b'\n').count();
            assert_eq!(r.records.len(), whole_lines, "cut at {cut}");
            assert_eq!(
                r.torn,
                cut < bytes.len() && bytes[cut - 1] != b'\n',
                "cut at {cut}"
            );
            assert_eq!(r.damaged_at, None);
        }
        // Cut inside the header: nothing is known of the session.
        assert!(recover_bytes("j", &bytes[..head_end - 3]).is_err());
    }

    #[test]
    fn a_damaged_record_stops_recovery_there() {
        let (mut bytes, recs) = journal_of(5);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let third = text.find("p2").unwrap();
        bytes[third] = b'q';
        let r = recover_bytes("j", &bytes).unwrap();
        assert_eq!(r.records, recs[..2]);
        assert_eq!(r.damaged_at, Some(5));
        assert!(recover_bytes("j", b"hello\n").is_err());
    }
}
