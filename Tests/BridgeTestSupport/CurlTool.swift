import Foundation

/// The `curl` command-line tool, for conformance tests that must not go through our own HTTP
/// client: one request per run, returning status, headers and body exactly as they came.
public enum CurlTool {
    public struct Response: Sendable {
        public let status: Int
        /// Header names lowercased; the last block only (after any `100 Continue`).
        public let headers: [String: String]
        public let body: String

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Sends one request. `body` nil sends none; "" sends an empty body with Content-Length 0.
    public static func request(
        _ method: String, _ url: String, body: String? = nil, headers: [String] = [], timeout: Double = 30
    ) async throws -> Response {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bridgectl-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let headerFile = directory.appendingPathComponent("headers")
        let bodyFile = directory.appendingPathComponent("body")
        var arguments = [
            "-sS", "--max-time", String(Int(timeout)), "-X", method, "-D", headerFile.path, "-o", bodyFile.path, "-w",
            "%{http_code}",
        ]
        if let body {
            let requestFile = directory.appendingPathComponent("request")
            try Data(body.utf8).write(to: requestFile)
            arguments += ["--data-binary", "@" + requestFile.path]
        }
        for header in headers { arguments += ["-H", header] }
        arguments.append(url)
        let process = try SpawnedProcess(executable: URL(fileURLWithPath: "/usr/bin/curl"), arguments: arguments)
        let exit = try await process.waitForExit(timeout: timeout + 5)
        guard exit == 0, let status = Int(process.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "curl \(method) \(url) exited \(exit): \(process.stderr)")
        }
        let rawHeaders = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        // Keep the last header block (a `100 Continue` block may come first).
        let blocks = rawHeaders.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }
        var parsed: [String: String] = [:]
        for line in (blocks.last ?? "").components(separatedBy: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let responseBody = (try? String(contentsOf: bodyFile, encoding: .utf8)) ?? ""
        return Response(status: status, headers: parsed, body: responseBody)
    }

    public static func get(_ url: String) async throws -> Response { try await request("GET", url) }

    public static func put(_ url: String, _ body: String? = nil) async throws -> Response {
        try await request("PUT", url, body: body)
    }
}
