//! The host: one or more rooms, each a session in its own world, and who sits where. Everything
//! a client sends comes through [`HostState::handle`] with the client's connection (named by the
//! network layer, never by the client); the host assigns each connection its seat, steps its
//! choices from that seat, and answers every client in the room with only what it may see.
//!
//! This is the whole of the host's logic, with no networking in it: the replicon glue in
//! [`super::transport`] only carries messages to and from it, and the tests drive it directly
//! as well as over loopback.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::protocol::*;
use crate::bots::{PolicyKind, hide_poor_practice};
use crate::debrief::{Debrief, to_markdown};
use crate::scenario::ValidScenario;
use crate::self_assessment::{SelfAssessment, ValidInstrument};
use crate::session::journal::{Header, Journal, Record};
use crate::session::{Headless, Played, Player, Players, SessionFile};
use crate::sim::{Catalog, Role, Seat};

/// A connection, as the network layer names it.
pub type ClientKey = u64;

/// Most messages a client may send in a second; more are dropped (a flood never stops the host).
pub const MOST_PER_SECOND: u32 = 200;

#[derive(Debug, Clone)]
struct Holder {
    /// The connection in the seat now, if its player is here.
    client: Option<ClientKey>,
    token: u64,
    player: Player,
}

/// One session and its seats.
pub struct Room {
    world: Headless,
    scenario: ValidScenario,
    scenario_path: Option<PathBuf>,
    setting: Option<String>,
    seed: u64,
    seats: [Option<Holder>; 2],
    paused: bool,
    saved: Option<PathBuf>,
    journal: Option<Journal>,
    /// Actions, interventions and seats already in the journal.
    journalled: usize,
    journalled_interventions: usize,
    journalled_seats: [Option<(u64, Player)>; 2],
    catalog: Catalog,
    /// Whose turn it is in the order local play takes turns.
    cursor: Role,
    /// The players' self-assessment answers, kept with the session file.
    answers: SelfAssessment,
}

impl Room {
    fn holder(&self, role: Role) -> Option<&Holder> {
        self.seats[idx(role)].as_ref()
    }
    /// Who holds each seat, as the journal keeps it: the token and the player.
    fn seat_holders(&self) -> [Option<(u64, Player)>; 2] {
        [0, 1].map(|i| self.seats[i].as_ref().map(|h| (h.token, h.player)))
    }
    /// The room's debrief, with its self-assessment.
    fn debrief(&self, played: &Played) -> Debrief {
        let p = self.players();
        Debrief::new(
            &self.scenario,
            self.setting.as_deref(),
            self.seed,
            [p.gp.to_string(), p.social_worker.to_string()],
            played,
        )
        .with_self_assessment(Some(&self.answers))
    }
    fn finished(&self) -> bool {
        self.world.is_finished()
    }
    fn players(&self) -> Players {
        let p = |r: Role| self.holder(r).map_or(Player::Person, |h| h.player);
        Players {
            gp: p(Role::Gp),
            social_worker: p(Role::SocialWorker),
        }
    }
    /// Whose turn it is in the order local play (`simulate`) takes turns: a seat keeps the
    /// turn while it has something to do (into the next half-day, if its action ended this
    /// one), then passes it to the other. Computer players wait for theirs, so a networked
    /// session of computer players is the same session as a local one.
    fn due(&mut self) -> Option<Role> {
        if self.finished() {
            return None;
        }
        if self.world.view(self.cursor).ended_turn {
            self.cursor = self.cursor.other();
        }
        Some(self.cursor)
    }
}

fn idx(r: Role) -> usize {
    match r {
        Role::Gp => 0,
        Role::SocialWorker => 1,
    }
}

#[derive(Debug, Clone, Copy)]
struct Occupant {
    room: usize,
    seat: SeatRequest,
}

/// The host's rooms and connections.
pub struct HostState {
    rooms: Vec<Room>,
    clients: BTreeMap<ClientKey, Occupant>,
    /// Messages in the current second, per connection.
    rate: BTreeMap<ClientKey, (u64, u32)>,
    next_token: u64,
    save_dir: Option<PathBuf>,
    /// What the host refused or noticed, for its operator and the tests.
    pub log: Vec<String>,
    /// Counts changes to any room (a window redraws its overview when it moves).
    pub changes: u64,
    /// Rooms carried on from an earlier host's journal, with the actions they kept.
    pub carried_on: Vec<(usize, usize)>,
    instrument: ValidInstrument,
}

impl HostState {
    /// `rooms` rooms of `scenario` (room `i` is played with seed `seed + i`), saving finished
    /// sessions (and journalling running ones) in `save_dir`.
    pub fn new(
        scenario: &ValidScenario,
        scenario_path: Option<&Path>,
        setting: Option<&str>,
        seed: u64,
        rooms: usize,
        save_dir: Option<&Path>,
    ) -> Result<HostState, String> {
        let mut out = Vec::new();
        for i in 0..rooms.max(1) {
            let mut world = Headless::new();
            let room_seed = seed.wrapping_add(i as u64);
            world.start(scenario, setting, room_seed)?;
            out.push(Room {
                world,
                scenario: scenario.clone(),
                scenario_path: scenario_path.map(Path::to_path_buf),
                setting: setting.map(str::to_owned),
                seed: room_seed,
                seats: [None, None],
                paused: false,
                saved: None,
                journal: None,
                journalled: 0,
                journalled_interventions: 0,
                journalled_seats: [None, None],
                catalog: Catalog::new(scenario.shared()),
                cursor: Role::Gp,
                answers: SelfAssessment::new(&ValidInstrument::builtin()),
            });
        }
        let mut token = [0u8; 8];
        getrandom::fill(&mut token)
            .map_err(|e| format!("no random source for seat tokens: {e}"))?;
        let mut host = HostState {
            rooms: out,
            clients: BTreeMap::new(),
            rate: BTreeMap::new(),
            next_token: u64::from_le_bytes(token) | 1,
            save_dir: save_dir.map(Path::to_path_buf),
            log: Vec::new(),
            changes: 0,
            carried_on: Vec::new(),
            instrument: ValidInstrument::builtin(),
        };
        for room in 0..host.rooms.len() {
            host.carry_on(room)?;
        }
        Ok(host)
    }

    /// Where room `room`'s journal is kept while it runs.
    fn journal_path(&self, room: usize) -> Option<PathBuf> {
        let r = &self.rooms[room];
        self.save_dir
            .as_ref()
            .map(|d| d.join(format!("{}.journal", stem(r, room))))
    }

    /// A host that stopped (a crash, a power cut, `kill -9`) left each running room's journal
    /// in its save folder; started again with the same case, borough and seed, it carries on
    /// from there: every action, intervention, answer and seat played back, so the students'
    /// laptops rejoin their own seats with their tokens. A journal of another version of the
    /// case stops the host, rather than be overwritten.
    fn carry_on(&mut self, room: usize) -> Result<(), String> {
        let Some(path) = self.journal_path(room).filter(|p| p.exists()) else {
            return Ok(());
        };
        let got = crate::session::journal::recover(&path).map_err(|e| e.to_string())?;
        let r = &mut self.rooms[room];
        let h = &got.header;
        if !h.scenario.is(&r.scenario) || h.setting != r.setting || h.seed != r.seed {
            return Err(format!(
                "{}: a room left running by an earlier host, of another version of `{}`; the \
                 session in it would be lost\n  hint: host the version it was played with, or \
                 move the journal out of {}",
                path.display(),
                h.scenario.id,
                path.parent()
                    .map_or_else(String::new, |d| d.display().to_string())
            ));
        }
        let actions = got.actions();
        let interventions = got.interventions();
        r.world
            .play_back(&actions, &interventions)
            .map_err(|e| format!("{}: cannot carry on: {e}", path.display()))?;
        got.answers_into(&mut r.answers);
        for rec in &got.records {
            if let Record::Seat { role, holder } = rec {
                r.seats[idx(*role)] = holder.map(|(token, player)| Holder {
                    client: None,
                    token,
                    player,
                });
            }
        }
        // The turn is where it was: with the last seat to act, until it has ended its turn.
        r.cursor = actions.last().map_or(Role::Gp, |a| a.role);
        if got.damaged_at.is_some() {
            // Kept as it was, for whoever wants to look at what was dropped.
            let _ = std::fs::copy(&path, path.with_extension("journal.damaged"));
        }
        // Written again whole, so a torn last record is gone and new records follow good ones.
        let journal = Journal::rewrite(&path, &got.header, &got.records)
            .map_err(|e| format!("{}: cannot write the journal again: {e}", path.display()))?;
        r.journal = Some(journal);
        r.journalled = r.world.actions().len();
        r.journalled_interventions = interventions.len();
        r.journalled_seats = r.seat_holders();
        self.carried_on.push((room, actions.len()));
        self.log.push(format!(
            "room {room}: carried on from {}: {} actions, {} of the facilitator's interventions{}{}",
            path.display(),
            actions.len(),
            interventions.len(),
            if got.torn {
                "; a last record cut off mid-write was dropped"
            } else {
                ""
            },
            got.damaged_at
                .map(|l| format!("; line {l} was damaged, and it and what followed were dropped"))
                .unwrap_or_default(),
        ));
        if self.rooms[room].finished() {
            self.save(room);
        }
        Ok(())
    }

    /// Asks the players `instrument`'s statements instead of the game's own (a school's).
    pub fn with_instrument(mut self, instrument: ValidInstrument) -> HostState {
        for r in &mut self.rooms {
            r.answers = SelfAssessment::new(&instrument);
        }
        self.instrument = instrument;
        self
    }

    pub fn rooms(&self) -> usize {
        self.rooms.len()
    }

    /// Every room has reached its end (and been saved, where there is a folder to save in).
    pub fn all_finished(&self) -> bool {
        self.rooms
            .iter()
            .all(|r| r.finished() && (self.save_dir.is_none() || r.saved.is_some()))
    }

    /// Where a finished room's session file was saved.
    pub fn saved_as(&self, room: usize) -> Option<&Path> {
        self.rooms.get(room).and_then(|r| r.saved.as_deref())
    }

    /// The session files written so far.
    pub fn saved(&self) -> Vec<PathBuf> {
        self.rooms.iter().filter_map(|r| r.saved.clone()).collect()
    }

    /// A room's self-assessment answers so far.
    pub fn answers(&self, room: usize) -> Option<&SelfAssessment> {
        self.rooms.get(room).map(|r| &r.answers)
    }

    /// A room's session as it stands (tests, the window's facilitator seat).
    pub fn played(&self, room: usize) -> Option<Played> {
        self.rooms.get(room).map(|r| Played::of(r.world.world()))
    }

    /// One message from the connection `from`, at `now_secs`: what to send back, and to whom.
    pub fn handle(&mut self, from: ClientKey, up: Up, now_secs: u64) -> Vec<(ClientKey, Down)> {
        // A flood is dropped, with one word to the sender.
        let entry = self.rate.entry(from).or_insert((now_secs, 0));
        if entry.0 != now_secs {
            *entry = (now_secs, 0);
        }
        entry.1 += 1;
        if entry.1 > MOST_PER_SECOND {
            if entry.1 == MOST_PER_SECOND + 1 {
                self.log.push(format!(
                    "client {from}: too many messages, dropping the rest this second"
                ));
                return vec![(from, Down::Refused("too many messages: slow down".into()))];
            }
            return Vec::new();
        }
        match up {
            Up::Hello {
                room,
                seat,
                token,
                computer,
            } => self.hello(from, room, seat, token, computer),
            Up::Act(act) => {
                let Some(o) = self.clients.get(&from).copied() else {
                    self.log
                        .push(format!("client {from}: acted without a seat; refused"));
                    return vec![(
                        from,
                        Down::Refused("you have no seat: join one first".into()),
                    )];
                };
                let Some(role) = o.seat.role() else {
                    self.log.push(format!(
                        "client {from}: the facilitator tried to act as a player; refused"
                    ));
                    return vec![(
                        from,
                        Down::Refused("the facilitator's seat does not act in the session".into()),
                    )];
                };
                let room = &mut self.rooms[o.room];
                if room.paused {
                    return vec![(
                        from,
                        Down::Refused("the facilitator has paused the room".into()),
                    )];
                }
                // The seat is the connection's, whatever the message says: a client cannot act
                // for the other role. A refusal goes to its seat, as the window shows it.
                let refused = room.world.act(Seat::assign(role).act(act)).err();
                let mut out: Vec<(ClientKey, Down)> = refused
                    .map(|r| (from, Down::Refused(r.to_string())))
                    .into_iter()
                    .collect();
                out.extend(self.after_change(o.room));
                out
            }
            Up::Command { room, command } => self.command(from, room, command),
            Up::Answer { phase, item, value } => self.answer(from, phase, &item, value),
        }
    }

    fn answer(
        &mut self,
        from: ClientKey,
        phase: crate::self_assessment::Phase,
        item: &str,
        value: u8,
    ) -> Vec<(ClientKey, Down)> {
        // Only a player's seat answers, and only for its own role.
        let Some((room, role)) = self
            .clients
            .get(&from)
            .and_then(|o| o.seat.role().map(|r| (o.room, r)))
        else {
            return vec![(
                from,
                Down::Refused("only a player's seat answers the self-assessment".into()),
            )];
        };
        let r = &mut self.rooms[room];
        if let Err(e) = r.answers.answer(role, phase, item, value) {
            return vec![(from, Down::Refused(e.to_string()))];
        }
        let record = Record::Answer {
            role,
            phase,
            item: item.to_owned(),
            value,
        };
        if let Some(j) = r.journal.as_mut() {
            let _ = j.append(&record);
        }
        // An answer after the end goes into the saved file too.
        if r.saved.is_some() {
            self.save(room);
        }
        Vec::new()
    }

    fn hello(
        &mut self,
        from: ClientKey,
        room: usize,
        seat: SeatRequest,
        token: Option<u64>,
        computer: Option<PolicyKind>,
    ) -> Vec<(ClientKey, Down)> {
        if room >= self.rooms.len() {
            return vec![(
                from,
                Down::Refused(format!(
                    "there is no room {room}: this host has rooms 0 to {}",
                    self.rooms.len() - 1
                )),
            )];
        }
        if let Some(old) = self.clients.get(&from)
            && (old.room != room || old.seat != seat)
        {
            return vec![(
                from,
                Down::Refused("this connection already has a seat".into()),
            )];
        }
        let new_token = self.next_token;
        let r = &mut self.rooms[room];
        let token = match seat.role() {
            None => new_token,
            Some(role) => match &mut r.seats[idx(role)] {
                // A free seat.
                slot @ None => {
                    *slot = Some(Holder {
                        client: Some(from),
                        token: new_token,
                        player: computer.map_or(Player::Person, Player::Computer),
                    });
                    new_token
                }
                // Its own player, back.
                Some(h) if token == Some(h.token) => {
                    if let Some(old) = h.client.replace(from)
                        && old != from
                    {
                        self.clients.remove(&old);
                    }
                    h.token
                }
                Some(h) => {
                    let why = if h.client.is_some() {
                        format!("the {} seat in room {room} is taken", seat.label())
                    } else {
                        format!(
                            "the {} seat in room {room} is held for its player, who may rejoin; the facilitator can release it",
                            seat.label()
                        )
                    };
                    self.log.push(format!("client {from}: {why}"));
                    return vec![(from, Down::Refused(why))];
                }
            },
        };
        self.next_token = self.next_token.wrapping_add(0x9E37_79B9_7F4A_7C15) | 1;
        self.clients.insert(from, Occupant { room, seat });
        let s = r.scenario.get();
        let briefing = seat.role().map(|role| {
            let def = match role {
                Role::Gp => &s.roles.gp,
                Role::SocialWorker => &s.roles.social_worker,
            };
            Briefing {
                name: def.name.clone(),
                title: def.title.clone(),
                text: def.briefing.clone(),
                caseload: s
                    .patients
                    .iter()
                    .filter(|p| {
                        p.caseload
                            .as_ref()
                            .is_none_or(|c| c.iter().any(|x| x == role.id()))
                    })
                    .map(|p| p.name.clone())
                    .collect(),
                commitments: def
                    .commitments
                    .iter()
                    .map(|c| format!("{} ({} h)", c.what, c.hours))
                    .collect(),
                borough: r
                    .setting
                    .as_deref()
                    .and_then(|n| s.settings.get(n))
                    .map_or_else(|| "as written".to_owned(), |o| o.description.clone()),
                objectives: s.learning_objectives.clone(),
            }
        });
        let welcome = Welcome {
            room,
            seat,
            token,
            seed: r.seed,
            title: s.title.clone(),
            briefing,
            offered: offered(&r.scenario),
            hints: hints(&r.scenario),
            instrument: self.instrument.get().clone(),
        };
        let mut out = vec![(from, Down::Welcome(Box::new(welcome)))];
        out.extend(self.after_change(room));
        out
    }

    fn command(
        &mut self,
        from: ClientKey,
        room: usize,
        command: Command,
    ) -> Vec<(ClientKey, Down)> {
        let allowed = self
            .clients
            .get(&from)
            .is_some_and(|o| o.seat == SeatRequest::Facilitator);
        if !allowed {
            self.log.push(format!(
                "client {from}: a facilitator's command from another seat; refused"
            ));
            return vec![(
                from,
                Down::Refused("only the facilitator's seat gives commands".into()),
            )];
        }
        let Some(r) = self.rooms.get_mut(room) else {
            return vec![(from, Down::Refused(format!("there is no room {room}")))];
        };
        match command {
            Command::Pause => r.paused = true,
            Command::Resume => r.paused = false,
            Command::Release(role) => {
                if let Some(h) = r.seats[idx(role)].take()
                    && let Some(c) = h.client
                {
                    self.clients.remove(&c);
                    self.log.push(format!(
                        "room {room}: the facilitator released the {} seat",
                        role.label()
                    ));
                }
            }
            Command::Intervene(i) => {
                if let Err(e) = crate::sim::intervene(r.world.world_mut(), &i) {
                    return vec![(from, Down::Refused(format!("not done: {e}")))];
                }
            }
        }
        self.after_change(room)
    }

    /// A connection went away: its seat is held for its player (the session goes on).
    pub fn disconnected(&mut self, from: ClientKey) -> Vec<(ClientKey, Down)> {
        self.rate.remove(&from);
        let Some(o) = self.clients.remove(&from) else {
            return Vec::new();
        };
        if let Some(role) = o.seat.role()
            && let Some(h) = self.rooms[o.room].seats[idx(role)].as_mut()
            && h.client == Some(from)
        {
            h.client = None;
            self.log.push(format!(
                "room {}: the {} left; the seat is held",
                o.room,
                o.seat.label()
            ));
        }
        self.after_change(o.room)
    }

    /// After anything changed in `room`: journal it, save it if it has ended, and tell everyone
    /// in it (and every facilitator) what they may now see.
    fn after_change(&mut self, room: usize) -> Vec<(ClientKey, Down)> {
        self.changes += 1;
        self.journal(room);
        let ended_now = {
            let r = &self.rooms[room];
            r.finished() && r.saved.is_none() && self.save_dir.is_some()
        };
        if ended_now {
            self.save(room);
        }
        let due = self.rooms[room].due();
        let r = &self.rooms[room];
        let mut out = Vec::new();
        let actions = r.world.actions().len();
        for role in Role::BOTH {
            let Some(h) = r.holder(role) else { continue };
            let Some(c) = h.client else { continue };
            let mut view = r.world.view(role);
            if let Player::Computer(k) = h.player
                && k.knows_good_practice()
            {
                hide_poor_practice(&mut view, &r.catalog);
            }
            out.push((
                c,
                Down::View(Box::new(SeatView {
                    view,
                    actions,
                    due,
                    paused: r.paused,
                    colleague_away: r.holder(role.other()).is_none_or(|h| h.client.is_none()),
                })),
            ));
            if r.finished() {
                out.push((c, Down::Over(Box::new(self.over(room)))));
            }
        }
        let facilitators: Vec<ClientKey> = self
            .clients
            .iter()
            .filter(|(_, o)| o.seat == SeatRequest::Facilitator)
            .map(|(c, _)| *c)
            .collect();
        if !facilitators.is_empty() {
            let overview = self.overview();
            let watch = self.watch(room);
            for c in facilitators {
                let o = self.clients[&c];
                out.push((c, Down::Overview(overview.clone())));
                if o.room == room {
                    out.push((c, Down::Watch(Box::new(watch.clone()))));
                    if self.rooms[room].finished() {
                        out.push((c, Down::Over(Box::new(self.over(room)))));
                    }
                }
            }
        }
        out
    }

    fn over(&self, room: usize) -> Over {
        let r = &self.rooms[room];
        let played = Played::of(r.world.world());
        let d = r.debrief(&played);
        Over {
            total: played.score.total,
            debrief: to_markdown(&d),
            saved: r.saved.as_ref().map(|p| p.display().to_string()),
        }
    }

    /// Every room at a glance.
    pub fn overview(&self) -> Vec<RoomSummary> {
        (0..self.rooms.len()).map(|i| self.summary(i)).collect()
    }

    fn summary(&self, room: usize) -> RoomSummary {
        let r = &self.rooms[room];
        let score = r.world.score();
        let slot = r.world.view(Role::Gp).slot;
        RoomSummary {
            room,
            case: r.scenario.get().title.clone(),
            half_day: if r.finished() {
                "finished".into()
            } else {
                slot.label()
            },
            total: score.total,
            crises: score.crises_suffered,
            paused: r.paused,
            finished: r.finished(),
            seats: Role::BOTH
                .iter()
                .map(|role| {
                    let who = match r.holder(*role) {
                        None => "empty".to_owned(),
                        Some(h) if h.client.is_none() => format!("{} (away)", h.player),
                        Some(h) => h.player.to_string(),
                    };
                    (role.label().to_owned(), who)
                })
                .collect(),
            held: Role::BOTH
                .into_iter()
                .filter(|role| r.holder(*role).is_some_and(|h| h.client.is_none()))
                .collect(),
        }
    }

    /// What the case offers the facilitator: its events to fire, and its guide's questions as
    /// hints (every room plays the same case).
    pub fn offered(&self) -> (Vec<(String, String)>, Vec<String>) {
        let s = &self.rooms[0].scenario;
        (offered(s), hints(s))
    }

    /// One room, both views and the score by domain, as its facilitator sees it.
    pub fn watch(&self, room: usize) -> RoomWatch {
        let r = &self.rooms[room];
        let score = r.world.score();
        RoomWatch {
            room,
            views: Role::BOTH.iter().map(|role| r.world.view(*role)).collect(),
            summary: self.summary(room),
            domains: crate::scoring::Domain::ALL
                .iter()
                .map(|d| (d.label().to_owned(), score.domain(*d)))
                .collect(),
            fired: r
                .world
                .world()
                .get_resource::<crate::sim::state::Bookkeeping>()
                .map(|b| b.fired.iter().cloned().collect())
                .unwrap_or_default(),
        }
    }

    /// Appends what is new in the room to its journal: actions, the facilitator's
    /// interventions, who holds each seat (the journal is made when there is first something
    /// to keep).
    fn journal(&mut self, room: usize) {
        let Some(path) = self.journal_path(room) else {
            return;
        };
        let r = &mut self.rooms[room];
        if r.saved.is_some() {
            return;
        }
        let seats = r.seat_holders();
        let interventions = r
            .world
            .world()
            .get_resource::<crate::sim::Interventions>()
            .map(|i| i.0.clone())
            .unwrap_or_default();
        let actions = r.world.actions().to_vec();
        let something = !actions.is_empty()
            || !interventions.is_empty()
            || seats.iter().any(Option::is_some)
            || Role::BOTH.iter().any(|role| r.answers.of(*role).is_some());
        if r.journal.is_none() && something {
            let header = Header::new(
                &r.scenario,
                r.scenario_path.as_deref(),
                r.setting.as_deref(),
                r.seed,
                r.players(),
            );
            match Journal::create(&path, &header) {
                Ok(mut j) => {
                    // What the players answered before the journal was made.
                    for a in Record::answers(&r.answers) {
                        let _ = j.append(&a);
                    }
                    r.journal = Some(j);
                }
                Err(e) => self.log.push(format!("room {room}: cannot journal: {e}")),
            }
        }
        let Some(j) = r.journal.as_mut() else {
            return;
        };
        for role in Role::BOTH {
            let i = idx(role);
            if seats[i] != r.journalled_seats[i] {
                let _ = j.append(&Record::Seat {
                    role,
                    holder: seats[i],
                });
                r.journalled_seats[i] = seats[i];
            }
        }
        for (after, what) in &interventions[r.journalled_interventions.min(interventions.len())..] {
            let _ = j.append(&Record::Intervention {
                after: *after,
                what: what.clone(),
            });
        }
        r.journalled_interventions = interventions.len();
        for a in &actions[r.journalled.min(actions.len())..] {
            let _ = j.append(&Record::Act(a.clone()));
        }
        r.journalled = actions.len();
    }

    /// Writes a finished room's session file, sealed with this host's key, and removes its
    /// journal.
    fn save(&mut self, room: usize) {
        let Some(dir) = self.save_dir.clone() else {
            return;
        };
        let r = &mut self.rooms[room];
        let played = Played::of(r.world.world());
        let file = SessionFile::new(
            &r.scenario,
            r.scenario_path.as_deref(),
            r.setting.as_deref(),
            r.seed,
            r.players(),
            &played,
        )
        .with_self_assessment(Some(&r.answers));
        let path = dir.join(format!("{}.session.ron", stem(r, room)));
        let _ = std::fs::create_dir_all(&dir);
        match file.write(&path) {
            Ok(()) => {
                if let Some(j) = r.journal.take() {
                    let _ = std::fs::remove_file(j.path());
                }
                // The debrief report beside it, for the facilitator to open in a browser.
                let d = r.debrief(&played);
                let report = dir.join(format!("{}.report.html", stem(r, room)));
                if let Err(e) = std::fs::write(&report, crate::debrief::to_html(&d)) {
                    self.log.push(format!(
                        "room {room}: cannot write {}: {e}",
                        report.display()
                    ));
                }
                if r.saved.is_none() {
                    self.log
                        .push(format!("room {room}: finished, saved {}", path.display()));
                }
                r.saved = Some(path);
            }
            Err(e) => self
                .log
                .push(format!("room {room}: cannot save {}: {e}", path.display())),
        }
    }
}

fn stem(r: &Room, room: usize) -> String {
    format!(
        "{}{}-room{room}-seed{}",
        r.scenario.get().id,
        r.setting
            .as_deref()
            .map(|s| format!("-{s}"))
            .unwrap_or_default(),
        r.seed
    )
}

/// The events a case offers its facilitator: id and what each does, in words.
fn offered(scenario: &ValidScenario) -> Vec<(String, String)> {
    scenario
        .get()
        .events
        .iter()
        .filter(|e| e.facilitator)
        .map(|e| (e.id.clone(), describe_event(e)))
        .collect()
}

/// The questions a case's guide suggests asking while they play, as hints.
fn hints(scenario: &ValidScenario) -> Vec<String> {
    scenario
        .get()
        .facilitator
        .as_ref()
        .map(|f| f.questions.iter().map(|q| q.ask.clone()).collect())
        .unwrap_or_default()
}

fn describe_event(e: &crate::scenario::EventDef) -> String {
    use crate::scenario::Effect;
    let parts: Vec<String> = e
        .effects
        .iter()
        .map(|f| match f {
            Effect::Message { text, .. } | Effect::Notice(text) => text.clone(),
            Effect::Absence { role, days, share } => {
                let who = Role::from_id(role).map_or(role.as_str(), |r| r.label());
                let days = if *days == 1 {
                    "a day".to_owned()
                } else {
                    format!("{days} days")
                };
                format!(
                    "the {who} has {}% of their time for {days}",
                    ((1.0 - share) * 100.0).round()
                )
            }
            Effect::Budget(b) if *b < 0 => format!("£{} is cut from the care budget", -b),
            Effect::Budget(b) => format!("£{b} is added to the care budget"),
            other => format!("{other:?}"),
        })
        .collect();
    parts.join("; ")
}
