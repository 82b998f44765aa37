//! Each screen, built from the current state. Text comes from the scenario, the simulation's
//! views or [`super::strings`]; nothing here decides anything about the game.

use bevy::prelude::*;

use super::strings as s;
use super::{Game, Library, Press, Screen, ScreenRoot, Shortcut, UiCommand};
use crate::bots::util::{cheapest_affordable, route_to_other, shareable};
use crate::debrief::Debrief;
use crate::scenario::{Channel, ValidScenario};
use crate::session::{Played, Player, Players, SessionFile};
use crate::sim::view::{ConsentView, NeedView, PatientView};
use crate::sim::{Act, Answer, Ask, Framing, Outgoing, ReplyTo, Role, RoleView, SessionPhase};

// Colours: dark text on light panels, all pairs at least 4.5:1 (WCAG AA).
const INK: Color = Color::srgb(0.09, 0.09, 0.12);
const MUTED: Color = Color::srgb(0.27, 0.27, 0.33);
const PAGE: Color = Color::srgb(0.97, 0.97, 0.98);
const PANEL: Color = Color::srgb(1.0, 1.0, 1.0);
const BUTTON: Color = Color::srgb(0.12, 0.31, 0.61);
const BUTTON_TEXT: Color = Color::srgb(1.0, 1.0, 1.0);
const BAD: Color = Color::srgb(0.63, 0.11, 0.11);
const GOOD: Color = Color::srgb(0.04, 0.42, 0.23);

const DIGITS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

/// Builds the current screen.
pub fn build(world: &mut World) {
    let screen = *world.resource::<State<Screen>>().get();
    let mut ui = Ui::default();
    match screen {
        Screen::Title => title(&mut ui),
        Screen::Picker => picker(&mut ui, world.resource::<Library>()),
        Screen::Setup => setup(&mut ui, world),
        Screen::Briefing => briefing(&mut ui, world),
        Screen::Play => play(&mut ui, world),
        Screen::Handover => handover(&mut ui, world),
        Screen::Debrief => debrief(&mut ui, world),
    }
    ui.spawn(world);
}

/// A screen as a list of blocks in columns, spawned in one go.
#[derive(Default)]
struct Ui {
    columns: Vec<Vec<Block>>,
    keys: usize,
}

enum Block {
    Heading(String, f32),
    Text(String, Color),
    Button(String, UiCommand, Option<KeyCode>),
}

impl Ui {
    fn col(&mut self) -> &mut Vec<Block> {
        if self.columns.is_empty() {
            self.columns.push(Vec::new());
        }
        self.columns.last_mut().expect("one column")
    }
    fn new_col(&mut self) {
        self.columns.push(Vec::new());
    }
    fn h(&mut self, t: impl Into<String>, size: f32) {
        self.col().push(Block::Heading(t.into(), size));
    }
    fn t(&mut self, t: impl Into<String>) {
        self.col().push(Block::Text(t.into(), INK));
    }
    fn muted(&mut self, t: impl Into<String>) {
        self.col().push(Block::Text(t.into(), MUTED));
    }
    fn coloured(&mut self, t: impl Into<String>, c: Color) {
        self.col().push(Block::Text(t.into(), c));
    }
    /// A button with the next number key as its shortcut (while there are numbers left).
    fn b(&mut self, label: impl Into<String>, cmd: UiCommand) {
        let key = DIGITS.get(self.keys).copied();
        self.keys += 1;
        let label = label.into();
        let label = match key {
            Some(k) => format!("[{}] {label}", key_name(k)),
            None => label,
        };
        self.col().push(Block::Button(label, cmd, key));
    }
    /// A button with no key of its own (reachable by mouse; the list would run out of keys).
    fn bk_none(&mut self, label: impl Into<String>, cmd: UiCommand) {
        self.col().push(Block::Button(label.into(), cmd, None));
    }
    /// A button with a letter shortcut.
    fn bk(&mut self, label: &str, cmd: UiCommand, key: KeyCode, name: char) {
        self.col()
            .push(Block::Button(format!("[{name}] {label}"), cmd, Some(key)));
    }

    fn spawn(self, world: &mut World) {
        let root = world
            .spawn((
                ScreenRoot,
                Node {
                    width: percent(100),
                    height: percent(100),
                    flex_direction: FlexDirection::Row,
                    column_gap: px(16),
                    padding: UiRect::all(px(20)),
                    ..default()
                },
                BackgroundColor(PAGE),
            ))
            .id();
        let n = self.columns.len().max(1) as f32;
        for col in self.columns {
            let c = world
                .spawn((
                    Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: px(6),
                        padding: UiRect::all(px(12)),
                        width: percent(100.0 / n),
                        overflow: Overflow::clip(),
                        ..default()
                    },
                    BackgroundColor(PANEL),
                    ChildOf(root),
                ))
                .id();
            for b in col {
                match b {
                    Block::Heading(t, size) => {
                        world.spawn((
                            Text::new(t),
                            TextFont::from_font_size(size),
                            TextColor(INK),
                            ChildOf(c),
                        ));
                    }
                    Block::Text(t, colour) => {
                        world.spawn((
                            Text::new(t),
                            TextFont::from_font_size(17.0),
                            TextColor(colour),
                            ChildOf(c),
                        ));
                    }
                    Block::Button(label, cmd, key) => {
                        let mut e = world.spawn((
                            Button,
                            Press(cmd),
                            Node {
                                padding: UiRect::axes(px(10), px(5)),
                                border: UiRect::all(px(2)),
                                align_self: AlignSelf::FlexStart,
                                max_width: percent(100),
                                ..default()
                            },
                            BackgroundColor(BUTTON),
                            ChildOf(c),
                        ));
                        if let Some(k) = key {
                            e.insert(Shortcut(k));
                        }
                        let id = e.id();
                        world.spawn((
                            Text::new(label),
                            TextFont::from_font_size(17.0),
                            TextColor(BUTTON_TEXT),
                            ChildOf(id),
                        ));
                    }
                }
            }
        }
    }
}

fn key_name(k: KeyCode) -> char {
    DIGITS
        .iter()
        .position(|d| *d == k)
        .map_or('?', |i| char::from(b'1' + i as u8))
}

fn title(ui: &mut Ui) {
    ui.h(s::GAME_NAME, 64.0);
    ui.h(s::PURPOSE, 26.0);
    ui.b(s::START, UiCommand::Go(Screen::Picker));
    ui.bk(s::QUIT, UiCommand::Quit, KeyCode::KeyQ, 'Q');
    ui.muted(s::SHORTCUTS);
}

fn picker(ui: &mut Ui, library: &Library) {
    ui.h(s::CHOOSE_SCENARIO, 36.0);
    if library.entries.is_empty() {
        ui.t(s::NO_SCENARIOS);
    }
    for (i, e) in library.entries.iter().enumerate() {
        match &e.scenario {
            Ok(sc) => {
                let sc = sc.get();
                ui.b(
                    format!("{} ({} {})", sc.title, sc.play_minutes, s::MINUTES_OF_PLAY),
                    UiCommand::Pick(i),
                );
                ui.t(sc.summary.clone());
                ui.muted(format!(
                    "{}: {}",
                    s::TEACHES,
                    sc.barriers
                        .iter()
                        .map(|b| b.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            Err(problems) => {
                ui.coloured(format!("{} {}", s::BROKEN_SCENARIO, e.path.display()), BAD);
                for p in problems.iter().take(3) {
                    ui.muted(p.to_string());
                }
            }
        }
    }
}

fn picked(world: &World) -> Option<&ValidScenario> {
    let g = world.resource::<Game>();
    world
        .resource::<Library>()
        .entries
        .get(g.pick)
        .and_then(|e| e.scenario.as_ref().ok())
}

fn setup(ui: &mut Ui, world: &World) {
    let Some(sc) = picked(world) else {
        ui.t(s::NO_SCENARIOS);
        return;
    };
    let game = world.resource::<Game>();
    ui.h(sc.get().title.clone(), 36.0);
    ui.t(sc.get().summary.clone());
    ui.h(s::CHOOSE_ROLE, 26.0);
    ui.b(s::SOLO_AS_GP, UiCommand::Solo(Role::Gp));
    ui.b(s::SOLO_AS_SW, UiCommand::Solo(Role::SocialWorker));
    ui.b(s::HOTSEAT, UiCommand::Hotseat);
    ui.h(
        format!(
            "{}: {}",
            s::SETTING,
            game.setting.as_deref().unwrap_or(s::AS_WRITTEN)
        ),
        22.0,
    );
    ui.b(s::AS_WRITTEN, UiCommand::Setting(None));
    for (name, o) in &sc.get().settings {
        ui.b(
            format!("{name}: {}", o.description),
            UiCommand::Setting(Some(name.clone())),
        );
    }
}

fn briefing(ui: &mut Ui, world: &World) {
    let Some(sc) = picked(world) else { return };
    let game = world.resource::<Game>();
    let sc = sc.get();
    ui.h(format!("{}: {}", s::BRIEFING, sc.title), 36.0);
    for r in game.humans() {
        let def = match r {
            Role::Gp => &sc.roles.gp,
            Role::SocialWorker => &sc.roles.social_worker,
        };
        ui.h(format!("{} {} ({})", s::YOU_ARE, def.name, def.title), 22.0);
        ui.t(def.briefing.clone());
    }
    ui.h(s::OBJECTIVES, 22.0);
    for o in &sc.learning_objectives {
        ui.t(format!("- {o}"));
    }
    ui.b(s::BEGIN, UiCommand::Begin);
    ui.bk(s::BACK, UiCommand::Go(Screen::Setup), KeyCode::KeyB, 'B');
}

fn risk_colour(n: &NeedView) -> Color {
    use crate::sim::view::Urgency::*;
    match n.urgency {
        Urgent | Crisis => BAD,
        _ if n.met => GOOD,
        _ => INK,
    }
}

fn play(ui: &mut Ui, world: &World) {
    if *world.resource::<State<SessionPhase>>().get() != SessionPhase::Playing {
        ui.t(s::WAITING_FOR_PARTNER);
        return;
    }
    let game = world.resource::<Game>();
    let v = RoleView::of(world, game.active);
    let me = v.role;

    // Column 1: who I am, time, caseload, end turn.
    ui.h(
        format!(
            "{} {} | {} | {} {}",
            v.slot.label(),
            s::half(v.slot.half()),
            me.label(),
            v.minutes_left,
            s::MINUTES_LEFT
        ),
        20.0,
    );
    if !v.commitments.is_empty() {
        ui.muted(v.commitments.join("; "));
    }
    if let Some(r) = &game.refusal {
        ui.coloured(format!("{}: {r}", s::REFUSED), BAD);
    }
    if v.ended_turn {
        ui.t(s::WAITING_FOR_PARTNER);
    } else {
        ui.bk(s::END_TURN, UiCommand::Do(Act::EndTurn), KeyCode::KeyE, 'E');
    }
    if v.mdt_now().is_some_and(|m| !m.attending.contains(&me)) {
        ui.bk(
            s::ATTEND_MDT,
            UiCommand::Do(Act::AttendMdt),
            KeyCode::KeyM,
            'M',
        );
    }
    ui.h(s::CASELOAD, 22.0);
    for p in &v.patients {
        let worst = p.needs.iter().map(|n| n.urgency).max();
        ui.b(
            format!(
                "{} ({})",
                p.name,
                worst.map_or("no needs known", s::urgency)
            ),
            UiCommand::Select(p.id.clone()),
        );
    }
    ui.h(s::NOTICES, 20.0);
    for (slot, n) in v.notices.iter().rev().take(6) {
        ui.muted(format!("{}: {n}", slot.label()));
    }

    // Column 2: the selected patient.
    ui.new_col();
    let selected = game
        .selected
        .as_deref()
        .and_then(|id| v.patient(id))
        .or(v.patients.first());
    if let Some(p) = selected {
        patient(ui, &v, p);
    }

    // Column 3: inbox and directory.
    ui.new_col();
    inbox(ui, &v);
    ui.h(s::DIRECTORY, 22.0);
    for c in &v.directory {
        let stale = if c.known_stale { s::OUT_OF_DATE } else { "" };
        if c.checked {
            ui.muted(format!("{} {stale}", c.name));
        } else {
            ui.bk_none(
                format!("{}: {} {stale}", s::LOOK_UP, c.name),
                UiCommand::Do(Act::LookUp {
                    contact: c.id.clone(),
                }),
            );
        }
    }
}

fn patient(ui: &mut Ui, v: &RoleView, p: &PatientView) {
    ui.h(format!("{}, {}", p.name, p.age), 26.0);
    ui.muted(p.summary.clone());
    ui.muted(format!(
        "{}: {}",
        s::CONSENT,
        match p.consent {
            ConsentView::Given => "given",
            ConsentView::Refused => "refused",
            ConsentView::Unknown => "not asked",
        }
    ));
    let id = p.id.clone();
    let c = &v.costs;
    ui.b(
        format!("{} ({} min)", s::ASSESS, c.assess),
        UiCommand::Do(Act::Assess {
            patient: id.clone(),
        }),
    );
    ui.b(
        format!("{} ({} min)", s::HOME_VISIT, c.home_visit),
        UiCommand::Do(Act::HomeVisit {
            patient: id.clone(),
        }),
    );
    ui.b(
        format!("{} ({} min)", s::ASK_AROUND, c.ask_around),
        UiCommand::Do(Act::AskAround {
            patient: id.clone(),
        }),
    );
    if p.consent == ConsentView::Unknown {
        ui.b(
            format!("{} ({} min)", s::ASK_CONSENT, c.ask_consent),
            UiCommand::Do(Act::AskConsent {
                patient: id.clone(),
            }),
        );
    }
    ui.b(
        format!("{} ({} min)", s::PREPARE_MDT, c.prepare),
        UiCommand::Do(Act::PrepareForMdt {
            patient: id.clone(),
        }),
    );
    if let Some(route) = route_to_other(v) {
        ui.b(
            format!("{} ({})", s::ASK_COLLEAGUE, route.name),
            UiCommand::Do(Act::Send(Outgoing {
                patient: Some(id.clone()),
                ask: Some(Ask::Information),
                facts: shareable(v, p, true),
                framing: Framing::Respectful,
                ..Outgoing::to(route.id.clone(), Channel::Phone)
            })),
        );
    }
    ui.h(s::WHAT_YOU_KNOW, 20.0);
    for f in &p.facts {
        ui.t(format!(
            "- {}{}",
            f.text,
            if f.sensitive { " (sensitive)" } else { "" }
        ));
    }
    ui.h(s::NEEDS, 20.0);
    if p.needs.is_empty() {
        ui.muted(s::NO_NEEDS_SEEN);
    }
    for n in &p.needs {
        let state = if n.met {
            s::MET.to_owned()
        } else if n.in_progress {
            s::IN_HAND.to_owned()
        } else {
            s::urgency(n.urgency).to_owned()
        };
        ui.coloured(
            format!(
                "{} [{state}] {}: {}",
                n.text,
                s::OWNER,
                n.owner_name.as_deref().unwrap_or(s::NOBODY)
            ),
            risk_colour(n),
        );
        if n.met || n.in_progress {
            continue;
        }
        if n.owner.is_none() {
            ui.b(
                s::CLAIM,
                UiCommand::Do(Act::ClaimNeed { need: n.id.clone() }),
            );
        }
        if let Some(m) = n.act_minutes {
            ui.b(
                format!("{} ({m} min)", s::ACT),
                UiCommand::Do(Act::ActOnNeed { need: n.id.clone() }),
            );
        }
        if let Some(k) = cheapest_affordable(v, n) {
            ui.b(
                format!("{} {} (£{})", s::COMMISSION, k.name, k.cost),
                UiCommand::Do(Act::Commission {
                    need: n.id.clone(),
                    package: k.id.clone(),
                }),
            );
        }
        if n.safeguarding {
            ui.b(
                s::SAFEGUARD,
                UiCommand::Do(Act::EscalateSafeguarding { need: n.id.clone() }),
            );
        }
        if let Some(route) = route_to_other(v) {
            ui.b(
                format!("{} ({})", s::REFER_TO_COLLEAGUE, route.name),
                UiCommand::Do(Act::Send(Outgoing {
                    patient: Some(p.id.clone()),
                    need: Some(n.id.clone()),
                    ask: Some(Ask::TakeOn),
                    facts: shareable(v, p, true),
                    framing: Framing::Respectful,
                    ..Outgoing::to(route.id.clone(), Channel::Phone)
                })),
            );
        }
    }
}

fn inbox(ui: &mut Ui, v: &RoleView) {
    ui.h(s::INBOX, 22.0);
    let waiting: Vec<_> = v.inbox.iter().filter(|m| !m.answered).collect();
    if waiting.is_empty() {
        ui.muted(s::NOTHING_WAITING);
    }
    for m in waiting.iter().rev().take(5) {
        ui.t(format!("{} - {}: {}", m.sent.label(), m.from_name, m.text));
        if m.ask.is_none() {
            continue;
        }
        let reply = |answer: Answer| {
            UiCommand::Do(Act::Reply(ReplyTo {
                message: m.id,
                answer,
                channel: Channel::Phone,
                facts: Vec::new(),
                framing: Framing::Respectful,
                text: String::new(),
            }))
        };
        ui.b(s::ACCEPT, reply(Answer::Accept));
        ui.b(s::DECLINE, reply(Answer::Decline { redirect: None }));
        if m.ask == Some(Ask::Information) {
            let facts = m
                .patient
                .as_deref()
                .and_then(|p| v.patient(p))
                .map(|p| shareable(v, p, true))
                .unwrap_or_default();
            ui.b(
                s::SHARE_INFO,
                UiCommand::Do(Act::Reply(ReplyTo {
                    message: m.id,
                    answer: Answer::Information,
                    channel: Channel::Phone,
                    facts,
                    framing: Framing::Respectful,
                    text: String::new(),
                })),
            );
        }
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
            ui.b(
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

fn handover(ui: &mut Ui, world: &World) {
    let game = world.resource::<Game>();
    let next = game
        .humans()
        .into_iter()
        .find(|r| *r != game.active)
        .unwrap_or(game.active);
    ui.h(format!("{}: {}", s::HANDOVER, next.label()), 40.0);
    ui.t(s::HANDOVER_TEXT);
    ui.b(s::CONTINUE, UiCommand::ContinueHandover);
}

/// The session so far, as played.
fn played(world: &World) -> Played {
    let log = world.resource::<crate::sim::EventLog>().clone();
    let catalog = world.resource::<crate::sim::Catalog>();
    Played {
        finished: *world.resource::<State<SessionPhase>>().get() == SessionPhase::Finished,
        score: crate::scoring::score(&log.entries, catalog),
        actions: world.resource::<Game>().recorded.clone(),
        log,
    }
}

fn players(game: &Game) -> Players {
    let who = |r: Role| {
        if game.humans().contains(&r) {
            Player::Person
        } else {
            Player::Computer(crate::bots::PolicyKind::Collaborative)
        }
    };
    Players {
        gp: who(Role::Gp),
        social_worker: who(Role::SocialWorker),
    }
}

fn debrief(ui: &mut Ui, world: &World) {
    let Some(sc) = picked(world) else { return };
    let game = world.resource::<Game>();
    let p = players(game);
    let d = Debrief::new(
        sc,
        game.setting.as_deref(),
        game.seed,
        [p.gp.to_string(), p.social_worker.to_string()],
        &played(world),
    );
    ui.h(format!("{}: {}", s::DEBRIEF, d.scenario.title), 36.0);
    ui.h(format!("{} {:+}", s::TEAM_SCORE, d.score.total), 30.0);
    for dm in &d.score.domains {
        ui.t(format!(
            "{}: {:+} (earned {:+}, lost {:+})",
            dm.label, dm.points, dm.gained, dm.lost
        ));
    }
    for (role, pts) in &d.score.roles {
        ui.muted(format!("{role}: {pts:+}"));
    }
    ui.h(s::CRISES, 22.0);
    for c in &d.crises {
        ui.coloured(
            format!("{} - {}, {}", c.outcome.to_uppercase(), c.patient, c.kind),
            if c.outcome == "averted" { GOOD } else { BAD },
        );
    }
    ui.b(s::SAVE_REPORT, UiCommand::Save);
    if let Some(saved) = &game.saved {
        ui.t(format!("{} {saved}", s::SAVED_TO));
    }
    ui.bk(s::QUIT, UiCommand::Quit, KeyCode::KeyQ, 'Q');
    ui.new_col();
    ui.h(s::BARRIERS_MET, 22.0);
    for b in d.barriers.iter().filter(|b| !b.met.is_empty()) {
        ui.t(format!("{} (met {} times)", b.barrier, b.met.len()));
        if !b.handled_well.is_empty() {
            ui.coloured(format!("+ {}", b.handled_well.join(", ")), GOOD);
        }
        if !b.handled_badly.is_empty() {
            ui.coloured(format!("- {}", b.handled_badly.join(", ")), BAD);
        }
    }
    ui.h(s::FOR_DISCUSSION, 22.0);
    for q in &d.scenario.discussion_prompts {
        ui.t(format!("- {q}"));
    }
    ui.new_col();
    ui.h(s::SCORED_ITEMS, 22.0);
    for i in d.items.iter().take(40) {
        ui.t(format!("{} {:+} {}", i.when, i.points, i.explanation));
    }
}

/// Saves the HTML debrief and the session file beside each other; returns where, or why not.
pub fn save(world: &mut World) -> String {
    let Some(sc) = picked(world).cloned() else {
        return "no scenario".into();
    };
    let game = world.resource::<Game>();
    let p = players(game);
    let played = played(world);
    let path = world
        .resource::<Library>()
        .entries
        .get(game.pick)
        .map(|e| e.path.clone());
    let file = SessionFile::new(
        &sc,
        path.as_deref(),
        game.setting.as_deref(),
        game.seed,
        p,
        &played,
    );
    let d = Debrief::new(
        &sc,
        game.setting.as_deref(),
        game.seed,
        [p.gp.to_string(), p.social_worker.to_string()],
        &played,
    );
    let dir = std::path::PathBuf::from("joined-up-sessions");
    let stem = format!("{}-{}", sc.get().id, game.seed);
    let result = std::fs::create_dir_all(&dir)
        .and_then(|_| file.write(&dir.join(format!("{stem}.session.ron"))))
        .and_then(|_| {
            crate::session::file::write_atomic(
                &dir.join(format!("{stem}.html")),
                crate::debrief::to_html(&d).as_bytes(),
            )
        });
    match result {
        Ok(()) => format!("{}/{stem}.html and {stem}.session.ron", dir.display()),
        Err(e) => format!("could not save: {e}"),
    }
}
