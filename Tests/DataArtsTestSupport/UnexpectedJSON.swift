/// JSON that parsed but is not of the shape a test expected.
public struct UnexpectedJSON: Error, CustomStringConvertible {
    public let description: String
}
