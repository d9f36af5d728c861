/// The environment a registry or node serves (`--environment` › `ENVIRONMENT` › `dev`).
public enum EnvironmentName {
    public static let defaultName = "dev"

    public static func resolve(_ flag: String?, source: ConfigurationSource) throws(BridgeError) -> String {
        let name = source.flagOrEnvironment(flag, "ENVIRONMENT") ?? defaultName
        let valid =
            (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-")
            }
        guard valid else {
            throw .usage("Environment '\(name)' is not valid; accepted: 1-64 characters of A-Z a-z 0-9 _ -.")
        }
        return name
    }
}
