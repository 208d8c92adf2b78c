//! Load generator: a fake Telegram Bot API on loopback, simulated users who
//! walk realistic paths through it, and the real `mesabot serve` (or the bare
//! `echo_bot` example, the ceiling) started against it.
//!
//! Build first, then run (see BENCHMARKS.md for the regimes and figures):
//!
//! ```text
//! cargo build --release --bins --examples
//! target/release/examples/loadgen --users 1000 --messages 10
//! target/release/examples/loadgen --target echo --users 1000 --messages 10
//! target/release/examples/loadgen --users 1000 --rate 500 --duration 60
//! target/release/examples/loadgen --users 1000 --messages 1 --rate 500 --rate-limits on --agents-every 10
//! target/release/examples/loadgen --users 1000 --messages 8 --database postgres://…/empty_db
//! target/release/examples/loadgen --users 1000 --rate 200 --duration 20 --replicas 2 --database postgres://…/empty_db
//! ```
//!
//! Closed loop (default): each user sends its next input only after the bot
//! answered the last. Open loop (`--rate R`): inputs are offered at R a second
//! overall, to users whose last input was answered.
//!
//! With `--replicas N` (on PostgreSQL), N processes serve in webhook mode
//! and the fake posts each update to the next one in turn, as a load
//! balancer would; a post not answered 200 is posted again to the next.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use clap::Parser;
use serde_json::{Value, json};
use tokio::sync::{Mutex, Notify, mpsc};
use tokio::time::Instant;

const GROUP: i64 = -1_009_000_000;
/// A user gives up on a reply after this long (a lost reply).
const REPLY_TIMEOUT: Duration = Duration::from_secs(120);
/// What the replicas are told Telegram posts to, and with which secret.
const WEBHOOK_URL: &str = "https://load.example/telegram";
const WEBHOOK_SECRET: &str = "load-test-secret";

#[derive(Parser, Debug, Clone)]
#[command(about = "Drives mesabot (or the echo bot) through a fake Bot API")]
struct Args {
    /// `mesabot` (the real bot, SQLite and mail outbox on) or `echo` (the ceiling).
    #[arg(long, default_value = "mesabot")]
    target: String,
    #[arg(long, default_value_t = 1000)]
    users: usize,
    /// Inputs per user at most (the path is repeated when longer is asked).
    #[arg(long)]
    messages: Option<usize>,
    /// Keep going for this many seconds, users repeating their paths.
    #[arg(long)]
    duration: Option<u64>,
    /// Open loop: inputs offered per second overall (0: closed loop).
    #[arg(long, default_value_t = 0.0)]
    rate: f64,
    /// Pause between a reply and the user's next input (closed loop), in ms.
    #[arg(long, default_value_t = 0)]
    think_ms: u64,
    /// `on`: the bot keeps to Telegram's limits (production); `off`: capacity.
    #[arg(long, default_value = "off")]
    rate_limits: String,
    /// One user in this many walks the whole ticket wizard.
    #[arg(long, default_value_t = 5)]
    tickets_every: usize,
    /// One user in this many asks for an agent (0: none); sets AGENT_CHAT_ID.
    #[arg(long, default_value_t = 0)]
    agents_every: usize,
    /// Users only say hello and stay: open conversations, for memory.
    #[arg(long)]
    open_only: bool,
    /// The bot's database: a fresh SQLite file in the run's folder by default,
    /// or this URL (e.g. an empty PostgreSQL database, `postgres://…`).
    #[arg(long)]
    database: Option<String>,
    /// mesabot gets the echo bot's text-only path: the same inputs for both.
    #[arg(long)]
    text_only: bool,
    /// With `--target echo`: the echo bot gets the realistic mix's inputs,
    /// presses included, and answers a press with the calls mesabot makes
    /// for one (answerCallbackQuery, editMessageReplyMarkup, sendMessage).
    #[arg(long)]
    echo_presses: bool,
    /// Processes serving at once, in webhook mode, on the `--database`
    /// PostgreSQL (1: one process polling).
    #[arg(long, default_value_t = 1)]
    replicas: usize,
}

/// One input of a simulated user.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Write(&'static str),
    Press(&'static str),
}

const FAQ_PATH: &[Step] = &[
    Step::Write("/start"),
    Step::Write("olvidé la contraseña de mi correo"),
    Step::Press("solved:yes"),
    Step::Press("more:no"),
];

fn ticket_path(first: bool) -> Vec<Step> {
    let mut path = vec![
        Step::Write("/start"),
        Step::Press("ticket:new"),
        Step::Press("privacy:yes"),
        Step::Press("kind:incidente"),
        Step::Press("svc:1"),
        Step::Write("No hay internet en todo el piso 3 desde las 9:00 de hoy"),
    ];
    if first {
        path.extend([
            Step::Write("Ana Pérez López"),
            Step::Write("ana.perez@edomex.gob.mx"),
            Step::Write("722 123 4567"),
        ]);
    } else {
        path.push(Step::Press("contact:yes"));
    }
    path.extend([
        Step::Press("impact:menor"),
        Step::Press("urgency:media"),
        Step::Press("ticket:create"),
        Step::Press("more:no"),
    ]);
    path
}

const AGENT_PATH: &[Step] = &[
    Step::Write("/start"),
    Step::Press("menu:agent"),
    Step::Write("/cancelar"),
];

/// The echo bot only answers text.
const ECHO_PATH: &[Step] = &[
    Step::Write("/start"),
    Step::Write("olvidé la contraseña de mi correo"),
    Step::Write("sí"),
    Step::Write("no"),
];

#[derive(Default)]
struct ChatState {
    last_message_id: i64,
    /// When the user's pending input became available to the bot.
    waiting_since: Option<Instant>,
    inbox: Option<mpsc::UnboundedSender<String>>,
    sent_times: VecDeque<Instant>,
}

#[derive(Default)]
struct Stats {
    latencies: Vec<Duration>,
    /// When each latency's reply came, in the same order.
    latency_at: Vec<Instant>,
    bot_messages: u64,
    group_posts: u64,
    group_times: VecDeque<Instant>,
    all_times: VecDeque<Instant>,
    violations: u64,
    first_get_updates: Option<Instant>,
    first_input: Option<Instant>,
    last_reply: Option<Instant>,
}

struct Api {
    pending: Mutex<VecDeque<Value>>,
    news: Notify,
    next_update: AtomicI64,
    next_message: AtomicI64,
    chats: Mutex<HashMap<i64, ChatState>>,
    stats: Mutex<Stats>,
    gets: AtomicU64,
    /// Every Bot API call the bot made, by method (what an update costs in HTTP).
    calls: std::sync::Mutex<BTreeMap<String, u64>>,
    /// Webhook mode: where each replica listens; updates go to each in turn.
    webhooks: std::sync::RwLock<Vec<String>>,
    next_replica: AtomicUsize,
    http: reqwest::Client,
}

impl Api {
    fn new() -> Arc<Api> {
        Arc::new(Api {
            pending: Mutex::new(VecDeque::new()),
            news: Notify::new(),
            next_update: AtomicI64::new(1),
            next_message: AtomicI64::new(1),
            chats: Mutex::new(HashMap::new()),
            stats: Mutex::new(Stats::default()),
            gets: AtomicU64::new(0),
            calls: std::sync::Mutex::new(BTreeMap::new()),
            webhooks: std::sync::RwLock::new(Vec::new()),
            next_replica: AtomicUsize::new(0),
            http: reqwest::Client::new(),
        })
    }

    async fn register(&self, chat: i64) -> mpsc::UnboundedReceiver<String> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.chats.lock().await.entry(chat).or_default().inbox = Some(tx);
        rx
    }

    /// The user of `chat` takes `step`: the update is available from now.
    async fn push(&self, chat: i64, step: Step) {
        let now = Instant::now();
        // Ids are given under the queue's lock, so the queue is in id order (as Telegram's).
        let mut pending = self.pending.lock().await;
        let id = self.next_update.fetch_add(1, Ordering::Relaxed);
        let date = chrono::Utc::now().timestamp();
        let user = json!({"id": chat, "is_bot": false, "first_name": "Usuaria",
                          "last_name": format!("{chat}"), "language_code": "es"});
        let private = json!({"id": chat, "type": "private", "first_name": "Usuaria"});
        let last_message = {
            let mut chats = self.chats.lock().await;
            let state = chats.entry(chat).or_default();
            state.waiting_since = Some(now);
            state.last_message_id
        };
        let update = match step {
            Step::Write(text) => {
                let message_id = self.next_message.fetch_add(1, Ordering::Relaxed);
                let mut message = json!({"message_id": message_id, "date": date,
                                         "chat": private, "from": user, "text": text});
                if text.starts_with('/') {
                    let length = text.split_whitespace().next().unwrap_or(text).len();
                    message["entities"] =
                        json!([{"type": "bot_command", "offset": 0, "length": length}]);
                }
                json!({"update_id": id, "message": message})
            }
            Step::Press(data) => json!({"update_id": id, "callback_query": {
                "id": format!("cq{id}"), "from": user, "chat_instance": "load", "data": data,
                "message": {"message_id": last_message, "date": date, "chat": private,
                            "from": {"id": 1, "is_bot": true, "first_name": "Mesa"},
                            "text": "…"}}}),
        };
        let webhooks = self.webhooks.read().map(|w| w.clone()).unwrap_or_default();
        if webhooks.is_empty() {
            pending.push_back(update);
        } else {
            let first = self.next_replica.fetch_add(1, Ordering::Relaxed);
            tokio::spawn(post_update(self.http.clone(), webhooks, first, update));
        }
        drop(pending);
        let mut stats = self.stats.lock().await;
        stats.first_input.get_or_insert(now);
        drop(stats);
        self.news.notify_waiters();
    }

    async fn get_updates(&self, body: &Value) -> Value {
        self.gets.fetch_add(1, Ordering::Relaxed);
        {
            let mut stats = self.stats.lock().await;
            stats.first_get_updates.get_or_insert_with(Instant::now);
        }
        let offset = body["offset"].as_i64().unwrap_or(0);
        let limit = body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
        let wait =
            Duration::from_secs(body["timeout"].as_u64().unwrap_or(0)).min(Duration::from_secs(2));
        let deadline = Instant::now() + wait;
        loop {
            let news = self.news.notified();
            {
                let mut pending = self.pending.lock().await;
                while pending
                    .front()
                    .is_some_and(|u| u["update_id"].as_i64().unwrap_or(0) < offset)
                {
                    pending.pop_front();
                }
                if !pending.is_empty() {
                    return Value::Array(pending.iter().take(limit).cloned().collect());
                }
            }
            if tokio::time::timeout_at(deadline, news).await.is_err() {
                return json!([]);
            }
        }
    }

    async fn bot_sends(&self, body: &Value) -> Value {
        let now = Instant::now();
        let chat = body["chat_id"].as_i64().unwrap_or_default();
        let message_id = self.next_message.fetch_add(1, Ordering::Relaxed);
        let text = body["text"].as_str().unwrap_or("").to_owned();
        let mut latency = None;
        let mut private_violation = false;
        {
            let mut chats = self.chats.lock().await;
            let state = chats.entry(chat).or_default();
            state.last_message_id = message_id;
            if chat > 0 {
                latency = state.waiting_since.take().map(|since| now - since);
                // Telegram: about one message a second per private chat.
                private_violation = state
                    .sent_times
                    .back()
                    .is_some_and(|last| now - *last < Duration::from_millis(950));
                state.sent_times.push_back(now);
                if state.sent_times.len() > 2 {
                    state.sent_times.pop_front();
                }
                if let Some(inbox) = &state.inbox {
                    let _ = inbox.send(text.clone());
                }
            }
        }
        let mut stats = self.stats.lock().await;
        stats.bot_messages += 1;
        if let Some(latency) = latency {
            stats.latencies.push(latency);
            stats.latency_at.push(now);
        }
        if chat > 0 {
            stats.last_reply = Some(now);
        } else {
            stats.group_posts += 1;
            stats.group_times.push_back(now);
            while stats
                .group_times
                .front()
                .is_some_and(|t| now - *t >= Duration::from_secs(60))
            {
                stats.group_times.pop_front();
            }
            if stats.group_times.len() > 20 {
                stats.violations += 1;
            }
        }
        stats.all_times.push_back(now);
        while stats
            .all_times
            .front()
            .is_some_and(|t| now - *t >= Duration::from_millis(950))
        {
            stats.all_times.pop_front();
        }
        if stats.all_times.len() > 30 || private_violation {
            stats.violations += 1;
        }
        let kind = if chat > 0 { "private" } else { "supergroup" };
        let mut message = json!({
            "message_id": message_id, "date": chrono::Utc::now().timestamp(),
            "chat": {"id": chat, "type": kind, "title": "Agentes", "first_name": "Usuaria"},
            "from": {"id": 1, "is_bot": true, "first_name": "Mesa"}, "text": text,
        });
        if let Some(thread) = body["message_thread_id"].as_i64() {
            message["message_thread_id"] = json!(thread);
            message["is_topic_message"] = json!(true);
        }
        message
    }
}

/// Posts an update as Telegram does, to replica `first` and, when it does not
/// answer 200 (stopping, or the update was kept), to the next.
async fn post_update(http: reqwest::Client, webhooks: Vec<String>, first: usize, update: Value) {
    let body = update.to_string();
    for attempt in 0..100 {
        let url = &webhooks[(first + attempt) % webhooks.len()];
        let posted = http
            .post(url)
            .header("content-type", "application/json")
            .header("x-telegram-bot-api-secret-token", WEBHOOK_SECRET)
            .body(body.clone())
            .send()
            .await;
        if posted.is_ok_and(|response| response.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!("update {} was never taken", update["update_id"]);
}

async fn handle(State(api): State<Arc<Api>>, uri: Uri, body: Bytes) -> Response {
    let method = uri
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if let Ok(mut calls) = api.calls.lock() {
        *calls.entry(method.clone()).or_default() += 1;
    }
    let result = match method.as_str() {
        "getupdates" => api.get_updates(&body).await,
        "sendmessage" => api.bot_sends(&body).await,
        "getme" => json!({"id": 1, "is_bot": true, "first_name": "Mesa", "username": "mesa_bot",
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false}),
        "getwebhookinfo" => json!({"url": "", "has_custom_certificate": false,
                                    "pending_update_count": 0}),
        "createforumtopic" => {
            json!({"message_thread_id": 1 + api.next_message.fetch_add(1, Ordering::Relaxed),
                                      "name": "t", "icon_color": 7322096})
        }
        "editmessagereplymarkup" => json!({"message_id": body["message_id"], "date": 0,
            "chat": {"id": body["chat_id"], "type": "private", "first_name": "U"}, "text": "…"}),
        _ => json!(true),
    };
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

/// What one simulated user did.
#[derive(Default)]
struct Walked {
    inputs: u64,
    answered: u64,
    lost: u64,
    tickets: u64,
}

#[allow(clippy::too_many_arguments)]
async fn user(
    api: Arc<Api>,
    chat: i64,
    kind: usize,
    args: Arc<Args>,
    mut inbox: mpsc::UnboundedReceiver<String>,
    tokens: Option<Arc<Mutex<mpsc::Receiver<()>>>>,
    until: Option<Instant>,
) -> Walked {
    let echo = args.target == "echo";
    let mut walked = Walked::default();
    let mut first_ticket = true;
    let limit = args.messages.unwrap_or(usize::MAX);
    'paths: loop {
        let path: Vec<Step> = if args.open_only {
            vec![Step::Write("/start")]
        } else if (echo && !args.echo_presses) || args.text_only {
            ECHO_PATH.to_vec()
        } else if args.agents_every > 0 && kind % args.agents_every == 1 {
            AGENT_PATH.to_vec()
        } else if args.tickets_every > 0 && kind.is_multiple_of(args.tickets_every) {
            let path = ticket_path(first_ticket);
            first_ticket = false;
            path
        } else {
            FAQ_PATH.to_vec()
        };
        for step in path {
            if walked.inputs as usize >= limit || until.is_some_and(|u| Instant::now() >= u) {
                break 'paths;
            }
            if let Some(tokens) = &tokens {
                tokens.lock().await.recv().await;
            }
            while inbox.try_recv().is_ok() {}
            api.push(chat, step).await;
            walked.inputs += 1;
            match tokio::time::timeout(REPLY_TIMEOUT, inbox.recv()).await {
                Ok(Some(reply)) => {
                    walked.answered += 1;
                    if step == Step::Press("ticket:create") && reply.contains("número") {
                        walked.tickets += 1;
                    }
                }
                _ => {
                    walked.lost += 1;
                    break 'paths;
                }
            }
            if args.think_ms > 0 {
                tokio::time::sleep(Duration::from_millis(args.think_ms)).await;
            }
        }
        if args.messages.is_none() && until.is_none() {
            break;
        }
    }
    walked
}

fn proc_status(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
}

/// User and system CPU time of a process, in seconds.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn bot_binary(target: &str) -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let examples = exe.parent().context("no folder")?;
    let path = match target {
        "echo" => examples.join("echo_bot"),
        _ => examples.parent().context("no folder")?.join("mesabot"),
    };
    anyhow::ensure!(
        path.exists(),
        "{} is missing: run `cargo build --release --bins --examples` first",
        path.display()
    );
    Ok(path)
}

/// A bot process, and in webhook mode where it listens.
struct Bot {
    child: tokio::process::Child,
    webhook: Option<String>,
}

/// Starts `args.replicas` processes: one polling, or several in webhook mode,
/// each found listening (its log says where) before this returns.
async fn start_bots(args: &Args, url: &str, dir: &Path) -> anyhow::Result<Vec<Bot>> {
    if args.replicas <= 1 {
        let child = start_bot(args, url, dir, false)?;
        return Ok(vec![Bot {
            child,
            webhook: None,
        }]);
    }
    let mut bots = Vec::new();
    for _ in 0..args.replicas {
        let mut child = start_bot(args, url, dir, true)?;
        let stderr = child.stderr.take().context("the replica's log")?;
        let mut lines = tokio::io::AsyncBufReadExt::lines(tokio::io::BufReader::new(stderr));
        let listen = loop {
            let line = lines
                .next_line()
                .await?
                .context("a replica stopped before it listened")?;
            let line = without_colours(&line);
            if line.contains("webhook listening")
                && let Some(rest) = line.split("listen=").nth(1)
            {
                break rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
            }
        };
        // The rest of the log is read, so the replica never blocks on it.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        bots.push(Bot {
            child,
            webhook: Some(format!("http://{listen}/telegram")),
        });
    }
    Ok(bots)
}

/// A log line without its terminal colour codes (ESC up to a letter).
fn without_colours(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|next| next.is_ascii_alphabetic());
        } else {
            out.push(c);
        }
    }
    out
}

fn start_bot(
    args: &Args,
    url: &str,
    dir: &Path,
    webhook: bool,
) -> anyhow::Result<tokio::process::Child> {
    let mut command = tokio::process::Command::new(bot_binary(&args.target)?);
    if args.target != "echo" {
        command.arg("serve");
    }
    command
        .current_dir(dir)
        .env_clear()
        .env("TELOXIDE_TOKEN", "123456:LOAD-TEST")
        .env("TELOXIDE_API_URL", url)
        .env(
            "DATABASE_URL",
            args.database
                .clone()
                .unwrap_or_else(|| format!("sqlite://{}/mesabot.db", dir.display())),
        )
        .env("OUTBOX_DIR", dir.join("outbox"))
        .env(
            "RUST_LOG",
            std::env::var("BOT_LOG").unwrap_or_else(|_| "error".into()),
        )
        .env("TELEGRAM_RATE_LIMITS", &args.rate_limits)
        .env("TELEGRAM_FLOOD_LIMIT", "off")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true);
    if args.agents_every > 0 {
        command.env("AGENT_CHAT_ID", GROUP.to_string());
    }
    // To watch the bot's /metrics during a run (one bot: replicas would share it).
    if let Ok(listen) = std::env::var("BOT_METRICS_LISTEN") {
        command.env("METRICS_LISTEN", listen);
    }
    if webhook {
        let log = std::env::var("BOT_LOG").unwrap_or_else(|_| "error".into());
        command
            .env("WEBHOOK_URL", WEBHOOK_URL)
            .env("WEBHOOK_LISTEN", "127.0.0.1:0")
            .env("WEBHOOK_SECRET", WEBHOOK_SECRET)
            .env(
                "RUST_LOG",
                format!("{log},mesabot::telegram::listeners=info"),
            )
            .stderr(std::process::Stdio::piped());
    }
    Ok(command.spawn()?)
}

async fn stop_bot(mut bot: tokio::process::Child) {
    if let Some(pid) = bot.id() {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status();
    }
    let _ = tokio::time::timeout(Duration::from_secs(20), bot.wait()).await;
}

/// "p50 … ms  p95 … ms  p99 … ms  max … ms" of sorted latencies.
fn percentiles(sorted: &[Duration]) -> String {
    format!(
        "p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        percentile(sorted, 0.50),
        percentile(sorted, 0.95),
        percentile(sorted, 0.99),
        percentile(sorted, 1.0)
    )
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Arc::new(Args::parse());
    let api = Api::new();
    let app = Router::new().fallback(handle).with_state(api.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let dir = tempfile::tempdir()?;
    anyhow::ensure!(
        args.replicas <= 1
            || args
                .database
                .as_deref()
                .is_some_and(|db| db.starts_with("postgres")),
        "--replicas needs --database postgres://… (replicas share one PostgreSQL)"
    );

    // A first start creates and migrates the database; the measured start is
    // the second, on an existing database.
    let mut startup_ms = None;
    if args.target != "echo" {
        let bot = start_bot(&args, &url, dir.path(), false)?;
        while api.gets.load(Ordering::Relaxed) == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        stop_bot(bot).await;
        api.stats.lock().await.first_get_updates = None;
        if let Ok(mut calls) = api.calls.lock() {
            calls.clear();
        }
    }
    let spawned = Instant::now();
    let bots = start_bots(&args, &url, dir.path()).await?;
    let pids = bots
        .iter()
        .map(|bot| bot.child.id().context("bot pid"))
        .collect::<anyhow::Result<Vec<u32>>>()?;
    let webhooks: Vec<String> = bots.iter().filter_map(|b| b.webhook.clone()).collect();
    if webhooks.is_empty() {
        loop {
            if let Some(first) = api.stats.lock().await.first_get_updates {
                startup_ms = startup_ms.or(Some((first - spawned).as_secs_f64() * 1000.0));
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    } else {
        startup_ms = Some(spawned.elapsed().as_secs_f64() * 1000.0);
        if let Ok(mut slots) = api.webhooks.write() {
            *slots = webhooks;
        }
    }
    let cpu_of_bots = |pids: &[u32]| pids.iter().filter_map(|pid| cpu_seconds(*pid)).sum::<f64>();
    let cpu_before = cpu_of_bots(&pids);

    // Open loop: a ticker hands out one token per offered input.
    let tokens = (args.rate > 0.0).then(|| {
        let (tx, rx) = mpsc::channel::<()>(1);
        let every = Duration::from_secs_f64(1.0 / args.rate);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
            loop {
                tick.tick().await;
                if tx.send(()).await.is_err() {
                    break;
                }
            }
        });
        Arc::new(Mutex::new(rx))
    });
    let started = Instant::now();
    let until = args.duration.map(|s| started + Duration::from_secs(s));
    let mut users = Vec::new();
    for n in 0..args.users {
        let chat = 100_000 + n as i64;
        let inbox = api.register(chat).await;
        users.push(tokio::spawn(user(
            api.clone(),
            chat,
            n,
            args.clone(),
            inbox,
            tokens.clone(),
            until,
        )));
    }
    // Memory over time, to see it stay flat.
    let rss_samples = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sampler = {
        let samples = rss_samples.clone();
        let pids = pids.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(5)).await;
                let mb = pids
                    .iter()
                    .filter_map(|pid| proc_status(*pid, "VmRSS:"))
                    .max()
                    .unwrap_or(0)
                    / 1024;
                if let Ok(mut samples) = samples.lock() {
                    samples.push(mb);
                }
            }
        })
    };
    let mut total = Walked::default();
    for handle in users {
        let walked = handle.await?;
        total.inputs += walked.inputs;
        total.answered += walked.answered;
        total.lost += walked.lost;
        total.tickets += walked.tickets;
    }
    let elapsed = started.elapsed();
    // Let trailing messages (ratings, group posts) arrive.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let cpu = cpu_of_bots(&pids) - cpu_before;
    let peak_rss_mb = pids
        .iter()
        .filter_map(|pid| proc_status(*pid, "VmHWM:"))
        .max()
        .unwrap_or(0) as f64
        / 1024.0;
    sampler.abort();
    for bot in bots {
        stop_bot(bot.child).await;
    }

    let stats = api.stats.lock().await;
    let mut latencies = stats.latencies.clone();
    latencies.sort_unstable();
    // The same without the first seconds (connections opening, caches filling).
    let mut steady: Vec<Duration> = match stats.first_input {
        Some(first) => stats
            .latencies
            .iter()
            .zip(&stats.latency_at)
            .filter(|(_, at)| **at - first >= Duration::from_secs(2))
            .map(|(latency, _)| *latency)
            .collect(),
        None => Vec::new(),
    };
    steady.sort_unstable();
    let burst = match (stats.first_input, stats.last_reply) {
        (Some(first), Some(last)) => (last - first).as_secs_f64(),
        _ => 0.0,
    };
    let minimum = stats.bot_messages as f64 / 30.0;
    println!("target            {}", args.target);
    println!("users             {}", args.users);
    println!(
        "regime            {} loop{}, rate limits {}",
        if args.rate > 0.0 { "open" } else { "closed" },
        if args.rate > 0.0 {
            format!(" at {} inputs/s", args.rate)
        } else {
            String::new()
        },
        args.rate_limits
    );
    if args.replicas > 1 {
        println!(
            "replicas          {} in webhook mode, updates posted to each in turn",
            args.replicas
        );
    }
    if let Some(ms) = startup_ms {
        let until = if args.replicas > 1 {
            "every replica listening"
        } else {
            "the first getUpdates"
        };
        println!("start-up          {ms:.0} ms to {until}");
    }
    println!(
        "inputs            {} answered {} lost {}",
        total.inputs, total.answered, total.lost
    );
    println!("elapsed           {:.2} s", elapsed.as_secs_f64());
    println!(
        "throughput        {:.0} updates handled per second",
        total.answered as f64 / elapsed.as_secs_f64()
    );
    println!("first reply       {}", percentiles(&latencies));
    if !steady.is_empty() && steady.len() < latencies.len() {
        println!("  after 2 s       {}", percentiles(&steady));
    }
    println!(
        "bot CPU           {:.2} s in all, {:.0} µs per update",
        cpu,
        cpu * 1e6 / total.answered.max(1) as f64
    );
    println!("bot peak RSS      {peak_rss_mb:.1} MB (the largest process)");
    println!(
        "bot messages      {} ({} to the agents' group)",
        stats.bot_messages, stats.group_posts
    );
    println!("limit violations  {}", stats.violations);
    if let Ok(calls) = api.calls.lock() {
        let per_update = |n: u64| n as f64 / total.answered.max(1) as f64;
        let all: u64 = calls.values().sum();
        let each: Vec<String> = calls
            .iter()
            .map(|(method, n)| format!("{method} {:.2}", per_update(*n)))
            .collect();
        println!(
            "Bot API calls     {:.2} per update: {}",
            per_update(all),
            each.join(", ")
        );
    }
    if args.rate_limits == "on" {
        println!(
            "drain             {burst:.1} s for {} messages; physical minimum {minimum:.1} s ({:+.1} %)",
            stats.bot_messages,
            (burst / minimum.max(0.001) - 1.0) * 100.0
        );
    }
    drop(stats);
    if let Ok(samples) = rss_samples.lock()
        && !samples.is_empty()
    {
        println!("bot RSS every 5 s {samples:?} MB");
    }
    if args.target != "echo" {
        sqlx::any::install_default_drivers();
        let db = args
            .database
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}/mesabot.db?mode=ro", dir.path().display()));
        let pool = sqlx::AnyPool::connect(&db).await?;
        let tickets: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
            .fetch_one(&pool)
            .await?;
        let mails: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
            .fetch_one(&pool)
            .await?;
        let open: i64 =
            sqlx::query_scalar("SELECT count(*) FROM conversations WHERE ended_at IS NULL")
                .fetch_one(&pool)
                .await?;
        println!(
            "tickets           {tickets} in the database, {} completed by users; {mails} mails queued (2 per ticket: {})",
            total.tickets,
            if mails == 2 * tickets && tickets == total.tickets as i64 {
                "ok"
            } else {
                "MISMATCH"
            }
        );
        println!("open conversations {open}");
    }
    Ok(())
}
