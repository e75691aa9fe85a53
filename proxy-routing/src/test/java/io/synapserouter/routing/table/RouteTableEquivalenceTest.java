package io.synapserouter.routing.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compiled table must answer exactly what trying each rule in order answers. Paths are generated
 * from the literals of the patterns themselves (so that near-misses are common), room IDs in every
 * encoding and stray punctuation; the reference is a plain loop of {@code Matcher.find()}.
 */
class RouteTableEquivalenceTest {

    private static final HttpMethod[] METHODS = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.POST,
        HttpMethod.DELETE, HttpMethod.OPTIONS};

    /** Patterns an operator might write, chosen to hit every corner of the pattern analysis. */
    private static final List<String> TRICKY = List.of(
            "/typing",
            "(?i)^/_MATRIX/client/v3/sync$",
            "^/_matrix/client/v3/(a|b|)c",
            "^/_matrix/client/v3/x\\.y$",
            "^/_matrix/client/(v3|r0)/rooms/[^/]+/messages$",
            "^(/_matrix/client/v3/a|/_synapse/b)$",
            "^/_matrix/client/v3/a|/b",
            "^/_matrix/client/v3/foo(/|$)",
            "^/_matrix/client/v3/a{2}",
            "^/_matrix/client/v3/ab?c",
            "^/_matrix/client/v3/a(?=b)",
            "^/_matrix/client/v3/a(bc)*d",
            "^/_matrix/client/v3/a(bc)+d",
            "^/_matrix/client/v3/[]]x",
            "^/_matrix/client/v3/a\\$",
            "^\\Q/_matrix/client/v3/a.b\\E",
            "^/_matrix/client/v3/x$|^/_matrix/client/v3/y$",
            "^/_matrix/client/(?:v3|r0)/(?:sync|events)$",
            "^/_matrix/client/v3/(a$|b)",
            "^/_matrix/client/v3/(a|b)$x?",
            "sync$",
            "^/_matrix/client/v3/\\d+$",
            "^/_matrix/(client|federation)/.*%21",
            "^/_matrix/client/v3/(?<name>rooms)/",
            "^$",
            "^/_matrix/client/v3/(((a)))b");

    @Test
    void theBuiltinTableAnswersLikeALinearScanOfItsRules() {
        for (String listener : List.of(RuleSpec.CLIENT, RuleSpec.FEDERATION)) {
            List<RouteTable.Entry<Integer>> entries = new ArrayList<>();
            for (RuleSpec spec : BuiltinRoutes.load()) {
                if (spec.listener().equals(listener)) {
                    entries.add(new RouteTable.Entry<>(spec.pattern(), spec.methods(), spec.condition(), entries.size()));
                }
            }
            assertEquivalent(entries, 40_000, 7L + listener.hashCode());
        }
    }

    @Test
    void operatorStylePatternsAheadOfTheBuiltinTableAnswerLikeALinearScan() {
        List<RouteTable.Entry<Integer>> entries = new ArrayList<>();
        for (String p : TRICKY) {
            entries.add(new RouteTable.Entry<>(Pattern.compile(p), MethodFilter.any(), RequestCondition.ALWAYS, entries.size()));
        }
        for (RuleSpec spec : BuiltinRoutes.load()) {
            if (spec.listener().equals(RuleSpec.CLIENT)) {
                entries.add(new RouteTable.Entry<>(spec.pattern(), spec.methods(), spec.condition(), entries.size()));
            }
        }
        assertEquivalent(entries, 40_000, 11L);
    }

    @Test
    void eachOperatorStylePatternAloneAnswersLikeItsRegex() {
        for (int i = 0; i < TRICKY.size(); i++) {
            List<RouteTable.Entry<Integer>> entries = List.of(
                    new RouteTable.Entry<>(Pattern.compile(TRICKY.get(i)), MethodFilter.any(), RequestCondition.ALWAYS, 0));
            assertEquivalent(entries, 4_000, 100L + i, 0);
        }
    }

    @Test
    void aCaseInsensitivePatternStillMatchesAnyCase() {
        List<RouteTable.Entry<String>> entries = List.of(
                new RouteTable.Entry<>(Pattern.compile("^/_matrix/client/v3/SYNC$", Pattern.CASE_INSENSITIVE),
                        MethodFilter.any(), RequestCondition.ALWAYS, "ci"));
        RouteTable<String> table = RouteTable.compile(entries);
        assertThat(table.match("/_matrix/client/v3/sync", HttpMethod.GET)).isEqualTo("ci");
        assertThat(table.match("/_MATRIX/CLIENT/V3/Sync?x=1", HttpMethod.GET)).isEqualTo("ci");
    }

    private static void assertEquivalent(List<RouteTable.Entry<Integer>> entries, int paths, long seed) {
        assertEquivalent(entries, paths, seed, paths / 10);
    }

    private static void assertEquivalent(List<RouteTable.Entry<Integer>> entries, int paths, long seed, int minimumMatched) {
        RouteTable<Integer> table = RouteTable.compile(entries);
        List<String> words = words(entries);
        Random random = new Random(seed);
        List<String> mismatches = new ArrayList<>();
        int matched = 0;
        for (int n = 0; n < paths && mismatches.size() < 10; n++) {
            String target = path(random, words);
            HttpMethod method = METHODS[random.nextInt(METHODS.length)];
            Integer expected = linear(entries, target, method);
            Integer actual = table.match(target, method);
            if (expected != null) {
                matched++;
            }
            if (!java.util.Objects.equals(expected, actual)) {
                mismatches.add(method + " " + target + ": expected rule " + describe(entries, expected)
                        + " but got " + describe(entries, actual));
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(matched).as("generated paths that some rule matches").isGreaterThanOrEqualTo(minimumMatched);
    }

    private static String describe(List<RouteTable.Entry<Integer>> entries, Integer index) {
        return index == null ? "none" : index + " " + entries.get(index).pattern().pattern();
    }

    private static Integer linear(List<RouteTable.Entry<Integer>> entries, String target, HttpMethod method) {
        int q = target.indexOf('?');
        int pathEnd = q < 0 ? target.length() : q;
        for (RouteTable.Entry<Integer> e : entries) {
            Matcher m = e.pattern().matcher(target).region(0, pathEnd);
            if (e.methods().allows(method) && m.find() && e.condition().test(target, pathEnd)) {
                return e.target();
            }
        }
        return null;
    }

    /** The literal words of the patterns, plus room IDs in every encoding and odd characters. */
    private static List<String> words(List<RouteTable.Entry<Integer>> entries) {
        Set<String> words = new LinkedHashSet<>();
        Pattern word = Pattern.compile("[A-Za-z0-9_.=\\-]+");
        for (RouteTable.Entry<Integer> e : entries) {
            Matcher m = word.matcher(e.pattern().pattern().replace("\\.", "."));
            while (m.find()) {
                words.add(m.group());
            }
        }
        words.addAll(List.of("_matrix", "_synapse", "client", "federation", "media", "admin", "api/v1", "unstable/x",
                "!abc:example.org", "%21abc%3Aexample.org", "%21abc%3aexample.org", "!abc%3Aexample.org", "%21abc:ex",
                "!a/b:c", "!:x", "!x:", "@alice:example.org", "$ev1", "%23alias%3Aexample.org", "", "x",
                "%", "!", ":", "%3A"));
        return new ArrayList<>(words);
    }

    /** Short strings around the tricky patterns' edges: quantifiers, optional groups, classes. */
    private static final List<String> EDGES = List.of("a", "b", "c", "d", "x", "y", "ac", "abc", "abbc", "ad", "abcd",
            "abcbcd", "abd", "bc", "ab", "aa", "aaa", "]x", "a$", "a.b", "a-b", "x.y", "xzy", "foo", "fooo", "42", "4x",
            "SYNC", "Sync", "sync", "events", "rooms", "ax", "bx", "b/c");

    private static String word(Random random, List<String> words) {
        return random.nextInt(3) == 0 ? EDGES.get(random.nextInt(EDGES.size())) : words.get(random.nextInt(words.size()));
    }

    private static String path(Random random, List<String> words) {
        StringBuilder path = new StringBuilder();
        int start = random.nextInt(10);
        if (start < 6) {
            path.append("/_matrix/client/").append(List.of("v3", "r0", "api/v1", "unstable", "v1", "v3").get(random.nextInt(6)));
        } else if (start < 8) {
            path.append("/_matrix/").append(List.of("federation/v1", "federation/v2", "key/v2", "media/v3").get(random.nextInt(4)));
        } else if (start < 9) {
            path.append("/_synapse/").append(List.of("admin/v1", "admin/v2", "client", "media").get(random.nextInt(4)));
        }
        int segments = random.nextInt(6);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(word(random, words));
            if (random.nextInt(8) == 0) {
                path.append(word(random, words));
            }
        }
        if (random.nextInt(5) == 0) {
            path.append('/');
        }
        switch (random.nextInt(8)) {
            case 0 -> path.append("?since=s1");
            case 1 -> path.append("?full_state=true&since=s1");
            case 2 -> path.append("?from=t&x=/typing");
            case 3 -> path.append("?since=");
            default -> {
            }
        }
        return path.toString();
    }
}
