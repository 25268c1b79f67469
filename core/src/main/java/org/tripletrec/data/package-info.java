/**
 * Ratings as loaded from files (ids, the columnar {@link org.tripletrec.data.RatingLog}), what counts
 * as liked or disliked ({@link org.tripletrec.data.FeedbackPolicy}) and the per-user view used in training.
 *
 * <p>Files become a {@link org.tripletrec.data.Dataset} through {@link org.tripletrec.data.DatasetLoader}:
 * {@link org.tripletrec.data.RatingsReader} streams each file as described by a
 * {@link org.tripletrec.data.RatingsFormat}, {@link org.tripletrec.data.Splits} make a test set when the data
 * has none, and {@link org.tripletrec.data.Downloader} fetches and verifies the MovieLens archives. Malformed
 * input fails with a one-line {@link org.tripletrec.data.DataFormatException} ({@code file:line: problem});
 * absent data with a {@link org.tripletrec.data.DataNotFoundException} saying how to get it.
 */
package org.tripletrec.data;
