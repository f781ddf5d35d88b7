/// CDM's errors (SPEC §8.4), from the vendor code catalogue.
extension APIError {
    public static let cdmClusterNotFound = APIError(.cdmClusterNotFound)
}
