public import DataArtsJSON

/// Created workspaces in the backup format (SPEC §8.5): each the workspace object of §8.3.
extension WorkspaceRecord {
    /// `workspaces` of `GET /__mock/state`, or nil-as-absent: every record checked, all
    /// problems reported; `id`, `project_id` and `name` are required, `instance_id` must be
    /// the project's instance, ids and names unique per project.
    public static func fromState(_ value: JSONValue?, now: Int64) throws(APIError) -> [WorkspaceRecord] {
        guard let value, !value.isNull else { return [] }
        guard let records = value.array else { throw .badRequest("workspaces must be an array") }
        var violations = Violations()
        var result: [WorkspaceRecord] = []
        var seenIDs: Set<[String]> = []
        var seenNames: Set<[String]> = []
        for (index, record) in records.enumerated() {
            let path = "workspaces[\(index)]"
            guard let object = record.object else {
                violations.add("\(path) must be an object, not \(record.typeName)")
                continue
            }
            let before = violations.messages.count
            let id = violations.string(object, "id", at: path, required: true, maxLength: 64)
            let projectID = violations.string(object, "project_id", at: path, required: true, maxLength: 128)
            let instanceID = violations.string(object, "instance_id", at: path, maxLength: 128)
            let name = violations.string(object, "name", at: path, required: true, maxLength: 32)
            let description = violations.string(object, "description", at: path, maxLength: 1024)
            let epsID = violations.string(object, "eps_id", at: path, maxLength: 128)
            let jobLog = violations.string(object, "job_log_location_name", at: path, maxLength: 1024)
            let badRecord = violations.string(object, "bad_record_location_name", at: path, maxLength: 1024)
            let createUser = violations.string(object, "create_user", at: path, maxLength: 128)
            let updateUser = violations.string(object, "update_user", at: path, maxLength: 128)
            let createTime = violations.integer(object, "create_time", at: path, in: 0...Int.max)
            let updateTime = violations.integer(object, "update_time", at: path, in: 0...Int.max)
            guard violations.messages.count == before, let id, let projectID, let name else { continue }
            let instance = DataArtsInstance(projectID: projectID)
            if let instanceID, instanceID != instance.id {
                violations.add("\(path).instance_id \(instanceID) is not the instance of project \(projectID) (\(instance.id))")
            }
            if id == instance.defaultWorkspaceID { violations.add("\(path).id \(id) is the project's default workspace") }
            if !seenIDs.insert([projectID, id]).inserted { violations.add("\(path).id \(id) appears twice") }
            if !seenNames.insert([projectID, name]).inserted { violations.add("\(path).name \(name) appears twice") }
            let created = Int64(createTime ?? Int(now))
            result.append(WorkspaceRecord(
                id: id, projectID: projectID, instanceID: instance.id, name: name, description: description,
                epsID: epsID ?? "0", jobLogLocation: jobLog, badRecordLocation: badRecord,
                createUser: createUser ?? DataConnectionAPI.defaultUser, createTime: created,
                updateUser: updateUser, updateTime: updateTime.map(Int64.init)))
        }
        try violations.check()
        return result
    }
}
