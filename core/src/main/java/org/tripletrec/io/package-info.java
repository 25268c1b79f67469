/**
 * Persistence: the versioned binary model format ({@link org.tripletrec.io.ModelFormat}), atomic file writes and
 * exports to NumPy / CSV.
 */
package org.tripletrec.io;
