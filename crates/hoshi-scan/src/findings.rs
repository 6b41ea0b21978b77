//! What a scan found, as findings: a category, a severity, the SCS criteria it informs, and
//! what to do, in plain Japanese and English.

use hoshi_core::Lang;

/// The kinds of exposure a scan reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A VPN or remote-access portal answers from the internet.
    RemoteAccessVpn,
    /// A product version with vulnerabilities CISA lists as exploited in the wild.
    KnownExploited,
    /// A product version with published vulnerabilities fixed in later releases.
    OutdatedSoftware,
    /// A firmware whose build date is older than advisories of exploited vulnerabilities of
    /// the product: it cannot contain their fixes.
    PredatesFixes,
    RdpExposed,
    SmbExposed,
    DatabaseExposed,
    /// A remote screen (VNC) reachable; worse when it asks for no password.
    VncExposed,
    TelnetExposed,
    /// A router, UTM, NAS, camera or server management page reachable from outside.
    AdminPanelExposed,
    /// Passwords would cross the network in clear (FTP, plain HTTP login, Telnet).
    CleartextLogin,
    SshExposed,
    WeakSsh,
    WeakTls,
    CertificateProblem,
    /// Any other open port: to be known and justified.
    OpenPort,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    /// The stable code, as the JSON report writes it: `critical` … `info`.
    pub fn code(self) -> &'static str {
        self.label(Lang::En)
    }

    /// The severity of a stored code.
    pub fn parse(code: &str) -> Option<Severity> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Critical, Lang::Ja) => "緊急",
            (Severity::High, Lang::Ja) => "高",
            (Severity::Medium, Lang::Ja) => "中",
            (Severity::Low, Lang::Ja) => "低",
            (Severity::Info, Lang::Ja) => "情報",
            (Severity::Critical, Lang::En) => "critical",
            (Severity::High, Lang::En) => "high",
            (Severity::Medium, Lang::En) => "medium",
            (Severity::Low, Lang::En) => "low",
            (Severity::Info, Lang::En) => "info",
        }
    }
}

/// A CVE that applies to what was seen.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Cve {
    pub id: String,
    pub cvss: Option<f32>,
    /// Listed in CISA's Known Exploited Vulnerabilities catalog.
    pub kev: bool,
    /// CISA knows of ransomware campaigns using it.
    pub ransomware: bool,
}

/// One finding on one port.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    pub category: Category,
    pub severity: Severity,
    pub title: String,
    /// What to do, in plain words.
    pub advice: String,
    pub cves: Vec<Cve>,
    /// The SCS ★3 criteria this finding informs.
    pub criteria: Vec<&'static str>,
    /// Title and advice in the other language (English when the report is in Japanese and the
    /// other way round), for readers of a stored report in either.
    pub translation: Translation,
}

/// A finding's texts in one more language.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Translation {
    /// `ja` or `en`.
    pub lang: &'static str,
    pub title: String,
    pub advice: String,
}

/// The criteria each category informs.
pub fn criteria(c: Category) -> Vec<&'static str> {
    match c {
        Category::RemoteAccessVpn => vec!["3-1-2-2", "4-4-4-1", "4-4-4-2", "4-1-3-2"],
        Category::KnownExploited | Category::OutdatedSoftware | Category::PredatesFixes => {
            vec!["4-4-4-1", "4-4-4-2"]
        }
        Category::RdpExposed
        | Category::SmbExposed
        | Category::DatabaseExposed
        | Category::VncExposed
        | Category::TelnetExposed
        | Category::OpenPort
        | Category::SshExposed => vec!["4-5-1-4", "4-5-1-5"],
        Category::AdminPanelExposed => vec!["4-5-1-1", "4-5-1-7", "3-1-2-2"],
        Category::CleartextLogin => vec!["4-5-1-4", "4-1-3-1"],
        Category::WeakSsh | Category::WeakTls | Category::CertificateProblem => {
            vec!["4-4-4-1"]
        }
    }
}

/// A finding's title and advice in the user's language; `what` names the service or product.
pub fn text(c: Category, what: &str, lang: Lang) -> (String, String) {
    let (ja_t, ja_a, en_t, en_a) = words(c);
    match lang {
        Lang::Ja => (ja_t.replace("{what}", what), ja_a.replace("{what}", what)),
        Lang::En => (en_t.replace("{what}", what), en_a.replace("{what}", what)),
    }
}

#[allow(clippy::too_many_lines)] // one table of texts, in two languages
fn words(c: Category) -> (&'static str, &'static str, &'static str, &'static str) {
    match c {
        Category::RemoteAccessVpn => (
            "リモートアクセス機器（{what}）がインターネットに公開されています",
            "攻撃者はこの種の機器を常に探しています。ファームウェアを最新に保ち（重大な修正は 14 日以内）、全アカウントに多要素認証を設定し、使っていない機能やアカウントは無効にしてください。機器の製造元・型番・保守事業者を台帳に記録してください。",
            "A remote-access appliance ({what}) answers from the internet",
            "Attackers scan for exactly these devices. Keep the firmware current (critical fixes within 14 days), require multi-factor authentication on every account, and turn off unused features and accounts. Record the maker, model and maintainer in the device register.",
        ),
        Category::KnownExploited => (
            "{what} に、実際に悪用されている脆弱性があります",
            "このバージョンには、攻撃に使われていることが確認されている脆弱性（CISA KEV 掲載）があります。直ちに修正版へ更新し、更新までの間はインターネットからの接続を遮断してください。侵入の痕跡（不審なアカウント、設定変更、ログ）も確認してください。",
            "{what} has vulnerabilities that are exploited in the wild",
            "This version has vulnerabilities listed as exploited (CISA KEV). Update to a fixed release now and block access from the internet until then. Also look for signs of intrusion (unknown accounts, changed settings, logs).",
        ),
        Category::OutdatedSoftware => (
            "{what} は脆弱性が修正される前のバージョンです",
            "公開済みの脆弱性が修正されたバージョンへ更新してください。重大・高リスクの修正は公開から 14 日以内の適用が求められます。",
            "{what} is older than the release that fixes published vulnerabilities",
            "Update to a release that fixes them; critical and high-risk fixes are expected within 14 days of release.",
        ),
        Category::PredatesFixes => (
            "{what} のファームウェアは、実際に悪用されている脆弱性の修正より前に作られています",
            "ファームウェアの作成日が、下記の脆弱性（CISA KEV 掲載）の公表日より前です。公表前に作られたファームウェアにその修正は含まれません。バージョンを確認し、修正版へ更新してください。更新までの間はインターネットからの接続を制限し、侵入の痕跡も確認してください。",
            "{what}: the firmware was built before fixes for exploited vulnerabilities existed",
            "The firmware's build date is older than the advisories of the vulnerabilities below (CISA KEV); a firmware built before an advisory does not contain its fix. Check the version and update to a fixed release; until then restrict access from the internet and look for signs of intrusion.",
        ),
        Category::RdpExposed => (
            "リモートデスクトップ（RDP）がインターネットに公開されています",
            "RDP はランサムウェアの主な侵入口です。インターネットからの接続を遮断し、必要な場合は多要素認証付きの VPN 経由に限ってください。",
            "Remote Desktop (RDP) answers from the internet",
            "RDP is a main way in for ransomware. Block it from the internet; where it is needed, allow it only through a VPN with multi-factor authentication.",
        ),
        Category::SmbExposed => (
            "ファイル共有（SMB）がインターネットに公開されています",
            "SMB をインターネットに公開する理由はまずありません。ファイアウォールで遮断してください。",
            "File sharing (SMB) answers from the internet",
            "There is hardly ever a reason to expose SMB to the internet. Block it at the firewall.",
        ),
        Category::DatabaseExposed => (
            "データベース（{what}）がインターネットに公開されています",
            "データベースには社外から直接接続できないようにしてください。接続元を信頼できるアドレスに限るか、VPN 経由にしてください。",
            "A database ({what}) answers from the internet",
            "Databases should not be reachable directly from outside. Restrict the allowed sources to trusted addresses or require a VPN.",
        ),
        Category::VncExposed => (
            "画面共有（VNC）がインターネットに公開されています",
            "VNC はパスワード総当たりの標的になります。インターネットからの接続を遮断してください。パスワードなしで接続できる場合は直ちに停止してください。",
            "Remote screen sharing (VNC) answers from the internet",
            "VNC is a target for password guessing. Block it from the internet; if it accepts connections without a password, stop it at once.",
        ),
        Category::TelnetExposed => (
            "Telnet がインターネットに公開されています（{what}）",
            "Telnet は通信が暗号化されず、パスワードがそのまま流れます。無効にするか、社内からの接続に限り、管理には SSH を使ってください。",
            "Telnet answers from the internet ({what})",
            "Telnet sends passwords in clear. Turn it off or allow it only from inside, and use SSH for administration.",
        ),
        Category::AdminPanelExposed => (
            "管理画面（{what}）がインターネットから開けます",
            "機器やサーバの管理画面は社外から開けないようにしてください。やむを得ない場合は接続元を信頼できるアドレスに限るか、多要素認証を必須にしてください。初期パスワードのままでないかも確認してください。",
            "A management page ({what}) opens from the internet",
            "Management pages should not open from outside. If unavoidable, restrict them to trusted source addresses or require multi-factor authentication, and make sure the default password was changed.",
        ),
        Category::CleartextLogin => (
            "暗号化されていないログイン（{what}）が公開されています",
            "パスワードが暗号化されずに送られます。TLS を使う方式（HTTPS、FTPS/SFTP など）に切り替えてください。",
            "A login without encryption ({what}) answers from the internet",
            "Passwords would travel unencrypted. Switch to a protocol with TLS (HTTPS, FTPS/SFTP and so on).",
        ),
        Category::SshExposed => (
            "SSH（{what}）がインターネットに公開されています",
            "SSH は公開鍵認証に限り、パスワード認証を無効にし、接続元を絞ってください。ソフトウェアを最新に保ってください。",
            "SSH ({what}) answers from the internet",
            "Allow only public-key authentication, turn off passwords and restrict the source addresses. Keep the software current.",
        ),
        Category::WeakSsh => (
            "SSH が古い暗号方式（{what}）を受け付けます",
            "古い鍵交換・暗号・MAC を設定から外してください。",
            "SSH accepts old algorithms ({what})",
            "Remove the old key exchange, cipher and MAC algorithms from the configuration.",
        ),
        Category::WeakTls => (
            "TLS の古いバージョン（{what}）を受け付けます",
            "TLS 1.0/1.1 は無効にし、TLS 1.2 以上に限ってください。",
            "Old TLS versions are accepted ({what})",
            "Turn off TLS 1.0 and 1.1; allow TLS 1.2 and later only.",
        ),
        Category::CertificateProblem => (
            "サーバ証明書に問題があります（{what}）",
            "信頼できる認証局の有効な証明書に差し替えてください。利用者が警告を無視する習慣がつくと、なりすましに気づけなくなります。",
            "The server certificate has a problem ({what})",
            "Replace it with a valid certificate from a trusted CA. Users who learn to click through warnings will not notice an impostor.",
        ),
        Category::OpenPort => (
            "ポートが公開されています（{what}）",
            "このポートを公開する業務上の理由があるか確認し、不要であればファイアウォールで遮断してください。",
            "An open port ({what})",
            "Check that there is a business reason to expose it; block it at the firewall if not.",
        ),
    }
}

/// A finding with its texts and criteria filled in.
pub fn finding(c: Category, severity: Severity, what: &str, lang: Lang, cves: Vec<Cve>) -> Finding {
    let (title, advice) = text(c, what, lang);
    let other = match lang {
        Lang::Ja => Lang::En,
        Lang::En => Lang::Ja,
    };
    let (other_title, other_advice) = text(c, what, other);
    Finding {
        category: c,
        severity,
        title,
        advice,
        cves,
        criteria: criteria(c),
        translation: Translation {
            lang: other.code(),
            title: other_title,
            advice: other_advice,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_codes_are_the_json_names_and_read_back() {
        for s in Severity::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
            assert_eq!(Severity::parse(s.code()), Some(s));
        }
        assert_eq!(Severity::parse("severe"), None);
    }

    #[test]
    fn every_category_names_real_criteria_and_has_both_languages() {
        let known: std::collections::HashSet<&str> = include_str!("../../../catalogs/scs.toml")
            .lines()
            .filter_map(|l| l.trim().strip_prefix("id = \""))
            .filter_map(|l| l.split('"').next())
            .collect();
        for c in [
            Category::RemoteAccessVpn,
            Category::KnownExploited,
            Category::OutdatedSoftware,
            Category::PredatesFixes,
            Category::RdpExposed,
            Category::SmbExposed,
            Category::DatabaseExposed,
            Category::VncExposed,
            Category::TelnetExposed,
            Category::AdminPanelExposed,
            Category::CleartextLogin,
            Category::SshExposed,
            Category::WeakSsh,
            Category::WeakTls,
            Category::CertificateProblem,
            Category::OpenPort,
        ] {
            for id in criteria(c) {
                assert!(known.contains(id), "{c:?}: {id}");
            }
            let (t, a) = text(c, "X", Lang::Ja);
            assert!(!t.is_empty() && a.ends_with('。'), "{c:?}");
            let (t, a) = text(c, "X", Lang::En);
            assert!(!t.is_empty() && a.ends_with('.'), "{c:?}");
        }
    }
}
