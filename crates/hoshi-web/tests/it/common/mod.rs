//! An in-process browser: keeps cookies, reads CSRF tokens out of forms, follows nothing.

use hoshi_store::db::testing::RawSql as _;
use std::collections::HashMap;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use hoshi_catalog::Registry;
use hoshi_web::{AppState, Config, Shared, router};
use tower::ServiceExt;

/// The web tests' report renderer: the document the web layer hands over, as JSON. These tests
/// check *what* the web layer puts into a report (attestation id, confirmer, cost inputs, language);
/// that Typst turns such a document into a PDF is tested in `hoshi-typst`, and the binary's wiring
/// of the real typesetter into the web app in `crates/hoshi/tests/it/web_pdf.rs`. Keeping Typst out
/// of this test binary is what keeps it small.
pub struct DocAsJson;

impl hoshi_pdf::Render for DocAsJson {
    fn render(&self, doc: &hoshi_pdf::Doc) -> Result<Vec<u8>, hoshi_pdf::PdfError> {
        serde_json::to_vec(doc).map_err(|e| hoshi_pdf::PdfError(e.to_string()))
    }

    fn notices(&self) -> &str {
        "test renderer: no fonts embedded"
    }

    /// The document and its frame as JSON (`hoshi-typst` tests the typesetting).
    fn document(
        &self,
        doc: &hoshi_docs::Doc,
        meta: &hoshi_docs::Meta,
    ) -> Result<Vec<u8>, hoshi_pdf::PdfError> {
        serde_json::to_vec(
            &serde_json::json!({"doc": doc, "company": meta.company, "version": meta.version}),
        )
        .map_err(|e| hoshi_pdf::PdfError(e.to_string()))
    }
}

pub struct App {
    pub dir: tempfile::TempDir,
    pub state: Shared,
    pub router: Router,
}

pub fn app() -> App {
    app_with(|_| {})
}

/// An app with its settings changed by `f`.
pub fn app_with(f: impl FnOnce(&mut Config)) -> App {
    app_with_catalogs(Registry::bundled().unwrap(), f)
}

/// An app with these catalogs (e.g. the bundled ones plus an imported workbook).
pub fn app_with_catalogs(catalogs: Registry, f: impl FnOnce(&mut Config)) -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = hoshi_store::db::testing::open(dir.path());
    let mut config = Config {
        secure_cookies: false,
        public_url: "http://localhost".into(),
        max_upload: 1024 * 1024,
        data_dir: dir.path().to_path_buf(),
        validity: (365, 365),
        mail: None,
        issuers: Default::default(),
        renderer: std::sync::Arc::new(DocAsJson),
        trusted_proxies: vec![],
        scan: hoshi_web::exposure::ScanPolicy::for_tests(),
        vulns: std::sync::Arc::new(hoshi_web::assets::NoVulnData),
        backup: hoshi_web::backups::BackupPolicy::for_tests(dir.path()),
        posture: hoshi_web::mailcheck::PosturePolicy::default(),
    };
    f(&mut config);
    let state = AppState::new(store, catalogs, config);
    if state.store.is_shared() {
        // A deployment on PostgreSQL makes its key once, before any server starts.
        hoshi_web::attest::keys::Keystore::open(&state.config.data_dir, "2026-01-01").unwrap();
    }
    state.open_keys().unwrap();
    App {
        router: router(state.clone()),
        state,
        dir,
    }
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the first `_csrf` hidden field of the page (the form after the layout's).
    pub fn csrf(&self) -> String {
        self.body
            .match_indices("name=\"_csrf\" value=\"")
            .map(|(i, m)| {
                let rest = &self.body[i + m.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    }
}

pub struct Client {
    pub router: Router,
    pub cookies: HashMap<String, String>,
    /// Sent as `Origin` on POSTs (None: no Origin header).
    pub origin: Option<String>,
    /// The client's address as the server sees it (None: unknown, as in-process).
    pub peer: Option<std::net::SocketAddr>,
    /// Sent as `X-Forwarded-For` (what a reverse proxy adds).
    pub forwarded_for: Option<String>,
}

impl Client {
    pub fn new(app: &App) -> Client {
        Client {
            router: app.router.clone(),
            cookies: HashMap::new(),
            origin: Some("http://localhost".into()),
            peer: None,
            forwarded_for: None,
        }
    }

    /// A client that connects from `addr` (e.g. "192.0.2.7:50000").
    pub fn from_address(app: &App, addr: &str) -> Client {
        Client {
            peer: Some(addr.parse().unwrap()),
            ..Client::new(app)
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, mut req: Request<Body>) -> Resp {
        if let Some(peer) = self.peer {
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
        }
        if let Some(f) = &self.forwarded_for {
            req.headers_mut()
                .insert("x-forwarded-for", f.parse().unwrap());
        }
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        for v in headers.get_all(header::SET_COOKIE) {
            let s = v.to_str().unwrap();
            let (kv, attrs) = s.split_once(';').unwrap_or((s, ""));
            let (k, val) = kv.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), val.to_string());
            }
        }
        let bytes = axum::body::to_bytes(res.into_body(), 64 * 1024 * 1024)
            .await
            .unwrap();
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        let req = Request::get(path)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    pub async fn get_bytes(&mut self, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let req = Request::get(path)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let (s, h) = (res.status(), res.headers().clone());
        let b = axum::body::to_bytes(res.into_body(), 64 * 1024 * 1024)
            .await
            .unwrap();
        (s, h, b.to_vec())
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body: String = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut b = Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(o) = &self.origin {
            b = b.header(header::ORIGIN, o);
        }
        self.send(b.body(Body::from(body)).unwrap()).await
    }
}

impl Client {
    /// A multipart/form-data POST; `files` are (field, file name, bytes).
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Resp {
        let boundary = "----hoshi-test-boundary-7d93";
        let mut body: Vec<u8> = Vec::new();
        for (k, v) in fields {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        for (k, name, bytes) in files {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            );
            body.extend(*bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let mut b = Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, self.cookie_header())
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            );
        if let Some(o) = &self.origin {
            b = b.header(header::ORIGIN, o);
        }
        self.send(b.body(Body::from(body)).unwrap()).await
    }
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub const PASSWORD: &str = "kawasemi-no-sora-7";

/// The TOTP secret shown on the enrolment page.
pub fn secret_of(page: &str) -> String {
    let i = page.find("class=\"secret\">").unwrap() + "class=\"secret\">".len();
    page[i..i + page[i..].find('<').unwrap()].to_string()
}

/// The code of an exact time step.
pub fn code_at(secret: &str, step: i64) -> String {
    let key = hoshi_web::auth::base32_decode(secret).unwrap();
    format!("{:06}", hoshi_web::auth::totp_code(&key, step))
}

/// The last TOTP step accepted for a user (set at enrolment and at each sign-in).
pub fn last_step(app: &App, email: &str) -> i64 {
    app.state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT totp_last_step FROM users WHERE email = ?1",
                [email],
                |r| r.get(0),
            )
        })
        .unwrap()
}

pub fn code(secret: &str, offset_steps: i64) -> String {
    let key = hoshi_web::auth::base32_decode(secret).unwrap();
    let step = hoshi_web::now() / 30 + offset_steps;
    format!("{:06}", hoshi_web::auth::totp_code(&key, step))
}

/// Creates the first administrator through the set-up link and enrols MFA; returns the client,
/// the TOTP secret and the recovery codes.
pub async fn admin(app: &App) -> (Client, String, Vec<String>) {
    let token = hoshi_store::new_token();
    app.state
        .store
        .write(|tx| hoshi_store::users::create_setup_token(tx, 1, &token))
        .unwrap();
    let mut c = Client::new(app);
    let page = c.get(&format!("/setup/{token}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let r = c
        .post(
            &format!("/setup/{token}"),
            &[
                ("_csrf", &page.csrf()),
                ("display_name", "管理 者"),
                ("email", "admin@example.jp"),
                ("password", PASSWORD),
                ("password2", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.location(), "/account/mfa", "{}", r.body);
    let enrol = c.get("/account/mfa").await;
    let secret = secret_of(&enrol.body);
    let done = c
        .post(
            "/account/mfa",
            &[("_csrf", &enrol.csrf()), ("code", &code(&secret, 0))],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let codes: Vec<String> = done
        .body
        .match_indices("<li><code>")
        .map(|(i, m)| {
            let rest = &done.body[i + m.len()..];
            rest[..rest.find('<').unwrap()].to_string()
        })
        .collect();
    assert_eq!(codes.len(), 10);
    (c, secret, codes)
}

/// Creates an organisation as the signed-in client (who becomes its owner); returns its id.
pub async fn new_org(c: &mut Client, name: &str) -> String {
    let home = c.get("/").await;
    c.post("/orgs", &[("_csrf", &home.csrf()), ("name", name)])
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string()
}

/// Sets up the second factor for the signed-in client — required of owners of organisations
/// with an assessment and of experts; returns the TOTP secret.
pub async fn enrol(c: &mut Client) -> String {
    let page = c.get("/account/mfa").await;
    let secret = secret_of(&page.body);
    let done = c
        .post(
            "/account/mfa",
            &[("_csrf", &page.csrf()), ("code", &code(&secret, 0))],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    secret
}

/// Invites a new user into `org` with `role` through the owner's invitation link; returns their client.
pub async fn join(app: &App, owner: &mut Client, org: &str, role: &str, email: &str) -> Client {
    let page = owner.get(&format!("/o/{org}")).await;
    let inv = owner
        .post(
            &format!("/o/{org}/invitations"),
            &[("_csrf", &page.csrf()), ("role", role)],
        )
        .await;
    let link = inv.body.split("/invite/").nth(1).unwrap()[..64].to_string();
    let mut c = Client::new(app);
    let f = c.get(&format!("/invite/{link}")).await;
    let r = c
        .post(
            &format!("/invite/{link}"),
            &[
                ("_csrf", &f.csrf()),
                ("display_name", role),
                ("email", email),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/o/{org}"));
    c
}
