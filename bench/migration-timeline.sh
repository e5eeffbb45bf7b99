#!/usr/bin/env bash
# Where in a migration the probe's longest gaps fall. bench/migration.sh reports the longest gap of the built-in
# probe over its whole window; on this 2-core machine that is mostly the probe waiting for a CPU (the agents
# fork ip/tc during every step, other work runs beside), not the network. Here a timestamped 1 ms ping runs
# beside N migrations of the container web2 and of the switch sw1 (16 wired ports, bench/migration-16.yaml),
# and each gap is placed on the migration's step timeline (the record's start and step durations): the longest
# gap overlapping the transfer step (the switch of the data path), overlapping any step, and over the whole ping.
# Usage (as root, appliance started by ./run.sh): bench/migration-timeline.sh [N]   (restores the example topology)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n=${1:-20}
out=$(mktemp -d /tmp/vw-migration-timeline.XXXXXX)
vwb_example_appliance
client "vw:topology-apply $(realpath bench/migration-16.yaml)" >/dev/null
run() { # kind guest hostA hostB
  local kind=$1 guest=$2 a=$3 b=$4
  for i in $(seq 1 "$n"); do
    local to=$b; [ $((i % 2)) -eq 0 ] && to=$a
    ip netns exec vw-g-web1 ping -D -n -i 0.001 -c 4000 -w 8 10.99.0.2 > "$out/$kind-$i.ping" &
    local ping=$!
    sleep 0.5
    client "vw:guest-migrate --json $guest $to" > "$out/$kind-$i.json"
    wait $ping || true
  done
}
echo "== $n migrations of container web2 (h2 <-> h3) and $n of switch sw1 (h1 <-> h3, 16 wired ports); ping web1 -> web2"
run container web2 h2 h3
run switch sw1 h1 h3
vwb_restore_example

vwb_py_table "$out" "$n" <<'PY'
import datetime, glob, json, re, statistics, sys
print(f"\n{'kind':10} {'longest gap (ms) overlapping':32} {'min':>7} {'median':>7} {'p95':>7} {'max':>7}   ({n} runs)")
for kind in ("container", "switch"):
    rows = {"the transfer step": [], "any step": [], "the whole ping (3.5 s)": [], "lost (count)": [], "duplicates (count)": []}
    for f in sorted(glob.glob(f"{out}/{kind}-*.json")):
        text = open(f).read()
        r = json.loads(text[text.index("{"):])
        if r.get("outcome") != "SUCCEEDED":
            continue
        at = datetime.datetime.fromisoformat(r["started"].replace("Z", "+00:00")).timestamp() * 1000
        steps = []
        for s in r["steps"]:
            steps.append((s["name"], at, at + s["millis"])); at += s["millis"]
        ts, seqs = [], []
        for line in open(f[:-5] + ".ping"):
            m = re.match(r"\[(\d+\.\d+)\].*icmp_seq=(\d+)", line)
            if m:
                ts.append(float(m.group(1)) * 1000); seqs.append(int(m.group(2)))
        gaps = [(ts[i - 1], ts[i]) for i in range(1, len(ts))]
        def longest(lo, hi):
            return max([b - a for a, b in gaps if b >= lo and a <= hi] or [float("nan")])
        t = [s for s in steps if s[0] == "transfer"][0]
        rows["the transfer step"].append(longest(t[1], t[2]))
        rows["any step"].append(longest(steps[0][1], steps[-1][2]))
        rows["the whole ping (3.5 s)"].append(max(b - a for a, b in gaps))
        m = re.search(r"(\d+) packets transmitted", open(f[:-5] + ".ping").read())
        rows["lost (count)"].append(int(m.group(1)) - len(set(seqs)) if m else float("nan"))
        rows["duplicates (count)"].append(len(seqs) - len(set(seqs)))
    for name, v in rows.items():
        if v:
            print(f"{kind:10} {name:32} {min(v):7.1f} {statistics.median(v):7.1f} {q(v, .95):7.1f} {max(v):7.1f}")
PY
echo "raw records: $out"
