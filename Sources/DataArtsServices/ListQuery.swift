import DataArtsHTTP1

/// The list operation's query (SPEC §2.3): all strings on the wire.
struct ListQuery: Sendable {
    static let maxInteger = 2_147_483_647

    var name: String?
    var type: String?
    var limit: Int?
    var offset = 0

    init(_ raw: Substring?, _ violations: inout Violations) {
        for (key, value) in QueryString.pairs(raw) {
            switch key {
            case "name": name = value.lowercased()
            case "type": type = value.lowercased()
            case "limit": limit = Self.integer(value, named: "limit", in: 1...Self.maxInteger, &violations)
            case "offset": offset = Self.integer(value, named: "offset", in: 0...Self.maxInteger, &violations) ?? 0
            default: break  // service, ip and unknown keys are accepted and ignored
            }
        }
    }

    /// Whether any connection could fail `matches`.
    var hasFilters: Bool { name != nil || type != nil }

    /// `name` is a case-insensitive substring, `type` an exact case-insensitive match.
    func matches(_ connection: DataConnection) -> Bool {
        (name.map { connection.settings.name.lowercased().contains($0) } ?? true)
            && (type.map { connection.settings.type.lowercased() == $0 } ?? true)
    }

    private static func integer(
        _ text: String, named name: String, in range: ClosedRange<Int>, _ violations: inout Violations
    ) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = Int(text), range.contains(value)
        else {
            violations.add("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            return nil
        }
        return value
    }
}
