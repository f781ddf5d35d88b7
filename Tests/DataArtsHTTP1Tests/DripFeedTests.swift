import DataArtsHTTP1
import Testing

/// Valid requests fed as every prefix, the way a slow client's bytes arrive: the parser must
/// ask for more until the last byte, never fail early, and then give exactly the request.
struct DripFeedTests {
    let parser = RequestParser()

    @Test(arguments: ValidInput.all)
    func waitsForMoreBytesAtEverySplit(_ input: ValidInput) {
        for end in 0..<input.bytes.count {
            #expect(ParseOutcome(parser, input.bytes[..<end]) == .needMore, "split at \(end)")
        }
    }

    @Test(arguments: ValidInput.all)
    func parsesTheWholeBufferIntoTheExactRequest(_ input: ValidInput) {
        #expect(ParseOutcome(parser, input.bytes[...]) == .complete(input.request, consumed: input.bytes.count))
    }

    @Test(arguments: ValidInput.all)
    func reportsTheHeadOnceTheHeaderSectionIsComplete(_ input: ValidInput) throws {
        for end in 0..<input.bytes.count {
            let progress = try parser.progress(input.bytes[..<end])
            guard end >= input.headEnd else {
                #expect(progress == .needMore(head: nil), "split at \(end)")
                continue
            }
            guard case .needMore(let head?) = progress else {
                Issue.record("split at \(end): \(progress), expected the head")
                return
            }
            #expect(head.method == input.request.method)
            #expect(head.target == input.request.target)
            #expect(head.version == input.request.version)
            #expect(head.headers == input.request.headers)
            #expect(head.framing == input.framing)
        }
    }

    @Test(arguments: ValidInput.all)
    func ignoresBytesAfterTheRequest(_ input: ValidInput) {
        let more = input.bytes + Array("GET /next HTTP/1.1\r\n".utf8)
        #expect(ParseOutcome(parser, more[...]) == .complete(input.request, consumed: input.bytes.count))
    }

    @Test(arguments: ValidInput.all)
    func reparsesItsOwnWireBytes(_ input: ValidInput) {
        let wire = input.request.wireBytes
        #expect(ParseOutcome(parser, wire[...]) == .complete(input.request, consumed: wire.count))
    }
}
