//! A throwaway PostgreSQL for the suite's PostgreSQL pass
//! (`MESABOT_TEST_DATABASE=postgres cargo test`): started once per test
//! process from the machine's packages (Debian's `postgresql`), listening only
//! on a Unix socket in a private folder (so no port can clash), each test on a
//! database of its own, and stopped and removed when the test process ends.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Whether this run is the PostgreSQL pass.
pub fn selected() -> bool {
    std::env::var("MESABOT_TEST_DATABASE").is_ok_and(|v| v.eq_ignore_ascii_case("postgres"))
}

/// A new, empty database on the shared server; its URL.
pub fn new_database() -> String {
    let server = SERVER.get_or_init(Server::start);
    let name = format!(
        "test_{}_{}",
        std::process::id(),
        server.next.fetch_add(1, Ordering::Relaxed)
    );
    server.run(
        "createdb",
        &["-h", &server.socket(), "-U", "mesabot", &name],
    );
    server.url(&name)
}

static SERVER: OnceLock<Server> = OnceLock::new();

struct Server {
    folder: PathBuf,
    programs: Programs,
    next: AtomicU32,
    /// Kept open for the life of the process: when it closes (the process
    /// ended, however), the watchdog stops the server and removes its folder.
    _watchdog: Mutex<(Child, ChildStdin)>,
}

/// PostgreSQL's programs, run as `postgres` when the tests run as root
/// (PostgreSQL refuses to run as root).
struct Programs {
    bin: PathBuf,
    as_postgres: bool,
}

impl Programs {
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let output = self
            .command(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{program} does not run: {e}"));
        assert!(
            output.status.success(),
            "{program} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Server {
    fn start() -> Server {
        let programs = Programs {
            bin: bin_folder(),
            as_postgres: std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0),
        };
        let folder = tempfile::Builder::new()
            .prefix("mesabot-postgres-")
            .tempdir()
            .expect("a folder for PostgreSQL")
            .keep();
        if programs.as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(&folder)
                .status()
                .expect("chown runs");
            assert!(status.success(), "chown to postgres failed");
        }
        let data = folder.join("data").display().to_string();
        programs.run(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "mesabot",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
        );
        let watchdog = spawn_watchdog(&programs, &folder);
        let server = Server {
            folder,
            programs,
            next: AtomicU32::new(0),
            _watchdog: Mutex::new(watchdog),
        };
        server.wait_until_ready();
        server
    }

    fn socket(&self) -> String {
        self.folder.display().to_string()
    }

    fn url(&self, database: &str) -> String {
        format!(
            "postgres://mesabot@localhost/{database}?host={}",
            self.socket()
        )
    }

    fn run(&self, program: &str, args: &[&str]) {
        self.programs.run(program, args);
    }

    fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = self
                .programs
                .command("pg_isready")
                .args(["-h", &self.socket(), "-U", "mesabot", "-d", "postgres"])
                .output()
                .is_ok_and(|o| o.status.success());
            if ready {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "PostgreSQL did not start within 30 s; its log: {}",
                std::fs::read_to_string(self.folder.join("log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The server under a shell that waits for its standard input to close,
/// then stops the server (fast shutdown) and removes the folder.
fn spawn_watchdog(programs: &Programs, folder: &Path) -> (Child, ChildStdin) {
    let script = r#"
        "$1/postgres" -D "$2/data" -k "$2" -c listen_addresses= \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
            -c max_connections=300 >"$2/log" 2>&1 &
        pid=$!
        read _ignored
        kill -INT "$pid"
        wait "$pid"
        rm -rf "$2"
    "#;
    let mut command = if programs.as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]);
        c.arg("sh");
        c
    } else {
        Command::new("sh")
    };
    let mut child = command
        .args(["-c", script, "sh"])
        .arg(&programs.bin)
        .arg(folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("PostgreSQL starts");
    let stdin = child.stdin.take().expect("watchdog's input");
    (child, stdin)
}

/// `MESABOT_TEST_PG_BIN`, or the newest `/usr/lib/postgresql/<version>/bin`.
fn bin_folder() -> PathBuf {
    if let Some(bin) = std::env::var_os("MESABOT_TEST_PG_BIN") {
        return PathBuf::from(bin);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("postgres").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!(
            "MESABOT_TEST_DATABASE=postgres needs PostgreSQL's programs: install them \
             (apt-get install -y postgresql) or set MESABOT_TEST_PG_BIN to their folder"
        )
    })
}
