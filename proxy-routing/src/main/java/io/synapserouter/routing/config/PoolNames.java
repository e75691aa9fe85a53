package io.synapserouter.routing.config;

import java.util.List;

/** The pool names the config and the route table share. */
public final class PoolNames {

    public static final String MAIN = "main";
    public static final String MAIN_FEDERATION = "main_federation";

    public static final String SYNC = "sync";
    public static final String INITIAL_SYNC = "initial_sync";
    public static final String ROOM = "room";
    public static final String CLIENT_READER = "client_reader";
    public static final String FEDERATION_READER = "federation_reader";
    public static final String GENERIC = "generic";
    public static final String MEDIA_REPOSITORY = "media_repository";
    public static final String USER_DIR = "user_dir";

    /** Stream writers; under {@code workers.stream_writers} in the config, flat pool names here. */
    public static final List<String> STREAM_WRITERS = List.of(
            "typing", "to_device", "account_data", "receipts", "presence", "push_rules", "device_lists",
            "thread_subscriptions", "quarantined_media_changes");

    /** Worker types directly under {@code workers:}. */
    public static final List<String> WORKER_TYPES = List.of(
            SYNC, INITIAL_SYNC, ROOM, CLIENT_READER, FEDERATION_READER, GENERIC, MEDIA_REPOSITORY, USER_DIR);

    private PoolNames() {
    }
}
