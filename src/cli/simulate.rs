//! `joined-up simulate`: many seeded sessions between computer players.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use crate::bots::PolicyKind;
use crate::scoring::Domain;
use crate::session::{Player, Players, SessionFile};
use crate::simulate::{Pairing, Run, Summary, frequent_penalties, run_seeds_saving};

#[derive(clap::Args, Debug, Clone)]
pub struct SimulateArgs {
    /// The scenario file.
    pub scenario: PathBuf,
    /// The computer player in the GP's role.
    #[arg(long, value_parser = super::policy_parser())]
    pub gp: PolicyKind,
    /// The computer player in the social worker's role.
    #[arg(long = "social-worker", value_parser = super::policy_parser())]
    pub social_worker: PolicyKind,
    /// How many sessions to play.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub seeds: u64,
    /// The first seed; sessions use seeds S, S+1, … S+N-1.
    #[arg(long, default_value_t = 0)]
    pub first_seed: u64,
    /// One JSON object per session per line, instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Write each session's file into this folder (created if missing).
    #[arg(long)]
    pub save_dir: Option<PathBuf>,
    /// A named setting of the scenario, e.g. `walled` or `integrated`.
    #[arg(long)]
    pub setting: Option<String>,
}

pub fn run(args: &SimulateArgs) -> ExitCode {
    let scenario = match super::load_scenario(&args.scenario) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let setting = args.setting.as_deref();
    if let Err(code) = super::check_setting(&args.scenario, &scenario, setting) {
        return code;
    }
    let Some(end) = args.first_seed.checked_add(args.seeds) else {
        tell!(
            "error: --first-seed {} plus --seeds {} runs past the largest seed\n  hint: use a smaller first seed",
            args.first_seed,
            args.seeds
        );
        return ExitCode::from(2);
    };
    if let Some(dir) = &args.save_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        tell!("error: cannot create {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    let pairing = Pairing::new(args.gp, args.social_worker);
    let bar = if !args.json && args.seeds >= 20 && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(args.seeds);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} sessions, {elapsed} ({eta} left)")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let players = Players {
        gp: Player::Computer(args.gp),
        social_worker: Player::Computer(args.social_worker),
    };
    if args.save_dir.is_some() {
        // Ctrl-C keeps every session written so far and leaves no half-written file.
        crate::session::file::remove_temporaries_on_interrupt();
    }
    // Each session file is written as soon as its session is played.
    // Where the session files say the case is: the file, or the built-in copy.
    let recorded = if args.scenario.exists() {
        args.scenario.clone()
    } else {
        PathBuf::from(format!(
            "{}{}",
            crate::scenario::builtin::PREFIX,
            scenario.get().id
        ))
    };
    let save = |seed: u64, played: &crate::session::Played| -> Result<(), String> {
        let Some(dir) = &args.save_dir else {
            return Ok(());
        };
        let file = SessionFile::new(&scenario, Some(&recorded), setting, seed, players, played);
        let name = match setting {
            Some(s) => format!("{}-{s}-{seed}.session.ron", file.scenario.id),
            None => format!("{}-{seed}.session.ron", file.scenario.id),
        };
        file.write(&dir.join(&name))
            .map_err(|e| format!("cannot write {}: {e}", dir.join(name).display()))
    };
    let runs = match run_seeds_saving(
        &scenario,
        setting,
        pairing,
        args.first_seed..end,
        false,
        &|| bar.inc(1),
        &save,
    ) {
        Ok(r) => r,
        Err(e) => {
            bar.abandon();
            tell!("error: {e}");
            return ExitCode::from(1);
        }
    };
    bar.finish_and_clear();

    let mut out = std::io::stdout().lock();
    let written = if args.json {
        runs.iter().try_for_each(|r| {
            writeln!(
                out,
                "{}",
                serde_json::to_string(r).expect("a run is plain data")
            )
        })
    } else {
        write!(
            out,
            "{}",
            summary(&scenario.get().id, setting, pairing, args.first_seed, &runs)
        )
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (e.g. `| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            tell!("error: cannot write the results: {e}");
            ExitCode::from(1)
        }
    }
}

/// The summary table.
pub fn summary(
    scenario: &str,
    setting: Option<&str>,
    pairing: Pairing,
    first_seed: u64,
    runs: &[Run],
) -> String {
    let mut s = String::new();
    let last = first_seed + runs.len() as u64 - 1;
    s += &format!(
        "{scenario} · setting: {} · {pairing} · {} session{} (seeds {first_seed}–{last})\n\n",
        setting.unwrap_or("as written"),
        runs.len(),
        if runs.len() == 1 { "" } else { "s" }
    );
    s += &format!(
        "{:<30}{:>9}{:>9}{:>9}{:>9}\n",
        "", "mean", "sd", "min", "max"
    );
    let mut row = |label: &str, sm: Summary| {
        s += &format!(
            "{label:<30}{:>9.1}{:>9.1}{:>9}{:>9}\n",
            sm.mean, sm.sd, sm.min, sm.max
        );
    };
    row("Total", Summary::totals(runs));
    for d in Domain::ALL {
        row(
            d.label(),
            Summary::of(runs.iter().map(|r| f64::from(r.domains[d.key()]))),
        );
    }
    row(
        "Crises per session",
        Summary::of(runs.iter().map(|r| f64::from(r.crises))),
    );
    row(
        "Crises averted per session",
        Summary::of(runs.iter().map(|r| f64::from(r.crises_averted))),
    );
    let top = frequent_penalties(runs, 5);
    if top.is_empty() {
        s += "\nNo penalties in any session.\n";
    } else {
        s += "\nMost frequent penalties                           sessions    times\n";
        for (b, sessions, times) in top {
            s += &format!("  {:<46}{sessions:>10}{times:>9}\n", b.label());
        }
    }
    s
}
