/**
 * The HTTP API over a model file (top-k, similar items, fold-in, title search), its metrics, hot reload of the
 * model, and the web page served from the jar. Started by {@code tripletrec serve} through
 * {@link org.tripletrec.app.serve.ModelServer#start}; nothing here depends on the command line.
 */
package org.tripletrec.app.serve;
