import DataArtsHTTP1
import DataArtsServices

/// Who may drive the controls under `/__mock/` (SPEC §6, first paragraph).
///
/// The controls have no authentication, so a web page the developer happens to open must not
/// reach them: a cross-site form or `fetch` (CSRF) carries that page's `Origin` or
/// `Sec-Fetch-Site: cross-site`, and a DNS-rebinding page reaches the mock under the attacker's
/// own host name, which shows in `Host`. A `text/plain` or form body is what a cross-site page
/// can send without a CORS preflight (the Fetch standard's "simple" requests), so a
/// state-changing call must say `application/json`. The emulated API itself is not restricted.
struct ControlOriginGuard: Sendable {
    /// Lower-cased host names and address literals (IPv6 without brackets) that name this mock.
    private let allowedHosts: Set<String>
    /// Bound to `0.0.0.0` or `::`: any address of the machine is the bound address, and an
    /// address literal cannot be rebound by DNS, so every literal is accepted.
    private let acceptsAnyAddressLiteral: Bool

    init(boundHost: String, allowedHosts extra: [String]) {
        var hosts: Set<String> = ["localhost", "127.0.0.1", "::1"]
        hosts.insert(Self.bare(boundHost.lowercased()))
        for name in extra { hosts.insert(Self.bare(name.lowercased())) }
        allowedHosts = hosts
        acceptsAnyAddressLiteral = ["0.0.0.0", "::", "[::]"].contains(boundHost)
    }

    /// The 403 every refused control call answers, in the service's error shape.
    static let refusal = APIError.badRequest("control calls are accepted only from this mock's own origin")
        .with(status: .forbidden)

    /// Why `request` is refused, in words for tests and debugging (the client gets only SPEC
    /// §6's 403), nil when it may go on.
    func refusalReason(for request: HTTPRequest) -> String? {
        let host = request.headers["Host"].map { Self.authority($0) }
        // HTTP/1.0 may omit Host; a browser never does, so nothing is at risk then.
        if let host, !isAllowed(host) { return "Host \(host.name) is not this mock's" }
        if let origin = request.headers["Origin"] {
            guard let originAuthority = Self.originAuthority(origin), isAllowed(originAuthority),
                  host.map({ $0 == originAuthority }) ?? true
            else { return "Origin \(origin) is not this mock's" }
        }
        if let site = request.headers["Sec-Fetch-Site"], site.trimmingOWS.lowercased() == "cross-site" {
            return "Sec-Fetch-Site: cross-site"
        }
        if Self.changesState(request.method), !request.body.isEmpty, !Self.isJSON(request.headers["Content-Type"]) {
            return "a control body must be application/json"
        }
        return nil
    }

    private func isAllowed(_ authority: Authority) -> Bool {
        !authority.port.isEmpty && authority.port.allSatisfy(\.isASCIIDigit) && isAllowed(authority.name)
    }

    private func isAllowed(_ name: String) -> Bool {
        if allowedHosts.contains(name) { return true }
        // RFC 6761 §6.3: every name under .localhost is loopback.
        if name.hasSuffix(".localhost") { return true }
        if Self.isIPv4Loopback(name) { return true }
        return acceptsAnyAddressLiteral && Self.isAddressLiteral(name)
    }

    private static func changesState(_ method: String) -> Bool {
        !["GET", "HEAD", "OPTIONS"].contains(method)
    }

    private static func isJSON(_ contentType: String?) -> Bool {
        contentType.map(MediaType.isJSON) ?? false
    }

    /// A host and port as compared between `Host` and `Origin`; port 80 when none is given
    /// (RFC 9110 §4.2.1, the http scheme's default).
    struct Authority: Equatable {
        var name: String
        var port: String
    }

    /// `Host`'s value (RFC 9110 §7.2: `uri-host [ ":" port ]`), the name lower-cased and an IPv6
    /// literal without its brackets.
    static func authority(_ value: String, defaultPort: String = "80") -> Authority {
        let text = value.trimmingOWS.lowercased()
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let name = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            let port = rest.hasPrefix(":") && rest.count > 1 ? String(rest.dropFirst()) : defaultPort
            return Authority(name: name, port: port)
        }
        if let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon {
            let port = text[text.index(after: colon)...]
            return Authority(name: String(text[..<colon]), port: port.isEmpty ? defaultPort : String(port))
        }
        return Authority(name: text, port: defaultPort)
    }

    /// The authority of an `Origin` value (RFC 6454 §7: `scheme "://" host [ ":" port ]`);
    /// nil for `null` or another scheme than http/https.
    static func originAuthority(_ origin: String) -> Authority? {
        let text = origin.trimmingOWS.lowercased()
        for (scheme, port) in [("http://", "80"), ("https://", "443")] where text.hasPrefix(scheme) {
            let rest = text.dropFirst(scheme.count)
            guard !rest.isEmpty, !rest.contains("/") else { return nil }
            return authority(String(rest), defaultPort: port)
        }
        return nil
    }

    private static func bare(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    private static func isIPv4Loopback(_ name: String) -> Bool {
        ipv4Address(name).map { $0 >> 24 == 127 } ?? false
    }

    private static func isAddressLiteral(_ name: String) -> Bool {
        ipv4Address(name) != nil || isIPv6Address(name)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
