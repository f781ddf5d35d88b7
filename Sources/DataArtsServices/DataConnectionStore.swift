import DataArtsLocking

/// Every data connection, in memory, keyed by project and workspace.
///
/// Safe under concurrent requests: one lock guards the map, its scopes only compute, and
/// a multi-item create is checked whole before anything is inserted (all or none).
public final class DataConnectionStore: Sendable {
    public let maxPerWorkspace: Int
    private let clock: MockClock
    private let ids: IdentifierGenerator
    private let observer: (any StoreObserver)?
    private let contents = Locked(Contents())

    /// The map, and every id in it: ids are unique across workspaces, and a create must see
    /// every stored one to never reuse it (issue 10 item 3: a seeded generator restarts its
    /// sequence after a restart, and its first ids are the stored ones).
    private struct Contents {
        var workspaces: [WorkspaceKey: Workspace] = [:]
        var ids: Set<String> = []
    }

    public init(
        clock: MockClock, ids: IdentifierGenerator, maxPerWorkspace: Int = 200, observer: (any StoreObserver)? = nil
    ) {
        self.clock = clock
        self.ids = ids
        self.maxPerWorkspace = maxPerWorkspace
        self.observer = observer
    }

    /// Stored connections in every workspace.
    public var count: Int {
        contents.withLock { $0.ids.count }
    }

    /// Creates all of `items` or none: names must be new to the workspace and the workspace
    /// must have room for all of them.
    public func create(_ items: [DataConnectionSettings], in key: WorkspaceKey, user: String) throws(APIError) -> [DataConnection] {
        let now = clock.nowMilliseconds
        return try contents.withLock { (contents) throws(APIError) -> [DataConnection] in
            let existing = contents.workspaces[key]?.count ?? 0
            var violations: [String] = []
            for (index, item) in items.enumerated() where contents.workspaces[key]?.id(named: item.name) != nil {
                violations.append("data_source_vos[\(index)].dw_name \(item.name) already exists in the workspace")
            }
            if existing + items.count > maxPerWorkspace {
                violations.append(
                    "the workspace holds \(existing) data connections and may hold at most \(maxPerWorkspace)")
            }
            guard violations.isEmpty else { throw .badRequest(violations) }
            var created: [DataConnection] = []
            for settings in items {
                // Drawn under the lock, so that no stored id (nor one drawn a moment ago by a
                // concurrent create) can be drawn again unnoticed.
                let id = ids.next(avoiding: contents.ids)
                let connection = DataConnection(
                    id: id, projectID: key.projectID, workspace: key.workspace, settings: settings,
                    createUser: user, createTime: now)
                // Mutated in place: a copy taken out of the map would share its storage and
                // copy every collection in it on the first write (measured: O(n) per create).
                contents.workspaces[key, default: Workspace()].insert(connection)
                contents.ids.insert(id)
                observer?.store(didApply: .put(connection))
                created.append(connection)
            }
            return created
        }
    }

    /// The workspace's connections, oldest first.
    public func connections(in key: WorkspaceKey) -> [DataConnection] {
        contents.withLock { $0.workspaces[key]?.connections ?? [] }
    }

    /// The workspaces of `projectID` that hold at least one connection, sorted.
    public func workspaceIDs(in projectID: String) -> [String] {
        contents.withLock { $0.workspaces.keys.filter { $0.projectID == projectID }.map(\.workspace) }.sorted()
    }

    /// Runs `body` on one page of the workspace's connections, oldest first, and how many
    /// match in all (SPEC §2.3), under the lock: the page is written from where it is stored.
    /// A page copied out costs a retain and a release of each item, on objects both event
    /// loops touch: perf showed that cache-line traffic as a fifth of a list's time.
    func withPage<Result>(
        in key: WorkspaceKey, offset: Int, limit: Int?, matching filter: (@Sendable (DataConnection) -> Bool)?,
        _ body: (_ items: ArraySlice<StoredConnection>, _ total: Int) -> Result
    ) -> Result {
        contents.withLock { contents in
            let (items, total) = contents.workspaces[key]?.page(offset: offset, limit: limit, matching: filter) ?? ([], 0)
            return body(items, total)
        }
    }

    public func connection(_ id: String, in key: WorkspaceKey) throws(APIError) -> DataConnection {
        try stored(id, in: key).connection
    }

    /// The connection as stored, shared, not copied: what a show writes from.
    func stored(_ id: String, in key: WorkspaceKey) throws(APIError) -> StoredConnection {
        guard let stored = contents.withLock({ $0.workspaces[key]?.stored(id) }) else { throw .notFound }
        return stored
    }

    /// Whether any workspace holds a connection with this id.
    public func contains(id: String) -> Bool {
        contents.withLock { $0.ids.contains(id) }
    }

    /// Replaces every client-settable field; the type cannot change and the new name must be
    /// free (the connection's own name excepted).
    public func update(_ id: String, with settings: DataConnectionSettings, in key: WorkspaceKey) throws(APIError) -> DataConnection {
        let now = clock.nowMilliseconds
        return try contents.withLock { (contents) throws(APIError) -> DataConnection in
            guard var connection = contents.workspaces[key]?.connection(id) else { throw .notFound }
            var violations: [String] = []
            if settings.type != connection.settings.type {
                violations.append(
                    "data_source_vos[0].dw_type \(settings.type) differs from \(connection.settings.type): "
                        + "the connection type cannot be modified")
            }
            if let owner = contents.workspaces[key]?.id(named: settings.name), owner != id {
                violations.append("data_source_vos[0].dw_name \(settings.name) already exists in the workspace")
            }
            guard violations.isEmpty else { throw .badRequest(violations) }
            connection.settings = settings
            connection.updateType = 1
            connection.updateTime = now
            contents.workspaces[key]?.replace(connection)
            observer?.store(didApply: .put(connection))
            return connection
        }
    }

    @discardableResult
    public func delete(_ id: String, in key: WorkspaceKey) throws(APIError) -> DataConnection {
        try contents.withLock { (contents) throws(APIError) -> DataConnection in
            guard let removed = contents.workspaces[key]?.connection(id) else { throw .notFound }
            let change = StoreChange.delete(key, id: id)
            Self.apply(change, to: &contents)
            observer?.store(didApply: change)
            return removed
        }
    }

    /// Empties everything, one project, one workspace name across projects, or one workspace.
    public func reset(projectID: String? = nil, workspace: String? = nil) {
        record(.reset(projectID: projectID, workspace: workspace))
    }

    /// Every connection, grouped by workspace in a stable order (for export).
    public func allConnections() -> [DataConnection] {
        contents.withLock { Self.snapshot(of: $0) }
    }

    /// Every connection, and what `body` answers under the same lock: for a state file's
    /// compaction, which must know exactly which recorded changes its snapshot holds.
    public func allConnections<Value: Sendable>(whileLocked body: () -> Value) -> ([DataConnection], Value) {
        contents.withLock { contents in (Self.snapshot(of: contents), body()) }
    }

    /// Replaces every connection at once.
    public func replaceAll(with connections: [DataConnection]) {
        record(.replaceAll(connections))
    }

    /// Applies a change read back from a state file, without recording it again.
    public func replay(_ change: StoreChange) {
        contents.withLock { Self.apply(change, to: &$0) }
    }

    /// Puts the store back to what `changes` build from nothing, without recording it, and
    /// runs `body` under the same lock: for a state file that could not write a change, so
    /// that memory holds what the file holds again, atomically with discarding every change
    /// recorded since (no create can slip in between and be lost with them).
    public func restore(replaying changes: [StoreChange], whileLocked body: () -> Void) {
        contents.withLock { contents in
            contents = Contents()
            for change in changes { Self.apply(change, to: &contents) }
            body()
        }
    }

    private func record(_ change: StoreChange) {
        contents.withLock { contents in
            Self.apply(change, to: &contents)
            observer?.store(didApply: change)
        }
    }

    private static func snapshot(of contents: Contents) -> [DataConnection] {
        contents.workspaces.keys.sorted().flatMap { contents.workspaces[$0]?.connections ?? [] }
    }

    private static func apply(_ change: StoreChange, to contents: inout Contents) {
        switch change {
        case .put(let connection):
            let key = WorkspaceKey(projectID: connection.projectID, workspace: connection.workspace)
            if contents.workspaces[key]?.stored(connection.id) != nil {
                contents.workspaces[key]?.replace(connection)
            } else {
                contents.workspaces[key, default: Workspace()].insert(connection)
            }
            contents.ids.insert(connection.id)
        case .delete(let key, let id):
            if contents.workspaces[key]?.remove(id) != nil { contents.ids.remove(id) }
            if contents.workspaces[key]?.isEmpty == true { contents.workspaces[key] = nil }
        case .reset(let projectID, let workspace):
            for (key, removed) in contents.workspaces
            where (projectID == nil || key.projectID == projectID) && (workspace == nil || key.workspace == workspace) {
                for connection in removed.connections { contents.ids.remove(connection.id) }
                contents.workspaces[key] = nil
            }
        case .replaceAll(let connections):
            contents = Contents()
            for connection in connections { apply(.put(connection), to: &contents) }
        }
    }
}
