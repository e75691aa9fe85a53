package io.synapserouter.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison's raw figures (a JSON tree) and its summary table (markdown). */
final class Report {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How a row's target is judged. */
    enum Goal { RATIO_AT_LEAST, ROUTER_AT_MOST, ROUTER_EXACTLY, ROUTER_AT_MOST_NGINX, NONE }

    /**
     * One line of the table.
     *
     * @param router  the router's figure, null when it did not run
     * @param nginx   nginx's figure, null when it did not run
     * @param goal    how {@code target} applies
     * @param target  the number the goal compares with
     */
    record Row(String scenario, String metric, String unit, Double router, Double nginx, Goal goal, double target,
               String note) {

        Double ratio() {
            return router == null || nginx == null || nginx == 0 ? null : router / nginx;
        }

        Boolean met() {
            return switch (goal) {
                case RATIO_AT_LEAST -> ratio() == null ? null : ratio() >= target;
                case ROUTER_AT_MOST -> router == null ? null : router <= target;
                case ROUTER_EXACTLY -> router == null ? null : Math.abs(router - target) < 1e-9;
                case ROUTER_AT_MOST_NGINX -> ratio() == null && (router == null || nginx == null) ? null : router <= nginx;
                case NONE -> null;
            };
        }

        String targetText() {
            return switch (goal) {
                case RATIO_AT_LEAST -> "≥ " + fmt(target) + " ×";
                case ROUTER_AT_MOST -> "router ≤ " + fmt(target) + " " + unit;
                case ROUTER_EXACTLY -> "router = " + fmt(target);
                case ROUTER_AT_MOST_NGINX -> "router ≤ nginx";
                case NONE -> "";
            };
        }
    }

    final ObjectNode root = JSON.createObjectNode();
    private final List<Row> rows = new ArrayList<>();

    void row(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return rows;
    }

    String markdown(String routerNote) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | metric | router | nginx | router/nginx | target | met |\n");
        sb.append("|---|---|---:|---:|---:|---|:---:|\n");
        for (Row r : rows) {
            Boolean met = r.met();
            sb.append("| ").append(r.scenario())
                    .append(" | ").append(r.metric()).append(r.unit().isEmpty() ? "" : " (" + r.unit() + ")")
                    .append(" | ").append(r.router() == null ? routerNote : fmt(r.router()))
                    .append(" | ").append(r.nginx() == null ? "n/a" : fmt(r.nginx()))
                    .append(" | ").append(r.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .append(" | ").append(r.targetText())
                    .append(" | ").append(met == null ? "–" : met ? "yes" : "**no**")
                    .append(" |\n");
        }
        boolean header = false;
        for (Row r : rows) {
            if (r.note() != null && !r.note().isEmpty()) {
                sb.append(header ? "" : "\n").append("- ").append(r.scenario()).append(", ").append(r.metric())
                        .append(": ").append(r.note()).append('\n');
                header = true;
            }
        }
        return sb.toString();
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    void write(Path json, Path markdown, String table) throws IOException {
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), root);
        Files.writeString(markdown, table);
    }
}
