//! Self-assessment of collaborative competence: a short instrument of statements, each rated on
//! one scale and grouped by the four IPEC (2023) domains, that each person answers on the
//! briefing screen and again after the debrief. The answers travel in the session file, and
//! the debrief and the cohort report compare them.
//!
//! The statements are the project's own ([`instrument::DEFAULT_INSTRUMENT`]); a school may use
//! its own instrument (a licensed one, say) as a `*.instrument.ron` file of the same shape,
//! checked like a scenario (docs/self-assessment.md).

pub mod instrument;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use instrument::{Instrument, InstrumentItem, ValidInstrument};

use crate::scenario::behaviour::Domain;
use crate::sim::Role;

/// When an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// On the briefing screen, before play.
    Before,
    /// After play, looking back: how they would have answered before it.
    Retrospective,
    /// After the debrief.
    After,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::Before, Phase::Retrospective, Phase::After];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Before => "before play",
            Phase::Retrospective => "before, looking back",
            Phase::After => "after the debrief",
        }
    }

    /// The key used in CSV and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Before => "before",
            Phase::Retrospective => "retrospective",
            Phase::After => "after",
        }
    }
}

/// Which instrument the answers belong to, as stored with them: enough to read the answers
/// without the instrument file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstrumentRef {
    pub id: String,
    pub title: String,
    /// SHA-256 of the instrument file's bytes.
    pub hash: String,
    /// Points on the scale (answers run from 1 to this).
    pub points: u8,
    /// Each statement's id and domain, in order.
    pub items: Vec<(String, Domain)>,
    /// The instrument asks the retrospective question after play.
    #[serde(default)]
    pub retrospective_before: bool,
}

impl InstrumentRef {
    pub fn of(v: &ValidInstrument) -> InstrumentRef {
        let i = v.get();
        InstrumentRef {
            id: i.id.clone(),
            title: i.title.clone(),
            hash: v.hash().to_owned(),
            points: i.scale.len() as u8,
            items: i.items.iter().map(|x| (x.id.clone(), x.domain)).collect(),
            retrospective_before: i.retrospective_before,
        }
    }

    fn domain_of(&self, item: &str) -> Option<Domain> {
        self.items
            .iter()
            .find(|(id, _)| id == item)
            .map(|(_, d)| *d)
    }
}

/// One person's answers, by phase, statement id to the point on the scale (from 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Answers {
    #[serde(default)]
    pub before: BTreeMap<String, u8>,
    #[serde(default)]
    pub retrospective: BTreeMap<String, u8>,
    #[serde(default)]
    pub after: BTreeMap<String, u8>,
}

impl Answers {
    pub fn phase(&self, p: Phase) -> &BTreeMap<String, u8> {
        match p {
            Phase::Before => &self.before,
            Phase::Retrospective => &self.retrospective,
            Phase::After => &self.after,
        }
    }
    fn phase_mut(&mut self, p: Phase) -> &mut BTreeMap<String, u8> {
        match p {
            Phase::Before => &mut self.before,
            Phase::Retrospective => &mut self.retrospective,
            Phase::After => &mut self.after,
        }
    }
    pub fn is_empty(&self) -> bool {
        Phase::ALL.iter().all(|p| self.phase(*p).is_empty())
    }
}

/// Everyone's self-assessment in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessment {
    pub instrument: InstrumentRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gp: Option<Answers>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_worker: Option<Answers>,
}

/// Why an answer was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("the instrument has no statement `{0}`")]
    NoSuchItem(String),
    #[error("{value} is not on the scale (1 to {points})")]
    OffScale { value: u8, points: u8 },
    #[error("this instrument does not ask the question looking back")]
    NoRetrospective,
}

impl SelfAssessment {
    /// An empty self-assessment on `instrument`.
    pub fn new(instrument: &ValidInstrument) -> SelfAssessment {
        SelfAssessment {
            instrument: InstrumentRef::of(instrument),
            gp: None,
            social_worker: None,
        }
    }

    pub fn of(&self, role: Role) -> Option<&Answers> {
        match role {
            Role::Gp => self.gp.as_ref(),
            Role::SocialWorker => self.social_worker.as_ref(),
        }
    }

    /// Records `role`'s answer to one statement in one phase (answering again replaces it).
    pub fn answer(
        &mut self,
        role: Role,
        phase: Phase,
        item: &str,
        value: u8,
    ) -> Result<(), AnswerError> {
        if self.instrument.domain_of(item).is_none() {
            return Err(AnswerError::NoSuchItem(item.to_owned()));
        }
        if value == 0 || value > self.instrument.points {
            return Err(AnswerError::OffScale {
                value,
                points: self.instrument.points,
            });
        }
        if phase == Phase::Retrospective && !self.instrument.retrospective_before {
            return Err(AnswerError::NoRetrospective);
        }
        let slot = match role {
            Role::Gp => &mut self.gp,
            Role::SocialWorker => &mut self.social_worker,
        };
        slot.get_or_insert_with(Answers::default)
            .phase_mut(phase)
            .insert(item.to_owned(), value);
        Ok(())
    }

    /// Whether anyone answered anything.
    pub fn is_empty(&self) -> bool {
        Role::BOTH
            .iter()
            .all(|r| self.of(*r).is_none_or(Answers::is_empty))
    }

    /// `role`'s mean answer in `domain` and `phase`, over the statements answered (`None` if
    /// none were).
    pub fn mean(&self, role: Role, phase: Phase, domain: Domain) -> Option<f64> {
        let answers = self.of(role)?.phase(phase);
        let values: Vec<f64> = answers
            .iter()
            .filter(|(id, _)| self.instrument.domain_of(id) == Some(domain))
            .map(|(_, v)| f64::from(*v))
            .collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    }

    /// `role`'s mean answer over every statement in `phase`.
    pub fn overall(&self, role: Role, phase: Phase) -> Option<f64> {
        let answers = self.of(role)?.phase(phase);
        (!answers.is_empty())
            .then(|| answers.values().map(|v| f64::from(*v)).sum::<f64>() / answers.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_checked_and_summarised_by_domain() {
        let v = ValidInstrument::builtin();
        let mut s = SelfAssessment::new(&v);
        let comm: Vec<String> = v
            .get()
            .items
            .iter()
            .filter(|i| i.domain == Domain::Communication)
            .map(|i| i.id.clone())
            .collect();
        s.answer(Role::Gp, Phase::Before, &comm[0], 2).unwrap();
        s.answer(Role::Gp, Phase::Before, &comm[1], 3).unwrap();
        s.answer(Role::Gp, Phase::After, &comm[0], 5).unwrap();
        assert_eq!(
            s.mean(Role::Gp, Phase::Before, Domain::Communication),
            Some(2.5)
        );
        assert_eq!(
            s.mean(Role::Gp, Phase::After, Domain::Communication),
            Some(5.0)
        );
        assert_eq!(s.mean(Role::Gp, Phase::Before, Domain::ValuesEthics), None);
        assert_eq!(
            s.mean(Role::SocialWorker, Phase::Before, Domain::Communication),
            None
        );
        assert_eq!(
            s.answer(Role::Gp, Phase::Before, "nope", 2),
            Err(AnswerError::NoSuchItem("nope".into()))
        );
        assert_eq!(
            s.answer(Role::Gp, Phase::Before, &comm[0], 6),
            Err(AnswerError::OffScale {
                value: 6,
                points: 5
            })
        );
        assert_eq!(
            s.answer(Role::Gp, Phase::Before, &comm[0], 0),
            Err(AnswerError::OffScale {
                value: 0,
                points: 5
            })
        );
        // Answering again replaces the answer.
        s.answer(Role::Gp, Phase::Before, &comm[0], 4).unwrap();
        assert_eq!(
            s.mean(Role::Gp, Phase::Before, Domain::Communication),
            Some(3.5)
        );
        assert!(!s.is_empty());
    }
}
