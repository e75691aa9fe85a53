package io.synapserouter.routing.identity.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Synapse's own access tokens, {@code syt_<localpart>_<random>_<crc>}: the localpart as unpadded
 * standard base64 of its UTF-8 bytes, 20 ASCII letters, then the CRC-32 of everything before the
 * last underscore written as 6 base62 digits ({@code 0-9A-Za-z}, most significant first). Only these
 * tokens name their user; MAS tokens ({@code mat_…}), macaroons and appservice tokens do not.
 */
public final class SytTokens {

    private static final String PREFIX = "syt_";
    private static final int RANDOM_LENGTH = 20;
    private static final int CRC_LENGTH = 6;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private SytTokens() {
    }

    /**
     * @return the localpart a well-formed {@code syt_} token carries, or null for any other token
     *         (including one whose checksum does not match)
     */
    public static String localpart(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return null;
        }
        int crcStart = token.length() - CRC_LENGTH;
        int randomStart = crcStart - 1 - RANDOM_LENGTH;
        int localEnd = randomStart - 1;
        if (localEnd <= PREFIX.length()
                || token.charAt(localEnd) != '_'
                || token.charAt(crcStart - 1) != '_'
                || !letters(token, randomStart, crcStart - 1)
                || !checksumMatches(token, crcStart)) {
            return null;
        }
        return decodeLocalpart(token, PREFIX.length(), localEnd);
    }

    private static boolean letters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean checksumMatches(String token, int crcStart) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < crcStart - 1; i++) {
            char c = token.charAt(i);
            if (c >= 0x80) {
                return false; // Synapse checksums the ASCII bytes of its own tokens
            }
            crc.update(c);
        }
        long value = crc.getValue();
        for (int i = token.length() - 1; i >= crcStart; i--) {
            if (token.charAt(i) != BASE62.charAt((int) (value % 62))) {
                return false;
            }
            value /= 62;
        }
        return value == 0;
    }

    private static String decodeLocalpart(String token, int from, int to) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token.substring(from, to));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (bytes.length == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
