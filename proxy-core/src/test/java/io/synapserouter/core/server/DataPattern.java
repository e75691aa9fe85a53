package io.synapserouter.core.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deterministic byte stream (xorshift64) that both ends of a test can produce independently, so
 * large bodies are checked by digest without ever being held in memory.
 */
final class DataPattern {

    private long state;
    private long word;
    private int wordLeft;

    DataPattern(long seed) {
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    void fill(byte[] buffer, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (wordLeft == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                word = state;
                wordLeft = 8;
            }
            buffer[i] = (byte) word;
            word >>>= 8;
            wordLeft--;
        }
    }

    /** The SHA-256 of the first {@code length} bytes of the pattern for {@code seed}. */
    static String sha256(long seed, long length) {
        DataPattern pattern = new DataPattern(seed);
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            pattern.fill(buffer, 0, n);
            digest.update(buffer, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
