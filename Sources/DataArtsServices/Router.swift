import DataArtsHTTP1

/// A route table: method + path template (`/v1/{project_id}/data-connections/{id}`) → value.
///
/// A plain value, built once. Matching works on the raw path split at `/`, each segment then
/// percent-decoded (SPEC §4), so an id holding `%2F` is one segment, just an unknown id.
/// Literal segments win over parameters (`/validation` over `{data_connection_id}`).
public struct Router<Value: Sendable>: Sendable {
    public struct Route: Sendable {
        public let method: String
        public let template: RouteTemplate
        public let value: Value
    }

    /// What a path and method amount to.
    public enum Match: Sendable {
        case found(Route, parameters: [String: String])
        /// The path exists, but not for this method.
        case wrongMethod
        case unknownPath
    }

    public private(set) var routes: [Route] = []
    /// The routes by their number of segments, each list most literal first: a path is only
    /// tried against templates of its own length.
    private var bySegmentCount: [Int: [Route]] = [:]

    public init() {}

    public mutating func add(_ method: String, _ template: String, _ value: Value) {
        let route = Route(method: method, template: RouteTemplate(template), value: value)
        routes.append(route)
        routes.sort { $0.template.isMoreLiteral(than: $1.template) }
        bySegmentCount[route.template.segments.count, default: []].append(route)
        bySegmentCount[route.template.segments.count]?.sort { $0.template.isMoreLiteral(than: $1.template) }
    }

    public func match(method: String, path: Substring) -> Match {
        guard let parts = RouteTemplate.decodedSegments(of: path) else { return .unknownPath }
        var pathExists = false
        for route in bySegmentCount[parts.count] ?? [] where route.template.fits(parts) {
            guard route.method == method else {
                pathExists = true
                continue
            }
            return .found(route, parameters: route.template.parameters(of: parts))
        }
        return pathExists ? .wrongMethod : .unknownPath
    }
}
