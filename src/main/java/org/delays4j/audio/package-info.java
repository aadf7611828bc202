/**
 * Audio front ends: 16-bit PCM WAV reading ({@link org.delays4j.audio.WavFile}), the feature
 * pipeline of the reference's Google Speech Commands set (pad/cut, torchaudio-style windowed-sinc
 * resampling, Hann power spectrogram, HTK mel bank, dB: {@link org.delays4j.audio.MelFeatures}),
 * and an audio → spike encoder in the spirit of the Heidelberg cochlea model
 * ({@link org.delays4j.audio.CochlearEncoder}).
 *
 * <p>Features are computed in double precision and handed out as float32; see
 * {@code docs/features.md} and {@code docs/encoder.md}.
 */
package org.delays4j.audio;
