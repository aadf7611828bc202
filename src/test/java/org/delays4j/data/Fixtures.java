package org.delays4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The committed spike fixtures (made by scripts/make-spike-fixtures.py) and their expected contents. */
final class Fixtures {
    private Fixtures() {}

    /** Path of {@code fixtures/spikes/NAME} on the test class path. */
    static Path spikes(String name) {
        URL url = Fixtures.class.getResource("/fixtures/spikes/" + name);
        if (url == null) throw new IllegalStateException("fixture " + name + " missing: run /usr/bin/python3 scripts/make-spike-fixtures.py");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the script wrote into the valid file {@code name}. */
    static JsonNode expected(String name) {
        try {
            JsonNode all = new ObjectMapper().readTree(spikes("expected.json").toFile());
            JsonNode e = all.get(name);
            if (e == null) throw new IllegalStateException("no expected contents for " + name);
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
