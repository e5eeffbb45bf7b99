#!/usr/bin/env bash
# bench/migration.sh on two appliances in turn, round after round, so that both see the same machine: typically
# the code before a change and after it. Each appliance was set up once by ./run.sh in its own checkout with its
# own namespace prefix and port offset (VW_PREFIX=... VW_PORT_OFFSET=... ./run.sh, then stopped); each round
# starts one, waits for the example topology, runs N container and N switch migrations, stops it (teardownOnStop
# is set, so that a stopped appliance leaves no VM running), then the other. At the end one table per appliance
# over all its rounds.
#   bench/migration-before-after.sh HOME_A:PREFIX_A HOME_B:PREFIX_B [ROUNDS] [N] [QUIET_WAIT_S]
# e.g. bench/migration-before-after.sh /work/wt/before/target/appliance:vwbb- target/appliance:vwba- 2 10 20
set -u
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
raw=$(mktemp -d /tmp/vw-migration-ab.XXXXXX)
for v in "$1" "$2"; do
  dir=${v%%:*}
  sed -i -E 's/^[[:space:]]*teardownOnStop[[:space:]]*=.*//' "$dir"/etc/org.virtualwire.driver.local.cfg
  echo "teardownOnStop = true" >> "$dir"/etc/org.virtualwire.driver.local.cfg
  [ -f "$dir"/etc/org.virtualwire.host.linux.cfg ] && { sed -i -E 's/^[[:space:]]*teardownOnStop[[:space:]]*=.*//' \
    "$dir"/etc/org.virtualwire.host.linux.cfg; echo "teardownOnStop = true" >> "$dir"/etc/org.virtualwire.host.linux.cfg; }
done
for r in $(seq 1 "${3:-2}"); do
  for v in "$1" "$2"; do
    dir=${v%%:*}; prefix=${v##*:}; name=$(basename "$(dirname "$dir")")-$(basename "$dir")
    [ "$v" = "$1" ] && tag=A || tag=B
    echo "=== round $r $tag $dir $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$dir/bin/start"
    for _ in $(seq 1 180); do
      echo "vw:host-list" | "$dir/bin/client" -u karaf -p karaf -b 2>/dev/null | grep -q '^h1 .*UP' && break
      sleep 1
    done
    sleep 20 # the VM boots, features settle
    VW_HOME=$dir VW_PREFIX=$prefix RAW=$raw/$tag RUN_TAG=r$r- bench/migration.sh "${4:-10}" --quiet-wait "${5:-20}" \
      2>&1 | grep -E '^==|unreadable' | sed 's/^/  /'
    "$dir/bin/stop"
    for _ in $(seq 1 60); do "$dir/bin/status" >/dev/null 2>&1 || break; sleep 1; done
    sleep 2
  done
done
for tag in A B; do
  [ $tag = A ] && v=$1 || v=$2
  echo; echo "### $tag: ${v%%:*}"
  bench/migration.sh --table "$raw/$tag"
done
echo "raw records: $raw"
