#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds the labelled fraud-mail corpus for hoshi-fraud (issue 15).

Every person, company, domain, bank, account number and every line of text below is invented
for this corpus. Run it from anywhere:

    python3 make_corpus.py

It (re)writes train/*.eml, holdout/*.eml and labels.tsv next to this script, then re-parses
everything with the standard library and checks it. The output is byte-for-byte deterministic:
no clock, no randomness without a fixed seed, no dependence on dict order beyond insertion.

DKIM-Signature headers carry made-up b=/bh= values; the verdicts that matter are the ones our
own MX (mx1.hoshikawa-seiki.co.jp) stamps in Authentication-Results.

RULE: tune the detector on train/ only. Never look at holdout/ until the final report.
"""

import base64
import datetime
import email.policy
import email.utils
import hashlib
import html as htmlmod
import os
import random
import re
import struct
import sys
import zlib
from email.parser import BytesParser

HERE = os.path.dirname(os.path.abspath(__file__))
CRLF = "\r\n"
COMPANY = "hoshikawa-seiki.co.jp"
MX = "mx1.hoshikawa-seiki.co.jp"
JST = datetime.timezone(datetime.timedelta(hours=9))

# ---------------------------------------------------------------------------------------------
# The company and the people we write to / as
# ---------------------------------------------------------------------------------------------

P = {
    "taro": ("星川 太郎", "t.hoshikawa@hoshikawa-seiki.co.jp"),      # 代表取締役社長
    "taro_priv": ("星川 太郎", "hoshikawa.taro.suwa@gmail.com"),      # his real private address
    "kenji": ("星川 健二", "k.hoshikawa@hoshikawa-seiki.co.jp"),     # 専務取締役
    "miura": ("三浦 正樹", "m.miura@hoshikawa-seiki.co.jp"),         # 常務取締役 製造本部長
    "komatsu": ("小松 典子", "n.komatsu@hoshikawa-seiki.co.jp"),     # 経理部長
    "ishihara": ("石原 美咲", "m.ishihara@hoshikawa-seiki.co.jp"),   # 経理部
    "okabe": ("岡部 修", "o.okabe@hoshikawa-seiki.co.jp"),           # 総務部長
    "takanashi": ("高梨 悠斗", "y.takanashi@hoshikawa-seiki.co.jp"), # 情報システム担当
    "morita": ("森田 彩", "a.morita@hoshikawa-seiki.co.jp"),         # 営業部 課長
    "fujii": ("藤井 翔太", "s.fujii@hoshikawa-seiki.co.jp"),         # 営業部
    "info": ("", "info@hoshikawa-seiki.co.jp"),
    "keiri": ("星川精機 経理部", "keiri@hoshikawa-seiki.co.jp"),
    "soumu": ("星川精機 総務部", "soumu@hoshikawa-seiki.co.jp"),
    "eigyo": ("星川精機 営業部", "eigyo@hoshikawa-seiki.co.jp"),
    "all": ("全社員", "all-staff@hoshikawa-seiki.co.jp"),
    # added with the second batch (see BATCH below)
    "uchida": ("内田 真由", "m.uchida@hoshikawa-seiki.co.jp"),       # 総務部 (給与・社会保険)
    "kuwabara": ("桑原 陸", "r.kuwabara@hoshikawa-seiki.co.jp"),     # 製造部 第1工場
    "kenji_priv": ("星川 健二", "kenji.hoshikawa.ina@icloud.com"),    # his real private address
    "kobai": ("星川精機 購買", "kobai@hoshikawa-seiki.co.jp"),
}

SIG_ADDR = "〒392-0000 長野県諏訪市湖南台3-14-7\nTEL 0266-00-1100 / FAX 0266-00-1101"

# DKIM selectors the senders use (invented, except that the big free-mail providers sign).
SELECTORS = {
    COMPANY: "hs2025",
    "maruyoshi-kozai.co.jp": "mk1",
    "toko-bearing.co.jp": "sel2025",
    "hokuto-konpo.jp": "default",
    "minato-autoparts.co.jp": "map2026",
    "shinshu-mirai-bank.co.jp": "smb2024",
    "sakurai-law.jp": "law1",
    "sorano-is.co.jp": "s2026",
    "lindqvist-precision.example": "lp1",
    "gmail.com": "20230601",
    "yahoo.co.jp": "yj20240301",
    "outlook.jp": "selector1",
    "outlook.com": "selector1",
    "icloud.com": "1a1hai",
    "docomo.ne.jp": "dkim2023",
    "proton.me": "protonmail3",
    # second batch
    "azumi-kogu.co.jp": "az1",
    "tenryu-logi.co.jp": "tl2026",
    "hotmail.co.jp": "selector1",
    "live.jp": "selector1",
    "au.com": "dkim2024",
    "ezweb.ne.jp": "dkim2024",
    "i.softbank.jp": "sb2025",
}

# Sending hosts per free-mail provider (names and addresses invented; IPs from RFC 5737).
FREE_HOSTS = {
    "gmail.com": "mail-sor-f{n}.google.com",
    "yahoo.co.jp": "sonicgw{n}.mail.yahoo.co.jp",
    "outlook.jp": "mail-tycjpn01on20{n}.outbound.protection.outlook.com",
    "outlook.com": "mail-os0jpn01on20{n}.outbound.protection.outlook.com",
    "icloud.com": "st43p00im-zteg10{n}.me.com",
    "docomo.ne.jp": "mgw{n}.docomo.ne.jp",
    "proton.me": "mail-40{n}.proton.ch",
    # second batch
    "hotmail.co.jp": "mail-tycjpn01on21{n}.outbound.protection.outlook.com",
    "live.jp": "mail-os0jpn01on21{n}.outbound.protection.outlook.com",
    "au.com": "mgw{n}.au.com",
    "ezweb.ne.jp": "mgw{n}.ezweb.ne.jp",
    "i.softbank.jp": "mms{n}.i.softbank.jp",
}


def h(*parts, n=8):
    """Stable short hash."""
    return hashlib.sha256("\x00".join(str(p) for p in parts).encode()).hexdigest()[:n]


def ip_for(domain):
    v = int(h("ip", domain), 16)
    nets = ["203.0.113", "198.51.100"]
    return f"{nets[v % 2]}.{(v >> 4) % 250 + 3}"


# ---------------------------------------------------------------------------------------------
# Authentication profiles: what our MX finds
# ---------------------------------------------------------------------------------------------

def auth(spf="pass", mailfrom=None, dkim=(), dmarc="pass", spf_domain=None):
    """dkim: sequence of (result, d, s). mailfrom: envelope sender (full address), None = From."""
    return {"spf": spf, "mailfrom": mailfrom, "dkim": list(dkim), "dmarc": dmarc,
            "spf_domain": spf_domain}


def PASS(domain, sel=None):
    return auth("pass", None, [("pass", domain, sel or SELECTORS.get(domain, "s1"))], "pass")


INTERNAL = PASS(COMPANY)


def SPOOF(envelope, spf="pass"):
    """From: shows someone else's domain; envelope and sending host are the attacker's."""
    return auth(spf, envelope, [], "fail")


def NOSIGN(spf="pass"):
    """A (look-alike) domain with SPF but no DKIM and no DMARC record."""
    return auth(spf, None, [], "none")


def HIJACK_NODKIM(spf="fail"):
    """Real partner domain, but not from the partner's servers and unsigned."""
    return auth(spf, None, [], "fail")


def HIJACK_BADDKIM(domain, spf="softfail"):
    return auth(spf, None, [("fail", domain, SELECTORS.get(domain, "s1"))], "fail")


def LISTPOST(orig_domain, list_domain, list_name):
    """A list re-sends the post: envelope is the list's, the author's signature breaks."""
    return auth("pass", f"{list_name}-bounces@{list_domain}",
                [("fail", orig_domain, SELECTORS.get(orig_domain, "s1"))], "fail")


def LISTREWRITE(orig_domain, list_domain, list_name):
    """A list that rewrites From: to itself and signs; the author's signature still breaks."""
    return auth("pass", f"{list_name}-bounces@{list_domain}",
                [("fail", orig_domain, SELECTORS.get(orig_domain, "s1")),
                 ("pass", list_domain, "ml1")], "pass")


def forged(authserv, domain):
    """A forged Authentication-Results claiming everything passed."""
    return (f"{authserv};{CRLF}\tspf=pass smtp.mailfrom={domain};{CRLF}"
            f"\tdkim=pass header.d={domain} header.s=selector1;{CRLF}"
            f"\tdmarc=pass (p=reject dis=none) header.from={domain}")


# ---------------------------------------------------------------------------------------------
# Data table
# ---------------------------------------------------------------------------------------------

MAILS = []
KEYS = {}
# Mails are written in batches. Batch 1 is the original corpus (train/001-080, holdout/001-055).
# Later batches are shuffled on their own and numbered after it, so the files of an earlier
# batch never change (see main()).
BATCH = 1


def mail(key, split, label, kind, note, *, date, frm, to, subject, body,
         cc=(), reply_to=None, enc="utf8b", html=None, auth=None, forged_ar=None,
         forged_pos="above", reply_of=None, in_reply_to=None, attach=(), extra=(),
         relay=None, xmailer=None, hdr=None, rcpt=None):
    assert key not in KEYS, key
    m = dict(key=key, split=split, label=label, kind=kind, note=note, date=date, frm=frm,
             to=to, subject=subject, body=body, cc=cc, reply_to=reply_to, enc=enc, html=html,
             auth=auth, forged_ar=forged_ar, forged_pos=forged_pos, reply_of=reply_of,
             in_reply_to=in_reply_to, attach=attach, extra=extra, relay=relay,
             xmailer=xmailer, hdr=hdr, rcpt=rcpt, batch=BATCH)
    KEYS[key] = m
    MAILS.append(m)
    return m


def dedent(s):
    """Strip the common indentation of a triple-quoted body and the first/last blank line."""
    lines = s.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    ind = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
    return "\n".join(l[ind:] for l in lines) + "\n"


# =============================================================================================
# TRAIN — fraud
# =============================================================================================

T = "train"

# --- ceo-line-group: the president's name on a free-mail address, then the later stages -----

mail("tr-line-1", T, "fraud", "ceo-line-group",
     "president's name from gmail; make a LINE group, send the QR code, tell nobody, in meetings",
     date="01-14 09:41", frm=("星川 太郎", "hoshikawa.taro.office@gmail.com"), to=P["komatsu"],
     subject="お疲れ様です", enc="utf8b", body=dedent("""
        小松さん

        お疲れ様です。星川です。

        業務の都合で、LINEのグループを一つ作成していただけますか。
        メンバーは小松さんだけで構いません。作成できたら、グループの二次元コード（QRコード）の画像をこのメールへの返信で送ってください。

        この件はまだ社内で共有できる段階ではないため、他の方には伝えないでください。
        私はこれから終日会議が続き、電話には出られません。メールでやり取りをお願いします。

        星川
        """))

mail("tr-line-2", T, "fraud", "ceo-line-group",
     "opener only: 'do you have a moment?' from a yahoo.co.jp address with the president's name",
     date="01-21 08:57", frm=("星川太郎", "t.hoshikawa.ceo@yahoo.co.jp"), to=P["ishihara"],
     subject="今、お時間ありますか？", enc="jis", body=dedent("""
        石原さん

        今、お時間ありますか？
        ひとつお願いしたいことがあります。

        星川
        """))

mail("tr-line-3", T, "fraud", "ceo-line-group",
     "second stage of tr-line-2 after the victim answered: LINE group + QR, keep it from the manager",
     date="01-21 09:26", frm=("星川太郎", "t.hoshikawa.ceo@yahoo.co.jp"), to=P["ishihara"],
     subject="Re: 今、お時間ありますか？", enc="jis", reply_of="tr-line-2",
     in_reply_to="victim-reply-tr-line-2", body=dedent("""
        石原さん

        ご返信ありがとうございます。
        取引先との新しい案件で、関係者と連絡を取るためにLINEのグループが必要になりました。
        お手数ですが、石原さんのLINEでグループを作成し、招待用のQRコードをスクリーンショットで送ってください。

        社内ではまだ公表前の案件ですので、部長を含め誰にも話さないようお願いします。
        今は来客対応中で電話ができません。

        星川

        > 石原です。
        > はい、大丈夫です。どのようなご用件でしょうか。
        """))

mail("tr-line-4", T, "fraud", "ceo-line-group",
     "stage after the QR code: screenshot of the corporate account balance",
     date="01-14 11:03", frm=("星川 太郎", "hoshikawa.taro.office@gmail.com"), to=P["komatsu"],
     subject="Re: お疲れ様です", enc="utf8b", reply_of="tr-line-1",
     in_reply_to="victim-reply-tr-line-1", body=dedent("""
        小松さん

        QRコードを受け取りました。グループに参加しました。ありがとうございます。

        続けてお願いです。現在の会社の法人口座の残高が分かる画面を、スクリーンショットでLINEのグループに送ってください。
        インターネットバンキングの取引明細の画面でも構いません。

        本日中に支払いが一件発生する見込みで、資金の状況を先に確認しておきたいのです。
        引き続き、この件は内密にお願いします。

        星川
        """))

mail("tr-line-5", T, "fraud", "ceo-line-group",
     "stage after the balance: urgent transfer to an unknown corporate account, paperwork later",
     date="01-14 13:18", frm=("星川 太郎", "hoshikawa.taro.office@gmail.com"), to=P["komatsu"],
     subject="Re: お疲れ様です", enc="sjis8", reply_of="tr-line-4",
     in_reply_to="victim-reply-tr-line-4", body=dedent("""
        小松さん

        残高の確認ができました。
        先ほどお話しした案件の手付金として、下記の口座へ本日14時までに振込をお願いします。

        銀行名：ひばりネット銀行
        支店名：すずらん支店（店番号 205）
        口座種別：普通
        口座番号：6630418
        口座名義：カ）ケイエスアドバイザリー
        金額：4,860,000円

        振込が完了したら、受付画面の写真をLINEに送ってください。
        契約書は来週、私から経理部に回します。稟議は後追いで構いません。

        星川
        """))

mail("tr-line-6", T, "fraud", "ceo-line-group",
     "From: spoofs the president's real company address; MX says spf pass for the attacker's "
     "envelope, dkim none, dmarc fail; forged AR from mx.attacker.example ABOVE; Reply-To gmail",
     date="02-04 10:12", frm=P["taro"], to=P["okabe"],
     reply_to=("星川 太郎", "hoshikawa.t.0722@gmail.com"),
     subject="【至急】ご対応のお願い", enc="utf8q",
     auth=SPOOF("bounce-7731@mailer.smtp-relay.example"),
     forged_ar=forged("mx.attacker.example", COMPANY), forged_pos="above",
     relay="vps-2281.smtp-relay.example", body=dedent("""
        岡部部長

        お疲れ様です。
        至急お願いしたいことがあり、ご連絡しました。

        株主の方と今後の件を相談するため、LINEでグループを作っていただきたいと思っています。
        グループを作成したら、そのQRコードを私宛にメールで送ってください。
        グループには私から関係者を招待します。

        会議中のため電話は控えさせてください。
        社内への周知は不要です。私から改めて説明します。

        星川
        """))

mail("tr-line-7", T, "fraud", "ceo-line-group",
     "romaji display name on outlook.jp; LINE group with a 'lawyer' joining; confidentiality",
     date="02-19 16:40", frm=("Hoshikawa Taro", "taro.hoshikawa.jp@outlook.jp"), to=P["ishihara"],
     subject="重要な案件について", enc="alt", body=dedent("""
        石原 美咲 様

        お疲れ様です。星川です。

        現在、ある企業との提携について最終的な詰めを行っており、担当の弁護士とも連絡を取り合っています。
        今後のやり取りを円滑にするため、LINEでグループを作成していただけますか。
        作成後、グループのQRコードをこのメールアドレス宛に送ってください。弁護士の先生にも参加していただく予定です。

        契約が正式に締結されるまでは守秘義務がありますので、この件は社内外を問わず口外しないようにしてください。
        私は移動中のため電話に出られません。

        よろしくお願いいたします。
        星川 太郎
        """))

mail("tr-line-8", T, "fraud", "ceo-line-group",
     "pressure follow-up to tr-line-6, now from the Reply-To gmail: QR code not received yet",
     date="02-04 11:35", frm=("星川 太郎", "hoshikawa.t.0722@gmail.com"), to=P["okabe"],
     subject="Re: 【至急】ご対応のお願い", enc="utf8b", reply_of="tr-line-6", body=dedent("""
        岡部部長

        先ほどの件、まだQRコードが届いていません。
        お忙しいところ申し訳ありませんが、急ぎで対応をお願いします。
        LINEのアプリで「友だち追加」から「グループ作成」を選ぶと作れます。作成後の画面にQRコードが表示されますので、その画面をそのまま撮影して送ってもらえれば大丈夫です。

        星川
        """))

mail("tr-line-9", T, "fraud", "ceo-line-group",
     "stage asking for Microsoft account ID, password and the MFA code 'to invite to Teams'",
     date="01-15 14:22", frm=("星川 太郎", "hoshikawa.taro.office@gmail.com"), to=P["komatsu"],
     subject="Teams会議の件", enc="utf8b", body=dedent("""
        小松さん

        お疲れ様です。
        このあと、先方の役員と弁護士を交えてTeamsで打ち合わせをします。小松さんにも経理の立場で入ってもらいたいので、会議に招待するために、小松さんのMicrosoftアカウントのIDとパスワードを教えてください。

        サインインの際に確認コードがスマートフォンに届くと思いますので、届いたらその6桁の番号もすぐに送ってください。
        時間がないので、15分以内にお願いします。

        星川
        """))

mail("tr-line-10", T, "fraud", "ceo-line-group",
     "to the shared keiri@ mailbox: whoever answers should make a LINE group and send the QR",
     date="03-03 08:31", frm=("代表取締役 星川太郎", "ceo.hoshikawaseiki@gmail.com"), to=P["keiri"],
     subject="経理ご担当者様へ（社長より）", enc="sjisqp", body=dedent("""
        経理ご担当者様

        星川です。
        急ぎの案件で、経理部の方とLINEでやり取りをしたいと考えています。
        どなたか対応可能な方がLINEでグループを作り、QRコードを返信してください。

        対応いただいた方以外には、この件を共有しないでください。
        本日は社外での打ち合わせが続くため、連絡はメールとLINEのみでお願いします。

        星川
        """))

# --- ceo-transfer ----------------------------------------------------------------------------

mail("tr-ceot-1", T, "fraud", "ceo-transfer",
     "president's name from icloud.com: deposit for a tie-up today, paperwork later, tell no one",
     date="02-10 10:05", frm=("星川太郎", "hoshikawa-taro@icloud.com"), to=P["komatsu"],
     subject="至急：振込のお願い", enc="utf8b", body=dedent("""
        小松さん

        お疲れ様です。星川です。
        進めている業務提携の件で、本日中に相手方へ保証金を支払う必要が生じました。
        下記の内容で振込の手配をお願いできますか。

        振込先：つばさ銀行 本店営業部 普通 3319027
        名義：ミライパートナーズ（カ
        金額：7,300,000円

        先方との約束で、公表まではこの件を社内で共有できません。
        稟議と書類は、私が戻り次第まとめて処理します。
        振込が完了したら、このメールに返信で知らせてください。

        星川
        """))

mail("tr-ceot-2", T, "fraud", "ceo-transfer",
     "spoofed company From:, Reply-To outlook.com; forged AR from smtp.secure-relay.example placed "
     "BELOW the MX's stamp; asks for today's cut-off time first",
     date="03-12 13:47", frm=P["taro"], to=P["ishihara"],
     reply_to=("星川 太郎", "ceo.hoshikawa.seiki@outlook.com"),
     subject="お支払いの件", enc="jis",
     auth=SPOOF("mta@srv-58.secure-relay.example", spf="neutral"),
     forged_ar=forged("smtp.secure-relay.example", COMPANY), forged_pos="below",
     relay="srv-58.secure-relay.example", body=dedent("""
        石原さん

        お疲れ様です。
        取引先から前払いを求められている案件があり、本日中に送金したいと考えています。
        金額と振込先はこのあとお送りしますので、まずは本日の振込締め時刻と、今すぐ手続きが可能かどうかを返信してください。

        小松部長は本日不在と聞いていますので、石原さんにお願いしています。

        星川
        """))

mail("tr-ceot-3", T, "fraud", "ceo-transfer",
     "the 専務's name from gmail: down payment for equipment, 'the president is abroad'",
     date="04-15 11:20", frm=("星川 健二", "kenji.hoshikawa.hs@gmail.com"), to=P["komatsu"],
     subject="ご相談", enc="sjis8", body=dedent("""
        小松部長

        専務の星川です。
        社長とも相談済みの件ですが、新規設備の購入で、メーカー側から本日中の内金入金を求められています。
        正式な請求書は週明けに届く予定ですので、先に以下へ振込をお願いします。

        振込先　みずなら銀行　駅前支店　普通　5082264
        口座名義　トウホクセイミツキキ（カ
        金額　2,970,000円

        社長は海外出張中で連絡がつきにくいため、本件は私の指示で進めてください。
        他部署への説明は私からします。

        星川 健二
        """))

mail("tr-ceot-4", T, "fraud", "ceo-transfer",
     "very short opener about a transfer; 'reply by mail, not by phone'",
     date="05-13 09:02", frm=("星川 太郎", "hoshikawa.taro.office@gmail.com"), to=P["ishihara"],
     subject="確認", enc="utf8b", body=dedent("""
        石原さん

        振込の件で確認したいことがあります。
        いま社内にいますか？電話ではなくメールで返信してください。

        星川
        """))

# --- bec-bank-change: look-alike domains, free mail, hijacked threads --------------------------

mail("tr-bec-1", T, "fraud", "bec-bank-change",
     "look-alike rnaruyoshi-kozai.co.jp (m -> rn) with its own SPF/DKIM/DMARC all passing; new "
     "account at another bank; PDF 振込先変更のお知らせ.pdf",
     date="01-20 15:11", frm=("丸吉鋼材 経理部 大野", "s.ono@rnaruyoshi-kozai.co.jp"),
     to=P["komatsu"], cc=[P["keiri"]], subject="【重要】お振込先口座変更のお知らせ", enc="jis",
     auth=PASS("rnaruyoshi-kozai.co.jp", "default"),
     attach=[("振込先変更のお知らせ.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        経理部 小松様

        いつも大変お世話になっております。
        株式会社丸吉鋼材 経理部の大野でございます。

        このたび弊社では、取引銀行の見直しに伴い、お振込先口座を下記のとおり変更させていただくことになりました。
        2026年2月のお支払い分より、新しい口座へお振込みくださいますようお願い申し上げます。

        【新しいお振込先】
        銀行名　　あさがおネット銀行
        支店名　　第一営業部（店番号 101）
        預金種目　普通預金
        口座番号　7702519
        口座名義　カ）マルヨシコウザイ

        なお、従来の信州みらい銀行の口座は近日中に解約予定のため、ご利用いただけなくなります。
        詳細は添付の書面をご確認ください。

        お手数をおかけいたしますが、何卒よろしくお願い申し上げます。

        ━━━━━━━━━━━━━━━━━━
        株式会社丸吉鋼材　経理部
        大野 里美
        〒394-0000 長野県岡谷市本町西2-8-11
        TEL 0266-00-5521
        ━━━━━━━━━━━━━━━━━━
        """))

mail("tr-bec-2", T, "fraud", "bec-bank-change",
     "look-alike toko-bearlng.co.jp (i -> l), authenticated for itself; Reply-To outlook.jp; "
     "'temporary' account during an audit, quotes a real invoice number",
     date="02-17 10:48", frm=("東光ベアリング株式会社 中川", "k.nakagawa@toko-bearlng.co.jp"),
     to=P["ishihara"], reply_to=("東光ベアリング 経理課", "toko.keiri.dept@outlook.jp"),
     subject="振込口座変更のご案内（東光ベアリング）", enc="utf8b",
     auth=PASS("toko-bearlng.co.jp", "k1"), body=dedent("""
        星川精機株式会社
        経理ご担当 石原様

        平素は格別のお引き立てを賜り、誠にありがとうございます。
        東光ベアリング株式会社 経理課の中川です。

        現在、弊社の東都中央銀行の口座が監査対応のため一時的に入金を受け付けられない状態となっております。
        つきましては、2月末お支払い予定分（請求書番号 TB-2601-0388、金額 1,254,000円）を、下記の口座へお振込みいただけますでしょうか。

          銀行名：みずなら銀行
          支店名：本店営業部
          種別　：普通
          番号　：4471036
          名義　：トウコウベアリング（カ

        監査が完了次第、改めて従来口座へ戻すご連絡をいたします。
        本件についてのご返信は、経理課の共用アドレス宛にお願いいたします。

        何卒よろしくお願い申し上げます。

        東光ベアリング株式会社 経理課
        中川 浩二
        """))

mail("tr-bec-3", T, "fraud", "bec-bank-change",
     "look-alike maruyoshikozai.co.jp (hyphen removed), SPF only, no DKIM, no DMARC record; "
     "sales contact writes 'because accounting is off sick'",
     date="03-04 17:26", frm=("田村 誠", "m.tamura@maruyoshikozai.co.jp"), to=P["komatsu"],
     subject="お支払い口座についてのお願い", enc="sjisqp", auth=NOSIGN(), body=dedent("""
        小松様

        お世話になっております。丸吉鋼材の田村です。
        経理の大野が体調不良で休んでおりますので、代わりに私からご連絡いたします。

        3月のお支払いにつきまして、弊社の決済口座の変更手続きが完了いたしましたので、今回から新しい口座へのお振込みをお願いできますでしょうか。

        新口座：青嶺銀行 松本支店 普通 2184590　名義 カ）マルヨシコウザイ

        変更の書面は後日郵送いたします。
        急なお願いで恐縮ですが、今月25日のお支払いから適用いただけますと助かります。

        よろしくお願いいたします。
        丸吉鋼材　営業部　田村
        """))

mail("tr-bec-4", T, "fraud", "bec-bank-change",
     "TLD swap toko-bearing.com (real: .co.jp), HTML-only formal notice with a table; Reply-To "
     "gmail; asks to confirm the change by replying",
     date="03-11 09:15", frm=("東光ベアリング 経理部", "keiri@toko-bearing.com"), to=P["keiri"],
     reply_to=("東光ベアリング 経理部", "toko.bearing.keiri@gmail.com"),
     subject="【東光ベアリング】お取引口座変更のご通知", enc="html",
     auth=PASS("toko-bearing.com", "mail"), body=None, html="""
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>お取引口座変更のご通知</title></head>
<body style="font-family:'Meiryo',sans-serif;font-size:14px;">
<p>星川精機株式会社&nbsp;御中<br>経理ご担当者様</p>
<p>拝啓&nbsp;時下ますますご清祥のこととお慶び申し上げます。<br>平素は格別のご高配を賜り、厚く御礼申し上げます。</p>
<p>さて、弊社では本年4月1日付で決済業務を本社経理部に集約することとなり、これに伴いお振込先口座を下記のとおり変更いたします。</p>
<table border="1" cellpadding="6" style="border-collapse:collapse;">
<tr><th>銀行名</th><td>ひばりネット銀行</td></tr>
<tr><th>支店名</th><td>かもめ支店（店番号&nbsp;318）</td></tr>
<tr><th>口座種別</th><td>普通</td></tr>
<tr><th>口座番号</th><td>8015532</td></tr>
<tr><th>口座名義</th><td>トウコウベアリング（カ</td></tr>
</table>
<p>変更日以降、旧口座へのお振込みは返金処理となり、お支払いが遅延する場合がございます。<br>
お手数ですが、変更手続き完了のご連絡を本メールへのご返信にてお知らせください。</p>
<p style="text-align:right">敬具</p>
<p>東光ベアリング株式会社&nbsp;経理部<br>&#12306;192-0000&nbsp;東京都八王子市&hellip;</p>
</body></html>
""")

mail("tr-bec-5", T, "fraud", "bec-bank-change",
     "IDN look-alike maruyoshi-koza\u0456.co.jp (Cyrillic і) in punycode, authenticated for itself; "
     "invoice PDF + 'as I told you on the phone' the account has changed",
     date="03-23 14:02", frm=("株式会社丸吉鋼材 大野 里美", "s.ono@" + "maruyoshi-koza\u0456.co.jp".encode("idna").decode()),
     to=P["ishihara"], cc=[P["komatsu"]], subject="請求書送付および振込先変更のご連絡",
     enc="alt", auth=PASS("maruyoshi-koza\u0456.co.jp".encode("idna").decode(), "mk1"),
     attach=[("請求書_2026年3月分.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        経理部 石原様

        いつもお世話になっております。丸吉鋼材の大野です。
        3月分のご請求書を添付にてお送りいたします。

        また、先日お電話でもお伝えしましたとおり、今月分より振込先が変更となっております。
        念のため、以下に新しい口座を記載いたします。

        　あさがおネット銀行　第二営業部　普通　1903376
        　口座名義　カ）マルヨシコウザイ

        ご不明な点がございましたら、本メールにご返信ください。
        引き続きどうぞよろしくお願いいたします。

        大野
        """))

mail("tr-bec-6", T, "fraud", "bec-bank-change",
     "free-mail address carrying the supplier's name (gmail): 'our mail server is down', "
     "reply here until it is back",
     date="04-08 10:33", frm=("株式会社丸吉鋼材 経理部", "maruyoshi.kozai.keiri@gmail.com"),
     to=P["komatsu"], subject="口座変更のお願い", enc="utf8q", body=dedent("""
        星川精機 経理部 小松様

        お世話になっております。丸吉鋼材 経理部の大野です。

        会社のメールサーバーに障害が発生しており、復旧まで時間がかかる見込みのため、一時的にこちらのアドレスからご連絡しております。

        大変恐縮ですが、4月末のお支払い分より、下記の口座へのお振込みに切り替えていただけますでしょうか。
        ・つばさ銀行 諏訪支店
        ・普通 6047721
        ・カ）マルヨシコウザイ

        サーバー復旧までの間は、こちらのアドレス宛にご返信をお願いいたします。
        お手数をおかけし申し訳ございません。

        丸吉鋼材 経理部
        大野
        """))

mail("tr-bec-7", T, "fraud", "bec-bank-change",
     "thread hijack: reply inside the real 納期 thread (tr-every-1) with the partner's REAL "
     "domain but spf=fail, no DKIM (maruyoshi-kozai.co.jp normally signs), dmarc=fail; "
     "Reply-To outlook.com",
     date="02-10 18:04", frm=("田村 誠", "m.tamura@maruyoshi-kozai.co.jp"), to=P["morita"],
     reply_to=("田村 誠", "m.tamura.maruyoshi@outlook.com"),
     subject="Re: 2月分ご注文品の納期について", enc="jis", reply_of="tr-every-1",
     auth=HIJACK_NODKIM(), relay="mail.host-88213.example", body=dedent("""
        森田様

        お世話になっております。丸吉鋼材の田村です。
        納期の件、ご確認いただきありがとうございました。予定どおり2月20日に出荷いたします。

        それと一点、経理からの連絡事項がございます。
        弊社の入金口座が今月より変更になりました。今回のご注文分のお支払いは、下記の口座へお願いできますでしょうか。
        経理部の小松様へもお伝えいただけますと幸いです。

        　青嶺銀行　諏訪湖畔支店　普通　3364018
        　カ）マルヨシコウザイ

        お手数をおかけいたしますが、よろしくお願いいたします。

        田村

        {{OUTLOOK:tr-every-1}}
        """))

mail("tr-bec-8", T, "fraud", "bec-bank-change",
     "thread hijack of the real invoice thread (tr-inv-1): real toko-bearing.co.jp in From:, "
     "a DKIM-Signature that fails, spf softfail, dmarc fail; 'the invoice had the old account'",
     date="02-06 16:39", frm=("中川 浩二", "k.nakagawa@toko-bearing.co.jp"), to=P["ishihara"],
     subject="Re: 1月分ご請求書送付の件", enc="jis", reply_of="tr-inv-1",
     auth=HIJACK_BADDKIM("toko-bearing.co.jp"), relay="smtp3.mailer-cloud.example",
     body=dedent("""
        石原様

        お世話になっております。東光ベアリングの中川です。
        先日お送りした1月分のご請求書につきまして、一点訂正がございます。

        請求書に記載の振込先口座が旧口座のままとなっておりました。
        大変申し訳ございませんが、今回のお支払いは下記の口座宛にお願いいたします。

        東都中央銀行 立川北支店
        普通預金 5520873
        トウコウベアリング（カ

        訂正版の請求書は、後ほどあらためてお送りいたします。
        お手数をおかけしますが、よろしくお願いいたします。

        中川

        {{QUOTE:tr-inv-1}}
        """))

mail("tr-bec-9", T, "fraud", "bec-bank-change",
     "compromised real account: hokuto-konpo.jp with spf/dkim/dmarc all pass; Reply-To yahoo.co.jp; "
     "account in a different bank, 'the boss is hard to reach by phone, please use mail'",
     date="05-12 11:44", frm=("佐藤 由美", "y.sato@hokuto-konpo.jp"), to=P["ishihara"],
     reply_to=("北斗梱包 事務", "hokuto.konpo.jimu@yahoo.co.jp"),
     subject="お振込先変更のお願い（北斗梱包）", enc="sjis8", auth=PASS("hokuto-konpo.jp"),
     body=dedent("""
        星川精機株式会社
        経理部 石原様

        いつもお世話になっております。北斗梱包の佐藤です。

        弊社メインバンクの変更に伴い、5月分以降のお支払いについて、お振込先を下記へ変更させていただきたくご連絡いたしました。

        新しい振込先
        　ひばりネット銀行　やまびこ支店
        　普通　2790155
        　名義　ユ）ホクトコンポウ

        なお、社長の北村は5月中は出張が多く、お電話がつながりにくくなっております。
        ご確認事項がございましたら、恐れ入りますがメールにてご連絡いただけますでしょうか。

        よろしくお願いいたします。

        有限会社北斗梱包　事務
        佐藤 由美
        """))

# --- fake-lawyer ------------------------------------------------------------------------------

mail("tr-law-1", T, "fraud", "fake-lawyer",
     "invented law firm on its own authenticated domain: secret acquisition, escrow today, "
     "'do not speak to the president', reply only here",
     date="02-24 10:30", frm=("弁護士 村上 誠一郎", "s.murakami@murakami-sogo-law.jp"),
     to=P["komatsu"], subject="【機密】M&A案件に関するご連絡", enc="alt",
     auth=PASS("murakami-sogo-law.jp", "default"), body=dedent("""
        星川精機株式会社
        経理部長 小松 典子 様

        突然のご連絡失礼いたします。
        村上総合法律事務所の弁護士、村上誠一郎と申します。

        現在、貴社代表取締役の星川太郎様のご依頼により、ある企業の株式取得に関する手続きを担当しております。
        本件は金融商品取引法上のインサイダー情報に該当するため、公表までの間、関係者を最小限に限定して進めております。
        星川社長より、資金面の実務は小松様にご対応いただくよう伺っております。

        本日中に、取得対価の一部をエスクロー口座へ預託する必要がございます。
        具体的な金額と口座情報は、秘密保持の観点から、以下の点にご同意いただいた後にお送りいたします。

        1. 本件について、星川社長を含め、社内の誰とも口頭・電話で話さないこと
        2. 本件に関する連絡は、本メールアドレスのみで行うこと

        ご同意いただける場合は、本メールに「同意します」とご返信ください。
        星川社長は現在、先方との交渉の席についておられるため、直接のご連絡はお控えください。

        村上総合法律事務所
        弁護士 村上 誠一郎
        """))

mail("tr-law-2", T, "fraud", "fake-lawyer",
     "[en] 'Singapore partner' from outlook.com: confidential cross-border acquisition, "
     "first tranche today, do not discuss internally",
     date="03-17 17:55", frm=("Daniel Whitmore", "d.whitmore.counsel@outlook.com"),
     to=("Noriko Komatsu", P["komatsu"][1]),
     subject="Confidential: acquisition matter - Hoshikawa Seiki", enc="ascii", body=dedent("""
        Dear Ms. Komatsu,

        My name is Daniel Whitmore, partner at Whitmore & Grant LLP in Singapore. I have been
        retained by Mr. Taro Hoshikawa in connection with a confidential cross-border
        acquisition that your company is about to complete.

        Mr. Hoshikawa has authorised me to contact you directly, as he is in negotiations all
        day and cannot take calls. Owing to disclosure rules in both jurisdictions, this matter
        must not be discussed with anyone else in your company until the public announcement,
        which we expect next week.

        The first tranche of the consideration, JPY 18,500,000, must reach our client escrow
        account before the close of business today, Tokyo time. I will send the account details
        as soon as you confirm that you are able to process an overseas transfer today.

        Please reply to this address only. Your discretion is essential and much appreciated.

        Kind regards,

        Daniel Whitmore
        Partner
        Whitmore & Grant LLP
        """))

mail("tr-law-3", T, "fraud", "fake-lawyer",
     "look-alike of OUR law firm: sakurai-law.co.jp (real: sakurai-law.jp), all pass for itself; "
     "settlement money to a 'client deposit account' today, the president is unreachable",
     date="04-21 11:08", frm=("桜井総合法律事務所 桜井 隆", "t.sakurai@sakurai-law.co.jp"),
     to=P["okabe"], subject="顧問契約に基づく至急のご依頼", enc="jis",
     auth=PASS("sakurai-law.co.jp", "s1"), body=dedent("""
        星川精機株式会社
        総務部長 岡部 修 様

        いつもお世話になっております。桜井総合法律事務所の桜井でございます。

        星川社長からご相談を受けております取引先との和解の件で、本日中に和解金の一部を当事務所の預り金口座へご入金いただく必要が生じました。
        社長は本日、先方代理人との協議に同席されており、夕方までご連絡が取れない状況です。

        つきましては、以下の口座へ本日15時までにお手続きをお願いできますでしょうか。

        　銀行名　つばさ銀行 虎ノ門支店
        　口座　　普通 8826150
        　名義　　サクライソウゴウホウリツジムショ アズカリキン

        和解の内容は先方との合意により非公開となっておりますので、社内でのご共有は最小限にとどめていただきますようお願いいたします。

        桜井総合法律事務所
        弁護士 桜井 隆
        """))

# --- payroll-change ---------------------------------------------------------------------------

mail("tr-pay-1", T, "fraud", "payroll-change",
     "sales manager's name on gmail asks 総務 to change her salary account from this month",
     date="01-27 12:14", frm=("森田 彩", "aya.morita.0412@gmail.com"), to=P["soumu"],
     subject="給与振込口座の変更について", enc="utf8b", body=dedent("""
        総務部 ご担当者様

        お疲れ様です。営業部の森田です。
        私用のアドレスから失礼します。

        給与の振込口座を変更したく、ご連絡しました。
        今月の給与から、以下の口座への振込をお願いできますでしょうか。

        　ひばりネット銀行　ことり支店
        　普通　1047732
        　モリタ アヤ

        会社のパソコンが修理中のため、このアドレスでやり取りさせてください。
        申請書が必要でしたら、こちらに送っていただければ記入してお返しします。

        よろしくお願いします。
        森田
        """))

mail("tr-pay-2", T, "fraud", "payroll-change",
     "short, from yahoo.co.jp 'from my phone': new salary account at a net bank",
     date="02-09 19:32", frm=("藤井翔太", "shota.fujii.hs@yahoo.co.jp"), to=P["komatsu"],
     subject="口座変更のお願い（藤井）", enc="jis", body=dedent("""
        小松部長

        お疲れ様です。営業の藤井です。
        メインで使っている銀行を変えたため、給与の振込先を変更したいです。
        次回の給与から切り替えは間に合いますでしょうか。

        新しい口座　あさがおネット銀行　第三営業部　普通　5561829

        外回り中のため、スマホから失礼します。
        藤井
        """))

mail("tr-pay-3", T, "fraud", "payroll-change",
     "spoofed company address of the IT person, Reply-To outlook.jp; forged AR from "
     "mail-filter.secure-gw.example ABOVE the MX's",
     date="02-16 08:49", frm=P["takanashi"], to=P["soumu"],
     reply_to=("高梨 悠斗", "y.takanashi.hs@outlook.jp"),
     subject="給与振込先変更の件", enc="sjis8",
     auth=SPOOF("noreply@bulk-04.secure-gw.example", spf="softfail"),
     forged_ar=forged("mail-filter.secure-gw.example", COMPANY), forged_pos="above",
     relay="bulk-04.secure-gw.example", body=dedent("""
        総務部 岡部部長

        お疲れ様です。情報システムの高梨です。
        給与の受取口座を変更したいので、手続きをお願いできますか。
        今月25日の振込から反映していただけると助かります。

        変更後の口座は以下のとおりです。
        　みずなら銀行　ネット支店（支店番号 801）
        　普通　9904316
        　タカナシ ユウト

        書類での申請が必要でしたら、PDFで送っていただければ記入します。
        よろしくお願いします。

        高梨
        """))

mail("tr-pay-4", T, "fraud", "payroll-change",
     "accounting clerk's romaji name on icloud.com, HTML-only, goes around her own manager",
     date="03-09 07:58", frm=("Misaki Ishihara", "misaki.ishihara88@icloud.com"), to=P["okabe"],
     subject="ご相談（給与口座）", enc="html", body=dedent("""
        岡部部長

        お疲れ様です。経理部の石原です。
        私事で恐縮ですが、給与振込口座の変更をお願いしたくご連絡しました。
        以前の口座をまもなく解約する予定のため、3月分の給与から新しい口座にしていただけると助かります。

        新しい口座：つばさ銀行 オンライン支店 普通 7338201 イシハラ ミサキ

        小松部長には私から後で伝えておきます。
        社内のメールがうまく送れないため、個人のアドレスで失礼します。

        石原
        """))

# --- credential-phish -------------------------------------------------------------------------

mail("tr-cred-1", T, "fraud", "credential-phish",
     "HTML-only 'Microsoft 365 password expires today', link to a look-alike login host",
     date="01-19 06:12", frm=("Microsoft 365 管理センター", "no-reply@m365-account-notice.example"),
     to=P["komatsu"], subject="【重要】パスワードの有効期限が本日切れます", enc="html",
     auth=PASS("m365-account-notice.example", "k1"), body=None, html="""
<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>Microsoft 365</title></head>
<body style="margin:0;padding:24px;background:#f3f2f1;font-family:'Segoe UI','Meiryo',sans-serif;">
<div style="max-width:560px;margin:auto;background:#fff;padding:24px;">
<p style="font-size:20px;color:#0078d4;">Microsoft&nbsp;365</p>
<p>n.komatsu@hoshikawa-seiki.co.jp&nbsp;様</p>
<p>お使いの Microsoft&nbsp;365 アカウントのパスワードは、本日 23:59 に有効期限を迎えます。</p>
<p>期限を過ぎるとメールの送受信および Teams、OneDrive へのアクセスができなくなります。
引き続き同じパスワードをご利用になる場合は、下記より手続きを行ってください。</p>
<p style="text-align:center;margin:28px 0;">
<a href="https://login.hoshikawa-seiki.co.jp.m365-account-notice.example/keep?u=n.komatsu&amp;t=7f3a"
   style="background:#0078d4;color:#fff;padding:10px 24px;text-decoration:none;">現在のパスワードを維持する</a></p>
<p style="font-size:12px;color:#666;">この操作は数分で完了します。&nbsp;本メールは送信専用です。</p>
<p style="font-size:12px;color:#666;">Microsoft&nbsp;365 管理センター&nbsp;&copy;&nbsp;2026</p>
</div></body></html>
""")

mail("tr-cred-2", T, "fraud", "credential-phish",
     "the IT person's name on outlook.jp: 'mail migration', reply with ID, password and SMS code",
     date="02-12 15:36", frm=("情報システム 高梨", "hoshikawa.it.support@outlook.jp"),
     to=P["morita"], subject="メールシステム移行に伴うアカウント確認のお願い", enc="jis",
     body=dedent("""
        森田さん

        お疲れ様です。情報システム担当の高梨です。
        今週末に実施するメールシステムの移行作業に向けて、各自のアカウント情報を事前に確認しています。

        お手数ですが、以下の3点をこのメールへの返信で送ってください。
        ・Microsoft 365 のサインインID（メールアドレス）
        ・現在のパスワード
        ・このあとSMSで届く6桁の確認コード

        確認コードは送信から10分で無効になりますので、届いたらすぐにご返信をお願いします。
        移行用の臨時アドレスから送っていますので、返信はこのアドレス宛でお願いします。

        高梨
        """))

mail("tr-cred-3", T, "fraud", "credential-phish",
     "'mailbox 98% full' from hoshikawa-seiki-mail.example (company name inside another domain)",
     date="03-02 05:47", frm=("Hoshikawa Seiki Mail Admin", "postmaster@hoshikawa-seiki-mail.example"),
     to=P["fujii"], subject="メールボックスの容量が上限に達しています", enc="alt",
     auth=PASS("hoshikawa-seiki-mail.example", "mail"), body=dedent("""
        藤井 翔太 様

        お使いのメールボックスの使用量が上限（50GB）の98%に達しました。
        このままでは新しいメールを受信できなくなります。

        以下のページから、追加の容量を無料で申請してください。申請には現在のサインイン情報が必要です。
        https://hoshikawa-seiki-mail.example/quota/extend?id=s.fujii

        本メールは送信専用です。

        星川精機 メールシステム管理者
        """))

mail("tr-cred-4", T, "fraud", "credential-phish",
     "fake file-share notice using the accounting manager's name; link to a fake sign-in page",
     date="03-26 12:03", frm=("小松 典子 (SharePoint Online)", "sharepoint-notify@docs-share-online.example"),
     to=P["ishihara"], subject="小松 典子 さんがファイル「2026年度_賞与査定一覧.xlsx」を共有しました",
     enc="html", auth=PASS("docs-share-online.example", "s1"), body=None, html="""
<html><head><meta charset="utf-8"></head>
<body style="font-family:'Segoe UI','Yu Gothic',sans-serif;">
<table width="100%" cellpadding="0" cellspacing="0"><tr><td style="padding:20px;">
<p style="font-size:18px;">小松&nbsp;典子 さんがあなたとファイルを共有しました</p>
<p style="border-left:3px solid #ccc;padding-left:8px;color:#444;">&laquo;今年度の査定資料です。取り扱いに注意してください。&raquo;</p>
<p><img alt="" width="32" height="32" src="https://docs-share-online.example/img/xlsx.png">&nbsp;<b>2026年度_賞与査定一覧.xlsx</b></p>
<p><a href="https://docs-share-online.example/s/hoshikawa/8f3a2c?login=1" style="background:#106ebe;color:#fff;padding:8px 20px;text-decoration:none;">開く</a></p>
<p style="font-size:11px;color:#777;">このリンクは 24&nbsp;時間有効です。&nbsp;組織のアカウントでサインインしてください。</p>
</td></tr></table>
</body></html>
""")

mail("tr-cred-5", T, "fraud", "credential-phish",
     "spoofed it-support@ company address, Reply-To gmail; forged AR from gw.mailsecure-check.example "
     "BELOW; MFA 're-registration': reply with password, then the code",
     date="04-14 09:20", frm=("星川精機 情報システム", "it-support@hoshikawa-seiki.co.jp"),
     to=P["okabe"], reply_to=("情報システム", "it-support.hoshikawa@gmail.com"),
     subject="多要素認証（MFA）再登録のお願い", enc="sjisqp",
     auth=SPOOF("postmaster@gw.mailsecure-check.example"),
     forged_ar=forged("gw.mailsecure-check.example", COMPANY), forged_pos="below",
     relay="gw.mailsecure-check.example", body=dedent("""
        岡部 修 様

        情報システム担当です。
        多要素認証の設定に不具合が見つかったため、一部の社員の方に再登録をお願いしています。

        本日中に、以下の手順で対応してください。
        1. このメールに、サインインに使っているメールアドレスとパスワードを記入して返信してください。
        2. こちらで再登録を行うと、お使いのスマートフォンに認証の通知または確認コードが届きます。
        3. 届いた確認コードを、そのまま返信してください。

        対応がない場合、明日以降サインインができなくなる可能性があります。
        ご協力をお願いいたします。

        情報システム担当
        """))

mail("tr-cred-6", T, "fraud", "credential-phish",
     "fake Teams voicemail 'from 星川 太郎', HTML-only, sign in to play",
     date="05-19 10:04", frm=("Microsoft Teams", "noreply@teams-voicemail-notice.example"),
     to=P["komatsu"], subject="ボイスメッセージが届いています（星川 太郎 さん・0:47）", enc="html",
     auth=PASS("teams-voicemail-notice.example", "k2"), body=None, html="""
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body style="font-family:'Segoe UI',sans-serif;background:#fafafa;">
<div style="max-width:520px;margin:16px auto;background:#fff;border:1px solid #e1e1e1;padding:20px;">
<p style="color:#5b5fc7;font-weight:bold;">Microsoft&nbsp;Teams</p>
<p>星川&nbsp;太郎 さんから新しいボイスメッセージがあります。</p>
<table cellpadding="4"><tr><td>長さ</td><td>0:47</td></tr><tr><td>受信</td><td>2026/05/19&nbsp;10:02</td></tr></table>
<p>メッセージを再生するには、組織のアカウントでサインインしてください。</p>
<p><a href="https://teams-voicemail-notice.example/play?tenant=hoshikawa-seiki&amp;m=5519" style="background:#5b5fc7;color:#fff;padding:8px 18px;text-decoration:none;">&#9654;&nbsp;再生する</a></p>
</div></body></html>
""")

# --- gift-card --------------------------------------------------------------------------------

mail("tr-gift-1", T, "fraud", "gift-card",
     "president's name on gmail: buy gift cards for partners, photo of the codes, keep it secret",
     date="05-07 14:51", frm=("星川 太郎", "hoshikawa.taro.office@gmail.com"), to=P["ishihara"],
     subject="お願い", enc="utf8b", body=dedent("""
        石原さん

        お疲れ様です。
        取引先の皆さんへのお礼として、ギフトカードを用意したいと考えています。
        近くのコンビニで、Amazonギフトカードを5万円分、6枚購入してもらえますか。
        費用は後日、精算します。

        購入したら、カード裏面のコードを削って、番号が読めるように写真を撮って、このメールに返信で送ってください。
        先方にサプライズで渡したいので、社内の人には内緒でお願いします。

        星川
        """))

mail("tr-gift-2", T, "fraud", "gift-card",
     "opener: 'can you go to a convenience store now?'",
     date="06-02 10:17", frm=("星川太郎", "taro.hoshikawa.jp@outlook.jp"), to=P["fujii"],
     subject="至急", enc="sjisqp", body=dedent("""
        藤井さん

        外出中ですか？
        ちょっと頼みたいことがあるのですが、今からコンビニに行けますか？

        星川
        """))

mail("tr-gift-3", T, "fraud", "gift-card",
     "second stage of tr-gift-2: ten prepaid cards, tell the cashier they are for yourself, "
     "send the numbers",
     date="06-02 10:44", frm=("星川太郎", "taro.hoshikawa.jp@outlook.jp"), to=P["fujii"],
     subject="Re: 至急", enc="sjisqp", reply_of="tr-gift-2", in_reply_to="victim-reply-tr-gift-2",
     body=dedent("""
        藤井さん

        ありがとう。
        Google Playのギフトカードを1万円分、10枚買ってきてください。レジで詐欺の注意について聞かれたら、自分で使うものだと答えてください。
        買ったら、カードの裏の番号を写真に撮って全部送ってください。
        立て替えてもらった分は、明日私から現金で渡します。

        星川
        """))

mail("tr-gift-4", T, "fraud", "gift-card",
     "the 専務's name on gmail: electronic gift cards as a present for a partner's executives",
     date="06-11 16:25", frm=("星川 健二", "k.hoshikawa.senmu@gmail.com"), to=P["okabe"],
     subject="接待用の準備について", enc="sjis8", body=dedent("""
        岡部部長

        お疲れ様です、星川です。
        明日の取引先との会食で、先方の役員にお渡しする記念品として電子ギフトを用意したいと思っています。
        Appleギフトカードを3万円分×5枚、本日中に購入をお願いできますか。

        購入後は、カードに記載の番号をこのメールで送っていただければ、こちらで先方用のメッセージカードに印刷します。
        会食の件はまだ社内に公表していないので、ご内密にお願いします。

        星川 健二
        """))

# =============================================================================================
# TRAIN — legitimate
# =============================================================================================

# --- president-urgent: the real president, company domain, authenticated by our MX ------------

mail("tr-pres-1", T, "ok", "president-urgent",
     "real president, dkim/dmarc pass: urgent REFUND TRANSFER, but to the registered account "
     "and through the normal approval (稟議)",
     date="01-22 08:36", frm=P["taro"], to=P["komatsu"], cc=[P["kenji"]], auth=INTERNAL,
     subject="【至急】ミナトオートパーツ様への前受金返金の件", enc="jis",
     xmailer="Microsoft Outlook 16.0", body=dedent("""
        小松さん

        お疲れ様です。星川です。
        ミナトオートパーツ様の試作案件が先方都合で中止となり、受け取っていた前受金を返金することになりました。先方の松本部長とは今朝、電話で合意しています。

        急ぎで申し訳ないのですが、今週金曜日の定例支払いに間に合うよう、返金の手続きをお願いします。
        ・返金額：1,320,000円（税込）
        ・振込先：ミナト様の登録済み口座（取引先マスタのもの。新しい口座ではありません）
        ・稟議：本日中に私が承認します。番号は稟議システムで確認してください

        不明点があれば、私の携帯か、午後なら社長室に内線で連絡をください。

        星川
        """))

mail("tr-pres-2", T, "ok", "president-urgent",
     "real president calls an urgent meeting today",
     date="02-09 13:05", frm=P["taro"], to=[P["morita"], P["fujii"]], auth=INTERNAL,
     subject="至急：本日17時から打ち合わせ", enc="utf8b", xmailer="Microsoft Outlook 16.0",
     body=dedent("""
        森田さん、藤井さん

        お疲れ様です。
        ミナト様から、来期の量産部品について見積の前提条件が変わったと連絡がありました。
        本日17時から第2会議室で打ち合わせをしたいので、予定を空けてください。

        ・先方から届いた仕様変更の資料は、共有フォルダの「営業/ミナト/2026」に入れてあります
        ・森田さんは前回見積の原価内訳を持ってきてください

        急な話で申し訳ないですが、よろしく頼みます。
        星川
        """))

mail("tr-pres-3", T, "ok", "president-urgent",
     "real president, urgent preparations for a plant visit; mentions a guest Wi-Fi password",
     date="03-05 16:52", frm=P["taro"], to=[P["okabe"], P["takanashi"]], auth=INTERNAL,
     subject="【至急】明日の工場見学の受け入れについて", enc="sjis8", body=dedent("""
        岡部さん、高梨さん

        お疲れ様です。
        明日10時のミナトオートパーツ様の工場見学ですが、先方の参加者が当初の3名から6名に増えました。

        ・応接室ではなく、第1会議室に変更してください（岡部さん）
        ・会議室のプロジェクターが不調だと聞いたので、今日中に確認をお願いします（高梨さん）
        ・来訪者用のゲストWi-Fiのパスワードは、当日受付で紙でお渡しする形でお願いします

        夕方に一度、状況を聞かせてください。
        星川
        """))

mail("tr-pres-4", T, "ok", "president-urgent",
     "real president: urgent and 'handle with care' (bonus list), but points to the normal system",
     date="06-15 09:12", frm=P["taro"], to=P["ishihara"], cc=[P["komatsu"]], auth=INTERNAL,
     subject="至急・取扱注意：賞与支給額の最終確認", enc="alt", body=dedent("""
        石原さん（cc 小松さん）

        お疲れ様です。
        夏季賞与の支給額一覧について、役員会で最終承認が下りました。
        承認版のファイルを人事フォルダの「2026夏季賞与/承認版」に置きましたので、本日中に給与システムへの登録内容と照合してください。

        個人の支給額が載っているので、取り扱いには注意してください。メールでの添付や印刷はしないようお願いします。
        照合の結果は、明日の朝に小松さん経由で報告してもらえれば大丈夫です。

        星川
        """))

# --- it-warning-quoting-scam ------------------------------------------------------------------

mail("tr-itw-1", T, "ok", "it-warning-quoting-scam",
     "IT warns all staff and quotes tr-line-1 word for word (no quote prefix)",
     date="01-15 17:40", frm=P["takanashi"], to=P["all"], auth=INTERNAL,
     subject="【注意喚起】社長を名乗る「LINEグループ作成」依頼メールについて", enc="jis",
     body=dedent("""
        全社員各位

        お疲れ様です。情報システム担当の高梨です。

        昨日、社長の星川を名乗る人物から、経理部宛に次のようなメールが届き、その後も何通か続けて送られてきました。
        差出人には社長の名前が表示されていますが、会社のアドレスではなく、外部のフリーメールのアドレスです。

        ――――― 届いたメール（原文のまま） ―――――
        差出人：星川 太郎 <hoshikawa.taro.office@gmail.com>
        件名：お疲れ様です

        {{VERBATIM:tr-line-1}}
        ――――――――――――――――――――――――――

        これは、経営者になりすまして社員にLINEのグループを作らせ、その後の指示で送金をさせる手口です。
        最近、全国の企業で同様の被害が報告されています。

        同じようなメールを受け取った場合は、
        ・返信しない、QRコードを送らない、LINEで連絡を取らない
        ・メール本文に書かれた連絡先ではなく、社内の内線や普段使っている携帯番号で本人に確認する
        ・情報システム担当（内線 215）まで転送する
        をお願いします。

        なお、社長や役員から、口座残高のスクリーンショットや振込、ギフトカードの購入をメールやLINEで依頼することはありません。

        情報システム担当　高梨 悠斗
        """))

mail("tr-itw-2", T, "ok", "it-warning-quoting-scam",
     "IT warns about the fake 'mail migration' mail in his own name and quotes tr-cred-2 "
     "word for word with '> '",
     date="02-13 09:03", frm=P["takanashi"], to=P["all"], auth=INTERNAL,
     subject="【注意】情報システム担当を名乗り、パスワードを聞き出すメールが届いています",
     enc="utf8b", body=dedent("""
        全社員各位

        情報システム担当の高梨です。
        私の名前を使って、サインインIDやパスワード、確認コードを聞き出そうとするメールが、昨日から複数の方に届いています。

        以下がその本文です。送信元は「hoshikawa.it.support@outlook.jp」という外部のアドレスです。

        {{QUOTE:tr-cred-2}}

        情報システム担当が、メールや電話でパスワードや確認コードを尋ねることは絶対にありません。
        メールシステムの移行作業も予定していません。

        すでに返信してしまった方は、すぐに内線215までご連絡ください。パスワードの変更とサインイン履歴の確認を一緒に行います。

        高梨
        """))

# --- colleagues-line-group --------------------------------------------------------------------

mail("tr-colline-1", T, "ok", "colleagues-line-group",
     "総務 sets up an optional LINE group for the company trip; QR on the notice board",
     date="02-20 12:30", frm=P["okabe"], to=P["all"], auth=INTERNAL,
     subject="社員旅行（4月）の連絡用LINEグループについて", enc="sjisqp", body=dedent("""
        社員各位

        総務部の岡部です。
        4月18日・19日の社員旅行について、当日の集合場所の変更や遅延などを素早く連絡できるよう、連絡用のLINEグループを作りました。

        参加は任意です。LINEを使っていない方、業務外でLINEを使いたくない方も、これまでどおりメールと掲示板ですべて同じ内容をお知らせしますので、ご安心ください。

        参加を希望される方は、食堂の掲示板に貼ってあるQRコードから参加してください。
        グループでは、旅行の連絡以外（業務の指示やお金のやり取りなど）は一切行いません。

        ご不明な点は総務部（内線 201）までどうぞ。
        岡部
        """))

mail("tr-colline-2", T, "ok", "colleagues-line-group",
     "sales colleague's optional LINE group for trade-fair booth shifts",
     date="05-25 18:10", frm=P["fujii"], to=P["eigyo"], cc=[P["morita"]], auth=INTERNAL,
     subject="展示会の応援メンバー用グループ作りました", enc="utf8q", body=dedent("""
        営業部のみなさん

        お疲れ様です、藤井です。
        6月の中部機械部品展のブース当番の連絡用に、LINEのグループを作りました。
        シフトの交代や、会場での「今どこにいる？」の確認用です。

        入りたい人は、明日の朝礼のときに僕のスマホのQRコードを読み取ってください。
        入らなくても、シフト表は今までどおり共有フォルダで管理するので困ることはありません。

        お客様情報や見積の数字はグループに書かないようにしましょう。
        藤井
        """))

# --- partner-private-freemail -----------------------------------------------------------------

KITAMURA_PRIV = ("北村 大輔", "hokuto.kitamura@gmail.com")

mail("tr-ppf-1", T, "ok", "partner-private-freemail",
     "known private gmail of 北斗梱包's boss (in the profile): delivery moved by a day",
     date="01-29 20:14", frm=KITAMURA_PRIV, to=P["miura"],
     subject="段ボール納品の件（北斗梱包 北村）", enc="utf8b", body=dedent("""
        三浦様

        いつもお世話になっております。北斗梱包の北村です。
        出張先から私用のアドレスで失礼いたします。

        ご注文いただいている精密部品用の仕切り付き段ボール（HS-220型）ですが、材料の入荷が1日遅れておりまして、納品を2月4日（水）午前に変更させていただけないでしょうか。
        数量は変わらず800枚です。

        ご都合が悪いようでしたら、明日には会社に戻りますので、会社の電話までご連絡ください。
        ご迷惑をおかけして申し訳ございません。

        北斗梱包
        北村 大輔
        """))

mail("tr-ppf-2", T, "ok", "partner-private-freemail",
     "known private gmail: an invoice amount was wrong, corrected invoice will come from the "
     "company address; bank account explicitly UNCHANGED",
     date="04-28 10:22", frm=KITAMURA_PRIV, to=P["komatsu"],
     subject="Re: 3月分ご請求書の金額について", enc="jis", in_reply_to="komatsu-question-tr-ppf-2",
     body=dedent("""
        小松様

        お世話になっております。北斗梱包の北村です。
        休日のため、私用のメールから失礼します。

        ご連絡いただいた3月分請求書の金額の誤り、確認いたしました。
        こちらの入力ミスで、大変申し訳ございません。
        連休明けに事務の佐藤から、正しい金額の請求書を会社のアドレスでお送りします。

        お振込先は、これまでどおりのさくら野信用金庫の口座で変更はございません。

        北村
        """))

# --- officer-private --------------------------------------------------------------------------

mail("tr-offp-1", T, "ok", "officer-private",
     "the president from his KNOWN private gmail (in the profile): trade-show notes",
     date="02-27 21:48", frm=P["taro_priv"], to=[P["kenji"], P["miura"]],
     subject="展示会視察の所感", enc="utf8b", body=dedent("""
        健二さん、三浦さん

        出張先なので、私用のアドレスから送ります。
        今日、名古屋の工作機械展を回ってきました。気になった点だけ先に共有します。

        ・5軸加工機はどのメーカーも自動化セルとのセット提案が中心。うちの第2工場の更新計画でも、単体ではなくセルで比較した方がよさそう
        ・検査工程の画像判定は、去年よりかなり実用的になっている。三浦さん、一度デモを見に行ってもらえますか
        ・ミナト様の購買の方とも会場で偶然会いました。来期の数量の話は月曜に改めて

        詳しくは月曜の経営会議で話します。
        星川
        """))

mail("tr-offp-2", T, "ok", "officer-private",
     "the president from his known private gmail at the weekend: short request about a morning meeting",
     date="04-04 10:05", frm=P["taro_priv"], to=P["okabe"],
     subject="月曜の朝礼について", enc="jis", body=dedent("""
        岡部さん

        週末にすみません、私用アドレスから失礼します。
        月曜の朝礼で、新入社員の紹介をする時間を10分ほど取ってもらえますか。
        私からの挨拶は短めにします。

        会社のメールは月曜の朝に確認します。
        星川
        """))

# --- real-invoice -----------------------------------------------------------------------------

mail("tr-inv-1", T, "ok", "real-invoice",
     "real supplier invoice, DKIM pass, account as on file (this thread is hijacked by tr-bec-8)",
     date="02-02 11:20", frm=("中川 浩二", "k.nakagawa@toko-bearing.co.jp"), to=P["ishihara"],
     subject="1月分ご請求書送付の件", enc="jis", auth=PASS("toko-bearing.co.jp"),
     attach=[("請求書_TB-2601-0388.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        経理部 石原様

        いつも大変お世話になっております。
        東光ベアリング株式会社 経理課の中川でございます。

        2026年1月分のご請求書を添付にてお送りいたします。
        ご確認のほど、よろしくお願い申し上げます。

        　請求書番号：TB-2601-0388
        　ご請求金額：1,254,000円（税込）
        　お支払期日：2026年2月27日
        　お振込先　：東都中央銀行 八王子支店 当座 0419937（従来どおり）

        原本は本日郵送いたしました。

        東光ベアリング株式会社 経理課
        中川 浩二
        TEL 042-000-3321
        """))

mail("tr-inv-2", T, "ok", "real-invoice",
     "real supplier invoice with the on-file account and a warning to phone if anyone asks to change it",
     date="03-02 10:41", frm=("大野 里美", "s.ono@maruyoshi-kozai.co.jp"), to=P["komatsu"],
     subject="2月度 ご請求書のご送付", enc="sjis8", auth=PASS("maruyoshi-kozai.co.jp"),
     attach=[("御請求書_202602_星川精機様.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        経理部 小松 典子 様

        平素より大変お世話になっております。
        株式会社丸吉鋼材 経理部の大野でございます。

        2月度のご請求書をPDFにてお送りいたします。

        　ご請求金額　3,486,700円（税込）
        　お支払期日　3月31日
        　お振込先　　信州みらい銀行 岡谷支店 普通 3058821
        　　　　　　　カ）マルヨシコウザイ

        お振込先に変更はございません。
        なお、弊社から振込先の変更をメールのみでお願いすることはございませんので、万一そのようなメールが届いた場合は、お手数ですが弊社（0266-00-5520）までお電話でご確認ください。

        今後ともよろしくお願い申し上げます。

        株式会社丸吉鋼材 経理部
        大野 里美
        """))

mail("tr-inv-3", T, "ok", "real-invoice",
     "IT vendor's monthly maintenance invoice, multipart/alternative + PDF",
     date="04-30 15:02", frm=("ソラノ情報システム 青木", "t.aoki@sorano-is.co.jp"),
     to=P["takanashi"], cc=[P["keiri"]], subject="保守サービス費用 ご請求書（2026年4月分）",
     enc="alt", auth=PASS("sorano-is.co.jp"),
     attach=[("請求書_SIS-2604-0217.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        情報システム担当 高梨 様

        いつもお世話になっております。
        株式会社ソラノ情報システムの青木です。

        4月分のネットワーク保守サービス費用のご請求書をお送りいたします。

        　件名：ネットワーク・サーバー保守（月額）2026年4月分
        　金額：88,000円（税込）
        　お支払期日：2026年5月31日

        お振込先は、これまでと同じ東都中央銀行 新宿西口支店の口座です。
        ご不明な点がございましたら、私までご連絡ください。

        株式会社ソラノ情報システム
        カスタマーサポート部　青木 拓也
        """))

mail("tr-inv-4", T, "ok", "real-invoice",
     "[en] overseas supplier's invoice, bank details unchanged",
     date="03-13 17:26", frm=("Anna Berglund", "anna.berglund@lindqvist-precision.example"),
     to=("Aya Morita", P["morita"][1]), subject="Invoice LP-26-0117 - ceramic guide bushings",
     enc="ascii", auth=PASS("lindqvist-precision.example"),
     attach=[("LP-26-0117.pdf", "pdf", "plain")], body=dedent("""
        Dear Ms. Morita,

        Please find attached our invoice LP-26-0117 for the ceramic guide bushings shipped
        on 6 March (your order HS-PO-2602-041).

        Amount: EUR 12,480.00
        Payment terms: 60 days net, as agreed
        Bank details: unchanged from previous invoices

        The goods should arrive at Nagoya port around 2 April; the forwarder will send you
        the arrival notice directly.

        If anything on the invoice does not match your purchase order, just let me know and
        I will correct it.

        Best regards,
        Anna Berglund
        Sales Administration
        Lindqvist Precision AB
        """))

# --- real-bank-notice -------------------------------------------------------------------------

BANK = "shinshu-mirai-bank.co.jp"

mail("tr-bank-1", T, "ok", "real-bank-notice",
     "bank's real domain, authenticated: transfer batch accepted; 'we never ask for passwords'",
     date="02-27 10:15", frm=("信州みらい銀行", "ib-info@" + BANK), to=P["keiri"],
     subject="【信州みらい銀行】振込受付完了のお知らせ", enc="jis", auth=PASS(BANK),
     body=dedent("""
        星川精機株式会社 様

        いつも信州みらい銀行 法人インターネットバンキングをご利用いただき、ありがとうございます。
        以下のお振込のお手続きを受け付けました。

        受付日時　　：2026年02月27日 10時15分
        受付番号　　：2602270041
        お振込件数　：12件
        お振込合計額：8,941,300円
        振込指定日　：2026年02月27日

        お取引の詳細は、法人インターネットバンキングにログインのうえ、「振込・振替」の照会画面でご確認ください。

        本メールにお心当たりがない場合は、お取引店または下記のヘルプデスクまでお電話ください。
        当行がメールでパスワードや確認コードをお尋ねすることはございません。

        信州みらい銀行 法人インターネットバンキング ヘルプデスク
        0120-000-118（平日 9:00〜18:00）
        ※本メールは送信専用アドレスから送信しています。
        """))

mail("tr-bank-2", T, "ok", "real-bank-notice",
     "bank's relationship manager: loan documents, what to bring; his direct line",
     date="04-09 13:40", frm=("信州みらい銀行 原田", "k.harada@" + BANK), to=P["komatsu"],
     subject="設備資金ご融資の契約書類について", enc="utf8b", auth=PASS(BANK), body=dedent("""
        星川精機株式会社
        経理部長 小松 典子 様

        いつも大変お世話になっております。
        信州みらい銀行 法人営業部の原田でございます。

        先日ご相談いただきました設備資金のご融資について、審査が完了いたしましたのでご報告申し上げます。
        ご契約書類一式は、来週火曜日（4月14日）の14時に、私が御社へお持ちいたします。

        当日は以下をご用意いただけますでしょうか。
        ・代表者様のご実印
        ・会社の印鑑証明書（発行から3か月以内のもの）1通

        ご都合が悪い場合は、お手数ですが私の直通電話（0266-00-8830）までご連絡ください。

        信州みらい銀行 法人営業部
        原田 健
        """))

mail("tr-bank-3", T, "ok", "real-bank-notice",
     "bank maintenance notice, multipart/alternative",
     date="05-15 16:00", frm=("信州みらい銀行", "info@" + BANK), to=P["keiri"],
     subject="【信州みらい銀行】法人インターネットバンキング システムメンテナンスのお知らせ",
     enc="alt", auth=PASS(BANK), body=dedent("""
        法人インターネットバンキングをご利用のお客さまへ

        平素より信州みらい銀行をご利用いただき、誠にありがとうございます。
        システムメンテナンスのため、下記の時間帯は法人インターネットバンキングの全サービスを停止いたします。

        停止日時：2026年5月30日（土）21:00 〜 5月31日（日）6:00

        ご不便をおかけいたしますが、何卒ご理解くださいますようお願い申し上げます。
        なお、本件に関して当行からお客さまにID・パスワードの入力をお願いすることはございません。

        信州みらい銀行
        """))

# --- real-bank-change -------------------------------------------------------------------------

mail("tr-rbc-1", T, "ok", "real-bank-change",
     "genuine change (branch merger, same account number) from the real domain with DKIM pass; "
     "letter by post; asks to CALL THE NUMBER ALREADY ON FILE",
     date="05-20 14:18", frm=("中川 浩二", "k.nakagawa@toko-bearing.co.jp"), to=P["komatsu"],
     cc=[P["ishihara"]], subject="【東光ベアリング】お振込先変更のご案内（書面を郵送いたしました）",
     enc="sjis8", auth=PASS("toko-bearing.co.jp"),
     attach=[("振込先変更のご案内.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        経理部長 小松 典子 様

        平素は格別のお引き立てを賜り、厚く御礼申し上げます。
        東光ベアリング株式会社 経理課の中川でございます。

        このたび、弊社の取引銀行である東都中央銀行 八王子支店が、7月1日付で同行の八王子中央支店に統合されることとなりました。
        これに伴い、7月1日以降のお振込先は以下のとおりとなります（口座番号は変わりません）。

        　変更前：東都中央銀行 八王子支店 当座 0419937
        　変更後：東都中央銀行 八王子中央支店 当座 0419937

        変更のご案内は、代表者印を押印した書面を本日郵送いたしました。
        また、なりすましメールによる被害を防ぐため、恐れ入りますが、お手元の取引先台帳に登録されている弊社の代表電話番号へお電話いただき、経理課の中川まで内容のご確認をお願いいたします。
        本メールに記載の番号やアドレスではなく、必ず既にお持ちの連絡先をご利用ください。

        6月末までのお振込みは、従来の支店名のままで問題ございません。

        何卒よろしくお願い申し上げます。

        東光ベアリング株式会社 経理課
        中川 浩二
        """))

mail("tr-rbc-2", T, "ok", "real-bank-change",
     "genuine change after head-office move, confirmed on the phone; reply in the real thread, "
     "DKIM pass; the new account is in the profile",
     date="06-08 17:03", frm=("大野 里美", "s.ono@maruyoshi-kozai.co.jp"), to=P["komatsu"],
     subject="Re: お振込先変更のご案内について", enc="jis", auth=PASS("maruyoshi-kozai.co.jp"),
     in_reply_to="komatsu-question-tr-rbc-2", body=dedent("""
        小松様

        お世話になっております。丸吉鋼材の大野です。
        本日はお電話でのご確認をいただき、ありがとうございました。

        お電話でお伝えしたとおり、7月のお支払い分より、お振込先が以下の口座に変わります。
        　旧：信州みらい銀行 岡谷支店 普通 3058821
        　新：信州みらい銀行 諏訪支店 普通 4102268（名義は同じ カ）マルヨシコウザイ）

        同じ銀行内での支店の変更で、弊社の本社移転に伴うものです。
        正式な変更届は、弊社代表印を押したものを郵送いたしましたので、届きましたらご確認ください。

        ご丁寧に対応いただき、ありがとうございました。

        株式会社丸吉鋼材 経理部
        大野 里美
        """))

# --- mailing-list -----------------------------------------------------------------------------

ML = "ml.kohan-seimitsu.jp"
ML_FOOT = "\n--\nkohan-ml: 湖南精密工業会 会員メーリングリスト\n配信停止・登録変更: https://ml.kohan-seimitsu.jp/kohan-ml/\n"


def ml_headers(num):
    return [("List-Id", "湖南精密工業会 会員ML <kohan-ml.ml.kohan-seimitsu.jp>"),
            ("List-Post", "<mailto:kohan-ml@ml.kohan-seimitsu.jp>"),
            ("List-Unsubscribe", "<https://ml.kohan-seimitsu.jp/kohan-ml/unsubscribe>"),
            ("X-Mail-Count", str(num)), ("Precedence", "list")]


mail("tr-ml-1", T, "ok", "mailing-list",
     "industry-association list: subject tag + footer break the author's DKIM; from lists domain",
     date="02-18 19:22", frm=("川瀬 浩", "h.kawase@kawase-kogyo.co.jp"),
     to=("", "kohan-ml@" + ML), subject="[kohan-ml:02311] 3月例会の会場変更について",
     enc="jis", auth=LISTPOST("kawase-kogyo.co.jp", ML, "kohan-ml"), relay="mail." + ML,
     rcpt=P["okabe"], extra=ml_headers(2311) + [("Sender", "kohan-ml-owner@" + ML)], body=dedent("""
        会員各位

        川瀬工業の川瀬です。例会幹事よりお知らせします。

        3月12日（木）の例会ですが、予定していた商工会館の会議室が改修工事のため使えなくなりました。
        会場を以下に変更します。

        　会場：湖南公民館 2階 大会議室
        　時間：18:30〜20:00（変更なし）
        　議題：2026年度の共同受注の進め方、若手技術者研修の日程

        懇親会は例会終了後、同じ建物の1階で行います。
        出欠は3月5日までに、このメーリングリストではなく事務局へ個別にお知らせください。

        川瀬工業株式会社
        川瀬 浩
        """) + ML_FOOT)

mail("tr-ml-2", T, "ok", "mailing-list",
     "list reply thanking members; DKIM broken by the list",
     date="03-24 08:15", frm=("南 陽子", "y.minami@minami-ss.co.jp"),
     to=("", "kohan-ml@" + ML), subject="[kohan-ml:02340] Re: 熱処理の外注先について",
     enc="utf8b", auth=LISTPOST("minami-ss.co.jp", ML, "kohan-ml"), relay="mail." + ML,
     in_reply_to="kohan-ml-02331", rcpt=P["miura"],
     extra=ml_headers(2340) + [("Sender", "kohan-ml-owner@" + ML)], body=dedent("""
        皆さま

        みなみ製作所の南です。
        先日お尋ねした熱処理の外注先の件、何社かからご紹介をいただきありがとうございました。

        教えていただいた中から、ステンレスの真空熱処理に対応している2社に見積を依頼しました。
        結果はまた例会で共有させていただきます。

        取り急ぎお礼まで。

        南 陽子
        有限会社みなみ製作所
        """) + ML_FOOT)

mail("tr-ml-3", T, "ok", "mailing-list",
     "list that rewrites From: to itself ('via kohan-ml') and re-signs; annual fee request, "
     "'same account as every year'",
     date="04-16 10:00", frm=("湖南精密工業会 事務局 via kohan-ml", "kohan-ml@" + ML),
     to=("", "kohan-ml@" + ML), reply_to=("湖南精密工業会 事務局", "jimukyoku@kohan-seimitsu.jp"),
     subject="[kohan-ml:02355] 2026年度 年会費お振込みのお願い", enc="sjis8",
     auth=LISTREWRITE("kohan-seimitsu.jp", ML, "kohan-ml"), relay="mail." + ML, rcpt=P["okabe"],
     extra=ml_headers(2355) + [("X-Original-From", "jimukyoku@kohan-seimitsu.jp")],
     body=dedent("""
        会員各位

        湖南精密工業会 事務局です。
        2026年度の年会費のお振込みについてご案内いたします。

        　年会費：一般会員 36,000円／賛助会員 12,000円
        　納入期限：2026年5月29日（金）
        　振込先：例年と同じ、さくら野信用金庫 本店の工業会名義口座です。
        　　　　　（口座番号は、3月に郵送した請求書をご確認ください）

        振込手数料はご負担いただきますようお願いいたします。
        請求書を紛失された場合は、事務局までお電話ください。

        湖南精密工業会 事務局
        """) + ML_FOOT)

# --- newsletter -------------------------------------------------------------------------------

NEWS = "monozukuri-tsushin.example"


def news_headers(u):
    return [("List-Unsubscribe", f"<https://{NEWS}/unsubscribe?u={u}>, <mailto:unsubscribe@{NEWS}?subject={u}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), ("Precedence", "bulk")]


mail("tr-news-1", T, "ok", "newsletter",
     "trade newsletter, multipart/alternative, List-Unsubscribe",
     date="01-21 07:00", frm=("週刊ものづくり通信", "news@" + NEWS), to=P["morita"],
     subject="週刊ものづくり通信 第412号｜中小製造業のDX、今年の課題は「人」", enc="alt",
     auth=PASS(NEWS, "news"), relay="out-3.mta." + NEWS, extra=news_headers("a7f301"),
     body=dedent("""
        週刊ものづくり通信 第412号（2026年1月21日）

        ■ 今週の特集：中小製造業のDX、今年の課題は「人」
        本誌が読者の製造業経営者に行ったアンケートでは、回答者の6割近くが「デジタル化を進められる人材が社内にいない」ことを最大の課題に挙げました。
        ツールの導入より先に、現場の作業を言葉にして整理できる人をどう育てるか。3社の取り組みを紹介します。

        ■ 現場の工夫：段取り替えの時間を半分にした治具の話
        多品種少量の加工で、段取り替えのたびに30分かかっていた工程を、自作の位置決め治具で15分に短縮した事例です。

        ■ イベント情報
        中部機械部品展（6月・名古屋）の出展者募集は1月末まで。

        配信停止・アドレス変更：https://monozukuri-tsushin.example/unsubscribe?u=a7f301
        """))

mail("tr-news-2", T, "ok", "newsletter",
     "IT vendor's newsletter about MFA; says staff never ask for passwords (mentions password/code legitimately)",
     date="03-10 09:30", frm=("ソラノ情報システム", "news@sorano-is.co.jp"), to=P["takanashi"],
     subject="ソラノ通信 2026年3月号｜多要素認証、どこから始める？", enc="alt",
     reply_to=("ソラノ情報システム サポート", "support@sorano-is.co.jp"),
     auth=PASS("sorano-is.co.jp"), extra=[("List-Unsubscribe", "<https://sorano-is.co.jp/news/unsubscribe>"),
                                          ("Precedence", "bulk")],
     body=dedent("""
        ソラノ通信 2026年3月号

        いつもお世話になっております。株式会社ソラノ情報システムです。
        今月は、お客様からご相談の多い「多要素認証」の導入についてお届けします。

        ■ 導入事例：従業員80名の部品メーカー様
        まずは経理と役員のアカウントから多要素認証を有効にし、3か月かけて全社に広げた事例をご紹介します。
        スマートフォンを持たない方には、ハードウェアトークンを配布しました。

        ■ ご注意ください：弊社の名前を使った不審なメール
        弊社の社員が、メールや電話でお客様のパスワードや確認コードをお尋ねすることはありません。
        不審なメールを受け取られた場合は、担当営業までご連絡ください。

        ■ セミナーのご案内
        4月22日（水）15時〜 オンライン「中小企業のためのメールセキュリティ入門」

        配信停止：https://sorano-is.co.jp/news/unsubscribe
        """))

mail("tr-news-3", T, "ok", "newsletter",
     "trade-fair organiser's HTML-only exhibitor notice",
     date="05-27 11:00", frm=("中部機械部品展 事務局", "info@chubu-kikai-ten.example"),
     to=P["fujii"], subject="【出展者の皆様へ】搬入スケジュールと駐車証のご案内", enc="html",
     auth=PASS("chubu-kikai-ten.example", "k1"),
     extra=[("List-Unsubscribe", "<mailto:leave@chubu-kikai-ten.example>")], body=None, html="""
<html><head><meta charset="utf-8"><title>中部機械部品展</title></head>
<body style="font-family:sans-serif;line-height:1.6;">
<h2 style="color:#1b4f72;">第18回 中部機械部品展&nbsp;&mdash;&nbsp;出展者のご案内</h2>
<p>出展者ご担当者様</p>
<p>会期が近づいてまいりました。搬入スケジュールと駐車証についてご案内いたします。</p>
<ul>
<li>搬入日：6月16日（火）&nbsp;9:00&#12316;18:00（小間番号の奇数は午前、偶数は午後）</li>
<li>駐車証：出展者マイページから印刷し、車のダッシュボードに掲示してください</li>
<li>会場内の電源工事は、事前申請分のみ対応いたします</li>
</ul>
<p>ご不明な点は、出展者マイページの「お問い合わせ」からご連絡ください。</p>
<p style="font-size:12px;color:#777;">このメールは出展者様にお送りしています。&nbsp;&copy;&nbsp;中部機械部品展 事務局</p>
</body></html>
""")

# --- everyday ---------------------------------------------------------------------------------

mail("tr-every-1", T, "ok", "everyday",
     "supplier confirms delivery dates (this thread is hijacked by tr-bec-7)",
     date="02-03 14:27", frm=("田村 誠", "m.tamura@maruyoshi-kozai.co.jp"), to=P["morita"],
     subject="2月分ご注文品の納期について", enc="jis", auth=PASS("maruyoshi-kozai.co.jp"),
     body=dedent("""
        星川精機株式会社
        営業部 森田様

        いつもお世話になっております。丸吉鋼材の田村です。
        ご注文いただいている2月分の材料について、納期のご連絡です。

        　SUS303 丸棒 φ12×2500　200本
        　SUS304 丸棒 φ20×2500　120本
        　A5056 丸棒 φ30×2500　 80本

        上記すべて、2月20日（金）の出荷で手配が取れました。
        到着は翌21日の午前中を予定しております。

        なお、SUS303の在庫が全国的に少なくなっておりますので、3月分のご注文はお早めにいただけますと確実です。

        よろしくお願いいたします。

        株式会社丸吉鋼材 営業部
        田村 誠
        """))

mail("tr-every-2", T, "ok", "everyday",
     "internal production meeting minutes",
     date="01-26 17:45", frm=P["miura"], to=[P["taro"], P["kenji"]], cc=[P["okabe"]],
     auth=INTERNAL, subject="製造会議 議事録（1月26日）", enc="utf8b", body=dedent("""
        各位

        お疲れ様です。三浦です。
        本日の製造会議の議事録を共有します。

        日時：1月26日（月）15:00〜16:10
        出席：星川専務、三浦、各係長（5名）

        1. 1月の生産実績
           ・出荷数量は計画比 103%
           ・NC旋盤3号機の停止（1月9日〜12日）の影響は、残業で吸収済み
        2. 品質
           ・ミナト様向けブラケットのバリ残りが再発。2月から全数目視検査に切り替え、原因は工具摩耗の管理と見て対策中
        3. 設備
           ・第2工場の5軸加工機の更新は、3月の経営会議で方針を決める。候補3機種の比較表を次回までに作成

        次回：2月23日（月）15:00〜

        三浦
        """))

mail("tr-every-3", T, "ok", "everyday",
     "customer's purchase order with a PDF",
     date="02-19 09:48", frm=("松本 恵一", "k.matsumoto@minato-autoparts.co.jp"), to=P["morita"],
     subject="注文書送付の件（3月納入分）", enc="sjisqp", auth=PASS("minato-autoparts.co.jp"),
     attach=[("注文書_MAP-2603-115.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        森田様

        いつもお世話になっております。ミナトオートパーツ購買部の松本です。

        3月納入分の注文書をお送りいたします。
        品番 BR-2207（ブラケット）は、前回ご相談したとおり数量を1,200個から1,500個に増やしております。
        納入日は3月18日（水）、納入先は本社工場の受入口でお願いいたします。

        注文請書は、いつもどおりPDFでご返送ください。

        株式会社ミナトオートパーツ 購買部
        松本 恵一
        """))

mail("tr-every-4", T, "ok", "everyday",
     "sales daily report (日報)",
     date="03-06 18:21", frm=P["fujii"], to=P["morita"], auth=INTERNAL,
     subject="営業日報 3月6日（藤井）", enc="jis", body=dedent("""
        森田課長

        お疲れ様です。本日の日報です。

        【訪問】
        ・10:00 ミナトオートパーツ様（松本部長）
          3月納入分の増量について御礼。4月以降も同程度の数量が続く見込みとのこと。
        ・14:30 カネダ製作所様（金田様）
          試作品の図面の説明を受けた。材質はA5056、数量は10個。見積は来週水曜までに提出予定。

        【明日の予定】
        ・午前 見積作成（カネダ様）
        ・午後 社内 品質会議

        以上です。
        藤井
        """))

mail("tr-every-5", T, "ok", "everyday",
     "supplier's quotation",
     date="04-02 11:36", frm=("佐伯 亮", "r.saeki@toko-bearing.co.jp"), to=P["miura"],
     subject="お見積書送付の件（リニアガイド交換部品）", enc="alt", auth=PASS("toko-bearing.co.jp"),
     attach=[("御見積書_Q26-0412.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        常務取締役 三浦様

        いつもお世話になっております。東光ベアリングの佐伯でございます。
        先日ご依頼いただきました、マシニングセンタ2号機のリニアガイド交換部品のお見積書をお送りいたします。

        ・お見積金額：412,500円（税込）
        ・納期：ご注文後、約3週間
        ・有効期限：2026年5月末日

        交換作業の立ち会いが必要でしたら、弊社の技術担当を手配いたしますのでお申し付けください。

        東光ベアリング株式会社 営業部
        佐伯 亮
        """))

mail("tr-every-6", T, "ok", "everyday",
     "our real law firm returns contract comments (contrast with tr-law-1/tr-law-3)",
     date="03-18 15:09", frm=("桜井 隆", "t.sakurai@sakurai-law.jp"), to=P["okabe"],
     cc=[P["taro"]], subject="取引基本契約書（案）へのコメント", enc="utf8b",
     auth=PASS("sakurai-law.jp"), attach=[("取引基本契約書_コメント付.docx", "docx", "rfc2231")],
     body=dedent("""
        星川精機株式会社
        総務部長 岡部 修 様

        いつもお世話になっております。桜井総合法律事務所の桜井です。

        ご依頼いただいておりました、ミナトオートパーツ様との取引基本契約書（案）について確認を終えましたので、コメントを付したファイルをお送りします。

        主な指摘事項は次の3点です。
        1. 第12条（製造物責任）：貴社の責任の上限が定められていません。上限額または保険でのカバー範囲を明記することをお勧めします。
        2. 第18条（支払条件）：支払期日が「検収後」とだけあり、検収の期限がありません。
        3. 第25条（合意管轄）：先方本店所在地の地方裁判所となっています。交渉の余地があります。

        来週のどこかで30分ほどお打ち合わせのお時間をいただけますと幸いです。候補日を2、3いただけますでしょうか。

        桜井総合法律事務所
        弁護士 桜井 隆
        """))

mail("tr-every-7", T, "ok", "everyday",
     "[en] overseas partner proposes a visit",
     date="02-11 16:02", frm=("Erik Lindqvist", "erik.lindqvist@lindqvist-precision.example"),
     to=("Taro Hoshikawa", P["taro"][1]), subject="Visit to Suwa in May", enc="ascii",
     auth=PASS("lindqvist-precision.example"), body=dedent("""
        Dear Mr. Hoshikawa,

        Thank you again for your hospitality during our visit last autumn. Our team still
        talks about the tour of your grinding line.

        I would like to come to Suwa again in the week of 18 May, together with our new
        quality manager, Ms. Sara Holm. We would like to discuss the inspection plan for the
        guide bushings and, if possible, see the new measuring room.

        Could you let me know which days would suit you? Any two days that week would be fine
        for us.

        Best regards,
        Erik Lindqvist
        Managing Director
        Lindqvist Precision AB
        """))

mail("tr-every-8", T, "ok", "everyday",
     "IT vendor schedules a firewall firmware update",
     date="01-16 10:50", frm=("青木 拓也", "t.aoki@sorano-is.co.jp"), to=P["takanashi"],
     subject="UTMファームウェア更新作業の日程について", enc="jis", auth=PASS("sorano-is.co.jp"),
     body=dedent("""
        星川精機株式会社
        高梨様

        いつもお世話になっております。ソラノ情報システムの青木です。

        先日ご案内したUTM（ファイアウォール）のファームウェア更新について、作業日程の候補をお送りします。

        　候補1：1月31日（土）9:00〜12:00
        　候補2：2月7日（土）9:00〜12:00

        作業中、約30分間インターネットへの接続が止まります。
        VPNの設定は引き継がれますので、社員の皆様側での作業は不要です。

        ご都合のよい日をお知らせいただけますでしょうか。

        株式会社ソラノ情報システム
        青木 拓也
        """))

mail("tr-every-9", T, "ok", "everyday",
     "internal: accounting asks the president to approve the month-end payment run "
     "(mentions 振込, all to registered accounts)",
     date="04-22 14:06", frm=P["komatsu"], to=P["taro"], auth=INTERNAL,
     subject="4月末 支払予定一覧（ご承認のお願い）", enc="sjis8", body=dedent("""
        社長

        お疲れ様です。小松です。
        4月末の支払予定一覧を、稟議システムに登録しました（稟議番号 2026-0412）。
        合計 18,432,550円、47件です。先月と比べて、丸吉鋼材様への支払いが材料の前倒し発注分だけ増えています。

        振込先はすべて取引先マスタに登録済みの口座で、新規・変更はありません。
        4月24日（金）までにご承認をお願いいたします。

        小松
        """))

mail("tr-every-10", T, "ok", "everyday",
     "packaging supplier's delivery notice from the company domain",
     date="02-03 09:12", frm=("佐藤 由美", "y.sato@hokuto-konpo.jp"), to=P["miura"],
     subject="納品のご案内（2月4日分）", enc="utf8b", auth=PASS("hokuto-konpo.jp"),
     body=dedent("""
        星川精機株式会社
        三浦様

        いつもお世話になっております。北斗梱包の佐藤です。

        先日北村からご連絡いたしました段ボールの納品について、改めてご案内いたします。

        　品名：仕切り付き段ボール HS-220型
        　数量：800枚
        　納品日時：2月4日（水）10時ごろ
        　納品場所：第1工場 資材倉庫

        納品書は当日、ドライバーがお持ちいたします。
        どうぞよろしくお願いいたします。

        有限会社北斗梱包
        佐藤 由美
        """))

# --- external-first-contact -------------------------------------------------------------------

mail("tr-first-1", T, "ok", "external-first-contact",
     "new prospect from an unknown (authenticated) domain asks about prototyping; no money involved",
     date="01-30 13:33", frm=("金田 亮介", "r.kaneda@kaneda-ss.co.jp"), to=P["info"],
     subject="精密切削部品の試作についてのご相談", enc="jis", auth=PASS("kaneda-ss.co.jp", "default"),
     body=dedent("""
        星川精機株式会社
        ご担当者様

        突然のご連絡失礼いたします。
        株式会社カネダ製作所の金田と申します。
        弊社は松本市で食品機械の設計・組立を行っております。

        このたび新しい充填機の開発にあたり、アルミの精密切削部品の試作をお願いできる会社を探しております。
        貴社のホームページで小ロットの試作にも対応されていると拝見し、ご連絡いたしました。

        　材質：A5056
        　数量：試作10個（量産時は月200個程度の見込み）
        　公差：±0.01mm の箇所が数か所あります

        図面をお送りしてもよろしいでしょうか。
        一度、お電話かオンラインでお話を伺えますと幸いです。

        株式会社カネダ製作所 開発部
        金田 亮介
        """))

mail("tr-first-2", T, "ok", "external-first-contact",
     "new prospect (robotics start-up) asks for a quote, drawing attached",
     date="03-30 10:12", frm=("ヨツバロボティクス 中島", "nakajima@yotsuba-robotics.example"),
     reply_to=("ヨツバロボティクス 調達", "procurement@yotsuba-robotics.example"),
     to=P["eigyo"], subject="ロボットハンド用部品の見積依頼（初めてのご連絡です）", enc="alt",
     auth=PASS("yotsuba-robotics.example", "google"),
     attach=[("図面_YR-H03.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        営業部 ご担当者様

        初めてご連絡いたします。合同会社ヨツバロボティクスの中島と申します。
        物流倉庫向けのロボットハンドを開発しているスタートアップです。

        ハンドの指先に使う小さな部品（図面を添付しました）の加工を、継続してお願いできる会社を探しています。
        中部機械部品展の出展者一覧で貴社を知りました。

        ・材質：SUS304
        ・数量：まずは50個、来年度は月300個程度を想定しています
        ・希望納期：5月中旬

        概算で構いませんので、お見積りをいただけますでしょうか。
        ご不明な点があれば、お気軽にお問い合わせください。

        合同会社ヨツバロボティクス
        中島 遼
        """))

mail("tr-first-3", T, "ok", "external-first-contact",
     "our own website's contact-form notification; Reply-To is the prospect's gmail (legit Reply-To to free mail)",
     date="05-08 22:41", frm=("星川精機 Webサイト", "noreply@hoshikawa-seiki.co.jp"), to=P["info"],
     reply_to=("野口 蒼", "aoi.noguchi.craft@gmail.com"),
     subject="【お問い合わせ】ホームページより新しいお問い合わせがありました", enc="utf8b",
     auth=INTERNAL, xmailer="hoshikawa-web-form/2.3", body=dedent("""
        ホームページのお問い合わせフォームから、以下の内容が送信されました。

        ----------------------------------------
        お問い合わせ種別：製品・加工のご相談
        会社名　　　　　：高原クラフト（個人事業）
        お名前　　　　　：野口 蒼
        メールアドレス　：aoi.noguchi.craft@gmail.com
        電話番号　　　　：090-0000-4172
        お問い合わせ内容：
        木工用の小型治具に使う真鍮の部品を、20個ほど作っていただくことは可能でしょうか。
        図面はまだ手書きのものしかありませんが、お送りできます。
        ----------------------------------------

        このメールはシステムから自動送信されています。
        """))

# =============================================================================================
# HOLDOUT — fraud   (same kinds as train, different names, wording, subjects and tricks)
# =============================================================================================

H = "holdout"

# --- ceo-line-group ---------------------------------------------------------------------------

mail("ho-line-1", H, "fraud", "ceo-line-group",
     "the 専務's name on gmail: 'LINE talk room' with partner executives, send the QR image",
     date="07-06 10:24", frm=("星川 健二", "senmu.k.hoshikawa@gmail.com"), to=P["ishihara"],
     subject="至急のお願い（専務）", enc="jis", body=dedent("""
        石原さん

        専務の星川です。お仕事中にすみません。
        これから取引先の役員の方々と、今後の資本関係について非公式に話を進めることになりました。
        連絡をスムーズに取れるよう、石原さんのスマートフォンでLINEのトークルーム（グループ）を作っておいてもらえますか。

        作ったら、参加用のQRを画像にして、このアドレスに送ってください。
        この話は役員の一部しか知らない段階なので、経理部の中でも話題にしないでください。
        私はこの後ずっと先方と同席しているので、電話には出られません。

        星川 健二
        """))

mail("ho-line-2", H, "fraud", "ceo-line-group",
     "SAME local part as the president's known private gmail, but on outlook.jp",
     date="07-14 15:10", frm=("星川 太郎", "hoshikawa.taro.suwa@outlook.jp"), to=P["komatsu"],
     subject="私用アドレスから失礼します", enc="utf8b", body=dedent("""
        小松部長

        星川です。スマホの調子が悪く、私用のアドレスから連絡しています。

        このあと、新しい仕入先候補との条件交渉にオンラインで参加します。
        交渉の経過を小松部長にも逐次共有したいので、LINEでグループを作り、その招待用QRコードを返信で送っていただけますか。
        先方の担当者もグループに加わる予定です。

        交渉がまとまるまでは情報を外に出したくないので、ほかの役員にも伏せておいてください。
        会議が長引くので、電話やTeamsでの連絡は難しいです。

        星川
        """))

mail("ho-line-3", H, "fraud", "ceo-line-group",
     "next stage of ho-line-2: statement and balance screenshots 'to prove solvency'",
     date="07-14 16:02", frm=("星川 太郎", "hoshikawa.taro.suwa@outlook.jp"), to=P["komatsu"],
     subject="Re: 私用アドレスから失礼します", enc="utf8b", reply_of="ho-line-2",
     in_reply_to="victim-reply-ho-line-2", body=dedent("""
        小松部長

        グループの件、ありがとうございます。参加できました。

        交渉の中で、先方から当社の支払い能力を示してほしいと求められています。
        法人口座の直近1か月分の入出金明細と、現時点の残高が表示された画面を撮影して、グループに送ってください。
        ネットバンキングの画面をそのまま撮ったもので構いません。

        星川
        """))

mail("ho-line-4", H, "fraud", "ceo-line-group",
     "next stage of ho-line-1: internet-banking one-time password 'it changes in a minute'",
     date="07-06 11:47", frm=("星川 健二", "senmu.k.hoshikawa@gmail.com"), to=P["ishihara"],
     subject="Re: 至急のお願い（専務）", enc="jis", reply_of="ho-line-1",
     in_reply_to="victim-reply-ho-line-1", body=dedent("""
        石原さん

        QRコード、受け取りました。ありがとう。
        もう一つお願いがあります。先方との手続きで、当社のネットバンキングから資金を移す必要があり、こちらで操作を進めています。
        まもなく石原さんのトークンかスマートフォンにワンタイムパスワードが表示されるので、その数字をすぐにこのメールで教えてください。
        数字は1分ほどで変わってしまうので、できるだけ早くお願いします。

        星川
        """))

mail("ho-line-5", H, "fraud", "ceo-line-group",
     "three-line opener from icloud.com with a romaji display name",
     date="08-12 07:55", frm=("Taro Hoshikawa", "t.hoshikawa.president@icloud.com"), to=P["okabe"],
     subject="急ぎの用件", enc="sjis8", body=dedent("""
        岡部さん
        急ぎの用件です。このメールを見たら、すぐに返信をもらえますか。
        星川
        """))

mail("ho-line-6", H, "fraud", "ceo-line-group",
     "spoofed company From:, HTML-only; forged AR whose authserv-id LOOKS like ours "
     "(mx1.hoshikawa-seiki.co.jp.mail-protect.example) ABOVE the real one; Reply-To gmail",
     date="08-19 09:37", frm=P["taro"], to=P["miura"],
     reply_to=("星川 太郎", "t.hoshikawa.hsk@gmail.com"), subject="共有をお願いしたい件",
     enc="html", auth=SPOOF("info@sv3.mail-protect.example", spf="softfail"),
     forged_ar=forged("mx1.hoshikawa-seiki.co.jp.mail-protect.example", COMPANY),
     forged_pos="above", relay="sv3.mail-protect.example", body=dedent("""
        三浦常務

        お疲れ様です。星川です。
        外部の顧問の方を交えて、来期の設備投資の件で意見交換をしたいと考えています。
        議事をメールで残したくないため、LINEのグループで進めたいと思います。

        お手数ですが三浦さんの方でグループを立ち上げ、参加用のQRコードをこのメールに返信してください。
        人選の都合もありますので、他の役員にはまだ伝えないでください。
        今日は夕方まで来客が続き、こちらから電話を差し上げるのは難しい状況です。

        星川
        """))

# --- ceo-transfer -----------------------------------------------------------------------------

mail("ho-ceot-1", H, "fraud", "ceo-transfer",
     "the 常務's name on gmail: 30% deposit for a machine today, 'the president agreed verbally'",
     date="09-03 13:29", frm=("三浦 正樹", "miura.masaki.hs@gmail.com"), to=P["komatsu"],
     subject="設備業者への支払いについて", enc="utf8q", body=dedent("""
        小松部長

        お疲れ様です。常務の三浦です。
        第2工場の5軸加工機の件で、メーカーの代理店から、今月の価格で確保するには本日中に発注金額の3割を入金してほしいと言われています。
        社長の了解は口頭でもらっています。

        振込先：あさがおネット銀行 ひまわり支店 普通 3078862
        名義　：ニッシンキカイハンバイ（カ
        金額　：5,940,000円

        見積書と注文書は明日の朝までにそろえて経理に回します。
        社長は本日出張で、移動中は連絡がつきにくいので、私の方で責任を持ちます。
        入金が済んだら一言ください。

        三浦
        """))

mail("ho-ceot-2", H, "fraud", "ceo-transfer",
     "president's name on yahoo.co.jp: overseas transfer for a Singapore subsidiary, 'stop it at you'",
     date="10-08 11:16", frm=("星川太郎（社長）", "president.hoshikawa@yahoo.co.jp"), to=P["ishihara"],
     subject="本日中の送金について", enc="alt", body=dedent("""
        石原さん

        星川です。
        シンガポールでの販売拠点の設立準備を進めており、現地の設立代行会社への費用を本日中に送金する必要が出てきました。
        海外送金の手続きは石原さんが詳しいと小松さんから聞いています。

        ・送金額：USD 48,000
        ・受取人：Harbourline Corporate Services Pte. Ltd.
        ・受取銀行の情報は、手続きが可能かどうかのご返信をいただいてからお送りします

        設立が正式に決まるまでは、社内で話を広げたくありません。
        小松さんには私から後で話しますので、今回は石原さんのところで止めておいてください。

        星川
        """))

# --- bec-bank-change --------------------------------------------------------------------------

mail("ho-bec-1", H, "fraud", "bec-bank-change",
     "look-alike maru-yoshi-kozai.co.jp (hyphen ADDED), all pass for itself; 'group cash "
     "pooling', 当座 account, change form PDF, asks for confirmation by reply",
     date="07-21 10:02", frm=("丸吉鋼材 大野", "ono@maru-yoshi-kozai.co.jp"), to=P["ishihara"],
     subject="8月分以降のお支払いについて（丸吉鋼材）", enc="sjis8",
     auth=PASS("maru-yoshi-kozai.co.jp", "k2026"),
     attach=[("お取引口座変更届.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        経理部 石原 様

        平素より格別のご愛顧をいただき、ありがとうございます。
        丸吉鋼材 経理部の大野です。

        弊社は8月1日付で、グループ会社との資金管理の一元化を行うことになりました。
        これにより、8月分以降のお支払いは、下記の新しい口座にてお受けすることとなります。

        ［新口座］
        　つばさ銀行　長野営業部
        　当座預金　0736615
        　カ）マルヨシコウザイ　シキンカンリ

        変更届を添付いたしますので、貴社の取引先台帳のご更新をお願いいたします。
        更新が完了しましたら、お手数ですが本メールへのご返信でお知らせいただけますと幸いです。

        どうぞよろしくお願い申し上げます。
        """))

mail("ho-bec-2", H, "fraud", "bec-bank-change",
     "TLD swap toko-bearing.jp (real: .co.jp), multipart/alternative; Reply-To outlook.com; "
     "'reissued invoice, the account on it was wrong'",
     date="08-05 14:48", frm=("東光ベアリング株式会社", "keiri@toko-bearing.jp"), to=P["komatsu"],
     reply_to=("東光ベアリング 経理課", "toko.bearing.acct@outlook.com"),
     subject="【ご請求書再発行】振込先訂正のお願い", enc="alt", auth=PASS("toko-bearing.jp", "s1"),
     attach=[("請求書_再発行_TB-2607-0512.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        小松様

        お世話になっております。東光ベアリング株式会社 経理課でございます。

        7月分のご請求書につきまして、弊社システムの不具合により、振込先が誤った内容で発行されておりました。
        正しい振込先を記載した再発行版を添付いたしますので、こちらに差し替えていただけますでしょうか。

        　正：ひばりネット銀行　はやぶさ支店　普通　4460913
        　　　トウコウベアリング（カ

        既に旧記載の口座へお手続き済みの場合は、お手数ですが一度ご連絡ください。
        再発行に伴い、お支払期日を3営業日延長いたします。

        ご迷惑をおかけし、誠に申し訳ございません。
        """))

mail("ho-bec-3", H, "fraud", "bec-bank-change",
     "look-alike hokuto-konp0.jp (o -> zero), SPF only; price revision + 'branch merger', "
     "SAME bank as on file but another branch and number",
     date="08-24 16:31", frm=("北村 大輔", "d.kitamura@hokuto-konp0.jp"), to=P["miura"],
     cc=[P["keiri"]], subject="資材価格改定と口座変更のお知らせ", enc="jis", auth=NOSIGN(),
     body=dedent("""
        星川精機株式会社
        常務取締役 三浦様

        いつもありがとうございます。北斗梱包の北村です。
        ご案内が2点ございます。

        1点目は、段ボール原紙の値上がりに伴う価格改定です。恐縮ですが、10月納品分より一部品目を3〜5%改定させていただきます。詳細は改めて見積書をお送りいたします。

        2点目は、お振込先の変更です。信用金庫の支店統廃合に伴い、9月末のお支払い分から下記口座にお願いいたします。

        　さくら野信用金庫　諏訪南支店
        　普通　2239048
        　ユ）ホクトコンポウ

        経理ご担当の方にもお伝えいただけますと助かります。
        今後ともよろしくお願いいたします。

        北斗梱包
        北村
        """))

TOKO_IDN = "t\u043eko-bearing.co.jp".encode("idna").decode()   # Cyrillic о

mail("ho-bec-4", H, "fraud", "bec-bank-change",
     "IDN look-alike t\u043eko-bearing.co.jp (Cyrillic о) in punycode, all pass for itself; "
     "'one month only' to a 普通 account while the 当座 account's name changes",
     date="09-10 09:58", frm=("中川 浩二", "k.nakagawa@" + TOKO_IDN), to=P["ishihara"],
     subject="お支払口座の件で確認のお願い", enc="utf8b", auth=PASS(TOKO_IDN, "sel2025"),
     body=dedent("""
        石原様

        いつもお世話になっております。東光ベアリングの中川です。
        今月のお支払いについて、一点お願いがございます。

        現在、弊社の当座口座の名義変更手続きを行っておりまして、9月末のお支払い分に限り、下記の普通口座へお振込みいただけますでしょうか。

        　東都中央銀行　八王子中央支店
        　普通　6650274
        　トウコウベアリング（カ）シテンケイリ

        10月以降は従来の当座口座に戻る予定です。
        ご不明点は、このメールへのご返信でお問い合わせください。

        中川
        """))

mail("ho-bec-5", H, "fraud", "bec-bank-change",
     "free mail (outlook.jp) with the supplier's name: account in the owner's personal name",
     date="09-25 13:07", frm=("有限会社北斗梱包 事務", "hokuto.konpo.jimu@outlook.jp"),
     to=P["ishihara"], subject="ご請求先口座の変更（北斗梱包）", enc="sjisqp", body=dedent("""
        星川精機 経理ご担当者様

        いつも大変お世話になっております。
        有限会社北斗梱包 事務の佐藤でございます。

        弊社のメールアドレス移行作業中のため、しばらくの間、こちらのアドレスから失礼いたします。

        9月分のお支払いより、お振込先を下記の口座へ変更させていただきたく存じます。
        　みずなら銀行　茅野支店
        　普通　8197354
        　ホクトコンポウ　キタムラ ダイスケ

        ※代表者名義の口座となりますが、弊社の事業用口座でございます。

        ご対応のほど、よろしくお願い申し上げます。
        """))

mail("ho-bec-6", H, "fraud", "bec-bank-change",
     "[en] look-alike lindquist-precision.example (qv -> qu) of the overseas supplier, all pass "
     "for itself; Reply-To gmail; new IBAN 'after our audit', quotes a real invoice number",
     date="09-17 16:44", frm=("Anna Berglund", "anna.berglund@lindquist-precision.example"),
     to=("Aya Morita", P["morita"][1]),
     reply_to=("Accounts Receivable", "ar.lindqvistprecision@gmail.com"),
     subject="Updated remittance details - invoice LP-26-0298", enc="ascii",
     auth=PASS("lindquist-precision.example", "lp1"),
     attach=[("Lindqvist_bank_letter.pdf", "pdf", "plain")], body=dedent("""
        Dear Ms. Morita,

        I hope this finds you well.

        Following our annual audit, our finance department has moved all incoming customer
        payments to a new account. Please use the details below for invoice LP-26-0298
        (EUR 9,760.00) and for all future payments:

          Bank:         Baltic Harbour Bank
          Account name: Lindqvist Precision AB
          IBAN:         LT00 3250 0471 2286 5519
          BIC:          BHBKLT2XXXX

        Our previous account will be closed at the end of this month, so payments sent there
        may be returned. A signed confirmation letter from our CFO is attached.

        Could you confirm by return e-mail once the change has been registered? If the payment
        has already been scheduled, please let me know and we will help you redirect it.

        Kind regards,
        Anna Berglund
        Sales Administration
        Lindqvist Precision AB
        """))

mail("ho-bec-7", H, "fraud", "bec-bank-change",
     "thread hijack of the real quotation thread (ho-every-1): real maruyoshi-kozai.co.jp in From:, "
     "spf softfail, no DKIM, dmarc fail; prepayment to a THIRD company's account",
     date="10-14 17:12", frm=("田村 誠", "m.tamura@maruyoshi-kozai.co.jp"), to=P["morita"],
     subject="RE: お見積りのご送付（10月納入分）", enc="utf8b", reply_of="ho-every-1",
     auth=HIJACK_NODKIM("softfail"), relay="mx.node-4410.example", body=dedent("""
        森田様

        お世話になっております。丸吉鋼材の田村です。
        お見積りの件、ご検討いただきありがとうございます。

        ご発注の際に一点お願いがございます。
        今回の材料は商社経由の特別手配となるため、代金は前払いで、下記の手配先口座へ直接お振込みいただく形になります。

        　青嶺銀行 上田支店 普通 5813207
        　カ）シナノメタルトレーディング

        ご入金の確認後、すぐに出荷の手配をいたします。
        お急ぎの案件と伺っておりますので、本日中にご手配いただけますと確実です。

        田村

        {{QUOTE:ho-every-1}}
        """))

mail("ho-bec-8", H, "fraud", "bec-bank-change",
     "compromised real account of the IT vendor inside the real thread (ho-every-2): "
     "spf/dkim/dmarc all pass; Reply-To gmail; 'group company' account, phone lines 'being moved'",
     date="11-04 10:26", frm=("青木 拓也", "t.aoki@sorano-is.co.jp"), to=P["takanashi"],
     reply_to=("青木 拓也", "sorano.aoki.t@gmail.com"),
     subject="Re: 保守契約更新のお見積りについて", enc="jis", reply_of="ho-every-2",
     auth=PASS("sorano-is.co.jp"), body=dedent("""
        高梨様

        お世話になっております。ソラノ情報システムの青木です。
        ご発注いただき、ありがとうございます。契約書は後日、押印したものを郵送いたします。

        一点ご連絡がございます。
        来年度の保守費用のお振込先が、弊社のグループ会社への業務移管に伴い、以下の口座となります。
        経理ご担当の方へもお伝えいただけますでしょうか。

        　ひばりネット銀行　つばめ支店
        　普通　3341986
        　カ）ソラノシステムサービス

        なお、この変更に関するお問い合わせは、社内の電話回線が移設工事中のため、メールでお願いしております。

        青木

        {{QUOTE:ho-every-2}}
        """))

mail("ho-bec-9", H, "fraud", "bec-bank-change",
     "sub-domain trick maruyoshi-kozai.co.jp-billing.example, HTML-only 'e-invoice portal' whose "
     "'settlement account' replaces the usual one",
     date="11-10 08:30", frm=("丸吉鋼材 請求センター", "billing@maruyoshi-kozai.co.jp-billing.example"),
     to=P["keiri"], subject="【丸吉鋼材】電子請求書の発行と振込先についてのお知らせ", enc="html",
     auth=PASS("maruyoshi-kozai.co.jp-billing.example", "mail"), body=None, html="""
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body style="font-family:'Hiragino Sans','Meiryo',sans-serif;font-size:14px;color:#222;">
<table width="600" cellpadding="0" cellspacing="0" align="center" style="border:1px solid #ddd;">
<tr><td style="background:#203864;color:#fff;padding:12px 20px;font-size:16px;">株式会社丸吉鋼材&nbsp;&nbsp;請求センター</td></tr>
<tr><td style="padding:20px;">
<p>星川精機株式会社&nbsp;御中</p>
<p>いつも格別のお引き立てをいただき、誠にありがとうございます。<br>
弊社では11月より、請求書の電子発行サービスを開始いたしました。<br>
今月分のご請求書は、以下のページからご確認いただけます。</p>
<p style="text-align:center;"><a href="https://maruyoshi-kozai.co.jp-billing.example/inv/2611/hoshikawa" style="background:#203864;color:#fff;padding:10px 30px;text-decoration:none;">請求書を表示する</a></p>
<p>電子発行への移行に伴い、お振込先は請求書ページに記載の<b>決済専用口座</b>となります。<br>
従来の口座へのお振込みは、入金の確認にお時間をいただく場合がございます。</p>
<p style="font-size:12px;color:#666;">&#8251;&nbsp;本メールは送信専用アドレスからお送りしています。</p>
</td></tr></table>
</body></html>
""")

# --- fake-lawyer ------------------------------------------------------------------------------

mail("ho-law-1", H, "fraud", "fake-lawyer",
     "[en] 'solicitor for the vendors' on proton.me writes to the 専務: deposit before data-room "
     "access, keep it from finance, do not phone the president",
     date="08-11 18:20", frm=("Charlotte Hargreave", "c.hargreave.chambers@proton.me"),
     to=("Kenji Hoshikawa", P["kenji"][1]),
     subject="Strictly private and confidential - share purchase (Project Kestrel)", enc="ascii",
     body=dedent("""
        Dear Mr. Hoshikawa,

        I act for the vendor group in a proposed share purchase in which your company has been
        selected as the preferred bidder (Project Kestrel). Your President, Mr. Taro Hoshikawa,
        has asked that I brief you separately, as he is travelling for the rest of the week.

        Before the data room can be opened to your advisers, the vendors require a refundable
        good-faith deposit of JPY 9,800,000 to be lodged with our client account. I am
        instructed that you have the authority to approve this payment.

        Please treat this message as strictly private. Under the exclusivity terms, the
        negotiations must not be disclosed to anyone outside the deal team, including your
        finance staff, until signing. I would also ask you not to telephone Mr. Hoshikawa
        while he is abroad; he has asked that all matters go through me.

        I would be grateful for your reply today confirming that you are able to proceed,
        after which I will forward the payment instructions.

        Yours sincerely,

        Charlotte Hargreave
        Solicitor
        """))

mail("ho-law-2", H, "fraud", "fake-lawyer",
     "invented law firm on an authenticated .jp domain: guarantee money for a listed partner, "
     "no calls to the president 'until announcement'",
     date="10-20 10:45", frm=("あおぞら国際法律事務所 上野", "ueno@aozora-kokusai-law.jp"),
     to=P["komatsu"], subject="公表前案件へのご協力のお願い（守秘）", enc="alt",
     auth=PASS("aozora-kokusai-law.jp", "default"), body=dedent("""
        星川精機株式会社
        経理部長 小松典子 様

        初めてご連絡を差し上げます。あおぞら国際法律事務所の弁護士、上野 亮平でございます。

        貴社の星川社長より、現在進行中の業務提携に関して、先方企業への保証金送付の実務についてご協力をいただくよう依頼を受けております。
        社長からは、小松様であれば安心してお任せできるとのお言葉を頂戴しております。

        本件は提携先が上場企業であるため、公表前に情報が漏れた場合、双方にとって重大な法的リスクとなります。
        つきましては、本件に関しては当職とのメールのみでご対応いただき、社内の他の方への共有、また社長ご本人への確認のお電話も、公表日まではお控えいただけますようお願い申し上げます。

        送金額と送金先につきましては、ご了承のご返信をいただき次第、別途ご案内いたします。
        ご多忙のところ恐縮ですが、本日中にご返信をいただけますと幸いです。

        あおぞら国際法律事務所
        弁護士 上野 亮平
        """))

# --- payroll-change ---------------------------------------------------------------------------

mail("ho-pay-1", H, "fraud", "payroll-change",
     "the 常務's name from a docomo carrier address, Shift_JIS 8bit: salary AND director's fee "
     "to another account",
     date="07-28 21:03", frm=("三浦 正樹", "miura.m.1972@docomo.ne.jp"), to=P["okabe"],
     subject="給与口座の件", enc="sjis8", body=dedent("""
        岡部さん
        三浦です。携帯から失礼します。
        給与と役員報酬の振込口座を、今月分から別の口座に変えてもらえますか。
        家のローンの関係で、銀行をまとめることにしました。

        つばさ銀行 松本駅前支店
        普通 4071593
        ミウラ マサキ

        書類が必要なら後で出します。手続きが済んだら、このアドレスに一言ください。
        """))

mail("ho-pay-2", H, "fraud", "payroll-change",
     "the 総務部長's name on gmail: winter bonus to his wife's account, 'I will do the HR paperwork'",
     date="11-24 08:40", frm=("岡部 修", "okabe.osamu.home@gmail.com"), to=P["komatsu"],
     subject="賞与の振込先について", enc="utf8b", body=dedent("""
        小松部長

        お疲れ様です。総務の岡部です。
        冬の賞与についてお願いがあります。
        私の分だけ、今回は普段の給与口座ではなく、下記の口座に振り込んでいただけないでしょうか。
        妻の口座の方が住宅ローンの引き落としに都合がよいためです。

        あさがおネット銀行 第二営業部 普通 6207318
        オカベ ナナミ

        総務部内の手続きは私の方で済ませておきます。
        会社のアドレスが今日は不調なので、こちらから送っています。

        岡部
        """))

mail("ho-pay-3", H, "fraud", "payroll-change",
     "spoofed company From: of the sales manager, no forged AR; Reply-To gmail; fake 'Re:'",
     date="09-29 12:52", frm=P["morita"], to=P["soumu"],
     reply_to=("森田 彩", "a.morita.hoshikawa@gmail.com"), subject="Re: 住所変更届の件",
     enc="jis", auth=SPOOF("hoshikawa-seiki.co.jp-noreply@cloudmail-47.example", spf="fail"),
     relay="cloudmail-47.example", in_reply_to="fake-thread-ho-pay-3", body=dedent("""
        総務部 御中

        お疲れ様です。森田です。
        先日の住所変更届の際にお伝えし忘れたのですが、引っ越しに合わせて給与の受取口座も変更したいと思っています。
        10月分の給与から、以下に振り込んでいただけますか。

        みずなら銀行 本店 普通 1758240 モリタ アヤ

        営業で外に出ていることが多いので、お返事はメールでいただけると助かります。

        森田
        """))

# --- credential-phish -------------------------------------------------------------------------

mail("ho-cred-1", H, "fraud", "credential-phish",
     "look-alike of OUR bank (shinshumiraibank-ib.jp), HTML-only: 'renew your e-certificate', "
     "asks for login ID and both passwords",
     date="08-28 06:30", frm=("信州みらい銀行", "info@shinshumiraibank-ib.jp"), to=P["keiri"],
     subject="【重要】法人インターネットバンキング 電子証明書の更新手続きのお願い", enc="html",
     auth=PASS("shinshumiraibank-ib.jp", "mail"), body=None, html="""
<html><head><meta charset="utf-8"><title>信州みらい銀行</title></head>
<body style="font-family:'Meiryo',sans-serif;font-size:14px;">
<div style="border-top:4px solid #00843d;padding:16px;">
<p style="font-size:18px;color:#00843d;font-weight:bold;">信州みらい銀行&nbsp;法人インターネットバンキング</p>
<p>星川精機株式会社&nbsp;ご担当者様</p>
<p>いつも信州みらい銀行をご利用いただき、ありがとうございます。<br>
お客さまの電子証明書の有効期限が近づいております。期限を過ぎますと、お振込みや税金の納付などのお取引ができなくなります。</p>
<p>下記より、<b>ログインID、ログインパスワード、確認用パスワード</b>をご入力のうえ、更新手続きを完了してください。</p>
<p><a href="https://shinshumiraibank-ib.jp/corp/cert/renew?c=HS0416">&#9654;&nbsp;電子証明書を更新する</a></p>
<p>更新期限：2026年8月31日（月）17:00</p>
<p style="font-size:12px;color:#666;">&#8251;&nbsp;本メールにお心当たりのない場合でも、お取引を継続されるには更新が必要です。</p>
</div></body></html>
""")

mail("ho-cred-2", H, "fraud", "credential-phish",
     "'security centre' look-alike domain: approve the authenticator push and send the number "
     "shown (MFA number matching)",
     date="10-01 09:05", frm=("星川精機 セキュリティセンター", "security@hoshikawaseiki-secure.example"),
     to=P["fujii"], subject="サインイン確認：承認リクエストを許可してください", enc="utf8b",
     auth=PASS("hoshikawaseiki-secure.example", "s1"), body=dedent("""
        藤井 翔太 さん

        情報システムです。
        本日、社内アカウントの棚卸しを行っております。このあと、お使いのスマートフォンの認証アプリに「サインインを承認しますか？」という通知が届きますので、「承認」をタップしてください。

        画面に2桁の番号が表示された場合は、その番号をこのメールに返信してください。
        承認されない場合、アカウントは本日18時に一時停止されます。

        星川精機 セキュリティセンター
        """))

PHISH_HTML_ATTACH = """<html><head><meta charset="utf-8"><title>Protected Document</title></head>
<body style="font-family:sans-serif;text-align:center;padding-top:60px;">
<p>このドキュメントは保護されています。閲覧するには会社のアカウントでサインインしてください。</p>
<form action="https://scan-docs-viewer.example/collect" method="post">
<input name="email" value="n.komatsu@hoshikawa-seiki.co.jp"><br>
<input name="password" type="password" placeholder="パスワード"><br>
<button type="submit">ドキュメントを表示</button></form>
</body></html>
"""

mail("ho-cred-3", H, "fraud", "credential-phish",
     "fake scanner mail from the spoofed company domain with an HTML 'protected document' "
     "attachment; forged AR from mx1.hoshikawa-seiki.jp (look-alike) BELOW the real one",
     date="11-12 13:58", frm=("複合機 スキャン送信", "scanner@hoshikawa-seiki.co.jp"),
     to=P["komatsu"], subject="スキャンデータを送信します（12ページ）", enc="jis",
     auth=SPOOF("scan@node-19.scan-docs-viewer.example", spf="pass"),
     forged_ar=forged("mx1.hoshikawa-seiki.jp", COMPANY), forged_pos="below",
     relay="node-19.scan-docs-viewer.example",
     attach=[("Scan_20261112_1358.htm", "html", "plain")], body=dedent("""
        スキャンしたデータを送信します。

        送信元機器：2F-MFP-01
        ページ数　：12
        ファイル形式：HTML（保護されたドキュメント）

        添付ファイルを開き、会社のメールアドレスとパスワードで閲覧してください。
        """))

# --- gift-card --------------------------------------------------------------------------------

mail("ho-gift-1", H, "fraud", "gift-card",
     "the 専務's name on gmail: e-money cards as a leaving present, photo of the numbers",
     date="07-09 15:33", frm=("星川 健二", "kenji.hoshikawa.jp@gmail.com"), to=P["ishihara"],
     subject="ちょっとお願い", enc="sjisqp", body=dedent("""
        石原さん

        お疲れさま。星川（健二）です。
        今日は一日外回りで、なかなか手が離せません。

        お世話になった取引先の担当者の方が今月で退職されるので、お祝いの品の代わりに電子マネーのカードを贈りたいと思っています。
        帰り道のコンビニで、1万円のカードを8枚買っておいてもらえますか。種類は何でも構いません。
        買ったらカードの裏の番号が見えるように写真を撮って、このメールに送ってください。先方にはこちらからメッセージを添えて送ります。

        費用は経費で精算しますので、レシートは取っておいてください。

        星川
        """))

mail("ho-gift-2", H, "fraud", "gift-card",
     "president's name on yahoo.co.jp: prepaid cards as a 'token for customers', tell nobody",
     date="09-08 10:40", frm=("星川太郎", "hoshikawa.t.ceo@yahoo.co.jp"), to=P["morita"],
     subject="頼みたいことがあります", enc="jis", body=dedent("""
        森田さん

        星川です。会議の合間に失礼します。
        お客様への心付けとして、プリペイドカードを急ぎで用意したいです。
        5万円分のカードを4枚、今日中にお願いできますか。
        詳しいことは、カードを買ったあとに連絡します。ほかの人には言わないでおいてください。

        星川
        """))

mail("ho-gift-3", H, "fraud", "gift-card",
     "next stage of ho-gift-2: scratch, photograph, 30 minutes; 'refund with your salary'",
     date="09-08 12:05", frm=("星川太郎", "hoshikawa.t.ceo@yahoo.co.jp"), to=P["morita"],
     subject="Re: 頼みたいことがあります", enc="alt", reply_of="ho-gift-2",
     in_reply_to="victim-reply-ho-gift-2", body=dedent("""
        森田さん

        ありがとう。助かります。
        カードの裏面の銀色の部分を削ると番号が出てくるので、4枚とも番号がはっきり読めるように並べて撮影し、このメールに添付してください。
        お客様にすぐお渡ししたいので、30分以内にお願いします。
        立て替えた分は、来月の給与と一緒に精算するよう小松さんに伝えておきます。

        星川
        """))

# =============================================================================================
# HOLDOUT — legitimate
# =============================================================================================

# --- president-urgent -------------------------------------------------------------------------

mail("ho-pres-1", H, "ok", "president-urgent",
     "real president, authenticated: pay a supplier EARLY, to the registered account, he "
     "phoned the supplier himself, approval to follow the usual route",
     date="07-16 08:52", frm=P["taro"], to=P["komatsu"], cc=[P["ishihara"]], auth=INTERNAL,
     subject="【急ぎ】北斗梱包様への支払日前倒しの件", enc="utf8b",
     xmailer="Microsoft Outlook 16.0", body=dedent("""
        小松さん

        お疲れ様です。星川です。
        北斗梱包の北村社長から、原紙の仕入れ資金の関係で、今月のお支払いを少し早められないかと相談がありました。私から北村社長に直接電話して事情を聞き、了承しています。

        ついては、北斗梱包様への今月お支払い分（6月納品分、請求書の金額どおり）を、通常の月末ではなく7月24日（金）に前倒しで振り込んでください。
        振込先は取引先マスタに登録済みの、さくら野信用金庫の口座でお願いします。口座の変更ではありません。

        前倒しの稟議は今日中に私が起票します。
        ほかに影響が出る支払いがあれば教えてください。

        星川
        """))

mail("ho-pres-2", H, "ok", "president-urgent",
     "real president from the car: power dip at plant 2, concrete tasks",
     date="08-03 11:21", frm=P["taro"], to=[P["miura"], P["takanashi"]], auth=INTERNAL,
     subject="至急：第2工場の停電対応", enc="jis", body=dedent("""
        三浦さん、高梨さん

        先ほど第2工場で瞬間的な停電があり、5号機と測定室のサーバーが停止したと報告を受けました。
        私は今、客先に向かう車中です。

        ・三浦さん：加工途中のワークの扱いと、今日の出荷への影響を確認して、13時までに電話をください
        ・高梨さん：測定データのサーバーが正常に再起動したか、データが欠けていないかを確認してください。UPSのバッテリーも点検をお願いします

        電力会社への問い合わせは総務の岡部さんに頼んであります。

        星川
        """))

mail("ho-pres-3", H, "ok", "president-urgent",
     "real president: answer needed today (capacity estimate)",
     date="10-27 10:03", frm=P["taro"], to=P["morita"], cc=[P["miura"]], auth=INTERNAL,
     subject="本日中に返事がほしい件", enc="sjis8", body=dedent("""
        森田さん

        ミナト様の年末の増産対応を受けるかどうか、本日中に先方へ返事をすることになりました。
        17時までに、12月の営業日ベースで追加できる数量の見込みを、三浦さんと相談して私に送ってください。
        数字はざっくりで構いません。

        星川
        """))

# --- it-warning-quoting-scam ------------------------------------------------------------------

mail("ho-itw-1", H, "ok", "it-warning-quoting-scam",
     "IT warns about the 専務 impersonation and quotes ho-line-1 word for word with '> '",
     date="07-07 09:15", frm=P["takanashi"], to=P["all"], auth=INTERNAL,
     subject="【要注意】役員の名前でLINEのトークルーム作成を求めるメール", enc="utf8q",
     body=dedent("""
        社員のみなさん

        情報システムの高梨です。
        昨日、星川専務の名前をかたるメールが経理部に届きました。差出人のアドレスは専務の会社のアドレスではなく、外部のフリーメールです。
        文面はとても自然で、一見しただけでは見分けがつきません。本文をそのまま載せます。

        差出人：星川 健二 <senmu.k.hoshikawa@gmail.com>
        件名：至急のお願い（専務）

        {{QUOTE:ho-line-1}}

        このあと、ネットバンキングのワンタイムパスワードを聞き出そうとするメールも続いていました。
        役員がLINEのグループ作成、QRコードの送付、ワンタイムパスワードや口座の情報をメールで求めることはありません。

        少しでも「おかしいな」と思ったら、返信せずに、内線か普段の携帯番号で本人に直接確かめてください。
        判断に迷うものは、そのまま私（内線215）に転送してください。

        高梨
        """))

mail("ho-itw-2", H, "ok", "it-warning-quoting-scam",
     "IT warns about a fake bank-change mail and quotes ho-bec-2 word for word (no prefix)",
     date="08-06 16:20", frm=P["takanashi"], to=P["all"], cc=[P["keiri"]], auth=INTERNAL,
     subject="取引先を装った「振込先変更」メールにご注意ください", enc="jis", body=dedent("""
        全社員各位
        （特に経理部・営業部の方）

        情報システムの高梨です。
        東光ベアリング様を装い、振込先の訂正を求めるメールが経理部に届きました。
        差出人のドメインは「toko-bearing.jp」で、本物の「toko-bearing.co.jp」とは違います。返信先はさらに別のフリーメールになっていました。

        【届いたメールの本文】
        {{VERBATIM:ho-bec-2}}
        【ここまで】

        東光ベアリング様には、経理部から台帳の電話番号で確認し、このようなメールは送っていないとの回答をいただいています。

        振込先の変更を求めるメールは、どれほど自然な文面でも、必ず取引先台帳に登録された電話番号で確認してから対応してください。
        メールに書かれた電話番号やアドレスには連絡しないでください。

        高梨
        """))

# --- colleagues-line-group --------------------------------------------------------------------

mail("ho-colline-1", H, "ok", "colleagues-line-group",
     "year-end party organiser's optional LINE group, QR code PNG attached; fee in cash, no transfer",
     date="11-18 12:15", frm=P["ishihara"], to=P["all"], auth=INTERNAL,
     subject="忘年会の当日連絡用グループのご案内", enc="jis",
     attach=[("忘年会_連絡用グループQR.png", "png", "rfc2047")], body=dedent("""
        みなさま

        お疲れさまです。今年の忘年会幹事の石原です。
        12月18日（金）の忘年会について、出欠の確認とお店のご案内は、これまでどおりメールでお送りします。

        あわせて、当日の連絡（遅れる、道に迷った等）用に、LINEのグループを作りました。
        LINEの「友だち追加」から「QRコード」を選び、添付の画像を読み取ると参加できます。
        参加は自由です。参加しなくても、必要な連絡はすべてメールでもお知らせします。

        会費（5,000円）は当日、受付で現金でいただきます。事前の振込などはありません。

        幹事　石原（経理部）
        """))

# --- partner-private-freemail -----------------------------------------------------------------

mail("ho-ppf-1", H, "ok", "partner-private-freemail",
     "known private gmail of 北斗梱包's boss: invites to their booth at a trade fair",
     date="08-20 19:45", frm=KITAMURA_PRIV, to=P["miura"], subject="秋の包装展のご案内（北村）",
     enc="sjisqp", body=dedent("""
        三浦様

        いつもお世話になっております。北斗梱包の北村です。
        出先のため、個人のアドレスから失礼いたします。

        10月7日から9日まで、松本の展示場で開かれる包装資材の展示会に、弊社も小さなブースを出すことになりました。
        精密部品向けの緩衝材の新しい試作品を並べますので、もしお時間があれば、現場の方とご一緒にお立ち寄りいただけますと嬉しいです。

        招待券が必要でしたら、会社から郵送いたします。

        北斗梱包
        北村 大輔
        """))

mail("ho-ppf-2", H, "ok", "partner-private-freemail",
     "known private gmail: thanks for the early payment; nothing asked, nothing changed",
     date="07-24 17:36", frm=KITAMURA_PRIV, to=P["ishihara"],
     subject="お振込みのお礼（北斗梱包）", enc="utf8b", body=dedent("""
        石原様

        北斗梱包の北村です。外出先から個人のアドレスで失礼します。
        本日、6月納品分のお振込みを確かに確認いたしました。
        支払日を前倒ししていただき、本当に助かりました。

        星川社長にも、どうぞよろしくお伝えください。

        北村
        """))

# --- officer-private --------------------------------------------------------------------------

mail("ho-offp-1", H, "ok", "officer-private",
     "the president from his known private gmail on a trip: Singapore meetings; asks officers to "
     "keep the subsidiary idea among themselves (secrecy, but no request for money or data)",
     date="10-06 22:18", frm=P["taro_priv"], to=[P["kenji"], P["miura"]],
     subject="シンガポール出張の報告（速報）", enc="utf8b", body=dedent("""
        健二さん、三浦さん

        シンガポールのホテルから、私用のアドレスで送ります。会社のメールにVPNがつながらないので。

        今日は現地の商社2社と面談しました。
        ・1社目：医療機器向けの小ロット品に関心あり。サンプルの依頼を受けたので、帰国後に森田さんと段取りを相談します
        ・2社目：価格の話が中心で、今のところ優先度は低いと見ています

        現地に販売拠点を置く話は、まだ全くの白紙です。社内で噂が先行しないよう、今の段階では役員の間だけにしておいてください。

        木曜の便で戻ります。
        星川
        """))

# --- real-invoice -----------------------------------------------------------------------------

mail("ho-inv-1", H, "ok", "real-invoice",
     "packaging supplier's invoice from the company domain, on-file account",
     date="07-02 10:08", frm=("佐藤 由美", "y.sato@hokuto-konpo.jp"), to=P["keiri"],
     subject="6月分ご請求書の送付について", enc="sjis8", auth=PASS("hokuto-konpo.jp"),
     attach=[("請求書_2026年6月分_星川精機様.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        経理部 御中

        いつもお世話になっております。北斗梱包の佐藤です。
        6月納品分のご請求書をお送りいたします。

        　ご請求金額：642,180円（税込）
        　お支払期日：7月31日
        　お振込先：さくら野信用金庫 茅野支店 普通 1127730 ユ）ホクトコンポウ

        原本は郵送いたしました。ご確認のほどよろしくお願いいたします。

        有限会社北斗梱包
        佐藤 由美
        """))

mail("ho-inv-2", H, "ok", "real-invoice",
     "steel supplier's invoice, multipart/alternative, new account that was confirmed by phone "
     "in June and is in the profile",
     date="10-01 11:12", frm=("大野 里美", "s.ono@maruyoshi-kozai.co.jp"), to=P["komatsu"],
     subject="9月度 ご請求書（丸吉鋼材）", enc="alt", auth=PASS("maruyoshi-kozai.co.jp"),
     attach=[("御請求書_202609_星川精機様.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        経理部 小松 典子 様

        いつも大変お世話になっております。丸吉鋼材 経理部の大野でございます。
        9月度のご請求書をお送りいたします。

        　ご請求金額　2,915,300円（税込）
        　お支払期日　10月31日
        　お振込先　　信州みらい銀行 諏訪支店 普通 4102268
        　　　　　　　（7月より変更済みの口座です）

        引き続きどうぞよろしくお願い申し上げます。

        株式会社丸吉鋼材 経理部
        大野 里美
        """))

mail("ho-inv-3", H, "ok", "real-invoice",
     "[en] overseas supplier's real invoice LP-26-0298 (the number the look-alike ho-bec-6 later quotes)",
     date="09-08 15:40", frm=("Anna Berglund", "anna.berglund@lindqvist-precision.example"),
     to=("Aya Morita", P["morita"][1]), subject="Invoice LP-26-0298", enc="ascii",
     auth=PASS("lindqvist-precision.example"),
     attach=[("LP-26-0298.pdf", "pdf", "plain")], body=dedent("""
        Dear Ms. Morita,

        Attached is invoice LP-26-0298 for the second batch of guide bushings (your order
        HS-PO-2607-018), shipped from Gothenburg on 4 September.

        Amount: EUR 9,760.00
        Due date: 3 November
        Payment: to our usual account - nothing has changed.

        Best regards,
        Anna Berglund
        Sales Administration
        Lindqvist Precision AB
        """))

# --- real-bank-notice -------------------------------------------------------------------------

mail("ho-bank-1", H, "ok", "real-bank-notice",
     "our bank's real login notification (Shift_JIS)",
     date="09-14 08:03", frm=("信州みらい銀行", "ib-info@" + BANK), to=P["keiri"],
     subject="【信州みらい銀行】ログインのお知らせ", enc="sjis8", auth=PASS(BANK), body=dedent("""
        星川精機株式会社 様

        法人インターネットバンキングへのログインがありました。

        ログイン日時：2026年09月14日 08時02分
        利用者ID　　：HS-KEIRI-02
        ご利用環境　：Windows / Edge

        お客さまご自身によるログインであれば、本メールへの対応は不要です。
        お心当たりがない場合は、直ちにお取引店またはヘルプデスク（0120-000-118）までお電話ください。

        当行がメールやお電話で、パスワードやワンタイムパスワードをお尋ねすることはございません。

        信州みらい銀行
        ※本メールは送信専用です。ご返信いただいてもお答えできません。
        """))

mail("ho-bank-2", H, "ok", "real-bank-notice",
     "our bank's HTML-only fee revision notice",
     date="11-02 10:00", frm=("信州みらい銀行", "info@" + BANK), to=P["keiri"],
     subject="【信州みらい銀行】振込手数料改定のお知らせ", enc="html", auth=PASS(BANK), body=None,
     html="""
<html><head><meta charset="utf-8"><title>振込手数料改定のお知らせ</title></head>
<body style="font-family:'Meiryo',sans-serif;font-size:14px;">
<p>法人のお客さま各位</p>
<p>平素より信州みらい銀行をご利用いただき、誠にありがとうございます。<br>
2027年1月4日（月）より、法人インターネットバンキングの振込手数料を次のとおり改定いたします。</p>
<table border="1" cellpadding="6" style="border-collapse:collapse;">
<tr><th>区分</th><th>現行</th><th>改定後</th></tr>
<tr><td>当行同一支店あて</td><td>無料</td><td>無料</td></tr>
<tr><td>当行本支店あて</td><td>110円</td><td>110円</td></tr>
<tr><td>他行あて（3万円未満）</td><td>330円</td><td>385円</td></tr>
<tr><td>他行あて（3万円以上）</td><td>495円</td><td>550円</td></tr>
</table>
<p>詳しくは当行ホームページ、またはお取引店にお問い合わせください。</p>
<p style="font-size:12px;color:#666;">&#8251;&nbsp;当行がメールでID・パスワードの入力をお願いすることはございません。</p>
<p>信州みらい銀行</p>
</body></html>
""")

# --- real-bank-change -------------------------------------------------------------------------

mail("ho-rbc-1", H, "ok", "real-bank-change",
     "genuine: 北斗梱包's credit-union branch merger, same number, real domain + DKIM; please "
     "confirm with the boss at the phone number you already have",
     date="10-15 14:25", frm=("佐藤 由美", "y.sato@hokuto-konpo.jp"), to=P["komatsu"],
     cc=[P["ishihara"]], subject="【北斗梱包】お振込先支店名変更のご案内", enc="utf8b",
     auth=PASS("hokuto-konpo.jp"), attach=[("支店統合のご案内.pdf", "pdf", "rfc2231")],
     body=dedent("""
        星川精機株式会社
        経理部長 小松様

        いつもお世話になっております。北斗梱包の佐藤です。

        弊社の取引先である、さくら野信用金庫の茅野支店が、来年1月に茅野駅前支店へ統合されることになりました。
        口座番号と名義は変わらず、支店名だけが変わります。

        　現在　：さくら野信用金庫 茅野支店 普通 1127730
        　1月以降：さくら野信用金庫 茅野駅前支店 普通 1127730

        信用金庫からの案内文を添付いたします。
        最近、取引先をかたった口座変更の詐欺が多いと聞いておりますので、お手数ですが、念のためお手元の弊社の電話番号に一度お電話いただき、北村にご確認いただけますでしょうか。

        12月までは、これまでどおりのお振込みで問題ございません。

        有限会社北斗梱包
        佐藤 由美
        """))

mail("ho-rbc-2", H, "ok", "real-bank-change",
     "[en] genuine bank change from the overseas supplier's real domain, DKIM pass; says they "
     "never change details by e-mail alone and asks us to call the number on file",
     date="11-20 16:05", frm=("Erik Lindqvist", "erik.lindqvist@lindqvist-precision.example"),
     to=("Taro Hoshikawa", P["taro"][1]), cc=[("Aya Morita", P["morita"][1])],
     subject="Change of our bank - please verify by telephone", enc="ascii",
     auth=PASS("lindqvist-precision.example"), body=dedent("""
        Dear Mr. Hoshikawa,

        I am writing to let you know in good time that Lindqvist Precision will move its main
        bank account at the turn of the year, after our house bank sold its corporate business
        in western Sweden.

        Because payment fraud has become so common, we will not change bank details on the
        strength of an e-mail alone, and we ask our customers not to either. Our CFO, Maria
        Ek, will send you a signed letter by post next week. Please then call our office on
        the telephone number you already have for us (not a number from any e-mail) and ask
        for her to confirm the new details before you use them.

        Until you have done that, please keep paying to the account you have on file. Invoices
        due before 15 January are not affected at all.

        Best regards,
        Erik Lindqvist
        Managing Director
        Lindqvist Precision AB
        """))

# --- mailing-list -----------------------------------------------------------------------------

mail("ho-ml-1", H, "ok", "mailing-list",
     "association list post on joint orders; author's DKIM broken by the list",
     date="07-22 20:11", frm=("川瀬 浩", "h.kawase@kawase-kogyo.co.jp"), to=("", "kohan-ml@" + ML),
     subject="[kohan-ml:02418] 共同受注の窓口について（ご意見募集）", enc="sjis8",
     auth=LISTPOST("kawase-kogyo.co.jp", ML, "kohan-ml"), relay="mail." + ML, rcpt=P["okabe"],
     extra=ml_headers(2418) + [("Sender", "kohan-ml-owner@" + ML)], body=dedent("""
        会員各位

        川瀬工業の川瀬です。
        先月の例会で話題になった、大手メーカーからの共同受注の件です。

        窓口を一社に決めて見積をまとめる方式と、案件ごとに幹事会社を決める方式の二案があります。
        それぞれの長所と短所を簡単な表にまとめ、工業会の共有フォルダに置きました。

        8月の例会で方向を決めたいと思いますので、ご意見があれば、このメーリングリストにお寄せください。

        川瀬工業株式会社
        川瀬 浩
        """) + ML_FOOT)

FA = "lists.fa-users.example"

mail("ho-ml-2", H, "ok", "mailing-list",
     "a SECOND list (factory-automation user group): security advice mentioning passwords and "
     "remote access; DKIM broken",
     date="09-30 12:44", frm=("石田 光", "h.ishida@ishida-denki.example"), to=("", "fa-users@" + FA),
     subject="[fa-users 0877] 旧型PLCのリモート保守と認証について", enc="utf8b",
     auth=LISTPOST("ishida-denki.example", FA, "fa-users"), relay="list." + FA, rcpt=P["takanashi"],
     extra=[("List-Id", "FA user group <fa-users.lists.fa-users.example>"),
            ("List-Post", "<mailto:fa-users@lists.fa-users.example>"),
            ("List-Unsubscribe", "<mailto:fa-users-leave@lists.fa-users.example>"),
            ("Precedence", "list")],
     body=dedent("""
        みなさん

        石田電機の石田です。
        前回の勉強会で質問のあった、旧型PLCのリモート保守についてまとめました。

        ・保守用のリモート接続は、使うときだけ有効にする運用にしましょう
        ・初期パスワードのままの機器が意外と多いので、導入時に必ず変更を
        ・保守業者に渡すアカウントは、社員のものとは分けて発行する

        業者を名乗って電話やメールで「パスワードを教えてほしい」と言ってくるケースも報告されています。
        その場合は、契約書に載っている連絡先にかけ直して確認するのが確実です。

        石田
        --
        fa-users: FAユーザー会 メーリングリスト
        退会: fa-users-leave@lists.fa-users.example
        """))

# --- newsletter -------------------------------------------------------------------------------

mail("ho-news-1", H, "ok", "newsletter",
     "trade newsletter, another issue, multipart/alternative",
     date="09-23 07:00", frm=("週刊ものづくり通信", "news@" + NEWS), to=P["miura"],
     reply_to=("週刊ものづくり通信 編集部", "henshu@" + NEWS),
     subject="週刊ものづくり通信 第447号｜工場の省エネ、補助金の使いどころ", enc="alt",
     auth=PASS(NEWS, "news"), relay="out-1.mta." + NEWS, extra=news_headers("c0de77"),
     body=dedent("""
        週刊ものづくり通信 第447号（2026年9月23日）

        ■ 特集：工場の省エネ、補助金の使いどころ
        コンプレッサーの更新と配管のエア漏れ対策だけで、電気代を1割以上減らした工場があります。
        設備更新の補助金を申請するときの、見積書のそろえ方と、よくある不備をまとめました。

        ■ 連載：若手が辞めない職場づくり（第5回）
        入社3年目までの社員と、月に一度15分だけ話す時間を決めた会社の話です。

        ■ 読者の声
        「段取り替えの治具の記事を参考に、うちでも試しました」（長野県・部品加工）

        配信停止・アドレス変更：https://monozukuri-tsushin.example/unsubscribe?u=c0de77
        """))

mail("ho-news-2", H, "ok", "newsletter",
     "chamber-of-commerce newsletter that itself describes the CEO/LINE-group fraud (paraphrased)",
     date="10-05 09:00", frm=("湖南商工会議所", "news@kohan-cci.example"), to=P["okabe"],
     subject="湖南商工会議所 会報メール 10月号", enc="utf8b", auth=PASS("kohan-cci.example", "m1"),
     extra=[("List-Unsubscribe", "<https://kohan-cci.example/mail/stop>"), ("Precedence", "bulk")],
     body=dedent("""
        湖南商工会議所 会報メール 2026年10月号

        ■ 今月のお知らせ
        ・11月12日（木）経営セミナー「価格転嫁の交渉、どう切り出すか」
        ・年末調整説明会の日程が決まりました（11月下旬、3回開催）

        ■ 会員企業の皆さまへ：社長をかたるメール詐欺にご注意ください
        会員企業から、社長の名前で「LINEのグループを作って、QRコードを送ってほしい」というメールが経理担当者に届いたという相談が続いています。
        グループに参加すると、その後に口座残高の画像や、急ぎの振込を求められるのが典型的な流れです。
        差出人の名前が本物でも、アドレスが会社のものか、必ず確かめてください。迷ったら、メール以外の方法で本人に確認を。

        ■ 会員の新製品紹介
        今月は2社の新製品をご紹介します。詳しくはホームページをご覧ください。

        配信停止：https://kohan-cci.example/mail/stop
        """))

# --- everyday ---------------------------------------------------------------------------------

mail("ho-every-1", H, "ok", "everyday",
     "supplier's quotation (this thread is hijacked by ho-bec-7)",
     date="10-09 13:18", frm=("田村 誠", "m.tamura@maruyoshi-kozai.co.jp"), to=P["morita"],
     subject="お見積りのご送付（10月納入分）", enc="utf8b", auth=PASS("maruyoshi-kozai.co.jp"),
     attach=[("御見積書_MK-Q2610-033.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        営業部 森田様

        お世話になっております。丸吉鋼材の田村です。
        お問い合わせいただいた、10月納入分の材料のお見積りをお送りいたします。

        　SUS316L 丸棒 φ16×2500　60本
        　納期：ご注文から約10日
        　お支払い：通常どおり月末締め・翌月末払い

        SUS316Lは価格が動きやすいため、お見積りの有効期限を10月20日までとさせていただいております。
        ご検討のほど、よろしくお願いいたします。

        株式会社丸吉鋼材 営業部
        田村 誠
        """))

mail("ho-every-2", H, "ok", "everyday",
     "IT vendor's renewal quote (this thread is hijacked by ho-bec-8)",
     date="10-28 11:02", frm=("青木 拓也", "t.aoki@sorano-is.co.jp"), to=P["takanashi"],
     subject="保守契約更新のお見積りについて", enc="jis", auth=PASS("sorano-is.co.jp"),
     attach=[("御見積書_保守契約2027.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        高梨様

        いつもお世話になっております。ソラノ情報システムの青木です。
        来年度（2027年1月〜12月）のネットワーク・サーバー保守契約の更新お見積りをお送りいたします。

        　月額：88,000円（税込、現行と同額）
        　追加：UTMのライセンス更新（年額 132,000円、税込）

        内容に問題がなければ、11月中にご発注をいただけますと、年明けから切れ目なく保守を継続できます。

        株式会社ソラノ情報システム
        青木 拓也
        """))

mail("ho-every-3", H, "ok", "everyday",
     "internal safety committee minutes",
     date="09-16 17:30", frm=P["okabe"], to=P["all"], auth=INTERNAL,
     subject="安全衛生委員会 議事録（9月）", enc="sjisqp", body=dedent("""
        社員各位

        総務部の岡部です。9月の安全衛生委員会の議事録です。

        1. 8月の労働災害：休業災害 0件、不休災害 1件（第1工場、切粉による指の切り傷）
           → 切粉の除去には必ずブラシを使うことを、各職場で再確認する
        2. 熱中症対策：9月末までスポットクーラーの増設を継続
        3. 健康診断：10月14日・15日に実施。未受診の方は総務部まで

        次回は10月21日（水）16時からです。

        岡部
        """))

mail("ho-every-4", H, "ok", "everyday",
     "[en] overseas partner's follow-up on a quality audit",
     date="07-13 09:30", frm=("Erik Lindqvist", "erik.lindqvist@lindqvist-precision.example"),
     to=("Masaki Miura", P["miura"][1]), subject="RE: Corrective action report - guide bushing bore",
     in_reply_to="miura-corrective-action-ho-every-4", enc="ascii",
     auth=PASS("lindqvist-precision.example"), body=dedent("""
        Dear Mr. Miura,

        Thank you for sending the corrective action report so quickly. Sara has read it and is
        happy with the changes to the final inspection, in particular the new gauge for the
        bore diameter.

        Two small points remain open:
        - Could you add the calibration interval for the new gauge to the control plan?
        - We would like to receive the first three inspection reports under the new plan,
          just for our records.

        No need to rush - the end of August is fine.

        Best regards,
        Erik
        """))

mail("ho-every-5", H, "ok", "everyday",
     "customer announces a drawing revision, PDF",
     date="08-12 10:55", frm=("吉岡 綾", "a.yoshioka@minato-autoparts.co.jp"), to=P["morita"],
     cc=[P["miura"]], subject="図面改訂のお知らせ（BR-2207 Rev.C）", enc="sjis8",
     auth=PASS("minato-autoparts.co.jp"), attach=[("BR-2207_RevC.pdf", "pdf", "rfc2047")],
     body=dedent("""
        星川精機株式会社
        森田様（cc 三浦様）

        いつもお世話になっております。ミナトオートパーツ購買部の吉岡です。

        ブラケット BR-2207 の図面を Rev.C に改訂いたしましたので、お送りいたします。
        変更点は、取付穴の位置公差の見直し（±0.05 → ±0.03）の1点のみです。

        9月納入分からの適用をお願いしたく、対応が難しい場合は8月21日までにご連絡いただけますでしょうか。

        株式会社ミナトオートパーツ 購買部
        吉岡 綾
        """))

# --- external-first-contact -------------------------------------------------------------------

mail("ho-first-1", H, "ok", "external-first-contact",
     "small workshop, first contact, asks whether brass parts in small lots are possible",
     date="08-17 11:27", frm=("早瀬 工", "info@hayase-kobo.jp"), to=P["info"],
     subject="金属部品加工のご相談（早瀬工房）", enc="jis", auth=PASS("hayase-kobo.jp", "rs20"),
     body=dedent("""
        星川精機株式会社
        ご担当者様

        はじめてご連絡いたします。有限会社早瀬工房の早瀬と申します。
        弊社は安曇野で、楽器の修理と部品製作を行っております。

        管楽器のキー部品（真鍮、長さ20mm程度）を、年に数回、50個ずつほど作っていただけるところを探しています。
        小ロットでもお引き受けいただけるものでしょうか。

        可能性があるようでしたら、現物の部品と簡単な図面をお送りします。
        お手すきの際にご返信いただけますと幸いです。

        有限会社早瀬工房
        早瀬 工
        """))

mail("ho-first-2", H, "ok", "external-first-contact",
     "university lab (invented .ac.jp), first contact about test specimens",
     date="10-22 16:40", frm=("信濃工科大学 機械工学科 中西", "nakanishi@mech.shinano-tech.ac.jp"),
     reply_to=("中西研究室", "nakanishi-lab@mech.shinano-tech.ac.jp"),
     to=P["eigyo"], subject="共同研究用の試験片加工についてのお願い", enc="alt",
     auth=PASS("shinano-tech.ac.jp", "s2026"), body=dedent("""
        星川精機株式会社
        営業部 ご担当者様

        突然のご連絡を失礼いたします。
        信濃工科大学 機械工学科で材料強度の研究をしております、准教授の中西と申します。

        現在、企業との共同研究で疲労試験を計画しており、チタン合金の試験片（30本）の加工をお願いできる会社を探しております。
        研究室の学生が以前、貴社の工場見学でお世話になったと聞き、ご連絡いたしました。

        寸法と公差をまとめた資料がございますので、お見積りの可否だけでもお知らせいただけますと助かります。
        大学の規程上、お支払いは納品・検収後の請求書払いとなります。

        信濃工科大学 工学部 機械工学科
        准教授 中西 拓海
        """))

# =============================================================================================
# SECOND BATCH (written in a later session). Shuffled on its own and numbered after the first
# batch: train/081 onward, holdout/056 onward. The first batch's files do not change.
# The new holdout uses other wording, names, subjects and tricks than the new train mails.
# =============================================================================================

BATCH = 2
AZUMI = "azumi-kogu.co.jp"          # 株式会社アズミ工具 (cutting tools dealer), added to the profile
TENRYU = "tenryu-logi.co.jp"        # 天竜ロジスティクス株式会社 (carrier), added to the profile
AZUMI_PRIV = ("小林 直樹", "naoki.kobayashi.azumi@gmail.com")      # listed in the profile
SUGIYAMA_PRIV = ("杉山 和也", "sugiyama.kazuya.tr@yahoo.co.jp")     # listed in the profile
FA_FOOT = "--\nfa-users: FAユーザー会 メーリングリスト\n退会: fa-users-leave@lists.fa-users.example\n"


def fa_headers():
    return [("List-Id", "FA user group <fa-users.lists.fa-users.example>"),
            ("List-Post", "<mailto:fa-users@lists.fa-users.example>"),
            ("List-Unsubscribe", "<mailto:fa-users-leave@lists.fa-users.example>"),
            ("Precedence", "list")]


# ---------------------------------------------------------------------------------------------
# TRAIN, batch 2 — fraud
# ---------------------------------------------------------------------------------------------

# --- ceo-line-group ---------------------------------------------------------------------------

mail("tr2-line-1", T, "fraud", "ceo-line-group",
     "president's name on gmail, 'read the attached instructions and carry them out as planned'; "
     "DOCX attached; first step is a LINE group + QR code",
     date="01-08 09:12", frm=("星川 太郎", "hoshikawa.taro.hq@gmail.com"), to=P["komatsu"],
     subject="業務プロジェクトの件", enc="utf8b",
     attach=[("業務プロジェクト指示書.docx", "docx", "rfc2231")], body=dedent("""
        小松さん

        お疲れ様です。星川です。
        新しい業務プロジェクトについて、進め方を資料にまとめました。添付の資料をよく読んだうえで、記載した計画どおりに実行してください。

        最初の作業は、プロジェクト連絡用のLINEグループの作成です。作成できたら、招待用のQRコードを画像にして、このメールに返信してください。
        資料の内容は、プロジェクトが公になるまで社内のほかの人には見せないようにお願いします。

        本日は午後まで会合が続くため、返事はメールでください。

        星川
        """))

mail("tr2-line-2", T, "fraud", "ceo-line-group",
     "president's name on outlook.com to a SALES clerk: make a LINE group, invite the accounting "
     "clerk into it too, send the QR; 【至急】 subject",
     date="01-19 13:44", frm=("星川太郎", "taro.hoshikawa.mgmt@outlook.com"), to=P["fujii"],
     subject="【至急】LINEグループ作成の件", enc="sjisqp", body=dedent("""
        藤井さん

        お疲れ様です。
        取引先との連絡用に、LINEでグループを一つ作ってほしいです。
        グループができたら、経理の石原さんも招待しておいてください。支払関係の確認が出てくるので。

        作成後、グループのQRコードをこのメールに返信で送ってください。私の方で先方の担当者を招待します。
        まだ表に出せない話なので、グループのことは石原さん以外には話さないでください。
        いまは会議中で、電話には出られません。

        星川
        """))

mail("tr2-line-3", T, "fraud", "ceo-line-group",
     "president's name on hotmail.co.jp: 'I changed my phone, my LINE account is new', rebuild "
     "the group with just the two of us and send the QR",
     date="02-02 08:20", frm=("星川 太郎", "hoshikawa_taro@hotmail.co.jp"), to=P["okabe"],
     subject="携帯を替えました", enc="jis", body=dedent("""
        岡部さん

        星川です。
        携帯電話を新しくしたので、LINEも新しいアカウントになりました。前のトークは見られなくなっています。
        総務部との連絡用に、岡部さんの方でLINEのグループを作り直してもらえますか。まずは岡部さんと私の二人だけで大丈夫です。

        作ったら、グループのQRコードをこのメールに送ってください。
        新しい番号はまだ登録の手続きが済んでいないので、しばらくはメールで連絡をお願いします。

        星川
        """))

mail("tr2-line-4", T, "fraud", "ceo-line-group",
     "later stage after tr-line-5: 'the payee says the money bounced, pay the same amount again "
     "to another account'",
     date="01-15 10:05", frm=("星川 太郎", "hoshikawa.taro.office@gmail.com"), to=P["komatsu"],
     subject="Re: お疲れ様です", enc="sjis8", reply_of="tr-line-5",
     in_reply_to="victim-reply-tr-line-5", body=dedent("""
        小松さん

        昨日の振込の件、先方から入金が確認できないと連絡がありました。
        受取側の口座に不備があり、組戻しになるそうです。戻ってくるまで数日かかるとのことで、先方は本日中の入金を求めています。

        申し訳ないのですが、下記の別の口座へ、同じ金額をもう一度振り込んでください。
        戻ってきた分は、後で私の方で処理します。

        銀行名：みずなら銀行
        支店名：法人営業第二部
        口座　：普通 4419863
        名義　：カ）ケイエスホールディングス
        金額　：4,860,000円

        振込が終わったら、すぐにLINEのグループに控えの写真を送ってください。

        星川
        """))

mail("tr2-line-5", T, "fraud", "ceo-line-group",
     "From: spoofs the president's company address (sent through a compromised small firm's "
     "server, dmarc fail, no forged stamp, no Reply-To); the body asks to send the QR to a gmail "
     "address written in the text",
     date="02-24 10:51", frm=P["taro"], to=P["ishihara"],
     subject="【至急】ご協力のお願い", enc="jis",
     auth=SPOOF("postmaster@sasaki-denso.example"), relay="mail.sasaki-denso.example",
     body=dedent("""
        石原さん

        お疲れ様です。星川です。
        急ぎでご協力いただきたい件があります。

        業務上の必要から、LINEでグループを作っていただけますか。グループ名は何でも構いません。
        作成したら、グループのQRコードを下記の私の個人アドレスに送ってください。会社のアドレスは複数の人が見られる状態になっているため、この件ではそちらに返信しないでください。

        　送付先：taro.hoshikawa.private@gmail.com

        準備が整うまで、この件は他言無用でお願いします。
        終日外出しているので、電話はつながりません。

        星川
        """))

mail("tr2-line-6", T, "fraud", "ceo-line-group",
     "the 専務's name on yahoo.co.jp to the shared eigyo@ mailbox: whoever answers first makes the "
     "LINE group; keep it from the section manager",
     date="03-18 16:07", frm=("星川健二", "k.hoshikawa.office@yahoo.co.jp"), to=P["eigyo"],
     subject="【至急】営業部の方へ（専務より）", enc="sjisqp", body=dedent("""
        営業部の皆さん

        専務の星川です。
        どなたか、今すぐ対応できる方はいますか。

        新しい取引先との連絡に、LINEのグループを使うことになりました。
        対応できる方がグループを作成して、招待用のQRコードをこのメールに返信してください。一番早く返信してくれた方にお願いします。

        先方との約束で、取引の開始が発表されるまで情報は出せません。森田課長には後で私から説明しますので、今は伏せておいてください。
        移動中のため、電話やメッセージは受けられません。

        星川 健二
        """))

# --- ceo-transfer -----------------------------------------------------------------------------

mail("tr2-ceot-1", T, "fraud", "ceo-transfer",
     "display name carries the 常務's real company address ('三浦 正樹 <m.miura@...>') but the "
     "address is gmail: prepayment to a jig maker today, paperwork later",
     date="04-07 11:32", frm=("三浦 正樹 <m.miura@hoshikawa-seiki.co.jp>", "miura.seizou.honbu@gmail.com"),
     to=P["komatsu"], subject="部品代の前払いについて", enc="utf8b", body=dedent("""
        小松部長

        お疲れ様です。三浦です。
        第1工場の治具メーカーから、材料を押さえるために部品代の前払いを求められました。
        今週中に入金できないと、納期が2か月先になると言われています。ラインの立ち上げに響くので、本日中の振込をお願いできますか。

        振込先：つばさ銀行 名古屋支店 普通 2608451
        名義　：カ）トウカイジグセイサク
        金額　：1,980,000円

        発注書と見積書は、出張から戻ったら私がそろえて回します。
        今日はメーカーの工場に来ていて電話がつながりにくいので、メールで返信をください。

        三浦
        """))

mail("tr2-ceot-2", T, "fraud", "ceo-transfer",
     "the 専務's name on outlook.com, HTML-only: split a 2.7M yen deposit into three transfers "
     "under the approval threshold, 稟議 afterwards",
     date="05-20 14:10", frm=("星川健二 専務取締役", "kenji.hoshikawa.exec@outlook.com"),
     to=P["ishihara"], subject="振込の分割について（相談）", enc="html", body=dedent("""
        石原さん

        専務の星川です。
        急ぎの支払いが一件あり、相談させてください。

        仕入先への手付金として、合計2,700,000円を本日中に支払う必要があります。
        ただ、100万円を超えると稟議の回付に時間がかかり、今日には間に合いません。
        そこで、90万円ずつ3回に分けて、下記の口座に振り込んでもらえますか。

        　ひばりネット銀行 みなと支店 普通 7012384
        　カ）シンエイトレーディング

        稟議は、後日私がまとめて起票します。
        経理部内で話が広がると説明が面倒になるので、小松部長には私から伝えます。

        星川
        """))

mail("tr2-ceot-3", T, "fraud", "ceo-transfer",
     "president's name on yahoo.co.jp, EUC-JP: 'customs duty for the Swedish parts must be paid "
     "to the broker today', uses a real supplier's name",
     date="03-27 12:48", frm=("星川 太郎", "hoshikawa.taro.07@yahoo.co.jp"), to=P["komatsu"],
     subject="通関費用の立替について", enc="euc8", body=dedent("""
        小松さん

        星川です。
        リンドクヴィスト社からのセラミック部品の件で、通関業者から連絡がありました。
        書類の不備があり、関税と消費税の立替分を本日中に納めないと、貨物が港に留め置かれるそうです。

        下記の通関業者の口座に、本日15時までに振り込んでください。

        　みずなら銀行 横浜支店 普通 3350718
        　カ）ミナトツウカンサービス
        　金額 1,426,500円

        請求書は業者から後で届きます。
        私はこれから移動で、夕方まで電話に出られません。済んだらメールで知らせてください。

        星川
        """))

# --- bec-bank-change --------------------------------------------------------------------------

mail("tr2-bec-1", T, "fraud", "bec-bank-change",
     "look-alike toko-bearinng.co.jp (a letter doubled), all pass for itself; 'resending' a "
     "notice that never came: payments outsourced to a settlement agent, net-bank account",
     date="04-03 15:26", frm=("東光ベアリング 中川", "k.nakagawa@toko-bearinng.co.jp"),
     to=P["ishihara"], subject="お支払先口座のご案内（再送）", enc="jis",
     auth=PASS("toko-bearinng.co.jp", "default"), body=dedent("""
        星川精機株式会社
        経理部 石原様

        お世話になっております。東光ベアリング経理課の中川です。
        先週お送りしたご案内がお手元に届いていないようでしたので、再送いたします。

        弊社は4月より、入金の管理を外部の決済代行会社に委託することとなりました。
        つきましては、4月末のお支払い分より、下記の口座へお振込みをお願いいたします。

        　銀行名　：あさがおネット銀行
        　支店名　：第五営業部（店番号 105）
        　種別　　：普通
        　口座番号：3902276
        　名義　　：トウコウベアリング（カ）ケッサイダイコウ

        旧口座へのお振込みは、4月以降は入金の確認に時間がかかる場合がございます。
        お手数ですが、ご登録が済みましたらご一報いただけますと幸いです。

        東光ベアリング株式会社 経理課
        中川 浩二
        """))

mail("tr2-bec-2", T, "fraud", "bec-bank-change",
     "look-alike azumi-kougu.co.jp (romanisation variant of azumi-kogu.co.jp: kogu -> kougu), "
     "SPF only; new net-bank account, 'written notice will follow'",
     date="04-16 10:40", frm=("アズミ工具 宮下", "c.miyashita@azumi-kougu.co.jp"), to=P["komatsu"],
     cc=[P["kobai"]], subject="振込口座変更のお願い（アズミ工具）", enc="sjis8", auth=NOSIGN(),
     body=dedent("""
        星川精機株式会社
        経理部 小松様

        いつもお世話になっております。アズミ工具の宮下です。

        弊社の取引銀行の変更に伴い、5月のお支払い分から振込先を変更させていただきたく、ご連絡いたしました。

        　新しい振込先
        　　ひばりネット銀行　れんげ支店
        　　普通　0814452
        　　カ）アズミコウグ

        信州みらい銀行の口座は、5月末で解約する予定です。
        正式な書面は、代表印を押したものを月末までにお送りします。

        お手数をおかけいたしますが、ご対応のほどよろしくお願いいたします。

        株式会社アズミ工具
        業務部　宮下 千尋
        """))

mail("tr2-bec-3", T, "fraud", "bec-bank-change",
     "yahoo.co.jp address carrying the new supplier's name: 'tax audit freezes our account', pay "
     "into an account in the sales manager's personal name, reply here",
     date="05-11 09:17", frm=("アズミ工具 小林", "azumi.kogu.keiri@yahoo.co.jp"), to=P["keiri"],
     subject="【アズミ工具】税務調査に伴う入金口座の一時変更", enc="utf8q", body=dedent("""
        星川精機株式会社
        経理ご担当者様

        いつもお世話になっております。株式会社アズミ工具の小林でございます。

        現在、弊社は税務調査を受けておりまして、調査が終わるまでの間、通常の入金口座が使えない状態になっております。
        大変恐れ入りますが、今月のお支払い分は、下記の口座へお振込みいただけますでしょうか。

        　つばさ銀行　安曇野支店　普通　5127740
        　名義　コバヤシ ナオキ（アズミコウグ）

        調査中は会社のメールにも制限がかかっているため、本件は別のアドレスからご連絡しております。ご返信もこちらにお願いいたします。
        ご迷惑をおかけし、申し訳ございません。

        アズミ工具　営業部長
        小林 直樹
        """))

mail("tr2-bec-4", T, "fraud", "bec-bank-change",
     "thread hijack of the real maintenance invoice (tr-inv-3): real sorano-is.co.jp in From:, "
     "spf fail, no DKIM, dmarc fail; Reply-To the look-alike sorano-is.jp; 'billing moved to an "
     "affiliate'",
     date="05-07 16:52", frm=("青木 拓也", "t.aoki@sorano-is.co.jp"), to=P["takanashi"],
     cc=[P["keiri"]], reply_to=("青木 拓也", "t.aoki@sorano-is.jp"),
     subject="Re: 保守サービス費用 ご請求書（2026年4月分）", enc="alt", reply_of="tr-inv-3",
     auth=HIJACK_NODKIM(), relay="smtp.bizmail-gw.example", body=dedent("""
        高梨様（cc 経理ご担当者様）

        いつもお世話になっております。ソラノ情報システムの青木です。
        先日お送りした4月分のご請求書について、補足のご連絡です。

        弊社は5月1日付で、保守サービスの請求業務を関連会社に移管いたしました。
        そのため、4月分以降の保守費用は、下記の口座へお振込みいただけますでしょうか。

        　みずなら銀行　新宿南支店
        　普通　8861527
        　カ）ソラノサポートサービス

        請求書の記載は旧口座のままとなっておりますが、上記の口座が正しいお振込先です。
        修正版の請求書は、準備ができ次第お送りします。

        青木

        {{QUOTE:tr-inv-3}}
        """))

mail("tr2-bec-5", T, "fraud", "bec-bank-change",
     "compromised real toko-bearing.co.jp account (spf/dkim/dmarc pass, no Reply-To) inside the "
     "real quotation thread (tr-every-5): half the price in advance to a 'parts centre' account",
     date="04-09 15:18", frm=("佐伯 亮", "r.saeki@toko-bearing.co.jp"), to=P["miura"],
     subject="Re: お見積書送付の件（リニアガイド交換部品）", enc="alt", reply_of="tr-every-5",
     auth=PASS("toko-bearing.co.jp"), body=dedent("""
        三浦様

        お世話になっております。東光ベアリングの佐伯です。
        ご注文の内示をいただき、ありがとうございます。

        一点お知らせがございます。今回の交換部品はメーカーからの取り寄せとなるため、発注にあたって代金の半額を前金でお願いしております。
        お振込先は、取り寄せ品を扱う弊社パーツセンターの専用口座となります。

        　東都中央銀行　立川支店
        　普通　6024913
        　トウコウベアリング（カ）パーツセンター

        前金206,250円のご入金を確認でき次第、メーカーへ発注いたします。
        お手数ですが、経理ご担当の方にもお伝えいただけますでしょうか。

        佐伯

        {{QUOTE:tr-every-5}}
        """))

mail("tr2-bec-6", T, "fraud", "bec-bank-change",
     "[en] the overseas supplier's name inside another domain, lindqvist-precision-ab.example, all "
     "pass for itself; 'new EUR collection account for Asia', Danish IBAN, confirm by e-mail",
     date="05-26 17:40", frm=("Lindqvist Precision AB - Accounts", "accounts@lindqvist-precision-ab.example"),
     to=("Aya Morita", P["morita"][1]), subject="Change of bank details effective immediately",
     enc="ascii", auth=PASS("lindqvist-precision-ab.example", "mail"),
     attach=[("Bank_change_notice.pdf", "pdf", "plain")], body=dedent("""
        Dear Ms. Morita,

        We are writing to inform our customers in Asia that Lindqvist Precision AB has opened
        a dedicated collection account for euro payments from outside the EU. This makes
        incoming payments faster and avoids intermediary bank charges on your side.

        With immediate effect, please remit all payments, including invoice LP-26-0117 if it
        has not been paid yet, to:

          Beneficiary:  Lindqvist Precision AB
          Bank:         Nordhavn Trade Bank, Copenhagen
          IBAN:         DK00 4711 0008 2231 67
          SWIFT/BIC:    NHTBDKKKXXX

        A formal notice on our letterhead is attached. Kindly confirm by return e-mail that
        your vendor records have been updated, so that we can allocate your next payment
        correctly.

        Yours faithfully,

        Johan Sjoberg
        Finance Department
        Lindqvist Precision AB
        """))

# --- fake-lawyer ------------------------------------------------------------------------------

mail("tr2-law-1", T, "fraud", "fake-lawyer",
     "invented law firm on an SPF-only domain: settlement with a former employee 'agreed with the "
     "president by phone', part-payment today or a labour tribunal tomorrow, keep it to 総務",
     date="03-31 11:02", frm=("弁護士 立花 恭介", "k.tachibana@kasumi-partners-law.jp"),
     to=P["okabe"], subject="元従業員の方との和解金のお支払いについて（至急）", enc="jis",
     auth=NOSIGN(), body=dedent("""
        星川精機株式会社
        総務部長 岡部 修 様

        突然のご連絡にて失礼いたします。
        かすみパートナーズ法律事務所の弁護士、立花 恭介と申します。

        貴社の元従業員の方から、未払いの残業代等の請求について、代理人として受任しております。
        本件につきましては、先週、貴社の星川社長と電話で協議を行い、訴訟は起こさず、和解により解決することで基本的な合意に至っております。

        和解の条件として、本日中に和解金の一部（1,650,000円）を当事務所の預り金口座へお振込みいただく必要がございます。
        期限までにご入金が確認できない場合、依頼者の意向により、明日にも労働審判の申立てを行うことになります。

        社長からは、社内の動揺を避けるため、本件は総務部長限りで処理してほしいとのご意向を伺っております。
        お振込先は、ご対応いただける旨のご返信をいただいたうえでお知らせいたします。

        かすみパートナーズ法律事務所
        弁護士 立花 恭介
        """))

mail("tr2-law-2", T, "fraud", "fake-lawyer",
     "[en] 'Hong Kong solicitor' on an authenticated invented domain writes to the 専務: "
     "completion deposit for a Thai stake (Project Lotus), keep it from finance, no calls",
     date="06-09 09:47", frm=("Vincent Yim", "v.yim@harcourt-yim-law.example"),
     to=("Kenji Hoshikawa", P["kenji"][1]),
     subject="Private & Confidential: Project Lotus - completion funds", enc="ascii",
     auth=PASS("harcourt-yim-law.example", "hy1"), body=dedent("""
        Dear Mr. Hoshikawa,

        Further to the instructions we have received from your President, Mr. Taro Hoshikawa,
        we are acting for your company in the acquisition of a minority stake in a machining
        company in Thailand (Project Lotus).

        Completion has been brought forward to this week. Under the share purchase agreement,
        a completion deposit of USD 65,000 must be held in our firm's client account by 3 p.m.
        Hong Kong time tomorrow. If this deadline is missed, the sellers may withdraw.

        Because one of the sellers is a listed company, the transaction is strictly
        confidential. Please do not discuss it with your finance team or any third party; Mr.
        Hoshikawa has asked that all correspondence go through me until the announcement. He
        is in meetings with the sellers and is not taking calls.

        Please confirm today that you can arrange the transfer, and I will send our client
        account details under separate cover.

        Yours sincerely,

        Vincent Yim
        Partner
        Harcourt Yim & Co., Solicitors
        """))

# --- payroll-change ---------------------------------------------------------------------------

mail("tr2-pay-1", T, "fraud", "payroll-change",
     "a factory worker's name on gmail to the payroll clerk: lost his card, new net-bank account "
     "from this month, 'I cannot read company mail in the plant'",
     date="02-13 12:25", frm=("桑原 陸", "riku.kuwabara.0315@gmail.com"), to=P["uchida"],
     subject="給与振込口座変更のお願い（第1工場 桑原）", enc="utf8b", body=dedent("""
        総務部 内田さん

        お疲れ様です。第1工場の桑原です。
        給与の振込口座を変えたいのですが、今月分から間に合いますか。
        前の銀行のキャッシュカードをなくしてしまい、口座を作り直すことにしました。

        新しい口座は下記です。
        　あさがおネット銀行　第一営業部
        　普通　8340617
        　クワバラ リク

        工場では会社のメールを見られないので、個人のアドレスから送っています。
        返事もこちらにもらえると助かります。

        桑原
        """))

mail("tr2-pay-2", T, "fraud", "payroll-change",
     "the accounting manager's name from an au.com carrier address: summer bonus only into a "
     "'savings' account, 'I am on leave from tomorrow, use this address'",
     date="06-18 19:55", frm=("小松典子", "noriko.komatsu.k@au.com"), to=P["uchida"],
     subject="賞与の振込先について（小松）", enc="sjis8", body=dedent("""
        内田さん

        経理の小松です。携帯から失礼します。
        夏の賞与の振込先について、お願いがあります。
        今回の賞与だけ、いつもの給与口座ではなく、下記の口座に入れていただけますか。
        積立用に作った口座で、こちらに直接入れたいのです。

        　つばさ銀行　塩尻支店　普通　6651409　コマツ ノリコ

        給与システムの変更は私の方ではできないので、内田さんの方でお願いします。
        明日から休みをいただくので、確認したいことがあれば、このアドレスにメールでお願いします。

        小松
        """))

mail("tr2-pay-3", T, "fraud", "payroll-change",
     "the accounting clerk's name on outlook.com with a filled-in 'change form' DOCX; original "
     "'will be put in the tray later'",
     date="04-24 08:12", frm=("石原 美咲", "misaki.ishihara.keiri@outlook.com"), to=P["soumu"],
     subject="給与振込口座変更届の提出", enc="alt",
     attach=[("給与振込口座変更届_石原.docx", "docx", "rfc2047")], body=dedent("""
        総務部 御中

        お疲れ様です。経理部の石原です。
        給与振込口座の変更届を記入しましたので、添付にてお送りします。
        4月分の給与から、新しい口座でお願いできますでしょうか。

        　変更後：ひばりネット銀行 つつじ支店 普通 2046671 イシハラ ミサキ

        原本は、出社した際に総務部の書類ボックスに入れておきます。
        社内のメールが重くて添付が送れなかったため、個人のアドレスから失礼します。

        石原
        """))

# --- credential-phish -------------------------------------------------------------------------

mail("tr2-cred-1", T, "fraud", "credential-phish",
     "HTML-only 'unusual sign-in to your Microsoft account' with a 'secure your account' button "
     "to a look-alike host",
     date="01-27 23:14", frm=("Microsoft アカウント チーム", "account-security@msonline-alerts.example"),
     to=P["morita"], subject="Microsoft アカウントの異常なサインイン アクティビティ", enc="html",
     auth=PASS("msonline-alerts.example", "k1"), body=None, html="""
<html><head><meta charset="utf-8"><title>Microsoft アカウント</title></head>
<body style="font-family:'Segoe UI','Meiryo',sans-serif;font-size:14px;color:#222;">
<div style="max-width:540px;margin:20px auto;">
<p style="font-size:16px;color:#666;">Microsoft&nbsp;アカウント</p>
<p style="font-size:26px;color:#2672ec;">異常なサインイン アクティビティ</p>
<p>Microsoft アカウント <b>a.morita@hoshikawa-seiki.co.jp</b> に、普段と異なる場所からのサインインが検出されました。</p>
<table cellpadding="4">
<tr><td>国/地域：</td><td>ルーマニア</td></tr>
<tr><td>IP アドレス：</td><td>198.51.100.77</td></tr>
<tr><td>日時：</td><td>2026/01/27 22:58 (JST)</td></tr>
<tr><td>ブラウザー：</td><td>Firefox / Linux</td></tr>
</table>
<p>心当たりがない場合は、第三者がアカウントにアクセスしている可能性があります。24&nbsp;時間以内に本人確認を行い、アカウントを保護してください。</p>
<p><a href="https://account-live-security.msonline-alerts.example/recover?u=a.morita" style="background:#2672ec;color:#fff;padding:8px 22px;text-decoration:none;">アカウントを保護する</a></p>
<p style="font-size:12px;color:#666;">本人確認が完了しない場合、安全のためアカウントは一時的にロックされます。</p>
<p style="font-size:12px;color:#666;">Microsoft アカウント チーム</p>
</div></body></html>
""")

mail("tr2-cred-2", T, "fraud", "credential-phish",
     "our bank's name on shinshu-mirai-bank.com (TLD swap of .co.jp), all pass for itself: "
     "'old one-time password ends', re-register with contract ID, both passwords and the OTP",
     date="03-16 07:45", frm=("信州みらい銀行 法人サービス", "corp-service@shinshu-mirai-bank.com"),
     to=P["keiri"], subject="【信州みらい銀行】ワンタイムパスワード利用登録の再設定のお願い",
     enc="alt", auth=PASS("shinshu-mirai-bank.com", "mail"), body=dedent("""
        星川精機株式会社 様

        平素は信州みらい銀行をご利用いただき、ありがとうございます。

        法人インターネットバンキングのセキュリティ強化のため、2026年3月31日をもって、旧方式のワンタイムパスワードはご利用いただけなくなります。
        引き続きお振込み等のお取引をご利用いただくには、期限までに下記のページから利用者情報の再登録をお願いいたします。

        　再登録ページ：https://www.shinshu-mirai-bank.com/corp/otp/re-entry

        再登録には、契約者ID、ログインパスワード、確認用パスワード、およびお手元のトークンに表示されるワンタイムパスワードが必要です。

        期限を過ぎた場合、お振込みの受付を一時的に停止させていただくことがございます。

        信州みらい銀行 法人サービス部
        """))

mail("tr2-cred-3", T, "fraud", "credential-phish",
     "QR-code phishing: look-alike hoshikawa-seiki-co.jp ('.co.jp' turned into '-co.jp'), all pass "
     "for itself; PNG QR to 'MFA re-registration', scan with the phone, not the PC",
     date="05-28 09:03", frm=("星川精機 情報システム", "it-support@hoshikawa-seiki-co.jp"),
     to=P["fujii"], subject="【要対応】多要素認証アプリの再登録（期限：本日17時）", enc="jis",
     auth=PASS("hoshikawa-seiki-co.jp", "default"),
     attach=[("MFA再登録用QRコード.png", "png", "rfc2047")], body=dedent("""
        藤井 翔太 様

        情報システム担当です。
        認証基盤の更新に伴い、多要素認証アプリの再登録をお願いしています。

        添付のQRコードを、お手持ちのスマートフォンのカメラで読み取ってください。
        表示されたページで会社のメールアドレスとパスワードを入力し、その後に表示される確認コードを入力すると、再登録が完了します。

        本日17時までに完了しない場合、明日からメールとTeamsが使えなくなります。
        パソコンではなく、必ずスマートフォンで読み取ってください。

        情報システム担当
        """))

# --- gift-card --------------------------------------------------------------------------------

mail("tr2-gift-1", T, "fraud", "gift-card",
     "president's name on outlook.com to the new 総務 clerk: Apple gift cards as golf prizes, "
     "photo of the codes, keep the prizes secret",
     date="04-20 10:26", frm=("星川太郎", "t.hoshikawa.seiki@outlook.com"), to=P["uchida"],
     subject="ゴルフコンペの景品の件", enc="utf8q", body=dedent("""
        内田さん

        お疲れ様です、星川です。
        来週の取引先とのゴルフコンペで、景品にAppleのギフトカードを使うことにしました。
        準備をお願いしたいのですが、今日中に1万円のカードを10枚用意してもらえますか。会社の近くのコンビニで買えます。

        買ったら、裏のシールをはがしてコードが見えるようにし、10枚分をまとめて写真に撮って、このメールに送ってください。
        景品の中身は当日まで秘密にしたいので、ほかの人には言わないでください。
        代金は、領収書をもらっておけば私の方で精算します。

        星川
        """))

mail("tr2-gift-2", T, "fraud", "gift-card",
     "third stage of the tr-gift-2/3 chain: 'three codes could not be read, buy five more'",
     date="06-02 13:12", frm=("星川太郎", "taro.hoshikawa.jp@outlook.jp"), to=P["fujii"],
     subject="Re: 至急", enc="sjisqp", reply_of="tr-gift-3", in_reply_to="victim-reply-tr-gift-3",
     body=dedent("""
        藤井さん

        写真ありがとう。
        ただ、先方に確認してもらったところ、3枚分のコードがうまく読み取れなかったそうです。
        お手数ですが、同じカードをあと5枚買い足して、今度はコードの部分を大きく写して送ってください。
        先ほどの分と合わせて、明日まとめて精算します。

        星川
        """))

# ---------------------------------------------------------------------------------------------
# TRAIN, batch 2 — legitimate
# ---------------------------------------------------------------------------------------------

# --- president-urgent -------------------------------------------------------------------------

mail("tr2-pres-1", T, "ok", "president-urgent",
     "real president, authenticated, 【至急】: balances and cash-flow plan for tomorrow's bank "
     "meeting, put in the shared folder (asks for 残高, but through the normal route)",
     date="03-09 17:22", frm=P["taro"], to=P["komatsu"], auth=INTERNAL,
     subject="【至急】明日の銀行面談用の資料", enc="jis", xmailer="Microsoft Outlook 16.0",
     body=dedent("""
        小松さん

        お疲れ様です。星川です。
        明日10時の信州みらい銀行の原田さんとの面談ですが、先方から、直近の資金繰りの状況も見せてほしいと連絡がありました。

        急ぎで申し訳ないのですが、以下を今日中に準備してもらえますか。
        ・3月から8月までの資金繰り予定表（先月の経営会議で使ったものを更新したもので構いません）
        ・2月末時点の各口座の残高一覧（月次決算の資料から）

        できたら、経理の共有フォルダの「銀行面談」に入れておいてください。印刷は明日の朝、私がします。
        面談には小松さんも同席をお願いします。

        星川
        """))

mail("tr2-pres-2", T, "ok", "president-urgent",
     "real president, authenticated: urgent QUO cards for survey respondents, bought through the "
     "normal purchasing route on invoice, explicitly no convenience-store purchase",
     date="05-14 08:47", frm=P["taro"], to=P["okabe"], cc=[P["uchida"]], auth=INTERNAL,
     subject="至急：アンケート謝礼のQUOカード手配", enc="utf8b", body=dedent("""
        岡部さん（cc 内田さん）

        お疲れ様です。
        来週から始める取引先満足度アンケートの件で、回答していただいた方への謝礼を、QUOカード（1,000円分）にすることにしました。
        急ぎで申し訳ないのですが、50枚、今週中に手配をお願いします。

        ・購入は総務の通常の購買手続きで、請求書払いのできる業者からお願いします（コンビニでの立替購入はしないでください）
        ・カードは回答者に郵送でお送りするので、番号の控えなどは不要です
        ・稟議は私の承認で回してください

        来週月曜の朝礼で、営業部にも段取りを説明します。
        星川
        """))

mail("tr2-pres-3", T, "ok", "president-urgent",
     "real president, authenticated: urgent Teams meeting today; the invitation comes through the "
     "calendar; asks for receivable balances",
     date="06-05 11:58", frm=P["taro"], to=[P["kenji"], P["miura"], P["komatsu"]], auth=INTERNAL,
     subject="【至急】本日15時 Teams会議（ミナト様の件）", enc="alt", body=dedent("""
        各位

        お疲れ様です。星川です。
        ミナトオートパーツ様から、来期の発注計画について正式な打診がありました。
        本日15時から30分、Teamsで打ち合わせをします。急で申し訳ありませんが、予定を調整してください。

        ・会議の招待は、先ほど予定表から送りました。リンクは招待の中にあります
        ・小松さんは、ミナト様向けの売掛金の残高と入金サイトを、ざっくりで構わないので説明できるようにしておいてください
        ・三浦さんは、第1工場の稼働の見通しをお願いします

        出先からの参加になるので、私はカメラをオフにするかもしれません。
        星川
        """))

# --- it-warning-quoting-scam ------------------------------------------------------------------

mail("tr2-itw-1", T, "ok", "it-warning-quoting-scam",
     "IT warns all staff about the 'read the attached instructions' mail and quotes tr2-line-1 "
     "with '> '",
     date="01-08 15:40", frm=P["takanashi"], to=P["all"], auth=INTERNAL,
     subject="【注意】社長名で「添付の指示書どおりに実行」と求めるメールについて", enc="utf8b",
     body=dedent("""
        全社員各位

        情報システムの高梨です。
        今朝、社長の名前で「添付の資料を確認して、計画どおりに実行してほしい」というメールが経理部に届きました。差出人は gmail.com のアドレスで、社長の会社のアドレスではありません。
        添付のWordファイルには、LINEのグループを作ってQRコードを送るように書かれていました。

        届いた本文は次のとおりです。

        {{QUOTE:tr2-line-1}}

        同じような文面のメールが他社にも大量に届いていると、警察や業界団体からも注意喚起が出ています。
        ・添付ファイルは開かずに、そのまま私に転送してください
        ・QRコードを送ったり、LINEで返事をしたりしないでください
        ・本人への確認は、内線か、普段から知っている携帯番号で行ってください

        社長にも確認し、このようなメールは送っていないとのことです。

        高梨
        """))

mail("tr2-itw-2", T, "ok", "it-warning-quoting-scam",
     "the ACCOUNTING MANAGER (not IT) warns her team, says she phoned the supplier on the number "
     "on file, and pastes tr2-bec-2 word for word",
     date="04-16 14:05", frm=P["komatsu"], to=[P["ishihara"], P["keiri"]],
     cc=[P["morita"], P["kobai"]], auth=INTERNAL,
     subject="アズミ工具様を名乗る振込先変更メールの件（対応しないでください）", enc="sjis8",
     body=dedent("""
        経理部の皆さん（cc 営業部 森田さん、購買）

        小松です。
        本日午前、アズミ工具様の宮下さんの名前で、振込先の変更を求めるメールが届きました。
        差出人のアドレスは「azumi-kougu.co.jp」で、いつもの「azumi-kogu.co.jp」とは「u」が一文字多くなっています。

        アズミ工具様の代表番号（取引先台帳に登録している番号）に電話で確認したところ、宮下さんご本人から、そのような連絡はしていないとの回答がありました。

        参考までに、届いたメールの本文を貼り付けておきます。

        ――――――――――――――――――――
        {{VERBATIM:tr2-bec-2}}
        ――――――――――――――――――――

        振込先の登録内容は変更していません。同じようなメールが届いたら、返信せずに私まで知らせてください。

        小松
        """))

# --- colleagues-line-group --------------------------------------------------------------------

mail("tr2-colline-1", T, "ok", "colleagues-line-group",
     "the 常務 (company address, authenticated) sets up an optional LINE group for a cherry-"
     "blossom party; QR on the break-room wall; fee collected in cash on the day",
     date="03-25 12:10", frm=P["miura"], to=P["all"], auth=INTERNAL,
     subject="お花見会の当日連絡用LINEグループ（参加自由）", enc="jis", body=dedent("""
        社員の皆さん

        製造本部の三浦です。
        4月4日（土）の第1工場前でのお花見会について、雨天時の中止の判断や買い出しの連絡を当日すぐ伝えられるよう、LINEのグループを作りました。

        参加したい方は、第1工場の休憩室に貼ってあるQRコードを読み取ってください。
        入らなくても、中止の判断は前日の17時までに全社メールで必ずお知らせします。

        グループでは、お花見の連絡以外のやり取りはしません。会費（1,000円）も当日、現地で集めます。

        三浦
        """))

# --- partner-private-freemail -----------------------------------------------------------------

mail("tr2-ppf-1", T, "ok", "partner-private-freemail",
     "known private gmail of 北斗梱包's boss: New Year greeting and the first delivery date",
     date="01-05 21:30", frm=KITAMURA_PRIV, to=P["miura"],
     subject="新年のご挨拶と初荷の日程（北斗梱包 北村）", enc="jis", body=dedent("""
        三浦様

        新年あけましておめでとうございます。北斗梱包の北村です。
        旧年中は大変お世話になりました。本年もどうぞよろしくお願いいたします。

        会社のメールは7日から動かしますので、取り急ぎ個人のアドレスからご連絡いたします。
        初荷は1月8日（木）の午前中に、いつもの段ボール（HS-220型）400枚をお届けする予定です。
        数量の変更がございましたら、7日以降に会社の方へお電話ください。

        北斗梱包
        北村 大輔
        """))

mail("tr2-ppf-2", T, "ok", "partner-private-freemail",
     "the new supplier's sales manager from his private gmail listed in the profile: company mail "
     "down for a server swap; says explicitly that no account changes, phone if anyone claims so",
     date="02-21 09:05", frm=AZUMI_PRIV, to=P["miura"], cc=[P["kobai"]],
     subject="会社のメール停止のお知らせ（アズミ工具 小林）", enc="utf8b", body=dedent("""
        三浦様

        いつもお世話になっております。アズミ工具の小林です。
        週末のため、私用のアドレスから失礼いたします。

        弊社のメールサーバーの入れ替え作業のため、2月23日（月）は終日、会社のアドレスでメールの送受信ができなくなります。
        この間にお急ぎのご用件がございましたら、会社の代表電話か、私の携帯までお電話ください。

        なお、この作業に伴ってお振込先や請求の方法が変わることは一切ございません。
        万一、弊社の名前で口座の変更などの連絡が届いた場合は、お手数ですがお電話でご確認ください。

        アズミ工具
        小林 直樹
        """))

# --- officer-private --------------------------------------------------------------------------

mail("tr2-offp-1", T, "ok", "officer-private",
     "the president from his known private gmail at the weekend: asks the accounting manager to "
     "come along to the bank on Wednesday (mentions the bank, asks for no money or data)",
     date="05-16 20:40", frm=P["taro_priv"], to=P["komatsu"],
     subject="来週の銀行訪問の件", enc="sjisqp", body=dedent("""
        小松さん

        週末にすみません。星川です。出先なので私用のアドレスから送ります。
        来週水曜の午後、信州みらい銀行の支店長にご挨拶に行くことになりました。設備資金の融資のお礼を兼ねてです。
        小松さんにも同行をお願いできますか。14時に会社を出る予定です。

        特に準備はいりませんが、融資の返済予定表を一部持って行きたいので、月曜に印刷しておいてください。
        会社のメールは月曜の朝に見ます。

        星川
        """))

# --- real-invoice -----------------------------------------------------------------------------

mail("tr2-inv-1", T, "ok", "real-invoice",
     "the new tools supplier's invoice from its real signed domain, EUC-JP, account as on file",
     date="01-30 14:02", frm=("宮下 千尋", "c.miyashita@" + AZUMI), to=P["keiri"], cc=[P["kobai"]],
     subject="1月分ご請求書の送付（アズミ工具）", enc="euc8", auth=PASS(AZUMI),
     attach=[("請求書_AZ-2601-118.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        経理部 御中

        いつもお世話になっております。株式会社アズミ工具の宮下です。
        1月分のご請求書をお送りいたします。

        　請求書番号：AZ-2601-118
        　ご請求金額：387,420円（税込）
        　内訳　　　：エンドミル、ドリル等 切削工具一式（納品書 12件分）
        　お支払期日：2026年2月28日
        　お振込先　：信州みらい銀行 松本支店 普通 5530194 カ）アズミコウグ

        ご不明な点がございましたら、お気軽にお問い合わせください。

        株式会社アズミ工具 業務部
        宮下 千尋
        TEL 0263-00-4418
        """))

mail("tr2-inv-2", T, "ok", "real-invoice",
     "the bearing supplier's real April invoice; thanks us for phoning about the fake change "
     "notice and says its account is unchanged (talks about 口座変更 legitimately)",
     date="04-30 10:36", frm=("中川 浩二", "k.nakagawa@toko-bearing.co.jp"), to=P["ishihara"],
     subject="4月分ご請求書送付の件", enc="utf8b", auth=PASS("toko-bearing.co.jp"),
     attach=[("請求書_TB-2604-0731.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        経理部 石原様

        いつも大変お世話になっております。東光ベアリング経理課の中川です。
        4月分のご請求書を添付にてお送りいたします。

        　請求書番号：TB-2604-0731
        　ご請求金額：968,000円（税込）
        　お支払期日：2026年5月29日
        　お振込先　：東都中央銀行 八王子支店 当座 0419937（変更はございません）

        先日は、弊社の名前をかたった口座変更のメールについてお電話でお知らせいただき、ありがとうございました。
        弊社では決済代行会社への委託などは行っておらず、振込先を変更する予定もございません。
        今後も、メールだけで振込先の変更をお願いすることはございませんので、ご安心ください。

        東光ベアリング株式会社 経理課
        中川 浩二
        """))

mail("tr2-inv-3", T, "ok", "real-invoice",
     "[en] overseas supplier's real invoice; warns that look-alike domains are asking customers to "
     "pay a new account and that its bank has not changed",
     date="06-12 10:15", frm=("Anna Berglund", "anna.berglund@lindqvist-precision.example"),
     to=("Aya Morita", P["morita"][1]), subject="Invoice LP-26-0231 - replacement bushings",
     enc="ascii", auth=PASS("lindqvist-precision.example"),
     attach=[("LP-26-0231.pdf", "pdf", "plain")], body=dedent("""
        Dear Ms. Morita,

        Please find attached invoice LP-26-0231 for the replacement bushings (your order
        HS-PO-2605-009), which left Gothenburg on 10 June.

        Amount: EUR 3,150.00
        Payment terms: 60 days net
        Bank details: the same as on all our previous invoices

        Our finance team has asked me to mention that several customers have received
        e-mails from domains that imitate ours, asking them to pay into a new account. We
        have not changed our bank, and any change would always be announced by post and
        confirmed by telephone. If you receive anything like that, please let me know.

        Best regards,
        Anna Berglund
        Sales Administration
        Lindqvist Precision AB
        """))

# --- real-bank-notice -------------------------------------------------------------------------

mail("tr2-bank-1", T, "ok", "real-bank-notice",
     "our bank, real domain, authenticated, multipart/alternative: warns customers about the "
     "LINE-group CEO fraud and describes its stages (QR code, balance screens, urgent transfer)",
     date="01-23 10:00", frm=("信州みらい銀行", "info@" + BANK), to=P["keiri"],
     subject="【信州みらい銀行】社長・役員をかたる「LINEグループ作成」詐欺にご注意ください",
     enc="alt", auth=PASS(BANK), body=dedent("""
        法人のお客さまへ

        平素より信州みらい銀行をご利用いただき、誠にありがとうございます。

        昨年末から、企業の社長や役員の名前をかたるメールで従業員の方にLINEのグループを作らせ、その後に送金を指示する詐欺の被害が全国で相次いでいます。
        当行のお取引先からも、同様のメールを受け取ったとのご相談をいただいております。

        【よくある流れ】
        1. 社長の名前で、フリーメールのアドレスから「LINEのグループを作ってQRコードを送ってほしい」と依頼が届く
        2. グループに参加した「社長」から、口座の残高や入出金明細の画面を送るよう求められる
        3. 「取引先への支払い」などとして、見慣れない口座への至急の振込を指示される

        【お願い】
        ・社長や役員からの振込の指示は、メール以外の方法（電話・対面）で、必ずご本人に確認してください
        ・当行の窓口やATMで、普段と異なるお振込みについてお声がけすることがございます。ご協力をお願いいたします

        万一、振り込んでしまった場合は、すぐにお取引店と警察にご連絡ください。

        信州みらい銀行
        """))

mail("tr2-bank-2", T, "ok", "real-bank-notice",
     "our bank's relationship manager announces his transfer and his successor; nothing about the "
     "account changes, says the bank never asks for account changes or passwords by mail",
     date="06-24 15:30", frm=("信州みらい銀行 原田", "k.harada@" + BANK), to=P["komatsu"],
     subject="担当者交代のご挨拶", enc="jis", auth=PASS(BANK), body=dedent("""
        星川精機株式会社
        経理部長 小松 典子 様

        いつも大変お世話になっております。信州みらい銀行 法人営業部の原田です。
        私事で恐縮ですが、7月1日付で松本支店へ異動することになりました。
        在任中は、設備資金のご融資をはじめ、大変お世話になりました。

        後任は、同じ法人営業部の丸山 翔が担当いたします。
        来週、丸山とともにご挨拶に伺いたいと存じますので、ご都合のよい日時をお知らせいただけますでしょうか。

        なお、担当者の交代に伴って、お取引の内容や口座、お手続きの方法が変わることはございません。
        当行から、お振込先の変更やパスワードの入力をメールでお願いすることもございません。

        信州みらい銀行 法人営業部
        原田 健
        """))

# --- real-bank-change -------------------------------------------------------------------------

mail("tr2-rbc-1", T, "ok", "real-bank-change",
     "genuine: the tools supplier moves to a credit union after moving its head office; real "
     "domain, DKIM pass; letter by post; asks us to phone the number in OUR ledger and not to use "
     "the mail's contacts; the new account is in the profile",
     date="06-03 13:50", frm=("宮下 千尋", "c.miyashita@" + AZUMI), to=P["komatsu"],
     subject="【アズミ工具】お振込先変更のご案内（お電話でのご確認のお願い）", enc="utf8b",
     auth=PASS(AZUMI), attach=[("お振込先変更のご案内_アズミ工具.pdf", "pdf", "rfc2231")],
     body=dedent("""
        星川精機株式会社
        経理部長 小松 典子 様

        平素は格別のお引き立てを賜り、厚く御礼申し上げます。
        株式会社アズミ工具 業務部の宮下でございます。

        このたび弊社は、本社を安曇野市へ移転したことに伴い、メインバンクを地元の信用組合に切り替えることといたしました。
        つきましては、8月のお支払い分より、お振込先を下記のとおり変更させていただきたく、ご案内申し上げます。

        　変更前：信州みらい銀行 松本支店 普通 5530194
        　変更後：安曇野中央信用組合 豊科支店 普通 0091735
        　名義　：カ）アズミコウグ（変更なし）

        代表者印を押印した変更届を、本日郵送いたしました。
        また、なりすましによる被害を防ぐため、恐れ入りますが、貴社の取引先台帳に登録されている弊社の電話番号にお電話いただき、業務部の宮下または営業部長の小林に内容をご確認くださいますよう、お願いいたします。
        本メールへのご返信でのご確認は、ご遠慮ください。

        7月末までのお支払いは、従来の口座で問題ございません。

        何卒よろしくお願い申し上げます。

        株式会社アズミ工具 業務部
        宮下 千尋
        """))

mail("tr2-rbc-2", T, "ok", "real-bank-change",
     "genuine: the IT vendor's branch is merged and the account NUMBER changes; from its real "
     "signed domain (keiri@), asks us to call the number in the contract before changing anything",
     date="06-22 11:20", frm=("ソラノ情報システム 経理部", "keiri@sorano-is.co.jp"),
     to=P["takanashi"], cc=[P["keiri"]],
     subject="【ソラノ情報システム】お振込先口座番号変更のお知らせ（支店統合）", enc="sjisqp",
     auth=PASS("sorano-is.co.jp"), body=dedent("""
        星川精機株式会社
        情報システム担当 高梨様
        経理ご担当者様

        いつもお世話になっております。株式会社ソラノ情報システム 経理部の吉川です。

        弊社の取引銀行である東都中央銀行の新宿西口支店が、9月24日付で新宿支店に統合されます。
        この統合により、支店名とあわせて口座番号も変わることになりました。

        　変更前：東都中央銀行 新宿西口支店 普通 2290114
        　変更後：東都中央銀行 新宿支店 普通 3016652
        　名義　：カ）ソラノジョウホウシステム（変更なし）

        銀行からの統合のお知らせの写しは、弊社営業の青木がお伺いする際にお持ちします。
        ご登録を変更される前に、お手数ですが、お手元の契約書に記載の弊社代表番号へお電話いただき、経理部までご確認ください。
        9月分の保守費用までは、これまでの口座へのお振込みで問題ございません。

        株式会社ソラノ情報システム 経理部
        吉川 美穂
        """))

# --- mailing-list -----------------------------------------------------------------------------

mail("tr2-ml-1", T, "ok", "mailing-list",
     "association list: a member reports the LINE-group mail she received in her own name "
     "(paraphrases the scam); author's DKIM broken by the list's tag and footer",
     date="01-29 19:20", frm=("南 陽子", "y.minami@minami-ss.co.jp"), to=("", "kohan-ml@" + ML),
     subject="[kohan-ml:02298] 社長名のLINEグループ詐欺メールが届きました（情報共有）",
     enc="utf8b", auth=LISTPOST("minami-ss.co.jp", ML, "kohan-ml"), relay="mail." + ML,
     rcpt=P["okabe"], extra=ml_headers(2298) + [("Sender", "kohan-ml-owner@" + ML)],
     body=dedent("""
        会員の皆さま

        みなみ製作所の南です。情報共有です。
        昨日、当社の経理担当に、私の名前で「LINEのグループを作ってQRコードを送ってほしい。会議中で電話には出られない」というメールが届きました。
        差出人名は私のフルネームでしたが、アドレスは見たことのない gmail でした。

        担当者がおかしいと思って、すぐに私の携帯に電話をくれたので、実害はありません。
        あとで調べると、同じ文面のものが県内の何社かにも届いているようです。

        社内では「社長がメールでLINEの話をすることはない」と改めて伝えました。皆さまもお気をつけください。

        南 陽子
        有限会社みなみ製作所
        """) + ML_FOOT)

mail("tr2-ml-2", T, "ok", "mailing-list",
     "the factory-automation user list: a member asks how others run MFA on shared shop-floor PCs "
     "(password, MFA code, Teams); author's DKIM broken",
     date="05-22 12:30", frm=("北沢 恵", "m.kitazawa@kitazawa-mold.example"),
     to=("", "fa-users@" + FA), subject="[fa-users 0812] 工場の共用PCと多要素認証の運用について",
     enc="jis", auth=LISTPOST("kitazawa-mold.example", FA, "fa-users"), relay="list." + FA,
     rcpt=P["takanashi"], extra=fa_headers(), body=dedent("""
        みなさん

        北沢金型の北沢です。質問させてください。
        当社でもメールとTeamsに多要素認証を入れることになったのですが、工場の共用PCの扱いで悩んでいます。

        ・共用PCで、誰のアカウントでサインインさせるか
        ・スマートフォンを業務で使えない作業者の確認コードをどうするか
        ・パスワードを付箋で貼っている現場を、どう改めてもらったか

        ハードウェアトークンを配った、共用アカウントをやめた、などの事例があれば教えてください。

        北沢
        """) + FA_FOOT)

# --- newsletter -------------------------------------------------------------------------------

mail("tr2-news-1", T, "ok", "newsletter",
     "trade newsletter issue on business e-mail compromise with examples of look-alike domain "
     "tricks (rn/m, added hyphen, TLD swap); multipart/alternative",
     date="02-25 07:00", frm=("週刊ものづくり通信", "news@" + NEWS), to=P["morita"],
     subject="週刊ものづくり通信 第417号｜その「振込先変更」、電話で確かめましたか", enc="alt",
     auth=PASS(NEWS, "news"), relay="out-2.mta." + NEWS, extra=news_headers("a7f301"),
     body=dedent("""
        週刊ものづくり通信 第417号（2026年2月25日）

        ■ 特集：その「振込先変更」、電話で確かめましたか
        取引先を装って振込先の変更を求めるメールの被害が、中小の製造業でも増えています。
        読者の皆さんから寄せられた事例では、本物とよく似たドメインが使われていました。

        ・「m」を「rn」に置き換える（画面上ではほとんど区別がつきません）
        ・社名の間にハイフンを足す、あるいは抜く
        ・「.co.jp」を「.com」や「.jp」に変える

        被害を防いだ会社に共通していたのは、「口座の変更はメールだけでは受け付けず、台帳に登録済みの電話番号で確認する」というルールを決めていたことでした。

        ■ 現場の工夫：工具の寿命を見える化したら、不良が減った話
        ■ イベント情報：中部機械部品展の出展者説明会（3月10日）

        配信停止・アドレス変更：https://monozukuri-tsushin.example/unsubscribe?u=a7f301
        """))

mail("tr2-news-2", T, "ok", "newsletter",
     "IT vendor's HTML-only newsletter about QR-code phishing and MFA fatigue (mentions password, "
     "MFA code, QR code)",
     date="06-10 09:30", frm=("ソラノ情報システム", "news@sorano-is.co.jp"), to=P["takanashi"],
     subject="ソラノ通信 2026年6月号｜QRコードを使ったフィッシングにご注意を", enc="html",
     auth=PASS("sorano-is.co.jp"),
     extra=[("List-Unsubscribe", "<https://sorano-is.co.jp/news/unsubscribe>"), ("Precedence", "bulk")],
     body=None, html="""
<html><head><meta charset="utf-8"><title>ソラノ通信 2026年6月号</title></head>
<body style="font-family:'Meiryo',sans-serif;font-size:14px;line-height:1.7;">
<h2 style="color:#1f6f8b;">ソラノ通信&nbsp;2026年6月号</h2>
<p>いつもお世話になっております。株式会社ソラノ情報システムです。</p>
<h3>QRコードを使ったフィッシングが増えています</h3>
<p>「多要素認証の再登録」「給与明細の確認」などの名目で、QRコードの画像を添付したメールが届く事例が増えています。<br>
QRコードをスマートフォンで読み取らせることで、パソコン側のURLのチェックをすり抜けるのが狙いです。</p>
<ul>
<li>メールのQRコードから開いたページでは、パスワードや確認コードを入力しない</li>
<li>認証アプリの承認通知が、身に覚えのないタイミングで何度も来たら「拒否」し、情報システム担当に連絡する</li>
<li>社内の情報システム担当者が、メールでパスワードや確認コードを尋ねることはありません</li>
</ul>
<h3>セミナーのご案内</h3>
<p>7月15日（水）15時&#12316;&nbsp;オンライン「今日からできるメール訓練」</p>
<p style="font-size:12px;color:#777;">配信停止：<a href="https://sorano-is.co.jp/news/unsubscribe">https://sorano-is.co.jp/news/unsubscribe</a></p>
</body></html>
""")

# --- everyday ---------------------------------------------------------------------------------

mail("tr2-every-1", T, "ok", "everyday",
     "internal: the payroll clerk reminds all staff how to change a salary account (paper form in "
     "person, never by e-mail) — talks about 給与振込口座 legitimately",
     date="02-16 13:15", frm=P["uchida"], to=P["all"], auth=INTERNAL,
     subject="給与振込口座・住所の変更手続きについて（お願い）", enc="sjis8", body=dedent("""
        社員各位

        総務部の内田です。昨年の秋から、給与と社会保険の事務を担当しています。
        給与の振込口座や住所の変更について、手続きをあらためてご案内します。

        ・給与振込口座の変更は、所定の「給与振込口座変更届」に記入・押印のうえ、ご本人が総務部の窓口に提出してください
        ・メールや電話、チャットでの変更のご依頼はお受けしていません
        ・毎月10日までに提出された分は、その月の給与から反映します
        ・住所の変更は、通勤手当の計算にも関わるため、引っ越しが決まった時点でお知らせください

        用紙は総務部のキャビネットにあります。ご不明な点は内線203までどうぞ。

        内田
        """))

mail("tr2-every-2", T, "ok", "everyday",
     "the new tools supplier's delivery notice to our purchasing mailbox, real signed domain",
     date="03-06 10:20", frm=("小林 直樹", "n.kobayashi@" + AZUMI), to=P["kobai"], cc=[P["miura"]],
     subject="納品のご案内（3月9日分）", enc="jis", auth=PASS(AZUMI), body=dedent("""
        星川精機株式会社
        購買ご担当者様

        いつもお世話になっております。アズミ工具の小林です。
        ご注文いただいた切削工具について、納品日のご案内です。

        　超硬エンドミル φ6（4枚刃）　20本
        　超硬ドリル φ3.3　　　　　　30本
        　タップ M4　　　　　　　　　 15本

        上記すべて、3月9日（月）の午前中に、第1工場の資材倉庫へお届けいたします。
        ドリルφ3.3は、メーカー在庫が少なくなっておりますので、4月分は早めにご注文いただけますと助かります。

        株式会社アズミ工具 営業部
        小林 直樹
        """))

mail("tr2-every-3", T, "ok", "everyday",
     "[en] overseas supplier warns of a shipping delay (port congestion), UTF-8 8bit",
     date="04-23 16:10", frm=("Anna Berglund", "anna.berglund@lindqvist-precision.example"),
     to=("Aya Morita", P["morita"][1]), cc=[("Masaki Miura", P["miura"][1])],
     subject="Shipment HS-PO-2604-012 - revised ETD", enc="utf8-8",
     auth=PASS("lindqvist-precision.example"), body=dedent("""
        Dear Ms. Morita,

        I am sorry to tell you that the shipment for your order HS-PO-2604-012 will leave
        Göteborg one week later than planned. The port has been congested since the storm
        last weekend, and our forwarder could not get space on the vessel we had booked.

        New ETD: 6 May
        New ETA Nagoya: about 12 June

        If this causes a problem for your production, we could send 200 pieces by air
        freight at our cost. Please let me know by Monday whether you would like that.

        Best regards,
        Anna Berglund
        Sales Administration
        Lindqvist Precision AB
        """))

# --- external-first-contact -------------------------------------------------------------------

mail("tr2-first-1", T, "ok", "external-first-contact",
     "first contact from a private person on GMAIL (unknown, free mail, legitimate): a model "
     "maker asks whether a one-off aluminium part can be made; no money, no urgency",
     date="02-05 21:15", frm=("広瀬 健太", "kenta.hirose.mokei@gmail.com"), to=P["info"],
     subject="アルミ部品の単品製作について（個人からのご相談）", enc="utf8b", body=dedent("""
        星川精機株式会社
        ご担当者様

        突然のメールで失礼いたします。茅野市在住の広瀬と申します。
        趣味で鉄道模型のレイアウトを作っており、転車台の軸受け部分に使うアルミの部品を探しています。

        個人からの単品（2個）のご依頼になりますが、お引き受けいただくことは可能でしょうか。
        寸法を書いた簡単な図面はお送りできます。費用や納期が合わなければ、遠慮なくお断りください。

        お忙しいところ恐れ入りますが、ご検討いただけますと幸いです。

        広瀬 健太
        """))

mail("tr2-first-2", T, "ok", "external-first-contact",
     "a medical-device maker from an unknown, authenticated domain: first contact with an NDA "
     "DOCX attached and a deadline ('by the end of the month')",
     date="06-16 10:02", frm=("ナガセ医療器 開発部 永瀬", "t.nagase@nagase-iryoki.co.jp"),
     to=P["eigyo"], subject="試作加工のご相談と秘密保持契約のお願い", enc="alt",
     auth=PASS("nagase-iryoki.co.jp", "sel1"),
     attach=[("秘密保持契約書_ひな形.docx", "docx", "rfc2231")], body=dedent("""
        星川精機株式会社
        営業部 ご担当者様

        はじめてご連絡いたします。株式会社ナガセ医療器 開発部の永瀬と申します。
        弊社は伊那市で、リハビリ用の医療機器を設計・製造しております。

        新しい装置の開発にあたり、ステンレスの精密部品の試作をお願いできる加工会社を探しております。
        図面をお送りする前に、秘密保持契約を結ばせていただきたく、弊社のひな形を添付いたしました。

        社内の開発日程の都合で、今月中に試作先を決めたいと考えております。
        ご検討いただけるようでしたら、契約書の内容をご確認のうえ、ご都合のよい日にオンラインで一度お話しさせていただけないでしょうか。

        株式会社ナガセ医療器 開発部
        永瀬 拓也
        """))

# ---------------------------------------------------------------------------------------------
# HOLDOUT, batch 2 — fraud
# ---------------------------------------------------------------------------------------------

TOKO_JA = "東光ベアリング.jp".encode("idna").decode()      # a Japanese-script IDN domain

# --- ceo-line-group ---------------------------------------------------------------------------

mail("ho2-line-1", H, "fraud", "ceo-line-group",
     "the president's name written in HIRAGANA as display name, on gmail, to the payroll clerk: "
     "LINE group + photo of the QR, keep it from her manager",
     date="07-08 09:33", frm=("ほしかわ たろう", "hoshikawa.tarou.1960@gmail.com"), to=P["uchida"],
     subject="内田さんへ", enc="utf8q", body=dedent("""
        内田さん

        お疲れさまです。ほしかわです。
        総務の仕事のことで、内田さんにだけ頼みたいことがあります。
        LINEで新しくグループを作って、その招待用のQRコードを写真に撮り、このメールに送ってもらえますか。

        急なお願いで悪いけれど、岡部部長にはまだ内緒でお願いします。理由は後で説明します。
        いまは外で打ち合わせ中なので、返事はメールで。

        星川
        """))

mail("ho2-line-2", H, "fraud", "ceo-line-group",
     "From: uses an invented SUB-DOMAIN of our own domain (office.hoshikawa-seiki.co.jp), sent "
     "from a rented server, dmarc fail, no forged stamp; wants the group's invitation LINK (URL) "
     "pasted back instead of a QR image; ISO-2022-JP in base64",
     date="08-25 10:14", frm=("星川 太郎", "t.hoshikawa@office.hoshikawa-seiki.co.jp"),
     to=P["miura"], subject="【業務連絡】LINEの件", enc="jisb",
     auth=auth("pass", "noreply@vps-7718.cloudhost-jp.example", [], "fail"),
     relay="vps-7718.cloudhost-jp.example", body=dedent("""
        三浦常務

        お疲れ様です。星川です。
        来期の設備投資の資金計画について、小松部長も交えて相談したいことがあります。
        メールだと行き違いが多いので、LINEでグループを作ってもらえますか。三浦さんと小松部長、私の三人です。

        グループができたら、招待用のリンク（URL）をコピーして、このメールに貼り付けて返信してください。QRコードの画像よりも、リンクの方が私の端末では開きやすいので。
        投資額がまだ固まっていないので、他の役員には話さないでおいてください。

        今日は銀行との面談が続いていて、電話に出られません。

        星川
        """))

mail("ho2-line-3", H, "fraud", "ceo-line-group",
     "next stage of ho2-line-1: add 'our financial adviser' by LINE ID; answer his questions "
     "about the company accounts, photograph the internet-banking screens",
     date="07-08 10:26", frm=("ほしかわ たろう", "hoshikawa.tarou.1960@gmail.com"), to=P["uchida"],
     subject="Re: 内田さんへ", enc="utf8q", reply_of="ho2-line-1",
     in_reply_to="victim-reply-ho2-line-1", body=dedent("""
        内田さん

        QRコード、ありがとう。グループに入りました。
        続けてお願いです。会社の財務のことを見てもらっている顧問の先生を、グループに招待してください。
        LINEのIDは「ks-kaikei2026」です。「友だち追加」からID検索で出てきます。

        先生から会社の口座のことで質問があると思うので、分かる範囲で答えてください。分からないことは、ネットバンキングの画面を写真に撮って送ってもらえれば大丈夫です。

        星川
        """))

mail("ho2-line-4", H, "fraud", "ceo-line-group",
     "president's name on live.jp, fake 'Re:' continuing 'what I said on LINE': raise the daily "
     "internet-banking transfer limit and mail back the approval number and the token code",
     date="09-15 13:40", frm=("星川太郎", "hoshikawa-t@live.jp"), to=P["ishihara"],
     subject="Re: 【至急】口座の件", enc="sjis8", in_reply_to="fake-thread-ho2-line-4",
     body=dedent("""
        石原さん

        先ほどLINEで伝えた件の続きを、メールで送ります。
        取引先への支払いが、ネットバンキングの1日の振込限度額を超えてしまうため、今日だけ限度額を引き上げてほしいのです。

        1. 法人インターネットバンキングにログインし、限度額の変更画面で、1日の振込限度額を3,000万円に変更してください
        2. 変更の際に表示される承認番号と、トークンに表示されるワンタイムパスワードを、このメールで私に送ってください
        3. 振込の手続き自体は、こちらで行います

        限度額を変えたことは、小松部長には後で私から話します。
        終わったらすぐに知らせてください。

        星川
        """))

mail("ho2-line-5", H, "fraud", "ceo-line-group",
     "the 常務's name on yahoo.co.jp to the sales manager: 'are you at your desk?', make a LINE "
     "group and send the QR, tell nobody in sales; UTF-8 8bit",
     date="10-05 08:05", frm=("三浦 正樹", "miura.m.jomu@yahoo.co.jp"), to=P["morita"],
     subject="森田さん、いま席にいますか", enc="utf8-8", body=dedent("""
        森田さん

        三浦です。いま席にいますか。
        新しい取引先との件で、先方とLINEで急ぎの連絡を取る必要が出てきました。
        森田さんのLINEでグループを作って、QRコードをこのメールに送ってもらえますか。詳しいことはグループで説明します。

        この件は、私から話すまで営業部の中でも共有しないでください。
        朝から客先の工場にいて、電話には出られません。

        三浦
        """))

mail("ho2-line-6", H, "fraud", "ceo-line-group",
     "next stage of ho2-line-5: reconnaissance — who approves transfers and their mobile numbers, "
     "this month's payment list, the banking transfer ceiling",
     date="10-05 09:12", frm=("三浦 正樹", "miura.m.jomu@yahoo.co.jp"), to=P["morita"],
     subject="Re: 森田さん、いま席にいますか", enc="utf8-8", reply_of="ho2-line-5",
     in_reply_to="victim-reply-ho2-line-5", body=dedent("""
        森田さん

        グループに入りました。ありがとう。
        先方と支払条件の話を進めるので、いくつか教えてください。

        ・経理部で振込の承認をしている人の名前と、携帯の番号
        ・今月の支払予定の一覧（経理から回ってくる表があれば、写真で構いません）
        ・会社のネットバンキングで、一度に振り込める上限の金額

        分かる範囲で、LINEのグループに送ってください。経理には私から後で話します。

        三浦
        """))

# --- ceo-transfer -----------------------------------------------------------------------------

mail("ho2-ceot-1", H, "fraud", "ceo-transfer",
     "look-alike of OUR OWN domain, hoshlkawa-seiki.co.jp (i -> l), with SPF/DKIM/DMARC all "
     "passing for itself, the 専務's name: prepayment to a 'Japanese agent' of a Taiwanese maker",
     date="11-09 10:31", frm=("星川 健二", "k.hoshikawa@hoshlkawa-seiki.co.jp"), to=P["komatsu"],
     subject="新規取引先への前払金について", enc="alt",
     auth=PASS("hoshlkawa-seiki.co.jp", "default"), body=dedent("""
        小松部長

        お疲れ様です。星川（健二）です。
        年明けから取引を始める台湾の部品メーカーについて、初回発注分の前払金を今週中に送る約束になっています。
        社長の決裁は取りましたので、本日中に手配をお願いします。

        ・金額：8,250,000円
        ・振込先：ひばりネット銀行 さくら支店 普通 5917302
        ・名義：カ）ホライズントレーディングジャパン（先方の日本代理店です）

        稟議書は明日、私の名前で起票します。
        今日は一日、外部の研修に出ていて、携帯の電源を切っています。確認はこのメールでお願いします。

        星川 健二
        """))

mail("ho2-ceot-2", H, "fraud", "ceo-transfer",
     "romaji display name 'HOSHIKAWA Taro' on a carrier address (i.softbank.jp), 'sent from my "
     "iPhone': can you make a transfer right now, payee follows",
     date="12-04 15:20", frm=("HOSHIKAWA Taro", "taro.hoshikawa.ceo@i.softbank.jp"),
     to=P["ishihara"], subject="【至急】本日中", enc="sjisqp", body=dedent("""
        石原さん
        星川です。出張先からスマホで送っています。
        本日中にどうしても支払わなければならないものがあり、手を貸してください。
        金額は2,380,000円です。今から振込の手続きはできますか？ できるなら、振込先をすぐに送ります。
        会議の合間なので、電話ではなくこのメールで返事をください。

        iPhoneから送信
        """))

# --- bec-bank-change --------------------------------------------------------------------------

mail("ho2-bec-1", H, "fraud", "bec-bank-change",
     "TLD swap maruyoshi-kozai.ne.jp (real: .co.jp), all pass for itself; knows the CURRENT "
     "on-file branch and asks for December only to another branch of the same bank",
     date="12-01 11:44", frm=("大野 里美", "s.ono@maruyoshi-kozai.ne.jp"), to=P["komatsu"],
     subject="【丸吉鋼材】年末のお支払いについてのお願い", enc="jis",
     auth=PASS("maruyoshi-kozai.ne.jp", "mk1"), body=dedent("""
        星川精機株式会社
        経理部 小松 典子 様

        いつもお世話になっております。丸吉鋼材 経理部の大野でございます。
        年末のお忙しい時期に恐れ入ります。

        弊社では、12月のお支払い分に限り、下記の口座でお受けすることとなりました。
        年末は入金の件数が多く、銀行側の処理の都合で、通常の諏訪支店の口座では入金の確認が年明けにずれ込むためでございます。

        　信州みらい銀行　本店営業部
        　普通　7204418
        　カ）マルヨシコウザイ　ネンマツケッサイ

        1月以降のお支払いは、従来どおり諏訪支店の口座にお願いいたします。
        恐れ入りますが、お手続きいただけるかどうか、本メールへのご返信にてお知らせください。

        株式会社丸吉鋼材 経理部
        大野 里美
        """))

mail("ho2-bec-2", H, "fraud", "bec-bank-change",
     "Japanese-script IDN domain 東光ベアリング.jp (punycode xn--...), all pass for itself; HTML-only "
     "in Shift_JIS; '当座 to 普通' at another bank, confirm by reply",
     date="07-27 14:12", frm=("東光ベアリング 経理課", "keiri@" + TOKO_JA), to=P["ishihara"],
     subject="お振込先変更のご案内（東光ベアリング株式会社）", enc="html-sjis",
     auth=PASS(TOKO_JA, "default"), body=dedent("""
        星川精機株式会社
        経理部 石原様

        平素は格別のご高配を賜り、誠にありがとうございます。
        東光ベアリング株式会社 経理課でございます。

        弊社では8月1日より、お取引先様からのお支払いを、当座預金ではなく普通預金でお受けすることとなりました。
        これに伴い、8月以降のお振込先を下記のとおりご案内いたします。

        　銀行名：みずなら銀行
        　支店名：八王子北口支店
        　口座　：普通 5068123
        　名義　：トウコウベアリング（カ

        お手数ではございますが、貴社のご登録を変更いただき、変更が完了した旨を本メールへのご返信にてお知らせください。
        今後とも変わらぬお引き立てのほど、よろしくお願い申し上げます。

        東光ベアリング株式会社 経理課
        """))

mail("ho2-bec-3", H, "fraud", "bec-bank-change",
     "look-alike tenryu-1ogi.co.jp (digit 1 for l) of the carrier, SPF only; rate increase used "
     "as cover for an account change, reply by mail",
     date="08-18 09:50", frm=("天竜ロジスティクス 平林", "m.hirabayashi@tenryu-1ogi.co.jp"),
     to=P["keiri"], subject="運賃改定および振込先変更のお知らせ（天竜ロジスティクス）",
     enc="utf8q", auth=NOSIGN(), body=dedent("""
        星川精機株式会社
        経理ご担当者様

        いつも大変お世話になっております。天竜ロジスティクス株式会社 業務課の平林でございます。

        燃料価格の高止まりを受け、誠に恐縮ながら、9月出荷分より運賃を一律4%改定させていただきます。改定後の料金表は、担当の杉山より追ってお届けいたします。

        また、あわせてお振込先の変更をお願い申し上げます。
        8月締め分（9月末お支払い）より、下記の口座へお振込みください。

        　つばさ銀行　飯田駅前支店
        　普通　2810937
        　テンリユウロジスティクス（カ

        東都中央銀行の口座は、9月をもって入金の受付を終了いたします。
        ご不明の点は、本メールへご返信いただけますと幸いです。

        天竜ロジスティクス株式会社 業務課
        平林 舞
        """))

mail("ho2-bec-4", H, "fraud", "bec-bank-change",
     "fake FACTORING notice: a 'factoring company' on its own authenticated domain says it bought "
     "the tools supplier's receivables; pay it instead, do not ask the supplier",
     date="09-28 16:05", frm=("みらいファクター 債権管理部", "saiken@mirai-factor.example"),
     to=P["komatsu"], subject="債権譲渡通知書（株式会社アズミ工具様ご請求分）", enc="alt",
     auth=PASS("mirai-factor.example", "fk1"),
     attach=[("債権譲渡通知書_アズミ工具様分.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        代表取締役 星川 太郎 様
        経理ご担当者様

        突然のご連絡、失礼いたします。
        株式会社みらいファクター 債権管理部の井口と申します。

        このたび、株式会社アズミ工具様（以下「譲渡人」）が貴社に対して有する売掛債権につきまして、弊社が譲渡を受けましたので、譲渡人の承諾のもと、ご通知申し上げます。
        詳細は、添付の債権譲渡通知書をご確認ください。

        つきましては、10月以降にお支払期日を迎えるご請求分（9月締め分以降）は、譲渡人ではなく、下記の弊社口座へお振込みくださいますようお願いいたします。

        　あさがおネット銀行　第七営業部
        　普通　6301548
        　カ）ミライファクター　サイケンカンリ

        譲渡人の口座へお振込みいただいた場合、二重のお支払いとなるおそれがございますので、ご注意ください。
        なお、本件は譲渡人の資金繰りに関わる内容のため、譲渡人のご担当者様へのお問い合わせはお控えいただき、ご不明な点は本メールにてお問い合わせください。

        株式会社みらいファクター 債権管理部
        井口 恵美
        """))

mail("ho2-bec-5", H, "fraud", "bec-bank-change",
     "compromised real tenryu-logi.co.jp account (all pass, no Reply-To, no thread): 'office "
     "move' gives a NEW phone number for the confirmation call, old line 'hard to reach'",
     date="10-19 13:22", frm=("平林 舞", "m.hirabayashi@" + TENRYU), to=P["komatsu"],
     cc=[P["keiri"]], subject="【天竜ロジスティクス】事務所移転に伴う電話番号・お振込先変更のご案内",
     enc="sjis8", auth=PASS(TENRYU), body=dedent("""
        星川精機株式会社
        経理部長 小松様
        （cc 経理部 御中）

        いつもお世話になっております。天竜ロジスティクスの平林でございます。

        弊社は10月26日付で、本社事務所を飯田市内の新社屋へ移転いたします。
        移転に伴い、代表電話番号と、運賃のお振込先を下記のとおり変更させていただきます。

        　新しい代表電話：0265-00-7731（10月20日より）
        　新しいお振込先：信州みらい銀行 飯田支店 普通 4927706
        　　　　　　　　　テンリユウロジスティクス（カ

        旧事務所の電話は、回線の撤去工事のため、今週からつながりにくくなっております。
        ご確認のお電話は、お手数ですが上記の新しい番号へおかけください。担当の平林が承ります。

        10月分以降の運賃は、新しい口座へのお振込みをお願いいたします。

        天竜ロジスティクス株式会社 業務課
        平林 舞
        """))

mail("ho2-bec-7", H, "fraud", "bec-bank-change",
     "[en] compromised real account of the Swedish supplier's director inside the real quality "
     "thread (ho-every-4), all pass: export payments to an Estonian 'subsidiary', the usual "
     "contact is 'on leave', write only to him",
     date="08-04 08:55", frm=("Erik Lindqvist", "erik.lindqvist@lindqvist-precision.example"),
     to=("Masaki Miura", P["miura"][1]),
     subject="RE: Corrective action report - guide bushing bore", enc="ascii",
     reply_of="ho-every-4", auth=PASS("lindqvist-precision.example"), body=dedent("""
        Dear Mr. Miura,

        One more point, not about quality, but I would like it to reach the right person on
        your side quickly.

        From 1 September, Lindqvist Precision will receive payments from customers outside
        Sweden through the account of our new subsidiary in Estonia, which now handles our
        export invoicing. Could you please pass the following to your accounting department?

          Beneficiary:  Lindqvist Precision Baltic OU
          IBAN:         EE00 2210 0012 4456 7789
          BIC:          NRTBEE22XXX

        Anna is on summer leave until the end of August, so please send any payment advice
        or questions about this directly to me rather than to her.

        Best regards,
        Erik
        """))

mail("ho2-bec-8", H, "fraud", "bec-bank-change",
     "look-alike hoktuo-konpo.jp (two letters TRANSPOSED), all pass for itself; a monthly invoice "
     "PDF whose bank box 'is new from this month', PDF only, no paper",
     date="09-21 10:18", frm=("佐藤 由美", "y.sato@hoktuo-konpo.jp"), to=P["keiri"],
     subject="9月分ご請求書の送付について", enc="jis", auth=PASS("hoktuo-konpo.jp", "mail"),
     attach=[("請求書_2026年9月分.pdf", "pdf", "rfc2231")], body=dedent("""
        星川精機株式会社
        経理部 御中

        いつもお世話になっております。北斗梱包の佐藤です。
        9月分のご請求書をお送りいたします。

        　ご請求金額：598,950円（税込）
        　お支払期日：10月31日

        今月から、請求書のお振込先の欄が新しい口座に変わっております。
        弊社の事業用口座を整理したためで、今後のお支払いはすべて請求書に記載の口座へお願いいたします。

        　つばさ銀行　茅野支店　普通　7715392　ユ）ホクトコンポウ

        原本の郵送はございません。PDFでの送付のみとなりますので、ご了承ください。

        有限会社北斗梱包
        佐藤 由美
        """))

# --- fake-lawyer ------------------------------------------------------------------------------

mail("ho2-law-1", H, "fraud", "fake-lawyer",
     "our REAL law firm's domain spoofed outside any thread (dmarc fail), Reply-To outlook.jp "
     "'while our mail system is updated': secret share buy-up, adviser's retainer by tomorrow, "
     "do not call the president",
     date="11-16 17:48", frm=("桜井 隆", "t.sakurai@sakurai-law.jp"), to=P["kenji"],
     reply_to=("桜井 隆", "sakurai.law.office@outlook.jp"),
     subject="ご相談の件（株式の買い集めへの対応について）", enc="jis",
     auth=SPOOF("return@mx2.bizpost-relay.example"), relay="mx2.bizpost-relay.example",
     body=dedent("""
        星川精機株式会社
        専務取締役 星川 健二 様

        いつもお世話になっております。桜井総合法律事務所の桜井です。
        先ほど星川社長からお電話をいただき、同業の大手メーカーが、貴社の主要株主の方々から株式を買い集めようとしているとの情報について、ご相談を受けました。

        社長のご意向により、当事務所が提携している企業買収の専門家を直ちに起用し、株主の方々への対応策の検討に入ります。
        つきましては、専門家への着手金3,300,000円を、明日の午前中までにお振込みいただく必要がございます。

        本件は、先方に動きを察知されると対応が難しくなるため、専務と社長以外の方への共有はお控えください。経理部へは、お振込みの後に私からご説明いたします。
        また、社長は明日まで関係者との面談が続くため、社長へのお電話もお控えいただきたいとのことです。

        お振込先は、ご返信をいただいた後にお知らせいたします。
        なお、事務所のメールシステムを更新している最中のため、ご返信は返信先に設定したアドレスへお願いいたします。

        桜井総合法律事務所
        弁護士 桜井 隆
        """))

# --- payroll-change ---------------------------------------------------------------------------

mail("ho2-pay-1", H, "fraud", "payroll-change",
     "a salesman's name in HIRAGANA as display name on an ezweb.ne.jp carrier address, EUC-JP "
     "body and headers: winter bonus to a new account, 'paperwork next year'",
     date="12-07 20:10", frm=("ふじい しょうた", "shota-fujii-0808@ezweb.ne.jp"), to=P["uchida"],
     subject="振込先のことで相談です", enc="euc8", body=dedent("""
        内田さん

        営業部の藤井です。夜分にすみません、携帯から送っています。
        冬のボーナスの振込先について相談させてください。
        結婚を機に口座を整理していて、今回のボーナスから新しい口座に入れてもらいたいです。

        　みずなら銀行　オンライン第一支店
        　普通　3390628
        　フジイ ショウタ

        変更の書類は年明けに出します。今回だけ、先にメールで対応してもらえませんか。
        平日は外回りで社内にいないことが多いので、このアドレスに返信をお願いします。

        藤井
        """))

mail("ho2-pay-2", H, "fraud", "payroll-change",
     "From: is the accounting clerk's REAL company address, but the mail was sent through gmail "
     "('send as'): Sender: header is a gmail address, dkim=pass only for gmail.com, dmarc fail",
     date="10-23 12:05", frm=P["ishihara"], to=P["uchida"],
     subject="給与の受取口座変更のお願い（石原）", enc="alt",
     auth=auth("pass", "misaki.i.2019@gmail.com", [("pass", "gmail.com", "20230601")], "fail"),
     relay="mail-sor-f41.google.com", extra=[("Sender", "misaki.i.2019@gmail.com")],
     body=dedent("""
        内田さん

        お疲れ様です。経理の石原です。
        11月の給与から、受取口座を下記に変更していただけますか。
        メインバンクを移したため、前の口座は今月で解約する予定です。

        　あさがおネット銀行　第四営業部　普通　7460215　イシハラ ミサキ

        変更届の用紙は、後で総務部の棚からもらって記入します。
        今日は一日、監査法人の方の対応で席を外しているので、お返事はメールでお願いします。

        石原
        """))

# --- credential-phish -------------------------------------------------------------------------

mail("ho2-cred-1", H, "fraud", "credential-phish",
     "fake e-signature request in the name of our real law firm, from an e-sign look-alike "
     "service domain; 'sign in with Microsoft 365 to view'; HTML-only",
     date="07-30 11:20", frm=("桜井総合法律事務所 via SignCloud", "notification@sign-cloud-jp.example"),
     to=P["okabe"], subject="桜井総合法律事務所 から「秘密保持契約書（改訂版）」への署名依頼が届いています",
     enc="html", auth=PASS("sign-cloud-jp.example", "sc1"), body=None, html="""
<html><head><meta charset="utf-8"><title>SignCloud</title></head>
<body style="font-family:'Hiragino Sans','Meiryo',sans-serif;font-size:14px;background:#f4f6f8;">
<div style="max-width:560px;margin:24px auto;background:#fff;border-top:4px solid #f2a900;padding:24px;">
<p style="font-size:13px;color:#888;">SignCloud&nbsp;電子契約</p>
<p style="font-size:18px;"><b>桜井総合法律事務所</b>&nbsp;から署名の依頼が届いています</p>
<table cellpadding="4" style="font-size:13px;">
<tr><td style="color:#888;">文書名</td><td>秘密保持契約書（改訂版）_星川精機様.pdf</td></tr>
<tr><td style="color:#888;">送信者</td><td>弁護士&nbsp;桜井&nbsp;隆</td></tr>
<tr><td style="color:#888;">署名期限</td><td>2026年8月1日&nbsp;17:00</td></tr>
</table>
<p style="border-left:3px solid #ddd;padding-left:8px;color:#555;">&laquo;先日お打ち合わせした内容を反映しました。ご確認のうえ、ご署名をお願いいたします。&raquo;</p>
<p style="text-align:center;margin:24px 0;"><a href="https://docs.sign-cloud-jp.example/v/8c21e?sso=m365" style="background:#f2a900;color:#222;padding:10px 28px;text-decoration:none;font-weight:bold;">文書を確認する</a></p>
<p style="font-size:12px;color:#888;">セキュリティのため、文書の閲覧には組織の Microsoft&nbsp;365 アカウントでのサインインが必要です。</p>
</div></body></html>
""")

mail("ho2-cred-2", H, "fraud", "credential-phish",
     "link TEXT shows our own domain (portal.hoshikawa-seiki.co.jp) but the href goes to a "
     "look-alike host; 'shared mailbox access must be re-approved', HTML-only",
     date="11-26 06:40", frm=("Microsoft 365 メッセージ センター", "message-center@m365-tenant-notice.example"),
     to=P["keiri"], subject="【Microsoft 365】共有メールボックスのアクセス権の再承認（期限 11/28）",
     enc="html", auth=PASS("m365-tenant-notice.example", "mc1"), body=None, html="""
<html><head><meta charset="utf-8"><title>Microsoft 365</title></head>
<body style="font-family:'Segoe UI','Yu Gothic',sans-serif;font-size:14px;">
<div style="max-width:560px;margin:20px auto;border:1px solid #e1e1e1;padding:22px;">
<p style="color:#0f6cbd;font-size:18px;">Microsoft&nbsp;365&nbsp;メッセージ センター</p>
<p>共有メールボックス <b>keiri@hoshikawa-seiki.co.jp</b> のアクセス権は、組織のポリシーにより定期的な再承認が必要です。</p>
<p>2026年11月28日までに再承認が行われない場合、このメールボックスへの全員のアクセス権が一時的に削除されます。</p>
<p>社内ポータルから、メールボックスの利用者ご本人がサインインして再承認してください：<br>
<a href="https://portal-hoshikawa-seiki.session-verify.example/m365/reauth?u=keiri">https://portal.hoshikawa-seiki.co.jp/m365/reauth</a></p>
<p style="font-size:12px;color:#777;">この操作には、サインインと多要素認証が必要です。本メールは送信専用です。</p>
</div></body></html>
""")

# --- gift-card --------------------------------------------------------------------------------

mail("ho2-gift-1", H, "fraud", "gift-card",
     "the 常務's name on gmail to a factory worker: buy E-MAIL-delivered gift cards online with "
     "this gmail as the recipient, as a 'safety award' surprise; keep it from the plant manager",
     date="09-24 16:48", frm=("三浦 正樹", "masaki.miura.jomu@gmail.com"), to=P["kuwabara"],
     subject="無災害記録の表彰について", enc="sjis8", body=dedent("""
        桑原さん

        お疲れ様です。常務の三浦です。
        第1工場の無災害記録が1,000日に達したので、現場の皆さんにささやかな記念品を渡したいと考えています。
        サプライズにしたいので、桑原さんにだけお願いします。

        アマゾンのサイトで、Eメールタイプのギフトカードを5,000円分×20枚購入し、受取人のアドレスをこのメールアドレス（masaki.miura.jomu@gmail.com）にして送ってください。
        クレジットカードがなければ、コンビニ払いでも買えます。
        立て替えてもらった分は、来週私から直接お返しします。

        表彰式までは、工場長にも内緒にしておいてください。

        三浦
        """))

# ---------------------------------------------------------------------------------------------
# HOLDOUT, batch 2 — legitimate
# ---------------------------------------------------------------------------------------------

# --- president-urgent -------------------------------------------------------------------------

mail("ho2-pres-1", H, "ok", "president-urgent",
     "real president, authenticated: 【至急・内密】 personnel matter, 'tell nobody yet', come to "
     "my office, answer by extension (secrecy words, no money)",
     date="07-21 08:15", frm=P["taro"], to=P["okabe"], auth=INTERNAL,
     subject="【至急・内密】本日中にお時間をください", enc="utf8b", body=dedent("""
        岡部さん

        おはようございます。星川です。
        人事に関する件で、本日中に30分ほど時間をもらえますか。
        内容は会ってから話しますが、正式に決まるまでは、まだ誰にも話さないでおいてください。

        11時か16時なら社長室にいます。どちらか都合のよい方を、内線で知らせてください。
        星川
        """))

mail("ho2-pres-2", H, "ok", "president-urgent",
     "real president, authenticated: pay a trade-fair fee urgently, but to a payee already in the "
     "master data, account confirmed by phone, invoice and 稟議 through the usual route",
     date="11-05 09:02", frm=P["taro"], to=P["komatsu"], cc=[P["morita"]], auth=INTERNAL,
     subject="【至急】展示会出展料の支払いについて", enc="jis", xmailer="Microsoft Outlook 16.0",
     body=dedent("""
        小松さん（cc 森田さん）

        お疲れ様です。星川です。
        来年2月の精密加工技術展の出展について、主催者から、出展料の入金が今週金曜までに確認できないと、押さえている小間を他社に回すと連絡がありました。

        急ぎで申し訳ないのですが、今週の支払いに加えてください。
        ・金額：594,000円（税込、4小間分）
        ・支払先：主催者の一般社団法人。昨年も出展しているので、取引先マスタに登録済みです。口座も昨年と同じであることを、森田さんが主催者の事務局に電話で確認しています
        ・請求書：原本は森田さんが受け取っているので、経理に回してもらいます
        ・稟議：私が本日中に承認します

        星川
        """))

# --- it-warning-quoting-scam ------------------------------------------------------------------

mail("ho2-itw-1", H, "ok", "it-warning-quoting-scam",
     "IT warns about the sub-domain spoof and quotes ho2-line-2 word for word between markers; "
     "explains why the address only looks like ours",
     date="08-25 15:30", frm=P["takanashi"], to=P["all"], auth=INTERNAL,
     subject="会社のアドレスに似せた社長名のメールについて（LINE招待リンクの要求）", enc="sjisqp",
     body=dedent("""
        全社員各位

        情報システムの高梨です。
        本日午前、社長の名前で、LINEのグループの招待リンクを送るよう求めるメールが三浦常務に届きました。
        差出人のアドレスは「t.hoshikawa@office.hoshikawa-seiki.co.jp」で、会社のドメインの前に「office.」が付いています。当社はこのアドレスを使っていません。
        メールサーバーの記録でも、社外のサーバーから送られたものでした。

        ■届いたメール（本文そのまま）
        {{VERBATIM:ho2-line-2}}
        ■ここまで

        QRコードの代わりに「招待リンク（URL）」を求める形に変わっていますが、狙いは同じです。
        社長・役員が、LINEのグループ作成や招待リンクの送付をメールで頼むことはありません。
        似たメールを受け取ったら、返信せずに、内線215まで連絡してください。

        高梨
        """))

mail("ho2-itw-2", H, "ok", "it-warning-quoting-scam",
     "the 総務部長 (not IT) warns all staff about a fake salary-account request and quotes "
     "ho2-pay-1 with '> '; states that changes are only accepted on paper in person",
     date="12-08 09:10", frm=P["okabe"], to=P["all"], auth=INTERNAL,
     subject="【総務部より】給与振込先の変更を装うメールについて", enc="utf8b", body=dedent("""
        社員各位

        総務部の岡部です。
        昨晩、営業部の藤井さんの名前で、冬の賞与の振込先を変えてほしいというメールが総務部の内田さんに届きました。
        差出人は携帯会社のアドレスで、藤井さん本人に確認したところ、送っていないとのことでした。

        届いたメールは次のとおりです。

        {{QUOTE:ho2-pay-1}}

        給与・賞与の振込先の変更は、所定の変更届を、ご本人が総務部の窓口に提出する方法でのみ受け付けています。
        メールや電話でのご依頼には、たとえ本人の名前であっても対応しません。

        ご自分の名前でこのようなメールが出回っている可能性もありますので、心当たりのない連絡があれば総務部までお知らせください。

        岡部
        """))

# --- colleagues-line-group --------------------------------------------------------------------

mail("ho2-colline-1", H, "ok", "colleagues-line-group",
     "a factory worker (company address, authenticated) sets up an optional LINE group for the "
     "company futsal club, QR code PNG attached, nothing about money or work",
     date="09-10 12:40", frm=P["kuwabara"], to=P["all"], auth=INTERNAL,
     subject="フットサル部の連絡用LINEグループを作りました", enc="utf8q",
     attach=[("フットサル部_参加用QR.png", "png", "rfc2231")], body=dedent("""
        皆さん

        お疲れさまです。第1工場の桑原です。
        毎週木曜の夜に市の体育館でやっているフットサル部で、練習の中止や場所の変更を連絡するためのLINEグループを作りました。

        参加したい人は、添付のQRコードをLINEの「友だち追加」から読み取ってください。
        見学だけの人、たまにしか来られない人も歓迎です。入らなくても、練習の予定は食堂の掲示板に貼っておきます。

        グループでは、フットサルの連絡だけにします。

        桑原
        """))

# --- partner-private-freemail -----------------------------------------------------------------

mail("ho2-ppf-1", H, "ok", "partner-private-freemail",
     "the carrier's driver manager from his private yahoo.co.jp listed in the profile, early "
     "morning: snow delays today's pick-up",
     date="12-16 06:10", frm=SUGIYAMA_PRIV, to=P["kobai"], cc=[P["miura"]],
     subject="本日の集荷時間の変更（天竜ロジ 杉山）", enc="jis", body=dedent("""
        星川精機株式会社
        購買ご担当者様（cc 三浦様）

        おはようございます。天竜ロジスティクスの杉山です。
        早朝のため、個人のアドレスから失礼いたします。

        昨夜からの雪で、中央道の一部がチェーン規制になっております。
        本日の集荷は、通常の10時から13時ごろに遅らせていただけないでしょうか。
        お届け先への到着は、明日の午前中になる見込みです。

        8時半以降は会社におりますので、ご都合が悪い場合は会社の電話までご連絡ください。

        天竜ロジスティクス
        杉山 和也
        """))

mail("ho2-ppf-2", H, "ok", "partner-private-freemail",
     "known private gmail of 北斗梱包's boss: has heard of a look-alike domain using his firm's "
     "name, says the account has NOT changed (mentions 口座/振込先 legitimately)",
     date="10-02 19:25", frm=KITAMURA_PRIV, to=P["ishihara"],
     subject="弊社名の偽メールについて（北斗梱包 北村）", enc="utf8b", body=dedent("""
        石原様

        いつもお世話になっております。北斗梱包の北村です。
        出張先のため、個人のアドレスから失礼します。

        本日、佐藤から、弊社によく似たアドレスで御社に請求書が届いていたと聞きました。お電話でお知らせいただき、ありがとうございました。
        「hoktuo-konpo.jp」というアドレスは弊社のものではありません。

        弊社の振込先は、これまでどおり、さくら野信用金庫の口座から変わっておりません。
        請求書の原本も、これまでどおり郵送いたします。

        ご迷惑をおかけして申し訳ございません。来週、会社に戻りましたら改めてご連絡いたします。

        北斗梱包
        北村 大輔
        """))

# --- officer-private --------------------------------------------------------------------------

mail("ho2-offp-1", H, "ok", "officer-private",
     "the 専務 from his OWN private icloud address, listed in the profile: impressions of a "
     "regional trade fair (a second officer with a known private address)",
     date="10-10 21:05", frm=P["kenji_priv"], to=[P["taro"], P["miura"]],
     subject="伊那の産業フェアの報告", enc="sjis8", body=dedent("""
        社長、三浦さん

        星川（健二）です。帰りの車中なので、私用のアドレスから送ります。
        今日は伊那の産業フェアを見てきました。簡単に報告します。

        ・医療機器の部品加工で、小ロットの引き合いが増えていると、複数の出展者から聞きました
        ・ナガセ医療器さんのブースにも寄りました。夏に試作をお受けした装置が、来年から量産に入るそうです
        ・測定機の展示では、非接触の三次元測定機がだいぶ安くなっていました。三浦さん、来期の更新候補に入れてもいいかもしれません

        詳しくは月曜の経営会議で。
        星川 健二
        """))

mail("ho2-offp-2", H, "ok", "officer-private",
     "the president from his known private gmail late at night: add a balance-trend chart to "
     "next week's cash-flow meeting material (mentions 残高, asks for no money or screenshots)",
     date="12-12 22:30", frm=P["taro_priv"], to=P["komatsu"],
     subject="来週の資金繰り会議の資料について", enc="alt", body=dedent("""
        小松さん

        夜分にすみません。星川です。自宅なので私用のアドレスから送ります。
        来週水曜の資金繰り会議の資料に、今年1月からの預金残高の推移をグラフで1枚加えてもらえますか。
        賞与の支払いと設備資金の返済が重なる月の様子を、役員で確認しておきたいのです。

        数字は月次決算の資料から拾ってもらえれば十分です。急ぎではないので、月曜以降で構いません。

        星川
        """))

# --- real-invoice -----------------------------------------------------------------------------

mail("ho2-inv-1", H, "ok", "real-invoice",
     "the carrier's monthly freight invoice from its real signed domain, account as on file",
     date="08-31 15:12", frm=("平林 舞", "m.hirabayashi@" + TENRYU), to=P["keiri"],
     subject="8月分 運賃のご請求について（天竜ロジスティクス）", enc="alt", auth=PASS(TENRYU),
     attach=[("運賃請求書_2026年8月分.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        経理部 御中

        いつもお世話になっております。天竜ロジスティクス株式会社 業務課の平林でございます。
        8月分の運賃のご請求書をお送りいたします。

        　ご請求金額：276,430円（税込、出荷 41件分）
        　お支払期日：9月30日
        　お振込先　：東都中央銀行 飯田支店 普通 7781025 テンリユウロジスティクス（カ

        なお、先日一部のお取引先様に、弊社によく似た名前のアドレスから「運賃改定と振込先変更」のメールが届いたとのご連絡をいただいております。
        弊社の振込先に変更はございません。

        天竜ロジスティクス株式会社 業務課
        平林 舞
        """))

mail("ho2-inv-2", H, "ok", "real-invoice",
     "the tools supplier's invoice, EUC-JP, paid to its NEW account (changed in August after a "
     "phone check; the second account in the profile)",
     date="11-30 13:00", frm=("宮下 千尋", "c.miyashita@" + AZUMI), to=P["keiri"], cc=[P["kobai"]],
     subject="11月分ご請求書の送付（アズミ工具）", enc="euc8", auth=PASS(AZUMI),
     attach=[("請求書_AZ-2611-097.pdf", "pdf", "rfc2047")], body=dedent("""
        星川精機株式会社
        経理部 御中

        いつもお世話になっております。株式会社アズミ工具の宮下です。
        11月分のご請求書をお送りいたします。

        　請求書番号：AZ-2611-097
        　ご請求金額：452,760円（税込）
        　お支払期日：2026年12月31日
        　お振込先　：安曇野中央信用組合 豊科支店 普通 0091735 カ）アズミコウグ
        　　　　　　　（8月にご案内した口座です）

        年末のお支払期日が金融機関の休業日にあたりますので、前営業日までのお振込みで差し支えございません。

        株式会社アズミ工具 業務部
        宮下 千尋
        """))

# --- real-bank-notice -------------------------------------------------------------------------

mail("ho2-bank-1", H, "ok", "real-bank-notice",
     "our bank's genuine e-certificate expiry notice (contrast with the phishing one): no link, "
     "'log in from your usual bookmark', never asks for passwords",
     date="09-01 09:00", frm=("信州みらい銀行", "ib-info@" + BANK), to=P["keiri"],
     subject="【信州みらい銀行】電子証明書の有効期限が近づいています", enc="sjisqp", auth=PASS(BANK),
     body=dedent("""
        星川精機株式会社 様

        いつも信州みらい銀行 法人インターネットバンキングをご利用いただき、ありがとうございます。
        お客さまの電子証明書の有効期限が近づいておりますので、お知らせいたします。

        　利用者ID　：HS-KEIRI-01
        　有効期限　：2026年10月15日

        更新は、普段お使いのパソコンから、ブックマーク等に登録した当行の法人インターネットバンキングにログインし、画面の案内に沿って行ってください。
        このメールには、更新用のリンクを記載しておりません。

        当行が、メールやお電話で、ログインパスワード・確認用パスワード・ワンタイムパスワードをお尋ねすることはございません。

        信州みらい銀行 法人インターネットバンキング ヘルプデスク
        0120-000-118（平日 9:00〜18:00）
        """))

mail("ho2-bank-2", H, "ok", "real-bank-notice",
     "our bank's year-end notice, UTF-8 8bit: busy days for transfers plus a reminder that "
     "account-change and CEO-name frauds rise at year end",
     date="12-10 10:00", frm=("信州みらい銀行", "info@" + BANK), to=P["keiri"],
     subject="【信州みらい銀行】年末年始の営業とお振込みについてのご案内", enc="utf8-8",
     auth=PASS(BANK), body=dedent("""
        法人のお客さま各位

        平素より信州みらい銀行をご利用いただき、誠にありがとうございます。
        年末年始の営業についてご案内いたします。

        ・12月31日（木）から1月3日（日）まで、窓口は休業いたします
        ・12月25日と28日から30日は、お振込みが大変混み合います。お早めのお手続きをお願いいたします
        ・法人インターネットバンキングは、12月31日の21時から1月1日の6時まで、メンテナンスのため停止いたします

        【年末の詐欺にご注意ください】
        年末は、取引先を装って「振込先が変わった」と連絡してくる詐欺や、社長の名前で急ぎの振込を求める詐欺が増える時期です。
        いつもと違う振込先やお急ぎのご依頼は、メール以外の方法でご本人・取引先にご確認ください。

        信州みらい銀行
        """))

# --- real-bank-change -------------------------------------------------------------------------

mail("ho2-rbc-1", H, "ok", "real-bank-change",
     "genuine: the carrier moves its main bank in February, real domain with DKIM pass, PDF; asks "
     "us to call the number in our ledger, refers to its October account misuse and says that "
     "mail's phone number and account were not theirs",
     date="12-14 14:00", frm=("平林 舞", "m.hirabayashi@" + TENRYU), to=P["komatsu"],
     cc=[P["keiri"]], subject="【天竜ロジスティクス】来年2月からのお振込先変更について（お電話でのご確認のお願い）",
     enc="jis", auth=PASS(TENRYU), attach=[("お振込先変更のお知らせ_天竜ロジスティクス.pdf", "pdf", "rfc2047")],
     body=dedent("""
        星川精機株式会社
        経理部長 小松 典子 様

        いつもお世話になっております。天竜ロジスティクス株式会社 業務課の平林でございます。

        10月には、弊社のメールアカウントが第三者に不正に使われ、御社にもご迷惑をおかけいたしました。あらためてお詫び申し上げます。
        その際のメールに記載されていた電話番号と口座は、弊社のものではございません。弊社の電話番号は、以前から変わっておりません。

        さて、弊社では来年2月より、メインバンクを変更することとなりました。
        2月締め分（3月末お支払い）より、お振込先を下記のとおり変更させていただきたく存じます。

        　変更前：東都中央銀行 飯田支店 普通 7781025
        　変更後：信州みらい銀行 伊那支店 普通 2056418
        　名義　：テンリユウロジスティクス（カ（変更なし）

        社印を押した正式なご案内を、本日郵送いたしました。
        ご登録の前に、お手数ですが、御社の取引先台帳に登録されている弊社の電話番号へお電話いただき、業務課の平林か、営業の杉山にご確認ください。
        メールに記載された電話番号や、メールへのご返信でのご確認はお受けしておりません。

        天竜ロジスティクス株式会社 業務課
        平林 舞
        """))

mail("ho2-rbc-2", H, "ok", "real-bank-change",
     "genuine: the bearing supplier renames itself after a merger, so the account HOLDER NAME "
     "changes (same bank, branch and number); real domain, DKIM pass; asks for a phone check",
     date="11-30 10:45", frm=("中川 浩二", "k.nakagawa@toko-bearing.co.jp"), to=P["komatsu"],
     cc=[P["ishihara"]], subject="【東光ベアリング】社名変更に伴う口座名義変更のご案内",
     enc="alt-jis", auth=PASS("toko-bearing.co.jp"), body=dedent("""
        星川精機株式会社
        経理部長 小松 典子 様

        平素は格別のお引き立てを賜り、厚く御礼申し上げます。
        東光ベアリング株式会社 経理課の中川でございます。

        すでに営業よりご案内しておりますとおり、弊社は2027年1月1日付で親会社と合併し、社名を「トーコー精密株式会社」に変更いたします。
        これに伴い、お振込先の口座名義が変わります。銀行・支店・口座番号は変わりません。

        　口座　　：東都中央銀行 八王子中央支店 当座 0419937（変更なし）
        　現在の名義：トウコウベアリング（カ
        　1月以降の名義：トーコーセイミツ（カ

        社名変更のご案内と登記事項証明書の写しは、来週郵送いたします。
        お手数ですが、ご登録の変更にあたっては、お手元の台帳にある弊社の代表番号へお電話いただき、経理課までご確認ください。
        12月中のお支払いは、現在の名義のままで問題ございません。

        東光ベアリング株式会社 経理課
        中川 浩二
        """))

# --- mailing-list -----------------------------------------------------------------------------

mail("ho2-ml-1", H, "ok", "mailing-list",
     "the association list REWRITES From: to itself ('via kohan-ml') and re-signs; a member "
     "describes a fake account-change mail his firm received (quotes bank words legitimately)",
     date="09-09 18:40", frm=("川瀬 浩 via kohan-ml", "kohan-ml@" + ML), to=("", "kohan-ml@" + ML),
     reply_to=("川瀬 浩", "h.kawase@kawase-kogyo.co.jp"),
     subject="[kohan-ml:02447] 取引先を装った振込先変更メールの事例（ご参考）", enc="sjis8",
     auth=LISTREWRITE("kawase-kogyo.co.jp", ML, "kohan-ml"), relay="mail." + ML, rcpt=P["okabe"],
     extra=ml_headers(2447) + [("X-Original-From", "h.kawase@kawase-kogyo.co.jp")],
     body=dedent("""
        会員各位

        川瀬工業の川瀬です。ご参考までに、当社であった事例を共有します。

        先月、材料の仕入先を名乗るメールで「決済口座を変更したので、今月から新しい口座に振り込んでほしい」という依頼が届きました。
        差出人のドメインは、本物の社名の間にハイフンが一つ足されたもので、署名や文面は本物とほとんど同じでした。

        経理担当が、台帳に登録してある電話番号で仕入先に確認したところ、そのような依頼はしていないとのことでした。
        その後、同じ仕入先と取引のある別の会社にも届いていたと聞いています。

        当社では、振込先の変更は「書面と電話の両方で確認が取れるまで登録しない」という決まりにしました。

        川瀬工業株式会社
        川瀬 浩
        """) + ML_FOOT)

mail("ho2-ml-2", H, "ok", "mailing-list",
     "the factory-automation list: a reply about remote monitoring of machine tools and account "
     "management (IDs, passwords); author's DKIM broken by the list",
     date="11-19 12:10", frm=("石田 光", "h.ishida@ishida-denki.example"), to=("", "fa-users@" + FA),
     subject="[fa-users 0903] Re: 工作機械の遠隔監視とアカウント管理", enc="utf8b",
     auth=LISTPOST("ishida-denki.example", FA, "fa-users"), relay="list." + FA, rcpt=P["takanashi"],
     in_reply_to="fa-users-0899", extra=fa_headers(), body=dedent("""
        みなさん

        石田電機の石田です。前の投稿への返信です。

        工作機械の遠隔監視を入れるとき、当社のお客様で多いのは次のような運用です。
        ・監視用の端末は、事務所のネットワークとは分ける
        ・メーカーの保守担当に渡すIDは、期限付きで発行し、作業が終わったら止める
        ・パスワードは機械ごとに変え、共有の表計算ファイルには書かない

        メーカーや保守業者を名乗って、メールで「接続のためにIDとパスワードを送ってほしい」と頼んでくる例も聞きます。
        その場合は、契約書にある窓口に電話して確かめるのが確実です。

        石田
        """) + FA_FOOT)

# --- newsletter -------------------------------------------------------------------------------

mail("ho2-news-1", H, "ok", "newsletter",
     "trade newsletter issue on new BEC variants (Japanese-script domains, fake factoring notices, "
     "'call this new number'); multipart/alternative",
     date="10-28 07:00", frm=("週刊ものづくり通信", "news@" + NEWS), to=P["miura"],
     subject="週刊ものづくり通信 第452号｜「電話で確認」の裏をかく手口も", enc="alt",
     auth=PASS(NEWS, "news"), relay="out-1.mta." + NEWS, extra=news_headers("c0de77"),
     body=dedent("""
        週刊ものづくり通信 第452号（2026年10月28日）

        ■ 特集：「電話で確認」の裏をかく手口も
        振込先の変更を電話で確かめる会社が増えたことで、詐欺の側も手口を変えてきています。読者から寄せられた最近の例です。

        ・メールの中に「新しい電話番号」を書いておき、確認の電話をそこへかけさせる
        ・日本語のドメイン名（社名そのもの）を取得して、本物らしく見せる
        ・「債権を譲り受けた」という会社を名乗り、支払先そのものを変えさせる

        確認の電話は、必ず自社の台帳に前から登録してある番号へ。メールに書かれた番号は使わないことが基本です。

        ■ 連載：若手が辞めない職場づくり（第10回）
        ■ 読者の声：「省エネ補助金の記事を参考に申請しました」

        配信停止・アドレス変更：https://monozukuri-tsushin.example/unsubscribe?u=c0de77
        """))

mail("ho2-news-2", H, "ok", "newsletter",
     "IT vendor's HTML-only newsletter in Shift_JIS describing the second wave of CEO-name fraud "
     "(invite links, adviser LINE IDs, transfer-limit changes)",
     date="12-02 09:30", frm=("ソラノ情報システム", "news@sorano-is.co.jp"), to=P["takanashi"],
     subject="ソラノ通信 2026年12月号｜ニセ社長メール、手口の変化と対策", enc="html-sjis",
     auth=PASS("sorano-is.co.jp"),
     extra=[("List-Unsubscribe", "<https://sorano-is.co.jp/news/unsubscribe>"), ("Precedence", "bulk")],
     body=None, html="""
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>ソラノ通信 2026年12月号</title></head>
<body style="font-family:'Meiryo',sans-serif;font-size:14px;line-height:1.7;">
<h2 style="color:#1f6f8b;">ソラノ通信&nbsp;2026年12月号</h2>
<p>いつもお世話になっております。株式会社ソラノ情報システムです。</p>
<h3>ニセ社長メール、手口の変化と対策</h3>
<p>昨年末から続いている、社長や役員の名前でLINEのグループを作らせる詐欺は、この秋から手口が少しずつ変わってきています。お客様から伺った例をまとめました。</p>
<ul>
<li>QRコードではなく、グループの「招待リンク」を送らせる</li>
<li>グループに「顧問の先生」などのLINE&nbsp;IDを追加させ、口座の質問に答えさせる</li>
<li>ネットバンキングの振込限度額を引き上げさせ、承認番号やワンタイムパスワードを聞き出す</li>
<li>会社のドメインの前に「office.」などを付けた、会社のアドレスに見えるアドレスを使う</li>
</ul>
<p>対策の基本は変わりません。お金や認証の情報に関わる依頼は、メール以外の方法で、ご本人に確認してください。</p>
<p style="font-size:12px;color:#777;">配信停止：<a href="https://sorano-is.co.jp/news/unsubscribe">https://sorano-is.co.jp/news/unsubscribe</a></p>
</body></html>
""")

# --- everyday ---------------------------------------------------------------------------------

mail("ho2-every-1", H, "ok", "everyday",
     "the carrier's year-end delivery schedule and rates (this thread is hijacked by ho2-bec-6)",
     date="11-25 10:30", frm=("杉山 和也", "k.sugiyama@" + TENRYU), to=P["kobai"], cc=[P["miura"]],
     subject="年末年始の配送スケジュールと運賃のご案内", enc="sjis8", auth=PASS(TENRYU),
     body=dedent("""
        星川精機株式会社
        購買ご担当者様（cc 三浦様）

        いつもお世話になっております。天竜ロジスティクスの杉山です。
        年末年始の配送スケジュールについてご案内いたします。

        　通常便の最終集荷：12月25日（金）
        　特別便（ご希望の場合）：12月26日（土）から28日（月）
        　年始の初回集荷：1月5日（火）

        特別便の運賃は、通常の運賃に1便あたり割増料金がかかります。ご希望の場合は、12月18日までに便数をお知らせください。
        運賃は、通常分と合わせて月末締めでご請求いたします。

        天竜ロジスティクス株式会社 営業課
        杉山 和也
        """))

mail("ho2-bec-6", H, "fraud", "bec-bank-change",
     "thread hijack of the carrier's real schedule mail (ho2-every-1): From: the real contact's "
     "address, DKIM passes but for a bulk-mail service's domain (not aligned), dmarc fail; "
     "surcharge in advance to a 'partner haulier' account",
     date="11-27 15:40", frm=("杉山 和也", "k.sugiyama@" + TENRYU), to=P["kobai"], cc=[P["miura"]],
     subject="Re: 年末年始の配送スケジュールと運賃のご案内", enc="utf8b", reply_of="ho2-every-1",
     auth=auth("pass", "bounce-8812@mta.sendwave-mail.example",
               [("pass", "sendwave-mail.example", "sw1")], "fail"),
     relay="mta.sendwave-mail.example", body=dedent("""
        購買ご担当者様（cc 三浦様）

        お世話になっております。天竜ロジスティクスの杉山です。
        年末の特別便の件で、補足のご連絡です。

        12月26日から28日の特別便は、繁忙期のため協力会社のトラックで対応いたします。そのため、割増運賃は協力会社へ直接、事前にお支払いいただく形となります。
        お手数ですが、12月19日までに下記の口座へお振込みをお願いいたします。

        　ひばりネット銀行　かえで支店
        　普通　5532081
        　カ）ミナミシンシュウウンソウ
        　金額　184,800円（税込）

        通常分の運賃は、これまでどおり月末締めで弊社からご請求いたします。
        特別便をご利用いただく場合は、本メールへご返信ください。

        杉山

        {{QUOTE:ho2-every-1}}
        """))

mail("ho2-every-2", H, "ok", "everyday",
     "customer's year-end delivery schedule, ISO-2022-JP in base64",
     date="12-09 14:20", frm=("吉岡 綾", "a.yoshioka@minato-autoparts.co.jp"), to=P["morita"],
     subject="年末年始の納入スケジュールについて", enc="jisb", auth=PASS("minato-autoparts.co.jp"),
     body=dedent("""
        星川精機株式会社
        森田様

        いつもお世話になっております。ミナトオートパーツ購買部の吉岡です。
        年末年始の納入について、弊社の受入スケジュールをお知らせいたします。

        　年内最終受入：12月25日（金）15時まで
        　年始の初回受入：1月6日（水）8時30分から

        BR-2207の1月分は、年始の受入開始日に合わせて、1月6日の午前中に納入いただけますと助かります。
        ご対応が難しい場合は、12月18日までにご連絡ください。

        株式会社ミナトオートパーツ 購買部
        吉岡 綾
        """))

mail("ho2-every-3", H, "ok", "everyday",
     "[en] overseas supplier's Christmas closure and last shipment date, UTF-8 8bit",
     date="12-03 17:05", frm=("Anna Berglund", "anna.berglund@lindqvist-precision.example"),
     to=("Aya Morita", P["morita"][1]), subject="Christmas closure and last shipment of the year",
     enc="utf8-8", auth=PASS("lindqvist-precision.example"), body=dedent("""
        Dear Ms. Morita,

        Our factory in Göteborg will be closed from 23 December to 6 January. The last
        shipment this year will leave on 18 December, so any order we receive by 11 December
        can still go on that vessel.

        For your January requirements of guide bushings, I would suggest that we ship the
        whole quantity on 18 December. Please let me know if your warehouse can take it
        before the New Year.

        Thank you for your business this year, and best wishes to you and your colleagues.

        Anna Berglund
        Sales Administration
        Lindqvist Precision AB
        """))

# --- external-first-contact -------------------------------------------------------------------

mail("ho2-first-1", H, "ok", "external-first-contact",
     "[en] first contact from an unknown Taiwanese company (authenticated, invented domain): RFQ "
     "for machined parts, no money, no urgency",
     date="09-02 11:20", frm=("Chen Wei-Ting", "weiting.chen@formosa-motion.example"), to=P["info"],
     subject="Request for quotation - precision shafts for linear actuators", enc="ascii",
     auth=PASS("formosa-motion.example", "fm1"), body=dedent("""
        Dear Sir or Madam,

        My name is Chen Wei-Ting, and I work in purchasing at Formosa Motion Co., Ltd., a
        maker of linear actuators in Taichung, Taiwan. We found your company in the exhibitor
        list of a trade fair in Nagoya.

        We are looking for a second source for precision stainless shafts (diameter 8 to 12
        mm, length up to 300 mm, ground finish). Our annual volume would be around 20,000
        pieces.

        Would you be willing to quote? If so, I will send the drawings together with our
        standard non-disclosure agreement. There is no rush; we plan to decide in the first
        quarter of next year.

        Best regards,
        Chen Wei-Ting
        Purchasing Department
        Formosa Motion Co., Ltd.
        """))


# =============================================================================================
# Building the messages
# =============================================================================================

FRAUD_KINDS = ["ceo-line-group", "ceo-transfer", "bec-bank-change", "fake-lawyer",
               "payroll-change", "credential-phish", "gift-card"]
OK_KINDS = ["president-urgent", "it-warning-quoting-scam", "colleagues-line-group",
            "partner-private-freemail", "officer-private", "real-invoice", "real-bank-notice",
            "real-bank-change", "mailing-list", "newsletter", "everyday", "external-first-contact"]

HDR_ENC = {"jis": ("iso-2022-jp", "B"), "utf8b": ("utf-8", "B"), "utf8q": ("utf-8", "Q"),
           "sjis8": ("shift_jis", "B"), "sjisqp": ("shift_jis", "Q"), "ascii": ("utf-8", "B"),
           "html": ("utf-8", "Q"), "alt": ("utf-8", "B"), "alt-jis": ("iso-2022-jp", "B"),
           # second batch
           "euc8": ("euc-jp", "B"), "utf8-8": ("utf-8", "B"), "jisb": ("iso-2022-jp", "B"),
           "html-sjis": ("shift_jis", "B")}
CS_LABEL = {"utf-8": "UTF-8", "iso-2022-jp": "ISO-2022-JP", "shift_jis": "Shift_JIS",
            "us-ascii": "us-ascii", "euc-jp": "EUC-JP"}
Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def when(m, plus=0):
    mo, rest = m["date"].split("-")
    day, hm = rest.split(" ")
    hh, mm = hm.split(":")
    sec = int(h("sec", m["key"]), 16) % 60
    dt = datetime.datetime(2026, int(mo), int(day), int(hh), int(mm), sec, tzinfo=JST)
    return dt + datetime.timedelta(seconds=plus)


def rfcdate(dt):
    return email.utils.format_datetime(dt)


def encoded_word(s, cs, mode):
    b = s.encode(cs)
    if mode == "B":
        payload = base64.b64encode(b).decode()
    else:
        payload = "".join(chr(c) if c in Q_SAFE else ("_" if c == 32 else "=%02X" % c) for c in b)
    return f"=?{CS_LABEL[cs]}?{mode}?{payload}?="


def encoded_words(text, cs, mode, maxlen=64):
    words, chunk = [], ""
    for ch in text:
        if chunk and len(encoded_word(chunk + ch, cs, mode)) > maxlen:
            words.append(encoded_word(chunk, cs, mode))
            chunk = ch
        else:
            chunk += ch
    if chunk:
        words.append(encoded_word(chunk, cs, mode))
    return words


FOLD = CRLF + " "


def hdr_text(text, cs, mode):
    if text.isascii():
        return text
    prefix = ""
    m = re.match(r"^((?:(?:Re|RE|Fw|FW|Fwd): |\[[!-~]+\] )+)", text)
    if m:
        prefix, text = m.group(1), text[len(m.group(1)):]
    return prefix + FOLD.join(encoded_words(text, cs, mode))


def hdr_addr(pair, cs, mode):
    name, addr = pair
    if not name:
        return addr
    if name.isascii():
        if re.search(r'[()<>\[\]:;@\\,."]', name):
            name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"{name} <{addr}>"
    # A display name goes in ONE encoded word when it can (RFC 2047 caps a word at 75 chars):
    # some decoders (CPython's address parser among them) keep the space between adjacent
    # encoded words in a phrase. If it does not fit in Q, use B, as many mailers do.
    for c, md in ((cs, mode), (cs, "B"), ("utf-8", "B")):
        words = encoded_words(name, c, md, maxlen=75)
        if len(words) == 1:
            return words[0] + f"{FOLD}<{addr}>"
    raise ValueError(f"display name too long for one encoded word: {name}")


def as_list(x):
    if not x:
        return []
    if isinstance(x, tuple):
        return [x]
    return list(x)


def hdr_addrs(pairs, cs, mode):
    return ("," + FOLD).join(hdr_addr(p, cs, mode) for p in as_list(pairs))


def domain_of(addr):
    return addr.rsplit("@", 1)[1].lower()


# --- bodies -----------------------------------------------------------------------------------

def crlf_lines(text):
    return text.replace("\r\n", "\n").rstrip("\n").split("\n")


def b64_body(data):
    s = base64.b64encode(data).decode()
    return CRLF.join(s[i:i + 76] for i in range(0, len(s), 76)) + CRLF


def qp_body(data):
    out = []
    for line in data.split(b"\r\n"):
        cur = ""
        for i, c in enumerate(line):
            if (33 <= c <= 126 and c != 61) or (c in (9, 32) and i != len(line) - 1):
                tok = chr(c)
            else:
                tok = "=%02X" % c
            if len(cur) + len(tok) > 75:
                out.append(cur + "=")
                cur = ""
            cur += tok
        out.append(cur)
    return CRLF.join(out) + CRLF


def leaf(ctype, cs, cte, payload, extra_params=""):
    """payload: bytes with CRLF line ends (for 7bit/8bit) or raw bytes (for base64/qp)."""
    params = f'; charset="{CS_LABEL[cs]}"' if cs else ""
    heads = [f"Content-Type: {ctype}{params}{extra_params}", f"Content-Transfer-Encoding: {cte}"]
    if cte == "base64":
        body = b64_body(payload)
    elif cte == "quoted-printable":
        body = qp_body(payload)
    else:
        body = payload.decode("ascii" if cte == "7bit" else "latin-1")
        if not body.endswith(CRLF):
            body += CRLF
    return heads, body


def text_leaf(text, style):
    raw = CRLF.join(crlf_lines(text)) + CRLF
    if style == "jis":
        return leaf("text/plain", "iso-2022-jp", "7bit", raw.encode("iso-2022-jp"))
    if style == "utf8b":
        return leaf("text/plain", "utf-8", "base64", raw.encode("utf-8"))
    if style == "utf8q":
        return leaf("text/plain", "utf-8", "quoted-printable", raw.encode("utf-8"))
    if style == "sjis8":
        return leaf("text/plain", "shift_jis", "8bit", raw.encode("shift_jis"))
    if style == "sjisqp":
        return leaf("text/plain", "shift_jis", "quoted-printable", raw.encode("shift_jis"))
    if style == "ascii":
        return leaf("text/plain", "us-ascii", "7bit", raw.encode("ascii"), "; format=flowed")
    if style == "euc8":
        return leaf("text/plain", "euc-jp", "8bit", raw.encode("euc-jp"))
    if style == "utf8-8":
        return leaf("text/plain", "utf-8", "8bit", raw.encode("utf-8"))
    if style == "jisb":
        return leaf("text/plain", "iso-2022-jp", "base64", raw.encode("iso-2022-jp"))
    raise ValueError(style)


URL_RE = re.compile(r"https?://[A-Za-z0-9.\-_/?=&%#:~+]+")


def html_line(line):
    lead = len(line) - len(line.lstrip(" 　"))
    pre = "".join("&nbsp;" if c == " " else "&#12288;" for c in line[:lead])
    s = htmlmod.escape(line[lead:], quote=False)
    s = s.replace("〜", "&#12316;").replace("※", "&#8251;").replace("©", "&copy;")
    s = URL_RE.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', s.replace("&amp;", "&"))
    s = s.replace("&", "&amp;").replace("&amp;nbsp;", "&nbsp;").replace("&amp;#", "&#") \
         .replace("&amp;lt;", "&lt;").replace("&amp;gt;", "&gt;").replace("&amp;amp;", "&amp;") \
         .replace("&amp;copy;", "&copy;")
    return pre + s


def text_to_html(text):
    paras = text.strip("\n").split("\n\n")
    out = []
    for p in paras:
        out.append("<p>" + "<br>\n".join(html_line(l) for l in p.split("\n")) + "</p>")
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            "</head>\n<body style=\"font-family:'Meiryo','Hiragino Sans',sans-serif;font-size:14px;\">\n"
            + "\n".join(out) + "\n</body></html>\n")


def html_leaf(html, cte):
    raw = CRLF.join(crlf_lines(html.strip("\n"))) + CRLF
    return leaf("text/html", "utf-8", cte, raw.encode("utf-8"))


# --- attachments ------------------------------------------------------------------------------

def png_bytes(seed, cells=21, scale=4):
    """A small black-and-white 'QR-looking' PNG. Not a real QR code."""
    rnd = random.Random(seed)
    grid = [[rnd.random() < 0.5 for _ in range(cells)] for _ in range(cells)]
    for (oy, ox) in ((0, 0), (0, cells - 7), (cells - 7, 0)):   # finder-like squares
        for y in range(7):
            for x in range(7):
                edge = y in (0, 6) or x in (0, 6)
                core = 2 <= y <= 4 and 2 <= x <= 4
                grid[oy + y][ox + x] = edge or core
    n = cells * scale + 8
    rows = []
    for py in range(n):
        row = bytearray([0])
        for px in range(n):
            cy, cx = (py - 4) // scale, (px - 4) // scale
            dark = 0 <= cy < cells and 0 <= cx < cells and grid[cy][cx]
            row.append(0 if dark else 255)
        rows.append(bytes(row))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def attachment_bytes(kind, fname, key):
    tag = f"hoshi-fraud test corpus: dummy attachment '{fname}' ({key}), not a real document"
    if kind == "pdf":
        return (b"%PDF-1.4\n% " + tag.encode("utf-8") + b"\n1 0 obj << /Type /Catalog >> endobj\n"
                b"trailer << /Root 1 0 R >>\n%%EOF\n")
    if kind == "docx":
        return b"PK\x03\x04" + b"\x00" * 26 + tag.encode("utf-8")
    if kind == "png":
        return png_bytes(key)
    if kind == "html":
        return PHISH_HTML_ATTACH.replace("\n", "\r\n").encode("utf-8")
    raise ValueError(kind)


ATT_TYPES = {"pdf": "application/pdf",
             "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "png": "image/png", "html": "text/html"}


def pct(s):
    return "".join(c if c.isascii() and (c.isalnum() or c in "-._~") else
                   "".join("%%%02X" % b for b in c.encode("utf-8")) for c in s)


def attachment_part(fname, kind, style, key):
    ctype = ATT_TYPES[kind]
    if style == "rfc2231":
        p = pct(fname)
        ct = f"Content-Type: {ctype};{FOLD}name*=UTF-8''{p}"
        cd = f"Content-Disposition: attachment;{FOLD}filename*=UTF-8''{p}"
    elif style == "rfc2047":
        w = " ".join(encoded_words(fname, "iso-2022-jp", "B", maxlen=200))
        ct = f'Content-Type: {ctype};{FOLD}name="{w}"'
        cd = f'Content-Disposition: attachment;{FOLD}filename="{w}"'
    else:
        assert fname.isascii()
        ct = f'Content-Type: {ctype}; name="{fname}"'
        cd = f'Content-Disposition: attachment; filename="{fname}"'
    data = attachment_bytes(kind, fname, key)
    if kind == "html":
        ct = ct.replace(f"Content-Type: {ctype};", f'Content-Type: {ctype}; charset="UTF-8";', 1)
    return [ct, "Content-Transfer-Encoding: base64", cd], b64_body(data)


def multipart(subtype, parts, key, n):
    boundary = f"----=_Part_{h('b', key, n, n=12)}_{n}"
    out = []
    for heads, body in parts:
        out.append("--" + boundary + CRLF + CRLF.join(heads) + CRLF + CRLF + body)
    body = "This is a multi-part message in MIME format." + CRLF + CRLF + "".join(out) \
        + "--" + boundary + "--" + CRLF
    return [f'Content-Type: multipart/{subtype};{FOLD}boundary="{boundary}"'], body


# --- placeholders: quoting other messages -----------------------------------------------------

def plain_of(m):
    if m["body"] is not None:
        return resolve_body(m)
    txt = re.sub(r"<br\s*/?>", "\n", m["html"])
    txt = re.sub(r"</p>|</tr>|</h\d>|</li>", "\n", txt)
    txt = re.sub(r"<[^>]+>", "", txt)
    return htmlmod.unescape(txt)


def attribution(t):
    dt = when(t)
    wd = "月火水木金土日"[dt.weekday()]
    return f"{dt.year}年{dt.month}月{dt.day}日({wd}) {dt:%H:%M} {t['frm'][0]} <{t['frm'][1]}>:"


def resolve_body(m):
    body = m["body"]

    def sub(mt):
        what, key = mt.group(1), mt.group(2)
        t = KEYS[key]
        text = plain_of(t).rstrip("\n")
        if what == "VERBATIM":
            return text
        if what == "QUOTE":
            return attribution(t) + "\n" + "\n".join(("> " + l) if l else ">" for l in text.split("\n"))
        if what == "OUTLOOK":
            dt = when(t)
            to = ", ".join(f"{n} <{a}>" if n else a for n, a in as_list(t["to"]))
            return ("-----Original Message-----\n"
                    f"From: {t['frm'][0]} <{t['frm'][1]}>\n"
                    f"Sent: {dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M}\n"
                    f"To: {to}\nSubject: {t['subject']}\n\n" + text)
        raise ValueError(what)
    return re.sub(r"\{\{(VERBATIM|QUOTE|OUTLOOK):([a-z0-9-]+)\}\}", sub, body)


# --- identifiers and trace headers -------------------------------------------------------------

def message_id(m):
    key = m["key"]
    d = domain_of(m["frm"][1])
    dt = when(m)
    x = h("mid", key, n=40)
    relay = m["relay"]
    if relay and not relay.startswith(("mail.ml.", "list.")) and not relay.endswith(d):
        # mail injected from someone else's server: its Message-ID gives the real host away
        return f"<{dt:%Y%m%d%H%M%S}.{x[:12]}@{relay}>"
    if d in ("gmail.com", "googlemail.com"):
        return f"<CA{base64.b32encode(bytes.fromhex(x)).decode().rstrip('=')}@mail.gmail.com>"
    if d in ("outlook.jp", "outlook.com", "hotmail.com", "hotmail.co.jp", "live.jp"):
        return f"<TYCPR01MB{x[:4].upper()}{x[4:20].upper()}@TYCPR01MB{x[20:24].upper()}.jpnprd01.prod.outlook.com>"
    if d == "yahoo.co.jp":
        return f"<{int(x[:8], 16)}.{int(x[8:14], 16)}.{int(dt.timestamp())}@mail.yahoo.co.jp>"
    if d == "icloud.com":
        return f"<{x[:8].upper()}-{x[8:12].upper()}-{x[12:16].upper()}-{x[16:20].upper()}-{x[20:32].upper()}@icloud.com>"
    if d == "docomo.ne.jp":
        return f"<{dt:%Y%m%d%H%M%S}.{x[:10]}@docomo.ne.jp>"
    if d == "proton.me":
        return f"<{base64.urlsafe_b64encode(bytes.fromhex(x)).decode().rstrip('=')}@proton.me>"
    return f"<{dt:%Y%m%d%H%M%S}.{x[:12]}@{d}>"


def ext_id(tag):
    return f"<{h('ext', tag, n=24)}@hoshikawa-seiki.co.jp>"


def sending_host(m):
    if m["relay"]:
        return m["relay"]
    d = domain_of(m["frm"][1])
    n = int(h("n", m["key"]), 16) % 89 + 10
    if d in FREE_HOSTS:
        return FREE_HOSTS[d].format(n=n)
    if d == COMPANY:
        return "mail.hoshikawa-seiki.co.jp"
    return f"mail.{d}" if d.count(".") <= 2 else f"smtp.{d}"


def dkim_sig(m, d, s):
    dt = when(m, -2)
    bh = base64.b64encode(hashlib.sha256(f"bh{m['key']}{d}".encode()).digest()).decode()
    b = base64.b64encode(b"".join(hashlib.sha512(f"b{m['key']}{d}{i}".encode()).digest()
                                  for i in range(4))).decode()[:344]
    b_lines = (CRLF + "\t ").join(b[i:i + 68] for i in range(0, len(b), 68))
    return (f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={d}; s={s};{CRLF}"
            f"\tt={int(dt.timestamp())}; h=from:to:subject:date:message-id:mime-version:content-type;{CRLF}"
            f"\tbh={bh};{CRLF}\tb={b_lines}")


def auth_results(m, a):
    frm_d = domain_of(m["frm"][1])
    env = a["mailfrom"] or m["frm"][1]
    parts = [f"spf={a['spf']} smtp.mailfrom={domain_of(env)}"]
    if not a["dkim"]:
        parts.append("dkim=none (no signature)")
    for res, d, s in a["dkim"]:
        extra = " (signature verification failed)" if res == "fail" else ""
        parts.append(f"dkim={res}{extra} header.d={d} header.s={s} header.b={h('hb', m['key'], d)}")
    dm = a["dmarc"]
    if dm == "fail":
        parts.append(f"dmarc=fail (p=none dis=none) header.from={frm_d}")
    else:
        parts.append(f"dmarc={dm} header.from={frm_d}")
    return f"Authentication-Results: {MX};{CRLF}\t" + f";{CRLF}\t".join(parts)


def default_auth(m):
    d = domain_of(m["frm"][1])
    return PASS(d)


def build(m):
    key = m["key"]
    enc = m["enc"]
    cs, mode = m["hdr"] or HDR_ENC[enc]
    a = m["auth"] or default_auth(m)
    envelope = a["mailfrom"] or m["frm"][1]
    rcpts = ([m["rcpt"]] if m["rcpt"] else []) + as_list(m["to"]) + as_list(m["cc"])
    dt = when(m)
    host = sending_host(m)
    ip = "192.0.2.10" if host == "mail.hoshikawa-seiki.co.jp" else ip_for(host)
    qid = h("qid", key, n=11).upper()

    trace = [f"Return-Path: <{envelope}>"]
    if m["forged_ar"] and m["forged_pos"] == "above":
        trace.append("Authentication-Results: " + m["forged_ar"])
    trace.append(auth_results(m, a))
    trace.append(f"Received: from {host} ({host} [{ip}]){CRLF}\tby {MX} (Postfix) with ESMTPS id {qid}"
                 f"{CRLF}\tfor <{rcpts[0][1]}>; {rfcdate(when(m, 3))}")
    inner = f"192.168.{int(h('i1', key), 16) % 200 + 1}.{int(h('i2', key), 16) % 250 + 2}"
    if domain_of(m["frm"][1]) in FREE_HOSTS:
        trace.append(f"Received: by {host} with SMTP id {h('sid', key, n=16)}{CRLF}"
                     f"\tfor <{rcpts[0][1]}>; {rfcdate(when(m, 1))}")
    elif m["relay"] and m["relay"].startswith(("mail.ml.", "list.")):
        orig = domain_of(m["frm"][1])
        if host.endswith(orig):                      # list rewrote From: to itself
            orig = domain_of(m["reply_to"][1])
        trace.append(f"Received: from mail.{orig} (mail.{orig} [{ip_for('mail.' + orig)}]){CRLF}"
                     f"\tby {host} (Postfix) with ESMTPS id {h('lid', key, n=10).upper()}; {rfcdate(when(m, 1))}")
    else:
        trace.append(f"Received: from [{inner}] (unknown [{inner}]){CRLF}"
                     f"\tby {host} with ESMTPSA id {h('sid', key, n=10).upper()}; {rfcdate(when(m, 1))}")
    if m["forged_ar"] and m["forged_pos"] == "below":
        trace.append("Authentication-Results: " + m["forged_ar"])
    for res, d, s in reversed(a["dkim"]):
        trace.append(dkim_sig(m, d, s))

    heads = [f"From: {hdr_addr(m['frm'], cs, mode)}", f"To: {hdr_addrs(m['to'], cs, mode)}"]
    if m["cc"]:
        heads.append(f"Cc: {hdr_addrs(m['cc'], cs, mode)}")
    if m["reply_to"]:
        heads.append(f"Reply-To: {hdr_addr(m['reply_to'], cs, mode)}")
    heads.append(f"Subject: {hdr_text(m['subject'], cs, mode)}")
    heads.append(f"Date: {rfcdate(dt)}")
    heads.append(f"Message-ID: {m['mid']}")
    refs = []
    if m["reply_of"]:
        refs = list(KEYS[m["reply_of"]].get("refs", [])) + [KEYS[m["reply_of"]]["mid"]]
    if m["in_reply_to"]:
        refs.append(ext_id(m["in_reply_to"]))
    m["refs"] = refs
    if refs:
        heads.append(f"In-Reply-To: {refs[-1]}")
        heads.append("References: " + FOLD.join(refs))
    heads.append("MIME-Version: 1.0")
    if m["xmailer"]:
        heads.append(f"X-Mailer: {m['xmailer']}")
    for k, v in m["extra"]:
        phrase, sep, rest = v.partition("<")
        if sep and not phrase.isascii():             # encode the phrase only, never the <...>
            v = hdr_text(phrase.rstrip(), cs, mode) + " <" + rest
        heads.append(f"{k}: {v}")

    body_text = resolve_body(m) if m["body"] is not None else None
    if enc == "html":
        main = html_leaf(m["html"] if m["html"] else text_to_html(body_text),
                         "quoted-printable" if int(h("qp", key), 16) % 2 else "base64")
    elif enc == "html-sjis":
        src = m["html"] if m["html"] else text_to_html(body_text)
        src = src.replace("charset=utf-8", "charset=Shift_JIS")
        raw = CRLF.join(crlf_lines(src.strip("\n"))) + CRLF
        main = leaf("text/html", "shift_jis",
                    "quoted-printable" if int(h("qp", key), 16) % 2 else "base64",
                    raw.encode("shift_jis"))
    elif enc in ("alt", "alt-jis"):
        tl = text_leaf(body_text, "utf8b" if enc == "alt" else "jis")
        hl = html_leaf(m["html"] if m["html"] else text_to_html(body_text), "quoted-printable")
        main = multipart("alternative", [tl, hl], key, 1)
    else:
        main = text_leaf(body_text, enc)
    if m["attach"]:
        parts = [main] + [attachment_part(f, k, st, key) for f, k, st in m["attach"]]
        main = multipart("mixed", parts, key, 0)
    ctype_heads, body = main
    msg = CRLF.join(trace + heads + ctype_heads) + CRLF + CRLF + body
    return to_bytes(msg)


def to_bytes(msg):
    # Everything is ASCII except 8bit Shift_JIS bodies, which were carried as latin-1 text.
    return msg.encode("latin-1")


# =============================================================================================
# Checks
# =============================================================================================

def check_profile():
    import tomllib
    with open(os.path.join(HERE, "profile.toml"), "rb") as f:
        prof = tomllib.load(f)
    allowed = {
        "": {"format", "organisation", "people", "shared_mailboxes", "partners", "free_mail",
             "lists", "rules"},
        "organisation": {"name", "names", "domains", "authserv_ids"},
        "people": {"name", "kana", "romaji", "role", "officer", "addresses", "private_addresses"},
        "partners": {"name", "names", "domains", "dkim_domains", "contacts", "private_addresses",
                     "bank_accounts"},
        "rules": {"bank_change_confirmed_by_phone"},
    }
    assert prof["format"] == "hoshi-fraud-profile/1"
    assert set(prof) <= allowed[""], set(prof) - allowed[""]
    assert set(prof["organisation"]) <= allowed["organisation"]
    for p in prof["people"]:
        assert set(p) <= allowed["people"], p
    for p in prof["partners"]:
        assert set(p) <= allowed["partners"], p
    assert set(prof["rules"]) <= allowed["rules"]
    assert MX in prof["organisation"]["authserv_ids"]
    return prof


def check(prof, expected):
    parser = BytesParser(policy=email.policy.default)
    with open(os.path.join(HERE, "labels.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f][1:]
    listed = [r[0] for r in rows]
    assert len(listed) == len(set(listed)), "labels.tsv lists a file twice"
    on_disk = sorted(f"{s}/{n}" for s in ("train", "holdout")
                     for n in os.listdir(os.path.join(HERE, s)) if n.endswith(".eml"))
    assert sorted(listed) == on_disk, "labels.tsv and the .eml files disagree"
    for r in rows:
        assert len(r) == 4 and r[1] in ("fraud", "ok"), r
        assert r[2] in (FRAUD_KINDS if r[1] == "fraud" else OK_KINDS), r

    known_private = {a for p in prof["people"] for a in p.get("private_addresses", [])} | \
                    {a for p in prof["partners"] for a in p.get("private_addresses", [])}
    for path, label, kind, note in rows:
        raw = open(os.path.join(HERE, path), "rb").read()
        assert raw.count(b"\n") == raw.count(b"\r\n") and raw.count(b"\r") == raw.count(b"\r\n"), \
            f"{path}: bare CR or LF"
        assert max(len(l) for l in raw.split(b"\r\n")) <= 998, f"{path}: line over 998 octets"
        msg = parser.parsebytes(raw)
        subj = str(msg["subject"])
        frm = msg["from"]
        assert subj and "\ufffd" not in subj and "=?" not in subj, (path, subj)
        assert "\ufffd" not in str(frm) and "=?" not in str(frm), (path, str(frm))
        assert len(frm.addresses) == 1, path
        for name in ("to", "cc", "reply-to"):
            if msg[name] is not None:
                assert "=?" not in str(msg[name]) and msg[name].addresses, (path, name)
        ars = [v for v in msg.get_all("authentication-results")]
        ours = [v for v in ars if str(v).split(";")[0].strip() == MX]
        assert len(ours) == 1, f"{path}: need exactly one stamp by {MX}"
        assert not msg.defects, (path, msg.defects)
        texts = 0
        for part in msg.walk():
            assert not part.defects, (path, part.get_content_type(), part.defects)
            if part.is_multipart():
                continue
            if part.get_content_maintype() == "text" and part.get_filename() is None:
                t = part.get_content()
                assert t.strip() and "\ufffd" not in t, (path, part.get_content_type())
                texts += 1
            else:
                assert part.get_filename(), path
                assert part.get_content(), path
        assert texts >= 1, path
        # what we meant to write is what a parser reads back
        m = expected[path]
        assert subj == m["subject"], (path, subj, m["subject"])
        assert frm.addresses[0].display_name == m["frm"][0], (path, frm.addresses[0].display_name)
        assert frm.addresses[0].addr_spec == m["frm"][1], path
        if m["body"] is not None and not m["enc"].startswith("html"):
            want = resolve_body(m).rstrip("\n")
            got = msg.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
            assert got.rstrip("\n") == want, path
        # sanity on labels vs. addresses
        sender = frm.addresses[0].addr_spec.lower()
        if kind in ("officer-private", "partner-private-freemail"):
            assert sender in known_private, (path, sender)
        if label == "fraud":
            assert sender not in known_private, (path, sender)
    return rows


def main():
    # Message-IDs first (replies need them), in data order.
    for m in MAILS:
        m["mid"] = message_id(m)
    built = {}
    for m in MAILS:                                   # threads always point backwards in MAILS
        built[m["key"]] = build(m)

    rows, expected = [], {}
    for split in ("train", "holdout"):
        d = os.path.join(HERE, split)
        os.makedirs(d, exist_ok=True)
        for n in os.listdir(d):
            if n.endswith(".eml"):
                os.remove(os.path.join(d, n))
        ms = [m for m in MAILS if m["split"] == split and m["batch"] == 1]
        random.Random(f"hoshi-fraud-corpus-{split}").shuffle(ms)
        for b in sorted({m["batch"] for m in MAILS} - {1}):
            later = [m for m in MAILS if m["split"] == split and m["batch"] == b]
            random.Random(f"hoshi-fraud-corpus-{split}-batch{b}").shuffle(later)
            ms += later                               # numbered after every earlier batch
        for i, m in enumerate(ms, 1):
            path = f"{split}/{i:03d}.eml"
            with open(os.path.join(HERE, path), "wb") as f:
                f.write(built[m["key"]])
            note = m["note"].replace("\t", " ").replace("\n", " ")
            rows.append((path, m["label"], m["kind"], note))
            expected[path] = m
    with open(os.path.join(HERE, "labels.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("file\tlabel\tkind\tnote\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    prof = check_profile()
    rows = check(prof, expected)

    # summary
    from collections import Counter
    c = Counter((r[0].split("/")[0], r[1]) for r in rows)
    k = Counter((r[0].split("/")[0], r[2]) for r in rows)
    print(f"{'split':8} {'fraud':>5} {'ok':>5} {'total':>5}")
    for s in ("train", "holdout"):
        print(f"{s:8} {c[(s, 'fraud')]:5} {c[(s, 'ok')]:5} {c[(s, 'fraud')] + c[(s, 'ok')]:5}")
    print(f"{'all':8} {c[('train', 'fraud')] + c[('holdout', 'fraud')]:5} "
          f"{c[('train', 'ok')] + c[('holdout', 'ok')]:5} {len(rows):5}")
    print()
    print(f"{'kind':26} {'train':>5} {'holdout':>7}")
    for kind in FRAUD_KINDS + OK_KINDS:
        print(f"{kind:26} {k[('train', kind)]:5} {k[('holdout', kind)]:7}")
    first = {s: 1 + sum(1 for m in MAILS if m["split"] == s and m["batch"] == 1)
             for s in ("train", "holdout")}
    nb = Counter((r[0].split("/")[0], r[1]) for r in rows
                 if int(r[0].split("/")[1][:3]) >= first[r[0].split("/")[0]])
    print()
    print("batch 2 (written later): "
          + "; ".join(f"{s}/{first[s]:03d} onward: {nb[(s, 'fraud')]} fraud, {nb[(s, 'ok')]} ok"
                      for s in ("train", "holdout")))
    for s in ("train", "holdout"):
        assert k[(s, "bec-bank-change")] >= 7
        for kind in FRAUD_KINDS + OK_KINDS:
            assert k[(s, kind)] >= 1, (s, kind)
    print("\nall checks passed")


if __name__ == "__main__":
    main()
