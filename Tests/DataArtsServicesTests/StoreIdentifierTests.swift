import DataArtsJSON
import DataArtsServices
import Testing

/// Ids never collide with stored ones, seeded or not (issue 10 item 3).
@Suite struct StoreIdentifierTests {
    private let key = WorkspaceKey(projectID: "p", workspace: "w")

    /// A seed names one sequence for good: fixtures and recorded tests hold its ids. These are
    /// SplitMix64's first four outputs for seed 1, two to an id, as 16 hex digits each.
    @Test func aSeededSequenceKeepsItsIDs() {
        let ids = IdentifierGenerator(seed: 1)
        #expect(ids.next() == "910a2dec89025cc1beeb8da1658eec67")
        #expect(ids.next() == "f893a2eefb32555e71c18690ee42c90b")
    }

    @Test func aCreateDrawsAgainInsteadOfReusingAStoredID() throws {
        // What a restart with the same seed looks like: the stored ids are the sequence's first.
        let first = DataConnectionStore(clock: MockClock(), ids: IdentifierGenerator(seed: 9))
        let stored = try first.create([DataConnectionSettings(name: "a", type: "DWS", config: [:])], in: key, user: "u")
        let restarted = DataConnectionStore(clock: MockClock(), ids: IdentifierGenerator(seed: 9))
        for connection in stored { restarted.replay(.put(connection)) }
        let created = try restarted.create([DataConnectionSettings(name: "b", type: "DWS", config: [:])], in: key, user: "u")
        #expect(created.map(\.id) != stored.map(\.id))
        #expect(restarted.count == 2)
        #expect(try restarted.connection(stored[0].id, in: key).settings.name == "a")
    }

    @Test func anImportedRecordWithoutAnIDNeverGetsOneGivenToAnotherRecord() throws {
        let seededFirst = IdentifierGenerator(seed: 5).next()
        let record: (String, String?) -> JSONValue = { name, id in
            var object: JSONObject = ["project_id": "p", "workspace": "w", "dw_name": .string(name), "dw_type": "DWS", "dw_config": [:]]
            if let id { object["dw_id"] = .string(id) }
            return .object(object)
        }
        let connections = try DataConnection.fromState(
            ["connections": [record("new", nil), record("exported", seededFirst)]], ids: IdentifierGenerator(seed: 5), now: 0)
        #expect(connections.map(\.id).last == seededFirst)
        #expect(Set(connections.map(\.id)).count == 2)
    }
}
