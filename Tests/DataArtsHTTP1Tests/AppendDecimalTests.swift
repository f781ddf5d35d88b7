import DataArtsHTTP1
import Testing

/// `[UInt8].appendDecimal` spells every value as `String(value)` does, after what is there.
struct AppendDecimalTests {
    @Test(arguments: [0, 7, 9, 10, 99, 100, 101, 1_000, 65_536, 1_234_567, Int.max, -1, -42, Int.min])
    func spellsTheValueAsStringDoes(_ value: Int) {
        var out = Array("x=".utf8)
        out.appendDecimal(value)
        #expect(String(decoding: out, as: UTF8.self) == "x=\(value)")
    }
}
