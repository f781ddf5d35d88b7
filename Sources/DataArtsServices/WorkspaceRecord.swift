public import DataArtsJSON

/// A workspace created through `POST /v1/{project_id}/workspaces/{instance_id}` (SPEC §8.3),
/// or one the mock lists without storing (the default one, `--workspace` ids, and in
/// permissive mode those holding connections).
public struct WorkspaceRecord: Sendable, Equatable {
    /// The value clients send as the `workspace` header.
    public var id: String
    public var projectID: String
    public var instanceID: String
    public var name: String
    public var description: String?
    public var epsID: String
    public var jobLogLocation: String?
    public var badRecordLocation: String?
    /// 0 private, 1 default, 2 public [doc].
    public var isDefault: Int
    public var createUser: String
    /// Epoch milliseconds.
    public var createTime: Int64
    public var updateUser: String
    public var updateTime: Int64

    public init(
        id: String, projectID: String, instanceID: String, name: String, description: String? = nil,
        epsID: String = "0", jobLogLocation: String? = nil, badRecordLocation: String? = nil, isDefault: Int = 0,
        createUser: String, createTime: Int64, updateUser: String? = nil, updateTime: Int64? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.instanceID = instanceID
        self.name = name
        self.description = description
        self.epsID = epsID
        self.jobLogLocation = jobLogLocation
        self.badRecordLocation = badRecordLocation
        self.isDefault = isDefault
        self.createUser = createUser
        self.createTime = createTime
        self.updateUser = updateUser ?? createUser
        self.updateTime = updateTime ?? createTime
    }

    /// The vendor's flat workspace object, keys in SPEC §8.3's order; a nil `domainID` is
    /// written `null` (the state file, which does not need it).
    public func json(domainID: String?) -> JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return [
            "id": .string(id),
            "name": .string(name),
            "description": optional(description),
            "eps_id": .string(epsID),
            "is_default": .number(JSONNumber(isDefault)),
            "owner_name": .string(createUser),
            "project_id": .string(projectID),
            "domain_id": domainID.map(JSONValue.string) ?? .null,
            "instance_id": .string(instanceID),
            "create_time": .number(JSONNumber(Int(createTime))),
            "create_user": .string(createUser),
            "update_time": .number(JSONNumber(Int(updateTime))),
            "update_user": .string(updateUser),
            "member_num": 1,
            "job_log_location_name": optional(jobLogLocation),
            "bad_record_location_name": optional(badRecordLocation),
        ]
    }
}
