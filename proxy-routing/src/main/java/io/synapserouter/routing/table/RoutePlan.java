package io.synapserouter.routing.table;

import java.util.List;

/**
 * The effective route table of a deployment: every rule of both listeners, in order, active or
 * skipped, and where requests that match nothing go.
 */
public final class RoutePlan {

    private final List<PlannedRule> client;
    private final List<PlannedRule> federation;

    RoutePlan(List<PlannedRule> client, List<PlannedRule> federation) {
        this.client = List.copyOf(client);
        this.federation = List.copyOf(federation);
    }

    /** All rules of a listener, active and skipped, in order. */
    public List<PlannedRule> rules(String listener) {
        return RuleSpec.FEDERATION.equals(listener) ? federation : client;
    }

    /** The active rules of a listener, in order. */
    public List<PlannedRule> activeRules(String listener) {
        return rules(listener).stream().filter(PlannedRule::active).toList();
    }

    /** Where a request that matches no rule goes: {@code main} or {@code main_federation}. */
    public String defaultPool(String listener) {
        return RuleSpec.mainPoolOf(listener);
    }
}
