//! The window in LAN play. Joining: the host's address typed on a student's laptop, a seat and a
//! room asked for, the briefing the host sends, then the same play screen as local play, drawn
//! from the view the host sends and sending each choice to the host, which gives it the seat it
//! assigned this connection. Hosting: the facilitator's overview on the host laptop (the
//! address to type, every room at a glance, one room's score by domain and both professions'
//! positions, and pause, the case's offered events, and hints), its commands going through
//! the host's one door for messages, [`HostState::handle`], from the host's own seat.
//!
//! The networking is [`crate::net::transport`]'s; the host's logic is [`HostState`]'s. This file
//! only shows what they hold and turns buttons into their messages.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

use super::game::{Game, LanLaunch, Mode, RemoteSeat};
use super::library::Library;
use super::strings as s;
use super::widgets::{BAD, Ui};
use super::{DebriefTab, Dirty, LanCommand, Screen, UiCommand};
use crate::net::transport::{self, DEFAULT_PORT, LOCAL, LocalInbox, NetClient, NetHost};
use crate::net::{Command, Down, HostState, RoomSummary, RoomWatch, SeatRequest, Up};
use crate::sim::{Act, Intervention, Role, SimSystems};

/// Longest address typed on the join screen.
const MOST_ADDRESS: usize = 48;

/// LAN play in the window.
pub struct Plugin {
    /// What the command line asked for, started on the first frame.
    pub launch: Option<LanLaunch>,
}

impl bevy::app::Plugin for Plugin {
    fn build(&self, app: &mut App) {
        transport::plugin(app);
        let mut lan = Lan::default();
        if let Some(LanLaunch::Host {
            rooms,
            port,
            save_dir,
        }) = &self.launch
        {
            lan.rooms = *rooms;
            lan.port = *port;
            lan.save_dir = Some(save_dir.clone());
        }
        if let Some(LanLaunch::Join {
            address,
            room,
            seat,
        }) = &self.launch
        {
            lan.address = address.clone();
            lan.room = *room;
            lan.seat = *seat;
        }
        let first = match &self.launch {
            Some(LanLaunch::Host { .. }) => Some(LanCommand::Host),
            Some(LanLaunch::Join { .. }) => Some(LanCommand::Connect),
            None => None,
        };
        // Typed keys (the window's input plugin adds them; a headless test's app may not).
        app.add_message::<KeyboardInput>();
        app.insert_resource(lan)
            .add_systems(Startup, move |mut out: MessageWriter<UiCommand>| {
                if let Some(c) = first.clone() {
                    out.write(UiCommand::Lan(c));
                }
            })
            .add_systems(
                Update,
                (type_address, send_choices, follow_client, follow_host)
                    .chain()
                    .after(SimSystems::Step)
                    .before(super::rebuild::Rebuild),
            );
    }
}

/// LAN play as the window holds it.
#[derive(Resource, Debug)]
pub struct Lan {
    /// The host's address, as typed on the join screen.
    pub address: String,
    pub seat: SeatRequest,
    pub room: usize,
    /// Rooms to host, and where.
    pub rooms: usize,
    pub port: u16,
    pub save_dir: Option<PathBuf>,
    /// The host joined, once asked.
    pub server: Option<SocketAddr>,
    /// Where this window hosts, as the other laptops type it.
    pub hosting: Option<String>,
    /// The facilitator's room on show.
    pub watching: usize,
    /// The joined seat's player has read the briefing.
    pub begun: bool,
    /// When joining began, by the window's clock (to say when no answer has come).
    pub asked_at: f64,
    /// The client's messages seen so far, and the refusals among them.
    seen: (u64, usize),
    /// Actions in the room when this seat last sent a choice that closes the composer.
    sent_at: Option<(usize, Act)>,
    /// The host's changes seen so far.
    host_seen: u64,
    /// The seat (by its token) whose instrument the window shows.
    instrument_from: Option<u64>,
}

impl Default for Lan {
    fn default() -> Self {
        Lan {
            address: String::new(),
            seat: SeatRequest::Gp,
            room: 0,
            rooms: 1,
            port: DEFAULT_PORT,
            save_dir: None,
            server: None,
            hosting: None,
            watching: 0,
            begun: false,
            asked_at: 0.0,
            seen: (0, 0),
            sent_at: None,
            host_seen: 0,
            instrument_from: None,
        }
    }
}

/// Does what a LAN button asks (with the whole world: starting a host or a client inserts the
/// network's resources).
pub(super) fn apply(world: &mut World, c: LanCommand) {
    world.resource_mut::<Dirty>().0 = true;
    match c {
        LanCommand::Seat(seat) => world.resource_mut::<Lan>().seat = seat,
        LanCommand::Room(r) => world.resource_mut::<Lan>().room = r.min(31),
        LanCommand::Rooms(n) => world.resource_mut::<Lan>().rooms = n.clamp(1, 32),
        LanCommand::Connect => connect(world),
        LanCommand::Host => host(world),
        LanCommand::Begin => world.resource_mut::<Lan>().begun = true,
        LanCommand::Watch(r) => world.resource_mut::<Lan>().watching = r,
        LanCommand::Facilitate(command) => facilitate(world, command),
        LanCommand::Leave => {
            transport::leave(world);
            transport::stop_host(world);
            *world.resource_mut::<RemoteSeat>() = RemoteSeat::default();
            let mut lan = world.resource_mut::<Lan>();
            lan.server = None;
            lan.hosting = None;
            lan.begun = false;
            let mut game = world.resource_mut::<Game>();
            game.draft = None;
            game.plan = None;
            game.refusal = None;
            game.feedback = None;
            world.resource_mut::<NextState<Screen>>().set(Screen::Title);
            calm(world);
        }
    }
}

/// Asks the host typed on the join screen for the seat chosen.
fn connect(world: &mut World) {
    let (address, room, seat) = {
        let lan = world.resource::<Lan>();
        (lan.address.trim().to_owned(), lan.room, lan.seat)
    };
    let Some(server) = resolve(&address) else {
        world.resource_mut::<Game>().refusal = Some(format!("{} {address}", s::LAN_BAD_ADDRESS));
        world.resource_mut::<NextState<Screen>>().set(Screen::Join);
        return;
    };
    transport::leave(world);
    let token = transport::token_file(server, room, seat);
    if let Err(e) = transport::start_join(world, server, room, seat, None, token) {
        world.resource_mut::<Game>().refusal = Some(e);
        return;
    }
    let now = world.resource::<Time<Real>>().elapsed_secs_f64();
    {
        let mut lan = world.resource_mut::<Lan>();
        lan.server = Some(server);
        lan.begun = false;
        lan.asked_at = now;
        lan.seen = (0, 0);
        lan.sent_at = None;
    }
    world.resource_mut::<RemoteSeat>().joined = true;
    let mut game = world.resource_mut::<Game>();
    game.refusal = None;
    game.feedback = None;
    game.draft = None;
    game.plan = None;
    game.selected = None;
    if let Some(role) = seat.role() {
        // This keyboard plays the one role it asked for (its self-assessment is that role's).
        game.mode = Mode::Solo(role);
        game.active = role;
    }
    world.resource_mut::<NextState<Screen>>().set(Screen::Lan);
    brisk(world);
}

/// Hosts the case chosen in the library (or on the command line), in the rooms asked for.
fn host(world: &mut World) {
    let (pick, setting, seed, saves) = {
        let g = world.resource::<Game>();
        (g.pick, g.setting.clone(), g.seed, g.saves.clone())
    };
    let Some((scenario, path)) = world.resource::<Library>().entries.get(pick).and_then(|e| {
        e.scenario
            .as_ref()
            .ok()
            .map(|s| (s.clone(), e.path.clone()))
    }) else {
        world.resource_mut::<Game>().refusal = Some(s::CASE_UNAVAILABLE.to_owned());
        return;
    };
    let (rooms, port, save_dir) = {
        let lan = world.resource::<Lan>();
        (
            lan.rooms,
            lan.port,
            lan.save_dir.clone().unwrap_or_else(|| saves.join("lan")),
        )
    };
    transport::stop_host(world);
    let state = match HostState::new(
        &scenario,
        Some(&path),
        setting.as_deref(),
        seed,
        rooms,
        Some(&save_dir),
    ) {
        Ok(s) => s,
        Err(e) => {
            world.resource_mut::<Game>().refusal = Some(e);
            return;
        }
    };
    let addr = match transport::start_host(world, state, port) {
        Ok(a) => a,
        Err(e) => {
            world.resource_mut::<Game>().refusal = Some(format!("{e}. {}", s::LAN_PORT_BUSY));
            world.resource_mut::<NextState<Screen>>().set(Screen::Setup);
            return;
        }
    };
    // The host's own window takes the facilitator's seat, through the same door as anyone's.
    let now = world.resource::<Time<Real>>().elapsed_secs_f64() as u64;
    let answers = world.resource_mut::<NetHost>().0.handle(
        LOCAL,
        Up::Hello {
            room: 0,
            seat: SeatRequest::Facilitator,
            token: None,
            computer: None,
        },
        now,
    );
    transport::deliver(world, answers);
    let shown = transport::local_address().map_or_else(
        || format!("{}:{}", s::LAN_THIS_LAPTOP, addr.port()),
        |ip| format!("{ip}:{}", addr.port()),
    );
    {
        let mut lan = world.resource_mut::<Lan>();
        lan.hosting = Some(shown);
        lan.watching = 0;
    }
    world.resource_mut::<Game>().refusal = None;
    world.resource_mut::<NextState<Screen>>().set(Screen::Host);
    brisk(world);
}

/// A facilitator's command for the room on show: from the host's own seat when hosting, or
/// over the network from a facilitator who joined.
fn facilitate(world: &mut World, command: Command) {
    if world.contains_resource::<NetHost>() {
        let room = world.resource::<Lan>().watching;
        let now = world.resource::<Time<Real>>().elapsed_secs_f64() as u64;
        let answers =
            world
                .resource_mut::<NetHost>()
                .0
                .handle(LOCAL, Up::Command { room, command }, now);
        transport::deliver(world, answers);
    } else if let Some(room) = world
        .get_resource::<NetClient>()
        .and_then(|c| c.welcome.as_ref())
        .map(|w| w.room)
    {
        // A joined facilitator guides the room it joined.
        world.write_message(Up::Command { room, command });
    }
}

/// While networking, the window looks for messages often (a choice made on one laptop shows on
/// the other within a frame or two), focused or not.
fn brisk(world: &mut World) {
    if let Some(mut w) = world.get_resource_mut::<bevy::winit::WinitSettings>() {
        w.focused_mode = bevy::winit::UpdateMode::reactive(Duration::from_millis(50));
        w.unfocused_mode = bevy::winit::UpdateMode::reactive(Duration::from_millis(100));
    }
}

/// Back to sparing the battery (as [`super::window`] sets it).
fn calm(world: &mut World) {
    if let Some(mut w) = world.get_resource_mut::<bevy::winit::WinitSettings>() {
        w.focused_mode = bevy::winit::UpdateMode::reactive(Duration::from_secs(1));
        w.unfocused_mode = bevy::winit::UpdateMode::reactive_low_power(Duration::from_secs(1));
    }
}

/// The typed address: four numbers and, after a colon, the port (the usual one if left off).
/// Only numbers are read, never looked up, so a half-typed one is refused at once.
fn resolve(address: &str) -> Option<SocketAddr> {
    if let Ok(a) = address.parse::<SocketAddr>() {
        return Some(a);
    }
    let ip = address.strip_suffix(':').unwrap_or(address);
    ip.parse::<std::net::Ipv4Addr>()
        .ok()
        .map(|ip| SocketAddr::from((ip, DEFAULT_PORT)))
}

/// On the join screen, digits, dots and a colon type the address; Backspace takes one back.
/// (Letters stay the screen's shortcuts.)
fn type_address(
    mut keys: MessageReader<KeyboardInput>,
    screen: Res<State<Screen>>,
    mut lan: ResMut<Lan>,
    mut dirty: ResMut<Dirty>,
) {
    let typing = *screen.get() == Screen::Join;
    for k in keys.read() {
        if !typing || k.state != ButtonState::Pressed {
            continue;
        }
        match &k.logical_key {
            Key::Backspace => {
                lan.address.pop();
            }
            Key::Character(c) => {
                for ch in c.chars() {
                    if (ch.is_ascii_digit() || ch == '.' || ch == ':')
                        && lan.address.len() < MOST_ADDRESS
                    {
                        lan.address.push(ch);
                    }
                }
            }
            _ => continue,
        }
        dirty.0 = true;
    }
}

/// The person's choices go to the host, which assigns them the seat.
fn send_choices(
    mut remote: ResMut<RemoteSeat>,
    client: Option<Res<NetClient>>,
    mut lan: ResMut<Lan>,
    mut out: Option<MessageWriter<Up>>,
) {
    if remote.outbox.is_empty() && remote.answers.is_empty() {
        return;
    }
    let (Some(client), Some(out)) = (client, out.as_mut()) else {
        remote.outbox.clear();
        remote.answers.clear();
        return;
    };
    for (phase, item, value) in remote.answers.drain(..) {
        out.write(Up::Answer { phase, item, value });
    }
    let actions = client.view.as_ref().map_or(0, |v| v.actions);
    for act in remote.outbox.drain(..) {
        if matches!(
            act,
            Act::Send(_) | Act::Reply(_) | Act::RecordNote { .. } | Act::ProposeCarePlan { .. }
        ) {
            lan.sent_at = Some((actions, act.clone()));
        }
        out.write(Up::Act(act));
    }
}

/// Follows what the host sends: refusals shown as local play shows them, the composer closed
/// once what it wrote has gone, and the screen redrawn.
fn follow_client(
    client: Option<Res<NetClient>>,
    mut lan: ResMut<Lan>,
    mut game: ResMut<Game>,
    mut dirty: ResMut<Dirty>,
    time: Res<Time<Real>>,
    mut waited: Local<u64>,
) {
    let Some(client) = client else { return };
    // Waiting for an answer: the screen says so after a while.
    let secs = (time.elapsed_secs_f64() - lan.asked_at) as u64;
    if client.welcome.is_none() && secs != *waited {
        *waited = secs;
        dirty.0 = true;
    }
    if client.received == lan.seen.0 {
        return;
    }
    dirty.0 = true;
    if let Some(w) = &client.welcome
        && lan.instrument_from != Some(w.token)
    {
        // The seat answers the statements the host records.
        lan.instrument_from = Some(w.token);
        match crate::self_assessment::ValidInstrument::from_host(&w.instrument) {
            Ok(i) => {
                game.self_assessment = crate::self_assessment::SelfAssessment::new(&i);
                game.instrument = i;
            }
            Err(e) => {
                game.refusal = e.first().map(ToString::to_string);
            }
        }
    }
    let refusals = client.refused.len();
    if refusals > lan.seen.1 {
        game.refusal = client.refused.last().cloned();
        game.feedback = None;
        lan.sent_at = None;
    }
    if let (Some((before, act)), Some(v)) = (&lan.sent_at, &client.view)
        && v.actions > *before
    {
        match act {
            Act::ProposeCarePlan { .. } => game.plan = None,
            _ => game.draft = None,
        }
        lan.sent_at = None;
    }
    lan.seen = (client.received, refusals);
}

/// Follows the host's rooms (the facilitator's screen redraws as they move) and what the host
/// said to its own seat.
fn follow_host(
    host: Option<Res<NetHost>>,
    inbox: Option<ResMut<LocalInbox>>,
    mut lan: ResMut<Lan>,
    mut game: ResMut<Game>,
    mut dirty: ResMut<Dirty>,
) {
    let Some(host) = host else { return };
    if host.0.changes != lan.host_seen {
        lan.host_seen = host.0.changes;
        dirty.0 = true;
    }
    if let Some(mut inbox) = inbox {
        for m in inbox.0.drain(..) {
            if let Down::Refused(why) = m {
                game.refusal = Some(why);
                dirty.0 = true;
            }
        }
    }
}

/// The LAN screens.
pub(super) fn build(ui: &mut Ui, world: &World, screen: Screen) {
    match screen {
        Screen::Join => join_screen(ui, world),
        Screen::Host => host_screen(ui, world),
        _ => joined_screen(ui, world),
    }
}

fn join_screen(ui: &mut Ui, world: &World) {
    let lan = world.resource::<Lan>();
    let game = world.resource::<Game>();
    ui.h(s::LAN_JOIN_TITLE, 36.0);
    ui.t(s::LAN_JOIN_HOW);
    ui.h(
        format!(
            "{}: {}_",
            s::LAN_ADDRESS,
            if lan.address.is_empty() {
                ""
            } else {
                &lan.address
            }
        ),
        30.0,
    );
    ui.muted(s::LAN_TYPE_HINT);
    if let Some(r) = &game.refusal {
        ui.coloured(r.clone(), BAD);
    }
    // First, so Enter (on the first button's focus) connects once the address is typed.
    ui.plain(s::LAN_CONNECT, UiCommand::Lan(LanCommand::Connect));
    ui.t(s::LAN_SEAT);
    ui.choices(
        [
            SeatRequest::Gp,
            SeatRequest::SocialWorker,
            SeatRequest::Facilitator,
        ]
        .into_iter()
        .map(|seat| {
            (
                s::seat(seat).to_owned(),
                UiCommand::Lan(LanCommand::Seat(seat)),
                lan.seat == seat,
            )
        })
        .collect(),
    );
    ui.t(format!("{}: {}", s::LAN_ROOM, lan.room));
    ui.start_row();
    ui.plain(
        s::LAN_ROOM_DOWN,
        UiCommand::Lan(LanCommand::Room(lan.room.saturating_sub(1))),
    );
    ui.plain(
        s::LAN_ROOM_UP,
        UiCommand::Lan(LanCommand::Room(lan.room + 1)),
    );
    ui.end_row();
    ui.muted(s::LAN_ROOM_HINT);
    ui.bk(s::BACK, UiCommand::Go(Screen::Title), KeyCode::KeyB, 'B');
}

/// A joined seat: waiting for the host, the briefing it sent, play, and the end.
fn joined_screen(ui: &mut Ui, world: &World) {
    let lan = world.resource::<Lan>();
    let game = world.resource::<Game>();
    let Some(client) = world.get_resource::<NetClient>() else {
        ui.h(s::LAN_NOT_JOINED, 32.0);
        ui.b(s::LAN_JOIN_AGAIN, UiCommand::Go(Screen::Join));
        ui.bk(
            s::BACK,
            UiCommand::Lan(LanCommand::Leave),
            KeyCode::KeyB,
            'B',
        );
        return;
    };
    let server = lan.server.map_or_else(String::new, |a| a.to_string());
    let connected = world
        .get_resource::<State<bevy_replicon::prelude::ClientState>>()
        .is_some_and(|s| *s.get() == bevy_replicon::prelude::ClientState::Connected);
    if let Some(welcome) = client
        .welcome
        .as_ref()
        .filter(|w| w.seat == SeatRequest::Facilitator)
    {
        // A facilitator who joined from another laptop: the room they joined, and the others
        // at a glance.
        if !connected {
            ui.coloured(s::LAN_LOST_HOST, BAD);
            ui.b(s::LAN_RECONNECT, UiCommand::Lan(LanCommand::Connect));
        }
        return facilitator(
            ui,
            game,
            &Facilitated {
                heading: welcome.title.clone(),
                address: None,
                overview: &client.overview,
                watch: client.watch.as_ref(),
                watching: welcome.room,
                offered: &welcome.offered,
                hints: &welcome.hints,
                can_switch: false,
                saved: client.over.as_ref().and_then(|o| o.saved.clone()),
                carried_on: &[],
            },
        );
    }
    if let Some(over) = &client.over {
        let role = client.welcome.as_ref().and_then(|w| w.seat.role());
        return over_screen(ui, game, over, role);
    }
    let Some(welcome) = &client.welcome else {
        if client.refused.is_empty() {
            ui.h(format!("{} {server}...", s::LAN_CONNECTING), 32.0);
            let waited = world.resource::<Time<Real>>().elapsed_secs_f64() - lan.asked_at;
            if waited > 10.0 {
                ui.coloured(s::LAN_NO_ANSWER, BAD);
            }
        } else {
            ui.h(s::LAN_REFUSED, 32.0);
            for r in &client.refused {
                ui.coloured(r.clone(), BAD);
            }
            ui.b(s::LAN_JOIN_AGAIN, UiCommand::Go(Screen::Join));
        }
        ui.bk(
            s::LAN_LEAVE,
            UiCommand::Lan(LanCommand::Leave),
            KeyCode::KeyL,
            'L',
        );
        return;
    };
    if !connected {
        // The seat is held: the same laptop rejoins it with its token.
        ui.coloured(s::LAN_LOST_HOST, BAD);
        ui.b(s::LAN_RECONNECT, UiCommand::Lan(LanCommand::Connect));
        ui.bk(
            s::LAN_LEAVE,
            UiCommand::Lan(LanCommand::Leave),
            KeyCode::KeyL,
            'L',
        );
        return;
    }
    match (&client.view, lan.begun) {
        (Some(v), true) => {
            if v.paused {
                ui.coloured(s::LAN_PAUSED, BAD);
            }
            if v.colleague_away {
                ui.muted(s::LAN_COLLEAGUE_AWAY);
            }
            super::play::play_view(ui, &v.view, game);
        }
        _ => remote_briefing(ui, game, welcome),
    }
}

/// The briefing the host sent this seat, and the self-assessment before play.
fn remote_briefing(ui: &mut Ui, game: &Game, w: &crate::net::Welcome) {
    ui.h(format!("{}: {}", s::BRIEFING, w.title), 36.0);
    ui.muted(format!(
        "{} {}, {} {}",
        s::LAN_ROOM,
        w.room,
        s::LAN_SEAT.to_lowercase(),
        s::seat(w.seat)
    ));
    let Some(b) = &w.briefing else { return };
    ui.h(format!("{} {} ({})", s::YOU_ARE, b.name, b.title), 22.0);
    ui.t(b.text.clone());
    ui.t(format!("{}: {}", s::YOUR_CASELOAD, b.caseload.join(", ")));
    if !b.commitments.is_empty() {
        ui.muted(format!("{}: {}", s::YOUR_WEEK, b.commitments.join("; ")));
    }
    ui.muted(format!("{}: {}", s::SETTING, b.borough));
    ui.h(s::OBJECTIVES, 22.0);
    for o in &b.objectives {
        ui.t(format!("- {o}"));
    }
    ui.b(s::BEGIN, UiCommand::Lan(LanCommand::Begin));
    ui.bk(
        s::LAN_LEAVE,
        UiCommand::Lan(LanCommand::Leave),
        KeyCode::KeyL,
        'L',
    );
    if let Some(role) = w.seat.role() {
        ui.new_col();
        ui.wide();
        ui.h(s::BEFORE_YOU_START, 24.0);
        let inst = game.instrument.get();
        ui.muted(inst.title.clone());
        ui.muted(s::OPTIONAL);
        super::screens::self_assessment(ui, game, role, crate::self_assessment::Phase::Before);
    }
}

/// The end: the debrief the host sent, in the seminar's three parts.
fn over_screen(ui: &mut Ui, game: &Game, over: &crate::net::Over, role: Option<Role>) {
    ui.h(format!("{}: {:+}", s::LAN_OVER, over.total), 32.0);
    if let Some(p) = &over.saved {
        ui.muted(format!("{} {p}", s::LAN_HOST_SAVED));
    }
    let parts = [
        (DebriefTab::Reactions, s::TAB_REACTIONS, KeyCode::KeyR, 'R'),
        (DebriefTab::Analysis, s::TAB_ANALYSIS, KeyCode::KeyA, 'A'),
        (
            DebriefTab::Application,
            s::TAB_APPLICATION,
            KeyCode::KeyN,
            'N',
        ),
    ];
    let tab = match game.debrief_tab {
        DebriefTab::Knowledge | DebriefTab::Timeline => DebriefTab::Analysis,
        t => t,
    };
    for (t, label, key, name) in parts {
        let label = if t == tab {
            format!("{} {label}", s::CHOSEN_MARK)
        } else {
            label.to_owned()
        };
        ui.bk(&label, UiCommand::DebriefTab(t), key, name);
    }
    ui.bk(
        s::LAN_LEAVE,
        UiCommand::Lan(LanCommand::Leave),
        KeyCode::KeyL,
        'L',
    );
    let wanted = match tab {
        DebriefTab::Reactions => 1,
        DebriefTab::Application => 3,
        _ => 2,
    };
    ui.new_col();
    ui.wide();
    markdown(ui, &section(&over.debrief, wanted));
    if let (DebriefTab::Application, Some(role)) = (tab, role) {
        // The same statements again, now the session is over; the host keeps the answers.
        ui.new_col();
        ui.h(format!("{} ({})", s::AFTER_DEBRIEF, role.label()), 20.0);
        super::screens::self_assessment(ui, game, role, crate::self_assessment::Phase::After);
        if game.instrument.get().retrospective_before {
            ui.h(s::LOOKING_BACK, 20.0);
            super::screens::self_assessment(
                ui,
                game,
                role,
                crate::self_assessment::Phase::Retrospective,
            );
        }
    }
}

/// The `n`th `## ` part of a Markdown debrief.
fn section(md: &str, n: usize) -> String {
    let mut part = 0;
    let mut out = String::new();
    for line in md.lines() {
        if line.starts_with("## ") {
            part += 1;
        }
        if part == n {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Markdown, drawn plainly: headings as headings, tables as rows of cells, emphasis dropped.
fn markdown(ui: &mut Ui, md: &str) {
    for line in md.lines() {
        let plain = line.replace("**", "");
        let t = plain.trim_end();
        if t.is_empty() || t.starts_with("|---") {
            continue;
        }
        if let Some(h) = t.strip_prefix("## ") {
            ui.h(h.to_owned(), 26.0);
        } else if let Some(h) = t.strip_prefix("### ") {
            ui.h(h.to_owned(), 22.0);
        } else if t.starts_with('|') {
            let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
            ui.t(cells.join("  ·  "));
        } else if t.starts_with("  ") {
            ui.muted(t.trim_start().to_owned());
        } else {
            ui.t(t.to_owned());
        }
    }
}

/// What the facilitator's screen shows, from the host's own state or from what a joined
/// facilitator was sent.
struct Facilitated<'a> {
    heading: String,
    /// The address to type, when this window is the host.
    address: Option<&'a str>,
    overview: &'a [RoomSummary],
    watch: Option<&'a RoomWatch>,
    watching: usize,
    offered: &'a [(String, String)],
    hints: &'a [String],
    /// The host's own seat watches any room; a joined facilitator, the room it joined.
    can_switch: bool,
    /// Where the room on show was saved, once finished (on the host).
    saved: Option<String>,
    /// Rooms this host carried on from an earlier host's journal, and the actions kept.
    carried_on: &'a [(usize, usize)],
}

fn host_screen(ui: &mut Ui, world: &World) {
    let lan = world.resource::<Lan>();
    let game = world.resource::<Game>();
    let Some(host) = world.get_resource::<NetHost>() else {
        ui.h(s::LAN_NOT_HOSTING, 32.0);
        if let Some(r) = &game.refusal {
            ui.coloured(r.clone(), BAD);
        }
        ui.bk(
            s::BACK,
            UiCommand::Lan(LanCommand::Leave),
            KeyCode::KeyB,
            'B',
        );
        return;
    };
    let overview = host.0.overview();
    let watching = lan.watching.min(host.0.rooms().saturating_sub(1));
    let watch = host.0.watch(watching);
    let (offered, hints) = host.0.offered();
    facilitator(
        ui,
        game,
        &Facilitated {
            heading: watch.summary.case.clone(),
            address: lan.hosting.as_deref(),
            overview: &overview,
            watch: Some(&watch),
            watching,
            offered: &offered,
            hints: &hints,
            can_switch: true,
            saved: host.0.saved_as(watching).map(|p| p.display().to_string()),
            carried_on: &host.0.carried_on,
        },
    );
}

/// The facilitator's screen: where to join, the rooms, one room's score and both professions'
/// positions, and what the facilitator may do.
fn facilitator(ui: &mut Ui, game: &Game, f: &Facilitated) {
    ui.h(format!("{}: {}", s::LAN_FACILITATING, f.heading), 30.0);
    if let Some(a) = f.address {
        ui.t(s::LAN_JOIN_AT);
        ui.h(a.to_owned(), 44.0);
        ui.muted(s::LAN_JOIN_AT_HOW);
    }
    if let Some(r) = &game.refusal {
        ui.coloured(r.clone(), BAD);
    }
    ui.h(s::LAN_ROOMS, 22.0);
    for r in f.overview {
        let seats: Vec<String> = r
            .seats
            .iter()
            .map(|(role, who)| format!("{role}: {who}"))
            .collect();
        let state = if r.finished {
            s::LAN_FINISHED.to_owned()
        } else if r.paused {
            format!("{}, {}", r.half_day, s::LAN_IS_PAUSED)
        } else {
            r.half_day.clone()
        };
        let line = format!(
            "{} {}: {state}, {:+}, {} {}. {}",
            s::LAN_ROOM,
            r.room,
            r.total,
            r.crises,
            s::LAN_CRISES,
            seats.join("; ")
        );
        if f.can_switch {
            let line = if r.room == f.watching {
                format!("{} {line}", s::CHOSEN_MARK)
            } else {
                line
            };
            ui.plain(line, UiCommand::Lan(LanCommand::Watch(r.room)));
        } else {
            ui.t(line);
        }
    }
    for (room, kept) in f.carried_on {
        ui.muted(s::lan_carried_on(*room, *kept));
    }
    ui.bk(
        if f.address.is_some() {
            s::LAN_STOP_HOSTING
        } else {
            s::LAN_LEAVE
        },
        UiCommand::Lan(LanCommand::Leave),
        KeyCode::KeyL,
        'L',
    );

    let Some(w) = f.watch else {
        return;
    };
    ui.new_col();
    ui.wide();
    ui.h(
        format!("{} {}: {:+}", s::LAN_ROOM, w.room, w.summary.total),
        26.0,
    );
    ui.muted(format!("{}: {}", s::LAN_NOW, w.summary.half_day));
    for (domain, points) in &w.domains {
        ui.t(format!("{domain}: {points:+}"));
    }
    for v in &w.views {
        ui.h(v.role.label(), 22.0);
        let known: usize = v.patients.iter().map(|p| p.needs.len()).sum();
        let met: usize = v
            .patients
            .iter()
            .map(|p| p.needs.iter().filter(|n| n.met).count())
            .sum();
        ui.t(format!(
            "{} {}; {} {known}, {} {met}; {} {}, {} {}",
            v.minutes_left,
            s::MINUTES_LEFT,
            s::LAN_NEEDS_KNOWN,
            s::LAN_NEEDS_MET,
            v.outbox.len(),
            s::LAN_SENT,
            v.inbox.len(),
            s::LAN_RECEIVED
        ));
        if v.ended_turn {
            ui.muted(s::LAN_ENDED_HALF_DAY);
        }
        if let Some((slot, n)) = v.notices.last() {
            ui.muted(format!("{}: {n}", s::when(*slot)));
        }
    }

    ui.new_col();
    ui.h(s::LAN_WHAT_YOU_MAY_DO, 22.0);
    if w.summary.finished {
        ui.t(s::LAN_ROOM_FINISHED);
        if let Some(p) = &f.saved {
            ui.muted(p.clone());
            ui.muted(s::LAN_REPORT_BESIDE);
        }
        return;
    }
    if w.summary.paused {
        ui.bk(
            s::LAN_RESUME,
            UiCommand::Lan(LanCommand::Facilitate(Command::Resume)),
            KeyCode::KeyR,
            'R',
        );
    } else {
        ui.bk(
            s::LAN_PAUSE,
            UiCommand::Lan(LanCommand::Facilitate(Command::Pause)),
            KeyCode::KeyP,
            'P',
        );
    }
    ui.h(s::LAN_EVENTS, 20.0);
    if f.offered.is_empty() {
        ui.muted(s::LAN_NO_EVENTS);
    }
    for (id, what) in f.offered {
        if w.fired.contains(id) {
            ui.muted(format!("{}: {what}", s::LAN_HAPPENED));
            continue;
        }
        ui.plain(
            format!("{}: {what}", s::LAN_FIRE),
            UiCommand::Lan(LanCommand::Facilitate(Command::Intervene(
                Intervention::Inject { event: id.clone() },
            ))),
        );
    }
    ui.h(s::LAN_HINTS, 20.0);
    ui.muted(s::LAN_HINTS_HOW);
    for h in f.hints.iter().take(8) {
        ui.t(h.clone());
        ui.start_row();
        for role in Role::BOTH {
            ui.plain(
                format!("{} {}", s::LAN_TO, role.label()),
                UiCommand::Lan(LanCommand::Facilitate(Command::Intervene(
                    Intervention::Hint {
                        role,
                        text: h.clone(),
                    },
                ))),
            );
        }
        ui.end_row();
    }
    ui.h(s::LAN_SEATS, 20.0);
    for role in &w.summary.held {
        ui.plain(
            format!("{} {}", s::LAN_RELEASE, role.label()),
            UiCommand::Lan(LanCommand::Facilitate(Command::Release(*role))),
        );
    }
    ui.muted(s::LAN_RELEASE_HOW);
}
