package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;

class FrontierCommandTest {
    @TempDir
    Path dir;

    @Test
    void oneRowPerWeightTheRunsAsCsvAndAPlot() throws Exception {
        Cli.Result g = Cli.run("generate", "--users", "150", "--items", "100", "--interactions", "4000", "--seed",
                "2", "--out", dir.resolve("syn").toString());
        assertThat(g.exitCode()).as(g.toString()).isZero();
        Path ratings = dir.resolve("syn").resolve("ratings.tsv");
        Path csv = dir.resolve("f.csv");
        Path png = dir.resolve("f.png");
        Cli.Result r = Cli.run("frontier", "--ratings", ratings.toString(), "--dislike-weights", "0,4",
                "--seeds", "1,2", "--dim", "4", "--epochs", "2", "--exposure-weight", "1", "--csv", csv.toString(),
                "--plot", png.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dislike_weight  full_auc", "(mean of 2 seeds)", "    popularity  ");
        assertThat(r.out().lines().filter(l -> l.matches("\\s+(0|4)\\s+0\\.\\d{4}.*"))).hasSize(2);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).isEqualTo("dislike_weight,seed,full_auc,pos_neg_auc,ndcg@10,dislike@10");
        assertThat(rows.get(1)).startsWith("0,1,");
        assertThat(rows.get(4)).startsWith("4,2,");
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');

        Cli.Result bad = Cli.run("frontier", "--ratings", ratings.toString(), "--dislike-weights", "1,-2");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("--dislike-weights must be numbers >= 0").doesNotContain("\n");
    }
}
