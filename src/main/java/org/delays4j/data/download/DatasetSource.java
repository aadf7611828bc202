package org.delays4j.data.download;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.delays4j.util.UserInputException;

/**
 * The official source of a public dataset: its files, published checksums and attribution.
 *
 * @param name short name ({@code shd}, {@code ssc}, {@code gsc}, {@code fsdd})
 * @param files what to fetch
 * @param md5sums a published {@code md5sums.txt} to verify against (SHD/SSC), or {@code null}
 * @param homepage where a human downloads it manually
 * @param note licence and attribution, printed after a download
 */
public record DatasetSource(String name, List<RemoteFile> files, URI md5sums, String homepage, String note) {
    /** SHD and SSC: zenkelab.org, which publishes md5sums.txt beside the files. */
    public static final String ZENKE_BASE = "https://zenkelab.org/datasets";
    /** Google Speech Commands v0.02 (TensorFlow's download server). */
    public static final String GSC_URL = "http://download.tensorflow.org/data/speech_commands_v0.02.tar.gz";
    /**
     * SHA-256 of speech_commands_v0.02.tar.gz. TensorFlow publishes no checksum; this is the value
     * dataset loaders check the archive against (e.g. torchaudio's and TensorFlow Datasets').
     */
    public static final String GSC_SHA256 = "af14739ee7dc311471de98f5f9d2c9191b18aedfe957f4a6ff791c709868ff58";
    /** The Free Spoken Digit Dataset's GitHub archive of release tag v1.0.10 (no checksum published). */
    public static final String FSDD_URL = "https://github.com/Jakobovski/free-spoken-digit-dataset/archive/refs/tags/v1.0.10.tar.gz";

    /** The known datasets' names, sorted. */
    public static List<String> names() {
        return List.of("fsdd", "gsc", "shd", "ssc");
    }

    /**
     * The source of dataset {@code name}. With {@code baseUrl} non-null every file (and
     * md5sums.txt) is fetched from {@code baseUrl/<file name>} instead: a mirror, or a local test
     * server.
     */
    public static DatasetSource of(String name, String baseUrl) {
        String n = name.toLowerCase(Locale.ROOT);
        String base = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
        return switch (n) {
            case "shd" -> zenke("shd", List.of("shd_train.h5.gz", "shd_test.h5.gz"), base,
                    "Spiking Heidelberg Digits (Cramer et al. 2020), CC BY 4.0.");
            case "ssc" -> zenke("ssc", List.of("ssc_train.h5.gz", "ssc_valid.h5.gz", "ssc_test.h5.gz"), base,
                    "Spiking Speech Commands (Cramer et al. 2020), CC BY 4.0.");
            case "gsc" -> new DatasetSource("gsc", List.of(new RemoteFile("speech_commands_v0.02.tar.gz",
                    uri(base == null ? GSC_URL : base + "/speech_commands_v0.02.tar.gz"),
                    new Checksum("SHA-256", GSC_SHA256, "the SHA-256 dataset loaders check this archive against"),
                    "speech_commands_v0.02")), null, "https://www.tensorflow.org/datasets/catalog/speech_commands",
                    "Google Speech Commands v0.02 (Warden 2018), CC BY 4.0.");
            case "fsdd" -> new DatasetSource("fsdd", List.of(new RemoteFile("free-spoken-digit-dataset-1.0.10.tar.gz",
                    uri(base == null ? FSDD_URL : base + "/free-spoken-digit-dataset-1.0.10.tar.gz"), null, ".")), null,
                    "https://github.com/Jakobovski/free-spoken-digit-dataset",
                    "Free Spoken Digit Dataset (Jackson et al.), CC BY-SA 4.0: derived data keeps the licence and attribution.");
            default -> throw new UserInputException("download: unknown dataset '" + name + "'; choose one of " + String.join(", ", names()));
        };
    }

    private static DatasetSource zenke(String name, List<String> files, String base, String note) {
        String b = base == null ? ZENKE_BASE : base;
        List<RemoteFile> list = files.stream().map(f -> new RemoteFile(f, uri(b + "/" + f), null, null)).toList();
        return new DatasetSource(name, list, uri(b + "/md5sums.txt"), "https://zenkelab.org/resources/spiking-heidelberg-datasets-shd/", note);
    }

    private static URI uri(String s) {
        try {
            return URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("download base URL: '" + s + "' is not a valid URL", e);
        }
    }
}
