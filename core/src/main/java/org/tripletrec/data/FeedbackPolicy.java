package org.tripletrec.data;

/**
 * Rating thresholds: a rating {@code >= positiveThreshold} is liked, {@code <= negativeThreshold} disliked,
 * anything between is neutral. The seed uses (5, 2); the parent notebook (4, -inf).
 */
public record FeedbackPolicy(float positiveThreshold, float negativeThreshold) {
    public FeedbackPolicy {
        if (Float.isNaN(positiveThreshold) || Float.isNaN(negativeThreshold)) {
            throw new IllegalArgumentException("thresholds must be numbers");
        }
        if (negativeThreshold >= positiveThreshold) {
            throw new IllegalArgumentException("negative threshold " + negativeThreshold
                    + " must be below the positive threshold " + positiveThreshold);
        }
    }

    public static FeedbackPolicy ratingThresholds(float positive, float negative) {
        return new FeedbackPolicy(positive, negative);
    }

    public Polarity polarity(float rating) {
        if (rating >= positiveThreshold) {
            return Polarity.POSITIVE;
        }
        if (rating <= negativeThreshold) {
            return Polarity.NEGATIVE;
        }
        return Polarity.NEUTRAL;
    }
}
