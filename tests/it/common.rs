//! Helpers shared by the integration tests: loading scenarios, and verbs for driving a
//! headless session.

use joined_up::scenario::Channel;
use joined_up::scenario::{self, ValidScenario};
use joined_up::session::Headless;
use joined_up::sim::state::Trust;
use joined_up::sim::{Act, Answer, Ask, Framing, LogEntry, LogKind, Outgoing, ReplyTo, Role};

/// A shipped scenario by file stem.
pub fn shipped(name: &str) -> ValidScenario {
    let path = format!(
        "{}/scenarios/{name}.scenario.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    scenario::load_file(std::path::Path::new(&path)).unwrap_or_else(|e| {
        panic!("{path} should load: {e:?}");
    })
}

/// A test scenario from tests/data, with text replacements applied first.
pub fn data(name: &str, edits: &[(&str, &str)]) -> ValidScenario {
    let path = format!(
        "{}/tests/data/{name}.scenario.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} is not in {path}");
        text = text.replacen(from, to, 1);
    }
    scenario::load_bytes(&path, text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

/// A started session of the mechanics test bench.
pub fn bench(setting: Option<&str>, seed: u64) -> Headless {
    let mut h = Headless::new();
    h.start(&data("mechanics", &[]), setting, seed).unwrap();
    h
}

/// Verbs for tests, after the style of Bevy's own `AppExt` test helpers.
pub trait SessionExt {
    fn gp(&mut self, act: Act) -> &mut Self;
    fn sw(&mut self, act: Act) -> &mut Self;
    /// Both roles end their turn; the slot resolves.
    fn end_slot(&mut self) -> &mut Self;
    /// Ends slots until the clock reaches `slot` (0 = day 1 AM).
    fn run_to(&mut self, slot: u32) -> &mut Self;
    fn run_to_end(&mut self) -> &mut Self;
    fn slot(&self) -> u32;
    fn entries(&self) -> Vec<LogEntry>;
    /// Log entries from position `seq` on.
    fn since(&self, seq: usize) -> Vec<LogEntry>;
    /// Every refusal so far, in words.
    fn refusals(&self) -> Vec<(Role, String)>;
    fn minutes(&self, role: Role) -> u32;
    fn trust(&self) -> u32;
    fn knows(&self, role: Role, fact: &str) -> bool;
    /// The slot a message was delivered in, if it was.
    fn delivered_at(&self, message: u32) -> Option<u32>;
    /// The id of the newest message `role` sent.
    fn last_sent(&self, role: Role) -> u32;
}

impl SessionExt for Headless {
    fn gp(&mut self, act: Act) -> &mut Self {
        let _ = self.act_as(Role::Gp, act);
        self
    }
    fn sw(&mut self, act: Act) -> &mut Self {
        let _ = self.act_as(Role::SocialWorker, act);
        self
    }
    fn end_slot(&mut self) -> &mut Self {
        for r in Role::BOTH {
            let _ = self.act_as(r, Act::EndTurn);
        }
        self
    }
    fn run_to(&mut self, slot: u32) -> &mut Self {
        while self.slot() < slot && !self.is_finished() {
            self.end_slot();
        }
        assert_eq!(self.slot(), slot, "the session ended before slot {slot}");
        self
    }
    fn run_to_end(&mut self) -> &mut Self {
        let mut guard = 0;
        while !self.is_finished() {
            self.end_slot();
            guard += 1;
            assert!(guard < 200, "the session does not end");
        }
        self
    }
    fn slot(&self) -> u32 {
        self.world().resource::<joined_up::sim::Clock>().slot.0
    }
    fn entries(&self) -> Vec<LogEntry> {
        self.log().entries.clone()
    }
    fn since(&self, seq: usize) -> Vec<LogEntry> {
        self.log().entries[seq..].to_vec()
    }
    fn refusals(&self) -> Vec<(Role, String)> {
        self.log()
            .entries
            .iter()
            .filter_map(|e| match &e.kind {
                LogKind::Refused { role, refusal, .. } => Some((*role, refusal.to_string())),
                _ => None,
            })
            .collect()
    }
    fn minutes(&self, role: Role) -> u32 {
        self.view(role).minutes_left
    }
    fn trust(&self) -> u32 {
        self.world().resource::<Trust>().0
    }
    fn knows(&self, role: Role, fact: &str) -> bool {
        self.view(role).knows(fact)
    }
    fn delivered_at(&self, message: u32) -> Option<u32> {
        self.log().entries.iter().find_map(|e| match &e.kind {
            LogKind::Delivered { message: m, .. } if *m == message => Some(e.slot.0),
            _ => None,
        })
    }
    fn last_sent(&self, role: Role) -> u32 {
        self.log()
            .entries
            .iter()
            .rev()
            .find_map(|e| match &e.kind {
                LogKind::Sent(s) if s.from == role => Some(s.message),
                _ => None,
            })
            .expect("a message was sent")
    }
}

/// A message to `to` by `channel` about `patient`.
pub fn send(to: &str, channel: Channel, patient: &str) -> Outgoing {
    Outgoing {
        patient: Some(patient.to_owned()),
        ..Outgoing::to(to, channel)
    }
}

/// A referral: take on `need`, with `facts` as context.
pub fn refer(to: &str, channel: Channel, need: &str, facts: &[&str]) -> Act {
    Act::Send(Outgoing {
        need: Some(need.to_owned()),
        ask: Some(Ask::TakeOn),
        facts: facts.iter().map(|f| f.to_string()).collect(),
        framing: Framing::Respectful,
        ..Outgoing::to(to, channel)
    })
}

pub fn reply(message: u32, answer: Answer, channel: Channel) -> Act {
    Act::Reply(ReplyTo {
        message,
        answer,
        channel,
        facts: Vec::new(),
        framing: Framing::Neutral,
        text: String::new(),
    })
}

/// The minimal test scenario with every behaviour weighted zero (so no play can score), with
/// further edits applied.
pub fn pointless_minimal(edits: &[(&str, &str)]) -> ValidScenario {
    let mut weights = String::from("scoring: (weights: {");
    for b in joined_up::scoring::Behaviour::ALL {
        weights += &format!("{b:?}: 0, ");
    }
    weights += "}),\n    care_packages:";
    let mut all = vec![("    care_packages:", weights.as_str())];
    all.extend_from_slice(edits);
    data("minimal", &all)
}
