package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a synthetic MovieLens-shaped ratings file, for benchmarks at any scale. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write synthetic ratings shaped like MovieLens: planted low-rank tastes, power-law item"
                + " popularity, heavy-tailed user activity and 1..5 stars derived from affinity (so there are"
                + " dislikes). Streams: memory does not grow with --interactions.",
                "Writes DIR/ratings.tsv (user, item, rating, time; tab-separated), which --ratings reads."},
        footer = {"", "Examples:",
                "  tripletrec generate --users 162000 --items 59000 --interactions 25M --seed 1 --out /tmp/syn25m",
                "  tripletrec bench --ratings /tmp/syn25m/ratings.tsv --dim 64 --eval-users 2000"})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--users", paramLabel = "U", required = true, converter = Count.class,
            description = "Number of users (every one rates something).")
    long users;

    @Option(names = "--items", paramLabel = "I", required = true, converter = Count.class,
            description = "Number of items in the catalogue.")
    long items;

    @Option(names = "--interactions", paramLabel = "R", required = true, converter = Count.class,
            description = "Number of ratings; accepts k, M and G suffixes (25M).")
    long interactions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write ratings.tsv into.")
    Path out;

    @Option(names = "--rank", paramLabel = "K", defaultValue = "8",
            description = "Rank of the planted tastes. Default: ${DEFAULT-VALUE}.")
    int rank;

    @Option(names = "--popularity-exponent", paramLabel = "A", defaultValue = "1.0",
            description = "Zipf exponent of item popularity. Default: ${DEFAULT-VALUE}.")
    double exponent;

    @Option(names = "--noise", paramLabel = "SHARE", defaultValue = "0.5",
            description = "Share of the rating affinity that is noise, 0..1. Default: ${DEFAULT-VALUE}.")
    double noise;

    @Override
    public Integer call() throws Exception {
        if (users > Integer.MAX_VALUE || items > Integer.MAX_VALUE) {
            throw new UserInputException("--users and --items must be below 2^31");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + " is a file; give a folder");
        }
        SyntheticData generator;
        try {
            generator = SyntheticData.builder().users((int) users).items((int) items).interactions(interactions)
                    .seed(seed).rank(rank).popularityExponent(exponent).noise(noise).build();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        Path file = out.resolve("ratings.tsv");
        long start = System.nanoTime();
        SyntheticData.Summary s = generator.write(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter pw = spec.commandLine().getOut();
        long[] st = s.stars();
        pw.printf(Locale.ROOT, "wrote %s: %,d users, %,d items, %,d ratings in %.1f s (%,d bytes)%n", file,
                s.users(), s.items(), s.interactions(), seconds, Files.size(file));
        pw.printf(Locale.ROOT, "stars 1..5: %.1f%% %.1f%% %.1f%% %.1f%% %.1f%%%n", 100.0 * st[1] / s.interactions(),
                100.0 * st[2] / s.interactions(), 100.0 * st[3] / s.interactions(), 100.0 * st[4] / s.interactions(),
                100.0 * st[5] / s.interactions());
        pw.println("train on it: tripletrec train --ratings " + file);
        pw.flush();
        return ErrorHandler.OK;
    }

    /** A count with an optional k / M / G suffix (powers of 1000). */
    static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip().replace("_", "").replace(",", "");
            long mult = 1;
            if (!v.isEmpty()) {
                char last = Character.toLowerCase(v.charAt(v.length() - 1));
                mult = switch (last) {
                    case 'k' -> 1_000L;
                    case 'm' -> 1_000_000L;
                    case 'g' -> 1_000_000_000L;
                    default -> 1L;
                };
                if (mult > 1) {
                    v = v.substring(0, v.length() - 1);
                }
            }
            try {
                long n = Math.multiplyExact(Long.parseLong(v), mult);
                if (n < 1) {
                    throw new IllegalArgumentException("must be at least 1, got " + value);
                }
                return n;
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + value + "' is not a count (e.g. 943, 100k, 25M)");
            }
        }
    }
}
