import DataArtsHTTP1

/// A route table: method + path template (`/v1/{project_id}/data-connections/{id}`) → value.
///
/// A plain value, built once. Matching works on the raw path split at `/`, each segment then
/// percent-decoded (SPEC §4), so an id holding `%2F` is one segment, just an unknown id.
/// Literal segments win over parameters (`/validation` over `{data_connection_id}`).
public struct Router<Value: Sendable>: Sendable {
    public struct Route: Sendable {
        public let method: String
        public let template: String
        public let value: Value
        fileprivate let segments: [Segment]
    }

    /// What a path and method amount to.
    public enum Match: Sendable {
        case found(Route, parameters: [String: String])
        /// The path exists, but not for this method.
        case wrongMethod
        case unknownPath
    }

    fileprivate enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public private(set) var routes: [Route] = []

    public init() {}

    public mutating func add(_ method: String, _ template: String, _ value: Value) {
        let segments = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? Segment.parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        routes.append(Route(method: method, template: template, value: value, segments: segments))
        // Most literal first: a literal segment beats a parameter at the same position.
        routes.sort { lhs, rhs in
            lhs.segments.map { if case .literal = $0 { 0 } else { 1 } }
                .lexicographicallyPrecedes(rhs.segments.map { if case .literal = $0 { 0 } else { 1 } })
        }
    }

    public func match(method: String, path: Substring) -> Match {
        guard path.hasPrefix("/") else { return .unknownPath }
        let raw = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let decoded = raw.map { PercentEncoding.decode($0) ?? String($0) }
        var pathExists = false
        for route in routes {
            guard let parameters = Self.bind(route.segments, to: decoded) else { continue }
            guard route.method == method else {
                pathExists = true
                continue
            }
            return .found(route, parameters: parameters)
        }
        return pathExists ? .wrongMethod : .unknownPath
    }

    private static func bind(_ segments: [Segment], to parts: [String]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal): guard literal == part else { return nil }
            case .parameter(let name):
                guard !part.isEmpty else { return nil }
                parameters[name] = part
            }
        }
        return parameters
    }
}
