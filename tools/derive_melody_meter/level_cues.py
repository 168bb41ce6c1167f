#!/usr/bin/env python3
# level_cues: measures on POP909 (MIT licence) how a melody's onsets tell its beat from twice or half
# its tempo, under the sung-beat tracker's place profile and under the beat-pattern table. Written for
# src/accompany/beat_patterns (session 14): no table is derived from it; it prints figures.
"""How often a melody's true beats beat double and half time, by place profile and beat patterns.

Place profile (data/analysis/melody_onset_profile.json, the tracker's floor): the sum over onsets of
the log-ratio of their place in the beat against a uniform place, at the true beats and at twice as
many (per song). Beat patterns (as derive_beat_patterns.py counts them, 5-fold by folder index):
the log-likelihood of the patterns of the beats of 45-second windows at the true beats, at twice as
many and at half as many (the better of the two halves), by the song's tempo band.

Usage: level_cues.py [--corpus ../shared/data/pop909/POP909]
"""

import argparse
import collections
import math
import os

import derive_beat_patterns as patterns_of
import phase_cues

BINS = 12


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "data", "pop909", "POP909"))
    args = parser.parse_args()
    log_p = phase_cues.onset_profile_log_p(root, BINS)
    folders = phase_cues.song_folders(args.corpus)
    songs = {}
    for i, folder in enumerate(folders):
        onsets = [x for x, _, _ in phase_cues.notes_of(folder)]
        if len(onsets) >= 20:
            seconds = patterns_of.beat_seconds(folder)
            intervals = sorted(b - a for a, b in zip(seconds, seconds[1:]))
            songs[i] = (onsets, intervals[len(intervals) // 2])

    def place(onsets):
        return sum(log_p[round((x % 1) * BINS) % BINS] for x in onsets)
    double_wins = sum(place([2 * x for x in on]) > place(on) for on, _ in songs.values())
    print(f"place profile: double time likelier than the true beats in {double_wins} of {len(songs)} songs")

    windows = collections.defaultdict(lambda: [0, 0, 0])  # band: windows, true > double, half > true
    for fold in range(5):
        counts, beats = [0] * 256, 0
        for i, (on, spb) in songs.items():
            if i % 5 != fold:
                for p in patterns_of.patterns(on, spb):
                    counts[p] += 1
                    beats += 1
        log_share = [math.log((c + 0.1) / (beats + 25.6)) for c in counts]

        def fit(onsets, spb):
            return sum(log_share[p] for p in patterns_of.patterns(onsets, spb))
        for i, (on, spb) in songs.items():
            if i % 5 != fold:
                continue
            band = "under 80 bpm" if 60 / spb < 80 else "80-100 bpm" if 60 / spb < 100 else "100 bpm and more"
            length = int(45 / spb)
            for start in range(math.floor(min(on)), math.floor(max(on)) - length, length):
                window = [x for x in on if start <= x < start + length]
                if len(window) < 20:
                    continue
                true = fit(window, spb)
                double = fit([2 * x for x in window], spb / 2)
                half = max(fit([(x - phase) / 2 for x in window], spb * 2) for phase in (0, 1))
                w = windows[band]
                w[0] += 1
                w[1] += true > double
                w[2] += half > true
    for band, (n, true_wins, half_wins) in sorted(windows.items()):
        print(f"beat patterns, 45 s windows of songs {band}: {n} windows; true beats likelier than double time "
              f"{true_wins / n:.3f}, half likelier than the true beats {half_wins / n:.3f}")


if __name__ == "__main__":
    main()
