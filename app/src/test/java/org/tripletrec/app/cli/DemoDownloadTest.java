package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.data.Downloader;
import org.tripletrec.testing.TestData;

/**
 * {@code tripletrec demo} on a machine without ml-100k: it downloads the data set (here from a server on
 * loopback, named by {@link Downloader#MIRROR_PROPERTY}) and goes on; a corrupted archive is refused with
 * nothing left in the data folder; with no server, one line says what to do, exit 2.
 */
class DemoDownloadTest {
    private static final List<String> FILES = List.of("u.data", "ua.base", "ua.test", "ub.base", "ub.test", "u.item");

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        System.clearProperty(Downloader.MIRROR_PROPERTY);
        if (server != null) {
            server.stop(0);
        }
    }

    /** The ml-100k files the demo needs, zipped under ml-100k/ as GroupLens ships them; a replacement per file. */
    private static byte[] archive(Map<String, byte[]> replaced) throws IOException {
        Path source = TestData.dataset("ml-100k");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("ml-100k/"));
            zip.closeEntry();
            for (String file : FILES) {
                zip.putNextEntry(new ZipEntry("ml-100k/" + file));
                zip.write(replaced.containsKey(file) ? replaced.get(file) : Files.readAllBytes(source.resolve(file)));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Serves {@code zip} at /ml-100k.zip on a free loopback port and points the downloader there. */
    private void serve(byte[] zip) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ml-100k.zip", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, zip.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(zip);
            }
        });
        server.start();
        System.setProperty(Downloader.MIRROR_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static List<String> contents(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aMissingDataSetIsDownloadedOnceAndTheDemoGoesOn() throws Exception {
        serve(archive(Map.of()));
        Path data = dir.resolve("data");
        Cli.Result r = Cli.run("demo", "--data-dir", data.toString(), "--epochs", "1", "--users", "1", "-k", "3");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("downloading")).toList()).containsExactly(
                "tripletrec: ml-100k is not in " + data + ": downloading it from 127.0.0.1 (every file checked by"
                        + " SHA-256)");
        assertThat(r.out()).contains("full_auc", "user 1 liked: ");
        assertThat(contents(data.resolve("ml-100k"))).containsExactlyInAnyOrderElementsOf(FILES);
        assertThat(contents(data)).allMatch(p -> p.startsWith("ml-100k")); // no temporary folder left

        Cli.Result again = Cli.run("demo", "--data-dir", data.toString(), "--epochs", "1", "--users", "1", "-k", "3");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).doesNotContain("downloading");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aCorruptedArchiveIsRefusedAndNothingIsLeftBehind() throws Exception {
        byte[] data = Files.readAllBytes(TestData.dataset("ml-100k").resolve("u.data"));
        data[100] ^= 1; // one flipped bit in one file
        serve(archive(Map.of("u.data", data)));
        Path folder = dir.resolve("data");
        Cli.Result r = Cli.run("demo", "--data-dir", folder.toString(), "--epochs", "1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(2); // the "downloading" line, then the error
        assertThat(lines.get(1)).startsWith("tripletrec: checksum mismatch for ml-100k/u.data: SHA-256 ");
        assertThat(r.out()).isEmpty();
        assertThat(contents(folder)).isEmpty();
    }

    @Test
    void offlineItSaysWhatToDoInOneLineAndExitsTwo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        System.setProperty(Downloader.MIRROR_PROPERTY, "http://127.0.0.1:" + closedPort + "/");
        Path folder = dir.resolve("data");
        Cli.Result r = Cli.run("demo", "--data-dir", folder.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("tripletrec: cannot download ml-100k from 127.0.0.1 (")
                .contains("connect to the internet and run again, or put the files under " + folder.resolve("ml-100k"),
                        "or set TRIPLETREC_DATA")
                .doesNotContain("Exception\n");
        assertThat(contents(folder)).isEmpty();
    }
}
