import DataArtsHTTP1
import Testing

/// A connection parses with one `RequestDecoder` that resumes where it stopped: it must agree
/// with a parse from scratch at every split, and look at each byte once, so that a request
/// dripped in one byte at a time costs what it costs in one read (issue 10 item 8).
struct RequestDecoderTests {
    /// What a decoder fed `bytes` one more byte at a time says at each prefix, up to its first
    /// complete request or error.
    static func resumedOutcomes(_ bytes: [UInt8], limits: RequestParser.Limits = .init()) -> [ParseOutcome] {
        var decoder = RequestDecoder(limits: limits)
        var outcomes: [ParseOutcome] = []
        for end in 0...bytes.count {
            do throws(HTTPParseError) {
                switch try decoder.progress(bytes[..<end]) {
                case .needMore: outcomes.append(.needMore)
                case .complete(let request, let consumed):
                    outcomes.append(.complete(request, consumed: consumed))
                    return outcomes
                }
            } catch {
                outcomes.append(.failure(error))
                return outcomes
            }
        }
        return outcomes
    }

    static func checkAgreement(_ bytes: [UInt8], limits: RequestParser.Limits = .init(), _ name: String) {
        let parser = RequestParser(limits: limits)
        for (end, resumed) in resumedOutcomes(bytes, limits: limits).enumerated() {
            #expect(resumed == ParseOutcome(parser, bytes[..<end]), "\(name): split at \(end)")
        }
    }

    @Test(arguments: ValidInput.all)
    func resumedParsingAgreesWithAFreshParseAtEverySplitOfValidInput(_ input: ValidInput) {
        Self.checkAgreement(input.bytes, input.name)
    }

    @Test(arguments: MalformedRequestTests.inputs)
    func resumedParsingAgreesWithAFreshParseAtEverySplitOfMalformedInput(_ input: MalformedInput) {
        Self.checkAgreement(input.bytes, limits: MalformedRequestTests.parser.limits, input.name)
    }

    @Test func resumedParsingAgreesOnTheFuzzCorpus() throws {
        for (name, bytes) in try FuzzCorpusTests.corpus() where bytes.count <= 4096 {
            for parser in FuzzCorpusTests.parsers {
                Self.checkAgreement(bytes, limits: parser.limits, name)
            }
        }
    }

    /// A head of 30 KiB of fields and a chunked body of 2,000 chunks, dripped a byte at a time:
    /// the decoder looks at no byte twice, so it examines no more than in one read. A parse
    /// from scratch on each read (the stateless parser) examines every byte again each time.
    @Test func examinesEachByteOnceHoweverTheBytesArrive() {
        let fields = (0..<100).map { "X-Field-\($0): \(String(repeating: "v", count: 280))\r\n" }.joined()
        let chunks = (0..<2000).map { _ in "3;ext=\(String(repeating: "e", count: 20))\r\nabc\r\n" }.joined()
        let text = "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n" + fields + "\r\n" + chunks + "0\r\n\r\n"
        let bytes = Array(text.utf8)

        var whole = RequestDecoder()
        guard case .complete(let request, let consumed) = try? whole.progress(bytes[...]) else {
            Issue.record("the request should parse")
            return
        }
        #expect(consumed == bytes.count)
        #expect(request.body.count == 6000)
        #expect(whole.examined <= bytes.count)

        var dripped = RequestDecoder()
        var last: RequestParser.Progress?
        for end in 1...bytes.count {
            last = try? dripped.progress(bytes[..<end])
        }
        #expect(last == .complete(request, consumed: bytes.count))
        #expect(dripped.examined == whole.examined)
    }

    /// The content of a Content-Length body is copied once, not scanned, on however many reads.
    @Test func waitsForALargeContentLengthBodyWithoutScanningIt() throws {
        let head = Array("PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n".utf8)
        let bytes = head + [UInt8](repeating: UInt8(ascii: "b"), count: 100_000)
        var decoder = RequestDecoder()
        for end in stride(from: 1, to: bytes.count, by: 7) {
            guard case .needMore = try decoder.progress(bytes[..<end]) else {
                Issue.record("complete before its last byte at \(end)")
                return
            }
        }
        guard case .complete(let request, _) = try decoder.progress(bytes[...]) else {
            Issue.record("the request should parse")
            return
        }
        #expect(request.body.count == 100_000)
        #expect(decoder.examined <= head.count)
    }

    @Test func startsAfreshAfterEachPipelinedRequest() throws {
        let one = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
        let bytes = Array((one + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi").utf8)
        var decoder = RequestDecoder()
        guard case .complete(let first, let consumed) = try decoder.progress(bytes[...]) else {
            Issue.record("the first request should parse")
            return
        }
        #expect(first.target == "/a")
        #expect(consumed == one.utf8.count)
        guard case .complete(let second, _) = try decoder.progress(bytes[consumed...]) else {
            Issue.record("the second request should parse")
            return
        }
        #expect(second.body == Array("hi".utf8))
    }

    // MARK: - Chunk framing counts toward the body limit

    /// 1-byte chunks with 4,000-byte extensions: 300 MB on the wire for a body of 75 KB was
    /// buffered whole. The framing counts toward the body limit and is refused with 413 at
    /// the byte that crosses its bound (SPEC §5: a chunked body that crosses the limit).
    @Test func refusesChunkExtensionsThatTakeTheFramingPastItsBound() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let chunk = "1;" + String(repeating: "x", count: 4000) + "\r\na\r\n"
        let limit = RequestDecoder.maxFramingBytes(forBodyLimit: RequestParser.Limits().maxBodyBytes)
        // Each chunk is 4,006 bytes of framing and one byte of data.
        let fitting = limit / 4006
        let bytes = Array((head + String(repeating: chunk, count: fitting + 1)).utf8)
        let crossing = head.utf8.count + fitting * chunk.utf8.count + (limit - fitting * 4006) + 1
        #expect(ParseOutcome(RequestParser(), bytes[..<(crossing - 1)]) == .needMore)
        #expect(ParseOutcome(RequestParser(), bytes[..<crossing]) == .failure(.bodyTooLarge))
        #expect(HTTPParseError.bodyTooLarge.status.code == 413)
    }

    @Test func acceptsTheFramingOfManySmallChunksWithinTheBound() throws {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let bytes = Array((head + String(repeating: "1\r\na\r\n", count: 10_000) + "0\r\nT: 1\r\n\r\n").utf8)
        let parsed = try #require(try RequestParser().parse(bytes[...]))
        #expect(parsed.request.body.count == 10_000)
    }

    /// One chunk-size line, extensions included, is bounded on its own: 400.
    @Test func refusesAChunkLineLongerThan4KiB() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let line = "1;" + String(repeating: "x", count: RequestDecoder.maxChunkLineBytes)
        #expect(ParseOutcome(RequestParser(), head + line) == .failure(.invalidChunkSize))
        #expect(HTTPParseError.invalidChunkSize.status.code == 400)
    }
}
