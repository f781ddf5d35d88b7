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
        // On the stack: this runs for every header and key of every journaled request.
        let found = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, key.utf8.count)) { buffer in
            var count = 0
            for byte in key.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): buffer[count] = byte + 32
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): buffer[count] = byte
                default: continue
                }
                count += 1
            }
            let folded = UnsafeBufferPointer(rebasing: buffer[..<count])
            return secretWords.contains { contains(folded, $0) }
        }
        return found || isSecretKeyName(key.utf8)
    }

    /// `sk`, `*_sk` (any case) or camel-case `*Sk`: the secret half of an AK/SK pair.
    private static func isSecretKeyName(_ name: String.UTF8View) -> Bool {
        let count = name.count
        guard count >= 2 else { return false }
        let last = name[name.index(name.endIndex, offsetBy: -1)]
        let second = name[name.index(name.endIndex, offsetBy: -2)]
        guard second | 0x20 == UInt8(ascii: "s"), last | 0x20 == UInt8(ascii: "k") else { return false }
        if count == 2 { return true }
        // `Sk` after anything is camel case; `_sk` in any case.
        if second == UInt8(ascii: "S") && last == UInt8(ascii: "k") { return true }
        return name[name.index(name.endIndex, offsetBy: -3)] == UInt8(ascii: "_")
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
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

    /// `masked(.object(object))` written straight into `writer`: show writes this per request.
    public static func write(_ object: JSONObject, into writer: inout JSONWriter) {
        writer.beginObject()
        for member in object.members {
            writer.key(member.key)
            if isSecret(member.key) {
                writer.value(.string(mask))
            } else {
                write(member.value, into: &writer)
            }
        }
        writer.endObject()
    }

    private static func write(_ value: JSONValue, into writer: inout JSONWriter) {
        switch value {
        case .object(let object): write(object, into: &writer)
        case .array(let items):
            writer.beginArray()
            for item in items { write(item, into: &writer) }
            writer.endArray()
        default: writer.value(value)
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
