import DataArtsLocking

/// Log-line times, each formatted once a second: every access-log line needs one, and
/// formatting per line (a date formatter per JSON line) showed in profiles. Each thread keeps
/// its own last second: one cache shared by the event loops was a lock that both took for
/// every line.
enum LogTimestamp {
    private static let local = ThreadLocal<SecondCache>()
    private static let utc = ThreadLocal<SecondCache>()

    /// Local time, `2026-12-01T19:54:54+0000`: swift-log's `StreamLogHandler` format.
    static func now() -> String {
        let second = clock().second
        return local.current(orMake: SecondCache.init).text(for: second) { format(second, "%Y-%m-%dT%H:%M:%S%z", utc: false) }
    }

    /// UTC with milliseconds, `2026-12-01T19:54:54.123Z` (ISO 8601, as the JSON lines had it).
    static func nowUTCMilliseconds() -> String {
        let (second, nanoseconds) = clock()
        let milliseconds = String(nanoseconds / 1_000_000)
        let base = utc.current(orMake: SecondCache.init).text(for: second) { format(second, "%Y-%m-%dT%H:%M:%S", utc: true) }
        return base + "." + String(repeating: "0", count: 3 - milliseconds.count) + milliseconds + "Z"
    }

    private static func clock() -> (second: Int, nanoseconds: Int) { wallClock() }

    private static func format(_ second: Int, _ pattern: String, utc: Bool) -> String {
        calendarText(second, pattern, utc: utc)
    }

    /// The text of the last second one thread asked for.
    private final class SecondCache {
        private var second = -1
        private var text = ""

        func text(for second: Int, make: () -> String) -> String {
            if second != self.second {
                text = make()
                self.second = second
            }
            return text
        }
    }
}
