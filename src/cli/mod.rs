//! The `joined-up` command line: the window with no subcommand, and subcommands for authors,
//! educators and tests.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::scenario::{self, Diagnostic};

/// A line to standard output. A reader that has gone away (`joined-up replay FILE | head`) is
/// a normal end, never a panic, as `println!` would make it.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// A line to standard error, with the same care.
macro_rules! tell {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

mod balance;
mod cohort;
#[cfg(feature = "lan")]
mod lan;
mod sessions;
mod simulate;
mod upgrade;

pub use balance::{balance_findings, balance_warnings, money_never_binds};
pub use upgrade::{rewrite as upgrade_text, upgrade_bytes};

/// The template `new-scenario` writes; a test checks it validates.
pub const TEMPLATE: &str = include_str!("template.scenario.ron");

/// `--balance` options for `validate`.
pub struct Balance {
    pub setting: Option<String>,
    pub seeds: u64,
}

fn new_scenario(file: &std::path::Path) -> ExitCode {
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .and_then(|mut f| f.write_all(TEMPLATE.as_bytes()));
    match created {
        Ok(()) => {
            say!(
                "wrote {}: a small case that validates as it is\n  next: edit it, then `joined-up validate {}`; docs/authoring.md walks through it",
                file.display(),
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            tell!(
                "error: {} already exists; new-scenario never overwrites a file\n  hint: choose a new name, e.g. `joined-up new-scenario scenarios/my_case.scenario.ron`",
                file.display()
            );
            ExitCode::from(1)
        }
        Err(e) => {
            tell!("error: cannot write {}: {e}", file.display());
            ExitCode::from(1)
        }
    }
}

pub use cohort::CohortArgs;
pub use simulate::SimulateArgs;

/// Joined Up: a GP and a social worker share a caseload, scored on how well they collaborate.
#[derive(Parser, Debug)]
#[command(name = "joined-up", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the game window (the same as running `joined-up` alone).
    Play(PlayArgs),
    /// Check scenario files (or folders of them) and report every problem found; files named
    /// `*.instrument.ron` are checked as self-assessment instruments.
    Validate(ValidateArgs),
    /// Write a commented scenario template to start a new case from.
    NewScenario {
        /// The file to create (it must not exist yet).
        file: PathBuf,
    },
    /// Rewrite a format-1 scenario as format 2 (comments and layout kept), checked to be the
    /// same case.
    Upgrade {
        /// The format-1 scenario file (left as it is).
        file: PathBuf,
        /// The format-2 file to write (it must not exist yet).
        #[arg(long)]
        out: PathBuf,
    },
    /// Play many seeded sessions between computer players and summarise the scores.
    Simulate(SimulateArgs),
    /// Re-run a saved session and check it reproduces the recorded outcome.
    Replay {
        /// A session file (`*.session.ron`).
        file: PathBuf,
        /// The scenario file it was played on, if not where the session file says.
        #[arg(long)]
        scenario: Option<PathBuf>,
    },
    /// Write the facilitator's guide to a case: background, the model pathway, common
    /// errors, timing and what to ask when (HTML, printable).
    Guide {
        /// A scenario file.
        scenario: PathBuf,
        /// Where to write the guide (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Guide format (default: from the --out extension, else html).
        #[arg(long, value_enum)]
        format: Option<GuideFormat>,
        /// Replace --out if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Read many saved sessions and write a cohort table (CSV), xAPI statements (a file, or
    /// posted to a learning record store) and an HTML report.
    Cohort(CohortArgs),
    /// Host a session (or a workshop of rooms) on this network: the host's simulation is
    /// authoritative; players and a facilitator join from other laptops.
    #[cfg(feature = "lan")]
    Host(lan::HostArgs),
    /// Join a host on this network, in a seat: the GP, the social worker or the facilitator.
    #[cfg(feature = "lan")]
    Join(lan::JoinArgs),
    /// Write the debrief of a saved session: score, items, crises, barriers, timeline.
    Debrief {
        /// A session file (`*.session.ron`).
        file: PathBuf,
        /// Where to write the report (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Report format (default: from the --out extension, else html).
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// The scenario file it was played on, if not where the session file says.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Replace --out if it already exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuideFormat {
    Html,
    Md,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Md,
    Json,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ValidateArgs {
    /// Scenario files, or folders whose `*.ron` files are all checked.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Also play the computer players over many seeds and warn when the scenario does not
    /// reward collaboration, a crisis never happens or cannot be prevented, or a declared
    /// barrier is never met.
    #[arg(long)]
    pub balance: bool,
    /// With --balance: the named setting to check (default: the file as written).
    #[arg(long, requires = "balance")]
    pub setting: Option<String>,
    /// With --balance: seeds per pairing.
    #[arg(long, default_value_t = 100, requires = "balance", value_parser = clap::value_parser!(u64).range(2..=100_000))]
    pub seeds: u64,
}

#[derive(clap::Args, Debug, Default, Clone)]
pub struct PlayArgs {
    /// A scenario file to open straight away.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// The role you play: `gp` or `social-worker`.
    #[arg(long, value_parser = role_parser())]
    pub role: Option<crate::sim::Role>,
    /// Solo (a computer partner plays the other role) or hotseat (two people, one machine).
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Seed for the session's randomness.
    #[arg(long)]
    pub seed: Option<u64>,
    /// A named setting of the scenario, e.g. `walled` or `integrated`.
    #[arg(long)]
    pub setting: Option<String>,
    /// Solo play: the computer colleague's temperament (collaborative, stretched, defensive).
    #[arg(long, value_parser = colleague_parser())]
    pub partner: Option<crate::bots::PolicyKind>,
    /// A self-assessment instrument (`*.instrument.ron`) to use instead of the game's own.
    #[arg(long)]
    pub instrument: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeArg {
    Solo,
    Hotseat,
}

/// Parses a role as the command line spells it: `gp` or `social-worker`.
fn role_parser() -> impl clap::builder::TypedValueParser<Value = crate::sim::Role> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["gp", "social-worker"]).map(|name| {
        if name == "gp" {
            crate::sim::Role::Gp
        } else {
            crate::sim::Role::SocialWorker
        }
    })
}

/// Parses a computer player's name (`--gp`, `--social-worker`): clap lists the names in its
/// help and errors, and the bots module keeps no command-line types.
pub(crate) fn policy_parser()
-> impl clap::builder::TypedValueParser<Value = crate::bots::PolicyKind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(crate::bots::PolicyKind::ALL.map(|k| k.name()))
        .try_map(|name| name.parse::<crate::bots::PolicyKind>())
}

/// Parses a computer colleague's temperament (`play --partner`).
fn colleague_parser() -> impl clap::builder::TypedValueParser<Value = crate::bots::PolicyKind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(crate::bots::PolicyKind::COLLEAGUES.map(|k| k.name()))
        .try_map(|name| name.parse::<crate::bots::PolicyKind>())
}

/// Parses the process arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => open_window(PlayArgs::default()),
        Some(Command::Play(args)) => open_window(args),
        Some(Command::Validate(args)) => {
            let mut out = Tracked::new(std::io::stdout().lock());
            let balance = args.balance.then(|| Balance {
                setting: args.setting.clone(),
                seeds: args.seeds,
            });
            let valid = validate_paths_with(&args.paths, balance.as_ref(), &mut out);
            if let Some(e) = out.failed() {
                tell!("error: cannot write the report to standard output: {e}");
                return ExitCode::from(1);
            }
            if valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Some(Command::NewScenario { file }) => new_scenario(&file),
        Some(Command::Upgrade { file, out }) => upgrade::run(&file, &out),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Replay { file, scenario }) => sessions::replay(&file, scenario.as_deref()),
        Some(Command::Debrief {
            file,
            out,
            format,
            scenario,
            force,
        }) => sessions::debrief(&file, out.as_deref(), format, scenario.as_deref(), force),
        Some(Command::Guide {
            scenario,
            out,
            format,
            force,
        }) => guide(&scenario, out.as_deref(), format, force),
        Some(Command::Cohort(args)) => cohort::run(&args),
        #[cfg(feature = "lan")]
        Some(Command::Host(args)) => lan::host(&args),
        #[cfg(feature = "lan")]
        Some(Command::Join(args)) => lan::join(&args),
    }
}

/// `joined-up guide`.
fn guide(
    path: &std::path::Path,
    out: Option<&std::path::Path>,
    format: Option<GuideFormat>,
    force: bool,
) -> ExitCode {
    let scenario = match load_scenario(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if scenario.get().facilitator.is_none() {
        tell!(
            "warning: {}: the case has no `facilitator` section, so the guide has only the case itself
  hint: docs/scenario-format.md describes the section",
            path.display()
        );
    }
    let md = format == Some(GuideFormat::Md)
        || (format.is_none()
            && out
                .and_then(|o| o.extension())
                .is_some_and(|e| e.eq_ignore_ascii_case("md")));
    let text = if md {
        crate::guide::to_markdown(&scenario)
    } else {
        crate::guide::to_html(&scenario)
    };
    match out {
        Some(o) => match write_output(o, text.as_bytes(), force) {
            Ok(()) => {
                tell!("wrote {}", o.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                tell!("{e}");
                ExitCode::from(1)
            }
        },
        None => {
            if print(&text) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// Writes an output file through a temporary file in the same folder, refusing to replace one
/// that exists unless `force`. The error is a whole message.
pub(crate) fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
    force: bool,
) -> Result<(), String> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(format!(
            "error: {} already exists; it was left as it is
  hint: choose another name, or add --force to replace it",
            path.display()
        ));
    }
    crate::session::file::write_atomic(path, bytes)
        .map_err(|e| format!("error: cannot write {}: {e}", path.display()))
}

/// A writer that remembers its first failure (other than a reader going away), so a report
/// written to a full disk or `/dev/full` ends in an error and exit 1, not a silent success.
pub struct Tracked<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Tracked<W> {
    pub fn new(inner: W) -> Self {
        Tracked { inner, error: None }
    }

    /// The first error, once everything has been flushed.
    pub fn failed(&mut self) -> Option<&std::io::Error> {
        if let Err(e) = self.inner.flush() {
            self.note(e);
        }
        self.error.as_ref()
    }

    fn note(&mut self, e: std::io::Error) {
        if e.kind() != std::io::ErrorKind::BrokenPipe && self.error.is_none() {
            self.error = Some(e);
        }
    }
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.inner.write(buf) {
            Ok(n) => Ok(n),
            Err(e) => {
                let kind = e.kind();
                self.note(e);
                Err(std::io::Error::from(kind))
            }
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.inner.flush() {
            Ok(()) => Ok(()),
            Err(e) => {
                let kind = e.kind();
                self.note(e);
                Err(std::io::Error::from(kind))
            }
        }
    }
}

/// Prints to standard output; a reader that has gone away (`| head`) is a normal end. False,
/// with a message, when the text could not be written.
pub(crate) fn print(text: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            tell!("error: cannot write to standard output: {e}");
            false
        }
    }
}

/// Loads a scenario for a command (a file, or a shipped case's id), printing its problems to
/// stderr if it is invalid.
pub(crate) fn load_scenario(path: &std::path::Path) -> Result<scenario::ValidScenario, ExitCode> {
    scenario::builtin::resolve(path).map_err(|problems| {
        for d in problems {
            tell!("{d}");
        }
        ExitCode::from(1)
    })
}

/// Checks a `--setting` names one of the scenario's settings.
pub(crate) fn check_setting(
    path: &std::path::Path,
    s: &scenario::ValidScenario,
    setting: Option<&str>,
) -> Result<(), ExitCode> {
    let Some(name) = setting else { return Ok(()) };
    if s.get().settings.contains_key(name) {
        return Ok(());
    }
    let known: Vec<&str> = s.get().settings.keys().map(String::as_str).collect();
    tell!(
        "error: scenario {} has no setting `{name}`\n  hint: {}",
        path.display(),
        if known.is_empty() {
            "it has no named settings; leave out --setting to play it as written".to_owned()
        } else {
            format!("its settings are: {}", known.join(", "))
        }
    );
    Err(ExitCode::from(1))
}

#[cfg(feature = "gui")]
fn open_window(args: PlayArgs) -> ExitCode {
    crate::ui::run(args.launch())
}

impl PlayArgs {
    /// What the window is asked to do (it knows nothing of command-line types).
    #[cfg(feature = "gui")]
    pub fn launch(self) -> crate::ui::Launch {
        crate::ui::Launch {
            scenario: self.scenario,
            role: self.role,
            seating: self.mode.map(|m| match m {
                ModeArg::Solo => crate::ui::Seating::Solo,
                ModeArg::Hotseat => crate::ui::Seating::Hotseat,
            }),
            seed: self.seed,
            setting: self.setting,
            partner: self.partner,
            instrument: self.instrument,
            saves: None,
            lan: None,
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_args: PlayArgs) -> ExitCode {
    tell!(
        "error: this build of joined-up has no game window (it was built with --no-default-features)\n  hint: build with the default features to play, e.g. `cargo run --release`"
    );
    ExitCode::from(1)
}

/// Validates every file named (folders: every `*.ron` in them), writing each problem and a
/// summary to `out`. True when every file is valid.
pub fn validate_paths(paths: &[PathBuf], out: &mut impl Write) -> bool {
    validate_paths_with(paths, None, out)
}

/// As [`validate_paths`], and with `balance` also plays each valid file and adds the balance
/// warnings (which do not make a file invalid).
pub fn validate_paths_with(
    paths: &[PathBuf],
    balance: Option<&Balance>,
    out: &mut impl Write,
) -> bool {
    let mut files = Vec::new();
    let mut all_ok = true;
    for path in paths {
        match scenario::ron_files(path) {
            Ok(found) if found.is_empty() => {
                let d = Diagnostic::error(
                    &path.display().to_string(),
                    1,
                    1,
                    "no scenario files (`*.ron`) in this folder",
                )
                .with_hint("scenario files end in `.scenario.ron`");
                let _ = writeln!(out, "{d}");
                all_ok = false;
            }
            Ok(found) => files.extend(found),
            Err(e) => {
                let d = Diagnostic::error(
                    &path.display().to_string(),
                    1,
                    1,
                    format!("cannot read this folder: {e}"),
                )
                .with_hint("check the path and its permissions");
                let _ = writeln!(out, "{d}");
                all_ok = false;
            }
        }
    }
    let (mut valid, mut errors, mut warnings) = (0, 0, 0);
    for file in &files {
        if crate::self_assessment::instrument::is_instrument_path(file) {
            // A school's self-assessment instrument, checked the same way.
            let found = match crate::self_assessment::instrument::load_file(file) {
                Ok(ok) => {
                    valid += 1;
                    ok.warnings().to_vec()
                }
                Err(problems) => {
                    all_ok = false;
                    problems
                }
            };
            for d in &found {
                if d.is_error() {
                    errors += 1;
                } else {
                    warnings += 1;
                }
                let _ = writeln!(out, "{d}");
            }
            continue;
        }
        let found = match scenario::builtin::resolve(file) {
            Ok(ok) => {
                valid += 1;
                let mut found = ok.warnings().to_vec();
                if let Some(b) = balance {
                    let shown = file.display().to_string();
                    let setting = b.setting.as_deref();
                    if let Some(name) = setting
                        && !ok.get().settings.contains_key(name)
                    {
                        all_ok = false;
                        found.push(
                            Diagnostic::error(
                                &shown,
                                1,
                                1,
                                format!("there is no setting `{name}` in this scenario"),
                            )
                            .with_hint(scenario::diagnostic::suggest(
                                name,
                                ok.get().settings.keys().map(String::as_str),
                            )),
                        );
                    } else {
                        match balance_warnings(&shown, &ok, setting, b.seeds) {
                            Ok((table, w)) => {
                                let _ = write!(out, "{table}");
                                found.extend(w);
                            }
                            Err(e) => {
                                all_ok = false;
                                found.push(Diagnostic::error(
                                    &shown,
                                    1,
                                    1,
                                    format!("the computer players could not play it: {e}"),
                                ));
                            }
                        }
                    }
                }
                found
            }
            Err(problems) => {
                all_ok = false;
                problems
            }
        };
        for d in &found {
            if d.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            let _ = writeln!(out, "{d}");
        }
    }
    let _ = writeln!(
        out,
        "checked {} file{}: {valid} valid, {} invalid ({errors} error{}, {warnings} warning{})",
        files.len(),
        plural(files.len()),
        files.len() - valid,
        plural(errors),
        plural(warnings),
    );
    all_ok
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
