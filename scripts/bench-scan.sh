#!/usr/bin/env bash
# Exposure-check benchmark (issue 12): hoshi scan beside nmap, in one run, against the same
# target — a network namespace on this machine (10.252.0.2, joined by a veth pair), never any
# other address. The target runs real servers (OpenSSH, nginx, Redis, vsftpd, an OpenSSL TLS
# server) and the responders of scripts/scan-responders.py (six VPN portals, RDP, SMB, MySQL,
# VNC, a router's Telnet). Prints wall time, peak RSS and, per tool, how many open ports,
# services, products and versions/builds it got right against the known answer.
#
# The outputs are kept in /tmp/hoshi-benchscan-last for a closer look.
# Needs root, nmap, iproute2 and, for the real servers, openssh-server nginx-light redis-server
# vsftpd (apt-get install …). Optional: DELAY=20 LOSS=0.5 to put WAN-like delay (ms each way) and
# loss (%) on the link.
#
#   sudo scripts/bench-scan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces, nmap -sS)" >&2; exit 1; }
command -v nmap >/dev/null || { echo "install nmap" >&2; exit 1; }
BIN=${BIN:-target/release/hoshi}
[ "$BIN" = target/release/hoshi ] && cargo build --release -q -p hoshi
NS=hoshibench; HOST=hsbench0; PEER=hsbench1; ADDR=10.252.0.2
W=$(mktemp -d /tmp/hoshi-benchscan.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  ip link del "$HOST" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT
ip netns del "$NS" 2>/dev/null || true
ip link del "$HOST" 2>/dev/null || true
ip netns add "$NS"
ip link add "$HOST" type veth peer name "$PEER"
ip link set "$PEER" netns "$NS"
ip addr add 10.252.0.1/24 dev "$HOST"; ip link set "$HOST" up
ip -n "$NS" addr add "$ADDR/24" dev "$PEER"; ip -n "$NS" link set "$PEER" up; ip -n "$NS" link set lo up
if [ -n "${DELAY:-}" ]; then
  tc qdisc add dev "$HOST" root netem delay "${DELAY}ms" loss "${LOSS:-0}%"
  ip netns exec "$NS" tc qdisc add dev "$PEER" root netem delay "${DELAY}ms" loss "${LOSS:-0}%"
fi
inns() { ip netns exec "$NS" "$@"; }
bg() { inns "$@" >"$W/$(basename "$1").log" 2>&1 & PIDS+=($!); }

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/key.pem" -out "$W/cert.pem" -days 30 \
  -subj "/CN=vpn.example.test/O=Example" 2>/dev/null
EXPECT=()   # port|service|product|version (the known answer; - when nothing can be known)
if [ -x /usr/sbin/sshd ]; then
  mkdir -p /run/sshd; ssh-keygen -q -t ed25519 -N '' -f "$W/hostkey"
  printf 'Port 22\nListenAddress %s\nHostKey %s\nPidFile %s/sshd.pid\nUsePAM no\n' "$ADDR" "$W/hostkey" "$W" > "$W/sshd_config"
  bg /usr/sbin/sshd -D -e -f "$W/sshd_config"
  EXPECT+=("22|ssh|OpenSSH|$(/usr/sbin/sshd -V 2>&1 | sed -n 's/^OpenSSH_\([^ ,]*\).*/\1/p')")
fi
if command -v nginx >/dev/null; then
  printf 'daemon off; pid %s/nginx.pid; error_log %s/nginx.err; events {}\nhttp { access_log off; server { listen %s:80; location / { return 200 "<html><title>intranet</title></html>"; } } }\n' "$W" "$W" "$ADDR" > "$W/nginx.conf"
  bg nginx -c "$W/nginx.conf"
  EXPECT+=("80|http|nginx|$(nginx -v 2>&1 | sed -n 's|.*nginx/\([0-9.]*\).*|\1|p')")
fi
if command -v redis-server >/dev/null; then
  bg redis-server --bind "$ADDR" --port 6379 --protected-mode no --save '' --appendonly no --daemonize no
  EXPECT+=("6379|redis|Redis|-")
fi
if [ -x /usr/sbin/vsftpd ]; then
  mkdir -p /var/run/vsftpd/empty
  printf 'listen=YES\nlisten_address=%s\nanonymous_enable=NO\nlocal_enable=YES\nseccomp_sandbox=NO\n' "$ADDR" > "$W/vsftpd.conf"
  bg /usr/sbin/vsftpd "$W/vsftpd.conf"
  EXPECT+=("21|ftp|vsftpd|$(dpkg-query -W -f '${Version}' vsftpd | sed 's/-.*//')")
fi
bg openssl s_server -quiet -accept "$ADDR:443" -cert "$W/cert.pem" -key "$W/key.pem" -www
EXPECT+=("443|https|-|-")
bg python3 scripts/scan-responders.py "$W/cert.pem" "$W/key.pem"
EXPECT+=("10443|https|FortiGate SSL-VPN|build 2024-02-06" "8443|https|Ivanti Connect Secure|build 22.7.2.3597"
         "4443|https|GlobalProtect portal (PAN-OS)|build 2019-08-21" "9443|https|NetScaler Gateway|build 2023-12-15"
         "7443|https|Cisco ASA (AnyConnect / Secure Client VPN)|9.16(4)48" "4433|https|SonicWall SMA 100 (Virtual Office)|10.2.1.2-24sv"
         "3389|rdp|-|-" "445|smb|-|-" "3306|mysql|MySQL|8.0.36" "5900|vnc|-|-" "23|telnet|-|-")
for _ in $(seq 50); do grep -q ready "$W/python3.log" 2>/dev/null && break; sleep 0.2; done
sleep 1
printf '%s\n' "${EXPECT[@]}" > "$W/expect.txt"

timed() { # name command…: runs it, records wall seconds and peak RSS
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$W/$name.time" "$@" >"$W/$name.out" 2>"$W/$name.err" || true
}
echo "# hoshi scan and nmap against $ADDR — $(date -u +%F), $(nproc) cores${DELAY:+, ${DELAY} ms delay and ${LOSS:-0} % loss each way}"
echo "nmap $(nmap --version | sed -n 's/Nmap version \([^ ]*\).*/\1/p'), hoshi $($BIN --version | awk '{print $2}')"
timed hoshi "$BIN" scan --ports all --format json -o "$W/hoshi.json" --force "$ADDR"
timed hoshi-rate0 "$BIN" scan --ports all --rate 0 --format json -o "$W/hoshi-rate0.json" --force "$ADDR"
timed nmap-sS nmap -sS -p- -n -Pn -oX "$W/nmap-sS.xml" "$ADDR"
timed nmap-sT nmap -sT -p- -n -Pn -oX "$W/nmap-sT.xml" "$ADDR"
timed nmap-sV nmap -sV -p- -n -Pn -oX "$W/nmap-sV.xml" "$ADDR"
rm -rf /tmp/hoshi-benchscan-last && mkdir -p /tmp/hoshi-benchscan-last
cp "$W"/*.json "$W"/*.xml "$W"/expect.txt /tmp/hoshi-benchscan-last/ 2>/dev/null || true
python3 - "$W" <<'PY'
import json, sys, xml.etree.ElementTree as ET
w = sys.argv[1]
expect = {}
for line in open(f"{w}/expect.txt"):
    port, service, product, version = line.rstrip("\n").split("|")
    expect[int(port)] = (service, product, version)
def t(name):
    secs, kb = open(f"{w}/{name}.time").read().split()[-2:]
    return float(secs), int(kb) / 1024
def score(found):
    """found: port -> (service, product, version text)"""
    r = {"open": 0, "false_open": 0, "service": 0, "product": 0, "version": 0}
    for p, (s, prod, ver) in found.items():
        if p not in expect:
            r["false_open"] += 1
            continue
        r["open"] += 1
        es, ep, ev = expect[p]
        if s and (s == es or (es == "https" and s in ("https", "ssl/http", "http")) or (es == "http" and s == "http")):
            r["service"] += 1
        if ep != "-" and prod and (ep.lower() in prod.lower() or prod.lower() in ep.lower()):
            r["product"] += 1
        if ev != "-" and ver and ev.replace("build ", "") in ver:
            r["version"] += 1
    return r
rows = []
for name in ("hoshi", "hoshi-rate0"):
    j = json.load(open(f"{w}/{name}.json"))
    found = {}
    for h in j["hosts"]:
        for p in h["ports"]:
            if p["state"] == "open":
                ver = " ".join(x for x in (p.get("version"), p.get("build")) if x)
                found[p["port"]] = (p.get("service"), p.get("product") or "", ver)
    rows.append((name + (" --rate 0" if "rate0" in name else ""), t(name), score(found), j["stats"]))
for name in ("nmap-sS", "nmap-sT", "nmap-sV"):
    x = ET.parse(f"{w}/{name}.xml")
    found = {}
    for port in x.iter("port"):
        st = port.find("state").get("state")
        if st != "open":
            continue
        svc = port.find("service")
        s = prod = ver = ""
        if svc is not None:
            s = svc.get("name", "")
            if svc.get("tunnel") == "ssl" and s == "http":
                s = "https"
            prod = svc.get("product", "")
            ver = svc.get("version", "")
        found[int(port.get("portid"))] = (s if name == "nmap-sV" else "", prod, ver)
    rows.append((name.replace("-", " -"), t(name), score(found), None))
n = len(expect)
nprod = sum(1 for v in expect.values() if v[1] != "-")
nver = sum(1 for v in expect.values() if v[2] != "-")
print(f"\nknown answer: {n} open ports, {nprod} with a product to name, {nver} with a version or build")
print("| tool | wall time | peak RSS | open found | false open | service | product | version/build |")
print("|---|---|---|---|---|---|---|---|")
for name, (secs, mb), s, _ in rows:
    print(f"| {name} | {secs:.1f} s | {mb:.0f} MB | {s['open']}/{n} | {s['false_open']} | {s['service']}/{n} | {s['product']}/{nprod} | {s['version']}/{nver} |")
for name, _, _, stats in rows:
    if stats:
        print(f"{name}: sweep {stats['elapsed_ms']} ms, {stats['attempts']} attempts, {stats['retries']} retries, window up to {stats['largest_window']}")
PY
