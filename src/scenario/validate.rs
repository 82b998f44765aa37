//! Meaning checks on a parsed scenario: every problem an author can make that RON syntax does
//! not catch, each reported with its position and, where likely, the fix.
//!
//! [`check`] returns *all* problems at once, so an author fixes a file in one pass.

use std::collections::{BTreeMap, BTreeSet};

use super::diagnostic::{Diagnostic, Severity, suggest};
use super::schema::*;
use super::spans::{Path, SpanTree};

/// Longest text accepted in any one field.
const MAX_TEXT: usize = 4000;

/// Collects problems with positions.
struct Checker<'a> {
    path: &'a str,
    source: &'a str,
    spans: SpanTree,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, at: &Path, message: String, hint: Option<String>) {
        let pos = self.spans.locate(at);
        self.out.push(Diagnostic {
            path: self.path.to_owned(),
            line: pos.line,
            column: pos.column,
            severity,
            message,
            hint,
        });
    }
    fn error(&mut self, at: &Path, message: impl Into<String>, hint: impl Into<Option<String>>) {
        self.push(Severity::Error, at, message.into(), hint.into());
    }
    fn warn(&mut self, at: &Path, message: impl Into<String>, hint: impl Into<Option<String>>) {
        self.push(Severity::Warning, at, message.into(), hint.into());
    }

    /// The value at `at` as the author wrote it (`1e308`, not `inf`), for messages.
    fn written(&self, at: &Path) -> String {
        let pos = self.spans.locate(at);
        let line = self
            .source
            .lines()
            .nth(pos.line.saturating_sub(1))
            .unwrap_or("");
        let token: String = line
            .chars()
            .skip(pos.column.saturating_sub(1))
            .take_while(|c| !matches!(c, ',' | ')' | ']' | '}') && !c.is_whitespace())
            .take(40)
            .collect();
        if token.is_empty() {
            "?".to_owned()
        } else {
            token
        }
    }

    /// A whole number that must lie in `range`: the message says the range, the value and
    /// what it is for.
    fn whole(
        &mut self,
        at: &Path,
        what: &str,
        value: i64,
        range: std::ops::RangeInclusive<i64>,
        hint: &str,
    ) {
        if !range.contains(&value) {
            self.error(
                at,
                format!(
                    "{what} is {}; it must be from {} to {}",
                    self.written(at),
                    range.start(),
                    range.end()
                ),
                Some(hint.to_owned()),
            );
        }
    }

    fn text(&mut self, at: &Path, what: &str, value: &str) {
        if value.trim().is_empty() {
            self.error(
                at,
                format!("{what} is empty"),
                Some(format!("write the {what} in a sentence or two")),
            );
        } else if value.chars().count() > MAX_TEXT {
            self.error(
                at,
                format!("{what} is longer than {MAX_TEXT} characters"),
                Some("shorten it; long text is hard to read on a projector".to_owned()),
            );
        } else if let Some(c) = value
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            self.error(
                at,
                format!(
                    "{what} contains a control character (U+{:04X}) that no screen can show",
                    c as u32
                ),
                Some("remove it; write the text as plain words".to_owned()),
            );
        }
    }

    fn id(&mut self, at: &Path, what: &str, id: &str) {
        let ok = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && id.len() <= 64;
        if !ok {
            let fixed: String = id
                .trim()
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            self.error(
                at,
                format!("{what} id `{id}` is not a valid id"),
                Some(format!(
                    "ids are lower-case letters, digits and `_`, starting with a letter (up to 64), e.g. `{}`",
                    if fixed.is_empty() { "mrs_ward".to_owned() } else { fixed }
                )),
            );
        }
    }

    /// Checks `id` is known in `set`; reports it as an unknown `what` otherwise.
    fn known(&mut self, at: &Path, what: &str, id: &str, set: &BTreeSet<String>) -> bool {
        if set.contains(id) {
            return true;
        }
        let hint = suggest(id, set.iter().map(String::as_str));
        self.error(at, format!("unknown {what} `{id}`"), Some(hint));
        false
    }
}

/// Ids declared in the file, by kind.
#[derive(Default)]
struct Ids {
    players: BTreeSet<String>,
    npcs: BTreeSet<String>,
    roles: BTreeSet<String>,
    contacts: BTreeSet<String>,
    patients: BTreeSet<String>,
    facts: BTreeSet<String>,
    needs: BTreeSet<String>,
    crises: BTreeSet<String>,
    packages: BTreeSet<String>,
    /// Fact and need id to the patient it belongs to.
    fact_patient: BTreeMap<String, String>,
    need_patient: BTreeMap<String, String>,
    crisis_patient: BTreeMap<String, String>,
}

/// Every problem in `scenario`, read from `source` at `path`. Empty when the file is sound.
pub fn check(path: &str, source: &str, scenario: &Scenario) -> Vec<Diagnostic> {
    let mut c = Checker {
        path,
        source,
        spans: SpanTree::new(source),
        out: Vec::new(),
    };
    raw_controls(&mut c, source);
    let root = Path::root();
    let s = scenario;

    // Metadata.
    if !(OLDEST_FORMAT..=FORMAT_VERSION).contains(&s.format) {
        c.error(
            &root.field("format"),
            format!(
                "format version {} is not supported; this build reads versions {OLDEST_FORMAT} to {FORMAT_VERSION}",
                s.format
            ),
            Some(format!(
                "set `format: {FORMAT_VERSION}` and check docs/scenario-format.md for changes"
            )),
        );
    } else {
        check_format_features(&mut c, s);
    }
    c.id(&root.field("id"), "scenario", &s.id);
    c.text(&root.field("title"), "title", &s.title);
    c.text(&root.field("summary"), "summary", &s.summary);
    for (i, a) in s.authors.iter().enumerate() {
        c.text(&root.field("authors").index(i), "author", a);
    }
    if s.play_minutes == 0 || s.play_minutes > 240 {
        c.error(
            &root.field("play_minutes"),
            format!(
                "play time of {} minutes is outside 1 to 240",
                s.play_minutes
            ),
            Some(
                "estimate the minutes from briefing to debrief, e.g. `play_minutes: 40`".to_owned(),
            ),
        );
    }
    if s.learning_objectives.is_empty() {
        c.error(
            &root.field("learning_objectives"),
            "no learning objectives",
            Some("list at least one thing a student should be able to do afterwards".to_owned()),
        );
    }
    for (i, o) in s.learning_objectives.iter().enumerate() {
        c.text(
            &root.field("learning_objectives").index(i),
            "learning objective",
            o,
        );
    }
    for (i, o) in s.discussion_prompts.iter().enumerate() {
        c.text(
            &root.field("discussion_prompts").index(i),
            "discussion prompt",
            o,
        );
    }
    if let Some(f) = &s.facilitator {
        check_facilitator(&mut c, f);
    }
    check_ranges(&mut c, s);
    if s.barriers.is_empty() {
        c.error(
            &root.field("barriers"),
            "no barriers named",
            Some(
                "name which of the nine barriers the case teaches, e.g. `barriers: [Logistics]`"
                    .to_owned(),
            ),
        );
    }
    let mut seen_barriers = BTreeSet::new();
    for (i, b) in s.barriers.iter().enumerate() {
        if !seen_barriers.insert(*b) {
            c.warn(
                &root.field("barriers").index(i),
                format!("barrier `{b:?}` is listed twice"),
                Some("remove the repeat".to_owned()),
            );
        }
    }
    if s.days == 0 || s.days > 30 {
        c.error(
            &root.field("days"),
            format!("{} days is outside 1 to 30", s.days),
            Some("a session is usually 3 to 10 working days".to_owned()),
        );
    }
    let days = s.days.clamp(1, 30);

    // Collect ids, reporting duplicates and bad spellings.
    let mut ids = Ids::default();
    ids.players.insert(GP.to_owned());
    ids.players.insert(SOCIAL_WORKER.to_owned());
    ids.roles.extend(ids.players.iter().cloned());
    let roles = root.field("roles");
    for (i, n) in s.roles.others.iter().enumerate() {
        let at = roles.field("others").index(i);
        c.id(&at.field("id"), "role", &n.id);
        if ids.players.contains(&n.id) {
            c.error(
                &at.field("id"),
                format!("`{}` is a player role; other roles need another id", n.id),
                Some("player roles are `gp` and `social_worker`, set under `roles`".to_owned()),
            );
        } else if !ids.roles.insert(n.id.clone()) {
            c.error(
                &at.field("id"),
                format!("duplicate role id `{}`", n.id),
                Some("give each role its own id".to_owned()),
            );
        } else {
            ids.npcs.insert(n.id.clone());
        }
    }
    for (i, k) in s.contacts.iter().enumerate() {
        let at = root.field("contacts").index(i).field("id");
        c.id(&at, "contact", &k.id);
        if !ids.contacts.insert(k.id.clone()) {
            c.error(
                &at,
                format!("duplicate contact id `{}`", k.id),
                Some("give each contact its own id".to_owned()),
            );
        }
    }
    for (i, pk) in s.care_packages.iter().enumerate() {
        let at = root.field("care_packages").index(i).field("id");
        c.id(&at, "care package", &pk.id);
        if !ids.packages.insert(pk.id.clone()) {
            c.error(
                &at,
                format!("duplicate care package id `{}`", pk.id),
                Some("give each package its own id".to_owned()),
            );
        }
    }
    for (pi, p) in s.patients.iter().enumerate() {
        let at = root.field("patients").index(pi);
        c.id(&at.field("id"), "patient", &p.id);
        if !ids.patients.insert(p.id.clone()) {
            c.error(
                &at.field("id"),
                format!("duplicate patient id `{}`", p.id),
                Some("give each patient their own id".to_owned()),
            );
        }
        for (fi, f) in p.facts.iter().enumerate() {
            let fat = at.field("facts").index(fi).field("id");
            c.id(&fat, "fact", &f.id);
            if !ids.facts.insert(f.id.clone()) {
                c.error(
                    &fat,
                    format!("duplicate fact id `{}`", f.id),
                    Some("fact ids are unique across the whole scenario".to_owned()),
                );
            }
            ids.fact_patient.insert(f.id.clone(), p.id.clone());
        }
        for (ni, n) in p.needs.iter().enumerate() {
            let nat = at.field("needs").index(ni).field("id");
            c.id(&nat, "need", &n.id);
            if !ids.needs.insert(n.id.clone()) {
                c.error(
                    &nat,
                    format!("duplicate need id `{}`", n.id),
                    Some("need ids are unique across the whole scenario".to_owned()),
                );
            }
            ids.need_patient.insert(n.id.clone(), p.id.clone());
        }
        for (ci, k) in p.crises.iter().enumerate() {
            let cat = at.field("crises").index(ci).field("id");
            c.id(&cat, "crisis", &k.id);
            if !ids.crises.insert(k.id.clone()) {
                c.error(
                    &cat,
                    format!("duplicate crisis id `{}`", k.id),
                    Some("crisis ids are unique across the whole scenario".to_owned()),
                );
            }
            ids.crisis_patient.insert(k.id.clone(), p.id.clone());
        }
    }
    let mut event_ids = BTreeSet::new();
    for (i, e) in s.events.iter().enumerate() {
        let at = root.field("events").index(i).field("id");
        c.id(&at, "event", &e.id);
        if !event_ids.insert(e.id.clone()) {
            c.error(
                &at,
                format!("duplicate event id `{}`", e.id),
                Some("give each event its own id".to_owned()),
            );
        }
    }

    check_setting(&mut c, &ids, &root.field("setting"), &s.setting, days);
    for (name, over) in &s.settings {
        let at = root.field("settings").key(name);
        if !name
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
            || name.is_empty()
        {
            let pos = c.spans.locate_key(&root.field("settings"), name);
            c.out.push(Diagnostic {
                path: c.path.to_owned(),
                line: pos.line,
                column: pos.column,
                severity: Severity::Error,
                message: format!("setting name `{name}` is not a valid name"),
                hint: Some("use lower-case letters, digits and `_`, e.g. `integrated`".to_owned()),
            });
        }
        let merged = s.setting.with(over);
        check_setting_parts(&mut c, &ids, &at, &merged, Some(over), days);
    }

    check_roles(&mut c, &ids, s, days);
    check_contacts(&mut c, &ids, s);
    check_channels(&mut c, &root.field("channels"), &s.channels);
    for (i, pk) in s.care_packages.iter().enumerate() {
        let at = root.field("care_packages").index(i);
        c.text(&at.field("name"), "care package name", &pk.name);
        if pk.starts_after > days * 2 {
            c.warn(
                &at.field("starts_after"),
                format!(
                    "package starts {} slots after commissioning, after the session ends",
                    pk.starts_after
                ),
                Some(format!("the session has {} slots", days * 2)),
            );
        }
    }
    let revealable = check_patients(&mut c, &ids, s, days);
    check_events(&mut c, &ids, s, days);
    check_needs_and_crises(&mut c, &ids, s, days, &revealable);
    check_decisions(&mut c, &ids, s);
    check_households(&mut c, s);
    check_poor_practice(&mut c, s);

    // Each player must have someone to look after.
    for role in [GP, SOCIAL_WORKER] {
        let on_list = s
            .patients
            .iter()
            .any(|p| caseload_of(p).iter().any(|r| r == role))
            || s.events.iter().any(|e| {
                e.effects
                    .iter()
                    .any(|f| matches!(f, Effect::AddToCaseload { role: r, .. } if r == role))
            });
        if !on_list && !s.patients.is_empty() {
            c.error(
                &root.field("patients"),
                format!("no patient is ever on the `{role}` caseload"),
                Some(
                    "leave `caseload` out (both players) or add the role to one patient's caseload"
                        .to_owned(),
                ),
            );
        }
    }
    if s.patients.is_empty() {
        c.error(
            &root.field("patients"),
            "no patients",
            Some("add at least one patient with a need".to_owned()),
        );
    }

    c.out.sort_by_key(|d| (d.line, d.column, d.severity));
    c.out.dedup();
    c.out
}

/// The player roles that have `p` on their caseload at the start.
pub fn caseload_of(p: &PatientDef) -> Vec<String> {
    p.caseload
        .clone()
        .unwrap_or_else(|| vec![GP.to_owned(), SOCIAL_WORKER.to_owned()])
}

fn check_setting(c: &mut Checker, ids: &Ids, at: &Path, s: &Setting, days: u32) {
    check_setting_parts(c, ids, at, s, None, days);
}

/// Checks a complete setting: the base one (`over` is `None`), or the base with a named
/// override laid on, in which case only what the override writes is checked, where it is
/// written (the base's own problems are reported once, at the base).
fn check_setting_parts(
    c: &mut Checker,
    ids: &Ids,
    at: &Path,
    s: &Setting,
    over: Option<&SettingOverride>,
    days: u32,
) {
    let written = |in_override: bool| over.is_none() || in_override;
    if written(over.is_some_and(|o| o.trust.is_some())) && s.trust > 100 {
        c.error(
            &at.field("trust"),
            format!("trust {} is above 100", s.trust),
            Some("trust runs from 0 (hostile) to 100 (close partners); 40 is typical".to_owned()),
        );
    }
    if let MdtCadence::Regular {
        first_day,
        every_days,
        minutes,
        ..
    } = &s.mdt
        && written(over.is_some_and(|o| o.mdt.is_some()))
    {
        let mdt = at.field("mdt");
        if *first_day == 0 || *first_day > days {
            c.error(
                &mdt.field("first_day"),
                format!("the first MDT is on day {first_day}, outside days 1 to {days}"),
                Some("days are numbered from 1".to_owned()),
            );
        }
        if *every_days == 0 {
            c.error(
                &mdt.field("every_days"),
                "MDTs every 0 days",
                Some("use 5 for weekly, 10 for fortnightly".to_owned()),
            );
        }
        if *minutes == 0 || *minutes > 240 {
            c.error(
                &mdt.field("minutes"),
                format!("an MDT of {minutes} minutes does not fit in a half-day"),
                Some("an MDT usually takes 45 to 90 minutes".to_owned()),
            );
        }
    }
    let staffing = match over {
        None => &s.staffing,
        Some(o) => &o.staffing,
    };
    for (role, share) in staffing {
        if !ids.roles.contains(role) {
            let pos = c.spans.locate_key(&at.field("staffing"), role);
            c.out.push(Diagnostic {
                path: c.path.to_owned(),
                line: pos.line,
                column: pos.column,
                severity: Severity::Error,
                message: format!("unknown role `{role}` in staffing"),
                hint: Some(suggest(role, ids.roles.iter().map(String::as_str))),
            });
        }
        if !(*share > 0.0 && *share <= 1.0) {
            let written = c.written(&at.field("staffing").key(role));
            c.error(
                &at.field("staffing").key(role),
                format!("staffing share {written} for `{role}` must be more than 0 and at most 1"),
                Some(
                    "1.0 is fully staffed; 0.75 means a quarter of the hours are vacant".to_owned(),
                ),
            );
        }
    }
}

fn check_hours(c: &mut Checker, at: &Path, who: &str, r: &PlayerRoleDef, days: u32) {
    if !(r.hours_per_day > 0.0 && r.hours_per_day <= 16.0) {
        let written = c.written(&at.field("hours_per_day"));
        c.error(
            &at.field("hours_per_day"),
            format!("`{who}` works {written} hours a day; it must be more than 0 and at most 16"),
            Some("a full-time day is 7.5 to 8 hours".to_owned()),
        );
        return;
    }
    let half_day = r.hours_per_day / 2.0;
    for (i, k) in r.commitments.iter().enumerate() {
        let kat = at.field("commitments").index(i);
        c.text(&kat.field("what"), "commitment description", &k.what);
        if !(k.hours > 0.0 && k.hours <= half_day) {
            c.error(
                &kat.field("hours"),
                format!(
                    "a commitment of {} hours does not fit in a half-day of {half_day} hours",
                    c.written(&kat.field("hours"))
                ),
                Some(format!(
                    "`{who}` works {} hours a day, split between AM and PM",
                    r.hours_per_day
                )),
            );
        }
        for (j, d) in k.days.iter().enumerate() {
            if *d == 0 || *d > days {
                c.error(
                    &kat.field("days").index(j),
                    format!("day {d} is outside days 1 to {days}"),
                    Some("days are numbered from 1; leave `days` out for every day".to_owned()),
                );
            }
        }
    }
    // All commitments in one half-day together (once each one fits by itself).
    if r.commitments
        .iter()
        .any(|k| !(k.hours > 0.0 && k.hours <= half_day))
    {
        return;
    }
    for half in [Half::Am, Half::Pm] {
        for day in 1..=days {
            let total: f32 = r
                .commitments
                .iter()
                .filter(|k| k.half == half && (k.days.is_empty() || k.days.contains(&day)))
                .map(|k| k.hours)
                .sum();
            if total > half_day + 1e-3 {
                c.error(
                    &at.field("commitments"),
                    format!(
                        "`{who}` is committed for {total} hours on day {day} {half:?}, more than the half-day's {half_day}"
                    ),
                    Some("shorten or move a commitment".to_owned()),
                );
                return;
            }
        }
    }
}

fn check_roles(c: &mut Checker, ids: &Ids, s: &Scenario, days: u32) {
    let at = Path::root().field("roles");
    for (who, def) in [(GP, &s.roles.gp), (SOCIAL_WORKER, &s.roles.social_worker)] {
        let rat = at.field(if who == GP { "gp" } else { "social_worker" });
        c.text(&rat.field("name"), "name", &def.name);
        c.text(&rat.field("title"), "title", &def.title);
        check_hours(c, &rat, who, def, days);
    }
    for (i, n) in s.roles.others.iter().enumerate() {
        let nat = at.field("others").index(i);
        c.text(&nat.field("name"), "name", &n.name);
        if n.answers_after > days * 2 {
            c.warn(
                &nat.field("answers_after"),
                format!(
                    "`{}` answers after {} slots, after the session ends",
                    n.id, n.answers_after
                ),
                Some(format!("the session has {} slots", days * 2)),
            );
        }
        if let Some(to) = &n.forwards_to {
            let fat = nat.field("forwards_to");
            if c.known(&fat, "role", to, &ids.roles) && to == &n.id {
                c.error(
                    &fat,
                    format!("`{}` forwards to itself", n.id),
                    Some("forward to the team that does the work".to_owned()),
                );
            }
        }
    }
    // Forwarding chains must end.
    for n in &s.roles.others {
        let mut seen = BTreeSet::new();
        let mut at_role = n.id.clone();
        while let Some(next) = s
            .roles
            .others
            .iter()
            .find(|o| o.id == at_role)
            .and_then(|o| o.forwards_to.clone())
        {
            if !seen.insert(at_role.clone()) {
                let i = s
                    .roles
                    .others
                    .iter()
                    .position(|o| o.id == n.id)
                    .unwrap_or(0);
                c.error(
                    &at.field("others").index(i).field("forwards_to"),
                    format!("`{}` forwards requests round in a circle", n.id),
                    Some("one role in the chain must deal with requests itself".to_owned()),
                );
                break;
            }
            at_role = next;
        }
    }
}

fn check_contacts(c: &mut Checker, ids: &Ids, s: &Scenario) {
    let root = Path::root();
    for (i, k) in s.contacts.iter().enumerate() {
        let at = root.field("contacts").index(i);
        c.text(&at.field("name"), "contact name", &k.name);
        c.known(&at.field("reaches"), "role", &k.reaches, &ids.roles);
        if k.channels.is_empty() {
            c.error(
                &at.field("channels"),
                format!("contact `{}` has no channels", k.id),
                Some("list how it can be reached, e.g. `channels: [Phone, Email]`".to_owned()),
            );
        }
        let mut seen = BTreeSet::new();
        for (j, ch) in k.channels.iter().enumerate() {
            if !seen.insert(*ch) {
                c.warn(
                    &at.field("channels").index(j),
                    format!("channel `{ch:?}` is listed twice"),
                    None,
                );
            }
        }
        if let Some(list) = &k.listed_for {
            for (j, r) in list.iter().enumerate() {
                c.known(
                    &at.field("listed_for").index(j),
                    "player role",
                    r,
                    &ids.players,
                );
            }
        }
        for (j, p) in k.found_by_asking_about.iter().enumerate() {
            c.known(
                &at.field("found_by_asking_about").index(j),
                "patient",
                p,
                &ids.patients,
            );
        }
        if k.stale && k.listed_for.as_ref().is_some_and(|l| l.is_empty()) {
            c.warn(
                &at.field("stale"),
                format!(
                    "`{}` is stale but listed for nobody, so nobody will try it",
                    k.id
                ),
                Some("list it for a role, or drop `stale`".to_owned()),
            );
        }
        // A player's own details travel with their messages, so those are always findable.
        let unreachable = k.listed_for.as_ref().is_some_and(|l| l.is_empty())
            && !ids.players.contains(&k.reaches)
            && k.found_by_asking_about.is_empty()
            && !s.events.iter().any(|e| {
                e.effects
                    .iter()
                    .any(|f| matches!(f, Effect::Message { from, .. } if from == &k.id))
            });
        if unreachable {
            c.warn(
                &at.field("listed_for"),
                format!("nobody can ever find contact `{}`", k.id),
                Some("add `found_by_asking_about: [\"patient_id\"]`, or list it".to_owned()),
            );
        }
    }
}

fn check_channels(c: &mut Checker, at: &Path, ch: &Channels) {
    for (name, def) in [
        ("phone", &ch.phone),
        ("email", &ch.email),
        ("letter", &ch.letter),
        ("shared_record", &ch.shared_record),
    ] {
        let cat = at.field(name);
        if !(0.0..=1.0).contains(&def.reliability) {
            let written = c.written(&cat.field("reliability"));
            c.error(
                &cat.field("reliability"),
                format!("reliability {written} must be from 0 to 1"),
                Some("0.9 means nine in ten messages arrive (or calls are answered)".to_owned()),
            );
        }
        if def.delay.0 > def.delay.1 {
            c.error(
                &cat.field("delay"),
                format!(
                    "shortest delay {} is longer than the longest, {}",
                    def.delay.0, def.delay.1
                ),
                Some(format!("write `delay: ({}, {})`", def.delay.1, def.delay.0)),
            );
        }
        if def.delay.1 > 60 {
            c.error(
                &cat.field("delay"),
                format!(
                    "a delay of {} slots is longer than any session",
                    def.delay.1
                ),
                None,
            );
        }
        if def.minutes > 240 {
            c.error(
                &cat.field("minutes"),
                format!(
                    "{} minutes per message does not fit in a half-day",
                    def.minutes
                ),
                None,
            );
        }
    }
}

/// Checks patients and facts; returns the facts some action, starting knowledge or event can
/// reveal.
fn check_patients(c: &mut Checker, ids: &Ids, s: &Scenario, _days: u32) -> BTreeSet<String> {
    let root = Path::root();
    let mut revealable = BTreeSet::new();
    for e in &s.events {
        for f in &e.effects {
            match f {
                Effect::RevealFact { fact, .. } => {
                    revealable.insert(fact.clone());
                }
                Effect::Message { reveals, .. } => revealable.extend(reveals.iter().cloned()),
                _ => {}
            }
        }
    }
    for (pi, p) in s.patients.iter().enumerate() {
        let at = root.field("patients").index(pi);
        c.text(&at.field("name"), "patient name", &p.name);
        c.text(&at.field("summary"), "patient summary", &p.summary);
        if p.age > 120 {
            c.error(
                &at.field("age"),
                format!("age {} is not plausible", p.age),
                None,
            );
        }
        if let Some(list) = &p.caseload {
            for (j, r) in list.iter().enumerate() {
                c.known(
                    &at.field("caseload").index(j),
                    "player role",
                    r,
                    &ids.players,
                );
            }
        }
        if p.needs.is_empty() {
            c.error(
                &at.field("needs"),
                format!("patient `{}` has no needs", p.id),
                Some("add at least one need".to_owned()),
            );
        }
        for (fi, f) in p.facts.iter().enumerate() {
            let fat = at.field("facts").index(fi);
            c.text(&fat.field("text"), "fact text", &f.text);
            for (j, r) in f.known_to.iter().enumerate() {
                c.known(
                    &fat.field("known_to").index(j),
                    "player role",
                    r,
                    &ids.players,
                );
            }
            for (j, r) in f.revealed_by.iter().enumerate() {
                let rat = fat.field("revealed_by").index(j);
                match r {
                    Reveal::Assess(role) | Reveal::HomeVisit(role) | Reveal::AskAround(role) => {
                        c.known(&rat, "player role", role, &ids.players);
                    }
                    Reveal::JointVisit => {}
                }
            }
            if !f.known_to.is_empty() || !f.revealed_by.is_empty() {
                revealable.insert(f.id.clone());
            }
        }
        for (fi, f) in p.facts.iter().enumerate() {
            if !revealable.contains(&f.id) {
                c.error(
                    &at.field("facts").index(fi).field("id"),
                    format!("fact `{}` can never become known", f.id),
                    Some(
                        "add `known_to: [...]`, `revealed_by: [...]`, or an event that reveals it"
                            .to_owned(),
                    ),
                );
            }
        }
    }
    revealable
}

/// Checks a need or decision of `p` refers to a fact of `p` or of someone in their household.
fn check_fact_ref(c: &mut Checker, ids: &Ids, at: &Path, fact: &str, p: &PatientDef) {
    if c.known(at, "fact", fact, &ids.facts)
        && let Some(owner) = ids.fact_patient.get(fact)
        && !same_household(p, owner)
    {
        c.error(
            at,
            format!("fact `{fact}` belongs to patient `{owner}`, not `{}`", p.id),
            Some(
                "a need can only depend on its own patient's facts, or those of someone named in \
                 the patient's `household`"
                    .to_owned(),
            ),
        );
    }
}

/// `owner` is `p` or someone `p` lives with.
fn same_household(p: &PatientDef, owner: &str) -> bool {
    p.id == owner || p.household.iter().any(|h| h == owner)
}

/// A need whose every way to be met is poor practice teaches nothing but the penalty: warn.
fn check_poor_practice(c: &mut Checker, s: &Scenario) {
    let root = Path::root();
    let poor = |r: &Resolution| match r {
        Resolution::Package(k) => s
            .care_packages
            .iter()
            .any(|x| &x.id == k && x.poor_practice.is_some()),
        Resolution::Referral { to, .. } => s
            .roles
            .others
            .iter()
            .any(|x| &x.id == to && x.poor_practice.is_some()),
        _ => false,
    };
    for (pi, p) in s.patients.iter().enumerate() {
        for (ni, n) in p.needs.iter().enumerate() {
            let package = n
                .resolved_by
                .iter()
                .any(|r| matches!(r, Resolution::Package(_)));
            if n.continuing_healthcare.is_some() && !package {
                c.warn(
                    &root
                        .field("patients")
                        .index(pi)
                        .field("needs")
                        .index(ni)
                        .field("continuing_healthcare"),
                    format!(
                        "need `{}` is marked for continuing healthcare but no care package meets it",
                        n.id
                    ),
                    Some(
                        "continuing healthcare pays for a package of care: add a `Package` to its \
                         `resolved_by`"
                            .to_owned(),
                    ),
                );
            }
            if !n.resolved_by.is_empty() && n.resolved_by.iter().all(poor) {
                c.warn(
                    &root
                        .field("patients")
                        .index(pi)
                        .field("needs")
                        .index(ni)
                        .field("resolved_by"),
                    format!("need `{}` can only be met by poor practice", n.id),
                    Some(
                        "add a good way to meet it beside the poor one: poor practice teaches most \
                         as a tempting shortcut"
                            .to_owned(),
                    ),
                );
            }
        }
    }
}

/// Household links name other patients of the case.
fn check_households(c: &mut Checker, s: &Scenario) {
    let root = Path::root();
    let patients: BTreeSet<String> = s.patients.iter().map(|p| p.id.clone()).collect();
    for (pi, p) in s.patients.iter().enumerate() {
        for (hi, h) in p.household.iter().enumerate() {
            let at = root
                .field("patients")
                .index(pi)
                .field("household")
                .index(hi);
            if h == &p.id {
                c.error(
                    &at,
                    format!("`{}` is named in their own household", p.id),
                    Some("list the other people they live with".to_owned()),
                );
            } else {
                c.known(&at, "patient", h, &patients);
            }
        }
    }
}

/// Decisions under the Mental Capacity Act: ids unique per patient, evidence from the
/// patient's own facts, people to consult in the directory, and needs that name decisions
/// their patient has.
fn check_decisions(c: &mut Checker, ids: &Ids, s: &Scenario) {
    let root = Path::root();
    for (pi, p) in s.patients.iter().enumerate() {
        let at = root.field("patients").index(pi);
        let mut seen = BTreeSet::new();
        for (di, d) in p.decisions.iter().enumerate() {
            let dat = at.field("decisions").index(di);
            c.text(&dat.field("text"), "decision text", &d.text);
            if !seen.insert(d.id.as_str()) {
                c.error(
                    &dat.field("id"),
                    format!("decision `{}` is declared twice for `{}`", d.id, p.id),
                    Some("give each decision of a patient its own id".to_owned()),
                );
            }
            for (j, f) in d.evidence.iter().enumerate() {
                check_fact_ref(c, ids, &dat.field("evidence").index(j), f, p);
            }
            for (field, contact) in [("consult", &d.consult), ("advocate", &d.advocate)] {
                if let Some(k) = contact {
                    c.known(&dat.field(field), "contact", k, &ids.contacts);
                }
            }
            if d.attorney && d.consult.is_none() {
                c.error(
                    &dat.field("attorney"),
                    format!("decision `{}` has an attorney but nobody to consult", d.id),
                    Some("name the attorney's contact in `consult`".to_owned()),
                );
            }
        }
        for (ni, n) in p.needs.iter().enumerate() {
            if let Some(d) = &n.decision {
                let known: BTreeSet<String> = p.decisions.iter().map(|d| d.id.clone()).collect();
                let path = at.field("needs").index(ni).field("decision");
                c.known(&path, "decision", d, &known);
                if let Some(def) = p.decisions.iter().find(|x| &x.id == d)
                    && def.capacity
                    && def.refuses
                {
                    c.warn(
                        &path,
                        format!(
                            "need `{}` can never be met: {} refuses `{}` and has capacity to, \
                             and the game respects that",
                            n.id, p.name, d
                        ),
                        Some(
                            "if the case teaches respecting a capable refusal, keep it and say so \
                             in the debrief; otherwise set `refuses: false` or `capacity: false`"
                                .to_owned(),
                        ),
                    );
                }
            }
        }
    }
}

fn check_needs_and_crises(
    c: &mut Checker,
    ids: &Ids,
    s: &Scenario,
    days: u32,
    revealable: &BTreeSet<String>,
) {
    let root = Path::root();
    // Which roles some contact reaches (through forwarding too).
    let reachable: BTreeSet<&str> = s.contacts.iter().map(|k| k.reaches.as_str()).collect();
    let best_setting_budget = std::iter::once(s.setting.budget)
        .chain(
            s.settings
                .values()
                .map(|o| o.budget.unwrap_or(s.setting.budget)),
        )
        .max()
        .unwrap_or(0) as i64
        + s.events
            .iter()
            .flat_map(|e| &e.effects)
            .map(|f| {
                if let Effect::Budget(b) = f {
                    (*b).max(0)
                } else {
                    0
                }
            })
            .sum::<i64>();

    for (pi, p) in s.patients.iter().enumerate() {
        let at = root.field("patients").index(pi);
        for (ni, n) in p.needs.iter().enumerate() {
            let nat = at.field("needs").index(ni);
            c.text(&nat.field("text"), "need text", &n.text);
            for (j, f) in n.signs.iter().enumerate() {
                check_fact_ref(c, ids, &nat.field("signs").index(j), f, p);
            }
            for (j, f) in n.requires.iter().enumerate() {
                check_fact_ref(c, ids, &nat.field("requires").index(j), f, p);
            }
            if !n.signs.is_empty()
                && n.signs.iter().all(|f| ids.facts.contains(f))
                && !n.signs.iter().any(|f| revealable.contains(f))
            {
                c.error(
                    &nat.field("signs"),
                    format!(
                        "need `{}` can never be noticed: none of its signs can become known",
                        n.id
                    ),
                    Some(
                        "make one of the sign facts revealable, or leave `signs` empty".to_owned(),
                    ),
                );
            }
            if n.resolved_by.is_empty() {
                c.error(
                    &nat.field("resolved_by"),
                    format!("no role can act on need `{}`", n.id),
                    Some(
                        "add a way to meet it, e.g. `resolved_by: [Act(role: \"gp\")]`".to_owned(),
                    ),
                );
            }
            for (j, r) in n.resolved_by.iter().enumerate() {
                let rat = nat.field("resolved_by").index(j);
                match r {
                    Resolution::Act { role, minutes } => {
                        c.known(&rat.field("role"), "player role", role, &ids.players);
                        if minutes.is_some_and(|m| m == 0 || m > 240) {
                            c.error(
                                &rat.field("minutes"),
                                format!(
                                    "{} minutes does not fit in a half-day",
                                    minutes.unwrap_or(0)
                                ),
                                None,
                            );
                        }
                    }
                    Resolution::Referral { to, takes_slots } => {
                        if ids.players.contains(to) {
                            c.error(
                                &rat.field("to"),
                                format!("`{to}` is a player; a referral goes to a service another role plays"),
                                Some(format!("use `Act(role: \"{to}\")` for what a player does")),
                            );
                        } else if c.known(&rat.field("to"), "role", to, &ids.npcs)
                            && !reachable.contains(to.as_str())
                        {
                            {
                                c.error(
                                    &rat.field("to"),
                                    format!("no contact reaches `{to}`, so nobody can refer need `{}` to it", n.id),
                                    Some(format!("add a contact with `reaches: \"{to}\"`")),
                                );
                            }
                        }
                        if *takes_slots > days * 2 {
                            c.warn(
                                &rat.field("takes_slots"),
                                format!("this referral takes {takes_slots} slots, longer than the session"),
                                None,
                            );
                        }
                    }
                    Resolution::Package(pk) => {
                        if c.known(&rat, "care package", pk, &ids.packages) {
                            let cost = s
                                .care_packages
                                .iter()
                                .find(|x| &x.id == pk)
                                .map_or(0, |x| x.cost);
                            if i64::from(cost) > best_setting_budget {
                                c.error(
                                    &rat,
                                    format!("package `{pk}` costs £{cost}, more than the budget in any setting"),
                                    Some("raise `budget` or lower the package's `cost`".to_owned()),
                                );
                            }
                        }
                    }
                    Resolution::Safeguarding | Resolution::JointVisit => {}
                }
            }
            // A need whose required facts nobody can ever learn cannot be met.
            for (j, f) in n.requires.iter().enumerate() {
                if ids.facts.contains(f) && !revealable.contains(f) {
                    c.error(
                        &nat.field("requires").index(j),
                        format!(
                            "need `{}` requires fact `{f}`, which can never become known",
                            n.id
                        ),
                        None,
                    );
                }
            }
            if let Some(k) = &n.feeds {
                let fat = nat.field("feeds");
                if c.known(&fat, "crisis", k, &ids.crises)
                    && let Some(owner) = ids.crisis_patient.get(k)
                    && !same_household(p, owner)
                {
                    c.error(
                        &fat,
                        format!("crisis `{k}` belongs to patient `{owner}`, not `{}`", p.id),
                        Some(
                            "a need can only feed its own patient's crises, or those of someone \
                             named in the patient's `household`"
                                .to_owned(),
                        ),
                    );
                }
            }
        }

        // A misspelt `feeds` is reported where it is; do not also blame the crisis it missed.
        let feeds_typo = p
            .needs
            .iter()
            .any(|n| n.feeds.as_ref().is_some_and(|f| !ids.crises.contains(f)));
        for (ci, k) in p.crises.iter().enumerate() {
            let kat = at.field("crises").index(ci);
            c.text(&kat.field("text"), "crisis text", &k.text);
            if feeds_typo {
                continue;
            }
            if k.threshold == 0 {
                c.error(
                    &kat.field("threshold"),
                    "a crisis threshold of 0 means it happens at once",
                    Some("100 is the usual threshold".to_owned()),
                );
                continue;
            }
            if k.start >= k.threshold {
                c.error(
                    &kat.field("start"),
                    format!("crisis `{}` starts at risk {} with threshold {}, so it cannot be prevented", k.id, k.start, k.threshold),
                    Some("start it below its threshold".to_owned()),
                );
                continue;
            }
            let feeders: Vec<&NeedDef> = p
                .needs
                .iter()
                .filter(|n| n.feeds.as_deref() == Some(k.id.as_str()))
                .collect();
            let pushed: u64 = s
                .events
                .iter()
                .flat_map(|e| &e.effects)
                .map(|f| match f {
                    Effect::AddRisk { crisis, amount } if crisis == &k.id => u64::from(*amount),
                    _ => 0,
                })
                .sum();
            if feeders.is_empty() && pushed == 0 {
                c.error(
                    &kat.field("id"),
                    format!("crisis `{}` can never happen: no need feeds it", k.id),
                    Some(format!(
                        "add `feeds: \"{}\"` to a need of this patient",
                        k.id
                    )),
                );
                continue;
            }
            // The most risk that can build up: every feeder unmet for every day (with the
            // generator's largest jitter, a quarter more), plus every event that adds risk.
            let per_day: u64 = feeders.iter().map(|n| u64::from(n.risk_per_day)).sum();
            let most = u64::from(k.start) + (per_day * u64::from(days) * 5).div_ceil(4) + pushed;
            if most < u64::from(k.threshold) {
                c.error(
                    &kat.field("threshold"),
                    format!(
                        "crisis `{}` can never happen: risk reaches at most {most} of {} in {days} days",
                        k.id, k.threshold
                    ),
                    Some("lower the threshold, raise the feeding needs' `risk_per_day`, or add days".to_owned()),
                );
            }
            if feeders.iter().any(|n| n.resolved_by.is_empty()) {
                c.error(
                    &kat.field("id"),
                    format!(
                        "crisis `{}` cannot be prevented: a need feeding it can never be met",
                        k.id
                    ),
                    None,
                );
            }
        }
    }
}

fn check_events(c: &mut Checker, ids: &Ids, s: &Scenario, days: u32) {
    let root = Path::root();
    for (i, e) in s.events.iter().enumerate() {
        let at = root.field("events").index(i);
        if !(0.0..=1.0).contains(&e.chance) || e.chance == 0.0 {
            let written = c.written(&at.field("chance"));
            c.error(
                &at.field("chance"),
                format!("chance {written} must be more than 0 and at most 1"),
                Some("1.0 always fires; 0.3 fires about one session in three".to_owned()),
            );
        }
        if e.effects.is_empty() {
            c.error(
                &at.field("effects"),
                format!("event `{}` has no effects", e.id),
                Some("add what happens, e.g. `Notice(\"...\")`".to_owned()),
            );
        }
        let wat = at.field("when");
        match &e.when {
            Trigger::At { day, .. } => {
                if *day == 0 || *day > days {
                    c.error(
                        &wat.field("day"),
                        format!("day {day} is outside days 1 to {days}"),
                        Some("days are numbered from 1".to_owned()),
                    );
                }
            }
            Trigger::CrisisHappens(k) => {
                c.known(&wat, "crisis", k, &ids.crises);
            }
            Trigger::NeedUnmetBy { need, day } => {
                c.known(&wat.field("need"), "need", need, &ids.needs);
                if *day == 0 || *day > days {
                    c.error(
                        &wat.field("day"),
                        format!("day {day} is outside days 1 to {days}"),
                        Some("days are numbered from 1".to_owned()),
                    );
                }
            }
            Trigger::FactLearned(f) => {
                c.known(&wat, "fact", f, &ids.facts);
            }
            Trigger::Commissioned(k) => {
                c.known(&wat, "care package", k, &ids.packages);
            }
            Trigger::ReferralAccepted(n) => {
                c.known(&wat, "need", n, &ids.needs);
            }
        }
        for (j, f) in e.effects.iter().enumerate() {
            let fat = at.field("effects").index(j);
            match f {
                Effect::Message {
                    from,
                    to,
                    patient,
                    text,
                    reveals,
                } => {
                    c.known(&fat.field("from"), "contact", from, &ids.contacts);
                    c.known(&fat.field("to"), "player role", to, &ids.players);
                    if let Some(p) = patient {
                        c.known(&fat.field("patient"), "patient", p, &ids.patients);
                    }
                    c.text(&fat.field("text"), "message text", text);
                    for (k, r) in reveals.iter().enumerate() {
                        c.known(&fat.field("reveals").index(k), "fact", r, &ids.facts);
                    }
                }
                Effect::RevealFact { fact, to } => {
                    c.known(&fat.field("fact"), "fact", fact, &ids.facts);
                    c.known(&fat.field("to"), "player role", to, &ids.players);
                }
                Effect::Notice(text) => c.text(&fat, "notice", text),
                Effect::AddRisk { crisis, .. } => {
                    c.known(&fat.field("crisis"), "crisis", crisis, &ids.crises);
                }
                Effect::Absence {
                    role,
                    days: d,
                    share,
                } => {
                    c.known(&fat.field("role"), "role", role, &ids.roles);
                    if *d == 0 || *d > days {
                        c.error(
                            &fat.field("days"),
                            format!("an absence of {d} days is outside 1 to {days}"),
                            None,
                        );
                    }
                    if !(*share > 0.0 && *share <= 1.0) {
                        let written = c.written(&fat.field("share"));
                        c.error(
                            &fat.field("share"),
                            format!("share {written} must be more than 0 and at most 1"),
                            Some("0.5 loses half the hours; 1.0 all of them".to_owned()),
                        );
                    }
                }
                Effect::AddToCaseload { patient, role } => {
                    c.known(&fat.field("patient"), "patient", patient, &ids.patients);
                    c.known(&fat.field("role"), "player role", role, &ids.players);
                }
                Effect::Budget(_) => {}
                Effect::Refer { need, to } => {
                    if c.known(&fat.field("need"), "need", need, &ids.needs)
                        && c.known(&fat.field("to"), "service", to, &ids.npcs)
                        && let Some(n) = s
                            .patients
                            .iter()
                            .flat_map(|p| &p.needs)
                            .find(|n| &n.id == need)
                        && !n
                            .resolved_by
                            .iter()
                            .any(|r| matches!(r, Resolution::Referral { to: t, .. } if t == to))
                    {
                        c.error(
                            &fat.field("to"),
                            format!(
                                "`{to}` cannot meet need `{need}`: it is not among its referrals"
                            ),
                            Some(format!(
                                "add `Referral(to: \"{to}\")` to the need's `resolved_by`"
                            )),
                        );
                    }
                }
            }
        }
    }
}

/// Each format's own vocabulary: a format-1 file may not use what format 2 added (an older
/// build could not read it), and a format-2 file uses format 2's names.
fn check_format_features(c: &mut Checker, s: &Scenario) {
    let root = Path::root();
    let upgrade = || {
        Some(
            "set `format: 2` at the top of the file (`joined-up upgrade FILE --out NEW` converts \
             a format-1 file)"
                .to_owned(),
        )
    };
    if s.format >= 2 {
        let renamed = |c: &mut Checker, at: Path| {
            c.error(
                &at,
                "`link_worker` is called `liaison` in format 2",
                Some("rename the field `liaison`".to_owned()),
            );
        };
        if s.setting.link_worker.is_some() {
            renamed(c, root.field("setting").field("link_worker"));
        }
        for (name, over) in &s.settings {
            if over.link_worker.is_some() {
                renamed(c, root.field("settings").key(name).field("link_worker"));
            }
        }
        return;
    }
    // Format 1: flag each format-2 feature where it is used.
    let mut newer: Vec<(Path, &str)> = Vec::new();
    let setting = root.field("setting");
    if s.setting.liaison {
        newer.push((setting.field("liaison"), "`liaison`"));
    }
    if s.setting.secure_email {
        newer.push((setting.field("secure_email"), "`secure_email`"));
    }
    for (name, over) in &s.settings {
        let at = root.field("settings").key(name);
        if over.liaison.is_some() {
            newer.push((at.field("liaison"), "`liaison`"));
        }
        if over.secure_email.is_some() {
            newer.push((at.field("secure_email"), "`secure_email`"));
        }
    }
    for (i, npc) in s.roles.others.iter().enumerate() {
        let at = root.field("roles").field("others").index(i);
        if !matches!(
            npc.sector,
            Sector::Health | Sector::SocialCare | Sector::Community
        ) {
            newer.push((at.field("sector"), "this sector"));
        }
        if npc.poor_practice.is_some() {
            newer.push((at.field("poor_practice"), "`poor_practice`"));
        }
    }
    for (i, k) in s.care_packages.iter().enumerate() {
        if k.poor_practice.is_some() {
            let at = root.field("care_packages").index(i).field("poor_practice");
            newer.push((at, "`poor_practice`"));
        }
    }
    for (i, p) in s.patients.iter().enumerate() {
        let at = root.field("patients").index(i);
        if !p.decisions.is_empty() {
            newer.push((at.field("decisions"), "`decisions`"));
        }
        if !p.household.is_empty() {
            newer.push((at.field("household"), "`household`"));
        }
        if !p.not_shared_with.is_empty() {
            newer.push((at.field("not_shared_with"), "`not_shared_with`"));
        }
        if matches!(
            p.consent,
            Consent::NotAsked {
                after_reassurance: true,
                ..
            }
        ) {
            newer.push((at.field("consent"), "`after_reassurance`"));
        }
        for (j, n) in p.needs.iter().enumerate() {
            if n.decision.is_some() {
                newer.push((at.field("needs").index(j).field("decision"), "`decision`"));
            }
            if n.continuing_healthcare.is_some() {
                newer.push((
                    at.field("needs").index(j).field("continuing_healthcare"),
                    "`continuing_healthcare`",
                ));
            }
        }
    }
    if s.facilitator.is_some() {
        newer.push((root.field("facilitator"), "`facilitator`"));
    }
    for (i, e) in s.events.iter().enumerate() {
        if matches!(
            e.when,
            Trigger::Commissioned(_) | Trigger::ReferralAccepted(_)
        ) {
            newer.push((root.field("events").index(i).field("when"), "this trigger"));
        }
        if e.facilitator {
            newer.push((
                root.field("events").index(i).field("facilitator"),
                "`facilitator`",
            ));
        }
        for (j, f) in e.effects.iter().enumerate() {
            if matches!(f, Effect::Refer { .. }) {
                let at = root.field("events").index(i).field("effects").index(j);
                newer.push((at, "`Refer`"));
            }
        }
    }
    for (at, what) in newer {
        c.error(
            &at,
            format!("{what} needs format 2; this file is format 1"),
            upgrade(),
        );
    }
}

/// Control characters typed into the file itself (a NUL, an escape code): each is refused
/// where it stands. Line ends and tabs are layout.
fn raw_controls(c: &mut Checker, source: &str) {
    let mut found = 0;
    for (n, line) in source.lines().enumerate() {
        for (col, ch) in line.chars().enumerate() {
            if ch.is_control() && !matches!(ch, '\t' | '\r') {
                c.out.push(Diagnostic {
                    path: c.path.to_owned(),
                    line: n + 1,
                    column: col + 1,
                    severity: Severity::Error,
                    message: format!("a control character (U+{:04X}) in the file", ch as u32),
                    hint: Some("remove it; a scenario is plain text".to_owned()),
                });
                found += 1;
                if found >= 5 {
                    return;
                }
            }
        }
    }
}

/// Longest a session's timing may add up to, in minutes: a long seminar.
const MAX_SESSION_MINUTES: u32 = 240;

/// The facilitator's guide: text that is there, and timings that make sense.
fn check_facilitator(c: &mut Checker, f: &Facilitator) {
    let at = Path::root().field("facilitator");
    let lists: [(&'static str, &str, &[String]); 3] = [
        ("background", "background paragraph", &f.background),
        ("pathway", "pathway step", &f.pathway),
        ("common_errors", "common error", &f.common_errors),
    ];
    for (field, what, items) in lists {
        for (i, t) in items.iter().enumerate() {
            c.text(&at.field(field).index(i), what, t);
        }
    }
    let mut total = 0u32;
    for (i, step) in f.timing.iter().enumerate() {
        let here = at.field("timing").index(i);
        c.text(&here.field("what"), "timing step", &step.what);
        if !(1..=180).contains(&step.minutes) {
            c.error(
                &here.field("minutes"),
                format!("{} minutes is outside 1 to 180", step.minutes),
                Some(
                    "give each part of the session in whole minutes, e.g. `minutes: 10`".to_owned(),
                ),
            );
        }
        total = total.saturating_add(step.minutes);
    }
    if total > MAX_SESSION_MINUTES {
        c.warn(
            &at.field("timing"),
            format!(
                "the session's parts add up to {total} minutes, more than {MAX_SESSION_MINUTES}"
            ),
            Some(
                "a seminar is usually 45 to 90 minutes; check the minutes of each part".to_owned(),
            ),
        );
    }
    for (i, q) in f.questions.iter().enumerate() {
        let here = at.field("questions").index(i);
        c.text(&here.field("when"), "question's moment", &q.when);
        c.text(&here.field("ask"), "question", &q.ask);
    }
}

/// Every number in the format has a range (docs/scenario-format.md, "Limits and checks"):
/// generous for any real case, small enough that no sum the simulation or the score makes can
/// overflow.
fn check_ranges(c: &mut Checker, s: &Scenario) {
    let root = Path::root();
    let setting = |c: &mut Checker, at: &Path, budget: Option<u32>, mdt: Option<&MdtCadence>| {
        if let Some(b) = budget {
            c.whole(
                &at.field("budget"),
                "the budget",
                b.into(),
                0..=RANGE_MONEY,
                "pounds for care over the whole session, e.g. `budget: 1200`",
            );
        }
        if let Some(MdtCadence::Regular { every_days, .. }) = mdt {
            c.whole(
                &at.field("mdt").field("every_days"),
                "the days between MDTs",
                (*every_days).into(),
                1..=30,
                "use 5 for weekly, 10 for fortnightly",
            );
        }
    };
    setting(
        c,
        &root.field("setting"),
        Some(s.setting.budget),
        Some(&s.setting.mdt),
    );
    for (name, o) in &s.settings {
        setting(
            c,
            &root.field("settings").key(name),
            o.budget,
            o.mdt.as_ref(),
        );
    }
    for (i, npc) in s.roles.others.iter().enumerate() {
        let at = root.field("roles").field("others").index(i);
        c.whole(
            &at.field("answers_after"),
            "the half-days before it answers",
            npc.answers_after.into(),
            0..=RANGE_SLOTS,
            "2 is two half-days, a working day",
        );
    }
    let ch = &s.channels;
    for (name, def) in [
        ("phone", &ch.phone),
        ("email", &ch.email),
        ("letter", &ch.letter),
        ("shared_record", &ch.shared_record),
    ] {
        let at = root.field("channels").field(name);
        c.whole(
            &at.field("minutes"),
            "the minutes a message takes",
            def.minutes.into(),
            0..=RANGE_MINUTES,
            "a phone call is about 10 minutes",
        );
        c.whole(
            &at.field("delay").index(1),
            "the longest delay",
            def.delay.1.into(),
            0..=RANGE_SLOTS,
            "delays are in half-days; a letter takes 4 to 10",
        );
    }
    let m = &s.action_minutes;
    let at = root.field("action_minutes");
    for (name, v) in [
        ("look_up", m.look_up),
        ("ask_around", m.ask_around),
        ("ask_consent", m.ask_consent),
        ("assess", m.assess),
        ("home_visit", m.home_visit),
        ("joint_visit", m.joint_visit),
        ("record_note", m.record_note),
        ("prepare", m.prepare),
        ("huddle", m.huddle),
        ("care_plan", m.care_plan),
        ("commission", m.commission),
        ("safeguarding", m.safeguarding),
        ("act", m.act),
        ("claim", m.claim),
    ] {
        c.whole(
            &at.field(name),
            "the minutes an action takes",
            v.into(),
            0..=RANGE_MINUTES,
            "a half-day is at most a few hours: a home visit is about 90 minutes",
        );
    }
    for (pi, p) in s.patients.iter().enumerate() {
        let pat = root.field("patients").index(pi);
        for (ni, n) in p.needs.iter().enumerate() {
            let nat = pat.field("needs").index(ni);
            c.whole(
                &nat.field("risk_per_day"),
                "the risk a day",
                n.risk_per_day.into(),
                0..=RANGE_RISK,
                "a crisis happens at 100 by default: 10 to 40 a day is typical",
            );
            for (ri, r) in n.resolved_by.iter().enumerate() {
                let rat = nat.field("resolved_by").index(ri);
                match r {
                    Resolution::Act {
                        minutes: Some(mins),
                        ..
                    } => c.whole(
                        &rat.field("minutes"),
                        "the minutes it takes",
                        (*mins).into(),
                        1..=RANGE_MINUTES,
                        "a half-day is at most a few hours",
                    ),
                    Resolution::Referral { takes_slots, .. } => c.whole(
                        &rat.field("takes_slots"),
                        "the half-days it takes",
                        (*takes_slots).into(),
                        0..=RANGE_SLOTS,
                        "2 is a working day",
                    ),
                    _ => {}
                }
            }
        }
        for (ki, k) in p.crises.iter().enumerate() {
            let kat = pat.field("crises").index(ki);
            c.whole(
                &kat.field("threshold"),
                "the threshold",
                k.threshold.into(),
                1..=RANGE_RISK * 10,
                "a crisis happens when its risk reaches this; 100 is usual",
            );
            c.whole(
                &kat.field("start"),
                "the starting risk",
                k.start.into(),
                0..=RANGE_RISK * 10,
                "the risk at the start, below the threshold",
            );
        }
    }
    for (i, k) in s.care_packages.iter().enumerate() {
        let at = root.field("care_packages").index(i);
        c.whole(
            &at.field("cost"),
            "the cost",
            k.cost.into(),
            0..=RANGE_MONEY,
            "pounds from the care budget, e.g. `cost: 300`",
        );
        c.whole(
            &at.field("starts_after"),
            "the half-days before care starts",
            k.starts_after.into(),
            0..=RANGE_SLOTS,
            "2 is a working day",
        );
    }
    for (i, e) in s.events.iter().enumerate() {
        for (j, f) in e.effects.iter().enumerate() {
            let at = root.field("events").index(i).field("effects").index(j);
            match f {
                Effect::AddRisk { amount, .. } => c.whole(
                    &at.field("amount"),
                    "the risk added",
                    (*amount).into(),
                    0..=RANGE_RISK * 10,
                    "a crisis happens at 100 by default",
                ),
                Effect::Budget(b) => c.whole(
                    &at.index(0),
                    "the change to the budget",
                    *b,
                    -RANGE_MONEY..=RANGE_MONEY,
                    "pounds added (or, negative, cut)",
                ),
                _ => {}
            }
        }
    }
    for (b, w) in &s.scoring.weights {
        let pos = c
            .spans
            .locate_key(&root.field("scoring").field("weights"), &format!("{b:?}"));
        if !(-RANGE_WEIGHT..=RANGE_WEIGHT).contains(w) {
            c.out.push(Diagnostic {
                path: c.path.to_owned(),
                line: pos.line,
                column: pos.column,
                severity: Severity::Error,
                message: format!("the weight of `{b:?}` is {w}; it must be from -{RANGE_WEIGHT} to {RANGE_WEIGHT}"),
                hint: Some("the defaults run from -12 to +10 points (docs/scoring.md)".to_owned()),
            });
        }
    }
}

/// Pounds: a budget, a package's cost, a change to the budget.
const RANGE_MONEY: i64 = 1_000_000;
/// Half-days of delay: answering, delivering, starting care.
const RANGE_SLOTS: i64 = 60;
/// Minutes an action or a message takes.
const RANGE_MINUTES: i64 = 480;
/// Risk a need adds a day (thresholds and amounts may be ten times this).
const RANGE_RISK: i64 = 1_000;
/// Points a behaviour is worth, either way.
const RANGE_WEIGHT: i32 = 100;
