//! [`MODEL`]: every number that tunes the simulation, in one named table, as the scoring
//! weights are. docs/simulation.md prints the same table, and a test keeps the two in step.

/// How trust between health and social care moves (points on the 0 to 100 scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustChanges {
    /// A respectful message arrives across the sectors...
    pub respectful_message: i32,
    /// ... for this many of each role's messages.
    pub respectful_counted: u32,
    /// A dismissive message arrives across the sectors.
    pub dismissive_message: i32,
    /// A referral or request to assess arrives across the sectors with no facts attached.
    pub cold_referral: i32,
    /// A need is sent back with no pointer to anyone who could help.
    pub bounced: i32,
    /// A request is accepted.
    pub accepted: i32,
    /// An outcome is reported back (the loop closed).
    pub loop_closed: i32,
    /// A joint visit.
    pub joint_visit: i32,
    /// Both professions come to an MDT.
    pub mdt_together: i32,
    /// A care plan is agreed.
    pub plan_agreed: i32,
    /// A standing arrangement (a named liaison, a huddle) is made.
    pub arrangement: i32,
    /// The daily huddle is held with both there.
    pub huddle: i32,
    /// A request is left unanswered (once per message).
    pub unanswered: i32,
}

/// Where trust changes how people behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustBands {
    /// Below this, the relationship feels strained, and services answer a half-day later.
    pub strained_below: u32,
    /// From `strained_below` to here it feels guarded.
    pub guarded_below: u32,
    /// From `guarded_below` to here it is a working relationship; from here on, strong:
    /// services answer a half-day sooner and accept a referral that carries some of the facts
    /// it needs.
    pub strong_from: u32,
    /// From here on, a service that cannot help points to one that can.
    pub signposts_from: u32,
}

/// The phone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Phone {
    /// Across health and social care, the chance of an answer moves by (trust − `neutral`) ÷
    /// `per_point` from the channel's own reliability.
    pub neutral_trust: f32,
    pub per_point: f32,
    /// With a named liaison, calls between the players are answered at least this often,
    /// even during clinics.
    pub linked_at_least: f32,
}

/// How unmet needs push crises closer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Risk {
    /// Each half-day an unmet need adds its `risk_per_day` times a percentage drawn from this
    /// range, divided by `divisor` (200: half a day's worth) and rounded up.
    pub jitter_percent: (u32, u32),
    pub divisor: u32,
    /// A need's urgency cue: "worsening" from this share of the crisis threshold (percent)...
    pub worsening_from: u32,
    /// ... and "urgent" from this one.
    pub urgent_from: u32,
}

/// Silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Silence {
    /// A colleague's request with no answer this many half-days after it arrived costs trust.
    pub sours_trust_after: u32,
    /// ... and after this many, the score counts it as left unanswered.
    pub scored_unanswered_after: u32,
}

/// Everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Other {
    /// With a named liaison, email between the players takes at most this many half-days.
    pub linked_email_delay: u32,
    /// An MDT a player books where the borough holds none takes this many minutes.
    pub booked_mdt_minutes: u32,
    /// A service the scenario gives no answer time answers after this many half-days.
    pub default_answer_after: u32,
    /// The longest free text a message may carry, in characters.
    pub max_text: usize,
    /// Most actions a computer player takes in one half-day before its turn is ended for it.
    pub max_actions_per_turn: usize,
    /// Minutes lost finding out that something is not this profession's to do.
    pub wrong_attempt_minutes: u32,
    /// Minutes a capacity assessment takes.
    pub capacity_minutes: u32,
    /// Minutes a best-interests decision takes (each professional present).
    pub best_interests_minutes: u32,
    /// Half-days the council's financial assessment adds before the first package it
    /// arranges for a person starts.
    pub financial_assessment_slots: u32,
    /// Minutes a continuing healthcare checklist, or the fast-track tool, takes.
    pub chc_minutes: u32,
    /// Half-days from a positive checklist to the full assessment's decision.
    pub chc_decision_slots: u32,
}

/// The simulation's numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    pub trust: TrustChanges,
    pub bands: TrustBands,
    pub phone: Phone,
    pub risk: Risk,
    pub silence: Silence,
    pub other: Other,
}

/// The numbers the simulation plays by.
pub const MODEL: Model = Model {
    trust: TrustChanges {
        respectful_message: 1,
        respectful_counted: 3,
        dismissive_message: -3,
        cold_referral: -2,
        bounced: -4,
        accepted: 1,
        loop_closed: 3,
        joint_visit: 4,
        mdt_together: 2,
        plan_agreed: 2,
        arrangement: 3,
        huddle: 1,
        unanswered: -2,
    },
    bands: TrustBands {
        strained_below: 30,
        guarded_below: 50,
        strong_from: 70,
        signposts_from: 40,
    },
    phone: Phone {
        neutral_trust: 50.0,
        per_point: 250.0,
        linked_at_least: 0.95,
    },
    risk: Risk {
        jitter_percent: (75, 125),
        divisor: 200,
        worsening_from: 40,
        urgent_from: 70,
    },
    silence: Silence {
        sours_trust_after: 3,
        scored_unanswered_after: 4,
    },
    other: Other {
        linked_email_delay: 1,
        booked_mdt_minutes: 60,
        default_answer_after: 2,
        max_text: 2000,
        max_actions_per_turn: 60,
        wrong_attempt_minutes: 10,
        capacity_minutes: 45,
        best_interests_minutes: 30,
        financial_assessment_slots: 1,
        chc_minutes: 30,
        chc_decision_slots: 2,
    },
};

impl Model {
    /// The table as (name, value) rows, in the order docs/simulation.md lists them.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        let t = &self.trust;
        let b = &self.bands;
        let p = &self.phone;
        let r = &self.risk;
        let s = &self.silence;
        let o = &self.other;
        let signed = |v: i32| {
            if v > 0 {
                format!("+{v}")
            } else {
                format!("−{}", v.unsigned_abs())
            }
        };
        vec![
            ("trust.respectful_message", signed(t.respectful_message)),
            ("trust.respectful_counted", t.respectful_counted.to_string()),
            ("trust.dismissive_message", signed(t.dismissive_message)),
            ("trust.cold_referral", signed(t.cold_referral)),
            ("trust.bounced", signed(t.bounced)),
            ("trust.accepted", signed(t.accepted)),
            ("trust.loop_closed", signed(t.loop_closed)),
            ("trust.joint_visit", signed(t.joint_visit)),
            ("trust.mdt_together", signed(t.mdt_together)),
            ("trust.plan_agreed", signed(t.plan_agreed)),
            ("trust.arrangement", signed(t.arrangement)),
            ("trust.huddle", signed(t.huddle)),
            ("trust.unanswered", signed(t.unanswered)),
            ("bands.strained_below", b.strained_below.to_string()),
            ("bands.guarded_below", b.guarded_below.to_string()),
            ("bands.strong_from", b.strong_from.to_string()),
            ("bands.signposts_from", b.signposts_from.to_string()),
            ("phone.neutral_trust", p.neutral_trust.to_string()),
            ("phone.per_point", p.per_point.to_string()),
            ("phone.linked_at_least", p.linked_at_least.to_string()),
            (
                "risk.jitter_percent",
                format!("{}–{}", r.jitter_percent.0, r.jitter_percent.1),
            ),
            ("risk.divisor", r.divisor.to_string()),
            ("risk.worsening_from", r.worsening_from.to_string()),
            ("risk.urgent_from", r.urgent_from.to_string()),
            ("silence.sours_trust_after", s.sours_trust_after.to_string()),
            (
                "silence.scored_unanswered_after",
                s.scored_unanswered_after.to_string(),
            ),
            ("other.linked_email_delay", o.linked_email_delay.to_string()),
            ("other.booked_mdt_minutes", o.booked_mdt_minutes.to_string()),
            (
                "other.default_answer_after",
                o.default_answer_after.to_string(),
            ),
            ("other.max_text", o.max_text.to_string()),
            (
                "other.max_actions_per_turn",
                o.max_actions_per_turn.to_string(),
            ),
            (
                "other.wrong_attempt_minutes",
                o.wrong_attempt_minutes.to_string(),
            ),
            ("other.capacity_minutes", o.capacity_minutes.to_string()),
            (
                "other.best_interests_minutes",
                o.best_interests_minutes.to_string(),
            ),
            (
                "other.financial_assessment_slots",
                o.financial_assessment_slots.to_string(),
            ),
            ("other.chc_minutes", o.chc_minutes.to_string()),
            ("other.chc_decision_slots", o.chc_decision_slots.to_string()),
        ]
    }
}

impl TrustBands {
    /// Whether trust is in the strong band.
    pub fn strong(&self, trust: u32) -> bool {
        trust >= self.strong_from
    }
    /// Whether trust is in the strained band.
    pub fn strained(&self, trust: u32) -> bool {
        trust < self.strained_below
    }
}
