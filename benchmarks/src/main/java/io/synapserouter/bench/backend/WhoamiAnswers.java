package io.synapserouter.bench.backend;

/** The whoami answer of every token, encoded once at start (20,000 tokens: a few MB, direct memory). */
final class WhoamiAnswers implements AutoCloseable {

    private final CannedResponse[] answers;
    private final CannedResponse unknownToken = new CannedResponse("401 Unauthorized", "main", "application/json",
            "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Invalid access token passed.\",\"soft_logout\":false}");

    WhoamiAnswers(TokenTable tokens) {
        answers = new CannedResponse[tokens.size()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = new CannedResponse("200 OK", "main", "application/json",
                    "{\"user_id\":\"" + TokenTable.userOf(i) + "\",\"device_id\":\"BENCH" + i + "\",\"is_guest\":false}");
        }
    }

    /** The answer for token {@code i}, or M_UNKNOWN_TOKEN when {@code i} is -1. */
    CannedResponse of(int i) {
        return i < 0 ? unknownToken : answers[i];
    }

    @Override
    public void close() {
        for (CannedResponse answer : answers) {
            answer.close();
        }
        unknownToken.close();
    }
}
