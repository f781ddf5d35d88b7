extension JSONWriter {
    /// Starts an object where a value may stand: at the top, after `key(_:)`, or in an array.
    public mutating func beginObject() {
        separateValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separateValue()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's key inside an object; its value follows. The caller keeps keys distinct
    /// (a streamed object is written as it goes, so nothing can be replaced afterwards).
    public mutating func key(_ key: String) {
        separateValue()
        write(string: key)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A whole value where a value may stand.
    public mutating func value(_ value: JSONValue) {
        separateValue()
        write(value)
    }

    /// A value some `JSONWriter` wrote earlier, appended as it is: for a value written once and
    /// sent many times (a stored connection's show). The caller vouches that it is one
    /// whole JSON value.
    public mutating func value(encoded: UnsafeRawBufferPointer) {
        separateValue()
        bytes.append(contentsOf: encoded)
    }

    /// Where the member (or value) that `body` writes sits in `bytes`, without the comma
    /// before it: to send that member again later in another object (`object(members:in:)`).
    public mutating func span(of body: (inout JSONWriter) -> Void) -> Range<Int> {
        let start = bytes.count
        body(&self)
        // A member starts with its key's quote, a value never with a comma: one is the separator.
        let first = start < bytes.count && bytes[start] == UInt8(ascii: ",") ? start + 1 : start
        return first..<bytes.count
    }

    /// An object of members some `JSONWriter` wrote earlier: `members` are ranges of
    /// `encoded`, each one whole `"key":value` (see `span(of:)`), joined in their order.
    /// 32-bit ranges, as a stored connection keeps them.
    public mutating func object(members: UnsafeBufferPointer<Range<Int32>>, in encoded: UnsafeRawBufferPointer) {
        object(memberRanges: members.lazy.map { Int($0.lowerBound)..<Int($0.upperBound) }, in: encoded)
    }

    /// `object(members:in:)` with the ranges as `span(of:)` answers them.
    public mutating func object(members: [Range<Int>], in encoded: UnsafeRawBufferPointer) {
        object(memberRanges: members, in: encoded)
    }

    /// Both `object(members:in:)`: generic only inside this module, where each caller's
    /// collection is specialised (across modules it was not, and a list ran at 0.10x).
    private mutating func object(memberRanges members: some Collection<Range<Int>>, in encoded: UnsafeRawBufferPointer) {
        separateValue()
        // Grown once, then filled by plain copies: a list writes nine members for each of fifty
        // items, and an `append` per piece (its uniqueness and capacity checks) cost more than
        // the copies (perf: list at 0.88x of sending one pre-encoded item).
        var count = 2 + max(0, members.count - 1)
        for member in members { count += member.count }
        var position = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { out in
            out[position] = UInt8(ascii: "{")
            position += 1
            for (index, member) in members.enumerated() {
                if index > 0 {
                    out[position] = UInt8(ascii: ",")
                    position += 1
                }
                let piece = UnsafeRawBufferPointer(rebasing: encoded[member])
                UnsafeMutableRawBufferPointer(rebasing: out[position..<(position + piece.count)]).copyMemory(from: piece)
                position += piece.count
            }
            out[position] = UInt8(ascii: "}")
        }
    }

    /// `key(key)` then `value(value)`.
    public mutating func member(_ key: String, _ value: JSONValue) {
        self.key(key)
        self.value(value)
    }

    /// The comma between the values of an array or the members of an object; nothing after a key.
    mutating func separateValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = needsComma.indices.last else { return }
        if needsComma[last] { bytes.append(UInt8(ascii: ",")) }
        needsComma[last] = true
    }
}
