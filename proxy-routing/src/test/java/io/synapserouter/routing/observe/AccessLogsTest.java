package io.synapserouter.routing.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.observe.AccessLog;
import io.synapserouter.core.observe.AccessLogFormat;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.routing.config.AccessLogSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class AccessLogsTest {

    @Test
    void absentOrDisabledSettingsGiveNoAccessLog() {
        assertThat(AccessLogs.create(null)).isEmpty();
        assertThat(AccessLogs.create(new AccessLogSettings(false, AccessLogSettings.Format.JSON))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AccessLogSettings.Format.class)
    void eachConfiguredFormatRedactsTheMatrixAccessToken(AccessLogSettings.Format format) {
        AccessLog log = AccessLogs.create(new AccessLogSettings(true, format)).orElseThrow();
        assertThat(log.format().name()).isEqualTo(format.name());

        String line = log.format(new ExchangeRecord("client", "192.0.2.1", "GET",
                "/_matrix/client/v3/account/whoami?access_token=syt_c2VjcmV0_abcdefghijklmnopqrst_0a1b2c", "HTTP/1.1",
                "matrix.example.org", "ua", null, 200, "client_reader", "client_reader", "reader-1:8081", 200, 0, 50,
                0L, 1_000_000, 900_000, false, ExchangeRecord.Outcome.PROXIED));

        assertThat(line).contains("access_token=[redacted]").doesNotContain("syt_");
    }

    @Test
    void aMissingFormatMeansCombined() {
        assertThat(AccessLogs.format(null)).isEqualTo(AccessLogFormat.COMBINED);
    }
}
