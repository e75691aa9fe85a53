package io.synapserouter.bench.backend;

/** The whoami answer of every token, encoded once at start (20,000 tokens: a few MB, direct memory). */
final class WhoamiAnswers {

    private final CannedResponse[] answers;

    WhoamiAnswers(TokenTable tokens) {
        answers = new CannedResponse[tokens.size()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = new CannedResponse("200 OK", "main", "application/json",
                    "{\"user_id\":\"" + TokenTable.userOf(i) + "\",\"device_id\":\"BENCH" + i + "\",\"is_guest\":false}");
        }
    }

    CannedResponse of(int i) {
        return answers[i];
    }
}
