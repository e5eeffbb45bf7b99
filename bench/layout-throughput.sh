#!/usr/bin/env bash
# Guest-to-guest TCP throughput, iperf3 between two guests across two hosts over VXLAN + tc mirred: old layout (guest eth0 <-> host ve)
# vs new layout (guest eth0 <-> port, link <-> host ve, redirects in the guest). Namespaces vwb-l-* (removed after).
# Usage (as root): bench/layout-throughput.sh [ROUNDS]   (rounds alternate the layouts; iperf3 5 s, one stream)
P=vwb-l-
R="protocol all u32 match u32 0 0 action mirred egress redirect dev"
clean() { for ns in $(ip netns list | awk '{print $1}' | grep "^$P"); do ip netns del $ns; done; }
build() { # layout
  clean
  ip netns add ${P}u; ip -n ${P}u link add ul type bridge; ip -n ${P}u link set ul up
  for h in 1 2; do
    ip netns add ${P}h$h; ip netns exec ${P}h$h sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n ${P}u link add u$h type veth peer name ul0 netns ${P}h$h; ip -n ${P}u link set u$h master ul up
    ip -n ${P}h$h addr add 198.18.210.$h/24 dev ul0; ip -n ${P}h$h link set ul0 up
    ip netns add ${P}g$h; ip -n ${P}g$h link set lo up
    if [ $1 = old ]; then
      ip -n ${P}h$h link add ve1 mtu 1450 type veth peer name eth0 mtu 1450 netns ${P}g$h
    else
      ip -n ${P}g$h link add eth0 mtu 1450 type veth peer name p.1 mtu 1450 arp off
      ip -n ${P}g$h link set p.1 addrgenmode none; ip -n ${P}g$h link set p.1 up
      ip -n ${P}h$h link add ve1 mtu 1450 type veth peer name l1.x mtu 1450 arp off netns ${P}g$h
      ip -n ${P}g$h link set l1.x addrgenmode none; ip -n ${P}g$h link set l1.x up
      tc -n ${P}g$h qdisc add dev p.1 ingress; tc -n ${P}g$h qdisc add dev l1.x ingress
      tc -n ${P}g$h filter add dev p.1 ingress pref 10 handle 800::1 $R l1.x
      tc -n ${P}g$h filter add dev l1.x ingress pref 10 handle 1 protocol all bpf bytecode '1,6 0 0 4294967295,' action mirred egress redirect dev p.1
    fi
    ip -n ${P}h$h link set ve1 up
    ip -n ${P}g$h addr add 10.99.210.$h/24 dev eth0; ip -n ${P}g$h link set eth0 up
    o=$((3 - h))
    ip -n ${P}h$h link add vx1 type vxlan id 1 local 198.18.210.$h remote 198.18.210.$o dstport 4789 nolearning udpcsum
    ip -n ${P}h$h link set vx1 up
    tc -n ${P}h$h qdisc add dev ve1 ingress; tc -n ${P}h$h qdisc add dev vx1 ingress
    tc -n ${P}h$h filter add dev ve1 ingress pref 10 handle 800::1 $R vx1
    tc -n ${P}h$h filter add dev vx1 ingress pref 10 handle 800::1 $R ve1
  done
  ip netns exec ${P}g1 ping -c 2 -i 0.2 -q 10.99.210.2 >/dev/null || echo "no ping ($1)"
}
for round in $(seq 1 "${1:-3}"); do
  for layout in old new; do
    build $layout
    ip netns exec ${P}g2 iperf3 -s -1 -D >/dev/null 2>&1; sleep 0.3
    g=$(ip netns exec ${P}g1 iperf3 -c 10.99.210.2 -t 5 -J 2>/dev/null | python3 -c "import json,sys; print(round(json.load(sys.stdin)['end']['sum_received']['bits_per_second']/1e9,2))")
    echo "round $round $layout: $g Gbit/s  (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
clean
