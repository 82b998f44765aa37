//! `joined-up host` and `joined-up join`: LAN play from the command line. With `--headless`
//! the host runs without a window and exits when its rooms have finished; `join --bot` plays a
//! seat with a computer player over the network, without a window.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;

use crate::net::transport::{self, DEFAULT_PORT, NetClient, NetHost};
use crate::net::{HostState, SeatRequest};

/// Options for `host`.
#[derive(clap::Args, Debug, Clone)]
pub struct HostArgs {
    /// The case to play: a scenario file or a shipped case's id.
    #[arg(default_value = "home_from_hospital")]
    pub scenario: PathBuf,
    /// A named setting of the case (`walled`, `integrated`).
    #[arg(long)]
    pub setting: Option<String>,
    /// The seed of room 0 (room i plays seed + i).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The UDP port to listen on.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// How many rooms (pairs of seats) to run: a workshop.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=32))]
    pub rooms: u64,
    /// Where finished rooms' session files (sealed by this host) and running rooms' journals go.
    #[arg(long, default_value = "joined-up-sessions")]
    pub save_dir: PathBuf,
    /// Run without a window, and exit when every room has finished.
    #[arg(long)]
    pub headless: bool,
}

/// Options for `join`.
#[derive(clap::Args, Debug, Clone)]
pub struct JoinArgs {
    /// The host's address, `HOST:PORT` (the host prints it).
    pub address: String,
    /// The seat to take: `gp`, `social-worker` or `facilitator`.
    #[arg(long, default_value = "gp", value_parser = seat_parser())]
    pub seat: SeatRequest,
    /// The room to join (the host numbers them from 0).
    #[arg(long, default_value_t = 0)]
    pub room: usize,
    /// Play the seat with a computer player of this kind, without a window.
    #[arg(long, value_parser = super::policy_parser())]
    pub bot: Option<crate::bots::PolicyKind>,
    /// With --bot: milliseconds between the computer player's actions (to watch it play).
    #[arg(long, default_value_t = 0, requires = "bot")]
    pub pace: u64,
}

fn seat_parser() -> impl clap::builder::TypedValueParser<Value = SeatRequest> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["gp", "social-worker", "facilitator"]).map(
        |s| match s.as_str() {
            "gp" => SeatRequest::Gp,
            "social-worker" => SeatRequest::SocialWorker,
            _ => SeatRequest::Facilitator,
        },
    )
}

pub fn host(args: &HostArgs) -> ExitCode {
    let scenario = match super::load_scenario(&args.scenario) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(code) = super::check_setting(&args.scenario, &scenario, args.setting.as_deref()) {
        return code;
    }
    let recorded = if args.scenario.exists() {
        args.scenario.clone()
    } else {
        PathBuf::from(format!(
            "{}{}",
            crate::scenario::builtin::PREFIX,
            scenario.get().id
        ))
    };
    if !args.headless {
        // The window makes its own host from the same case, as its setup screen does.
        #[cfg(feature = "gui")]
        return crate::ui::run(crate::ui::Launch {
            scenario: Some(args.scenario.clone()),
            seed: Some(args.seed),
            setting: args.setting.clone(),
            lan: Some(crate::ui::LanLaunch::Host {
                rooms: args.rooms as usize,
                port: args.port,
                save_dir: args.save_dir.clone(),
            }),
            ..Default::default()
        });
        #[cfg(not(feature = "gui"))]
        {
            tell!("error: this build has no window; add --headless to host without one");
            return ExitCode::from(1);
        }
    }
    let state = match HostState::new(
        &scenario,
        Some(&recorded),
        args.setting.as_deref(),
        args.seed,
        args.rooms as usize,
        Some(&args.save_dir),
    ) {
        Ok(s) => s,
        Err(e) => {
            tell!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut app = transport::headless_app();
    let addr = match transport::host(&mut app, state, args.port) {
        Ok(a) => a,
        Err(e) => {
            tell!(
                "error: {e}\n  hint: another program may use the port; choose another with --port"
            );
            return ExitCode::from(1);
        }
    };
    say!(
        "hosting `{}` in {} room{} on UDP port {}; on the other laptops run: joined-up join {}:{} --seat gp (or social-worker, facilitator)",
        scenario.get().id,
        args.rooms,
        if args.rooms == 1 { "" } else { "s" },
        addr.port(),
        crate::net::transport::local_address()
            .map_or_else(|| "THIS-LAPTOP".to_owned(), |a| a.to_string()),
        addr.port()
    );
    app.add_systems(Update, end_when_finished);
    exit_code(app.run())
}

/// Ends the host a moment after its last room has finished (so the last answers go out).
fn end_when_finished(
    host: Res<NetHost>,
    time: Res<Time<Real>>,
    mut done_at: Local<Option<f64>>,
    mut printed: Local<usize>,
    mut exit: MessageWriter<AppExit>,
) {
    for line in &host.0.log[(*printed).min(host.0.log.len())..] {
        say!("{line}");
    }
    *printed = host.0.log.len();
    if !host.0.all_finished() {
        return;
    }
    let now = time.elapsed_secs_f64();
    let at = *done_at.get_or_insert(now);
    if now - at > 1.0 {
        exit.write(AppExit::Success);
    }
}

pub fn join(args: &JoinArgs) -> ExitCode {
    let Some(server) = resolve(&args.address) else {
        tell!(
            "error: `{}` is not an address\n  hint: give the host's address and port as the host prints them, e.g. 192.168.1.20:{DEFAULT_PORT}",
            args.address
        );
        return ExitCode::from(2);
    };
    let Some(kind) = args.bot else {
        #[cfg(feature = "gui")]
        return crate::ui::run(crate::ui::Launch {
            lan: Some(crate::ui::LanLaunch::Join {
                address: server.to_string(),
                room: args.room,
                seat: args.seat,
            }),
            ..Default::default()
        });
        #[cfg(not(feature = "gui"))]
        {
            tell!(
                "error: this build has no window; add --bot POLICY to play a seat with a computer player"
            );
            return ExitCode::from(1);
        }
    };
    let token_file = transport::token_file(server, args.room, args.seat);
    let mut app = transport::headless_app();
    if let Err(e) = transport::join(
        &mut app,
        server,
        args.room,
        args.seat,
        Some(kind),
        token_file,
    ) {
        tell!("error: {e}");
        return ExitCode::from(1);
    }
    app.world_mut().resource_mut::<NetClient>().pace = std::time::Duration::from_millis(args.pace);
    app.add_systems(Update, bot_until_over);
    exit_code(app.run())
}

/// Ends the bot once the session is over, or with an error if the host cannot be reached or
/// refuses the seat.
fn bot_until_over(
    client: Res<NetClient>,
    state: Res<State<bevy_replicon::prelude::ClientState>>,
    time: Res<Time<Real>>,
    mut connected_once: Local<bool>,
    mut exit: MessageWriter<AppExit>,
) {
    use bevy_replicon::prelude::ClientState;
    let now = time.elapsed_secs_f64();
    if *state.get() == ClientState::Connected {
        *connected_once = true;
    }
    if let Some(o) = &client.over {
        say!(
            "the session is over: team total {:+}{}",
            o.total,
            o.saved
                .as_ref()
                .map(|p| format!("; the host saved {p}"))
                .unwrap_or_default()
        );
        exit.write(AppExit::Success);
    } else if client.welcome.is_none() && !client.refused.is_empty() {
        tell!("error: the host refused: {}", client.refused.join("; "));
        exit.write(AppExit::from_code(1));
    } else if !*connected_once && now > 15.0 {
        tell!(
            "error: cannot reach the host (no answer in 15 seconds)\n  hint: check the address, that the host is running, and that UDP port is allowed through the firewall"
        );
        exit.write(AppExit::from_code(1));
    } else if *connected_once && *state.get() == ClientState::Disconnected {
        tell!("error: the host went away");
        exit.write(AppExit::from_code(1));
    }
}

fn resolve(address: &str) -> Option<SocketAddr> {
    use std::net::ToSocketAddrs;
    address.to_socket_addrs().ok()?.find(SocketAddr::is_ipv4)
}

fn exit_code(e: AppExit) -> ExitCode {
    match e {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(n) => ExitCode::from(n.get()),
    }
}
