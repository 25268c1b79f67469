package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;

/**
 * The seed's intent, per user: every liked item is paired with one of the SAME user's dislikes; a user with fewer
 * dislikes than likes is topped up at random from their "just above disliked" ratings (the seed's rating-3 cells:
 * ratings in (N, N + 1] for a dislike threshold N; ratings nearer the like threshold are left alone, as the seed
 * does), then from unrated items. So dislikes, then lukewarm ratings, then unrated items fill the user's pairs,
 * in that order of priority. A dislike is never one of the user's liked items, by construction of the policy.
 */
final class ExplicitSampler implements TripletSampler {
    private final Interactions data;
    private final int[] lukewarmStart; // per user, into lukewarm
    private final int[] lukewarm;
    private final Unrated.RatedFilter rated;

    ExplicitSampler(Interactions data) {
        this.data = data;
        this.rated = Unrated.RatedFilter.of(data);
        int users = data.numUsers();
        lukewarmStart = new int[users + 1];
        for (int u = 0; u < users; u++) {
            lukewarmStart[u + 1] = lukewarmStart[u] + countLukewarm(data, u, null, 0);
        }
        lukewarm = new int[lukewarmStart[users]];
        for (int u = 0; u < users; u++) {
            countLukewarm(data, u, lukewarm, lukewarmStart[u]);
        }
    }

    /** Counts user u's lukewarm items, also writing them at {@code into[at..]} when {@code into} is given. */
    private static int countLukewarm(Interactions data, int u, int[] into, int at) {
        float low = data.policy().negativeThreshold();
        float like = data.policy().positiveThreshold();
        var rated = data.rated(u);
        int n = 0;
        for (int j = 0; j < rated.size(); j++) {
            float r = data.ratedValue(u, j);
            if (r > low && r <= low + 1f && r < like) {
                if (into != null) {
                    into[at + n] = rated.get(j);
                }
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        int likes = data.positiveCount(user);
        int dislikes = data.negativeCount(user);
        int r = rng.nextInt(Math.max(likes, dislikes));
        int negative;
        if (r < dislikes) {
            negative = data.negative(user, r);
        } else {
            int from = lukewarmStart[user];
            int warm = lukewarmStart[user + 1] - from;
            if (dislikes + warm >= likes) {
                negative = lukewarm[from + rng.nextInt(warm)];
            } else if (r - dislikes < warm) {
                negative = lukewarm[from + r - dislikes];
            } else {
                negative = Unrated.draw(data, rated, user, rng);
                if (negative < 0) {
                    return false;
                }
            }
        }
        out.set(user, positive, negative, 1f);
        return true;
    }

    @Override
    public boolean modelFree() {
        return true;
    }
}
