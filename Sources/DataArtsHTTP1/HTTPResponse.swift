/// A response to serialise: status, ordered headers and body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Head and body in one buffer, so that the reply leaves in one write: a head written
    /// apart from its body waits for the client's delayed ACK (40 ms a reply, measured).
    ///
    /// `Content-Length` is always written from the body (any given one is replaced), except on
    /// 1xx and 204 replies, which have none (RFC 9110 §8.6). With `includeBody` false (a reply
    /// to HEAD) the length is kept and the body left out.
    public func serialized(includeBody: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, includeBody: includeBody)
        return out
    }

    /// The bytes `serialized` gives, appended to `out`, with the transport's own headers:
    /// `date` replaces any `Date`, and `closing` any `Connection` with `Connection: close`,
    /// written after the others as `headers.set` placed them. Straight into the connection's
    /// buffer: setting them copied the headers (shared with the journal) and the reply was
    /// built apart and copied again, a malloc and a memmove a reply (perf: a show).
    public func write(into out: inout [UInt8], date: String? = nil, closing: Bool = false, includeBody: Bool = true) {
        let hasLength = status.code >= 200 && status.code != 204
        let sendsBody = includeBody && hasLength
        // Doubling at least: `reserveCapacity` alone grows to exactly what is asked, and a
        // connection gathers a loop turn's pipelined replies in one buffer.
        let needed = out.count + 128 + headers.fields.count * 32 + (sendsBody ? body.count : 0)
        if needed > out.capacity { out.reserveCapacity(Swift.max(needed, 2 * out.capacity)) }
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        out.appendDecimal(status.code)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: status.reason.utf8)
        out.append(contentsOf: "\r\n".utf8)
        for field in headers {
            if field.name.equalsIgnoringASCIICase("Content-Length") { continue }
            if date != nil, field.name.equalsIgnoringASCIICase("Date") { continue }
            if closing, field.name.equalsIgnoringASCIICase("Connection") { continue }
            Self.append(field.name, field.value, to: &out)
        }
        if let date { Self.append("Date", date, to: &out) }
        if closing { Self.append("Connection", "close", to: &out) }
        if hasLength {
            out.append(contentsOf: "Content-Length: ".utf8)
            out.appendDecimal(body.count)
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if sendsBody { out.append(contentsOf: body) }
    }

    private static func append(_ name: String, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ": ".utf8)
        out.append(contentsOf: value.utf8)
        out.append(contentsOf: "\r\n".utf8)
    }
}
