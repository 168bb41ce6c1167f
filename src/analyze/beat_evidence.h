// Evidence for the beat tracker beyond onset strength: harmonic novelty (where the chroma
// changes) on the onset envelope's frame grid, and how bright the attacks are (a drum kit or
// not). Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "analyze/chroma.h"
#include "analyze/onsets.h"

namespace tunesmith {

// Per onset-envelope frame, how much the harmony changes there: the cosine distance between the
// energy-weighted mean chroma (full and bass registers) of the `half_window_seconds` before and
// after the frame, scaled to unit standard deviation. Zero where the chromagram is silent.
// Chords change on beats far more often than between them, so this tells a beat from an
// off-beat when an even accompaniment sounds both alike.
std::vector<double> harmonic_novelty(const Chromagram& chroma, const OnsetEnvelope& envelope,
                                     double half_window_seconds = 0.2);

// `values` divided by their standard deviation (not centred: zero stays zero); all zeros when
// they are constant. The common scale of the beat tracker's evidence curves.
std::vector<double> scaled_to_unit_deviation(std::vector<double> values);

// How bright the recording's attacks are: the onset-strength envelope over 5 kHz and up divided by
// the whole-band one `whole` (both mean log-flux per band, made with `options`). A drum kit's hats and
// snares (and strummed steel strings) put about as much flux up there as below (measured 1.2-1.7
// on tunesmith's drummed cues, 1.4 on a strummed song), a piano or a voice far less (0.49-0.86 on
// 166 piano renders and sung melodies). 0 for silence.
double onset_brightness(const OnsetEnvelope& whole, std::span<const float> mono, SampleRate rate,
                        const OnsetOptions& options = {});

}  // namespace tunesmith
