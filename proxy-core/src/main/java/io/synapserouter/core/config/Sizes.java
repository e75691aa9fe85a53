package io.synapserouter.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as operators write them: {@code 512}, {@code 16K}, {@code 50M}, {@code 1G}. Every multiple
 * is binary, as in nginx and Synapse ({@code 50M} is 50 MiB); {@code KiB}/{@code MiB}/{@code GiB}, and
 * {@code KB}/{@code MB}/{@code GB}, are accepted and mean the same.
 */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /**
     * @throws IllegalArgumentException saying what a size looks like
     */
    public static long parse(String text) {
        String s = text.trim();
        Matcher m = SIZE.matcher(s);
        if (!m.matches() || (m.group(3) != null && m.group(3).length() == 2 && m.group(2).isEmpty())) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes or a whole number with K, M or G"
                    + " (binary: 16K = 16384), e.g. 512, 16K, 50M, 1G");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            long amount = Long.parseLong(m.group(1));
            if (amount > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return amount << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
    }

    /** The shortest exact spelling that {@link #parse} reads back: 52428800 is {@code 50M}. */
    public static String format(long bytes) {
        String[] units = {"G", "M", "K"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes >> shifts[i]) + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
