/**
 * {@code tripletrec serve}: the HTTP API over a model file (top-k, similar items, fold-in, title search), its
 * metrics, hot reload of the model, and the web page served from the jar.
 */
package org.tripletrec.app.serve;
