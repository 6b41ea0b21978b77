//! A complete set of company data, and the text a draft must show for each datum.

use hoshi_docs::*;

fn person(name: &str, title: &str, email: &str, phone: &str) -> Person {
    Person {
        name: name.into(),
        title: title.into(),
        email: email.into(),
        phone: phone.into(),
    }
}

pub fn full() -> Inputs {
    Inputs {
        company: "株式会社ほしぞら精機".into(),
        representative: person("山田 太郎", "代表取締役", "yamada@hoshizora.example", "052-000-0001"),
        security_lead: person("佐藤 花子", "総務部長", "sato@hoshizora.example", "052-000-0002"),
        it_contact: person("鈴木 一郎", "情報システム担当", "suzuki@hoshizora.example", "052-000-0003"),
        people: vec![
            person("高橋 次郎", "製造部長", "takahashi@hoshizora.example", "052-000-0010"),
            person("田中 美咲", "経理", "tanaka@hoshizora.example", ""),
        ],
        assets: vec![AssetLine {
            number: "PC-001".into(),
            name: "設計用パソコン".into(),
            kind: "ノートPC".into(),
            owner: "高橋 次郎".into(),
            place: "設計室".into(),
        }],
        services: vec![ServiceLine {
            name: "Microsoft 365".into(),
            purpose: "メールとファイル共有".into(),
            owner: "鈴木 一郎".into(),
        }],
        backups: vec![
            BackupLine {
                name: "図面サーバ".into(),
                what: "CAD図面と仕様書".into(),
                place: "NASと遠隔地のクラウド".into(),
                schedule: "毎日22時".into(),
                restore: "1. NASの管理画面にログインする\n2. スナップショットから対象フォルダを選ぶ\n3. 別フォルダへ復元して開けることを確かめる".into(),
            },
            BackupLine {
                name: "会計データ".into(),
                what: "会計ソフトのデータ".into(),
                place: "外付けディスク（金庫に保管）".into(),
                schedule: "毎週金曜".into(),
                restore: "会計ソフトの「データ復元」から最新のファイルを選ぶ".into(),
            },
        ],
        rules: Rules {
            password_min_len: 14,
            mfa_required: true,
            lock_minutes: 7,
            account_review_months: 6,
            leaver_days: 2,
            classes: vec!["機密A".into(), "社内限り".into(), "一般".into()],
            retention_years: 7,
        },
        prefecture: "愛知県".into(),
        ministry: "経済産業省".into(),
        insurer: Insurer {
            name: "東海あんしん損害保険".into(),
            phone: "0120-000-111".into(),
            policy: "CY-2026-0042".into(),
        },
        customers: vec!["株式会社中部自動車部品".into()],
        partners: vec!["有限会社みどり加工".into()],
    }
}

/// Text the drafted document must contain for `d` (for `kind`, in the language `ja`).
pub fn marker(kind: Kind, d: Datum, ja: bool) -> &'static str {
    match d {
        Datum::Company => "株式会社ほしぞら精機",
        Datum::Representative => "山田 太郎",
        Datum::SecurityLead => "佐藤 花子",
        Datum::ItContact => "鈴木 一郎",
        Datum::People => "田中 美咲",
        Datum::Assets => "設計用パソコン",
        Datum::Services => "Microsoft 365",
        Datum::Backups => "図面サーバ",
        Datum::Rules => match (kind, ja) {
            (Kind::Accounts, true) => "14文字以上",
            (Kind::Accounts, false) => "at least 14 characters",
            (Kind::Devices, _) => "機密A",
            (Kind::Backup, true) => "7年間",
            (Kind::Backup, false) => "7 years",
            _ => "",
        },
        Datum::Prefecture => {
            if ja {
                "愛知県警察"
            } else {
                "prefectural police of 愛知県"
            }
        }
        Datum::Ministry => "経済産業省",
        Datum::Insurer => "東海あんしん損害保険",
        Datum::Customers => "株式会社中部自動車部品",
        Datum::Partners => "有限会社みどり加工",
    }
}

/// All text of a document: title, headings and bodies.
pub fn text(doc: &Doc) -> String {
    let mut s = doc.title.clone();
    for sec in &doc.sections {
        s.push('\n');
        s.push_str(&sec.heading);
        s.push('\n');
        s.push_str(&sec.body);
    }
    s
}
