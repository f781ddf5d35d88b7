/// A string compared and hashed by its UTF-8 bytes, where `String` uses canonical equivalence:
/// RFC 8259 §8.3 compares strings code unit by code unit, so `"\u00e9"` and `"e\u0301"` differ.
struct ExactString: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactString, rhs: ExactString) -> Bool {
        guard lhs.text.utf8.count == rhs.text.utf8.count else { return false }
        var left = lhs.text
        var right = rhs.text
        // An index loop over the raw bytes: `elementsEqual` on the views is generic, and many
        // times slower in debug builds, which run the test suites.
        return left.withUTF8 { left in
            right.withUTF8 { right in
                var index = 0
                while index < left.count {
                    guard left[index] == right[index] else { return false }
                    index += 1
                }
                return true
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
