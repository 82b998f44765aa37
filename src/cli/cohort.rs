//! `joined-up cohort`: many sessions into a CSV table, xAPI statements (to a file, or posted
//! to a learning record store) and an HTML report.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cohort::{self, xapi};

/// Options for `cohort`.
#[derive(clap::Args, Debug, Clone)]
pub struct CohortArgs {
    /// Session files (`*.session.ron`), or folders searched all the way down for them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write one row a session to this CSV file (opens in Excel).
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Write one xAPI statement a session to this file, as JSON lines.
    #[arg(long)]
    pub xapi: Option<PathBuf>,
    /// Write the cohort report to this HTML file.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Post the xAPI statements to this learning record store endpoint (e.g.
    /// `https://lrs.example.ac.uk/data/xAPI/`).
    #[arg(long, requires = "lrs_auth")]
    pub lrs: Option<String>,
    /// The store's credentials, `KEY:SECRET`.
    #[arg(long, requires = "lrs")]
    pub lrs_auth: Option<String>,
    /// The namespace of the statements' identifiers (an IRI the school or project controls).
    #[arg(long, default_value = xapi::DEFAULT_NAMESPACE)]
    pub xapi_namespace: String,
    /// Leave the byte-order mark off the CSV (Excel needs it to read `£` rightly; some
    /// other tools do not want it).
    #[arg(long)]
    pub no_bom: bool,
    /// Replace output files that already exist.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &CohortArgs) -> ExitCode {
    if !args.xapi_namespace.contains("://") {
        tell!(
            "error: --xapi-namespace `{}` is not an address\n  hint: give an IRI your school or project controls, e.g. https://lrs.example.ac.uk/joined-up",
            args.xapi_namespace
        );
        return ExitCode::from(2);
    }
    let (rows, refused) = cohort::collect(&args.paths);
    for r in &refused {
        tell!("{}", r.reason);
    }
    tell!(
        "read {} session{}{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        if refused.is_empty() {
            String::new()
        } else {
            format!(
                "; refused {} file{} (above)",
                refused.len(),
                if refused.len() == 1 { "" } else { "s" }
            )
        }
    );
    let mut ok = refused.is_empty();
    let ns = args.xapi_namespace.trim_end_matches('/');
    let mut write =
        |path: &PathBuf, text: String| match super::write_output(path, text.as_bytes(), args.force)
        {
            Ok(()) => tell!("wrote {}", path.display()),
            Err(e) => {
                tell!("{e}");
                ok = false;
            }
        };
    let any_output =
        args.csv.is_some() || args.xapi.is_some() || args.html.is_some() || args.lrs.is_some();
    if let Some(p) = &args.csv {
        write(p, cohort::csv::to_csv(&rows, !args.no_bom));
    }
    if let Some(p) = &args.xapi {
        write(p, xapi::to_lines(ns, &rows));
    }
    if let Some(p) = &args.html {
        write(p, cohort::html::to_html(&rows, &refused));
    }
    if !any_output && !super::print(&cohort::csv::to_csv(&rows, false)) {
        ok = false;
    }
    if let (Some(endpoint), Some(auth)) = (&args.lrs, &args.lrs_auth) {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let statements: Vec<serde_json::Value> =
                rows.iter().map(|r| xapi::statement(ns, r)).collect();
            let lrs = cohort::lrs::Lrs {
                endpoint: endpoint.clone(),
                auth: auth.clone(),
            };
            match lrs.send(&statements) {
                Ok(s) => tell!(
                    "sent {} statement{} to {} in {} request{}",
                    s.statements,
                    if s.statements == 1 { "" } else { "s" },
                    lrs.statements_url(),
                    s.requests,
                    if s.requests == 1 { "" } else { "s" }
                ),
                Err(e) => {
                    tell!("{e}");
                    ok = false;
                }
            }
        }
        #[cfg(target_arch = "wasm32")]
        {
            let _ = (endpoint, auth);
            tell!("error: this build cannot reach a learning record store");
            ok = false;
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
