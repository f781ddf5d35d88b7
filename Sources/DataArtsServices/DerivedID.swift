import Crypto

/// Ids the account derives from names (SPEC §8.1): the first 32 hex digits of SHA-256 over a
/// fixed prefix and the name, so the same flags give the same ids on every run, `--seed` or not.
public enum DerivedID {
    /// 32 lowercase hex digits for `name` in the `kind` namespace (`domain`, `project`, …).
    public static func hex(_ kind: String, _ name: String) -> String {
        let digest = SHA256.hash(data: Array("dataarts-mock/\(kind)/\(name)".utf8))
        return digest.prefix(16).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The same digits in UUID form (8-4-4-4-12), as CDM writes cluster ids (SPEC §8.4).
    public static func uuid(_ kind: String, _ name: String) -> String {
        let digits = Array(hex(kind, name))
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }
        return groups.joined(separator: "-")
    }
}
