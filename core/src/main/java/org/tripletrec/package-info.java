/**
 * tripletrec: a triplet-loss ("Siamese" BPR) recommender that learns from likes and dislikes.
 * Start with {@link org.tripletrec.train.Trainer} and {@link org.tripletrec.recommend.Recommender}.
 */
package org.tripletrec;
