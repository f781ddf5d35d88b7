import Foundation
import DataArtsJSON
import DataArtsTestSupport
import Testing

/// Replays the fuzzing corpus (`scripts/fuzz.sh json` grows it) through the reader and checks
/// the fuzzer's main property, so that an input it once found stays covered.
struct FuzzCorpusTests {
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        try Fixtures.corpus("json")
    }

    /// The hand-written seeds are `seed-NN.json`, all valid; merged fuzzer finds may not be.
    @Test func handWrittenSeedsAreValidJSON() throws {
        let seeds = try Self.corpus().filter { $0.name.hasPrefix("seed-") }
        #expect(seeds.count >= 20)
        for (name, bytes) in seeds {
            #expect(read(bytes).failure == nil, "\(name)")
        }
    }

    @Test func everyInputReadsBackAsItselfOrIsRefusedWithinItsBytes() throws {
        for (name, bytes) in try Self.corpus() {
            switch read(bytes) {
            case .success(let value):
                let written = value.serialized()
                #expect(written.count <= bytes.count, "\(name)")
                #expect(read(written) == .success(value), "\(name)")
            case .failure(let error):
                #expect(error.offset >= 0 && error.offset <= bytes.count, "\(name): \(error)")
            }
        }
    }
}
