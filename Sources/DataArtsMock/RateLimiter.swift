import DataArtsServices
import DataArtsLocking

/// The gateway's throttle (SPEC §5): at most `perSecond` requests per API and second.
final class RateLimiter: Sendable {
    let perSecond: Int
    private let windows = Locked<[String: (second: Int64, count: Int)]>([:])

    init(perSecond: Int) {
        self.perSecond = perSecond
    }

    /// Counts a request to `api`; false when this second's allowance is used up.
    func allow(_ api: String) -> Bool {
        let second = Int64(MockClock.monotonicMilliseconds() / 1000)
        return windows.withLock { windows in
            var window = windows[api] ?? (second, 0)
            if window.second != second { window = (second, 0) }
            window.count += 1
            windows[api] = window
            return window.count <= perSecond
        }
    }
}
