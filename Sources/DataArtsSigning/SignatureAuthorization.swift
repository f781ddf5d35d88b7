import DataArtsHTTP1

/// The parts of an `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<a;b;c>,
/// Signature=<hex>` header (api-facts §5 step 8).
///
/// Parsing is strict about what the check needs and tolerant of how SDKs space it: the scheme
/// must be exactly `SDK-HMAC-SHA256`, followed by spaces or tabs; the three parameters must
/// each appear once, in any order, separated by commas with optional spaces or tabs around
/// them and around `=`; no other parameter is allowed.
public struct SignatureAuthorization: Sendable, Hashable {
    public var accessKey: String
    /// The header names the client signed, as listed (the SDKs write them lower-case, sorted).
    public var signedHeaders: [String]
    /// 64 lower-case hex digits (upper-case digits in the header are accepted and lowered).
    public var signature: String

    public init(accessKey: String, signedHeaders: [String], signature: String) {
        self.accessKey = accessKey
        self.signedHeaders = signedHeaders
        self.signature = signature
    }

    /// Parses an `Authorization` header value.
    /// - Throws: `SignatureFailure.malformedAuthorization` naming the first defect found.
    public init(parsing header: some StringProtocol) throws(SignatureFailure) {
        let bytes = Array(header.utf8)
        guard let first = bytes.firstIndex(where: { !$0.isOWS }),
              let last = bytes.lastIndex(where: { !$0.isOWS })
        else { throw .malformedAuthorization(.empty) }
        let text = bytes[first...last]
        let schemeEnd = text.firstIndex(where: \.isOWS) ?? text.endIndex
        let scheme = String(decoding: text[..<schemeEnd], as: UTF8.self)
        guard scheme == RequestSignature.algorithm else {
            throw .malformedAuthorization(.unsupportedAlgorithm(scheme))
        }

        var values: [String: String] = [:]
        let parameters = text[schemeEnd...].drop(while: \.isOWS)
        if !parameters.isEmpty {
            for part in parameters.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                let (name, value) = try Self.parameter(part)
                guard Self.parameterNames.contains(name) else {
                    throw .malformedAuthorization(.unknownParameter(name))
                }
                guard values.updateValue(value, forKey: name) == nil else {
                    throw .malformedAuthorization(.duplicateParameter(name))
                }
            }
        }
        for name in Self.parameterNames where values[name] == nil {
            throw .malformedAuthorization(.missingParameter(name))
        }
        let accessKey = values["Access", default: ""]
        let signedHeaders = values["SignedHeaders", default: ""]
            .split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard signedHeaders.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(\.isHeaderNameCharacter) }) else {
            throw .malformedAuthorization(.invalidSignedHeaders)
        }
        let signature = values["Signature", default: ""]
        guard signature.utf8.count == 64, signature.utf8.allSatisfy(\.isHexDigit) else {
            throw .malformedAuthorization(.invalidSignature)
        }
        self.init(accessKey: accessKey, signedHeaders: signedHeaders, signature: signature.asciiLowercased)
    }

    /// The header value as the vendor's SDKs write it.
    public var headerValue: String {
        "\(RequestSignature.algorithm) Access=\(accessKey), SignedHeaders=\(signedHeaders.joined(separator: ";")), "
            + "Signature=\(signature)"
    }

    /// In the order a missing one is reported.
    private static let parameterNames = ["Access", "SignedHeaders", "Signature"]

    /// `name=value` with optional spaces or tabs around each; neither may be empty or hold one.
    private static func parameter(_ part: ArraySlice<UInt8>) throws(SignatureFailure) -> (String, String) {
        guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else {
            throw .malformedAuthorization(.malformedParameter)
        }
        let name = part[..<equals].trimmingOWS
        let value = part[(equals + 1)...].trimmingOWS
        guard !name.isEmpty, name.allSatisfy(\.isHeaderNameCharacter) else {
            throw .malformedAuthorization(.malformedParameter)
        }
        let nameText = String(decoding: name, as: UTF8.self)
        guard !value.isEmpty else { throw .malformedAuthorization(.emptyValue(nameText)) }
        guard !value.contains(where: { $0.isOWS || $0 < 0x20 || $0 == 0x7F }) else {
            throw .malformedAuthorization(.malformedParameter)
        }
        return (nameText, String(decoding: value, as: UTF8.self))
    }
}

extension ArraySlice<UInt8> {
    fileprivate var trimmingOWS: ArraySlice<UInt8> {
        guard let first = firstIndex(where: { !$0.isOWS }), let last = lastIndex(where: { !$0.isOWS }) else {
            return []
        }
        return self[first...last]
    }
}

extension UInt8 {
    /// Space or tab (RFC 9110 §5.6.3).
    fileprivate var isOWS: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }

    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }

    /// tchar (RFC 9110 §5.6.2): what a header name, and so a `SignedHeaders` entry, is made of.
    fileprivate var isHeaderNameCharacter: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
