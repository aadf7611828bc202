#!/usr/bin/python3
"""Writes the tiny HDF5 spike fixtures under src/test/resources/fixtures/spikes/ (and the two
tar.gz archives of the download tests under src/test/resources/fixtures/download/).

Run with Debian's Python (apt-get install python3-h5py python3-tables):
    /usr/bin/python3 scripts/make-spike-fixtures.py
The generated files are committed, so the Java tests need no Python. expected.json holds what each
valid file contains (times as float64 of the stored values) and the frames numpy bins them into
(dt = 10 ms, groups of 5 units), an independent check of the Java reader and binning.
"""
import gzip
import json
import os
import io
import shutil
import tarfile

import h5py
import numpy as np
import tables

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "fixtures", "spikes")
CHANNELS = 700
DT, GROUP = 0.01, 5
rng = np.random.default_rng(20241123)


def make_samples(n, time_dtype):
    """n samples of 3..40 spikes; sample 0 has spikes on bin and channel-group edges."""
    times, units = [], []
    for i in range(n):
        if i == 0:
            t = np.array([0.0, 0.0099, 0.01, 0.02, 0.125, 0.125], dtype=np.float64)
            u = np.array([0, 4, 5, 699, 3, 3], dtype=np.uint16)
        else:
            k = int(rng.integers(3, 41))
            t = np.sort(rng.uniform(0.0, 0.9, k))
            u = rng.integers(0, CHANNELS, k).astype(np.uint16)
        times.append(t.astype(time_dtype))
        units.append(u)
    labels = np.array([i % 4 for i in range(n)], dtype=np.uint16)
    speakers = np.array([i % 3 for i in range(n)], dtype=np.uint16)
    return times, units, labels, speakers


def binned(times, units):
    """numpy binning as documented: frame = floor(t / dt), channel = unit // group; sparse [t, c, count]."""
    out = []
    for t, u in zip(times, units):
        f = np.floor(t.astype(np.float64) / DT).astype(np.int64)
        c = u.astype(np.int64) // GROUP
        cells = {}
        for a, b in zip(f, c):
            cells[(int(a), int(b))] = cells.get((int(a), int(b)), 0) + 1
        out.append({"frames": int(f.max()) + 1 if len(f) else 1,
                    "cells": [[a, b, n] for (a, b), n in sorted(cells.items())]})
    return out


def write_h5py(path, times, units, labels, speakers=None, keys=None, time_h5type=np.float16, meta=True):
    with h5py.File(path, "w") as f:
        g = f.create_group("spikes")
        dt = h5py.vlen_dtype(np.dtype(time_h5type))
        du = h5py.vlen_dtype(np.dtype(np.uint16))
        td = g.create_dataset("times", (len(times),), dtype=dt)
        ud = g.create_dataset("units", (len(units),), dtype=du)
        for i in range(len(times)):
            td[i] = times[i]
        for i in range(len(units)):
            ud[i] = units[i]
        if labels is not None:
            f.create_dataset("labels", data=labels)
        if speakers is not None or keys is not None:
            e = f.create_group("extra")
            if speakers is not None:
                e.create_dataset("speaker", data=speakers)
            if keys is not None:
                e.create_dataset("keys", data=np.array([k.encode() for k in keys]))
            if meta:
                m = e.create_group("meta_info")
                m.create_dataset("gender", data=np.array([b"female", b"male", b"male"]))
                m.create_dataset("age", data=np.array([30, 25, 41], dtype=np.uint16))


def write_pytables(path, times, units, labels, speakers):
    flt = tables.Filters(complevel=5, complib="zlib", shuffle=True)
    with tables.open_file(path, "w") as f:
        g = f.create_group("/", "spikes")
        t = f.create_vlarray(g, "times", tables.Float32Atom(), filters=flt)
        u = f.create_vlarray(g, "units", tables.UInt16Atom(), filters=flt)
        for a, b in zip(times, units):
            t.append(a.astype(np.float32))
            u.append(b)
        f.create_carray("/", "labels", obj=labels, filters=flt)
        e = f.create_group("/", "extra")
        f.create_carray(e, "speaker", obj=speakers, filters=flt)


def write_flat(path, times, units, labels, channels, offsets=None):
    with h5py.File(path, "w") as f:
        f.attrs["delays4j_format"] = "delays4j-flat-spikes"
        f.attrs["delays4j_format_version"] = 1
        f.attrs["channels"] = channels
        g = f.create_group("spikes")
        g.create_dataset("times", data=np.concatenate(times).astype(np.float32))
        g.create_dataset("units", data=np.concatenate(units).astype(np.uint16))
        if offsets is None:
            offsets = np.concatenate([[0], np.cumsum([len(t) for t in times])])
        g.create_dataset("offsets", data=np.asarray(offsets, dtype=np.int64))
        f.create_dataset("labels", data=labels)


def gzip_copy(src, dst, cut=None):
    with open(src, "rb") as f:
        data = f.read()
    z = gzip.compress(data, mtime=0)
    with open(dst, "wb") as f:
        f.write(z if cut is None else z[:cut])


def describe(times, units, labels, speakers, channels, keys=None):
    return {"channels": channels,
            "labels": [int(x) for x in labels],
            "speakers": None if speakers is None else [int(x) for x in speakers],
            "keys": keys,
            "times": [[float(x) for x in t.astype(np.float64)] for t in times],
            "units": [[int(x) for x in u] for u in units],
            "binned_10ms_5": binned(times, units)}


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    p = lambda name: os.path.join(OUT, name)
    expected = {}
    keys = ["zero", "one", "two", "three"]

    # Valid files: the published SHD layout (h5py, float16 times), float32 times, PyTables, flat.
    t16, u16, lab, spk = make_samples(6, np.float16)
    write_h5py(p("shd_h5py.h5"), t16, u16, lab, spk, keys)
    expected["shd_h5py.h5"] = describe(t16, u16, lab, spk, CHANNELS, keys)
    gzip_copy(p("shd_h5py.h5"), p("shd_h5py.h5.gz"))
    expected["shd_h5py.h5.gz"] = expected["shd_h5py.h5"]

    t32, u32, lab32, spk32 = make_samples(5, np.float32)
    write_h5py(p("shd_float32.h5"), t32, u32, lab32, None, None, time_h5type=np.float32)
    expected["shd_float32.h5"] = describe(t32, u32, lab32, None, CHANNELS)

    tp, up, labp, spkp = make_samples(4, np.float32)
    write_pytables(p("shd_pytables.h5"), tp, up, labp, spkp)
    expected["shd_pytables.h5"] = describe(tp, up, labp, spkp, CHANNELS)

    tf = [np.array([0.001, 0.5], np.float32), np.array([], np.float32), np.array([0.25, 0.031, 0.3], np.float32)]
    uf = [np.array([0, 31], np.uint16), np.array([], np.uint16), np.array([7, 7, 30], np.uint16)]
    labf = np.array([1, 0, 2], np.uint16)
    write_flat(p("flat_h5py.h5"), tf, uf, labf, 32)
    expected["flat_h5py.h5"] = describe(tf, uf, labf, None, 32)

    # Malformed files: each must be rejected with a message naming the file and the field.
    small_t, small_u, small_l, small_s = [x[:3] for x in (t16, u16, lab, spk)]
    with h5py.File(p("bad_missing_units.h5"), "w") as f:
        f.create_group("spikes").create_dataset("times", (3,), dtype=h5py.vlen_dtype(np.dtype(np.float16)))
        f.create_dataset("labels", data=small_l)
    write_h5py(p("bad_missing_labels.h5"), small_t, small_u, None)
    big = [small_t[0], np.array([0.1, 0.2, 0.3], np.float16), small_t[2]]
    write_h5py(p("bad_unit_too_large.h5"), big, [small_u[0], np.array([1, 700, 2], np.uint16), small_u[2]], small_l)
    neg = [small_t[0], np.array([0.1, -0.02, 0.3], np.float16), small_t[2]]
    write_h5py(p("bad_negative_time.h5"), neg, [small_u[0], np.array([1, 2, 3], np.uint16), small_u[2]], small_l)
    nan = [small_t[0], small_t[1], np.array([0.1, np.nan], np.float16)]
    write_h5py(p("bad_nan_time.h5"), nan, [small_u[0], small_u[1], np.array([4, 5], np.uint16)], small_l)
    mism = [small_t[0], small_t[1], np.array([0.1, 0.2, 0.3], np.float16)]
    write_h5py(p("bad_length_mismatch.h5"), mism, [small_u[0], small_u[1], np.array([4, 5], np.uint16)], small_l)
    write_h5py(p("bad_labels_count.h5"), small_t, small_u, small_l[:2])
    write_flat(p("bad_flat_offsets.h5"), tf, uf, labf, 32, offsets=[0, 2, 1, 5])
    with open(p("shd_h5py.h5"), "rb") as f:
        whole = f.read()
    with open(p("bad_truncated.h5"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    gzip_copy(p("shd_h5py.h5"), p("bad_truncated.h5.gz"), cut=len(gzip.compress(whole, mtime=0)) // 2)
    with open(p("bad_not_hdf5.h5"), "w") as f:
        f.write("this is a text file, not HDF5\n")

    with open(p("expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print("wrote", len(os.listdir(OUT)), "files to", os.path.normpath(OUT))
    make_archives()


def make_archives():
    """A GitHub-style archive (top directory, a pax long name, a symlink to skip) and a hostile one."""
    out = os.path.join(OUT, "..", "download")
    os.makedirs(out, exist_ok=True)

    def add(tar, name, data=None, kind=tarfile.REGTYPE, link=""):
        info = tarfile.TarInfo(name)
        info.mtime = 0
        info.type = kind
        info.linkname = link
        if data is not None:
            info.size = len(data)
        tar.addfile(info, io.BytesIO(data) if data is not None else None)

    def write(name, entries):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for e in entries:
                add(tar, *e)
        with open(os.path.join(out, name), "wb") as f:
            f.write(gzip.compress(buf.getvalue(), mtime=0))

    top = "free-spoken-digit-dataset-1.0.10/"
    write("archive.tar.gz", [
        (top, None, tarfile.DIRTYPE),
        (top + "recordings/", None, tarfile.DIRTYPE),
        (top + "recordings/0_george_0.wav", b"RIFF-not-really-a-wav-0"),
        (top + "recordings/1_george_0.wav", b"RIFF-not-really-a-wav-1"),
        (top + "deep/" + "a" * 120 + ".txt", b"long name via pax"),
        (top + "link.wav", None, tarfile.SYMTYPE, "/etc/passwd"),
    ])
    write("evil.tar.gz", [("ok.txt", b"fine"), ("../escaped.txt", b"must not be written")])


if __name__ == "__main__":
    main()
