package io.synapserouter.core.observe;

import io.synapserouter.core.observe.internal.LogText;
import io.synapserouter.core.observe.internal.QueryRedactor;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per finished request on the logger {@value #LOGGER_NAME}, at INFO, so that operators
 * route it to its own appender (and turn it off by level).
 *
 * <p>Secrets: the values of the configured query parameters are replaced with {@code [redacted]} in
 * the request-target and in the Referer, in every format. Request headers other than Host,
 * User-Agent and Referer are never seen here, so an Authorization header cannot be logged.
 */
public final class AccessLog implements ExchangeListener {

    public static final String LOGGER_NAME = "synapse_router.access";

    private static final DateTimeFormatter COMBINED_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final AccessLogFormat format;
    private final QueryRedactor redactor;
    private final ZoneId zone;
    private final Logger logger;

    /**
     * @param format                 the line format
     * @param secretQueryParameters  query parameters whose values are never written (e.g. {@code access_token})
     */
    public AccessLog(AccessLogFormat format, Set<String> secretQueryParameters) {
        this(format, secretQueryParameters, ZoneId.systemDefault(), LoggerFactory.getLogger(LOGGER_NAME));
    }

    /** As above, with the time zone of the timestamps and the logger given (tests, embedding). */
    public AccessLog(AccessLogFormat format, Set<String> secretQueryParameters, ZoneId zone, Logger logger) {
        this.format = Objects.requireNonNull(format, "format");
        this.redactor = new QueryRedactor(secretQueryParameters);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    public AccessLogFormat format() {
        return format;
    }

    @Override
    public void onExchange(ExchangeRecord record) {
        if (logger.isInfoEnabled()) {
            logger.info(format(record));
        }
    }

    /** The line for one exchange, without a trailing newline. */
    public String format(ExchangeRecord r) {
        StringBuilder line = new StringBuilder(320);
        if (format == AccessLogFormat.JSON) {
            appendJson(line, r);
        } else {
            appendCombined(line, r);
            if (format == AccessLogFormat.ROUTING_DEBUG) {
                appendRoutingDebug(line, r);
            }
        }
        return line.toString();
    }

    private void appendCombined(StringBuilder line, ExchangeRecord r) {
        LogText.appendEscaped(line, r.clientAddress(), true);
        line.append(" - - [");
        COMBINED_TIME.formatTo(time(r), line);
        line.append("] \"");
        LogText.appendEscaped(line, r.method(), true);
        line.append(' ');
        LogText.appendEscaped(line, redactor.redact(r.rawTarget()), true);
        line.append(' ');
        LogText.appendEscaped(line, r.httpVersion(), true);
        line.append("\" ").append(r.status()).append(' ').append(Math.max(0, r.bytesOut())).append(" \"");
        LogText.appendEscaped(line, redactor.redact(r.referer()), false);
        line.append("\" \"");
        LogText.appendEscaped(line, r.userAgent(), false);
        line.append("\" pool=");
        LogText.appendEscaped(line, r.pool(), true);
        line.append(" upstream=");
        LogText.appendEscaped(line, r.upstream(), true);
        line.append(" upstream_status=");
        if (r.upstreamStatus() > 0) {
            line.append(r.upstreamStatus());
        } else {
            line.append('-');
        }
        line.append(" request_time=");
        LogText.appendSeconds(line, r.requestNanos());
        line.append(" upstream_time=");
        if (r.upstreamNanos() >= 0) {
            LogText.appendSeconds(line, r.upstreamNanos());
        } else {
            line.append('-');
        }
    }

    private static void appendRoutingDebug(StringBuilder line, ExchangeRecord r) {
        line.append(" listener=");
        LogText.appendEscaped(line, r.listener(), true);
        line.append(" route=");
        LogText.appendEscaped(line, r.route(), true);
        line.append(" retried=").append(r.retried());
        line.append(" outcome=").append(outcome(r));
    }

    private void appendJson(StringBuilder line, ExchangeRecord r) {
        line.append("{\"time\":\"");
        JSON_TIME.formatTo(time(r), line);
        line.append("\",\"listener\":");
        LogText.appendJsonString(line, r.listener());
        line.append(",\"client\":");
        LogText.appendJsonString(line, r.clientAddress());
        line.append(",\"method\":");
        LogText.appendJsonString(line, r.method());
        line.append(",\"target\":");
        LogText.appendJsonString(line, redactor.redact(r.rawTarget()));
        line.append(",\"protocol\":");
        LogText.appendJsonString(line, r.httpVersion());
        line.append(",\"host\":");
        LogText.appendJsonString(line, r.host());
        line.append(",\"status\":").append(r.status());
        line.append(",\"bytes_in\":").append(Math.max(0, r.bytesIn()));
        line.append(",\"bytes_out\":").append(Math.max(0, r.bytesOut()));
        line.append(",\"referer\":");
        LogText.appendJsonString(line, redactor.redact(r.referer()));
        line.append(",\"user_agent\":");
        LogText.appendJsonString(line, r.userAgent());
        line.append(",\"route\":");
        LogText.appendJsonString(line, r.route());
        line.append(",\"pool\":");
        LogText.appendJsonString(line, r.pool());
        line.append(",\"upstream\":");
        LogText.appendJsonString(line, r.upstream());
        line.append(",\"upstream_status\":");
        if (r.upstreamStatus() > 0) {
            line.append(r.upstreamStatus());
        } else {
            line.append("null");
        }
        line.append(",\"request_time\":");
        LogText.appendSeconds(line, r.requestNanos());
        line.append(",\"upstream_time\":");
        if (r.upstreamNanos() >= 0) {
            LogText.appendSeconds(line, r.upstreamNanos());
        } else {
            line.append("null");
        }
        line.append(",\"retried\":").append(r.retried());
        line.append(",\"outcome\":\"").append(outcome(r)).append("\"}");
    }

    private ZonedDateTime time(ExchangeRecord r) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(r.startEpochMillis()), zone);
    }

    private static String outcome(ExchangeRecord r) {
        return r.outcome() == null ? "-" : r.outcome().name().toLowerCase(Locale.ROOT);
    }
}
