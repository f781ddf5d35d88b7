#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

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

    private static func clock() -> (second: Int, nanoseconds: Int) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return (Int(now.tv_sec), Int(now.tv_nsec))
    }

    private static func format(_ second: Int, _ pattern: String, utc: Bool) -> String {
        var seconds = time_t(second)
        var parts = tm()
        if utc { gmtime_r(&seconds, &parts) } else { localtime_r(&seconds, &parts) }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The text of the last second asked for.
    private final class SecondCache: Sendable {
        private let state = Mutex<(second: Int, text: String)>((-1, ""))

        func text(for second: Int, make: () -> String) -> String {
            if let text = state.withLock({ $0.second == second ? $0.text : nil }) { return text }
            let text = make()
            state.withLock { $0 = (second, text) }
            return text
        }
    }
}
