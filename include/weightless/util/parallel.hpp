// Runs tasks 0..n-1 on up to `threads` threads, task t on thread t % threads, so which thread computes what never
// depends on timing (each task writes only its own outputs, so results are the same for any thread count).
// One thread, or a build without threads (Emscripten without pthreads), runs them in order on the caller's thread.
#pragma once
#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace wl {

template <class Fn>
void parallel_tasks(size_t n, unsigned threads, Fn&& task) {
#ifdef __EMSCRIPTEN__
    threads = 1;
#endif
    if (threads <= 1 || n <= 1) {
        for (size_t t = 0; t < n; ++t) task(t);
        return;
    }
    threads = static_cast<unsigned>(std::min<size_t>(threads, n));  // no idle threads (task t still on thread t)
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < threads; ++w)
        pool.emplace_back([&, w] {
            try {
                for (size_t t = w; t < n; t += threads) task(t);
            } catch (...) {
                errors[w] = std::current_exception();
            }
        });
    for (auto& th : pool) th.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace wl
