package import DataArtsJSON

/// Every problem found in one request, each naming its JSON path or header; reading goes on
/// after a problem, so the client learns all of them at once.
///
/// Shared (`package`) by everything in this package that reads JSON from a client or a file:
/// the services, fault rules, the control API, fixtures and state import.
package struct Violations {
    package private(set) var messages: [String] = []
    private var listed: Set<String> = []

    package init() {}

    package var isEmpty: Bool { messages.isEmpty }

    /// A message already listed is not listed again: a number out of range is found both by the
    /// walk over the whole body and by the field's own reader.
    package mutating func add(_ message: String) {
        guard listed.insert(message).inserted else { return }
        messages.append(message)
    }

    /// Throws DAYU.4402 listing everything found so far, if anything was.
    package func check() throws(APIError) {
        if !messages.isEmpty { throw .badRequest(messages) }
    }

    // MARK: - Typed field readers. A JSON null counts as absent (SPEC §2.2).

    package mutating func string(
        _ object: JSONObject, _ key: String, at path: String, required: Bool = false, maxLength: Int
    ) -> String? {
        let path = Self.join(path, key)
        guard let value = object[key], !value.isNull else {
            if required { add("\(path) is required") }
            return nil
        }
        guard let text = value.string else {
            add("\(path) must be a string, not \(value.typeName)")
            return nil
        }
        let length = text.unicodeScalars.count
        if length > maxLength || (required && length == 0) {
            add("\(path) must be \(required ? 1 : 0) to \(maxLength) characters long, not \(length)")
            return nil
        }
        return text
    }

    /// A JSON integer (no fraction, no exponent) within `range`; `sayInteger` words a value
    /// out of range as "an integer from … to …" (the control API's wording).
    package mutating func integer(
        _ object: JSONObject, _ key: String, at path: String, in range: ClosedRange<Int>, sayInteger: Bool = false
    ) -> Int? {
        let path = Self.join(path, key)
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.number, number.isInteger, let integer = number.intValue else {
            add("\(path) must be an integer, not \(value.number.map { $0.text } ?? value.typeName)")
            return nil
        }
        guard range.contains(integer) else {
            add("\(path) must be \(sayInteger ? "an integer " : "")\(Self.describe(range)), not \(integer)")
            return nil
        }
        return integer
    }

    /// `true` or `false`.
    package mutating func boolean(_ object: JSONObject, _ key: String, at path: String) -> Bool? {
        let path = Self.join(path, key)
        guard let value = object[key], !value.isNull else { return nil }
        guard case .bool(let flag) = value else {
            add("\(path) must be a boolean, not \(value.typeName)")
            return nil
        }
        return flag
    }

    /// Any finite JSON number.
    package mutating func number(_ object: JSONObject, _ key: String, at path: String) -> JSONNumber? {
        let path = Self.join(path, key)
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.number else {
            add("\(path) must be a number, not \(value.typeName)")
            return nil
        }
        guard number.doubleValue.isFinite else {
            add("\(path) is too large a number")
            return nil
        }
        return number
    }

    /// Every number too large for a double, anywhere in `value` (SPEC §2.2): the field readers
    /// see only known keys, and `dw_config` and unknown keys hold anything. The first ten are
    /// named, so that a body of a million such numbers does not make a message of them all.
    package mutating func numbersWithinDoubleRange(_ value: JSONValue) {
        let named = 10
        let paths = value.pathsOfNumbersOutsideDoubleRange(limit: named + 1)
        for path in paths.prefix(named) {
            add("\(path.isEmpty ? "the request body" : path) is too large a number")
        }
        if paths.count > named { add("more numbers are too large") }
    }

    package static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        range.count == 2 ? "\(range.lowerBound) or \(range.upperBound)" : "from \(range.lowerBound) to \(range.upperBound)"
    }
}
