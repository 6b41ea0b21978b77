//! The signals and how they combine. A mail is judged first by **who really sent it** — the
//! organisation's own domain authenticated by its own MX, a partner's domain signed as the
//! partner always signs, a person's known private address, or an outsider, a free-mail address,
//! a domain that only looks like a real one, a name borrowed from an officer, a member of staff,
//! a partner or one of its contacts (in the display name, the signature or the address itself),
//! an address of ours written into the display name, a well-known service's name on someone
//! else's domain — and then by **what it asks for**: moving to LINE or another channel and
//! sending a QR code, secrecy, haste, being unreachable by phone, money, a new bank or payroll
//! account, gift cards, passwords and codes. What a trusted sender writes is not held against
//! them (the IT warning that quotes the scam, the president's urgent mail, a colleague's LINE
//! group); what an untrusted sender asks for counts in full, and a request that only fraud makes
//! (a bank change by mail, a secret LINE group with the president) counts even from a plain
//! outsider — unless the mail was sent to many readers at once (a subscribed mailing list, an
//! authenticated newsletter), which tells about such requests rather than making them.
//!
//! What the profile has on file decides as well: a bank account in the mail that is not one of
//! the partner's accounts on file makes even the partner's own, signed mailbox suspect (a
//! hijacked account), unless the notice itself asks for the telephone check the company makes;
//! an outsider asking for money on an officer's authority, in secret, is suspect too.
//!
//! Authentication results are believed only when stamped by one of the profile's
//! `authserv_ids` (the organisation's own MX); a header added by the sender claiming `pass` is
//! ignored.
//!
//! [`Judge::new`] prepares the profile once (names and domains folded, accounts read) for many
//! mails; [`judge`] does the same for one mail.

use serde::Serialize;

use crate::account;
use crate::domain;
use crate::message::{Address, Message};
use crate::phrases::{Asks, Folded, asks, service_domain, service_named};
use crate::profile::{FREE_MAIL, Partner, Person, Profile, Protected};
use crate::text::fold_compact;

/// The outcome for one mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    Suspicious,
    Fraud,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Suspicious => "suspicious",
            Verdict::Fraud => "fraud",
        }
    }
}

/// Scores at or above these are `fraud` and `suspicious`.
pub const FRAUD_AT: u32 = 60;
pub const SUSPICIOUS_AT: u32 = 35;

/// One signal that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Stable code (`impersonated_officer`, `lookalike_domain`, `asks_bank_change`, …).
    pub code: &'static str,
    /// What was seen, with the names and addresses involved.
    pub detail: String,
    pub ja: String,
    pub en: String,
    /// Points this signal added (0 for notes that do not count).
    pub points: u32,
}

/// The judgement of one mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Judgement {
    pub verdict: Verdict,
    pub score: u32,
    pub reasons: Vec<Reason>,
    /// What the reader should do, in Japanese and English.
    pub advice_ja: String,
    pub advice_en: String,
}

/// How far the sender can be believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trust {
    /// The organisation's own domain, authenticated by its own MX.
    Internal,
    /// A partner's domain signed as it usually is, or a known private address.
    Known,
    /// Anyone else.
    Unknown,
    /// Something about the sender is wrong (forged own domain, imitation, borrowed name…).
    Suspect,
}

/// Authentication results the organisation's MX stamped.
#[derive(Debug, Default, Clone)]
struct Auth {
    stamped: bool,
    spf: Option<String>,
    /// The envelope sender's domain the SPF result is for (`smtp.mailfrom`).
    spf_domain: String,
    dkim_pass_domains: Vec<String>,
    dkim_fail: bool,
    dmarc: Option<String>,
}

/// The authserv-id an `Authentication-Results` value starts with, in lower case.
fn authserv_id(h: &str) -> String {
    h.split(';')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn trusted_auth(m: &Message, ids: &[String]) -> Auth {
    let mut a = Auth::default();
    for h in &m.authentication_results {
        if !ids.contains(&authserv_id(h)) {
            // The first run of the MX's stamps is the one it made on arrival (several milters
            // write one each); a stamp with its name further down came with the mail.
            if a.stamped {
                break;
            }
            continue;
        }
        a.stamped = true;
        for part in h.split(';').skip(1) {
            let part = part.trim().to_ascii_lowercase();
            let mut words = part.split_whitespace();
            let Some(first) = words.next() else { continue };
            let Some((method, result)) = first.split_once('=') else {
                continue;
            };
            let result = result
                .trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string();
            match method {
                "spf" => {
                    a.spf = Some(result);
                    a.spf_domain = part
                        .split_whitespace()
                        .find_map(|w| w.strip_prefix("smtp.mailfrom="))
                        .map(|v| v.rsplit('@').next().unwrap_or(v))
                        .unwrap_or_default()
                        .trim_matches(|c: char| c == ';' || c == ')' || c == '(' || c == '>')
                        .to_string();
                }
                "dmarc" => a.dmarc = Some(result),
                "dkim" => {
                    let d = part
                        .split_whitespace()
                        .find_map(|w| {
                            w.strip_prefix("header.d=")
                                .or_else(|| w.strip_prefix("header.i=@"))
                        })
                        .unwrap_or_default()
                        .trim_matches(|c: char| c == ';' || c == ')' || c == '(')
                        .to_string();
                    if result == "pass" {
                        a.dkim_pass_domains.push(d);
                    } else if result == "fail" || result == "permerror" {
                        a.dkim_fail = true;
                    }
                }
                _ => {}
            }
        }
    }
    if !a.stamped
        && let Some(own) = &m.own_dkim
    {
        own_verification(&mut a, m, own);
    }
    a
}

/// No stamp of the organisation's MX, but hoshi verified the DKIM signatures itself: a
/// passing signature counts as a DKIM pass, and one aligned with the From domain (the one
/// under the other, close to DMARC's relaxed alignment) as a DMARC pass. SPF stays unknown (the
/// sending address is not in a stored mail).
fn own_verification(a: &mut Auth, m: &Message, own: &[(String, bool)]) {
    a.stamped = true;
    let from_domain = m
        .from
        .as_ref()
        .map(|f| f.domain.clone())
        .unwrap_or_default();
    for (d, pass) in own {
        let d = d.to_ascii_lowercase();
        if *pass {
            if !from_domain.is_empty()
                && (domain::under(&from_domain, &d) || domain::under(&d, &from_domain))
            {
                a.dmarc = Some("pass".into());
            }
            a.dkim_pass_domains.push(d);
        } else {
            a.dkim_fail = true;
        }
    }
}

fn reason(code: &'static str, points: u32, detail: String, ja: &str, en: &str) -> Reason {
    Reason {
        code,
        detail,
        ja: ja.to_string(),
        en: en.to_string(),
        points,
    }
}

/// A person of the profile whose name the display name or the signature uses.
fn named_person<'a>(forms: &[(String, &'a Person)], text: &str) -> Option<&'a Person> {
    forms
        .iter()
        .find(|(f, _)| text.contains(f.as_str()))
        .map(|(_, p)| *p)
}

fn named_partner<'a>(forms: &[(String, &'a Partner)], text: &str) -> Option<&'a Partner> {
    forms
        .iter()
        .find(|(f, _)| text.contains(f.as_str()))
        .map(|(_, p)| *p)
}

/// The last lines of the text (where a signature is), without quoted lines.
fn signature(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('>'))
        .filter(|l| !l.trim().is_empty())
        .collect();
    let start = lines.len().saturating_sub(6);
    lines[start..].join("\n")
}

/// The text without quoted lines (a reply's `>` lines and what follows a "wrote:" line).
fn own_text(text: &str) -> String {
    let mut out = String::new();
    for l in text.lines() {
        let t = l.trim_start();
        if t.starts_with('>') {
            continue;
        }
        if (t.contains("wrote:") || t.ends_with("書きました:") || t.ends_with("書きました："))
            && t.len() < 300
        {
            break;
        }
        if t.starts_with("-----Original Message") || t.starts_with("----- Original") {
            break;
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// The profile made ready for judging: the names, domains and authserv-ids folded once. Build
/// it once with [`Judge::new`] and judge every mail with it; [`judge`] builds one per call.
#[derive(Debug, Clone)]
pub struct Judge<'p> {
    profile: &'p Profile,
    authserv_ids: Vec<String>,
    person_forms: Vec<(String, &'p Person)>,
    /// Officers' family names with their titles (`星川社長`).
    title_forms: Vec<(String, &'p Person)>,
    /// Staff by family name and department (`情報システム 高梨`).
    department_forms: Vec<(String, String, &'p Person)>,
    partner_forms: Vec<(String, &'p Partner)>,
    contact_forms: Vec<(String, &'p Partner)>,
    own_forms: Vec<String>,
    /// Shared mailboxes in lower case.
    shared_mailboxes: Vec<String>,
    protected: Vec<(domain::Target, Protected<'p>)>,
    /// Domains in lower case: the organisation's, the partners', free mail, mailing lists.
    own_domains: Vec<String>,
    partner_domains: Vec<(String, &'p Partner)>,
    free_domains: Vec<String>,
    lists: Vec<String>,
    /// Known addresses in lower case: people's (work and private), partners' private ones.
    person_addresses: Vec<(String, &'p Person)>,
    partner_addresses: Vec<(String, &'p Partner)>,
    /// The numbers of the accounts on file, for each partner that has some.
    accounts: Vec<(&'p Partner, Vec<String>)>,
}

/// One mail as the signals read it.
struct Mail<'m> {
    m: &'m Message,
    from: Address,
    from_addr: String,
    from_domain: String,
    auth: Auth,
    /// Mail of a mailing list (whose forwarding breaks the author's DKIM).
    list_mail: bool,
    /// Sent to many readers at once and proved so: delivered by one of the profile's mailing
    /// lists (its own SPF or DKIM passing at the organisation's MX), or bulk mail (an
    /// unsubscribe header, `Precedence: bulk`) whose author domain passed DMARC.
    broadcast: bool,
    thread: bool,
    /// From: is one of the organisation's domains (proved or not).
    own: bool,
    free: bool,
    /// From: is a well-known service's own domain (it may show a user's name or address).
    service: bool,
    /// The display name and the signature, compact folded.
    display: String,
    sig: String,
    /// The writer's own text (no quoted lines), as written.
    body: String,
    /// The subject and the writer's own text, folded.
    text: Folded,
}

/// Where a mail names the person it claims to come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    Display,
    Signature,
    Address,
}

/// What the signals found so far.
struct Tally<'p> {
    trust: Trust,
    points: u32,
    reasons: Vec<Reason>,
    known_person: Option<&'p Person>,
    known_partner_private: Option<&'p Partner>,
    /// The partner that owns the From: domain.
    partner: Option<&'p Partner>,
    claimed_person: Option<&'p Person>,
    /// The partner a look-alike domain or a borrowed name points at.
    claimed_partner: Option<&'p Partner>,
    reply_elsewhere: Option<(String, u32)>,
}

impl Tally<'_> {
    fn add(&mut self, code: &'static str, points: u32, detail: String, ja: &str, en: &str) {
        self.points += points;
        self.reasons.push(reason(code, points, detail, ja, en));
    }
}

fn lower(list: &[String]) -> Vec<String> {
    list.iter().map(|d| d.to_ascii_lowercase()).collect()
}

fn find<'p, T>(list: &[(String, &'p T)], key: &str) -> Option<&'p T> {
    list.iter().find(|(k, _)| k == key).map(|(_, x)| *x)
}

/// Judges one mail against the profile. Judging many mails, build a [`Judge`] once instead.
pub fn judge(m: &Message, p: &Profile) -> Judgement {
    Judge::new(p).judge(m)
}

impl<'p> Judge<'p> {
    pub fn new(profile: &'p Profile) -> Judge<'p> {
        Judge {
            profile,
            authserv_ids: profile
                .organisation
                .authserv_ids
                .iter()
                .map(|s| s.to_ascii_lowercase())
                .collect(),
            person_forms: profile.name_forms(),
            title_forms: profile.title_forms(),
            department_forms: profile.department_forms(),
            partner_forms: profile.partner_forms(),
            contact_forms: profile.contact_forms(),
            own_forms: profile.own_forms(),
            shared_mailboxes: lower(&profile.shared_mailboxes),
            protected: profile
                .protected_domains()
                .into_iter()
                .map(|(d, whose)| (domain::Target::new(&d), whose))
                .collect(),
            own_domains: lower(&profile.organisation.domains),
            partner_domains: profile
                .partners
                .iter()
                .flat_map(|pt| pt.domains.iter().map(move |d| (d.to_ascii_lowercase(), pt)))
                .collect(),
            free_domains: FREE_MAIL
                .iter()
                .map(|d| (*d).to_string())
                .chain(lower(&profile.free_mail))
                .collect(),
            lists: lower(&profile.lists),
            person_addresses: profile
                .people
                .iter()
                .flat_map(|x| {
                    x.addresses
                        .iter()
                        .chain(&x.private_addresses)
                        .map(move |a| (a.to_ascii_lowercase(), x))
                })
                .collect(),
            partner_addresses: profile
                .partners
                .iter()
                .flat_map(|pt| {
                    pt.private_addresses
                        .iter()
                        .map(move |a| (a.to_ascii_lowercase(), pt))
                })
                .collect(),
            accounts: profile
                .partners
                .iter()
                .map(|pt| (pt, account::on_file(&pt.bank_accounts)))
                .filter(|(_, n)| !n.is_empty())
                .collect(),
        }
    }

    /// Whether `d` (lower case) is one of the organisation's domains or a name under one.
    fn own_domain(&self, d: &str) -> bool {
        self.own_domains.iter().any(|o| domain::under(d, o))
    }

    /// The partner that owns `d` (lower case).
    fn partner_of(&self, d: &str) -> Option<&'p Partner> {
        self.partner_domains
            .iter()
            .find(|(o, _)| domain::under(d, o))
            .map(|(_, pt)| *pt)
    }

    /// An address the profile lists: a person's, a partner's private one, a shared mailbox.
    fn known_address(&self, a: &str) -> bool {
        self.person_addresses.iter().any(|(x, _)| x == a)
            || self.partner_addresses.iter().any(|(x, _)| x == a)
            || self.shared_mailboxes.iter().any(|x| x == a)
    }

    fn free_mail(&self, d: &str) -> bool {
        self.free_domains.iter().any(|f| f == d)
    }

    /// The profile this judge was made from.
    pub fn profile(&self) -> &'p Profile {
        self.profile
    }

    /// Judges one mail.
    pub fn judge(&self, m: &Message) -> Judgement {
        let mail = self.read(m);
        let mut t = Tally {
            trust: Trust::Unknown,
            points: 0,
            reasons: Vec::new(),
            known_person: find(&self.person_addresses, &mail.from_addr),
            known_partner_private: find(&self.partner_addresses, &mail.from_addr),
            partner: self.partner_of(&mail.from_domain),
            claimed_person: None,
            claimed_partner: None,
            reply_elsewhere: None,
        };
        self.sender(&mail, &mut t);
        self.imitation(&mail, &mut t);
        self.borrowed_name(&mail, &mut t);
        free_mail(&mail, &mut t);
        self.reply_to(&mail, &mut t);
        self.link(&mail, &mut t);
        let mut a = asks(&mail.text);
        let new_accounts = self.accounts_not_on_file(&mail, &t);
        // Paying into an account the partner does not have on file is a change of account,
        // however the mail words it.
        a.bank_change |= new_accounts.is_some();
        steered(&a, &mut t);
        if let Some((pt, accounts)) = new_accounts {
            account_not_on_file(pt, &accounts, &a, &mut t);
        }
        self.invokes_officer(&mail, &a, &mut t);
        let asked = ask_reasons(&mail, &a);
        self.combine(&mail, &a, t, asked)
    }

    fn read<'m>(&self, m: &'m Message) -> Mail<'m> {
        let from = m.from.clone().unwrap_or_default();
        let from_addr = format!("{}@{}", from.local, from.domain).to_ascii_lowercase();
        let from_domain = if from.domain_unicode.is_empty() {
            from.domain.to_ascii_lowercase()
        } else {
            from.domain_unicode.to_lowercase()
        };
        let list_mail =
            m.header("List-Id").is_some() || self.lists.iter().any(|l| from_domain.ends_with(l));
        let auth = trusted_auth(m, &self.authserv_ids);
        let own = self.own_domain(&from_domain);
        let broadcast = !own && self.broadcast(m, &auth, &from_domain);
        let body = own_text(&m.text);
        // The writer's own lines only: a reply quoting the president's signature is not a claim.
        let sig = fold_compact(&signature(&body));
        Mail {
            m,
            display: fold_compact(&from.display),
            sig,
            text: Folded::new(&format!("{}\n{}", m.subject, body)),
            body,
            auth,
            list_mail,
            broadcast,
            thread: m.in_reply_to.is_some() || !m.references.is_empty(),
            own,
            free: self.free_mail(&from_domain),
            service: service_domain(&from_domain),
            from,
            from_addr,
            from_domain,
        }
    }

    /// Whether the mail went to many readers at once, proved by the organisation's MX: see
    /// [`Mail::broadcast`].
    fn broadcast(&self, m: &Message, auth: &Auth, from_domain: &str) -> bool {
        let spf_pass = auth.spf.as_deref() == Some("pass");
        let by_list = self.lists.iter().any(|l| {
            (spf_pass && domain::under(&auth.spf_domain, l))
                || auth.dkim_pass_domains.iter().any(|d| domain::under(d, l))
        });
        let list_post = m.header("List-Id").is_some()
            || self.lists.iter().any(|l| domain::under(from_domain, l));
        let bulk = m.header("List-Unsubscribe").is_some()
            || m.header("Precedence").is_some_and(|v| {
                let v = v.trim().to_ascii_lowercase();
                v == "bulk" || v == "list"
            });
        auth.stamped && ((by_list && list_post) || (bulk && auth.dmarc.as_deref() == Some("pass")))
    }

    /// Who sent it: the organisation's own domain proved by its own MX, a known private
    /// address, a partner's domain signed as the partner signs, or an outsider.
    fn sender(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        let auth = &mail.auth;
        if mail.own {
            let dmarc_pass = auth.dmarc.as_deref() == Some("pass");
            let dkim_own = auth.dkim_pass_domains.iter().any(|d| self.own_domain(d));
            let spf_fail = auth
                .spf
                .as_deref()
                .is_some_and(|s| s == "fail" || s == "softfail");
            if auth.stamped && (dmarc_pass || dkim_own) {
                t.trust = Trust::Internal;
            } else if auth.stamped
                && (auth.dmarc.as_deref() == Some("fail") || (spf_fail && !dkim_own))
            {
                t.trust = Trust::Suspect;
                t.add(
                    "forged_own_domain",
                    50,
                    mail.from_addr.clone(),
                    "自社のドメインを名乗っていますが、自社のメールサーバーの認証に失敗しています（なりすまし）。",
                    "It claims the organisation's own domain but failed authentication at the organisation's own mail server (spoofed).",
                );
            } else {
                // Not proved to be the organisation's own (no stamp of its MX, no authserv-id
                // in the profile, or neither a pass nor a fail): judged like an outsider's
                // mail, since a forged own domain is the oldest trick of all.
                t.trust = Trust::Unknown;
            }
        } else if t.known_person.is_some() || t.known_partner_private.is_some() {
            t.trust = Trust::Known;
        } else if let Some(pt) = t.partner {
            let expects = !pt.dkim_domains.is_empty();
            let signed = auth.dkim_pass_domains.iter().any(|d| {
                pt.dkim_domains
                    .iter()
                    .any(|x| domain::under(d, &x.to_ascii_lowercase()))
            });
            if expects && auth.stamped && !signed && !mail.list_mail {
                t.trust = Trust::Suspect;
                let pts = if mail.thread { 40 } else { 35 };
                t.add(
                    "partner_unsigned",
                    pts,
                    format!("{} ({})", mail.from_addr, pt.name),
                    "取引先のドメインから届いていますが、いつもの電子署名（DKIM）がありません。アカウントの乗っ取りやなりすましの可能性があります。",
                    "It comes from a partner's domain but without the signature (DKIM) the partner's mail always carries: a hijacked account or a spoof.",
                );
            } else if auth.dmarc.as_deref() == Some("fail") && !mail.list_mail {
                t.trust = Trust::Suspect;
                t.add(
                    "partner_dmarc_fail",
                    40,
                    mail.from_addr.clone(),
                    "取引先のドメインを名乗っていますが、送信ドメイン認証（DMARC）に失敗しています。",
                    "It claims a partner's domain but failed DMARC.",
                );
            } else {
                t.trust = Trust::Known;
            }
        }
    }

    /// A domain imitating the organisation's or a partner's.
    fn imitation(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        if mail.own
            || t.partner.is_some()
            || t.known_person.is_some()
            || t.known_partner_private.is_some()
        {
            return;
        }
        let from_domain = &mail.from_domain;
        let candidate = domain::Candidate::new(from_domain);
        for (target, whose) in &self.protected {
            let Some(kind) = target.imitated_by(&candidate) else {
                continue;
            };
            let d = target.domain();
            t.trust = Trust::Suspect;
            let whose = match whose {
                Protected::Own => "自社".to_string(),
                Protected::Partner(pt) => {
                    t.claimed_partner = Some(pt);
                    pt.name.clone()
                }
            };
            t.add(
                "lookalike_domain",
                kind.points(),
                format!("{from_domain} ≈ {d} ({whose}; {})", kind.label_en()),
                &format!(
                    "送信元のドメイン {from_domain} は、{whose}のドメイン {d} に似せたものです（{}）。",
                    kind.label_ja()
                ),
                &format!(
                    "The sender's domain {from_domain} imitates {d} ({whose}): {}.",
                    kind.label_en()
                ),
            );
            break;
        }
    }

    /// A name borrowed from an officer, a member of staff, a partner or the organisation itself.
    fn borrowed_name(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        self.borrowed_person(mail, t);
        self.borrowed_partner(mail, t);
        self.own_name(mail, t);
        self.address_in_display(mail, t);
        self.borrowed_service(mail, t);
    }

    /// A well-known service's name (Microsoft, Amazon, a carrier …) on mail from a domain that
    /// service does not send from: the sign-in alert or the parcel notice of phishing.
    fn borrowed_service(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        if matches!(t.trust, Trust::Internal | Trust::Known) || mail.broadcast || mail.own {
            return;
        }
        let Some((service, domains)) = service_named(&mail.from.display) else {
            return;
        };
        if domains.iter().any(|d| domain::under(&mail.from_domain, d)) {
            return;
        }
        let from_addr = &mail.from_addr;
        t.trust = Trust::Suspect;
        t.add(
            "impersonated_service",
            35,
            format!("{service} <{from_addr}>"),
            &format!(
                "差出人名に「{service}」を使っていますが、{service}のドメインから送られていません（{from_addr}）。リンクを開いたり、サインインやパスワードの入力をしたりしないでください。"
            ),
            &format!(
                "The sender's name uses {service} but the mail does not come from {service}'s domains ({from_addr}). Do not open its links, sign in or enter a password."
            ),
        );
    }

    /// The person of the profile the mail claims to come from, and where the name is: the
    /// display name (full name, an officer's family name with the title, `星川社長`, or on free
    /// mail a member of staff's family name with the department, `情報システム 高梨`), the
    /// signature, or a free-mail address itself (`taro.hoshikawa.0312@…`).
    fn claimed_person(&self, mail: &Mail<'_>) -> Option<(&'p Person, Claim)> {
        let d = &mail.display;
        named_person(&self.person_forms, d)
            .or_else(|| named_person(&self.title_forms, d))
            .or_else(|| {
                // A family name and a department are a claim only where anyone can sign up.
                self.department_forms
                    .iter()
                    .find(|(family, dept, _)| {
                        mail.free && d.contains(family.as_str()) && d.contains(dept.as_str())
                    })
                    .map(|(_, _, x)| *x)
            })
            .map(|x| (x, Claim::Display))
            .or_else(|| named_person(&self.person_forms, &mail.sig).map(|x| (x, Claim::Signature)))
            .or_else(|| {
                // In the address only on free mail: on a company's domain a name in the address
                // is far more often someone else of the same name.
                if !mail.free {
                    return None;
                }
                let local: String = mail
                    .from
                    .local
                    .to_ascii_lowercase()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                self.person_forms
                    .iter()
                    .find(|(f, _)| f.is_ascii() && local.contains(f.as_str()))
                    .map(|(_, x)| (*x, Claim::Address))
            })
    }

    fn borrowed_person(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        let from_addr = &mail.from_addr;
        let claimed = self.claimed_person(mail);
        t.claimed_person = claimed.map(|(x, _)| x);
        let Some((person, claim)) = claimed else {
            return;
        };
        if t.trust == Trust::Internal || t.known_person.is_some_and(|k| std::ptr::eq(k, person)) {
            return;
        }
        let pts = match (person.officer, claim) {
            (true, Claim::Display) => 45,
            (true, _) => 35,
            (false, Claim::Display) => 30,
            (false, _) => 20,
        };
        t.trust = Trust::Suspect;
        let role_ja = if person.role.is_empty() {
            "社内"
        } else {
            &person.role
        };
        let role_en = if person.role.is_empty() {
            "staff"
        } else {
            &person.role
        };
        let name_en = if person.romaji.is_empty() {
            &person.name
        } else {
            &person.romaji
        };
        let detail = format!("{} <{from_addr}>", person.name);
        if claim == Claim::Address {
            t.add(
                "name_in_address",
                pts,
                detail,
                &format!(
                    "送信元のアドレスに{}（{role_ja}）の名前が入っていますが、本人が使うアドレスとして登録されていません（{from_addr}）。返信せず、本人に社内の連絡手段で確認してください。",
                    person.name
                ),
                &format!(
                    "The sender's address carries the name of {name_en} ({role_en}) but is not an address that person uses ({from_addr}). Do not reply; check with them through a channel you already use."
                ),
            );
            return;
        }
        t.add(
            if person.officer {
                "impersonated_officer"
            } else {
                "impersonated_staff"
            },
            pts,
            detail,
            &format!(
                "{}（{role_ja}）の名前を使っていますが、本人が使うアドレスではありません（{from_addr}）。",
                person.name
            ),
            &format!(
                "It uses the name of {name_en} ({role_en}) but is not from an address that person uses ({from_addr})."
            ),
        );
    }

    /// A partner's name, or the name of one of its contacts, on mail from elsewhere.
    fn borrowed_partner(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        if t.claimed_person.is_some()
            || t.partner.is_some()
            || t.known_partner_private.is_some()
            || mail.own
        {
            return;
        }
        let from_addr = &mail.from_addr;
        if let Some(pt) = named_partner(&self.partner_forms, &mail.display)
            .or_else(|| named_partner(&self.partner_forms, &mail.sig))
        {
            t.trust = Trust::Suspect;
            t.claimed_partner = Some(pt);
            t.add(
                "impersonated_partner",
                35,
                format!("{} <{from_addr}>", pt.name),
                &format!(
                    "取引先「{}」を名乗っていますが、その取引先のドメインから送られていません（{from_addr}）。",
                    pt.name
                ),
                &format!(
                    "It claims to be {} but does not come from that partner's domain ({from_addr}).",
                    pt.name
                ),
            );
        } else if mail.free // a contact's namesake at another company is not a claim
            && let Some(pt) = named_partner(&self.contact_forms, &mail.display)
                .or_else(|| named_partner(&self.contact_forms, &mail.sig))
        {
            t.trust = Trust::Suspect;
            t.claimed_partner = Some(pt);
            t.add(
                "impersonated_partner_contact",
                30,
                format!("{} <{from_addr}>", pt.name),
                &format!(
                    "取引先「{}」の担当者の名前を使っていますが、その取引先のドメインや登録済みのアドレスから送られていません（{from_addr}）。返信せず、{}の登録済みの電話番号で確認してください。",
                    pt.name, pt.name
                ),
                &format!(
                    "It uses the name of a contact at {} but comes neither from that partner's domain nor from an address on file ({from_addr}). Do not reply; check with {} at the phone number on file.",
                    pt.name, pt.name
                ),
            );
        }
    }

    /// An address written into the display name (`"m.miura@our-domain" <someone@gmail.com>`)
    /// that is not the sender's: the organisation's or a partner's, shown so that the reader
    /// takes the mail for theirs.
    fn address_in_display(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        if matches!(t.trust, Trust::Internal | Trust::Known) || mail.broadcast || mail.service {
            return;
        }
        let shown = mail
            .from
            .display
            .split(|c: char| c.is_whitespace() || "<>\"'()[]（）「」＜＞,;".contains(c))
            .map(|w| {
                w.trim_matches(|c: char| !c.is_ascii_alphanumeric())
                    .to_ascii_lowercase()
            })
            .find(|w| {
                w.split_once('@').is_some_and(|(local, d)| {
                    !local.is_empty()
                        && *w != mail.from_addr
                        && (self.own_domain(d)
                            || self.partner_of(d).is_some()
                            || self.known_address(w))
                })
            });
        let Some(shown) = shown else {
            return;
        };
        let from_addr = &mail.from_addr;
        t.trust = Trust::Suspect;
        t.add(
            "address_in_display_name",
            35,
            format!("{shown} / {from_addr}"),
            &format!(
                "差出人名に自社または取引先のアドレス（{shown}）が書かれていますが、実際の送信元は別のアドレス（{from_addr}）です。差出人名の表示だけを見て返信しないでください。"
            ),
            &format!(
                "The sender's name shows an address of the organisation or a partner ({shown}) but the mail comes from another address ({from_addr}). Do not reply on the strength of the name shown."
            ),
        );
    }

    /// The organisation's own name on a mail from elsewhere ("星川精機 メールシステム管理者",
    /// "Hoshikawa Seiki Mail Admin"): the organisation does not write to itself from outside.
    fn own_name(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        if mail.own
            || t.claimed_person.is_some()
            || t.trust == Trust::Known
            || !self
                .own_forms
                .iter()
                .any(|f| mail.display.contains(f.as_str()) || mail.sig.contains(f.as_str()))
        {
            return;
        }
        let p = self.profile;
        let from_addr = &mail.from_addr;
        t.trust = Trust::Suspect;
        t.add(
            "impersonated_own_company",
            40,
            from_addr.clone(),
            &format!(
                "自社（{}）の名前を使っていますが、自社のドメイン以外から送られています（{from_addr}）。",
                p.organisation.name
            ),
            &format!(
                "It uses the organisation's own name ({}) but comes from outside its domains ({from_addr}).",
                p.organisation.name
            ),
        );
    }

    /// Replies would go elsewhere.
    fn reply_to(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        for rt in &mail.m.reply_to {
            let rd = rt.domain.to_ascii_lowercase();
            if rd == mail.from_domain || self.own_domain(&rd) {
                continue;
            }
            let same_org = t
                .partner
                .is_some_and(|pt| self.partner_of(&rd).is_some_and(|x| std::ptr::eq(x, pt)));
            if same_org {
                continue;
            }
            let pts = if self.free_mail(&rd) { 25 } else { 20 };
            let addr = format!("{}@{}", rt.local, rt.domain);
            t.reply_elsewhere = Some((addr.clone(), pts));
            if t.trust == Trust::Internal || t.trust == Trust::Known {
                // A trusted sender's reply address elsewhere is unusual but not alarming alone.
                continue;
            }
            t.add(
                "reply_to_elsewhere",
                pts,
                addr.clone(),
                &format!("返信先が送信元とは別のアドレス（{addr}）になっています。"),
                &format!("Replies would go to another address ({addr})."),
            );
            break;
        }
    }

    /// Links to a host that imitates the organisation's or a partner's domain (a sign-in page
    /// under `login.<own domain>.<elsewhere>`).
    fn link(&self, mail: &Mail<'_>, t: &mut Tally<'p>) {
        let Some((host, d)) = self.lookalike_link(mail.m) else {
            return;
        };
        if t.trust != Trust::Internal {
            t.trust = Trust::Suspect;
        }
        t.add(
            "lookalike_link",
            40,
            format!("{host} ≈ {d}"),
            &format!("リンク先 {host} は {d} に見せかけた別のサーバーです。"),
            &format!("A link goes to {host}, a server made to look like {d}."),
        );
    }

    /// The first link (HTML or written out in the text) whose host imitates a protected domain.
    fn lookalike_link(&self, m: &Message) -> Option<(String, String)> {
        let mut hosts: Vec<String> = m
            .html_links
            .iter()
            .filter_map(|(href, _)| url_host(href))
            .collect();
        for word in m
            .text
            .split(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        {
            if let Some(h) = url_host(word) {
                hosts.push(h);
            }
        }
        for h in hosts {
            if self.own_domain(&h) || self.partner_of(&h).is_some() {
                continue;
            }
            let candidate = domain::Candidate::new(&h);
            for (target, _) in &self.protected {
                if target.imitated_by(&candidate).is_some() {
                    return Some((h, target.domain().to_string()));
                }
            }
        }
        None
    }

    /// The bank accounts in the mail that are not on file for the partner who sends it (or
    /// whose name or domain the sender borrows), when the profile has that partner's accounts.
    fn accounts_not_on_file(
        &self,
        mail: &Mail<'_>,
        t: &Tally<'p>,
    ) -> Option<(&'p Partner, String)> {
        let pt = t
            .partner
            .or(t.known_partner_private)
            .or(t.claimed_partner)?;
        let (_, on_file) = self.accounts.iter().find(|(x, _)| std::ptr::eq(*x, pt))?;
        let new: Vec<String> = account::in_text(&mail.body, &mail.text.compact)
            .into_iter()
            .filter(|n| !on_file.contains(n))
            .collect();
        (!new.is_empty()).then(|| (pt, new.join(", ")))
    }

    /// An outsider who asks for money on an officer's authority while keeping it quiet or the
    /// officer out of reach ("your president instructed us … do not discuss it, he is not
    /// taking calls"): the fake lawyer's and the fake adviser's opening. The officer's own name
    /// on the sender is [`Judge::borrowed_person`]'s.
    fn invokes_officer(&self, mail: &Mail<'_>, a: &Asks, t: &mut Tally<'p>) {
        if mail.own
            || mail.broadcast
            || t.claimed_person.is_some()
            || matches!(t.trust, Trust::Internal | Trust::Known)
            || !(a.money || a.bank_change)
            || !(a.secrecy || a.unreachable)
        {
            return;
        }
        let text = &mail.text.compact;
        let Some(officer) = self
            .person_forms
            .iter()
            .chain(&self.title_forms)
            .find(|(f, x)| x.officer && text.contains(f.as_str()))
            .map(|(_, x)| *x)
        else {
            return;
        };
        let role = if officer.role.is_empty() {
            "役員"
        } else {
            &officer.role
        };
        let role_en = if officer.role.is_empty() {
            "officer"
        } else {
            &officer.role
        };
        let name_en = if officer.romaji.is_empty() {
            &officer.name
        } else {
            &officer.romaji
        };
        t.trust = Trust::Suspect;
        t.add(
            "invokes_officer",
            25,
            format!("{} <{}>", officer.name, mail.from_addr),
            &format!(
                "社外の送り主が、{}（{role}）の指示や了解があるとして、内密に、または本人に確認できない状況での支払いを求めています。支払う前に、{}本人に社内の連絡手段で直接確認してください。",
                officer.name, officer.name
            ),
            &format!(
                "An outsider asks for a payment on the authority of {name_en} ({role_en}) while keeping it quiet or that person out of reach. Before paying anything, check with {name_en} directly through a channel you already use."
            ),
        );
    }

    /// The score: what a trusted sender asks for is not held against them; a plain outsider's
    /// requests count only when fraud alone makes them; a suspect sender's count in full.
    fn combine(&self, mail: &Mail<'_>, a: &Asks, t: Tally<'p>, asked: Vec<Reason>) -> Judgement {
        let m = mail.m;
        let ask_points: u32 = asked.iter().map(|r| r.points).sum();
        let mut reasons = t.reasons;
        let score = match t.trust {
            // A trusted sender's words are not held against them; a bank change still gets the
            // reminder of the rule, without raising the verdict.
            Trust::Internal | Trust::Known => {
                if a.bank_change && self.profile.rules.bank_change_confirmed_by_phone && !mail.own {
                    reasons.push(reason(
                        "bank_change_rule",
                        0,
                        String::new(),
                        "振込先の変更は、社内の決まりどおり登録済みの電話番号で確認してください。",
                        "As the company's rule says, confirm a change of bank account by phone at the number on file.",
                    ));
                }
                t.points
            }
            Trust::Unknown => {
                // From a plain outsider, only requests fraud alone makes add up: a bank change,
                // a secret LINE group, gift cards, codes — mentions of money or haste alone do
                // not.
                //
                // Mail sent to many readers at once (a subscribed list, an authenticated
                // newsletter) that borrows no name tells about such requests rather than making
                // them: the list member reporting the LINE-group mail, the trade paper on
                // bank-change fraud, the vendor's newsletter on phishing.
                let strong = a.bank_change
                    || a.payroll
                    || a.gift_card
                    || (a.channel && (a.qr || a.secrecy))
                    || (a.credentials && (a.urgency || !m.html_links.is_empty()))
                    || (a.legal_secret && a.secrecy);
                if strong && !mail.broadcast {
                    reasons.extend(asked);
                    t.points + ask_points
                } else {
                    if strong {
                        reasons.push(reason(
                            "broadcast",
                            0,
                            String::new(),
                            "メーリングリストやメールマガジンとして多くの人に一斉に送られたメールです。本文にある振込先の変更、LINE グループ、パスワードなどの話は、あなた個人への依頼としては数えていません。個人あてに同じ依頼が届いたときは、送り主に登録済みの電話番号で確認してください。",
                            "It was sent to many readers at once (a mailing list or a newsletter), so the bank changes, LINE groups or passwords it talks about are not counted as requests to you. If the same request reaches you personally, confirm it with the sender at the phone number on file.",
                        ));
                    }
                    t.points
                }
            }
            Trust::Suspect => {
                reasons.extend(asked);
                t.points + ask_points
            }
        };
        let score = score.min(100);
        let verdict = if score >= FRAUD_AT {
            Verdict::Fraud
        } else if score >= SUSPICIOUS_AT {
            Verdict::Suspicious
        } else {
            Verdict::Ok
        };
        let (advice_ja, advice_en) = advice(verdict, a);
        reasons.sort_by_key(|r| std::cmp::Reverse(r.points));
        Judgement {
            verdict,
            score,
            reasons,
            advice_ja,
            advice_en,
        }
    }
}

/// A free-mail address, unless it is a known one.
fn free_mail(mail: &Mail<'_>, t: &mut Tally<'_>) {
    if mail.free && t.trust != Trust::Known && t.trust != Trust::Internal {
        t.add(
            "free_mail",
            10,
            mail.from_addr.clone(),
            "フリーメールのアドレスから送られています。",
            "It comes from a free-mail address.",
        );
    }
}

/// A known partner asking to pay elsewhere while steering answers away from the usual address
/// or the phone: what a hijacked mailbox writes.
fn steered(a: &Asks, t: &mut Tally<'_>) {
    if t.trust != Trust::Known || !(a.bank_change || a.payroll) {
        return;
    }
    let steer = t
        .reply_elsewhere
        .clone()
        .or_else(|| a.unreachable.then(|| (String::new(), 10)));
    if let Some((addr, pts)) = steer {
        t.trust = Trust::Suspect;
        t.add(
            "bank_change_steered",
            pts,
            addr,
            "取引先からの口座変更の連絡ですが、返信先が別のアドレスになっているか、電話での確認を避けるよう書かれています。メールボックスが乗っ取られている可能性があります。",
            "A partner announces a new bank account but steers replies to another address or away from the phone: the mailbox may have been taken over.",
        );
    }
}

/// A bank account in the mail that is not on file for the partner: a hijacked mailbox paying
/// "the parts centre", a look-alike's "new account". A genuine notice from the partner itself
/// that asks to check by telephone, and steers nowhere, gets a note instead.
fn account_not_on_file(pt: &Partner, accounts: &str, a: &Asks, t: &mut Tally<'_>) {
    let name = &pt.name;
    if t.trust == Trust::Known && a.phone_check && !a.unreachable && t.reply_elsewhere.is_none() {
        t.add(
            "account_not_on_file_note",
            0,
            format!("{accounts} ({name})"),
            &format!(
                "{name}の口座として登録されていない口座（{accounts}）が書かれています。メールにあるとおり、登録済みの電話番号で{name}に確認してから、振込先を変更してください。"
            ),
            &format!(
                "It gives an account ({accounts}) that is not on file for {name}. As the mail itself asks, confirm it with {name} at the phone number on file before changing anything."
            ),
        );
        return;
    }
    t.trust = Trust::Suspect;
    t.add(
        "account_not_on_file",
        30,
        format!("{accounts} ({name})"),
        &format!(
            "{name}の口座として登録されている口座とは違う口座（{accounts}）への振込を求めています。{name}の登録済みの電話番号で確認が取れるまで、この口座には振り込まないでください。"
        ),
        &format!(
            "It asks for payment into an account ({accounts}) that is not the account on file for {name}. Pay nothing into it until {name} confirms it at the phone number on file."
        ),
    );
}

/// A reason for each request the mail makes (counted or not by [`Judge::combine`]).
fn ask_reasons(mail: &Mail<'_>, a: &Asks) -> Vec<Reason> {
    let moves = a.channel && (a.qr || a.secrecy);
    let link = !mail.m.html_links.is_empty() || mail.text.compact.contains("http");
    let table: [(bool, &'static str, u32, &str, &str); 13] = [
        (
            moves,
            "asks_channel_move",
            35,
            "LINE などのグループ作成や二次元コード（QR コード）の送付を求めています。社長・役員を名乗る詐欺の典型的な手口です。",
            "It asks to set up a LINE (or similar) group or to send its QR code: the typical opening of CEO fraud.",
        ),
        (
            a.channel && !moves,
            "mentions_channel",
            10,
            "LINE など別の連絡手段への移動に触れています。",
            "It mentions moving to LINE or another channel.",
        ),
        (
            a.secrecy,
            "asks_secrecy",
            15,
            "他の人に知らせないよう求めています。",
            "It asks to keep this from others.",
        ),
        (
            a.urgency,
            "urges",
            8,
            "急ぐよう求めています。",
            "It presses for haste.",
        ),
        (
            a.unreachable,
            "unreachable",
            10,
            "電話では確認できない状況だと述べています（会議中・出張中など）。",
            "It says the sender cannot be reached by phone (in a meeting, travelling).",
        ),
        (
            a.bank_change,
            "asks_bank_change",
            35,
            "振込先口座の変更を伝えています。口座変更を装う詐欺では、必ず登録済みの電話番号で確認してください。",
            "It announces a change of bank account: confirm by phone at the number on file.",
        ),
        (
            a.money && !a.bank_change,
            "asks_money",
            10,
            "振込・送金・支払いに触れています。",
            "It mentions a transfer or payment.",
        ),
        (
            a.payroll,
            "asks_payroll_change",
            30,
            "給与の振込口座の変更を求めています。",
            "It asks to change a salary account.",
        ),
        (
            a.gift_card,
            "asks_gift_cards",
            30,
            "ギフトカードや電子マネーの購入・番号の送付を求めています。",
            "It asks for gift cards or prepaid codes.",
        ),
        (
            a.credentials,
            "asks_credentials",
            20,
            "ID・パスワード・認証コードに触れています。正規の担当者がメールでこれらを求めることはありません。",
            "It mentions IDs, passwords or codes; nobody legitimate asks for them by mail.",
        ),
        (
            a.credentials && link,
            "asks_sign_in_via_link",
            15,
            "リンク先でのサインインや情報の入力を求めています。",
            "It asks to sign in or enter details through a link.",
        ),
        (
            a.balance,
            "asks_balance",
            15,
            "口座残高や画面のスクリーンショットを求めています。",
            "It asks for an account balance or a screenshot.",
        ),
        (
            a.legal_secret && a.secrecy,
            "secret_deal",
            20,
            "極秘の買収・法務案件を装っています。",
            "It poses as a secret acquisition or legal matter.",
        ),
    ];
    table
        .into_iter()
        .filter(|(on, ..)| *on)
        .map(|(_, code, pts, ja, en)| reason(code, pts, String::new(), ja, en))
        .collect()
}
fn url_host(s: &str) -> Option<String> {
    let rest = s
        .trim()
        .strip_prefix("https://")
        .or_else(|| s.trim().strip_prefix("http://"))?;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .rsplit('@')
        .next()?;
    (!host.is_empty() && host.contains('.')).then(|| host.to_ascii_lowercase())
}

fn advice(v: Verdict, a: &Asks) -> (String, String) {
    match v {
        Verdict::Ok => (String::new(), String::new()),
        _ => {
            let mut ja = String::from(
                "返信したり、リンクや添付ファイルを開いたりしないでください。送り主とされる人や会社に、登録済みの電話番号や社内の別の手段で直接確認してください。",
            );
            let mut en = String::from(
                "Do not reply, open links or attachments. Confirm with the supposed sender through a phone number on file or another channel you already use.",
            );
            if a.bank_change || a.money || a.payroll {
                ja.push_str("確認が取れるまで、振込や口座情報の変更は行わないでください。");
                en.push_str(" Make no transfer or account change until it is confirmed.");
            }
            if a.channel {
                ja.push_str("LINE グループの作成や二次元コードの送付には応じないでください。");
                en.push_str(" Do not create the LINE group or send any QR code.");
            }
            ja.push_str("情報システム担当（または上長）に報告してください。");
            en.push_str(" Report it to IT or your manager.");
            (ja, en)
        }
    }
}

/// A short name of a signal (a reason's `code`) in Japanese and English, for records that keep
/// only codes (the web application's counts); `None` for a code this version does not know.
pub fn signal_name(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "forged_own_domain" => ("自社ドメインのなりすまし", "own domain forged"),
        "impersonated_officer" => ("役員の名前をかたる", "an officer's name borrowed"),
        "impersonated_staff" => ("社員の名前をかたる", "a colleague's name borrowed"),
        "impersonated_own_company" => ("自社の名前をかたる", "the company's own name borrowed"),
        "impersonated_partner" => ("取引先の名前をかたる", "a partner's name borrowed"),
        "impersonated_partner_contact" => (
            "取引先の担当者の名前をかたる",
            "a partner contact's name borrowed",
        ),
        "impersonated_service" => (
            "有名なサービスの名前をかたる",
            "a well-known service's name borrowed",
        ),
        "invokes_officer" => ("役員の指示を装う", "an officer's authority invoked"),
        "name_in_address" => (
            "アドレスに社内の人の名前",
            "an insider's name in the address",
        ),
        "address_in_display_name" => (
            "表示名に社内・取引先のアドレス",
            "our or a partner's address in the display name",
        ),
        "free_mail" => ("フリーメール", "free mail"),
        "lookalike_domain" => ("似せたドメイン", "look-alike domain"),
        "lookalike_link" => ("似せたドメインへのリンク", "link to a look-alike domain"),
        "reply_to_elsewhere" => ("返信先が別のアドレス", "replies steered elsewhere"),
        "partner_unsigned" => (
            "取引先のいつもの署名がない",
            "partner's usual signature missing",
        ),
        "partner_dmarc_fail" => ("取引先ドメインの認証失敗", "partner domain failed DMARC"),
        "asks_channel_move" => (
            "LINE などへの移動を求める",
            "asks to move to LINE or another channel",
        ),
        "mentions_channel" => ("LINE などに触れる", "mentions LINE or another channel"),
        "asks_secrecy" => ("口外しないよう求める", "asks for secrecy"),
        "urges" => ("急がせる", "urges haste"),
        "unreachable" => ("電話に出られないと言う", "says they cannot be called"),
        "asks_money" => ("送金を求める", "asks for money"),
        "asks_bank_change" => ("振込先の変更", "bank account change"),
        "bank_change_steered" => (
            "振込先の変更と返信先の誘導",
            "bank change with steered replies",
        ),
        "bank_change_rule" => (
            "振込先の変更（電話で確認する決まり）",
            "bank change (phone rule)",
        ),
        "account_not_on_file" => ("登録にない口座", "account not on file"),
        "account_not_on_file_note" => (
            "登録にない口座（取引先本人から）",
            "account not on file (from the partner)",
        ),
        "asks_payroll_change" => ("給与口座の変更", "payroll account change"),
        "asks_gift_cards" => ("ギフトカードの購入", "gift cards"),
        "asks_credentials" => (
            "ID・パスワード・認証コードを求める",
            "asks for IDs, passwords or codes",
        ),
        "asks_sign_in_via_link" => (
            "リンクからのサインインを求める",
            "asks to sign in through a link",
        ),
        "asks_balance" => ("残高や明細を求める", "asks for balances or statements"),
        "secret_deal" => ("極秘の取引", "secret deal"),
        "broadcast" => ("メーリングリスト・配信メール", "list or newsletter mail"),
        _ => return None,
    })
}
