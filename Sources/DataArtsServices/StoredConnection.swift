import DataArtsJSON

/// A stored data connection and its answers, encoded once when it is stored: a show sends
/// these bytes as they are, and a list item is nine of their members, so a list copies byte
/// runs instead of encoding fifty connections (perf, issue 9: encoding, and the retains and
/// releases of copying connections out of the store, were most of a list's time and a tenth
/// of a show's).
///
/// A class, so that the store's index, its order and a page share one value: one reference a
/// connection, not one for each of its strings. Immutable: an update stores a new one.
final class StoredConnection: @unchecked Sendable {
    let connection: DataConnection
    /// One allocation this object owns: the list item's member ranges, then the show's bytes.
    /// Not arrays: reading an array's bytes retains and releases its buffer, and both event
    /// loops read the same connections, so perf showed those atomic counts, bouncing between
    /// the cores, as a tenth of a list. Written once here, freed in `deinit`: safe to share.
    private let storage: UnsafeMutableRawPointer
    private let showCount: Int
    /// 9, or 0 for a show beyond 2 GiB (only with a `--max-body-bytes` that large), whose list
    /// item is then written afresh each time: the ranges are 32-bit, to keep RSS down.
    private let listMemberCount: Int
    private static let listMembers = 9
    private static let rangesBytes = listMembers * MemoryLayout<Range<Int32>>.stride

    init(_ connection: DataConnection) {
        self.connection = connection
        var writer = JSONWriter()
        let spans = connection.writeShow(into: &writer)
        showCount = writer.bytes.count
        listMemberCount = showCount <= Int(Int32.max) && spans.count == Self.listMembers ? spans.count : 0
        storage = .allocate(byteCount: Self.rangesBytes + showCount, alignment: MemoryLayout<Range<Int32>>.alignment)
        let ranges = storage.bindMemory(to: Range<Int32>.self, capacity: Self.listMembers)
        for (index, span) in spans.prefix(listMemberCount).enumerated() {
            (ranges + index).initialize(to: Int32(span.lowerBound)..<Int32(span.upperBound))
        }
        writer.bytes.withUnsafeBytes { (storage + Self.rangesBytes).copyMemory(from: $0.baseAddress!, byteCount: showCount) }
    }

    deinit {
        storage.deallocate()
    }

    /// The show object's bytes.
    var show: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + Self.rangesBytes, count: showCount)
    }

    func writeShow(into writer: inout JSONWriter) {
        writer.value(encoded: show)
    }

    func writeListItem(into writer: inout JSONWriter) {
        if listMemberCount > 0 {
            let ranges = UnsafeBufferPointer(start: storage.assumingMemoryBound(to: Range<Int32>.self), count: listMemberCount)
            writer.object(members: ranges, in: show)
            return
        }
        // Beyond 32-bit offsets: the item's members copied out of a fresh show.
        var fresh = JSONWriter()
        let spans = connection.writeShow(into: &fresh)
        fresh.bytes.withUnsafeBytes { writer.object(members: spans, in: $0) }
    }
}
