//! docs/scenario-format.md cannot drift from the format: its examples must parse, and every
//! field and choice the format has must be described in the section for its type.

use joined_up::scenario::{self, parse::ron_options, schema::*};
use ron::error::Error as RonError;
use serde::de::DeserializeOwned;

fn doc() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/scenario-format.md"
    ))
    .unwrap()
}

/// The ```ron type=NAME blocks, with their type names.
fn examples(doc: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        if let Some(ty) = line.strip_prefix("```ron type=") {
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            out.push((ty.trim().to_owned(), body.join("\n")));
        }
    }
    out
}

fn parses<T: DeserializeOwned>(src: &str) -> Result<(), String> {
    ron_options()
        .from_str::<T>(src)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn check_example(ty: &str, src: &str) -> Result<(), String> {
    match ty {
        "Scenario" => scenario::load_bytes("docs example", src.as_bytes())
            .map(|_| ())
            .map_err(|e| format!("{e:?}")),
        "Setting" => parses::<Setting>(src),
        "SettingOverride" => parses::<SettingOverride>(src),
        "PlayerRoleDef" => parses::<PlayerRoleDef>(src),
        "Commitment" => parses::<Commitment>(src),
        "NpcDef" => parses::<NpcDef>(src),
        "ContactDef" => parses::<ContactDef>(src),
        "Channels" => parses::<Channels>(src),
        "ActionMinutes" => parses::<ActionMinutes>(src),
        "FactDef" => parses::<FactDef>(src),
        "DecisionDef" => parses::<DecisionDef>(src),
        "PatientDef" => parses::<PatientDef>(src),
        "NeedDef" => parses::<NeedDef>(src),
        "CrisisDef" => parses::<CrisisDef>(src),
        "CarePackageDef" => parses::<CarePackageDef>(src),
        "EventDef" => parses::<EventDef>(src),
        "ScoringDef" => parses::<ScoringDef>(src),
        "Facilitator" => parses::<Facilitator>(src),
        other => Err(format!("the test does not know type `{other}`")),
    }
}

#[test]
fn every_example_parses() {
    let doc = doc();
    let found = examples(&doc);
    assert!(found.len() >= 15, "only {} examples found", found.len());
    let failures: Vec<String> = found
        .iter()
        .filter_map(|(ty, src)| {
            check_example(ty, src)
                .err()
                .map(|e| format!("{ty}: {e}\n{src}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The names serde knows for a record type, read from the error for an unknown field.
fn field_names<T: DeserializeOwned>() -> Vec<&'static str> {
    match ron_options().from_str::<T>("(zz_not_a_field: 0)") {
        Err(e) => match e.code {
            RonError::NoSuchStructField { expected, .. } => expected.to_vec(),
            other => panic!("unexpected {other:?}"),
        },
        Ok(_) => panic!("an unknown field was accepted"),
    }
}

/// The names serde knows for a choice type, read from the error for an unknown value.
fn variant_names<T: DeserializeOwned>() -> Vec<&'static str> {
    match ron_options().from_str::<T>("ZzNotAVariant") {
        Err(e) => match e.code {
            RonError::NoSuchEnumVariant { expected, .. } => expected.to_vec(),
            other => panic!("unexpected {other:?}"),
        },
        Ok(_) => panic!("an unknown variant was accepted"),
    }
}

/// The text of the section headed `` `name` ``, up to the next heading of any level.
fn section<'a>(doc: &'a str, name: &str) -> &'a str {
    let heading = format!("`{name}`");
    let start = doc
        .lines()
        .scan(0usize, |pos, l| {
            let here = *pos;
            *pos += l.len() + 1;
            Some((here, l))
        })
        .find(|(_, l)| l.starts_with('#') && l.contains(&heading))
        .map(|(p, _)| p)
        .unwrap_or_else(|| panic!("docs/scenario-format.md has no section for `{name}`"));
    let rest = &doc[start..];
    let end = rest[1..].find("\n#").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn every_field_and_choice_is_described() {
    let doc = doc();
    let records: Vec<(&str, Vec<&str>)> = vec![
        ("Scenario", field_names::<Scenario>()),
        ("Setting", field_names::<Setting>()),
        ("SettingOverride", field_names::<SettingOverride>()),
        ("Roles", field_names::<Roles>()),
        ("PlayerRoleDef", field_names::<PlayerRoleDef>()),
        ("Commitment", field_names::<Commitment>()),
        ("NpcDef", field_names::<NpcDef>()),
        ("ContactDef", field_names::<ContactDef>()),
        ("Channels", field_names::<Channels>()),
        ("ChannelDef", field_names::<ChannelDef>()),
        ("ActionMinutes", field_names::<ActionMinutes>()),
        ("PatientDef", field_names::<PatientDef>()),
        ("DecisionDef", field_names::<DecisionDef>()),
        ("FactDef", field_names::<FactDef>()),
        ("NeedDef", field_names::<NeedDef>()),
        ("CrisisDef", field_names::<CrisisDef>()),
        ("CarePackageDef", field_names::<CarePackageDef>()),
        ("EventDef", field_names::<EventDef>()),
        ("ScoringDef", field_names::<ScoringDef>()),
        ("Facilitator", field_names::<Facilitator>()),
        ("TimingStep", field_names::<TimingStep>()),
        ("FacilitatorQuestion", field_names::<FacilitatorQuestion>()),
    ];
    let choices: Vec<(&str, Vec<&str>)> = vec![
        ("Barrier", variant_names::<Barrier>()),
        ("MdtCadence", variant_names::<MdtCadence>()),
        ("Channel", variant_names::<Channel>()),
        ("Consent", variant_names::<Consent>()),
        ("Reveal", variant_names::<Reveal>()),
        ("Resolution", variant_names::<Resolution>()),
        ("Trigger", variant_names::<Trigger>()),
        ("Effect", variant_names::<Effect>()),
        ("CrisisDef", variant_names::<CrisisKind>()),
        ("NeedDef", variant_names::<NeedKind>()),
        ("NpcDef", variant_names::<Sector>()),
        ("Setting", variant_names::<DirectoryQuality>()),
    ];
    let mut missing = Vec::new();
    for (ty, names) in records.iter().chain(&choices) {
        assert!(!names.is_empty());
        let text = section(&doc, ty);
        for name in names {
            if !text.contains(&format!("`{name}")) {
                missing.push(format!("`{name}` in the `{ty}` section"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/scenario-format.md does not describe: {}",
        missing.join(", ")
    );
}

/// docs/scoring.md lists every behaviour with its label, domain and default points.
#[test]
fn scoring_doc_lists_every_behaviour_as_the_code_scores_it() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scoring.md")).unwrap();
    for b in joined_up::scoring::Behaviour::ALL {
        let row = format!(
            "| `{b:?}` | {} | {} | {:+} |",
            b.label(),
            b.domain().label(),
            b.default_points()
        );
        assert!(
            doc.contains(&row),
            "docs/scoring.md lacks or misstates: {row}"
        );
    }
}

/// docs/authoring.md's examples parse too.
#[test]
fn authoring_examples_parse() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/authoring.md")).unwrap();
    let found = examples(&doc);
    assert!(found.len() >= 4, "only {} examples found", found.len());
    for (ty, src) in found {
        check_example(&ty, &src).unwrap_or_else(|e| panic!("{ty}: {e}\n{src}"));
    }
}

/// docs/simulation.md prints the simulation's numbers table, row for row, as `MODEL` has it.
#[test]
fn the_numbers_table_in_the_docs_is_the_model() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/simulation.md"))
        .unwrap();
    let section = doc
        .split("## The numbers (`MODEL`)")
        .nth(1)
        .expect("docs/simulation.md has a section for the numbers")
        .split("\n## ")
        .next()
        .unwrap();
    let rows: Vec<(String, String)> = section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_owned(), cells[2].to_owned())
        })
        .collect();
    let model: Vec<(String, String)> = joined_up::sim::MODEL
        .rows()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    assert_eq!(
        rows, model,
        "docs/simulation.md and src/sim/model.rs differ"
    );
}
