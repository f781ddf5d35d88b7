import Locking

/// Makes the 32-lowercase-hex identifiers the vendor uses for connection and request ids.
///
/// Random by default; with a seed the sequence is the same on every run, so two servers given
/// the same seed and the same requests (one at a time) answer the same ids.
public final class IdentifierGenerator: Sendable {
    private let state: Locked<State>

    private enum State {
        case random
        case seeded(SplitMix64)
    }

    public init(seed: UInt64? = nil) {
        state = Locked(seed.map { .seeded(SplitMix64(seed: $0)) } ?? .random)
    }

    /// The next identifier: 128 bits as 32 lowercase hex digits.
    public func next() -> String {
        let (high, low) = state.withLock { state -> (UInt64, UInt64) in
            switch state {
            case .random:
                var system = SystemRandomNumberGenerator()
                return (system.next(), system.next())
            case .seeded(var generator):
                defer { state = .seeded(generator) }
                return (generator.next(), generator.next())
            }
        }
        return Self.hex(high) + Self.hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Steele, Lea and Flood's SplitMix64: tiny, fast and well distributed; not for secrets.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
