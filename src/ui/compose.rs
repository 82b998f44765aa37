//! The message composer: a draft the player builds one choice at a time (who, how, in what
//! tone, with what context, asking what), turned into the same [`Act::Send`] a computer player
//! writes. Nothing here decides whether the message is wise: the simulation and the score do.

use crate::bots::util::shareable;
use crate::scenario::Channel;
use crate::sim::view::ContactView;
use crate::sim::{Act, Ask, Framing, Outgoing, RoleView, Slot};

/// How much of what the sender knows goes with the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Nothing: a bare request.
    None,
    /// What may be shared by this channel: sensitive facts only with consent (or a
    /// safeguarding concern) and only by a secure channel.
    Safe,
    /// Everything this role knows about the patient, sensitive or not.
    Everything,
}

/// What the message asks for, as the composer offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskChoice {
    Nothing,
    TakeOn,
    Assess,
    Information,
    /// Meet at the patient's home in the next half-day.
    JointVisit,
    LinkWorker,
    Huddle,
}

impl AskChoice {
    pub const ALL: [AskChoice; 7] = [
        AskChoice::TakeOn,
        AskChoice::Information,
        AskChoice::Assess,
        AskChoice::JointVisit,
        AskChoice::LinkWorker,
        AskChoice::Huddle,
        AskChoice::Nothing,
    ];

    /// Whether the ask makes sense for a message about this patient and need.
    pub fn fits(self, patient: bool, need: bool) -> bool {
        match self {
            AskChoice::TakeOn => need,
            AskChoice::Assess | AskChoice::Information | AskChoice::JointVisit => patient,
            AskChoice::LinkWorker | AskChoice::Huddle | AskChoice::Nothing => true,
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
            AskChoice::LinkWorker => Some(Ask::LinkWorker),
            AskChoice::Huddle => Some(Ask::Huddle),
        }
    }
}

/// A message being written.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub patient: Option<String>,
    pub need: Option<String>,
    /// A directory entry id.
    pub to: Option<String>,
    pub channel: Channel,
    pub framing: Framing,
    pub context: Context,
    pub ask: AskChoice,
}

impl Draft {
    /// A new message about a patient (and a need), to nobody yet, by phone, neutral, with what
    /// is safe to share.
    pub fn about(patient: Option<String>, need: Option<String>) -> Draft {
        let ask = if need.is_some() {
            AskChoice::TakeOn
        } else if patient.is_some() {
            AskChoice::Information
        } else {
            AskChoice::Nothing
        };
        Draft {
            patient,
            need,
            to: None,
            channel: Channel::Phone,
            framing: Framing::Neutral,
            context: Context::Safe,
            ask,
        }
    }

    /// The directory entry it goes to, if the role still has it.
    pub fn recipient<'a>(&self, view: &'a RoleView) -> Option<&'a ContactView> {
        let to = self.to.as_deref()?;
        view.directory.iter().find(|c| c.id == to)
    }

    /// Channels the chosen recipient can be reached by here.
    pub fn channels(&self, view: &RoleView) -> Vec<Channel> {
        let Some(c) = self.recipient(view) else {
            return Vec::new();
        };
        view.channels
            .iter()
            .filter(|ch| ch.available && c.channels.contains(&ch.channel))
            .map(|ch| ch.channel)
            .collect()
    }

    fn secure(&self, view: &RoleView) -> bool {
        view.channels
            .iter()
            .find(|c| c.channel == self.channel)
            .is_some_and(|c| c.secure)
    }

    /// The facts that would go with it.
    pub fn facts(&self, view: &RoleView) -> Vec<String> {
        let Some(p) = self.patient.as_deref().and_then(|id| view.patient(id)) else {
            return Vec::new();
        };
        match self.context {
            Context::None => Vec::new(),
            Context::Safe => shareable(view, p, self.secure(view)),
            Context::Everything => p.facts.iter().map(|f| f.id.clone()).collect(),
        }
    }

    /// The action that sends it, once it has a recipient and a channel they can be reached by.
    pub fn to_act(&self, view: &RoleView) -> Option<Act> {
        let to = self.recipient(view)?;
        if !self.channels(view).contains(&self.channel) {
            return None;
        }
        let patient = self.patient.clone();
        let attach_plan = patient
            .as_deref()
            .and_then(|p| view.patient(p))
            .and_then(|p| p.plan.as_ref())
            .is_some_and(|plan| plan.proposed_by == view.role);
        Some(Act::Send(Outgoing {
            to: to.id.clone(),
            channel: self.channel,
            need: self.need.clone(),
            ask: self.ask.ask(view.slot),
            facts: self.facts(view),
            framing: self.framing,
            attach_plan,
            patient,
            text: String::new(),
        }))
    }
}

/// One change to a draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    To(String),
    Channel(Channel),
    Framing(Framing),
    Context(Context),
    Ask(AskChoice),
}

impl Draft {
    pub fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::To(c) => self.to = Some(c.clone()),
            Edit::Channel(c) => self.channel = *c,
            Edit::Framing(f) => self.framing = *f,
            Edit::Context(c) => self.context = *c,
            Edit::Ask(a) => self.ask = *a,
        }
    }
}
