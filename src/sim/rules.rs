//! Shared rules the action, resolution and event systems all use: learning facts, noticing
//! needs, trust, message delivery and how services answer.

use bevy::prelude::*;

use super::actions::{Answer, Ask, Framing};
use super::catalog::Catalog;
use super::ids::{Party, Role, RoleSet, Slot};
use super::log::{EventLog, LogKind, MetVia, OwnedVia};
use super::model::MODEL;
use super::state::*;
use crate::scenario::{Channel, Resolution, Sector};

/// Helpers on the simulation's world. Every one keeps the log in step with the state.
pub(crate) trait SimWorld {
    fn now(&self) -> Slot;
    fn catalog(&self) -> &Catalog;
    fn log(&mut self, kind: LogKind);
    fn trust(&mut self, delta: i32, reason: &str);
    fn learn(&mut self, role: Role, fact: &str, how: &str) -> bool;
    /// `role` learns `colleague`'s direct details (their first working directory entry), if
    /// it knows none yet.
    fn learn_details(&mut self, role: Role, colleague: Role, how: &str);
    fn surface_needs(&mut self);
    fn knows_patient(&self, role: Role, patient: &str) -> bool;
    fn add_to_caseload(&mut self, role: Role, patient: &str);
    fn professional(&self, role: Role) -> &Professional;
    fn professional_mut(&mut self, role: Role) -> Mut<'_, Professional>;
    fn need(&self, id: &str) -> Option<&Need>;
    fn need_mut(&mut self, id: &str) -> Option<Mut<'_, Need>>;
    fn fact(&self, id: &str) -> Option<&Fact>;
    fn patient(&self, id: &str) -> Option<&Patient>;
    fn patient_mut(&mut self, id: &str) -> Option<Mut<'_, Patient>>;
    fn mail(&self, id: u32) -> Option<&Mail>;
    fn mail_mut(&mut self, id: u32) -> Option<Mut<'_, Mail>>;
    /// Names `owner` as the need's owner; true when that changed who owns it. A care plan that
    /// names the owner a need already has is still logged: it makes it an agreed action point.
    fn set_owner(&mut self, need: &str, owner: Party, via: OwnedVia) -> bool;
    fn meet_need(&mut self, need: &str, by: Party, via: MetVia);
    fn post(&mut self, mail: Mail);
    fn deliver(&mut self, id: u32);
    fn next_message_id(&mut self) -> u32;
    fn can_take_calls(&self, party: &Party) -> bool;
    fn phone_answered(&mut self, caller: Role, to: &Party) -> bool;
    fn npc_delay(&self, npc: &str) -> u32;
    fn together(&self) -> bool;
}

impl SimWorld for World {
    fn learn_details(&mut self, role: Role, colleague: Role, how: &str) {
        let dir = self.resource::<Directory>();
        let already = dir
            .entries
            .iter()
            .any(|e| e.reaches == Party::Player(colleague) && e.known_by.contains(role));
        let first = dir
            .entries
            .iter()
            .find(|e| e.reaches == Party::Player(colleague) && !e.stale)
            .map(|e| e.id.clone());
        if let Some(id) = first.filter(|_| !already) {
            if let Some(e) = self.resource_mut::<Directory>().get_mut(&id) {
                e.known_by.insert(role);
            }
            self.log(LogKind::ContactFound {
                role,
                contact: id,
                how: how.into(),
            });
        }
    }

    fn now(&self) -> Slot {
        self.resource::<Clock>().slot
    }

    fn catalog(&self) -> &Catalog {
        self.resource::<Catalog>()
    }

    fn log(&mut self, kind: LogKind) {
        let now = self.now();
        self.resource_mut::<EventLog>().push(now, kind);
    }

    fn trust(&mut self, delta: i32, reason: &str) {
        if delta == 0 {
            return;
        }
        let mut trust = self.resource_mut::<Trust>();
        let now = (trust.0 as i32 + delta).clamp(0, 100) as u32;
        let applied = now as i32 - trust.0 as i32;
        trust.0 = now;
        if applied != 0 {
            self.log(LogKind::TrustChanged {
                delta: applied,
                now,
                reason: reason.to_owned(),
            });
        }
    }

    fn learn(&mut self, role: Role, fact: &str, how: &str) -> bool {
        let Some(&entity) = self.resource::<Index>().facts.get(fact) else {
            return false;
        };
        let Some(mut f) = self.get_mut::<Fact>(entity) else {
            return false;
        };
        if !f.known_by.insert(role) {
            return false;
        }
        let patient = f.patient.clone();
        self.log(LogKind::FactLearned {
            role,
            fact: fact.to_owned(),
            how: how.to_owned(),
        });
        self.add_to_caseload(role, &patient);
        true
    }

    fn surface_needs(&mut self) {
        let catalog = self.resource::<Catalog>();
        let index = self.resource::<Index>();
        let mut surfaced = Vec::new();
        for (id, &entity) in &index.needs {
            let Some(def) = catalog.need(id) else {
                continue;
            };
            let Some(need) = self.get::<Need>(entity) else {
                continue;
            };
            let caseload = self
                .patient(&need.patient)
                .map_or(RoleSet::NONE, |p| p.caseload);
            for role in Role::BOTH {
                if need.seen_by.contains(role) {
                    continue;
                }
                let sees = if def.signs.is_empty() {
                    caseload.contains(role)
                } else {
                    def.signs
                        .iter()
                        .any(|f| self.fact(f).is_some_and(|f| f.known_by.contains(role)))
                };
                if sees {
                    surfaced.push((id.clone(), need.patient.clone(), role, entity));
                }
            }
        }
        for (need, patient, role, entity) in surfaced {
            if let Some(mut n) = self.get_mut::<Need>(entity) {
                n.seen_by.insert(role);
            }
            self.log(LogKind::NeedSurfaced {
                need,
                patient,
                role,
            });
        }
    }

    fn knows_patient(&self, role: Role, patient: &str) -> bool {
        self.patient(patient)
            .is_some_and(|p| p.caseload.contains(role))
    }

    fn add_to_caseload(&mut self, role: Role, patient: &str) {
        let added = self
            .patient_mut(patient)
            .is_some_and(|mut p| p.caseload.insert(role));
        if added {
            self.log(LogKind::AddedToCaseload {
                patient: patient.to_owned(),
                role,
            });
        }
    }

    fn professional(&self, role: Role) -> &Professional {
        let e = self.resource::<Index>().professionals[&role];
        self.get::<Professional>(e)
            .expect("invariant: both professionals are spawned with the session")
    }

    fn professional_mut(&mut self, role: Role) -> Mut<'_, Professional> {
        let e = self.resource::<Index>().professionals[&role];
        self.get_mut::<Professional>(e)
            .expect("invariant: both professionals are spawned with the session")
    }

    fn need(&self, id: &str) -> Option<&Need> {
        let e = *self.resource::<Index>().needs.get(id)?;
        self.get::<Need>(e)
    }

    fn need_mut(&mut self, id: &str) -> Option<Mut<'_, Need>> {
        let e = *self.resource::<Index>().needs.get(id)?;
        self.get_mut::<Need>(e)
    }

    fn fact(&self, id: &str) -> Option<&Fact> {
        let e = *self.resource::<Index>().facts.get(id)?;
        self.get::<Fact>(e)
    }

    fn patient(&self, id: &str) -> Option<&Patient> {
        let e = *self.resource::<Index>().patients.get(id)?;
        self.get::<Patient>(e)
    }

    fn patient_mut(&mut self, id: &str) -> Option<Mut<'_, Patient>> {
        let e = *self.resource::<Index>().patients.get(id)?;
        self.get_mut::<Patient>(e)
    }

    fn mail(&self, id: u32) -> Option<&Mail> {
        let e = *self.resource::<Index>().mail.get(&id)?;
        self.get::<Mail>(e)
    }

    fn mail_mut(&mut self, id: u32) -> Option<Mut<'_, Mail>> {
        let e = *self.resource::<Index>().mail.get(&id)?;
        self.get_mut::<Mail>(e)
    }

    fn set_owner(&mut self, need: &str, owner: Party, via: OwnedVia) -> bool {
        let changed = match self.need_mut(need) {
            Some(mut n) if n.owner.as_ref() != Some(&owner) => {
                n.owner = Some(owner.clone());
                n.planned |= via == OwnedVia::CarePlan;
                true
            }
            Some(mut n) => {
                n.planned |= via == OwnedVia::CarePlan;
                false
            }
            None => false,
        };
        if changed || via == OwnedVia::CarePlan && self.need(need).is_some() {
            self.log(LogKind::NeedOwned {
                need: need.to_owned(),
                owner,
                via,
            });
        }
        changed
    }

    fn meet_need(&mut self, need: &str, by: Party, via: MetVia) {
        let now = self.now();
        let patient = match self.need_mut(need) {
            Some(mut n) if n.met.is_none() => {
                n.met = Some(now);
                n.pending = None;
                if n.owner.is_none() {
                    n.owner = Some(by.clone());
                }
                n.patient.clone()
            }
            _ => return,
        };
        self.log(LogKind::NeedMet {
            need: need.to_owned(),
            patient,
            by,
            via,
        });
    }

    fn next_message_id(&mut self) -> u32 {
        let mut b = self.resource_mut::<Bookkeeping>();
        b.next_message += 1;
        b.next_message
    }

    /// Files a message: delivered now if it arrives this slot, otherwise left in transit.
    fn post(&mut self, mail: Mail) {
        let id = mail.id;
        let now_arrives = mail.arrives.is_some_and(|a| a <= self.now());
        let entity = self.spawn(mail).id();
        self.resource_mut::<Index>().mail.insert(id, entity);
        if now_arrives {
            self.deliver(id);
        }
    }

    fn deliver(&mut self, id: u32) {
        let now = self.now();
        let Some(mail) = self.mail(id).cloned() else {
            return;
        };
        if mail.delivered.is_some() || mail.lost {
            return;
        }
        if let Some(mut m) = self.mail_mut(id) {
            m.arrives = None;
            m.delivered = Some(now);
        }
        self.log(LogKind::Delivered {
            message: id,
            to: mail.to.clone(),
        });
        let catalog = self.catalog().clone();
        let cross = matches!(
            (catalog.sector(&mail.from), catalog.sector(&mail.to)),
            (Sector::Health, Sector::SocialCare) | (Sector::SocialCare, Sector::Health)
        );
        // How it feels to be on the receiving end.
        if let (true, Some(sender)) = (cross, mail.from.player()) {
            match mail.framing {
                // Courtesy is noticed, up to a point: a stream of polite messages is not a
                // relationship.
                Framing::Respectful => {
                    let counted = self
                        .resource_mut::<Bookkeeping>()
                        .respect_noticed
                        .entry(sender)
                        .or_default()
                        .to_owned();
                    if counted < MODEL.trust.respectful_counted {
                        *self
                            .resource_mut::<Bookkeeping>()
                            .respect_noticed
                            .entry(sender)
                            .or_default() += 1;
                        self.trust(
                            MODEL.trust.respectful_message,
                            "a respectful message across the sectors",
                        );
                    }
                }
                Framing::Dismissive => self.trust(
                    MODEL.trust.dismissive_message,
                    "a dismissive message across the sectors",
                ),
                Framing::Neutral => {}
            }
            if matches!(mail.ask, Some(Ask::TakeOn | Ask::Assess)) && mail.facts.is_empty() {
                self.trust(MODEL.trust.cold_referral, "a referral with no context");
            }
            match &mail.answer {
                Some(Answer::Decline { redirect: None }) => {
                    self.trust(MODEL.trust.bounced, "a need bounced back")
                }
                Some(Answer::Done) => self.trust(MODEL.trust.loop_closed, "the loop was closed"),
                Some(Answer::Accept) => self.trust(MODEL.trust.accepted, "a request was accepted"),
                _ => {}
            }
        }
        match &mail.to {
            Party::Player(role) => {
                let role = *role;
                let how = format!("message from {}", catalog.party_name(&mail.from));
                if let Some(p) = &mail.patient {
                    self.add_to_caseload(role, p);
                    // Consent recorded by the sender travels with the message.
                    if let Some(sender) = mail.from.player()
                        && self
                            .patient(p)
                            .is_some_and(|pt| pt.consent_known.contains(sender))
                        && let Some(mut pt) = self.patient_mut(p)
                    {
                        pt.consent_known.insert(role);
                    }
                    if mail.plan_attached
                        && let Some(plan) = self.resource_mut::<CarePlans>().plans.get_mut(p)
                    {
                        plan.seen_by.insert(role);
                    }
                }
                for f in &mail.facts {
                    self.learn(role, f, &how);
                }
                // A colleague's message carries their direct details.
                if let Party::Player(sender) = mail.from {
                    self.learn_details(role, sender, "their message's signature");
                }
                if let Some(redirect) = match &mail.answer {
                    Some(Answer::Decline { redirect: Some(r) }) => Some(r.clone()),
                    _ => None,
                } && let Some(entry) = self.resource_mut::<Directory>().get_mut(&redirect)
                    && entry.known_by.insert(role)
                {
                    self.log(LogKind::ContactFound {
                        role,
                        contact: redirect,
                        how,
                    });
                }
                self.surface_needs();
            }
            Party::Other(npc) => service_receives(self, npc, &mail),
        }
    }

    fn can_take_calls(&self, party: &Party) -> bool {
        match party {
            Party::Player(role) => {
                if self.resource::<Arrangements>().liaison {
                    return true;
                }
                let now = self.now();
                !self
                    .catalog()
                    .commitments_at(*role, now)
                    .any(|c| !c.takes_calls)
            }
            Party::Other(id) => self
                .resource::<ServiceAbsence>()
                .0
                .get(id)
                .is_none_or(|until| *until < self.now()),
        }
    }

    fn phone_answered(&mut self, caller: Role, to: &Party) -> bool {
        if !self.can_take_calls(to) {
            return false;
        }
        let phone = self
            .resource::<Session>()
            .channel(Channel::Phone)
            .reliability;
        let trust = self.resource::<Trust>().0 as f32;
        let linked = self.resource::<Arrangements>().liaison && to.player().is_some();
        let catalog = self.catalog();
        let cross = catalog.sector(to) != caller.sector()
            && matches!(catalog.sector(to), Sector::Health | Sector::SocialCare);
        let mut p = phone;
        if cross {
            p += (trust - MODEL.phone.neutral_trust) / MODEL.phone.per_point;
        }
        if linked {
            p = p.max(MODEL.phone.linked_at_least);
        }
        self.resource_mut::<SimRng>().chance(p)
    }

    /// Slots before a service answers, shortened by trust and lengthened by its absence.
    fn npc_delay(&self, npc: &str) -> u32 {
        let base = self
            .catalog()
            .npc(npc)
            .map_or(MODEL.other.default_answer_after, |n| n.answers_after);
        let trust = self.resource::<Trust>().0;
        let adj = if MODEL.bands.strong(trust) {
            base.saturating_sub(1)
        } else if MODEL.bands.strained(trust) {
            base + 1
        } else {
            base
        };
        let away = self
            .resource::<ServiceAbsence>()
            .0
            .get(npc)
            .filter(|until| **until >= self.now())
            .map_or(0, |until| until.0 + 1 - self.now().0);
        adj.max(1).max(away)
    }

    fn together(&self) -> bool {
        self.resource::<Together>().met
    }
}

/// A non-player service receives a message and decides what to do with it.
fn service_receives(world: &mut World, npc: &str, mail: &Mail) {
    let catalog = world.catalog().clone();
    let Some(def) = catalog.npc(npc) else {
        return;
    };
    let now = world.now();
    let delay = world.npc_delay(npc);
    // A front door passes requests on.
    if let Some(next) = &def.forwards_to
        && mail.ask.is_some()
    {
        let id = world.next_message_id();
        let to = Party::from_id(next);
        world.log(LogKind::Forwarded {
            message: mail.id,
            copy: id,
            by: npc.to_owned(),
            to: to.clone(),
        });
        world.post(Mail {
            id,
            to,
            forwarded_by: Some(npc.to_owned()),
            sent: now,
            arrives: Some(now.plus(delay)),
            delivered: None,
            lost: false,
            answered: false,
            chased: false,
            loop_closed: false,
            contact: None,
            ..mail.clone()
        });
        return;
    }
    let Some(ask) = &mail.ask else {
        return;
    };
    let Party::Player(sender) = mail.from else {
        return;
    };
    let (answer, wanted_context) = match (ask, &mail.need) {
        (Ask::TakeOn | Ask::Assess, Some(need)) => {
            let need_def = catalog.need(need);
            let referral = need_def.and_then(|n| {
                n.resolved_by.iter().find_map(|r| match r {
                    Resolution::Referral { to, takes_slots } if to == npc => Some(*takes_slots),
                    _ => None,
                })
            });
            let already = world
                .need(need)
                .is_some_and(|n| n.met.is_some() || n.pending.is_some());
            match (referral, need_def) {
                (Some(takes), Some(nd)) if !already => {
                    let required = &nd.requires;
                    let carried = required.iter().filter(|f| mail.facts.contains(f)).count();
                    let trust = world.resource::<Trust>().0;
                    let enough = if required.is_empty() {
                        !mail.facts.is_empty()
                    } else {
                        carried == required.len() || (MODEL.bands.strong(trust) && carried > 0)
                    };
                    if enough {
                        world.set_owner(need, Party::Other(npc.to_owned()), OwnedVia::Service);
                        if let Some(reason) = catalog.npc(npc).and_then(|x| x.poor_practice.clone())
                        {
                            world.log(LogKind::PoorPractice {
                                role: sender,
                                need: need.clone(),
                                reason,
                            });
                        }
                        if let Some(mut n) = world.need_mut(need) {
                            n.pending = Some((
                                now.plus(delay + takes),
                                Party::Other(npc.to_owned()),
                                MetVia::Referral(npc.to_owned()),
                            ));
                        }
                        (Answer::Accept, false)
                    } else {
                        (Answer::Decline { redirect: None }, true)
                    }
                }
                (Some(_), Some(_)) => (Answer::Acknowledge, false),
                _ => {
                    // Not this service's work: at fair trust it points to one that can help,
                    // if it knows of one.
                    let trust = world.resource::<Trust>().0;
                    let redirect = if trust >= MODEL.bands.signposts_from {
                        right_contact_for(world, Some(need.as_str()), npc)
                    } else {
                        None
                    };
                    (Answer::Decline { redirect }, false)
                }
            }
        }
        _ => (Answer::Acknowledge, false),
    };
    world.log(LogKind::ServiceAnswered {
        message: mail.id,
        service: npc.to_owned(),
        answer: answer.clone(),
        wanted_context,
    });
    if let Some(mut m) = world.mail_mut(mail.id) {
        m.answered = true;
    }
    let id = world.next_message_id();
    let text = match (&answer, wanted_context) {
        (Answer::Accept, _) => "Referral accepted; we will see the patient.".to_owned(),
        (Answer::Decline { .. }, true) => {
            "We cannot accept this referral without more information about the patient.".to_owned()
        }
        (Answer::Decline { redirect: Some(_) }, _) => {
            "This is not something we provide; we have passed on who does.".to_owned()
        }
        (Answer::Decline { redirect: None }, _) => "This is not something we provide.".to_owned(),
        _ => "Thank you, noted.".to_owned(),
    };
    world.post(Mail {
        id,
        from: Party::Other(npc.to_owned()),
        to: Party::Player(sender),
        contact: None,
        channel: mail.channel,
        patient: mail.patient.clone(),
        need: mail.need.clone(),
        ask: None,
        answer: Some(answer),
        reply_to: Some(mail.id),
        facts: Vec::new(),
        framing: Framing::Neutral,
        plan_attached: false,
        text,
        sent: now,
        arrives: Some(now.plus(delay)),
        delivered: None,
        lost: false,
        forwarded_by: None,
        answered: false,
        chased: false,
        loop_closed: false,
    });
}

/// A directory entry for a service that could meet `need`, other than `not`.
fn right_contact_for(world: &World, need: Option<&str>, not: &str) -> Option<String> {
    let need = need?;
    let catalog = world.catalog();
    let pooled = world.resource::<Session>().setting.pooled_budget;
    world
        .resource::<Directory>()
        .entries
        .iter()
        .filter(|e| e.reaches.id() != not && !e.stale)
        .find(|e| {
            let target = catalog.final_recipient(&e.reaches);
            target.player().is_none() && catalog.can_meet(&target, need, pooled)
        })
        .map(|e| e.id.clone())
}

/// Minutes a message takes the sender on `channel`.
pub(crate) fn channel_minutes(world: &World, channel: Channel) -> u32 {
    world.resource::<Session>().channel(channel).minutes
}
