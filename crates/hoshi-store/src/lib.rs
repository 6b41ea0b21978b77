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

pub mod assessments;
pub mod attestations;
pub mod audit;
pub mod catalogs;
pub mod db;
pub mod evaluation;
pub mod evidence;
pub mod mail;
pub mod orgs;
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
        }
    }
}

impl std::error::Error for StoreError {}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database.
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
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
            let r = Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI,
            )?;
            configure(&r)?;
            readers.push(r);
        }
        Ok(Store {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(readers),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one read transaction on a reader connection (concurrent with other readers
    /// and the writer): every query in `f` sees the same snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&ReadTx) -> Result<T>) -> Result<T> {
        let conn = self.readers.lock().map_err(|_| poisoned())?.pop();
        let conn = match conn {
            Some(c) => c,
            None => {
                // All readers busy: open a temporary one rather than wait.
                let c = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                configure(&c)?;
                c
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

    /// Runs `f` in an immediate write transaction; commits when `f` succeeds, rolls back otherwise.
    pub fn write<T>(&self, f: impl FnOnce(&WriteTx) -> Result<T>) -> Result<T> {
        let mut conn = self.writer.lock().map_err(|_| poisoned())?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&WriteTx::sqlite(&tx))?;
        tx.commit()?;
        Ok(value)
    }
}

fn poisoned() -> StoreError {
    StoreError::Io("a database connection was poisoned by an earlier panic".into())
}

fn migrate(c: &Connection) -> Result<()> {
    c.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )?;
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
