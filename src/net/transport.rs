//! The network between host and clients: bevy_replicon's messages over renet (UDP). A client
//! writes [`Up`]; the host reads it as replicon's `FromClient`, which names the connection it
//! came from, hands it to [`HostState`], and sends each answer to its one client. Nothing else
//! crosses: no component of the host's worlds is replicated.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::time::Duration;

use bevy::prelude::*;
use bevy_replicon::prelude::*;
use bevy_replicon_renet::netcode::{
    ClientAuthentication, NetcodeClientTransport, NetcodeServerTransport, ServerAuthentication,
    ServerConfig,
};
use bevy_replicon_renet::renet::ConnectionConfig;
use bevy_replicon_renet::{RenetChannelsExt, RenetClient, RenetServer, RepliconRenetPlugins};

use super::bot::NetBot;
use super::host::HostState;
use super::protocol::*;

/// Changes when the messages change, so a host and a client of different builds refuse each
/// other at once rather than misread each other.
pub const PROTOCOL_ID: u64 = 0x4a55_0002;

/// Most clients one host takes (a workshop of rooms, each two seats, and facilitators).
pub const MOST_CLIENTS: usize = 64;

/// The port a host listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 7346;

/// The client key of the host's own window, its facilitator's seat (no connection has it).
pub const LOCAL: u64 = u64::MAX;

/// What the host sent to its own window's facilitator seat.
#[derive(Resource, Default)]
pub struct LocalInbox(pub Vec<Down>);

/// Adds what both ends need (replicon, renet, the two message types) and the systems that run
/// once an app is hosting or joined. Hosting or joining itself starts later: [`start_host`],
/// [`start_join`].
pub fn plugin(app: &mut App) {
    if app.is_plugin_added::<ServerPlugin>() {
        return;
    }
    if !app.is_plugin_added::<bevy::state::app::StatesPlugin>() {
        app.add_plugins(bevy::state::app::StatesPlugin);
    }
    app.add_plugins((RepliconPlugins, RepliconRenetPlugins))
        .add_client_message::<Up>(Channel::Ordered)
        .add_server_message::<Down>(Channel::Ordered)
        .add_systems(Update, host_messages.run_if(resource_exists::<NetHost>))
        .add_systems(
            Update,
            (say_hello, client_messages, bot_moves)
                .chain()
                .run_if(resource_exists::<NetClient>),
        )
        .add_observer(client_left);
}

/// The host, in an app.
#[derive(Resource)]
pub struct NetHost(pub HostState);

/// Makes `app` a host listening on `port` (0: any free port) on every interface. Returns the
/// address it listens on.
pub fn host(app: &mut App, state: HostState, port: u16) -> Result<SocketAddr, String> {
    plugin(app);
    start_host(app.world_mut(), state, port)
}

/// Starts hosting in a world whose app has [`plugin`].
pub fn start_host(world: &mut World, state: HostState, port: u16) -> Result<SocketAddr, String> {
    let channels = world.resource::<RepliconChannels>();
    let server = RenetServer::new(ConnectionConfig {
        server_channels_config: channels.server_configs(),
        client_channels_config: channels.client_configs(),
        ..Default::default()
    });
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, port))
        .map_err(|e| format!("cannot listen on UDP port {port}: {e}"))?;
    let addr = socket
        .local_addr()
        .map_err(|e| format!("cannot read the port: {e}"))?;
    let config = ServerConfig {
        current_time: since_epoch(),
        max_clients: MOST_CLIENTS,
        protocol_id: PROTOCOL_ID,
        authentication: ServerAuthentication::Unsecure,
        public_addresses: vec![SocketAddr::new(
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            addr.port(),
        )],
    };
    let transport = NetcodeServerTransport::new(config, socket)
        .map_err(|e| format!("cannot start the host: {e}"))?;
    world.insert_resource(server);
    world.insert_resource(transport);
    world.insert_resource(NetHost(state));
    world.init_resource::<LocalInbox>();
    Ok(addr)
}

fn key(id: ClientId) -> Option<u64> {
    id.entity().map(Entity::to_bits)
}

/// Sends each answer to its one client (the host's own window keeps its own).
pub fn send(
    out: &mut MessageWriter<ToClients<Down>>,
    local: &mut Option<ResMut<LocalInbox>>,
    answers: Vec<(u64, Down)>,
) {
    for (to, message) in answers {
        if to == LOCAL {
            if let Some(l) = local.as_mut() {
                l.0.push(message);
            }
            continue;
        }
        let Some(entity) = Entity::try_from_bits(to) else {
            continue;
        };
        out.write(ToClients {
            targets: SendTargets::Single(ClientId::Client(entity)),
            message,
        });
    }
}

/// Sends answers from a world (a window's own commands, which run with the whole world).
pub fn deliver(world: &mut World, answers: Vec<(u64, Down)>) {
    for (to, message) in answers {
        if to == LOCAL {
            if let Some(mut l) = world.get_resource_mut::<LocalInbox>() {
                l.0.push(message);
            }
            continue;
        }
        let Some(entity) = Entity::try_from_bits(to) else {
            continue;
        };
        world.write_message(ToClients {
            targets: SendTargets::Single(ClientId::Client(entity)),
            message,
        });
    }
}

/// Stops hosting: every client is told, the port is freed, the rooms go (each running one is
/// in its journal, each finished one in its session file).
pub fn stop_host(world: &mut World) {
    if let (Some(mut server), Some(mut transport)) = (
        world.remove_resource::<RenetServer>(),
        world.remove_resource::<NetcodeServerTransport>(),
    ) {
        transport.disconnect_all(&mut server);
    }
    world.remove_resource::<NetHost>();
    world.remove_resource::<LocalInbox>();
}

/// Leaves the host (the seat is held for a while: the token rejoins it).
pub fn leave(world: &mut World) {
    if let Some(mut transport) = world.remove_resource::<NetcodeClientTransport>() {
        transport.disconnect();
    }
    world.remove_resource::<RenetClient>();
    world.remove_resource::<NetClient>();
}

fn host_messages(
    mut reader: MessageReader<FromClient<Up>>,
    mut host: ResMut<NetHost>,
    mut out: MessageWriter<ToClients<Down>>,
    mut local: Option<ResMut<LocalInbox>>,
    time: Res<Time<Real>>,
) {
    let now = time.elapsed_secs_f64() as u64;
    let messages: Vec<(ClientId, Up)> = reader
        .read()
        .map(|m| (m.client_id, m.message.clone()))
        .collect();
    for (id, up) in messages {
        // The connection is named by the network layer; a message cannot say who sent it.
        let Some(from) = key(id) else { continue };
        if from == LOCAL {
            continue;
        }
        let answers = host.0.handle(from, up, now);
        send(&mut out, &mut local, answers);
    }
}

fn client_left(
    gone: On<Remove, ConnectedClient>,
    host: Option<ResMut<NetHost>>,
    mut out: MessageWriter<ToClients<Down>>,
    mut local: Option<ResMut<LocalInbox>>,
) {
    let Some(mut host) = host else { return };
    let answers = host.0.disconnected(gone.entity.to_bits());
    send(&mut out, &mut local, answers);
}

/// What a client has been told, newest first where it matters.
#[derive(Resource, Default)]
pub struct NetClient {
    /// The seat asked for, sent (again) until the host answers.
    pub hello: Option<Up>,
    pub welcome: Option<Welcome>,
    pub view: Option<SeatView>,
    pub watch: Option<RoomWatch>,
    pub overview: Vec<RoomSummary>,
    pub over: Option<Over>,
    pub refused: Vec<String>,
    /// Counts the messages received (a window redraws when it moves).
    pub received: u64,
    /// Where to keep the seat's token, to rejoin after a crash.
    pub token_file: Option<PathBuf>,
    /// A computer player in the seat.
    pub bot: Option<BotSeat>,
    /// The least time between a computer player's actions.
    pub pace: Duration,
    last_hello: f64,
    last_act: f64,
}

/// A computer player's kind and, once the host has welcomed it, the player.
pub struct BotSeat {
    pub kind: crate::bots::PolicyKind,
    /// Behind a lock because a policy is `Send` but not `Sync` (as for the window's colleague).
    pub player: Option<std::sync::Mutex<NetBot>>,
}

/// Makes `app` a client of the host at `server`, asking for `seat` in `room`. A token kept in
/// `token_file` (from an earlier connection) rejoins the same seat.
pub fn join(
    app: &mut App,
    server: SocketAddr,
    room: usize,
    seat: SeatRequest,
    bot: Option<crate::bots::PolicyKind>,
    token_file: Option<PathBuf>,
) -> Result<(), String> {
    plugin(app);
    start_join(app.world_mut(), server, room, seat, bot, token_file)
}

/// Joins from a world whose app has [`plugin`].
pub fn start_join(
    world: &mut World,
    server: SocketAddr,
    room: usize,
    seat: SeatRequest,
    bot: Option<crate::bots::PolicyKind>,
    token_file: Option<PathBuf>,
) -> Result<(), String> {
    let channels = world.resource::<RepliconChannels>();
    let client = RenetClient::new(ConnectionConfig {
        server_channels_config: channels.server_configs(),
        client_channels_config: channels.client_configs(),
        ..Default::default()
    });
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .map_err(|e| format!("cannot open a UDP socket: {e}"))?;
    let mut id = [0u8; 8];
    getrandom::fill(&mut id).map_err(|e| format!("no random source: {e}"))?;
    let authentication = ClientAuthentication::Unsecure {
        client_id: u64::from_le_bytes(id),
        protocol_id: PROTOCOL_ID,
        server_addr: server,
        user_data: None,
    };
    let transport = NetcodeClientTransport::new(since_epoch(), authentication, socket)
        .map_err(|e| format!("cannot connect to {server}: {e}"))?;
    let token = token_file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|t| t.trim().parse().ok());
    world.insert_resource(client);
    world.insert_resource(transport);
    world.insert_resource(NetClient {
        hello: Some(Up::Hello {
            room,
            seat,
            token,
            computer: bot,
        }),
        token_file,
        bot: bot.map(|kind| BotSeat { kind, player: None }),
        ..default()
    });
    Ok(())
}

/// Where a seat's token is kept on this computer, to rejoin it after a crash.
pub fn token_file(server: SocketAddr, room: usize, seat: SeatRequest) -> Option<PathBuf> {
    crate::session::seal::config_dir().map(|d| {
        d.join("seats").join(format!(
            "{}-{}-room{room}-{}.token",
            server.ip(),
            server.port(),
            seat.label().replace(' ', "-")
        ))
    })
}

fn say_hello(
    state: Res<State<ClientState>>,
    mut client: ResMut<NetClient>,
    mut out: MessageWriter<Up>,
    time: Res<Time<Real>>,
) {
    if *state.get() != ClientState::Connected || client.welcome.is_some() {
        return;
    }
    let now = time.elapsed_secs_f64();
    if now - client.last_hello < 1.0 {
        return;
    }
    client.last_hello = now;
    if let Some(h) = client.hello.clone() {
        out.write(h);
    }
}

fn client_messages(mut reader: MessageReader<Down>, mut client: ResMut<NetClient>) {
    for m in reader.read() {
        client.received += 1;
        match m.clone() {
            Down::Welcome(w) => {
                if let Some(f) = &client.token_file {
                    if let Some(dir) = f.parent() {
                        let _ = std::fs::create_dir_all(dir);
                    }
                    let _ = std::fs::write(f, format!("{}\n", w.token));
                }
                if let (Some(b), Some(role)) = (client.bot.as_mut(), w.seat.role()) {
                    b.player = Some(std::sync::Mutex::new(NetBot::new(b.kind, role, w.seed)));
                }
                client.welcome = Some(*w);
            }
            Down::Refused(why) => client.refused.push(why),
            Down::View(v) => client.view = Some(*v),
            Down::Watch(w) => client.watch = Some(*w),
            Down::Overview(o) => client.overview = o,
            Down::Over(o) => client.over = Some(*o),
        }
    }
}

fn bot_moves(mut client: ResMut<NetClient>, mut out: MessageWriter<Up>, time: Res<Time<Real>>) {
    let now = time.elapsed_secs_f64();
    if now - client.last_act < client.pace.as_secs_f64() {
        return;
    }
    let NetClient {
        bot,
        view,
        last_act,
        ..
    } = &mut *client;
    let (
        Some(BotSeat {
            player: Some(p), ..
        }),
        Some(v),
    ) = (bot.as_mut(), view.as_ref())
    else {
        return;
    };
    let act = p.get_mut().ok().and_then(|p| p.act(v));
    if let Some(act) = act {
        *last_act = now;
        out.write(Up::Act(act));
    }
}

/// A headless app to host or join with: the simulation's plugins need no window, and the loop
/// runs at a steady rate.
pub fn headless_app() -> App {
    let mut app = App::new();
    app.add_plugins(
        MinimalPlugins.set(bevy::app::ScheduleRunnerPlugin::run_loop(
            Duration::from_secs_f64(1.0 / 120.0),
        )),
    );
    app
}

fn since_epoch() -> Duration {
    crate::clock::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
}

/// This computer's address on the local network, as another laptop would type it (found by
/// asking the system which address it would send from; nothing is sent).
pub fn local_address() -> Option<IpAddr> {
    let s = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    s.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    s.local_addr()
        .ok()
        .map(|a| a.ip())
        .filter(|ip| !ip.is_unspecified())
}
