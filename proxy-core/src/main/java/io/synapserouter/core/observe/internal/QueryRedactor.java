package io.synapserouter.core.observe.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Replaces the values of secret query parameters in a raw request-target (or a URL) with a marker,
 * leaving every other byte as sent.
 *
 * <p>Names are compared after percent-decoding and case-folding, because the server decodes names
 * before it looks them up: {@code access%5Ftoken=…} is still a token. Both {@code &} and {@code ;}
 * end a parameter, so that no reading of the query leaves a secret visible.
 */
public final class QueryRedactor {

    public static final String MARKER = "[redacted]";

    private final Set<String> secretNames;

    /** @param secretNames parameter names whose values must never be written out (any case) */
    public QueryRedactor(Set<String> secretNames) {
        Set<String> folded = new java.util.HashSet<>();
        for (String name : secretNames) {
            folded.add(name.toLowerCase(Locale.ROOT));
        }
        this.secretNames = Set.copyOf(folded);
    }

    /** The target with secret values replaced; the same instance when there was nothing to redact. */
    public String redact(String target) {
        if (target == null || secretNames.isEmpty()) {
            return target;
        }
        int query = target.indexOf('?');
        if (query < 0) {
            return target;
        }
        StringBuilder out = null;
        int copied = 0;
        int start = query + 1;
        int length = target.length();
        while (start <= length) {
            int end = start;
            while (end < length && target.charAt(end) != '&' && target.charAt(end) != ';' && target.charAt(end) != '#') {
                end++;
            }
            int equals = target.indexOf('=', start);
            if (equals > start && equals < end && isSecret(target, start, equals)) {
                if (out == null) {
                    out = new StringBuilder(length + MARKER.length());
                }
                out.append(target, copied, equals + 1).append(MARKER);
                copied = end;
            }
            if (end >= length || target.charAt(end) == '#') {
                break;
            }
            start = end + 1;
        }
        if (out == null) {
            return target;
        }
        return out.append(target, copied, length).toString();
    }

    private boolean isSecret(String target, int from, int to) {
        String name = percentDecode(target, from, to).toLowerCase(Locale.ROOT);
        return secretNames.contains(name);
    }

    /** Lenient: a malformed escape is kept as written (and then matches no secret name). */
    private static String percentDecode(String s, int from, int to) {
        int percent = s.indexOf('%', from);
        if (percent < 0 || percent >= to) {
            return s.substring(from, to);
        }
        StringBuilder decoded = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    decoded.append((char) (hi << 4 | lo));
                    i += 2;
                    continue;
                }
            }
            decoded.append(c);
        }
        return decoded.toString();
    }
}
