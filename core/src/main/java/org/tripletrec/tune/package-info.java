/**
 * Hyperparameter search on a validation split carved from the training data alone: random search with
 * asynchronous successive halving and early stopping, an objective that is a metric, a weighted blend of metrics,
 * or either under constraints, and a confirmation of the best configurations on further seeds.
 */
package org.tripletrec.tune;
