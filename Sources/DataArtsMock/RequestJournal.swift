import DataArtsLocking

/// The bounded ring of requests that reached routing, oldest first.
///
/// `dropped` counts what the ring pushed out since the last clear, so a verification never
/// passes on a silently truncated journal.
public final class RequestJournal: Sendable {
    public let capacity: Int
    /// The byte budget (`--journal-max-bytes`): entries' `byteCost` summed never exceeds it,
    /// except for a single newest entry (at most two cut bodies and the headers).
    public let maxBytes: Int
    private let state: Locked<State>

    private struct State {
        /// Oldest first.
        var entries = Ring<JournalEntry>()
        var bytes = 0
        var dropped = 0
        var nextSeq = 1

        /// The live entries with `seq` above `since`, found by bisection (seq only grows), so
        /// that a page polling for what is new copies only that.
        func live(after since: Int?) -> [JournalEntry] {
            guard let since else { return entries.elements(from: 0) }
            var low = 0
            var high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].seq <= since { low = middle + 1 } else { high = middle }
            }
            return entries.elements(from: low)
        }
        var count: Int { entries.count }

        mutating func dropOldest() -> JournalEntry {
            let oldest = entries.removeFirst()
            bytes -= oldest.chargedCost
            dropped += 1
            return oldest
        }
    }

    /// What `entries(matching:)` saw: the entries and the ring's counters.
    public struct Snapshot: Sendable {
        public let entries: [JournalEntry]
        public let dropped: Int
        public let capacity: Int
        /// Bytes the journal holds now, by `JournalEntry.byteCost`.
        public let bytes: Int
    }

    /// Which entries to return; `nil` matches anything.
    public struct Filter: Sendable {
        public var method: String?
        /// A prefix of the path.
        public var path: String?
        public var status: Int?
        public var projectID: String?
        public var workspace: String?
        /// Only entries with a greater `seq`: what a polling page has not seen yet.
        public var since: Int?
        /// Only the newest `limit` of the matches.
        public var limit: Int?

        public init(
            method: String? = nil, path: String? = nil, status: Int? = nil, projectID: String? = nil,
            workspace: String? = nil, since: Int? = nil, limit: Int? = nil
        ) {
            self.method = method
            self.path = path
            self.status = status
            self.projectID = projectID
            self.workspace = workspace
            self.since = since
            self.limit = limit
        }

        func matches(_ entry: JournalEntry) -> Bool {
            (method.map { $0.uppercased() == entry.method } ?? true)
                && (path.map { entry.path.hasPrefix($0) } ?? true)
                && (status.map { $0 == entry.status } ?? true)
                && (projectID.map { $0 == entry.projectID } ?? true)
                && (workspace.map { $0 == entry.workspace } ?? true)
                && (since.map { entry.seq > $0 } ?? true)
        }
    }

    public init(capacity: Int, maxBytes: Int = 64 * 1024 * 1024) {
        self.capacity = max(1, capacity)
        self.maxBytes = max(1, maxBytes)
        self.state = Locked(State())
    }

    /// Adds `entry`, giving it the next sequence number, and drops the oldest entries until
    /// both the count and the byte budget hold.
    func record(_ entry: JournalEntry) {
        // What is pushed out is returned from the lock and freed after it, when the result is
        // dropped: each entry holds a dozen strings and bodies.
        _ = state.withLock { state -> (first: JournalEntry?, more: [JournalEntry]) in
            var entry = entry
            entry.seq = state.nextSeq
            state.nextSeq += 1
            let cost = entry.byteCost
            entry.chargedCost = cost
            var evicted: (first: JournalEntry?, more: [JournalEntry]) = (nil, [])
            while state.count > 0 && (state.count >= capacity || state.bytes + cost > maxBytes) {
                let oldest = state.dropOldest()
                if evicted.first == nil { evicted.first = oldest } else { evicted.more.append(oldest) }
            }
            state.entries.append(entry)
            state.bytes += cost
            return evicted
        }
    }

    public func entries(matching filter: Filter = Filter()) -> Snapshot {
        let (live, dropped, bytes) = state.withLock { state in
            (state.live(after: filter.since), state.dropped, state.bytes)
        }
        var matching = live.filter(filter.matches)
        if let limit = filter.limit { matching = Array(matching.suffix(max(0, limit))) }
        return Snapshot(entries: matching, dropped: dropped, capacity: capacity, bytes: bytes)
    }

    /// The counters alone, without copying an entry.
    public func statistics() -> Statistics {
        state.withLock { state in
            Statistics(
                count: state.count, oldestSeq: state.entries.first?.seq, nextSeq: state.nextSeq, bytes: state.bytes,
                dropped: state.dropped)
        }
    }

    /// What `statistics()` reports.
    public struct Statistics: Sendable {
        public let count: Int
        public let oldestSeq: Int?
        /// The `seq` the next entry gets; it never goes back, not even on a clear.
        public let nextSeq: Int
        public let bytes: Int
        public let dropped: Int
    }

    /// Empties the journal and its `dropped` count.
    public func clear() {
        state.withLock { state in
            state.entries.removeAll()
            state.bytes = 0
            state.dropped = 0
        }
    }

    /// Removes the entries of one project and/or workspace (a scoped reset).
    func clear(projectID: String?, workspace: String?) {
        state.withLock { state in
            let kept = state.live(after: nil).filter { entry in
                !((projectID == nil || entry.projectID == projectID) && (workspace == nil || entry.workspace == workspace))
            }
            state.entries.removeAll()
            for entry in kept { state.entries.append(entry) }
            state.bytes = kept.reduce(0) { $0 + $1.chargedCost }
        }
    }
}
