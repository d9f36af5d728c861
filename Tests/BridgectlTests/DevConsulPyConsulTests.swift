import BridgeTestSupport
import Foundation
import Testing

/// The dev agent driven by `py-consul`, a Consul client that is not ours: register with a TTL check,
/// TTL pass, catalog, health (passing), filters, a blocking read, KV and deregister, each step
/// asserted by the script (which exits non-zero on the first failure and prints why).
@Suite("dev consul with the py-consul client", .serialized)
struct DevConsulPyConsulTests {
    static let script = #"""
        import os, sys, time
        os.environ.pop("CONSUL_HTTP_TOKEN", None)
        os.environ.pop("CONSUL_HTTP_ADDR", None)
        import consul

        port = int(sys.argv[1])
        token = sys.argv[2] if len(sys.argv) > 2 else None
        c = consul.Consul(host="127.0.0.1", port=port, token=token)

        def step(name, condition, detail=""):
            if not condition:
                print(f"FAIL {name}: {detail!r}")
                sys.exit(1)
            print(f"ok {name}")

        c.agent.service.register(
            "pyweb", service_id="pyweb-1", address="127.0.0.1", port=8080, tags=["py"],
            meta={"lang": "python"}, check=consul.Check.ttl("30s"))
        services = c.agent.services()
        step("register", services.get("pyweb-1", {}).get("Service") == "pyweb", services)
        checks = c.agent.checks()
        step("ttl check starts critical", checks["service:pyweb-1"]["Status"] == "critical", checks)
        _, nodes = c.health.service("pyweb", passing=True)
        step("health passing empty before the pass", nodes == [], nodes)

        c.agent.check.ttl_pass("service:pyweb-1", "all good")
        check = c.agent.checks()["service:pyweb-1"]
        step("ttl pass", check["Status"] == "passing" and check["Output"] == "all good", check)

        index, nodes = c.catalog.service("pyweb")
        step("catalog service", len(nodes) == 1 and nodes[0]["ServiceID"] == "pyweb-1"
             and nodes[0]["ServicePort"] == 8080 and nodes[0]["ServiceMeta"] == {"lang": "python"}, nodes)
        step("catalog index", int(index) >= 1, index)
        _, nodes = c.health.service("pyweb", passing=True)
        step("health service passing", len(nodes) == 1 and nodes[0]["Service"]["ID"] == "pyweb-1"
             and all(check["Status"] == "passing" for check in nodes[0]["Checks"]), nodes)

        _, nodes = c.catalog.service("pyweb", filter_expr='ServiceMeta.lang == "python" and "py" in ServiceTags')
        step("filter keeps", len(nodes) == 1, nodes)
        _, nodes = c.health.service("pyweb", filter_expr='Checks.Status == "critical"')
        step("filter drops", nodes == [], nodes)

        started = time.monotonic()
        same, nodes = c.catalog.service("pyweb", index=index, wait="1s")
        elapsed = time.monotonic() - started
        step("blocking read times out unchanged", same == index and len(nodes) == 1 and elapsed >= 0.9, (same, index, elapsed))

        step("kv put", c.kv.put("py/key", "value") is True)
        _, entry = c.kv.get("py/key")
        step("kv get", entry is not None and entry["Value"] == b"value", entry)

        c.agent.service.deregister("pyweb-1")
        step("deregister", "pyweb-1" not in c.agent.services())
        _, nodes = c.catalog.service("pyweb")
        step("catalog empty after deregister", nodes == [], nodes)

        if token:
            anonymous = consul.Consul(host="127.0.0.1", port=port)
            try:
                anonymous.agent.service.register("denied")
                step("anonymous register denied", False, "no error")
            except consul.ACLPermissionDenied as error:
                step("anonymous register denied", "Permission denied" in str(error), str(error))
        print("ALL OK")
        """#

    func run(_ agentArguments: [String], scriptArguments: [String]) async throws {
        let python: URL
        switch try await PyConsul.prepare() {
        case .ready(let found):
            python = found
        case .unavailable(let reason):
            if ProcessInfo.processInfo.environment[PyConsul.allowMissingVariable] == "1" {
                try Test.cancel("py-consul could not be installed (\(PyConsul.allowMissingVariable)=1): \(reason)")
            }
            Issue.record(
                "py-consul could not be installed; set \(PyConsul.allowMissingVariable)=1 to skip instead: \(reason)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("py-consul-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptFile = directory.appendingPathComponent("drive_dev_consul.py")
        try Data(Self.script.utf8).write(to: scriptFile)

        let agent = try await DevConsulProcess.start(agentArguments)
        let process: SpawnedProcess
        do {
            process = try SpawnedProcess(
                executable: python, arguments: [scriptFile.path, String(agent.port)] + scriptArguments)
            let status = try await process.waitForExit(timeout: 60)
            #expect(status == 0, "py-consul script failed:\n\(process.stdout)\n\(process.stderr)")
        } catch {
            await agent.stop()
            throw error
        }
        await agent.stop()
        let steps = process.stdout.split(separator: "\n")
        #expect(steps.last == "ALL OK", "\(process.stdout)")
        #expect(!steps.contains { $0.hasPrefix("FAIL") })
        #expect(steps.contains("ok ttl pass"))
        #expect(steps.contains("ok health service passing"))
        #expect(steps.contains("ok deregister"))
    }

    @Test func pyConsulRegistersPassesReadsAndDeregisters() async throws {
        try await run([], scriptArguments: [])
    }

    @Test func pyConsulWorksWithACLsThroughItsToken() async throws {
        try await run(["--token", "py-secret-token"], scriptArguments: ["py-secret-token"])
    }
}
