package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.Audience;
import org.tripletrec.recommend.Scored;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Who a new item is for: the command-line form of {@code POST /v1/items/audience}. */
@Command(name = "audience", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Who a new item is for, without retraining: its vector is fitted from the users who liked and"
                + " disliked it (the tables frozen) and/or its item features; prints the users who score it highest"
                + " and the existing items most like it (cosine).",
                "Titles come from --titles, from the data named by --dataset or --ratings, else from the default data"
                        + " set when it is on this machine."},
        footer = {"", "Examples:",
                "  tripletrec audience --model model.trm --liked-by 1,7,42 --disliked-by 13",
                "  tripletrec audience --model model.trm --features genre:Comedy,genre:Romance -k 20 --json"})
public final class AudienceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--liked-by", paramLabel = "USER", split = ",",
            description = "Users who liked the new item (comma-separated ids).")
    List<String> likedBy = new ArrayList<>();

    @Option(names = "--disliked-by", paramLabel = "USER", split = ",",
            description = "Users who disliked it (comma-separated ids).")
    List<String> dislikedBy = new ArrayList<>();

    @Option(names = "--features", paramLabel = "FEATURE", split = ",",
            description = "Its item features (comma-separated names of the model's vocabulary, e.g. genre:Comedy).")
    List<String> features = new ArrayList<>();

    @Option(names = {"-k", "--count"}, paramLabel = "K", defaultValue = "10",
            description = "How many users, and how many similar items. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--json", description = "Print {\"users\": [...], \"similar\": [...]} as the API answers.")
    boolean json;

    @Mixin
    DataOptions data;

    @Mixin
    TitleOptions titleOptions;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new UserInputException("-k must be 1 or more, got " + k);
        }
        EmbeddingModel m = model.load();
        Audience.Query query;
        try {
            query = Audience.Query.resolve(m, likedBy, dislikedBy, features);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + " (model " + model.file() + ")");
        }
        Audience.Result result = new Audience(m).find(query, k);
        Map<String, String> titles = titleOptions.resolve(data, m);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, asJson(m, result, titles));
            return ErrorHandler.OK;
        }
        out.println("users most likely to like the new item");
        int idWidth = "user".length();
        for (Scored s : result.users()) {
            idWidth = Math.max(idWidth, m.users().id(s.item()).length());
        }
        String format = "%4s  %-" + idWidth + "s  %10s";
        out.println(String.format(Locale.ROOT, format, "rank", "user", "score"));
        int rank = 1;
        for (Scored s : result.users()) {
            out.println(String.format(Locale.ROOT, format, rank++, m.users().id(s.item()),
                    String.format(Locale.ROOT, "%.4f", s.score())));
        }
        out.println();
        out.println("existing items most like it");
        ItemList.print(out, result.similar(), m.items(), titles, "similarity", false);
        return ErrorHandler.OK;
    }

    private static Map<String, Object> asJson(EmbeddingModel m, Audience.Result result, Map<String, String> titles) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (Scored s : result.users()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("user", m.users().id(s.item()));
            row.put("score", (double) s.score());
            users.add(row);
        }
        List<Map<String, Object>> similar = new ArrayList<>();
        for (Scored s : result.similar()) {
            String id = m.items().id(s.item());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("item", id);
            row.put("title", titles.get(id));
            row.put("score", (double) s.score());
            similar.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("users", users);
        root.put("similar", similar);
        return root;
    }
}
