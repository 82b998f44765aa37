//! The collaborative computer player: what good interprofessional practice looks like, played
//! through the same actions a person has.

use std::collections::BTreeSet;

use super::util::*;
use super::{Policy, Tried};
use crate::scenario::{Channel, Half};
use crate::sim::view::{NeedView, PatientView};
use crate::sim::{Act, Answer, Ask, Framing, Party, ReplyTo, Role, RoleView, Slot};

pub struct Collaborative {
    role: Role,
    tried: Tried,
    /// (what, patient) for information-gathering already done: "assess", "home", "around",
    /// "asked".
    done: BTreeSet<(&'static str, String)>,
    /// Joint visits agreed: (slot, patient).
    joint: Vec<(u32, String)>,
    /// Patients a joint visit has been proposed for.
    proposed_joint: BTreeSet<String>,
    huddled: Option<u32>,
}

impl Collaborative {
    pub fn new(role: Role) -> Self {
        Collaborative {
            role,
            tried: Tried::default(),
            done: BTreeSet::new(),
            joint: Vec::new(),
            proposed_joint: BTreeSet::new(),
            huddled: None,
        }
    }

    fn fits(view: &RoleView, minutes: u32) -> bool {
        view.minutes_left >= minutes
    }

    /// Finding out more about a patient, cheapest and most telling first.
    fn gather(&self, view: &RoleView, p: &PatientView, out: &mut Vec<Act>) {
        let c = &view.costs;
        let id = || p.id.clone();
        let assess = ("assess", Act::Assess { patient: id() }, c.assess);
        let home = ("home", Act::HomeVisit { patient: id() }, c.home_visit);
        let around = ("around", Act::AskAround { patient: id() }, c.ask_around);
        // Each profession starts where it works: the GP in the surgery, the social worker at
        // the door; both then ask around and, if still in the dark, go and see for themselves.
        let steps: Vec<(&'static str, Act, u32)> = match self.role {
            Role::Gp => vec![assess, around, home],
            Role::SocialWorker => vec![home, around, assess],
        };
        for (what, act, cost) in steps {
            if !self.done.contains(&(what, p.id.clone())) && Self::fits(view, cost) {
                out.push(act);
            }
        }
        // Ask the other profession what they know.
        if !self.done.contains(&("asked", p.id.clone()))
            && let Some(route) = route_to_other(view)
        {
            for ch in channels_for(view, route, false) {
                out.push(message(
                    route,
                    ch,
                    &p.id,
                    None,
                    Some(Ask::Information),
                    shareable(view, p, route, ch != Channel::Email),
                    Framing::Respectful,
                    "Could you share what you know about this patient? Here is what I have.",
                ));
            }
        }
    }

    /// A referral of `n` to `to`, by each channel that suits, with all the context that may be
    /// shared by it.
    fn refer(
        &self,
        view: &RoleView,
        p: &PatientView,
        n: &NeedView,
        to: &crate::sim::view::ContactView,
        out: &mut Vec<Act>,
    ) {
        let sensitive = has_sensitive(p);
        for ch in channels_for(view, to, false) {
            let secure = ch != Channel::Email;
            if sensitive
                && !secure
                && channels_for(view, to, true)
                    .iter()
                    .any(|c| *c != Channel::Letter)
            {
                // A secure and quick route exists; do not send the less complete email first.
                continue;
            }
            // A colleague in the patient's care gets what we know; a service gets what bears
            // on the need (the minimum necessary).
            let facts = if to.reaches.player().is_some() || to.front_door {
                shareable(view, p, to, secure)
            } else {
                for_need(view, p, n, to, secure)
            };
            out.push(message(
                to,
                ch,
                &p.id,
                Some(&n.id),
                Some(Ask::TakeOn),
                facts,
                Framing::Respectful,
                "Referral with the background and a clear ask; happy to discuss.",
            ));
        }
    }

    fn answers(&mut self, view: &RoleView, out: &mut Vec<Act>) {
        for m in unanswered_requests(view) {
            let patient = m.patient.as_deref().and_then(|p| view.patient(p));
            let answer = match &m.ask {
                Some(Ask::TakeOn) => {
                    let need = patient
                        .and_then(|p| p.needs.iter().find(|n| Some(&n.id) == m.need.as_ref()));
                    let mine = need.is_none_or(|n| {
                        n.can_act
                            || n.safeguarding
                            || (!n.packages.is_empty() && view.budget.is_some())
                            || !n.services.is_empty()
                    });
                    if need.is_some_and(|n| n.met) {
                        Answer::Done
                    } else if need.is_some_and(|n| n.in_progress) {
                        Answer::Acknowledge
                    } else if mine {
                        Answer::Accept
                    } else if need.is_some_and(|n| n.other_can_act) {
                        // Only the asker's own profession can do this: say so, with everything
                        // we know that helps, rather than take on what we cannot deliver.
                        Answer::Information
                    } else {
                        // Work for both of us (a visit together, say): take it on and coordinate.
                        Answer::Accept
                    }
                }
                Some(Ask::JointVisit { day, half }) => {
                    let at = Slot::at(*day, *half);
                    if at > view.slot {
                        if let Some(p) = &m.patient
                            && !self.joint.contains(&(at.0, p.clone()))
                        {
                            self.joint.push((at.0, p.clone()));
                        }
                        Answer::Accept
                    } else {
                        Answer::Decline { redirect: None }
                    }
                }
                Some(Ask::Liaison | Ask::Huddle) => Answer::Accept,
                // "Who does this?": point to the service, if we know it.
                Some(Ask::Information) => match patient
                    .and_then(|p| p.needs.iter().find(|n| Some(&n.id) == m.need.as_ref()))
                    .and_then(|n| {
                        n.services
                            .iter()
                            .find_map(|s| contact_for(view, &Party::Other(s.clone())))
                    }) {
                    Some(c) => Answer::Decline {
                        redirect: Some(c.id.clone()),
                    },
                    None => Answer::Information,
                },
                Some(Ask::Assess) => Answer::Acknowledge,
                None => continue,
            };
            let facts_for = |secure: bool| {
                patient
                    .map(|p| shareable_to_colleague(view, p, secure))
                    .unwrap_or_default()
            };
            let mut channels = vec![Channel::Phone];
            if view.shared_record {
                channels.push(Channel::SharedRecord);
            }
            channels.push(Channel::Letter);
            channels.push(Channel::Email);
            let sensitive = patient.is_some_and(has_sensitive);
            for ch in channels {
                // Letters are slow: only worth it for sensitive context.
                if ch == Channel::Letter && !(sensitive && answer == Answer::Information) {
                    continue;
                }
                let secure = ch != Channel::Email;
                out.push(Act::Reply(ReplyTo {
                    message: m.id,
                    answer: answer.clone(),
                    channel: ch,
                    facts: facts_for(secure),
                    framing: Framing::Respectful,
                    text: "Thanks for getting in touch.".into(),
                }));
            }
        }
    }

    fn close_loops(&self, view: &RoleView, out: &mut Vec<Act>) {
        for m in &view.inbox {
            if m.from != Party::Player(self.role.other())
                || m.ask != Some(Ask::TakeOn)
                || m.loop_closed
            {
                continue;
            }
            let met = m
                .need
                .as_ref()
                .and_then(|n| {
                    m.patient
                        .as_deref()
                        .and_then(|p| view.patient(p))
                        .and_then(|p| p.needs.iter().find(|x| &x.id == n))
                })
                .is_some_and(|n| n.met);
            if met {
                for ch in [Channel::Phone, Channel::SharedRecord, Channel::Email] {
                    if ch == Channel::SharedRecord && !view.shared_record {
                        continue;
                    }
                    out.push(Act::Reply(ReplyTo {
                        message: m.id,
                        answer: Answer::Done,
                        channel: ch,
                        facts: Vec::new(),
                        framing: Framing::Respectful,
                        text: "Done: this is now in place.".into(),
                    }));
                }
            }
        }
    }

    /// Care plans: the GP proposes when both are in the room; the social worker agrees.
    fn plans(&self, view: &RoleView, out: &mut Vec<Act>) {
        for p in &view.patients {
            if let Some(plan) = &p.plan
                && plan.proposed_by != self.role
                && !plan.agreed
            {
                out.push(Act::AcceptCarePlan {
                    patient: p.id.clone(),
                });
            }
            // The GP drafts plans where both can see them: in the room with the colleague, or in
            // a shared record.
            let can_share = view.together || view.shared_record;
            if self.role != Role::Gp || !can_share || p.needs.iter().all(|n| n.met) {
                continue;
            }
            let owners: Vec<(String, String)> = p
                .needs
                .iter()
                .filter(|n| !n.met)
                .map(|n| {
                    let owner = match &n.owner {
                        // The local authority leads a safeguarding enquiry.
                        _ if n.safeguarding => Role::SocialWorker.id().to_owned(),
                        Some(o) => o.id().to_owned(),
                        None if n.can_act || !n.services.is_empty() => Role::Gp.id().to_owned(),
                        None => Role::SocialWorker.id().to_owned(),
                    };
                    (n.id.clone(), owner)
                })
                .collect();
            // A plan is worth agreeing again only when it covers a need the last one did not.
            let covered = p.plan.as_ref().is_some_and(|pl| {
                !pl.agreed
                    || owners
                        .iter()
                        .all(|(n, _)| pl.owners.iter().any(|(m, _)| m == n))
            });
            if !owners.is_empty() && !covered {
                out.push(Act::ProposeCarePlan {
                    patient: p.id.clone(),
                    owners,
                });
            }
        }
    }

    fn needs(&mut self, view: &RoleView, out: &mut Vec<Act>) {
        let mut patients: Vec<&PatientView> = view.patients.iter().collect();
        patients.sort_by_key(|p| std::cmp::Reverse(open_needs(p).first().map(|n| n.urgency)));
        for p in patients {
            out.extend(chc_steps(view, p));
            for n in open_needs(p) {
                // Safeguarding has a part for each profession whoever owns it.
                let theirs = matches!(&n.owner, Some(Party::Player(r)) if *r != self.role);
                if theirs && !n.safeguarding {
                    continue;
                }
                let unowned = n.owner.is_none();
                let (steps, must_wait) = capacity_steps(view, p, n);
                if must_wait {
                    out.extend(steps);
                    if !n.informed {
                        self.gather(view, p, out);
                    }
                    continue;
                }
                if n.can_act {
                    if n.informed {
                        if unowned {
                            out.push(Act::ClaimNeed { need: n.id.clone() });
                        }
                        out.push(Act::ActOnNeed { need: n.id.clone() });
                    } else {
                        self.gather(view, p, out);
                    }
                }
                if !n.packages.is_empty() && (view.budget.is_some() || nhs_funds(p, n)) {
                    if n.informed {
                        out.extend(commission_steps(view, p, n));
                    } else {
                        self.gather(view, p, out);
                    }
                }
                if n.safeguarding {
                    out.extend(safeguarding_steps(view, p, n));
                    if self.role == Role::SocialWorker && n.concern_raised && !n.informed {
                        self.gather(view, p, out);
                    }
                }
                let mut service_known = false;
                for svc in &n.services {
                    let party = Party::Other(svc.clone());
                    if let Some(c) = contact_for(view, &party) {
                        service_known = true;
                        if needs_checking(c) {
                            out.push(Act::LookUp {
                                contact: c.id.clone(),
                            });
                        } else if !already_sent(view, &c.reaches, Some(&n.id), Some(&Ask::TakeOn)) {
                            if n.informed {
                                self.refer(view, p, n, c, out);
                            } else {
                                self.gather(view, p, out);
                            }
                        }
                    }
                }
                if !n.services.is_empty() && !service_known {
                    out.push(Act::AskAround {
                        patient: p.id.clone(),
                    });
                    // The other profession may know who provides it: ask them.
                    if !asked_anyone(view, &n.id, &Ask::Information)
                        && let Some(route) = route_to_other(view)
                    {
                        for ch in channels_for(view, route, false) {
                            out.push(message(
                                route,
                                ch,
                                &p.id,
                                Some(&n.id),
                                Some(Ask::Information),
                                Vec::new(),
                                Framing::Respectful,
                                "Do you know who provides this here?",
                            ));
                        }
                    }
                }
                // The other profession's work: refer it to them with everything we know.
                let other_must =
                    n.other_can_act || (!n.packages.is_empty() && view.budget.is_none());
                if other_must
                    && unowned
                    && !asked_anyone(view, &n.id, &Ask::TakeOn)
                    && let Some(route) = route_to_other(view)
                {
                    self.refer(view, p, n, route, out);
                }
            }
        }
    }

    fn joint_visits(&mut self, view: &RoleView, out: &mut Vec<Act>) {
        // Agreed for now: go.
        for (slot, p) in &self.joint {
            if *slot == view.slot.0 && Self::fits(view, view.costs.joint_visit) {
                out.push(Act::JointVisit { patient: p.clone() });
            }
        }
        if self.role != Role::Gp {
            return;
        }
        // The GP proposes one at a time, by a channel that arrives in time.
        let pending = view.outbox.iter().any(|m| {
            matches!(m.ask, Some(Ask::JointVisit { day, half }) if Slot::at(day, half) >= view.slot)
        });
        if pending {
            return;
        }
        let Some(route) = contact_for(view, &Party::Player(self.role.other())) else {
            return;
        };
        let target = match view.slot.half() {
            Half::Am => view.slot.plus(1),
            Half::Pm => view.slot.plus(2),
        };
        if target.0 >= view.slots {
            return;
        }
        let mut patients: Vec<&PatientView> = view
            .patients
            .iter()
            .filter(|p| !open_needs(p).is_empty() && !self.proposed_joint.contains(&p.id))
            .collect();
        // See together first the patient with the most going on: that is where one pair of
        // eyes misses most.
        patients.sort_by_key(|p| {
            let open = open_needs(p);
            std::cmp::Reverse((open.len(), open.first().map(|n| n.urgency)))
        });
        if let Some(p) = patients.first() {
            for ch in [Channel::Phone, Channel::SharedRecord] {
                if ch == Channel::SharedRecord && !view.shared_record {
                    continue;
                }
                if !route.channels.contains(&ch) {
                    continue;
                }
                out.push(message(
                    route,
                    ch,
                    &p.id,
                    None,
                    Some(Ask::JointVisit {
                        day: target.day(),
                        half: target.half(),
                    }),
                    shareable(view, p, route, true),
                    Framing::Respectful,
                    "Shall we see them together?",
                ));
            }
        }
    }

    /// Goes to a joint visit the GP proposed once the social worker has said yes.
    fn note_accepted_visits(&mut self, view: &RoleView) {
        for m in &view.outbox {
            let Some(Ask::JointVisit { day, half }) = m.ask else {
                continue;
            };
            let accepted = view
                .inbox
                .iter()
                .any(|r| r.reply_to == Some(m.id) && r.answer == Some(Answer::Accept));
            if let Some(p) = &m.patient {
                self.proposed_joint.insert(p.clone());
                let at = Slot::at(day, half).0;
                if accepted && !self.joint.contains(&(at, p.clone())) {
                    self.joint.push((at, p.clone()));
                }
            }
        }
    }

    fn meetings(&self, view: &RoleView, out: &mut Vec<Act>) {
        if let Some(m) = view.mdt_now()
            && !m.attending.contains(&self.role)
        {
            out.push(Act::AttendMdt);
        }
        // Prepare patients for an MDT coming up soon.
        if let Some(m) = view
            .mdts
            .iter()
            .filter(|m| !m.held && m.slot >= view.slot && m.slot.0 <= view.slot.0 + 2)
            .min_by_key(|m| m.slot)
        {
            // Patients with open needs first; then the rest, for review.
            let mut patients: Vec<&PatientView> = view.patients.iter().collect();
            patients.sort_by_key(|p| open_needs(p).is_empty());
            for p in patients {
                if !m.agenda.contains(&p.id) {
                    out.push(Act::PrepareForMdt {
                        patient: p.id.clone(),
                    });
                }
            }
        }
        // No afternoon MDT ahead: the GP books one when both are usually free.
        let afternoon_ahead = view
            .mdts
            .iter()
            .any(|m| !m.held && m.slot > view.slot && m.slot.half() == Half::Pm);
        // A meeting the colleague never comes to is not worth booking again.
        let stood_up = view.mdts.iter().any(|m| {
            m.held && m.attending.contains(&self.role) && !m.attending.contains(&self.role.other())
        });
        if self.role == Role::Gp && !afternoon_ahead && !stood_up {
            let mut at = view.slot.plus(2);
            if at.half() == Half::Am {
                at = at.plus(1);
            }
            if at.0 < view.slots {
                out.push(Act::BookMdt {
                    day: at.day(),
                    half: at.half(),
                });
            }
        }
    }

    fn arrangements(&self, view: &RoleView, out: &mut Vec<Act>) {
        if self.role != Role::Gp {
            return;
        }
        let Some(route) = contact_for(view, &Party::Player(self.role.other())) else {
            return;
        };
        for (have, ask) in [(view.liaison, Ask::Liaison), (view.huddle, Ask::Huddle)] {
            if have || already_sent(view, &route.reaches, None, Some(&ask)) {
                continue;
            }
            for ch in channels_for(view, route, false) {
                out.push(Act::Send(crate::sim::Outgoing {
                    ask: Some(ask.clone()),
                    framing: Framing::Respectful,
                    text: "Could we set up a regular way of working together?".into(),
                    ..crate::sim::Outgoing::to(route.id.clone(), ch)
                }));
            }
        }
    }
}

impl Policy for Collaborative {
    fn choose(&mut self, view: &RoleView) -> Act {
        self.tried.at(view.slot.0);
        if view.finished || view.ended_turn {
            return Act::EndTurn;
        }
        self.note_accepted_visits(view);
        let mut out = Vec::new();
        self.meetings_first(view, &mut out);
        // Together in the room is when a best-interests decision can be made: do it then.
        if view.together {
            for p in &view.patients {
                for d in &p.decisions {
                    if d.refuses
                        && d.assessed == Some(false)
                        && !d.best_interests
                        && d.consulted
                        && p.wishes_asked
                    {
                        out.push(Act::BestInterests {
                            patient: p.id.clone(),
                            decision: d.id.clone(),
                        });
                    }
                }
            }
        }
        self.plans(view, &mut out);
        self.answers(view, &mut out);
        self.close_loops(view, &mut out);
        // Before sharing anything sensitive, ask the patient; a refusal is respected (the
        // facts then stay unshared unless there is a safeguarding concern).
        for p in &view.patients {
            if should_ask_consent(view, p) {
                out.push(Act::AskConsent {
                    patient: p.id.clone(),
                });
            }
        }
        if view.huddle_now
            && self.huddled != Some(view.slot.0)
            && Self::fits(view, view.costs.huddle)
        {
            out.push(Act::AttendHuddle);
        }
        self.needs(view, &mut out);
        self.first_look(view, &mut out);
        self.joint_visits(view, &mut out);
        self.arrangements(view, &mut out);
        self.meetings(view, &mut out);
        // Checking on handoffs comes last: meetings, visits and plans follow them up anyway.
        self.follow_up(view, &mut out);
        let act = self.tried.first_new(view, out);
        match &act {
            Act::AttendHuddle => self.huddled = Some(view.slot.0),
            Act::AskAround { patient } => {
                self.done.insert(("around", patient.clone()));
            }
            Act::Assess { patient } => {
                self.done.insert(("assess", patient.clone()));
            }
            Act::HomeVisit { patient } => {
                self.done.insert(("home", patient.clone()));
            }
            Act::Send(o) if o.ask == Some(Ask::Information) => {
                if let Some(p) = &o.patient {
                    self.done.insert(("asked", p.clone()));
                }
            }
            _ => {}
        }
        act
    }
}

impl Collaborative {
    /// Checks on what it handed the other profession: a need still open two half-days after
    /// the referral, with no outcome reported and no word from us since, gets a message asking
    /// how it is going.
    fn follow_up(&self, view: &RoleView, out: &mut Vec<Act>) {
        let other = Party::Player(self.role.other());
        for m in &view.outbox {
            if m.ask != Some(Ask::TakeOn) || view.slot.0 < m.sent.0 + 2 {
                continue;
            }
            let over_the_wall = m.to == other
                || view
                    .directory
                    .iter()
                    .any(|c| c.front_door && c.reaches == m.to && c.sector == other_sector(view));
            let (Some(patient), Some(need)) = (m.patient.as_deref(), m.need.as_deref()) else {
                continue;
            };
            let open = view
                .patient(patient)
                .and_then(|p| p.needs.iter().find(|n| n.id == need))
                .is_some_and(|n| !n.met);
            let heard_since = view.inbox.iter().any(|r| {
                r.from == other && r.need.as_deref() == Some(need) && r.answer == Some(Answer::Done)
            });
            let asked_since = view.outbox.iter().any(|r| {
                r.id != m.id
                    && r.to == other
                    && r.patient.as_deref() == Some(patient)
                    && r.sent > m.sent
            });
            if !over_the_wall || !open || heard_since || asked_since {
                continue;
            }
            let Some(route) = route_to_other(view) else {
                continue;
            };
            for ch in channels_for(view, route, false) {
                out.push(message(
                    route,
                    ch,
                    patient,
                    Some(need),
                    Some(Ask::Information),
                    Vec::new(),
                    Framing::Respectful,
                    "Checking in on the referral I sent: how is it going, and is there anything you need from me?",
                ));
            }
        }
    }

    /// Sees every patient on the caseload at least once, even before any need shows.
    fn first_look(&self, view: &RoleView, out: &mut Vec<Act>) {
        let first = match self.role {
            Role::Gp => "assess",
            Role::SocialWorker => "home",
        };
        for p in &view.patients {
            if !self.done.contains(&(first, p.id.clone())) {
                let mut steps = Vec::new();
                self.gather(view, p, &mut steps);
                out.extend(steps.into_iter().take(1));
            }
        }
        // A patient with nothing showing yet may still have something to find: ask the people
        // around them (a relative, a ward, a neighbour) once the first look is done.
        for p in &view.patients {
            if open_needs(p).is_empty()
                && self.done.contains(&(first, p.id.clone()))
                && !self.done.contains(&("around", p.id.clone()))
            {
                out.push(Act::AskAround {
                    patient: p.id.clone(),
                });
            }
        }
    }

    /// An MDT or an agreed joint visit happening now comes before anything else.
    fn meetings_first(&self, view: &RoleView, out: &mut Vec<Act>) {
        if let Some(m) = view.mdt_now()
            && !m.attending.contains(&self.role)
        {
            out.push(Act::AttendMdt);
        }
        for (slot, p) in &self.joint {
            if *slot == view.slot.0 {
                out.push(Act::JointVisit { patient: p.clone() });
            }
        }
    }
}
