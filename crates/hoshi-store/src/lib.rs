//! # hoshi-store
//!
//! All of hoshi's SQL lives here, behind the store's own handles: [`ReadTx`] (one read
//! transaction, a consistent snapshot) and [`WriteTx`] (one write transaction, with its audit
//! entries). No driver type and no SQL leave this crate; callers use the free functions of each
//! aggregate's module (`assessments`, `reviews`, `supply`…). Tests that must set up a state no
//! user action reaches use raw SQL through the `testing` feature ([`db`]'s `testing` module).
//!
//! The SQL is written portably — numbered placeholders `?N` (a PostgreSQL backend rewrites them
//! to `$N` mechanically), TEXT / BIGINT / INTEGER types, `ON CONFLICT` upserts, no SQLite-only
//! functions. (Not `$N` here: SQLite reads `$2` as a *named* parameter numbered by first
//! appearance, which silently mis-binds `SET a = $2 WHERE id = $1`.) The embedded backend is
//! SQLite (WAL, foreign keys on, a busy timeout), with one writer connection whose transactions
//! start `BEGIN IMMEDIATE` (no late lock upgrade, no `SQLITE_BUSY` mid-transaction) and a small
//! pool of reader connections, each read running inside `BEGIN … COMMIT`.
//!
//! Every function takes `now` (Unix seconds) from the caller: the store never reads the clock.
//! Every change that users make is written together with its audit entry, in one transaction.

pub use db::{DbError, DbErrorKind, ReadTx, WriteTx};
pub use scope::OrgScope;

pub mod account_checks;
pub mod assessments;
pub mod assets;
pub mod attestations;
pub mod audit;
pub mod backups;
pub mod blobs;
pub mod catalogs;
pub mod cycle;
pub mod db;
pub mod deployment;
pub mod documents;
pub mod evaluation;
pub mod evidence;
pub mod exposure;
pub mod fraud;
pub mod incidents;
pub mod mail;
pub mod migrate;
pub mod orgs;
mod pg;
mod pg_tls;
pub mod posture;
pub mod registers;
pub use pg_tls::CA_FILE as DATABASE_CA_FILE;
pub mod reports;
pub mod reviews;
pub mod scope;
pub mod sessions;
pub mod supply;
pub mod tokens;
pub mod users;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use sha2::{Digest, Sha256};

/// Migrations for SQLite, applied in order on open.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_initial.sql")),
    (2, include_str!("../migrations/sqlite/0002_evidence.sql")),
    (3, include_str!("../migrations/sqlite/0003_api_tokens.sql")),
    (
        4,
        include_str!("../migrations/sqlite/0004_supply_chain.sql"),
    ),
    (
        5,
        include_str!("../migrations/sqlite/0005_mail_and_evaluation.sql"),
    ),
    (
        6,
        include_str!("../migrations/sqlite/0006_portfolio_generation.sql"),
    ),
    (
        7,
        include_str!("../migrations/sqlite/0007_attestations.sql"),
    ),
    (
        8,
        include_str!("../migrations/sqlite/0008_public_register.sql"),
    ),
    (
        9,
        include_str!("../migrations/sqlite/0009_reports_and_imports.sql"),
    ),
    (
        10,
        include_str!("../migrations/sqlite/0010_imported_revocation.sql"),
    ),
    (
        11,
        include_str!("../migrations/sqlite/0011_login_throttle.sql"),
    ),
    (
        12,
        include_str!("../migrations/sqlite/0012_portfolio_revocation.sql"),
    ),
    (13, include_str!("../migrations/sqlite/0013_accounts.sql")),
    (
        14,
        include_str!("../migrations/sqlite/0014_portfolio_progress.sql"),
    ),
    (15, include_str!("../migrations/sqlite/0015_archive.sql")),
    (16, include_str!("../migrations/sqlite/0016_officers.sql")),
    (
        17,
        include_str!("../migrations/sqlite/0017_imported_recheck.sql"),
    ),
    (18, include_str!("../migrations/sqlite/0018_time_zone.sql")),
    (
        19,
        include_str!("../migrations/sqlite/0019_many_writers.sql"),
    ),
    (
        20,
        include_str!("../migrations/sqlite/0020_shared_state.sql"),
    ),
    (
        21,
        include_str!("../migrations/sqlite/0021_membership_roles.sql"),
    ),
    (22, include_str!("../migrations/sqlite/0022_exposure.sql")),
    (
        23,
        include_str!("../migrations/sqlite/0023_scan_approval.sql"),
    ),
    (24, include_str!("../migrations/sqlite/0024_assets.sql")),
    (
        25,
        include_str!("../migrations/sqlite/0025_accounts_backups.sql"),
    ),
    (26, include_str!("../migrations/sqlite/0026_mail_fraud.sql")),
    (
        27,
        include_str!("../migrations/sqlite/0027_mail_posture.sql"),
    ),
    (28, include_str!("../migrations/sqlite/0028_documents.sql")),
    (29, include_str!("../migrations/sqlite/0029_cycle.sql")),
    (30, include_str!("../migrations/sqlite/0030_incidents.sql")),
    (31, include_str!("../migrations/sqlite/0031_registers.sql")),
];

const READERS: usize = 4;

/// How many migrations this build knows.
pub fn migration_count() -> usize {
    MIGRATIONS.len()
}

#[derive(Debug)]
pub enum StoreError {
    Db(DbError),
    /// Someone else changed the row first (optimistic concurrency).
    Conflict {
        current_version: i64,
    },
    NotFound,
    /// The request breaks a rule (duplicate email, last owner leaving…): something the user can
    /// fix, said in their language by the web layer.
    Rule(hoshi_core::UserError),
    /// The actor's role does not allow the change.
    Forbidden,
    Io(String),
    /// The database was set up by a newer hoshi (schema version `have`; this build knows
    /// `known`): it is left untouched.
    SchemaNewer {
        have: i64,
        known: i64,
    },
}

impl StoreError {
    /// For the operator, in their language.
    pub fn message(&self, lang: hoshi_core::Lang) -> String {
        match (self, lang) {
            (StoreError::SchemaNewer { have, known }, hoshi_core::Lang::Ja) => format!(
                "このデータベースは新しい hoshi で作成・更新されています（スキーマ {have}、この hoshi が扱えるのは {known} まで）。hoshi を更新してから起動してください。データベースには何も変更していません。"
            ),
            (StoreError::Db(e), hoshi_core::Lang::Ja) if e.kind == DbErrorKind::Unavailable => {
                format!("データベースに接続できません: {}", e.message)
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Db(e) => write!(f, "database error: {e}"),
            StoreError::Conflict { current_version } => {
                write!(
                    f,
                    "changed by someone else (now at version {current_version})"
                )
            }
            StoreError::NotFound => f.write_str("not found"),
            StoreError::Rule(e) => write!(f, "{} ({e})", e.code()),
            StoreError::Forbidden => f.write_str("forbidden"),
            StoreError::Io(m) => f.write_str(m),
            StoreError::SchemaNewer { have, known } => write!(
                f,
                "the database was set up by a newer hoshi (schema {have}; this hoshi knows up to {known}); upgrade hoshi first — nothing was changed"
            ),
        }
    }
}

impl std::error::Error for StoreError {}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database.
pub struct Store {
    backend: Backend,
}

enum Backend {
    Sqlite(Sqlite),
    Postgres(Box<pg::Pg>),
}

/// The embedded database: one file, one writer connection and a few readers.
struct Sqlite {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

/// Where the data lives: the embedded SQLite file in the data directory (the default), or a
/// PostgreSQL server shared by several `hoshi serve` processes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Database {
    /// `--database` when given (a `postgres://` or `postgresql://` URL), else the data directory's
    /// SQLite file.
    pub fn choose(data_dir: &Path, url: Option<&str>) -> Database {
        match url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => Database::Postgres(u.to_string()),
            None => Database::Sqlite(data_dir.to_path_buf()),
        }
    }

    /// For messages: the directory, or the server without user name and password.
    pub fn describe(&self) -> String {
        match self {
            Database::Sqlite(dir) => dir.join("hoshi.db").display().to_string(),
            Database::Postgres(url) => redact(url),
        }
    }
}

/// A PostgreSQL URL without its password.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// Database connections a PostgreSQL store keeps at most (the server runs at most 8 blocking
/// threads; the rest serve the background jobs).
const PG_POOL: usize = 12;

/// A read-only connection to the database file, configured like every other.
fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let c = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    configure(&c)?;
    Ok(c)
}

fn configure(c: &Connection) -> rusqlite::Result<()> {
    c.busy_timeout(Duration::from_secs(5))?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    // FULL: a write the server confirmed survives a power cut (NORMAL in WAL mode can lose the
    // last transactions before a checkpoint).
    c.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

impl Store {
    /// Opens the database chosen by [`Database::choose`] and applies pending migrations.
    pub fn connect(db: &Database) -> Result<Store> {
        match db {
            Database::Sqlite(dir) => Store::open(dir),
            Database::Postgres(url) => Store::open_postgres(url),
        }
    }

    /// Connects to PostgreSQL at `url`, checks the server's version and applies pending
    /// migrations (one server at a time). TLS follows the URL's `sslmode` (`require` verifies
    /// the server against the Mozilla roots plus the CA file named by `HOSHI_DATABASE_CA_FILE`;
    /// the default `prefer` uses TLS to any host but this machine).
    pub fn open_postgres(url: &str) -> Result<Store> {
        let ca = std::env::var_os(DATABASE_CA_FILE)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        Store::open_postgres_with(url, ca.as_deref())
    }

    /// [`Store::open_postgres`] with the CA file given.
    pub fn open_postgres_with(url: &str, ca_file: Option<&Path>) -> Result<Store> {
        Ok(Store {
            backend: Backend::Postgres(Box::new(pg::Pg::open(url, PG_POOL, ca_file)?)),
        })
    }

    /// Whether this store is PostgreSQL (shared by several servers).
    pub fn is_shared(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// Opens (or creates) `hoshi.db` in `data_dir` and applies pending migrations.
    pub fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StoreError::Io(format!("cannot create {}: {e}", data_dir.display())))?;
        let path = data_dir.join("hoshi.db");
        let writer = Connection::open(&path)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        configure(&writer)?;
        migrate(&writer)?;
        let mut readers = Vec::new();
        for _ in 0..READERS {
            readers.push(open_reader(&path)?);
        }
        Ok(Store {
            backend: Backend::Sqlite(Sqlite {
                path,
                writer: Mutex::new(writer),
                readers: Mutex::new(readers),
            }),
        })
    }

    /// Runs `f` in one read transaction (concurrent with other readers and the writer): every
    /// query in `f` sees the same snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&ReadTx) -> Result<T>) -> Result<T> {
        match &self.backend {
            Backend::Sqlite(s) => s.read(f),
            Backend::Postgres(p) => p.read(|c| f(&ReadTx::pg(c))),
        }
    }

    /// Runs `f` in one write transaction; commits when `f` succeeds, rolls back otherwise.
    /// Write transactions run one at a time (SQLite: `BEGIN IMMEDIATE` on the one writer;
    /// PostgreSQL: the store-wide write lock), whichever server they come from.
    pub fn write<T>(&self, f: impl FnOnce(&WriteTx) -> Result<T>) -> Result<T> {
        match &self.backend {
            Backend::Sqlite(s) => s.write(f),
            Backend::Postgres(p) => p.write(|c| f(&WriteTx::pg(c))),
        }
    }
}

impl Store {
    /// A write transaction without the store-wide write lock on PostgreSQL (on SQLite the same
    /// as [`Store::write`]): only for writes that stay right however they interleave with
    /// others — counters and content-addressed inserts. Rules that read before they write
    /// belong in [`Store::write`].
    pub fn write_unlocked<T>(&self, f: impl FnOnce(&WriteTx) -> Result<T>) -> Result<T> {
        match &self.backend {
            Backend::Sqlite(s) => s.write(f),
            Backend::Postgres(p) => p.write_unlocked(|c| f(&WriteTx::pg(c))),
        }
    }
}

impl Sqlite {
    /// A reader connection inside a read transaction (one snapshot) for a long copy; the
    /// transaction ends when the connection is dropped.
    fn reader(&self) -> Result<Connection> {
        let c = open_reader(&self.path)?;
        c.execute_batch("BEGIN")?;
        Ok(c)
    }

    fn data_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    fn read<T>(&self, f: impl FnOnce(&ReadTx) -> Result<T>) -> Result<T> {
        let conn = self.readers.lock().map_err(|_| poisoned())?.pop();
        let conn = match conn {
            Some(c) => c,
            None => {
                // All readers busy: open a temporary one rather than wait.
                open_reader(&self.path)?
            }
        };
        conn.execute_batch("BEGIN")?;
        let result = f(&ReadTx::sqlite(&conn));
        // A read transaction changes nothing: ending it either way releases the snapshot.
        if let Err(e) = conn.execute_batch("COMMIT") {
            let _ = conn.execute_batch("ROLLBACK");
            if result.is_ok() {
                return Err(e.into());
            }
        }
        let mut pool = self.readers.lock().map_err(|_| poisoned())?;
        if pool.len() < READERS {
            pool.push(conn);
        }
        result
    }

    fn write<T>(&self, f: impl FnOnce(&WriteTx) -> Result<T>) -> Result<T> {
        let mut conn = self.writer.lock().map_err(|_| poisoned())?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&WriteTx::sqlite(&tx))?;
        tx.commit()?;
        Ok(value)
    }
}

pub(crate) fn poisoned() -> StoreError {
    StoreError::Io("a database connection was poisoned by an earlier panic".into())
}

/// A database set up by a newer hoshi is left alone: this build would not know its tables.
pub(crate) fn newer_schema_check(have: i64, known: usize) -> Result<()> {
    if usize::try_from(have).unwrap_or(usize::MAX) > known {
        return Err(StoreError::SchemaNewer {
            have,
            known: i64::try_from(known).unwrap_or(i64::MAX),
        });
    }
    Ok(())
}

fn migrate(c: &Connection) -> Result<()> {
    c.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )?;
    let have: i64 = c.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )?;
    newer_schema_check(have, MIGRATIONS.len())?;
    for (version, sql) in MIGRATIONS {
        let done: bool = c.query_row(
            "SELECT COUNT(*) > 0 FROM schema_migrations WHERE version = ?1",
            [version],
            |r| r.get(0),
        )?;
        if done {
            continue;
        }
        c.execute_batch(&format!(
            "BEGIN IMMEDIATE; {sql}; INSERT INTO schema_migrations (version, applied_at) VALUES ({version}, 0); COMMIT;"
        ))
        .inspect_err(|_| {
            let _ = c.execute_batch("ROLLBACK");
        })?;
    }
    Ok(())
}

/// Answers when the database does: one trivial query.
pub fn ping(c: &ReadTx) -> Result<()> {
    c.query_row("SELECT 1", (), |r| r.get::<i64>(0)).map(|_| ())
}

/// A new random identifier: 128 bits, hex. Not guessable, not sequential.
pub fn new_id() -> String {
    random_hex(16)
}

/// A new secret token (256 bits, hex) for cookies, links and API tokens.
pub fn new_token() -> String {
    random_hex(32)
}

pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut b = vec![0u8; n];
    getrandom::fill(&mut b).expect("the operating system's random source failed");
    b
}

pub fn random_hex(n: usize) -> String {
    hex(&random_bytes(n))
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// SHA-256 of a secret, hex: tokens are stored only as hashes.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Checks that `id` looks like one of ours before it reaches a query (32 lower-case hex digits).
pub fn is_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
