import DataArtsHTTP1
import DataArtsJSON
import DataArtsTestSupport
import DataArtsServices
import Testing

/// List's page and `total_size` against the obvious model (filter everything, then slice),
/// for every offset and limit around the edges, with and without filters, after deletes.
@Suite struct ListPagingTests {
    @Test func pagesAreTheSliceOfTheMatchingConnectionsInCreationOrder() throws {
        let api = makeAPI()
        let names = (0..<12).map { $0 % 3 == 0 ? "Hive_\($0)" : "dws_\($0)" }
        var ids: [String] = []
        for name in names {
            let created = api.create(wrapped(item(name: name)))
            ids.append(try #require(created.json?["data_connection_id"]?.string))
        }
        #expect(api.call("DELETE", "/v1/\(project)/data-connections/\(ids[4])").status == .ok)
        let stored = names.enumerated().filter { $0.offset != 4 }.map(\.element)
        for (query, keep) in [("", { (_: String) in true }), ("name=HIVE&", { (name: String) in name.lowercased().contains("hive") })] {
            let matching = stored.filter(keep)
            for offset in [0, 1, 3, 10, 11, 12, 50] {
                for limit in [nil, 1, 2, 5, 100] as [Int?] {
                    let target = "/v1/\(project)/data-connections?\(query)offset=\(offset)" + (limit.map { "&limit=\($0)" } ?? "")
                    let body = try #require(api.call("GET", target).json?.object)
                    let expected = Array(matching.dropFirst(offset).prefix(limit ?? .max))
                    let listed = body["data_connection_lists"]?.array?.compactMap { $0["dw_name"]?.string }
                    #expect(listed == expected, "\(target)")
                    #expect(body["total_size"]?.int == matching.count, "\(target)")
                    #expect(body["count"]?.int == expected.count, "\(target)")
                }
            }
        }
    }
}
