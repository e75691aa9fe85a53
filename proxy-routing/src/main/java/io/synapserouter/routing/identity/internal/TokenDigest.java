package io.synapserouter.routing.identity.internal;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What the identity cache is keyed by: the first 128 bits of SHA-256 over the token and the
 * appservice parameters that change whom it stands for. The raw token is never kept. SHA-256 rather
 * than a keyed hash because the hex form doubles as the fallback routing key, which must be the same
 * in every router process.
 */
public final class TokenDigest {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final FastThreadLocal<Sha256> SHA256 = new FastThreadLocal<>() {
        @Override
        protected Sha256 initialValue() {
            return new Sha256();
        }
    };

    private final long high;
    private final long low;

    private TokenDigest(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /**
     * @param token    the access token
     * @param userId   the appservice {@code user_id} parameter, or null
     * @param deviceId the appservice device parameter, or null
     */
    public static TokenDigest of(String token, String userId, String deviceId) {
        Sha256 sha = SHA256.get();
        // Length-prefixed fields: no two different (token, user, device) triples feed the same bytes.
        field(sha, token);
        field(sha, userId);
        field(sha, deviceId);
        try {
            sha.md.digest(sha.out, 0, sha.out.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
        }
        return new TokenDigest(longAt(sha.out, 0), longAt(sha.out, 8));
    }

    private static void field(Sha256 sha, String value) {
        MessageDigest md = sha.md;
        if (value == null) {
            md.update((byte) 0xff);
            return;
        }
        byte[] bytes = sha.ascii(value);
        int n = bytes != null ? value.length() : (bytes = value.getBytes(StandardCharsets.UTF_8)).length;
        md.update((byte) (n >>> 24));
        md.update((byte) (n >>> 16));
        md.update((byte) (n >>> 8));
        md.update((byte) n);
        md.update(bytes, 0, n);
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    /** 32 lowercase hex digits; safe to log and to hash on, it reveals nothing of the token. */
    public String hex() {
        char[] out = new char[32];
        put(out, 0, high);
        put(out, 16, low);
        return new String(out);
    }

    /** The first 8 hex digits, enough to follow one token through debug logs. */
    public String shortHex() {
        return hex().substring(0, 8);
    }

    private static void put(char[] out, int at, long v) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenDigest d && d.high == high && d.low == low;
    }

    @Override
    public int hashCode() {
        return (int) (low ^ (low >>> 32));
    }

    @Override
    public String toString() {
        return "TokenDigest[" + shortHex() + "]";
    }

    /** One thread's digest and buffers: a cache hit digests its token without allocating. */
    private static final class Sha256 {
        private static final int MAX_SCRATCH = 4096;

        final MessageDigest md;
        final byte[] out = new byte[32];
        private byte[] scratch = new byte[128];

        /** The value's bytes in the scratch buffer when it is all ASCII (the usual token), else null. */
        byte[] ascii(String value) {
            int n = value.length();
            if (n > MAX_SCRATCH) {
                return null;
            }
            if (n > scratch.length) {
                scratch = new byte[Math.max(n, scratch.length * 2)];
            }
            byte[] b = scratch;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    return null;
                }
                b[i] = (byte) c;
            }
            return b;
        }

        Sha256() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }
}
