import DataArtsServices

/// Which emulated service and operation a request path names: one route table over every
/// service, so a path is matched once and "wrong method" is decided across all of them.
enum ServiceRoute: Sendable {
    case dataConnection(DataConnectionOperation)
    case workspace(WorkspaceOperation)
    case iam(IAMOperation)
    case cdm(CDMOperation)

    /// Every service's routes in one `Router`.
    static func router(
        dataConnections: DataConnectionAPI, workspaces: WorkspaceAPI, iam: IAMAPI, cdm: CDMAPI
    ) -> Router<ServiceRoute> {
        var router = Router<ServiceRoute>()
        for route in dataConnections.router.routes { router.add(route.method, route.template, .dataConnection(route.value)) }
        for route in workspaces.router.routes { router.add(route.method, route.template, .workspace(route.value)) }
        for route in iam.router.routes { router.add(route.method, route.template, .iam(route.value)) }
        for route in cdm.router.routes { router.add(route.method, route.template, .cdm(route.value)) }
        return router
    }

    /// The login is the one API call without gateway authentication (SPEC §8.2).
    var requiresAuthentication: Bool {
        if case .iam(let operation) = self { operation.requiresAuthentication } else { true }
    }

    /// Whether a 200 answer changed stored state, so a state file must hold it first.
    var changesState: Bool {
        switch self {
        case .dataConnection(let operation): [.create, .update, .delete].contains(operation)
        case .workspace(let operation): operation.changesState
        case .iam, .cdm: false
        }
    }
}
