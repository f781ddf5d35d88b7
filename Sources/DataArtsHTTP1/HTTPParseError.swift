/// Why bytes from a client are not an acceptable HTTP/1.1 request.
///
/// Every case is answered with `status` and `Connection: close`, then the connection closes:
/// after a framing error nothing that follows on the connection can be trusted (RFC 9112 §11.2).
public enum HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidMethod
    case invalidTarget
    case invalidVersion
    case unsupportedVersion
    case requestLineTooLong
    case invalidHeaderName
    case invalidHeaderValue
    case obsoleteLineFolding
    case bareCarriageReturn
    case headersTooLarge
    case tooManyHeaders
    case missingHost
    case duplicateHost
    /// A `Host` value that is not `host[:port]` (RFC 9110 §7.2, RFC 3986 §3.2).
    case invalidHost
    case invalidContentLength
    case conflictingContentLength
    case contentLengthWithTransferEncoding
    case transferEncodingInHTTP10
    case unsupportedTransferCoding
    case chunkedNotLast
    case invalidChunkSize
    case invalidChunk
    case bodyTooLarge

    public var status: HTTPStatus {
        switch self {
        case .unsupportedVersion: .versionNotSupported
        case .requestLineTooLong: .uriTooLong
        case .headersTooLarge, .tooManyHeaders: .requestHeaderTooLarge
        case .unsupportedTransferCoding: .notImplemented
        case .bodyTooLarge: .contentTooLarge
        default: .badRequest
        }
    }

    public var description: String {
        switch self {
        case .invalidMethod: "invalid method"
        case .invalidTarget: "invalid request target"
        case .invalidVersion: "invalid HTTP version"
        case .unsupportedVersion: "unsupported HTTP version"
        case .requestLineTooLong: "request line too long"
        case .invalidHeaderName: "invalid header name"
        case .invalidHeaderValue: "invalid header value"
        case .obsoleteLineFolding: "obsolete line folding"
        case .bareCarriageReturn: "bare CR"
        case .headersTooLarge: "request headers too large"
        case .tooManyHeaders: "too many headers"
        case .missingHost: "missing Host header"
        case .duplicateHost: "more than one Host header"
        case .invalidHost: "invalid Host header"
        case .invalidContentLength: "invalid Content-Length"
        case .conflictingContentLength: "conflicting Content-Length values"
        case .contentLengthWithTransferEncoding: "both Content-Length and Transfer-Encoding"
        case .transferEncodingInHTTP10: "Transfer-Encoding in an HTTP/1.0 request"
        case .unsupportedTransferCoding: "unsupported transfer coding"
        case .chunkedNotLast: "chunked is not the last transfer coding"
        case .invalidChunkSize: "invalid chunk size"
        case .invalidChunk: "invalid chunk framing"
        case .bodyTooLarge: "request body too large"
        }
    }
}
