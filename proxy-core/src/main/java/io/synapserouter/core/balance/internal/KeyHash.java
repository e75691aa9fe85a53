package io.synapserouter.core.balance.internal;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;

/**
 * The ring's hash of a string key: XXH64 (seed 0) of the key's UTF-8 bytes, exactly as
 * {@code key.getBytes(UTF_8)} would encode them (an unpaired surrogate becomes {@code '?'}), so the
 * value is a property of the text alone.
 *
 * <p>Keys are hashed on event loops for every sticky request, so the bytes are encoded into a
 * per-thread scratch array instead of a fresh one. Only keys too long for the scratch array (which
 * user ids, room ids, server names and addresses never are) pay for an allocation.
 */
public final class KeyHash {

    /** Bytes of scratch per thread; a char needs at most 3 UTF-8 bytes (a surrogate pair, 4 for 2 chars). */
    private static final int SCRATCH_BYTES = 1024;
    private static final int MAX_SCRATCH_CHARS = SCRATCH_BYTES / 3;

    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };

    private KeyHash() {
    }

    public static long hash(String key) {
        int chars = key.length();
        if (chars > MAX_SCRATCH_CHARS) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            return Xxh64.hash(bytes, 0, bytes.length);
        }
        byte[] scratch = SCRATCH.get();
        int length = encodeUtf8(key, chars, scratch);
        return Xxh64.hash(scratch, 0, length);
    }

    /** Encodes like the JDK's UTF-8 encoder with replacement; {@code out} holds 3 bytes per char. */
    private static int encodeUtf8(String s, int chars, byte[] out) {
        int p = 0;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char low;
                if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(low = s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, low);
                    out[p++] = (byte) (0xF0 | (cp >> 18));
                    out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    out[p++] = (byte) (0x80 | (cp & 0x3F));
                    i++;
                } else {
                    out[p++] = (byte) '?';
                }
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }
}
