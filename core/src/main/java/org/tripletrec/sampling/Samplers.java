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
        List<Term> terms = terms(spec);
        if (terms.size() == 1) {
            return single(terms.get(0), ctx);
        }
        TripletSampler[] channels = new TripletSampler[terms.size()];
        double[] weights = new double[terms.size()];
        for (int t = 0; t < terms.size(); t++) {
            channels[t] = single(terms.get(t), ctx);
            weights[t] = terms.get(t).weight();
        }
        return new MixtureSampler(channels, weights);
    }

    /** Checks a spec without data; throws IllegalArgumentException with a readable message if it is wrong. */
    public static void validate(String spec) {
        terms(spec);
    }

    /** One term of a spec: {@code [weight "*"] name [":" parameter]}; the parameter is null when absent. */
    private record Term(double weight, String name, Double param) {
        double paramOr(double fallback) {
            return param == null ? fallback : param;
        }
    }

    private static List<Term> terms(String spec) {
        List<Term> terms = new ArrayList<>();
        for (String raw : spec.trim().split("\\+")) {
            String t = raw.trim();
            double weight = 1.0;
            int star = t.indexOf('*');
            if (star >= 0) {
                weight = parseNumber(t.substring(0, star), "weight in '" + spec + "'");
                t = t.substring(star + 1).trim();
            }
            int colon = t.indexOf(':');
            String name = (colon >= 0 ? t.substring(0, colon) : t).trim().toLowerCase(Locale.ROOT);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown sampler '" + name + "' (" + String.join(", ", NAMES) + ")");
            }
            Double param = colon >= 0 ? parseNumber(t.substring(colon + 1), "parameter of " + name) : null;
            terms.add(new Term(weight, name, param));
        }
        return terms;
    }

    private static TripletSampler single(Term term, SamplingContext ctx) {
        var data = ctx.data();
        return switch (term.name()) {
            case "explicit" -> new ExplicitSampler(data);
            case "uniform" -> new UniformSampler(data.numItems());
            case "unrated" -> new UnratedSampler(data);
            case "popularity" -> new PopularitySampler(data, term.paramOr(0.75));
            case "mixed" -> {
                double q = term.paramOr(0.5);
                if (q < 0 || q > 1) {
                    throw new IllegalArgumentException("mixed:q needs 0 <= q <= 1, got " + q);
                }
                yield new MixtureSampler(new TripletSampler[] {new ExplicitSampler(data), new UnratedSampler(data)},
                        new double[] {q, 1 - q});
            }
            case "warp" -> new WarpSampler(ctx, (int) term.paramOr(100));
            case "disliked" -> new DislikeBelowUnratedSampler(data);
            case "neutral-warp" -> new NeutralAnchorSampler(data,
                    new WarpSampler(ctx, (int) term.paramOr(100)));
            case "disliked-warp" -> new DislikeWarpSampler(ctx, (int) term.paramOr(100));
            case "neutral" -> new NeutralAnchorSampler(data, new UnratedSampler(data));
            case "seed-literal" -> new SeedLiteralSampler(data);
            default -> throw new IllegalStateException("sampler " + term.name() + " is in NAMES but not built");
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
