package io.synapserouter.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.bench.compare.Report.Goal;
import io.synapserouter.bench.compare.Report.Row;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void ratiosAreRouterOverNginxAndTargetsAreJudgedByTheirGoal() {
        Row plain = new Row("plain", "throughput", "req/s", 30_000.0, 25_000.0, Goal.RATIO_AT_LEAST, 1.0, null);
        Row sticky = new Row("sticky", "throughput", "req/s", 30_000.0, 25_000.0, Goal.RATIO_AT_LEAST, 1.5, null);
        Row storm = new Row("storm", "calls", "", 1.0, 9.9, Goal.ROUTER_EXACTLY, 1.0, null);
        Row stormMiss = new Row("storm", "calls", "", 1.2, 9.9, Goal.ROUTER_EXACTLY, 1.0, null);
        Row rss = new Row("rss", "peak", "MiB", 310.0, null, Goal.ROUTER_AT_MOST, 300, null);
        Row p99 = new Row("p99", "added", "ms", 0.2, 0.3, Goal.ROUTER_AT_MOST_NGINX, 0, null);

        assertThat(plain.ratio()).isEqualTo(1.2);
        assertThat(plain.met()).isTrue();
        assertThat(sticky.met()).isFalse();
        assertThat(storm.met()).isTrue();
        assertThat(stormMiss.met()).isFalse();
        assertThat(rss.met()).isFalse();
        assertThat(rss.ratio()).isNull();
        assertThat(p99.met()).isTrue();
    }

    @Test
    void aContenderThatDidNotRunIsShownAsSuchAndJudgedNowhere() {
        Report report = new Report();
        report.row(new Row("plain", "throughput", "req/s", null, 25_000.0, Goal.RATIO_AT_LEAST, 1.0, "backend alone: 70,000"));

        String md = report.markdown("not available");

        assertThat(md).contains("| plain | throughput (req/s) | not available | 25,000 | – | ≥ 1.00 × | – |")
                .contains("- plain, throughput: backend alone: 70,000");
    }
}
