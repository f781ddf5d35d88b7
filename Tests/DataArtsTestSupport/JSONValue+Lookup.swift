public import DataArtsJSON

/// How tests read a reply: with the project's own ordered reader, so that every test target
/// reads JSON one way. The look-ups answer nil for a value of the wrong JSON type, as
/// Foundation's `as?` casts did: `body["journal"]?["max_bytes"]?.int == 5000`.
extension JSONValue {
    /// The member `key` of an object; nil when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        object?[key]
    }

    /// The value of a JSON integer (`200`, not `200.0`, `"200"` or `true`) that fits an `Int`.
    public var int: Int? {
        number?.intValue
    }

    /// The elements of an array when each has the type asked for (`array(of: \.object)`);
    /// nil when this is not an array or one element is of another type.
    public func array<Element>(of element: (JSONValue) -> Element?) -> [Element]? {
        guard let values = array else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(values.count)
        for value in values {
            guard let converted = element(value) else { return nil }
            elements.append(converted)
        }
        return elements
    }

    /// The members of an object, unordered, when each value has the type asked for
    /// (`dictionary(of: \.string)`); nil when this is not an object or one value is of another
    /// type. For checks that do not care about key order.
    public func dictionary<Value>(of member: (JSONValue) -> Value?) -> [String: Value]? {
        guard let object else { return nil }
        var dictionary: [String: Value] = [:]
        dictionary.reserveCapacity(object.count)
        for entry in object.members {
            guard let converted = member(entry.value) else { return nil }
            // Keys are unique by their bytes; two that Swift finds canonically equal keep the first.
            if dictionary[entry.key] == nil { dictionary[entry.key] = converted }
        }
        return dictionary
    }
}
