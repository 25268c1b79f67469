/**
 * Distributed training on Apache Spark: stratified DSGD over a blocked interaction matrix, training core's model
 * with core's losses, samplers and optimiser rules, and writing core's model file plus Parquet embeddings.
 */
package org.tripletrec.spark;
