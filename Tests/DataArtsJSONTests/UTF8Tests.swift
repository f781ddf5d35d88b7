import DataArtsJSON
import Testing

/// Strings must be well-formed UTF-8 (RFC 8259 §8.1), checked against Unicode's Table 3-7, and
/// `\u` escapes must pair their surrogates (RFC 8259 §7).
struct UTF8Tests {
    /// `"ab` + the sequence + `"`: the error names the sequence's first byte, offset 3.
    static func quoted(_ sequence: [UInt8]) -> [UInt8] {
        Array(#""ab"#.utf8) + sequence + [UInt8(ascii: "\"")]
    }

    @Test(arguments: [
        ("a lone continuation byte", [0x80]),
        ("the last continuation byte alone", [0xBF]),
        ("an overlong NUL", [0xC0, 0x80]),
        ("an overlong two-byte sequence", [0xC1, 0xBF]),
        ("an overlong three-byte sequence", [0xE0, 0x80, 0x80]),
        ("the highest overlong three-byte sequence", [0xE0, 0x9F, 0xBF]),
        ("an encoded high surrogate", [0xED, 0xA0, 0x80]),
        ("an encoded low surrogate", [0xED, 0xBF, 0xBF]),
        ("an overlong four-byte sequence", [0xF0, 0x80, 0x80, 0x80]),
        ("the highest overlong four-byte sequence", [0xF0, 0x8F, 0xBF, 0xBF]),
        ("U+110000", [0xF4, 0x90, 0x80, 0x80]),
        ("a five-byte lead", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("an F5 lead", [0xF5, 0x80, 0x80, 0x80]),
        ("an FE byte", [0xFE]),
        ("an FF byte", [0xFF]),
        ("a two-byte sequence cut short", [0xC3]),
        ("a three-byte sequence cut short", [0xE2, 0x82]),
        ("a four-byte sequence cut short", [0xF0, 0x9F, 0x98]),
        ("a bad third byte", [0xF0, 0x9F, 0x41, 0x80]),
        ("a bad fourth byte", [0xF0, 0x9F, 0x98, 0xC0]),
        ("Latin-1 text", [0x63, 0x61, 0x66, 0xE9]),
    ] as [(String, [UInt8])])
    func refusesIllFormedSequences(_ name: String, _ sequence: [UInt8]) {
        let lead = 3 + (sequence.firstIndex { $0 >= 0x80 } ?? 0)
        #expect(read(Self.quoted(sequence)) == .failure(JSONError(offset: lead, reason: .invalidUTF8)), "\(name)")
    }

    @Test func refusesIllFormedBytesInKeys() {
        let bytes = Array(#"{"k"#.utf8) + [0xC0, 0xAF] + Array(#"":1}"#.utf8)
        #expect(read(bytes) == .failure(JSONError(offset: 3, reason: .invalidUTF8)))
    }

    @Test func reportsASequenceCutByTheEndOfInputAsTheEnd() {
        #expect(read(Array(#""ab"#.utf8) + [0xE2, 0x82]) == .failure(JSONError(offset: 5, reason: .unexpectedEnd)))
    }

    @Test func refusesNonASCIIOutsideStrings() {
        #expect(read([0xC3, 0xA9]) == .failure(JSONError(offset: 0, reason: .unexpectedCharacter(0xC3))))
        #expect(read(Array("[1,".utf8) + [0xE2, 0x80, 0x83] + Array("2]".utf8))
            == .failure(JSONError(offset: 3, reason: .unexpectedCharacter(0xE2))))
    }

    @Test(arguments: [
        [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
    ] as [[UInt8]])
    func keepsWellFormedBoundarySequencesByteForByte(_ sequence: [UInt8]) throws {
        let value = try JSONReader.parse(Self.quoted(sequence))
        #expect(Array(try #require(value.string).utf8) == Array("ab".utf8) + sequence)
        #expect(value.serialized() == Self.quoted(sequence))
    }

    @Test(arguments: [
        (#"\ud83d\ude00"#, "\u{1F600}"),
        (#"\uD83D\uDE00"#, "\u{1F600}"),
        (#"\uD800\uDC00"#, "\u{10000}"),
        (#"\uDBFF\uDFFF"#, "\u{10FFFF}"),
        (#"\uD834\uDD1E"#, "\u{1D11E}"),
        (#"a\ud83d\ude00b\u00e9"#, "a\u{1F600}b\u{E9}"),
    ])
    func joinsSurrogatePairs(_ escaped: String, _ expected: String) throws {
        let value = try JSONReader.parse(Array("\"\(escaped)\"".utf8))
        #expect(value == .string(expected))
        #expect(value.serialized() == Array("\"\(expected)\"".utf8))
    }

    @Test(arguments: [0x0000, 0x0041, 0x00E9, 0x07FF, 0x0800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF] as [UInt32])
    func decodesEveryBMPEscapeToItsScalar(_ code: UInt32) throws {
        let hex = String(code, radix: 16)
        let escape = "\"\\u" + String(repeating: "0", count: 4 - hex.count) + hex + "\""
        let scalar = try #require(Unicode.Scalar(code))
        #expect(try JSONReader.parse(Array(escape.utf8)) == .string(String(Character(scalar))))
    }

    @Test func escapedAndRawSpellingsReadAlike() throws {
        #expect(try JSONReader.parse(Array(#""\u00e9\ud83d\ude00""#.utf8)) == JSONReader.parse(Array("\"\u{E9}\u{1F600}\"".utf8)))
    }
}
