import ArgumentParser
import BridgeEvents

// Contract enums as command-line values: ArgumentParser lists their cases in help and completions
// and rejects anything else with a usage error naming the accepted values.
extension NodeType: ExpressibleByArgument {}
