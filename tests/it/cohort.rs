//! `joined-up cohort`: many sessions into CSV, xAPI (checked with Learning Locker's own
//! validator) and HTML; a tampered file refused by name while the rest carry on; statements
//! posted to a learning record store in batches with credentials, and a store's refusal is a
//! clear error and a non-zero exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cli::joined_up;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cohort")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Plays `seeds` sessions of `scenario` into `dir` with `simulate --save-dir`.
fn sessions(dir: &Path, scenario: &str, setting: Option<&str>, seeds: &str, first: &str) {
    let mut args = vec![
        "simulate",
        scenario,
        "--gp",
        "collaborative",
        "--social-worker",
        "siloed",
        "--seeds",
        seeds,
        "--first-seed",
        first,
        "--save-dir",
        dir.to_str().unwrap(),
    ];
    if let Some(s) = setting {
        args.extend(["--setting", s]);
    }
    let r = joined_up(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// The folder holding Learning Locker's validator (`npm install
/// @learninglocker/xapi-validation@3.0.0`), if it is installed.
fn validator() -> Option<PathBuf> {
    let dir = std::env::var_os("JOINED_UP_XAPI_VALIDATOR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/joined-up-npm/node_modules"))
        })?;
    dir.join("@learninglocker/xapi-validation")
        .is_dir()
        .then_some(dir)
}

/// Every statement passes Learning Locker's validator. Skips (with a message) where the
/// validator or node is missing, unless JOINED_UP_REQUIRE_XAPI=1 (as in CI).
fn assert_valid_xapi(lines: &str) {
    let required = std::env::var("JOINED_UP_REQUIRE_XAPI").is_ok_and(|v| v == "1");
    let Some(modules) = validator() else {
        assert!(
            !required,
            "JOINED_UP_REQUIRE_XAPI=1 but the xAPI validator is not installed"
        );
        eprintln!("skipping the xAPI validator: not installed (see .ci/run)");
        return;
    };
    let child = std::process::Command::new("node")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/xapi/validate.js"
        ))
        .env("NODE_PATH", &modules)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        assert!(!required, "JOINED_UP_REQUIRE_XAPI=1 but node cannot be run");
        eprintln!("skipping the xAPI validator: no node");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "Learning Locker's validator refused statements:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_cohort_becomes_csv_xapi_and_html_and_a_tampered_file_is_refused_by_name() {
    let dir = scratch("mixed");
    sessions(
        &dir,
        "scenarios/home_from_hospital.scenario.ron",
        None,
        "3",
        "10",
    );
    let integrated = dir.join("integrated");
    std::fs::create_dir_all(&integrated).unwrap();
    sessions(
        &integrated,
        "scenarios/home_from_hospital.scenario.ron",
        Some("integrated"),
        "3",
        "10",
    );
    // Someone edits one file's outcome.
    let victim = dir.join("home_from_hospital-11.session.ron");
    let text = std::fs::read_to_string(&victim).unwrap();
    std::fs::write(&victim, text.replacen("seed: 11", "seed: 12", 1)).unwrap();

    let out = scratch("mixed-out");
    let (csv, xapi, html) = (out.join("c.csv"), out.join("c.jsonl"), out.join("c.html"));
    let r = joined_up(&[
        "cohort",
        dir.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--xapi",
        xapi.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "a refused file makes the exit 1: {}", r.stderr);
    assert!(
        r.stderr.contains("home_from_hospital-11.session.ron")
            && r.stderr.contains("changed after it was written"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("read 5 sessions"), "{}", r.stderr);

    // CSV: a byte-order mark for Excel, a header, one row a session, ISO dates.
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "BOM");
    let mut reader = csv_reader(&text);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<csv_row::Row> = reader
        .records()
        .map(|r| {
            csv_row::Row(
                header.clone(),
                r.unwrap().iter().map(str::to_owned).collect(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 5);
    for row in &rows {
        assert_eq!(row.get("scenario"), "home_from_hospital");
        assert_eq!(row.get("gp"), "computer:collaborative");
        assert_eq!(row.get("social_worker"), "computer:siloed");
        let date = row.get("played_on");
        assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
        // The total is what replaying the file gives.
        let file = row.get("file");
        let replayed = joined_up(&["replay", file]);
        assert!(
            replayed.stdout.contains(&format!(
                "total {:+}",
                row.get("total").parse::<i32>().unwrap()
            )),
            "{}",
            replayed.stdout
        );
        let domains: i32 = [
            "values_ethics",
            "roles_responsibilities",
            "communication",
            "teams_teamwork",
        ]
        .iter()
        .map(|d| row.get(d).parse::<i32>().unwrap())
        .sum();
        assert_eq!(domains, row.get("total").parse::<i32>().unwrap());
    }
    assert_eq!(
        rows.iter()
            .filter(|r| r.get("setting") == "integrated")
            .count(),
        3
    );

    // xAPI: one statement a session, every one valid, and the same ids when exported again.
    let lines = std::fs::read_to_string(&xapi).unwrap();
    assert_eq!(lines.lines().count(), 5);
    assert_valid_xapi(&lines);
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(
        first["verb"]["id"],
        "http://adlnet.gov/expapi/verbs/completed"
    );
    assert_eq!(first["actor"]["objectType"], "Group");
    assert!(first["result"]["score"]["raw"].is_i64());
    assert!(
        first["context"]["extensions"]["https://w3id.org/joined-up/xapi/extensions/seed"]
            .is_string()
    );
    let again = joined_up(&[
        "cohort",
        dir.to_str().unwrap(),
        "--xapi",
        xapi.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(again.code, 1);
    assert_eq!(std::fs::read_to_string(&xapi).unwrap(), lines, "stable ids");

    // HTML: by case and borough, penalties, teams, and the refused file.
    let page = std::fs::read_to_string(&html).unwrap();
    for part in [
        "Scores by case and borough",
        "as written",
        "integrated",
        "The penalties most teams met",
        "Every team",
        "Files refused",
        "home_from_hospital-11.session.ron",
        "<svg",
    ] {
        assert!(page.contains(part), "the report lacks {part}");
    }
    assert!(!page.contains("<script"));

    // Outputs are never silently replaced.
    let r = joined_up(&[
        "cohort",
        integrated.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
}

mod csv_row {
    pub struct Row(pub Vec<String>, pub Vec<String>);
    impl Row {
        pub fn get(&self, name: &str) -> &str {
            let i = self
                .0
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no column {name}"));
            &self.1[i]
        }
    }
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
}

/// One request a little HTTP server saw.
#[derive(Debug)]
struct Request {
    line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A learning record store on 127.0.0.1 that answers each request in turn with the given
/// status and body, closing the connection after each; returns its endpoint and, when joined,
/// what it was sent. It gives up after 60 seconds without a request.
fn store(answers: Vec<(u16, &'static str)>) -> (String, std::thread::JoinHandle<Vec<Request>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for (status, body) in answers {
            let start = Instant::now();
            let mut stream = loop {
                match listener.accept() {
                    Ok((s, _)) => break s,
                    Err(_) if start.elapsed() < Duration::from_secs(60) => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(e) => panic!("no request came: {e}"),
                }
            };
            stream.set_nonblocking(false).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(20)))
                .unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.push((k.trim().to_owned(), v.trim().to_owned()));
                }
            }
            let len: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut sent = vec![0; len];
            reader.read_exact(&mut sent).unwrap();
            let reason = if status < 300 { "OK" } else { "No" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.flush();
            seen.push(Request {
                line: line.trim_end().to_owned(),
                headers,
                body: sent,
            });
        }
        seen
    });
    (format!("http://{addr}/data/xAPI/"), handle)
}

/// 120 quick sessions, to make three batches (in a folder of the test's own).
fn many(name: &str) -> PathBuf {
    let dir = scratch(name);
    sessions(&dir, "tests/data/minimal.scenario.ron", None, "120", "0");
    dir
}

#[test]
fn statements_are_posted_to_a_learning_record_store_in_batches_with_credentials() {
    let dir = many("batches");
    let (endpoint, server) = store(vec![(200, "[]"), (200, "[]"), (200, "[]")]);
    let r = joined_up(&[
        "cohort",
        dir.to_str().unwrap(),
        "--lrs",
        &endpoint,
        "--lrs-auth",
        "key:secret",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("sent 120 statements"), "{}", r.stderr);
    assert!(r.stderr.contains("in 3 requests"), "{}", r.stderr);
    let seen = server.join().unwrap();
    let sizes: Vec<usize> = seen
        .iter()
        .map(|q| {
            assert_eq!(q.line, "POST /data/xAPI/statements HTTP/1.1");
            assert_eq!(q.header("Authorization"), Some("Basic a2V5OnNlY3JldA=="));
            assert_eq!(q.header("X-Experience-API-Version"), Some("1.0.3"));
            assert_eq!(q.header("Content-Type"), Some("application/json"));
            let batch: Vec<serde_json::Value> = serde_json::from_slice(&q.body).unwrap();
            batch.len()
        })
        .collect();
    assert_eq!(sizes, [50, 50, 20]);
    let all: String = seen
        .iter()
        .flat_map(|q| serde_json::from_slice::<Vec<serde_json::Value>>(&q.body).unwrap())
        .map(|s| s.to_string() + "\n")
        .collect();
    assert_valid_xapi(&all);
}

#[test]
fn a_store_that_refuses_is_a_clear_error_and_exit_1() {
    let dir = many("refusals");
    // Wrong credentials.
    let (endpoint, server) = store(vec![(401, r#"{"message":"Unauthorised"}"#)]);
    let r = joined_up(&[
        "cohort",
        dir.to_str().unwrap(),
        "--lrs",
        &endpoint,
        "--lrs-auth",
        "key:wrong",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("answered 401"), "{}", r.stderr);
    assert!(
        r.stderr.contains("did not accept the credentials"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("it said: {\"message\":\"Unauthorised\"}"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("check --lrs-auth"), "{}", r.stderr);
    assert_eq!(
        server.join().unwrap().len(),
        1,
        "it stops at the first refusal"
    );
    // A bad batch after a good one: what was stored is said.
    let (endpoint, server) = store(vec![(200, "[]"), (400, "bad statement")]);
    let r = joined_up(&[
        "cohort",
        dir.to_str().unwrap(),
        "--lrs",
        &endpoint,
        "--lrs-auth",
        "k:s",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("answered 400"), "{}", r.stderr);
    assert!(
        r.stderr.contains("50 statements were sent before this"),
        "{}",
        r.stderr
    );
    assert_eq!(server.join().unwrap().len(), 2);
    // Nobody there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = joined_up(&[
        "cohort",
        dir.to_str().unwrap(),
        "--lrs",
        &format!("http://127.0.0.1:{port}/xapi/"),
        "--lrs-auth",
        "k:s",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("cannot reach the learning record store"),
        "{}",
        r.stderr
    );
    // Credentials that are not KEY:SECRET.
    let r = joined_up(&[
        "cohort",
        dir.to_str().unwrap(),
        "--lrs",
        "http://127.0.0.1:9/",
        "--lrs-auth",
        "nocolon",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("KEY:SECRET"), "{}", r.stderr);
}

#[test]
fn cohort_usage_errors() {
    let r = joined_up(&["cohort"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = joined_up(&["cohort", "no/such/folder"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no/such/folder: no such file or folder"),
        "{}",
        r.stderr
    );
    let r = joined_up(&["cohort", "tests", "--lrs", "http://x/"]);
    assert_eq!(r.code, 2, "--lrs needs --lrs-auth: {}", r.stderr);
}
