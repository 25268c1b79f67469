/**
 * Training: the configuration ({@link org.tripletrec.train.TrainerConfig}, presets), the pairwise losses, the
 * optimisers and the Hogwild mini-batch loop in {@link org.tripletrec.train.Trainer}.
 */
package org.tripletrec.train;
