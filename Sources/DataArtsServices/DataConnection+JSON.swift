import DataArtsJSON

/// The vendor's response shapes, keys in the order of the vendor's tables (SPEC §2.3, §2.4).
extension DataConnection {
    /// Show: a flat record, secrets masked, absent optional fields as `null`.
    var showObject: JSONValue {
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

    /// The list item written straight into `writer`, without building an object first: list
    /// writes fifty of these per answer (perf: building them was a fifth of list's time).
    func writeListItem(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("dw_name", .string(settings.name))
        writer.member("dw_type", .string(settings.type))
        writer.member("create_user", .string(createUser))
        writer.member("create_time", .number(JSONNumber(Int(createTime))))
        writer.member("agent_id", Self.optional(settings.agentID))
        writer.member("agent_name", Self.optional(settings.agentName))
        writer.member("dw_id", .string(id))
        writer.member("qualified_name", .string(qualifiedName))
        writer.member("description", Self.optional(settings.description))
        writer.endObject()
    }

    private static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }
}
