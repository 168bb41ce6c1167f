// Minimal Standard MIDI File reading and writing for the analysis evaluation (ANALYSIS-B): read
// a type 0/1 file into channel events timed in seconds (through its tempo map), and write
// seconds-timed events back as a type 0 file on a fixed fine grid, so that any time warp
// (tempo drift) can be applied to the events before rendering. Header-only; eval code only.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace tunesmith::midi_events {

// A channel voice message (note on/off, program, controller, pitch bend) at a time in seconds.
struct Event {
    double seconds = 0.0;
    std::uint8_t status = 0;  // with channel
    std::uint8_t data1 = 0;
    std::uint8_t data2 = 0;
    int track = 0;

    bool is_note_on() const { return (status & 0xF0) == 0x90 && data2 > 0; }
    bool is_note_off() const { return (status & 0xF0) == 0x80 || ((status & 0xF0) == 0x90 && data2 == 0); }
    int channel() const { return status & 0x0F; }
};

namespace detail {

struct Reader {
    const std::vector<unsigned char>& bytes;
    std::size_t pos = 0;
    unsigned char u8() {
        if (pos >= bytes.size()) throw std::runtime_error("MIDI: unexpected end of file");
        return bytes[pos++];
    }
    std::uint32_t be(int n) {
        std::uint32_t v = 0;
        for (int i = 0; i < n; ++i) v = (v << 8) | u8();
        return v;
    }
    std::uint32_t vlq() {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const unsigned char c = u8();
            v = (v << 7) | (c & 0x7Fu);
            if (!(c & 0x80u)) break;
        }
        return v;
    }
};

struct RawEvent {
    std::uint64_t tick;
    Event event;
    std::uint32_t tempo = 0;  // non-zero for a tempo meta event
};

}  // namespace detail

// All channel events of a file, sorted by time, timed through the file's tempo map.
inline std::vector<Event> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    detail::Reader r{bytes};
    if (r.be(4) != 0x4D546864u) throw std::runtime_error(path + ": not a MIDI file");
    const std::uint32_t header_length = r.be(4);
    r.be(2);  // format
    const std::uint32_t tracks = r.be(2);
    const std::uint32_t division = r.be(2);
    if (division & 0x8000u) throw std::runtime_error(path + ": SMPTE time division is not supported");
    r.pos += header_length - 6;
    std::vector<detail::RawEvent> raw;
    for (std::uint32_t t = 0; t < tracks; ++t) {
        if (r.be(4) != 0x4D54726Bu) throw std::runtime_error(path + ": bad track chunk");
        const std::uint32_t chunk_length = r.be(4);
        const std::size_t end = r.pos + chunk_length;
        std::uint64_t tick = 0;
        std::uint8_t running = 0;
        while (r.pos < end) {
            tick += r.vlq();
            std::uint8_t status = r.u8();
            if (status < 0x80) {
                status = running;
                --r.pos;
            }
            if (status == 0xFF) {
                const std::uint8_t type = r.u8();
                const std::uint32_t length = r.vlq();
                if (type == 0x51 && length == 3) {
                    detail::RawEvent e{tick, {}, r.be(3)};
                    raw.push_back(e);
                } else {
                    r.pos += length;
                }
            } else if (status == 0xF0 || status == 0xF7) {
                r.pos += r.vlq();
            } else {
                running = status;
                Event e;
                e.status = status;
                e.data1 = r.u8();
                const auto kind = static_cast<std::uint8_t>(status & 0xF0);
                if (kind != 0xC0 && kind != 0xD0) e.data2 = r.u8();
                e.track = static_cast<int>(t);
                raw.push_back({tick, e, 0});
            }
        }
        r.pos = end;
    }
    std::stable_sort(raw.begin(), raw.end(), [](const auto& a, const auto& b) { return a.tick < b.tick; });
    std::vector<Event> events;
    double seconds = 0.0;
    double seconds_per_tick = 0.5 / division;
    std::uint64_t last_tick = 0;
    for (const auto& e : raw) {
        seconds += static_cast<double>(e.tick - last_tick) * seconds_per_tick;
        last_tick = e.tick;
        if (e.tempo != 0) {
            seconds_per_tick = e.tempo * 1e-6 / division;
            continue;
        }
        Event out = e.event;
        out.seconds = seconds;
        events.push_back(out);
    }
    return events;
}

// Writes events as a type 0 file at 120 bpm with 960 ticks per quarter (0.52 ms per tick).
inline void write_file(const std::string& path, std::vector<Event> events) {
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.seconds < b.seconds; });
    std::vector<unsigned char> track;
    auto vlq = [&](std::uint32_t v) {
        unsigned char buffer[5];
        int n = 0;
        buffer[n++] = static_cast<unsigned char>(v & 0x7Fu);
        while (v >>= 7) buffer[n++] = static_cast<unsigned char>((v & 0x7Fu) | 0x80u);
        while (n > 0) track.push_back(buffer[--n]);
    };
    const double ticks_per_second = 1920.0;
    track.insert(track.end(), {0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20});  // 500000 us per quarter
    std::int64_t last = 0;
    for (const Event& e : events) {
        const std::int64_t tick = std::max<std::int64_t>(last, std::llround(std::max(0.0, e.seconds) * ticks_per_second));
        vlq(static_cast<std::uint32_t>(tick - last));
        last = tick;
        track.push_back(e.status);
        track.push_back(e.data1);
        const auto kind = static_cast<std::uint8_t>(e.status & 0xF0);
        if (kind != 0xC0 && kind != 0xD0) track.push_back(e.data2);
    }
    track.insert(track.end(), {0x00, 0xFF, 0x2F, 0x00});
    std::vector<unsigned char> file{'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0x03, 0xC0, 'M', 'T', 'r', 'k'};
    const auto length = static_cast<std::uint32_t>(track.size());
    for (int shift = 24; shift >= 0; shift -= 8) file.push_back(static_cast<unsigned char>((length >> shift) & 0xFFu));
    file.insert(file.end(), track.begin(), track.end());
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace tunesmith::midi_events
