package io.synapserouter.core.config;

/**
 * @param maxRequestHead bytes of request head (request line plus headers) before 431 (default 16 KiB)
 * @param maxRequestLine bytes of request line before 414 (default 8 KiB)
 */
public record LimitSettings(int maxRequestHead, int maxRequestLine) {

    public static final LimitSettings DEFAULTS = new LimitSettings(16 * 1024, 8 * 1024);
}
