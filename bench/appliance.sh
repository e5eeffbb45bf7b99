# Sourced by throughput.sh and wires.sh for --appliance DIR: the same measurements through the real
# VirtualWire appliance (an unpacked assembly), driven through its console with vw:topology-apply.
# Use a dedicated appliance: bench/appliance-unpack.sh prepares one that runs beside another (own namespace
# prefix, own ports) and removes its namespaces when stopped. It is started here if it is not running, and
# stopped again afterwards. Applying a topology removes what it does not list: never point this at an
# appliance that holds anything else.
#
# Settings (environment):
#   VW_NS_PREFIX   the appliance's namespace prefix (default: namespacePrefix from
#                  DIR/etc/org.virtualwire.driver.local.cfg, else vw-): guest G lives in namespace ${VW_NS_PREFIX}g-G
#   VW_USER/VW_PASSWORD  console login (default karaf/karaf)

VW_USER=${VW_USER:-karaf}
VW_PASSWORD=${VW_PASSWORD:-karaf}
APPL_H1=vwbh1 APPL_H2=vwbh2 APPL_G1=vwbg1 APPL_G2=vwbg2
APPL_STARTED=""
APPL_TMP=""

appliance_prefix() {
    local p
    p=$(sed -n 's/^[[:space:]]*namespacePrefix[[:space:]]*[=:][[:space:]]*\([^[:space:]]*\).*/\1/p' \
        "$APPLIANCE/etc/org.virtualwire.driver.local.cfg" 2>/dev/null | tail -1)
    echo "${p:-vw-}"
}

# Karaf's scripts want JAVA_HOME (bin/stop warns without it)
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

appliance_cli() { # commands on stdin, one per line; prints what they print (bin/client -b prints no results
    # of its own, commands print what they show)
    "$APPLIANCE/bin/client" -u "$VW_USER" -p "$VW_PASSWORD" -b 2>&1 | grep -v '^Closed\|^$' || true
}

appliance_up() { echo "vw:cloud-list" | appliance_cli | grep -q local; }

appliance_start() { # start it unless it runs; set VW_NS_PREFIX and a scratch folder
    [ -x "$APPLIANCE/bin/client" ] || { echo "--appliance $APPLIANCE: no bin/client there" >&2; exit 2; }
    VW_NS_PREFIX=${VW_NS_PREFIX:-$(appliance_prefix)}
    APPL_TMP=$(mktemp -d /tmp/vwb-appliance-bench.XXXXXX)
    if ! appliance_up; then
        echo "# starting the appliance in $APPLIANCE" >&2
        "$APPLIANCE/bin/start"
        APPL_STARTED=1
        local i
        for ((i = 0; i < 90; i++)); do appliance_up && break; sleep 2; done
        appliance_up || { echo "the appliance did not come up in 180 s: see $APPLIANCE/data/log/karaf.log" >&2; exit 1; }
    fi
}

appliance_stop() { # remove our hosts and guests (their kernel objects go with them), stop it if we started it
    local wires
    wires=$(echo "vw:wire-list --json" | appliance_cli | jq -r '.[]? | select((.a | startswith("vwb")) or (.b | startswith("vwb"))) | .id' 2>/dev/null || true)
    {
        for w in $wires; do echo "vw:wire-disconnect $w"; done
        echo "vw:guest-list --json" | appliance_cli | jq -r '.[]? | .name // .id | select(startswith("vwb")) | "vw:guest-remove " + .' 2>/dev/null || true
    } | appliance_cli | sed 's/^/# appliance: /' >&2
    printf '%s\n' "vw:host-remove $APPL_H1" "vw:host-remove $APPL_H2" | appliance_cli | sed 's/^/# appliance: /' >&2
    if [ -n "$APPL_STARTED" ]; then
        "$APPLIANCE/bin/stop" || true
        # an appliance we started and that has its own bench prefix (appliance-unpack.sh) leaves nothing behind
        # (its underlay namespace outlives its hosts); never touch another prefix's namespaces
        case "$VW_NS_PREFIX" in
            vwb-*) sleep 2; ip netns list | awk -v p="$VW_NS_PREFIX" 'index($1, p) == 1 { print $1 }' | xargs -r -n1 ip netns del ;;
        esac
    fi
    [ -n "$APPL_TMP" ] && rm -rf "$APPL_TMP"
    APPL_STARTED="" APPL_TMP=""
}

appliance_apply() { # file: vw:topology-apply (which waits until every host applied it); prints its seconds
    local t0 t1
    t0=$(vwb_now)
    echo "vw:topology-apply $1" | appliance_cli | grep -v '^Created\|^Removed' | sed 's/^/# appliance: /' >&2
    t1=$(vwb_now)
    vwb_elapsed "$t0" "$t1"
}

appliance_http_port() {
    local p
    p=$(sed -n 's/^[[:space:]]*org.osgi.service.http.port[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$APPLIANCE/etc/org.ops4j.pax.web.cfg" 2>/dev/null | tail -1)
    echo "${p:-8181}"
}

appliance_count_ends() { # host: finished wire ends there (the product writes the vx device's alias last)
    ip -n "${VW_NS_PREFIX}h-$1" -d -o link show type vxlan 2>/dev/null | grep -c 'alias vw:wire=' || true
}

appliance_apply_jolokia() { # file ends-wanted-per-host: the TopologyMBean's apply over Jolokia (no console JVM),
    # done when both hosts' kernels show that many finished wire ends; prints its seconds (or "-" on failure)
    local file=$1 want=$2 t0 t1 i out
    t0=$(vwb_now)
    out=$(jq -Rs '{type: "exec", mbean: "org.virtualwire:type=topology,name=default", operation: "apply", arguments: [.]}' "$file" |
        curl -s -u "$VW_USER:$VW_PASSWORD" -H 'Content-Type: application/json' -d @- "http://localhost:$(appliance_http_port)/jolokia")
    if [ "$(jq -r .status <<<"$out" 2>/dev/null)" != 200 ]; then
        echo "# appliance: Jolokia apply failed: $(head -c 300 <<<"$out")" >&2; echo "-"; return
    fi
    for ((i = 0; i < 6000; i++)); do
        [ "$(appliance_count_ends "$APPL_H1")" = "$want" ] && [ "$(appliance_count_ends "$APPL_H2")" = "$want" ] && break
        sleep 0.01
    done
    t1=$(vwb_now)
    vwb_elapsed "$t0" "$t1"
}

appliance_hosts_yaml() {
    printf 'hosts:\n  - {name: %s, address: 198.18.0.1}\n  - {name: %s, address: 198.18.0.2}\n' "$APPL_H1" "$APPL_H2"
}

# ---- throughput.sh: one wire between two guests, measured like the hand-built variants ----------------------

appliance_setup() {
    appliance_start
    local topo=$APPL_TMP/one-wire.yaml
    {
        echo "# written by bench/throughput.sh --appliance: one wire between two guests on two hosts"
        appliance_hosts_yaml
        cat <<YAML
guests:
  - {name: $APPL_G1, kind: container, host: $APPL_H1, nics: [{name: eth0, ip: 10.99.0.1/16}]}
  - {name: $APPL_G2, kind: container, host: $APPL_H2, nics: [{name: eth0, ip: 10.99.0.2/16}]}
wires:
  - [$APPL_G1/eth0, $APPL_G2/eth0]
YAML
    } >"$topo"
    local s g1=${VW_NS_PREFIX}g-$APPL_G1 i
    s=$(appliance_apply "$topo")
    for ((i = 0; i < 100; i++)); do
        ip netns exec "$g1" ping -c 1 -W 1 -q 10.99.0.2 >/dev/null 2>&1 && break
        sleep 0.1
    done
    ip netns exec "$g1" ping -c 1 -W 1 -q 10.99.0.2 >/dev/null 2>&1 ||
        { echo "# appliance: no ping from $g1 to 10.99.0.2 after applying $topo" >&2; appliance_stop; exit 1; }
    echo "# appliance: topology applied in $s s; its wire end on $APPL_H1:" >&2
    ip -d -n "${VW_NS_PREFIX}h-$APPL_H1" link show type vxlan | sed 's/^/#   /' >&2 || true
    tc -n "${VW_NS_PREFIX}h-$APPL_H1" filter show dev "$(ip -n "${VW_NS_PREFIX}h-$APPL_H1" -o link show type vxlan | awk -F'[:@ ]+' 'NR == 1 { print $2 }')" ingress | grep -E 'u32|bpf|flower|matchall|mirred' | sed 's/^/#   /' >&2 || true
}

appliance_measure() { # streams -> "Gbit/s retransmits cpu%"
    iperf_once "${VW_NS_PREFIX}g-$APPL_G1" "${VW_NS_PREFIX}g-$APPL_G2" 10.99.0.2 "$1"
}

appliance_teardown() { appliance_stop; }

# ---- wires.sh: N wires between two guests with N NICs each, applied and removed with topology files -------

appliance_wires_files() { # n: writes $APPL_TMP/nics.yaml (hosts, guests) and $APPL_TMP/wires.yaml (the same + wires)
    local n=$1
    {
        appliance_hosts_yaml
        echo "guests:"
        local g h
        for g in 1 2; do
            h=$([ $g = 1 ] && echo "$APPL_H1" || echo "$APPL_H2")
            echo "  - name: vwbg$g"
            echo "    kind: container"
            echo "    host: $h"
            echo "    nics:"
            seq 1 "$n" | awk '{ print "      - {name: p" $1 "}" }'
        done
    } >"$APPL_TMP/nics.yaml"
    { cat "$APPL_TMP/nics.yaml"; echo "wires:"; seq 1 "$n" | awk -v a="$APPL_G1" -v b="$APPL_G2" '{ print "  - [" a "/p" $1 ", " b "/p" $1 "]" }'; } \
        >"$APPL_TMP/wires.yaml"
}

appliance_count_vx() { ip -n "${VW_NS_PREFIX}h-$1" -o link show type vxlan 2>/dev/null | wc -l; }

appliance_count_filters() { # host: mirred filters on the host's veths (the guests' NICs): none once wires are gone
    local ns=${VW_NS_PREFIX}h-$1
    ip -n "$ns" -o link show type veth 2>/dev/null | awk -F'[:@ ]+' '{ print "filter show dev " $2 " ingress" }' |
        tc -n "$ns" -batch - 2>/dev/null | grep -c mirred || true
}

appliance_wires() { # n rounds: appends rows "phase|method|ops|seconds" to $ROWS like wires.sh's timed
    local n=$1 rounds=$2 r s t0 t1
    appliance_start
    appliance_wires_files "$n"
    s=$(appliance_apply "$APPL_TMP/nics.yaml")
    echo "# appliance: 2 hosts, 2 guests with $n NICs each applied in $s s (not a wire figure)" >&2
    t0=$(vwb_now); echo "vw:cloud-list" | appliance_cli >/dev/null; t1=$(vwb_now)
    echo "console|appliance: one bin/client call that changes nothing|1|$(vwb_elapsed "$t0" "$t1")" >>"$ROWS"
    for ((r = 1; r <= rounds; r++)); do
        s=$(appliance_apply_jolokia "$APPL_TMP/wires.yaml" "$n")
        echo "create|appliance: TopologyMBean apply over Jolokia, until the kernel has them|$((2 * n))|$s" >>"$ROWS"
        echo "# appliance: $n wires applied over Jolokia in $s s" >&2
        s=$(appliance_apply_jolokia "$APPL_TMP/nics.yaml" 0)
        echo "remove|appliance: TopologyMBean apply over Jolokia, until the kernel has them|$((2 * n))|$s" >>"$ROWS"
        echo "# appliance: $n wires removed over Jolokia in $s s; mirred filters left on $APPL_H1's veths: $(appliance_count_filters "$APPL_H1")" >&2
        s=$(appliance_apply "$APPL_TMP/wires.yaml")
        echo "create|appliance: vw:topology-apply adding $n wires (incl. console)|$((2 * n))|$s" >>"$ROWS"
        echo "# appliance: $n wires applied in $s s; vx devices: $(appliance_count_vx $APPL_H1) on $APPL_H1, $(appliance_count_vx $APPL_H2) on $APPL_H2" >&2
        s=$(appliance_apply "$APPL_TMP/nics.yaml")
        echo "remove|appliance: vw:topology-apply removing $n wires (incl. console)|$((2 * n))|$s" >>"$ROWS"
        echo "# appliance: $n wires removed in $s s; vx devices left: $(appliance_count_vx $APPL_H1) on $APPL_H1, $(appliance_count_vx $APPL_H2) on $APPL_H2; mirred filters left on $APPL_H1's veths: $(appliance_count_filters "$APPL_H1")" >&2
    done
    appliance_stop
}
