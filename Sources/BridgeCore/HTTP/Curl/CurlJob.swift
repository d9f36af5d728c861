import Synchronization

/// One request waiting for, or running on, a worker of `CurlHTTPClient`, with the continuation that
/// delivers its result exactly once, however cancellation and completion race.
final class CurlJob: Sendable {
    typealias Continuation = CheckedContinuation<HTTPClientResponse, any Error>

    private enum State {
        case created
        case queued(Continuation)
        case running(Continuation)
        /// Cancelled before a continuation was attached.
        case cancelledEarly
        case finished
    }

    let request: HTTPClientRequest
    private let state = Mutex<State>(.created)
    /// Read by libcurl's progress callback on the worker thread while the transfer runs.
    private let abortRequested = Atomic<Bool>(false)

    init(request: HTTPClientRequest) {
        self.request = request
    }

    /// Attaches the caller's continuation. Returns false (having resumed it with `.cancelled`) when
    /// the task was already cancelled, in which case the job must not be queued.
    func attach(_ continuation: Continuation) -> Bool {
        let attached = state.withLock { state -> Bool in
            guard case .created = state else { return false }
            state = .queued(continuation)
            return true
        }
        if !attached { continuation.resume(throwing: HTTPClientError.cancelled) }
        return attached
    }

    /// Called by a worker before performing; false means the job was cancelled while queued.
    func start() -> Bool {
        state.withLock { state in
            guard case .queued(let continuation) = state else { return false }
            state = .running(continuation)
            return true
        }
    }

    var isAbortRequested: Bool { abortRequested.load(ordering: .relaxed) }

    func cancel() {
        let continuation = state.withLock { state -> Continuation? in
            switch state {
            case .created:
                state = .cancelledEarly
                return nil
            case .queued(let continuation):
                state = .finished
                return continuation
            case .running:
                abortRequested.store(true, ordering: .relaxed)
                return nil
            case .cancelledEarly, .finished:
                return nil
            }
        }
        continuation?.resume(throwing: HTTPClientError.cancelled)
    }

    /// Delivers the result, unless it was delivered already (a job failed at shutdown).
    func finish(_ result: Result<HTTPClientResponse, HTTPClientError>) {
        let continuation = state.withLock { state -> Continuation? in
            switch state {
            case .queued(let continuation), .running(let continuation):
                state = .finished
                return continuation
            case .created, .cancelledEarly, .finished:
                return nil
            }
        }
        continuation?.resume(with: result.mapError { $0 as any Error })
    }
}
