package io.synapserouter.bench.compare;

import java.io.IOException;

/** A proxy under comparison: it can spawn fresh instances in front of the one backend. */
interface Contender {

    /** {@code router} or {@code nginx}. */
    String name();

    /** Null when this contender can run here, else why not (shown in the table instead of figures). */
    String unavailableReason();

    /** Spawns a fresh instance with its own ports and temp directory; it may not answer yet. */
    Instance spawn(String tag) throws IOException;

    /** Version facts for the report. */
    String version();
}
