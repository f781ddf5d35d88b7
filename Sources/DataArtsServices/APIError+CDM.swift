import DataArtsHTTP1

/// CDM's errors (SPEC §8.4), in CDM's own body shape.
extension APIError {
    /// Cdm.0010: no cluster with that id in the project [choice: the code is not documented].
    public static let cdmClusterNotFound = APIError(
        status: .notFound, code: "Cdm.0010", message: "The cluster does not exist.", shape: .cdm)
}
