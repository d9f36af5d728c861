@preconcurrency import CLibPQ
import Dispatch
import Foundation
import Logging

/// One libpq connection. Every libpq call runs on the connection's own serial queue, never on Swift's
/// cooperative pool; callers await the result. Statements are parameterized (`$1`…, text values)
/// and prepared once per connection. A connection that went away is re-established with backoff
/// for up to `reconnectFor` before a statement fails with exit 69.
///
/// `@unchecked Sendable`: the PGconn handle and the prepared-statement cache are touched only on
/// `queue`, which serialises all access.
public final class PostgresConnection: @unchecked Sendable {
    public let settings: PostgresSettings
    private let logger: Logger
    private let queue: DispatchQueue
    private var connection: OpaquePointer?
    private var prepared: [String: String] = [:]
    private let noticeSink: NoticeSink

    /// How long statements keep trying to reconnect before failing.
    public var reconnectFor: Duration

    private init(settings: PostgresSettings, logger: Logger, reconnectFor: Duration) {
        self.settings = settings
        self.logger = logger
        self.reconnectFor = reconnectFor
        self.queue = DispatchQueue(label: "bridgectl.postgres")
        self.noticeSink = NoticeSink(logger: logger)
    }

    deinit {
        if let connection { PQfinish(connection) }
    }

    /// Connects, failing with exit 69 within `connectTimeoutSeconds` when the server is unreachable.
    public static func connect(
        _ settings: PostgresSettings, logger: Logger, connectTimeoutSeconds: Int = 5,
        reconnectFor: Duration = .seconds(0)
    ) async throws(BridgeError) -> PostgresConnection {
        let connection = PostgresConnection(settings: settings, logger: logger, reconnectFor: reconnectFor)
        try await connection.onQueue { () throws(BridgeError) in
            try connection.open(connectTimeoutSeconds: connectTimeoutSeconds)
        }
        return connection
    }

    /// Runs `sql` with text parameters (nil = NULL) and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) async throws(BridgeError) -> PostgresResult {
        let deadline = ContinuousClock.now + reconnectFor
        var backoff = RetryBackoff(baseSeconds: 0.05, capSeconds: 2)
        var generator = SystemRandomNumberGenerator()
        while true {
            do {
                return try await onQueue { () throws(StatementFailure) in try self.run(sql, parameters) }
            } catch {
                switch error {
                case .statement(let message, let state):
                    throw PostgresError.statement(message, sqlState: state)
                case .connection(let message):
                    guard ContinuousClock.now < deadline else {
                        throw PostgresError.unavailable(settings, message)
                    }
                    let delay = backoff.nextDelay(using: &generator)
                    logger.warning(
                        "postgres connection lost; reconnecting",
                        metadata: ["postgres.error": "\(PostgresError.oneLine(message))", "retry.in_s": "\(delay)"])
                    try? await Task.sleep(for: .seconds(delay))
                }
            }
        }
    }

    /// Runs `body` inside BEGIN … COMMIT (ROLLBACK on error).
    public func transaction<T: Sendable>(
        _ body: (PostgresConnection) async throws(BridgeError) -> T
    ) async throws(BridgeError) -> T {
        try await execute("BEGIN")
        do {
            let value = try await body(self)
            try await execute("COMMIT")
            return value
        } catch {
            _ = try? await execute("ROLLBACK")
            throw error
        }
    }

    /// The server's version string (`SHOW server_version`).
    public func serverVersion() async throws(BridgeError) -> String {
        try await execute("SHOW server_version").rows.first?.first.flatMap { $0 } ?? "unknown"
    }

    // MARK: on the queue

    private func onQueue<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(E) in try body() })
            }
        }
        return try result.get()
    }

    private func open(connectTimeoutSeconds: Int) throws(BridgeError) {
        // Defaults first: what the connection string itself says (it is expanded in place of
        // dbname) overrides them.
        let keywords = ["connect_timeout", "application_name", "client_encoding", "dbname"]
        let values = [String(connectTimeoutSeconds), "bridgectl", "UTF8", settings.connectionString]
        let handle = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else { throw PostgresError.unavailable(settings, "out of memory") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle))
            PQfinish(handle)
            throw PostgresError.unavailable(settings, message)
        }
        connection = handle
        PQsetNoticeProcessor(
            handle,
            { opaque, message in
                guard let opaque, let message else { return }
                Unmanaged<NoticeSink>.fromOpaque(opaque).takeUnretainedValue().receive(String(cString: message))
            }, Unmanaged.passUnretained(noticeSink).toOpaque())
        prepared = [:]
    }

    enum StatementFailure: Error {
        case connection(String)
        case statement(String, sqlState: String?)
    }

    private func run(_ sql: String, _ parameters: [String?]) throws(StatementFailure) -> PostgresResult {
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            try reset()
            return try run(sql, parameters)
        }
        let name: String
        if let existing = prepared[sql] {
            name = existing
        } else {
            name = "s\(prepared.count + 1)"
            guard let result = PQprepare(connection, name, sql, Int32(parameters.count), nil) else {
                throw connectionFailure()
            }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COMMAND_OK else {
                throw failure(of: result)
            }
            prepared[sql] = name
        }
        let result = withOptionalCStrings(parameters) { pointers in
            PQexecPrepared(connection, name, Int32(parameters.count), pointers, nil, nil, 0)
        }
        guard let result else { throw connectionFailure() }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw failure(of: result)
        }
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var rows: [[String?]] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            rows.append(
                (0..<columnCount).map { column in
                    PQgetisnull(result, Int32(row), Int32(column)) == 1
                        ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
                })
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? rowCount
        return PostgresResult(columns: columns, rows: rows, affectedRows: affected)
    }

    private func failure(of result: OpaquePointer) -> StatementFailure {
        if let connection, PQstatus(connection) != CONNECTION_OK { return connectionFailure() }
        let message = String(cString: PQresultErrorMessage(result))
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        // 08xxx: connection exceptions; 57P01-03: the server is shutting down or restarting.
        if let state, state.hasPrefix("08") || state.hasPrefix("57P") {
            return .connection(message)
        }
        return .statement(message, sqlState: state)
    }

    private func connectionFailure() -> StatementFailure {
        .connection(connection.map { String(cString: PQerrorMessage($0)) } ?? "not connected")
    }

    private func reset() throws(StatementFailure) {
        prepared = [:]
        if let connection {
            PQreset(connection)
            if PQstatus(connection) == CONNECTION_OK {
                logger.info("postgres connection re-established", metadata: ["postgres.target": "\(settings)"])
                return
            }
            throw connectionFailure()
        }
        do {
            try open(connectTimeoutSeconds: 5)
        } catch {
            throw .connection(error.message)
        }
    }
}

/// Receives the server's NOTICE messages and logs them (libpq prints them to stderr otherwise).
final class NoticeSink: Sendable {
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func receive(_ message: String) {
        logger.notice("postgres notice", metadata: ["postgres.notice": "\(PostgresError.oneLine(message))"])
    }
}

/// Calls `body` with NUL-terminated copies of `strings`, freed afterwards.
func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return body(copies.map { UnsafePointer($0) } + [nil])
}

/// The same for optional strings, where nil stays a NULL pointer (SQL NULL).
func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    return body(copies.map { UnsafePointer($0) })
}
