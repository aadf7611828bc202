package org.delays4j.cli;

import static org.delays4j.cli.CliRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.delays4j.audio.CochlearEncoder;
import org.delays4j.audio.WavFixtures;
import org.delays4j.data.AudioCorpus;
import org.delays4j.data.AudioSpikes;
import org.delays4j.data.Dataset;
import org.delays4j.data.SpikeDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodeCommandTest {
    @TempDir
    Path tmp;

    private Path fsdd() throws Exception {
        Path dir = tmp.resolve("fsdd");
        long seed = 0;
        for (String spk : new String[] {"zed", "amy"}) {
            for (int digit = 0; digit < 3; digit++) {
                for (int rep = 0; rep < 2; rep++) {
                    WavFixtures.write(dir.resolve(digit + "_" + spk + "_" + rep + ".wav"), WavFixtures.noiseBurst(seed++, 0.3, 0.25, 8000), 8000);
                }
            }
        }
        return dir;
    }

    @Test
    void encodesAnFsddDirectoryIntoAFileTheSpikeReaderReadsBack() throws Exception {
        Path dir = fsdd(), out = tmp.resolve("out/spikes.h5");
        CliRun r = run("encode", "--audio", dir.toString(), "--out", out.toString(), "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("12 samples").contains("speaker ids: 0=amy 1=zed");
        assertThat(r.err()).contains("encoding 12 FSDD recordings").contains("encoded 12/12");
        SpikeDataset ds = SpikeDataset.read(out);
        SpikeDataset ref = AudioSpikes.encode(AudioCorpus.scan(dir), new CochlearEncoder(CochlearEncoder.Config.defaults()), null);
        assertThat(ds.size()).isEqualTo(12);
        assertThat(ds.channels()).isEqualTo(700);
        assertThat(ds.classes()).isEqualTo(10);
        assertThat(ds.classNames()).hasSize(10).startsWith("0", "1");
        assertThat(ds.totalSpikes()).isEqualTo(ref.totalSpikes()).isPositive();
        for (int i = 0; i < ds.size(); i++) {
            assertThat(ds.label(i)).isEqualTo(ref.label(i));
            assertThat(ds.speaker(i)).isEqualTo(ref.speaker(i));
            assertThat(ds.times(i)).isEqualTo(ref.times(i));
            assertThat(ds.units(i)).isEqualTo(ref.units(i));
        }
        // The SHD preset's view of it: 10 ms bins, 5 units per channel.
        Dataset binned = ds.binned(0.01, 5);
        assertThat(binned.channels()).isEqualTo(140);
        assertThat(binned.speaker(0)).isEqualTo(Integer.toString(ref.speaker(0)));
        assertThat(Files.list(out.getParent()).filter(p -> p.getFileName().toString().endsWith(".tmp")).count()).isZero();
    }

    @Test
    void encodesASpeechCommandsDirectoryWithFewerChannels() throws Exception {
        Path dir = tmp.resolve("gsc");
        WavFixtures.write(dir.resolve("yes/aa11_nohash_0.wav"), WavFixtures.noiseBurst(1, 0.3, 0.5, 16000), 16000);
        WavFixtures.write(dir.resolve("no/bb22_nohash_0.wav"), WavFixtures.noiseBurst(2, 0.3, 0.5, 16000), 16000);
        Path out = tmp.resolve("gsc.h5");
        CliRun r = run("encode", "--audio", dir.toString(), "--out", out.toString(), "--channels", "64");
        assertThat(r.code()).as(r.err()).isZero();
        SpikeDataset ds = SpikeDataset.read(out);
        assertThat(ds.channels()).isEqualTo(64);
        assertThat(ds.classNames()).containsExactly("no", "yes");
        assertThat(ds.label(0)).isZero();
        assertThat(ds.label(1)).isOne();
    }

    @Test
    void userErrorsAreOneLineWithExitTwo() throws Exception {
        Path dir = fsdd();
        CliRun missing = run("encode", "--audio", tmp.resolve("nope").toString(), "--out", tmp.resolve("x.h5").toString());
        CliRun noWavs = run("encode", "--audio", Files.createDirectories(tmp.resolve("empty")).toString(), "--out", tmp.resolve("x.h5").toString());
        CliRun channels = run("encode", "--audio", dir.toString(), "--out", tmp.resolve("x.h5").toString(), "--channels", "0");
        CliRun outDir = run("encode", "--audio", dir.toString(), "--out", tmp.toString());
        CliRun threads = run("encode", "--audio", dir.toString(), "--out", tmp.resolve("x.h5").toString(), "--threads", "0");
        CliRun noOut = run("encode", "--audio", dir.toString());
        for (CliRun r : new CliRun[] {missing, noWavs, channels, outDir, threads, noOut}) {
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().filter(l -> l.startsWith("delays4j:") && !l.contains("encoding"))).hasSize(1);
            assertThat(r.err()).doesNotContain("\tat ");
        }
        assertThat(missing.err()).contains("no such directory");
        assertThat(noWavs.err()).contains("no WAV files");
        assertThat(channels.err()).contains("channels");
        assertThat(outDir.err()).contains("is a directory");
        assertThat(threads.err()).contains("--threads");
        assertThat(noOut.err()).contains("--out");
        assertThat(Files.exists(tmp.resolve("x.h5"))).isFalse();
    }
}
