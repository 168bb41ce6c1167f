#!/usr/bin/env python3
# derive_tempo_prior: derives the beat tracker's tempo prior data/analysis/tempo_prior.json from the
# POP909 corpus's beat annotations (MIT licence), leaving out the evaluation's report songs.
"""Histogram of POP909 song tempi on a log-tempo axis, smoothed, as a probability density.

Each song's tempo is 60 / the median interval of its annotated beats (beat_midi.txt: "time
beat-flag downbeat-flag"), i.e. the tempo of the MIDI file's quarter notes. The songs of the
analysis evaluation's report set (eval/eval_analysis.cpp, --offset 0: every 45th folder starting
with the first, 001, 046, ..., 901) are left out, so the report figures are not trained on.
Bins are 1/24 octave from 30 bpm to 240 bpm; the counts are smoothed with a Gaussian of
`--sigma-octaves` and mixed with a small uniform floor so no tempo is impossible.

Usage: derive_tempo_prior.py [--corpus ../shared/data/pop909/POP909] [--out data/analysis/tempo_prior.json]
"""

import argparse
import json
import math
import os
import statistics
import sys

MIN_BPM = 30.0
BINS_PER_OCTAVE = 24
OCTAVES = 3  # 30..240 bpm
REPORT_STRIDE = 45  # eval_analysis --songs 20 over 909 folders: every 45th folder is a report song


def song_bpm(folder):
    times = []
    with open(os.path.join(folder, "beat_midi.txt")) as f:
        for line in f:
            fields = line.split()
            if fields:
                times.append(float(fields[0]))
    intervals = [b - a for a, b in zip(times, times[1:]) if b > a]
    return 60.0 / statistics.median(intervals) if len(intervals) >= 8 else None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "data", "pop909", "POP909"))
    parser.add_argument("--out", default=os.path.join(root, "data", "analysis", "tempo_prior.json"))
    parser.add_argument("--sigma-octaves", type=float, default=1.0 / 12.0)
    parser.add_argument("--floor", type=float, default=0.02, help="share of a uniform density mixed in")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"derive_tempo_prior: corpus folder {args.corpus} not found")

    folders = sorted(d for d in os.listdir(args.corpus) if os.path.isdir(os.path.join(args.corpus, d)))
    n_bins = BINS_PER_OCTAVE * OCTAVES
    counts = [0.0] * n_bins
    used = 0
    for index, name in enumerate(folders):
        if index % REPORT_STRIDE == 0:
            continue
        bpm = song_bpm(os.path.join(args.corpus, name))
        if bpm is None:
            continue
        position = math.log2(bpm / MIN_BPM) * BINS_PER_OCTAVE
        if 0 <= position < n_bins:
            counts[int(position)] += 1.0
            used += 1
    sigma = args.sigma_octaves * BINS_PER_OCTAVE
    reach = int(math.ceil(4 * sigma))
    smoothed = []
    for i in range(n_bins):
        total = 0.0
        for j in range(max(0, i - reach), min(n_bins, i + reach + 1)):
            total += counts[j] * math.exp(-0.5 * ((i - j) / sigma) ** 2)
        smoothed.append(total)
    mass = sum(smoothed)
    density = [(1.0 - args.floor) * s / mass + args.floor / n_bins for s in smoothed]
    # Density per octave (so it does not depend on the bin width).
    density = [d * BINS_PER_OCTAVE for d in density]
    table = {
        "source": "POP909 (Wang et al., ISMIR 2020), beat_midi.txt of each song; MIT licence",
        "derived_by": "tools/derive_tempo_prior/derive_tempo_prior.py",
        "excluded": "every 45th folder from the first (the analysis evaluation's report songs)",
        "songs": used,
        "min_bpm": MIN_BPM,
        "bins_per_octave": BINS_PER_OCTAVE,
        "sigma_octaves": args.sigma_octaves,
        "uniform_floor": args.floor,
        "density_per_octave": [round(d, 5) for d in density],
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(table, f, indent=1)
        f.write("\n")
    print(f"derive_tempo_prior: {used} songs -> {args.out}")


if __name__ == "__main__":
    main()
