import DataArtsHTTP1
import DataArtsJSON

/// DataArts Studio's instance and workspace operations (SPEC §8.3); none takes a `workspace`
/// header.
public enum WorkspaceOperation: String, Sendable, CaseIterable {
    case listInstances, listWorkspaces, showWorkspace, createWorkspace, updateWorkspace, deleteWorkspaces

}

/// The instance each project has and its workspaces: the default one, `--workspace` ids,
/// those created here (usable at once as a `workspace` header), and in permissive mode every
/// workspace that holds data connections. Deleting a workspace deletes its connections.
public struct WorkspaceAPI: Service {
    public static let instancesPath = "/v1/{project_id}/instances"
    public static let workspacesPath = "/v1/{project_id}/workspaces/{instance_id}"
    public static let workspacePath = "/v1/{project_id}/workspaces/{instance_id}/{workspace_id}"
    public static let updatePath = "/v1/{project_id}/{instance_id}/workspace/{workspace_id}"
    public static let batchDeletePath = "/v1/{project_id}/{instance_id}/workspaces/batch-delete"
    static let maxNameLength = 32
    static let maxTextLength = 1024

    public let account: Account
    public let directory: WorkspaceDirectory
    public let store: DataConnectionStore
    /// `--workspace` ids: listed in every project's instance.
    public let configuredWorkspaces: [String]
    public let strict: Bool
    private let clock: MockClock
    private let ids: IdentifierGenerator
    /// When the implicit instance and workspaces came to be: the server's start.
    private let startedAt: Int64

    /// Method, template and operation of every route (SPEC §8.3).
    public static let routes: [(method: String, template: String, operation: WorkspaceOperation)] = [
        ("GET", instancesPath, .listInstances),
        ("GET", workspacesPath, .listWorkspaces),
        ("GET", workspacePath, .showWorkspace),
        ("POST", workspacesPath, .createWorkspace),
        ("PUT", updatePath, .updateWorkspace),
        ("POST", batchDeletePath, .deleteWorkspaces),
    ]

    public init(
        account: Account, directory: WorkspaceDirectory, store: DataConnectionStore, configuredWorkspaces: [String],
        strict: Bool, clock: MockClock, ids: IdentifierGenerator
    ) {
        self.account = account
        self.directory = directory
        self.store = store
        self.configuredWorkspaces = configuredWorkspaces
        self.strict = strict
        self.clock = clock
        self.ids = ids
        startedAt = clock.nowMilliseconds
    }

    public func register(in router: inout Router<Endpoint>) {
        for route in Self.routes {
            let operation = route.operation
            router.add(route.method, route.template, Endpoint { [self] (request) throws(APIError) in
                try perform(operation, &request)
            })
        }
    }

    /// Runs `operation`; the principal's user name, if the gateway knows one, becomes the
    /// creator or updater.
    public func perform(_ operation: WorkspaceOperation, _ request: inout ServiceRequest) throws(APIError) -> ServiceAnswer {
        guard let projectID = request.parameters["project_id"] else { throw .internalError("route without project_id") }
        let instance = DataArtsInstance(projectID: projectID)
        if operation == .listInstances { return try listInstances(request, instance) }
        guard request.parameters["instance_id"] == instance.id else { throw .noPermission }
        let user = request.principal.userName ?? DataConnectionAPI.defaultUser
        let workspaceID = request.parameters["workspace_id"] ?? ""
        switch operation {
        case .listInstances:
            throw .internalError("instances answered above")
        case .listWorkspaces:
            var violations = Violations()
            let page = Page(request.query, &violations)
            try violations.check()
            let all = workspaces(of: instance)
            let shown = all.dropFirst(page.offset).prefix(page.limit)
            return .json(.ok, [
                "count": .number(JSONNumber(all.count)),
                "total_page": .number(JSONNumber((all.count + page.limit - 1) / page.limit)),
                "data": .array(shown.map { $0.json(domainID: account.domainID) }),
            ])
        case .showWorkspace:
            guard let workspace = workspaces(of: instance).first(where: { $0.id == workspaceID }) else {
                throw .noPermission
            }
            return .json(.ok, workspace.json(domainID: account.domainID))
        case .createWorkspace:
            return try create(&request, in: instance, user: user)
        case .updateWorkspace:
            return try update(&request, workspaceID, in: instance, user: user)
        case .deleteWorkspaces:
            return try delete(&request, in: instance)
        }
    }

    /// `{"message":null,"is_success":true}`: create, update and batch-delete, which all
    /// change state [doc].
    static var success: ServiceAnswer {
        .json(.ok, ["message": nil, "is_success": true], changedState: true)
    }

    // MARK: - Instances

    private func listInstances(_ request: ServiceRequest, _ instance: DataArtsInstance) throws(APIError) -> ServiceAnswer {
        var violations = Violations()
        let page = Page(request.query, &violations)
        try violations.check()
        let order: JSONValue = [
            "project_id": .string(instance.projectID),
            "order_id": .string(instance.orderID),
            "region_id": .string(account.region(ofProject: instance.projectID) ?? ""),
            "resource_id": .string(instance.id),
            "resource_name": .string(DataArtsInstance.resourceName),
            "resource_type": "hws.resource.type.dayu",
            "resource_spec_code": "dayu.starter",
            "status": 2,
            "create_time": .number(JSONNumber(Int(startedAt))),
            "create_user": .string(account.name),
        ]
        return .json(.ok, [
            "count": 1,
            "commodity_orders": .array(Array([order].dropFirst(page.offset).prefix(page.limit))),
        ])
    }

    // MARK: - Workspaces

    /// Every workspace the instance has, in a stable order: the default one, `--workspace`
    /// ids, the created ones, then (permissive) those holding connections.
    public func workspaces(of instance: DataArtsInstance) -> [WorkspaceRecord] {
        var listed = implicitWorkspaces(of: instance)
        let created = directory.workspaces(in: instance.projectID)
        var seen = Set(listed.map(\.id))
        for record in created where seen.insert(record.id).inserted { listed.append(record) }
        if !strict {
            for id in store.workspaceIDs(in: instance.projectID) where seen.insert(id).inserted {
                listed.append(implicit(id, in: instance))
            }
        }
        return listed
    }

    /// Whether `workspace` exists beside strict mode's `--workspace` set: the project's default
    /// workspace, or one created through the API (SPEC §8.3).
    public func isDefaultOrCreated(_ workspace: String, projectID: String) -> Bool {
        DataArtsInstance(projectID: projectID).defaultWorkspaceID == workspace
            || directory.workspace(workspace, in: projectID) != nil
    }

    private func implicitWorkspaces(of instance: DataArtsInstance) -> [WorkspaceRecord] {
        var defaultWorkspace = implicit(instance.defaultWorkspaceID, in: instance)
        defaultWorkspace.name = DataArtsInstance.defaultWorkspaceName
        defaultWorkspace.isDefault = 1
        var seen: Set<String> = [instance.defaultWorkspaceID]
        return [defaultWorkspace] + configuredWorkspaces.filter { seen.insert($0).inserted }.map { implicit($0, in: instance) }
    }

    private func implicit(_ id: String, in instance: DataArtsInstance) -> WorkspaceRecord {
        WorkspaceRecord(
            id: id, projectID: instance.projectID, instanceID: instance.id, name: id, description: "",
            createUser: account.name, createTime: startedAt)
    }

    /// Names a created workspace may not take: those of the workspaces not stored here.
    private func reservedNames(in instance: DataArtsInstance) -> Set<String> {
        let created = Set(directory.workspaces(in: instance.projectID).map(\.id))
        return Set(workspaces(of: instance).filter { !created.contains($0.id) }.map(\.name))
    }

    private func create(
        _ request: inout ServiceRequest, in instance: DataArtsInstance, user: String
    ) throws(APIError) -> ServiceAnswer {
        var violations = Violations()
        let fields = readFields(&request, nameRequired: true, epsRequired: true, &violations)
        try violations.check()
        guard let name = fields.name, let epsID = fields.epsID else { throw .internalError("validated create without a name") }
        let now = clock.nowMilliseconds
        let record = WorkspaceRecord(
            id: ids.next(), projectID: instance.projectID, instanceID: instance.id, name: name,
            description: fields.description, epsID: epsID, jobLogLocation: fields.jobLogLocation,
            badRecordLocation: fields.badRecordLocation, createUser: user, createTime: now)
        try directory.create(record, reserved: reservedNames(in: instance))
        return Self.success
    }

    /// Sets the name and every other field sent; a field not sent keeps its value (the SDK
    /// drops unset fields, so a partial body is the usual one) [choice].
    private func update(
        _ request: inout ServiceRequest, _ id: String, in instance: DataArtsInstance, user: String
    ) throws(APIError) -> ServiceAnswer {
        guard workspaces(of: instance).contains(where: { $0.id == id }) else { throw .noPermission }
        guard directory.workspace(id, in: instance.projectID) != nil else {
            throw .badRequest("workspace \(id) was not created through the API and cannot be modified")
        }
        var violations = Violations()
        let fields = readFields(&request, nameRequired: true, epsRequired: false, &violations)
        try violations.check()
        let now = clock.nowMilliseconds
        _ = try directory.update(id, in: instance.projectID, reserved: reservedNames(in: instance)) { record in
            if let name = fields.name { record.name = name }
            if let description = fields.description { record.description = description }
            if let epsID = fields.epsID { record.epsID = epsID }
            if let location = fields.jobLogLocation { record.jobLogLocation = location }
            if let location = fields.badRecordLocation { record.badRecordLocation = location }
            record.updateUser = user
            record.updateTime = now
        }
        return Self.success
    }

    /// All or nothing: every id must be a workspace of the instance that may go.
    private func delete(_ request: inout ServiceRequest, in instance: DataArtsInstance) throws(APIError) -> ServiceAnswer {
        var violations = Violations()
        var requested: [String] = []
        switch request.jsonBody() {
        case .failure(let problem):
            violations.add(problem.message)
        case .success(let body):
            if let values = body.object?["workspace_ids"]?.array, !values.isEmpty {
                for (index, value) in values.enumerated() {
                    if let id = value.string { requested.append(id) } else {
                        violations.add("workspace_ids[\(index)] must be a string, not \(value.typeName)")
                    }
                }
            } else {
                violations.add("workspace_ids is required and must be a non-empty array of strings")
            }
        }
        try violations.check()
        let existing = Set(workspaces(of: instance).map(\.id))
        guard requested.allSatisfy(existing.contains) else { throw .noPermission }
        for id in requested {
            if id == instance.defaultWorkspaceID { violations.add("the default workspace cannot be deleted") }
            if configuredWorkspaces.contains(id) {
                violations.add("workspace \(id) is configured with --workspace and cannot be deleted")
            }
        }
        try violations.check()
        directory.delete(requested, in: instance.projectID)
        for id in requested { store.reset(projectID: instance.projectID, workspace: id) }
        return Self.success
    }

    private struct Fields {
        var name: String?
        var epsID: String?
        var description: String?
        var jobLogLocation: String?
        var badRecordLocation: String?
    }

    /// `CreateWorkspaceParams` / `WorkspaceDto` (SPEC §8.3): `name` 1–32 of letters, digits, `_`.
    private func readFields(
        _ request: inout ServiceRequest, nameRequired: Bool, epsRequired: Bool, _ violations: inout Violations
    ) -> Fields {
        let object: JSONObject
        switch request.jsonBody() {
        case .failure(let problem):
            violations.add(problem.message)
            return Fields()
        case .success(let body):
            guard let value = body.object else {
                violations.add("body must be a JSON object, not \(body.typeName)")
                return Fields()
            }
            object = value
        }
        var fields = Fields()
        fields.name = violations.string(object, "name", at: "", required: nameRequired, maxLength: Self.maxNameLength)
        if let name = fields.name, !name.utf8.allSatisfy(Self.isNameByte) {
            violations.add("name must hold only letters, digits and _, not \(name)")
        }
        fields.epsID = violations.string(object, "eps_id", at: "", required: epsRequired, maxLength: 128)
        fields.description = violations.string(object, "description", at: "", maxLength: Self.maxTextLength)
        fields.jobLogLocation = violations.string(object, "job_log_location_name", at: "", maxLength: Self.maxTextLength)
        fields.badRecordLocation = violations.string(
            object, "bad_record_location_name", at: "", maxLength: Self.maxTextLength)
        // WorkspaceDto's mode and status are checked, then ignored: the mock has no billing.
        _ = violations.string(object, "mode", at: "", maxLength: 8)
        _ = violations.string(object, "status", at: "", maxLength: 8)
        return fields
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// `limit` (1…2147483647, default 20) and `offset` (rows skipped, default 0) [doc defaults].
    struct Page {
        var limit = 20
        var offset = 0

        init(_ raw: Substring?, _ violations: inout Violations) {
            for (key, value) in QueryString.pairs(raw) {
                switch key {
                case "limit": limit = Self.integer(value, "limit", 1, &violations) ?? limit
                case "offset": offset = Self.integer(value, "offset", 0, &violations) ?? offset
                default: break
                }
            }
        }

        private static func integer(_ text: String, _ name: String, _ lowest: Int, _ violations: inout Violations) -> Int? {
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text),
                  (lowest...ListQuery.maxInteger).contains(value)
            else {
                violations.add("\(name) must be an integer from \(lowest) to \(ListQuery.maxInteger), not '\(text)'")
                return nil
            }
            return value
        }
    }
}
