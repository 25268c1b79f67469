package org.tripletrec.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tripletrec.cli.UserInputException;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.RequestFilter;
import picocli.CommandLine.Option;

/**
 * The request filters of {@code tripletrec recommend}: the same names and rules as the HTTP API's query
 * parameters, resolved by core's {@link RequestFilter}.
 */
public final class FilterOptions {

    @Option(names = "--exclude", paramLabel = "ID", split = ",",
            description = "Items never to recommend (comma-separated ids); ids the model does not know are ignored.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--candidates", paramLabel = "ID", split = ",",
            description = "Recommend only from these items (comma-separated ids); ids the model does not know are"
                    + " ignored, so unknown ids alone give an empty list.")
    List<String> candidates;

    @Option(names = "--feature", paramLabel = "FEATURE",
            description = "Only items with this item feature (e.g. genre:Comedy); repeat it for more, matched as"
                    + " --feature-match says. A feature the model does not know is an error.")
    List<String> features = new ArrayList<>();

    @Option(names = "--feature-match", paramLabel = "any|all",
            description = "An item needs any one of the --feature values (default) or all of them.")
    String match;

    /** The filter asked for; the usage errors of the options themselves are found here. */
    public RequestFilter filter() {
        if (match != null && features.isEmpty()) {
            throw new UserInputException("--feature-match goes with --feature");
        }
        RequestFilter.Match m;
        try {
            m = match == null ? RequestFilter.Match.ANY : RequestFilter.Match.parse(match);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--feature-match must be any or all, got '" + match + "'");
        }
        return RequestFilter.none().withExclude(exclude).withCandidates(candidates).withFeatures(features, m);
    }

    /** The filter over the model's items; an unknown feature, or features of a model without any, exit 2. */
    public ItemFilter resolve(EmbeddingModel model, Path modelFile) {
        try {
            return filter().resolve(model);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + " (model " + modelFile + ")");
        }
    }
}
