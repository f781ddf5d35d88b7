import DataArtsServices

/// A state log read whole, without changing it: its valid changes in order, its damaged
/// records, and a torn tail if the last record is incomplete.
///
/// Only the bytes after the last newline can be a torn write (every batch is one `write`
/// that ends in a newline, so a crash leaves a prefix of it). A record that has its newline
/// but not its checksum is damage, wherever it is, and is never dropped without being asked.
struct StateLogScan {
    struct Damage: Equatable {
        /// Byte offset of the record's first byte, and its line (from 1).
        let offset: Int
        let line: Int
        let reason: String
    }

    private(set) var changes: [StateChange] = []
    private(set) var damaged: [Damage] = []
    /// Offset and length of an incomplete last record.
    private(set) var tornTail: (offset: Int, length: Int)?
    /// Valid records after the first damaged one: what a refusal says is at stake.
    private(set) var validAfterFirstDamage = 0

    /// Throws when `bytes` are not a state log at all (nothing in them is a record).
    init(_ bytes: [UInt8], path: String, ids: IdentifierGenerator, now: Int64) throws(MockServerError) {
        try Self.check(bytes, path: path)
        var offset = 0
        var line = 1
        while offset < bytes.count {
            guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else {
                // A record cut exactly before its newline is still whole.
                do throws(StateRecord.Damage) {
                    append(try StateRecord.decode(bytes[offset...], ids: ids, now: now))
                } catch {
                    tornTail = (offset, bytes.count - offset)
                }
                return
            }
            do throws(StateRecord.Damage) {
                append(try StateRecord.decode(bytes[offset..<newline], ids: ids, now: now))
            } catch {
                damaged.append(Damage(offset: offset, line: line, reason: error.reason))
            }
            offset = newline + 1
            line += 1
        }
    }

    private mutating func append(_ change: StateChange) {
        changes.append(change)
        if !damaged.isEmpty { validAfterFirstDamage += 1 }
    }

    /// Throws unless `bytes` can be a state log: empty, all zero bytes (a crash before the
    /// first write reached the disk can leave those), or with some line that starts like a
    /// record. Some line, not the first: a log whose first checksum took a flipped bit is a
    /// damaged log (refused with its offset, salvageable), not some other file.
    static func check(_ bytes: [UInt8], path: String) throws(MockServerError) {
        guard !bytes.isEmpty, !bytes.allSatisfy({ $0 == 0 }) else { return }
        var start = bytes.startIndex
        while start < bytes.endIndex {
            if StateRecord.looksLikeStart(bytes[start...]) { return }
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            start = newline + 1
        }
        throw notAStateLog(bytes, path: path)
    }

    private static func notAStateLog(_ bytes: [UInt8], path: String) -> MockServerError {
        let first = bytes.first { ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains($0) }
        let hint = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            ? "it looks like JSON, e.g. a GET /__mock/state snapshot: load that with --fixtures \(path) and give --state-file a new path"
            : "give --state-file a new path (it is created) or the state log of an earlier run"
        return MockServerError(
            .loading,
            "--state-file \(path) is not a dataarts-mock state log (its first line is not `<crc32> <json>`); "
                + "nothing was changed. \(hint.prefix(1).uppercased() + hint.dropFirst()).")
    }
}
