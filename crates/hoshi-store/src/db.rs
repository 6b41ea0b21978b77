//! The store's own database handles: [`ReadTx`] (one read transaction, a consistent snapshot) and
//! [`WriteTx`] (one write transaction). Store functions take one of these; no driver type leaves
//! this crate, and nothing outside it runs SQL.
//!
//! The SQL the store writes is portable (numbered placeholders `?N`, TEXT / BIGINT / BOOLEAN
//! columns, `ON CONFLICT` upserts, no SQLite-only functions). Values cross the seam as [`Value`]s;
//! a row is read by column index with [`Row::get`], converted by [`FromValue`].

use std::fmt;

use crate::{Result, StoreError};

/// A value bound to a placeholder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Bool(bool),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// Something that can be bound to a placeholder.
pub trait ToValue {
    fn to_value(&self) -> Value<'_>;
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value<'_> {
                Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_to_value!(i64, i32, u8, u16, u32, u64, usize);

impl ToValue for f64 {
    fn to_value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}
impl ToValue for bool {
    fn to_value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}
impl ToValue for str {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl ToValue for String {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl ToValue for [u8] {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}
impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}
impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value<'_> {
        (**self).to_value()
    }
}
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value<'_> {
        match self {
            Some(v) => v.to_value(),
            None => Value::Null,
        }
    }
}

/// The parameters of one statement: `params![a, b]`, an array of one type, or `()` for none.
pub trait Params {
    fn values(&self) -> Vec<Value<'_>>;
}
impl Params for () {
    fn values(&self) -> Vec<Value<'_>> {
        Vec::new()
    }
}
impl Params for &[&dyn ToValue] {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(|v| v.to_value()).collect()
    }
}
impl<T: ToValue, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(ToValue::to_value).collect()
    }
}

/// `params![a, b, c]`: parameters of mixed types for one statement.
#[macro_export]
macro_rules! params {
    ($($p:expr),* $(,)?) => {
        &[$(&$p as &dyn $crate::db::ToValue),*] as &[&dyn $crate::db::ToValue]
    };
}

/// A value read from a column.
#[derive(Debug, Clone, PartialEq)]
pub enum Owned {
    Null,
    Int(i64),
    Real(f64),
    Bool(bool),
    Text(String),
    Blob(Vec<u8>),
}

impl Owned {
    fn kind(&self) -> &'static str {
        match self {
            Owned::Null => "NULL",
            Owned::Int(_) => "integer",
            Owned::Real(_) => "real",
            Owned::Bool(_) => "boolean",
            Owned::Text(_) => "text",
            Owned::Blob(_) => "blob",
        }
    }
}

/// A Rust type a column converts to.
pub trait FromValue: Sized {
    fn from_value(v: Owned) -> std::result::Result<Self, String>;
}

impl FromValue for Owned {
    fn from_value(v: Owned) -> std::result::Result<Self, String> {
        Ok(v)
    }
}

impl ToValue for Owned {
    fn to_value(&self) -> Value<'_> {
        match self {
            Owned::Null => Value::Null,
            Owned::Int(n) => Value::Int(*n),
            Owned::Real(x) => Value::Real(*x),
            Owned::Bool(b) => Value::Bool(*b),
            Owned::Text(s) => Value::Text(s),
            Owned::Blob(b) => Value::Blob(b),
        }
    }
}

fn wrong(want: &str, got: &Owned) -> String {
    format!("expected {want}, found {}", got.kind())
}

impl FromValue for i64 {
    fn from_value(v: Owned) -> std::result::Result<Self, String> {
        match v {
            Owned::Int(n) => Ok(n),
            Owned::Bool(b) => Ok(i64::from(b)),
            other => Err(wrong("an integer", &other)),
        }
    }
}

macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: Owned) -> std::result::Result<Self, String> {
                let n = i64::from_value(v)?;
                <$t>::try_from(n).map_err(|_| format!("{n} is out of range for {}", stringify!($t)))
            }
        }
    )*};
}
int_from_value!(i32, u8, u16, u32, u64, usize);

impl FromValue for f64 {
    fn from_value(v: Owned) -> std::result::Result<Self, String> {
        match v {
            Owned::Real(x) => Ok(x),
            #[allow(clippy::cast_precision_loss)]
            Owned::Int(n) => Ok(n as f64),
            other => Err(wrong("a number", &other)),
        }
    }
}
impl FromValue for bool {
    fn from_value(v: Owned) -> std::result::Result<Self, String> {
        match v {
            Owned::Bool(b) => Ok(b),
            Owned::Int(n) => Ok(n != 0),
            other => Err(wrong("a boolean", &other)),
        }
    }
}
impl FromValue for String {
    fn from_value(v: Owned) -> std::result::Result<Self, String> {
        match v {
            Owned::Text(s) => Ok(s),
            other => Err(wrong("text", &other)),
        }
    }
}
impl FromValue for Vec<u8> {
    fn from_value(v: Owned) -> std::result::Result<Self, String> {
        match v {
            Owned::Blob(b) => Ok(b),
            Owned::Text(s) => Ok(s.into_bytes()),
            other => Err(wrong("a blob", &other)),
        }
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: Owned) -> std::result::Result<Self, String> {
        match v {
            Owned::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// What went wrong in the database, independent of the driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbErrorKind {
    /// A UNIQUE or PRIMARY KEY constraint.
    Unique,
    /// A FOREIGN KEY constraint.
    ForeignKey,
    /// Another writer held the lock for too long, or a serialisation failure.
    Busy,
    /// The disk is full, read-only, or failing: the operator must act.
    Storage,
    /// The database cannot be reached.
    Unavailable,
    /// A column did not hold the type the store expected.
    Type,
    Other,
}

/// A database error with the driver's message.
#[derive(Debug, Clone)]
pub struct DbError {
    pub kind: DbErrorKind,
    pub message: String,
}

impl DbError {
    /// The disk or the database server needs the operator (full, read-only, failing, unreachable).
    pub fn is_storage(&self) -> bool {
        matches!(self.kind, DbErrorKind::Storage | DbErrorKind::Unavailable)
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let kind = match &e {
            rusqlite::Error::QueryReturnedNoRows => return StoreError::NotFound,
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::ConstraintViolation => match f.extended_code {
                    rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => DbErrorKind::ForeignKey,
                    rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY => DbErrorKind::Unique,
                    _ => DbErrorKind::Other,
                },
                C::DatabaseBusy | C::DatabaseLocked => DbErrorKind::Busy,
                C::DiskFull | C::ReadOnly | C::SystemIoFailure => DbErrorKind::Storage,
                C::CannotOpen => DbErrorKind::Unavailable,
                _ => DbErrorKind::Other,
            },
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..) => DbErrorKind::Type,
            _ => DbErrorKind::Other,
        };
        StoreError::Db(DbError {
            kind,
            message: e.to_string(),
        })
    }
}

/// A type error on reading a column, said like the driver's.
pub(crate) fn type_error(column: usize, message: impl fmt::Display) -> StoreError {
    StoreError::Db(DbError {
        kind: DbErrorKind::Type,
        message: format!("column {column}: {message}"),
    })
}

/// One row of a result.
pub struct Row<'r> {
    inner: RowInner<'r>,
}

enum RowInner<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Pg(&'r tokio_postgres::Row),
}

impl Row<'_> {
    /// Column `i` (from 0) as `T`.
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T> {
        let v = match &self.inner {
            RowInner::Sqlite(r) => {
                use rusqlite::types::ValueRef as V;
                match r.get_ref(i)? {
                    V::Null => Owned::Null,
                    V::Integer(n) => Owned::Int(n),
                    V::Real(x) => Owned::Real(x),
                    V::Text(t) => Owned::Text(
                        std::str::from_utf8(t)
                            .map_err(|e| type_error(i, e))?
                            .to_owned(),
                    ),
                    V::Blob(b) => Owned::Blob(b.to_vec()),
                }
            }
            RowInner::Pg(r) => crate::pg::column(r, i)?,
        };
        T::from_value(v).map_err(|m| type_error(i, m))
    }
}

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput as O, ValueRef as V};
        Ok(match *self {
            Value::Null => O::Borrowed(V::Null),
            Value::Int(n) => O::Borrowed(V::Integer(n)),
            Value::Real(x) => O::Borrowed(V::Real(x)),
            Value::Bool(b) => O::Borrowed(V::Integer(i64::from(b))),
            Value::Text(s) => O::Borrowed(V::Text(s.as_bytes())),
            Value::Blob(b) => O::Borrowed(V::Blob(b)),
        })
    }
}

#[derive(Clone, Copy)]
enum Conn<'a> {
    Sqlite(&'a rusqlite::Connection),
    Pg(&'a std::cell::RefCell<crate::pg::PgConn>),
}

/// One read transaction: every query through it sees the same snapshot of the database.
pub struct ReadTx<'a> {
    conn: Conn<'a>,
}

/// One write transaction: committed when the closure given to [`crate::Store::write`] succeeds,
/// rolled back otherwise. Reads through it see its own writes.
pub struct WriteTx<'a> {
    read: ReadTx<'a>,
}

impl<'a> std::ops::Deref for WriteTx<'a> {
    type Target = ReadTx<'a>;
    fn deref(&self) -> &ReadTx<'a> {
        &self.read
    }
}

impl<'a> ReadTx<'a> {
    pub(crate) fn sqlite(c: &'a rusqlite::Connection) -> ReadTx<'a> {
        ReadTx {
            conn: Conn::Sqlite(c),
        }
    }

    pub(crate) fn pg(c: &'a std::cell::RefCell<crate::pg::PgConn>) -> ReadTx<'a> {
        ReadTx { conn: Conn::Pg(c) }
    }

    /// The one row of `sql`; [`StoreError::NotFound`] when there is none.
    pub(crate) fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        match self.conn {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let values = params.values();
                let mut rows = st.query(rusqlite::params_from_iter(values.iter()))?;
                match rows.next()? {
                    Some(r) => f(&Row {
                        inner: RowInner::Sqlite(r),
                    }),
                    None => Err(StoreError::NotFound),
                }
            }
            Conn::Pg(c) => {
                let rows = c.borrow_mut().query(sql, &params.values())?;
                match rows.first() {
                    Some(r) => f(&Row {
                        inner: RowInner::Pg(r),
                    }),
                    None => Err(StoreError::NotFound),
                }
            }
        }
    }

    /// The first row of `sql`, if any.
    pub(crate) fn query_opt<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        match self.query_row(sql, params, f) {
            Ok(v) => Ok(Some(v)),
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every row of `sql`, converted by `f`.
    pub(crate) fn query_map<T>(
        &self,
        sql: &str,
        params: impl Params,
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        if let Conn::Pg(c) = self.conn {
            // All rows first, so that `f` may query the same transaction again.
            let rows = c.borrow_mut().query(sql, &params.values())?;
            return rows
                .iter()
                .map(|r| {
                    f(&Row {
                        inner: RowInner::Pg(r),
                    })
                })
                .collect();
        }
        let mut out = Vec::new();
        self.each(sql, params, |r| {
            out.push(f(r)?);
            Ok(true)
        })?;
        Ok(out)
    }

    /// Calls `f` on each row of `sql` in turn until it returns `false`.
    pub(crate) fn each(
        &self,
        sql: &str,
        params: impl Params,
        mut f: impl FnMut(&Row) -> Result<bool>,
    ) -> Result<()> {
        match self.conn {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let values = params.values();
                let mut rows = st.query(rusqlite::params_from_iter(values.iter()))?;
                while let Some(r) = rows.next()? {
                    if !f(&Row {
                        inner: RowInner::Sqlite(r),
                    })? {
                        break;
                    }
                }
                Ok(())
            }
            Conn::Pg(c) => c.borrow_mut().each(sql, &params.values(), |r| {
                f(&Row {
                    inner: RowInner::Pg(r),
                })
            }),
        }
    }
}

impl<'a> WriteTx<'a> {
    pub(crate) fn sqlite(c: &'a rusqlite::Connection) -> WriteTx<'a> {
        WriteTx {
            read: ReadTx::sqlite(c),
        }
    }

    pub(crate) fn pg(c: &'a std::cell::RefCell<crate::pg::PgConn>) -> WriteTx<'a> {
        WriteTx {
            read: ReadTx::pg(c),
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub(crate) fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        match self.read.conn {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let values = params.values();
                Ok(st.execute(rusqlite::params_from_iter(values.iter()))?)
            }
            Conn::Pg(c) => c.borrow_mut().execute(sql, &params.values()),
        }
    }
}

/// Raw SQL for tests only (the `testing` feature, enabled by test builds): a test may set up a
/// state no user action reaches (a tampered audit entry, an expired link) or read a column
/// directly. Production code cannot call these: a normal build has no `testing` feature.
#[cfg(feature = "testing")]
pub mod testing {
    use super::{Params, ReadTx, Row, WriteTx};
    use crate::{Result, Store};

    /// The environment variable that runs the tests on PostgreSQL: the URL of a server where the
    /// tests may create databases (e.g. `postgres://hoshi@127.0.0.1:55432/postgres`).
    pub const TEST_DATABASE: &str = "HOSHI_TEST_DATABASE_URL";

    /// The store a test uses for `dir`: SQLite in `dir`, or — with [`TEST_DATABASE`] set — a
    /// fresh PostgreSQL database for this directory (opening the same directory again opens the
    /// same database).
    pub fn open(dir: &std::path::Path) -> Store {
        match database_url(dir) {
            Some(url) => Store::open_postgres(&url).expect("open the test database"),
            None => Store::open(dir).expect("open the test store"),
        }
    }

    /// An owner (`owner@example.jp`) with two organisations: (user id, 星川精機, 別会社) — the
    /// set-up of tests that check a record stays within its organisation.
    pub fn owner_with_two_orgs(s: &Store) -> (String, String, String) {
        let u = s
            .write(|tx| {
                crate::users::create(
                    tx,
                    1000,
                    None,
                    crate::users::NewUser {
                        email: "owner@example.jp",
                        display_name: "オーナー",
                        password_hash: "x",
                        is_admin: false,
                        lang: "ja",
                    },
                )
            })
            .expect("user");
        let org = s
            .write(|tx| crate::orgs::create(tx, 1000, &u.id, "星川精機"))
            .expect("org");
        let other = s
            .write(|tx| crate::orgs::create(tx, 1000, &u.id, "別会社"))
            .expect("other org");
        (u.id, org.id, other.id)
    }

    /// The database URL a test's directory uses, when the tests run on PostgreSQL (made on first
    /// use).
    pub fn database_url(dir: &std::path::Path) -> Option<String> {
        let server = std::env::var(TEST_DATABASE)
            .ok()
            .filter(|u| !u.is_empty())?;
        let marker = dir.join(".test-database-url");
        if let Ok(url) = std::fs::read_to_string(&marker) {
            return Some(url);
        }
        let name = format!("hoshi_t_{}", crate::random_hex(8));
        crate::pg::create_database(&server, &name).expect("create a test database");
        let (base, query) = match server.split_once('?') {
            Some((b, q)) => (b, format!("?{q}")),
            None => (server.as_str(), String::new()),
        };
        let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
        let url = format!("{base}/{name}{query}");
        std::fs::create_dir_all(dir).expect("test directory");
        std::fs::write(&marker, &url).expect("remember the test database");
        Some(url)
    }

    pub trait RawSql {
        /// The one row of `sql`.
        fn sql_row<T>(
            &self,
            sql: &str,
            params: impl Params,
            f: impl FnOnce(&Row) -> Result<T>,
        ) -> Result<T>;
    }

    impl RawSql for ReadTx<'_> {
        fn sql_row<T>(
            &self,
            sql: &str,
            params: impl Params,
            f: impl FnOnce(&Row) -> Result<T>,
        ) -> Result<T> {
            self.query_row(sql, params, f)
        }
    }

    pub trait RawWrite {
        /// Runs one statement; the number of rows changed.
        fn sql_execute(&self, sql: &str, params: impl Params) -> Result<usize>;
    }

    impl RawWrite for WriteTx<'_> {
        fn sql_execute(&self, sql: &str, params: impl Params) -> Result<usize> {
            self.execute(sql, params)
        }
    }
}
