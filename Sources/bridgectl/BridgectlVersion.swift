/// The version `bridgectl --version` prints and events carry as `source_version`.
enum BridgectlVersion {
    static let current = "0.1.0"
}
