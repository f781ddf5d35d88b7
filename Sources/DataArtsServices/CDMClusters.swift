/// The clusters every project has: `--cdm-cluster NAME[=UUID]` flags, or one default cluster
/// (SPEC §8.4). Ids not given are derived from the project id (and the name), so they are
/// stable across runs.
public struct CDMClusters: Sendable, Equatable {
    /// One `--cdm-cluster` flag.
    public struct Spec: Sendable, Equatable {
        public var name: String
        public var id: String?

        public init(name: String, id: String? = nil) {
            self.name = name
            self.id = id
        }
    }

    public let configured: [Spec]

    public init(_ configured: [Spec] = []) {
        self.configured = configured
    }

    /// Whether `agent_id`/`agent_name` are checked against the clusters: only when configured.
    public var checksAgents: Bool { !configured.isEmpty }

    public func clusters(in projectID: String) -> [CDMCluster] {
        guard !configured.isEmpty else {
            return [CDMCluster(name: CDMCluster.defaultName, id: DerivedID.uuid("cdm-cluster", projectID))]
        }
        return configured.map { spec in
            CDMCluster(name: spec.name, id: spec.id ?? DerivedID.uuid("cdm-cluster", "\(projectID)/\(spec.name)"))
        }
    }

    /// The problems with a connection's `agent_id`/`agent_name` at `path` (SPEC §8.4): when
    /// clusters are configured, an `agent_id` sent must name one of the project's clusters and
    /// an `agent_name` sent must be that cluster's name (or, without an id, any cluster's).
    func violations(agentID: String?, agentName: String?, projectID: String, at path: String) -> [String] {
        guard checksAgents else { return [] }
        let clusters = clusters(in: projectID)
        var problems: [String] = []
        let idPath = Violations.join(path, "agent_id")
        let namePath = Violations.join(path, "agent_name")
        if let agentID {
            if let cluster = clusters.first(where: { $0.id == agentID }) {
                if let agentName, agentName != cluster.name {
                    problems.append("\(namePath) \(agentName) is not the name of cluster \(agentID) (\(cluster.name))")
                }
            } else {
                problems.append("\(idPath) \(agentID) is not a CDM cluster of the project")
            }
        } else if let agentName, !clusters.contains(where: { $0.name == agentName }) {
            problems.append("\(namePath) \(agentName) is not a CDM cluster of the project")
        }
        return problems
    }
}
