package io.synapserouter.core.observe.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Keeps library binders within Prometheus's naming rules, so that {@code promtool check metrics}
 * finds nothing to lint: every meter gets help text, a gauge may not end in {@code _count}, and CPU
 * time is reported in seconds (by {@code ProxyMetrics}) instead of Micrometer's nanosecond counter.
 */
public final class PrometheusHygiene implements MeterFilter {

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        // Replaced by process_cpu_seconds_total: a unit suffix "_ns" is not a base unit.
        return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = id.getName();
        if (name.equals("system.cpu.count")) {
            name = "system.cpu.processors";
        }
        String description = id.getDescription();
        if (description == null || description.isBlank()) {
            description = describe(name);
        }
        if (name.equals(id.getName()) && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType());
    }

    private static String describe(String name) {
        if (name.startsWith("netty.allocator.")) {
            return "Netty buffer allocator: " + name.substring("netty.allocator.".length()).replace('.', ' ');
        }
        return name.replace('.', ' ');
    }
}
