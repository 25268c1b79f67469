package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ItemFilter;
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
                "Items the user rated in the train split of the data are left out unless --include-rated; the data"
                        + " (default ml-100k) is also where titles come from."},
        footer = {"", "Examples:",
                "  tripletrec recommend --model model.bin --user 1",
                "  tripletrec recommend --model model.bin --user 42 -k 5 --json --ratings my.csv --split none"})
public final class RecommendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = {"-u", "--user"}, paramLabel = "ID", required = true, description = "The user's id.")
    String user;

    @Option(names = {"-k", "--count"}, paramLabel = "K", defaultValue = "10",
            description = "How many items. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Option(names = "--include-rated", description = "Also recommend items the user has already rated.")
    boolean includeRated;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new UserInputException("-k must be 1 or more, got " + k);
        }
        EmbeddingModel m = model.load();
        int u = m.users().indexOf(user);
        if (u < 0) {
            throw new UserInputException("user '" + user + "' is not in the model " + model.file + " ("
                    + m.numUsers() + " users, e.g. " + examples(m) + ")");
        }
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> titles = data.readTitles();
        ItemFilter filter = ItemFilter.all();
        // The rated items are needed unless --include-rated; otherwise data is read only if named (for titles).
        if (!includeRated || data.explicit()) {
            Dataset dataset = data.load();
            titles = dataset.titles();
            if (!includeRated) {
                filter = ItemFilter.excluding(ratedByUser(dataset, m, err));
            }
        }
        List<Scored> top = new Recommender(m).recommend(u, k, filter);
        ItemList.print(spec.commandLine().getOut(), top, m.items(), titles, "score", json);
        return ErrorHandler.OK;
    }

    /** Model item indices the user rated in the train split. */
    private int[] ratedByUser(Dataset dataset, EmbeddingModel m, PrintWriter err) {
        if (!m.info().dataFingerprint().isEmpty() && !m.info().dataFingerprint().equals(Fingerprint.of(dataset))) {
            err.println("tripletrec: note: the train split of " + dataset.name()
                    + " is not the data the model was trained on");
        }
        int du = dataset.users().indexOf(user);
        if (du < 0) {
            err.println("tripletrec: note: user " + user + " has no ratings in " + dataset.name()
                    + "; nothing is left out");
            return new int[0];
        }
        RatingLog train = dataset.train();
        int[] rated = new int[16];
        int n = 0;
        for (int row = 0; row < train.size(); row++) {
            if (train.user(row) == du) {
                int i = m.items().indexOf(dataset.items().id(train.item(row)));
                if (i >= 0) {
                    if (n == rated.length) {
                        rated = Arrays.copyOf(rated, n * 2);
                    }
                    rated[n++] = i;
                }
            }
        }
        err.flush();
        return Arrays.copyOf(rated, n);
    }

    private static String examples(EmbeddingModel m) {
        return String.join(", ", m.users().ids().subList(0, Math.min(3, m.numUsers())));
    }
}
