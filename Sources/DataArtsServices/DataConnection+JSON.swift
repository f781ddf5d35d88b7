public import DataArtsJSON

/// The vendor's response shapes, keys in the order of the vendor's tables (SPEC §2.3, §2.4).
extension DataConnection {
    /// Show: a flat record, secrets masked, absent optional fields as `null` (as a value, for
    /// the control API; the service writes `writeShow(into:)` directly).
    public var showObject: JSONValue {
        var writer = JSONWriter()
        writeShow(into: &writer)
        return Self.reread(writer.bytes)
    }

    /// The show object written straight into `writer`: the one place its shape is written.
    func writeShow(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member(Key.dwName, string: settings.name)
        writer.member(Key.dwType, string: settings.type)
        writer.key(Key.dwConfig)
        SecretMask.write(config, into: &writer)
        writer.member(Key.agentId, optionalString: settings.agentID)
        writer.member(Key.agentName, optionalString: settings.agentName)
        writer.member(Key.envType, integer: settings.environment)
        writer.member(Key.qualifiedName, string: qualifiedName)
        writer.member(Key.dwId, string: id)
        writer.member(Key.createUser, string: createUser)
        writer.member(Key.createTime, integer: Int(createTime))
        writer.member(Key.dwCatagory, optionalString: settings.category)
        writer.member(Key.description, optionalString: settings.description)
        writer.member(Key.updateType, integer: updateType)
        writer.endObject()
    }

    /// What this module itself wrote, read back as a value; it is always valid JSON.
    private static func reread(_ bytes: [UInt8]) -> JSONValue {
        do throws(JSONError) {
            return try JSONReader.parse(bytes)
        } catch {
            return .null
        }
    }

    /// The list item (`ApigDataSourceView`): always these nine keys, no `dw_config`, no
    /// `env_type`; written straight into `writer`, without building an object first: list
    /// writes fifty of these per answer (perf: building them was a fifth of list's time).
    func writeListItem(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member(Key.dwName, string: settings.name)
        writer.member(Key.dwType, string: settings.type)
        writer.member(Key.createUser, string: createUser)
        writer.member(Key.createTime, integer: Int(createTime))
        writer.member(Key.agentId, optionalString: settings.agentID)
        writer.member(Key.agentName, optionalString: settings.agentName)
        writer.member(Key.dwId, string: id)
        writer.member(Key.qualifiedName, string: qualifiedName)
        writer.member(Key.description, optionalString: settings.description)
        writer.endObject()
    }
}

/// The keys of the show and list objects, encoded once (see `JSONKey`).
private enum Key {
    static let agentId = JSONKey("agent_id")
    static let agentName = JSONKey("agent_name")
    static let createTime = JSONKey("create_time")
    static let createUser = JSONKey("create_user")
    static let description = JSONKey("description")
    static let dwCatagory = JSONKey("dw_catagory")
    static let dwConfig = JSONKey("dw_config")
    static let dwId = JSONKey("dw_id")
    static let dwName = JSONKey("dw_name")
    static let dwType = JSONKey("dw_type")
    static let envType = JSONKey("env_type")
    static let qualifiedName = JSONKey("qualified_name")
    static let updateType = JSONKey("update_type")
}
