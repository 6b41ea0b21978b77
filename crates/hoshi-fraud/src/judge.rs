//! The signals and how they combine. A mail is judged first by **who really sent it** — the
//! organisation's own domain authenticated by its own MX, a partner's domain signed as the
//! partner always signs, a person's known private address, or an outsider, a free-mail address,
//! a domain that only looks like a real one, a display name borrowed from an officer or a
//! partner — and then by **what it asks for**: moving to LINE or another channel and sending a
//! QR code, secrecy, haste, being unreachable by phone, money, a new bank or payroll account,
//! gift cards, passwords and codes. What a trusted sender writes is not held against them (the
//! IT warning that quotes the scam, the president's urgent mail, a colleague's LINE group); what
//! an untrusted sender asks for counts in full, and a request that only fraud makes (a bank
//! change by mail, a secret LINE group with the president) counts even from a plain outsider.
//!
//! Authentication results are believed only when stamped by one of the profile's
//! `authserv_ids` (the organisation's own MX); a header added by the sender claiming `pass` is
//! ignored.

use serde::Serialize;

use crate::domain;
use crate::message::Message;
use crate::profile::{Partner, Person, Profile, Protected};
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
    dkim_pass_domains: Vec<String>,
    dkim_fail: bool,
    dmarc: Option<String>,
}

fn trusted_auth(m: &Message, p: &Profile) -> Auth {
    let ids: Vec<String> = p
        .organisation
        .authserv_ids
        .iter()
        .map(|s| s.to_ascii_lowercase())
        .collect();
    let mut a = Auth::default();
    for h in &m.authentication_results {
        let id = h
            .split(';')
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !ids.contains(&id) {
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
                "spf" => a.spf = Some(result),
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
    a
}

/// Phrases (folded) that make up each request; a match anywhere in subject or text counts.
struct Asks {
    channel: bool,
    qr: bool,
    secrecy: bool,
    urgency: bool,
    unreachable: bool,
    money: bool,
    bank_change: bool,
    payroll: bool,
    gift_card: bool,
    credentials: bool,
    balance: bool,
    legal_secret: bool,
}

fn any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(&fold_compact(w)))
}

// Phrases, compared after folding (width, kana, case), so each is written once.
const CHANNEL: &[&str] = &[
    "LINE",
    "ライン",
    "ＬＩＮＥ",
    "グループを作",
    "グループ作成",
    "グループの作成",
    "グループを作成",
    "WhatsApp",
    "Telegram",
    "テレグラム",
    "カカオトーク",
    "個人の携帯",
    "私用の携帯",
    "チャットグループ",
    "group chat",
    "new group",
];
const QR: &[&str] = &[
    "QRコード",
    "QR コード",
    "二次元コード",
    "二次元バーコード",
    "招待コード",
    "招待リンク",
    "QR code",
    "qrcode",
];
const SECRECY: &[&str] = &[
    "他の人には",
    "誰にも",
    "誰とも",
    "社内の誰",
    "秘密保持",
    "ご連絡はお控え",
    "このメールアドレスのみ",
    "本メールアドレスのみ",
    "内密",
    "口外",
    "極秘",
    "他言",
    "秘密に",
    "ほかの社員",
    "他の社員",
    "社内の他の",
    "私とあなただけ",
    "公表前",
    "confidential",
    "do not discuss",
    "don't tell",
    "keep this between",
    "strictly private",
];
const URGENCY: &[&str] = &[
    "至急",
    "緊急",
    "急ぎ",
    "大至急",
    "本日中",
    "今日中",
    "今すぐ",
    "すぐに",
    "早急",
    "直ちに",
    "urgent",
    "asap",
    "immediately",
    "right away",
    "today",
];
const UNREACHABLE: &[&str] = &[
    "会議中",
    "つながりにく",
    "繋がりにく",
    "電話に出られ",
    "電話できません",
    "電話は控え",
    "通話できない",
    "出張中",
    "移動中",
    "手が離せ",
    "in a meeting",
    "cannot take calls",
    "can't talk",
    "unable to call",
];
const MONEY: &[&str] = &[
    "振込",
    "預託",
    "エスクロー",
    "escrow",
    "振り込",
    "送金",
    "支払",
    "お支払い",
    "入金",
    "立替",
    "立て替え",
    "決済",
    "transfer",
    "wire",
    "payment",
    "remit",
];
const BANK_CHANGE: &[&str] = &[
    "口座を変更",
    "口座の変更",
    "口座変更",
    "振込先を変更",
    "振込先の変更",
    "振込先変更",
    "振込口座の変更",
    "新しい口座",
    "新口座",
    "口座が変わ",
    "振込先が変わ",
    "変更後の口座",
    "口座情報の変更",
    "口座情報を変更",
    "お振込先",
    "change of bank",
    "new bank account",
    "updated bank",
    "bank details have changed",
    "change our bank",
    "new account details",
];
const PAYROLL: &[&str] = &[
    "給与の振込",
    "給与振込",
    "給与口座",
    "給料の振込",
    "給料の口座",
    "給与の口座",
    "給与受取",
    "payroll",
    "salary account",
    "direct deposit",
];
const GIFT_CARD: &[&str] = &[
    "ギフトカード",
    "ギフト券",
    "アマゾンギフト",
    "Amazonギフト",
    "Apple Gift",
    "iTunesカード",
    "GooglePlayカード",
    "Google Play カード",
    "プリペイドカード",
    "電子マネー",
    "gift card",
    "giftcard",
];
const CREDENTIALS: &[&str] = &[
    "パスワード",
    "サインインして",
    "ログインして",
    "sign in to",
    "暗証番号",
    "認証コード",
    "ワンタイム",
    "確認コード",
    "ログイン情報",
    "アカウント情報",
    "IDとパスワード",
    "セキュリティコード",
    "verification code",
    "password",
    "one-time code",
    "MFA",
    "2段階認証",
    "二段階認証",
    "多要素認証",
];
const BALANCE: &[&str] = &[
    "残高",
    "スクリーンショット",
    "スクショ",
    "画面のコピー",
    "画面を撮",
    "balance",
    "screenshot",
];
const LEGAL_SECRET: &[&str] = &[
    "買収",
    "M&A",
    "弁護士",
    "法律事務所",
    "極秘案件",
    "acquisition",
    "attorney",
    "law firm",
    "merger",
];

fn asks(text: &str) -> Asks {
    Asks {
        channel: any(text, CHANNEL),
        qr: any(text, QR),
        secrecy: any(text, SECRECY),
        urgency: any(text, URGENCY),
        unreachable: any(text, UNREACHABLE),
        money: any(text, MONEY),
        bank_change: any(text, BANK_CHANGE),
        payroll: any(text, PAYROLL),
        gift_card: any(text, GIFT_CARD),
        credentials: any(text, CREDENTIALS),
        balance: any(text, BALANCE),
        legal_secret: any(text, LEGAL_SECRET),
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

/// Judges one mail against the profile.
#[allow(clippy::too_many_lines)]
pub fn judge(m: &Message, p: &Profile) -> Judgement {
    let mut reasons: Vec<Reason> = Vec::new();
    let auth = trusted_auth(m, p);
    let from = m.from.clone().unwrap_or_default();
    let from_addr = format!("{}@{}", from.local, from.domain).to_ascii_lowercase();
    let from_domain = if from.domain_unicode.is_empty() {
        from.domain.to_ascii_lowercase()
    } else {
        from.domain_unicode.to_lowercase()
    };
    let list_mail = m.header("List-Id").is_some()
        || p.lists
            .iter()
            .any(|l| from_domain.ends_with(&l.to_ascii_lowercase()));
    let thread = m.in_reply_to.is_some() || !m.references.is_empty();

    // --- who sent it
    let own = p.own_domain(&from_domain);
    let dmarc_pass = auth.dmarc.as_deref() == Some("pass");
    let dkim_own = auth.dkim_pass_domains.iter().any(|d| p.own_domain(d));
    let known_person = p.person_by_address(&from_addr);
    let known_partner_private = p.partner_by_private_address(&from_addr);
    let partner = p.partner_of_domain(&from_domain);
    let free = p.free_mail(&from_domain);
    let mut trust = Trust::Unknown;
    let mut sender_points = 0u32;

    if own {
        if auth.stamped && (dmarc_pass || dkim_own) {
            trust = Trust::Internal;
        } else if auth.stamped
            && (auth.dmarc.as_deref() == Some("fail")
                || (auth
                    .spf
                    .as_deref()
                    .is_some_and(|s| s == "fail" || s == "softfail")
                    && !dkim_own))
        {
            trust = Trust::Suspect;
            sender_points += 50;
            reasons.push(reason(
                "forged_own_domain",
                50,
                from_addr.clone(),
                "自社のドメインを名乗っていますが、自社のメールサーバーの認証に失敗しています（なりすまし）。",
                "It claims the organisation's own domain but failed authentication at the organisation's own mail server (spoofed).",
            ));
        } else {
            // Not proved to be the organisation's own (no stamp of its MX, no authserv-id in
            // the profile, or neither a pass nor a fail): judged like an outsider's mail, since
            // a forged own domain is the oldest trick of all.
            trust = Trust::Unknown;
        }
    } else if known_person.is_some() || known_partner_private.is_some() {
        trust = Trust::Known;
    } else if let Some(pt) = partner {
        let expects = !pt.dkim_domains.is_empty();
        let signed = auth.dkim_pass_domains.iter().any(|d| {
            pt.dkim_domains.iter().any(|x| {
                d.eq_ignore_ascii_case(x) || d.ends_with(&format!(".{}", x.to_ascii_lowercase()))
            })
        });
        if expects && auth.stamped && !signed && !list_mail {
            trust = Trust::Suspect;
            let pts = if thread { 40 } else { 35 };
            sender_points += pts;
            reasons.push(reason(
                "partner_unsigned",
                pts,
                format!("{from_addr} ({})", pt.name),
                "取引先のドメインから届いていますが、いつもの電子署名（DKIM）がありません。アカウントの乗っ取りやなりすましの可能性があります。",
                "It comes from a partner's domain but without the signature (DKIM) the partner's mail always carries: a hijacked account or a spoof.",
            ));
        } else if auth.dmarc.as_deref() == Some("fail") && !list_mail {
            trust = Trust::Suspect;
            sender_points += 40;
            reasons.push(reason(
                "partner_dmarc_fail",
                40,
                from_addr.clone(),
                "取引先のドメインを名乗っていますが、送信ドメイン認証（DMARC）に失敗しています。",
                "It claims a partner's domain but failed DMARC.",
            ));
        } else {
            trust = Trust::Known;
        }
    }

    // A domain imitating the organisation's or a partner's.
    if !own && partner.is_none() && known_person.is_none() && known_partner_private.is_none() {
        for (d, whose) in p.protected_domains() {
            if let Some(kind) = domain::imitates(&from_domain, &d) {
                trust = Trust::Suspect;
                sender_points += kind.points();
                let whose = match whose {
                    Protected::Own => "自社".to_string(),
                    Protected::Partner(pt) => pt.name.clone(),
                };
                reasons.push(reason(
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
                ));
                break;
            }
        }
    }

    // A name borrowed from an officer, a member of staff or a partner.
    let display = fold_compact(&from.display);
    // The writer's own lines only: a reply quoting the president's signature is not a claim.
    let sig = fold_compact(&signature(&own_text(&m.text)));
    let person_forms = p.name_forms();
    let partner_forms = p.partner_forms();
    let claimed_person = named_person(&person_forms, &display)
        .map(|x| (x, true))
        .or_else(|| named_person(&person_forms, &sig).map(|x| (x, false)));
    if let Some((person, in_display)) = claimed_person
        && trust != Trust::Internal
        && known_person.is_none_or(|k| !std::ptr::eq(k, person))
    {
        let pts = match (person.officer, in_display) {
            (true, true) => 45,
            (true, false) => 35,
            (false, true) => 30,
            (false, false) => 20,
        };
        trust = Trust::Suspect;
        sender_points += pts;
        reasons.push(reason(
            if person.officer {
                "impersonated_officer"
            } else {
                "impersonated_staff"
            },
            pts,
            format!("{} <{from_addr}>", person.name),
            &format!(
                "{}（{}）の名前を使っていますが、本人が使うアドレスではありません（{from_addr}）。",
                person.name,
                if person.role.is_empty() { "社内" } else { &person.role }
            ),
            &format!(
                "It uses the name of {} ({}) but is not from an address that person uses ({from_addr}).",
                if person.romaji.is_empty() { &person.name } else { &person.romaji },
                if person.role.is_empty() { "staff" } else { &person.role }
            ),
        ));
    }
    if claimed_person.is_none()
        && partner.is_none()
        && known_partner_private.is_none()
        && !own
        && let Some(pt) =
            named_partner(&partner_forms, &display).or_else(|| named_partner(&partner_forms, &sig))
    {
        trust = Trust::Suspect;
        sender_points += 35;
        reasons.push(reason(
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
        ));
    }

    // The organisation's own name on a mail from elsewhere ("星川精機 メールシステム管理者",
    // "Hoshikawa Seiki Mail Admin"): the organisation does not write to itself from outside.
    if !own
        && claimed_person.is_none()
        && trust != Trust::Known
        && p.own_forms()
            .iter()
            .any(|f| display.contains(f.as_str()) || sig.contains(f.as_str()))
    {
        trust = Trust::Suspect;
        sender_points += 40;
        reasons.push(reason(
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
        ));
    }

    if free && trust != Trust::Known && trust != Trust::Internal {
        sender_points += 10;
        reasons.push(reason(
            "free_mail",
            10,
            from_addr.clone(),
            "フリーメールのアドレスから送られています。",
            "It comes from a free-mail address.",
        ));
    }

    // Replies would go elsewhere.
    let mut reply_elsewhere: Option<(String, u32)> = None;
    for rt in &m.reply_to {
        let rd = rt.domain.to_ascii_lowercase();
        if rd == from_domain || p.own_domain(&rd) {
            continue;
        }
        let same_org = partner.is_some_and(|pt| {
            p.partner_of_domain(&rd)
                .is_some_and(|x| std::ptr::eq(x, pt))
        });
        if same_org {
            continue;
        }
        let pts = if p.free_mail(&rd) { 25 } else { 20 };
        reply_elsewhere = Some((format!("{}@{}", rt.local, rt.domain), pts));
        if trust == Trust::Internal || trust == Trust::Known {
            // A trusted sender's reply address elsewhere is unusual but not alarming alone.
            continue;
        }
        sender_points += pts;
        reasons.push(reason(
            "reply_to_elsewhere",
            pts,
            format!("{}@{}", rt.local, rt.domain),
            &format!(
                "返信先が送信元とは別のアドレス（{}@{}）になっています。",
                rt.local, rt.domain
            ),
            &format!(
                "Replies would go to another address ({}@{}).",
                rt.local, rt.domain
            ),
        ));
        break;
    }

    // Links to a host that imitates the organisation's or a partner's domain (a sign-in page
    // under `login.<own domain>.<elsewhere>`).
    if let Some((host, d)) = lookalike_link(m, p) {
        sender_points += 40;
        if trust != Trust::Internal {
            trust = Trust::Suspect;
        }
        reasons.push(reason(
            "lookalike_link",
            40,
            format!("{host} ≈ {d}"),
            &format!("リンク先 {host} は {d} に見せかけた別のサーバーです。"),
            &format!("A link goes to {host}, a server made to look like {d}."),
        ));
    }

    // --- what it asks for
    let body = own_text(&m.text);
    let text = fold_compact(&format!("{}\n{}", m.subject, body));
    let a = asks(&text);
    // A known partner asking to pay elsewhere while steering answers away from the usual
    // address or the phone: what a hijacked mailbox writes.
    if trust == Trust::Known && (a.bank_change || a.payroll) {
        let steer = reply_elsewhere
            .clone()
            .or_else(|| a.unreachable.then(|| (String::new(), 10)));
        if let Some((addr, pts)) = steer {
            trust = Trust::Suspect;
            sender_points += pts;
            reasons.push(reason(
                "bank_change_steered",
                pts,
                addr,
                "取引先からの口座変更の連絡ですが、返信先が別のアドレスになっているか、電話での確認を避けるよう書かれています。メールボックスが乗っ取られている可能性があります。",
                "A partner announces a new bank account but steers replies to another address or away from the phone: the mailbox may have been taken over.",
            ));
        }
    }
    let mut asked: Vec<Reason> = Vec::new();
    let mut ask = |code: &'static str, pts: u32, ja: &str, en: &str| {
        asked.push(reason(code, pts, String::new(), ja, en));
    };
    if a.channel && (a.qr || a.secrecy) {
        ask(
            "asks_channel_move",
            35,
            "LINE などのグループ作成や二次元コード（QR コード）の送付を求めています。社長・役員を名乗る詐欺の典型的な手口です。",
            "It asks to set up a LINE (or similar) group or to send its QR code: the typical opening of CEO fraud.",
        );
    } else if a.channel {
        ask(
            "mentions_channel",
            10,
            "LINE など別の連絡手段への移動に触れています。",
            "It mentions moving to LINE or another channel.",
        );
    }
    if a.secrecy {
        ask(
            "asks_secrecy",
            15,
            "他の人に知らせないよう求めています。",
            "It asks to keep this from others.",
        );
    }
    if a.urgency {
        ask(
            "urges",
            8,
            "急ぐよう求めています。",
            "It presses for haste.",
        );
    }
    if a.unreachable {
        ask(
            "unreachable",
            10,
            "電話では確認できない状況だと述べています（会議中・出張中など）。",
            "It says the sender cannot be reached by phone (in a meeting, travelling).",
        );
    }
    if a.bank_change {
        ask(
            "asks_bank_change",
            35,
            "振込先口座の変更を伝えています。口座変更を装う詐欺では、必ず登録済みの電話番号で確認してください。",
            "It announces a change of bank account: confirm by phone at the number on file.",
        );
    } else if a.money {
        ask(
            "asks_money",
            10,
            "振込・送金・支払いに触れています。",
            "It mentions a transfer or payment.",
        );
    }
    if a.payroll {
        ask(
            "asks_payroll_change",
            30,
            "給与の振込口座の変更を求めています。",
            "It asks to change a salary account.",
        );
    }
    if a.gift_card {
        ask(
            "asks_gift_cards",
            30,
            "ギフトカードや電子マネーの購入・番号の送付を求めています。",
            "It asks for gift cards or prepaid codes.",
        );
    }
    if a.credentials {
        ask(
            "asks_credentials",
            20,
            "ID・パスワード・認証コードに触れています。正規の担当者がメールでこれらを求めることはありません。",
            "It mentions IDs, passwords or codes; nobody legitimate asks for them by mail.",
        );
    }
    if a.credentials && (!m.html_links.is_empty() || text.contains("http")) {
        ask(
            "asks_sign_in_via_link",
            15,
            "リンク先でのサインインや情報の入力を求めています。",
            "It asks to sign in or enter details through a link.",
        );
    }
    if a.balance {
        ask(
            "asks_balance",
            15,
            "口座残高や画面のスクリーンショットを求めています。",
            "It asks for an account balance or a screenshot.",
        );
    }
    if a.legal_secret && a.secrecy {
        ask(
            "secret_deal",
            20,
            "極秘の買収・法務案件を装っています。",
            "It poses as a secret acquisition or legal matter.",
        );
    }
    let ask_points: u32 = asked.iter().map(|r| r.points).sum();
    reasons.extend(asked);

    // --- combine
    let score = match trust {
        // A trusted sender's words are not held against them; a bank change still gets the
        // reminder of the rule, without raising the verdict.
        Trust::Internal | Trust::Known => {
            reasons.retain(|r| !is_ask(r.code));
            if a.bank_change && p.rules.bank_change_confirmed_by_phone && !own {
                reasons.push(reason(
                    "bank_change_rule",
                    0,
                    String::new(),
                    "振込先の変更は、社内の決まりどおり登録済みの電話番号で確認してください。",
                    "As the company's rule says, confirm a change of bank account by phone at the number on file.",
                ));
            }
            sender_points
        }
        Trust::Unknown => {
            // From a plain outsider, only requests fraud alone makes add up: a bank change, a
            // secret LINE group, gift cards, codes — mentions of money or haste alone do not.
            let strong = a.bank_change
                || a.payroll
                || a.gift_card
                || (a.channel && (a.qr || a.secrecy))
                || (a.credentials && (a.urgency || !m.html_links.is_empty()))
                || (a.legal_secret && a.secrecy);
            if strong {
                sender_points + ask_points
            } else {
                reasons.retain(|r| !is_ask(r.code));
                sender_points
            }
        }
        Trust::Suspect => sender_points + ask_points,
    };
    let score = score.min(100);
    let verdict = if score >= FRAUD_AT {
        Verdict::Fraud
    } else if score >= SUSPICIOUS_AT {
        Verdict::Suspicious
    } else {
        Verdict::Ok
    };
    let (advice_ja, advice_en) = advice(verdict, &a);
    reasons.sort_by_key(|r| std::cmp::Reverse(r.points));
    Judgement {
        verdict,
        score,
        reasons,
        advice_ja,
        advice_en,
    }
}

/// The first link (HTML or written out in the text) whose host imitates a protected domain.
fn lookalike_link(m: &Message, p: &Profile) -> Option<(String, String)> {
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
        if p.own_domain(&h) || p.partner_of_domain(&h).is_some() {
            continue;
        }
        for (d, _) in p.protected_domains() {
            if domain::imitates(&h, &d).is_some() {
                return Some((h, d));
            }
        }
    }
    None
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

fn is_ask(code: &str) -> bool {
    code.starts_with("ask")
        || matches!(
            code,
            "urges" | "unreachable" | "mentions_channel" | "secret_deal"
        )
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
