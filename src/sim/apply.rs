//! Checking and applying [`PlayerAction`]s. Each action is checked in full before anything
//! changes; a refused action is logged with its reason and has no other effect.

use bevy::prelude::*;

use super::actions::*;
use super::ids::{Party, Role, RoleSet, Slot};
use super::log::{Arrangement, LogKind, MetVia, OwnedVia, SentMessage, SharingBasis};
use super::model::MODEL;
use super::refusal::Refusal;
use super::rules::{SimWorld, channel_minutes};
use super::state::*;
use crate::scenario::{Channel, Consent, Resolution, Reveal, Sector};

type Checked = Result<(), Refusal>;

/// Checks `act` in full against what `role` may do and know, then applies it; a refusal
/// changes nothing.
pub(super) fn apply(world: &mut World, role: Role, act: &Act) -> Checked {
    if world.resource::<Clock>().is_over() {
        return Err(Refusal::SessionOver);
    }
    if world.professional(role).ended_turn {
        return Err(Refusal::TurnAlreadyEnded);
    }
    match act {
        Act::LookUp { contact } => look_up(world, role, contact),
        Act::AskAround { patient } => ask_around(world, role, patient),
        Act::AskConsent { patient } => ask_consent(world, role, patient),
        Act::Assess { patient } => assess(world, role, patient, false),
        Act::HomeVisit { patient } => assess(world, role, patient, true),
        Act::JointVisit { patient } => joint_visit(world, role, patient),
        Act::Send(out) => send(world, role, out),
        Act::Reply(reply) => answer(world, role, reply),
        Act::RecordNote { patient, facts } => record_note(world, role, patient, facts),
        Act::ClaimNeed { need } => claim(world, role, need),
        Act::ActOnNeed { need } => act_on(world, role, need),
        Act::Commission { need, package } => commission(world, role, need, package),
        Act::EscalateSafeguarding { need } => safeguarding(world, role, need),
        Act::OpenEnquiry { need } => open_enquiry(world, role, need),
        Act::AskWishes { patient } => ask_wishes(world, role, patient),
        Act::ChcChecklist { patient } => chc_checklist(world, role, patient),
        Act::FastTrack { patient } => fast_track(world, role, patient),
        Act::AssessCapacity { patient, decision } => {
            assess_capacity(world, role, patient, decision)
        }
        Act::BestInterests { patient, decision } => best_interests(world, role, patient, decision),
        Act::ProposeCarePlan { patient, owners } => propose_plan(world, role, patient, owners),
        Act::AcceptCarePlan { patient } => accept_plan(world, role, patient),
        Act::BookMdt { day, half } => book_mdt(world, role, Slot::at(*day, *half), *day),
        Act::PrepareForMdt { patient } => prepare(world, role, patient),
        Act::AttendMdt => attend_mdt(world, role),
        Act::AttendHuddle => attend_huddle(world, role),
        Act::EndTurn => {
            world.professional_mut(role).ended_turn = true;
            world.log(LogKind::TurnEnded { role });
            Ok(())
        }
    }
}

fn minutes(world: &World) -> crate::scenario::ActionMinutes {
    world.resource::<Session>().scenario.action_minutes.clone()
}

/// Checks the role has `cost` minutes left.
fn afford(world: &World, role: Role, cost: u32) -> Checked {
    let left = world.professional(role).minutes_left;
    if cost > left {
        return Err(Refusal::NotEnoughTime { cost, left });
    }
    Ok(())
}

/// Takes up to `minutes` of the role's time this half-day; returns how many it took.
pub(super) fn lose_time(world: &mut World, role: Role, minutes: u32) -> u32 {
    let lost = minutes.min(world.professional(role).minutes_left);
    spend(world, role, lost);
    lost
}

fn spend(world: &mut World, role: Role, cost: u32) {
    let mut p = world.professional_mut(role);
    p.minutes_left = p.minutes_left.saturating_sub(cost);
}

fn known_patient(world: &World, role: Role, patient: &str) -> Checked {
    if world.patient(patient).is_none() {
        return Err(Refusal::NoSuchPatient(patient.to_owned()));
    }
    if !world.knows_patient(role, patient) {
        return Err(Refusal::NotOnCaseload(patient.to_owned()));
    }
    Ok(())
}

/// The need, if the role has noticed it.
fn seen_need(world: &World, role: Role, need: &str) -> Result<Need, Refusal> {
    let n = world
        .need(need)
        .ok_or_else(|| Refusal::NoSuchNeed(need.to_owned()))?;
    if !n.seen_by.contains(role) {
        return Err(Refusal::NeedNotSeen(need.to_owned()));
    }
    Ok(n.clone())
}

fn open_need(world: &World, role: Role, need: &str) -> Result<Need, Refusal> {
    let n = seen_need(world, role, need)?;
    if n.met.is_some() {
        return Err(Refusal::NeedAlreadyMet);
    }
    if n.pending.is_some() {
        return Err(Refusal::NeedAlreadyBeingMet);
    }
    Ok(n)
}

/// Checks the role knows every fact the need requires, without saying what they are.
fn knows_required(world: &World, role: Role, need: &str) -> Checked {
    let catalog = world.catalog();
    let missing = catalog
        .need(need)
        .map(|d| {
            d.requires
                .iter()
                .filter(|f| !world.fact(f).is_some_and(|f| f.known_by.contains(role)))
                .count()
        })
        .unwrap_or(0);
    if missing > 0 {
        return Err(Refusal::NotEnoughKnown { missing });
    }
    Ok(())
}

fn known_facts(world: &World, role: Role, patient: Option<&str>, facts: &[String]) -> Checked {
    for f in facts {
        let fact = world
            .fact(f)
            .ok_or_else(|| Refusal::NoSuchFact(f.clone()))?;
        if !fact.known_by.contains(role) {
            return Err(Refusal::FactNotKnown(f.clone()));
        }
        match patient {
            Some(p) if p == fact.patient => {}
            Some(p) => {
                return Err(Refusal::FactNotAbout {
                    fact: f.clone(),
                    patient: p.to_owned(),
                });
            }
            None => return Err(Refusal::FactsWithoutPatient),
        }
    }
    let mut sorted: Vec<&String> = facts.iter().collect();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != facts.len() {
        return Err(Refusal::FactAttachedTwice);
    }
    Ok(())
}

fn reveal(
    world: &mut World,
    patient: &str,
    to: Role,
    matches: impl Fn(&Reveal) -> bool,
    how: &str,
) {
    let catalog = world.catalog().clone();
    let Some(def) = catalog.patient(patient) else {
        return;
    };
    for f in &def.facts {
        if f.revealed_by.iter().any(&matches) {
            world.learn(to, &f.id, how);
        }
    }
}

fn look_up(world: &mut World, role: Role, contact: &str) -> Checked {
    let entry = world
        .resource::<Directory>()
        .get(contact)
        .cloned()
        .ok_or_else(|| Refusal::NoSuchContact(contact.to_owned()))?;
    if !entry.known_by.contains(role) {
        return Err(Refusal::NotInDirectory(contact.to_owned()));
    }
    let cost = minutes(world).look_up;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let was_stale = entry.stale && !entry.fixed_by.contains(role);
    if let Some(e) = world.resource_mut::<Directory>().get_mut(contact) {
        e.fixed_by.insert(role);
        if was_stale {
            e.stale_known_by.insert(role);
        }
    }
    world.log(LogKind::LookedUp {
        role,
        contact: contact.to_owned(),
        was_stale,
    });
    Ok(())
}

fn ask_around(world: &mut World, role: Role, patient: &str) -> Checked {
    known_patient(world, role, patient)?;
    let cost = minutes(world).ask_around;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let id = role.id().to_owned();
    reveal(
        world,
        patient,
        role,
        |r| *r == Reveal::AskAround(id.clone()),
        "asking around",
    );
    let catalog = world.catalog().clone();
    let mut found = Vec::new();
    for k in &catalog.scenario.contacts {
        if k.found_by_asking_about.iter().any(|p| p == patient) {
            let new = world
                .resource_mut::<Directory>()
                .get_mut(&k.id)
                .is_some_and(|e| e.known_by.insert(role));
            if new {
                found.push(k.id.clone());
                world.log(LogKind::ContactFound {
                    role,
                    contact: k.id.clone(),
                    how: "asking around".into(),
                });
            }
        }
    }
    world.log(LogKind::AskedAround {
        role,
        patient: patient.to_owned(),
        contacts_found: found,
    });
    Ok(())
}

fn ask_consent(world: &mut World, role: Role, patient: &str) -> Checked {
    known_patient(world, role, patient)?;
    let p = world
        .patient(patient)
        .cloned()
        .ok_or_else(|| Refusal::NoSuchPatient(patient.to_owned()))?;
    let (given, needs_reassurance) = match p.consent {
        Consent::NotAsked {
            will_agree,
            after_reassurance,
        } if !p.consent_known.contains(role) => (will_agree, after_reassurance),
        Consent::NotAsked { .. } => return Err(Refusal::ConsentAlreadyAsked),
        Consent::Given => return Err(Refusal::ConsentAlreadyRecorded),
        Consent::Refused => return Err(Refusal::RefusalAlreadyRecorded),
    };
    let now = world.now();
    if needs_reassurance && p.reassured_at.is_some_and(|at| at >= now) {
        return Err(Refusal::ConsentNeedsTime);
    }
    let cost = minutes(world).ask_consent;
    afford(world, role, cost)?;
    spend(world, role, cost);
    // The first conversation with someone who needs reassurance ends with them unsure.
    if needs_reassurance && p.reassured_at.is_none() {
        if let Some(mut x) = world.patient_mut(patient) {
            x.reassured_at = Some(now);
        }
        world.log(LogKind::ConsentUnsure {
            role,
            patient: patient.to_owned(),
        });
        return Ok(());
    }
    if let Some(mut p) = world.patient_mut(patient) {
        p.consent_known.insert(role);
    }
    world.log(LogKind::ConsentAsked {
        role,
        patient: patient.to_owned(),
        given,
    });
    Ok(())
}

fn assess(world: &mut World, role: Role, patient: &str, at_home: bool) -> Checked {
    known_patient(world, role, patient)?;
    let m = minutes(world);
    let cost = if at_home { m.home_visit } else { m.assess };
    afford(world, role, cost)?;
    spend(world, role, cost);
    world.log(LogKind::Assessed {
        role,
        patient: patient.to_owned(),
        at_home,
    });
    if role == Role::SocialWorker
        && let Some(mut p) = world.patient_mut(patient)
    {
        p.needs_assessed = true;
    }
    let id = role.id().to_owned();
    if at_home {
        reveal(
            world,
            patient,
            role,
            |r| *r == Reveal::HomeVisit(id.clone()),
            "a home visit",
        );
    } else {
        reveal(
            world,
            patient,
            role,
            |r| *r == Reveal::Assess(id.clone()),
            "an assessment",
        );
    }
    Ok(())
}

fn joint_visit(world: &mut World, role: Role, patient: &str) -> Checked {
    known_patient(world, role, patient)?;
    let together = world.resource::<Together>().clone();
    if together
        .waiting
        .iter()
        .any(|(r, p)| *r == role && p == patient)
    {
        return Err(Refusal::AlreadyWaitingThere);
    }
    if together.visited.contains(patient) {
        return Err(Refusal::AlreadyVisitedTogether);
    }
    let cost = minutes(world).joint_visit;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let partner = together
        .waiting
        .iter()
        .position(|(r, p)| *r == role.other() && p == patient);
    let Some(i) = partner else {
        world
            .resource_mut::<Together>()
            .waiting
            .push((role, patient.to_owned()));
        world.log(LogKind::JointVisitWaiting {
            role,
            patient: patient.to_owned(),
        });
        return Ok(());
    };
    {
        let mut t = world.resource_mut::<Together>();
        t.waiting.remove(i);
        t.visited.insert(patient.to_owned());
        t.met = true;
    }
    let productive = joint_visit_would_help(world, patient);
    world.log(LogKind::JointVisit {
        patient: patient.to_owned(),
        productive,
    });
    // Working side by side builds trust when the visit does some good, not on a repeat.
    if productive {
        world.trust(MODEL.trust.joint_visit, "a joint visit");
    }
    // Both see everything either would at home, and what only joint eyes catch; and each
    // hears what the other already knew about the patient.
    for r in Role::BOTH {
        reveal(
            world,
            patient,
            r,
            |x| matches!(x, Reveal::HomeVisit(_) | Reveal::JointVisit),
            "the joint visit",
        );
    }
    pool_facts(world, patient, "the joint visit");
    share_plans(world, Some(patient));
    // The social worker assesses care needs on the visit.
    if let Some(mut p) = world.patient_mut(patient) {
        p.needs_assessed = true;
    }
    let catalog = world.catalog().clone();
    if let Some(def) = catalog.patient(patient) {
        for n in &def.needs {
            let open = world
                .need(&n.id)
                .is_some_and(|x| x.met.is_none() && x.pending.is_none());
            if open && n.resolved_by.contains(&Resolution::JointVisit) {
                world.meet_need(&n.id, Party::Player(role), MetVia::JointVisit);
            }
        }
    }
    Ok(())
}

/// Both roles learn everything either knows about `patient` (they are in the same room).
/// Returns how many facts one of them learned from the other.
fn pool_facts(world: &mut World, patient: &str, how: &str) -> u32 {
    let catalog = world.catalog().clone();
    let Some(def) = catalog.patient(patient) else {
        return 0;
    };
    let mut learned = 0;
    for f in &def.facts {
        if world.fact(&f.id).is_some_and(|x| !x.known_by.is_empty()) {
            for r in Role::BOTH {
                learned += u32::from(world.learn(r, &f.id, how));
            }
        }
    }
    for r in Role::BOTH {
        world.add_to_caseload(r, patient);
    }
    learned
}

/// Whether a joint visit to `patient` now would teach either professional something or meet
/// a need there and then (decided before the visit, so the log can say so up front).
fn joint_visit_would_help(world: &World, patient: &str) -> bool {
    let catalog = world.catalog();
    let Some(def) = catalog.patient(patient) else {
        return false;
    };
    let learns = def.facts.iter().any(|f| {
        let known = world.fact(&f.id).map_or(RoleSet::NONE, |x| x.known_by);
        let seen_there = f
            .revealed_by
            .iter()
            .any(|r| matches!(r, Reveal::HomeVisit(_) | Reveal::JointVisit));
        !known.is_both() && (seen_there || !known.is_empty())
    });
    let meets = def.needs.iter().any(|n| {
        n.resolved_by.contains(&Resolution::JointVisit)
            && world
                .need(&n.id)
                .is_some_and(|x| x.met.is_none() && x.pending.is_none())
    });
    learns || meets
}

/// Both roles see the current care plans (for one patient, or all).
fn share_plans(world: &mut World, patient: Option<&str>) {
    for (p, plan) in world.resource_mut::<CarePlans>().plans.iter_mut() {
        if patient.is_none_or(|x| x == p) {
            plan.seen_by = RoleSet::BOTH;
        }
    }
}

/// Whether `role` has noticed a safeguarding concern about the patient.
fn safeguarding_concern(world: &World, role: Role, patient: &str) -> bool {
    let catalog = world.catalog();
    catalog.patient(patient).is_some_and(|p| {
        p.needs.iter().any(|n| {
            n.resolved_by.contains(&Resolution::Safeguarding)
                && world.need(&n.id).is_some_and(|x| x.seen_by.contains(role))
        })
    })
}

/// Whether `party` is involved in the patient's direct care: the other profession, or a health
/// or social-care service that meets one of the patient's needs.
fn in_direct_care(world: &World, party: &Party, patient: &str) -> bool {
    let catalog = world.catalog();
    let pooled = world.resource::<Session>().setting.pooled_budget;
    match party {
        Party::Player(_) => true,
        Party::Other(_) => {
            matches!(catalog.sector(party), Sector::Health | Sector::SocialCare)
                && catalog.patient(patient).is_some_and(|p| {
                    p.needs
                        .iter()
                        .any(|n| catalog.can_meet(party, &n.id, pooled))
                })
        }
    }
}

/// Why `role` may share information about `patient` with `to` (after any front door): for
/// direct care with no objection known; with the patient's agreement; for a safeguarding
/// concern, with health and social care; otherwise not at all.
fn sharing_basis(world: &World, role: Role, patient: &str, to: &Party) -> SharingBasis {
    let Some(p) = world.patient(patient) else {
        return SharingBasis::NoBasis;
    };
    let sector = world.catalog().sector(to);
    // Their wish not to share with some sectors is part of their answer: it binds once known.
    let excluded = world
        .catalog()
        .patient(patient)
        .is_some_and(|d| d.not_shared_with.contains(&sector))
        && p.consent_known(role);
    if !excluded && p.consent_known_given(role) {
        return SharingBasis::Consent;
    }
    if !excluded && !p.objection_known(role) && in_direct_care(world, to, patient) {
        return SharingBasis::DirectCare;
    }
    let acts_on_it = world.catalog().sector(to).safeguarding_partner();
    if acts_on_it && safeguarding_concern(world, role, patient) {
        return SharingBasis::Safeguarding;
    }
    SharingBasis::NoBasis
}

fn send(world: &mut World, role: Role, out: &Outgoing) -> Checked {
    let entry = world
        .resource::<Directory>()
        .get(&out.to)
        .cloned()
        .ok_or_else(|| Refusal::NoSuchContact(out.to.clone()))?;
    if !entry.known_by.contains(role) {
        return Err(Refusal::NotInDirectory(out.to.clone()));
    }
    if entry.reaches == Party::Player(role) {
        return Err(Refusal::ContactIsYou);
    }
    if out.ask.is_some() && world.catalog().final_recipient(&entry.reaches) == Party::Player(role) {
        return Err(Refusal::ForwardsToYou);
    }
    if !entry.channels.contains(&out.channel) {
        return Err(Refusal::ChannelNotOffered {
            contact: out.to.clone(),
            channel: out.channel,
        });
    }
    let shared_record = world.resource::<Session>().setting.shared_record;
    if out.channel == Channel::SharedRecord && !shared_record {
        return Err(Refusal::NoSharedRecord);
    }
    let patient = match (&out.patient, &out.need) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(n)) => world.catalog().need_patient(n).map(str::to_owned),
        (None, None) => None,
    };
    if let Some(p) = &patient {
        known_patient(world, role, p)?;
    }
    if let Some(n) = &out.need {
        seen_need(world, role, n)?;
        if world.catalog().need_patient(n) != patient.as_deref() {
            return Err(Refusal::NeedNotAbout {
                need: n.clone(),
                patient: None,
            });
        }
    }
    known_facts(world, role, patient.as_deref(), &out.facts)?;
    match &out.ask {
        Some(Ask::TakeOn) if out.need.is_none() => {
            return Err(Refusal::TakeOnWithoutNeed);
        }
        Some(Ask::TakeOn | Ask::Assess | Ask::JointVisit { .. }) if patient.is_none() => {
            return Err(Refusal::AskWithoutPatient);
        }
        Some(Ask::JointVisit { day, half }) => {
            let at = Slot::at(*day, *half);
            let clock = *world.resource::<Clock>();
            if *day == 0 || at <= clock.slot || at.0 >= clock.slots {
                return Err(Refusal::JointVisitNotLater);
            }
        }
        Some(Ask::Liaison | Ask::Huddle) if entry.reaches != Party::Player(role.other()) => {
            return Err(Refusal::ArrangementOnlyWithColleague);
        }
        _ => {}
    }
    if out.attach_plan {
        let has_plan = patient
            .as_ref()
            .is_some_and(|p| world.resource::<CarePlans>().plans.contains_key(p));
        if !has_plan {
            return Err(Refusal::NoPlanToAttach);
        }
    }
    check_text(&out.text)?;
    let cost = channel_minutes(world, out.channel);
    afford(world, role, cost)?;
    spend(world, role, cost);

    let mail = Mail {
        id: 0,
        from: Party::Player(role),
        to: entry.reaches.clone(),
        contact: Some(out.to.clone()),
        channel: out.channel,
        patient,
        need: out.need.clone(),
        ask: out.ask.clone(),
        answer: None,
        reply_to: None,
        facts: out.facts.clone(),
        framing: out.framing,
        plan_attached: out.attach_plan,
        text: out.text.clone(),
        sent: world.now(),
        arrives: None,
        delivered: None,
        lost: false,
        forwarded_by: None,
        answered: false,
        chased: false,
        loop_closed: false,
    };
    if entry.stale && !entry.fixed_by.contains(role) {
        if let Some(e) = world.resource_mut::<Directory>().get_mut(&out.to) {
            e.stale_known_by.insert(role);
        }
        world.log(LogKind::StaleContact {
            role,
            contact: out.to.clone(),
            channel: out.channel,
        });
        return Ok(());
    }
    if out.channel == Channel::Phone && !call_connects(world, role, &entry.reaches, Some(&out.to)) {
        return Ok(());
    }
    if let Some(p) = &out.patient {
        note_consultation(world, p, &out.to);
    }
    dispatch(world, role, mail);
    Ok(())
}

/// The sensitive facts among `facts` that `to` did not need: a colleague in the patient's care
/// needs what bears on any of the patient's needs (its signs and what it requires); a service
/// needs what bears on the needs it can meet; anyone else (a relative, a neighbour, a
/// reception desk) needs none of it.
fn unneeded_sensitive(
    world: &World,
    facts: &[String],
    patient: Option<&str>,
    to: &Party,
) -> Vec<String> {
    let catalog = world.catalog();
    let pooled = world.resource::<Session>().setting.pooled_budget;
    let needs = patient
        .and_then(|p| catalog.patient(p))
        .map_or(&[][..], |p| &p.needs[..]);
    facts
        .iter()
        .filter(|f| world.fact(f).is_some_and(|x| x.sensitive))
        .filter(|f| {
            !needs.iter().any(|n| {
                let bears = n.requires.contains(f) || n.signs.contains(f);
                let theirs = match to {
                    Party::Player(_) => true,
                    Party::Other(_) => catalog.can_meet(to, &n.id, pooled),
                };
                bears && theirs
            })
        })
        .cloned()
        .collect()
}

/// What an answer to a request for information leaves out that the asker needed: facts
/// bearing on the need asked about (or, for a question about the patient, on any of the
/// patient's needs the asker has seen) that the replier knows, the asker does not, and the
/// replier had a basis to share. The duty to share (Caldicott principle 7) is part of the
/// duty of care; a sensitive fact the person has objected to sharing is rightly kept back.
fn withheld(
    world: &World,
    role: Role,
    mail: &Mail,
    to: &Party,
    basis: SharingBasis,
) -> Vec<String> {
    let Party::Player(asker) = *to else {
        return Vec::new();
    };
    let asked = mail
        .reply_to
        .and_then(|id| world.mail(id))
        .is_some_and(|m| m.ask == Some(Ask::Information));
    if !asked {
        return Vec::new();
    }
    let catalog = world.catalog();
    let needs: Vec<&crate::scenario::NeedDef> = match (&mail.need, &mail.patient) {
        (Some(n), _) => catalog.need(n).into_iter().collect(),
        (None, Some(p)) => catalog.patient(p).map_or_else(Vec::new, |p| {
            p.needs
                .iter()
                .filter(|n| world.need(&n.id).is_some_and(|x| x.seen_by.contains(asker)))
                .collect()
        }),
        (None, None) => Vec::new(),
    };
    let mut out: Vec<String> = needs
        .iter()
        .flat_map(|n| &n.requires)
        .filter(|f| !mail.facts.contains(f))
        .filter(|f| {
            world.fact(f).is_some_and(|x| {
                x.known_by.contains(role)
                    && !x.known_by.contains(asker)
                    && (!x.sensitive || basis != SharingBasis::NoBasis)
            })
        })
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether a phone call from `role` to `to` is picked up; a call nobody answers is logged.
fn call_connects(world: &mut World, role: Role, to: &Party, contact: Option<&str>) -> bool {
    if world.phone_answered(role, to) {
        return true;
    }
    world.log(LogKind::CallUnanswered {
        role,
        contact: contact.map_or_else(|| to.id().to_owned(), str::to_owned),
    });
    false
}

/// Sends a checked message on its way: a phone call (already connected) arrives at once,
/// anything else is delayed and may be lost, by the channel's figures.
fn dispatch(world: &mut World, role: Role, mut mail: Mail) {
    let setting = world.resource::<Session>().setting.clone();
    let channel = world.resource::<Session>().channel(mail.channel);
    let now = world.now();
    if mail.channel == Channel::Phone {
        mail.arrives = Some(now);
        // A call takes the other person's time too.
        if let Party::Player(other) = mail.to {
            spend(world, other, channel.minutes);
        }
    } else {
        let mut delay = world
            .resource_mut::<SimRng>()
            .between(channel.delay.0, channel.delay.1);
        let linked = world.resource::<Arrangements>().liaison && mail.to.player().is_some();
        if linked && mail.channel == Channel::Email {
            delay = delay.min(MODEL.other.linked_email_delay);
        }
        let arrives = world.resource_mut::<SimRng>().chance(channel.reliability);
        mail.arrives = Some(now.plus(delay));
        mail.lost = !arrives;
    }
    mail.id = world.next_message_id();
    let catalog = world.catalog().clone();
    let sensitive = mail
        .facts
        .iter()
        .any(|f| world.fact(f).is_some_and(|x| x.sensitive));
    let final_to = catalog.final_recipient(&mail.to);
    let basis = mail.patient.as_ref().map_or(SharingBasis::DirectCare, |p| {
        sharing_basis(world, role, p, &final_to)
    });
    let right_party = mail
        .need
        .as_ref()
        .is_some_and(|n| catalog.can_meet(&final_to, n, setting.pooled_budget));
    let knows = |who: &Party, fact: &str| {
        who.player()
            .is_some_and(|r| world.fact(fact).is_some_and(|x| x.known_by.contains(r)))
    };
    // Context is judged against what the sender could give: every required fact the sender
    // knows and the recipient does not, and something at least.
    let has_context = !mail.facts.is_empty()
        && mail
            .need
            .as_ref()
            .and_then(|n| catalog.need(n))
            .is_none_or(|def| {
                def.requires.iter().all(|f| {
                    mail.facts.contains(f) || !knows(&Party::Player(role), f) || knows(&final_to, f)
                })
            });
    let need_open = mail
        .need
        .as_ref()
        .and_then(|n| world.need(n))
        .is_some_and(|n| n.met.is_none() && n.pending.is_none());
    // Whatever the sender could meet themselves (acting, commissioning, raising a concern,
    // a visit) is theirs to do, not to pass on.
    let own_work = mail
        .need
        .as_ref()
        .is_some_and(|n| catalog.can_meet(&Party::Player(role), n, setting.pooled_budget));
    let recipient_aware = match (&final_to, &mail.need) {
        (Party::Player(r), Some(n)) => world.need(n).is_some_and(|x| x.seen_by.contains(*r)),
        _ => false,
    };
    let news = match &final_to {
        Party::Player(_) => mail.facts.iter().any(|f| !knows(&final_to, f)),
        Party::Other(_) => !mail.facts.is_empty(),
    };
    let unneeded_sensitive =
        unneeded_sensitive(world, &mail.facts, mail.patient.as_deref(), &final_to);
    let withheld = withheld(world, role, &mail, &final_to, basis);
    let cross = matches!(
        (catalog.sector(&mail.from), catalog.sector(&final_to)),
        (Sector::Health, Sector::SocialCare) | (Sector::SocialCare, Sector::Health)
    );
    world.log(LogKind::Sent(Box::new(SentMessage {
        message: mail.id,
        from: role,
        to: mail.to.clone(),
        contact: mail.contact.clone(),
        channel: mail.channel,
        patient: mail.patient.clone(),
        need: mail.need.clone(),
        ask: mail.ask.clone(),
        answer: mail.answer.clone(),
        reply_to: mail.reply_to,
        facts: mail.facts.clone(),
        framing: mail.framing,
        cross_sector: cross,
        has_context,
        need_open,
        own_work,
        recipient_aware,
        news,
        unneeded_sensitive,
        withheld,
        right_party,
        sensitive,
        secure: channel.secure,
        basis,
        text: mail.text.clone(),
    })));
    world.post(mail);
}

fn answer(world: &mut World, role: Role, reply: &ReplyTo) -> Checked {
    let original = world
        .mail(reply.message)
        .cloned()
        .ok_or(Refusal::NoSuchMessage(reply.message))?;
    if original.to != Party::Player(role) || original.delivered.is_none() {
        return Err(Refusal::NotReceived);
    }
    // Reporting the outcome is a follow-up, allowed once after any first answer.
    if reply.answer == Answer::Done {
        if original.loop_closed {
            return Err(Refusal::OutcomeAlreadyReported);
        }
    } else if original.answered {
        return Err(Refusal::AlreadyAnswered);
    }
    if reply.channel == Channel::SharedRecord && !world.resource::<Session>().setting.shared_record
    {
        return Err(Refusal::NoSharedRecord);
    }
    if original.from.player().is_none()
        && let Party::Other(id) = &original.from
        && world.catalog().npc(id).is_none()
        && world.catalog().contact(id).is_none()
    {
        return Err(Refusal::CannotBeAnswered);
    }
    let patient = original.patient.clone();
    known_facts(world, role, patient.as_deref(), &reply.facts)?;
    match &reply.answer {
        Answer::Accept | Answer::Decline { .. } if original.ask.is_none() => {
            return Err(Refusal::NothingAsked);
        }
        Answer::Accept if original.ask == Some(Ask::TakeOn) => {
            let need = original
                .need
                .as_deref()
                .ok_or(Refusal::ReferralWithoutNeed)?;
            let n = world
                .need(need)
                .ok_or_else(|| Refusal::NoSuchNeed(need.to_owned()))?;
            if n.met.is_some() || n.pending.is_some() {
                return Err(Refusal::NeedAlreadyBeingMet);
            }
        }
        Answer::Decline { redirect: Some(r) } => {
            let known = world
                .resource::<Directory>()
                .get(r)
                .is_some_and(|e| e.known_by.contains(role));
            if !known {
                return Err(Refusal::NotInDirectory(r.clone()));
            }
        }
        Answer::Done => {
            let met = original
                .need
                .as_ref()
                .and_then(|n| world.need(n))
                .is_some_and(|n| n.met.is_some());
            if !met {
                return Err(Refusal::NeedNotMetYet);
            }
        }
        _ => {}
    }
    check_text(&reply.text)?;
    let cost = channel_minutes(world, reply.channel);
    afford(world, role, cost)?;
    spend(world, role, cost);
    // A call nobody picks up answers nothing: the request is still waiting.
    if reply.channel == Channel::Phone && !call_connects(world, role, &original.from, None) {
        return Ok(());
    }
    if let Some(mut m) = world.mail_mut(reply.message) {
        m.answered = true;
        m.loop_closed |= reply.answer == Answer::Done;
    }
    // What the answer commits the replier to.
    match (&reply.answer, &original.ask) {
        (Answer::Accept, Some(Ask::TakeOn)) => {
            if let Some(n) = &original.need {
                world.set_owner(n, Party::Player(role), OwnedVia::AcceptedReferral);
                if let Some(mut need) = world.need_mut(n) {
                    need.seen_by.insert(role);
                }
            }
        }
        (Answer::Accept, Some(Ask::Liaison)) => {
            make_arrangement(world, Arrangement::Liaison, role.other())
        }
        (Answer::Accept, Some(Ask::Huddle)) => {
            make_arrangement(world, Arrangement::Huddle, role.other())
        }
        (Answer::Decline { redirect }, Some(Ask::TakeOn)) => {
            if let Some(n) = &original.need {
                let catalog = world.catalog().clone();
                let pooled = world.resource::<Session>().setting.pooled_budget;
                let right = redirect.as_ref().is_some_and(|r| {
                    world.resource::<Directory>().get(r).is_some_and(|e| {
                        catalog.can_meet(&catalog.final_recipient(&e.reaches), n, pooled)
                    })
                });
                world.log(LogKind::NeedDeclined {
                    need: n.clone(),
                    role,
                    asked_by: original.from.clone(),
                    signposted_right: right,
                    signposted: redirect.is_some(),
                });
            }
        }
        _ => {}
    }
    let mail = Mail {
        id: 0,
        from: Party::Player(role),
        to: original.from.clone(),
        contact: None,
        channel: reply.channel,
        patient,
        need: original.need.clone(),
        ask: None,
        answer: Some(reply.answer.clone()),
        reply_to: Some(reply.message),
        facts: reply.facts.clone(),
        framing: reply.framing,
        plan_attached: false,
        text: reply.text.clone(),
        sent: world.now(),
        arrives: None,
        delivered: None,
        lost: false,
        forwarded_by: None,
        answered: false,
        chased: false,
        loop_closed: false,
    };
    dispatch(world, role, mail);
    Ok(())
}

fn make_arrangement(world: &mut World, kind: Arrangement, proposed_by: Role) {
    {
        let mut a = world.resource_mut::<Arrangements>();
        match kind {
            Arrangement::Liaison if !a.liaison => a.liaison = true,
            Arrangement::Huddle if !a.huddle => a.huddle = true,
            _ => return,
        }
    }
    if kind == Arrangement::Liaison {
        link_directories(world);
    }
    world.log(LogKind::ArrangementMade { kind, proposed_by });
    world.trust(MODEL.trust.arrangement, "a standing arrangement");
}

/// With a named liaison, each player has the other's direct details.
pub(super) fn link_directories(world: &mut World) {
    let mut found = Vec::new();
    for e in &mut world.resource_mut::<Directory>().entries {
        if let Party::Player(target) = e.reaches {
            let other = target.other();
            if e.known_by.insert(other) {
                found.push((other, e.id.clone()));
            }
            e.fixed_by = RoleSet::BOTH;
            e.stale = false;
        }
    }
    for (role, contact) in found {
        world.log(LogKind::ContactFound {
            role,
            contact,
            how: "the named-liaison arrangement".into(),
        });
    }
}

fn record_note(world: &mut World, role: Role, patient: &str, facts: &[String]) -> Checked {
    if !world.resource::<Session>().setting.shared_record {
        return Err(Refusal::NoSharedRecord);
    }
    known_patient(world, role, patient)?;
    if facts.is_empty() {
        return Err(Refusal::NothingToRecord);
    }
    known_facts(world, role, Some(patient), facts)?;
    let cost = minutes(world).record_note;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let sensitive = facts
        .iter()
        .any(|f| world.fact(f).is_some_and(|x| x.sensitive));
    // The shared record is read by the other profession, for the patient's care.
    let basis = sharing_basis(world, role, patient, &Party::Player(role.other()));
    world.log(LogKind::RecordNote {
        role,
        patient: patient.to_owned(),
        facts: facts.to_vec(),
        sensitive,
        basis,
    });
    // Both sectors read the same record: the other side sees it at once.
    for f in facts {
        world.learn(role.other(), f, "the shared record");
    }
    Ok(())
}

fn claim(world: &mut World, role: Role, need: &str) -> Checked {
    let n = open_need(world, role, need)?;
    match &n.owner {
        Some(o) if *o == Party::Player(role) => return Err(Refusal::AlreadyOwnNeed),
        Some(o) => {
            return Err(Refusal::OwnedBySomeoneElse {
                owner: world.catalog().party_name(o),
            });
        }
        None => {}
    }
    let cost = minutes(world).claim;
    afford(world, role, cost)?;
    spend(world, role, cost);
    world.set_owner(need, Party::Player(role), OwnedVia::Claimed);
    Ok(())
}

fn act_on(world: &mut World, role: Role, need: &str) -> Checked {
    open_need(world, role, need)?;
    let def = world
        .catalog()
        .need(need)
        .cloned()
        .ok_or_else(|| Refusal::NoSuchNeed(need.to_owned()))?;
    let mins = def
        .resolved_by
        .iter()
        .find_map(|r| match r {
            Resolution::Act { role: who, minutes } if who == role.id() => Some(*minutes),
            _ => None,
        })
        .ok_or(Refusal::NotThisRolesWork(role))?;
    knows_required(world, role, need)?;
    let cost = mins.unwrap_or(minutes(world).act);
    afford(world, role, cost)?;
    spend(world, role, cost);
    if respect_decision(world, role, need) {
        world.meet_need(need, Party::Player(role), MetVia::Act);
    }
    Ok(())
}

/// Checks meeting `need` against the person's say in the decision it engages. Returns whether
/// the care takes: not if they said no with capacity (imposing it fails, and is logged); yes if
/// they lack capacity, logged as imposed unless a best-interests decision came first; yes if
/// they agree, or the need engages no decision.
fn respect_decision(world: &mut World, role: Role, need: &str) -> bool {
    let catalog = world.catalog().clone();
    let Some(decision) = catalog.need(need).and_then(|n| n.decision.clone()) else {
        return true;
    };
    let Some(patient) = catalog.need_patient(need).map(str::to_owned) else {
        return true;
    };
    let Some(def) = catalog
        .patient(&patient)
        .and_then(|p| p.decisions.iter().find(|d| d.id == decision))
    else {
        return true;
    };
    if !def.refuses {
        return true;
    }
    let cleared = world
        .patient(&patient)
        .and_then(|p| p.decisions.get(&decision))
        .is_some_and(|d| d.best_interests);
    if cleared {
        return true;
    }
    world.log(LogKind::Imposed {
        role,
        need: need.to_owned(),
        decision,
        had_capacity: def.capacity,
    });
    !def.capacity
}

/// The decision `decision` of `patient`, checked.
fn decision_def(
    world: &World,
    role: Role,
    patient: &str,
    decision: &str,
) -> Result<crate::scenario::DecisionDef, Refusal> {
    known_patient(world, role, patient)?;
    let catalog = world.catalog();
    let p = catalog
        .patient(patient)
        .ok_or_else(|| Refusal::NoSuchDecision(decision.to_owned()))?;
    let def = p
        .decisions
        .iter()
        .find(|d| d.id == decision)
        .ok_or_else(|| Refusal::NoSuchDecision(decision.to_owned()))?;
    // A decision engaged by needs is known to a role once it has seen one of them (as the
    // role's view shows it).
    let engaging: Vec<&str> = p
        .needs
        .iter()
        .filter(|n| n.decision.as_deref() == Some(decision))
        .map(|n| n.id.as_str())
        .collect();
    if !engaging.is_empty()
        && !engaging
            .iter()
            .any(|n| world.need(n).is_some_and(|x| x.seen_by.contains(role)))
    {
        return Err(Refusal::NoSuchDecision(decision.to_owned()));
    }
    Ok(def.clone())
}

/// A capacity assessment for one decision: whoever assesses must know every fact it rests on
/// (usually some from each profession). A fluctuating capacity assessed in the afternoon is
/// inconclusive.
fn assess_capacity(world: &mut World, role: Role, patient: &str, decision: &str) -> Checked {
    let def = decision_def(world, role, patient, decision)?;
    let state = world
        .patient(patient)
        .and_then(|p| p.decisions.get(decision))
        .cloned()
        .unwrap_or_default();
    if state.assessed.is_some() {
        return Err(Refusal::CapacityAlreadyAssessed);
    }
    let missing = def
        .evidence
        .iter()
        .filter(|f| !world.fact(f).is_some_and(|x| x.known_by.contains(role)))
        .count();
    if missing > 0 {
        return Err(Refusal::NotEnoughKnown { missing });
    }
    let cost = MODEL.other.capacity_minutes;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let outcome = if def.fluctuates && world.now().half() == crate::scenario::Half::Pm {
        super::log::CapacityOutcome::Inconclusive
    } else if def.capacity {
        super::log::CapacityOutcome::HasCapacity
    } else {
        super::log::CapacityOutcome::LacksCapacity
    };
    if outcome != super::log::CapacityOutcome::Inconclusive
        && let Some(mut p) = world.patient_mut(patient)
        && let Some(d) = p.decisions.get_mut(decision)
    {
        d.assessed = Some(def.capacity);
    }
    world.log(LogKind::CapacityAssessed {
        role,
        patient: patient.to_owned(),
        decision: decision.to_owned(),
        outcome,
    });
    Ok(())
}

/// A best-interests decision: for someone assessed as lacking capacity for it, with both
/// professions together, the person's wishes asked, and someone close (or an advocate)
/// consulted. With an attorney for health and welfare, the attorney decides with them.
fn best_interests(world: &mut World, role: Role, patient: &str, decision: &str) -> Checked {
    decision_def(world, role, patient, decision)?;
    let state = world
        .patient(patient)
        .and_then(|p| p.decisions.get(decision))
        .cloned()
        .unwrap_or_default();
    if state.best_interests {
        return Err(Refusal::BestInterestsAlreadyMade);
    }
    if state.assessed != Some(false) {
        return Err(Refusal::CapacityNotAssessedLacking);
    }
    if !world.together() {
        return Err(Refusal::BestInterestsNeedsBoth);
    }
    if !world.patient(patient).is_some_and(|p| p.wishes_asked) {
        return Err(Refusal::BestInterestsNeedsWishes);
    }
    if !state.consulted {
        return Err(Refusal::BestInterestsNeedsConsultation);
    }
    let cost = MODEL.other.best_interests_minutes;
    afford(world, role, cost)?;
    spend(world, role, cost);
    if let Some(mut p) = world.patient_mut(patient)
        && let Some(d) = p.decisions.get_mut(decision)
    {
        d.best_interests = true;
    }
    world.log(LogKind::BestInterestsDecided {
        role,
        patient: patient.to_owned(),
        decision: decision.to_owned(),
    });
    Ok(())
}

/// A message about a patient to someone a decision of theirs names (the person close to them,
/// the advocate) consults them on it.
fn note_consultation(world: &mut World, patient: &str, contact: &str) {
    let catalog = world.catalog().clone();
    let Some(p) = catalog.patient(patient) else {
        return;
    };
    let named: Vec<String> = p
        .decisions
        .iter()
        .filter(|d| d.consult.as_deref() == Some(contact) || d.advocate.as_deref() == Some(contact))
        .map(|d| d.id.clone())
        .collect();
    if named.is_empty() {
        return;
    }
    if let Some(mut state) = world.patient_mut(patient) {
        for d in named {
            if let Some(x) = state.decisions.get_mut(&d) {
                x.consulted = true;
            }
        }
    }
}

/// Arranges a package the NHS funds through continuing healthcare.
fn commission_nhs(world: &mut World, role: Role, n: &Need, need: &str, package: &str) -> Checked {
    knows_required(world, role, need)?;
    let catalog = world.catalog().clone();
    let pk = catalog
        .package(package)
        .ok_or_else(|| Refusal::NoSuchPackage(package.to_owned()))?;
    let cost = minutes(world).commission;
    afford(world, role, cost)?;
    spend(world, role, cost);
    if n.owner.is_none() {
        world.set_owner(need, Party::Player(role), OwnedVia::Claimed);
    }
    let now = world.now();
    if respect_decision(world, role, need)
        && let Some(mut x) = world.need_mut(need)
    {
        x.pending = Some((
            now.plus(pk.starts_after.max(1)),
            Party::Player(role),
            MetVia::Package(package.to_owned()),
        ));
    }
    world.log(LogKind::PackageCommissioned {
        role,
        need: need.to_owned(),
        package: package.to_owned(),
        cost: pk.cost,
        nhs_funded: true,
    });
    if let Some(reason) = pk.poor_practice.clone() {
        world.log(LogKind::PoorPractice {
            role,
            need: need.to_owned(),
            reason,
        });
    }
    Ok(())
}

fn commission(world: &mut World, role: Role, need: &str, package: &str) -> Checked {
    let n = open_need(world, role, need)?;
    let catalog = world.catalog().clone();
    let def = catalog
        .need(need)
        .ok_or_else(|| Refusal::NoSuchNeed(need.to_owned()))?;
    let pk = catalog
        .package(package)
        .ok_or_else(|| Refusal::NoSuchPackage(package.to_owned()))?;
    if !def
        .resolved_by
        .contains(&Resolution::Package(package.to_owned()))
    {
        return Err(Refusal::PackageWouldNotMeet {
            package: pk.name.clone(),
        });
    }
    let patient = catalog.need_patient(need).unwrap_or_default().to_owned();
    // Care for a primary health need the NHS has agreed to fund is arranged through continuing
    // healthcare: either profession, no council assessment, budget or charge.
    let nhs_funded = def.continuing_healthcare.is_some()
        && world
            .patient(&patient)
            .is_some_and(|p| p.chc == Chc::Funded);
    if nhs_funded {
        return commission_nhs(world, role, &n, need, package);
    }
    let pooled = world.resource::<Session>().setting.pooled_budget;
    if role == Role::Gp && !pooled {
        return Err(Refusal::OnlySocialCareCommissions);
    }
    knows_required(world, role, need)?;
    let assessed = world.patient(&patient).is_some_and(|p| p.needs_assessed);
    let urgent = matches!(
        super::view::urgency_of(world, def),
        super::view::Urgency::Urgent | super::view::Urgency::Crisis
    );
    if !assessed && !urgent {
        return Err(Refusal::NoNeedsAssessment);
    }
    let left = world.resource::<Budget>().left;
    if i64::from(pk.cost) > left {
        return Err(Refusal::OverBudget {
            package: pk.name.clone(),
            cost: pk.cost,
            left,
        });
    }
    let cost = minutes(world).commission;
    afford(world, role, cost)?;
    spend(world, role, cost);
    world.resource_mut::<Budget>().left -= i64::from(pk.cost);
    let now = world.now();
    if n.owner.is_none() {
        world.set_owner(need, Party::Player(role), OwnedVia::Claimed);
    }
    // The first package the council arranges for someone waits on its financial assessment.
    let finances = world.patient(&patient).is_some_and(|p| p.finances_assessed);
    let wait = if finances {
        0
    } else {
        if let Some(mut p) = world.patient_mut(&patient) {
            p.finances_assessed = true;
        }
        world.log(LogKind::FinancesAssessed {
            patient: patient.clone(),
            slots: MODEL.other.financial_assessment_slots,
        });
        MODEL.other.financial_assessment_slots
    };
    // Care someone with capacity has refused is paid for and turned away at the door.
    if respect_decision(world, role, need)
        && let Some(mut x) = world.need_mut(need)
    {
        x.pending = Some((
            now.plus(pk.starts_after.max(1) + wait),
            Party::Player(role),
            MetVia::Package(package.to_owned()),
        ));
    }
    world.log(LogKind::PackageCommissioned {
        role,
        need: need.to_owned(),
        package: package.to_owned(),
        cost: pk.cost,
        nhs_funded: false,
    });
    let unscreened = world
        .patient(&patient)
        .is_some_and(|p| p.chc == Chc::NotScreened);
    if def.continuing_healthcare.is_some() && unscreened {
        world.log(LogKind::ChcMissed {
            role,
            need: need.to_owned(),
        });
    }
    if let Some(reason) = pk.poor_practice.clone() {
        world.log(LogKind::PoorPractice {
            role,
            need: need.to_owned(),
            reason,
        });
    }
    let left = world.resource::<Budget>().left;
    world.log(LogKind::BudgetChanged {
        delta: -i64::from(pk.cost),
        now: left,
    });
    Ok(())
}

/// A safeguarding need, checked: it exists, the role has noticed it, it is a safeguarding
/// matter and still open.
fn safeguarding_need(world: &World, role: Role, need: &str) -> Result<Need, Refusal> {
    let n = open_need(world, role, need)?;
    let def = world
        .catalog()
        .need(need)
        .ok_or_else(|| Refusal::NoSuchNeed(need.to_owned()))?;
    if !def.resolved_by.contains(&Resolution::Safeguarding) {
        return Err(Refusal::NotSafeguarding);
    }
    Ok(n)
}

/// A concern is raised on reasonable suspicion: noticing the need is enough, nothing has to be
/// proved first. It reaches the local authority (social care) at once.
fn safeguarding(world: &mut World, role: Role, need: &str) -> Checked {
    let n = safeguarding_need(world, role, need)?;
    if n.concern.is_some() {
        return Err(Refusal::ConcernAlreadyRaised);
    }
    let cost = minutes(world).safeguarding;
    afford(world, role, cost)?;
    spend(world, role, cost);
    if let Some(mut x) = world.need_mut(need) {
        x.concern = Some(role);
        x.seen_by.insert(Role::SocialWorker);
    }
    if let Some(p) = world.catalog().need_patient(need).map(str::to_owned) {
        world.add_to_caseload(Role::SocialWorker, &p);
    }
    world.log(LogKind::SafeguardingRaised {
        role,
        need: need.to_owned(),
    });
    Ok(())
}

/// The local authority decides the section 42 duty applies (reasonable cause to suspect abuse
/// or neglect of an adult with care needs who cannot protect themselves, which takes knowing
/// what the need requires) and opens an enquiry, which the social worker leads and owns.
fn open_enquiry(world: &mut World, role: Role, need: &str) -> Checked {
    let n = safeguarding_need(world, role, need)?;
    if role != Role::SocialWorker {
        return Err(Refusal::NotTheLocalAuthority);
    }
    if n.concern.is_none() {
        return Err(Refusal::NoConcernRaised);
    }
    if n.enquiry {
        return Err(Refusal::EnquiryAlreadyOpen);
    }
    knows_required(world, role, need)?;
    let cost = minutes(world).safeguarding;
    afford(world, role, cost)?;
    spend(world, role, cost);
    if let Some(mut x) = world.need_mut(need) {
        x.enquiry = true;
    }
    world.set_owner(need, Party::Player(role), OwnedVia::Claimed);
    world.log(LogKind::EnquiryOpened {
        need: need.to_owned(),
    });
    conclude_enquiries(world);
    Ok(())
}

/// Making Safeguarding Personal: the person is asked what they want to happen.
/// The patient's needs that NHS continuing healthcare would fund, with their route.
fn chc_needs(world: &World, patient: &str) -> Vec<(String, crate::scenario::ChcRoute)> {
    world.catalog().patient(patient).map_or_else(Vec::new, |p| {
        p.needs
            .iter()
            .filter_map(|n| Some((n.id.clone(), n.continuing_healthcare?)))
            .collect()
    })
}

/// Whoever screens or fast-tracks must know what the health needs rest on (usually facts from
/// both professions: the clinical picture and the care the person needs).
fn knows_chc_evidence(world: &World, role: Role, patient: &str) -> Checked {
    for (need, _) in chc_needs(world, patient) {
        knows_required(world, role, &need)?;
    }
    Ok(())
}

/// The continuing healthcare checklist: either profession screens; a positive checklist
/// refers the person for a full multidisciplinary assessment, whose decision comes
/// `chc_decision_slots` later. Its threshold is low on purpose: anyone with a primary health
/// need screens positive.
fn chc_checklist(world: &mut World, role: Role, patient: &str) -> Checked {
    known_patient(world, role, patient)?;
    let state = world.patient(patient).map(|p| p.chc).unwrap_or_default();
    if state != Chc::NotScreened {
        return Err(Refusal::ChcAlreadyScreened);
    }
    knows_chc_evidence(world, role, patient)?;
    let cost = MODEL.other.chc_minutes;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let positive = !chc_needs(world, patient).is_empty();
    let next = if positive {
        Chc::Referred(world.now().plus(MODEL.other.chc_decision_slots))
    } else {
        Chc::Negative
    };
    if let Some(mut p) = world.patient_mut(patient) {
        p.chc = next;
    }
    world.log(LogKind::ChcScreened {
        role,
        patient: patient.to_owned(),
        positive,
    });
    Ok(())
}

/// The fast-track pathway tool: the GP, as a clinician responsible for the person's care,
/// establishes eligibility at once for someone rapidly deteriorating towards the end of life.
fn fast_track(world: &mut World, role: Role, patient: &str) -> Checked {
    known_patient(world, role, patient)?;
    if role != Role::Gp {
        return Err(Refusal::NotAnAppropriateClinician);
    }
    let state = world.patient(patient).map(|p| p.chc).unwrap_or_default();
    if state == Chc::Funded {
        return Err(Refusal::ChcAlreadyScreened);
    }
    let end_of_life = chc_needs(world, patient)
        .iter()
        .any(|(_, r)| *r == crate::scenario::ChcRoute::FastTrack);
    if !end_of_life {
        return Err(Refusal::NotFastTrack);
    }
    knows_chc_evidence(world, role, patient)?;
    let cost = MODEL.other.chc_minutes;
    afford(world, role, cost)?;
    spend(world, role, cost);
    fund_chc(world, patient, true);
    Ok(())
}

fn fund_chc(world: &mut World, patient: &str, fast_track: bool) {
    if let Some(mut p) = world.patient_mut(patient) {
        p.chc = Chc::Funded;
    }
    world.log(LogKind::ChcFunded {
        patient: patient.to_owned(),
        fast_track,
    });
}

/// Full assessments whose decision is due: the NHS funds the person's care from now on.
pub(super) fn decide_chc(world: &mut World) {
    let now = world.now();
    let due: Vec<String> = world
        .resource::<Index>()
        .patients
        .keys()
        .filter(|p| {
            world
                .patient(p)
                .is_some_and(|x| matches!(x.chc, Chc::Referred(at) if at <= now))
        })
        .cloned()
        .collect();
    for p in due {
        fund_chc(world, &p, false);
    }
}

fn ask_wishes(world: &mut World, role: Role, patient: &str) -> Checked {
    known_patient(world, role, patient)?;
    if world.patient(patient).is_some_and(|p| p.wishes_asked) {
        return Err(Refusal::WishesAlreadyAsked);
    }
    let cost = minutes(world).ask_around;
    afford(world, role, cost)?;
    spend(world, role, cost);
    if let Some(mut p) = world.patient_mut(patient) {
        p.wishes_asked = true;
    }
    world.log(LogKind::WishesAsked {
        role,
        patient: patient.to_owned(),
    });
    conclude_enquiries(world);
    Ok(())
}

/// An open enquiry concludes, with a safeguarding plan, the half-day after the person has
/// been asked what they want: an enquiry is made with the person, not about them.
fn conclude_enquiries(world: &mut World) {
    let now = world.now();
    let ready: Vec<String> = world
        .resource::<Index>()
        .needs
        .keys()
        .filter(|id| {
            world.need(id).is_some_and(|n| {
                n.enquiry
                    && n.met.is_none()
                    && n.pending.is_none()
                    && world.patient(&n.patient).is_some_and(|p| p.wishes_asked)
            })
        })
        .cloned()
        .collect();
    for id in ready {
        if let Some(mut n) = world.need_mut(&id) {
            n.pending = Some((
                now.plus(1),
                Party::Player(Role::SocialWorker),
                MetVia::Safeguarding,
            ));
        }
    }
}

fn propose_plan(
    world: &mut World,
    role: Role,
    patient: &str,
    owners: &[(String, String)],
) -> Checked {
    known_patient(world, role, patient)?;
    if owners.is_empty() {
        return Err(Refusal::PlanWithoutOwners);
    }
    let catalog = world.catalog().clone();
    let mut seen = Vec::new();
    for (need, owner) in owners {
        seen_need(world, role, need)?;
        if catalog.need_patient(need) != Some(patient) {
            return Err(Refusal::NeedNotAbout {
                need: need.clone(),
                patient: Some(patient.to_owned()),
            });
        }
        if seen.contains(&need) {
            return Err(Refusal::NeedListedTwice(need.clone()));
        }
        seen.push(need);
        let valid_owner =
            super::ids::Role::from_id(owner).is_some() || catalog.npc(owner).is_some();
        if !valid_owner {
            return Err(Refusal::NotAnOwner(owner.clone()));
        }
    }
    // The same owners in another order are the same plan.
    let as_set =
        |o: &[(String, String)]| o.iter().cloned().collect::<std::collections::BTreeSet<_>>();
    if world
        .resource::<CarePlans>()
        .plans
        .get(patient)
        .is_some_and(|p| p.agreed.is_some() && as_set(&p.owners) == as_set(owners))
    {
        return Err(Refusal::PlanAlreadyAgreed);
    }
    let cost = minutes(world).care_plan;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let shared_record = world.resource::<Session>().setting.shared_record;
    let mut seen_by = RoleSet::only(role);
    if shared_record || world.together() {
        seen_by = RoleSet::BOTH;
    }
    let now = world.now();
    world.resource_mut::<CarePlans>().plans.insert(
        patient.to_owned(),
        CarePlan {
            owners: owners.to_vec(),
            proposed_by: role,
            proposed: now,
            seen_by,
            agreed: None,
        },
    );
    world.log(LogKind::PlanProposed {
        role,
        patient: patient.to_owned(),
        owners: owners.to_vec(),
    });
    Ok(())
}

fn accept_plan(world: &mut World, role: Role, patient: &str) -> Checked {
    known_patient(world, role, patient)?;
    let plan = world
        .resource::<CarePlans>()
        .plans
        .get(patient)
        .cloned()
        .ok_or(Refusal::NoPlanProposed)?;
    if plan.proposed_by == role {
        return Err(Refusal::OwnPlan);
    }
    if plan.agreed.is_some() {
        return Err(Refusal::PlanAlreadyAgreed);
    }
    if !plan.seen_by.contains(role) {
        return Err(Refusal::PlanNotSeen);
    }
    let cost = minutes(world).care_plan;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let now = world.now();
    if let Some(p) = world.resource_mut::<CarePlans>().plans.get_mut(patient) {
        p.agreed = Some(now);
    }
    let mut owners_before = Vec::new();
    for (need, owner) in &plan.owners {
        let open = world.need(need).is_some_and(|n| n.met.is_none());
        if open {
            owners_before.push((need.clone(), world.need(need).and_then(|n| n.owner.clone())));
            world.set_owner(need, Party::from_id(owner), OwnedVia::CarePlan);
        }
    }
    let catalog = world.catalog().clone();
    let covers_all_needs = catalog.patient(patient).is_some_and(|p| {
        p.needs.iter().all(|n| {
            world.need(&n.id).is_none_or(|x| {
                x.seen_by.is_empty()
                    || x.met.is_some()
                    || plan.owners.iter().any(|(id, _)| *id == n.id)
            })
        })
    });
    let at_mdt = world
        .resource::<Meetings>()
        .at(now)
        .is_some_and(|m| m.attended.is_both() && m.agenda.contains_key(patient));
    if at_mdt && let Some(m) = world.resource_mut::<Meetings>().at_mut(now) {
        m.plans_agreed.push(patient.to_owned());
        // What each need's owner was when the meeting first touched it: the meeting changed
        // an owner only if it ends different (not swapped and swapped back).
        for (need, before) in owners_before {
            m.owners_before.entry(need).or_insert(before);
        }
    }
    world.log(LogKind::PlanAgreed {
        patient: patient.to_owned(),
        owners: plan.owners.clone(),
        proposed_by: plan.proposed_by,
        covers_all_needs,
        at_mdt,
    });
    world.trust(MODEL.trust.plan_agreed, "a care plan agreed together");
    Ok(())
}

fn book_mdt(world: &mut World, role: Role, at: Slot, day: u32) -> Checked {
    let clock = *world.resource::<Clock>();
    if day == 0 || at <= clock.slot || at.0 >= clock.slots {
        return Err(Refusal::BookLater);
    }
    if world.resource::<Meetings>().at(at).is_some() {
        return Err(Refusal::MdtAlreadyBooked(at));
    }
    let cost = minutes(world).claim;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let mdt_minutes = match &world.resource::<Session>().setting.mdt {
        crate::scenario::MdtCadence::Regular { minutes, .. } => *minutes,
        crate::scenario::MdtCadence::None => MODEL.other.booked_mdt_minutes,
    };
    world.resource_mut::<Meetings>().mdts.push(Mdt {
        slot: at,
        minutes: mdt_minutes,
        booked_by: Some(role),
        ..Mdt::default()
    });
    world.log(LogKind::MdtBooked { role, slot: at });
    Ok(())
}

fn prepare(world: &mut World, role: Role, patient: &str) -> Checked {
    known_patient(world, role, patient)?;
    let now = world.now();
    let next = world
        .resource_mut::<Meetings>()
        .next_from(now)
        .filter(|m| !m.held)
        .map(|m| (m.slot, m.agenda.contains_key(patient)));
    let Some((slot, already)) = next else {
        return Err(Refusal::NoMdtComing);
    };
    if already {
        return Err(Refusal::AlreadyOnAgenda);
    }
    let cost = minutes(world).prepare;
    afford(world, role, cost)?;
    spend(world, role, cost);
    if let Some(m) = world.resource_mut::<Meetings>().at_mut(slot) {
        m.agenda.insert(patient.to_owned(), role);
    }
    world.log(LogKind::MdtPrepared {
        role,
        patient: patient.to_owned(),
        mdt: slot,
    });
    Ok(())
}

fn attend_mdt(world: &mut World, role: Role) -> Checked {
    let now = world.now();
    let mdt = world
        .resource::<Meetings>()
        .at(now)
        .cloned()
        .ok_or(Refusal::NoMdtNow)?;
    if mdt.attended.contains(role) {
        return Err(Refusal::AlreadyAtMdt);
    }
    let left = world.professional(role).minutes_left;
    if mdt.minutes > left {
        return Err(Refusal::MdtClashes {
            minutes: mdt.minutes,
            left,
        });
    }
    spend(world, role, mdt.minutes);
    let both = {
        let mut m = world.resource_mut::<Meetings>();
        let m = m.at_mut(now).ok_or(Refusal::NoMdtNow)?;
        m.attended.insert(role);
        m.attended.is_both()
    };
    world.log(LogKind::MdtAttended { role });
    if both {
        world.resource_mut::<Together>().met = true;
        // Meeting in person: each leaves with the other's direct number.
        for r in Role::BOTH {
            world.learn_details(r, r.other(), "meeting at the MDT");
        }
        // Prepared patients are discussed properly; the rest are not reached.
        let mut pooled = 0;
        for patient in mdt.agenda.keys() {
            pooled += pool_facts(world, patient, "the MDT");
            share_plans(world, Some(patient));
        }
        if let Some(m) = world.resource_mut::<Meetings>().at_mut(now) {
            m.facts_pooled += pooled;
        }
        world.trust(MODEL.trust.mdt_together, "both professions at the MDT");
    }
    Ok(())
}

fn attend_huddle(world: &mut World, role: Role) -> Checked {
    let a = world.resource::<Arrangements>().clone();
    if !a.huddle {
        return Err(Refusal::NoHuddle);
    }
    if world.now().half() != crate::scenario::Half::Pm {
        return Err(Refusal::HuddleInAfternoon);
    }
    if a.huddle_attended.contains(role) {
        return Err(Refusal::AlreadyAtHuddle);
    }
    let cost = minutes(world).huddle;
    afford(world, role, cost)?;
    spend(world, role, cost);
    let both = {
        let mut a = world.resource_mut::<Arrangements>();
        a.huddle_attended.insert(role);
        a.huddle_attended.is_both()
    };
    if both {
        world.resource_mut::<Together>().met = true;
        world.log(LogKind::HuddleHeld {
            attendees: RoleSet::BOTH,
        });
        // Quick words about everyone both have on their lists.
        let shared: Vec<String> = world
            .catalog()
            .scenario
            .patients
            .iter()
            .filter(|p| world.patient(&p.id).is_some_and(|x| x.caseload.is_both()))
            .map(|p| p.id.clone())
            .collect();
        for p in &shared {
            pool_facts(world, p, "the huddle");
        }
        share_plans(world, None);
        world.trust(MODEL.trust.huddle, "the daily huddle");
    }
    Ok(())
}

/// Refuses free text longer than the model allows.
fn check_text(text: &str) -> Checked {
    let max = MODEL.other.max_text;
    if text.chars().count() > max {
        return Err(Refusal::TextTooLong { max });
    }
    Ok(())
}
