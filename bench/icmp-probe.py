#!/usr/bin/env python3
"""Bench only: sends an ICMP echo to TARGET every INTERVAL ms at a fixed pace until its standard input
closes, then prints every probe it sent and every answer it got, with wall-clock times (the clock QMP's event
timestamps use, so both can be laid on one timeline):

    S <seq> <epoch seconds>      a probe sent
    R <seq> <epoch seconds>      an echo reply received (a duplicate shows as a second R with the same seq)

    ip netns exec NS bench/icmp-probe.py TARGET [INTERVAL_MS]      (root: raw socket)

Why not ping: iputils ping, while an answer is outstanding and the next probe is due within a scheduler tick,
waits for that answer up to 10 ms (its MININTERVAL) before it sends again. So during an outage it probes only
every 10 ms, and the end of a gap is seen up to 10 ms late. This one keeps sending every INTERVAL ms (a late
slot is skipped, never sent in a burst) and never spins.
"""
import os
import socket
import struct
import sys
import threading
import time

target = sys.argv[1]
interval = float(sys.argv[2] if len(sys.argv) > 2 else 1) / 1000
ident = os.getpid() & 0xFFFF
sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
sent, replies = [], []
done = threading.Event()


def checksum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def receive():
    while True:
        data = sock.recv(2048)
        t = time.time()
        ihl = (data[0] & 0x0F) * 4
        kind, _, _, rid, seq = struct.unpack("!BBHHH", data[ihl:ihl + 8])
        if kind == 0 and rid == ident:
            replies.append((seq, t))


def wait_for_eof():
    sys.stdin.read()
    done.set()


threading.Thread(target=receive, daemon=True).start()
threading.Thread(target=wait_for_eof, daemon=True).start()
payload = bytes(range(48))
start = time.monotonic()
slot = 0
while not done.is_set():
    due = start + slot * interval
    now = time.monotonic()
    if due > now:
        time.sleep(due - now)
    elif now - due > interval:  # starved of CPU: resume at the current slot instead of catching up
        slot = int((now - start) / interval)
    seq = slot & 0xFFFF
    head = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    packet = struct.pack("!BBHHH", 8, 0, checksum(head + payload), ident, seq) + payload
    try:
        sock.sendto(packet, (target, 0))
        sent.append((seq, time.time()))
    except OSError:
        pass  # no route for a moment: the slot counts as a probe without answer by its absence
    slot += 1
time.sleep(0.1)  # late answers
out = [f"S {s} {t:.6f}" for s, t in sent] + [f"R {s} {t:.6f}" for s, t in list(replies)]
sys.stdout.write("\n".join(out) + "\n")
