//! The information documents are drafted from: what hoshi already holds (the organisation's
//! name, its members with their officer titles, the asset register, the backup repositories
//! with their restore procedures, the buyers) and what only the organisation can say, kept on
//! the "information for documents" page as [`Settings`] (who leads security and who is the IT
//! contact, their telephone numbers, the prefecture and ministry, the insurer, the external
//! services, partners, and the rules the organisation chose).
//!
//! [`inputs`] puts both together as `hoshi_docs::Inputs`. Nothing is written twice: a member's
//! name, an asset, an external service or a partner comes from its own page (the members, the
//! asset register, the registers), so a change there shows in the next draft.

use hoshi_core::UserError;
use hoshi_docs::{AssetLine, BackupLine, Inputs, Insurer, Person, Rules, ServiceLine};
use hoshi_store::orgs::Member as OrgMember;
use serde::Serialize;

use crate::kernel::prelude::*;

/// The organisation's own answers, as kept (JSON). Unknown or missing fields take their
/// defaults, so answers saved by an older hoshi still read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub(crate) struct Settings {
    /// Member ids (empty: not chosen).
    pub representative: String,
    pub security_lead: String,
    pub it_contact: String,
    pub representative_phone: String,
    pub security_lead_phone: String,
    pub it_contact_phone: String,
    pub prefecture: String,
    pub ministry: String,
    pub insurer_name: String,
    pub insurer_phone: String,
    pub insurer_policy: String,
    /// One per line, beyond the buyers hoshi knows.
    pub customers: String,
    pub password_min_len: u8,
    pub mfa_required: bool,
    pub lock_minutes: u16,
    pub account_review_months: u8,
    pub leaver_days: u8,
    /// One level per line, strictest first; empty: the default three.
    pub classes: String,
    pub retention_years: u8,
}

impl Default for Settings {
    fn default() -> Self {
        let r = Rules::default();
        Settings {
            representative: String::new(),
            security_lead: String::new(),
            it_contact: String::new(),
            representative_phone: String::new(),
            security_lead_phone: String::new(),
            it_contact_phone: String::new(),
            prefecture: String::new(),
            ministry: String::new(),
            insurer_name: String::new(),
            insurer_phone: String::new(),
            insurer_policy: String::new(),
            customers: String::new(),
            password_min_len: r.password_min_len,
            mfa_required: r.mfa_required,
            lock_minutes: r.lock_minutes,
            account_review_months: r.account_review_months,
            leaver_days: r.leaver_days,
            classes: r.classes.join("\n"),
            retention_years: r.retention_years,
        }
    }
}

/// The 47 prefectures, as the form offers them.
pub(crate) const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The organisation's saved answers, or the defaults.
pub(crate) async fn settings(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
) -> AppResult<Settings> {
    let scope = m.scope().clone();
    let kept = state
        .db(move |s| s.read(|c| hoshi_store::documents::inputs(c, &scope)))
        .await?;
    Ok(kept
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

fn person(members: &[OrgMember], id: &str, phone: &str, t: &Tr) -> Person {
    match members.iter().find(|m| m.user_id == id) {
        Some(m) => Person {
            name: m.display_name.clone(),
            title: m
                .officer_title
                .clone()
                .unwrap_or_else(|| role_label(t, m.role)),
            email: m.email.clone(),
            phone: phone.trim().to_string(),
        },
        None => Person::default(),
    }
}

/// The member chosen as representative or, without a choice, the officer whose title says so.
fn representative(s: &Settings, members: &[OrgMember]) -> String {
    if !s.representative.is_empty() {
        return s.representative.clone();
    }
    members
        .iter()
        .find(|m| {
            m.officer_title
                .as_deref()
                .is_some_and(|t| t.contains("代表") || t.to_lowercase().contains("ceo"))
        })
        .map(|m| m.user_id.clone())
        .unwrap_or_default()
}

/// The backup repositories as the backup procedure describes them.
fn backup_lines(targets: Vec<hoshi_store::backups::Target>, ja: bool) -> Vec<BackupLine> {
    targets
        .into_iter()
        .map(|b| BackupLine {
            what: b.paths.join(if ja { "、" } else { ", " }),
            place: if b.offsite_location.is_empty() {
                b.location.clone()
            } else if ja {
                format!("{}（オフサイト: {}）", b.location, b.offsite_location)
            } else {
                format!("{} (off-site: {})", b.location, b.offsite_location)
            },
            schedule: if ja {
                format!(
                    "最新のバックアップが {} 日以内であることを hoshi が確認します",
                    b.max_age_days
                )
            } else {
                format!(
                    "hoshi checks that the newest backup is at most {} days old",
                    b.max_age_days
                )
            },
            restore: b.steps,
            name: b.name,
        })
        .collect()
}

/// Everything a draft is filled with, in the language `lang` (titles of members without an
/// officer title are their role in it).
pub(crate) async fn inputs(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    lang: Lang,
) -> AppResult<Inputs> {
    let s = settings(state, m).await?;
    let scope = m.scope().clone();
    let (members, assets, targets, buyers, (services, partners)) = state
        .db(move |st| {
            st.read(|c| {
                Ok((
                    hoshi_store::orgs::members(c, &scope)?,
                    hoshi_store::assets::list(c, &scope)?,
                    hoshi_store::backups::targets(c, &scope)?,
                    hoshi_store::supply::buyers(c, &scope)?,
                    (
                        hoshi_store::registers::list(c, &scope, "services")?,
                        hoshi_store::registers::list(c, &scope, "partners")?,
                    ),
                ))
            })
        })
        .await?;
    let t = Tr::new(lang);
    let rep_id = representative(&s, &members);
    let mut customers: Vec<String> = buyers.into_iter().map(|(_, name, _)| name).collect();
    for c in lines(&s.customers) {
        if !customers.contains(&c) {
            customers.push(c);
        }
    }
    let ja = lang == Lang::Ja;
    Ok(Inputs {
        company: m.org.name.clone(),
        representative: person(&members, &rep_id, &s.representative_phone, &t),
        security_lead: person(&members, &s.security_lead, &s.security_lead_phone, &t),
        it_contact: person(&members, &s.it_contact, &s.it_contact_phone, &t),
        people: members
            .iter()
            .map(|mb| person(&members, &mb.user_id, "", &t))
            .collect(),
        assets: assets
            .into_iter()
            .map(|a| AssetLine {
                number: a.input.tag,
                name: a.input.name,
                kind: a.input.kind,
                owner: a.input.owner,
                place: a.input.location,
            })
            .collect(),
        services: services
            .into_iter()
            .map(|e| ServiceLine {
                purpose: e.fields.get("purpose").cloned().unwrap_or_default(),
                owner: e.fields.get("person").cloned().unwrap_or_default(),
                name: e.name,
            })
            .collect(),
        backups: backup_lines(targets, ja),
        rules: Rules {
            password_min_len: s.password_min_len,
            mfa_required: s.mfa_required,
            lock_minutes: s.lock_minutes,
            account_review_months: s.account_review_months,
            leaver_days: s.leaver_days,
            classes: lines(&s.classes),
            retention_years: s.retention_years,
        },
        prefecture: s.prefecture.clone(),
        ministry: s.ministry.clone(),
        insurer: Insurer {
            name: s.insurer_name.clone(),
            phone: s.insurer_phone.clone(),
            policy: s.insurer_policy.clone(),
        },
        customers,
        partners: partners.into_iter().map(|e| e.name).collect(),
    })
}

/// One person chosen on the form, with their telephone number.
struct PersonField {
    field: &'static str,
    label: String,
    chosen: String,
    phone_field: &'static str,
    phone: String,
}

#[derive(Template)]
#[template(path = "docs/inputs.html")]
struct InputsT {
    p: Page,
    org_id: String,
    org_name: String,
    s: Settings,
    members: Vec<(String, String)>,
    people: Vec<PersonField>,
    prefectures: &'static [&'static str],
    buyers: Vec<String>,
    fs: FormState,
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    s: Settings,
    fs: FormState,
    flash: bool,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (members, buyers) = state
        .db(move |st| {
            st.read(|c| {
                Ok((
                    hoshi_store::orgs::members(c, &scope)?,
                    hoshi_store::supply::buyers(c, &scope)?,
                ))
            })
        })
        .await?;
    let t = ctx.t();
    let mut p = Page::new(ctx, "docs_inputs").flash(flash.then_some("docs_inputs_saved"));
    p.title = format!("{} — {}", t.s("docs_inputs"), m.org.name);
    let people = vec![
        PersonField {
            field: "representative",
            label: t.s("docs_representative").to_string(),
            chosen: s.representative.clone(),
            phone_field: "representative_phone",
            phone: s.representative_phone.clone(),
        },
        PersonField {
            field: "security_lead",
            label: t.s("docs_security_lead").to_string(),
            chosen: s.security_lead.clone(),
            phone_field: "security_lead_phone",
            phone: s.security_lead_phone.clone(),
        },
        PersonField {
            field: "it_contact",
            label: t.s("docs_it_contact").to_string(),
            chosen: s.it_contact.clone(),
            phone_field: "it_contact_phone",
            phone: s.it_contact_phone.clone(),
        },
    ];
    Ok(html(InputsT {
        p,
        people,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        s,
        members: members
            .into_iter()
            .map(|mb| {
                let label = match &mb.officer_title {
                    Some(o) => format!("{} ({o})", mb.display_name),
                    None => mb.display_name.clone(),
                };
                (mb.user_id, label)
            })
            .collect(),
        prefectures: &PREFECTURES,
        buyers: buyers.into_iter().map(|(_, n, _)| n).collect(),
        fs,
    }))
}

/// `GET /o/{org}/docs/inputs`
pub async fn page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    let s = settings(&state, &m).await?;
    render(
        &state,
        &ctx,
        &m,
        s,
        FormState::default(),
        q.contains_key("saved"),
    )
    .await
}

/// The form as sent: numbers as text, so a wrong one is shown back as typed.
#[derive(Deserialize, Default)]
pub struct InputsForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    representative: String,
    #[serde(default)]
    security_lead: String,
    #[serde(default)]
    it_contact: String,
    #[serde(default)]
    representative_phone: String,
    #[serde(default)]
    security_lead_phone: String,
    #[serde(default)]
    it_contact_phone: String,
    #[serde(default)]
    prefecture: String,
    #[serde(default)]
    ministry: String,
    #[serde(default)]
    insurer_name: String,
    #[serde(default)]
    insurer_phone: String,
    #[serde(default)]
    insurer_policy: String,
    #[serde(default)]
    customers: String,
    #[serde(default)]
    password_min_len: String,
    #[serde(default)]
    mfa_required: Option<String>,
    #[serde(default)]
    lock_minutes: String,
    #[serde(default)]
    account_review_months: String,
    #[serde(default)]
    leaver_days: String,
    #[serde(default)]
    classes: String,
    #[serde(default)]
    retention_years: String,
}

/// A number in `lo..=hi`, or the field's problem.
fn number<T: std::str::FromStr + PartialOrd>(
    v: &str,
    lo: T,
    hi: T,
    field: &'static str,
) -> Result<T, (&'static str, UserError)> {
    match v.trim().parse::<T>() {
        Ok(n) if n >= lo && n <= hi => Ok(n),
        _ => Err((field, UserError::BadRequest)),
    }
}

/// The people chosen must be members; the prefecture one of the list.
fn choices(
    f: &InputsForm,
    members: &[OrgMember],
    problems: &mut Vec<(&'static str, String, String)>,
) {
    for (field, v) in [
        ("representative", &f.representative),
        ("security_lead", &f.security_lead),
        ("it_contact", &f.it_contact),
    ] {
        if !v.is_empty() && !members.iter().any(|m| &m.user_id == v) {
            problems.push((
                field,
                "組織のメンバーから選んでください。".into(),
                "Choose one of the organisation's members.".into(),
            ));
        }
    }
    if !f.prefecture.is_empty() && !PREFECTURES.contains(&f.prefecture.as_str()) {
        problems.push((
            "prefecture",
            "都道府県を一覧から選んでください。".into(),
            "Choose the prefecture from the list.".into(),
        ));
    }
}

/// Checks the form against the members (a chosen person must be one) and limits.
fn read(
    f: &InputsForm,
    members: &[OrgMember],
) -> Result<Settings, Vec<(&'static str, String, String)>> {
    let mut problems: Vec<(&'static str, String, String)> = Vec::new();
    let mut num = |r: Result<u16, (&'static str, UserError)>, ja: &str, en: &str| match r {
        Ok(n) => n,
        Err((field, _)) => {
            problems.push((field, ja.to_string(), en.to_string()));
            0
        }
    };
    let password_min_len = num(
        number(&f.password_min_len, 8, 64, "password_min_len"),
        "パスワードの最小文字数は 8〜64 の数字で入力してください。",
        "Enter the minimum password length as a number from 8 to 64.",
    );
    let lock_minutes = num(
        number(&f.lock_minutes, 1, 120, "lock_minutes"),
        "画面ロックまでの分数は 1〜120 の数字で入力してください。",
        "Enter the minutes before the screen locks as a number from 1 to 120.",
    );
    let account_review_months = num(
        number(&f.account_review_months, 1, 12, "account_review_months"),
        "アカウントの棚卸しの間隔は 1〜12 か月で入力してください。",
        "Enter the account review interval as 1 to 12 months.",
    );
    let leaver_days = num(
        number(&f.leaver_days, 0, 30, "leaver_days"),
        "退職者のアカウント削除までの日数は 0〜30 で入力してください。",
        "Enter the days until a leaver's accounts are removed as 0 to 30.",
    );
    let retention_years = num(
        number(&f.retention_years, 1, 30, "retention_years"),
        "記録の保存年数は 1〜30 で入力してください。",
        "Enter the years records are kept as 1 to 30.",
    );
    choices(f, members, &mut problems);
    let long = [
        ("representative_phone", &f.representative_phone, 40),
        ("security_lead_phone", &f.security_lead_phone, 40),
        ("it_contact_phone", &f.it_contact_phone, 40),
        ("ministry", &f.ministry, 200),
        ("insurer_name", &f.insurer_name, 200),
        ("insurer_phone", &f.insurer_phone, 40),
        ("insurer_policy", &f.insurer_policy, 100),
        ("customers", &f.customers, 5000),
        ("classes", &f.classes, 1000),
    ];
    for (field, v, max) in long {
        if v.chars().count() > max {
            problems.push((
                field,
                format!("{max} 文字以内で入力してください。"),
                format!("Enter at most {max} characters."),
            ));
        }
    }
    if lines(&f.classes).len() > 6 {
        problems.push((
            "classes",
            "情報の分類は 6 段階までにしてください。".into(),
            "Use at most six classification levels.".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let clean = |s: &str| s.trim().replace("\r\n", "\n");
    Ok(Settings {
        representative: f.representative.clone(),
        security_lead: f.security_lead.clone(),
        it_contact: f.it_contact.clone(),
        representative_phone: clean(&f.representative_phone),
        security_lead_phone: clean(&f.security_lead_phone),
        it_contact_phone: clean(&f.it_contact_phone),
        prefecture: f.prefecture.clone(),
        ministry: clean(&f.ministry),
        insurer_name: clean(&f.insurer_name),
        insurer_phone: clean(&f.insurer_phone),
        insurer_policy: clean(&f.insurer_policy),
        customers: clean(&f.customers),
        password_min_len: password_min_len as u8,
        mfa_required: f.mfa_required.is_some(),
        lock_minutes,
        account_review_months: account_review_months as u8,
        leaver_days: leaver_days as u8,
        classes: clean(&f.classes),
        retention_years: retention_years as u8,
    })
}

/// `POST /o/{org}/docs/inputs`
pub async fn save(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, InputsForm>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let members = state
        .db(move |s| s.read(|c| hoshi_store::orgs::members(c, &scope)))
        .await?;
    match read(&f, &members) {
        Ok(s) => {
            let json = serde_json::to_string(&s).map_err(|e| AppError::Internal(e.to_string()))?;
            let uid = ctx.user()?.0.id.clone();
            let org = m.org.id.clone();
            state
                .db(move |st| {
                    st.write(|tx| hoshi_store::documents::save_inputs(tx, now(), &uid, &org, &json))
                })
                .await?;
            Ok(Redirect::to(&format!("/o/{}/docs/inputs?saved=1", m.org.id)).into_response())
        }
        Err(problems) => {
            let shown = Settings {
                representative: f.representative.clone(),
                security_lead: f.security_lead.clone(),
                it_contact: f.it_contact.clone(),
                representative_phone: f.representative_phone.clone(),
                security_lead_phone: f.security_lead_phone.clone(),
                it_contact_phone: f.it_contact_phone.clone(),
                prefecture: f.prefecture.clone(),
                ministry: f.ministry.clone(),
                insurer_name: f.insurer_name.clone(),
                insurer_phone: f.insurer_phone.clone(),
                insurer_policy: f.insurer_policy.clone(),
                customers: f.customers.clone(),
                mfa_required: f.mfa_required.is_some(),
                classes: f.classes.clone(),
                ..Settings::default()
            };
            let mut fs = FormState::new(
                "inputs",
                &[
                    ("password_min_len", &f.password_min_len),
                    ("lock_minutes", &f.lock_minutes),
                    ("account_review_months", &f.account_review_months),
                    ("leaver_days", &f.leaver_days),
                    ("retention_years", &f.retention_years),
                ],
            );
            for (field, ja, en) in problems {
                fs = fs.message(Some(field), if ctx.lang == Lang::Ja { ja } else { en });
            }
            Ok(unprocessable(
                render(&state, &ctx, &m, shown, fs, false).await?,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_saved_by_an_older_hoshi_still_read() {
        let s: Settings = serde_json::from_str(r#"{"prefecture":"愛知県"}"#).unwrap();
        assert_eq!(s.prefecture, "愛知県");
        assert_eq!(s.password_min_len, Settings::default().password_min_len);
    }

    #[test]
    fn every_prefecture_is_named_once() {
        let mut p = PREFECTURES.to_vec();
        p.sort_unstable();
        p.dedup();
        assert_eq!(p.len(), 47);
    }
}
