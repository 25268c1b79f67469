/**
 * Training: the configuration ({@link org.tripletrec.train.TrainerConfig}, presets), the pairwise losses, the
 * optimisers and the Hogwild mini-batch loop in {@link org.tripletrec.train.Trainer}; for trainers that split the
 * model into blocks (Spark's DSGD), the same mini-batch step over one cell in
 * {@link org.tripletrec.train.CellTrainer}, with each block's optimiser state in a
 * {@link org.tripletrec.train.TableState}.
 */
package org.tripletrec.train;
