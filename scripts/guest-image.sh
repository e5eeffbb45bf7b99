#!/usr/bin/env bash
# Builds the tiny VM guest image that VirtualWire's QEMU guests boot: a Debian 6.1 kernel and a busybox
# initramfs that configures its NICs from the kernel command line.
#
#   scripts/guest-image.sh [OUTDIR]      (default: <repo>/target/guest-image)
#
# Outputs OUTDIR/vmlinuz and OUTDIR/initramfs.gz (plus OUTDIR/kernel-version and OUTDIR/build-id, the hash of
# this script). Does nothing when they exist and were built by this very script (set VW_FORCE=1 to rebuild), so
# it is cheap to call before every build; runs started at the same time wait for each other. Installs
# qemu-system-x86 and busybox-static with apt-get when missing (needs root then; never upgrades a package).
# The kernel .deb is downloaded once into ${XDG_CACHE_HOME:-$HOME/.cache}/virtualwire; rebuilds use it, offline.
#
# Kernel command line understood by the guest's /init (each option may be repeated):
#   vw.nic=IFNAME,ADDR/PREFIX[,MTU]      e.g. vw.nic=eth0,10.99.0.5/24  or  vw.nic=eth1,10.99.1.5/24,1450
#   vw.nics=IFNAME:ADDR/PREFIX[:MTU],... the same, several NICs in one option
#   vw.route=DEST,VIA                    e.g. vw.route=default,10.99.0.1  or  vw.route=10.98.0.0/16,10.99.0.1
#   vw.hostname=NAME
# NICs are named by the guest kernel in PCI order: the first -device virtio-net-pci is eth0, and so on.
# Boot with console=ttyS0; the guest prints "vw-guest ready" on the console once its NICs are up. Add
# no_timer_check under TCG: on a loaded host the kernel's timer check fails and it panics at boot
# ("IO-APIC + timer doesn't work!"). Example, as GuestImage.kernelArgs writes it:
#   console=ttyS0 panic=-1 no_timer_check quiet vw.nic=eth0,10.99.0.5/24 vw.route=default,10.99.0.1
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUTDIR="${1:-$REPO_ROOT/target/guest-image}"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/virtualwire"
MODULES=(virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci failover net_failover virtio_net)

BUILD_ID="$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)"
built() { [ -s "$OUTDIR/vmlinuz" ] && [ -s "$OUTDIR/initramfs.gz" ] && [ "$(cat "$OUTDIR/build-id" 2>/dev/null)" = "$BUILD_ID" ]; }
if [ -z "${VW_FORCE:-}" ] && built; then
  echo "guest image already built in $OUTDIR"
  exit 0
fi

log() { echo "guest-image: $*" >&2; }
die() { log "$*"; exit 1; }

# One build at a time (CI's prerequisites and a test may both ask): the second finds the first one's image.
mkdir -p "$CACHE" "$OUTDIR"
exec 9>"$CACHE/.lock"
flock 9
if [ -z "${VW_FORCE:-}" ] && built; then
  echo "guest image already built in $OUTDIR"
  exit 0
fi

# (No "cmd | grep -q" here: with pipefail, grep leaving early can kill cmd with SIGPIPE and fail the test.)
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]; }

# apt-get update only when apt does not know what we ask for (a fresh container has empty lists).
APT_UPDATED=
apt_update_once() {
  [ -n "$APT_UPDATED" ] && return 0
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  APT_UPDATED=1
}
has_candidate() { [[ "$(apt-cache policy "$1" 2>/dev/null || true)" == *"Candidate: "[0-9]* ]]; }

need=()
for pkg in qemu-system-x86 busybox-static; do
  installed "$pkg" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing ${need[*]}: run as root or install them with apt-get"
  for pkg in "${need[@]}"; do has_candidate "$pkg" || apt_update_once; done
  log "installing ${need[*]}"
  # --no-upgrade: install what is missing, upgrade nothing (running processes depend on what is there)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --no-upgrade "${need[@]}" >/dev/null
fi
BUSYBOX="$(command -v busybox || true)"
[ -x /bin/busybox ] && BUSYBOX=/bin/busybox
[ -n "$BUSYBOX" ] || die "busybox not found after installing busybox-static"

# The kernel: the one cached by an earlier build if there is one (the same guest every time, no download),
# else the newest generic 6.1 kernel apt offers, signed or -unsigned (both hold vmlinuz and modules).
newest_kernel() {
  apt-cache pkgnames linux-image-6.1.0- 2>/dev/null \
    | grep -E '^linux-image-6\.1\.0-[0-9]+-amd64(-unsigned)?$' | sort -V -r \
    | while read -r p; do if has_candidate "$p"; then echo "$p"; break; fi; done
}
DEB="$(ls "$CACHE"/linux-image-6.1.0-*-amd64*.deb 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$DEB" ]; then
  KPKG="$(newest_kernel)"
  if [ -z "$KPKG" ]; then
    apt_update_once
    KPKG="$(newest_kernel)"
  fi
  [ -n "$KPKG" ] || die "apt offers no linux-image-6.1.0-*-amd64 package (is this Debian 12?)"
  log "downloading $KPKG (about 70 MB) into $CACHE"
  (cd "$CACHE" && apt-get download -q -o APT::Sandbox::User=root "$KPKG" >/dev/null) || die "apt-get download $KPKG failed"
  DEB="$(ls "$CACHE/${KPKG}_"*.deb | sort -V | tail -n 1)"
fi
log "kernel package $(basename "$DEB")"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
dpkg-deb -x "$DEB" "$WORK/deb"
KVER="$(ls "$WORK/deb/lib/modules" | head -n 1)"
KMOD="$WORK/deb/lib/modules/$KVER"
[ -f "$WORK/deb/boot/vmlinuz-$KVER" ] || die "$(basename "$DEB") has no /boot/vmlinuz-$KVER"
[ -f "$KMOD/modules.builtin" ] || die "$(basename "$DEB") has no modules.builtin"

ROOT="$WORK/root"
mkdir -p "$ROOT"/{bin,sbin,dev,proc,sys,tmp,run,etc,lib/modules}
cp "$BUSYBOX" "$ROOT/bin/busybox"
ln -s busybox "$ROOT/bin/sh"
# Modules in load order (the list above is already ordered by dependency); built-in ones are skipped.
: > "$ROOT/lib/modules/load-order"
for m in "${MODULES[@]}"; do
  if grep -Eq "/${m}\.ko\$" "$KMOD/modules.builtin"; then
    log "module $m: built in"
    continue
  fi
  # modules.dep is written by depmod at install time, so the package has none: look for the file.
  rel="$(cd "$KMOD" && find kernel -name "${m}.ko" -o -name "${m}.ko.*" | head -n 1)"
  [ -n "$rel" ] || die "module $m is neither built in nor shipped in $KVER"
  case "$rel" in
    *.ko.xz) xz -dc "$KMOD/$rel" > "$ROOT/lib/modules/$m.ko" ;;
    *.ko.zst) die "module $m is zstd-compressed; install zstd support in this script" ;;
    *.ko) cp "$KMOD/$rel" "$ROOT/lib/modules/$m.ko" ;;
  esac
  echo "$m" >> "$ROOT/lib/modules/load-order"
  log "module $m: $rel"
done

cat > "$ROOT/init" <<'INIT'
#!/bin/sh
# VirtualWire guest init: see scripts/guest-image.sh for the vw.* kernel options.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t tmpfs tmp /tmp
for m in $(cat /lib/modules/load-order); do
  insmod "/lib/modules/$m.ko" || echo "vw-guest: cannot load $m"
done
ip link set lo up

nic() { # IFNAME ADDR/PREFIX [MTU]
  i=0
  while [ ! -e "/sys/class/net/$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  [ -n "$3" ] && ip link set "$1" mtu "$3"
  ip addr add "$2" dev "$1" && ip link set "$1" up && echo "vw-guest: $1 $2 mtu $(cat "/sys/class/net/$1/mtu") up" \
    || echo "vw-guest: cannot configure $1 $2"
}
routes=""
for opt in $(cat /proc/cmdline); do
  case "$opt" in
    vw.nic=*) IFS=, read -r n a u <<EOF
${opt#vw.nic=}
EOF
      nic "$n" "$a" "$u" ;;
    vw.nics=*) for spec in $(echo "${opt#vw.nics=}" | tr , ' '); do
        IFS=: read -r n a u <<EOF
$spec
EOF
        nic "$n" "$a" "$u"
      done ;;
    vw.route=*) routes="$routes ${opt#vw.route=}" ;;
    vw.hostname=*) hostname "${opt#vw.hostname=}" ;;
  esac
done
# Routes last: their gateways must be on a NIC that is already up.
for r in $routes; do
  IFS=, read -r dest via <<EOF
$r
EOF
  ip route add "$dest" via "$via" && echo "vw-guest: route $dest via $via" \
    || echo "vw-guest: cannot add route $dest via $via"
done
echo "vw-guest ready"
# PID 1 must never exit.
while :; do sleep 3600; done
INIT
chmod 755 "$ROOT/init"

mkdir -p "$OUTDIR"
cp "$WORK/deb/boot/vmlinuz-$KVER" "$OUTDIR/vmlinuz.tmp"
(cd "$ROOT" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null) | gzip -9 > "$OUTDIR/initramfs.gz.tmp"
echo "$KVER" > "$OUTDIR/kernel-version"
mv "$OUTDIR/vmlinuz.tmp" "$OUTDIR/vmlinuz"
mv "$OUTDIR/initramfs.gz.tmp" "$OUTDIR/initramfs.gz"
echo "$BUILD_ID" > "$OUTDIR/build-id"
log "built $OUTDIR/vmlinuz ($KVER) and $OUTDIR/initramfs.gz ($(du -k "$OUTDIR/initramfs.gz" | cut -f1) KiB)"
