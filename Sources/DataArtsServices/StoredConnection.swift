import DataArtsJSON

/// A stored data connection and its list item, encoded once when it is stored: a list answer
/// copies fifty of these byte runs instead of encoding fifty connections, so its cost is the
/// page's bytes (perf, issue 9: encoding the items, and the retains and releases of copying
/// fifty connections out of the store, were most of a list's time).
///
/// A class, so that the store's index, its order and a page share one value: one reference a
/// connection, not one for each of its strings. Immutable: an update stores a new one.
final class StoredConnection: @unchecked Sendable {
    let connection: DataConnection
    /// `connection.writeListItem(into:)`'s bytes, in memory this object owns rather than an
    /// array: reading an array's bytes retains and releases its buffer, and both event loops
    /// read the same items, so perf showed those atomic counts, bouncing between the cores,
    /// as a tenth of a list. Written once here, freed in `deinit`: safe to share (`Sendable`).
    let listItem: UnsafeRawBufferPointer

    init(_ connection: DataConnection) {
        self.connection = connection
        var writer = JSONWriter()
        connection.writeListItem(into: &writer)
        let item = UnsafeMutableRawBufferPointer.allocate(byteCount: writer.bytes.count, alignment: 1)
        item.copyBytes(from: writer.bytes)
        listItem = UnsafeRawBufferPointer(item)
    }

    deinit {
        listItem.deallocate()
    }
}
