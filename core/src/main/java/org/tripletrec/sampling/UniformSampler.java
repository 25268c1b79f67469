package org.tripletrec.sampling;

/**
 * The parent notebook's sampler: the negative is any item, drawn uniformly, even one the user liked. Kept to
 * reproduce the published run; {@link UnratedSampler} is the corrected version.
 */
final class UniformSampler implements TripletSampler {
    private final int numItems;

    UniformSampler(int numItems) {
        this.numItems = numItems;
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        out.set(user, positive, rng.nextInt(numItems), 1f);
        return true;
    }

    @Override
    public boolean modelFree() {
        return true;
    }
}
