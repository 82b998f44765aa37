//! Each screen, built from the current state. Text comes from the scenario, the simulation's
//! views or [`super::strings`]; nothing here decides anything about the game.

use bevy::prelude::*;

use super::strings as s;
use super::widgets::{BAD, GOOD, INK, Ui};
use super::{DebriefTab, Game, Library, Mode, Screen, UiCommand};
use crate::debrief::Debrief;
use crate::scenario::ValidScenario;
use crate::self_assessment::Phase;
use crate::session::{Played, Player, Players, SessionFile};
use crate::sim::Role;

/// A page in a browser is closed with its tab, not a Quit button (which would leave a frozen
/// picture behind).
const QUIT_OFFERED: bool = cfg!(not(target_arch = "wasm32"));

/// Builds the current screen.
pub fn build(world: &mut World) -> Vec<Entity> {
    let screen = *world.resource::<State<Screen>>().get();
    let mut ui = Ui::default();
    match screen {
        Screen::Title => title(&mut ui, world),
        Screen::Picker => picker(&mut ui, world.resource::<Library>()),
        Screen::Setup => setup(&mut ui, world),
        Screen::Briefing => briefing(&mut ui, world),
        Screen::Play => super::play::play(&mut ui, world),
        Screen::Handover => handover(&mut ui, world),
        Screen::Paused => paused(&mut ui, world),
        Screen::Saved => saved(&mut ui, world),
        Screen::Debrief => debrief(&mut ui, world),
        #[cfg(feature = "lan")]
        Screen::Join | Screen::Lan | Screen::Host => super::lan::build(&mut ui, world, screen),
        #[cfg(not(feature = "lan"))]
        Screen::Join | Screen::Lan | Screen::Host => {}
    }
    ui.spawn(world)
}

fn title(ui: &mut Ui, world: &World) {
    ui.h(s::GAME_NAME, 64.0);
    ui.h(s::PURPOSE, 26.0);
    for line in s::HOW_TO_PLAY {
        ui.t(*line);
    }
    let game = world.resource::<Game>();
    if !game.interrupted.is_empty() {
        ui.coloured(s::INTERRUPTED, BAD);
        for i in game.interrupted.iter().take(3) {
            ui.b(i.label.clone(), UiCommand::Recover(i.path.clone()));
        }
    }
    ui.b(s::START, UiCommand::Go(Screen::Picker));
    ui.b(s::CONTINUE_SAVED, UiCommand::Go(Screen::Saved));
    #[cfg(feature = "lan")]
    ui.b(s::JOIN_LAN, UiCommand::Go(Screen::Join));
    if QUIT_OFFERED {
        ui.bk(s::QUIT, UiCommand::Quit, KeyCode::KeyQ, 'Q');
    }
    ui.muted(s::SHORTCUTS);
    if let Some(problem) = &world.resource::<Game>().refusal {
        ui.coloured(problem.clone(), BAD);
    }
}

fn paused(ui: &mut Ui, world: &World) {
    let game = world.resource::<Game>();
    ui.h(s::PAUSED, 48.0);
    if let Some(sc) = picked(world) {
        ui.t(sc.get().title.clone());
    }
    ui.b(s::RESUME, UiCommand::Go(Screen::Play));
    ui.b(s::SAVE_SESSION, UiCommand::Save);
    if let Some(saved) = &game.saved {
        ui.t(format!("{} {saved}", s::SAVED_TO));
    }
    ui.b(s::QUIT_TO_TITLE, UiCommand::Go(Screen::Title));
    if QUIT_OFFERED {
        ui.bk(s::SAVE_AND_QUIT, UiCommand::Quit, KeyCode::KeyQ, 'Q');
    }
    ui.muted(s::SHORTCUTS);
}

/// The session files in the save folder, newest first, to continue one.
fn saved(ui: &mut Ui, world: &World) {
    ui.h(s::SAVED_SESSIONS, 36.0);
    let game = world.resource::<Game>();
    if let Some(problem) = &game.refusal {
        ui.coloured(format!("{}: {problem}", s::CANNOT_RESUME), BAD);
    }
    if game.saved_list.is_empty() {
        ui.muted(s::NO_SAVED);
    }
    for f in game.saved_list.iter().take(30) {
        ui.b(f.label.clone(), UiCommand::Resume(f.path.clone()));
    }
    ui.bk(s::BACK, UiCommand::Go(Screen::Title), KeyCode::KeyB, 'B');
}

fn picker(ui: &mut Ui, library: &Library) {
    ui.h(s::CHOOSE_SCENARIO, 36.0);
    if library.entries.is_empty() {
        ui.t(s::NO_SCENARIOS);
    }
    // Two columns, so a whole library fits on one screen.
    let half = library.entries.len().div_ceil(2);
    for (i, e) in library.entries.iter().enumerate() {
        if i == half && i > 0 {
            ui.new_col();
        }
        match &e.scenario {
            Ok(sc) => {
                let sc = sc.get();
                ui.b(
                    format!("{} ({} {})", sc.title, sc.play_minutes, s::MINUTES_OF_PLAY),
                    UiCommand::Pick(i),
                );
                if e.reloaded {
                    ui.coloured(
                        format!("{} {}", e.path.display(), s::SCENARIO_RELOADED),
                        GOOD,
                    );
                }
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
    if let Some(problem) = &game.refusal {
        ui.coloured(problem.clone(), BAD);
    }
    ui.h(
        format!(
            "{}: {}",
            s::SETTING,
            game.setting.as_deref().unwrap_or(s::AS_WRITTEN)
        ),
        22.0,
    );
    let mut options = vec![(
        s::AS_WRITTEN.to_owned(),
        UiCommand::Setting(None),
        game.setting.is_none(),
    )];
    for (name, o) in &sc.get().settings {
        options.push((
            format!("{name}: {}", o.description),
            UiCommand::Setting(Some(name.clone())),
            game.setting.as_deref() == Some(name.as_str()),
        ));
    }
    ui.choices(options);
    ui.muted(s::SETTING_HINT);
    ui.t(s::PARTNER);
    ui.choices(
        crate::bots::PolicyKind::COLLEAGUES
            .into_iter()
            .map(|k| {
                (
                    s::temperament(k).to_owned(),
                    UiCommand::Partner(k),
                    game.partner_kind == k,
                )
            })
            .collect(),
    );
    ui.h(s::CHOOSE_ROLE, 26.0);
    ui.b(s::SOLO_AS_GP, UiCommand::Solo(Role::Gp));
    ui.b(s::SOLO_AS_SW, UiCommand::Solo(Role::SocialWorker));
    ui.b(s::HOTSEAT, UiCommand::Hotseat);
    #[cfg(feature = "lan")]
    {
        let rooms = world.resource::<super::Lan>().rooms;
        ui.b(s::HOST_LAN, UiCommand::Lan(super::LanCommand::Host));
        ui.muted(s::LAN_ROOMS_TO_HOST);
        ui.choices(
            [1, 2, 3, 4, 6, 8, 10, 12]
                .into_iter()
                .map(|n| {
                    (
                        n.to_string(),
                        UiCommand::Lan(super::LanCommand::Rooms(n)),
                        rooms == n,
                    )
                })
                .collect(),
        );
    }
    ui.bk(s::BACK, UiCommand::Go(Screen::Picker), KeyCode::KeyB, 'B');
}

/// What the role at the keyboard knows before play: their briefing, their week, their
/// caseload, the borough, and what the case is meant to teach. In hotseat each person reads
/// their own, with a handover between.
fn briefing(ui: &mut Ui, world: &World) {
    let Some(sc) = picked(world) else { return };
    let game = world.resource::<Game>();
    let sc = sc.get();
    let role = game.active;
    let def = match role {
        Role::Gp => &sc.roles.gp,
        Role::SocialWorker => &sc.roles.social_worker,
    };
    ui.h(format!("{}: {}", s::BRIEFING, sc.title), 36.0);
    if let Some(problem) = &game.refusal {
        ui.coloured(problem.clone(), BAD);
    }
    ui.h(format!("{} {} ({})", s::YOU_ARE, def.name, def.title), 22.0);
    ui.t(def.briefing.clone());
    let caseload: Vec<&str> = sc
        .patients
        .iter()
        .filter(|p| {
            p.caseload
                .as_ref()
                .is_none_or(|c| c.iter().any(|r| r == role.id()))
        })
        .map(|p| p.name.as_str())
        .collect();
    ui.t(format!("{}: {}", s::YOUR_CASELOAD, caseload.join(", ")));
    let week: Vec<String> = def
        .commitments
        .iter()
        .map(|c| s::commitment(&c.what, c.hours, c.half, &c.days))
        .collect();
    if !week.is_empty() {
        ui.muted(format!("{}: {}", s::YOUR_WEEK, week.join("; ")));
    }
    let borough = game
        .setting
        .as_deref()
        .and_then(|n| sc.settings.get(n))
        .map_or(s::AS_WRITTEN.to_owned(), |o| o.description.clone());
    ui.muted(format!("{}: {borough}", s::SETTING));
    ui.h(s::OBJECTIVES, 22.0);
    for o in &sc.learning_objectives {
        ui.t(format!("- {o}"));
    }
    if game.mode == Mode::Hotseat && role == Role::Gp {
        ui.b(s::BRIEF_NEXT, UiCommand::BriefNext);
    } else {
        ui.b(s::BEGIN, UiCommand::Begin);
    }
    ui.bk(s::BACK, UiCommand::Go(Screen::Setup), KeyCode::KeyB, 'B');
    // The self-assessment before play, in its own column: each person answers for themselves.
    ui.new_col();
    ui.wide();
    ui.h(s::BEFORE_YOU_START, 24.0);
    let inst = game.instrument.get();
    ui.muted(inst.title.clone());
    if !inst.instructions.is_empty() {
        ui.muted(inst.instructions.clone());
    }
    ui.muted(s::OPTIONAL);
    self_assessment(ui, game, role, Phase::Before);
}

fn handover(ui: &mut Ui, world: &World) {
    let game = world.resource::<Game>();
    let next = if game.handover_to_briefing {
        game.active
    } else {
        game.humans()
            .into_iter()
            .find(|r| *r != game.active)
            .unwrap_or(game.active)
    };
    ui.h(format!("{}: {}", s::HANDOVER, next.label()), 40.0);
    ui.t(s::HANDOVER_TEXT);
    ui.b(s::CONTINUE, UiCommand::ContinueHandover);
}

/// Who plays each role at this keyboard: people, and the computer colleague.
pub(super) fn players(game: &Game) -> Players {
    let who = |r: Role| {
        if game.humans().contains(&r) {
            Player::Person
        } else {
            Player::Computer(game.partner_kind)
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
        &Played::of(world),
    )
    .with_self_assessment(Some(&game.self_assessment));
    // The first column: where you are in the debrief, and the way out.
    ui.h(format!("{}: {}", s::DEBRIEF, d.scenario.title), 32.0);
    ui.muted(format!(
        "{}: {}; {}: {}",
        Role::Gp.label(),
        d.players["gp"],
        Role::SocialWorker.label(),
        d.players["social_worker"]
    ));
    let tabs = [
        (DebriefTab::Reactions, s::TAB_REACTIONS, KeyCode::KeyR, 'R'),
        (DebriefTab::Analysis, s::TAB_ANALYSIS, KeyCode::KeyA, 'A'),
        (DebriefTab::Knowledge, s::TAB_KNOWLEDGE, KeyCode::KeyW, 'W'),
        (DebriefTab::Timeline, s::TAB_TIMELINE, KeyCode::KeyT, 'T'),
        (
            DebriefTab::Application,
            s::TAB_APPLICATION,
            KeyCode::KeyN,
            'N',
        ),
    ];
    for (tab, label, key, name) in tabs {
        let label = if game.debrief_tab == tab {
            format!("{} {label}", s::CHOSEN_MARK)
        } else {
            label.to_owned()
        };
        ui.bk(&label, UiCommand::DebriefTab(tab), key, name);
    }
    if matches!(
        game.debrief_tab,
        DebriefTab::Analysis | DebriefTab::Timeline | DebriefTab::Application
    ) {
        let mut views = vec![(
            s::VIEW_TEAM.to_owned(),
            UiCommand::DebriefView(None),
            game.debrief_view.is_none(),
        )];
        for r in Role::BOTH {
            views.push((
                r.label().to_owned(),
                UiCommand::DebriefView(Some(r)),
                game.debrief_view == Some(r),
            ));
        }
        ui.choices(views);
    }
    if let Some(problem) = &game.refusal {
        ui.coloured(problem.clone(), BAD);
    }
    ui.b(s::SAVE_REPORT, UiCommand::Save);
    if let Some(saved) = &game.saved {
        ui.t(format!("{} {saved}", s::SAVED_TO));
    }
    if super::store::DOWNLOADS {
        ui.b(s::DOWNLOAD_REPORT, UiCommand::Download(true));
        ui.b(s::DOWNLOAD_SESSION, UiCommand::Download(false));
    }
    ui.b(s::PLAY_AGAIN, UiCommand::Go(Screen::Setup));
    ui.b(s::TO_TITLE, UiCommand::Go(Screen::Title));
    if QUIT_OFFERED {
        ui.bk(s::QUIT, UiCommand::Quit, KeyCode::KeyQ, 'Q');
    }
    match game.debrief_tab {
        DebriefTab::Reactions => reactions(ui, &d),
        DebriefTab::Analysis => analysis(ui, &d, game.debrief_view),
        DebriefTab::Knowledge => knowledge(ui, &d),
        DebriefTab::Timeline => timeline(ui, &d, game.debrief_view),
        DebriefTab::Application => application(ui, &d, game),
    }
}

/// Phase 1: what happened and how it felt, before any score.
fn reactions(ui: &mut Ui, d: &Debrief) {
    ui.new_col();
    ui.wide();
    ui.h(s::WHAT_HAPPENED, 24.0);
    ui.muted(s::REACTIONS_LEAD);
    for line in &d.reactions.story {
        ui.t(format!("- {line}"));
    }
    ui.h(s::CRISES, 22.0);
    for c in &d.crises {
        ui.coloured(
            format!(
                "{}{} - {}, {}",
                c.outcome.to_uppercase(),
                c.when.as_ref().map(|w| format!(" {w}")).unwrap_or_default(),
                c.patient,
                c.kind
            ),
            if c.outcome == "averted" { GOOD } else { BAD },
        );
    }
    ui.new_col();
    ui.h(s::ASK_FIRST, 24.0);
    for (i, q) in d.reactions.prompts.iter().enumerate() {
        ui.t(format!("{}. {q}", i + 1));
    }
}

/// Phase 2: the moments that mattered, the score, each role's part, the barriers.
fn analysis(ui: &mut Ui, d: &Debrief, view: Option<Role>) {
    ui.new_col();
    ui.wide();
    ui.h(s::MOMENTS, 24.0);
    if d.moments.is_empty() {
        ui.muted(s::NO_MOMENTS);
    }
    for m in &d.moments {
        let colour = match m.kind {
            "averted" => GOOD,
            "swing" if m.points.is_some_and(|p| p > 0) => GOOD,
            _ => BAD,
        };
        ui.coloured(m.when.clone(), colour);
        ui.t(m.what.clone());
        ui.muted(format!("{} {}", s::ASK, m.prompt));
    }
    if !d.scenario.discussion_prompts.is_empty() {
        ui.h(s::FROM_THE_AUTHOR, 22.0);
        for q in &d.scenario.discussion_prompts {
            ui.t(format!("- {q}"));
        }
    }
    ui.new_col();
    ui.h(format!("{} {:+}", s::TEAM_SCORE, d.score.total), 26.0);
    for dm in &d.score.domains {
        ui.t(s::domain_points(dm.label, dm.points, dm.gained, dm.lost));
    }
    for r in d
        .roles
        .iter()
        .filter(|r| view.is_none_or(|v| v.id() == r.key))
    {
        ui.h(
            format!("{} ({}): {:+}", r.role, r.player, r.contribution),
            20.0,
        );
        if !r.best.is_empty() {
            ui.muted(s::BEST_MOMENTS);
            for i in &r.best {
                ui.coloured(
                    format!("{:+} {} ({})", i.points, i.explanation, i.when),
                    GOOD,
                );
            }
        }
        if !r.worst.is_empty() {
            ui.muted(s::COSTLIEST);
            for i in &r.worst {
                ui.coloured(
                    format!("{:+} {} ({})", i.points, i.explanation, i.when),
                    BAD,
                );
            }
        }
        if view.is_some() && !r.waited_for.is_empty() {
            ui.muted(s::WENT_WITHOUT);
            for w in &r.waited_for {
                ui.t(format!("- {w}"));
            }
        }
    }
    ui.new_col();
    ui.h(s::BARRIERS_MET, 22.0);
    for b in d.barriers.iter().filter(|b| !b.met.is_empty()) {
        ui.t(s::met_times(b.barrier, b.met.len()));
        if !b.handled_well.is_empty() {
            ui.coloured(format!("+ {}", b.handled_well.join(", ")), GOOD);
        }
        if !b.handled_badly.is_empty() {
            ui.coloured(format!("- {}", b.handled_badly.join(", ")), BAD);
        }
    }
    ui.h(s::SCORED_ITEMS, 22.0);
    let label = view.map(|r| r.label());
    for i in d
        .items
        .iter()
        .filter(|i| label.is_none_or(|l| i.roles.contains(&l)))
        .take(60)
    {
        ui.t(format!("{} {:+} {}", i.when, i.points, i.explanation));
    }
}

/// Who knew what, when: each fact that mattered, with each role's story of it.
fn knowledge(ui: &mut Ui, d: &Debrief) {
    ui.new_col();
    ui.wide();
    ui.h(s::TAB_KNOWLEDGE, 24.0);
    ui.muted(s::KNOWLEDGE_LEAD);
    if d.knowledge.is_empty() {
        ui.t(s::NO_KNOWLEDGE);
    }
    let half = d.knowledge.len().min(24).div_ceil(2);
    for (i, t) in d.knowledge.iter().take(24).enumerate() {
        if i == half && i > 0 {
            ui.new_col();
            ui.wide();
        }
        let head = if t.gap > 0 {
            format!("{} ({}): {} {}", t.text, t.patient, s::GAP, t.gap)
        } else {
            format!("{} ({})", t.text, t.patient)
        };
        ui.coloured(head, if t.gap > 0 { BAD } else { INK });
        for k in &t.roles {
            if k.waited > 0 {
                ui.coloured(format!("  {}", k.sentence()), BAD);
            } else {
                ui.muted(format!("  {}", k.sentence()));
            }
        }
    }
}

/// Phase 3: objectives, questions for practice, and the self-assessment after.
fn application(ui: &mut Ui, d: &Debrief, game: &Game) {
    ui.new_col();
    ui.h(s::OBJECTIVES, 22.0);
    for o in &d.scenario.learning_objectives {
        ui.t(format!("- {o}"));
    }
    ui.h(s::INTO_PRACTICE, 22.0);
    for (i, q) in d.application.iter().enumerate() {
        ui.t(format!("{}. {q}", i + 1));
    }
    ui.new_col();
    ui.wide();
    ui.h(s::SELF_ASSESSMENT, 24.0);
    let humans = game.humans();
    let role = match (game.debrief_view, humans.as_slice()) {
        (Some(r), _) if humans.contains(&r) => Some(r),
        (_, [only]) => Some(*only),
        _ => None,
    };
    let Some(role) = role else {
        ui.t(s::WHOSE_ASSESSMENT);
        for r in humans {
            ui.plain(r.label(), UiCommand::DebriefView(Some(r)));
        }
        return;
    };
    // Their own means, once they have answered every statement again (not before, so the
    // first answers do not anchor the second).
    let answered_after = game.self_assessment.of(role).map_or(0, |a| a.after.len());
    if let Some(info) = d
        .self_assessment
        .as_ref()
        .and_then(|a| a.roles.iter().find(|x| x.key == role.id()))
        .filter(|_| answered_after >= game.instrument.get().items.len())
    {
        ui.muted(s::MEANS);
        let f = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"));
        for row in &info.rows {
            ui.muted(format!(
                "  {}: {}, {}",
                row.domain,
                f(row.before),
                f(row.after)
            ));
        }
    }
    ui.h(format!("{} ({})", s::AFTER_DEBRIEF, role.label()), 20.0);
    let retrospective = game.instrument.get().retrospective_before;
    self_assessment(ui, game, role, Phase::After);
    if retrospective {
        ui.h(s::LOOKING_BACK, 20.0);
        self_assessment(ui, game, role, Phase::Retrospective);
    }
}

/// The instrument's statements, each with a row of answers; the chosen one marked.
pub(super) fn self_assessment(ui: &mut Ui, game: &Game, role: Role, phase: Phase) {
    let inst = game.instrument.get();
    let answers = game.self_assessment.of(role).map(|a| a.phase(phase));
    for item in &inst.items {
        ui.t(item.text.clone());
        let chosen = answers.and_then(|a| a.get(&item.id)).copied();
        ui.choices(
            inst.scale
                .iter()
                .enumerate()
                .map(|(k, label)| {
                    let value = (k + 1) as u8;
                    (
                        label.clone(),
                        UiCommand::Rate(role, phase, item.id.clone(), value),
                        chosen == Some(value),
                    )
                })
                .collect(),
        );
    }
}

/// The debrief's timeline: both roles' actions side by side (or one role's), half-day by
/// half-day, with what happened around them.
fn timeline(ui: &mut Ui, d: &Debrief, view: Option<Role>) {
    type Lines = fn(&crate::debrief::SlotInfo) -> &Vec<String>;
    let columns: [(Option<Role>, &str, Lines); 3] = [
        (Some(Role::Gp), Role::Gp.label(), |r| &r.gp),
        (Some(Role::SocialWorker), Role::SocialWorker.label(), |r| {
            &r.social_worker
        }),
        (None, s::BOROUGH_EVENTS, |r| &r.borough),
    ];
    for (role, heading, lines) in columns {
        if role.is_some() && view.is_some() && role != view {
            continue;
        }
        ui.new_col();
        ui.h(format!("{}: {heading}", s::TIMELINE), 22.0);
        for row in &d.timeline {
            let lines = lines(row);
            if lines.is_empty() {
                continue;
            }
            ui.t(row.when.clone());
            for l in lines {
                ui.muted(format!("- {l}"));
            }
        }
    }
}

/// The session in the window as it stands: its file and its debrief, both with the
/// self-assessment.
fn this_session(world: &World, sc: &ValidScenario) -> (SessionFile, Debrief) {
    let game = world.resource::<Game>();
    let p = players(game);
    let played = Played::of(world);
    let path = world
        .resource::<Library>()
        .entries
        .get(game.pick)
        .map(|e| e.path.clone());
    let file = SessionFile::new(
        sc,
        path.as_deref(),
        game.setting.as_deref(),
        game.seed,
        p,
        &played,
    )
    .with_self_assessment(Some(&game.self_assessment));
    let d = Debrief::new(
        sc,
        game.setting.as_deref(),
        game.seed,
        [p.gp.to_string(), p.social_worker.to_string()],
        &played,
    )
    .with_self_assessment(Some(&game.self_assessment));
    (file, d)
}

/// Offers the report (`report`) or the session file for download (the web build).
pub fn download(world: &mut World, report: bool) -> String {
    let Some(sc) = picked(world).cloned() else {
        return s::CASE_UNAVAILABLE.into();
    };
    let (file, d) = this_session(world, &sc);
    let game = world.resource::<Game>();
    let stem = game.save_as.clone().unwrap_or_else(|| sc.get().id.clone());
    let (name, mime, text) = if report {
        (
            format!("{stem}.html"),
            "text/html",
            crate::debrief::to_html(&d),
        )
    } else {
        match file.to_text() {
            Ok(t) => (format!("{stem}.session.ron"), "text/plain", t),
            Err(e) => return format!("{}: {e}", s::COULD_NOT_SAVE),
        }
    };
    match super::store::download(&name, mime, &text) {
        Ok(()) => format!("{} {name}", s::DOWNLOADED),
        Err(e) => e,
    }
}

/// Saves the HTML debrief and the session file beside each other; returns where, or why not.
pub fn save(world: &mut World) -> String {
    let Some(sc) = picked(world).cloned() else {
        return s::CASE_UNAVAILABLE.into();
    };
    if !world.resource::<Game>().in_session {
        return s::NO_SESSION.into();
    }
    let (file, d) = this_session(world, &sc);
    let game = world.resource::<Game>();
    let dir = game.saves.clone();
    let stem = game.save_as.clone().unwrap_or_else(|| {
        let now = crate::clock::unix_seconds();
        format!("{}-seed{}-{now}", sc.get().id, game.seed)
    });
    let result = file
        .to_text()
        .map_err(std::io::Error::other)
        .and_then(|text| super::store::write(&dir, &format!("{stem}.session.ron"), text.as_bytes()))
        .and_then(|_| {
            super::store::write(
                &dir,
                &format!("{stem}.html"),
                crate::debrief::to_html(&d).as_bytes(),
            )
        });
    if result.is_ok() {
        world.resource_mut::<Game>().save_as = Some(stem.clone());
    }
    match result {
        Ok(()) => s::saved_as(&dir.display().to_string(), &stem),
        Err(e) => format!("{}: {e}", s::COULD_NOT_SAVE),
    }
}
