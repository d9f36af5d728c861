import BridgeEvents
import Testing

@Suite("Timestamps and UUIDs")
struct TimestampAndUUIDTests {
    @Test(arguments: [
        ("2026-11-24T23:26:42.123456+00:00", "2026-11-24T23:26:42.123456+00:00"),
        ("2026-11-24T23:26:42Z", "2026-11-24T23:26:42.000000+00:00"),
        ("2026-11-24t23:26:42.5z", "2026-11-24T23:26:42.500000+00:00"),
        ("2026-11-24 23:26:42.123456", "2026-11-24T23:26:42.123456+00:00"),
        ("2026-11-24T23:26:42.123456789Z", "2026-11-24T23:26:42.123456+00:00"),
        ("2026-11-25T01:26:42+02:00", "2026-11-24T23:26:42.000000+00:00"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000000+00:00"),
        ("1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999+00:00"),
    ])
    func parsesAndFormats(_ input: String, _ expected: String) throws {
        let timestamp = try #require(EventTimestamp(parsing: input))
        #expect(timestamp.formatted == expected)
    }

    @Test(arguments: [
        "", "2026-11-24", "2026-11-24T23:26", "2026-11-24T24:00:00Z", "2023-02-29T00:00:00Z", "2026-11-24T23:26:42.Z",
        "2026-11-24T23:26:42+0000", "2026-11-24T23:26:42 UTC", "26-11-24T23:26:42Z",
    ])
    func rejects(_ input: String) {
        #expect(EventTimestamp(parsing: input) == nil)
    }

    @Test func orderingFollowsTheInstant() throws {
        let a = try #require(EventTimestamp(parsing: "2026-11-24T23:26:42.000001Z"))
        let b = try #require(EventTimestamp(parsing: "2026-11-25T01:26:42.000002+02:00"))
        #expect(a < b)
    }

    @Test func uuidsParseEitherCaseAndWriteLowerCase() throws {
        let uuid = try #require(EventUUID(parsing: "C6A3D1DE-8A7E-4F59-B2D2-1B9F3F4E0C55"))
        #expect(uuid.description == "c6a3d1de-8a7e-4f59-b2d2-1b9f3f4e0c55")
        #expect(EventUUID(parsing: "c6a3d1de8a7e4f59b2d21b9f3f4e0c55") == nil)
        #expect(EventUUID(parsing: "g6a3d1de-8a7e-4f59-b2d2-1b9f3f4e0c55") == nil)
    }

    @Test func randomUUIDsAreVersion4AndDistinct() throws {
        let ids = (0..<1000).map { _ in EventUUID.random() }
        #expect(Set(ids).count == 1000)
        for id in ids.prefix(10) {
            let text = id.description
            #expect(Array(text)[14] == "4")
            #expect("89ab".contains(Array(text)[19]))
            #expect(EventUUID(parsing: text) == id)
        }
    }
}
