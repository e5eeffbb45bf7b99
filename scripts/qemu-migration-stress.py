#!/usr/bin/env python3
"""Diagnostic, not part of the build: migrates one TCG guest (the project's image) back and forth between two
network namespaces with QEMU live migration while a third namespace pings it, and stops at the first
migration after which the guest is broken: a panic or virtio ring error on its console, or no answer
2 s after the migration (some of those answer again seconds later).

    scripts/qemu-migration-stress.py MODE N [announce]      (root; namespaces vwqx-a/b/c, files in /tmp/vwqx)

MODE plain: only the source gets the pings until the migration completes; dual: both hosts get them (as while
VirtualWire dual-homes a wire). "announce" sends QMP announce-self to the destination after the migration.
Knobs (environment): CPU (qemu64), ACCEL (tcg), NICMODEL (virtio-net-pci; e1000 needs e1000.ko in IMG), DEVOPTS (",event_idx=off"...),
PI (ping interval, 0.001), IMG (image folder), TAPDOWN=1 (destination TAP down until it runs), ROUNDS0=1
(no self-announce on the destination).

Seen with QEMU 7.2 (Debian 12), 2 cores under load: a broken guest after 1 in 2 to 1 in 40 migrations with
any of these knobs, e1000 included (ACCEL=tcg,thread=single too); with "announce", after nearly every first
migration. QEMU 10.0 (bookworm-backports, what scripts/prerequisites.sh installs): none in 40 quiet and 40 with
two CPU hogs (BENCHMARKS.md, "QEMU 7.2 against 10.0"). A QEMU first on PATH is the one run.
"""
import json, os, socket, subprocess, sys, time
IMG = os.environ.get("IMG", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "guest-image"))
D = "/tmp/vwqx"
os.makedirs(D, exist_ok=True)
MODE = sys.argv[1]          # "plain" | "dual" (frames reach the paused destination TAP) 
N = int(sys.argv[2])
ANNOUNCE = len(sys.argv) > 3 and sys.argv[3] == "announce"
def sh(cmd, check=True):
    return subprocess.run(cmd, shell=True, check=check, capture_output=True, text=True).stdout
def setup():
    for ns in ("vwqx-a", "vwqx-b", "vwqx-c"):
        sh(f"ip netns del {ns}", check=False)
    for ns in ("vwqx-a", "vwqx-b", "vwqx-c"):
        sh(f"ip netns add {ns}")
    sh("ip -n vwqx-a link add ul0 type veth peer name ul0 netns vwqx-b")
    # pinger c connected to both a and b through veths into each host's bridge
    sh("ip -n vwqx-c link add pa type veth peer name pc netns vwqx-a")
    sh("ip -n vwqx-c link add pb type veth peer name pc netns vwqx-b")
    sh("ip -n vwqx-c link add br0 type bridge")
    for i, ns in enumerate(("vwqx-a", "vwqx-b")):
        sh(f"ip -n {ns} link set lo up; ip -n {ns} addr add 198.18.211.{i+1}/24 dev ul0; ip -n {ns} link set ul0 up")
        sh(f"ip -n {ns} tuntap add dev ve1 mode tap; ip -n {ns} link set ve1 txqueuelen 16 mtu 1450")
        sh(f"ip -n {ns} link add br0 type bridge; ip -n {ns} link set ve1 master br0; ip -n {ns} link set pc master br0")
        sh(f"ip -n {ns} link set ve1 up; ip -n {ns} link set pc up; ip -n {ns} link set br0 up")
        sh(f"ip -n {ns} link set pc type bridge_slave learning off")
    sh("ip -n vwqx-c link set lo up; ip -n vwqx-c addr add 10.99.211.1/24 dev br0; ip -n vwqx-c link set br0 up")
    # c sends to a only ("plain") or to both ("dual": a bridge floods unknown... use both ports in the c bridge)
    sh("ip -n vwqx-c link set pa master br0; ip -n vwqx-c link set pa up")
    if MODE == "dual":
        sh("ip -n vwqx-c link set pb master br0; ip -n vwqx-c link set pb up")
        # make c's bridge flood (no learning) so frames reach both hosts
        sh("ip -n vwqx-c link set pa type bridge_slave learning off; ip -n vwqx-c link set pb type bridge_slave learning off")
        sh("ip -n vwqx-c link set br0 type bridge ageing_time 0")
def qemu(ns, name, incoming=None):
    for s in ("pid", "qmp", "log"):
        try: os.unlink(f"{D}/{name}.{s}")
        except FileNotFoundError: pass
    args = ["ip", "netns", "exec", ns, "qemu-system-x86_64", "-accel", os.environ.get("ACCEL", "tcg"), "-cpu", os.environ.get("CPU", "qemu64"), "-m", "128", "-nodefaults",
            "-display", "none", "-no-reboot", "-serial", f"file:{D}/{name}.log", "-kernel", f"{IMG}/vmlinuz", "-initrd",
            f"{IMG}/initramfs.gz", "-append", "console=ttyS0 panic=-1 no_timer_check quiet vw.nic=eth0,10.99.211.5/24,1450",
            "-netdev", "tap,id=n0,ifname=ve1,script=no,downscript=no", "-device",
            os.environ.get("NICMODEL", "virtio-net-pci") + ",netdev=n0,mac=02:00:00:00:d3:05,romfile=" + os.environ.get("DEVOPTS", ""), "-qmp", f"unix:{D}/{name}.qmp,server=on,wait=off",
            "-daemonize", "-pidfile", f"{D}/{name}.pid"]
    if incoming: args += ["-incoming", incoming]
    subprocess.run(args, check=True)
    return int(open(f"{D}/{name}.pid").read())
class Qmp:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX); self.s.connect(path); self.f = self.s.makefile("rw")
        self.f.readline(); self.cmd("qmp_capabilities")
    def cmd(self, c, **a):
        self.f.write(json.dumps({"execute": c, "arguments": a} if a else {"execute": c}) + "\n"); self.f.flush()
        while True:
            m = json.loads(self.f.readline())
            if "return" in m or "error" in m: return m
setup()
hosts = ["vwqx-a", "vwqx-b"]; ips = ["198.18.211.1", "198.18.211.2"]
cur = 0
pid = qemu(hosts[0], "g0")
name = "g0"
for _ in range(200):
    if "vw-guest ready" in open(f"{D}/g0.log").read(): break
    time.sleep(0.1)
bad = 0
prev = None
for i in range(N):
    dst = 1 - cur
    dname = f"g{i+1}"
    if os.environ.get("TAPDOWN"):
        sh(f"ip -n {hosts[dst]} link set ve1 down")
    qemu(hosts[dst], dname, f"tcp:{ips[dst]}:4444")
    if MODE == "plain":   # move the pinger's path to the destination after migration
        pass
    ping = subprocess.Popen(f"ip netns exec vwqx-c ping -q -i {os.environ.get('PI', '0.001')} -w 4 10.99.211.5", shell=True, stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    s = prev if prev else Qmp(f"{D}/{name}.qmp"); d = Qmp(f"{D}/{dname}.qmp")
    s.cmd("migrate-set-parameters", **{"downtime-limit": 10, "max-bandwidth": 1 << 30})
    if os.environ.get("ROUNDS0"):
        r = d.cmd("migrate-set-parameters", **{"announce-rounds": 0}); assert "return" in r, r
    s.cmd("migrate", uri=f"tcp:{ips[dst]}:4444")
    while True:
        st = s.cmd("query-migrate")["return"].get("status")
        if st in ("completed", "failed"): break
        time.sleep(0.002)
    if os.environ.get("TAPDOWN"):
        while d.cmd("query-status")["return"]["status"] != "running":
            time.sleep(0.001)
        sh(f"ip -n {hosts[dst]} link set ve1 up")
    if MODE == "plain":
        sh(f"ip -n vwqx-c link set {'pa' if cur == 0 else 'pb'} nomaster; ip -n vwqx-c link set {'pb' if cur == 0 else 'pa'} master br0; ip -n vwqx-c link set {'pb' if cur == 0 else 'pa'} up")
    time.sleep(0.2)
    if ANNOUNCE:
        d.cmd("announce-self", initial=50, max=550, rounds=5, step=100)
    s.cmd("quit")
    out = ping.communicate()[0]
    time.sleep(1.5)
    log = open(f"{D}/{dname}.log").read()
    alive = os.path.exists(f"/proc/{open(f'{D}/{dname}.pid').read().strip()}") if os.path.exists(f"{D}/{dname}.pid") else False
    err = [l for l in log.splitlines() if "not a head" in l or "panic" in l.lower() or "BUG" in l]
    r = sh("ip netns exec vwqx-c ping -c 3 -i 0.2 -W 1 10.99.211.5", check=False)
    ok = " 0 received" not in r
    print(f"{i}: {st} -> {hosts[dst]} alive={alive} ping_after_ok={ok} errors={err[:2]} probe: {out.strip().splitlines()[-2] if out.strip() else ''}", flush=True)
    if not ok or err:
        bad += 1
        print("FIRST FAILURE at migration", i, flush=True)
        break
    cur = dst; name = dname; prev = d
print("bad", bad)
# leave nothing behind: our QEMUs (by pidfile, only if they are still ours), then the namespaces
for f in os.listdir(D):
    if f.endswith(".pid"):
        pid = open(os.path.join(D, f)).read().strip()
        try:
            if os.path.join(D, f) in open(f"/proc/{pid}/cmdline").read():
                os.kill(int(pid), 15)
        except (FileNotFoundError, ProcessLookupError):
            pass
time.sleep(1)
for ns in ("vwqx-a", "vwqx-b", "vwqx-c"):
    sh(f"ip netns del {ns}", check=False)
