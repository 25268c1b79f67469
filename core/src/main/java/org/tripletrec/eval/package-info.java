/**
 * Offline evaluation exactly as docs/EVALUATION.md defines it: AUCs, top-k metrics and coverage over held-out
 * ratings, plus the popularity and random baselines printed beside every model and a plain-text comparison table.
 */
package org.tripletrec.eval;
