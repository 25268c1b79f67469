package org.tripletrec.recommend;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.tripletrec.data.RatedItems;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.model.EmbeddingModel;

/**
 * Top-k for every user of a model into one CSV file ({@code user,rank,item,score,title}), for
 * {@code tripletrec recommend --all --out FILE}. Blocks of users are ranked on all cores while the file is written
 * in user order; at most a few blocks wait in memory, so the output streams whatever the number of users. The
 * file is written under a temporary name and renamed when complete: a reader never sees half a file.
 */
public final class BatchRecommendations {
    private static final int BLOCK = 256;

    private final EmbeddingModel model;
    private final Recommender recommender;
    private final RatedItems rated; // null: leave nothing out
    private final ItemFilter filter; // for every user, beside the rated items
    private final String[] titles;

    /**
     * @param rated  what each model user rated, left out of its list (see {@link ModelRatings}); null for nothing
     * @param titles raw item id to title, for the title column; may be empty
     */
    public BatchRecommendations(EmbeddingModel model, RatedItems rated, Map<String, String> titles) {
        this(model, new ExactIndex(model), rated, titles);
    }

    /** The same, searched with {@code index} (built for {@code model}). */
    public BatchRecommendations(EmbeddingModel model, ItemIndex index, RatedItems rated, Map<String, String> titles) {
        this(model, index, rated, titles, ItemFilter.all());
    }

    /** The same, every list also restricted to what {@code filter} allows (a {@link RequestFilter}, say). */
    public BatchRecommendations(EmbeddingModel model, ItemIndex index, RatedItems rated, Map<String, String> titles,
                                ItemFilter filter) {
        this.model = model;
        this.filter = filter;
        recommender = new Recommender(model, index);
        this.rated = rated;
        this.titles = new String[model.numItems()];
        for (int i = 0; i < this.titles.length; i++) {
            this.titles[i] = titles.get(model.items().id(i));
        }
    }

    /** Writes the file for every user of the model, in model order, and returns the number of users in it. */
    public int write(Path out, int k, int threads) throws IOException {
        return write(out, k, threads, null);
    }

    /**
     * Writes the file for the users at these model rows, in this order (null: every user of the model), and
     * returns the number of users in it.
     */
    public int write(Path out, int k, int threads, int[] userRows) throws IOException {
        int users = userRows == null ? model.numUsers() : userRows.length;
        int blocks = (users + BLOCK - 1) / BLOCK;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tripletrec-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicFiles.write(out, stream -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                w.write("user,rank,item,score,title\n");
                Deque<Future<String>> window = new ArrayDeque<>();
                int next = 0;
                while (next < blocks || !window.isEmpty()) {
                    while (next < blocks && window.size() < 2 * threads) {
                        int from = next * BLOCK;
                        int to = Math.min(users, from + BLOCK);
                        window.add(pool.submit(() -> block(userRows, from, to, k)));
                        next++;
                    }
                    w.write(await(window.poll()));
                }
                w.flush();
            });
        } finally {
            pool.shutdownNow();
        }
        return users;
    }

    private String block(int[] userRows, int from, int to, int k) {
        StringBuilder sb = new StringBuilder((to - from) * k * 40);
        for (int j = from; j < to; j++) {
            int u = userRows == null ? j : userRows[j];
            ItemFilter notRated = (user, i) -> !rated.isRated(user, i);
            List<Scored> top = recommender.recommend(u, k, rated == null ? filter : notRated.and(filter));
            String user = csv(model.users().id(u));
            int rank = 1;
            for (Scored s : top) {
                sb.append(user).append(',').append(rank++).append(',').append(csv(model.items().id(s.item())))
                        .append(',').append(String.format(Locale.ROOT, "%.6f", s.score())).append(',');
                String title = titles[s.item()];
                if (title != null) {
                    sb.append(csv(title));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String await(Future<String> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ranking", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }
}
