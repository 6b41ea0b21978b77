//! Policy, roles and contacts, confidentiality rules and the confidentiality pledge.

use crate::Datum;
use crate::fill::{Cx, clean, dash};

pub(crate) fn policy(cx: &mut Cx) {
    let company = cx.company();
    let rep = cx.who(Datum::Representative);
    let lead = cx.who(Datum::SecurityLead);
    let ja = cx.ja;
    cx.section(
        "purpose",
        "1. 目的",
        "1. Purpose",
        if ja {
            format!(
                "{company}（以下「当社」）は、お客様や取引先からお預かりした情報と当社自身の情報を守ることが、事業を続けていくための土台であると考えています。\n\
                 サプライチェーンの一員として取引先に迷惑をかけることのないよう、代表者 {rep} の責任のもとで情報セキュリティに取り組むことを、ここに宣言します。"
            )
        } else {
            format!(
                "{company} (\"the Company\") regards the protection of the information entrusted to us by customers and business partners, and of our own information, as the foundation of our business.\n\
                 As one link in our customers' supply chains, we commit to information security under the responsibility of our representative, {rep}, so that we never become the way in to our partners."
            )
        },
    );
    cx.section(
        "scope",
        "2. 適用範囲",
        "2. Scope",
        if ja {
            "この方針は、当社の業務で扱うすべての情報と、それを扱うパソコン、スマートフォン、サーバ、ネットワーク機器、クラウドサービスに適用します。\n\
             対象となる人は、役員・従業員のほか、派遣社員や出向で受け入れている方を含め、当社の業務に携わるすべての人（以下「メンバー」）です。"
                .to_string()
        } else {
            "This policy covers all information handled in our business and the computers, smartphones, servers, network devices and cloud services used to handle it.\n\
             It applies to everyone who works for the Company — directors, employees, temporary staff and people seconded to us (\"members\")."
                .to_string()
        },
    );
    cx.section(
        "commitments",
        "3. 私たちの取り組み",
        "3. What we do",
        if ja {
            "- 経営者は、情報セキュリティに必要な人員、時間、費用を確保します。\n\
             - 情報を重要度に応じて分類し、必要な人が必要な範囲でだけ使えるようにします。\n\
             - パスワードと多要素認証、ソフトウェアの更新、ウイルス対策、バックアップといった基本の対策を、止めずに続けます。\n\
             - 事故や攻撃の兆しに気づいたときは隠さずにすぐ報告し、決めた手順で被害を最小限に抑えます。\n\
             - メンバー全員が、入社時と毎年、情報セキュリティについて学ぶ機会を設けます。"
                .to_string()
        } else {
            "- Management provides the people, time and budget information security needs.\n\
             - We classify information by its importance and give access only to those who need it, as far as they need it.\n\
             - We keep the basic measures running without interruption: passwords and multi-factor authentication, software updates, malware protection and backups.\n\
             - Anyone who notices signs of an incident or attack reports it at once, without hiding anything, and we limit the damage by following our procedure.\n\
             - Every member learns about information security on joining and every year."
                .to_string()
        },
    );
    cx.section(
        "responsibility",
        "4. 責任と体制",
        "4. Responsibility",
        if ja {
            format!(
                "情報セキュリティの最終的な責任は、代表者 {rep} が負います。\n\
                 日々の取り組みを進める役として、{lead} をセキュリティ責任者に任命します。セキュリティ責任者は、社内ルールの整備、対策の実施状況の確認、事故が起きたときの指揮を担い、その結果を代表者に報告します。\n\
                 具体的な役割と連絡先は「役割分担と連絡先」に定めます。"
            )
        } else {
            format!(
                "Final responsibility for information security lies with our representative, {rep}.\n\
                 {lead} is appointed security lead to drive the daily work: keeping our rules up to date, checking that measures are in place, and directing the response when an incident occurs. The security lead reports the results to the representative.\n\
                 The detailed roles and contacts are set out in \"Security roles and contacts\"."
            )
        },
    );
    let sign = cx.signed(Datum::Representative);
    policy_rest(cx, &company, &sign);
}

fn policy_rest(cx: &mut Cx, company: &str, sign: &str) {
    let ja = cx.ja;
    cx.section(
        "compliance",
        "5. 法令と契約の遵守",
        "5. Laws and contracts",
        if ja {
            "当社は、個人情報保護法、不正競争防止法、著作権法などの関係する法令と、お客様や取引先との契約で約束したセキュリティ上の義務を守ります。\n\
             取引先から求められた対策の実施や報告にも、誠実に対応します。"
                .to_string()
        } else {
            "We comply with the laws that apply to us, such as the Act on the Protection of Personal Information, the Unfair Competition Prevention Act and copyright law, and with the security obligations we accepted in contracts with customers and partners.\n\
             We respond in good faith when partners ask us to take measures or to report on them."
                .to_string()
        },
    );
    cx.section(
        "duties",
        "6. メンバーの責務",
        "6. Members' duties",
        if ja {
            "メンバーは、この方針と、これに基づく社内規程（秘密保持規程、パスワード・アカウント管理規程、機器・情報の管理規程、インシデント対応手順書など）を守ります。\n\
             ルールに反する行為があった場合は、就業規則などに基づいて対処することがあります。"
                .to_string()
        } else {
            "Members follow this policy and the rules based on it (confidentiality rules, password and account rules, rules for devices and information, the incident response procedure and others).\n\
             Breaches may be dealt with under the work rules."
                .to_string()
        },
    );
    cx.section(
        "improvement",
        "7. 継続的な改善と見直し",
        "7. Continual improvement and review",
        if ja {
            "当社は、対策の実施状況を定期的に確かめ、問題が見つかれば改善します。\n\
             この方針は少なくとも年に1回、また事業の内容や取り巻く脅威が大きく変わったときに見直し、必要に応じて改定します。"
                .to_string()
        } else {
            "We regularly check how our measures are working and improve them when we find problems.\n\
             This policy is reviewed at least once a year, and whenever our business or the threats we face change significantly, and amended where needed."
                .to_string()
        },
    );
    cx.section(
        "publication",
        "8. 周知",
        "8. Making the policy known",
        if ja {
            format!(
                "この方針の最新版は、メンバーがいつでも読める場所（社内の共有フォルダや hoshi）に置きます。\n\
                 改定したときは、変更点をメンバー全員に知らせ、各自が読んだことを確認します。\n\n\
                 {company}　{sign}"
            )
        } else {
            format!(
                "The current version of this policy is kept where every member can read it at any time (the shared folder or hoshi).\n\
                 When it is amended, every member is told what changed and confirms having read it.\n\n\
                 {company} — {sign}"
            )
        },
    );
}

pub(crate) fn roles(cx: &mut Cx) {
    let company = cx.company();
    let ja = cx.ja;
    cx.section(
        "purpose",
        "1. この一覧の目的",
        "1. Purpose of this list",
        if ja {
            format!(
                "{company}で情報セキュリティに関わる役割と責任、平常時と緊急時の連絡先をまとめます。\n\
                 誰が何を決め、困ったときに誰へ連絡するかを、メンバー全員が迷わず分かるようにするためのものです。"
            )
        } else {
            format!(
                "This list sets out the information security roles and responsibilities at {company}, with the contacts for normal times and emergencies.\n\
                 It lets every member see at once who decides what and whom to call when something goes wrong."
            )
        },
    );
    let header = if ja {
        "| 役割 | 氏名 | 役職 | 電話 | メール |\n|---|---|---|---|---|"
    } else {
        "| Role | Name | Title | Phone | E-mail |\n|---|---|---|---|---|"
    };
    let rows = [
        (
            cx.t("代表者（最高責任者）", "Representative (accountable)"),
            Datum::Representative,
        ),
        (
            cx.t("セキュリティ責任者", "Security lead"),
            Datum::SecurityLead,
        ),
        (cx.t("IT担当者", "IT contact"), Datum::ItContact),
        (
            cx.t("インシデント連絡窓口", "Incident contact"),
            Datum::SecurityLead,
        ),
    ];
    let mut table = header.to_string();
    for (role, d) in rows {
        table.push('\n');
        table.push_str(&cx.contact_row(role, d));
    }
    cx.section(
        "contacts",
        "2. 役割と連絡先",
        "2. Roles and contacts",
        table,
    );
    roles_duties(cx);
    roles_people(cx);
    cx.section(
        "review",
        "5. 点検",
        "5. Review",
        if ja {
            "この体制と連絡先は、セキュリティ責任者が年に1回以上点検し、最新の状態に保ちます。メンバーの入社、異動、退職があったときもその都度更新します。\n\
             点検した日と変更した内容は、この文書の版の履歴に残します。"
                .to_string()
        } else {
            "The security lead reviews these roles and contacts at least once a year and keeps them current; they are also updated whenever someone joins, moves or leaves.\n\
             The date of each review and what changed are kept in this document's version history."
                .to_string()
        },
    );
}

fn roles_duties(cx: &mut Cx) {
    let rep = cx.who(Datum::Representative);
    let lead = cx.who(Datum::SecurityLead);
    let it = cx.who(Datum::ItContact);
    let body = if cx.ja {
        format!(
            "- 代表者 {rep}：情報セキュリティの最終責任を負い、方針を承認し、必要な予算と人員を確保します。重大な事故では、社外への報告や公表を判断します。\n\
             - セキュリティ責任者 {lead}：社内ルールの整備と見直し、対策の実施状況の確認、教育の計画、事故が起きたときの対応の指揮を受け持ちます。\n\
             - IT担当者 {it}：パソコン、サーバ、ネットワーク、クラウドサービスの設定と管理、アカウントの発行と削除、更新プログラムの適用、バックアップの確認を受け持ちます。\n\
             - メンバー全員：ルールを守り、不審なメールや機器の異常に気づいたら、すぐにインシデント連絡窓口へ知らせます。"
        )
    } else {
        format!(
            "- Representative {rep}: carries final responsibility for information security, approves the policy and provides the budget and people needed; decides on reporting to outside bodies and on public statements after a serious incident.\n\
             - Security lead {lead}: keeps the rules up to date, checks that measures are in place, plans training and directs the response to incidents.\n\
             - IT contact {it}: sets up and manages computers, servers, the network and cloud services, creates and removes accounts, applies updates and checks backups.\n\
             - Every member: follows the rules and tells the incident contact at once about suspicious e-mail or anything unusual on a device."
        )
    };
    cx.section("duties", "3. 役割ごとの責任", "3. Responsibilities", body);
}

fn roles_people(cx: &mut Cx) {
    let mut body = if cx.ja {
        "| 氏名 | 役職・役割 | 電話 | メール |\n|---|---|---|---|".to_string()
    } else {
        "| Name | Title or role | Phone | E-mail |\n|---|---|---|---|".to_string()
    };
    let people: Vec<_> =
        cx.i.people
            .iter()
            .filter(|p| !clean(&p.name).is_empty())
            .collect();
    if people.is_empty() {
        let m = cx.miss(Datum::People);
        body.push_str(&format!("\n| {m} |  |  |  |"));
    }
    let rows = people
        .into_iter()
        .map(|p| {
            format!(
                "\n| {} | {} | {} | {} |",
                clean(&p.name),
                dash(&p.title),
                dash(&p.phone),
                dash(&p.email)
            )
        })
        .collect();
    cx.rows(&mut body, rows);
    cx.section("people", "4. メンバー一覧", "4. Members", body);
}

pub(crate) fn confidentiality(cx: &mut Cx) {
    let company = cx.company();
    let ja = cx.ja;
    cx.section(
        "purpose",
        "第1条 目的",
        "Article 1 Purpose",
        if ja {
            format!(
                "この規程は、{company}（以下「当社」）の業務を通じて知った秘密の情報を守るために、メンバーが守る事項を定めます。"
            )
        } else {
            format!(
                "These rules set out what members must do to protect the confidential information they learn through their work for {company} (\"the Company\")."
            )
        },
    );
    cx.section(
        "scope",
        "第2条 対象となる人",
        "Article 2 Who these rules apply to",
        if ja {
            "役員、従業員、派遣社員、出向で受け入れている方など、当社の業務に携わるすべての人（以下「メンバー」）が対象です。社内で作業する委託先の要員にも、同じ内容を契約で求めます。"
                .to_string()
        } else {
            "They apply to everyone who works for the Company: directors, employees, temporary staff and people seconded to us (\"members\"). Contractors working on our premises are bound to the same by contract."
                .to_string()
        },
    );
    cx.section(
        "definition",
        "第3条 秘密情報",
        "Article 3 Confidential information",
        if ja {
            "次の情報を秘密情報として扱います。\n\
             - お客様や取引先から秘密として預かった図面、仕様書、価格、生産計画などの情報\n\
             - 当社の技術情報、ノウハウ、見積や原価、経営に関する情報\n\
             - お客様、取引先、メンバーの個人情報\n\
             - パスワード、システムの設定やネットワークの構成など、攻撃に悪用されるおそれのある情報\n\
             - 「極秘」「社外秘」などの表示がある情報と、表示がなくても秘密として扱うよう指示された情報\n\n\
             すでに公開されている情報や、正当な方法で秘密の義務なく入手した情報は、秘密情報に当たりません。判断に迷うときは秘密情報として扱い、セキュリティ責任者に相談します。"
                .to_string()
        } else {
            "The following is confidential information:\n\
             - drawings, specifications, prices, production plans and other information customers or partners entrusted to us in confidence;\n\
             - the Company's technical information and know-how, quotations, costs and management information;\n\
             - personal data of customers, partners and members;\n\
             - passwords, system settings, network layouts and anything else an attacker could misuse;\n\
             - information marked \"Strictly confidential\", \"Internal\" or similar, and information we were told to treat as confidential even without a mark.\n\n\
             Information that is already public, or that was obtained lawfully without a duty of confidence, is not confidential. When in doubt, treat it as confidential and ask the security lead."
                .to_string()
        },
    );
    confidentiality_duties(cx);
    confidentiality_partners(cx);
    confidentiality_end(cx);
}

fn confidentiality_duties(cx: &mut Cx) {
    let ja = cx.ja;
    cx.section(
        "during",
        "第4条 在職中に守ること",
        "Article 4 While working for the Company",
        if ja {
            "- 秘密情報は、業務の目的以外には使いません。\n\
             - 許可なく社外へ持ち出したり、業務上必要のない人や第三者に見せたり渡したりしません。\n\
             - 私物の機器、私用のメールやクラウドサービスに保存したり、転送したりしません。\n\
             - 「機器・情報の管理規程」の区分に従って、保管、送付、廃棄をします。\n\
             - 漏えい、紛失、誤送信に気づいたときや、そのおそれがあるときは、すぐにセキュリティ責任者に報告します。\n\
             - SNSへの投稿や社外での会話で、業務上の秘密に触れません。"
                .to_string()
        } else {
            "- Use confidential information only for the purposes of the work.\n\
             - Do not take it out of the Company, or show or hand it to anyone who does not need it for the work or to any third party, without permission.\n\
             - Do not store or forward it on personal devices, private e-mail or private cloud services.\n\
             - Store, send and dispose of it according to its class under the \"Rules for devices and information\".\n\
             - Report to the security lead at once any leak, loss or mis-sent message, or the risk of one.\n\
             - Do not mention business secrets in social media posts or conversations outside the Company."
                .to_string()
        },
    );
    cx.section(
        "after",
        "第5条 退職後・契約終了後",
        "Article 5 After leaving",
        if ja {
            "- 秘密を守る義務は、退職や契約の終了の後も続きます。\n\
             - 退職や契約終了のときは、当社の資料、データ、機器、入館証などをすべて返し、私物の機器やサービスに当社の情報が残っていないことを確かめて消去します。\n\
             - 返却と消去が済んだことを書面で確認します。"
                .to_string()
        } else {
            "- The duty of confidence continues after leaving the Company or after a contract ends.\n\
             - On leaving, members return all documents, data, devices and passes of the Company, and check that no Company information remains on personal devices or services, deleting any that does.\n\
             - The return and deletion are confirmed in writing."
                .to_string()
        },
    );
}

fn confidentiality_partners(cx: &mut Cx) {
    let list = cx.i.partners.clone();
    let partners = cx.list(&list, Datum::Partners);
    let body = if cx.ja {
        format!(
            "取引先や子会社と秘密情報をやり取りするときは、業務を始める前に秘密保持契約を結び、次のことを取り決めます。\n\
             - どの情報を秘密情報とするか\n\
             - 使ってよい目的と、使い方の制限\n\
             - 保管のしかた、コピーを作ってよいか、他社に渡してよいか\n\
             - 取引が終わったときに返すか、廃棄するか\n\
             - 事故が起きたときの連絡と、それぞれの役割\n\n\
             現在、秘密保持契約を結んでいる主な取引先：{partners}"
        )
    } else {
        format!(
            "Before exchanging confidential information with a partner or subsidiary, we sign a confidentiality agreement that settles:\n\
             - which information is confidential;\n\
             - the purposes it may be used for, and limits on its use;\n\
             - how it is stored, whether copies may be made and whether it may be passed on to others;\n\
             - whether it is returned or destroyed when the work ends;\n\
             - how we inform each other, and who does what, if an incident occurs.\n\n\
             Main partners under a confidentiality agreement today: {partners}"
        )
    };
    cx.section(
        "partners",
        "第6条 取引先との秘密情報のやり取り",
        "Article 6 Sharing confidential information with partners",
        body,
    );
}

fn confidentiality_end(cx: &mut Cx) {
    let lead = cx.who(Datum::SecurityLead);
    let rep = cx.who(Datum::Representative);
    let ja = cx.ja;
    cx.section(
        "explanation",
        "第7条 説明と誓約",
        "Article 7 Explanation and pledge",
        if ja {
            format!(
                "入社するとき、また派遣社員や出向者を受け入れるときには、セキュリティ責任者 {lead} または上長がこの規程を説明し、本人に「秘密保持誓約書」へ署名してもらいます。\n\
                 署名した誓約書は、退職後も含めて当社が保管します。"
            )
        } else {
            format!(
                "When someone joins, and when temporary or seconded staff arrive, the security lead {lead} or their manager explains these rules and asks them to sign the confidentiality pledge.\n\
                 The Company keeps signed pledges, also after the person has left."
            )
        },
    );
    cx.section(
        "breach",
        "第8条 違反したとき",
        "Article 8 Breaches",
        if ja {
            "この規程に反して秘密情報を漏らしたときは、就業規則に基づく処分の対象となり、当社が受けた損害の賠償を求めることがあります。"
                .to_string()
        } else {
            "Disclosing confidential information in breach of these rules may lead to disciplinary action under the work rules and to a claim for the damage the Company suffered."
                .to_string()
        },
    );
    cx.section(
        "review",
        "第9条 見直し",
        "Article 9 Review",
        if ja {
            format!(
                "この規程は年に1回以上見直し、改定したときはメンバー全員に知らせます。\n\n\
                 制定・改定の承認：代表者 {rep}"
            )
        } else {
            format!(
                "These rules are reviewed at least once a year; every member is told of any amendment.\n\n\
                 Approved by the representative, {rep}"
            )
        },
    );
}

pub(crate) fn pledge(cx: &mut Cx) {
    let company = cx.company();
    let rep = cx.signed(Datum::Representative);
    let ja = cx.ja;
    cx.section(
        "addressee",
        "宛先",
        "To",
        if ja {
            format!("{company}\n{rep} 殿")
        } else {
            format!("{company}\nAttn. {rep}")
        },
    );
    cx.section(
        "pledge",
        "誓約事項",
        "Pledge",
        if ja {
            format!(
                "私は、{company}（以下「会社」）の業務に携わるにあたり、秘密保持規程について説明を受け、その内容を理解しました。私は次のことを守ると誓います。\n\n\
                 1. 業務で知った会社、お客様、取引先の秘密情報を、業務の目的以外に使いません。\n\
                 2. 秘密情報を、会社の許可なく第三者に開示したり、社外へ持ち出したりしません。\n\
                 3. 秘密情報を私物の機器や私用のサービスに保存しません。\n\
                 4. 漏えいや紛失に気づいたとき、またはそのおそれがあるときは、すぐに会社へ報告します。\n\
                 5. 退職または契約終了のときは、会社の資料、データ、機器をすべて返し、手元に残る情報を消去します。\n\
                 6. これらの約束は、退職または契約終了の後も守ります。\n\n\
                 この誓約に反して会社に損害を与えたときは、その責任を負うことを承知しています。"
            )
        } else {
            format!(
                "In taking up work for {company} (\"the Company\"), I have been given an explanation of the confidentiality rules and I understand them. I promise the following.\n\n\
                 1. I will use confidential information of the Company, its customers and partners that I learn through my work only for the purposes of that work.\n\
                 2. I will not disclose confidential information to third parties, or take it out of the Company, without the Company's permission.\n\
                 3. I will not store confidential information on personal devices or private services.\n\
                 4. I will report to the Company at once any leak or loss, or the risk of one, that I notice.\n\
                 5. When I leave or my contract ends, I will return all documents, data and devices of the Company and delete any information I still hold.\n\
                 6. I will keep these promises also after I leave or my contract ends.\n\n\
                 I understand that I am responsible for damage I cause the Company by breaking this pledge."
            )
        },
    );
    cx.section(
        "signature",
        "署名",
        "Signature",
        if ja {
            "| 項目 | 記入欄 |\n|---|---|\n| 日付 | 　　　　年　　月　　日 |\n| 所属・役職 |  |\n| 氏名（自署） |  |\n| 住所 |  |\n| 説明した者 |  |"
                .to_string()
        } else {
            "| Item | Entry |\n|---|---|\n| Date |  |\n| Department and title |  |\n| Name (signature) |  |\n| Address |  |\n| Explained by |  |"
                .to_string()
        },
    );
}
