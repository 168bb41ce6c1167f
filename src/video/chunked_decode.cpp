// IDR-chunked decoding on a pool of workers: the reading thread cuts chunks and keeps a bounded
// number in flight, the workers decode them, and the reading thread stamps the results in order.
#include "video/chunked_decode.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tunesmith {
namespace {

namespace fs = std::filesystem;

// A chunk is at least this many packets (GOPs shorter than that are joined): each chunk costs a
// drained and flushed decoder, and an intra-only stream would otherwise make one chunk a frame.
constexpr std::size_t kMinChunkPackets = 48;

struct Chunk {
    std::vector<ffmpeg::PacketHandle> packets;
};

struct DecodedChunk {
    std::vector<std::int64_t> pts;  // per picture, in output order
    std::vector<std::vector<std::uint8_t>> pictures;
    std::vector<std::int64_t> skimmed;  // packets not decoded (skimming)
    std::int64_t corrupt_packets = 0;
    std::exception_ptr error;
};

// Frame threads of each worker's decoder: a stream with few IDR pictures is one long chunk, and
// then the worker decoding it is as fast as one decoder with frame threads (a single-threaded
// worker took 1.6x as long on a 60 s 1080p stream with one IDR).
constexpr int kThreadsPerWorker = 2;

// One worker's decoder, drained and flushed after every chunk.
class ChunkDecoder {
public:
    ChunkDecoder(const fs::path& path, const AVStream& stream, const DecodeOptions& options)
        : options_(options), stream_(stream), codec_(open_video_decoder(path, stream, kThreadsPerWorker)),
          frame_(av_frame_alloc()), scaler_(options.width, options.height) {
        if (!frame_) throw std::runtime_error("cannot allocate a frame");
    }

    DecodedChunk decode(const Chunk& chunk) {
        DecodedChunk out;
        PacketSkimmer skimmer(stream_, options_);  // skimming starts afresh in every chunk
        auto drain = [&] {
            while (avcodec_receive_frame(codec_.get(), frame_.get()) >= 0) {
                std::vector<std::uint8_t> picture;
                scaler_.scale(*frame_, picture);
                skimmer.decoded(picture);
                out.pts.push_back(frame_->best_effort_timestamp);
                out.pictures.push_back(std::move(picture));
                av_frame_unref(frame_.get());
            }
        };
        for (const auto& packet : chunk.packets) {
            if (skimmer.skips(*packet)) {
                out.skimmed.push_back(packet->pts);
                continue;
            }
            if (avcodec_send_packet(codec_.get(), packet.get()) < 0) ++out.corrupt_packets;
            drain();
        }
        avcodec_send_packet(codec_.get(), nullptr);
        drain();
        avcodec_flush_buffers(codec_.get());  // ready for the next chunk
        return out;
    }

private:
    const DecodeOptions& options_;
    const AVStream& stream_;
    ffmpeg::CodecHandle codec_;
    ffmpeg::FrameHandle frame_;
    PictureScaler scaler_;
};

// Workers decoding submitted chunks; results are taken back in submission order. The destructor
// stops and joins the workers (after the chunks they are decoding).
class ChunkPool {
public:
    ChunkPool(int workers, const fs::path& path, const AVStream& stream, const DecodeOptions& options) {
        for (int i = 0; i < workers; ++i) decoders_.push_back(std::make_unique<ChunkDecoder>(path, stream, options));
        for (auto& decoder : decoders_) threads_.emplace_back([this, d = decoder.get()] { work(*d); });
    }
    ChunkPool(const ChunkPool&) = delete;
    ChunkPool& operator=(const ChunkPool&) = delete;
    ~ChunkPool() {
        {
            const std::lock_guard lock(mutex_);
            stop_ = true;
        }
        work_ready_.notify_all();
        for (auto& thread : threads_) thread.join();
    }

    void submit(Chunk chunk) {
        {
            const std::lock_guard lock(mutex_);
            queue_.emplace_back(submitted_++, std::move(chunk));
        }
        work_ready_.notify_one();
    }

    DecodedChunk take_next() {
        std::unique_lock lock(mutex_);
        done_ready_.wait(lock, [&] { return done_.count(taken_) > 0; });
        const auto found = done_.find(taken_++);
        DecodedChunk result = std::move(found->second);
        done_.erase(found);
        return result;
    }

    std::size_t in_flight() const { return submitted_ - taken_; }

private:
    void work(ChunkDecoder& decoder) {
        for (;;) {
            std::pair<std::size_t, Chunk> job;
            {
                std::unique_lock lock(mutex_);
                work_ready_.wait(lock, [&] { return stop_ || !queue_.empty(); });
                if (stop_) return;
                job = std::move(queue_.front());
                queue_.pop_front();
            }
            DecodedChunk result;
            try {
                result = decoder.decode(job.second);
            } catch (...) {
                result.error = std::current_exception();
            }
            {
                const std::lock_guard lock(mutex_);
                done_.emplace(job.first, std::move(result));
            }
            done_ready_.notify_all();
        }
    }

    std::vector<std::unique_ptr<ChunkDecoder>> decoders_;
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable done_ready_;
    std::deque<std::pair<std::size_t, Chunk>> queue_;
    std::map<std::size_t, DecodedChunk> done_;
    bool stop_ = false;
    std::size_t submitted_ = 0;  // touched by the reading thread only
    std::size_t taken_ = 0;      // likewise
};

int worker_count(const DecodeOptions& options) {
    if (options.threads > 0) return options.threads;
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

bool use_chunks(const AVStream& stream, const DecodeOptions& options) {
    return options.parallel_chunks && stream.codecpar->codec_id == AV_CODEC_ID_H264 && worker_count(options) > 1;
}

void decode_in_chunks(AVFormatContext& input, int video_index, const fs::path& path, const DecodeOptions& options,
                      FrameStamper& stamper, const Reporter& reporter, double total_seconds) {
    const AVStream& stream = *input.streams[video_index];
    const int workers = worker_count(options);
    const NalFormat nal_format = h264_nal_format(stream.codecpar->extradata, stream.codecpar->extradata_size);
    ChunkPool pool(workers, path, stream, options);
    DecodeProgress progress(reporter, total_seconds);
    auto stamp = [&](DecodedChunk chunk) {
        if (chunk.error) std::rethrow_exception(chunk.error);
        stamper.summary().corrupt_packets += chunk.corrupt_packets;
        for (std::int64_t pts : chunk.skimmed) stamper.skimmed(pts);
        for (std::size_t i = 0; i < chunk.pictures.size(); ++i) stamper.take(chunk.pts[i], chunk.pictures[i]);
        progress.at(stamper.summary().last_frame_time);
    };
    // Chunks in flight (queued, decoding or done but not stamped) bound the memory: a few chunks of
    // packets and of analysis pictures.
    const auto limit = static_cast<std::size_t>(workers) + 2;
    Chunk current;
    ffmpeg::PacketHandle packet(av_packet_alloc());
    if (!packet) throw std::runtime_error("cannot allocate a packet");
    while (av_read_frame(&input, packet.get()) >= 0) {
        if (packet->stream_index != video_index) {
            av_packet_unref(packet.get());
            continue;
        }
        const bool starts_chunk = (packet->flags & AV_PKT_FLAG_KEY) != 0 && current.packets.size() >= kMinChunkPackets &&
                                  h264_is_idr(packet->data, packet->size, nal_format);
        if (starts_chunk) {
            ++stamper.summary().chunks;
            pool.submit(std::move(current));
            current = Chunk{};
            while (pool.in_flight() >= limit) stamp(pool.take_next());
        }
        ffmpeg::PacketHandle kept(av_packet_alloc());
        if (!kept) throw std::runtime_error("cannot allocate a packet");
        av_packet_move_ref(kept.get(), packet.get());
        if (av_packet_make_refcounted(kept.get()) < 0) throw std::runtime_error("cannot keep a packet");
        current.packets.push_back(std::move(kept));
    }
    if (!current.packets.empty()) ++stamper.summary().chunks, pool.submit(std::move(current));
    while (pool.in_flight() > 0) stamp(pool.take_next());
}

}  // namespace tunesmith
