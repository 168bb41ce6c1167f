// Hand-built Scores shared by the export tests: a few tracks with notes, controllers, bends,
// a non-constant tempo map, an odd meter and a modal key, so round trips exercise everything.
#pragma once

#include "music/score.h"

namespace tunesmith::testing_fixtures {

inline Score make_test_score(SampleRate rate = SampleRate(48000)) {
    Score score;
    score.meter = Meter{3, 4};
    score.key = *Key::parse("D dorian");
    // 8 bars of 3/4: a tempo change at bar 3 and a hit anchored at bar 6 on an odd sample.
    const Ticks bar = score.meter.bar();
    score.tempo = TempoMap::from_anchors({{Ticks(0), Samples(0)},
                                          {bar * 2, Samples(144000)},
                                          {bar * 5, Samples(333337)},
                                          {bar * 8, Samples(520001)}},
                                         rate);
    score.length = bar * 8;
    score.length_samples = score.tempo.to_samples(score.length);

    Track strings{"strings", 48, 0, false, {}, {}, {}};
    for (int i = 0; i < 8; ++i)
        strings.notes.push_back(Note{bar * i, bar, 62 + (i % 3) * 2, 60 + i * 5});
    strings.notes.push_back(Note{bar * 2 + Ticks(480), Ticks(240), 74, 100});
    strings.controls = {{Ticks(0), 11, 80}, {bar * 4, 11, 110}, {bar * 4, 1, 30}};
    strings.bends = {{bar * 7, -4096}, {bar * 7 + Ticks(480), 0}, {bar * 7 + Ticks(960), 8191}};

    Track drums{"drums", 48, 0, true, {}, {}, {}};
    for (int beat = 0; beat < 24; ++beat)
        drums.notes.push_back(Note{kQuarter * beat, Ticks(120), beat % 3 == 0 ? 36 : 42, 90});

    Track bass{"bass", 33, 8, false, {}, {}, {}};
    bass.notes = {Note{Ticks(0), bar * 4, 38, 100}, Note{bar * 4, bar * 4 - Ticks(10), 45, 101}};

    score.tracks = {strings, drums, bass};
    score.chords = {{Ticks(0), bar * 4, *Chord::parse("Dm7")}, {bar * 4, bar * 8, *Chord::parse("G/B")}};
    score.markers = {{Ticks(0), "intro"}, {bar * 2, "verse"}, {bar * 5, "hit"}, {bar * 6, "outro"}};
    return score;
}

}  // namespace tunesmith::testing_fixtures
