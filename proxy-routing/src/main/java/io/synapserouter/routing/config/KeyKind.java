package io.synapserouter.routing.config;

/** What a hashed route sticks on. */
public enum KeyKind {
    /** The user behind the access token (whoami). */
    USER,
    /** The room ID in the path ({@code !} and {@code %21}, {@code :} and {@code %3A} read as one). */
    ROOM,
    /** The {@code origin} of {@code Authorization: X-Matrix}, else the client address. */
    ORIGIN,
    /** The effective client address. */
    CLIENT_IP,
    /** No key: the pool's balancer decides alone. */
    NONE
}
