package io.synapserouter.launcher.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into one orderly drain. A JVM shutdown hook would not do: the JVM then
 * exits 143, while systemd and Docker expect 0 from a clean stop. A second signal while draining
 * gives up on the drain.
 */
final class ShutdownSignals {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

    private final CountDownLatch received = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);

    static ShutdownSignals install() {
        ShutdownSignals signals = new ShutdownSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> signals.onSignal(signal.getName()));
        }
        return signals;
    }

    private void onSignal(String name) {
        if (first.compareAndSet(true, false)) {
            log.info("SIG{} received: draining", name);
            received.countDown();
        } else {
            log.warn("SIG{} received again while draining: exiting now", name);
            Runtime.getRuntime().halt(ExitCodes.FAILURE);
        }
    }

    /** Blocks until the first signal. */
    void await() throws InterruptedException {
        received.await();
    }
}
