package io.synapserouter.bench.load;

/** What came back for one request: the status, and which backend process served it (X-Served-By). */
public record Reply(int status, String servedBy) {

    /** A request that got no HTTP answer (connection refused or reset, timeout). */
    public static final Reply FAILED = new Reply(0, null);

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
