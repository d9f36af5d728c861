import BridgeCore
import Testing

@Suite("dev up: the flow lines")
struct DevFlowStateTests {
    @Test func eachStoreChangeIsOneLine() {
        var flow = DevFlowState()
        let row = DevFlowState.Row(nodeType: "orchestrator", healthStatus: "healthy")
        #expect(flow.update(checks: [:], rows: [:]).isEmpty)
        #expect(flow.update(checks: ["a": "passing"], rows: [:]) == ["consul      a: registered, check passing"])
        #expect(
            flow.update(checks: ["a": "passing"], rows: ["a": row]) == [
                "postgresql  a (orchestrator): row written, healthy"
            ])
        #expect(flow.update(checks: ["a": "passing"], rows: ["a": row]).isEmpty, "nothing changed, nothing said")
        var stale = row
        stale.healthStatus = "stale"
        #expect(
            flow.update(checks: ["a": "critical"], rows: ["a": stale]) == [
                "consul      a (orchestrator): check passing → critical",
                "postgresql  a (orchestrator): healthy → stale",
            ])
        #expect(
            flow.update(checks: [:], rows: [:]) == ["consul      a: service removed", "postgresql  a: deregistered"])
    }
}
