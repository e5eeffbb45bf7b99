#!/bin/bash
# End-to-end test of host agents as processes (issue 12, first piece), on the real distributions:
# a ZooKeeper server on loopback (the Maven jars), the controller (assembly/, ZooKeeper store, a local cloud with
# agents=process, so it runs no agent for its hosts), and one agent process (assembly-agent/) for each of h1 and
# h2. A wire c1(h1) <-> c2(h2) carries ping; kill -9 of h2's agent leaves it forwarding; restarted, the agent
# reconciles and leaves the VXLAN device and the guest's veth as they were (same ifindex).
# The agent processes run in the DEFAULT namespace (a host namespace cannot reach ZooKeeper on the default
# namespace's loopback) and change their host's namespace with ip netns exec, as in-process agents do.
# Run after `mvn -o -B -q install -DskipTests` (uses assembly/target and assembly-agent/target), as root, under
# flock /tmp/vw-itest.lock. Stops everything it started, by pid; removes its namespaces (prefix vq<pid>-).
set -u
ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}; export JAVA_HOME
M2=${M2:-$HOME/.m2/repository}
W=$(mktemp -d /tmp/vwagent.XXXXXX)
P=vq$$-
ZKPORT=$((22000 + $$ % 1000))
ZKROOT=/vwa$$
OFF=30
PIDS=()
fail() { echo "FAIL: $*"; exit 1; }
cleanup() {
  for p in "${PIDS[@]}"; do
    for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do kill -9 "$c" 2>/dev/null; done
    kill -9 "$p" 2>/dev/null
  done
  sleep 1
  for ns in $(ip netns list | awk '{print $1}' | grep "^$P"); do ip netns del "$ns"; done
  rm -rf "$W"
}
trap cleanup EXIT
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

# ZooKeeper, standalone, loopback
CP=$M2/org/apache/zookeeper/zookeeper/3.9.5/zookeeper-3.9.5.jar:$M2/org/apache/zookeeper/zookeeper-jute/3.9.5/zookeeper-jute-3.9.5.jar:$M2/org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar:$M2/commons-io/commons-io/2.17.0/commons-io-2.17.0.jar
mkdir -p "$W/zk"
printf 'tickTime=2000\ndataDir=%s\nclientPort=%s\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n' "$W/zk" $ZKPORT > "$W/zoo.cfg"
"$JAVA_HOME/bin/java" -cp "$CP" org.apache.zookeeper.server.ZooKeeperServerMain "$W/zoo.cfg" > "$W/zk.log" 2>&1 &
PIDS+=($!)
CONNECT=127.0.0.1:$ZKPORT

# The controller: the normal distribution, on the ZooKeeper store
mkdir -p "$W/ctl" && tar xzf "$ROOT_DIR"/assembly/target/virtualwire-0.1.0-SNAPSHOT.tar.gz -C "$W/ctl" --strip-components=1
E=$W/ctl/etc
for pid in org.virtualwire.driver.local org.virtualwire.host.linux; do sed -i "s/^namespacePrefix.*/namespacePrefix = $P/" "$E/$pid.cfg"; done
sed -i "s/^sshPort.*/sshPort = $((8101 + OFF))/" "$E/org.apache.karaf.shell.cfg"
sed -i -e "s/^rmiRegistryPort.*/rmiRegistryPort = $((1099 + OFF))/" -e "s/^rmiServerPort.*/rmiServerPort = $((44444 + OFF))/" "$E/org.apache.karaf.management.cfg"
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $((8181 + OFF))/" "$E/org.ops4j.pax.web.cfg"
printf 'connect.string = %s\nroot.path = %s\ncontroller.id = ctl\n' "$CONNECT" "$ZKROOT" > "$E/org.virtualwire.store.zookeeper.cfg"
(cd "$W/ctl" && exec bin/karaf server > "$W/ctl.out" 2>&1) &
PIDS+=($!)
ctl() { "$W/ctl/bin/client" -a $((8101 + OFF)) -u karaf -p karaf -r 30 -d 2 "$@" 2>/dev/null; }
deadline=$((SECONDS + 180))
until ctl "vw:wire-list" > /dev/null; do [ $SECONDS -lt $deadline ] || fail "controller console"; sleep 2; done
ctl "feature:install virtualwire-store-zookeeper" || fail "feature:install"
until ctl "vw:cluster-status" | grep -q "ctl LEADER"; do [ $SECONDS -lt $deadline ] || fail "controller leads on ZooKeeper"; sleep 1; done
echo "controller leads on ZooKeeper $CONNECT$ZKROOT"

cat > "$W/topo.yaml" <<YAML
clouds:
  - {name: pc, driver: local, properties: {subnet: 198.18.77.0/24, agents: process}}
hosts:
  - {name: h1, cloud: pc, address: 198.18.77.1}
  - {name: h2, cloud: pc, address: 198.18.77.2}
guests:
  - {name: c1, host: h1, nics: [{name: eth0, ip: 10.99.77.1/24}]}
  - {name: c2, host: h2, nics: [{name: eth0, ip: 10.99.77.2/24}]}
wires:
  - [c1/eth0, c2/eth0]
YAML
bad=$(ctl "vw:cloud-add --driver local -p agents=elsewhere bad")
echo "$bad" | grep -q "agents 'elsewhere' must be in-process" || fail "agents=elsewhere not refused: $bad"
echo "refused: $bad"
ctl "vw:topology-apply $W/topo.yaml" > "$W/apply.out" &  # waits for the agents, started below
sleep 3
[ -z "$(ip netns list | grep "^${P}h-")" ] || fail "the controller made host namespaces of an agents=process cloud: $(ip netns list | grep "^$P")"
echo "controller ran no agent for h1, h2 (no ${P}h-* namespace after apply)"

agent() { # host offset
  local d=$W/agent-$1
  if [ ! -d "$d" ]; then
    mkdir -p "$d" && tar xzf "$ROOT_DIR"/assembly-agent/target/virtualwire-agent-0.1.0-SNAPSHOT.tar.gz -C "$d" --strip-components=1
    "$d/bin/vw-agent-config" --hosts "$1" --connect "$CONNECT" --root "$ZKROOT" --prefix "$P" --ports-offset "$2" > /dev/null || fail "vw-agent-config"
  fi
  (cd "$d" && exec bin/karaf server >> "$W/agent-$1.out" 2>&1) &
  AGENT_PID=$!
  PIDS+=($AGENT_PID)
}
applied() { ctl "vw:cluster-status" | awk -v h="$1" '$1 == h {print $0}'; }
reported() { # host: prints the report's time column
  applied "$1" | awk '{print $2}'; }

t0=$(now)
agent h1 $((OFF + 1)); A1=$AGENT_PID
agent h2 $((OFF + 2)); A2=$AGENT_PID
deadline=$((SECONDS + 180))
until applied h2 | grep -q " UP"; do [ $SECONDS -lt $deadline ] || fail "h2's agent process report"; sleep 0.5; done
echo "agent h2: start to first UP report $(since $t0) s"
until applied h1 | grep -q " UP"; do [ $SECONDS -lt $deadline ] || fail "h1's agent process report"; sleep 0.5; done
echo "agent h1: start to first UP report $(since $t0) s (both started together)"
ctl "vw:cluster-status"
until ip netns exec ${P}g-c1 ping -c1 -W1 10.99.77.2 > /dev/null; do [ $SECONDS -lt $deadline ] || fail "ping c1 -> c2"; sleep 0.5; done
echo "wire c1(h1, agent process) <-> c2(h2, agent process) carries ping"

vx() { ip -n ${P}h-h2 -o link show type vxlan | awk -F: '{print $1 ":" $2}' | tr -d ' ' | sort | tr '\n' ' '; }
veth() { ip -n ${P}h-h2 -o link | awk -F: '{print $1 ":" $2}' | tr -d ' ' | sort | tr '\n' ' '; }
before_vx=$(vx); before_links=$(veth)
echo "h2 links before: $before_links (vxlan: $before_vx)"

ip netns exec ${P}g-c1 ping -i 0.01 -W 1 10.99.77.2 > "$W/ping.out" 2>&1 &
PING=$!; PIDS+=($PING)
sleep 2
java_of() { ps -o pid= --ppid "$1" | tr -d ' ' | head -1; }
J2=$(java_of $A2)
[ -n "$J2" ] || fail "no java under agent h2's karaf script"
before_report=$(reported h2)
kill -9 "$J2" "$A2"; echo "kill -9 agent h2 (java $J2, script $A2)"
sleep 5
t1=$(now)
agent h2 $((OFF + 2)); A2=$AGENT_PID
deadline=$((SECONDS + 180))
until r=$(reported h2); [ -n "$r" ] && [ "$r" != "$before_report" ] && applied h2 | grep -q " UP"; do
  [ $SECONDS -lt $deadline ] || fail "restarted agent h2 reports"; sleep 0.5; done
echo "agent h2 restarted: start to first report $(since $t1) s"
sleep 3
kill -INT $PING; wait $PING 2>/dev/null
tail -3 "$W/ping.out"
after_vx=$(vx); after_links=$(veth)
echo "h2 links after:  $after_links (vxlan: $after_vx)"
[ "$before_links" = "$after_links" ] || fail "the restarted agent changed h2's links"
grep -i "agent process for hosts" "$W/agent-h2/data/log/karaf.log" | tail -1
grep -ci "exception" "$W/agent-h2/data/log/karaf.log" | sed 's/^/exceptions in agent h2 log: /'
echo "PASS"
