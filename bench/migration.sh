#!/usr/bin/env bash
# Migration figures: N live migrations of a container (web2, h2 <-> h3) and of a switch with 16 wired ports
# (sw1, h1 <-> h3) on the running appliance, each watched by the built-in 1 ms probe; prints min/median/p95/max
# of the longest probe gap, lost and duplicated packets, the pause the driver measured, each step and the whole
# migration. The topology is bench/migration-16.yaml (the example's guests plus 13 containers on sw1's other
# ports), applied first; the example topology is applied again at the end.
# Usage (as root, after ./run.sh has started the appliance): bench/migration.sh [N] [--quiet-wait S]
#   Another appliance: VW_HOME=its folder VW_PREFIX=its namespace prefix (see bench/migration-before-after.sh).
#   RAW=DIR keeps the raw records in DIR instead of a new temporary folder, their names tagged with $RUN_TAG;
#   bench/migration.sh --table DIR prints the table of every record in DIR and runs nothing.
#   --quiet-wait S: before each migration, wait up to S seconds for the CPU to be at most 15 % busy (this
#   machine is shared: other work's load shows as probe gaps); the busy figure each one started with is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n=20 quiet=0 table_only=
while [ $# -gt 0 ]; do
  case $1 in
    --quiet-wait) quiet=$2; shift 2 ;;
    --table) table_only=$2; shift 2 ;;
    *) n=$1; shift ;;
  esac
done
table() { # dir: min/median/p95/max of every record in dir
vwb_py_table "$1" "$(ls "$1" | grep -c "^container-.*json$")" <<'PY'
import json, sys, glob, os, statistics
print(f"\n{'kind':10} {'metric':24} {'min':>8} {'median':>8} {'p95':>8} {'max':>8}   (ms unless noted; {n} runs)")
for kind in ("container", "switch"):
    recs, busy = [], []
    for f in sorted(glob.glob(f"{out}/{kind}-*.json")):
        r = record(f)
        if r is not None:
            recs.append(r)
        b = f[:-5] + ".busy"
        if os.path.exists(b):
            busy.append(float(open(b).read().strip() or 0))
    ok = [r for r in recs if r.get("outcome") == "SUCCEEDED"]
    rows = {"longest probe gap": [r["probe"]["longestGapMillis"] for r in ok if "probe" in r],
            "lost packets (count)": [r["probe"]["lost"] for r in ok if "probe" in r],
            "duplicates (count)": [r["probe"]["duplicates"] for r in ok if "probe" in r],
            "pause (driver)": [r["pauseMillis"] for r in ok],
            "total": [r["totalMillis"] for r in ok]}
    for step in ("prepare", "dual-home", "transfer", "activate", "settle"):
        rows["step " + step] = [s["millis"] for r in ok for s in r["steps"] if s["name"] == step]
    if busy:
        rows["CPU busy before (%)"] = busy
    print(f"{kind:10} {'succeeded (count)':24} {len(ok):>8} of {len(recs)}")
    for name, v in rows.items():
        if v:
            print(f"{kind:10} {name:24} {min(v):8.1f} {statistics.median(v):8.1f} {q(v, .95):8.1f} {max(v):8.1f}")
PY
}
if [ -n "$table_only" ]; then table "$table_only"; exit 0; fi
out=${RAW:-$(mktemp -d /tmp/vw-migration-bench.XXXXXX)}
mkdir -p "$out"
vwb_example_appliance
echo "== vw:topology-apply bench/migration-16.yaml (sw1 with 16 wired ports)"
client "vw:topology-apply $(realpath bench/migration-16.yaml)"
client "vw:wire-list" | grep -c 'sw1/p' | xargs echo "wires on sw1:"

run() { # kind guest hostA hostB probe-args...
  local kind=$1 guest=$2 a=$3 b=$4; shift 4
  for i in $(seq 1 "$n"); do
    local to=$b; [ $((i % 2)) -eq 0 ] && to=$a
    [ "$quiet" -gt 0 ] && echo "$(vwb_wait_quiet "$quiet" 15)" > "$out/$kind-${RUN_TAG:-}$i.busy"
    client "vw:guest-migrate --json $* $guest $to" > "$out/$kind-${RUN_TAG:-}$i.json"
  done
}
echo "== $n migrations of container web2 (h2 <-> h3), probe web1/eth0 -> web2/eth0 every 1 ms (through sw1)"
run container web2 h2 h3 --probe web1/eth0
echo "== $n migrations of switch sw1, 16 wired ports (h1 <-> h3), probe web1/eth0 -> web2/eth0 through it"
run switch sw1 h1 h3 --probe web1/eth0 --probe-to web2/eth0
answering=0
for i in $(seq 2 16); do # every other port of sw1, from web1 on p1: all 16 wires followed the switch
  ip netns exec "${VW_PREFIX:-vw-}g-web1" ping -c 1 -W 1 -q 10.99.0.$i >/dev/null 2>&1 && answering=$((answering + 1))
done
echo "== after the switch's migrations, web1 (sw1/p1) reaches $answering of the 15 guests on sw1's other ports"
echo "== load average now: $(cut -d' ' -f1-3 /proc/loadavg); restoring the example topology"
vwb_restore_example

table "$out"
echo "raw records: $out"
