package io.synapserouter.routing.identity.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Form-style query coding as Synapse's web framework reads it: {@code +} is a space, {@code %XY} a
 * byte, and a malformed escape stays as it was written.
 */
public final class QueryCodec {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryCodec() {
    }

    /** Decodes {@code s[from, to)}; returns the plain substring when nothing needs decoding. */
    public static String decode(String s, int from, int to) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                break;
            }
            i++;
        }
        if (i == to) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int j = from; j < to; j++) {
            char c = s.charAt(j);
            int escaped;
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && (escaped = byteAt(s, j + 1, to)) >= 0) {
                out.write(escaped);
                j += 2;
            } else if (c < 0x100) {
                out.write(c); // a char below 0x100 stands for the byte the client sent
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The byte value of the two hex digits at {@code s[at, at+2)}, or -1 when they are not two hex digits before {@code to}. */
    private static int byteAt(String s, int at, int to) {
        if (at + 2 > to) {
            return -1;
        }
        int hi = hexDigit(s.charAt(at));
        int lo = hexDigit(s.charAt(at + 1));
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, over the UTF-8 bytes of {@code value}. */
    public static void encode(StringBuilder out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
            }
        }
    }
}
