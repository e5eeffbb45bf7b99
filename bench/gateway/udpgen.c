/*
 * udpgen: the gateway benchmark's load generator. Sends VXLAN-shaped UDP datagrams (or plain tunnel packets,
 * -t) from one source address to one destination as fast as sendmmsg(2) allows (or at -r packets/s), for -d
 * seconds, in batches of 64 datagrams per system call. Each datagram carries a running sequence number in its
 * inner frame. Prints the number of datagrams sent.
 *
 *   udpgen -s SRC_IP -D DST_IP -p DST_PORT -f FRAME_BYTES -d SECONDS [-r PPS] [-v VNI] [-t]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    const char *src = NULL, *dst = NULL;
    int port = 4789, frame = 64, tunnel = 0, opt;
    double seconds = 5, rate = 0;
    unsigned vni = 4242;
    while ((opt = getopt(argc, argv, "s:D:p:f:d:r:v:t")) != -1) {
        switch (opt) {
        case 's': src = optarg; break;
        case 'D': dst = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 'f': frame = atoi(optarg); break;
        case 'd': seconds = atof(optarg); break;
        case 'r': rate = atof(optarg); break;
        case 'v': vni = (unsigned) atoi(optarg); break;
        case 't': tunnel = 1; break;
        default: fprintf(stderr, "usage: see the comment at the top of udpgen.c\n"); return 2;
        }
    }
    if (!src || !dst || frame < 14 || frame > 9000) {
        fprintf(stderr, "need -s, -D and a frame of 14..9000 bytes\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int sndbuf = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    struct sockaddr_in local = {.sin_family = AF_INET}, remote = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, src, &local.sin_addr);
    inet_pton(AF_INET, dst, &remote.sin_addr);
    if (bind(fd, (struct sockaddr *) &local, sizeof local) || connect(fd, (struct sockaddr *) &remote, sizeof remote)) {
        perror("bind/connect");
        return 1;
    }
    int head = tunnel ? 16 : 0, len = head + 8 + frame;
    static unsigned char bufs[BATCH][9100];
    struct mmsghdr msgs[BATCH];
    struct iovec iov[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        unsigned char *b = bufs[i];
        memset(b, 0, len);
        if (tunnel) {
            b[0] = 1; /* version 1, suite 0 (plain), key id 0, epoch 0, sequence 0 */
        }
        b[head] = 0x08; /* VXLAN I flag */
        b[head + 4] = vni >> 16; b[head + 5] = vni >> 8; b[head + 6] = vni;
        memcpy(b + head + 8, "\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x88\xb5", 14);
        iov[i].iov_base = b;
        iov[i].iov_len = len;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    uint64_t sent = 0, seq = 0;
    double start = now(), end = start + seconds;
    while (1) {
        double t = now();
        if (t >= end) break;
        if (rate > 0 && sent > (t - start) * rate) {
            continue; /* paced: spin until the schedule catches up */
        }
        for (int i = 0; i < BATCH; i++) {
            seq++;
            if (frame >= 22) memcpy(bufs[i] + head + 8 + 14, &seq, 8);
        }
        int n = sendmmsg(fd, msgs, BATCH, 0);
        if (n > 0) sent += n;
        else if (errno != EAGAIN && errno != ENOBUFS && errno != ECONNREFUSED) { perror("sendmmsg"); return 1; }
    }
    printf("%llu\n", (unsigned long long) sent);
    return 0;
}
