/**
 * Approximate nearest-neighbour search for catalogues too large to score every item per request: HNSW graphs
 * (built and searched with Lucene), their file format, and the choice between them and exact search.
 */
package org.tripletrec.recommend.hnsw;
