import DataArtsLocking

/// The bounded ring of requests that reached routing, oldest first.
///
/// `dropped` counts what the ring pushed out since the last clear, so a verification never
/// passes on a silently truncated journal.
public final class RequestJournal: Sendable {
    public let capacity: Int
    private let state: Locked<State>

    private struct State {
        var entries: [JournalEntry] = []
        /// Index of the oldest entry once the ring is full.
        var head = 0
        var dropped = 0
        var nextSeq = 1
    }

    /// What `entries(matching:)` saw: the entries and the ring's counters.
    public struct Snapshot: Sendable {
        public let entries: [JournalEntry]
        public let dropped: Int
        public let capacity: Int
    }

    /// Which entries to return; `nil` matches anything.
    public struct Filter: Sendable {
        public var method: String?
        /// A prefix of the path.
        public var path: String?
        public var status: Int?
        public var projectID: String?
        public var workspace: String?
        /// Only the newest `limit` of the matches.
        public var limit: Int?

        public init(
            method: String? = nil, path: String? = nil, status: Int? = nil, projectID: String? = nil,
            workspace: String? = nil, limit: Int? = nil
        ) {
            self.method = method
            self.path = path
            self.status = status
            self.projectID = projectID
            self.workspace = workspace
            self.limit = limit
        }

        func matches(_ entry: JournalEntry) -> Bool {
            (method.map { $0.uppercased() == entry.method } ?? true)
                && (path.map { entry.path.hasPrefix($0) } ?? true)
                && (status.map { $0 == entry.status } ?? true)
                && (projectID.map { $0 == entry.projectID } ?? true)
                && (workspace.map { $0 == entry.workspace } ?? true)
        }
    }

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        self.state = Locked(State())
    }

    /// Adds `entry`, giving it the next sequence number.
    func record(_ entry: JournalEntry) {
        state.withLock { state in
            var entry = entry
            entry.seq = state.nextSeq
            state.nextSeq += 1
            if state.entries.count < capacity {
                state.entries.append(entry)
            } else {
                state.entries[state.head] = entry
                state.head = (state.head + 1) % capacity
                state.dropped += 1
            }
        }
    }

    public func entries(matching filter: Filter = Filter()) -> Snapshot {
        let (ordered, dropped) = state.withLock { state in
            (Array(state.entries[state.head...] + state.entries[..<state.head]), state.dropped)
        }
        var matching = ordered.filter(filter.matches)
        if let limit = filter.limit { matching = Array(matching.suffix(max(0, limit))) }
        return Snapshot(entries: matching, dropped: dropped, capacity: capacity)
    }

    /// Empties the journal and its `dropped` count.
    public func clear() {
        state.withLock { state in
            state.entries = []
            state.head = 0
            state.dropped = 0
        }
    }

    /// Removes the entries of one project and/or workspace (a scoped reset).
    func clear(projectID: String?, workspace: String?) {
        state.withLock { state in
            let ordered = Array(state.entries[state.head...] + state.entries[..<state.head])
            state.entries = ordered.filter { entry in
                !((projectID == nil || entry.projectID == projectID) && (workspace == nil || entry.workspace == workspace))
            }
            state.head = 0
        }
    }
}
