#!/usr/bin/env bash
# The main job: build VirtualWire, start the appliance (Karaf) on the embedded local cloud, apply the
# example topology (two hosts, a switch, three guests) and show traffic crossing the wires.
# Usage (as root): ./run.sh [topology.yaml]   |   ./run.sh stop (data plane kept)   |   ./run.sh teardown (all removed)
set -euo pipefail
cd "$(dirname "$0")"
home=$PWD/target/appliance
client() { echo "$*" | JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} "$home/bin/client" -u karaf -p karaf -b 2>&1 | grep -v '^Closed\|^$' || true; }

case "${1:-}" in
  stop)
    [ -x "$home/bin/stop" ] && "$home/bin/stop" && echo "Appliance stopped; its data plane keeps forwarding."
    exit 0 ;;
  teardown)
    [ -x "$home/bin/stop" ] && "$home/bin/stop" || true
    for ns in $(ip netns list | awk '{print $1}' | grep '^vw-'); do ip netns del "$ns"; done
    rm -rf "$home/data/virtualwire"
    echo "Appliance stopped, its namespaces and desired state removed."
    exit 0 ;;
esac
topology=$(realpath "${1:-examples/two-hosts.yaml}")

scripts/prerequisites.sh
echo "== Building (mvn install, tests skipped: run them with mvn -B verify)"
mvn -B -q install -DskipTests

if [ -x "$home/bin/status" ] && "$home/bin/status" >/dev/null 2>&1; then
  echo "== Stopping the appliance that is running"; "$home/bin/stop"; sleep 3
fi
echo "== Unpacking the appliance into $home (its data folder, and so the desired state, is kept)"
mkdir -p "$home"
# Karaf's bundle cache would keep the previous build's bundles: drop all of data/ but the desired state
[ -d "$home/data" ] && find "$home/data" -mindepth 1 -maxdepth 1 ! -name virtualwire -exec rm -rf {} +
tar -xzf assembly/target/virtualwire-*.tar.gz -C "$home" --strip-components=1 --exclude='*/data/*'
echo "== Starting Karaf"
"$home/bin/start"
for i in $(seq 1 90); do
  client "vw:cloud-list" | grep -q local && break
  sleep 2
done
client "vw:cloud-list" | grep -q local || { echo "The appliance did not come up: see $home/data/log/karaf.log"; exit 1; }

echo "== vw:topology-apply $topology"
client "vw:topology-apply $topology"
echo "== vw:wire-list"
client "vw:wire-list"
prefix=vw-
echo "== Traffic across the wires (web1 on h1 -> switch sw1 on h1 -> web2 and db1 on h2)"
for ip in 10.99.0.2 10.99.0.3; do
  ip netns exec ${prefix}g-web1 ping -c 3 -i 0.2 -W 1 "$ip" | grep -E 'transmitted'
done
echo "== vw:wire-list --counters"
client "vw:wire-list --counters"

if client "vw:migration-list" | grep -qv "not installed"; then
  echo "== Live migration while a 1 ms probe runs: container web2 h2 -> h3, switch sw1 h1 -> h3, and back"
  client "vw:host-list" | grep -q '^h3 ' || client "vw:host-add h3"
  client "vw:guest-migrate --probe web1/eth0 web2 h3"
  client "vw:guest-migrate --probe web1/eth0 --probe-to web2/eth0 sw1 h3"
  client "vw:guest-migrate web2 h2" | tail -1
  client "vw:guest-migrate sw1 h1" | tail -1
  echo "== vw:migration-list"
  client "vw:migration-list"
fi
cat <<MSG

The appliance is running. Console: $home/bin/client -u karaf -p karaf   (try vw:wire-list, vw:host-list)
Jolokia:  curl -u karaf:karaf http://localhost:8181/jolokia/read/org.virtualwire:type=wires,name=default
Stop it:  ./run.sh stop    (the wires keep forwarding)   or   ./run.sh teardown   (removes every namespace too)
MSG
