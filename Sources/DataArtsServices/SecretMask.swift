public import DataArtsJSON

/// Hides secret values in `dw_config`, the request journal and the logs (SPEC §2.4).
public enum SecretMask {
    public static let mask = "******"

    /// Whether a key names a secret: its lower-cased name contains `password`, `passwd`, `pwd`,
    /// `secret` or `token`, is `sk` or ends in `_sk`, or the name ends in `Sk` (camel case:
    /// `userSk`, not `task` or `disk`).
    public static func isSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "passwd", "pwd", "secret", "token"].contains { lowered.contains($0) }
            || lowered == "sk" || lowered.hasSuffix("_sk") || key.hasSuffix("Sk")
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
