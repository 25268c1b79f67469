package org.tripletrec.sampling;

/**
 * For each anchor, one of several samplers chosen at random with fixed weights: this is how samplers compose
 * (e.g. liked > unrated and unrated > disliked in the same epoch, as in multi-channel BPR, Loni et al. 2016).
 */
final class MixtureSampler implements TripletSampler {
    private final TripletSampler[] channels;
    private final double[] weights;
    private final double[] cumulative;

    MixtureSampler(TripletSampler[] channels, double[] weights) {
        if (channels.length == 0 || channels.length != weights.length) {
            throw new IllegalArgumentException("a mixture needs one weight per sampler");
        }
        this.channels = channels.clone();
        this.weights = weights.clone();
        cumulative = new double[weights.length];
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("sampler weights must not be negative");
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("sampler weights must not all be zero");
        }
        double acc = 0;
        for (int c = 0; c < weights.length; c++) {
            acc += weights[c] / total;
            cumulative[c] = acc;
        }
        cumulative[weights.length - 1] = 1.0;
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        double x = rng.nextDouble();
        int c = 0;
        while (x >= cumulative[c]) {
            c++;
        }
        return channels[c].draw(anchor, user, positive, rng, out);
    }

    @Override
    public boolean modelFree() {
        for (TripletSampler s : channels) {
            if (!s.modelFree()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public TripletSampler forThread() {
        TripletSampler[] copies = new TripletSampler[channels.length];
        for (int c = 0; c < channels.length; c++) {
            copies[c] = channels[c].forThread();
        }
        return new MixtureSampler(copies, weights);
    }

    @Override
    public void startEpoch(int epoch) {
        for (TripletSampler s : channels) {
            s.startEpoch(epoch);
        }
    }
}
