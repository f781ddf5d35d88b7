import DataArtsHTTP1
import DataArtsJSON

/// CDM's cluster look-ups (SPEC §8.4).
public enum CDMOperation: String, Sendable, CaseIterable {
    case listClusters, showCluster
}

/// The CDM clusters a data connection's `agent_id` names; no `workspace` header.
public struct CDMAPI: Service {
    public static let clustersPath = "/v1.1/{project_id}/clusters"
    public static let clusterPath = "/v1.1/{project_id}/clusters/{cluster_id}"

    public let clusters: CDMClusters
    /// `created`/`updated` of every cluster: the server's start.
    private let startedAt: Int64

    /// Method, template and operation of every route (SPEC §8.4).
    public static let routes: [(method: String, template: String, operation: CDMOperation)] = [
        ("GET", clustersPath, .listClusters),
        ("GET", clusterPath, .showCluster),
    ]

    public init(clusters: CDMClusters, clock: MockClock) {
        self.clusters = clusters
        startedAt = clock.nowMilliseconds
    }

    public func register(in router: inout Router<Endpoint>) {
        for route in Self.routes {
            let operation = route.operation
            router.add(route.method, route.template, Endpoint { [self] (request) throws(APIError) in
                try perform(operation, request)
            })
        }
    }

    /// Runs `operation`; the doc's `?enterprise_project_id=…` is accepted and ignored.
    public func perform(_ operation: CDMOperation, _ request: ServiceRequest) throws(APIError) -> ServiceAnswer {
        let all = clusters.clusters(in: request.parameters["project_id"] ?? "")
        switch operation {
        case .listClusters:
            return .json(.ok, ["clusters": .array(all.map { $0.json(time: startedAt) })])
        case .showCluster:
            guard let cluster = all.first(where: { $0.id == request.parameters["cluster_id"] }) else {
                throw .cdmClusterNotFound
            }
            return .json(.ok, cluster.json(time: startedAt))
        }
    }
}
