import DataArtsHTTP1
import DataArtsServices

/// Every emulated service behind the gateway (SPEC §2, §8), with one route table over them.
struct MockServices: Sendable {
    let dataConnections: DataConnectionAPI
    let workspaces: WorkspaceAPI
    let iam: IAMAPI
    let cdm: CDMAPI
    let router: Router<ServiceRoute>

    init(dataConnections: DataConnectionAPI, workspaces: WorkspaceAPI, iam: IAMAPI, cdm: CDMAPI) {
        self.dataConnections = dataConnections
        self.workspaces = workspaces
        self.iam = iam
        self.cdm = cdm
        router = ServiceRoute.router(dataConnections: dataConnections, workspaces: workspaces, iam: iam, cdm: cdm)
    }

    /// The service's answer to an authenticated request.
    func respond(
        to request: HTTPRequest, route: ServiceRoute, parameters: [String: String], principal: Principal
    ) -> HTTPResponse {
        switch route {
        case .dataConnection(let operation):
            dataConnections.respond(to: request, operation: operation, parameters: parameters, user: principal.userName)
        case .workspace(let operation):
            workspaces.respond(to: request, operation: operation, parameters: parameters, user: principal.userName)
        case .iam(let operation):
            iam.respond(to: request, operation: operation, boundProjectID: principal.projectID)
        case .cdm(let operation):
            cdm.respond(to: request, operation: operation, parameters: parameters)
        }
    }
}
