package org.tripletrec.spark;

/** Spark reports a failed task as its own exception with the task's exception somewhere among the causes. */
final class SparkErrors {
    private SparkErrors() {}

    /** The first exception of type {@code type} among {@code e} and its causes, or null. */
    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
