extension JSONValue {
    /// The path of every number in the value that is too large for a double (`1e400`, `-1e400`,
    /// a 401-digit integer), in document order: `a.b[2]`, each under `path`; at most `limit` of them.
    ///
    /// The reader keeps such numbers, since RFC 8259 §6 allows them and echoing one back changes
    /// nothing; a consumer that needs a double refuses them wherever they are (SPEC §2.2),
    /// including inside objects that take any keys. Numbers too small for one (`1e-400`) round
    /// to zero and are not listed.
    public func pathsOfNumbersOutsideDoubleRange(under path: String = "", limit: Int = .max) -> [String] {
        var paths: [String] = []
        // A heap stack, not recursion, like the reader: the depth is the reader's limit, but a
        // value built in code has none.
        var pending: [(value: JSONValue, path: String)] = [(self, path)]
        while paths.count < limit, let (value, path) = pending.popLast() {
            switch value {
            case .number(let number) where !number.isWithinDoubleRange:
                paths.append(path)
            case .array(let items):
                pending.append(contentsOf: items.indices.reversed().map { (items[$0], "\(path)[\($0)]") })
            case .object(let object):
                pending.append(contentsOf: object.members.reversed().map {
                    ($0.value, path.isEmpty ? $0.key : "\(path).\($0.key)")
                })
            case .null, .bool, .number, .string:
                break
            }
        }
        return paths
    }
}
