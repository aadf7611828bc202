package org.delays4j.audio;

/**
 * A mono recording: 16-bit PCM samples at {@code sampleRate} Hz, read from {@code source}
 * (a file name, for messages).
 */
public record Audio(short[] pcm, int sampleRate, String source) {
    public Audio {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }

    /** The samples as {@code pcm / 32768.0}, exactly what torchaudio's {@code load(normalize=True)} returns. */
    public double[] samples() {
        double[] x = new double[pcm.length];
        for (int i = 0; i < x.length; i++) x[i] = pcm[i] / 32768.0;
        return x;
    }

    /** Number of samples. */
    public int length() {
        return pcm.length;
    }

    /** Duration in seconds. */
    public double seconds() {
        return (double) pcm.length / sampleRate;
    }
}
