package org.tripletrec.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an official GroupLens MovieLens archive, verifies it and unpacks it into {@code dataDir/<name>/}.
 * The folder appears all at once (unpacked into a temporary folder beside it, then moved with ATOMIC_MOVE), so
 * an interrupted download never leaves a half data set that the loader would accept.
 *
 * <p>Verification: the zip's SHA-256 when one is pinned; always the SHA-256 of each data file the project
 * reads, pinned from the copies the evaluation figures were computed on. The data itself may not be shipped
 * with the project, which is why it is downloaded at all.
 */
public final class Downloader {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    /**
     * System property, else environment variable {@link #MIRROR_ENV}: a base URL to fetch {@code NAME.zip} from
     * instead of GroupLens (a mirror, or a test's local server). The same files and hashes are required.
     */
    public static final String MIRROR_PROPERTY = "tripletrec.download.url";
    public static final String MIRROR_ENV = "TRIPLETREC_DOWNLOAD_URL";

    /**
     * One downloadable archive.
     *
     * @param name      the data set name and the folder the zip holds at its top level
     * @param url       where to fetch the zip
     * @param zipSha256 the archive's SHA-256, or null: then only the per-file hashes are checked
     * @param fileSha256 file name (inside the data set folder) to expected SHA-256 hex
     */
    public record Archive(String name, URI url, String zipSha256, Map<String, String> fileSha256) {
        public Archive {
            fileSha256 = Map.copyOf(fileSha256);
        }
    }

    /** Opens a URL for reading; swapped in tests so that no network is needed. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(URI url) throws IOException;
    }

    /** Told as the archive arrives: bytes so far, and the total, or -1 when the server did not say. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void bytes(long done, long total);
    }

    // The zip hashes are null: GroupLens does not publish them and they could not be recorded here. The per-file
    // hashes below (from the data the evaluation numbers were computed on) are always checked instead.
    private static final String ML_100K_ZIP_SHA256 = null;
    private static final String ML_LATEST_SMALL_ZIP_SHA256 = null;

    private static final Map<String, Archive> ARCHIVES = archives();

    private static Map<String, Archive> archives() {
        Map<String, String> ml100k = new LinkedHashMap<>();
        ml100k.put("u.data", "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490");
        ml100k.put("ua.base", "67b5bcdb380c29f85d56a012ecd88612ae020f30a6730d117a334ee8203b91f2");
        ml100k.put("ua.test", "d0497e202417720f57a184ec8c66be2d1afa4ff41bb53787c57b28d6bf79bc42");
        ml100k.put("ub.base", "237254d253b6ad7de84f919d041055428646254f34ed8f562703c899430cd881");
        ml100k.put("ub.test", "d54a72d05730d5892062734b2bec73e976f9b713d18c828a18b968d6cce442da");
        ml100k.put("u.item", "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701");
        Map<String, String> small = new LinkedHashMap<>();
        small.put("ratings.csv", "44f8bc6b1ab2cdff269f8dd3fe5c778bb8082a8e9dfe3f7f1ed6f12d8b36963b");
        small.put("movies.csv", "a87480009b75ecd8d1e8f70700c534b6aefd57eed31b087ce8268ef6061a166c");
        Map<String, Archive> all = new LinkedHashMap<>();
        all.put("ml-100k", new Archive("ml-100k",
                URI.create("https://files.grouplens.org/datasets/movielens/ml-100k.zip"), ML_100K_ZIP_SHA256, ml100k));
        all.put("ml-latest-small", new Archive("ml-latest-small",
                URI.create("https://files.grouplens.org/datasets/movielens/ml-latest-small.zip"),
                ML_LATEST_SMALL_ZIP_SHA256, small));
        return Map.copyOf(all);
    }

    private final Opener opener;
    private final Progress progress;

    /** Downloads over HTTPS with {@link HttpClient}. */
    public Downloader() {
        this(httpOpener());
    }

    public Downloader(Opener opener) {
        this(opener, Progress.NONE);
    }

    private Downloader(Opener opener, Progress progress) {
        this.opener = opener;
        this.progress = progress;
    }

    /** The same downloader, telling {@code progress} as bytes arrive. */
    public Downloader withProgress(Progress progress) {
        return new Downloader(opener, progress);
    }

    /** True when {@code dataDir/<dataset>/} holds every file the data set is pinned by. */
    public static boolean isPresent(String dataset, Path dataDir) {
        return holdsAll(dataDir.resolve(dataset), archive(dataset));
    }

    /** Whether {@link #download(String, Path)} knows the data set. */
    public static boolean supports(String dataset) {
        return ARCHIVES.containsKey(dataset);
    }

    /** The pinned archive description of a supported data set, fetched from the mirror when one is set. */
    public static Archive archive(String dataset) {
        Archive archive = ARCHIVES.get(dataset);
        if (archive == null) {
            throw new IllegalArgumentException("cannot download '" + dataset + "': known are "
                    + String.join(", ", ARCHIVES.keySet()));
        }
        String mirror = System.getProperty(MIRROR_PROPERTY, System.getenv(MIRROR_ENV));
        if (mirror == null || mirror.isBlank()) {
            return archive;
        }
        String base = mirror.strip().endsWith("/") ? mirror.strip() : mirror.strip() + "/";
        return new Archive(archive.name(), URI.create(base + archive.name() + ".zip"), archive.zipSha256(),
                archive.fileSha256());
    }

    /**
     * Makes {@code dataDir/<dataset>/} hold the verified data set and returns that folder. Nothing is fetched
     * when it already holds every pinned file.
     */
    public Path download(String dataset, Path dataDir) {
        return download(archive(dataset), dataDir);
    }

    public Path download(Archive archive, Path dataDir) {
        Path target = dataDir.resolve(archive.name());
        if (Files.isDirectory(target)) {
            if (holdsAll(target, archive)) {
                LOG.debug("{} already present in {}", archive.name(), target);
                return target;
            }
            throw new DownloadException(target + " exists but lacks some of " + archive.fileSha256().keySet()
                    + "; remove it and download again");
        }
        Path tmp = null;
        try {
            Files.createDirectories(dataDir);
            tmp = Files.createTempDirectory(dataDir, "." + archive.name() + "-download-");
            Path zip = tmp.resolve(archive.name() + ".zip");
            String zipHash = fetch(archive, zip, dataDir);
            if (archive.zipSha256() != null && !archive.zipSha256().equalsIgnoreCase(zipHash)) {
                throw new DownloadException("checksum mismatch for " + archive.url() + ": SHA-256 " + zipHash
                        + ", expected " + archive.zipSha256());
            }
            Path unpacked = tmp.resolve("unpacked");
            unzip(zip, unpacked);
            Path folder = unpacked.resolve(archive.name());
            if (!Files.isDirectory(folder)) {
                throw new DownloadException(archive.url() + " has no top-level folder " + archive.name() + "/");
            }
            verify(folder, archive);
            moveIntoPlace(folder, target);
            LOG.debug("{} downloaded and verified into {}", archive.name(), target);
            return target;
        } catch (IOException e) {
            throw new DownloadException("cannot install " + archive.name() + " into " + target + ": " + e, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private String fetch(Archive archive, Path zip, Path dataDir) throws IOException {
        MessageDigest sha = sha256();
        InputStream body = openOrExplain(archive, dataDir);
        long total = body instanceof SizedStream sized ? sized.length : -1;
        try (InputStream in = new DigestInputStream(body, sha);
             OutputStream out = Files.newOutputStream(zip)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            progress.bytes(0, total);
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                done += n;
                progress.bytes(done, total);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private InputStream openOrExplain(Archive archive, Path dataDir) {
        try {
            return opener.open(archive.url());
        } catch (IOException | UncheckedIOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DownloadException("cannot download " + archive.name() + " from " + archive.url().getHost()
                    + " (" + why + "): connect to the internet and run again, or put the files under "
                    + dataDir.resolve(archive.name()) + "/ (from https://grouplens.org/datasets/movielens/) or set "
                    + DataLocator.ENV + " to a folder holding " + archive.name() + "/", e);
        }
    }

    /** Unpacks, refusing entries that would land outside {@code dest} (zip slip). */
    static void unzip(Path zip, Path dest) throws IOException {
        Files.createDirectories(dest);
        Path root = dest.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new DownloadException("refusing zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void verify(Path folder, Archive archive) throws IOException {
        for (Map.Entry<String, String> e : archive.fileSha256().entrySet()) {
            Path file = folder.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw new DownloadException(archive.name() + " archive lacks " + e.getKey());
            }
            String actual = sha256(file);
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new DownloadException("checksum mismatch for " + archive.name() + "/" + e.getKey()
                        + ": SHA-256 " + actual + ", expected " + e.getValue()
                        + " (GroupLens may have published a different version; the evaluation figures are"
                        + " pinned to this one)");
            }
        }
    }

    private static boolean holdsAll(Path folder, Archive archive) {
        for (String file : archive.fileSha256().keySet()) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                return false;
            }
        }
        return true;
    }

    private static void moveIntoPlace(Path folder, Path target) throws IOException {
        try {
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // the temp folder is a sibling of the target, so this only happens on exotic file systems
            throw new DownloadException("cannot move " + folder + " atomically to " + target + ": " + e.getMessage(), e);
        } catch (FileAlreadyExistsException e) {
            throw new DownloadException(target + " appeared while downloading (another download?); not replacing it", e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove temporary folder {}: {}", dir, e.getMessage());
        }
    }

    private static Opener httpOpener() {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return url -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode() + " for " + url);
            }
            return new SizedStream(response.body(), response.headers().firstValueAsLong("Content-Length").orElse(-1));
        };
    }

    /** A response body that knows its length, for the progress report. */
    private static final class SizedStream extends java.io.FilterInputStream {
        final long length;

        SizedStream(InputStream in, long length) {
            super(in);
            this.length = length;
        }
    }
}
