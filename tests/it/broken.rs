//! Every file in tests/broken/ must give exactly the problems its `// expect:` lines list.

use std::path::Path;

use joined_up::scenario;

struct Expected {
    headline: String,
    hint: Option<String>,
}

/// The `// expect:` and `// hint:` lines at the top of a file (read as bytes, since some files
/// are deliberately not UTF-8).
fn expectations(path: &Path, bytes: &[u8]) -> Vec<Expected> {
    let text = String::from_utf8_lossy(bytes);
    let mut out: Vec<Expected> = Vec::new();
    for line in text.lines().take_while(|l| l.starts_with("//")) {
        if let Some(rest) = line.strip_prefix("// expect: ") {
            out.push(Expected {
                headline: format!("{}:{rest}", path.display()),
                hint: None,
            });
        } else if let Some(hint) = line.strip_prefix("// hint: ") {
            out.last_mut().expect("a hint follows an expect line").hint = Some(hint.to_owned());
        }
    }
    out
}

#[test]
fn every_broken_file_gets_its_exact_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 25, "the corpus has {} files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let bytes = std::fs::read(file).unwrap();
        let expected = expectations(rel, &bytes);
        assert!(
            !expected.is_empty(),
            "{} has no `// expect:` line",
            rel.display()
        );
        let found = match scenario::load_bytes(&rel.display().to_string(), &bytes) {
            Ok(_) => Vec::new(),
            Err(found) => found.into_iter().filter(|d| d.is_error()).collect(),
        };
        let got: Vec<String> = found.iter().map(|d| d.headline()).collect();
        let want: Vec<String> = expected.iter().map(|e| e.headline.clone()).collect();
        if got != want {
            failures.push(format!(
                "{}\n  want: {want:#?}\n  got:  {got:#?}",
                rel.display()
            ));
            continue;
        }
        for (e, d) in expected.iter().zip(&found) {
            if let Some(hint) = &e.hint
                && d.hint.as_deref() != Some(hint.as_str())
            {
                failures.push(format!(
                    "{}: hint\n  want: {hint}\n  got:  {:?}",
                    rel.display(),
                    d.hint
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn the_minimal_base_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.scenario.ron");
    let s = scenario::load_file(&path).expect("the base of the broken corpus must be valid");
    assert!(s.warnings().is_empty(), "{:?}", s.warnings());
}
