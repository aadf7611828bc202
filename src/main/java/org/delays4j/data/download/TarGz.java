package org.delays4j.data.download;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.delays4j.util.UserInputException;

/**
 * Unpacks a {@code .tar.gz} (POSIX ustar with pax or GNU long names, as GitHub and TensorFlow
 * serve them). Only directories and regular files are created; links are skipped, and an entry
 * whose path would land outside the target directory is refused.
 */
public final class TarGz {
    private TarGz() {}

    /** Extracts {@code archive} into {@code dest}; returns the number of regular files written. */
    public static int extract(Path archive, Path dest) throws IOException {
        Path root = dest.toAbsolutePath().normalize();
        Files.createDirectories(root);
        int files = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16))) {
            byte[] h = new byte[512];
            String longName = null;
            while (true) {
                try {
                    in.readFully(h);
                } catch (EOFException e) {
                    break; // archives without the two zero blocks
                }
                if (isZero(h)) break;
                String name = longName != null ? longName : header(h);
                longName = null;
                long size = octal(h, 124, 12, archive);
                char type = (char) h[156];
                long padded = (size + 511) & ~511L;
                switch (type) {
                    case 'L' -> { // GNU long name: the next entry's name is this entry's data
                        longName = cString(readBytes(in, size, archive));
                        in.skipNBytes(padded - size);
                    }
                    case 'x' -> { // pax header: may carry path=
                        String pax = new String(readBytes(in, size, archive), StandardCharsets.UTF_8);
                        in.skipNBytes(padded - size);
                        longName = paxPath(pax);
                    }
                    case '0', '\0', '5' -> {
                        Path out = root.resolve(name).normalize();
                        if (!out.startsWith(root) || name.startsWith("/")) {
                            throw new UserInputException(archive + ": entry '" + name + "' would be written outside " + root + "; refusing the archive");
                        }
                        if (type == '5' || name.endsWith("/")) {
                            Files.createDirectories(out);
                            in.skipNBytes(padded);
                        } else {
                            Files.createDirectories(out.getParent());
                            try (OutputStream os = Files.newOutputStream(out)) {
                                copy(in, os, size, archive);
                            }
                            in.skipNBytes(padded - size);
                            files++;
                        }
                    }
                    default -> in.skipNBytes(padded); // links, devices, global pax headers
                }
            }
        } catch (EOFException | java.util.zip.ZipException e) {
            throw new UserInputException(archive + ": the archive is truncated or corrupt (" + e.getMessage() + "); delete it and download it again", e);
        }
        return files;
    }

    private static String header(byte[] h) {
        String name = cString(java.util.Arrays.copyOfRange(h, 0, 100));
        String magic = new String(h, 257, 5, StandardCharsets.US_ASCII);
        if (magic.equals("ustar")) {
            String prefix = cString(java.util.Arrays.copyOfRange(h, 345, 500));
            if (!prefix.isEmpty()) name = prefix + "/" + name;
        }
        return name;
    }

    private static String paxPath(String pax) {
        // records "LEN key=value\n"
        for (String rec : pax.split("\n")) {
            int sp = rec.indexOf(' ');
            if (sp > 0 && rec.startsWith("path=", sp + 1)) return rec.substring(sp + 6);
        }
        return null;
    }

    private static long octal(byte[] h, int off, int len, Path archive) {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') continue; // fields are padded with NUL or space
            if (b < '0' || b > '7') throw new UserInputException(archive + ": not a tar archive (bad header field); delete it and download it again");
            v = v * 8 + (b - '0');
        }
        return v;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) if (b != 0) return false;
        return true;
    }

    private static byte[] readBytes(DataInputStream in, long size, Path archive) throws IOException {
        if (size > 1 << 20) throw new UserInputException(archive + ": a tar header entry of " + size + " bytes is not plausible; the archive is corrupt");
        byte[] b = new byte[(int) size];
        in.readFully(b);
        return b;
    }

    private static void copy(InputStream in, OutputStream out, long size, Path archive) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new EOFException("entry ends early");
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8).replaceAll("\n$", "");
    }
}
