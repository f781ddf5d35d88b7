import DataArtsJSON
import Testing

/// SPEC §1: nesting deeper than 64 levels is refused before it can exhaust a stack. A
/// top-level array is depth 1; the bracket that opens level 65 is the offending byte.
struct NestingTests {
    static func arrays(_ depth: Int) -> [UInt8] {
        Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
    }

    static func objects(_ depth: Int) -> String {
        String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
    }

    @Test func acceptsSixtyFourNestedArrays() throws {
        var value = try JSONReader.parse(Self.arrays(64))
        var depth = 0
        while let items = value.array {
            depth += 1
            value = items.first ?? .null
        }
        #expect(depth == 64)
    }

    @Test func refusesTheSixtyFifthArrayAtItsBracket() {
        #expect(read(Self.arrays(65)) == .failure(JSONError(offset: 64, reason: .tooDeep(limit: 64))))
    }

    @Test func countsObjectsLikeArrays() {
        #expect(read(Self.objects(64)).failure == nil)
        let sixtyFifth = 64 * #"{"a":"#.utf8.count
        #expect(read(Self.objects(65)) == .failure(JSONError(offset: sixtyFifth, reason: .tooDeep(limit: 64))))
    }

    @Test func countsMixedNesting() {
        let mixed = String(repeating: #"[{"k":"#, count: 32)
        #expect(read(mixed + "1" + String(repeating: "}]", count: 32)).failure == nil)
        #expect(read(mixed + "[]" + String(repeating: "}]", count: 32)).failure?.reason == .tooDeep(limit: 64))
    }

    @Test func refusesAnEmptyContainerPastTheLimit() {
        #expect(read(String(repeating: "[", count: 64) + "{}" + String(repeating: "]", count: 64))
            == .failure(JSONError(offset: 64, reason: .tooDeep(limit: 64))))
    }

    /// Closing a container gives its level back: many deep siblings are fine.
    @Test func measuresDepthNotTotalContainers() {
        let deepSibling = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        let siblings = "[" + Array(repeating: deepSibling, count: 100).joined(separator: ",") + "]"
        #expect(read(siblings).failure == nil)
    }

    @Test(arguments: [100_000, 1_000_000])
    func refusesVeryDeepInputWithoutRecursing(_ depth: Int) {
        let open = [UInt8](repeating: UInt8(ascii: "["), count: depth)
        #expect(read(open) == .failure(JSONError(offset: 64, reason: .tooDeep(limit: 64))))
        #expect(read(Array(repeating: UInt8(ascii: "{"), count: depth)) == .failure(JSONError(offset: 1, reason: unexpected("{"))))
        let objects = Array(String(repeating: #"{"":"#, count: depth).utf8)
        #expect(read(objects) == .failure(JSONError(offset: 64 * 4, reason: .tooDeep(limit: 64))))
    }

    @Test func takesAnotherLimit() {
        #expect(read("[[[1]]]", maxDepth: 3).failure == nil)
        #expect(read("[[[[1]]]]", maxDepth: 3) == .failure(JSONError(offset: 3, reason: .tooDeep(limit: 3))))
        #expect(read("1", maxDepth: 0) == .success(1))
        #expect(read("[]", maxDepth: 0) == .failure(JSONError(offset: 0, reason: .tooDeep(limit: 0))))
    }

    /// The reader keeps no depth on the call stack, so a high limit is safe for the reader
    /// itself (the writer and equality still recurse once per level of the value).
    @Test func readsDeepInputUnderAHighLimit() {
        let depth = 10_000
        #expect(read(Self.arrays(depth), maxDepth: depth).failure == nil)
    }
}
