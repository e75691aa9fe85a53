package io.synapserouter.routing.key;

/**
 * Finds the room ID in a raw request path, the way the public worker lists recognise one:
 * {@code !localpart:server}, where {@code !} may arrive as {@code %21} and {@code :} as {@code %3A}
 * (either hex case). The first such ID in the path wins.
 *
 * <p>The answer is normalised to {@code !localpart:server} so that every encoding of one room gives the
 * same key. Only an ID that was percent-encoded costs a copy beyond the one substring.
 */
public final class RoomIds {

    private RoomIds() {
    }

    /**
     * @param target the raw request-target
     * @param from   where to start looking
     * @param end    where the path ends (the {@code ?}, or the target length)
     * @return the normalised room ID, or null when the path holds none
     */
    public static String find(String target, int from, int end) {
        int i = from;
        while (i < end) {
            int markerEnd = markerEnd(target, i, end);
            if (markerEnd < 0) {
                i++;
                continue;
            }
            int localEnd = markerEnd;
            while (localEnd < end && isLocalpartChar(target.charAt(localEnd))) {
                localEnd++;
            }
            if (localEnd > markerEnd) {
                int separatorEnd = separatorEnd(target, localEnd, end);
                if (separatorEnd > 0) {
                    int serverEnd = separatorEnd;
                    while (serverEnd < end && isServerChar(target.charAt(serverEnd))) {
                        serverEnd++;
                    }
                    if (serverEnd > separatorEnd) {
                        return normalised(target, i, markerEnd, localEnd, separatorEnd, serverEnd);
                    }
                }
            }
            i++;
        }
        return null;
    }

    /** Convenience for a whole path. */
    public static String find(String path) {
        return find(path, 0, path.length());
    }

    private static String normalised(String target, int start, int markerEnd, int localEnd, int separatorEnd, int serverEnd) {
        boolean plainMarker = markerEnd - start == 1;
        boolean plainSeparator = separatorEnd - localEnd == 1;
        if (plainMarker && plainSeparator) {
            return target.substring(start, serverEnd);
        }
        StringBuilder id = new StringBuilder(2 + (localEnd - markerEnd) + (serverEnd - separatorEnd));
        id.append('!').append(target, markerEnd, localEnd).append(':').append(target, separatorEnd, serverEnd);
        return id.toString();
    }

    /** The index after {@code !} or {@code %21} at {@code i}, or -1. */
    private static int markerEnd(String s, int i, int end) {
        char c = s.charAt(i);
        if (c == '!') {
            return i + 1;
        }
        if (c == '%' && i + 2 < end && s.charAt(i + 1) == '2' && s.charAt(i + 2) == '1') {
            return i + 3;
        }
        return -1;
    }

    /** The index after {@code :} or {@code %3A}/{@code %3a} at {@code i}, or -1. */
    private static int separatorEnd(String s, int i, int end) {
        if (i >= end) {
            return -1;
        }
        char c = s.charAt(i);
        if (c == ':') {
            return i + 1;
        }
        if (c == '%' && i + 2 < end && s.charAt(i + 1) == '3' && (s.charAt(i + 2) == 'A' || s.charAt(i + 2) == 'a')) {
            return i + 3;
        }
        return -1;
    }

    // The character sets of the public lists: [A-Za-z0-9._=\-/] and [A-Za-z0-9.\-].
    private static boolean isLocalpartChar(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '=' || c == '-' || c == '/';
    }

    private static boolean isServerChar(char c) {
        return isAlnum(c) || c == '.' || c == '-';
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
