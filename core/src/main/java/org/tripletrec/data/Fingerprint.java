package org.tripletrec.data;

/**
 * A short content hash of the training ratings (raw ids, ratings and times, in order), stored in model files so
 * that a model can say which data it was trained on. 64-bit FNV-1a over the fields: fast, not cryptographic.
 */
public final class Fingerprint {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprint() {}

    /**
     * True when a model recorded the fingerprint of its training data ({@code recorded}, empty when it did not)
     * and this data set's train split is other data: its ratings would leave out the wrong items.
     */
    public static boolean differs(String recorded, Dataset dataset) {
        return !recorded.isEmpty() && !recorded.equals(of(dataset));
    }

    public static String of(Dataset dataset) {
        return of(dataset.train(), dataset.users(), dataset.items());
    }

    public static String of(RatingLog log, IdIndex users, IdIndex items) {
        return String.format("fnv1a64:%016x:%d", mix(OFFSET, log, users, items), log.size());
    }

    /**
     * The fingerprint of a model's data after an incremental update: the hash of the model's own fingerprint
     * ({@code previous}) followed by the new ratings, so that it costs the new ratings only; {@code total} is
     * how many ratings the model carries afterwards.
     */
    public static String extend(String previous, RatingLog log, IdIndex users, IdIndex items, long total) {
        return String.format("fnv1a64:%016x:%d", mix(mix(OFFSET, previous), log, users, items), total);
    }

    private static long mix(long h, RatingLog log, IdIndex users, IdIndex items) {
        for (int k = 0; k < log.size(); k++) {
            h = mix(h, users.id(log.user(k)));
            h = mix(h, items.id(log.item(k)));
            h = mix(h, Float.floatToIntBits(log.rating(k)));
            h = mix(h, log.time(k));
        }
        return h;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        return (h ^ 0xff) * PRIME;
    }

    private static long mix(long h, long v) {
        for (int b = 0; b < 8; b++) {
            h = (h ^ ((v >>> (8 * b)) & 0xff)) * PRIME;
        }
        return h;
    }
}
