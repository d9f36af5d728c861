import BridgeCore
import Testing

@Suite("dev broker: admin requests, broker selection, configuration checks")
struct DevBrokerAdminTests {
    @Test func adminRequestsParse() throws {
        #expect(try DevBrokerAdminRequest.parse(method: "GET", path: "/brokers").get() == .status)
        #expect(
            try DevBrokerAdminRequest.parse(method: "POST", path: "/brokers/all/down").get() == .set(.all, up: false))
        #expect(
            try DevBrokerAdminRequest.parse(method: "POST", path: "/brokers/2/up").get() == .set(.broker(2), up: true))
        #expect(
            try DevBrokerAdminRequest.parse(method: "POST", path: "/brokers/2/up?x=1").get()
                == .set(.broker(2), up: true))
        for (method, path, status) in [
            ("GET", "/brokers/all/down", 404), ("POST", "/brokers/x/down", 400), ("DELETE", "/brokers", 404),
            ("POST", "/brokers/0/up", 400),
        ] {
            guard case .failure(let problem) = DevBrokerAdminRequest.parse(method: method, path: path) else {
                Issue.record("accepted \(method) \(path)")
                continue
            }
            #expect(problem.status == status)
        }
        for request in [DevBrokerAdminRequest.status, .set(.all, up: true), .set(.broker(3), up: false)] {
            let (method, path) = request.methodAndPath
            #expect(try DevBrokerAdminRequest.parse(method: method, path: path).get() == request)
        }
    }

    @Test func brokerSelectionIsAnIdOrAll() throws {
        #expect(try BrokerSelection(parsing: "all") == .all)
        #expect(try BrokerSelection(parsing: "3") == .broker(3))
        for bad in ["0", "-1", "one", ""] {
            #expect(throws: BridgeError.self) { try BrokerSelection(parsing: bad) }
        }
    }

    @Test func configurationIsChecked() {
        let topics = TopicNames().all
        #expect(throws: Never.self) { try DevBrokerConfiguration(topics: topics).validate() }
        #expect(DevBrokerConfiguration(brokerCount: 5, topics: topics).replicationFactor == 3)
        for bad in [
            DevBrokerConfiguration(port: 70_000, topics: topics),
            DevBrokerConfiguration(brokerCount: 0, topics: topics),
            DevBrokerConfiguration(partitions: 0, topics: topics),
            DevBrokerConfiguration(adminPort: -1, topics: topics),
        ] {
            #expect(throws: BridgeError.self) { try bad.validate() }
        }
        #expect(DevBroker.retentionCap.contains("5 MiB or 100,000 message sets per partition"))
    }
}
