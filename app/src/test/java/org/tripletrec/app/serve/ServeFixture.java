package org.tripletrec.app.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.train.TrainingInput;
import org.tripletrec.data.RatingLog;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingListener;

/**
 * A small model trained in a second on planted data (60 users, 40 items in two taste groups, dim 8), its ratings
 * and made-up titles, and an HTTP client for a server started on an ephemeral loopback port.
 */
public final class ServeFixture {
    public static final int USERS = 60;
    public static final int ITEMS = 40;
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {"Toy", "Star", "River", "Night", "Glass", "Iron", "Paper", "Summer"};

    public final IdIndex users = new IdIndex();
    public final IdIndex items = new IdIndex();
    public final RatingLog ratings;
    public final Map<String, String> titles = new HashMap<>();

    public ServeFixture() {
        Random random = new Random(7);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 1; u <= USERS; u++) {
            users.add(Integer.toString(u));
        }
        for (int i = 1; i <= ITEMS; i++) {
            String id = Integer.toString(100 + i);
            items.add(id);
            // "Toy Story 1 (1991)", "Star Night 2 (1992)", ...: every word occurs in several titles
            titles.put(id, WORDS[i % WORDS.length] + " " + WORDS[(i / WORDS.length + 1) % WORDS.length] + " " + i
                    + " (" + (1990 + i % 10) + ")");
        }
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                if (random.nextInt(5) < 3) { // 60% rated
                    boolean sameGroup = u % 2 == i % 2;
                    int rating = random.nextInt(10) == 0 ? 3 : sameGroup ? 4 + random.nextInt(2) : 1 + random.nextInt(2);
                    b.add(u, i, rating, 1_000_000L + u * 100 + i);
                }
            }
        }
        ratings = b.build();
    }

    public ServingData data() {
        return new ServingData(ratings, users, items, titles);
    }

    public EmbeddingModel train(long seed) {
        TrainerConfig config = Presets.single().toBuilder().dim(8).epochs(5).threads(1).seed(seed).build();
        Interactions train = Interactions.of(ratings, new FeedbackPolicy(config.positiveThreshold(),
                config.negativeThreshold()), USERS, ITEMS);
        return new Trainer(config).fit(train, users, items, "", TrainingListener.NONE);
    }

    /**
     * Item features: genre:Comedy for the items of one taste group, genre:Drama for the other, genre:Western as
     * well for items 104, 114, 124, 134 (a rare genre: four Dramas), and decade:1990s for every item (a feature
     * that is no genre).
     */
    public SideFeatures itemFeatures() {
        SideFeatures.Builder b = new SideFeatures.Builder("fixture");
        for (int i = 0; i < ITEMS; i++) {
            String id = items.id(i);
            b.put(id, i % 2 == 0 ? "genre:Comedy" : "genre:Drama", 1f);
            if (i % 10 == 3) {
                b.put(id, "genre:Western", 1f);
            }
            b.put(id, "decade:1990s", 1f);
        }
        return b.build();
    }

    /** The ids of the items with this feature in {@link #itemFeatures()}. */
    public java.util.Set<String> itemsWith(String feature) {
        java.util.Set<String> out = new java.util.HashSet<>();
        SideFeatures f = itemFeatures();
        for (String id : items.ids()) {
            if (f.of(id).containsKey(feature)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The same planted model trained with {@link #itemFeatures()}, and carrying every user's rated items. */
    public EmbeddingModel trainWithFeatures(long seed) {
        TrainerConfig config = Presets.single().toBuilder().dim(8).epochs(5).threads(1).seed(seed).build();
        Interactions train = Interactions.of(ratings, new FeedbackPolicy(config.positiveThreshold(),
                config.negativeThreshold()), USERS, ITEMS);
        FeatureMatrix matrix = FeatureMatrix.build(items, itemFeatures(), true, true, new IdIndex()).matrix();
        TrainingInput input = TrainingInput.of(train, users, items, "").withFeatures(null, matrix);
        return new Trainer(config).fit(input, TrainingListener.NONE).withRated(RatedItems.of(train));
    }

    public Path writeModelWithFeatures(Path file, long seed) throws IOException {
        ModelFormat.save(trainWithFeatures(seed), file);
        return file;
    }

    public Path writeModel(Path file, long seed) throws IOException {
        ModelFormat.save(train(seed), file);
        return file;
    }

    /** The ratings as a tab-separated file (user, item, rating, time), as {@code --ratings} reads it. */
    public Path writeRatings(Path file) throws IOException {
        return writeRatings(file, k -> true);
    }

    /** The ratings of the rows {@code keep} picks (by row number), in the same layout. */
    public Path writeRatings(Path file, java.util.function.IntPredicate keep) throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int k = 0; k < ratings.size(); k++) {
            if (keep.test(k)) {
                lines.add(users.id(ratings.user(k)) + "\t" + items.id(ratings.item(k)) + "\t"
                        + (int) ratings.rating(k) + "\t" + ratings.time(k));
            }
        }
        return java.nio.file.Files.write(file, lines);
    }

    /** The titles as a MovieLens u.item file, as {@code --titles} reads it. */
    public Path writeTitles(Path file) throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        titles.forEach((id, t) -> lines.add(id + "|" + t + "|01-Jan-1995||"));
        return java.nio.file.Files.write(file, lines);
    }

    /** The raw item ids user {@code userId} rated. */
    public java.util.Set<String> ratedBy(String userId) {
        int u = users.indexOf(userId);
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int k = 0; k < ratings.size(); k++) {
            if (ratings.user(k) == u) {
                out.add(items.id(ratings.item(k)));
            }
        }
        return out;
    }

    public static ModelServer start(Path model, ServingData data, Duration watch) throws Exception {
        return ModelServer.start(new ModelServer.Options("127.0.0.1", 0, model, watch), data);
    }

    /** Client for one server. */
    public static final class Http {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        public Http(ModelServer server) {
            base = "http://127.0.0.1:" + server.port();
        }

        public String base() {
            return base;
        }

        public HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        public HttpResponse<String> method(String method, String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
        }

        public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        public static JsonNode json(HttpResponse<String> response) throws IOException {
            return JSON.readTree(response.body());
        }
    }
}
