package org.delays4j.data.download;

import java.net.URI;

/**
 * One file of a dataset: where it is, what it is called locally, and its published checksum.
 *
 * @param name local file name
 * @param uri where to fetch it
 * @param checksum the published digest, or {@code null} when the source publishes none (or it is
 *     looked up at download time, as the md5sums.txt of SHD/SSC)
 * @param extractTo directory (relative to the download directory) to unpack a {@code .tar.gz} into,
 *     or {@code null} to keep the file as it is
 */
public record RemoteFile(String name, URI uri, Checksum checksum, String extractTo) {}
