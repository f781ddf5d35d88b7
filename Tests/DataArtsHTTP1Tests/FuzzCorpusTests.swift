import Foundation
import DataArtsHTTP1
import DataArtsTestSupport
import Testing

/// Replays the fuzzing corpus (`scripts/fuzz.sh http1` grows it) through the parser and checks
/// the properties the fuzzer checks, so that an input it once found stays covered.
struct FuzzCorpusTests {
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        try Fixtures.corpus("http1")
    }

    /// The default limits, and small ones that every limit check meets.
    static let parsers = [
        RequestParser(),
        RequestParser(limits: .init(maxRequestLineBytes: 64, maxHeaderBytes: 256, maxHeaderCount: 8, maxBodyBytes: 64)),
    ]

    @Test func corpusHoldsBothRequestsAndRefusals() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 20)
        let outcomes = corpus.map { ParseOutcome(Self.parsers[0], $0.bytes[...]) }
        #expect(outcomes.contains { if case .complete = $0 { true } else { false } })
        #expect(outcomes.contains { if case .failure = $0 { true } else { false } })
    }

    @Test func everyPipelinedRequestIsConsumedWithinTheInputAndReparsesToItself() throws {
        for (name, bytes) in try Self.corpus() {
            for parser in Self.parsers {
                var rest = bytes[...]
                while case .complete(let request, let consumed) = ParseOutcome(parser, rest) {
                    #expect(consumed > 0 && consumed <= rest.count, "\(name)")
                    // Written back with `name: value` lines and CRLF the head can grow, so the
                    // re-parse gets room for it; every other limit stays.
                    var roomy = parser.limits
                    roomy.maxHeaderBytes = .max
                    let wire = request.wireBytes
                    #expect(ParseOutcome(RequestParser(limits: roomy), wire[...]) == .complete(request, consumed: wire.count),
                            "\(name)")
                    rest = rest.dropFirst(consumed)
                }
            }
        }
    }

    @Test func everyPrefixAgreesWithTheWholeInput() throws {
        for (name, bytes) in try Self.corpus() {
            for parser in Self.parsers {
                let whole = ParseOutcome(parser, bytes[...])
                // Every split for small inputs, 64 of them for larger ones.
                let step = max(1, bytes.count / 64)
                for end in stride(from: 0, through: bytes.count, by: step) {
                    let prefix = ParseOutcome(parser, bytes[..<end])
                    switch (prefix, whole) {
                    case (.needMore, _):
                        if case .complete(_, let consumed) = whole {
                            #expect(end < consumed, "\(name): the request was all there at \(end)")
                        }
                    case (.complete, _), (.failure, _):
                        #expect(prefix == whole, "\(name): split at \(end)")
                    }
                }
            }
        }
    }
}
