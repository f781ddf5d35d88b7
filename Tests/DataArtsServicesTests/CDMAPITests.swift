import DataArtsServices
import DataArtsHTTP1
import DataArtsJSON
import DataArtsTestSupport
import Testing

/// SPEC §8.4: clusters, and agent_id/agent_name checked against them when configured.
@Suite struct CDMAPITests {
    static let clusterID = "91f81a12-75c5-43ce-aab8-7149ecef3b17"

    @Test func withoutFlagsEachProjectHasTheDefaultClusterWithTheDocSamplesKeys() throws {
        let api = Prerequisites()
        let body = try #require(api.cdm("/v1.1/\(project)/clusters").json?.object)
        let cluster = try #require(body["clusters"]?.array?.first?.object)
        #expect(cluster.keys == [
            "version", "updated", "name", "created", "id", "publicEndpoint", "status", "isFrozen", "statusDetail",
            "actionProgress", "config_status",
        ])
        #expect(cluster["name"]?.string == "cdm-dataarts-mock")
        #expect(cluster["id"]?.string == DerivedID.uuid("cdm-cluster", project))
        #expect(cluster["status"]?.string == "200" && cluster["created"]?.string == "2026-01-01T00:00:00")
    }

    @Test func configuredClustersKeepTheirUUIDOrDeriveOne() throws {
        let api = Prerequisites(clusters: [.init(name: "given", id: Self.clusterID), .init(name: "derived")])
        let clusters = try #require(api.cdm("/v1.1/\(project)/clusters").json?["clusters"]?.array)
        #expect(clusters.compactMap { $0["id"]?.string }
            == [Self.clusterID, DerivedID.uuid("cdm-cluster", "\(project)/derived")])
        let shown = api.cdm("/v1.1/\(project)/clusters/\(Self.clusterID)")
        #expect(shown.json?["name"]?.string == "given")
    }

    @Test func anUnknownClusterIs404InCDMsShape() {
        let response = Prerequisites().cdm("/v1.1/\(project)/clusters/nope")
        #expect(response.status == .notFound)
        #expect(response.text == #"{"code":"Cdm.0010","errCode":"Cdm.0010","message":"The cluster does not exist.","externalMessage":"The cluster does not exist."}"#)
    }

    func agent(_ id: String?, _ name: String?, connection: String = "c1") -> String {
        var fields = [#""dw_name":"\#(connection)""#, #""dw_type":"DWS""#, #""dw_config":{}"#]
        if let id { fields.append(#""agent_id":"\#(id)""#) }
        if let name { fields.append(#""agent_name":"\#(name)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    @Test func configuredClustersCheckAgentsOnCreateUpdateAndValidate() throws {
        let api = Prerequisites(clusters: [.init(name: "cdm-a", id: Self.clusterID)])
        let create = "/v1/\(project)/data-connections"
        #expect(api.connection("POST", create, body: wrapped(agent(Self.clusterID, "cdm-a")), workspace: workspace).status == .ok)
        let wrongID = api.connection("POST", create, body: wrapped(agent(nil, nil, connection: "c2"), agent("x", nil, connection: "c3")), workspace: workspace)
        #expect(wrongID.errorMessage == "The operation failed, detail msg data_source_vos[1].agent_id x is not a CDM cluster of the project.")
        let wrongName = api.connection("POST", create, body: wrapped(agent(Self.clusterID, "cdm-b")), workspace: workspace)
        #expect(wrongName.errorMessage?.contains("data_source_vos[0].agent_name cdm-b is not the name of cluster") == true)
        let nameOnly = api.connection("POST", create, body: wrapped(agent(nil, "cdm-b")), workspace: workspace)
        #expect(nameOnly.errorCode == "DAYU.4402")
        let validate = api.connection("POST", "/v1/\(project)/data-connections/validation", body: agent("x", nil), workspace: workspace)
        #expect(validate.errorMessage == "The operation failed, detail msg agent_id x is not a CDM cluster of the project.")
        let id = try #require(api.store.connections(in: WorkspaceKey(projectID: project, workspace: workspace)).first?.id)
        let update = api.connection("PUT", "/v1/\(project)/data-connections/\(id)", body: wrapped(agent("x", nil)), workspace: workspace)
        #expect(update.errorCode == "DAYU.4402")
    }

    @Test func withoutConfiguredClustersAgentsAreNotChecked() {
        let api = Prerequisites()
        let response = api.connection("POST", "/v1/\(project)/data-connections", body: wrapped(agent("any", "thing")), workspace: workspace)
        #expect(response.status == .ok)
    }
}
