import DataArtsHTTP1

/// A path template such as `/v1/{project_id}/data-connections/{data_connection_id}`: literal
/// segments and named parameters. The router matches requests with it, and fault rules
/// compare against it, so both read `{}` the same way.
public struct RouteTemplate: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)

        var isLiteral: Bool {
            if case .literal = self { true } else { false }
        }
    }

    /// The template as written.
    public let description: String
    let segments: [Segment]

    /// How many of `segments` are parameters: the size of what a match binds.
    let parameterCount: Int

    public init(_ template: String) {
        description = template
        segments = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            part.hasPrefix("{") && part.hasSuffix("}") && part.count >= 2
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        parameterCount = segments.count { !$0.isLiteral }
    }

    /// Whether the text holds a parameter, so that it is a template rather than a concrete path.
    public var hasParameters: Bool {
        segments.contains { !$0.isLiteral }
    }

    /// The parameters bound by a path that `fits`.
    func parameters(of parts: [Substring]) -> RouteParameters {
        var bindings: [RouteParameters.Binding] = []
        bindings.reserveCapacity(parameterCount)
        for (segment, part) in zip(segments, parts) {
            if case .parameter(let name) = segment { bindings.append(.init(name: name, value: String(part))) }
        }
        return RouteParameters(bindings)
    }

    /// The same template whatever its parameters are called: `{id}` and `{data_connection_id}`.
    public func hasSameShape(as other: RouteTemplate) -> Bool {
        segments.count == other.segments.count
            && zip(segments, other.segments).allSatisfy { lhs, rhs in
                switch (lhs, rhs) {
                case (.literal(let a), .literal(let b)): a == b
                case (.parameter, .parameter): true
                default: false
                }
            }
    }

    /// Literal segments before parameters, position by position: the order in which routes are
    /// tried, so that `/validation` wins over `{data_connection_id}`.
    func isMoreLiteral(than other: RouteTemplate) -> Bool {
        segments.map { $0.isLiteral ? 0 : 1 }.lexicographicallyPrecedes(other.segments.map { $0.isLiteral ? 0 : 1 })
    }

    /// A raw request path split at `/`, each segment then percent-decoded (SPEC §4), so that an
    /// id holding `%2F` stays one segment. A segment without `%` is used as it is: decoding is
    /// only needed for escapes, and every request is routed.
    static func decodedSegments(of path: Substring) -> [Substring]? {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        // Split over the bytes: `Substring.split` works in Characters, and its grapheme breaking
        // was most of the router's 10% of a show in perf. `/` is ASCII, so every cut is on a
        // scalar boundary and the slices are valid substrings.
        var parts: [Substring] = []
        parts.reserveCapacity(6)
        var start = utf8.index(after: utf8.startIndex)
        var index = start
        // Noted on the one pass over the bytes, where a second `contains` walk over each
        // segment was 1% of a show in perf.
        var escaped = false
        while true {
            let atEnd = index == utf8.endIndex
            let byte = atEnd ? 0 : utf8[index]
            if atEnd || byte == UInt8(ascii: "/") {
                let segment = path[start..<index]
                if escaped {
                    parts.append(PercentEncoding.decode(segment).map { Substring($0) } ?? segment)
                } else {
                    parts.append(segment)
                }
                if atEnd { return parts }
                start = utf8.index(after: index)
                escaped = false
            } else if byte == UInt8(ascii: "%") {
                escaped = true
            }
            index = utf8.index(after: index)
        }
    }

    /// Whether a path already split and decoded fits, without binding anything.
    func fits(_ parts: [Substring]) -> Bool {
        guard segments.count == parts.count else { return false }
        for (segment, part) in zip(segments, parts) {
            switch segment {
            // A length check and `==`, a memcmp for ASCII, where `elementsEqual` on the UTF-8
            // views walked them byte by byte (perf: a show). Still a byte comparison: `==` is
            // canonical equivalence, but every literal is ASCII, and a string equivalent to an
            // ASCII one without being it (a Kelvin sign for `K`) is longer in UTF-8.
            case .literal(let literal): guard literal.utf8.count == part.utf8.count, literal == part else { return false }
            case .parameter: guard !part.isEmpty else { return false }
            }
        }
        return true
    }
}
