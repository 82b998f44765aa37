//! The debrief: what happened in a session and how the team did, for an educator who was not
//! in the room. One model ([`Debrief`]) built from the scenario and the event log, rendered as
//! self-contained HTML, Markdown or JSON (all three carry the same content), and read by the
//! window's debrief screen.
//!
//! It is laid out as a seminar, in the three phases of a structured debrief: **reactions**
//! (what happened, how it felt: no score yet), **analysis** (why: the moments that mattered,
//! who knew what when, the score by domain, the barriers, every scored item, the timeline) and
//! **application** (what now: the objectives, questions that turn to practice, and the
//! self-assessments before and after).

mod describe;
mod html;
pub mod knowledge;
mod markdown;
pub mod moments;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::scenario::{Barrier, ValidScenario};
use crate::scoring::{Behaviour, Domain, Score};
use crate::self_assessment::{Phase, SelfAssessment};
use crate::session::Played;
use crate::sim::{Catalog, LogKind, Role};

pub use describe::{Column, barrier_signs, describe};
pub use html::to_html;
pub use knowledge::{FactTrack, RoleKnowledge};
pub(crate) use markdown::md;
pub use markdown::to_markdown;
pub use moments::Moment;

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
    /// Half-days in the session.
    pub half_days: u32,
    /// Phase 1, reactions: what happened, and questions on how it felt.
    pub reactions: Reactions,
    /// Phase 2, analysis: the moments that mattered most, each with a question.
    pub moments: Vec<Moment>,
    /// Who knew what, when: every fact that mattered, by profession.
    pub knowledge: Vec<FactTrack>,
    pub score: ScoreInfo,
    /// Each profession's own view: its contribution, best and worst moments, what it waited for.
    pub roles: Vec<RoleDebrief>,
    pub items: Vec<ItemInfo>,
    pub crises: Vec<CrisisInfo>,
    pub barriers: Vec<BarrierInfo>,
    pub timeline: Vec<SlotInfo>,
    /// Phase 3, application: questions that turn the session towards practice.
    pub application: Vec<String>,
    /// The players' self-assessments, where they gave them.
    pub self_assessment: Option<SelfAssessmentInfo>,
    /// For a debrief read from a session file: whose seal it carries, in words.
    pub seal: Option<String>,
}

/// The reactions phase.
#[derive(Debug, Clone, Serialize)]
pub struct Reactions {
    /// What happened, in a few plain sentences, without points.
    pub story: Vec<String>,
    pub prompts: Vec<String>,
}

/// One profession's part in the session.
#[derive(Debug, Clone, Serialize)]
pub struct RoleDebrief {
    /// "GP", "social worker".
    pub role: &'static str,
    /// "gp", "social_worker".
    pub key: &'static str,
    /// Who played it.
    pub player: String,
    pub contribution: i32,
    pub earned: i32,
    pub lost: i32,
    /// The items that earned it most, and cost it most (up to three each; crises are the
    /// team's and are left out).
    pub best: Vec<ItemInfo>,
    pub worst: Vec<ItemInfo>,
    /// Facts it needed and went without, in words.
    pub waited_for: Vec<String>,
}

/// The self-assessments, summarised by domain.
#[derive(Debug, Clone, Serialize)]
pub struct SelfAssessmentInfo {
    pub instrument: String,
    /// Points on the scale.
    pub points: u8,
    pub retrospective: bool,
    pub roles: Vec<RoleAssessment>,
}

/// One person's self-assessment.
#[derive(Debug, Clone, Serialize)]
pub struct RoleAssessment {
    pub role: &'static str,
    pub key: &'static str,
    /// Each domain, then "All statements".
    pub rows: Vec<AssessmentRow>,
}

/// Mean answers in one domain, by phase.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRow {
    pub domain: &'static str,
    pub before: Option<f64>,
    pub retrospective: Option<f64>,
    pub after: Option<f64>,
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
    /// Builds the debrief of a session played on `scenario`; `players` are who played the GP and
    /// the social worker, in words.
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
        let entries = &played.log.entries;
        let borough = scenario
            .setting(setting)
            .unwrap_or_else(|_| s.setting.clone());
        let knowledge = knowledge::who_knew_what(s, &catalog, borough.pooled_budget, entries);
        let items: Vec<ItemInfo> = score.items.iter().map(item_info).collect();
        let roles = Role::BOTH
            .iter()
            .zip(&players)
            .map(|(r, who)| role_debrief(*r, who, score, &knowledge))
            .collect();
        let reactions = Reactions {
            story: moments::story(s, &catalog, entries, &players, borough.trust),
            prompts: moments::reaction_prompts(entries, &players, borough.trust),
        };
        let key_moments = moments::moments(s, &catalog, entries, score, &knowledge);
        let application = moments::application_prompts(entries, score, &knowledge);
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
            half_days: s.days * 2,
            reactions,
            moments: key_moments,
            knowledge,
            score: score_info(score),
            roles,
            items,
            crises: crises(played, &catalog),
            barriers: barriers(s.barriers.as_slice(), played, &catalog),
            timeline: timeline(played, &catalog),
            application,
            self_assessment: None,
            seal: None,
        }
    }

    /// The same debrief, saying whose seal its session file carries.
    pub fn with_seal(mut self, seal: &crate::session::Seal) -> Debrief {
        self.seal = Some(seal.to_string());
        self
    }

    /// The same debrief, with the players' self-assessments summarised (none if nobody
    /// answered).
    pub fn with_self_assessment(mut self, a: Option<&SelfAssessment>) -> Debrief {
        self.self_assessment = a.filter(|a| !a.is_empty()).map(assessment_info);
        self
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the debrief is plain data")
    }
}

fn item_info(i: &crate::scoring::Item) -> ItemInfo {
    ItemInfo {
        when: i.slot.label(),
        behaviour: i.behaviour.label(),
        domain: i.domain.label(),
        roles: i.roles.iter().map(|r| r.label()).collect(),
        points: i.points,
        explanation: i.explanation.clone(),
    }
}

fn role_debrief(role: Role, player: &str, score: &Score, knowledge: &[FactTrack]) -> RoleDebrief {
    // The role's own behaviours: crises are the team's, and are shown as such.
    let mine: Vec<&crate::scoring::Item> = score
        .items
        .iter()
        .filter(|i| i.roles.contains(&role))
        .filter(|i| {
            !matches!(
                i.behaviour,
                Behaviour::CrisisPrevented | Behaviour::CrisisSuffered
            )
        })
        .collect();
    let mut best: Vec<&crate::scoring::Item> =
        mine.iter().copied().filter(|i| i.points > 0).collect();
    best.sort_by_key(|i| (std::cmp::Reverse(i.points), i.slot));
    let mut worst: Vec<&crate::scoring::Item> =
        mine.iter().copied().filter(|i| i.points < 0).collect();
    worst.sort_by_key(|i| (i.points, i.slot));
    RoleDebrief {
        role: role.label(),
        key: role.id(),
        player: player.to_owned(),
        contribution: score.role(role),
        earned: score
            .items
            .iter()
            .filter(|i| i.roles.contains(&role))
            .map(|i| i.points.max(0))
            .sum(),
        lost: score
            .items
            .iter()
            .filter(|i| i.roles.contains(&role))
            .map(|i| i.points.min(0))
            .sum(),
        best: best.into_iter().take(3).map(item_info).collect(),
        worst: worst.into_iter().take(3).map(item_info).collect(),
        waited_for: knowledge
            .iter()
            .filter_map(|t| {
                t.roles
                    .iter()
                    .find(|k| k.role == role.label() && k.waited > 0)
                    .map(|k| {
                        format!(
                            "{} ({}): {}",
                            crate::scoring::quoted(&t.text),
                            t.patient,
                            k.story()
                        )
                    })
            })
            .collect(),
    }
}

fn assessment_info(a: &SelfAssessment) -> SelfAssessmentInfo {
    SelfAssessmentInfo {
        instrument: a.instrument.title.clone(),
        points: a.instrument.points,
        retrospective: a.instrument.retrospective_before,
        roles: Role::BOTH
            .iter()
            .filter(|r| a.of(**r).is_some_and(|x| !x.is_empty()))
            .map(|r| {
                let mut rows: Vec<AssessmentRow> = Domain::ALL
                    .iter()
                    .map(|d| AssessmentRow {
                        domain: d.label(),
                        before: a.mean(*r, Phase::Before, *d),
                        retrospective: a.mean(*r, Phase::Retrospective, *d),
                        after: a.mean(*r, Phase::After, *d),
                    })
                    .collect();
                rows.push(AssessmentRow {
                    domain: "All statements",
                    before: a.overall(*r, Phase::Before),
                    retrospective: a.overall(*r, Phase::Retrospective),
                    after: a.overall(*r, Phase::After),
                });
                RoleAssessment {
                    role: r.label(),
                    key: r.id(),
                    rows,
                }
            })
            .collect(),
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
