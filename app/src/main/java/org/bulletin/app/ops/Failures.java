package org.bulletin.app.ops;

/** Words for failures, for the one-line errors the commands print. */
public final class Failures {

    private Failures() {}

    /**
     * A failure's own message, or a plain word for the exceptions that carry none (a timed-out future, a refused
     * connection); null for a bare wrapper, whose cause says what happened.
     */
    public static String describe(Throwable t) {
        if (t.getMessage() != null
                && !t.getMessage().isBlank()
                && !t.getMessage().equals("null")) {
            return t.getMessage();
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return "timed out";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.lang.reflect.InvocationTargetException) {
            return null;
        }
        return t.getClass().getSimpleName();
    }
}
