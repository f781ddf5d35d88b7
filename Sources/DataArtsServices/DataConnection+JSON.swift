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
        writer.member("dw_name", .string(settings.name))
        writer.member("dw_type", .string(settings.type))
        writer.key("dw_config")
        SecretMask.write(config, into: &writer)
        writer.member("agent_id", Self.optional(settings.agentID))
        writer.member("agent_name", Self.optional(settings.agentName))
        writer.member("env_type", .number(JSONNumber(settings.environment)))
        writer.member("qualified_name", .string(qualifiedName))
        writer.member("dw_id", .string(id))
        writer.member("create_user", .string(createUser))
        writer.member("create_time", .number(JSONNumber(Int(createTime))))
        writer.member("dw_catagory", Self.optional(settings.category))
        writer.member("description", Self.optional(settings.description))
        writer.member("update_type", .number(JSONNumber(updateType)))
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
