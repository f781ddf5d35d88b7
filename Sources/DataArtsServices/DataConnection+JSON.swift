public import DataArtsJSON

/// The vendor's response shapes, keys in the order of the vendor's tables (SPEC §2.3, §2.4).
extension DataConnection {
    /// Show: a flat record, secrets masked, absent optional fields as `null`.
    public var showObject: JSONValue {
        .object([
            "dw_name": .string(settings.name),
            "dw_type": .string(settings.type),
            "dw_config": .object(SecretMask.masked(config)),
            "agent_id": Self.optional(settings.agentID),
            "agent_name": Self.optional(settings.agentName),
            "env_type": .number(JSONNumber(settings.environment)),
            "qualified_name": .string(qualifiedName),
            "dw_id": .string(id),
            "create_user": .string(createUser),
            "create_time": .number(JSONNumber(Int(createTime))),
            "dw_catagory": Self.optional(settings.category),
            "description": Self.optional(settings.description),
            "update_type": .number(JSONNumber(updateType)),
        ])
    }

    /// List item (`ApigDataSourceView`): always these nine keys; no `dw_config`, no `env_type`.
    var listItem: JSONValue {
        .object([
            "dw_name": .string(settings.name),
            "dw_type": .string(settings.type),
            "create_user": .string(createUser),
            "create_time": .number(JSONNumber(Int(createTime))),
            "agent_id": Self.optional(settings.agentID),
            "agent_name": Self.optional(settings.agentName),
            "dw_id": .string(id),
            "qualified_name": .string(qualifiedName),
            "description": Self.optional(settings.description),
        ])
    }

    private static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }
}
