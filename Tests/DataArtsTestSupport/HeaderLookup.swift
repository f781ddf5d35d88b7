/// Response headers as the test clients receive them, in order.
extension Array where Element == (name: String, value: String) {
    /// The first value of `name`, compared case-insensitively.
    public func first(named name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
