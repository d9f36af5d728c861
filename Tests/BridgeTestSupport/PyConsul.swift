import Foundation

/// `py-consul` (a Consul client that is not ours) in a Python virtual environment cached at
/// `.build/py-consul-venv`, for tests that check the dev agent against a third-party client.
/// The venv is built in a temporary sibling and renamed into place, so an interrupted install never
/// leaves a half-built cache; only `bin/python` is used afterwards (it survives the rename).
public enum PyConsul {
    public enum Availability: Sendable {
        case ready(python: URL)
        /// pip could not install it (no index reachable): the reason, pip's last lines included.
        case unavailable(String)
    }

    /// Set to 1 to let tests skip, instead of fail, when PyPI is unreachable.
    public static let allowMissingVariable = "BRIDGECTL_ALLOW_NO_PYPI"

    public static var cacheDirectory: URL {
        // Tests/BridgeTestSupport/PyConsul.swift → the package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/py-consul-venv")
    }

    /// The cached venv's python if `import consul` works there; otherwise builds the venv
    /// (`python3 -m venv`, `pip install py-consul`) and tries again.
    public static func prepare() async throws -> Availability {
        let python = cacheDirectory.appendingPathComponent("bin/python")
        if try await imports(python) { return .ready(python: python) }
        let staging = cacheDirectory.deletingLastPathComponent().appendingPathComponent(
            "py-consul-venv.partial-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        let venv = try SpawnedProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-m", "venv", staging.path])
        guard try await venv.waitForExit(timeout: 120) == 0 else {
            return .unavailable("python3 -m venv failed: \(venv.stderr.suffix(500))")
        }
        let stagedPython = staging.appendingPathComponent("bin/python")
        let pip = try SpawnedProcess(
            executable: stagedPython,
            arguments: ["-m", "pip", "install", "--disable-pip-version-check", "-q", "py-consul"])
        guard try await pip.waitForExit(timeout: 300) == 0 else {
            return .unavailable("pip install py-consul failed: \(pip.stderr.suffix(800))")
        }
        try? FileManager.default.removeItem(at: cacheDirectory)
        try FileManager.default.moveItem(at: staging, to: cacheDirectory)
        guard try await imports(python) else {
            return .unavailable("py-consul installed but 'import consul' fails in \(cacheDirectory.path)")
        }
        return .ready(python: python)
    }

    private static func imports(_ python: URL) async throws -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        let check = try SpawnedProcess(executable: python, arguments: ["-c", "import consul"])
        return try await check.waitForExit(timeout: 60) == 0
    }
}
