//! The play screen: the half-day and diary, the patient record, and the messages (inbox,
//! outbox with each message's progress, the composer, the directory). Every button carries the
//! [`Act`] it will send, built from the role's own [`RoleView`].

use bevy::prelude::*;

use super::compose::{AnswerChoice, AskChoice, Assessment, Draft, DraftKind, Edit};
use super::strings as s;
use super::widgets::{BAD, GOOD, INK, Ui};
use super::{Game, UiCommand};
use crate::scenario::Channel;
use crate::sim::view::{ChcView, ConsentView, MailView, NeedView, PatientView, Urgency};
use crate::sim::{Act, Answer, Ask, Framing, Role, RoleView, SessionPhase};

pub fn play(ui: &mut Ui, world: &World) {
    if *world.resource::<State<SessionPhase>>().get() != SessionPhase::Playing {
        ui.t(s::WAITING_FOR_PARTNER);
        return;
    }
    let game = world.resource::<Game>();
    let v = RoleView::of(world, game.active);
    play_view(ui, &v, game);
}

/// The play screen for a role's view, wherever it came from: this window's simulation, or a
/// host's over the network.
pub fn play_view(ui: &mut Ui, v: &RoleView, game: &Game) {
    today(ui, v, game);

    ui.new_col();
    if game.draft.is_none() {
        ui.wide();
    }
    let selected = game
        .selected
        .as_deref()
        .and_then(|id| v.patient(id))
        .or(v.patients.first());
    if let Some(p) = selected {
        patient(ui, v, game, p);
    }

    ui.new_col();
    match &game.draft {
        Some(d) => {
            // While writing, the message gets the room.
            ui.wide();
            composer(ui, v, d)
        }
        None => {
            inbox(ui, v);
            outbox(ui, v);
            directory(ui, v);
        }
    }
}

/// Column one: the half-day, what can be done now, the caseload and the diary.
fn today(ui: &mut Ui, v: &RoleView, game: &Game) {
    let me = v.role;
    ui.h(format!("{} | {}", s::when(v.slot), me.label()), 22.0);
    ui.t(format!(
        "{} {} | {} {} {}",
        v.minutes_left,
        s::MINUTES_LEFT,
        s::HALF_DAY,
        v.slot.0 + 1,
        s::of(v.slots)
    ));
    ui.muted(format!("{}: {}", s::RELATIONSHIP, v.relationship.label()));
    let mut ways = Vec::new();
    if v.shared_record {
        ways.push(s::HAS_SHARED_RECORD);
    }
    if v.pooled_budget {
        ways.push(s::HAS_POOLED_BUDGET);
    }
    if v.liaison {
        ways.push(s::HAS_LINK_WORKER);
    }
    if v.huddle {
        ways.push(s::HAS_HUDDLE);
    }
    if !ways.is_empty() {
        ui.muted(ways.join("; "));
    }
    if let Some(b) = v.budget {
        ui.muted(format!("{}: £{b}", s::BUDGET_LEFT));
    }
    if let Some(r) = &game.refusal {
        ui.coloured(format!("{}: {r}", s::REFUSED), BAD);
    } else if let Some(f) = &game.feedback {
        ui.coloured(f.clone(), GOOD);
    }
    if v.ended_turn {
        ui.t(s::WAITING_FOR_PARTNER);
    } else {
        ui.bk(s::END_TURN, UiCommand::Do(Act::EndTurn), KeyCode::KeyE, 'E');
    }
    if v.mdt_now().is_some_and(|m| !m.attending.contains(&me)) {
        ui.bk(
            &s::costs(s::ATTEND_MDT, v.mdt_now().map_or(0, |m| m.minutes)),
            UiCommand::Do(Act::AttendMdt),
            KeyCode::KeyM,
            'M',
        );
    }
    if v.huddle_now {
        ui.bk(
            &s::costs(s::ATTEND_HUDDLE, v.costs.huddle),
            UiCommand::Do(Act::AttendHuddle),
            KeyCode::KeyH,
            'H',
        );
    }
    ui.h(s::CASELOAD, 20.0);
    for p in &v.patients {
        let worst = p.needs.iter().filter(|n| !n.met).map(|n| n.urgency).max();
        ui.b(
            format!(
                "{} ({})",
                p.name,
                worst.map_or(s::NO_OPEN_NEEDS, s::urgency)
            ),
            UiCommand::Select(p.id.clone()),
        );
    }
    ui.bk(
        s::NEW_MESSAGE,
        UiCommand::Compose(None, None),
        KeyCode::KeyN,
        'N',
    );
    diary(ui, v);
    ui.h(s::NOTICES, 20.0);
    if v.notices.is_empty() {
        ui.muted(s::NOTHING_YET);
    }
    for (slot, n) in v.notices.iter().rev().take(5) {
        // This half-day's news stands out, in words as well as in weight of colour.
        if *slot == v.slot {
            ui.t(format!("{} {}: {n}", s::NEW, s::when(*slot)));
        } else {
            ui.muted(format!("{}: {n}", s::when(*slot)));
        }
    }
}

/// The diary: fixed commitments, MDTs and agreed joint visits from now on.
fn diary(ui: &mut Ui, v: &RoleView) {
    ui.h(s::DIARY, 20.0);
    let mut lines: Vec<(u32, String)> = Vec::new();
    for (slot, what) in v.diary.iter().take(6) {
        lines.push((slot.0, format!("{}: {what}", s::when(*slot))));
    }
    for m in v.mdts.iter().filter(|m| !m.held && m.slot >= v.slot) {
        let going = if m.attending.contains(&v.role) {
            format!(" ({})", s::YOU_ARE_THERE)
        } else {
            String::new()
        };
        lines.push((
            m.slot.0,
            format!(
                "{}: {} ({} {}){going}",
                s::when(m.slot),
                s::MDT,
                m.agenda.len(),
                s::ON_AGENDA
            ),
        ));
    }
    for (slot, patient) in agreed_joint_visits(v) {
        if slot >= v.slot.0 {
            let name = v.patient(&patient).map_or(patient.as_str(), |p| &p.name);
            lines.push((
                slot,
                format!(
                    "{}: {} {name}",
                    s::when(crate::sim::Slot(slot)),
                    s::JOINT_VISIT_WITH
                ),
            ));
        }
    }
    lines.sort_by_key(|(slot, _)| *slot);
    if lines.is_empty() {
        ui.muted(s::DIARY_EMPTY);
    }
    for (slot, line) in lines {
        if slot == v.slot.0 {
            ui.t(format!("{} {line}", s::NOW));
        } else {
            ui.muted(line);
        }
    }
}

/// Joint visits both sides have agreed to: an ask to meet, answered yes, from either side.
pub fn agreed_joint_visits(v: &RoleView) -> Vec<(u32, String)> {
    let accepted = |asked: &MailView, answers: &[MailView]| {
        answers
            .iter()
            .any(|r| r.reply_to == Some(asked.id) && r.answer == Some(Answer::Accept))
    };
    let mut out = Vec::new();
    for (asked, answers) in [(&v.outbox, &v.inbox), (&v.inbox, &v.outbox)] {
        for m in asked.iter() {
            if let (Some(Ask::JointVisit { day, half }), Some(p)) = (&m.ask, &m.patient)
                && accepted(m, answers)
            {
                out.push((crate::sim::Slot::at(*day, *half).0, p.clone()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What a message asks, in words (a joint visit says when).
fn ask_text(a: &Ask) -> String {
    match a {
        Ask::JointVisit { day, half } => format!(
            "{} ({})",
            s::ask_choice(AskChoice::JointVisit),
            s::when(crate::sim::Slot::at(*day, *half))
        ),
        other => other.label(),
    }
}

fn owner_label(id: &str, v: &RoleView) -> String {
    match Role::from_id(id) {
        Some(r) if r == v.role => format!("{} ({})", r.label(), s::YOU),
        Some(r) => r.label().to_owned(),
        None => id.replace('_', " "),
    }
}

/// Column two: one patient's record and what can be done for them. Every action is offered
/// to either profession: who may do what is learned by trying (a refusal says why).
fn patient(ui: &mut Ui, v: &RoleView, game: &Game, p: &PatientView) {
    ui.h(format!("{}, {}", p.name, p.age), 26.0);
    ui.muted(p.summary.clone());
    ui.muted(format!("{}: {}", s::CONSENT, consent_words(p.consent)));
    if p.consent_unsure {
        ui.muted(s::CONSENT_UNSURE);
    }
    if !p.not_shared_with.is_empty() {
        let who: Vec<&str> = p.not_shared_with.iter().map(|x| x.label()).collect();
        ui.muted(format!("{} {}", s::NOT_SHARED_WITH, who.join(", ")));
    }
    ui.muted(format!(
        "{}: {}",
        s::CHC,
        match p.chc {
            ChcView::NotScreened => s::CHC_NOT_SCREENED,
            ChcView::Negative => s::CHC_NEGATIVE,
            ChcView::Awaiting => s::CHC_AWAITING,
            ChcView::Funded => s::CHC_FUNDED,
        }
    ));
    let id = p.id.clone();
    let c = &v.costs;
    ui.start_row();
    let patient = || id.clone();
    let actions = [
        (s::ASSESS, c.assess, Act::Assess { patient: patient() }),
        (
            s::HOME_VISIT,
            c.home_visit,
            Act::HomeVisit { patient: patient() },
        ),
        (
            s::JOINT_VISIT,
            c.joint_visit,
            Act::JointVisit { patient: patient() },
        ),
        (
            s::ASK_AROUND,
            c.ask_around,
            Act::AskAround { patient: patient() },
        ),
        (
            s::ASK_CONSENT,
            c.ask_consent,
            Act::AskConsent { patient: patient() },
        ),
        (
            s::ASK_WISHES,
            c.ask_around,
            Act::AskWishes { patient: patient() },
        ),
        (
            s::PREPARE_MDT,
            c.prepare,
            Act::PrepareForMdt { patient: patient() },
        ),
        (
            s::CHC_CHECKLIST,
            crate::sim::MODEL.other.chc_minutes,
            Act::ChcChecklist { patient: patient() },
        ),
        (
            s::FAST_TRACK,
            crate::sim::MODEL.other.chc_minutes,
            Act::FastTrack { patient: patient() },
        ),
    ];
    for (label, minutes, act) in actions {
        ui.b(s::costs(label, minutes), UiCommand::Do(act));
    }
    if v.shared_record {
        ui.plain(
            s::costs(s::RECORD_NOTE, c.record_note),
            UiCommand::Note(id.clone()),
        );
    }
    ui.plain(s::WRITE_ABOUT, UiCommand::Compose(Some(id.clone()), None));
    ui.end_row();

    ui.h(s::WHAT_YOU_KNOW, 20.0);
    if p.facts.is_empty() {
        ui.muted(s::NOTHING_KNOWN);
    }
    for f in &p.facts {
        ui.t(format!(
            "- {}{}",
            f.text,
            if f.sensitive { s::SENSITIVE } else { "" }
        ));
    }

    ui.h(s::NEEDS, 20.0);
    if p.needs.is_empty() {
        ui.muted(s::NO_NEEDS_SEEN);
    }
    for n in &p.needs {
        need(ui, v, game, p, n);
    }
    decisions(ui, p);
    care_plan(ui, v, game, p);
}

/// The decisions the person faces (Mental Capacity Act 2005): what they say, what is known
/// of their capacity, and the two steps either profession may try. Whether to assess, and
/// whether a best-interests decision is right, is the player's judgement: a refusal says why.
fn decisions(ui: &mut Ui, p: &PatientView) {
    if p.decisions.is_empty() {
        return;
    }
    ui.h(s::DECISIONS, 20.0);
    let model = &crate::sim::MODEL.other;
    for d in &p.decisions {
        let mut status = vec![match d.assessed {
            None => s::PRESUMED_ABLE,
            Some(true) => s::HAS_CAPACITY,
            Some(false) => s::LACKS_CAPACITY,
        }];
        if d.refuses {
            status.insert(0, s::SAYS_NO);
        }
        if d.consulted {
            status.push(s::CONSULTED);
        }
        if d.best_interests {
            status.push(s::BEST_INTERESTS_MADE);
        }
        ui.t(format!("{} [{}]", capitalised(&d.text), status.join("; ")));
        if d.best_interests {
            continue;
        }
        ui.start_row();
        ui.plain(
            s::costs(s::ASSESS_CAPACITY, model.capacity_minutes),
            UiCommand::Do(Act::AssessCapacity {
                patient: p.id.clone(),
                decision: d.id.clone(),
            }),
        );
        ui.plain(
            s::costs(s::BEST_INTERESTS, model.best_interests_minutes),
            UiCommand::Do(Act::BestInterests {
                patient: p.id.clone(),
                decision: d.id.clone(),
            }),
        );
        ui.end_row();
    }
}

fn consent_words(c: ConsentView) -> &'static str {
    match c {
        ConsentView::Given => s::CONSENT_GIVEN,
        ConsentView::Refused => s::CONSENT_REFUSED,
        ConsentView::Unknown => s::CONSENT_UNKNOWN,
    }
}

/// One need, and the same things either profession may try for it.
fn need(ui: &mut Ui, v: &RoleView, game: &Game, p: &PatientView, n: &NeedView) {
    let state = if n.met {
        s::MET
    } else if n.in_progress {
        s::IN_HAND
    } else {
        s::urgency(n.urgency)
    };
    let colour = match n.urgency {
        _ if n.met => GOOD,
        Urgency::Urgent | Urgency::Crisis => BAD,
        _ => INK,
    };
    let safeguarding = if n.enquiry_open {
        format!(" [{}]", s::ENQUIRY_OPEN)
    } else if n.concern_raised {
        format!(" [{}]", s::CONCERN_RAISED)
    } else {
        String::new()
    };
    ui.coloured(
        format!(
            "{} [{state}]{safeguarding} {}: {}",
            n.text,
            s::OWNER,
            n.owner_name.as_deref().unwrap_or(s::NOBODY)
        ),
        colour,
    );
    if n.met || n.in_progress {
        return;
    }
    let need = || n.id.clone();
    ui.start_row();
    if n.owner.is_none() {
        ui.plain(
            s::costs(s::CLAIM, v.costs.claim),
            UiCommand::Do(Act::ClaimNeed { need: need() }),
        );
    }
    ui.plain(s::ACT, UiCommand::Do(Act::ActOnNeed { need: need() }));
    ui.plain(s::COMMISSION, UiCommand::ChoosePackage(Some(need())));
    ui.plain(
        s::costs(s::SAFEGUARD, v.costs.safeguarding),
        UiCommand::Do(Act::EscalateSafeguarding { need: need() }),
    );
    ui.plain(
        s::costs(s::OPEN_ENQUIRY, v.costs.safeguarding),
        UiCommand::Do(Act::OpenEnquiry { need: need() }),
    );
    ui.plain(
        s::REFER,
        UiCommand::Compose(Some(p.id.clone()), Some(need())),
    );
    ui.end_row();
    // Which care package: every one the borough has, at its price; the player judges which
    // would meet the need.
    if game.package_for.as_deref() == Some(n.id.as_str()) {
        ui.muted(s::WHICH_PACKAGE);
        ui.start_row();
        for k in &v.packages {
            ui.plain(
                format!("{} (£{})", k.name, k.cost),
                UiCommand::Do(Act::Commission {
                    need: need(),
                    package: k.id.clone(),
                }),
            );
        }
        ui.plain(s::CANCEL, UiCommand::ChoosePackage(None));
        ui.end_row();
    }
}

/// The care plan: who owns each need, proposed by one side and agreed by the other. The
/// players choose every owner.
fn care_plan(ui: &mut Ui, v: &RoleView, game: &Game, p: &PatientView) {
    ui.h(s::CARE_PLAN, 20.0);
    match &p.plan {
        Some(plan) => {
            let status = if plan.agreed {
                s::PLAN_AGREED.to_owned()
            } else if plan.proposed_by == v.role {
                s::PLAN_AWAITING.to_owned()
            } else {
                format!("{} {}", s::PLAN_PROPOSED_BY, plan.proposed_by.label())
            };
            ui.muted(status);
            for (need, owner) in &plan.owners {
                let text = p
                    .needs
                    .iter()
                    .find(|n| &n.id == need)
                    .map_or(need.as_str(), |n| &n.text);
                ui.t(format!("- {text}: {}", owner_label(owner, v)));
            }
            if !plan.agreed && plan.proposed_by != v.role {
                ui.plain(
                    s::costs(s::AGREE_PLAN, v.costs.care_plan),
                    UiCommand::Do(Act::AcceptCarePlan {
                        patient: p.id.clone(),
                    }),
                );
            }
        }
        None => ui.muted(s::NO_PLAN),
    }
    let open: Vec<&NeedView> = p.needs.iter().filter(|n| !n.met).collect();
    if open.is_empty() {
        return;
    }
    let Some(draft) = game.plan.as_ref().filter(|d| d.patient == p.id) else {
        ui.plain(s::DRAFT_PLAN, UiCommand::PlanDraft(Some(p.id.clone())));
        return;
    };
    // The plan being drafted: an owner for each open need, chosen from both professions and
    // the services in the directory.
    ui.t(s::PLAN_OWNERS);
    let mut candidates: Vec<(String, String)> = Role::BOTH
        .iter()
        .map(|r| (r.id().to_owned(), owner_label(r.id(), v)))
        .collect();
    for c in &v.directory {
        if let crate::sim::Party::Other(id) = &c.reaches
            && !c.front_door
            && !candidates.iter().any(|(x, _)| x == id)
        {
            candidates.push((id.clone(), c.name.clone()));
        }
    }
    for n in &open {
        ui.muted(n.text.clone());
        let chosen = draft.owners.get(&n.id);
        ui.choices(
            candidates
                .iter()
                .map(|(id, name)| {
                    (
                        name.clone(),
                        UiCommand::PlanOwner(n.id.clone(), id.clone()),
                        chosen == Some(id),
                    )
                })
                .collect(),
        );
    }
    ui.start_row();
    if !draft.owners.is_empty() {
        ui.plain(
            s::costs(s::PROPOSE_PLAN, v.costs.care_plan),
            UiCommand::Do(Act::ProposeCarePlan {
                patient: p.id.clone(),
                owners: open
                    .iter()
                    .filter_map(|n| draft.owners.get(&n.id).map(|o| (n.id.clone(), o.clone())))
                    .collect(),
            }),
        );
    }
    ui.plain(s::CANCEL, UiCommand::PlanDraft(None));
    ui.end_row();
}

/// Whether the borough counts `ch` as safe for sensitive details.
fn is_secure(v: &RoleView, ch: Channel) -> bool {
    v.channels.iter().any(|c| c.channel == ch && c.secure)
}

fn patient_name<'a>(v: &'a RoleView, id: Option<&'a str>) -> &'a str {
    id.map_or("", |id| v.patient(id).map_or(id, |p| p.name.as_str()))
}

fn inbox(ui: &mut Ui, v: &RoleView) {
    ui.h(s::INBOX, 20.0);
    let waiting: Vec<_> = v.inbox.iter().filter(|m| !m.answered).collect();
    if waiting.is_empty() {
        ui.muted(s::NOTHING_WAITING);
    }
    for m in waiting.iter().rev().take(4) {
        let about = patient_name(v, m.patient.as_deref());
        let asks = m
            .ask
            .as_ref()
            .map_or(String::new(), |a| format!(" - {}", ask_text(a)));
        let facts = if m.facts.is_empty() {
            s::NO_CONTEXT.to_owned()
        } else {
            s::facts_attached(m.facts.len())
        };
        ui.t(format!(
            "{} {} ({}): {about}{asks}. {facts}.",
            s::when(m.sent),
            m.from_name,
            m.channel.label()
        ));
        if !m.text.is_empty() {
            ui.muted(format!("\"{}\"", m.text));
        }
        if m.ask.is_some() {
            ui.plain(
                format!("{}: {}", s::REPLY, m.from_name),
                UiCommand::Reply(m.id, m.patient.clone(), m.need.clone()),
            );
        }
    }
    for m in v.inbox.iter().filter(|m| m.answered && !m.loop_closed) {
        if m.ask == Some(Ask::TakeOn) && m.from.player().is_some() {
            ui.plain(
                format!("{}: {}", s::REPORT_DONE, m.from_name),
                UiCommand::Reply(m.id, m.patient.clone(), m.need.clone()),
            );
        }
    }
}

/// Where a sent message has got to, in words.
pub fn progress(v: &RoleView, m: &MailView) -> String {
    let answers: Vec<&MailView> = v
        .inbox
        .iter()
        .filter(|r| r.reply_to == Some(m.id))
        .collect();
    if let Some(last) = answers.last() {
        let what = last.answer.as_ref().map_or(s::ANSWERED, |a| a.label());
        return format!("{} {} ({})", s::ANSWER_CAME, what, s::when(last.sent));
    }
    match m.delivered {
        Some(at) if at <= v.slot => {
            format!("{} {}, {}", s::DELIVERED, s::when(at), s::NO_ANSWER_YET)
        }
        _ => format!("{} ({})", s::ON_ITS_WAY, m.channel.label()),
    }
}

fn outbox(ui: &mut Ui, v: &RoleView) {
    ui.h(s::OUTBOX, 20.0);
    let sent: Vec<_> = v.outbox.iter().filter(|m| m.reply_to.is_none()).collect();
    if sent.is_empty() {
        ui.muted(s::NOTHING_SENT);
    }
    for m in sent.iter().rev().take(4) {
        let about = patient_name(v, m.patient.as_deref());
        let asks = m
            .ask
            .as_ref()
            .map_or(String::new(), |a| format!(", {}", ask_text(a)));
        ui.t(format!(
            "{} {} {}: {about}{asks}",
            s::when(m.sent),
            s::TO,
            m.to_name
        ));
        ui.muted(format!("  {}", progress(v, m)));
    }
}

fn directory(ui: &mut Ui, v: &RoleView) {
    ui.h(s::DIRECTORY, 20.0);
    for c in &v.directory {
        let stale = if c.known_stale { s::OUT_OF_DATE } else { "" };
        if c.checked {
            ui.muted(format!("{}: {} {stale}", c.name, c.description));
        } else {
            ui.plain(
                format!("{}: {} {stale}", s::LOOK_UP, c.name),
                UiCommand::Do(Act::LookUp {
                    contact: c.id.clone(),
                }),
            );
        }
    }
}

fn channel_line(v: &RoleView, ch: Channel) -> String {
    let Some(c) = v.channels.iter().find(|c| c.channel == ch) else {
        return ch.label().to_owned();
    };
    let arrives = match c.delay {
        (0, 0) => s::AT_ONCE.to_owned(),
        (a, b) if a == b => format!("{} {a} {}", s::AFTER, s::HALF_DAYS),
        (a, b) => format!("{} {a}-{b} {}", s::AFTER, s::HALF_DAYS),
    };
    format!(
        "{}, {} min, {arrives}, {}% {}, {}",
        ch.label(),
        c.minutes,
        (c.reliability * 100.0).round(),
        if ch == Channel::Phone {
            s::PICKED_UP
        } else {
            s::ARRIVES
        },
        if c.secure { s::SECURE } else { s::NOT_SECURE }
    )
}

/// Column three while writing: every choice a message involves, one row each, in the SBAR
/// order, nothing chosen until the player chooses it.
fn composer(ui: &mut Ui, v: &RoleView, d: &Draft) {
    let replying_to = match d.kind {
        DraftKind::Reply { message } => v.inbox.iter().find(|m| m.id == message),
        _ => None,
    };
    let heading = match (d.kind, replying_to) {
        (DraftKind::Note, _) => s::NEW_NOTE.to_owned(),
        (DraftKind::Reply { .. }, Some(m)) => format!("{} {}", s::REPLYING_TO, m.from_name),
        _ => s::NEW_MESSAGE.to_owned(),
    };
    ui.h(heading, 22.0);
    if let Some(m) = replying_to {
        let asks = m.ask.as_ref().map_or(String::new(), ask_text);
        ui.muted(format!(
            "{} ({}): {asks}",
            s::when(m.sent),
            m.channel.label()
        ));
        if !m.text.is_empty() {
            ui.muted(format!("\"{}\"", m.text));
        }
    }
    let missing = d.missing(v);
    ui.start_row();
    match d.to_act(v) {
        Some(act) => {
            let (label, minutes) = match d.kind {
                DraftKind::Note => (s::RECORD, v.costs.record_note),
                _ => (s::SEND, d.channel.map_or(0, |c| v.channel_cost(c))),
            };
            ui.bk(
                &s::costs(label, minutes),
                UiCommand::Do(act),
                KeyCode::KeyS,
                'S',
            );
        }
        None => ui.muted(format!("{} {}.", s::STILL_TO_CHOOSE, missing.join(", "))),
    }
    ui.bk(s::CANCEL, UiCommand::CloseDraft, KeyCode::KeyC, 'C');
    ui.end_row();

    if d.kind == DraftKind::Message {
        ui.t(s::TO_WHOM);
        ui.choices(
            v.directory
                .iter()
                .map(|c| {
                    let name = if c.known_stale {
                        format!("{} {}", c.name, s::KNOWN_STALE_MARK)
                    } else {
                        c.name.clone()
                    };
                    (
                        name,
                        UiCommand::Edit(Edit::To(c.id.clone())),
                        d.to.as_deref() == Some(c.id.as_str()),
                    )
                })
                .collect(),
        );
        if let Some(c) = d.recipient(v) {
            ui.muted(c.description.clone());
        }
    }
    if d.kind != DraftKind::Note && (d.kind != DraftKind::Message || d.to.is_some()) {
        let channels = d.channels(v);
        ui.t(s::BY);
        if channels.is_empty() {
            ui.coloured(s::NO_CHANNEL, BAD);
        }
        ui.choices(
            channels
                .iter()
                .map(|&ch| {
                    (
                        channel_line(v, ch),
                        UiCommand::Edit(Edit::Channel(ch)),
                        d.channel == Some(ch),
                    )
                })
                .collect(),
        );
    }
    if d.kind != DraftKind::Note {
        ui.t(s::TONE);
        ui.choices(
            [
                (s::RESPECTFUL, Framing::Respectful),
                (s::NEUTRAL, Framing::Neutral),
                (s::DISMISSIVE, Framing::Dismissive),
            ]
            .into_iter()
            .map(|(l, f)| {
                (
                    l.to_owned(),
                    UiCommand::Edit(Edit::Framing(f)),
                    d.framing == Some(f),
                )
            })
            .collect(),
        );
    }

    let patient = d.patient.as_deref().and_then(|p| v.patient(p));
    // Situation: the need it is about (a new message about a patient).
    if d.kind == DraftKind::Message
        && let Some(p) = patient
        && !p.needs.is_empty()
    {
        ui.t(s::ABOUT_NEED);
        let mut options = vec![(
            s::NO_PARTICULAR_NEED.to_owned(),
            UiCommand::Edit(Edit::Need(None)),
            d.need.is_none(),
        )];
        options.extend(p.needs.iter().map(|n| {
            (
                n.text.clone(),
                UiCommand::Edit(Edit::Need(Some(n.id.clone()))),
                d.need.as_deref() == Some(n.id.as_str()),
            )
        }));
        ui.choices(options);
    }
    // Background: the facts, one by one, each with its sensitivity; the patient's consent and
    // the channel's safety beside them.
    if let Some(p) = patient {
        ui.t(s::CONTEXT);
        ui.muted(format!("{} {}", s::CONSENT_LINE, consent_words(p.consent)));
        if let Some(ch) = d.channel {
            ui.muted(if is_secure(v, ch) {
                s::CHANNEL_SECURE
            } else {
                s::CHANNEL_NOT_SECURE
            });
        }
        if p.facts.is_empty() {
            ui.muted(s::NOTHING_TO_ATTACH);
        }
        ui.choices(
            p.facts
                .iter()
                .map(|f| {
                    let label = if f.sensitive {
                        format!("{} [{}]", f.text, s::SENSITIVE_MARK)
                    } else {
                        f.text.clone()
                    };
                    (
                        label,
                        UiCommand::Edit(Edit::Fact(f.id.clone())),
                        d.facts.contains(&f.id),
                    )
                })
                .collect(),
        );
    }
    match d.kind {
        DraftKind::Note => {}
        DraftKind::Message => {
            ui.t(s::ASSESSING);
            assessment_choices(ui, d);
            ui.t(s::ASKING);
            let next = v.slot.plus(1);
            ui.choices(
                AskChoice::ALL
                    .into_iter()
                    .filter(|a| a.fits(d.patient.is_some(), d.need.is_some()))
                    .map(|a| {
                        let label = match a {
                            AskChoice::JointVisit => {
                                format!("{} ({})", s::ask_choice(a), s::when(next))
                            }
                            _ => s::ask_choice(a).to_owned(),
                        };
                        (label, UiCommand::Edit(Edit::Ask(a)), d.ask == Some(a))
                    })
                    .collect(),
            );
        }
        DraftKind::Reply { .. } => {
            ui.t(s::ANSWERING);
            ui.choices(
                AnswerChoice::ALL
                    .into_iter()
                    .map(|a| {
                        (
                            s::answer_choice(a).to_owned(),
                            UiCommand::Edit(Edit::Answer(a)),
                            d.answer == Some(a),
                        )
                    })
                    .collect(),
            );
            if d.answer == Some(AnswerChoice::Decline) {
                ui.t(s::POINT_TO);
                let mut options = vec![(
                    s::NOBODY_TO_POINT.to_owned(),
                    UiCommand::Edit(Edit::Redirect(None)),
                    d.redirect.is_none(),
                )];
                options.extend(v.directory.iter().map(|c| {
                    (
                        c.name.clone(),
                        UiCommand::Edit(Edit::Redirect(Some(c.id.clone()))),
                        d.redirect.as_deref() == Some(c.id.as_str()),
                    )
                }));
                ui.choices(options);
            }
            ui.t(s::ASSESSING);
            assessment_choices(ui, d);
        }
    }
}

fn assessment_choices(ui: &mut Ui, d: &Draft) {
    ui.choices(
        Assessment::ALL
            .into_iter()
            .map(|a| {
                (
                    s::assessment(a).to_owned(),
                    UiCommand::Edit(Edit::Assessment(a)),
                    d.assessment == Some(a),
                )
            })
            .collect(),
    );
}

/// `text` with its first letter a capital (decisions are written as "whether to ...", to read
/// in a sentence too).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
