#!/usr/bin/env bash
# Unpacks a VirtualWire assembly tarball into DEST for bench/throughput.sh --appliance DEST, configured so that
# it can run beside another appliance on the same machine: its own namespace prefix (default vwb-a-) and
# Karaf's ports moved by an offset (default +10: SSH 8111, HTTP 8191, RMI 1109/44454, JMXMP 10009).
#
#   bench/appliance-unpack.sh [TARBALL] [DEST] [PREFIX] [PORT_OFFSET]
#   TARBALL defaults to the newest assembly/target/virtualwire-*.tar.gz, DEST to /tmp/vwb-appliance
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
tarball=${1:-$(ls -t "$HERE"/../assembly/target/virtualwire-*.tar.gz 2>/dev/null | head -1)}
dest=${2:-/tmp/vwb-appliance}
prefix=${3:-vwb-a-}
off=${4:-10}
[ -f "$tarball" ] || { echo "no tarball (build the assembly: mvn -B -q install -DskipTests)" >&2; exit 2; }
if [ -x "$dest/bin/status" ] && "$dest/bin/status" >/dev/null 2>&1; then
    echo "an appliance is running in $dest: stop it first ($dest/bin/stop)" >&2; exit 1
fi
rm -rf "$dest"; mkdir -p "$dest"
tar -xzf "$tarball" -C "$dest" --strip-components=1
set_key() { # file key value
    if grep -qE "^[[:space:]]*$2[[:space:]]*=" "$1"; then
        sed -i -E "s|^[[:space:]]*$2[[:space:]]*=.*|$2 = $3|" "$1"
    else
        echo "$2 = $3" >>"$1"
    fi
}
etc=$dest/etc
set_key "$etc/org.virtualwire.driver.local.cfg" namespacePrefix "$prefix"
set_key "$etc/org.virtualwire.driver.local.cfg" teardownOnStop true
set_key "$etc/org.virtualwire.host.linux.cfg" namespacePrefix "$prefix"
set_key "$etc/org.virtualwire.host.linux.cfg" teardownOnStop true
set_key "$etc/org.apache.karaf.shell.cfg" sshPort $((8101 + off))
set_key "$etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port $((8181 + off))
set_key "$etc/org.apache.karaf.management.cfg" rmiRegistryPort $((1099 + off))
set_key "$etc/org.apache.karaf.management.cfg" rmiServerPort $((44444 + off))
set_key "$etc/org.apache.karaf.management.cfg" jmxmpPort $((9999 + off))
echo "unpacked $(basename "$tarball") into $dest: namespaces $prefix*, SSH port $((8101 + off))"
