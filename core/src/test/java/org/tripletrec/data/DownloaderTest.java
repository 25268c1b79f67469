package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final String DATA = "1\t1\t5\t1\n2\t1\t3\t2\n";
    private static final String ITEMS = "1|Movie (1999)|x\n";
    private static final URI URL = URI.create("https://files.grouplens.org/datasets/movielens/tiny.zip");

    @TempDir
    Path dir;

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(String text) throws Exception {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] tinyZip() throws IOException {
        return zip(Map.of("tiny/", "", "tiny/u.data", DATA, "tiny/u.item", ITEMS, "tiny/README", "hi"));
    }

    private static Downloader serving(byte[] zip, AtomicInteger calls) {
        return new Downloader(url -> {
            calls.incrementAndGet();
            assertThat(url).isEqualTo(URL);
            return new ByteArrayInputStream(zip);
        });
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void unpacksVerifiesAndMovesIntoPlace() throws Exception {
        byte[] zip = tinyZip();
        Downloader.Archive archive = new Downloader.Archive("tiny", URL, sha256(zip),
                Map.of("u.data", sha256(DATA), "u.item", sha256(ITEMS)));
        AtomicInteger calls = new AtomicInteger();
        Path target = serving(zip, calls).download(archive, dir.resolve("data"));
        assertThat(target).isEqualTo(dir.resolve("data/tiny"));
        assertThat(Files.readString(target.resolve("u.data"))).isEqualTo(DATA);
        assertThat(target.resolve("README")).exists();
        try (Stream<Path> s = Files.list(dir.resolve("data"))) {
            assertThat(s.toList()).containsExactly(target);
        }
        // a second call finds the files and fetches nothing
        serving(zip, calls).download(archive, dir.resolve("data"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void fileHashMismatchLeavesNothingBehind() throws Exception {
        byte[] zip = tinyZip();
        Downloader.Archive archive = new Downloader.Archive("tiny", URL, null,
                Map.of("u.data", sha256("something else"), "u.item", sha256(ITEMS)));
        assertThatThrownBy(() -> serving(zip, new AtomicInteger()).download(archive, dir))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("checksum mismatch for tiny/u.data: SHA-256 " + sha256(DATA));
        assertThat(dir.resolve("tiny")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void zipHashMismatch() throws Exception {
        byte[] zip = tinyZip();
        Downloader.Archive archive = new Downloader.Archive("tiny", URL, sha256("not the zip"),
                Map.of("u.data", sha256(DATA)));
        assertThatThrownBy(() -> serving(zip, new AtomicInteger()).download(archive, dir))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("checksum mismatch for " + URL);
        assertThat(dir.resolve("tiny")).doesNotExist();
    }

    @Test
    void missingPinnedFile() throws Exception {
        byte[] zip = zip(Map.of("tiny/u.data", DATA));
        Downloader.Archive archive = new Downloader.Archive("tiny", URL, null,
                Map.of("u.data", sha256(DATA), "u.item", sha256(ITEMS)));
        assertThatThrownBy(() -> serving(zip, new AtomicInteger()).download(archive, dir))
                .hasMessage("tiny archive lacks u.item");
    }

    @Test
    void refusesZipSlip() throws Exception {
        byte[] zip = zip(Map.of("../evil", "x", "tiny/u.data", DATA));
        Downloader.Archive archive = new Downloader.Archive("tiny", URL, null, Map.of("u.data", sha256(DATA)));
        assertThatThrownBy(() -> serving(zip, new AtomicInteger()).download(archive, dir.resolve("d")))
                .hasMessageContaining("refusing zip entry outside the target folder: ../evil");
        assertThat(dir.resolve("evil")).doesNotExist();
    }

    @Test
    void offlineGivesOneClearMessage() {
        Downloader offline = new Downloader(url -> {
            throw new ConnectException("Connection refused");
        });
        assertThatThrownBy(() -> offline.download("ml-100k", dir))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("cannot download ml-100k from files.grouplens.org (Connection refused):"
                        + " connect to the internet and run again, or put the files under " + dir.resolve("ml-100k") + "/");
        assertThat(dir.resolve("ml-100k")).doesNotExist();
    }

    @Test
    void knowsTheOfficialArchives() {
        assertThat(Downloader.archive("ml-100k").url())
                .hasToString("https://files.grouplens.org/datasets/movielens/ml-100k.zip");
        assertThat(Downloader.archive("ml-100k").fileSha256())
                .containsKeys("u.data", "ua.base", "ua.test", "ub.base", "ub.test", "u.item");
        assertThat(Downloader.archive("ml-latest-small").fileSha256()).containsKeys("ratings.csv", "movies.csv");
        assertThat(Downloader.supports("ml-25m")).isFalse();
        assertThatThrownBy(() -> Downloader.archive("ml-25m")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMirrorReplacesTheHostButNotTheHashes() {
        System.setProperty(Downloader.MIRROR_PROPERTY, "http://127.0.0.1:9/mirror");
        try {
            Downloader.Archive mirrored = Downloader.archive("ml-100k");
            assertThat(mirrored.url()).hasToString("http://127.0.0.1:9/mirror/ml-100k.zip");
            assertThat(mirrored.fileSha256()).containsEntry("u.data",
                    "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490");
            System.setProperty(Downloader.MIRROR_PROPERTY, "http://127.0.0.1:9/");
            assertThat(Downloader.archive("ml-latest-small").url()).hasToString("http://127.0.0.1:9/ml-latest-small.zip");
        } finally {
            System.clearProperty(Downloader.MIRROR_PROPERTY);
        }
        assertThat(Downloader.archive("ml-100k").url()).hasToString("https://files.grouplens.org/datasets/movielens/ml-100k.zip");
    }

    @Test
    void progressCountsEveryByteOfTheArchive() throws Exception {
        byte[] zip = tinyZip();
        Downloader.Archive archive = new Downloader.Archive("tiny", URL, null, Map.of("u.data", sha256(DATA)));
        List<long[]> seen = new java.util.ArrayList<>();
        serving(zip, new AtomicInteger()).withProgress((done, total) -> seen.add(new long[] {done, total}))
                .download(archive, dir);
        assertThat(seen.get(0)).containsExactly(0, -1); // the test's opener does not say the length
        assertThat(seen.get(seen.size() - 1)).containsExactly(zip.length, -1);
        for (int k = 1; k < seen.size(); k++) {
            assertThat(seen.get(k)[0]).isGreaterThan(seen.get(k - 1)[0]);
        }
    }

    @Test
    void partialExistingFolderIsNotOverwritten() throws Exception {
        Files.createDirectories(dir.resolve("tiny"));
        Downloader.Archive archive = new Downloader.Archive("tiny", URL, null, Map.of("u.data", sha256(DATA)));
        assertThatThrownBy(() -> serving(tinyZip(), new AtomicInteger()).download(archive, dir))
                .hasMessageContaining("exists but lacks some of");
    }
}
