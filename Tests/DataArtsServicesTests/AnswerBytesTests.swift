import DataArtsHTTP1
import DataArtsJSON
import DataArtsServices
import DataArtsTestSupport
import Testing

/// Show and list answers byte for byte: the store keeps each connection's list item encoded
/// from the time it was stored, and the show is written member by member, so both must still
/// read exactly as the vendor's tables order them (SPEC §2.3, §2.4), escapes (in the
/// description and the config) and nulls included.
@Suite struct AnswerBytesTests {
    @Test(arguments: [
        (#""agent_id":"a1","agent_name":"agent","description":"d/é\"x""#, #""a1""#, #""agent""#, #""d/é\"x""#),
        ("", "null", "null", "null"),
    ])
    func showAndListItemReadAsTheVendorOrdersThem(_ extra: String, _ agentID: String, _ agentName: String, _ description: String) throws {
        let api = makeAPI()
        let body = #"{"dw_name":"n_1","dw_type":"DWS","dw_config":{"host":"h\n","password":"p"}"#
            + (extra.isEmpty ? "" : "," + extra) + "}"
        let created = api.create(wrapped(body))
        let id = try #require(created.json?["data_connection_id"]?.string, "\(created.text)")
        let show = api.call("GET", "/v1/\(project)/data-connections/\(id)")
        let time = try #require(show.json?["create_time"]?.int)
        #expect(show.text == #"{"dw_name":"n_1","dw_type":"DWS","dw_config":{"host":"h\n","password":"******","update_time":"#
            + "\(time)}," + #""agent_id":"# + agentID + #","agent_name":"# + agentName + #","env_type":0,"qualified_name":"DWS.n_1","#
            + #""dw_id":""# + id + #"","create_user":"dataarts-mock","create_time":"# + "\(time)"
            + #","dw_catagory":null,"description":"# + description + #","update_type":0}"#)
        let list = api.call("GET", "/v1/\(project)/data-connections")
        #expect(list.text == #"{"count":1,"max_records":200,"total_size":1,"data_connection_lists":[{"dw_name":"n_1","dw_type":"DWS","#
            + #""create_user":"dataarts-mock","create_time":"# + "\(time)" + #","agent_id":"# + agentID + #","agent_name":"# + agentName
            + #","dw_id":""# + id + #"","qualified_name":"DWS.n_1","description":"# + description + "}]}")
    }

    /// An update stores the connection anew, list item included: both answer the new values.
    @Test func anUpdateIsWhatShowAndListAnswer() throws {
        let api = makeAPI()
        let id = try #require(api.create(wrapped(item(name: "before"))).json?["data_connection_id"]?.string)
        let path = "/v1/\(project)/data-connections/\(id)"
        #expect(api.call("PUT", path, body: wrapped(item("description", #""new""#, name: "after"))).status == .ok)
        #expect(api.call("GET", path).json?["dw_name"]?.string == "after")
        #expect(api.call("GET", path).json?["update_type"]?.int == 1)
        let listed = api.call("GET", "/v1/\(project)/data-connections").json?["data_connection_lists"]?.array?.first
        #expect(listed?["dw_name"]?.string == "after")
        #expect(listed?["description"]?.string == "new")
    }
}
