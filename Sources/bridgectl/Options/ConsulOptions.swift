import ArgumentParser
import BridgeCore

/// `--consul` and `--consul-token` for every Consul-using command.
struct ConsulOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Consul HTTP address (default: CONSUL_HTTP_ADDR, else CONSUL_HOST:CONSUL_PORT, else 127.0.0.1:8500).")
    var consul: String?

    @Option(name: .long, help: "Consul ACL token (default: CONSUL_HTTP_TOKEN); never printed.")
    var consulToken: String?

    func settings(_ source: ConfigurationSource = .process()) throws(BridgeError) -> ConsulSettings {
        try ConsulSettings.resolve(address: consul, token: consulToken, source: source)
    }
}
