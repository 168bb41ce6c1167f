// Test fixtures for audio input: synthetic signals and encoded files built in code (WAV bytes by
// hand, FLAC/OGG through libsndfile, M4A/MP3 through the ffmpeg command when present).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sndfile.h>

#include "audio/buffer.h"

namespace tunesmith::testing_audio {

inline std::vector<float> sine(double hz, double seconds, int rate, double amplitude = 0.5) {
    const auto n = static_cast<std::size_t>(std::llround(seconds * rate));
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i) / rate));
    return out;
}

inline AudioBuffer stereo_sine(double hz, double seconds, int rate) {
    AudioBuffer buffer;
    buffer.rate = SampleRate(rate);
    buffer.channels = {sine(hz, seconds, rate, 0.5), sine(hz, seconds, rate, 0.25)};
    return buffer;
}

inline void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
inline void put_u16(std::vector<std::uint8_t>& out, std::uint16_t v) {
    out.push_back(static_cast<std::uint8_t>(v & 0xFF));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
}

// A canonical RIFF/WAVE file: 16-bit PCM, or 32-bit IEEE float when `float_samples`.
inline std::vector<std::uint8_t> wav_bytes(const AudioBuffer& buffer, bool float_samples = false) {
    const auto channels = static_cast<std::uint16_t>(buffer.channel_count());
    const std::uint16_t bytes_per_sample = float_samples ? 4 : 2;
    const auto data_size = static_cast<std::uint32_t>(buffer.frames() * channels * bytes_per_sample);
    std::vector<std::uint8_t> out;
    const std::string riff = "RIFF", wave = "WAVEfmt ", data = "data";
    out.insert(out.end(), riff.begin(), riff.end());
    put_u32(out, 36 + data_size);
    out.insert(out.end(), wave.begin(), wave.end());
    put_u32(out, 16);
    put_u16(out, float_samples ? 3 : 1);
    put_u16(out, channels);
    put_u32(out, static_cast<std::uint32_t>(buffer.rate.hz));
    put_u32(out, static_cast<std::uint32_t>(buffer.rate.hz) * channels * bytes_per_sample);
    put_u16(out, static_cast<std::uint16_t>(channels * bytes_per_sample));
    put_u16(out, static_cast<std::uint16_t>(8 * bytes_per_sample));
    out.insert(out.end(), data.begin(), data.end());
    put_u32(out, data_size);
    for (std::size_t i = 0; i < buffer.frames(); ++i) {
        for (const auto& channel : buffer.channels) {
            if (float_samples) {
                std::uint32_t bits;
                std::memcpy(&bits, &channel[i], 4);
                put_u32(out, bits);
            } else {
                const double clamped = std::clamp(static_cast<double>(channel[i]), -1.0, 32767.0 / 32768.0);
                put_u16(out, static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(clamped * 32768.0))));
            }
        }
    }
    return out;
}

inline std::filesystem::path temp_path(const std::string& name) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string prefix = info ? std::string(info->test_suite_name()) + "_" + info->name() : "fixture";
    return std::filesystem::path(::testing::TempDir()) / ("tunesmith_" + prefix + "_" + name);
}

inline void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream file(path, std::ios::binary);
    file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

inline std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Encodes through libsndfile (format e.g. SF_FORMAT_FLAC | SF_FORMAT_PCM_16) and returns the bytes.
inline std::vector<std::uint8_t> sndfile_bytes(const AudioBuffer& buffer, int format, const std::string& name) {
    const auto path = temp_path(name);
    SF_INFO info{};
    info.samplerate = buffer.rate.hz;
    info.channels = static_cast<int>(buffer.channel_count());
    info.format = format;
    SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
    if (!file) return {};
    std::vector<float> interleaved(buffer.frames() * buffer.channel_count());
    for (std::size_t i = 0; i < buffer.frames(); ++i)
        for (std::size_t c = 0; c < buffer.channel_count(); ++c)
            interleaved[i * buffer.channel_count() + c] = buffer.channels[c][i];
    sf_writef_float(file, interleaved.data(), static_cast<sf_count_t>(buffer.frames()));
    sf_close(file);
    auto bytes = read_bytes(path);
    std::filesystem::remove(path);
    return bytes;
}

// Encodes a WAV file with the ffmpeg command (e.g. codec "aac" into "x.m4a"); nullopt when the
// command is missing or fails.
inline std::optional<std::filesystem::path> ffmpeg_encode(const AudioBuffer& buffer, const std::string& name,
                                                          const std::string& codec) {
    const auto wav = temp_path(name + ".src.wav");
    const auto out = temp_path(name);
    write_bytes(wav, wav_bytes(buffer));
    const std::string command = "ffmpeg -nostdin -loglevel error -y -i '" + wav.string() + "' -c:a " + codec +
                                " '" + out.string() + "' >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    std::filesystem::remove(wav);
    if (status != 0 || !std::filesystem::exists(out)) return std::nullopt;
    return out;
}

// Frequency from the count of rising zero crossings over the middle of the signal.
inline double zero_crossing_frequency(const std::vector<float>& x, int rate) {
    if (x.size() < 4) return 0.0;
    const std::size_t begin = x.size() / 10, end = x.size() - x.size() / 10;
    std::size_t first = 0, last = 0, count = 0;
    for (std::size_t i = begin + 1; i < end; ++i) {
        if (x[i - 1] < 0.0f && x[i] >= 0.0f) {
            if (count == 0) first = i;
            last = i;
            ++count;
        }
    }
    if (count < 2) return 0.0;
    return static_cast<double>(count - 1) * rate / static_cast<double>(last - first);
}

}  // namespace tunesmith::testing_audio
