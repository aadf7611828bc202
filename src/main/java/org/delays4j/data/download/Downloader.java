package org.delays4j.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.delays4j.util.UserInputException;

/**
 * Fetches a {@link DatasetSource} into a directory.
 *
 * <p>Each file is downloaded into {@code NAME.part} and renamed only once complete and verified,
 * so a finished name is always a whole file. An existing {@code .part} is resumed with an HTTP
 * {@code Range} request (a server that ignores it is handled: the download restarts). A file
 * already present is verified and kept. SHD/SSC are checked against the {@code md5sums.txt}
 * zenkelab.org publishes (fetched each time; when it cannot be fetched the file is kept and the
 * report says it was not verified); GSC against its known SHA-256; FSDD has no published checksum,
 * so its SHA-256 is printed for the record.
 */
public final class Downloader {
    private final HttpClient http;
    private final PrintWriter log;
    private final Duration timeout;
    private final boolean extract;

    /** What happened to one file. */
    public record Outcome(Path file, String status, String digest) {}

    /**
     * A downloader writing progress and results to {@code log}.
     *
     * @param timeout connection and first-byte timeout of each request
     * @param extract whether to unpack {@code .tar.gz} files that have an {@link RemoteFile#extractTo()}
     */
    public Downloader(PrintWriter log, Duration timeout, boolean extract) {
        this.log = log;
        this.timeout = timeout;
        this.extract = extract;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Downloads (or resumes, or verifies) every file of {@code source} into {@code dir}. */
    public java.util.List<Outcome> fetch(DatasetSource source, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> md5 = source.md5sums() == null ? Map.of() : md5sums(source.md5sums());
        java.util.List<Outcome> out = new java.util.ArrayList<>();
        for (RemoteFile f : source.files()) {
            Checksum want = f.checksum();
            if (want == null && md5.containsKey(f.name())) {
                want = new Checksum("MD5", md5.get(f.name()), "md5sums.txt at " + source.md5sums().getHost());
            }
            Outcome o = fetch(f, want, dir, source);
            out.add(o);
            if (extract && f.extractTo() != null) unpack(o.file(), dir.resolve(f.extractTo()), dir.resolve("." + f.name() + ".extracted"));
        }
        return out;
    }

    /** Unpacks once: a marker written after the last file makes a re-run skip it, and an interrupted unpack redo it. */
    private void unpack(Path archive, Path dest, Path marker) throws IOException {
        if (Files.exists(marker)) {
            log.printf(Locale.ROOT, "%s: already unpacked into %s%n", archive.getFileName(), dest);
            return;
        }
        log.printf(Locale.ROOT, "%s: unpacking into %s ...%n", archive.getFileName(), dest);
        log.flush();
        int n = TarGz.extract(archive, dest);
        Files.writeString(marker, n + " files\n");
        log.printf(Locale.ROOT, "%s: %d files unpacked%n", archive.getFileName(), n);
    }

    private Outcome fetch(RemoteFile f, Checksum want, Path dir, DatasetSource source) throws IOException {
        Path target = dir.resolve(f.name());
        Path part = dir.resolve(f.name() + ".part");
        if (Files.exists(target)) {
            if (want == null) {
                log.printf(Locale.ROOT, "%s: already present (no published checksum to verify it against)%n", target);
                return new Outcome(target, "present, not verified", Checksum.digest(target, "SHA-256"));
            }
            if (!want.matches(target)) {
                throw new UserInputException(target + ": already present but its " + want.algorithm() + " does not match " + want.origin()
                        + "; delete it (or move it away) and run the command again");
            }
            log.printf(Locale.ROOT, "%s: already present, %s verified%n", target, want.algorithm());
            return new Outcome(target, "present, verified", want.hex());
        }
        download(f.uri(), part, source, target);
        String status;
        String digest;
        if (want != null) {
            digest = Checksum.digest(part, want.algorithm());
            if (!digest.equals(want.hex())) {
                Files.deleteIfExists(part);
                throw new UserInputException(f.name() + ": checksum mismatch: " + want.algorithm() + " " + digest + " but "
                        + want.origin() + " says " + want.hex() + "; the download was deleted, run the command again");
            }
            status = "downloaded, " + want.algorithm() + " verified against " + want.origin();
        } else {
            digest = Checksum.digest(part, "SHA-256");
            status = source.md5sums() != null
                    ? "downloaded, NOT verified (no entry in " + source.md5sums() + "; it could not be fetched or does not list this file)"
                    : "downloaded (no checksum is published for it; SHA-256 " + digest + ")";
        }
        move(part, target);
        log.printf(Locale.ROOT, "%s: %s%n", target, status);
        log.flush();
        return new Outcome(target, status, digest);
    }

    /** Fetches md5sums.txt (lines "hex  name"); an empty map when it cannot be fetched. */
    private Map<String, String> md5sums(URI uri) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Offline: files already here are kept (reported unverified); missing ones fail below.
            log.printf(Locale.ROOT, "note: could not fetch %s (%s): the files cannot be verified%n", uri, e.getClass().getSimpleName());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (r.statusCode() != 200) {
            log.printf(Locale.ROOT, "note: %s answered HTTP %d: the files cannot be verified%n", uri, r.statusCode());
            return Map.of();
        }
        Map<String, String> m = new HashMap<>();
        Pattern line = Pattern.compile("^([0-9a-fA-F]{32})\\s+\\*?(?:.*/)?([^/\\s]+)\\s*$");
        for (String l : r.body().split("\\R")) {
            Matcher mm = line.matcher(l.strip());
            if (mm.matches()) m.put(mm.group(2), mm.group(1).toLowerCase(Locale.ROOT));
        }
        return m;
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /** Downloads {@code uri} into {@code part}, resuming from its current size. */
    private void download(URI uri, Path part, DatasetSource source, Path target) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (have > 0) rb.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> r;
        try {
            r = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(uri, target.getParent(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int code = r.statusCode();
        boolean append;
        long total;
        if (code == 206) {
            Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                r.body().close();
                Files.deleteIfExists(part); // an unexpected range: start over cleanly next time
                throw new UserInputException(uri + ": the server answered a resume request with an unexpected range ("
                        + r.headers().firstValue("Content-Range").orElse("none") + "); the partial file was deleted, run the command again");
            }
            append = true;
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            log.printf(Locale.ROOT, "%s: resuming at %d bytes%n", uri, have);
        } else if (code == 200) {
            append = false; // no range support, or nothing to resume: from the start
            total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        } else if (code == 416 && have > 0) {
            // Nothing left to send: the part file is already whole (verification decides).
            r.body().close();
            return;
        } else {
            r.body().close();
            throw new UserInputException(uri + ": HTTP " + code + " (the file may have moved; download it manually from "
                    + source.homepage() + " into " + target + ")");
        }
        long written = append ? have : 0;
        long nextReport = written + (total > 0 ? Math.max(total / 10, 1) : 64L << 20);
        try (InputStream in = r.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                written += n;
                if (written >= nextReport) {
                    log.printf(Locale.ROOT, "%s: %d MB%s%n", target.getFileName(), written >> 20,
                            total > 0 ? String.format(Locale.ROOT, " of %d MB (%.0f %%)", total >> 20, 100.0 * written / total) : "");
                    log.flush();
                    nextReport = written + (total > 0 ? Math.max(total / 10, 1) : 64L << 20);
                }
            }
        } catch (IOException e) {
            throw new UserInputException(uri + ": the download stopped after " + written + " bytes (" + e.getMessage()
                    + "); run the same command again to resume it", e);
        }
        if (total > 0 && written != total) {
            throw new UserInputException(uri + ": the download stopped after " + written + " of " + total
                    + " bytes; run the same command again to resume it");
        }
    }

    private static UserInputException unreachable(URI uri, Path dir, IOException e) {
        boolean network = e instanceof ConnectException || e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException
                || e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException
                || e.getCause() instanceof java.net.UnknownHostException;
        String why = network ? "could not reach " + uri.getHost() + " (no network, or the host is down)"
                : "could not download from " + uri.getHost() + " (" + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()) + ")";
        return new UserInputException(uri + ": " + why + "; download it manually (browser, curl -C - -O " + uri + ") into "
                + dir + " and run the same command again to verify it", e);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
