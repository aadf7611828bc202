package org.delays4j.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.delays4j.util.UserInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a local HTTP server serving fixtures. */
class DownloaderTest {
    @TempDir
    Path dir;

    FixtureServer server;
    StringWriter log;
    byte[] train, test;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(DownloaderTest.class.getResource("/fixtures/" + name).toURI());
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
    }

    @BeforeEach
    void start() throws Exception {
        server = new FixtureServer();
        log = new StringWriter();
        train = Files.readAllBytes(fixture("spikes/shd_h5py.h5.gz"));
        test = Files.readAllBytes(fixture("spikes/shd_h5py.h5"));
        server.files.put("shd_train.h5.gz", train);
        server.files.put("shd_test.h5.gz", test);
        server.files.put("md5sums.txt", (md5(train) + "  shd_train.h5.gz\n" + md5(test) + "  shd_test.h5.gz\n"
                + "0123456789abcdef0123456789abcdef  ssc_test.h5.gz\n").getBytes());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<Downloader.Outcome> fetch(String dataset) throws Exception {
        return new Downloader(new PrintWriter(log, true), Duration.ofSeconds(5), true).fetch(DatasetSource.of(dataset, server.baseUrl()), dir);
    }

    @Test
    void downloadsAndVerifiesAgainstTheMd5sums() throws Exception {
        List<Downloader.Outcome> out = fetch("shd");
        assertThat(dir.resolve("shd_train.h5.gz")).hasBinaryContent(train);
        assertThat(dir.resolve("shd_test.h5.gz")).hasBinaryContent(test);
        assertThat(out).allSatisfy(o -> assertThat(o.status()).contains("MD5 verified against md5sums.txt"));
        assertThat(dir.resolve("shd_train.h5.gz.part")).doesNotExist();
    }

    @Test
    void resumesAnInterruptedDownloadWithARangeRequest() throws Exception {
        server.cutPath = "shd_train.h5.gz";
        assertThatThrownBy(() -> fetch("shd")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("stopped after").hasMessageContaining("run the same command again to resume");
        Path part = dir.resolve("shd_train.h5.gz.part");
        long have = Files.size(part);
        assertThat(have).isPositive().isLessThan(train.length);
        assertThat(dir.resolve("shd_train.h5.gz")).doesNotExist();

        fetch("shd");
        assertThat(server.requests).contains("shd_train.h5.gz bytes=" + have + "-");
        assertThat(dir.resolve("shd_train.h5.gz")).hasBinaryContent(train);
        assertThat(log.toString()).contains("resuming at " + have + " bytes");
    }

    @Test
    void aServerWithoutRangeSupportRestartsFromTheBeginning() throws Exception {
        server.rangeSupport = false;
        Files.write(dir.resolve("shd_train.h5.gz.part"), Arrays.copyOf(new byte[] {1, 2, 3}, 50));
        fetch("shd");
        assertThat(dir.resolve("shd_train.h5.gz")).hasBinaryContent(train);
    }

    @Test
    void aChecksumMismatchDeletesTheDownload() throws Exception {
        server.files.put("shd_test.h5.gz", Arrays.copyOf(test, test.length - 1));
        assertThatThrownBy(() -> fetch("shd")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("shd_test.h5.gz: checksum mismatch: MD5").hasMessageContaining("md5sums.txt");
        assertThat(dir.resolve("shd_test.h5.gz")).doesNotExist();
        assertThat(dir.resolve("shd_test.h5.gz.part")).doesNotExist();
    }

    @Test
    void withoutMd5sumsTheFilesAreKeptButReportedUnverified() throws Exception {
        server.files.remove("md5sums.txt");
        List<Downloader.Outcome> out = fetch("shd");
        assertThat(out).allSatisfy(o -> assertThat(o.status()).contains("NOT verified"));
        assertThat(log.toString()).contains("HTTP 404");
        assertThat(dir.resolve("shd_test.h5.gz")).hasBinaryContent(test);
    }

    @Test
    void aFileAlreadyPresentIsVerifiedNotFetchedAgain() throws Exception {
        fetch("shd");
        int before = server.requests.size();
        List<Downloader.Outcome> out = fetch("shd");
        assertThat(server.requests.subList(before, server.requests.size())).containsExactly("md5sums.txt null");
        assertThat(out).allSatisfy(o -> assertThat(o.status()).isEqualTo("present, verified"));
        Files.write(dir.resolve("shd_test.h5.gz"), new byte[] {0});
        assertThatThrownBy(() -> fetch("shd")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("already present but its MD5 does not match").hasMessageContaining("delete it");
    }

    @Test
    void anUnreachableHostSaysSoAndHowToDownloadManually() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        DatasetSource src = DatasetSource.of("ssc", "http://127.0.0.1:" + port + "/x");
        assertThatThrownBy(() -> new Downloader(new PrintWriter(log), Duration.ofSeconds(5), true).fetch(src, dir))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("could not reach 127.0.0.1")
                .hasMessageContaining("download it manually")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void httpErrorsNameTheUrlAndTheManualRoute() throws Exception {
        server.files.remove("shd_test.h5.gz");
        assertThatThrownBy(() -> fetch("shd")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("shd_test.h5.gz: HTTP 404").hasMessageContaining("download it manually from https://zenkelab.org");
    }

    @Test
    void gscIsCheckedAgainstItsSha256() throws Exception {
        server.files.put("speech_commands_v0.02.tar.gz", Files.readAllBytes(fixture("download/archive.tar.gz")));
        assertThatThrownBy(() -> fetch("gsc")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("checksum mismatch: SHA-256").hasMessageContaining(DatasetSource.GSC_SHA256);
    }

    @Test
    void fsddIsUnpackedOnceAndItsSha256Reported() throws Exception {
        byte[] archive = Files.readAllBytes(fixture("download/archive.tar.gz"));
        server.files.put("free-spoken-digit-dataset-1.0.10.tar.gz", archive);
        List<Downloader.Outcome> out = fetch("fsdd");
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(archive));
        assertThat(out.get(0).status()).contains("no checksum is published", sha);
        Path top = dir.resolve("free-spoken-digit-dataset-1.0.10");
        assertThat(top.resolve("recordings/0_george_0.wav")).hasContent("RIFF-not-really-a-wav-0");
        assertThat(top.resolve("recordings/1_george_0.wav")).exists();
        assertThat(top.resolve("deep/" + "a".repeat(120) + ".txt")).hasContent("long name via pax");
        assertThat(top.resolve("link.wav")).doesNotExist();
        fetch("fsdd");
        assertThat(log.toString()).contains("already unpacked");
    }

    @Test
    void unknownDatasetAndBadBaseUrlAreUserErrors() {
        assertThatThrownBy(() -> DatasetSource.of("mnist", null)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("unknown dataset 'mnist'").hasMessageContaining("fsdd, gsc, shd, ssc");
        assertThatThrownBy(() -> DatasetSource.of("shd", "http://bad host/")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("not a valid URL");
    }

    @Test
    void officialSourcesPointAtThePublishedLocations() {
        assertThat(DatasetSource.of("shd", null).files()).extracting(f -> f.uri().toString())
                .containsExactly("https://zenkelab.org/datasets/shd_train.h5.gz", "https://zenkelab.org/datasets/shd_test.h5.gz");
        assertThat(DatasetSource.of("ssc", null).md5sums().toString()).isEqualTo("https://zenkelab.org/datasets/md5sums.txt");
        assertThat(DatasetSource.of("ssc", null).files()).hasSize(3);
        assertThat(DatasetSource.of("gsc", null).files().get(0).uri().toString()).isEqualTo(DatasetSource.GSC_URL);
    }
}
