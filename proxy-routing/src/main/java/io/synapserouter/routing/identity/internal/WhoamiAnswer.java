package io.synapserouter.routing.identity.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reads {@code user_id} out of a whoami answer, {@code {"user_id":"@alice:example.org",…}}. */
public final class WhoamiAnswer {

    private static final JsonFactory JSON = new JsonFactory();

    private WhoamiAnswer() {
    }

    /** The top-level {@code user_id} when it is a well-formed user id, else null (garbage, or no such field). */
    public static String userId(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("user_id".equals(name)) {
                    return value == JsonToken.VALUE_STRING && UserIds.localpart(p.getText()) != null ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException garbage) {
            return null;
        }
    }
}
