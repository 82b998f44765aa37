//! From a click or a key to a [`UiCommand`], and from a command to what it does: change
//! screen, set up the session, or send the person's choice as an action from their seat.

use bevy::prelude::*;

use super::game::{Game, Mode};
use super::library::Library;
use super::{Dirty, Press, Screen, Shortcut, UiCommand, saves, screens, strings};
use crate::sim::{Act, PlayerAction, Role, Seat, SimSystems, start_session, step};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            press_buttons,
            press_keys,
            super::widgets::press_focused,
            handle_commands,
        )
            .chain()
            .before(SimSystems::Step),
    );
}

fn press_buttons(
    buttons: Query<(&Interaction, &Press), Changed<Interaction>>,
    mut out: MessageWriter<UiCommand>,
) {
    for (i, p) in &buttons {
        if *i == Interaction::Pressed {
            out.write(p.0.clone());
        }
    }
}

fn press_keys(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    shortcuts: Query<(&Shortcut, &Press)>,
    screen: Res<State<Screen>>,
    game: Res<Game>,
    mut out: MessageWriter<UiCommand>,
) {
    let Some(keys) = keys else { return };
    let drafting = game.draft.is_some();
    for (s, p) in &shortcuts {
        if keys.just_pressed(s.0) {
            out.write(p.0.clone());
            return;
        }
    }
    if keys.just_pressed(KeyCode::Equal) || keys.just_pressed(KeyCode::NumpadAdd) {
        out.write(UiCommand::Zoom(1));
        return;
    }
    if keys.just_pressed(KeyCode::Minus) || keys.just_pressed(KeyCode::NumpadSubtract) {
        out.write(UiCommand::Zoom(-1));
        return;
    }
    if keys.just_pressed(KeyCode::Escape) {
        let back = match screen.get() {
            Screen::Picker | Screen::Saved => Some(UiCommand::Go(Screen::Title)),
            Screen::Setup => Some(UiCommand::Go(Screen::Picker)),
            Screen::Briefing => Some(UiCommand::Go(Screen::Setup)),
            Screen::Play if drafting => Some(UiCommand::CloseDraft),
            Screen::Play => Some(UiCommand::Go(Screen::Paused)),
            Screen::Paused => Some(UiCommand::Go(Screen::Play)),
            Screen::Lan if drafting => Some(UiCommand::CloseDraft),
            Screen::Join => Some(UiCommand::Go(Screen::Title)),
            _ => None,
        };
        if let Some(b) = back {
            out.write(b);
        }
    }
}

fn handle_commands(
    mut commands: MessageReader<UiCommand>,
    mut next: ResMut<NextState<Screen>>,
    mut game: ResMut<Game>,
    library: Res<Library>,
    mut actions: MessageWriter<PlayerAction>,
    mut dirty: ResMut<Dirty>,
    mut start: Commands,
    mut journal: Option<ResMut<crate::session::journal::JournalWriter>>,
    mut remote: ResMut<super::game::RemoteSeat>,
) {
    for c in commands.read() {
        dirty.0 = true;
        match c {
            UiCommand::Pick(i) => {
                if let Some(Ok(sc)) = library.entries.get(*i).map(|e| &e.scenario) {
                    // A borough this case does not have falls back to the case as written.
                    if game
                        .setting
                        .as_ref()
                        .is_some_and(|n| !sc.get().settings.contains_key(n))
                    {
                        game.setting = None;
                    }
                    game.pick = *i;
                    next.set(Screen::Setup);
                }
            }
            UiCommand::Setting(s) => game.setting = s.clone(),
            UiCommand::Solo(r) => {
                game.mode = Mode::Solo(*r);
                game.active = *r;
                game.fresh_self_assessment();
                next.set(Screen::Briefing);
            }
            UiCommand::Hotseat => {
                game.mode = Mode::Hotseat;
                game.active = Role::Gp;
                game.fresh_self_assessment();
                next.set(Screen::Briefing);
            }
            UiCommand::Begin => {
                game.save_as = None;
                game.resuming.clear();
                begin(&mut game, &library, &mut next, &mut start);
            }
            UiCommand::Resume(path) => match saves::prepare(&mut game, &library, path) {
                Ok(_) => begin(&mut game, &library, &mut next, &mut start),
                Err(e) => game.refusal = Some(e),
            },
            UiCommand::Recover(path) => match saves::prepare_journal(&mut game, &library, path) {
                Ok((_, lost)) => {
                    begin(&mut game, &library, &mut next, &mut start);
                    game.feedback = Some(
                        if lost {
                            strings::LAST_ACTION_LOST
                        } else {
                            strings::RECOVERED
                        }
                        .to_owned(),
                    );
                }
                Err(e) => game.refusal = Some(e),
            },
            UiCommand::Select(p) => game.selected = Some(p.clone()),
            UiCommand::Do(act) => {
                game.refusal = None;
                game.feedback = match act {
                    Act::EndTurn => None,
                    Act::Send(_) => Some(strings::SENT.to_owned()),
                    other => Some(format!("{} {}.", strings::DONE, other.verb())),
                };
                if matches!(act, Act::EndTurn) {
                    game.draft = None;
                }
                game.package_for = None;
                if remote.joined {
                    // The host assigns the seat.
                    remote.outbox.push(act.clone());
                } else {
                    actions.write(game.from_keyboard(act.clone()));
                }
            }
            UiCommand::Compose(patient, need) => {
                if patient.is_some() {
                    game.selected = patient.clone();
                }
                game.draft = Some(super::compose::Draft::about(patient.clone(), need.clone()));
            }
            UiCommand::Reply(message, patient, need) => {
                game.draft = Some(super::compose::Draft::reply(
                    *message,
                    patient.clone(),
                    need.clone(),
                ));
            }
            UiCommand::Note(patient) => {
                game.selected = Some(patient.clone());
                game.draft = Some(super::compose::Draft::note(patient.clone()));
            }
            UiCommand::ChoosePackage(need) => game.package_for = need.clone(),
            UiCommand::PlanDraft(patient) => {
                game.plan = patient.as_ref().map(|p| super::game::PlanDraft {
                    patient: p.clone(),
                    owners: Default::default(),
                });
            }
            UiCommand::PlanOwner(need, owner) => {
                if let Some(plan) = game.plan.as_mut() {
                    plan.owners.insert(need.clone(), owner.clone());
                }
            }
            UiCommand::Partner(kind) => game.partner_kind = *kind,
            UiCommand::Edit(e) => {
                if let Some(d) = game.draft.as_mut() {
                    d.apply(e);
                }
            }
            UiCommand::CloseDraft => game.draft = None,
            UiCommand::Go(Screen::Title) => {
                // Leaving a session: it is over for saving and resuming purposes, and its
                // journal is no longer needed.
                close_journal(&mut start);
                game.refusal = None;
                game.in_session = false;
                game.save_as = None;
                game.resuming.clear();
                game.draft = None;
                next.set(Screen::Title);
            }
            UiCommand::Go(Screen::Saved) => {
                game.saved_list = saves::list(&game.saves);
                next.set(Screen::Saved);
            }
            UiCommand::Go(Screen::Setup) if game.in_session => {
                // Playing the case again leaves this session.
                close_journal(&mut start);
                game.in_session = false;
                next.set(Screen::Setup);
            }
            UiCommand::Go(s) => next.set(*s),
            UiCommand::DebriefTab(t) => game.debrief_tab = *t,
            UiCommand::DebriefView(v) => game.debrief_view = *v,
            UiCommand::Rate(role, phase, item, value) => {
                // Only the people at this keyboard answer, each for their own role.
                if game.humans().contains(role) {
                    if let Err(e) = game.self_assessment.answer(*role, *phase, item, *value) {
                        game.refusal = Some(e.to_string());
                        continue;
                    }
                    if remote.joined {
                        // The host keeps them with the room's session.
                        remote.answers.push((*phase, item.clone(), *value));
                    }
                    if let Some(w) = journal.as_mut() {
                        // Kept as it is given, like every action.
                        w.record(&crate::session::journal::Record::Answer {
                            role: *role,
                            phase: *phase,
                            item: item.clone(),
                            value: *value,
                        });
                    }
                    if *phase != crate::self_assessment::Phase::Before && game.in_session {
                        // After the debrief the session is over: keep the answers with it.
                        start.queue(|world: &mut World| {
                            let saved = screens::save(world);
                            world.resource_mut::<Game>().saved = Some(saved);
                        });
                    }
                }
            }
            UiCommand::BriefNext => {
                if game.mode == Mode::Hotseat {
                    game.active = Role::SocialWorker;
                    game.handover_to_briefing = true;
                    next.set(Screen::Handover);
                }
            }
            UiCommand::ContinueHandover if game.handover_to_briefing => {
                game.handover_to_briefing = false;
                next.set(Screen::Briefing);
            }
            UiCommand::ContinueHandover => {
                game.draft = None;
                let humans = game.humans();
                game.active = humans
                    .into_iter()
                    .find(|r| *r != game.active)
                    .unwrap_or(game.active);
                game.selected = None;
                next.set(Screen::Play);
            }
            UiCommand::Save => {
                start.queue(|world: &mut World| {
                    let saved = screens::save(world);
                    world.resource_mut::<Game>().saved = Some(saved);
                    world.resource_mut::<Dirty>().0 = true;
                });
            }
            UiCommand::Download(report) => {
                let report = *report;
                start.queue(move |world: &mut World| {
                    let said = screens::download(world, report);
                    world.resource_mut::<Game>().saved = Some(said);
                    world.resource_mut::<Dirty>().0 = true;
                });
            }
            UiCommand::Zoom(step) => {
                let step = *step;
                start.queue(move |world: &mut World| {
                    world
                        .get_resource_or_init::<super::zoom::TextZoom>()
                        .step(step);
                });
            }
            UiCommand::Lan(c) => {
                let _c = c.clone();
                #[cfg(feature = "lan")]
                start.queue(move |world: &mut World| super::lan::apply(world, _c));
            }
            UiCommand::Quit => {
                // Quitting in the middle of a session keeps it: it is saved to finish later.
                start.queue(|world: &mut World| {
                    let screen = *world.resource::<State<Screen>>().get();
                    let playing = world
                        .get_resource::<State<crate::sim::SessionPhase>>()
                        .is_some_and(|p| *p.get() == crate::sim::SessionPhase::Playing);
                    if world.resource::<Game>().in_session
                        && playing
                        && matches!(screen, Screen::Play | Screen::Paused | Screen::Handover)
                    {
                        let saved = screens::save(world);
                        info!("saved before quitting: {saved}");
                    }
                    // A deliberate quit leaves nothing to recover (the session, if one was being
                    // played, is in its file now).
                    if let Some(w) =
                        world.remove_resource::<crate::session::journal::JournalWriter>()
                    {
                        let _ = std::fs::remove_file(w.path());
                    }
                    world.write_message(AppExit::Success);
                });
            }
        }
    }
}

/// Closes the session's journal and removes its file: the session was left on purpose.
fn close_journal(start: &mut Commands) {
    start.queue(|world: &mut World| {
        if let Some(w) = world.remove_resource::<crate::session::journal::JournalWriter>() {
            let _ = std::fs::remove_file(w.path());
        }
        let mut game = world.resource_mut::<Game>();
        game.interrupted = saves::interrupted(&game.saves);
    });
}

/// Starts the chosen session. A resumed one has its saved actions played back at once, each
/// from the seat the file recorded, so the person carries on exactly where they left off.
/// Every action from here on is journalled as it is taken (`<stem>.journal` beside the saves),
/// so a crash loses at most the action in flight.
fn begin(game: &mut Game, library: &Library, next: &mut NextState<Screen>, start: &mut Commands) {
    let Some(Ok(s)) = library.entries.get(game.pick).map(|e| &e.scenario) else {
        game.refusal = Some(strings::CASE_UNAVAILABLE.to_owned());
        return;
    };
    if let Some(name) = &game.setting
        && !s.get().settings.contains_key(name)
    {
        game.refusal = Some(format!("{} {name}", strings::NO_SUCH_SETTING));
        game.resuming.clear();
        return;
    }
    let (s, setting, seed) = (s.clone(), game.setting.clone(), game.seed);
    game.partner = match game.mode {
        Mode::Solo(r) => Some(std::sync::Mutex::new(crate::bots::ComputerSeat::new(
            game.partner_kind,
            r.other(),
            seed,
        ))),
        Mode::Hotseat => None,
    };
    game.draft = None;
    game.plan = None;
    game.package_for = None;
    game.selected = None;
    game.refusal = None;
    game.feedback = None;
    game.saved = None;
    game.debrief_tab = super::DebriefTab::Reactions;
    game.debrief_view = None;
    game.in_session = true;
    let resuming = std::mem::take(&mut game.resuming);
    let resumed = !resuming.is_empty();
    let hotseat = game.mode == Mode::Hotseat;
    // The file name this session saves to, and journals to, from the start.
    let stem = game.save_as.get_or_insert_with(|| {
        let now = crate::clock::unix_seconds();
        format!("{}-seed{seed}-{now}", s.get().id)
    });
    let journal_path = game.saves.join(format!("{stem}.journal"));
    let header = crate::session::journal::Header::new(
        &s,
        library.entries.get(game.pick).map(|e| e.path.as_path()),
        setting.as_deref(),
        seed,
        screens::players(game),
    );
    let answers = game.self_assessment.clone();
    start.queue(move |world: &mut World| {
        use crate::session::journal::{Journal, JournalWriter, Record};
        world.remove_resource::<JournalWriter>();
        if let Err(e) = start_session(world, &s, setting.as_deref(), seed) {
            world.resource_mut::<Game>().refusal = Some(e);
            return;
        }
        // A browser has no files to journal to: the web build saves to its storage instead.
        let journalled = !cfg!(target_arch = "wasm32");
        if journalled {
            match Journal::create(&journal_path, &header) {
                Ok(j) => {
                    let mut w = JournalWriter::new(j);
                    for a in Record::answers(&answers) {
                        w.record(&a);
                    }
                    world.insert_resource(w);
                }
                Err(e) => {
                    world.resource_mut::<Game>().refusal = Some(format!(
                        "{} {}: {e}",
                        strings::NO_JOURNAL,
                        journal_path.display()
                    ));
                }
            }
        }
        for a in resuming {
            let _ = step(world, &Seat::assign(a.role).act(a.act));
        }
        if hotseat && resumed {
            // Whoever's half-day it is takes the keyboard through the handover screen, so
            // nobody sees a view that is not theirs.
            let due = Role::BOTH
                .into_iter()
                .find(|r| !crate::sim::RoleView::of(world, *r).ended_turn)
                .unwrap_or(Role::Gp);
            world.resource_mut::<Game>().active = due.other();
            world
                .resource_mut::<NextState<Screen>>()
                .set(Screen::Handover);
        }
    });
    if hotseat && !resumed {
        // The social worker read their briefing last: the GP takes the keyboard for the first
        // half-day, through the handover screen.
        game.active = Role::SocialWorker;
        next.set(Screen::Handover);
    } else {
        next.set(Screen::Play);
    }
}
