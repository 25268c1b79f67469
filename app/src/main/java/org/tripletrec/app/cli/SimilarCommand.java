package org.tripletrec.app.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.Recommender;
import org.tripletrec.recommend.Scored;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The items whose vectors point the same way as one item's (cosine similarity in the shared item table). */
@Command(name = "similar", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the items most similar to an item (cosine of the item vectors).",
                "Titles come from --titles, from the data named by --dataset or --ratings, else from the",
                "default data set when it is on this machine."},
        footer = {"", "Example:", "  tripletrec similar --model model.bin --item 50 --dataset ml-100k"})
public final class SimilarCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = {"-i", "--item"}, paramLabel = "ID", required = true, description = "The item's id.")
    String item;

    @Option(names = {"-k", "--count"}, paramLabel = "K", defaultValue = "10",
            description = "How many items. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Mixin
    DataOptions data;

    @Mixin
    IndexOptions index;

    @Mixin
    TitleOptions titleOptions;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new UserInputException("-k must be 1 or more, got " + k);
        }
        EmbeddingModel m = model.load();
        int i = m.items().indexOf(item);
        if (i < 0) {
            throw new UserInputException("item '" + item + "' is not in the model " + model.file + " ("
                    + m.numItems() + " items)");
        }
        Map<String, String> titles = titleOptions.resolve(data, m);
        List<Scored> neighbours = new Recommender(m, index.openForOneQuery(m, line -> {
            spec.commandLine().getErr().println("tripletrec: " + line);
            spec.commandLine().getErr().flush();
        })).similarItems(i, k);
        if (!json) {
            String title = titles.get(item);
            spec.commandLine().getOut().println("items most similar to " + item + (title == null ? "" : " (" + title + ")"));
        }
        ItemList.print(spec.commandLine().getOut(), neighbours, m.items(), titles, "similarity", json);
        return ErrorHandler.OK;
    }
}
