package org.tripletrec.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.RatedItems;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.BatchRecommendations;
import org.tripletrec.recommend.FoldIn;
import org.tripletrec.recommend.FoldInQuery;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.ItemIndex;
import org.tripletrec.recommend.ModelRatings;
import org.tripletrec.recommend.Recommender;
import org.tripletrec.recommend.Scored;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Top-k items for one user, leaving out what the user rated in the training data. */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recommend items for a user of a saved model.",
                "Items the user rated are left out unless --include-rated: the model's own rated items when it carries"
                        + " them (trained without --no-rated) and those of the train split of data named with --dataset"
                        + " or --ratings; else those of the default data (ml-100k). The data is also where titles come"
                        + " from.",
                "--exclude, --candidates and --feature narrow any list (--user, --like/--dislike, --all)."},
        footer = {"", "Examples:",
                "  tripletrec recommend --model model.bin --user 1",
                "  tripletrec recommend --model model.bin --user 42 -k 5 --json --ratings my.csv --split none",
                "  tripletrec recommend --model model.bin --like 1,50,181 --dislike 243",
                "  tripletrec recommend --model model.bin --user 1 --feature genre:Comedy --feature genre:Romance"
                        + " --feature-match all --exclude 50",
                "  tripletrec recommend --model model.bin --all --out recs.csv -k 10"})
public final class RecommendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = {"-u", "--user"}, paramLabel = "ID",
            description = "The user's id (or --like/--dislike for a new user, or --all).")
    String user;

    @Option(names = {"-k", "--count"}, paramLabel = "K", defaultValue = "10",
            description = "How many items. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Option(names = "--include-rated", description = "Also recommend items the user has already rated.")
    boolean includeRated;

    // A new user from likes and dislikes resolves through the same FoldInQuery as 'tripletrec serve', so that the
    // command line and the HTTP API answer alike.
    @Option(names = "--like", paramLabel = "ID", split = ",",
            description = "Items a new user likes (comma-separated ids): recommend for them by fold-in, as"
                    + " POST /v1/recommendations does. Never recommends a liked or disliked item.")
    List<String> like = new ArrayList<>();

    @Option(names = "--dislike", paramLabel = "ID", split = ",",
            description = "Items the new user dislikes (with or without --like).")
    List<String> dislike = new ArrayList<>();

    @Option(names = "--all", description = "Recommend for every user of the model (or those of --users) into --out, on all cores; an"
                    + " HNSW index is built for recommendations alone.")
    boolean all;

    @Option(names = "--users", paramLabel = "FILE",
            description = "With --all: only the users whose ids this file lists, one a line, in its order.")
    Path usersFile;

    @Option(names = "--out", paramLabel = "FILE",
            description = "CSV output of --all (user,rank,item,score,title), written under a temporary name and"
                    + " renamed when complete.")
    Path out;

    @Mixin
    FilterOptions filters;

    @Mixin
    DataOptions data;

    @Mixin
    IndexOptions index;

    @Mixin
    TitleOptions titles;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new UserInputException("-k must be 1 or more, got " + k);
        }
        if (all || out != null || usersFile != null) {
            return recommendAll();
        }
        if (!like.isEmpty() || !dislike.isEmpty()) {
            return recommendNewUser();
        }
        if (user == null) {
            throw new UserInputException("give --user ID, --like/--dislike ID,... for a new user, or --all --out FILE");
        }
        EmbeddingModel m = model.load();
        int u = m.users().indexOf(user);
        if (u < 0) {
            throw new UserInputException("user '" + user + "' is not in the model " + model.file + " ("
                    + m.numUsers() + " users, e.g. " + examples(m) + ")");
        }
        ItemFilter requested = filters.resolve(m, model.file);
        Dataset dataset = needsData(m) ? data.load() : data.loadIfPresent();
        ItemFilter filter = requested;
        if (!includeRated) {
            if (m.rated() == null && dataset.users().indexOf(user) < 0) {
                note("note: user " + user + " has no ratings in " + dataset.name() + "; nothing is left out");
            }
            filter = ItemFilter.excluding(ratedToLeaveOut(m, dataset).items(u).toArray()).and(requested);
        }
        List<Scored> top = new Recommender(m, index.openForOneQuery(m, this::note)).recommend(u, k, filter);
        ItemList.print(spec.commandLine().getOut(), top, m.items(), titles.forModel(m, dataset, data.explicit()), "score", json);
        return ErrorHandler.OK;
    }

    /** The rated items must come from the data: they are to be left out, and the model does not carry them. */
    private boolean needsData(EmbeddingModel m) {
        return !includeRated && m.rated() == null;
    }

    /**
     * What each user rated, to leave out: the model's own rated items when it carries them, with those of the
     * train split of data named with --dataset or --ratings (which may be newer than the model); else the data's.
     * The default data set, when only found, gives titles beside a model's own rated items, nothing more.
     */
    private RatedItems ratedToLeaveOut(EmbeddingModel m, Dataset dataset) {
        if (m.rated() != null && !data.explicit()) {
            return m.rated();
        }
        noteMismatch(m, dataset);
        return ModelRatings.modelAndData(m, dataset.train(), dataset.users(), dataset.items());
    }

    private void noteMismatch(EmbeddingModel m, Dataset dataset) {
        String note = TrainingDataCheck.note(m, dataset);
        if (note != null) {
            spec.commandLine().getErr().println("tripletrec: note: " + note);
            spec.commandLine().getErr().flush();
        }
    }

    /** --like/--dislike: a user folded in from their likes and dislikes. */
    private Integer recommendNewUser() throws Exception {
        if (user != null) {
            throw new UserInputException("--like/--dislike describe a new user: leave out --user");
        }
        if (includeRated) {
            throw new UserInputException("--include-rated is for --user and --all: a new user's liked and disliked"
                    + " items are never recommended back");
        }
        EmbeddingModel m = model.load();
        FoldInQuery query;
        try {
            query = FoldInQuery.resolve(m.items(), like, dislike);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + " (model " + model.file + ")");
        }
        ItemFilter requested = filters.resolve(m, model.file);
        List<Scored> top = query.recommend(new FoldIn(m), new Recommender(m, index.openForOneQuery(m, this::note)), k,
                requested);
        ItemList.print(spec.commandLine().getOut(), top, m.items(), titles.resolve(data, m), "score", json);
        return ErrorHandler.OK;
    }

    /** --all --out FILE: every user's top k, leaving out rated items as for one user. */
    private Integer recommendAll() throws Exception {
        if (!all || out == null) {
            throw new UserInputException("--all and --out go together (--users with them)");
        }
        if (user != null || !like.isEmpty() || !dislike.isEmpty() || json) {
            throw new UserInputException("--all writes every user to --out: leave out --user, --like, --dislike, --json");
        }
        EmbeddingModel m = model.load();
        int[] userRows = usersFile == null ? null : UserIdFile.rows(usersFile, m.users());
        ItemFilter requested = filters.resolve(m, model.file);
        Dataset dataset = needsData(m) ? data.load() : data.loadIfPresent();
        RatedItems rated = includeRated ? null : ratedToLeaveOut(m, dataset);
        ItemIndex itemIndex = index.openForRecommendations(m, this::note);
        long start = System.nanoTime();
        int users = new BatchRecommendations(m, itemIndex, rated, titles.forModel(m, dataset, data.explicit()), requested)
                .write(out, k, Runtime.getRuntime().availableProcessors(), userRows);
        note(String.format(Locale.ROOT, "wrote the top %d of %d users to %s in %.1f s (%s index)", k, users, out,
                (System.nanoTime() - start) / 1e9, itemIndex.describe().kind()));
        return ErrorHandler.OK;
    }

    private void note(String line) {
        spec.commandLine().getErr().println("tripletrec: " + line);
        spec.commandLine().getErr().flush();
    }

    private static String examples(EmbeddingModel m) {
        return String.join(", ", m.users().ids().subList(0, Math.min(3, m.numUsers())));
    }
}
