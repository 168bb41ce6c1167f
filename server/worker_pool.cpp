// The worker pool: a mutex-guarded FIFO of job ids, N threads that run them, per-job stop flags
// and a running mean of job time for the Retry-After estimate.
#include "server/worker_pool.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace tunesmith::server {

WorkerPool::WorkerPool(int workers, std::size_t queue_limit, RunFn run) : limit_(queue_limit), run_(std::move(run)) {
    const int count = std::max(1, workers);
    threads_.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& [id, flag] : running_) flag->store(StopReason::shutdown);
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
}

bool WorkerPool::submit(const std::string& id) {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= limit_) return false;
        queue_.push_back(id);
    }
    wake_.notify_one();
    return true;
}

void WorkerPool::submit_recovered(const std::string& id) {
    {
        const std::lock_guard lock(mutex_);
        queue_.push_back(id);
    }
    wake_.notify_one();
}

WorkerPool::CancelOutcome WorkerPool::cancel(const std::string& id) {
    const std::lock_guard lock(mutex_);
    const auto queued = std::find(queue_.begin(), queue_.end(), id);
    if (queued != queue_.end()) {
        queue_.erase(queued);
        return CancelOutcome::dequeued;
    }
    const auto running = running_.find(id);
    if (running == running_.end()) return CancelOutcome::not_found;
    running->second->store(StopReason::cancelled);
    return CancelOutcome::signalled;
}

std::size_t WorkerPool::queued() const {
    const std::lock_guard lock(mutex_);
    return queue_.size();
}

std::size_t WorkerPool::running() const {
    const std::lock_guard lock(mutex_);
    return running_.size();
}

int WorkerPool::retry_after_seconds() const {
    const std::lock_guard lock(mutex_);
    // A queue slot frees when the next running job ends: about one mean job time per worker.
    const double seconds = mean_job_seconds_ / static_cast<double>(threads_.size());
    return std::clamp(static_cast<int>(std::ceil(seconds)), 1, 3600);
}

void WorkerPool::work() {
    for (;;) {
        std::string id;
        std::shared_ptr<std::atomic<StopReason>> stop;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            id = queue_.front();
            queue_.pop_front();
            stop = std::make_shared<std::atomic<StopReason>>(StopReason::none);
            running_[id] = stop;
        }
        const auto started = std::chrono::steady_clock::now();
        run_(id, *stop);  // the run function records every outcome itself and does not throw
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::lock_guard lock(mutex_);
        running_.erase(id);
        ++finished_jobs_;
        mean_job_seconds_ += (seconds - mean_job_seconds_) / std::min(finished_jobs_, 20);
    }
}

}  // namespace tunesmith::server
