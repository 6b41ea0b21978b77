//! The PostgreSQL backend: a pool of connections, its migrations, and the conversions between
//! the store's values and PostgreSQL's types.
//!
//! The store's callers are synchronous (blocking threads of the web server, the command line), so
//! each call waits for its answer on the calling thread. The connections themselves (sockets,
//! TLS) run on one small I/O runtime the pool owns, so a call works from any thread, also one
//! that runs an async task (tests, start-up), without nesting runtimes.
//!
//! Transactions: a read is `REPEATABLE READ, READ ONLY` (one snapshot for all its queries). A
//! write is `READ COMMITTED` and first takes the store-wide write lock (a transaction-scoped
//! advisory lock), so writes from every server run one after another, exactly as SQLite's single
//! writer does: every rule the store checks before it writes (the last owner, a review's state,
//! a version) still holds when it writes. Reads never wait for it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use tokio_postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use tokio_postgres::{Client, Config, NoTls, Statement};

use crate::db::{DbError, DbErrorKind, Owned, Value};
use crate::{Result, StoreError};

/// The key of the store-wide write lock (`pg_advisory_xact_lock`): "hoshi" in ASCII.
const WRITE_LOCK: i64 = 0x68_6f73_6869;
/// The lock held while migrations run, so two servers starting together migrate once.
const MIGRATION_LOCK: i64 = 0x68_6f73_686a;
/// The oldest PostgreSQL hoshi runs on (older releases are out of upstream support).
const MIN_SERVER_VERSION: i64 = 140_000;

/// Migrations for PostgreSQL. Version 19 creates the whole schema as SQLite has it after its
/// 19 migrations; later ones carry the same numbers on both databases.
pub(crate) const MIGRATIONS: &[(i64, &str)] = &[
    (19, include_str!("../migrations/postgres/0019_schema.sql")),
    // The same SQL on both databases from here on, where it is portable.
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

/// Waits on this thread for `f`, which only talks to a connection task running elsewhere.
fn block_on<F: Future>(f: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.unpark();
        }
    }
    let mut f = std::pin::pin!(f);
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

/// One connection with its prepared statements.
pub(crate) struct PgConn {
    client: Client,
    statements: HashMap<String, Statement>,
    /// A read transaction's BEGIN, sent together with its first query (one round trip less);
    /// nothing is sent for a transaction that runs no statement.
    begin: Option<&'static str>,
}

/// Sends `first` and then `second` without waiting in between, then waits for both answers in
/// order: the server gets them back to back, as one round trip.
fn pipelined<A: Future, B: Future>(first: A, second: B) -> (A::Output, B::Output) {
    let mut first = std::pin::pin!(first);
    let mut second = std::pin::pin!(second);
    let mut cx = Context::from_waker(Waker::noop());
    let a = match first.as_mut().poll(&mut cx) {
        Poll::Ready(a) => Some(a),
        Poll::Pending => None,
    };
    let b = match second.as_mut().poll(&mut cx) {
        Poll::Ready(b) => Some(b),
        Poll::Pending => None,
    };
    let a = a.unwrap_or_else(|| block_on(first));
    let b = b.unwrap_or_else(|| block_on(second));
    (a, b)
}

impl PgConn {
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let st = block_on(self.client.prepare(&placeholders(sql)))?;
        if self.statements.len() >= 512 {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), st.clone());
        Ok(st)
    }

    pub(crate) fn query(
        &mut self,
        sql: &str,
        values: &[Value],
    ) -> Result<Vec<tokio_postgres::Row>> {
        let st = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        match self.begin.take() {
            None => Ok(block_on(self.client.query(&st, &params))?),
            Some(begin) => {
                let (began, rows) = pipelined(
                    self.client.batch_execute(begin),
                    self.client.query(&st, &params),
                );
                began?;
                Ok(rows?)
            }
        }
    }

    pub(crate) fn execute(&mut self, sql: &str, values: &[Value]) -> Result<usize> {
        self.send_begin()?;
        let st = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let n = block_on(self.client.execute(&st, &params))?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// Calls `f` on each row as it arrives (a long result is not held in memory at once).
    pub(crate) fn each(
        &mut self,
        sql: &str,
        values: &[Value],
        mut f: impl FnMut(&tokio_postgres::Row) -> Result<bool>,
    ) -> Result<()> {
        use futures_core::Stream;
        self.send_begin()?;
        let st = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let mut rows = Box::pin(block_on(self.client.query_raw(&st, params))?);
        while let Some(r) = block_on(std::future::poll_fn(|cx| rows.as_mut().poll_next(cx))) {
            if !f(&r?)? {
                break;
            }
        }
        Ok(())
    }

    /// Sends a pending BEGIN on its own (before a statement that is not pipelined with it).
    fn send_begin(&mut self) -> Result<()> {
        match self.begin.take() {
            Some(begin) => Ok(block_on(self.client.batch_execute(begin))?),
            None => Ok(()),
        }
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        if self.begin.is_some() && (sql == "COMMIT" || sql == "ROLLBACK") {
            // The transaction never ran a statement: nothing to begin or to end.
            self.begin = None;
            return Ok(());
        }
        self.send_begin()?;
        Ok(block_on(self.client.batch_execute(sql))?)
    }
}

/// `?N` → `$N` outside string literals and quoted names.
pub(crate) fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    out.push(c);
                }
                '?' if chars.peek().is_some_and(char::is_ascii_digit) => out.push('$'),
                _ => out.push(c),
            },
        }
    }
    out
}

/// A pool of connections to one database.
pub(crate) struct Pg {
    config: Config,
    /// TLS when the URL asks for it (`sslmode=require`), or prefers it to a remote host.
    tls: Option<crate::pg_tls::Rustls>,
    idle: Mutex<Pool>,
    freed: Condvar,
    max: usize,
    /// Runs the connections' I/O; shut down without waiting when the store is dropped.
    io: Option<tokio::runtime::Runtime>,
}

impl Drop for Pg {
    fn drop(&mut self) {
        if let Some(io) = self.io.take() {
            io.shutdown_background();
        }
    }
}

struct Pool {
    idle: Vec<PgConn>,
    open: usize,
}

impl Pg {
    /// Connects, checks the server, and applies pending migrations.
    pub(crate) fn open(url: &str, max: usize, ca_file: Option<&std::path::Path>) -> Result<Pg> {
        let pg = Pg::pool(url, max, ca_file)?;
        let mut c = pg.connect()?;
        check_server(&mut c)?;
        migrate(&mut c)?;
        analyze_unknown(&mut c)?;
        pg.give_back(c, true);
        Ok(pg)
    }

    /// The pool for `url`, without connecting yet.
    fn pool(url: &str, max: usize, ca_file: Option<&std::path::Path>) -> Result<Pg> {
        let mut config: Config = url.parse().map_err(|e: tokio_postgres::Error| {
            StoreError::Db(DbError {
                kind: DbErrorKind::Unavailable,
                message: format!("the database address is not a PostgreSQL URL: {e}"),
            })
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        config.application_name("hoshi");
        // hoshi's statements are short; PostgreSQL's JIT compiler spent 22 ms compiling the
        // 10,000-supplier portfolio query that then ran in 70 ms (measured with EXPLAIN).
        let options = match config.get_options() {
            Some(o) => format!("{o} -c jit=off"),
            None => "-c jit=off".to_string(),
        };
        config.options(&options);
        let tls = match config.get_ssl_mode() {
            tokio_postgres::config::SslMode::Disable => None,
            tokio_postgres::config::SslMode::Prefer if all_loopback(&config) => None,
            _ => Some(crate::pg_tls::Rustls::new(ca_file).map_err(|message| {
                StoreError::Db(DbError {
                    kind: DbErrorKind::Unavailable,
                    message,
                })
            })?),
        };
        Ok(Pg {
            config,
            tls,
            idle: Mutex::new(Pool {
                idle: Vec::new(),
                open: 0,
            }),
            freed: Condvar::new(),
            max: max.max(2),
            io: Some(
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .thread_name("hoshi-db")
                    .enable_all()
                    .build()
                    .map_err(|e| {
                        StoreError::Io(format!("cannot start the database I/O thread: {e}"))
                    })?,
            ),
        })
    }

    fn connect(&self) -> Result<PgConn> {
        let io = self
            .io
            .as_ref()
            .ok_or_else(|| StoreError::Io("the store is closing".into()))?;
        let config = self.config.clone();
        let tls = self.tls.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        io.spawn(async move {
            match tls {
                Some(tls) => run_connection(config.connect(tls).await, tx).await,
                None => run_connection(config.connect(NoTls).await, tx).await,
            }
        });
        let client = rx
            .recv()
            .map_err(|_| StoreError::Io("the database I/O thread stopped".into()))?
            .map_err(unreachable)?;
        Ok(PgConn {
            client,
            statements: HashMap::new(),
            begin: None,
        })
    }

    fn take(&self) -> Result<PgConn> {
        let mut pool = self.idle.lock().map_err(|_| crate::poisoned())?;
        loop {
            if let Some(c) = pool.idle.pop() {
                return Ok(c);
            }
            if pool.open < self.max {
                pool.open += 1;
                drop(pool);
                return self.connect().inspect_err(|_| {
                    if let Ok(mut p) = self.idle.lock() {
                        p.open -= 1;
                    }
                });
            }
            let (p, timeout) = self
                .freed
                .wait_timeout(pool, Duration::from_secs(30))
                .map_err(|_| crate::poisoned())?;
            pool = p;
            if timeout.timed_out() && pool.idle.is_empty() && pool.open >= self.max {
                return Err(StoreError::Db(DbError {
                    kind: DbErrorKind::Busy,
                    message: format!("all {} database connections stayed busy for 30 s", self.max),
                }));
            }
        }
    }

    fn give_back(&self, c: PgConn, healthy: bool) {
        if let Ok(mut pool) = self.idle.lock() {
            if healthy && !c.client.is_closed() {
                pool.idle.push(c);
            } else {
                pool.open = pool.open.saturating_sub(1);
            }
        }
        self.freed.notify_one();
    }

    /// Runs `f` in the transaction begun on `c`, commits when it succeeds (rolls back otherwise)
    /// and returns the connection to the pool.
    fn finish<T>(&self, c: PgConn, f: impl FnOnce(&RefCell<PgConn>) -> Result<T>) -> Result<T> {
        let cell = RefCell::new(c);
        let result = f(&cell);
        let mut c = cell.into_inner();
        let end = c.batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
        self.give_back(c, end.is_ok());
        match (result, end) {
            (Ok(v), Ok(())) => Ok(v),
            (Ok(_), Err(e)) | (Err(e), _) => Err(e),
        }
    }

    /// Runs `f` in one read transaction (one snapshot).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&RefCell<PgConn>) -> Result<T>) -> Result<T> {
        let mut c = self.take()?;
        c.begin = Some("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        self.finish(c, f)
    }

    /// Runs `f` in one write transaction holding the store-wide write lock; commits when `f`
    /// succeeds, rolls back otherwise.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&RefCell<PgConn>) -> Result<T>) -> Result<T> {
        self.write_with(true, f)
    }

    /// A write transaction without the store-wide lock, for writes that cannot break a rule
    /// however they interleave (content-addressed inserts, counters).
    pub(crate) fn write_unlocked<T>(
        &self,
        f: impl FnOnce(&RefCell<PgConn>) -> Result<T>,
    ) -> Result<T> {
        self.write_with(false, f)
    }

    fn write_with<T>(
        &self,
        locked: bool,
        f: impl FnOnce(&RefCell<PgConn>) -> Result<T>,
    ) -> Result<T> {
        let mut c = self.take()?;
        // A write's BEGIN and lock go in one message, and are answered before any statement:
        // nothing may run outside the transaction.
        let begin = if locked {
            format!("BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        } else {
            "BEGIN".to_string()
        };
        let begun = c.batch(&begin);
        if let Err(e) = begun {
            let _ = c.batch("ROLLBACK");
            self.give_back(c, false);
            return Err(e);
        }
        self.finish(c, f)
    }
}

/// Hands the client over and drives the connection until the client is dropped or the server
/// goes away.
async fn run_connection<S, T>(
    made: std::result::Result<(Client, tokio_postgres::Connection<S, T>), tokio_postgres::Error>,
    tx: std::sync::mpsc::Sender<std::result::Result<Client, tokio_postgres::Error>>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    match made {
        Ok((client, connection)) => {
            let _ = tx.send(Ok(client));
            let _ = connection.await;
        }
        Err(e) => {
            let _ = tx.send(Err(e));
        }
    }
}

/// Whether every host of the URL is this machine (a socket directory, localhost, a loopback
/// address): there `sslmode=prefer`, the default, goes without TLS.
fn all_loopback(config: &Config) -> bool {
    use tokio_postgres::config::Host;
    config.get_hosts().iter().all(|h| match h {
        Host::Tcp(name) => {
            name == "localhost"
                || name
                    .trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        #[cfg(unix)]
        Host::Unix(_) => true,
    })
}

fn unreachable(e: tokio_postgres::Error) -> StoreError {
    let kind = if e.as_db_error().is_some() {
        DbErrorKind::Other
    } else {
        DbErrorKind::Unavailable
    };
    let mut message = format!("cannot connect to the database: {e}");
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    StoreError::Db(DbError { kind, message })
}

fn check_server(c: &mut PgConn) -> Result<()> {
    let rows = c.query("SHOW server_version_num", &[])?;
    let v: String = rows.first().map(|r| r.get(0)).unwrap_or_default();
    let v: i64 = v.trim().parse().unwrap_or(0);
    if v < MIN_SERVER_VERSION {
        return Err(StoreError::Db(DbError {
            kind: DbErrorKind::Unavailable,
            message: format!(
                "the database server is PostgreSQL {}.{}; hoshi needs {} or newer",
                v / 10000,
                v % 10000,
                MIN_SERVER_VERSION / 10000
            ),
        }));
    }
    Ok(())
}

fn migrate(c: &mut PgConn) -> Result<()> {
    c.execute("SELECT pg_advisory_lock(?1)", &[Value::Int(MIGRATION_LOCK)])?;
    let r = migrate_locked(c);
    let _ = c.execute(
        "SELECT pg_advisory_unlock(?1)",
        &[Value::Int(MIGRATION_LOCK)],
    );
    r
}

/// Gathers planner statistics for the tables that have none yet. Autovacuum analyzes a table
/// only after 50 rows have changed, so a small table (evaluation bodies, expert profiles) may
/// never have statistics; PostgreSQL then guesses it holds hundreds of rows and walks the other
/// side of a join instead — measured: the second-factor rule read all 1,000 memberships of a
/// consultant's account on every page (0.75 ms of 1 ms), 0.04 ms once the tables were analyzed.
fn analyze_unknown(c: &mut PgConn) -> Result<()> {
    let rows = c.query(
        "SELECT quote_ident(relname) FROM pg_stat_user_tables
         WHERE schemaname = current_schema() AND last_analyze IS NULL AND last_autoanalyze IS NULL",
        &[],
    )?;
    let tables: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    if !tables.is_empty() {
        c.batch(&format!("ANALYZE {}", tables.join(", ")))?;
    }
    Ok(())
}

fn migrate_locked(c: &mut PgConn) -> Result<()> {
    c.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )?;
    let rows = c.query(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        &[],
    )?;
    let have: i64 = rows.first().map(|r| r.get(0)).unwrap_or(0);
    crate::newer_schema_check(have, crate::MIGRATIONS.len())?;
    for (version, sql) in MIGRATIONS {
        if *version <= have {
            continue;
        }
        c.batch("BEGIN")?;
        let applied = c.batch(sql).and_then(|()| {
            c.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, 0)",
                &[Value::Int(*version)],
            )
        });
        match applied {
            Ok(_) => c.batch("COMMIT")?,
            Err(e) => {
                let _ = c.batch("ROLLBACK");
                return Err(e);
            }
        }
    }
    Ok(())
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        use tokio_postgres::error::SqlState;
        let kind = match e.code() {
            Some(c) if *c == SqlState::UNIQUE_VIOLATION => DbErrorKind::Unique,
            Some(c) if *c == SqlState::FOREIGN_KEY_VIOLATION => DbErrorKind::ForeignKey,
            Some(c)
                if *c == SqlState::T_R_SERIALIZATION_FAILURE
                    || *c == SqlState::T_R_DEADLOCK_DETECTED
                    || *c == SqlState::LOCK_NOT_AVAILABLE =>
            {
                DbErrorKind::Busy
            }
            Some(c)
                if *c == SqlState::DISK_FULL
                    || *c == SqlState::READ_ONLY_SQL_TRANSACTION
                    || *c == SqlState::IO_ERROR =>
            {
                DbErrorKind::Storage
            }
            Some(_) => DbErrorKind::Other,
            None if e.is_closed() => DbErrorKind::Unavailable,
            None => DbErrorKind::Other,
        };
        let message = match e.as_db_error() {
            Some(d) => match d.detail() {
                Some(detail) => format!("{} ({}): {detail}", d.message(), d.code().code()),
                None => format!("{} ({})", d.message(), d.code().code()),
            },
            None => match std::error::Error::source(&e) {
                Some(s) => format!("{e}: {s}"),
                None => e.to_string(),
            },
        };
        StoreError::Db(DbError { kind, message })
    }
}

/// Column `i` of a PostgreSQL row as a store value.
pub(crate) fn column(r: &tokio_postgres::Row, i: usize) -> Result<Owned> {
    let Some(col) = r.columns().get(i) else {
        return Err(crate::db::type_error(i, "no such column"));
    };
    let ty = col.type_();
    let v = if *ty == Type::INT8 {
        r.try_get::<_, Option<i64>>(i)?.map(Owned::Int)
    } else if *ty == Type::INT4 {
        r.try_get::<_, Option<i32>>(i)?
            .map(|n| Owned::Int(n.into()))
    } else if *ty == Type::INT2 {
        r.try_get::<_, Option<i16>>(i)?
            .map(|n| Owned::Int(n.into()))
    } else if *ty == Type::BOOL {
        r.try_get::<_, Option<bool>>(i)?.map(Owned::Bool)
    } else if *ty == Type::TEXT || *ty == Type::VARCHAR || *ty == Type::BPCHAR || *ty == Type::NAME
    {
        r.try_get::<_, Option<String>>(i)?.map(Owned::Text)
    } else if *ty == Type::BYTEA {
        r.try_get::<_, Option<Vec<u8>>>(i)?.map(Owned::Blob)
    } else if *ty == Type::FLOAT8 {
        r.try_get::<_, Option<f64>>(i)?.map(Owned::Real)
    } else if *ty == Type::FLOAT4 {
        r.try_get::<_, Option<f32>>(i)?
            .map(|x| Owned::Real(x.into()))
    } else {
        return Err(crate::db::type_error(
            i,
            format!("unsupported column type {ty}"),
        ));
    };
    Ok(v.unwrap_or(Owned::Null))
}

fn texty(ty: &Type) -> bool {
    *ty == Type::TEXT
        || *ty == Type::VARCHAR
        || *ty == Type::BPCHAR
        || *ty == Type::NAME
        || *ty == Type::UNKNOWN
}

impl ToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut tokio_postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) => {
                if *ty == Type::INT8 {
                    n.to_sql(ty, out)
                } else if *ty == Type::INT4 {
                    i32::try_from(n)?.to_sql(ty, out)
                } else if *ty == Type::INT2 {
                    i16::try_from(n)?.to_sql(ty, out)
                } else if *ty == Type::BOOL {
                    (n != 0).to_sql(ty, out)
                } else if *ty == Type::FLOAT8 {
                    #[allow(clippy::cast_precision_loss)]
                    (n as f64).to_sql(ty, out)
                } else if texty(ty) {
                    n.to_string().as_str().to_sql(ty, out)
                } else {
                    Err(format!("an integer cannot be sent as {ty}").into())
                }
            }
            Value::Bool(b) => {
                if *ty == Type::BOOL {
                    b.to_sql(ty, out)
                } else if *ty == Type::INT8 {
                    i64::from(b).to_sql(ty, out)
                } else if *ty == Type::INT4 {
                    i32::from(b).to_sql(ty, out)
                } else if *ty == Type::INT2 {
                    i16::from(b).to_sql(ty, out)
                } else {
                    Err(format!("a boolean cannot be sent as {ty}").into())
                }
            }
            Value::Real(x) => {
                if *ty == Type::FLOAT8 {
                    x.to_sql(ty, out)
                } else {
                    Err(format!("a number cannot be sent as {ty}").into())
                }
            }
            Value::Text(s) => {
                if texty(ty) {
                    s.to_sql(ty, out)
                } else if *ty == Type::BYTEA {
                    s.as_bytes().to_sql(ty, out)
                } else {
                    Err(format!("text cannot be sent as {ty}").into())
                }
            }
            Value::Blob(b) => {
                if *ty == Type::BYTEA {
                    b.to_sql(ty, out)
                } else {
                    Err(format!("bytes cannot be sent as {ty}").into())
                }
            }
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

#[cfg(feature = "testing")]
/// Creates database `name` on the server at `url` (for tests).
pub(crate) fn create_database(url: &str, name: &str) -> Result<()> {
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(StoreError::Io(format!(
            "not a database name hoshi makes: {name}"
        )));
    }
    let pg = Pg::pool(url, 1, None)?;
    let mut c = pg.connect()?;
    c.batch(&format!("CREATE DATABASE {name}"))
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_are_numbered_outside_literals() {
        assert_eq!(
            placeholders("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d = ?10"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d = $10"
        );
        assert_eq!(placeholders("x IS ?"), "x IS ?");
    }
}
