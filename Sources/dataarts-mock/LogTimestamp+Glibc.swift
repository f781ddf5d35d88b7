#if canImport(Glibc)
import Glibc

/// The clock and calendar calls of `LogTimestamp` on Linux.
extension LogTimestamp {
    /// The wall clock: whole seconds since the Unix epoch and the nanoseconds past them.
    static func wallClock() -> (second: Int, nanoseconds: Int) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return (Int(now.tv_sec), Int(now.tv_nsec))
    }

    /// `second` in `strftime`'s `pattern`, in UTC or the local time zone.
    static func calendarText(_ second: Int, _ pattern: String, utc: Bool) -> String {
        var seconds = time_t(second)
        var parts = tm()
        if utc { gmtime_r(&seconds, &parts) } else { localtime_r(&seconds, &parts) }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
#endif
