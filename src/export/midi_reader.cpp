// Standard MIDI File bytes -> Score. Every read is bounds-checked; any malformation becomes one
// InputError naming the source, so fuzzed or truncated files cannot crash the process.
#include "export/midi_reader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <cstdint>
#include <deque>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/error.h"
#include "export/midi_writer.h"

namespace tunesmith {
namespace {

constexpr std::string_view kAccepted = "a Standard MIDI File (type 0 or 1)";
constexpr std::int64_t kMaxFileTicks = std::int64_t{1} << 40;             // far beyond any real file
constexpr std::int64_t kMaxScoreTicks = std::int64_t{100000} * 4 * 960;  // 100,000 bars of 4/4
constexpr std::int64_t kMinMicrosPerQuarter = 1000;                      // 60,000 bpm
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{64} << 20;
constexpr int kDrumChannel = 9;

class Cursor {
public:
    // `base`: where `data` starts in the whole file, so errors give file offsets.
    Cursor(std::string_view data, std::string_view source, std::size_t base = 0)
        : data_(data), source_(source), base_(base) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(std::string(source_), what + " (at byte " + std::to_string(base_ + pos_) + ")",
                         std::string(kAccepted));
    }
    bool at_end() const { return pos_ >= data_.size(); }
    std::size_t offset() const { return base_ + pos_; }
    std::size_t remaining() const { return data_.size() - pos_; }
    std::uint8_t peek() const {
        if (at_end()) fail("unexpected end of data");
        return static_cast<std::uint8_t>(data_[pos_]);
    }
    std::uint8_t u8() {
        const std::uint8_t value = peek();
        ++pos_;
        return value;
    }
    std::uint32_t u16() { return (std::uint32_t{u8()} << 8) | u8(); }
    std::uint32_t u32() { return (u16() << 16) | u16(); }
    std::uint32_t vlq() {
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const std::uint8_t b = u8();
            value = (value << 7) | (b & 0x7Fu);
            if ((b & 0x80u) == 0) return value;
        }
        fail("variable-length quantity longer than 4 bytes");
    }
    std::string_view take(std::size_t count) {
        if (count > remaining()) fail("length " + std::to_string(count) + " runs past the end of the data");
        const std::string_view out = data_.substr(pos_, count);
        pos_ += count;
        return out;
    }

private:
    std::string_view data_;
    std::string_view source_;
    std::size_t base_ = 0;
    std::size_t pos_ = 0;
};

// What one channel of one MTrk chunk holds.
struct ChannelPart {
    std::optional<int> program;
    std::optional<int> bank;
    std::vector<Note> notes;
    std::vector<ControlPoint> controls;
    std::vector<PitchBendPoint> bends;
    std::map<int, std::deque<Note>> open;  // sounding notes by pitch, oldest first
    bool used = false;
};

struct ChunkData {
    std::string name;
    std::string group;  // from a "tunesmith:group" text event
    std::array<ChannelPart, 16> channels;
    Ticks end;
};

// Everything the conductor events say, from whichever chunk they appear in.
struct Conductor {
    std::vector<MidiTempo> tempos;
    std::optional<Meter> meter;
    std::optional<MidiKeySignature> key_signature;
    std::optional<Key> tagged_key;
    std::optional<std::string> timing;
    std::vector<Marker> markers;
    std::vector<ChordSpan> chords;
};

class Parser {
public:
    Parser(std::string_view bytes, std::string_view source) : source_(source), in_(bytes, source) {}

    void parse() {
        if (in_.remaining() < 14 || in_.take(4) != "MThd") in_.fail("no MThd header: not a MIDI file");
        const std::uint32_t header_length = in_.u32();
        if (header_length < 6) in_.fail("MThd length " + std::to_string(header_length) + " is below 6");
        const std::uint32_t format = in_.u16();
        const std::uint32_t track_count = in_.u16();
        division_ = in_.u16();
        in_.take(header_length - 6);
        if (format > 1) in_.fail("SMF format " + std::to_string(format) + " is not supported");
        if ((division_ & 0x8000u) != 0) in_.fail("SMPTE time division is not supported");
        if (division_ == 0) in_.fail("time division 0");
        while (chunks_.size() < track_count) {
            if (in_.remaining() < 8) in_.fail("header announces " + std::to_string(track_count) +
                                              " tracks but the data ends after " + std::to_string(chunks_.size()));
            const std::string_view id = in_.take(4);
            const std::uint32_t length = in_.u32();
            const std::size_t body_offset = in_.offset();
            const std::string_view body = in_.take(length);
            if (id == "MTrk") parse_track(body, body_offset);
        }
    }

    const std::vector<ChunkData>& chunks() const { return chunks_; }
    const Conductor& conductor() const { return conductor_; }

private:
    Ticks rescale(std::int64_t file_tick) const {
        const std::int64_t d = division_;
        return Ticks((file_tick * kTicksPerQuarter + d / 2) / d);
    }

    void parse_track(std::string_view body, std::size_t offset) {
        Cursor track(body, source_name(), offset);
        ChunkData chunk;
        std::int64_t tick = 0;
        std::uint8_t running = 0;
        while (!track.at_end()) {
            tick += track.vlq();
            if (tick > kMaxFileTicks) track.fail("event time beyond any plausible length");
            std::uint8_t status = track.peek();
            if (status >= 0x80) {
                track.u8();
            } else if (running != 0) {
                status = running;
            } else {
                track.fail("data byte without a status byte");
            }
            const Ticks at = rescale(tick);
            if (status == 0xFF) {
                const std::uint8_t type = track.u8();
                const std::string_view data = track.take(track.vlq());
                if (type == 0x2F) break;
                meta_event(chunk, at, type, data, track);
            } else if (status == 0xF0 || status == 0xF7) {
                track.take(track.vlq());  // system exclusive: not part of a Score
                running = 0;
            } else if (status >= 0xF0) {
                track.fail("system message " + std::to_string(status) + " inside a track");
            } else {
                running = status;
                channel_event(chunk, at, status, track);
            }
        }
        chunk.end = rescale(tick);
        close_open_notes(chunk);
        chunks_.push_back(std::move(chunk));
    }

    static int data_byte(Cursor& track) {
        const std::uint8_t b = track.u8();
        if (b >= 0x80) track.fail("data byte above 127");
        return b;
    }

    void channel_event(ChunkData& chunk, Ticks at, std::uint8_t status, Cursor& track) {
        const int kind = status & 0xF0;
        ChannelPart& part = chunk.channels[status & 0x0Fu];
        const int a = data_byte(track);
        const int b = (kind == 0xC0 || kind == 0xD0) ? 0 : data_byte(track);
        switch (kind) {
            case 0x90:
                if (b > 0) {
                    part.open[a].push_back(Note{at, Ticks(0), a, b});
                    part.used = true;
                    break;
                }
                [[fallthrough]];
            case 0x80: end_note(part, a, at); break;
            case 0xB0:
                part.used = true;
                if (a == 0) {
                    if (!part.bank) part.bank = b;
                } else if (a != 32) {
                    part.controls.push_back(ControlPoint{at, a, b});
                }
                break;
            case 0xC0:
                part.used = true;
                if (!part.program) part.program = a;
                break;
            case 0xE0:
                part.used = true;
                part.bends.push_back(PitchBendPoint{at, (b << 7 | a) - 8192});
                break;
            default: break;  // aftertouch: not part of a Score
        }
    }

    static void end_note(ChannelPart& part, int pitch, Ticks at) {
        auto found = part.open.find(pitch);
        if (found == part.open.end() || found->second.empty()) return;  // stray off: ignore
        Note note = found->second.front();
        found->second.pop_front();
        note.duration = at - note.start;
        part.notes.push_back(note);
    }

    static void close_open_notes(ChunkData& chunk) {
        for (auto& part : chunk.channels) {
            for (auto& [pitch, queue] : part.open)
                for (Note note : queue) {
                    note.duration = std::max(Ticks(0), chunk.end - note.start);
                    part.notes.push_back(note);
                }
            part.open.clear();
        }
    }

    void meta_event(ChunkData& chunk, Ticks at, std::uint8_t type, std::string_view data, Cursor& track) {
        auto byte_at = [&](std::size_t i) { return static_cast<std::uint8_t>(data[i]); };
        switch (type) {
            case 0x01: text_event(chunk, at, data); break;
            case 0x03:
                if (chunk.name.empty()) chunk.name = std::string(data);
                break;
            case 0x06: conductor_.markers.push_back(Marker{at, std::string(data)}); break;
            case 0x51: {
                if (data.size() != 3) track.fail("tempo event of length " + std::to_string(data.size()));
                const std::int64_t us = (std::int64_t{byte_at(0)} << 16) | (byte_at(1) << 8) | byte_at(2);
                if (us < kMinMicrosPerQuarter) track.fail("tempo of " + std::to_string(us) + " us per quarter");
                conductor_.tempos.push_back(MidiTempo{at, us});
                break;
            }
            case 0x58:
                if (data.size() >= 2 && !conductor_.meter && byte_at(1) <= 4) {
                    const Meter meter{byte_at(0), 1 << byte_at(1)};
                    if (Meter::parse(meter.to_string())) conductor_.meter = meter;
                }
                break;
            case 0x59:
                if (data.size() >= 2 && !conductor_.key_signature)
                    conductor_.key_signature =
                        MidiKeySignature{static_cast<std::int8_t>(byte_at(0)), byte_at(1) != 0};
                break;
            default: break;
        }
    }

    void text_event(ChunkData& chunk, Ticks at, std::string_view text) {
        if (!text.starts_with(kMidiTextPrefix)) return;
        text.remove_prefix(kMidiTextPrefix.size());
        if (text.starts_with("group ")) {
            chunk.group = std::string(text.substr(6));
        } else if (text.starts_with("key ")) {
            if (!conductor_.tagged_key) conductor_.tagged_key = Key::parse(text.substr(4));
        } else if (text.starts_with("timing ")) {
            conductor_.timing = std::string(text.substr(7));
        } else if (text.starts_with("chord ")) {
            text.remove_prefix(6);
            const auto until = text.find(" until ");
            if (until == std::string_view::npos) return;
            const auto chord = Chord::parse(text.substr(0, until));
            std::int64_t end = 0;
            const auto number = text.substr(until + 7);
            const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), end);
            if (chord && ec == std::errc() && ptr == number.data() + number.size() && end > at.value)
                conductor_.chords.push_back(ChordSpan{at, Ticks(end), *chord});
        }
    }

    std::string_view source_name() const { return source_; }

    std::string_view source_;
    Cursor in_;
    std::uint32_t division_ = 960;
    std::vector<ChunkData> chunks_;
    Conductor conductor_;
};

// "rate=48000 length=7680:96000 anchors=0:0,3840:48000" -> its parts; nullopt if malformed.
struct TimingHint {
    SampleRate rate;
    Ticks length;
    Samples length_samples;
    std::vector<TempoAnchor> anchors;
};

std::optional<std::int64_t> parse_int(std::string_view text) {
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<std::pair<std::int64_t, std::int64_t>> parse_pair(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto a = parse_int(text.substr(0, colon));
    const auto b = parse_int(text.substr(colon + 1));
    if (!a || !b) return std::nullopt;
    return std::pair{*a, *b};
}

std::optional<TimingHint> parse_timing(std::string_view text) {
    TimingHint hint;
    std::size_t start = 0;
    bool have_rate = false;
    bool have_length = false;
    while (start < text.size()) {
        const auto space = std::min(text.find(' ', start), text.size());
        const std::string_view field = text.substr(start, space - start);
        start = space + 1;
        if (field.starts_with("rate=")) {
            const auto hz = parse_int(field.substr(5));
            if (!hz || *hz <= 0 || *hz > 1000000) return std::nullopt;
            hint.rate = SampleRate(static_cast<int>(*hz));
            have_rate = true;
        } else if (field.starts_with("length=")) {
            const auto pair = parse_pair(field.substr(7));
            if (!pair) return std::nullopt;
            hint.length = Ticks(pair->first);
            hint.length_samples = Samples(pair->second);
            have_length = true;
        } else if (field.starts_with("anchors=")) {
            std::string_view list = field.substr(8);
            while (!list.empty()) {
                const auto comma = std::min(list.find(','), list.size());
                const auto pair = parse_pair(list.substr(0, comma));
                if (!pair) return std::nullopt;
                hint.anchors.push_back(TempoAnchor{Ticks(pair->first), Samples(pair->second)});
                list.remove_prefix(std::min(comma + 1, list.size()));
            }
        }
    }
    if (!have_rate || !have_length) return std::nullopt;
    return hint;
}

// The exact anchors tunesmith wrote, if the file's tempo events still agree with them to within
// MIDI's microsecond rounding; otherwise nullopt and the tempo events alone decide.
std::optional<TempoMap> exact_tempo(const TimingHint& hint, const TempoMap& from_events) {
    try {
        const TempoMap exact = TempoMap::from_anchors(hint.anchors, hint.rate);
        const TempoMap events_at_rate = from_events.at_rate(hint.rate);
        for (const auto& anchor : hint.anchors) {
            const double quarters = static_cast<double>(anchor.tick.value) / kTicksPerQuarter;
            // 0.5 us of rounding per quarter, counted twice for safety, plus a sample.
            const double tolerance = 1.0 + quarters * hint.rate.hz * 1e-6;
            const auto diff = events_at_rate.to_samples(anchor.tick).value - anchor.sample.value;
            if (static_cast<double>(diff < 0 ? -diff : diff) > tolerance) return std::nullopt;
        }
        return exact;
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
}

std::string track_name(const ChunkData& chunk, int channel, const ChannelPart& part, int channels_used) {
    if (!chunk.name.empty())
        return channels_used > 1 ? chunk.name + " " + std::to_string(channel + 1) : chunk.name;
    if (channel == kDrumChannel) return "drums";
    return std::string(gm_program_group(part.program.value_or(0)));
}

// One Score track per used channel of each chunk, with duplicate names made unique.
std::vector<Track> build_tracks(const std::vector<ChunkData>& chunks) {
    std::vector<Track> tracks;
    for (const auto& chunk : chunks) {
        int used = 0;
        for (const auto& part : chunk.channels) used += part.used ? 1 : 0;
        for (int ch = 0; ch < 16; ++ch) {
            const ChannelPart& part = chunk.channels[static_cast<std::size_t>(ch)];
            if (!part.used) continue;
            Track t;
            t.name = track_name(chunk, ch, part, used);
            if (used == 1) t.group = chunk.group;
            t.program = part.program.value_or(0);
            t.bank = part.bank.value_or(0);
            t.drums = ch == kDrumChannel;
            t.notes = part.notes;
            std::sort(t.notes.begin(), t.notes.end(), [](const Note& a, const Note& b) {
                if (a.start != b.start) return a.start < b.start;
                if (a.pitch != b.pitch) return a.pitch < b.pitch;
                return a.duration < b.duration;
            });
            t.controls = part.controls;
            t.bends = part.bends;
            tracks.push_back(std::move(t));
        }
    }
    std::map<std::string, int> seen;
    for (auto& t : tracks) {
        const int count = ++seen[t.name];
        if (count > 1) t.name += " " + std::to_string(count);
    }
    return tracks;
}

Ticks musical_end(const std::vector<ChunkData>& chunks, const Score& score) {
    Ticks end(0);
    for (const auto& chunk : chunks) end = std::max(end, chunk.end);
    for (const auto& t : score.tracks)
        for (const auto& n : t.notes) end = std::max(end, n.end());
    return end;
}

TempoMap tempo_from_events(const std::vector<MidiTempo>& tempos, SampleRate rate, Ticks span_end,
                           std::string_view source) {
    try {
        return TempoMap::from_midi_tempos(tempos, rate, span_end);
    } catch (const std::invalid_argument&) {
        throw InputError(std::string(source), "tempo events that do not advance time", std::string(kAccepted));
    }
}

}  // namespace

Score read_midi(std::string_view bytes, SampleRate rate, std::string_view source) {
    if (rate.hz <= 0) throw std::invalid_argument("read_midi: sample rate must be > 0");
    Parser parser(bytes, source);
    parser.parse();
    const Conductor& c = parser.conductor();

    Score score;
    score.tracks = build_tracks(parser.chunks());
    score.meter = c.meter.value_or(Meter{});
    score.key = Key{NoteName{0, 0}, Mode::major};
    if (c.key_signature) score.key = key_from_midi_signature(*c.key_signature);
    // The tagged mode wins only if the key signature still says the same thing.
    if (c.tagged_key && (!c.key_signature || midi_key_signature(*c.tagged_key) == *c.key_signature))
        score.key = *c.tagged_key;
    score.markers = c.markers;
    std::stable_sort(score.markers.begin(), score.markers.end(),
                     [](const Marker& a, const Marker& b) { return a.time < b.time; });
    score.chords = c.chords;

    const Ticks end = musical_end(parser.chunks(), score);
    const Ticks bar = score.meter.bar();
    score.length = Ticks((end.value + bar.value - 1) / bar.value * bar.value);
    if (score.length > Ticks(kMaxScoreTicks))
        throw InputError(std::string(source), "length of " + std::to_string(score.length / kQuarter) + " quarters",
                         "a Standard MIDI File of at most 100,000 bars");

    const TempoMap from_events = tempo_from_events(c.tempos, rate, std::max(score.length, bar), source);
    score.tempo = from_events;
    const auto hint = c.timing ? parse_timing(*c.timing) : std::nullopt;
    const auto exact = hint ? exact_tempo(*hint, from_events) : std::nullopt;
    if (exact) score.tempo = hint->rate == rate ? *exact : exact->at_rate(rate);
    score.length_samples = score.tempo.to_samples(score.length);
    // tunesmith's own length survives if the file still ends where it was written to end.
    if (exact && hint->length == end && hint->rate == rate && hint->length_samples >= Samples(0) &&
        std::abs((hint->length_samples - score.length_samples).value) <= rate.hz) {
        score.length = hint->length;
        score.length_samples = hint->length_samples;
    }
    return score;
}

Score read_midi_file(const std::filesystem::path& path, SampleRate rate) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) throw InputError(path.string(), "cannot be read", "an existing MIDI file");
    if (size > kMaxFileBytes) throw InputError(path.string(), std::to_string(size) + " bytes", "a MIDI file up to 64 MiB");
    std::ifstream file(path, std::ios::binary);
    if (!file) throw InputError(path.string(), "cannot be opened", "a readable MIDI file");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    file.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!file) throw InputError(path.string(), "cannot be read", "a readable MIDI file");
    return read_midi(bytes, rate, path.string());
}

std::string_view gm_program_group(int program) {
    struct Range {
        int last;
        std::string_view group;
    };
    static constexpr std::array<Range, 15> kRanges = {{
        {15, "piano"},  {23, "synth"},      {31, "guitar"}, {39, "bass"},  {51, "strings"},
        {54, "choir"},  {55, "strings"},    {63, "brass"},  {79, "woodwinds"}, {87, "synth"},
        {95, "pad"},    {103, "synth"},     {111, "guitar"}, {119, "drums"}, {127, "synth"},
    }};
    for (const auto& r : kRanges)
        if (program <= r.last) return r.group;
    return "synth";
}

}  // namespace tunesmith
