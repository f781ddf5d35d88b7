import DataArtsSigning
import Testing

struct SDKDateTests {
    @Test(arguments: [
        ("19700101T000000Z", Int64(0)),
        ("20250101T000000Z", 1_735_689_600),
        ("20261129T053436Z", 1_795_930_476),
        ("20000229T235959Z", 951_868_799),
        ("19691231T235959Z", -1),
        ("00010101T000000Z", -62_135_596_800),
        ("99991231T235959Z", 253_402_300_799),
        ("21000301T000000Z", 4_107_542_400),
    ])
    func parsesAndFormatsKnownMoments(text: String, seconds: Int64) throws {
        let date = try #require(SDKDate(text))
        #expect(date.secondsSinceEpoch == seconds)
        #expect(SDKDate(secondsSinceEpoch: seconds).description == text)
    }

    @Test func fourHundredYearsOfDatesRoundTrip() {
        // 1900-01-01 to 2299-12-31 covers every leap rule; steps of 5 days, 1 hour and 37 seconds
        // land on every day of the month and vary the time.
        var failures: [Int64] = []
        var seconds: Int64 = -2_208_988_800
        while seconds < 10_413_792_000 {
            let date = SDKDate(secondsSinceEpoch: seconds)
            if SDKDate(date.description) != date { failures.append(seconds) }
            seconds += 5 * 86_400 + 3_637
        }
        #expect(failures.isEmpty)
    }

    @Test func millisecondsRoundDownToTheSecond() {
        #expect(SDKDate(millisecondsSinceEpoch: 1_735_689_600_999).description == "20250101T000000Z")
        #expect(SDKDate(millisecondsSinceEpoch: -1).description == "19691231T235959Z")
    }

    @Test(arguments: [
        "", "20250101T000000", "20250101T000000ZZ", "2025-01-01T00:00:00Z", "20250101t000000Z",
        "20250101T000000z", "20250101 000000Z", " 20250101T000000Z", "20250101T000000Z ",
        "2025010lT000000Z", "+0250101T000000Z", "20251301T000000Z", "20250001T000000Z",
        "20250100T000000Z", "20250132T000000Z", "20250229T000000Z", "21000229T000000Z",
        "20250431T000000Z", "20250101T240000Z", "20250101T006000Z", "20250101T000060Z",
        "00000101T000000Z", "２0250101T000000Z",
    ])
    func rejectsMalformedText(text: String) {
        #expect(SDKDate(text) == nil)
    }

    @Test func acceptsLeapDays() {
        #expect(SDKDate("20240229T120000Z") != nil)
        #expect(SDKDate("20000229T120000Z") != nil)
    }

    @Test func ordersByTime() throws {
        #expect(try #require(SDKDate("20250101T000000Z")) < #require(SDKDate("20250101T000001Z")))
    }
}
