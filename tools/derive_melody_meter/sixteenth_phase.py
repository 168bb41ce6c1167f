#!/usr/bin/env python3
# sixteenth_phase: measures on POP909 (MIT licence) how often a whole melody's note onsets, placed on
# the song's true beats, prefer a grid a sixteenth off under the sung-beat tracker's onset profile.
# Written for src/accompany/sung_beats (session 13): no table is derived from it; it prints figures.
"""Songs whose onsets prefer a grid a sixteenth off, by their share of onsets on the sixteenths.

For every song of the corpus, the MELODY onsets are placed in the true beats (beat_midi.txt) and
scored with data/analysis/melody_onset_profile.json under the true grid and under grids moved by one,
two and three sixteenths (the true tempo, so only the phase is in question). A song is right when the
true grid or the one moved by half a beat scores best (eval_accompany counts beats and half-beats as
on the grid). Songs are grouped by the share of their onsets on the second or last sixteenth.

Usage: sixteenth_phase.py [--corpus ../shared/data/pop909/POP909]
"""

import argparse
import os

import phase_cues

BINS = 12
BANDS = ((0.0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.45), (0.45, 0.5), (0.5, 1.01))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "data", "pop909", "POP909"))
    args = parser.parse_args()
    log_p = phase_cues.onset_profile_log_p(root, BINS)
    folders = phase_cues.song_folders(args.corpus)
    bands = {band: [0, 0] for band in BANDS}
    wrong = []
    for folder in folders:
        onsets = [x for x, _, _ in phase_cues.notes_of(folder)]
        if len(onsets) < 20:
            continue
        places = [round((x % 1) * BINS) % BINS for x in onsets]
        sixteenths = sum(p in (3, 9) for p in places) / len(places)
        scores = [sum(log_p[round(((x - shift / 4) % 1) * BINS) % BINS] for x in onsets) for shift in range(4)]
        right = max(range(4), key=lambda s: scores[s]) in (0, 2)
        for band in BANDS:
            if band[0] <= sixteenths < band[1]:
                bands[band][0] += 1
                bands[band][1] += right
        if not right:
            wrong.append(f"{os.path.basename(folder)} ({sixteenths:.2f})")
    for (low, high), (songs, right) in bands.items():
        print(f"onsets on the 2nd/4th sixteenth {low:.2f}-{min(high, 1.0):.2f}: {songs} songs, "
              f"true grid or its half-beat best in {right / max(1, songs):.3f}")
    print(f"{len(wrong)} songs prefer a grid a sixteenth off: " + ", ".join(wrong))


if __name__ == "__main__":
    main()
