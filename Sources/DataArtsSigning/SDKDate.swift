/// An `X-Sdk-Date` value: one UTC second, written `YYYYMMDDTHHMMSSZ` (`20250101T000000Z`).
///
/// Converted to and from the Unix epoch with days-from-civil arithmetic on the proleptic
/// Gregorian calendar, so this module needs no Foundation.
public struct SDKDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// The second that holds `milliseconds` since the epoch (rounded down), e.g. a clock reading.
    public init(millisecondsSinceEpoch milliseconds: Int64) {
        secondsSinceEpoch = Self.floorDivide(milliseconds, by: 1000).quotient
    }

    /// Parses exactly 16 ASCII characters `YYYYMMDDTHHMMSSZ`: year 0001–9999, a day that exists
    /// in its month, hour 00–23, minute and second 00–59 (no leap second), `T` and `Z` upper-case.
    /// Returns nil for anything else, including surrounding spaces.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[4..<6]),
              let day = Self.number(bytes[6..<8]), let hour = Self.number(bytes[9..<11]),
              let minute = Self.number(bytes[11..<13]), let second = Self.number(bytes[13..<15]),
              (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysInMonth(month, of: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        secondsSinceEpoch = days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// `YYYYMMDDTHHMMSSZ`. A year outside 1–9999 is written with the digits it needs, which
    /// `init?(_:)` does not read back.
    public var description: String {
        let (days, secondOfDay) = Self.floorDivide(secondsSinceEpoch, by: 86_400)
        let (year, month, day) = Self.civil(fromDays: days)
        return Self.padded(year, 4) + Self.padded(month, 2) + Self.padded(day, 2) + "T"
            + Self.padded(secondOfDay / 3_600, 2) + Self.padded(secondOfDay / 60 % 60, 2)
            + Self.padded(secondOfDay % 60, 2) + "Z"
    }

    public static func < (lhs: SDKDate, rhs: SDKDate) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    // MARK: - Calendar arithmetic (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms")

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(_ month: Int64, of year: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Quotient and remainder with the quotient rounded towards negative infinity, so the
    /// remainder is never negative: a moment before 1970 still falls in the right second and day.
    static func floorDivide(_ value: Int64, by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
