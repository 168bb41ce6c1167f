// Tests for analyze/chords: a known progression with and without beats, sevenths, silence.
#include "analyze/chords.h"

#include <gtest/gtest.h>

#include "../../eval/metrics.h"
#include "../../eval/test_signals.h"

namespace tunesmith {
namespace {

constexpr SampleRate kRate{22050};

struct Fixture {
    std::vector<float> audio;
    std::vector<metrics::ChordSpanSec> truth;
};

Fixture progression(const std::vector<Chord>& chords, double seconds_each, double lead) {
    Fixture f;
    f.audio.assign(signals::index_of(lead + seconds_each * static_cast<double>(chords.size()) + 0.5, kRate), 0.0f);
    f.truth.push_back({0.0, lead, std::nullopt});
    for (std::size_t i = 0; i < chords.size(); ++i) {
        const double start = lead + seconds_each * static_cast<double>(i);
        signals::add_chord(f.audio, kRate, start, seconds_each, chords[i], 0.25);
        f.truth.push_back({start, start + seconds_each, chords[i]});
    }
    return f;
}

std::vector<metrics::ChordSpanSec> as_spans(const std::vector<ChordEstimate>& estimates) {
    std::vector<metrics::ChordSpanSec> spans;
    for (const auto& e : estimates) spans.push_back({e.start_seconds, e.end_seconds, e.chord});
    return spans;
}

const std::vector<Chord> kPop{{0, ChordQuality::major}, {9, ChordQuality::minor}, {5, ChordQuality::major},
                              {7, ChordQuality::dominant7}, {4, ChordQuality::minor}, {2, ChordQuality::minor},
                              {10, ChordQuality::major}, {0, ChordQuality::major}};

TEST(Chords, KnownProgressionWithoutBeats) {
    const Fixture f = progression(kPop, 1.6, 1.0);
    const auto estimates = estimate_chords(compute_chroma(f.audio, kRate));
    const auto score = metrics::chord_majmin(f.truth, as_spans(estimates));
    EXPECT_GE(score.wcsr(), 0.8);
    ASSERT_FALSE(estimates.empty());
    EXPECT_FALSE(estimates.front().chord.has_value()) << estimates.front().label();  // leading silence
    for (std::size_t i = 1; i < estimates.size(); ++i) EXPECT_EQ(estimates[i].start, estimates[i - 1].end);
}

TEST(Chords, ChangesFallOnBeats) {
    const Fixture f = progression(kPop, 2.0, 0.5);
    BeatResult beats;
    beats.rate = kRate;
    for (double t = 0.5; t < 16.5; t += 0.5) beats.beats.push_back(to_samples(Seconds(t), kRate));
    const auto estimates = estimate_chords(compute_chroma(f.audio, kRate), &beats);
    EXPECT_GE(metrics::chord_majmin(f.truth, as_spans(estimates)).wcsr(), 0.85);
    for (const auto& e : estimates) {
        if (e.start.value == 0) continue;
        EXPECT_NE(std::find(beats.beats.begin(), beats.beats.end(), e.start), beats.beats.end()) << e.start_seconds;
    }
}

TEST(Chords, NamesSeventhsAndLabels) {
    const Fixture f = progression({{7, ChordQuality::dominant7}, {9, ChordQuality::minor7}}, 2.0, 0.0);
    const auto estimates = estimate_chords(compute_chroma(f.audio, kRate));
    auto label_at = [&](double seconds) {
        for (const auto& e : estimates)
            if (e.start_seconds <= seconds && seconds < e.end_seconds) return e.label();
        return std::string("none");
    };
    EXPECT_EQ(label_at(1.0), "G:7");
    EXPECT_EQ(label_at(3.0), "A:min7");
    EXPECT_EQ(label_at(4.3), "N");  // the half second of silence after the last chord
}

TEST(Chords, SilenceIsNoChord) {
    const std::vector<float> silence(static_cast<std::size_t>(kRate.hz) * 3, 0.0f);
    const auto estimates = estimate_chords(compute_chroma(silence, kRate));
    for (const auto& e : estimates) EXPECT_FALSE(e.chord.has_value());
    EXPECT_TRUE(estimate_chords(compute_chroma(std::span<const float>{}, kRate)).empty());
}

}  // namespace
}  // namespace tunesmith
