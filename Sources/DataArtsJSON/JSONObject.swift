/// A JSON object that keeps its members in the order they were written, so that a client's
/// `dw_config` comes back as it was sent and a vendor reply lists keys in the vendor's order.
///
/// Keys are told apart by their UTF-8 bytes, as RFC 8259 §8.3 compares strings, not by Swift's
/// canonical equivalence: `"\u00e9"` and `"e\u0301"` are two keys. Each key appears once:
/// setting a key that is there replaces its value in place (Python's `dict` semantics, also
/// what the reader does with a repeated key). Two objects are equal when they hold the same
/// members in the same order.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One key and its value.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }

        public static func == (lhs: Member, rhs: Member) -> Bool {
            ExactString(lhs.key) == ExactString(rhs.key) && lhs.value == rhs.value
        }
    }

    /// The members in order, with no two keys alike.
    public private(set) var members: [Member] = []
    /// Position of each key in `members`, built once the object outgrows a linear search, so
    /// that lookups, and reading an object with thousands of keys, stay fast. Most objects are
    /// small, and hashing their keys would cost more than comparing them.
    private var positions: [ExactString: Int]?
    private static var linearSearchLimit: Int { 16 }

    public init() {}

    /// Members in order; a repeated key keeps its first position and its last value.
    public init(_ members: [Member]) {
        reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// Pairs in order; a repeated key keeps its first position and its last value.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// Keeps the literal's order; unlike a `Dictionary` literal, a repeated key is not a trap
    /// but replaces the earlier value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The value of `key`; setting replaces the value in place or appends a member, and
    /// setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { position(of: ExactString(key)).map { members[$0].value } }
        set {
            let exact = ExactString(key)
            switch (position(of: exact), newValue) {
            case (let position?, let value?):
                members[position].value = value
            case (let position?, nil):
                members.remove(at: position)
                // Every later member moved; rebuilding is as cheap as renumbering.
                if positions != nil { indexPositions() }
            case (nil, let value?):
                members.append(Member(key: key, value: value))
                if positions != nil {
                    positions?[exact] = members.count - 1
                } else if members.count > Self.linearSearchLimit {
                    indexPositions()
                }
            case (nil, nil):
                break
            }
        }
    }

    private func position(of key: ExactString) -> Int? {
        if let positions { return positions[key] }
        var index = 0
        while index < members.count {
            if ExactString(members[index].key) == key { return index }
            index += 1
        }
        return nil
    }

    private mutating func indexPositions() {
        var positions: [ExactString: Int] = [:]
        positions.reserveCapacity(members.count)
        for (index, member) in members.enumerated() { positions[ExactString(member.key)] = index }
        self.positions = positions
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members == rhs.members
    }

    /// The compact JSON text, as `JSONWriter` writes it.
    public var description: String {
        JSONValue.object(self).jsonString
    }

    mutating func reserveCapacity(_ count: Int) {
        members.reserveCapacity(count)
    }
}
