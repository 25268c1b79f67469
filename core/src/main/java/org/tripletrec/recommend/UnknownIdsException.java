package org.tripletrec.recommend;

import java.util.List;

/**
 * Ids or names a model does not know, all of them, in the order given: the message names them ("unknown user
 * ids: 7, 9"), and {@link #ids()} lists them for an API answer.
 */
public class UnknownIdsException extends IllegalArgumentException {
    private final String kind;
    private final List<String> ids;

    /** @param kind what the ids are, plural ("item ids", "item features") */
    public UnknownIdsException(String kind, List<String> ids) {
        super("unknown " + kind + ": " + String.join(", ", ids));
        this.kind = kind;
        this.ids = List.copyOf(ids);
    }

    /** What the ids are, plural: "user ids", "item ids", "item features". */
    public String kind() {
        return kind;
    }

    public List<String> ids() {
        return ids;
    }
}
