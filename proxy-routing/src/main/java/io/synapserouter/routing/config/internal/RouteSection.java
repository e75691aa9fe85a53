package io.synapserouter.routing.config.internal;

import io.synapserouter.core.config.ConfigNode;
import io.synapserouter.core.config.ConfigSection;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.RouteRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code routes:}, the operator's own rules, checked in order ahead of the built-in table. */
public final class RouteSection {

    /** An HTTP method is a token; in practice, upper-case letters. */
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private RouteSection() {
    }

    public static List<RouteRule> read(ConfigSection root) {
        List<RouteRule> rules = new ArrayList<>();
        Map<String, ConfigNode> names = new HashMap<>();
        List<ConfigNode> items = root.list("routes").items();
        for (int i = 0; i < items.size(); i++) {
            ConfigNode item = items.get(i);
            int index = i;
            RouteRule rule = root.problems().attempt(() -> rule(root, item, index, names), null);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static RouteRule rule(ConfigSection root, ConfigNode item, int index, Map<String, ConfigNode> names) {
        ConfigSection r = ConfigSection.of(item.asMap(), Keys.ROUTE, root.problems());
        String name = r.get("name", ConfigNode::asText, "route-" + index);
        r.find("name").ifPresent(node -> {
            ConfigNode first = names.putIfAbsent(name, node);
            if (first != null) {
                r.problems().add(node.problem("duplicate route name '" + name + "' (also " + first.path() + " at line " + first.line() + ")"));
            }
        });
        String listener = r.get("listener", n -> n.asChoice(Keys.LISTENER_NAMES), null);
        Pattern path = r.require("path", "a regular expression matched against the raw request path, e.g. \"^/_synapse/admin/\"",
                ConfigNode::asRegex);
        Set<String> methods = methods(r);
        String pool = r.get("pool", n -> n.asChoice(Keys.ROUTE_POOLS), null);
        HostPort upstream = r.get("upstream", UpstreamSection::upstream, null);
        KeyKind key = r.enumValue("key", KeyKind.class, KeyKind.NONE);

        boolean hasPool = r.find("pool").isPresent();
        boolean hasUpstream = r.find("upstream").isPresent();
        if (hasPool == hasUpstream) {
            throw item.error(hasPool
                    ? "has both pool and upstream; a route targets exactly one of them"
                    : "needs a target: pool (one of " + String.join(", ", Keys.ROUTE_POOLS) + ") or upstream (host:port)");
        }
        if (path == null || (hasPool && pool == null) || (hasUpstream && upstream == null)) {
            return null; // the problem is recorded already
        }
        return new RouteRule(name, listener, path, methods, pool, upstream, key);
    }

    private static Set<String> methods(ConfigSection r) {
        Set<String> methods = new LinkedHashSet<>();
        for (ConfigNode node : r.list("methods").items()) {
            String method = r.problems().attempt(() -> {
                String m = node.asText().trim().toUpperCase(Locale.ROOT);
                if (!METHOD.matcher(m).matches()) {
                    throw node.error("'" + node.asText() + "' is not an HTTP method (GET, POST, PUT, …)");
                }
                return m;
            }, null);
            if (method != null) {
                methods.add(method);
            }
        }
        return methods;
    }
}
