#!/usr/bin/env bash
# Controller failover (issue 12): a real 3-node ZooKeeper ensemble (curator-test's TestingCluster, in the harness's
# JVM) and two controllers as processes of their own, each a ZooKeeperWireStore in the controllers' election trying
# a change every 10 ms; the leader is killed with SIGKILL. Prints one row per run: the time until the other leads
# and until its first change is accepted, and how many of the dead leader's acknowledged changes were lost.
# See bundles/store-zookeeper/src/test/java/org/virtualwire/store/zookeeper/ControllerFailoverBench.java.
# Usage: bench/controller-failover.sh [RUNS=5] [SESSION_TIMEOUT_MS=6000] [--no-build]
# Needs no root, no namespace; uses loopback ports only.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
args=()
build=1
for a in "$@"; do
  if [ "$a" = --no-build ]; then build=; else args+=("$a"); fi
done
if [ -n "$build" ]; then
  mvn -o -q -B test-compile -pl bundles/store-zookeeper -am
fi
cp=$(mktemp /tmp/vw-failover-cp.XXXXXX)
trap 'rm -f "$cp"' EXIT
mvn -o -q -B dependency:build-classpath -pl bundles/store-zookeeper -Dmdep.outputFile="$cp" >/dev/null
# this tree's own classes, never the virtualwire jars in ~/.m2 (other work trees install theirs there)
classes=bundles/store-zookeeper/target/classes:bundles/store-zookeeper/target/test-classes:bundles/core/target/classes:bundles/core/target/test-classes
deps=$(tr ':' '\n' < "$cp" | grep -v '/org/virtualwire/' | paste -sd:)
echo "# $(date -u +%FT%TZ) load average at start: $(cat /proc/loadavg), $(nproc) cores"
"$JAVA_HOME/bin/java" -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$classes:$deps" \
  org.virtualwire.store.zookeeper.ControllerFailoverBench "${args[@]}"
echo "# load average at end: $(cat /proc/loadavg)"
