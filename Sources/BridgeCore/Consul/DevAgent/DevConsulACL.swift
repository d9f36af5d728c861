/// The dev agent's ACL system when `--token` is given: default deny, one management token and the
/// anonymous token, nothing else (contract §7). Who a request is, and whether it may do something,
/// are decided here without I/O; the secret itself is never logged or echoed.
struct DevConsulACL: Sendable {
    /// The management token's secret; nil: ACLs are off and every token is accepted and ignored.
    private let managementSecret: String?

    enum Identity: Sendable, Equatable {
        /// ACLs off, or the management token: may do anything.
        case unrestricted
        /// No token: under default deny, may do nothing, and lists come back filtered.
        case anonymous
    }

    static let anonymousAccessorID = "00000000-0000-0000-0000-000000000002"

    init(managementToken: String?) {
        managementSecret = managementToken.flatMap { $0.isEmpty ? nil : $0 }
    }

    var isEnabled: Bool { managementSecret != nil }

    /// The token a request carries, in Consul's order: `?token=`, `X-Consul-Token`,
    /// `Authorization: Bearer <token>`; "" when none.
    static func token(of request: HTTPServerRequest) -> String {
        if let token = request.query.first("token"), !token.isEmpty { return token }
        if let token = request.header("X-Consul-Token"), !token.isEmpty { return token }
        if let authorization = request.header("Authorization") {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                if let token = parts[1].split(separator: " ").first { return String(token) }
            }
        }
        return ""
    }

    /// Resolves a secret: "" is anonymous; an unknown secret is 403 `ACL not found`.
    func identity(for secret: String) throws(DevConsulError) -> Identity {
        guard let managementSecret else { return .unrestricted }
        if secret.isEmpty { return .anonymous }
        guard Self.constantTimeEquals(secret, managementSecret) else {
            throw DevConsulError(status: 403, message: "ACL not found")
        }
        return .unrestricted
    }

    /// Requires `permission` (`service:write`, `key:read`, …) on `resource`, with Consul's 403 text.
    func require(_ identity: Identity, _ permission: String, on resource: String) throws(DevConsulError) {
        guard identity == .anonymous else { return }
        throw DevConsulError(
            status: 403,
            message:
                "Permission denied: token with AccessorID '\(Self.anonymousAccessorID)' lacks permission '\(permission)' on \(GoText.quote(resource))"
        )
    }

    /// Whether list endpoints show this identity anything (anonymous under default deny: nothing).
    func mayRead(_ identity: Identity) -> Bool { identity == .unrestricted }

    /// Compares without stopping at the first difference, so timing does not leak the secret.
    private static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
