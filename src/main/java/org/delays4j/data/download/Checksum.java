package org.delays4j.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An expected digest of a file: algorithm ({@code MD5}, {@code SHA-256}) and lower-case hex.
 *
 * @param origin where the value comes from, for messages ("md5sums.txt at zenkelab.org")
 */
public record Checksum(String algorithm, String hex, String origin) {
    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        try {
            MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
    }

    /** The hex digest of a file with the given algorithm. */
    public static String digest(Path file, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Whether {@code file} has this digest. */
    public boolean matches(Path file) throws IOException {
        return digest(file, algorithm).equals(hex);
    }
}
