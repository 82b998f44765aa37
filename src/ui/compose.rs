//! The composer: a message, a reply or a note for the shared record, built one choice at a
//! time and turned into the same [`Act`] a computer player makes. Nothing is chosen for the
//! player: who to write to, by which channel, in what tone, which facts go (one by one, each
//! shown with its sensitivity and the patient's consent), and what to ask, in the SBAR shape
//! (situation, background, assessment, recommendation). Nothing here decides whether a choice
//! is wise: the simulation and the score do, and the debrief explains.

use crate::scenario::Channel;
use crate::sim::view::ContactView;
use crate::sim::{Act, Answer, Ask, Framing, Outgoing, ReplyTo, RoleView, Slot};

/// What is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    /// A new message to someone in the directory.
    Message,
    /// An answer to a message received.
    Reply { message: u32 },
    /// A note in the shared record (where there is one).
    Note,
}

/// What the message asks for (the R of SBAR), as the composer offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskChoice {
    /// Nothing: for information only.
    Nothing,
    TakeOn,
    Assess,
    Information,
    /// Meet at the patient's home in the next half-day.
    JointVisit,
    Liaison,
    Huddle,
}

impl AskChoice {
    pub const ALL: [AskChoice; 7] = [
        AskChoice::TakeOn,
        AskChoice::Information,
        AskChoice::Assess,
        AskChoice::JointVisit,
        AskChoice::Liaison,
        AskChoice::Huddle,
        AskChoice::Nothing,
    ];

    /// Whether the ask can be made in a message about this patient and need.
    pub fn fits(self, patient: bool, need: bool) -> bool {
        match self {
            AskChoice::TakeOn => need,
            AskChoice::Assess | AskChoice::Information | AskChoice::JointVisit => patient,
            AskChoice::Liaison | AskChoice::Huddle | AskChoice::Nothing => true,
        }
    }

    fn ask(self, now: Slot) -> Option<Ask> {
        let next = now.plus(1);
        match self {
            AskChoice::Nothing => None,
            AskChoice::TakeOn => Some(Ask::TakeOn),
            AskChoice::Assess => Some(Ask::Assess),
            AskChoice::Information => Some(Ask::Information),
            AskChoice::JointVisit => Some(Ask::JointVisit {
                day: next.day(),
                half: next.half(),
            }),
            AskChoice::Liaison => Some(Ask::Liaison),
            AskChoice::Huddle => Some(Ask::Huddle),
        }
    }
}

/// The sender's own reading of the situation (the A of SBAR). It travels in the message's
/// words; the simulation does not read it, people do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assessment {
    Worsening,
    Unsafe,
    Stable,
    Unsure,
    NeedsBoth,
}

impl Assessment {
    pub const ALL: [Assessment; 5] = [
        Assessment::Worsening,
        Assessment::Unsafe,
        Assessment::Stable,
        Assessment::Unsure,
        Assessment::NeedsBoth,
    ];
}

/// The answer in a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerChoice {
    Accept,
    Decline,
    Acknowledge,
    Information,
    Done,
}

impl AnswerChoice {
    pub const ALL: [AnswerChoice; 5] = [
        AnswerChoice::Accept,
        AnswerChoice::Decline,
        AnswerChoice::Information,
        AnswerChoice::Acknowledge,
        AnswerChoice::Done,
    ];
}

/// A message, reply or note being written. Every choice starts unmade.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub kind: DraftKind,
    /// The situation: the patient (and need) it is about.
    pub patient: Option<String>,
    pub need: Option<String>,
    /// A directory entry id (new messages).
    pub to: Option<String>,
    pub channel: Option<Channel>,
    pub framing: Option<Framing>,
    /// The background: facts chosen one by one, in the order chosen.
    pub facts: Vec<String>,
    pub assessment: Option<Assessment>,
    pub ask: Option<AskChoice>,
    /// For a reply: the answer, and for a decline, who to point them to.
    pub answer: Option<AnswerChoice>,
    pub redirect: Option<String>,
}

impl Draft {
    fn blank(kind: DraftKind, patient: Option<String>, need: Option<String>) -> Draft {
        Draft {
            kind,
            patient,
            need,
            to: None,
            channel: None,
            framing: None,
            facts: Vec::new(),
            assessment: None,
            ask: None,
            answer: None,
            redirect: None,
        }
    }

    /// A new message about a patient (and a need), with nothing chosen.
    pub fn about(patient: Option<String>, need: Option<String>) -> Draft {
        Draft::blank(DraftKind::Message, patient, need)
    }

    /// A reply to a message received, with nothing chosen.
    pub fn reply(message: u32, patient: Option<String>, need: Option<String>) -> Draft {
        Draft::blank(DraftKind::Reply { message }, patient, need)
    }

    /// A note in the shared record about a patient.
    pub fn note(patient: String) -> Draft {
        Draft::blank(DraftKind::Note, Some(patient), None)
    }

    /// The directory entry it goes to, if the role still has it.
    pub fn recipient<'a>(&self, view: &'a RoleView) -> Option<&'a ContactView> {
        let to = self.to.as_deref()?;
        view.directory.iter().find(|c| c.id == to)
    }

    /// Channels it can go by: for a new message, those the recipient can be reached by here;
    /// for a reply, any that exists here.
    pub fn channels(&self, view: &RoleView) -> Vec<Channel> {
        let reachable = |ch: Channel| match self.kind {
            DraftKind::Message => self
                .recipient(view)
                .is_some_and(|c| c.channels.contains(&ch)),
            DraftKind::Reply { .. } => true,
            DraftKind::Note => false,
        };
        view.channels
            .iter()
            .filter(|ch| ch.available && reachable(ch.channel))
            .map(|ch| ch.channel)
            .collect()
    }

    /// The message's words, in the SBAR shape, from what has been chosen.
    pub fn words(&self, view: &RoleView) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.patient.as_deref().and_then(|p| view.patient(p)) {
            let need = self
                .need
                .as_deref()
                .and_then(|n| p.needs.iter().find(|x| x.id == n))
                .map_or(String::new(), |n| format!(": {}", n.text));
            parts.push(format!("{} {}{need}", super::strings::SBAR_S, p.name));
        }
        if !self.facts.is_empty() {
            parts.push(format!(
                "{} {}",
                super::strings::SBAR_B,
                super::strings::facts_attached(self.facts.len())
            ));
        }
        if let Some(a) = self.assessment {
            parts.push(format!(
                "{} {}",
                super::strings::SBAR_A,
                super::strings::assessment(a)
            ));
        }
        if let Some(a) = self.ask {
            parts.push(format!(
                "{} {}",
                super::strings::SBAR_R,
                super::strings::ask_choice(a)
            ));
        }
        parts.join(" ")
    }

    /// What is still to choose before it can go, in words; empty when it is ready.
    pub fn missing(&self, view: &RoleView) -> Vec<&'static str> {
        use super::strings as s;
        let mut out = Vec::new();
        match self.kind {
            DraftKind::Message => {
                if self.recipient(view).is_none() {
                    out.push(s::CHOOSE_RECIPIENT);
                }
                if self.ask.is_none() {
                    out.push(s::CHOOSE_ASK);
                }
            }
            DraftKind::Reply { .. } => {
                if self.answer.is_none() {
                    out.push(s::CHOOSE_ANSWER);
                }
            }
            DraftKind::Note => {
                if self.facts.is_empty() {
                    out.push(s::CHOOSE_FACTS);
                }
                return out;
            }
        }
        if !self
            .channel
            .is_some_and(|c| self.channels(view).contains(&c))
        {
            out.push(s::CHOOSE_CHANNEL);
        }
        if self.framing.is_none() {
            out.push(s::CHOOSE_TONE);
        }
        out
    }

    /// The action that sends it, once every choice it needs is made.
    pub fn to_act(&self, view: &RoleView) -> Option<Act> {
        if !self.missing(view).is_empty() {
            return None;
        }
        let text = self.words(view);
        match self.kind {
            DraftKind::Note => Some(Act::RecordNote {
                patient: self.patient.clone()?,
                facts: self.facts.clone(),
            }),
            DraftKind::Reply { message } => Some(Act::Reply(ReplyTo {
                message,
                answer: match self.answer? {
                    AnswerChoice::Accept => Answer::Accept,
                    AnswerChoice::Decline => Answer::Decline {
                        redirect: self.redirect.clone(),
                    },
                    AnswerChoice::Acknowledge => Answer::Acknowledge,
                    AnswerChoice::Information => Answer::Information,
                    AnswerChoice::Done => Answer::Done,
                },
                channel: self.channel?,
                facts: self.facts.clone(),
                framing: self.framing?,
                text,
            })),
            DraftKind::Message => {
                let to = self.recipient(view)?;
                let attach_plan = self
                    .patient
                    .as_deref()
                    .and_then(|p| view.patient(p))
                    .and_then(|p| p.plan.as_ref())
                    .is_some_and(|plan| plan.proposed_by == view.role && !plan.agreed);
                Some(Act::Send(Outgoing {
                    to: to.id.clone(),
                    channel: self.channel?,
                    patient: self.patient.clone(),
                    need: self.need.clone(),
                    ask: self.ask?.ask(view.slot),
                    facts: self.facts.clone(),
                    framing: self.framing?,
                    attach_plan,
                    text,
                }))
            }
        }
    }
}

/// One change to a draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    To(String),
    Channel(Channel),
    Framing(Framing),
    /// Add the fact if it is not attached, take it off if it is.
    Fact(String),
    Need(Option<String>),
    Assessment(Assessment),
    Ask(AskChoice),
    Answer(AnswerChoice),
    Redirect(Option<String>),
}

impl Draft {
    pub fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::To(c) => self.to = Some(c.clone()),
            Edit::Channel(c) => self.channel = Some(*c),
            Edit::Framing(f) => self.framing = Some(*f),
            Edit::Fact(f) => match self.facts.iter().position(|x| x == f) {
                Some(i) => {
                    self.facts.remove(i);
                }
                None => self.facts.push(f.clone()),
            },
            Edit::Need(n) => self.need = n.clone(),
            Edit::Assessment(a) => self.assessment = Some(*a),
            Edit::Ask(a) => self.ask = Some(*a),
            Edit::Answer(a) => self.answer = Some(*a),
            Edit::Redirect(r) => self.redirect = r.clone(),
        }
    }
}
