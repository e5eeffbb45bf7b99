#!/usr/bin/env bash
# Guest-to-guest TCP throughput over one wire between two hosts (network namespaces), beside its baselines,
# all in one run. Prints a table: variant, streams, Gbit/s (median of runs), ratio to the raw underlay.
#
#   bench/throughput.sh [-t SECONDS] [-r ROUNDS] [-P "1 2"] [--only "raw vxlan-plain ..."] [--nice N]
#                       [--quiet-wait SECONDS] [--appliance DIR] [--keep VARIANT|none]
# --nice -10 runs iperf3 at that priority: on a machine shared with builds, the measurement then sees most
# of the CPU (softirq work done in the iperf3 processes' context goes with them).
#
# Variants (each built from scratch, torn down afterwards):
#   raw            iperf3 between the two host namespaces over a plain veth pair (the raw underlay)
#   raw-ul         the same across the product's underlay (a bridge namespace between the hosts)
#   vxlan-plain    hand-built VXLAN the plain way: vxlan dev + guest veth in a bridge per host, default settings
#   vw             VirtualWire's data plane by hand: underlay bridge ns, vx<vni> nolearning udpcsum, tc mirred, MTU 1450
#   vw-*           the same with one tuning change (see variant_* below); "vw-best" combines the ones that help
#   appliance      the real appliance (--appliance DIR): a topology file applied with vw:topology-apply
# --keep VARIANT builds one variant and leaves it in place (for perf, tcpdump); remove it with
#   --keep none (namespaces vwb-t-*: guests g1, g2 at 10.99.0.1/.2, hosts h1, h2 at 198.18.0.1/.2)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

SECONDS_PER_RUN=10
RUNS=3
STREAMS="1 2"
ONLY=""
APPLIANCE=""
KEEP=""
NICE=0
QUIET_WAIT=20 # seconds to wait for a quiet CPU before each measurement
while [ $# -gt 0 ]; do
    case "$1" in
        -t) SECONDS_PER_RUN=$2; shift 2 ;;
        -r) RUNS=$2; shift 2 ;;
        -P) STREAMS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --appliance) APPLIANCE=$2; shift 2 ;;
        --keep) KEEP=$2; shift 2 ;;
        --nice) NICE=$2; shift 2 ;;
        --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
        -h|--help) sed -n "2,23p" "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
vwb_require_root
VWB=${VWB}t-
trap vwb_cleanup EXIT

U=${VWB}u H1=${VWB}h1 H2=${VWB}h2 G1=${VWB}g1 G2=${VWB}g2
UL1=198.18.0.1 UL2=198.18.0.2 OV1=10.99.0.1 OV2=10.99.0.2
VNI=4242

# ---- building blocks --------------------------------------------------------------------------------------

hosts() { vwb_ns "$H1"; vwb_ns "$H2"; }

underlay_pair() { # mtu: one veth pair straight between the host namespaces
    ip link add ul0 netns "$H1" mtu "$1" type veth peer name ul0 netns "$H2" mtu "$1"
    ip -n "$H1" addr add $UL1/15 dev ul0; ip -n "$H1" link set ul0 up
    ip -n "$H2" addr add $UL2/15 dev ul0; ip -n "$H2" link set ul0 up
}

underlay_bridge() { # mtu: the product's underlay: namespace U with bridge ul, one port per host
    vwb_ns "$U"
    ip -n "$U" link add ul mtu "$1" type bridge
    ip -n "$U" link set ul up
    local i h a
    for i in 1 2; do
        h=${VWB}h$i; a=198.18.0.$i
        ip link add ul0 netns "$h" mtu "$1" type veth peer name h$i netns "$U" mtu "$1"
        ip -n "$U" link set h$i master ul up
        ip -n "$h" addr add $a/15 dev ul0; ip -n "$h" link set ul0 up
    done
}

underlay_macvlan() { # mtu: hosts join the underlay as macvlan (bridge mode) siblings of one device in U
    # (no dummy driver in this kernel: the lower device is a veth whose peer stays unused)
    vwb_ns "$U"
    ip -n "$U" link add ul mtu "$1" type veth peer name ulx mtu "$1"
    ip -n "$U" link set ulx up
    ip -n "$U" link set ul up
    local i h
    for i in 1 2; do
        h=${VWB}h$i
        ip -n "$U" link add mv$i link ul mtu "$1" type macvlan mode bridge
        ip -n "$U" link set mv$i netns "$h"
        ip -n "$h" link set mv$i name ul0
        ip -n "$h" addr add 198.18.0.$i/15 dev ul0; ip -n "$h" link set ul0 up
    done
}

guests() { # mtu: a guest namespace per host with eth0 <-> ve1 (host side)
    local i
    for i in 1 2; do
        vwb_ns "${VWB}g$i"
        ip link add eth0 netns "${VWB}g$i" mtu "$1" type veth peer name ve1 netns "${VWB}h$i" mtu "$1"
        ip -n "${VWB}g$i" addr add 10.99.0.$i/16 dev eth0
        ip -n "${VWB}g$i" link set eth0 up
        ip -n "${VWB}h$i" link set ve1 up
    done
}

vw_vxlans() { # extra options: vx<vni> as the product makes it (local + remote, no dev)
    local i
    for i in 1 2; do
        ip -n "${VWB}h$i" link add vx$VNI type vxlan id $VNI local 198.18.0.$i remote 198.18.0.$((3 - i)) dstport 4789 "$@"
        ip -n "${VWB}h$i" link set vx$VNI up
    done
}

vxlans() { # extra vxlan options: vx<vni> in each host namespace toward the other host, the usual way
    local i peer
    for i in 1 2; do
        peer=198.18.0.$((3 - i))
        ip -n "${VWB}h$i" link add vx$VNI type vxlan id $VNI dstport 4789 remote "$peer" dev ul0 "$@"
        ip -n "${VWB}h$i" link set vx$VNI up
    done
}

vxlan_in_guest() { # mtu: no veth, no tc: each host's vx<vni> is moved into its guest and becomes its eth0
    local i
    for i in 1 2; do
        vwb_ns "${VWB}g$i"
        ip -n "${VWB}h$i" link add vx$VNI mtu "$1" type vxlan id $VNI local 198.18.0.$i remote 198.18.0.$((3 - i)) dstport 4789 nolearning udpcsum
        ip -n "${VWB}h$i" link set vx$VNI netns "${VWB}g$i"
        ip -n "${VWB}g$i" link set vx$VNI name eth0
        ip -n "${VWB}g$i" addr add 10.99.0.$i/16 dev eth0
        ip -n "${VWB}g$i" link set eth0 up
    done
}

join_bridge() { # vx<vni> and ve1 as ports of a bridge in each host namespace
    local i
    for i in 1 2; do
        ip -n "${VWB}h$i" link add br0 type bridge
        ip -n "${VWB}h$i" link set vx$VNI master br0
        ip -n "${VWB}h$i" link set ve1 master br0
        ip -n "${VWB}h$i" link set br0 up
    done
}

join_mirred() { # the product's join: tc ingress on both, every frame redirected to the other
    local i a b
    for i in 1 2; do
        for a in ve1 vx$VNI; do
            b=$([ $a = ve1 ] && echo vx$VNI || echo ve1)
            tc -n "${VWB}h$i" qdisc add dev $a ingress
            tc -n "${VWB}h$i" filter add dev $a parent ffff: protocol all prio 1 \
                u32 match u32 0 0 action mirred egress redirect dev $b
        done
    done
}

join_matchall() { # like join_mirred with the matchall classifier instead of u32
    local i a b
    for i in 1 2; do
        for a in ve1 vx$VNI; do
            b=$([ $a = ve1 ] && echo vx$VNI || echo ve1)
            tc -n "${VWB}h$i" qdisc add dev $a ingress
            tc -n "${VWB}h$i" filter add dev $a parent ffff: protocol all prio 1 \
                matchall action mirred egress redirect dev $b
        done
    done
}

build_ns() { ip netns list | awk -v p="$VWB" 'index($1, p) == 1 { print $1 }'; }

all_veths() { # print "netns dev" for every veth end of the current build
    local ns dev
    for ns in $(build_ns); do
        for dev in $(ip -n "$ns" -o link show type veth | awk -F'[:@ ]+' '{ print $2 }'); do
            echo "$ns $dev"
        done
    done
}

gro_on() { # veth only does GRO with NAPI, which "gro on" (or XDP) turns on
    local ns dev
    all_veths | while read -r ns dev; do ip netns exec "$ns" ethtool -K "$dev" gro on >/dev/null; done
}

root_qdisc() { # qdisc args: a root qdisc on every veth (veth is noqueue by default, so with NAPI a full
    # ring drops instead of pushing back)
    local ns dev
    all_veths | while read -r ns dev; do tc -n "$ns" qdisc replace dev "$dev" root "$@"; done
}

set_all() { # ip link settings for every veth and vxlan device of the build
    local ns dev
    for ns in $(build_ns); do
        for dev in $(ip -n "$ns" -o link show | awk -F'[:@ ]+' '$2 ~ /^(ul0|ve1|eth0|h[12]|vx[0-9]+)$/ { print $2 }'); do
            ip -n "$ns" link set dev "$dev" "$@"
        done
    done
}

# ---- variants: each builds one data plane; raw* measure between the hosts, the others between the guests ----

variant_raw() { hosts; underlay_pair 1500; }
variant_raw-ul() { hosts; underlay_bridge 1500; }
variant_raw-ul-9000() { hosts; underlay_bridge 9000; }
variant_vxlan-plain() { hosts; underlay_pair 1500; guests 1450; vxlans; join_bridge; }
variant_vxlan-plain-ul() { hosts; underlay_bridge 1500; guests 1450; vxlans; join_bridge; }
vw_base() { # underlay mtu, guest mtu, vxlan options...
    local um=$1 gm=$2; shift 2
    hosts; underlay_bridge "$um"; guests "$gm"; vw_vxlans "$@"
}
variant_vw() { vw_base 1500 1450 nolearning udpcsum; join_mirred; }
variant_vw-nocsum() { vw_base 1500 1450 nolearning noudpcsum; join_mirred; }
variant_vw-gro() { vw_base 1500 1450 nolearning udpcsum; join_mirred; gro_on; }
variant_vw-nocsum-gro() { vw_base 1500 1450 nolearning noudpcsum; join_mirred; gro_on; }
variant_vw-bridge() { vw_base 1500 1450 nolearning udpcsum; join_bridge; }
variant_vw-matchall() { vw_base 1500 1450 nolearning udpcsum; join_matchall; }
variant_vw-txq() { vw_base 1500 1450 nolearning udpcsum; join_mirred; set_all txqueuelen 10000; }
variant_vw-gso32k() { vw_base 1500 1450 nolearning udpcsum; join_mirred; set_all gso_max_size 32768; }
variant_vw-mtu1500() { vw_base 1550 1500 nolearning udpcsum; join_mirred; }
variant_vw-mtu9000() { vw_base 9000 8950 nolearning udpcsum; join_mirred; }
variant_vw-gro-pfifo() { vw_base 1500 1450 nolearning udpcsum; join_mirred; gro_on; root_qdisc pfifo limit 1000; }
variant_raw-mv() { hosts; underlay_macvlan 1500; }
variant_vw-mv() { hosts; underlay_macvlan 1500; guests 1450; vw_vxlans nolearning udpcsum; join_mirred; }
variant_vw-vxguest() { hosts; underlay_bridge 1500; vxlan_in_guest 1450; }
variant_vw-best() { # what helps, together: macvlan underlay (one hop less), guests keep MTU 1500
    hosts; underlay_macvlan 1550; guests 1500; vw_vxlans nolearning udpcsum; join_mirred
}
variant_vw-pair() { hosts; underlay_pair 1500; guests 1450; vw_vxlans nolearning udpcsum; join_mirred; }

ALL_VARIANTS="raw raw-ul raw-mv vxlan-plain vxlan-plain-ul vw vw-nocsum vw-gro vw-nocsum-gro vw-gro-pfifo vw-bridge vw-txq vw-gso32k vw-mtu1500 vw-mtu9000 vw-pair vw-mv vw-vxguest vw-best"

# ---- measuring -------------------------------------------------------------------------------------------

# iperf_once: bench/lib.sh

check_ping() { # the build must pass traffic before it is measured
    local c s addr; read -r c s addr <<<"$ENDS"
    ip netns exec "$c" ping -c 3 -i 0.2 -W 1 -q "$addr" >/dev/null 2>&1 ||
        ip netns exec "$c" ping -c 3 -i 0.2 -W 1 -q "$addr" >/dev/null
}

RESULTS=$(mktemp)
measure_one() { # variant round streams: wait (a little) for a quiet CPU, measure, record
    local busy res
    busy=$(vwb_wait_quiet "$QUIET_WAIT" 15)
    if [ "$1" = appliance ]; then res=$(appliance_measure "$3"); else res=$(iperf_once $ENDS "$3"); fi
    echo "$1 $2 $3 $res $busy" >>"$RESULTS"
    echo "# round $2 $1 -P $3: Gbit/s, retransmits, iperf3 CPU % = $res (CPU busy before: $busy %, load $(vwb_load))" >&2
}

run_variant() { # name round: build, check, measure each stream count once, tear down
    local v=$1 r=$2 p
    vwb_cleanup
    # (a subshell tested by "if" would ignore set -e, so take its status afterwards)
    local rc
    set +e; ( set -e; "variant_$v" ) >&2; rc=$?; set -e
    if [ $rc != 0 ]; then echo "# $v: build failed" >&2; vwb_cleanup; return; fi
    case "$v" in raw*) ENDS="$H1 $H2 $UL2" ;; *) ENDS="$G1 $G2 $OV2" ;; esac
    if ! check_ping; then echo "# $v: no ping across the build" >&2; vwb_cleanup; return; fi
    for p in $STREAMS; do measure_one "$v" "$r" "$p"; done
    vwb_cleanup
}

. "$HERE/appliance.sh"

if [ -n "$KEEP" ]; then
    vwb_cleanup
    trap - EXIT
    [ "$KEEP" = none ] && exit 0
    "variant_$KEEP"
    case "$KEEP" in raw*) ENDS="$H1 $H2 $UL2" ;; *) ENDS="$G1 $G2 $OV2" ;; esac
    check_ping && echo "built $KEEP: iperf3 from ${ENDS% *} to ${ENDS##* }"
    exit
fi

variants=${ONLY:-$ALL_VARIANTS}
echo "# $(date -u +%FT%TZ) $(nproc) cores, kernel $(uname -r), iperf3 -t $SECONDS_PER_RUN, $RUNS rounds, nice $NICE, load $(vwb_load)" >&2
if [ -n "$APPLIANCE" ]; then appliance_setup; variants+=" appliance"; fi
# rounds interleave the variants so that load from other work on the machine spreads over all of them
for ((r = 1; r <= RUNS; r++)); do
    for v in $variants; do
        if [ "$v" = appliance ]; then
            for p in $STREAMS; do measure_one appliance "$r" "$p"; done
        else
            run_variant "$v" "$r"
        fi
    done
done
[ -n "$APPLIANCE" ] && appliance_teardown

# table: median over rounds; /raw = median / median of "raw" (same -P); paired = median over rounds of
# (variant / raw of the same round), less sensitive to load that changes between rounds; Gb/core = Gbit/s per
# core used by the two iperf3 processes (median), a second view that load from others disturbs less
printf '%-15s %2s %7s %6s %6s %7s  %-26s %-20s %s\n' variant P Gbit/s /raw paired Gb/core "rounds (Gbit/s)" "retransmits" "CPU busy before, %"
awk '
    function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n == 0 ? 0 : (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)
    }
    $4 + 0 == 0 { failed[$1 " " $3]++; next } # iperf3 gave no result (counted, not averaged in)
    {
        k = $1 " " $3
        if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
        g[k] = g[k] " " $4; rt[k] = rt[k] " " $5; ld[k] = ld[k] " " $7; byround[$1 "/" $3 "/" $2] = $4; rounds[$2] = 1
        if ($6 > 0) eff[k] = eff[k] " " $4 / ($6 / 100)
    }
    END {
        for (i = 1; i <= nk; i++) {
            k = order[i]; split(k, kv, " ")
            m = median(g[k]); base = median(g["raw " kv[2]])
            pr = ""
            for (r in rounds) {
                a = kv[1] "/" kv[2] "/" r; b = "raw/" kv[2] "/" r
                if ((a in byround) && (b in byround) && byround[b] > 0) pr = pr " " byround[a] / byround[b]
            }
            printf "%-15s %2s %7.2f %6s %6s %7s  %-26s %-20s %s\n", kv[1], kv[2], m,
                (base > 0 ? sprintf("%.2f", m / base) : "-"), (pr != "" ? sprintf("%.2f", median(pr)) : "-"),
                (eff[k] != "" ? sprintf("%.2f", median(eff[k])) : "-"),
                substr(g[k], 2), substr(rt[k], 2), substr(ld[k], 2)
        }
        for (k in failed) printf "(%s: %d run(s) without a result left out)\n", k, failed[k]
    }' "$RESULTS"
rm -f "$RESULTS"
