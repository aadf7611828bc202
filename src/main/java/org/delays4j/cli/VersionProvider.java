package org.delays4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven wrote into {@code delays4j.properties}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/delays4j.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // fall back to "unknown"
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "delays4j " + version(),
            "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        };
    }
}
