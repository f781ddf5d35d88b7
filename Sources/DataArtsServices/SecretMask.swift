public import DataArtsJSON

/// Hides secret values in `dw_config`, the request journal and the logs (SPEC §2.4).
public enum SecretMask {
    public static let mask = "******"

    /// Words whose presence makes a key secret, matched in the key's letters and digits alone,
    /// lower-cased (SPEC §2.4).
    static let secretWords: [[UInt8]] = [
        "password", "passwd", "pwd", "secret", "token", "securitykey", "privatekey", "credential", "keytab",
    ].map { Array($0.utf8) }

    /// Whether a key names a secret: its lower-cased name contains `password`, `passwd`, `pwd`,
    /// `secret`, `token`, `securitykey`, `privatekey`, `credential` or `keytab`, is `sk` or
    /// ends in `_sk`, or the name ends in `Sk` (camel case: `userSk`, not `task` or `disk`).
    ///
    /// The words are looked for in the name's ASCII letters and digits only, so that no
    /// spelling dodges them: `Pass_Word`, `pass-word`, `PASS.WORD` and `db password` are all
    /// secret. Works on bytes: it runs for every header and key of every journaled request.
    public static func isSecret(_ key: String) -> Bool {
        var folded: [UInt8] = []
        folded.reserveCapacity(key.utf8.count)
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): folded.append(byte)
            default: continue
            }
        }
        for word in secretWords where contains(folded, word) { return true }
        return isSecretKeyName(key.utf8)
    }

    /// `sk`, `*_sk` (any case) or camel-case `*Sk`: the secret half of an AK/SK pair.
    private static func isSecretKeyName(_ name: String.UTF8View) -> Bool {
        let bytes = Array(name.suffix(3))
        func lower(_ byte: UInt8) -> UInt8 { byte | 0x20 }
        guard bytes.count >= 2, lower(bytes[bytes.count - 2]) == UInt8(ascii: "s"), lower(bytes[bytes.count - 1]) == UInt8(ascii: "k")
        else { return false }
        if name.count == 2 { return true }
        // `Sk` after anything is camel case; `_sk` in any case.
        if bytes[bytes.count - 2] == UInt8(ascii: "S") && bytes[bytes.count - 1] == UInt8(ascii: "k") { return true }
        return bytes.count == 3 && bytes[0] == UInt8(ascii: "_")
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == first && haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }

    /// `value` with every secret, at any depth, replaced by `******` whatever its type.
    public static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object): .object(masked(object))
        case .array(let items): .array(items.map(masked))
        default: value
        }
    }

    public static func masked(_ object: JSONObject) -> JSONObject {
        var result = JSONObject()
        for member in object.members {
            result[member.key] = isSecret(member.key) ? .string(mask) : masked(member.value)
        }
        return result
    }
}
