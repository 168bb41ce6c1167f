// A bounded pool of job workers: N threads take job ids from a FIFO queue of at most `limit`
// waiting jobs (a full queue refuses new work; the HTTP layer answers 429). Each running job has a
// cancel flag the job polls between pipeline stages. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tunesmith::server {

// Why a running job is asked to stop.
enum class StopReason { none, cancelled, shutdown };

class WorkerPool {
public:
    // Runs one job; `stop` turns non-none when the job should stop at its next stage boundary.
    using RunFn = std::function<void(const std::string& id, const std::atomic<StopReason>& stop)>;

    WorkerPool(int workers, std::size_t queue_limit, RunFn run);
    // Asks running jobs to stop (StopReason::shutdown), leaves queued ones, joins the threads.
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // False when the queue is full.
    bool submit(const std::string& id);
    // Enqueues past the limit: jobs recovered at start-up are never refused.
    void submit_recovered(const std::string& id);

    enum class CancelOutcome { dequeued, signalled, not_found };
    CancelOutcome cancel(const std::string& id);

    std::size_t queued() const;
    std::size_t running() const;
    int workers() const { return static_cast<int>(threads_.size()); }
    std::size_t queue_limit() const { return limit_; }
    // Seconds until a queue slot is likely free: mean job time / workers (at least 1).
    int retry_after_seconds() const;

private:
    void work();

    std::size_t limit_;
    RunFn run_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> queue_;
    std::map<std::string, std::shared_ptr<std::atomic<StopReason>>> running_;
    double mean_job_seconds_ = 10.0;  // running mean of finished jobs; a guess until the first ends
    int finished_jobs_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace tunesmith::server
