package io.synapserouter.launcher.acceptance;

import java.util.Base64;
import java.util.Random;

/** Access tokens in the shapes Synapse and MAS issue, made from a seed so a run can be repeated. */
final class Tokens {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final Random random;

    Tokens(long seed) {
        this.random = new Random(seed);
    }

    /** An opaque MAS access token: {@code mat_} + 30 alphanumerics + {@code _} + a 6-character check. */
    String mas() {
        return "mat_" + chars(ALNUM, 30) + "_" + chars(ALNUM, 6);
    }

    /** A Synapse native token: {@code syt_<base64 localpart>_<20 letters>_<6 base62>}. */
    String syt(String localpart) {
        String b64 = Base64.getEncoder().withoutPadding().encodeToString(localpart.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "syt_" + b64 + "_" + chars(LETTERS, 20) + "_" + chars(ALNUM, 6);
    }

    /**
     * The part of a token that identifies it and carries no user information: the 30-character body
     * of a MAS token, the 20 random letters of a {@code syt_} token. Logs must not hold it either.
     */
    static String secretPart(String token) {
        String[] parts = token.split("_");
        return token.startsWith("syt_") ? parts[2] : parts[1];
    }

    private String chars(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
