/// The values a matched route's `{name}` segments bound, in the template's order.
///
/// A route has at most three, so a look-up scans them: the `[String: String]` this replaces
/// hashed each name when it was bound and again on every look-up, and with its storage it was
/// about 3% of a show in perf.
public struct RouteParameters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    struct Binding: Sendable, Equatable {
        let name: String
        let value: String
    }

    private var bindings: [Binding]

    init(_ bindings: [Binding]) {
        self.bindings = bindings
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        bindings = elements.map { Binding(name: $0.0, value: $0.1) }
    }

    /// The value bound to `{name}`, or `nil` when the route has no such parameter.
    public subscript(name: String) -> String? {
        for binding in bindings where binding.name == name { return binding.value }
        return nil
    }

    public var count: Int { bindings.count }
}
