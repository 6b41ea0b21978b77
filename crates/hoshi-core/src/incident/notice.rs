//! Drafts of the notices an incident calls for, made from its report form: to customers and
//! buyers, to the authorities (police, IPA, JPCERT/CC and — when the leak rules apply — the PPC),
//! and to the people whose personal data is involved. Text the user copies and edits: facts not
//! yet known show as a bracketed placeholder to fill in (【…】 / [ … ]), never as a guess. A
//! drill's drafts are marked as such in their subject.

use super::{Kind, Report, duties};
use crate::Lang;
use crate::time::{date_jst, minutes_jst};

/// Who a notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Customers,
    Authorities,
    Individuals,
}

impl Audience {
    pub const ALL: [Audience; 3] = [
        Audience::Customers,
        Audience::Authorities,
        Audience::Individuals,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Audience::Customers => "customers",
            Audience::Authorities => "authorities",
            Audience::Individuals => "individuals",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Audience::Customers, Lang::Ja) => "顧客・発注元への連絡",
            (Audience::Authorities, Lang::Ja) => "警察・IPA・JPCERT/CC・個人情報保護委員会への届出",
            (Audience::Individuals, Lang::Ja) => "本人への通知",
            (Audience::Customers, Lang::En) => "To customers and buyers",
            (Audience::Authorities, Lang::En) => "To the police, IPA, JPCERT/CC and the PPC",
            (Audience::Individuals, Lang::En) => "To the people concerned",
        }
    }
}

/// What a notice is drafted from.
pub struct Facts<'a> {
    /// The organisation's name.
    pub org: &'a str,
    pub kind: Kind,
    /// When the company learned of it (Unix seconds).
    pub known_at: i64,
    pub drill: bool,
    pub report: &'a Report,
}

fn or_blank(v: &str, ja: &str, en: &str, lang: Lang) -> String {
    let v = v.trim();
    if !v.is_empty() {
        return v.to_string();
    }
    match lang {
        Lang::Ja => format!("【{ja}を記入】"),
        Lang::En => format!("[{en}]"),
    }
}

fn people(f: &Facts, lang: Lang) -> String {
    match (f.report.people, lang) {
        (Some(n), Lang::Ja) => format!("{n} 人"),
        (Some(n), Lang::En) => format!("{n}"),
        (None, Lang::Ja) => "【人数を記入（調査中の場合はその旨）】".into(),
        (None, Lang::En) => "[number of people, or \"under investigation\"]".into(),
    }
}

/// The draft for `audience` in `lang`.
pub fn draft(audience: Audience, f: &Facts, lang: Lang) -> String {
    let mut text = match (audience, lang) {
        (Audience::Customers, Lang::Ja) => customers_ja(f),
        (Audience::Customers, Lang::En) => customers_en(f),
        (Audience::Authorities, Lang::Ja) => authorities_ja(f),
        (Audience::Authorities, Lang::En) => authorities_en(f),
        (Audience::Individuals, Lang::Ja) => individuals_ja(f),
        (Audience::Individuals, Lang::En) => individuals_en(f),
    };
    if f.drill {
        let mark = match lang {
            Lang::Ja => "【訓練】",
            Lang::En => "[DRILL] ",
        };
        text = text.replacen(": ", &format!(": {mark}"), 1);
    }
    text
}

fn customers_ja(f: &Facts) -> String {
    let r = f.report;
    let l = Lang::Ja;
    format!(
        "件名: 当社で発生したセキュリティ上の事案についてのお知らせ\n\n\
         お取引先各位\n\n\
         平素より大変お世話になっております。{org}です。\n\
         {known} に、当社で次の事案が起きていることを確認しました。現時点で分かっていることをお知らせいたします。\n\n\
         1. 事案の種類\n{kind}\n\n\
         2. 事案の内容\n{what}\n\n\
         3. 影響を受けたシステム・機器\n{systems}\n\n\
         4. 関係する情報\n{data}\n\n\
         5. 当社の対応\n{actions}\n\n\
         6. 今後について\n調査を続けており、新しいことが分かり次第あらためてご連絡いたします。\
         当社の名前で届く不審なメールや、振込先の変更を求める連絡には応じず、お手数ですが当社までご確認ください。\n\n\
         ご心配とご迷惑をおかけしておりますことを、深くお詫び申し上げます。\n\n\
         お問い合わせ先: {contact}\n",
        org = f.org,
        known = minutes_jst(f.known_at),
        kind = f.kind.label(l),
        what = or_blank(&r.what_happened, "何が起きたか", "", l),
        systems = or_blank(&r.systems, "影響を受けたシステム", "", l),
        data = or_blank(&r.data, "関係する情報の項目", "", l),
        actions = or_blank(&r.actions, "これまでに行った対応", "", l),
        contact = or_blank(&r.contact, "問い合わせ窓口と連絡先", "", l),
    )
}

fn customers_en(f: &Facts) -> String {
    let r = f.report;
    let l = Lang::En;
    format!(
        "Subject: A security incident at {org}\n\n\
         Dear customers and business partners,\n\n\
         On {known} we found that the following incident is affecting {org}. This is what we know so far.\n\n\
         1. Type of incident\n{kind}\n\n\
         2. What happened\n{what}\n\n\
         3. Systems and devices affected\n{systems}\n\n\
         4. Information involved\n{data}\n\n\
         5. What we have done\n{actions}\n\n\
         6. Next steps\nOur investigation continues and we will write again as soon as we learn more. \
         Please do not act on unexpected mails in our name, especially requests to change bank details; check with us first.\n\n\
         We sincerely apologise for the concern and inconvenience this causes.\n\n\
         Contact: {contact}\n",
        org = f.org,
        known = minutes_jst(f.known_at),
        kind = f.kind.label(l),
        what = or_blank(&r.what_happened, "", "what happened", l),
        systems = or_blank(&r.systems, "", "systems affected", l),
        data = or_blank(&r.data, "", "information involved", l),
        actions = or_blank(&r.actions, "", "what has been done", l),
        contact = or_blank(&r.contact, "", "contact desk and details", l),
    )
}

/// The PPC's preliminary and final reports' last days, when the leak rules apply.
fn ppc_dates(f: &Facts) -> Option<(String, String)> {
    let facts = f.report.leak_facts()?;
    let d = duties(&facts, &date_jst(f.known_at))?;
    let by = |code: &str| d.iter().find(|x| x.code == code)?.by.clone();
    Some((by("ppc_preliminary")?, by("ppc_final")?))
}

fn authorities_ja(f: &Facts) -> String {
    let r = f.report;
    let l = Lang::Ja;
    let ppc = match ppc_dates(f) {
        Some((pre, fin)) => format!(
            "・個人情報保護委員会（漏えい等報告。速報は {pre} ごろまで、確報は {fin} までに、委員会のウェブサイトの様式で報告します）\n"
        ),
        None => String::new(),
    };
    format!(
        "件名: セキュリティインシデントの届出（{org}）\n\n\
         届出先（当てはまるところへ送ります）:\n\
         ・都道府県警察のサイバー犯罪相談窓口（犯罪の被害として相談・通報）\n\
         ・IPA（コンピュータウイルス・不正アクセスの届出）\n\
         ・JPCERT/CC（インシデントの報告・対応の依頼）\n{ppc}\n\
         1. 届出者: {org}\n\
         2. 連絡先: {contact}\n\
         3. 事案を知った日時: {known}\n\
         4. 事案の種類: {kind}\n\
         5. 概要: {what}\n\
         6. 影響を受けたシステム・機器: {systems}\n\
         7. 関係する情報: {data}\n\
         8. 本人の数: {people}\n\
         9. これまでの対応: {actions}\n\
         10. 二次被害とそのおそれ: 【分かっていること（調査中の場合はその旨）を記入】\n",
        org = f.org,
        contact = or_blank(&r.contact, "担当者の名前と電話番号", "", l),
        known = minutes_jst(f.known_at),
        kind = f.kind.label(l),
        what = or_blank(&r.what_happened, "何が起きたか", "", l),
        systems = or_blank(&r.systems, "影響を受けたシステム", "", l),
        data = or_blank(&r.data, "関係する情報の項目", "", l),
        people = people(f, l),
        actions = or_blank(&r.actions, "これまでに行った対応", "", l),
    )
}

fn authorities_en(f: &Facts) -> String {
    let r = f.report;
    let l = Lang::En;
    let ppc = match ppc_dates(f) {
        Some((pre, fin)) => format!(
            "- the Personal Information Protection Commission (leak report: the preliminary report by about {pre}, the final report by {fin}, on the Commission's web form)\n"
        ),
        None => String::new(),
    };
    format!(
        "Subject: Report of a security incident ({org})\n\n\
         To (send to those that apply):\n\
         - the prefectural police cybercrime desk (to report a crime)\n\
         - IPA (reports of computer viruses and unauthorised access)\n\
         - JPCERT/CC (incident reports and requests for coordination)\n{ppc}\n\
         1. Reported by: {org}\n\
         2. Contact: {contact}\n\
         3. Learned of it on: {known}\n\
         4. Type: {kind}\n\
         5. Summary: {what}\n\
         6. Systems and devices affected: {systems}\n\
         7. Information involved: {data}\n\
         8. Number of people: {people}\n\
         9. Actions so far: {actions}\n\
         10. Secondary harm or its risk: [what is known, or \"under investigation\"]\n",
        org = f.org,
        contact = or_blank(
            &r.contact,
            "",
            "name and phone of the person handling it",
            l
        ),
        known = minutes_jst(f.known_at),
        kind = f.kind.label(l),
        what = or_blank(&r.what_happened, "", "what happened", l),
        systems = or_blank(&r.systems, "", "systems affected", l),
        data = or_blank(&r.data, "", "information involved", l),
        people = people(f, l),
        actions = or_blank(&r.actions, "", "what has been done", l),
    )
}

fn individuals_ja(f: &Facts) -> String {
    let r = f.report;
    let l = Lang::Ja;
    let card = if r.financial_harm {
        "クレジットカードや口座の利用明細に覚えのない取引がないかをご確認いただき、見つかった場合はカード会社や金融機関にご連絡ください。\n"
    } else {
        ""
    };
    format!(
        "件名: お客様の個人情報に関するお詫びとお知らせ\n\n\
         {org}をご利用いただき、ありがとうございます。\n\
         {known} に、当社がお預かりしているお客様の個人情報が外部に漏えいした、またはそのおそれがあることが分かりました。\
         ご心配とご迷惑をおかけし、心よりお詫び申し上げます。\n\n\
         ■ 起きたこと\n{what}\n\n\
         ■ 対象となる情報\n{data}\n\n\
         ■ 当社の対応\n{actions}\n\n\
         ■ お客様へのお願い\n当社を名乗る不審なメールや電話には応じないでください。\n{card}\n\
         ■ お問い合わせ先\n{contact}\n",
        org = f.org,
        known = minutes_jst(f.known_at),
        what = or_blank(&r.what_happened, "何が起きたか", "", l),
        data = or_blank(&r.data, "対象となる情報の項目", "", l),
        actions = or_blank(&r.actions, "これまでに行った対応と再発防止策", "", l),
        contact = or_blank(&r.contact, "問い合わせ窓口と受付時間", "", l),
    )
}

fn individuals_en(f: &Facts) -> String {
    let r = f.report;
    let l = Lang::En;
    let card = if r.financial_harm {
        "Please check your card and bank statements for transactions you do not recognise, and contact the card company or bank if you find any.\n"
    } else {
        ""
    };
    format!(
        "Subject: Your personal information held by {org}: our apology\n\n\
         Thank you for your custom.\n\
         On {known} we found that personal information of our customers held by {org} was, or may have been, disclosed without authorisation. \
         We sincerely apologise for the concern and trouble this causes.\n\n\
         What happened\n{what}\n\n\
         Information involved\n{data}\n\n\
         What we have done\n{actions}\n\n\
         What we ask of you\nPlease ignore unexpected mails or calls that claim to come from us.\n{card}\n\
         Contact\n{contact}\n",
        org = f.org,
        known = minutes_jst(f.known_at),
        what = or_blank(&r.what_happened, "", "what happened", l),
        data = or_blank(&r.data, "", "information involved", l),
        actions = or_blank(&r.actions, "", "what has been done and will be done", l),
        contact = or_blank(&r.contact, "", "contact desk and hours", l),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            what_happened: "VPN 装置経由でファイルサーバーが暗号化されました".into(),
            systems: "ファイルサーバー FS01".into(),
            data: "顧客の氏名・住所".into(),
            people: Some(1200),
            actions: "ネットワークから切り離しました".into(),
            contact: "総務部 03-0000-0000".into(),
            personal_data: true,
            wrongful_purpose: true,
            ..Report::default()
        }
    }

    #[test]
    fn drafts_carry_the_facts_and_mark_what_is_missing() {
        let r = report();
        // 2026-12-03 10:00 JST
        let known = crate::incident::parse_jst_minutes("2026-12-03T10:00").unwrap();
        let f = Facts {
            org: "星川精機株式会社",
            kind: Kind::RansomwareVpn,
            known_at: known,
            drill: false,
            report: &r,
        };
        for a in Audience::ALL {
            for lang in Lang::ALL {
                let t = draft(a, &f, lang);
                assert!(t.contains("星川精機株式会社"), "{a:?} {lang:?}");
                assert!(t.contains("2026-12-03 10:00 JST"), "{a:?} {lang:?}");
                assert!(t.contains("顧客の氏名・住所"), "{a:?} {lang:?}");
                if a != Audience::Authorities {
                    assert!(
                        !t.contains('【') && !t.contains("[w"),
                        "{a:?} {lang:?}: {t}"
                    );
                }
            }
        }
        let auth = draft(Audience::Authorities, &f, Lang::Ja);
        assert!(auth.contains("1200 人"));
        // Unauthorised access: 60 days, day of learning counted as day 1.
        assert!(auth.contains("確報は 2027-01-31 まで"), "{auth}");
        assert!(auth.contains("速報は 2026-12-07 ごろまで"), "{auth}");
        let empty = Report::default();
        let f = Facts {
            org: "A",
            kind: Kind::Other,
            known_at: known,
            drill: true,
            report: &empty,
        };
        let t = draft(Audience::Customers, &f, Lang::Ja);
        assert!(t.starts_with("件名: 【訓練】"), "{t}");
        assert!(t.contains("【何が起きたかを記入】"));
        assert!(!draft(Audience::Authorities, &f, Lang::Ja).contains("個人情報保護委員会"));
        let en = draft(Audience::Customers, &f, Lang::En);
        assert!(en.starts_with("Subject: [DRILL] "), "{en}");
        assert!(en.contains("[what happened]"));
    }
}
