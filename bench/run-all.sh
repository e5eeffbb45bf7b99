#!/usr/bin/env bash
# Runs every benchmark and prints their tables; also keeps them (with the noise notes on stderr) under
# bench/results/<UTC date-time>/ unless --no-save. Options after -- go to throughput.sh, e.g.
#   bench/run-all.sh -- --appliance assembly/target/virtualwire-0.1.0
# The machine is shared: each benchmark first waits (up to 2 min) for the load average to drop.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
vwb_require_root

SAVE=1
while [ $# -gt 0 ]; do
    case "$1" in
        --no-save) SAVE=""; shift ;;
        --) shift; break ;;
        *) echo "unknown option $1 (throughput.sh options go after --)" >&2; exit 2 ;;
    esac
done
OUT=/dev/null
if [ -n "$SAVE" ]; then
    OUT=$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)
    mkdir -p "$OUT"
fi
save() { if [ -n "$SAVE" ]; then tee "$OUT/$1"; else cat; fi; }

{
    echo "machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GB," \
        "kernel $(uname -r), $(ip -V), $(iperf3 --version | head -1)"
    echo "started: $(date -u +%FT%TZ), load $(vwb_load)"
} | save machine.txt

echo "== throughput (guest to guest over one wire, two hosts) =="
vwb_wait_idle 120 1.0
"$HERE/throughput.sh" "$@" 2> >(save throughput.log >&2) | save throughput.txt

echo
echo "== wires (apply and remove 1,000 wires between two hosts) =="
vwb_wait_idle 120 1.0
"$HERE/wires.sh" 2> >(save wires.log >&2) | save wires.txt
[ -n "$SAVE" ] && echo "saved in $OUT"
