#!/usr/bin/env python3
# derive_beat_patterns: derives data/analysis/melody_beat_patterns.json from the POP909 corpus (MIT
# licence): how often a pop melody's beat holds each pattern of note onsets on the eight 32nd-note
# slots of the beat. The sung-beat tracker (src/accompany/beat_patterns) scores a grid and its half
# with it: the beats' count enters, so a slow sixteenth line no longer reads best at double tempo.
"""Share of POP909 MELODY beats with each onset pattern on 8 slots of the beat (256 patterns).

Onsets are placed in the annotated beats (beat_midi.txt) and rounded to the nearest eighth of the
beat; a beat's pattern has bit j set when an onset falls on slot j. Counted: every beat from a song's
first to its last onset, except the beats inside a gap of more than MAX_GAP_S seconds between
onsets (pauses, which say nothing about the beat). Each share is smoothed by SMOOTH counts.

Left out: the first 100 folders of eval_accompany's every-37th walk from folder 0 and the first 30 of
its walk from folder 18 (eval/pop909_lists.h), i.e. every song its five lists and their
neighbours can sing.

Usage: derive_beat_patterns.py [--corpus ../shared/data/pop909/POP909] [--out data/analysis/melody_beat_patterns.json]
"""

import argparse
import json
import os

import phase_cues

SLOTS = 8
MAX_GAP_S = 1.2
SMOOTH = 0.1
WALK_STRIDE = 37
LEFT_OUT = ((0, 100), (18, 30))  # (first folder of a walk, folders of it left out)


def beat_seconds(folder):
    with open(os.path.join(folder, "beat_midi.txt"), encoding="utf-8") as f:
        return [float(line.split()[0]) for line in f if line.strip()]


def patterns(onsets, seconds_per_beat):
    """Patterns of the beats from the first to the last onset (in beats), pause beats skipped."""
    slots = {}
    for x in onsets:
        q = round(x * SLOTS)
        slots[q // SLOTS] = slots.get(q // SLOTS, 0) | 1 << (q % SLOTS)
    xs = sorted(onsets)
    out, j = [], 0
    for b in range(min(slots), max(slots) + 1):
        if b not in slots:
            while j + 1 < len(xs) and xs[j + 1] < b:
                j += 1
            if j + 1 < len(xs) and (xs[j + 1] - xs[j]) * seconds_per_beat > MAX_GAP_S and xs[j] < b and xs[j + 1] > b + 1:
                continue
        out.append(slots.get(b, 0))
    return out


def left_out(count):
    out = set()
    for start, n in LEFT_OUT:
        out.update((start + k * WALK_STRIDE) % count for k in range(n))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "data", "pop909", "POP909"))
    parser.add_argument("--out", default=os.path.join(root, "data", "analysis", "melody_beat_patterns.json"))
    args = parser.parse_args()
    folders = sorted(os.path.join(args.corpus, d) for d in os.listdir(args.corpus)
                     if os.path.isdir(os.path.join(args.corpus, d)))
    skip = left_out(len(folders))
    counts, beats, songs = [0] * (1 << SLOTS), 0, 0
    for i, folder in enumerate(folders):
        if i in skip:
            continue
        onsets = [x for x, _, _ in phase_cues.notes_of(folder)]
        if len(onsets) < 20:
            continue
        seconds = beat_seconds(folder)
        intervals = sorted(b - a for a, b in zip(seconds, seconds[1:]))
        for p in patterns(onsets, intervals[len(intervals) // 2]):
            counts[p] += 1
            beats += 1
        songs += 1
    total = beats + SMOOTH * len(counts)
    table = {
        "source": "POP909 (Wang, Chen et al., ISMIR 2020; MIT licence): MELODY note onsets against beat_midi.txt",
        "derived_by": "tools/derive_melody_meter/derive_beat_patterns.py",
        "held_out": "the first 100 folders of eval_accompany's every-37th walk from folder 0 and the first 30 "
                    "of its walk from folder 18 (eval/pop909_lists.h)",
        "songs": songs,
        "beats": beats,
        "slots_per_beat": SLOTS,
        "max_gap_s": MAX_GAP_S,
        "pattern_share": [round((c + SMOOTH) / total, 8) for c in counts],
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(table, f, indent=1)
        f.write("\n")
    print(f"{songs} songs, {beats} beats -> {args.out}")


if __name__ == "__main__":
    main()
