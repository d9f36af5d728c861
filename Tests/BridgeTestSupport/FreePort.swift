import BridgeCore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Free TCP ports on 127.0.0.1 for tests, chosen below the kernel's ephemeral range (32768–60999 here):
/// a test that stops a server and starts it again on the same port (PostgreSQL, the dev agent, the
/// broker) must not find the port taken meanwhile by some client connection's local end, which the
/// kernel picks from the ephemeral range. Ports already handed out in this process are never handed
/// out twice.
public enum FreePort {
    private static let handedOut = Mutex<Set<Int>>([])
    private static let range = 20_000..<32_768

    public static func allocate() -> Int {
        for _ in 0..<1_000 {
            let port = Int.random(in: range)
            guard canBind(port) else { continue }
            let isNew = handedOut.withLock { ports in ports.insert(port).inserted }
            if isNew { return port }
        }
        fatalError("no free port in \(range) after 1,000 attempts")
    }

    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0, "socket() failed")
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        return bound == 0
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func isListening(_ port: Int) -> Bool { LoopbackPort.isListening(port) }
}
