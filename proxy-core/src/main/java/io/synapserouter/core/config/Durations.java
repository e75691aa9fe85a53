package io.synapserouter.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: a whole number and a unit ({@code 250ms}, {@code 2s},
 * {@code 5m}, {@code 1h}, {@code 1d}), or several in a row ({@code 1h30m}). A bare number is refused
 * (seconds or milliseconds? the file should say), except {@code 0}.
 */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException saying what a duration looks like
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(s).matches()) {
            throw new IllegalArgumentException(hint(text));
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(s);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return total;
    }

    /** The shortest exact spelling that {@link #parse} reads back: 180 s is {@code 3m}, 1500 ms is {@code 1500ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (!d.equals(Duration.ofMillis(ms)) || ms < 0) {
            return d.toString();
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    private static String hint(String text) {
        String s = text.trim();
        if (s.matches("\\d+")) {
            return "'" + text + "' needs a unit: write " + s + "s, " + s + "ms, " + s + "m, … (ms, s, m, h, d)";
        }
        if (s.startsWith("-")) {
            return "'" + text + "' is negative; a duration is 0 or more";
        }
        return "'" + text + "' is not a duration; write a whole number and a unit, e.g. 250ms, 2s, 5m, 1h, 1d or 1h30m";
    }
}
