/// The grammar of a URI authority (RFC 3986 §3.2), as the `Host` field (RFC 9110 §7.2) and an
/// absolute-form request target (RFC 9112 §3.2.2) carry it.
///
/// `host [ ":" port ]`, where host is an IP-literal (`[` IPv6address or IPvFuture `]`) or a
/// reg-name (unreserved, pct-encoded and sub-delims bytes, which covers IPv4address too), and
/// port is decimal digits. Beyond RFC 3986, because the scheme is `http` (RFC 9110 §4.2.1):
/// the host may not be empty, and a port, if written, is at most 65535 (a TCP port).
enum Authority {
    /// A `Host` field value: `host [ ":" port ]`.
    static func isValidHostField(_ bytes: some Collection<UInt8>) -> Bool {
        isValidHostPort(Array(bytes)[...])
    }

    /// The authority of an absolute-form target: like `Host`, and no userinfo, which RFC 9110
    /// §4.2.4 tells a recipient to treat as an error (it is how `http://good@evil/` misleads).
    static func isValidTargetAuthority(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.contains(UInt8(ascii: "@")) && isValidHostPort(bytes)
    }

    private static func isValidHostPort(_ bytes: ArraySlice<UInt8>) -> Bool {
        let hostEnd: Int
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")),
                  isIPLiteral(bytes[(bytes.startIndex + 1)..<close])
            else { return false }
            hostEnd = close + 1
        } else {
            hostEnd = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
            guard hostEnd > bytes.startIndex, isRegName(bytes[..<hostEnd]) else { return false }
        }
        guard hostEnd < bytes.endIndex else { return true }
        guard bytes[hostEnd] == UInt8(ascii: ":") else { return false }
        return isPort(bytes[(hostEnd + 1)...])
    }

    /// `*DIGIT`, empty allowed (RFC 3986 §3.2.3), at most 65535.
    private static func isPort(_ bytes: ArraySlice<UInt8>) -> Bool {
        var value = 0
        for byte in bytes {
            guard byte.isDigit else { return false }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            guard value <= 65535 else { return false }
        }
        return true
    }

    /// `*( unreserved / pct-encoded / sub-delims )`.
    private static func isRegName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, bytes[index + 1].hexValue != nil, bytes[index + 2].hexValue != nil else {
                    return false
                }
                index += 3
                continue
            }
            guard byte.isUnreserved || byte.isSubDelimiter else { return false }
            index += 1
        }
        return true
    }

    /// Between the brackets: `IPv6address / IPvFuture`.
    private static func isIPLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        if let first = bytes.first, first | 0x20 == UInt8(ascii: "v") { return isIPvFuture(bytes.dropFirst()) }
        return isIPv6(bytes)
    }

    /// After the `v`: `1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
    private static func isIPvFuture(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot > bytes.startIndex,
              bytes[..<dot].allSatisfy({ $0.hexValue != nil }), dot + 1 < bytes.endIndex
        else { return false }
        return bytes[(dot + 1)...].allSatisfy { $0.isUnreserved || $0.isSubDelimiter || $0 == .colon }
    }

    /// RFC 3986 §3.2.2 IPv6address: eight 16-bit pieces of 1–4 hex digits, the last two of which
    /// may be an IPv4address, with one `::` standing for one or more zero pieces.
    private static func isIPv6(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = Array(bytes)
        var halves: [ArraySlice<UInt8>] = []
        var index = 0
        var start = 0
        while index < text.count {
            if text[index] == .colon, index + 1 < text.count, text[index + 1] == .colon {
                halves.append(text[start..<index])
                index += 2
                start = index
                guard halves.count == 1 else { return false }
                continue
            }
            index += 1
        }
        halves.append(text[start...])
        let compressed = halves.count == 2
        var pieces = 0
        for (position, half) in halves.enumerated() {
            guard !half.isEmpty else { continue }
            let groups = half.split(separator: .colon, omittingEmptySubsequences: false)
            for (offset, group) in groups.enumerated() {
                let isLast = position == halves.count - 1 && offset == groups.count - 1
                if isLast, group.contains(UInt8(ascii: ".")) {
                    guard isIPv4(group) else { return false }
                    pieces += 2
                } else {
                    guard (1...4).contains(group.count), group.allSatisfy({ $0.hexValue != nil }) else { return false }
                    pieces += 1
                }
            }
        }
        return compressed ? pieces <= 7 : pieces == 8
    }

    /// `dec-octet "." dec-octet "." dec-octet "." dec-octet`, no leading zeros.
    private static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let octets = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            guard (1...3).contains(octet.count), octet.allSatisfy(\.isDigit) else { return false }
            if octet.count > 1 && octet.first == UInt8(ascii: "0") { return false }
            return octet.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } <= 255
        }
    }
}

extension UInt8 {
    /// RFC 3986 §2.3: `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    fileprivate var isUnreserved: Bool {
        isLetter || isDigit || self == UInt8(ascii: "-") || self == UInt8(ascii: ".") || self == UInt8(ascii: "_")
            || self == UInt8(ascii: "~")
    }

    /// RFC 3986 §2.2: `"!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`.
    fileprivate var isSubDelimiter: Bool {
        switch self {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "="):
            true
        default:
            false
        }
    }
}
