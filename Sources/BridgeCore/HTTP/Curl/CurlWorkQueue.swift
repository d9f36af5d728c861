import Dispatch
import Synchronization

/// The jobs shared by a client's worker threads: FIFO, each job taken by exactly one worker. Workers
/// block on a semaphore (they are dedicated threads, never the cooperative pool).
final class CurlWorkQueue: Sendable {
    private struct Jobs {
        var items: [CurlJob] = []
        var head = 0
        var closed = false

        mutating func pop() -> CurlJob? {
            guard head < items.count else { return nil }
            let job = items[head]
            head += 1
            if head > 1024, head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    private let jobs = Mutex(Jobs())
    private let available = DispatchSemaphore(value: 0)

    /// Queues `job`; false when the queue is closed.
    func enqueue(_ job: CurlJob) -> Bool {
        let accepted = jobs.withLock { jobs -> Bool in
            guard !jobs.closed else { return false }
            jobs.items.append(job)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Blocks the calling (worker) thread until a job is available; nil once the queue is closed.
    func next() -> CurlJob? {
        while true {
            available.wait()
            let (job, closed) = jobs.withLock { jobs in (jobs.pop(), jobs.closed) }
            if let job { return job }
            if closed { return nil }
        }
    }

    /// Closes the queue, fails what is still queued, and wakes `workers` threads so they exit.
    func close(workers: Int) {
        let abandoned = jobs.withLock { jobs -> [CurlJob] in
            jobs.closed = true
            let rest = Array(jobs.items[jobs.head...])
            jobs.items = []
            jobs.head = 0
            return rest
        }
        for job in abandoned { job.finish(.failure(.shutDown)) }
        for _ in 0..<workers { available.signal() }
    }
}
