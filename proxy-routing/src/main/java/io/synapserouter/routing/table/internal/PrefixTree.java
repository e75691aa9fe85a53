package io.synapserouter.routing.table.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A radix tree over the literal prefixes of every rule. Each node holds the checks of all rules whose
 * prefixes end at it or above it, sorted by rule order, so one walk down the path yields the only rules
 * that can match it, in the order that decides the first match.
 */
public final class PrefixTree {

    private static final RuleCheck[] NONE = new RuleCheck[0];

    private final Node root;

    private PrefixTree(Node root) {
        this.root = root;
    }

    /** The rules' checks for a path: those of the deepest node whose prefix starts it. */
    public RuleCheck[] candidates(String s, int end) {
        Node node = root;
        int pos = 0;
        while (pos < end) {
            Node child = node.child(s.charAt(pos));
            if (child == null) {
                break;
            }
            String label = child.label;
            if (pos + label.length() > end || !s.startsWith(label, pos)) {
                break;
            }
            pos += label.length();
            node = child;
        }
        return node.checks;
    }

    /** The number of nodes, for tests and diagnostics. */
    public int size() {
        return root.count();
    }

    public static PrefixTree build(List<CompiledRule> rules) {
        Building root = new Building();
        for (CompiledRule rule : rules) {
            for (PatternAnalysis.Variant v : rule.analysis().variants()) {
                Building node = root;
                for (int i = 0; i < v.prefix().length(); i++) {
                    node = node.children.computeIfAbsent(v.prefix().charAt(i), c -> new Building());
                }
                node.own.add(new Own(rule, v));
            }
        }
        return new PrefixTree(compress("", root, mergeInto(new TreeMap<>(BY_ORDER), root)));
    }

    private static final Comparator<CompiledRule> BY_ORDER = Comparator.comparingInt(CompiledRule::index);

    private static Node compress(String label, Building node, Map<CompiledRule, Merge> merged) {
        RuleCheck[] checks = toChecks(merged);
        List<Node> children = new ArrayList<>();
        for (Map.Entry<Character, Building> e : node.children.entrySet()) {
            StringBuilder edge = new StringBuilder().append(e.getKey().charValue());
            Building child = e.getValue();
            // Follow single-child chains with no rules of their own into one edge.
            while (child.own.isEmpty() && child.children.size() == 1) {
                Map.Entry<Character, Building> only = child.children.firstEntry();
                edge.append(only.getKey().charValue());
                child = only.getValue();
            }
            children.add(compress(edge.toString(), child, mergeInto(merged, child)));
        }
        return new Node(label, children.toArray(Node[]::new), checks);
    }

    private static Map<CompiledRule, Merge> mergeInto(Map<CompiledRule, Merge> parent, Building node) {
        if (node.own.isEmpty()) {
            return parent;
        }
        TreeMap<CompiledRule, Merge> merged = new TreeMap<>(BY_ORDER);
        parent.forEach((rule, m) -> merged.put(rule, m.copy()));
        for (Own own : node.own) {
            merged.computeIfAbsent(own.rule, r -> new Merge()).add(own.variant);
        }
        return merged;
    }

    private static RuleCheck[] toChecks(Map<CompiledRule, Merge> merged) {
        if (merged.isEmpty()) {
            return NONE;
        }
        List<RuleCheck> checks = new ArrayList<>(merged.size());
        merged.forEach((rule, m) -> checks.add(m.toCheck(rule)));
        return checks.toArray(RuleCheck[]::new);
    }

    private record Own(CompiledRule rule, PatternAnalysis.Variant variant) {
    }

    private static final class Building {
        final TreeMap<Character, Building> children = new TreeMap<>();
        final List<Own> own = new ArrayList<>();
    }

    /** What is known of one rule along one path of the tree. */
    private static final class Merge {
        boolean prefix;
        boolean regex;
        final List<Integer> exact = new ArrayList<>();

        void add(PatternAnalysis.Variant v) {
            switch (v.kind()) {
                case PREFIX -> prefix = true;
                case REGEX -> regex = true;
                case EXACT -> exact.add(v.prefix().length());
            }
        }

        Merge copy() {
            Merge m = new Merge();
            m.prefix = prefix;
            m.regex = regex;
            m.exact.addAll(exact);
            return m;
        }

        RuleCheck toCheck(CompiledRule rule) {
            int[] lengths = prefix ? new int[0] : exact.stream().mapToInt(Integer::intValue).distinct().toArray();
            return new RuleCheck(rule, prefix, lengths, regex && !prefix);
        }
    }

    private static final class Node {
        final String label;
        final char[] firsts;
        final Node[] children;
        final RuleCheck[] checks;

        Node(String label, Node[] children, RuleCheck[] checks) {
            this.label = label;
            this.children = children;
            this.checks = checks;
            this.firsts = new char[children.length];
            for (int i = 0; i < children.length; i++) {
                firsts[i] = children[i].label.charAt(0);
            }
        }

        Node child(char c) {
            for (int i = 0; i < firsts.length; i++) {
                if (firsts[i] == c) {
                    return children[i];
                }
            }
            return null;
        }

        int count() {
            int n = 1;
            for (Node child : children) {
                n += child.count();
            }
            return n;
        }
    }
}
