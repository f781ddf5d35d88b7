/// A mock-clock reading written as IAM and CDM write times, in UTC without Foundation:
/// `2020-01-04T09:08:49.965000Z` (IAM, microseconds) or `2018-09-05T08:38:25` (CDM).
public struct ISOTimestamp: Sendable {
    public let milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ` (SPEC §8.2).
    public var iam: String {
        let fraction = (milliseconds % 1000 + 1000) % 1000
        return seconds + "." + Self.padded(fraction * 1000, 6) + "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS` (the CDM doc sample, SPEC §8.4).
    public var seconds: String {
        let totalSeconds = Self.floorDivide(milliseconds, 1000)
        let days = Self.floorDivide(totalSeconds, 86_400)
        let secondOfDay = totalSeconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        return Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) + "T"
            + Self.padded(secondOfDay / 3_600, 2) + ":" + Self.padded(secondOfDay / 60 % 60, 2) + ":"
            + Self.padded(secondOfDay % 60, 2)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    /// H. Hinnant's civil-from-days (proleptic Gregorian), as `SDKDate` uses.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
