#!/usr/bin/env bash
# Time to create and to remove N wire ends per host (N wires between guests on two hosts), made the way the
# product makes them (vx<vni> nolearning udpcsum + tc ingress u32 mirred both ways to the guest's veth),
# by several methods. Prints a table: phase, method, ops (wire ends, both hosts), seconds, ms per op.
#
#   bench/wires.sh [-n WIRES] [--slow-n N] [-r ROUNDS] [--nice N] [--appliance DIR]
#
# The guests' veths (ve<i> in the host namespace, n<i> in one guest namespace per host) are made beforehand
# and not timed: they belong to the guests, not to the wires. One-by-one methods spawn one process per
# command, as a naive agent would; --slow-n limits how many wires they do (the rate is what matters). They run
# once; the batch methods run ROUNDS times (default 3) and the table gives the median. --nice -10 gives this
# script's processes priority over other work on a shared machine. --appliance DIR adds the real appliance:
# a topology file with N wires between two guests of N NICs applied, then one without them (see appliance.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

N=1000
SLOW_N=""
ROUNDS=3
APPLIANCE=""
while [ $# -gt 0 ]; do
    case "$1" in
        -n) N=$2; shift 2 ;;
        --slow-n) SLOW_N=$2; shift 2 ;;
        -r) ROUNDS=$2; shift 2 ;;
        --nice) renice -n "$2" -p $$ >/dev/null; shift 2 ;;
        --appliance) APPLIANCE=$2; shift 2 ;;
        -h|--help) sed -n "2,13p" "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
SLOW_N=${SLOW_N:-$N}
vwb_require_root
VWB=${VWB}w-
trap vwb_cleanup EXIT

U=${VWB}u
VNI0=100000 # wire i has VNI VNI0+i; its ends are vx<vni> on both hosts

host() { echo "${VWB}h$1"; }
guest() { echo "${VWB}g$1"; }
peer_ul() { echo "198.18.0.$((3 - $1))"; }

build_hosts() { # underlay bridge ns, two hosts, one guest ns per host holding n veth NICs (untimed)
    local n=$1 i h g
    vwb_cleanup
    vwb_ns "$U"
    ip -n "$U" link add ul type bridge
    ip -n "$U" link set ul up
    for i in 1 2; do
        h=$(host $i); g=$(guest $i)
        vwb_ns "$h"; vwb_ns "$g"
        ip link add ul0 netns "$h" type veth peer name h$i netns "$U"
        ip -n "$U" link set h$i master ul up
        ip -n "$h" addr add 198.18.0.$i/15 dev ul0
        ip -n "$h" link set ul0 up
    done
    add_veths "$n"
}

add_veths() { # n: the guests' NICs, n veth pairs per host
    local n=$1 i h g
    for i in 1 2; do
        h=$(host $i); g=$(guest $i)
        seq 1 "$n" | awk -v g="$g" '{ print "link add ve" $1 " mtu 1500 type veth peer name n" $1 " netns " g " mtu 1450" }' |
            ip -n "$h" -batch -
        seq 1 "$n" | awk '{ print "link set ve" $1 " up" }' | ip -n "$h" -batch -
        seq 1 "$n" | awk '{ print "link set n" $1 " up" }' | ip -n "$g" -batch -
    done
}

# ---- command text for one host (i = host number), n wire ends --------------------------------------------

ip_add_lines() { # i n [extra link options, e.g. "group 7"]
    awk -v n="$2" -v v0=$VNI0 -v r="$(peer_ul "$1")" -v extra="${3:-}" 'BEGIN {
        for (i = 1; i <= n; i++) {
            printf "link add vx%d %s type vxlan id %d dstport 4789 remote %s dev ul0 nolearning udpcsum\n", v0 + i, extra, v0 + i, r
            printf "link set vx%d up\n", v0 + i
        } }'
}
tc_add_lines() { # i n
    awk -v n="$2" -v v0=$VNI0 'BEGIN {
        for (i = 1; i <= n; i++) {
            vx = "vx" (v0 + i); ve = "ve" i
            printf "qdisc add dev %s ingress\n", vx
            printf "qdisc replace dev %s ingress\n", ve  # idempotent, keeps filters: the veth may have had a wire before
            printf "filter add dev %s parent ffff: protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev %s\n", ve, vx
            printf "filter add dev %s parent ffff: protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev %s\n", vx, ve
        } }'
}
ip_del_lines() { awk -v n="$2" -v v0=$VNI0 'BEGIN { for (i = 1; i <= n; i++) printf "link del vx%d\n", v0 + i }'; }
ip_group_lines() { awk -v n="$2" -v v0=$VNI0 -v g="$3" 'BEGIN { for (i = 1; i <= n; i++) printf "link set dev vx%d group %d\n", v0 + i, g }'; }
tc_filter_del_lines() { awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) printf "filter del dev ve%d parent ffff:\n", i }'; }
tc_qdisc_del_lines() { awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) printf "qdisc del dev ve%d ingress\n", i }'; }

# ---- methods (each: both hosts, one after the other, like two agents on one CPU budget) -------------------

create_batch() { local n=$1 i; for i in 1 2; do ip_add_lines $i "$n" | ip -n "$(host $i)" -batch -; tc_add_lines $i "$n" | tc -n "$(host $i)" -batch -; done; }
create_batch_parallel() { # both hosts at once, as two agents would (2 cores here)
    local n=$1 i
    for i in 1 2; do
        { ip_add_lines $i "$n" | ip -n "$(host $i)" -batch -; tc_add_lines $i "$n" | tc -n "$(host $i)" -batch -; } &
    done
    wait
}
create_batch_group() { local n=$1 i; for i in 1 2; do ip_add_lines $i "$n" "group 7" | ip -n "$(host $i)" -batch -; tc_add_lines $i "$n" | tc -n "$(host $i)" -batch -; done; }
create_onebyone() {
    local n=$1 i h
    for i in 1 2; do
        h=$(host $i)
        { ip_add_lines $i "$n" | sed 's/^/ip /'; tc_add_lines $i "$n" | sed 's/^/tc /'; } | while read -r tool args; do
            $tool -n "$h" $args
        done
    done
}
create_per_end() { # what an agent applying one wire at a time does: two processes per wire end
    local n=$1 i h k ipl tcl
    for i in 1 2; do
        h=$(host $i)
        mapfile -t ipl < <(ip_add_lines $i "$n")
        mapfile -t tcl < <(tc_add_lines $i "$n")
        for ((k = 0; k < n; k++)); do
            printf '%s\n' "${ipl[@]:$((2 * k)):2}" | ip -n "$h" -batch -
            printf '%s\n' "${tcl[@]:$((4 * k)):4}" | tc -n "$h" -batch -
        done
    done
}
create_ip_batch_only() { local n=$1 i; for i in 1 2; do ip_add_lines $i "$n" | ip -n "$(host $i)" -batch -; done; }

remove_onebyone() { # ip link del per end, tc filter del per veth
    local n=$1 i h
    for i in 1 2; do
        h=$(host $i)
        { ip_del_lines $i "$n" | sed 's/^/ip /'; tc_filter_del_lines $i "$n" | sed 's/^/tc /'; } | while read -r tool args; do
            $tool -n "$h" $args
        done
    done
}
remove_batch_del() { local n=$1 i; for i in 1 2; do ip_del_lines $i "$n" | ip -n "$(host $i)" -batch -; tc_filter_del_lines $i "$n" | tc -n "$(host $i)" -batch -; done; }
remove_group() { # tag the ends with a group in one batch, delete the group in one request
    local n=$1 i
    for i in 1 2; do
        ip_group_lines $i "$n" 9 | ip -n "$(host $i)" -batch -
        ip -n "$(host $i)" link del group 9
        tc_filter_del_lines $i "$n" | tc -n "$(host $i)" -batch -
    done
}
remove_one_batch() { # the recommended way: one ip -batch (tag + delete the group), one tc -batch (filters)
    local n=$1 i
    for i in 1 2; do
        { ip_group_lines $i "$n" 9; echo "link del group 9"; } | ip -n "$(host $i)" -batch -
        tc_filter_del_lines $i "$n" | tc -n "$(host $i)" -batch -
    done
}
remove_one_batch_parallel() { # remove_one_batch on both hosts at once
    local n=$1 i
    for i in 1 2; do
        {
            { ip_group_lines $i "$n" 9; echo "link del group 9"; } | ip -n "$(host $i)" -batch -
            tc_filter_del_lines $i "$n" | tc -n "$(host $i)" -batch -
        } &
    done
    wait
}
remove_group_qdisc() { # as remove_group, but drop the veths' ingress qdiscs (and with them their filters)
    local n=$1 i
    for i in 1 2; do
        ip_group_lines $i "$n" 9 | ip -n "$(host $i)" -batch -
        ip -n "$(host $i)" link del group 9
        tc_qdisc_del_lines $i "$n" | tc -n "$(host $i)" -batch -
    done
}
remove_group_only() { local n=$1 i; for i in 1 2; do ip -n "$(host $i)" link del group 7; done; }
remove_group_nofilter() { local n=$1 i; for i in 1 2; do ip_group_lines $i "$n" 9 | ip -n "$(host $i)" -batch -; ip -n "$(host $i)" link del group 9; done; }
remove_filters_batch() { local n=$1 i; for i in 1 2; do tc_filter_del_lines $i "$n" | tc -n "$(host $i)" -batch -; done; }
remove_veth_group() { # not wire ends: shows that group deletion works on veth pairs too
    local n=$1 i
    for i in 1 2; do
        seq 1 "$n" | awk '{ print "link set dev ve" $1 " group 5" }' | ip -n "$(host $i)" -batch -
        ip -n "$(host $i)" link del group 5
    done
}
remove_netns() { # delete both host namespaces; done when the underlay bridge has lost both host ports
    local n=$1 i
    for i in 1 2; do ip netns del "$(host $i)"; done
    while ip -n "$U" -o link show | grep -qE ' h[12]@'; do sleep 0.005; done
}

reset_ends() { # untimed: remove whatever wire ends are left (-force: go on past the ones already gone)
    local i
    for i in 1 2; do
        ip_del_lines $i "$N" | ip -force -n "$(host $i)" -batch - 2>/dev/null || true
        tc_qdisc_del_lines $i "$N" | tc -force -n "$(host $i)" -batch - 2>/dev/null || true
    done
}

# ---- bookkeeping -------------------------------------------------------------------------------------------

ROWS=$(mktemp)
timed() { # phase method n function: run it, keep "phase|method|ops|seconds"
    local phase=$1 method=$2 n=$3 fn=$4 t0 t1 sec ops
    t0=$(vwb_now); $fn "$n"; t1=$(vwb_now)
    sec=$(vwb_elapsed "$t0" "$t1"); ops=$((2 * n))
    echo "$phase|$method|$ops|$sec" >>"$ROWS"
    echo "# $phase $method: $ops ends in $sec s (load $(vwb_load))" >&2
}
count_vx() { ip -n "$(host "$1")" -o link show type vxlan | wc -l; }
count_filters() { # mirred filters left on the veths of host i
    local i=$1 n=$2
    seq 1 "$n" | awk '{ print "filter show dev ve" $1 " ingress" }' | tc -n "$(host "$i")" -batch - 2>/dev/null | grep -c 'mirred' || true
}
expect() { # what count want
    if [ "$2" != "$3" ]; then echo "# CHECK FAILED: $1 is $2, expected $3" >&2; fi
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, kernel $(uname -r), $N wires ($((2 * N)) wire ends on 2 hosts), $ROUNDS rounds of the batch methods, one of the one-by-one ones ($((2 * SLOW_N)) ends), load $(vwb_load)" >&2

t0=$(vwb_now); build_hosts "$N"; t1=$(vwb_now)
echo "# setup: 2 hosts with $N guest veths each in $(vwb_elapsed "$t0" "$t1") s" >&2

# A. the slow ways, once: one process per command, and ip -batch of "link del" lines
timed create "one process per command (ip, tc): 6 per end" "$SLOW_N" create_onebyone
timed remove "ip link del one by one (+ tc filter del each)" "$SLOW_N" remove_onebyone
reset_ends
timed create "per wire end: one ip -batch + one tc -batch" "$SLOW_N" create_per_end
timed remove "ip -batch of link del lines (+ tc -batch filter del)" "$SLOW_N" remove_batch_del
reset_ends
expect "vxlan devices on host 1" "$(count_vx 1)" 0

# B. the batch ways, ROUNDS times
for ((round = 1; round <= ROUNDS; round++)); do
    timed create "ip -batch + tc -batch (the floor)" "$N" create_batch
    expect "vxlan devices on host 1" "$(count_vx 1)" "$N"
    timed remove "ip -batch set group, link del group, tc -batch filter del" "$N" remove_group
    expect "vxlan devices on host 1" "$(count_vx 1)" 0
    expect "filters left on host 1's veths" "$(count_filters 1 "$N")" 0

    timed create "ip -batch + tc -batch (the floor)" "$N" create_batch
    timed remove "one ip -batch: set group + del group; tc -batch filter del" "$N" remove_one_batch
    expect "vxlan devices on host 1" "$(count_vx 1)" 0
    expect "filters left on host 1's veths" "$(count_filters 1 "$N")" 0

    timed create "ip -batch + tc -batch, both hosts at once" "$N" create_batch_parallel
    expect "vxlan devices on host 2" "$(count_vx 2)" "$N"
    timed remove "one ip -batch + tc -batch as above, both hosts at once" "$N" remove_one_batch_parallel
    expect "vxlan devices on host 2" "$(count_vx 2)" 0
    expect "filters left on host 2's veths" "$(count_filters 2 "$N")" 0

    timed create "ip -batch + tc -batch (the floor)" "$N" create_batch
    timed remove "ip -batch set group, link del group, tc -batch qdisc del" "$N" remove_group_qdisc
    expect "vxlan devices on host 1" "$(count_vx 1)" 0

    timed create "ip -batch with group at creation + tc -batch" "$N" create_batch_group
    timed remove "link del group only (group set at creation)" "$N" remove_group_only
    expect "vxlan devices on host 1" "$(count_vx 1)" 0
    left=$(count_filters 1 "$N")
    if [ "$round" = 1 ]; then
        echo "# caveat: after deleting the vxlan devices, $left of $N veth filters (mirred to the deleted vx) are still there" >&2
        tc -n "$(host 1)" filter show dev ve1 ingress | sed 's/^/#   ve1: /' >&2
    fi
    timed remove "tc -batch filter del (what the group delete leaves)" "$N" remove_filters_batch
    expect "filters left on host 1's veths" "$(count_filters 1 "$N")" 0

    timed create "ip -batch only (vxlan devices, no tc)" "$N" create_ip_batch_only
    timed remove "ip -batch set group, link del group (no tc)" "$N" remove_group_nofilter
    timed remove "guest veths: ip -batch set group, link del group" "$N" remove_veth_group
    expect "veths on host 1" "$(ip -n "$(host 1)" -o link show type veth | grep -c ' ve[0-9]*@' || true)" 0
    add_veths "$N"
    timed create "ip -batch + tc -batch (the floor)" "$N" create_batch
    timed remove "ip netns del of both hosts (+ their $N guest veths each)" "$N" remove_netns
    [ "$round" -lt "$ROUNDS" ] && build_hosts "$N"
done

if [ -n "$APPLIANCE" ]; then
    . "$HERE/appliance.sh"
    vwb_cleanup # the hand-built hosts use the same underlay addresses: out of the way first
    appliance_wires "$N" "$ROUNDS"
fi

# table: one row per method, median seconds over its runs (all runs listed)
printf '%-7s %-60s %5s %8s %7s  %s\n' phase method ops seconds ms/op "runs (s)"
awk -F'|' '
    function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { k = $1 "|" $2; if (!(k in runs)) { order[++n] = k; ops[k] = $3 }; runs[k] = runs[k] " " $4 }
    END {
        for (i = 1; i <= n; i++) {
            k = order[i]; split(k, f, "|"); m = median(runs[k])
            printf "%-7s %-60s %5d %8.3f %7.3f  %s\n", f[1], f[2], ops[k], m, 1000 * m / ops[k], substr(runs[k], 2)
        }
    }' "$ROWS"
rm -f "$ROWS"
