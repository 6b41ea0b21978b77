#!/usr/bin/env python3
"""Test responders for the exposure-check benchmark (scripts/bench-scan.sh).

Each responder answers the way a product shows itself in public before anyone signs in: the
sign-in pages and static files of six VPN portals, an RDP and an SMB server's first answer, a
MySQL greeting, a VNC server without a password, a router's Telnet prompt. They are written by
the hoshi project from public descriptions of those signals; nothing here is a real product.

    scan-responders.py CERT.pem KEY.pem   # listens on the ports in SERVICES, on every address
"""
import asyncio
import gzip
import ssl
import struct
import sys

# port: (name, tls, handler)
SERVICES = {}


def http(status, body=b"", headers=()):
    head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close"]
    head += [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def fortigate(path):
    if path == "/":
        return http("200 OK", b'<html><script>top.location="/remote/login";</script></html>',
                    [("Server", "xxxxxxxx-xxxxx"), ("ETag", '"2d3f-65c1a2b0"')])
    if path.startswith("/remote/login"):
        return http("200 OK", b'<html><head><title>SSL VPN</title><script src="/sslvpn/js/login.js?q=0f3a9c"></script></head>'
                    b'<body><form action="/remote/logincheck" method="post"><input type="password" name="credential"></form></body></html>',
                    [("Server", "xxxxxxxx-xxxxx"), ("Set-Cookie", "SVPNCOOKIE=; path=/; secure; httponly")])
    return http("404 Not Found", b"", [("Server", "xxxxxxxx-xxxxx")])


def ivanti(path):
    if path == "/":
        return http("302 Found", b"", [("Location", "/dana-na/auth/url_default/welcome.cgi")])
    if path == "/dana-na/auth/url_default/welcome.cgi":
        return http("200 OK", b'<html><head><title>Ivanti Connect Secure</title><link href="/dana-na/css/ds_1b6e0c.css" rel="stylesheet"></head>'
                    b'<body><form action="/dana-na/auth/url_default/login.cgi"><input type="password" name="password"></form></body></html>',
                    [("Set-Cookie", "DSSignInURL=/; path=/; secure")])
    if path == "/dana-na/auth/url_admin/welcome.cgi?type=inter":
        return http("200 OK", b'<object id="PulseSecure_Host_Checker"><param name="ProductVersion" value="22.7.2.3597"></object>')
    return http("404 Not Found")


def globalprotect(path):
    if path == "/":
        return http("302 Found", b"", [("Location", "/global-protect/login.esp")])
    if path == "/global-protect/login.esp":
        return http("200 OK", b'<html><head><title>GlobalProtect Portal</TITLE><link rel="stylesheet" href="/global-protect/portal/css/login.css"></head>'
                    b'<body><form method="post"><input type="password" name="passwd"></form></body></html>')
    if path == "/global-protect/portal/css/login.css":
        return http("200 OK", b"body{}", [("ETag", '"6e185d5daf9a"'), ("Content-Type", "text/css")])
    return http("404 Not Found")


def netscaler(path):
    if path == "/":
        return http("302 Found", b"", [("Location", "/vpn/index.html")])
    if path == "/vpn/index.html":
        return http("200 OK", b'<html><head><title>Citrix Gateway</title><link rel="icon" href="/vpn/images/AccessGateway.ico"></head></html>',
                    [("Set-Cookie", "NSC_TEMP=xyz; Path=/")])
    if path == "/vpn/js/rdx/core/lang/rdx_en.json.gz":
        body = gzip.compress(b'{"lang":"en"}', mtime=1702625218)
        # gzip.compress sets no file name; real files carry one (FLG.FNAME): rebuild the header.
        body = b"\x1f\x8b\x08\x08" + struct.pack("<I", 1702625218) + b"\x00\x03rdx_en.json\x00" + body[10:]
        return http("200 OK", body, [("Content-Type", "application/x-gzip")])
    return http("404 Not Found")


def cisco(path):
    if path == "/":
        return http("200 OK", b'<html><script>document.location.replace("/+CSCOE+/logon.html")</script></html>')
    if path == "/+CSCOE+/logon.html":
        return http("200 OK", b'<html><head><title>SSL VPN Service</title><link href="/+CSCOU+/portal.css" rel="stylesheet"></head></html>',
                    [("Set-Cookie", "webvpnlogin=1; secure")])
    if path == "/CSCOSSLC/config-auth":
        return http("200 OK", b'<?xml version="1.0" encoding="UTF-8"?><config-auth client="vpn" type="complete"><version who="sg">9.16(4)48</version></config-auth>',
                    [("Content-Type", "text/xml")])
    return http("404 Not Found")


def sonicwall(path):
    if path == "/":
        return http("302 Found", b"", [("Location", "/cgi-bin/welcome")])
    if path == "/cgi-bin/welcome":
        return http("200 OK", b'<html><head><title>Virtual Office</title><meta name="portalName" content="VirtualOffice">'
                    b'<link href="/swl_styles.10.2.1.2-24sv.css" rel="stylesheet"></head><body><form action="/cgi-bin/userLogin.cgi">'
                    b'<input type="password" name="pwd"></form></body></html>', [("Server", "SonicWALL SSL-VPN Web Server")])
    return http("404 Not Found", b"", [("Server", "SonicWALL SSL-VPN Web Server")])


async def web(reader, writer, page):
    try:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = await asyncio.wait_for(reader.read(4096), 10)
            if not chunk:
                return
            data += chunk
            if len(data) > 65536:
                return
        line = data.split(b"\r\n", 1)[0].decode("latin-1").split()
        writer.write(page(line[1] if len(line) > 1 else "/"))
        await writer.drain()
    except (asyncio.TimeoutError, ConnectionError, ssl.SSLError):
        pass
    finally:
        writer.close()


async def rdp(reader, writer):
    try:
        await asyncio.wait_for(reader.read(1024), 10)
        # TPKT, X.224 Connection Confirm, RDP_NEG_RSP selecting CredSSP (NLA).
        writer.write(bytes.fromhex("030000130ed000001234000200080002000000"))
        await writer.drain()
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def smb(reader, writer):
    try:
        await asyncio.wait_for(reader.read(4096), 10)
        header = b"\xfeSMB" + struct.pack("<HHIHHIIQIIQ16s", 64, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, b"\0" * 16)
        body = struct.pack("<HHHH16sIIIIQQHHI", 65, 1, 0x0302, 0, b"hoshi-test-guid!", 0x7f, 8388608, 8388608, 8388608, 0, 0, 0x80, 0, 0) + b"\0"
        msg = header + body
        writer.write(struct.pack(">I", len(msg)) + msg)
        await writer.drain()
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def mysql(reader, writer):
    version = b"8.0.36"
    payload = b"\x0a" + version + b"\x00" + struct.pack("<I", 42) + b"abcdefgh\x00" + struct.pack("<H", 0xffff) + b"\x21" + struct.pack("<H", 2) + struct.pack("<H", 0xc1ff) + b"\x15" + b"\x00" * 10 + b"ijklmnopqrst\x00" + b"caching_sha2_password\x00"
    writer.write(struct.pack("<I", len(payload))[:3] + b"\x00" + payload)
    try:
        await writer.drain()
        await asyncio.wait_for(reader.read(1024), 5)
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def vnc(reader, writer):
    try:
        writer.write(b"RFB 003.008\n")
        await writer.drain()
        await asyncio.wait_for(reader.read(12), 10)
        writer.write(b"\x01\x01")  # one security type: None (no password)
        await writer.drain()
        await asyncio.wait_for(reader.read(16), 5)
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def telnet(reader, writer):
    try:
        writer.write(b"\xff\xfb\x01\xff\xfb\x03\xff\xfd\x18\xff\xfd\x1f\r\nRT-500KI login: ")
        await writer.drain()
        await asyncio.wait_for(reader.read(1024), 10)
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    servers = []
    for port, page in [(10443, fortigate), (8443, ivanti), (4443, globalprotect), (9443, netscaler), (7443, cisco), (4433, sonicwall)]:
        servers.append(await asyncio.start_server(lambda r, w, p=page: web(r, w, p), port=port, ssl=ctx))
    for port, handler in [(3389, rdp), (445, smb), (3306, mysql), (5900, vnc), (23, telnet)]:
        servers.append(await asyncio.start_server(handler, port=port))
    print("ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
