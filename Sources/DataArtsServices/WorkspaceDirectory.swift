import DataArtsLocking

/// The workspaces created through the API, per project, in creation order (SPEC §8.3).
///
/// Names are unique per instance (one instance per project), counting the names of the
/// workspaces the mock lists without storing (`reserved`). Checks and changes happen under
/// one lock, and the observer (the state file) hears each change in the order applied.
public final class WorkspaceDirectory: Sendable {
    private let observer: (any WorkspaceObserver)?
    private let created = Locked<[String: [WorkspaceRecord]]>([:])

    public init(observer: (any WorkspaceObserver)? = nil) {
        self.observer = observer
    }

    /// The project's created workspaces, oldest first.
    public func workspaces(in projectID: String) -> [WorkspaceRecord] {
        created.withLock { $0[projectID] ?? [] }
    }

    public func workspace(_ id: String, in projectID: String) -> WorkspaceRecord? {
        created.withLock { $0[projectID]?.first { $0.id == id } }
    }

    /// Every created workspace, by project id, for export.
    public func all() -> [WorkspaceRecord] {
        created.withLock { created in created.keys.sorted().flatMap { created[$0] ?? [] } }
    }

    public var count: Int {
        created.withLock { $0.values.reduce(0) { $0 + $1.count } }
    }

    /// Stores `record` unless its name is taken in the project or is one of `reserved`.
    public func create(_ record: WorkspaceRecord, reserved: Set<String>) throws(APIError) {
        try created.withLock { (created) throws(APIError) in
            let existing = created[record.projectID] ?? []
            if reserved.contains(record.name) || existing.contains(where: { $0.name == record.name }) {
                throw .badRequest("name \(record.name) already exists in the instance")
            }
            let change = WorkspaceChange.put(record)
            Self.apply(change, to: &created)
            observer?.directory(didApply: change)
        }
    }

    /// Applies `edit` to a created workspace; the edited name must stay free.
    public func update(
        _ id: String, in projectID: String, reserved: Set<String>, _ edit: (inout WorkspaceRecord) -> Void
    ) throws(APIError) -> WorkspaceRecord {
        try created.withLock { (created) throws(APIError) -> WorkspaceRecord in
            let existing = created[projectID] ?? []
            guard var record = existing.first(where: { $0.id == id }) else { throw .noPermission }
            edit(&record)
            if reserved.contains(record.name) || existing.contains(where: { $0.name == record.name && $0.id != id }) {
                throw .badRequest("name \(record.name) already exists in the instance")
            }
            let change = WorkspaceChange.put(record)
            Self.apply(change, to: &created)
            observer?.directory(didApply: change)
            return record
        }
    }

    /// Forgets the created workspaces among `ids` (others are left to the caller).
    public func delete(_ ids: [String], in projectID: String) {
        record(.delete(projectID: projectID, ids: ids))
    }

    public func replaceAll(with records: [WorkspaceRecord]) {
        record(.replaceAll(records))
    }

    /// Applies a change read back from a state file, without recording it again.
    public func replay(_ change: WorkspaceChange) {
        created.withLock { Self.apply(change, to: &$0) }
    }

    private func record(_ change: WorkspaceChange) {
        created.withLock { created in
            Self.apply(change, to: &created)
            observer?.directory(didApply: change)
        }
    }

    private static func apply(_ change: WorkspaceChange, to created: inout [String: [WorkspaceRecord]]) {
        switch change {
        case .put(let record):
            if let index = created[record.projectID]?.firstIndex(where: { $0.id == record.id }) {
                created[record.projectID]?[index] = record
            } else {
                created[record.projectID, default: []].append(record)
            }
        case .delete(let projectID, let ids):
            created[projectID]?.removeAll { ids.contains($0.id) }
            if created[projectID]?.isEmpty == true { created[projectID] = nil }
        case .replaceAll(let records):
            created = [:]
            for record in records { apply(.put(record), to: &created) }
        }
    }
}
