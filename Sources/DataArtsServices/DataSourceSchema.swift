import DataArtsJSON

/// The rules of the vendor's `ApigDataSourceVo` (SPEC §2.2): turns one JSON item into
/// settings, or records why it cannot.
enum DataSourceSchema {
    static let maxNameLength = 100
    static let maxTypeLength = 64
    static let maxShortStringLength = 128
    static let maxDescriptionLength = 4096

    /// The settings in `value`, or nil with the reasons added to `violations`.
    static func settings(_ value: JSONValue?, at path: String, _ violations: inout Violations) -> DataConnectionSettings? {
        let itemPath = path.isEmpty ? "body" : path
        guard let value, !value.isNull else {
            violations.add("\(itemPath) is required")
            return nil
        }
        guard let object = value.object else {
            violations.add("\(itemPath) must be an object, not \(value.typeName)")
            return nil
        }
        let before = violations.messages.count

        let name = violations.string(object, "dw_name", at: path, required: true, maxLength: maxNameLength)
        if let name, !name.utf8.allSatisfy(isNameCharacter) {
            violations.add("\(Violations.join(path, "dw_name")) may hold only letters, digits, _ and -")
        }
        let type = violations.string(object, "dw_type", at: path, required: true, maxLength: maxTypeLength)

        var config: JSONObject?
        switch object["dw_config"] {
        case nil, .null?: violations.add("\(Violations.join(path, "dw_config")) is required")
        case .object(let value)?: config = value
        case let other?: violations.add("\(Violations.join(path, "dw_config")) must be an object, not \(other.typeName)")
        }

        let agentID = violations.string(object, "agent_id", at: path, maxLength: maxShortStringLength)
        let agentName = violations.string(object, "agent_name", at: path, maxLength: maxShortStringLength)
        let category = violations.string(object, "dw_category", at: path, maxLength: maxShortStringLength)
        let description = violations.string(object, "description", at: path, maxLength: maxDescriptionLength)
        let environment = violations.integer(object, "env_type", at: path, in: 0...1)
        let supportService = violations.integer(object, "supportService", at: path, in: 0...127)
        // Server-owned: checked so a client learns of a wrong type, then replaced (SPEC §2.2).
        for key in ["qualified_name", "dw_id", "create_user"] {
            _ = violations.string(object, key, at: path, maxLength: maxShortStringLength)
        }
        _ = violations.number(object, "create_time", at: path)

        guard violations.messages.count == before, let name, let type, let config else { return nil }
        return DataConnectionSettings(
            name: name, type: type, config: config, agentID: agentID, agentName: agentName,
            environment: environment ?? 0, category: category, description: description, supportService: supportService)
    }

    /// `ApigDataSourcesVo`: `{"data_source_vos":[…], "mode"?, "visible"?}` with `count` items allowed.
    static func wrappedSettings(
        _ body: JSONValue, allowedCount: ClosedRange<Int>, _ violations: inout Violations
    ) -> [DataConnectionSettings]? {
        guard let object = body.object else {
            violations.add("body must be a JSON object, not \(body.typeName)")
            return nil
        }
        _ = violations.integer(object, "mode", at: "", in: 0...1)
        _ = violations.integer(object, "visible", at: "", in: 0...1)
        let items: [JSONValue]
        switch object["data_source_vos"] {
        case nil, .null?:
            violations.add("data_source_vos is required")
            return nil
        case .array(let array)?:
            items = array
        case let other?:
            violations.add("data_source_vos must be an array, not \(other.typeName)")
            return nil
        }
        guard allowedCount.contains(items.count) else {
            let allowed = allowedCount.count == 1
                ? "exactly \(allowedCount.lowerBound) item" : "\(allowedCount.lowerBound) to \(allowedCount.upperBound) items"
            violations.add("data_source_vos must hold \(allowed), not \(items.count)")
            return nil
        }
        var settings: [DataConnectionSettings] = []
        var firstIndexByName: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let path = "data_source_vos[\(index)]"
            guard let item = Self.settings(item, at: path, &violations) else { continue }
            if let first = firstIndexByName[item.name] {
                violations.add("\(path).dw_name duplicates data_source_vos[\(first)].dw_name (\(item.name))")
            } else {
                firstIndexByName[item.name] = index
            }
            settings.append(item)
        }
        return violations.isEmpty ? settings : nil
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
