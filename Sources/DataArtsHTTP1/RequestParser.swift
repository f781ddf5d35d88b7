/// An incremental HTTP/1.1 request parser over bytes (RFC 9112).
///
/// It holds no state between calls: give it everything received so far that has not been
/// consumed, and it answers "need more", one whole request, or an error. `RequestDecoder`
/// applies the same rules resuming between calls, which is what a connection uses. It refuses a request
/// as soon as the offending byte is present (a TLS ClientHello fails on its first byte), never
/// waiting for a line end or a timeout to decide.
public struct RequestParser: Sendable {
    /// The size limits; each has a `--max-…` flag.
    public struct Limits: Sendable, Equatable {
        public var maxRequestLineBytes: Int
        public var maxHeaderBytes: Int
        public var maxHeaderCount: Int
        public var maxBodyBytes: Int

        public init(
            maxRequestLineBytes: Int = 8192, maxHeaderBytes: Int = 32768,
            maxHeaderCount: Int = 128, maxBodyBytes: Int = 12 * 1024 * 1024
        ) {
            self.maxRequestLineBytes = maxRequestLineBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }

    /// What the bytes so far amount to.
    public enum Progress: Sendable, Equatable {
        /// Not a whole request yet; `head` is set once the header section is complete.
        case needMore(head: HTTPRequestHead?)
        /// A whole request, and how many bytes of the input it used.
        case complete(HTTPRequest, consumed: Int)
    }

    public let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// - Returns: The request and the bytes it used, or `nil` until `bytes` holds a whole request.
    public func parse(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> (request: HTTPRequest, consumed: Int)? {
        switch try progress(bytes) {
        case .needMore: nil
        case .complete(let request, let consumed): (request, consumed)
        }
    }

    /// Like `parse(_:)`, and also tells when the head is complete but the body is not, which the
    /// connection needs for `Expect: 100-continue` and for choosing the body timeout.
    ///
    /// Each call starts from the first byte; a connection keeps a `RequestDecoder` instead,
    /// which resumes where the last call stopped.
    public func progress(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> Progress {
        var decoder = RequestDecoder(limits: limits)
        return try decoder.progress(bytes)
    }

    static let versionPrefix: [UInt8] = Array("HTTP/".utf8)

    private static let absoluteFormPrefixes: [[UInt8]] = [Array("http://".utf8), Array("https://".utf8)]

    /// Whether `bytes` are a request-target we serve (`complete`), or can still become one:
    /// `/…` (origin form), `*` (asterisk form) or `http://…` / `https://…` in any case
    /// (absolute form); the authority form of CONNECT is not served (RFC 9112 §3.2).
    static func isTarget(_ bytes: ArraySlice<UInt8>, complete: Bool) -> Bool {
        guard let first = bytes.first else { return !complete }
        if first == .slash { return true }
        if first == .asterisk { return bytes.count == 1 }
        guard let scheme = absoluteFormPrefixes.first(where: { scheme in
            zip(bytes, scheme).allSatisfy { $0.asciiLowercased == $1 } && (!complete || bytes.count >= scheme.count)
        }) else { return false }
        guard complete else { return true }
        // RFC 9112 §3.2.2: the authority runs to the path or the query; it must be one
        // (RFC 3986 §3.2), which an empty or a `user@host` authority is not (RFC 9110 §4.2).
        let rest = bytes.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == .slash || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        return Authority.isValidTargetAuthority(rest[..<authorityEnd])
    }

    func framing(of headers: HTTPHeaders, version: HTTPVersion) throws(HTTPParseError) -> HTTPRequestHead.Framing {
        let hosts = headers.values(for: "Host")
        if hosts.count > 1 { throw .duplicateHost }
        if hosts.isEmpty && version.minor >= 1 { throw .missingHost }
        // RFC 9110 §7.2: the value is the target's authority, `host[:port]`; anything else
        // (a path, a space, userinfo, a second host) is refused, with the connection.
        if let host = hosts.first, !Authority.isValidHostField(host.utf8) { throw .invalidHost }

        let lengths = headers.values(for: "Content-Length")
        let codings = headers.values(for: "Transfer-Encoding")
            .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { String($0).trimmingOWS.asciiLowercased }

        if !codings.isEmpty {
            // RFC 9112 §6.1: both present is how requests are smuggled; never pick one.
            guard lengths.isEmpty else { throw .contentLengthWithTransferEncoding }
            guard version.minor >= 1 else { throw .transferEncodingInHTTP10 }
            let chunkedCount = codings.filter { $0 == "chunked" }.count
            if codings.last == "chunked" && chunkedCount == 1 {
                guard codings.allSatisfy({ $0 == "chunked" }) else { throw .unsupportedTransferCoding }
                return .chunked
            }
            if chunkedCount > 0 { throw .chunkedNotLast }
            throw .unsupportedTransferCoding
        }

        var length: Int?
        for value in lengths {
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = String(item).trimmingOWS
                guard let parsed = Self.decimal(digits) else { throw .invalidContentLength }
                if let length, length != parsed { throw .conflictingContentLength }
                length = parsed
            }
        }
        let bodyLength = length ?? 0
        if bodyLength > limits.maxBodyBytes { throw .bodyTooLarge }
        return .contentLength(bodyLength)
    }

    /// `1*DIGIT` that fits an `Int`; no sign, no spaces.
    private static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte.isDigit else { return nil }
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowA && !overflowB else { return nil }
            value = sum
        }
        return value
    }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let slash = UInt8(ascii: "/")
    static let asterisk = UInt8(ascii: "*")

    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }

    var hexValue: Int? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(self - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(self - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(self - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// tchar (RFC 9110 §5.6.2).
    var isTokenCharacter: Bool {
        if isDigit || isLetter { return true }
        switch self {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
