//! The window's flow, driven headless through the same commands its buttons and keys send:
//! choose a case and a role, play every half-day, read the debrief.

#![cfg(feature = "gui")]

use bevy::prelude::*;
use joined_up::scenario::Channel;
use joined_up::self_assessment::Phase;
use joined_up::sim::{Act, Ask, EventLog, Framing, LogKind, Role, RoleView, SimPlugin};
use joined_up::ui::compose::{AskChoice, Assessment, Edit};
use joined_up::ui::{
    Buttons, DebriefTab, Game, Launch, Library, Press, Screen, Seating, UiCommand, UiPlugin,
};

/// Every character shown is in the window's font (no empty boxes on a projector).
fn assert_drawable(shown: &str) {
    use skrifa::MetadataProvider;
    let bytes = include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Regular.ttf");
    let font = skrifa::FontRef::new(bytes).unwrap();
    let map = font.charmap();
    let missing: std::collections::BTreeSet<char> = shown
        .chars()
        .filter(|c| !c.is_control() && map.map(*c).is_none())
        .collect();
    assert!(missing.is_empty(), "the font cannot draw {missing:?}");
}

/// A folder of this test's own for saves and journals (never the repository's).
fn saves_dir() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("ui-saves")
        .join(format!("{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn app() -> App {
    app_with(Launch::default())
}

fn app_with(launch: Launch) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SimPlugin))
        .add_plugins(UiPlugin {
            launch: Launch {
                saves: launch.saves.or_else(|| Some(saves_dir())),
                ..launch
            },
        });
    app.update();
    app
}

fn send(app: &mut App, c: UiCommand) {
    app.world_mut().write_message(c);
    app.update();
    app.update();
}

/// Every text on the screen, in order.
fn texts(app: &mut App) -> String {
    let mut q = app.world_mut().query::<&Text>();
    q.iter(app.world())
        .map(|t| t.0.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

#[test]
fn a_whole_solo_session_from_title_to_debrief() {
    let mut app = app();
    assert_eq!(screen(&app), Screen::Title);
    assert!(texts(&mut app).contains("Joined Up"));
    send(&mut app, UiCommand::Go(Screen::Picker));
    let shown = texts(&mut app);
    assert!(shown.contains("Home from hospital"), "{shown}");
    assert!(shown.contains("Teaches:"), "{shown}");
    let index = app
        .world()
        .resource::<Library>()
        .entries
        .iter()
        .position(|e| e.path.ends_with("home_from_hospital.scenario.ron"))
        .unwrap();
    send(&mut app, UiCommand::Pick(index));
    assert_eq!(screen(&app), Screen::Setup);
    send(&mut app, UiCommand::Setting(Some("integrated".into())));
    let shown = texts(&mut app);
    assert!(shown.contains("Borough: integrated"), "{shown}");
    assert!(
        shown.contains("(x) integrated"),
        "the choice is marked in words: {shown}"
    );
    send(&mut app, UiCommand::Solo(joined_up::sim::Role::Gp));
    assert_eq!(screen(&app), Screen::Briefing);
    let shown = texts(&mut app);
    assert!(shown.contains("You are Dr Nadia Osei"), "{shown}");
    // The self-assessment before play, on the briefing: every statement, nothing chosen.
    let items: Vec<(String, String)> = app
        .world()
        .resource::<Game>()
        .instrument
        .get()
        .items
        .iter()
        .map(|i| (i.id.clone(), i.text.clone()))
        .collect();
    assert!(shown.contains("Before you start"), "{shown}");
    for (_, text) in &items {
        assert!(shown.contains(text.as_str()), "{text} missing: {shown}");
    }
    assert!(
        !shown.contains("(x) Agree"),
        "nothing is chosen for the player: {shown}"
    );
    let before = Phase::Before;
    send(
        &mut app,
        UiCommand::Rate(Role::Gp, before, items[0].0.clone(), 2),
    );
    send(
        &mut app,
        UiCommand::Rate(Role::Gp, before, items[1].0.clone(), 3),
    );
    // The computer colleague has no self-assessment to give: an answer for its seat is ignored.
    send(
        &mut app,
        UiCommand::Rate(Role::SocialWorker, before, items[0].0.clone(), 5),
    );
    assert!(texts(&mut app).contains("(x) Disagree"));
    {
        let game = app.world().resource::<Game>();
        assert_eq!(game.self_assessment.of(Role::Gp).unwrap().before.len(), 2);
        assert!(game.self_assessment.of(Role::SocialWorker).is_none());
    }
    send(&mut app, UiCommand::Begin);
    assert_eq!(screen(&app), Screen::Play);
    let shown = texts(&mut app);
    assert!(shown.contains("Day 1 morning"), "{shown}");
    assert!(shown.contains("Mr Walter Hale"), "{shown}");
    assert!(
        shown.contains("Discharge summary"),
        "the GP knows it: {shown}"
    );

    send(
        &mut app,
        UiCommand::Do(Act::Assess {
            patient: "mr_hale".into(),
        }),
    );
    // End every half-day; the computer social worker plays its own.
    for _ in 0..200 {
        if screen(&app) == Screen::Debrief {
            break;
        }
        send(&mut app, UiCommand::Do(Act::EndTurn));
        for _ in 0..80 {
            app.update();
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    // The debrief opens on the reactions: what happened and how it felt, with no score yet.
    let shown = texts(&mut app);
    assert!(shown.contains("What happened"), "{shown}");
    assert!(shown.contains("Crises"), "{shown}");
    assert!(shown.contains("Ask first"), "{shown}");
    assert!(
        !shown.contains("Team score"),
        "the score waits for the analysis: {shown}"
    );
    assert_drawable(&shown);
    send(&mut app, UiCommand::DebriefTab(DebriefTab::Analysis));
    let shown = texts(&mut app);
    assert_drawable(&shown);
    assert!(shown.contains("Team score"), "{shown}");
    assert!(shown.contains("The moments that mattered"), "{shown}");
    assert!(shown.contains("From the case's author"), "{shown}");
    send(&mut app, UiCommand::DebriefTab(DebriefTab::Knowledge));
    let shown = texts(&mut app);
    assert_drawable(&shown);
    assert!(shown.contains("Who knew what, when"));

    // The application: objectives, practice, and the self-assessment again.
    let saves = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("saves-debrief");
    let _ = std::fs::remove_dir_all(&saves);
    app.world_mut().resource_mut::<Game>().saves = saves.clone();
    send(&mut app, UiCommand::DebriefTab(DebriefTab::Application));
    let shown = texts(&mut app);
    assert!(shown.contains("Learning objectives"), "{shown}");
    assert!(shown.contains("Taking it into practice"), "{shown}");
    assert!(shown.contains("Now, after the debrief"), "{shown}");
    assert!(shown.contains("Looking back"), "{shown}");
    send(
        &mut app,
        UiCommand::Rate(Role::Gp, Phase::After, items[0].0.clone(), 4),
    );
    send(
        &mut app,
        UiCommand::Rate(Role::Gp, Phase::Retrospective, items[0].0.clone(), 1),
    );
    // Answering after the debrief keeps the answers with the session file at once.
    assert!(
        std::fs::read_dir(&saves).is_ok_and(|d| d.count() >= 2),
        "saved after answering"
    );
    send(&mut app, UiCommand::Save);
    app.update();
    let files: Vec<_> = std::fs::read_dir(&saves)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let html = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "html"));
    assert!(html.is_some(), "{files:?}");
    let session = files
        .iter()
        .find(|p| p.to_string_lossy().ends_with(".session.ron"))
        .expect("a session file");
    let replayed = std::process::Command::new(env!("CARGO_BIN_EXE_joined-up"))
        .arg("replay")
        .arg(session)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        replayed.status.success(),
        "{}",
        String::from_utf8_lossy(&replayed.stderr)
    );
    // The answers travel in the session file and reach the cohort's CSV.
    let file = joined_up::session::SessionFile::read(session).unwrap();
    let answers = file.self_assessment.as_ref().unwrap().of(Role::Gp).unwrap();
    assert_eq!(answers.before.get(&items[0].0), Some(&2));
    assert_eq!(answers.after.get(&items[0].0), Some(&4));
    assert_eq!(answers.retrospective.get(&items[0].0), Some(&1));
    let csv = std::process::Command::new(env!("CARGO_BIN_EXE_joined-up"))
        .arg("cohort")
        .arg(&saves)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        csv.status.success(),
        "{}",
        String::from_utf8_lossy(&csv.stderr)
    );
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(row[col("gp")], "person");
    assert_eq!(row[col("self_assessment")], "joined_up_collaboration");
    // Two statements answered before (2 and 3), one after (4).
    assert_eq!(row[col("gp_before_all")], "2.50");
    assert_eq!(row[col("gp_after_all")], "4.00");
    assert_eq!(row[col("social_worker_before_all")], "");
    // The timeline: both roles side by side, half-day by half-day.
    send(&mut app, UiCommand::DebriefTab(DebriefTab::Timeline));
    let shown = texts(&mut app);
    assert!(shown.contains("Timeline: GP"), "{shown}");
    assert!(shown.contains("Timeline: Social worker"), "{shown}");
    assert!(
        shown.contains("- Assessed Mr Walter Hale."),
        "the GP's assessment is on it: {shown}"
    );
    // One role's view leaves the other's column out.
    send(&mut app, UiCommand::DebriefView(Some(Role::Gp)));
    let shown = texts(&mut app);
    assert!(shown.contains("Timeline: GP"), "{shown}");
    assert!(!shown.contains("Timeline: Social worker"), "{shown}");
    send(&mut app, UiCommand::DebriefView(None));
    send(&mut app, UiCommand::DebriefTab(DebriefTab::Analysis));
    assert!(texts(&mut app).contains("Team score"));

    // Play the case again: a fresh session from the first half-day.
    let again = button(&mut app, "Play this case again");
    send(&mut app, again);
    assert_eq!(screen(&app), Screen::Setup);
    send(&mut app, UiCommand::Solo(Role::SocialWorker));
    send(&mut app, UiCommand::Begin);
    assert_eq!(screen(&app), Screen::Play);
    let shown = texts(&mut app);
    assert!(shown.contains("Day 1 morning | Social worker"), "{shown}");
    let log = app.world().resource::<EventLog>();
    let starts = log
        .entries
        .iter()
        .filter(|e| matches!(e.kind, LogKind::SessionStarted { .. }))
        .count();
    assert_eq!(starts, 1, "the old session's log is gone");
    let recorded = &app.world().resource::<joined_up::sim::ActionRecord>().0;
    assert!(recorded.is_empty(), "{recorded:?}");
}

#[test]
fn hotseat_hands_over_between_people() {
    let mut app = app();
    send(&mut app, UiCommand::Go(Screen::Picker));
    let index = app
        .world()
        .resource::<Library>()
        .entries
        .iter()
        .position(|e| e.path.ends_with("home_from_hospital.scenario.ron"))
        .unwrap();
    send(&mut app, UiCommand::Pick(index));
    send(&mut app, UiCommand::Hotseat);
    // Each person reads their own briefing, with a handover between.
    assert_eq!(screen(&app), Screen::Briefing);
    let shown = texts(&mut app);
    assert!(shown.contains("You are Dr Nadia Osei"), "{shown}");
    assert!(
        !shown.contains("(Social worker"),
        "only the GP's briefing: {shown}"
    );
    let next = button(&mut app, "hand over for the social worker");
    send(&mut app, next);
    assert_eq!(screen(&app), Screen::Handover);
    assert!(texts(&mut app).contains("Hand over: Social worker"));
    send(&mut app, UiCommand::ContinueHandover);
    assert_eq!(screen(&app), Screen::Briefing);
    let shown = texts(&mut app);
    assert!(
        !shown.contains("Dr Nadia Osei"),
        "not the GP's briefing: {shown}"
    );
    assert!(shown.contains("Your caseload"), "{shown}");
    send(&mut app, UiCommand::Begin);
    // Back to the GP for the first half-day, through the handover.
    assert_eq!(screen(&app), Screen::Handover);
    assert!(texts(&mut app).contains("Hand over: GP"));
    send(&mut app, UiCommand::ContinueHandover);
    assert_eq!(screen(&app), Screen::Play);
    assert!(texts(&mut app).contains("morning | GP"));
    send(&mut app, UiCommand::Do(Act::EndTurn));
    assert_eq!(screen(&app), Screen::Handover);
    let shown = texts(&mut app);
    assert!(shown.contains("Hand over: Social worker"), "{shown}");
    assert!(
        !shown.contains("Discharge summary"),
        "the handover hides the GP's record: {shown}"
    );
    send(&mut app, UiCommand::ContinueHandover);
    let shown = texts(&mut app);
    assert!(shown.contains("morning | Social worker"), "{shown}");
    assert!(
        !shown.contains("Discharge summary"),
        "the social worker does not know it: {shown}"
    );
    // The same command from the keyboard now acts from the social worker's seat: the window
    // assigns the seat of whoever has the keyboard; the command never names one.
    send(
        &mut app,
        UiCommand::Do(Act::AskAround {
            patient: "mr_hale".into(),
        }),
    );
    let last = app
        .world()
        .resource::<joined_up::sim::ActionRecord>()
        .0
        .last()
        .cloned()
        .unwrap();
    assert_eq!(last.role, Role::SocialWorker);
    assert!(matches!(last.act, Act::AskAround { .. }));
}

/// The window really draws (the tour is a developer tool: `cargo test --features dev`): under Xvfb with software Vulkan the game walks itself from the title
/// to the play screen and saves screenshots, which must not be blank. Skips (with a message)
/// where there is no `xvfb-run`, unless JOINED_UP_REQUIRE_RENDER=1 (as in CI).
#[cfg(feature = "dev")]
#[test]
fn the_window_renders_its_screens() {
    let required = std::env::var("JOINED_UP_REQUIRE_RENDER").is_ok_and(|v| v == "1");
    let have_xvfb = std::process::Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_xvfb {
        assert!(
            !required,
            "JOINED_UP_REQUIRE_RENDER=1 but xvfb-run is not installed"
        );
        eprintln!("skipping: no xvfb-run (install xvfb to run the rendering check)");
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tour");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let xdg = dir.join("xdg");
    std::fs::create_dir_all(&xdg).unwrap();
    let mut child = std::process::Command::new("xvfb-run")
        .args([
            "-a",
            "-s",
            "-screen 0 1280x720x24",
            env!("CARGO_BIN_EXE_joined-up"),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("JOINED_UP_TOUR", &dir)
        .env("JOINED_UP_SAVES", dir.join("saves"))
        .env("XDG_RUNTIME_DIR", &xdg)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > std::time::Duration::from_secs(300) {
            let _ = child.kill();
            panic!("the window did not finish its tour in 5 minutes");
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    for name in [
        "title.png",
        "picker.png",
        "briefing.png",
        "play.png",
        "compose.png",
        "paused.png",
        "debrief.png",
        "debrief-analysis.png",
        "debrief-knowledge.png",
        "debrief-application.png",
    ] {
        let path = dir.join(name);
        let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut decoder = png::Decoder::new(std::io::BufReader::new(file))
            .read_info()
            .unwrap();
        let mut buf = vec![0; decoder.output_buffer_size().unwrap()];
        let info = decoder.next_frame(&mut buf).unwrap();
        assert!(
            info.width >= 640 && info.height >= 360,
            "{name}: {}x{}",
            info.width,
            info.height
        );
        let px = info.color_type.samples();
        let mut colours = std::collections::BTreeSet::new();
        let mut dark = 0usize;
        for p in buf[..info.buffer_size()].chunks(px) {
            colours.insert(p[..3].to_vec());
            if p[..3].iter().all(|c| *c < 100) {
                dark += 1;
            }
        }
        // Text is antialiased: many shades; and dark ink on a light page.
        assert!(
            colours.len() > 20,
            "{name} looks blank: {} colours",
            colours.len()
        );
        assert!(dark > 500, "{name} has no text-like dark pixels");
    }
}

#[test]
fn text_can_be_made_larger_for_a_projector_and_smaller_for_a_laptop() {
    use joined_up::ui::{TextZoom, window_scale};
    let mut app = app();
    for _ in 0..3 {
        send(&mut app, UiCommand::Zoom(1));
    }
    assert_eq!(app.world().resource::<TextZoom>().0, 1.375);
    for _ in 0..20 {
        send(&mut app, UiCommand::Zoom(-1));
    }
    assert_eq!(
        app.world().resource::<TextZoom>().0,
        0.75,
        "never unreadably small"
    );
    // The window's size scales the text too: a 1080p projector gets half as much again.
    assert_eq!(window_scale(1280.0, 720.0), 1.0);
    assert_eq!(window_scale(1920.0, 1080.0), 1.5);
    assert_eq!(window_scale(1920.0, 720.0), 1.0, "the tighter side decides");
    assert_eq!(
        window_scale(640.0, 360.0),
        0.75,
        "never below three quarters"
    );
}

#[test]
fn play_with_a_scenario_opens_on_that_case() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SimPlugin))
        .add_plugins(UiPlugin {
            launch: Launch {
                scenario: Some("scenarios/left_at_home.scenario.ron".into()),
                ..Launch::default()
            },
        });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Setup);
    let shown = texts(&mut app);
    assert!(shown.contains("Left at home"), "{shown}");
}

/// Every button on the screen: its label and what it sends.
fn buttons(app: &mut App) -> Vec<(String, UiCommand)> {
    let buttons = app.world().resource::<Buttons>().0.clone();
    buttons
        .into_iter()
        .filter_map(|b| {
            let press = app.world().get::<Press>(b)?.0.clone();
            let children = app.world().get::<Children>(b)?;
            let label = children
                .iter()
                .find_map(|c| app.world().get::<Text>(c).map(|t| t.0.clone()))
                .unwrap_or_default();
            Some((label, press))
        })
        .collect()
}

/// The command of the first button whose label contains `label`.
fn button(app: &mut App, label: &str) -> UiCommand {
    let all = buttons(app);
    all.iter()
        .find(|(l, _)| l.contains(label))
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| {
            let labels: Vec<_> = all.iter().map(|(l, _)| l.as_str()).collect();
            panic!("no button {label:?} among {labels:#?}")
        })
}

/// Finds out about the caseload, in this half-day, until `role` sees an open need: (patient,
/// need).
fn find_a_need(app: &mut App, role: Role) -> (String, String) {
    for step in 0..3 {
        let view = RoleView::of(app.world(), role);
        if let Some(found) = view.patients.iter().find_map(|p| {
            p.needs
                .iter()
                .find(|n| !n.met)
                .map(|n| (p.id.clone(), n.id.clone()))
        }) {
            return found;
        }
        for p in view.patients.iter().map(|p| p.id.clone()) {
            let act = match step {
                0 => Act::AskAround { patient: p },
                1 => Act::Assess { patient: p },
                _ => Act::HomeVisit { patient: p },
            };
            send(app, UiCommand::Do(act));
        }
    }
    panic!("{role:?} finds no open need");
}

/// The patient selected on the play screen.
fn patient_id(app: &App) -> String {
    app.world()
        .resource::<Game>()
        .selected
        .clone()
        .unwrap_or_default()
}

fn pick(app: &mut App, file: &str) {
    send(app, UiCommand::Go(Screen::Picker));
    let index = app
        .world()
        .resource::<Library>()
        .entries
        .iter()
        .position(|e| e.path.ends_with(file))
        .unwrap();
    send(app, UiCommand::Pick(index));
}

fn sent_log(app: &App) -> Vec<joined_up::sim::log::SentMessage> {
    app.world()
        .resource::<EventLog>()
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            LogKind::Sent(m) => Some((**m).clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_composer_builds_a_message_one_choice_at_a_time_with_nothing_chosen_for_you() {
    let mut app = app();
    pick(&mut app, "home_from_hospital.scenario.ron");
    send(&mut app, UiCommand::Solo(Role::Gp));
    send(&mut app, UiCommand::Begin);
    send(&mut app, UiCommand::Select("mr_hale".into()));
    let write = button(&mut app, "Write a message about this patient");
    send(&mut app, write);
    let shown = texts(&mut app);
    assert!(shown.contains("New message"), "{shown}");
    assert!(
        shown.contains(
            "Still to choose: who it goes to, what you are asking, how to send it, the tone."
        ),
        "{shown}"
    );
    // Nothing is preselected: no tone, no fact, no ask is marked chosen.
    let chosen: Vec<String> = buttons(&mut app)
        .into_iter()
        .map(|(l, _)| l)
        .filter(|l| l.starts_with("(x)"))
        .collect();
    assert!(
        chosen.is_empty(),
        "nothing chosen for the player: {chosen:?}"
    );
    assert!(buttons(&mut app).iter().all(|(l, _)| !l.contains("Send")));
    // Every fact the GP knows is offered one by one, with its sensitivity shown.
    let view = RoleView::of(app.world(), Role::Gp);
    let hale = view.patient("mr_hale").unwrap();
    for f in &hale.facts {
        assert!(shown.contains(&f.text), "{} is offered: {shown}", f.text);
    }
    assert!(shown.contains("The patient's consent to share:"), "{shown}");

    // To the social worker's front door, by email, curtly, asking to assess, with one fact.
    let door = view
        .directory
        .iter()
        .find(|c| c.front_door && c.channels.contains(&Channel::Email))
        .expect("a front door reachable by email")
        .clone();
    let fact = hale.facts[0].id.clone();
    for e in [
        Edit::To(door.id.clone()),
        Edit::Channel(Channel::Email),
        Edit::Framing(Framing::Dismissive),
        Edit::Fact(fact.clone()),
        Edit::Assessment(Assessment::Worsening),
        Edit::Ask(AskChoice::Assess),
    ] {
        send(&mut app, UiCommand::Edit(e));
    }
    let shown = texts(&mut app);
    for chosen in [
        "(x) email",
        "(x) curt",
        "(x) I think it is getting worse.",
        "(x) please assess the patient",
        "NOT secure for sensitive details",
    ] {
        assert!(
            shown.contains(chosen),
            "{chosen} is marked in words: {shown}"
        );
    }
    let UiCommand::Do(Act::Send(out)) = button(&mut app, "Send") else {
        panic!("the Send button sends a message");
    };
    assert_eq!(out.to, door.id);
    assert_eq!(out.channel, Channel::Email);
    assert_eq!(out.framing, Framing::Dismissive);
    assert_eq!(out.ask, Some(Ask::Assess));
    assert_eq!(out.facts, vec![fact.clone()]);
    // The words follow SBAR.
    assert!(
        out.text.starts_with("Situation: Mr Walter Hale"),
        "{}",
        out.text
    );
    assert!(
        out.text.contains("Background: 1 fact attached"),
        "{}",
        out.text
    );
    assert!(
        out.text
            .contains("Assessment: I think it is getting worse.")
    );
    assert!(
        out.text
            .contains("Recommendation: please assess the patient")
    );
    // A fact chosen twice is taken off again.
    send(&mut app, UiCommand::Edit(Edit::Fact(fact)));
    let UiCommand::Do(Act::Send(again)) = button(&mut app, "Send") else {
        panic!("still sendable");
    };
    assert!(again.facts.is_empty());
    send(&mut app, UiCommand::Do(Act::Send(again)));

    // The simulation took it as written; the screen shows where it has got to.
    let sent = sent_log(&app);
    let m = sent.last().expect("a message was sent");
    assert_eq!(
        (m.from, m.channel, m.framing),
        (Role::Gp, Channel::Email, Framing::Dismissive)
    );
    assert!(!m.has_context);
    let shown = texts(&mut app);
    assert!(
        !shown.contains("Still to choose"),
        "the composer closes: {shown}"
    );
    assert!(shown.contains("Sent, on its way (email)"), "{shown}");
}

/// Who does what is the learner's to find out: every open need offers the same actions to
/// either profession, and an attempt that is not theirs is refused with the reason, and costs
/// time.
#[test]
fn every_need_offers_the_same_actions_to_either_role() {
    let mut labels_by_role = Vec::new();
    for role in Role::BOTH {
        let mut app = app();
        pick(&mut app, "home_from_hospital.scenario.ron");
        send(&mut app, UiCommand::Solo(role));
        send(&mut app, UiCommand::Begin);
        let (patient, need) = find_a_need(&mut app, role);
        send(&mut app, UiCommand::Select(patient));
        let for_need: Vec<String> = buttons(&mut app)
            .into_iter()
            .filter(|(_, c)| match c {
                UiCommand::Do(a) => matches!(a,
                    Act::ClaimNeed { need: n } | Act::ActOnNeed { need: n } | Act::EscalateSafeguarding { need: n } if *n == need),
                UiCommand::ChoosePackage(Some(n)) => *n == need,
                _ => false,
            })
            .map(|(l, _)| l)
            .collect();
        assert_eq!(for_need.len(), 4, "{role:?}: {for_need:?}");
        labels_by_role.push(for_need);
        // Trying work that is not yours: refused, with the reason, and it took time.
        let before = RoleView::of(app.world(), role).minutes_left;
        send(
            &mut app,
            UiCommand::Do(Act::EscalateSafeguarding { need: need.clone() }),
        );
        let after = RoleView::of(app.world(), role).minutes_left;
        let last = app.world().resource::<EventLog>().entries.last().cloned();
        if let Some(LogKind::Refused {
            refusal: joined_up::sim::Refusal::NotSafeguarding,
            minutes_lost,
            ..
        }) = last.map(|e| e.kind)
        {
            assert_eq!(minutes_lost, before.min(10), "finding out took time");
            assert_eq!(before - after, minutes_lost);
            assert!(texts(&mut app).contains("this is not a safeguarding matter"));
        }
    }
    assert_eq!(labels_by_role[0], labels_by_role[1]);
}

/// Care plan owners are the players' choice, one need at a time.
#[test]
fn the_player_chooses_every_owner_in_a_care_plan() {
    let mut app = app();
    pick(&mut app, "home_from_hospital.scenario.ron");
    send(&mut app, UiCommand::Solo(Role::Gp));
    send(&mut app, UiCommand::Begin);
    let (patient, _) = find_a_need(&mut app, Role::Gp);
    let view = RoleView::of(app.world(), Role::Gp);
    let p = view.patient(&patient).unwrap().clone();
    send(&mut app, UiCommand::Select(p.id.clone()));
    // No plan is offered ready-made: only a draft to fill in.
    assert!(
        buttons(&mut app)
            .iter()
            .all(|(_, c)| !matches!(c, UiCommand::Do(Act::ProposeCarePlan { .. }))),
        "no ready-made plan"
    );
    send(&mut app, UiCommand::PlanDraft(Some(p.id.clone())));
    let need = p.needs.iter().find(|n| !n.met).unwrap().id.clone();
    send(
        &mut app,
        UiCommand::PlanOwner(need.clone(), "social_worker".into()),
    );
    let UiCommand::Do(Act::ProposeCarePlan { owners, .. }) = button(&mut app, "Propose a plan")
    else {
        panic!("a plan to propose");
    };
    assert_eq!(owners, vec![(need, "social_worker".to_owned())]);
}

/// The window never asks the computer players' code what a person should do.
#[test]
fn the_window_does_not_use_the_computer_players_judgement() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("bots::util"),
            "{} uses the computer players' helpers",
            path.display()
        );
    }
}

#[test]
fn a_person_can_propose_a_care_plan_and_book_joint_work_from_the_screen() {
    let mut app = app();
    pick(&mut app, "home_from_hospital.scenario.ron");
    send(&mut app, UiCommand::Solo(Role::Gp));
    send(&mut app, UiCommand::Begin);
    // Find out about the caseload until some need is known.
    let mut with_need = None;
    for _ in 0..6 {
        let view = RoleView::of(app.world(), Role::Gp);
        with_need = view
            .patients
            .iter()
            .find(|p| p.needs.iter().any(|n| !n.met))
            .map(|p| p.id.clone());
        if with_need.is_some() {
            break;
        }
        for p in view.patients.iter().map(|p| p.id.clone()) {
            send(
                &mut app,
                UiCommand::Do(Act::AskAround { patient: p.clone() }),
            );
            send(&mut app, UiCommand::Do(Act::Assess { patient: p }));
        }
        send(&mut app, UiCommand::Do(Act::EndTurn));
        for _ in 0..120 {
            app.update();
        }
    }
    let patient = with_need.expect("some need becomes known within three days");
    send(&mut app, UiCommand::Select(patient));
    let shown = texts(&mut app);
    assert!(shown.contains("Care plan"), "{shown}");
    assert!(shown.contains("Diary"), "{shown}");
    let all = buttons(&mut app);
    assert!(
        all.iter()
            .any(|(_, c)| matches!(c, UiCommand::Do(Act::JointVisit { .. }))),
        "a joint visit can be chosen"
    );
    let draft = button(&mut app, "Draft a care plan");
    send(&mut app, draft);
    let view = RoleView::of(app.world(), Role::Gp);
    let open: Vec<String> = view
        .patient(&patient_id(&app))
        .unwrap()
        .needs
        .iter()
        .filter(|n| !n.met)
        .map(|n| n.id.clone())
        .collect();
    for n in open {
        send(&mut app, UiCommand::PlanOwner(n, "gp".into()));
    }
    let propose = button(&mut app, "Propose a plan");
    assert!(matches!(
        propose,
        UiCommand::Do(Act::ProposeCarePlan { .. })
    ));
    send(&mut app, propose);
    let proposed = app
        .world()
        .resource::<EventLog>()
        .entries
        .iter()
        .any(|e| matches!(e.kind, LogKind::PlanProposed { .. }));
    assert!(proposed, "the plan was proposed: {}", texts(&mut app));
    assert!(texts(&mut app).contains("waiting for your colleague to agree"));
}

#[test]
fn a_session_saved_from_the_pause_menu_resumes_exactly_where_it_was() {
    let saves = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("saves-resume");
    let _ = std::fs::remove_dir_all(&saves);
    let mut app = app();
    app.world_mut().resource_mut::<Game>().saves = saves.clone();
    pick(&mut app, "home_from_hospital.scenario.ron");
    send(&mut app, UiCommand::Solo(Role::SocialWorker));
    send(&mut app, UiCommand::Begin);
    send(
        &mut app,
        UiCommand::Do(Act::Assess {
            patient: "mr_hale".into(),
        }),
    );
    // Two half-days, the computer GP playing its own.
    for _ in 0..2 {
        send(&mut app, UiCommand::Do(Act::EndTurn));
        for _ in 0..120 {
            app.update();
        }
    }
    send(&mut app, UiCommand::Go(Screen::Paused));
    assert_eq!(screen(&app), Screen::Paused);
    assert!(texts(&mut app).contains("Paused"));
    send(&mut app, UiCommand::Save);
    app.update();
    let log = app.world().resource::<EventLog>().clone();
    assert!(log.entries.len() > 10);

    // A new window: the title screen offers the saved session.
    let mut again = self::app();
    again.world_mut().resource_mut::<Game>().saves = saves.clone();
    send(&mut again, UiCommand::Go(Screen::Saved));
    let shown = texts(&mut again);
    assert!(shown.contains("Home from hospital"), "{shown}");
    let resume = button(&mut again, "Home from hospital");
    send(&mut again, resume);
    // The saved actions are played back at once: the session is where it was, straight away.
    assert!(again.world().resource::<Game>().resuming.is_empty());
    assert_eq!(screen(&again), Screen::Play);
    assert_eq!(again.world().resource::<Game>().active, Role::SocialWorker);
    let resumed = again.world().resource::<EventLog>();
    assert_eq!(
        resumed.entries, log.entries,
        "the same actions, each from the seat the file recorded, give the same session"
    );

    // A session file that was tampered with is refused with the reason, not played.
    let file = std::fs::read_dir(&saves)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".session.ron"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("seed: ", "seed: 9", 1)).unwrap();
    let mut third = self::app();
    third.world_mut().resource_mut::<Game>().saves = saves;
    send(&mut third, UiCommand::Resume(file));
    assert_eq!(screen(&third), Screen::Title);
    let shown = texts(&mut third);
    assert!(shown.contains("its seal does not match"), "{shown}");
}

#[test]
fn every_colour_pair_passes_wcag_aa() {
    for (fg, bg) in joined_up::ui::widgets::PAIRS {
        let ratio = joined_up::ui::widgets::contrast(fg, bg);
        assert!(ratio >= 4.5, "{fg:?} on {bg:?}: {ratio:.2}");
    }
    // The check itself can fail: mid grey on white does not pass.
    let grey = Color::srgb(0.6, 0.6, 0.6);
    assert!(joined_up::ui::widgets::contrast(grey, Color::WHITE) < 4.5);
}

#[test]
fn the_keyboard_alone_moves_focus_and_presses_buttons() {
    use bevy::input_focus::{InputFocus, InputFocusPlugin, InputFocusVisible};
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SimPlugin, InputFocusPlugin))
        .init_resource::<ButtonInput<KeyCode>>()
        .add_plugins(UiPlugin {
            launch: Launch {
                saves: Some(saves_dir()),
                ..Launch::default()
            },
        });
    app.update();
    app.update();
    let first = app.world().resource::<Buttons>().0[0];
    assert_eq!(app.world().resource::<InputFocus>().get(), Some(first));
    // Enter presses the focused button (Start).
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.press(KeyCode::Enter);
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(KeyCode::Enter);
    keys.clear();
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Picker);
    // Focus lands on the new screen's first button, and shows when the keyboard is in use.
    let buttons = app.world().resource::<Buttons>().0.clone();
    assert_eq!(app.world().resource::<InputFocus>().get(), Some(buttons[0]));
    app.world_mut().resource_mut::<InputFocusVisible>().0 = true;
    app.update();
    app.update();
    assert!(app.world().get::<Outline>(buttons[0]).is_some());
    assert!(app.world().get::<Outline>(buttons[1]).is_none());
}

#[test]
fn mode_and_role_on_the_command_line_open_on_the_briefing() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SimPlugin))
        .add_plugins(UiPlugin {
            launch: Launch {
                scenario: Some("scenarios/left_at_home.scenario.ron".into()),
                role: Some(Role::SocialWorker),
                seating: Some(Seating::Solo),
                saves: Some(saves_dir()),
                ..Launch::default()
            },
        });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Briefing);
    assert_eq!(app.world().resource::<Game>().active, Role::SocialWorker);
}

/// What Bevy's file watcher delivers when a scenario file is saved: the asset, changed.
fn edit(
    app: &mut App,
    handle: &Handle<joined_up::scenario::ScenarioFile>,
    result: Result<joined_up::scenario::ValidScenario, Vec<joined_up::scenario::Diagnostic>>,
) {
    app.world_mut()
        .resource_mut::<Assets<joined_up::scenario::ScenarioFile>>()
        .get_mut(handle)
        .unwrap()
        .result = result;
}

#[test]
fn an_edited_scenario_reloads_in_the_picker_and_a_broken_edit_shows_its_error() {
    use joined_up::scenario::ScenarioFile;
    use joined_up::ui::reload::Watched;
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::asset::AssetPlugin::default(),
        SimPlugin,
    ))
    .add_plugins(joined_up::scenario::plugin)
    .add_plugins(UiPlugin {
        launch: Launch {
            saves: Some(saves_dir()),
            ..Launch::default()
        },
    })
    .add_plugins(joined_up::ui::reload::plugin);
    app.update();
    let index = app
        .world()
        .resource::<Library>()
        .entries
        .iter()
        .position(|e| e.path.ends_with("left_at_home.scenario.ron"))
        .unwrap();
    let good =
        joined_up::scenario::load_file(std::path::Path::new("scenarios/left_at_home.scenario.ron"));
    let handle = app
        .world_mut()
        .resource_mut::<Assets<ScenarioFile>>()
        .add(ScenarioFile { result: good });
    app.world_mut()
        .resource_mut::<Watched>()
        .0
        .push((index, handle.clone()));
    send(&mut app, UiCommand::Go(Screen::Picker));

    // The author saves a mistake: what the file watcher's reload would deliver.
    let broken = joined_up::scenario::load_bytes("x", b"(format: 1, id: \"left_at_home\",");
    edit(&mut app, &handle, broken);
    app.update();
    app.update();
    let shown = texts(&mut app);
    assert!(shown.contains("This case has errors"), "{shown}");
    assert!(
        shown.contains("left_at_home.scenario.ron:1:"),
        "the error names the author's file, line and column: {shown}"
    );

    // Fixed again: playable, and marked as reloaded. During a session, edits wait.
    let good =
        joined_up::scenario::load_file(std::path::Path::new("scenarios/left_at_home.scenario.ron"));
    edit(&mut app, &handle, good);
    app.update();
    app.update();
    let shown = texts(&mut app);
    assert!(shown.contains("reloaded after an edit"), "{shown}");
    assert!(
        app.world().resource::<Library>().entries[index]
            .scenario
            .is_ok()
    );

    // Once the case is picked, an edit waits until the players are back at the list.
    send(&mut app, UiCommand::Pick(index));
    let broken = joined_up::scenario::load_bytes("x", b"(");
    edit(&mut app, &handle, broken);
    app.update();
    app.update();
    assert!(
        app.world().resource::<Library>().entries[index]
            .scenario
            .is_ok()
    );
    send(&mut app, UiCommand::Go(Screen::Picker));
    app.update();
    assert!(
        app.world().resource::<Library>().entries[index]
            .scenario
            .is_err()
    );
}

#[test]
fn quitting_in_the_middle_of_a_session_saves_it_first() {
    let saves = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("saves-quit");
    let _ = std::fs::remove_dir_all(&saves);
    let mut app = app();
    app.world_mut().resource_mut::<Game>().saves = saves.clone();
    pick(&mut app, "left_at_home.scenario.ron");
    send(&mut app, UiCommand::Hotseat);
    send(&mut app, UiCommand::Begin);
    send(&mut app, UiCommand::Go(Screen::Paused));
    assert!(texts(&mut app).contains("Save and quit"));
    app.world_mut().write_message(UiCommand::Quit);
    app.update();
    let exits = app.world().resource::<Messages<AppExit>>();
    assert!(!exits.is_empty(), "the app is asked to exit");
    let saved: Vec<_> = std::fs::read_dir(&saves)
        .expect("the save folder was made")
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".session.ron"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let file = joined_up::session::SessionFile::read(&saved[0]).unwrap();
    assert!(!file.outcome.finished);
    assert_eq!(file.scenario.id, "left_at_home");
    // The journal went with the deliberate quit: nothing is left to recover.
    let journals = joined_up::session::journal::journals(&saves);
    assert!(journals.is_empty(), "{journals:?}");
}

#[test]
fn every_action_is_journalled_and_a_session_the_game_lost_carries_on() {
    let saves = saves_dir();
    let launch = || Launch {
        saves: Some(saves.clone()),
        ..Launch::default()
    };
    let mut app = app_with(launch());
    pick(&mut app, "home_from_hospital.scenario.ron");
    send(&mut app, UiCommand::Solo(Role::Gp));
    let first = app.world().resource::<Game>().instrument.get().items[0]
        .id
        .clone();
    send(
        &mut app,
        UiCommand::Rate(Role::Gp, Phase::Before, first.clone(), 4),
    );
    send(&mut app, UiCommand::Begin);
    send(
        &mut app,
        UiCommand::Do(Act::Assess {
            patient: "mr_hale".into(),
        }),
    );
    send(&mut app, UiCommand::Do(Act::EndTurn));
    for _ in 0..60 {
        app.update();
    }
    let taken = app
        .world()
        .resource::<joined_up::sim::ActionRecord>()
        .0
        .clone();
    assert!(taken.len() >= 2, "{taken:?}");
    let journals = joined_up::session::journal::journals(&saves);
    assert_eq!(journals.len(), 1, "one journal, kept as play goes on");
    let kept = joined_up::session::journal::recover(&journals[0]).unwrap();
    assert_eq!(kept.actions(), taken, "every action, as it was taken");
    assert!(
        kept.records
            .contains(&joined_up::session::journal::Record::Answer {
                role: Role::Gp,
                phase: Phase::Before,
                item: first.clone(),
                value: 4
            })
    );
    // The game is lost without saving (a crash, a power cut): the app is simply dropped.
    drop(app);

    let mut app = app_with(launch());
    let shown = texts(&mut app);
    assert!(shown.contains("A session was interrupted"), "{shown}");
    assert!(
        shown.contains(&format!("interrupted after {} actions", taken.len())),
        "{shown}"
    );
    send(&mut app, UiCommand::Recover(journals[0].clone()));
    assert_eq!(screen(&app), Screen::Play);
    assert!(texts(&mut app).contains("Carried on from the journal"));
    let again = app
        .world()
        .resource::<joined_up::sim::ActionRecord>()
        .0
        .clone();
    assert_eq!(again[..taken.len()], taken[..], "exactly where it was");
    let game = app.world().resource::<Game>();
    assert_eq!(game.mode, joined_up::ui::Mode::Solo(Role::Gp));
    assert_eq!(
        game.self_assessment
            .of(Role::Gp)
            .unwrap()
            .before
            .get(&first),
        Some(&4)
    );
    // Left on purpose this time: the journal goes, and nothing is offered next time.
    send(&mut app, UiCommand::Go(Screen::Title));
    assert!(joined_up::session::journal::journals(&saves).is_empty());
    assert!(!texts(&mut app).contains("A session was interrupted"));
}

#[test]
fn rebuilding_a_screen_keeps_each_column_where_it_was_scrolled() {
    use joined_up::ui::widgets::Column;
    let mut app = app();
    pick(&mut app, "home_from_hospital.scenario.ron");
    send(&mut app, UiCommand::Solo(Role::Gp));
    send(&mut app, UiCommand::Begin);
    let mut q = app
        .world_mut()
        .query::<(&Column, &mut bevy::ui::ScrollPosition)>();
    for (c, mut p) in q.iter_mut(app.world_mut()) {
        p.0.y = 100.0 * (c.0 as f32 + 1.0);
    }
    // Something happens: the screen is rebuilt from scratch.
    send(
        &mut app,
        UiCommand::Do(Act::Assess {
            patient: "mr_hale".into(),
        }),
    );
    let mut q = app
        .world_mut()
        .query::<(&Column, &bevy::ui::ScrollPosition)>();
    let mut seen: Vec<(usize, f32)> = q.iter(app.world()).map(|(c, p)| (c.0, p.0.y)).collect();
    seen.sort_by_key(|(c, _)| *c);
    assert_eq!(seen, vec![(0, 100.0), (1, 200.0), (2, 300.0)]);
}

#[test]
fn a_half_written_message_does_not_pass_to_the_other_player() {
    let mut app = app();
    pick(&mut app, "home_from_hospital.scenario.ron");
    send(&mut app, UiCommand::Hotseat);
    send(&mut app, UiCommand::BriefNext);
    send(&mut app, UiCommand::ContinueHandover);
    send(&mut app, UiCommand::Begin);
    send(&mut app, UiCommand::ContinueHandover);
    assert!(texts(&mut app).contains("morning | GP"));
    send(&mut app, UiCommand::Compose(Some("mr_hale".into()), None));
    assert!(texts(&mut app).contains("To (from your directory"));
    send(&mut app, UiCommand::Do(Act::EndTurn));
    assert_eq!(screen(&app), Screen::Handover);
    send(&mut app, UiCommand::ContinueHandover);
    let shown = texts(&mut app);
    assert!(shown.contains("morning | Social worker"), "{shown}");
    assert!(!shown.contains("To (from your directory"), "{shown}");
    assert!(app.world().resource::<Game>().draft.is_none());
}

#[test]
fn a_borough_the_next_case_lacks_falls_back_to_the_case_as_written() {
    let mut app = app();
    pick(&mut app, "home_from_hospital.scenario.ron");
    send(&mut app, UiCommand::Setting(Some("made_up".into())));
    send(&mut app, UiCommand::Go(Screen::Picker));
    pick(&mut app, "left_at_home.scenario.ron");
    assert_eq!(app.world().resource::<Game>().setting, None);
    // Asked for directly, it is refused on the briefing, not played half-started.
    app.world_mut().resource_mut::<Game>().setting = Some("made_up".into());
    send(&mut app, UiCommand::Solo(Role::Gp));
    send(&mut app, UiCommand::Begin);
    assert_eq!(screen(&app), Screen::Briefing);
    assert!(texts(&mut app).contains("no borough setting called made_up"));
}

/// The computer colleague's temperament is the player's choice, and the debrief says which it
/// was.
#[test]
fn the_colleagues_temperament_is_chosen_and_named_in_the_debrief() {
    let mut app = app();
    pick(&mut app, "a_neighbour_worries.scenario.ron");
    assert!(texts(&mut app).contains("defensive: sends work back unless you explain it"));
    send(
        &mut app,
        UiCommand::Partner(joined_up::bots::PolicyKind::Defensive),
    );
    assert!(texts(&mut app).contains("(x) defensive"));
    send(&mut app, UiCommand::Solo(Role::Gp));
    send(&mut app, UiCommand::Begin);
    for _ in 0..100 {
        if screen(&app) == Screen::Debrief {
            break;
        }
        send(&mut app, UiCommand::Do(Act::EndTurn));
        for _ in 0..60 {
            app.update();
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let shown = texts(&mut app);
    assert!(
        shown.contains("Social worker: the defensive computer player"),
        "{shown}"
    );
}

#[test]
fn the_shipped_cases_are_built_in_and_a_file_of_the_same_id_wins() {
    // No scenario folder at all (an installed game, a school laptop): every shipped case.
    let none = Library::from_folders(&[], None);
    let ids: Vec<String> = none
        .entries
        .iter()
        .map(|e| e.scenario.as_ref().unwrap().get().id.clone())
        .collect();
    assert_eq!(ids, joined_up::scenario::builtin::ids());
    assert!(
        none.entries
            .iter()
            .all(|e| e.path.to_string_lossy().starts_with("builtin:"))
    );
    // An author's own copy of a shipped case (edited) takes its place.
    let dir = saves_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/cold_winter.scenario.ron"
    ))
    .unwrap();
    std::fs::write(
        dir.join("mine.scenario.ron"),
        original.replacen("title: \"A cold winter\"", "title: \"A colder winter\"", 1),
    )
    .unwrap();
    let mine = Library::from_folders(std::slice::from_ref(&dir), None);
    assert_eq!(
        mine.entries.len(),
        ids.len(),
        "the same cases, one of them the author's"
    );
    let cold: Vec<_> = mine
        .entries
        .iter()
        .filter(|e| e.scenario.as_ref().unwrap().get().id == "cold_winter")
        .collect();
    assert_eq!(cold.len(), 1);
    assert_eq!(
        cold[0].scenario.as_ref().unwrap().get().title,
        "A colder winter"
    );
    assert_eq!(cold[0].path, dir.join("mine.scenario.ron"));
}

/// LAN play in the window: a host window (the facilitator's seat) and a student's window over
/// loopback, driven through the same commands their buttons send.
#[cfg(feature = "lan")]
mod lan_windows {
    use super::*;
    use joined_up::net::transport::NetHost;
    use joined_up::net::{Command, SeatRequest};
    use joined_up::ui::{LanCommand, LanLaunch};

    /// A window's app, finished as `App::run` finishes it (replicon sets up its channels then).
    fn lan_app(launch: Launch) -> App {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, SimPlugin))
            .add_plugins(UiPlugin {
                launch: Launch {
                    saves: Some(saves_dir()),
                    ..launch
                },
            });
        app.finish();
        app.cleanup();
        // The command line's request is made on the first frame and shown on the next.
        app.update();
        app.update();
        app
    }

    fn host_window() -> App {
        let mut host = lan_app(Launch {
            scenario: Some("home_from_hospital".into()),
            seed: Some(5),
            lan: Some(LanLaunch::Host {
                rooms: 2,
                port: 0,
                save_dir: saves_dir(),
            }),
            ..Launch::default()
        });
        host.update();
        host.update();
        host
    }

    fn port_of(host: &App) -> u16 {
        let shown = host
            .world()
            .resource::<joined_up::ui::Lan>()
            .hosting
            .clone()
            .expect("hosting");
        shown.rsplit(':').next().unwrap().parse().unwrap()
    }

    fn student(port: u16, seat: SeatRequest) -> App {
        lan_app(Launch {
            lan: Some(LanLaunch::Join {
                address: format!("127.0.0.1:{port}"),
                room: 1,
                seat,
            }),
            ..Launch::default()
        })
    }

    /// Runs both windows until `done` holds of the student's (or ten seconds pass).
    fn pump(host: &mut App, student: &mut App, done: impl Fn(&mut App) -> bool) {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::time::Instant::now() < until {
            host.update();
            student.update();
            if done(student) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("timed out; the student's window shows:\n{}", texts(student));
    }

    fn host_actions(host: &App, room: usize) -> Vec<joined_up::sim::Recorded> {
        host.world()
            .resource::<NetHost>()
            .0
            .played(room)
            .unwrap()
            .actions
    }

    #[test]
    fn a_student_joins_a_host_window_plays_its_seat_and_the_facilitator_guides_it() {
        let mut host = host_window();
        assert_eq!(screen(&host), Screen::Host);
        let shown = texts(&mut host);
        assert!(shown.contains("Students join at"), "{shown}");
        assert!(shown.contains("Room 1"), "{shown}");
        let port = port_of(&host);

        let mut sw = student(port, SeatRequest::SocialWorker);
        assert_eq!(screen(&sw), Screen::Lan);
        // The host's briefing for the seat it gave: the social worker's, not the GP's.
        pump(&mut host, &mut sw, |a| {
            texts(a).contains("You are Tom Brennan")
        });
        assert!(!texts(&mut sw).contains("Nadia Osei (GP"));

        // The self-assessment before play reaches the host, under the seat's role.
        let item = sw.world().resource::<Game>().instrument.get().items[0]
            .id
            .clone();
        send(
            &mut sw,
            UiCommand::Rate(Role::SocialWorker, Phase::Before, item.clone(), 4),
        );
        pump(&mut host, &mut sw, |_| true);
        pump(&mut host, &mut sw, |_| true);
        let answers = host
            .world()
            .resource::<NetHost>()
            .0
            .answers(1)
            .cloned()
            .unwrap();
        assert_eq!(
            answers
                .of(Role::SocialWorker)
                .and_then(|a| a.phase(Phase::Before).get(&item).copied()),
            Some(4)
        );

        // Play: the same screen as local play, drawn from the host's view of this seat.
        let c = button(&mut sw, "Begin");
        send(&mut sw, c);
        pump(&mut host, &mut sw, |a| texts(a).contains("Social worker"));
        let end = button(&mut sw, "End my half-day");
        assert_eq!(end, UiCommand::Do(Act::EndTurn));
        send(&mut sw, end);
        pump(&mut host, &mut sw, |a| {
            texts(a).contains("Waiting for your colleague")
        });
        let acts = host_actions(&host, 1);
        assert_eq!(acts.len(), 1);
        // The host gave the choice the seat it assigned this connection.
        assert_eq!(acts[0].role, Role::SocialWorker);
        assert!(host_actions(&host, 0).is_empty(), "room 0 is untouched");

        // The facilitator pauses room 1 from the host window: the student is told, and a
        // choice made while paused is refused with the reason.
        send(&mut host, UiCommand::Lan(LanCommand::Watch(1)));
        let c = button(&mut host, "Pause the room");
        send(&mut host, c);
        pump(&mut host, &mut sw, |a| texts(a).contains("paused the room"));
        send(&mut sw, UiCommand::Do(Act::AttendHuddle));
        pump(&mut host, &mut sw, |a| {
            a.world().resource::<Game>().refusal.as_deref()
                == Some("the facilitator has paused the room")
        });
        send(
            &mut host,
            UiCommand::Lan(LanCommand::Facilitate(Command::Resume)),
        );

        // A question from the guide, to the social worker only: it reaches their notices.
        let hint = button(&mut host, "To the Social worker");
        send(&mut host, hint);
        pump(&mut host, &mut sw, |a| {
            texts(a).contains("From the facilitator:")
        });
        assert!(host.world().resource::<Game>().refusal.is_none());

        // A facilitator may join from another laptop too: the room it joined, and its commands
        // go to the host.
        let mut fac = student(port, SeatRequest::Facilitator);
        pump(&mut host, &mut fac, |a| texts(a).contains("Facilitating"));
        assert!(!texts(&mut fac).contains("Students join at"));
        let c = button(&mut fac, "Pause the room");
        send(&mut fac, c);
        pump(&mut host, &mut fac, |a| {
            texts(a).contains("Resume the room")
        });
        assert!(host.world().resource::<NetHost>().0.overview()[1].paused);
        assert!(!host.world().resource::<NetHost>().0.overview()[0].paused);

        // Leaving keeps the seat for its player; the host's overview says so.
        send(&mut sw, UiCommand::Lan(LanCommand::Leave));
        assert_eq!(screen(&sw), Screen::Title);
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            host.update();
            sw.update();
            if texts(&mut host).contains("Free the seat of the Social worker") {
                break;
            }
            assert!(std::time::Instant::now() < until, "{}", texts(&mut host));
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn the_join_screen_takes_a_typed_address_and_refuses_a_half_typed_one() {
        use bevy::input::ButtonState;
        use bevy::input::keyboard::{Key, KeyboardInput};
        let mut app = app();
        let c = button(&mut app, "Join a session on this network");
        send(&mut app, c);
        assert_eq!(screen(&app), Screen::Join);
        for c in "10.0.x7:".chars() {
            app.world_mut().write_message(KeyboardInput {
                key_code: KeyCode::Digit1,
                logical_key: Key::Character(c.to_string().into()),
                state: ButtonState::Pressed,
                text: None,
                repeat: false,
                window: Entity::PLACEHOLDER,
            });
            app.update();
        }
        app.world_mut().write_message(KeyboardInput {
            key_code: KeyCode::Backspace,
            logical_key: Key::Backspace,
            state: ButtonState::Pressed,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
        // Letters are not typed (they stay shortcuts); Backspace takes the colon back.
        assert_eq!(
            app.world().resource::<joined_up::ui::Lan>().address,
            "10.0.7"
        );
        assert!(texts(&mut app).contains("10.0.7_"));
        let c = button(&mut app, "Connect");
        send(&mut app, c);
        assert_eq!(screen(&app), Screen::Join);
        let refusal = app.world().resource::<Game>().refusal.clone().unwrap();
        assert!(refusal.contains("Not an address"), "{refusal}");
        assert!(texts(&mut app).contains("Not an address"));
        // A seat and a room are chosen with buttons.
        let c = button(&mut app, "Facilitator");
        send(&mut app, c);
        let c = button(&mut app, "Room: one higher");
        send(&mut app, c);
        let lan = app.world().resource::<joined_up::ui::Lan>();
        assert_eq!((lan.seat, lan.room), (SeatRequest::Facilitator, 1));
    }
}
