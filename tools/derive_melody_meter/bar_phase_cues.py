#!/usr/bin/env python3
# bar_phase_cues: measures on POP909 (MIT licence) which per-note cues of a melody tell where its bar
# lines are (beat 1 against beats 2-4), beyond where its notes begin. Written for the accompaniment's
# bar-line choice (src/accompany/bar_phase), session 13: it prints figures; derive_bar_profile.py uses
# its note reading to derive the table.
"""How often melody notes pick the true bar phase, with and without phrase and length cues.

For every window of 4 (and 8) bars of a song's MELODY track (songs whose annotated bars are at least
90 % 4-beat bars; notes in the 4-beat bars), the notes are scored under the true bar lines and under
bar lines moved by one, two and three beats: the sum of log P(place in the bar | cue class), eighth-
note places, with the tables counted on the other folds (5-fold over the songs). A window is right when the true bar
lines score best; "vs beat 3" counts only the contest with the bar lines two beats off (the half-bar
confusion). Cue classes: none (the plain place of onsets), the note's length, a phrase start (a rest
of `--rest` beats or more before the note), a phrase end (such a rest after it), and the last three
together.

Usage: bar_phase_cues.py [--corpus ../shared/data/pop909/POP909] [--rest 1.0]
"""

import argparse
import bisect
import collections
import math
import os

import derive_melody_meter as meter
import phase_cues

PLACES = 8  # eighth notes in a 4/4 bar
FOLDS = 5


def bar_notes(folder, beats_per_bar=4):
    """(place in beats, `beats_per_bar` per annotated bar, length in beats, pitch) of the MELODY notes in
    the bars of that many beats of a song whose bars are at least 90 % such bars, or [] when it is not
    such a song. 4: beat_midi.txt's downbeats (third column). 3: its strong beats (second or third
    column), since beat_midi.txt writes POP909's 3/4 songs (beat_audio.txt) as bars of 6 beats with a
    strong beat on the 4th."""
    name = os.path.basename(folder)
    rows = []
    with open(os.path.join(folder, "beat_midi.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 3:
                marked = float(fields[2]) > 0.5 or (beats_per_bar == 3 and float(fields[1]) > 0.5)
                rows.append((float(fields[0]), marked))
    downs = [i for i, (_, down) in enumerate(rows) if down]
    if len(downs) < 8 or sum(b - a == beats_per_bar for a, b in zip(downs, downs[1:])) < 0.9 * (len(downs) - 1):
        return []
    beats = [t for t, _ in rows]
    four = {d for d, e in zip(downs, downs[1:]) if e - d == beats_per_bar}  # downbeats of whole bars
    division, tempos, _ = meter.read_midi(os.path.join(folder, name + ".mid"))
    seconds = meter.tick_seconds(division, tempos)
    with open(os.path.join(folder, name + ".mid"), "rb") as f:
        melody = phase_cues.melody_notes(f.read())

    def in_beats(t):
        i = bisect.bisect_right(beats, t) - 1
        if i < 0 or i + 1 >= len(beats):
            return None
        bar = bisect.bisect_right(downs, i) - 1
        if bar < 0 or downs[bar] not in four:
            return None
        return beats_per_bar * bar + (i - downs[bar]) + (t - beats[i]) / (beats[i + 1] - beats[i])
    out = []
    for on, off, pitch in melody:
        x, y = in_beats(seconds(on)), in_beats(seconds(off))
        if x is not None:
            out.append((x, (y if y is not None else x + 1.0) - x, pitch))
    return out if len(out) >= 20 else []


def cues(notes, rest):
    out = []
    for k, (x, length, _) in enumerate(notes):
        before = x - (notes[k - 1][0] + notes[k - 1][1]) if k > 0 else 8.0
        after = notes[k + 1][0] - (x + length) if k + 1 < len(notes) else 8.0
        size = 0 if length < 0.75 else 1 if length < 1.5 else 2 if length < 3 else 3
        start, end = int(before >= rest), int(after >= rest)
        out.append((x, {"plain": 0, "length": size, "phrase start": start, "phrase end": end,
                        "start, end, length": (start, end, size)}))
    return out


def place(x, shift):
    return round(((x - shift) % 4) * 2) % PLACES


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "..", "shared", "data", "pop909", "POP909"))
    parser.add_argument("--rest", type=float, default=1.0, help="beats of rest that end a phrase")
    args = parser.parse_args()
    folders = sorted(os.path.join(args.corpus, d) for d in os.listdir(args.corpus)
                     if os.path.isdir(os.path.join(args.corpus, d)))
    songs = [cues(bar_notes(f), args.rest) for f in folders]
    songs = [n for n in songs if n]
    names = ("plain", "length", "phrase start", "phrase end", "start, end, length")
    print(f"{len(songs)} songs with 4/4 bars, {FOLDS}-fold: tables from the other folds")
    results = {bars: [collections.Counter(), collections.Counter(), 0] for bars in (4, 8)}
    for fold in range(FOLDS):
        counts = collections.defaultdict(lambda: [0.5] * PLACES)
        for k, notes in enumerate(songs):
            for x, classes in notes if k % FOLDS != fold else []:
                for cue, value in classes.items():
                    counts[cue, value][place(x, 0)] += 1
        log_p = {key: [math.log(c / sum(row)) for c in row] for key, row in counts.items()}
        if fold == 0:
            for cue in ("phrase start", "phrase end"):
                row = counts[cue, 1]
                print(f"{cue}s by eighth of the bar: " + " ".join(f"{c / sum(row):.2f}" for c in row))
        for bars, (right, versus_three, _) in results.items():
            for k, notes in enumerate(songs):
                if k % FOLDS != fold:
                    continue
                for start in range(0, int(notes[-1][0]) - 4 * bars + 1, 4 * bars):
                    inside = [n for n in notes if start <= n[0] < start + 4 * bars]
                    if len(inside) < 8:
                        continue
                    results[bars][2] += 1
                    for cue in names:
                        scores = [sum(log_p.get((cue, c[cue]), [0.0] * PLACES)[place(x, shift)] for x, c in inside)
                                  for shift in range(4)]
                        right[cue] += max(range(4), key=lambda s: scores[s]) == 0
                        versus_three[cue] += scores[0] > scores[2]
    for bars, (right, versus_three, windows) in results.items():
        print(f"{bars}-bar windows ({windows}): true bar lines best / better than beat 3: "
              + ", ".join(f"{cue} {right[cue] / windows:.3f} / {versus_three[cue] / windows:.3f}" for cue in names))

if __name__ == "__main__":
    main()
