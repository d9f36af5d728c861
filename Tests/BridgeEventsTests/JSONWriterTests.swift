import BridgeEvents
import Foundation
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test func integersIncludingTheExtremes() {
        for value: Int64 in [0, 7, -7, 10, 1_234_567_890, .max, .min] {
            #expect(JSONWriter.string(.int(value)) == String(value))
        }
        #expect(JSONWriter.string(.double(3)) == "3.0")
        #expect(JSONWriter.string(.double(-0.25)) == "-0.25")
        #expect(JSONWriter.string(.double(.nan)) == "null")
    }

    @Test func stringsAreEscapedAndMultiByteTextKept() {
        let text = "q\"b\\n\nr\rt\tb\u{08}f\u{0C}c\u{01}\u{1F}é漢🚀\u{7F}"
        let written = JSONWriter.string(.string(text))
        #expect(written == #""q\"b\\n\nr\rt\tb\bf\fc\u0001\u001fé漢🚀\#u{7F}""#)
        // Foundation's parser reads back exactly the original.
        let parsed = try? JSONSerialization.jsonObject(with: Data(written.utf8), options: [.fragmentsAllowed])
        #expect(parsed as? String == text)
        #expect(JSONWriter.bytes(.string(text)) == Array(written.utf8))
    }

    @Test func objectsHaveSortedKeysAndRoundTrip() throws {
        let value: JSONValue = ["b": [1, 2.5, nil, true], "a": ["z": "x", "y": false], "": "empty"]
        let written = JSONWriter.string(value)
        #expect(written == #"{"":"empty","a":{"y":false,"z":"x"},"b":[1,2.5,null,true]}"#)
        #expect(try JSONParser.parse(written) == value)
    }
}
