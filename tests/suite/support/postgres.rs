//! A throwaway PostgreSQL for the suite's PostgreSQL pass
//! (`MESABOT_TEST_DATABASE=postgres cargo test`): started once per test
//! process from the machine's packages (Debian's `postgresql`), listening only
//! on a Unix socket in a private folder (so no port can clash), each test on a
//! database of its own, and stopped and removed when the test process ends.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

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
        Server {
            folder,
            programs,
            next: AtomicU32::new(0),
            _watchdog: Mutex::new(watchdog),
        }
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
}

/// The server under a shell that starts it (`pg_ctl -w` waits until it
/// accepts connections, 30 s at most) and says "ready", then waits for its
/// standard input to close to stop the server (fast shutdown) and remove
/// the folder. Returns once the server is ready.
fn spawn_watchdog(programs: &Programs, folder: &Path) -> (Child, ChildStdin) {
    let script = r#"
        "$1/pg_ctl" -D "$2/data" -l "$2/log" -w -t 30 \
            -o "-k $2 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
            start >/dev/null || exit 1
        echo ready
        read _ignored
        "$1/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null
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
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("PostgreSQL starts");
    let mut said = String::new();
    let stdout = child.stdout.take().expect("watchdog's output");
    let _ = BufReader::new(stdout).read_line(&mut said);
    assert_eq!(
        said.trim(),
        "ready",
        "PostgreSQL did not start within 30 s; its log: {}",
        std::fs::read_to_string(folder.join("log")).unwrap_or_default()
    );
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
