//! The debrief as a seminar: what happened (for the reactions phase), the few moments that
//! mattered most with a question for each (analysis), and questions that turn the session
//! towards practice (application). Everything here is generated from this session's log, so
//! two groups on the same case get different questions.

use std::collections::BTreeMap;

use serde::Serialize;

use super::knowledge::FactTrack;
use crate::scenario::Scenario;
use crate::scoring::{Behaviour, Score};
use crate::sim::log::{Arrangement, LogEntry, LogKind};
use crate::sim::{Catalog, Refusal, Role, Slot};

/// Most moments the analysis phase dwells on: a seminar has time for a handful.
pub const MOST_MOMENTS: usize = 6;

/// A moment that mattered, and the question it raises.
#[derive(Debug, Clone, Serialize)]
pub struct Moment {
    /// The half-day it began, and its label.
    pub slot: u32,
    pub when: String,
    /// "crisis", "averted", "unowned", "gap" or "swing".
    pub kind: &'static str,
    /// What happened, in a sentence.
    pub what: String,
    /// The question for the group.
    pub prompt: String,
    /// Points it was worth, where it was one scored item.
    pub points: Option<i32>,
    /// How much it mattered, for choosing among moments (not shown).
    #[serde(skip)]
    weight: u32,
}

/// Facts for the reactions phase: what happened, before any score.
pub fn story(
    scenario: &Scenario,
    catalog: &Catalog,
    entries: &[LogEntry],
    players: &[String; 2],
    start_trust: u32,
) -> Vec<String> {
    let mut out = Vec::new();
    let slots = scenario.days * 2;
    out.push(format!(
        "{} working day{} ({} half-days). The GP was {}; the social worker was {}.",
        scenario.days,
        plural(scenario.days as usize),
        slots,
        players[0],
        players[1]
    ));
    let all: usize = scenario.patients.iter().map(|p| p.needs.len()).sum();
    let mut seen = std::collections::BTreeSet::new();
    let mut met = std::collections::BTreeSet::new();
    for e in entries {
        match &e.kind {
            LogKind::NeedSurfaced { need, .. } => {
                seen.insert(need.clone());
            }
            LogKind::NeedMet { need, .. } => {
                met.insert(need.clone());
            }
            _ => {}
        }
    }
    out.push(format!(
        "Of the case's {all} need{}, the team came to know of {} and met {}; {} known need{} {} never met.",
        plural(all),
        seen.len(),
        met.len(),
        seen.len().saturating_sub(met.len()),
        plural(seen.len().saturating_sub(met.len())),
        if seen.len().saturating_sub(met.len()) == 1 { "was" } else { "were" }
    ));
    let mut suffered = Vec::new();
    let (mut averted, mut looming) = (0, 0);
    for e in entries {
        match &e.kind {
            LogKind::CrisisOccurred { patient, text, .. } => suffered.push(format!(
                "{} ({}): {}",
                name(catalog, patient),
                e.slot.label(),
                text.trim_end_matches('.')
            )),
            LogKind::CrisisAverted { .. } => averted += 1,
            LogKind::CrisisLooming { .. } => looming += 1,
            _ => {}
        }
    }
    if suffered.is_empty() {
        out.push(format!(
            "No crisis happened: {averted} averted by meeting every need that led to it{}.",
            if looming > 0 {
                format!(", {looming} still looming at the end")
            } else {
                String::new()
            }
        ));
    } else {
        out.push(format!(
            "{} {} happened: {}.",
            suffered.len(),
            if suffered.len() == 1 {
                "crisis"
            } else {
                "crises"
            },
            suffered.join("; ")
        ));
    }
    let mut sent = [0usize; 2];
    let (mut joint, mut mdts, mut plans, mut arrangements) = (0, 0, 0, Vec::new());
    let mut trust_now = start_trust;
    for e in entries {
        match &e.kind {
            LogKind::Sent(m) => sent[idx(m.from)] += 1,
            LogKind::JointVisit { .. } => joint += 1,
            LogKind::MdtHeld { attendees, .. } if attendees.is_both() => mdts += 1,
            LogKind::PlanAgreed { .. } => plans += 1,
            LogKind::ArrangementMade { kind, .. } => arrangements.push(match kind {
                Arrangement::Liaison => "named liaisons",
                Arrangement::Huddle => "a daily huddle",
            }),
            LogKind::TrustChanged { now, .. } => trust_now = *now,
            _ => {}
        }
    }
    out.push(format!(
        "The GP sent {} message{} and the social worker {}; they visited together {}, met at {} MDT{} with both there, and agreed {} care plan{}{}.",
        sent[0],
        plural(sent[0]),
        sent[1],
        times(joint),
        mdts,
        plural(mdts),
        plans,
        plural(plans),
        if arrangements.is_empty() {
            String::new()
        } else {
            format!("; they set up {}", arrangements.join(" and "))
        }
    ));
    out.push(format!(
        "Trust between the sectors went from {start_trust} to {trust_now} out of 100 ({}).",
        trust_band(trust_now)
    ));
    out
}

/// Questions that open the debrief: how it was, before why.
pub fn reaction_prompts(
    entries: &[LogEntry],
    players: &[String; 2],
    start_trust: u32,
) -> Vec<String> {
    let mut out = vec![
        "In a sentence each: what happened to the people on your caseload?".to_owned(),
        "GP: when did you feel you had what you needed to act, and when did you not? Social worker: the same.".to_owned(),
    ];
    if let Some((slot, text)) = entries.iter().find_map(|e| match &e.kind {
        LogKind::CrisisOccurred { text, .. } => Some((e.slot, text.clone())),
        _ => None,
    }) {
        out.push(format!(
            "On {} this happened: {} How did it feel, and did either of you see it coming?",
            slot.label(),
            text.trim()
        ));
    }
    for r in Role::BOTH {
        let short = entries
            .iter()
            .filter(|e| {
                matches!(&e.kind, LogKind::Refused { role, refusal: Refusal::NotEnoughTime { .. }, .. } if *role == r)
            })
            .count();
        if short >= 3 {
            out.push(format!(
                "The {} ran out of time {short} times. What did you have to leave undone, and how did that feel?",
                noun(r.label())
            ));
        }
    }
    for (r, who) in Role::BOTH.iter().zip(players) {
        if who.contains("stretched") || who.contains("defensive") {
            out.push(format!(
                "The {} was {who}. How did that shape the way the other of you approached them?",
                noun(r.label())
            ));
        }
    }
    let end_trust = entries
        .iter()
        .rev()
        .find_map(|e| match &e.kind {
            LogKind::TrustChanged { now, .. } => Some(*now),
            _ => None,
        })
        .unwrap_or(start_trust);
    if end_trust + 5 < start_trust {
        out.push(format!(
            "Trust between the teams fell from {start_trust} to {end_trust}. When did you first notice it, and what did it feel like?"
        ));
    } else if end_trust > start_trust + 5 {
        out.push(format!(
            "Trust between the teams rose from {start_trust} to {end_trust}. Did the later messages feel different from the first?"
        ));
    }
    out
}

/// The moments that mattered most, in the order they happened: crises, needs nobody owned
/// for longest, the widest information gaps, and the largest single swings in the score.
pub fn moments(
    scenario: &Scenario,
    catalog: &Catalog,
    entries: &[LogEntry],
    score: &Score,
    knowledge: &[FactTrack],
) -> Vec<Moment> {
    let end = scenario.days * 2;
    let mut all: Vec<Moment> = Vec::new();

    // Crises, and what led to them.
    for e in entries {
        match &e.kind {
            LogKind::CrisisOccurred {
                crisis,
                patient,
                text,
                ..
            } => {
                let feeding: Vec<String> = feeding_needs(scenario, crisis)
                    .into_iter()
                    .filter(|n| !met_before(entries, n, e.slot))
                    .filter_map(|n| catalog.need(&n).map(|d| crate::scoring::quoted(&d.text)))
                    .collect();
                all.push(Moment {
                    slot: e.slot.0,
                    when: e.slot.label(),
                    kind: "crisis",
                    what: format!("{}: {}", name(catalog, patient), text.trim()),
                    prompt: if feeding.is_empty() {
                        "What had to happen, and by when, for this not to happen?".to_owned()
                    } else {
                        format!(
                            "It followed from {} still being unmet. Who could have acted on {} sooner, and what stopped them?",
                            list(&feeding),
                            if feeding.len() == 1 { "it" } else { "them" }
                        )
                    },
                    points: None,
                    weight: 100,
                });
            }
            LogKind::CrisisAverted {
                crisis, patient, ..
            } => {
                let kind = catalog.crisis(crisis).map_or("crisis", |c| c.kind.label());
                all.push(Moment {
                    slot: e.slot.0,
                    when: "by the end".to_owned(),
                    kind: "averted",
                    what: format!(
                        "{}: the {kind} did not happen, because every need leading to it was met.",
                        name(catalog, patient)
                    ),
                    prompt: "Which of your actions prevented it, and which of them needed the other profession?".to_owned(),
                    points: None,
                    weight: 25,
                });
            }
            _ => {}
        }
    }

    // Needs nobody owned.
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    let mut settled: BTreeMap<&str, u32> = BTreeMap::new();
    for e in entries {
        match &e.kind {
            LogKind::NeedSurfaced { need, .. } => {
                seen.entry(need).or_insert(e.slot.0);
            }
            LogKind::NeedOwned { need, .. } | LogKind::NeedMet { need, .. } => {
                settled.entry(need).or_insert(e.slot.0);
            }
            _ => {}
        }
    }
    for (need, from) in &seen {
        let to = settled.get(need).copied().unwrap_or(end).max(*from);
        let span = to - from;
        if span < 2 {
            continue;
        }
        let Some(def) = catalog.need(need) else {
            continue;
        };
        let patient = catalog
            .need_patient(need)
            .map(|p| name(catalog, p))
            .unwrap_or_default();
        let until = if to >= end {
            "the end of the session".to_owned()
        } else {
            Slot(to).label()
        };
        all.push(Moment {
            slot: *from,
            when: Slot(*from).label(),
            kind: "unowned",
            what: format!(
                "{patient}'s need {} had no owner from {} to {until}.",
                crate::scoring::quoted(&def.text),
                Slot(*from).label()
            ),
            prompt: "Who could have picked it up, and what stopped them?".to_owned(),
            points: None,
            weight: span * 10,
        });
    }

    // Information gaps: one profession needed what the other already knew.
    for t in knowledge.iter().filter(|t| t.gap >= 2) {
        let Some(waiter) = t
            .roles
            .iter()
            .filter(|k| k.other_knew)
            .max_by_key(|k| k.waited)
        else {
            continue;
        };
        let other = t.roles.iter().find(|k| k.role != waiter.role);
        let needed = waiter.needed.unwrap_or(0);
        all.push(Moment {
            slot: needed,
            when: Slot(needed).label(),
            kind: "gap",
            what: format!(
                "The {} knew {} ({}) {}; the {} needed it on {} and {}.",
                other.map_or_else(|| "other profession".to_owned(), |o| noun(o.role)),
                crate::scoring::quoted(&t.text),
                t.patient,
                other.map_or_else(String::new, |o| o.learned_label.clone()),
                noun(waiter.role),
                Slot(needed).label(),
                if waiter.learned.is_some() {
                    format!("learned it {}", waiter.learned_label)
                } else {
                    "never learned it".to_owned()
                },
            ),
            prompt: "What would have got it to them sooner, and what stopped it travelling?"
                .to_owned(),
            points: None,
            weight: t.gap * 8,
        });
    }

    // The biggest single swings in the score.
    for i in &score.items {
        if matches!(
            i.behaviour,
            Behaviour::CrisisPrevented | Behaviour::CrisisSuffered | Behaviour::UnownedNeed
        ) || i.points.abs() < 5
        {
            continue;
        }
        let who = i
            .roles
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join(" and ");
        all.push(Moment {
            slot: i.slot.0,
            when: i.slot.label(),
            kind: "swing",
            what: format!(
                "{} ({who}, {:+} points): {}",
                i.behaviour.label(),
                i.points,
                i.explanation
            ),
            prompt: swing_prompt(i.behaviour, i.points > 0).to_owned(),
            points: Some(i.points),
            weight: i.points.unsigned_abs() * 3,
        });
    }

    choose(all)
}

/// The heaviest moments, at most two of a kind unless nothing else is left, in time order.
fn choose(mut all: Vec<Moment>) -> Vec<Moment> {
    all.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.slot.cmp(&b.slot)));
    let mut picked: Vec<Moment> = Vec::new();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rest = Vec::new();
    for m in all {
        let n = by_kind.entry(m.kind).or_default();
        if *n < 2 && picked.len() < MOST_MOMENTS {
            *n += 1;
            picked.push(m);
        } else {
            rest.push(m);
        }
    }
    for m in rest {
        if picked.len() >= MOST_MOMENTS {
            break;
        }
        picked.push(m);
    }
    picked.sort_by_key(|m| (m.slot, m.kind));
    picked
}

/// A question for a moment the score turned on.
fn swing_prompt(b: Behaviour, good: bool) -> &'static str {
    use Behaviour as B;
    match b {
        B::JointVisit => "What did you see together that neither of you would have seen alone?",
        B::SharedCarePlan => {
            "How did you decide who owned what, and did the other side agree easily?"
        }
        B::PreparedMdt => "What did preparing for the meeting change about what it decided?",
        B::SafeguardingRaised => {
            "What made the concern reasonable, and what happened after it was raised?"
        }
        B::BestInterests => {
            "Whose views shaped the decision, and how were the person's own wishes weighed?"
        }
        B::StandingArrangement => "How did having a named contact change the rest of the session?",
        B::CapacityAssessed => {
            "Which decision was it about, and what evidence did each profession bring?"
        }
        B::ContinuingHealthcare => {
            "Who thought of continuing healthcare, and when? What would the family have paid otherwise?"
        }
        B::BouncedNeed => {
            "Who else could have taken it on, and how would the sender have felt reading the reply?"
        }
        B::ColdReferral => "What did the person receiving it need to know to act on it?",
        B::SharedWithoutConsent | B::UnsafeChannel | B::OverShared => {
            "What was the lawful basis for sharing, and what was the least they needed to know?"
        }
        B::Withheld => "What stopped the answer carrying what the colleague needed?",
        B::Imposed => {
            "What does the Mental Capacity Act ask of you before care goes ahead against someone's wishes?"
        }
        B::PoorPractice => {
            "What would a less restrictive option have looked like, and who could have offered it?"
        }
        B::SiloedHandoff => "How would you have known whether it was done?",
        B::OwnedNotDone => "What got in the way of seeing it through?",
        B::ChcMissed => {
            "Whose budget should have paid for this care, and who could have screened for it?"
        }
        B::DismissiveFraming => {
            "How might the reader have taken it, and what would it have cost to word it differently?"
        }
        _ if good => "What made this possible, and would it happen where you work?",
        _ => "What would you do differently, and what would make that easier?",
    }
}

/// Questions that take the session back to practice.
pub fn application_prompts(
    entries: &[LogEntry],
    score: &Score,
    knowledge: &[FactTrack],
) -> Vec<String> {
    let has = |b: Behaviour| score.items.iter().any(|i| i.behaviour == b);
    let mut out = Vec::new();
    if has(Behaviour::SiloedHandoff) || has(Behaviour::UnownedNeed) {
        out.push("Think of someone you referred recently. How did you find out what happened, and how would you find out now?".to_owned());
    }
    if let Some(t) = knowledge.iter().find(|t| t.gap >= 2) {
        out.push(format!(
            "Where you work, how would something like “{}” get from one service to the other, and how long would it take?",
            t.text.trim_end_matches('.')
        ));
    }
    let arranged = entries
        .iter()
        .any(|e| matches!(e.kind, LogKind::ArrangementMade { .. }));
    if !arranged {
        out.push("Who is your named contact in the other sector? If you have none, how would you find one this week?".to_owned());
    }
    if has(Behaviour::CapacityAssessed) || has(Behaviour::BestInterests) || has(Behaviour::Imposed)
    {
        out.push("When did you last take part in a capacity assessment for one specific decision? Who brought which evidence?".to_owned());
    }
    if has(Behaviour::SafeguardingRaised) {
        out.push("How do you raise a safeguarding concern about an adult where you work, and who tells you what happened next?".to_owned());
    }
    if has(Behaviour::SharedWithoutConsent)
        || has(Behaviour::OverShared)
        || has(Behaviour::Withheld)
    {
        out.push("When did you last hold back information a colleague needed, or share more than they needed? What would the Caldicott principles have said?".to_owned());
    }
    out.push("Name one thing you will do differently in your next week of practice, and who will notice.".to_owned());
    out
}

fn feeding_needs(scenario: &Scenario, crisis: &str) -> Vec<String> {
    scenario
        .patients
        .iter()
        .flat_map(|p| p.needs.iter())
        .filter(|n| n.feeds.as_deref() == Some(crisis))
        .map(|n| n.id.clone())
        .collect()
}

fn met_before(entries: &[LogEntry], need: &str, slot: Slot) -> bool {
    entries
        .iter()
        .any(|e| e.slot <= slot && matches!(&e.kind, LogKind::NeedMet { need: n, .. } if n == need))
}

fn name(catalog: &Catalog, patient: &str) -> String {
    catalog
        .patient(patient)
        .map_or_else(|| patient.to_owned(), |p| p.name.clone())
}

fn idx(r: Role) -> usize {
    match r {
        Role::Gp => 0,
        Role::SocialWorker => 1,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn times(n: usize) -> String {
    match n {
        0 => "never".to_owned(),
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A role's label inside a sentence: "GP", "social worker".
fn noun(label: &str) -> String {
    if label.chars().nth(1).is_some_and(char::is_uppercase) {
        label.to_owned()
    } else {
        label.to_lowercase()
    }
}

/// Trust in words, as players see it.
pub fn trust_band(t: u32) -> &'static str {
    let b = &crate::sim::MODEL.bands;
    if t < b.strained_below {
        "strained"
    } else if t < b.guarded_below {
        "guarded"
    } else if t < b.strong_from {
        "working"
    } else {
        "strong"
    }
}
