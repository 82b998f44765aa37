//! Many seeded sessions between computer players, spread over every core, and the statistics
//! that say whether a scenario rewards collaboration (the fairness criteria).
//!
//! The same functions serve `joined-up simulate`, `joined-up validate --balance` and the
//! fairness tests, so what the tests prove is what an author sees.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use crate::bots::PolicyKind;
use crate::debrief::barrier_signs;
use crate::scenario::{Barrier, ValidScenario};
use crate::scoring::{Behaviour, Domain};
use crate::session::{Headless, Played, play_in};
use crate::sim::{Catalog, LogKind};

/// One seeded session's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub seed: u64,
    pub total: i32,
    pub domains: BTreeMap<&'static str, i32>,
    pub crises: u32,
    pub crises_averted: u32,
    /// Behaviours that cost points, once per item.
    #[serde(skip)]
    pub penalties: Vec<Behaviour>,
    /// The whole session, kept only when asked for (to save it).
    #[serde(skip)]
    pub played: Option<Box<Played>>,
}

impl Run {
    fn of(seed: u64, played: Played, keep: bool) -> Run {
        let s = &played.score;
        Run {
            seed,
            total: s.total,
            domains: Domain::ALL
                .iter()
                .map(|d| (d.key(), s.domain(*d)))
                .collect(),
            crises: s.crises_suffered,
            crises_averted: s.crises_averted,
            penalties: s
                .items
                .iter()
                .filter(|i| i.points < 0)
                .map(|i| i.behaviour)
                .collect(),
            played: keep.then(|| Box::new(played)),
        }
    }
}

/// Who plays, where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pairing {
    pub gp: PolicyKind,
    pub social_worker: PolicyKind,
}

impl Pairing {
    pub const fn new(gp: PolicyKind, social_worker: PolicyKind) -> Self {
        Pairing { gp, social_worker }
    }
}

impl fmt::Display for Pairing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GP {} + social worker {}", self.gp, self.social_worker)
    }
}

/// Plays `seeds` in parallel and returns the runs in seed order. `on_done` is called once per
/// finished session (from any thread), for a progress bar. `keep` keeps each whole session.
pub fn run_seeds(
    scenario: &ValidScenario,
    setting: Option<&str>,
    pairing: Pairing,
    seeds: Range<u64>,
    keep: bool,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<Run>, String> {
    run_seeds_saving(scenario, setting, pairing, seeds, keep, on_done, &|_, _| {
        Ok(())
    })
}

/// [`run_seeds`], handing each session to `save` (on its worker thread) as soon as it is
/// played, so nothing waits on the rest: an interrupted run keeps every session it finished.
pub fn run_seeds_saving(
    scenario: &ValidScenario,
    setting: Option<&str>,
    pairing: Pairing,
    seeds: Range<u64>,
    keep: bool,
    on_done: &(dyn Fn() + Sync),
    save: &(dyn Fn(u64, &Played) -> Result<(), String> + Sync),
) -> Result<Vec<Run>, String> {
    seeds
        .into_par_iter()
        // One world per worker, reused from session to session.
        .map_init(Headless::new, |world, seed| {
            let played = play_in(
                world,
                scenario,
                setting,
                seed,
                pairing.gp,
                pairing.social_worker,
            )
            .map_err(|e| format!("seed {seed}: {e}"))?;
            save(seed, &played)?;
            on_done();
            Ok(Run::of(seed, played, keep))
        })
        .collect()
}

/// Mean, standard deviation (sample), least and most of some numbers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    pub sd: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    pub fn of(values: impl IntoIterator<Item = f64>) -> Summary {
        let v: Vec<f64> = values.into_iter().collect();
        let n = v.len();
        if n == 0 {
            return Summary {
                n,
                mean: 0.0,
                sd: 0.0,
                min: 0.0,
                max: 0.0,
            };
        }
        let mean = v.iter().sum::<f64>() / n as f64;
        let var = if n > 1 {
            v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64
        } else {
            0.0
        };
        Summary {
            n,
            mean,
            sd: var.sqrt(),
            min: v.iter().copied().fold(f64::INFINITY, f64::min),
            max: v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        }
    }

    pub fn totals(runs: &[Run]) -> Summary {
        Summary::of(runs.iter().map(|r| f64::from(r.total)))
    }
}

/// Cohen's d of `a` over `b`, with the pooled standard deviation. Two groups with no spread at
/// all and different means are infinitely far apart; with equal means, zero apart.
pub fn cohens_d(a: &Summary, b: &Summary) -> f64 {
    let diff = a.mean - b.mean;
    let dof = (a.n + b.n).saturating_sub(2);
    let pooled = if dof == 0 {
        0.0
    } else {
        (((a.n.saturating_sub(1)) as f64 * a.sd.powi(2)
            + (b.n.saturating_sub(1)) as f64 * b.sd.powi(2))
            / dof as f64)
            .sqrt()
    };
    if pooled == 0.0 {
        if diff == 0.0 {
            0.0
        } else {
            diff.signum() * f64::INFINITY
        }
    } else {
        diff / pooled
    }
}

/// The least Cohen's d between two collaborative players and two siloed (or two polite but
/// siloed) players that counts as "a wide margin".
pub const MIN_EFFECT: f64 = 1.5;

/// How far (in Cohen's d) a mixed team may sit below two siloed players and still count as
/// "between" them and two collaborative ones: a negligible effect.
pub const MIXED_TOLERANCE: f64 = 0.2;

/// The pairings the fairness criteria compare.
pub const FAIRNESS_PAIRINGS: [(&str, Pairing); 7] = [
    (
        "collaborative",
        Pairing::new(PolicyKind::Collaborative, PolicyKind::Collaborative),
    ),
    (
        "polite-siloed",
        Pairing::new(PolicyKind::PoliteSiloed, PolicyKind::PoliteSiloed),
    ),
    (
        "mixed (collaborative GP)",
        Pairing::new(PolicyKind::Collaborative, PolicyKind::Siloed),
    ),
    (
        "mixed (collaborative social worker)",
        Pairing::new(PolicyKind::Siloed, PolicyKind::Collaborative),
    ),
    (
        "siloed",
        Pairing::new(PolicyKind::Siloed, PolicyKind::Siloed),
    ),
    ("gamer", Pairing::new(PolicyKind::Gamer, PolicyKind::Gamer)),
    (
        "random",
        Pairing::new(PolicyKind::Random, PolicyKind::Random),
    ),
];

/// How each pairing scored over the same seeds, and whether that rewards collaboration.
#[derive(Debug, Clone, Serialize)]
pub struct Fairness {
    pub setting: Option<String>,
    pub seeds: u64,
    /// (label, summary of totals) in the order of [`FAIRNESS_PAIRINGS`].
    pub totals: Vec<(&'static str, Summary)>,
    /// Crises per session, by pairing.
    pub crises: Vec<(&'static str, Summary)>,
    /// Cohen's d of collaborative over siloed.
    pub effect: f64,
    /// Cohen's d of collaborative over polite but siloed.
    pub polite_effect: f64,
    /// Needs no session of any pairing met, in scenario order.
    pub needs_never_met: Vec<String>,
    /// Each criterion not met, with its numbers. Empty when the scenario is fair.
    pub problems: Vec<String>,
    /// How often each crisis happened, in scenario order.
    pub crisis_counts: Vec<CrisisCount>,
    /// The barriers some session met (see the debrief's barrier signs).
    pub barriers_met: Vec<Barrier>,
}

/// How often one crisis happened across the fairness runs.
#[derive(Debug, Clone, Serialize)]
pub struct CrisisCount {
    pub crisis: String,
    /// Sessions played by two collaborative players in which it happened.
    pub collaborative: u64,
    /// Sessions of any pairing in which it happened.
    pub any: u64,
    /// Sessions of any pairing.
    pub sessions: u64,
}

impl Fairness {
    pub fn is_fair(&self) -> bool {
        self.problems.is_empty()
    }

    /// The summary of totals for one pairing, by its label in [`FAIRNESS_PAIRINGS`].
    pub fn total(&self, label: &str) -> Summary {
        self.totals
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, s)| *s)
            .expect("every pairing is run")
    }
}

/// Runs every fairness pairing over seeds `0..seeds` and checks the criteria: collaborative
/// beats siloed with Cohen's d ≥ [`MIN_EFFECT`]; each mixed team's mean lies between the two;
/// random play's mean is below collaborative.
pub fn fairness(
    scenario: &ValidScenario,
    setting: Option<&str>,
    seeds: u64,
    on_done: &(dyn Fn() + Sync),
) -> Result<Fairness, String> {
    let mut totals = Vec::new();
    let mut crises = Vec::new();
    let catalog = Catalog::new(scenario.shared());
    let mut crisis_counts: Vec<CrisisCount> = scenario
        .get()
        .patients
        .iter()
        .flat_map(|p| &p.crises)
        .map(|c| CrisisCount {
            crisis: c.id.clone(),
            collaborative: 0,
            any: 0,
            sessions: 0,
        })
        .collect();
    let mut barriers_met = BTreeSet::new();
    let mut needs_met: BTreeSet<String> = BTreeSet::new();
    for (label, pairing) in FAIRNESS_PAIRINGS {
        let runs = run_seeds(scenario, setting, pairing, 0..seeds, true, on_done)?;
        totals.push((label, Summary::totals(&runs)));
        crises.push((label, Summary::of(runs.iter().map(|r| f64::from(r.crises)))));
        for played in runs.iter().filter_map(|r| r.played.as_deref()) {
            let happened: BTreeSet<&str> = played
                .log
                .entries
                .iter()
                .filter_map(|e| match &e.kind {
                    LogKind::CrisisOccurred { crisis, .. } => Some(crisis.as_str()),
                    _ => None,
                })
                .collect();
            for c in &mut crisis_counts {
                c.sessions += 1;
                if happened.contains(c.crisis.as_str()) {
                    c.any += 1;
                    if label == "collaborative" {
                        c.collaborative += 1;
                    }
                }
            }
            for e in &played.log.entries {
                barriers_met.extend(barrier_signs(e, &catalog).into_iter().map(|(b, _)| b));
                if let LogKind::NeedMet { need, .. } = &e.kind {
                    needs_met.insert(need.clone());
                }
            }
        }
    }
    let needs_never_met = scenario
        .get()
        .patients
        .iter()
        .flat_map(|p| &p.needs)
        .filter(|n| !needs_met.contains(&n.id))
        .map(|n| n.id.clone())
        .collect();
    let mut f = Fairness {
        setting: setting.map(str::to_owned),
        seeds,
        totals,
        crises,
        effect: 0.0,
        polite_effect: 0.0,
        needs_never_met,
        problems: Vec::new(),
        crisis_counts,
        barriers_met: barriers_met.into_iter().collect(),
    };
    let collab = f.total("collaborative");
    let polite = f.total("polite-siloed");
    let siloed = f.total("siloed");
    let gamer = f.total("gamer");
    let random = f.total("random");
    f.effect = cohens_d(&collab, &siloed);
    f.polite_effect = cohens_d(&collab, &polite);
    if f.effect.is_nan() || f.effect < MIN_EFFECT {
        f.problems.push(format!(
            "collaborative play (mean {:.1}, sd {:.1}) does not beat siloed play (mean {:.1}, sd {:.1}) by a wide margin: Cohen's d is {:.2}, needs at least {MIN_EFFECT}",
            collab.mean, collab.sd, siloed.mean, siloed.sd, f.effect
        ));
    }
    if f.polite_effect.is_nan() || f.polite_effect < MIN_EFFECT {
        f.problems.push(format!(
            "collaborative play (mean {:.1}, sd {:.1}) does not beat polite but siloed play (mean {:.1}, sd {:.1}) by a wide margin: Cohen's d is {:.2}, needs at least {MIN_EFFECT}; a courteous handoff culture scores nearly as well as teamwork",
            collab.mean, collab.sd, polite.mean, polite.sd, f.polite_effect
        ));
    }
    if polite.mean <= siloed.mean {
        f.problems.push(format!(
            "polite but siloed play (mean {:.1}) does not score above curt siloed play (mean {:.1})",
            polite.mean, siloed.mean
        ));
    }
    if gamer.mean > collab.mean {
        f.problems.push(format!(
            "a player who farms the rubric (mean {:.1}) out-scores collaborative play (mean {:.1})",
            gamer.mean, collab.mean
        ));
    }
    for label in [
        "mixed (collaborative GP)",
        "mixed (collaborative social worker)",
    ] {
        // One collaborative professional cannot always lift a case in which every need takes
        // both professions and the other will not engage: "between" allows the mixed team to
        // sit level with two siloed players, within a negligible effect, but never clearly
        // below them, and always below two collaborative ones.
        let m = f.total(label);
        let below_siloed = cohens_d(&m, &siloed);
        if !(m.mean < collab.mean && (m.mean > siloed.mean || below_siloed > -MIXED_TOLERANCE)) {
            f.problems.push(format!(
                "the {label} team's mean ({:.1}) is not between siloed ({:.1}) and collaborative ({:.1})",
                m.mean, siloed.mean, collab.mean
            ));
        }
    }
    if random.mean >= collab.mean {
        f.problems.push(format!(
            "random play (mean {:.1}) scores no lower than collaborative play (mean {:.1})",
            random.mean, collab.mean
        ));
    }
    Ok(f)
}

/// The most frequent penalties across runs: (behaviour, how many sessions had it, total count).
pub fn frequent_penalties(runs: &[Run], top: usize) -> Vec<(Behaviour, usize, usize)> {
    let mut count: BTreeMap<Behaviour, (usize, usize)> = BTreeMap::new();
    for r in runs {
        let mut seen = std::collections::BTreeSet::new();
        for b in &r.penalties {
            let e = count.entry(*b).or_default();
            e.1 += 1;
            if seen.insert(*b) {
                e.0 += 1;
            }
        }
    }
    let mut v: Vec<_> = count.into_iter().map(|(b, (s, c))| (b, s, c)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    v.truncate(top);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_and_effect_size() {
        let a = Summary::of([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert_eq!(a.mean, 5.0);
        assert!((a.sd - 2.138).abs() < 0.001);
        assert_eq!((a.min, a.max), (2.0, 9.0));
        let b = Summary::of([1.0, 2.0, 3.0]);
        // Pooled sd: sqrt((7*4.571 + 2*1) / 9) = 1.937; d = (5 - 2) / 1.937.
        assert!((cohens_d(&a, &b) - 1.549).abs() < 0.01);
        assert!(cohens_d(&b, &a) < 0.0);
        let flat = Summary::of([3.0, 3.0]);
        assert_eq!(cohens_d(&flat, &flat), 0.0);
        assert_eq!(cohens_d(&Summary::of([4.0, 4.0]), &flat), f64::INFINITY);
        assert_eq!(Summary::of([]).n, 0);
    }
}
