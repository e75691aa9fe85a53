package io.synapserouter.routing.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

/** Tokens shaped like the ones Synapse and MAS issue, for tests. */
public final class TestTokens {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = "0123456789" + LETTERS;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private TestTokens() {
    }

    /** A Synapse-native token for {@code localpart}: {@code syt_<b64>_<20 letters>_<crc>}. */
    public static String syt(String localpart, Random random) {
        String b64 = Base64.getEncoder().withoutPadding().encodeToString(localpart.getBytes(StandardCharsets.UTF_8));
        String base = "syt_" + b64 + "_" + pick(LETTERS, 20, random);
        CRC32 crc = new CRC32();
        crc.update(base.getBytes(StandardCharsets.US_ASCII));
        return base + "_" + base62(crc.getValue());
    }

    /** An opaque MAS access token: {@code mat_} + 30 alphanumerics + 6 more, no identity inside. */
    public static String mas(Random random) {
        return "mat_" + pick(ALNUM, 30, random) + pick(ALNUM, 6, random);
    }

    static String base62(long value) {
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }

    private static String pick(String alphabet, int n, Random random) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
