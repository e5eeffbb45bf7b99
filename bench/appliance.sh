# Sourced by throughput.sh for --appliance DIR: the same guest-to-guest measurement through the real
# VirtualWire appliance (an unpacked assembly). Two hosts, one guest on each, one wire between their eth0,
# applied with vw:topology-apply; iperf3 then runs in the guests' namespaces the appliance made.
# bench/appliance-unpack.sh prepares a DIR that runs beside another appliance (own prefix and ports); the
# appliance is started here if it is not running, and stopped again afterwards.
#
# Settings (environment):
#   VW_NS_PREFIX   the appliance's namespace prefix (default: namespacePrefix from
#                  DIR/etc/org.virtualwire.driver.local.cfg, else vw-): guest G lives in namespace ${VW_NS_PREFIX}g-G
#   VW_TOPOLOGY    a topology file to apply instead of the one written here (it must make guests
#                  $APPL_G1 and $APPL_G2 with eth0 addresses 10.99.0.1 and 10.99.0.2 and wire them)
#   VW_USER/VW_PASSWORD  console login (default karaf/karaf)

appliance_prefix() {
    local p
    p=$(sed -n 's/^[[:space:]]*namespacePrefix[[:space:]]*[=:][[:space:]]*\([^[:space:]]*\).*/\1/p' \
        "$APPLIANCE/etc/org.virtualwire.driver.local.cfg" 2>/dev/null | tail -1)
    echo "${p:-vw-}"
}
VW_USER=${VW_USER:-karaf}
VW_PASSWORD=${VW_PASSWORD:-karaf}
APPL_H1=vwbh1 APPL_H2=vwbh2 APPL_G1=vwbg1 APPL_G2=vwbg2
APPL_STARTED=""
APPL_TOPO=""

appliance_cli() { # commands on stdin, one per line; prints what they print (bin/client -b prints no results
    # of its own, commands print what they show)
    JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} \
        "$APPLIANCE/bin/client" -u "$VW_USER" -p "$VW_PASSWORD" -b 2>&1 | grep -v '^Closed\|^$' || true
}

appliance_up() { echo "vw:cloud-list" | appliance_cli | grep -q local; }

appliance_topology() { # the topology this benchmark applies (written to a file)
    cat <<YAML
# written by bench/throughput.sh --appliance: one wire between two guests on two hosts
hosts:
  - name: $APPL_H1
    cloud: local
    address: 198.18.0.1
  - name: $APPL_H2
    cloud: local
    address: 198.18.0.2
guests:
  - name: $APPL_G1
    kind: container
    host: $APPL_H1
    nics:
      - name: eth0
        ip: 10.99.0.1/16
  - name: $APPL_G2
    kind: container
    host: $APPL_H2
    nics:
      - name: eth0
        ip: 10.99.0.2/16
wires:
  - [$APPL_G1/eth0, $APPL_G2/eth0]
YAML
}

appliance_setup() {
    [ -x "$APPLIANCE/bin/client" ] || { echo "--appliance $APPLIANCE: no bin/client there" >&2; exit 2; }
    VW_NS_PREFIX=${VW_NS_PREFIX:-$(appliance_prefix)}
    if ! appliance_up; then
        echo "# starting the appliance in $APPLIANCE" >&2
        "$APPLIANCE/bin/start"
        APPL_STARTED=1
        local i
        for ((i = 0; i < 90; i++)); do appliance_up && break; sleep 2; done
        appliance_up || { echo "appliance did not come up in 180 s" >&2; exit 1; }
    fi
    if [ -n "${VW_TOPOLOGY:-}" ]; then
        APPL_TOPO=$VW_TOPOLOGY
    else
        APPL_TOPO=$(mktemp --suffix=.yaml)
        appliance_topology >"$APPL_TOPO"
    fi
    local t0 t1
    t0=$(vwb_now)
    echo "vw:topology-apply $APPL_TOPO" | appliance_cli | sed 's/^/# appliance: /' >&2
    local g1=${VW_NS_PREFIX}g-$APPL_G1 i
    for ((i = 0; i < 300; i++)); do
        ip netns exec "$g1" ping -c 1 -W 1 -q 10.99.0.2 >/dev/null 2>&1 && break
        sleep 0.1
    done
    t1=$(vwb_now)
    ip netns exec "$g1" ping -c 1 -W 1 -q 10.99.0.2 >/dev/null 2>&1 ||
        { echo "# appliance: no ping from $g1 to 10.99.0.2 after applying $APPL_TOPO" >&2; appliance_teardown; exit 1; }
    echo "# appliance: topology applied and pinging after $(vwb_elapsed "$t0" "$t1") s" >&2
    ip -d -n "${VW_NS_PREFIX}h-$APPL_H1" link show type vxlan | sed 's/^/# appliance h1: /' >&2 || true
}

appliance_measure() { # streams -> "Gbit/s retransmits"
    iperf_once "${VW_NS_PREFIX}g-$APPL_G1" "${VW_NS_PREFIX}g-$APPL_G2" 10.99.0.2 "$1"
}

appliance_teardown() { # remove what the topology made: its wire, its guests, then its hosts
    local wire
    wire=$(echo "vw:wire-list --json" | appliance_cli | jq -r --arg a "$APPL_G1/eth0" \
        '.[]? | select(.a == $a or .b == $a) | .id' 2>/dev/null | head -1 || true)
    {
        [ -n "$wire" ] && echo "vw:wire-disconnect $wire"
        printf '%s\n' "vw:guest-remove $APPL_G1" "vw:guest-remove $APPL_G2" "vw:host-remove $APPL_H1" "vw:host-remove $APPL_H2"
    } | appliance_cli | sed 's/^/# appliance: /' >&2 || true
    [ -z "${VW_TOPOLOGY:-}" ] && rm -f "$APPL_TOPO"
    if [ -n "$APPL_STARTED" ]; then "$APPLIANCE/bin/stop" || true; fi
}
