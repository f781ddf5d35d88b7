/// A JSON number kept in the client's spelling (`1.0`, `1E+2`, `-0`), so that echoing it back
/// changes nothing; its value is computed on demand.
///
/// Two numbers are equal when they are spelled alike: `1.0` is not `1`, because a client that
/// sent `1.0` must get `1.0` back.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written; always RFC 8259 §6 grammar.
    public let text: String

    public init(_ value: Int) {
        text = String(value)
    }

    /// A finite double in Swift's shortest round-tripping spelling (`0.5`, `1e+20`);
    /// non-finite values, which JSON cannot spell, become `0`.
    public init(_ value: Double) {
        text = value.isFinite ? value.description : "0"
    }

    /// A number from text in RFC 8259 §6 grammar, with nothing around it; nil otherwise.
    public init?(text: String) {
        // The reader's own grammar, so the two cannot disagree. Whitespace the reader skips
        // would make `text` differ from the number read, so it is refused too.
        do throws(JSONError) {
            guard let number = try JSONReader.parse(text.utf8).number, number.text == text else { return nil }
            self = number
        } catch {
            return nil
        }
    }

    /// For the reader, which has checked the grammar already.
    init(validated text: String) {
        self.text = text
    }

    /// No fraction and no exponent: `1` and `-0`, not `1.0` or `1e0`.
    public var isInteger: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value when it is an integer (see `isInteger`) that fits an `Int`; nil otherwise.
    public var intValue: Int? {
        isInteger ? Int(text) : nil
    }

    /// The nearest double; infinite when the number is too large for one (`1e400`), which
    /// callers that need a finite value must refuse.
    public var doubleValue: Double {
        // Double's parser accepts all of JSON's grammar; NaN would only mark a broken `text`,
        // and it fails the same `isFinite` checks that infinity does.
        Double(text) ?? .nan
    }

    /// Whether the number has a finite double: false for `1e400`, `-1e400` and integers of
    /// more than 309 digits, true for `1e-400`, which rounds to zero.
    public var isWithinDoubleRange: Bool {
        doubleValue.isFinite
    }

    public var description: String { text }
}
