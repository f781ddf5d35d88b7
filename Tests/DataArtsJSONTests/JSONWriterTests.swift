import DataArtsJSON
import Testing

/// The writer's bytes: compact, ordered, minimally escaped.
struct JSONWriterTests {
    static func written(_ text: String) -> String {
        JSONValue.string(text).jsonString
    }

    @Test(arguments: 0..<0x20)
    func escapesEveryControlCharacter(_ code: Int) throws {
        let scalar = try #require(Unicode.Scalar(code))
        let short: [Int: String] = [0x08: #"\b"#, 0x09: #"\t"#, 0x0A: #"\n"#, 0x0C: #"\f"#, 0x0D: #"\r"#]
        let hex = String(code, radix: 16)
        let expected = short[code] ?? #"\u00"# + (hex.count == 1 ? "0" : "") + hex
        #expect(Self.written(String(Character(scalar))) == "\"\(expected)\"")
    }

    @Test func escapesQuoteAndBackslashOnly() {
        #expect(Self.written(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(Self.written("a/b</script>") == #""a/b</script>""#)
        #expect(Self.written("'\u{7F}") == "\"'\u{7F}\"")
    }

    @Test func writesNonASCIIAsRawUTF8() {
        let text = "h\u{E9}llo \u{65E5}\u{672C} \u{1F600} \u{2028}"
        #expect(JSONValue.string(text).serialized() == Array("\"\(text)\"".utf8))
    }

    @Test func escapesKeysLikeValues() {
        let value: JSONValue = ["a\"b\n": "c\u{1}"]
        #expect(value.jsonString == #"{"a\"b\n":"c\u0001"}"#)
    }

    @Test func appendsValuesOneAfterAnother() {
        var writer = JSONWriter()
        writer.write([1, "x"])
        writer.write(nil)
        #expect(writer.bytes == Array(#"[1,"x"]null"#.utf8))
    }

    @Test func writesNumbersAsSpelled() throws {
        let numbers = try ["1.50", "1E+2", "-0", "1e400"].map { JSONValue.number(try #require(JSONNumber(text: $0))) }
        #expect(JSONValue.array(numbers).jsonString == "[1.50,1E+2,-0,1e400]")
    }
}
