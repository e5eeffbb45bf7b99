package org.virtualwire.gateway.xdp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libc calls AF_XDP needs, bound by JNA's direct mapping (no reflection per call). Each throws
 * {@link LastErrorException} with errno when the call fails.
 */
final class Libc {

    static final int AF_XDP = 44;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_XDP = 283;
    static final int PROT_READ_WRITE = 0x3;
    static final int MAP_SHARED = 0x01;
    static final int MAP_PRIVATE_ANONYMOUS = 0x22;
    static final int MAP_POPULATE = 0x8000;
    static final int MSG_DONTWAIT = 0x40;
    static final long SYS_BPF = 321; // x86-64

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private Libc() {
    }

    static native long syscall(long number, long cmd, Pointer attr, long size) throws LastErrorException;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length) throws LastErrorException;

    static native int bind(int fd, Pointer address, int length) throws LastErrorException;

    static native Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset)
            throws LastErrorException;

    static native int munmap(Pointer address, long length) throws LastErrorException;

    static native long recvfrom(int fd, Pointer buffer, long length, int flags, Pointer from, Pointer fromLength)
            throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    /** @return "errno N (what)" for a failed call's exception */
    static String describe(LastErrorException e) {
        return "errno " + e.getErrorCode() + " (" + e.getMessage() + ")";
    }
}
