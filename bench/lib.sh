#!/usr/bin/env bash
# Shared helpers for the bench/ harness: namespace bookkeeping, cleanup, table printing.
# Every namespace a benchmark makes starts with $VWB (default "vwb-") and is removed on exit.

VWB=${VWB:-vwb-}

# Namespaces made by this run, removed by vwb_cleanup. Each script narrows the prefix (throughput: vwb-t-,
# wires: vwb-w-) so that cleanup by prefix never touches another script's namespaces.
VWB_NS=()

vwb_require_root() {
    if [ "$(id -u)" != 0 ]; then
        echo "run as root (network namespaces)" >&2
        exit 1
    fi
}

vwb_ns() { # name: create a namespace with loopback up, remember it for cleanup
    ip netns add "$1"
    VWB_NS+=("$1")
    ip -n "$1" link set lo up
}

vwb_cleanup() { # remove every namespace with this script's prefix (also on failure, also from subshells)
    local ns
    for ns in $(ip netns list | awk -v p="$VWB" 'index($1, p) == 1 { print $1 }'); do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
        ip netns del "$ns" 2>/dev/null
    done
    VWB_NS=()
}

vwb_now() { date +%s.%N; }

vwb_elapsed() { # start end -> seconds with 3 decimals
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'
}

vwb_load() { awk '{ print $1 }' /proc/loadavg; }

vwb_wait_idle() { # wait (max $1 s, default 60) until the 1-min load drops below $2 (default 0.8)
    local max=${1:-60} limit=${2:-0.8} i
    for ((i = 0; i < max; i += 5)); do
        awk -v l="$(vwb_load)" -v m="$limit" 'BEGIN { exit !(l < m) }' && return 0
        sleep 5
    done
    echo "# note: load still $(vwb_load) after ${max}s, numbers may be noisy" >&2
}

vwb_busy() { # percent of CPU busy over the next $1 seconds (default 1), whoever uses it
    local a b
    a=($(head -1 /proc/stat)); sleep "${1:-1}"; b=($(head -1 /proc/stat))
    local i tot=0 idle
    for i in 1 2 3 4 5 6 7 8; do tot=$((tot + b[i] - a[i])); done
    idle=$((b[4] - a[4] + b[5] - a[5]))
    echo $(( tot > 0 ? 100 * (tot - idle) / tot : 0 ))
}

vwb_wait_quiet() { # wait up to $1 s (default 20) until the CPU is at most $2 % busy (default 15) over 1 s;
    # prints the last busy figure (what the next measurement starts with)
    local max=${1:-20} limit=${2:-15} t=0 b
    while :; do
        b=$(vwb_busy 1)
        if [ "$b" -le "$limit" ] || [ $t -ge "$max" ]; then echo "$b"; return; fi
        t=$((t + 1))
    done
}

# iperf3 between two namespaces, SECONDS_PER_RUN seconds at nice NICE (throughput.sh, cross-cloud.sh)
iperf_once() { # client-ns server-ns server-addr streams -> Gbit/s (received), retransmits, CPU %
    local c=$1 s=$2 addr=$3 p=$4 pidfile json
    pidfile=$(mktemp); json=$(mktemp)
    ip netns exec "$s" nice -n "$NICE" iperf3 -s -1 -D -I "$pidfile" >/dev/null
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$pidfile" ] && break; sleep 0.1; done
    local pid; pid=$(tr -d '\0' <"$pidfile")  # iperf3 -1 removes its pid file when it exits
    # iperf3 3.12 can hang spinning after a test (seen with -P 2): bound it
    ip netns exec "$c" timeout -k 5 $((SECONDS_PER_RUN + 30)) nice -n "$NICE" iperf3 -c "$addr" -t "$SECONDS_PER_RUN" -P "$p" -J >"$json" || true
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    # Gbit/s received, retransmits, CPU of both iperf3 processes in % of one core (user+sys, which includes
    # the softirq work done in their context: most of the data plane here)
    jq -r '"\((.end.sum_received.bits_per_second // 0) / 1e9 * 100 | round / 100) \(.end.sum_sent.retransmits // 0) \((.end.cpu_utilization_percent.host_total // 0) + (.end.cpu_utilization_percent.remote_total // 0) | round)"' "$json"
    rm -f "$pidfile" "$json"
}

# The tables the migration harnesses print (migration.sh, migration-timeline.sh, cross-migration.sh): python3 on
# the program on stdin, with these defined first: out (the folder of records, $1), n (the number of runs, $2),
# q(v, p) (the p-quantile of v, interpolated between neighbours) and record(f) (the migration record in file f,
# which the console prints after other lines; None, said on stdout, if it has none).
vwb_py_table() { # out n
    {
        printf '%s\n' 'import json, sys' 'out, n = sys.argv[1], int(sys.argv[2])' 'def q(v, p):' \
            '    v = sorted(v); k = (len(v) - 1) * p; f = int(k); c = min(f + 1, len(v) - 1)' \
            '    return v[f] + (v[c] - v[f]) * (k - f)' \
            'def record(f):' \
            '    text = open(f).read()' \
            '    try:' \
            '        return json.loads(text[text.index("{"):])' \
            '    except ValueError:' \
            '        print(f"unreadable: {f}: {text[:200]}")'
        cat
    } | python3 - "$@"
}

# The appliance ./run.sh started (target/appliance; call from the repository's root), for migration.sh and
# migration-timeline.sh: defines client (one console command, its output), exits unless the appliance runs the
# example topology (host h1).
vwb_example_appliance() { # the appliance ./run.sh started, or the one in $VW_HOME (its prefix in $VW_PREFIX)
    home=${VW_HOME:-target/appliance}
    jh=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
    client() { echo "$*" | JAVA_HOME=$jh "$home/bin/client" -u karaf -p karaf -b 2>/dev/null | grep -v '^Closed' || true; }
    client "vw:host-list" | grep -q '^h1 ' || { echo "start the appliance first: ./run.sh"; exit 1; }
}

vwb_restore_example() { # web2 and sw1 back home, the example topology applied again (after vwb_example_appliance)
    client "vw:guest-migrate web2 h2" >/dev/null; client "vw:guest-migrate sw1 h1" >/dev/null
    client "vw:topology-apply $(realpath examples/two-hosts.yaml)" >/dev/null
}

# Topologies of the harnesses that start an appliance of their own with appliance.sh (cross-cloud.sh,
# cross-migration.sh); these need its appliance_cli and APPL_TMP.
vwb_two_clouds() { # file e w k n, guests and wires on stdin: writes a topology of clouds local, e and w, each
    # with a gateway also on the network between clouds: e on 198.18.<n>1.0/24 with hosts e1..e<k> and egw
    # (public 198.19.<n>.1), w on 198.18.<n>2.0/24 with hosts w1 and wgw (public 198.19.<n>.2)
    local file=$1 e=$2 w=$3 k=$4 n=$5 i
    {
        echo "clouds:"
        echo "  - {name: local, driver: local}"
        echo "  - {name: $e, driver: local, properties: {subnet: 198.18.${n}1.0/24}}"
        echo "  - {name: $w, driver: local, properties: {subnet: 198.18.${n}2.0/24}}"
        echo "hosts:"
        for ((i = 1; i <= k; i++)); do
            echo "  - {name: $e$i, cloud: $e, address: 198.18.${n}1.$i}"
        done
        echo "  - {name: ${e}gw, cloud: $e, address: 198.18.${n}1.254, public: 198.19.$n.1}"
        echo "  - {name: ${w}1, cloud: $w, address: 198.18.${n}2.1}"
        echo "  - {name: ${w}gw, cloud: $w, address: 198.18.${n}2.254, public: 198.19.$n.2}"
        cat
    } >"$file"
}

vwb_apply_topology() { # file: vw:topology-apply; what the appliance says besides "created" goes to stderr as comments
    echo "vw:topology-apply $1" | appliance_cli | grep -iv '^created' | sed 's/^/# appliance: /' >&2 || true
}

vwb_clear_topology() { # removes what vwb_apply_topology applied: every guest and host; the clouds stay, empty
    printf 'clouds:\n  - {name: local, driver: local}\n' >"$APPL_TMP/empty.yaml"
    echo "vw:topology-apply $APPL_TMP/empty.yaml" | appliance_cli >/dev/null
}
