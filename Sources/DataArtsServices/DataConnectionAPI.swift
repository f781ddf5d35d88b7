import DataArtsHTTP1
import DataArtsJSON

/// The six operations of the emulated service (SPEC §2).
public enum DataConnectionOperation: String, Sendable, CaseIterable {
    case create, list, show, update, delete, validate
}

/// The data-connection API behind the gateway: headers, query and body validation, then the
/// operation on the store. It never sees a socket; it answers values, and every failure is a
/// typed `APIError`.
public struct DataConnectionAPI: Service {
    public static let collectionPath = "/v1/{project_id}/data-connections"
    public static let itemPath = "/v1/{project_id}/data-connections/{data_connection_id}"
    public static let validationPath = "/v1/{project_id}/data-connections/validation"
    static let maxWorkspaceLength = 64
    /// Who created a connection when the gateway knows no user name (SPEC §2.4).
    public static let defaultUser = "dataarts-mock"

    /// Method, template and operation of every route (SPEC §2).
    public static let routes: [(method: String, template: String, operation: DataConnectionOperation)] = [
        ("POST", collectionPath, .create),
        ("GET", collectionPath, .list),
        ("GET", itemPath, .show),
        ("PUT", itemPath, .update),
        ("DELETE", itemPath, .delete),
        ("POST", validationPath, .validate),
    ]

    public let store: DataConnectionStore
    /// Strict mode's workspaces; `nil` lets every workspace exist.
    public let allowedWorkspaces: Set<String>?
    /// Workspaces created through the API, which exist beside `allowedWorkspaces` (SPEC §8.3).
    public let directory: WorkspaceDirectory?
    /// The CDM clusters `agent_id`/`agent_name` must name when configured (SPEC §8.4).
    public let clusters: CDMClusters

    public init(
        store: DataConnectionStore, allowedWorkspaces: Set<String>? = nil, directory: WorkspaceDirectory? = nil,
        clusters: CDMClusters = CDMClusters()
    ) {
        self.store = store
        self.allowedWorkspaces = allowedWorkspaces
        self.directory = directory
        self.clusters = clusters
    }

    public func register(in router: inout Router<Endpoint>) {
        for route in Self.routes {
            let operation = route.operation
            router.add(route.method, route.template, Endpoint { [self] (request) throws(APIError) in
                try perform(operation, &request)
            })
        }
    }

    /// Runs `operation`; the principal's user name, if the gateway knows one, becomes `create_user`.
    public func perform(_ operation: DataConnectionOperation, _ request: inout ServiceRequest) throws(APIError) -> ServiceAnswer {
        guard let projectID = request.parameters["project_id"] else { throw .internalError("route without project_id") }
        let user = request.principal.userName ?? Self.defaultUser
        var violations = Violations()
        let workspace = checkWorkspace(request.head, &violations)
        // Strict mode's --workspace set, plus the project's default workspace and those created
        // through the API, which are usable at once (SPEC §8.3).
        if let workspace, let allowedWorkspaces, !allowedWorkspaces.contains(workspace),
           DataArtsInstance(projectID: projectID).defaultWorkspaceID != workspace,
           directory?.workspace(workspace, in: projectID) == nil {
            throw .noPermission
        }
        let key = WorkspaceKey(projectID: projectID, workspace: workspace ?? "")
        let id = request.parameters["data_connection_id"] ?? ""

        switch operation {
        case .create:
            let body = readBody(&request, &violations)
            let items = body.flatMap { DataSourceSchema.wrappedSettings($0, allowedCount: 1...50, &violations) }
            for (index, item) in (items ?? []).enumerated() {
                checkAgent(item, projectID: projectID, at: "data_source_vos[\(index)]", &violations)
            }
            try violations.check()
            let created = try store.create(items ?? [], in: key, user: user)
            return .json(.ok, ["data_connection_id": .string(created.first?.id ?? "")], changedState: true)

        case .list:
            let query = ListQuery(request.query, &violations)
            try violations.check()
            var writer = JSONWriter()
            let maxRecords = store.maxPerWorkspace
            store.withPage(
                in: key, offset: query.offset, limit: query.limit, matching: query.hasFilters ? query.matches : nil
            ) { items, total in
                // About 300 bytes an item: the page is written without the buffer being copied.
                writer.reserveCapacity(256 + 320 * items.count)
                writer.beginObject()
                writer.member("count", .number(JSONNumber(items.count)))
                writer.member("max_records", .number(JSONNumber(maxRecords)))
                writer.member("total_size", .number(JSONNumber(total)))
                writer.key("data_connection_lists")
                writer.beginArray()
                // By index: the items are read in place, not retained one by one.
                for index in items.indices { items[index].writeListItem(into: &writer) }
                writer.endArray()
                writer.endObject()
            }
            return ServiceAnswer(body: .bytes(writer.bytes, contentType: HTTPResponse.jsonContentType))

        case .show:
            try violations.check()
            var writer = JSONWriter()
            try store.stored(id, in: key).writeShow(into: &writer)
            return ServiceAnswer(body: .bytes(writer.bytes, contentType: HTTPResponse.jsonContentType))

        case .update:
            let body = readBody(&request, &violations)
            let items = body.flatMap { DataSourceSchema.wrappedSettings($0, allowedCount: 1...1, &violations) }
            if let item = items?.first { checkAgent(item, projectID: projectID, at: "data_source_vos[0]", &violations) }
            try violations.check()
            guard let settings = items?.first else { throw .internalError("validated update without an item") }
            _ = try store.update(id, with: settings, in: key)
            return .success(changedState: true)

        case .delete:
            try violations.check()
            try store.delete(id, in: key)
            return .success(changedState: true)

        case .validate:
            let body = readBody(&request, &violations)
            if let body, let item = DataSourceSchema.settings(body, at: "", &violations) {
                checkAgent(item, projectID: projectID, at: "", &violations)
            }
            try violations.check()
            return .success(changedState: false)
        }
    }

    private func checkAgent(
        _ settings: DataConnectionSettings, projectID: String, at path: String, _ violations: inout Violations
    ) {
        for problem in clusters.violations(
            agentID: settings.agentID, agentName: settings.agentName, projectID: projectID, at: path)
        {
            violations.add(problem)
        }
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
    private func readBody(_ request: inout ServiceRequest, _ violations: inout Violations) -> JSONValue? {
        let contentType = request.headers["Content-Type"] ?? ""
        guard MediaType.isJSON(contentType) else {
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
        switch request.body.json() {
        case .success(let value):
            violations.numbersWithinDoubleRange(value)
            return value
        case .failure(let error):
            violations.add("request body is not valid JSON: \(error.description)")
            return nil
        }
    }
}
