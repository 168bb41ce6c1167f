#!/usr/bin/env python3
# derive_bar_profile: derives data/analysis/melody_bar_profile.json from the POP909 corpus (MIT
# licence): where in a 4/4 bar a pop melody places its notes, by kind of note. The accompaniment's
# bar-line choice (src/accompany/bar_phase) scores a sung line's bar phases with it, beside the
# harmony's fit, so that a melody whose harmony fits two phases alike gets its bar lines where its
# phrases begin and its long notes land.
"""Share of POP909 MELODY notes at each eighth of the annotated 4/4 bar, per note class.

A note's class is (phrase start, phrase end, length): a phrase start follows a rest of REST beats or
more (or begins the song), a phrase end is followed by one (or ends the song), and the length class
is the note's length in beats below 0.75, 1.5, 3 or longer. Places are the note onset's eighth of the
bar (rounded), counted in the 4-beat bars of songs whose annotated bars are at least 90 % 4-beat bars
(bar_phase_cues.bar_notes). Each share is smoothed by half a count.

Left out: the first 50 folders of eval_accompany's walk over the sorted corpus (every 37th folder,
around the list: eval/pop909_lists.h), i.e. every song its main and held-out lists can sing.

Usage: derive_bar_profile.py [--corpus ../shared/data/pop909/POP909] [--out data/analysis/melody_bar_profile.json]
"""

import argparse
import json
import os

import bar_phase_cues as cues_of

REST = 1.0
LENGTH_EDGES = (0.75, 1.5, 3.0)
WALK_STRIDE, WALK_LEFT_OUT = 37, 50


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "data", "pop909", "POP909"))
    parser.add_argument("--out", default=os.path.join(root, "data", "analysis", "melody_bar_profile.json"))
    args = parser.parse_args()
    folders = sorted(os.path.join(args.corpus, d) for d in os.listdir(args.corpus)
                     if os.path.isdir(os.path.join(args.corpus, d)))
    left_out = {k * WALK_STRIDE % len(folders) for k in range(WALK_LEFT_OUT)}
    counts = {(s, e, n): [0.5] * cues_of.PLACES for s in (0, 1) for e in (0, 1) for n in range(len(LENGTH_EDGES) + 1)}
    songs = 0
    for index, folder in enumerate(folders):
        if index in left_out:
            continue
        notes = cues_of.cues(cues_of.bar_notes(folder), REST)
        songs += bool(notes)
        for x, classes in notes:
            counts[classes["start, end, length"]][cues_of.place(x, 0)] += 1
    table = {
        "source": "POP909 (Wang, Chen et al., ISMIR 2020; MIT licence): MELODY notes against beat_midi.txt's downbeats",
        "derived_by": "tools/derive_melody_meter/derive_bar_profile.py",
        "held_out": f"the first {WALK_LEFT_OUT} folders of eval_accompany's every-37th walk (eval/pop909_lists.h)",
        "songs": songs,
        "places_per_bar": cues_of.PLACES,
        "phrase_rest_beats": REST,
        "length_edges_beats": list(LENGTH_EDGES),
        "classes": [{"phrase_start": bool(s), "phrase_end": bool(e), "length": n, "notes": round(sum(row) - 0.5 * len(row)),
                     "place_share": [round(c / sum(row), 5) for c in row]}
                    for (s, e, n), row in sorted(counts.items())],
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(table, f, indent=2)
        f.write("\n")
    print(f"{songs} songs, {sum(c['notes'] for c in table['classes'])} notes -> {args.out}")
    for c in table["classes"]:
        print(f"  start {c['phrase_start']:d} end {c['phrase_end']:d} length {c['length']}: {c['notes']:6d} notes, "
              + " ".join(f"{p:.2f}" for p in c["place_share"]))


if __name__ == "__main__":
    main()
