#!/usr/bin/env python3
# derive_chord_stats: derives the chord transition table data/harmony/transitions.json from the
# POP909 corpus (MIT licence). Chords are made key-relative (Roman numerals), then counted.
"""Count key-relative chord-to-chord transitions in POP909, separately for major and minor keys.

Each song's chord annotations (chord_audio.txt: "start end label", e.g. "B:maj", "F#:maj7/5",
"N") are transposed to the key in force at the chord's start (key_audio.txt: "start end key",
key changes included). A chord becomes a state: its root as a semitone offset from the tonic,
written as a Roman numeral (I, bIII, #IV, ...), and its triad family (major, minor, diminished,
augmented; suspended chords take the diatonic family of their root). Repeated states merge,
"N" breaks the chain. The table keeps raw counts; the engine normalises and smooths them.

Usage: derive_chord_stats.py [--corpus ../shared/data/pop909/POP909] [--out data/harmony/transitions.json]
"""

import argparse
import json
import os
import sys
from collections import Counter, defaultdict

NOTE_PC = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
NUMERALS = ["I", "bII", "II", "bIII", "III", "IV", "#IV", "V", "bVI", "VI", "bVII", "VII"]
MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11]
MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10]
# Triad family of each quality label used by POP909 (sus chords resolved per key below).
FAMILY = {
    "maj": "maj", "maj7": "maj", "7": "maj", "maj6": "maj", "maj(9)": "maj",
    "min": "min", "min7": "min", "min6": "min", "minmaj7": "min", "min(9)": "min",
    "dim": "dim", "dim7": "dim", "hdim7": "dim", "aug": "aug",
    "sus2": "sus", "sus4": "sus", "sus4(b7)": "sus",
}


def note_pc(name):
    pc = NOTE_PC[name[0].upper()]
    for accidental in name[1:]:
        pc += 1 if accidental == "#" else -1 if accidental == "b" else 0
    return pc % 12


def parse_key(label):
    tonic, mode = label.split(":")
    return note_pc(tonic), mode.startswith("min")


def diatonic_family(offset, minor):
    """The triad family a diatonic root has in the key (used for sus chords)."""
    scale = MINOR_SCALE if minor else MAJOR_SCALE
    if offset not in scale:
        return "maj"
    i = scale.index(offset)
    third = (scale[(i + 2) % 7] - offset) % 12
    fifth = (scale[(i + 4) % 7] - offset) % 12
    if third == 4:
        return "aug" if fifth == 8 else "maj"
    return "dim" if fifth == 6 else "min"


def state_name(offset, family):
    numeral = NUMERALS[offset]
    if family in ("min", "dim"):
        numeral = numeral.lower()
    return numeral + {"maj": "", "min": "", "dim": "o", "aug": "+"}[family]


def chord_state(label, tonic, minor):
    if label == "N":
        return None
    root, _, quality = label.partition(":")
    quality = quality.split("/")[0]
    family = FAMILY.get(quality)
    if family is None:
        return None
    offset = (note_pc(root) - tonic) % 12
    if family == "sus":
        family = diatonic_family(offset, minor)
    return state_name(offset, family)


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                rows.append((float(parts[0]), float(parts[1]), parts[2]))
    return rows


def key_at(keys, t):
    for start, end, label in keys:
        if start <= t < end:
            return label
    # Before the first or after the last key segment: the nearest segment's key.
    return min(keys, key=lambda k: min(abs(k[0] - t), abs(k[1] - t)))[2]


def song_chains(song_dir):
    """Lists of (state, minor) runs, split at N chords and key changes."""
    keys = read_rows(os.path.join(song_dir, "key_audio.txt"))
    chords = read_rows(os.path.join(song_dir, "chord_audio.txt"))
    if not keys or not chords:
        return []
    chains, current, current_key = [], [], None

    def flush():
        if current:
            chains.append((list(current), parse_key(current_key)[1]))
        current.clear()

    for start, _end, label in chords:
        key_label = key_at(keys, start)
        tonic, minor = parse_key(key_label)
        state = chord_state(label, tonic, minor)
        if state is None or key_label != current_key:
            flush()
            current_key = key_label
        if state is not None and (not current or current[-1] != state):
            current.append(state)
    flush()
    return chains


def derive(corpus):
    tables = {False: defaultdict(Counter), True: defaultdict(Counter)}
    starts = {False: Counter(), True: Counter()}
    endings = {False: Counter(), True: Counter()}
    songs = 0
    for name in sorted(os.listdir(corpus)):
        song_dir = os.path.join(corpus, name)
        if not os.path.isfile(os.path.join(song_dir, "chord_audio.txt")):
            continue
        songs += 1
        chains = song_chains(song_dir)
        for chain, minor in chains:
            starts[minor][chain[0]] += 1
            for a, b in zip(chain, chain[1:]):
                tables[minor][a][b] += 1
        # The song's final cadence: the last two states of its last chain.
        if chains and len(chains[-1][0]) >= 2:
            chain, minor = chains[-1]
            endings[minor][chain[-2] + " " + chain[-1]] += 1
    return songs, tables, starts, endings


def family_json(table, starts, endings, min_count):
    out = {"start": dict(starts.most_common()), "cadences": dict(endings.most_common(12)),
           "transitions": {}}
    for state in sorted(table, key=lambda s: -sum(table[s].values())):
        row = {b: n for b, n in table[state].most_common() if n >= min_count}
        if row:
            out["transitions"][state] = row
    return out


def corpus_arguments(description, out_name, extra=None):
    """Parses --corpus (POP909, checked to exist) and --out (data/harmony/OUT_NAME), plus `extra(parser)`."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "data", "pop909", "POP909"))
    parser.add_argument("--out", default=os.path.join(root, "data", "harmony", out_name))
    if extra:
        extra(parser)
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"corpus folder not found: {args.corpus}")
    return args


def main():
    args = corpus_arguments(__doc__, "transitions.json", lambda parser: parser.add_argument(
        "--min-count", type=int, default=3, help="drop rarer transitions (noise)"))
    songs, tables, starts, endings = derive(args.corpus)
    doc = {
        "source": "POP909 (Wang, Chen et al., ISMIR 2020), chord_audio.txt + key_audio.txt of "
                  f"{songs} songs; https://github.com/music-x-lab/POP909-Dataset",
        "licence": "POP909 is MIT-licensed; this table holds derived counts only",
        "derived_by": "tools/derive_chord_stats/derive_chord_stats.py",
        "states": "Roman numeral of the root relative to the tonic (I..VII, b/# for chromatic roots); "
                  "upper case major, lower case minor, 'o' diminished, '+' augmented",
        "counts": "transitions[from][to] = times chord 'from' moved to a different chord 'to'",
        "major": family_json(tables[False], starts[False], endings[False], args.min_count),
        "minor": family_json(tables[True], starts[True], endings[True], args.min_count),
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    total = {m: sum(sum(r.values()) for r in tables[m].values()) for m in (False, True)}
    print(f"{songs} songs; {total[False]} major and {total[True]} minor transitions -> {args.out}")


if __name__ == "__main__":
    main()
