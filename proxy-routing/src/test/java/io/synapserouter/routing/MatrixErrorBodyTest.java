package io.synapserouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.error.ProxyError;
import org.junit.jupiter.api.Test;

class MatrixErrorBodyTest {

    @Test
    void aBodyTooLargeIsMTooLargeAndEverythingElseMUnknown() {
        assertThat(MatrixErrorBody.INSTANCE.render(ProxyError.TOO_LARGE, "Request body exceeds 13107200 bytes"))
                .isEqualTo("{\"errcode\":\"M_TOO_LARGE\",\"error\":\"Request body exceeds 13107200 bytes\"}");
        for (ProxyError error : ProxyError.values()) {
            if (error != ProxyError.TOO_LARGE) {
                assertThat(MatrixErrorBody.errcode(error)).as(error.name()).isEqualTo("M_UNKNOWN");
            }
        }
        assertThat(MatrixErrorBody.INSTANCE.contentType()).isEqualTo("application/json");
    }

    @Test
    void everyErrorHasAReadableDefaultMessage() {
        for (ProxyError error : ProxyError.values()) {
            assertThat(MatrixErrorBody.INSTANCE.render(error, "")).as(error.name()).matches("\\{\"errcode\":\"M_[A-Z_]+\",\"error\":\"[A-Z][^\"]+\"\\}");
        }
    }

    @Test
    void messagesAreEscapedIntoValidJsonStrings() {
        assertThat(MatrixErrorBody.INSTANCE.render(ProxyError.BAD_REQUEST, "bad \"x\"\\\n\u0001"))
                .isEqualTo("{\"errcode\":\"M_UNKNOWN\",\"error\":\"bad \\\"x\\\"\\\\\\n\\u0001\"}");
    }
}
