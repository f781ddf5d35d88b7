/// Why the gateway refuses an `SDK-HMAC-SHA256` request: every case is a 401 `APIGW.0301`
/// whose message is `Incorrect IAM authentication information: ` followed by `detail`.
///
/// `mismatch`, `expired` and `unknownAccessKey` carry the vendor's texts (SPEC §4, api-facts
/// §4.2). The vendor's texts for the other cases were not found; theirs are ours, written in
/// the same style: `verify aksk signature fail,err:…` for a defect of the `Authorization` header,
/// `calc ak sk signature fail:…` for a defect of `X-Sdk-Date` (the step that also reports
/// `signature expired`).
public enum SignatureFailure: Error, Sendable, Equatable {
    /// The `Authorization` header is not `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
    case malformedAuthorization(AuthorizationDefect)
    /// `SignedHeaders` does not name `x-sdk-date`, so the date could be replayed unsigned.
    case dateNotSigned
    /// No `X-Sdk-Date` header.
    case missingDate
    /// An `X-Sdk-Date` that is not `YYYYMMDDTHHMMSSZ`; the value as received.
    case malformedDate(String)
    /// `X-Sdk-Date` lies more than the allowed skew (15 minutes) from the server clock.
    case expired(signedAt: SDKDate)
    /// No secret key is configured for the access key.
    case unknownAccessKey(String)
    /// The signature does not match the one computed over `canonicalRequest`.
    case mismatch(canonicalRequest: String)
    /// `X-Sdk-Content-Sha256` is a hex digest that is not the body's SHA-256: the signature
    /// covers the header, not the body, so without this check a captured request could be
    /// replayed with another body (SPEC §4).
    case contentHashMismatch

    /// What is wrong with an `Authorization` header.
    public enum AuthorizationDefect: Sendable, Equatable {
        /// The header is absent, empty or blank.
        case empty
        /// The scheme is not exactly `SDK-HMAC-SHA256`; the scheme as sent.
        case unsupportedAlgorithm(String)
        /// A comma-separated part is not `name=value` (no `=`, an empty part, a space inside).
        case malformedParameter
        /// A parameter other than `Access`, `SignedHeaders` and `Signature`.
        case unknownParameter(String)
        case duplicateParameter(String)
        case missingParameter(String)
        case emptyValue(String)
        /// `SignedHeaders` is not `;`-separated header names.
        case invalidSignedHeaders
        /// `Signature` is not 64 hex digits.
        case invalidSignature

        var phrase: String {
            switch self {
            case .empty: "authorization is empty"
            case .unsupportedAlgorithm: "algorithm must be \(RequestSignature.algorithm)"
            case .malformedParameter: "authorization format error"
            case .unknownParameter(let name): "unknown parameter \(name)"
            case .duplicateParameter(let name): "duplicate parameter \(name)"
            case .missingParameter(let name): "\(name) not found"
            case .emptyValue(let name): "\(name) is empty"
            case .invalidSignedHeaders: "SignedHeaders format error"
            case .invalidSignature: "Signature must be 64 hex digits"
            }
        }
    }

    /// The text after `Incorrect IAM authentication information: `.
    ///
    /// | case | detail |
    /// |---|---|
    /// | `mismatch` | `verify aksk signature fail,canonicalRequest:<canonical request, each \n as |>` (vendor) |
    /// | `expired` | `calc ak sk signature fail:signature expired` (vendor) |
    /// | `unknownAccessKey` | `Get secretKey failed,ak:<AK>,err:ak not exist` (vendor) |
    /// | `malformedAuthorization` | `verify aksk signature fail,err:<defect>`, e.g. `err:Signature not found` |
    /// | `dateNotSigned` | `verify aksk signature fail,err:x-sdk-date not in SignedHeaders` |
    /// | `missingDate` | `calc ak sk signature fail:x-sdk-date not found` |
    /// | `malformedDate` | `calc ak sk signature fail:x-sdk-date format error` |
    /// | `contentHashMismatch` | `verify aksk signature fail,err:x-sdk-content-sha256 does not match the body` |
    public var detail: String {
        switch self {
        case .malformedAuthorization(let defect): "verify aksk signature fail,err:\(defect.phrase)"
        case .dateNotSigned: "verify aksk signature fail,err:x-sdk-date not in SignedHeaders"
        case .missingDate: "calc ak sk signature fail:x-sdk-date not found"
        case .malformedDate: "calc ak sk signature fail:x-sdk-date format error"
        case .expired: "calc ak sk signature fail:signature expired"
        case .unknownAccessKey(let accessKey): "Get secretKey failed,ak:\(accessKey),err:ak not exist"
        case .contentHashMismatch: "verify aksk signature fail,err:x-sdk-content-sha256 does not match the body"
        case .mismatch(let canonicalRequest):
            "verify aksk signature fail,canonicalRequest:" + canonicalRequest.replacingLineFeeds(with: UInt8(ascii: "|"))
        }
    }
}

extension String {
    /// Byte-wise, so a `\r` before a `\n` (one `Character` in Swift) cannot hide it.
    fileprivate func replacingLineFeeds(with separator: UInt8) -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: "\n") ? separator : $0 }, as: UTF8.self)
    }
}
