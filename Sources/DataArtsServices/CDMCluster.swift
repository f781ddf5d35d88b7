public import DataArtsJSON

/// A CDM cluster (SPEC §8.4): its `id` becomes a data connection's `agent_id`, its `name`
/// the `agent_name`.
public struct CDMCluster: Sendable, Equatable {
    /// The cluster each project has when no `--cdm-cluster` is given.
    public static let defaultName = "cdm-dataarts-mock"
    static let version = "2.10.0.300"

    public var name: String
    /// A UUID with dashes, as CDM writes cluster ids.
    public var id: String

    public init(name: String, id: String) {
        self.name = name
        self.id = id
    }

    /// The doc sample's keys, in its order; `created`/`updated` are `time` (the server's start).
    public func json(time: Int64) -> JSONValue {
        let stamp = ISOTimestamp(milliseconds: time).seconds
        return [
            "version": .string(Self.version),
            "updated": .string(stamp),
            "name": .string(name),
            "created": .string(stamp),
            "id": .string(id),
            "publicEndpoint": "127.0.0.1",
            "status": "200",
            "isFrozen": "0",
            "statusDetail": "Normal",
            "actionProgress": [:],
            "config_status": "In-Sync",
        ]
    }
}
