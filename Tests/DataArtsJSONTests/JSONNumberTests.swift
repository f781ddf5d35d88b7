import DataArtsJSON
import Testing

/// Numbers keep the client's spelling; their values are derived on demand.
struct JSONNumberTests {
    @Test(arguments: [
        ("0", true), ("-0", true), ("42", true), ("-9223372036854775809", true),
        ("1.0", false), ("1e0", false), ("1E2", false), ("0.5", false), ("-1.5e-3", false),
    ])
    func callsOnlyPlainDigitsIntegers(_ text: String, _ isInteger: Bool) throws {
        #expect(try #require(JSONNumber(text: text)).isInteger == isInteger)
    }

    @Test(arguments: [
        ("0", 0), ("-0", 0), ("17", 17), ("-17", -17),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ("9223372036854775808", nil), ("-9223372036854775809", nil), ("100000000000000000000", nil),
        ("1.0", nil), ("1e2", nil),
    ] as [(String, Int?)])
    func givesAnIntOnlyForIntegersThatFit(_ text: String, _ expected: Int?) throws {
        #expect(try #require(JSONNumber(text: text)).intValue == expected)
    }

    @Test func givesDoublesIncludingInfinityForHugeOnes() throws {
        #expect(try #require(JSONNumber(text: "1.5")).doubleValue == 1.5)
        #expect(try #require(JSONNumber(text: "1E+2")).doubleValue == 100)
        #expect(try #require(JSONNumber(text: "-0")).doubleValue.sign == .minus)
        #expect(try #require(JSONNumber(text: "1e400")).doubleValue == .infinity)
        #expect(try #require(JSONNumber(text: "-1e400")).doubleValue == -.infinity)
        #expect(try #require(JSONNumber(text: "1e-400")).doubleValue == 0)
    }

    @Test(arguments: [
        ("1e400", false), ("-1e400", false), (String(repeating: "9", count: 401), false), ("1.7976931348623159e308", false),
        ("1.7976931348623157e308", true), ("-1.7976931348623157e308", true), ("1e-400", true), ("0", true),
    ])
    func saysWhetherTheNumberHasAFiniteDouble(_ text: String, _ within: Bool) throws {
        #expect(try #require(JSONNumber(text: text)).isWithinDoubleRange == within)
    }

    /// SPEC §2.2: a number too large for a double is refused wherever it is, so the walk must
    /// reach into arrays and objects at any depth and name each one's path.
    @Test func findsEveryNumberOutsideTheDoubleRangeWithItsPath() throws {
        let text = #"{"a":1,"dw_config":{"port":1e400,"deep":[0,{"x":-1e400}]},"b":[\#(String(repeating: "1", count: 401))],"c":1e-400}"#
        let value = try JSONReader.parse(Array(text.utf8))
        #expect(value.pathsOfNumbersOutsideDoubleRange(under: "body") == ["body.dw_config.port", "body.dw_config.deep[1].x", "body.b[0]"])
        #expect(value.pathsOfNumbersOutsideDoubleRange(limit: 2) == ["dw_config.port", "dw_config.deep[1].x"])
        #expect(JSONValue.number(try #require(JSONNumber(text: "1e400"))).pathsOfNumbersOutsideDoubleRange() == [""])
        #expect(try JSONReader.parse(Array(#"[1.5,{"a":[2e308]}]"#.utf8)).pathsOfNumbersOutsideDoubleRange() == ["[1].a[0]"])
    }

    @Test(arguments: ["0", "-0", "1.50", "1E+2", "1e-7", "-12.5e10", "123456789012345678901234567890"])
    func acceptsTheGrammarAndKeepsTheText(_ text: String) throws {
        #expect(try #require(JSONNumber(text: text)).text == text)
    }

    @Test(arguments: ["", " 1", "1 ", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "-", "NaN", "Infinity", "0x1F", "1_000", "\"1\"", "[1]"])
    func refusesTextOutsideTheGrammar(_ text: String) {
        #expect(JSONNumber(text: text) == nil)
    }

    @Test func writesIntsAndDoublesInShortestForm() {
        #expect(JSONNumber(-42).text == "-42")
        #expect(JSONNumber(Int.min).text == "-9223372036854775808")
        #expect(JSONNumber(0.5).text == "0.5")
        #expect(JSONNumber(1.0).text == "1.0")
        #expect(JSONNumber(1e20).text == "1e+20")
        #expect(JSONNumber(Double.nan).text == "0")
        #expect(JSONNumber(-Double.infinity).text == "0")
    }

    @Test func doublesAlwaysSpellValidJSON() {
        for value in [0.1, -0.0, .leastNonzeroMagnitude, 1.7976931348623157e308, 123456789.125, 1e-7] {
            #expect(JSONNumber(text: JSONNumber(value).text) != nil, "\(value)")
        }
    }

    @Test func comparesBySpelling() throws {
        #expect(try #require(JSONNumber(text: "1")) == JSONNumber(1))
        #expect(try #require(JSONNumber(text: "1.0")) != JSONNumber(1))
        #expect(try #require(JSONNumber(text: "1e2")) != #require(JSONNumber(text: "1E2")))
    }
}
