//! Who knew what, when: for every fact that mattered, when each profession learned it and when
//! each first needed it, read from the event log. This is the information gap the game is
//! about, made visible.
//!
//! A profession **needed** a fact from the earliest of these moments:
//! - it could see a need it could meet itself (acting on it, commissioning its care, or, for
//!   social care, a section 42 enquiry) whose requirements include the fact;
//! - it tried to act on a need, assess capacity or screen for continuing healthcare and was
//!   told it did not know enough, while not knowing the fact;
//! - it referred a need, or answered an offer of work, without the fact, to someone who could
//!   meet the need, or a service sent its referral back asking for more.
//!
//! It **learned** a fact when the log says so, or at the start if the case says it knows it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::scenario::{Resolution, Scenario};
use crate::sim::log::{LogEntry, LogKind};
use crate::sim::{Act, Ask, Catalog, Refusal, Role, Slot};

/// One fact's story for both professions.
#[derive(Debug, Clone, Serialize)]
pub struct FactTrack {
    pub fact: String,
    pub text: String,
    pub patient: String,
    pub sensitive: bool,
    /// The needs and decisions it bears on, in words.
    pub bears_on: Vec<String>,
    /// The GP's, then the social worker's.
    pub roles: Vec<RoleKnowledge>,
    /// The longest either profession went without the fact after needing it while the other
    /// already knew it, in half-days (0: no such gap).
    pub gap: u32,
}

/// What one profession knew of one fact.
#[derive(Debug, Clone, Serialize)]
pub struct RoleKnowledge {
    pub role: &'static str,
    /// Half-day it was learned (0 is Day 1 AM), `None` if never.
    pub learned: Option<u32>,
    /// "from the start", "on Day 2 AM via a home visit", "never".
    pub learned_label: String,
    /// Half-day it was first needed, `None` if this profession never needed it.
    pub needed: Option<u32>,
    /// Why: "to meet ‘a carer's assessment’".
    pub needed_why: Option<String>,
    /// Half-days between needing it and learning it (or the end of the session), 0 if it was
    /// known in time.
    pub waited: u32,
    /// The other profession knew it when this one first needed it.
    pub other_knew: bool,
}

impl RoleKnowledge {
    /// The profession's line in words: "needed it on Day 1 PM (to meet …); learned it on Day 3
    /// AM via a home visit: 4 half-days without it".
    pub fn sentence(&self) -> String {
        format!("{}: {}", self.role, self.story())
    }

    /// [`sentence`](Self::sentence) without the role.
    pub fn story(&self) -> String {
        let mut s = String::new();
        let learned = if self.learned.is_some() {
            format!("learned it {}", self.learned_label)
        } else {
            "never learned it".to_owned()
        };
        match (self.needed, &self.needed_why) {
            (Some(n), why) => {
                s += &format!("needed it on {}", Slot(n).label());
                if let Some(w) = why {
                    s += &format!(" ({w})");
                }
                s += &format!("; {learned}");
                if self.waited > 0 {
                    s += &format!(
                        ": {} half-day{} without it{}",
                        self.waited,
                        if self.waited == 1 { "" } else { "s" },
                        if self.other_knew {
                            ", while the other profession knew"
                        } else {
                            ""
                        }
                    );
                }
            }
            (None, _) => s += &learned,
        }
        s
    }
}

/// What a fact bears on, for deciding who needs it.
struct Bearing {
    /// Needs whose requirements include it.
    needs: Vec<String>,
    /// Decisions (patient, decision) whose evidence includes it.
    decisions: Vec<(String, String)>,
}

/// The tracks of every fact a need or decision in the case depends on, most telling first: the
/// longest gaps, then facts someone needed, in the case's order. Facts both professions knew
/// from the start are left out (there was no gap to bridge).
pub fn who_knew_what(
    scenario: &Scenario,
    catalog: &Catalog,
    pooled_budget: bool,
    entries: &[LogEntry],
) -> Vec<FactTrack> {
    let end = scenario.days * 2;
    // Facts that matter, in the case's order.
    let mut bearing: BTreeMap<&str, Bearing> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for p in &scenario.patients {
        for n in &p.needs {
            for f in &n.requires {
                let b = bearing.entry(f.as_str()).or_insert_with(|| {
                    order.push(f.as_str());
                    Bearing {
                        needs: Vec::new(),
                        decisions: Vec::new(),
                    }
                });
                b.needs.push(n.id.clone());
            }
        }
        for d in &p.decisions {
            for f in &d.evidence {
                let b = bearing.entry(f.as_str()).or_insert_with(|| {
                    order.push(f.as_str());
                    Bearing {
                        needs: Vec::new(),
                        decisions: Vec::new(),
                    }
                });
                b.decisions.push((p.id.clone(), d.id.clone()));
            }
        }
    }

    // When each role learned each fact.
    let mut learned: BTreeMap<(&str, Role), (u32, String)> = BTreeMap::new();
    for f in &order {
        if let Some(def) = catalog.fact(f) {
            for r in Role::BOTH {
                if def.known_to.iter().any(|k| k == r.id()) {
                    learned.insert((f, r), (0, "from the start".to_owned()));
                }
            }
        }
    }
    for e in entries {
        if let LogKind::FactLearned { role, fact, how } = &e.kind
            && let Some(f) = order.iter().find(|f| **f == fact.as_str())
        {
            learned
                .entry((f, *role))
                .or_insert_with(|| (e.slot.0, format!("on {} via {how}", e.slot.label())));
        }
    }
    let knew_at =
        |f: &str, r: Role, slot: u32| learned.get(&(f, r)).is_some_and(|(s, _)| *s <= slot);

    // When each role first needed each fact, and why.
    let mut needed: BTreeMap<(&str, Role), (u32, String)> = BTreeMap::new();
    let mut note = |f: &str, r: Role, slot: u32, why: String| {
        if let Some(key) = order.iter().find(|x| **x == f) {
            needed.entry((key, r)).or_insert((slot, why));
        }
    };
    for e in entries {
        let slot = e.slot.0;
        match &e.kind {
            LogKind::NeedSurfaced { need, role, .. } => {
                if can_meet_itself(catalog, *role, need, pooled_budget)
                    && let Some(def) = catalog.need(need)
                {
                    for f in &def.requires {
                        note(f, *role, slot, format!("to meet {}", quoted(&def.text)));
                    }
                }
            }
            LogKind::Refused {
                role,
                act,
                refusal: Refusal::NotEnoughKnown { .. },
                ..
            } => {
                for (f, why) in facts_for_attempt(catalog, act) {
                    if !knew_at(&f, *role, slot) {
                        note(&f, *role, slot, why);
                    }
                }
            }
            LogKind::Sent(m) => {
                let referral = matches!(m.ask, Some(Ask::TakeOn | Ask::Assess));
                if let (true, Some(need)) = (referral, &m.need)
                    && m.need_open
                    && catalog.can_meet(&catalog.final_recipient(&m.to), need, pooled_budget)
                    && let Some(def) = catalog.need(need)
                {
                    for f in &def.requires {
                        if !m.facts.contains(f) && !knew_at(f, m.from, slot) {
                            note(
                                f,
                                m.from,
                                slot,
                                format!("to refer {} with its background", quoted(&def.text)),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }

    let mut tracks: Vec<FactTrack> = Vec::new();
    for f in &order {
        let Some(def) = catalog.fact(f) else { continue };
        let from_start = Role::BOTH
            .iter()
            .all(|r| def.known_to.iter().any(|k| k == r.id()));
        let anyone_needed = Role::BOTH.iter().any(|r| needed.contains_key(&(*f, *r)));
        if from_start || !anyone_needed {
            continue;
        }
        let b = &bearing[f];
        let mut bears_on: Vec<String> = b
            .needs
            .iter()
            .filter_map(|n| catalog.need(n).map(|d| quoted(&d.text)))
            .collect();
        bears_on.extend(b.decisions.iter().filter_map(|(p, d)| {
            catalog
                .patient(p)
                .and_then(|p| p.decisions.iter().find(|x| &x.id == d))
                .map(|x| format!("the capacity to decide {}", x.text))
        }));
        let roles: Vec<RoleKnowledge> = Role::BOTH
            .iter()
            .map(|r| {
                let l = learned.get(&(*f, *r));
                let n = needed.get(&(*f, *r));
                let other = r.other();
                let waited = match (n, l) {
                    (Some((ns, _)), Some((ls, _))) => ls.saturating_sub(*ns),
                    (Some((ns, _)), None) => end.saturating_sub(*ns),
                    _ => 0,
                };
                RoleKnowledge {
                    role: r.label(),
                    learned: l.map(|(s, _)| *s),
                    learned_label: l.map_or_else(|| "never".to_owned(), |(_, w)| w.clone()),
                    needed: n.map(|(s, _)| *s),
                    needed_why: n.map(|(_, w)| w.clone()),
                    waited,
                    other_knew: n.is_some_and(|(ns, _)| knew_at(f, other, *ns)),
                }
            })
            .collect();
        let gap = roles
            .iter()
            .filter(|k| k.other_knew)
            .map(|k| k.waited)
            .max()
            .unwrap_or(0);
        tracks.push(FactTrack {
            fact: (*f).to_owned(),
            text: def.text.clone(),
            patient: catalog
                .fact_patient(f)
                .and_then(|p| catalog.patient(p))
                .map_or_else(String::new, |p| p.name.clone()),
            sensitive: def.sensitive,
            bears_on,
            roles,
            gap,
        });
    }
    // Longest gaps first; then the facts someone waited for at all; the case's order otherwise.
    tracks.sort_by_key(|t| {
        (
            std::cmp::Reverse(t.gap),
            std::cmp::Reverse(t.roles.iter().map(|k| k.waited).max().unwrap_or(0)),
        )
    });
    tracks
}

/// Whether `role` could meet `need` by itself: act on it, commission its care, or (social
/// care) open the enquiry a safeguarding need calls for. Referrals and joint visits are left to
/// what the log shows, since either profession may make them.
fn can_meet_itself(catalog: &Catalog, role: Role, need: &str, pooled: bool) -> bool {
    catalog.need(need).is_some_and(|d| {
        d.resolved_by.iter().any(|r| match r {
            Resolution::Act { role: who, .. } => who == role.id(),
            Resolution::Package(_) => role == Role::SocialWorker || pooled,
            Resolution::Safeguarding => role == Role::SocialWorker,
            Resolution::Referral { .. } | Resolution::JointVisit => false,
        })
    })
}

/// The facts an attempt refused for want of knowledge depended on, each with why.
fn facts_for_attempt(catalog: &Catalog, act: &Act) -> Vec<(String, String)> {
    let need_facts = |need: &str, verb: &str| -> Vec<(String, String)> {
        catalog
            .need(need)
            .map(|d| {
                d.requires
                    .iter()
                    .map(|f| {
                        (
                            f.clone(),
                            format!("tried to {verb} {} without it", quoted(&d.text)),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    match act {
        Act::ActOnNeed { need } => need_facts(need, "meet"),
        Act::Commission { need, .. } => need_facts(need, "commission care for"),
        Act::OpenEnquiry { need } => need_facts(need, "open an enquiry into"),
        Act::AssessCapacity { patient, decision } => catalog
            .patient(patient)
            .and_then(|p| p.decisions.iter().find(|d| &d.id == decision))
            .map(|d| {
                d.evidence
                    .iter()
                    .map(|f| {
                        (
                            f.clone(),
                            format!(
                                "tried to assess the capacity to decide {} without it",
                                d.text
                            ),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Act::ChcChecklist { patient } => catalog
            .patient(patient)
            .map(|p| {
                p.needs
                    .iter()
                    .filter(|n| n.continuing_healthcare.is_some())
                    .flat_map(|n| n.requires.iter())
                    .map(|f| {
                        (
                            f.clone(),
                            "tried to screen for continuing healthcare without it".to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A need's words, cut at their first clause for a sentence about it: “He has lost weight
/// without trying…”.
fn quoted(s: &str) -> String {
    const MOST: usize = 70;
    let cut = s
        .find([':', ';'])
        .filter(|i| *i >= 12)
        .map_or(s, |i| &s[..i]);
    let short: String = cut.chars().take(MOST).collect();
    if short.len() < s.trim_end_matches('.').len() {
        format!("“{}…”", short.trim_end())
    } else {
        crate::scoring::quoted(s)
    }
}
