package io.synapserouter.core.error;

/** Renders the body of an answer the proxy gives itself. Messages must never contain a secret. */
public interface ErrorBody {

    String contentType();

    String render(ProxyError error, String message);

    /** A neutral JSON body, {@code {"error":"…"}}, for deployments that plug in nothing else. */
    ErrorBody PLAIN_JSON = new ErrorBody() {
        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public String render(ProxyError error, String message) {
            return "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        }
    };
}
