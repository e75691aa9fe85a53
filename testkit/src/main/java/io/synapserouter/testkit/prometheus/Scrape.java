package io.synapserouter.testkit.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition, parsed just enough for assertions: name, labels,
 * value. Label values in our output never contain commas or escaped quotes, which keeps this small.
 */
public final class Scrape {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();

    public Scrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String pair : body.split(",")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
            } else {
                name = line.substring(0, space);
            }
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sum of all samples named {@code name} whose labels include every given pair. */
    public double sum(String name, String... labelPairs) {
        double total = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s.labels(), labelPairs)) {
                total += s.value();
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no sample " + name + " with " + String.join(",", labelPairs));
        }
        return total;
    }

    public boolean has(String name, String... labelPairs) {
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s.labels(), labelPairs)) {
                return true;
            }
        }
        return false;
    }

    public int seriesCount() {
        return samples.size();
    }

    private static boolean matches(Map<String, String> labels, String[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
