import DataArtsLocking

/// IMF-fixdate for the `Date` header (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`,
/// formatted once a second rather than once a response.
final class HTTPDate: Sendable {
    private let cache = Locked<(second: Int, text: String)>((-1, ""))

    /// The current second's date.
    func now() -> String {
        let second = Self.currentSecond()
        if let cached = cache.withLock({ $0.second == second ? $0.text : nil }) { return cached }
        let text = Self.format(second)
        cache.withLock { $0 = (second, text) }
        return text
    }

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ second: Int) -> String {
        let parts = Self.utcCalendarFields(of: second)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[parts.weekday]), \(two(parts.day)) \(months[parts.month]) \(parts.year) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }

    /// A moment's UTC calendar fields, as `gmtime_r` gives them: `weekday` 0 for Sunday,
    /// `month` 0 for January, `year` in full.
    struct CalendarFields {
        var weekday: Int
        var day: Int
        var month: Int
        var year: Int
        var hour: Int
        var minute: Int
        var second: Int
    }
}
