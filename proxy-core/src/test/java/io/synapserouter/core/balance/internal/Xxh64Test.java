package io.synapserouter.core.balance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Xxh64Test {

    /** Bytes {@code (i * 7 + 3) & 0xFF}; expected digests from the reference tool ({@code xxhsum -H1}). */
    private static final Object[][] PATTERN_VECTORS = {
            {0, 0xef46db3751d8e999L}, {1, 0x1f25c8d0bc1f4bb6L}, {3, 0x31d2363f52e564c9L},
            {4, 0x9bb64b7d66ee9fdaL}, {5, 0xc7608efddb7051feL}, {7, 0x9a7b149959ce60d8L},
            {8, 0xdab99d95c6f90092L}, {9, 0x170bb6bf975b4c02L}, {12, 0xd52e407833af5133L},
            {15, 0x1b47cb8243cc8e32L}, {16, 0x434850232b787be2L}, {17, 0x1efa7025f1b97a7aL},
            {31, 0xa2aa5f33cc4a6119L}, {32, 0x23c3c17ef790fd97L}, {33, 0x50a7cfc7ba588784L},
            {35, 0xa5b3456011d2913bL}, {40, 0xb620306b253d76b6L}, {63, 0x5e3e54b431c7493cL},
            {64, 0x0eb64b3ef6eeb01fL}, {65, 0xa383b724b2bd12f1L}, {100, 0xa61f8d4c170fe531L},
    };

    @Test
    void matchesTheReferenceImplementationOnEveryInputLengthClass() {
        for (Object[] vector : PATTERN_VECTORS) {
            int length = (Integer) vector[0];
            byte[] input = new byte[length + 5];
            for (int i = 0; i < length; i++) {
                input[i + 5] = (byte) ((i * 7 + 3) & 0xFF);
            }
            assertThat(Xxh64.hash(input, 5, length)).as("length %d", length).isEqualTo((long) vector[1]);
        }
    }

    @Test
    void matchesTheReferenceImplementationOnTextKeys() {
        assertThat(KeyHash.hash("a")).isEqualTo(0xd24ec4f1a98c6e5bL);
        assertThat(KeyHash.hash("abc")).isEqualTo(0x44bc2cf5ad770999L);
        assertThat(KeyHash.hash("@alice:example.org")).isEqualTo(0xd1257cb1d2c5e491L);
        assertThat(KeyHash.hash("!room:matrix.org")).isEqualTo(0xeaa689a62245978bL);
        assertThat(KeyHash.hash("ünïcødé-ключ-鍵-😀")).isEqualTo(0x7714ab8b37dd6619L);
    }

    @Test
    void keyHashEqualsTheHashOfTheJdkUtf8EncodingForAnyText() {
        Random random = new Random(42);
        char[] alphabet = {'a', 'Z', '0', ':', '@', '!', 'é', 'ß', 'Ж', '鍵', '\uD83D', '\uDE00', '\uD800', '\uDFFF', '\u0000', '\u07FF', '\u0800', '\uFFFF'};
        for (int round = 0; round < 5_000; round++) {
            int length = round < 4_900 ? random.nextInt(40) : 300 + random.nextInt(200);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String key = text.toString();
            byte[] jdk = key.getBytes(StandardCharsets.UTF_8);
            assertThat(KeyHash.hash(key)).as("key %s", key).isEqualTo(Xxh64.hash(jdk, 0, jdk.length));
        }
    }
}
