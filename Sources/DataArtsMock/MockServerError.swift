/// Why a `MockServer` could not start.
public struct MockServerError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The port is taken by another process.
        case addressInUse
        /// Binding or listening failed otherwise.
        case listen
        /// A fixture or state file could not be read or is invalid.
        case loading
    }

    public let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
