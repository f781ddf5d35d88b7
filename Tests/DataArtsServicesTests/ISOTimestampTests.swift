import DataArtsServices
import Testing

@Suite struct ISOTimestampTests {
    @Test func iamTimesCarryMicrosecondsAndZ() {
        #expect(ISOTimestamp(milliseconds: 1_578_128_929_965).iam == "2020-01-04T09:08:49.965000Z")
        #expect(ISOTimestamp(milliseconds: 0).iam == "1970-01-01T00:00:00.000000Z")
    }

    @Test func cdmTimesStopAtTheSecond() {
        #expect(ISOTimestamp(milliseconds: 1_536_136_705_000).seconds == "2018-09-05T08:38:25")
    }

    @Test func leapDaysAndTimesBeforeTheEpochAreCivilDates() {
        #expect(ISOTimestamp(milliseconds: 1_709_164_800_000).seconds == "2024-02-29T00:00:00")
        #expect(ISOTimestamp(milliseconds: -1).iam == "1969-12-31T23:59:59.999000Z")
    }
}
