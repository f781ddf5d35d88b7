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

    public init(_ template: String) {
        description = template
        segments = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            part.hasPrefix("{") && part.hasSuffix("}") && part.count >= 2
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// Whether the text holds a parameter, so that it is a template rather than a concrete path.
    public var hasParameters: Bool {
        segments.contains { !$0.isLiteral }
    }

    /// The parameters bound by a path already split at `/` and percent-decoded; nil when the
    /// path does not fit (a parameter never binds an empty segment).
    func bind(_ parts: [String]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal):
                guard literal == part else { return nil }
            case .parameter(let name):
                guard !part.isEmpty else { return nil }
                parameters[name] = part
            }
        }
        return parameters
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
    /// id holding `%2F` stays one segment.
    static func decodedSegments(of path: Substring) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        return path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .map { PercentEncoding.decode($0) ?? String($0) }
    }
}
