public import DataArtsJSON

/// A stored data connection: what the client set, and what the server owns.
public struct DataConnection: Sendable, Equatable {
    /// The 32-hex id, answered as `data_connection_id` and as `dw_id`.
    public var id: String
    public var projectID: String
    public var workspace: String
    public var settings: DataConnectionSettings
    public var createUser: String
    /// Epoch milliseconds.
    public var createTime: Int64
    /// 0 created, 1 updated.
    public var updateType: Int
    /// Epoch milliseconds, also written into `dw_config.update_time`.
    public var updateTime: Int64

    public init(
        id: String, projectID: String, workspace: String, settings: DataConnectionSettings,
        createUser: String, createTime: Int64, updateType: Int = 0, updateTime: Int64? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.workspace = workspace
        self.settings = settings
        self.createUser = createUser
        self.createTime = createTime
        self.updateType = updateType
        self.updateTime = updateTime ?? createTime
    }

    /// The vendor's default: `<dw_type>.<dw_name>`.
    public var qualifiedName: String { "\(settings.type).\(settings.name)" }

    /// `dw_config` as answered: the client's keys in the client's order, then `update_time`.
    public var config: JSONObject {
        var config = settings.config
        config["update_time"] = .number(JSONNumber(Int(updateTime)))
        return config
    }
}

/// The fields a client sets on create and update: a valid `ApigDataSourceVo`.
public struct DataConnectionSettings: Sendable, Equatable {
    public var name: String
    public var type: String
    public var config: JSONObject
    public var agentID: String?
    public var agentName: String?
    public var environment: Int
    public var category: String?
    public var description: String?
    public var supportService: Int?

    public init(
        name: String, type: String, config: JSONObject, agentID: String? = nil, agentName: String? = nil,
        environment: Int = 0, category: String? = nil, description: String? = nil, supportService: Int? = nil
    ) {
        self.name = name
        self.type = type
        self.config = config
        self.agentID = agentID
        self.agentName = agentName
        self.environment = environment
        self.category = category
        self.description = description
        self.supportService = supportService
    }
}
