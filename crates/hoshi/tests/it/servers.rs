//! Two `hoshi serve` processes on one PostgreSQL database, as behind a load balancer: a save from
//! the same version through both gives one winner and one conflict, a session made on one works
//! on the other, each mail is sent once, and killing a server mid-write loses nothing it
//! acknowledged. Runs when the tests have a PostgreSQL server (`HOSHI_TEST_DATABASE_URL`, set
//! by `scripts/with-postgres`); without one it says so and passes.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use hoshi_store::assessments::{self, NewAssessment};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{Store, audit, mail, orgs, sessions};

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `hoshi serve` on `url` with data directory `data`; waits until it answers.
fn serve(url: &str, data: &Path, extra: &[&str]) -> Server {
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let log = std::fs::File::create(data.with_extension(format!("{}.log", addr.port()))).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(["serve", "--listen", &addr.to_string(), "--data"])
        .arg(data)
        .args(extra)
        .env("HOSHI_DATABASE_URL", url)
        .env("HOSHI_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let server = Server { child, addr };
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if let Ok((200, _, _)) = http(addr, "GET", "/healthz", &[], "") {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("hoshi serve on {addr} did not start");
}

/// The status, the headers (lower-case names) and the body of a response.
type Reply = (u16, Vec<(String, String)>, String);

/// One HTTP/1.1 request.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if method == "POST" {
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        req.push_str(&format!(
            "Origin: http://{addr}\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok((status, headers, body.to_string()))
}

fn cookie(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .find_map(|(_, v)| v.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

#[derive(Clone)]
struct World {
    url: String,
    org: String,
    assessment: String,
    cookie: String,
    csrf: String,
}

/// A supplier organisation with a ★3 assessment; its editor has a live session and can also sign
/// in with a password.
fn world(dir: &Path) -> Option<World> {
    let url = hoshi_store::db::testing::database_url(dir)?;
    let store = Store::open_postgres(&url).unwrap();
    let hash = hoshi_web::kernel::auth::hash_password("editor-password-123").unwrap();
    let (org, assessment, editor) = store
        .write(|tx| {
            let owner = users::create(
                tx,
                1,
                None,
                NewUser {
                    email: "owner@example.jp",
                    display_name: "所有者",
                    password_hash: "x",
                    is_admin: false,
                    lang: "ja",
                },
            )?;
            let editor = users::create(
                tx,
                1,
                None,
                NewUser {
                    email: "editor@example.jp",
                    display_name: "編集者",
                    password_hash: &hash,
                    is_admin: false,
                    lang: "ja",
                },
            )?;
            let org = orgs::create(tx, 1, &owner.id, "精密部品株式会社")?;
            let token = orgs::invite(tx, 1, &owner.id, &org.id, orgs::Role::Editor, 7)?;
            orgs::accept(tx, 2, &editor.id, &token)?;
            let a = assessments::create(
                tx,
                2,
                &owner.id,
                NewAssessment {
                    org_id: &org.id,
                    title: "二台のサーバーで回答",
                    catalog: "scs",
                    edition: "2026-03-27",
                    level: 3,
                },
            )?;
            Ok((org.id, a.id, editor.id))
        })
        .unwrap();
    // The editor saves answers (an owner would first have to set up a second factor).
    let (cookie, csrf) = store
        .write(|tx| sessions::create(tx, hoshi_web::now(), &editor, false))
        .unwrap();
    Some(World {
        url,
        org,
        assessment,
        cookie,
        csrf,
    })
}

fn criteria(n: usize) -> Vec<String> {
    let cat = hoshi_catalog::Registry::bundled().unwrap();
    let c = cat.get("scs@2026-03-27").unwrap();
    c.criteria_for_level(3)
        .take(n)
        .map(|c| c.id.to_string())
        .collect()
}

fn save(
    addr: SocketAddr,
    w: &World,
    criterion: &str,
    version: i64,
    note: &str,
) -> std::io::Result<u16> {
    let body = format!(
        "_csrf={}&version={version}&status=met&reason=&evidence=&note={note}",
        w.csrf
    );
    let cookie = format!("hoshi_session={}", w.cookie);
    http(
        addr,
        "POST",
        &format!("/o/{}/a/{}/answer/{criterion}", w.org, w.assessment),
        &[("Cookie", &cookie)],
        &body,
    )
    .map(|(s, h, _)| {
        let to = h
            .iter()
            .find(|(k, _)| k == "location")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        // A save ends on the category page; any other redirect (sign-in, set-up) is a failure.
        if s == 303 && !to.contains(&format!("saved={criterion}")) {
            panic!("save of {criterion} redirected to {to}");
        }
        s
    })
}

/// Makes the deployment's signing key once (`hoshi keys list`), before any server starts.
fn make_keys(data: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(["keys", "list", "--data"])
        .arg(data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Copies the signing keys, as every server of a deployment mounts the same key directory.
fn share_keys(from: &Path, to: &Path) {
    let keys = from.join("keys");
    std::fs::create_dir_all(to.join("keys")).unwrap();
    for f in std::fs::read_dir(&keys).unwrap().flatten() {
        std::fs::copy(f.path(), to.join("keys").join(f.file_name())).unwrap();
    }
}

#[test]
fn two_servers_share_one_postgresql_database() {
    let d = tempfile::tempdir().unwrap();
    let Some(w) = world(d.path()) else {
        eprintln!("skipped: HOSHI_TEST_DATABASE_URL is not set (scripts/with-postgres runs it)");
        return;
    };
    let (da, db) = (d.path().join("a"), d.path().join("b"));
    make_keys(&da);
    share_keys(&da, &db);
    // A server given another key directory by mistake refuses to start.
    let dc = d.path().join("c");
    make_keys(&dc);
    let a = serve(&w.url, &da, &[]);
    let refused = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{}", free_port()),
            "--data",
        ])
        .arg(&dc)
        .env("HOSHI_DATABASE_URL", &w.url)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("is not the deployment's"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let b = serve(&w.url, &db, &[]);

    // The same criterion saved through both servers from the same version, at the same moment:
    // exactly one is stored, the other is told about the conflict — every time.
    let crits = criteria(40);
    for c in &crits {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let run = |addr: SocketAddr, note: &'static str| {
            let (barrier, c) = (barrier.clone(), c.clone());
            let w = w.clone();
            std::thread::spawn(move || {
                barrier.wait();
                save(addr, &w, &c, 0, note).unwrap()
            })
        };
        let (x, y) = (run(a.addr, "a"), run(b.addr, "b"));
        let mut got = [x.join().unwrap(), y.join().unwrap()];
        got.sort_unstable();
        assert_eq!(got, [303, 409], "criterion {c}: one winner, one conflict");
    }
    let store = Store::open_postgres(&w.url).unwrap();
    let saved = store
        .read(|c| assessments::answers(c, &hoshi_store::OrgScope::operator(&w.org), &w.assessment))
        .unwrap();
    assert_eq!(saved.len(), crits.len());
    assert!(saved.values().all(|a| a.version == 1));

    // A session made on one server works on the other.
    let (_, h, _) = http(a.addr, "GET", "/login", &[], "").unwrap();
    let pre = cookie(&h, "hoshi_pre").expect("a pre-session cookie");
    let (status, h, _) = http(
        b.addr,
        "POST",
        "/login",
        &[("Cookie", &format!("hoshi_pre={pre}"))],
        &format!("_csrf={pre}&email=editor%40example.jp&password=editor-password-123"),
    )
    .unwrap();
    assert_eq!(status, 303, "signed in on server b");
    let session = cookie(&h, "hoshi_session").expect("a session cookie");
    let (status, _, page) = http(
        a.addr,
        "GET",
        &format!("/o/{}/a/{}", w.org, w.assessment),
        &[("Cookie", &format!("hoshi_session={session}"))],
        "",
    )
    .unwrap();
    assert_eq!(status, 200);
    assert!(
        page.contains("二台のサーバーで回答"),
        "the assessment page on server a"
    );

    // Killed in the middle of a stream of saves: every save the server acknowledged is there,
    // and the audit chain is intact.
    drop(b);
    let more = criteria(120);
    let fresh: Vec<String> = more[40..].to_vec();
    let addr = a.addr;
    let w2 = w.clone();
    let writer = std::thread::spawn(move || {
        let mut acknowledged = Vec::new();
        for c in &fresh {
            match save(addr, &w2, c, 0, "kill") {
                Ok(303) => acknowledged.push(c.clone()),
                _ => break,
            }
        }
        acknowledged
    });
    std::thread::sleep(Duration::from_millis(400));
    let mut a = a;
    a.child.kill().unwrap(); // SIGKILL
    let _ = a.child.wait();
    let acknowledged = writer.join().unwrap();
    eprintln!(
        "killed server a after {} acknowledged saves",
        acknowledged.len()
    );
    assert!(
        !acknowledged.is_empty() && acknowledged.len() < 80,
        "the kill came mid-stream ({} saves acknowledged)",
        acknowledged.len()
    );
    let saved = store
        .read(|c| assessments::answers(c, &hoshi_store::OrgScope::operator(&w.org), &w.assessment))
        .unwrap();
    for c in &acknowledged {
        assert!(saved.contains_key(c), "acknowledged save of {c} kept");
    }
    let v = store.read(audit::verify).unwrap();
    assert_eq!(v.first_broken, None, "the audit chain is intact");
}

#[test]
fn two_servers_send_each_mail_once() {
    let d = tempfile::tempdir().unwrap();
    let Some(w) = world(d.path()) else {
        eprintln!("skipped: HOSHI_TEST_DATABASE_URL is not set (scripts/with-postgres runs it)");
        return;
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sink = rt
        .block_on(hoshi_mail::sink::Sink::start(Default::default()))
        .unwrap();
    let store = Store::open_postgres(&w.url).unwrap();
    let n = 30;
    store
        .write(|tx| {
            for i in 0..n {
                mail::enqueue(
                    tx,
                    hoshi_web::now() - 10,
                    mail::NewMail {
                        org_id: Some(&w.org),
                        kind: "test",
                        ref_id: "",
                        recipient: "someone@example.jp",
                        subject: &format!("お知らせ {i:02}"),
                        body: "本文",
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    let port = sink.addr.port().to_string();
    let smtp = [
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port,
        "--smtp-security",
        "none",
        "--smtp-from",
        "hoshi@example.jp",
    ];
    let (da, db) = (d.path().join("a"), d.path().join("b"));
    make_keys(&da);
    share_keys(&da, &db);
    // Both start at once: each delivers what is due as soon as it runs.
    let a = std::thread::scope(|s| {
        let a = s.spawn(|| serve(&w.url, &da, &smtp));
        let b = s.spawn(|| serve(&w.url, &db, &smtp));
        (a.join().unwrap(), b.join().unwrap())
    });
    let got = rt.block_on(sink.wait_for(n, 30));
    std::thread::sleep(Duration::from_secs(2));
    let got_all = sink.received();
    assert!(got.len() >= n);
    let mut subjects: Vec<String> = got_all.iter().map(|m| m.subject()).collect();
    subjects.sort();
    let mut expected: Vec<String> = (0..n).map(|i| format!("お知らせ {i:02}")).collect();
    expected.sort();
    assert_eq!(subjects, expected, "each mail exactly once");
    let left = store
        .read(|c| mail::due(c, hoshi_web::now() + 3600, 100))
        .unwrap();
    assert!(left.is_empty(), "all marked sent");
    drop(a);
}

/// An SQLite data directory with demo data and an evidence file moves to PostgreSQL: counts and
/// audit chain checked, a server on the database serves the file, a second run is refused.
#[test]
fn an_sqlite_data_directory_moves_to_postgresql() {
    let d = tempfile::tempdir().unwrap();
    let Some(url) = hoshi_store::db::testing::database_url(&d.path().join("pg")) else {
        eprintln!("skipped: HOSHI_TEST_DATABASE_URL is not set (scripts/with-postgres runs it)");
        return;
    };
    let data = d.path().join("data");
    // A running SQLite server made the demo data; it is stopped before the move.
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let mut sqlite_server = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(["serve", "--demo", "--listen", &addr.to_string(), "--data"])
        .arg(&data)
        .env_remove("HOSHI_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !matches!(http(addr, "GET", "/healthz", &[], ""), Ok((200, _, _))) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "demo server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    sqlite_server.kill().unwrap();
    let _ = sqlite_server.wait();
    let pdf = b"%PDF-1.7\n% moved\ntrailer\n%%EOF\n".to_vec();
    let sqlite = Store::open(&data).unwrap();
    let (org, eid) = sqlite
        .write(|tx| {
            let u = users::by_email(tx, "supplier@demo.hoshi.invalid")?.unwrap();
            let org = orgs::for_user(tx, &u.id)?.remove(0).org.id;
            let sha = hoshi_store::hex(&<sha2::Sha256 as sha2::Digest>::digest(&pdf));
            let e = hoshi_store::evidence::create(
                tx,
                5,
                &u.id,
                hoshi_store::evidence::NewEvidence {
                    org_id: &org,
                    title: "移行する証跡",
                    source: hoshi_store::evidence::Source::File {
                        file_name: "記録.pdf",
                        sha256: &sha,
                        size: pdf.len() as i64,
                        media_type: "application/pdf",
                    },
                    effective_date: "2026-04-01",
                    expires_date: None,
                },
            )?;
            Ok((org, e.id))
        })
        .unwrap();
    sqlite.put_blob(&pdf).unwrap();
    let answers_before = sqlite
        .read(|c| {
            let a = assessments::list(c, &hoshi_store::OrgScope::operator(&org))?;
            assessments::answers(c, &hoshi_store::OrgScope::operator(&org), &a[0].id)
        })
        .unwrap();
    drop(sqlite);

    let out = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(["db", "migrate-to", &url, "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("件数は元と一致し"), "{stdout}");
    assert!(stdout.contains("証跡ファイル 1 件"), "{stdout}");

    let pg = Store::open_postgres(&url).unwrap();
    let answers_after = pg
        .read(|c| {
            let a = assessments::list(c, &hoshi_store::OrgScope::operator(&org))?;
            assessments::answers(c, &hoshi_store::OrgScope::operator(&org), &a[0].id)
        })
        .unwrap();
    assert_eq!(
        answers_after, answers_before,
        "every answer moved as it was"
    );
    let e = pg
        .read(|c| hoshi_store::evidence::get(c, &hoshi_store::OrgScope::operator(&org), &eid))
        .unwrap();
    assert_eq!(pg.get_blob(e.sha256.as_deref().unwrap()).unwrap(), pdf);
    assert_eq!(pg.read(audit::verify).unwrap().first_broken, None);

    // The data directory's keys serve the deployment; a server on the database starts.
    let server = serve(&url, &data, &[]);
    let (status, _, _) = http(server.addr, "GET", "/login", &[], "").unwrap();
    assert_eq!(status, 200);
    drop(server);

    // Moving again into the same database is refused and changes nothing.
    let again = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(["db", "migrate-to", &url, "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("空ではありません")
            || String::from_utf8_lossy(&again.stderr).contains("not empty"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}
