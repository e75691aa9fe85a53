package io.synapserouter.core.balance.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64, written from the published xxHash specification (Yann Collet, "xxHash fast digest
 * algorithm", XXH64 section). Chosen for the hash ring because it is fast on short inputs, mixes
 * well in all 64 bits, and, being a fixed published function with seed 0, gives the same value
 * in every JVM and every process: nothing depends on {@code String.hashCode} or on hash seeds.
 */
public final class Xxh64 {

    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME3 = 0x165667B19E3779F9L;
    private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME5 = 0x27D4EB2F165667C5L;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Xxh64() {
    }

    /** The XXH64 digest (seed 0) of {@code length} bytes of {@code input} from {@code offset}. */
    public static long hash(byte[] input, int offset, int length) {
        long seed = 0;
        int end = offset + length;
        int p = offset;
        long h;
        if (length >= 32) {
            long v1 = seed + PRIME1 + PRIME2;
            long v2 = seed + PRIME2;
            long v3 = seed;
            long v4 = seed - PRIME1;
            int lastStripe = end - 32;
            do {
                v1 = round(v1, (long) LONG_LE.get(input, p));
                v2 = round(v2, (long) LONG_LE.get(input, p + 8));
                v3 = round(v3, (long) LONG_LE.get(input, p + 16));
                v4 = round(v4, (long) LONG_LE.get(input, p + 24));
                p += 32;
            } while (p <= lastStripe);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = seed + PRIME5;
        }
        h += length;
        while (p + 8 <= end) {
            h ^= round(0, (long) LONG_LE.get(input, p));
            h = Long.rotateLeft(h, 27) * PRIME1 + PRIME4;
            p += 8;
        }
        if (p + 4 <= end) {
            h ^= ((int) INT_LE.get(input, p) & 0xFFFFFFFFL) * PRIME1;
            h = Long.rotateLeft(h, 23) * PRIME2 + PRIME3;
            p += 4;
        }
        while (p < end) {
            h ^= (input[p] & 0xFFL) * PRIME5;
            h = Long.rotateLeft(h, 11) * PRIME1;
            p++;
        }
        return avalanche(h);
    }

    private static long round(long acc, long lane) {
        acc += lane * PRIME2;
        acc = Long.rotateLeft(acc, 31);
        return acc * PRIME1;
    }

    private static long mergeRound(long acc, long v) {
        acc ^= round(0, v);
        return acc * PRIME1 + PRIME4;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= PRIME2;
        h ^= h >>> 29;
        h *= PRIME3;
        h ^= h >>> 32;
        return h;
    }
}
