public import DataArtsJSON

/// The backup and fixture format (SPEC §6): the show object with `project_id` and
/// `workspace` added, `dw_category` spelled as in requests, `supportService`, and secrets
/// NOT masked.
extension DataConnection {
    public var stateRecord: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return .object([
            "project_id": .string(projectID),
            "workspace": .string(workspace),
            "dw_name": .string(settings.name),
            "dw_type": .string(settings.type),
            "dw_config": .object(config),
            "agent_id": optional(settings.agentID),
            "agent_name": optional(settings.agentName),
            "env_type": .number(JSONNumber(settings.environment)),
            "qualified_name": .string(qualifiedName),
            "dw_id": .string(id),
            "create_user": .string(createUser),
            "create_time": .number(JSONNumber(Int(createTime))),
            "dw_category": optional(settings.category),
            "description": optional(settings.description),
            "update_type": .number(JSONNumber(updateType)),
            "supportService": settings.supportService.map { .number(JSONNumber($0)) } ?? .null,
        ])
    }

    /// Reads one record; `project_id`, `workspace`, `dw_name`, `dw_type` and `dw_config` are
    /// required, and a missing id or time is generated.
    static func fromStateRecord(
        _ value: JSONValue, at path: String, newID: () -> String, now: Int64, _ violations: inout Violations
    ) -> DataConnection? {
        let before = violations.messages.count
        guard let settings = DataSourceSchema.settings(value, at: path, &violations), let object = value.object else {
            return nil
        }
        let projectID = violations.string(object, "project_id", at: path, required: true, maxLength: 128)
        let workspace = violations.string(object, "workspace", at: path, required: true, maxLength: 64)
        let id = violations.string(object, "dw_id", at: path, maxLength: 128)
        if id?.isEmpty == true {
            // No route reaches a connection whose id is empty.
            violations.add("\(Violations.join(path, "dw_id")) must not be empty")
        }
        let user = violations.string(object, "create_user", at: path, maxLength: 128)
        let createTime = violations.integer(object, "create_time", at: path, in: 0...Int.max)
        let updateType = violations.integer(object, "update_type", at: path, in: 0...1)
        guard violations.messages.count == before, let projectID, let workspace else { return nil }

        // update_time travels inside dw_config (as show answers it); it is the server's field.
        var config = settings.config
        let updateTime = config["update_time"]?.number?.intValue
        config["update_time"] = nil
        var stored = settings
        stored.config = config
        let created = Int64(createTime ?? Int(now))
        return DataConnection(
            id: id ?? newID(), projectID: projectID, workspace: workspace, settings: stored,
            createUser: user ?? DataConnectionAPI.defaultUser, createTime: created, updateType: updateType ?? 0,
            updateTime: updateTime.map(Int64.init) ?? created)
    }

    /// `{"connections":[record…]}`, checked whole: every violation is reported, names must be
    /// unique per workspace and ids unique overall.
    public static func fromState(_ value: JSONValue, ids: IdentifierGenerator, now: Int64) throws(APIError) -> [DataConnection] {
        var violations = Violations()
        guard let object = value.object else { throw .badRequest("body must be a JSON object, not \(value.typeName)") }
        guard let records = object["connections"]?.array else { throw .badRequest("connections must be an array") }
        var connections: [DataConnection] = []
        var names: Set<[String]> = []
        var seenIDs: Set<String> = []
        // A generated id must not be one given to a later record (a seeded generator's first
        // ids are exactly those of an export from a run with the same seed).
        var taken = Set(records.compactMap { $0.object?["dw_id"]?.string })
        let newID = {
            let id = ids.next(avoiding: taken)
            taken.insert(id)
            return id
        }
        for (index, record) in records.enumerated() {
            let path = "connections[\(index)]"
            guard let connection = fromStateRecord(record, at: path, newID: newID, now: now, &violations) else { continue }
            if !names.insert([connection.projectID, connection.workspace, connection.settings.name]).inserted {
                violations.add("\(path).dw_name \(connection.settings.name) appears twice in the workspace")
            }
            if !seenIDs.insert(connection.id).inserted {
                violations.add("\(path).dw_id \(connection.id) appears twice")
            }
            connections.append(connection)
        }
        try violations.check()
        return connections
    }
}
