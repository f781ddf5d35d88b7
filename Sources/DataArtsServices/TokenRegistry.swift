import DataArtsLocking

/// Every token the mock's IAM issued, so the gateway can tell one of them from "any non-empty
/// token" (SPEC §8.2): bound to its project and user, refused once expired.
///
/// Values are 131 characters: `MII` (as the vendor's PKI tokens begin) and 128 random bits
/// four times in hex. Unseeded they come from the system's generator, so they cannot be
/// guessed from other ids; under `--seed` from a stream of their own, so a run repeats.
/// Expired tokens are kept (an expired token must answer "token expires", not pass as an
/// unknown one in permissive mode) up to `capacity`, beyond which the oldest are forgotten.
public final class TokenRegistry: Sendable {
    public let capacity: Int
    private let clock: MockClock
    private let seeded: Locked<SplitMix64?>
    private let state = Locked<State>(State())

    private struct State {
        var byValue: [String: IssuedToken] = [:]
        var order: [String] = []
    }

    public init(clock: MockClock, seed: UInt64? = nil, capacity: Int = 100_000) {
        self.clock = clock
        self.capacity = max(1, capacity)
        seeded = Locked(seed.map { SplitMix64(seed: $0 ^ 0x70C3_E115_5EED_0011) })
    }

    /// Issues a token at the mock clock's now.
    public func issue(userName: String, methods: [String], scope: IssuedToken.Scope) -> IssuedToken {
        let token = IssuedToken(
            value: "MII" + (0..<8).map { _ in Self.hex(nextRandom()) }.joined(),
            userName: userName, methods: methods, scope: scope, issuedAt: clock.nowMilliseconds)
        state.withLock { state in
            state.byValue[token.value] = token
            state.order.append(token.value)
            if state.order.count > capacity {
                let dropped = state.order.count - capacity + capacity / 10
                for value in state.order.prefix(dropped) { state.byValue[value] = nil }
                state.order.removeFirst(min(dropped, state.order.count))
            }
        }
        return token
    }

    /// The token with this value, expired or not; nil if the mock never issued it (or forgot it).
    public func token(_ value: String) -> IssuedToken? {
        state.withLock { $0.byValue[value] }
    }

    /// The token if it exists and has not expired on the mock clock.
    public func validToken(_ value: String) -> IssuedToken? {
        guard let token = token(value), !token.hasExpired(at: clock.nowMilliseconds) else { return nil }
        return token
    }

    public var count: Int {
        state.withLock { $0.byValue.count }
    }

    /// Forgets every token (a full reset, SPEC §8.5).
    public func reset() {
        state.withLock { $0 = State() }
    }

    private func nextRandom() -> UInt64 {
        seeded.withLock { generator -> UInt64 in
            if var seeded = generator {
                defer { generator = seeded }
                return seeded.next()
            }
            var system = SystemRandomNumberGenerator()
            return system.next()
        }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
