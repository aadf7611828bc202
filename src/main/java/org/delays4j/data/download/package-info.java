/**
 * Downloading the public datasets (SHD, SSC, GSC, FSDD) from their official sources: resumable
 * HTTP (Range requests into a {@code .part} file), verified against published checksums where the
 * source publishes them, and archives unpacked safely.
 */
package org.delays4j.data.download;
