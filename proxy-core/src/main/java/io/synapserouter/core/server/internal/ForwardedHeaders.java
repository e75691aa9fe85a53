package io.synapserouter.core.server.internal;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.synapserouter.core.config.Cidr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Sets {@code X-Forwarded-For} and {@code X-Forwarded-Proto} on a request bound upstream.
 *
 * <p>An untrusted peer's values are overwritten: the peer address, and the configured default scheme.
 * A trusted proxy's (Traefik's) FIRST values are kept, because Synapse reads only the first
 * {@code X-Forwarded-For} entry and that is where the front proxy puts the real client.
 */
final class ForwardedHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");

    private ForwardedHeaders() {
    }

    /**
     * Rewrites both headers and returns the effective client address: the peer address, or the first
     * {@code X-Forwarded-For} value when the peer is trusted and sent one.
     */
    static String apply(HttpHeaders headers, String peerAddress, boolean peerTrusted, String defaultProto) {
        String client = peerAddress;
        String proto = defaultProto;
        if (peerTrusted) {
            String forwardedFor = firstValue(headers.getAll(X_FORWARDED_FOR));
            if (forwardedFor != null) {
                client = forwardedFor;
            }
            String forwardedProto = firstValue(headers.getAll(X_FORWARDED_PROTO));
            if (forwardedProto != null) {
                proto = forwardedProto;
            }
        }
        headers.set(X_FORWARDED_FOR, client);
        headers.set(X_FORWARDED_PROTO, proto);
        return client;
    }

    /** The first comma-separated element of the first occurrence, trimmed; null when there is none. */
    static String firstValue(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String value = values.get(0);
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }

    static boolean isTrusted(InetAddress peer, List<Cidr> trusted) {
        if (peer == null || trusted.isEmpty()) {
            return false;
        }
        InetAddress address = unmapped(peer);
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The textual peer address, IPv4-mapped IPv6 shown as plain IPv4 (a dual-stack listener's view). */
    static String text(InetAddress peer) {
        return peer == null ? "unknown" : unmapped(peer).getHostAddress();
    }

    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return address;
                }
            }
            if ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException impossible) {
                    return address;
                }
            }
        }
        return address;
    }
}
