package io.synapserouter.bench.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small summaries of per-round figures. */
final class Stats {

    private Stats() {
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
