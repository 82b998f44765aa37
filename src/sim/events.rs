//! Scenario events: a carer's call on day 2, a discharge letter, a sickness absence, a
//! safeguarding concern raised once a fall has happened. Each fires at most once.

use bevy::prelude::*;

use super::actions::Framing;
use super::ids::{Party, Role, Slot};
use super::log::{EventLog, LogKind, MetVia, OwnedVia};
use super::rules::SimWorld;
use super::state::*;
use crate::scenario::{Effect, Half, Trigger};

/// Fires every event whose trigger has come true, in the order the scenario lists them.
pub(super) fn fire_events(world: &mut World) {
    let clock = *world.resource::<Clock>();
    if clock.is_over() {
        return;
    }
    let scenario = world.catalog().scenario.clone();
    for event in &scenario.events {
        if world.resource::<Bookkeeping>().fired.contains(&event.id) {
            continue;
        }
        let due = match &event.when {
            Trigger::At { day, half } => clock.slot >= Slot::at(*day, *half),
            Trigger::CrisisHappens(c) => {
                let e = world.resource::<Index>().crises.get(c).copied();
                e.and_then(|e| world.get::<Crisis>(e))
                    .is_some_and(|c| c.occurred.is_some())
            }
            Trigger::NeedUnmetBy { need, day } => {
                clock.slot >= Slot::at(*day, Half::Am)
                    && world.need(need).is_some_and(|n| n.met.is_none())
            }
            Trigger::FactLearned(f) => world.fact(f).is_some_and(|f| !f.known_by.is_empty()),
            Trigger::Commissioned(k) => world.resource::<EventLog>().entries.iter().any(
                |e| matches!(&e.kind, LogKind::PackageCommissioned { package, .. } if package == k),
            ),
            Trigger::ReferralAccepted(n) => world.resource::<EventLog>().entries.iter().any(|e| {
                matches!(
                    &e.kind,
                    LogKind::NeedOwned { need, owner: Party::Other(_), .. } if need == n
                )
            }),
        };
        if !due {
            continue;
        }
        world
            .resource_mut::<Bookkeeping>()
            .fired
            .insert(event.id.clone());
        if !world.resource_mut::<SimRng>().chance(event.chance) {
            continue;
        }
        world.log(LogKind::EventFired {
            event: event.id.clone(),
        });
        for effect in &event.effects {
            apply_effect(world, effect);
        }
    }
    world.surface_needs();
}

pub(super) fn apply_effect(world: &mut World, effect: &Effect) {
    let now = world.now();
    match effect {
        Effect::Message {
            from,
            to,
            patient,
            text,
            reveals,
        } => {
            let Some(role) = Role::from_id(to) else {
                return;
            };
            let sender = world.catalog().contact(from).map_or_else(
                || Party::Other(from.clone()),
                |k| Party::from_id(&k.reaches),
            );
            // Whoever rings leaves their details.
            let found = world
                .resource_mut::<Directory>()
                .get_mut(from)
                .is_some_and(|e| e.known_by.insert(role));
            if found {
                world.log(LogKind::ContactFound {
                    role,
                    contact: from.clone(),
                    how: "they got in touch".into(),
                });
            }
            let id = world.next_message_id();
            world.post(Mail {
                id,
                from: sender,
                to: Party::Player(role),
                contact: Some(from.clone()),
                channel: crate::scenario::Channel::Phone,
                patient: patient.clone(),
                need: None,
                ask: None,
                answer: None,
                reply_to: None,
                facts: reveals.clone(),
                framing: Framing::Neutral,
                plan_attached: false,
                text: text.clone(),
                sent: now,
                arrives: Some(now),
                delivered: None,
                lost: false,
                forwarded_by: None,
                answered: false,
                chased: false,
                loop_closed: false,
            });
        }
        Effect::RevealFact { fact, to } => {
            if let Some(role) = Role::from_id(to) {
                world.learn(role, fact, "news");
            }
        }
        Effect::Notice(text) => world.log(LogKind::Notice { text: text.clone() }),
        Effect::AddRisk { crisis, amount } => {
            let e = world.resource::<Index>().crises.get(crisis).copied();
            if let Some(mut c) = e.and_then(|e| world.get_mut::<Crisis>(e))
                && c.occurred.is_none()
            {
                c.risk += amount;
            }
        }
        Effect::Absence { role, days, share } => {
            world.log(LogKind::Absence {
                role: role.clone(),
                days: *days,
                share: *share,
            });
            if let Some(r) = Role::from_id(role) {
                let until = now.plus(days * 2 - 1);
                let mut p = world.professional_mut(r);
                p.absence = Some((until, *share));
                // The rest of today is lost in the same proportion.
                p.minutes_left = (f64::from(p.minutes_left) * (1.0 - f64::from(*share))) as u32;
            } else {
                world
                    .resource_mut::<ServiceAbsence>()
                    .0
                    .insert(role.clone(), now.plus(days * 2 - 1));
            }
        }
        Effect::AddToCaseload { patient, role } => {
            if let Some(r) = Role::from_id(role) {
                world.add_to_caseload(r, patient);
            }
        }
        Effect::Refer { need, to } => {
            let open = world
                .need(need)
                .is_some_and(|n| n.met.is_none() && n.pending.is_none());
            let takes = world.catalog().need(need).and_then(|d| {
                d.resolved_by.iter().find_map(|r| match r {
                    crate::scenario::Resolution::Referral { to: t, takes_slots } if t == to => {
                        Some(*takes_slots)
                    }
                    _ => None,
                })
            });
            if open && let Some(takes) = takes {
                let service = Party::Other(to.clone());
                world.set_owner(need, service.clone(), OwnedVia::Service);
                if let Some(mut n) = world.need_mut(need) {
                    n.pending = Some((
                        now.plus(takes.max(1)),
                        service,
                        MetVia::Referral(to.clone()),
                    ));
                }
            }
        }
        Effect::Budget(delta) => {
            let left = {
                let mut b = world.resource_mut::<Budget>();
                b.left += delta;
                b.left
            };
            world.log(LogKind::BudgetChanged {
                delta: *delta,
                now: left,
            });
        }
    }
}
