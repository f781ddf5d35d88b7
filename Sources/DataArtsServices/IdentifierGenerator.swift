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
        // Written into the string's own storage: the digits of each half padded and joined as
        // strings took five allocations an id, and every request draws one (perf: 2% of a show).
        return String(unsafeUninitializedCapacity: 32) { digits in
            for position in 0..<16 {
                digits[position] = Self.hexDigit(high >> (60 - 4 * UInt64(position)))
                digits[16 + position] = Self.hexDigit(low >> (60 - 4 * UInt64(position)))
            }
            return 32
        }
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

    /// The lowercase hex digit of `value`'s low four bits.
    private static func hexDigit(_ value: UInt64) -> UInt8 {
        let nibble = UInt8(truncatingIfNeeded: value & 0xF)
        return nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
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
