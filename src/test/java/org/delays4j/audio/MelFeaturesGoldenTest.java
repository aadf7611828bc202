package org.delays4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.delays4j.testing.Golden;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every stage of the GSC feature pipeline against the reference's float64 golden arrays. */
class MelFeaturesGoldenTest {
    /** Double-precision stages: same mathematics, only summation order differs. */
    private static final double F64 = 1e-10;

    private static JsonNode file() {
        return Golden.load(Golden.files("gsc_features.json").getFirst());
    }

    static List<Golden.Case> cases() {
        return Golden.cases("gsc_features.json");
    }

    private static final MelFeatures GSC = new MelFeatures(MelFeatures.Config.gsc());

    private static double[] flat(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /** [frames][x] → [x][frames] flattened, the reference's [1, x, frames] order. */
    private static double[] transposed(double[][] a) {
        int f = a.length, x = a[0].length;
        double[] out = new double[f * x];
        for (int i = 0; i < f; i++) for (int j = 0; j < x; j++) out[j * f + i] = a[i][j];
        return out;
    }

    /** [x][frames] flat (golden) → [frames][x]. */
    private static double[][] untransposed(Golden.Tensor t) {
        int x = t.shape()[t.shape().length - 2], f = t.shape()[t.shape().length - 1];
        double[][] out = new double[f][x];
        for (int j = 0; j < x; j++) for (int i = 0; i < f; i++) out[i][j] = t.data()[j * f + i];
        return out;
    }

    private static double[] waveform(Golden.Case c) {
        double[] pcm = c.tensor("int16_samples").data();
        double[] x = new double[pcm.length];
        for (int i = 0; i < x.length; i++) x[i] = pcm[i] / 32768.0;
        return x;
    }

    private static boolean isFsdd(Golden.Case c) {
        return c.json().get("sample_rate").asInt() == 8000;
    }

    @Test
    void hannWindowIsTheReferencePeriodicWindow() {
        Golden.Tensor w = Golden.tensor(file().get("constants"), "hann_window_periodic_256");
        assertThat(Golden.relErr(w.data(), Spectrogram.hannPeriodic(256))).isLessThan(1e-15);
    }

    @Test
    void resampleKernelsMatchTorchaudio() {
        JsonNode k = file().get("constants");
        for (String name : List.of("resample_16000_to_8000", "resample_8000_to_16000")) {
            JsonNode node = k.get(name);
            Golden.Tensor ref = Golden.tensor(node, "kernel");
            int from = name.contains("16000_to") ? 16000 : 8000, to = 24000 - from;
            Resampler r = Resampler.of(from, to);
            assertThat(r.width()).as(name + " width").isEqualTo(node.get("width").asInt());
            assertThat(r.phases()).isEqualTo(ref.shape()[0]);
            double[] got = new double[ref.size()];
            int taps = ref.shape()[2];
            for (int p = 0; p < r.phases(); p++) System.arraycopy(r.kernel(p), 0, got, p * taps, taps);
            assertThat(Golden.relErr(ref.data(), got)).as(name).isLessThan(1e-14);
        }
    }

    @Test
    void melFilterbankMatchesIncludingTheEmptyFiltersAboveNyquist() {
        JsonNode k = file().get("constants");
        Golden.Tensor ref = Golden.tensor(k, "mel_fb");
        MelFilterbank fb = GSC.filterbank();
        double[] got = new double[ref.size()];
        for (int f = 0; f < fb.freqs(); f++) for (int m = 0; m < fb.mels(); m++) got[f * fb.mels() + m] = fb.weight(f, m);
        assertThat(Golden.relErr(ref.data(), got)).isLessThan(1e-12);
        List<Integer> zero = new ArrayList<>();
        k.get("mel_all_zero_filter_indices").forEach(n -> zero.add(n.asInt()));
        assertThat(fb.allZeroFilters()).isEqualTo(zero);
        // The 53 dead filters come from f_max above Nyquist: with f_max = 4 kHz none is dead at the top,
        // though 140 filters over 129 bins still leave a few narrow low ones between bins.
        assertThat(MelFilterbank.htk(129, 140, 8000, 50, 4000).allZeroFilters()).allMatch(m -> m < 40);
        assertThat(MelFilterbank.htk(129, 40, 8000, 50, 4000).allZeroFilters()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachStageFromTheGoldenInputOfThatStage(Golden.Case c) {
        double[] x = waveform(c);
        if (isFsdd(c)) {
            double[] up = Resampler.of(8000, 16000).apply(x);
            assertThat(Golden.relErr(c.tensor("after_upsample_16k").data(), up)).as("after_upsample_16k").isLessThan(F64);
            x = c.tensor("after_upsample_16k").data();
        }
        double[] padded = GSC.padOrTruncate(x);
        if (c.json().get("after_pad_truncate").isObject()) {
            assertThat(Golden.relErr(c.tensor("after_pad_truncate").data(), padded)).as("after_pad_truncate").isLessThan(F64);
        } else {
            assertThat(padded).as("identity pad for a 1 s clip").isEqualTo(x);
        }
        double[] resampled = GSC.resample(padded);
        assertThat(Golden.relErr(c.tensor("after_resample").data(), resampled)).as("after_resample").isLessThan(F64);

        double[][] power = GSC.power(c.tensor("after_resample").data());
        assertThat(Golden.relErr(c.tensor("power_spectrogram").data(), transposed(power))).as("power_spectrogram").isLessThan(F64);

        double[][] mel = GSC.mel(untransposed(c.tensor("power_spectrogram")));
        assertThat(Golden.relErr(c.tensor("mel_spectrogram").data(), transposed(mel))).as("mel_spectrogram").isLessThan(F64);

        double[][] db = GSC.toDb(untransposed(c.tensor("mel_spectrogram")));
        assertThat(Golden.relErr(c.tensor("output_db").data(), flat(db))).as("output_db").isLessThan(F64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wholePipelineFromRawSamples(Golden.Case c) {
        double[] pcmD = c.tensor("int16_samples").data();
        short[] pcm = new short[pcmD.length];
        for (int i = 0; i < pcm.length; i++) pcm[i] = (short) pcmD[i];
        Audio audio = new Audio(pcm, c.json().get("sample_rate").asInt(), c.name());
        double[] ref = c.tensor("output_db").data();
        assertThat(c.tensor("output_db").shape()).containsExactly(GSC.frames(), GSC.channels());
        assertThat(Golden.relErr(ref, flat(GSC.compute(audio)))).isLessThan(F64);
        // The float32 output the datasets hand out: well inside the 1e-4 the reference itself drifts by.
        assertThat(Golden.relErr(ref, GSC.computeFloat(audio))).isLessThan(1e-6);
        // Dead filters give exactly -100 dB.
        float[] out = GSC.computeFloat(audio);
        for (int f = 0; f < GSC.frames(); f++) for (int m : GSC.filterbank().allZeroFilters()) assertThat(out[f * 140 + m]).isEqualTo(-100f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSharedWavFileReadsToTheGoldenSamples(Golden.Case c) {
        Path data = Golden.shared().resolve("data");
        String src = c.json().get("source_file").asText();
        Path wav = isFsdd(c) ? data.resolve("fsdd/recordings").resolve(src) : data.resolve("gsc_samples").resolve(src);
        Assumptions.assumeTrue(Files.isRegularFile(wav), "sample " + wav + " absent");
        Audio a = WavFile.read(wav);
        assertThat(a.sampleRate()).isEqualTo(c.json().get("sample_rate").asInt());
        double[] ref = c.tensor("int16_samples").data();
        assertThat(a.length()).isEqualTo(ref.length);
        for (int i = 0; i < ref.length; i++) assertThat((double) a.pcm()[i]).isEqualTo(ref[i]);
        assertThat(Golden.relErr(c.tensor("output_db").data(), flat(GSC.compute(a)))).isLessThan(F64);
    }

    @Test
    void sparseMelProductEqualsTheDenseOneExactly() {
        java.util.Random rnd = new java.util.Random(7);
        MelFilterbank fb = GSC.filterbank();
        for (int rep = 0; rep < 20; rep++) {
            double[] p = new double[fb.freqs()];
            for (int k = 0; k < p.length; k++) p[k] = Math.abs(rnd.nextGaussian()) * Math.pow(10, rnd.nextInt(8) - 4);
            assertThat(fb.apply(p)).isEqualTo(fb.applyDense(p));
        }
    }

    @Test
    void fftSpectrogramAgreesWithADirectDft() {
        java.util.Random rnd = new java.util.Random(42);
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
        Spectrogram s = new Spectrogram(256, 80);
        assertThat(Golden.relErr(flat(s.powerByDft(x)), flat(s.power(x)))).isLessThan(1e-12);
    }
}
