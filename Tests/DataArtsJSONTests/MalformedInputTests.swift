import DataArtsJSON
import Testing

/// RFC 8259 applied strictly: each input is refused with the reason and the byte offset a
/// client's error message will quote.
struct MalformedInputTests {
    static let cases: [MalformedJSON] = [
        // Structure
        .init("empty input", "¦", .unexpectedEnd),
        .init("whitespace only", " \t\r\n¦", .unexpectedEnd),
        .init("a bare word", "¦hello", unexpected("h")),
        .init("a closing bracket alone", "¦]", unexpected("]")),
        .init("a trailing comma in an array", "[1,¦]", unexpected("]")),
        .init("a trailing comma in an object", #"{"a":1,¦}"#, unexpected("}")),
        .init("a leading comma in an array", "[¦,1]", unexpected(",")),
        .init("two commas in an array", "[1,¦,2]", unexpected(",")),
        .init("a comma alone in an object", "{¦,}", unexpected(",")),
        .init("items without a comma", "[1 ¦2]", unexpected("2")),
        .init("a semicolon between items", "[1¦;2]", unexpected(";")),
        .init("an unclosed array", #"["a",¦"#, .unexpectedEnd),
        .init("an unclosed object", #"{"a":1¦"#, .unexpectedEnd),
        .init("a number as a key", "{¦1:2}", unexpected("1")),
        .init("a single-quoted key", "{¦'a':1}", unexpected("'")),
        .init("an unquoted key", "{¦a:1}", unexpected("a")),
        .init("a key without a colon", #"{"a" ¦1}"#, unexpected("1")),
        .init("a key without a value", #"{"a"¦}"#, unexpected("}")),
        .init("a colon without a value", #"{"a":¦}"#, unexpected("}")),
        .init("an equals sign for a colon", #"{"a"¦=1}"#, unexpected("=")),
        .init("a block comment", "¦/* note */ {}", unexpected("/")),
        .init("a line comment", "{\"a\":1 ¦// note\n}", unexpected("/")),
        .init("a second document", "{}¦{}", .trailingCharacters),
        .init("a second number", "1 ¦2", .trailingCharacters),
        .init("a colon after a top-level string", #""a"¦:1"#, .trailingCharacters),
        .init("a NUL after the document", "[1]¦\u{0}", .trailingCharacters),
        .init("a byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8), offset: 0, .unexpectedCharacter(0xEF)),
        .init("a no-break space as whitespace", "¦\u{A0}1", .unexpectedCharacter(0xC2)),
        .init("a form feed as whitespace", "¦\u{0C}1", .unexpectedCharacter(0x0C)),
        // Literals
        .init("a capitalised literal", "¦True", unexpected("T")),
        .init("a misspelt literal", "t¦Rue", unexpected("R")),
        .init("a literal cut short", "nul¦", .unexpectedEnd),
        .init("a literal run on", "null¦l", .trailingCharacters),
        .init("NaN", "¦NaN", unexpected("N")),
        .init("Infinity", "¦Infinity", unexpected("I")),
        .init("minus Infinity", "-¦Infinity", .invalidNumber),
        // Numbers
        .init("a leading plus", "¦+1", unexpected("+")),
        .init("a leading zero", "0¦1", .invalidNumber),
        .init("a negative leading zero", "-0¦1", .invalidNumber),
        .init("two zeros", "[0¦0]", .invalidNumber),
        .init("a leading point", "¦.5", unexpected(".")),
        .init("a trailing point", "[1.¦]", .invalidNumber),
        .init("a point before the exponent", "1.¦e5", .invalidNumber),
        .init("a point at the end", "1.¦", .unexpectedEnd),
        .init("an exponent without digits", "[1e¦]", .invalidNumber),
        .init("a signed exponent without digits", "[1e+¦]", .invalidNumber),
        .init("an exponent at the end", "1E¦", .unexpectedEnd),
        .init("a minus alone", "-¦", .unexpectedEnd),
        .init("two minus signs", "-¦-1", .invalidNumber),
        .init("a hex number", "[0¦x10]", unexpected("x")),
        .init("a digit separator", "1¦_000", .trailingCharacters),
        .init("two points", "[1.5¦.3]", unexpected(".")),
        // Strings
        .init("an unterminated string", #""abc¦"#, .unexpectedEnd),
        .init("a raw tab in a string", "\"a¦\tb\"", .controlCharacter),
        .init("a raw newline in a string", "\"a¦\nb\"", .controlCharacter),
        .init("a raw NUL in a key", "{\"k¦\u{0}\":1}", .controlCharacter),
        .init("an unknown escape", #""a¦\x""#, .invalidEscape),
        .init("an escaped single quote", #""¦\'""#, .invalidEscape),
        .init("a backslash at the end", #""\¦"#, .unexpectedEnd),
        .init("a \\u with a non-hex digit", #""¦\u12G4""#, .invalidEscape),
        .init("a \\u with three digits", #""¦\u123""#, .invalidEscape),
        .init("a \\u cut short", #""\u12¦"#, .unexpectedEnd),
        .init("a lone high surrogate", #""¦\uD800""#, .loneSurrogate),
        .init("a lone low surrogate", #""x¦\udc00""#, .loneSurrogate),
        .init("a high surrogate before a letter", #""¦\uD83Dx""#, .loneSurrogate),
        .init("a high surrogate before another escape", #""¦\uD83D\n""#, .loneSurrogate),
        .init("a high surrogate before a BMP escape", #""¦\uD83D\u0041""#, .loneSurrogate),
        .init("two high surrogates", #""¦\uD83D\uD83D""#, .loneSurrogate),
        .init("swapped surrogates", #""¦\uDE00\uD83D""#, .loneSurrogate),
        .init("a high surrogate before a bad \\u", #""\uD83D¦\uZZZZ""#, .invalidEscape),
        .init("a high surrogate at the end", #""\uD83D¦"#, .unexpectedEnd),
    ]

    @Test(arguments: cases)
    func refusesWithTheOffendingOffset(_ input: MalformedJSON) {
        #expect(read(input.bytes) == .failure(input.error))
    }

    @Test func tableIsLargeEnough() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: [
        (JSONError(offset: 12, reason: .unexpectedCharacter(UInt8(ascii: "x"))), "unexpected character 'x' at byte 12"),
        (JSONError(offset: 0, reason: .unexpectedCharacter(0xEF)), "unexpected byte 0xef at byte 0"),
        (JSONError(offset: 3, reason: .unexpectedCharacter(0x0C)), "unexpected byte 0x0c at byte 3"),
        (JSONError(offset: 30, reason: .unexpectedEnd), "unexpected end of input at byte 30"),
        (JSONError(offset: 64, reason: .tooDeep(limit: 64)), "nesting deeper than 64 levels at byte 64"),
        (JSONError(offset: 5, reason: .invalidUTF8), "invalid UTF-8 at byte 5"),
        (JSONError(offset: 3, reason: .invalidEscape), "invalid escape at byte 3"),
        (JSONError(offset: 7, reason: .loneSurrogate), #"lone surrogate in \u escape at byte 7"#),
        (JSONError(offset: 4, reason: .controlCharacter), "control character in string at byte 4"),
        (JSONError(offset: 9, reason: .trailingCharacters), "trailing characters at byte 9"),
        (JSONError(offset: 2, reason: .invalidNumber), "invalid number at byte 2"),
    ])
    func describesTheProblemForAClient(_ error: JSONError, _ description: String) {
        #expect(error.description == description)
    }

    @Test func quotesTheOffendingCharacterInTheDescription() {
        #expect(read("[1,]").failure?.description == "unexpected character ']' at byte 3")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
