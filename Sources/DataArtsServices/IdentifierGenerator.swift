import DataArtsLocking

/// Makes the 32-lowercase-hex identifiers the vendor uses for connection and request ids.
///
/// Random by default; with a seed the sequence is the same on every run, so two servers given
/// the same seed and the same requests (one at a time) answer the same ids. Unseeded, the
/// generator is seeded once from the system: ids need to be unique, not secret, and a
/// `getrandom` call per id showed up in the request path's profile.
public final class IdentifierGenerator: Sendable {
    private let generator: Locked<SplitMix64>

    public init(seed: UInt64? = nil) {
        var system = SystemRandomNumberGenerator()
        generator = Locked(SplitMix64(seed: seed ?? system.next()))
    }

    /// The next identifier: 128 bits as 32 lowercase hex digits.
    public func next() -> String {
        let (high, low) = generator.withLock { ($0.next(), $0.next()) }
        return Self.hex(high) + Self.hex(low)
    }

    /// The next identifier not in `taken`, drawing again as often as needed: a seeded
    /// sequence restarts with every process, so after a restart its first ids are the ones a
    /// state file brought back, and an unseeded one may (rarely) meet an imported id.
    public func next(avoiding taken: Set<String>) -> String {
        while true {
            let id = next()
            if !taken.contains(id) { return id }
        }
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
