public import DataArtsHTTP1
import DataArtsJSON

/// The six operations of the emulated service (SPEC §2).
public enum DataConnectionOperation: String, Sendable, CaseIterable {
    case create, list, show, update, delete, validate
}

/// The data-connection API behind the gateway: headers, query and body validation, then the
/// operation on the store. It never sees a socket; every failure is an `APIError`, turned
/// into bytes in `respond` only.
public struct DataConnectionAPI: Sendable {
    public static let collectionPath = "/v1/{project_id}/data-connections"
    public static let itemPath = "/v1/{project_id}/data-connections/{data_connection_id}"
    public static let validationPath = "/v1/{project_id}/data-connections/validation"
    static let maxWorkspaceLength = 64
    /// Who created a connection when the gateway knows no user name (SPEC §2.4).
    public static let defaultUser = "dataarts-mock"

    public let store: DataConnectionStore
    /// Strict mode's workspaces; `nil` lets every workspace exist.
    public let allowedWorkspaces: Set<String>?
    public let router: Router<DataConnectionOperation>

    public init(store: DataConnectionStore, allowedWorkspaces: Set<String>? = nil) {
        self.store = store
        self.allowedWorkspaces = allowedWorkspaces
        var router = Router<DataConnectionOperation>()
        router.add("POST", Self.collectionPath, .create)
        router.add("GET", Self.collectionPath, .list)
        router.add("GET", Self.itemPath, .show)
        router.add("PUT", Self.itemPath, .update)
        router.add("DELETE", Self.itemPath, .delete)
        router.add("POST", Self.validationPath, .validate)
        self.router = router
    }

    /// Runs `operation`; `user` is the authenticated principal's name, if the gateway knows one.
    public func respond(
        to request: HTTPRequest, operation: DataConnectionOperation, parameters: [String: String], user: String?
    ) -> HTTPResponse {
        do throws(APIError) {
            return try perform(operation, request, parameters: parameters, user: user ?? Self.defaultUser)
        } catch {
            return error.response
        }
    }

    private func perform(
        _ operation: DataConnectionOperation, _ request: HTTPRequest, parameters: [String: String], user: String
    ) throws(APIError) -> HTTPResponse {
        guard let projectID = parameters["project_id"] else { throw .internalError("route without project_id") }
        var violations = Violations()
        let workspace = checkWorkspace(request, &violations)
        if let workspace, let allowedWorkspaces, !allowedWorkspaces.contains(workspace) { throw .noPermission }
        let key = WorkspaceKey(projectID: projectID, workspace: workspace ?? "")
        let id = parameters["data_connection_id"] ?? ""

        switch operation {
        case .create:
            let body = readBody(request, &violations)
            let items = body.flatMap { DataSourceSchema.wrappedSettings($0, allowedCount: 1...50, &violations) }
            try violations.check()
            let created = try store.create(items ?? [], in: key, user: user)
            return .json(.ok, ["data_connection_id": .string(created.first?.id ?? "")])

        case .list:
            let query = ListQuery(request.query, &violations)
            try violations.check()
            let matching = store.connections(in: key).filter(query.matches)
            let page = matching.dropFirst(query.offset).prefix(query.limit ?? Int.max)
            return .json(.ok, .object([
                "count": .number(JSONNumber(page.count)),
                "max_records": .number(JSONNumber(store.maxPerWorkspace)),
                "total_size": .number(JSONNumber(matching.count)),
                "data_connection_lists": .array(page.map(\.listItem)),
            ]))

        case .show:
            try violations.check()
            return .json(.ok, try store.connection(id, in: key).showObject)

        case .update:
            let body = readBody(request, &violations)
            let items = body.flatMap { DataSourceSchema.wrappedSettings($0, allowedCount: 1...1, &violations) }
            try violations.check()
            guard let settings = items?.first else { throw .internalError("validated update without an item") }
            _ = try store.update(id, with: settings, in: key)
            return Self.success

        case .delete:
            try violations.check()
            try store.delete(id, in: key)
            return Self.success

        case .validate:
            let body = readBody(request, &violations)
            if let body { _ = DataSourceSchema.settings(body, at: "", &violations) }
            try violations.check()
            return Self.success
        }
    }

    /// `{"is_success":true,"message":null}`: update, delete and validate (SPEC §2.5).
    static var success: HTTPResponse {
        .json(.ok, ["is_success": true, "message": nil])
    }

    private func checkWorkspace(_ request: HTTPRequest, _ violations: inout Violations) -> String? {
        guard let workspace = request.headers["workspace"], !workspace.isEmpty else {
            violations.add("workspace header is required")
            return nil
        }
        guard workspace.unicodeScalars.count <= Self.maxWorkspaceLength else {
            violations.add("workspace header must be at most \(Self.maxWorkspaceLength) characters long")
            return nil
        }
        return workspace
    }

    /// The body as JSON, after checking `Content-Type`; nil with a violation when either is wrong.
    private func readBody(_ request: HTTPRequest, _ violations: inout Violations) -> JSONValue? {
        let contentType = request.headers["Content-Type"] ?? ""
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingOWS } ?? ""
        guard mediaType.equalsIgnoringASCIICase("application/json") else {
            violations.add(
                contentType.isEmpty
                    ? "Content-Type header is required and must be application/json"
                    : "Content-Type header must be application/json, not \(contentType)")
            return nil
        }
        guard !request.body.isEmpty else {
            violations.add("request body is required")
            return nil
        }
        do throws(JSONError) {
            let body = try JSONReader.parse(request.body)
            violations.numbersWithinDoubleRange(body)
            return body
        } catch {
            violations.add("request body is not valid JSON: \(error.description)")
            return nil
        }
    }
}
