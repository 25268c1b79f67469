/**
 * Ratings as loaded from files (ids, the columnar {@link org.tripletrec.data.RatingLog}), what counts
 * as liked or disliked ({@link org.tripletrec.data.FeedbackPolicy}) and the per-user view used in training.
 */
package org.tripletrec.data;
