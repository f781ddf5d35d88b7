import DataArtsLocking

/// Log-line times, each formatted once a second: every access-log line needs one, and
/// formatting per line (a date formatter per JSON line) showed in profiles.
enum LogTimestamp {
    private static let local = SecondCache()
    private static let utc = SecondCache()

    /// Local time, `2026-12-01T19:54:54+0000`: swift-log's `StreamLogHandler` format.
    static func now() -> String {
        let second = clock().second
        return local.text(for: second) { format(second, "%Y-%m-%dT%H:%M:%S%z", utc: false) }
    }

    /// UTC with milliseconds, `2026-12-01T19:54:54.123Z` (ISO 8601, as the JSON lines had it).
    static func nowUTCMilliseconds() -> String {
        let (second, nanoseconds) = clock()
        let milliseconds = String(nanoseconds / 1_000_000)
        let base = utc.text(for: second) { format(second, "%Y-%m-%dT%H:%M:%S", utc: true) }
        return base + "." + String(repeating: "0", count: 3 - milliseconds.count) + milliseconds + "Z"
    }

    private static func clock() -> (second: Int, nanoseconds: Int) { wallClock() }

    private static func format(_ second: Int, _ pattern: String, utc: Bool) -> String {
        calendarText(second, pattern, utc: utc)
    }

    /// The text of the last second asked for.
    private final class SecondCache: Sendable {
        private let state = Locked<(second: Int, text: String)>((-1, ""))

        func text(for second: Int, make: () -> String) -> String {
            if let text = state.withLock({ $0.second == second ? $0.text : nil }) { return text }
            let text = make()
            state.withLock { $0 = (second, text) }
            return text
        }
    }
}
