package org.tripletrec.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps external string ids to dense indices 0..size-1 and back; indices follow first appearance. */
public final class IdIndex {
    private final Map<String, Integer> toIndex = new HashMap<>();
    private final List<String> toId = new ArrayList<>();

    public IdIndex() {}

    public static IdIndex of(List<String> ids) {
        IdIndex index = new IdIndex();
        for (String id : ids) {
            if (index.toIndex.containsKey(id)) {
                throw new IllegalArgumentException("duplicate id: " + id);
            }
            index.add(id);
        }
        return index;
    }

    /** The index of {@code id}, adding it if it is new. */
    public int add(String id) {
        Integer idx = toIndex.get(id);
        if (idx != null) {
            return idx;
        }
        int next = toId.size();
        toIndex.put(id, next);
        toId.add(id);
        return next;
    }

    /** The index of {@code id}, or -1 if unknown. */
    public int indexOf(String id) {
        Integer idx = toIndex.get(id);
        return idx == null ? -1 : idx;
    }

    public String id(int index) {
        return toId.get(index);
    }

    public int size() {
        return toId.size();
    }

    public List<String> ids() {
        return Collections.unmodifiableList(toId);
    }
}
