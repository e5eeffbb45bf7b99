#!/usr/bin/env bash
# Guest-to-guest TCP throughput across two local clouds through their gateways (sealed AES-GCM, and plain),
# as a fraction of the same path within one cloud, side by side in one run: iperf3 between guest namespaces of
# the appliance, rounds interleaved (within, across sealed, across plain), median per variant.
#
#   bench/cross-cloud.sh [--appliance DIR] [-t SECONDS] [-r ROUNDS] [-P "1 2"] [--nice N] [--quiet-wait S]
#
# DIR is an appliance unpacked with bench/appliance-unpack.sh (default /tmp/vwq-appliance), started here if it
# does not run (and then stopped again). It gets a topology of its own (clouds xe and xw, hosts xe1 xe2 xegw
# xw1 xwgw): applying it removes anything else the appliance holds. The gateways' PID org.virtualwire.gateways
# is switched between encrypt=true and encrypt=false (config:edit) and left at true.
#   within   xa1 on xe1 -> xb1 on xe2 (one cloud: one VXLAN hop on east's underlay), MTU 1450
#   sealed   xa2 on xe1 -> xb2 on xw1 (xe1 -> xegw -> AES-GCM -> xwgw -> xw1), MTU 1418
#   plain    the same with encrypt=false (a 16-byte plain header between the gateways)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
APPLIANCE=/tmp/vwq-appliance SECONDS_PER_RUN=8 RUNS=3 STREAMS="1" NICE=-10 QUIET_WAIT=20
while [ $# -gt 0 ]; do
    case $1 in
        --appliance) APPLIANCE=$2; shift 2 ;;
        -t) SECONDS_PER_RUN=$2; shift 2 ;;
        -r) RUNS=$2; shift 2 ;;
        -P) STREAMS=$2; shift 2 ;;
        --nice) NICE=$2; shift 2 ;;
        --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
. "$HERE/appliance.sh"
vwb_require_root
appliance_start
P=$VW_NS_PREFIX
trap 'vwb_clear_topology; appliance_stop' EXIT

# clouds xe (hosts xe1 xe2, gateway xegw) and xw (host xw1, gateway xwgw)
vwb_two_clouds "$APPL_TMP/xc.yaml" xe xw 2 1 <<'YAML'
guests:
  - {name: xa1, host: xe1, nics: [{name: eth0, ip: 10.99.10.1/24}]}
  - {name: xb1, host: xe2, nics: [{name: eth0, ip: 10.99.10.2/24}]}
  - {name: xa2, host: xe1, nics: [{name: eth0, ip: 10.99.11.1/24}]}
  - {name: xb2, host: xw1, nics: [{name: eth0, ip: 10.99.11.2/24}]}
wires:
  - [xa1/eth0, xb1/eth0]
  - [xa2/eth0, xb2/eth0]
YAML
vwb_apply_topology "$APPL_TMP/xc.yaml"

await_ping() { # guest-ns addr
    local i
    for ((i = 0; i < 100; i++)); do
        ip netns exec "$1" ping -c 1 -W 1 -q "$2" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    echo "# no ping from $1 to $2" >&2; exit 1
}

set_encrypt() { # true|false: the gateways start again with it; wait until the log says so and the wire works
    local before
    before=$(grep -c 'Gateway xegw of cloud xe' "$APPLIANCE/data/log/karaf.log" || true)
    printf 'config:edit org.virtualwire.gateways\nconfig:property-set encrypt %s\nconfig:update\n' "$1" | appliance_cli >/dev/null
    local want=AES-GCM i; [ "$1" = false ] && want=plain
    for ((i = 0; i < 100; i++)); do
        [ "$(grep -c 'Gateway xegw of cloud xe' "$APPLIANCE/data/log/karaf.log" || true)" -gt "$before" ] &&
            grep 'Gateway xegw of cloud xe' "$APPLIANCE/data/log/karaf.log" | tail -1 | grep -q "$want" && break
        sleep 0.2
    done
    grep 'Gateway xegw of cloud xe' "$APPLIANCE/data/log/karaf.log" | tail -1 | grep -q "$want" ||
        { echo "# gateway xegw did not start again with encrypt=$1" >&2; exit 1; }
    await_ping "${P}g-xa2" 10.99.11.2
}

await_ping "${P}g-xa1" 10.99.10.2
set_encrypt true
echo "vw:wire-list" | appliance_cli | sed 's/^/# /' >&2
RESULTS=$(mktemp)
measure() { # variant round streams client server addr
    local busy res
    busy=$(vwb_wait_quiet "$QUIET_WAIT" 15)
    res=$(iperf_once "${P}g-$4" "${P}g-$5" "$6" "$3")
    echo "$1 $2 $3 $res $busy $(vwb_load)" >>"$RESULTS"
    echo "# round $2 $1 -P $3: Gbit/s retransmits iperf3-CPU% = $res (CPU busy before: $busy %, load $(vwb_load))" >&2
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, kernel $(uname -r), iperf3 -t $SECONDS_PER_RUN, $RUNS rounds, nice $NICE, uptime: $(uptime)" >&2
for ((r = 1; r <= RUNS; r++)); do
    for p in $STREAMS; do
        measure within "$r" "$p" xa1 xb1 10.99.10.2
        measure sealed "$r" "$p" xa2 xb2 10.99.11.2
    done
    set_encrypt false
    for p in $STREAMS; do measure plain "$r" "$p" xa2 xb2 10.99.11.2; done
    set_encrypt true
done
echo "vw:gateway-list" | appliance_cli | sed 's/^/# /' >&2
echo "# done, uptime: $(uptime)" >&2

echo
echo "| variant | streams | Gbit/s (median of $RUNS) | / within one cloud | retransmits (median) | load during runs |"
echo "| --- | --- | --- | --- | --- | --- |"
awk '
    { k = $1 " " $3; g[k] = g[k] " " $4; rt[k] = rt[k] " " $5; ld[k] = ld[k] " " $8; st[$3] = 1 }
    function med(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    function range(s,   a, n, i, lo, hi) { n = split(s, a, " "); lo = hi = a[1]; for (i = 2; i <= n; i++) { if (a[i] + 0 < lo + 0) lo = a[i]; if (a[i] + 0 > hi + 0) hi = a[i] }
        return lo " to " hi }
    END {
        split("within sealed plain", v, " ")
        name["within"] = "within one cloud (host -> host)"
        name["sealed"] = "across two clouds, gateways AES-GCM"
        name["plain"] = "across two clouds, gateways plain"
        for (p in st) for (i = 1; i <= 3; i++) {
            k = v[i] " " p; base = med(g["within " p])
            printf "| %s | %s | %.2f | %.2f | %s | %s |\n", name[v[i]], p, med(g[k]), (base > 0 ? med(g[k]) / base : 0), med(rt[k]), range(ld[k])
        }
    }' "$RESULTS"
echo "raw results (variant round streams Gbit/s retransmits cpu% busy% load): $RESULTS" >&2
