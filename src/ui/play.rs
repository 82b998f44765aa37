//! The play screen: the half-day and diary, the patient record, and the messages (inbox,
//! outbox with each message's progress, the composer, the directory). Every button carries the
//! [`Act`] it will send, built from the role's own [`RoleView`].

use bevy::prelude::*;

use super::compose::{AskChoice, Context, Draft, Edit};
use super::strings as s;
use super::widgets::{BAD, GOOD, INK, Ui};
use super::{Game, UiCommand};
use crate::bots::util::{cheapest_affordable, route_to_other, shareable};
use crate::scenario::Channel;
use crate::sim::view::{ConsentView, MailView, NeedView, PatientView, Urgency};
use crate::sim::{Act, Answer, Ask, Framing, ReplyTo, Role, RoleView, SessionPhase};

pub fn play(ui: &mut Ui, world: &World) {
    if *world.resource::<State<SessionPhase>>().get() != SessionPhase::Playing {
        ui.t(s::WAITING_FOR_PARTNER);
        return;
    }
    let game = world.resource::<Game>();
    let v = RoleView::of(world, game.active);
    today(ui, &v, game);

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
        patient(ui, &v, p);
    }

    ui.new_col();
    match &game.draft {
        Some(d) => {
            // While writing, the message gets the room.
            ui.wide();
            composer(ui, &v, d)
        }
        None => {
            inbox(ui, &v);
            outbox(ui, &v);
            directory(ui, &v);
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
    if v.link_worker {
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

/// Column two: one patient's record and what can be done for them.
fn patient(ui: &mut Ui, v: &RoleView, p: &PatientView) {
    ui.h(format!("{}, {}", p.name, p.age), 26.0);
    ui.muted(p.summary.clone());
    ui.muted(format!(
        "{}: {}",
        s::CONSENT,
        match p.consent {
            ConsentView::Given => s::CONSENT_GIVEN,
            ConsentView::Refused => s::CONSENT_REFUSED,
            ConsentView::Unknown => s::CONSENT_UNKNOWN,
        }
    ));
    let id = p.id.clone();
    let c = &v.costs;
    ui.start_row();
    let patient = || id.clone();
    let actions = [
        (
            s::ASSESS,
            c.assess,
            Act::Assess { patient: patient() },
            true,
        ),
        (
            s::HOME_VISIT,
            c.home_visit,
            Act::HomeVisit { patient: patient() },
            true,
        ),
        (
            s::JOINT_VISIT,
            c.joint_visit,
            Act::JointVisit { patient: patient() },
            true,
        ),
        (
            s::ASK_AROUND,
            c.ask_around,
            Act::AskAround { patient: patient() },
            true,
        ),
        (
            s::ASK_CONSENT,
            c.ask_consent,
            Act::AskConsent { patient: patient() },
            p.consent == ConsentView::Unknown,
        ),
        (
            s::PREPARE_MDT,
            c.prepare,
            Act::PrepareForMdt { patient: patient() },
            true,
        ),
    ];
    for (label, minutes, act, shown) in actions {
        if shown {
            ui.b(s::costs(label, minutes), UiCommand::Do(act));
        }
    }
    if v.shared_record {
        ui.plain(
            s::costs(s::RECORD_NOTE, c.record_note),
            UiCommand::Do(Act::RecordNote {
                patient: id.clone(),
                facts: shareable(v, p, true),
            }),
        );
    }
    ui.plain(s::WRITE_ABOUT, UiCommand::Compose(Some(id.clone()), None));
    // A quick, well-made request to the colleague: the composer's own rules, filled in.
    if let Some(route) = route_to_other(v) {
        let mut quick = Draft::about(Some(id.clone()), None);
        quick.to = Some(route.id.clone());
        quick.framing = Framing::Respectful;
        let channels = quick.channels(v);
        if let Some(ch) = channels
            .iter()
            .find(|c| **c == Channel::Phone)
            .or(channels.first())
        {
            quick.channel = *ch;
        }
        if let Some(act) = quick.to_act(v) {
            ui.plain(
                format!("{} ({})", s::ASK_COLLEAGUE, route.name),
                UiCommand::Do(act),
            );
        }
    }

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
        need(ui, v, p, n);
    }
    care_plan(ui, v, p);
}

fn need(ui: &mut Ui, v: &RoleView, p: &PatientView, n: &NeedView) {
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
    ui.coloured(
        format!(
            "{} [{state}] {}: {}",
            n.text,
            s::OWNER,
            n.owner_name.as_deref().unwrap_or(s::NOBODY)
        ),
        colour,
    );
    if n.met || n.in_progress {
        return;
    }
    let mut options = Vec::new();
    if n.owner.is_none() {
        options.push((s::CLAIM.to_owned(), Act::ClaimNeed { need: n.id.clone() }));
    }
    if let Some(m) = n.act_minutes {
        options.push((s::costs(s::ACT, m), Act::ActOnNeed { need: n.id.clone() }));
    }
    if let Some(k) = cheapest_affordable(v, n) {
        options.push((
            format!("{} {} (£{})", s::COMMISSION, k.name, k.cost),
            Act::Commission {
                need: n.id.clone(),
                package: k.id.clone(),
            },
        ));
    }
    if n.safeguarding {
        options.push((
            s::SAFEGUARD.to_owned(),
            Act::EscalateSafeguarding { need: n.id.clone() },
        ));
    }
    ui.start_row();
    for (label, act) in options {
        ui.plain(label, UiCommand::Do(act));
    }
    ui.plain(
        s::REFER,
        UiCommand::Compose(Some(p.id.clone()), Some(n.id.clone())),
    );
    ui.end_row();
}

/// The care plan: who owns each need, proposed by one side and agreed by the other.
fn care_plan(ui: &mut Ui, v: &RoleView, p: &PatientView) {
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
    let owners = proposed_owners(v, p);
    let same = p.plan.as_ref().is_some_and(|pl| pl.owners == owners);
    if !owners.is_empty() && !same {
        ui.plain(
            format!(
                "{}: {}",
                s::costs(s::PROPOSE_PLAN, v.costs.care_plan),
                owners
                    .iter()
                    .map(|(_, o)| owner_label(o, v))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            UiCommand::Do(Act::ProposeCarePlan {
                patient: p.id.clone(),
                owners,
            }),
        );
    }
}

/// A plan a sensible professional would propose: whoever owns a need keeps it; otherwise the
/// profession that can meet it, or that can commission what meets it.
pub fn proposed_owners(v: &RoleView, p: &PatientView) -> Vec<(String, String)> {
    p.needs
        .iter()
        .filter(|n| !n.met)
        .map(|n| {
            let owner = match &n.owner {
                Some(o) => o.id().to_owned(),
                None if n.can_act || (v.budget.is_some() && !n.packages.is_empty()) => {
                    v.role.id().to_owned()
                }
                None if n.other_can_act || !n.packages.is_empty() => v.role.other().id().to_owned(),
                None => v.role.id().to_owned(),
            };
            (n.id.clone(), owner)
        })
        .collect()
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
        if m.ask.is_none() {
            continue;
        }
        let reply = |answer: Answer, facts: Vec<String>| {
            UiCommand::Do(Act::Reply(ReplyTo {
                message: m.id,
                answer,
                channel: Channel::Phone,
                facts,
                framing: Framing::Respectful,
                text: String::new(),
            }))
        };
        let mut options = vec![
            (s::ACCEPT, reply(Answer::Accept, Vec::new())),
            (s::ACKNOWLEDGE, reply(Answer::Acknowledge, Vec::new())),
            (
                s::DECLINE,
                reply(Answer::Decline { redirect: None }, Vec::new()),
            ),
        ];
        if m.ask == Some(Ask::Information) {
            let facts = m
                .patient
                .as_deref()
                .and_then(|p| v.patient(p))
                .map(|p| shareable(v, p, is_secure(v, Channel::Phone)))
                .unwrap_or_default();
            options.insert(0, (s::SHARE_INFO, reply(Answer::Information, facts)));
        }
        ui.start_row();
        for (label, cmd) in options {
            ui.plain(label, cmd);
        }
        ui.end_row();
    }
    for m in v.inbox.iter().filter(|m| m.answered && !m.loop_closed) {
        let met = m
            .need
            .as_deref()
            .zip(m.patient.as_deref())
            .and_then(|(n, p)| {
                v.patient(p)
                    .and_then(|p| p.needs.iter().find(|x| x.id == n))
            })
            .is_some_and(|n| n.met);
        if met && m.ask == Some(Ask::TakeOn) {
            ui.plain(
                format!("{}: {}", s::REPORT_DONE, m.from_name),
                UiCommand::Do(Act::Reply(ReplyTo {
                    message: m.id,
                    answer: Answer::Done,
                    channel: Channel::Phone,
                    facts: Vec::new(),
                    framing: Framing::Respectful,
                    text: String::new(),
                })),
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

/// Column three while writing: every choice a message involves, one row each.
fn composer(ui: &mut Ui, v: &RoleView, d: &Draft) {
    ui.h(s::NEW_MESSAGE, 22.0);
    let about = patient_name(v, d.patient.as_deref());
    if !about.is_empty() {
        let need = d
            .need
            .as_deref()
            .zip(d.patient.as_deref().and_then(|p| v.patient(p)))
            .and_then(|(n, p)| p.needs.iter().find(|x| x.id == n))
            .map_or(String::new(), |n| format!(": {}", n.text));
        ui.muted(format!("{} {about}{need}", s::ABOUT));
    }
    ui.start_row();
    match d.to_act(v) {
        Some(act) => ui.bk(
            &s::costs(s::SEND, v.channel_cost(d.channel)),
            UiCommand::Do(act),
            KeyCode::KeyS,
            'S',
        ),
        None if d.to.is_none() => ui.muted(s::CHOOSE_RECIPIENT),
        None => ui.muted(s::CHOOSE_CHANNEL),
    }
    ui.bk(s::CANCEL, UiCommand::CloseDraft, KeyCode::KeyC, 'C');
    ui.end_row();

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

    let channels = d.channels(v);
    if d.to.is_some() {
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
                        d.channel == ch,
                    )
                })
                .collect(),
        );
    }

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
                d.framing == f,
            )
        })
        .collect(),
    );

    if let Some(p) = d.patient.as_deref().and_then(|p| v.patient(p)) {
        ui.t(s::CONTEXT);
        let count = |c: Context| {
            Draft {
                context: c,
                ..d.clone()
            }
            .facts(v)
            .len()
        };
        let sensitive = p.facts.iter().filter(|f| f.sensitive).count();
        ui.choices(vec![
            (
                s::CONTEXT_NONE.to_owned(),
                UiCommand::Edit(Edit::Context(Context::None)),
                d.context == Context::None,
            ),
            (
                format!(
                    "{} ({} {})",
                    s::CONTEXT_SAFE,
                    count(Context::Safe),
                    s::FACTS
                ),
                UiCommand::Edit(Edit::Context(Context::Safe)),
                d.context == Context::Safe,
            ),
            (
                format!(
                    "{} ({} {}, {sensitive} {})",
                    s::CONTEXT_ALL,
                    count(Context::Everything),
                    s::FACTS,
                    s::OF_THEM_SENSITIVE
                ),
                UiCommand::Edit(Edit::Context(Context::Everything)),
                d.context == Context::Everything,
            ),
        ]);
    }

    ui.t(s::ASKING);
    let next = v.slot.plus(1);
    ui.choices(
        AskChoice::ALL
            .into_iter()
            .filter(|a| a.fits(d.patient.is_some(), d.need.is_some()))
            .map(|a| {
                let label = match a {
                    AskChoice::JointVisit => format!("{} ({})", s::ask_choice(a), s::when(next)),
                    _ => s::ask_choice(a).to_owned(),
                };
                (label, UiCommand::Edit(Edit::Ask(a)), d.ask == a)
            })
            .collect(),
    );
}
