package org.tripletrec.tune;

import java.util.List;
import org.tripletrec.eval.Metrics;

/**
 * A finalist of a search trained again on further seeds, at its best number of epochs: the validation metrics
 * of each seed and their mean. The mean of fresh seeds is an honest estimate; the trial's own best figures were
 * picked as a maximum and flatter it.
 */
public record Confirmation(Trial trial, List<Metrics> runs, Metrics mean) {}
