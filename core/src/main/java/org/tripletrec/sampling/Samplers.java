package org.tripletrec.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds samplers from a spec string, the form stored in model files and given on the command line:
 * {@code term ("+" term)*}, {@code term = [weight "*"] name [":" parameter]}. Names:
 * <ul>
 * <li>{@code explicit}: the user's own dislikes, topped up from neutral, then unrated items (the seed's intent)</li>
 * <li>{@code uniform}: any item, even a liked one (the parent notebook)</li>
 * <li>{@code unrated}: an item the user did not rate</li>
 * <li>{@code popularity[:alpha]}: unrated, weighted by (likes + 1)^alpha, alpha 0.75 by default</li>
 * <li>{@code mixed[:q]}: explicit with probability q (0.5), else unrated</li>
 * <li>{@code warp[:trials]}: unrated items until one violates the margin (100 trials)</li>
 * <li>{@code disliked}: an unrated item above one of the user's dislikes (unrated > disliked)</li>
 * <li>{@code disliked-warp[:trials]}: the liked item above one of the user's dislikes, weighted by how high
 * the dislike ranks (WARP's estimate)</li>
 * <li>{@code neutral}, {@code neutral-warp[:trials]}: one of the user's warm neutral ratings (in [P - 1, P))
 * above an unrated item (uniform, or found by WARP)</li>
 * <li>{@code seed-literal}: the seed's code, defects included</li>
 * </ul>
 * Example: {@code 0.8*warp+0.2*disliked}: liked > unrated (WARP) and unrated > disliked in the same epoch.
 */
public final class Samplers {
    public static final List<String> NAMES =
            List.of("explicit", "uniform", "unrated", "popularity", "mixed", "warp", "disliked", "neutral",
                    "neutral-warp", "disliked-warp", "seed-literal");

    private Samplers() {}

    public static TripletSampler parse(String spec, SamplingContext ctx) {
        String[] terms = spec.trim().split("\\+");
        if (terms.length == 1) {
            return single(terms[0].trim(), ctx);
        }
        List<TripletSampler> channels = new ArrayList<>();
        double[] weights = new double[terms.length];
        for (int t = 0; t < terms.length; t++) {
            String term = terms[t].trim();
            int star = term.indexOf('*');
            weights[t] = 1.0;
            if (star >= 0) {
                weights[t] = parseNumber(term.substring(0, star), "weight in '" + spec + "'");
                term = term.substring(star + 1).trim();
            }
            channels.add(single(term, ctx));
        }
        return new MixtureSampler(channels.toArray(new TripletSampler[0]), weights);
    }

    /** Checks a spec without data; throws IllegalArgumentException with a readable message if it is wrong. */
    public static void validate(String spec) {
        for (String term : spec.trim().split("\\+")) {
            String t = term.trim();
            int star = t.indexOf('*');
            if (star >= 0) {
                parseNumber(t.substring(0, star), "weight in '" + spec + "'");
                t = t.substring(star + 1).trim();
            }
            String name = t.contains(":") ? t.substring(0, t.indexOf(':')) : t;
            if (!NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("unknown sampler '" + name + "' (" + String.join(", ", NAMES) + ")");
            }
            if (t.contains(":")) {
                parseNumber(t.substring(t.indexOf(':') + 1), "parameter of " + name);
            }
        }
    }

    private static TripletSampler single(String term, SamplingContext ctx) {
        String name = term;
        String param = null;
        int colon = term.indexOf(':');
        if (colon >= 0) {
            name = term.substring(0, colon).trim();
            param = term.substring(colon + 1).trim();
        }
        var data = ctx.data();
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "explicit" -> new ExplicitSampler(data);
            case "uniform" -> new UniformSampler(data.numItems());
            case "unrated" -> new UnratedSampler(data);
            case "popularity" -> new PopularitySampler(data, param == null ? 0.75 : parseNumber(param, "popularity alpha"));
            case "mixed" -> {
                double q = param == null ? 0.5 : parseNumber(param, "mixed q");
                if (q < 0 || q > 1) {
                    throw new IllegalArgumentException("mixed:q needs 0 <= q <= 1, got " + q);
                }
                yield new MixtureSampler(new TripletSampler[] {new ExplicitSampler(data), new UnratedSampler(data)},
                        new double[] {q, 1 - q});
            }
            case "warp" -> new WarpSampler(ctx, param == null ? 100 : (int) parseNumber(param, "warp trials"));
            case "disliked" -> new DislikeBelowUnratedSampler(data);
            case "neutral-warp" -> new NeutralAnchorSampler(data,
                    new WarpSampler(ctx, param == null ? 100 : (int) parseNumber(param, "warp trials")));
            case "disliked-warp" -> new DislikeWarpSampler(ctx, param == null ? 100 : (int) parseNumber(param, "warp trials"));
            case "neutral" -> new NeutralAnchorSampler(data, new UnratedSampler(data));
            case "seed-literal" -> new SeedLiteralSampler(data);
            default -> throw new IllegalArgumentException(
                    "unknown sampler '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }

    private static double parseNumber(String s, String what) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + s.trim() + "'");
        }
    }
}
