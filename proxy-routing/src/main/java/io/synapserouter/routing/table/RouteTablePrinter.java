package io.synapserouter.routing.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link RoutePlan} as the text table {@code check} prints: per listener, every rule in
 * order with its methods, condition, target pool, key, fallback and whether it is active, then where
 * everything else goes. The pattern comes last so that long regexes do not push the columns apart; a
 * note after it says why a rule is skipped or sent to main.
 */
public final class RouteTablePrinter {

    private static final String[] HEADER = {"#", "rule", "methods", "when", "pool", "key", "fallback", "status", "pattern"};

    private RouteTablePrinter() {
    }

    public static String render(RoutePlan plan) {
        StringBuilder out = new StringBuilder();
        for (String listener : List.of(RuleSpec.CLIENT, RuleSpec.FEDERATION)) {
            List<PlannedRule> rules = plan.rules(listener);
            long active = rules.stream().filter(PlannedRule::active).count();
            out.append(listener).append(" listener: ").append(active).append(" active of ").append(rules.size())
                    .append(" rules, first match wins\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (PlannedRule rule : rules) {
                rows.add(row(rule));
            }
            rows.add(new String[] {"", "(anything else)", "*", "-", plan.defaultPool(listener), "none", "-", "active", ""});
            appendAligned(out, rows);
            out.append('\n');
        }
        return out.toString();
    }

    private static String[] row(PlannedRule rule) {
        String pattern = rule.pattern().pattern();
        if (!rule.note().isEmpty()) {
            pattern += "   # " + rule.note();
        }
        return new String[] {
            Integer.toString(rule.order()),
            rule.name(),
            rule.methods().toString(),
            rule.condition().label(),
            rule.pool(),
            rule.key().name().toLowerCase(Locale.ROOT),
            rule.fallback().isEmpty() ? "-" : String.join(",", rule.fallback()),
            rule.active() ? "active" : "skipped",
            pattern
        };
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int columns = HEADER.length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                if (c == 0) {
                    line.append(" ".repeat(widths[c] - cell.length())).append(cell);
                } else if (c == columns - 1) {
                    line.append(cell);
                } else {
                    line.append(cell).append(" ".repeat(widths[c] - cell.length()));
                }
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
