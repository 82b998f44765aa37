//! The cohort as xAPI statements (one JSON object a line), for a school's learning record
//! store: one statement per session, "completed" (or "attempted", for a session left
//! unfinished) by the pair who played it, with the scenario as the activity, the team total as
//! the raw score and the four IPEC domains as result extensions.
//!
//! The design, and what Learning Locker's validator checks, is in docs/cohort.md. In short:
//! the actor is an anonymous Group of two Agents known by opaque accounts (the game knows no
//! names or emails); a computer player is a named software persona; ids are UUID v5, derived
//! from the session, so exporting the same sessions twice gives the same statements.

use serde_json::{Value, json};
use uuid::Uuid;

use super::{Row, player_key};
use crate::scenario::behaviour::Domain;
use crate::session::Player;
use crate::sim::Role;

/// The project's namespace for its IRIs, unless a school gives its own. It is a w3id.org
/// permanent identifier the project means to register; until it is, a school that wants
/// identifiers it controls passes `--xapi-namespace`.
pub const DEFAULT_NAMESPACE: &str = "https://w3id.org/joined-up/xapi";

/// ADL's registered verbs.
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
/// ADL's activity type for a task in an artificial context that mimics reality.
pub const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";

/// The IRI for one of the four domains' result extensions.
pub fn domain_iri(ns: &str, d: Domain) -> String {
    let slug = match d {
        Domain::ValuesEthics => "values-and-ethics",
        Domain::RolesResponsibilities => "roles-and-responsibilities",
        Domain::Communication => "communication",
        Domain::TeamsTeamwork => "teams-and-teamwork",
    };
    format!("{ns}/extensions/competency/{slug}")
}

/// A stable id for the session: UUID v5 of its scenario, setting, seed and event log, under
/// the namespace's own UUID.
pub fn registration(ns: &str, r: &Row) -> Uuid {
    let ns_uuid = Uuid::new_v5(&Uuid::NAMESPACE_URL, ns.as_bytes());
    let key = format!(
        "session/{}/{}/{}/{}",
        r.scenario_id,
        r.setting.as_deref().unwrap_or("-"),
        r.seed,
        r.log_sha256
    );
    Uuid::new_v5(&ns_uuid, key.as_bytes())
}

fn agent(ns: &str, reg: &Uuid, role: Role, p: Player) -> Value {
    match p {
        Player::Person => json!({
            "objectType": "Agent",
            "account": { "homePage": ns, "name": format!("session/{reg}/{}", role.id()) }
        }),
        Player::Computer(k) => json!({
            "objectType": "Agent",
            "name": format!("Computer {} ({})", role.label(), k.name()),
            "account": { "homePage": ns, "name": format!("computer/{}/{}", role.id(), k.name()) }
        }),
    }
}

/// One session's statement.
pub fn statement(ns: &str, r: &Row) -> Value {
    let ns = ns.trim_end_matches('/');
    let reg = registration(ns, r);
    let verb = if r.finished { COMPLETED } else { ATTEMPTED };
    let id = Uuid::new_v5(&reg, verb.as_bytes());
    let mut result_ext = serde_json::Map::new();
    for d in Domain::ALL {
        result_ext.insert(domain_iri(ns, d), json!(r.domain(d)));
    }
    result_ext.insert(
        format!("{ns}/extensions/crises"),
        json!({ "suffered": r.crises_suffered, "averted": r.crises_averted }),
    );
    let mut grouping = vec![json!({
        "objectType": "Activity",
        "id": ns,
        "definition": { "name": { "en-GB": "Joined Up" }, "type": SIMULATION }
    })];
    if let Some(s) = &r.setting {
        grouping.push(json!({
            "objectType": "Activity",
            "id": format!("{ns}/scenarios/{}/settings/{}", r.scenario_id, slug(s)),
            "definition": { "name": { "en-GB": s } }
        }));
    }
    let mut players = serde_json::Map::new();
    for (role, p) in [(Role::Gp, r.gp), (Role::SocialWorker, r.social_worker)] {
        players.insert(role.id().to_owned(), json!(player_key(p)));
    }
    let mut s = json!({
        "id": id.to_string(),
        "actor": {
            "objectType": "Group",
            "name": "GP and social worker",
            "member": [agent(ns, &reg, Role::Gp, r.gp), agent(ns, &reg, Role::SocialWorker, r.social_worker)]
        },
        "verb": {
            "id": verb,
            "display": { "en-GB": if r.finished { "completed" } else { "attempted" } }
        },
        "object": {
            "objectType": "Activity",
            "id": format!("{ns}/scenarios/{}", r.scenario_id),
            "definition": {
                "name": { "en-GB": r.scenario_title },
                "description": { "en-GB": r.scenario_summary },
                "type": SIMULATION
            }
        },
        "result": {
            "score": { "raw": r.total },
            "completion": r.finished,
            "extensions": Value::Object(result_ext)
        },
        "context": {
            "registration": reg.to_string(),
            "contextActivities": { "grouping": grouping },
            "platform": "Joined Up",
            "language": "en-GB",
            "extensions": {
                // A u64 seed does not survive a JavaScript number: it travels as text.
                format!("{ns}/extensions/seed"): r.seed.to_string(),
                format!("{ns}/extensions/players"): Value::Object(players),
            }
        }
    });
    if let Some(t) = r.played_at.as_deref().and_then(timestamp) {
        s["timestamp"] = json!(t);
    }
    s
}

/// Every row's statement, one JSON object a line.
pub fn to_lines(ns: &str, rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(&statement(ns, r).to_string());
        out.push('\n');
    }
    out
}

/// An ISO 8601 UTC time with milliseconds, as learning record stores keep it; `None` for text
/// that is not a time this project wrote.
fn timestamp(t: &str) -> Option<String> {
    let parsed = humantime::parse_rfc3339(t).ok()?;
    Some(humantime::format_rfc3339_millis(parsed).to_string())
}

/// Letters, digits, `-` and `_`; anything else as `-` (an IRI path segment needs nothing
/// escaped then).
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
