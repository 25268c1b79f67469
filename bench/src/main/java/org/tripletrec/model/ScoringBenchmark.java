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
 * Scoring every MovieLens 100k item for one user, as serving and {@code recommend} do: one dot product per item
 * over the row-major item table (how it was done before {@link ItemMatrix}), against {@link ItemMatrix}'s
 * dimension-major kernels, plain Java and Vector API.
 *
 * <pre>
 * ./mvnw -q -B -pl bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar ScoringBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ScoringBenchmark {
    private static final int USERS = 943, ITEMS = 1682;

    @Param({"64", "100"})
    int dim;

    private float[] users, items, columns, out;
    private ScoreKernel plain, simd;
    private int next;

    @Setup
    public void setup() throws ReflectiveOperationException {
        SplittableRandom rng = new SplittableRandom(1);
        users = BenchTables.gaussian(USERS * dim, rng);
        items = BenchTables.gaussian(ITEMS * dim, rng);
        columns = new float[items.length];
        for (int i = 0; i < ITEMS; i++) {
            for (int j = 0; j < dim; j++) {
                columns[j * ITEMS + i] = items[i * dim + j];
            }
        }
        out = new float[ITEMS];
        plain = new ScoreKernel();
        simd = BenchTables.simdKernel();
    }

    private int nextUser() {
        next = next + 1 == USERS ? 0 : next + 1;
        return next * dim;
    }

    @Benchmark
    public float[] rowDotProducts() {
        int u = nextUser();
        for (int i = 0; i < ITEMS; i++) {
            out[i] = Vectors.dot(users, u, items, i * dim, dim);
        }
        return out;
    }

    @Benchmark
    public float[] columnsPlain() {
        plain.dotAll(users, nextUser(), dim, columns, ITEMS, out);
        return out;
    }

    @Benchmark
    public float[] columnsVectorApi() {
        simd.dotAll(users, nextUser(), dim, columns, ITEMS, out);
        return out;
    }
}
