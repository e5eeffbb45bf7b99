#!/usr/bin/env bash
# Time for the appliance to apply N wires between two guests on two hosts, and to remove them (topology file
# applied over Jolokia, then WiresMBean.awaitApplied: until both hosts' agents have made the kernel match),
# beside the floor: the same kernel changes (vx<vni> + tc mirred both ways, per host) issued with one
# `ip -batch` and one `tc -batch` per host, both hosts at once, and their removal by one group delete; the floor's
# host namespaces are set up like the product's (IPv6 off, the guests' veths up).
# Also printed, without a floor: the time to make the two guests with their N NICs each, and to remove them
# (applying the example topology again).
# Usage (as root, appliance started by ./run.sh): bench/wires-product.sh [N]      (restores the example topology)
# VW_PORT_OFFSET=K: an appliance whose ports are moved by K (bench/appliance-unpack.sh); RESTORE=FILE: the topology
# applied at the end instead of examples/two-hosts.yaml (its time is the 'guests removed' row)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
url=http://localhost:$((8181 + ${VW_PORT_OFFSET:-0}))/jolokia
restore=${RESTORE:-examples/two-hosts.yaml}
work=$(mktemp -d /tmp/vw-wires-bench.XXXXXX)
jolokia() { curl -sf -u karaf:karaf -H 'Content-Type: application/json' "$url" -d @"$1"; }
now() { date +%s.%N; }

python3 - "$n" "$work" <<'PY'
import json, sys
n, work = int(sys.argv[1]), sys.argv[2]
def doc(wires):
    lines = ["hosts:", "  - {name: bh1}", "  - {name: bh2}", "guests:"]
    for g, h in (("ba", "bh1"), ("bb", "bh2")):
        lines += [f"  - name: {g}", f"    host: {h}", "    nics:"] + [f"      - {{name: n{i}}}" for i in range(n)]
    if wires:
        lines += ["wires:"] + [f"  - [ba/n{i}, bb/n{i}]" for i in range(n)]
    return "\n".join(lines) + "\n"
for name, wires in (("nics", False), ("wires", True)):
    body = {"type": "exec", "mbean": "org.virtualwire:type=topology,name=default", "operation": "apply",
            "arguments": [doc(wires)]}
    json.dump(body, open(f"{work}/{name}.json", "w"))
json.dump({"type": "exec", "mbean": "org.virtualwire:type=wires,name=default", "operation": "awaitApplied",
           "arguments": [300]}, open(f"{work}/await.json", "w"))
PY
apply() { jolokia "$work/$1.json" | grep -q '"status":200' || { echo "apply $1 failed"; jolokia "$work/$1.json" | head -c 600; exit 1; }
          jolokia "$work/await.json" | grep -q '"value":true' || { echo "not applied in time"; exit 1; }; }

echo "== guests ba (bh1) and bb (bh2) with $n NICs each (timed apart: no floor)"
n0=$(now); apply nics; n1=$(now)
nics_create=$(echo "$n1 - $n0" | bc)
t0=$(now); apply wires; t1=$(now); apply nics; t2=$(now)
product_apply=$(echo "$t1 - $t0" | bc); product_remove=$(echo "$t2 - $t1" | bc)

echo "== floor: the same kernel changes by hand in namespaces vwfl-h1, vwfl-h2"
cleanup() { for ns in vwfl-h1 vwfl-h2; do ip netns del $ns 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
for h in 1 2; do
  ip netns add vwfl-h$h
  ip netns exec vwfl-h$h sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 # as the product's hosts
  for i in $(seq 0 $((n - 1))); do echo "link add ve$i type veth peer name pe$i"; echo "link set ve$i up"; echo "link set pe$i up"; done | ip -n vwfl-h$h -batch -
  ip -n vwfl-h$h link add ul0 type veth peer name ul1; ip -n vwfl-h$h addr add 198.18.250.$h/24 dev ul0; ip -n vwfl-h$h link set ul0 up
  peer=$((3 - h))
  for i in $(seq 0 $((n - 1))); do vni=$((i + 1))
    echo "link add vx$vni type vxlan id $vni local 198.18.250.$h remote 198.18.250.$peer dstport 4789 nolearning udpcsum"
    echo "link set vx$vni up"; done > "$work/ip-$h.txt"
  for i in $(seq 0 $((n - 1))); do vni=$((i + 1))
    for pair in "ve$i vx$vni" "vx$vni ve$i"; do set -- $pair
      echo "qdisc replace dev $1 ingress"
      echo "filter replace dev $1 ingress pref 10 handle 800::1 protocol all u32 match u32 0 0 action mirred egress redirect dev $2"
    done; done > "$work/tc-$h.txt"
  for i in $(seq 1 "$n"); do echo "link set dev vx$i group 77"; done > "$work/del-$h.txt"; echo "link del group 77" >> "$work/del-$h.txt"
done
f0=$(now)
for h in 1 2; do (ip -n vwfl-h$h -batch "$work/ip-$h.txt" && tc -n vwfl-h$h -batch "$work/tc-$h.txt") & done; wait
f1=$(now)
for h in 1 2; do ip -n vwfl-h$h -batch "$work/del-$h.txt" & done; wait
f2=$(now)
floor_apply=$(echo "$f1 - $f0" | bc); floor_remove=$(echo "$f2 - $f1" | bc)

echo "== restoring the example topology"
python3 -c "import json,sys; json.dump({'type':'exec','mbean':'org.virtualwire:type=topology,name=default','operation':'apply','arguments':[open('$restore').read()]}, open('$work/example.json','w'))"
e0=$(now); apply example; e1=$(now)
nics_remove=$(echo "$e1 - $e0" | bc)

printf '\n%-34s %10s %10s %8s\n' "$n wires, 2 hosts (2 x $n wire ends)" "product s" "floor s" "ratio"
printf '%-34s %10.3f %10.3f %8.2f\n' "apply (create + join)" "$product_apply" "$floor_apply" "$(echo "$product_apply / $floor_apply" | bc -l)"
printf '%-34s %10.3f %10.3f %8.2f\n' "remove" "$product_remove" "$floor_remove" "$(echo "$product_remove / $floor_remove" | bc -l)"
printf '%-34s %10.3f %10s\n' "guests' NICs made (2 x $n)" "$nics_create" "-"
printf '%-34s %10.3f %10s\n' "guests removed (2 x $n NICs)" "$nics_remove" "-"
