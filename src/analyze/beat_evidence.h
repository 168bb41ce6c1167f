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

// The same from the over-5-kHz envelope made with high_band_options (one STFT pass: onset_bands).
double onset_brightness(const OnsetEnvelope& whole, const OnsetEnvelope& high);

// The filterbank settings of the bands over and under 5 kHz (at most 0.4 of the rate) of `whole`.
OnsetOptions high_band_options(const OnsetOptions& whole, SampleRate rate);
OnsetOptions low_band_options(const OnsetOptions& whole, SampleRate rate);

// A recording's onset evidence for beat tracking from one STFT pass: the whole-band envelope the
// beats follow, and the bands over 5 kHz (how bright the attacks are) and under 5 kHz (where the
// kick and snare are, without the hi-hat) that the metrical-level choice reads.
struct OnsetBands {
    OnsetEnvelope whole;
    OnsetEnvelope high;
    OnsetEnvelope low;
};
OnsetBands onset_bands(std::span<const float> mono, SampleRate rate, const OnsetOptions& options = {});

// How strong the onsets midway between consecutive beats are against those on the beats: the
// sum over beat pairs of the envelope's peak within +-20 ms of the midpoint over the sum of its
// peak at the first beat of the pair. Near 1 when the beats are every other beat of an even pulse
// (a backbeat snare between them), low when the half-beats are empty. 0 with fewer than 2 beats.
double midbeat_ratio(const OnsetEnvelope& envelope, std::span<const Samples> beats);

}  // namespace tunesmith
