package io.synapserouter.core.client;

import java.nio.charset.StandardCharsets;

/** A small answer read whole: its status and body bytes. */
public record FetchResponse(int status, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
