/// Consul's health statuses (`api.HealthPassing`, …).
enum DevConsulCheckStatus {
    static let passing = "passing"
    static let warning = "warning"
    static let critical = "critical"

    static func isValid(_ status: String) -> Bool {
        status == passing || status == warning || status == critical
    }
}
