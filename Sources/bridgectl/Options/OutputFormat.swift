import ArgumentParser

/// `--output`: how data is printed. Tables fit 80 columns; `ndjson` and `raw` are for streams.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, ndjson, raw
}
