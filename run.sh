#!/usr/bin/env bash
# The main job: build VirtualWire, start the appliance (Karaf) on the embedded local cloud, apply the
# example topology (two hosts, a switch, three containers and a VM), show traffic crossing the wires, then
# live-migrate the VM and the switch while the built-in probe runs, and print what each migration did.
# Usage (as root): ./run.sh [topology.yaml]   |   ./run.sh stop (data plane kept)   |   ./run.sh teardown (all removed)
# Beside another appliance on the same machine: VW_PREFIX=vwr- VW_PORT_OFFSET=20 ./run.sh (namespaces, ports).
set -euo pipefail
cd "$(dirname "$0")"
home=$PWD/target/appliance
prefix=${VW_PREFIX:-vw-}
offset=${VW_PORT_OFFSET:-0}
# the console login: the development default until etc/users.properties says otherwise (see the warning below)
user=${VW_USER:-karaf}
password=${VW_PASSWORD:-karaf}
client() { echo "$*" | JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} "$home/bin/client" -u "$user" -p "$password" -b 2>&1 | grep -v '^Closed\|^$' || true; }
# On stderr, while a user who is admin (directly or by a group) still has the shipped password "karaf": admin may
# halt Karaf and install code into it, and the appliance runs as root
default_password_warning() {
  local admins
  admins=$(awk '
    /^[[:space:]]*(#|!|$)/ { next }
    { i = index($0, "="); k = substr($0, 1, i - 1); v = substr($0, i + 1)
      gsub(/[[:space:]]/, "", k); gsub(/[[:space:]]/, "", v); n = split(v, f, ",")
      if (k ~ /^_g_\\:/) { for (j = 2; j <= n; j++) if (f[j] == "admin") admin["_g_:" substr(k, 6)] = 1; next }
      pw[k] = f[1]; roles[k] = v }
    END { for (u in pw) { if (pw[u] != "karaf") continue; n = split(roles[u], f, ",")
            for (j = 2; j <= n; j++) if (f[j] == "admin" || (f[j] in admin)) { print u; break } } }' \
    "$home/etc/users.properties" 2>/dev/null | sort | tr '\n' ' ' || true)
  [ -n "$admins" ] || return 0
  cat >&2 <<WARN
WARNING: admin user(s) ${admins}still have the default password "karaf" in $home/etc/users.properties.
         Anyone who can reach the console (port $((8101 + offset))) or Jolokia (port $((8181 + offset))) with it controls the
         appliance, which runs as root. Change the password there (Karaf reads the file at each login; ./run.sh keeps
         the file), then run ./run.sh with VW_PASSWORD=<the new password>. README.md, "Users and roles".
WARN
}

case "${1:-}" in
  stop)
    [ -x "$home/bin/stop" ] && "$home/bin/stop" && echo "Appliance stopped; its data plane (and its VMs) keeps forwarding."
    exit 0 ;;
  teardown)
    [ -x "$home/bin/stop" ] && "$home/bin/stop" || true
    # bin/stop returns at once: until Karaf has exited its agents would make again what is removed below
    for _ in $(seq 1 120); do pgrep -f "karaf.home=$home " >/dev/null || break; sleep 0.5; done
    # VMs' QEMUs outlive their namespace: stop each by the pid in its pidfile, if that pid is still a QEMU
    for pidfile in /run/virtualwire/"$prefix"/*/*.pid; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "qemu-system.*$pidfile"; then kill "$pid"; fi
    done
    rm -rf "/run/virtualwire/$prefix"
    for ns in $(ip netns list | awk '{print $1}' | grep "^$prefix" || true); do ip netns del "$ns"; done
    rm -rf "$home/data/virtualwire"
    echo "Appliance stopped, its VMs, namespaces and desired state removed."
    exit 0 ;;
esac
topology=$(realpath "${1:-examples/two-hosts.yaml}")
example=$(realpath examples/two-hosts.yaml)

scripts/prerequisites.sh # packages (QEMU among them) and the VM guest image in target/guest-image
echo "== Building (mvn install, tests skipped: run them with mvn -B verify)"
mvn -B -q install -DskipTests

if [ -x "$home/bin/status" ] && "$home/bin/status" >/dev/null 2>&1; then
  echo "== Stopping the appliance that is running"; "$home/bin/stop"; sleep 3
fi
if ss -Hltn "sport = :$((8101 + offset))" | grep -q .; then
  echo "Port $((8101 + offset)) is taken by another program (another appliance?): stop it, or run this one beside it"
  echo "with its own namespaces and ports, e.g. VW_PREFIX=vwr- VW_PORT_OFFSET=20 ./run.sh"
  exit 1
fi
echo "== Unpacking the appliance into $home (its data folder, and so the desired state, is kept)"
mkdir -p "$home"
# Karaf's bundle cache would keep the previous build's bundles: drop all of data/ but the desired state
[ -d "$home/data" ] && find "$home/data" -mindepth 1 -maxdepth 1 ! -name virtualwire -exec rm -rf {} +
keep=(--exclude='*/data/*')
# users and passwords are the operator's: an earlier unpack's users file is kept, like the desired state
[ -f "$home/etc/users.properties" ] && keep+=(--exclude='*/etc/users.properties')
tar -xzf assembly/target/virtualwire-*.tar.gz -C "$home" --strip-components=1 "${keep[@]}"
# VMs boot the guest image from ${karaf.home}/guest-image
ln -sfn "$PWD/target/guest-image" "$home/guest-image"
if [ "$prefix" != vw- ] || [ "$offset" != 0 ]; then
  set_key() { sed -i -E "/^[[:space:]]*$2[[:space:]]*=/d" "$1"; echo "$2 = $3" >> "$1"; } # file key value
  set_key "$home/etc/org.virtualwire.driver.local.cfg" namespacePrefix "$prefix"
  set_key "$home/etc/org.virtualwire.host.linux.cfg" namespacePrefix "$prefix" # the same: it finds the hosts by it
  set_key "$home/etc/org.apache.karaf.shell.cfg" sshPort $((8101 + offset))
  set_key "$home/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port $((8181 + offset))
  set_key "$home/etc/org.apache.karaf.management.cfg" rmiRegistryPort $((1099 + offset))
  set_key "$home/etc/org.apache.karaf.management.cfg" rmiServerPort $((44444 + offset))
fi
default_password_warning
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
if [ "$topology" = "$example" ]; then
  echo "== Waiting for VM vm1 (QEMU, TCG) to boot and answer"
  for i in $(seq 1 90); do
    ip netns exec "${prefix}g-web1" ping -c 1 -W 1 10.99.0.5 >/dev/null 2>&1 && break
    sleep 1
  done
  echo "== Traffic across the wires (web1 on h1 -> switch sw1 on h1 -> web2, db1 and VM vm1 on h2)"
  for ip in 10.99.0.2 10.99.0.3 10.99.0.5; do
    echo "web1 -> $ip: $(ip netns exec "${prefix}g-web1" ping -c 3 -i 0.2 -W 1 "$ip" | grep -E 'transmitted' || true)"
  done
  echo "== vw:wire-list --counters"
  client "vw:wire-list --counters"
fi

if [ "$topology" = "$example" ] && client "vw:migration-list" | grep -qv "not installed"; then
  echo "== Live migration while the probe sends from web1 every 1 ms: VM vm1 h2 -> h3, switch sw1 h1 -> h3, and back"
  client "vw:host-list" | grep -q '^h3 ' || client "vw:host-add h3"
  results=$(mktemp -d /tmp/vw-run-migrations.XXXXXX)
  n=0
  migrate() { # what, then guest-migrate's options and arguments
    n=$((n + 1))
    echo "   $1"; shift
    client "vw:guest-migrate --json $*" > "$results/$n.json"
  }
  migrate "vm1 h2 -> h3, probe web1 -> vm1" --probe web1/eth0 --probe-duration 10 vm1 h3
  migrate "sw1 h1 -> h3, probe web1 -> web2 through the switch" --probe web1/eth0 --probe-to web2/eth0 sw1 h3
  for ip in 10.99.0.5 10.99.0.2; do
    echo "   after the moves, web1 -> $ip: $(ip netns exec "${prefix}g-web1" ping -c 3 -i 0.2 -W 1 "$ip" | grep -E 'transmitted' || true)"
  done
  migrate "back: vm1 h3 -> h2" vm1 h2
  migrate "back: sw1 h3 -> h1" sw1 h1
  echo "== The migrations (ms; steps as the migration record has them; gap and lost as the probe saw them)"
  printf '%-16s %-11s %8s %9s %8s %8s %8s %8s %8s %11s %10s\n' migration outcome prepare dual-home transfer \
    activate settle total pause "longest gap" "lost/sent"
  for i in $(seq 1 "$n"); do
    jq -r 'def step($s): [.steps[] | select(.name == $s) | .millis][0] // "-";
      ["\(.guest) \(.from)->\(.to)", .outcome, step("prepare"), step("dual-home"), step("transfer"), step("activate"),
       step("settle"), .totalMillis, (if .pauseMillis < 0 then "-" else .pauseMillis end),
       (if .probe == null then "-" elif .probe.sent < .totalMillis + 300 then "\(.probe.longestGapMillis * 10 | round / 10)*"
        else .probe.longestGapMillis end), (if .probe then "\(.probe.lost)/\(.probe.sent)" else "-" end)] | @tsv' \
      "$results/$i.json" 2>/dev/null || echo "$(tr '\n' ' ' < "$results/$i.json")"
  done | awk -F'\t' 'NF < 11 { print; next }
    { printf "%-16s %-11s", $1, $2; for (i = 3; i <= 10; i++) printf(i == 4 ? " %9s" : i == 10 ? " %11s" : " %8s", $i ~ /^[0-9.]+$/ ? sprintf("%.1f", $i) : $i); printf " %10s\n", $11 }
    $10 ~ /\*$/ { late = 1 }
    END { if (late) print "* the probe ended before the migration did: its gap and losses do not cover the end" }'
  rm -rf "$results"
fi
envs=""
[ "$prefix" = vw- ] || envs+="VW_PREFIX=$prefix "
[ "$offset" = 0 ] || envs+="VW_PORT_OFFSET=$offset "
cat <<MSG

The appliance is running. Console: $home/bin/client -u $user   (try vw:wire-list, vw:host-list, vw:migration-list)
Jolokia:  curl -u $user http://localhost:$((8181 + offset))/jolokia/read/org.virtualwire:type=wires,name=default
Topology: http://localhost:$((8181 + offset))/virtualwire/   (live page; log in as $user)
Stop it:  ${envs}./run.sh stop    (the wires keep forwarding)   or   ${envs}./run.sh teardown   (removes every namespace and VM too)
MSG
default_password_warning
