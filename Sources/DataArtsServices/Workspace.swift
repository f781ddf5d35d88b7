/// The connections of one workspace, in creation order, indexed by id and by name.
struct Workspace: Sendable {
    private(set) var byID: [String: DataConnection] = [:]
    private var order: [String] = []
    private var idByName: [String: String] = [:]

    var count: Int { order.count }
    var isEmpty: Bool { order.isEmpty }

    /// Oldest first.
    var connections: [DataConnection] {
        order.compactMap { byID[$0] }
    }

    /// Connections `offset…` (at most `limit`) oldest first, and how many there are in all;
    /// with `filter`, of those it keeps. Without a filter it costs the page, not the workspace.
    func page(offset: Int, limit: Int?, matching filter: ((DataConnection) -> Bool)?) -> (items: [DataConnection], total: Int) {
        let limit = limit ?? Int.max
        guard let filter else {
            let start = min(offset, order.count)
            let end = start + min(limit, order.count - start)
            return (order[start..<end].compactMap { byID[$0] }, order.count)
        }
        var items: [DataConnection] = []
        var total = 0
        for id in order {
            guard let connection = byID[id], filter(connection) else { continue }
            if total >= offset && items.count < limit { items.append(connection) }
            total += 1
        }
        return (items, total)
    }

    /// The id of the connection called `name`; names are case-sensitive (SPEC §2.2).
    func id(named name: String) -> String? {
        idByName[name]
    }

    mutating func insert(_ connection: DataConnection) {
        byID[connection.id] = connection
        order.append(connection.id)
        idByName[connection.settings.name] = connection.id
    }

    mutating func replace(_ connection: DataConnection) {
        guard let old = byID[connection.id] else { return }
        idByName[old.settings.name] = nil
        idByName[connection.settings.name] = connection.id
        byID[connection.id] = connection
    }

    @discardableResult
    mutating func remove(_ id: String) -> DataConnection? {
        guard let old = byID.removeValue(forKey: id) else { return nil }
        idByName[old.settings.name] = nil
        order.removeAll { $0 == id }
        return old
    }
}
