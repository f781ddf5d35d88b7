import DataArtsServices
import DataArtsHTTP1
import DataArtsJSON
import DataArtsTestSupport
import Testing

/// SPEC §8.3: the instance, and workspaces listed, created, updated and deleted.
@Suite struct WorkspaceAPITests {
    static let keys = [
        "id", "name", "description", "eps_id", "is_default", "owner_name", "project_id", "domain_id", "instance_id",
        "create_time", "create_user", "update_time", "update_user", "member_num", "job_log_location_name",
        "bad_record_location_name",
    ]

    func names(_ api: Prerequisites) -> [String]? {
        api.workspace("GET", "/v1/\(project)/workspaces/\(api.instance.id)?limit=100").json?["data"]?.array?
            .compactMap { $0["name"]?.string }
    }

    func workspaceID(named name: String, _ api: Prerequisites) -> String? {
        api.workspace("GET", "/v1/\(project)/workspaces/\(api.instance.id)?limit=100").json?["data"]?.array?
            .compactMap(\.object).first { $0["name"]?.string == name }?["id"]?.string
    }

    @Test func eachProjectHasOneInstanceWithTheOrderKeys() throws {
        let api = Prerequisites(projects: [.init(region: "cn-north-4", id: project)])
        let body = try #require(api.workspace("GET", "/v1/\(project)/instances").json?.object)
        #expect(body.keys == ["count", "commodity_orders"])
        let order = try #require(body["commodity_orders"]?.array?.first?.object)
        #expect(order.keys == [
            "project_id", "order_id", "region_id", "resource_id", "resource_name", "resource_type",
            "resource_spec_code", "status", "create_time", "create_user",
        ])
        #expect(order["resource_id"]?.string == api.instance.id)
        #expect(order["region_id"]?.string == "cn-north-4")
        #expect(order["status"] == 2)
        #expect(api.workspace("GET", "/v1/\(project)/instances?offset=1").json?["commodity_orders"]?.array == [])
        #expect(api.workspace("GET", "/v1/\(project)/instances?limit=0").json?["error_code"]?.string == "DAYU.4402")
    }

    @Test func theDefaultWorkspaceComesFirstAndConfiguredOnesFollow() throws {
        let api = Prerequisites(configuredWorkspaces: [workspace])
        let body = try #require(api.workspace("GET", "/v1/\(project)/workspaces/\(api.instance.id)").json?.object)
        #expect(body.keys == ["count", "total_page", "data"])
        let first = try #require(body["data"]?.array?.first?.object)
        #expect(first.keys == Self.keys)
        #expect(first["is_default"] == 1 && first["name"]?.string == "default")
        #expect(first["id"]?.string == api.instance.defaultWorkspaceID)
        #expect(names(api) == ["default", workspace])
    }

    @Test func countIsTheTotalAndTotalPageRoundsUp() throws {
        let api = Prerequisites()
        for name in ["a", "b", "c", "d"] {
            _ = api.workspace("POST", "/v1/\(project)/workspaces/\(api.instance.id)", body: #"{"name":"\#(name)","eps_id":"0"}"#)
        }
        let body = try #require(api.workspace("GET", "/v1/\(project)/workspaces/\(api.instance.id)?limit=2&offset=2").json?.object)
        #expect(body["count"] == 5 && body["total_page"] == 3)
        #expect(body["data"]?.array?.compactMap { $0["name"]?.string } == ["b", "c"])
    }

    @Test func aCreatedWorkspaceIsListedShownAndUsableAtOnceInStrictMode() throws {
        let api = Prerequisites(strict: true, configuredWorkspaces: [workspace])
        let created = api.workspace(
            "POST", "/v1/\(project)/workspaces/\(api.instance.id)",
            body: #"{"name":"ws_2","eps_id":"0","description":"d","job_log_location_name":"obs://x/"}"#, user: "alice")
        #expect(created.text == #"{"message":null,"is_success":true}"#)
        let id = try #require(workspaceID(named: "ws_2", api))
        let shown = try #require(api.workspace("GET", "/v1/\(project)/workspaces/\(api.instance.id)/\(id)").json?.object)
        #expect(shown["create_user"]?.string == "alice" && shown["job_log_location_name"]?.string == "obs://x/")

        let connection = api.connection("POST", "/v1/\(project)/data-connections", body: wrapped(item()), workspace: id)
        #expect(connection.status == .ok)
        let byDefault = api.connection(
            "POST", "/v1/\(project)/data-connections", body: wrapped(item()), workspace: api.instance.defaultWorkspaceID)
        #expect(byDefault.status == .ok)
        let unknown = api.connection("POST", "/v1/\(project)/data-connections", body: wrapped(item()), workspace: "nope")
        #expect(unknown.errorCode == "DAYU.3601")
    }

    @Test func permissiveModeListsWorkspacesHoldingConnectionsAndStrictModeDoesNot() {
        for strict in [false, true] {
            let api = Prerequisites(strict: strict)
            _ = api.connection("POST", "/v1/\(project)/data-connections", body: wrapped(item()), workspace: "w_conn")
            #expect(names(api) == (strict ? ["default"] : ["default", "w_conn"]))
        }
    }

    @Test(arguments: [
        #"{"eps_id":"0"}"#, #"{"name":"ws","eps_id":null}"#, #"{"name":"","eps_id":"0"}"#,
        #"{"name":"has-dash","eps_id":"0"}"#, #"{"name":"abcdefghijklmnopqrstuvwxyz0123456","eps_id":"0"}"#,
        #"{"name":1,"eps_id":"0"}"#, "[]", "{",
    ])
    func aCreateBodyOutsideTheSchemaIsDAYU4402(_ body: String) {
        let api = Prerequisites()
        let response = api.workspace("POST", "/v1/\(project)/workspaces/\(api.instance.id)", body: body)
        #expect(response.status == .badRequest && response.errorCode == "DAYU.4402")
        #expect(names(api) == ["default"])
    }

    @Test func aDuplicateNameIsDAYU4402IncludingTheDefaultWorkspacesName() {
        let api = Prerequisites()
        let path = "/v1/\(project)/workspaces/\(api.instance.id)"
        #expect(api.workspace("POST", path, body: #"{"name":"ws","eps_id":"0"}"#).status == .ok)
        #expect(api.workspace("POST", path, body: #"{"name":"ws","eps_id":"0"}"#).errorCode == "DAYU.4402")
        #expect(api.workspace("POST", path, body: #"{"name":"default","eps_id":"0"}"#).errorCode == "DAYU.4402")
    }

    @Test func anUnknownInstanceOrWorkspaceIsDAYU3601() {
        let api = Prerequisites()
        #expect(api.workspace("GET", "/v1/\(project)/workspaces/nope").errorCode == "DAYU.3601")
        #expect(api.workspace("GET", "/v1/\(project)/workspaces/\(api.instance.id)/nope").errorCode == "DAYU.3601")
        #expect(api.workspace("PUT", "/v1/\(project)/\(api.instance.id)/workspace/nope", body: #"{"name":"x"}"#).errorCode == "DAYU.3601")
        let other = DataArtsInstance(projectID: "f" + project.dropFirst()).id
        #expect(api.workspace("GET", "/v1/\(project)/workspaces/\(other)").errorCode == "DAYU.3601")
    }

    @Test func anUpdateChangesWhatItSendsAndKeepsTheRest() throws {
        let api = Prerequisites()
        _ = api.workspace(
            "POST", "/v1/\(project)/workspaces/\(api.instance.id)", body: #"{"name":"ws","eps_id":"0","description":"keep"}"#)
        let id = try #require(workspaceID(named: "ws", api))
        api.clock.freeze(atMilliseconds: 1_767_225_700_000)
        let updated = api.workspace("PUT", "/v1/\(project)/\(api.instance.id)/workspace/\(id)", body: #"{"name":"ws2"}"#, user: "bob")
        #expect(updated.text == #"{"message":null,"is_success":true}"#)
        let shown = try #require(api.workspace("GET", "/v1/\(project)/workspaces/\(api.instance.id)/\(id)").json?.object)
        #expect(shown["name"]?.string == "ws2" && shown["description"]?.string == "keep")
        #expect(shown["update_user"]?.string == "bob" && shown["update_time"] == 1_767_225_700_000)
        #expect(shown["create_time"] == 1_767_225_600_000)
    }

    @Test func theDefaultWorkspaceCannotBeUpdatedOrDeleted() {
        let api = Prerequisites()
        let defaultID = api.instance.defaultWorkspaceID
        let update = api.workspace("PUT", "/v1/\(project)/\(api.instance.id)/workspace/\(defaultID)", body: #"{"name":"x"}"#)
        #expect(update.errorCode == "DAYU.4402")
        let delete = api.workspace(
            "POST", "/v1/\(project)/\(api.instance.id)/workspaces/batch-delete", body: #"{"workspace_ids":["\#(defaultID)"]}"#)
        #expect(delete.errorCode == "DAYU.4402")
        #expect(delete.errorMessage?.contains("the default workspace cannot be deleted") == true)
    }

    @Test func batchDeleteRemovesTheWorkspacesAndTheirConnectionsAllOrNothing() throws {
        let api = Prerequisites()
        let path = "/v1/\(project)/\(api.instance.id)/workspaces/batch-delete"
        _ = api.workspace("POST", "/v1/\(project)/workspaces/\(api.instance.id)", body: #"{"name":"ws","eps_id":"0"}"#)
        let id = try #require(workspaceID(named: "ws", api))
        _ = api.connection("POST", "/v1/\(project)/data-connections", body: wrapped(item()), workspace: id)
        _ = api.connection("POST", "/v1/\(project)/data-connections", body: wrapped(item()), workspace: "kept")

        #expect(api.workspace("POST", path, body: #"{"workspace_ids":["\#(id)","unknown"]}"#).errorCode == "DAYU.3601")
        #expect(api.store.connections(in: WorkspaceKey(projectID: project, workspace: id)).count == 1)

        let deleted = api.workspace("POST", path, body: #"{"workspace_ids":["\#(id)"]}"#)
        #expect(deleted.text == #"{"message":null,"is_success":true}"#)
        #expect(api.store.connections(in: WorkspaceKey(projectID: project, workspace: id)).isEmpty)
        #expect(api.store.connections(in: WorkspaceKey(projectID: project, workspace: "kept")).count == 1)
        #expect(names(api) == ["default", "kept"])
        for body in [#"{"workspace_ids":[]}"#, #"{"workspace_ids":[1]}"#, "{}"] {
            #expect(api.workspace("POST", path, body: body).errorCode == "DAYU.4402")
        }
    }

    @Test func aConfiguredWorkspaceCannotBeDeleted() {
        let api = Prerequisites(configuredWorkspaces: [workspace])
        let response = api.workspace(
            "POST", "/v1/\(project)/\(api.instance.id)/workspaces/batch-delete", body: #"{"workspace_ids":["\#(workspace)"]}"#)
        #expect(response.errorCode == "DAYU.4402")
    }

    @Test func createdWorkspacesRoundTripThroughTheStateFormat() throws {
        let api = Prerequisites()
        _ = api.workspace("POST", "/v1/\(project)/workspaces/\(api.instance.id)", body: #"{"name":"ws","eps_id":"0"}"#)
        let records = api.directory.all()
        let back = try WorkspaceRecord.fromState(.array(records.map { $0.json(domainID: nil) }), now: 0)
        #expect(back == records)
        #expect(throws: APIError.self) {
            try WorkspaceRecord.fromState([["id": "x", "project_id": .string(project), "name": "n", "instance_id": "wrong"]], now: 0)
        }
        #expect(throws: APIError.self) {
            try WorkspaceRecord.fromState(.array(records.map { $0.json(domainID: nil) } + records.map { $0.json(domainID: nil) }), now: 0)
        }
    }
}
