/// The connections of one workspace, in creation order, indexed by id and by name.
struct Workspace: Sendable {
    private var byID: [String: StoredConnection] = [:]
    private var order: [StoredConnection] = []
    private var idByName: [String: String] = [:]
    /// The project id and workspace name of the first connection stored, given to every later
    /// one: one copy of the 32-character project id a workspace, not one a connection (the
    /// request's own copy is a new string each time; 80 bytes a connection at 100,000).
    private var key: WorkspaceKey?

    var count: Int { order.count }
    var isEmpty: Bool { order.isEmpty }

    /// Oldest first.
    var connections: [DataConnection] {
        order.map(\.connection)
    }

    func stored(_ id: String) -> StoredConnection? {
        byID[id]
    }

    func connection(_ id: String) -> DataConnection? {
        byID[id]?.connection
    }

    /// Connections `offset…` (at most `limit`) oldest first, and how many there are in all;
    /// with `filter`, of those it keeps. Without a filter it costs the page, not the workspace.
    func page(offset: Int, limit: Int?, matching filter: ((DataConnection) -> Bool)?) -> (items: ArraySlice<StoredConnection>, total: Int) {
        let limit = limit ?? Int.max
        guard let filter else {
            let start = min(offset, order.count)
            let end = start + min(limit, order.count - start)
            return (order[start..<end], order.count)
        }
        var items: [StoredConnection] = []
        var total = 0
        for stored in order where filter(stored.connection) {
            if total >= offset && items.count < limit { items.append(stored) }
            total += 1
        }
        return (items[...], total)
    }

    /// The id of the connection called `name`; names are case-sensitive (SPEC §2.2).
    func id(named name: String) -> String? {
        idByName[name]
    }

    /// `connection` with this workspace's own copies of its project id and workspace name.
    func sharingKeys(_ connection: DataConnection) -> DataConnection {
        guard let key else { return connection }
        var shared = connection
        shared.projectID = key.projectID
        shared.workspace = key.workspace
        return shared
    }

    mutating func insert(_ connection: DataConnection) {
        let stored = StoredConnection(sharingKeys(connection))
        if key == nil { key = WorkspaceKey(projectID: connection.projectID, workspace: connection.workspace) }
        byID[connection.id] = stored
        order.append(stored)
        idByName[connection.settings.name] = connection.id
    }

    mutating func replace(_ connection: DataConnection) {
        guard let old = byID[connection.id], let position = order.firstIndex(where: { $0 === old }) else { return }
        let stored = StoredConnection(sharingKeys(connection))
        idByName[old.connection.settings.name] = nil
        idByName[connection.settings.name] = connection.id
        byID[connection.id] = stored
        order[position] = stored
    }

    @discardableResult
    mutating func remove(_ id: String) -> DataConnection? {
        guard let old = byID.removeValue(forKey: id) else { return nil }
        idByName[old.connection.settings.name] = nil
        order.removeAll { $0 === old }
        return old.connection
    }
}
