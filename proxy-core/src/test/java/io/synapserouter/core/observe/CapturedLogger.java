package io.synapserouter.core.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

/**
 * Routes one logger to a test appender at INFO, whatever the test logging configuration says, and
 * puts level, additivity and appenders back afterwards.
 */
public final class CapturedLogger {

    private final Logger logger;
    private final Appender<ILoggingEvent> appender;
    private final Level level;
    private final boolean additive;

    private CapturedLogger(Logger logger, Appender<ILoggingEvent> appender) {
        this.logger = logger;
        this.appender = appender;
        this.level = logger.getLevel();
        this.additive = logger.isAdditive();
    }

    public static CapturedLogger capture(Logger logger, Appender<ILoggingEvent> appender) {
        CapturedLogger captured = new CapturedLogger(logger, appender);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return captured;
    }

    public void restore() {
        logger.detachAppender(appender);
        logger.setAdditive(additive);
        logger.setLevel(level);
    }
}
