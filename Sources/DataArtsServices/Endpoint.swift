/// One operation of an emulated service as the request pipeline sees it: who may call it,
/// and what it does with a request.
public struct Endpoint: Sendable {
    /// What the gateway checks before the operation runs (SPEC §4).
    public enum Access: Sendable, Equatable {
        /// A token or an AK/SK signature, then the project binding.
        case authenticated
        /// Nothing: the call that issues tokens cannot ask for one.
        case open
    }

    public let access: Access
    /// Validates and performs; every failure is a typed `APIError`.
    public let perform: @Sendable (inout ServiceRequest) throws(APIError) -> ServiceAnswer

    public init(
        access: Access = .authenticated,
        perform: @escaping @Sendable (inout ServiceRequest) throws(APIError) -> ServiceAnswer
    ) {
        self.access = access
        self.perform = perform
    }
}

/// An emulated API: it adds its endpoints to the pipeline's route table.
public protocol Service: Sendable {
    func register(in router: inout Router<Endpoint>)
}
