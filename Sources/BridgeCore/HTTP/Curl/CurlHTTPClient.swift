import Foundation

/// An HTTP/1.1 client over libcurl with bounded parallelism: `maximumConnections` worker threads,
/// each owning one easy handle (so one kept-alive connection per origin), take requests from one
/// FIFO queue. `curl_easy_perform` blocks, so it runs only on those dedicated threads; callers
/// `await` a continuation and never block the cooperative pool. Cancelling the calling task removes
/// a queued request or aborts a running one (within about a second, libcurl's progress interval).
public final class CurlHTTPClient: Sendable {
    public struct Configuration: Sendable {
        /// Requests in flight at once (worker threads, easy handles, connections).
        public var maximumConnections: Int
        public var connectTimeout: Duration
        /// Default limit for a whole exchange; a request may set its own.
        public var requestTimeout: Duration
        public var userAgent: String

        public init(
            maximumConnections: Int = 8, connectTimeout: Duration = .seconds(3),
            requestTimeout: Duration = .seconds(10),
            userAgent: String = "bridgectl"
        ) {
            self.maximumConnections = max(1, maximumConnections)
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.userAgent = userAgent
        }
    }

    public let configuration: Configuration
    private let queue = CurlWorkQueue()

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        _ = CurlGlobal.initialized
        for index in 0..<configuration.maximumConnections {
            let thread = Thread { [queue, configuration] in
                Self.work(queue: queue, configuration: configuration)
            }
            thread.name = "bridgectl-curl-\(index)"
            thread.start()
        }
    }

    deinit {
        queue.close(workers: configuration.maximumConnections)
    }

    /// Fails what is queued with `.shutDown` and lets the worker threads exit after their current
    /// request. Also done when the client is released.
    public func shutdown() {
        queue.close(workers: configuration.maximumConnections)
    }

    /// libcurl's version string, for diagnostics.
    public static var libraryVersion: String { CurlGlobal.version }

    /// Sends `request` and returns whatever status came back; throws only when no response did.
    public func send(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        let job = CurlJob(request: request)
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    guard job.attach(continuation) else { return }
                    if !queue.enqueue(job) { job.finish(.failure(.shutDown)) }
                }
            } onCancel: {
                job.cancel()
            }
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw .cancelled
        }
    }

    /// A worker thread's life: one easy handle, requests one after another until the queue closes.
    private static func work(queue: CurlWorkQueue, configuration: Configuration) {
        let handle = CurlEasyHandle(configuration: configuration)
        while let job = queue.next() {
            guard job.start() else { continue }
            guard let handle else {
                job.finish(.failure(.transport(url: job.request.url, reason: "libcurl could not create a handle")))
                continue
            }
            job.finish(handle.perform(job))
        }
    }
}
