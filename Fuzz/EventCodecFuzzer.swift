// libFuzzer entry point for the wire contract (BridgeEvents alone). Built outside SwiftPM by
// scripts/fuzz with `swiftc -sanitize=fuzzer,address`, together with Sources/BridgeEvents/*.swift.
//
// Besides "no crash, no hang", it checks two properties on every input the decoder accepts:
// the writer's bytes decode again to the same event, and every rejection has the contract's form.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventCodec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let event = try EventCodec.decode(bytes)
        let again: EventEnvelope
        do {
            again = try EventCodec.decode(EventCodec.encode(event))
        } catch {
            fatalError("writer output was rejected: \(error)")
        }
        precondition(again == event, "round trip changed the event")
    } catch {
        let text = error.description
        precondition(text.hasPrefix("envelope") || text.hasPrefix("payload"), "bad path: \(text)")
        precondition(!text.contains("\n"), "multi-line message: \(text)")
    }
    return 0
}
