#!/usr/bin/env bash
# bench/wires-product.sh on two appliances in turn, round after round, so that both see the same machine:
# typically the code before a change and after it, each unpacked by bench/appliance-unpack.sh with its own
# namespace prefix and port offset. Each round starts one, measures, stops it (teardownOnStop removes its
# namespaces), then the other.
#   bench/wires-before-after.sh DIR_A:OFFSET_A DIR_B:OFFSET_B [ROUNDS] [N]
# e.g. bench/appliance-unpack.sh OLD.tar.gz /tmp/vwb-before vwbb- 30
#      bench/appliance-unpack.sh assembly/target/virtualwire-*.tar.gz /tmp/vwb-after vwba- 40
#      bench/wires-before-after.sh /tmp/vwb-before:30 /tmp/vwb-after:40 3
set -u
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
empty=$(mktemp /tmp/vwb-empty.XXXXXX.yaml)
printf 'hosts: []\n' > "$empty"
trap 'rm -f "$empty"' EXIT
for r in $(seq 1 "${3:-3}"); do
  for v in "$1" "$2"; do
    dir=${v%%:*}; off=${v##*:}
    echo "=== round $r $dir $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$dir/bin/start"
    for _ in $(seq 1 120); do
      curl -sf -u "${VW_USER:-karaf}:${VW_PASSWORD:-karaf}" \
        "http://localhost:$((8181 + off))/jolokia/read/org.virtualwire:type=wires,name=default" >/dev/null 2>&1 && break
      sleep 1
    done
    sleep 20 # features still starting after the first answer
    VW_PORT_OFFSET=$off RESTORE=$empty bench/wires-product.sh "${4:-1000}" 2>&1 | tail -6
    "$dir/bin/stop"
    for _ in $(seq 1 60); do "$dir/bin/status" >/dev/null 2>&1 || break; sleep 1; done
    sleep 2
  done
done
