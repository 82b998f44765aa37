//! The debrief: what happened in a session and how the team did, for an educator who was not
//! in the room. One model ([`Debrief`]) built from the scenario and the event log, rendered as
//! self-contained HTML, Markdown or JSON (all three carry the same content), and read by the
//! window's debrief screen.

mod describe;
mod html;
mod markdown;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::scenario::{Barrier, ValidScenario};
use crate::scoring::{Behaviour, Domain, Score};
use crate::session::Played;
use crate::sim::{Catalog, LogKind, Role};

pub use describe::{Column, barrier_signs, describe};
pub use html::to_html;
pub use markdown::to_markdown;

/// Everything the debrief shows.
#[derive(Debug, Clone, Serialize)]
pub struct Debrief {
    pub scenario: ScenarioInfo,
    /// The named setting played, or "as written".
    pub setting: String,
    pub seed: u64,
    /// Who played each role, in words ("a person", "the collaborative computer player").
    pub players: BTreeMap<&'static str, String>,
    pub finished: bool,
    pub score: ScoreInfo,
    pub items: Vec<ItemInfo>,
    pub crises: Vec<CrisisInfo>,
    pub barriers: Vec<BarrierInfo>,
    pub timeline: Vec<SlotInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioInfo {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub learning_objectives: Vec<String>,
    pub discussion_prompts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreInfo {
    pub total: i32,
    /// (domain label, JSON key, points) in the IPEC order.
    pub domains: Vec<DomainInfo>,
    /// Each role's contribution.
    pub roles: Vec<(String, i32)>,
    pub crises_suffered: u32,
    pub crises_averted: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainInfo {
    pub label: &'static str,
    pub key: &'static str,
    pub points: i32,
    /// Points earned and points lost, separately (the chart shows both).
    pub gained: i32,
    pub lost: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemInfo {
    pub when: String,
    pub behaviour: &'static str,
    pub domain: &'static str,
    pub roles: Vec<&'static str>,
    pub points: i32,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CrisisInfo {
    pub patient: String,
    pub kind: &'static str,
    /// "suffered", "averted" or "looming" (did not happen, but its causes were left unmet).
    pub outcome: &'static str,
    pub when: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BarrierInfo {
    pub barrier: &'static str,
    pub description: &'static str,
    /// The scenario says it teaches this barrier.
    pub declared: bool,
    /// Moments in this session where the barrier showed itself.
    pub met: Vec<String>,
    /// Scored behaviours that worked against it.
    pub handled_well: Vec<String>,
    /// Scored behaviours that gave in to it.
    pub handled_badly: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SlotInfo {
    pub when: String,
    pub gp: Vec<String>,
    pub social_worker: Vec<String>,
    /// Events, notices, crises and what other services did.
    pub borough: Vec<String>,
}

impl Debrief {
    /// Builds the debrief of a session played on `scenario`.
    pub fn new(
        scenario: &ValidScenario,
        setting: Option<&str>,
        seed: u64,
        players: [String; 2],
        played: &Played,
    ) -> Debrief {
        let s = scenario.get();
        let catalog = Catalog::new(scenario.shared());
        let score = &played.score;
        let [gp, sw] = players;
        Debrief {
            scenario: ScenarioInfo {
                id: s.id.clone(),
                title: s.title.clone(),
                summary: s.summary.clone(),
                learning_objectives: s.learning_objectives.clone(),
                discussion_prompts: s.discussion_prompts.clone(),
            },
            setting: setting.map_or_else(|| "as written".to_owned(), str::to_owned),
            seed,
            players: BTreeMap::from([("gp", gp), ("social_worker", sw)]),
            finished: played.finished,
            score: score_info(score),
            items: score
                .items
                .iter()
                .map(|i| ItemInfo {
                    when: i.slot.label(),
                    behaviour: i.behaviour.label(),
                    domain: i.domain.label(),
                    roles: i.roles.iter().map(|r| r.label()).collect(),
                    points: i.points,
                    explanation: i.explanation.clone(),
                })
                .collect(),
            crises: crises(played, &catalog),
            barriers: barriers(s.barriers.as_slice(), played, &catalog),
            timeline: timeline(played, &catalog),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the debrief is plain data")
    }
}

fn score_info(score: &Score) -> ScoreInfo {
    ScoreInfo {
        total: score.total,
        domains: Domain::ALL
            .iter()
            .map(|d| {
                let of = score.items.iter().filter(|i| i.domain == *d);
                DomainInfo {
                    label: d.label(),
                    key: d.key(),
                    points: score.domain(*d),
                    gained: of.clone().map(|i| i.points.max(0)).sum(),
                    lost: of.map(|i| i.points.min(0)).sum(),
                }
            })
            .collect(),
        roles: Role::BOTH
            .iter()
            .map(|r| (r.label().to_owned(), score.role(*r)))
            .collect(),
        crises_suffered: score.crises_suffered,
        crises_averted: score.crises_averted,
    }
}

fn patient_name(catalog: &Catalog, id: &str) -> String {
    catalog
        .patient(id)
        .map_or_else(|| id.to_owned(), |p| p.name.clone())
}

fn crises(played: &Played, catalog: &Catalog) -> Vec<CrisisInfo> {
    let mut out = Vec::new();
    for e in &played.log.entries {
        let info = match &e.kind {
            LogKind::CrisisOccurred {
                patient,
                kind,
                text,
                ..
            } => CrisisInfo {
                patient: patient_name(catalog, patient),
                kind: kind.label(),
                outcome: "suffered",
                when: Some(e.slot.label()),
                text: text.clone(),
            },
            LogKind::CrisisAverted {
                crisis,
                patient,
                kind,
            } => CrisisInfo {
                patient: patient_name(catalog, patient),
                kind: kind.label(),
                outcome: "averted",
                when: None,
                text: catalog
                    .crisis(crisis)
                    .map(|c| {
                        format!(
                            "Did not happen: every need leading to it was met. ({})",
                            c.text
                        )
                    })
                    .unwrap_or_default(),
            },
            LogKind::CrisisLooming {
                crisis,
                patient,
                risk,
                threshold,
            } => CrisisInfo {
                patient: patient_name(catalog, patient),
                kind: catalog.crisis(crisis).map_or("crisis", |c| c.kind.label()),
                outcome: "looming",
                when: None,
                text: format!(
                    "Did not happen within the session, but its causes were left unmet (risk {}% of the way there).",
                    (u64::from(*risk) * 100 / u64::from((*threshold).max(1))).min(100)
                ),
            },
            _ => continue,
        };
        out.push(info);
    }
    out
}

fn timeline(played: &Played, catalog: &Catalog) -> Vec<SlotInfo> {
    let mut slots: Vec<SlotInfo> = Vec::new();
    for e in &played.log.entries {
        let Some((column, text)) = describe(e, catalog) else {
            continue;
        };
        let when = e.slot.label();
        if slots.last().is_none_or(|s| s.when != when) {
            slots.push(SlotInfo {
                when,
                gp: Vec::new(),
                social_worker: Vec::new(),
                borough: Vec::new(),
            });
        }
        let slot = slots.last_mut().expect("just pushed");
        match column {
            Column::Role(Role::Gp) => slot.gp.push(text),
            Column::Role(Role::SocialWorker) => slot.social_worker.push(text),
            Column::Borough => slot.borough.push(text),
        }
    }
    slots
}

fn barriers(declared: &[Barrier], played: &Played, catalog: &Catalog) -> Vec<BarrierInfo> {
    let mut met: BTreeMap<Barrier, Vec<String>> = BTreeMap::new();
    for e in &played.log.entries {
        for (b, text) in describe::barrier_signs(e, catalog) {
            let line = format!("{}: {text}", e.slot.label());
            let signs = met.entry(b).or_default();
            if !signs.contains(&line) {
                signs.push(line);
            }
        }
    }
    let mut out = Vec::new();
    for b in Barrier::ALL {
        let signs = met.remove(&b).unwrap_or_default();
        let is_declared = declared.contains(&b);
        if signs.is_empty() && !is_declared {
            continue;
        }
        let (mut well, mut badly) = (BTreeMap::new(), BTreeMap::new());
        for i in &played.score.items {
            if !i.behaviour.barriers().contains(&b) || i.points == 0 {
                continue;
            }
            let side = if i.points > 0 { &mut well } else { &mut badly };
            let e: &mut (u32, i32) = side.entry(i.behaviour).or_default();
            e.0 += i.count;
            e.1 += i.points;
        }
        let words = |m: BTreeMap<Behaviour, (u32, i32)>| {
            m.into_iter()
                .map(|(beh, (n, pts))| format!("{} ×{n} ({pts:+} points)", beh.label()))
                .collect()
        };
        out.push(BarrierInfo {
            barrier: b.label(),
            description: b.description(),
            declared: is_declared,
            met: signs,
            handled_well: words(well),
            handled_badly: words(badly),
        });
    }
    out
}

/// Escapes text for HTML.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
