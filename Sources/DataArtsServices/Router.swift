import DataArtsHTTP1

/// A route table: method + path template (`/v1/{project_id}/data-connections/{id}`) → value.
///
/// A plain value, built once. Matching works on the raw path split at `/`, each segment then
/// percent-decoded (SPEC §4), so an id holding `%2F` is one segment, just an unknown id.
/// Literal segments win over parameters (`/validation` over `{data_connection_id}`).
public struct Router<Value: Sendable>: Sendable {
    /// A class: a match hands one reference on, where a struct copied its method, template
    /// and value, a retain each, on values that every event loop shares (perf: a show).
    public final class Route: Sendable {
        public let method: String
        public let template: RouteTemplate
        public let value: Value

        init(method: String, template: RouteTemplate, value: Value) {
            self.method = method
            self.template = template
            self.value = value
        }
    }

    /// What a path and method amount to.
    public enum Match: Sendable {
        case found(Route, parameters: RouteParameters)
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
        Self.insert(route, into: &routes)
        Self.insert(route, into: &bySegmentCount[route.template.segments.count, default: []])
    }

    /// `route` placed after every route at least as literal: the order a stable sort after each
    /// append gave, without sorting the whole list again for each of the ~60 routes added at
    /// start (1.2 million instructions of the start-up's 22, under callgrind).
    private static func insert(_ route: Route, into list: inout [Route]) {
        let index = list.firstIndex { route.template.isMoreLiteral(than: $0.template) } ?? list.endIndex
        list.insert(route, at: index)
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
