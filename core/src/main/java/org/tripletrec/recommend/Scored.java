package org.tripletrec.recommend;

/** An item (dense index) and its score. */
public record Scored(int item, float score) {}
