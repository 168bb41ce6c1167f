// Score -> Standard MIDI File bytes (type 1, 960 PPQ), and the key-signature mapping shared with
// the reader. Events are sorted so that note-offs precede note-ons at the same tick.
#include "export/midi_writer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include "base/error.h"
#include "base/file_io.h"

namespace tunesmith {
namespace {

constexpr std::array<int, 7> kLetterPc = {0, 2, 4, 5, 7, 9, 11};
constexpr int kDrumChannel = 9;  // "channel 10" counted from 1

// The note `fifths` perfect fifths above C, spelled (e.g. -3 -> Eb, 6 -> F#).
NoteName note_at_fifths(int fifths) {
    const int letter = ((fifths * 4) % 7 + 7) % 7;
    const int pc = ((fifths * 7) % 12 + 12) % 12;
    int accidental = pc - kLetterPc[static_cast<std::size_t>(letter)];
    if (accidental > 6) accidental -= 12;
    if (accidental < -6) accidental += 12;
    return NoteName{letter, accidental};
}

void put_u16(std::string& out, unsigned value) {
    out += static_cast<char>((value >> 8) & 0xFF);
    out += static_cast<char>(value & 0xFF);
}

void put_u32(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

// SMF variable-length quantity: 7 bits per byte, most significant first, high bit = "more".
void put_vlq(std::string& out, std::uint32_t value) {
    if (value > 0x0FFFFFFF) throw std::logic_error("MIDI variable-length quantity out of range");
    std::array<char, 4> bytes{};
    std::size_t count = 0;
    do {
        bytes[count++] = static_cast<char>(value & 0x7F);
        value >>= 7;
    } while (value != 0);
    while (count > 1) out += static_cast<char>(bytes[--count] | 0x80);
    out += bytes[0];
}

// Sort priority of events sharing a tick: names and setup first, note-offs before note-ons.
enum class Slot { meta = 0, setup = 1, note_off = 2, control = 3, bend = 4, note_on = 5 };

struct Event {
    Ticks tick;
    Slot slot = Slot::meta;
    std::string bytes;  // status byte onward
};

char byte(int value) { return static_cast<char>(static_cast<unsigned char>(value)); }
int clamp7(int value) { return std::clamp(value, 0, 127); }

Event meta(Ticks tick, int type, const std::string& data) {
    Event e{tick, Slot::meta, {}};
    e.bytes += byte(0xFF);
    e.bytes += byte(type);
    put_vlq(e.bytes, static_cast<std::uint32_t>(data.size()));
    e.bytes += data;
    return e;
}

Event channel_event(Ticks tick, Slot slot, int status, int channel, int data1, int data2) {
    Event e{tick, slot, {}};
    e.bytes += byte(status | channel);
    e.bytes += byte(clamp7(data1));
    if (data2 >= 0) e.bytes += byte(clamp7(data2));
    return e;
}

// Sorts the events, writes deltas and the end-of-track event, and wraps it all in an MTrk chunk.
std::string track_chunk(std::vector<Event> events, Ticks end) {
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        if (a.tick != b.tick) return a.tick < b.tick;
        return static_cast<int>(a.slot) < static_cast<int>(b.slot);
    });
    std::string body;
    Ticks now(0);
    for (const auto& e : events) {
        put_vlq(body, static_cast<std::uint32_t>((e.tick - now).value));
        body += e.bytes;
        now = e.tick;
    }
    put_vlq(body, static_cast<std::uint32_t>(std::max(Ticks(0), end - now).value));
    body += "\xFF\x2F";
    body += '\0';
    std::string chunk = "MTrk";
    put_u32(chunk, static_cast<std::uint32_t>(body.size()));
    return chunk + body;
}

// Exact tempo anchors and lengths, so a file that nobody edited reads back sample-exact.
std::string timing_text(const Score& score) {
    const auto& tempo = score.tempo;
    std::string text = std::string(kMidiTextPrefix) + "timing rate=" + std::to_string(tempo.sample_rate().hz) +
                       " length=" + std::to_string(score.length.value) + ":" +
                       std::to_string(score.length_samples.value) + " anchors=";
    const auto& anchors = tempo.anchors();
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        if (i > 0) text += ',';
        text += std::to_string(anchors[i].tick.value) + ":" + std::to_string(anchors[i].sample.value);
    }
    return text;
}

std::vector<Event> conductor_events(const Score& score) {
    std::vector<Event> events;
    events.push_back(meta(Ticks(0), 0x03, "tunesmith conductor"));
    const Meter& m = score.meter;
    int denominator_power = 0;
    while ((1 << denominator_power) < m.denominator) ++denominator_power;
    // MIDI clocks (24 per quarter) per metronome click: the beat (dotted quarter in compound).
    const auto clocks = static_cast<int>(m.beat().value * 24 / kTicksPerQuarter);
    events.push_back(meta(Ticks(0), 0x58, {byte(m.numerator), byte(denominator_power), byte(clocks), byte(8)}));
    const MidiKeySignature sig = midi_key_signature(score.key);
    events.push_back(meta(Ticks(0), 0x59, {byte(sig.sharps & 0xFF), byte(sig.minor ? 1 : 0)}));
    events.push_back(meta(Ticks(0), 0x01, std::string(kMidiTextPrefix) + "key " + score.key.to_string()));
    events.push_back(meta(Ticks(0), 0x01, timing_text(score)));
    for (const auto& t : score.tempo.midi_tempos()) {
        const auto us = static_cast<std::uint32_t>(std::clamp<std::int64_t>(t.microseconds_per_quarter, 1, 0xFFFFFF));
        events.push_back(meta(t.tick, 0x51, {byte((us >> 16) & 0xFF), byte((us >> 8) & 0xFF), byte(us & 0xFF)}));
    }
    for (const auto& marker : score.markers) events.push_back(meta(marker.time, 0x06, marker.text));
    for (const auto& span : score.chords) {
        const std::string text = std::string(kMidiTextPrefix) + "chord " + span.chord.name(score.key) + " until " +
                                 std::to_string(span.end.value);
        events.push_back(meta(span.start, 0x01, text));
    }
    return events;
}

std::vector<Event> instrument_events(const Track& track, int channel) {
    std::vector<Event> events;
    events.push_back(meta(Ticks(0), 0x03, track.name));
    // A track named by its voice says its group, so an edited file comes back with the group's mix.
    if (!track.group.empty() && track.group != track.name)
        events.push_back(meta(Ticks(0), 0x01, std::string(kMidiTextPrefix) + "group " + track.group));
    // Bank select as FluidSynth's default (GS) mode reads it: the bank number in CC 0.
    if (track.bank != 0) events.push_back(channel_event(Ticks(0), Slot::setup, 0xB0, channel, 0, track.bank));
    events.push_back(channel_event(Ticks(0), Slot::setup, 0xC0, channel, track.program, -1));
    for (const auto& c : track.controls)
        events.push_back(channel_event(c.time, Slot::control, 0xB0, channel, c.controller, c.value));
    for (const auto& b : track.bends) {
        const int value = std::clamp(b.value, -8192, 8191) + 8192;
        events.push_back(channel_event(b.time, Slot::bend, 0xE0, channel, value & 0x7F, value >> 7));
    }
    for (const auto& n : track.notes) {
        // A note needs a positive length, or its off would sort before its on.
        const Ticks end = std::max(n.end(), n.start + Ticks(1));
        events.push_back(channel_event(n.start, Slot::note_on, 0x90, channel, n.pitch, std::max(1, n.velocity)));
        events.push_back(channel_event(end, Slot::note_off, 0x80, channel, n.pitch, 0));
    }
    return events;
}

Ticks last_tick(const std::vector<Event>& events) {
    Ticks last(0);
    for (const auto& e : events) last = std::max(last, e.tick);
    return last;
}

}  // namespace

MidiKeySignature midi_key_signature(const Key& key) {
    int sharps = key.signature();
    // Beyond seven accidentals, write the enharmonic signature (G# major -> Ab major).
    while (sharps > 7) sharps -= 12;
    while (sharps < -7) sharps += 12;
    return MidiKeySignature{sharps, mode_is_minor(key.mode)};
}

Key key_from_midi_signature(MidiKeySignature signature) {
    const int sharps = std::clamp(signature.sharps, -7, 7);
    if (signature.minor) return Key{note_at_fifths(sharps + 3), Mode::minor};
    return Key{note_at_fifths(sharps), Mode::major};
}

std::string write_midi(const Score& score) {
    std::vector<std::vector<Event>> tracks;
    tracks.push_back(conductor_events(score));
    int next_channel = 0;
    for (const auto& track : score.tracks) {
        int channel = kDrumChannel;
        if (!track.drums) {
            channel = next_channel;
            next_channel = (next_channel + 1) % 16;
            if (next_channel == kDrumChannel) ++next_channel;
        }
        tracks.push_back(instrument_events(track, channel));
    }
    Ticks end = score.length;
    for (const auto& events : tracks) end = std::max(end, last_tick(events));

    std::string out = "MThd";
    put_u32(out, 6);
    put_u16(out, 1);
    put_u16(out, static_cast<unsigned>(tracks.size()));
    put_u16(out, static_cast<unsigned>(kTicksPerQuarter));
    for (auto& events : tracks) out += track_chunk(std::move(events), end);
    return out;
}

void write_midi_file(const Score& score, const std::filesystem::path& path) {
    write_file(path, write_midi(score));
}

}  // namespace tunesmith
