package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delays4j download} end to end against a local server (no md5sums.txt there: files reported unverified). */
class DownloadCommandTest {

    @TempDir
    Path dir;

    HttpServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String name = ex.getRequestURI().getPath().replaceFirst(".*/", "");
            if (name.startsWith("shd_")) {
                byte[] body = ("content of " + name).getBytes();
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror";
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty(DownloadCommand.BASE_URL_PROPERTY);
    }

    @Test
    void downloadsFromTheBaseUrlOption() {
        CliRun r = run("download", "shd", "--dir", dir.toString(), "--base-url", base);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("shd_train.h5.gz")).hasContent("content of shd_train.h5.gz");
        assertThat(r.out()).contains("NOT verified", "Spiking Heidelberg Digits");
    }

    @Test
    void theBaseUrlCanComeFromASystemProperty() {
        System.setProperty(DownloadCommand.BASE_URL_PROPERTY, base);
        CliRun r = run("download", "shd", "--dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("shd_test.h5.gz")).hasContent("content of shd_test.h5.gz");
    }

    @Test
    void errorsAreOneLineWithExitTwo() {
        CliRun unknown = run("download", "mnist", "--dir", dir.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("unknown dataset 'mnist'");

        CliRun missing = run("download", "ssc", "--dir", dir.toString(), "--base-url", base); // ssc_* answer 404
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).hasSize(1);
        assertThat(missing.err()).contains("HTTP 404").doesNotContain("at org.");

        assertThat(run("download", "shd").code()).isEqualTo(2); // --dir is required
    }
}
