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
    private let workspaces = Locked<[WorkspaceKey: Workspace]>([:])

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
        workspaces.withLock { $0.values.reduce(0) { $0 + $1.count } }
    }

    /// Creates all of `items` or none: names must be new to the workspace and the workspace
    /// must have room for all of them.
    public func create(_ items: [DataConnectionSettings], in key: WorkspaceKey, user: String) throws(APIError) -> [DataConnection] {
        let now = clock.nowMilliseconds
        let newIDs = items.map { _ in ids.next() }
        return try workspaces.withLock { (workspaces) throws(APIError) -> [DataConnection] in
            let existing = workspaces[key]?.count ?? 0
            var violations: [String] = []
            for (index, item) in items.enumerated() where workspaces[key]?.id(named: item.name) != nil {
                violations.append("data_source_vos[\(index)].dw_name \(item.name) already exists in the workspace")
            }
            if existing + items.count > maxPerWorkspace {
                violations.append(
                    "the workspace holds \(existing) data connections and may hold at most \(maxPerWorkspace)")
            }
            guard violations.isEmpty else { throw .badRequest(violations) }
            let created = zip(newIDs, items).map { id, settings in
                DataConnection(
                    id: id, projectID: key.projectID, workspace: key.workspace, settings: settings,
                    createUser: user, createTime: now)
            }
            for connection in created {
                // Mutated in place: a copy taken out of the map would share its storage and
                // copy every collection in it on the first write (measured: O(n) per create).
                workspaces[key, default: Workspace()].insert(connection)
                observer?.store(didApply: .put(connection))
            }
            return created
        }
    }

    /// The workspace's connections, oldest first.
    public func connections(in key: WorkspaceKey) -> [DataConnection] {
        workspaces.withLock { $0[key]?.connections ?? [] }
    }

    /// The workspaces of `projectID` that hold at least one connection, sorted.
    public func workspaceIDs(in projectID: String) -> [String] {
        workspaces.withLock { $0.keys.filter { $0.projectID == projectID }.map(\.workspace) }.sorted()
    }

    /// One page of the workspace's connections oldest first, and how many match in all (SPEC
    /// §2.3); only the page is copied out of the lock.
    func page(
        in key: WorkspaceKey, offset: Int, limit: Int?, matching filter: (@Sendable (DataConnection) -> Bool)?
    ) -> (items: [DataConnection], total: Int) {
        workspaces.withLock { $0[key]?.page(offset: offset, limit: limit, matching: filter) ?? ([], 0) }
    }

    public func connection(_ id: String, in key: WorkspaceKey) throws(APIError) -> DataConnection {
        guard let connection = workspaces.withLock({ $0[key]?.byID[id] }) else { throw .notFound }
        return connection
    }

    /// Replaces every client-settable field; the type cannot change and the new name must be
    /// free (the connection's own name excepted).
    public func update(_ id: String, with settings: DataConnectionSettings, in key: WorkspaceKey) throws(APIError) -> DataConnection {
        let now = clock.nowMilliseconds
        return try workspaces.withLock { (workspaces) throws(APIError) -> DataConnection in
            guard var connection = workspaces[key]?.byID[id] else { throw .notFound }
            var violations: [String] = []
            if settings.type != connection.settings.type {
                violations.append(
                    "data_source_vos[0].dw_type \(settings.type) differs from \(connection.settings.type): "
                        + "the connection type cannot be modified")
            }
            if let owner = workspaces[key]?.id(named: settings.name), owner != id {
                violations.append("data_source_vos[0].dw_name \(settings.name) already exists in the workspace")
            }
            guard violations.isEmpty else { throw .badRequest(violations) }
            connection.settings = settings
            connection.updateType = 1
            connection.updateTime = now
            workspaces[key]?.replace(connection)
            observer?.store(didApply: .put(connection))
            return connection
        }
    }

    @discardableResult
    public func delete(_ id: String, in key: WorkspaceKey) throws(APIError) -> DataConnection {
        try workspaces.withLock { (workspaces) throws(APIError) -> DataConnection in
            guard let removed = workspaces[key]?.byID[id] else { throw .notFound }
            let change = StoreChange.delete(key, id: id)
            Self.apply(change, to: &workspaces)
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
        workspaces.withLock { workspaces in
            workspaces.keys.sorted().flatMap { workspaces[$0]?.connections ?? [] }
        }
    }

    /// Replaces every connection at once.
    public func replaceAll(with connections: [DataConnection]) {
        record(.replaceAll(connections))
    }

    /// Applies a change read back from a state file, without recording it again.
    public func replay(_ change: StoreChange) {
        workspaces.withLock { Self.apply(change, to: &$0) }
    }

    private func record(_ change: StoreChange) {
        workspaces.withLock { workspaces in
            Self.apply(change, to: &workspaces)
            observer?.store(didApply: change)
        }
    }

    private static func apply(_ change: StoreChange, to workspaces: inout [WorkspaceKey: Workspace]) {
        switch change {
        case .put(let connection):
            let key = WorkspaceKey(projectID: connection.projectID, workspace: connection.workspace)
            if workspaces[key]?.byID[connection.id] != nil {
                workspaces[key]?.replace(connection)
            } else {
                workspaces[key, default: Workspace()].insert(connection)
            }
        case .delete(let key, let id):
            workspaces[key]?.remove(id)
            if workspaces[key]?.isEmpty == true { workspaces[key] = nil }
        case .reset(let projectID, let workspace):
            workspaces = workspaces.filter { key, _ in
                !((projectID == nil || key.projectID == projectID) && (workspace == nil || key.workspace == workspace))
            }
        case .replaceAll(let connections):
            workspaces = [:]
            for connection in connections { apply(.put(connection), to: &workspaces) }
        }
    }
}
