public import DataArtsHTTP1
import DataArtsJSON

/// CDM's cluster look-ups (SPEC §8.4).
public enum CDMOperation: String, Sendable, CaseIterable {
    case listClusters, showCluster
}

/// The CDM clusters a data connection's `agent_id` names; no `workspace` header.
public struct CDMAPI: Sendable {
    public static let clustersPath = "/v1.1/{project_id}/clusters"
    public static let clusterPath = "/v1.1/{project_id}/clusters/{cluster_id}"

    public let clusters: CDMClusters
    /// `created`/`updated` of every cluster: the server's start.
    private let startedAt: Int64
    public let router: Router<CDMOperation>

    public init(clusters: CDMClusters, clock: MockClock) {
        self.clusters = clusters
        startedAt = clock.nowMilliseconds
        var router = Router<CDMOperation>()
        router.add("GET", Self.clustersPath, .listClusters)
        router.add("GET", Self.clusterPath, .showCluster)
        self.router = router
    }

    /// Runs `operation`; the doc's `?enterprise_project_id=…` is accepted and ignored.
    public func respond(to request: HTTPRequest, operation: CDMOperation, parameters: [String: String]) -> HTTPResponse {
        let projectID = parameters["project_id"] ?? ""
        let all = clusters.clusters(in: projectID)
        switch operation {
        case .listClusters:
            return .json(.ok, ["clusters": .array(all.map { $0.json(time: startedAt) })])
        case .showCluster:
            guard let cluster = all.first(where: { $0.id == parameters["cluster_id"] }) else {
                return APIError.cdmClusterNotFound.response
            }
            return .json(.ok, cluster.json(time: startedAt))
        }
    }
}
