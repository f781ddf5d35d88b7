import DataArtsJSON
import Testing

/// Valid documents and the compact bytes the writer gives for them: whitespace goes, key
/// order, number spelling and string contents stay.
struct RoundTripTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let written: String
        var testDescription: String { String(reflecting: input) }
    }

    static let cases: [Case] = [
        // Key order as received, never sorted.
        .init(input: #"{"b":1,"a":2,"c":3}"#, written: #"{"b":1,"a":2,"c":3}"#),
        .init(input: #"{"z":{"y":[],"x":{}},"a":null}"#, written: #"{"z":{"y":[],"x":{}},"a":null}"#),
        // Whitespace of all four kinds, anywhere it may go.
        .init(input: " \t\r\n{ \"a\" :\t[ 1 ,\n2 ] , \"b\" : { } }\r\n", written: #"{"a":[1,2],"b":{}}"#),
        .init(input: "[ ]", written: "[]"),
        // Numbers keep their spelling.
        .init(input: "1.50", written: "1.50"),
        .init(input: "1E+2", written: "1E+2"),
        .init(input: "-0", written: "-0"),
        .init(input: "-0.0e-0", written: "-0.0e-0"),
        .init(input: "0.0", written: "0.0"),
        .init(input: "1e400", written: "1e400"),
        .init(input: "[123456789012345678901234567890,-1.25e-308]", written: "[123456789012345678901234567890,-1.25e-308]"),
        // Scalars at the top level.
        .init(input: "true", written: "true"),
        .init(input: " false ", written: "false"),
        .init(input: "null", written: "null"),
        .init(input: #""""#, written: #""""#),
        // Strings: escapes decoded, then written minimally.
        .init(input: #""\/""#, written: #""/""#),
        .init(input: #"{"url":"http://host/path"}"#, written: #"{"url":"http://host/path"}"#),
        .init(input: #""\"\\""#, written: #""\"\\""#),
        .init(input: #""\u0022\u005C""#, written: #""\"\\""#),
        .init(input: #""\b\f\n\r\t""#, written: #""\b\f\n\r\t""#),
        .init(input: #""\u0008\u000C\u000a\u000D\u0009""#, written: #""\b\f\n\r\t""#),
        .init(input: #""\u0000\u0001\u001F""#, written: #""\u0000\u0001\u001f""#),
        .init(input: #""\u007f""#, written: "\"\u{7F}\""),
        .init(input: #""\u00e9\u20AC""#, written: "\"é€\""),
        .init(input: #""\ud83d\ude00""#, written: "\"😀\""),
        .init(input: "\"h\u{E9}llo \u{65E5}\u{672C} \u{1F600}\"", written: "\"h\u{E9}llo \u{65E5}\u{672C} \u{1F600}\""),
        .init(input: #"{"":""}"#, written: #"{"":""}"#),
        // Repeated keys: the later value, in the earlier key's place.
        .init(input: #"{"a":1,"a":2}"#, written: #"{"a":2}"#),
        .init(input: #"{"a":1,"b":2,"a":3}"#, written: #"{"a":3,"b":2}"#),
        // Nested containers of every kind.
        .init(input: #"[[],{},[[]],{"a":{"b":[1,{"c":"d"}]}}]"#, written: #"[[],{},[[]],{"a":{"b":[1,{"c":"d"}]}}]"#),
    ]

    @Test(arguments: cases)
    func writesCompactBytesThatReadBackTheSame(_ input: Case) throws {
        let value = try JSONReader.parse(Array(input.input.utf8))
        #expect(value.jsonString == input.written)
        #expect(value.serialized() == Array(input.written.utf8))
        #expect(read(value.serialized()) == .success(value))
    }

    @Test func readsFromAnyCollectionOfBytes() throws {
        let bytes = Array(#"xx{"a":[1]}yy"#.utf8)
        let expected: JSONValue = ["a": [1]]
        #expect(try JSONReader.parse(bytes[2..<11]) == expected)
        #expect(try JSONReader.parse(#"{"a":[1]}"#.utf8) == expected)
        #expect(try JSONReader.parse(AnyCollection(bytes[2..<11])) == expected)
    }

    @Test func reportsOffsetsFromTheStartOfASlice() {
        let bytes = Array("[1,]  [1,]".utf8)
        #expect(read(bytes[6...]) == .failure(JSONError(offset: 3, reason: unexpected("]"))))
    }

    /// About 1 MiB of vendor-shaped records, with escapes and non-ASCII; SPEC §2.6 allows
    /// bodies of 12 MiB, so this must stay quick (the suite's time shows it; nothing is timed).
    @Test func readsAndWritesAMebibyteDocument() throws {
        let record = #"{"dw_name":"conn_\#u{E9}\"x\"","dw_type":"HIVE","dw_config":{"url":"http://h/p","port":10000,"ratio":1.50,"ok":true,"none":null,"tags":["a","b\n"]}}"#
        let count = (1 << 20) / record.utf8.count + 1
        let records = Array(repeating: record, count: count)
        let text = "[" + records.joined(separator: ",\n") + "]"
        #expect(text.utf8.count > 1 << 20)
        let value = try JSONReader.parse(Array(text.utf8))
        let items = try #require(value.array)
        #expect(items.count == count)
        #expect(items.last?.object?["dw_config"]?.object?["ratio"]?.number?.text == "1.50")
        // Byte for byte the input but for the newlines between records.
        #expect(value.serialized() == Array(("[" + records.joined(separator: ",") + "]").utf8))
    }
}
