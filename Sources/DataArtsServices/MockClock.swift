import DataArtsLocking

/// The time the mock believes it is: the real time, or a moment a test froze it at.
///
/// Creation and update times and the signature date window all read this clock, so a frozen
/// clock makes them reproducible.
public final class MockClock: Sendable {
    private let frozenAt = Locked<Int64?>(nil)

    public init() {}

    /// Milliseconds since the Unix epoch.
    public var nowMilliseconds: Int64 {
        frozenAt.withLock { $0 } ?? Self.realMilliseconds()
    }

    public var isFrozen: Bool {
        frozenAt.withLock { $0 != nil }
    }

    public func freeze(atMilliseconds milliseconds: Int64) {
        frozenAt.withLock { $0 = milliseconds }
    }

    public func release() {
        frozenAt.withLock { $0 = nil }
    }

    public static func realMilliseconds() -> Int64 {
        let now = realTime()
        return now.seconds * 1000 + now.nanoseconds / 1_000_000
    }

    /// Milliseconds on a clock that never jumps, for measuring durations.
    public static func monotonicMilliseconds() -> Double {
        let now = monotonicTime()
        return Double(now.seconds) * 1000 + Double(now.nanoseconds) / 1_000_000
    }
}
