#!/usr/bin/env python3
# derive_harmonic_rhythm: derives data/harmony/harmonic_rhythm.json from the POP909 corpus (MIT
# licence): how likely a chord change is on a beat, given the beat's place in the bar and how long
# the current chord has lasted. The accompaniment harmonizer uses it so that harmony keeps moving
# where the melody says little (pauses, long notes).
"""Count chord changes per beat in POP909, by metric level and chord age.

For each song, the annotated beats (beat_audio.txt: "time position", position 1 = downbeat) are the
steps. Chord spans (chord_audio.txt) are made key-relative states as in derive_chord_stats.py; a
change happens on the beat nearest to a boundary between two different states. For every beat
after the first beat of a chord, the table counts how often a change happened there, by

- level: "bar" (position 1), "half_bar" (position p/2 + 1 in a bar of an even number p of beats),
  "beat" (any other position);
- age: beats since the current chord began, 1 .. 16 (16 stands for 16 or more).

"N" (no chord) and a key change break the chain: the beats up to the next chord are not counted.
Songs whose index in the sorted folder list is a multiple of 37 are left out: eval_accompany
evaluates on exactly those songs (every 37th folder), so its figures are not taken on the table's
own data.

Usage: derive_harmonic_rhythm.py [--corpus ../shared/data/pop909/POP909] [--out data/harmony/harmonic_rhythm.json]
"""

import bisect
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from derive_chord_stats import chord_state, corpus_arguments, key_at, parse_key, read_rows  # noqa: E402

MAX_AGE = 16
LEVELS = ("bar", "half_bar", "beat")
HOLDOUT_EVERY = 37  # eval_accompany's POP909 songs: folders 0, 37, 74, ... of the sorted list


def read_beats(path):
    beats = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                beats.append((float(parts[0]), int(round(float(parts[1])))))
    return beats


def beat_levels(beats):
    per_bar = max((p for _, p in beats), default=4)
    levels = []
    for _, position in beats:
        if position == 1:
            levels.append("bar")
        elif per_bar % 2 == 0 and position == per_bar // 2 + 1:
            levels.append("half_bar")
        else:
            levels.append("beat")
    return levels


def beat_states(song_dir, beats):
    """The (key-relative chord state, key) sounding at each beat; state None where there is no chord."""
    keys = read_rows(os.path.join(song_dir, "key_audio.txt"))
    chords = read_rows(os.path.join(song_dir, "chord_audio.txt"))
    if not keys or not chords:
        return []
    starts = [c[0] for c in chords]
    states = []
    for t, _ in beats:
        i = bisect.bisect_right(starts, t + 0.05) - 1  # a boundary within 50 ms counts as on the beat
        if i < 0 or t > chords[i][1] + 0.05:
            states.append((None, None))
            continue
        key_label = key_at(keys, chords[i][0])
        tonic, minor = parse_key(key_label)
        states.append((chord_state(chords[i][2], tonic, minor), key_label))
    return states


def count_song(song_dir, changes, totals):
    beats = read_beats(os.path.join(song_dir, "beat_audio.txt"))
    if len(beats) < 8:
        return False
    levels = beat_levels(beats)
    states = beat_states(song_dir, beats)
    age = None  # beats since the current chord began; None: no chord chain in force
    for k, (state, key) in enumerate(states):
        previous_state, previous_key = states[k - 1] if k > 0 else (None, None)
        if state is None or age is None or previous_state is None or key != previous_key:
            age = None if state is None else 0  # a chain (re)starts: its first beat is not counted
            continue
        age += 1
        cell = (levels[k], min(age, MAX_AGE))
        totals[cell] = totals.get(cell, 0) + 1
        if state != previous_state:
            changes[cell] = changes.get(cell, 0) + 1
            age = 0
    return True


def main():
    args = corpus_arguments(__doc__, "harmonic_rhythm.json")
    folders = sorted(d for d in os.listdir(args.corpus) if os.path.isdir(os.path.join(args.corpus, d)))
    changes, totals = {}, {}
    songs, held_out = 0, []
    for index, name in enumerate(folders):
        if index % HOLDOUT_EVERY == 0:
            held_out.append(name)
            continue
        songs += count_song(os.path.join(args.corpus, name), changes, totals)
    doc = {
        "source": f"POP909 (Wang, Chen et al., ISMIR 2020), beat_audio.txt + chord_audio.txt + key_audio.txt of "
                  f"{songs} songs; https://github.com/music-x-lab/POP909-Dataset",
        "licence": "POP909 is MIT-licensed; this table holds derived counts only",
        "derived_by": "tools/derive_chord_stats/derive_harmonic_rhythm.py",
        "held_out": "songs " + " ".join(held_out) + " (eval_accompany's POP909 set)",
        "counts": "per metric level (bar, half_bar, beat), for chord ages 1..16 beats (16: 16 or more): "
                  "beats[age-1] = beats counted, changes[age-1] = beats on which the chord changed",
        "max_age": MAX_AGE,
    }
    for level in LEVELS:
        doc[level] = {
            "beats": [totals.get((level, a), 0) for a in range(1, MAX_AGE + 1)],
            "changes": [changes.get((level, a), 0) for a in range(1, MAX_AGE + 1)],
        }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    for level in LEVELS:
        rates = [f"{c / b:.2f}" if b else "-" for b, c in zip(doc[level]["beats"], doc[level]["changes"])]
        print(f"{level:9s} change rate by age 1..{MAX_AGE}: {' '.join(rates)}")
    print(f"{songs} songs ({len(held_out)} held out) -> {args.out}")


if __name__ == "__main__":
    main()
