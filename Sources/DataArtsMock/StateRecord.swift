import DataArtsJSON
import DataArtsServices

/// One line of the state log: `<crc32, 8 lowercase hex digits> <json>\n`, the JSON being one
/// `StoreChange`.
enum StateRecord {
    static func encode(_ change: StateChange) -> [UInt8] {
        let value: JSONValue = switch change {
        case .workspaces(.put(let record)):
            ["op": "workspace-put", "workspace": record.json(domainID: nil)]
        case .workspaces(.delete(let projectID, let ids)):
            ["op": "workspace-delete", "project_id": .string(projectID), "ids": .array(ids.map(JSONValue.string))]
        case .workspaces(.replaceAll(let records)):
            ["op": "workspace-replace", "workspaces": .array(records.map { $0.json(domainID: nil) })]
        case .connections(let change): encode(connections: change)
        }
        let json = value.serialized()
        let crc = String(CRC32.checksum(json), radix: 16)
        return Array((String(repeating: "0", count: 8 - crc.count) + crc + " ").utf8) + json + [UInt8(ascii: "\n")]
    }

    private static func encode(connections change: StoreChange) -> JSONValue {
        switch change {
        case .put(let connection):
            ["op": "put", "connection": connection.stateRecord]
        case .delete(let key, let id):
            ["op": "delete", "project_id": .string(key.projectID), "workspace": .string(key.workspace), "id": .string(id)]
        case .reset(let projectID, let workspace):
            ["op": "reset", "project": projectID.map(JSONValue.string) ?? .null,
             "workspace": workspace.map(JSONValue.string) ?? .null]
        case .replaceAll(let connections):
            ["op": "replace", "connections": .array(connections.map(\.stateRecord))]
        }
    }

    /// Whether `bytes` can be the start of a record: up to 8 hex digits, a space, `{`. A file
    /// that fails this from its first byte is not a state log at all.
    static func looksLikeStart(_ bytes: ArraySlice<UInt8>) -> Bool {
        for (index, byte) in bytes.prefix(10).enumerated() {
            let fits = switch index {
            case 0..<8: (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            case 8: byte == UInt8(ascii: " ")
            default: byte == UInt8(ascii: "{")
            }
            if !fits { return false }
        }
        return true
    }

    /// The change in one line (without its newline); throws why it is not a valid record.
    static func decode(_ line: ArraySlice<UInt8>, ids: IdentifierGenerator, now: Int64) throws(Damage) -> StateChange {
        guard line.count > 9, line[line.startIndex + 8] == UInt8(ascii: " "),
              let crc = UInt32(String(decoding: line.prefix(8), as: UTF8.self), radix: 16)
        else { throw Damage("the line does not start with a checksum") }
        let json = line.dropFirst(9)
        guard CRC32.checksum(json) == crc else { throw Damage("the checksum does not match the record") }
        let value: JSONValue
        do throws(JSONError) {
            value = try JSONReader.parse(json)
        } catch {
            throw Damage("the record is not valid JSON: \(error.description)")
        }
        guard let object = value.object else { throw Damage("the record is not a JSON object") }
        switch object["op"]?.string {
        case "put":
            guard let record = object["connection"],
                  let connection = try connections(["connections": [record]], ids: ids, now: now).first
            else { throw Damage("a put without its connection") }
            return .connections(.put(connection))
        case "delete":
            guard let project = object["project_id"]?.string, let workspace = object["workspace"]?.string,
                  let id = object["id"]?.string
            else { throw Damage("a delete without project_id, workspace or id") }
            return .connections(.delete(WorkspaceKey(projectID: project, workspace: workspace), id: id))
        case "reset":
            return .connections(.reset(projectID: object["project"]?.string, workspace: object["workspace"]?.string))
        case "replace":
            guard let records = object["connections"] else { throw Damage("a replace without connections") }
            return .connections(.replaceAll(try connections(["connections": records], ids: ids, now: now)))
        case "workspace-put":
            guard let record = object["workspace"], let workspace = try workspaces([record], now: now).first
            else { throw Damage("a workspace-put without its workspace") }
            return .workspaces(.put(workspace))
        case "workspace-delete":
            guard let project = object["project_id"]?.string, let values = object["ids"]?.array else {
                throw Damage("a workspace-delete without project_id or ids")
            }
            let ids = values.compactMap(\.string)
            guard ids.count == values.count else { throw Damage("a workspace-delete whose ids are not all strings") }
            return .workspaces(.delete(projectID: project, ids: ids))
        case "workspace-replace":
            return .workspaces(.replaceAll(try workspaces(object["workspaces"] ?? .null, now: now)))
        default:
            throw Damage("an unknown operation")
        }
    }

    private static func connections(_ value: JSONValue, ids: IdentifierGenerator, now: Int64) throws(Damage) -> [DataConnection] {
        do throws(APIError) {
            return try DataConnection.fromState(value, ids: ids, now: now)
        } catch {
            throw Damage("the record is not a valid connection: \(error.message)")
        }
    }

    private static func workspaces(_ value: JSONValue, now: Int64) throws(Damage) -> [WorkspaceRecord] {
        do throws(APIError) {
            return try WorkspaceRecord.fromState(value, now: now)
        } catch {
            throw Damage("the record is not a valid workspace: \(error.message)")
        }
    }

    /// Why a line is not a valid record.
    struct Damage: Error {
        let reason: String

        init(_ reason: String) {
            self.reason = reason
        }
    }
}
