#!/usr/bin/env python3
# derive_bar_profile: derives data/analysis/melody_bar_profile.json (and, with --beats-per-bar 3,
# melody_bar_profile_3_4.json) from the POP909 corpus (MIT licence): where in a 4/4 (3/4) bar a pop
# melody places its notes, by kind of note. The accompaniment's
# bar-line choice (src/accompany/bar_phase) scores a sung line's bar phases with it, beside the
# harmony's fit, so that a melody whose harmony fits two phases alike gets its bar lines where its
# phrases begin and its long notes land; with both tables it also compares the two meters.
"""Share of POP909 MELODY notes at each eighth of the annotated 4/4 (or 3/4) bar, per note class.

A note's class is (phrase start, phrase end, length): a phrase start follows a rest of REST beats or
more (or begins the song), a phrase end is followed by one (or ends the song), and the length class
is the note's length in beats below 0.75, 1.5, 3 or longer. Places are the note onset's eighth of the
bar (rounded), counted in the 4-beat bars of songs whose annotated bars are at least 90 % 4-beat bars
(bar_phase_cues.bar_notes). Each share is smoothed by half a count. --beats-per-bar 3: the same in the
3-beat bars of songs whose bars are at least 90 % 3-beat bars (the 3/4 songs of beat_audio.txt, about 40).

Left out: the first 50 folders of eval_accompany's walk over the sorted corpus (every 37th folder,
around the list: eval/pop909_lists.h), i.e. every song its main and held-out lists can sing (none of
them is in 3/4). --beats-per-bar 3 also leaves out every 4th 3-beat song (the 1st, 5th, ... in folder
order), eval_accompany's --three-four list (pop909_lists::kThreeFour).

Usage: derive_bar_profile.py [--corpus ../shared/data/pop909/POP909] [--beats-per-bar 4|3] [--out PATH]
"""

import argparse
import json
import os

import bar_phase_cues as cues_of

REST = 1.0
LENGTH_EDGES = (0.75, 1.5, 3.0)
WALK_STRIDE, WALK_LEFT_OUT = 37, 50
EVAL_EVERY = 4  # of the 3-beat songs, every 4th is eval_accompany's --three-four list


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "data", "pop909", "POP909"))
    parser.add_argument("--beats-per-bar", type=int, choices=(3, 4), default=4)
    parser.add_argument("--out")
    args = parser.parse_args()
    beats_per_bar, places = args.beats_per_bar, 2 * args.beats_per_bar
    name = "melody_bar_profile.json" if beats_per_bar == 4 else "melody_bar_profile_3_4.json"
    args.out = args.out or os.path.join(root, "data", "analysis", name)
    folders = sorted(os.path.join(args.corpus, d) for d in os.listdir(args.corpus)
                     if os.path.isdir(os.path.join(args.corpus, d)))
    left_out = {k * WALK_STRIDE % len(folders) for k in range(WALK_LEFT_OUT)}
    counts = {(s, e, n): [0.5] * places for s in (0, 1) for e in (0, 1) for n in range(len(LENGTH_EDGES) + 1)}
    songs, meter_songs, eval_songs = 0, 0, []
    for index, folder in enumerate(folders):
        if index in left_out:
            continue
        notes = cues_of.cues(cues_of.bar_notes(folder, beats_per_bar), REST)
        if notes and beats_per_bar == 3:
            meter_songs += 1
            if (meter_songs - 1) % EVAL_EVERY == 0:
                eval_songs.append(os.path.basename(folder))
                continue
        songs += bool(notes)
        for x, classes in notes:
            counts[classes["start, end, length"]][round((x % beats_per_bar) * 2) % places] += 1
    held_out = f"the first {WALK_LEFT_OUT} folders of eval_accompany's every-37th walk (eval/pop909_lists.h)"
    if eval_songs:
        held_out += f"; every {EVAL_EVERY}th 3-beat song, eval_accompany --three-four: " + " ".join(eval_songs)
    table = {
        "source": "POP909 (Wang, Chen et al., ISMIR 2020; MIT licence): MELODY notes against beat_midi.txt's "
                  + ("downbeats" if beats_per_bar == 4 else "strong beats in songs of 3-beat bars"),
        "derived_by": "tools/derive_melody_meter/derive_bar_profile.py"
                      + ("" if beats_per_bar == 4 else " --beats-per-bar 3"),
        "held_out": held_out,
        "songs": songs,
        **({} if beats_per_bar == 4 else {"beats_per_bar": beats_per_bar}),
        "places_per_bar": places,
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
