package org.tripletrec.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A small ratings file with a planted structure: users and items fall into two taste groups; a user rates items
 * of its own group 4-5 and the other group's 1-2 (a few 3s), so a model can learn far more than popularity.
 */
public final class SyntheticRatings {
    public static final int USERS = 60;
    public static final int ITEMS = 40;
    public static final int RATED_PER_USER = 24;

    public final Path file;
    /** Raw user id to the raw item ids it rated. */
    public final Map<String, Set<String>> rated = new HashMap<>();

    private SyntheticRatings(Path file) {
        this.file = file;
    }

    public static SyntheticRatings write(Path file) throws IOException {
        SyntheticRatings data = new SyntheticRatings(file);
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        long time = 1_000_000L;
        for (int u = 1; u <= USERS; u++) {
            List<Integer> items = new ArrayList<>();
            for (int i = 1; i <= ITEMS; i++) {
                items.add(i);
            }
            java.util.Collections.shuffle(items, random);
            Set<String> mine = new HashSet<>();
            for (int i : items.subList(0, RATED_PER_USER)) {
                boolean sameGroup = u % 2 == i % 2;
                int rating = random.nextInt(10) == 0 ? 3
                        : sameGroup ? 4 + random.nextInt(2) : 1 + random.nextInt(2);
                lines.add(u + "\t" + (100 + i) + "\t" + rating + "\t" + (time++));
                mine.add(Integer.toString(100 + i));
            }
            data.rated.put(Integer.toString(u), mine);
        }
        Files.write(file, lines);
        return data;
    }
}
