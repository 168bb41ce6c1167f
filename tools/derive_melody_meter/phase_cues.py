#!/usr/bin/env python3
# phase_cues: measures on POP909 (MIT licence) whether a per-note accent cue helps tell where the
# beat is in a melody, beyond where its notes begin. Written for the sung-beat tracker
# (src/accompany/sung_beats), session 12: no table is derived from it; it prints figures.
"""How often note onsets pick the true beat phase, with and without accent cues.

For every window of 8 (and 16) beats of a song's MELODY track, the onsets are scored under the true
beat grid and under grids moved by one, two and three sixteenths: the sum of log P(place in the beat
| cue class), with the tables counted on the songs eval_accompany does not use (every 37th folder
is left out, as in derive_melody_meter.py). A window is right when the true grid scores best. Cue
classes: none (the plain profile), the note's length, the interval to the next onset, whether the
note follows a rest of a beat or more (a phrase start), and a leap of 5 semitones or more.

Usage: phase_cues.py [--corpus ../shared/data/pop909/POP909]
"""

import argparse
import bisect
import collections
import json
import math
import os

import derive_melody_meter as meter

BINS = 12


def onset_profile_log_p(root, bins):
    """Log of the onset profile's share per place in the beat (data/analysis/melody_onset_profile.json),
    floored as the tracker floors it, over `bins` places."""
    with open(os.path.join(root, "data", "analysis", "melody_onset_profile.json"), encoding="utf-8") as f:
        profile = json.load(f)["onsets_per_beat"]
    total = sum(profile) + 0.05
    return [math.log((p + 0.05 / bins) / total * bins) for p in profile]


def song_folders(corpus):
    """The corpus's song folders, sorted."""
    return sorted(os.path.join(corpus, d) for d in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, d)))


def notes_of(folder):
    """(onset, offset, pitch) in beats of the MELODY track, or [] when unusable."""
    name = os.path.basename(folder)
    beats = meter.read_beats(os.path.join(folder, "beat_midi.txt"))
    division, tempos, _ = meter.read_midi(os.path.join(folder, name + ".mid"))
    seconds = meter.tick_seconds(division, tempos)
    with open(os.path.join(folder, name + ".mid"), "rb") as f:
        data = f.read()
    melody = melody_notes(data)
    if len(beats) < 8 or len(melody) < 20:
        return []

    def in_beats(t):
        i = bisect.bisect_right(beats, t) - 1
        if i < 0 or i + 1 >= len(beats):
            return None
        return i + (t - beats[i]) / (beats[i + 1] - beats[i])
    out = []
    for on, off, pitch in melody:
        x, y = in_beats(seconds(on)), in_beats(seconds(off))
        if x is not None:
            out.append((x, y if y is not None else x + 1.0, pitch))
    return out


def melody_notes(data):
    """(on tick, off tick, pitch) of the MELODY track of a standard MIDI file."""
    tracks = int.from_bytes(data[10:12], "big")
    pos = 8 + int.from_bytes(data[4:8], "big")
    for _ in range(tracks):
        end = pos + 8 + int.from_bytes(data[pos + 4:pos + 8], "big")
        pos, tick, status, name, sounding, notes = pos + 8, 0, 0, "", {}, []
        while pos < end:
            delta, pos = meter.read_varlen(data, pos)
            tick += delta
            if data[pos] & 0x80:
                status, pos = data[pos], pos + 1
            if status == 0xFF:
                kind = data[pos]
                size, pos = meter.read_varlen(data, pos + 1)
                if kind == 0x03:
                    name = data[pos:pos + size].decode("latin-1")
                pos += size
            elif status in (0xF0, 0xF7):
                size, pos = meter.read_varlen(data, pos)
                pos += size
            else:
                kind = status & 0xF0
                if kind == 0x90 and data[pos + 1] > 0:
                    sounding[data[pos]] = tick
                elif kind in (0x80, 0x90) and data[pos] in sounding:
                    notes.append((sounding.pop(data[pos]), tick, data[pos]))
                pos += 1 if kind in (0xC0, 0xD0) else 2
        pos = end
        if name == "MELODY":
            return sorted(notes)
    return []


def cues(notes):
    """Per note: its place in the beat (0..BINS-1), its beat position and its cue classes."""
    out = []
    for k, (x, y, pitch) in enumerate(notes):
        following = notes[k + 1][0] - x if k + 1 < len(notes) else 4.0
        rest = x - notes[k - 1][1] if k > 0 else 4.0
        leap = abs(pitch - notes[k - 1][2]) if k > 0 else 0
        out.append((x, {
            "plain": 0,
            "length": min(3, int((y - x) / 0.3)),
            "next onset": min(4, int(following / 0.3)),
            "phrase start": int(rest >= 1.0),
            "leap": int(leap >= 5),
        }))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "..", "shared", "data", "pop909", "POP909"))
    args = parser.parse_args()
    folders = sorted(os.path.join(args.corpus, d) for d in os.listdir(args.corpus)
                     if os.path.isdir(os.path.join(args.corpus, d)))
    songs = [(index % meter.HOLDOUT_EVERY == 0, cues(notes_of(f))) for index, f in enumerate(folders)]
    counts = collections.defaultdict(lambda: [0.5] * BINS)
    for held, notes in songs:
        for x, classes in notes if not held else []:
            for cue, value in classes.items():
                counts[cue, value][round((x % 1) * BINS) % BINS] += 1
    log_p = {key: [math.log(c / sum(row)) for c in row] for key, row in counts.items()}
    for window in (8, 16):
        right, windows = collections.Counter(), 0
        for held, notes in songs:
            if not held or len(notes) < 20:
                continue
            for start in range(int(notes[0][0]), int(notes[-1][0]) - window + 1, window // 2):
                inside = [n for n in notes if start <= n[0] < start + window]
                if len(inside) < 4:
                    continue
                windows += 1
                for cue in ("plain", "length", "next onset", "phrase start", "leap"):
                    scores = [sum(log_p[cue, c[cue]][round(((x - shift / 4) % 1) * BINS) % BINS] for x, c in inside)
                              for shift in range(4)]
                    right[cue] += max(range(4), key=lambda s: scores[s]) == 0
        print(f"{window}-beat windows of the held-out songs ({windows}): true grid best with cue "
              + ", ".join(f"{cue} {right[cue] / windows:.3f}" for cue in right))


if __name__ == "__main__":
    main()
