public import DataArtsHTTP1

/// What a service is asked: the request as received, the parameters its route bound, who is
/// asking, and the body, parsed at most once whoever reads it first.
public struct ServiceRequest: Sendable {
    public let head: HTTPRequest
    /// `head.path` and `head.query`, found once: the router, the fault rules, the journal and
    /// the access log each ask, and each search showed in the profile of a show.
    public let path: Substring
    public let query: Substring?
    public var parameters: RouteParameters
    public var principal: Principal
    public var body: RequestBody

    /// `body` shares `request.body`'s storage (arrays are copy-on-write): the bytes are held once.
    public init(_ request: HTTPRequest, parameters: RouteParameters = [:], principal: Principal = Principal()) {
        head = request
        (path, query) = request.pathAndQuery
        body = RequestBody(request.body)
        self.parameters = parameters
        self.principal = principal
    }

    public var method: String { head.method }
    public var headers: HTTPHeaders { head.headers }
}
