//! End to end in headless Debian Chromium through chromedriver (WebDriver):
//! set up the administrator, enrol TOTP, create an organisation and an assessment, answer a
//! criterion, upload evidence, open the gap page, sign out and in again with a code, switch to
//! English. Screenshots are kept in `target/tmp/e2e/` for a person to look at.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian packages chromium and
//! chromium-driver). Without them the test is skipped, unless `HOSHI_E2E=required` (as in CI).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A minimal WebDriver client over HTTP/1.1.
struct Driver {
    addr: SocketAddr,
    session: String,
    shots: PathBuf,
}

fn http(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    if std::env::var("HOSHI_E2E_TRACE").is_ok() {
        eprintln!("webdriver: {method} {path}");
    }
    // chromedriver occasionally refuses a connection under load: retry briefly.
    let mut tries = 0;
    let mut s = loop {
        match TcpStream::connect(addr) {
            Ok(s) => break s,
            Err(e) if tries < 20 => {
                tries += 1;
                if std::env::var("HOSHI_E2E_TRACE").is_ok() {
                    eprintln!("webdriver connect: {e}");
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => panic!("chromedriver at {addr}: {e}"),
        }
    };
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // Read the head, then exactly Content-Length bytes (chromedriver may keep the connection open).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "chromedriver closed the connection");
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let chunked = head.contains("transfer-encoding: chunked");
    let length = head.lines().find_map(|l| {
        l.strip_prefix("content-length:")
            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
    });
    loop {
        let have = raw.len() - head_end;
        let done = match (length, chunked) {
            (Some(len), _) => have >= len,
            (None, true) => raw.ends_with(b"0\r\n\r\n"),
            (None, false) => false,
        };
        if done {
            break;
        }
        let n = s.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let rest = String::from_utf8_lossy(&raw[head_end..]).into_owned();
    let payload = if chunked { dechunk(&rest) } else { rest };
    serde_json::from_str(&payload)
        .unwrap_or_else(|e| panic!("bad WebDriver reply to {method} {path}: {e}: {payload}"))
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&after[..n]);
        rest = &after[n + 2..];
    }
    out
}

fn b64decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let v: Vec<u32> = chunk.iter().map(|&c| u32::from(val(c))).collect();
        let n = v
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, x)| acc | (x << (18 - 6 * i)));
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

impl Driver {
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let v = http(
            self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            body.as_ref(),
        );
        if let Some(err) = v["value"].get("error") {
            panic!("WebDriver {method} {path}: {err} {}", v["value"]["message"]);
        }
        v["value"].clone()
    }

    fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn source(&self) -> String {
        self.cmd("GET", "/source", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Waits up to 10 s for an element.
    fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = http(
                self.addr,
                "POST",
                &format!("/session/{}/element", self.session),
                Some(&json!({ "using": "css selector", "value": css })),
            );
            if let Some(id) = v["value"][ELEMENT].as_str() {
                return id.to_string();
            }
            if std::env::var("HOSHI_E2E_TRACE").is_ok() {
                eprintln!("find {css}: {v}");
            }
            if Instant::now() > deadline {
                panic!("no element `{css}` on {}:\n{}", self.url(), self.source());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn typ(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/clear"), Some(json!({})));
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Scrolls the element to the middle of the window, as a person would before clicking (the
    /// page's sticky save bar covers the bottom edge), then clicks it.
    fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "arguments[0].scrollIntoView({block: 'center'});",
                "args": [{ ELEMENT: e }],
            })),
        );
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    /// Clicks a button that submits a form and waits until the browser has left the page (the
    /// old document's root goes stale), so the next step never races the request.
    fn submit(&self, css: &str) {
        let root = self.find("html");
        self.click(css);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = http(
                self.addr,
                "GET",
                &format!("/session/{}/element/{root}/name", self.session),
                None,
            );
            if v["value"].get("error").is_some() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the page never changed after clicking {css}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks a button whose form asks first (`data-confirm`), checks the question is the one
    /// expected, and answers OK; then waits for the next page like [`Driver::submit`].
    fn submit_confirmed(&self, css: &str, question: &str) {
        let root = self.find("html");
        self.click(css);
        let deadline = Instant::now() + Duration::from_secs(10);
        let text = loop {
            let v = http(
                self.addr,
                "GET",
                &format!("/session/{}/alert/text", self.session),
                None,
            );
            if let Some(t) = v["value"].as_str() {
                break t.to_string();
            }
            assert!(
                Instant::now() < deadline,
                "no confirmation asked after {css}"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(text.contains(question), "asked {text:?}");
        self.cmd("POST", "/alert/accept", Some(json!({})));
        loop {
            let v = http(
                self.addr,
                "GET",
                &format!("/session/{}/element/{root}/name", self.session),
                None,
            );
            if v["value"].get("error").is_some() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the page never changed after {css}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// On the second-factor set-up page: enrols with the key it shows; returns the recovery codes.
    fn enrol(&self) -> Vec<String> {
        self.wait_url(|u| u.ends_with("/account/mfa"));
        let secret = self.text("code.secret");
        self.typ("#code", &code(&secret, 0));
        self.submit("button.primary");
        self.wait_text("回復コード");
        let src = self.source();
        src.match_indices("<li><code>")
            .map(|(i, m)| {
                let rest = &src[i + m.len()..];
                rest[..rest.find('<').unwrap()].to_string()
            })
            .collect()
    }

    /// A DOM property of an element (e.g. an input's current `value`).
    fn prop(&self, css: &str, name: &str) -> String {
        let e = self.find(css);
        self.cmd("GET", &format!("/element/{e}/property/{name}"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn text(&self, css: &str) -> String {
        let e = self.find(css);
        self.cmd("GET", &format!("/element/{e}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Waits until the page source contains `needle`.
    fn wait_text(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.source().contains(needle) {
            if Instant::now() > deadline {
                panic!(
                    "`{needle}` never appeared on {}:\n{}",
                    self.url(),
                    self.source()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn shot(&self, name: &str) {
        let b64 = self.cmd("GET", "/screenshot", None);
        let png = b64decode(b64.as_str().unwrap_or(""));
        assert!(png.starts_with(b"\x89PNG"), "screenshot {name} is a PNG");
        std::fs::write(self.shots.join(format!("{name}.png")), png).unwrap();
    }
}

struct Killer(Child);

impl Drop for Killer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A VNC server on loopback that lets anyone in (security type None), for the exposure check.
fn open_vnc_server() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            std::thread::spawn(move || {
                let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
                if s.write_all(b"RFB 003.008\n").is_err() {
                    return;
                }
                let mut v = [0u8; 12];
                if s.read_exact(&mut v).is_ok() {
                    let _ = s.write_all(&[1, 1]);
                    let mut rest = [0u8; 64];
                    let _ = s.read(&mut rest);
                }
            });
        }
    });
    port
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn code(secret: &str, offset: i64) -> String {
    let key = hoshi_web::auth::base32_decode(secret).unwrap();
    format!(
        "{:06}",
        hoshi_web::auth::totp_code(&key, hoshi_web::now() / 30 + offset)
    )
}

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn browser_available() -> bool {
    let ok = std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
    if !ok {
        if std::env::var("HOSHI_E2E").as_deref() == Ok("required") {
            panic!(
                "HOSHI_E2E=required but {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
            );
        }
        eprintln!("skipped: Debian chromium and chromium-driver are not installed");
    }
    ok
}

/// hoshi in this process on a free port, chromedriver, and a fresh headless Chromium session.
struct Env {
    driver: Driver,
    base: String,
    setup: String,
    state: hoshi_web::Shared,
    data: tempfile::TempDir,
    _profile: tempfile::TempDir,
    _chromedriver: Killer,
    _rt: tokio::runtime::Runtime,
    /// One browser at a time: two Chromiums on two cores made chromedriver drop connections.
    _one_at_a_time: std::sync::MutexGuard<'static, ()>,
}

static BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Env {
    fn start(shots_dir: &str) -> Env {
        Env::start_with(shots_dir, None)
    }

    /// A server that sends its mail through `mail` (an SMTP sink in the tests).
    fn start_with(shots_dir: &str, mail: Option<std::sync::Arc<hoshi_mail::SmtpConfig>>) -> Env {
        let one_at_a_time = BROWSER.lock().unwrap_or_else(|p| p.into_inner());
        let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(shots_dir);
        std::fs::create_dir_all(&shots).unwrap();
        let data = tempfile::tempdir().unwrap();
        let rt = tokio::runtime::Runtime::new().unwrap();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind(("127.0.0.1", 0)))
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let store = hoshi_store::db::testing::open(data.path());
        let setup = hoshi_store::new_token();
        store
            .write(|tx| hoshi_store::users::create_setup_token(tx, 1, &setup))
            .unwrap();
        let state = hoshi_web::AppState::new(
            store,
            hoshi_catalog::Registry::bundled().unwrap(),
            hoshi_web::Config {
                secure_cookies: false,
                public_url: base.clone(),
                max_upload: 20 * 1024 * 1024,
                data_dir: data.path().to_path_buf(),
                validity: (365, 365),
                mail,
                issuers: Default::default(),
                renderer: std::sync::Arc::new(crate::common::DocAsJson),
                trusted_proxies: vec![],
                scan: hoshi_web::exposure::ScanPolicy::for_tests(),
                vulns: std::sync::Arc::new(hoshi_web::assets::NoVulnData),
                backup: hoshi_web::backups::BackupPolicy::for_tests(data.path()),
                posture: hoshi_web::mailcheck::PosturePolicy::default(),
            },
        );
        // As `hoshi serve` does at start: the signing keys for signed results.
        if state.store.is_shared() {
            hoshi_web::attest::keys::Keystore::open(&state.config.data_dir, "2026-01-01").unwrap();
        }
        state.open_keys().unwrap();
        // As `hoshi serve`: the exposure check's scans run in the background.
        {
            let _in_rt = rt.enter();
            hoshi_web::jobs::scans::spawn(state.clone());
        }
        let app = hoshi_web::router(state.clone());
        rt.spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        let dport = free_port();
        let chromedriver = Killer(
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={dport}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start chromedriver"),
        );
        let daddr: SocketAddr = format!("127.0.0.1:{dport}").parse().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(daddr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--disable-quic", "--window-size=1280,1800", "--lang=ja",
                     format!("--user-data-dir={}", profile.path().display())]
        }}}});
        let v = http(daddr, "POST", "/session", Some(&caps));
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Env {
            driver: Driver {
                addr: daddr,
                session,
                shots,
            },
            base,
            setup,
            state,
            data,
            _profile: profile,
            _chromedriver: chromedriver,
            _rt: rt,
            _one_at_a_time: one_at_a_time,
        }
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = http(
            self.driver.addr,
            "DELETE",
            &format!("/session/{}", self.driver.session),
            None,
        );
    }
}

impl Driver {
    /// Forgets every cookie: the next page is seen as a new visitor.
    fn sign_out_all(&self) {
        self.cmd("DELETE", "/cookie", None);
    }

    /// Signs in with a password (and a TOTP code when asked).
    fn sign_in(&self, base: &str, email: &str, password: &str, totp: Option<&str>) {
        self.sign_out_all();
        self.go(&format!("{base}/login"));
        self.wait_text("ログイン");
        self.typ("#email", email);
        self.typ("#password", password);
        self.submit("button.primary");
        if let Some(code) = totp {
            self.wait_url(|u| u.ends_with("/login/mfa"));
            self.typ("#code", code);
            self.submit("button.primary");
        }
        // Wait for the redirect after signing in, so the next navigation is not overtaken by it.
        self.wait_url(|u| !u.contains("/login"));
    }

    fn wait_url(&self, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !ok(&self.url()) {
            assert!(Instant::now() < deadline, "stuck on {}", self.url());
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[test]
fn a_newcomer_in_chromium() {
    if !browser_available() {
        return;
    }
    let env = Env::start("e2e");
    let d = &env.driver;
    let (base, setup, data, shots) = (
        env.base.clone(),
        env.setup.clone(),
        env.data.path().to_path_buf(),
        d.shots.clone(),
    );

    // 1. The one-time set-up link: create the administrator.
    d.go(&format!("{base}/setup/{setup}"));
    d.wait_text("最初の管理者を作成");
    d.shot("01-setup");
    d.typ("#display_name", "山田 花子");
    d.typ("#email", "hanako@example.jp");
    d.typ("#password", "kawasemi-no-sora-7");
    d.typ("#password2", "kawasemi-no-sora-7");
    d.click("button.primary");

    // 2. Enrol TOTP: the QR code is shown; type the code an authenticator would show.
    d.wait_text("2段階認証（多要素認証）の設定");
    d.find(".qr svg");
    d.shot("02-mfa-enrol");
    let secret = d.text("code.secret");
    d.typ("#code", &code(&secret, 0));
    d.click("button.primary");
    d.wait_text("回復コード");
    d.shot("03-recovery-codes");
    d.click("a.button.primary");

    // 3. An organisation and a ★3 self-assessment. A name of spaces first: the form comes back
    // with what was typed, the message beside the field and a summary, in Japanese only.
    d.wait_text("所属している組織");
    d.typ("#name", "   ");
    d.submit("form[action='/orgs'] button");
    d.wait_text("error-summary");
    assert!(
        d.text(".error-summary")
            .contains("入力内容を確認してください")
    );
    assert!(
        d.text("#name-error")
            .contains("組織名は1〜200文字で入力してください")
    );
    assert_eq!(d.prop("#name", "value"), "   ", "the value typed stays");
    assert!(!d.source().contains("organisation name"), "no English");
    d.shot("03b-form-error");
    d.typ("#name", "株式会社サンプル製作所");
    d.click("form[action='/orgs'] button");
    d.wait_text("自己評価を始める");
    d.typ("#title", "2026年度 ★3 自己評価");
    d.click("form[action$='/assessments'] button");
    d.wait_text("大分類別の進捗");
    d.shot("04-assessment");

    // 4. Answer two criteria on one page, press the save button under one of them: both are
    // kept. Then attach evidence.
    d.click("a[href$='/c/4']");
    d.wait_text("4-4-4-2");
    d.click("#c-4-4-4-1 input[value='met']");
    d.typ("#note-4-4-4-1", "資産台帳で管理");
    d.click("#c-4-4-4-2 input[value='partial']");
    d.typ("#evidence-4-4-4-2", "VPN装置の更新手順書\n保守契約書");
    assert!(
        d.text("#unsaved").contains("未保存の変更があります (2)"),
        "the page counts the criteria not yet saved"
    );
    d.shot("05a-two-criteria-unsaved");
    d.submit("#c-4-4-4-2 button[form='answers']");
    d.wait_text("保存しました");
    assert_eq!(d.prop("#note-4-4-4-1", "value"), "資産台帳で管理");
    d.find("#c-4-4-4-1 input[value='met']:checked");
    assert_eq!(
        d.prop("#evidence-4-4-4-2", "value"),
        "VPN装置の更新手順書\n保守契約書"
    );
    d.click("#c-4-4-4-2 .evidence summary");
    let pdf = data.join("パッチ適用記録.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n% e2e evidence\ntrailer\n%%EOF\n").unwrap();
    let file_input = d.find("#file-4-4-4-2");
    d.cmd(
        "POST",
        &format!("/element/{file_input}/value"),
        Some(json!({ "text": pdf.display().to_string() })),
    );
    d.typ("#etitle-4-4-4-2", "パッチ適用記録 2026年4月");
    d.click("form[action$='/evidence/4-4-4-2'] button");
    d.wait_text("パッチ適用記録 2026年4月");
    d.shot("05-criterion-with-evidence");

    // 4b. The compact table: every criterion of the level, the answers just saved in it.
    let table_url = d.url().split("/c/").next().unwrap().to_string() + "/table";
    d.go(&table_url);
    d.wait_text("一覧表で回答");
    d.find("#c-4-4-4-1 select option[value='met']:checked");
    d.typ(
        "#c-1-2-1-1 textarea[name='reason.1-2-1-1']",
        "CISO を任命済み",
    );
    d.click("#c-1-2-1-1 select option[value='met']");
    d.shot("05b-table");
    d.submit(".savebar button");
    d.wait_text("保存しました");
    d.find("#c-1-2-1-1 select option[value='met']:checked");

    // 5. The gap list.
    let gaps_url = table_url.trim_end_matches("/table").to_string() + "/gaps";
    d.go(&gaps_url);
    d.wait_text("ギャップ（優先度順）");
    let src = d.source();
    assert!(
        src.contains("4-4-4-2") && src.contains("一部実施"),
        "the answered criterion is in the gap list"
    );
    d.shot("06-gaps");
    // The same list on a phone: nothing runs off the page.
    d.cmd(
        "POST",
        "/window/rect",
        Some(json!({"width": 390, "height": 844})),
    );
    d.go(&gaps_url);
    d.wait_text("ギャップ（優先度順）");
    let overflow = d.cmd(
        "POST",
        "/execute/sync",
        Some(json!({"script": "return document.documentElement.scrollWidth - window.innerWidth;", "args": []})),
    );
    assert!(
        overflow.as_i64().unwrap_or(1) <= 0,
        "the page is wider than the phone: {overflow}"
    );
    d.shot("06b-gaps-phone");
    d.cmd(
        "POST",
        "/window/rect",
        Some(json!({"width": 1280, "height": 900})),
    );

    // 5b. The exposure check: a private address is refused at the form; loopback (allowed on
    // this test server) is declared and scanned in the background while the page refreshes
    // itself; the result shows the open VNC server as critical; it becomes evidence.
    let vnc_port = open_vnc_server();
    let org = gaps_url
        .trim_start_matches(&base)
        .split('/')
        .nth(2)
        .unwrap()
        .to_string();
    d.go(&format!("{base}/o/{org}/exposure"));
    d.wait_text("外部公開状況の検査");
    d.typ("#target", "192.168.1.1");
    d.submit("form[action$='/exposure/targets'] button");
    d.wait_text("インターネットから見えない");
    d.shot("08a-exposure-refused");
    d.typ("#target", "127.0.0.1");
    d.submit("form[action$='/exposure/targets'] button");
    d.wait_text("<code>127.0.0.1</code>");
    d.wait_text("管理者の承認待ち");
    // The newcomer is also this instance's administrator: the approval list.
    d.go(&format!("{base}/admin/scan-targets"));
    d.wait_text("検査対象の承認");
    d.shot("08a2-approve-target");
    d.submit("form[action^='/admin/scan-targets/'] button.primary");
    d.wait_text("承認を待っている対象はありません");
    d.go(&format!("{base}/o/{org}/exposure"));
    d.wait_text("外部公開状況の検査");
    d.typ("#ports", &vnc_port.to_string());
    d.submit("form[action$='/exposure/scans'] button");
    d.wait_text("検査結果");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !d.source().contains("指摘（重大なものから）") {
        assert!(
            Instant::now() < deadline,
            "the scan never finished:\n{}",
            d.source()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(d.source().contains("緊急"), "{}", d.source());
    d.shot("08b-scan-result");
    d.click("a[href$='/evidence'].button");
    d.wait_text("検査からの案");
    d.shot("08c-scan-as-evidence");
    d.submit("form[action$='/evidence'] button.primary");
    d.wait_text("証跡として保存しました");

    // 6. Sign out and back in with the password and a fresh code.
    d.click("form[action='/logout'] button");
    d.wait_text("ログイン");
    d.typ("#email", "hanako@example.jp");
    d.typ("#password", "kawasemi-no-sora-7");
    d.click("button.primary");
    d.wait_text("2段階認証");
    d.typ("#code", &code(&secret, 1));
    d.click("button.primary");
    d.wait_text("株式会社サンプル製作所");

    // 7. English.
    d.go(&gaps_url);
    d.click("form[action='/lang'] button");
    d.wait_text("Gaps (by priority)");
    d.shot("07-gaps-en");

    for name in [
        "01-setup",
        "02-mfa-enrol",
        "03-recovery-codes",
        "04-assessment",
        "05-criterion-with-evidence",
        "06-gaps",
        "07-gaps-en",
        "08b-scan-result",
    ] {
        assert!(shots.join(format!("{name}.png")).exists());
    }
    eprintln!("screenshots: {}", shots.display());
}

/// Issue 4's loop: a buyer registers a supplier and answers the decision tree; the supplier
/// accepts, answers (by Excel), shares a summary; an expert confirms; an officer declares; the
/// buyer sees the confirmed level; revoking the share hides it at once.
#[test]
fn buyer_supplier_expert_in_chromium() {
    if !browser_available() {
        return;
    }
    let env = Env::start("e2e-supply");
    let d = &env.driver;
    let base = env.base.clone();

    // The buyer: first administrator, with TOTP.
    d.go(&format!("{base}/setup/{}", env.setup));
    d.wait_text("最初の管理者を作成");
    d.typ("#display_name", "購買 部長");
    d.typ("#email", "buyer@example.jp");
    d.typ("#password", "kawasemi-no-sora-7");
    d.typ("#password2", "kawasemi-no-sora-7");
    d.submit("button.primary");
    d.wait_text("2段階認証（多要素認証）の設定");
    let secret = d.text("code.secret");
    d.typ("#code", &code(&secret, 0));
    d.submit("button.primary");
    d.wait_text("回復コード");
    let src = d.source();
    let buyer_codes: Vec<String> = src
        .match_indices("<li><code>")
        .map(|(i, m)| {
            let rest = &src[i + m.len()..];
            rest[..rest.find('<').unwrap()].to_string()
        })
        .collect();
    d.submit("a.button.primary");
    d.wait_text("所属している組織");
    d.typ("#name", "発注自動車株式会社");
    d.submit("form[action='/orgs'] button");
    d.wait_text("自己評価を始める");
    let org_url = d.url();

    // Register the supplier and answer the decision tree: it receives confidential
    // information, so the buyer requires ★4.
    d.go(&format!("{org_url}/suppliers"));
    d.wait_text("取引先を登録");
    d.typ("#supplier_name", "小さな製作所株式会社");
    d.typ("#corporate_number", "1180301018771");
    d.typ("#supplies", "ブレーキ部品の切削加工");
    for (q, a) in [
        ("confidential-info", "yes"),
        ("unacceptable-delay", "no"),
        ("system-access", "no"),
    ] {
        d.click(&format!("input[name='{q}'][value='{a}']"));
    }
    d.submit("form[action$='/suppliers'] button.primary");
    d.wait_text("まだ承諾されていません");
    d.submit("form[action$='/invite'] button");
    d.wait_text("招待リンク");
    let supplier_link = d.text("code.secret");
    d.shot("01-buyer-invites");

    // The supplier: new to hoshi, accepts into a new organisation.
    d.sign_out_all();
    d.go(&supplier_link);
    d.wait_text("取引先としての招待");
    d.typ("#display_name", "製作所 社長");
    d.typ("#email", "owner@small.example.jp");
    d.typ("#password", "hibari-no-uta-42");
    d.typ("#password2", "hibari-no-uta-42");
    d.submit("button.primary");
    d.wait_text("発注自動車株式会社");
    let sorg_url = d.url().trim_end_matches("/buyers").to_string();
    d.go(&sorg_url);
    d.typ("#title", "2026年度 ★3 自己評価");
    d.submit("form[action$='/assessments'] button");
    // Owning an organisation with an assessment: the second factor is set up first.
    let owner_codes = d.enrol();
    d.go(&sorg_url);
    d.submit("a[href*='/a/']");
    d.wait_text("大分類別の進捗");
    let assessment_url = d.url();
    // Answers by Excel: every criterion met.
    let scs = env.state.catalogs().get("scs").unwrap().clone();
    let mut filled = hoshi_core::Assessment::new(&scs, 3);
    for c in scs.criteria_for_level(3) {
        filled
            .set(
                c.id.clone(),
                hoshi_core::Answer::with_status(hoshi_core::Status::Met),
            )
            .unwrap();
    }
    let xlsx = env.data.path().join("回答.xlsx");
    std::fs::write(
        &xlsx,
        hoshi_xlsx::export(&scs, &filled, hoshi_core::Lang::Ja).unwrap(),
    )
    .unwrap();
    d.click("details.card summary");
    let input = d.find("#xlsx");
    d.cmd(
        "POST",
        &format!("/element/{input}/value"),
        Some(json!({ "text": xlsx.display().to_string() })),
    );
    d.submit("form[action$='/import.xlsx'] button");
    d.wait_text("81 件の回答を更新しました");
    // Share a summary with the buyer.
    d.go(&format!("{sorg_url}/buyers"));
    d.click("input[name='scope'][value='summary']");
    d.submit("form[action$='/share'] button.primary");
    d.wait_text("大分類別の概要まで");
    // Invite an expert.
    d.go(&assessment_url);
    d.submit("form[action$='/review/invite'] button");
    d.wait_text("専門家用の招待リンク");
    let expert_link = d.text("code.secret");

    // The expert signs up through the link.
    d.sign_out_all();
    d.go(&expert_link);
    d.wait_text("専門家としての確認依頼");
    d.typ("#display_name", "確認 専門家");
    d.typ("#email", "expert@example.jp");
    d.typ("#password", "tsubame-no-su-77");
    d.typ("#password2", "tsubame-no-su-77");
    d.typ("#qualification", "情報処理安全確保支援士");
    d.typ("#registration_number", "第012345号");
    d.submit("button.primary");
    // Experts use a second factor too; then their home leads to the review.
    let expert_codes = d.enrol();
    d.go(&format!("{base}/"));
    d.submit("#assigned-reviews a");
    d.wait_text("確認を依頼されている自己評価");
    let review_url = d.url();

    // The supplier submits.
    d.sign_in(
        &base,
        "owner@small.example.jp",
        "hibari-no-uta-42",
        Some(&owner_codes[0]),
    );
    d.go(&assessment_url);
    d.submit("form[action$='/review/submit'] button");
    d.wait_text("確認依頼済み");

    // The expert starts, comments on a criterion and returns the assessment with a reason.
    d.sign_in(
        &base,
        "expert@example.jp",
        "tsubame-no-su-77",
        Some(&expert_codes[0]),
    );
    d.go(&review_url);
    d.submit("form:has(input[value='start']) button");
    d.wait_text("確認する");
    d.typ("#cm-4-4-4-2", "パッチ適用の記録を添付してください。");
    d.submit("form:has(input[name='criterion'][value='4-4-4-2']) button");
    d.wait_text("パッチ適用の記録を添付してください。");
    d.shot("02-expert-review");
    d.click("details#return summary");
    d.typ("#return-reason", "4-4-4-2 の根拠が不足しています。");
    d.submit_confirmed("form:has(input[value='return']) button", "差し戻します");
    d.wait_text("差し戻し");

    // The supplier reads the reason and the comment, and submits again.
    d.sign_in(
        &base,
        "owner@small.example.jp",
        "hibari-no-uta-42",
        Some(&owner_codes[1]),
    );
    d.go(&assessment_url);
    d.wait_text("4-4-4-2 の根拠が不足しています。");
    d.submit("form[action$='/review/submit'] button");
    d.wait_text("確認依頼済み");

    // The expert signs in again, finds the review from the home page, and confirms.
    d.sign_in(
        &base,
        "expert@example.jp",
        "tsubame-no-su-77",
        Some(&expert_codes[1]),
    );
    d.submit("#assigned-reviews a");
    d.wait_text("確認を依頼されている自己評価");
    d.submit("form:has(input[value='start']) button");
    d.wait_text("確認する");
    d.submit_confirmed("form:has(input[value='confirm']) button", "取り消せません");
    d.wait_text("確認済み");

    // An officer of the supplier declares.
    d.sign_in(
        &base,
        "owner@small.example.jp",
        "hibari-no-uta-42",
        Some(&owner_codes[2]),
    );
    // The owner records themself as an officer (代表取締役) on the organisation page, then
    // declares in person under their own account.
    d.go(&sorg_url);
    d.typ(
        "form[action$='/officer'] input[name='officer_title']",
        "代表取締役",
    );
    d.submit("form[action$='/officer'] button");
    d.go(&assessment_url);
    d.wait_text("次の役員として、本人が宣誓します");
    d.click("form[action$='/review/declare'] input[name='agree']");
    d.submit_confirmed("form[action$='/review/declare'] button", "取り消せません");
    d.wait_text("代表取締役 製作所 社長");
    d.wait_text("本人が宣誓");
    d.shot("03-supplier-declared");
    // The signed result.
    d.submit("form[action$='/attest'] button");
    d.wait_text("失効させる");
    let result_url = d.url();

    // The buyer sees the confirmed level on the portfolio.
    d.sign_in(
        &base,
        "buyer@example.jp",
        "kawasemi-no-sora-7",
        Some(&code(&secret, 1)),
    );
    d.go(&format!("{org_url}/suppliers"));
    d.wait_text("レベル不足");
    let src = d.source();
    assert!(
        src.contains("<td>★4</td><td>★3 <span class=\"status s-not-met\">レベル不足</span>"),
        "required ★4, achieved ★3: short of it, not green"
    );
    d.shot("04-portfolio-short");

    // The supplier revokes its signed result: the buyer's very next page says so.
    d.sign_in(
        &base,
        "owner@small.example.jp",
        "hibari-no-uta-42",
        Some(&owner_codes[3]),
    );
    d.go(&result_url);
    d.typ(
        "form[action$='/revoke'] input[name='reason']",
        "回答の誤りが見つかったため",
    );
    d.submit_confirmed("form[action$='/revoke'] button", "元に戻せません");
    d.wait_text("回答の誤りが見つかったため");
    d.sign_in(
        &base,
        "buyer@example.jp",
        "kawasemi-no-sora-7",
        Some(&buyer_codes[0]),
    );
    d.go(&format!("{org_url}/suppliers"));
    d.wait_text("署名付き結果を失効");
    d.shot("04b-portfolio-result-revoked");

    // The supplier stops sharing; the buyer sees nothing on the very next request.
    d.sign_in(
        &base,
        "owner@small.example.jp",
        "hibari-no-uta-42",
        Some(&owner_codes[4]),
    );
    d.go(&format!("{sorg_url}/buyers"));
    d.submit("form[action$='/revoke'] button");
    d.wait_text("取引先はまだ何も共有していません");
    d.sign_in(
        &base,
        "buyer@example.jp",
        "kawasemi-no-sora-7",
        Some(&buyer_codes[1]),
    );
    d.go(&format!("{org_url}/suppliers"));
    d.wait_text("未共有");
    assert!(
        !d.source().contains("<td>★4</td><td>★3"),
        "the level is gone with the share"
    );
    d.shot("05-portfolio-after-revoke");
}

impl Driver {
    /// Chooses a file for an `<input type="file">` (the browser reads it from this path).
    fn choose_file(&self, css: &str, path: &std::path::Path) {
        let e = self.find(css);
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": path.display().to_string() })),
        );
    }
}

/// The administrator's journey: import IPA's official workbook in the browser, start a ★4
/// assessment on it at once, and give a person who forgot their password a way back in.
#[test]
fn an_administrator_in_chromium() {
    if !browser_available() {
        return;
    }
    let env = Env::start("e2e-admin");
    let d = &env.driver;
    let (base, setup) = (env.base.clone(), env.setup.clone());

    d.go(&format!("{base}/setup/{setup}"));
    d.wait_text("最初の管理者を作成");
    d.typ("#display_name", "管理 花子");
    d.typ("#email", "admin@example.jp");
    d.typ("#password", "kawasemi-no-sora-7");
    d.typ("#password2", "kawasemi-no-sora-7");
    d.submit("button.primary");
    let codes = d.enrol();

    // 1. From the account page to the catalogs: only the bundled catalog, ★4 a summary only.
    d.go(&format!("{base}/account"));
    d.submit("a[href='/admin/catalogs']");
    d.wait_text("公式ワークブックの取り込み");
    assert!(d.text("table").contains("要約のみ"));

    // 2. A workbook with a broken header: refused, in Japanese, nothing imported.
    let reg = env.state.catalogs();
    let star3: Vec<String> = reg
        .get("scs")
        .unwrap()
        .criteria_for_level(3)
        .map(|c| c.id.clone())
        .collect();
    let rows = hoshi_xlsx::fixture::edition_rows(&star3);
    let dir = tempfile::tempdir().unwrap();
    let mut bad = hoshi_xlsx::fixture::Options::default();
    bad.headers[10] = "基準番号".into();
    let bad_path = dir.path().join("壊れた見出し.xlsx");
    std::fs::write(&bad_path, hoshi_xlsx::fixture::workbook(&rows, &bad)).unwrap();
    d.choose_file("#file", &bad_path);
    d.submit("form[action='/admin/catalogs'] button");
    d.wait_text("入力内容を確認してください");
    assert!(
        d.text("#file-error").contains("2 行目"),
        "{}",
        d.text("#file-error")
    );
    d.shot("01-catalog-refused");

    // 3. The official layout: imported, and listed with its ★4 criteria.
    let good = dir.path().join("20260327001-c.xlsx");
    std::fs::write(
        &good,
        hoshi_xlsx::fixture::workbook(&rows, &hoshi_xlsx::fixture::Options::default()),
    )
    .unwrap();
    d.choose_file("#file", &good);
    d.submit("form[action='/admin/catalogs'] button");
    d.wait_text("scs-ipa@2026-03-27 を取り込みました");
    assert!(
        d.text("table").contains("★4: 評価基準 153 件"),
        "{}",
        d.text("table")
    );
    d.shot("02-catalog-imported");

    // 4. A ★4 self-assessment starts at once, without a restart.
    d.go(&format!("{base}/"));
    d.typ("#name", "四ツ星精工株式会社");
    d.submit("form[action='/orgs'] button");
    d.wait_text("自己評価を始める");
    d.click("#catalog option[value='scs-ipa@2026-03-27:4']");
    d.typ("#title", "2026年度 ★4 自己評価");
    d.submit("form[action$='/assessments'] button");
    d.wait_text("大分類別の進捗");
    assert!(d.source().contains("2026年度 ★4 自己評価"));
    d.shot("03-star4-started");

    // 5. A person who forgot their password: the administrator issues a one-time link, the
    // person sets a new password with it and signs in.
    let user = env
        .state
        .store
        .write(|tx| {
            hoshi_store::users::create(
                tx,
                1,
                None,
                hoshi_store::users::NewUser {
                    email: "tanaka@example.jp",
                    display_name: "田中 一郎",
                    password_hash: "forgotten",
                    is_admin: false,
                    lang: "ja",
                },
            )
        })
        .unwrap();
    d.go(&format!("{base}/admin/users"));
    d.submit(&format!(
        "#u-{} form:has(input[value='reset_link']) button",
        user.id
    ));
    d.wait_text("次のリンクを本人に渡してください");
    let link = d.text(&format!("#u-{} code.secret", user.id));
    assert!(link.starts_with(&format!("{base}/reset/")), "{link}");
    d.shot("04-reset-link");
    d.sign_out_all();
    d.go(&link);
    d.typ("#password", "akatombo-no-yuugure-3");
    d.typ("#password2", "akatombo-no-yuugure-3");
    d.submit("button.primary");
    d.sign_in(&base, "tanaka@example.jp", "akatombo-no-yuugure-3", None);
    d.wait_text("田中 一郎");
    // The link works once.
    d.sign_out_all();
    d.go(&link);
    d.wait_text("このパスワード再設定用リンクは無効です");
    let _ = codes;
}

/// Issue 16 in the browser: the owner sets the information for documents, drafts the security
/// policy, edits it, approves and publishes it; a member invited as a viewer reads it and
/// confirms; the owner sees the confirmation. A yearly check comes due and its reminder reaches
/// the SMTP sink; an incident is opened, a first step ticked and its report drafted into the
/// notices. Screenshots in `target/tmp/e2e-rules/`.
#[test]
fn rules_checks_and_incidents_in_chromium() {
    if !browser_available() {
        return;
    }
    // The SMTP sink runs on a runtime of its own for the whole test.
    let mail_rt = tokio::runtime::Runtime::new().unwrap();
    let sink = mail_rt
        .block_on(hoshi_mail::sink::Sink::start(
            hoshi_mail::sink::SinkOptions::default(),
        ))
        .unwrap();
    let smtp = std::sync::Arc::new(hoshi_mail::SmtpConfig {
        host: "127.0.0.1".into(),
        port: sink.addr.port(),
        security: hoshi_mail::Security::None,
        auth: None,
        from: "hoshi@example.jp".into(),
        from_name: "hoshi".into(),
        helo: "localhost".into(),
        timeout: Duration::from_secs(10),
        extra_roots: vec![],
    });
    let env = Env::start_with("e2e-rules", Some(smtp));
    let d = &env.driver;
    let (base, setup) = (env.base.clone(), env.setup.clone());

    d.go(&format!("{base}/setup/{setup}"));
    d.wait_text("最初の管理者を作成");
    d.typ("#display_name", "星川 一郎");
    d.typ("#email", "ichiro@example.jp");
    d.typ("#password", "kawasemi-no-sora-7");
    d.typ("#password2", "kawasemi-no-sora-7");
    d.submit("button.primary");
    let codes = d.enrol();
    d.go(&format!("{base}/"));
    d.wait_text("所属している組織");
    d.typ("#name", "星川精機株式会社");
    d.submit("form[action='/orgs'] button");
    d.wait_text("自己評価を始める");
    let org_url = d.url();

    // 1. The information for documents: the owner leads security and represents the company.
    d.click("a[href$='/docs']");
    d.wait_text("基本方針や規程");
    d.click("a[href$='/docs/inputs']");
    d.wait_text("下書きに入れる担当者");
    let me = d.prop("#security_lead option:nth-child(2)", "value");
    d.cmd(
        "POST",
        "/execute/sync",
        Some(json!({"script": "document.querySelector('#security_lead').value = arguments[0]; document.querySelector('#representative').value = arguments[0]; document.querySelector('#prefecture').value = '愛知県';", "args": [me]})),
    );
    d.typ("#security_lead_phone", "052-000-1234");
    d.typ("#insurer_name", "あおば損害保険株式会社");
    d.typ("#password_min_len", "4");
    d.submit("form[action$='/docs/inputs'] button.primary");
    d.wait_text("入力内容を確認してください");
    assert!(
        d.text("form[action$='/docs/inputs'] .field-error")
            .contains("8〜64"),
        "the number's message at its field"
    );
    d.typ("#password_min_len", "14");
    d.submit("form[action$='/docs/inputs'] button.primary");
    d.wait_text("文書に使う情報を保存しました");
    d.shot("01-inputs");

    // 2. Draft the policy in Japanese: the company and the lead are filled in.
    d.go(&format!("{org_url}/docs"));
    d.submit("#kind-policy form button");
    d.wait_text("下書きを作りました");
    let text = d.text("#text");
    assert!(text.contains("星川精機株式会社"), "{text}");
    assert!(!d.source().contains("未設定"), "nothing left to fill");
    d.shot("02-policy-draft");
    let doc_url = d.url().split('?').next().unwrap().to_string();

    // 3. Edit the first section; the history names the change.
    d.click("#steps a.button");
    d.wait_text("見出しと本文を節ごとに編集します");
    let body = d.prop("#body_0", "value");
    d.typ(
        "#body_0",
        &format!("{body}\n\n- 方針は全員がいつでも読めるようにします。"),
    );
    d.typ("#note", "周知の一文を追加");
    d.shot("03-edit");
    d.submit("form[action$='/edit'] button.primary");
    d.wait_text("新しい版を保存しました");
    assert!(d.text("#history").contains("周知の一文を追加"));

    // 4. Approve, then publish with today's date.
    d.submit("form[action$='/approve'] button");
    d.wait_text("この版を承認しました");
    d.submit("form[action$='/publish'] button");
    d.wait_text("公開しました");
    d.shot("04-published");

    // 5. A member joins as a viewer, reads the policy and confirms.
    d.go(&org_url);
    d.cmd(
        "POST",
        "/execute/sync",
        Some(json!({"script": "document.querySelector('#role').value = 'viewer';", "args": []})),
    );
    d.submit("form[action$='/invitations'] button");
    d.wait_text("/invite/");
    let link = d.text(".flash code.secret");
    d.sign_out_all();
    d.go(&link);
    d.wait_text("パスワード");
    d.typ("#display_name", "山田 花子");
    d.typ("#email", "hanako@example.jp");
    d.typ("#password", "hibari-no-uta-42");
    d.typ("#password2", "hibari-no-uta-42");
    d.submit("button.primary");
    d.go(&doc_url);
    d.wait_text("この規程は全員への周知が求められています");
    assert!(
        d.text("#text")
            .contains("方針は全員がいつでも読めるようにします")
    );
    assert!(
        !d.source().contains("この版を承認する"),
        "a viewer cannot approve"
    );
    d.submit("#reading button");
    d.wait_text("読了を確認済み");
    d.shot("05-member-read");

    // 6. The owner sees who read it.
    d.sign_in(
        &base,
        "ichiro@example.jp",
        "kawasemi-no-sora-7",
        Some(&codes[0]),
    );
    d.go(&doc_url);
    d.wait_text("メンバーの読了確認");
    assert!(
        d.text("#readers").contains("(1 / 2)"),
        "{}",
        d.text("#readers")
    );
    d.shot("06-owner-sees-reading");

    // 7. The yearly checks ★3 asks for; one, given to the member, is due in five days: she
    // gets a reminder.
    d.go(&format!("{org_url}/cycle"));
    d.submit("#templates form button");
    d.wait_url(|u| u.contains("added=1"));
    d.click("#tasks tbody tr:first-child a");
    d.wait_text("/checks");
    let task_url = d.url().split('?').next().unwrap().to_string();
    let due =
        hoshi_core::cycle::add_days(&hoshi_core::time::date_jst(hoshi_web::now()), 5).unwrap();
    d.click("#edit summary");
    d.cmd(
        "POST",
        "/execute/sync",
        Some(json!({"script": "const f = document.querySelector(`form[action='${arguments[0]}']`); f.querySelector('#next_due').value = arguments[1]; const o = [...f.querySelectorAll('#owner option')].find(o => o.textContent.includes('山田 花子')); f.querySelector('#owner').value = o.value;", "args": [task_url.trim_start_matches(&base), due]})),
    );
    d.submit(&format!(
        "form[action='{}'] button.primary",
        task_url.trim_start_matches(&base)
    ));
    d.wait_text(&due);
    let state = env.state.clone();
    let given = env
        ._rt
        .block_on(hoshi_web::jobs::cycle::remind(&state))
        .unwrap();
    assert_eq!(given, 1, "one reminder for the check coming due");
    env._rt
        .block_on(hoshi_web::jobs::outbox::deliver_due(&state));
    let got = mail_rt.block_on(sink.wait_for(1, 10));
    assert_eq!(got[0].to, vec!["hanako@example.jp"]);
    assert!(got[0].subject().contains(&due), "{}", got[0].subject());
    assert!(got[0].text().contains(task_url.trim_start_matches(&base)));
    d.shot("07-check-coming-due");

    // 8. An incident: opened, the first step ticked, the report drafted into the notices.
    d.go(&format!("{org_url}/incidents"));
    d.typ("#open #title", "VPN 装置経由のランサムウェア感染の疑い");
    d.submit("#open form button.primary");
    d.wait_text("id=\"checklist\"");
    let incident_url = d.url().split('?').next().unwrap().to_string();
    d.submit("#checklist tbody tr[id^='step-'] form button");
    d.wait_text("☑");
    d.typ(
        "#what_happened",
        "ファイルサーバーのファイルが暗号化され、身代金を要求する画面が表示された。",
    );
    d.typ("#systems", "ファイルサーバー、VPN 装置");
    d.typ("#data", "顧客の図面データ");
    d.submit("#report form button.primary");
    d.wait_url(|u| u.starts_with(&incident_url));
    d.wait_text("顧客の図面データ");
    let notices = d.text("#notices");
    assert!(notices.contains("ファイルサーバー"), "{notices}");
    assert!(
        d.text("#timeline").contains("改ざん"),
        "the chain is checked"
    );
    d.shot("08-incident");
}
