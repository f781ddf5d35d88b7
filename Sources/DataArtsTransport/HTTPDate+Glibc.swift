#if canImport(Glibc)
import Glibc

/// The libc calls of `HTTPDate` on Linux.
extension HTTPDate {
    /// Seconds since the Unix epoch.
    static func currentSecond() -> Int {
        Int(time(nil))
    }

    static func utcCalendarFields(of second: Int) -> CalendarFields {
        var seconds = time_t(second)
        var parts = tm()
        _ = gmtime_r(&seconds, &parts)
        return CalendarFields(
            weekday: Int(parts.tm_wday), day: Int(parts.tm_mday), month: Int(parts.tm_mon), year: 1900 + Int(parts.tm_year),
            hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }
}
#endif
