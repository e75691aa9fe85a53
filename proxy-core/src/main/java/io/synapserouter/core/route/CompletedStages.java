package io.synapserouter.core.route;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads an already-completed stage without leaving the current thread. A plain
 * {@code instanceof CompletableFuture} test is not enough: the minimal stages of
 * {@link CompletableFuture#completedStage} are CompletableFutures whose {@code isDone()} throws.
 */
public final class CompletedStages {

    private CompletedStages() {
    }

    /** The stage as a future when it has completed (normally or not), else null. */
    public static <T> CompletableFuture<T> ifDone(CompletionStage<T> stage) {
        CompletableFuture<T> future;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            return null;
        }
        return future.isDone() ? future : null;
    }
}
