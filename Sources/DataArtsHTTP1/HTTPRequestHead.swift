/// The request line and header section, with the body framing they declare.
public struct HTTPRequestHead: Sendable, Equatable {
    /// How the body is delimited (RFC 9112 §6.3).
    public enum Framing: Sendable, Equatable {
        case contentLength(Int)
        case chunked
    }

    public var method: String
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var framing: Framing

    /// Whether the client waits for `100 Continue` before it sends the body (RFC 9110 §10.1.1).
    public var expectsContinue: Bool {
        version != .http1_0
            && headers.values(for: "Expect").contains { $0.trimmingOWS.equalsIgnoringASCIICase("100-continue") }
    }
}
