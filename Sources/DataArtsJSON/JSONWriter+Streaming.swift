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
    /// sent many times (a stored connection's list item). The caller vouches that it is one
    /// whole JSON value.
    public mutating func value(encoded: UnsafeRawBufferPointer) {
        separateValue()
        bytes.append(contentsOf: encoded)
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
