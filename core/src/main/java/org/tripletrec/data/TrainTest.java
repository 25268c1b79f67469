package org.tripletrec.data;

/** A train and a test log over the same user and item indices. */
public record TrainTest(RatingLog train, RatingLog test) {}
