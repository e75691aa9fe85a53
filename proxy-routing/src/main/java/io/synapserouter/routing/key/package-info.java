/**
 * Routing keys taken from a request head without leaving the event loop: the room ID in a raw path
 * ({@code !} and {@code %21}, {@code :} and {@code %3A} read as one) and the sending server of a
 * federation request ({@code Authorization: X-Matrix origin=…}). Raw paths are read, never rewritten.
 */
package io.synapserouter.routing.key;
