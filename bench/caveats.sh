#!/usr/bin/env bash
# Checks, with traffic, the kernel behaviours the wire-end removal methods depend on. Prints one line per
# check: OK/FAIL and what was seen. Two hosts over an underlay bridge, one guest each, one wire (as the product).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
vwb_require_root
VWB=${VWB}c-
trap vwb_cleanup EXIT
U=${VWB}u H1=${VWB}h1 H2=${VWB}h2 G1=${VWB}g1 G2=${VWB}g2
VNI=77

build() {
    vwb_cleanup
    vwb_ns "$U"; ip -n "$U" link add ul type bridge; ip -n "$U" link set ul up
    local i h g
    for i in 1 2; do
        h=${VWB}h$i g=${VWB}g$i
        vwb_ns "$h"; vwb_ns "$g"
        ip link add ul0 netns "$h" type veth peer name h$i netns "$U"
        ip -n "$U" link set h$i master ul up
        ip -n "$h" addr add 198.18.0.$i/15 dev ul0; ip -n "$h" link set ul0 up
        ip link add eth0 netns "$g" mtu 1450 type veth peer name ve1 netns "$h"
        ip -n "$g" addr add 10.99.0.$i/16 dev eth0; ip -n "$g" link set eth0 up; ip -n "$h" link set ve1 up
        tc -n "$h" qdisc add dev ve1 ingress
        wire_end $i
    done
}
wire_end() { # i: vx<vni> + filters both ways (filter "add", as a first version would)
    local h=${VWB}h$1
    ip -n "$h" link add vx$VNI type vxlan id $VNI dstport 4789 remote 198.18.0.$((3 - $1)) dev ul0 nolearning udpcsum
    ip -n "$h" link set vx$VNI up
    tc -n "$h" qdisc add dev vx$VNI ingress
    tc -n "$h" filter add dev ve1 parent ffff: protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev vx$VNI
    tc -n "$h" filter add dev vx$VNI parent ffff: protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev ve1
}
pings() { ip netns exec "$G1" ping -c 2 -i 0.2 -W 1 -q 10.99.0.2 >/dev/null 2>&1; }
report() { # ok? text
    if [ "$1" = 1 ]; then echo "OK    $2"; else echo "FAIL  $2"; fi
}
filters() { tc -n "$1" filter show dev ve1 ingress | grep -c mirred || true; }

build
pings && ok=1 || ok=0; report $ok "a wire built the product's way carries a ping"

ip -n "$H1" link del vx$VNI
n=$(filters "$H1")
report $([ "$n" = 1 ] && echo 1 || echo 0) "deleting vx$VNI leaves the veth's ingress filter in place ($n filter, mirred to: $(tc -n "$H1" filter show dev ve1 ingress | grep -o 'to device [^)]*'))"
wire_end 1 2>/dev/null || true
n=$(filters "$H1")
pings && ok=0 || ok=1
report $ok "re-creating the end with 'tc filter add' stacks a 2nd filter ($n now) behind the stale one: ping fails"
tc -n "$H1" filter del dev ve1 parent ffff:
tc -n "$H1" filter add dev ve1 parent ffff: protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev vx$VNI
pings && ok=1 || ok=0
report $ok "after 'tc filter del dev ve1 parent ffff:' and a fresh filter the wire works again"

h=$(tc -n "$H1" filter show dev ve1 ingress | grep -o 'fh [0-9a-f:]*::[0-9a-f]*' | awk '{ print $2 }')
ip -n "$H1" link del vx$VNI
ip -n "$H1" link add vx$VNI type vxlan id $VNI dstport 4789 remote 198.18.0.2 dev ul0 nolearning udpcsum
ip -n "$H1" link set vx$VNI up
tc -n "$H1" qdisc add dev vx$VNI ingress
tc -n "$H1" filter add dev vx$VNI parent ffff: protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev ve1
tc -n "$H1" filter replace dev ve1 parent ffff: protocol all prio 1 handle "$h" u32 match u32 0 0 action mirred egress redirect dev vx$VNI
n=$(filters "$H1")
pings && ok=1 || ok=0
report $ok "or 'tc filter replace ... handle $h' over the stale filter (filters now $n)"

ip -n "$H1" link set dev vx$VNI group 9
ip -n "$H1" link set dev ve1 group 9
ip -n "$H1" link del group 9
left=$(ip -n "$H1" -o link show | grep -cE ' (vx$VNI|ve1)[@:]' || true)
report $([ "$left" = 0 ] && echo 1 || echo 0) "'ip link del group 9' removes a vxlan device and a veth (both ends: guest's eth0 gone too: $(ip -n "$G1" -o link show | grep -c eth0 || true) left)"

ip -n "$H2" link set dev ul0 group 3
ip -n "$H2" link set dev vx$VNI group 3
out=$(ip -n "$H2" link del group 0 2>&1) && ok=0 || ok=1
report $ok "'ip link del group 0' (the default group) is refused: ${out:-accepted!}"

build
ip netns del "$H1"
for i in $(seq 1 200); do ip -n "$U" -o link show | grep -q ' h1@' || break; sleep 0.01; done
gone=$(ip -n "$G1" -o link show | grep -c eth0 || true)
report $([ "$gone" = 0 ] && echo 1 || echo 0) "deleting a host's namespace removes its veths, so its guests lose their NICs (guest eth0 left: $gone)"
