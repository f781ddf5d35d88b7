/// The pairs of a raw query string (`a=1&b=x%20y`), percent-decoded, in order.
///
/// `+` stays a plus: the vendor's SDKs encode a space as `%20` (RFC 3986), and reading `+` as
/// a space would make the signature check disagree with the signer.
public enum QueryString {
    public static func pairs(_ raw: Substring?) -> [(key: String, value: String)] {
        guard let raw, !raw.isEmpty else { return [] }
        return raw.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PercentEncoding.decode(parts[0]) ?? String(parts[0])
            let value = parts.count > 1 ? (PercentEncoding.decode(parts[1]) ?? String(parts[1])) : ""
            return (key, value)
        }
    }
}
