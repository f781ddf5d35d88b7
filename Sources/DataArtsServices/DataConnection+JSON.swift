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
    /// Answers where in `writer.bytes` each member of the list item sits, in the list item's
    /// order: the list item (`ApigDataSourceView`) is nine of the show's members, rearranged.
    @discardableResult
    func writeShow(into writer: inout JSONWriter) -> [Range<Int>] {
        writer.beginObject()
        let name = writer.span { $0.member(Key.dwName, string: settings.name) }
        let type = writer.span { $0.member(Key.dwType, string: settings.type) }
        writer.key(Key.dwConfig)
        SecretMask.write(config, into: &writer)
        let agentID = writer.span { $0.member(Key.agentId, optionalString: settings.agentID) }
        let agentName = writer.span { $0.member(Key.agentName, optionalString: settings.agentName) }
        writer.member(Key.envType, integer: settings.environment)
        let qualifiedName = writer.span { $0.member(Key.qualifiedName, string: self.qualifiedName) }
        let id = writer.span { $0.member(Key.dwId, string: self.id) }
        let createUser = writer.span { $0.member(Key.createUser, string: self.createUser) }
        let createTime = writer.span { $0.member(Key.createTime, integer: Int(self.createTime)) }
        writer.member(Key.dwCatagory, optionalString: settings.category)
        let description = writer.span { $0.member(Key.description, optionalString: settings.description) }
        writer.member(Key.updateType, integer: updateType)
        writer.endObject()
        // The list item's keys, in its order: always these nine, no `dw_config`, no `env_type`.
        return [name, type, createUser, createTime, agentID, agentName, id, qualifiedName, description]
    }

    /// What this module itself wrote, read back as a value; it is always valid JSON.
    private static func reread(_ bytes: [UInt8]) -> JSONValue {
        do throws(JSONError) {
            return try JSONReader.parse(bytes)
        } catch {
            return .null
        }
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
