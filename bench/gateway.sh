#!/usr/bin/env bash
# Gateway forwarding rate on one core, beside the kernel and a naive java.nio relay (issue 4).
#
#   bench/gateway.sh [SECONDS] [RUNS]   (root; build first: mvn -o -q -B install -DskipTests; GRO_ROWS=1 adds the
#   GRO rows; ROWS=xdp keeps only the kernel's and the AF_XDP rows; XDP_SCHED below)
#
# Three namespaces: src (load generator, CPU 1) -- rtr (the forwarder under test, CPU 0) -- dst (sink).
#   src 198.18.71.1 --veth-- 198.18.71.2 rtr 198.18.72.1 --veth-- dst, which drops everything sent to 198.18.72.9
# (a static neighbour in rtr, no such address in dst, forwarding off there: the cheapest sink). RPS steers rtr's
# receive processing to CPU 0 as well, so the forwarder's core does all of the forwarding work: the kernel's
# stack, the relay, and the sink's receive; the generator's core only sends.
# Rows, each with 64- and 1400-byte inner frames (UDP payload = 8 + frame, plus the tunnel header where a
# gateway adds one):
#   kernel          ip_forward in rtr, the generator sends straight to the sink through it
#   naive java.nio  NaiveRelay.java in rtr: one receive and one send per datagram
#   gateway plain   host -> gateway -> peer gateway, plain tunnel (encap: header added, one copy)
#   gateway decap   peer gateway -> gateway -> host, plain tunnel (header stripped, zero copy); here the
#                   gateway's public address is rtr's side towards src and its private one towards dst
#   gateway AES-GCM / ChaCha20-Poly1305   host -> gateway -> peer gateway, sealed
#   ... AF_XDP generic / native   the same gateway with its AF_XDP fast path (xdp=true): the XDP filter on
#                   rtr's interfaces hands the gateway's datagrams to AF_XDP sockets. native (xdp.mode=native,
#                   the veth driver's XDP, what auto picks): rtr's veths then take frames in NAPI mode; their
#                   NAPI runs threaded and pinned to CPU 0 (XDP_SCHED below), so this work stays on the
#                   forwarder's core too (without, it would run on the generator's core). generic
#                   (xdp.mode=generic): XDP runs in the kernel's receive path, in softirq on CPU 0 like the
#                   kernel's forwarding. XDP_MODES="native generic" (default) picks the modes measured.
# Besides packets/s each row has CPU 0's busy share during its best run and CPU 0 time per packet (the
# forwarder's whole cost on its core): the kernel's row is often capped by the generator, not by CPU 0.
# The generator (udpgen.c, sendmmsg) offers a sweep of rates; a row's figure is the best delivered rate, i.e.
# what the forwarder sustains before overload takes it down, best of RUNS sweeps (the machine is shared: other
# work only ever lowers a figure). Delivered = packets counted at dst's interface. rtr's egress has UDP
# segmentation offload off, so the gateway's GSO batches are cut into datagrams before dst counts them (as by a
# NIC without USO). The machine is shared, so the userspace forwarders' relaying thread runs SCHED_FIFO (the rest
# of their JVM at nice -10) and the generator at nice -20: other users' processes then take little from them,
# much as the kernel's forwarding, which runs in softirq context ahead of any process, is never held up by them.
# A last section turns on GRO at rtr's ingress (veth in NAPI mode) for the kernel and for the gateway (UDP_GRO).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
. bench/lib.sh
vwb_require_root
SECONDS_PER_RUN=${1:-4}
RUNS=${2:-3}
VWB=vgb$$-
SRC=${VWB}src RTR=${VWB}rtr DST=${VWB}dst
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA=$JAVA_HOME/bin/java
work=$(mktemp -d /tmp/vgb.XXXXXX)
fwd_pid=
cleanup() {
    if [ -n "$fwd_pid" ]; then kill "$fwd_pid" 2>/dev/null || true; fi
    vwb_cleanup
    rm -rf "$work"
}
trap cleanup EXIT

gcc -O2 -o "$work/udpgen" bench/gateway/udpgen.c
mvn -o -q -B dependency:build-classpath -pl bundles/gateway -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
# the worktree's own core first: ~/.m2 may hold another checkout's build of the same SNAPSHOT
CP="$repo/bundles/gateway/target/classes:$repo/bundles/core/target/classes:$(cat "$work/cp")"
mkdir "$work/classes"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$CP" bench/gateway/GatewayBenchMain.java bench/gateway/NaiveRelay.java
CP="$work/classes:$CP"

vwb_ns "$SRC"; vwb_ns "$RTR"; vwb_ns "$DST"
ip -n "$SRC" link add s0 type veth peer name r0 netns "$RTR"
ip -n "$RTR" link add r1 type veth peer name d0 netns "$DST"
ip -n "$SRC" addr add 198.18.71.1/24 dev s0
ip -n "$RTR" addr add 198.18.71.2/24 dev r0
ip -n "$RTR" addr add 198.18.72.1/24 dev r1
ip -n "$DST" addr add 198.18.72.2/24 dev d0
for l in "$SRC s0" "$RTR r0" "$RTR r1" "$DST d0"; do set -- $l; ip -n "$1" link set "$2" up; done
ip -n "$SRC" route add 198.18.72.0/24 via 198.18.71.2
ip -n "$DST" route add 198.18.71.0/24 via 198.18.72.1
dmac=$(ip -n "$DST" -br link show d0 | awk '{ print $3 }')
ip -n "$RTR" neigh add 198.18.72.9 lladdr "$dmac" dev r1 nud permanent
ip netns exec "$RTR" sh -c 'echo 1 > /sys/class/net/r0/queues/rx-0/rps_cpus'
ip netns exec "$DST" sh -c 'echo 1 > /sys/class/net/d0/queues/rx-0/rps_cpus'
ip netns exec "$DST" sysctl -qw net.ipv4.ip_forward=0
ip netns exec "$RTR" ethtool -K r1 tx-udp-segmentation off
# the generator's first packets must not wait for ARP
ip netns exec "$SRC" ping -c1 -W2 198.18.71.2 >/dev/null
ip netns exec "$RTR" ping -c1 -W2 198.18.72.2 >/dev/null

delivered() { ip netns exec "$DST" cat /sys/class/net/d0/statistics/rx_packets; }

# gen FRAME TARGET_IP PORT SECONDS RATE [-t] -> prints packets delivered per second (and offered) for one run
cpu0() { awk '$1 == "cpu0" { print $2 + $3 + $4 + $6 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }

gen() { # ... -> delivered/s offered/s CPU-0-busy-share
    local frame=$1 ip=$2 port=$3 secs=$4 rate=$5 extra=${6:-}
    local before after sent c0 c1
    before=$(delivered)
    c0=$(cpu0)
    sent=$(ip netns exec "$SRC" nice -n -20 taskset -c 1 "$work/udpgen" -s 198.18.71.1 -D "$ip" -p "$port" -f "$frame" \
        -d "$secs" -r "$rate" $extra)
    c1=$(cpu0)
    sleep 0.3
    after=$(delivered)
    awk -v d=$((after - before)) -v s="$sent" -v t="$secs" -v c0="$c0" -v c1="$c1" 'BEGIN {
        split(c0, a, " "); split(c1, b, " "); busy = (b[2] - a[2]) ? (b[1] - a[1]) / (b[2] - a[2]) : 0
        printf "%d %d %.3f\n", d / t, s / t, busy }'
}

# sweep FRAME TARGET_IP PORT [-t] -> the best delivered rate over a range of offered rates (RUNS times), and the
# offered rate it was reached at
sweep() {
    local frame=$1 ip=$2 port=$3 extra=${4:-} best=0 best_offered=0 best_busy=0 r out d o b run
    gen "$frame" "$ip" "$port" 3 0 "$extra" >/dev/null # warm-up (JIT, ARP, caches)
    for run in $(seq 1 "$RUNS"); do
    for r in 100000 150000 200000 250000 300000 350000 400000 450000 500000 550000 600000 700000 0; do
        out=$(gen "$frame" "$ip" "$port" "$SECONDS_PER_RUN" "$r" "$extra")
        read -r d o b <<<"$out"
        if [ "$d" -gt "$best" ]; then best=$d; best_offered=$o; best_busy=$b; fi
        # past the knee: the delivered rate fell well below what was offered and below the best
        if [ "$d" -lt $((o * 8 / 10)) ] && [ "$d" -lt "$best" ]; then break; fi
    done
    done
    echo "$best $best_offered $best_busy"
}

veth_drops() { # frames the veths dropped so far: src's s0 (includes its peer r0's full receive ring), rtr's r0
    echo "s0 $(ip netns exec "$SRC" cat /sys/class/net/s0/statistics/tx_dropped)" \
        "r0 $(ip netns exec "$RTR" cat /sys/class/net/r0/statistics/rx_dropped)"
}

start_fwd() { # command...: the forwarder under test, in rtr, on CPU 0; waits for READY
    drops_before=$(veth_drops)
    ip netns exec "$RTR" nice -n -10 taskset -c 0 "$@" >"$work/fwd.out" 2>&1 &
    fwd_pid=$!
    for _ in $(seq 1 300); do
        if grep -q FAILED "$work/fwd.out"; then break; fi
        if grep -q READY "$work/fwd.out"; then
            realtime "$fwd_pid"
            return 0
        fi
        sleep 0.1
    done
    echo "forwarder did not start: $(cat "$work/fwd.out")" >&2
    exit 1
}

realtime() { # pid: its relaying thread (vw-gateway-*, naive-relay) runs SCHED_FIFO, as on a core of its own
    local t
    for t in /proc/"$1"/task/*; do
        case "$(cat "$t/comm")" in vw-gateway-*|naive-relay) chrt -f -p 10 "${t##*/}" ;; esac
    done
}

# XDP_SCHED: how the native AF_XDP rows share CPU 0 between the veths' NAPI threads and the relaying thread:
#   relay-rt (default)  relaying thread SCHED_FIFO (as in every userspace row), NAPI threads normal priority
#   napi-rt             NAPI threads SCHED_FIFO one above the relaying thread (softirq-like: they preempt it)
#   fair                both SCHED_OTHER at nice -10
XDP_SCHED=${XDP_SCHED:-relay-rt}
napi_on_cpu0() { # with an XDP program on them, rtr's veths take frames in NAPI: run it threaded, on CPU 0
    local dev t
    for dev in r0 r1; do
        ip netns exec "$RTR" sh -c "echo 1 > /sys/class/net/$dev/threaded"
    done
    for t in $(pgrep '^napi/r[01]-'); do
        taskset -p -c 0 "$t" >/dev/null
        if [ "$XDP_SCHED" = napi-rt ]; then chrt -f -p 11 "$t"; fi
        if [ "$XDP_SCHED" = fair ]; then renice -n -10 -p "$t" >/dev/null; fi # as the forwarder's JVM
    done
    if [ "$XDP_SCHED" = fair ]; then
        for t in /proc/"$fwd_pid"/task/*; do
            case "$(cat "$t/comm")" in vw-gateway-*) chrt -o -p 0 "${t##*/}" ;; esac
        done
    fi
}

stop_fwd() {
    kill "$fwd_pid" 2>/dev/null || true
    wait "$fwd_pid" 2>/dev/null || true
    fwd_pid=
    grep -hE 'READY|COUNTERS' "$work/fwd.out" | sed 's/^/    /' >&2 || true
    echo "    veth drops over the row (before -> after): $drops_before -> $(veth_drops)" >&2
}

results=()
row() { # name frame best offered busy
    results+=("$1|$2|$3|$4|$5")
    echo "  $1, $2-byte frames: $3 packets/s (offered $4, CPU 0 busy $5)" >&2
}

for frame in 64 1400; do
    echo "== frames of $frame bytes (load $(vwb_load))" >&2
    ip netns exec "$RTR" sysctl -qw net.ipv4.ip_forward=1
    out=$(sweep "$frame" 198.18.72.9 4789); row "kernel" "$frame" $out
    ip netns exec "$RTR" sysctl -qw net.ipv4.ip_forward=0

    if [ "${ROWS:-all}" = all ]; then
    start_fwd "$JAVA" -Xmx256m -cp "$CP" NaiveRelay 198.18.71.2 4789 198.18.72.9 4789
    out=$(sweep "$frame" 198.18.71.2 4789); row "naive java.nio relay" "$frame" $out
    stop_fwd

    for mode in plain AES-GCM ChaCha20-Poly1305; do
        start_fwd "$JAVA" -Xmx256m -cp "$CP" GatewayBenchMain encap 198.18.71.2 198.18.72.1 \
            198.18.71.1 198.18.72.9 "$mode" epoll
        out=$(sweep "$frame" 198.18.71.2 4789); row "gateway $mode" "$frame" $out
        stop_fwd
    done

    # decap: the gateway's public address faces the generator (on r0), its private one the sink (on r1)
    start_fwd "$JAVA" -Xmx256m -cp "$CP" GatewayBenchMain decap 198.18.72.1 198.18.71.2 \
        198.18.71.1 198.18.72.9 plain epoll
    out=$(sweep "$frame" 198.18.71.2 4889 -t); row "gateway decap plain" "$frame" $out
    stop_fwd
    fi

    for xmode in ${XDP_MODES:-native generic}; do
        for mode in plain AES-GCM; do
            start_fwd "$JAVA" -Dxdp=true -Dxdp.mode="$xmode" -Xmx256m -cp "$CP" GatewayBenchMain encap \
                198.18.71.2 198.18.72.1 198.18.71.1 198.18.72.9 "$mode" epoll
            if [ "$xmode" = native ]; then napi_on_cpu0; fi
            out=$(sweep "$frame" 198.18.71.2 4789); row "gateway $mode, AF_XDP $xmode" "$frame" $out
            stop_fwd
        done
        start_fwd "$JAVA" -Dxdp=true -Dxdp.mode="$xmode" -Xmx256m -cp "$CP" GatewayBenchMain decap \
            198.18.72.1 198.18.71.2 198.18.71.1 198.18.72.9 plain epoll
        if [ "$xmode" = native ]; then napi_on_cpu0; fi
        out=$(sweep "$frame" 198.18.71.2 4889 -t); row "gateway decap plain, AF_XDP $xmode" "$frame" $out
        stop_fwd
    done
done

if [ -n "${GRO_ROWS:-}" ]; then
# GRO at rtr's ingress: the kernel forwards as before (UDP GRO does not apply to forwarded datagrams unless
# rx-udp-gro-forwarding is on, which stays off), the gateway receives runs of datagrams as one (UDP_GRO)
ip netns exec "$RTR" ethtool -K r0 gro on
frame=1400
echo "== GRO on at rtr's ingress, frames of $frame bytes (load $(vwb_load))" >&2
ip netns exec "$RTR" sysctl -qw net.ipv4.ip_forward=1
out=$(sweep "$frame" 198.18.72.9 4789); row "kernel, GRO on" "$frame" $out
ip netns exec "$RTR" sysctl -qw net.ipv4.ip_forward=0
for mode in plain AES-GCM; do
    start_fwd "$JAVA" -Dgro=true -Xmx256m -cp "$CP" GatewayBenchMain encap 198.18.71.2 198.18.72.1 \
        198.18.71.1 198.18.72.9 "$mode" epoll
    out=$(sweep "$frame" 198.18.71.2 4789); row "gateway $mode, GRO on" "$frame" $out
    stop_fwd
done
fi

# the table: packets/s, Gbit/s of inner frames, and each row against the kernel with the same frame size
printf '\n| forwarder (one core) | frame B | packets/s | Gbit/s (frames) | vs kernel | offered at best | CPU 0 busy | CPU 0 ns/packet |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for frame in 64 1400; do
    kernel=0
    for r in "${results[@]}"; do
        IFS='|' read -r name f pps offered busy <<<"$r"
        [ "$f" = "$frame" ] || continue
        case "$name" in kernel*) kernel=$pps ;; esac
        awk -v n="$name" -v f="$f" -v p="$pps" -v k="$kernel" -v o="$offered" -v b="$busy" 'BEGIN {
            printf "| %s | %d | %d | %.2f | %.2f | %d | %.0f %% | %.0f |\n", n, f, p, p * f * 8 / 1e9, k ? p / k : 0, o,
                b * 100, p ? b * 1e9 / p : 0 }'
    done
done
echo "load average after the run: $(cat /proc/loadavg)"
