#!/usr/bin/env python3
# derive_melody_meter: derives data/analysis/melody_onset_profile.json from the POP909 corpus (MIT
# licence): where in the beat a pop melody's notes begin. The accompaniment's sung-beat tracker
# (src/analyze/melody_beats) uses it as the emission model of its beat-pointer HMM, so that it knows a
# sung line anticipates the beat (notes on the "and" and the last sixteenth) without losing the beat.
"""Histogram of POP909 MELODY note onsets by their place in the annotated beat.

For each song, the MELODY track of NNN.mid gives note onsets in seconds (through the file's tempo
map) and beat_midi.txt gives the beats in the same time line. An onset between beats b_i and
b_{i+1} has the phase (t - b_i) / (b_{i+1} - b_i); the table counts onsets in `BINS` bins per beat
(12: sixteenths and eighth-note triplets both fall on bin centres), per beat between the song's
first and last melody note, so the figures are onsets per beat. It also gives how far onsets lie
from the nearest bin centre (their timing spread, in beats).

Songs whose index in the sorted folder list is a multiple of 37 are left out: eval_accompany
evaluates on exactly those songs (every 37th folder), so its figures are not taken on the table's
own data.

Usage: derive_melody_meter.py [--corpus ../shared/data/pop909/POP909] [--out data/analysis/melody_onset_profile.json]
"""

import argparse
import bisect
import json
import os
import statistics
import struct

BINS = 12
HOLDOUT_EVERY = 37


def read_varlen(data, pos):
    value = 0
    while True:
        byte = data[pos]
        pos += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos


def read_midi(path):
    """(ticks per quarter, [(tick, tempo us)], {track name: [onset ticks]}) of a standard MIDI file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"MThd":
        raise ValueError(f"{path}: not a MIDI file")
    _, tracks, division = struct.unpack(">HHH", data[8:14])
    pos = 8 + struct.unpack(">I", data[4:8])[0]
    tempos, onsets = [], {}
    for _ in range(tracks):
        length = struct.unpack(">I", data[pos + 4:pos + 8])[0]
        pos += 8
        end, tick, status, name, notes = pos + length, 0, 0, "", []
        while pos < end:
            delta, pos = read_varlen(data, pos)
            tick += delta
            if data[pos] & 0x80:
                status = data[pos]
                pos += 1
            if status == 0xFF:
                kind = data[pos]
                size, pos = read_varlen(data, pos + 1)
                if kind == 0x03:
                    name = data[pos:pos + size].decode("latin-1")
                elif kind == 0x51:
                    tempos.append((tick, int.from_bytes(data[pos:pos + 3], "big")))
                pos += size
            elif status in (0xF0, 0xF7):
                size, pos = read_varlen(data, pos)
                pos += size
            else:
                kind = status & 0xF0
                width = 1 if kind in (0xC0, 0xD0) else 2
                if kind == 0x90 and data[pos + 1] > 0:
                    notes.append(tick)
                pos += width
        pos = end
        onsets[name] = sorted(set(notes))
    return division, sorted(tempos) or [(0, 500000)], onsets


def tick_seconds(division, tempos):
    """A function from ticks to seconds through the tempo map."""
    starts, seconds, at = [], [], 0.0
    for i, (tick, tempo) in enumerate(tempos):
        if i:
            at += (tick - tempos[i - 1][0]) * tempos[i - 1][1] / 1e6 / division
        starts.append(tick)
        seconds.append(at)

    def convert(tick):
        i = max(0, bisect.bisect_right(starts, tick) - 1)
        return seconds[i] + (tick - starts[i]) * tempos[i][1] / 1e6 / division
    return convert


def read_beats(path):
    with open(path, encoding="utf-8") as f:
        return [float(line.split()[0]) for line in f if line.split()]


def song_counts(folder, counts, spreads):
    """Adds one song's onsets by bin; returns the number of beats it spans (0 if unusable)."""
    name = os.path.basename(folder)
    midi = os.path.join(folder, name + ".mid")
    beats = read_beats(os.path.join(folder, "beat_midi.txt"))
    if not os.path.exists(midi) or len(beats) < 8:
        return 0
    division, tempos, tracks = read_midi(midi)
    seconds = tick_seconds(division, tempos)
    times = [seconds(t) for t in tracks.get("MELODY", [])]
    times = [t for t in times if beats[0] <= t < beats[-1]]
    if len(times) < 20:
        return 0
    for t in times:
        i = bisect.bisect_right(beats, t) - 1
        phase = (t - beats[i]) / (beats[i + 1] - beats[i])
        nearest = round(phase * BINS)
        counts[nearest % BINS] += 1
        spreads.append(phase - nearest / BINS)
    first = bisect.bisect_right(beats, times[0]) - 1
    last = bisect.bisect_right(beats, times[-1])
    return last - first


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "data", "pop909", "POP909"))
    parser.add_argument("--out", default=os.path.join(root, "data", "analysis", "melody_onset_profile.json"))
    args = parser.parse_args()
    folders = sorted(os.path.join(args.corpus, d) for d in os.listdir(args.corpus)
                     if os.path.isdir(os.path.join(args.corpus, d)))
    counts, spreads, beats, songs = [0] * BINS, [], 0, 0
    for index, folder in enumerate(folders):
        if index % HOLDOUT_EVERY == 0:
            continue
        spanned = song_counts(folder, counts, spreads)
        beats += spanned
        songs += spanned > 0
    spread = statistics.pstdev(spreads)
    table = {
        "source": "POP909 (Wang, Chen et al., ISMIR 2020; MIT licence): MELODY note onsets against beat_midi.txt",
        "derived_by": "tools/derive_melody_meter/derive_melody_meter.py",
        "held_out": "every 37th song folder (eval_accompany's songs)",
        "songs": songs,
        "beats": beats,
        "bins_per_beat": BINS,
        "onsets_per_beat": [round(c / beats, 5) for c in counts],
        "timing_spread_beats": round(spread, 5),
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(table, f, indent=2)
        f.write("\n")
    print(f"{songs} songs, {beats} beats, {sum(counts)} onsets; per beat by twelfth: "
          + " ".join(f"{c / beats:.3f}" for c in counts) + f"; spread {spread:.4f} beats -> {args.out}")


if __name__ == "__main__":
    main()
