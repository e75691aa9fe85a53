package io.synapserouter.launcher.docker.internal;

import java.nio.charset.StandardCharsets;

/** One complete Engine answer: its status and body (small JSON documents, never streams). */
public record EngineResponse(int status, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
