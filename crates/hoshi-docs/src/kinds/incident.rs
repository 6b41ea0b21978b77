//! The incident response procedure and the incident report form.

use crate::Datum;
use crate::fill::{Cx, clean, dash};

/// IPA's 情報セキュリティ安心相談窓口 (checked 2026-12).
const IPA_URL: &str = "https://www.ipa.go.jp/security/anshin/";
/// JPCERT/CC's incident report form (checked 2026-12).
const JPCERT_URL: &str = "https://www.jpcert.or.jp/form/";

pub(crate) fn incident(cx: &mut Cx) {
    let company = cx.company();
    let ja = cx.ja;
    cx.section(
        "purpose",
        "1. 目的と対象となる事象",
        "1. Purpose and what counts as an incident",
        if ja {
            format!(
                "この手順書は、{company}で情報セキュリティの事故（インシデント）が起きたとき、またはその疑いがあるときに、被害を小さく抑え、早く業務を取り戻すための流れと連絡先を定めます。次のような事象が対象です。\n\
                 - ウイルスやランサムウェアへの感染、その疑い\n\
                 - 不正アクセス、アカウントの乗っ取り\n\
                 - 情報の漏えい（メールの誤送信、機器や書類の紛失・盗難を含む）\n\
                 - 取引先や社長を装った詐欺メール（ビジネスメール詐欺）\n\
                 - システムやサービスの停止、Webサイトの改ざん"
            )
        } else {
            format!(
                "This procedure sets the steps and contacts that {company} follows when an information security incident occurs or is suspected, to keep the damage small and get the business running again quickly. Incidents include:\n\
                 - infection with malware or ransomware, or the suspicion of it;\n\
                 - unauthorised access and taken-over accounts;\n\
                 - leaks of information, including mis-sent e-mail and lost or stolen devices or papers;\n\
                 - fraudulent e-mail posing as a partner or as our president (business e-mail compromise);\n\
                 - outages of systems or services, defaced websites."
            )
        },
    );
    team(cx);
    phases(cx);
    escalation(cx);
    contacts(cx);
    checklist(cx);
    personal_data(cx);
    review(cx);
}

fn team(cx: &mut Cx) {
    let rep = cx.who(Datum::Representative);
    let lead = cx.who(Datum::SecurityLead);
    let it = cx.who(Datum::ItContact);
    let body = if cx.ja {
        format!(
            "| 役割 | 担当 | 主な責任 |\n|---|---|---|\n\
             | 最高責任者 | {rep} | 重大度の判断、社外への報告・公表、顧客への連絡、業務再開の決定 |\n\
             | 対応の指揮 | {lead} | 全体の指揮、記録、報告先との連絡、最終報告のとりまとめ |\n\
             | 技術的な対応 | {it} | 機器の切り離し、調査、証拠の保全、復旧作業 |\n\
             | メンバー全員 | — | 気づいたらすぐ報告する、証拠を消さない、指示に従う |\n\n\
             セキュリティ責任者が不在のときは代表者が、代表者が不在のときはセキュリティ責任者が判断を代行します。"
        )
    } else {
        format!(
            "| Role | Who | Main responsibilities |\n|---|---|---|\n\
             | Accountable | {rep} | Decides on severity, reports to outside bodies, public statements, customer notices, resuming work |\n\
             | Response lead | {lead} | Directs the response, keeps the record, liaises with outside contacts, writes the final report |\n\
             | Technical response | {it} | Isolates devices, investigates, preserves evidence, restores systems |\n\
             | Every member | — | Reports at once, keeps evidence intact, follows instructions |\n\n\
             If the security lead is absent, the representative decides in their place, and the other way round."
        )
    };
    cx.section("team", "2. 体制と役割", "2. Team and roles", body);
}

fn phases(cx: &mut Cx) {
    let body = if cx.ja {
        "## ① 発見・報告\n\
         1. 異常に気づいた人は、自分で直そうとせず、すぐにセキュリティ責任者へ電話か口頭で知らせます。夜間や休日も同じです。\n\
         2. 伝える内容：いつ、何を見たか、どの機器やアカウントか、その後に何をしたか。\n\
         3. お客様、取引先、警察などの社外から指摘を受けたときも、同じように報告します。\n\
         4. 報告を受けたセキュリティ責任者は、時刻と内容の記録を始めます（インシデント報告書の様式を使います）。\n\n\
         ## ② 初動（被害の拡大を防ぐ）\n\
         1. 感染や侵入が疑われる機器は、LANケーブルを抜き、Wi-Fiを切ってネットワークから切り離します。証拠が消えないよう、電源は切りません。\n\
         2. 乗っ取りが疑われるアカウントのパスワードを変更し、ログイン中のセッションを無効にします。\n\
         3. セキュリティ責任者は影響の大きさを見積もり、代表者へ報告します。\n\
         4. 必要に応じて、保険会社や外部の専門業者に連絡し、支援を受けます。\n\n\
         ## ③ 調査・対応\n\
         1. 何が起きたか、原因、影響の範囲（どの情報、どの機器、どの取引先）を調べます。\n\
         2. ログ、不審なメール、画面の写真などの証拠を保全します。\n\
         3. 個人情報が関わるときは、個人情報保護委員会への報告が必要かどうかを判断します（第7節）。\n\
         4. 調査の途中でも、分かったことを関係先へ知らせます（第4節）。\n\n\
         ## ④ 復旧\n\
         1. 原因を取り除いたことを確かめてから、バックアップ・復旧手順書に従ってデータとシステムを戻します。\n\
         2. 関係するパスワードを変更し、しばらくはログと動作を重点的に監視します。\n\
         3. 業務の再開は代表者が判断します。\n\n\
         ## ⑤ 最終報告・再発防止\n\
         1. セキュリティ責任者は経緯、原因、影響、対応、再発防止策を報告書にまとめ、代表者に報告します。\n\
         2. 連絡した社外の関係先へ最終の報告をします。\n\
         3. 再発防止策を実行し、その進み具合を確かめます。\n\
         4. 事例と教訓をメンバー全員に共有します。"
            .to_string()
    } else {
        "## (1) Discovery and report\n\
         1. Whoever notices something wrong does not try to fix it alone but tells the security lead at once, by phone or in person — also at night and at weekends.\n\
         2. Say when and what you saw, which device or account, and what you did afterwards.\n\
         3. Warnings from outside (customers, partners, the police) are reported the same way.\n\
         4. The security lead starts a timed record of events at once, using the incident report form.\n\n\
         ## (2) First response (containment)\n\
         1. Disconnect any device suspected of infection or intrusion from the network: unplug the cable, switch off Wi-Fi. Do not switch it off, so evidence is kept.\n\
         2. Change the passwords of accounts that may have been taken over and end their active sessions.\n\
         3. The security lead estimates the impact and reports to the representative.\n\
         4. Where needed, call the insurer or an outside specialist for help.\n\n\
         ## (3) Investigation and response\n\
         1. Find out what happened, the cause and the extent: which information, devices and partners are affected.\n\
         2. Preserve evidence: logs, suspicious e-mails, screenshots.\n\
         3. If personal data is involved, decide whether a report to the Personal Information Protection Commission is required (section 7).\n\
         4. Keep the contacts in section 4 informed of what is known, even before the investigation ends.\n\n\
         ## (4) Recovery\n\
         1. Only after the cause is removed, restore data and systems following the backup and restore procedure.\n\
         2. Change the passwords concerned and watch logs and behaviour closely for a while.\n\
         3. The representative decides when normal work resumes.\n\n\
         ## (5) Final report and lessons\n\
         1. The security lead writes up the course of events, cause, impact, response and measures against a repeat, and reports to the representative.\n\
         2. A final report goes to the outside contacts who were informed.\n\
         3. The measures are carried out and their progress is checked.\n\
         4. The case and its lessons are shared with every member."
            .to_string()
    };
    cx.section(
        "phases",
        "3. 対応の流れ（5つの段階）",
        "3. The five phases of the response",
        body,
    );
}

fn escalation(cx: &mut Cx) {
    let customers = cx.i.customers.clone();
    let partners = cx.i.partners.clone();
    let customers = cx.list(&customers, Datum::Customers);
    let partners = cx.list(&partners, Datum::Partners);
    let police = cx.police();
    let ministry = cx.i.ministry.clone();
    let ministry = cx.val(&ministry, Datum::Ministry);
    let insurer = cx.i.insurer.name.clone();
    let insurer = cx.val(&insurer, Datum::Insurer);
    let body = if cx.ja {
        format!(
            "社内では、発見者 → セキュリティ責任者 → 代表者の順に報告します。社外への連絡は代表者が決め、セキュリティ責任者が行います。\n\n\
             | 連絡先 | 連絡するとき | 目安 |\n|---|---|---|\n\
             | 顧客：{customers} | 顧客の情報、システム、納期に影響するおそれがあるとき | 判明したら速やかに（契約に期限があればそれに従う） |\n\
             | 取引先：{partners} | 共有している秘密情報やシステムに影響するとき | 判明したら速やかに |\n\
             | {police} | 不正アクセス、ランサムウェア、詐欺など犯罪の疑いがあるとき | 初動の後すぐに相談 |\n\
             | IPA 情報セキュリティ安心相談窓口（{IPA_URL}） | 対処のしかたについて助言がほしいとき | 必要に応じて |\n\
             | JPCERT/CC（{JPCERT_URL}） | インシデントの報告、攻撃元などとの調整を頼むとき | 必要に応じて |\n\
             | 個人情報保護委員会 | 個人データの漏えい等で、法律上の報告義務に当たるとき | 速報はおおむね3〜5日以内、確報は30日以内（不正の目的によるものは60日以内） |\n\
             | 所管省庁：{ministry} | 業法などで報告が求められるとき、重大な事案のとき | 各省庁の定めに従う |\n\
             | 保険会社：{insurer} | 保険の対象となりうる事故のとき | 費用が発生する前に |"
        )
    } else {
        format!(
            "Inside the Company, reports go from the finder to the security lead and on to the representative. The representative decides on outside contacts; the security lead makes them.\n\n\
             | Contact | When | Timing |\n|---|---|---|\n\
             | Customers: {customers} | When their information, systems or deliveries may be affected | Promptly once known (or within the time the contract sets) |\n\
             | Partners: {partners} | When shared confidential information or systems are affected | Promptly once known |\n\
             | {police} | When a crime is suspected: unauthorised access, ransomware, fraud | Right after the first response |\n\
             | IPA Information Security Safety Consultation Desk ({IPA_URL}) | For advice on how to respond | As needed |\n\
             | JPCERT/CC ({JPCERT_URL}) | To report an incident or ask for coordination with the source of an attack | As needed |\n\
             | Personal Information Protection Commission | When a leak of personal data falls under the legal duty to report | Preliminary report in about 3–5 days, final report within 30 days (60 days for a wrongful act) |\n\
             | Competent ministry: {ministry} | When sector rules require a report, or for a serious case | As the ministry sets |\n\
             | Insurer: {insurer} | When the incident may be covered by insurance | Before costs are incurred |"
        )
    };
    cx.section(
        "escalation",
        "4. 報告と連絡のルート",
        "4. Reporting and escalation",
        body,
    );
}

fn contacts(cx: &mut Cx) {
    let mut body = if cx.ja {
        "| 区分 | 名称・氏名 | 電話 | メール・備考 |\n|---|---|---|---|".to_string()
    } else {
        "| Who | Name | Phone | E-mail, notes |\n|---|---|---|---|".to_string()
    };
    let people = [
        (cx.t("代表者", "Representative"), Datum::Representative),
        (
            cx.t("セキュリティ責任者", "Security lead"),
            Datum::SecurityLead,
        ),
        (cx.t("IT担当者", "IT contact"), Datum::ItContact),
    ];
    for (role, d) in people {
        let p = match d {
            Datum::Representative => &cx.i.representative,
            Datum::SecurityLead => &cx.i.security_lead,
            _ => &cx.i.it_contact,
        };
        let (name, phone, email) = (p.name.clone(), p.phone.clone(), p.email.clone());
        let name = cx.val(&name, d);
        let phone = cx.val(&phone, d);
        body.push_str(&format!(
            "\n| {role} | {name} | {phone} | {} |",
            dash(&email)
        ));
    }
    let ins = cx.i.insurer.clone();
    let name = cx.val(&ins.name, Datum::Insurer);
    let phone = cx.val(&ins.phone, Datum::Insurer);
    let policy = if clean(&ins.policy).is_empty() {
        "—".to_string()
    } else if cx.ja {
        format!("証券番号 {}", clean(&ins.policy))
    } else {
        format!("Policy no. {}", clean(&ins.policy))
    };
    body.push_str(&format!(
        "\n| {} | {name} | {phone} | {policy} |",
        cx.t("保険会社", "Insurer")
    ));
    cx.section("contacts", "5. 連絡先一覧", "5. Contact list", body);
}

fn checklist(cx: &mut Cx) {
    let body = if cx.ja {
        "□ 発見者から報告を受け、時刻と内容を記録し始めた\n\
         □ 疑わしい機器をネットワークから切り離した（電源は入れたまま）\n\
         □ 乗っ取りが疑われるアカウントのパスワードを変え、セッションを無効にした\n\
         □ 代表者に第一報を入れ、重大度を決めた\n\
         □ ログ、不審なメール、画面の写真などの証拠を保全した\n\
         □ 影響を受けた情報、機器、取引先の範囲を一次的に洗い出した\n\
         □ 個人情報が関わるかどうかを確かめた\n\
         □ 顧客・取引先へ第一報を入れるかを決め、必要なら連絡した\n\
         □ 警察、保険会社、専門業者への相談を決め、必要なら連絡した\n\
         □ バックアップが無事かどうかを確かめた\n\
         □ 次の報告の時刻と担当を決めた"
            .to_string()
    } else {
        "□ Report received; a timed record of events started\n\
         □ Suspect devices disconnected from the network (left switched on)\n\
         □ Passwords of possibly taken-over accounts changed, sessions ended\n\
         □ First report made to the representative; severity decided\n\
         □ Evidence preserved: logs, suspicious e-mails, screenshots\n\
         □ First estimate made of the information, devices and partners affected\n\
         □ Checked whether personal data is involved\n\
         □ Decided whether to notify customers and partners now; notified where needed\n\
         □ Decided whether to contact the police, the insurer or a specialist; contacted where needed\n\
         □ Checked that the backups are intact\n\
         □ Time and owner of the next update agreed"
            .to_string()
    };
    cx.section(
        "first24",
        "6. 最初の24時間のチェックリスト",
        "6. Checklist for the first 24 hours",
        body,
    );
}

fn personal_data(cx: &mut Cx) {
    let body = if cx.ja {
        "個人データの漏えい、滅失、毀損（その疑いを含む）が起き、法律で報告が義務づけられる場合（例：要配慮個人情報が含まれる、財産的な被害のおそれがある、不正の目的によるおそれがある、本人が1,000人を超える）には、個人情報保護委員会へ報告し、本人にも通知します。\n\
         - 速報：事態を知ってからおおむね3〜5日以内\n\
         - 確報：事態を知ってから30日以内（不正の目的によるおそれがある場合は60日以内）\n\n\
         報告義務に当たるかどうか迷うときは、早めに専門家や委員会の窓口に相談します。義務に当たらない場合も、記録は残します。"
            .to_string()
    } else {
        "When personal data is leaked, lost or damaged (or this is suspected) and the law requires a report — for example when sensitive personal data is involved, financial harm may follow, a wrongful act may be behind it, or more than 1,000 people are affected — we report to the Personal Information Protection Commission and notify the people concerned.\n\
         - Preliminary report: within about 3–5 days of learning of it\n\
         - Final report: within 30 days of learning of it (60 days where a wrongful act may be behind it)\n\n\
         When unsure whether the duty applies, ask an expert or the Commission's desk early. Cases that need no report are still recorded."
            .to_string()
    };
    cx.section(
        "personal_data",
        "7. 個人情報が漏えいしたとき",
        "7. When personal data leaks",
        body,
    );
}

fn review(cx: &mut Cx) {
    let body = if cx.ja {
        "- この体制と連絡先（第2節、第4節、第5節）は、年に1回以上点検し、人の異動や連絡先の変更があればすぐに直します。\n\
         - 年に1回以上、社内外で起きたインシデントの事例と当社の対策をメンバー全員に共有します。社内外で重大なインシデントが起きたときは、その都度共有します。\n\
         - 入社時と年1回、この手順に沿った教育または訓練を行い、その記録を残します。"
            .to_string()
    } else {
        "- The team and contacts (sections 2, 4 and 5) are reviewed at least once a year and corrected at once when people or numbers change.\n\
         - At least once a year, and whenever a serious incident occurs inside or outside the Company, cases and our measures against them are shared with every member.\n\
         - On joining and once a year, members are trained or drilled on this procedure, and the training is recorded."
            .to_string()
    };
    cx.section(
        "review",
        "8. 点検・共有・訓練",
        "8. Review, sharing and training",
        body,
    );
}

pub(crate) fn report(cx: &mut Cx) {
    let company = cx.company();
    let lead = cx.who(Datum::SecurityLead);
    let ja = cx.ja;
    cx.section(
        "about",
        "この様式の使い方",
        "How to use this form",
        if ja {
            format!(
                "{company}でインシデントが起きたとき、セキュリティ責任者 {lead} がこの様式で記録し、代表者に報告します。発見から24時間以内に分かっている範囲で第1報を作り、その後は新しいことが分かるたびに書き足します。分からない欄は「調査中」と書きます。"
            )
        } else {
            format!(
                "When an incident occurs at {company}, the security lead {lead} records it on this form and reports to the representative. A first report with what is known is made within 24 hours of discovery and is added to as more is learned. Write \"under investigation\" where something is not yet known."
            )
        },
    );
    report_tables(cx);
}

fn form(ja: bool, header: (&str, &str), rows: &[(&str, &str)]) -> String {
    let mut s = if ja {
        format!("| {} | 記入欄 |\n|---|---|", header.0)
    } else {
        format!("| {} | Entry |\n|---|---|", header.1)
    };
    for (j, e) in rows {
        s.push_str(&format!("\n| {} |  |", if ja { j } else { e }));
    }
    s
}

fn report_tables(cx: &mut Cx) {
    let ja = cx.ja;
    let basic = form(
        ja,
        ("項目", "Item"),
        &[
            ("報告番号", "Report no."),
            (
                "報告の種類（第1報・続報・最終報告）",
                "Type (first, update, final)",
            ),
            ("報告日時", "Date and time of report"),
            ("報告者（氏名・部署）", "Reported by (name, department)"),
            ("発見日時", "Discovered (date and time)"),
            ("発見した人", "Discovered by"),
            ("発見のきっかけ", "How it was discovered"),
        ],
    );
    cx.section("basic", "1. 基本情報", "1. Basic information", basic);
    let what = form(
        ja,
        ("項目", "Item"),
        &[
            (
                "種類（□ウイルス感染 □不正アクセス □情報漏えい □紛失・盗難 □誤送信 □詐欺メール □システム停止 □その他）",
                "Type (□ malware □ unauthorised access □ leak □ loss or theft □ mis-sent □ fraud mail □ outage □ other)",
            ),
            ("何が起きたか", "What happened"),
            (
                "影響を受けた機器・サービス",
                "Devices and services affected",
            ),
            (
                "影響を受けた情報（区分・件数）",
                "Information affected (class, amount)",
            ),
            (
                "個人情報の有無と人数",
                "Personal data involved, number of people",
            ),
            ("顧客・取引先への影響", "Impact on customers and partners"),
            ("業務への影響", "Impact on our work"),
        ],
    );
    cx.section("what", "2. 事象の内容", "2. What happened", what);
    let log = if ja {
        "| 日時 | 行ったこと | 担当者 |\n|---|---|---|"
    } else {
        "| Date and time | Action taken | By |\n|---|---|---|"
    };
    let log = format!("{log}{}", "\n|  |  |  |".repeat(6));
    cx.section("log", "3. 対応の経過", "3. Course of the response", log);
    let notify_rows: [(&str, &str); 8] = [
        ("代表者", "Representative"),
        ("顧客", "Customers"),
        ("取引先", "Partners"),
        ("警察", "Police"),
        ("IPA・JPCERT/CC", "IPA, JPCERT/CC"),
        (
            "個人情報保護委員会",
            "Personal Information Protection Commission",
        ),
        ("所管省庁", "Competent ministry"),
        ("保険会社", "Insurer"),
    ];
    let mut notify = if ja {
        "| 連絡先 | 連絡日時 | 担当者 | 伝えた内容 |\n|---|---|---|---|".to_string()
    } else {
        "| Contact | Date and time | By | What was said |\n|---|---|---|---|".to_string()
    };
    for (j, e) in notify_rows {
        notify.push_str(&format!("\n| {} |  |  |  |", if ja { j } else { e }));
    }
    cx.section(
        "notify",
        "4. 報告・連絡の状況",
        "4. Reports and notices",
        notify,
    );
    let cause = form(
        ja,
        ("項目", "Item"),
        &[
            ("原因", "Cause"),
            ("再発防止策", "Measures against a repeat"),
            ("実施の期限と担当者", "Deadline and owner"),
            ("社内への共有日", "Date shared with members"),
        ],
    );
    cx.section(
        "cause",
        "5. 原因と再発防止策",
        "5. Cause and prevention",
        cause,
    );
    let sign = if ja {
        "| 役割 | 氏名 | 日付 |\n|---|---|---|\n| 作成（セキュリティ責任者） |  |  |\n| 確認・承認（代表者） |  |  |"
    } else {
        "| Role | Name | Date |\n|---|---|---|\n| Written by (security lead) |  |  |\n| Reviewed and approved (representative) |  |  |"
    };
    cx.section("sign", "6. 確認", "6. Sign-off", sign.to_string());
}
