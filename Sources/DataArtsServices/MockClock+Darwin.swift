#if canImport(Darwin)
import Darwin

/// The clock calls of `MockClock` on macOS (clock_gettime exists since 10.12; not compiled here, checked by reading).
extension MockClock {
    /// The wall clock: seconds and nanoseconds since the Unix epoch.
    static func realTime() -> (seconds: Int64, nanoseconds: Int64) {
        var now = timespec()
        _ = clock_gettime(CLOCK_REALTIME, &now)
        return (Int64(now.tv_sec), Int64(now.tv_nsec))
    }

    /// A clock that never jumps, from an arbitrary start.
    static func monotonicTime() -> (seconds: Int64, nanoseconds: Int64) {
        var now = timespec()
        _ = clock_gettime(CLOCK_MONOTONIC, &now)
        return (Int64(now.tv_sec), Int64(now.tv_nsec))
    }
}
#endif
