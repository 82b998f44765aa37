//! Resolving a half-day once both roles have ended their turn: joint visits and meetings
//! close, unmet needs push their crises closer, silence costs trust, the clock moves on, and
//! messages and care that were on their way arrive.

use bevy::prelude::*;

use super::ids::{Party, Role, RoleSet, Slot};
use super::log::LogKind;
use super::model::MODEL;
use super::rules::SimWorld;
use super::state::*;
use crate::scenario::Reveal;

/// Whether both roles have ended this half-day.
pub(super) fn both_turns_ended(world: &World) -> bool {
    let index = world.resource::<Index>();
    index.professionals.len() == 2
        && index
            .professionals
            .values()
            .all(|&e| world.get::<Professional>(e).is_some_and(|p| p.ended_turn))
}

/// Resolves the half-day, in order.
pub(super) fn resolve(world: &mut World) {
    finish_joint_visits(world);
    close_meetings(world);
    grow_risk(world);
    check_crises(world);
    chase_silence(world);
    advance_clock(world);
    deliver_mail(world);
    complete_pending(world);
}

/// A role who waited alone for a joint visit makes it a home visit of their own.
fn finish_joint_visits(world: &mut World) {
    let waiting = std::mem::take(&mut world.resource_mut::<Together>().waiting);
    for (role, patient) in waiting {
        world.log(LogKind::JointVisitMissed {
            role,
            patient: patient.clone(),
        });
        let catalog = world.catalog().clone();
        if let Some(def) = catalog.patient(&patient) {
            for f in &def.facts {
                if f.revealed_by
                    .contains(&Reveal::HomeVisit(role.id().to_owned()))
                {
                    world.learn(role, &f.id, "a home visit");
                }
            }
        }
    }
}

/// Records how this half-day's MDT went.
fn close_meetings(world: &mut World) {
    let now = world.now();
    let before = match world.resource::<Meetings>().at(now) {
        Some(m) if !m.held => m.owners_before.clone(),
        _ => return,
    };
    let owners_changed = before
        .iter()
        .filter(|(need, was)| world.need(need).map(|n| &n.owner) != Some(*was))
        .count() as u32;
    let held = match world.resource_mut::<Meetings>().at_mut(now) {
        Some(m) => {
            m.held = true;
            Some(LogKind::MdtHeld {
                attendees: m.attended,
                could_attend: m.could_attend,
                agenda: m.agenda.keys().cloned().collect(),
                plans_agreed: m.plans_agreed.clone(),
                facts_pooled: m.facts_pooled,
                owners_changed,
            })
        }
        None => None,
    };
    if let Some(kind) = held {
        world.log(kind);
    }
}

/// Every unmet need adds its daily risk (half a day's worth, give or take a quarter) to the
/// crisis it feeds.
fn grow_risk(world: &mut World) {
    let catalog = world.catalog().clone();
    let mut unmet: Vec<(&str, u32)> = catalog
        .scenario
        .patients
        .iter()
        .flat_map(|p| &p.needs)
        .filter(|n| world.need(&n.id).is_some_and(|x| x.met.is_none()))
        .filter_map(|n| Some((n.feeds.as_deref()?, n.risk_per_day)))
        .collect();
    unmet.sort();
    // Crises in id order (the index is sorted by id), each drawing its jitter in turn.
    let crises: Vec<Entity> = world.resource::<Index>().crises.values().copied().collect();
    let (lo, hi) = MODEL.risk.jitter_percent;
    for e in crises {
        let Some(crisis) = world.get::<Crisis>(e) else {
            continue;
        };
        if crisis.occurred.is_some() {
            continue;
        }
        let id = crisis.id.clone();
        let mut added = 0;
        for (feeds, per_day) in &unmet {
            if *feeds == id {
                let jitter = world.resource_mut::<SimRng>().between(lo, hi);
                added += (per_day * jitter).div_ceil(MODEL.risk.divisor);
            }
        }
        if added > 0
            && let Some(mut c) = world.get_mut::<Crisis>(e)
        {
            c.risk += added;
        }
    }
}

/// A crisis whose risk has reached its threshold happens.
fn check_crises(world: &mut World) {
    let now = world.now();
    let mut q = world.query::<&mut Crisis>();
    let mut happened = Vec::new();
    for mut c in q.iter_mut(world) {
        if c.occurred.is_none() && c.risk >= c.threshold {
            c.occurred = Some(now);
            happened.push((c.id.clone(), c.patient.clone()));
        }
    }
    happened.sort();
    let catalog = world.catalog().clone();
    for (id, patient) in happened {
        if let Some(def) = catalog.crisis(&id) {
            world.log(LogKind::CrisisOccurred {
                crisis: id.clone(),
                patient,
                kind: def.kind,
                text: def.text.clone(),
            });
        }
    }
}

/// A request left unanswered for two days sours the relationship (once per message).
fn chase_silence(world: &mut World) {
    let now = world.now();
    let mut q = world.query::<&mut Mail>();
    let mut silent = 0;
    for mut m in q.iter_mut(world) {
        let overdue = m
            .delivered
            .is_some_and(|d| now.0 >= d.0 + MODEL.silence.sours_trust_after);
        if overdue && m.ask.is_some() && !m.answered && !m.chased && m.to.player().is_some() {
            m.chased = true;
            if matches!(m.from, Party::Player(_)) {
                silent += 1;
            }
        }
    }
    for _ in 0..silent {
        world.trust(MODEL.trust.unanswered, "a request left unanswered");
    }
}

/// Moves to the next half-day, or ends the session after the last.
fn advance_clock(world: &mut World) {
    let clock = *world.resource::<Clock>();
    if clock.is_last() {
        finish_session(world);
        return;
    }
    let next = clock.slot.plus(1);
    world.resource_mut::<Clock>().slot = next;
    *world.resource_mut::<Together>() = Together::default();
    world.resource_mut::<Arrangements>().huddle_attended = RoleSet::NONE;
    start_slot(world);
}

/// Sets each role's minutes for the current slot, notes who can make an MDT, and logs it.
pub(super) fn start_slot(world: &mut World) {
    let now = world.now();
    let catalog = world.catalog().clone();
    let setting = world.resource::<Session>().setting.clone();
    let mut minutes = [0u32; 2];
    for (i, role) in Role::BOTH.into_iter().enumerate() {
        let free = catalog.free_minutes(&setting, role, now);
        let mut p = world.professional_mut(role);
        let share = match p.absence {
            Some((until, share)) if until >= now => share,
            _ => {
                p.absence = None;
                0.0
            }
        };
        let m = (f64::from(free) * (1.0 - f64::from(share))).floor() as u32;
        p.minutes_left = m;
        p.minutes_this_slot = m;
        p.ended_turn = false;
        minutes[i] = m;
    }
    if let Some(m) = world.resource_mut::<Meetings>().at_mut(now) {
        let mut could = RoleSet::NONE;
        for (i, role) in Role::BOTH.into_iter().enumerate() {
            if minutes[i] >= m.minutes {
                could.insert(role);
            }
        }
        m.could_attend = could;
    }
    world.log(LogKind::SlotStarted { minutes });
    super::apply::decide_chc(world);
}

/// Closing entries: which crises were averted and which were left looming.
fn finish_session(world: &mut World) {
    let catalog = world.catalog().clone();
    let mut crises: Vec<Crisis> = world.query::<&Crisis>().iter(world).cloned().collect();
    crises.sort_by(|a, b| a.id.cmp(&b.id));
    for c in crises {
        if c.occurred.is_some() {
            continue;
        }
        let Some(def) = catalog.crisis(&c.id) else {
            continue;
        };
        let feeders_met = catalog
            .patient(&c.patient)
            .map(|p| {
                p.needs
                    .iter()
                    .filter(|n| n.feeds.as_deref() == Some(c.id.as_str()))
                    .all(|n| world.need(&n.id).is_some_and(|x| x.met.is_some()))
            })
            .unwrap_or(false);
        if feeders_met {
            world.log(LogKind::CrisisAverted {
                crisis: c.id.clone(),
                patient: c.patient.clone(),
                kind: def.kind,
            });
        } else {
            world.log(LogKind::CrisisLooming {
                crisis: c.id.clone(),
                patient: c.patient.clone(),
                risk: c.risk,
                threshold: c.threshold,
            });
        }
    }
    world.log(LogKind::SessionEnded);
    // No further slot: nobody can act.
    for role in Role::BOTH {
        let mut p = world.professional_mut(role);
        p.minutes_left = 0;
        p.ended_turn = true;
    }
    let mut clock = world.resource_mut::<Clock>();
    clock.slot = clock.slot.plus(1);
}

/// Messages due by now arrive (or turn out to be lost), oldest first.
fn deliver_mail(world: &mut World) {
    if world.resource::<Clock>().is_over() {
        return;
    }
    let now = world.now();
    let mut due: Vec<(Slot, u32, bool)> = world
        .query::<&Mail>()
        .iter(world)
        .filter_map(|m| m.arrives.filter(|a| *a <= now).map(|a| (a, m.id, m.lost)))
        .collect();
    due.sort();
    for (_, id, lost) in due {
        if lost {
            if let Some(mut m) = world.mail_mut(id) {
                m.arrives = None;
            }
            world.log(LogKind::Lost { message: id });
        } else {
            world.deliver(id);
        }
    }
    world.surface_needs();
}

/// Care that was arranged starts, and services finish the work they accepted.
fn complete_pending(world: &mut World) {
    if world.resource::<Clock>().is_over() {
        return;
    }
    let now = world.now();
    let mut due: Vec<(String, Party, super::log::MetVia)> = world
        .query::<&Need>()
        .iter(world)
        .filter_map(|n| {
            let (at, by, via) = n.pending.clone()?;
            (at <= now).then(|| (n.id.clone(), by, via))
        })
        .collect();
    due.sort_by(|a, b| a.0.cmp(&b.0));
    for (need, by, via) in due {
        world.meet_need(&need, by, via);
    }
}
