package org.tripletrec.data;

/** What one rating says about an item: liked, disliked, or neither. */
public enum Polarity { POSITIVE, NEGATIVE, NEUTRAL }
