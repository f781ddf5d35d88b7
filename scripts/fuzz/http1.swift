// libFuzzer target for the HTTP1 module; run it with `scripts/fuzz.sh http1 [seconds]`.
//
// It is compiled into one module with Sources/DataArtsHTTP1/*.swift (the module imports nothing), so it
// calls the parser directly. Every property is a `require`: libFuzzer reports a failed one as a
// crash and saves the input that broke it.

/// The default limits, and small ones that short inputs push through every limit check.
private let parsers = [
    RequestParser(),
    RequestParser(limits: .init(maxRequestLineBytes: 64, maxHeaderBytes: 256, maxHeaderCount: 8, maxBodyBytes: 64)),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for parser in parsers {
        // Requests one after another, as a pipelining client sends them. Each takes at least
        // its request line, so the loop ends.
        var rest = bytes[...]
        while let consumed = check(rest, with: parser) {
            rest = rest.dropFirst(consumed)
        }
    }
    return 0
}

/// Checks the first request in `bytes` against prefixes of it, the way a connection sees it
/// arrive; returns the bytes it took, or `nil` when there is no whole request.
private func check(_ bytes: ArraySlice<UInt8>, with parser: RequestParser) -> Int? {
    let whole = Outcome(parser, bytes)
    require(whole.parsed == Outcome(parsing: parser, bytes).parsed, "parse(_:) and progress(_:) disagree")
    compare(prefix: splitPoint(of: bytes), of: bytes, whole: whole, with: parser)
    checkResumed(bytes, whole: whole, with: parser)
    guard case .complete(let request, let consumed) = whole else { return nil }
    require(consumed > 0 && consumed <= bytes.count, "consumed \(consumed) of \(bytes.count)")
    // The last byte of the request is the one that completes it.
    compare(prefix: consumed - 1, of: bytes, whole: whole, with: parser)

    // The request read back from its own bytes is itself. Written with `name: value` and CRLF the
    // head can grow, so the re-parse gets room for that; every other limit stays.
    var roomy = parser.limits
    roomy.maxHeaderBytes = .max
    let wire = request.wireBytes
    require(
        Outcome(RequestParser(limits: roomy), wire[...]) == .complete(request, consumed: wire.count),
        "the request does not re-parse to itself")

    // What the layers above read from a request must not trap either.
    _ = request.wantsKeepAlive
    _ = QueryString.pairs(request.query)
    _ = PercentEncoding.decodeLeniently(request.path)
    if let decoded = PercentEncoding.decode(request.path) {
        require(PercentEncoding.decode(PercentEncoding.encode(decoded)) == decoded, "percent-encoding round trip")
    }
    return consumed
}

/// A prefix may ask for more, or say exactly what the whole input says: an error is certain when
/// it is raised, and a request is whole when it is returned.
private func compare(prefix length: Int, of bytes: ArraySlice<UInt8>, whole: Outcome, with parser: RequestParser) {
    let prefix = Outcome(parser, bytes.prefix(length))
    switch (prefix, whole) {
    case (.failure, _), (.complete, _):
        require(prefix == whole, "a prefix of \(length) bytes gives \(prefix), the whole input \(whole)")
    case (.needMore(let head?), .complete(let request, _)):
        require(
            head.method == request.method && head.target == request.target && head.version == request.version
                && head.headers == request.headers,
            "the head reported early is not the request's")
    case (.needMore(let head?), .needMore(let wholeHead)):
        require(wholeHead == head, "the head changed as more bytes arrived")
    case (.needMore, .complete(_, let consumed)):
        require(length < consumed, "the request was whole at \(length) bytes but not reported")
    case (.needMore, _):
        break
    }
}

/// Fed through one `RequestDecoder` in pieces, as a connection reads, the input gives what a
/// fresh parse of all of it gives, with every byte examined at most once. The piece length is
/// the input's pick, from 1 byte up.
private func checkResumed(_ bytes: ArraySlice<UInt8>, whole: Outcome, with parser: RequestParser) {
    var decoder = RequestDecoder(limits: parser.limits)
    let step = splitPoint(of: bytes) % 13 + 1
    var end = bytes.startIndex
    var resumed = Outcome.needMore(head: nil)
    while true {
        end = min(bytes.endIndex, end + step)
        do throws(HTTPParseError) {
            switch try decoder.progress(bytes[..<end]) {
            case .needMore(let head): resumed = .needMore(head: head)
            case .complete(let request, let consumed): resumed = .complete(request, consumed: consumed)
            }
        } catch {
            resumed = .failure(error)
        }
        if case .needMore = resumed, end < bytes.endIndex { continue }
        break
    }
    require(resumed == whole, "resumed in \(step)-byte pieces: \(resumed), in one piece: \(whole)")
    require(decoder.examined <= bytes.count, "examined \(decoder.examined) of \(bytes.count) bytes")
}

/// A cut point in `0...bytes.count` that the input picks (FNV-1a of its bytes), so that
/// libFuzzer can steer it like any other part of the input.
private func splitPoint(of bytes: ArraySlice<UInt8>) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return Int(hash % UInt64(bytes.count + 1))
}

/// What one call of the parser amounts to, as a value that can be compared.
private enum Outcome: Equatable, CustomStringConvertible {
    case needMore(head: HTTPRequestHead?)
    case complete(HTTPRequest, consumed: Int)
    case failure(HTTPParseError)

    init(_ parser: RequestParser, _ bytes: ArraySlice<UInt8>) {
        do throws(HTTPParseError) {
            switch try parser.progress(bytes) {
            case .needMore(let head): self = .needMore(head: head)
            case .complete(let request, let consumed): self = .complete(request, consumed: consumed)
            }
        } catch {
            self = .failure(error)
        }
    }

    init(parsing parser: RequestParser, _ bytes: ArraySlice<UInt8>) {
        do throws(HTTPParseError) {
            if let (request, consumed) = try parser.parse(bytes) {
                self = .complete(request, consumed: consumed)
            } else {
                self = .needMore(head: nil)
            }
        } catch {
            self = .failure(error)
        }
    }

    /// The outcome as `parse(_:)` reports it, without the early head.
    var parsed: Outcome {
        if case .needMore = self { .needMore(head: nil) } else { self }
    }

    var description: String {
        switch self {
        case .needMore(let head): head == nil ? "needMore" : "needMore(head)"
        case .complete(let request, let consumed): "complete(\(request.method) \(request.target), consumed: \(consumed))"
        case .failure(let error): "failure(\(error))"
        }
    }
}

/// A `precondition` whose message survives `-O`, which drops a failed precondition's message.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

extension HTTPRequest {
    /// The request as a client would send it: a chunked one gets its body back as one chunk
    /// (its trailers are not kept), any other keeps its headers as they are.
    fileprivate var wireBytes: [UInt8] {
        var out = Array("\(method) \(target) \(version)\r\n".utf8)
        for field in headers {
            out += Array("\(field.name): \(field.value)\r\n".utf8)
        }
        out += Array("\r\n".utf8)
        if headers.contains("Transfer-Encoding") {
            if !body.isEmpty {
                out += Array("\(String(body.count, radix: 16))\r\n".utf8) + body + Array("\r\n".utf8)
            }
            out += Array("0\r\n\r\n".utf8)
        } else {
            out += body
        }
        return out
    }
}
