/** The trained model: one user table and ONE item table shared by positives and negatives, plus provenance. */
package org.tripletrec.model;
