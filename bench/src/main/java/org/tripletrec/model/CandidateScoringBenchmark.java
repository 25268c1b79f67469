package org.tripletrec.model;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WARP's candidate scoring: one user's scores for a block of drawn MovieLens 100k items, one {@link Vectors#dot}
 * per candidate (how WARP scored its trials one at a time) against {@link RowDots}' block kernels, plain Java and
 * Vector API (the same floats).
 *
 * <pre>
 * ./mvnw -q -B -pl bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar CandidateScoringBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CandidateScoringBenchmark {
    private static final int USERS = 943, ITEMS = 1682, BLOCKS = 256;

    @Param({"64", "100"})
    int dim;

    @Param({"4", "32"})
    int candidates;

    private float[] users, items, out;
    private int[][] blocks;
    private ScoreKernel plain, simd;
    private int next;

    @Setup
    public void setup() throws ReflectiveOperationException {
        SplittableRandom rng = new SplittableRandom(1);
        users = BenchTables.gaussian(USERS * dim, rng);
        items = BenchTables.gaussian(ITEMS * dim, rng);
        blocks = new int[BLOCKS][candidates];
        for (int[] block : blocks) {
            for (int c = 0; c < candidates; c++) {
                block[c] = rng.nextInt(ITEMS);
            }
        }
        out = new float[candidates];
        plain = new ScoreKernel();
        simd = BenchTables.simdKernel();
    }

    private int nextBlock() {
        next = next + 1 == BLOCKS ? 0 : next + 1;
        return next;
    }

    @Benchmark
    public float[] oneDotPerCandidate() {
        int b = nextBlock();
        int u = (b % USERS) * dim;
        int[] block = blocks[b];
        for (int c = 0; c < candidates; c++) {
            out[c] = Vectors.dot(users, u, items, block[c] * dim, dim);
        }
        return out;
    }

    @Benchmark
    public float[] blockPlain() {
        int b = nextBlock();
        plain.dotRows(users, (b % USERS) * dim, items, dim, blocks[b], candidates, out);
        return out;
    }

    @Benchmark
    public float[] blockVectorApi() {
        int b = nextBlock();
        simd.dotRows(users, (b % USERS) * dim, items, dim, blocks[b], candidates, out);
        return out;
    }
}
