import DataArtsServices

/// Finds the endpoint for the method and path, binding the path's parameters; 404
/// APIGW.0101 otherwise, worded as the gateway words an unknown path and a wrong method.
struct RoutingStage: RequestStage {
    let router: Router<Endpoint>

    func process(_ context: inout RequestContext) throws(APIError) -> Outcome? {
        switch router.match(method: context.request.method, path: context.request.path) {
        case .unknownPath:
            throw .noSuchAPI
        case .wrongMethod:
            throw .noSuchMethod
        case .found(let route, let parameters):
            context.endpoint = route.value
            context.route = (route.method, route.template)
            context.request.parameters = parameters
            return nil
        }
    }
}
