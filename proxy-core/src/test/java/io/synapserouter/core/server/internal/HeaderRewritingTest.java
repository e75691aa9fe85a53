package io.synapserouter.core.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.config.Cidr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header rules on their own: hop-by-hop removal, forwarding headers, response framing. */
class HeaderRewritingTest {

    @Test
    void connectionNamedHeadersGoCaseInsensitivelyButFramingAndHostStay() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "x-one , X-Two")
                .add("connection", "Content-Length,transfer-encoding, host,close")
                .add("X-One", "1").add("x-two", "2").add("Content-Length", "3").add("Host", "h")
                .add("Transfer-Encoding", "chunked").add("TE", "trailers").add("Keep-Alive", "5")
                .add("X-Kept", "yes");
        HopByHopHeaders.stripRequest(h);
        assertThat(h.names()).containsExactlyInAnyOrder("Content-Length", "Host", "Transfer-Encoding", "X-Kept");
    }

    @Test
    void internalHeadersAreStrippedFromRequestsOnly() {
        HttpHeaders request = new DefaultHttpHeaders().add("X-Synapse-Router-Upstream", "a").add("x-synapse-router-pool", "b")
                .add("X-Synapse-Routerless", "kept").add("Proxy-Authorization", "Basic x");
        HopByHopHeaders.stripRequest(request);
        assertThat(request.names()).containsExactly("X-Synapse-Routerless");

        HttpHeaders response = new DefaultHttpHeaders().add("X-Synapse-Router-Upstream", "a");
        HopByHopHeaders.stripResponse(response);
        assertThat(response.contains("X-Synapse-Router-Upstream")).isTrue();
    }

    @Test
    void forwardedHeadersOfAnUntrustedPeerAreReplaced() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "1.2.3.4").add("X-Forwarded-Proto", "https");
        String client = ForwardedHeaders.apply(h, "10.0.0.9", false, "http");
        assertThat(client).isEqualTo("10.0.0.9");
        assertThat(h.getAll("X-Forwarded-For")).containsExactly("10.0.0.9");
        assertThat(h.getAll("X-Forwarded-Proto")).containsExactly("http");
    }

    @Test
    void forwardedHeadersOfATrustedPeerKeepTheFirstValue() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "2001:db8::1 , 10.0.0.1").add("X-Forwarded-For", "9.9.9.9")
                .add("X-Forwarded-Proto", "https");
        assertThat(ForwardedHeaders.apply(h, "10.0.0.9", true, "http")).isEqualTo("2001:db8::1");
        assertThat(h.getAll("X-Forwarded-For")).containsExactly("2001:db8::1");
        assertThat(h.getAll("X-Forwarded-Proto")).containsExactly("https");

        HttpHeaders empty = new DefaultHttpHeaders().add("X-Forwarded-For", ", 1.1.1.1");
        assertThat(ForwardedHeaders.apply(empty, "10.0.0.9", true, "http")).as("an empty first value is no value").isEqualTo("10.0.0.9");
    }

    @Test
    void ipv4MappedPeersMatchIpv4TrustRules() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1});
        assertThat(ForwardedHeaders.isTrusted(mapped, List.of(Cidr.parse("127.0.0.0/8")))).isTrue();
        assertThat(ForwardedHeaders.text(mapped)).isEqualTo("127.0.0.1");
        assertThat(ForwardedHeaders.isTrusted(InetAddress.getByName("10.1.2.3"), List.of(Cidr.parse("127.0.0.0/8")))).isFalse();
        assertThat(ForwardedHeaders.isTrusted(InetAddress.getByName("10.1.2.3"), List.of())).isFalse();
    }

    @Test
    void http10ClientsGetNoChunkedCodingAndCloseWhenTheBodyHasNoLength() {
        HttpResponse chunked = response("Transfer-Encoding", "chunked");
        assertThat(ResponseFraming.prepare(chunked, true, false, false)).isTrue();
        assertThat(chunked.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(chunked.headers().get("Connection")).isEqualTo("close");

        HttpResponse sized = response("Content-Length", "4");
        assertThat(ResponseFraming.prepare(sized, true, false, false)).isFalse();
        assertThat(sized.headers().get("Connection")).isEqualTo("keep-alive");
    }

    @Test
    void http11ClientsGetConnectionDelimitedBodiesChunked() {
        HttpResponse untilClose = response("X-Any", "1");
        assertThat(ResponseFraming.prepare(untilClose, false, false, false)).isFalse();
        assertThat(untilClose.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(untilClose.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);

        HttpResponse head = response("X-Any", "1");
        assertThat(ResponseFraming.prepare(head, false, true, true)).isTrue();
        assertThat(head.headers().contains("Transfer-Encoding")).as("a bodiless answer is not re-framed").isFalse();
        assertThat(head.headers().get("Connection")).isEqualTo("close");
    }

    private static HttpResponse response(String name, String value) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK);
        r.headers().add(name, value);
        return r;
    }
}
