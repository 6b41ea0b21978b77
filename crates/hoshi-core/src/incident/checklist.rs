//! The first-24-hours checklists, one per [`Kind`], in the project's own words: concrete steps
//! in the order they are done, each in one of the five [`Phase`]s. A step's `code` is what the
//! timeline records when someone ticks it, so codes never change once released (a new step gets
//! a new code; a removed one stays readable in old timelines as its code).

use super::{Kind, Phase};
use crate::Lang;

/// One step of a checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub code: &'static str,
    pub phase: Phase,
    pub ja: &'static str,
    pub en: &'static str,
}

impl Step {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

const fn s(code: &'static str, phase: Phase, ja: &'static str, en: &'static str) -> Step {
    Step {
        code,
        phase,
        ja,
        en,
    }
}

use Phase::{
    Containment as C, Discovery as D, FinalReport as F, Investigation as I, Recovery as R,
};

const RANSOMWARE_VPN: &[Step] = &[
    s(
        "rw_call",
        D,
        "異変に気づいた人は、画面の表示（脅迫文や、名前の変わったファイル）をスマートフォンで撮影し、すぐに責任者へ電話で知らせます。",
        "Whoever notices it photographs the screen (the ransom note, renamed files) with a phone and calls the person in charge at once.",
    ),
    s(
        "rw_lead",
        D,
        "責任者は経営者に報告し、対応の指揮をとる人と記録係を決めます。以後の出来事はこのタイムラインに記録します。",
        "The person in charge informs management and names who leads the response and who keeps the record; from now on, events go into this timeline.",
    ),
    s(
        "rw_isolate",
        C,
        "感染が疑われる PC やサーバーの LAN ケーブルを抜き、Wi-Fi を切ってネットワークから外します。電源は切らず、再起動もしません（メモリーに残る痕跡が消えるためです）。",
        "Unplug the network cable and turn off Wi-Fi on the PCs and servers that may be affected. Do not power them off or restart them: traces in memory would be lost.",
    ),
    s(
        "rw_vpn",
        C,
        "VPN 装置への外部からの接続を止め、使われた可能性のある VPN アカウントを無効にし、装置の管理者パスワードを変更します。",
        "Block outside connections to the VPN device, disable the VPN accounts that may have been used and change the device's administrator password.",
    ),
    s(
        "rw_logs",
        C,
        "VPN 装置、ファイアウォール、サーバーのログを、上書きされる前に別の媒体へ保存します。",
        "Copy the logs of the VPN device, the firewall and the servers to separate media before they are overwritten.",
    ),
    s(
        "rw_backup",
        C,
        "バックアップを保存している NAS や外付けディスクをネットワークから切り離し、無事かどうかを確かめます（復元はまだしません）。",
        "Disconnect the NAS or external disks holding backups from the network and check that they are intact (do not restore yet).",
    ),
    s(
        "rw_vendor",
        I,
        "VPN 装置のメーカーか保守業者に連絡し、機種とファームウェアの版に当てはまる脆弱性情報と対処方法を確認します。",
        "Contact the VPN device's maker or maintenance vendor and check the advisories for its model and firmware version, and what to do about them.",
    ),
    s(
        "rw_scope",
        I,
        "影響を受けた機器・アカウント・データの範囲を洗い出し、個人データや取引先から預かった情報が含まれるかを確かめます。",
        "List the affected devices, accounts and data, and find out whether personal data or information entrusted by business partners is among them.",
    ),
    s(
        "rw_report",
        I,
        "都道府県警察のサイバー犯罪相談窓口に通報し、IPA と JPCERT/CC にも届け出ます。サイバー保険に入っていれば保険会社にも連絡します。",
        "Report it to the prefectural police cybercrime desk and notify IPA and JPCERT/CC. If you have cyber insurance, call the insurer.",
    ),
    s(
        "rw_ransom",
        I,
        "身代金は支払わず、攻撃者とは連絡をとりません。支払っても、復旧やデータの削除は保証されません。",
        "Do not pay the ransom and do not contact the attackers: paying guarantees neither recovery nor that the data is deleted.",
    ),
    s(
        "rw_patch",
        R,
        "VPN 装置を最新のファームウェアに更新するか交換し、多要素認証を設定してから接続を再開します。",
        "Update the VPN device to current firmware or replace it, and set up multi-factor authentication before reopening access.",
    ),
    s(
        "rw_restore",
        R,
        "安全を確かめた機器に、感染より前のバックアップから復元し、業務を順に再開します。",
        "Restore from a backup taken before the infection onto devices known to be clean, and resume work step by step.",
    ),
    s(
        "rw_notify",
        F,
        "取引先と顧客に状況を伝えます。個人データが関わる場合は、下の報告欄で委員会への報告と本人への通知の期限を確かめます。",
        "Tell business partners and customers how things stand. If personal data is involved, check the deadlines for the PPC report and for telling the people concerned in the report form below.",
    ),
    s(
        "rw_lessons",
        F,
        "経緯・原因・対応・再発防止策を報告書にまとめ、経営者の承認を得て社内で共有します。",
        "Write up what happened, the cause, the response and the measures against recurrence; get management's approval and share it in the company.",
    ),
];

const CEO_FRAUD: &[Step] = &[
    s(
        "cf_stop",
        D,
        "不審な指示のメールや LINE には返信せず、振込や QR コードの送付を止めます。指示した本人（社長など）には、前から知っている電話番号で直接確かめます。",
        "Do not answer the suspicious mail or LINE message; stop any transfer and do not send QR codes. Check with the real person (the president, say) on a phone number you already had.",
    ),
    s(
        "cf_lead",
        D,
        "経理の責任者と経営者に報告し、対応の指揮をとる人を決めます。",
        "Tell the head of accounting and management, and name who leads the response.",
    ),
    s(
        "cf_bank",
        C,
        "すでに振り込んだ場合は、すぐに振込元の銀行へ電話して組戻しを依頼し、振込先の口座を止めてもらうよう頼みます。時間が勝負です。",
        "If money was already sent, call your bank at once to ask for the transfer to be recalled (kumimodoshi) and the receiving account frozen. Every minute counts.",
    ),
    s(
        "cf_keep",
        C,
        "メールはヘッダー（送信経路の情報）ごと保存し、LINE の画面、通話の記録、振込の控えも残します。何も削除しません。",
        "Save the mail with its full headers, and keep screenshots of the LINE chat, the call records and the transfer receipt. Delete nothing.",
    ),
    s(
        "cf_account",
        C,
        "なりすましに使われたかもしれないメールアカウントのパスワードを変え、多要素認証と自動転送の設定を確かめます。",
        "Change the password of any mail account that may have been used, and check its multi-factor authentication and automatic forwarding rules.",
    ),
    s(
        "cf_police",
        I,
        "都道府県警察のサイバー犯罪相談窓口か最寄りの警察署に被害を届け出て、受理番号を控えます。",
        "Report it to the prefectural police cybercrime desk or the local police station, and note the case number.",
    ),
    s(
        "cf_others",
        I,
        "同じ手口のメールがほかの社員や取引先にも届いていないかを確かめ、社内に注意を呼びかけます。",
        "Find out whether other staff or business partners got the same kind of message, and warn everyone in the company.",
    ),
    s(
        "cf_leaked",
        I,
        "やり取りの中で社外に渡った情報（口座、取引先の名前、社員の連絡先など）を洗い出します。",
        "List what information left the company during the exchange (bank accounts, partners' names, staff contacts).",
    ),
    s(
        "cf_insurer",
        I,
        "保険に入っていれば保険会社に連絡し、請求に必要な書類を確かめます。",
        "If insured, call the insurer and ask which documents a claim needs.",
    ),
    s(
        "cf_rule",
        R,
        "振込の依頼は必ず電話など別の経路で確かめる、というルールを全員にあらためて伝えます。",
        "Remind everyone that any payment request is confirmed through a second channel, such as a phone call.",
    ),
    s(
        "cf_partners",
        R,
        "振込先の変更を装った連絡が取引先に届くおそれもあるため、取引先にも注意を伝えます。",
        "Warn business partners as well, since fake requests to change bank details may reach them too.",
    ),
    s(
        "cf_final",
        F,
        "経緯、被害額、銀行と警察の対応、再発防止策を報告書にまとめ、経営者の承認を得ます。",
        "Write up the course of events, the loss, what the bank and the police did and the measures against recurrence; get management's approval.",
    ),
];

const SUPPLIER_BREACH: &[Step] = &[
    s(
        "sb_facts",
        D,
        "取引先（委託先）から聞いた内容を記録し、いつ何が起きたか、当社のどの情報が関わるかを文書で知らせてもらうよう依頼します。",
        "Record what the business partner (contractor) told you, and ask them to confirm in writing when and what happened and which of our information is involved.",
    ),
    s(
        "sb_lead",
        D,
        "経営者と個人情報の責任者に報告し、取引先とのやり取りの窓口を一人に決めます。",
        "Inform management and the person responsible for personal data, and name one person as the contact point with the partner.",
    ),
    s(
        "sb_access",
        C,
        "その取引先とつながっている経路（VPN、共有フォルダー、クラウドの共有、API キー）を一時的に止めるか、パスワードや鍵を変えます。",
        "Suspend the links to that partner (VPN, shared folders, cloud shares, API keys), or change their passwords and keys.",
    ),
    s(
        "sb_mail",
        C,
        "その取引先を名乗る不審なメール（請求書や振込先の変更）に気をつけるよう、社内に伝えます。",
        "Warn staff to watch for suspicious mail in that partner's name (invoices, changed bank details).",
    ),
    s(
        "sb_scope",
        I,
        "契約書や受け渡しの記録から、預けたデータの項目と件数、個人データが含まれるかを確かめます。",
        "From contracts and transfer records, establish which of our data the partner held, how many records, and whether personal data is among them.",
    ),
    s(
        "sb_contract",
        I,
        "契約書で決めた、事故のときの報告の義務と期限、費用の負担を確認します。",
        "Check what the contract says about reporting incidents, the deadlines and who bears the costs.",
    ),
    s(
        "sb_ppc",
        I,
        "委託先で個人データが漏えいした場合、委託元の当社にも報告の義務があります。委託先が報告するのか、連名で報告するのかを取り決めます。",
        "When personal data leaks at a contractor, we, who entrusted it, must report too; agree whether the contractor reports or both of us report jointly.",
    ),
    s(
        "sb_follow",
        I,
        "取引先の調査の進み具合を決まった間隔で確かめ、受け取った報告書を保存します。",
        "Follow the partner's investigation at set intervals and keep the reports they send.",
    ),
    s(
        "sb_resume",
        R,
        "取引先の対策が済んだことを確かめてから接続を再開し、必要なら新しい認証情報を発行します。",
        "Reopen the links only once the partner's fixes are confirmed, issuing new credentials where needed.",
    ),
    s(
        "sb_customers",
        R,
        "当社の顧客や発注元に影響がある場合は、分かっている範囲で知らせます。",
        "If our customers or buyers are affected, tell them what is known so far.",
    ),
    s(
        "sb_review",
        F,
        "経緯と対応をまとめ、取引先の選び方と契約の中身（セキュリティの要件、報告の期限）の見直しに生かします。",
        "Summarise what happened and what was done, and use it to review how partners are chosen and what contracts require (security terms, reporting deadlines).",
    ),
];

const LOST_DEVICE: &[Step] = &[
    s(
        "ld_report",
        D,
        "なくした人（盗まれた人）は、いつ・どこで・何をなくしたかを、すぐに責任者へ知らせます。",
        "The person who lost it (or had it stolen) tells the person in charge at once: when, where and what.",
    ),
    s(
        "ld_search",
        D,
        "最後に使った場所、乗った交通機関、立ち寄った先に問い合わせます。",
        "Ask at the place it was last used, the transport company and the places visited.",
    ),
    s(
        "ld_lock",
        C,
        "端末管理（MDM）やアカウントの機能で遠隔ロックをかけ、見つからなければ遠隔消去します。",
        "Lock the device remotely through device management (MDM) or its account; wipe it remotely if it is not found.",
    ),
    s(
        "ld_passwords",
        C,
        "端末に保存されていたアカウントのパスワードを変え、ログインしたままのセッションを切ります。",
        "Change the passwords of the accounts stored on the device and end its signed-in sessions.",
    ),
    s(
        "ld_police",
        C,
        "警察に遺失届か盗難届を出し、受理番号を控えます。",
        "File a lost-property or theft report with the police and note its number.",
    ),
    s(
        "ld_data",
        I,
        "端末に入っていたデータ（顧客名簿、図面、メールなど）と、暗号化と画面ロックの状態を確かめます。",
        "Establish what data was on the device (customer lists, drawings, mail) and whether it was encrypted and screen-locked.",
    ),
    s(
        "ld_signins",
        I,
        "なくした後に、そのアカウントへの不審なログインがないかをログで確かめます。",
        "Check the logs for suspicious sign-ins to its accounts since it went missing.",
    ),
    s(
        "ld_duty",
        I,
        "個人データが入っていて強い暗号化がない場合は、下の報告欄で委員会への報告と本人への通知が必要かを判断します。",
        "If it held personal data without strong encryption, use the report form below to decide whether the PPC must be told and the people notified.",
    ),
    s(
        "ld_replace",
        R,
        "代わりの端末を用意し、暗号化と画面ロックを設定してから渡します。",
        "Prepare a replacement and set up encryption and a screen lock before handing it over.",
    ),
    s(
        "ld_found",
        R,
        "見つかった場合も、中を見られたおそれがあるものとして初期化してから使います。",
        "If it turns up, assume it may have been looked into and reset it before use.",
    ),
    s(
        "ld_final",
        F,
        "経緯と対応を記録し、持ち出しのルール（暗号化、持ち出しの記録）を見直して社内で共有します。",
        "Record what happened and what was done; review the rules for taking devices out (encryption, sign-out records) and share them.",
    ),
];

const OTHER: &[Step] = &[
    s(
        "ot_report",
        D,
        "気づいた人はすぐに責任者へ知らせ、気づいた時刻と状況を記録します。",
        "Whoever notices it tells the person in charge at once and notes the time and what they saw.",
    ),
    s(
        "ot_lead",
        D,
        "対応の指揮をとる人と記録係を決め、経営者に報告します。",
        "Name who leads the response and who keeps the record, and inform management.",
    ),
    s(
        "ot_contain",
        C,
        "被害が広がらないよう、影響を受けた機器やアカウントを切り離すか止めます（電源は切りません）。",
        "Stop it spreading: disconnect or suspend the affected devices and accounts (do not power them off).",
    ),
    s(
        "ot_evidence",
        C,
        "ログ、画面、メールなどの証拠を保存します。",
        "Keep the evidence: logs, screenshots, mails.",
    ),
    s(
        "ot_scope",
        I,
        "影響の範囲（機器、データ、取引先、個人データ）を洗い出します。",
        "List what is affected: devices, data, business partners, personal data.",
    ),
    s(
        "ot_outside",
        I,
        "必要に応じて警察、IPA、JPCERT/CC、保守業者、保険会社に相談します。",
        "Where needed, consult the police, IPA, JPCERT/CC, the maintenance vendor and the insurer.",
    ),
    s(
        "ot_recover",
        R,
        "原因を取り除き、安全を確かめてから業務を再開します。",
        "Remove the cause, check that things are safe, then resume work.",
    ),
    s(
        "ot_tell",
        R,
        "影響を受ける取引先と顧客に状況を伝えます。",
        "Tell the affected business partners and customers how things stand.",
    ),
    s(
        "ot_final",
        F,
        "経緯・原因・対応・再発防止策を報告書にまとめ、経営者の承認を得て共有します。",
        "Write up what happened, the cause, the response and the measures against recurrence; get management's approval and share it.",
    ),
    s(
        "ot_review",
        F,
        "対応の手順や連絡先の一覧に直すところがないかを見直します。",
        "Review the response procedure and the contact list for anything to correct.",
    ),
];

/// The checklist of `kind`, in order.
pub fn checklist(kind: Kind) -> &'static [Step] {
    match kind {
        Kind::RansomwareVpn => RANSOMWARE_VPN,
        Kind::CeoFraud => CEO_FRAUD,
        Kind::SupplierBreach => SUPPLIER_BREACH,
        Kind::LostDevice => LOST_DEVICE,
        Kind::Other => OTHER,
    }
}

/// The step of `kind`'s checklist with `code`.
pub fn step(kind: Kind, code: &str) -> Option<&'static Step> {
    checklist(kind).iter().find(|s| s.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_checklist_is_ordered_through_the_five_phases() {
        let mut codes = HashSet::new();
        for kind in Kind::ALL {
            let list = checklist(kind);
            assert!(
                (10..=15).contains(&list.len()),
                "{kind:?}: {} steps",
                list.len()
            );
            for p in Phase::ALL {
                assert!(list.iter().any(|s| s.phase == p), "{kind:?} lacks {p:?}");
            }
            assert!(
                list.windows(2).all(|w| w[0].phase <= w[1].phase),
                "{kind:?}: phases out of order"
            );
            for st in list {
                assert!(codes.insert(st.code), "{} twice", st.code);
                assert!(st.ja.ends_with('。'), "{}: {}", st.code, st.ja);
                assert!(st.en.ends_with('.'), "{}: {}", st.code, st.en);
                assert!(
                    !st.ja.is_ascii() && st.en.is_ascii(),
                    "{}: languages mixed up",
                    st.code
                );
                assert_eq!(step(kind, st.code), Some(st));
            }
        }
        assert_eq!(step(Kind::Other, "rw_call"), None);
    }

    #[test]
    fn the_ransomware_and_fraud_lists_say_the_things_that_matter() {
        let text = |k: Kind| -> String { checklist(k).iter().map(|s| s.ja).collect() };
        let rw = text(Kind::RansomwareVpn);
        for must in [
            "電源は切らず",
            "VPN アカウント",
            "ログ",
            "バックアップ",
            "警察",
            "IPA",
            "JPCERT/CC",
            "保険",
        ] {
            assert!(rw.contains(must), "ransomware list lacks {must}");
        }
        let cf = text(Kind::CeoFraud);
        for must in ["組戻し", "ヘッダー", "警察", "別の経路"] {
            assert!(cf.contains(must), "CEO fraud list lacks {must}");
        }
    }
}
